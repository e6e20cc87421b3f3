"""`protokol reindex --background`: one job per search node, in the node's own queue, run by a real
`protokol worker` on that node; it rebuilds the index from the database, and running it again gives
the same index."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta

import pytest
from django.utils import timezone

QUERY = "skole"


def _hits(database) -> list[tuple[str, str]]:
    out = json.loads(database.run("search", QUERY, "--json", "--limit", "50").stdout)
    return sorted((hit["meeting"], hit["title"]) for hit in out["hits"])


def test_a_reindex_job_rebuilds_this_nodes_index_from_the_database(database):
    database.run("init")
    database.run("demo", "--meetings", "1")
    found = _hits(database)
    assert found, "the demo data has nothing to find: pick another word"

    # The public index is lost (a disk replaced, a bad copy): the node finds nothing.
    shutil.rmtree(database.var / "files" / "index" / "public")
    assert _hits(database) == []

    queued = database.run("reindex", "--background")
    assert "Genopbygning sat i kø for 1 søgeknude" in queued.stdout, queued.stdout
    assert "1 venter" in database.run("jobs").stdout
    assert database.run("reindex", "--background").returncode == 0
    assert "1 venter" in database.run("jobs").stdout  # one waiting per node is enough
    assert _hits(database) == []  # enqueued, not run by the command

    database.run("worker", "--until-empty")
    assert "0 venter, 0 kører, 1 lykkedes, 0 fejlede." in database.run("jobs").stdout
    assert _hits(database) == found

    # Idempotent: the job again (as after a killed worker) leaves the same index.
    database.run("reindex", "--background")
    database.run("worker", "--until-empty")
    assert "2 lykkedes" in database.run("jobs").stdout
    assert _hits(database) == found


def test_a_worker_leaves_another_nodes_rebuild_to_that_node(database, tmp_path):
    """A worker on node B (its own DATA_DIR) does not take node A's rebuild, and A's worker does."""
    database.run("init")
    database.run("demo", "--meetings", "1")
    node_a = database.var / "files" / "index" / "node.json"
    assert node_a.exists()
    other = dict(database.env, PROTOKOL_DATA_DIR=str(tmp_path / "node-b"))
    b = database.env
    database.env = other
    try:
        database.run("search", QUERY)  # node B registers and builds its own index
        assert "2 søgeknuder" in database.run("reindex", "--background").stdout
        database.run("worker", "--until-empty")  # B's worker: B's job only
    finally:
        database.env = b
    status = database.run("jobs").stdout
    assert "1 venter, 0 kører, 1 lykkedes" in status, status
    database.run("worker", "--until-empty")  # A's worker takes A's
    assert "0 venter, 0 kører, 2 lykkedes, 0 fejlede." in database.run("jobs").stdout


@pytest.mark.django_db
def test_a_forgotten_nodes_waiting_rebuild_goes_with_it(settings):
    from django_tasks_db.models import DBTaskResult

    from protokol.search.jobs import enqueue_reindex
    from protokol.search.models import SearchNode
    from protokol.search.outbox import forget_lost_nodes

    gone = SearchNode.objects.create(host="gone")
    here = SearchNode.objects.create(host="here")
    SearchNode.objects.filter(pk=gone.pk).update(
        seen=timezone.now() - timedelta(days=settings.PROTOKOL_SEARCH_NODE_DAYS + 1)
    )
    assert enqueue_reindex() == [gone.pk, here.pk]
    assert forget_lost_nodes() >= 1
    assert list(SearchNode.objects.values_list("pk", flat=True)) == [here.pk]
    assert list(DBTaskResult.objects.values_list("queue_name", flat=True)) == [f"search-node-{here.pk}"]

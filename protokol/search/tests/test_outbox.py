"""The outbox keeps the index in step with the database, even when indexing dies after the commit."""

import json

import pytest
from typer.testing import CliRunner

from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.enums import Role
from protokol.meetings.tests import factories
from protokol.search import index, outbox
from protokol.search.index import Filters, backend, writer_lock
from protokol.search.models import OutboxEntry
from protokol.search.query import parse, search


@pytest.fixture(autouse=True)
def node(db):
    """This test's index, registered as a node before anything is written (as a running site's is)."""
    return outbox.register()


def _indexed(word: str) -> int:
    """What the public index holds right now, without draining first."""
    from protokol.meetings.queries import search_scope

    return backend.search(parse(word), scope=search_scope(None), filters=Filters()).count


def _publish_meeting_with(word: str):
    body = factories.body()
    meeting = factories.meeting(body)
    factories.item(meeting, f"Punkt om {word}")
    services.publish_agenda(meeting, by=system_user())
    return meeting


def test_a_write_is_indexed_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _publish_meeting_with("havnebad")
    assert not OutboxEntry.objects.exists()
    assert _indexed("havnebad") == 1


def test_indexing_killed_after_commit_is_caught_up_by_the_next_drain(
    db, django_capture_on_commit_callbacks, monkeypatch
):
    def die(**_kwargs):
        raise SystemExit("the process died between commit and indexing")

    monkeypatch.setattr(outbox, "drain", die)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        meeting = _publish_meeting_with("havnebad")
    # The transaction has committed; the process dies in the after-commit step.
    with pytest.raises(SystemExit):
        for callback in callbacks:
            callback()
    monkeypatch.undo()
    assert OutboxEntry.objects.filter(meeting_id=meeting.pk).exists()
    assert _indexed("havnebad") == 0
    # The next drain (here: the one before a search) catches up.
    assert search("havnebad").count == 1
    assert not OutboxEntry.objects.exists()


def test_index_commit_failing_leaves_the_rows(db, monkeypatch):
    meeting = _publish_meeting_with("havnebad")

    def broken_commit(self):
        raise OSError("disk full")

    monkeypatch.setattr(index.Writers, "commit", broken_commit)
    with pytest.raises(OSError):
        outbox.drain()
    monkeypatch.undo()
    assert OutboxEntry.objects.filter(meeting_id=meeting.pk).exists()
    assert outbox.drain() >= 1
    assert _indexed("havnebad") == 1


def test_drain_after_commit_never_breaks_the_write(db, django_capture_on_commit_callbacks, monkeypatch):
    def broken(**_kwargs):
        raise RuntimeError("index unavailable")

    monkeypatch.setattr(outbox, "drain", broken)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _publish_meeting_with("havnebad")
    meeting.refresh_from_db()
    assert meeting.status == "agenda_published"
    assert OutboxEntry.objects.exists()


def test_another_holder_of_the_writer_lock_leaves_the_rows(db):
    _publish_meeting_with("havnebad")
    with writer_lock() as locked:
        assert locked
        assert outbox.drain() == 0
        assert OutboxEntry.objects.exists()
    assert outbox.drain() >= 1
    assert not OutboxEntry.objects.exists()


def test_changes_and_removals_reach_the_index(db):
    meeting = _publish_meeting_with("havnebad")
    item = meeting.items.get(title="Punkt om havnebad")
    assert search("havnebad").count == 1
    services.update_item(item=item, title="Punkt om vinterbadning", by=system_user())
    assert search("havnebad").count == 0
    assert search("vinterbadning").count == 1
    draft = factories.meeting(meeting.body)
    removed = factories.item(draft, "Kladde om kajakpolo")
    admin = system_user()
    assert search("kajakpolo", user=admin).count == 1
    services.remove_item(item=removed, by=admin)
    assert search("kajakpolo", user=admin).count == 0


SAMPLE_QUERIES = [
    "budget*",
    "borgerne",
    '"økonomiske og faglige konsekvenser"',
    "sommerhuse",
    "lokalplan",
    "ejendom",
]


def _snapshot(users) -> list:
    out = []
    for user in users:
        for q in SAMPLE_QUERIES:
            page = search(q, user=user, page_size=100)
            facets = {k: [(f.value, f.count) for f in v] for k, v in page.facets.items()}
            out.append((q, page.count, sorted((h.item_id, str(h.snippet)) for h in page.hits), facets))
    return out


def test_reindex_gives_the_same_results_as_incremental_indexing(db, settings, tmp_path):
    from protokol.meetings.demo import generate
    from protokol.meetings.models import Body

    generate(meetings=12, seed=1)
    member = factories.member(Body.objects.get(slug="direktionen"))
    secretariat = factories.member(Body.objects.get(slug="oekonomiudvalget"), role=Role.SECRETARIAT)
    users = [None, member, secretariat, system_user()]
    outbox.drain()
    incremental = _snapshot(users)
    assert any(count for _q, count, _h, _f in incremental)
    # From scratch, into an empty data directory, and again over the existing indexes.
    settings.DATA_DIR = tmp_path / "rebuilt"
    assert outbox.reindex() > 0
    assert _snapshot(users) == incremental
    assert outbox.reindex() > 0
    assert _snapshot(users) == incremental


def test_cli_search_and_reindex(reference_meeting):
    from protokol.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["reindex"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["search", "Facebook", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["hits"][0]["number"] == 5
    assert data["hits"][0]["meeting"] == "direktionen/2016-05-30"
    assert "Facebook" in data["hits"][0]["snippet"]
    result = runner.invoke(app, ["search", "Facebook", "--body", "oekonomiudvalget"])
    assert result.exit_code == 0 and result.output.startswith("0 resultater")
    result = runner.invoke(app, ["search", "styring", "--since", "2016-01-01", "--until", "2016-12-31"])
    assert "direktionen/2016-05-30 punkt 1" in result.output
    result = runner.invoke(app, ["search", "x", "--since", "maj"])
    assert result.exit_code == 1


def test_the_outbox_row_is_written_through_the_hook_in_the_writes_transaction(db):
    """The domain announces a change (meetings.signals); the search part, registered in its
    AppConfig.ready(), writes the row in the same transaction: a write rolled back leaves none."""
    from django.db import transaction

    from protokol.meetings.signals import meeting_changed

    assert meeting_changed.has_listeners()
    body = factories.body()
    meeting = factories.meeting(body)
    outbox.drain()  # what the factories queued
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.item(meeting, "Punkt der fortrydes")
        assert OutboxEntry.objects.filter(meeting_id=meeting.pk).exists()
        raise RuntimeError("roll back")
    assert not OutboxEntry.objects.exists()
    factories.item(meeting, "Punkt der bliver")
    assert OutboxEntry.objects.filter(meeting_id=meeting.pk).exists()


def _publish_and_commit(word: str) -> None:
    """A document's write, then what its commit runs (Django's test transaction never commits, and it
    registers the outbox's after-commit drain only once per test)."""
    _publish_meeting_with(word)
    outbox._drain_after_commit()


def test_a_job_worker_indexes_many_writes_in_one_commit_and_all_of_them_when_idle(db, monkeypatch, settings):
    """An import worker skips the drain after each document (a tantivy commit each would cost more than
    storing a small document) and indexes what its jobs wrote when it runs out of jobs."""
    import time

    from protokol.common import jobs

    settings.PROTOKOL_SEARCH_WORKER_DRAIN_SECONDS = 3600
    commits = []
    real_commit = index.Writers.commit

    def counted_commit(self, *args, **kwargs):
        commits.append(1)
        return real_commit(self, *args, **kwargs)

    monkeypatch.setattr(index.Writers, "commit", counted_commit)
    monkeypatch.setattr(jobs, "_in_worker", True)
    monkeypatch.setattr(outbox, "_last_drain", time.monotonic())  # a drain has just run
    words = ["havnebad", "skøjtebane", "vandrehjem"]
    for word in words:
        _publish_and_commit(word)
    assert commits == [] and OutboxEntry.objects.count() >= len(words)
    assert [_indexed(w) for w in words] == [0, 0, 0]

    jobs.worker_idle.send(sender=None)  # what `jobs.work` sends when no job waits
    assert not OutboxEntry.objects.exists()
    assert [_indexed(w) for w in words] == [1, 1, 1]
    assert len(commits) == 1

    # Once the interval has passed, the next write drains at once, as outside a worker.
    monkeypatch.setattr(outbox, "_last_drain", time.monotonic() - 3601)
    _publish_and_commit("badeanstalt")
    assert _indexed("badeanstalt") == 1 and not OutboxEntry.objects.exists()


def test_outside_a_worker_every_write_is_indexed_after_its_commit(db, monkeypatch, settings):
    import time

    settings.PROTOKOL_SEARCH_WORKER_DRAIN_SECONDS = 3600
    monkeypatch.setattr(outbox, "_last_drain", time.monotonic())
    for word in ("havnebad", "skøjtebane"):
        _publish_and_commit(word)
        assert _indexed(word) == 1 and not OutboxEntry.objects.exists()


def test_a_meeting_changed_many_times_in_one_transaction_has_one_row_per_node(db):
    from django.db import transaction

    meeting = factories.meeting(factories.body())
    outbox.drain()  # what the factories queued
    with transaction.atomic():
        for _ in range(5):
            outbox.enqueue(meeting.pk)
            with transaction.atomic():  # a service's own atomic block, a savepoint here
                outbox.enqueue(meeting.pk)
    assert OutboxEntry.objects.filter(meeting_id=meeting.pk).count() == 1


def test_a_row_undone_with_its_savepoint_is_written_again(db):
    """The once-per-transaction record must not outlive a rolled-back savepoint: the row it stands for
    is gone, and the next change of the meeting in the transaction writes it again."""
    from django.db import transaction

    meeting = factories.meeting(factories.body())
    other = factories.meeting(factories.body())
    outbox.drain()  # what the factories queued
    with transaction.atomic():
        outbox.enqueue(other.pk)  # the transaction's record exists before the savepoint
        try:
            with transaction.atomic():
                outbox.enqueue(meeting.pk)
                raise RuntimeError("the service fails after its change was noted")
        except RuntimeError:
            pass
        assert not OutboxEntry.objects.filter(meeting_id=meeting.pk).exists()
        outbox.enqueue(meeting.pk)
    assert OutboxEntry.objects.filter(meeting_id=meeting.pk).count() == 1
    assert OutboxEntry.objects.filter(meeting_id=other.pk).count() == 1


def test_a_process_that_is_no_search_node_keeps_no_index_and_registers_none(
    db, settings, django_capture_on_commit_callbacks
):
    """A worker on a machine without a web node (PROTOKOL_SEARCH_NODE=0) writes the rows of the nodes
    there are, and neither drains them nor becomes a node."""
    from protokol.search.models import SearchNode

    settings.PROTOKOL_SEARCH_NODE = False
    nodes = SearchNode.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _publish_meeting_with("havnebad")
    assert OutboxEntry.objects.filter(meeting_id=meeting.pk).count() == nodes  # left for the web nodes
    assert outbox.drain() == 0 and not outbox.pending()
    assert SearchNode.objects.count() == nodes
    settings.PROTOKOL_SEARCH_NODE = True
    assert search("havnebad").count == 1  # the web node's next search indexes it

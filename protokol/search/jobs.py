"""Rebuilding a search index as a job (`protokol reindex --background`).

Each web node has its own index (its DATA_DIR/index, a `SearchNode`), so a rebuild is one job per node,
in that node's own queue (`common.jobs.node_queue`): only a worker running on that node, with its
DATA_DIR, takes it. The job rebuilds the index from the database, from scratch (`outbox.reindex`): run
twice, or again after its worker was killed, it gives the same index.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from protokol.common import jobs
from protokol.search import outbox
from protokol.search.models import SearchNode


class WrongNode(Exception):
    """The job was taken by a worker of another node than the one whose index it rebuilds."""


@task(backend=jobs.BACKEND, queue_name="search")
def reindex_node(node: int) -> str:
    own = outbox.node_id()
    if own != node:
        raise WrongNode(
            _("Søgeindekset for knude %(node)s kan kun genopbygges på den knude (denne er %(own)s).")
            % {"node": node, "own": own if own is not None else "–"}
        )
    n = outbox.reindex()
    return ngettext(
        "Søgeindekset er genopbygget: %(n)d dokument.", "Søgeindekset er genopbygget: %(n)d dokumenter.", n
    ) % {"n": n}


def enqueue_reindex() -> list[int]:
    """A rebuild job for every registered search node that has none waiting; the nodes (all of them)."""
    from django_tasks_db.models import DBTaskResult

    nodes = list(SearchNode.objects.order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        for node in nodes:
            queue = jobs.node_queue(node)
            waiting = DBTaskResult.objects.ready().filter(backend_name=jobs.BACKEND, queue_name=queue)
            if not waiting.exists():
                reindex_node.using(queue_name=queue).enqueue(node)
    return nodes

"""The index outbox: services note which meeting changed, in their own transaction; drain() indexes it.

There is one search index per web node (its DATA_DIR/index), any number of nodes on one database. Each
index is registered as a `SearchNode` when it is first built, and its node id is kept in a file with the
index. A change writes one outbox row per registered node, in the change's own transaction; each node's
drain indexes its own rows and deletes them only after its index has committed the meetings as the
database holds them. A process that dies in between leaves the rows, and the node's next drain (after
the next write, before a search, at start-up) catches up. So every node converges on the database,
whichever node took the write.

A new node (an empty DATA_DIR) registers and is given a row for every meeting: it builds its index from
the database through the same drain, in batches, and resumes where it stopped if it is killed.
Registering locks the node table against writers on PostgreSQL, so no change committed around the
registration is missed: a writer that has read the node list holds the registration off until it
commits, and one that reads it after sees the new node. A node not seen for `PROTOKOL_SEARCH_NODE_DAYS`
is forgotten with its rows; should it come back, it registers again and is rebuilt.

Within one node, only the holder of the writer lock drains; a process that finds it taken leaves the
rows to the holder or the next one.

A job worker (an import of many documents) does not drain after each commit: a tantivy commit costs
more than storing a small document. It drains at most every `PROTOKOL_SEARCH_WORKER_DRAIN_SECONDS`
and whenever it runs out of jobs (`common.jobs.worker_idle`); a search on any node drains first anyway.
"""

import json
import logging
import os
import socket
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from protokol.common import jobs
from protokol.search.models import OutboxEntry, SearchNode

log = logging.getLogger(__name__)
NODE_FILE = "node.json"
#: how often a draining node tells the database it is alive
SEEN_EVERY = timedelta(minutes=5)


def _node_file() -> Path:
    from protokol.search.index import index_root

    return index_root() / NODE_FILE


def node_id() -> int | None:
    """This index's node, as its file names it and the database still knows it; None if neither."""
    path = _node_file()
    try:
        node = int(json.loads(path.read_text(encoding="utf-8"))["node"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return node if SearchNode.objects.filter(pk=node).exists() else None


def register() -> int:
    """Register this index as a new node, with a row for every meeting (it is built from the database)."""
    from protokol.meetings.models import Meeting

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {SearchNode._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        node = SearchNode.objects.create(
            host=socket.gethostname()[:200], path=str(_node_file().parent)[:1000]
        )
        OutboxEntry.objects.bulk_create(
            [OutboxEntry(node=node, meeting_id=pk) for pk in Meeting.objects.values_list("pk", flat=True)],
            batch_size=1000,
        )
        _forget_noted()
    path = _node_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"node": node.pk}), encoding="utf-8")
    os.replace(tmp, path)
    log.info("search index %s registered as node %s; building it from the database", path.parent, node.pk)
    return node.pk


class _Noted:
    """A fact about this transaction's outbox writes, kept as a callback of its commit that does nothing:
    Django discards the callbacks of a rolled-back savepoint or transaction, so the fact goes with the
    rows it stands for, and keeps them where the savepoint is released into the transaction."""

    def __init__(self, *, meeting_id: int | None = None, nodes: list[int] | None = None) -> None:
        self.meeting_id = meeting_id
        self.nodes = nodes

    def __call__(self) -> None:
        pass


def _forget_noted() -> None:
    """Rows deleted, or a node registered, inside an open transaction (a drain there) make what it noted
    wrong: a later change in it reads the nodes and writes its rows again."""
    for callback in transaction.get_connection().run_on_commit:
        if isinstance(callback[1], _Noted):
            callback[1].meeting_id = None
            callback[1].nodes = None


def enqueue(meeting_id: int) -> None:
    """The meeting's row for every node, once per transaction however often the meeting changes in it (an
    import changes one meeting hundreds of times), and one drain after the commit."""
    connection = transaction.get_connection()
    callbacks = [c[1] for c in connection.run_on_commit]
    noted = [c for c in callbacks if isinstance(c, _Noted)]
    if any(n.meeting_id == meeting_id for n in noted):
        return
    nodes = next((n.nodes for n in reversed(noted) if n.nodes is not None), None)
    if nodes is None:
        # Reading the node list takes PostgreSQL's ACCESS SHARE lock on it until this transaction ends,
        # which keeps a registration (and its build from the database) from passing this change.
        nodes = list(SearchNode.objects.values_list("pk", flat=True))
        if connection.in_atomic_block:
            transaction.on_commit(_Noted(nodes=nodes))
    OutboxEntry.objects.bulk_create([OutboxEntry(node_id=n, meeting_id=meeting_id) for n in nodes])
    if not connection.in_atomic_block:
        _drain_after_commit()  # autocommit: the row is committed already
        return
    transaction.on_commit(_Noted(meeting_id=meeting_id))
    if not any(c is _drain_after_commit for c in callbacks):
        transaction.on_commit(_drain_after_commit, robust=True)


def refill() -> None:
    """Queue every meeting for this node's index (one whose layout changed is rebuilt this way)."""
    from protokol.meetings.models import Meeting

    node = node_id()
    if node is None:
        return  # not registered yet: registering queues every meeting anyway
    OutboxEntry.objects.bulk_create(
        [OutboxEntry(node_id=node, meeting_id=pk) for pk in Meeting.objects.values_list("pk", flat=True)],
        batch_size=1000,
    )


_last_drain = 0.0


def _drain_after_commit() -> None:
    if jobs.in_worker() and time.monotonic() - _last_drain < settings.PROTOKOL_SEARCH_WORKER_DRAIN_SECONDS:
        return  # the worker's next drain (timed, or when it runs out of jobs) takes these rows
    try:
        drain()
    except Exception:  # the write has committed; the rows stay and the next drain retries
        log.exception("search index: drain after commit failed; the outbox keeps the rows")


def pending() -> bool:
    if not settings.PROTOKOL_SEARCH_NODE:
        return False
    node = node_id()
    return node is None or OutboxEntry.objects.filter(node_id=node).exists()


def _seen(node: int) -> None:
    now = timezone.now()
    if SearchNode.objects.filter(pk=node, seen__lt=now - SEEN_EVERY).update(seen=now):
        forget_lost_nodes()


def forget_lost_nodes() -> int:
    """Forget the nodes not seen for PROTOKOL_SEARCH_NODE_DAYS, and their rows; the number forgotten."""
    cutoff = timezone.now() - timedelta(days=settings.PROTOKOL_SEARCH_NODE_DAYS)
    OutboxEntry.objects.filter(node__isnull=True).delete()  # rows of an older protokol, before nodes
    lost = list(SearchNode.objects.filter(seen__lt=cutoff).values_list("pk", flat=True))
    if not lost:
        return 0
    from django_tasks_db.models import DBTaskResult

    from protokol.common import jobs

    # Their rebuilds waiting in their own queues would wait for a worker of theirs forever.
    DBTaskResult.objects.ready().filter(
        backend_name=jobs.BACKEND, queue_name__in=[jobs.node_queue(pk) for pk in lost]
    ).delete()
    forgotten, _ = SearchNode.objects.filter(pk__in=lost).delete()
    _forget_noted()
    return forgotten


def drain(*, wait: bool = False) -> int:
    """Index every meeting waiting for this node; returns how many meetings (0 if another holds the lock)."""
    from protokol.search.index import Writers, backend, writer_lock

    global _last_drain
    if not settings.PROTOKOL_SEARCH_NODE:
        return 0  # a worker on a machine without a web node: it keeps no index, and is no node
    done = 0
    with writer_lock(wait=wait) as locked:
        if not locked:
            return 0
        _last_drain = time.monotonic()
        node = node_id() or register()
        _seen(node)
        while True:
            # Rows first, then the data: a change committed after this read keeps its row for next time.
            rows = list(
                OutboxEntry.objects.filter(node_id=node)
                .order_by("id")
                .values_list("id", "meeting_id")[: settings.PROTOKOL_SEARCH_DRAIN_BATCH]
            )
            if not rows:
                return done
            meeting_ids = {m for _id, m in rows}
            writers = Writers()
            backend.index(meeting_ids, writers=writers)
            writers.commit()
            OutboxEntry.objects.filter(pk__in=[pk for pk, _m in rows]).delete()
            _forget_noted()
            done += len(meeting_ids)


def drain_if_pending(*, wait: bool = False) -> int:
    from protokol.search.index import ensure_open

    ensure_open()
    return drain(wait=wait) if pending() else 0


def reindex() -> int:
    """Rebuild this node's indexes from the database (waits for the writer lock); the number of documents.

    A body at a time: its restricted indexes are committed as soon as they are whole, so that only
    the public index and one body's are being written at once, however many bodies there are."""
    from protokol.meetings.models import Meeting
    from protokol.search.index import Writers, backend, ensure_open, restricted_index, writer_lock

    ensure_open()
    with writer_lock(wait=True):
        node = node_id() or register()
        last = OutboxEntry.objects.filter(node_id=node).order_by("-id").values_list("id", flat=True).first()
        by_body: dict[int, list[int]] = {}
        for pk, body_id in Meeting.objects.order_by("pk").values_list("pk", "body_id"):
            by_body.setdefault(body_id, []).append(pk)
        writers = Writers(heap=200_000_000, fresh=True)
        n = 0
        for body_id, meeting_ids in sorted(by_body.items()):
            n += backend.index(meeting_ids, writers=writers, replace=False)
            writers.commit([restricted_index(body_id, sent=s) for s in (False, True)])
        writers.empty_the_rest()
        writers.commit()
        if last is not None:
            OutboxEntry.objects.filter(node_id=node, pk__lte=last).delete()
            _forget_noted()
    return n

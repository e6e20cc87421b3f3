"""The index outbox: services note which meeting changed, in their own transaction; drain() indexes it.

A row is written in the same transaction as the change it announces, and deleted only after the index
has committed the meeting as the database holds it. A process that dies in between leaves the row,
and the next drain (after the next write, before a search, at start-up) catches up. Only the holder
of the writer lock drains; a process that finds it taken leaves the rows to the holder or the next one.
"""

import logging

from django.db import transaction

from protokol.search.models import OutboxEntry

log = logging.getLogger(__name__)
BATCH = 500


def enqueue(meeting_id: int) -> None:
    OutboxEntry.objects.create(meeting_id=meeting_id)
    # One drain per transaction. Asking the connection (not a flag of our own) means a rolled-back
    # transaction, whose callbacks Django discards, leaves nothing behind that would skip the next drain.
    pending_callbacks = transaction.get_connection().run_on_commit
    if not any(callback[1] is _drain_after_commit for callback in pending_callbacks):
        transaction.on_commit(_drain_after_commit, robust=True)


def _drain_after_commit() -> None:
    try:
        drain()
    except Exception:  # the write has committed; the rows stay and the next drain retries
        log.exception("search index: drain after commit failed; the outbox keeps the rows")


def pending() -> bool:
    return OutboxEntry.objects.exists()


def drain(*, wait: bool = False) -> int:
    """Index every meeting waiting in the outbox; returns how many meetings (0 if another holds the lock)."""
    from protokol.search.index import Writers, backend, writer_lock

    done = 0
    with writer_lock(wait=wait) as locked:
        if not locked:
            return 0
        while True:
            # Rows first, then the data: a change committed after this read keeps its row for next time.
            rows = list(OutboxEntry.objects.order_by("id").values_list("id", "meeting_id")[:BATCH])
            if not rows:
                return done
            meeting_ids = {m for _id, m in rows}
            writers = Writers()
            backend.index(meeting_ids, writers=writers)
            writers.commit()
            OutboxEntry.objects.filter(pk__in=[pk for pk, _m in rows]).delete()
            done += len(meeting_ids)


def drain_if_pending() -> int:
    from protokol.search.index import ensure_open

    ensure_open()
    return drain() if pending() else 0


def reindex() -> int:
    """Rebuild every index from the database (waits for the writer lock); returns the number of documents.

    A body at a time: its restricted indexes are committed as soon as they are whole, so that only
    the public index and one body's are being written at once, however many bodies there are."""
    from protokol.meetings.models import Meeting
    from protokol.search.index import Writers, backend, ensure_open, restricted_index, writer_lock

    ensure_open()
    with writer_lock(wait=True):
        last = OutboxEntry.objects.order_by("-id").values_list("id", flat=True).first()
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
            OutboxEntry.objects.filter(pk__lte=last).delete()
    return n

"""The index outbox: services note which meeting changed, in their own transaction."""

from protokol.search.models import OutboxEntry


def enqueue(meeting_id: int) -> None:
    OutboxEntry.objects.create(meeting_id=meeting_id)

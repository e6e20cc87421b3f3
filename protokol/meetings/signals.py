"""What the domain announces to the parts above it, which register for it (never imported by the domain).

`meeting_changed` is sent inside the transaction of every audited write that concerns a meeting, with
`meeting_id`; a receiver runs in that same transaction. The search part registers in its
`AppConfig.ready()` and writes its outbox row there, so the row commits or rolls back with the change.
"""

from django.dispatch import Signal

meeting_changed = Signal()  # sent with meeting_id=<int>


def announce_meeting_changed(meeting_id: int) -> None:
    meeting_changed.send(sender=None, meeting_id=meeting_id)

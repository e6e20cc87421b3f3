"""What a timer's run of `protokol notify --due` writes: reminders before meetings, and signature
requests to participants of held meetings who have not signed (for attendance recorded after the
meeting was marked held). Each message's key makes a second run write nothing new."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from protokol.meetings.enums import MeetingStatus
from protokol.meetings.models import Meeting
from protokol.notifications.events import tell
from protokol.notifications.models import Kind


@transaction.atomic
def enqueue_due(*, now: datetime | None = None) -> int:
    """Write the reminders and signature requests that are due; returns how many were written."""
    today = timezone.localdate(now or timezone.now())
    ahead = int(getattr(settings, "PROTOKOL_NOTIFY_REMINDER_DAYS", 1))
    written = 0
    upcoming = Meeting.objects.select_related("body").filter(
        status=MeetingStatus.AGENDA_PUBLISHED, date__gte=today, date__lte=today + timedelta(days=ahead)
    )
    for meeting in upcoming:
        # Keyed by the date too: a meeting moved to another day is reminded of again.
        written += tell(meeting, Kind.REMINDER, key=f"reminder:{meeting.pk}:{meeting.date}:{{person}}")
    held = Meeting.objects.select_related("body").filter(
        status=MeetingStatus.HELD, date__gte=today - timedelta(days=30), source=""
    )
    for meeting in held:
        written += tell(meeting, Kind.SIGNATURE, key=f"signature:{meeting.pk}:{{person}}")
    return written

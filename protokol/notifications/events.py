"""What the domain's writes mean for members' e-mail: one listener on the audit log (common.hooks).

It runs inside the write's transaction, so the outbox rows commit or roll back with the change."""

import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from protokol.common.models import AuditEntry
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.models import AgendaItem, Meeting
from protokol.notifications import compose, outbox, queries
from protokol.notifications.models import Kind, Message, Status
from protokol.people.models import Person

# Writes to a sent agenda that the members are told of.
CHANGES = {
    "meeting.update",
    "meeting.cancelled",
    "item.create",
    "item.update",
    "item.open",
    "item.close",
    "item.route",
    "item.sections",
    "item.case_journal_number",
    "attachment.add",
    "attachment.replace",
    "attachment.withdraw",
    "attachment.public",
}
HEARD = CHANGES | {"meeting.agenda_published", "meeting.held"}


def write(
    *,
    kind: str,
    key: str,
    meeting: Meeting,
    person: Person,
    to: str,
    details: list[str] | None = None,
    delay: timedelta = timedelta(0),
) -> bool:
    """Write one message unless one with its key exists; True if written."""
    subject, body = compose.compose(kind, meeting=meeting, person=person, details=details or [])
    try:
        with transaction.atomic():
            Message.objects.create(
                key=key,
                kind=kind,
                meeting=meeting,
                person=person,
                to=to,
                subject=subject,
                body=body,
                details=details or [],
                not_before=timezone.now() + delay,
            )
    except IntegrityError:
        return False
    return True


def tell(meeting: Meeting, kind: str, *, key: str) -> int:
    """A message of this kind to everyone who wants it; `key` is formatted with the person's id."""
    written = sum(
        write(kind=kind, key=key.format(person=person.pk), meeting=meeting, person=person, to=email)
        for person, email in queries.recipients(meeting, kind)
    )
    if written:
        outbox.drain_after_commit()
    return written


def tell_change(meeting: Meeting, lines: list[str]) -> int:
    """Add the lines to each recipient's change message still waiting to be sent, or write a new one."""
    delay = timedelta(seconds=int(getattr(settings, "PROTOKOL_NOTIFY_CHANGE_DELAY", 0)))
    written = 0
    for person, email in queries.recipients(meeting, Kind.CHANGE):
        waiting = (
            Message.objects.filter(kind=Kind.CHANGE, meeting=meeting, person=person, status=Status.PENDING)
            .order_by("-id")
            .first()
        )
        if waiting is not None:
            details = [*waiting.details, *lines]
            subject, body = compose.compose(Kind.CHANGE, meeting=meeting, person=person, details=details)
            # Only while nobody has claimed it: a claim is an update of the same row, so one of them waits.
            if Message.objects.filter(pk=waiting.pk, status=Status.PENDING).update(
                details=details, subject=subject, body=body
            ):
                continue
        key = f"change:{meeting.pk}:{person.pk}:{uuid.uuid4().hex}"
        written += write(
            kind=Kind.CHANGE, key=key, meeting=meeting, person=person, to=email, details=lines, delay=delay
        )
    outbox.drain_after_commit()
    return written


def _item_of(entry: AuditEntry) -> AgendaItem | None:
    if entry.object_type == "meetings.agendaitem":
        return AgendaItem.objects.filter(pk=entry.object_id).first()
    if entry.object_type == "cases.attachment":
        return AgendaItem.objects.filter(attachments__pk=entry.object_id).first()
    return None


def heard(entry: AuditEntry) -> None:
    """The audit listener: an agenda sent, a meeting held, a change to a sent agenda."""
    if entry.action not in HEARD or entry.meeting_id is None:
        return
    meeting = Meeting.objects.select_related("body").filter(pk=entry.meeting_id).first()
    if meeting is None:
        return
    if entry.action == "meeting.agenda_published":
        tell(meeting, Kind.AGENDA, key=f"agenda:{meeting.pk}:{{person}}")
    elif entry.action == "meeting.held":
        tell(meeting, Kind.SIGNATURE, key=f"signature:{meeting.pk}:{{person}}")
    elif _agenda_out(meeting, entry.action) and not meeting.source:
        # An imported meeting is history: re-importing it tells nobody.
        lines = _lines(entry, meeting)
        if lines:
            tell_change(meeting, lines)


def _agenda_out(meeting: Meeting, action: str) -> bool:
    if action == "meeting.cancelled":
        return meeting.agenda_published_at is not None
    return meeting.status == MeetingStatus.AGENDA_PUBLISHED


def _lines(entry: AuditEntry, meeting: Meeting) -> list[str]:
    item = _item_of(entry)
    if entry.action == "item.create" and (item is None or not item.supplementary):
        return []
    before: Any = entry.before
    after: Any = entry.after
    return compose.change_lines(
        entry.action, meeting=meeting, item=item, before=before, after=after, reason=entry.reason
    )

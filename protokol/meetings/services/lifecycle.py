"""Meetings and their lifecycle: create and change them, send the agenda, hold, cancel, approve and publish the minutes (sealing their checksums), and changes to approved minutes as amendments."""

import hashlib
import json
from collections.abc import Callable, Collection, Iterable
from datetime import date as date_type
from datetime import time as time_type
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from protokol.cases import personal_data
from protokol.common.actors import Actor
from protokol.common.errors import ProtokolError
from protokol.meetings import deadlines, rules
from protokol.meetings.enums import (
    CANCELLABLE_STATUSES,
    NEXT_STATUS,
    MeetingStatus,
    Standing,
)
from protokol.meetings.models import (
    AgendaItem,
    Amendment,
    Body,
    Decision,
    Meeting,
)
from protokol.meetings.services.base import audit


def _meeting_snapshot(meeting: Meeting) -> dict:
    return {
        "date": meeting.date.isoformat() if meeting.date else None,
        "start_time": meeting.start_time.isoformat() if meeting.start_time else None,
        "end_time": meeting.end_time.isoformat() if meeting.end_time else None,
        "location": meeting.location,
        "status": meeting.status,
    }


def require_not_cancelled(meeting: Meeting) -> None:
    """A cancelled meeting is a record of what was called off: nothing of it changes any more."""
    if meeting.is_cancelled:
        raise ProtokolError(_("Mødet er aflyst og kan ikke ændres."))


def require_editable(meeting: Meeting, *, reason: str) -> None:
    """Approved minutes change only by a recorded amendment; a cancelled meeting not at all."""
    require_not_cancelled(meeting)
    if meeting.is_frozen and not reason.strip():
        raise ProtokolError(
            _("Referatet er godkendt og kan ikke ændres uden en begrundelse (rettelse med begrundelse).")
        )


def record_change(
    *, meeting: Meeting, obj: Any, action: str, by: Actor, before: Any, after: Any, reason: str, item=None
) -> None:
    if meeting.is_frozen:
        # The approved minutes' checksums follow a recorded amendment, so that only a change made
        # behind the system's back leaves the minutes and their checksums disagreeing.
        old_hash, old_public = meeting.minutes_hash, meeting.public_minutes_hash
        meeting.minutes_hash, meeting.public_minutes_hash = minutes_digests(meeting)
        Meeting.objects.filter(pk=meeting.pk).update(
            minutes_hash=meeting.minutes_hash, public_minutes_hash=meeting.public_minutes_hash
        )
        Amendment.objects.create(
            meeting=meeting,
            item=item,
            by=by if getattr(by, "pk", None) else None,
            reason=reason.strip(),
            public_change=old_public != meeting.public_minutes_hash,
            change={
                "action": action,
                "before": before,
                "after": after,
                "minutes_hash": {"before": old_hash, "after": meeting.minutes_hash},
                "public_minutes_hash": {"before": old_public, "after": meeting.public_minutes_hash},
            },
        )
        action = f"{action}.amendment"
    audit(by=by, action=action, obj=obj, before=before, after=after, reason=reason, meeting_id=meeting.pk)


def change_minutes(
    meeting: Meeting,
    *,
    by: Actor,
    reason: str,
    action: str,
    obj: Any,
    write: Callable[[], None],
    snapshot: Callable[[], Any],
    refused_in: Collection[str],
    refusal: str,
    item: AgendaItem | None = None,
) -> None:
    """Run `write` as one change to the minutes' record (attendance, votes, ...): the edit right first,
    then whether the meeting is far enough on (not in a status of `refused_in`, else `refusal`), then a
    reason once the minutes are approved; `snapshot()` before and after, kept as an amendment there."""
    rules.require_edit(by, meeting.body)
    if meeting.status in refused_in:
        raise ProtokolError(refusal)
    require_editable(meeting, reason=reason)
    before = snapshot()
    write()
    record_change(
        meeting=meeting,
        obj=obj,
        action=action,
        by=by,
        before=before,
        after=snapshot(),
        reason=reason,
        item=item,
    )


@transaction.atomic
def create_meeting(
    *,
    body: Body,
    date: date_type,
    by: Actor,
    start_time: time_type | None = None,
    end_time: time_type | None = None,
    location: str = "",
) -> Meeting:
    rules.require_edit(by, body)
    if end_time and start_time and end_time < start_time:
        raise ProtokolError(_("Mødet kan ikke slutte før det begynder."))
    meeting = Meeting.objects.create(
        body=body, date=date, start_time=start_time, end_time=end_time, location=location.strip()
    )
    standing = list(body.standing_items.all())
    ordered = [i for i in standing if i.placement == Standing.START] + [
        i for i in standing if i.placement == Standing.END
    ]
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, title=i.title, position=pos, standing=i.placement, case_type=i.case_type)
        for pos, i in enumerate(ordered)
    )
    audit(
        by=by, action="meeting.create", obj=meeting, after=_meeting_snapshot(meeting), meeting_id=meeting.pk
    )
    return meeting


@transaction.atomic
def update_meeting(*, meeting: Meeting, by: Actor, reason: str = "", **fields: Any) -> Meeting:
    rules.require_edit(by, meeting.body)
    allowed = {"date", "start_time", "end_time", "location"}
    unknown = set(fields) - allowed
    if unknown:
        raise ProtokolError(_("Ukendte felter: %(f)s") % {"f": ", ".join(sorted(unknown))})
    require_editable(meeting, reason=reason)
    before = _meeting_snapshot(meeting)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save()
    record_change(
        meeting=meeting,
        obj=meeting,
        action="meeting.update",
        by=by,
        before=before,
        after=_meeting_snapshot(meeting),
        reason=reason,
    )
    return meeting


def _transition(meeting: Meeting, *, to: str, by: Actor, reason: str = "") -> Meeting:
    # Lock the row: two clicks on "publish" must not both pass the status check.
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_not_cancelled(locked)
    if NEXT_STATUS.get(locked.status) != to:
        raise ProtokolError(
            _("Mødet kan ikke gå fra %(from)s til %(to)s.")
            % {"from": MeetingStatus(locked.status).label, "to": MeetingStatus(to).label}
        )
    before = locked.status
    locked.status = to
    now = timezone.now()
    if to == MeetingStatus.AGENDA_PUBLISHED:
        locked.agenda_published_at = now
    elif to == MeetingStatus.MINUTES_APPROVED:
        locked.minutes_approved_at = now
    elif to == MeetingStatus.MINUTES_PUBLISHED:
        locked.minutes_published_at = now
    locked.save()
    audit(
        by=by,
        action=f"meeting.{to}",
        obj=locked,
        before={"status": before},
        after={"status": to},
        reason=reason,
        meeting_id=locked.pk,
    )
    meeting.refresh_from_db()
    return meeting


def _number_items(meeting: Meeting) -> None:
    """Give every item its number in agenda order; items that already run on from a number keep it."""
    items = list(meeting.items.order_by("position", "number", "pk"))
    first = next((i.number for i in items if i.number), None) or 1
    if [i.number for i in items] == list(range(first, first + len(items))):
        return
    AgendaItem.objects.filter(meeting=meeting).update(number=None)
    for offset, item in enumerate(items):
        item.number = first + offset
        item.position = offset
        item.save(update_fields=["number", "position"])


def _item_names(items: Iterable[AgendaItem]) -> str:
    return ", ".join(
        _("punkt %(n)s (%(t)s)") % {"n": i.number if i.number is not None else "–", "t": i.title}
        for i in items
    )


def closed_items_lacking_public_fields(meeting: Meeting) -> list[AgendaItem]:
    """Closed items without a neutral public title or a reason for closing, unless the subject itself is
    confidential (then the public reads "Lukket punkt" and nothing more is asked)."""
    return [
        i
        for i in meeting.items.filter(public=False, subject_confidential=False).order_by("position", "number")
        if not i.public_title.strip() or not i.closed_reason
    ]


def closed_decisions_lacking_public_text(meeting: Meeting) -> list[AgendaItem]:
    """Closed items with a decision that has neither a public text nor a reason why none can be given."""
    lacking = Decision.objects.filter(item__meeting=meeting, item__public=False, public_text="")
    lacking = lacking.filter(public_text_withheld="")
    ids = set(lacking.values_list("item_id", flat=True))
    return list(meeting.items.filter(pk__in=ids).order_by("position", "number"))


@transaction.atomic
def publish_agenda(meeting: Meeting, *, by: Actor, late_reason: str | None = None) -> Meeting:
    """Send the agenda: number the items, lock their order, make it public.

    Sent later than the body's deadline (`deadlines.agenda_deadline`), it needs a reason, which is kept on
    the meeting, printed with the agenda and written to the audit log. `late_reason=None` is for callers
    that do not send an agenda today (the demo's and imports' history); the workspace always passes one.
    """
    rules.require_edit(by, meeting.body)
    require_not_cancelled(meeting)
    reason = ""
    if meeting.status == MeetingStatus.DRAFT and late_reason is not None and agenda_is_late(meeting):
        reason = late_reason.strip()
        if not reason:
            raise ProtokolError(
                _("Dagsordenen udsendes efter udvalgets frist (%(deadline)s). Skriv en begrundelse.")
                % {"deadline": formats.date_format(agenda_deadline_of(meeting), "j. F Y")}
            )
    if not meeting.items.exists():
        raise ProtokolError(_("En dagsorden uden punkter kan ikke udsendes."))
    lacking = closed_items_lacking_public_fields(meeting)
    if lacking:
        raise ProtokolError(
            _(
                "Dagsordenen kan ikke udsendes: lukkede punkter mangler en neutral offentlig titel eller en "
                "begrundelse for lukningen (eller markering af, at selve emnet er fortroligt): %(items)s."
            )
            % {"items": _item_names(lacking)}
        )
    if meeting.status == MeetingStatus.DRAFT:
        # The legal record's part of the domain (people) keeps the members' requests (§ 11).
        from protokol.people.services import require_requests_settled

        require_requests_settled(meeting)
        _number_items(meeting)
        personal_data.require_no_personal_data(meeting, minutes=False)
    if reason:
        Meeting.objects.filter(pk=meeting.pk).update(agenda_late_reason=reason)
    return _transition(meeting, to=MeetingStatus.AGENDA_PUBLISHED, by=by, reason=reason)


def agenda_deadline_of(meeting: Meeting) -> date_type:
    """The last day the meeting's agenda may be sent in time."""
    return deadlines.agenda_deadline(meeting.date, meeting.body.agenda_deadline_working_days)


def agenda_is_late(meeting: Meeting, *, today: date_type | None = None) -> bool:
    """Whether an agenda sent today (or on `today`) would be later than the body's deadline."""
    return (today or timezone.localdate()) > agenda_deadline_of(meeting)


@transaction.atomic
def mark_held(meeting: Meeting, *, by: Actor) -> Meeting:
    rules.require_edit(by, meeting.body)
    return _transition(meeting, to=MeetingStatus.HELD, by=by)


@transaction.atomic
def cancel_meeting(meeting: Meeting, *, reason: str, by: Actor) -> Meeting:
    """Call off a meeting not yet held (aflysning), with the reason the public reads.

    A meeting whose agenda was sent stays public as cancelled, its agenda as sent (agenda_published_at is
    kept and says so); one cancelled as a draft stays as private as the draft. Nothing of a cancelled
    meeting changes afterwards (`require_editable`), and it is never held, approved or published.
    """
    rules.require_edit(by, meeting.body)
    reason = reason.strip()
    if not reason:
        raise ProtokolError(_("Skriv en begrundelse for aflysningen."))
    # Lock the row, as a transition does: a meeting marked held meanwhile may not be called off.
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status not in CANCELLABLE_STATUSES:
        raise ProtokolError(
            _("Mødet kan ikke aflyses, når det er %(status)s.")
            % {"status": MeetingStatus(locked.status).label.lower()}
        )
    before = locked.status
    locked.status = MeetingStatus.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.cancelled_reason = reason
    locked.save()
    audit(
        by=by,
        action="meeting.cancelled",
        obj=locked,
        before={"status": before},
        after={"status": locked.status},
        reason=reason,
        meeting_id=locked.pk,
    )
    meeting.refresh_from_db()
    return meeting


def minutes_match(meeting: Meeting, *, public: bool = False) -> bool:
    """Whether approved minutes (the internal or the public edition) still read as approved or amended."""
    if public:
        return (
            not meeting.public_minutes_hash or public_minutes_digest(meeting) == meeting.public_minutes_hash
        )
    return not meeting.minutes_hash or minutes_digest(meeting) == meeting.minutes_hash


def canonical_json(doc: dict) -> bytes:
    """A document dict as the bytes its checksum is taken of: JSON, sorted keys, no spaces, UTF-8."""
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def minutes_digest(meeting: Meeting) -> str:
    """The checksum of the internal edition: the minutes in the interchange format, names as approved."""
    from protokol.meetings.interchange import export_meeting

    return hashlib.sha256(canonical_json(export_meeting(meeting, as_approved=True))).hexdigest()


def public_minutes_document(meeting: Meeting) -> dict:
    """The public edition of the minutes as approved (names as approved), the document the public checksum
    covers; the portal serves it so that anyone can recompute the checksum."""
    from protokol.meetings.editions import public_edition
    from protokol.meetings.interchange import export_meeting

    return public_edition(export_meeting(meeting, as_approved=True))


def public_minutes_digest(meeting: Meeting) -> str:
    """The checksum of the public edition: computed from what the public reads and nothing else, so that
    it tells nothing of a closed item (no guess at a closed decision can be checked against it)."""
    return hashlib.sha256(canonical_json(public_minutes_document(meeting))).hexdigest()


def minutes_digests(meeting: Meeting) -> tuple[str, str]:
    """Both checksums, `minutes_digest` and `public_minutes_digest`, from one export of the minutes."""
    from protokol.meetings.editions import public_edition
    from protokol.meetings.interchange import export_meeting

    doc = export_meeting(meeting, as_approved=True)
    return (
        hashlib.sha256(canonical_json(doc)).hexdigest(),
        hashlib.sha256(canonical_json(public_edition(doc))).hexdigest(),
    )


def _seal_minutes(meeting: Meeting) -> None:
    """Record the names and both checksums of the minutes as approved."""
    meeting.approved_body_name = meeting.body.name
    meeting.approved_organization_name = meeting.body.organization.name
    meeting.minutes_hash, meeting.public_minutes_hash = minutes_digests(meeting)
    meeting.save(
        update_fields=[
            "approved_body_name",
            "approved_organization_name",
            "minutes_hash",
            "public_minutes_hash",
            "modified",
        ]
    )


@transaction.atomic
def approve_minutes(meeting: Meeting, *, by: Actor) -> Meeting:
    rules.require_edit(by, meeting.body)
    meeting = _transition(meeting, to=MeetingStatus.MINUTES_APPROVED, by=by)
    _seal_minutes(meeting)
    return meeting


@transaction.atomic
def publish_minutes(meeting: Meeting, *, by: Actor) -> Meeting:
    rules.require_edit(by, meeting.body)
    require_not_cancelled(meeting)
    lacking = closed_decisions_lacking_public_text(meeting)
    if lacking:
        raise ProtokolError(
            _(
                "Referatet kan ikke offentliggøres: beslutninger på lukkede punkter mangler en offentlig "
                "beslutningstekst eller en begrundelse for, at der ikke kan gives en: %(items)s."
            )
            % {"items": _item_names(lacking)}
        )
    if meeting.status == MeetingStatus.MINUTES_APPROVED:
        personal_data.require_no_personal_data(meeting, minutes=True)
    return _transition(meeting, to=MeetingStatus.MINUTES_PUBLISHED, by=by)


def advance(meeting: Meeting, *, to: str, by: Actor, late_reason: str | None = None) -> Meeting:
    """Move the meeting on to the status `to` by that step's own service (every button, endpoint and
    command names the step by the status it leads to; the lifecycle's order is `enums.NEXT_STATUS`).
    Sending the agenda takes the reason it is late, where a caller asks for one (publish_agenda)."""
    steps: dict[str, Callable[..., Meeting]] = {
        MeetingStatus.AGENDA_PUBLISHED: publish_agenda,
        MeetingStatus.HELD: mark_held,
        MeetingStatus.MINUTES_APPROVED: approve_minutes,
        MeetingStatus.MINUTES_PUBLISHED: publish_minutes,
    }
    if to not in steps:
        raise ProtokolError(_("Mødet kan ikke gå til %(to)s.") % {"to": to})
    if to == MeetingStatus.AGENDA_PUBLISHED:
        return publish_agenda(meeting, by=by, late_reason=late_reason)
    return steps[MeetingStatus(to)](meeting, by=by)

"""Every write to bodies, meetings, items, sections and decisions.

Each function is atomic, checks the rules (meetings/rules.py) for the acting user `by`, and writes
the audit entry. Approved minutes are frozen: a change after approval needs a `reason` and is kept
as an Amendment.
"""

import hashlib
import json
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date as date_type
from datetime import time as time_type
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from protokol.cases import personal_data
from protokol.cases.validators import validate_kle
from protokol.common.actors import Actor
from protokol.common.audit import log_action
from protokol.common.errors import Conflict, ProtokolError
from protokol.common.richtext import sanitize, to_plain
from protokol.meetings import deadlines, rules
from protokol.meetings.enums import (
    CANCELLABLE_STATUSES,
    NEXT_STATUS,
    BodyKind,
    ClosedReason,
    MeetingStatus,
    Outcome,
    Role,
    Standing,
    section_kind,
)
from protokol.meetings.models import (
    AgendaItem,
    Amendment,
    Body,
    BodyMembership,
    Decision,
    Meeting,
    Organization,
    RouteStep,
    Section,
    StandingItem,
)
from protokol.meetings.signals import announce_meeting_changed

ITEM_FIELDS = (
    "title",
    "public",
    "number",
    "printed_number",
    "position",
    "case_journal_number",
    "document_number",
    "case_type",
    "standing",
    "public_title",
    "subject_confidential",
    "closed_reason",
    "closed_reason_text",
)


def audit(*, meeting_id: int | None = None, **entry: Any) -> None:
    """The audit entry of a write; a write to a meeting is also announced to the parts above (the search
    index registers for it: `meetings.signals`), in the same transaction."""
    log_action(meeting_id=meeting_id, **entry)
    if meeting_id is not None:
        announce_meeting_changed(meeting_id)


def _unique_slug(model, base: str) -> str:
    slug = slugify(base.replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))[:90] or "x"
    candidate, n = slug, 2
    while model.objects.filter(slug=candidate).exists():
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


# Organisations and bodies -------------------------------------------------------------------------


@transaction.atomic
def create_organization(*, name: str, by: Actor) -> Organization:
    if not rules.is_admin(by):
        raise rules.Forbidden(_("Kun en administrator kan oprette organisationer."))
    name = name.strip()
    if not name:
        raise ProtokolError(_("En organisation skal have et navn."))
    org = Organization.objects.create(name=name, slug=_unique_slug(Organization, name))
    audit(by=by, action="organization.create", obj=org, after={"name": name})
    return org


def get_or_create_organization(*, name: str, by: Actor) -> Organization:
    org = Organization.objects.filter(name=name.strip()).first()
    return org or create_organization(name=name, by=by)


@transaction.atomic
def create_body(
    *,
    organization: Organization,
    name: str,
    by: Actor,
    kind: str = BodyKind.COMMITTEE,
    aliases: Iterable[str] = (),
    slug: str | None = None,
) -> Body:
    if not rules.is_admin(by):
        raise rules.Forbidden(_("Kun en administrator kan oprette udvalg."))
    name = name.strip()
    if not name:
        raise ProtokolError(_("Et udvalg skal have et navn."))
    if Body.objects.filter(organization=organization, name=name).exists():
        raise ProtokolError(_("Udvalget %(name)s findes allerede.") % {"name": name})
    body = Body.objects.create(
        organization=organization,
        name=name,
        slug=slug or _unique_slug(Body, name),
        kind=kind,
        aliases=[a.strip() for a in aliases if a.strip()],
    )
    audit(by=by, action="body.create", obj=body, after={"name": name, "kind": kind})
    return body


def find_body(*, organization: Organization, name: str) -> Body | None:
    """The body a document calls `name`: by name, by alias, or by the name with its definite ending."""
    wanted = name.strip().casefold()
    if not wanted:
        return None
    bodies = list(organization.bodies.all())  # one query for both passes (an import asks per route step)
    for body in bodies:
        names = [body.name, *body.aliases]
        if any(n.casefold() == wanted for n in names):
            return body
    for body in bodies:
        # "Direktion" for "Direktionen", "Økonomiudvalg" for "Økonomiudvalget".
        base = body.name.casefold()
        if base.startswith(wanted) and len(base) - len(wanted) <= 3:
            return body
    return None


@transaction.atomic
def add_membership(*, body: Body, user: Any, role: str = Role.MEMBER, by: Actor) -> BodyMembership:
    if not rules.is_admin(by):
        raise rules.Forbidden(_("Kun en administrator kan tildele roller."))
    membership, _created = BodyMembership.objects.get_or_create(body=body, user=user, role=role)
    audit(by=by, action="membership.add", obj=membership, after={"user": user.get_username(), "role": role})
    return membership


# Meetings -----------------------------------------------------------------------------------------


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
        meeting.minutes_hash = minutes_digest(meeting)
        meeting.public_minutes_hash = public_minutes_digest(meeting)
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


def _seal_minutes(meeting: Meeting) -> None:
    """Record the names and both checksums of the minutes as approved."""
    meeting.approved_body_name = meeting.body.name
    meeting.approved_organization_name = meeting.body.organization.name
    meeting.minutes_hash = minutes_digest(meeting)
    meeting.public_minutes_hash = public_minutes_digest(meeting)
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


# Items --------------------------------------------------------------------------------------------


def _item_snapshot(item: AgendaItem) -> dict:
    snap = {name: getattr(item, name) for name in ITEM_FIELDS}
    snap["case"] = item.case.number if item.case is not None else None
    return snap


def _check_closed_reason(value: str) -> None:
    if value and value not in ClosedReason.values:
        raise ProtokolError(_("Ukendt begrundelse for lukning: %(r)s") % {"r": value})


def _printed_kle(case: Any, given: str | None) -> str:
    """The KLE number an item states: as given (an imported document prints its own), else its case's."""
    if case is None:
        return ""
    if given is None:
        return case.journal_number
    given = given.strip()
    try:
        validate_kle(given)
    except ValidationError as err:
        raise ProtokolError(err.messages[0]) from err
    return given


def _check_number_free(meeting: Meeting, number: int | None, *, exclude: int | None = None) -> None:
    if number is None:
        return
    taken = AgendaItem.objects.filter(meeting=meeting, number=number)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise ProtokolError(_("Punkt nummer %(n)s findes allerede på dette møde.") % {"n": number})


@transaction.atomic
def add_item(
    *,
    meeting: Meeting,
    title: str,
    by: Actor,
    public: bool = True,
    number: int | None = None,
    printed_number: str = "",
    position: int | None = None,
    case: Any = None,
    case_journal_number: str | None = None,
    document_number: str = "",
    case_type: str = "",
    standing: str = Standing.NO,
    route: Sequence[str] = (),
    sections: Sequence[tuple[str, str]] = (),
    postponed_from: AgendaItem | None = None,
    public_title: str = "",
    subject_confidential: bool = False,
    closed_reason: str = "",
    closed_reason_text: str = "",
    reason: str = "",
    supplementary: bool | None = None,
) -> AgendaItem:
    """Add an item. One added after the agenda was sent and before the meeting is held is a tillægspunkt
    (`supplementary`); an importer storing a document's own items says False."""
    rules.require_edit(by, meeting.body)
    require_editable(meeting, reason=reason)
    if supplementary is None:
        supplementary = meeting.status == MeetingStatus.AGENDA_PUBLISHED
    title = title.strip()
    if not title:
        raise ProtokolError(_("Et punkt skal have en titel."))
    _check_closed_reason(closed_reason)
    _check_number_free(meeting, number)
    if position is None:
        # New items go before the standing items that close the agenda ("Eventuelt").
        closing = meeting.items.filter(standing=Standing.END).order_by("position").first()
        last = meeting.items.aggregate(m=Max("position"))["m"]
        position = closing.position if closing else (0 if last is None else last + 1)
    meeting.items.filter(position__gte=position).update(position=F("position") + 1)
    if case is not None and case.organization_id != meeting.body.organization_id:
        raise ProtokolError(_("Sagen hører til en anden organisation."))
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=title,
        printed_number=printed_number.strip()[:20],
        public=public,
        number=number,
        position=position,
        case=case,
        case_journal_number=_printed_kle(case, case_journal_number),
        document_number=document_number.strip(),
        case_type=case_type.strip(),
        standing=standing,
        postponed_from=postponed_from,
        public_title=public_title.strip(),
        subject_confidential=subject_confidential,
        closed_reason=closed_reason,
        closed_reason_text=closed_reason_text.strip(),
        supplementary=supplementary,
    )
    _write_route(item, route)
    _write_sections(item, sections)
    record_change(
        meeting=meeting,
        obj=item,
        action="item.create",
        by=by,
        before=None,
        after=_item_snapshot(item)
        | {"route": list(route), "sections": [h for h, _t in sections], "supplementary": supplementary},
        reason=reason,
        item=item,
    )
    return item


@transaction.atomic
def update_item(
    *, item: AgendaItem, by: Actor, expected_version: int | None = None, reason: str = "", **fields: Any
) -> AgendaItem:
    """Change an item's own fields. With expected_version, refuse if someone saved in between."""
    meeting = item.meeting
    rules.require_edit(by, meeting.body)
    require_editable(meeting, reason=reason)
    unknown = set(fields) - set(ITEM_FIELDS) - {"case"}
    if unknown:
        raise ProtokolError(_("Ukendte felter: %(f)s") % {"f": ", ".join(sorted(unknown))})
    current = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if expected_version is not None and current.version != expected_version:
        raise Conflict(
            _("Punktet er blevet ændret af en anden, siden du åbnede det. Din ændring er ikke gemt.")
        )
    if "number" in fields:
        _check_number_free(meeting, fields["number"], exclude=item.pk)
    if "title" in fields and not str(fields["title"]).strip():
        raise ProtokolError(_("Et punkt skal have en titel."))
    _check_closed_reason(fields.get("closed_reason", ""))
    case = fields.get("case", current.case)
    if "case_journal_number" in fields or (case.pk if case else None) != current.case_id:
        if case is not None and case.organization_id != meeting.body.organization_id:
            raise ProtokolError(_("Sagen hører til en anden organisation."))
        fields["case_journal_number"] = _printed_kle(case, fields.get("case_journal_number"))
    before = _item_snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    if _item_snapshot(current) == before:
        return item  # nothing changed: no new version, no audit entry
    current.version = current.version + 1
    current.save()
    action = "item.update"
    if current.public != before["public"]:
        # Opening a closed item is a decision of its own, never a side effect of an edit: the log names it.
        action = "item.open" if current.public else "item.close"
    record_change(
        meeting=meeting,
        obj=current,
        action=action,
        by=by,
        before=before,
        after=_item_snapshot(current),
        reason=reason,
        item=current,
    )
    item.refresh_from_db()
    return item


def _write_route(item: AgendaItem, names: Sequence[str]) -> None:
    item.route_steps.all().delete()
    org = item.meeting.body.organization
    RouteStep.objects.bulk_create(
        RouteStep(item=item, position=i, name=name.strip(), body=find_body(organization=org, name=name))
        for i, name in enumerate(names)
        if name.strip()
    )


def _write_sections(item: AgendaItem, sections: Sequence[tuple[str, str]]) -> None:
    item.sections.all().delete()
    Section.objects.bulk_create(
        Section(
            item=item, position=i, heading=heading.strip(), kind=section_kind(heading), text=sanitize(text)
        )
        for i, (heading, text) in enumerate(sections)
        if heading.strip()
    )


@transaction.atomic
def set_route(*, item: AgendaItem, names: Sequence[str], by: Actor, reason: str = "") -> AgendaItem:
    rules.require_edit(by, item.meeting.body)
    require_editable(item.meeting, reason=reason)
    before = item.route_names
    _write_route(item, names)
    record_change(
        meeting=item.meeting,
        obj=item,
        action="item.route",
        by=by,
        before=before,
        after=item.route_names,
        reason=reason,
        item=item,
    )
    return item


@transaction.atomic
def set_sections(
    *, item: AgendaItem, sections: Sequence[tuple[str, str]], by: Actor, reason: str = ""
) -> AgendaItem:
    rules.require_edit(by, item.meeting.body)
    require_editable(item.meeting, reason=reason)
    before = [[s.heading, s.text] for s in item.sections.all()]
    _write_sections(item, sections)
    AgendaItem.objects.filter(pk=item.pk).update(version=F("version") + 1)
    record_change(
        meeting=item.meeting,
        obj=item,
        action="item.sections",
        by=by,
        before=before,
        after=[[s.heading, s.text] for s in item.sections.all()],
        reason=reason,
        item=item,
    )
    return item


def _written_sections(sections: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The sections as they would be kept (stripped; a section without text shows nothing)."""
    return [(h.strip(), t.strip()) for h, t in sections if h.strip() and t.strip()]


@transaction.atomic
def edit_item(
    *,
    item: AgendaItem,
    by: Actor,
    expected_version: int | None = None,
    reason: str = "",
    route: Sequence[str] | None = None,
    sections: Sequence[tuple[str, str]] | None = None,
    **fields: Any,
) -> bool:
    """The edit of an item as a user makes it (the workspace's form, the API's PATCH): its fields, its
    route and its sections, all or nothing, with the version check first. Only what differs is
    written; `route` and `sections` left None stay as they are. Returns whether anything changed."""
    rules.require_edit(by, item.meeting.body)
    changed = {
        name: value
        for name, value in fields.items()
        if (
            getattr(item, f"{name}_id") != (value.pk if value else None)
            if name == "case"
            else getattr(item, name) != value
        )
    }
    route_changed = route is not None and [n.strip() for n in route if n.strip()] != item.route_names
    sections_changed = sections is not None and _written_sections(sections) != _written_sections(
        (s.heading, s.text) for s in item.sections.all()
    )
    if changed or expected_version is not None:
        before = item.version
        item = update_item(item=item, by=by, expected_version=expected_version, reason=reason, **changed)
        changed = changed if item.version != before else {}
    if sections_changed and sections is not None:
        set_sections(item=item, sections=sections, by=by, reason=reason)
    if route_changed and route is not None:
        set_route(item=item, names=route, by=by, reason=reason)
    return bool(changed) or sections_changed or route_changed


@transaction.atomic
def remove_item(*, item: AgendaItem, by: Actor) -> None:
    meeting = item.meeting
    rules.require_edit(by, meeting.body)
    require_not_cancelled(meeting)
    if meeting.status != MeetingStatus.DRAFT:
        raise ProtokolError(_("Punkter kan kun fjernes, før dagsordenen er udsendt."))
    audit(by=by, action="item.delete", obj=item, before=_item_snapshot(item), meeting_id=meeting.pk)
    gap = item.position
    item.delete()
    # The others close up, as after a move: positions stay 0..n-1, the agenda's order as shown.
    meeting.items.filter(position__gt=gap).update(position=F("position") - 1)


@transaction.atomic
def move_item(*, item: AgendaItem, to_position: int, by: Actor) -> None:
    """Put an item at a place in the agenda (0 = first); the others close up around it."""
    meeting = item.meeting
    rules.require_edit(by, meeting.body)
    require_not_cancelled(meeting)
    if meeting.status != MeetingStatus.DRAFT:
        raise ProtokolError(_("Rækkefølgen er låst, når dagsordenen er udsendt."))
    items = [i for i in meeting.items.order_by("position", "pk") if i.pk != item.pk]
    to_position = max(0, min(to_position, len(items)))
    items.insert(to_position, item)
    for position, it in enumerate(items):
        if it.position != position:
            AgendaItem.objects.filter(pk=it.pk).update(position=position)
    audit(by=by, action="item.move", obj=item, after={"position": to_position}, meeting_id=meeting.pk)


# Decisions ----------------------------------------------------------------------------------------

QUICK_OUTCOMES = {
    "godkendt": Outcome.APPROVED,
    "anbefales": Outcome.RECOMMENDED,
    "taget til efterretning": Outcome.NOTED,
    "drøftet": Outcome.DISCUSSED,
    "udsat": Outcome.POSTPONED,
    "ikke godkendt": Outcome.REJECTED,
}


def guess_outcome(text: str) -> str:
    """The outcome a decision's wording states, where it starts with one of the usual formulas."""
    t = text.strip().casefold()
    for words, outcome in sorted(QUICK_OUTCOMES.items(), key=lambda kv: -len(kv[0])):
        if t.startswith(words):
            return outcome
    if t.startswith(("orienteringen blev taget", "orienteringen tages", "taget til orientering")):
        return Outcome.NOTED
    if t.startswith(("sagen drøftedes", "drøftedes")):
        return Outcome.DISCUSSED
    if "udsat" in t[:80]:
        return Outcome.POSTPONED
    return Outcome.OTHER


def _decision_snapshot(d: Decision) -> dict:
    return {
        "body": d.body_name,
        "date": d.date.isoformat() if d.date else None,
        "text": d.text,
        "outcome": d.outcome,
        "public_text": d.public_text,
        "public_text_withheld": d.public_text_withheld,
    }


@transaction.atomic
def record_decision(
    *,
    item: AgendaItem,
    text: str,
    by: Actor,
    body_name: str | None = None,
    date: date_type | None = None,
    outcome: str | None = None,
    public_text: str | None = None,
    public_text_withheld: str | None = None,
    reason: str = "",
) -> Decision:
    """Record (or replace) the decision of a body on an item; by default the meeting's own body and date.

    A decision of an earlier meeting (quoted in the case history) is recorded with its own body and date.
    On a closed item, `public_text` is the decision as the public reads it, or `public_text_withheld` why
    none can be given; None keeps what is recorded.
    """
    meeting = item.meeting
    rules.require_edit(by, meeting.body)
    require_editable(meeting, reason=reason)
    body_name = (body_name or meeting.body.name).strip()
    date = date or meeting.date
    if outcome is not None and outcome not in Outcome.values:
        raise ProtokolError(_("Ukendt udfald: %(o)s") % {"o": outcome})
    body = find_body(organization=meeting.body.organization, name=body_name)
    # Lock the item: two clients recording the same body's decision at once must not both create one.
    AgendaItem.objects.select_for_update().filter(pk=item.pk).first()
    existing = item.decisions.filter(body_name=body_name, date=date).first()
    before = _decision_snapshot(existing) if existing else None
    if existing is None:
        position = item.decisions.count()
        existing = Decision(item=item, position=position, body_name=body_name, date=date)
    existing.body = body
    existing.text = sanitize(text)
    existing.outcome = outcome or guess_outcome(to_plain(existing.text))
    if public_text is not None:
        existing.public_text = sanitize(public_text)
    if public_text_withheld is not None:
        existing.public_text_withheld = public_text_withheld.strip()
    existing.save()
    AgendaItem.objects.filter(pk=item.pk).update(version=F("version") + 1)
    record_change(
        meeting=meeting,
        obj=existing,
        action="decision.record",
        by=by,
        before=before,
        after=_decision_snapshot(existing),
        reason=reason,
        item=item,
    )
    return existing


@transaction.atomic
def set_historical_status(meeting: Meeting, *, status: str, by: Actor) -> Meeting:
    """Give an imported meeting the status its document shows (published agenda or published minutes).

    Old documents arrive already decided and published; they skip the lifecycle, which is for meetings
    run in protokol. Only an administrator (or the importer acting as the system) may do this. `held` is
    the step between, in which the importer records the minutes' votes before they are sealed.
    """
    if not rules.is_admin(by):
        raise rules.Forbidden(_("Kun en administrator kan importere historiske møder."))
    require_not_cancelled(meeting)
    if status not in (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD, MeetingStatus.MINUTES_PUBLISHED):
        raise ProtokolError(_("Ugyldig status for et importeret møde: %(s)s") % {"s": status})
    before = meeting.status
    meeting.status = status
    now = timezone.now()
    meeting.agenda_published_at = meeting.agenda_published_at or now
    if status == MeetingStatus.MINUTES_PUBLISHED:
        meeting.minutes_approved_at = meeting.minutes_approved_at or now
        meeting.minutes_published_at = meeting.minutes_published_at or now
    meeting.save()
    if status == MeetingStatus.MINUTES_PUBLISHED:
        _seal_minutes(meeting)
    audit(
        by=by,
        action="meeting.imported_status",
        obj=meeting,
        before={"status": before},
        after={"status": status},
        meeting_id=meeting.pk,
    )
    return meeting


@transaction.atomic
def set_standing_items(*, body: Body, items: Sequence[tuple[str, str]], by: Actor) -> list[StandingItem]:
    """Replace a body's standing items: (title, "start"|"end") in agenda order."""
    rules.require_edit(by, body)
    before = [[i.title, i.placement] for i in body.standing_items.all()]
    body.standing_items.all().delete()
    created = []
    for position, (title, placement) in enumerate(items):
        if placement not in (Standing.START, Standing.END):
            raise ProtokolError(_("Et fast punkt står enten i starten eller til sidst."))
        if not title.strip():
            raise ProtokolError(_("Et fast punkt skal have en titel."))
        created.append(
            StandingItem.objects.create(
                body=body, title=title.strip(), placement=placement, position=position
            )
        )
    audit(by=by, action="body.standing_items", obj=body, before=before, after=[list(i) for i in items])
    return created


def _next_draft(body: Body, after: date_type) -> Meeting:
    nxt = (
        Meeting.objects.filter(body=body, status=MeetingStatus.DRAFT, date__gt=after).order_by("date").first()
    )
    if nxt is None:
        raise ProtokolError(
            _("%(body)s har intet kommende møde under forberedelse. Opret mødet først.") % {"body": body.name}
        )
    return nxt


def _carry_over(item: AgendaItem, *, to: Meeting, by: Actor, postponed: bool) -> AgendaItem:
    """A draft item for the same case on a later meeting, with its text, route and attachments."""
    from protokol.cases.models import Attachment

    copy = add_item(
        meeting=to,
        title=item.title,
        public=item.public,
        case=item.case,
        case_type=item.case_type,
        document_number=item.document_number,
        route=item.route_names,
        sections=[(s.heading, s.text) for s in item.sections.all()],
        postponed_from=item if postponed else None,
        public_title=item.public_title,
        subject_confidential=item.subject_confidential,
        closed_reason=item.closed_reason,
        closed_reason_text=item.closed_reason_text,
        by=by,
    )
    Attachment.objects.bulk_create(
        Attachment(
            item=copy,
            position=a.position,
            title=a.title,
            document_number=a.document_number,
            public=a.public,
            file=a.file.name if a.file else "",
            file_name=a.file_name,
            mime_type=a.mime_type,
            size=a.size,
            sha512=a.sha512,
            text=a.text,
        )
        for a in item.attachments.all()
    )
    # The history travels with the case: earlier bodies' decisions, then this one's.
    for d in item.decisions.all():
        Decision.objects.create(
            item=copy,
            position=d.position,
            body_name=d.body_name,
            body=d.body,
            date=d.date,
            text=d.text,
            outcome=d.outcome,
            public_text=d.public_text,
            public_text_withheld=d.public_text_withheld,
        )
    return copy


@transaction.atomic
def postpone_item(*, item: AgendaItem, by: Actor, text: str = "") -> AgendaItem:
    """Record "Udsat" on this meeting and put the item on the body's next draft agenda, same case."""
    meeting = item.meeting
    rules.require_edit(by, meeting.body)
    if meeting.status not in (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD):
        raise ProtokolError(_("Et punkt kan kun udsættes på et møde, hvis dagsorden er udsendt."))
    if item.postponed_to.exists():
        raise ProtokolError(_("Punktet er allerede udsat til et senere møde."))
    target = _next_draft(meeting.body, meeting.date)
    # That a closed item was postponed is public; the wording of why may not be.
    public_text = None if item.public else _("Udsat.")
    record_decision(
        item=item, text=text or _("Udsat."), outcome=Outcome.POSTPONED, public_text=public_text, by=by
    )
    return _carry_over(item, to=target, by=by, postponed=True)


def next_route_body(item: AgendaItem) -> Body | None:
    """The body after this meeting's body on the item's route, or None where the route ends here."""
    steps = list(item.route_steps.all())
    here = next((i for i, s in enumerate(steps) if s.body_id == item.meeting.body_id), None)
    if here is None or here + 1 >= len(steps):
        return None
    return steps[here + 1].body


@transaction.atomic
def forward_item(*, item: AgendaItem, by: Actor) -> AgendaItem:
    """After a recommendation, put the case on the next body's next draft agenda, carrying the decision."""
    rules.require_edit(by, item.meeting.body)
    require_not_cancelled(item.meeting)
    body = next_route_body(item)
    if body is None:
        raise ProtokolError(_("Punktets behandling slutter i %(body)s.") % {"body": item.meeting.body.name})
    if not item.decisions.filter(body=item.meeting.body, date=item.meeting.date).exists():
        raise ProtokolError(_("Registrér udvalgets beslutning, før sagen sendes videre."))
    if not rules.can_edit(by, body):
        raise rules.Forbidden(_("Du kan ikke sætte punkter på dagsordenen i %(body)s.") % {"body": body.name})
    target = _next_draft(body, item.meeting.date)
    if item.case_id and target.items.filter(case_id=item.case_id).exists():
        raise ProtokolError(_("Sagen står allerede på %(body)ss næste dagsorden.") % {"body": body.name})
    return _carry_over(item, to=target, by=by, postponed=False)

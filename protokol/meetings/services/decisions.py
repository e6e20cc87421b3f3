"""Decisions, and what follows from them: postponing an item to the next meeting, forwarding it along its route."""

from collections.abc import Sequence
from datetime import date as date_type

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from protokol.common.actors import Actor
from protokol.common.errors import ProtokolError
from protokol.common.richtext import sanitize, to_plain
from protokol.meetings import rules
from protokol.meetings.enums import (
    MeetingStatus,
    Outcome,
    Standing,
)
from protokol.meetings.models import (
    AgendaItem,
    Body,
    Decision,
    Meeting,
    StandingItem,
)
from protokol.meetings.services.base import audit
from protokol.meetings.services.bodies import find_body
from protokol.meetings.services.items import add_item
from protokol.meetings.services.lifecycle import (
    _seal_minutes,
    record_change,
    require_editable,
    require_not_cancelled,
)

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

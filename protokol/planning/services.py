"""Writes for the annual plan, follow-ups and communication of decisions; atomic, audited, rule-checked."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from dateutil.rrule import rrulestr
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from protokol.common.actors import Actor
from protokol.common.errors import ProtokolError
from protokol.meetings import deadlines, rules
from protokol.meetings import services as meeting_services
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.models import AgendaItem, Body, Decision, Meeting
from protokol.meetings.services import audit
from protokol.planning.enums import Audience, Channel, FollowUpStatus
from protokol.planning.models import Communication, FollowUp, MeetingSeries, PlannedTheme

# A rule that would yield more than this in a year is a mistake (FREQ=MINUTELY), not an annual plan.
MAX_OCCURRENCES_PER_YEAR = 366


def _parse_rule(rule: str, first: date):
    rule = rule.strip().removeprefix("RRULE:")
    try:
        return rrulestr(rule, dtstart=datetime.combine(first, time()))
    except (ValueError, TypeError) as err:
        raise ProtokolError(_("Ugyldig gentagelsesregel (RFC 5545): %(rule)s") % {"rule": rule}) from err


def occurrences(series: MeetingSeries, *, start: date, until: date) -> list[date]:
    """The series' meeting dates from start to until, holidays and other exceptions left out."""
    skip = {date.fromisoformat(d) for d in series.exceptions}
    weeks = set(series.skip_weeks)
    rule = _parse_rule(series.rule, series.first_date)
    found = rule.between(datetime.combine(start, time()), datetime.combine(until, time.max), inc=True)
    return [
        d.date()
        for d in found
        if d.date() not in skip
        and d.date().isocalendar().week not in weeks
        and not (series.skip_public_holidays and deadlines.is_holiday(d.date()))
    ]


def _checked_rule(rule: str, first_date: date) -> str:
    parsed = _parse_rule(rule, first_date)
    year = parsed.between(
        datetime.combine(first_date, time()), datetime.combine(first_date, time()) + timedelta(days=366)
    )
    if len(year) > MAX_OCCURRENCES_PER_YEAR:
        raise ProtokolError(_("Reglen giver mere end ét møde om dagen; det er ikke et årshjul."))
    return rule.strip().removeprefix("RRULE:")


def _series_snapshot(series: MeetingSeries) -> dict:
    return {
        "name": series.name,
        "rule": series.rule,
        "first_date": series.first_date.isoformat(),
        "start_time": series.start_time.strftime("%H:%M") if series.start_time else None,
        "location": series.location,
        "exceptions": series.exceptions,
        "skip_public_holidays": series.skip_public_holidays,
        "skip_weeks": series.skip_weeks,
        "horizon_days": series.horizon_days,
    }


def _series_fields(
    body: Body,
    name: str,
    rule: str,
    first_date: date,
    start_time: time | None,
    location: str,
    exceptions: Iterable[date],
    horizon_days: int,
    skip_public_holidays: bool,
    skip_weeks: Iterable[int],
) -> dict[str, Any]:
    """A series' stored fields from what the clerk gave, checked and normalised the same way on create
    and on edit."""
    return {
        "name": name.strip() or body.name,
        "rule": _checked_rule(rule, first_date),
        "first_date": first_date,
        "start_time": start_time,
        "location": location.strip(),
        "exceptions": sorted(d.isoformat() for d in exceptions),
        "horizon_days": horizon_days,
        "skip_public_holidays": skip_public_holidays,
        "skip_weeks": sorted(set(skip_weeks)),
    }


@transaction.atomic
def create_series(
    *,
    body: Body,
    name: str,
    rule: str,
    first_date: date,
    by: Actor,
    start_time: time | None = None,
    location: str = "",
    exceptions: Iterable[date] = (),
    horizon_days: int = 120,
    skip_public_holidays: bool = False,
    skip_weeks: Iterable[int] = (),
) -> MeetingSeries:
    rules.require_edit(by, body)
    series = MeetingSeries.objects.create(
        body=body,
        **_series_fields(
            body,
            name,
            rule,
            first_date,
            start_time,
            location,
            exceptions,
            horizon_days,
            skip_public_holidays,
            skip_weeks,
        ),
    )
    audit(by=by, action="series.create", obj=series, after=_series_snapshot(series))
    return series


@transaction.atomic
def update_series(
    *,
    series: MeetingSeries,
    name: str,
    rule: str,
    first_date: date,
    by: Actor,
    start_time: time | None = None,
    location: str = "",
    exceptions: Iterable[date] = (),
    horizon_days: int = 120,
    skip_public_holidays: bool = False,
    skip_weeks: Iterable[int] = (),
) -> MeetingSeries:
    """Change a series; meetings already created from it stay as they are."""
    current = MeetingSeries.objects.select_for_update().select_related("body").get(pk=series.pk)
    rules.require_edit(by, current.body)
    before = _series_snapshot(current)
    fields = _series_fields(
        current.body,
        name,
        rule,
        first_date,
        start_time,
        location,
        exceptions,
        horizon_days,
        skip_public_holidays,
        skip_weeks,
    )
    for field, value in fields.items():
        setattr(current, field, value)
    current.save()
    audit(by=by, action="series.update", obj=current, before=before, after=_series_snapshot(current))
    return current


@transaction.atomic
def generate_meetings(series: MeetingSeries, *, by: Actor, today: date | None = None) -> list[Meeting]:
    """Draft meetings for the series' dates within its horizon that have no meeting yet."""
    rules.require_edit(by, series.body)
    today = today or timezone.localdate()
    until = today + timedelta(days=series.horizon_days)
    existing = set(
        Meeting.objects.filter(body=series.body, date__gte=today, date__lte=until).values_list(
            "date", flat=True
        )
    )
    created = []
    for day in occurrences(series, start=today, until=until):
        if day in existing:
            continue
        meeting = meeting_services.create_meeting(
            body=series.body, date=day, start_time=series.start_time, location=series.location, by=by
        )
        created.append(meeting)
        propose_planned_themes(meeting, by=by)
    return created


def _target_meeting(theme: PlannedTheme) -> Meeting | None:
    if theme.meeting_id:
        return theme.meeting
    if theme.month is None:
        return None
    month = theme.month.replace(day=1)
    next_month = (month + timedelta(days=32)).replace(day=1)
    return (
        Meeting.objects.filter(body=theme.body, date__gte=month, date__lt=next_month)
        .order_by("date", "start_time")
        .first()
    )


def _propose(theme: PlannedTheme, meeting: Meeting, *, by: Actor) -> None:
    if theme.item_id or meeting.status != MeetingStatus.DRAFT:
        return
    theme.item = meeting_services.add_item(
        meeting=meeting,
        title=theme.title,
        public=theme.public,
        case=theme.case,
        sections=[("Resume", theme.description)] if theme.description else [],
        by=by,
    )
    theme.save(update_fields=["item", "modified"])


@transaction.atomic
def propose_planned_themes(meeting: Meeting, *, by: Actor) -> int:
    """Put the themes planned for this meeting (or its month) on its draft agenda as proposed items."""
    month = meeting.date.replace(day=1)
    candidates = PlannedTheme.objects.filter(body=meeting.body, item__isnull=True).filter(
        meeting=meeting
    ) | PlannedTheme.objects.filter(body=meeting.body, item__isnull=True, meeting__isnull=True, month=month)
    count = 0
    for theme in candidates:
        if _target_meeting(theme) == meeting:
            _propose(theme, meeting, by=by)
            count += 1
    return count


@transaction.atomic
def plan_theme(
    *,
    body: Body,
    title: str,
    by: Actor,
    month: date | None = None,
    meeting: Meeting | None = None,
    description: str = "",
    public: bool = True,
    case: Any = None,
    source_item: AgendaItem | None = None,
) -> PlannedTheme:
    """Plan a theme for a month or a named meeting; if that meeting's draft exists, it is proposed there now."""
    rules.require_edit(by, body)
    if not title.strip():
        raise ProtokolError(_("Et planlagt emne skal have en titel."))
    if month is None and meeting is None:
        raise ProtokolError(_("Angiv en måned eller et møde for emnet."))
    if meeting is not None and meeting.body_id != body.pk:
        raise ProtokolError(_("Mødet hører til et andet udvalg."))
    theme = PlannedTheme.objects.create(
        body=body,
        title=title.strip(),
        description=description.strip(),
        month=month.replace(day=1) if month else None,
        meeting=meeting,
        public=public,
        case=case,
        source_item=source_item,
    )
    audit(by=by, action="theme.plan", obj=theme, after={"title": theme.title, "month": str(theme.month)})
    target = _target_meeting(theme)
    if target is not None:
        _propose(theme, target, by=by)
    return theme


# Follow-ups ---------------------------------------------------------------------------------------


@transaction.atomic
def create_follow_up(
    *,
    item: AgendaItem,
    what: str,
    by: Actor,
    decision: Decision | None = None,
    responsible: Any = None,
    responsible_name: str = "",
    due: date | None = None,
) -> FollowUp:
    rules.require_edit(by, item.meeting.body)
    if not what.strip():
        raise ProtokolError(_("Beskriv opfølgningen."))
    if decision is not None and decision.item_id != item.pk:
        raise ProtokolError(_("Beslutningen hører til et andet punkt."))
    follow_up = FollowUp.objects.create(
        item=item,
        decision=decision,
        what=what.strip(),
        responsible=responsible,
        responsible_name=responsible_name.strip() or (responsible.get_full_name() if responsible else ""),
        due=due,
    )
    audit(
        by=by,
        action="follow_up.create",
        obj=follow_up,
        meeting_id=item.meeting_id,
        after={
            "what": follow_up.what,
            "due": str(due) if due else None,
            "responsible": follow_up.responsible_name,
        },
    )
    return follow_up


@transaction.atomic
def close_follow_up(*, follow_up: FollowUp, note: str, by: Actor) -> FollowUp:
    rules.require_edit(by, follow_up.item.meeting.body)
    if follow_up.status != FollowUpStatus.OPEN:
        raise ProtokolError(_("Opfølgningen er allerede afsluttet."))
    follow_up.status = FollowUpStatus.DONE
    follow_up.note = note.strip()
    follow_up.closed_at = timezone.now()
    follow_up.save()
    audit(
        by=by,
        action="follow_up.close",
        obj=follow_up,
        after={"note": follow_up.note},
        meeting_id=follow_up.item.meeting_id,
    )
    return follow_up


@transaction.atomic
def put_follow_up_on_agenda(*, follow_up: FollowUp, meeting: Meeting, by: Actor) -> AgendaItem:
    """The follow-up becomes an item on a later draft agenda, for the same case."""
    rules.require_edit(by, meeting.body)
    if follow_up.status != FollowUpStatus.OPEN:
        raise ProtokolError(_("Opfølgningen er allerede afsluttet."))
    if meeting.status != MeetingStatus.DRAFT:
        raise ProtokolError(_("Vælg et møde, hvis dagsorden ikke er udsendt endnu."))
    source = follow_up.item
    item = meeting_services.add_item(
        meeting=meeting,
        title=_("Opfølgning: %(title)s") % {"title": source.title},
        public=source.public,
        case=source.case,
        sections=[("Resume", follow_up.what)],
        by=by,
    )
    follow_up.status = FollowUpStatus.ON_AGENDA
    follow_up.agenda_item = item
    follow_up.closed_at = timezone.now()
    follow_up.save()
    audit(by=by, action="follow_up.to_agenda", obj=follow_up, after={"item": item.pk}, meeting_id=meeting.pk)
    return item


# Communication ------------------------------------------------------------------------------------


def _checked(values: Sequence[str], allowed: Iterable[str], label: str) -> list[str]:
    allowed = set(allowed)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ProtokolError(_("Ukendt %(label)s: %(v)s") % {"label": label, "v": ", ".join(unknown)})
    return list(dict.fromkeys(values))


@transaction.atomic
def record_communication(
    *,
    item: AgendaItem,
    by: Actor,
    audiences: Sequence[str],
    channels: Sequence[str],
    responsible_name: str = "",
    date: date | None = None,
    message: str = "",
    done: bool = False,
) -> Communication:
    """Record whether and how an item's decision is passed on (one record per item, replaced on change)."""
    rules.require_edit(by, item.meeting.body)
    audiences = _checked(audiences, Audience.values, _("målgruppe"))
    channels = _checked(channels, Channel.values, _("kanal"))
    if Audience.PUBLIC in audiences and not item.public:
        raise ProtokolError(_("Et lukket punkt kan ikke formidles til offentligheden."))
    communication, _created = Communication.objects.update_or_create(
        item=item,
        defaults={
            "audiences": audiences,
            "channels": channels,
            "responsible_name": responsible_name.strip(),
            "date": date,
            "message": message.strip(),
            "done": done,
        },
    )
    audit(
        by=by,
        action="communication.record",
        obj=communication,
        meeting_id=item.meeting_id,
        after={"audiences": audiences, "channels": channels, "message": communication.message},
    )
    return communication

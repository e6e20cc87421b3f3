"""Reads of the annual plan, follow-ups and communication, by who asks."""

from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from protokol.meetings import rules
from protokol.meetings.models import Body, Meeting
from protokol.meetings.queries import (
    decisions_visible,
    items_with_content,
    items_with_decisions,
    visible_meetings,
)
from protokol.planning.enums import Audience, Channel, FollowUpStatus
from protokol.planning.models import Communication, FollowUp, PlannedTheme


def follow_ups_for(
    user, *, body: Body | None = None, responsible=None, open_only: bool = True
) -> QuerySet[FollowUp]:
    """Follow-ups of items whose content the user may see (a follow-up of a closed item is closed content)."""
    follow_ups = FollowUp.objects.filter(item__in=items_with_content(user)).select_related(
        "item", "item__meeting", "item__meeting__body", "responsible"
    )
    if body is not None:
        follow_ups = follow_ups.filter(item__meeting__body=body)
    if responsible is not None:
        follow_ups = follow_ups.filter(responsible=responsible)
    if open_only:
        follow_ups = follow_ups.filter(status=FollowUpStatus.OPEN)
    return follow_ups.order_by("due", "pk")


def is_overdue(follow_up: FollowUp, *, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return follow_up.status == FollowUpStatus.OPEN and follow_up.due is not None and follow_up.due < today


def public_plan(body: Body, *, today: date | None = None) -> dict:
    """What anyone may see of a body's plan: the coming meeting dates (a draft only by date, time and place)
    and the public planned themes."""
    today = today or timezone.localdate()
    visible = set(visible_meetings(None).filter(body=body, date__gte=today).values_list("pk", flat=True))
    meetings = list(Meeting.objects.filter(body=body, date__gte=today).order_by("date", "start_time")[:100])
    for m in meetings:
        m.is_public = m.pk in visible  # type: ignore[attr-defined]  # for the template
    themes = PlannedTheme.objects.filter(body=body, public=True).filter(month__gte=today.replace(day=1))
    return {"meetings": meetings, "themes": list(themes.order_by("month", "pk"))}


def plan_for(user, body: Body, *, today: date | None = None) -> dict:
    """The plan as the body's secretariat sees it: drafts and closed themes too."""
    if not rules.is_secretariat(user, body):
        return public_plan(body, today=today)
    today = today or timezone.localdate()
    return {
        "meetings": list(Meeting.objects.filter(body=body, date__gte=today).order_by("date", "start_time")),
        "themes": list(
            PlannedTheme.objects.filter(body=body, month__gte=today.replace(day=1)).order_by("month")
        ),
    }


def communications_for(user, meeting: Meeting) -> QuerySet[Communication]:
    return Communication.objects.filter(
        item__in=items_with_content(user), item__meeting=meeting
    ).select_related("item")


def communication_list_text(user, meeting: Meeting) -> str:
    """The meeting's communication list as plain text, ready to paste into a newsletter or a post."""
    audience_labels = dict(Audience.choices)
    channel_labels = dict(Channel.choices)
    lines = [f"Formidling fra {meeting.body.name}s møde {meeting.date.strftime('%d-%m-%Y')}", ""]
    decided = decisions_visible(user, meeting)
    for c in communications_for(user, meeting).order_by("item__position"):
        item = c.item
        decision = item.decisions.filter(date=meeting.date).first() if decided else None
        lines.append(f"Punkt {item.number}: {item.title}")
        if decision and decision.text:
            lines.append(f"Beslutning: {decision.text}")
        if c.message:
            lines.append(c.message)
        lines.append(
            "Til: "
            + ", ".join(str(audience_labels[a]) for a in c.audiences)
            + " · Kanal: "
            + ", ".join(str(channel_labels[ch]) for ch in c.channels)
            + (f" · Ansvarlig: {c.responsible_name}" if c.responsible_name else "")
            + (f" · Dato: {c.date.strftime('%d-%m-%Y')}" if c.date else "")
        )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def communicated_public_decisions(*, limit: int = 50) -> list[Communication]:
    """For the public feed: decisions of open items of published minutes whose communication includes the
    public."""
    open_items = items_with_decisions(None).filter(public=True)
    done = (
        Communication.objects.filter(item__in=open_items, done=True)
        .select_related("item", "item__meeting", "item__meeting__body")
        .order_by("-date", "-pk")
    )
    # Audiences are a short JSON list; SQLite has no JSON containment lookup, so filter here.
    return [c for c in done[: limit * 4] if Audience.PUBLIC in c.audiences][:limit]

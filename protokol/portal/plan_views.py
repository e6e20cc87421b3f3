"""A body's annual plan for the public: coming meeting dates and the public planned themes, also as iCalendar."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from protokol.meetings import queries
from protokol.planning.queries import communicated_public_decisions, public_plan
from protokol.portal.context_processors import site_name


def _body(slug: str):
    body = queries.body_by_slug(queries.visible_bodies(queries.public_user()), slug)
    if body is None:
        raise Http404
    return body


def plan(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(slug)
    return render(request, "portal/plan.html", {"body": body, "plan": public_plan(body)})


def plan_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """RFC 5545: a VEVENT per coming meeting (dates only for drafts) and an all-day VEVENT per planned theme."""
    body = _body(slug)
    content = public_plan(body)
    tz = ZoneInfo(settings.TIME_ZONE)
    host = request.get_host().split(":")[0] or "protokol"
    now = timezone.now()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//protokol//årshjul//DA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{body.name}: årshjul")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for m in content["meetings"]:
        event = icalendar.Event()
        event.add("uid", f"meeting-{m.pk}@{host}")
        event.add("dtstamp", now)
        event.add("summary", body.name)
        start = datetime.combine(m.date, m.start_time or time(0), tzinfo=tz)
        if m.start_time:
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(hours=2))
        else:
            event.add("dtstart", m.date)
            event.add("dtend", m.date + timedelta(days=1))
        if m.location:
            event.add("location", m.location)
        if m.is_public:
            event.add("url", request.build_absolute_uri(f"/meetings/{m.pk}/"))
        event.add("status", "CONFIRMED" if m.is_public else "TENTATIVE")
        cal.add_component(event)
    for theme in content["themes"]:
        event = icalendar.Event()
        event.add("uid", f"theme-{theme.pk}@{host}")
        event.add("dtstamp", now)
        event.add("summary", f"{body.name}: {theme.title}")
        event.add("dtstart", theme.month)
        event.add("dtend", theme.month + timedelta(days=1))
        if theme.description:
            event.add("description", theme.description)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    cal.add_missing_timezones()
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="aarshjul-{body.slug}.ics"'
    return response


class CommunicatedDecisionsFeed(Feed):
    """Atom: decisions the bodies chose to communicate to the public (formidling), newest first."""

    feed_type = Atom1Feed
    link = "/"
    subtitle = "Beslutninger, som udvalgene har valgt at formidle til offentligheden."

    def title(self) -> str:
        return _("%(site)s: formidlede beslutninger") % {"site": site_name()}

    def items(self):
        return communicated_public_decisions(limit=50)

    def item_title(self, communication) -> str:
        item = communication.item
        return f"{item.meeting.body.name}: {item.title}"

    def item_description(self, communication) -> str:
        decision = communication.item.decisions.filter(date=communication.item.meeting.date).first()
        parts = [communication.message, decision.text if decision else ""]
        return "\n\n".join(p for p in parts if p)

    def item_link(self, communication) -> str:
        item = communication.item
        return f"/meetings/{item.meeting_id}/items/{item.number}/"

    def item_guid(self, communication) -> str:
        return f"communication-{communication.pk}"

    def item_pubdate(self, communication):
        day = communication.date or communication.item.meeting.date
        return datetime.combine(day, time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))

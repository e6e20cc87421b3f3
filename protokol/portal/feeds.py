"""Atom feeds and iCalendar files: public whoever asks, so they are built for the anonymous visitor.

A feed or a calendar is fetched by programs and cached and passed on; it never carries more than a
visitor may see, even when a logged-in member's browser fetches it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from protokol.common.danish import format_date as long_date
from protokol.meetings import queries
from protokol.portal.context_processors import site_name
from protokol.portal.views import search_text
from protokol.search.query import search as run_search

FEED_SIZE = 30
CALENDAR_DAYS_BACK = 400


def _body(slug: str):
    body = queries.body_by_slug(queries.visible_bodies(queries.public_user()), slug)
    if body is None:
        raise Http404
    return body


def _title_of(item) -> str:
    """An item as the public reads it: a closed one by its neutral public title."""
    prefix = "" if item.public else _("Lukket: ")
    return f"{item.number or '–'}. {prefix}{item.shown_public_title}"


class BodyFeed(Feed):
    """New agendas and minutes of one body."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str):
        return _body(slug)

    def title(self, body) -> str:
        return _("%(organization)s – %(body)s: dagsordener og referater") % {
            "organization": body.organization.name,
            "body": body.name,
        }

    def link(self, body) -> str:
        return f"/bodies/{body.slug}/"

    def subtitle(self, body) -> str:
        return _("Nye dagsordener og referater fra %(body)s.") % {"body": body.name}

    def items(self, body):
        visitor = queries.public_user()
        # Imported history has no publication time; its meeting date stands in.
        meetings = (
            queries.visible_meetings(visitor).filter(body=body).order_by("-date", "-start_time")[:FEED_SIZE]
        )
        return [
            _Entry(m, list(queries.visible_items(visitor).filter(meeting=m).order_by("position")))
            for m in meetings
        ]

    def item_title(self, entry) -> str:
        kind = _("Referat") if entry.minutes else _("Dagsorden")
        if entry.meeting.is_cancelled:
            kind = _("Aflyst")
        return f"{kind}: {entry.meeting.body.name} {long_date(entry.meeting.date)}"

    def item_description(self, entry) -> str:
        return "\n".join([*_cancelled_lines(entry.meeting), *(_title_of(i) for i in entry.items)])

    def item_link(self, entry) -> str:
        return f"/meetings/{entry.meeting.pk}/"

    def item_guid(self, entry) -> str:
        return f"meeting-{entry.meeting.pk}-{'minutes' if entry.minutes else 'agenda'}"

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.published


def _cancelled_lines(meeting) -> list[str]:
    """What a feed or calendar says first of a cancelled meeting: that it is, and why."""
    if not meeting.is_cancelled:
        return []
    reason = meeting.cancelled_reason.strip()
    return [_("Mødet er aflyst: %(reason)s") % {"reason": reason} if reason else _("Mødet er aflyst.")]


class _Entry:
    def __init__(self, meeting, items):
        self.meeting = meeting
        self.items = items
        # Meetings come from visible_meetings as the visitor: the minutes once the visitor may read them.
        self.minutes = meeting.shown_kind == "minutes" and meeting.minutes_published_at
        # A cancellation is news of its own: the entry moves up when the meeting is called off.
        self.published = (
            (meeting.minutes_published_at if self.minutes else None)
            or meeting.cancelled_at
            or meeting.agenda_published_at
        )


class SearchFeed(Feed):
    """The newest public hits of a search, as Atom: follow a subject."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest):
        return search_text(request.GET.get("q", ""))

    def title(self, q) -> str:
        return _("%(site)s – søgning: %(q)s") % {"site": site_name(), "q": q}

    def link(self, q) -> str:
        from urllib.parse import urlencode

        return "/search/?" + urlencode({"q": q, "sort": "date"})

    def items(self, q):
        if not q:
            return []
        return run_search(q, user=None, sort="date", page_size=FEED_SIZE, facets=False).hits

    def item_title(self, hit) -> str:
        prefix = "" if hit.public else _("Lukket: ")
        return f"{hit.meeting.body.name} {long_date(hit.meeting.date)}, {_('punkt')} {hit.number or '–'}: {prefix}{hit.title}"

    def item_description(self, hit) -> str:
        return str(hit.snippet)

    def item_link(self, hit) -> str:
        return hit.url

    def item_guid(self, hit) -> str:
        return f"item-{hit.item_id}"

    def item_pubdate(self, hit):
        return hit.meeting.start


def _calendar(meetings, *, name: str, request: HttpRequest) -> HttpResponse:
    tz = ZoneInfo(settings.TIME_ZONE)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//protokol//dagsordener og referater//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    host = request.get_host().split(":")[0] or "protokol"
    now = timezone.now()
    for m in meetings:
        event = icalendar.Event()
        event.add("uid", f"meeting-{m.pk}@{host}")
        event.add("dtstamp", now)
        event.add("summary", _("Aflyst: %(body)s") % {"body": m.body.name} if m.is_cancelled else m.body.name)
        if m.start_time:
            start = datetime.combine(m.date, m.start_time, tzinfo=tz)
            end = (
                datetime.combine(m.date, m.end_time, tzinfo=tz) if m.end_time else start + timedelta(hours=2)
            )
            event.add("dtstart", start)
            event.add("dtend", max(end, start))
        else:
            event.add("dtstart", m.date)
            event.add("dtend", m.date + timedelta(days=1))
        if m.location:
            event.add("location", m.location)
        event.add("url", request.build_absolute_uri(f"/meetings/{m.pk}/"))
        event.add("description", "\n".join([*_cancelled_lines(m), *(_title_of(i) for i in m.public_items)]))
        # A calendar that subscribed to the meeting learns of its cancellation under the same UID.
        event.add("status", "CANCELLED" if m.is_cancelled else "CONFIRMED")
        cal.add_component(event)
    cal.add_missing_timezones()
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="protokol.ics"'
    return response


def _calendar_meetings(body=None):
    visitor = queries.public_user()
    since = timezone.localdate() - timedelta(days=CALENDAR_DAYS_BACK)
    found = queries.visible_meetings(visitor).filter(date__gte=since).order_by("date", "start_time")
    if body is not None:
        found = found.filter(body=body)
    meetings = list(found[:2000])
    items = queries.visible_items(visitor).filter(meeting__in=meetings).order_by("position")
    by_meeting: dict[int, list] = {}
    for item in items:
        by_meeting.setdefault(item.meeting_id, []).append(item)
    for m in meetings:
        m.public_items = by_meeting.get(m.pk, [])  # type: ignore[attr-defined]  # for the calendar
    return meetings


def body_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(slug)
    return _calendar(_calendar_meetings(body), name=body.name, request=request)


def calendar(request: HttpRequest) -> HttpResponse:
    return _calendar(_calendar_meetings(), name=_("Møder"), request=request)

"""The public web site: thin views over meetings.queries (who sees what) and the search.

No view decides on access itself: meetings come from visible_meetings, items from visible_items, and
an item's content is shown only where content_item_ids says so; of any other item, number and title.
Decisions only where decision_item_ids says so (the public: once the minutes are published), and
attachments are those of cases.queries.visible_attachments.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy

from protokol.cases.downloads import file_info, has_download, serve_visible_attachment
from protokol.cases.queries import visible_attachments, visible_cases
from protokol.meetings import queries, rules
from protokol.meetings.models import CLOSED_ITEM_TITLE, AgendaItem, Decision
from protokol.meetings.services import canonical_json, public_minutes_document
from protokol.people import queries as people_queries
from protokol.people.models import ItemAbsence
from protokol.portal.cache import cached_for_visitors
from protokol.rendering.attendance import attendance_facts, item_absent_line, name_labels
from protokol.rendering.legal_record import disqualified_lines, statement_line, vote_lines
from protokol.search.query import search as run_search

FEED_MEETINGS = 30


def _items_of(user, meeting):
    items = list(
        queries.visible_items(user)
        .filter(meeting=meeting)
        .select_related("case")
        .prefetch_related("sections", "decisions", "route_steps", "votes")
        .order_by("position", "number")
    )
    content = queries.content_item_ids(user, items)
    decisions = queries.shown_decisions(user, items)
    minutes = queries.decisions_visible(user, meeting)
    attachments: dict[int, list[AttachmentView]] = {}
    for a in visible_attachments(user).filter(item__in=content).order_by("position", "pk"):
        attachments.setdefault(a.item_id, []).append(AttachmentView.of(a))
    # Who did not take part in an item is part of its minutes: shown with the item's content, once the
    # reader may read the meeting's decisions.
    absent: dict[int, list[str]] = {}
    labels: dict[str, str] = {}
    if minutes:
        labels = name_labels(people_queries.participants(meeting))
        for item_id, name in (
            ItemAbsence.objects.filter(item__in=content)
            .order_by("person__name")
            .values_list("item_id", "person__name")
        ):
            absent.setdefault(item_id, []).append(name)
    return [
        ItemView(
            item=i,
            content=i.pk in content,
            title=i.title if i.pk in content else i.shown_public_title,
            decisions=decisions.get(i.pk, []),
            attachments=attachments.get(i.pk, []),
            absent_line=item_absent_line(absent.get(i.pk), labels) if i.pk in absent else "",
            record=_record_lines(i, labels) if minutes and i.pk in content else [],
            # A closed item's public decision texts, as far as the reader may read its decisions.
            public_decisions=[
                d
                for d in queries.decisions_of(i, meeting, minutes=minutes)
                if d.public_text or d.public_text_withheld
            ]
            if not i.public and i.pk not in content
            else [],
        )
        for i in items
    ]


def _record_lines(item: AgendaItem, labels: dict[str, str]) -> list[str]:
    """The item's votes, protokoltilførsler and disqualifications as the minutes print them."""
    lines: list[str] = []
    for vote in item.votes.all():
        lines += vote_lines(people_queries.vote_document(vote))
    for statement in item.statements.prefetch_related("authors__party"):
        lines.append(statement_line(people_queries.statement_document(statement)))
    names = [d.person.name for d in item.disqualifications.select_related("person")]
    return lines + disqualified_lines(names, labels=labels)


@dataclass
class ItemView:
    """An item as one reader sees it: whole (`content`), or a closed item by its public fields."""

    item: AgendaItem
    content: bool
    title: str
    decisions: list = field(default_factory=list)
    attachments: list = field(default_factory=list)
    public_decisions: list = field(default_factory=list)
    absent_line: str = ""
    record: list = field(default_factory=list)

    @property
    def closed_label(self) -> bool:
        """Whether the heading says "Lukket:" before the title (not before the title "Lukket punkt")."""
        return not self.item.public and self.title != CLOSED_ITEM_TITLE


MIME_LABELS: dict[str, str | Promise] = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "text/plain": gettext_lazy("Tekst"),
}


@dataclass
class AttachmentView:
    """An attachment as a page lists it: its title, and the file behind the link, if there is one."""

    attachment: object
    url: str
    file_name: str
    size: int | None
    type_label: str

    @classmethod
    def of(cls, a) -> AttachmentView:
        info = file_info(a)
        mime = (info["mime_type"] or "").split(";")[0]
        return cls(
            attachment=a,
            url=reverse("portal:attachment", args=[a.pk]) if has_download(a) else "",
            file_name=info["file_name"] or "",
            size=info["size"],
            type_label=str(MIME_LABELS.get(mime) or mime.rpartition("/")[2].upper()),
        )


def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    meetings = queries.visible_meetings(request.user)
    return render(
        request,
        "portal/home.html",
        {
            "bodies": queries.visible_bodies(request.user),
            "upcoming": meetings.filter(date__gte=today).order_by("date", "start_time")[:10],
            "recent": meetings.filter(date__lt=today).order_by("-date", "-start_time")[:10],
        },
    )


def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    body = queries.body_by_slug(queries.visible_bodies(request.user), slug)
    if body is None:
        raise Http404
    today = timezone.localdate()
    meetings = queries.visible_meetings(request.user).filter(body=body)
    upcoming = list(meetings.filter(date__gte=today).order_by("date", "start_time"))
    past = list(meetings.filter(date__lt=today).order_by("-date", "-start_time")[:100])
    return render(
        request,
        "portal/body.html",
        {"body": body, "upcoming": upcoming, "past": past, "year": today.year},
    )


@cached_for_visitors
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_object_or_404(queries.visible_meetings(request.user), pk=meeting_id)
    return render(
        request,
        "portal/meeting.html",
        {
            "meeting": meeting,
            "items": _items_of(request.user, meeting),
            "attendance": _attendance(request.user, meeting),
            "pdf": _pdf_available(),
            # Approved minutes carry their checksum (only for readers of the minutes); the page says
            # whether they still read as approved.
            "checksum": queries.minutes_checksum(request.user, meeting),
        },
    )


def _attendance(user, meeting) -> list[dict]:
    """The minutes' attendance lines ("Fraværende: Ole Holm (V) (afbud)"), for a reader of the minutes."""
    if not queries.decisions_visible(user, meeting):
        return []
    return attendance_facts(people_queries.participants(meeting))


def _case_items(user, case):
    """The appearances of a case the user may see the content of, in the order they happened, each with
    the decisions the user may read (`shown_decisions`)."""
    items = list(
        queries.items_with_content(user)
        .filter(case=case)
        .select_related("meeting", "meeting__body", "case")
        .prefetch_related(
            "route_steps", Prefetch("decisions", queryset=Decision.objects.order_by("position"))
        )
        .order_by("meeting__date", "meeting__start_time", "pk")
    )
    decisions = queries.shown_decisions(user, items)
    for item in items:
        item.shown_decisions = decisions.get(item.pk, [])  # type: ignore[attr-defined]  # for _story and the page
    return items


def item_detail(request: HttpRequest, meeting_id: int, number: int) -> HttpResponse:
    meeting = get_object_or_404(queries.visible_meetings(request.user), pk=meeting_id)
    views = [v for v in _items_of(request.user, meeting) if v.item.number == number]
    if not views:
        raise Http404
    view = views[0]
    story = _story(_case_items(request.user, view.item.case)) if view.content and view.item.case_id else None
    # Follow-ups are the item's content: shown only where the content is.
    follow_ups = list(view.item.follow_ups.order_by("due", "pk")) if view.content else []
    return render(
        request,
        "portal/item.html",
        {"meeting": meeting, "view": view, "story": story, "follow_ups": follow_ups},
    )


@dataclass
class StoryEntry:
    """One step of a case's story: an appearance on an agenda, or a decision quoted from elsewhere."""

    day: date | None
    body_name: str
    item: AgendaItem | None = None
    decisions: list = field(default_factory=list)


@dataclass
class Story:
    case: object
    entries: list[StoryEntry]
    route: list[tuple[str, bool]]  # (body name, treated yet)


def _same_body(name: str, body) -> bool:
    wanted = name.strip().casefold()
    names = [body.name, *body.aliases]
    return any(n.casefold() == wanted or n.casefold().startswith(wanted) for n in names if wanted)


def _story(items: list[AgendaItem]) -> Story | None:
    """Every appearance of one case with each body's decision, and decisions quoted from meetings we lack."""
    if not items:
        return None
    entries: list[StoryEntry] = []
    seen: set[tuple[str, date | None]] = set()
    quoted: list[Decision] = []
    for item in items:
        body = item.meeting.body
        own: list[Decision] = []
        other: list[Decision] = []
        for d in item.shown_decisions:  # type: ignore[attr-defined]  # set by _case_items
            mine = (d.body_id == body.pk) or (d.body_id is None and _same_body(d.body_name, body))
            (own if mine and (d.date is None or d.date == item.meeting.date) else other).append(d)
        entries.append(StoryEntry(day=item.meeting.date, body_name=body.name, item=item, decisions=own))
        seen.add((body.name.casefold(), item.meeting.date))
        quoted.extend(other)
    done = {(e.body_name.casefold(), e.day) for e in entries}
    for d in quoted:
        quoted_body = d.body.name if d.body is not None else d.body_name
        key = (quoted_body.casefold(), d.date)
        if key in done or key in seen:
            continue
        seen.add(key)
        entries.append(StoryEntry(day=d.date, body_name=quoted_body, decisions=[d]))
    entries.sort(key=lambda e: (e.day or date.min, e.item is not None))
    last = items[-1]
    treated = [e.body_name for e in entries]
    route = [
        (step.body.name if step.body is not None else step.name, any(_matches(step, t) for t in treated))
        for step in last.route_steps.all()
    ]
    return Story(case=last.case, entries=entries, route=route)


def _matches(step, body_name: str) -> bool:
    wanted = body_name.casefold()
    if step.body_id:
        return step.body.name.casefold() == wanted
    return wanted.startswith(step.name.casefold())


def case_detail(request: HttpRequest, case_number: str) -> HttpResponse:
    stories = []
    for case in visible_cases(request.user).filter(number=case_number).order_by("organization__name"):
        story = _story(_case_items(request.user, case))
        if story:
            stories.append(story)
    if not stories:
        raise Http404
    return render(request, "portal/case.html", {"case_number": case_number, "stories": stories})


def search_text(raw: str) -> str:
    """What a visitor typed, as a search: control characters (NUL, escapes) are no part of any word and
    could not stand in an HTML page or an XML feed, so they are left out; line breaks and tabs are spaces."""
    text = "".join(c for c in raw if c.isspace() or unicodedata.category(c) not in ("Cc", "Cs"))
    return " ".join(text.split())[:500]


def _year_param(value: str) -> int | None:
    """A year that dates can hold (1..9998, so that the year after it exists too); anything else is ignored."""
    if not (value.isascii() and value.isdigit()) or len(value) > 4:
        return None
    year = int(value)
    return year if date.min.year <= year < date.max.year else None


def _date_param(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


class SearchFilters(TypedDict):
    body: str | None
    case_type: str | None
    kle: str | None
    year: int | None
    since: date | None
    until: date | None


def search(request: HttpRequest) -> HttpResponse:
    params = request.GET
    q = search_text(params.get("q", ""))
    filters = SearchFilters(
        body=params.get("body") or None,
        case_type=params.get("case_type") or None,
        kle=params.get("kle") or None,
        year=_year_param(params.get("year", "")),
        since=_date_param(params.get("since")),
        until=_date_param(params.get("until")),
    )
    page = None
    if q:
        try:
            number = int(params.get("page", "1"))
        except ValueError:
            number = 1
        page = run_search(q, user=request.user, sort=params.get("sort", "relevance"), page=number, **filters)
    return render(
        request,
        "portal/search.html",
        {
            "q": q,
            "page": page,
            "filters": filters,
            "sort": params.get("sort", "relevance"),
            "bodies": queries.visible_bodies(request.user),
            "query_string": _without(params, "page"),
            "facet_groups": _facet_groups(params, page),
        },
    )


FACET_HEADINGS = (
    ("body", gettext_lazy("Udvalg")),
    ("year", gettext_lazy("År")),
    ("case_type", gettext_lazy("Sagstype")),
    ("kle", gettext_lazy("KLE-gruppe")),
)


def _facet_groups(params, page) -> list[dict]:
    """Each facet as links that narrow this search by one more value, the other choices kept."""
    if page is None:
        return []
    groups = []
    for name, heading in FACET_HEADINGS:
        links = []
        for facet in page.facets.get(name, []):
            narrowed = params.copy()
            narrowed.pop("page", None)
            narrowed[name] = facet.value
            links.append(
                {
                    "label": facet.label,
                    "count": facet.count,
                    "url": "?" + narrowed.urlencode(),
                    "current": params.get(name) == facet.value,
                }
            )
        if links:
            groups.append({"heading": heading, "links": links})
    return groups


def _without(params, *names: str) -> str:
    copy = params.copy()
    for name in names:
        copy.pop(name, None)
    return copy.urlencode()


def public_minutes_json(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The public edition of published minutes, byte for byte what the public checksum is taken of."""
    visitor = queries.public_user()
    meeting = get_object_or_404(queries.visible_meetings(visitor), pk=meeting_id)
    if not (meeting.public_minutes_hash and queries.decisions_visible(visitor, meeting)):
        raise Http404
    response = HttpResponse(canonical_json(public_minutes_document(meeting)), content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="{meeting.body.slug}-{meeting.date}-referat.json"'
    return response


# PDF --------------------------------------------------------------------------------------------


def _pdf_available() -> bool:
    try:
        import protokol.rendering.pdf  # noqa: F401
    except ImportError:
        return False
    return True


#: how soon a reader asking for a PDF being prepared is told to ask again (seconds)
PDF_RETRY_AFTER_S = 10


def meeting_pdf(request: HttpRequest, meeting_id: int, kind: str) -> HttpResponse:
    """The agenda as sent (always, beside the minutes) or the minutes (once the user may read them)."""
    from protokol.rendering.documents import meeting_document
    from protokol.rendering.pdf import render_pdf
    from protokol.rendering.stored import public_pdf

    meeting = get_object_or_404(queries.visible_meetings(request.user), pk=meeting_id)
    if kind == "minutes" and meeting.shown_kind != "minutes":  # type: ignore[attr-defined]  # visible_meetings annotates it
        raise Http404
    internal = rules.can_see_closed(request.user, meeting)
    if internal:
        data: bytes | None = render_pdf(meeting_document(meeting, edition="internal", kind=kind))
    else:
        # The public edition as stored; a large one not yet rendered is being made by a job.
        data = public_pdf(meeting, kind)
    if data is None:
        pending = render(request, "portal/pdf_pending.html", {"meeting": meeting, "kind": kind}, status=503)
        pending["Retry-After"] = str(PDF_RETRY_AFTER_S)
        pending["Cache-Control"] = "no-store"
        return pending
    name = "dagsorden" if kind == "agenda" else "referat"
    response = HttpResponse(data, content_type="application/pdf")
    filename = f"{meeting.body.slug}-{meeting.date}-{name}.pdf"
    disposition = content_disposition_header(bool(request.GET.get("download")), filename)
    assert disposition is not None  # there is a file name
    response["Content-Disposition"] = disposition
    if internal:
        response["Cache-Control"] = "private, no-store"
    return response


def attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A file of an item's attachment, to whoever may see it (cases.queries), as every channel serves it."""
    return serve_visible_attachment(request.user, pk, download=bool(request.GET.get("download")))


# The organisation's identity ---------------------------------------------------------------------


def organization_logo(request: HttpRequest) -> HttpResponse:
    """The site organisation's logo (PNG or JPEG, checked again as it is served), public like the header."""
    from protokol.meetings.identity import logo_type

    org = queries.site_organization()
    if org is None or not org.logo:
        raise Http404
    with org.logo.open("rb") as f:
        data = f.read()
    kind = logo_type(data[:8])
    if kind is None:
        raise Http404
    response = HttpResponse(data, content_type=kind)
    response["Cache-Control"] = "public, max-age=3600"
    return response


def organization_css(request: HttpRequest) -> HttpResponse:
    """The site organisation's accent colour as the stylesheet's variable (the CSP allows no inline style)."""
    from protokol.meetings.identity import COLOR_RE

    org = queries.site_organization()
    color = org.accent_color if org and COLOR_RE.match(org.accent_color or "") else ""
    css = f":root {{ --accent: {color}; }}\n" if color else ""
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response

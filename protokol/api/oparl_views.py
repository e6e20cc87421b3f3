"""The OParl 1.1 endpoints: read-only, public, CORS open. Thin: sets from public.py, JSON from oparl.py."""

import json
import math
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone

from protokol.api import public
from protokol.api.models import DeletedObject
from protokol.api.oparl import OParl, iso, location_key, oparl_type, term_start, with_content_ids
from protokol.cases.downloads import serve_attachment
from protokol.cases.queries import withdrawn_attachment
from protokol.meetings.models import AgendaItem, Body, Meeting
from protokol.meetings.queries import decisions_public
from protokol.people.models import Party, Person
from protokol.people.queries import present_by_meeting

URL_NAMES = {
    "Body": "body",
    "Organization": "organization",
    "Meeting": "meeting",
    "AgendaItem": "agendaitem",
    "Paper": "paper",
    "Consultation": "consultation",
    "File": "file",
    "Person": "person",
    "Membership": "membership",
}

T = TypeVar("T")


class BadRequest(Exception):
    pass


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _json(data: dict, status: int = 200) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def _error(status: int, message: str, debug: str | None = None) -> HttpResponse:
    data = {"type": "Error", "message": message}
    if debug:
        data["debug"] = debug
    return _json(data, status)


def oparl_view(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            return _cors(HttpResponse(status=204))
        if request.method not in ("GET", "HEAD"):
            response = _error(405, "OParl er skrivebeskyttet: kun GET.")
            response["Allow"] = "GET, HEAD, OPTIONS"
            return _cors(response)
        try:
            response = view(request, *args, **kwargs)
        except BadRequest as err:
            response = _error(400, str(err))
        except Http404:
            response = _error(404, "Objektet findes ikke.", request.path)
        return _cors(response)

    return wrapper


# Filters and pagination ---------------------------------------------------------------------------


def _parse_time(name: str, raw: str | None) -> datetime | None:
    if raw is None or raw == "":
        return None
    try:
        value = datetime.fromisoformat(raw.strip().replace(" ", "+"))
    except ValueError as err:
        raise BadRequest(
            f"{name} skal være et tidspunkt efter ISO 8601, fx 2016-05-30T12:30:00+02:00."
        ) from err
    return timezone.make_aware(value) if timezone.is_naive(value) else value


class Filters:
    def __init__(self, request: HttpRequest):
        get = request.GET
        self.created_since = _parse_time("created_since", get.get("created_since"))
        self.created_until = _parse_time("created_until", get.get("created_until"))
        self.modified_since = _parse_time("modified_since", get.get("modified_since"))
        self.modified_until = _parse_time("modified_until", get.get("modified_until"))
        self.omit_internal = get.get("omit_internal", "").lower() in ("1", "true", "yes")
        try:
            self.page = int(get.get("page", "1"))
        except ValueError as err:
            raise BadRequest("page skal være et helt tal fra 1.") from err
        if self.page < 1 or self.page > 10**9:
            raise BadRequest("page skal være et helt tal fra 1.")

    def apply(self, qs: QuerySet) -> QuerySet:
        if self.created_since:
            qs = qs.filter(created__gte=self.created_since)
        if self.created_until:
            qs = qs.filter(created__lte=self.created_until)
        if self.modified_since:
            qs = qs.filter(oparl_modified__gte=self.modified_since)
        if self.modified_until:
            qs = qs.filter(oparl_modified__lte=self.modified_until)
        return qs

    def keep(self, created: datetime | None, modified: datetime | None) -> bool:
        """For objects built in Python: one without timestamps passes no time filter."""
        checks = [
            (self.created_since, created, lambda v, f: v >= f),
            (self.created_until, created, lambda v, f: v <= f),
            (self.modified_since, modified, lambda v, f: v >= f),
            (self.modified_until, modified, lambda v, f: v <= f),
        ]
        return all(f is None or (v is not None and test(v, f)) for f, v, test in checks)


def page_size() -> int:
    return int(getattr(settings, "PROTOKOL_OPARL_PAGE_SIZE", 100))


def _tombstone(o: OParl, type_: str, object_id: int, at: datetime) -> dict:
    return {
        "id": o.url(URL_NAMES[type_], object_id),
        "type": oparl_type(type_),
        "deleted": True,
        "modified": iso(at),
    }


def object_list(
    request: HttpRequest,
    objects: QuerySet | list,
    serialize: Callable[[OParl, list, bool], list[dict]],
    *,
    tombstones: str | None = None,
    scope: dict | None = None,
) -> HttpResponse:
    """An external list: stable order (by id), `links.next`, the standard's filters; deleted objects
    only with modified_since."""
    o = OParl(request)
    f = Filters(request)
    if isinstance(objects, QuerySet):
        base = objects
        queryset = f.apply(objects).order_by("pk")
        total_live = queryset.count()
        live: QuerySet | list = queryset
    else:
        base = None
        live = [x for x in objects if f.keep(getattr(x, "created", None), getattr(x, "oparl_modified", None))]
        total_live = len(live)
    dead: list[tuple[int, datetime]] = []
    if tombstones and f.modified_since:
        t = DeletedObject.objects.filter(
            type=tombstones, public=True, deleted_at__gte=f.modified_since, **(scope or {})
        )
        if f.modified_until:
            t = t.filter(deleted_at__lte=f.modified_until)
        if base is not None:
            t = t.exclude(object_id__in=base.values("pk"))
        latest: dict[int, datetime] = {}
        for object_id, at in t.order_by("deleted_at", "id").values_list("object_id", "deleted_at"):
            latest[object_id] = at
        dead = sorted(latest.items())
    size = page_size()
    start = (f.page - 1) * size
    page = list(live[start : start + size]) if start < total_live else []
    data = serialize(o, page, not f.omit_internal) if page else []
    room = size - len(page)
    if room > 0 and tombstones:  # no tombstones asked for, none found
        first_dead = max(0, start - total_live)
        data += [_tombstone(o, tombstones, oid, at) for oid, at in dead[first_dead : first_dead + room]]
    total = total_live + len(dead)
    pages = max(1, math.ceil(total / size))

    def link(n: int) -> str:
        params = request.GET.copy()
        params["page"] = str(n)
        return request.build_absolute_uri(request.path) + "?" + urlencode(sorted(params.items()))

    links = {"first": link(1), "last": link(pages)}
    if f.page > 1:
        links["prev"] = link(min(f.page - 1, pages))
    if f.page < pages:
        links["next"] = link(f.page + 1)
    return _json(
        {
            "data": data,
            "pagination": {
                "totalElements": total,
                "elementsPerPage": size,
                "currentPage": f.page,
                "totalPages": pages,
            },
            "links": links,
        }
    )


def _detail(
    request: HttpRequest, obj: T | None, type_: str, object_id: int, build: Callable[[OParl, T], dict]
) -> HttpResponse:
    """The object as `build` writes it, its tombstone if it was deleted, else 404."""
    o = OParl(request)
    if obj is not None:
        return _json(build(o, obj))
    tomb = (
        DeletedObject.objects.filter(type=type_, object_id=object_id, public=True)
        .order_by("-deleted_at")
        .first()
    )
    if tomb is None:
        raise Http404
    return _json(_tombstone(o, type_, object_id, tomb.deleted_at))


# Serializers for pages of objects -----------------------------------------------------------------


# The order of a meeting's `agendaItem` list, which an item's `order` counts in.
AGENDA_ORDER = ("position", "number", "pk")


def _load_items(qs: QuerySet) -> list[AgendaItem]:
    return list(
        qs.select_related("meeting", "meeting__body", "case").prefetch_related(
            "decisions",
            "attachments",
            "route_steps",
            "votes",
            "statements__authors__party",
            "disqualifications__person__party",
        )
    )


def _meetings(o: OParl, meetings: list[Meeting], internal: bool) -> list[dict]:
    items = _load_items(
        public.public_items().filter(meeting__in=[m.pk for m in meetings]).order_by(*AGENDA_ORDER)
    )
    content = with_content_ids(items)
    by_meeting: dict[int, list] = defaultdict(list)
    for item in items:
        by_meeting[item.meeting_id].append(item)
    objs = [o.meeting(m, by_meeting[m.pk], content, internal=internal) for m in meetings]
    _with_participants(o, meetings, objs)
    return objs


def _agenda_order(meeting_ids: set[int]) -> dict[int, int]:
    """item id -> its index among its meeting's public items (OParl wants 0..n-1, gaps or not)."""
    order: dict[int, int] = {}
    seen: dict[int, int] = defaultdict(int)
    rows = public.public_items().filter(meeting__in=meeting_ids).order_by("meeting_id", *AGENDA_ORDER)
    for pk, meeting_id in rows.values_list("pk", "meeting_id"):
        order[pk] = seen[meeting_id]
        seen[meeting_id] += 1
    return order


def _agenda_items(o: OParl, items: list[AgendaItem], internal: bool) -> list[dict]:
    items = _load_items(public.public_items().filter(pk__in=[i.pk for i in items]).order_by("pk"))
    content = with_content_ids(items)
    order = _agenda_order({i.meeting_id for i in items})
    return [o.agenda_item(i, i.pk in content, order=order[i.pk], internal=internal) for i in items]


def _consultations(o: OParl, items: list[AgendaItem], internal: bool) -> list[dict]:
    items = _load_items(public.consultation_items().filter(pk__in=[i.pk for i in items]).order_by("pk"))
    return [o.consultation(i) for i in items]


def _papers(o: OParl, cases: list, internal: bool) -> list[dict]:
    items = _load_items(
        public.consultation_items()
        .filter(case__in=[c.pk for c in cases])
        .order_by("meeting__date", "meeting__start_time", "position", "pk")
    )
    by_case: dict[int, list] = defaultdict(list)
    for item in items:
        assert item.case_id is not None  # consultation items have a case
        by_case[item.case_id].append(item)
    shown = set(public.public_bodies().values_list("pk", flat=True))
    return [o.paper(c, by_case[c.pk], public_bodies=shown, internal=internal) for c in cases]


def _files(o: OParl, attachments: list, internal: bool) -> list[dict]:
    return [o.file(a) for a in attachments]


def _organizations(o: OParl, bodies: list, internal: bool) -> list[dict]:
    """A body's committees and council, then its parties (lists), each an Organization."""
    objs = [o.organization(b) if isinstance(b, Body) else o.party(b) for b in bodies]
    _with_memberships(o, [b for b in bodies if isinstance(b, Body)], objs)
    return objs


# Persons, memberships, participants ---------------------------------------------------------------


def _with_participants(o: OParl, meetings: list[Meeting], objs: list[dict]) -> None:
    """`participant`: those present, once the minutes are published (attendance is part of the minutes,
    which the public reads from their publication on, as the portal shows them)."""
    held = [m.pk for m in meetings if decisions_public(m)]
    present = present_by_meeting(held)
    for m, obj in zip(meetings, objs, strict=True):
        if present.get(m.pk):
            obj["participant"] = [o.url("person", pk) for pk in present[m.pk]]


def _with_memberships(o: OParl, bodies: list[Body], objs: list[dict]) -> None:
    """`Organization.membership` of the bodies among `objs` (the objects in the same order as `bodies`)."""
    by_body: dict[int, list[int]] = defaultdict(list)
    rows = (
        public.public_memberships()
        .filter(body__in=[b.pk for b in bodies])
        .order_by("start_date", "pk")
        .values_list("body_id", "pk")
    )
    for body_id, pk in rows:
        by_body[body_id].append(pk)
    urls = {o.url("organization", body_id): ids for body_id, ids in by_body.items()}
    for obj in objs:
        if urls.get(obj["id"]):
            obj["membership"] = [o.url("membership", pk) for pk in urls[obj["id"]]]


def _persons(o: OParl, persons: list[Person], internal: bool) -> list[dict]:
    by_person: dict[int, list] = defaultdict(list)
    memberships = (
        public.public_memberships().filter(person__in=[p.pk for p in persons]).order_by("start_date", "pk")
    )
    for m in memberships:
        by_person[m.person_id].append(m)
    return [o.person(p, by_person[p.pk]) for p in persons]


def _terms(org_id: int) -> list[int]:
    days = list(
        public.public_meetings()
        .filter(body__organization_id=org_id)
        .order_by()
        .values_list("date", flat=True)
    ) + [timezone.localdate()]
    first, last = term_start(min(days)), term_start(max(days))
    return list(range(first, last + 1, 4))


def _bodies(o: OParl, orgs: list, internal: bool) -> list[dict]:
    return [o.body(org, [o.legislative_term(org.pk, y) for y in _terms(org.pk)]) for org in orgs]


class _Place:
    """A meeting place (Location), gathered from the meetings held there."""

    def __init__(self, text: str, meetings: list[Meeting]):
        self.text, self.meetings = text, meetings
        self.pk = location_key(text)
        self.created = min(m.created for m in meetings)
        self.oparl_modified = max(m.oparl_modified for m in meetings)  # type: ignore[attr-defined]  # api.public annotates it


def _places(org_id: int | None = None) -> list[_Place]:
    meetings = public.public_meetings().exclude(location="").order_by("date", "pk")
    if org_id is not None:
        meetings = meetings.filter(body__organization_id=org_id)
    by_key: dict[str, list] = defaultdict(list)
    texts: dict[str, str] = {}
    for m in meetings:
        if m.location.strip():
            key = location_key(m.location)
            by_key[key].append(m)
            texts.setdefault(key, m.location.strip())
    return sorted((_Place(texts[k], ms) for k, ms in by_key.items()), key=lambda p: p.pk)


class _Term:
    def __init__(self, org_id: int, year: int):
        self.org_id, self.year = org_id, year


# Views --------------------------------------------------------------------------------------------


def _org_or_404(pk: int):
    org = public.public_organizations().filter(pk=pk).first()
    if org is None:
        raise Http404
    return org


@oparl_view
def system(request: HttpRequest) -> HttpResponse:
    return _json(OParl(request).system())


@oparl_view
def body_list(request: HttpRequest) -> HttpResponse:
    return object_list(request, public.public_organizations(), _bodies, tombstones="Body")


@oparl_view
def body(request: HttpRequest, pk: int) -> HttpResponse:
    org = public.public_organizations().filter(pk=pk).first()
    return _detail(request, org, "Body", pk, lambda o, org: _bodies(o, [org], True)[0])


@oparl_view
def body_organizations(request: HttpRequest, pk: int) -> HttpResponse:
    _org_or_404(pk)
    bodies: list[Body | Party] = list(public.public_bodies().filter(organization_id=pk).order_by("pk"))
    bodies += public.public_parties().filter(organization_id=pk).order_by("pk")
    return object_list(
        request, bodies, _organizations, tombstones="Organization", scope={"organization_id": pk}
    )


@oparl_view
def body_persons(request: HttpRequest, pk: int) -> HttpResponse:
    _org_or_404(pk)
    qs = public.public_persons().filter(organization_id=pk)
    return object_list(request, qs, _persons, tombstones="Person", scope={"organization_id": pk})


@oparl_view
def person(request: HttpRequest, pk: int) -> HttpResponse:
    found = public.public_persons().filter(pk=pk).first()
    return _detail(request, found, "Person", pk, lambda o, p: _persons(o, [p], True)[0])


@oparl_view
def membership(request: HttpRequest, pk: int) -> HttpResponse:
    found = public.public_memberships().filter(pk=pk).first()
    return _detail(request, found, "Membership", pk, lambda o, m: o.membership(m))


@oparl_view
def party(request: HttpRequest, pk: int) -> HttpResponse:
    found = public.public_parties().filter(pk=pk).first()
    if found is None:
        raise Http404
    return _json(OParl(request).party(found))


@oparl_view
def body_meetings(request: HttpRequest, pk: int) -> HttpResponse:
    _org_or_404(pk)
    qs = public.public_meetings().filter(body__organization_id=pk)
    return object_list(request, qs, _meetings, tombstones="Meeting", scope={"organization_id": pk})


@oparl_view
def body_papers(request: HttpRequest, pk: int) -> HttpResponse:
    _org_or_404(pk)
    qs = public.public_cases().filter(organization_id=pk)
    return object_list(request, qs, _papers, tombstones="Paper", scope={"organization_id": pk})


@oparl_view
def body_agendaitems(request: HttpRequest, pk: int) -> HttpResponse:
    _org_or_404(pk)
    qs = public.public_items().filter(meeting__body__organization_id=pk)
    return object_list(request, qs, _agenda_items, tombstones="AgendaItem", scope={"organization_id": pk})


@oparl_view
def body_consultations(request: HttpRequest, pk: int) -> HttpResponse:
    _org_or_404(pk)
    qs = public.consultation_items().filter(meeting__body__organization_id=pk)
    return object_list(request, qs, _consultations, tombstones="Consultation", scope={"organization_id": pk})


@oparl_view
def body_files(request: HttpRequest, pk: int) -> HttpResponse:
    _org_or_404(pk)
    qs = public.public_attachments().filter(item__meeting__body__organization_id=pk)
    return object_list(request, qs, _files, tombstones="File", scope={"organization_id": pk})


@oparl_view
def body_locations(request: HttpRequest, pk: int) -> HttpResponse:
    _org_or_404(pk)
    return object_list(
        request, _places(pk), lambda o, places, internal: [o.location(p.text, p.meetings) for p in places]
    )


@oparl_view
def body_legislativeterms(request: HttpRequest, pk: int) -> HttpResponse:
    _org_or_404(pk)
    terms = [_Term(pk, y) for y in _terms(pk)]
    return object_list(
        request, terms, lambda o, ts, internal: [o.legislative_term(t.org_id, t.year) for t in ts]
    )


@oparl_view
def legislativeterm(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    _org_or_404(pk)
    if year not in _terms(pk):
        raise Http404
    return _json(OParl(request).legislative_term(pk, year))


@oparl_view
def organization(request: HttpRequest, pk: int) -> HttpResponse:
    body = public.public_bodies().filter(pk=pk).first()
    return _detail(request, body, "Organization", pk, lambda o, body: _organizations(o, [body], True)[0])


@oparl_view
def organization_meetings(request: HttpRequest, pk: int) -> HttpResponse:
    if not public.public_bodies().filter(pk=pk).exists():
        raise Http404
    qs = public.public_meetings().filter(body_id=pk)
    return object_list(request, qs, _meetings, tombstones="Meeting", scope={"body_id": pk})


@oparl_view
def organization_consultations(request: HttpRequest, pk: int) -> HttpResponse:
    if not public.public_bodies().filter(pk=pk).exists():
        raise Http404
    qs = public.consultation_items().filter(meeting__body_id=pk)
    return object_list(request, qs, _consultations, tombstones="Consultation", scope={"body_id": pk})


@oparl_view
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    m = public.public_meetings().filter(pk=pk).first()
    return _detail(request, m, "Meeting", pk, lambda o, m: _meetings(o, [m], True)[0])


@oparl_view
def meeting_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    m = public.public_meetings().filter(pk=pk).first()
    if m is None:
        raise Http404
    return _json(OParl(request).meeting_file(m, "invitation"))


@oparl_view
def meeting_results(request: HttpRequest, pk: int) -> HttpResponse:
    m = public.public_meetings().filter(pk=pk).first()
    o = OParl(request)
    if m is None or not o.has_results_protocol(m):
        raise Http404
    return _json(o.meeting_file(m, "resultsProtocol"))


@oparl_view
def agendaitem(request: HttpRequest, pk: int) -> HttpResponse:
    found = public.public_items().filter(pk=pk).exists()
    return _detail(
        request,
        found or None,
        "AgendaItem",
        pk,
        lambda o, _found: _agenda_items(o, [AgendaItem(pk=pk)], True)[0],
    )


@oparl_view
def paper(request: HttpRequest, pk: int) -> HttpResponse:
    case = public.public_cases().filter(pk=pk).first()
    return _detail(request, case, "Paper", pk, lambda o, case: _papers(o, [case], True)[0])


@oparl_view
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    found = public.consultation_items().filter(pk=pk).exists()
    return _detail(
        request,
        found or None,
        "Consultation",
        pk,
        lambda o, _found: _consultations(o, [AgendaItem(pk=pk)], True)[0],
    )


@oparl_view
def file(request: HttpRequest, pk: int) -> HttpResponse:
    att = public.public_attachments().filter(pk=pk).first()
    return _detail(request, att, "File", pk, lambda o, att: o.file(att))


@oparl_view
def location(request: HttpRequest, key: str) -> HttpResponse:
    place = next((p for p in _places() if p.pk == key), None)
    if place is None:
        raise Http404
    return _json(OParl(request).location(place.text, place.meetings))


@oparl_view
def file_access(request: HttpRequest, pk: int) -> HttpResponseBase:
    att = public.public_attachments().filter(pk=pk).first()
    if att is None:
        return _gone_or_404(pk)
    return serve_attachment(att, download=False)


@oparl_view
def file_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    att = public.public_attachments().filter(pk=pk).first()
    if att is None:
        return _gone_or_404(pk)
    return serve_attachment(att, download=True)


def _gone_or_404(pk: int) -> HttpResponse:
    """410 for a file the public could fetch until it was withdrawn; 404 for anything else."""
    if withdrawn_attachment(public.public_user(), pk) is None:
        raise Http404
    return _error(410, "Bilaget er trukket tilbage.")


@oparl_view
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    raise Http404

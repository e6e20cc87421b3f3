"""OParl's answers as HTTP (JSON, CORS, errors), and external lists: the standard's filters, stable
pages with `links.next`, and the tombstones of deleted objects."""

import json
import math
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from protokol.api.models import DeletedObject
from protokol.api.oparl.objects import OParl, iso, oparl_type
from protokol.meetings import tenancy

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
        t = _in_tenant(t)
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


def _in_tenant(tombstones: QuerySet) -> QuerySet:
    """On a tenant's site (meetings.tenancy), only the tombstones of its own organisation's objects."""
    organization = tenancy.current_organization()
    return tombstones if organization is None else tombstones.filter(organization_id=organization.pk)


def _detail(
    request: HttpRequest, obj: T | None, type_: str, object_id: int, build: Callable[[OParl, T], dict]
) -> HttpResponse:
    """The object as `build` writes it, its tombstone if it was deleted, else 404."""
    o = OParl(request)
    if obj is not None:
        return _json(build(o, obj))
    tomb = (
        _in_tenant(DeletedObject.objects.filter(type=type_, object_id=object_id, public=True))
        .order_by("-deleted_at")
        .first()
    )
    if tomb is None:
        raise Http404
    return _json(_tombstone(o, type_, object_id, tomb.deleted_at))

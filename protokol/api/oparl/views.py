"""The OParl 1.1 endpoints: read-only, public, CORS open. Thin: sets from `api/public.py`, pages and
answers from `pagination`, objects from `adapters` and `objects`."""

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from protokol.api import public
from protokol.api.oparl.adapters import (
    _agenda_items,
    _bodies,
    _consultations,
    _files,
    _meetings,
    _organizations,
    _papers,
    _persons,
    _places,
    _Term,
    _terms,
)
from protokol.api.oparl.objects import OParl
from protokol.api.oparl.pagination import _detail, _error, _json, object_list, oparl_view
from protokol.cases.downloads import serve_attachment
from protokol.cases.queries import withdrawn_attachment
from protokol.meetings.models import AgendaItem, Body
from protokol.people.models import Party


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

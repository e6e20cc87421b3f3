"""The JSON API at /api/ (django-ninja; OpenAPI at /api/openapi.json).

Reads answer what the caller may see (the queries of meetings/queries.py, asked as the caller: a token's
user, or else the public). Writes need a token (`Authorization: Bearer pk_...`) and go through the
services with the token's own user, so the same rules and the same audit log apply.

A login cookie never counts here, for reads either: the API is open to every origin (api/cors.py), and
an answer that depended on an ambient credential could be cached or, should the site ever be served
under a sibling domain or allow credentials, read by another site; with only an explicit token there is
nothing for a cross-site request to borrow, and no CSRF to guard against.
"""

import base64
from datetime import date, time
from typing import Any, cast

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, NinjaAPI, Path, Query, Status, UploadedFile
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from protokol.api import schemas as s
from protokol.api.access import see_closed
from protokol.api.models import ApiToken
from protokol.api.tokens import token_for_secret
from protokol.cases import services as case_services
from protokol.cases.downloads import serve_attachment
from protokol.cases.models import Attachment, Case
from protokol.cases.queries import visible_attachments, visible_cases, withdrawn_attachment
from protokol.cases.uploads import Upload, check_content, read_upload
from protokol.common.errors import Conflict, NotFound, ProtokolError
from protokol.meetings import rules, services
from protokol.meetings.models import AgendaItem, Decision, Meeting
from protokol.meetings.queries import (
    content_item_ids,
    decision_item_ids,
    decisions_visible,
    items_with_content,
    public_user,
    shown_decisions,
    visible_bodies,
    visible_items,
    visible_meetings,
)
from protokol.people import queries as people_queries
from protokol.people import services as people_services
from protokol.people import votes as people_votes
from protokol.people.enums import VoteChoice
from protokol.people.models import Attendance, Disqualification, Membership, Party, Person, Statement, Vote

MAX_ID = 2**62
READ = {400: s.Error, 401: s.Error, 404: s.Error}
WRITE = {400: s.Error, 401: s.Error, 403: s.Error, 404: s.Error, 409: s.Error}


class TokenRequest(HttpRequest):
    """A request an API token authenticated (TokenAuth, caller); `api_token` is that token."""

    api_token: ApiToken


class TokenAuth(HttpBearer):
    openapi_description = "En API-nøgle (pk_...), oprettet af en administrator for ét udvalg."

    def authenticate(self, request: HttpRequest, token: str):
        found = token_for_secret(token)
        if found is not None:
            cast(TokenRequest, request).api_token = found
        return found


api = NinjaAPI(
    title="protokol API",
    version="1",
    description=__doc__,
    urls_namespace="api",
)
token_auth = TokenAuth()


# Errors -----------------------------------------------------------------------------------------


def _error(request: HttpRequest, status: int, message: str, errors: list | None = None) -> HttpResponse:
    body: dict[str, Any] = {"message": message}
    if errors is not None:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


@api.exception_handler(ProtokolError)
def _protokol_error(request: HttpRequest, exc: ProtokolError) -> HttpResponse:
    status = 404 if isinstance(exc, NotFound) else 409 if isinstance(exc, Conflict) else 400
    if isinstance(exc, rules.Forbidden):
        status = 403
    return _error(request, status, str(exc))


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [{"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors]
    return _error(request, 400, "Ugyldige data i forespørgslen.", errors)


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "Mangler eller ugyldig API-nøgle (Authorization: Bearer pk_...).")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, exc.message)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "Findes ikke, eller du har ikke adgang til det.")


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _error(request, 400, "Forespørgslen er for stor (højst 2,5 MB).")


@api.exception_handler(IntegrityError)
def _integrity(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    return _error(request, 409, "Ændringen strider mod andre data (fx et punktnummer, der netop er taget).")


# The caller ---------------------------------------------------------------------------------------


def caller(request: HttpRequest):
    """Who reads: the token's user, else the public (a login cookie never counts). A bad token is refused."""
    header = request.headers.get("Authorization")
    if header:
        scheme, _sep, secret = header.partition(" ")
        token = token_for_secret(secret.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            raise AuthenticationError()
        cast(TokenRequest, request).api_token = token
        return token.user
    return public_user()


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def writer(request: HttpRequest):
    return cast(TokenRequest, request).api_token.user


def _get(qs, pk: int):
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


# Output -----------------------------------------------------------------------------------------


def _attachment_out(request: HttpRequest, a: Attachment) -> dict:
    return {
        "id": a.pk,
        "item_id": a.item_id,
        "title": a.title,
        "document_number": a.document_number,
        "public": a.public,
        "file_name": a.file_name,
        "mime_type": a.mime_type,
        "size": a.size,
        "sha512": a.sha512,
        "has_file": bool(a.file),
        "text": a.text,
        "download_url": request.build_absolute_uri(reverse("api:attachment_download", args=[a.pk]))
        if a.file or a.text
        else None,
    }


def _case_ref(c: Case) -> dict:
    return {"id": c.pk, "number": c.number, "title": c.title, "journal_number": c.journal_number}


def _item_out(request: HttpRequest, user, item: AgendaItem, content: bool, decisions: list[Decision]) -> dict:
    out: dict[str, Any] = {
        "id": item.pk,
        "meeting_id": item.meeting_id,
        "number": item.number,
        "position": item.position,
        "title": item.title if content else item.shown_public_title,
        "public": item.public,
        "content_visible": content,
        # A tillægspunkt (added after the agenda was sent); public of a closed item too.
        "supplementary": item.supplementary,
    }
    if not item.public:
        out |= {"closed_reason": item.closed_reason or None, "closed_reason_text": item.closed_reason_text}
    if not content:
        if not item.public and decisions_visible(user, item.meeting):
            out["public_decisions"] = [
                {
                    "body_name": d.body_name,
                    "date": d.date,
                    "public_text": d.public_text,
                    "public_text_withheld": d.public_text_withheld,
                }
                for d in item.decisions.all()
                if d.public_text or d.public_text_withheld
            ]
        return out
    if not item.public:
        out["public_title"] = item.shown_public_title
    return out | {
        "version": item.version,
        # The KLE number the item states, which in approved minutes is the one they were approved with.
        "case": (
            _case_ref(item.case) | {"journal_number": item.case_journal_number}
            if item.case is not None
            else None
        ),
        "document_number": item.document_number,
        "case_type": item.case_type,
        "standing": item.standing,
        "route": [r.name for r in item.route_steps.all()],
        "sections": [{"heading": x.heading, "kind": x.kind, "text": x.text} for x in item.sections.all()],
        "decisions": [
            {
                "id": d.pk,
                "body_name": d.body_name,
                "body_id": d.body_id,
                "date": d.date,
                "text": d.text,
                "outcome": d.outcome,
            }
            for d in decisions
        ],
        "attachments": [
            _attachment_out(request, a) for a in item.attachments.all() if a.public or see_closed(user, item)
        ],
    }


def _items_out(request: HttpRequest, user, items) -> list[dict]:
    items = list(
        items.select_related("case", "meeting", "meeting__body").prefetch_related(
            "route_steps", "sections", "decisions", "attachments"
        )
    )
    content = content_item_ids(user, items)
    decisions = shown_decisions(user, items)
    out = [_item_out(request, user, i, i.pk in content, decisions.get(i.pk, [])) for i in items]
    minutes = content & decision_item_ids(user, items)
    _with_item_absent(out, minutes)
    _with_legal_record(out, minutes)
    return out


def _meeting_out(m: Meeting) -> dict:
    return {
        "id": m.pk,
        "body": {"id": m.body.pk, "name": m.body.name, "slug": m.body.slug},
        "date": m.date,
        "start_time": m.start_time.isoformat() if m.start_time else None,
        "end_time": m.end_time.isoformat() if m.end_time else None,
        "location": m.location,
        "status": m.status,
        # What the caller may read of it: the agenda as sent until the minutes are theirs to read.
        "kind": m.shown_kind,  # type: ignore[attr-defined]  # visible_meetings annotates it
        "agenda_published_at": m.agenda_published_at,
        "minutes_published_at": m.minutes_published_at,
        "cancelled_at": m.cancelled_at,
        "cancelled_reason": m.cancelled_reason,
    }


def _meeting_detail(request: HttpRequest, user, meeting: Meeting) -> dict:
    meeting = _get(visible_meetings(user), meeting.pk)
    items = visible_items(user).filter(meeting=meeting).order_by("position", "number", "pk")
    # Attendance is part of the minutes: the caller reads it where they read the minutes.
    minutes = meeting.decisions_shown  # type: ignore[attr-defined]  # visible_meetings annotates it
    participants = people_queries.participants(meeting) if minutes else []
    return _meeting_out(meeting) | {
        "participants": participants,
        "absent": [p["name"] for p in participants if not p["present"]],
        "attendance": [_attendance_out(a) for a in people_queries.attendance(meeting)] if minutes else [],
        "items": _items_out(request, user, items),
    }


def _item_detail(request: HttpRequest, user, pk: int) -> dict:
    items = visible_items(user).filter(pk=pk)
    out = _items_out(request, user, items)
    if not out:
        raise Http404
    return out[0]


def _case_out(request: HttpRequest, user, case: Case) -> dict:
    items = visible_items(user).filter(case=case).order_by("meeting__date", "position", "pk")
    shown = [i for i in _items_out(request, user, items) if i["content_visible"]]
    return _case_ref(case) | {"items": shown}


# Persons ----------------------------------------------------------------------------------------
# What any reader gets of a person is the same public part: never an e-mail address or a user account.


def _with_item_absent(items: list[dict], content: set[int]) -> None:
    """The interchange's item `absent`, on the items whose content and decisions the caller sees (it is
    part of the minutes; the public edition of a closed item leaves it out)."""
    absent = people_queries.item_absent_by_item(content)
    for out in items:
        if out["id"] in content:
            out["absent"] = absent.get(out["id"], [])


def _vote_out(vote: Vote) -> dict:
    groups = people_queries.vote_groups(vote)
    counts = {c: groups.counts.get(c, 0) for c in VoteChoice.values} if groups.counts else None
    return {
        "id": vote.pk,
        "question": vote.question,
        "result": vote.result,
        **groups.groups,
        "counts": counts,
    }


def _statement_out(statement: Statement) -> dict:
    authors = [p.label for p in statement.authors.all()] or [str(a) for a in statement.printed_authors]
    return {"id": statement.pk, "by": authors, "text": statement.text}


def _with_legal_record(items: list[dict], minutes: set[int]) -> None:
    """Votes, protokoltilførsler and who was disqualified, on the items whose content and decisions the
    caller reads (the minutes print them; a closed item's public fields do not). The grounds of a
    disqualification are internal and never shown."""
    votes: dict[int, list[dict]] = {}
    for vote in Vote.objects.filter(item_id__in=minutes).order_by("item_id", "position", "pk"):
        votes.setdefault(vote.item_id, []).append(_vote_out(vote))
    statements: dict[int, list[dict]] = {}
    rows = Statement.objects.filter(item_id__in=minutes).prefetch_related("authors__party")
    for statement in rows.order_by("item_id", "position", "pk"):
        statements.setdefault(statement.item_id, []).append(_statement_out(statement))
    disqualified: dict[int, list[str]] = {}
    names = Disqualification.objects.filter(item_id__in=minutes).order_by("item_id", "person__name", "pk")
    for item_id, name in names.values_list("item_id", "person__name"):
        disqualified.setdefault(item_id, []).append(name)
    for out in items:
        if out["id"] in minutes:
            out["votes"] = votes.get(out["id"], [])
            out["statements"] = statements.get(out["id"], [])
            out["disqualified"] = disqualified.get(out["id"], [])


def _persons(user):
    return people_queries.visible_persons(user, bodies=visible_bodies(user), meetings=visible_meetings(user))


def _memberships(user):
    return people_queries.visible_memberships(visible_bodies(user))


def _party_out(party: Party) -> dict:
    return {"id": party.pk, "letter": party.letter, "name": party.name}


def _person_ref(person: Person) -> dict:
    return {"id": person.pk, "name": person.name, "party": person.party.letter if person.party else None}


def _person_out(person: Person) -> dict:
    return {
        "id": person.pk,
        "name": person.name,
        "party": _party_out(person.party) if person.party else None,
        "title": person.title,
    }


def _membership_out(m: Membership) -> dict:
    return {
        "id": m.pk,
        "person": _person_ref(m.person),
        "body": {"id": m.body.pk, "name": m.body.name, "slug": m.body.slug},
        "role": m.role,
        "voting_right": m.voting_right,
        "start_date": m.start_date,
        "end_date": m.end_date,
        "deputy_position": m.deputy_position,
    }


def _person_detail(user, person: Person) -> dict:
    memberships = _memberships(user).filter(person=person).order_by("start_date", "pk")
    return _person_out(person) | {"memberships": [_membership_out(m) for m in memberships]}


def _attendance_out(a: Attendance) -> dict:
    return {
        "person": _person_ref(a.person),
        "status": a.status,
        "role": a.role,
        "voting_right": a.voting_right,
        "substitute_for": _person_ref(a.substitute_for) if a.substitute_for else None,
    }


def _attendance_list(meeting: Meeting) -> list[dict]:
    return [_attendance_out(a) for a in people_queries.attendance(meeting)]


# Reads ------------------------------------------------------------------------------------------


@api.get("/bodies", response={200: list[s.BodyOut], **READ}, tags=["read"])
def list_bodies(request: HttpRequest):
    caller(request)
    return [
        {
            "id": b.pk,
            "name": b.name,
            "slug": b.slug,
            "kind": b.kind,
            "active": b.active,
            "organization": b.organization.name,
        }
        for b in visible_bodies(caller(request)).order_by("pk")
    ]


BODY_ID = Query(None, ge=1, le=MAX_ID, description="Only those of the body with this id.")
BODY_SLUG = Query(
    None, description="Only those of the body with this short name (`slug` of /bodies), e.g. `direktionen`."
)
CASE_NUMBER = Query(
    None,
    description="Only those with an item of the case with this number (`number` of /cases), among the items "
    "whose content the caller may read: a closed item's case is not told to a caller who may not read it.",
)

MEETING_ID = Query(None, ge=1, le=MAX_ID, description="Only those of the meeting with this id.")
SINCE = Query(None, description="Only those of meetings on or after this day.")
UNTIL = Query(None, description="Only those of meetings on or before this day.")


def _of_case(user, number: str):
    """The items of the case with this number whose content (and so whose case) the user may see."""
    return items_with_content(user).filter(case__number=number)


@api.get("/meetings", response={200: s.MeetingPage, **READ}, tags=["read"])
def list_meetings(
    request: HttpRequest,
    body: int | None = BODY_ID,
    body_slug: s.Text100 | None = BODY_SLUG,
    case: s.Text100 | None = CASE_NUMBER,
    since: date | None = None,
    until: date | None = None,
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=10**7),
):
    user = caller(request)
    meetings = visible_meetings(user).order_by("-date", "-start_time", "-pk")
    if body is not None:
        meetings = meetings.filter(body_id=body)
    if body_slug is not None:
        meetings = meetings.filter(body__slug=body_slug)
    if case is not None:
        meetings = meetings.filter(pk__in=_of_case(user, case).values("meeting_id"))
    if since:
        meetings = meetings.filter(date__gte=since)
    if until:
        meetings = meetings.filter(date__lte=until)
    return {
        "count": meetings.count(),
        "results": [_meeting_out(m) for m in meetings[offset : offset + limit]],
    }


@api.get("/meetings/{meeting_id}", response={200: s.MeetingDetail, **READ}, tags=["read"])
def get_meeting(request: HttpRequest, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    user = caller(request)
    return _meeting_detail(request, user, _get(visible_meetings(user), meeting_id))


@api.get("/items", response={200: s.ItemPage, **READ}, tags=["read"])
def list_items(
    request: HttpRequest,
    body: int | None = BODY_ID,
    body_slug: s.Text100 | None = BODY_SLUG,
    case: s.Text100 | None = CASE_NUMBER,
    meeting: int | None = MEETING_ID,
    since: date | None = SINCE,
    until: date | None = UNTIL,
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=10**7),
):
    """The items the caller may see, newest meeting first, each as GET /items/{item_id} gives it."""
    user = caller(request)
    items = visible_items(user).order_by(
        "-meeting__date", "-meeting__start_time", "-meeting_id", "position", "pk"
    )
    if body is not None:
        items = items.filter(meeting__body_id=body)
    if body_slug is not None:
        items = items.filter(meeting__body__slug=body_slug)
    if case is not None:
        items = items.filter(pk__in=_of_case(user, case).values("pk"))
    if meeting is not None:
        items = items.filter(meeting_id=meeting)
    if since:
        items = items.filter(meeting__date__gte=since)
    if until:
        items = items.filter(meeting__date__lte=until)
    return {"count": items.count(), "results": _items_out(request, user, items[offset : offset + limit])}


@api.get("/items/{item_id}", response={200: s.ItemOut, **READ}, tags=["read"])
def get_item(request: HttpRequest, item_id: int = Path(..., ge=1, le=MAX_ID)):
    return _item_detail(request, caller(request), item_id)


@api.get("/cases", response={200: s.CasePage, **READ}, tags=["read"])
def list_cases(
    request: HttpRequest,
    number: s.Text100 | None = None,
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=10**7),
):
    cases = visible_cases(caller(request)).order_by("number", "pk")
    if number:
        cases = cases.filter(number=number)
    return {"count": cases.count(), "results": [_case_ref(c) for c in cases[offset : offset + limit]]}


@api.get("/cases/{case_id}", response={200: s.CaseOut, **READ}, tags=["read"])
def get_case(request: HttpRequest, case_id: int = Path(..., ge=1, le=MAX_ID)):
    user = caller(request)
    return _case_out(request, user, _get(visible_cases(user), case_id))


@api.get("/persons", response={200: s.PersonPage, **READ}, tags=["read"])
def list_persons(
    request: HttpRequest,
    body: int | None = Query(
        None, ge=1, le=MAX_ID, description="Only persons with a membership of this body."
    ),
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=10**7),
):
    """The members and deputies of the bodies, and the participants of the meetings the caller sees."""
    user = caller(request)
    persons = _persons(user).order_by("name", "pk")
    if body is not None:
        persons = persons.filter(pk__in=_memberships(user).filter(body_id=body).values("person_id"))
    return {
        "count": persons.count(),
        "results": [_person_out(p) for p in persons[offset : offset + limit]],
    }


@api.get("/persons/{person_id}", response={200: s.PersonDetail, **READ}, tags=["read"])
def get_person(request: HttpRequest, person_id: int = Path(..., ge=1, le=MAX_ID)):
    user = caller(request)
    return _person_detail(user, _get(_persons(user), person_id))


@api.get("/memberships", response={200: s.MembershipPage, **READ}, tags=["read"])
def list_memberships(
    request: HttpRequest,
    body: int | None = Query(None, ge=1, le=MAX_ID),
    person: int | None = Query(None, ge=1, le=MAX_ID),
    on: date | None = None,
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=10**7),
):
    """Memberships of bodies, past and future ones too: person, body, role, voting right, period; with `on`
    only those that cover that day."""
    memberships = _memberships(caller(request)).order_by("body_id", "start_date", "person__name", "pk")
    if body is not None:
        memberships = memberships.filter(body_id=body)
    if person is not None:
        memberships = memberships.filter(person_id=person)
    if on is not None:
        memberships = memberships.filter(start_date__lte=on).exclude(end_date__lt=on)
    return {
        "count": memberships.count(),
        "results": [_membership_out(m) for m in memberships[offset : offset + limit]],
    }


def _attachment(user, pk: int) -> Attachment:
    att = visible_attachments(user).filter(pk=pk).first()
    if att is None and withdrawn_attachment(user, pk) is not None:
        raise HttpError(410, "Bilaget er trukket tilbage.")
    if att is None:
        raise Http404
    return att


@api.get("/attachments/{attachment_id}", response={200: s.AttachmentOut, **READ, 410: s.Error}, tags=["read"])
def get_attachment(request: HttpRequest, attachment_id: int = Path(..., ge=1, le=MAX_ID)):
    return _attachment_out(request, _attachment(caller(request), attachment_id))


@api.get(
    "/attachments/{attachment_id}/download",
    response={200: None, **READ, 410: s.Error},
    tags=["read"],
    openapi_extra={
        "responses": {
            # The int key ninja uses for the status, so this merges into its 200 instead of standing beside it
            # as a second "200" (a duplicated key Swagger UI refuses: /api/docs showed only a parser error).
            200: {
                "description": "The file, or its text as text/plain where only the text is kept.",
                "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def attachment_download(request: HttpRequest, attachment_id: int = Path(..., ge=1, le=MAX_ID)):
    return serve_attachment(_attachment(caller(request), attachment_id), download=True)


# Writes -----------------------------------------------------------------------------------------


@api.post("/meetings", response={201: s.MeetingDetail, **WRITE}, auth=token_auth, tags=["write"])
def create_meeting(request: HttpRequest, data: s.MeetingIn):
    user = writer(request)
    body = _get(visible_bodies(user), data.body_id)
    meeting = services.create_meeting(
        body=body,
        date=data.date,
        start_time=_time(data.start_time),
        end_time=_time(data.end_time),
        location=data.location,
        by=user,
    )
    return Status(201, _meeting_detail(request, user, meeting))


@api.patch(
    "/meetings/{meeting_id}", response={200: s.MeetingDetail, **WRITE}, auth=token_auth, tags=["write"]
)
def update_meeting(request: HttpRequest, data: s.MeetingPatch, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    user = writer(request)
    meeting = _get(visible_meetings(user), meeting_id)
    fields = data.model_dump(exclude_unset=True)
    reason = fields.pop("reason", "")
    for name in ("date", "location"):
        if name in fields and fields[name] is None:
            fields.pop(name)
    for name in ("start_time", "end_time"):
        if name in fields:
            fields[name] = _time(fields[name])
    services.update_meeting(meeting=meeting, by=user, reason=reason, **fields)
    return _meeting_detail(request, user, meeting)


@api.post(
    "/meetings/{meeting_id}/status", response={200: s.MeetingDetail, **WRITE}, auth=token_auth, tags=["write"]
)
def change_status(request: HttpRequest, data: s.StatusIn, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    """Move the meeting one step on: agenda_published, held, minutes_approved, minutes_published."""
    user = writer(request)
    meeting = _get(visible_meetings(user), meeting_id)
    services.advance(meeting, to=data.status, by=user)
    return _meeting_detail(request, user, meeting)


def _case_for(meeting_or_org, number: str | None, user, *, title: str = "", journal_number: str = ""):
    if number is None:
        return None
    return case_services.resolve_case(
        organization=meeting_or_org, number=number, title=title, journal_number=journal_number, by=user
    )


@api.post("/meetings/{meeting_id}/items", response={201: s.ItemOut, **WRITE}, auth=token_auth, tags=["write"])
def add_item(request: HttpRequest, data: s.ItemIn, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    user = writer(request)
    meeting = _get(visible_meetings(user), meeting_id)
    with transaction.atomic():
        rules.require_edit(user, meeting.body)
        case = _case_for(
            meeting.body.organization,
            data.case_number,
            user,
            title=data.case_title or data.title,
            journal_number=data.journal_number,
        )
        item = services.add_item(
            meeting=meeting,
            title=data.title,
            public=data.public,
            number=data.number,
            position=data.position,
            case=case,
            document_number=data.document_number,
            case_type=data.case_type,
            standing=data.standing,
            route=data.route,
            sections=[(x.heading, x.text) for x in data.sections],
            public_title=data.public_title,
            subject_confidential=data.subject_confidential,
            closed_reason=data.closed_reason,
            closed_reason_text=data.closed_reason_text,
            reason=data.reason,
            by=user,
        )
    return Status(201, _item_detail(request, user, item.pk))


@api.patch("/items/{item_id}", response={200: s.ItemOut, **WRITE}, auth=token_auth, tags=["write"])
def update_item(request: HttpRequest, data: s.ItemPatch, item_id: int = Path(..., ge=1, le=MAX_ID)):
    user = writer(request)
    item = _get(visible_items(user), item_id)
    fields = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None or k == "number"}
    reason = fields.pop("reason", "")
    expected = fields.pop("expected_version", None)
    route = fields.pop("route", None)
    sections = fields.pop("sections", None)
    with transaction.atomic():
        rules.require_edit(user, item.meeting.body)
        if "case_number" in fields:
            fields["case"] = _case_for(item.meeting.body.organization, fields.pop("case_number"), user)
        services.edit_item(
            item=item,
            by=user,
            expected_version=expected,
            reason=reason,
            route=route,
            sections=None if sections is None else [(x.heading, x.text) for x in data.sections or []],
            **fields,
        )
    return _item_detail(request, user, item.pk)


@api.post(
    "/items/{item_id}/decisions", response={201: s.DecisionOut, **WRITE}, auth=token_auth, tags=["write"]
)
def record_decision(request: HttpRequest, data: s.DecisionIn, item_id: int = Path(..., ge=1, le=MAX_ID)):
    """Record (or replace) a body's decision on the item; by default the meeting's own body and date."""
    user = writer(request)
    item = _get(visible_items(user), item_id)
    d = services.record_decision(
        item=item,
        text=data.text,
        body_name=data.body_name,
        date=data.date,
        outcome=data.outcome,
        public_text=data.public_text,
        public_text_withheld=data.public_text_withheld,
        reason=data.reason,
        by=user,
    )
    return Status(
        201,
        {
            "id": d.pk,
            "body_name": d.body_name,
            "body_id": d.body_id,
            "date": d.date,
            "text": d.text,
            "outcome": d.outcome,
        },
    )


@api.post(
    "/items/{item_id}/attachments", response={201: s.AttachmentOut, **WRITE}, auth=token_auth, tags=["write"]
)
def add_attachment(request: HttpRequest, data: s.AttachmentIn, item_id: int = Path(..., ge=1, le=MAX_ID)):
    """An attachment with a small file in the JSON (base64, at most ~750 KB) or none (a title and text).

    Larger files go as multipart to /items/{item_id}/attachments/upload.
    """
    user = writer(request)
    item = _get(visible_items(user), item_id)
    fields = {"file_name": data.file_name, "mime_type": data.mime_type, "text": data.text, "content": None}
    if data.content_base64 is not None:
        upload = check_content(base64.b64decode(data.content_base64), data.file_name)
        fields = {**_upload_fields(upload), "text": data.text or upload.text}
    att = case_services.add_attachment(
        item=item,
        title=data.title,
        document_number=data.document_number,
        public=data.public,
        reason=data.reason,
        by=user,
        **fields,
    )
    return Status(201, _attachment_out(request, att))


@api.post(
    "/items/{item_id}/attachments/upload",
    response={201: s.AttachmentOut, **WRITE},
    auth=token_auth,
    tags=["write"],
)
def upload_attachment(
    request: HttpRequest,
    item_id: int = Path(..., ge=1, le=MAX_ID),
    file: UploadedFile = File(...),
    title: s.Text500 = Form(""),
    document_number: s.Text100 = Form(""),
    public: bool = Form(True),
    reason: s.Text2000 = Form(""),
):
    """An attachment as a multipart upload: a PDF or DOCX, checked by its content, its text extracted for search.

    Up to the attachment limit (PROTOKOL_ATTACHMENT_MAX_MB, 25 MB by default); the title is
    the file's name if none is given.
    """
    user = writer(request)
    item = _get(visible_items(user), item_id)
    upload = read_upload(file)
    att = case_services.add_attachment(
        item=item,
        title=title.strip() or upload.file_name.rsplit(".", 1)[0],
        document_number=document_number,
        public=public,
        reason=reason,
        by=user,
        **_upload_fields(upload),
    )
    return Status(201, _attachment_out(request, att))


def _upload_fields(upload: Upload) -> dict:
    return {
        "content": upload.content,
        "file_name": upload.file_name,
        "mime_type": upload.mime_type,
        "text": upload.text,
    }


@api.post("/cases", response={200: s.CaseOut, 201: s.CaseOut, **WRITE}, auth=token_auth, tags=["write"])
def create_case(request: HttpRequest, data: s.CaseIn):
    """The case with this number in the token's organisation: created (201), or found and completed (200).

    A number taken by a case the token may not see is refused (400), telling nothing of that case.
    """
    token = cast(TokenRequest, request).api_token
    organization = token.body.organization
    existed = Case.objects.filter(organization=organization, number=data.number.strip()).exists()
    case = case_services.resolve_case(
        organization=organization,
        number=data.number,
        title=data.title,
        journal_number=data.journal_number,
        by=token.user,
    )
    return Status(200 if existed else 201, _case_out(request, token.user, case))


@api.patch("/cases/{case_id}", response={200: s.CaseOut, **WRITE}, auth=token_auth, tags=["write"])
def update_case(request: HttpRequest, data: s.CasePatch, case_id: int = Path(..., ge=1, le=MAX_ID)):
    """A case's title or KLE number, where the token's body has the case on an agenda (or it is on none).

    Items on the body's agendas being prepared follow the new KLE number; approved minutes keep theirs.
    """
    token = cast(TokenRequest, request).api_token
    case = _get(visible_cases(token.user), case_id)
    fields = data.model_dump(exclude_unset=True)
    case_services.update_case(
        case=case, by=token.user, title=fields.get("title"), journal_number=fields.get("journal_number")
    )
    return _case_out(request, token.user, case)


# Writes: persons, memberships, attendance --------------------------------------------------------
# A write to another body's meeting is refused as such (403) before the services look at who is named.


@api.post("/parties", response={201: s.PartyOut, **WRITE}, auth=token_auth, tags=["write"])
def create_party(request: HttpRequest, data: s.PartyIn):
    """A party (list) of the token's organisation, by its letter."""
    token = cast(TokenRequest, request).api_token
    party = people_services.create_party(
        organization=token.body.organization, letter=data.letter, name=data.name, by=token.user
    )
    return Status(201, _party_out(party))


@api.post("/persons", response={201: s.PersonDetail, **WRITE}, auth=token_auth, tags=["write"])
def create_person(request: HttpRequest, data: s.PersonIn):
    """A person of the token's organisation. The e-mail address is kept for notifications and never shown."""
    token = cast(TokenRequest, request).api_token
    organization = token.body.organization
    party = None
    if data.party_letter is not None:
        party = Party.objects.filter(organization=organization, letter=data.party_letter.strip()).first()
        if party is None:
            raise ProtokolError(_("Ukendt listebogstav: %(l)s") % {"l": data.party_letter})
    person = people_services.create_person(
        organization=organization,
        name=data.name,
        party=party,
        title=data.title,
        email=data.email,
        by=token.user,
    )
    return Status(201, _person_detail(token.user, person))


@api.post("/memberships", response={201: s.MembershipOut, **WRITE}, auth=token_auth, tags=["write"])
def add_membership(request: HttpRequest, data: s.MembershipIn):
    """A seat (or a place on a list's deputies) in a body for a period; a deputy without a position goes last."""
    user = writer(request)
    membership = people_services.add_membership(
        person=_get(_persons(user), data.person_id),
        body=_get(visible_bodies(user), data.body_id),
        role=data.role,
        voting_right=data.voting_right,
        start_date=data.start_date,
        end_date=data.end_date,
        deputy_position=data.deputy_position,
        by=user,
    )
    return Status(201, _membership_out(membership))


@api.post(
    "/memberships/{membership_id}/end",
    response={200: s.MembershipOut, **WRITE},
    auth=token_auth,
    tags=["write"],
)
def end_membership(
    request: HttpRequest, data: s.MembershipEndIn, membership_id: int = Path(..., ge=1, le=MAX_ID)
):
    """The last day of a membership; it stays in the history."""
    user = writer(request)
    membership = people_services.end_membership(
        membership=_get(_memberships(user), membership_id), end_date=data.end_date, by=user
    )
    return _membership_out(membership)


@api.post(
    "/meetings/{meeting_id}/attendance",
    response={200: list[s.AttendanceOut], **WRITE},
    auth=token_auth,
    tags=["write"],
)
def set_attendance(request: HttpRequest, data: s.AttendanceIn, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    """Mark a member present, excused (afbud) or absent; only a member whose membership covers the day.
    Answers the meeting's attendance."""
    user = writer(request)
    meeting = _get(visible_meetings(user), meeting_id)
    rules.require_edit(user, meeting.body)
    people_services.set_attendance(
        meeting=meeting,
        person=_get(_persons(user), data.person_id),
        status=data.status,
        reason=data.reason,
        by=user,
    )
    return _attendance_list(meeting)


@api.post(
    "/meetings/{meeting_id}/deputies",
    response={201: list[s.AttendanceOut], **WRITE},
    auth=token_auth,
    tags=["write"],
)
def call_in_deputy(request: HttpRequest, data: s.DeputyIn, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    """Call in a deputy for a member away: the next on the member's list, or another with a reason."""
    user = writer(request)
    meeting = _get(visible_meetings(user), meeting_id)
    rules.require_edit(user, meeting.body)
    persons = _persons(user)
    people_services.call_in_deputy(
        meeting=meeting,
        for_person=_get(persons, data.for_person_id),
        deputy=_get(persons, data.deputy_person_id) if data.deputy_person_id is not None else None,
        reason=data.reason,
        amendment=data.amendment,
        by=user,
    )
    return Status(201, _attendance_list(meeting))


@api.post(
    "/meetings/{meeting_id}/guests",
    response={201: list[s.AttendanceOut], **WRITE},
    auth=token_auth,
    tags=["write"],
)
def add_guest(request: HttpRequest, data: s.GuestIn, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    """A participant without a seat or a vote (the municipal director, a case officer)."""
    user = writer(request)
    meeting = _get(visible_meetings(user), meeting_id)
    rules.require_edit(user, meeting.body)
    people_services.add_guest(
        meeting=meeting, person=_get(_persons(user), data.person_id), reason=data.reason, by=user
    )
    return Status(201, _attendance_list(meeting))


@api.post("/items/{item_id}/absences", response={200: s.ItemOut, **WRITE}, auth=token_auth, tags=["write"])
def set_item_absence(request: HttpRequest, data: s.ItemAbsenceIn, item_id: int = Path(..., ge=1, le=MAX_ID)):
    """A participant who did not take part in this item (kind null: who did after all)."""
    user = writer(request)
    item = _get(visible_items(user), item_id)
    rules.require_edit(user, item.meeting.body)
    people_services.set_item_absence(
        item=item, person=_get(_persons(user), data.person_id), kind=data.kind, reason=data.reason, by=user
    )
    return _item_detail(request, user, item.pk)


# Writes: votes, protokoltilførsler, disqualification ------------------------------------------------
# As attendance: another body's item is refused as such (403) before the persons named are looked up.


def _minutes_item(request: HttpRequest, item_id: int):
    user = writer(request)
    item = _get(visible_items(user), item_id)
    rules.require_edit(user, item.meeting.body)
    return user, item


@api.post("/items/{item_id}/votes", response={201: s.VoteOut, **WRITE}, auth=token_auth, tags=["write"])
def record_vote(request: HttpRequest, data: s.VoteIn, item_id: int = Path(..., ge=1, le=MAX_ID)):
    """A vote on the item: each party's choice (`parties`, by letter), then the exceptions by person.

    Only those taking part in the item with a vote may vote; the result follows from the ballots."""
    user, item = _minutes_item(request, item_id)
    persons = _persons(user)
    vote = people_votes.record_vote(
        item=item,
        question=data.question,
        parties=dict(data.parties),
        persons={_get(persons, pk): choice for pk, choice in data.persons.items()},
        by_party=data.by_party,
        reason=data.reason,
        by=user,
    )
    return Status(201, _vote_out(vote))


@api.post(
    "/items/{item_id}/votes/{vote_id}/remove",
    response={200: s.ItemOut, **WRITE},
    auth=token_auth,
    tags=["write"],
)
def remove_vote(
    request: HttpRequest,
    data: s.ReasonIn,
    item_id: int = Path(..., ge=1, le=MAX_ID),
    vote_id: int = Path(..., ge=1, le=MAX_ID),
):
    """Take a vote off the item (after approval only with a reason, as an amendment). Answers the item."""
    user, item = _minutes_item(request, item_id)
    people_votes.remove_vote(vote=_get(item.votes.all(), vote_id), reason=data.reason, by=user)
    return _item_detail(request, user, item.pk)


@api.post(
    "/items/{item_id}/statements", response={201: s.StatementOut, **WRITE}, auth=token_auth, tags=["write"]
)
def add_statement(request: HttpRequest, data: s.StatementIn, item_id: int = Path(..., ge=1, le=MAX_ID)):
    """A protokoltilførsel under the decision, by one or more members of the minority (who voted against
    or abstained; on an item without a vote, who disagrees)."""
    user, item = _minutes_item(request, item_id)
    persons = _persons(user)
    statement = people_votes.add_statement(
        item=item,
        authors=[_get(persons, pk) for pk in dict.fromkeys(data.author_ids)],
        text=data.text,
        reason=data.reason,
        by=user,
    )
    return Status(201, _statement_out(statement))


@api.post(
    "/items/{item_id}/statements/{statement_id}/remove",
    response={200: s.ItemOut, **WRITE},
    auth=token_auth,
    tags=["write"],
)
def remove_statement(
    request: HttpRequest,
    data: s.ReasonIn,
    item_id: int = Path(..., ge=1, le=MAX_ID),
    statement_id: int = Path(..., ge=1, le=MAX_ID),
):
    """Take a protokoltilførsel off the item (after approval only with a reason, as an amendment).
    Answers the item."""
    user, item = _minutes_item(request, item_id)
    people_votes.remove_statement(
        statement=_get(item.statements.all(), statement_id), reason=data.reason, by=user
    )
    return _item_detail(request, user, item.pk)


@api.post(
    "/items/{item_id}/disqualifications", response={201: s.ItemOut, **WRITE}, auth=token_auth, tags=["write"]
)
def declare_disqualified(
    request: HttpRequest, data: s.DisqualificationIn, item_id: int = Path(..., ge=1, le=MAX_ID)
):
    """A member disqualified (inhabil) on the item: away from it and its votes, and from a closed item's
    content. The grounds are kept internal. Answers the item."""
    user, item = _minutes_item(request, item_id)
    people_votes.declare_disqualified(
        item=item,
        person=_get(_persons(user), data.person_id),
        grounds=data.grounds,
        self_declared=data.self_declared,
        reason=data.reason,
        by=user,
    )
    return Status(201, _item_detail(request, user, item.pk))

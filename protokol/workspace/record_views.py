"""The legal record of one item: votes, protokoltilførsler and disqualification (issue #16).

A page of its own per item, beside the minutes screen: the secretariat enters a vote by party in one
row of buttons and then the exceptions by person; the body's members read it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from protokol.common.actors import acting_user
from protokol.common.errors import ProtokolError
from protokol.meetings import rules
from protokol.meetings.models import AgendaItem
from protokol.people import queries as people_queries
from protokol.people import votes
from protokol.people.enums import VoteChoice
from protokol.people.models import Person, Statement, Vote
from protokol.workspace.views import _item, _meeting, _refused

CHOICES = [("", "–"), *VoteChoice.choices]


def _url(item: AgendaItem, anchor: str = "") -> str:
    return reverse("workspace:item_record", args=[item.meeting_id, item.pk]) + (
        f"#{anchor}" if anchor else ""
    )


@login_required
def item_record(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = _item(request, meeting, item_pk)
    if not (
        rules.is_member(request.user, meeting.body)
        or rules.is_called_in(request.user, meeting)
        or rules.can_edit(request.user, meeting.body)
    ):
        return _refused(
            request,
            rules.Forbidden(_("Kun udvalgets medlemmer og sekretariat ser punktets afstemninger.")),
            "/",
        )
    voters = list(people_queries.voters(item))
    parties = sorted({a.person.party.letter for a in voters if a.person.party}, key=str)
    participants = list(people_queries.took_part(meeting))
    can_edit = rules.can_edit(request.user, meeting.body)
    return render(
        request,
        "workspace/item_record.html",
        {
            "meeting": meeting,
            "item": item,
            "can_edit": can_edit,
            "frozen": meeting.is_frozen,
            "votes": [(v, people_queries.vote_groups(v)) for v in item.votes.all()],
            "statements": list(item.statements.prefetch_related("authors__party")),
            # The grounds of a disqualification are the secretariat's, not the members'.
            "disqualifications": list(item.disqualifications.select_related("person__party")),
            "voters": voters,
            "parties": parties,
            "participants": participants,
            "quorum": people_queries.quorum(item),
            "choices": CHOICES,
        },
    )


def _person(item: AgendaItem, value: str | None) -> Person:
    return get_object_or_404(Person, pk=int(value or 0), organization_id=item.meeting.body.organization_id)


@login_required
@require_POST
def vote_new(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = _item(request, meeting, item_pk)
    back = _url(item, "votes")
    given = {key: request.POST.get(key, "") for key in request.POST}
    parties = {key.removeprefix("party-"): v for key, v in given.items() if key.startswith("party-") and v}
    persons = {
        _person(item, key.removeprefix("person-")): v
        for key, v in given.items()
        if key.startswith("person-") and v
    }
    try:
        votes.record_vote(
            item=item,
            question=request.POST.get("question", ""),
            parties=parties,
            persons=persons,
            by_party=bool(request.POST.get("by_party")),
            reason=request.POST.get("reason", ""),
            by=acting_user(request),
        )
    except ProtokolError as err:
        return _refused(request, err, back)
    messages.success(request, _("Afstemningen er gemt."))
    return redirect(back)


@login_required
@require_POST
def vote_remove(request: HttpRequest, pk: int, item_pk: int, vote_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = _item(request, meeting, item_pk)
    vote = get_object_or_404(Vote, pk=vote_pk, item=item)
    try:
        votes.remove_vote(vote=vote, reason=request.POST.get("reason", ""), by=acting_user(request))
    except ProtokolError as err:
        return _refused(request, err, _url(item, "votes"))
    messages.success(request, _("Afstemningen er fjernet."))
    return redirect(_url(item, "votes"))


@login_required
@require_POST
def statement_new(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = _item(request, meeting, item_pk)
    back = _url(item, "statements")
    try:
        authors = [_person(item, value) for value in request.POST.getlist("authors")]
        votes.add_statement(
            item=item,
            authors=authors,
            text=request.POST.get("text", ""),
            reason=request.POST.get("reason", ""),
            by=acting_user(request),
        )
    except ProtokolError as err:
        return _refused(request, err, back)
    messages.success(request, _("Protokoltilførslen er gemt."))
    return redirect(back)


@login_required
@require_POST
def statement_remove(request: HttpRequest, pk: int, item_pk: int, statement_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = _item(request, meeting, item_pk)
    statement = get_object_or_404(Statement, pk=statement_pk, item=item)
    try:
        votes.remove_statement(
            statement=statement, reason=request.POST.get("reason", ""), by=acting_user(request)
        )
    except ProtokolError as err:
        return _refused(request, err, _url(item, "statements"))
    messages.success(request, _("Protokoltilførslen er fjernet."))
    return redirect(_url(item, "statements"))


@login_required
@require_POST
def disqualify(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = _item(request, meeting, item_pk)
    back = _url(item, "disqualified")
    try:
        votes.declare_disqualified(
            item=item,
            person=_person(item, request.POST.get("person")),
            grounds=request.POST.get("grounds", ""),
            self_declared=request.POST.get("self_declared") == "1",
            reason=request.POST.get("reason", ""),
            by=acting_user(request),
        )
    except ProtokolError as err:
        return _refused(request, err, back)
    messages.success(request, _("Inhabiliteten er registreret."))
    return redirect(back)

"""Members' requests (kommunestyrelsesloven § 11): a member asks, the secretariat places or answers.

Thin: the people services decide who may and write the audit entry."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from protokol.common.actors import acting_user
from protokol.common.errors import ProtokolError
from protokol.meetings import queries, rules
from protokol.meetings.models import Body
from protokol.people import queries as people_queries
from protokol.people import services
from protokol.people.models import MemberRequest


class RequestForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Emne"), max_length=300)
    text = forms.CharField(label=gettext_lazy("Forslag og begrundelse"), widget=forms.Textarea)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=gettext_lazy("Svar til medlemmet"), widget=forms.Textarea)


def holds_seat(request: HttpRequest, body: Body) -> bool:
    person = people_queries.person_of(request.user)
    return (
        person is not None
        and people_queries.seats_on(body, timezone.localdate()).filter(person=person).exists()
    )


@login_required
def body_requests(request: HttpRequest, slug: str) -> HttpResponse:
    body = queries.body_by_slug(Body.objects.filter(active=True), slug, user=request.user)
    if body is None:
        raise Http404
    member = holds_seat(request, body)
    if not (member or rules.is_secretariat(request.user, body)):
        raise Http404
    form = RequestForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.submit_request(body=body, by=acting_user(request), **form.cleaned_data)
            except ProtokolError as err:
                messages.error(request, str(err))
            else:
                messages.success(request, _("Dit forslag er sendt til sekretariatet."))
                return redirect("workspace:requests", slug=body.slug)
        else:
            messages.error(request, _("Skriv både et emne og forslaget."))
    return render(
        request,
        "workspace/requests.html",
        {
            "body": body,
            "form": form if member else None,
            "requests": people_queries.requests_for(request.user, body),
        },
    )


def _open_request_of(request: HttpRequest, pk: int, request_pk: int):
    meeting = queries.visible_meetings(request.user).filter(pk=pk).first()
    if meeting is None or not rules.can_edit(request.user, meeting.body):
        raise Http404
    return meeting, get_object_or_404(MemberRequest, pk=request_pk, body=meeting.body)


@login_required
@require_POST
def place_request(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    meeting, member_request = _open_request_of(request, pk, request_pk)
    try:
        services.place_request(request=member_request, meeting=meeting, by=acting_user(request))
    except ProtokolError as err:
        messages.error(request, str(err))
    else:
        messages.success(request, _("Forslaget er sat på dagsordenen."))
    return redirect(reverse("workspace:meeting", args=[meeting.pk]) + "#h-requests")


@login_required
@require_POST
def answer_request(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    meeting, member_request = _open_request_of(request, pk, request_pk)
    form = AnswerForm(request.POST)
    try:
        services.answer_request(
            request=member_request,
            answer=form.cleaned_data["answer"] if form.is_valid() else "",
            by=acting_user(request),
        )
    except ProtokolError as err:
        messages.error(request, str(err))
    else:
        messages.success(request, _("Forslaget er besvaret."))
    return redirect(reverse("workspace:meeting", args=[meeting.pk]) + "#h-requests")

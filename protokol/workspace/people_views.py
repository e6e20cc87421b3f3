"""The people screens: a body's memberships with their history, and a meeting's attendance in the minutes.

Thin like the other views: the forms check shape, people.services decide and write, people.queries read.
A change that is refused stores nothing: the service raises before it writes, and where a view makes two
calls (a new person and their membership) they run in one transaction.
"""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from protokol.common.actors import Actor, acting_user
from protokol.common.errors import ProtokolError
from protokol.meetings import queries, rules
from protokol.meetings.models import Body, Meeting
from protokol.people import queries as people_queries
from protokol.people import services as people_services
from protokol.people.enums import AttendanceStatus, ItemAbsenceKind
from protokol.people.models import Attendance, Membership, Person
from protokol.workspace import people_forms as forms
from protokol.workspace.views import _item, _meeting, _minutes_url, _refused

# Memberships -------------------------------------------------------------------------------------


def _members_url(body: Body) -> str:
    return reverse("workspace:members", args=[body.slug])


def _form_errors(request: HttpRequest, form: forms.Form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(str(e) for e in errors)}".strip(": "))


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    body = queries.body_by_slug(Body.objects.filter(active=True), slug, user=request.user)
    if body is None:
        raise Http404
    try:
        rules.require_edit(acting_user(request), body)
    except rules.Forbidden as err:
        return _refused(request, err, reverse("workspace:home"))
    today = timezone.localdate()
    roster = people_queries.roster(body, today)

    def end(m: Membership) -> tuple[Membership, forms.EndMembershipForm]:
        return m, forms.EndMembershipForm(prefix=f"end{m.pk}", initial={"end_date": today})

    return render(
        request,
        "workspace/members.html",
        {
            "body": body,
            "roster": roster,
            "members": [end(m) for m in roster.members],
            "deputies": [(party, [end(m) for m in ms]) for party, ms in roster.deputies],
            "form": forms.MembershipForm(body=body, initial={"start_date": today}),
            "party_form": forms.PartyForm(prefix="party"),
        },
    )


def _editable_body(request: HttpRequest, slug: str) -> Body:
    body = queries.body_by_slug(Body.objects.filter(active=True), slug, user=request.user)
    if body is None:
        raise Http404
    # Persons and parties are the organisation's, but this page changes one body: its secretariat's.
    rules.require_edit(acting_user(request), body)
    return body


@login_required
@require_POST
def party_new(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        body = _editable_body(request, slug)
        form = forms.PartyForm(request.POST, prefix="party")
        if not form.is_valid():
            _form_errors(request, form)
            return redirect(_members_url(body))
        party = people_services.create_party(
            organization=body.organization, by=acting_user(request), **form.cleaned_data
        )
    except ProtokolError as err:
        return _refused(request, err, reverse("workspace:members", args=[slug]))
    messages.success(request, _("Partiet %(p)s er oprettet.") % {"p": str(party)})
    return redirect(_members_url(body))


@login_required
@require_POST
def membership_new(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        body = _editable_body(request, slug)
        form = forms.MembershipForm(request.POST, body=body)
        if not form.is_valid():
            _form_errors(request, form)
            return redirect(_members_url(body))
        data = form.cleaned_data
        by = acting_user(request)
        with transaction.atomic():
            person = data["person"] or people_services.create_person(
                organization=body.organization,
                name=data["name"],
                party=data["party"],
                user=data["user"],
                email=data["email"],
                by=by,
            )
            membership = people_services.add_membership(
                person=person,
                body=body,
                role=data["role"],
                voting_right=data["voting_right"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                deputy_position=data["deputy_position"],
                by=by,
            )
    except ProtokolError as err:
        return _refused(request, err, reverse("workspace:members", args=[slug]))
    messages.success(
        request,
        _("%(person)s er tilføjet som %(role)s fra %(day)s.")
        % {
            "person": membership.person.label,
            "role": membership.get_role_display().lower(),
            "day": membership.start_date.strftime("%d.%m.%Y"),
        },
    )
    return redirect(_members_url(body))


@login_required
@require_POST
def membership_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    try:
        body = _editable_body(request, slug)
        membership = get_object_or_404(Membership.objects.select_related("person", "body"), pk=pk, body=body)
        form = forms.EndMembershipForm(request.POST, prefix=f"end{pk}")
        if not form.is_valid():
            _form_errors(request, form)
            return redirect(_members_url(body))
        people_services.end_membership(
            membership=membership, end_date=form.cleaned_data["end_date"], by=acting_user(request)
        )
    except ProtokolError as err:
        return _refused(request, err, reverse("workspace:members", args=[slug]))
    messages.success(
        request,
        _("Medlemskabet for %(person)s slutter %(day)s.")
        % {"person": membership.person.label, "day": form.cleaned_data["end_date"].strftime("%d.%m.%Y")},
    )
    return redirect(_members_url(body))


# Attendance --------------------------------------------------------------------------------------


def _person(request: HttpRequest, meeting: Meeting, field: str) -> Person:
    """A person of the meeting's organisation named by a posted id (else 404)."""
    value = request.POST.get(field, "")
    if not value.isdigit():
        raise Http404
    return get_object_or_404(Person, pk=int(value), organization=meeting.body.organization_id)


def _reason(request: HttpRequest) -> str:
    """The reason for an amendment: every change to approved minutes asks for one."""
    return request.POST.get("reason", "")


def _change(
    request: HttpRequest, pk: int, act: Callable[[Meeting, Actor], str], *, anchor: str = "attendance"
) -> HttpResponse:
    """One change to a meeting's attendance: the body's secretariat only (403 for anyone else, before any
    person is looked up or made), the service's refusal shown, its message on success."""
    meeting = _meeting(request, pk)
    back = _minutes_url(meeting, anchor)
    try:
        by = acting_user(request)
        rules.require_edit(by, meeting.body)
        message = act(meeting, by)
    except ProtokolError as err:
        return _refused(request, err, back)
    messages.success(request, message)
    return redirect(back)


@login_required
@require_POST
def attendance_prefill(request: HttpRequest, pk: int) -> HttpResponse:
    def act(meeting: Meeting, by: Actor) -> str:
        if people_services.prefill_attendance(meeting=meeting, by=by, reason=_reason(request)):
            return _("Medlemslisten for mødedagen er hentet.")
        return _("Ingen havde et medlemskab af %(body)s på mødedagen.") % {"body": meeting.body.name}

    return _change(request, pk, act)


@login_required
@require_POST
def attendance_set(request: HttpRequest, pk: int) -> HttpResponse:
    def act(meeting: Meeting, by: Actor) -> str:
        person = _person(request, meeting, "person")
        row = people_services.set_attendance(
            meeting=meeting,
            person=person,
            status=request.POST.get("status", ""),
            by=by,
            reason=_reason(request),
        )
        return _("%(p)s: %(s)s.") % {"p": person.label, "s": row.get_status_display().lower()}

    return _change(request, pk, act)


@login_required
@require_POST
def attendance_all(request: HttpRequest, pk: int) -> HttpResponse:
    def act(meeting: Meeting, by: Actor) -> str:
        status = request.POST.get("status", AttendanceStatus.PRESENT)
        changed = people_services.mark_all(meeting=meeting, status=status, by=by, reason=_reason(request))
        return _("Alle medlemmer er markeret: %(s)s (%(n)s ændret).") % {
            "s": AttendanceStatus(status).label.lower(),
            "n": changed,
        }

    return _change(request, pk, act)


@login_required
@require_POST
def attendance_deputy(request: HttpRequest, pk: int) -> HttpResponse:
    def act(meeting: Meeting, by: Actor) -> str:
        for_person = _person(request, meeting, "for_person")
        row = people_services.call_in_deputy(
            meeting=meeting,
            for_person=for_person,
            deputy=_person(request, meeting, "deputy") if request.POST.get("deputy") else None,
            reason=request.POST.get("substitute_reason", ""),
            amendment=_reason(request),
            by=by,
        )
        return _("%(d)s er indkaldt som stedfortræder for %(p)s.") % {
            "d": row.person.label,
            "p": for_person.label,
        }

    return _change(request, pk, act)


@login_required
@require_POST
def attendance_guest(request: HttpRequest, pk: int) -> HttpResponse:
    def act(meeting: Meeting, by: Actor) -> str:
        with transaction.atomic():  # a new person only with their place on the list
            person = (
                _person(request, meeting, "person")
                if request.POST.get("person")
                else people_services.create_person(
                    organization=meeting.body.organization,
                    name=request.POST.get("name", ""),
                    title=request.POST.get("title", ""),
                    by=by,
                )
            )
            people_services.add_guest(meeting=meeting, person=person, by=by, reason=_reason(request))
        return _("%(p)s er tilføjet som deltager uden stemmeret.") % {"p": person.label}

    return _change(request, pk, act)


@login_required
@require_POST
def attendance_remove(request: HttpRequest, pk: int, attendance_pk: int) -> HttpResponse:
    def act(meeting: Meeting, by: Actor) -> str:
        row = get_object_or_404(
            Attendance.objects.select_related("person"), pk=attendance_pk, meeting=meeting
        )
        people_services.remove_attendance(attendance=row, by=by, reason=_reason(request))
        return _("%(p)s er fjernet fra fremmødelisten.") % {"p": row.person.label}

    return _change(request, pk, act)


@login_required
@require_POST
def item_absence(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    def act(meeting: Meeting, by: Actor) -> str:
        item = _item(request, meeting, item_pk)
        person = _person(request, meeting, "person")
        kind = request.POST.get("kind", "") or None
        people_services.set_item_absence(item=item, person=person, kind=kind, by=by, reason=_reason(request))
        if kind is None:
            return _("%(p)s deltog i behandlingen af punktet.") % {"p": person.label}
        return _("%(p)s: %(k)s.") % {"p": person.label, "k": ItemAbsenceKind(kind).label.lower()}

    return _change(request, pk, act, anchor=f"item-{item_pk}")

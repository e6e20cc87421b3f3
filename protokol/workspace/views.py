"""The secretariat's screens. Thin: check the form, call the service, show its message.

Who may see what comes from meetings/queries.py and meetings/rules.py; who may change what is decided by
the services, which raise ProtokolError (or rules.Forbidden) with a message for the user.
"""

import contextlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from protokol.cases import personal_data
from protokol.cases import queries as case_queries
from protokol.cases import services as case_services
from protokol.cases.downloads import serve_visible_attachment
from protokol.cases.models import Attachment, Case, PersonalDataClearance
from protokol.cases.uploads import read_upload
from protokol.common.actors import acting_user
from protokol.common.errors import Conflict, ProtokolError
from protokol.common.models import AuditEntry
from protokol.meetings import queries, rules, services
from protokol.meetings.enums import CANCELLABLE_STATUSES, MeetingStatus, Outcome, Role
from protokol.meetings.models import AgendaItem, Body, Decision, Meeting
from protokol.notes import queries as note_queries
from protokol.people import queries as people_queries
from protokol.people import services as people_services
from protokol.people.enums import AttendanceStatus, ItemAbsenceKind
from protokol.planning import services as planning_services
from protokol.workspace import confirm_views, forms
from protokol.workspace.notes_forms import NoteForm
from protokol.workspace.request_views import AnswerForm, holds_seat

# The lifecycle buttons: action name -> the status it leads to (services.advance).
TRANSITIONS = {
    "publish-agenda": MeetingStatus.AGENDA_PUBLISHED,
    "held": MeetingStatus.HELD,
    "approve": MeetingStatus.MINUTES_APPROVED,
    "publish-minutes": MeetingStatus.MINUTES_PUBLISHED,
}
TRANSITION_MESSAGES = {
    "publish-agenda": gettext_lazy(
        "Dagsordenen er udsendt; punkterne er nummereret, og rækkefølgen er låst."
    ),
    "held": gettext_lazy("Mødet er markeret som afholdt."),
    "approve": gettext_lazy("Referatet er godkendt. Ændringer herefter er rettelser med begrundelse."),
    "publish-minutes": gettext_lazy("Referatet er offentliggjort."),
}


# Lookups ------------------------------------------------------------------------------------------


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    """The meeting, if the user may see it at all (else 404: a draft's existence is not told)."""
    meeting = queries.visible_meetings(request.user).filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("Mødet findes ikke."))
    return meeting


def _item(request: HttpRequest, meeting: Meeting, item_pk: int) -> AgendaItem:
    """An item of the meeting whose content the user may see (a closed item's title alone is not enough)."""
    item = (
        queries.items_with_content(request.user)
        .filter(pk=item_pk, meeting=meeting)
        .select_related("case", "meeting__body__organization")
        .first()
    )
    if item is None:
        raise Http404(_("Punktet findes ikke."))
    return item


def _visible_attachments(user: Any, item: AgendaItem) -> list[Attachment]:
    """An item's attachments the user may see: a closed one only where the user may see closed items."""
    closed = rules.can_see_closed(user, item.meeting)
    return [a for a in item.attachments.all() if a.public or closed]


def _refused(request: HttpRequest, err: ProtokolError, to: str) -> HttpResponse:
    """A refused action: 403 where the user lacks the right, else the message on the page it came from."""
    if isinstance(err, rules.Forbidden):
        return render(request, "workspace/refused.html", {"message": str(err), "back": to}, status=403)
    messages.error(request, str(err))
    return redirect(to)


def _meeting_url(meeting: Meeting, anchor: str = "") -> str:
    return reverse("workspace:meeting", args=[meeting.pk]) + (f"#{anchor}" if anchor else "")


def _minutes_url(meeting: Meeting, anchor: str = "") -> str:
    return reverse("workspace:minutes", args=[meeting.pk]) + (f"#{anchor}" if anchor else "")


def _ordered_items(meeting: Meeting) -> list[AgendaItem]:
    return list(
        meeting.items.select_related("case")
        .prefetch_related("attachments")
        .order_by("position", "number", "pk")
    )


def _case_choices(user: Any, meeting: Meeting) -> list[Case]:
    """Cases to pick from: the organisation's cases the user may see."""
    return list(
        case_queries.visible_cases(user)
        .filter(organization=meeting.body.organization)
        .order_by("-modified")[:300]
    )


# Home and meetings --------------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if rules.is_admin(user):
        bodies = list(Body.objects.filter(active=True).select_related("organization"))
    else:
        # Their bodies: those they belong to, and each body of an organisation they administer.
        body_ids = rules.body_ids_with_role(user, *Role.values)
        bodies = list(Body.objects.filter(active=True, pk__in=body_ids).select_related("organization"))
    today = timezone.localdate()
    meetings = queries.visible_meetings(user)
    rows = []
    for body in bodies:
        mine = meetings.filter(body=body)
        rows.append(
            {
                "body": body,
                "can_edit": rules.can_edit(user, body),
                "upcoming": list(mine.filter(date__gte=today).order_by("date", "start_time")[:20]),
                "past": list(mine.filter(date__lt=today).order_by("-date", "-start_time")[:20]),
                "form": forms.MeetingForm(prefix_id=body.slug),
            }
        )
    return render(request, "workspace/home.html", {"rows": rows})


@login_required
@require_POST
def create_meeting(request: HttpRequest, slug: str) -> HttpResponse:
    body = queries.body_by_slug(Body.objects.filter(active=True), slug, user=request.user)
    if body is None:
        raise Http404
    form = forms.MeetingForm(request.POST, prefix_id=slug)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(str(e) for e in errors)}")
        return redirect("workspace:home")
    try:
        meeting = services.create_meeting(body=body, by=acting_user(request), **form.cleaned_data)
    except ProtokolError as err:
        return _refused(request, err, reverse("workspace:home"))
    proposed = planning_services.propose_planned_themes(meeting, by=acting_user(request))
    messages.success(request, _("Mødet er oprettet med udvalgets faste punkter."))
    if proposed:
        messages.info(request, _("%(n)s emner fra årshjulet er foreslået på dagsordenen.") % {"n": proposed})
    return redirect(_meeting_url(meeting))


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda builder (draft), or the agenda as sent."""
    meeting = _meeting(request, pk)
    items = _ordered_items(meeting)
    content = queries.content_item_ids(request.user, items)
    may_edit = rules.can_edit(request.user, meeting.body)
    # A cancelled meeting is shown as it was called off; nothing of it can be changed any more.
    can_edit = may_edit and not meeting.is_cancelled
    for item in items:  # the badge counts only the attachments the user may see
        item.visible_attachments = _visible_attachments(request.user, item)  # type: ignore[attr-defined]  # for the template
    form = forms.MeetingForm(
        initial={
            "date": meeting.date,
            "start_time": meeting.start_time,
            "end_time": meeting.end_time,
            "location": meeting.location,
        }
    )
    return render(
        request,
        "workspace/meeting.html",
        {
            "meeting": meeting,
            "items": [(item, item.pk in content) for item in items],
            "can_edit": can_edit,
            "is_draft": meeting.status == MeetingStatus.DRAFT,
            "can_cancel": may_edit and meeting.status in CANCELLABLE_STATUSES,
            "cancel_form": forms.CancelMeetingForm(),
            "form": form,
            "can_see_log": rules.can_see_drafts(request.user, meeting.body),
            "agenda_deadline": services.agenda_deadline_of(meeting),
            # Members' requests (§ 11) waiting for the secretariat: placed on this agenda or answered.
            "open_requests": list(people_queries.open_requests(meeting.body)) if can_edit else [],
            "answer_form": AnswerForm(),
            "may_request": may_edit or holds_seat(request, meeting.body),
        },
    )


@login_required
@require_POST
def edit_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = forms.MeetingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tjek dato og tidspunkt."))
        return redirect(_meeting_url(meeting))
    try:
        services.update_meeting(
            meeting=meeting,
            by=acting_user(request),
            reason=request.POST.get("reason", ""),
            **form.cleaned_data,
        )
    except ProtokolError as err:
        return _refused(request, err, _meeting_url(meeting))
    messages.success(request, _("Mødets oplysninger er gemt."))
    return redirect(_meeting_url(meeting))


@login_required
@require_http_methods(["GET", "POST"])
def change_status(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """GET: the confirmation with its preview and warnings (confirm_views); POST: the step itself."""
    meeting = _meeting(request, pk)
    if action not in TRANSITIONS:
        raise Http404
    if request.method == "GET":
        return confirm_views.confirm(request, meeting, action)
    back = _meeting_url(meeting) if action == "publish-agenda" else _minutes_url(meeting)
    try:
        # The workspace always asks: a late agenda needs the reason typed on the confirmation page.
        late_reason = request.POST.get("late_reason", "") if action == "publish-agenda" else None
        services.advance(meeting, to=TRANSITIONS[action], by=acting_user(request), late_reason=late_reason)
    except personal_data.PersonalDataFound as err:
        # The refusal lists every hit; the check's page has a way to resolve each.
        return _refused(request, err, reverse("workspace:personal_data", args=[meeting.pk]))
    except ProtokolError as err:
        return _refused(request, err, back)
    messages.success(request, TRANSITION_MESSAGES[action])
    return redirect(back)


@login_required
@require_POST
def cancel_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = forms.CancelMeetingForm(request.POST)
    # The service asks for the right first and the reason second: a refusal tells nothing of the form.
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.cancel_meeting(meeting, reason=reason, by=acting_user(request))
    except ProtokolError as err:
        return _refused(request, err, _meeting_url(meeting))
    messages.success(request, _("Mødet er aflyst."))
    return redirect(_meeting_url(meeting))


# Items --------------------------------------------------------------------------------------------


def _resolve_case(form: forms.ItemForm, meeting: Meeting, user: Any) -> Case | None:
    """The case the form names: one the user may see by number or (unique) title, or a new one.

    A title or KLE number typed for a case that has one already changes it (update_case decides who may).
    """
    wanted = form.cleaned_data["case_number"].strip()
    title = form.cleaned_data["case_title"].strip()
    kle = form.cleaned_data["case_kle"].strip()
    if not wanted:
        if title or kle:
            raise ProtokolError(_("Skriv sagens nummer for at oprette en ny sag."))
        return None
    org = meeting.body.organization
    by_title = list(case_queries.visible_cases(user).filter(organization=org, title__iexact=wanted)[:2])
    seen = case_queries.visible_cases(user).filter(organization=org, number=wanted).exists()
    number = by_title[0].number if len(by_title) == 1 and not seen else wanted
    case = case_services.resolve_case(
        organization=org, number=number, title=title, journal_number=kle, by=user
    )
    if (title and title != case.title) or (kle and kle != case.journal_number):
        case = case_services.update_case(case=case, by=user, title=title or None, journal_number=kle or None)
    return case


def _item_context(
    request: HttpRequest, meeting: Meeting, form: forms.ItemForm, item: AgendaItem | None
) -> dict:
    return {
        "meeting": meeting,
        "item": item,
        "form": form,
        "cases": _case_choices(request.user, meeting),
        "can_edit": rules.can_edit(request.user, meeting.body),
        "frozen": meeting.is_frozen,
        "attachment_form": forms.AttachmentForm(),
        "attachments": _visible_attachments(request.user, item) if item else [],
        **_notes_context(request, item),
        "withdrawn": (
            Attachment.all_objects.filter(item=item, withdrawn_at__isnull=False).select_related(
                "withdrawn_by", "replaced_by"
            )
            if item and rules.can_see_drafts(request.user, meeting.body)
            else []
        ),
    }


def _notes_context(request: HttpRequest, item: AgendaItem | None) -> dict:
    """The reader's own (and their party group's shared) notes on the item, and the form for a new one."""
    if item is None:
        return {}
    return {
        "notes": list(note_queries.readable_notes(request.user, item)),
        "note_form": NoteForm(),
        "can_share": note_queries.party_group(request.user, item.meeting.body) is not None,
    }


@login_required
def item_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    try:  # the form is for the secretariat; a member reading the agenda gets no form to fill in
        rules.require_edit(request.user, meeting.body)
    except rules.Forbidden as err:
        return _refused(request, err, _meeting_url(meeting))
    if request.method == "POST":
        form = forms.ItemForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    item = services.add_item(
                        meeting=meeting,
                        title=form.cleaned_data["title"],
                        public=form.cleaned_data["public"],
                        case=_resolve_case(form, meeting, request.user),
                        case_type=form.cleaned_data["case_type"],
                        document_number=form.cleaned_data["document_number"],
                        route=form.route(),
                        sections=form.sections(),
                        reason=form.cleaned_data["reason"],
                        by=acting_user(request),
                        **form.public_fields(),
                    )
            except rules.Forbidden as err:
                return _refused(request, err, _meeting_url(meeting))
            except ProtokolError as err:
                form.add_error(None, str(err))
            else:
                messages.success(request, _("Punktet er oprettet. Du kan nu vedhæfte bilag."))
                return redirect(reverse("workspace:item", args=[meeting.pk, item.pk]))
    else:
        form = forms.ItemForm()
    status = 400 if request.method == "POST" else 200
    return render(request, "workspace/item.html", _item_context(request, meeting, form, None), status=status)


def _save_item(form: forms.ItemForm, item: AgendaItem, meeting: Meeting, user: Any) -> bool:
    """Write what changed, all or nothing (services.edit_item); False where nothing changed."""
    with transaction.atomic():
        return services.edit_item(
            item=item,
            by=user,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
            route=form.route(),
            sections=form.sections(),
            case=_resolve_case(form, meeting, user),
            title=form.cleaned_data["title"],
            public=form.cleaned_data["public"],
            case_type=form.cleaned_data["case_type"],
            document_number=form.cleaned_data["document_number"],
            **form.public_fields(),
        )


def _last_change(item: AgendaItem) -> AuditEntry | None:
    return (
        AuditEntry.objects.filter(
            meeting_id=item.meeting_id, object_type="meetings.agendaitem", object_id=str(item.pk)
        )
        .order_by("-at", "-id")
        .first()
    )


@login_required
def item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = _item(request, meeting, item_pk)
    conflict = None
    status = 200
    if request.method == "POST":
        form = forms.ItemForm(request.POST)
        if form.is_valid():
            try:
                changed = _save_item(form, item, meeting, request.user)
            except rules.Forbidden as err:
                return _refused(request, err, _meeting_url(meeting))
            except Conflict as err:
                # Keep the user's input; show the other's version; the next save is a deliberate overwrite.
                theirs = AgendaItem.objects.select_related("case").get(pk=item.pk)
                data = request.POST.copy()
                data["version"] = str(theirs.version)
                form = forms.ItemForm(data)
                form.is_valid()
                theirs_initial, theirs_headings = forms.item_initial(theirs)
                conflict = {
                    "message": str(err),
                    "item": theirs,
                    "sections": [
                        (h, theirs_initial.get(f"section_{i}", "")) for i, h in enumerate(theirs_headings)
                    ],
                    "last": _last_change(theirs),
                }
                status = 409
            except ProtokolError as err:
                form.add_error(None, str(err))
                status = 400
            else:
                if changed:
                    messages.success(request, _("Punktet er gemt."))
                else:
                    messages.info(request, _("Ingen ændringer at gemme."))
                return redirect(reverse("workspace:item", args=[meeting.pk, item.pk]))
        else:
            status = 400
    else:
        initial, headings = forms.item_initial(item)
        form = forms.ItemForm(initial=initial, headings=headings)
    context = _item_context(request, meeting, form, item) | {"conflict": conflict}
    return render(request, "workspace/item.html", context, status=status)


@login_required
@require_POST
def item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = get_object_or_404(queries.visible_items(request.user), pk=item_pk, meeting=meeting)
    try:
        services.move_item(
            item=item, to_position=_move_target(request, meeting, item), by=acting_user(request)
        )
    except ProtokolError as err:
        return _refused(request, err, _meeting_url(meeting, "agenda"))
    return redirect(_meeting_url(meeting, f"item-{item.pk}"))


def _move_target(request: HttpRequest, meeting: Meeting, item: AgendaItem) -> int:
    """Where the item goes: a place dropped on (`position`, 0 = first) or one step `direction` up or down."""
    position = request.POST.get("position", "")
    if position.isdigit():
        return int(position)
    order = [i.pk for i in _ordered_items(meeting)]
    step = -1 if request.POST.get("direction") == "up" else 1
    return max(0, order.index(item.pk) + step)


@login_required
@require_POST
def item_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = get_object_or_404(queries.visible_items(request.user), pk=item_pk, meeting=meeting)
    title = item.title
    try:
        services.remove_item(item=item, by=acting_user(request))
    except ProtokolError as err:
        return _refused(request, err, _meeting_url(meeting, "agenda"))
    messages.success(request, _("Punktet “%(title)s” er fjernet.") % {"title": title})
    return redirect(_meeting_url(meeting, "agenda"))


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = _item(request, meeting, item_pk)
    back = reverse("workspace:item", args=[meeting.pk, item.pk]) + "#attachments"
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Vælg en fil at vedhæfte."))
        return redirect(back)
    try:
        upload = read_upload(form.cleaned_data["file"])
        case_services.add_attachment(
            item=item,
            title=form.cleaned_data["title"] or upload.file_name.rsplit(".", 1)[0],
            document_number=form.cleaned_data["document_number"],
            public=form.cleaned_data["public"],
            content=upload.content,
            file_name=upload.file_name,
            mime_type=upload.mime_type,
            text=upload.text,
            reason=form.cleaned_data["reason"],
            by=acting_user(request),
        )
    except ProtokolError as err:
        return _refused(request, err, back)
    messages.success(request, _("Bilaget %(name)s er vedhæftet.") % {"name": upload.file_name})
    return redirect(back)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    return serve_visible_attachment(request.user, pk, download=True, kept_copy=True)


# Minutes ------------------------------------------------------------------------------------------


def _own_decision(decisions: list[Decision], meeting: Meeting) -> Decision | None:
    return next((d for d in decisions if d.body_name == meeting.body.name and d.date == meeting.date), None)


@login_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    user = request.user
    _open_attendance(request, meeting)
    items = list(
        meeting.items.select_related("case", "postponed_from__meeting")
        .prefetch_related("decisions", "sections", "attachments", "route_steps")
        .order_by("position", "number", "pk")
    )
    content = queries.content_item_ids(user, items)
    decided = queries.decision_item_ids(user, items)
    postponed_to = queries.postponed_to(user, items)
    rows = []
    for item in items:
        if item.pk not in content:
            rows.append({"item": item, "content": False})
            continue
        decisions = queries.decisions_of(item, meeting, minutes=item.pk in decided)
        own = _own_decision(decisions, meeting)
        next_body = services.next_route_body(item)
        rows.append(
            {
                "item": item,
                "content": True,
                "own": own,
                "earlier": [d for d in decisions if d is not own],
                "next_body": next_body,
                "forwarded": queries.forwarded_to(user, item=item, body=next_body),
                "postponed_to": postponed_to.get(item.pk, []),
                "attachments": _visible_attachments(user, item),
                "form": forms.DecisionForm(
                    initial={
                        "text": own.text if own else "",
                        "public_text": own.public_text if own else "",
                        "public_text_withheld": own.public_text_withheld if own else "",
                    },
                    auto_id=f"id_{item.pk}_%s",
                ),
            }
        )
    can_edit = rules.can_edit(user, meeting.body)
    attendance = _attendance_context(meeting, editable=can_edit and meeting.status != MeetingStatus.DRAFT)
    for item, row in zip(items, rows, strict=True):  # one row per item
        if row["content"]:
            row["absences"] = attendance["absences"].get(item.pk, [])
            row["quorum"] = attendance["quorum"].get(item.pk)
    digest = services.minutes_digest(meeting)
    signatures = people_queries.signature_states(meeting, digest=digest)
    me = people_queries.person_of(user)
    return render(
        request,
        "workspace/minutes.html",
        {
            "meeting": meeting,
            "rows": rows,
            "can_edit": can_edit,
            "can_decide": can_edit and meeting.status != MeetingStatus.DRAFT,
            "frozen": meeting.is_frozen,
            "quick_choices": [(o.value, o.label) for o in forms.QUICK_CHOICES],
            "postponed": Outcome.POSTPONED.value,
            "recommended": Outcome.RECOMMENDED.value,
            **attendance,
            "signatures": signatures,
            "unsigned": [s.person for s in signatures if not s.current],
            "my_signature": next((s for s in signatures if me is not None and s.person.pk == me.pk), None),
            "can_sign": me is not None
            and meeting.status in people_services.SIGNABLE
            and any(s.person.pk == me.pk and not s.current for s in signatures),
            "amendments": _visible_amendments(user, meeting),
            "can_see_log": rules.can_see_drafts(user, meeting.body),
        },
    )


def _open_attendance(request: HttpRequest, meeting: Meeting) -> None:
    """The secretariat opening the minutes of a sent agenda finds the members of the day already listed;
    a member's look records nothing, nor does a look at approved minutes (a change there is an amendment)."""
    if meeting.status not in (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD):
        return
    if not rules.can_edit(request.user, meeting.body) or meeting.attendance.exists():
        return
    # Another secretary opening it at the same moment made the list; theirs is the one.
    with contextlib.suppress(IntegrityError):
        people_services.prefill_attendance(meeting=meeting, by=acting_user(request))


def _attendance_context(meeting: Meeting, *, editable: bool) -> dict[str, Any]:
    """The attendance section and each item's part of it: who took part, the deputies the secretariat may
    call in, who left an item, and the items without a quorum (once attendance is recorded at all)."""
    rows = list(people_queries.attendance(meeting))
    deputised = {r.substitute_for_id: r for r in rows if r.substitute_for_id}
    entries = []
    for r in rows:
        seated = not r.is_guest and not r.substitute_for_id
        away = seated and r.status != AttendanceStatus.PRESENT
        choices = (
            people_queries.deputy_choices(meeting, for_person=r.person)
            if editable and away and r.person_id not in deputised
            else []
        )
        entries.append({"a": r, "seated": seated, "deputy": deputised.get(r.person_id), "choices": choices})
    return {
        "attendance": entries,
        "can_edit_attendance": editable,
        "present": [r for r in rows if r.status == AttendanceStatus.PRESENT],
        "absences": people_queries.absences_by_item(meeting),
        "quorum": people_queries.quorum_by_item(meeting) if rows else {},
        "statuses": AttendanceStatus.choices,
        "absence_kinds": ItemAbsenceKind.choices,
        "guest_choices": list(people_queries.guest_choices(meeting)) if editable else [],
    }


def _visible_amendments(user: Any, meeting: Meeting) -> list:
    """Amendments of closed items (their reasons name what was changed) only for those who read them."""
    amendments = list(meeting.amendments.select_related("by", "item"))
    if rules.can_see_closed(user, meeting):
        return amendments
    return [a for a in amendments if a.item is None or a.item.public]


@login_required
@require_POST
def decision(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = _item(request, meeting, item_pk)
    back = _minutes_url(meeting, f"item-{item.pk}")
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ugyldigt valg."))
        return redirect(back)
    text = form.cleaned_data["text"].strip()
    quick = form.cleaned_data["quick"]
    outcome = quick or form.cleaned_data["outcome"] or None
    if quick and (not text or text in forms.quick_texts()):
        # A quick choice fills an empty decision, or one that is another quick choice's words; a decision
        # the user typed is kept (the choice sets its outcome). The browser asks before it replaces one.
        text = f"{Outcome(quick).label}."
    try:
        if outcome == Outcome.POSTPONED and not item.postponed_to.exists():
            moved = services.postpone_item(item=item, by=acting_user(request), text=text)
            messages.success(
                request,
                _("Punktet er udsat og sat på dagsordenen for mødet %(date)s.")
                % {"date": moved.meeting.date.strftime("%d-%m-%Y")},
            )
            return redirect(back)
        if not text:
            raise ProtokolError(_("Skriv beslutningen, eller vælg et af hurtigvalgene."))
        public = (
            {k: form.cleaned_data[k] for k in ("public_text", "public_text_withheld")}
            if not item.public
            else {}
        )
        recorded = services.record_decision(
            item=item,
            text=text,
            outcome=outcome,
            reason=form.cleaned_data["reason"],
            by=acting_user(request),
            **public,
        )
        messages.success(request, _("Beslutningen er gemt."))
        if form.cleaned_data["forward"] and recorded.outcome == Outcome.RECOMMENDED:
            forwarded = services.forward_item(item=item, by=acting_user(request))
            messages.success(request, _forward_message(forwarded))
    except ProtokolError as err:
        return _refused(request, err, back)
    return redirect(back)


def _forward_message(forwarded: AgendaItem) -> str:
    return _("Sagen er sendt videre til %(body)s, mødet %(date)s.") % {
        "body": forwarded.meeting.body.name,
        "date": forwarded.meeting.date.strftime("%d-%m-%Y"),
    }


@login_required
@require_POST
def item_forward(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = _item(request, meeting, item_pk)
    back = _minutes_url(meeting, f"item-{item.pk}")
    try:
        forwarded = services.forward_item(item=item, by=acting_user(request))
    except ProtokolError as err:
        return _refused(request, err, back)
    messages.success(request, _forward_message(forwarded))
    return redirect(back)


@login_required
@require_POST
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    back = _minutes_url(meeting, "signatures")
    try:
        people_services.sign_minutes(meeting=meeting, by=acting_user(request))
    except ProtokolError as err:
        return _refused(request, err, back)
    messages.success(request, _("Du har underskrevet referatet."))
    return redirect(back)


@login_required
def audit_log(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if not rules.can_see_drafts(request.user, meeting.body):
        # The log holds drafts and closed items' content: the secretariat's (and administrators') only.
        raise Http404
    entries = (
        AuditEntry.objects.filter(meeting_id=meeting.pk).select_related("actor").order_by("-at", "-id")[:500]
    )
    return render(request, "workspace/log.html", {"meeting": meeting, "entries": entries})


# Withdrawing attachments and the personal-data check ---------------------------------------------


def _editable_attachment(request: HttpRequest, pk: int) -> Attachment:
    """An attachment of an item whose content the user may see; the services decide who may change it."""
    attachment = (
        Attachment.objects.filter(pk=pk, item__in=queries.items_with_content(request.user))
        .select_related("item__meeting__body")
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


def _back(request: HttpRequest, attachment: Attachment) -> str:
    """Back to the personal-data check where the form was there, else to the item's attachments."""
    meeting = attachment.item.meeting
    if request.POST.get("back") == "check":
        return reverse("workspace:personal_data", args=[meeting.pk])
    return reverse("workspace:item", args=[meeting.pk, attachment.item_id]) + "#attachments"


@login_required
@require_POST
def attachment_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _editable_attachment(request, pk)
    back = _back(request, attachment)
    try:
        case_services.withdraw_attachment(
            attachment=attachment, by=acting_user(request), reason=request.POST.get("reason", "")
        )
    except ProtokolError as err:
        return _refused(request, err, back)
    messages.success(request, _("Bilaget “%(t)s” er trukket tilbage.") % {"t": attachment.title})
    return redirect(back)


@login_required
@require_POST
def attachment_replace(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _editable_attachment(request, pk)
    back = _back(request, attachment)
    uploaded = request.FILES.get("file")
    try:
        rules.require_edit(request.user, attachment.item.meeting.body)
        if uploaded is None:
            raise ProtokolError(_("Vælg den redigerede fil."))
        case_services.replace_attachment(
            attachment=attachment,
            upload=read_upload(uploaded),
            by=acting_user(request),
            reason=request.POST.get("reason", ""),
        )
    except ProtokolError as err:
        return _refused(request, err, back)
    messages.success(request, _("Bilaget “%(t)s” er erstattet.") % {"t": attachment.title})
    return redirect(back)


@login_required
@require_POST
def attachment_close(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _editable_attachment(request, pk)
    back = _back(request, attachment)
    try:
        case_services.set_attachment_public(
            attachment=attachment,
            public=False,
            by=acting_user(request),
            reason=request.POST.get("reason", ""),
        )
    except ProtokolError as err:
        return _refused(request, err, back)
    messages.success(request, _("Bilaget “%(t)s” er nu ikke offentligt.") % {"t": attachment.title})
    return redirect(back)


@login_required
def personal_data_check(request: HttpRequest, pk: int) -> HttpResponse:
    """What the personal-data check finds in the agenda or minutes about to be published, with the three
    ways to resolve each hit, and the false positives recorded so far."""
    meeting = _meeting(request, pk)
    try:
        rules.require_edit(request.user, meeting.body)
    except rules.Forbidden as err:
        return _refused(request, err, _meeting_url(meeting))
    hits = personal_data.unresolved_hits(meeting)
    return render(
        request,
        "workspace/personal_data.html",
        {
            "meeting": meeting,
            "hits": hits,
            "minutes": meeting.kind == "minutes",
            "frozen": meeting.is_frozen,
            "cleared": PersonalDataClearance.objects.filter(meeting=meeting).select_related("by"),
            "can_see_log": True,
        },
    )


@login_required
@require_POST
def personal_data_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    """A hit judged a false positive, or its item closed (the attachment's ways go to the attachment's views)."""
    meeting = _meeting(request, pk)
    back = reverse("workspace:personal_data", args=[meeting.pk])
    try:
        if request.POST.get("action") == "close-item":
            item = _item(
                request,
                meeting,
                int(request.POST.get("item", "")) if request.POST.get("item", "").isdigit() else 0,
            )
            services.update_item(
                item=item, public=False, by=acting_user(request), reason=request.POST.get("reason", "")
            )
            messages.success(
                request,
                _(
                    "Punktet “%(t)s” er nu lukket. Før der offentliggøres, skal det have sine offentlige "
                    "felter: en neutral titel og en begrundelse (og i referatet en offentlig beslutningstekst)."
                )
                % {"t": item.title},
            )
        else:
            case_services.mark_false_positive(
                meeting=meeting, fingerprint=request.POST.get("fingerprint", ""), by=acting_user(request)
            )
            messages.success(request, _("Fundet er registreret som falsk alarm."))
    except ProtokolError as err:
        return _refused(request, err, back)
    return redirect(back)

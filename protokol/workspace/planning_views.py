"""The secretariat's planning screens: a body's annual plan and follow-ups, a meeting's communication list.

Thin like the other views: the form checks shape, the planning services decide and write.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from protokol.common.actors import acting_user
from protokol.common.errors import ProtokolError
from protokol.meetings import queries, rules
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.models import Body, Meeting
from protokol.planning import queries as planning_queries
from protokol.planning import recurrence, services
from protokol.planning.models import FollowUp, MeetingSeries
from protokol.workspace import planning_forms as forms


def _editable_body(request: HttpRequest, slug: str) -> Body:
    body = queries.body_by_slug(Body.objects.filter(active=True), slug, user=request.user)
    if body is None:
        raise Http404
    if not rules.can_edit(request.user, body):
        raise Http404  # a body one may not plan for is not shown at all
    return body


def _form_errors(request: HttpRequest, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}".strip(": "))


def _plan_url(body: Body) -> str:
    return reverse("workspace:plan", args=[body.slug])


def _local(url: str | None) -> str | None:
    """A page of this site to go back to, as a path ("/workspace/..."); anything else (another host, a
    scheme, "//host") is no place to send the user."""
    if url and url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    return None


@login_required
def plan(request: HttpRequest, slug: str) -> HttpResponse:
    body = _editable_body(request, slug)
    today = timezone.localdate()
    series = []
    for s in MeetingSeries.objects.filter(body=body):
        try:
            upcoming = services.occurrences(s, start=today, until=today.replace(year=today.year + 1))[:6]
        except ProtokolError:
            upcoming = []
        series.append({"series": s, "upcoming": upcoming, "words": recurrence.describe(s.rule, s.start_time)})
    follow_ups = [
        {
            "f": f,
            "overdue": planning_queries.is_overdue(f, today=today),
            "close": forms.CloseFollowUpForm(prefix=f"f{f.pk}"),
        }
        for f in planning_queries.follow_ups_for(request.user, body=body)
    ]
    drafts = Meeting.objects.filter(body=body, status=MeetingStatus.DRAFT, date__gte=today).order_by("date")
    return render(
        request,
        "workspace/plan.html",
        {
            "body": body,
            "series": series,
            "plan": planning_queries.plan_for(request.user, body, today=today),
            "follow_ups": follow_ups,
            "drafts": list(drafts),
            "series_form": forms.SeriesForm(),
            "theme_form": forms.ThemeForm(),
        },
    )


@login_required
@require_POST
def series_new(request: HttpRequest, slug: str) -> HttpResponse:
    body = _editable_body(request, slug)
    form = forms.SeriesForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_plan_url(body))
    try:
        services.create_series(body=body, by=acting_user(request), **form.series_fields())
    except ProtokolError as err:
        messages.error(request, str(err))
    else:
        messages.success(request, _("Mødeserien er gemt i årshjulet."))
    return redirect(_plan_url(body))


@login_required
def series_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The series in words, to change; a rule the words cannot say is shown as it is, and kept unless
    the secretariat sets a new one in words."""
    body = _editable_body(request, slug)
    series = get_object_or_404(MeetingSeries, pk=pk, body=body)
    initial = forms.SeriesForm.initial_for(series)
    if request.method == "POST":
        form = forms.SeriesForm(request.POST)
        if form.is_valid():
            try:
                services.update_series(series=series, by=acting_user(request), **form.series_fields())
            except ProtokolError as err:
                form.add_error(None, str(err))
            else:
                messages.success(request, _("Mødeserien er gemt."))
                return redirect(_plan_url(body))
    else:
        form = forms.SeriesForm(initial=initial or {"name": series.name, "first_date": series.first_date})
    return render(
        request,
        "workspace/series_edit.html",
        {
            "body": body,
            "series": series,
            "form": form,
            "in_words": initial is not None,
            "description": recurrence.describe(series.rule, series.start_time),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def series_generate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    body = _editable_body(request, slug)
    series = get_object_or_404(MeetingSeries, pk=pk, body=body)
    try:
        created = services.generate_meetings(series, by=acting_user(request))
    except ProtokolError as err:
        messages.error(request, str(err))
    else:
        messages.success(request, _("%(n)s nye mødekladder er oprettet.") % {"n": len(created)})
    return redirect(_plan_url(body))


@login_required
@require_POST
def theme_new(request: HttpRequest, slug: str) -> HttpResponse:
    body = _editable_body(request, slug)
    form = forms.ThemeForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_plan_url(body))
    try:
        theme = services.plan_theme(body=body, by=acting_user(request), **form.cleaned_data)
    except ProtokolError as err:
        messages.error(request, str(err))
    else:
        if theme.item is not None:
            messages.success(
                request, _("Emnet er foreslået på dagsordenen for %(d)s.") % {"d": theme.item.meeting.date}
            )
        else:
            messages.success(
                request, _("Emnet er planlagt; det foreslås, når månedens første møde oprettes.")
            )
    return redirect(_plan_url(body))


def _follow_up(request: HttpRequest, pk: int) -> FollowUp:
    follow_up = get_object_or_404(FollowUp.objects.select_related("item__meeting__body"), pk=pk)
    if not rules.can_edit(request.user, follow_up.item.meeting.body):
        raise Http404
    return follow_up


@login_required
@require_POST
def follow_up_close(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = _follow_up(request, pk)
    form = forms.CloseFollowUpForm(request.POST, prefix=f"f{pk}")
    if form.is_valid():
        try:
            services.close_follow_up(
                follow_up=follow_up, note=form.cleaned_data["note"], by=acting_user(request)
            )
            messages.success(request, _("Opfølgningen er afsluttet."))
        except ProtokolError as err:
            messages.error(request, str(err))
    else:
        _form_errors(request, form)
    return redirect(_local(request.POST.get("next")) or _plan_url(follow_up.item.meeting.body))


@login_required
@require_POST
def follow_up_to_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = _follow_up(request, pk)
    meeting = get_object_or_404(Meeting, pk=request.POST.get("meeting") or 0)
    try:
        item = services.put_follow_up_on_agenda(follow_up=follow_up, meeting=meeting, by=acting_user(request))
    except ProtokolError as err:
        messages.error(request, str(err))
        return redirect(_plan_url(follow_up.item.meeting.body))
    messages.success(request, _("Opfølgningen står nu på dagsordenen som punkt: %(t)s") % {"t": item.title})
    return redirect(reverse("workspace:meeting", args=[meeting.pk]))


@login_required
def follow_ups_mine(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = [
        {
            "f": f,
            "overdue": planning_queries.is_overdue(f, today=today),
            "close": forms.CloseFollowUpForm(prefix=f"f{f.pk}"),
        }
        for f in planning_queries.follow_ups_for(request.user, responsible=request.user)
    ]
    return render(request, "workspace/follow_ups.html", {"follow_ups": rows})


def _meeting_for_edit(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(queries.visible_meetings(request.user), pk=pk)
    if not rules.can_edit(request.user, meeting.body):
        raise Http404
    return meeting


@login_required
def item_follow_ups(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting_for_edit(request, pk)
    item = get_object_or_404(meeting.items, pk=item_pk)
    form = forms.FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = item.decisions.filter(body=meeting.body, date=meeting.date).first()
        try:
            services.create_follow_up(
                item=item, decision=decision, by=acting_user(request), **form.cleaned_data
            )
        except ProtokolError as err:
            messages.error(request, str(err))
        else:
            messages.success(request, _("Opfølgningen er oprettet."))
            return redirect(request.path)
    today = timezone.localdate()
    rows = [
        {
            "f": f,
            "overdue": planning_queries.is_overdue(f, today=today),
            "close": forms.CloseFollowUpForm(prefix=f"f{f.pk}"),
        }
        for f in item.follow_ups.all()
    ]
    return render(
        request,
        "workspace/item_follow_ups.html",
        {"meeting": meeting, "item": item, "form": form, "follow_ups": rows},
    )


@login_required
def communication(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for_edit(request, pk)
    items = list(meeting.items.order_by("position").prefetch_related("communications"))
    if request.method == "POST":
        item = get_object_or_404(meeting.items, pk=request.POST.get("item") or 0)
        form = forms.CommunicationForm(request.POST, prefix=f"c{item.pk}")
        if form.is_valid():
            try:
                services.record_communication(item=item, by=acting_user(request), **form.cleaned_data)
                messages.success(
                    request, _("Formidlingen af punkt %(n)s er gemt.") % {"n": item.number or ""}
                )
            except ProtokolError as err:
                messages.error(request, str(err))
        else:
            _form_errors(request, form)
        return redirect(request.path + f"#punkt-{item.pk}")
    rows = []
    for item in items:
        current = next(iter(item.communications.all()), None)
        initial = (
            {
                "audiences": current.audiences,
                "channels": current.channels,
                "responsible_name": current.responsible_name,
                "date": current.date,
                "message": current.message,
                "done": current.done,
            }
            if current
            else {}
        )
        rows.append({"item": item, "form": forms.CommunicationForm(prefix=f"c{item.pk}", initial=initial)})
    return render(
        request,
        "workspace/communication.html",
        {
            "meeting": meeting,
            "rows": rows,
            "text": planning_queries.communication_list_text(request.user, meeting),
            "tab": "communication",
            "can_see_log": True,
        },
    )


@login_required
def communication_text(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_for_edit(request, pk)
    response = HttpResponse(
        planning_queries.communication_list_text(request.user, meeting),
        content_type="text/plain; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="formidling-{meeting.body.slug}-{meeting.date}.txt"'
    )
    return response

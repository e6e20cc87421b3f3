"""The confirmation before each step of a meeting that cannot be undone (send the agenda, mark it held,
approve the minutes, publish them): what goes out, who is told, and the warnings that apply.

A plain page with a form (no JavaScript needed); its button posts to the status view, which calls the
service. The page only reads: nothing changes until the button is pressed.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from protokol.meetings import rules, services
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.models import AgendaItem, Meeting
from protokol.people import queries as people_queries

STEPS: dict[str, dict[str, Any]] = {
    "publish-agenda": {
        "from": MeetingStatus.DRAFT,
        "title": gettext_lazy("Udsend dagsorden"),
        "button": gettext_lazy("Ja, udsend dagsordenen"),
        "what": gettext_lazy(
            "Dagsordenen bliver offentlig på portalen, punkterne nummereres, og rækkefølgen låses. Lukkede "
            "punkter vises kun med deres offentlige titel."
        ),
    },
    "held": {
        "from": MeetingStatus.AGENDA_PUBLISHED,
        "title": gettext_lazy("Markér mødet som afholdt"),
        "button": gettext_lazy("Ja, mødet er afholdt"),
        "what": gettext_lazy("Mødet står herefter som afholdt, og referatet kan godkendes."),
    },
    "approve": {
        "from": MeetingStatus.HELD,
        "title": gettext_lazy("Godkend referatet"),
        "button": gettext_lazy("Ja, godkend referatet endeligt"),
        "what": gettext_lazy(
            "Referatet låses: enhver ændring herefter er en rettelse med begrundelse, som logges."
        ),
    },
    "publish-minutes": {
        "from": MeetingStatus.MINUTES_APPROVED,
        "title": gettext_lazy("Offentliggør referatet"),
        "button": gettext_lazy("Ja, offentliggør referatet"),
        "what": gettext_lazy(
            "Referatet bliver offentligt på portalen, i søgningen og i API'et. Lukkede punkter vises kun med "
            "deres offentlige titel og offentlige beslutningstekst."
        ),
    },
}


def _day(d: Any) -> str:
    return formats.date_format(d, "j. F Y")


def warnings(meeting: Meeting, action: str) -> list[str]:
    """What the secretariat should know before the step: said, not kept silent."""
    today = timezone.localdate()
    out = []
    if action in ("held", "approve", "publish-minutes") and meeting.date > today:
        out.append(
            _("Mødet er sat til %(date)s, som endnu ikke er kommet. Er mødet virkelig holdt?")
            % {"date": _day(meeting.date)}
        )
    if action == "approve":
        states = people_queries.signature_states(meeting, digest=services.minutes_digest(meeting))
        unsigned = [s.person.label for s in states if not s.current]
        if unsigned:
            out.append(
                _("%(n)s deltagere har ikke underskrevet referatet: %(names)s.")
                % {"n": len(unsigned), "names": ", ".join(unsigned)}
            )
        elif not states:
            out.append(_("Der er ikke registreret fremmøde, så ingen har underskrevet referatet."))
    if action == "publish-agenda" and services.agenda_is_late(meeting, today=today):
        out.append(
            _(
                "Fristen for at udsende dagsordenen var %(deadline)s (%(n)s hverdage før mødet). "
                "Dagsordenen udsendes for sent; skriv en begrundelse, som vises med dagsordenen."
            )
            % {
                "deadline": _day(services.agenda_deadline_of(meeting)),
                "n": meeting.body.agenda_deadline_working_days,
            }
        )
    return out


@login_required
def confirm(request: HttpRequest, meeting: Meeting, action: str) -> HttpResponse:
    """The confirmation page of one step (the status view's GET)."""
    step = STEPS[action]
    try:
        rules.require_edit(request.user, meeting.body)
    except rules.Forbidden as err:
        back = reverse("workspace:meeting", args=[meeting.pk])
        return render(request, "workspace/refused.html", {"message": str(err), "back": back}, status=403)
    if meeting.status != step["from"]:
        # The step was taken meanwhile (another tab, a colleague): back to the meeting, saying so.
        messages.info(request, _("Mødet er ikke længere på det trin; intet er ændret."))
        return redirect("workspace:meeting", meeting.pk)
    items: list[AgendaItem] = list(
        meeting.items.order_by("position", "number", "pk").prefetch_related("attachments")
    )
    members, deputies = people_queries.told_of(meeting)
    late = action == "publish-agenda" and services.agenda_is_late(meeting)
    return render(
        request,
        "workspace/confirm.html",
        {
            "meeting": meeting,
            "action": action,
            "step": step,
            "items": items,
            "open_count": sum(1 for i in items if i.public),
            "closed_count": sum(1 for i in items if not i.public),
            "public_attachments": sum(1 for i in items if i.public for a in i.attachments.all() if a.public),
            "members": members,
            "deputies": deputies,
            "warnings": warnings(meeting, action),
            "late": late,
            "deadline": services.agenda_deadline_of(meeting),
            "minutes": action != "publish-agenda",
        },
    )

"""A member's own choice of which e-mails they get (the notifications part decides and writes)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from protokol.common.actors import acting_user
from protokol.notifications import queries, services
from protokol.notifications.models import Kind
from protokol.people.queries import person_of


class PreferenceForm(forms.Form):
    agenda = forms.BooleanField(label=Kind.AGENDA.label, required=False)
    change = forms.BooleanField(label=Kind.CHANGE.label, required=False)
    signature = forms.BooleanField(label=Kind.SIGNATURE.label, required=False)
    reminder = forms.BooleanField(label=Kind.REMINDER.label, required=False)


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    if person is None:
        return render(request, "workspace/notifications.html", {"person": None})
    current = queries.preference(person)
    form = PreferenceForm(request.POST or None, initial={kind: current.wants(kind) for kind in Kind.values})
    if request.method == "POST" and form.is_valid():
        services.set_preferences(person=person, by=acting_user(request), **form.cleaned_data)
        messages.success(request, _("Dine valg af e-mails er gemt."))
        return redirect("workspace:notifications")
    return render(
        request,
        "workspace/notifications.html",
        {"person": person, "form": form, "address": queries.address(person)},
    )

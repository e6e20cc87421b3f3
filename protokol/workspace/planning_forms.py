"""Forms of the planning screens: annual plan, themes, follow-ups, communication."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from protokol.planning.enums import Audience, Channel
from protokol.workspace.forms import Form


class SeriesForm(Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    rule = forms.CharField(
        label=_("Gentagelse (RFC 5545)"),
        max_length=500,
        initial="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        help_text=_("Fx FREQ=MONTHLY;BYDAY=1TU for første tirsdag i måneden."),
    )
    first_date = forms.DateField(label=_("Første møde"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Kl."), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    location = forms.CharField(label=_("Mødested"), max_length=300, required=False)
    exceptions = forms.CharField(
        label=_("Intet møde disse dage"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Datoer (ÅÅÅÅ-MM-DD), adskilt af komma eller linjeskift: helligdage, ferie."),
    )
    horizon_days = forms.IntegerField(
        label=_("Opret møder så mange dage frem"), min_value=7, max_value=730, initial=120
    )

    def clean_exceptions(self) -> list[date]:
        raw = self.cleaned_data["exceptions"].replace(",", "\n").split()
        try:
            return [date.fromisoformat(d.strip()) for d in raw if d.strip()]
        except ValueError as err:
            raise forms.ValidationError(_("Skriv datoerne som ÅÅÅÅ-MM-DD.")) from err


class ThemeForm(Form):
    title = forms.CharField(label=_("Emne"), max_length=500)
    month = forms.DateField(
        label=_("Måned"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    public = forms.BooleanField(label=_("Offentligt"), required=False, initial=True)


class FollowUpForm(Form):
    what = forms.CharField(label=_("Opgave"), widget=forms.Textarea(attrs={"rows": 2}))
    responsible_name = forms.CharField(label=_("Ansvarlig"), max_length=200, required=False)
    due = forms.DateField(label=_("Frist"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class CloseFollowUpForm(Form):
    note = forms.CharField(label=_("Afslutningsnotat"), widget=forms.Textarea(attrs={"rows": 2}))


class CommunicationForm(Form):
    audiences = forms.MultipleChoiceField(
        label=_("Målgrupper"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    channels = forms.MultipleChoiceField(
        label=_("Kanaler"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    responsible_name = forms.CharField(label=_("Ansvarlig"), max_length=200, required=False)
    date = forms.DateField(label=_("Dato"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    message = forms.CharField(label=_("Budskab"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    done = forms.BooleanField(label=_("Formidlet"), required=False)

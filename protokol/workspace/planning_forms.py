"""Forms of the planning screens: annual plan, themes, follow-ups, communication."""

from datetime import date
from typing import Any

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from protokol.planning import recurrence
from protokol.planning.enums import Audience, Channel
from protokol.planning.models import MeetingSeries
from protokol.workspace.forms import Form, IsoMonthInput, iso_date_field, iso_time_field


class SeriesForm(Form):
    """A meeting series said in words (every other Monday at 9, except school holidays); `clean` builds the
    RFC 5545 rule it is stored as, and `initial_for` reads a stored one back into the fields."""

    name = forms.CharField(label=_("Navn"), max_length=200)
    interval = forms.TypedChoiceField(
        label=_("Hvor ofte"),
        choices=[(n, recurrence.EVERY[n]) for n in recurrence.EVERY],
        coerce=int,
        initial=2,
    )
    unit = forms.ChoiceField(label=_("Uge eller måned"), choices=[("week", _("uge")), ("month", _("måned"))])
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Ugedag"),
        choices=[(i, WEEKDAYS[i]) for i in range(7)],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        initial=[0],
    )
    ordinal = forms.TypedChoiceField(
        label=_("Hvilken i måneden"),
        choices=[("", _("(hver af dem)")), *((str(k), v) for k, v in recurrence.ORDINALS.items())],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Kun når serien gentages hver måned: fx første tirsdag i måneden."),
    )
    start_time = iso_time_field(_("Kl."))
    first_date = iso_date_field(_("Første møde"))
    location = forms.CharField(label=_("Mødested"), max_length=300, required=False)
    skip_public_holidays = forms.BooleanField(label=_("Undtagen helligdage"), required=False, initial=True)
    skip_school_holidays = forms.BooleanField(label=_("Undtagen skoleferie"), required=False)
    school_weeks = forms.CharField(
        label=_("Skoleferiens uger"),
        required=False,
        initial="7, 27-32, 42, 52",
        help_text=_("Ugenumre, adskilt af komma; fx 7, 27-32, 42, 52."),
    )
    exceptions = forms.CharField(
        label=_("Intet møde disse dage"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Datoer (ÅÅÅÅ-MM-DD), adskilt af komma eller linjeskift."),
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

    def clean_school_weeks(self) -> list[int]:
        try:
            return recurrence.parse_weeks(self.cleaned_data["school_weeks"])
        except ValueError as err:
            raise forms.ValidationError(_("Skriv ugenumre fra 1 til 53, fx 7, 27-32, 42.")) from err

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if {"interval", "unit", "weekdays"} <= data.keys():
            data["rule"] = recurrence.to_rule(
                recurrence.Recurrence(
                    interval=data["interval"],
                    unit=data["unit"],
                    weekdays=tuple(data["weekdays"]),
                    ordinal=data.get("ordinal") if data["unit"] == "month" else None,
                )
            )
        return data

    def series_fields(self) -> dict[str, Any]:
        """The service's arguments."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "rule": data["rule"],
            "first_date": data["first_date"],
            "start_time": data["start_time"],
            "location": data["location"],
            "exceptions": data["exceptions"],
            "horizon_days": data["horizon_days"],
            "skip_public_holidays": data["skip_public_holidays"],
            "skip_weeks": data["school_weeks"] if data["skip_school_holidays"] else [],
        }

    @staticmethod
    def initial_for(series: MeetingSeries) -> dict[str, Any] | None:
        """The stored series in the form's fields; None where its rule cannot be said in them."""
        r = recurrence.from_rule(series.rule)
        if r is None or r.interval not in recurrence.EVERY:
            return None
        return {
            "name": series.name,
            "interval": r.interval,
            "unit": r.unit,
            "weekdays": list(r.weekdays),
            "ordinal": str(r.ordinal) if r.ordinal else "",
            "start_time": series.start_time,
            "first_date": series.first_date,
            "location": series.location,
            "skip_public_holidays": series.skip_public_holidays,
            "skip_school_holidays": bool(series.skip_weeks),
            "school_weeks": recurrence.weeks_text(series.skip_weeks)
            if series.skip_weeks
            else "7, 27-32, 42, 52",
            "exceptions": ", ".join(series.exceptions),
            "horizon_days": series.horizon_days,
        }


class ThemeForm(Form):
    title = forms.CharField(label=_("Emne"), max_length=500)
    month = forms.DateField(
        label=_("Måned"),
        input_formats=["%Y-%m"],
        widget=IsoMonthInput(),
    )
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    public = forms.BooleanField(label=_("Offentligt"), required=False, initial=True)


class FollowUpForm(Form):
    what = forms.CharField(label=_("Opgave"), widget=forms.Textarea(attrs={"rows": 2}))
    responsible_name = forms.CharField(label=_("Ansvarlig"), max_length=200, required=False)
    due = iso_date_field(_("Frist"), required=False)


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
    date = iso_date_field(_("Dato"), required=False)
    message = forms.CharField(label=_("Budskab"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    done = forms.BooleanField(label=_("Formidlet"), required=False)

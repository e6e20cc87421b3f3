"""Forms of the people screens: a body's memberships and a meeting's attendance."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from protokol.meetings.models import Body
from protokol.people.enums import MembershipRole
from protokol.people.models import Party, Person
from protokol.workspace.forms import Form, iso_date_field


class PartyForm(Form):
    letter = forms.CharField(label=_("Listebogstav"), max_length=8)
    name = forms.CharField(label=_("Partiets navn"), max_length=200)


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        person: Person = obj
        return f"{person.label}, {person.title}" if person.title else person.label


class MembershipForm(Form):
    """A membership of an existing person, or of a person created with it."""

    person = PersonChoice(
        label=_("Person"), queryset=Person.objects.none(), required=False, empty_label=_("— ny person —")
    )
    name = forms.CharField(label=_("Ny persons navn"), max_length=200, required=False)
    party = forms.ModelChoiceField(
        label=_("Parti"), queryset=Party.objects.none(), required=False, empty_label=_("— uden for parti —")
    )
    user = forms.ModelChoiceField(
        label=_("Brugerkonto (til underskrift)"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("— ingen —"),
    )
    email = forms.EmailField(label=_("E-mail (ikke offentlig)"), required=False)
    role = forms.ChoiceField(label=_("Rolle"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER)
    voting_right = forms.BooleanField(label=_("Stemmeret"), required=False, initial=True)
    start_date = iso_date_field(_("Fra"))
    end_date = iso_date_field(_("Til"), required=False)
    deputy_position = forms.IntegerField(
        label=_("Nummer på stedfortræderlisten"),
        required=False,
        min_value=1,
        help_text=_("Kun for stedfortrædere; tomt sætter personen sidst på listen."),
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org = body.organization
        self.fields["person"].queryset = Person.objects.filter(organization=org).select_related("party")  # type: ignore[attr-defined]  # a ModelChoiceField's
        self.fields["party"].queryset = Party.objects.filter(organization=org)  # type: ignore[attr-defined]  # a ModelChoiceField's
        # Logins of the body not yet linked to a person: the member signs with it.
        self.fields["user"].queryset = (  # type: ignore[attr-defined]  # a ModelChoiceField's
            get_user_model()
            .objects.filter(memberships__body=body, person__isnull=True, is_active=True)
            .distinct()
            .order_by("username")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("person") and not (data.get("name") or "").strip():
            raise forms.ValidationError(_("Vælg en person, eller skriv navnet på en ny."))
        return data


class EndMembershipForm(Form):
    end_date = iso_date_field(_("Sidste dag"))

"""The workspace's forms: they check the shape of the input; the services decide what is allowed."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from protokol.meetings.enums import CaseType, ClosedReason, Outcome
from protokol.meetings.models import AgendaItem

# The standard sections of a new item, in the order municipal agendas print them.
STANDARD_HEADINGS = (
    "Resume og sagens baggrund",
    "Indstillinger",
    "Behandling",
    "Sagsfremstilling",
    "Økonomiske konsekvenser",
)
CLOSED_ITEM_FIELDS = ("public_title", "subject_confidential", "closed_reason", "closed_reason_text")
# "Behandling" is the item's route: one line, the bodies in order.
ROUTE_HEADING = "Behandling"
MAX_SECTIONS = 40

# The quick choices of the minutes view, in the order they are offered.
QUICK_CHOICES = (Outcome.APPROVED, Outcome.RECOMMENDED, Outcome.NOTED, Outcome.DISCUSSED, Outcome.POSTPONED)


def quick_texts() -> set[str]:
    """The decision texts the quick choices write ("Anbefales."), in the active language."""
    return {f"{o.label}." for o in QUICK_CHOICES}


def parse_route(text: str) -> list[str]:
    """ "Direktion, Økonomiudvalg og Kommunalbestyrelse." -> the three names."""
    text = text.strip().rstrip(".")
    parts = re.split(r",|\bog\b|\n", text)
    return [p.strip().rstrip(".").strip() for p in parts if p.strip().rstrip(".").strip()]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class IsoDateInput(forms.DateInput):
    """<input type="date">: the browser reads and sends only ISO dates (2026-02-25), whatever the page's
    language. Django's default renders the locale's format (25.02.2026 in Danish), which the browser shows
    as an empty field, so the next save would wipe the stored date."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None, format: str | None = None) -> None:
        super().__init__(attrs, format=format or "%Y-%m-%d")


class IsoMonthInput(IsoDateInput):
    input_type = "month"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m")


class IsoTimeInput(forms.TimeInput):
    """<input type="time">: 24-hour HH:MM, as the browser reads and sends it."""

    input_type = "time"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


def iso_date_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    """A date field that reads back what it renders (ISO first; the Danish form typed by hand too)."""
    return forms.DateField(
        label=label,
        required=required,
        widget=IsoDateInput(),
        input_formats=["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"],
        **kwargs,
    )


def iso_time_field(label: Any, *, required: bool = False, **kwargs: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=required,
        widget=IsoTimeInput(),
        input_formats=["%H:%M", "%H:%M:%S", "%H.%M"],
        **kwargs,
    )


class RichTextarea(forms.Textarea):
    """A textarea the workspace's formatting toolbar enhances (static/protokol/richtext.js): it takes
    plain text or the allowed HTML; the services sanitise whatever arrives (protokol.common.richtext)."""

    template_name = "workspace/widgets/richtextarea.html"


class Form(forms.Form):
    """Labels without Django's trailing colon (the screens put labels above their fields)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class MeetingForm(Form):
    date = iso_date_field(_("Dato"))
    start_time = iso_time_field(_("Starttidspunkt"))
    end_time = iso_time_field(_("Sluttidspunkt"))
    location = forms.CharField(label=_("Mødested"), max_length=300, required=False)

    def __init__(self, *args: Any, prefix_id: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if prefix_id:
            self.auto_id = f"id_{prefix_id}_%s"


class CancelMeetingForm(Form):
    reason = forms.CharField(
        label=_("Begrundelse (offentlig, hvis dagsordenen er udsendt)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.auto_id = "id_cancel_%s"


class ItemForm(Form):
    """One agenda item: its own fields, its case, its route and its sections.

    The sections are named by hidden heading fields, so a form posted back (after a conflict, say)
    describes itself and nothing the user wrote is dropped.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Titel"), max_length=500)
    public = forms.TypedChoiceField(
        label=_("Åbent eller lukket punkt"),
        choices=[("1", _("Åbent punkt")), ("0", _("Lukket punkt"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    case_type = forms.ChoiceField(
        label=_("Sagstype"), choices=[("", _("(ingen)")), *CaseType.choices], required=False
    )
    # What the public sees of a closed item (shown when the item is closed).
    public_title = forms.CharField(
        label=_("Offentlig titel"),
        max_length=500,
        required=False,
        help_text=_("En neutral titel, som offentligheden ser, fx “Køb af ejendom”."),
    )
    subject_confidential = forms.BooleanField(
        label=_("Selve emnet er fortroligt"),
        required=False,
        help_text=_("Offentligheden ser da kun titlen “Lukket punkt”."),
    )
    closed_reason = forms.ChoiceField(
        label=_("Begrundelse for lukning"),
        choices=[("", _("(vælg)")), *ClosedReason.choices],
        required=False,
    )
    closed_reason_text = forms.CharField(
        label=_("Begrundelse (offentlig tekst)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    case_number = forms.CharField(
        label=_("Sag (sagsnr. eller titel)"),
        max_length=100,
        required=False,
        help_text=_("Vælg en eksisterende sag ved nummer eller titel, eller skriv et nyt sagsnummer."),
    )
    case_title = forms.CharField(label=_("Ny sags titel"), max_length=500, required=False)
    case_kle = forms.CharField(
        label=_("KLE-nr."), max_length=8, required=False, help_text=_("Fx 00.01.00"), strip=True
    )
    document_number = forms.CharField(label=_("Dokumentnr."), max_length=100, required=False)
    reason = forms.CharField(
        label=_("Begrundelse for rettelsen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Referatet er godkendt: en ændring er en rettelse med begrundelse."),
    )

    def __init__(self, *args: Any, headings: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else None
        if data is not None:
            headings = [data.get(f"heading_{i}", "").strip() for i in range(MAX_SECTIONS)]
            headings = [h for h in headings if h]
        self.headings = list(headings or STANDARD_HEADINGS)
        for i, heading in enumerate(self.headings):
            self.fields[f"heading_{i}"] = forms.CharField(
                widget=forms.HiddenInput, initial=heading, required=False, max_length=200
            )
            if heading == ROUTE_HEADING:
                field = forms.CharField(
                    label=_("Behandling"),
                    required=False,
                    help_text=_("Udvalgene i rækkefølge, adskilt af komma: Direktion, Økonomiudvalg."),
                )
            else:
                field = forms.CharField(label=heading, required=False, widget=RichTextarea(attrs={"rows": 4}))
            self.fields[f"section_{i}"] = field

    def public_fields(self) -> dict:
        """The closed item's public fields as the services take them."""
        return {name: self.cleaned_data[name] for name in CLOSED_ITEM_FIELDS}

    def section_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"heading_{i}"], self[f"section_{i}"]) for i in range(len(self.headings))]

    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) of the sections that have text, in form order."""
        out = []
        for i, heading in enumerate(self.headings):
            text = (self.cleaned_data.get(f"section_{i}") or "").strip()
            if text:
                out.append((heading, text))
        return out

    def route(self) -> list[str]:
        for heading, text in self.sections():
            if heading == ROUTE_HEADING:
                return parse_route(text)
        return []


def item_initial(item: AgendaItem) -> tuple[dict, list[str]]:
    """The form's initial data and headings for a stored item (its sections, then the missing standard ones)."""
    sections = list(item.sections.all())
    headings = [s.heading for s in sections]
    headings += [h for h in STANDARD_HEADINGS if h not in headings]
    texts = {s.heading: s.text for s in sections}
    if ROUTE_HEADING not in texts and item.route_names:
        texts[ROUTE_HEADING] = ", ".join(item.route_names) + "."
    initial = {
        "version": item.version,
        "title": item.title,
        "public": "1" if item.public else "0",
        "case_type": item.case_type,
        "public_title": item.public_title,
        "subject_confidential": item.subject_confidential,
        "closed_reason": item.closed_reason,
        "closed_reason_text": item.closed_reason_text,
        "case_number": item.case.number if item.case is not None else "",
        "document_number": item.document_number,
    }
    for i, heading in enumerate(headings):
        initial[f"section_{i}"] = texts.get(heading, "")
    return initial, headings


class AttachmentForm(Form):
    file = forms.FileField(label=_("Fil (PDF eller DOCX)"))
    title = forms.CharField(
        label=_("Titel"), max_length=500, required=False, help_text=_("Tom: filens navn.")
    )
    document_number = forms.CharField(label=_("Dokumentnr."), max_length=100, required=False)
    public = forms.BooleanField(label=_("Offentligt bilag"), required=False, initial=True)
    reason = forms.CharField(label=_("Begrundelse for rettelsen"), required=False)


class DecisionForm(Form):
    text = forms.CharField(label=_("Beslutning"), required=False, widget=RichTextarea(attrs={"rows": 3}))
    # A closed item's decision as the public reads it, or why none can be given.
    public_text = forms.CharField(
        label=_("Offentlig beslutningstekst"), required=False, widget=RichTextarea(attrs={"rows": 2})
    )
    public_text_withheld = forms.CharField(
        label=_("Eller: hvorfor der ikke kan gives en offentlig tekst"), required=False
    )
    outcome = forms.ChoiceField(
        choices=[("", ""), *Outcome.choices], required=False, widget=forms.HiddenInput
    )
    quick = forms.ChoiceField(choices=[("", ""), *Outcome.choices], required=False)
    forward = forms.BooleanField(required=False)
    reason = forms.CharField(label=_("Begrundelse for rettelsen"), required=False)

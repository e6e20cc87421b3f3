"""The personal-data check before an agenda or minutes goes out: CPR numbers and the municipality's words.

Datatilsynet has criticised municipalities for publishing CPR numbers in agendas and attachments. Before
`publish_agenda` and `publish_minutes` let a meeting out, every text the public would get is scanned:
item titles (a closed item's public fields only), an open item's sections and public attachments (their
title and extracted text), and, for the minutes, its decisions. Each hit must be resolved first: judged a
false positive (PersonalDataClearance, by the hit's fingerprint), the item or attachment closed, or the
attachment replaced by a redacted version (cases.services).

The rule for a CPR number is stated once, here: ten digits, DDMMYY-SSSS or DDMMYYSSSS, whose first six are
a date that exists. The modulus-11 check is not asked: numbers issued since 2007 need not pass it. Digits
glued into a longer run (a document number such as 326-2016-186692, an account number) are not a CPR
number, and neither are ten digits without a valid date (a phone number with its country code, an amount).
"""

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from protokol.cases.models import Attachment, PersonalDataClearance, PersonalDataWord
from protokol.common.errors import ProtokolError
from protokol.meetings.models import AgendaItem, Meeting

CPR = "cpr"
WORD = "word"

_DASHES = "-\u2010\u2011\u2013"
# Not inside a longer run of digits, nor glued to one by a separator ("2016-186692", "12.0101901234").
_CPR = re.compile(rf"(?<!\d)(?<!\d[{_DASHES}./,])(\d{{6}})[{_DASHES}]?(\d{{4}})(?!\d)(?![{_DASHES}./,]\d)")

# Fields the public reads of a closed item and of its decisions.
CLOSED_ITEM_PUBLIC_FIELDS = ("public_title", "closed_reason_text")
CLOSED_DECISION_PUBLIC_FIELDS = ("public_text", "public_text_withheld")


def is_cpr_date(six: str) -> bool:
    """Whether DDMMYY is a date in some century a living person's CPR number can have (1858-2057)."""
    day, month, year = int(six[:2]), int(six[2:4]), int(six[4:6])
    for century in (1900, 2000):  # the 1800s have the same leap years as the 1900s
        try:
            date(century + year, month, day)
        except ValueError:
            continue
        return True
    return False


def find_cpr_numbers(text: str) -> Iterator[tuple[int, str]]:
    """(offset, "DDMMYY-SSSS") of every CPR number in the text."""
    for match in _CPR.finditer(text):
        if is_cpr_date(match.group(1)):
            yield match.start(), f"{match.group(1)}-{match.group(2)}"


def word_pattern(words: Iterable[str]) -> re.Pattern | None:
    """One pattern for the configured words: each where a word begins (so "misbrug" finds "misbruget" and
    "misbrugsbehandling"), in any case, a phrase with any whitespace between its words."""
    parts = sorted({" ".join(w.split()) for w in words if w.strip()}, key=len, reverse=True)
    if not parts:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(t) for t in p.split(" ")) for p in parts)
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


def _find(text: str, words: re.Pattern | None) -> Iterator[tuple[str, int, str]]:
    """(kind, offset, value) of every hit; a word's value is its configured form, casefolded."""
    for offset, number in find_cpr_numbers(text):
        yield CPR, offset, number
    if words is not None:
        for match in words.finditer(text):
            yield WORD, match.start(), " ".join(match.group(0).split()).casefold()


@dataclass(frozen=True)
class Hit:
    """One thing found in one public text: what, and where (item, attachment, page or section)."""

    kind: str
    value: str
    item: AgendaItem
    attachment: Attachment | None
    place: str
    fingerprint: str

    @property
    def shown(self) -> str:
        """What was found, for the screen and the error: a CPR number without its last four digits."""
        if self.kind == CPR:
            return _("CPR-nummer %(n)s") % {"n": self.value[:7] + "****"}
        return _("ordet “%(w)s”") % {"w": self.value}

    @property
    def where(self) -> str:
        """Item (number and title), attachment and page or section, in words."""
        parts = [
            _("Punkt %(n)s “%(t)s”") % {"n": self.item.number, "t": self.item.title}
            if self.item.number is not None
            else _("Punktet “%(t)s”") % {"t": self.item.title}
        ]
        if self.attachment is not None:
            parts.append(_("bilag “%(t)s”") % {"t": self.attachment.title})
        if self.place:
            parts.append(self.place)
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.shown}"


@dataclass(frozen=True)
class _Text:
    item: AgendaItem
    key: str  # where it stands, stable across edits of other texts (part of the fingerprint)
    place: str
    text: str
    attachment: Attachment | None = None


def _public_texts(meeting: Meeting, *, minutes: bool) -> Iterator[_Text]:
    items = meeting.items.prefetch_related("sections", "decisions", "attachments").order_by(
        "position", "number", "pk"
    )
    for item in items:
        if not item.public:
            for name in CLOSED_ITEM_PUBLIC_FIELDS:
                yield _Text(item, f"field:{item.pk}:{name}", _("den offentlige tekst"), getattr(item, name))
            if minutes:
                for d in item.decisions.all():
                    for name in CLOSED_DECISION_PUBLIC_FIELDS:
                        place = _("den offentlige beslutningstekst")
                        yield _Text(item, f"decision:{d.pk}:{name}", place, getattr(d, name))
            continue
        yield _Text(item, f"title:{item.pk}", _("titlen"), item.title)
        for s in item.sections.all():
            place = _("afsnittet “%(h)s”") % {"h": s.heading}
            yield _Text(item, f"section:{item.pk}:{s.heading}", place, f"{s.heading}\n{s.text}")
        if minutes:
            for d in item.decisions.all():
                place = _("beslutningen (%(body)s)") % {"body": d.body_name}
                yield _Text(item, f"decision:{d.pk}", place, d.text)
        for a in item.attachments.all():
            if a.public:
                yield _Text(item, f"attachment-title:{a.pk}", _("bilagets titel"), a.title, a)
                yield _Text(item, f"attachment:{a.pk}", "", a.text, a)


def _fingerprint(key: str, kind: str, value: str) -> str:
    return hashlib.sha256(f"{key}\x00{kind}\x00{value}".encode()).hexdigest()


def _pdf_pages(attachment: Attachment) -> list[str] | None:
    """The attachment's PDF page by page, read again from its file: the stored text keeps no page breaks."""
    from protokol.documents.plain import PDF, pdf_pages

    if attachment.mime_type != PDF or not attachment.file:
        return None
    try:
        with attachment.file.open("rb") as handle:
            return pdf_pages(handle.read())
    except Exception:  # noqa: BLE001 - a file that cannot be read again: the hit is named without a page
        return None


def _attachment_places(attachment: Attachment, text: str, found: dict, words: re.Pattern | None) -> dict:
    """Per (kind, value): "side 2 og 5" of a PDF, or the paragraph ("afsnit nr. 4") of a DOCX or a text."""
    pages = _pdf_pages(attachment)
    places: dict[tuple[str, str], str] = {}
    if pages is not None:
        on: dict[tuple[str, str], list[int]] = {}
        for number, page in enumerate(pages, start=1):
            for kind, _offset, value in _find(page, words):
                if number not in on.setdefault((kind, value), []):
                    on[(kind, value)].append(number)
        for key, numbers in on.items():
            listed = ", ".join(str(n) for n in numbers)
            places[key] = (_("side %(p)s") if len(numbers) == 1 else _("siderne %(p)s")) % {"p": listed}
        return places
    for key, offsets in found.items():
        paragraphs = sorted({text.count("\n\n", 0, o) + 1 for o in offsets})
        listed = ", ".join(str(n) for n in paragraphs)
        places[key] = _("afsnit nr. %(p)s") % {"p": listed}
    return places


def find_hits(meeting: Meeting, *, minutes: bool | None = None) -> list[Hit]:
    """Every hit in what publishing the meeting's agenda (or, `minutes`, its minutes) would make public,
    false positives included. By default the document the meeting is at: the minutes once it is held."""
    if minutes is None:
        minutes = meeting.kind == "minutes"
    org_id = Meeting.objects.filter(pk=meeting.pk).values_list("body__organization_id", flat=True).first()
    words = word_pattern(
        (
            PersonalDataWord.objects.none()
            if org_id is None
            else PersonalDataWord.objects.filter(organization_id=org_id)
        ).values_list("word", flat=True)
    )
    hits: list[Hit] = []
    for source in _public_texts(meeting, minutes=minutes):
        if not source.text:
            continue
        found: dict[tuple[str, str], list[int]] = {}
        for kind, offset, value in _find(source.text, words):
            found.setdefault((kind, value), []).append(offset)
        if not found:
            continue
        places = {}
        if source.attachment is not None and source.key.startswith("attachment:"):
            places = _attachment_places(source.attachment, source.text, found, words)
        for kind, value in found:
            hits.append(
                Hit(
                    kind=kind,
                    value=value,
                    item=source.item,
                    attachment=source.attachment,
                    place=places.get((kind, value), source.place),
                    fingerprint=_fingerprint(source.key, kind, value),
                )
            )
    return hits


def unresolved_hits(meeting: Meeting, *, minutes: bool | None = None) -> list[Hit]:
    """The hits not yet judged false positives."""
    cleared = set(PersonalDataClearance.objects.filter(meeting=meeting).values_list("fingerprint", flat=True))
    return [h for h in find_hits(meeting, minutes=minutes) if h.fingerprint not in cleared]


class PersonalDataFound(ProtokolError):
    """Publishing refused: the hits (`hits`) must be resolved first."""

    def __init__(self, message: str, hits: list[Hit]):
        super().__init__(message)
        self.hits = hits


def require_no_personal_data(meeting: Meeting, *, minutes: bool) -> None:
    """Refuse to publish while a hit is unresolved, naming every one."""
    hits = unresolved_hits(meeting, minutes=minutes)
    if not hits:
        return
    what = _("Referatet") if minutes else _("Dagsordenen")
    message = _(
        "%(what)s kan ikke offentliggøres, før mulige personoplysninger er afklaret. Afklar hvert fund "
        "(falsk alarm, luk punktet eller bilaget, eller erstat bilaget med en redigeret udgave):"
    ) % {"what": what}
    raise PersonalDataFound("\n".join([message, *(f"• {h}" for h in hits)]), hits)

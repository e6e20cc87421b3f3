from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    BOARD = "board", _("Direktion/bestyrelse")
    COMMITTEE = "committee", _("Udvalg")
    COUNCIL = "council", _("Kommunalbestyrelse/byråd")
    OTHER = "other", _("Andet")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    AGENDA_PUBLISHED = "agenda_published", _("Dagsorden udsendt")
    HELD = "held", _("Afholdt")
    MINUTES_APPROVED = "minutes_approved", _("Referat godkendt")
    MINUTES_PUBLISHED = "minutes_published", _("Referat offentliggjort")
    # Off the line of NEXT_STATUS: a meeting not yet held may be called off (DESIGN.md, lifecycle).
    CANCELLED = "cancelled", _("Aflyst")


# The lifecycle runs one way; each status lists the one that may follow it.
NEXT_STATUS: dict[str, MeetingStatus] = {
    MeetingStatus.DRAFT: MeetingStatus.AGENDA_PUBLISHED,
    MeetingStatus.AGENDA_PUBLISHED: MeetingStatus.HELD,
    MeetingStatus.HELD: MeetingStatus.MINUTES_APPROVED,
    MeetingStatus.MINUTES_APPROVED: MeetingStatus.MINUTES_PUBLISHED,
}

# Statuses in which the public may read the meeting's documents.
PUBLISHED_STATUSES = (
    MeetingStatus.AGENDA_PUBLISHED,
    MeetingStatus.HELD,
    MeetingStatus.MINUTES_APPROVED,
    MeetingStatus.MINUTES_PUBLISHED,
)
# Statuses from which a meeting may be cancelled: before it is held.
CANCELLABLE_STATUSES = (MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED)


def agenda_sent_q(prefix: str = "") -> Q:
    """Meetings whose agenda the public may read: a published status, or cancelled after the agenda was
    sent (it stays public as cancelled; one cancelled as a draft stays as private as the draft was).
    `Meeting.agenda_sent` says the same of one meeting."""
    return Q(**{f"{prefix}status__in": PUBLISHED_STATUSES}) | Q(
        **{f"{prefix}status": MeetingStatus.CANCELLED, f"{prefix}agenda_published_at__isnull": False}
    )


# Statuses after approval: the minutes are frozen.
FROZEN_STATUSES = (MeetingStatus.MINUTES_APPROVED, MeetingStatus.MINUTES_PUBLISHED)


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Godkendt")
    RECOMMENDED = "recommended", _("Anbefales")
    NOTED = "noted", _("Taget til efterretning")
    DISCUSSED = "discussed", _("Drøftet")
    POSTPONED = "postponed", _("Udsat")
    REJECTED = "rejected", _("Ikke godkendt")
    OTHER = "other", _("Andet")


class ClosedReason(models.TextChoices):
    """Why doors are closed on an item (kommunestyrelsesloven § 10 and the practice under it)."""

    PERSONAL = "personal", _("Personlige forhold")
    CONTRACT = "contract", _("Kontraktforhandlinger og udbud")
    PROPERTY = "property", _("Køb og salg af fast ejendom")
    BUSINESS = "business", _("Drifts- og forretningsforhold")
    LEGAL = "legal", _("Retssager og advokatbistand")
    OTHER = "other", _("Andet")


class CaseType(models.TextChoices):
    DECISION = "Beslutning", _("Beslutning")
    DISCUSSION = "Drøftelse", _("Drøftelse")
    BRIEFING = "Orientering", _("Orientering")


class Standing(models.TextChoices):
    NO = "", _("Nej")
    START = "start", _("I starten")
    END = "end", _("Til sidst")


class Role(models.TextChoices):
    MEMBER = "member", _("Medlem")
    SECRETARIAT = "secretariat", _("Sekretariat")


# The standard section headings of the genre (DESIGN.md), keyed by a stable kind.
STANDARD_SECTIONS = {
    "resume": ["Resume", "Resume og sagens baggrund", "Beslutningstema", "Sagens kerne"],
    "presentation": ["Sagsfremstilling", "Beskrivelse af sagen"],
    "background": ["Baggrund", "Sagens baggrund", "Historik"],
    "recommendation": [
        "Indstilling",
        "Indstillinger",
        "Administrativ indstilling",
        "Beslutningspunkter",
    ],
    "procedure": ["Behandling", "Sagens gang"],
    "competence": ["Kompetence", "Beslutningskompetence"],
    "legal_basis": ["Lovgrundlag", "Retsgrundlag"],
    "consultation": ["Høring"],
    "communication": ["Kommunikation"],
    "economy": ["Økonomi", "Økonomiske konsekvenser", "Bevillingsmæssige konsekvenser"],
    "staff": ["Personalemæssige konsekvenser"],
    "environment": ["Miljøvurdering"],
    "schedule": ["Tidsplan", "Videre proces"],
    "endorsement": ["Borgmesterens Afdelings påtegning"],
}
_SECTION_KIND_BY_HEADING = {h.casefold(): kind for kind, hs in STANDARD_SECTIONS.items() for h in hs}


def section_kind(heading: str) -> str:
    """The standard kind of a section heading, or "" where it is not one of the genre's."""
    return _SECTION_KIND_BY_HEADING.get(heading.strip().rstrip(":").casefold(), "")

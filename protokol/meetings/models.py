from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from protokol.common.audit_actions import label_of
from protokol.common.models import TimeStamped
from protokol.meetings.enums import (
    FROZEN_STATUSES,
    PUBLISHED_STATUSES,
    BodyKind,
    ClosedReason,
    MeetingStatus,
    Outcome,
    Role,
    Standing,
)
from protokol.meetings.identity import validate_color, validate_logo

# What the public sees of a closed item whose subject itself is confidential (or has no neutral title).
CLOSED_ITEM_TITLE = "Lukket punkt"


class Organization(TimeStamped):
    """The municipality (or other authority) whose bodies meet."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(_("kortnavn"), max_length=100, unique=True)
    # Its identity on the portal and in the PDFs: a logo (PNG or JPEG) and an accent colour.
    logo = models.FileField(_("logo"), upload_to="organization/", blank=True, validators=[validate_logo])
    accent_color = models.CharField(
        _("accentfarve"),
        max_length=7,
        blank=True,
        validators=[validate_color],
        help_text=_("En farve som #rrggbb, fx #1f3a5f; tom: sidens egen."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")

    def __str__(self) -> str:
        return self.name


def normalize_host(host: str) -> str:
    """A host name as requests and the admin compare it: lower case, without port and final dot."""
    host = host.strip().lower()
    if host.startswith("["):  # an IPv6 literal, [::1]:8000
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0].rstrip(".") if ":" in host else host.rstrip(".")


def validate_host(value: str) -> None:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_domain_name

    try:
        validate_domain_name(normalize_host(value))
    except ValidationError:
        raise ValidationError(
            _("%(host)s er ikke et værtsnavn (fx dagsorden.kommune.dk).") % {"host": value}
        ) from None


class OrganizationHost(models.Model):
    """A host name that chooses this organisation's public site (one tenant of the installation)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="hosts")
    host = models.CharField(
        _("værtsnavn"),
        max_length=253,
        unique=True,
        validators=[validate_host],
        help_text=_("Fx dagsorden.kalundborg.dk: anmodninger til dette navn viser kun denne organisation."),
    )

    class Meta:
        ordering = ["host"]
        verbose_name = _("værtsnavn")
        verbose_name_plural = _("værtsnavne")

    def __str__(self) -> str:
        return self.host

    def save(self, *args, **kwargs) -> None:
        self.host = normalize_host(self.host)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.host = normalize_host(self.host)


class Body(TimeStamped):
    """A board, committee or council that holds meetings."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="bodies")
    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("kortnavn"), max_length=100)
    kind = models.CharField(_("type"), max_length=20, choices=BodyKind.choices, default=BodyKind.COMMITTEE)
    aliases = models.JSONField(
        _("andre navne"), default=list, blank=True, help_text=_('Fx "Direktion" for "Direktionen".')
    )
    active = models.BooleanField(_("aktiv"), default=True)
    agenda_deadline_working_days = models.PositiveSmallIntegerField(
        _("frist for udsendelse af dagsorden (hverdage før mødet)"),
        default=4,
        help_text=_(
            "Dagsordenen skal udsendes senest så mange hverdage før mødedagen (helligdage tæller ikke)."
        ),
    )

    class Meta:
        ordering = ["organization__name", "name"]
        verbose_name = _("udvalg")
        verbose_name_plural = _("udvalg")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="body_unique_name_per_organization"
            ),
            models.UniqueConstraint(
                fields=["organization", "slug"], name="body_unique_slug_per_organization"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class BodyMembership(TimeStamped):
    """Who belongs to a body, and whether as member or as its secretariat."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [models.UniqueConstraint(fields=["body", "user", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.body} ({self.get_role_display()})"


class OrganizationAdministrator(TimeStamped):
    """A login that administers one organisation: secretariat of each of its bodies (meetings.rules) and,
    with is_staff, the admin for that organisation's objects only. Granted and revoked by a superuser
    through meetings.services.grant_organization_administrator / revoke_organization_administrator."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="administered_organizations",
        verbose_name=_("bruger"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="administrators", verbose_name=_("organisation")
    )

    class Meta:
        verbose_name = _("organisationsadministrator")
        verbose_name_plural = _("organisationsadministratorer")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="organization_administrator_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organization}"


class StandingItem(models.Model):
    """An item that recurs on every agenda of a body, at its start or at its end ("Eventuelt")."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="standing_items")
    title = models.CharField(_("titel"), max_length=500)
    placement = models.CharField(
        _("placering"), max_length=5, choices=Standing.choices[1:], default=Standing.END
    )
    position = models.PositiveIntegerField(_("rækkefølge"), default=0)
    case_type = models.CharField(_("sagstype"), max_length=100, blank=True)

    class Meta:
        ordering = ["body", "placement", "position"]
        verbose_name = _("fast punkt")
        verbose_name_plural = _("faste punkter")

    def __str__(self) -> str:
        return self.title


class Meeting(TimeStamped):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField(_("dato"), db_index=True)
    start_time = models.TimeField(_("starttidspunkt"), null=True, blank=True)
    end_time = models.TimeField(_("sluttidspunkt"), null=True, blank=True)
    location = models.CharField(_("mødested"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT, db_index=True
    )
    agenda_published_at = models.DateTimeField(_("dagsorden udsendt"), null=True, blank=True)
    minutes_approved_at = models.DateTimeField(_("referat godkendt"), null=True, blank=True)
    minutes_published_at = models.DateTimeField(_("referat offentliggjort"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("aflyst"), null=True, blank=True)
    cancelled_reason = models.TextField(_("begrundelse for aflysning"), blank=True)
    agenda_late_reason = models.TextField(
        _("begrundelse for sen udsendelse af dagsorden"),
        blank=True,
        help_text=_("Givet, når dagsordenen blev udsendt efter udvalgets frist; vises med dagsordenen."),
    )
    minutes_hash = models.CharField(_("referatets kontrolsum"), max_length=64, blank=True)
    public_minutes_hash = models.CharField(
        _("kontrolsum for den offentlige udgave"), max_length=64, blank=True
    )
    # The names as approved: the checksums cover them, so a later renaming is no change to the minutes.
    approved_body_name = models.CharField(_("udvalgets navn ved godkendelsen"), max_length=200, blank=True)
    approved_organization_name = models.CharField(
        _("organisationens navn ved godkendelsen"), max_length=200, blank=True
    )
    source = models.CharField(
        _("kilde"), max_length=300, blank=True, help_text=_("Importeret fra denne fil.")
    )

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        indexes = [models.Index(fields=["body", "date"])]

    def __str__(self) -> str:
        return f"{self.body.name} {self.date.isoformat()}"

    @property
    def key(self) -> str:
        """The meeting's name on the command line: body-slug/YYYY-MM-DD."""
        return f"{self.body.slug}/{self.date.isoformat()}"

    @property
    def kind(self) -> str:
        """agenda before the meeting is held (and of a cancelled one, never held), minutes from then on."""
        before = (MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.CANCELLED)
        return "agenda" if self.status in before else "minutes"

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def agenda_sent(self) -> bool:
        """Whether the public may read its agenda (as `enums.agenda_sent_q`)."""
        return self.status in PUBLISHED_STATUSES or (
            self.is_cancelled and self.agenda_published_at is not None
        )

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES

    @property
    def start(self) -> datetime:
        """Start as an aware datetime in the site's time zone (midnight where the time is unknown)."""
        tz = ZoneInfo(settings.TIME_ZONE)
        return datetime.combine(self.date, self.start_time or datetime.min.time(), tzinfo=tz)


class AgendaItem(TimeStamped):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveIntegerField(_("nummer"), null=True, blank=True)
    # The number as the document prints it where that is no whole number ("1.1", "12a"); `number` is then
    # the item's place in the meeting, which addresses it (URLs, OParl ids).
    printed_number = models.CharField(_("nummer som trykt"), max_length=20, blank=True)
    position = models.PositiveIntegerField(_("placering"), default=0)
    title = models.CharField(_("titel"), max_length=500)
    public = models.BooleanField(_("åbent punkt"), default=True)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("sag"),
    )
    # The KLE number as the item states it: approved minutes keep what was printed when the case is
    # reclassified later (cases.services.update_case changes it only on items still being edited).
    case_journal_number = models.CharField(_("KLE-nr. (som punktet angiver)"), max_length=8, blank=True)
    document_number = models.CharField(_("dokumentnr."), max_length=100, blank=True)
    case_type = models.CharField(_("sagstype"), max_length=100, blank=True)
    standing = models.CharField(
        _("fast punkt"), max_length=5, choices=Standing.choices, default=Standing.NO, blank=True
    )
    postponed_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="postponed_to"
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    # What the public sees of a closed item (DESIGN.md, "What the law asks": closed items).
    public_title = models.CharField(
        _("offentlig titel"),
        max_length=500,
        blank=True,
        help_text=_("En neutral titel, som offentligheden ser i stedet for punktets titel."),
    )
    subject_confidential = models.BooleanField(
        _("selve emnet er fortroligt"),
        default=False,
        help_text=_('Offentligheden ser kun "Lukket punkt".'),
    )
    closed_reason = models.CharField(
        _("begrundelse for lukning"), max_length=20, choices=ClosedReason.choices, blank=True
    )
    closed_reason_text = models.TextField(_("begrundelse (offentlig tekst)"), blank=True)
    # Added after the agenda was sent (a tillægspunkt): printed so on the agenda, the minutes, the portal
    # and in OParl. Set by meetings.services.add_item, never edited.
    supplementary = models.BooleanField(_("tillægspunkt"), default=False)

    class Meta:
        ordering = ["meeting", "position", "number"]
        verbose_name = _("dagsordenspunkt")
        verbose_name_plural = _("dagsordenspunkter")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="item_unique_number_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.number or '–'}. {self.title}"

    @property
    def shown_number(self) -> str:
        """The number readers see: as printed, else the whole number."""
        return self.printed_number or (str(self.number) if self.number is not None else "")

    @property
    def route_names(self) -> list[str]:
        return [step.name for step in self.route_steps.all()]

    @property
    def shown_public_title(self) -> str:
        """The title anyone may read: an open item's own, a closed item's neutral one, never more."""
        if self.public:
            return self.title
        if self.subject_confidential:
            return CLOSED_ITEM_TITLE
        return self.public_title or CLOSED_ITEM_TITLE


class RouteStep(models.Model):
    """One body on an item's route ("Direktion, Økonomiudvalg, Kommunalbestyrelse"), as written."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="route_steps")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("udvalg (som skrevet)"), max_length=200)
    body = models.ForeignKey(Body, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["item", "position"]
        verbose_name = _("behandlingstrin")
        verbose_name_plural = _("behandling")

    def __str__(self) -> str:
        return self.name


class Section(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    heading = models.CharField(_("overskrift"), max_length=200)
    kind = models.CharField(_("standardafsnit"), max_length=40, blank=True)
    text = models.TextField(_("tekst"), blank=True)

    class Meta:
        ordering = ["item", "position"]
        verbose_name = _("afsnit")
        verbose_name_plural = _("afsnit")

    def __str__(self) -> str:
        return self.heading


class Decision(TimeStamped):
    """What one body decided on an item (this meeting's body, or an earlier one quoted in the history)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveIntegerField(default=0)
    body_name = models.CharField(_("udvalg (som skrevet)"), max_length=200)
    body = models.ForeignKey(Body, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions")
    date = models.DateField(_("dato"), null=True, blank=True)
    text = models.TextField(_("beslutning"), blank=True)
    outcome = models.CharField(_("udfald"), max_length=20, choices=Outcome.choices, default=Outcome.OTHER)
    # A closed item's decision as the public reads it, or why no public text can be given.
    public_text = models.TextField(_("offentlig beslutningstekst"), blank=True)
    public_text_withheld = models.TextField(_("begrundelse for ingen offentlig tekst"), blank=True)

    class Meta:
        ordering = ["item", "position"]
        verbose_name = _("beslutning")
        verbose_name_plural = _("beslutninger")

    def __str__(self) -> str:
        return f"{self.body_name} {self.date or ''}: {self.text[:60]}"


class Amendment(models.Model):
    """A correction to approved minutes: who, when, why, and what it changed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="amendments")
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    reason = models.TextField(_("begrundelse"))
    change = models.JSONField(_("ændring"), default=dict)
    # Whether it changed what the public reads (and so re-based the public checksum).
    public_change = models.BooleanField(_("ændrer den offentlige udgave"), default=False)

    class Meta:
        ordering = ["meeting", "at"]
        verbose_name = _("rettelse")
        verbose_name_plural = _("rettelser")

    def __str__(self) -> str:
        return f"{self.meeting}: {self.reason[:60]}"

    @property
    def action_label(self) -> str:
        """What the correction did, in the audit log's words (never the raw action code)."""
        return str(label_of(str(self.change.get("action", ""))))

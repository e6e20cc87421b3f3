from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from protokol.common.models import TimeStamped
from protokol.planning.enums import FollowUpStatus


class MeetingSeries(TimeStamped):
    """A recurring series of a body's meetings in its annual plan (årshjul): an RFC 5545 rule with exceptions."""

    body = models.ForeignKey("meetings.Body", on_delete=models.CASCADE, related_name="series")
    name = models.CharField(_("navn"), max_length=200)
    rule = models.CharField(
        _("gentagelsesregel"), max_length=500, help_text=_("RFC 5545 RRULE, fx FREQ=MONTHLY;BYDAY=1MO")
    )
    first_date = models.DateField(_("første dato"))
    start_time = models.TimeField(_("starttidspunkt"), null=True, blank=True)
    location = models.CharField(_("mødested"), max_length=300, blank=True)
    exceptions = models.JSONField(
        _("undtagelser"), default=list, blank=True, help_text=_("Datoer uden møde (helligdage, ferie).")
    )
    skip_public_holidays = models.BooleanField(_("undtagen helligdage"), default=False)
    skip_weeks = models.JSONField(
        _("undtagne uger"),
        default=list,
        blank=True,
        help_text=_("Ugenumre uden møde (skoleferie), fx 7 og 42."),
    )
    horizon_days = models.PositiveIntegerField(_("oprettes så mange dage frem"), default=120)

    class Meta:
        ordering = ["body", "first_date"]
        verbose_name = _("mødeserie")
        verbose_name_plural = _("mødeserier")

    def __str__(self) -> str:
        return f"{self.body}: {self.name}"


class PlannedTheme(TimeStamped):
    """A theme or case planned for a month or for a named meeting ("Living Lab (september)").

    It appears as a proposed item on the draft agenda of that meeting (the first of the month).
    """

    body = models.ForeignKey("meetings.Body", on_delete=models.CASCADE, related_name="planned_themes")
    title = models.CharField(_("emne"), max_length=500)
    description = models.TextField(_("beskrivelse"), blank=True)
    month = models.DateField(_("måned"), null=True, blank=True, help_text=_("Den første i måneden."))
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="planned_themes"
    )
    public = models.BooleanField(_("offentligt"), default=True)
    case = models.ForeignKey("cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    item = models.OneToOneField(
        "meetings.AgendaItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="planned_theme"
    )
    source_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chosen_topics",
        help_text=_("Punktet, hvor emnet blev valgt."),
    )

    class Meta:
        ordering = ["body", "month", "pk"]
        verbose_name = _("planlagt emne")
        verbose_name_plural = _("planlagte emner")

    def __str__(self) -> str:
        return self.title


class FollowUp(TimeStamped):
    """A task a decision created: what, who, by when; closed with a note or put on a later agenda."""

    item = models.ForeignKey("meetings.AgendaItem", on_delete=models.CASCADE, related_name="follow_ups")
    decision = models.ForeignKey(
        "meetings.Decision", on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups"
    )
    what = models.TextField(_("opgave"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("ansvarlig"),
    )
    responsible_name = models.CharField(_("ansvarlig (navn)"), max_length=200, blank=True)
    due = models.DateField(_("frist"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    note = models.TextField(_("afslutningsnotat"), blank=True)
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("på dagsordenen som"),
    )

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("opfølgning")
        verbose_name_plural = _("opfølgninger")

    def __str__(self) -> str:
        return self.what[:80]


class Communication(TimeStamped):
    """How a decision is passed on (formidling): to whom, through which channel, by whom, when."""

    item = models.ForeignKey("meetings.AgendaItem", on_delete=models.CASCADE, related_name="communications")
    audiences = models.JSONField(_("målgrupper"), default=list)
    channels = models.JSONField(_("kanaler"), default=list)
    responsible_name = models.CharField(_("ansvarlig"), max_length=200, blank=True)
    date = models.DateField(_("dato"), null=True, blank=True)
    message = models.TextField(_("budskab"), blank=True)
    done = models.BooleanField(_("formidlet"), default=False)

    class Meta:
        ordering = ["item__position", "pk"]
        verbose_name = _("formidling")
        verbose_name_plural = _("formidling")

    def __str__(self) -> str:
        return f"{self.item}: {', '.join(self.channels)}"

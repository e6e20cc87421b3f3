"""The e-mail outbox and each person's choice of which notifications they get."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from protokol.common.models import TimeStamped
from protokol.meetings.models import Meeting
from protokol.people.models import Person


class Kind(models.TextChoices):
    AGENDA = "agenda", _("Dagsordenen er udsendt")
    CHANGE = "change", _("Dagsordenen er ændret efter udsendelsen")
    SIGNATURE = "signature", _("Referatet venter på min underskrift")
    REMINDER = "reminder", _("Påmindelse før mødet")


class Status(models.TextChoices):
    PENDING = "pending", _("Venter")
    SENDING = "sending", _("Sendes")
    SENT = "sent", _("Sendt")
    FAILED = "failed", _("Mislykket")


class Message(models.Model):
    """One e-mail to one person, written in the same transaction as the change it tells of.

    `key` names what the message is about (the agenda of meeting 7 to person 3); a second message with
    the same key is never written. A drain claims a due row (pending, or sending with its lease run
    out) by one conditional update, hands it to the SMTP server and marks it sent; the Message-ID header
    is derived from the key, so that a resend after a crash in between is the same message to the mail
    system (see `outbox`)."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("slags"), max_length=20, choices=Kind.choices)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    to = models.EmailField(_("modtager"))
    subject = models.CharField(_("emne"), max_length=300)
    body = models.TextField(_("tekst"))
    # A change message's lines (what changed), gathered while the message waits to be sent.
    details = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("forsøg"), default=0)
    # Not sent before this time: a retry's backoff, or the window in which changes are gathered.
    not_before = models.DateTimeField(_("tidligst"), db_index=True)
    # While sending: the claim runs out at this time, and another drain may take the row over.
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("seneste fejl"), blank=True)
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"


class Preference(TimeStamped):
    """Which notifications a person gets. No row: all of them."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="notification_preference")
    agenda = models.BooleanField(Kind.AGENDA.label, default=True)
    change = models.BooleanField(Kind.CHANGE.label, default=True)
    signature = models.BooleanField(Kind.SIGNATURE.label, default=True)
    reminder = models.BooleanField(Kind.REMINDER.label, default=True)

    class Meta:
        verbose_name = _("valg af underretninger")
        verbose_name_plural = _("valg af underretninger")

    def __str__(self) -> str:
        return str(self.person)

    def wants(self, kind: str) -> bool:
        return bool(getattr(self, kind))

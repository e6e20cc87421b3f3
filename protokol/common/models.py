from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from protokol.common.audit_actions import label_of


class TimeStamped(models.Model):
    created = models.DateTimeField(_("oprettet"), auto_now_add=True, db_index=True)
    modified = models.DateTimeField(_("ændret"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """One write, who did it and what it changed. Written by the services, never edited."""

    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("udført af")
    )
    actor_name = models.CharField(_("udført af (navn)"), max_length=150, blank=True)
    action = models.CharField(_("handling"), max_length=80, db_index=True)
    object_type = models.CharField(_("objekttype"), max_length=80)
    object_id = models.CharField(_("objekt-id"), max_length=64)
    object_repr = models.CharField(_("objekt"), max_length=300)
    meeting_id = models.BigIntegerField(_("møde-id"), null=True, blank=True, db_index=True)
    before = models.JSONField(_("før"), null=True, blank=True)
    after = models.JSONField(_("efter"), null=True, blank=True)
    reason = models.TextField(_("begrundelse"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("logpost")
        verbose_name_plural = _("revisionslog")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or '-'} {self.action_label} {self.object_repr}"

    @property
    def action_label(self) -> str:
        """The action in Danish words, as every page listing the log shows it."""
        return str(label_of(self.action))


class FailedLogin(models.Model):
    """A failed login, kept for a while to slow down password guessing."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("mislykket login")
        verbose_name_plural = _("mislykkede logins")

    def __str__(self) -> str:
        return f"{self.username} {self.address} {self.at:%Y-%m-%d %H:%M}"

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DeletedObject(models.Model):
    """A tombstone: an object OParl has shown is gone; it answers `deleted: true` from now on.

    `type` is the OParl type name (Meeting, AgendaItem, ...), `object_id` the id in its URL. `public` says
    whether the public could see the object when it was deleted; only those are ever shown.
    """

    type = models.CharField(_("type"), max_length=40)
    object_id = models.BigIntegerField(_("objekt-id"))
    deleted_at = models.DateTimeField(_("slettet"), default=timezone.now, db_index=True)
    public = models.BooleanField(_("var offentligt"), default=False)
    organization_id = models.BigIntegerField(_("organisation"), null=True, blank=True)
    body_id = models.BigIntegerField(_("udvalg"), null=True, blank=True)
    # Where it belonged, so that its meeting, item and paper count as changed by its deletion.
    meeting_id = models.BigIntegerField(_("møde"), null=True, blank=True, db_index=True)
    item_id = models.BigIntegerField(_("punkt"), null=True, blank=True, db_index=True)
    case_id = models.BigIntegerField(_("sag"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["deleted_at", "id"]
        verbose_name = _("slettet objekt")
        verbose_name_plural = _("slettede objekter")
        indexes = [models.Index(fields=["type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.type} {self.object_id} ({self.deleted_at:%Y-%m-%d %H:%M})"


class ApiToken(models.Model):
    """An integration's key to the JSON API, scoped to one body; only a hash of the secret is kept.

    The token acts as its own inactive user with the secretariat role of its body, so the services'
    rules and the audit log treat it like any other user.
    """

    name = models.CharField(_("navn"), max_length=100)
    prefix = models.CharField(_("begyndelse"), max_length=16, editable=False)
    token_hash = models.CharField(_("kontrolsum"), max_length=64, unique=True, editable=False)
    body = models.ForeignKey(
        "meetings.Body", on_delete=models.PROTECT, related_name="+", verbose_name=_("udvalg")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    last_used = models.DateTimeField(_("sidst brugt"), null=True, blank=True, editable=False)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")

    def __str__(self) -> str:
        return f"{self.name} ({self.body})"

from django.db import models
from django.utils.translation import gettext_lazy as _

from protokol.cases.validators import validate_kle
from protokol.common.models import TimeStamped


class Case(TimeStamped):
    """A case (sag) in the municipality's case system; its items are its appearances on agendas."""

    organization = models.ForeignKey("meetings.Organization", on_delete=models.PROTECT, related_name="cases")
    number = models.CharField(_("sagsnr."), max_length=100)
    title = models.CharField(_("titel"), max_length=500, blank=True)
    journal_number = models.CharField(_("KLE-nr."), max_length=8, blank=True, validators=[validate_kle])

    class Meta:
        ordering = ["number"]
        verbose_name = _("sag")
        verbose_name_plural = _("sager")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="case_unique_number_per_organization"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"attachments/{instance.item.meeting_id}/{instance.item_id}/{filename}"


class Attachment(TimeStamped):
    """A bilag on an agenda item: its title and number, and where we have it, the file and its text."""

    item = models.ForeignKey("meetings.AgendaItem", on_delete=models.CASCADE, related_name="attachments")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("titel"), max_length=500)
    document_number = models.CharField(_("dokumentnr."), max_length=100, blank=True)
    public = models.BooleanField(_("offentligt"), default=True)
    file = models.FileField(_("fil"), upload_to=attachment_path, blank=True, max_length=500)
    file_name = models.CharField(_("filnavn"), max_length=255, blank=True)
    mime_type = models.CharField(_("filtype"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("størrelse"), null=True, blank=True)
    sha512 = models.CharField(_("SHA-512"), max_length=128, blank=True)
    text = models.TextField(_("tekst"), blank=True)

    class Meta:
        ordering = ["item", "position"]
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")

    def __str__(self) -> str:
        return self.title

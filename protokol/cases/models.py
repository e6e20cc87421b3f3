from django.conf import settings
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


class CurrentAttachments(models.Manager):
    """Attachments not withdrawn. The default manager, so that `item.attachments` and every query built on
    `Attachment.objects` (pages, search, OParl, the API, editions, carrying an item over) lose a withdrawn
    file at once, also in code that never heard of withdrawal; `Attachment.all_objects` keeps the record."""

    def get_queryset(self):
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class Attachment(TimeStamped):
    """A bilag on an agenda item: its title and number, and where we have it, the file and its text.

    A withdrawn attachment (withdrawn_at set) is gone from every channel; its row and file stay for the
    record, readable only by the body's secretariat and administrators (cases.services.withdraw_attachment).
    """

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
    withdrawn_at = models.DateTimeField(_("trukket tilbage"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trukket tilbage af"),
    )
    withdrawn_reason = models.TextField(_("begrundelse for tilbagetrækning"), blank=True)
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("erstattet af"),
    )

    objects = CurrentAttachments()
    all_objects = models.Manager()

    class Meta:
        ordering = ["item", "position"]
        base_manager_name = "all_objects"
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")

    def __str__(self) -> str:
        return self.title


class PersonalDataWord(models.Model):
    """A word or phrase the municipality wants checked before anything is published (a name of a
    vulnerable citizen, a diagnosis, "tvangsfjernelse"); it is found where a word begins, in any case."""

    organization = models.ForeignKey(
        "meetings.Organization", on_delete=models.CASCADE, related_name="personal_data_words"
    )
    word = models.CharField(_("ord eller udtryk"), max_length=200)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        ordering = ["organization", "word"]
        verbose_name = _("ord til kontrol af personoplysninger")
        verbose_name_plural = _("ord til kontrol af personoplysninger")
        constraints = [
            models.UniqueConstraint(fields=["organization", "word"], name="personal_data_word_unique")
        ]

    def __str__(self) -> str:
        return self.word


class PersonalDataClearance(models.Model):
    """A hit of the personal-data check that the secretariat judged a false positive: who, when, which.

    `fingerprint` names the hit (where it stands and what it is, see cases.personal_data), so that the
    same hit found again is not asked about again; `where` says it in words, without the number itself.
    """

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(_("fingeraftryk"), max_length=64)
    kind = models.CharField(_("art"), max_length=10)
    where = models.CharField(_("sted"), max_length=500)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "at"]
        verbose_name = _("falsk alarm i kontrol af personoplysninger")
        verbose_name_plural = _("falske alarmer i kontrol af personoplysninger")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "fingerprint"], name="personal_data_clearance_once")
        ]

    def __str__(self) -> str:
        return self.where

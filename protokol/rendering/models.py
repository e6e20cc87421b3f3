from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredPdf(models.Model):
    """The public edition of a meeting's agenda or minutes as PDF, rendered once and served as stored.

    `digest` is of the document the PDF was rendered from (and of the renderer's templates): the PDF is
    served only while the meeting's public document still has that digest, so an amendment is never
    answered with the PDF from before it. One row per meeting and kind; a new rendering replaces it.
    """

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("art"), max_length=10)
    digest = models.CharField(_("kontrolsum"), max_length=64)
    data = models.BinaryField(_("PDF"))
    rendered = models.DateTimeField(_("dannet"), auto_now=True)

    class Meta:
        verbose_name = _("gemt PDF")
        verbose_name_plural = _("gemte PDF'er")
        constraints = [models.UniqueConstraint(fields=["meeting", "kind"], name="stored_pdf_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.kind}"

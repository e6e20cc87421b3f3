"""A member's private notes on an agenda item or on one page of an attachment.

A note is its author's own: no audit entry names it (the secretariat reads the log), no search document,
edition, feed, API or OParl object holds it. The author may share it with their own party group in the
body; the party is the one the author had when writing, so a later change of party does not widen it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_NOTE_CHARS = 10_000


class PrivateNote(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey("meetings.AgendaItem", on_delete=models.CASCADE, related_name="+")
    # A replaced attachment stays as a withdrawn row (replaced_by set): the note keeps pointing at the
    # version it was written on and is shown as belonging to the earlier version.
    attachment = models.ForeignKey(
        "cases.Attachment", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    page = models.PositiveIntegerField(_("side"), null=True, blank=True)
    text = models.TextField(_("note"), max_length=MAX_NOTE_CHARS)
    party = models.ForeignKey(
        "people.Party",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("delt med partigruppen"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item", "attachment", "page", "created_at", "pk"]
        verbose_name = _("privat note")
        verbose_name_plural = _("private noter")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page__isnull=True) | models.Q(attachment__isnull=False),
                name="note_page_needs_attachment",
            ),
            models.CheckConstraint(
                condition=models.Q(page__isnull=True) | models.Q(page__gte=1), name="note_page_from_1"
            ),
        ]

    def __str__(self) -> str:
        return f"note {self.pk}"

    @property
    def shared(self) -> bool:
        return self.party_id is not None

    @property
    def on_earlier_version(self) -> bool:
        """Written on an attachment that has since been replaced or withdrawn."""
        return self.attachment is not None and self.attachment.withdrawn_at is not None

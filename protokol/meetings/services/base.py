"""What every write of the meetings part shares: the audit entry (which announces the change), the fields an item's log entry records, a free slug."""

from typing import Any

from django.utils.text import slugify

from protokol.common.audit import log_action
from protokol.meetings.signals import announce_meeting_changed

ITEM_FIELDS = (
    "title",
    "public",
    "number",
    "printed_number",
    "position",
    "case_journal_number",
    "document_number",
    "case_type",
    "standing",
    "public_title",
    "subject_confidential",
    "closed_reason",
    "closed_reason_text",
)


def audit(*, meeting_id: int | None = None, **entry: Any) -> None:
    """The audit entry of a write; a write to a meeting is also announced to the parts above (the search
    index registers for it: `meetings.signals`), in the same transaction."""
    log_action(meeting_id=meeting_id, **entry)
    if meeting_id is not None:
        announce_meeting_changed(meeting_id)


def _unique_slug(model, base: str, **within) -> str:
    """A short name for `base` not yet taken among `model`'s rows (those matching `within`: a body's slug
    is unique in its organisation)."""
    slug = slugify(base.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))[:90] or "x"
    candidate, n = slug, 2
    while model.objects.filter(slug=candidate, **within).exists():
        candidate, n = f"{slug}-{n}", n + 1
    return candidate

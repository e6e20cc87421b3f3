"""Reads of attachments that depend on who asks, beyond the meetings queries: the withdrawn ones."""

from protokol.cases.models import Attachment
from protokol.meetings import rules
from protokol.meetings.queries import items_with_content


def withdrawn_attachment(user, pk: int) -> Attachment | None:
    """The withdrawn attachment `pk`, where this user could have seen it before (its downloads answer 410
    Gone to them; to anyone else it never existed, so 404 tells no more than before)."""
    attachment = (
        Attachment.all_objects.filter(pk=pk, withdrawn_at__isnull=False)
        .select_related("item__meeting__body")
        .first()
    )
    if attachment is None or not items_with_content(user).filter(pk=attachment.item_id).exists():
        return None
    if not attachment.public and not rules.can_see_closed(user, attachment.item.meeting):
        return None
    return attachment


def record_copy(user, pk: int) -> Attachment | None:
    """A withdrawn attachment kept for the record: only the body's secretariat and administrators read it."""
    attachment = (
        Attachment.all_objects.filter(pk=pk, withdrawn_at__isnull=False)
        .select_related("item__meeting__body")
        .first()
    )
    if attachment is None or not rules.can_see_drafts(user, attachment.item.meeting.body):
        return None
    return attachment

"""Thin compositions of the access queries for what the JSON API serves beyond meetings and items.

Nothing here decides anew: an attachment goes with its item's content, a non-public one only to those
who may see closed content (rules.can_see_closed). Cases: cases/queries.py.
"""

from protokol.cases.models import Attachment
from protokol.meetings import rules
from protokol.meetings.queries import items_with_content


def see_closed(user, item) -> bool:
    """May the user see the non-public attachments of this item (whose content they may see)?"""
    return rules.can_see_closed(user, item.meeting)


def visible_attachment(user, attachment: Attachment) -> bool:
    if not items_with_content(user).filter(pk=attachment.item_id).exists():
        return False
    return attachment.public or see_closed(user, attachment.item)

"""Thin compositions of the access queries for what the JSON API serves beyond meetings and items.

Nothing here decides anew: a non-public attachment goes only to those who may see closed content
(rules.can_see_closed). Cases and which attachments a user may open: cases/queries.py.
"""

from protokol.meetings import rules


def see_closed(user, item) -> bool:
    """May the user see the non-public attachments of this item (whose content they may see)?"""
    return rules.can_see_closed(user, item.meeting)

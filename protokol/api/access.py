"""Thin compositions of the access queries for what the JSON API serves beyond meetings and items.

Nothing here decides anew: a case is visible through an item whose content the user may see (or, not
yet on any agenda, to whoever may edit a body of its organisation). Attachments: cases/queries.py.
"""

from django.db.models import Q, QuerySet

from protokol.cases.models import Case
from protokol.meetings import rules
from protokol.meetings.enums import Role
from protokol.meetings.models import Organization
from protokol.meetings.queries import items_with_content


def visible_cases(user) -> QuerySet[Case]:
    seen = Q(pk__in=items_with_content(user).filter(case__isnull=False).values("case_id"))
    if rules.is_admin(user):
        editable = Organization.objects.all()
    else:
        editable = Organization.objects.filter(bodies__in=rules.body_ids_with_role(user, Role.SECRETARIAT))
    unplaced = Q(items__isnull=True, organization__in=editable.values("pk"))
    return Case.objects.filter(seen | unplaced).distinct()


def see_closed(user, item) -> bool:
    """May the user see the non-public attachments of this item (whose content they may see)?"""
    return rules.can_see_closed(user, item.meeting)

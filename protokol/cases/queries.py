"""Which attachments a user may open: those of items whose content the user may see, a closed attachment
only where the user may see the meeting's closed items (the same rule as rules.can_see_closed)."""

from django.db.models import Q, QuerySet

from protokol.cases.models import Attachment
from protokol.meetings import rules
from protokol.meetings.enums import PUBLISHED_STATUSES, Role
from protokol.meetings.queries import items_with_content


def visible_attachments(user) -> QuerySet[Attachment]:
    attachments = Attachment.objects.filter(item__in=items_with_content(user).values("pk")).select_related(
        "item", "item__meeting", "item__meeting__body", "item__case"
    )
    if rules.is_admin(user):
        return attachments
    closed = Q(item__meeting__body_id__in=rules.body_ids_with_role(user, Role.SECRETARIAT)) | Q(
        item__meeting__body_id__in=rules.body_ids_with_role(user, Role.MEMBER),
        item__meeting__status__in=PUBLISHED_STATUSES,
    )
    return attachments.filter(Q(public=True) | closed)

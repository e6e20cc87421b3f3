"""Which cases a user may see and change, which attachments they may open and which withdrawn ones they may
hear of; every page, API answer and OParl list asks here.

A case is shared by the bodies of one organisation, but it has no access mark of its own: it is seen
through its items. So a case is visible through an item whose content the user may see, or, while on no
agenda yet, to the secretariats of its organisation (who may want to place it). A case seen only on a
closed item or an unsent draft is not told to anyone else, not even whether its title matches a guess.
"""

from django.db.models import Q, QuerySet

from protokol.cases.models import Attachment, Case
from protokol.meetings import rules, tenancy
from protokol.meetings.enums import Role, agenda_sent_q
from protokol.meetings.models import AgendaItem, Body
from protokol.meetings.queries import items_with_content


def _secretariat_bodies(user) -> QuerySet[Body]:
    if rules.is_admin(user):
        return Body.objects.all()
    return Body.objects.filter(pk__in=rules.body_ids_with_role(user, Role.SECRETARIAT))


def visible_cases(user) -> QuerySet[Case]:
    seen = Q(pk__in=items_with_content(user).filter(case__isnull=False).values("case_id"))
    if rules.is_admin(user) or rules.body_ids_with_role(user, Role.SECRETARIAT):
        placed = AgendaItem.objects.filter(case__isnull=False).values("case_id")
        organizations = _secretariat_bodies(user).values("organization_id")
        seen |= ~Q(pk__in=placed) & Q(organization__in=organizations)
    cases = Case.objects.filter(seen)
    # On a tenant's site only its own (case numbers repeat between municipalities): meetings.tenancy.
    organization = tenancy.current_organization()
    return cases if organization is None else cases.filter(organization=organization)


def editable_items(user, case: Case) -> QuerySet[AgendaItem]:
    """The items of this case on agendas the user edits (the secretariat's own bodies)."""
    return case.items.filter(meeting__body__in=_secretariat_bodies(user))


def can_edit_case(user, case: Case) -> bool:
    """Its title and KLE number: the secretariat of a body that has the case on an agenda, or of any body
    of its organisation while it is on none; an administrator always."""
    if rules.is_admin(user):
        return True
    if editable_items(user, case).exists():
        return True
    placed = case.items.exists()
    return not placed and _secretariat_bodies(user).filter(organization_id=case.organization_id).exists()


def visible_attachments(user) -> QuerySet[Attachment]:
    """Attachments of items whose content the user may see, a closed one only where the user may see the
    meeting's closed items (the rule of rules.can_see_closed); never a withdrawn one (the default manager)."""
    attachments = Attachment.objects.filter(item__in=items_with_content(user).values("pk")).select_related(
        "item", "item__meeting", "item__meeting__body", "item__case"
    )
    if rules.is_admin(user):
        return attachments
    closed = Q(item__meeting__body_id__in=rules.body_ids_with_role(user, Role.SECRETARIAT)) | (
        Q(item__meeting__body_id__in=rules.body_ids_with_role(user, Role.MEMBER))
        & agenda_sent_q("item__meeting__")
    )
    return attachments.filter(Q(public=True) | closed)


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
    organization = tenancy.current_organization()
    if organization is not None and attachment.item.meeting.body.organization_id != organization.pk:
        return None
    return attachment

"""Tombstones for OParl: a deleted object the public could see answers `deleted: true` afterwards.

Receivers on pre_delete, because whether the public could see the object must be asked while it still
exists; Django sends pre_delete for every object of a cascade before it deletes any of them, inside the
same transaction, so a rolled-back delete leaves no tombstone either.
"""

from django.db.models.signals import pre_delete

from protokol.api.models import DeletedObject
from protokol.cases.models import Attachment, Case
from protokol.meetings.models import AgendaItem, Body, Meeting, Organization
from protokol.meetings.queries import items_with_content, public_user, visible_items, visible_meetings


def _add(type_: str, object_id: int, *, public: bool, **where) -> None:
    DeletedObject.objects.create(type=type_, object_id=object_id, public=public, **where)


def _meeting_deleted(sender, instance: Meeting, **kwargs) -> None:
    public = visible_meetings(public_user()).filter(pk=instance.pk).exists()
    _add(
        "Meeting",
        instance.pk,
        public=public,
        organization_id=_org_of_body(instance.body_id),
        body_id=instance.body_id,
    )


def _org_of_body(body_id: int) -> int | None:
    return Body.objects.filter(pk=body_id).values_list("organization_id", flat=True).first()


def _item_deleted(sender, instance: AgendaItem, **kwargs) -> None:
    meeting = (
        Meeting.objects.filter(pk=instance.meeting_id).values("body_id", "body__organization_id").first()
    )
    if meeting is None:
        return
    where = {
        "organization_id": meeting["body__organization_id"],
        "body_id": meeting["body_id"],
        "meeting_id": instance.meeting_id,
        "case_id": instance.case_id,
    }
    public = visible_items(public_user()).filter(pk=instance.pk).exists()
    _add("AgendaItem", instance.pk, public=public, **where)
    if instance.case_id:
        content = items_with_content(public_user()).filter(pk=instance.pk).exists()
        _add("Consultation", instance.pk, public=content, **where)
        # The paper disappears with its last public appearance; while another one remains, the live
        # paper wins over this tombstone (see oparl_views.object_list).
        _add("Paper", instance.case_id, public=content, organization_id=where["organization_id"])


def _attachment_deleted(sender, instance: Attachment, **kwargs) -> None:
    item = (
        AgendaItem.objects.filter(pk=instance.item_id)
        .values("meeting_id", "case_id", "meeting__body_id", "meeting__body__organization_id")
        .first()
    )
    if item is None:
        return
    public = instance.public and items_with_content(public_user()).filter(pk=instance.item_id).exists()
    _add(
        "File",
        instance.pk,
        public=public,
        organization_id=item["meeting__body__organization_id"],
        body_id=item["meeting__body_id"],
        meeting_id=item["meeting_id"],
        item_id=instance.item_id,
        case_id=item["case_id"],
    )


def _case_deleted(sender, instance: Case, **kwargs) -> None:
    _add("Paper", instance.pk, public=False, organization_id=instance.organization_id)


def _body_deleted(sender, instance: Body, **kwargs) -> None:
    _add(
        "Organization",
        instance.pk,
        public=True,
        organization_id=instance.organization_id,
        body_id=instance.pk,
    )


def _organization_deleted(sender, instance: Organization, **kwargs) -> None:
    _add("Body", instance.pk, public=True, organization_id=instance.pk)


def connect() -> None:
    for model, receiver in (
        (Meeting, _meeting_deleted),
        (AgendaItem, _item_deleted),
        (Attachment, _attachment_deleted),
        (Case, _case_deleted),
        (Body, _body_deleted),
        (Organization, _organization_deleted),
    ):
        pre_delete.connect(receiver, sender=model, dispatch_uid=f"protokol.api.tombstone.{model.__name__}")

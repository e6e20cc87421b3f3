"""Tombstones for OParl's persons and memberships (see tombstones.py): a deleted person or membership the
public could see answers `deleted: true`, and so does a person who leaves the public set because the
seat or the attendance that made them public was deleted; its body's lists count as changed.

A participant taken off a public meeting (a guest or a deputy's call-in undone) leaves a mark of type
"Participant", never shown as an object, so that the meeting's `participant` list counts as changed
(api.public.public_meetings)."""

from django.db.models.signals import post_delete, pre_delete

from protokol.api import public as oparl_public
from protokol.api.models import DeletedObject
from protokol.meetings.models import Body
from protokol.people.models import Attendance, Membership, Person


def _person_deleted(sender: type[Person], instance: Person, **kwargs: object) -> None:
    DeletedObject.objects.create(
        type="Person",
        object_id=instance.pk,
        public=oparl_public.public_persons().filter(pk=instance.pk).exists(),
        organization_id=instance.organization_id,
    )


def _membership_deleted(sender: type[Membership], instance: Membership, **kwargs: object) -> None:
    organization_id = (
        Body.objects.filter(pk=instance.body_id).values_list("organization_id", flat=True).first()
    )
    DeletedObject.objects.create(
        type="Membership",
        object_id=instance.pk,
        public=oparl_public.public_memberships().filter(pk=instance.pk).exists(),
        organization_id=organization_id,
        body_id=instance.body_id,
    )


def _before_person_link_deleted(sender: type, instance: Membership | Attendance, **kwargs: object) -> None:
    instance.__dict__["_oparl_person_public"] = (
        oparl_public.public_persons().filter(pk=instance.person_id).exists()
    )


def _after_person_link_deleted(sender: type, instance: Membership | Attendance, **kwargs: object) -> None:
    if not instance.__dict__.pop("_oparl_person_public", False):
        return
    person = Person.objects.filter(pk=instance.person_id).values("organization_id").first()
    # A person deleted along with it gets a second tombstone here, which the lists count once.
    if person is not None and not oparl_public.public_persons().filter(pk=instance.person_id).exists():
        DeletedObject.objects.create(
            type="Person",
            object_id=instance.person_id,
            public=True,
            organization_id=person["organization_id"],
        )


def _participant_deleted(sender: type[Attendance], instance: Attendance, **kwargs: object) -> None:
    meeting = (
        oparl_public.public_meetings()
        .filter(pk=instance.meeting_id)
        .values("body_id", "body__organization_id")
        .first()
    )
    if meeting is not None:
        DeletedObject.objects.create(
            type="Participant",
            object_id=instance.pk,
            public=True,
            organization_id=meeting["body__organization_id"],
            body_id=meeting["body_id"],
            meeting_id=instance.meeting_id,
        )


def connect() -> None:
    pre_delete.connect(
        _participant_deleted, sender=Attendance, dispatch_uid="protokol.api.tombstone.Participant"
    )
    pre_delete.connect(_person_deleted, sender=Person, dispatch_uid="protokol.api.tombstone.Person")
    pre_delete.connect(
        _membership_deleted, sender=Membership, dispatch_uid="protokol.api.tombstone.Membership"
    )
    for model in (Membership, Attendance):
        uid = f"protokol.api.tombstone.person-link.{model.__name__}"
        pre_delete.connect(_before_person_link_deleted, sender=model, dispatch_uid=uid)
        post_delete.connect(_after_person_link_deleted, sender=model, dispatch_uid=uid)

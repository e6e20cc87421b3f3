"""Tombstones for OParl: an object the public could see and no longer can answers `deleted: true`.

Two ways out of the public sets, both recorded in the transaction that makes them:

- deletion: receivers on pre_delete, because whether the public could see the object must be asked
  while it still exists; Django sends pre_delete for every object of a cascade before it deletes any of
  them, so a rolled-back delete leaves no tombstone either;
- a change that hides it (an item closed, an attachment closed or withdrawn, a meeting's status or body
  changed): `published()` before the change and `record_removed()` after it. Every save of a meeting,
  an item or an attachment that changes one of the columns public.py asks (`_WATCHED`) does this by
  itself (pre_save and post_save receivers), whoever saves it (a service, the admin, an importer); a
  write that bypasses `save()` calls the two functions itself.

Whether an object is public is asked of `public.py`, the sets OParl serves, so a tombstone is written
exactly when an object leaves what OParl shows, and never for one the public never saw.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.signals import post_save, pre_delete, pre_save

from protokol.api import public as oparl_public
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
        # paper wins over this tombstone (see oparl.pagination.object_list).
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


# Changes that hide ---------------------------------------------------------------------------------

_WHERE = ("organization_id", "body_id", "meeting_id", "item_id", "case_id")


@dataclass(frozen=True)
class _Shown:
    """One object as OParl shows it, with where it belongs (a move is a removal from the old place)."""

    type: str
    object_id: int
    organization_id: int | None = None
    body_id: int | None = None
    meeting_id: int | None = None
    item_id: int | None = None
    case_id: int | None = None


@dataclass(frozen=True)
class Published:
    """What OParl showed the public of some meetings, items and attachments at one moment."""

    meetings: tuple[int, ...]
    items: tuple[int, ...]
    attachments: tuple[int, ...]
    shown: frozenset[_Shown] = field(default_factory=frozenset)


def _shown(meetings: tuple[int, ...], items: tuple[int, ...], attachments: tuple[int, ...]) -> set[_Shown]:
    shown: set[_Shown] = set()
    for pk, body, org in (
        oparl_public.public_meetings()
        .filter(pk__in=meetings)
        .values_list("pk", "body_id", "body__organization_id")
    ):
        shown.add(_Shown("Meeting", pk, org, body))
    # Nothing of a meeting the public does not see is public: a draft being sent asks no more.
    meetings = tuple(s.object_id for s in shown)
    if not (meetings or items or attachments):
        return shown
    in_scope = Q(meeting_id__in=meetings) | Q(pk__in=items)
    fields = ("pk", "meeting__body__organization_id", "meeting__body_id", "meeting_id", "case_id")
    for pk, org, body, meeting, case in oparl_public.public_items().filter(in_scope).values_list(*fields):
        shown.add(_Shown("AgendaItem", pk, org, body, meeting, case_id=case))
    for pk, org, body, meeting, case in (
        oparl_public.consultation_items().filter(in_scope).values_list(*fields)
    ):
        shown.add(_Shown("Consultation", pk, org, body, meeting, case_id=case))
        shown.add(_Shown("Paper", case, org))
    for pk, org, body, meeting, item, case in (
        oparl_public.public_attachments()
        .filter(Q(item__meeting_id__in=meetings) | Q(item_id__in=items) | Q(pk__in=attachments))
        .values_list(
            "pk",
            "item__meeting__body__organization_id",
            "item__meeting__body_id",
            "item__meeting_id",
            "item_id",
            "item__case_id",
        )
    ):
        shown.add(_Shown("File", pk, org, body, meeting, item, case))
    return shown


def published(
    *, meetings: Iterable[int] = (), items: Iterable[int] = (), attachments: Iterable[int] = ()
) -> Published:
    """What the public sees now of these meetings (with their items and files), items (with their files)
    and attachments: the `before` of `record_removed`."""
    scope = (tuple(meetings), tuple(items), tuple(attachments))
    return Published(*scope, shown=frozenset(_shown(*scope)))


def record_removed(before: Published) -> int:
    """A tombstone for everything of `before` the public no longer sees; returns how many were written.

    A paper goes only with its last public consultation, wherever that was. An object that moved (an item
    to another case, a meeting to another body) gets a tombstone in its old place: the old place's lists
    show it deleted and count as changed, while its own URL, and the lists of its new place, show it live.
    """
    gone = before.shown - _shown(before.meetings, before.items, before.attachments)
    if not gone:
        return 0
    papers = {s.object_id for s in gone if s.type == "Paper"}
    still_public = set(oparl_public.public_cases().filter(pk__in=papers).values_list("pk", flat=True))
    written = [s for s in gone if not (s.type == "Paper" and s.object_id in still_public)]
    DeletedObject.objects.bulk_create(
        DeletedObject(
            type=s.type, object_id=s.object_id, public=True, **{name: getattr(s, name) for name in _WHERE}
        )
        for s in sorted(written, key=lambda s: (s.type, s.object_id))
    )
    return len(written)


_SCOPE = {Meeting: "meetings", AgendaItem: "items", Attachment: "attachments"}

# The columns on which whether (and where) OParl shows an object and what hangs from it depends: its
# place (body, meeting, item, case), its status and the times the queries of public.py ask, whether it is
# open, whether it was withdrawn. A save that changes none of them cannot hide anything.
_WATCHED: dict[type, tuple[str, ...]] = {
    Meeting: ("status", "body_id", "agenda_published_at"),
    AgendaItem: ("meeting_id", "public", "case_id"),
    Attachment: ("item_id", "public", "withdrawn_at"),
}


def _may_hide(sender, instance, update_fields) -> bool:
    """Whether this save changes a watched column: one query for the stored values instead of the eight
    of `published()` before and after, on every save of an import or an edit of text."""
    fields = _WATCHED[sender]
    if update_fields is not None:
        names = {sender._meta.get_field(f).attname for f in update_fields}
        fields = tuple(f for f in fields if f in names)
        if not fields:
            return False
    # The base manager: a withdrawn attachment is still the row being saved.
    stored = sender._base_manager.filter(pk=instance.pk).values_list(*fields).first()
    return stored is None or tuple(stored) != tuple(getattr(instance, f) for f in fields)


def _before_save(sender, instance, raw: bool = False, update_fields=None, **kwargs) -> None:
    # A new object hides nothing, and a fixture load (raw) is not a change the public saw happen.
    if raw or instance._state.adding or instance.pk is None:
        return
    if not _may_hide(sender, instance, update_fields):
        return
    instance._oparl_published = published(**{_SCOPE[sender]: [instance.pk]})


def _after_save(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    before = instance.__dict__.pop("_oparl_published", None)
    if before is not None and before.shown:
        record_removed(before)


def connect() -> None:
    for model in _SCOPE:
        uid = f"protokol.api.tombstone.hidden.{model.__name__}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
        post_save.connect(_after_save, sender=model, dispatch_uid=uid)
    for model, receiver in (
        (Meeting, _meeting_deleted),
        (AgendaItem, _item_deleted),
        (Attachment, _attachment_deleted),
        (Case, _case_deleted),
        (Body, _body_deleted),
        (Organization, _organization_deleted),
    ):
        pre_delete.connect(receiver, sender=model, dispatch_uid=f"protokol.api.tombstone.{model.__name__}")

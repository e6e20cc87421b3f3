"""What OParl publishes: thin compositions of meetings.queries for the anonymous visitor.

No rule is decided here; every set is a query of meetings/queries.py asked as the public, or a filter
on top of one. The `oparl_modified` annotations say when an object's *published* form last changed: an
item also changes when its meeting's agenda is sent or its decisions and attachments change.
"""

from django.db.models import DateTimeField, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from protokol.api.models import DeletedObject
from protokol.cases.models import Attachment, Case
from protokol.cases.queries import visible_cases
from protokol.meetings.models import AgendaItem, Body, Decision, Meeting, Organization
from protokol.meetings.queries import (
    items_with_content,
    public_user,
    visible_bodies,
    visible_items,
    visible_meetings,
)


def _latest(qs: QuerySet, field: str = "modified") -> Subquery:
    return Subquery(qs.order_by(f"-{field}").values(field)[:1], output_field=DateTimeField())


def _greatest(base: str, *others) -> Greatest:
    # SQLite's MAX() is NULL if any argument is: fall back to the base value for missing ones.
    return Greatest(base, *(Coalesce(o, base, output_field=DateTimeField()) for o in others))


def _deleted(**where) -> Subquery:
    return _latest(DeletedObject.objects.filter(public=True, **where), "deleted_at")


def content_items() -> QuerySet[AgendaItem]:
    return items_with_content(public_user())


def public_meetings() -> QuerySet[Meeting]:
    content = content_items().values("pk")
    return visible_meetings(public_user()).annotate(
        oparl_modified=_greatest(
            "modified",
            _latest(AgendaItem.objects.filter(meeting=OuterRef("pk"))),
            _latest(Decision.objects.filter(item__meeting=OuterRef("pk"), item__in=content)),
            _latest(Attachment.objects.filter(item__meeting=OuterRef("pk"), item__in=content, public=True)),
            _deleted(type__in=["AgendaItem", "File"], meeting_id=OuterRef("pk")),
        )
    )


def _item_modified(*, files: bool = True) -> Greatest:
    content = content_items().values("pk")
    parts = [
        "meeting__agenda_published_at",
        _latest(Decision.objects.filter(item=OuterRef("pk"), item__in=content)),
    ]
    if files:
        parts += [
            _latest(Attachment.objects.filter(item=OuterRef("pk"), item__in=content, public=True)),
            _deleted(type="File", item_id=OuterRef("pk")),
        ]
    return _greatest("modified", *parts)


def public_items() -> QuerySet[AgendaItem]:
    """Items the public sees, at least by number and title."""
    return visible_items(public_user()).annotate(oparl_modified=_item_modified())


def consultation_items() -> QuerySet[AgendaItem]:
    """An item whose content the public sees and that belongs to a case is one consultation of its paper."""
    return content_items().filter(case__isnull=False).annotate(oparl_modified=_item_modified(files=False))


def public_attachments() -> QuerySet[Attachment]:
    """Public attachments of items whose content the public sees; closed attachments never."""
    return (
        Attachment.objects.filter(public=True, item__in=content_items().values("pk"))
        .select_related("item", "item__meeting", "item__meeting__body", "item__case")
        .annotate(oparl_modified=_greatest("modified", "item__meeting__agenda_published_at"))
    )


def public_cases() -> QuerySet[Case]:
    """A case is public through its public appearances; a case only on closed items is not."""
    items = content_items().filter(case__isnull=False)
    content = content_items().values("pk")
    return visible_cases(public_user()).annotate(
        oparl_modified=_greatest(
            "modified",
            _latest(items.filter(case=OuterRef("pk"))),
            _latest(items.filter(case=OuterRef("pk")), "meeting__agenda_published_at"),
            _latest(Decision.objects.filter(item__case=OuterRef("pk"), item__in=content)),
            _latest(Attachment.objects.filter(item__case=OuterRef("pk"), item__in=content, public=True)),
            _deleted(type__in=["Consultation", "File"], case_id=OuterRef("pk")),
        )
    )


def public_bodies() -> QuerySet[Body]:
    """Active bodies, and any body with a public meeting (an inactive one keeps its history)."""
    user = public_user()
    return (
        Body.objects.filter(
            Q(pk__in=visible_bodies(user).values("pk")) | Q(pk__in=visible_meetings(user).values("body_id"))
        )
        .select_related("organization")
        .annotate(oparl_modified=F("modified"))
    )


def public_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(
        pk__in=Body.objects.filter(pk__in=public_bodies().values("pk")).values("organization_id")
    ).annotate(oparl_modified=F("modified"))

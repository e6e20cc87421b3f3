"""What OParl publishes: thin compositions of meetings.queries for the anonymous visitor.

No rule is decided here; every set is a query of meetings/queries.py asked as the public, or a filter
on top of one. The `oparl_modified` annotations say when an object's *published* form last changed: an
item also changes when its meeting's agenda is sent or its decisions and attachments change.
"""

from django.db.models import DateTimeField, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from protokol.api.models import DeletedObject
from protokol.cases.models import Attachment, Case
from protokol.cases.queries import visible_attachments, visible_cases
from protokol.meetings.models import AgendaItem, Amendment, Body, Meeting, Organization
from protokol.meetings.queries import (
    items_with_content,
    public_user,
    visible_bodies,
    visible_decisions,
    visible_items,
    visible_meetings,
)
from protokol.people.models import Attendance, Membership, Party, Person
from protokol.people.queries import visible_memberships, visible_persons


def _latest(qs: QuerySet, field: str = "modified") -> Subquery:
    # NULLs last on every database: PostgreSQL sorts them first in a descending order, SQLite last.
    latest = qs.order_by(F(field).desc(nulls_last=True)).values(field)[:1]
    return Subquery(latest, output_field=DateTimeField())


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
            _latest(visible_decisions(public_user()).filter(item__meeting=OuterRef("pk"))),
            _latest(Attachment.objects.filter(item__meeting=OuterRef("pk"), item__in=content, public=True)),
            _deleted(type__in=["AgendaItem", "File"], meeting_id=OuterRef("pk")),
            _latest(Amendment.objects.filter(meeting=OuterRef("pk"), public_change=True), "at"),
            # Its `participant` list (people_tombstones marks one taken off).
            _latest(Attendance.objects.filter(meeting=OuterRef("pk"))),
            _deleted(type="Participant", meeting_id=OuterRef("pk")),
        )
    )


def _item_modified(*, files: bool = True) -> Greatest:
    content = content_items().values("pk")
    # Publishing the minutes changes an item: its decisions appear (with older timestamps of their own).
    parts = [
        "meeting__agenda_published_at",
        "meeting__minutes_published_at",
        _latest(visible_decisions(public_user()).filter(item=OuterRef("pk"))),
        # A vote, statement or disqualification changed after approval (an amendment of the public edition).
        _latest(Amendment.objects.filter(item=OuterRef("pk"), public_change=True), "at"),
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
    return visible_attachments(public_user()).annotate(
        oparl_modified=_greatest("modified", "item__meeting__agenda_published_at")
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
            _latest(items.filter(case=OuterRef("pk")), "meeting__minutes_published_at"),
            _latest(visible_decisions(public_user()).filter(item__case=OuterRef("pk"))),
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
        # Its `membership` list.
        .annotate(
            oparl_modified=_greatest(
                "modified",
                _latest(Membership.objects.filter(body=OuterRef("pk"))),
                _deleted(type="Membership", body_id=OuterRef("pk")),
            )
        )
    )


def public_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(
        pk__in=Body.objects.filter(pk__in=public_bodies().values("pk")).values("organization_id")
    ).annotate(oparl_modified=F("modified"))


# Persons ------------------------------------------------------------------------------------------


def public_persons() -> QuerySet[Person]:
    """The members and deputies of the public bodies and the participants of the public meetings."""
    memberships = Membership.objects.filter(person=OuterRef("pk"), body__in=public_bodies().values("pk"))
    return visible_persons(
        public_user(), bodies=public_bodies(), meetings=visible_meetings(public_user())
    ).annotate(oparl_modified=_greatest("modified", "party__modified", _latest(memberships)))


def public_memberships() -> QuerySet[Membership]:
    """Every membership of a public body, past ones too."""
    return visible_memberships(public_bodies()).annotate(
        oparl_modified=_greatest("modified", "person__modified")
    )


def public_parties() -> QuerySet[Party]:
    """The parties (lists) of the public organisations."""
    return Party.objects.filter(organization__in=public_organizations().values("pk")).annotate(
        oparl_modified=F("modified")
    )

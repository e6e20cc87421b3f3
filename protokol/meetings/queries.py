"""Reads that depend on who is asking. Every page, search, feed and API answer goes through these.

A closed item is visible to everyone who may see its meeting, but only as number and title; its content
(`items_with_content`) only to the body's secretariat, and to its members once the agenda is sent.
"""

from django.db.models import Q, QuerySet

from protokol.meetings import rules
from protokol.meetings.enums import PUBLISHED_STATUSES, Role
from protokol.meetings.models import AgendaItem, Body, Meeting


def _meeting_filter(user, prefix: str = "") -> Q | None:
    """None where the user sees everything."""
    if rules.is_admin(user):
        return None
    secretariat = rules.body_ids_with_role(user, Role.SECRETARIAT)
    q = Q(**{f"{prefix}status__in": PUBLISHED_STATUSES})
    if secretariat:
        q |= Q(**{f"{prefix}body_id__in": secretariat})
    return q


def visible_meetings(user) -> QuerySet[Meeting]:
    q = _meeting_filter(user)
    meetings = Meeting.objects.select_related("body", "body__organization")
    return meetings if q is None else meetings.filter(q)


def visible_items(user) -> QuerySet[AgendaItem]:
    """Items whose number and title the user may see."""
    q = _meeting_filter(user, "meeting__")
    items = AgendaItem.objects.select_related("meeting", "meeting__body")
    return items if q is None else items.filter(q)


def _content_filter(user, prefix: str = "") -> Q | None:
    if rules.is_admin(user):
        return None
    secretariat = rules.body_ids_with_role(user, Role.SECRETARIAT)
    member = rules.body_ids_with_role(user, Role.MEMBER)
    published = Q(**{f"{prefix}meeting__status__in": PUBLISHED_STATUSES})
    q = published & Q(**{f"{prefix}public": True})
    if member:
        q |= published & Q(**{f"{prefix}meeting__body_id__in": member})
    if secretariat:
        q |= Q(**{f"{prefix}meeting__body_id__in": secretariat})
    return q


def items_with_content(user) -> QuerySet[AgendaItem]:
    """Items whose whole content (case, sections, decisions, attachments) the user may see."""
    q = _content_filter(user)
    items = AgendaItem.objects.select_related("meeting", "meeting__body")
    return items if q is None else items.filter(q)


def content_item_ids(user, items) -> set[int]:
    """Of these items, the ids whose content the user may see (one query)."""
    ids = [i.pk for i in items]
    return set(items_with_content(user).filter(pk__in=ids).values_list("pk", flat=True))


def visible_bodies(user) -> QuerySet[Body]:
    return Body.objects.filter(active=True).select_related("organization")


def meeting_by_reference(reference: str, *, user=None) -> Meeting:
    """A meeting by id or by body-slug/YYYY-MM-DD (the first of the day where a body met twice)."""
    from datetime import date

    from django.utils.translation import gettext as _

    from protokol.common.errors import NotFound

    reference = reference.strip().strip("/")
    meetings = visible_meetings(user) if user is not None else Meeting.objects.select_related("body")
    found = None
    if reference.isdigit():
        found = meetings.filter(pk=int(reference)).first()
    elif "/" in reference:
        slug, _sep, day = reference.rpartition("/")
        try:
            wanted = date.fromisoformat(day)
        except ValueError:
            wanted = None
        if wanted:
            found = meetings.filter(body__slug=slug, date=wanted).order_by("start_time", "pk").first()
    if found is None:
        raise NotFound(
            _(
                "Intet møde hedder %(ref)s. Angiv et møde-id eller udvalg/ÅÅÅÅ-MM-DD, fx direktionen/2016-05-30."
            )
            % {"ref": reference}
        )
    return found

"""Which private notes a reader may read: their own, and those their party group in the body shares.

This is the only read of notes in the project. Nothing else (pages for others, search, editions, feeds,
the API, OParl, exports) queries `PrivateNote`, so a note cannot reach them by a forgotten filter.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from protokol.meetings.models import AgendaItem, Body
from protokol.notes.models import PrivateNote
from protokol.people.models import Party
from protokol.people.queries import memberships_on, person_of


def party_group(user: Any, body: Body) -> Party | None:
    """The reader's party, where they hold a seat or a deputy's place in the body today."""
    person = person_of(user)
    if person is None or person.party is None:
        return None
    if not memberships_on(body, timezone.localdate()).filter(person=person).exists():
        return None
    return person.party


def readable_notes(user: Any, item: AgendaItem) -> QuerySet[PrivateNote]:
    """The notes on an item this reader may read, with the attachment each belongs to."""
    if user is None or not getattr(user, "is_authenticated", False):
        return PrivateNote.objects.none()
    mine = Q(author=user)
    party = party_group(user, item.meeting.body)
    shared = Q(party=party) if party is not None else Q(pk__in=[])
    return (
        PrivateNote.objects.filter(item=item)
        .filter(mine | shared)
        .select_related("attachment", "author", "party")
    )

"""Reads of persons and the legal record: who sat in a body on a day, who took part, who signed.

Every caller (workspace, portal, API, rendering, the interchange export) reads attendance through
these, so the rules of who counts (a member whose membership covers the day, a deputy called in, a
guest without a vote) are stated once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from protokol.meetings import rules
from protokol.meetings.enums import Role
from protokol.meetings.models import AgendaItem, Body, Meeting
from protokol.people.enums import SEAT_ROLES, AttendanceStatus, MembershipRole
from protokol.people.models import Attendance, ItemAbsence, Membership, Person, Signature


def memberships_on(body: Body, day: date) -> QuerySet[Membership]:
    """The memberships of a body that cover the day (deputies included)."""
    return (
        Membership.objects.filter(body=body, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("person", "person__party")
    )


def seats_on(body: Body, day: date) -> QuerySet[Membership]:
    """The members holding a seat that day, chair first: the list attendance is prefilled from."""
    return memberships_on(body, day).filter(role__in=SEAT_ROLES).order_by("role", "person__name")


def deputies_on(body: Body, day: date, *, party_id: int | None) -> QuerySet[Membership]:
    """The deputies of one list (party) that day, in the order they are called in."""
    deputies = memberships_on(body, day).filter(role=MembershipRole.DEPUTY)
    # A member outside any list has deputies outside any list.
    deputies = (
        deputies.filter(person__party__isnull=True)
        if party_id is None
        else deputies.filter(person__party=party_id)
    )
    return deputies.order_by("deputy_position", "start_date", "person__name")


def attendance(meeting: Meeting) -> QuerySet[Attendance]:
    return meeting.attendance.select_related(
        "person", "person__party", "substitute_for", "substitute_for__party"
    )


def took_part(meeting: Meeting) -> QuerySet[Attendance]:
    """Who was present with a seat (members and deputies called in): those who sign the minutes."""
    return attendance(meeting).filter(status=AttendanceStatus.PRESENT).exclude(role="")


def item_absent_ids(item: AgendaItem) -> set[int]:
    return set(ItemAbsence.objects.filter(item=item).values_list("person_id", flat=True))


@dataclass(frozen=True)
class Quorum:
    """How many voting members took part in an item, of how many seats with a vote."""

    taking_part: int
    seats: int

    @property
    def warning(self) -> bool:
        """A body can decide only when more than half its members take part (kommunestyrelsesloven § 12)."""
        return self.seats > 0 and self.taking_part * 2 <= self.seats


def quorum(item: AgendaItem) -> Quorum:
    meeting = item.meeting
    seats = seats_on(meeting.body, meeting.date).filter(voting_right=True).count()
    present = took_part(meeting).filter(voting_right=True).exclude(person_id__in=item_absent_ids(item))
    return Quorum(taking_part=present.count(), seats=seats)


def quorum_by_item(meeting: Meeting) -> dict[int, Quorum]:
    """The quorum of every item of a meeting, in three queries rather than three per item."""
    seats = seats_on(meeting.body, meeting.date).filter(voting_right=True).count()
    voting = set(took_part(meeting).filter(voting_right=True).values_list("person_id", flat=True))
    absent: dict[int, set[int]] = {}
    for item_id, person_id in ItemAbsence.objects.filter(item__meeting=meeting).values_list(
        "item_id", "person_id"
    ):
        absent.setdefault(item_id, set()).add(person_id)
    return {
        item_id: Quorum(taking_part=len(voting - absent.get(item_id, set())), seats=seats)
        for item_id in meeting.items.values_list("pk", flat=True)
    }


def participants(meeting: Meeting) -> list[dict[str, Any]]:
    """The meeting's attendance in the interchange format's `participants` (DESIGN.md)."""
    out = []
    for row in attendance(meeting):
        entry: dict[str, Any] = {
            "name": row.person.name,
            "party": row.person.party.letter if row.person.party else None,
            "role": row.role or row.person.title or None,
            "present": row.status == AttendanceStatus.PRESENT,
            "substitute_for": row.substitute_for.name if row.substitute_for else None,
        }
        if row.status == AttendanceStatus.ABSENT:
            entry["excused"] = False
        if not row.voting_right:
            entry["voting"] = False
        out.append(entry)
    return out


def item_absent(item: AgendaItem) -> list[str]:
    """The names of those who did not take part in the item, for the interchange's item `absent`."""
    return [a.person.name for a in item.absences.select_related("person")]


@dataclass(frozen=True)
class SignatureState:
    person: Person
    signature: Signature | None
    current: bool

    @property
    def earlier_text(self) -> bool:
        """Signed, but a text that has since been amended."""
        return self.signature is not None and not self.current


def signature_states(meeting: Meeting, *, digest: str) -> list[SignatureState]:
    """For each participant who signs, their latest signature and whether it was given to this text."""
    latest: dict[int, Signature] = {}
    for signature in meeting.signatures.order_by("at", "pk"):
        latest[signature.person_id] = signature
    return [
        SignatureState(
            person=row.person,
            signature=latest.get(row.person_id),
            current=row.person_id in latest and latest[row.person_id].digest == digest,
        )
        for row in took_part(meeting)
    ]


def person_of(user: Any) -> Person | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).select_related("party").first()


# Who may know of whom ----------------------------------------------------------------------------------
#
# What a reader gets of a person is always the same public part (name, party, title, memberships): an
# e-mail address or a user account is never given to any reader. These say of which persons.


def visible_persons(user: Any, *, bodies: QuerySet[Body], meetings: QuerySet[Meeting]) -> QuerySet[Person]:
    """The persons a reader who sees these bodies and meetings may know of: the members and deputies of
    the bodies (past ones too: the minutes name them), everyone in the attendance of the meetings (a guest
    named in the minutes too), and, to the secretariat of one of an organisation's bodies, all its persons
    (the ones it is about to give a seat)."""
    shown = Q(pk__in=Membership.objects.filter(body__in=bodies.values("pk")).values("person_id")) | Q(
        pk__in=Attendance.objects.filter(meeting__in=meetings.values("pk")).values("person_id")
    )
    if rules.is_admin(user):
        shown = Q()
    else:
        secretariat = rules.body_ids_with_role(user, Role.SECRETARIAT)
        if secretariat:
            shown |= Q(organization__bodies__in=secretariat)
    return Person.objects.filter(shown).distinct().select_related("party")


def visible_memberships(bodies: QuerySet[Body]) -> QuerySet[Membership]:
    """The memberships of these bodies, past and future ones included."""
    return Membership.objects.filter(body__in=bodies.values("pk")).select_related(
        "person", "person__party", "body"
    )


def present_by_meeting(meeting_ids: Iterable[int]) -> dict[int, list[int]]:
    """For each of these meetings, the persons present (members, deputies called in, guests), in the
    order of the attendance list; a meeting without any is left out."""
    out: dict[int, list[int]] = {}
    rows = (
        Attendance.objects.filter(meeting_id__in=list(meeting_ids), status=AttendanceStatus.PRESENT)
        .order_by("meeting_id", "position", "person__name", "pk")
        .values_list("meeting_id", "person_id")
    )
    for meeting_id, person_id in rows:
        out.setdefault(meeting_id, []).append(person_id)
    return out


def item_absent_by_item(item_ids: Iterable[int]) -> dict[int, list[str]]:
    """`item_absent` for many items in one query."""
    out: dict[int, list[str]] = {}
    rows = (
        ItemAbsence.objects.filter(item_id__in=list(item_ids))
        .order_by("item_id", "person__name", "pk")
        .values_list("item_id", "person__name")
    )
    for item_id, name in rows:
        out.setdefault(item_id, []).append(name)
    return out

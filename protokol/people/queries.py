"""Reads of persons and the legal record: who sat in a body on a day, who took part, who signed.

Every caller (workspace, portal, API, rendering, the interchange export) reads attendance through
these, so the rules of who counts (a member whose membership covers the day, a deputy called in, a
guest without a vote) are stated once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from protokol.common.richtext import to_plain
from protokol.meetings import rules, tenancy
from protokol.meetings.enums import Role
from protokol.meetings.models import AgendaItem, Body, Meeting
from protokol.people.enums import SEAT_ROLES, AttendanceStatus, MembershipRole
from protokol.people.models import (
    Attendance,
    Disqualification,
    ItemAbsence,
    MemberRequest,
    Membership,
    Party,
    Person,
    RequestStatus,
    Signature,
    Statement,
    Vote,
)


def memberships_on(body: Body, day: date) -> QuerySet[Membership]:
    """The memberships of a body that cover the day (deputies included)."""
    return (
        Membership.objects.filter(body=body, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("person", "person__party")
    )


def seats_on(body: Body, day: date) -> QuerySet[Membership]:
    """The members holding a seat that day, chair and vice-chair first: the list attendance is prefilled
    from."""
    rank = Case(
        When(role=MembershipRole.CHAIR, then=Value(0)),
        When(role=MembershipRole.VICE_CHAIR, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return memberships_on(body, day).filter(role__in=SEAT_ROLES).order_by(rank, "person__name")


def told_of(meeting: Meeting) -> tuple[list[Membership], list[Membership]]:
    """Who is told when the meeting's agenda or minutes go out: the members holding a seat on the day, and
    the deputies (in their lists' order)."""
    seats = list(seats_on(meeting.body, meeting.date))
    deputies = list(
        memberships_on(meeting.body, meeting.date)
        .filter(role=MembershipRole.DEPUTY)
        .order_by("person__party__letter", "deputy_position", "person__name")
    )
    return seats, deputies


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


@dataclass(frozen=True)
class Roster:
    """A body's memberships seen from one day: who sits, each list's deputies in order, who came and went."""

    day: date
    members: list[Membership]
    deputies: list[tuple[Party | None, list[Membership]]]
    upcoming: list[Membership]
    former: list[Membership]


def roster(body: Body, day: date) -> Roster:
    current = list(memberships_on(body, day))
    lists: dict[int | None, Party | None] = {}
    for m in current:
        if m.role == MembershipRole.DEPUTY:
            lists.setdefault(m.person.party_id, m.person.party)
    # Lists by letter; deputies outside any list last.
    order = sorted(lists.items(), key=lambda kv: (kv[1] is None, kv[1].letter if kv[1] else ""))
    everyone = Membership.objects.filter(body=body).select_related("person", "person__party")
    return Roster(
        day=day,
        members=list(seats_on(body, day)),
        deputies=[(party, list(deputies_on(body, day, party_id=pid))) for pid, party in order],
        upcoming=list(everyone.filter(start_date__gt=day).order_by("start_date", "person__name")),
        former=list(everyone.filter(end_date__lt=day).order_by("-end_date", "person__name")),
    )


def deputy_choices(meeting: Meeting, *, for_person: Person) -> list[Membership]:
    """The deputies who could stand in for a member: the member's own list in order, then the body's other
    deputies that day; none already taking part."""
    taken = set(meeting.attendance.values_list("person_id", flat=True))
    own = list(deputies_on(meeting.body, meeting.date, party_id=for_person.party_id))
    others = (
        memberships_on(meeting.body, meeting.date)
        .filter(role=MembershipRole.DEPUTY)
        .exclude(pk__in=[m.pk for m in own])
        .order_by("person__party__letter", "deputy_position", "person__name")
    )
    return [m for m in [*own, *others] if m.person_id not in taken]


def guest_choices(meeting: Meeting) -> QuerySet[Person]:
    """The organisation's persons who could join a meeting as extra participants (not yet on its list)."""
    return (
        Person.objects.filter(organization=meeting.body.organization_id)
        .exclude(pk__in=meeting.attendance.values("person_id"))
        .select_related("party")
        .order_by("name")
    )


def attendance(meeting: Meeting) -> QuerySet[Attendance]:
    return meeting.attendance.select_related(
        "person", "person__party", "substitute_for", "substitute_for__party"
    )


def took_part(meeting: Meeting) -> QuerySet[Attendance]:
    """Who was present with a seat (members and deputies called in): those who sign the minutes."""
    return attendance(meeting).filter(status=AttendanceStatus.PRESENT).exclude(role="")


def item_absent_ids(item: AgendaItem) -> set[int]:
    """Who did not take part in the item: away from it, or disqualified on it."""
    away = set(ItemAbsence.objects.filter(item=item).values_list("person_id", flat=True))
    return away | disqualified_ids(item)


def disqualified_ids(item: AgendaItem) -> set[int]:
    return set(Disqualification.objects.filter(item=item).values_list("person_id", flat=True))


def voters(item: AgendaItem) -> QuerySet[Attendance]:
    """Who may vote on the item: present with a vote, not away from the item, not disqualified on it."""
    return took_part(item.meeting).filter(voting_right=True).exclude(person_id__in=item_absent_ids(item))


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
    return Quorum(taking_part=voters(item).count(), seats=seats)


def quorum_by_item(meeting: Meeting) -> dict[int, Quorum]:
    """The quorum of every item of a meeting, in three queries rather than three per item."""
    seats = seats_on(meeting.body, meeting.date).filter(voting_right=True).count()
    voting = set(took_part(meeting).filter(voting_right=True).values_list("person_id", flat=True))
    absent: dict[int, set[int]] = {}
    for model in (ItemAbsence, Disqualification):
        for item_id, person_id in model.objects.filter(item__meeting=meeting).values_list(
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


def absences_by_item(meeting: Meeting) -> dict[int, list[ItemAbsence]]:
    """Who did not take part in which item of a meeting, by item id."""
    out: dict[int, list[ItemAbsence]] = {}
    for absence in ItemAbsence.objects.filter(item__meeting=meeting).select_related("person__party"):
        out.setdefault(absence.item_id, []).append(absence)
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
    persons = Person.objects.filter(shown).distinct().select_related("party")
    organization = tenancy.current_organization()  # a tenant's site: only its own (meetings.tenancy)
    return persons if organization is None else persons.filter(organization=organization)


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


def called_in_meeting_ids(user: Any) -> set[int]:
    """The meetings this user's person is called in to as a deputy (stedfortræder) for a member away:
    for those meetings alone they read what the body's members read."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Attendance.objects.filter(person__user=user, substitute_for__isnull=False).values_list(
            "meeting_id", flat=True
        )
    )


def disqualified_closed_item_ids(user: Any) -> set[int]:
    """The closed items on which this user's person is disqualified: their content is closed to them."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Disqualification.objects.filter(person__user=user, item__public=False).values_list(
            "item_id", flat=True
        )
    )


@dataclass(frozen=True)
class VoteGroups:
    """A vote as the minutes print it: who voted for, against and abstained, and how many."""

    question: str
    result: str
    groups: dict[str, list[str]]
    counts: dict[str, int]


def vote_groups(vote: Vote) -> VoteGroups:
    """By party letter where a list voted as one and the vote is shown by party, else by name."""
    choices = ("for", "against", "abstain")
    ballots = list(vote.ballots.select_related("person", "person__party"))
    if not ballots:
        printed = vote.printed if isinstance(vote.printed, dict) else {}
        counts = vote.counts if isinstance(vote.counts, dict) else {}
        return VoteGroups(
            question=vote.question,
            result=vote.result,
            groups={c: [str(x) for x in printed.get(c) or []] for c in choices},
            counts={c: int(counts[c]) for c in choices if isinstance(counts.get(c), int)},
        )
    groups: dict[str, list[str]] = {c: [] for c in choices}
    by_party: dict[str | None, list[Any]] = {}
    for b in ballots:
        by_party.setdefault(b.person.party.letter if b.person.party else None, []).append(b)
    for letter in sorted(by_party, key=lambda x: (x is None, x or "")):
        party_ballots = by_party[letter]
        one_choice = {b.choice for b in party_ballots}
        if vote.by_party and letter is not None and len(one_choice) == 1:
            groups[party_ballots[0].choice].append(letter)
        else:
            for b in party_ballots:
                groups[b.choice].append(b.person.label)
    counts = {c: sum(1 for b in ballots if b.choice == c) for c in choices}
    return VoteGroups(question=vote.question, result=vote.result, groups=groups, counts=counts)


def vote_document(vote: Vote) -> dict[str, Any]:
    """A vote as the minutes' interchange document holds it (so its checksum) and every page prints it
    (`rendering.legal_record.vote_lines`): the question, the result, the groups, and the counts where
    they are known (old minutes printed only the groups: the number of party letters is no count)."""
    groups = vote_groups(vote)
    out: dict[str, Any] = {"question": groups.question or None, "result": groups.result}
    for choice in ("for", "against", "abstain"):
        out[choice] = groups.groups[choice]
    if groups.counts:
        out["counts"] = [groups.counts.get(c, 0) for c in ("for", "against", "abstain")]
    return out


def statement_authors(statement: Statement) -> list[str]:
    """Who a protokoltilførsel is from: the persons linked, or the names an imported one printed."""
    return [p.label for p in statement.authors.all()] or list(statement.printed_authors)


def statement_document(statement: Statement) -> dict[str, Any]:
    """A protokoltilførsel as the interchange document holds it and every page prints it."""
    return {"by": statement_authors(statement), "text": statement.text}


def legal_record_text(item: AgendaItem) -> str:
    """The votes, statements and disqualifications of an item as plain text, for search."""
    parts: list[str] = []
    for vote in item.votes.all():
        groups = vote_groups(vote)
        parts.append(vote.question)
        parts += [" ".join(names) for names in groups.groups.values() if names]
    for statement in item.statements.all():
        parts.append(" ".join([*statement_authors(statement), to_plain(statement.text)]))
    parts += [d.person.label for d in item.disqualifications.select_related("person", "person__party")]
    return "\n".join(p for p in parts if p)


def open_requests(body: Body) -> QuerySet[MemberRequest]:
    """The members' requests to the body that wait for the secretariat, oldest first."""
    return MemberRequest.objects.filter(body=body, status=RequestStatus.OPEN).select_related("person__party")


def requests_for(user: Any, body: Body) -> QuerySet[MemberRequest]:
    """The body's requests this user may read: the secretariat all of them, a member their own."""
    found = MemberRequest.objects.filter(body=body).select_related("person__party", "item")
    if rules.is_secretariat(user, body):
        return found
    person = person_of(user)
    return found.filter(person=person) if person is not None else found.none()

"""Votes, protokoltilførsler and disqualification on an item: the rest of the legal record.

Writes like every other change to the minutes: the body's secretariat records them, atomically, with
the audit entry; after approval only with a reason, kept as an amendment (kommunestyrelsesloven
§§ 13-14, DESIGN.md "What the law asks of the minutes")."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from protokol.common.actors import Actor
from protokol.common.errors import ProtokolError
from protokol.common.richtext import sanitize
from protokol.meetings import rules
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.models import AgendaItem
from protokol.meetings.services import change_minutes
from protokol.people import queries
from protokol.people.enums import VoteChoice, VoteResult
from protokol.people.models import Ballot, Disqualification, Person, Statement, Vote


def _snapshot(item: AgendaItem) -> dict[str, object]:
    return {
        "votes": [
            {"question": v.question, "result": v.result, **queries.vote_groups(v).counts}
            for v in item.votes.all()
        ],
        "statements": [s.text for s in item.statements.all()],
        "disqualified": sorted(d.person.name for d in item.disqualifications.select_related("person")),
    }


def _next_position(rows: QuerySet[Vote] | QuerySet[Statement]) -> int:
    last = rows.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def _change(item: AgendaItem, *, by: Actor, reason: str, action: str, write: Callable[[], None]) -> None:
    change_minutes(
        item.meeting,
        by=by,
        reason=reason,
        action=action,
        obj=item,
        write=write,
        snapshot=lambda: _snapshot(item),
        refused_in=(MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED),
        refusal=_("Afstemninger, protokoltilførsler og inhabilitet registreres, når mødet er afholdt."),
        item=item,
    )


@transaction.atomic
def record_vote(
    *,
    item: AgendaItem,
    question: str,
    by: Actor,
    parties: Mapping[str, str] | None = None,
    persons: Mapping[Person, str] | None = None,
    by_party: bool = True,
    reason: str = "",
) -> Vote:
    """A vote entered fast: each party's choice in one row, then the exceptions by person.

    Every voter must be taking part in the item with a vote; a party's choice goes to its members who
    do; the result follows from the ballots (more for than against: adopted)."""
    rules.require_edit(by, item.meeting.body)
    if not question.strip():
        raise ProtokolError(_("Skriv, hvad der stemmes om."))
    voters = {a.person_id: a.person for a in queries.voters(item)}
    ballots: dict[int, str] = {}
    for letter, choice in (parties or {}).items():
        for person in voters.values():
            if person.party is not None and person.party.letter == letter:
                ballots[person.pk] = choice
    for person, choice in (persons or {}).items():
        if person.pk not in voters:
            if person.pk in queries.disqualified_ids(item):
                raise ProtokolError(_("%(p)s er inhabil i punktet og kan ikke stemme.") % {"p": person.label})
            raise ProtokolError(
                _("%(p)s deltager ikke i behandlingen af punktet med stemmeret.") % {"p": person.label}
            )
        ballots[person.pk] = choice
    if any(choice not in VoteChoice.values for choice in ballots.values()):
        raise ProtokolError(_("En stemme er for, imod eller undlader."))
    if not ballots:
        raise ProtokolError(_("Ingen af de stemmeberettigede har afgivet stemme."))
    in_favour = sum(1 for c in ballots.values() if c == VoteChoice.FOR)
    against = sum(1 for c in ballots.values() if c == VoteChoice.AGAINST)
    vote: Vote | None = None

    def write() -> None:
        nonlocal vote
        vote = Vote.objects.create(
            item=item,
            position=_next_position(item.votes.all()),
            question=question.strip(),
            result=VoteResult.ADOPTED if in_favour > against else VoteResult.REJECTED,
            by_party=by_party,
        )
        Ballot.objects.bulk_create(
            Ballot(vote=vote, person=voters[pk], choice=choice) for pk, choice in ballots.items()
        )

    _change(item, by=by, reason=reason, action="item.vote", write=write)
    assert vote is not None
    return vote


@transaction.atomic
def record_vote_counts(
    *,
    item: AgendaItem,
    question: str,
    counts: Mapping[str, int] | None,
    by: Actor,
    result: str | None = None,
    printed: Mapping[str, Sequence[str]] | None = None,
    reason: str = "",
) -> Vote:
    """A vote known only by its counts (and the groups as printed), as old minutes give it.

    Counts may be unknown (None) where the minutes print only the groups ("Alternativet kunne ikke
    tiltræde indstillingen"); the result must then be given. Refused where the counts exceed those
    present and voting, where attendance is recorded."""
    rules.require_edit(by, item.meeting.body)
    numbers = None if counts is None else {c: int(counts.get(c) or 0) for c in VoteChoice.values}
    if numbers is not None:
        if any(n < 0 for n in numbers.values()):
            raise ProtokolError(_("Stemmetal kan ikke være negative."))
        taking_part = queries.voters(item).count()
        if taking_part and sum(numbers.values()) > taking_part:
            raise ProtokolError(
                _("Der er afgivet %(n)s stemmer, men kun %(m)s deltog i punktets behandling med stemmeret.")
                % {"n": sum(numbers.values()), "m": taking_part}
            )
    if result is None:
        if numbers is None:
            raise ProtokolError(_("Angiv afstemningens resultat, når stemmetallene ikke kendes."))
        result = VoteResult.ADOPTED if numbers["for"] > numbers["against"] else VoteResult.REJECTED
    if result not in VoteResult.values:
        raise ProtokolError(_("Ukendt resultat: %(r)s") % {"r": result})
    vote: Vote | None = None

    def write() -> None:
        nonlocal vote
        vote = Vote.objects.create(
            item=item,
            position=_next_position(item.votes.all()),
            question=question.strip(),
            result=result,
            counts=numbers,
            printed={c: list(v) for c, v in (printed or {}).items()},
        )

    _change(item, by=by, reason=reason, action="item.vote", write=write)
    assert vote is not None
    return vote


@transaction.atomic
def remove_vote(*, vote: Vote, by: Actor, reason: str = "") -> None:
    def write() -> None:
        vote.delete()

    _change(vote.item, by=by, reason=reason, action="item.vote.remove", write=write)


def _minority(item: AgendaItem, person: Person) -> bool:
    """Voted against an adopted proposal, for a rejected one, or abstained, in any vote on the item."""
    for vote in item.votes.all():
        ballot = vote.ballots.filter(person=person).first()
        if ballot is None:
            continue
        majority = VoteChoice.FOR if vote.result == VoteResult.ADOPTED else VoteChoice.AGAINST
        if ballot.choice != majority:
            return True
    return False


@transaction.atomic
def add_statement(
    *, item: AgendaItem, authors: Sequence[Person], text: str, by: Actor, reason: str = ""
) -> Statement:
    """A protokoltilførsel under the decision; the right of the minority only (kommunestyrelsesloven § 13)."""
    rules.require_edit(by, item.meeting.body)
    if not sanitize(text):
        raise ProtokolError(_("Skriv protokoltilførslens tekst."))
    if not authors:
        raise ProtokolError(_("Angiv, hvem protokoltilførslen er fra."))
    taking_part = {a.person_id for a in queries.took_part(item.meeting)} - queries.item_absent_ids(item)
    voted = item.votes.filter(ballots__isnull=False).exists()
    for person in authors:
        if person.pk not in taking_part:
            raise ProtokolError(_("%(p)s deltog ikke i behandlingen af punktet.") % {"p": person.label})
        if voted and not _minority(item, person):
            raise ProtokolError(
                _(
                    "%(p)s stemte med flertallet. Retten til at få en afvigende mening tilført protokollen "
                    "har kun den, der stemte imod eller undlod at stemme."
                )
                % {"p": person.label}
            )
    statement: Statement | None = None

    def write() -> None:
        nonlocal statement
        statement = Statement.objects.create(
            item=item, position=_next_position(item.statements.all()), text=sanitize(text)
        )
        statement.authors.set(authors)

    _change(item, by=by, reason=reason, action="item.statement", write=write)
    assert statement is not None
    return statement


@transaction.atomic
def remove_statement(*, statement: Statement, by: Actor, reason: str = "") -> None:
    """Take a protokoltilførsel off the item: one entered in error, before approval; after approval only
    with a reason, as an amendment to the minutes (the history keeps its text)."""

    def write() -> None:
        statement.delete()

    _change(statement.item, by=by, reason=reason, action="item.statement.remove", write=write)


@transaction.atomic
def add_printed_statement(
    *, item: AgendaItem, authors: Sequence[str], text: str, by: Actor, reason: str = ""
) -> Statement:
    """A protokoltilførsel as old minutes print it, its authors by the printed names."""
    rules.require_edit(by, item.meeting.body)
    statement: Statement | None = None

    def write() -> None:
        nonlocal statement
        statement = Statement.objects.create(
            item=item,
            position=_next_position(item.statements.all()),
            text=sanitize(text),
            printed_authors=[a.strip() for a in authors if a.strip()],
        )

    _change(item, by=by, reason=reason, action="item.statement", write=write)
    assert statement is not None
    return statement


@transaction.atomic
def declare_disqualified(
    *,
    item: AgendaItem,
    person: Person,
    by: Actor,
    grounds: str = "",
    self_declared: bool = True,
    reason: str = "",
) -> Disqualification:
    """The member takes no part in the item: away from it, its votes, and its closed content."""
    rules.require_edit(by, item.meeting.body)
    if person.organization_id != item.meeting.body.organization_id:
        raise ProtokolError(_("Personen hører til en anden organisation end udvalget."))
    if Ballot.objects.filter(vote__item=item, person=person).exists():
        raise ProtokolError(_("%(p)s har stemt i punktet; fjern først afstemningen.") % {"p": person.label})
    found: Disqualification | None = None

    def write() -> None:
        nonlocal found
        found, _created = Disqualification.objects.update_or_create(
            item=item, person=person, defaults={"reason": grounds.strip(), "self_declared": self_declared}
        )

    _change(item, by=by, reason=reason, action="item.disqualified", write=write)
    assert found is not None
    return found

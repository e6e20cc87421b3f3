"""The legal record of imported minutes stored through the people services: votes, protokoltilførsler and
disqualification (the interchange's decision `votes` / `statements` and item `disqualified`).

Only what the meeting's own decisions (or the item itself) state is this meeting's record; a vote or
statement under an earlier body's decision in the case history is that body's, kept in its text.

The votes are recorded while the meeting is held, before the minutes are sealed as published, so that a
first import makes no amendments and the minutes' checksum covers them; a re-import of frozen minutes
records a change with the file named as the reason, like every other change of store.py. A re-import of
the same document records nothing: a vote with the same question, result, groups and counts, a statement
with the same authors and text, a disqualification of the same name are there already. Where the
document's votes differ from those imported before, they replace them; votes recorded in protokol by
ballot stay. Persons are matched by name within the organisation and never guessed: one match is that
person, none makes a new person, several make a new one and a warning.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from protokol.common.actors import Actor
from protokol.common.errors import ProtokolError
from protokol.meetings import services as meeting_services
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.models import AgendaItem, Meeting
from protokol.people import queries as people_queries
from protokol.people import services as people_services
from protokol.people import votes as people_votes
from protokol.people.enums import VoteResult
from protokol.people.models import Party, Person

from .legal_record import bare_name, is_person

CHOICES = ("for", "against", "abstain")


@dataclass(frozen=True)
class _Vote:
    question: str
    result: str
    groups: tuple[tuple[str, ...], ...]
    counts: tuple[int, ...] | None


@dataclass
class _Record:
    item: AgendaItem
    votes: list[dict]
    statements: list[dict]
    disqualified: list[str]


def _own(it: dict, item: AgendaItem, meeting: Meeting) -> _Record:
    votes = list(it.get("votes") or [])
    statements = list(it.get("statements") or [])
    body = meeting.body.name.casefold()
    for d in it.get("decisions") or []:
        if (d.get("body") or meeting.body.name).casefold() != body:
            continue
        if d.get("date") and d["date"] != meeting.date.isoformat():
            continue
        votes.extend(d.get("votes") or [])
        statements.extend(d.get("statements") or [])
    names = [bare_name(str(n)) for n in it.get("disqualified") or [] if str(n).strip()]
    return _Record(item=item, votes=votes, statements=statements, disqualified=names)


def store_legal_record(
    meeting: Meeting, doc: dict, stored: list[AgendaItem], *, by: Actor, reason: str
) -> list[str]:
    """Store what the minutes state of votes, statements and disqualification, the document's items
    stored as `stored`; returns warnings."""
    if doc.get("kind") != "minutes":
        return []
    pairs = zip(doc.get("items") or [], stored, strict=True)
    records = [_own(it, item, meeting) for it, item in pairs]
    records = [r for r in records if r.votes or r.statements or r.disqualified]
    if not records:
        return []
    if meeting.status in (MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED):
        meeting_services.set_historical_status(meeting, status=MeetingStatus.HELD, by=by)
    parties = _party_names(meeting)
    warnings: list[str] = []
    for record in records:
        record.item.meeting = meeting  # the status just set, not the one the item was loaded with
        warnings += _votes(record, parties, by=by, reason=reason)
        _statements(record, by=by, reason=reason)
        warnings += _disqualified(record, by=by, reason=reason)
    return warnings


def _party_names(meeting: Meeting) -> set[str]:
    org = meeting.body.organization
    found = Party.objects.filter(organization=org).values_list("letter", "name")
    return {value.casefold() for pair in found for value in pair}


def _wanted(v: dict, parties: set[str]) -> _Vote | None:
    groups = {c: [str(n).strip() for n in v.get(c) or [] if str(n).strip()] for c in CHOICES}
    given = v.get("counts")
    counts: dict[str, int] | None = None
    if isinstance(given, list) and len(given) == 3 and all(isinstance(n, int) for n in given):
        counts = dict(zip(CHOICES, given, strict=True))
    elif any(groups.values()) and all(
        is_person(n) and n.casefold() not in parties for group in groups.values() for n in group
    ):
        counts = {c: len(groups[c]) for c in CHOICES}  # each name one vote
    result = v.get("result") if v.get("result") in VoteResult.values else None
    if result is None and counts is None:
        return None
    if result is None and counts is not None:
        result = VoteResult.ADOPTED if counts["for"] > counts["against"] else VoteResult.REJECTED
    return _Vote(
        question=str(v.get("question") or "").strip(),
        result=str(result),
        groups=tuple(tuple(groups[c]) for c in CHOICES),
        counts=tuple(counts[c] for c in CHOICES) if counts is not None else None,
    )


def _stored(item: AgendaItem) -> list[tuple[_Vote, bool]]:
    """The item's votes as the interchange gives them, and whether each was imported (no ballots)."""
    out = []
    for vote in item.votes.prefetch_related("ballots"):
        groups = people_queries.vote_groups(vote)
        counts = tuple(groups.counts[c] for c in CHOICES) if groups.counts else None
        key = _Vote(
            question=vote.question,
            result=vote.result,
            groups=tuple(tuple(groups.groups[c]) for c in CHOICES),
            counts=counts,
        )
        out.append((key, not vote.ballots.all()))
    return out


def _votes(record: _Record, parties: set[str], *, by: Actor, reason: str) -> list[str]:
    item = record.item
    warnings = []
    wanted = []
    for v in record.votes:
        vote = _wanted(v, parties) if isinstance(v, dict) else None
        if vote is None:
            warnings.append(
                _("punkt %(n)s: en afstemning uden resultat og stemmetal er ikke gemt") % {"n": item.number}
            )
        else:
            wanted.append(vote)
    if not wanted:
        return warnings
    stored = _stored(item)
    if [key for key, _imported in stored] == wanted:
        return warnings
    by_ballot = {key for key, imported in stored if not imported}
    for imported in item.votes.filter(ballots__isnull=True):
        people_votes.remove_vote(vote=imported, by=by, reason=reason)
    for vote in wanted:
        if vote in by_ballot:
            continue
        try:
            people_votes.record_vote_counts(
                item=item,
                question=vote.question,
                counts=dict(zip(CHOICES, vote.counts, strict=True)) if vote.counts is not None else None,
                result=vote.result,
                printed={c: list(g) for c, g in zip(CHOICES, vote.groups, strict=True)},
                by=by,
                reason=reason,
            )
        except ProtokolError as err:
            warnings.append(_("punkt %(n)s: afstemningen er ikke gemt: %(e)s") % {"n": item.number, "e": err})
    return warnings


def _statements(record: _Record, *, by: Actor, reason: str) -> None:
    item = record.item
    known = {
        (tuple(s.printed_authors or [p.label for p in s.authors.all()]), s.text)
        for s in item.statements.prefetch_related("authors")
    }
    for s in record.statements:
        if not isinstance(s, dict):
            continue
        authors = [str(a).strip() for a in s.get("by") or [] if str(a).strip()]
        text = str(s.get("text") or "").strip()
        if not text or (tuple(authors), text) in known:
            continue
        people_votes.add_printed_statement(item=item, authors=authors, text=text, by=by, reason=reason)
        known.add((tuple(authors), text))


def _disqualified(record: _Record, *, by: Actor, reason: str) -> list[str]:
    item = record.item
    org = item.meeting.body.organization
    warnings = []
    for name in record.disqualified:
        if item.disqualifications.filter(person__name__iexact=name).exists():
            continue
        matches = list(Person.objects.filter(organization=org, name__iexact=name)[:2])
        if len(matches) == 1:
            person = matches[0]
        else:
            person = people_services.create_person(organization=org, name=name, by=by)
            if matches:
                warnings.append(
                    _(
                        "punkt %(n)s: flere personer hedder %(p)s; inhabiliteten er registreret på en ny person"
                    )
                    % {"n": item.number, "p": name}
                )
        try:
            people_votes.declare_disqualified(item=item, person=person, by=by, reason=reason)
        except ProtokolError as err:
            warnings.append(_("punkt %(n)s: %(e)s") % {"n": item.number, "e": err})
    return warnings

"""The demo's legal record on council meetings: a vote by party on an ændringsforslag that falls, the
indstilling adopted with a member voting against their list, the minority's protokoltilførsel, and a
member who declares themself disqualified on another item."""

from __future__ import annotations

from protokol.common.actors import Actor
from protokol.meetings.enums import BodyKind
from protokol.meetings.models import Meeting
from protokol.people import queries, votes
from protokol.people.enums import VoteChoice


def record(meeting: Meeting, *, by: Actor) -> int:
    """Votes on the council's first two open items that take a decision; returns the votes recorded."""
    if meeting.body.kind != BodyKind.COUNCIL:
        return 0
    items = [
        item
        for item in meeting.items.filter(public=True).exclude(title="Eventuelt").order_by("position")
        if queries.voters(item).exists()
    ][:2]
    if not items:
        return 0
    first = items[0]
    voters = list(queries.voters(first))
    letters = sorted({a.person.party.letter for a in voters if a.person.party})
    if len(letters) < 3:
        return 0
    # The largest list proposes, the rest carry the indstilling; the smallest list dissents.
    sizes = {x: sum(1 for a in voters if a.person.party and a.person.party.letter == x) for x in letters}
    proposer = max(letters, key=lambda x: (sizes[x], x))
    dissenter = min((x for x in letters if x != proposer), key=lambda x: (sizes[x], x))
    others = [x for x in letters if x not in (proposer, dissenter)]
    votes.record_vote(
        item=first,
        question=f"Ændringsforslag fra {proposer}",
        parties={
            proposer: VoteChoice.FOR,
            dissenter: VoteChoice.FOR,
            **dict.fromkeys(others, VoteChoice.AGAINST),
        },
        by=by,
    )
    rebel = next((a.person for a in voters if a.person.party and a.person.party.letter == others[0]), None)
    votes.record_vote(
        item=first,
        question="Indstillingen",
        parties={
            proposer: VoteChoice.FOR,
            dissenter: VoteChoice.AGAINST,
            **dict.fromkeys(others, VoteChoice.FOR),
        },
        persons={rebel: VoteChoice.ABSTAIN} if rebel is not None else None,
        by=by,
    )
    against = [a.person for a in voters if a.person.party and a.person.party.letter == dissenter]
    votes.add_statement(
        item=first,
        authors=against,
        text="Forslaget flytter pengene fra de svageste. Vi kan ikke stå bag det.",
        by=by,
    )
    if len(items) > 1:
        member = next(a.person for a in queries.voters(items[1]))
        votes.declare_disqualified(
            item=items[1], person=member, grounds="Nær familie er part i sagen.", self_declared=True, by=by
        )
    return 2

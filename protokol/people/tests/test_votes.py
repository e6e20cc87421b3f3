"""Votes, protokoltilførsler and disqualification: who may vote, who may dissent, and who may not read."""

from datetime import date

import pytest
from django.test import Client

from protokol.common.errors import ProtokolError
from protokol.meetings import services as meeting_services
from protokol.meetings.enums import Role
from protokol.meetings.interchange import export_meeting
from protokol.meetings.tests import factories
from protokol.people import queries, services, votes
from protokol.people.enums import AttendanceStatus, MembershipRole, VoteResult
from protokol.people.tests.factories import seat

DAY = date(2026, 10, 7)


@pytest.fixture
def council(system):
    """A council of seven (A 3, V 2, F 1, Ø 1), one of A away with a deputy called in; the meeting held."""
    body = factories.body("Byrådet", kind="council")
    m = factories.meeting(body, day=DAY)
    item = factories.item(m, "Budget 2027")
    members = {
        name: seat(body, name, letter=letter, with_login=True).person
        for name, letter in (
            ("Anna Andersen", "A"),
            ("Bent Bach", "A"),
            ("Cecilie Cold", "A"),
            ("Dan Dahl", "V"),
            ("Eva Ek", "V"),
            ("Finn Fisk", "F"),
            ("Gitte Gram", "Ø"),
        )
    }
    members["Hans Hald"] = seat(
        body, "Hans Hald", letter="A", role=MembershipRole.DEPUTY, with_login=True
    ).person
    meeting_services.publish_agenda(m, by=system)
    services.prefill_attendance(meeting=m, by=system)
    services.set_attendance(
        meeting=m, person=members["Cecilie Cold"], status=AttendanceStatus.EXCUSED, by=system
    )
    services.call_in_deputy(meeting=m, for_person=members["Cecilie Cold"], by=system)
    meeting_services.mark_held(m, by=system)
    meeting_services.record_decision(item=item, text="Indstillingen blev godkendt.", by=system)
    return m, item, members


def test_votes_by_party_with_exceptions_and_the_counts_follow_attendance(council, system):
    m, item, p = council
    amendment = votes.record_vote(
        item=item,
        question="Ændringsforslag fra V",
        parties={"V": "for", "A": "against", "F": "against"},
        persons={p["Gitte Gram"]: "abstain"},
        by=system,
    )
    assert amendment.result == VoteResult.REJECTED
    groups = queries.vote_groups(amendment)
    assert groups.groups == {"for": ["V"], "against": ["A", "F"], "abstain": ["Ø"]}
    assert groups.counts == {"for": 2, "against": 4, "abstain": 1}  # A: Anna, Bent and Hans for Cecilie
    split = votes.record_vote(
        item=item,
        question="Indstillingen",
        parties={"A": "for", "V": "for", "F": "against", "Ø": "against"},
        persons={p["Eva Ek"]: "abstain"},
        by=system,
    )
    assert split.result == VoteResult.ADOPTED
    assert queries.vote_groups(split).groups == {
        "for": ["A", "Dan Dahl (V)"],
        "against": ["F", "Ø"],
        "abstain": ["Eva Ek (V)"],
    }
    decision = export_meeting(m)["items"][0]["decisions"][0]
    assert [v["counts"] for v in decision["votes"]] == [[2, 4, 1], [4, 2, 1]]


def test_a_vote_cannot_count_more_voters_than_were_present(council, system):
    m, item, p = council
    with pytest.raises(ProtokolError, match="afgivet 8 stemmer, men kun 7 deltog"):
        votes.record_vote_counts(
            item=item, question="Indstillingen", counts={"for": 5, "against": 3}, by=system
        )
    with pytest.raises(ProtokolError, match="deltager ikke i behandlingen"):  # away, her deputy votes
        votes.record_vote(item=item, question="Indstillingen", persons={p["Cecilie Cold"]: "for"}, by=system)
    services.set_item_absence(item=item, person=p["Finn Fisk"], by=system)
    with pytest.raises(ProtokolError, match="afgivet 7 stemmer, men kun 6 deltog"):
        votes.record_vote_counts(
            item=item, question="Indstillingen", counts={"for": 4, "against": 3}, by=system
        )
    assert not item.votes.exists()
    assert votes.record_vote_counts(
        item=item, question="Indstillingen", counts={"for": 4, "against": 2}, by=system
    )


def test_a_majority_members_protokoltilfoersel_is_refused(council, system):
    m, item, p = council
    votes.record_vote(
        item=item,
        question="Indstillingen",
        parties={"A": "for", "V": "for", "F": "against", "Ø": "abstain"},
        by=system,
    )
    with pytest.raises(ProtokolError, match="Dan Dahl \\(V\\) stemte med flertallet"):
        votes.add_statement(item=item, authors=[p["Finn Fisk"], p["Dan Dahl"]], text="Vi er imod.", by=system)
    assert not item.statements.exists()
    joint = votes.add_statement(
        item=item,
        authors=[p["Finn Fisk"], p["Gitte Gram"]],
        text="F og Ø finder budgettet usocialt.",
        by=system,
    )
    assert sorted(a.name for a in joint.authors.all()) == ["Finn Fisk", "Gitte Gram"]
    statements = export_meeting(m)["items"][0]["decisions"][0]["statements"]
    assert statements == [
        {"by": ["Finn Fisk (F)", "Gitte Gram (Ø)"], "text": "F og Ø finder budgettet usocialt."}
    ]


def test_a_disqualified_member_cannot_vote_and_is_away_from_the_item(council, system):
    m, item, p = council
    votes.declare_disqualified(item=item, person=p["Dan Dahl"], grounds="Ejer en af grundene.", by=system)
    with pytest.raises(ProtokolError, match="Dan Dahl \\(V\\) er inhabil i punktet"):
        votes.record_vote(item=item, question="Indstillingen", persons={p["Dan Dahl"]: "for"}, by=system)
    vote = votes.record_vote(item=item, question="Indstillingen", parties={"V": "for", "A": "for"}, by=system)
    assert [b.person.name for b in vote.ballots.filter(person__party__letter="V")] == ["Eva Ek"]
    assert queries.quorum(item).taking_part == 6
    doc = export_meeting(m)["items"][0]
    assert doc["disqualified"] == ["Dan Dahl"] and "Ejer" not in str(doc)  # the grounds stay internal


def test_nothing_is_recorded_before_the_meeting_and_after_approval_only_as_an_amendment(council, system):
    m, item, p = council
    meeting_services.approve_minutes(m, by=system)
    with pytest.raises(ProtokolError, match="begrundelse"):
        votes.add_statement(item=item, authors=[p["Finn Fisk"]], text="Imod.", by=system)
    votes.add_statement(
        item=item, authors=[p["Finn Fisk"]], text="Imod.", by=system, reason="Glemt ved mødet."
    )
    m.refresh_from_db()
    assert m.amendments.get().change["action"] == "item.statement" and meeting_services.minutes_match(m)


def _canaried_meeting(system):
    """A committee meeting with two closed items full of canary words; one member disqualified on the first."""
    from protokol.cases import services as case_services
    from protokol.leak_crawl import Canaries

    body = factories.body("Ejendomsudvalget")
    m = factories.meeting(body, day=DAY)
    canaries = Canaries([body])
    items = []
    for _ in range(2):
        item = factories.item(m, f"Salg af grund {canaries.word(m, 'title')}", public=False)
        meeting_services.set_sections(
            item=item, sections=[("Sagsfremstilling", f"Køber er {canaries.word(m, 'section')}.")], by=system
        )
        case_services.add_attachment(
            item=item, title=f"Købsaftale {canaries.word(m, 'attachment')}", public=False, by=system
        )
        items.append(item)
    member = seat(body, "Dan Dahl", letter="V", with_login=True).person
    meeting_services.publish_agenda(m, by=system)
    services.prefill_attendance(meeting=m, by=system)
    meeting_services.mark_held(m, by=system)
    for item in items:
        meeting_services.record_decision(
            item=item, text=f"Solgt til {canaries.word(m, 'decision')}.", by=system
        )
    votes.declare_disqualified(item=items[0], person=member, grounds="Nabo til grunden.", by=system)
    return m, items, member, canaries


def test_a_disqualified_member_finds_nothing_of_the_closed_items_content(system):
    from protokol.leak_crawl import crawl_site, leak_report
    from protokol.search import outbox

    m, items, member, canaries = _canaried_meeting(system)
    outbox.drain()
    doc = export_meeting(m)
    words_of = {item.pk: canaries.find(str(doc["items"][n])) for n, item in enumerate(items)}
    assert all(len(words) == 4 for words in words_of.values())  # title, section, attachment, decision
    client = Client()
    client.force_login(member.user)
    crawl = crawl_site(client, "disqualified member", m.body.organization, canaries)
    leaked = set(crawl.found) & words_of[items[0].pk]
    assert not leaked, leak_report(crawl, canaries, leaked)
    # The other closed item is still theirs to read: the crawl reaches closed content at all.
    assert set(crawl.found) & words_of[items[1].pk]
    assert member.user.memberships.filter(body=m.body, role=Role.MEMBER).exists()


def test_votes_and_statements_are_searchable_where_the_decision_is(council, system):
    from protokol.search import outbox
    from protokol.search.query import search

    m, item, p = council
    votes.record_vote(
        item=item, question="Ændringsforslag om kystsikring", parties={"A": "for", "V": "for"}, by=system
    )
    votes.record_vote(item=item, question="Indstillingen", parties={"A": "for", "F": "against"}, by=system)
    votes.add_statement(item=item, authors=[p["Finn Fisk"]], text="Budgettet svigter ældreplejen.", by=system)
    outbox.drain()
    member = p["Anna Andersen"].user
    assert search("kystsikring", user=member).count == 1
    assert search("ældreplejen", user=member).count == 1
    assert search("ældreplejen").count == 0  # the public waits for the published minutes
    meeting_services.approve_minutes(m, by=system)
    meeting_services.publish_minutes(m, by=system)
    outbox.drain()
    assert [h.title for h in search("ældreplejen").hits] == ["Budget 2027"]

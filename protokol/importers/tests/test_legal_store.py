"""Storing the legal record of imported minutes: votes, protokoltilførsler and disqualification."""

from __future__ import annotations

import copy

import pytest

from protokol.importers.parse import parse_file, parse_text
from protokol.importers.store import store_document
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.interchange import export_meeting
from protokol.meetings.models import Amendment
from protokol.meetings.services import get_or_create_organization, minutes_digest
from protokol.people.models import Disqualification, Person, Statement, Vote
from protokol.people.tests.factories import person

from .scoring import CORPUS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _installation_organization(db):
    """The installation's one organisation, where the imported documents go when none is named."""
    from protokol.meetings.tests import factories

    return factories.organization("Testby Kommune")


ORG = "Fjordby Kommune"
MINUTES = """REFERAT

Byrådet

Mødedato: 12. marts 2024 kl. 17:00

Punkt 1: Budget 2025

Sagsforløb

Økonomiudvalget den 5. marts 2024:
Anbefales.

Venstre stemte imod.

Beslutning

Ændringsforslaget fra V blev sat under afstemning.
For stemte: V (2). Imod stemte: A, F (4). Undlod at stemme: Ø (1).
Ændringsforslaget blev forkastet.

Indstillingen blev herefter sat under afstemning.
For stemte: A, V (6). Imod stemte: Finn Fisk (F). Undlod at stemme: Gitte Gram (Ø).

Forslaget blev vedtaget.

Finn Fisk (F) og Gitte Gram (Ø) ønskede følgende tilført protokollen: Budgettet rammer de svageste.

Punkt 2: Salg af grund

Beslutning

Godkendt.

Socialdemokratiet kunne ikke tiltræde indstillingen.

Niels Viderø (V) erklærede sig inhabil og forlod mødet under punktets behandling.

Punkt 3: Valg af medlemmer

Beslutning

Godkendt.

Anne Ask og Bo Bak stemte imod.
"""


def _store(system, text: str = MINUTES, source: str = "byraad.txt"):
    return store_document(parse_text(text), by=system, organization=ORG, source=source)


def test_votes_statements_and_disqualification_are_stored_and_sealed_with_the_minutes(system):
    result = _store(system)
    meeting = result.meeting
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED
    budget, sale, election = meeting.items.order_by("number")
    votes = list(budget.votes.all())
    assert [(v.question, v.result, v.counts) for v in votes] == [
        ("Ændringsforslaget fra V", "rejected", {"for": 2, "against": 4, "abstain": 1}),
        # a person's name counts as one vote where the group has no number
        ("Indstillingen", "adopted", {"for": 6, "against": 1, "abstain": 1}),
    ]
    assert votes[1].printed == {
        "for": ["A", "V"],
        "against": ["Finn Fisk (F)"],
        "abstain": ["Gitte Gram (Ø)"],
    }
    (statement,) = budget.statements.all()
    assert statement.printed_authors == ["Finn Fisk (F)", "Gitte Gram (Ø)"]
    assert statement.text == "Budgettet rammer de svageste."
    # Økonomiudvalget's "Venstre stemte imod" is that committee's record, not this meeting's
    assert len(votes) == 2
    # a party that could not agree: the group as printed, the numbers unknown
    (dissent,) = sale.votes.all()
    assert (dissent.question, dissent.result, dissent.counts) == ("Indstillingen", "adopted", None)
    assert dissent.printed["against"] == ["Socialdemokratiet"]
    assert [d.person.name for d in sale.disqualifications.all()] == ["Niels Viderø"]
    # persons by name only: counted by name
    assert election.votes.get().counts == {"for": 0, "against": 2, "abstain": 0}
    exported = export_meeting(meeting)["items"]
    assert exported[1]["disqualified"] == ["Niels Viderø"]
    assert "counts" not in exported[1]["decisions"][0]["votes"][0]
    assert exported[0]["decisions"][-1]["statements"] == [
        {"by": ["Finn Fisk (F)", "Gitte Gram (Ø)"], "text": "Budgettet rammer de svageste."}
    ]
    # recorded while held, then sealed: no amendment, and the checksum covers the votes
    assert not Amendment.objects.exists()
    assert meeting.minutes_hash == minutes_digest(meeting)


def test_importing_the_same_minutes_again_changes_nothing(system):
    meeting = _store(system).meeting
    rows = (
        Vote.objects.count(),
        Statement.objects.count(),
        Disqualification.objects.count(),
        Person.objects.count(),
    )
    digest = meeting.minutes_hash
    again = _store(system).meeting
    assert again == meeting
    assert (
        Vote.objects.count(),
        Statement.objects.count(),
        Disqualification.objects.count(),
        Person.objects.count(),
    ) == rows
    assert not Amendment.objects.exists()
    assert again.minutes_hash == digest


def test_a_changed_vote_on_reimport_replaces_the_imported_one_by_amendment(system):
    meeting = _store(system).meeting
    changed = MINUTES.replace(
        "For stemte: V (2). Imod stemte: A, F (4).", "For stemte: V (3). Imod stemte: A, F (4)."
    )
    _store(system, changed, source="byraad-rettet.txt")
    budget = meeting.items.get(number=1)
    assert [(v.question, v.counts["for"]) for v in budget.votes.all()] == [
        ("Ændringsforslaget fra V", 3),
        ("Indstillingen", 6),
    ]
    amendments = list(Amendment.objects.all())
    assert amendments and all("byraad-rettet.txt" in a.reason for a in amendments)
    assert Statement.objects.count() == 1


def test_disqualified_members_are_matched_by_name_and_never_guessed(system):
    org = get_or_create_organization(name=ORG, by=system)
    known = person(org, "Niels Viderø", letter="V")
    twin_a, twin_b = person(org, "Anne Ask"), person(org, "Anne Ask")
    text = MINUTES.replace(
        "Niels Viderø (V) erklærede sig inhabil og forlod mødet under punktets behandling.",
        "Niels Viderø (V) og Anne Ask erklærede sig inhabile.\n\n"
        "Ole Olsen deltog ikke i behandlingen af punktet på grund af inhabilitet.",
    )
    result = _store(system, text)
    sale = result.meeting.items.get(number=2)
    people = {d.person.name: d.person for d in sale.disqualifications.select_related("person")}
    assert set(people) == {"Niels Viderø", "Anne Ask", "Ole Olsen"}
    assert people["Niels Viderø"] == known
    assert people["Anne Ask"] not in (twin_a, twin_b)  # two of that name: a new one, and a warning
    assert "Anne Ask" in result.summary()
    assert Person.objects.filter(organization=org, name="Ole Olsen").count() == 1
    again = _store(system, text)
    assert Person.objects.filter(organization=org, name="Anne Ask").count() == 3
    assert sale.disqualifications.count() == 3 and "Anne Ask" not in again.summary()


def test_an_agenda_stores_no_votes_and_the_minutes_after_it_do(system):
    doc = parse_text(MINUTES)
    agenda = copy.deepcopy(doc)
    agenda["kind"] = "agenda"
    for it in agenda["items"]:
        it["decisions"] = []
    meeting = store_document(agenda, by=system, organization=ORG).meeting
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED and not Vote.objects.exists()
    store_document(doc, by=system, organization=ORG)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED
    assert Vote.objects.filter(item__meeting=meeting).count() == 4
    assert not Amendment.objects.exists()


def test_the_aarhus_minutes_store_their_dissents(system):
    source = CORPUS / "aarhus_byraadet_2025-08-27.pdf"
    if not source.is_file():
        pytest.skip(f"the corpus {CORPUS} is absent")
    meeting = store_document(parse_file(source), by=system, source=source.name).meeting
    item = meeting.items.get(number=3)
    assert [(v.question, v.printed["against"]) for v in item.votes.all()] == [
        (
            "Indstillingens beslutningspunkter 1 og 2",
            ["Socialistisk Folkeparti", "Enhedslisten de Rød-Grønne", "Viggo Jonasen"],
        ),
        ("Indstillingen", ["Radikale Venstre", "Alternativet"]),
    ]
    assert all(v.counts is None for v in item.votes.all())
    # the Magistrate's reservations are the Magistrate's: not stored on this meeting
    assert not Statement.objects.exists()
    assert not Amendment.objects.exists()

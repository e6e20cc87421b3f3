"""Round trip of the legal record: a council meeting's votes, protokoltilførsel and disqualification,
exported, printed as minutes (PDF), read back by `protokol parse`, and stored again.

The minutes' renderer does not print the legal record yet: `_printed` puts the lines in the decision text
the way it will print them (rendering/legal_record.py, the forms of issue #16), and the rest is the real
PDF renderer and the real parser. The last test asks the renderer itself and fails until it prints them.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from protokol.cli import app
from protokol.importers.store import store_document
from protokol.meetings import services as meeting_services
from protokol.meetings.interchange import export_meeting
from protokol.meetings.tests import factories
from protokol.people import services, votes
from protokol.people.enums import AttendanceStatus
from protokol.people.tests.factories import seat
from protokol.rendering.documents import render_meeting

pytestmark = pytest.mark.django_db

DAY = date(2026, 10, 7)
KEYS = ("votes", "statements")


@pytest.fixture
def council(system):
    """A council of seven (A 3, V 2, F 1, Ø 1); two votes on the budget with a protokoltilførsel of the
    minority, and a member of V disqualified on the sale of a plot."""
    body = factories.body("Byrådet", kind="council")
    m = factories.meeting(body, day=DAY)
    budget = factories.item(m, "Budget 2027")
    sale = factories.item(m, "Salg af grund")
    members = {
        name: seat(body, name, letter=letter).person
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
    meeting_services.publish_agenda(m, by=system)
    services.prefill_attendance(meeting=m, by=system)
    services.set_attendance(
        meeting=m, person=members["Cecilie Cold"], status=AttendanceStatus.EXCUSED, by=system
    )
    meeting_services.mark_held(m, by=system)
    meeting_services.record_decision(item=budget, text="Indstillingen blev godkendt.", by=system)
    meeting_services.record_decision(item=sale, text="Godkendt.", by=system)
    votes.record_vote(
        item=budget,
        question="Ændringsforslag fra V",
        parties={"V": "for", "A": "against", "F": "against"},
        persons={members["Gitte Gram"]: "abstain"},
        by=system,
    )
    votes.record_vote(
        item=budget,
        question="Indstillingen",
        parties={"A": "for", "V": "for", "F": "against", "Ø": "against"},
        persons={members["Eva Ek"]: "abstain"},
        by=system,
    )
    votes.add_statement(
        item=budget,
        authors=[members["Finn Fisk"], members["Gitte Gram"]],
        text="F og Ø finder budgettet usocialt. Det rammer de svageste.",
        by=system,
    )
    votes.declare_disqualified(item=sale, person=members["Dan Dahl"], by=system, grounds="Nabo til grunden")
    return m


def _record(doc: dict) -> list[tuple]:
    """Per item: its disqualified and its decisions' votes and statements."""
    return [
        (
            it["number"],
            it.get("disqualified", []),
            [{k: d[k] for k in KEYS if k in d} for d in it["decisions"]],
        )
        for it in doc["items"]
    ]


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_rendered_minutes_read_back_to_the_same_votes_statements_and_disqualified(
    council, tmp_path, system, fmt
):
    exported = export_meeting(council)
    record = _record(exported)
    assert record[0][2][0]["votes"][1]["for"] == ["A", "Dan Dahl (V)"]  # the exceptions by person
    assert record[1][1] == ["Dan Dahl"]
    path = tmp_path / f"referat.{fmt}"
    path.write_bytes(render_meeting(council, edition="internal", fmt=fmt))

    result = CliRunner().invoke(app, ["parse", str(path)])
    assert result.exit_code == 0, result.output
    parsed = json.loads(result.stdout)
    assert _record(parsed) == record

    # and stored again, in another organisation: the same record, by the printed names
    stored = store_document(parsed, by=system, organization=f"Genlæst Kommune {fmt}").meeting
    assert _record(export_meeting(stored)) == record

"""The reference minutes stored through the services come back out of `protokol export` unchanged."""

import json

import pytest
from typer.testing import CliRunner

from protokol.cli import app
from protokol.common.testing import load_scorer
from protokol.meetings.tests.reference import reference_document

pytestmark = pytest.mark.django_db


def test_export_scores_one_against_the_reference(reference_meeting):
    result = CliRunner().invoke(app, ["export", "direktionen/2016-05-30"])
    assert result.exit_code == 0, result.output
    exported = json.loads(result.stdout)
    checks = load_scorer().score(reference_document(), exported)
    failed = [name for name, ok in checks if not ok]
    score = sum(ok for _, ok in checks) / len(checks)
    print(f"export score against the reference: {score:.3f} ({len(checks)} checks)")
    assert failed == []
    assert len(checks) >= 99  # every field of the 7 items is checked


def test_export_by_id_is_the_same_meeting(reference_meeting):
    by_key = CliRunner().invoke(app, ["export", "direktionen/2016-05-30"]).stdout
    by_id = CliRunner().invoke(app, ["export", str(reference_meeting.pk)]).stdout
    assert by_key == by_id


def test_reference_holds_everything_the_document_shows(reference_meeting):
    m = reference_meeting
    assert m.kind == "minutes"
    assert m.items.count() == 7
    closed = m.items.get(number=6)
    assert closed.public is False and closed.case is None
    facebook = m.items.get(number=5)
    assert facebook.route_names == ["Direktion", "Økonomiudvalg", "Kommunalbestyrelse"]
    # The route's names resolve to the organisation's bodies through their aliases.
    assert [s.body.name for s in facebook.route_steps.all()] == [
        "Direktionen",
        "Økonomiudvalget",
        "Kommunalbestyrelsen",
    ]
    assert facebook.case.journal_number == "00.13.00"
    assert facebook.decisions.get().outcome == "recommended"
    assert m.items.get(number=1).sections.get(heading="Indstillinger").kind == "recommendation"
    assert len(m.minutes_hash) == 64

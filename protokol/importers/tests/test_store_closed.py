"""The interchange keys of a closed item's public fields are stored when present, and exported again."""

import copy

import pytest
from typer.testing import CliRunner

from protokol.cli import app
from protokol.importers.store import store_document
from protokol.meetings.tests.reference import reference_document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _installation_organization(db):
    """The installation's one organisation, where the imported documents go when none is named."""
    from protokol.meetings.tests import factories

    return factories.organization("Testby Kommune")


def _with_public_fields() -> dict:
    doc = reference_document()
    closed = doc["items"][5]
    closed["public_title"] = "Direktionens seminar"
    closed["closed_reason"] = {"category": "personal", "text": "Drøftelsen angår enkelte ledere."}
    closed["decisions"] = [
        {
            "body": "Direktionen",
            "date": "2016-05-30",
            "text": "Drøftet.",
            "public_text": "Sagen blev drøftet.",
        }
    ]
    return doc


def test_public_title_reason_and_public_text_are_stored_and_exported(system, monkeypatch):
    import protokol.cli

    monkeypatch.setattr(protokol.cli, "_django", lambda: None)
    meeting = store_document(_with_public_fields(), by=system, source="ref.txt").meeting
    item = meeting.items.get(number=6)
    assert item.public_title == "Direktionens seminar" and item.shown_public_title == "Direktionens seminar"
    assert (item.closed_reason, item.closed_reason_text) == ("personal", "Drøftelsen angår enkelte ledere.")
    assert item.decisions.get().public_text == "Sagen blev drøftet."
    result = CliRunner().invoke(app, ["export", meeting.key])
    assert result.exit_code == 0, result.output
    assert '"public_title": "Direktionens seminar"' in result.output
    assert '"category": "personal"' in result.output
    assert '"public_text": "Sagen blev drøftet."' in result.output


def test_without_public_title_the_printed_title_is_the_public_one_and_a_reimport_keeps_what_was_filled(
    system,
):
    doc = reference_document()
    meeting = store_document(doc, by=system, source="ref.txt").meeting
    item = meeting.items.get(number=6)
    # The document printed the closed item's title for anyone: that is its public title.
    assert item.public_title == doc["items"][5]["title"]
    again = copy.deepcopy(_with_public_fields())
    store_document(again, by=system, source="ref.txt")
    store_document(doc, by=system, source="ref.txt")  # a document without the keys changes none of them
    item.refresh_from_db()
    assert item.public_title == "Direktionens seminar" and item.closed_reason == "personal"

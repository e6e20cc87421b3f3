import pytest

from protokol.meetings.editions import edition_of, internal_edition, public_edition
from protokol.rendering.tests.helpers import reference_doc


def _doc() -> dict:
    doc = reference_doc(organization="Kalundborg Kommune")
    closed = doc["items"][5]
    closed.update(
        case_number="326-2016-1",
        case_type="Drøftelse",
        route=["Direktionen"],
        sections=[{"heading": "Sagsfremstilling", "text": "hemmeligt"}],
        attachments=[{"title": "hemmeligt bilag", "document_number": "1"}],
        decisions=[{"body": "Direktionen", "date": "2016-05-30", "text": "hemmeligt", "outcome": "approved"}],
        secret_extra="hemmeligt",
    )
    doc["items"][0]["attachments"].append({"title": "lukket bilag", "document_number": "2", "public": False})
    return doc


def test_public_edition_reduces_closed_items_to_their_public_fields():
    doc = _doc()
    doc["items"][5].update(
        public_title="Seminar",
        closed_reason={"category": "personal", "text": "Af hensyn til enkeltpersoner.", "x": "hemmeligt"},
    )
    doc["items"][5]["decisions"][0].update(public_text="Drøftet.")
    pub = public_edition(doc)
    assert pub["edition"] == "public"
    assert pub["items"][5] == {
        "number": 6,
        "title": "Seminar",
        "public_title": "Seminar",
        "public": False,
        "closed_reason": {"category": "personal", "text": "Af hensyn til enkeltpersoner."},
        "decisions": [
            {
                "body": "Direktionen",
                "date": "2016-05-30",
                "public_text": "Drøftet.",
                "public_text_withheld": None,
            }
        ],
    }
    assert public_edition(pub) == pub  # reducing twice (a renderer applies the edition again) changes nothing
    assert "hemmeligt" not in str(pub)


def test_a_closed_item_without_a_neutral_title_or_with_a_confidential_subject_is_lukket_punkt():
    doc = _doc()
    assert public_edition(doc)["items"][5]["title"] == "Lukket punkt"
    doc["items"][5].update(public_title="Seminar", closed_reason={"subject_confidential": True})
    assert public_edition(doc)["items"][5]["title"] == "Lukket punkt"


def test_public_edition_drops_closed_attachments_of_open_items():
    pub = public_edition(_doc())
    titles = [a["title"] for a in pub["items"][0]["attachments"]]
    assert titles == ["Pejlemærker for fremtidens styring. 25.5.2016"]


def test_public_edition_keeps_open_items_whole():
    doc = _doc()
    pub = public_edition(doc)
    for before, after in zip(doc["items"][1:5], pub["items"][1:5], strict=True):
        assert before == after


def test_item_without_public_flag_counts_as_closed():
    doc = _doc()
    del doc["items"][0]["public"]
    assert set(public_edition(doc)["items"][0]) == {
        "number",
        "title",
        "public_title",
        "public",
        "closed_reason",
        "decisions",
    }


def test_editions_are_deep_copies():
    doc = _doc()
    pub = public_edition(doc)
    internal = internal_edition(doc)
    pub["items"][0]["sections"][0]["text"] = "changed"
    internal["items"][5]["sections"][0]["text"] = "changed"
    assert doc["items"][0]["sections"][0]["text"] != "changed"
    assert doc["items"][5]["sections"][0]["text"] == "hemmeligt"
    assert "edition" not in doc


def test_internal_edition_keeps_everything():
    doc = _doc()
    internal = internal_edition(doc)
    assert internal["edition"] == "internal"
    assert {k: v for k, v in internal.items() if k != "edition"} == doc


def test_edition_of_defaults_to_public_and_refuses_unknown():
    doc = _doc()
    assert edition_of(doc)["items"][5] == public_edition(doc)["items"][5]
    assert edition_of(doc | {"edition": "internal"})["items"][5]["secret_extra"] == "hemmeligt"
    with pytest.raises(ValueError):
        edition_of(doc | {"edition": "intern"})

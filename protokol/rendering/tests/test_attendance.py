"""Attendance, item absence and signatures in the rendered minutes, and the round trip back through the importer."""

import json
import re

import lxml.html
import pytest
from typer.testing import CliRunner

from protokol.cli import app
from protokol.meetings import services as meeting_services
from protokol.meetings.editions import agenda_edition, public_edition
from protokol.meetings.interchange import export_meeting
from protokol.people import services
from protokol.people.tests.scenes import held_meeting_with_attendance
from protokol.rendering import present
from protokol.rendering.documents import meeting_document
from protokol.rendering.html import render_html
from protokol.rendering.pdf import render_pdf
from protokol.rendering.tests.helpers import body_lines, normalize, pdf_pages, reference_doc

PARTICIPANTS = [
    {"name": "Lars Hansen", "party": "A", "role": "formand", "present": True, "substitute_for": None},
    {"name": "Mette Jensen", "party": "Ø", "role": "medlem", "present": True, "substitute_for": None},
]
SIGNATURES = [
    {"name": "Lars Hansen", "party": "A", "at": "2016-06-01T10:05:00+02:00", "current": True},
    {"name": "Mette Jensen", "party": "Ø", "at": "2016-05-31T09:00:00+02:00", "current": False},
]


def _doc(**extra):
    doc = reference_doc(participants=PARTICIPANTS, signatures=SIGNATURES, **extra)
    doc["items"][1]["absent"] = ["Mette Jensen"]
    return doc


def test_the_item_absence_stands_under_the_items_heading_with_the_party():
    lines = body_lines(pdf_pages(render_pdf(_doc(edition="internal"))))
    heading = lines.index("Punkt 2: Niveau 2 ledermøde 2. juni 2016")
    assert "Mette Jensen (Ø) deltog ikke i behandlingen af dette punkt." in lines[heading : heading + 4]
    tree = lxml.html.fromstring(render_html(_doc()))
    assert [normalize(p.text_content()) for p in tree.xpath("//p[@class='absent']")] == [
        "Mette Jensen (Ø) deltog ikke i behandlingen af dette punkt."
    ]


def test_the_internal_edition_lists_the_signatures_and_the_public_one_does_not():
    internal = body_lines(pdf_pages(render_pdf(_doc(edition="internal"))))
    start = internal.index("Underskrifter")
    assert normalize(" ".join(internal[start + 1 :])) == (
        "Lars Hansen (A) Underskrevet 1. juni 2016 kl. 10:05 "
        "Mette Jensen (Ø) Underskrevet 31. maj 2016 kl. 09:00 – givet til en tidligere udgave af teksten"
    )
    public = body_lines(pdf_pages(render_pdf(_doc(edition="public"))))
    assert "Underskrifter" not in public and not any("Underskrevet" in line for line in public)
    html = render_html(_doc(edition="public"))
    assert "Underskrifter" not in html and "Underskrevet" not in html
    assert "Underskrevet 1. juni 2016 kl. 10:05" in render_html(_doc(edition="internal"))
    # At the data level too: the public edition carries no signatures, whatever it is given.
    assert "signatures" not in public_edition(_doc()) and present(_doc())["signatures"] == []


def test_the_agenda_as_sent_carries_no_attendance():
    agenda = agenda_edition(_doc(absent=["Ole Holm"]))
    assert not {"participants", "absent", "signatures"} & set(agenda)
    assert not any("absent" in item for item in agenda["items"])
    assert present(agenda)["attendance"] == []


@pytest.fixture
def scene(system):
    return held_meeting_with_attendance()


def _sorted(participants):
    return sorted(participants, key=lambda p: p["name"])


@pytest.mark.parametrize("fmt", ["pdf", "html"])
@pytest.mark.parametrize("edition", ["internal", "public"])
def test_the_interchange_round_trips_through_render_and_parse(scene, system, tmp_path, fmt, edition):
    meeting = scene.meeting
    if edition == "public":
        meeting_services.approve_minutes(meeting, by=system)
        meeting_services.publish_minutes(meeting, by=system)
    exported = export_meeting(meeting)
    out = tmp_path / f"minutes.{fmt}"
    runner = CliRunner()
    result = runner.invoke(
        app, ["render", str(meeting.pk), "--edition", edition, "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["parse", str(out)])
    assert result.exit_code == 0, result.output
    parsed = json.loads(result.stdout)
    assert _sorted(parsed["participants"]) == _sorted(exported["participants"])
    assert len(exported["participants"]) == 7 and any(p["substitute_for"] for p in exported["participants"])
    assert sorted(parsed["absent"]) == sorted(exported["absent"]) == ["Carl Carlsen", "Finn Friis"]
    absent = {item["number"]: item.get("absent") for item in parsed["items"]}
    assert (
        absent
        == {item["number"]: item.get("absent") for item in exported["items"]}
        == {
            1: None,
            2: ["Gitte Gram"],
        }
    )
    # The sentence is the item's absence, not part of its decision.
    assert [d["text"] for item in parsed["items"] for d in item["decisions"]] == ["Godkendt.", "Godkendt."]


def test_the_internal_minutes_show_who_signed_and_to_which_text(scene, system):
    meeting = scene.meeting
    services.sign_minutes(meeting=meeting, by=scene.chair.user)
    doc = meeting_document(meeting, edition="internal", kind="minutes")
    assert {s["name"]: (s["at"] is not None, s["current"]) for s in doc["signatures"]} == {
        "Anna Andersen": (True, True),
        "Bo Berg": (False, False),
        "Dorte Dam": (False, False),
        "Gitte Gram": (False, False),
    }
    assert not any("email" in s or "user" in s for s in doc["signatures"])
    meeting_services.approve_minutes(meeting, by=system)
    meeting_services.record_decision(
        item=meeting.items.get(number=1), text="Godkendt med en rettelse.", by=system, reason="Skrivefejl."
    )
    meeting.refresh_from_db()
    lines = body_lines(pdf_pages(render_pdf(meeting_document(meeting, edition="internal", kind="minutes"))))
    page = normalize(" ".join(lines[lines.index("Underskrifter") :]))
    assert re.search(
        r"Anna Andersen \(A\) Underskrevet [^–]+ – givet til en tidligere udgave af teksten", page
    )
    assert "Dorte Dam (A) Ikke underskrevet" in page
    for kind in ("minutes", "agenda"):
        public = meeting_document(meeting, edition="public", kind=kind)
        assert "signatures" not in public
    assert "signatures" not in meeting_document(meeting, edition="internal", kind="agenda")

"""The demo council's legal record: printed in its minutes (PDF and HTML) and read back by the parser."""

import json

import pytest
from typer.testing import CliRunner

from protokol.cli import app
from protokol.meetings import demo
from protokol.meetings.enums import BodyKind, MeetingStatus
from protokol.meetings.interchange import export_meeting
from protokol.meetings.models import Meeting
from protokol.rendering.documents import render_meeting

pytestmark = pytest.mark.django_db

KEYS = ("votes", "statements")


def _record(doc: dict) -> list:
    """Per item with any: who was disqualified, and the votes and statements of its decisions."""
    out = []
    for it in doc["items"]:
        entry = (
            it.get("number"),
            it.get("disqualified", []),
            [d[k] for d in it.get("decisions") or [] for k in KEYS if k in d],
        )
        if entry[1] or entry[2]:
            out.append(entry)
    return out


def test_the_demo_councils_minutes_show_and_read_back_their_votes(tmp_path, monkeypatch, client):
    import protokol.cli

    monkeypatch.setattr(protokol.cli, "_django", lambda: None)
    demo.generate(meetings=12, seed=1)
    council = Meeting.objects.filter(
        body__kind=BodyKind.COUNCIL, status=MeetingStatus.MINUTES_PUBLISHED, items__votes__isnull=False
    ).distinct()
    meeting = council.first()
    assert meeting is not None, "the demo has a council meeting with published minutes and votes"
    exported = export_meeting(meeting)
    votes = [v for it in exported["items"] for d in it["decisions"] for v in d.get("votes", [])]
    assert [v["result"] for v in votes] == ["rejected", "adopted"]  # the ændringsforslag falls
    assert any("(" in name for name in votes[1]["abstain"])  # one member voted apart from their list
    assert any(it.get("disqualified") for it in exported["items"])
    for fmt in ("pdf", "html"):
        path = tmp_path / f"referat.{fmt}"
        path.write_bytes(render_meeting(meeting, edition="public", fmt=fmt))
        result = CliRunner().invoke(app, ["parse", str(path)])
        assert result.exit_code == 0, result.output
        text = result.stdout
        assert (
            "For stemte: " in text and "Protokoltilførsel fra " in text and "på grund af inhabilitet" in text
        )
        assert _record(json.loads(text)) == _record(exported)
    # The portal's page of the published minutes prints the same lines.
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "For stemte: " in page and "Protokoltilførsel fra " in page and "på grund af inhabilitet" in page

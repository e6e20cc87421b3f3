"""The minutes PDF prints the checksum the portal shows: of the edition the PDF is, of the minutes' data."""

import pytest

from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.enums import ClosedReason
from protokol.meetings.tests import factories
from protokol.rendering.documents import render_meeting
from protokol.rendering.tests.helpers import pdf_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved():
    by = system_user()
    meeting = factories.meeting(factories.body("Kontroludvalget"))
    item = factories.item(meeting, "Nyt svømmebad", sections=[("Sagsfremstilling", "Et bad til byen.")])
    closed = factories.item(
        meeting,
        "Køb af Strandvejen 12",
        public=False,
        public_title="Køb af ejendom",
        closed_reason=ClosedReason.PROPERTY,
    )
    services.publish_agenda(meeting, by=by)
    services.mark_held(meeting, by=by)
    services.record_decision(item=item, text="Godkendt.", by=by)
    services.record_decision(item=closed, text="Ikke godkendt.", public_text="Sagen er afgjort.", by=by)
    services.approve_minutes(meeting, by=by)
    services.publish_minutes(meeting, by=by)
    meeting.refresh_from_db()
    return meeting


def _front(meeting, edition: str, kind: str = "minutes") -> str:
    return " ".join(pdf_pages(render_meeting(meeting, edition=edition, fmt="pdf", kind=kind))[0])


def test_each_edition_prints_its_own_checksum(approved):
    public = _front(approved, "public")
    assert "Kontrolsum (SHA-256) for den offentlige udgave af referatet, version 1, som godkendt:" in public
    assert approved.public_minutes_hash in public
    # The internal checksum would let anyone test a guess at the closed decision: never in the public PDF.
    assert approved.minutes_hash not in public
    internal = _front(approved, "internal")
    assert "Kontrolsum (SHA-256) for den interne udgave af referatet, version 1, som godkendt:" in internal
    assert approved.minutes_hash in internal and approved.public_minutes_hash not in internal


def test_printing_the_checksum_does_not_change_it(approved):
    """The checksum is of the minutes' data, not of the PDF that prints it: rendering changes nothing."""
    _front(approved, "public")
    assert services.minutes_match(approved, public=True) and services.minutes_match(approved, public=False)


def test_agenda_and_unapproved_minutes_print_no_checksum(approved):
    assert "Kontrolsum" not in _front(approved, "public", kind="agenda")
    draft = factories.meeting(factories.body("Andetudvalg"))
    factories.item(draft, "Et punkt")
    assert "Kontrolsum" not in _front(draft, "internal")


def test_cover_date_is_written_out(approved):
    lines = pdf_pages(render_meeting(approved, edition="public", fmt="pdf", kind="minutes"))[0]
    day = approved.date
    from protokol.common.danish import format_date

    assert f"REFERAT Kontroludvalget {format_date(day)}" in lines
    assert not any(" d. " in line and line.startswith("REFERAT") for line in lines)


def test_html_edition_prints_the_same_checksum(approved):
    html = render_meeting(approved, edition="public", fmt="html", kind="minutes").decode()
    assert f"<code>{approved.public_minutes_hash}</code>" in html and approved.minutes_hash not in html

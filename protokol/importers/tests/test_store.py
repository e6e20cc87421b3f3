"""Storing parsed documents: updates instead of duplicates, agenda then minutes, all or nothing."""

import copy

import pytest

from protokol.common.errors import ProtokolError
from protokol.common.testing import load_scorer
from protokol.importers.store import store_document
from protokol.meetings.enums import MeetingStatus
from protokol.meetings.interchange import export_meeting
from protokol.meetings.models import AgendaItem, Amendment, Decision, Meeting
from protokol.meetings.tests.reference import reference_document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _installation_organization(db):
    """The installation's one organisation, where the imported documents go when none is named."""
    from protokol.meetings.tests import factories

    return factories.organization("Testby Kommune")


def score(expected, actual) -> float:
    checks = load_scorer().score(expected, actual)
    return sum(ok for _, ok in checks) / len(checks)


def test_stored_reference_exports_unchanged(system):
    doc = reference_document()
    result = store_document(doc, by=system, organization="Kalundborg Kommune", source="ref.txt")
    assert result.summary().startswith(
        "direktionen/2016-05-30: referat, 7 punkter (1 lukket), 6 beslutninger, 2 bilag"
    )
    assert result.meeting.status == MeetingStatus.MINUTES_PUBLISHED
    assert score(doc, export_meeting(result.meeting)) == 1.0


def test_importing_twice_updates_and_never_duplicates(system):
    doc = reference_document()
    first = store_document(doc, by=system, source="ref.txt").meeting
    counts = (Meeting.objects.count(), AgendaItem.objects.count(), Decision.objects.count())
    second = store_document(doc, by=system, source="ref.txt")
    assert second.meeting == first and not second.created
    assert (Meeting.objects.count(), AgendaItem.objects.count(), Decision.objects.count()) == counts
    assert not Amendment.objects.exists()  # nothing changed, so nothing was amended


def test_a_changed_reimport_of_approved_minutes_is_an_amendment(system):
    doc = reference_document()
    meeting = store_document(doc, by=system, source="ref.txt").meeting
    changed = copy.deepcopy(doc)
    changed["items"][4]["decisions"][0]["text"] = "Anbefales med bemærkninger."
    store_document(changed, by=system, source="ref-rettet.txt")
    amendment = Amendment.objects.get()
    assert "ref-rettet.txt" in amendment.reason
    assert meeting.items.get(number=5).decisions.get().text == "Anbefales med bemærkninger."


def test_minutes_complete_the_meeting_whose_agenda_came_first(system):
    minutes = reference_document()
    agenda = copy.deepcopy(minutes)
    agenda["kind"] = "agenda"
    for it in agenda["items"]:
        it["decisions"] = []
    meeting = store_document(agenda, by=system).meeting
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED and not Decision.objects.exists()
    again = store_document(minutes, by=system).meeting
    assert again == meeting
    assert again.status == MeetingStatus.MINUTES_PUBLISHED
    assert Decision.objects.filter(item__meeting=meeting).count() == 6
    assert score(minutes, export_meeting(again)) == 1.0


def test_items_with_the_same_case_link_across_meetings(system):
    doc = reference_document()
    store_document(doc, by=system, organization="Kalundborg Kommune")
    later = copy.deepcopy(doc)
    later["body"] = "Økonomiudvalget"
    later["start"] = "2016-06-08T15:00:00"
    later["items"] = [dict(doc["items"][4], number=12, decisions=[])]
    store_document(later, by=system, organization="Kalundborg Kommune")
    items = AgendaItem.objects.filter(case__number="326-2016-26184")
    assert {i.meeting.body.name for i in items} == {"Direktionen", "Økonomiudvalget"}


@pytest.mark.parametrize(
    "spoil,message",
    [
        (lambda d: d["items"][4].update(journal_number="13.1x"), "KLE"),
        (lambda d: d["items"][5].update(number=1), "samme nummer"),
        (lambda d: d.update(start=None), "mødedato"),
        (lambda d: d.update(body=""), "udvalg"),
        (lambda d: d["items"][6].update(number=None), "uden nummer"),
    ],
    ids=["bad KLE in item 5", "duplicate number", "no date", "no body", "item without number"],
)
def test_a_document_that_fails_leaves_nothing_behind(system, spoil, message):
    doc = reference_document()
    spoil(doc)
    with pytest.raises(ProtokolError, match=message):
        store_document(doc, by=system, organization="Kalundborg Kommune")
    assert not Meeting.objects.exists()
    assert not AgendaItem.objects.exists()


def test_attachment_files_beside_the_document_are_stored_with_their_text(system, tmp_path, settings):
    from protokol.common.testing import CORPUS_DIR
    from protokol.importers.store import attachment_files

    settings.MEDIA_ROOT = tmp_path / "files"
    document = tmp_path / "direktionen.json"
    folder = tmp_path / "direktionen"
    folder.mkdir()
    pdf = (CORPUS_DIR / "attachments" / "aarhus_sager_paa_vej_2025.pdf").read_bytes()
    (folder / "Pejlemærker for fremtidens styring. 25.5.2016.pdf").write_bytes(pdf)
    (folder / "326-2016-184869.pdf").write_bytes(pdf)  # found by its document number
    (folder / "noter.txt").write_text("ikke et bilag")
    meeting = store_document(reference_document(), by=system, files=attachment_files(document)).meeting
    stored = {a.title: a for a in meeting.items.get(number=1).attachments.all()}
    pejle = stored["Pejlemærker for fremtidens styring. 25.5.2016"]
    assert pejle.mime_type == "application/pdf" and pejle.size == len(pdf) and len(pejle.sha512) == 128
    assert "Sundhed og Omsorg" in pejle.text
    assert meeting.items.get(number=2).attachments.get().file_name == "326-2016-184869.pdf"


def test_outline_numbers_are_stored_as_printed_and_found_again(system):
    from protokol.importers.store import store_document
    from protokol.meetings.interchange import export_meeting

    doc = {
        "schema": "protokol/meeting@1",
        "body": "Mødesystemgruppen",
        "kind": "minutes",
        "start": "2016-10-06T10:00:00",
        "items": [
            {"number": 1, "title": "Godkendelse af dagsorden", "public": True},
            {"number": "1.1", "title": "Status siden sidst", "public": True},
            {"number": 2, "title": "Eventuelt", "public": True},
            {"number": "12a", "title": "Tillæg", "public": True},
        ],
    }
    meeting = store_document(doc, by=system).meeting
    assert [it["number"] for it in export_meeting(meeting)["items"]] == [1, "1.1", 2, "12a"]
    assert [i.shown_number for i in meeting.items.order_by("position")] == ["1", "1.1", "2", "12a"]
    store_document(doc, by=system)
    assert meeting.items.count() == 4

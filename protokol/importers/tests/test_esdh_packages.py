"""ESDH packages from the corpus: read, stored with `protokol import`, exported and scored."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from protokol.cases.models import Attachment
from protokol.cli import app
from protokol.importers.errors import ImportRefused
from protokol.importers.esdh import package
from protokol.importers.esdh.common import html_text, parse_xml, split_name
from protokol.importers.tests.scoring import CORPUS, score
from protokol.meetings.models import AgendaItem, Meeting
from protokol.people.models import Membership, Party, Person


@pytest.fixture(autouse=True)
def _installation_organization(db):
    """The installation's one organisation, where the imported documents go when none is named."""
    from protokol.meetings.tests import factories

    return factories.organization("Testby Kommune")


ESDH = CORPUS / "esdh"
PACKAGES = {
    "acadre": (ESDH / "acadre", "syddjurs_puk_2013-06-20"),
    "edoc": (ESDH / "edoc" / "04-12-2012 13:00:00", "ballerup_sundhed_2012-12-04"),
    "sbsys_aarhus": (ESDH / "sbsys_aarhus" / "Archive.zip", "aarhus_moedesystemgruppen_2016-10-06"),
}


@pytest.fixture(autouse=True)
def _corpus() -> None:
    if not ESDH.is_dir():
        pytest.skip(f"the corpus {ESDH} is absent (shared/ is not checked out next to the repository)")


def _expected(name: str) -> dict:
    return json.loads((CORPUS / "real" / f"{name}.json").read_text(encoding="utf-8"))


def _import(*paths: Path) -> str:
    result = CliRunner().invoke(app, ["import", *map(str, paths)])
    assert result.exit_code == 0, result.stderr
    return " ".join(result.stderr.split())  # the console wraps long lines


def _export(meeting: Meeting) -> dict:
    result = CliRunner().invoke(app, ["export", str(meeting.pk)])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("system", sorted(PACKAGES))
def test_reading_scores_against_the_minutes_inside(system: str) -> None:
    path, name = PACKAGES[system]
    with package.opened(path) as root:
        assert package.detect(root) == ("sbsys" if system == "sbsys_aarhus" else system)
        reading = package.read(root)
    value, failed = score(_expected(name), reading.doc)
    print(f"{system} reading: {value:.3f} {failed}")
    assert value >= 0.95, failed


@pytest.mark.django_db
@pytest.mark.parametrize("system", ["acadre", "edoc"])
def test_import_then_export_scores(system: str) -> None:
    path, name = PACKAGES[system]
    out = _import(path)
    meeting = Meeting.objects.get()
    value, failed = score(_expected(name), _export(meeting))
    print(f"{system} export: {value:.3f} {failed}\n{out}")
    assert value >= 0.95, failed


@pytest.mark.django_db
def test_aarhus_outline_numbers_are_kept_as_printed() -> None:
    path, name = PACKAGES["sbsys_aarhus"]
    _import(path)
    meeting = Meeting.objects.get()
    exported = _export(meeting)
    expected = _expected(name)
    assert [it["number"] for it in exported["items"]] == [it["number"] for it in expected["items"]]
    assert any(isinstance(it["number"], str) and "." in it["number"] for it in exported["items"])
    value, failed = score(expected, exported)
    print(f"sbsys_aarhus export: {value:.3f} {failed}")
    assert value >= 0.95, failed
    _import(path)  # again: the items are found by their printed numbers, none doubled
    assert AgendaItem.objects.filter(meeting=meeting).count() == len(expected["items"])


def _sbsys_xml(path: Path) -> ET.Element:
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".xml"))
        return ET.fromstring(z.read(name))


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["Publication32", "Publication553"])
def test_sbsys_items_titles_access_attachments_as_the_xml_says(name: str) -> None:
    path = ESDH / "sbsys" / f"{name}.zip"
    out = _import(path)
    xml = _sbsys_xml(path)
    with zipfile.ZipFile(path) as z:
        present = {Path(n).name for n in z.namelist() if "/Enclosures/" in n and not n.endswith("/")}
    meeting = Meeting.objects.get()
    exported = _export(meeting)
    xml_items = xml.findall("Agendas/Agenda/Items/Item")
    assert [it["number"] for it in exported["items"]] == [int(i.findtext("Number")) for i in xml_items]
    for item, element in zip(exported["items"], xml_items, strict=True):
        assert item["title"] == element.findtext("Caption").strip()
        assert item["public"] == (element.findtext("IsPublic") == "True")
        enclosures = element.findall("Enclosures/Enclosure")
        assert [a["title"] for a in item["attachments"]] == [e.findtext("Name").strip() for e in enclosures]
        stored = AgendaItem.objects.get(meeting=meeting, number=item["number"])
        for enclosure in enclosures:
            attachment = stored.attachments.get(title=enclosure.findtext("Name").strip())
            has_file = enclosure.findtext("InstantiationFileName") in present
            assert bool(attachment.file) == has_file
            if not has_file:
                assert (
                    f"bilag mangler i pakken: Enclosures/{enclosure.findtext('InstantiationFileName')}" in out
                )
    if name == "Publication553":
        withheld = Attachment.objects.get(title__startswith="Ikke offentliggjort")
        assert withheld.public is False
        item1 = next(it for it in exported["items"] if it["number"] == 1)
        assert any(
            d["body"] == "Forretningsudvalget" and d["date"] == "2012-09-18" for d in item1["decisions"]
        )


@pytest.mark.django_db
def test_acadre_members_become_persons_with_party_letters_and_seats() -> None:
    path, _ = PACKAGES["acadre"]
    out = _import(path)
    meeting = Meeting.objects.get()
    assert "5 nye medlemskaber" in out
    people = {(p.name, p.party.letter) for p in Person.objects.select_related("party")}
    assert people == {
        ("Jesper Mathiesen", "A"),
        ("Ole Bollesen", "A"),
        ("Niels Viderø", "A"),
        ("Ole Bjerregaard", "V"),
        ("Steen Fris", "C"),
    }
    assert set(Party.objects.values_list("letter", "name")) >= {("A", "Socialdemokratiet"), ("V", "Venstre")}
    seats = Membership.objects.filter(body=meeting.body)
    assert seats.count() == 5 and {s.role for s in seats} == {"medlem"}
    assert {s.start_date for s in seats} == {meeting.date}

    _import(path)  # the same package again: nothing new
    assert Meeting.objects.count() == 1 and AgendaItem.objects.count() == 1
    assert Attachment.objects.count() == 3
    assert Person.objects.count() == 5 and Membership.objects.count() == 5 and Party.objects.count() == 3


@pytest.mark.django_db
def test_a_member_whose_name_two_persons_share_gets_a_new_person_once(tmp_path: Path) -> None:
    from protokol.common.users import system_user
    from protokol.meetings.models import Organization
    from protokol.people import services

    by = system_user()
    org = Organization.objects.get()  # the installation's one, where the package's documents go
    party = services.create_party(organization=org, letter="A", name="Socialdemokratiet", by=by)
    for _ in range(2):
        services.create_person(organization=org, name="Ole Bollesen", party=party, by=by)
    out = _import(PACKAGES["acadre"][0])
    # Once, by the store linking the attendance; the committee's members then reuse that person.
    assert out.count("personer hedder Ole Bollesen") == 1 and "2 personer hedder Ole Bollesen" in out
    assert Person.objects.filter(name="Ole Bollesen").count() == 3
    again = _import(PACKAGES["acadre"][0])
    assert "personer hedder" not in again
    assert Person.objects.filter(name="Ole Bollesen").count() == 3


@pytest.mark.django_db
def test_attachment_text_is_extracted_for_search() -> None:
    _import(PACKAGES["acadre"][0])
    docx = Attachment.objects.get(title__startswith="Opsamlingsnotat")
    assert docx.file and docx.document_number == "222359/12"
    assert "Temamøde" in docx.text or "temamøde" in docx.text.casefold()
    # The old .DOC is stored as its PDF rendition, which has text.
    policy = Attachment.objects.get(title__startswith="Politik for Kultur")
    assert policy.mime_type == "application/pdf" and policy.text.strip()


@pytest.mark.django_db
def test_a_missing_document_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    copy = tmp_path / "acadre"
    shutil.copytree(PACKAGES["acadre"][0], copy)
    files = copy / "Files_1863_3687982"
    for name in ("3525829E1.DOCX", "Opsamlingsnotat. Temamøde 20.09.2012.pdf"):
        (files / name).chmod(0o644)
        (files / name).unlink()
    out = _import(copy)
    assert "advarsel: bilag mangler i pakken: 3525829E1.DOCX" in out
    attachment = Attachment.objects.get(title__startswith="Opsamlingsnotat")
    assert not attachment.file and attachment.document_number == "222359/12"
    assert Attachment.objects.exclude(file="").count() == 2


@pytest.mark.django_db
def test_malformed_xml_fails_in_one_line_and_stores_nothing(tmp_path: Path) -> None:
    copy = tmp_path / "edoc"
    shutil.copytree(PACKAGES["edoc"][0], copy)
    xml = copy / "eDocAgendaPublishing.xml"
    xml.chmod(0o644)
    xml.write_bytes(xml.read_bytes()[:5000])
    result = CliRunner().invoke(app, ["import", str(copy)])
    assert result.exit_code == 1
    out = " ".join(result.stderr.split())
    assert out.count("fejl:") == 1
    assert f"fejl: {copy}: eDocAgendaPublishing.xml: ugyldig XML (linje" in out
    assert not Meeting.objects.exists() and not Person.objects.exists()


@pytest.mark.django_db
def test_a_zip_with_macosx_entries_stores_no_resource_forks() -> None:
    path = PACKAGES["sbsys_aarhus"][0]
    with zipfile.ZipFile(path) as z:
        assert any(n.startswith("__MACOSX/") for n in z.namelist())
    with package.opened(path) as root:
        names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert names == [
        "Appendix_referat - åbent og lukket.pdf",
        "Appendix_referat - åbent.pdf",
        "publication.xml",
    ]
    _import(path)
    assert not Attachment.objects.filter(title__startswith="._").exists()
    assert AgendaItem.objects.count() == 10


@pytest.mark.django_db
def test_a_later_package_of_the_same_meeting_updates_it(tmp_path: Path) -> None:
    agenda = tmp_path / "agenda"
    shutil.copytree(PACKAGES["edoc"][0], agenda)
    xml = agenda / "eDocAgendaPublishing.xml"
    xml.chmod(0o644)
    data = xml.read_bytes().replace(b"Referat endeligt godkendt", b"Dagsorden udsendt")
    xml.write_bytes(data)
    _import(agenda)
    assert Meeting.objects.get().kind == "agenda"
    out = _import(PACKAGES["edoc"][0])
    assert "(opdateret)" in out
    meeting = Meeting.objects.get()
    assert meeting.kind == "minutes" and meeting.items.count() == 8


def test_zip_entries_outside_the_package_are_refused(tmp_path: Path) -> None:
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as z:
        z.writestr("publication.xml", "<Publication/>")
        z.writestr("../outside.txt", "x")
    with pytest.raises(ImportRefused, match="uden for"), package.opened(evil):
        pass
    assert not (tmp_path.parent / "outside.txt").exists()


def test_small_pieces() -> None:
    assert split_name("Jesper  Mathiesen (A)") == ("Jesper Mathiesen", "A", "")
    assert split_name("Lolan Ottesen (A) - formand") == ("Lolan Ottesen", "A", "formand")
    assert split_name("Hanne Bahnsen") == ("Hanne Bahnsen", None, "")
    assert html_text("<p>a&nbsp;b</p><p>&nbsp;</p><ul><li>c</li></ul>") == "a b\n\nc"
    assert parse_xml(b"<a>x&#xC;y</a>", "t.xml").text == "x y"
    with pytest.raises(ImportRefused, match="t.xml: ugyldig XML"):
        parse_xml(b"<a><b></a>", "t.xml")
    with pytest.raises(ImportRefused, match="DOCTYPE"):
        parse_xml(b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', "t.xml")


@pytest.mark.django_db
def test_a_drop_folder_takes_each_package_once_and_sorts_it(tmp_path: Path) -> None:
    from protokol.importers.esdh import drop

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(ESDH / "sbsys" / "Publication32.zip", inbox)
    shutil.copytree(PACKAGES["acadre"][0], inbox / "acadre")
    (inbox / "broken.zip").write_bytes(b"PK\x03\x04 not a zip")
    result = CliRunner().invoke(app, ["import", "--drop", str(inbox)])
    assert result.exit_code == 1
    assert sorted(p.name for p in (inbox / "done").iterdir()) == ["Publication32.zip", "acadre"]
    assert [p.name for p in (inbox / "failed").iterdir() if p.suffix != ".txt"] == ["broken.zip"]
    assert "broken.zip" in (inbox / "failed" / "broken.zip.reason.txt").read_text(encoding="utf-8")
    assert Meeting.objects.count() == 2
    again = CliRunner().invoke(app, ["import", "--drop", str(inbox)])
    assert again.exit_code == 0 and Meeting.objects.count() == 2

    # A second run while the first holds the lock does nothing.
    shutil.copy(ESDH / "sbsys" / "Publication553.zip", inbox)
    with drop._locked(inbox) as mine:
        assert mine
        assert drop.process(inbox, lambda p: (True, "")) is None
    assert (inbox / "Publication553.zip").exists()


_EDOC = """<?xml version="1.0"?>
<Meeting><Committee>Økonomiudvalget</Committee><MeetingDate>01-02-2024 16:00:00</MeetingDate>
<MeetingState>Referat godkendt</MeetingState><SomethingNew><Deeper>x</Deeper></SomethingNew>
<MeetingAgendaTypes>
<MeetingAgendaType><AgendaType>Åben dagsorden</AgendaType>
<FullText>Økonomiudvalget

torsdag den 1. februar 2024, kl. 16:00
i Byrådssalen

Tilstede
Anne Hansen (A) - formand
Bo Jensen (V)

Afbud/Fraværende
Carl Nielsen (Ø)

Sekretær
Dorte Sekretær</FullText>
<MeetingAgendaItems><MeetingAgendaItem><AgendaItemNumber>1</AgendaItemNumber>
<Document><Title>Budget</Title><NeutralTitle>Budget</NeutralTitle><Attachments>
<Attachment><Title>Bilag A</Title><PDFDocument>999.PDF</PDFDocument><PublishingType>SKAL PUBLICERES</PublishingType></Attachment>
</Attachments></Document>
<FullText>1.&#x9;Budget

Sagsnr.: 2024-1
Dok.nr.: 2024-2

Sammendrag
Tekst om budgettet.

Bilag
2024-3 - Bilag A

Indstilling
At budgettet godkendes.

Økonomiudvalgets beslutning den 01.02.2024 Punkt 1
Godkendt.

Følgende deltog ikke i behandlingen af punktet:
Bo Jensen (V)
</FullText></MeetingAgendaItem></MeetingAgendaItems></MeetingAgendaType>
<MeetingAgendaType><AgendaType>Lukket dagsorden</AgendaType>
<MeetingAgendaItems><MeetingAgendaItem><AgendaItemNumber>2</AgendaItemNumber>
<Document><Title>Køb af ejendom, Vestergade 3</Title><NeutralTitle>Køb af ejendom</NeutralTitle></Document>
<FullText>2.&#x9;Køb af ejendom, Vestergade 3

Sagsnr.: 2024-9

Sammendrag
Fortrolige forhandlinger.

Økonomiudvalgets beslutning den 01.02.2024 Punkt 2
Godkendt.
</FullText></MeetingAgendaItem></MeetingAgendaItems></MeetingAgendaType>
</MeetingAgendaTypes></Meeting>
"""


def _edoc_package(tmp_path: Path) -> Path:
    folder = tmp_path / "01-02-2024 16:00:00"
    folder.mkdir()
    (folder / "eDocAgendaPublishing.xml").write_text(_EDOC, encoding="utf-8")
    return folder


def test_edoc_reading_closed_items_neutral_titles_attendance_and_absence(tmp_path: Path) -> None:
    with package.opened(_edoc_package(tmp_path)) as root:
        reading = package.read(root)
    doc = reading.doc
    assert (doc["body"], doc["kind"], doc["start"], doc["location"]) == (
        "Økonomiudvalget",
        "minutes",
        "2024-02-01T16:00:00",
        "Byrådssalen",
    )
    assert doc["participants"] == [
        {"name": "Anne Hansen", "party": "A", "role": "formand", "present": True},
        {"name": "Bo Jensen", "party": "V", "role": "medlem", "present": True},
        {"name": "Carl Nielsen", "party": "Ø", "role": "medlem", "present": False},
    ]
    first, second = doc["items"]
    assert (first["case_number"], first["document_number"], first["public"]) == ("2024-1", "2024-2", True)
    assert [s["heading"] for s in first["sections"]] == ["Sammendrag", "Indstilling"]
    assert first["attachments"] == [{"title": "Bilag A", "document_number": "2024-3", "public": True}]
    assert (
        first["decisions"][0]["date"] == "2024-02-01" and first["decisions"][0]["body"] == "Økonomiudvalget"
    )
    assert first["absent"] == ["Bo Jensen"]
    assert second["public"] is False and second["public_title"] == "Køb af ejendom"
    assert second["title"] == "Køb af ejendom, Vestergade 3"
    assert reading.warnings == ["bilag mangler i pakken: 999.PDF (Bilag A)"]


@pytest.mark.django_db
def test_a_closed_item_keeps_its_neutral_title_for_the_public(tmp_path: Path) -> None:
    out = _import(_edoc_package(tmp_path))
    assert "1 lukket" in out and "advarsel: bilag mangler i pakken: 999.PDF" in out
    closed = AgendaItem.objects.get(number=2)
    assert closed.public is False
    assert closed.shown_public_title == "Køb af ejendom"
    assert "Vestergade" not in closed.shown_public_title


@pytest.mark.django_db
def test_acadre_closed_item_and_attachment_access(tmp_path: Path) -> None:
    copy = tmp_path / "acadre"
    shutil.copytree(PACKAGES["acadre"][0], copy)
    data = copy / "Files_1863_3687982" / "3687981.XML"
    data.chmod(0o644)
    text = data.read_text(encoding="utf-8")
    text = text.replace(
        '<field name="accessname">Åben</field><field name="stateName">Afsendt',
        '<field name="accessname">Lukket</field><field name="stateName">Afsendt',
    )
    data.write_text(text, encoding="utf-8")
    with package.opened(copy) as root:
        doc = package.read(root).doc
    item = doc["items"][0]
    assert item["public"] is False
    assert {a["public"] for a in item["attachments"]} == {False}
    _import(copy)
    stored = AgendaItem.objects.get()
    assert stored.public is False and not stored.attachments.filter(public=True).exists()


def test_sbsys_agenda_names_no_attendance() -> None:
    with package.opened(ESDH / "sbsys" / "Publication553.zip") as root:
        reading = package.read(root)
    assert "participants" not in reading.doc  # who is called is not who came
    assert reading.doc["body"] == "Forretningsudvalget"
    assert len(reading.committee) == 15


def test_parse_prints_a_package_and_its_warnings() -> None:
    result = CliRunner().invoke(app, ["parse", str(ESDH / "sbsys" / "Publication553.zip")])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["kind"] == "agenda"
    assert "advarsel: bilag mangler i pakken: Enclosures/3.pdf" in result.stderr

"""`protokol import`: a summary line per file, a reason per failed file, exit 1 if any failed."""

import shutil

import pytest
from typer.testing import CliRunner

from protokol.cli import app
from protokol.common.testing import CORPUS_DIR
from protokol.meetings.models import AgendaItem, Meeting, Organization

pytestmark = pytest.mark.django_db


def test_import_stores_good_files_and_names_the_bad_ones(tmp_path):
    text = tmp_path / "kalundborg.txt"
    shutil.copy(CORPUS_DIR / "kalundborg_direktionen_2016-05-30.txt", text)
    html = tmp_path / "teknisk.html"
    shutil.copy(CORPUS_DIR / "aarhus_teknisk_udvalg_2025-10-01.html", html)
    empty = tmp_path / "tom.pdf"
    empty.write_bytes(b"")
    garbage = tmp_path / "støj.bin"
    garbage.write_bytes(bytes(range(256)) * 40)

    result = CliRunner().invoke(
        app,
        ["import", "--organization", "Kalundborg Kommune", str(text), str(empty), str(html), str(garbage)],
    )
    assert result.exit_code == 1
    err = result.stderr
    assert "direktionen/2016-05-30: referat, 7 punkter (1 lukket), 6 beslutninger, 2 bilag" in err
    assert "teknisk-udvalg/2025-10-01: referat, 6 punkter (0 lukkede)" in err
    assert f"fejl: {empty}: " in err and f"fejl: {garbage}: " in err
    assert "2 af 4 dokumenter importeret" in err
    assert Meeting.objects.count() == 2

    again = CliRunner().invoke(app, ["import", str(text)])
    assert again.exit_code == 0 and "(opdateret)" in again.stderr
    assert Meeting.objects.count() == 2
    assert AgendaItem.objects.filter(meeting__body__slug="direktionen").count() == 7


def test_parse_prints_json_and_stores_nothing(tmp_path):
    result = CliRunner().invoke(app, ["parse", str(CORPUS_DIR / "kalundborg_direktionen_2016-05-30.txt")])
    assert result.exit_code == 0
    assert '"body": "Direktionen"' in result.stdout
    assert not Meeting.objects.exists()
    missing = CliRunner().invoke(app, ["parse", str(tmp_path / "findes-ikke.pdf")])
    assert missing.exit_code == 1 and "findes-ikke.pdf" in missing.stderr


def _kalundborg(tmp_path):
    text = tmp_path / "kalundborg.txt"
    shutil.copy(CORPUS_DIR / "kalundborg_direktionen_2016-05-30.txt", text)
    return text


def _organizations(*names: str) -> list:
    from protokol.common.users import system_user
    from protokol.meetings import services

    return [services.create_organization(name=name, by=system_user()) for name in names]


def test_import_without_organization_uses_the_installations_one(tmp_path):
    (fjordby,) = _organizations("Fjordby Kommune")
    result = CliRunner().invoke(app, ["import", str(_kalundborg(tmp_path))])
    assert result.exit_code == 0, result.stderr
    assert Meeting.objects.get().body.organization == fjordby
    assert list(Organization.objects.values_list("name", flat=True)) == ["Fjordby Kommune"]


def test_import_with_several_organizations_stops_and_names_them(tmp_path):
    _organizations("Fjordby Kommune", "Vestby Kommune")
    result = CliRunner().invoke(app, ["import", str(_kalundborg(tmp_path))])
    assert result.exit_code == 1
    assert (
        "Installationen har flere organisationer: Fjordby Kommune (fjordby-kommune), "
        "Vestby Kommune (vestby-kommune). Angiv hvilken med --organization NAVN." in result.stderr
    )
    assert not Meeting.objects.exists() and Organization.objects.count() == 2
    chosen = CliRunner().invoke(
        app, ["import", "--organization", "Vestby Kommune", str(_kalundborg(tmp_path))]
    )
    assert chosen.exit_code == 0 and Meeting.objects.get().body.organization.name == "Vestby Kommune"


def test_import_at_a_terminal_asks_which_organization(tmp_path, monkeypatch):
    import protokol.cli

    _organizations("Fjordby Kommune", "Vestby Kommune")
    monkeypatch.setattr(protokol.cli, "_interactive", lambda: True)
    result = CliRunner().invoke(app, ["import", str(_kalundborg(tmp_path))], input="2\n")
    assert result.exit_code == 0, result.stderr
    assert "1. Fjordby Kommune" in result.stdout and "2. Vestby Kommune" in result.stdout
    assert Meeting.objects.get().body.organization.name == "Vestby Kommune"


def test_import_never_invents_an_organization():
    """No organisation given, none named by the document, none installed: the import says so and stores
    nothing (there is no "Importerede dokumenter")."""
    from protokol.common.errors import ProtokolError
    from protokol.common.users import system_user
    from protokol.importers.store import store_document

    doc = {
        "schema": "protokol/meeting@1",
        "body": "Direktionen",
        "kind": "minutes",
        "start": "2016-05-30",
        "items": [],
    }
    with pytest.raises(ProtokolError, match="--organization"):
        store_document(doc, by=system_user())
    assert not Organization.objects.exists() and not Meeting.objects.exists()
    doc["organization"] = "Kalundborg Kommune"
    store_document(doc, by=system_user())
    assert list(Organization.objects.values_list("name", flat=True)) == ["Kalundborg Kommune"]

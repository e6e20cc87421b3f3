"""`protokol import`: a summary line per file, a reason per failed file, exit 1 if any failed."""

import shutil

import pytest
from typer.testing import CliRunner

from protokol.cli import app
from protokol.common.testing import CORPUS_DIR
from protokol.meetings.models import AgendaItem, Meeting

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

    result = CliRunner().invoke(app, ["import", str(text), str(empty), str(html), str(garbage)])
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

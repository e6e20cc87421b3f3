"""Stored meetings rendered through the command line, in both editions."""

import pypdfium2
import pytest
from typer.testing import CliRunner

from protokol.cli import app

pytestmark = pytest.mark.django_db

CLOSED_TITLE = "Opfølgning på direktionsseminar - temadrøftelse om Direktionens rolle"


def pdf_text(path) -> str:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


@pytest.fixture
def with_closed_content(reference_meeting, system):
    from protokol.meetings import services

    closed = reference_meeting.items.get(number=6)
    services.set_sections(
        item=closed,
        sections=[("Sagsfremstilling", "Fortroligt KANARIEFUGL indhold")],
        by=system,
        reason="Testdata",
    )
    return reference_meeting


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_render_public_and_internal(with_closed_content, tmp_path, fmt):
    texts = {}
    for edition in ("public", "internal"):
        out = tmp_path / f"{edition}.{fmt}"
        result = CliRunner().invoke(
            app, ["render", "direktionen/2016-05-30", "--edition", edition, "--format", fmt, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        texts[edition] = pdf_text(out) if fmt == "pdf" else out.read_text(encoding="utf-8")
    assert "Kalundborg Kommune på Facebook" in texts["public"]
    assert "Lukket: Opfølgning på direktionsseminar" in texts["public"]
    assert "KANARIEFUGL" not in texts["public"]
    assert "KANARIEFUGL" in texts["internal"]


def test_render_refuses_bad_options_and_unknown_meetings(reference_meeting, tmp_path):
    out = tmp_path / "x.pdf"
    for args, message in [
        (["render", "direktionen/2016-05-30", "--edition", "secret", "-o", str(out)], "--edition"),
        (["render", "direktionen/2016-05-30", "--format", "docx", "-o", str(out)], "--format"),
        (["render", "direktionen/1999-01-01", "-o", str(out)], "Intet møde"),
    ]:
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 1 and message in result.stderr
    assert not out.exists()

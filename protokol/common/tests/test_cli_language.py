"""The command line speaks Danish (or the language PROTOKOL_LANGUAGE names) through the site's catalogue:
its help, Click's and Typer's own words, the import summary and the search count, with correct plurals."""

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from protokol import cli_language
from protokol.cli import app
from protokol.common.tests.conftest import ROOT

ENGLISH_IN_HELP = [
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "Show this message",
    "Print ",
    "Store ",
    "Create",
]


def _help(*args: str, language: str) -> str:
    env = {**os.environ, "PROTOKOL_LANGUAGE": language, "COLUMNS": "200", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "protokol", *args, "--help"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_help_in_danish_by_default_and_in_english_on_request():
    danish = _help(language="da")
    assert "Brug:" in danish and "Kommandoer" in danish and "Vis denne hjælp og afslut." in danish
    assert "Gem dokumenter eller ESDH-pakker" in danish and "dagsordener og referater" in danish
    assert [word for word in ENGLISH_IN_HELP if word in danish] == []

    search = _help("search", language="da")
    assert "Argumenter" in search and "Tilvalg" in search and "Søgeord" in search and "[påkrævet]" in search
    assert [word for word in ENGLISH_IN_HELP if word in search] == []

    english = _help(language="en")
    assert "Usage:" in english and "Commands" in english and "Store documents or ESDH packages" in english
    assert "Brug:" not in english and "Gem dokumenter" not in english
    assert "Search words" in _help("search", language="en")


@pytest.fixture
def indexed(reference_meeting):
    assert CliRunner().invoke(app, ["reindex"]).exit_code == 0
    return reference_meeting


def test_search_counts_in_danish_with_the_right_plural(indexed):
    runner = CliRunner()

    def first_line(query: str) -> str:
        result = runner.invoke(app, ["search", query])
        assert result.exit_code == 0, result.output
        return result.output.splitlines()[0]

    assert first_line("eventuelt") == "1 resultat for »eventuelt«."
    assert first_line("Facebook") == "2 resultater for »Facebook«."
    assert first_line("budget") == "0 resultater for »budget«."


def test_search_and_import_summary_in_english_from_the_same_catalogue(indexed, tmp_path):
    from protokol.common.testing import CORPUS_DIR

    runner = CliRunner()
    try:
        cli_language.use("en")
        out = runner.invoke(app, ["search", "Facebook"]).output
        assert out.startswith("2 results for “Facebook”.") and "resultat" not in out
        assert runner.invoke(app, ["search", "eventuelt"]).output.startswith("1 result for “eventuelt”.")
        result = runner.invoke(app, ["import", str(CORPUS_DIR / "aarhus_teknisk_udvalg_2025-10-01.html")])
        assert "teknisk-udvalg/2025-10-01: minutes, 6 items (0 closed)" in result.stderr
        assert "1 of 1 document imported." in result.stderr
    finally:
        cli_language.use("da")
        from django.utils import translation

        translation.activate("da")
    result = runner.invoke(app, ["import", str(CORPUS_DIR / "aarhus_teknisk_udvalg_2025-10-01.html")])
    assert "teknisk-udvalg/2025-10-01: referat, 6 punkter (0 lukkede)" in result.stderr
    assert "1 af 1 dokument importeret." in result.stderr

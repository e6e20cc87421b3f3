"""English complete, Danish clean.

The msgids are the Danish text; English lives in locale/en/LC_MESSAGES/django.po. The first test runs
Django's own extraction (`makemessages -l en`) over a copy of the sources and fails on any msgid without an
English msgstr, or a fuzzy one (a guess msgmerge made from a similar old msgid). The second renders the
main pages of the portal and the workspace in Danish and fails on English words in what a reader sees.
"""

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client

from protokol.common.tests.conftest import ROOT

PACKAGE = settings.BASE_DIR


def _entries(po_text: str) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) of each entry; a plural's msgstr is its msgstr[0] and msgstr[1] joined by |."""
    entries = []
    for block in po_text.split("\n\n"):
        lines = block.strip().splitlines()
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields: dict[str, str] = {}
        key = None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            if "msgid_plural" in fields:
                msgstr = "|".join(fields.get(f"msgstr[{n}]", "") for n in range(2))
                translated = all(fields.get(f"msgstr[{n}]") for n in range(2))
            else:
                msgstr = fields.get("msgstr", "")
                translated = bool(msgstr)
            entries.append((fields["msgid"], msgstr if translated else "", fuzzy))
    return entries


def test_every_msgid_has_an_english_translation(tmp_path):
    copy = tmp_path / "protokol"
    shutil.copytree(
        PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "tests", "static", "typst", "*.mo")
    )
    (tmp_path / "extract_settings.py").write_text(
        f"from protokol.settings import *\nLOCALE_PATHS = [{str(copy / 'locale')!r}]\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete", "--no-location"],
        cwd=copy,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": f"{tmp_path}:{ROOT}",
            "DJANGO_SETTINGS_MODULE": "extract_settings",
            "PROTOKOL_VAR_DIR": str(tmp_path / "var"),
        },
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    entries = _entries((copy / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text())
    # The extraction found the interface (templates, code, the command line), not a handful of strings.
    ids = {msgid for msgid, _str, _fuzzy in entries}
    assert len(entries) > 800
    assert {"Gå til indhold", "Siden findes ikke", "Intet møde", "Brug:"} <= ids
    assert "%(count)s resultat for »%(query)s«." in ids
    untranslated = [msgid for msgid, msgstr, _fuzzy in entries if not msgstr]
    fuzzy = [msgid for msgid, _str, is_fuzzy in entries if is_fuzzy]
    assert untranslated == [], "\n".join(untranslated)
    assert fuzzy == [], "\n".join(fuzzy)


# English a Danish page must not show: words of Django's and the libraries' own English (the 404 page, the
# paginator, month abbreviations), and words that stood untranslated in the interface before.
ENGLISH = [
    r"\bResults?\b",
    r"\bPage\b",
    r"\bNext\b",
    r"\bPrevious\b",
    r"\bNot Found\b",
    r"\bServer Error\b",
    r"\bSearch\b",
    r"\bMinutes\b",
    r"\bAgenda\b",
    r"\bMeeting\b",
    r"\bItems?\b",
    r"\bDecisions?\b",
    r"\bAttachments?\b",
    r"\bClosed\b",
    r"\bSave\b",
    r"\bCancel\b",
    r"\bDelete\b",
    r"\bSubmit\b",
    r"\bLog ?in\b",
    r"\bLog ?out\b",
    r"\bUsername\b",
    r"\bPassword\b",
    r"\bThis field\b",
    r"\bengelsk\b",
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b",
    # A month title-cased inside a date, as Django's "M" format gives it in Danish too ("7. Maj 2026").
    r"\b\d{1,2}\.? [A-ZÆØÅ][a-zæøå]{2}\.? \d{4}\b",
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December)\b",
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
]


class _Visible(HTMLParser):
    """The text a reader sees or hears: text outside script and style, and titles, labels and values."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder", "alt") or (name == "value" and tag == "button"):
                self.parts.append(value or "")
            if name == "value" and tag == "input" and dict(attrs).get("type") in ("submit", "button"):
                self.parts.append(value or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _visible(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def _english_in(text: str) -> list[str]:
    return [m.group(0) for pattern in ENGLISH for m in re.finditer(pattern, text)]


def test_the_english_word_list_finds_english():
    assert _english_in("Page 1 · Next · 7. Dec 2026 · Not Found") == [
        "Page",
        "Next",
        "Not Found",
        "Dec",
        "7. Dec 2026",
    ]
    assert _english_in("30. Maj 2016") == ["30. Maj 2016"]
    assert _english_in("Side 1 · Næste · 7. december 2026 · Siden findes ikke · Dansk English") == []


@pytest.mark.django_db
def test_the_main_pages_in_danish_show_no_english(reference_meeting, chef):
    from protokol.search.outbox import drain

    drain()
    meeting = reference_meeting
    body = meeting.body.slug
    item = meeting.items.order_by("position").first()
    case = meeting.items.exclude(case=None).first().case
    public = Client()
    pages = {
        "/": public,
        f"/bodies/{body}/": public,
        f"/bodies/{body}/plan/": public,
        f"/meetings/{meeting.pk}/": public,
        f"/meetings/{meeting.pk}/items/{item.number}/": public,
        f"/cases/{case.number}/": public,
        "/search/?q=Facebook": public,
        "/search/?q=ingenting-findes-her": public,
        "/findes/ikke/": public,
        "/workspace/login/": Client(),
    }
    clerk = Client()
    clerk.force_login(chef)
    for path in (
        "/workspace/",
        f"/workspace/meetings/{meeting.pk}/",
        f"/workspace/meetings/{meeting.pk}/minutes/",
        f"/workspace/meetings/{meeting.pk}/items/{item.pk}/",
        f"/workspace/meetings/{meeting.pk}/log/",
        f"/workspace/meetings/{meeting.pk}/communication/",
        f"/workspace/meetings/{meeting.pk}/personal-data/",
        f"/workspace/bodies/{body}/members/",
        f"/workspace/bodies/{body}/plan/",
        "/workspace/follow-ups/",
    ):
        pages[path] = clerk
    found = {}
    for path, client in pages.items():
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        text = _visible(response.content.decode())
        # The language switch names English in English: that one word is meant.
        if english := _english_in(text.replace("English", "")):
            found[path] = sorted(set(english))
        else:
            assert len(text) > 100, path
    assert found == {}

"""Shared by the rendering tests: the reference document, synthetic documents, PDF text."""

import copy
import json
import re
from pathlib import Path

import pypdfium2

DATA = Path(__file__).resolve().parent / "data"
# A copy of the corpus expectation (corpus/kalundborg_direktionen_2016-05-30.json), so that the
# tests run from the repository alone.
REFERENCE = DATA / "kalundborg_direktionen_2016-05-30.json"

_FOOTER = re.compile(r"^Side \d+ af \d+$")
_WS = re.compile(r"\s+")


def reference_doc(**extra: object) -> dict:
    doc = json.loads(REFERENCE.read_text(encoding="utf-8"))
    doc.update(extra)
    return doc


def pdf_pages(pdf: bytes) -> list[list[str]]:
    """The text lines of each page, as pdfium extracts them (reading order of the content)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            # pdfium reports a hyphen that ends a line as U+FFFE and drops the line break after it.
            text = page.get_textpage().get_text_range().replace("\ufffe", "-\n")
            pages.append([line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()])
        return pages
    finally:
        document.close()


def body_lines(pages: list[list[str]]) -> list[str]:
    """All lines without the running header (first line of pages 2+) and the "Side X af Y" footer."""
    lines = []
    for number, page in enumerate(pages, start=1):
        if number > 1 and page:
            page = page[1:]
        lines.extend(line for line in page if not _FOOTER.match(line))
    return lines


def normalize(text: str) -> str:
    return _WS.sub(" ", text).strip()


def assert_in_order(haystack: str, needles: list[str]) -> None:
    """Each needle occurs in the haystack after the previous one (whitespace-insensitive)."""
    haystack = normalize(haystack)
    position = 0
    for needle in needles:
        needle = normalize(needle)
        found = haystack.find(needle, position)
        assert found >= 0, f"not found in order: {needle[:120]!r} (after position {position})"
        position = found + len(needle)


def long_doc(items: int = 30, *, repeat: int = 3, tag: str = "") -> dict:
    """A synthetic minutes document of about two pages per item, seeded from the reference."""
    seed = reference_doc()
    open_items = [i for i in seed["items"] if i["public"] and i["sections"]]
    doc = copy.deepcopy(seed)
    doc["items"] = []
    for n in range(1, items + 1):
        item = copy.deepcopy(open_items[(n - 1) % len(open_items)])
        item["number"] = n
        item["title"] = f"{tag}{item['title']} ({n})"
        if n % 7 == 0:
            item["title"] += " – med en lang titel der skal ombrydes pænt over flere linjer i overskriften"
        for section in item["sections"]:
            section["text"] = "\n\n".join([f"{tag}{section['text']}"] * (repeat if n % 3 else 1))
        doc["items"].append(item)
    return doc

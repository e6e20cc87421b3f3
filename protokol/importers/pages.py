"""Running headers, footers and page numbers: lines that belong to the page, not the text.

Shared by the readers that see pages (PDF, and text extracted from PDF with form feeds).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

PAGE_NUMBER = re.compile(
    r"(?i)^(?:(?:side|page|s\.)\s*\d{1,4}(?:\s*(?:af|of|/|ud af)\s*\d{1,4})?"
    r"|[-–]?\s*\d{1,4}\s*[-–]?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4}\s+af\s+\d{1,4})$"
)
# Only free-standing short numbers vary from page to page ("Side 3 af 10"); a case number
# under every item heading ("EMN-2023-009832") is not furniture.
_DIGITS = re.compile(r"(?<![\w\-/.])\d{1,4}(?![\w\-/])")
#: lines at the top and at the bottom of a page that may be running headers or footers
ZONE = 3


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split()).casefold())


def _zone(page: Sequence[str]) -> list[tuple[str, int]]:
    """The non-blank lines at the top and bottom of a page with their position: ("t", 0) is the
    first line, ("b", 0) the last."""
    filled = [i for i, t in enumerate(page) if t.strip()]
    top = [(f"t{n}", i) for n, i in enumerate(filled[:ZONE])]
    bottom = [(f"b{n}", i) for n, i in enumerate(reversed(filled[-ZONE:]))]
    return top + bottom


def running_lines(pages: Sequence[Sequence[str]]) -> set[tuple[str, str]]:
    """(position, key) of lines that stand at the same place at the top or bottom of many pages."""
    if len(pages) < 3:
        return set()
    seen: Counter[tuple[str, str]] = Counter()
    for page in pages:
        seen.update({(pos, _key(page[i])) for pos, i in _zone(page)})
    needed = max(3, int(len(pages) * 0.4 + 0.999))
    return {k for k, n in seen.items() if n >= needed}


def page_noise(pages: Sequence[Sequence[str]]) -> list[set[int]]:
    """For every page, the indexes of lines that are page furniture: page numbers in the top
    or bottom zone, and lines that repeat at the same place in that zone across pages."""
    running = running_lines(pages)
    result: list[set[int]] = []
    for page in pages:
        drop: set[int] = set()
        for pos, i in _zone(page):
            text = page[i].strip()
            if PAGE_NUMBER.match(text) or (pos, _key(text)) in running:
                drop.add(i)
        result.append(drop)
    return result

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
# "3/9" counts pages where the 9 could be the page count; "19/412" is a case number
_SLASHED = re.compile(r"(?<![\w\-/.])(\d{1,4})\s*/\s*(\d{1,4})(?![\w\-/])")
#: lines at the top and at the bottom of a page that may be running headers or footers
ZONE = 3
#: a running header of more lines than ZONE ("Udvalg / Referat / Åbent referat / Dato / Side N")
#: is furniture that far as long as every line between it and the edge of the page is furniture too
BAND = 7


def _plausible_count(page: int, total: int, pages: int) -> bool:
    """Whether "page/total" could number the pages of a document of ``pages`` pages (generously:
    a cover or appendix may be counted or not)."""
    return page <= total <= 2 * pages + 5


def _key(text: str, pages: int) -> str:
    """A line as it repeats from page to page: page numbers and counters made alike."""
    text = " ".join(text.split()).casefold()
    text = _SLASHED.sub(lambda m: "#/#" if _plausible_count(int(m[1]), int(m[2]), pages) else m[0], text)
    return _DIGITS.sub("#", text)


def _zone(page: Sequence[str], depth: int = ZONE) -> list[tuple[str, int]]:
    """The non-blank lines at the top and bottom of a page with their position: ("t", 0) is the
    first line, ("b", 0) the last."""
    filled = [i for i, t in enumerate(page) if t.strip()]
    top = [(f"t{n}", i) for n, i in enumerate(filled[:depth])]
    bottom = [(f"b{n}", i) for n, i in enumerate(reversed(filled[-depth:]))]
    return top + bottom


def running_lines(pages: Sequence[Sequence[str]]) -> set[tuple[str, str]]:
    """(position, key) of lines that stand at the same place at the top or bottom of many pages."""
    # a page left empty (the form feed after the last page) counts for nothing
    filled = [page for page in pages if any(t.strip() for t in page)]
    if len(filled) == 2:
        return _running_on_two(filled)
    if len(filled) < 3:
        return set()
    seen: Counter[tuple[str, str]] = Counter()
    sizes: dict[str, set[int]] = {}  # the lengths of the lines behind each key
    for page in pages:
        for pos, i in _zone(page, BAND):
            k = _key(page[i], len(pages))
            seen[(pos, k)] += 1
            sizes.setdefault(k, set()).add(len(" ".join(page[i].split())))
    needed = max(3, int(len(filled) * 0.5 + 0.999))
    running = {k for k, n in seen.items() if n >= needed}
    if not running:
        return running
    # A heading the text repeats ("Bilag") may end up at the same place on several pages by
    # chance; furniture stands at its place, and hardly anywhere else.
    keys = {k for _, k in running}
    lengths = {n for k in keys for n in sizes[k]}
    anywhere: Counter[str] = Counter()
    for page in pages:
        for text in page:
            if len(" ".join(text.split())) in lengths:
                k = _key(text, len(pages))
                if k in keys:
                    anywhere[k] += 1
    return {(pos, k) for pos, k in running if 2 * (anywhere[k] - seen[(pos, k)]) <= seen[(pos, k)]}


def _running_on_two(pages: Sequence[Sequence[str]]) -> set[tuple[str, str]]:
    """Two pages are too few to count: a line at the same place on both is furniture where it
    carries the page number ("Referat · 1/2") or is the very first or last line and more than a
    word or two (a running header); a short decision ending both pages ("Godkendt.") is not."""
    second = dict(_zone(pages[1]))
    running: set[tuple[str, str]] = set()
    for pos, i in _zone(pages[0]):
        j = second.get(pos)
        if j is None or _key(pages[0][i], 2) != _key(pages[1][j], 2):
            continue
        a, b = pages[0][i].strip(), pages[1][j].strip()
        if a != b or (pos in ("t0", "b0") and len(a.split()) >= 3):
            running.add((pos, _key(a, 2)))
    # two lines or more alike (but for a page number) from the very top (or bottom) of both pages
    # down: a running header of several lines ("Dato: 04.12.2012" over "Side 2")
    first, second = dict(_zone(pages[0])), dict(_zone(pages[1]))
    for edge in ("t", "b"):
        band = []
        for n in range(ZONE):
            pos = f"{edge}{n}"
            if pos not in first or pos not in second:
                break
            key = _key(pages[0][first[pos]], 2)
            if key != _key(pages[1][second[pos]], 2):
                break
            band.append((pos, key))
        if len(band) >= 2:
            running.update(band)
    return running


def _is_page_number(text: str, pages: int) -> bool:
    """A page number; "N/M" and "N af M" only where M could be the page count, since a case
    number ("21/1932") has the same form."""
    if not PAGE_NUMBER.match(text):
        return False
    numbers = [int(n) for n in re.findall(r"\d{1,4}", text)]
    return len(numbers) < 2 or _plausible_count(numbers[0], numbers[1], pages)


def page_noise(pages: Sequence[Sequence[str]]) -> list[set[int]]:
    """For every page, the indexes of lines that are page furniture: page numbers in the top
    or bottom zone, and lines that repeat at the same place in that zone across pages."""
    running = running_lines(pages)
    result: list[set[int]] = []
    for page in pages:
        drop: set[int] = set()
        edge = {"t": True, "b": True}  # every line so far from this edge was furniture
        for pos, i in _zone(page, BAND):
            text = page[i].strip()
            furniture = _is_page_number(text, len(pages)) or (pos, _key(text, len(pages))) in running
            # a line between the edge and a running line that is not furniture itself makes it text
            # that only happens to repeat there ("Retsgrundlag:" third from the bottom)
            if furniture and (edge[pos[0]] or (int(pos[1:]) < ZONE and _is_page_number(text, len(pages)))):
                drop.add(i)
            else:
                edge[pos[0]] = edge[pos[0]] and furniture
        result.append(drop)
    return result

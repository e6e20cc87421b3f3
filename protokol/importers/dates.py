"""Dates and times as Danish minutes print them, found inside a line of text.

"30. maj 2016", "Mandag d. 30. maj 2016", "30-05-2016", "23.08.2017", "2016-05-30",
"December 5, 2017", and times "kl. 12:30", "kl. 15.45", "17:30:00", "- 08:15".
No locale is used: the month names are spelled out here.
"""

from __future__ import annotations

import re
from datetime import date, time

_MONTHS = {
    "januar": 1, "jan": 1, "january": 1,
    "februar": 2, "feb": 2, "february": 2,
    "marts": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "maj": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))

# Each alternative is anchored on digits or a month name, so a scan is linear in the line.
DATE = re.compile(
    rf"""(?ix)
    (?<![\d.\-/])(?:
        (?P<d1>\d{{1,2}})\.?\s*(?P<m1>{_MONTH_ALT})\.?\s+(?P<y1>\d{{4}})       # 30. maj 2016
      | (?P<m2>{_MONTH_ALT})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})          # December 5, 2017
      | (?P<y3>\d{{4}})-(?P<m3>\d{{1,2}})-(?P<d3>\d{{1,2}})(?![\d])              # 2016-05-30
      | (?P<d4>\d{{1,2}})[-./](?P<m4>\d{{1,2}})[-./](?P<y4>\d{{4}}|\d{{2}})(?![\d])  # 30-05-2016, 23.08.17
    )""",
)
# A time after "kl." (dot or colon), or a colon time anywhere ("17:30:00", "- 08:15").
TIME = re.compile(
    r"(?i)(?:\bkl\.?\s*(?P<h1>\d{1,2})(?:[:.](?P<m1>\d{2}))?(?!\d)"
    r"|(?<![\d:.])(?P<h2>\d{1,2}):(?P<m2>\d{2})(?::\d{2})?(?![\d:]))"
)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _month(text: str) -> int:
    return _MONTHS[text.lower()] if not text.isdigit() else int(text)


def find_date(text: str) -> tuple[date, int, int] | None:
    """The first valid date in ``text`` with its span, or None."""
    for m in DATE.finditer(text):
        for n in "1234":
            if m.group("y" + n):
                try:
                    found = date(_year(m.group("y" + n)), _month(m.group("m" + n)), int(m.group("d" + n)))
                except ValueError:
                    break
                if 1900 <= found.year <= 2100:
                    return found, m.start(), m.end()
                break
    return None


def find_time(text: str) -> time | None:
    """The first valid time of day in ``text`` (a "kl." time first), or None."""
    found = None
    for m in TIME.finditer(text):
        hour, minute = (m.group("h1"), m.group("m1")) if m.group("h1") else (m.group("h2"), m.group("m2"))
        try:
            value = time(int(hour), int(minute or 0))
        except ValueError:
            continue
        if m.group("h1"):
            return value
        found = found or value
    return found


def parse_date(text: str) -> date | None:
    hit = find_date(text)
    return hit[0] if hit else None

"""Danish dates, times and genitives as municipal agendas and minutes print them.

Pure functions without locale: the process locale (and Django's translation state) must not
change what a document says, so the names are spelled out here.
"""

from datetime import date, datetime, time

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def weekday_name(d: date) -> str:
    """The weekday in lower case, as inside a sentence: "mandag"."""
    return WEEKDAYS[d.weekday()]


def month_name(d: date) -> str:
    """The month in lower case (Danish month names are never capitalised): "maj"."""
    return MONTHS[d.month - 1]


def format_date(d: date) -> str:
    """ "30. maj 2016"."""
    return f"{d.day}. {month_name(d)} {d.year}"


def format_numeric_date(d: date) -> str:
    """ "30-05-2016", as on the front page line "REFERAT Direktionen d. 30-05-2016"."""
    return f"{d.day:02d}-{d.month:02d}-{d.year}"


def format_time(t: time | datetime) -> str:
    """ "12:30" (the colon form of the reference documents, not the dot form of DS 2379)."""
    return f"{t.hour:02d}:{t.minute:02d}"


def format_meeting_datetime(dt: datetime, *, end: time | datetime | None = None) -> str:
    """ "Mandag d. 30. maj 2016 kl. 12:30", or "... kl. 12:30 – 14:00" with an end time.

    The weekday is capitalised because it opens the value of the "Mødedato" line.
    """
    text = f"{weekday_name(dt).capitalize()} d. {format_date(dt)} kl. {format_time(dt)}"
    if end is not None:
        text += f" – {format_time(end)}"
    return text


def genitive(name: str) -> str:
    """The genitive of a body's name: "Direktionen" -> "Direktionens", "Aarhus" -> "Aarhus'".

    Danish writes the genitive of a name ending in s, x or z with an apostrophe only, never "ss".
    """
    name = name.strip()
    if not name:
        return name
    if name[-1].lower() in "sxz":
        return name + "'"
    return name + "s"

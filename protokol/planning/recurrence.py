"""A meeting series' recurrence in words and as the RFC 5545 rule it is stored as.

The secretariat says "every other Monday at 9" in fields (how often, week or month, which weekdays, which
of them in the month); `to_rule` makes the RRULE, `from_rule` reads one back into the fields, and
`describe` says it in the reader's language ("hver anden mandag kl. 9.00"). A rule the fields cannot say
(an imported one, say) reads back as None and is described by its own text.
"""

from dataclasses import dataclass
from datetime import time

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
UNITS = ("week", "month")
# "hver", "hver anden" …: how often, in words.
EVERY = {
    1: gettext_lazy("hver"),
    2: gettext_lazy("hver anden"),
    3: gettext_lazy("hver tredje"),
    4: gettext_lazy("hver fjerde"),
}
ORDINALS = {
    1: gettext_lazy("første"),
    2: gettext_lazy("anden"),
    3: gettext_lazy("tredje"),
    4: gettext_lazy("fjerde"),
    -1: gettext_lazy("sidste"),
}


@dataclass(frozen=True)
class Recurrence:
    interval: int = 1
    unit: str = "week"  # "week" or "month"
    weekdays: tuple[int, ...] = (0,)  # 0 = Monday
    ordinal: int | None = None  # in a month: the first (1) … fourth (4) or last (-1) of those weekdays


def to_rule(r: Recurrence) -> str:
    """FREQ=WEEKLY;INTERVAL=2;BYDAY=MO and the like."""
    if r.unit not in UNITS or not r.weekdays or r.interval < 1:
        raise ValueError(r)
    freq = "WEEKLY" if r.unit == "week" else "MONTHLY"
    prefix = str(r.ordinal) if r.unit == "month" and r.ordinal else ""
    parts = [f"FREQ={freq}"]
    if r.interval != 1:
        parts.append(f"INTERVAL={r.interval}")
    parts.append("BYDAY=" + ",".join(prefix + CODES[d] for d in sorted(set(r.weekdays))))
    return ";".join(parts)


def from_rule(rule: str) -> Recurrence | None:
    """The fields of a rule they can say, else None."""
    try:
        pairs = dict(p.split("=", 1) for p in rule.strip().removeprefix("RRULE:").split(";") if p)
    except ValueError:
        return None
    if set(pairs) - {"FREQ", "INTERVAL", "BYDAY", "WKST"} or "BYDAY" not in pairs:
        return None
    unit = {"WEEKLY": "week", "MONTHLY": "month"}.get(pairs.get("FREQ", ""))
    interval = pairs.get("INTERVAL", "1")
    if unit is None or not interval.isdigit() or int(interval) < 1:
        return None
    days, ordinals = [], set()
    for code in pairs["BYDAY"].split(","):
        day, prefix = code[-2:], code[:-2]
        if day not in CODES or (prefix and prefix not in ("1", "2", "3", "4", "-1")):
            return None
        days.append(CODES.index(day))
        ordinals.add(int(prefix) if prefix else None)
    if len(ordinals) != 1 or (unit == "week" and ordinals != {None}):
        return None
    return Recurrence(interval=int(interval), unit=unit, weekdays=tuple(sorted(days)), ordinal=ordinals.pop())


def _and(words: list[str]) -> str:
    return (
        words[0]
        if len(words) == 1
        else _("%(list)s og %(last)s") % {"list": ", ".join(words[:-1]), "last": words[-1]}
    )


def _every(n: int) -> str:
    return str(EVERY[n]) if n in EVERY else _("hver %(n)s.") % {"n": n}


def describe(rule: str, start_time: time | None = None) -> str:
    """The rule in words: "hver anden mandag kl. 9.00", "første tirsdag i måneden kl. 16.00"."""
    r = from_rule(rule)
    if r is None:
        text = rule
    else:
        days = _and([str(WEEKDAYS[d]) for d in r.weekdays])
        if r.unit == "week":
            if len(r.weekdays) == 1:
                text = f"{_every(r.interval)} {days}"
            elif r.interval == 1:
                text = _("hver %(days)s") % {"days": days}
            else:
                text = _("%(every)s uge: %(days)s") % {"every": _every(r.interval), "days": days}
        elif r.ordinal is None:
            text = _("%(days)s, %(every)s måned") % {"days": days, "every": _every(r.interval)}
        elif r.interval == 1:
            text = _("%(nth)s %(days)s i måneden") % {"nth": ORDINALS[r.ordinal], "days": days}
        else:
            text = _("%(nth)s %(days)s %(every)s måned") % {
                "nth": ORDINALS[r.ordinal],
                "days": days,
                "every": _every(r.interval),
            }
    if start_time is not None:
        text += " " + _("kl. %(hour)s.%(minute)s") % {
            "hour": start_time.hour,
            "minute": f"{start_time.minute:02d}",
        }
    return text


def weeks_text(weeks: list[int]) -> str:
    """[7, 27, 28, 29, 42] -> "7, 27-29, 42"."""
    out: list[str] = []
    for w in sorted(set(weeks)):
        if out and "-" not in out[-1] and int(out[-1]) == w - 1:
            out[-1] = f"{out[-1]}-{w}"
        elif out and "-" in out[-1] and int(out[-1].split("-")[1]) == w - 1:
            out[-1] = f"{out[-1].split('-')[0]}-{w}"
        else:
            out.append(str(w))
    return ", ".join(out)


def parse_weeks(text: str) -> list[int]:
    """ "7, 27-29, 42" -> [7, 27, 28, 29, 42]; ValueError on anything else."""
    weeks: set[int] = set()
    for part in text.replace(";", ",").split(","):
        part = part.strip().lower().removeprefix("uge").strip()
        if not part:
            continue
        low, _sep, high = part.partition("-")
        a, b = int(low), int(high or low)
        if not (1 <= a <= b <= 53):
            raise ValueError(part)
        weeks.update(range(a, b + 1))
    return sorted(weeks)

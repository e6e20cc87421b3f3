"""The agenda's deadline on a Danish working-day calendar.

A body's agenda must be sent a number of working days (hverdage) before the meeting day: Monday to Friday,
not the public holidays (the `holidays` package, Denmark) nor the days a municipality's offices are closed
though they are no public holidays (Grundlovsdag, juleaftensdag, nytårsaftensdag).
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

# Closed days that are not public holidays by law, as most municipalities' agreements have them.
CLOSED_DAYS = ((6, 5), (12, 24), (12, 31))


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DK", years=year))


def is_holiday(day: date) -> bool:
    """A Danish public holiday, or Grundlovsdag, juleaftensdag or nytårsaftensdag."""
    return day in _public_holidays(day.year) or (day.month, day.day) in CLOSED_DAYS


def is_working_day(day: date) -> bool:
    """Monday to Friday, not a Danish public holiday, not Grundlovsdag, juleaftensdag or nytårsaftensdag."""
    return (
        day.weekday() < 5
        and day not in _public_holidays(day.year)
        and (day.month, day.day) not in CLOSED_DAYS
    )


def agenda_deadline(meeting_day: date, working_days: int) -> date:
    """The last day the agenda may be sent: the `working_days`-th working day before the meeting day
    (4 for a Monday meeting: the Tuesday before). With 0, the meeting day itself."""
    day = meeting_day
    left = working_days
    while left > 0:
        day -= timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def is_late(meeting_day: date, working_days: int, sent: date) -> bool:
    """Whether an agenda sent on `sent` is later than the deadline."""
    return sent > agenda_deadline(meeting_day, working_days)

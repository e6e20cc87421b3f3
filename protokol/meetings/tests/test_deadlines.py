"""The agenda's deadline counted in Danish working days, over Easter, Christmas and the New Year."""

from datetime import date

import pytest

from protokol.meetings.deadlines import agenda_deadline, is_late, is_working_day


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 4, 2), False),  # skærtorsdag
        (date(2026, 4, 3), False),  # langfredag
        (date(2026, 4, 6), False),  # 2. påskedag
        (date(2026, 4, 7), True),
        (date(2026, 5, 14), False),  # Kristi himmelfartsdag
        (date(2026, 6, 5), False),  # Grundlovsdag
        (date(2026, 12, 24), False),
        (date(2026, 12, 28), True),
        (date(2026, 12, 31), False),
        (date(2027, 1, 1), False),
        (date(2026, 3, 7), False),  # a Saturday
    ],
)
def test_working_days(day, working):
    assert is_working_day(day) is working


def test_an_ordinary_week_four_working_days_before_a_monday_is_the_tuesday_before():
    assert agenda_deadline(date(2026, 3, 9), 4) == date(2026, 3, 3)


def test_easter_is_skipped():
    # Meeting Tuesday 7 April 2026: back over 2. påskedag, the weekend, langfredag and skærtorsdag, then
    # 1 April, 31 March, 30 March, the weekend, 27 March.
    assert agenda_deadline(date(2026, 4, 7), 4) == date(2026, 3, 27)
    assert agenda_deadline(date(2026, 4, 7), 1) == date(2026, 4, 1)


def test_christmas_and_new_year_are_skipped():
    # Meeting Monday 4 January 2027: 1 January and 31 December are no working days; 30, 29, 28 December
    # are; then the weekend with 2. juledag, juledag and juleaftensdag; 23 December is the fourth.
    assert agenda_deadline(date(2027, 1, 4), 4) == date(2026, 12, 23)
    assert agenda_deadline(date(2027, 1, 4), 5) == date(2026, 12, 22)


def test_late_means_after_the_deadline_day():
    assert not is_late(date(2026, 3, 9), 4, sent=date(2026, 3, 3))
    assert is_late(date(2026, 3, 9), 4, sent=date(2026, 3, 4))
    assert agenda_deadline(date(2026, 3, 9), 0) == date(2026, 3, 9)

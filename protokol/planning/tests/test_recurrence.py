"""A series said in words, stored as its RFC 5545 rule, read back into the words."""

from datetime import date, time

import pytest
from django.utils import translation

from protokol.meetings.tests import factories
from protokol.planning import services
from protokol.planning.recurrence import Recurrence, describe, from_rule, parse_weeks, to_rule, weeks_text

CASES = [
    (Recurrence(2, "week", (0,)), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "hver anden mandag kl. 9.00"),
    (Recurrence(1, "week", (0, 3)), "FREQ=WEEKLY;BYDAY=MO,TH", "hver mandag og torsdag kl. 9.00"),
    (
        Recurrence(3, "week", (0, 2, 4)),
        "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,WE,FR",
        "hver tredje uge: mandag, onsdag og fredag kl. 9.00",
    ),
    (Recurrence(1, "month", (1,), 1), "FREQ=MONTHLY;BYDAY=1TU", "første tirsdag i måneden kl. 9.00"),
    (
        Recurrence(2, "month", (3,), -1),
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TH",
        "sidste torsdag hver anden måned kl. 9.00",
    ),
]


@pytest.mark.parametrize(("r", "rule", "words"), CASES)
def test_the_round_trip(r, rule, words):
    assert to_rule(r) == rule
    assert from_rule(rule) == r
    with translation.override("da"):
        assert describe(rule, time(9, 0)) == words


def test_english_words():
    with translation.override("en"):
        assert describe("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", time(9, 0)) == "every other Monday at 9:00"


@pytest.mark.parametrize(
    "rule", ["FREQ=DAILY", "FREQ=WEEKLY;BYMONTHDAY=3", "FREQ=MONTHLY;BYDAY=1MO,2TU", "nonsense"]
)
def test_a_rule_the_words_cannot_say_is_described_by_itself(rule):
    assert from_rule(rule) is None
    assert describe(rule) == rule


def test_weeks():
    assert parse_weeks("7, 27-29, uge 42") == [7, 27, 28, 29, 42]
    assert weeks_text([7, 27, 28, 29, 42]) == "7, 27-29, 42"
    with pytest.raises(ValueError):
        parse_weeks("54")


@pytest.mark.django_db
def test_holidays_and_school_weeks_are_left_out(system):
    board = factories.body("Direktionen", org=factories.organization("Kalundborg Kommune"))
    series = services.create_series(
        body=board,
        name="Udvalgsmøder",
        rule="FREQ=WEEKLY;BYDAY=MO",
        first_date=date(2026, 1, 5),
        skip_public_holidays=True,
        skip_weeks=[7],
        by=system,
    )
    days = services.occurrences(series, start=date(2026, 2, 1), until=date(2026, 4, 30))
    assert date(2026, 2, 9) not in days  # week 7: vinterferie
    assert date(2026, 4, 6) not in days  # 2. påskedag
    assert date(2026, 2, 16) in days and date(2026, 4, 13) in days

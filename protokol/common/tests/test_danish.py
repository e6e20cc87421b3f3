from datetime import date, datetime, time

import pytest

from protokol.common.danish import (
    MONTHS,
    WEEKDAYS,
    format_date,
    format_meeting_datetime,
    format_numeric_date,
    format_time,
    genitive,
    month_name,
    weekday_name,
)


def test_meeting_datetime_as_the_reference_prints_it():
    assert format_meeting_datetime(datetime(2016, 5, 30, 12, 30)) == "Mandag d. 30. maj 2016 kl. 12:30"


def test_meeting_datetime_with_end():
    start = datetime(2025, 8, 27, 16, 0)
    assert format_meeting_datetime(start, end=time(18, 5)) == "Onsdag d. 27. august 2025 kl. 16:00 – 18:05"
    assert format_meeting_datetime(start, end=datetime(2025, 8, 27, 19, 30)).endswith("kl. 16:00 – 19:30")


def test_dates():
    assert format_date(date(2016, 5, 30)) == "30. maj 2016"
    assert format_date(date(2025, 1, 1)) == "1. januar 2025"
    assert format_numeric_date(date(2016, 5, 30)) == "30-05-2016"
    assert format_numeric_date(date(2025, 1, 2)) == "02-01-2025"
    assert format_time(time(9, 5)) == "09:05"


def test_every_weekday_and_month():
    # 2024-01-01 was a Monday.
    days = [weekday_name(date(2024, 1, d)) for d in range(1, 8)]
    assert days == ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
    assert [month_name(date(2024, m, 1)) for m in range(1, 13)] == list(MONTHS)
    assert len(WEEKDAYS) == 7 and MONTHS[4] == "maj" and MONTHS[11] == "december"


def test_weekday_capitalised_only_at_the_start():
    text = format_meeting_datetime(datetime(2016, 5, 29, 8, 0))
    assert text == "Søndag d. 29. maj 2016 kl. 08:00"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Direktionen", "Direktionens"),
        ("Økonomiudvalget", "Økonomiudvalgets"),
        ("Kommunalbestyrelsen", "Kommunalbestyrelsens"),
        ("Aarhus Byråd", "Aarhus Byråds"),
        ("Teknisk Udvalg", "Teknisk Udvalgs"),
        ("Niveau 2 ledermøde", "Niveau 2 ledermødes"),
        ("Aarhus", "Aarhus'"),
        ("Borgerrådets Kontaktudvalg for Unges", "Borgerrådets Kontaktudvalg for Unges'"),
        ("Børne- og Ungeudvalg Vest", "Børne- og Ungeudvalg Vests"),
        ("Udvalget for Fritid og Fox", "Udvalget for Fritid og Fox'"),
        ("  Direktionen ", "Direktionens"),
        ("", ""),
    ],
)
def test_genitive(name, expected):
    assert genitive(name) == expected

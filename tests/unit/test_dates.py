"""Day-first date reading and writing (clubapp.services.dates)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clubapp.services.dates import format_date, parse_date

HOW_TO = "Write the date as day/month/year, for example 03/04/2025."


@pytest.mark.parametrize(
    "text",
    [
        "2025-04-03",
        "03/04/2025",
        "3/4/2025",
        "3-4-2025",
        "3.4.2025",
        "03.04.2025",
        "03/04/25",
        " 03/04/2025 ",
        "3 April 2025",
        "3 april 2025",
        "3 Apr 2025",
        "3 Apr. 2025",
        "3rd April 2025",
        "03-Apr-2025",
        "3-Apr-25",
        "April 3, 2025",
        "2025/04/03",
        "2025-04-03 00:00:00",
        "2025-04-03T00:00",
    ],
)
def test_accepted_forms_all_mean_3_april_2025(text: str) -> None:
    """Every accepted way of writing the date reads as 3 April 2025, never 4 March."""
    assert parse_date(text) == date(2025, 4, 3)


def test_day_first_is_never_read_month_first() -> None:
    """03/04/2025 is 3 April and 12/01/2025 is 12 January, even where month-first would work."""
    assert parse_date("03/04/2025") == date(2025, 4, 3)
    assert parse_date("12/01/2025") == date(2025, 1, 12)
    assert parse_date("1/12/2025") == date(2025, 12, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/04/25", date(2025, 4, 3)),
        ("03/04/00", date(2000, 4, 3)),
        ("03/04/69", date(2069, 4, 3)),
        ("03/04/70", date(1970, 4, 3)),
        ("03/04/99", date(1999, 4, 3)),
        ("3 Apr 48", date(2048, 4, 3)),
    ],
)
def test_two_digit_years(text: str, expected: date) -> None:
    """Two-digit years 00-69 are in the 2000s and 70-99 in the 1900s."""
    assert parse_date(text) == expected


def test_leap_day_accepted_in_a_leap_year() -> None:
    """29 February exists in 2024."""
    assert parse_date("29/02/2024") == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("31/02/2025", "There is no 31 February 2025. Check the day and month."),
        ("29/02/2023", "There is no 29 February 2023."),
        ("31-04-2025", "There is no 31 April 2025."),
        ("2025-02-30", "There is no 30 February 2025."),
        ("31 June 2025", "There is no 31 June 2025."),
        ("2025-13-01", "There is no month 13"),
        ("00/04/2025", "There is no 0 April 2025."),
    ],
)
def test_impossible_dates_are_named(text: str, words: str) -> None:
    """An impossible date is refused with a message naming the date that does not exist."""
    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert words in str(caught.value)
    assert "Check the day and month" in str(caught.value)


def test_month_first_date_gets_a_day_first_hint_not_a_guess() -> None:
    """04/13/2025 is refused, and the message shows how to write 13 April day first."""
    with pytest.raises(ValueError) as caught:
        parse_date("04/13/2025")
    message = str(caught.value)
    assert "There is no month 13" in message
    assert "13/04/2025" in message


@pytest.mark.parametrize(
    "text",
    ["", "   ", "next tuesday", "3 Foo 2025", "03/04-2025", "1/1/1", "2025", "03/04/2025/1"],
)
def test_unreadable_text_says_how_to_write_a_date(text: str) -> None:
    """Text that is not a date gets the plain "write it as day/month/year" message."""
    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert HOW_TO in str(caught.value)


def test_year_zero_is_refused() -> None:
    """The year 0 does not exist, so 0000-01-01 is refused in plain words."""
    with pytest.raises(ValueError, match="year 0"):
        parse_date("0000-01-01")


def test_format_date_is_day_first_with_leading_zeros() -> None:
    """3 April 2025 is written 03/04/2025, the way UK spreadsheets show it."""
    assert format_date(date(2025, 4, 3)) == "03/04/2025"
    assert format_date(date(2025, 12, 31)) == "31/12/2025"
    assert format_date(date(999, 1, 2)) == "02/01/0999"


@given(st.dates())
def test_format_then_parse_gives_the_same_date(d: date) -> None:
    """Any date written by format_date reads back as the same date."""
    assert parse_date(format_date(d)) == d


@given(st.dates())
def test_iso_dates_read_back(d: date) -> None:
    """Any ISO date reads back as itself."""
    assert parse_date(d.isoformat()) == d

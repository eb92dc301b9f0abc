"""Reading and writing dates the way UK clubs and their spreadsheets write them: day first.

`parse_date` never guesses month-first: 03/04/2025 is always 3 April 2025.
Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import re
from datetime import date

from clubapp.services.fields import has_hidden

HOW_TO_WRITE = "Write the date as day/month/year, for example 03/04/2025."

# English names whatever the machine's locale says.
_ENGLISH_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MONTH_WORDS = [w.capitalize() for w in _ENGLISH_MONTHS]
_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(_ENGLISH_MONTHS, start=1):
    _MONTHS[_name] = _i
    _MONTHS[_name[:3]] = _i
_MONTHS["sept"] = 9

# 2025-04-03, 2025/04/03, 2025.4.3, optionally followed by a midnight-style time.
_YEAR_FIRST = re.compile(
    r"^(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
# 03/04/2025, 3-4-2025, 3.4.25: the same separator both times.
_DAY_FIRST = re.compile(
    r"^(?P<d>\d{1,2})\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4}|\d{2})$"
)
# 3 April 2025, 3rd Apr. 2025, 03-Apr-2025, 3 April, 25 (with a two-digit year).
_DAY_MONTH_WORD = re.compile(
    r"^(?P<d>\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*(?P<mon>[^\W\d_]+)\.?[\s\-/.,]*(?P<y>\d{4}|\d{2})$"
)
# April 3, 2025 / April 3rd 2025: unambiguous because the month is a word.
_MONTH_WORD_DAY = re.compile(
    r"^(?P<mon>[^\W\d_]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})$"
)


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        return 2000 + year if year < 70 else 1900 + year
    return year


def _month_from_word(word: str) -> int | None:
    return _MONTHS.get(word.casefold())


def _build(day: int, month: int, year: int, *, day_first_numbers: bool = False) -> date:
    if year < 1:
        raise ValueError(f"The year {year} is not possible. Check the year.")
    if not 1 <= month <= 12:
        message = f"There is no month {month}: months go from 1 to 12. Check the day and month."
        if day_first_numbers and 1 <= day <= 12 and 1 <= month <= 31:
            # Probably written month first (04/13/2025). Say how to write it; do not guess.
            try:
                meant = date(year, day, month)
            except ValueError:
                pass
            else:
                message += (
                    f" Dates go day first, then month: for {_words(meant)}"
                    f" write {format_date(meant)}."
                )
        raise ValueError(message)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(
            f"There is no {day} {MONTH_WORDS[month - 1]} {year}. Check the day and month."
        ) from None


def _words(d: date) -> str:
    return f"{d.day} {MONTH_WORDS[d.month - 1]} {d.year}"


def parse_date(text: str) -> date:
    """Read a date written day first (03/04/2025 is 3 April 2025), as ISO, or in words.

    Accepted: 2025-04-03, 03/04/2025, 3/4/2025, 3-4-2025, 3.4.2025, 03/04/25
    (two-digit years 00-69 are 2000-2069, 70-99 are 1970-1999), 3 April 2025,
    3 Apr 2025, 03-Apr-2025. Raises ValueError with a plain-words message saying
    how to fix the date; an impossible date such as 31/02/2025 is named.
    """
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise ValueError(f"The date is blank. {HOW_TO_WRITE}")
    if has_hidden(str(text)):
        raise ValueError(f"The date has a hidden character in it. Retype it. {HOW_TO_WRITE}")

    if match := _YEAR_FIRST.match(cleaned):
        return _build(int(match["d"]), int(match["m"]), int(match["y"]))

    if match := _DAY_FIRST.match(cleaned):
        return _build(
            int(match["d"]),
            int(match["m"]),
            _full_year(match["y"]),
            day_first_numbers=True,
        )

    for pattern in (_DAY_MONTH_WORD, _MONTH_WORD_DAY):
        if (match := pattern.match(cleaned)) and (month := _month_from_word(match["mon"])):
            return _build(int(match["d"]), month, _full_year(match["y"]))

    shown = cleaned if len(cleaned) <= 40 else cleaned[:37] + "..."
    raise ValueError(f"'{shown}' is not a date we can read. {HOW_TO_WRITE}")


def format_date(d: date) -> str:
    """Write a date day first, the way UK spreadsheets show it: 3 April 2025 -> "03/04/2025"."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


WEEKDAY_WORDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(d: date, *, weekday: bool = True) -> str:
    """A date in words, UK style, whatever the machine's locale: "Wednesday 3 December 2025".

    With ``weekday=False``: "3 December 2025".
    """
    words = _words(d)
    return f"{WEEKDAY_WORDS[d.weekday()]} {words}" if weekday else words

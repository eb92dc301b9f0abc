"""The Volunteers room's lists: the club's needs, who can do what, checks due, hours
given (the log, by person and by month), the month's rota and the skills list.

Each is a RowsModel over rows a service returned, shown as words; the row's id is in
``Qt.UserRole``. A check that ran out or runs out soon says so in words; the colour of
its line (``Qt.BackgroundRole``, and red words for one that ran out) only repeats it.
Cells with several facts put each on a line of its own, and no list has more than
three columns, so that at 200 % text in a 1280 px window no word is cut short. A need's
title and what it is for are two lines, the second starting "For: ", so they do not
read as one sentence. Phone numbers keep their spaces unbroken, so a number never
wraps in the middle.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from clubapp.services.checks import CheckRow
from clubapp.services.dates import long_date
from clubapp.services.needs import NeedView, RotaLine
from clubapp.services.skills import DirectoryEntry, SkillRow
from clubapp.services.volunteer_hours import HoursRow, MonthTotal, PersonTotal, hours_words
from clubapp.ui import theme
from clubapp.ui.tablemodels.committee import _WordsModel
from clubapp.ui.tablemodels.grants import count_words

#: A check's state ("expired", "due", "valid"), for tests and colour.
STATE_ROLE = int(Qt.ItemDataRole.UserRole) + 1

# A place where a long word (an email address) may break onto the next line.
_BREAK = "\u200b"
# A space a line never breaks at (inside a phone number).
_NO_BREAK = "\u00a0"


def people_count(n: int, none: str = "Nobody") -> str:
    return none if n == 0 else count_words(n, "person", "people")


def unbroken_phone(phone: str) -> str:
    """A phone number that never wraps in the middle ("07700 900147" stays whole)."""
    return _NO_BREAK.join(phone.split())


def breakable_email(email: str) -> str:
    """An email address that may wrap before its "@" and its dots, in a narrow column
    (a long address is one word, cut short with "…" where the column is narrower)."""
    return email.replace(".", f"{_BREAK}.").replace("@", f"{_BREAK}@")


# ---------------------------------------------------------------- needs


def for_phrase(for_words: str) -> str:
    """ "For: Crafternoon on Sunday 6 December 2026", "For: A one-off job": a line of its
    own under the need's title, a label and its words, plainly a second thing and not
    the end of the title's sentence."""
    return f"For: {for_words}"


def need_for_words(need: NeedView) -> str:
    return for_phrase(need.for_words)


def need_day_passed(need: NeedView, today: date) -> bool:
    """Whether the need's day (or its last week, or the day it had to be done by) is over."""
    last = need.last_day
    return last is not None and last < today


class NeedsModel(_WordsModel):
    """Needs: the title and what it is for; when (saying if the day has passed); how many
    people are found, and its status."""

    HEADERS = ("Need", "When", "People")

    def __init__(self, today: date | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = today or date.today()

    def cells(self, row: NeedView) -> tuple[str, ...]:
        when = row.when_words
        if row.status in ("open", "filled") and need_day_passed(row, self.today):
            when += "\nThe day has passed: mark it done"
        return (
            f"{row.title}\n{need_for_words(row)}",
            when,
            f"{row.people_words}\n{row.status_words}",
        )

    def row_id(self, row: NeedView) -> int:
        return row.need_id


# ---------------------------------------------------------------- who can do what


class DirectoryModel(_WordsModel):
    """Who can do what: the person (with their phone and email, only for those who may
    see contact details: the service leaves them blank otherwise), their skills one to a
    line and then what they would like to learn ("Would like to learn cooking"), and
    when they are usually free."""

    HEADERS = ("Person", "Skills", "Free times")

    def cells(self, row: DirectoryEntry) -> tuple[str, ...]:
        phone = unbroken_phone(row.phone)
        person = "\n".join(w for w in (row.name, phone, breakable_email(row.email)) if w)
        skills = "\n".join(s.words for s in (*row.skills, *row.to_learn)) or "None given yet"
        return (person, skills, row.free_words)

    def row_id(self, row: DirectoryEntry) -> int:
        return row.person_id

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        value = super().data(index, role)
        if role == Qt.ItemDataRole.AccessibleTextRole and isinstance(value, str):
            return value.replace(_BREAK, "").replace(_NO_BREAK, " ")
        return value


# ---------------------------------------------------------------- checks


def check_when_words(row: CheckRow) -> str:
    """ "Runs out in 13 days" with the day under it."""
    if row.expires_on is None:
        return row.when_words
    day = long_date(row.expires_on, weekday=False)
    if row.state == "valid":
        return row.when_words
    return f"{row.when_words}\n{day}"


class ChecksModel(_WordsModel):
    """Checks that ran out or run out soon: whose, which check, and when in words with
    the day. A check that ran out has a pale red line and red words; one running out
    soon a pale yellow line; the words say it either way."""

    HEADERS = ("Person", "Check", "When")

    def cells(self, row: CheckRow) -> tuple[str, ...]:
        check = row.kind_words
        if row.details:
            check += f"\n{row.details}"
        return (row.person_name, check, check_when_words(row))

    def row_id(self, row: CheckRow) -> int:
        return row.check_id

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row: CheckRow = self._rows[index.row()]
        if role == STATE_ROLE:
            return row.state
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.state == "expired":
                return QBrush(theme.colour("error_background"))
            if row.state == "due":
                return QBrush(theme.colour("focus_soft"))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.state == "expired":
                return QBrush(QColor(theme.COLOURS.danger))
            return None
        return super().data(index, role)


# ---------------------------------------------------------------- hours


class HoursLogModel(_WordsModel):
    """The hours given in a period, newest first: who, the day and how long, what for."""

    HEADERS = ("Person", "Day and hours", "What for")

    def cells(self, row: HoursRow) -> tuple[str, ...]:
        return (
            row.name,
            f"{long_date(row.on_date, weekday=False)}\n{hours_words(row.minutes)}",
            row.what or "Not said",
        )

    def row_id(self, row: HoursRow) -> int:
        return row.hours_id


class PersonHoursModel(_WordsModel):
    """Each person's hours in the period, most first, and how many times they came."""

    HEADERS = ("Person", "Hours", "Times")

    def cells(self, row: PersonTotal) -> tuple[str, ...]:
        times = "Once" if row.times == 1 else f"{row.times:,} times"
        return (row.name, hours_words(row.minutes), times)

    def row_id(self, row: PersonTotal) -> int:
        return row.person_id


class MonthHoursModel(_WordsModel):
    """Each month of the period with hours given: the hours, and by how many people."""

    HEADERS = ("Month", "Hours", "People")

    def cells(self, row: MonthTotal) -> tuple[str, ...]:
        return (row.words, hours_words(row.minutes), people_count(row.people))

    def row_id(self, row: MonthTotal) -> int:
        return row.year * 100 + row.month


# ---------------------------------------------------------------- the rota


def still_wanted_words(line: RotaLine) -> str:
    """ "1 more person wanted", "" when no more are wanted."""
    if not line.still_wanted:
        return ""
    return f"{count_words(line.still_wanted, 'more person', 'more people')} wanted"


class RotaModel(_WordsModel):
    """The month's rota, day by day: when, the need and what it is for, who agreed with
    how many more people are still wanted under them."""

    HEADERS = ("When", "Need", "Who")

    def cells(self, row: RotaLine) -> tuple[str, ...]:
        need = row.title
        if row.for_words:
            need += f"\n{for_phrase(row.for_words)}"
        lines = [*row.people] or ["Nobody yet"]
        lines += [f"{name} is away that day" for name in row.away]
        wanted = still_wanted_words(row)
        if wanted:
            lines.append(wanted)
        return (row.when_words, need, "\n".join(lines))

    def row_id(self, row: RotaLine) -> int:
        return row.need_id


# ---------------------------------------------------------------- the skills list


class SkillsModel(_WordsModel):
    """The club's skills by name: how many people can do it (and are happy to at the
    club) and how many are learning it or would like to; how many needs ask for it."""

    HEADERS = ("Skill", "People", "Needs")

    def cells(self, row: SkillRow) -> tuple[str, ...]:
        able = "Nobody can do it" if not row.people else f"{people_count(row.people)} can do it"
        learning = (
            "Nobody learning it"
            if not row.learners
            else f"{people_count(row.learners)} learning it or would like to"
        )
        needs = (
            "No needs ask for it"
            if not row.needs
            else f"{count_words(row.needs, 'need asks', 'needs ask')} for it"
        )
        return (row.name, f"{able}\n{learning}", needs)

    def row_id(self, row: SkillRow) -> int:
        return row.skill_id

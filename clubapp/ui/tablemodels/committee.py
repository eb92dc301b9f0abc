"""The Committee room's lists: who serves, the members' inbox, and the meetings.

Each is a RowsModel over rows a service returned; the row's id is in ``Qt.UserRole``.
Everything is in words: a term that ends soon says so, minutes say whether they are
approved, and a note from someone who asked not to be named says "A member".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from clubapp.services.committee import TermRow
from clubapp.services.dates import long_date
from clubapp.services.meetings import MeetingRow
from clubapp.services.notes import InboxItem
from clubapp.ui.pages.attendance import time_words
from clubapp.ui.pages.committee_words import minutes_status_words, term_end_words
from clubapp.ui.tablemodels.rows import RowsModel

_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)


class _WordsModel(RowsModel[Any]):
    """Rows shown as words, one function per column; ids in UserRole."""

    def cells(self, row: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def row_id(self, row: Any) -> int:
        raise NotImplementedError

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in _TEXT_ROLES:
            return self.cells(row)[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return self.row_id(row)
        return None

    def row_of(self, row_id: int) -> int:
        for i, row in enumerate(self._rows):
            if self.row_id(row) == row_id:
                return i
        return -1


class TermsModel(_WordsModel):
    """Who serves now: name, position, and when the term ends ("Ends soon" in words)."""

    HEADERS = ("Name", "Position", "Term ends")

    def __init__(self, today: Callable[[], date], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today

    def cells(self, row: TermRow) -> tuple[str, ...]:
        return (row.name, row.position_words, term_end_words(row, self._today()))

    def row_id(self, row: TermRow) -> int:
        return row.term_id


class InboxModel(_WordsModel):
    """Notes waiting for the committee: the date, the kind, who (or "A member"), the words."""

    HEADERS = ("Date", "Kind", "Who", "Summary")

    def cells(self, row: InboxItem) -> tuple[str, ...]:
        return (
            long_date(row.on_date, weekday=False),
            row.kind_words,
            row.who,
            row.summary or "(No summary was written.)",
        )

    def row_id(self, row: InboxItem) -> int:
        return row.note_id


class MeetingsModel(_WordsModel):
    """Every meeting, newest first, saying whether its minutes are approved, or that the
    meeting has not been held yet (``today`` is the app's day, which tests can set)."""

    HEADERS = ("Date", "Meeting", "Minutes")

    def __init__(self, today: Callable[[], date], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today

    def cells(self, row: MeetingRow) -> tuple[str, ...]:
        when = long_date(row.on_date)
        if row.start_time is not None:
            when += f", {time_words(row.start_time)}"
        what = row.kind_words + (f" at {row.place}" if row.place else "")
        return (when, what, self.minutes_words(row))

    def minutes_words(self, row: MeetingRow) -> str:
        if row.minutes_approved_on is None and row.on_date > self._today():
            return "Not held yet"
        return minutes_status_words(row)

    def row_id(self, row: MeetingRow) -> int:
        return row.meeting_id

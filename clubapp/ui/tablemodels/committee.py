"""The Committee room's lists: who serves, the members' inbox, and the meetings; and
the inbox again as notes to tick for a meeting's agenda, with a filter to find them.

Each is a RowsModel over rows a service returned; the row's id is in ``Qt.UserRole``.
Everything is in words: a term that ends soon says so, minutes say whether they are
approved, and a note from someone who asked not to be named says "A member".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from clubapp.services.committee import TermRow
from clubapp.services.dates import long_date
from clubapp.services.meetings import MeetingRow
from clubapp.services.notes import KIND_WORDS, InboxItem
from clubapp.ui.pages.attendance import time_words
from clubapp.ui.pages.committee_words import minutes_status_words, term_end_words
from clubapp.ui.tablemodels.rows import RowsModel
from clubapp.ui.widgets.inputs import fold

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


_AnyIndex = QModelIndex | QPersistentModelIndex


def pick_words(row: InboxItem) -> str:
    """The day, who, and what they said: "3 March 2026. A member: More singing, please."."""
    summary = row.summary or "(No summary was written.)"
    return f"{long_date(row.on_date, weekday=False)}. {row.who}: {summary}"


def _folded(text: str) -> str:
    """:func:`fold`, quicker for plain English words (nothing to take accents from)."""
    return " ".join(text.casefold().split()) if text.isascii() else fold(text)


class InboxPickModel(RowsModel[InboxItem]):
    """The notes waiting in the inbox, to tick the ones to bring to a meeting.

    One column: the kind on the first line and :func:`pick_words` under it, a tick in
    ``Qt.CheckStateRole``, the note's id in ``Qt.UserRole``. Ticks are kept by note id,
    in the order they were made (the first note ticked gives the item its title), and
    :attr:`ticked_changed` says when they change.
    """

    ID_FIELD = "note_id"

    HEADERS = ("Note",)
    ticked_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._keys: list[str] = []
        self._ticked: dict[int, None] = {}  # note ids in the order they were ticked

    def set_rows(self, rows: Sequence[InboxItem]) -> None:
        """Offer these notes; ticks on notes still offered stay."""
        self.beginResetModel()
        self._rows = list(rows)
        self._words = [pick_words(r) for r in self._rows]
        self._keys = []  # made at the first search
        offered = {r.note_id for r in self._rows}
        before = list(self._ticked)
        self._ticked = {i: None for i in before if i in offered}
        self.endResetModel()
        if list(self._ticked) != before:
            self.ticked_changed.emit()

    # ------------------------------------------------------------ ticks

    def ticked_ids(self) -> tuple[int, ...]:
        """The notes ticked, in the order they were ticked."""
        return tuple(self._ticked)

    def is_ticked(self, note_id: int) -> bool:
        return note_id in self._ticked

    def set_ticked(self, note_id: int, ticked: bool) -> bool:
        """Tick or untick a note offered; False if it is not offered."""
        row = self.row_of(note_id)
        if row < 0:
            return False
        if ticked == (note_id in self._ticked):
            return True
        if ticked:
            self._ticked[note_id] = None
        else:
            del self._ticked[note_id]
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.ticked_changed.emit()
        return True

    def toggle(self, index: _AnyIndex) -> None:
        """Tick the note if it is not ticked, untick it if it is."""
        if index.isValid():
            note_id = self._rows[index.row()].note_id
            self.set_ticked(note_id, note_id not in self._ticked)

    # ------------------------------------------------------------ finding

    def search_key(self, row: int) -> str:
        """The row's kind and words, folded for searching (see widgets.inputs.fold)."""
        if len(self._keys) != len(self._rows):
            self._keys = [
                _folded(f"{r.kind_words} {words}")
                for r, words in zip(self._rows, self._words, strict=True)
            ]
        return self._keys[row]

    def kinds(self) -> list[tuple[str, str]]:
        """The kinds of the notes offered, as (code, words), in the usual order of kinds."""
        present = {r.kind: r.kind_words for r in self._rows}
        order = {kind: i for i, kind in enumerate(KIND_WORDS)}
        return sorted(present.items(), key=lambda item: order.get(item[0], len(order)))

    # ------------------------------------------------------------ Qt

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.kind_words}\n{self._words[index.row()]}"
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return f"{row.kind_words}: {self._words[index.row()]}"
        if role == Qt.ItemDataRole.CheckStateRole:
            ticked = row.note_id in self._ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return row.note_id
        return None

    def setData(self, index: _AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        if not 0 <= index.row() < len(self._rows):
            return False
        state = value.value if isinstance(value, Qt.CheckState) else value
        return self.set_ticked(
            self._rows[index.row()].note_id, state == Qt.CheckState.Checked.value
        )

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class InboxPickFilter(QSortFilterProxyModel):
    """The notes of one kind (or every kind) whose words hold every word typed.

    The source must be an :class:`InboxPickModel`; "sing" finds "More singing, please."
    and "singing march" a note from March about singing, in any case, with or without
    accents.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needles: tuple[str, ...] = ()
        self._kind: str | None = None

    def set_search(self, text: str) -> None:
        needles = tuple(fold(text).split())
        if needles != self._needles:
            self._change("_needles", needles)

    def set_kind(self, kind: str | None) -> None:
        if (kind or None) != self._kind:
            self._change("_kind", kind or None)

    def is_filtering(self) -> bool:
        return bool(self._needles) or self._kind is not None

    def _change(self, name: str, value: object) -> None:
        self.beginFilterChange()
        setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _AnyIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, InboxPickModel):
            return True
        if self._kind is not None and model.row_at(source_row).kind != self._kind:
            return False
        if not self._needles:
            return True
        key = model.search_key(source_row)
        return all(needle in key for needle in self._needles)


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

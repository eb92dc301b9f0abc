"""The one-to-one notes as a Qt model, filtered by kind, by status and by the member's name.

`NotesTableModel` holds the rows `notes.list_notes` returned (newest first) and the
words each cell shows, worked out once when the rows are set, so ``data()`` only
looks them up. `NotesFilterProxy` narrows them as the person types, without asking
the database again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from clubapp.services.dates import long_date
from clubapp.services.notes import NoteRow
from clubapp.ui.tablemodels.rows import RowsModel
from clubapp.ui.widgets.inputs import fold

#: The note's id, on every cell of its row.
NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

CURRENT = "Current"
NO_LONGER_TRUE = "No longer true"
ON_AN_AGENDA = "On an agenda"
WAITING = "Waiting for the committee"

_AnyIndex = QModelIndex | QPersistentModelIndex


def status_words(row: NoteRow) -> str:
    """Where the note stands, in a few words."""
    if not row.current:
        return NO_LONGER_TRUE
    if row.on_agenda:
        return ON_AN_AGENDA
    if row.flagged:
        return WAITING
    return CURRENT


def first_line(text: str) -> str:
    """The first line of what they said (the rest is in the note itself)."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def day_words(row: NoteRow) -> str:
    return long_date(row.on_date, weekday=False)


def _cells(day: str, name: str, kind: str, said: str, row: NoteRow) -> tuple[str, ...]:
    who, status = row.visibility_words, status_words(row)
    compact = f"{name}, {day}\n{kind}: {said}\n{status}. Who may see it: {who}."
    return (day, name, kind, said, who, status, compact)


class NotesTableModel(RowsModel[NoteRow]):
    """Date, member, kind, what they said (first line), who may see it, status.

    A seventh column, ``COMPACT``, holds the same words on three lines, for a table
    too narrow for six columns (see widgets.tables.WrappingTable).
    """

    ID_FIELD = "note_id"

    DATE, MEMBER, KIND, SAID, WHO, STATUS, COMPACT = range(7)
    HEADERS = ("Date", "Member", "Kind", "What they said", "Who may see it", "Status", "Note")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cells: list[tuple[str, ...]] = []
        self._keys: list[str] = []

    def set_rows(self, rows: Sequence[NoteRow]) -> None:
        """Show these notes; the search finds a member by known-as or full name."""
        # Many notes share a day and a member: each day's words and each member's
        # search key are worked out once (20,000 notes have about 5,000 members).
        days: dict[object, str] = {}
        keys: dict[int, str] = {}
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = []
        self._keys = []
        for r in self._rows:
            day = days.get(r.on_date)
            if day is None:
                day = days[r.on_date] = day_words(r)
            key = keys.get(r.person_id)
            if key is None:
                key = keys[r.person_id] = fold(f"{r.person_name}\n{r.person_full_name}")
            self._cells.append(_cells(day, r.person_name, r.kind_words, first_line(r.text), r))
            self._keys.append(key)
        self.endResetModel()

    def _spoken(self, row: int) -> str:
        """The whole note in words, for a screen reader."""
        cells, r = self._cells[row], self._rows[row]
        return (
            f"{cells[0]}. {cells[1]}. {cells[2]}: {r.text.strip()}. Who may see it: {cells[4]}. "
            f"{cells[5]}."
        )

    def column_texts(self, column: int) -> set[str]:
        """Every different text the column shows, for measuring it."""
        return {cells[column] for cells in self._cells}

    def search_key(self, row: int) -> str:
        """The member's names, folded for searching."""
        return self._keys[row]

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][index.column()]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # The whole note for a screen reader on its first cell; each cell's words after it.
            return self._spoken(row) if index.column() == 0 else self._cells[row][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.SAID:
            return self._rows[row].text
        if role == NOTE_ID_ROLE:
            return self._rows[row].note_id
        return None

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class NotesFilterProxy(QSortFilterProxyModel):
    """Shows the notes of one kind (or all), current only or all, about members who match.

    The source must be a :class:`NotesTableModel`.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._search = ""
        self._kind: str | None = None
        self._show_old = False

    def search_text(self) -> str:
        return self._search

    def kind(self) -> str | None:
        return self._kind

    def shows_old(self) -> bool:
        return self._show_old

    def is_filtering(self) -> bool:
        return bool(self._needle) or self._kind is not None

    def set_search(self, text: str) -> None:
        self._search = text
        needle = fold(text)
        if needle != self._needle:
            self._change("_needle", needle)

    def set_kind(self, kind: str | None) -> None:
        if (kind or None) != self._kind:
            self._change("_kind", kind or None)

    def set_show_old(self, show: bool) -> None:
        if show != self._show_old:
            self._change("_show_old", show)

    def _change(self, name: str, value: object) -> None:
        self.beginFilterChange()
        setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _AnyIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, NotesTableModel):
            return True
        row = model.row_at(source_row)
        if not self._show_old and not row.current:
            return False
        if self._kind is not None and row.kind != self._kind:
            return False
        return not self._needle or self._needle in model.search_key(source_row)

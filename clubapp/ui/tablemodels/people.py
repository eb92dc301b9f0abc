"""The members list as a Qt model: one row per person, filtered as you type.

`PeopleTableModel` holds the rows `members.list_people` returned (no queries in
`data()`); `PeopleFilterProxy` narrows them by search text, kind and status. The
search follows `members.matches_search` exactly, but on names casefolded once when
the rows are set, so 5,000 people filter in a few milliseconds per keystroke.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from clubapp.services.members import PersonRow
from clubapp.services.vocab import STATUSES as STATUS_WORDS

#: The person's id, on every cell of their row.
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_AnyIndex = QModelIndex | QPersistentModelIndex


class PeopleTableModel(QAbstractTableModel):
    """People as rows: Name, Full name, Kinds and (for roles that see it) Status."""

    NAME, FULL_NAME, KINDS, STATUS = range(4)
    HEADINGS = ("Name", "Full name", "Kinds", "Status")

    def __init__(
        self,
        rows: Sequence[PersonRow] = (),
        *,
        show_status: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._show_status = show_status
        self._rows: list[PersonRow] = []
        self._keys: list[tuple[str, str]] = []
        self._kinds_words: list[str] = []
        self._set(rows)

    # ------------------------------------------------------------ rows

    def _set(self, rows: Sequence[PersonRow]) -> None:
        self._rows = list(rows)
        self._keys = [(r.full_name.casefold(), r.known_as.casefold()) for r in self._rows]
        self._kinds_words = [r.kinds_words for r in self._rows]

    def set_rows(self, rows: Sequence[PersonRow]) -> None:
        """Show these people instead (the list was fetched again)."""
        self.beginResetModel()
        self._set(rows)
        self.endResetModel()

    def rows(self) -> list[PersonRow]:
        return list(self._rows)

    def row_at(self, row: int) -> PersonRow:
        return self._rows[row]

    def search_keys(self, row: int) -> tuple[str, str]:
        """The full name and known-as name of a row, casefolded (for the filter)."""
        return self._keys[row]

    def row_of(self, person_id: int) -> int:
        """The row showing this person, or -1."""
        for i, r in enumerate(self._rows):
            if r.person_id == person_id:
                return i
        return -1

    @property
    def show_status(self) -> bool:
        return self._show_status

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt)
        if parent.isValid():
            return 0
        return 4 if self._show_status else 3

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.NAME:
                return row.display_name
            if column == self.FULL_NAME:
                return row.full_name
            if column == self.KINDS:
                return self._kinds_words[index.row()]
            if column == self.STATUS:
                return STATUS_WORDS.get(row.status, row.status)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.KINDS:
            return self._kinds_words[index.row()]
        if role == PERSON_ID_ROLE:
            return row.person_id
        return None

    def headerData(  # noqa: N802 (Qt name)
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self.columnCount()
        ):
            return self.HEADINGS[section]
        return None

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class PeopleFilterProxy(QSortFilterProxyModel):
    """Shows the people whose name matches the search, of a kind, with a status.

    The source must be a :class:`PeopleTableModel`. An empty search, or ``None`` for
    kind or status, lets everyone through.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._search = ""
        self._kind: str | None = None
        self._status: str | None = None

    # ------------------------------------------------------------ filters

    def search_text(self) -> str:
        return self._search

    def kind(self) -> str | None:
        return self._kind

    def status(self) -> str | None:
        return self._status

    def is_filtering(self) -> bool:
        return bool(self._needle) or self._kind is not None or self._status is not None

    def set_search(self, text: str) -> None:
        needle = text.strip().casefold()
        self._search = text
        if needle == self._needle:
            return
        self._change(lambda: setattr(self, "_needle", needle))

    def set_kind(self, kind: str | None) -> None:
        if kind != self._kind:
            self._change(lambda: setattr(self, "_kind", kind or None))

    def set_status(self, status: str | None) -> None:
        if status != self._status:
            self._change(lambda: setattr(self, "_status", status or None))

    def _change(self, apply) -> None:  # type: ignore[no-untyped-def]
        self.beginFilterChange()
        apply()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    # ------------------------------------------------------------ Qt

    def filterAcceptsRow(self, source_row: int, source_parent: _AnyIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, PeopleTableModel):
            return True
        needle = self._needle
        if needle:
            full, known = model.search_keys(source_row)
            if needle not in full and needle not in known:
                return False
        if self._kind is not None or self._status is not None:
            row = model.row_at(source_row)
            if self._kind is not None and self._kind not in row.kinds:
                return False
            if self._status is not None and row.status != self._status:
                return False
        return True

    def person_id(self, proxy_row: int) -> int | None:
        index = self.index(proxy_row, 0)
        return index.data(PERSON_ID_ROLE) if index.isValid() else None

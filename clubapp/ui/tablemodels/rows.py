"""A table model over a list of rows a service returned, with fixed column headings.

Subclasses set ``HEADERS`` and write ``data()``; the rows are replaced whole with
:meth:`RowsModel.set_rows` (a model reset), never queried inside ``data()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Row = TypeVar("Row")


class RowsModel(QAbstractTableModel, Generic[Row]):
    """Rows and headings; ``data()`` is left to the subclass."""

    HEADERS: tuple[str, ...] = ()
    # The attribute that identifies a row (e.g. "entry_id"), for :meth:`row_of`.
    ID_FIELD = ""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def row_of(self, row_id: int) -> int:
        """The index of the row whose ``ID_FIELD`` is ``row_id``, or -1."""
        field = self.ID_FIELD
        return next((i for i, r in enumerate(self._rows) if getattr(r, field) == row_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

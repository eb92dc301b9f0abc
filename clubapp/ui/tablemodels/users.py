"""The list of people who can sign in, for the Settings page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from clubapp.services.users import UserRow
from clubapp.ui.tablemodels.rows import RowsModel

USER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class UsersTableModel(RowsModel[UserRow]):
    HEADERS = ("Name", "Role", "Can sign in")

    def __init__(self, rows: list[UserRow] | None = None) -> None:
        super().__init__()
        if rows:
            self.set_rows(rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        user = self.row_at(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (user.name, user.role_word, "Yes" if user.active else "No, stopped")[
                index.column()
            ]
        if role == USER_ID_ROLE:
            return user.user_id
        return None

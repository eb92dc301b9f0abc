"""The shape the Members and Notes pages share: a search box above a list, a notice
line saying what just happened, and the list kept the right size for the text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from clubapp.ui import theme
from clubapp.ui.pages.base import Page


class ListPage(Page):
    """A page listing rows that the person narrows by typing in ``search``.

    A subclass builds ``model`` (with ``row_of(id)``), ``proxy``, ``search`` and
    ``table`` (with :meth:`make_notice_label` for the notice), sets ``ID_ROLE`` to the
    model role holding each row's id, and gives :meth:`_update_sizes`. Down in the search box moves into
    the list; a notice goes when the page is left (coming back later it would mislead).
    """

    ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
    # Each page's own kinds (a RowsModel with row_of(id), its filter proxy, its table).
    model: Any
    proxy: Any
    table: Any
    search: QLineEdit
    notice_label: QLabel

    def make_notice_label(self, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        self.notice_label = label
        return label

    def selected_row_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(self.ID_ROLE) if rows else None

    def select_row_id(self, row_id: int) -> bool:
        """Select the row with this id if the list shows it; True if it does."""
        source_row = self.model.row_of(row_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _update_sizes(self) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------ notices

    def show_notice(self, text: str, row_id: int | None = None, *, error: bool = False) -> None:
        """A short line above the list ("Saved Zoë O'Brien."); selects the row if given."""
        self.notice_label.setText(text)
        self.notice_label.setProperty("role", "error" if error else "label")
        theme.repolish(self.notice_label)
        self.notice_label.show()
        if row_id is not None and self.select_row_id(row_id):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_notice(self) -> None:
        self.notice_label.clear()
        self.notice_label.hide()

    def notice(self) -> str:
        return self.notice_label.text() if not self.notice_label.isHidden() else ""

    # ------------------------------------------------------------ Qt

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.proxy.rowCount() > 0
        ):
            if self.selected_row_id() is None:
                self.table.selectRow(0)
            self.table.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._update_sizes()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().hideEvent(event)
        if not self.isVisible():
            self.clear_notice()

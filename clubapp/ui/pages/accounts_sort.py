"""Lines to sort: bank lines imported from a statement that still need a category and a
fund, oldest first. Choosing one opens the entry form with its date, amount and account
fixed (the bank says they are right); once saved it leaves the list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from clubapp.services import books
from clubapp.services.books import EntryLine
from clubapp.services.dates import long_date
from clubapp.services.money import pounds
from clubapp.ui.context import ACCOUNTS, AppContext
from clubapp.ui.pages.accounts import lines_words
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.committee import label
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.tablemodels.rows import RowsModel
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.tables import WrappingTable, rows_to_choose_from

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole

HELP = (
    "These lines came from a bank statement you imported. Each needs a category (what "
    "kind of money it is) and a fund (whose money it is) before the year's accounts can "
    "be made. Choose a line and press Sort this line (or press Enter, or click twice). "
    "The oldest lines are at the top."
)
NOTHING = (
    "Nothing is waiting to be sorted. Lines come here when you import a bank statement, "
    "until you give each one a category and a fund."
)


class ToSortModel(RowsModel[EntryLine]):
    """Date, who, the bank's words, in, out; ``COMPACT`` the same on three lines."""

    ID_FIELD = "entry_id"

    DATE, WHO, WORDS, IN, OUT, COMPACT = range(6)
    HEADERS = ("Date", "Who", "The bank's words", "In", "Out", "Line")
    MONEY = (IN, OUT)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cells: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[EntryLine]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = [_cells(r) for r in self._rows]
        self.endResetModel()

    def column_texts(self, column: int) -> set[str]:
        return {cells[column] for cells in self._cells}

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._cells[row][self.COMPACT].replace("\n", ". ")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.MONEY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ENTRY_ID_ROLE:
            return self._rows[row].entry_id
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


def _cells(r: EntryLine) -> tuple[str, ...]:
    day = long_date(r.on, weekday=False)
    money_in = pounds(r.amount_pence) if r.kind == "receipt" else ""
    money_out = pounds(r.amount_pence) if r.kind == "payment" else ""
    words = " ".join(w for w in (r.description, r.reference) if w)
    flow = f"In {money_in}" if money_in else f"Out {money_out}"
    compact = f"{day}{', ' + r.payee if r.payee else ''}\n{words}\n{flow}"
    return (day, r.payee, words, money_in, money_out, compact)


class ToSortPage(Page):
    title = "Lines to sort"
    help_text = HELP
    domains = (ACCOUNTS,)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(12)
        self.count_label = label(role="label")
        layout.addWidget(self.count_label)
        self.views = QStackedWidget(self)
        self.model = ToSortModel(self)
        self.table = WrappingTable(ToSortModel.WORDS, self.views, compact=ToSortModel.COMPACT)
        self.table.setModel(self.model)
        rows_to_choose_from(self.table, "Bank lines to sort, oldest first")
        self.empty_label = label(role="subheading", parent=self.views)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.views.addWidget(self.table)
        self.views.addWidget(self.empty_label)
        layout.addWidget(self.views, 1)
        self.sort_button = BigButton("Sort this line")
        layout.addWidget(flow_row(self.sort_button))

        self.table.activated.connect(self._on_activated)
        self.table.fitted.connect(self._keep_rows_in_view)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.sort_button.clicked.connect(self.sort_selected)
        self._keep_rows_in_view()

    def refresh(self) -> None:
        try:
            rows = self.ctx.read(books.to_sort)
            problem = ""
        except SERVICE_ERRORS as exc:
            rows, problem = [], str(exc)
        self.model.set_rows(rows)
        m = self.model
        self.table.set_column_texts({c: m.column_texts(c) for c in (m.DATE, m.WHO, m.IN, m.OUT)})
        if rows:
            self.count_label.setText(f"{lines_words(len(rows))} waiting for a category and a fund.")
            self.views.setCurrentWidget(self.table)
            self.table.selectRow(0)
        else:
            self.count_label.setText("")
            self.empty_label.setText(problem or NOTHING)
            self.views.setCurrentWidget(self.empty_label)
        self.count_label.setVisible(bool(rows))
        self._update_buttons()

    def _keep_rows_in_view(self) -> None:
        header = self.table.horizontalHeader().sizeHint().height()
        self.views.setMinimumHeight(header + 4 * self.table.row_height() + 8)

    def selected_entry_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(rows[0].data(ENTRY_ID_ROLE)) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        self.sort_button.setVisible(self.model.rowCount() > 0)
        self.sort_button.setEnabled(self.selected_entry_id() is not None)

    def _on_activated(self, index: QModelIndex) -> None:
        self.sort_line(int(index.data(ENTRY_ID_ROLE)))

    def sort_selected(self) -> None:
        entry_id = self.selected_entry_id()
        if entry_id is not None:
            self.sort_line(entry_id)

    def sort_line(self, entry_id: int) -> None:
        from clubapp.ui.pages.accounts_entry import EntryPage

        self.ctx.navigator.push(EntryPage(self.ctx, entry_id=entry_id))

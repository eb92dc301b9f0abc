"""The cash book: every line in and out of one money account in one financial year,
with the running balance, and the balance at the start and the end in words.

The list is a table model over the rows the service returned (a year can hold
thousands of lines); opening a line lets the treasurer change it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from clubapp.services import books, years
from clubapp.services.books import CashBook, EntryLine
from clubapp.services.dates import MONTH_WORDS, long_date
from clubapp.services.money import pounds
from clubapp.services.years import Year
from clubapp.ui.context import ACCOUNTS, AppContext
from clubapp.ui.pages.accounts_entry import open_entry, remembered_account
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.committee import label
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.tablemodels.rows import RowsModel
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.choosers import ChoiceCombo
from clubapp.ui.widgets.flow import FlowBox, flow_row
from clubapp.ui.widgets.inputs import Labelled
from clubapp.ui.widgets.tables import WrappingTable, rows_to_choose_from

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole
_DIGITS = re.compile(r"[0-9]")
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
TICKED = "Ticked"
TO_SORT = "To sort"

HELP = (
    "The cash book lists every line in and out of one money account in one financial "
    "year, in date order, with the balance after each line. Choose the account, and "
    "press The year before or The year after to look at another year. Ticked means the "
    "line has been ticked against a bank statement; To sort means it came from the bank "
    "and still needs a category and a fund. Choose a line and press Open this line (or "
    "press Enter, or click twice) to change it."
)


def held_words(pence: int) -> str:
    """ "£12.50", or "overdrawn by £12.50"."""
    return pounds(pence) if pence >= 0 else f"overdrawn by {pounds(-pence)}"


def opening_words(book: CashBook) -> str:
    return (
        f"At the start of {long_date(book.starts)}, the {book.account} held "
        f"{held_words(book.opening_pence)}."
    )


def closing_words(book: CashBook, today: date) -> str:
    if book.ends < today:
        return (
            f"At the end of the year, on {long_date(book.ends)}, the {book.account} held "
            f"{held_words(book.closing_pence)}."
        )
    return f"After the last line so far, the {book.account} holds {held_words(book.closing_pence)}."


def count_words(count: int, year: Year) -> str:
    return f"{count:,} {'line' if count == 1 else 'lines'} in {year.name}."


class CashBookModel(RowsModel[EntryLine]):
    """Date, who, what, fund, in, out, balance, and the marks (ticked against a bank
    statement, still to sort); and ``COMPACT``, the same on three lines for a narrow
    table. The entry's id is in ``ENTRY_ID_ROLE``."""

    ID_FIELD = "entry_id"

    DATE, WHO, WHAT, FUND, IN, OUT, BALANCE, MARKS, COMPACT = range(9)
    HEADERS = ("Date", "Who", "What", "Fund", "In £", "Out £", "Balance £", "Marks", "Line")
    MONEY = (IN, OUT, BALANCE)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Each row's words, made when the row is first shown: a year of thousands of
        # lines opens without putting every one of them into words first.
        self._cells: dict[int, tuple[str, ...]] = {}

    def set_rows(self, rows: Sequence[EntryLine]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = {}
        self.endResetModel()

    def cells(self, row: int) -> tuple[str, ...]:
        found = self._cells.get(row)
        if found is None:
            found = self._cells[row] = _cells(self._rows[row])
        return found

    def column_texts(self, widest_digit: str = "0") -> dict[int, set[str]]:
        """The words the fitted columns may show, to measure: every date, name and fund,
        and the shape of every figure (see :func:`money_shapes`)."""
        rows = self._rows
        ins = {pounds(r.signed_pence, symbol=False) for r in rows if r.signed_pence > 0}
        outs = {pounds(-r.signed_pence, symbol=False) for r in rows if r.signed_pence < 0}
        balances = {pounds(r.balance_pence or 0, symbol=False) for r in rows}
        return {
            self.DATE: {short_date(day) for day in {r.on for r in rows}},
            self.WHO: {r.payee for r in rows},
            self.FUND: {r.fund for r in rows},
            self.IN: money_shapes(ins, widest_digit),
            self.OUT: money_shapes(outs, widest_digit),
            self.BALANCE: money_shapes(balances, widest_digit),
            self.MARKS: {TICKED, TO_SORT, f"{TICKED}, {TO_SORT}"},
        }

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(row)[column]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.cells(row)[self.COMPACT].replace("\n", ". ")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.MONEY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ENTRY_ID_ROLE:
            return self._rows[row].entry_id
        if role == KIND_ROLE:
            return self._rows[row].kind
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


def money_shapes(texts: Iterable[str], widest_digit: str) -> set[str]:
    """Each figure's shape with its widest digit in every place ("30,012.50" ->
    "00,000.00"): as wide as any figure of that shape can be, and a year of thousands
    of figures has only a handful of shapes to measure."""
    return {_DIGITS.sub(widest_digit, text) for text in texts}


def short_date(day: date) -> str:
    """ "3 Apr 2026", as bank statements write it: the table has nine columns to fit."""
    return f"{day.day} {MONTH_WORDS[day.month - 1][:3]} {day.year}"


def _cells(r: EntryLine) -> tuple[str, ...]:
    short, day = short_date(r.on), long_date(r.on, weekday=False)
    # The headings say the figures are pounds, as a printed cash book does.
    money_in = pounds(r.signed_pence, symbol=False) if r.signed_pence > 0 else ""
    money_out = pounds(-r.signed_pence, symbol=False) if r.signed_pence < 0 else ""
    balance = pounds(r.balance_pence, symbol=False) if r.balance_pence is not None else ""
    what = f"{r.what}: {r.description}" if r.description and r.description != r.what else r.what
    who = r.payee
    marks = [m for m, on in ((TICKED, r.reconciled), (TO_SORT, r.to_sort)) if on]
    flow = f"In £{money_in}" if money_in else f"Out £{money_out}"
    compact = (
        f"{day}{', ' + who if who else ''}\n"
        f"{what}{', ' + r.fund if r.fund else ''}\n"
        f"{flow}. Balance £{balance}.{''.join(' ' + m + '.' for m in marks)}"
    )
    return (
        short,
        who,
        what,
        r.fund,
        money_in,
        money_out,
        balance,
        ", ".join(marks),
        compact,
    )


class CashBookPage(Page):
    """One money account, one financial year, every line with its running balance."""

    title = "Cash book"
    help_text = HELP
    domains = (ACCOUNTS,)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.book: CashBook | None = None
        self.year: Year | None = None
        self.problem = ""
        try:
            self.year = ctx.read(years.current_year, ctx.today())
            accounts = ctx.read(books.list_accounts, retired=True)
        except SERVICE_ERRORS as exc:
            self.problem = str(exc)
            accounts = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(12)

        self.account = ChoiceCombo(chars=22)
        self.account.set_choices(
            [(a.name + (" (no longer used)" if a.retired else ""), a.account_id) for a in accounts]
        )
        remembered = remembered_account(ctx)
        if remembered is not None:
            self.account.choose(remembered)
        self.before_button = BigButton("The year before", variant="secondary")
        self.after_button = BigButton("The year after", variant="secondary")
        choose = FlowBox(self, spacing=16)
        choose.add_widget(Labelled("Money account", self.account))
        choose.add_widget(self.before_button)
        choose.add_widget(self.after_button)
        layout.addWidget(choose)

        self.year_label = label(role="subheading")
        self.opening_label = label(role="label")
        self.count_label = label()
        for widget in (self.year_label, self.opening_label, self.count_label):
            layout.addWidget(widget)

        self.views = QStackedWidget(self)
        self.model = CashBookModel(self)
        self.table = WrappingTable(
            CashBookModel.WHAT, self.views, compact=CashBookModel.COMPACT, stretch_least_px=140
        )
        self.table.setModel(self.model)
        rows_to_choose_from(self.table, "The cash book")
        self.empty_label = label(role="subheading", parent=self.views)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.views.addWidget(self.table)
        self.views.addWidget(self.empty_label)
        layout.addWidget(self.views, 1)

        self.closing_label = label(role="label")
        layout.addWidget(self.closing_label)
        self.open_button = BigButton("Open this line", variant="secondary")
        layout.addWidget(flow_row(self.open_button))

        self.account.activated.connect(self.refresh_now)
        self.before_button.clicked.connect(lambda: self.show_year(-1))
        self.after_button.clicked.connect(lambda: self.show_year(+1))
        self.table.activated.connect(self._on_activated)
        self.table.fitted.connect(self._keep_rows_in_view)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.open_button.clicked.connect(self.open_selected)
        self._keep_rows_in_view()

    # ------------------------------------------------------------ loading

    def show_year(self, step: int) -> None:
        if self.year is None:
            return
        self.year = self.year.previous() if step < 0 else self.year.next()
        self.refresh_now()

    def refresh(self) -> None:
        year, account_id = self.year, self.account.value()
        selected = self.selected_entry_id()
        book = None
        if self.problem:
            problem = self.problem
        elif year is None or account_id is None:
            problem = "There is no money account yet. Add one in Set up the books."
        else:
            try:
                book = self.ctx.read(books.cash_book, account_id, year.starts, year.ends)
                problem = ""
            except SERVICE_ERRORS as exc:
                problem = str(exc)
        self.book = book
        self.model.set_rows(book.lines if book else [])
        self._measure_columns()
        if year is not None:
            self.year_label.setText(f"{year.name}: {year.words}")
        today = self.ctx.today()
        # The year after this one has nothing in it yet but lines dated ahead.
        self.after_button.setEnabled(year is not None and year.ends < today)
        if book is None or year is None:
            self.opening_label.setText("")
            self.count_label.setText("")
            self.closing_label.setText("")
            self.empty_label.setText(problem)
            self.views.setCurrentWidget(self.empty_label)
            return
        self.opening_label.setText(opening_words(book))
        self.count_label.setText(count_words(len(book.lines), year))
        self.closing_label.setText(closing_words(book, today))
        if book.lines:
            self.views.setCurrentWidget(self.table)
            if selected is not None:
                self.select_entry(selected)
        else:
            self.empty_label.setText(
                f"Nothing went in or out of the {book.account} in {year.name}."
            )
            self.views.setCurrentWidget(self.empty_label)

    def _measure_columns(self) -> None:
        fm = QFontMetrics(self.table.font())
        widest = max("0123456789", key=fm.horizontalAdvance)
        self.table.set_column_texts(self.model.column_texts(widest))

    def _keep_rows_in_view(self) -> None:
        # At least four whole rows of the list stay in view at any text size.
        header = self.table.horizontalHeader().sizeHint().height()
        self.views.setMinimumHeight(header + 4 * self.table.row_height() + 8)

    # ------------------------------------------------------------ lines

    def selected_entry_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(rows[0].data(ENTRY_ID_ROLE)) if rows else None

    def select_entry(self, entry_id: int) -> bool:
        row = self.model.row_of(entry_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _update_buttons(self, *_args: object) -> None:
        self.open_button.setEnabled(self.selected_entry_id() is not None)

    def _on_activated(self, index: QModelIndex) -> None:
        self.open_line(int(index.data(ENTRY_ID_ROLE)), str(index.data(KIND_ROLE)))

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_line(int(rows[0].data(ENTRY_ID_ROLE)), str(rows[0].data(KIND_ROLE)))

    def open_line(self, entry_id: int, kind: str) -> None:
        open_entry(self.ctx, entry_id, kind)

"""The Accounts room: the treasurer's books at a glance, and the way into each job.

The treasurer and the coordinator (``accounts.keep``) see each money account's and
each fund's balance today, in words and figures, how many bank lines wait to be
sorted, and a large button for each job. A committee member (``accounts.print``
only) sees the printed accounts, and a sentence saying who keeps the books.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from clubapp.services import books
from clubapp.services.dates import long_date
from clubapp.services.money import pounds
from clubapp.ui.context import ACCOUNTS, AppContext
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.committee import label
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import FlowBox, flow_row

#: The kind of change ``ctx.changed`` announces when the books change (entries, funds,
#: accounts, categories, the year's start month).

ROOM_HELP = (
    "This is the club's books. At the top are the money in each account and in each "
    "fund today. Money in and Money out record one receipt or payment; Move money moves "
    "money from one account to another (the bank to the cash box) or from one fund to "
    "another. The cash book lists every line of one account for a year. Lines to sort "
    "are bank lines that were imported and still need a category and a fund. Printed "
    "accounts makes the year's accounts for the AGM and the Charity Commission."
)
ROOM_HELP_READ = (
    "The treasurer keeps the club's books. Press Printed accounts to see and print the "
    "year's accounts: the receipts and payments, what the club owns and owes, and each "
    "fund."
)
READ_ONLY_NOTE = (
    "The treasurer keeps the club's books. You can see and print the year's accounts here."
)


# ---------------------------------------------------------------- words


def balance_words(name: str, pence: int, *, fund: bool) -> str:
    """ "Lottery fund: £1,234.50"; below nothing, "overspent" or "overdrawn" in words."""
    if pence < 0:
        return f"{name}: {'overspent' if fund else 'overdrawn'} by {pounds(-pence)}"
    return f"{name}: {pounds(pence)}"


def lines_words(count: int) -> str:
    """ "1 bank line is", "3 bank lines are"."""
    return f"{count:,} bank line is" if count == 1 else f"{count:,} bank lines are"


# ---------------------------------------------------------------- the figures


# ---------------------------------------------------------------- the room


class AccountsPage(Page):
    title = "Accounts"
    domains = (ACCOUNTS,)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.keeps_books = ctx.can("accounts.keep")
        self.help_text = ROOM_HELP if self.keeps_books else ROOM_HELP_READ
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(16)
        self.problem_label = label(role="error")
        self.problem_label.hide()
        layout.addWidget(self.problem_label)

        self.printed_button = BigButton(
            "Printed accounts", variant="primary" if not self.keeps_books else "secondary"
        )
        self.printed_button.clicked.connect(self.open_printed_accounts)
        self.account_labels: list[QLabel] = []
        self.fund_labels: list[QLabel] = []

        if not self.keeps_books:
            self.read_only_note = label(READ_ONLY_NOTE)
            layout.addWidget(self.read_only_note)
            layout.addWidget(flow_row(self.printed_button))
            layout.addStretch(1)
            return

        # ---- the jobs, first: the room is where the treasurer starts every job
        self.money_in_button = BigButton("Money in")
        self.money_out_button = BigButton("Money out")
        self.move_button = BigButton("Move money")
        self.cash_book_button = BigButton("Cash book", variant="secondary")
        self.sort_button = BigButton("Lines to sort", variant="secondary")
        self.reconcile_button = BigButton("Reconcile with a bank statement", variant="secondary")
        self.import_button = BigButton("Import a bank statement", variant="secondary")
        self.year_end_button = BigButton("Year end", variant="secondary")
        self.setup_button = BigButton("Set up the books", variant="secondary")
        self.jobs = FlowBox(self, spacing=16)
        for button in (
            self.money_in_button,
            self.money_out_button,
            self.move_button,
            self.cash_book_button,
            self.sort_button,
            self.reconcile_button,
            self.import_button,
            self.year_end_button,
            self.printed_button,
            self.setup_button,
        ):
            self.jobs.add_widget(button)
        layout.addWidget(self.jobs)

        # ---- lines waiting to be sorted
        self.to_sort_label = label(role="label")
        self.sort_now_button = BigButton("Sort them now")
        self.to_sort_row = flow_row(
            self.to_sort_label, self.sort_now_button, align=Qt.AlignmentFlag.AlignVCenter
        )
        layout.addWidget(self.to_sort_row)

        # ---- the balances, in two columns' worth of words
        self.today_label = label(role="subheading")
        layout.addWidget(self.today_label)
        layout.addWidget(label("In the money accounts", "label"))
        self.accounts_box = _column()
        layout.addWidget(self.accounts_box)
        layout.addWidget(label("In each fund", "label"))
        self.funds_box = _column()
        layout.addWidget(self.funds_box)
        self.unsorted_label = label(role="help")
        layout.addWidget(self.unsorted_label)
        layout.addStretch(1)

        self.money_in_button.clicked.connect(lambda: self.open_entry("receipt"))
        self.money_out_button.clicked.connect(lambda: self.open_entry("payment"))
        self.move_button.clicked.connect(self.open_move)
        self.cash_book_button.clicked.connect(self.open_cash_book)
        self.sort_button.clicked.connect(self.open_to_sort)
        self.sort_now_button.clicked.connect(self.open_to_sort)
        self.reconcile_button.clicked.connect(self.open_reconcile)
        self.import_button.clicked.connect(self.import_statement)
        self.year_end_button.clicked.connect(self.open_year_end)
        self.setup_button.clicked.connect(self.open_setup)

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        if not self.keeps_books:
            return
        try:
            view = self.ctx.read(books.overview, self.ctx.today())
        except SERVICE_ERRORS as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            return
        self.problem_label.hide()
        self.today_label.setText(f"Today, {long_date(view.day)}")
        self.account_labels = _fill(
            self.accounts_box, [balance_words(n, p, fund=False) for n, p in view.accounts]
        )
        self.fund_labels = _fill(
            self.funds_box, [balance_words(n, p, fund=True) for n, p in view.funds]
        )
        if view.to_sort:
            self.to_sort_label.setText(
                f"{lines_words(view.to_sort)} waiting for a category and a fund."
            )
        else:
            self.to_sort_label.setText("No bank lines are waiting to be sorted.")
        self.sort_now_button.setVisible(view.to_sort > 0)
        if view.unsorted_pence:
            way = "in" if view.unsorted_pence > 0 else "out"
            self.unsorted_label.setText(
                f"{pounds(abs(view.unsorted_pence))} of money {way} is in the accounts but "
                "in no fund yet, until its lines are sorted."
            )
        self.unsorted_label.setVisible(view.unsorted_pence != 0)

    def balances_shown(self) -> tuple[list[str], list[str]]:
        """The words of the account and fund balances, top to bottom (for tests)."""
        return [w.text() for w in self.account_labels], [w.text() for w in self.fund_labels]

    # ------------------------------------------------------------ the jobs

    def open_entry(self, kind: str) -> None:
        from clubapp.ui.pages.accounts_entry import EntryPage

        self.ctx.navigator.push(EntryPage(self.ctx, kind))

    def open_move(self) -> None:
        from clubapp.ui.pages.accounts_entry import MoveMoneyPage

        self.ctx.navigator.push(MoveMoneyPage(self.ctx))

    def open_cash_book(self) -> None:
        from clubapp.ui.pages.accounts_cashbook import CashBookPage

        self.ctx.navigator.push(CashBookPage(self.ctx))

    def open_to_sort(self) -> None:
        from clubapp.ui.pages.accounts_sort import ToSortPage

        self.ctx.navigator.push(ToSortPage(self.ctx))

    def open_setup(self) -> None:
        from clubapp.ui.pages.accounts_setup import SetUpBooksPage

        self.ctx.navigator.push(SetUpBooksPage(self.ctx))

    def open_reconcile(self) -> None:
        from clubapp.ui.pages.accounts_reconcile import ReconcilePage

        self.ctx.navigator.push(ReconcilePage(self.ctx))

    def open_year_end(self) -> None:
        from clubapp.ui.pages.accounts_year_end import YearEndPage

        self.ctx.navigator.push(YearEndPage(self.ctx))

    def open_printed_accounts(self) -> None:
        from clubapp.ui.pages.accounts_printouts import PrintedAccountsPage

        self.ctx.navigator.push(PrintedAccountsPage(self.ctx))

    def import_statement(self) -> None:
        from clubapp.ui.dialogs.bank_import import open_bank_import

        if open_bank_import(self.ctx, self):
            self.refresh_now()


# ---------------------------------------------------------------- layout helpers


def _column() -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(16, 0, 0, 0)
    column.setSpacing(6)
    return box


def _fill(box: QWidget, lines: list[str]) -> list[QLabel]:
    """Replace the labels in ``box`` with one per line."""
    column = box.layout()
    assert isinstance(column, QVBoxLayout)
    for old in box.findChildren(QLabel):
        column.removeWidget(old)
        old.deleteLater()
    made = []
    for words in lines:
        line = label(words, "subheading", box)
        column.addWidget(line)
        made.append(line)
    return made

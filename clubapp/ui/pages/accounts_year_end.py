"""Year end: check the oldest open year, put right what stops it closing, and close it.

The page shows the oldest year still open and what the check says about it, one plain
sentence each, with a button beside those the treasurer can put right from here (lines
still to sort, a bank account to reconcile). "Close the year" asks first, in plain words,
then says which balances were carried forward into the next year, fund by fund and
account by account. The years already closed are listed at the bottom.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from clubapp.services import books, years
from clubapp.services.dates import long_date
from clubapp.services.years import Year, YearEndCheck
from clubapp.ui.context import ACCOUNTS, AppContext
from clubapp.ui.pages.accounts import balance_words
from clubapp.ui.pages.accounts_reconcile import ReconcilePage, bank_first
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.committee import label
from clubapp.ui.pages.programme import clear_layout
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.messages import ask_to_confirm

HELP = (
    "At the end of each financial year the treasurer closes it. Closing checks that no "
    "bank line is left to sort and that every bank account has been reconciled up to "
    "the year's last day. Then it carries each fund's and each account's balance into "
    "the next year, and locks the year: nothing dated in it can change after that. A "
    "correction found later goes into the open year as a new entry. Where the check "
    "finds something to do, a button beside it takes you there."
)
NOT_YOURS = "Only the treasurer or the coordinator can close the year."


def year_words(year: Year) -> str:
    """ "2025-26, from 1 April 2025 to 31 March 2026"."""
    return f"{year.name}, from {year.words}"


def close_question(year: Year) -> str:
    after = long_date(year.next().starts, weekday=False)
    return (
        f"Close {year.name}? After closing, nothing dated before {after} can change. "
        "Corrections go in the next year."
    )


class ProblemLine(QFrame):
    """One thing the check found, in words, with the button that puts it right (if any)."""

    def __init__(self, words: str, fix: BigButton | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.words_label = label(words)
        self.fix_button = fix
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.words_label)
        if fix is not None:
            layout.addWidget(flow_row(fix))


class YearEndPage(Page):
    """Close the oldest open year.

    Public: ``year`` (the oldest open year), ``check`` (what the check said),
    ``year_label``, ``problem_lines`` (one ProblemLine each), ``ready_label``,
    ``close_button``, ``problem_label``, ``result_label`` (what was carried forward),
    ``closed_labels`` (one per closed year), ``none_closed_label``.
    """

    title = "Year end"
    help_text = HELP
    domains = (ACCOUNTS,)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.year: Year | None = None
        self.check: YearEndCheck | None = None
        self.problem_lines: list[ProblemLine] = []
        self.closed_labels: list[QLabel] = []

        self.intro_label = label(
            "Closing a year carries each fund's and account's balance into the next year "
            "and locks it, so the year's accounts stay as they were printed."
        )
        self.year_label = label(role="subheading")
        self.check_heading = label("What the check says", "label")
        self.problems_box = QWidget()
        self.problems_layout = QVBoxLayout(self.problems_box)
        self.problems_layout.setContentsMargins(0, 0, 0, 0)
        self.problems_layout.setSpacing(12)
        self.ready_label = label()
        self.ready_label.hide()
        self.close_button = BigButton("Close the year")
        self.problem_label = label(role="error")
        self.problem_label.hide()
        self.result_label = label()
        self.result_label.setProperty("card", True)
        self.result_label.setMargin(12)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.closed_heading = label("Closed years", "subheading")
        self.closed_box = QWidget()
        self.closed_layout = QVBoxLayout(self.closed_box)
        self.closed_layout.setContentsMargins(0, 0, 0, 0)
        self.closed_layout.setSpacing(8)
        self.none_closed_label = label("No year has been closed yet.", "help")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 8, 8)
        layout.setSpacing(16)
        layout.addWidget(self.result_label)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.year_label)
        layout.addWidget(self.check_heading)
        layout.addWidget(self.problems_box)
        layout.addWidget(self.ready_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(flow_row(self.close_button))
        layout.addSpacing(8)
        layout.addWidget(self.closed_heading)
        layout.addWidget(self.none_closed_label)
        layout.addWidget(self.closed_box)
        layout.addStretch(1)

        self.close_button.clicked.connect(self.close_year)

    # ------------------------------------------------------------ reading

    def refresh(self) -> None:
        self.problem_label.hide()
        if not self.ctx.can("accounts.keep"):
            self._cannot(NOT_YOURS)
            return
        today = self.ctx.today()
        try:
            self.year = self.ctx.read(years.oldest_open_year, today)
            self.check = self.ctx.read(years.check_year_end, self.year, today)
            closed = self.ctx.read(years.closed_years_for)
            bank_accounts = [
                a for a in self.ctx.read(books.list_accounts, retired=True) if a.kind != "cash"
            ]
        except SERVICE_ERRORS as exc:
            self._cannot(str(exc))
            return
        year = self.year
        self.year_label.setText(f"The oldest open year: {year_words(year)}")
        self.close_button.setText(f"Close {year.name}")
        self.close_button.show()
        self._show_problems(self.check, [(a.account_id, a.name) for a in bank_accounts])
        self._show_closed(closed)

    def _cannot(self, words: str) -> None:
        self.problem_label.setText(words)
        self.problem_label.show()
        for part in (self.year_label, self.check_heading, self.close_button, self.ready_label):
            part.hide()

    def _show_problems(self, check: YearEndCheck, bank_accounts: list[tuple[int, str]]) -> None:
        clear_layout(self.problems_layout)
        self.problem_lines = []
        for words in check.problems:
            line = ProblemLine(words, self._fix_for(words, bank_accounts))
            self.problem_lines.append(line)
            self.problems_layout.addWidget(line)
            line.show()
        self.problems_box.setVisible(bool(check.problems))
        self.ready_label.setText(
            f"Everything is in order: {check.year.name} can be closed."
            if check.ready
            else (
                "This needs doing before the year can close."
                if len(check.problems) == 1
                else f"These {len(check.problems)} things need doing before the year can close."
            )
        )
        self.ready_label.show()

    def _fix_for(self, words: str, bank_accounts: list[tuple[int, str]]) -> BigButton | None:
        """The button that puts a problem right from here, where there is one."""
        if "still to sort" in words:
            button = BigButton("Sort the lines", variant="secondary")
            button.clicked.connect(self.open_to_sort)
            return button
        for account_id, name in bank_accounts:
            if words.startswith(f"{name}:") and "bank statement" in words:
                button = BigButton(f"Reconcile {name}", variant="secondary")
                button.clicked.connect(lambda _=False, a=account_id: self.open_reconcile(a))
                return button
        return None

    def _show_closed(self, closed: list[Year]) -> None:
        clear_layout(self.closed_layout)
        self.closed_labels = []
        for year in reversed(closed):  # the latest first
            line = label(year_words(year))
            self.closed_labels.append(line)
            self.closed_layout.addWidget(line)
            line.show()
        self.none_closed_label.setVisible(not closed)
        self.closed_box.setVisible(bool(closed))

    # ------------------------------------------------------------ putting things right

    def open_to_sort(self) -> None:
        from clubapp.ui.pages.accounts_sort import ToSortPage

        self.result_label.hide()
        self.ctx.navigator.push(ToSortPage(self.ctx))

    def open_reconcile(self, account_id: int) -> None:
        self.result_label.hide()
        self.ctx.navigator.push(ReconcilePage(self.ctx, account_id=account_id))

    # ------------------------------------------------------------ closing

    def close_year(self) -> None:
        year, check = self.year, self.check
        if year is None or check is None:
            return
        self.problem_label.hide()
        self.result_label.hide()
        if check.problems:
            count = len(check.problems)
            self.problem_label.setText(
                f"{year.name} cannot be closed yet: "
                + (
                    "the thing listed above needs doing first."
                    if count == 1
                    else f"the {count} things listed above need doing first."
                )
            )
            self.problem_label.show()
            return
        if not ask_to_confirm(
            self, f"Close {year.name}", close_question(year), f"Yes, close {year.name}", danger=True
        ):
            return
        try:
            self.ctx.run(years.close_year, year, self.ctx.today(), changed=ACCOUNTS)
            carried = self.ctx.read(years.carried_forward_for, year)
            funds = self.ctx.read(books.list_funds, retired=True)
            accounts = bank_first(self.ctx.read(books.list_accounts, retired=True))
        except SERVICE_ERRORS as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            return
        lines = [
            f"{year.name} is closed. These balances were carried forward into {year.next().name}."
        ]
        if carried is not None:
            fund_pence, account_pence = carried
            lines += ["", "Each fund:"]
            lines += [
                balance_words(f.name, fund_pence[f.fund_id], fund=True)
                for f in funds
                if f.fund_id in fund_pence
            ]
            lines += ["", "Each money account:"]
            lines += [
                balance_words(a.name, account_pence[a.account_id], fund=False)
                for a in accounts
                if a.account_id in account_pence
            ]
        self.result_label.setText("\n".join(lines))
        self.result_label.show()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().hideEvent(event)
        if not self.isVisible():
            self.result_label.hide()

"""Printed accounts: choose a year, then a big button for each printout, each shown in
the app's preview with Print… and Save PDF….

The printouts: the year's accounts (the receipts and payments account with the statement
of assets and liabilities, in pounds and pence or to the nearest pound), the fund
statements (every fund, or one), the cash book (every account, or one) and "Where our
money went" for members. The page says whether the year is closed, so its figures are
final, or still open.

The treasurer and the coordinator also type here the lines of the statement of assets
and liabilities that do not come from the books (money owed to the club, investments,
things kept for the club's own use, what the club owes). A committee member sees the
printouts only; the cash book, every line of the books, is for those who keep them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from clubapp.services import accounts_printouts, accounts_report, asset_lines, books, fields, years
from clubapp.services.asset_lines import SECTION_WORDS, AssetLineInput, AssetLineRow
from clubapp.services.books import AccountRow, FundRow
from clubapp.services.errors import ValidationError, collect_errors
from clubapp.services.money import parse_amount, pounds
from clubapp.services.years import Year
from clubapp.ui.context import ACCOUNTS, AppContext
from clubapp.ui.pages.accounts_entry import NameCombo
from clubapp.ui.pages.accounts_reconcile import bank_first
from clubapp.ui.pages.accounts_setup import KindChoice
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.committee import label
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.programme import clear_layout
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.choosers import ChoiceCombo
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.inputs import BigCheck
from clubapp.ui.widgets.messages import ask_to_confirm

HELP = (
    "Choose the year, then press the button for the printout you want. Each opens in "
    "the preview, where Print… prints it and Save PDF… keeps a copy. The year's accounts "
    "are what the trustees sign and the Charity Commission asks for; tick Amounts to the "
    "nearest pound for whole pounds, as the Commission's form does. A fund statement "
    "shows a funder how its money was spent. The cash book lists every line for the "
    "independent examiner. Where our money went is one page in large print for members."
)
ASSET_HELP = (
    " Under the printouts, add what the club owns and owes besides the cash in its "
    "accounts: money owed to it, investments, things it keeps for its own use, and what "
    "it owes. They appear on the statement of assets and liabilities for that year."
)
ALL_FUNDS = "Every fund"
ALL_ACCOUNTS = "Every money account"
NO_FUND = "No particular fund"


def year_choice_words(year: Year) -> str:
    """ "2025-26 (1 April 2025 to 31 March 2026)"."""
    return f"{year.name} ({year.words})"


def year_state_words(year: Year, closed: bool, today_in_it: bool) -> str:
    if closed:
        return f"{year.name} is closed, so these figures are final."
    if today_in_it:
        return (
            f"{year.name} has not ended yet: the printouts show the figures so far, and "
            "they will change."
        )
    return (
        f"{year.name} is not closed yet, so its figures can still change. Close it in "
        "Year end when the books are right."
    )


def asset_line_words(line: AssetLineRow, funds: dict[int, str]) -> str:
    """ "Grant instalment due from the council: £500.00. Lottery fund. Paid in April."."""
    words = f"{line.description}: {pounds(line.amount_pence)}."
    if line.fund_id is not None:
        words += f" {funds.get(line.fund_id, 'A fund no longer listed')}."
    if line.note:
        words += f" {line.note}"
    return words


def _card() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setProperty("card", True)
    inside = QVBoxLayout(frame)
    inside.setContentsMargins(16, 12, 16, 16)
    inside.setSpacing(10)
    return frame, inside


class PrintedAccountsPage(Page):
    """The printouts for a year, and (for those who keep the books) the statement's lines.

    Public: ``year_choice``, ``state_label``, ``accounts_button``, ``nearest_pound``,
    ``funds_button``, ``fund_choice``, ``cashbook_button`` and ``account_choice`` (None
    for a role that does not keep the books), ``summary_button``, ``problem_label``;
    and when the lines can be changed: ``add_line_button``, ``asset_lines`` (one label
    by line id), ``change_buttons``, ``remove_buttons``, ``lines_news``; :meth:`year`.
    """

    title = "Printed accounts"
    domains = (ACCOUNTS,)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.keeps_books = ctx.can("accounts.keep")
        self.help_text = HELP + (ASSET_HELP if self.keeps_books else "")
        self.years: list[Year] = []
        self.closed: list[Year] = []
        self.funds: list[FundRow] = []
        self.accounts: list[AccountRow] = []
        self.lines: list[AssetLineRow] = []
        self.asset_lines: dict[int, QLabel] = {}
        self.change_buttons: dict[int, BigButton] = {}
        self.remove_buttons: dict[int, BigButton] = {}

        # ---- the year
        self.year_choice = ChoiceCombo(chars=30)
        self.year_row = FieldRow("Which year", self.year_choice)
        self.state_label = label(role="label")
        self.problem_label = label(role="error")
        self.problem_label.hide()

        # ---- the printouts, each in a box with what it is for
        self.accounts_button = BigButton("Print the year's accounts")
        self.nearest_pound = BigCheck("Amounts to the nearest pound")
        self.nearest_pound.setAccessibleName(self.nearest_pound.text())
        accounts_card = self._printout(
            "The receipts and payments account, then the statement of assets and "
            "liabilities, with room for the trustees to sign. Tick the box for whole "
            "pounds, as the Charity Commission's form asks.",
            self.accounts_button,
            self.nearest_pound,
        )
        self.fund_choice = NameCombo(chars=24)  # a grant's fund can have a long name
        self.funds_button = BigButton("Print the fund statements")
        funds_card = self._printout(
            "For each fund: what it had at the start, what came in and went out, and what "
            "is left. Give a funder the statement of its own fund.",
            self.funds_button,
            FieldRow("Which fund", self.fund_choice),
        )
        self.cashbook_button: BigButton | None = None
        self.account_choice: ChoiceCombo | None = None
        cashbook_card: QFrame | None = None
        if self.keeps_books:
            self.account_choice = ChoiceCombo(chars=24)
            self.cashbook_button = BigButton("Print the cash book")
            cashbook_card = self._printout(
                "Every line of the year, account by account, with the balance after each: "
                "for the independent examiner.",
                self.cashbook_button,
                FieldRow("Which money account", self.account_choice),
            )
        self.summary_button = BigButton("Print Where our money went")
        summary_card = self._printout(
            "One page in large print for members: where the money came from and what it "
            "was spent on, with a simple picture.",
            self.summary_button,
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 8, 8)
        layout.setSpacing(16)
        layout.addWidget(flow_row(self.year_row))
        layout.addWidget(self.state_label)
        layout.addWidget(self.problem_label)
        for card in (accounts_card, funds_card, cashbook_card, summary_card):
            if card is not None:
                layout.addWidget(card)

        # ---- the statement's own lines
        self.add_line_button: BigButton | None = None
        self.lines_heading = label(role="subheading")
        self.lines_intro = label(
            "The statement of assets and liabilities takes the cash from the books. Add "
            "here anything else the club owns or owes at the year's end.",
            "help",
        )
        self.lines_news = label()
        self.lines_news.hide()
        self.lines_problem = label(role="error")
        self.lines_problem.hide()
        self.lines_box = QWidget()
        self.lines_layout = QVBoxLayout(self.lines_box)
        self.lines_layout.setContentsMargins(0, 0, 0, 0)
        self.lines_layout.setSpacing(12)
        self.no_lines_label = label()
        if self.keeps_books:
            self.add_line_button = BigButton("Add a line", variant="secondary")
            self.add_line_button.clicked.connect(self.add_line)
            layout.addSpacing(8)
            layout.addWidget(self.lines_heading)
            layout.addWidget(self.lines_intro)
            layout.addWidget(self.lines_news)
            layout.addWidget(self.lines_problem)
            layout.addWidget(self.no_lines_label)
            layout.addWidget(self.lines_box)
            layout.addWidget(flow_row(self.add_line_button))
        layout.addStretch(1)

        self.year_choice.activated.connect(lambda _i: self._year_chosen())
        self.accounts_button.clicked.connect(self.print_accounts)
        self.funds_button.clicked.connect(self.print_fund_statements)
        if self.cashbook_button is not None:
            self.cashbook_button.clicked.connect(self.print_cash_book)
        self.summary_button.clicked.connect(self.print_summary)

    def _printout(self, words: str, button: BigButton, *extras: QWidget) -> QFrame:
        frame, inside = _card()
        inside.addWidget(label(words))
        for extra in extras:
            inside.addWidget(flow_row(extra))
        inside.addWidget(flow_row(button))
        return frame

    # ------------------------------------------------------------ reading

    def year(self) -> Year | None:
        value = self.year_choice.value()
        return next((y for y in self.years if y.name == value), None)

    def refresh(self) -> None:
        self.problem_label.hide()
        today = self.ctx.today()
        try:
            self.years = self.ctx.read(accounts_report.years_with_books, today)
            self.closed = self.ctx.read(years.closed_years_for)
            self.funds = self.ctx.read(books.list_funds, retired=True)
            if self.keeps_books:
                self.accounts = bank_first(self.ctx.read(books.list_accounts, retired=True))
        except SERVICE_ERRORS as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            return
        chosen = self.year_choice.value()
        if chosen is None and self.years:
            # The year just ended is the one usually printed; else this one.
            ended = [y for y in self.years if y.ends < today]
            chosen = (ended[0] if ended else self.years[0]).name
        # By name: a combo's data given as a date comes back as another kind of date.
        self.year_choice.set_choices([(year_choice_words(y), y.name) for y in self.years])
        if chosen is not None:
            self.year_choice.choose(chosen)
        self.fund_choice.set_choices(
            [(ALL_FUNDS, None), *((f.name, f.fund_id) for f in self.funds if not f.retired)]
        )
        if self.account_choice is not None:
            self.account_choice.set_choices(
                [(ALL_ACCOUNTS, None), *((a.name, a.account_id) for a in self.accounts)]
            )
        self._year_chosen()

    def _year_chosen(self) -> None:
        year = self.year()
        if year is None:
            self.state_label.setText("There is no year to print yet.")
            return
        self.state_label.setText(
            year_state_words(year, year in self.closed, self.ctx.today() in year)
        )
        if self.keeps_books:
            self.lines_news.hide()
            self._show_lines(year)

    # ------------------------------------------------------------ printing

    def _show(self, title: str, make: Callable[[], bytes], file_name: str) -> None:
        self.ctx.navigator.show_pdf(title, make, file_name)

    def print_accounts(self) -> None:
        year, ctx = self.year(), self.ctx
        if year is None:
            return
        nearest = self.nearest_pound.isChecked()
        self._show(
            f"The accounts for {year.name}",
            lambda: ctx.read(accounts_printouts.accounts_pdf, year, nearest, today=ctx.today()),
            f"accounts-{year.name}{'-nearest-pound' if nearest else ''}.pdf",
        )

    def print_fund_statements(self) -> None:
        year, ctx = self.year(), self.ctx
        if year is None:
            return
        fund_id = self.fund_choice.value()
        name = self.fund_choice.currentText()
        self._show(
            f"Fund statements for {year.name}" if fund_id is None else f"{name}: {year.name}",
            lambda: ctx.read(
                accounts_printouts.fund_statements_pdf, year, fund_id, today=ctx.today()
            ),
            f"fund-statements-{year.name}.pdf" if fund_id is None else f"{name}-{year.name}.pdf",
        )

    def print_cash_book(self) -> None:
        year, ctx = self.year(), self.ctx
        if year is None or self.account_choice is None:
            return
        account_id = self.account_choice.value()
        name = self.account_choice.currentText()
        self._show(
            f"The cash book for {year.name}"
            if account_id is None
            else f"The cash book for {year.name}: {name}",
            lambda: ctx.read(accounts_printouts.cashbook_pdf, year, account_id, today=ctx.today()),
            f"cash-book-{year.name}.pdf"
            if account_id is None
            else f"cash-book-{name}-{year.name}.pdf",
        )

    def print_summary(self) -> None:
        year, ctx = self.year(), self.ctx
        if year is None:
            return
        self._show(
            f"Where our money went in {year.name}",
            lambda: ctx.read(accounts_printouts.money_summary_pdf, year, today=ctx.today()),
            f"where-our-money-went-{year.name}.pdf",
        )

    # ------------------------------------------------------------ the statement's lines

    def _show_lines(self, year: Year) -> None:
        self.lines_heading.setText(f"What else the club owned and owed at the end of {year.name}")
        self.lines_problem.hide()
        try:
            self.lines = self.ctx.read(asset_lines.list_lines, year)
        except SERVICE_ERRORS as exc:
            self.lines = []
            self.lines_problem.setText(str(exc))
            self.lines_problem.show()
        clear_layout(self.lines_layout)
        self.asset_lines.clear()
        self.change_buttons.clear()
        self.remove_buttons.clear()
        funds = {f.fund_id: f.name for f in self.funds}
        for section, heading in SECTION_WORDS.items():
            lines = [line for line in self.lines if line.section == section]
            if not lines:
                continue
            frame, inside = _card()
            inside.setSpacing(16)
            inside.addWidget(label(heading, "label"))
            for line in lines:
                words = label(asset_line_words(line, funds))
                change = BigButton("Change", variant="secondary")
                change.setAccessibleName(f"Change: {line.description}")
                change.clicked.connect(lambda _=False, row=line: self.change_line(row))
                remove = BigButton("Remove", variant="secondary")
                remove.setAccessibleName(f"Remove: {line.description}")
                remove.clicked.connect(lambda _=False, row=line: self.remove_line(row))
                one = QVBoxLayout()
                one.setSpacing(4)
                one.addWidget(words)
                one.addWidget(flow_row(change, remove))
                inside.addLayout(one)
                self.asset_lines[line.line_id] = words
                self.change_buttons[line.line_id] = change
                self.remove_buttons[line.line_id] = remove
            self.lines_layout.addWidget(frame)
            frame.show()
        self.no_lines_label.setText(
            f"Nothing added for {year.name}: the statement shows only the cash in the books."
        )
        self.no_lines_label.setVisible(not self.lines)
        self.lines_box.setVisible(bool(self.lines))

    def line_words(self, line_id: int) -> str:
        return self.asset_lines[line_id].text()

    def _say(self, words: str) -> None:
        self.lines_news.setText(words)
        self.lines_news.show()

    def add_line(self) -> None:
        year = self.year()
        if year is not None:
            self.lines_news.hide()
            self.ctx.navigator.push(AssetLinePage(self.ctx, year, None, saved=self._say))

    def change_line(self, line: AssetLineRow) -> None:
        year = self.year()
        if year is not None:
            self.lines_news.hide()
            self.ctx.navigator.push(AssetLinePage(self.ctx, year, line, saved=self._say))

    def remove_line(self, line: AssetLineRow) -> None:
        year = self.year()
        if year is None or not ask_to_confirm(
            self,
            "Remove a line",
            f"Remove “{line.description}” from the statement for {year.name}?",
            "Yes, remove it",
            danger=True,
        ):
            return
        self.lines_problem.hide()
        try:
            self.ctx.run(asset_lines.delete_line, line.line_id, changed=ACCOUNTS)
        except SERVICE_ERRORS as exc:
            self.lines_problem.setText(str(exc))
            self.lines_problem.show()
            return
        self._say(f"Removed “{line.description}”.")


class AssetLinePage(FormPage):
    """Add or change one line of a year's statement of assets and liabilities.

    Public: ``section``, ``description``, ``amount``, ``fund``, ``note``.
    """

    help_text = (
        "Choose what kind of line it is and say what it is, with its amount in pounds "
        "and pence. For things kept for the club's own use, give what they cost or are "
        "worth. Choose a fund if the line belongs to one (a grant's equipment, say)."
    )
    domains = (ACCOUNTS,)

    def __init__(
        self,
        ctx: AppContext,
        year: Year,
        line: AssetLineRow | None,
        *,
        saved: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx, parent, save_text="Save this line" if line is None else "Save the changes"
        )
        self.year_shown = year
        self.line = line
        self._saved = saved
        self.saved_words = ""
        self.section = KindChoice(SECTION_WORDS)
        self.form.add_field("section", "What kind of line", self.section)
        self.description = QLineEdit()
        self.form.add_field(
            "description", "What it is", self.description, "For example: Laptop for the club."
        )
        self.amount = QLineEdit()
        self.form.add_field("amount", "Amount", self.amount, "In pounds and pence, like 450.00.")
        self.fund = NameCombo(chars=24)
        funds: list[FundRow] = []
        try:
            funds = ctx.read(books.list_funds, retired=True)
        except SERVICE_ERRORS as exc:
            self.set_intro(str(exc))
        keep = line.fund_id if line is not None else None
        self.fund.set_choices(
            [
                (NO_FUND, None),
                *((f.name, f.fund_id) for f in funds if not f.retired or f.fund_id == keep),
            ]
        )
        self.form.add_field("fund", "Fund (if it belongs to one)", self.fund)
        self.note = QLineEdit()
        self.form.add_field("note", "Note (if you want one)", self.note)
        if line is not None:
            self.section.set_value(line.section)
            self.description.setText(line.description)
            self.amount.setText(pounds(line.amount_pence, symbol=False))
            self.fund.choose(line.fund_id)
            self.note.setText(line.note)
        self.set_intro(f"For the statement of assets and liabilities at the end of {year.name}.")
        self.mark_unchanged()

    def heading(self) -> str:
        return "Add a line" if self.line is None else "Change a line"

    def values(self) -> tuple[object, ...]:
        return (
            self.section.value(),
            self.description.text(),
            self.amount.text(),
            self.fund.value(),
            self.note.text(),
        )

    def submit(self) -> None:
        try:
            amount = parse_amount(self.amount.text())
        except ValidationError as exc:
            # Said with what else is missing, so the form shows every problem at once.
            errors = collect_errors(
                lambda: fields.name(
                    self.description.text(), "description", "description", required=True
                )
            )
            if self.section.value() not in SECTION_WORDS:
                errors["section"] = "Choose what kind of line it is."
            raise ValidationError({**errors, **exc.errors}) from exc
        data = AssetLineInput(
            self.section.value(),
            self.description.text(),
            amount,
            self.fund.value(),
            self.note.text(),
        )
        self.ctx.run(
            asset_lines.save_line,
            self.year_shown,
            self.line.line_id if self.line is not None else None,
            data,
            changed=ACCOUNTS,
        )
        self.saved_words = (
            f"Added “{data.description.strip()}”."
            if self.line is None
            else f"Saved the changes to “{data.description.strip()}”."
        )

    def after_save(self) -> None:
        if self._saved is not None and self.saved_words:
            self._saved(self.saved_words)

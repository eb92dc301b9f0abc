"""Set up the books: the funds, the money accounts, the categories and the month the
financial year starts. Nothing is deleted: a fund, account or category no longer used
is retired, so old entries keep their names and new ones no longer offer it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import books, years
from clubapp.services.books import (
    ACCOUNT_WORDS,
    FUND_WORDS,
    SECTION_WORDS,
    AccountInput,
    AccountRow,
    CategoryInput,
    CategoryRow,
    FundInput,
    FundRow,
)
from clubapp.services.dates import MONTH_WORDS
from clubapp.services.errors import ValidationError
from clubapp.services.money import parse_balance, pounds
from clubapp.ui.context import ACCOUNTS, AppContext
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.committee import label
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.tablemodels.rows import RowsModel
from clubapp.ui.widgets.buttons import BigButton, SwitchButton
from clubapp.ui.widgets.choosers import ChoiceCombo
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.inputs import BigCheck, BigRadio, TextBox
from clubapp.ui.widgets.tables import WrappingTable, rows_to_choose_from

HELP = (
    "Here you set up the books. Funds say whose money it is: the general fund is the "
    "club's own; a restricted fund is a grant a funder says what to spend on. Money "
    "accounts are where the money is: the bank, savings, the cash box. Categories say "
    "what kind of money it is, and which line of the printed accounts it is added into. "
    "Nothing is ever deleted: tick No longer used to retire something."
)
OPENING_HELP = (
    "The money in it on the day the books start. Leave it blank for none. If it was "
    "overspent or overdrawn, put a minus in front, like -25.00."
)
IN_USE, RETIRED = "In use", "No longer used"


def kind_words(words: str) -> str:
    """The first part of a kind's words: "Restricted fund (a funder ...)" -> "Restricted fund"."""
    return words.split(" (", 1)[0]


# ---------------------------------------------------------------- the lists


class _SetupModel(RowsModel[Any]):
    """Rows as words, one tuple per row, the last the same words on a few lines for a
    narrow table (``COMPACT``); the row's id in ``Qt.UserRole``."""

    STRETCH = 0

    def cells(self, row: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def row_id(self, row: Any) -> int:
        raise NotImplementedError

    @property
    def compact(self) -> int:
        return len(self.HEADERS) - 1

    def column_texts(self) -> dict[int, set[str]]:
        """Every text of each column but the stretching and the compact ones."""
        columns = [c for c in range(len(self.HEADERS) - 1) if c != self.STRETCH]
        return {c: {self.cells(r)[c] for r in self._rows} for c in columns}

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(row)[index.column()]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.cells(row)[self.compact].replace("\n", ". ")
        if role == Qt.ItemDataRole.UserRole:
            return self.row_id(row)
        return None

    def row_of(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if self.row_id(r) == row_id), -1)


def _status(retired: bool) -> str:
    return RETIRED if retired else IN_USE


class FundsModel(_SetupModel):
    HEADERS = ("Fund", "Kind", "What it is for", "Opening balance", "In use", "Fund")
    STRETCH = 2

    def cells(self, row: FundRow) -> tuple[str, ...]:
        kind, opening = kind_words(FUND_WORDS[row.kind]), pounds(row.opening_pence)
        status = _status(row.retired)
        compact = f"{row.name}\n{kind}. Opening balance {opening}. {status}.\n{row.purpose}"
        return (row.name, kind, row.purpose, opening, status, compact)

    def row_id(self, row: FundRow) -> int:
        return row.fund_id


class AccountsModel(_SetupModel):
    HEADERS = ("Money account", "Kind", "Opening balance", "In use", "Money account")

    def cells(self, row: AccountRow) -> tuple[str, ...]:
        kind, opening = ACCOUNT_WORDS[row.kind], pounds(row.opening_pence)
        status = _status(row.retired)
        compact = f"{row.name}\n{kind}. Opening balance {opening}.\n{status}."
        return (row.name, kind, opening, status, compact)

    def row_id(self, row: AccountRow) -> int:
        return row.account_id


class CategoriesModel(_SetupModel):
    HEADERS = ("Category", "Money in or out", "Line on the printed accounts", "In use", "Category")
    STRETCH = 2

    def cells(self, row: CategoryRow) -> tuple[str, ...]:
        section, status = SECTION_WORDS[row.section], _status(row.retired)
        compact = f"{row.name}\n{section}. {status}.\nOn the line: {row.line}"
        return (row.name, section, row.line, status, compact)

    def row_id(self, row: CategoryRow) -> int:
        return row.category_id


#: The most rows a set-up list shows before it scrolls.
ROWS_SHOWN = 10


# ---------------------------------------------------------------- the page


class _Section:
    """One list with its Add and Change buttons."""

    def __init__(
        self,
        page: SetUpBooksPage,
        model: _SetupModel,
        name: str,
        add_text: str,
        change_text: str,
        intro: str,
    ) -> None:
        self.widget = QWidget()
        column = QVBoxLayout(self.widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addWidget(label(intro))
        self.model = model
        self.table = WrappingTable(model.STRETCH, compact=model.compact)
        self.table.setModel(model)
        rows_to_choose_from(self.table, name)
        self.table.fitted.connect(self.fit_height)
        column.addWidget(self.table)
        self.add_button = BigButton(add_text)
        self.change_button = BigButton(change_text, variant="secondary")
        column.addWidget(flow_row(self.add_button, self.change_button))
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        model.modelReset.connect(self.update_buttons)
        self.table.activated.connect(lambda _index: self.change_button.click())
        self.update_buttons()

    def set_rows(self, rows: Sequence[Any]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        self.table.set_column_texts(self.model.column_texts())
        if chosen is not None:
            self.select(self.model.row_id(chosen))
        self.fit_height()

    def fit_height(self) -> None:
        """Tall enough for every row, up to ROWS_SHOWN; the page scrolls, not the list."""
        rows = min(max(1, self.model.rowCount()), ROWS_SHOWN)
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(
            header + rows * self.table.row_height() + 2 * self.table.frameWidth() + 2
        )

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, row_id: int) -> None:
        row = self.model.row_of(row_id)
        if row >= 0:
            self.table.selectRow(row)

    def update_buttons(self, *_args: object) -> None:
        self.change_button.setEnabled(self.selected() is not None)


class SetUpBooksPage(Page):
    title = "Set up the books"
    help_text = HELP
    domains = (ACCOUNTS,)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(16)
        self.problem_label = label(role="error")
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        self.notice_label = label(role="label")
        self.notice_label.hide()
        layout.addWidget(self.notice_label)

        self.funds_button = SwitchButton("Funds")
        self.accounts_button = SwitchButton("Money accounts")
        self.categories_button = SwitchButton("Categories")
        self.year_button = SwitchButton("The financial year")
        self._switches = QButtonGroup(self)
        switches = (
            self.funds_button,
            self.accounts_button,
            self.categories_button,
            self.year_button,
        )
        for button in switches:
            self._switches.addButton(button)
        layout.addWidget(flow_row(*switches))

        self.funds = _Section(
            self,
            FundsModel(self),
            "The funds",
            "Add a fund",
            "Change this fund",
            "Whose money it is. Each grant a funder gives for a purpose has a restricted "
            "fund of its own.",
        )
        self.accounts = _Section(
            self,
            AccountsModel(self),
            "The money accounts",
            "Add a money account",
            "Change this account",
            "Where the money is: bank accounts, savings and the cash box.",
        )
        self.categories = _Section(
            self,
            CategoriesModel(self),
            "The categories",
            "Add a category",
            "Change this category",
            "What kind of money it is, and the line of the printed accounts it is added into.",
        )
        self.year_section = QWidget()
        column = QVBoxLayout(self.year_section)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        self.year_label = label(role="label")
        column.addWidget(self.year_label)
        self.month = ChoiceCombo(chars=12)
        self.month.set_choices([(m, n) for n, m in enumerate(MONTH_WORDS, start=1)])
        self.month_row = FieldRow(
            "The month the financial year starts",
            self.month,
            "Most charities start their year on 1 April. It cannot change once a year is closed.",
        )
        column.addWidget(self.month_row)
        self.save_month_button = BigButton("Save the month")
        column.addWidget(flow_row(self.save_month_button))
        column.addStretch(1)

        self.sections: dict[SwitchButton, QWidget] = {
            self.funds_button: self.funds.widget,
            self.accounts_button: self.accounts.widget,
            self.categories_button: self.categories.widget,
            self.year_button: self.year_section,
        }
        for widget in self.sections.values():
            layout.addWidget(widget)
        layout.addStretch(1)
        for button in self.sections:
            button.clicked.connect(lambda _=False, b=button: self.show_section(b))

        self.funds.add_button.clicked.connect(lambda: self.edit_fund(None))
        self.funds.change_button.clicked.connect(lambda: self.edit_fund(self.funds.selected()))
        self.accounts.add_button.clicked.connect(lambda: self.edit_account(None))
        self.accounts.change_button.clicked.connect(
            lambda: self.edit_account(self.accounts.selected())
        )
        self.categories.add_button.clicked.connect(lambda: self.edit_category(None))
        self.categories.change_button.clicked.connect(
            lambda: self.edit_category(self.categories.selected())
        )
        self.save_month_button.clicked.connect(self.save_month)
        self.show_section(self.funds_button)

    def show_section(self, button: SwitchButton) -> None:
        button.setChecked(True)
        for switch, section in self.sections.items():
            section.setVisible(switch is button)

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        try:
            funds = self.ctx.read(books.list_funds, retired=True)
            accounts = self.ctx.read(books.list_accounts, retired=True)
            categories = self.ctx.read(books.list_categories, retired=True)
            month = self.ctx.read(years.start_month_for)
            year = self.ctx.read(years.current_year, self.ctx.today())
        except SERVICE_ERRORS as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            return
        self.problem_label.hide()
        for section, rows in (
            (self.funds, funds),
            (self.accounts, accounts),
            (self.categories, categories),
        ):
            section.set_rows(rows)
        self.month.choose(month)
        self.year_label.setText(f"This financial year, {year.name}, runs from {year.words}.")
        self._lines = sorted({c.line for c in categories})

    # ------------------------------------------------------------ changes

    def saved(self, words: str) -> Callable[[int], None]:
        """What to do once a form has saved: say so, and choose what it saved."""

        def done(row_id: int) -> None:
            self.refresh_now()
            self.notice_label.setText(words)
            self.notice_label.show()
            for section in (self.funds, self.accounts, self.categories):
                if section.widget.isVisible():
                    section.select(row_id)

        return done

    def edit_fund(self, row: FundRow | None) -> None:
        self.notice_label.hide()
        self.ctx.navigator.push(FundFormPage(self.ctx, row, self))

    def edit_account(self, row: AccountRow | None) -> None:
        self.notice_label.hide()
        self.ctx.navigator.push(AccountFormPage(self.ctx, row, self))

    def edit_category(self, row: CategoryRow | None) -> None:
        self.notice_label.hide()
        lines = getattr(self, "_lines", [])
        self.ctx.navigator.push(CategoryFormPage(self.ctx, row, lines, self))

    def save_month(self) -> None:
        self.month_row.clear_error()
        self.notice_label.hide()
        try:
            self.ctx.run(years.set_start_month, int(self.month.value()), changed=ACCOUNTS)
        except ValidationError as exc:
            self.month_row.show_error(" ".join(exc.errors.values()))
            return
        except SERVICE_ERRORS as exc:
            self.month_row.show_error(str(exc))
            return
        self.refresh_now()
        self.notice_label.setText(
            f"Saved. The financial year now starts on 1 {self.month.currentText()}."
        )
        self.notice_label.show()


# ---------------------------------------------------------------- the forms


class KindChoice(QWidget):
    """One of a few kinds, as large round buttons with their words."""

    def __init__(self, choices: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self.buttons: dict[str, BigRadio] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        for code, words in choices.items():
            button = BigRadio(words, self, wrap=True)
            self._group.addButton(button)
            self.buttons[code] = button
            column.addWidget(button)

    def value(self) -> str:
        return next((code for code, b in self.buttons.items() if b.isChecked()), "")

    def set_value(self, code: str) -> None:
        if code in self.buttons:
            self.buttons[code].setChecked(True)

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 (Qt name)
        for button in self.buttons.values():
            button.setEnabled(enabled)


def _opening_box(pence: int | None) -> QLineEdit:
    box = QLineEdit()
    if pence:
        box.setText(pounds(pence, symbol=False))
    return box


def _retired_box(form: FormPage, what: str, retired: bool) -> BigCheck:
    """The tick that retires a fund, account or category, at the end of its form."""
    box = BigCheck("No longer used")
    box.setChecked(retired)
    form.form.add_field(
        "retired",
        "Still in use?",
        box,
        f"Tick it to stop offering this {what} for new entries. Nothing is deleted: "
        "entries already made keep it.",
    )
    box.setAccessibleName(box.text())  # what it says, not the question above it
    return box


class _SetupForm(FormPage):
    """A set-up form: saves through one service and tells the set-up page."""

    def __init__(self, ctx: AppContext, save_text: str, done: Callable[[int], None]) -> None:
        super().__init__(ctx, save_text=save_text)
        self._done = done
        self._saved_id: int | None = None

    def after_save(self) -> None:
        if self._saved_id is not None:
            self._done(self._saved_id)


class FundFormPage(_SetupForm):
    help_text = HELP

    def __init__(self, ctx: AppContext, row: FundRow | None, page: SetUpBooksPage) -> None:
        name = row.name if row else ""
        super().__init__(
            ctx,
            "Save this fund" if row else "Add this fund",
            page.saved(f"Saved the {name or 'new'} fund."),
        )
        self.row = row
        self.name = QLineEdit(name)
        self.form.add_field("name", "The fund's name", self.name, "For example: Lottery grant.")
        self.kind = KindChoice(FUND_WORDS)
        self.kind.set_value(row.kind if row else "restricted")
        self.form.add_field("kind", "What kind of fund", self.kind)
        self.purpose = TextBox(3)
        self.purpose.setText(row.purpose if row else "")
        self.form.add_field(
            "purpose", "What it is for", self.purpose, "What the funder or the trustees said."
        )
        self.opening = _opening_box(row.opening_pence if row else None)
        self.form.add_field("opening_pence", "Opening balance", self.opening, OPENING_HELP)
        self.retired = _retired_box(self, "fund", row.retired if row else False)
        self.mark_unchanged()

    def heading(self) -> str:
        return "Change a fund" if self.row else "Add a fund"

    def values(self) -> Any:
        return (
            self.name.text(),
            self.kind.value(),
            self.purpose.text(),
            self.opening.text(),
            self.retired.isChecked(),
        )

    def submit(self) -> None:
        opening = parse_balance(self.opening.text(), "opening_pence", "opening balance")
        data = FundInput(
            self.name.text(),
            self.kind.value(),
            self.purpose.text(),
            opening,
            self.retired.isChecked(),
        )
        self._saved_id = self.ctx.run(
            books.save_fund, self.row.fund_id if self.row else None, data, changed=ACCOUNTS
        )


class AccountFormPage(_SetupForm):
    help_text = HELP

    def __init__(self, ctx: AppContext, row: AccountRow | None, page: SetUpBooksPage) -> None:
        name = row.name if row else ""
        super().__init__(
            ctx,
            "Save this account" if row else "Add this account",
            page.saved(f"Saved the {name or 'new'} money account."),
        )
        self.row = row
        self.name = QLineEdit(name)
        self.form.add_field(
            "name", "The account's name", self.name, "For example: Savings account."
        )
        self.kind = KindChoice(ACCOUNT_WORDS)
        self.kind.set_value(row.kind if row else "current")
        self.form.add_field("kind", "What kind of account", self.kind)
        self.opening = _opening_box(row.opening_pence if row else None)
        self.form.add_field("opening_pence", "Opening balance", self.opening, OPENING_HELP)
        self.retired = _retired_box(self, "account", row.retired if row else False)
        self.mark_unchanged()

    def heading(self) -> str:
        return "Change a money account" if self.row else "Add a money account"

    def values(self) -> Any:
        return (self.name.text(), self.kind.value(), self.opening.text(), self.retired.isChecked())

    def submit(self) -> None:
        opening = parse_balance(self.opening.text(), "opening_pence", "opening balance")
        data = AccountInput(self.name.text(), self.kind.value(), opening, self.retired.isChecked())
        self._saved_id = self.ctx.run(
            books.save_account, self.row.account_id if self.row else None, data, changed=ACCOUNTS
        )


class CategoryFormPage(_SetupForm):
    help_text = HELP

    def __init__(
        self,
        ctx: AppContext,
        row: CategoryRow | None,
        lines: Sequence[str],
        page: SetUpBooksPage,
    ) -> None:
        name = row.name if row else ""
        super().__init__(
            ctx,
            "Save this category" if row else "Add this category",
            page.saved(f"Saved the category {name}." if name else "Saved the new category."),
        )
        self.row = row
        self.name = QLineEdit(name)
        self.form.add_field("name", "The category's name", self.name, "For example: Raffle.")
        self.section = KindChoice(SECTION_WORDS)
        self.section.set_value(row.section if row else "receipts")
        section_help = (
            "A category stays money in or money out. To change that, add a new category "
            "and mark this one no longer used."
            if row
            else ""
        )
        self.form.add_field("section", "Money in or money out", self.section, section_help)
        self.section.setEnabled(row is None)
        self.line = QLineEdit(row.line if row else "")
        completer = QCompleter(list(lines), self.line)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.line.setCompleter(completer)
        self.form.add_field(
            "line",
            "The line on the printed accounts",
            self.line,
            "The line it is added into. Several categories can share a line. Leave it "
            "blank to use the category's own name.",
        )
        self.retired = _retired_box(self, "category", row.retired if row else False)
        self.mark_unchanged()

    def heading(self) -> str:
        return "Change a category" if self.row else "Add a category"

    def values(self) -> Any:
        return (self.name.text(), self.section.value(), self.line.text(), self.retired.isChecked())

    def submit(self) -> None:
        data = CategoryInput(
            self.name.text(), self.section.value(), self.line.text(), self.retired.isChecked()
        )
        self._saved_id = self.ctx.run(
            books.save_category,
            self.row.category_id if self.row else None,
            data,
            changed=ACCOUNTS,
        )

"""Import a bank statement (or a spreadsheet of transactions): choose the file, say which
bank and which money account, see what would happen, then import every line or none.

The columns are matched once per bank: a known bank is recognised from its headings,
and the treasurer can choose the columns with large drop-downs showing the file's own
headings and save them under a name for next time. Every change shows the preview
again; nothing is saved until "Import" is pressed, and that button stays off while any
line has a problem. Each problem names its line in the file, so it can be fixed there.

A big import runs off the screen's thread with a progress bar and "Stop the import";
stopped, nothing is kept. The window cannot be closed while it runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import bank_formats, bank_import, books
from clubapp.services.bank_formats import (
    BANK_FIELDS,
    DATE_STYLES,
    FIELD_WORDS,
    TRANSACTIONS,
    BankFileError,
    BankFormat,
    ColumnMap,
    CsvTable,
)
from clubapp.services.bank_import import ImportPlan, line_words
from clubapp.services.dates import MONTH_WORDS, long_date
from clubapp.services.errors import ValidationError
from clubapp.services.money import pounds
from clubapp.services.progress import ImportStopped
from clubapp.ui import theme
from clubapp.ui.context import ACCOUNTS, AppContext
from clubapp.ui.import_run import IMPORTING, PREVIEWING, ImportDialog, ImportRunner
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.tablemodels.rows import RowsModel
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.choosers import ChoiceCombo
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.inputs import SearchBox
from clubapp.ui.widgets.messages import busy_cursor, room_on_screen
from clubapp.ui.widgets.tables import WrappingTable

#: A bank statement of this size would be hundreds of thousands of lines.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Problems listed one by one; beyond this, "…and 300 more".
MAX_LISTED = 200
#: From this many new lines, the import runs in the background with a progress bar;
#: fewer are added at once (a bar that flashes by says nothing).
BACKGROUND_FROM = 1_000
#: A file of this many lines is checked for the preview in the background too.
BACKGROUND_PREVIEW_FROM = 10_000
STOPPED_CHECKING = (
    "Stopped before the whole file was checked. Choose the file again, or change a "
    "choice above, to see what it would import."
)

MYSELF = ""  # the layout choice "I will choose the columns"
NOT_IN_FILE = "Not in this file"
EXTRA_FIELDS = ("payee", "account", "category", "fund")
INTRO_TEXT = (
    "Choose the CSV file you downloaded from your bank's website, or a spreadsheet of "
    "transactions saved as CSV. You will see every line and what will happen to it "
    "before anything is saved."
)
COLUMNS_HELP = (
    "Choose the column that holds each thing. You do this once for each bank: save "
    "the columns under a name and the app knows them next time."
)
BLOCKED_TEXT = (
    "Nothing will be imported until every problem is fixed. Fix them in the file, "
    "then choose the file again."
)


def lines_words(count: int) -> str:
    return f"{count:,} {'line' if count == 1 else 'lines'}"


def plan_words(plan: ImportPlan) -> str:
    """What importing would do, in one sentence: "2 new lines to add; 1 line left out
    because it is in the books already."."""
    count = len(plan.new)
    to_sort = sum(1 for line in plan.new if line.to_sort)
    parts = [f"{count:,} new {'line' if count == 1 else 'lines'} to add"]
    if count and to_sort < count:
        parts[0] += f" ({count - to_sort:,} with a category and fund, {to_sort:,} to sort)"
    skipped = len(plan.skipped)
    if skipped == 1:
        parts.append("1 line left out because it is in the books already")
    elif skipped:
        parts.append(f"{skipped:,} lines left out because they are in the books already")
    if plan.problems:
        bad = plan.lines_with_problems
        parts.append(f"{bad:,} {'line has' if bad == 1 else 'lines have'} problems")
    return "; ".join(parts) + "."


# ---------------------------------------------------------------- the preview table


@dataclass(frozen=True)
class PreviewRow:
    line: int
    day: str
    amount: str
    description: str
    what: str


class PreviewModel(RowsModel[PreviewRow]):
    """Every line that will be added or left out, in the order of the file."""

    HEADERS = ("Line", "Date", "Amount", "Description", "What happens", "Each line")
    # COMPACT: the same words on three lines, for a narrow window or large text.
    LINE, DATE, AMOUNT, DESCRIPTION, WHAT, COMPACT = range(6)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            row = self._rows[index.row()]
            compact = f"Line {row.line}: {row.day}, {row.amount}\n{row.description}\n{row.what}"
            return (row.line, row.day, row.amount, row.description, row.what, compact)[
                index.column()
            ]
        return None

    def column_texts(self, column: int) -> set[str]:
        """Every word a column shows, for the table to fit its width to them."""
        field = ("line", "day", "amount", "description", "what")[column]
        return {str(getattr(row, field)) for row in self._rows}


#: What will happen to a line, in the preview's last column.
LEAVE_OUT = {
    "imported": "Leave out: imported before",
    "in_books": "Leave out: in the books already",
    "zero": "Leave out: £0.00",
}


def preview_rows(plan: ImportPlan) -> list[PreviewRow]:
    rows = [
        PreviewRow(
            new.line,
            short_date(new.on),
            line_words(new.signed_pence),
            new.description or new.payee,
            "Add, to sort" if new.to_sort else f"Add as {new.category}, {new.fund}",
        )
        for new in plan.new
    ]
    rows += [
        PreviewRow(
            left.line,
            short_date(left.on),
            line_words(left.signed_pence),
            left.description + (f" (in the books as '{left.matched}')" if left.matched else ""),
            LEAVE_OUT[left.why],
        )
        for left in plan.skipped
    ]
    return sorted(rows, key=lambda r: r.line)


def short_date(day: date) -> str:
    """ "3 Nov 2026": the month in words, short enough for a column."""
    return f"{day.day} {MONTH_WORDS[day.month - 1][:3]} {day.year}"


# ---------------------------------------------------------------- the dialog


class TwoColumns(QWidget):
    """Fields two to a line when there is room for both, one under another when not
    (a narrow window, or large text); hidden fields take no room."""

    SPACING = 24

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        # Two columns must never hold the window wide: narrower, it goes to one column.
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(self.SPACING)
        self._grid.setVerticalSpacing(12)
        self._rows: list[QWidget] = []
        self._columns = 0

    def add(self, row: QWidget) -> None:
        row.setParent(self)
        self._rows.append(row)
        self.arrange(force=True)

    def columns(self) -> int:
        return self._columns

    def _least(self) -> int:
        return max(
            (row.minimumSizeHint().width() for row in self._rows if not row.isHidden()),
            default=0,
        )

    def _fitting(self, width: int) -> int:
        return 2 if width >= 2 * self._least() + self.SPACING else 1

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self._least(), super().minimumSizeHint().height())

    def arrange(self, *, force: bool = False) -> None:
        columns = self._fitting(self.width())
        if columns == self._columns and not force:
            return
        self._columns = columns
        while self._grid.count():
            self._grid.takeAt(0)
        shown = [row for row in self._rows if not row.isHidden()]
        for n, row in enumerate(shown):
            self._grid.addWidget(row, n // columns, n % columns, Qt.AlignmentFlag.AlignTop)
        for column in (0, 1):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.arrange()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.arrange(force=True)


class BankImportDialog(ImportDialog):
    """Preview a bank statement and import it, all or nothing."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path | None = None
        self.table: CsvTable | None = None
        self.plan: ImportPlan | None = None
        self.imported_count = 0
        self.setWindowTitle("Import a bank statement")
        self.setModal(True)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        top = QWidget()
        self.scroll_area.setWidget(top)

        heading = self._label("Import a bank statement", "heading", top)
        intro = self._label(INTRO_TEXT, "", top)
        self.choose_button = BigButton("Choose a file…", top, variant="secondary")
        self.file_label = self._label("", "label", top)
        self.file_label.hide()
        self.file_error = self._label("", "error", top)
        self.file_error.hide()

        # ---- the bank, the account and the columns: shown once a file is read
        self.settings = QWidget(top)
        self.layout_combo = ChoiceCombo(self.settings, chars=12)
        self.layout_row = FieldRow(
            "Which bank is the file from?", self.layout_combo, parent=self.settings
        )
        self.account_combo = ChoiceCombo(self.settings, chars=12)
        self.account_row = FieldRow(
            "Which money account is it for?", self.account_combo, parent=self.settings
        )
        self.detected_label = self._label("", "label", self.settings)
        columns_heading = self._label("Which column holds what", "subheading", self.settings)
        columns_help = self._label(COLUMNS_HELP, "help", self.settings)
        self.column_combos: dict[str, ChoiceCombo] = {}
        self.column_rows: dict[str, FieldRow] = {}
        for name, words in FIELD_WORDS.items():
            combo = ChoiceCombo(self.settings, chars=16)
            self.column_combos[name] = combo
            self.column_rows[name] = FieldRow(words, combo, parent=self.settings)
        self.style_combo = ChoiceCombo(self.settings, chars=16)
        self.style_combo.set_choices((words, code) for code, words in DATE_STYLES.items())
        self.style_row = FieldRow(
            "How are the dates written?", self.style_combo, parent=self.settings
        )
        # No limit on typing: the check on saving says when a name is too long.
        self.name_edit = SearchBox(self.settings, chars=30)
        self.name_row = FieldRow(
            "Save these columns as",
            self.name_edit,
            "A name, such as the bank's: Barclays.",
            self.settings,
        )
        self.save_button = BigButton("Save the columns", self.settings, variant="secondary")
        self.saved_label = self._label("", "label", self.settings)
        self.saved_label.hide()

        self.columns_box = TwoColumns(self.settings)
        for name in BANK_FIELDS:
            self.columns_box.add(self.column_rows[name])
        self.columns_box.add(self.style_row)
        for name in EXTRA_FIELDS:
            self.columns_box.add(self.column_rows[name])
        save = flow_row(self.name_row, self.save_button, spacing=16)
        save.setParent(self.settings)
        settings_layout = QVBoxLayout(self.settings)
        settings_layout.setContentsMargins(0, 0, 0, 0)
        settings_layout.setSpacing(12)
        settings_layout.addWidget(self.layout_row)
        settings_layout.addWidget(self.account_row)
        settings_layout.addWidget(self.detected_label)
        settings_layout.addWidget(columns_heading)
        settings_layout.addWidget(columns_help)
        settings_layout.addWidget(self.columns_box)
        settings_layout.addWidget(save)
        settings_layout.addWidget(self.saved_label)
        self.settings.hide()

        # ---- what would happen
        self.summary_label = self._label("", "subheading", top)
        self.summary_label.hide()
        self.closing_label = self._label("", "label", top)
        self.closing_label.hide()
        self.problems_box = QWidget(top)
        self._problems_layout = QVBoxLayout(self.problems_box)
        self._problems_layout.setContentsMargins(0, 0, 0, 0)
        self._problems_layout.setSpacing(8)
        self.problems_box.hide()
        self.lines_heading = self._label(
            "Every line, and what will happen to it", "subheading", top
        )
        self.lines_heading.hide()
        self.model = PreviewModel(self)
        self.preview = WrappingTable(
            PreviewModel.DESCRIPTION,
            top,
            max_lines=3,
            stretch_least_px=200,
            compact=PreviewModel.COMPACT,
        )
        self.preview.setModel(self.model)
        self.preview.setAccessibleName("Every line, and what will happen to it")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview.setTabKeyNavigation(False)
        self.preview.setShowGrid(False)
        self.preview.setAlternatingRowColors(True)
        self.preview.verticalHeader().hide()
        self.preview.horizontalHeader().setSectionsClickable(False)
        self.preview.hide()

        chooser = QHBoxLayout()
        chooser.setSpacing(16)
        chooser.addWidget(self.choose_button)
        chooser.addWidget(self.file_label, 1)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 12, 0)
        top_layout.setSpacing(12)
        top_layout.addWidget(heading)
        top_layout.addWidget(intro)
        top_layout.addLayout(chooser)
        top_layout.addWidget(self.file_error)
        top_layout.addWidget(self.settings)
        top_layout.addWidget(self.summary_label)
        top_layout.addWidget(self.closing_label)
        top_layout.addWidget(self.problems_box)
        top_layout.addWidget(self.lines_heading)
        top_layout.addWidget(self.preview)
        top_layout.addStretch(1)

        # ---- always in view
        self.blocked_label = self._label(BLOCKED_TEXT, "error", self)
        self.blocked_label.hide()
        self.result_label = self._label("", "label", self)
        self.result_label.hide()
        self.close_button = BigButton("Cancel", self, variant="secondary")
        self.import_button = BigButton("Import", self)
        self.import_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.blocked_label)
        # A big file is checked, and imported, in the background.
        self.runner = ImportRunner(self, ctx.db, "lines", (self.scroll_area, self.close_button))
        self.progress = self.runner.panel
        layout.addWidget(self.result_label)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

        self.choose_button.clicked.connect(self.choose_file)
        self.close_button.clicked.connect(self._close)
        self.import_button.clicked.connect(self.import_now)
        self.save_button.clicked.connect(self.save_columns)
        self.layout_combo.activated.connect(self._layout_chosen)
        self.account_combo.activated.connect(self.show_preview)
        self.style_combo.activated.connect(self._columns_changed)
        for combo in self.column_combos.values():
            combo.activated.connect(self._columns_changed)
        self.preview.fitted.connect(self._fit_preview_height)
        self._lay_out_columns()
        self.choose_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------ size

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        scale = theme.current_scale()
        wanted = QSize(theme.scaled_px(960, scale), theme.scaled_px(700, scale))
        parent = self.parentWidget()
        window = parent.window() if parent is not None else None
        if window is not None and window.isVisible():
            wanted = wanted.boundedTo(window.size() - QSize(40, 40))
        return wanted

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt name)
        # Qt would shrink a new window to 2/3 of the screen; take the size asked for.
        if visible and not self.isVisible():
            self.resize(self.sizeHint().boundedTo(room_on_screen(self)))
        super().setVisible(visible)

    def _fit_preview_height(self) -> None:
        # The table scrolls inside the window, so it shows a good number of lines at once.
        rows = max(1, min(self.model.rowCount(), 10))
        header = self.preview.horizontalHeader().sizeHint().height()
        self.preview.setFixedHeight(
            header + rows * self.preview.row_height() + 2 * self.preview.frameWidth() + 4
        )

    def _label(self, text: str, role: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if role:
            label.setProperty("role", role)
        return label

    # ------------------------------------------------------------ the file

    def choose_file(self) -> None:
        folder = str(self.path.parent) if self.path else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self,
            "Choose the bank statement (CSV file)",
            folder,
            "Bank statements and spreadsheets (CSV) (*.csv *.txt);;All files (*)",
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path | str) -> ImportPlan | None:
        """Read the file, recognise its bank if it can, and show the preview (for a big
        file, when it has been checked in the background: None is returned at once)."""
        if self.running:
            return None
        path = Path(path)
        self.path = path
        self._reset()
        self.file_label.setText(f"File: {path.name}")
        self.file_label.show()
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise BankFileError(
                    "This file is too big to be a bank statement. Check you chose the right file."
                )
            data = path.read_bytes()
            with busy_cursor():
                table = self.ctx.read(bank_import.read_file, data)
                detected = self.ctx.read(bank_formats.detect, table)
                accounts = self.ctx.read(books.list_accounts)
                saved = self.ctx.read(bank_formats.saved_formats)
        except (BankFileError, *SERVICE_ERRORS) as exc:
            self._file_problem(str(exc))
            return None
        except OSError as exc:
            from clubapp.db.errors import explain_os_error

            self._file_problem(str(explain_os_error(exc, "read the file")))
            return None
        self.table = table
        self._fill_choices(table, accounts, saved)
        if detected is not None:
            self._use_format(detected.fmt, self._layout_key(detected.kind, detected.fmt.name))
            self.detected_label.setText(detected.words)
            if detected.kind != "transactions":
                self.name_edit.setText(detected.fmt.name)
        else:
            self.layout_combo.choose(MYSELF)
            self.detected_label.setText(
                "The app cannot tell which bank this file is from. Choose the bank above, "
                "or choose below which column holds what."
            )
        self.detected_label.show()
        self.settings.show()
        return self.show_preview()

    def _file_problem(self, message: str) -> None:
        self.file_error.setText(message)
        self.file_error.show()

    def _reset(self) -> None:
        self.table = None
        for widget in (self.file_error, self.settings, self.saved_label):
            widget.hide()
        self.model.set_rows([])
        self.layout_row.clear_error()
        self.name_edit.clear()
        self._clear_preview()

    def _clear_preview(self) -> None:
        """No plan, no problems and no preview shown; Import waits for a new plan."""
        self.plan = None
        self._clear_errors()
        self._clear_problems()
        for widget in (
            self.summary_label,
            self.closing_label,
            self.problems_box,
            self.lines_heading,
            self.preview,
            self.blocked_label,
            self.result_label,
        ):
            widget.hide()
        self.import_button.setText("Import")
        self.import_button.setEnabled(False)
        self.import_button.show()

    def _clear_problems(self) -> None:
        while self._problems_layout.count():
            item = self._problems_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _clear_errors(self) -> None:
        """The errors the preview shows (a bank that does not fit stays said)."""
        for row in (
            self.account_row,
            self.style_row,
            self.name_row,
            *self.column_rows.values(),
        ):
            row.clear_error()

    # ------------------------------------------------------------ choices

    @staticmethod
    def _layout_key(kind: str, name: str) -> str:
        return "transactions" if kind == "transactions" else f"{kind}:{name}"

    def _fill_choices(
        self,
        table: CsvTable,
        accounts: list[books.AccountRow],
        saved: list[BankFormat],
    ) -> None:
        layouts: list[tuple[str, str]] = [("I will choose the columns below", MYSELF)]
        layouts += [(f"{f.name} (saved columns)", f"saved:{f.name}") for f in saved]
        layouts += [
            (bank_formats.preset_words(name), f"bank:{name}")
            for name in bank_formats.preset_names()
        ]
        layouts.append((TRANSACTIONS, "transactions"))
        self.layout_combo.set_choices(layouts)
        chosen = self.account_combo.value()
        self.account_combo.set_choices((a.name, a.account_id) for a in accounts)
        if chosen is None:
            current = next((a for a in accounts if a.kind == "current"), None)
            if current is not None:
                self.account_combo.choose(current.account_id)
        else:
            self.account_combo.choose(chosen)
        headings = [(h, h) for h in table.headings if h.strip()]
        for combo in self.column_combos.values():
            combo.set_choices([(NOT_IN_FILE, ""), *headings])
            combo.choose("")

    def _use_format(self, fmt: BankFormat, key: str) -> None:
        self.layout_combo.choose(key)
        for name, combo in self.column_combos.items():
            combo.choose(getattr(fmt.columns, name))
        self.style_combo.choose(fmt.columns.date_style)
        if fmt.account_id is not None:
            self.account_combo.choose(fmt.account_id)
        self._lay_out_columns()

    def columns(self) -> ColumnMap:
        """The columns as chosen on the screen."""
        chosen = {name: str(combo.value() or "") for name, combo in self.column_combos.items()}
        return ColumnMap(**chosen, date_style=str(self.style_combo.value()))

    def chosen_format(self) -> BankFormat:
        key = str(self.layout_combo.value() or "")
        name = key.partition(":")[2] if ":" in key else (TRANSACTIONS if key else "")
        account = self.account_combo.value()
        return BankFormat(
            name or self.name_edit.text().strip() or "Columns chosen here",
            self.columns(),
            account if isinstance(account, int) else None,
        )

    def _layout_chosen(self) -> None:
        """A bank (or saved columns) chosen: take its columns if the file has them."""
        table = self.table
        if table is None:
            return
        self.layout_row.clear_error()
        key = str(self.layout_combo.value() or "")
        kind, _, name = key.partition(":")
        fmt: BankFormat | None = None
        if kind == "saved":
            try:
                found = self.ctx.read(bank_formats.saved_format, name)
            except SERVICE_ERRORS as exc:
                self.layout_row.show_error(str(exc))
                return
            if found is not None and bank_formats.fits(found, table):
                fmt = found
            elif found is not None:
                wanted = ", ".join(found.columns.used().values())
                self.layout_row.show_error(
                    f"This file does not have the columns saved as {found.name} ({wanted}). "
                    "Choose another, or choose the columns below."
                )
        elif kind == "bank":
            columns = bank_formats.resolve_preset(name, table)
            if columns is not None:
                fmt = BankFormat(name, columns)
            else:
                wanted = ", ".join(bank_formats.preset_headings(name))
                self.layout_row.show_error(
                    f"This file does not have the columns a {name} statement has ({wanted}). "
                    "Choose another bank, or choose the columns below."
                )
        elif kind == "transactions":
            columns = bank_formats.transactions_columns(table)
            if columns is not None:
                fmt = BankFormat(TRANSACTIONS, columns)
            else:
                self.layout_row.show_error(
                    "This file does not have the columns of a spreadsheet of transactions: "
                    "Date, Description, and Amount (or Paid in and Paid out)."
                )
        if fmt is not None:
            self._use_format(fmt, key)
            if kind != "transactions":
                self.name_edit.setText(fmt.name)
        self.show_preview()

    def _columns_changed(self) -> None:
        # Changed by hand, the columns are no longer a known bank's.
        self.layout_combo.choose(MYSELF)
        self.layout_row.clear_error()
        self._lay_out_columns()
        self.show_preview()

    def _lay_out_columns(self) -> None:
        """The bank's columns in two columns of drop-downs; a spreadsheet's own columns
        (who from or to, account, category, fund) only when the file is one."""
        extra = str(self.layout_combo.value() or "") == "transactions" or any(
            self.column_combos[name].value() for name in EXTRA_FIELDS
        )
        for name in EXTRA_FIELDS:
            self.column_rows[name].setVisible(extra)
        self.columns_box.arrange(force=True)
        account_help = "Lines with no account in the file go into this one." if extra else ""
        self.account_row.help_label.setText(account_help)
        self.account_row.help_label.setVisible(bool(account_help))
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.choose_button,
            self.layout_combo,
            self.account_combo,
            *(self.column_rows[name].editor for name in BANK_FIELDS),
            self.style_combo,
            *(self.column_rows[name].editor for name in EXTRA_FIELDS),
            self.name_edit,
            self.save_button,
            self.preview,
            self.close_button,
            self.import_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------ the preview

    def show_preview(self) -> ImportPlan | None:
        """What importing the file with the choices on the screen would do. A big file
        is checked in the background: None is returned at once, and the preview shows
        when it is done."""
        table = self.table
        if table is None or self.running:
            return None
        self._clear_preview()
        if len(table.rows) >= BACKGROUND_PREVIEW_FROM:
            self.runner.start(
                bank_import.plan_import,
                self.ctx.actor,
                table,
                self.chosen_format(),
                stages=PREVIEWING,
                total=len(table.rows),
                succeeded=self._previewed,
                failed=self._preview_failed,
            )
            return None
        try:
            with busy_cursor():
                plan = self.ctx.read(bank_import.plan_import, table, self.chosen_format())
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return None
        except SERVICE_ERRORS as exc:
            self._file_problem(str(exc))
            return None
        return self._previewed(plan)

    def _previewed(self, plan: ImportPlan) -> ImportPlan:
        self.plan = plan
        self._show_plan(plan)
        return plan

    def _preview_failed(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            self._show_errors(exc.errors)
        elif isinstance(exc, ImportStopped):
            self._file_problem(STOPPED_CHECKING)
        elif isinstance(exc, (BankFileError, *SERVICE_ERRORS)):
            self._file_problem(str(exc))
        else:
            raise exc  # a bug: the crash window, as anywhere else

    def _show_errors(self, errors: dict[str, str]) -> None:
        rows: dict[str, FieldRow] = {
            **self.column_rows,
            "date_style": self.style_row,
            "money_account": self.account_row,
        }
        for name, message in errors.items():
            rows.get(name, self.layout_row).show_error(message)
        self.summary_label.setText(
            "Fix the choices marked above to see what will happen to each line."
        )
        self.summary_label.show()

    def _show_plan(self, plan: ImportPlan) -> None:
        self.summary_label.setText(plan_words(plan))
        self.summary_label.show()
        if plan.closing is not None:
            day, balance = plan.closing
            self.closing_label.setText(
                f"The statement's balance on {long_date(day, weekday=False)} is {pounds(balance)}."
            )
            self.closing_label.show()
        if plan.problems:
            heading = self._label("Problems to fix in the file", "subheading", self.problems_box)
            self._problems_layout.addWidget(heading)
            for problem in plan.problems[:MAX_LISTED]:
                where = f"Line {problem.line}" + (f", {problem.column}" if problem.column else "")
                self._problems_layout.addWidget(
                    self._label(f"{where}: {problem.message}", "error", self.problems_box)
                )
            if len(plan.problems) > MAX_LISTED:
                more = len(plan.problems) - MAX_LISTED
                self._problems_layout.addWidget(
                    self._label(f"…and {more:,} more problems.", "error", self.problems_box)
                )
            self.problems_box.show()
        rows = preview_rows(plan)
        self.model.set_rows(rows)
        if rows:
            self.preview.set_column_texts(
                {
                    column: self.model.column_texts(column)
                    for column in (
                        PreviewModel.LINE,
                        PreviewModel.DATE,
                        PreviewModel.AMOUNT,
                        PreviewModel.WHAT,
                    )
                }
            )
            self._fit_preview_height()
            self.lines_heading.setText(
                "The other lines, and what will happen to each"
                if plan.problems
                else "Every line, and what will happen to it"
            )
            self.lines_heading.show()
            self.preview.show()
        count = len(plan.new)
        self.import_button.setText(f"Import {lines_words(count)}")
        self.import_button.setEnabled(plan.ok and count > 0)
        # "Import 0 lines", greyed out, says nothing useful: the words above say why
        # there is nothing to import.
        self.import_button.setVisible(count > 0)
        self.blocked_label.setVisible(not plan.ok)
        if plan.ok and count == 0:
            self.result_label.setText(
                "Every line of this file is in the books already, so there is nothing to import."
                if plan.skipped
                else "There are no lines in this file to import."
            )
            self.result_label.show()
        if plan.problems:
            # Bring the first problems into view, at any text size.
            QTimer.singleShot(
                0,
                self.problems_box,
                lambda: self.scroll_area.ensureWidgetVisible(self.problems_box, 0, 0),
            )

    def problem_lines(self) -> list[str]:
        """The problems as the dialog shows them (for tests and checks)."""
        return [
            w.text()
            for w in self.problems_box.findChildren(QLabel)
            if w.property("role") == "error" and not w.isHidden()
        ]

    # ------------------------------------------------------------ saving the columns

    def save_columns(self) -> None:
        """Save the columns on the screen under the name typed, for this bank next time."""
        self.name_row.clear_error()
        self.saved_label.hide()
        if self.table is None:
            return
        fmt = BankFormat(self.name_edit.text(), self.columns(), self.chosen_format().account_id)
        try:
            saved = self.ctx.run(bank_formats.save_format, fmt)
            formats = self.ctx.read(bank_formats.saved_formats)
            accounts = self.ctx.read(books.list_accounts)
        except ValidationError as exc:
            self.name_row.show_error(" ".join(exc.errors.values()))
            return
        except SERVICE_ERRORS as exc:
            self.name_row.show_error(str(exc))
            return
        columns, style = self.columns(), self.style_combo.value()
        self._fill_choices(self.table, accounts, formats)
        self._use_format(BankFormat(saved.name, columns, saved.account_id), f"saved:{saved.name}")
        self.style_combo.choose(style)
        self.name_edit.setText(saved.name)
        self.saved_label.setText(
            f"Saved as {saved.name}. A file with these columns is recognised next time."
        )
        self.saved_label.show()

    # ------------------------------------------------------------ importing

    def import_now(self) -> int:
        """Add every new line in one go, or none. Returns how many were added: 0 for a
        big import, which goes on in the background (the result shows when it is done)."""
        if self.table is None or self.plan is None or not self.plan.ok or self.running:
            return 0
        if len(self.plan.new) >= BACKGROUND_FROM:
            self._start_in_background(self.table, len(self.plan.new))
            return 0
        try:
            with busy_cursor():
                plan = self.ctx.run(
                    bank_import.apply_import, self.table, self.chosen_format(), changed=ACCOUNTS
                )
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return 0
        except SERVICE_ERRORS as exc:
            self._file_problem(str(exc))
            return 0
        return self._imported(plan)

    def _imported(self, plan: ImportPlan) -> int:
        """Show what the import did (or, if the books changed, what stops it now)."""
        if not plan.ok:
            # The books changed since the preview: show what stops it now.
            self.plan = plan
            self._clear_problems()
            self._show_plan(plan)
            return 0
        added = len(plan.new)
        to_sort = sum(1 for line in plan.new if line.to_sort)
        self.imported_count += added
        self.table = None  # no second import by a double click
        self.import_button.setEnabled(False)
        words = f"Done: {lines_words(added)} added to the books."
        if to_sort:
            words += (
                f" {lines_words(to_sort)} {'waits' if to_sort == 1 else 'wait'} in the list "
                "to sort: give each a category and a fund."
            )
        self.result_label.setText(words)
        self.result_label.show()
        self.blocked_label.hide()
        self.close_button.setText("Close")
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return added

    # ------------------------------------------------------------ a big import

    def _start_in_background(self, table: CsvTable, count: int) -> None:
        self.file_error.hide()
        self.result_label.hide()
        self.import_button.setEnabled(False)
        self.runner.start(
            bank_import.apply_import,
            self.ctx.actor,
            table,
            self.chosen_format(),
            stages=IMPORTING,
            total=count,
            succeeded=self._finished,
            failed=self._failed,
        )

    def stop_import(self) -> None:
        """ "Stop the import": nothing is kept."""
        self.runner.stop()

    def _finished(self, plan: ImportPlan) -> None:
        if plan.ok:
            self.ctx.changed.emit(ACCOUNTS)
        self._imported(plan)

    def _failed(self, exc: Exception) -> None:
        if not isinstance(exc, (ImportStopped, BankFileError, *SERVICE_ERRORS)):
            raise exc  # a bug: the crash window, as anywhere else
        self.import_button.setEnabled(True)  # nothing was kept: it can be tried again
        if isinstance(exc, ValidationError):
            self._show_errors(exc.errors)
        elif isinstance(exc, ImportStopped):
            self._say_stopped(exc)
        else:
            self._file_problem(str(exc))


def open_bank_import(ctx: AppContext, parent: QWidget | None) -> bool:
    """Show the import window until it is closed; True when lines were imported."""
    dialog = BankImportDialog(ctx, parent)
    try:
        dialog.exec()
        return dialog.imported_count > 0
    finally:
        dialog.deleteLater()

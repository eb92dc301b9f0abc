"""The bank statement import window, through its real widgets: a known bank found and
imported, problems listed by line with Import kept off, columns matched by hand and
saved for next time, and the window as a whole kept to the design rules."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from clubapp.services import bank_formats, books
from clubapp.services.books import EntryInput, SplitInput
from clubapp.ui import theme
from clubapp.ui.context import AppContext
from clubapp.ui.dialogs.bank_import import (
    BLOCKED_TEXT,
    BankImportDialog,
    PreviewModel,
    PreviewRow,
    open_bank_import,
)
from tests.conftest import TODAY
from tests.gui.a11y import audit

LEFT = Qt.MouseButton.LeftButton
BARCLAYS = (
    "Number,Date,Account,Amount,Subcategory,Memo\n"
    " ,03/11/2026,20-32-06 13152170,-12.40,PAYMENT,TESCO STORES 2041\n"
    " ,04/11/2026,20-32-06 13152170,250.00,DIRECTDEP,NATIONAL LOTTERY\n"
)
LLOYDS_WITH_PROBLEMS = (
    "Transaction Date,Transaction Type,Sort Code,Account Number,Transaction Description,"
    "Debit Amount,Credit Amount,Balance\n"
    "03/11/2026,DEB,'30-00-00,12345678,TESCO STORES 2041,12.40,,1187.60\n"
    "02/11/2026,BGC,'30-00-00,12345678,NATIONAL LOTTERY COMMUNITY FUND,,1200.00,1200.00\n"
    "31/02/2026,DD,'30-00-00,12345678,ZURICH INSURANCE,45.00,,0.00\n"
    "01/11/2026,FPO,'30-00-00,12345678,ST MARYS HALL HIRE,12.345,,45.00\n"
)


@pytest.fixture
def ctx(db, actors) -> AppContext:
    return AppContext(db, actors["treasurer"], today=lambda: TODAY)


@pytest.fixture
def parent(qtbot, themed_app) -> QWidget:
    """A window the size of the club's laptop screen, for the dialog to sit on."""
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def dialog(qtbot, ctx, parent) -> BankImportDialog:
    window = BankImportDialog(ctx, parent)
    qtbot.addWidget(window)
    window.open()
    qtbot.waitExposed(window)
    return window


def write(tmp_path, text: str, name: str = "statement.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def choose(qtbot, dialog: BankImportDialog, monkeypatch, path) -> None:
    """Press "Choose a file…" and pick ``path`` in the computer's file window."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    qtbot.mouseClick(dialog.choose_button, LEFT)


def pick(qtbot, combo, words: str) -> None:
    """Choose an item of a drop-down by typing its first letters, as a keyboard user does."""
    combo.setFocus()
    qtbot.keyClicks(combo, words)
    assert combo.currentText().startswith(words), combo.currentText()


def in_books(ctx) -> list[tuple[date, str, int, bool]]:
    book = ctx.read(books.cash_book, 1, date(2026, 1, 1), date(2026, 12, 31))
    return [(line.on, line.kind, line.amount_pence, line.to_sort) for line in book.lines]


def test_a_known_bank_is_found_and_every_line_imported(qtbot, dialog, monkeypatch, tmp_path):
    """Barclays is recognised from the headings, the columns filled in, the lines shown;
    Import adds both to the bank account, waiting to be sorted."""
    choose(qtbot, dialog, monkeypatch, write(tmp_path, BARCLAYS))
    assert dialog.file_label.text() == "File: statement.csv"
    assert dialog.detected_label.text() == "This looks like a statement from Barclays."
    assert dialog.layout_combo.currentText() == "Barclays"
    assert dialog.column_combos["date"].currentText() == "Date"
    assert dialog.column_combos["description"].currentText() == "Memo"
    assert dialog.column_combos["paid_in"].currentText() == "Not in this file"
    assert dialog.account_combo.currentText() == "Bank current account"
    assert dialog.summary_label.text() == "2 new lines to add."
    assert [(r.line, r.amount, r.what) for r in dialog.model.rows()] == [
        (2, "£12.40 out", "Add, to sort"),
        (3, "£250.00 in", "Add, to sort"),
    ]
    assert dialog.import_button.text() == "Import 2 lines"
    assert not dialog.blocked_label.isVisible()
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert in_books(dialog.ctx) == [
        (date(2026, 11, 3), "payment", 12_40, True),
        (date(2026, 11, 4), "receipt", 250_00, True),
    ]
    assert dialog.result_label.text().startswith("Done: 2 lines added to the books.")
    assert "2 lines wait in the list to sort" in dialog.result_label.text()
    assert not dialog.import_button.isEnabled()  # no second import by a double click
    assert dialog.close_button.text() == "Close"
    assert dialog.imported_count == 2


def test_problems_are_listed_by_line_and_nothing_is_imported(qtbot, dialog, monkeypatch, tmp_path):
    choose(qtbot, dialog, monkeypatch, write(tmp_path, LLOYDS_WITH_PROBLEMS))
    assert dialog.problem_lines() == [
        "Line 4, Transaction Date: There is no 31 February 2026. Check the day and month.",
        "Line 5, Debit Amount: '12.345' has more than two figures after the point. "
        "Write it in pounds and pence, like 12.50 or £1,234.50.",
    ]
    assert dialog.summary_label.text() == "2 new lines to add; 2 lines have problems."
    assert dialog.closing_label.text() == "The statement's balance on 3 November 2026 is £1,187.60."
    assert dialog.blocked_label.isVisible() and dialog.blocked_label.text() == BLOCKED_TEXT
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert dialog.import_now() == 0
    assert in_books(dialog.ctx) == []


def test_lines_typed_by_hand_are_shown_as_left_out(qtbot, dialog, monkeypatch, tmp_path):
    ctx = dialog.ctx
    category = next(c for c in ctx.read(books.list_categories) if c.name == "Other payments")
    fund = ctx.read(books.list_funds)[0]
    ctx.run(
        books.record_entry,
        EntryInput(
            date(2026, 11, 3),
            "payment",
            12_40,
            1,
            (SplitInput(category.category_id, fund.fund_id, 12_40),),
            description="Tea and biscuits",
        ),
    )
    choose(qtbot, dialog, monkeypatch, write(tmp_path, BARCLAYS))
    assert [(r.line, r.description, r.what) for r in dialog.model.rows()] == [
        (
            2,
            "TESCO STORES 2041 (in the books as 'Tea and biscuits')",
            "Leave out: in the books already",
        ),
        (3, "NATIONAL LOTTERY", "Add, to sort"),
    ]
    assert dialog.summary_label.text() == (
        "1 new line to add; 1 line left out because it is in the books already."
    )
    assert dialog.import_button.text() == "Import 1 line"


def test_a_file_already_imported_says_there_is_nothing_new_without_an_import_button(
    qtbot, dialog, monkeypatch, tmp_path
):
    path = write(tmp_path, BARCLAYS)
    choose(qtbot, dialog, monkeypatch, path)
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert dialog.imported_count == 2

    choose(qtbot, dialog, monkeypatch, path)  # the same statement again
    assert dialog.summary_label.text() == (
        "0 new lines to add; 2 lines left out because they are in the books already."
    )
    assert dialog.result_label.text() == (
        "Every line of this file is in the books already, so there is nothing to import."
    )
    # No greyed-out "Import 0 lines": the words say why there is nothing to import.
    assert not dialog.import_button.isVisible()
    assert dialog.close_button.isVisible()

    # A file with something new brings the button back.
    later = BARCLAYS + " ,05/11/2026,20-32-06 13152170,-3.20,PAYMENT,POST OFFICE\n"
    choose(qtbot, dialog, monkeypatch, write(tmp_path, later, "later.csv"))
    assert dialog.import_button.isVisible() and dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "Import 1 line"


def test_columns_matched_by_hand_are_saved_and_known_next_time(
    qtbot, dialog, monkeypatch, tmp_path
):
    """An unknown bank: the treasurer picks each column from the file's own headings,
    sees the preview, saves the columns with the cash box; the next file is known."""
    path = write(tmp_path, "When,What,Cash\n03/11/2026,Tea,1.50\n04/11/2026,Milk,-0.80\n")
    choose(qtbot, dialog, monkeypatch, path)
    assert "cannot tell which bank" in dialog.detected_label.text()
    assert (
        dialog.column_rows["date"].error_text()
        == "Choose the column that has the date of each line."
    )
    assert not dialog.import_button.isEnabled()

    pick(qtbot, dialog.column_combos["date"], "When")
    pick(qtbot, dialog.column_combos["description"], "What")
    pick(qtbot, dialog.column_combos["amount"], "Cash")
    pick(qtbot, dialog.account_combo, "Cash")
    assert dialog.summary_label.text() == "2 new lines to add."
    assert dialog.import_button.isEnabled()

    qtbot.keyClicks(dialog.name_edit, "Village Bank")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.saved_label.text().startswith("Saved as Village Bank.")
    assert dialog.layout_combo.currentText() == "Village Bank (saved columns)"
    saved = dialog.ctx.read(bank_formats.saved_formats)
    assert [(f.name, f.columns.amount, f.account_id) for f in saved] == [
        ("Village Bank", "Cash", 2)
    ]

    dialog.account_combo.choose(1)  # the bank: the saved columns bring the cash box back
    choose(qtbot, dialog, monkeypatch, path)
    assert dialog.detected_label.text() == "These are the columns saved as Village Bank."
    assert dialog.account_combo.currentText() == "Cash box"
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert dialog.imported_count == 2


def test_a_bank_that_does_not_fit_the_file_is_explained_beside_the_choice(
    qtbot, dialog, monkeypatch, tmp_path
):
    choose(qtbot, dialog, monkeypatch, write(tmp_path, LLOYDS_WITH_PROBLEMS))
    pick(qtbot, dialog.layout_combo, "Barclays")
    error = dialog.layout_row.error_text()
    assert error.startswith("This file does not have the columns a Barclays statement has")
    assert "Memo" in error
    # The Lloyds columns are still the ones in use.
    assert dialog.column_combos["paid_out"].currentText() == "Debit Amount"


def test_a_spreadsheet_shows_its_account_category_and_fund_columns(
    qtbot, dialog, monkeypatch, tmp_path
):
    path = write(
        tmp_path,
        "Date,Description,Amount,Category,Fund\n01/11/2026,Raffle,25.00,Fundraising,General fund\n",
    )
    assert dialog.column_rows["category"].isHidden()
    choose(qtbot, dialog, monkeypatch, path)
    assert dialog.layout_combo.currentText() == "A spreadsheet of transactions"
    assert not dialog.column_rows["category"].isHidden()
    assert dialog.column_combos["fund"].currentText() == "Fund"
    assert dialog.model.rows()[0].what == "Add as Fundraising, General fund"
    assert (
        dialog.account_row.help_label.text()
        == "Lines with no account in the file go into this one."
    )


def test_a_file_that_is_not_a_statement_is_explained(qtbot, dialog, monkeypatch, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)))
    choose(qtbot, dialog, monkeypatch, path)
    assert dialog.file_error.isVisible()
    assert dialog.file_error.text().startswith("This file is not a CSV file.")
    assert not dialog.settings.isVisible()
    assert not dialog.import_button.isEnabled()


def test_open_bank_import_says_whether_anything_was_imported(qtbot, ctx, parent, tmp_path):
    """The Accounts page's button: the window stays until closed, then says True once
    lines were imported, False when it was cancelled."""
    path = write(tmp_path, BARCLAYS)

    def import_then_close() -> None:
        window = QApplication.activeModalWidget()
        assert isinstance(window, BankImportDialog)
        window.load_file(path)
        qtbot.mouseClick(window.import_button, LEFT)
        qtbot.mouseClick(window.close_button, LEFT)

    QTimer.singleShot(0, import_then_close)
    assert open_bank_import(ctx, parent) is True

    def cancel() -> None:
        window = QApplication.activeModalWidget()
        assert isinstance(window, BankImportDialog)
        qtbot.mouseClick(window.close_button, LEFT)

    QTimer.singleShot(0, cancel)
    assert open_bank_import(ctx, parent) is False


def test_the_preview_model_passes_qt_model_tester(qtmodeltester):
    model = PreviewModel()
    model.set_rows(
        [
            PreviewRow(2, "3 Nov 2026", "£12.40 out", "TESCO", "Add, to sort"),
            PreviewRow(3, "4 Nov 2026", "£5.00 in", "RAFFLE", "Leave out: imported before"),
        ]
    )
    qtmodeltester.check(model)


@pytest.mark.parametrize("scale", (1.0, 2.0))
def test_the_window_with_problems_meets_the_design_rules(
    qtbot, dialog, monkeypatch, tmp_path, themed_app, scale
):
    """Large targets, names, fonts, nothing clipped or outside, Tab reaches everything,
    at 100 % and 200 % text, on the club's 1280 × 720 screen."""
    theme.apply_theme(themed_app, scale)
    choose(qtbot, dialog, monkeypatch, write(tmp_path, LLOYDS_WITH_PROBLEMS))
    for _ in range(5):
        QApplication.processEvents()
    assert dialog.width() <= 1280 and dialog.height() <= 720
    # Nothing runs off the right-hand side, where no scroll bar could reach it.
    content = dialog.scroll_area.widget()
    assert content.width() <= dialog.scroll_area.viewport().width()
    assert content.minimumSizeHint().width() <= dialog.scroll_area.viewport().width()
    problems = []
    for position in (0, 1):  # the top of the window, then the preview at the bottom
        bar = dialog.scroll_area.verticalScrollBar()
        bar.setValue(bar.maximum() * position)
        for _ in range(3):
            QApplication.processEvents()
        problems += audit(dialog, scale)
    theme.apply_theme(themed_app, 1.0)
    assert not problems, "\n".join(dict.fromkeys(problems))

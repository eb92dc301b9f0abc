"""Printed accounts through the real widgets: each printout opens in the app's preview,
and the PDF's text (read back with pypdf) holds the figures worked out by hand from the
entries made here; lines of the statement of assets and liabilities added, changed and
removed; and a committee member sees the printouts only."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from clubapp.services import books, reconcile, years
from clubapp.services.books import EntryInput, FundInput, SplitInput
from clubapp.ui import theme
from clubapp.ui.context import AppContext
from clubapp.ui.dialogs.pdf_preview import PdfPreviewDialog
from clubapp.ui.page_stack import PageStack
from clubapp.ui.pages.accounts_printouts import AssetLinePage, PrintedAccountsPage
from tests.conftest import TODAY
from tests.gui.a11y import audit
from tests.gui.committee_helpers import answer_next_question, choose_in_list, click, settle
from tests.gui.test_accounts_reconcile import Hub

POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)


@pytest.fixture
def treasurer(actors):
    return actors["treasurer"]


@pytest.fixture
def books_2025(db, treasurer):
    """2025-26, in the bank and the cash box, by hand:

    General fund (unrestricted): a gift of £500.00 in; the hall £120.00 and tea £12.60
    (from the cash box, which had a £20.00 gift) out; £50.00 moved to the Lottery fund.
    Receipts 520.00, payments 132.60, closing 520.00 - 132.60 - 50.00 = 337.40.
    Lottery fund (restricted): a grant of £1,000.00 in, the coordinator's pay £300.00 out,
    £50.00 in from the general fund: closing 750.00.
    All: receipts 1,520.00, payments 432.60, closing 1,087.40.
    Bank: 500 - 120 + 1,000 - 300 = 1,080.00; cash box: 20.00 - 12.60 = 7.40.
    """
    lottery = db.run(
        books.save_fund, treasurer, None, FundInput("Lottery fund", "restricted", "Weekly club")
    )
    general = next(f.fund_id for f in db.run(books.list_funds, treasurer) if f.kind == "general")
    accounts = {a.name: a.account_id for a in db.run(books.list_accounts, treasurer)}
    assert {a.opening_pence for a in db.run(books.list_accounts, treasurer)} == {0}
    categories = {c.name: c.category_id for c in db.run(books.list_categories, treasurer)}
    bank, cash = accounts["Bank current account"], accounts["Cash box"]

    def entry(on, kind, pence, category, fund, payee, account=bank):
        return EntryInput(
            on=on,
            kind=kind,
            amount_pence=pence,
            account_id=account,
            splits=(SplitInput(categories[category], fund, pence),),
            payee=payee,
        )

    for data in (
        entry(date(2025, 5, 1), "receipt", 500_00, "Donations", general, "A friend"),
        entry(date(2025, 5, 3), "receipt", 20_00, "Donations", general, "A visitor", cash),
        entry(date(2025, 6, 1), "payment", 120_00, "Venue hire", general, "St Mark's hall"),
        entry(date(2025, 6, 2), "payment", 12_60, "Refreshments", general, "Corner shop", cash),
        entry(date(2025, 8, 1), "receipt", 1000_00, "Grants", lottery, "The Lottery"),
        entry(date(2025, 9, 1), "payment", 300_00, "Coordinator's pay", lottery, "Sam Taylor"),
        EntryInput(
            date(2025, 10, 1), "fund_transfer", 50_00, from_fund_id=general, to_fund_id=lottery
        ),
    ):
        db.run(books.record_entry, treasurer, data)
    return {"general": general, "lottery": lottery, "bank": bank, "cash": cash}


def close_2025(db, treasurer, ids) -> None:
    """Reconcile the bank to the year's end and close 2025-26, as the treasurer would."""
    year = db.run(years.year_named, 2025)
    rec = db.run(reconcile.start, treasurer, ids["bank"], year.ends, 1080_00)
    for line in db.run(reconcile.view, treasurer, rec).lines:
        db.run(reconcile.tick, treasurer, rec, line.entry_id, True)
    db.run(reconcile.finish, treasurer, rec)
    db.run(years.close_year, treasurer, year, TODAY)


def open_printouts(qtbot, db, actor):
    """The page on a real page stack, whose printouts open in the real preview."""
    ctx = AppContext(db, actor, today=lambda: TODAY)
    stack = PageStack(ctx)
    qtbot.addWidget(stack)
    stack.resize(1280, 720)
    stack.open_room(Hub(ctx))
    stack.show()
    qtbot.waitExposed(stack)
    page = PrintedAccountsPage(ctx)
    stack.push(page)
    qtbot.waitUntil(page.isVisible)
    return ctx, stack, page


def preview_text(qtbot, button) -> tuple[str, str]:
    """Press a print button; the preview opens with a PDF: its title and its text."""
    click(qtbot, button)

    def shown() -> PdfPreviewDialog | None:
        return next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, PdfPreviewDialog) and w.isVisible()
            ),
            None,
        )

    qtbot.waitUntil(lambda: shown() is not None)
    dialog = shown()
    assert dialog is not None
    assert dialog.page_count() >= 1
    title = dialog.windowTitle()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(dialog.pdf)).pages)
    dialog.close()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: shown() is None)
    # The page's window has the keyboard and mouse again, as when a person closes it.
    window = button.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    settle(qtbot)
    return title, text


@POPUP_WARNINGS
def test_each_printout_opens_in_the_preview_with_the_books_figures(
    themed_app, qtbot, db, treasurer, books_2025
):
    """The four printouts for 2025-26 hold the figures worked out from the entries."""
    _ctx, _stack, page = open_printouts(qtbot, db, treasurer)
    # The year just ended is chosen; this year is offered too.
    assert [page.year_choice.itemText(i) for i in range(page.year_choice.count())] == [
        "2026-27 (1 April 2026 to 31 March 2027)",
        "2025-26 (1 April 2025 to 31 March 2026)",
    ]
    assert page.year_choice.currentText() == "2025-26 (1 April 2025 to 31 March 2026)"
    assert page.state_label.text() == (
        "2025-26 is not closed yet, so its figures can still change. Close it in Year end "
        "when the books are right."
    )

    title, text = preview_text(qtbot, page.accounts_button)
    assert title == "The accounts for 2025-26"
    for figure in ("1,520.00", "432.60", "1,087.40", "337.40", "750.00", "50.00"):
        assert figure in text, figure

    click(qtbot, page.nearest_pound)
    _title, text = preview_text(qtbot, page.accounts_button)
    assert "1,520" in text and "1,520.00" not in text
    assert "432.60" not in text and "433" in text

    title, text = preview_text(qtbot, page.funds_button)
    assert title == "Fund statements for 2025-26"
    assert "General fund" in text and "Lottery fund" in text
    assert "337.40" in text and "750.00" in text

    choose_in_list(qtbot, page.fund_choice, "Lottery fund")
    title, text = preview_text(qtbot, page.funds_button)
    assert title == "Lottery fund: 2025-26"
    assert "Lottery fund" in text and "750.00" in text and "300.00" in text
    assert "337.40" not in text

    assert page.cashbook_button is not None and page.account_choice is not None
    title, text = preview_text(qtbot, page.cashbook_button)
    assert title == "The cash book for 2025-26"
    # The bank's running balance after each line, and the cash box's.
    for figure in ("500.00", "380.00", "1,380.00", "1,080.00", "7.40"):
        assert figure in text, figure

    choose_in_list(qtbot, page.account_choice, "Cash box")
    title, text = preview_text(qtbot, page.cashbook_button)
    assert title == "The cash book for 2025-26: Cash box"
    assert "7.40" in text and "12.60" in text
    assert "1,080.00" not in text

    title, text = preview_text(qtbot, page.summary_button)
    assert title == "Where our money went in 2025-26"
    # In whole pounds for members: 432.60 is £433, 1,087.40 is £1,087.
    assert "We had £1,520 come in." in text
    assert "We spent £433." in text
    assert "£1,087" in text


@POPUP_WARNINGS
def test_a_closed_year_says_its_figures_are_final(themed_app, qtbot, db, treasurer, books_2025):
    """Once 2025-26 is closed, the page says its figures are final."""
    close_2025(db, treasurer, books_2025)
    _ctx, _stack, page = open_printouts(qtbot, db, treasurer)
    assert page.state_label.text() == "2025-26 is closed, so these figures are final."
    choose_in_list(qtbot, page.year_choice, "2026-27 (1 April 2026 to 31 March 2027)")
    assert page.state_label.text().startswith("2026-27 has not ended yet")


@POPUP_WARNINGS
def test_a_line_of_the_statement_is_added_changed_and_removed(
    themed_app, qtbot, db, treasurer, books_2025
):
    """The treasurer types what the club owns besides cash; the accounts print it."""
    _ctx, stack, page = open_printouts(qtbot, db, treasurer)
    assert page.no_lines_label.text() == (
        "Nothing added for 2025-26: the statement shows only the cash in the books."
    )
    assert page.add_line_button is not None
    click(qtbot, page.add_line_button)
    form = stack.current
    assert isinstance(form, AssetLinePage)

    # Nothing chosen and an amount that is not money: each said beside its field.
    qtbot.keyClicks(form.amount, "four fifty")
    click(qtbot, form.save_button)
    assert "is not an amount of money" in form.form.field("amount").error_text()
    assert form.form.field("section").error_text() == "Choose what kind of line it is."
    assert form.form.field("description").error_text() == "Type the description."
    assert form.amount.text() == "four fifty"  # nothing typed is lost
    form.amount.clear()
    qtbot.keyClicks(form.amount, "450.00")
    click(qtbot, form.save_button)
    # The service says the same of what is still missing.
    assert form.form.field("section").error_text() == "Choose what kind of line it is."
    assert form.form.field("description").has_error()
    assert not form.form.field("amount").has_error()
    assert stack.current is form

    click(qtbot, form.section.buttons["own_use"])
    qtbot.keyClicks(form.description, "Laptop for the club")
    choose_in_list(qtbot, form.fund, "General fund")
    qtbot.keyClicks(form.note, "Bought in May.")
    click(qtbot, form.save_button)
    assert stack.current is page
    assert page.lines_news.text() == "Added “Laptop for the club”."
    [line_id] = page.asset_lines
    assert page.line_words(line_id) == "Laptop for the club: £450.00. General fund. Bought in May."

    _title, text = preview_text(qtbot, page.accounts_button)
    assert "Laptop for the club" in text and "450.00" in text

    click(qtbot, page.change_buttons[line_id])
    form = stack.current
    assert isinstance(form, AssetLinePage)
    assert form.amount.text() == "450.00"
    form.amount.clear()
    qtbot.keyClicks(form.amount, "475.00")
    click(qtbot, form.save_button)
    assert page.line_words(line_id) == "Laptop for the club: £475.00. General fund. Bought in May."

    asked = answer_next_question(confirm=True)
    click(qtbot, page.remove_buttons[line_id])
    assert asked == ["Remove “Laptop for the club” from the statement for 2025-26?"]
    assert page.asset_lines == {}
    assert page.no_lines_label.isVisible()


def test_a_committee_member_sees_the_printouts_only(themed_app, qtbot, db, actors, books_2025):
    """No cash book, no lines to type; the year's accounts print all the same."""
    _ctx, _stack, page = open_printouts(qtbot, db, actors["committee"])
    assert page.cashbook_button is None and page.account_choice is None
    assert page.add_line_button is None
    assert not page.lines_heading.isVisible()
    for button in (page.accounts_button, page.funds_button, page.summary_button):
        assert button.isVisible()
    _title, text = preview_text(qtbot, page.accounts_button)
    assert "1,520.00" in text


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_pages_pass_the_accessibility_checks_at_each_text_size(
    themed_app, qtbot, db, treasurer, books_2025, scale
):
    """Big targets, names and no clipped words, on the page and the line's form."""
    theme.apply_theme(themed_app, scale)
    _ctx, stack, page = open_printouts(qtbot, db, treasurer)
    settle(qtbot)
    assert audit(stack, scale) == []
    assert page.add_line_button is not None
    click(qtbot, page.add_line_button)
    settle(qtbot)
    assert audit(stack, scale) == []

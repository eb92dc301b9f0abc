"""Reconciling the bank through the real widgets: the statement typed in, lines ticked by
clicking and with Space, the difference said in words as it changes, Finish refused and
then accepted, ticks kept when the treasurer leaves and comes back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QWidget

from clubapp.services import books, reconcile
from clubapp.services.books import EntryInput, SplitInput
from clubapp.ui import theme
from clubapp.ui.pages.accounts_entry import EntryPage
from clubapp.ui.pages.accounts_reconcile import LinesModel, ReconcilePage
from clubapp.ui.pages.base import Page
from tests.gui.a11y import audit
from tests.gui.committee_helpers import LEFT, click, open_stack, settle

STATEMENT_DAY = date(2026, 10, 30)


@pytest.fixture
def treasurer(actors):
    return actors["treasurer"]


@pytest.fixture
def books_ids(db, treasurer):
    """The seeded books: funds, accounts and categories by name."""
    funds = {f.name: f.fund_id for f in db.run(books.list_funds, treasurer)}
    accounts = {a.name: a for a in db.run(books.list_accounts, treasurer)}
    categories = {c.name: c.category_id for c in db.run(books.list_categories, treasurer)}
    return funds, accounts, categories


def enter(db, actor, ids, on, kind, pence, category, payee, account="Bank current account"):
    funds, accounts, categories = ids
    return db.run(
        books.record_entry,
        actor,
        EntryInput(
            on=on,
            kind=kind,
            amount_pence=pence,
            account_id=accounts[account].account_id,
            splits=(SplitInput(categories[category], funds["General fund"], pence),),
            payee=payee,
        ),
    )


@pytest.fixture
def bank_lines(db, treasurer, books_ids):
    """Three lines up to the statement's date, and one after it (not on it)."""
    return {
        "gift": enter(
            db, treasurer, books_ids, date(2026, 10, 2), "receipt", 250_00, "Donations", "A friend"
        ),
        "hall": enter(
            db,
            treasurer,
            books_ids,
            date(2026, 10, 5),
            "payment",
            40_00,
            "Venue hire",
            "St Mark's hall",
        ),
        "tea": enter(
            db,
            treasurer,
            books_ids,
            date(2026, 10, 20),
            "payment",
            12_50,
            "Refreshments",
            "Corner shop",
        ),
        "later": enter(
            db,
            treasurer,
            books_ids,
            date(2026, 11, 5),
            "receipt",
            100_00,
            "Donations",
            "A neighbour",
        ),
    }


class Hub(Page):
    """Stands in for the Accounts room: the page below the one tested."""

    title = "Accounts"


def open_reconcile(qtbot, db, actor):
    ctx, stack, _hub = open_stack(qtbot, db, actor, Hub)
    page = ReconcilePage(ctx)
    stack.push(page)
    qtbot.waitUntil(page.isVisible)
    # The window has the keyboard, as the app's own window has when a person types.
    stack.activateWindow()
    qtbot.waitUntil(stack.isActiveWindow)
    return ctx, stack, page


def type_statement(qtbot, page: ReconcilePage, day: date, closing: str) -> None:
    """Type the statement's date (day/month/year) and closing balance, as a person would."""
    edit = page.date_edit
    edit.setFocus()
    edit.setSelectedSection(edit.Section.DaySection)  # as a double click on the day does
    qtbot.keyClicks(edit, day.strftime("%d%m%Y"))  # each part moves on to the next
    assert edit.value() == day
    page.closing_edit.clear()
    qtbot.keyClicks(page.closing_edit, closing)


def cell_centre(page: ReconcilePage, row: int, column: int = LinesModel.WHO):
    table = page.table
    return table.visualRect(page.model.index(row, column)).center()


def payees(page: ReconcilePage) -> list[str]:
    return [page.model.row_at(r).payee for r in range(page.model.rowCount())]


def test_reconcile_tick_by_click_and_space_finish_refused_then_accepted_and_resumed(
    themed_app, qtbot, db, treasurer, books_ids, bank_lines
):
    """The whole reconciliation as the treasurer does it, leaving half-way and coming back."""
    ctx, stack, page = open_reconcile(qtbot, db, treasurer)
    # Bank accounts first, then the cash box; never reconciled yet.
    assert [page.account_choice.itemText(i) for i in range(page.account_choice.count())] == [
        "Bank current account",
        "Cash box",
    ]
    assert page.last_label.text() == "This account has not been reconciled yet."
    # The books start at £0, so the statement's balance is the lines on it.
    assert books_ids[1]["Bank current account"].opening_pence == 0

    # A blank balance, then one that is not money: each said under the field.
    type_statement(qtbot, page, STATEMENT_DAY, "")
    click(qtbot, page.start_button)
    assert "Type the closing balance" in page.closing_row.error_text()
    qtbot.keyClicks(page.closing_edit, "12.345")
    click(qtbot, page.start_button)
    assert "more than two figures after the point" in page.closing_row.error_text()
    assert page.closing_edit.text() == "12.345"  # nothing typed is lost

    # The statement shows the gift and the hall bill; the tea has not reached the bank.
    page.closing_edit.clear()
    qtbot.keyClicks(page.closing_edit, "210.00")
    click(qtbot, page.start_button)
    assert page.date_edit.value() == STATEMENT_DAY
    assert page.table.isVisible()
    # The line after the statement's date is not offered.
    assert payees(page) == ["A friend", "St Mark's hall", "Corner shop"]
    assert page.difference_label.text() == (
        "The statement shows £210.00 more than the ticked lines."
    )
    assert page.difference_hint.text() == (
        "Tick more money in, or look for money in missing from the books."
    )

    # A click anywhere on the line ticks it: now the ticked lines are £40 ahead.
    qtbot.mouseClick(page.table.viewport(), LEFT, pos=cell_centre(page, 0))
    assert page.model.is_ticked(bank_lines["gift"])
    assert page.difference_words() == (
        "The ticked lines show £40.00 more than the statement. Tick more money out, or "
        "look for a payment missing from the books."
    )

    # Finish is refused while the books and the statement differ, saying why.
    click(qtbot, page.finish_button)
    assert page.problem_label.isVisible()
    assert page.problem_label.text().startswith("This cannot be finished yet.")
    assert db.run(reconcile.open_for, treasurer, books_ids[1]["Bank current account"].account_id)

    # Down to the hall bill and Space ticks it: the difference is £0.
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert page.model.is_ticked(bank_lines["hall"])
    assert page.difference_label.text() == (
        "The ticked lines agree with the statement: the difference is £0."
    )
    # Space again unticks it, and again ticks it.
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert not page.model.is_ticked(bank_lines["hall"])
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert page.model.is_ticked(bank_lines["hall"])

    # Leave, and come back: the ticks were kept, and the page carries on with them.
    stack.back()
    assert stack.current is not page
    again = ReconcilePage(ctx)
    stack.push(again)
    qtbot.waitUntil(again.isVisible)
    assert again.table.isVisible()
    assert again.model.ticked_ids() == {bank_lines["gift"], bank_lines["hall"]}
    assert again.difference_label.text() == (
        "The ticked lines agree with the statement: the difference is £0."
    )

    click(qtbot, again.finish_button)
    assert again.news_label.text() == (
        "Finished. Bank current account agrees with the statement of 30 October 2026: "
        "the difference is £0. 2 lines are now marked as reconciled."
    )
    account_id = books_ids[1]["Bank current account"].account_id
    assert db.run(reconcile.last_done, treasurer, account_id) == (STATEMENT_DAY, 210_00)
    assert db.run(reconcile.open_for, treasurer, account_id) is None
    assert again.last_label.text() == (
        "Last reconciled to the statement of 30 October 2026, which showed £210.00."
    )
    # The tea is still to tick against the next statement.
    book = db.run(books.cash_book, treasurer, account_id, date(2026, 10, 1), date(2026, 11, 30))
    reconciled = {line.entry_id: line.reconciled for line in book.lines}
    assert reconciled == {
        bank_lines["gift"]: True,
        bank_lines["hall"]: True,
        bank_lines["tea"]: False,
        bank_lines["later"]: False,
    }


def test_an_overdrawn_statement_reconciles_and_an_older_statement_is_then_refused(
    themed_app, qtbot, db, treasurer, books_ids
):
    """A balance below £0 is typed with a minus; afterwards, a statement older than the
    last one reconciled is refused next to the date, in words."""
    hall = enter(
        db,
        treasurer,
        books_ids,
        date(2026, 10, 5),
        "payment",
        25_00,
        "Venue hire",
        "St Mark's hall",
    )
    _ctx, _stack, page = open_reconcile(qtbot, db, treasurer)
    type_statement(qtbot, page, STATEMENT_DAY, "-25.00")
    click(qtbot, page.start_button)
    assert page.summary_label.text() == (
        "Bank current account: the statement of 30 October 2026, closing balance -£25.00."
    )
    assert page.difference_label.text() == "The ticked lines show £25.00 more than the statement."
    qtbot.mouseClick(page.table.viewport(), LEFT, pos=page.table.check_rect(0).center())
    assert page.model.is_ticked(hall)
    assert page.difference_label.text() == (
        "The ticked lines agree with the statement: the difference is £0."
    )
    click(qtbot, page.finish_button)
    assert page.news_label.text().endswith("1 line is now marked as reconciled.")

    type_statement(qtbot, page, date(2026, 10, 1), "0.00")
    click(qtbot, page.start_button)
    assert page.date_row.error_text() == (
        "Bank current account was last reconciled to a statement of 30 October 2026. "
        "Use a later statement."
    )
    assert page.statement_box.isVisible()


def test_a_line_missing_from_the_books_is_added_from_the_list_and_then_ticked(
    themed_app, qtbot, db, treasurer, books_ids, bank_lines
):
    """The entry screen opens with the account and the statement's date; back from it,
    the new line is in the list to tick."""
    _ctx, stack, page = open_reconcile(qtbot, db, treasurer)
    # The statement also shows £5.00 of bank interest the books lack.
    type_statement(qtbot, page, STATEMENT_DAY, "215.00")
    click(qtbot, page.start_button)
    for row in (0, 1):
        qtbot.mouseClick(page.table.viewport(), LEFT, pos=cell_centre(page, row))
    assert page.difference_label.text() == "The statement shows £5.00 more than the ticked lines."

    click(qtbot, page.add_button)
    entry = stack.current
    assert isinstance(entry, EntryPage)
    assert entry.kind == "receipt"  # the statement shows more: money in is missing
    assert entry.on.value() == STATEMENT_DAY
    bank_id = books_ids[1]["Bank current account"].account_id
    assert entry.account.value() == bank_id
    qtbot.keyClicks(entry.amount, "5.00")
    entry.category.choose(books_ids[2]["Interest"])
    entry.fund.choose(books_ids[0]["General fund"])  # nothing is chosen for the treasurer
    qtbot.keyClicks(entry.payee, "The bank")
    click(qtbot, entry.save_button)
    assert entry.confirmation.isVisible(), entry.errors_summary.text()
    click(qtbot, entry.cancel_button)
    assert stack.current is page

    assert payees(page) == ["A friend", "St Mark's hall", "Corner shop", "The bank"]
    # What was ticked before stays ticked.
    assert page.model.ticked_ids() == {bank_lines["gift"], bank_lines["hall"]}
    qtbot.mouseClick(page.table.viewport(), LEFT, pos=cell_centre(page, 3, LinesModel.WHAT))
    assert page.difference_label.text() == (
        "The ticked lines agree with the statement: the difference is £0."
    )


def test_five_hundred_lines_are_one_list_not_five_hundred_widgets(
    themed_app, qtbot, db, treasurer, books_ids, qtmodeltester
):
    """A long list is a table model: ticking the last line with Ctrl+End and Space works, and
    the page holds no widget per line."""
    funds, accounts, categories = books_ids
    bank = accounts["Bank current account"].account_id

    def many(session, actor):
        for n in range(500):
            books.record_entry(
                session,
                actor,
                EntryInput(
                    on=date(2026, 4, 1) + timedelta(days=n % 200),
                    kind="receipt",
                    amount_pence=100 + n,
                    account_id=bank,
                    splits=(SplitInput(categories["Donations"], funds["General fund"], 100 + n),),
                    payee=f"Giver {n}",
                ),
            )

    db.run(many, treasurer)
    _ctx, _stack, page = open_reconcile(qtbot, db, treasurer)
    type_statement(qtbot, page, STATEMENT_DAY, "1.00")
    click(qtbot, page.start_button)
    assert page.model.rowCount() == 500
    qtmodeltester.check(page.model)
    assert len(page.findChildren(QCheckBox)) < 5
    assert len(page.findChildren(QWidget)) < 120

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    last = page.model.row_at(499)
    assert page.model.ticked_ids() == {last.entry_id}
    # £1.00 on the statement, less the one line ticked.
    difference = 100 - last.amount_pence
    assert page.difference_label.text() == (
        f"The ticked lines show £{-difference / 100:,.2f} more than the statement."
    )


def test_the_committee_cannot_reconcile(themed_app, qtbot, db, actors, books_ids, bank_lines):
    """Only the treasurer and the coordinator keep the books: others are told so."""
    _ctx, _stack, page = open_reconcile(qtbot, db, actors["committee"])
    assert page.statement_problem.text() == (
        "Only the treasurer or the coordinator can reconcile the books."
    )
    assert not page.start_button.isVisible()
    assert not page.account_row.isVisible()


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_page_passes_the_accessibility_checks_at_each_text_size(
    themed_app, qtbot, db, treasurer, books_ids, bank_lines, scale
):
    """Big targets, names, no clipped words, in both stages, at 100 % and 200 % text."""
    theme.apply_theme(themed_app, scale)
    _ctx, stack, page = open_reconcile(qtbot, db, treasurer)
    settle(qtbot)
    assert audit(stack, scale) == []
    type_statement(qtbot, page, STATEMENT_DAY, "210.00")
    click(qtbot, page.start_button)
    qtbot.mouseClick(page.table.viewport(), LEFT, pos=cell_centre(page, 0, LinesModel.DATE))
    settle(qtbot)
    assert audit(stack, scale) == []
    # A line's tick box is a target a finger can hit.
    box = page.table.check_rect(0)
    least = theme.scaled_px(32, scale)
    assert box.width() >= least and box.height() >= least
    assert page.table.rowHeight(0) >= theme.scaled_px(44, scale)


def fully_in_view(widget: QWidget) -> bool:
    """Shown whole: not cut off by any scroll area it sits in."""
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_difference_and_finish_stay_in_view_while_the_list_scrolls(
    themed_app, qtbot, db, treasurer, books_ids, bank_lines, scale
):
    """At 1280×720, at 100 % and at 200 % text, the page fits the window (it does not
    scroll as a whole): the list scrolls, and the difference and Finish stay in view, so
    each tick's effect is seen as it is made."""
    for n in range(20):  # more lines than the window shows
        enter(db, treasurer, books_ids, date(2026, 10, 6), "receipt", 100 + n, "Donations", "")
    theme.apply_theme(themed_app, scale)
    _ctx, stack, page = open_reconcile(qtbot, db, treasurer)
    type_statement(qtbot, page, STATEMENT_DAY, "210.00")
    click(qtbot, page.start_button)
    settle(qtbot)
    frame = stack.currentWidget()  # the page's scroll area in the window
    assert frame.verticalScrollBar().maximum() == 0, "the whole page scrolls"
    assert fully_in_view(page.difference_frame) and fully_in_view(page.finish_button)
    # Ticking starts with the list in view, at its first line.
    assert page.table.viewport().visibleRegion().contains(page.table.check_rect(0).center())
    first_words = page.difference_words()

    # Scrolled to the last line, a line ticked: the difference follows, in view.
    page.table.scrollToBottom()
    settle(qtbot)
    last = page.model.rowCount() - 1
    qtbot.mouseClick(page.table.viewport(), LEFT, pos=page.table.check_rect(last).center())
    assert page.model.is_ticked(page.model.row_at(last).entry_id)
    assert page.difference_words() != first_words
    assert fully_in_view(page.difference_frame) and fully_in_view(page.finish_button)
    # The words above the list scroll into view too, with the band still in place.
    page.lines_area.verticalScrollBar().setValue(0)
    settle(qtbot)
    assert page.summary_label.visibleRegion().boundingRect().height() > 0
    assert fully_in_view(page.difference_frame) and fully_in_view(page.finish_button)
    assert audit(stack, scale) == []

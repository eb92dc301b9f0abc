"""The Accounts room and the treasurer's day-to-day pages, through their real widgets:
money in by keyboard, money out by clicks, a split venue bill, moving money between
accounts and between funds, a refused save that keeps what was typed, the cash book's
running balance, sorting an imported line, setting up a fund, and who sees what."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clubapp.services import books, years
from clubapp.services.books import EntryInput, FundInput, SplitInput
from clubapp.ui.pages import accounts_entry
from clubapp.ui.pages.accounts import AccountsPage
from clubapp.ui.pages.accounts_cashbook import CashBookModel, CashBookPage
from clubapp.ui.pages.accounts_entry import EntryPage, MoveMoneyPage
from clubapp.ui.pages.accounts_setup import (
    AccountsModel,
    CategoriesModel,
    FundFormPage,
    FundsModel,
    SetUpBooksPage,
)
from clubapp.ui.pages.accounts_sort import NOTHING, ToSortModel, ToSortPage
from tests.conftest import TODAY
from tests.gui.committee_helpers import answer_next_question, choose_in_list, click, open_stack

POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)
RETURN = Qt.Key.Key_Return


@pytest.fixture(autouse=True)
def forget_the_last_account():
    """Each test starts with no money account remembered."""
    accounts_entry._LAST_ACCOUNT.clear()
    yield
    accounts_entry._LAST_ACCOUNT.clear()


@pytest.fixture
def treasurer(actors):
    return actors["treasurer"]


@pytest.fixture
def ids(db, treasurer) -> dict[str, int]:
    """The seeded funds, accounts and categories by name, and a restricted Lottery grant."""
    found = {f.name: f.fund_id for f in db.run(books.list_funds, treasurer)}
    found["Lottery grant"] = db.run(
        books.save_fund, treasurer, None, FundInput("Lottery grant", "restricted", "Weekly club")
    )
    found |= {a.name: a.account_id for a in db.run(books.list_accounts, treasurer)}
    found |= {c.name: c.category_id for c in db.run(books.list_categories, treasurer)}
    return found


def record(
    db,
    actor,
    ids,
    on,
    kind,
    pence,
    category,
    fund="General fund",
    account="Bank current account",
    **more,
) -> int:
    return db.run(
        books.record_entry,
        actor,
        EntryInput(
            on,
            kind,
            pence,
            ids[account],
            (SplitInput(ids[category], ids[fund], pence),),
            **more,
        ),
    )


def bank_lines(db, actor, ids, account="Bank current account"):
    year = db.run(years.year_of, TODAY)
    return db.run(books.cash_book, actor, ids[account], year.starts, year.ends).lines


def focused():
    return QApplication.focusWidget()


def wait_active(qtbot, window) -> None:
    """The offscreen window takes the keyboard a moment after it shows."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


# ---------------------------------------------------------------- money in and out


def test_money_in_typed_with_the_enter_key_is_saved_and_a_fresh_form_follows(
    themed_app, qtbot, db, treasurer, ids
):
    _ctx, stack, page = open_stack(qtbot, db, treasurer, lambda c: EntryPage(c, "receipt"))
    wait_active(qtbot, stack)
    assert page.in_button.isChecked()
    assert page.on.value() == TODAY
    assert page.form.field("on").help_label.text() == "Wednesday 18 November 2026"
    qtbot.waitUntil(lambda: focused() is page.amount)
    qtbot.keyClicks(page.amount, "25.50")
    qtbot.keyClick(page.amount, RETURN)
    assert focused() is page.account
    qtbot.keyClick(page.account, RETURN)
    assert focused() is page.category
    qtbot.keyClicks(page.category, "Do")  # the list jumps to the first that starts so
    assert page.category.currentText() == "Donations"
    qtbot.keyClick(page.category, RETURN)
    assert focused() is page.fund
    qtbot.keyClicks(page.fund, "Ge")
    assert page.fund.currentText() == "General fund"
    qtbot.keyClick(page.fund, RETURN)
    assert focused() is page.payee
    qtbot.keyClicks(page.payee, "Ann Able")
    qtbot.keyClick(page.payee, RETURN)
    qtbot.keyClicks(page.reference, "R12")
    qtbot.keyClick(page.reference, RETURN)
    assert focused() is page.description
    qtbot.keyClicks(page.description, "Raffle at the summer fair")
    qtbot.keyClick(page.description, RETURN)  # Enter in the last box saves

    [line] = bank_lines(db, treasurer, ids)
    assert (line.signed_pence, line.what, line.fund, line.payee, line.reference) == (
        2550,
        "Donations",
        "General fund",
        "Ann Able",
        "R12",
    )
    assert page.confirmation.isVisible()
    assert page.confirmation.text() == (
        "Saved: £25.50 money in from Ann Able on Wednesday 18 November 2026, Donations, "
        "General fund. The form is ready for the next one."
    )
    # Ready for the next one, on the same day and account; nothing left over.
    assert stack.current is page
    assert (page.amount.text(), page.payee.text(), page.description.text()) == ("", "", "")
    assert page.on.value() == TODAY
    assert page.account.currentText() == "Bank current account"
    # The category and fund are chosen afresh: the last ones are not a guess at the next.
    assert (page.category.value(), page.fund.value()) == (None, None)
    assert page.category.currentText() == "Choose a category…"
    assert page.fund.currentText() == "Choose a fund…"
    assert focused() is page.amount
    assert not page.has_unsaved_changes()


@POPUP_WARNINGS
def test_money_out_by_clicks_from_the_cash_box_and_the_account_is_remembered(
    themed_app, qtbot, db, treasurer, ids
):
    ctx, stack, page = open_stack(qtbot, db, treasurer, lambda c: EntryPage(c, "receipt"))
    click(qtbot, page.out_button)
    assert page.payee_row.label_text() == "Who it was paid to"
    offered = [page.category.itemText(i) for i in range(page.category.count())]
    assert "Venue hire" in offered and "Donations" not in offered
    qtbot.keyClicks(page.amount, "4.80")
    choose_in_list(qtbot, page.account, "Cash box")
    choose_in_list(qtbot, page.category, "Refreshments")
    choose_in_list(qtbot, page.fund, "General fund")
    qtbot.keyClicks(page.payee, "Corner shop")
    click(qtbot, page.save_button)

    [line] = bank_lines(db, treasurer, ids, "Cash box")
    assert (line.kind, line.signed_pence, line.what) == ("payment", -480, "Refreshments")
    # The next money in or out, even on a new page, starts with the cash box.
    stack.back()
    again = EntryPage(ctx, "payment")
    stack.push(again)
    assert again.account.currentText() == "Cash box"


@POPUP_WARNINGS
def test_a_venue_bill_divided_between_the_general_fund_and_a_grant(
    themed_app, qtbot, db, treasurer, ids
):
    _ctx, _stack, page = open_stack(qtbot, db, treasurer, lambda c: EntryPage(c, "payment"))
    qtbot.keyClicks(page.amount, "120")
    choose_in_list(qtbot, page.category, "Venue hire")
    choose_in_list(qtbot, page.fund, "General fund")
    click(qtbot, page.divide_button)
    assert not page.category_row.isVisible() and page.splits_row.isVisible()
    first, second = page.splits.lines
    # The first part keeps what was chosen; the second starts with nothing chosen.
    assert (first.category.currentText(), first.fund.currentText()) == (
        "Venue hire",
        "General fund",
    )
    assert (second.category.value(), second.fund.value()) == (None, None)
    assert page.splits.left_label.text() == "£120.00 still to share out."
    qtbot.keyClicks(first.amount, "50")
    assert page.splits.left_label.text() == "£70.00 still to share out."
    choose_in_list(qtbot, second.category, "Venue hire")
    choose_in_list(qtbot, second.fund, "Lottery grant")
    qtbot.keyClicks(second.amount, "60")
    assert page.splits.left_label.text() == "£10.00 still to share out."
    qtbot.keyClicks(page.payee, "St Mary's hall")

    # The parts do not add up: the service refuses, next to the parts, and keeps them.
    click(qtbot, page.save_button)
    assert page.form.field("splits").error_text() == (
        "The parts add up to £110.00, but the amount is £120.00: £10.00 still to share out."
    )
    assert bank_lines(db, treasurer, ids) == []
    assert (first.amount.text(), second.amount.text(), page.payee.text()) == (
        "50",
        "60",
        "St Mary's hall",
    )

    second.amount.clear()
    qtbot.keyClicks(second.amount, "70")
    assert page.splits.left_label.text() == "The parts add up to the whole amount."
    assert not page.form.field("splits").has_error()
    click(qtbot, page.save_button)
    [line] = bank_lines(db, treasurer, ids)
    assert (line.signed_pence, line.what, line.fund) == (-12000, "Venue hire", "2 funds")
    funds = db.run(books.fund_balances, TODAY)
    assert funds[ids["General fund"]] == -5000
    assert funds[ids["Lottery grant"]] == -7000
    assert "divided in 2 parts" in page.confirmation.text()
    assert not page.splits_row.isVisible() and page.category_row.isVisible()


@POPUP_WARNINGS
def test_a_third_part_can_be_added_and_taken_off(themed_app, qtbot, db, treasurer, ids):
    _ctx, _stack, page = open_stack(qtbot, db, treasurer, lambda c: EntryPage(c, "payment"))
    qtbot.keyClicks(page.amount, "30")
    click(qtbot, page.divide_button)
    assert not page.splits.lines[0].remove_button.isVisible()  # two parts at least
    click(qtbot, page.splits.add_button)
    assert [line.heading.text() for line in page.splits.lines] == ["Part 1", "Part 2", "Part 3"]
    click(qtbot, page.splits.lines[1].remove_button)
    qtbot.waitUntil(lambda: len(page.splits.lines) == 2)
    assert [line.heading.text() for line in page.splits.lines] == ["Part 1", "Part 2"]
    assert page.splits.lines[1].amount.accessibleName() == "Part 2: amount"
    click(qtbot, page.splits.single_button)
    assert page.category_row.isVisible() and not page.dividing


# ---------------------------------------------------------------- moving money


@POPUP_WARNINGS
def test_moving_money_between_accounts_and_between_funds(themed_app, qtbot, db, treasurer, ids):
    _ctx, stack, page = open_stack(qtbot, db, treasurer, MoveMoneyPage)
    wait_active(qtbot, stack)
    assert page.from_account.currentText() == "Bank current account"
    assert page.to_account.currentText() == "Choose an account…"  # not a guess
    assert not page.from_fund_row.isVisible()
    choose_in_list(qtbot, page.to_account, "Cash box")
    qtbot.keyClicks(page.amount, "100")
    qtbot.keyClicks(page.description, "Float for the cash box")
    click(qtbot, page.save_button)
    accounts = db.run(books.account_balances, TODAY)
    assert accounts[ids["Bank current account"]] == -10000
    assert accounts[ids["Cash box"]] == 10000
    assert page.confirmation.text() == (
        "Saved: £100.00 moved from Bank current account to Cash box on Wednesday 18 "
        "November 2026. The form is ready for the next one."
    )

    click(qtbot, page.funds_button)
    assert page.from_fund_row.isVisible() and not page.from_account_row.isVisible()
    assert page.from_fund.currentText() == page.to_fund.currentText() == "Choose a fund…"
    qtbot.keyClicks(page.amount, "250")
    qtbot.keyClick(page.amount, RETURN)
    assert focused() is page.from_fund  # Enter skips the hidden account boxes
    click(qtbot, page.save_button)
    assert page.form.field("from_fund").error_text() == "Choose the fund the money comes from."
    assert page.form.field("to_fund").error_text() == "Choose the fund the money goes to."
    assert page.amount.text() == "250"
    choose_in_list(qtbot, page.from_fund, "General fund")
    choose_in_list(qtbot, page.to_fund, "Lottery grant")
    click(qtbot, page.save_button)
    funds = db.run(books.fund_balances, TODAY)
    assert funds[ids["General fund"]] == -25000
    assert funds[ids["Lottery grant"]] == 25000
    # Moving between funds moves no money out of any account.
    assert db.run(books.account_balances, TODAY) == accounts


@POPUP_WARNINGS
def test_moving_money_to_the_same_fund_is_refused_next_to_the_field(
    themed_app, qtbot, db, treasurer, ids
):
    _ctx, _stack, page = open_stack(qtbot, db, treasurer, MoveMoneyPage)
    click(qtbot, page.funds_button)
    choose_in_list(qtbot, page.from_fund, "General fund")
    choose_in_list(qtbot, page.to_fund, "General fund")
    qtbot.keyClicks(page.amount, "5")
    click(qtbot, page.save_button)
    assert (
        page.form.field("to_fund").error_text() == "Choose a different fund to move the money to."
    )
    assert page.amount.text() == "5"


# ---------------------------------------------------------------- refusals


def test_a_save_in_a_closed_year_is_refused_by_the_date_and_keeps_what_was_typed(
    themed_app, qtbot, db, treasurer, ids
):
    year = db.run(years.year_named, 2024)
    db.run(years.close_year, treasurer, year, TODAY)
    _ctx, stack, page = open_stack(qtbot, db, treasurer, lambda c: EntryPage(c, "receipt"))
    wait_active(qtbot, stack)
    page.on.setFocus()
    page.on.setSelectedSection(page.on.Section.DaySection)
    qtbot.keyClicks(page.on, "15062024")
    assert page.on.value() == date(2024, 6, 15)
    assert page.form.field("on").help_label.text() == "Saturday 15 June 2024"
    qtbot.keyClicks(page.amount, "10")
    qtbot.keyClicks(page.payee, "A late cheque")
    click(qtbot, page.save_button)
    assert "is closed, so it cannot change" in page.form.field("on").error_text()
    assert page.errors_summary.isVisible()
    assert (page.amount.text(), page.payee.text(), page.on.value()) == (
        "10",
        "A late cheque",
        date(2024, 6, 15),
    )
    assert db.run(books.count_to_sort, treasurer) == 0
    assert bank_lines(db, treasurer, ids) == []


def test_an_amount_that_is_not_money_is_refused_next_to_the_amount(
    themed_app, qtbot, db, treasurer, ids
):
    _ctx, _stack, page = open_stack(qtbot, db, treasurer, lambda c: EntryPage(c, "receipt"))
    qtbot.keyClicks(page.amount, "12.345")
    click(qtbot, page.save_button)
    assert "more than two figures after the point" in page.form.field("amount").error_text()
    assert page.amount.text() == "12.345"


# ---------------------------------------------------------------- the cash book


def test_the_cash_book_shows_the_running_balance_and_a_line_opens_to_change(
    themed_app, qtbot, db, treasurer, ids
):
    first = record(
        db, treasurer, ids, date(2026, 5, 1), "receipt", 10000, "Grants", payee="A trust"
    )
    record(db, treasurer, ids, date(2026, 6, 1), "payment", 3000, "Venue hire", payee="St Mary's")
    record(db, treasurer, ids, date(2026, 7, 1), "receipt", 500, "Donations")
    record(db, treasurer, ids, date(2025, 7, 1), "receipt", 2000, "Donations")  # last year
    _ctx, stack, page = open_stack(qtbot, db, treasurer, CashBookPage)
    model = page.model
    assert [model.index(r, CashBookModel.BALANCE).data() for r in range(3)] == [
        "120.00",  # £20 from last year, then £100 in
        "90.00",
        "95.00",
    ]
    assert model.index(1, CashBookModel.OUT).data() == "30.00"
    assert model.index(1, CashBookModel.IN).data() == ""
    assert model.index(0, CashBookModel.DATE).data() == "1 May 2026"
    assert page.year_label.text() == "2026-27: 1 April 2026 to 31 March 2027"
    assert page.opening_label.text() == (
        "At the start of Wednesday 1 April 2026, the Bank current account held £20.00."
    )
    assert page.closing_label.text() == (
        "After the last line so far, the Bank current account holds £95.00."
    )
    assert not page.after_button.isEnabled()
    click(qtbot, page.before_button)
    assert page.year_label.text().startswith("2025-26")
    assert model.rowCount() == 1
    assert page.closing_label.text() == (
        "At the end of the year, on Tuesday 31 March 2026, the Bank current account held £20.00."
    )
    click(qtbot, page.after_button)

    # Open the first line, change its amount; the balances follow.
    page.table.selectRow(0)
    click(qtbot, page.open_button)
    editor = stack.current
    assert isinstance(editor, EntryPage) and editor.entry_id == first
    assert editor.amount.text() == "100.00"
    assert editor.delete_button.isVisible()
    editor.amount.clear()
    qtbot.keyClicks(editor.amount, "110")
    click(qtbot, editor.save_button)
    assert stack.current is page
    assert model.index(0, CashBookModel.BALANCE).data() == "130.00"
    assert page.selected_entry_id() == first

    # And delete it, after saying yes.
    click(qtbot, page.open_button)
    editor = stack.current
    asked = answer_next_question(confirm=True)
    click(qtbot, editor.delete_button)
    assert asked == [
        "Delete £110.00 money in from A trust on Friday 1 May 2026, Grants, General fund? "
        "This cannot be undone."
    ]
    assert stack.current is page
    assert model.rowCount() == 2
    assert model.index(1, CashBookModel.BALANCE).data() == "-5.00"


def test_an_entry_in_a_closed_year_opens_to_look_at_only(themed_app, qtbot, db, treasurer, ids):
    # In the cash box: closing a year needs every bank line ticked, a cash box's not.
    cash = record(
        db, treasurer, ids, date(2024, 5, 1), "receipt", 700, "Donations", account="Cash box"
    )
    db.run(years.close_year, treasurer, db.run(years.year_named, 2024), TODAY)
    _ctx, _stack, page = open_stack(qtbot, db, treasurer, lambda c: EntryPage(c, entry_id=cash))
    assert "closed" in page.about.text()
    # The heading says so too, rather than offering to change it.
    assert page.heading() == "Closed year: cannot change"
    assert not page.amount.isEnabled() and not page.category.isEnabled()
    assert not page.save_button.isVisible() and not page.delete_button.isVisible()


# ---------------------------------------------------------------- sorting


@POPUP_WARNINGS
def test_a_line_to_sort_gets_its_category_and_fund_and_leaves_the_list(
    themed_app, qtbot, db, treasurer, ids
):
    imported = db.run(
        books.record_entry,
        treasurer,
        EntryInput(
            date(2026, 11, 2),
            "receipt",
            4200,
            ids["Bank current account"],
            description="GIRO CREDIT J SMITH",
        ),
        import_key="2026-11-02|42.00|GIRO",
    )
    ctx, stack, room = open_stack(qtbot, db, treasurer, AccountsPage)
    assert room.to_sort_label.text() == "1 bank line is waiting for a category and a fund."
    click(qtbot, room.sort_now_button)
    page = stack.current
    assert isinstance(page, ToSortPage)
    assert page.count_label.text() == "1 bank line is waiting for a category and a fund."
    assert page.model.index(0, ToSortModel.WORDS).data() == "GIRO CREDIT J SMITH"
    assert page.model.index(0, ToSortModel.IN).data() == "£42.00"
    click(qtbot, page.sort_button)
    editor = stack.current
    assert isinstance(editor, EntryPage) and editor.sorting
    assert editor.heading() == "Sort a bank line"
    assert not editor.amount.isEnabled() and not editor.on.isEnabled()
    assert not editor.account.isEnabled() and not editor.out_button.isEnabled()
    assert editor.about.text().startswith(
        "This line came from the bank statement: £42.00 in to the Bank current account on "
        "Monday 2 November 2026."
    )
    choose_in_list(qtbot, editor.category, "Donations")
    choose_in_list(qtbot, editor.fund, "Lottery grant")
    click(qtbot, editor.save_button)
    assert stack.current is page
    assert page.empty_label.isVisible() and page.empty_label.text() == NOTHING
    view = db.run(books.get_entry, treasurer, imported)
    assert not view.to_sort
    assert [(s.category_id, s.fund_id, s.amount_pence) for s in view.data.splits] == [
        (ids["Donations"], ids["Lottery grant"], 4200)
    ]
    stack.back()
    assert room.to_sort_label.text() == "No bank lines are waiting to be sorted."
    assert not room.sort_now_button.isVisible()


# ---------------------------------------------------------------- the room


def test_the_room_shows_each_balance_in_words_and_opens_the_jobs(
    themed_app, qtbot, db, treasurer, ids
):
    record(db, treasurer, ids, date(2026, 5, 1), "receipt", 123450, "Grants", "Lottery grant")
    record(db, treasurer, ids, date(2026, 5, 2), "payment", 1200, "Insurance")
    _ctx, stack, room = open_stack(qtbot, db, treasurer, AccountsPage)
    assert room.balances_shown() == (
        ["Bank current account: £1,222.50", "Cash box: £0.00"],
        ["General fund: overspent by £12.00", "Lottery grant: £1,234.50"],
    )
    assert room.today_label.text() == "Today, Wednesday 18 November 2026"
    assert not room.sort_now_button.isVisible()
    for button, kind in (
        (room.money_in_button, EntryPage),
        (room.money_out_button, EntryPage),
        (room.move_button, MoveMoneyPage),
        (room.cash_book_button, CashBookPage),
        (room.sort_button, ToSortPage),
        (room.setup_button, SetUpBooksPage),
    ):
        click(qtbot, button)
        assert isinstance(stack.current, kind), button.text()
        stack.back()
        assert stack.current is room
    click(qtbot, room.money_out_button)
    assert stack.current.out_button.isChecked()


def test_the_committee_sees_only_the_printed_accounts(themed_app, qtbot, db, actors, ids):
    _ctx, _stack, room = open_stack(qtbot, db, actors["committee"], AccountsPage)
    assert room.printed_button.isVisible()
    assert room.read_only_note.text().startswith("The treasurer keeps the club's books.")
    visible = [b.text() for b in room.findChildren(type(room.printed_button)) if b.isVisible()]
    assert visible == ["Printed accounts"]
    assert not hasattr(room, "money_in_button")


def test_who_has_an_accounts_room(window, qtbot):
    from tests.gui.test_accessibility import sign_in

    for role, has_room in (
        ("treasurer", True),
        ("coordinator", True),
        ("committee", True),
        ("volunteer", False),
    ):
        sign_in(window, qtbot, role)
        assert ("Accounts" in window.shell.nav) is has_room, role
        window.sign_out()


# ---------------------------------------------------------------- set-up


@POPUP_WARNINGS
def test_setting_up_a_new_restricted_fund(themed_app, qtbot, db, treasurer, ids):
    _ctx, stack, page = open_stack(qtbot, db, treasurer, SetUpBooksPage)
    names = [page.funds.model.index(r, 0).data() for r in range(page.funds.model.rowCount())]
    assert names == ["General fund", "Lottery grant"]
    click(qtbot, page.funds.add_button)
    form = stack.current
    assert isinstance(form, FundFormPage)
    assert form.kind.value() == "restricted"
    qtbot.keyClicks(form.name, "Lottery grant")
    qtbot.keyClicks(form.opening, "1,000.005")
    click(qtbot, form.save_button)
    # The amount is read first, by the form; then the service checks the name.
    assert form.form.field("opening_pence").error_text() == (
        "'1,000.005' is not an amount of money. Write it in pounds and pence, like 12.50 "
        "or £1,234.50."
    )
    form.opening.clear()
    qtbot.keyClicks(form.opening, "1,000.50")
    click(qtbot, form.save_button)
    assert form.form.field("name").error_text() == "There is already a fund called Lottery grant."
    assert form.opening.text() == "1,000.50"

    form.name.clear()
    qtbot.keyClicks(form.name, "Council transport grant")
    qtbot.keyClicks(form.purpose, "Taxis to and from the club")
    click(qtbot, form.save_button)
    assert stack.current is page
    assert page.notice_label.text() == "Saved the new fund."
    fund = next(
        f for f in db.run(books.list_funds, treasurer) if f.name == "Council transport grant"
    )
    assert (fund.kind, fund.purpose, fund.opening_pence, fund.retired) == (
        "restricted",
        "Taxis to and from the club",
        100050,
        False,
    )
    assert page.funds.selected().fund_id == fund.fund_id
    # Retire it: refused while it holds money; at £0 it stays in the list, and new
    # entries no longer offer it.
    click(qtbot, page.funds.change_button)
    form = stack.current
    click(qtbot, form.retired)
    click(qtbot, form.save_button)
    assert stack.current is form
    assert form.form.field("retired").error_text() == (
        "This fund still holds £1,000.50. Move the money to another fund first, "
        "then it can stop being used."
    )
    form.opening.clear()
    click(qtbot, form.save_button)
    row = page.funds.model.row_of(fund.fund_id)
    assert page.funds.model.index(row, 4).data() == "No longer used"
    entry = EntryPage(form.ctx, "receipt")
    offered = [entry.fund.itemText(i) for i in range(entry.fund.count())]
    assert "Council transport grant" not in offered
    entry.deleteLater()


@POPUP_WARNINGS
def test_the_month_the_year_starts_is_chosen_and_refused_once_a_year_is_closed(
    themed_app, qtbot, db, treasurer, ids
):
    _ctx, _stack, page = open_stack(qtbot, db, treasurer, SetUpBooksPage)
    click(qtbot, page.year_button)
    assert page.month.currentText() == "April"
    choose_in_list(qtbot, page.month, "January")
    click(qtbot, page.save_month_button)
    assert db.run(years.start_month) == 1
    assert page.notice_label.text() == "Saved. The financial year now starts on 1 January."
    assert page.year_label.text() == (
        "This financial year, 2026, runs from 1 January 2026 to 31 December 2026."
    )
    db.run(years.close_year, treasurer, db.run(years.year_named, 2024), TODAY)
    choose_in_list(qtbot, page.month, "April")
    click(qtbot, page.save_month_button)
    assert page.month_row.error_text() == (
        "A year has been closed, so the month the year starts cannot change now."
    )
    assert db.run(years.start_month) == 1


@POPUP_WARNINGS
def test_a_category_goes_on_a_printed_line_and_keeps_its_side(
    themed_app, qtbot, db, treasurer, ids
):
    _ctx, stack, page = open_stack(qtbot, db, treasurer, SetUpBooksPage)
    click(qtbot, page.categories_button)
    click(qtbot, page.categories.add_button)
    form = stack.current
    qtbot.keyClicks(form.name, "Raffle")
    click(qtbot, form.section.buttons["receipts"])
    qtbot.keyClicks(form.line, "Fundraising")
    click(qtbot, form.save_button)
    raffle = next(c for c in db.run(books.list_categories, treasurer) if c.name == "Raffle")
    assert (raffle.section, raffle.line) == ("receipts", "Fundraising")
    page.categories.select(raffle.category_id)
    click(qtbot, page.categories.change_button)
    form = stack.current
    assert not form.section.buttons["payments"].isEnabled()
    assert form.line.text() == "Fundraising"


# ---------------------------------------------------------------- the models


def test_the_accounts_table_models_pass_qt_model_tester(qtmodeltester, db, treasurer, ids):
    record(db, treasurer, ids, date(2026, 5, 1), "receipt", 100, "Grants")
    book = db.run(
        books.cash_book,
        treasurer,
        ids["Bank current account"],
        TODAY.replace(month=4, day=1),
        TODAY,
    )
    cash = CashBookModel()
    cash.set_rows(book.lines)
    qtmodeltester.check(cash)
    qtmodeltester.check(CashBookModel())
    to_sort = ToSortModel()
    qtmodeltester.check(to_sort)
    for model, rows in (
        (FundsModel(), db.run(books.list_funds, treasurer)),
        (AccountsModel(), db.run(books.list_accounts, treasurer)),
        (CategoriesModel(), db.run(books.list_categories, treasurer)),
    ):
        model.set_rows(rows)
        qtmodeltester.check(model)


@POPUP_WARNINGS
def test_a_ticked_line_keeps_its_date_amount_and_account_but_takes_a_new_fund(
    themed_app, qtbot, db, treasurer, ids
):
    from clubapp.services import reconcile

    entry = record(db, treasurer, ids, date(2026, 10, 5), "payment", 4500, "Insurance")
    bank = ids["Bank current account"]
    statement = db.run(reconcile.start, treasurer, bank, date(2026, 10, 31), -4500)
    db.run(reconcile.tick, treasurer, statement, entry, True)
    _ctx, stack, page = open_stack(qtbot, db, treasurer, CashBookPage)
    assert page.model.index(0, CashBookModel.MARKS).data() == "Ticked"
    page.table.selectRow(0)
    click(qtbot, page.open_button)
    editor = stack.current
    assert editor.about.text().startswith("This line has been ticked against a bank statement")
    assert not editor.amount.isEnabled() and not editor.on.isEnabled()
    assert not editor.delete_button.isVisible()
    choose_in_list(qtbot, editor.fund, "Lottery grant")
    click(qtbot, editor.save_button)
    assert stack.current is page
    assert page.model.index(0, CashBookModel.FUND).data() == "Lottery grant"

"""The entry forms as a treasurer found them: nothing chosen for them (a category picked
by default filed stamps as pay), long words refused beside the box rather than cut
short unseen, a bank line's words in view while it is sorted, a plain question before
deleting one, no "unsaved changes" when nothing was typed, amounts that say which way
refused, and fields beside each other that stay lined up, with long fund names whole."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionComboBox, QWidget

from clubapp.services import books
from clubapp.services.books import EntryInput, FundInput
from clubapp.ui import theme
from clubapp.ui.pages import accounts_entry, form_page
from clubapp.ui.pages.accounts_entry import EntryPage, MoveMoneyPage, NameCombo
from clubapp.ui.pages.accounts_sort import ToSortPage
from clubapp.ui.pages.base import Page
from tests.conftest import TODAY
from tests.gui.committee_helpers import (
    answer_next_question,
    choose_in_list,
    click,
    open_stack,
    settle,
)

POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)
LONG_FUND = "National Lottery Awards for All — weekly club"


@pytest.fixture(autouse=True)
def forget_the_last_account():
    accounts_entry._LAST_ACCOUNT.clear()
    yield
    accounts_entry._LAST_ACCOUNT.clear()


@pytest.fixture
def treasurer(actors):
    return actors["treasurer"]


@pytest.fixture
def ids(db, treasurer) -> dict[str, int]:
    """The seeded funds, accounts and categories by name, and a grant's fund with a long
    name, as the demo club's Lottery grant has."""
    found = {f.name: f.fund_id for f in db.run(books.list_funds, treasurer)}
    found[LONG_FUND] = db.run(
        books.save_fund, treasurer, None, FundInput(LONG_FUND, "restricted", "Weekly club")
    )
    found |= {a.name: a.account_id for a in db.run(books.list_accounts, treasurer)}
    found |= {c.name: c.category_id for c in db.run(books.list_categories, treasurer)}
    return found


@pytest.fixture
def stamps(db, treasurer, ids) -> int:
    """A card payment imported from the bank, waiting to be sorted."""
    return db.run(
        books.record_entry,
        treasurer,
        EntryInput(
            date(2026, 11, 17),
            "payment",
            12_35,
            ids["Bank current account"],
            payee="Mill Street Stores",
            description="CARD PAYMENT MILL STREET STORES",
        ),
        import_key="2026-11-17|12.35|MILL",
    )


class Hub(Page):
    """Stands in for the Accounts room: the page below the one tested."""

    title = "Accounts"


def entries(db, treasurer, ids) -> list[tuple[str, int, str]]:
    book = db.run(books.cash_book, treasurer, ids["Bank current account"], TODAY, TODAY)
    return [(line.kind, line.amount_pence, line.what) for line in book.lines]


def paste(qtbot, box, text: str) -> None:
    """Put ``text`` on the clipboard and paste it into ``box`` with Ctrl+V."""
    QApplication.clipboard().setText(text)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def top_in(widget: QWidget, page: QWidget) -> int:
    return widget.mapTo(page, QPoint(0, 0)).y()


# ---------------------------------------------------------------- nothing chosen by default


@POPUP_WARNINGS
def test_a_bank_line_to_sort_is_filed_only_under_what_the_treasurer_chooses(
    themed_app, qtbot, db, treasurer, ids, stamps
):
    """Sort this line: no category or fund is chosen; Save without them is refused beside
    each, keeping what was typed; the bank's words are in the sentence at the top."""
    _ctx, stack, to_sort = open_stack(qtbot, db, treasurer, ToSortPage)
    click(qtbot, to_sort.sort_button)
    editor = stack.current
    assert isinstance(editor, EntryPage) and editor.sorting
    assert (editor.category.value(), editor.fund.value()) == (None, None)
    assert editor.category.currentText() == "Choose a category…"
    assert editor.fund.currentText() == "Choose a fund…"
    assert editor.about.text() == (
        "This line came from the bank statement: £12.35 out of the Bank current account on "
        "Tuesday 17 November 2026. Paid to: Mill Street Stores. The bank's words: "
        "“CARD PAYMENT MILL STREET STORES”. Give it a category and a fund, or divide it "
        "between several."
    )
    qtbot.keyClicks(editor.reference, "Stamps for the newsletter")

    click(qtbot, editor.save_button)
    assert editor.form.field("category").error_text() == (
        "Choose a category: what kind of money is it?"
    )
    assert editor.form.field("fund").error_text() == "Choose a fund: whose money is it?"
    assert stack.current is editor
    assert editor.reference.text() == "Stamps for the newsletter"
    assert db.run(books.count_to_sort, treasurer) == 1

    choose_in_list(qtbot, editor.category, "Other payments")
    click(qtbot, editor.save_button)
    assert not editor.form.field("category").has_error()
    assert editor.form.field("fund").error_text() == "Choose a fund: whose money is it?"
    assert db.run(books.count_to_sort, treasurer) == 1

    choose_in_list(qtbot, editor.fund, "General fund")
    click(qtbot, editor.save_button)
    assert stack.current is to_sort
    view = db.run(books.get_entry, treasurer, stamps)
    assert [(s.category_id, s.fund_id) for s in view.data.splits] == [
        (ids["Other payments"], ids["General fund"])
    ]


@POPUP_WARNINGS
def test_new_parts_of_a_divided_amount_start_with_nothing_chosen(
    themed_app, qtbot, db, treasurer, ids
):
    _ctx, _stack, page = open_stack(qtbot, db, treasurer, lambda c: EntryPage(c, "payment"))
    assert (page.category.value(), page.fund.value()) == (None, None)
    qtbot.keyClicks(page.amount, "30")
    click(qtbot, page.divide_button)
    click(qtbot, page.splits.add_button)
    assert [(line.category.value(), line.fund.value()) for line in page.splits.lines] == [
        (None, None)
    ] * 3
    assert page.splits.lines[2].category.currentText() == "Choose a category…"


# ---------------------------------------------------------------- words refused, not cut


@POPUP_WARNINGS
def test_a_long_payee_is_kept_whole_and_refused_beside_the_box(
    themed_app, qtbot, db, treasurer, ids
):
    _ctx, _stack, page = open_stack(qtbot, db, treasurer, lambda c: EntryPage(c, "payment"))
    qtbot.keyClicks(page.amount, "4.80")
    choose_in_list(qtbot, page.category, "Refreshments")
    choose_in_list(qtbot, page.fund, "General fund")
    long_name = "Mill Street Stores " * 15 + "Ltd"  # 288 characters
    paste(qtbot, page.payee, long_name)
    assert page.payee.text() == long_name  # nothing cut off while pasting
    paste(qtbot, page.reference, "R" * 70)
    assert len(page.reference.text()) == 70
    click(qtbot, page.save_button)
    assert page.form.field("payee").error_text() == (
        f"The name of who it was from or to is {len(long_name)} characters long; the most "
        "it can be is 200. Shorten it and try again."
    )
    assert page.form.field("reference").error_text() == "Keep the reference under 60 characters."
    assert page.payee.text() == long_name
    assert entries(db, treasurer, ids) == []


# ---------------------------------------------------------------- deleting a bank line


def test_deleting_a_bank_line_names_it_in_plain_words(
    themed_app, qtbot, db, treasurer, ids, stamps
):
    _ctx, stack, page = open_stack(qtbot, db, treasurer, lambda c: EntryPage(c, entry_id=stamps))
    asked = answer_next_question(confirm=False)
    click(qtbot, page.delete_button)
    assert asked == [
        "Delete £12.35 money out to Mill Street Stores on Tuesday 17 November 2026, “CARD "
        "PAYMENT MILL STREET STORES”, not sorted yet? This cannot be undone."
    ]
    assert stack.current is page
    assert db.run(books.count_to_sort, treasurer) == 1


# ---------------------------------------------------------------- leaving


@POPUP_WARNINGS
def test_switching_the_kind_of_move_is_not_a_change_to_ask_about(
    themed_app, qtbot, db, treasurer, ids, monkeypatch
):
    asked: list[str] = []

    def record_question(_parent, _title, question, *_args, **_kwargs) -> bool:
        asked.append(question)
        return False  # stay

    monkeypatch.setattr(form_page, "ask_to_confirm", record_question)
    ctx, stack, hub = open_stack(qtbot, db, treasurer, Hub)
    move = MoveMoneyPage(ctx)
    stack.push(move)
    assert move.reference_row.label_text() == "Cheque number"
    click(qtbot, move.funds_button)
    # No cheque moves money between funds: the box is for a note.
    assert move.reference_row.label_text() == "Note or reference"
    assert move.reference.accessibleName() == "Note or reference"
    click(qtbot, move.cancel_button)
    assert asked == [] and stack.current is hub

    entry = EntryPage(ctx, "receipt")
    stack.push(entry)
    click(qtbot, entry.out_button)
    click(qtbot, entry.cancel_button)
    assert asked == [] and stack.current is hub

    # Something typed is still asked about.
    move = MoveMoneyPage(ctx)
    stack.push(move)
    click(qtbot, move.funds_button)
    qtbot.keyClicks(move.amount, "20")
    click(qtbot, move.cancel_button)
    assert asked == [form_page.UNSAVED_QUESTION] and stack.current is move


# ---------------------------------------------------------------- amounts


@POPUP_WARNINGS
@pytest.mark.parametrize("typed", ["12 CR", "12DR", "(12.00)"])
def test_an_amount_that_says_its_own_way_is_refused_beside_the_amount(
    themed_app, qtbot, db, treasurer, ids, typed
):
    _ctx, _stack, page = open_stack(qtbot, db, treasurer, lambda c: EntryPage(c, "payment"))
    qtbot.keyClicks(page.amount, typed)
    choose_in_list(qtbot, page.category, "Refreshments")
    choose_in_list(qtbot, page.fund, "General fund")
    click(qtbot, page.save_button)
    error = page.form.field("amount").error_text()
    assert "choose Money in or Money out" in error, error
    assert page.amount.text() == typed
    assert entries(db, treasurer, ids) == []


@POPUP_WARNINGS
def test_a_bad_amount_in_a_part_says_which_part(themed_app, qtbot, db, treasurer, ids):
    _ctx, _stack, page = open_stack(qtbot, db, treasurer, lambda c: EntryPage(c, "payment"))
    qtbot.keyClicks(page.amount, "120")
    choose_in_list(qtbot, page.category, "Venue hire")
    choose_in_list(qtbot, page.fund, "General fund")
    click(qtbot, page.divide_button)
    first, second = page.splits.lines
    qtbot.keyClicks(first.amount, "40")
    choose_in_list(qtbot, second.category, "Venue hire")
    qtbot.keyClicks(second.amount, "8O")  # a letter O for a nought
    click(qtbot, page.save_button)
    assert page.form.field("splits").error_text().split("\n") == [
        "Part 2: choose its fund (whose money it is).",
        "Part 2: '8O' is not an amount of money. Write it in pounds and pence, like 12.50 "
        "or £1,234.50.",
    ]
    assert second.amount.text() == "8O"
    assert entries(db, treasurer, ids) == []


# ---------------------------------------------------------------- layout


def test_a_message_under_a_field_leaves_its_neighbours_in_line(
    themed_app, qtbot, db, treasurer, ids
):
    _ctx, _stack, page = open_stack(qtbot, db, treasurer, lambda c: EntryPage(c, "payment"))
    settle(qtbot)
    date_row, amount_row = page.form.field("on"), page.form.field("amount")
    before = (top_in(date_row, page), top_in(amount_row, page), top_in(page.amount, page))
    qtbot.keyClicks(page.amount, "12.345")
    click(qtbot, page.save_button)
    settle(qtbot)
    assert amount_row.has_error()
    after = (top_in(date_row, page), top_in(amount_row, page), top_in(page.amount, page))
    assert after == before
    # The date box and the amount box side by side start at the same height.
    assert top_in(page.on, page) == top_in(page.amount, page)


@POPUP_WARNINGS
def test_moving_to_the_same_account_is_refused_with_the_from_box_still_in_line(
    themed_app, qtbot, db, treasurer, ids
):
    _ctx, _stack, page = open_stack(qtbot, db, treasurer, MoveMoneyPage)
    qtbot.keyClicks(page.amount, "10")
    choose_in_list(qtbot, page.to_account, "Bank current account")
    click(qtbot, page.save_button)
    settle(qtbot)
    assert page.to_account_row.error_text() == "Choose a different account to move the money to."
    assert top_in(page.from_account, page) == top_in(page.to_account, page)
    assert top_in(page.from_account_row, page) == top_in(page.to_account_row, page)


def shown_whole(combo: NameCombo) -> bool:
    """The chosen name fits the box's text area, as the style lays it out."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return combo.fontMetrics().horizontalAdvance(combo.currentText()) <= field.width()


@POPUP_WARNINGS
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_a_long_fund_name_shows_whole_without_sideways_scrolling(
    themed_app, qtbot, db, treasurer, ids, scale
):
    theme.apply_theme(themed_app, scale)
    ctx, stack, _hub = open_stack(qtbot, db, treasurer, Hub)
    page = EntryPage(ctx, "payment")
    stack.push(page)
    settle(qtbot)
    choose_in_list(qtbot, page.fund, LONG_FUND)
    qtbot.keyClicks(page.amount, "120")
    click(qtbot, page.divide_button)
    part = page.splits.lines[1]
    choose_in_list(qtbot, part.fund, LONG_FUND)
    move = MoveMoneyPage(ctx)
    stack.push(move)
    click(qtbot, move.funds_button)
    choose_in_list(qtbot, move.from_fund, LONG_FUND)
    settle(qtbot)
    for form_shown in (page, move):
        assert form_shown.form.horizontalScrollBar().maximum() == 0
    if scale == 1.0:
        # At 100 % text the boxes are as wide as the name (at 200 % the window is not).
        assert shown_whole(page.splits.lines[0].fund)
        assert shown_whole(part.fund)
        assert shown_whole(move.from_fund)
    answer_next_question(confirm=True)  # leave the move without saving it
    stack.back()
    assert stack.current is page
    click(qtbot, page.splits.single_button)
    settle(qtbot)
    assert page.fund.currentText() == LONG_FUND
    assert page.form.horizontalScrollBar().maximum() == 0
    if scale == 1.0:
        assert shown_whole(page.fund)

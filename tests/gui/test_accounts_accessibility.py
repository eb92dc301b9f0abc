"""DESIGN §2 on every screen of the treasurer's day-to-day books (the room, money in and
out with its parts, moving money, the cash book, lines to sort, set-up and its forms),
in the real main window at 1280×720, at text scale 100 % and 200 %: sizes, names,
fonts, clipping, Tab order, and no page that scrolls sideways."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from clubapp.services import books
from clubapp.services.books import EntryInput, FundInput, SplitInput
from clubapp.ui import theme
from tests.gui.test_accessibility import check, sign_in
from tests.gui.test_committee_accessibility import leave

SCALES = (1.0, 2.0)


def fill_the_books(window) -> dict[str, int]:
    """A grant, a split venue bill with a long name, a move to the cash box and a line
    waiting to be sorted, so every column and mark has words in it."""
    ctx = window.ctx
    ids = {f.name: f.fund_id for f in ctx.read(books.list_funds)}
    ids["Lottery weekly club grant"] = ctx.run(
        books.save_fund, None, FundInput("Lottery weekly club grant", "restricted", "The club")
    )
    ids |= {a.name: a.account_id for a in ctx.read(books.list_accounts)}
    ids |= {c.name: c.category_id for c in ctx.read(books.list_categories)}
    bank = ids["Bank current account"]
    grant = ids["Lottery weekly club grant"]
    ctx.run(
        books.record_entry,
        EntryInput(
            date(2026, 4, 3),
            "receipt",
            3_000_000,
            bank,
            (SplitInput(ids["Grants"], grant, 3_000_000),),
            payee="National Lottery Community Fund",
            description="The weekly club, first year",
        ),
    )
    ctx.run(
        books.record_entry,
        EntryInput(
            date(2026, 9, 30),
            "payment",
            12_000,
            bank,
            (
                SplitInput(ids["Venue hire"], ids["General fund"], 5_000),
                SplitInput(ids["Venue hire"], grant, 7_000),
            ),
            payee="St Mary's church hall",
            reference="100234",
            description="Hall hire for the Wednesday club, April and May, with the kitchen",
        ),
    )
    ctx.run(
        books.record_entry,
        EntryInput(
            date(2026, 10, 1), "account_transfer", 10_000, bank, to_account_id=ids["Cash box"]
        ),
    )
    ids["to sort"] = ctx.run(
        books.record_entry,
        EntryInput(date(2026, 11, 2), "receipt", 2_500, bank, description="GIRO CREDIT SMITH J"),
        import_key="2026-11-02|25.00|GIRO",
    )
    return ids


@pytest.mark.parametrize("scale", SCALES)
def test_the_treasurers_screens_meet_the_rules(window, qtbot, scale):
    from clubapp.ui.pages.accounts_cashbook import CashBookPage
    from clubapp.ui.pages.accounts_entry import EntryPage, MoveMoneyPage
    from clubapp.ui.pages.accounts_setup import (
        AccountFormPage,
        CategoryFormPage,
        FundFormPage,
        SetUpBooksPage,
    )
    from clubapp.ui.pages.accounts_sort import ToSortPage

    sign_in(window, qtbot, "treasurer")
    ids = fill_the_books(window)
    theme.apply_theme(QApplication.instance(), scale)
    ctx = window.ctx
    nav = ctx.navigator
    problems: list[str] = []
    window.shell.go_to("Accounts")
    problems += check(window, scale, "Accounts")

    entry = EntryPage(ctx, "payment")
    nav.push(entry)
    problems += check(window, scale, "Money out")
    entry.amount.setText("120")
    entry.divide()
    entry.splits.add_line()
    entry.save()  # refused: the parts are blank
    problems += check(window, scale, "Money out in three parts, refused")
    leave(entry)

    move = MoveMoneyPage(ctx)
    nav.push(move)
    problems += check(window, scale, "Move money between accounts")
    move.funds_button.click()
    problems += check(window, scale, "Move money between funds")
    leave(move)

    cash_book = CashBookPage(ctx)
    nav.push(cash_book)
    problems += check(window, scale, "Cash book")
    cash_book.table.selectRow(1)
    cash_book.open_selected()
    problems += check(window, scale, "A split payment opened from the cash book")
    leave(nav.current)
    nav.back()

    to_sort = ToSortPage(ctx)
    nav.push(to_sort)
    problems += check(window, scale, "Lines to sort")
    to_sort.sort_selected()
    problems += check(window, scale, "Sorting a bank line")
    leave(nav.current)
    nav.back()

    setup = SetUpBooksPage(ctx)
    nav.push(setup)
    for button in setup.sections:
        setup.show_section(button)
        problems += check(window, scale, f"Set up the books: {button.text()}")
    funds = ctx.read(books.list_funds)
    for form, name in (
        (FundFormPage(ctx, funds[-1], setup), "Changing a fund"),
        (AccountFormPage(ctx, None, setup), "Adding a money account"),
        (CategoryFormPage(ctx, None, ["Grants"], setup), "Adding a category"),
    ):
        nav.push(form)
        problems += check(window, scale, name)
        leave(form)
    assert ids["to sort"]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scale", SCALES)
def test_the_committees_accounts_room_meets_the_rules(window, qtbot, scale):
    sign_in(window, qtbot, "committee")
    theme.apply_theme(QApplication.instance(), scale)
    window.shell.go_to("Accounts")
    problems = check(window, scale, "Committee: Accounts")
    assert not problems, "\n".join(problems)

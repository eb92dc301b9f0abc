"""Closing a year through the real widgets: refused with the reasons first, each reason
with the button that puts it right, then closed after asking; the balances carried
forward said fund by fund and account by account; and after that an entry in the closed
year is refused."""

from __future__ import annotations

from datetime import date

import pytest

from clubapp.services import books, years
from clubapp.services.books import EntryInput, FundInput, SplitInput
from clubapp.ui import theme
from clubapp.ui.pages.accounts import ACCOUNTS
from clubapp.ui.pages.accounts_entry import EntryPage
from clubapp.ui.pages.accounts_reconcile import ReconcilePage
from clubapp.ui.pages.accounts_sort import ToSortPage
from clubapp.ui.pages.accounts_year_end import YearEndPage
from tests.gui.a11y import audit
from tests.gui.committee_helpers import (
    LEFT,
    answer_next_question,
    click,
    open_stack,
    settle,
)
from tests.gui.test_accounts_reconcile import Hub, cell_centre, type_statement


@pytest.fixture
def treasurer(actors):
    return actors["treasurer"]


@pytest.fixture
def last_year(db, treasurer):
    """2025-26 (the year starts in April): a gift, a grant to a restricted fund, a hall
    bill, a bank line imported and not sorted yet, and a gift into the cash box."""
    lottery = db.run(
        books.save_fund, treasurer, None, FundInput("Lottery", "restricted", "Weekly club")
    )
    general = next(f.fund_id for f in db.run(books.list_funds, treasurer) if f.kind == "general")
    accounts = {a.name: a.account_id for a in db.run(books.list_accounts, treasurer)}
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
        entry(date(2025, 6, 1), "payment", 120_00, "Venue hire", general, "St Mark's hall"),
        entry(date(2025, 8, 1), "receipt", 1000_00, "Grants", lottery, "The Lottery"),
        entry(date(2025, 9, 1), "receipt", 20_00, "Donations", general, "A visitor", cash),
    ):
        db.run(books.record_entry, treasurer, data)
    imported = db.run(
        books.record_entry,
        treasurer,
        EntryInput(date(2025, 7, 1), "receipt", 30_00, bank, payee="Paid in at the counter"),
        import_key="statement-1",
    )
    return {
        "general": general,
        "lottery": lottery,
        "imported": imported,
        "donations": categories["Donations"],
        "bank": bank,
    }


def open_year_end(qtbot, db, actor):
    ctx, stack, _hub = open_stack(qtbot, db, actor, Hub)
    page = YearEndPage(ctx)
    stack.push(page)
    qtbot.waitUntil(page.isVisible)
    stack.activateWindow()
    qtbot.waitUntil(stack.isActiveWindow)
    return ctx, stack, page


def problems(page: YearEndPage) -> list[str]:
    return [line.words_label.text() for line in page.problem_lines]


def fixes(page: YearEndPage) -> list[str]:
    return [line.fix_button.text() if line.fix_button else "" for line in page.problem_lines]


def test_a_year_is_refused_with_reasons_then_put_right_closed_and_locked(
    themed_app, qtbot, db, treasurer, last_year
):
    """The treasurer closes 2025-26 from the page, after putting right what the check found."""
    ctx, stack, page = open_year_end(qtbot, db, treasurer)
    assert page.year_label.text() == (
        "The oldest open year: 2025-26, from 1 April 2025 to 31 March 2026"
    )
    assert problems(page) == [
        "1 bank line is still to sort: give each a category and a fund.",
        "Bank current account: 4 lines have not been ticked against a bank statement. "
        "Reconcile it up to 31 March 2026.",
    ]
    # The cash box need not be reconciled; each problem has its button.
    assert fixes(page) == ["Sort the lines", "Reconcile Bank current account"]
    assert page.none_closed_label.isVisible()

    # Closing now is refused, saying why, and nothing is closed.
    click(qtbot, page.close_button)
    assert page.problem_label.text() == (
        "2025-26 cannot be closed yet: the 2 things listed above need doing first."
    )
    assert db.run(years.closed_years) == []

    # The first button opens the lines to sort; the line is sorted there.
    click(qtbot, page.problem_lines[0].fix_button)
    assert isinstance(stack.current, ToSortPage)
    sorted_line = EntryInput(
        date(2025, 7, 1),
        "receipt",
        30_00,
        last_year["bank"],
        (SplitInput(last_year["donations"], last_year["general"], 30_00),),
        payee="Paid in at the counter",
    )
    ctx.run(books.change_entry, last_year["imported"], sorted_line, changed=ACCOUNTS)
    stack.back()
    assert stack.current is page
    assert fixes(page) == ["Reconcile Bank current account"]

    # The second opens the reconciliation of that account; every line is on the statement.
    click(qtbot, page.problem_lines[0].fix_button)
    rec = stack.current
    assert isinstance(rec, ReconcilePage)
    assert rec.account_choice.currentText() == "Bank current account"
    # In: 500 + 1,000 + 30; out: 120.
    type_statement(qtbot, rec, date(2026, 4, 30), "1,410.00")
    click(qtbot, rec.start_button)
    for row in range(rec.model.rowCount()):
        qtbot.mouseClick(rec.table.viewport(), LEFT, pos=cell_centre(rec, row))
    click(qtbot, rec.finish_button)
    assert rec.news_label.text().startswith("Finished.")
    stack.back()
    assert stack.current is page

    assert problems(page) == []
    assert page.ready_label.text() == "Everything is in order: 2025-26 can be closed."

    # Asked first, in plain words; "Go back" closes nothing.
    asked = answer_next_question(confirm=False)
    click(qtbot, page.close_button)
    assert asked == [
        "Close 2025-26? After closing, nothing dated before 1 April 2026 can change. "
        "Corrections go in the next year."
    ]
    assert db.run(years.closed_years) == []

    answer_next_question(confirm=True)
    click(qtbot, page.close_button)
    closed = db.run(years.closed_years)
    assert [y.name for y in closed] == ["2025-26"]
    # General fund: 500 - 120 + 30 + 20; the Lottery its grant. Bank: 500 + 1,000 - 120
    # + 30; the cash box its gift. Funds and accounts both come to £1,430.00.
    assert page.result_label.text() == (
        "2025-26 is closed. These balances were carried forward into 2026-27.\n"
        "\n"
        "Each fund:\n"
        "General fund: £430.00\n"
        "Lottery: £1,000.00\n"
        "\n"
        "Each money account:\n"
        "Bank current account: £1,410.00\n"
        "Cash box: £20.00"
    )
    # The page moves on to the next year, which has not ended.
    assert page.year_label.text() == (
        "The oldest open year: 2026-27, from 1 April 2026 to 31 March 2027"
    )
    assert problems(page) == ["2026-27 has not ended yet: it ends on Wednesday 31 March 2027."]
    assert fixes(page) == [""]
    assert [w.text() for w in page.closed_labels] == ["2025-26, from 1 April 2025 to 31 March 2026"]

    # An entry dated in the closed year is refused, saying what to do instead.
    entry = EntryPage(ctx, "payment")
    stack.push(entry)
    qtbot.waitUntil(entry.isVisible)
    entry.on.setFocus()
    entry.on.setSelectedSection(entry.on.Section.DaySection)
    qtbot.keyClicks(entry.on, "15032026")
    assert entry.on.value() == date(2026, 3, 15)
    qtbot.keyClicks(entry.amount, "5.00")
    click(qtbot, entry.save_button)
    assert entry.form.field("on").error_text() == (
        "The year up to 31 March 2026 is closed, so it cannot change. Put a correction in "
        "the open year instead, dated today."
    )
    book = db.run(
        books.cash_book, treasurer, last_year["bank"], date(2025, 4, 1), date(2026, 3, 31)
    )
    assert len(book.lines) == 4


def test_the_committee_cannot_close_a_year(themed_app, qtbot, db, actors, last_year):
    """Only the treasurer and the coordinator close the year; others are told so."""
    _ctx, _stack, page = open_year_end(qtbot, db, actors["committee"])
    assert page.problem_label.text() == "Only the treasurer or the coordinator can close the year."
    assert not page.close_button.isVisible()


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_page_passes_the_accessibility_checks_at_each_text_size(
    themed_app, qtbot, db, treasurer, last_year, scale
):
    """Big targets, names and no clipped words, at 100 % and 200 % text."""
    theme.apply_theme(themed_app, scale)
    _ctx, stack, page = open_year_end(qtbot, db, treasurer)
    settle(qtbot)
    assert len(page.problem_lines) == 2
    assert audit(stack, scale) == []

"""The figures of the printed accounts agree with the books, add up as printed (also to
the nearest pound), and last year's column comes from the books."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clubapp.services import accounts_report, asset_lines, books, years
from clubapp.services.accounts_report import _FundYear, _rounded
from clubapp.services.books import EntryInput, FundInput, SplitInput
from clubapp.services.errors import NotAllowed, ValidationError
from clubapp.services.money import round_to_pound


@pytest.fixture
def treasurer(actors):
    return actors["treasurer"]


@pytest.fixture
def books_2025(db, treasurer):
    """Two years of a small club's books, with every kind of movement."""
    funds = {f.name: f.fund_id for f in db.run(books.list_funds, treasurer)}
    funds["Lottery"] = db.run(
        books.save_fund, treasurer, None, FundInput("Lottery", "restricted", opening_pence=1_000_00)
    )
    funds["Legacy"] = db.run(books.save_fund, treasurer, None, FundInput("Legacy", "endowment"))
    db.run(
        books.save_fund,
        treasurer,
        funds["General fund"],
        FundInput("General fund", "general", opening_pence=500_00),
    )
    accounts = {a.name: a.account_id for a in db.run(books.list_accounts, treasurer)}
    db.run(
        books.save_account,
        treasurer,
        accounts["Bank current account"],
        books.AccountInput("Bank current account", "current", opening_pence=1_500_00),
    )
    cat = {c.name: c.category_id for c in db.run(books.list_categories, treasurer)}
    bank = accounts["Bank current account"]

    def add(on, kind, parts, **kw):
        data = EntryInput(
            on,
            kind,
            sum(p for _, _, p in parts),
            bank,
            tuple(SplitInput(cat[c], funds[f], p) for c, f, p in parts),
            **kw,
        )
        return db.run(books.record_entry, treasurer, data)

    # Last year (2024-25): a donation and an insurance bill.
    add(date(2024, 5, 1), "receipt", [("Donations", "General fund", 200_00)])
    add(date(2024, 6, 1), "payment", [("Insurance", "General fund", 150_00)])
    # This year (2025-26).
    add(date(2025, 4, 10), "receipt", [("Grants", "Lottery", 10_000_00)])
    add(date(2025, 5, 1), "receipt", [("Donations", "General fund", 300_50)])
    add(date(2025, 5, 2), "receipt", [("Gift Aid", "General fund", 75_13)])
    add(
        date(2025, 6, 1),
        "payment",
        [("Venue hire", "General fund", 40_00), ("Venue hire", "Lottery", 80_00)],
    )
    add(date(2025, 7, 1), "payment", [("Coordinator's pay", "Lottery", 1_200_00)])
    add(date(2025, 8, 1), "receipt", [("Donations", "Legacy", 2_000_00)])
    add(
        date(2025, 9, 1),
        "payment",
        [("Equipment to keep or investments bought", "General fund", 99_99)],
    )
    db.run(
        books.record_entry,
        treasurer,
        EntryInput(
            date(2025, 10, 1),
            "fund_transfer",
            100_00,
            from_fund_id=funds["General fund"],
            to_fund_id=funds["Lottery"],
        ),
    )
    with db.transaction() as s:
        year = years.year_named(s, 2025)
    return funds, year


def account(db, actor, year, **kw):
    return db.run(accounts_report.receipts_and_payments, actor, year, **kw)


def test_the_receipts_and_payments_account_has_every_line_in_its_column(db, treasurer, books_2025):
    _, year = books_2025
    rp = account(db, treasurer, year)
    lines = {r.label: r for r in rp.receipts}
    assert list(lines) == ["Grants", "Donations and Gift Aid"]  # the categories' order
    assert (lines["Grants"].restricted, lines["Grants"].unrestricted) == (10_000_00, 0)
    gifts = lines["Donations and Gift Aid"]
    assert (gifts.unrestricted, gifts.endowment, gifts.total) == (375_63, 2_000_00, 2_375_63)
    assert gifts.last_year == 200_00
    payments = {r.label: r for r in rp.payments}
    assert payments["Venue hire"].unrestricted == 40_00
    assert payments["Venue hire"].restricted == 80_00
    assert payments["Staff costs"].restricted == 1_200_00
    assert payments["Insurance"].total == 0 and payments["Insurance"].last_year == 150_00
    assert [r.label for r in rp.asset_purchases] == ["Equipment to keep or investments bought"]
    assert rp.total_receipts.total == 12_375_63
    assert rp.total_payments.total == 1_419_99
    assert rp.net.total == 12_375_63 - 1_419_99
    assert (rp.transfers.unrestricted, rp.transfers.restricted, rp.transfers.total) == (
        -100_00,
        100_00,
        0,
    )
    # Last year end: the opening balances plus last year's donation less its insurance.
    assert rp.cash_last_year_end.total == 1_500_00 + 200_00 - 150_00
    assert rp.cash_last_year_end.last_year == 1_500_00
    assert rp.cash_this_year_end.total == rp.cash_last_year_end.total + rp.net.total
    for column in accounts_report.COLUMNS:
        assert rp.cash_this_year_end.column(column) == (
            rp.cash_last_year_end.column(column)
            + rp.net.column(column)
            + rp.transfers.column(column)
        )
    with db.transaction() as s:
        bank_total = sum(books.account_balances(s, year.ends).values())
    assert rp.cash_this_year_end.total == bank_total
    assert not rp.final and rp.lines_to_sort == 0


def test_to_the_nearest_pound_every_total_adds_up_as_printed(db, treasurer, books_2025):
    _, year = books_2025
    exact = account(db, treasurer, year)
    rp = account(db, treasurer, year, nearest_pound=True)
    rows = [*rp.receipts, *rp.asset_sales, *rp.payments, *rp.asset_purchases]
    assert all(r.total % 100 == 0 and r.last_year % 100 == 0 for r in rows)
    assert rp.receipts_subtotal.total == sum(r.total for r in rp.receipts)
    assert rp.total_receipts.total == rp.receipts_subtotal.total + sum(
        r.total for r in rp.asset_sales
    )
    assert rp.total_payments.total == rp.payments_subtotal.total + sum(
        r.total for r in rp.asset_purchases
    )
    for column in accounts_report.COLUMNS:
        assert rp.cash_this_year_end.column(column) == (
            rp.cash_last_year_end.column(column)
            + rp.net.column(column)
            + rp.transfers.column(column)
        )
    # The balances are the exact ones rounded, fund by fund.
    assert rp.cash_this_year_end.total == sum(round_to_pound(f.pence) for f in exact.fund_cash)


@settings(max_examples=300)
@given(
    opening=st.integers(-(10**8), 10**8),
    lines=st.lists(st.integers(-(10**7), 10**7), max_size=12),
    moves=st.lists(st.tuples(st.booleans(), st.integers(1, 10**6)), max_size=4),
)
def test_rounding_a_fund_keeps_it_adding_up_and_each_line_within_a_pound(opening, lines, moves):
    # Fund 1's transfers with funds 2, 3, ...: in when the flag is set, out otherwise.
    pairs = {((n + 2, 1) if into else (1, n + 2)): amount for n, (into, amount) in enumerate(moves)}
    transfers = sum(a if target == 1 else -a for (_s, target), a in pairs.items())
    exact = _FundYear(
        opening,
        opening + sum(lines) + transfers,
        {("receipts", f"line {n}"): v for n, v in enumerate(lines)},
        transfers,
        pairs,
    )
    rounded = _rounded(1, exact)
    assert rounded.opening == round_to_pound(exact.opening)
    assert rounded.opening + sum(rounded.lines.values()) + rounded.transfers == rounded.closing
    # Each transfer is rounded on its own, so the other fund prints the same figure.
    assert rounded.transfers == sum(
        round_to_pound(a) * (1 if target == 1 else -1) for (_s, target), a in pairs.items()
    )
    if lines:
        assert rounded.closing == round_to_pound(exact.closing)
    for key, value in rounded.lines.items():
        assert value % 100 == 0
        # rounded, plus at most a share of the pounds left over
        assert abs(value - exact.lines[key]) <= 100 + 100 * (len(moves) + 2) // max(1, len(lines))


def test_to_the_nearest_pound_transfers_between_funds_net_to_nothing(db, treasurer, books_2025):
    funds, year = books_2025
    # 70p moved, on top of the £100 already moved: each side rounds the same way.
    db.run(
        books.record_entry,
        treasurer,
        EntryInput(
            date(2025, 10, 2),
            "fund_transfer",
            70,
            from_fund_id=funds["General fund"],
            to_fund_id=funds["Lottery"],
        ),
    )
    rp = account(db, treasurer, year, nearest_pound=True)
    assert rp.transfers.total == 0
    assert (rp.transfers.unrestricted, rp.transfers.restricted) == (-101_00, 101_00)


def test_the_statement_of_assets_agrees_with_the_account_and_lists_what_was_typed(
    db, treasurer, books_2025
):
    funds, year = books_2025
    db.run(
        asset_lines.save_line,
        treasurer,
        year,
        None,
        asset_lines.AssetLineInput("own_use", "Minibus", 18_000_00, funds["Lottery"]),
    )
    db.run(
        asset_lines.save_line,
        treasurer,
        year,
        None,
        asset_lines.AssetLineInput("liability", "Venue bill for March", 120_00),
    )
    statement = db.run(accounts_report.assets_and_liabilities, treasurer, year)
    rp = account(db, treasurer, year)
    assert statement.cash == accounts_report.Row(
        "Cash funds",
        rp.cash_this_year_end.unrestricted,
        rp.cash_this_year_end.restricted,
        rp.cash_this_year_end.endowment,
        rp.cash_this_year_end.last_year,
    )
    assert sum(p for _, p in statement.held_in) == rp.cash_this_year_end.total
    assert [(i.description, i.column) for i in statement.own_use] == [("Minibus", "restricted")]
    assert [(i.description, i.column) for i in statement.liabilities] == [
        ("Venue bill for March", "unrestricted")
    ]
    with pytest.raises(ValidationError):
        db.run(
            asset_lines.save_line,
            treasurer,
            year,
            None,
            asset_lines.AssetLineInput("liability", "  ", 0),
        )


def test_a_fund_statement_runs_from_opening_to_closing(db, treasurer, books_2025):
    funds, year = books_2025
    [fs] = db.run(accounts_report.fund_statements, treasurer, year, funds["Lottery"])
    assert fs.opening == 1_000_00
    assert fs.receipts == [("Grants", 10_000_00, "Grants")]
    assert fs.payments == [
        ("Coordinator's pay", 1_200_00, "Staff costs"),
        ("Venue hire", 80_00, "Venue hire"),
    ]
    assert fs.transfers_in == [("General fund", 100_00)] and fs.transfers_out == []
    assert fs.closing == 1_000_00 + 10_000_00 - 1_280_00 + 100_00
    assert fs.opening + fs.total_receipts - fs.total_payments + 100_00 == fs.closing
    listed = db.run(accounts_report.fund_statements, treasurer, year)
    assert [s.name for s in listed] == ["General fund", "Lottery", "Legacy"]


def test_where_our_money_went_is_in_whole_pounds_largest_first(db, treasurer, books_2025):
    _, year = books_2025
    summary = db.run(accounts_report.money_summary, treasurer, year)
    assert summary.money_in[0] == ("Grants", 10_000_00)
    assert summary.money_in[1][0] == "Donations and Gift Aid"
    assert summary.total_in == sum(p for _, p in summary.money_in)
    assert summary.total_out == sum(p for _, p in summary.money_out)
    assert summary.cash_end == summary.cash_start + summary.total_in - summary.total_out


def test_the_committee_sees_the_accounts_a_volunteer_does_not(db, actors, books_2025):
    _, year = books_2025
    assert account(db, actors["committee"], year).total_receipts.total == 12_375_63
    with pytest.raises(NotAllowed):
        account(db, actors["volunteer"], year)
    with pytest.raises(NotAllowed):
        db.run(
            asset_lines.save_line,
            actors["committee"],
            year,
            None,
            asset_lines.AssetLineInput("liability", "Bill", 1_00),
        )


def test_every_year_of_the_books_is_offered_newest_first(db, treasurer, books_2025):
    listed = db.run(accounts_report.years_with_books, treasurer, date(2026, 11, 18))
    assert [y.name for y in listed] == ["2026-27", "2025-26", "2024-25"]


def test_a_closed_year_prints_as_final(db, treasurer, books_2025):
    from clubapp.services import reconcile

    _, year = books_2025
    # Closing 2024-25 needs the bank reconciled up to its end.

    bank = next(a.account_id for a in db.run(books.list_accounts, treasurer) if a.kind == "current")
    last = year.previous()
    with db.transaction() as s:
        balance = books.account_balances(s, last.ends)[bank]
    rec = db.run(reconcile.start, treasurer, bank, last.ends, balance)
    for line in db.run(reconcile.view, treasurer, rec).lines:
        db.run(reconcile.tick, treasurer, rec, line.entry_id, True)
    db.run(reconcile.finish, treasurer, rec)
    db.run(years.close_year, treasurer, last, date(2026, 11, 18))
    assert account(db, treasurer, last).final
    assert not account(db, treasurer, year).final


def test_there_are_no_accounts_before_the_books_start_nor_a_last_year_in_the_first(
    db, treasurer, books_2025
):
    _, year = books_2025
    first = account(db, treasurer, year.previous())  # 2024-25, the books' first year
    assert not first.has_last_year
    assert first.cash_this_year_end.last_year == 0 and first.receipts[0].last_year == 0
    assert account(db, treasurer, year).has_last_year
    with pytest.raises(ValidationError) as exc:
        account(db, treasurer, year.previous().previous())
    assert exc.value.errors["year"] == (
        "The books start on 1 April 2024, so there are no accounts for 2023-24. "
        "Choose 2024-25 or later."
    )

"""The treasurer's cash book: entries, splits, transfers, balances, reconciliation,
year end and the locks, through the real services on a migrated database."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clubapp.services import books, reconcile, years
from clubapp.services.books import EntryInput, FundInput, SplitInput
from clubapp.services.errors import NotAllowed, ValidationError
from clubapp.services.money import parse_amount, parse_signed

TODAY = date(2026, 11, 18)


@pytest.fixture
def treasurer(actors):
    return actors["treasurer"]


@pytest.fixture
def ids(db, treasurer):
    """The seeded books: the general fund, a restricted fund, the bank, the cash box and
    the categories by name."""
    funds = {f.name: f.fund_id for f in db.run(books.list_funds, treasurer)}
    funds["Lottery"] = db.run(
        books.save_fund, treasurer, None, FundInput("Lottery", "restricted", "Weekly club")
    )
    accounts = {a.name: a.account_id for a in db.run(books.list_accounts, treasurer)}
    categories = {c.name: c.category_id for c in db.run(books.list_categories, treasurer)}
    return funds, accounts, categories


def receipt(
    ids, on, pence, fund="General fund", category="Donations", account="Bank current account"
):
    funds, accounts, categories = ids
    return EntryInput(
        on=on,
        kind="receipt",
        amount_pence=pence,
        account_id=accounts[account],
        splits=(SplitInput(categories[category], funds[fund], pence),),
        payee="A friend",
    )


def payment(ids, on, parts, account="Bank current account"):
    """parts: [(category, fund, pence)]"""
    funds, accounts, categories = ids
    return EntryInput(
        on=on,
        kind="payment",
        amount_pence=sum(p for _, _, p in parts),
        account_id=accounts[account],
        splits=tuple(SplitInput(categories[c], funds[f], p) for c, f, p in parts),
    )


def test_the_books_start_with_a_general_fund_a_bank_a_cash_box_and_the_usual_categories(
    db, treasurer
):
    funds = db.run(books.list_funds, treasurer)
    assert [(f.name, f.kind, f.column) for f in funds] == [
        ("General fund", "general", "unrestricted")
    ]
    assert [a.kind for a in db.run(books.list_accounts, treasurer)] == ["current", "cash"]
    categories = db.run(books.list_categories, treasurer)
    names = {c.name for c in categories}
    for wanted in ("Grants", "Gift Aid", "Membership and session fees", "Interest"):
        assert wanted in names
    for wanted in ("Coordinator's pay", "Venue hire", "Independent examination", "Insurance"):
        assert wanted in names
    assert {c.section for c in categories} == set(books.SECTIONS)


def test_a_venue_bill_shared_between_two_funds_moves_each_fund_by_its_part(db, treasurer, ids):
    funds, accounts, _ = ids
    db.run(
        books.record_entry, treasurer, receipt(ids, date(2026, 4, 2), 500_00, "Lottery", "Grants")
    )
    db.run(books.record_entry, treasurer, receipt(ids, date(2026, 4, 3), 100_00))
    db.run(
        books.record_entry,
        treasurer,
        payment(
            ids,
            date(2026, 4, 9),
            [("Venue hire", "General fund", 40_00), ("Venue hire", "Lottery", 80_00)],
        ),
    )
    with db.transaction() as s:
        fund_bal = books.fund_balances(s, date(2026, 4, 30))
        account_bal = books.account_balances(s, date(2026, 4, 30))
    assert fund_bal[funds["General fund"]] == 60_00
    assert fund_bal[funds["Lottery"]] == 420_00
    assert account_bal[accounts["Bank current account"]] == 480_00
    assert sum(fund_bal.values()) == sum(account_bal.values())


def test_parts_that_do_not_add_up_are_refused_saying_by_how_much(db, treasurer, ids):
    data = payment(ids, date(2026, 4, 9), [("Venue hire", "General fund", 40_00)])
    data = EntryInput(**{**data.__dict__, "amount_pence": 120_00})
    with pytest.raises(ValidationError) as exc:
        db.run(books.record_entry, treasurer, data)
    assert "£40.00" in exc.value.errors["splits"]
    assert "£80.00 still to share out" in exc.value.errors["splits"]


def test_a_payment_with_a_receipt_category_is_refused(db, treasurer, ids):
    funds, accounts, categories = ids
    data = EntryInput(
        date(2026, 4, 9),
        "payment",
        10_00,
        accounts["Cash box"],
        (SplitInput(categories["Donations"], funds["General fund"], 10_00),),
    )
    with pytest.raises(ValidationError) as exc:
        db.run(books.record_entry, treasurer, data)
    assert "not a category for money out" in exc.value.errors["category"]


def test_transfers_move_money_between_accounts_or_between_funds_and_nothing_else(
    db, treasurer, ids
):
    funds, accounts, _ = ids
    db.run(books.record_entry, treasurer, receipt(ids, date(2026, 4, 2), 300_00))
    db.run(
        books.record_entry,
        treasurer,
        EntryInput(
            date(2026, 4, 3),
            "account_transfer",
            50_00,
            accounts["Bank current account"],
            to_account_id=accounts["Cash box"],
        ),
    )
    db.run(
        books.record_entry,
        treasurer,
        EntryInput(
            date(2026, 4, 4),
            "fund_transfer",
            70_00,
            from_fund_id=funds["General fund"],
            to_fund_id=funds["Lottery"],
        ),
    )
    with db.transaction() as s:
        fund_bal = books.fund_balances(s, date(2026, 4, 30))
        account_bal = books.account_balances(s, date(2026, 4, 30))
    assert account_bal == {accounts["Bank current account"]: 250_00, accounts["Cash box"]: 50_00}
    assert fund_bal == {funds["General fund"]: 230_00, funds["Lottery"]: 70_00}


def test_the_cash_book_has_a_running_balance_from_the_opening_balance(db, treasurer, ids):
    funds, accounts, _ = ids
    db.run(
        books.save_account,
        treasurer,
        accounts["Cash box"],
        books.AccountInput("Cash box", "cash", opening_pence=20_00),
    )
    db.run(books.record_entry, treasurer, receipt(ids, date(2026, 4, 2), 15_50, account="Cash box"))
    db.run(
        books.record_entry,
        treasurer,
        payment(
            ids, date(2026, 4, 5), [("Refreshments", "General fund", 7_25)], account="Cash box"
        ),
    )
    book = db.run(
        books.cash_book, treasurer, accounts["Cash box"], date(2026, 4, 1), date(2027, 3, 31)
    )
    assert book.opening_pence == 20_00
    assert [line.balance_pence for line in book.lines] == [35_50, 28_25]
    assert [line.signed_pence for line in book.lines] == [15_50, -7_25]
    assert book.closing_pence == 28_25
    assert book.lines[1].what == "Refreshments"


def test_only_the_treasurer_and_coordinator_keep_the_books_the_committee_sees_the_funds(
    db, actors, ids
):
    data = receipt(ids, date(2026, 4, 2), 1_00)
    for role in ("committee", "volunteer"):
        with pytest.raises(NotAllowed):
            db.run(books.record_entry, actors[role], data)
    db.run(books.record_entry, actors["coordinator"], data)
    assert db.run(books.list_funds, actors["committee"])
    with pytest.raises(NotAllowed):
        db.run(books.list_funds, actors["volunteer"])
    with pytest.raises(NotAllowed):
        db.run(books.to_sort, actors["committee"])


def _reconcile_all(db, treasurer, account_id, statement_date):
    with db.transaction() as s:
        balance = books.account_balances(s, statement_date)[account_id]
    rec = db.run(reconcile.start, treasurer, account_id, statement_date, balance)
    current = db.run(reconcile.view, treasurer, rec)
    for line in current.lines:
        db.run(reconcile.tick, treasurer, rec, line.entry_id, True)
    db.run(reconcile.finish, treasurer, rec)
    return rec


def test_reconciliation_says_the_difference_in_words_until_it_is_nothing(db, treasurer, ids):
    _, accounts, _ = ids
    bank = accounts["Bank current account"]
    first = db.run(books.record_entry, treasurer, receipt(ids, date(2026, 4, 2), 100_00))
    second = db.run(
        books.record_entry,
        treasurer,
        payment(ids, date(2026, 4, 5), [("Insurance", "General fund", 30_00)]),
    )
    later = db.run(books.record_entry, treasurer, receipt(ids, date(2026, 5, 2), 5_00))
    rec = db.run(reconcile.start, treasurer, bank, date(2026, 4, 30), 70_00)
    current = db.run(reconcile.view, treasurer, rec)
    assert [line.entry_id for line in current.lines] == [first, second]  # not the May line
    assert current.difference_pence == 70_00
    assert "£70.00 more" in current.difference_words
    db.run(reconcile.tick, treasurer, rec, first, True)
    current = db.run(reconcile.view, treasurer, rec)
    assert "ticked lines show £30.00 more" in current.difference_words
    with pytest.raises(ValidationError) as exc:
        db.run(reconcile.finish, treasurer, rec)
    assert "£30.00" in exc.value.errors["difference"]
    with pytest.raises(ValidationError):
        db.run(reconcile.tick, treasurer, rec, later, True)
    db.run(reconcile.tick, treasurer, rec, second, True)
    db.run(reconcile.finish, treasurer, rec)
    assert db.run(books.get_entry, treasurer, first).reconciled
    # The next statement starts from the reconciled balance.
    rec2 = db.run(reconcile.start, treasurer, bank, date(2026, 5, 31), 75_00)
    current = db.run(reconcile.view, treasurer, rec2)
    assert current.brought_forward_pence == 70_00
    assert [line.entry_id for line in current.lines] == [later]


def test_a_ticked_line_keeps_its_amount_but_can_be_given_another_category(db, treasurer, ids):
    funds, accounts, categories = ids
    bank = accounts["Bank current account"]
    entry = db.run(books.record_entry, treasurer, receipt(ids, date(2026, 4, 2), 100_00))
    _reconcile_all(db, treasurer, bank, date(2026, 4, 30))
    changed = receipt(ids, date(2026, 4, 2), 100_00, category="Gift Aid")
    db.run(books.change_entry, treasurer, entry, changed)
    assert (
        db.run(books.get_entry, treasurer, entry).data.splits[0].category_id
        == categories["Gift Aid"]
    )
    with pytest.raises(ValidationError, match="ticked against a bank statement"):
        db.run(books.change_entry, treasurer, entry, receipt(ids, date(2026, 4, 2), 99_00))
    with pytest.raises(ValidationError, match="ticked"):
        db.run(books.delete_entry, treasurer, entry)


def test_a_year_closes_only_when_sorted_and_reconciled_then_nothing_in_it_changes(
    db, treasurer, ids
):
    funds, accounts, categories = ids
    bank = accounts["Bank current account"]
    with db.transaction() as s:
        year = years.year_named(s, 2025)
    assert (year.starts, year.ends) == (date(2025, 4, 1), date(2026, 3, 31))
    entry = db.run(
        books.record_entry, treasurer, receipt(ids, date(2025, 6, 1), 200_00, "Lottery", "Grants")
    )
    waiting = db.run(
        books.record_entry,
        treasurer,
        EntryInput(date(2025, 7, 1), "payment", 12_00, bank, payee="SHOP"),
        import_key="bank:1",
    )
    check = db.run(years.check_year_end, treasurer, year, TODAY)
    assert not check.ready
    assert any("1 bank line is still to sort" in p for p in check.problems)
    assert any("not been ticked" in p for p in check.problems)
    db.run(
        books.change_entry,
        treasurer,
        waiting,
        payment(ids, date(2025, 7, 1), [("Activity costs", "Lottery", 12_00)]),
    )
    _reconcile_all(db, treasurer, bank, date(2026, 3, 31))
    assert db.run(years.check_year_end, treasurer, year, TODAY).ready
    db.run(years.close_year, treasurer, year, TODAY)

    with pytest.raises(ValidationError, match="is closed"):
        db.run(books.record_entry, treasurer, receipt(ids, date(2026, 3, 31), 1_00))
    with pytest.raises(ValidationError, match="is closed"):
        db.run(books.change_entry, treasurer, entry, receipt(ids, date(2026, 4, 1), 200_00))
    with pytest.raises(ValidationError, match="is closed"):
        db.run(books.delete_entry, treasurer, entry)
    with pytest.raises(ValidationError, match="opening balances cannot change"):
        db.run(
            books.save_fund,
            treasurer,
            funds["Lottery"],
            FundInput("Lottery", "restricted", opening_pence=5),
        )
    # A correction goes in the open year.
    db.run(books.record_entry, treasurer, receipt(ids, date(2026, 4, 1), 1_00))
    carried = db.run(lambda s: years.carried_forward(s, year))
    assert carried[0][funds["Lottery"]] == 188_00
    assert carried[1][bank] == 188_00


def test_the_database_itself_refuses_changes_to_a_closed_year(db, db_path, treasurer, ids):
    _, accounts, _ = ids
    entry = db.run(
        books.record_entry, treasurer, receipt(ids, date(2025, 6, 1), 200_00, account="Cash box")
    )
    with db.transaction() as s:
        year = years.year_named(s, 2025)
    db.run(years.close_year, treasurer, year, TODAY)
    raw = sqlite3.connect(db_path)
    try:
        for sql in (
            f"UPDATE money_entries SET amount_pence = 1 WHERE id = {entry}",
            f"DELETE FROM money_entries WHERE id = {entry}",
            f"UPDATE money_splits SET amount_pence = 1 WHERE entry_id = {entry}",
            'INSERT INTO money_entries ("on", kind, amount_pence, account_id, payee, reference,'
            " description, to_sort, created_at, created_by)"
            " VALUES ('2025-05-01', 'receipt', 5, 1, '', '', '', 1, '2025-05-01', '')",
            "DELETE FROM financial_years",
            "UPDATE funds SET opening_pence = 99",
        ):
            with pytest.raises(sqlite3.DatabaseError, match="clubapp"):
                raw.execute(sql)
    finally:
        raw.close()


def test_years_close_in_order_and_not_before_they_end(db, treasurer, ids):
    db.run(books.record_entry, treasurer, receipt(ids, date(2024, 6, 1), 1_00, account="Cash box"))
    with db.transaction() as s:
        y2025 = years.year_named(s, 2025)
        y2026 = years.year_named(s, 2026)
    assert any(
        "close 2024-25 first" in p
        for p in db.run(years.check_year_end, treasurer, y2025, TODAY).problems
    )
    assert any(
        "has not ended" in p for p in db.run(years.check_year_end, treasurer, y2026, TODAY).problems
    )


def test_the_financial_year_can_start_in_any_month_until_a_year_is_closed(db, treasurer):
    db.run(years.set_start_month, treasurer, 1)
    with db.transaction() as s:
        assert years.year_of(s, date(2026, 3, 5)).name == "2026"
        assert years.parse_year(s, "2026").words == "1 January 2026 to 31 December 2026"
    db.run(years.set_start_month, treasurer, 4)
    with db.transaction() as s:
        assert years.year_of(s, date(2026, 3, 5)).name == "2025-26"
        assert years.parse_year(s, "2025/26").starts == date(2025, 4, 1)
        with pytest.raises(ValidationError):
            years.parse_year(s, "2025-27")


# ---------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "pence"),
    [
        ("£1,234.50", 123450),
        ("1234.5", 123450),
        ("-12.00", -1200),
        ("(12.00)", -1200),
        ("£0.07", 7),
        ("12", 1200),
        ("12.50 DR", -1250),
        ("\u221212.00", -1200),
    ],
)
def test_amounts_are_read_as_people_and_banks_write_them(text, pence):
    assert parse_signed(text) == pence


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("12.345", "more than two figures"),
        ("1e3", "not an amount"),
        ("NaN", "not an amount"),
        ("1.234,50", "comma for the pence"),
        ("", "blank"),
        ("   ", "blank"),
        ("1,23", "comma for the pence"),
    ],
)
def test_amounts_that_could_be_a_mistake_are_refused_in_words(text, words):
    with pytest.raises(ValidationError) as exc:
        parse_signed(text, "amount")
    assert words in exc.value.errors["amount"]


def test_a_form_amount_is_positive(db):
    with pytest.raises(ValidationError, match="without a minus"):
        parse_amount("-3")
    assert parse_amount("3") == 300


@given(st.integers(min_value=-9_999_999_999, max_value=9_999_999_999))
def test_every_amount_written_out_reads_back_the_same(pence):
    from clubapp.services.money import accounts_figure, pounds

    assert parse_signed(pounds(pence)) == pence
    if pence:
        assert parse_signed(accounts_figure(pence)) == pence


# ---------------------------------------------------------------- the rules, by Hypothesis

_actions = st.lists(
    st.tuples(
        st.sampled_from(["receipt", "payment", "account_transfer", "fund_transfer", "split"]),
        st.integers(min_value=1, max_value=500_000),
        st.integers(min_value=0, max_value=400),  # days after 1 April 2025
        st.booleans(),
    ),
    min_size=1,
    max_size=25,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=_actions)
def test_funds_and_accounts_always_agree_and_each_balance_adds_up(db, treasurer, ids, actions):
    funds, accounts, _ = ids
    general, lottery = funds["General fund"], funds["Lottery"]
    bank, cash = accounts["Bank current account"], accounts["Cash box"]
    with db.transaction() as s:
        s.execute(books.MoneyEntry.__table__.delete())
    for kind, pence, day, flip in actions:
        on = date(2025, 4, 1) + timedelta(days=day)
        if kind == "receipt":
            data = receipt(ids, on, pence, "Lottery" if flip else "General fund")
        elif kind == "payment":
            data = payment(ids, on, [("Venue hire", "Lottery" if flip else "General fund", pence)])
        elif kind == "split":
            first = max(1, pence // 3)
            data = (
                payment(
                    ids,
                    on,
                    [
                        ("Venue hire", "General fund", first),
                        ("Transport", "Lottery", pence - first),
                    ],
                )
                if pence > 1
                else receipt(ids, on, pence)
            )
        elif kind == "account_transfer":
            data = EntryInput(
                on, kind, pence, bank if flip else cash, to_account_id=cash if flip else bank
            )
        else:
            data = EntryInput(
                on,
                kind,
                pence,
                from_fund_id=general if flip else lottery,
                to_fund_id=lottery if flip else general,
            )
        db.run(books.record_entry, treasurer, data)
    end = date(2026, 6, 1)
    with db.transaction() as s:
        fund_bal = books.fund_balances(s, end)
        account_bal = books.account_balances(s, end)
    assert sum(fund_bal.values()) == sum(account_bal.values())
    # opening + in - out +/- transfers = closing, worked out again line by line
    expected_funds = {general: 0, lottery: 0}
    expected_accounts = {bank: 0, cash: 0}
    with db.transaction() as s:
        for entry in s.scalars(books.select(books.MoneyEntry)):
            sign = 1 if entry.kind == "receipt" else -1
            if entry.kind in ("receipt", "payment"):
                assert sum(p.amount_pence for p in entry.splits) == entry.amount_pence
                expected_accounts[entry.account_id] += sign * entry.amount_pence
                for part in entry.splits:
                    expected_funds[part.fund_id] += sign * part.amount_pence
            elif entry.kind == "account_transfer":
                expected_accounts[entry.account_id] -= entry.amount_pence
                expected_accounts[entry.to_account_id] += entry.amount_pence
            else:
                expected_funds[entry.from_fund_id] -= entry.amount_pence
                expected_funds[entry.to_fund_id] += entry.amount_pence
    assert fund_bal == expected_funds
    assert account_bal == expected_accounts


def test_a_retired_category_stays_on_old_entries_but_takes_no_new_ones(db, treasurer, ids):
    funds, accounts, categories = ids
    entry = db.run(books.record_entry, treasurer, receipt(ids, date(2026, 4, 2), 5_00))
    db.run(
        books.save_category,
        treasurer,
        categories["Donations"],
        books.CategoryInput("Donations", "receipts", "Donations and Gift Aid", retired=True),
    )
    changed = receipt(ids, date(2026, 4, 3), 5_00)
    db.run(books.change_entry, treasurer, entry, changed)  # it had Donations already
    with pytest.raises(ValidationError) as exc:
        db.run(books.record_entry, treasurer, receipt(ids, date(2026, 4, 4), 5_00))
    assert "Donations is no longer used" in exc.value.errors["category"]


# ---------------------------------------------------------------- from a review


def _close(db, treasurer, start_year, today=TODAY):
    """Reconcile every bank account up to the year's end and close it."""
    with db.transaction() as s:
        year = years.year_named(s, start_year)
    for account in db.run(books.list_accounts, treasurer):
        if account.kind != "cash":
            _reconcile_all(db, treasurer, account.account_id, year.ends)
    db.run(years.close_year, treasurer, year, today)
    return year


def test_a_year_does_not_close_while_funds_and_accounts_disagree(db, treasurer, ids):
    funds, accounts, _ = ids
    db.run(
        books.save_fund,
        treasurer,
        funds["General fund"],
        FundInput("General fund", "general", opening_pence=350_00),
    )
    with db.transaction() as s:
        year = years.year_named(s, 2025)
    problems = db.run(years.check_year_end, treasurer, year, TODAY).problems
    assert any("The funds hold £350.00 but the money accounts hold £0.00" in p for p in problems)


def test_after_a_close_no_opening_balance_starts_or_changes(db, db_path, treasurer, ids):
    _close(db, treasurer, 2025)
    with pytest.raises(ValidationError, match="opening balances cannot change"):
        db.run(books.save_fund, treasurer, None, FundInput("New", "designated", opening_pence=5))
    with pytest.raises(ValidationError, match="opening balances cannot change"):
        db.run(books.save_account, treasurer, None, books.AccountInput("Sav", "savings", 5))
    db.run(books.save_fund, treasurer, None, FundInput("New", "designated"))  # at £0 is fine
    raw = sqlite3.connect(db_path)
    try:
        for sql in (
            "INSERT INTO funds (name, kind, purpose, opening_pence, retired)"
            " VALUES ('Sneaky', 'general', '', 100, 0)",
            "UPDATE financial_years SET ends = '2000-01-01'",
            "UPDATE year_balances SET closing_pence = 1",
            "DELETE FROM year_balances",
        ):
            with pytest.raises(sqlite3.DatabaseError, match="clubapp"):
                raw.execute(sql)
    finally:
        raw.close()


def test_a_fund_with_an_opening_balance_keeps_its_kind_once_a_year_is_closed(db, treasurer, ids):
    funds, accounts, _ = ids
    db.run(
        books.save_fund,
        treasurer,
        funds["Lottery"],
        FundInput("Lottery", "designated", opening_pence=250_00),
    )
    db.run(
        books.save_account,
        treasurer,
        accounts["Cash box"],
        books.AccountInput("Cash box", "cash", opening_pence=250_00),
    )
    _close(db, treasurer, 2025)
    with pytest.raises(ValidationError, match="kind cannot change"):
        db.run(
            books.save_fund,
            treasurer,
            funds["Lottery"],
            FundInput("Lottery", "restricted", opening_pence=250_00),
        )


def test_a_transfer_between_two_banks_is_ticked_on_each_statement(db, treasurer, ids):
    _, accounts, _ = ids
    bank = accounts["Bank current account"]
    savings = db.run(books.save_account, treasurer, None, books.AccountInput("Savings", "savings"))
    db.run(books.record_entry, treasurer, receipt(ids, date(2025, 5, 1), 500_00))
    db.run(
        books.record_entry,
        treasurer,
        EntryInput(date(2025, 5, 2), "account_transfer", 400_00, bank, to_account_id=savings),
    )
    _reconcile_all(db, treasurer, bank, date(2025, 5, 31))
    with db.transaction() as s:
        year = years.year_named(s, 2025)
    problems = db.run(years.check_year_end, treasurer, year, TODAY).problems
    assert any(p.startswith("Savings: 1 line has not been ticked") for p in problems)
    rec = db.run(reconcile.start, treasurer, savings, date(2025, 5, 31), 400_00)
    current = db.run(reconcile.view, treasurer, rec)
    assert len(current.lines) == 1 and current.difference_pence == 400_00
    db.run(reconcile.tick, treasurer, rec, current.lines[0].entry_id, True)
    db.run(reconcile.finish, treasurer, rec)
    problems = db.run(years.check_year_end, treasurer, year, TODAY).problems
    assert not any("ticked" in p for p in problems)


def test_what_a_closed_year_printed_stays_as_it_was(db, treasurer, coordinator, ids):
    from clubapp.services import asset_lines, club

    funds, accounts, categories = ids
    db.run(books.record_entry, treasurer, receipt(ids, date(2025, 6, 1), 10_00))
    year = _close(db, treasurer, 2025)
    with pytest.raises(ValidationError, match="closed"):
        db.run(
            asset_lines.save_line,
            treasurer,
            year,
            None,
            asset_lines.AssetLineInput("liability", "A bill", 5_00),
        )
    with pytest.raises(ValidationError, match="line it is printed on"):
        db.run(
            books.save_category,
            treasurer,
            categories["Donations"],
            books.CategoryInput("Donations", "receipts", "Gifts from anyone"),
        )
    # Not even the coordinator, who changes the club's settings, can move the year's
    # start by the back door.
    with pytest.raises(ValueError):
        db.run(club.set_int_setting, coordinator, "year_start_month", 1)


def test_a_reconciled_account_keeps_its_opening_balance(db, treasurer, ids):
    _, accounts, _ = ids
    bank = accounts["Bank current account"]
    db.run(books.record_entry, treasurer, receipt(ids, date(2026, 5, 1), 5_00))
    _reconcile_all(db, treasurer, bank, date(2026, 5, 31))
    with pytest.raises(ValidationError, match="reconciled"):
        db.run(
            books.save_account,
            treasurer,
            bank,
            books.AccountInput("Bank current account", "current", opening_pence=500_00),
        )


def test_a_fund_or_account_holding_money_cannot_stop_being_used(db, treasurer, ids):
    funds, accounts, _ = ids
    db.run(books.record_entry, treasurer, receipt(ids, date(2026, 5, 1), 5_00, "Lottery"))
    with pytest.raises(ValidationError, match="still holds £5.00"):
        db.run(
            books.save_fund,
            treasurer,
            funds["Lottery"],
            FundInput("Lottery", "restricted", retired=True),
        )
    with pytest.raises(ValidationError, match="still holds £5.00"):
        db.run(
            books.save_account,
            treasurer,
            accounts["Bank current account"],
            books.AccountInput("Bank current account", "current", retired=True),
        )


def test_amounts_with_too_many_figures_or_two_signs_are_refused():
    for text in ("1" * 5000, "(-12.00)", "+-3", "01,234"):
        with pytest.raises(ValidationError):
            parse_signed(text)
    assert parse_signed("£(12.00)") == -1200


@pytest.mark.parametrize("text", ["12 CR", "12.00 DR", "(12.00)", "£(3)"])
def test_a_form_amount_says_to_choose_money_in_or_out_rather_than_a_sign(text):
    with pytest.raises(ValidationError) as exc:
        parse_amount(text)
    assert "choose Money in or Money out" in exc.value.errors["amount"]

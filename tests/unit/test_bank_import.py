"""Bank statements and spreadsheets of transactions into the cash book: the banks'
layouts recognised, columns saved once and reused, lines already in the books left out
line for line, every problem named by its line, and every line or none imported."""

from __future__ import annotations

import codecs
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, func, select

from clubapp.models.accounts import MoneyEntry
from clubapp.services import bank_formats, bank_import, books, years
from clubapp.services.bank_formats import BankFileError, BankFormat, ColumnMap
from clubapp.services.books import EntryInput, FundInput, SplitInput
from clubapp.services.errors import NotAllowed, ValidationError

TODAY = date(2026, 11, 18)


@pytest.fixture
def treasurer(actors):
    return actors["treasurer"]


@pytest.fixture
def ids(db, treasurer):
    """The seeded books with a restricted "Lottery" fund added: (funds, accounts, categories)."""
    db.run(books.save_fund, treasurer, None, FundInput("Lottery", "restricted", "Weekly club"))
    funds = {f.name: f.fund_id for f in db.run(books.list_funds, treasurer)}
    accounts = {a.name: a.account_id for a in db.run(books.list_accounts, treasurer)}
    categories = {
        (c.name, c.is_receipt): c.category_id for c in db.run(books.list_categories, treasurer)
    }
    return funds, accounts, categories


@pytest.fixture
def bank(ids) -> int:
    return ids[1]["Bank current account"]


def csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def table(db, actor, data: bytes):
    return db.run(bank_import.read_file, actor, data)


def detected(db, actor, data: bytes) -> bank_formats.Detected | None:
    return db.run(bank_formats.detect, actor, table(db, actor, data))


def for_bank(db, actor, data: bytes, account_id: int | None) -> BankFormat:
    """The format the file is recognised as, for ``account_id``."""
    found = detected(db, actor, data)
    assert found is not None, "the file was not recognised"
    return BankFormat(found.fmt.name, found.fmt.columns, account_id)


def plan(db, actor, data: bytes, fmt: BankFormat) -> bank_import.ImportPlan:
    return db.run(bank_import.plan_import, actor, data, fmt)


def apply(db, actor, data: bytes, fmt: BankFormat) -> bank_import.ImportPlan:
    return db.run(bank_import.apply_import, actor, data, fmt)


def entries(db) -> list[tuple[date, str, int, str, bool]]:
    with db.transaction() as s:
        rows = s.execute(
            select(
                MoneyEntry.on,
                MoneyEntry.kind,
                MoneyEntry.amount_pence,
                MoneyEntry.description,
                MoneyEntry.to_sort,
            ).order_by(MoneyEntry.on, MoneyEntry.id)
        )
        return [tuple(r) for r in rows]


def entry_count(db) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count()).select_from(MoneyEntry)) or 0


def close_2025(db, actor) -> None:
    """Close the year 1 April 2025 to 31 March 2026 (nothing in it to sort or tick)."""
    with db.transaction() as s:
        year = years.year_named(s, 2025)
    db.run(years.close_year, actor, year, TODAY)


# ---------------------------------------------------------------- the banks' layouts

SIGNED = ColumnMap(date="Date", description="Description", amount="Amount")

# Each bank's export as it comes: its headings and two lines, money out (£12.40 at a
# shop on 3 November 2026) and money in (£250.00 on 4 November 2026).
BANK_FILES = {
    "Barclays": (
        "Number,Date,Account,Amount,Subcategory,Memo\n"
        " ,03/11/2026,20-32-06 13152170,-12.40,PAYMENT,TESCO STORES 2041\n"
        " ,04/11/2026,20-32-06 13152170,250.00,DIRECTDEP,NATIONAL LOTTERY\n"
    ),
    "Lloyds": (
        "Transaction Date,Transaction Type,Sort Code,Account Number,Transaction Description,"
        "Debit Amount,Credit Amount,Balance\n"
        "04/11/2026,BGC,'30-00-00,12345678,NATIONAL LOTTERY,,250.00,487.60\n"
        "03/11/2026,DEB,'30-00-00,12345678,TESCO STORES 2041,12.40,,237.60\n"
    ),
    "NatWest": (
        "\n"
        "Date, Type, Description, Value, Balance, Account Name, Account Number\n"
        "03 Nov 2026,POS,'TESCO STORES 2041,-12.40,237.60,'CLUB,'600000-12345678,\n"
        "04 Nov 2026,BAC,'NATIONAL LOTTERY,250.00,487.60,'CLUB,'600000-12345678,\n"
    ),
    "Nationwide": (
        '"Account Name:","Current Account ****12345"\n'
        '"Account Balance:","£487.60"\n'
        '"Available Balance: ","£487.60"\n'
        "\n"
        '"Date","Transaction type","Description","Paid out","Paid in","Balance"\n'
        '"03 Nov 2026","Contactless payment","TESCO STORES 2041","£12.40","","£237.60"\n'
        '"04 Nov 2026","Bank credit","NATIONAL LOTTERY","","£250.00","£487.60"\n'
    ),
    "Starling": (
        "Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),Spending Category,Notes\n"
        "03/11/2026,Tesco,TESCO STORES 2041,CONTACTLESS,-12.40,237.60,GROCERIES,\n"
        "04/11/2026,National Lottery,GRANT 2026,FASTER PAYMENT,250.00,487.60,INCOME,\n"
    ),
    "Monzo": (
        "Transaction ID,Date,Time,Type,Name,Emoji,Category,Amount,Currency,Local amount,"
        "Local currency,Notes and #tags,Address,Receipt,Description,Category split,"
        "Money Out,Money In\n"
        "tx_1,03/11/2026,10:12:00,Card payment,Tesco,,Groceries,-12.40,GBP,-12.40,GBP,,,,"
        "TESCO STORES 2041,,-12.40,\n"
        "tx_2,04/11/2026,09:00:00,Faster payment,National Lottery,,Income,250.00,GBP,250.00,"
        "GBP,,,,GRANT,,,250.00\n"
    ),
    "HSBC": ('03/11/2026,"TESCO STORES 2041","-12.40"\n04/11/2026,"NATIONAL LOTTERY","250.00"\n'),
    "Co-operative Bank": (
        "Date,Description,Type,Money In,Money Out,Balance\n"
        "03/11/2026,TESCO STORES 2041,POS,,12.40,237.60\n"
        "04/11/2026,NATIONAL LOTTERY,BGC,250.00,,487.60\n"
    ),
    "Santander": (
        "Date,Description,Money In,Money Out,Balance\n"
        "03/11/2026,TESCO STORES 2041,,12.40,237.60\n"
        "04/11/2026,NATIONAL LOTTERY,250.00,,487.60\n"
    ),
    "Unity Trust Bank": (
        "Date,Type,Description,Paid In,Paid Out,Balance\n"
        "03/11/2026,DEB,TESCO STORES 2041,,12.40,237.60\n"
        "04/11/2026,BGC,NATIONAL LOTTERY,250.00,,487.60\n"
    ),
    "CAF Bank": (
        "Date,Narrative,Debit,Credit,Balance\n"
        "03/11/2026,TESCO STORES 2041,12.40,,237.60\n"
        "04/11/2026,NATIONAL LOTTERY,,250.00,487.60\n"
    ),
}


@pytest.mark.parametrize("name", sorted(BANK_FILES))
def test_each_banks_export_is_recognised_and_read_the_right_way_round(db, treasurer, bank, name):
    """Every preset is found from the file's headings, and its lines come out as £12.40
    out on 3 November and £250.00 in on 4 November, waiting to be sorted."""
    data = csv(BANK_FILES[name])
    found = detected(db, treasurer, data)
    assert found is not None and found.kind == "bank"
    assert found.fmt.name == name
    result = plan(db, treasurer, data, for_bank(db, treasurer, data, bank))
    assert result.ok, result.problems
    got = sorted((n.on, n.signed_pence, n.description) for n in result.new)
    assert got == [
        (
            date(2026, 11, 3),
            -12_40,
            "TESCO STORES 2041" if name not in ("Starling", "Monzo") else "Tesco",
        ),
        (
            date(2026, 11, 4),
            250_00,
            "NATIONAL LOTTERY" if name not in ("Starling", "Monzo") else "National Lottery",
        ),
    ]
    assert all(n.to_sort for n in result.new)


def test_the_statements_closing_balance_is_its_newest_lines_whichever_way_it_is_listed(
    db, treasurer, bank
):
    """Lloyds lists newest first, Nationwide oldest first: both end on £487.60, 4 November."""
    for name in ("Lloyds", "Nationwide"):
        data = csv(BANK_FILES[name])
        result = plan(db, treasurer, data, for_bank(db, treasurer, data, bank))
        assert result.closing == (date(2026, 11, 4), 487_60), name


def test_headings_that_say_nothing_are_not_guessed(db, treasurer):
    """A file whose headings no bank and no spreadsheet uses is left for the treasurer."""
    data = csv("When,What,Cash\n03/11/2026,Tea,1.50\n")
    assert detected(db, treasurer, data) is None
    with pytest.raises(ValidationError) as caught:
        plan(db, treasurer, data, BankFormat("x", SIGNED, 1))
    assert "no column called 'Date'" in caught.value.errors["date"]


def test_a_bank_chosen_by_name_must_fit_the_file(db, treasurer):
    """Barclays' columns are not in a Lloyds file; Lloyds' are."""
    t = table(db, treasurer, csv(BANK_FILES["Lloyds"]))
    assert bank_formats.resolve_preset("barclays", t) is None
    lloyds = bank_formats.resolve_preset("Lloyds", t)
    assert lloyds is not None
    assert (lloyds.paid_in, lloyds.paid_out) == ("Credit Amount", "Debit Amount")


# ---------------------------------------------------------------- saved columns


OWN_BANK = "When,Details,In,Out\n03/11/2026,Raffle,25.00,\n04/11/2026,Hall,,40.00\n"
OWN_COLUMNS = ColumnMap(date="When", description="Details", paid_in="In", paid_out="Out")


def test_columns_saved_under_a_name_are_recognised_next_time_with_their_account(db, treasurer, ids):
    """The treasurer maps an unknown bank once; the next file is read the same way and
    goes into the account saved with it."""
    cash = ids[1]["Cash box"]
    data = csv(OWN_BANK)
    assert detected(db, treasurer, data) is None
    db.run(bank_formats.save_format, treasurer, BankFormat("  Village  Bank ", OWN_COLUMNS, cash))
    found = detected(db, treasurer, data)
    assert found is not None and found.kind == "saved"
    assert found.fmt == BankFormat("Village Bank", OWN_COLUMNS, cash)
    applied = apply(db, treasurer, data, found.fmt)
    assert [(n.signed_pence, n.account_id) for n in applied.new] == [(25_00, cash), (-40_00, cash)]
    assert entries(db) == [
        (date(2026, 11, 3), "receipt", 25_00, "Raffle", True),
        (date(2026, 11, 4), "payment", 40_00, "Hall", True),
    ]


def test_saving_under_the_same_name_replaces_the_columns(db, treasurer, bank):
    """One format per name, whatever its case; a blank or long name is refused."""
    db.run(bank_formats.save_format, treasurer, BankFormat("Village Bank", OWN_COLUMNS, bank))
    changed = ColumnMap(date="When", description="Details", amount="In")
    db.run(bank_formats.save_format, treasurer, BankFormat("village bank", changed, None))
    saved = db.run(bank_formats.saved_formats, treasurer)
    assert saved == [BankFormat("village bank", changed, None)]
    for name in ("   ", "x" * 61):
        with pytest.raises(ValidationError):
            db.run(bank_formats.save_format, treasurer, BankFormat(name, changed, None))
    db.run(bank_formats.delete_format, treasurer, "VILLAGE BANK")
    assert db.run(bank_formats.saved_formats, treasurer) == []


def test_a_heading_row_of_the_treasurers_own_words_is_found_below_other_lines(db, treasurer, bank):
    """Lines above the headings are skipped even when the headings are unusual words,
    once they are saved; line numbers still follow the file."""
    data = csv("Club account\nPrinted 05/11/2026\n" + OWN_BANK)
    db.run(bank_formats.save_format, treasurer, BankFormat("Village Bank", OWN_COLUMNS, bank))
    t = table(db, treasurer, data)
    assert t.heading_line == 3
    result = plan(db, treasurer, data, BankFormat("Village Bank", OWN_COLUMNS, bank))
    assert [n.line for n in result.new] == [4, 5]


def test_only_the_treasurer_and_coordinator_import_or_save_columns(db, actors):
    committee = actors["committee"]
    with pytest.raises(NotAllowed):
        db.run(bank_import.plan_import, committee, csv(OWN_BANK), BankFormat("x", OWN_COLUMNS, 1))
    with pytest.raises(NotAllowed):
        db.run(bank_formats.save_format, committee, BankFormat("x", OWN_COLUMNS, 1))


# ---------------------------------------------------------------- amounts and dates


def test_paid_in_and_paid_out_columns_give_the_direction(db, treasurer, bank):
    """Paid out is money out even written with a minus; a line with both, or neither,
    is a problem named by its line and column."""
    data = csv(
        "Date,Description,Paid in,Paid out\n"
        "01/11/2026,Grant,1000.00,\n"  # line 2
        "02/11/2026,Hall,,45.00\n"  # 3
        "03/11/2026,Bus,,-30.00\n"  # 4
        "04/11/2026,Muddle,5.00,6.00\n"  # 5
        "05/11/2026,Nothing,,\n"  # 6
        "06/11/2026,Typo,12.345,\n"  # 7
    )
    columns = ColumnMap(
        date="Date", description="Description", paid_in="Paid in", paid_out="Paid out"
    )
    result = plan(db, treasurer, data, BankFormat("x", columns, bank))
    assert [(n.line, n.signed_pence) for n in result.new] == [
        (2, 1000_00),
        (3, -45_00),
        (4, -30_00),
    ]
    problems = {(p.line, p.column): p.message for p in result.problems}
    assert set(problems) == {(5, ""), (6, "Paid in"), (7, "Paid in")}
    assert "both paid in and paid out" in problems[(5, "")]
    assert "no amount in Paid in or Paid out" in problems[(6, "Paid in")]
    assert "more than two figures" in problems[(7, "Paid in")]


def test_amounts_and_dates_as_banks_write_them(db, treasurer, bank):
    """Brackets and DR mean money out; ISO dates and times are read; a £0 line is left out."""
    data = csv(
        "Date,Description,Amount\n"
        "2026-11-01T09:30:00Z,Bracket,(12.00)\n"
        "02/11/2026 14:05,Debit,7.50 DR\n"
        '3 November 2026,Credit,"£1,234.50"\n'
        "04/11/26,Nothing,0.00\n"
    )
    result = plan(db, treasurer, data, BankFormat("x", SIGNED, bank))
    assert result.problems == (), result.problems
    assert [(n.on, n.signed_pence) for n in result.new] == [
        (date(2026, 11, 1), -12_00),
        (date(2026, 11, 2), -7_50),
        (date(2026, 11, 3), 1234_50),
    ]
    assert [(s.line, s.why) for s in result.skipped] == [(5, "zero")]


def test_dates_written_month_first_need_the_format_to_say_so(db, treasurer, bank):
    """11/03/2026 is 11 March day first, 3 November month first; 11/13 is refused day first."""
    data = csv("Date,Description,Amount\n11/03/2026,A,1.00\n11/13/2026,B,2.00\n")
    day_first = plan(db, treasurer, data, BankFormat("x", SIGNED, bank))
    assert [n.on for n in day_first.new] == [date(2026, 3, 11)]
    assert [(p.line, p.column) for p in day_first.problems] == [(3, "Date")]
    assert "no month 13" in day_first.problems[0].message
    us = ColumnMap(
        date="Date", description="Description", amount="Amount", date_style="month_first"
    )
    month_first = plan(db, treasurer, data, BankFormat("x", us, bank))
    assert [n.on for n in month_first.new] == [date(2026, 11, 3), date(2026, 11, 13)]


def test_a_stray_comma_that_shifts_the_cells_is_a_problem_not_a_wrong_amount(db, treasurer, bank):
    data = csv("Date,Description,Amount\n01/11/2026,TESCO, LONDON,-5.00\n")
    result = plan(db, treasurer, data, BankFormat("x", SIGNED, bank))
    assert not result.new
    assert any("more cells than there are column headings" in p.message for p in result.problems)


# ---------------------------------------------------------------- in the books already


def test_a_statement_imported_twice_adds_its_lines_once(db, treasurer, bank):
    """Two real £5 lines on one day are both added, once each; the second import adds
    nothing and says why for every line."""
    data = csv(
        "Date,Description,Amount\n"
        "01/11/2026,TEA URN,-5.00\n"
        "01/11/2026,TEA URN,-5.00\n"
        "02/11/2026,RAFFLE,20.00\n"
    )
    fmt = BankFormat("x", SIGNED, bank)
    first = apply(db, treasurer, data, fmt)
    assert len(first.new) == 3 and entry_count(db) == 3
    again = apply(db, treasurer, data, fmt)
    assert again.new == ()
    assert [(s.line, s.why) for s in again.skipped] == [
        (2, "imported"),
        (3, "imported"),
        (4, "imported"),
    ]
    assert entry_count(db) == 3


def test_a_line_saved_with_its_import_key_elsewhere_is_known_as_imported(db, treasurer, bank):
    """The key other code (the demo club) saves a bank line with is the import's own."""
    key = bank_import.import_key(bank, date(2026, 11, 1), -5_00, "  Tea   URN ", 1)
    db.run(
        books.record_entry,
        treasurer,
        EntryInput(date(2026, 11, 1), "payment", 5_00, bank, description="Tea urn"),
        import_key=key,
    )
    data = csv("Date,Description,Amount\n01/11/2026,TEA URN,-5.00\n")
    result = plan(db, treasurer, data, BankFormat("x", SIGNED, bank))
    assert [(s.line, s.why) for s in result.skipped] == [(2, "imported")]


def test_an_overlapping_statement_adds_only_the_lines_not_yet_there(db, treasurer, bank):
    """The same line written with other spaces and capitals is the same line; the third
    £5 on the day is new."""
    fmt = BankFormat("x", SIGNED, bank)
    apply(db, treasurer, csv("Date,Description,Amount\n01/11/2026,Tea  urn,-5.00\n"), fmt)
    later = csv(
        "Date,Description,Amount\n"
        "01/11/2026,TEA URN,-5.00\n"
        "01/11/2026,TEA URN,-5.00\n"
        "03/11/2026,HALL,-40.00\n"
    )
    result = apply(db, treasurer, later, fmt)
    assert [s.line for s in result.skipped] == [2]
    assert [(n.line, n.signed_pence) for n in result.new] == [(3, -5_00), (4, -40_00)]
    assert entry_count(db) == 3


def test_lines_typed_by_hand_are_matched_line_for_line(db, treasurer, ids, bank):
    """One £5 typed in by hand and two £5 lines on the statement: one is added. A bank to
    cash box transfer typed in matches the statement's money out."""
    funds, accounts, categories = ids
    db.run(
        books.record_entry,
        treasurer,
        EntryInput(
            date(2026, 11, 1),
            "receipt",
            5_00,
            bank,
            (SplitInput(categories[("Donations", True)], funds["General fund"], 5_00),),
            description="Donation in the tin",
        ),
    )
    db.run(
        books.record_entry,
        treasurer,
        EntryInput(
            date(2026, 11, 2), "account_transfer", 100_00, bank, to_account_id=accounts["Cash box"]
        ),
    )
    data = csv(
        "Date,Description,Amount\n"
        "01/11/2026,CASH PAID IN,5.00\n"
        "01/11/2026,CASH PAID IN,5.00\n"
        "02/11/2026,CASH WITHDRAWAL,-100.00\n"
        "02/11/2026,CARD PAYMENT,-5.00\n"
    )
    result = apply(db, treasurer, data, BankFormat("x", SIGNED, bank))
    assert [(s.line, s.why, s.matched) for s in result.skipped] == [
        (2, "in_books", "Donation in the tin"),
        (4, "in_books", ""),
    ]
    assert result.skipped[0].reason == "in the books already as 'Donation in the tin'"
    assert [(n.line, n.signed_pence) for n in result.new] == [(3, 5_00), (5, -5_00)]
    # The same file again: its added lines by their keys, the others by hand, no more.
    again = plan(db, treasurer, data, BankFormat("x", SIGNED, bank))
    assert again.new == ()
    assert sorted(s.why for s in again.skipped) == ["imported", "imported", "in_books", "in_books"]


def test_the_same_line_in_another_account_is_not_in_the_books(db, treasurer, ids, bank):
    cash = ids[1]["Cash box"]
    data = csv("Date,Description,Amount\n01/11/2026,FLOAT,50.00\n")
    apply(db, treasurer, data, BankFormat("x", SIGNED, bank))
    result = plan(db, treasurer, data, BankFormat("x", SIGNED, cash))
    assert len(result.new) == 1 and result.skipped == ()


def test_finding_lines_in_the_books_takes_the_same_queries_for_ten_lines_or_a_thousand(
    db, treasurer, bank
):
    """The books are asked once per account, not once per line."""

    def queries(lines: int) -> int:
        text = "Date,Description,Amount\n" + "".join(
            f"{1 + n % 28:02d}/10/2026,SHOP {n},-{1 + n % 50}.00\n" for n in range(lines)
        )
        data = csv(text)
        count = 0

        def counted(*_args):
            nonlocal count
            count += 1

        event.listen(db.engine, "before_cursor_execute", counted)
        try:
            result = plan(db, treasurer, data, BankFormat("x", SIGNED, bank))
        finally:
            event.remove(db.engine, "before_cursor_execute", counted)
        assert len(result.new) == lines
        return count

    apply(
        db,
        treasurer,
        csv("Date,Description,Amount\n05/10/2026,OLD,-0.99\n"),
        BankFormat("x", SIGNED, bank),
    )
    assert queries(10) == queries(1000)


# ---------------------------------------------------------------- all or nothing


def test_one_bad_line_means_nothing_is_imported_and_every_problem_is_named(db, treasurer, bank):
    data = csv(
        "Date,Description,Amount\n"
        "01/11/2026,GOOD,-5.00\n"
        "31/02/2026,BAD DAY,-5.00\n"
        '02/11/2026,BAD AMOUNT,"1.234,50"\n'
        "03/11/2026,BAD AMOUNT,NaN\n"
        "04/11/2026,GOOD,7.00\n"
    )
    result = apply(db, treasurer, data, BankFormat("x", SIGNED, bank))
    assert not result.ok
    assert [(p.line, p.column) for p in result.problems] == [
        (3, "Date"),
        (4, "Amount"),
        (5, "Amount"),
    ]
    assert "comma for the pence" in result.problems[1].message
    assert "There is no 31 February 2026" in result.problems[0].message
    assert entry_count(db) == 0
    assert "3 lines have problems" in result.summary()


def test_a_closed_year_is_refused_by_line_and_nothing_is_imported(db, treasurer, ids):
    """A new line dated in a closed year is a problem; a line already in the books from
    that year is simply left out."""
    funds, accounts, categories = ids
    cash = accounts["Cash box"]
    fmt = BankFormat("x", SIGNED, cash)
    apply(db, treasurer, csv("Date,Description,Amount\n30/03/2026,OLD,-2.00\n"), fmt)
    waiting = db.run(books.to_sort, treasurer)[0].entry_id
    sorted_line = EntryInput(
        date(2026, 3, 30),
        "payment",
        2_00,
        cash,
        (SplitInput(categories[("Other payments", False)], funds["General fund"], 2_00),),
        description="OLD",
    )
    db.run(books.change_entry, treasurer, waiting, sorted_line)
    close_2025(db, treasurer)

    data = csv(
        "Date,Description,Amount\n"
        "30/03/2026,OLD,-2.00\n"  # in the books: left out
        "31/03/2026,LATE,-3.00\n"  # closed year: refused
        "01/04/2026,NEW YEAR,4.00\n"
    )
    result = apply(db, treasurer, data, fmt)
    assert [(s.line, s.why) for s in result.skipped] == [(2, "imported")]
    assert [(p.line, p.column) for p in result.problems] == [(3, "Date")]
    assert "31 March 2026 is in a year that is closed" in result.problems[0].message
    assert entry_count(db) == 1


def test_a_line_the_books_refuse_on_saving_takes_every_line_with_it(
    db, treasurer, bank, monkeypatch
):
    """Should the books refuse a line the preview passed, nothing of the file is kept."""
    real = books._check_entry
    calls = 0

    def refuse_the_second(session, data, **kwargs):
        nonlocal calls
        calls += 1
        if calls == 2:
            raise ValidationError("amount", "Refused.")
        return real(session, data, **kwargs)

    monkeypatch.setattr(books, "_check_entry", refuse_the_second)
    data = csv("Date,Description,Amount\n01/11/2026,A,1.00\n02/11/2026,B,2.00\n")
    result = apply(db, treasurer, data, BankFormat("x", SIGNED, bank))
    assert not result.ok and result.new == ()
    assert result.problems[0].line == 3
    assert entry_count(db) == 0


# ---------------------------------------------------------------- the file itself


def test_windows_1252_and_byte_order_marks_are_read(db, treasurer, bank):
    """A £ written by an old bank system (one byte) and a BOM both read as they should."""
    text = "Date,Description,Amount\n01/11/2026,Café £5 voucher,5.00\n"
    for data in (
        text.encode("cp1252"),
        text.encode("latin-1"),
        codecs.BOM_UTF8 + text.encode("utf-8"),
        text.encode("utf-16"),
    ):
        result = plan(db, treasurer, data, BankFormat("x", SIGNED, bank))
        assert [n.description for n in result.new] == ["Café £5 voucher"]


def test_semicolons_tabs_and_blank_lines(db, treasurer, bank):
    for sep in (";", "\t"):
        data = csv(f"Date{sep}Description{sep}Amount\n\n01/11/2026{sep}A{sep}1.50\n\n")
        result = plan(db, treasurer, data, BankFormat("x", SIGNED, bank))
        assert [(n.line, n.signed_pence) for n in result.new] == [(3, 1_50)]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (bytes(range(256)) * 4, "not a CSV file"),
        (b"PK\x03\x04rest of a workbook", "spreadsheet workbook"),
        (b"%PDF-1.7\n", "PDF statement"),
        (b"   \n\n", "empty"),
    ],
)
def test_a_file_that_is_not_a_statement_gets_one_plain_message(db, treasurer, data, words):
    with pytest.raises(BankFileError) as caught:
        table(db, treasurer, data)
    message = str(caught.value)
    assert words in message and "\n" not in message
    assert "Download the statement" in message or "empty" in message


BYTES_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _import_is_all_or_nothing(db, treasurer, bank, data: bytes) -> None:
    before = entry_count(db)
    try:
        result = apply(db, treasurer, data, BankFormat("x", SIGNED, bank))
    except (BankFileError, ValidationError):
        assert entry_count(db) == before
        return
    assert entry_count(db) == before + (len(result.new) if result.ok else 0)


@BYTES_SETTINGS
@given(data=st.binary(max_size=400))
def test_any_bytes_never_crash_and_import_everything_or_nothing(db, treasurer, bank, data):
    _import_is_all_or_nothing(db, treasurer, bank, data)


@BYTES_SETTINGS
@given(
    lines=st.lists(
        st.tuples(
            st.sampled_from(["01/11/2026", "31/02/2026", "2026-11-03", "", "x", "03/04/2026"]),
            st.text(max_size=12),
            st.sampled_from(["-5.00", "12", "(3.50)", "", "1e3", "£1,000.00", "0", "7 CR"]),
        ),
        max_size=8,
    )
)
def test_any_statement_lines_never_crash_and_import_everything_or_nothing(
    db, treasurer, bank, lines
):
    text = "Date,Description,Amount\n" + "".join(
        f'{d},"{t.replace(chr(34), "")}",{a}\n' for d, t, a in lines
    )
    _import_is_all_or_nothing(db, treasurer, bank, text.encode("utf-8"))


# ---------------------------------------------------------------- a spreadsheet of transactions


SHEET = (
    "DATE,description,Amount,account,Category,FUND,Reference,Payee\n"
    "01/11/2026,Grant for the weekly club,3000.00,,Grants,Lottery,GR1,The Lottery\n"  # 2
    "02/11/2026,Hall hire,-45.00,Cash box,venue hire,general fund,,St Mary's\n"  # 3
    "03/11/2026,Unknown,-9.99,,,,,\n"  # 4
)


def test_a_spreadsheet_with_categories_and_funds_is_saved_sorted(db, treasurer, ids, bank):
    """Headings in any case; categories and funds by name; lines without them wait."""
    funds, accounts, categories = ids
    data = csv(SHEET)
    found = detected(db, treasurer, data)
    assert found is not None and found.kind == "transactions"
    result = apply(db, treasurer, data, BankFormat(found.fmt.name, found.fmt.columns, bank))
    assert result.ok, result.problems
    assert [(n.category, n.fund, n.account) for n in result.new] == [
        ("Grants", "Lottery", "Bank current account"),
        ("Venue hire", "General fund", "Cash box"),
        ("", "", "Bank current account"),
    ]
    assert db.run(books.count_to_sort, treasurer) == 1
    hall = next(
        line
        for line in db.run(
            books.cash_book, treasurer, accounts["Cash box"], date(2026, 11, 1), date(2026, 11, 30)
        ).lines
    )
    view = db.run(books.get_entry, treasurer, hall.entry_id)
    assert view.data.splits == (
        SplitInput(categories[("Venue hire", False)], funds["General fund"], 45_00),
    )
    assert (view.data.payee, view.data.kind) == ("St Mary's", "payment")


def test_names_that_are_not_in_the_books_are_named_with_the_fix(db, treasurer, ids, bank):
    data = csv(
        "Date,Description,Amount,Account,Category,Fund\n"
        "01/11/2026,A,10.00,,Grants,Lotery\n"  # 2: no such fund
        "02/11/2026,B,-10.00,,Donations,General fund\n"  # 3: money in category on money out
        "03/11/2026,C,10.00,Piggy bank,Grants,General fund\n"  # 4: no such account
        "04/11/2026,D,10.00,,Grants,\n"  # 5: category without a fund
        "05/11/2026,E,10.00,,Raffles,General fund\n"  # 6: no such category
    )
    result = plan(
        db,
        treasurer,
        data,
        BankFormat("sheet", bank_formats.transactions_columns(table(db, treasurer, data)), bank),
    )
    problems = {(p.line, p.column): p.message for p in result.problems}
    assert problems[(2, "Fund")] == (
        "There is no fund called 'Lotery'. The funds are: General fund, Lottery."
    )
    assert problems[(3, "Category")].startswith(
        "'Donations' is a category for money in, but this line is money out"
    )
    assert "Venue hire" in problems[(3, "Category")]
    assert problems[(4, "Account")] == (
        "There is no money account called 'Piggy bank'. The accounts are: "
        "Bank current account, Cash box."
    )
    assert "a category but no fund" in problems[(5, "Fund")]
    assert problems[(6, "Category")].startswith("There is no category called 'Raffles'.")
    assert result.new == () and not result.ok


def test_a_spreadsheet_without_an_account_needs_one_chosen(db, treasurer):
    data = csv("Date,Description,Amount\n01/11/2026,A,1.00\n")
    columns = bank_formats.transactions_columns(table(db, treasurer, data))
    with pytest.raises(ValidationError) as caught:
        plan(db, treasurer, data, BankFormat("sheet", columns, None))
    assert "money_account" in caught.value.errors
    with_column = csv("Date,Description,Amount,Account\n01/11/2026,A,1.00,\n")
    columns = bank_formats.transactions_columns(table(db, treasurer, with_column))
    result = plan(db, treasurer, with_column, BankFormat("sheet", columns, None))
    assert [(p.line, p.column) for p in result.problems] == [(2, "Account")]
    assert "blank" in result.problems[0].message


def test_columns_that_cannot_work_are_named_by_field(db, treasurer, bank):
    t = table(db, treasurer, csv("Date,Description,Amount,Paid in\n01/11/2026,A,1.00,\n"))
    for columns, field, words in (
        (ColumnMap(description="Description", amount="Amount"), "date", "date"),
        (ColumnMap(date="Date", description="Description"), "amount", "amount"),
        (ColumnMap(date="Date", amount="Amount", paid_in="Paid in"), "amount", "not both"),
        (
            ColumnMap(date="Date", description="Date", amount="Amount"),
            "description",
            "already chosen",
        ),
    ):
        with pytest.raises(ValidationError) as caught:
            bank_formats.check_columns(columns, t)
        assert words in caught.value.errors[field]


# ---------------------------------------------------------------- retired names


def retire(db, actor, category: str = "", fund: str = "", account: str = "") -> None:
    """Stop using a category, fund or money account, as Set up the books does."""
    if category:
        row = next(c for c in db.run(books.list_categories, actor) if c.name == category)
        db.run(
            books.save_category,
            actor,
            row.category_id,
            books.CategoryInput(row.name, row.section, row.line, retired=True),
        )
    if fund:
        fund_row = next(f for f in db.run(books.list_funds, actor) if f.name == fund)
        db.run(
            books.save_fund,
            actor,
            fund_row.fund_id,
            FundInput(fund_row.name, fund_row.kind, fund_row.purpose, fund_row.opening_pence, True),
        )
    if account:
        account_row = next(a for a in db.run(books.list_accounts, actor) if a.name == account)
        db.run(
            books.save_account,
            actor,
            account_row.account_id,
            books.AccountInput(account_row.name, account_row.kind, account_row.opening_pence, True),
        )


def test_retired_names_are_problems_on_every_line_of_the_preview(db, treasurer, ids, bank):
    """The preview names each line with a category, fund or account no longer used, so
    it never says all is well for the import to refuse the first of them."""
    data = csv(
        "Date,Description,Amount,Account,Category,Fund\n"
        "01/11/2026,A,10.00,,Grants,General fund\n"  # 2
        "02/11/2026,B,20.00,,grants,General fund\n"  # 3
        "03/11/2026,C,30.00,,Grants,General fund\n"  # 4
        "04/11/2026,D,40.00,,Donations,Lottery\n"  # 5: retired fund
        "05/11/2026,E,50.00,Cash box,Donations,General fund\n"  # 6: retired account
        "06/11/2026,F,60.00,,Donations,General fund\n"  # 7: nothing retired
        "31/11/2026,G,70.00,,Grants,General fund\n"  # 8: no such day, and retired
    )
    retire(db, treasurer, category="Grants", fund="Lottery", account="Cash box")
    fmt = BankFormat("sheet", bank_formats.transactions_columns(table(db, treasurer, data)), bank)

    preview = plan(db, treasurer, data, fmt)
    where = [(p.line, p.column) for p in preview.problems]
    assert where == [
        (2, "Category"),
        (3, "Category"),
        (4, "Category"),
        (5, "Fund"),
        (6, "Account"),
        (8, "Date"),
        (8, "Category"),
    ]
    by_line = {p.line: p.message for p in preview.problems}
    assert by_line[2].startswith("Grants is no longer used.")
    assert "bring it back in Set up the books" in by_line[2]
    # The ones to use instead are listed, and the retired one is not among them.
    assert "Donations" in by_line[2] and "Grants," not in by_line[2]
    assert by_line[5].startswith("Lottery is no longer used.")
    assert "General fund" in by_line[5]
    assert by_line[6].startswith("Cash box is no longer used.")
    assert "Bank current account" in by_line[6]
    assert "6 lines have problems" in preview.summary()

    imported = apply(db, treasurer, data, fmt)
    assert imported.problems == preview.problems
    assert entry_count(db) == 0


def test_a_line_in_the_books_already_may_keep_a_name_no_longer_used(db, treasurer, ids, bank):
    """Only a line to be added needs names in use: one left out is not saved again."""
    data = csv("Date,Description,Amount,Category,Fund\n01/11/2026,A,10.00,Grants,Lottery\n")
    fmt = BankFormat("sheet", bank_formats.transactions_columns(table(db, treasurer, data)), bank)
    assert apply(db, treasurer, data, fmt).ok
    retire(db, treasurer, category="Grants")

    again = apply(db, treasurer, data + b"02/11/2026,B,5.00,Grants,Lottery\n", fmt)
    assert [(s.line, s.why) for s in again.skipped] == [(2, "imported")]
    assert [(p.line, p.column) for p in again.problems] == [(3, "Category")]
    assert entry_count(db) == 1


def test_a_statement_for_an_account_no_longer_used_is_refused_before_any_line(db, treasurer, ids):
    cash = ids[1]["Cash box"]
    retire(db, treasurer, account="Cash box")
    data = csv("Date,Description,Amount\n01/11/2026,A,1.00\n02/11/2026,B,2.00\n")
    for run in (plan, apply):
        with pytest.raises(ValidationError) as caught:
            run(db, treasurer, data, BankFormat("x", SIGNED, cash))
        assert caught.value.errors["money_account"].startswith("Cash box is no longer used.")
        assert "bring it back in Set up the books" in caught.value.errors["money_account"]
    assert entry_count(db) == 0

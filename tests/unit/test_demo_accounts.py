"""The demo club's books keep every rule the treasurer's books have.

The demo writes its entries with bulk inserts for speed, so these tests check what the
services would have checked, and work each balance out again from the rows themselves.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from clubapp import demo_accounts
from clubapp.db.database import Database, open_database
from clubapp.demo import build_demo
from clubapp.models.accounts import (
    Category,
    Fund,
    MoneyAccount,
    MoneyEntry,
    Reconciliation,
    Split,
)
from clubapp.models.users import User
from clubapp.services import books, reconcile, years
from clubapp.services.errors import ValidationError
from clubapp.services.permissions import Actor
from tests.conftest import TODAY, copy_club

# With today 18 November 2026 the books start on 1 April 2024.
FIRST = years.Year(date(2024, 4, 1), date(2025, 3, 31))  # closed
SECOND = FIRST.next()  # 2025-26: ready to close
CURRENT = SECOND.next()  # 2026-27, up to today
LAST_STATEMENT = date(2026, 10, 31)
WEEK = timedelta(days=7)
SECTIONS_FOR = {"receipt": {"receipts", "asset_sales"}, "payment": {"payments", "asset_purchases"}}


@pytest.fixture(scope="module")
def small(demo_club, tmp_path_factory):
    """This module's copy of the small demo on TODAY (built once per run, tests/conftest.py)."""
    db = open_database(copy_club(demo_club, tmp_path_factory.mktemp("books") / "demo.sqlite3"))
    yield db
    db.close()


@contextmanager
def _undone(db: Database) -> Iterator[Session]:
    """A session whose changes are all undone at the end, so the shared demo stays as built."""
    session = db.sessions()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


def _treasurer(db: Database) -> Actor:
    with db.transaction() as s:
        user_id = s.scalar(select(User.id).where(User.display_name == "Pat Green"))
    assert user_id is not None
    return Actor(user_id, "Pat Green", "treasurer")


# --------------------------------------------------------------------------------------
# The books worked out again from their rows
# --------------------------------------------------------------------------------------


@dataclass
class _Rows:
    entries: list  # money_entries rows
    splits: dict[int, list]  # entry id -> its splits
    fund_opening: dict[int, int]
    account_opening: dict[int, int]
    fund_kinds: dict[int, str]
    account_kinds: dict[int, str]
    sections: dict[int, str]  # category id -> section


def _rows(db: Database) -> _Rows:
    with db.transaction() as s:
        entries = list(
            s.execute(select(MoneyEntry.__table__).order_by(MoneyEntry.on, MoneyEntry.id))
        )
        splits: dict[int, list] = defaultdict(list)
        for row in s.execute(select(Split.__table__)):
            splits[row.entry_id].append(row)
        funds = s.execute(select(Fund.id, Fund.opening_pence, Fund.kind)).all()
        accounts = s.execute(
            select(MoneyAccount.id, MoneyAccount.opening_pence, MoneyAccount.kind)
        ).all()
        sections = dict(s.execute(select(Category.id, Category.section)).all())
    return _Rows(
        entries,
        splits,
        {f: p for f, p, _k in funds},
        {a: p for a, p, _k in accounts},
        {f: k for f, _p, k in funds},
        {a: k for a, _p, k in accounts},
        sections,
    )


@dataclass
class _Movements:
    receipts: dict[int, int]
    payments: dict[int, int]
    moved_in: dict[int, int]
    moved_out: dict[int, int]


def _fund_movements(rows: _Rows, starts: date, ends: date) -> _Movements:
    m = _Movements(defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int))
    for e in rows.entries:
        if not starts <= e.on <= ends:
            continue
        if e.kind == "fund_transfer":
            m.moved_out[e.from_fund_id] += e.amount_pence
            m.moved_in[e.to_fund_id] += e.amount_pence
        for split in rows.splits.get(e.id, []):
            (m.receipts if e.kind == "receipt" else m.payments)[split.fund_id] += split.amount_pence
    return m


def _account_movements(rows: _Rows, starts: date, ends: date) -> _Movements:
    m = _Movements(defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int))
    for e in rows.entries:
        if not starts <= e.on <= ends:
            continue
        if e.kind == "receipt":
            m.receipts[e.account_id] += e.amount_pence
        elif e.kind == "payment":
            m.payments[e.account_id] += e.amount_pence
        elif e.kind == "account_transfer":
            m.moved_out[e.account_id] += e.amount_pence
            m.moved_in[e.to_account_id] += e.amount_pence
    return m


def _closing(opening: dict[int, int], m: _Movements) -> dict[int, int]:
    return {
        k: p + m.receipts[k] - m.payments[k] + m.moved_in[k] - m.moved_out[k]
        for k, p in opening.items()
    }


def _check_books(db: Database, today: date, first: years.Year, closed: int) -> None:
    """Every rule the issue lists, for books starting with ``first`` whose first
    ``closed`` years are closed and whose next year is ready to close."""
    rows = _rows(db)
    actor = _treasurer(db)
    assert sum(rows.fund_opening.values()) == sum(rows.account_opening.values())
    funds, accounts = rows.fund_opening, rows.account_opening
    year, n = first, 0
    with db.transaction() as s:
        while year.starts <= today:
            ends = min(year.ends, today)
            # opening + receipts - payments +/- transfers = closing, fund by fund and
            # account by account, the closing balance as the books say it.
            funds = _closing(funds, _fund_movements(rows, year.starts, ends))
            accounts = _closing(accounts, _account_movements(rows, year.starts, ends))
            assert funds == books.fund_balances(s, ends), year.name
            assert accounts == books.account_balances(s, ends), year.name
            # What the funds hold is what the accounts hold, apart from lines to sort.
            unsorted = books.unsorted_total(s, ends)
            assert sum(funds.values()) + unsorted == sum(accounts.values()), year.name
            carried = years.carried_forward(s, year)
            if n < closed:
                assert carried is not None, f"{year.name} carried forward"
                # A fund made since the year closed (the Crafternoon grant's, by the
                # grants demo) is not in what it carried forward, and holds nothing.
                held = {f: p for f, p in funds.items() if f in carried[0] or p}
                assert carried == (held, accounts), f"{year.name} carried forward"
                assert unsorted == 0
            else:
                assert carried is None, f"{year.name} should be open"
            if n == closed:
                check = years.check_year_end(s, actor, year, today)
                assert check.ready, check.problems
            year, n = year.next(), n + 1
        assert [y.name for y in years.closed_years(s)] == [
            y.name for y in _years_from(first, closed)
        ]


def _years_from(first: years.Year, count: int) -> list[years.Year]:
    out = [first]
    while len(out) < count:
        out.append(out[-1].next())
    return out[:count]


def _check_lines(db: Database) -> None:
    """Each entry is one the services would take: its parts add up, in categories of
    its own direction; a line to sort has no parts and came from an import."""
    rows = _rows(db)
    for e in rows.entries:
        parts = rows.splits.get(e.id, [])
        if e.kind in ("receipt", "payment") and not e.to_sort:
            assert parts and sum(p.amount_pence for p in parts) == e.amount_pence, e.id
            wanted = SECTIONS_FOR[e.kind]
            assert {rows.sections[p.category_id] for p in parts} <= wanted, e.id
        else:
            assert not parts, e.id
        assert e.to_sort == (e.import_key is not None), e.id
        assert e.amount_pence > 0


def _check_reconciled(db: Database, last_statement: date) -> None:
    """Monthly statements, each closing balance the opening balance plus every line
    ticked in it and before; every bank line up to the last statement ticked but for
    cheques still on their way."""
    rows = _rows(db)
    bank = next(a for a, k in rows.account_kinds.items() if k == "current")
    with db.transaction() as s:
        statements = s.execute(
            select(Reconciliation.id, Reconciliation.statement_date, Reconciliation.closing_pence)
            .where(Reconciliation.account_id == bank)
            .order_by(Reconciliation.statement_date)
        ).all()
        assert set(s.scalars(select(Reconciliation.status))) == {"done"}
    balance = rows.account_opening[bank]
    signed: dict[int, list[int]] = defaultdict(list)
    for e in rows.entries:
        if bank in (e.account_id, e.to_account_id):
            into = e.kind == "receipt" or e.to_account_id == bank
            # A transfer from the cash box is ticked on its receiving (the bank's) side.
            tick = e.to_reconciliation_id if e.to_account_id == bank else e.reconciliation_id
            signed[tick or 0].append(e.amount_pence if into else -e.amount_pence)
            on_its_way = e.reference.startswith("Cheque") and e.on > last_statement - WEEK
            if e.on <= last_statement and not on_its_way:
                assert tick is not None, f"{e.on} {e.description} is not ticked"
    for rec_id, statement_date, closing in statements:
        balance += sum(signed[rec_id])
        assert closing == balance, statement_date
        assert statement_date.month != (statement_date + timedelta(days=1)).month
    assert statements[-1].statement_date == last_statement


# --------------------------------------------------------------------------------------
# The small demo
# --------------------------------------------------------------------------------------


def test_small_demo_books_add_up_fund_by_fund_and_account_by_account(small):
    """Two full years and this one: every balance follows from its opening and its lines;
    2024-25 is closed with what the books say; 2025-26 is ready to close."""
    _check_books(small, TODAY, FIRST, closed=1)


def test_small_demo_lines_are_ones_the_services_would_take(small):
    _check_lines(small)


def test_every_line_passes_the_checks_record_entry_makes(small, monkeypatch):
    """Bulk-inserted lines still pass books' own checks, the closed year aside (it
    refuses everything, which is the point of closing it)."""
    monkeypatch.setattr(books.years, "check_open", lambda *_args, **_kw: None)
    actor = _treasurer(small)
    with small.transaction() as s:
        ids = s.scalars(select(MoneyEntry.id)).all()
        for entry_id in ids:
            view = books.get_entry(s, actor, entry_id)
            books._check_entry(s, view.data, sorting=view.to_sort)


def test_small_demo_bank_is_reconciled_month_by_month(small):
    _check_reconciled(small, LAST_STATEMENT)


def test_the_treasurer_can_reconcile_this_month_to_the_penny(small):
    """Ticking everything since the last statement agrees with the books to £0: the
    reconciled state the demo wrote is the one the service works from."""
    actor = _treasurer(small)
    with _undone(small) as s:
        bank = s.scalars(select(MoneyAccount.id).where(MoneyAccount.kind == "current")).one()
        on_statement = _statement_balance(s, bank, LAST_STATEMENT)
        assert reconcile.last_done(s, actor, bank) == (LAST_STATEMENT, on_statement)
        balance = books.account_balances(s, TODAY)[bank]
        rec = reconcile.start(s, actor, bank, TODAY, balance)
        for line in reconcile.view(s, actor, rec).lines:
            reconcile.tick(s, actor, rec, line.entry_id, True)
        assert reconcile.view(s, actor, rec).difference_pence == 0


def _statement_balance(s: Session, bank: int, day: date) -> int:
    """What the bank itself says on ``day``: the books' balance, with the cheques not
    yet cashed added back."""
    on_their_way = s.scalar(
        select(func.coalesce(func.sum(MoneyEntry.amount_pence), 0)).where(
            MoneyEntry.account_id == bank,
            MoneyEntry.kind == "payment",
            MoneyEntry.on <= day,
            MoneyEntry.reconciliation_id.is_(None),
        )
    )
    return books.account_balances(s, day)[bank] + (on_their_way or 0)


def test_first_year_is_locked_for_real(small):
    """The service refuses a line in 2024-25, and so does the database itself."""
    actor = _treasurer(small)
    with _undone(small) as s:
        general = s.scalars(select(Fund.id).where(Fund.kind == "general")).one()
        category = s.scalars(select(Category.id).where(Category.name == "Donations")).one()
        account = s.scalars(select(MoneyAccount.id).where(MoneyAccount.kind == "current")).one()
        data = books.EntryInput(
            date(2024, 6, 1),
            "receipt",
            500,
            account,
            (books.SplitInput(category, general, 500),),
        )
        with pytest.raises(ValidationError):
            books.record_entry(s, actor, data)
        locked = s.scalars(select(MoneyEntry.id).where(MoneyEntry.on <= FIRST.ends)).first()
        with pytest.raises(DBAPIError, match="the year is closed"):
            s.execute(
                text("UPDATE money_entries SET amount_pence = 1 WHERE id = :id"), {"id": locked}
            )


def test_second_year_closes_and_carries_forward_what_the_books_say(small):
    actor = _treasurer(small)
    with _undone(small) as s:
        years.close_year(s, actor, SECOND, TODAY)
        carried = years.carried_forward(s, SECOND)
        assert carried is not None
        funds, accounts = carried
        assert funds == books.fund_balances(s, SECOND.ends)
        assert accounts == books.account_balances(s, SECOND.ends)


def test_small_demo_has_what_a_small_dementia_club_has(small):
    """The grants, the funds, the splits, transfers of both kinds, four lines to sort,
    and nobody's money spent twice: no restricted fund, cash box or bank below £0. (The
    fourth restricted fund is the Crafternoon grant's, made by the grants demo.)"""
    rows = _rows(small)
    actor = _treasurer(small)
    with small.transaction() as s:
        kinds = sorted(f.kind for f in books.list_funds(s, actor))
        assert kinds == ["designated", "general"] + ["restricted"] * 4
        waiting = books.to_sort(s, actor)
        grant = s.scalar(
            select(func.sum(Split.amount_pence))
            .join(MoneyEntry, MoneyEntry.id == Split.entry_id)
            .join(Fund, Fund.id == Split.fund_id)
            .where(Fund.name.like("National Lottery%"), MoneyEntry.kind == "receipt")
            .where(MoneyEntry.on.between(SECOND.starts, SECOND.ends))
        )
    assert 2_500_000 <= grant <= 3_500_000  # about £30,000 a year
    assert len(waiting) == 4
    assert all(LAST_STATEMENT < line.on <= TODAY for line in waiting)
    counts: dict[str, int] = defaultdict(int)
    for e in rows.entries:
        counts[e.kind] += 1
        if len(rows.splits.get(e.id, [])) > 1:
            counts["split"] += 1
    assert counts["fund_transfer"] >= 3 and counts["account_transfer"] >= 24
    assert counts["split"] >= 24  # the hall's bill each month, and more
    assert 500 <= len(rows.entries) <= 1_200
    _check_never_overspent(rows)


def _check_never_overspent(rows: _Rows) -> None:
    funds = dict(rows.fund_opening)
    accounts = dict(rows.account_opening)
    day = None
    for e in rows.entries:
        if day is not None and e.on != day:
            _none_below_zero(rows, funds, accounts, day)
        day = e.on
        sign = {"receipt": 1, "payment": -1}.get(e.kind, 0)
        if sign:
            accounts[e.account_id] += sign * e.amount_pence
            for split in rows.splits.get(e.id, []):
                funds[split.fund_id] += sign * split.amount_pence
        elif e.kind == "account_transfer":
            accounts[e.account_id] -= e.amount_pence
            accounts[e.to_account_id] += e.amount_pence
        else:
            funds[e.from_fund_id] -= e.amount_pence
            funds[e.to_fund_id] += e.amount_pence
    _none_below_zero(rows, funds, accounts, day)


def _none_below_zero(rows: _Rows, funds: dict, accounts: dict, day: date | None) -> None:
    for fund, pence in funds.items():
        assert rows.fund_kinds[fund] != "restricted" or pence >= 0, (day, fund)
    assert all(pence >= 0 for pence in accounts.values()), day


def test_the_treasurer_finds_it_all(small):
    """Pat Green, the treasurer, keeps the books: the lines are hers, the cash book
    shows last year in the bank with a running balance."""
    actor = _treasurer(small)
    with small.transaction() as s:
        assert set(s.scalars(select(MoneyEntry.created_by))) == {"Pat Green"}
        bank = s.scalars(select(MoneyAccount.id).where(MoneyAccount.kind == "current")).one()
        book = books.cash_book(s, actor, bank, SECOND.starts, SECOND.ends)
        assert len(book.lines) > 150
        assert book.closing_pence == books.account_balances(s, SECOND.ends)[bank]
        assert all(line.reconciled for line in book.lines)


def test_same_seed_and_day_give_the_same_books(small, tmp_path):
    again = open_database(tmp_path / "again.sqlite3")
    try:
        build_demo(again, today=TODAY)
        first, second = _rows(small), _rows(again)
    finally:
        again.close()
    assert [tuple(e) for e in first.entries] == [tuple(e) for e in second.entries]
    assert first.splits == second.splits


@pytest.mark.slow
@pytest.mark.parametrize(
    ("today", "starts"),
    [(date(2026, 4, 2), 2024), (date(2026, 3, 31), 2023), (date(2026, 1, 14), 2023)],
)
def test_books_keep_their_rules_on_any_day(demo_on, tmp_path, today, starts):
    """On the second day of a year, on its last, and in winter, the books start two
    full years back and the last full year is ready to close. (The demo on each day is
    built once per run: test_demo_grants and test_demo check the same days.)"""
    db = open_database(copy_club(demo_on(today), tmp_path / "demo.sqlite3"))
    try:
        first = years.Year(date(starts, 4, 1), date(starts + 1, 3, 31))
        _check_books(db, today, first, closed=1)
        _check_lines(db)
        _check_reconciled(db, today.replace(day=1) - timedelta(days=1))
    finally:
        db.close()


# --------------------------------------------------------------------------------------
# The large demo's generator, at a size a unit test can build
# --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_large_books_generator_at_three_years(tmp_path, monkeypatch):
    """The large demo's books over three years on the small club: about 5,000 lines a
    year (fewer standing orders, with fewer supporters), written in bulk, every rule
    kept, the first two years closed."""
    monkeypatch.setattr(demo_accounts, "SMALL_BOOKS", replace(demo_accounts.LARGE_BOOKS, years=3))
    db = open_database(tmp_path / "large.sqlite3")
    try:
        started = time.perf_counter()
        build_demo(db, today=TODAY)
        took = time.perf_counter() - started
        first = FIRST.previous()
        _check_books(db, TODAY, first, closed=2)
        _check_lines(db)
        _check_reconciled(db, LAST_STATEMENT)
        rows = _rows(db)
        _check_never_overspent(rows)
        in_year = sum(SECOND.starts <= e.on <= SECOND.ends for e in rows.entries)
        assert 3_000 <= in_year <= 6_000
    finally:
        db.close()
    assert took < 15, f"the demo with three large years took {took:.1f} s"

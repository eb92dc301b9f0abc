"""The figures of the printed accounts, worked out from the books for any year.

The receipts and payments account follows the Charity Commission's CC16 layout:
receipts, asset and investment sales, payments, asset and investment purchases, net
receipts or payments, transfers between funds, and the cash funds at the start and end
of the year, in columns for unrestricted, restricted and endowment funds, with a total
and last year's total. "Last year" comes from the books, never typed.

To the nearest pound, every fund's figures are rounded so that they still add up: the
opening and closing balances are rounded, and the lines between them are rounded with
the pence left over given to the lines that lost most by rounding (the largest-remainder
method). Columns and totals are then sums of the rounded figures, so every total on the
page adds up exactly as printed, and this year's opening agrees with last year's close.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from clubapp.models.accounts import (
    FUND_KINDS,
    AssetLine,
    Category,
    FinancialYear,
    Fund,
    MoneyAccount,
    MoneyEntry,
    Split,
)
from clubapp.services import books, years
from clubapp.services.dates import long_date
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.money import round_to_pound
from clubapp.services.permissions import Actor, allowed
from clubapp.services.years import Year

COLUMNS = ("unrestricted", "restricted", "endowment")
COLUMN_WORDS = {
    "unrestricted": "Unrestricted funds",
    "restricted": "Restricted funds",
    "endowment": "Endowment funds",
}
# The parts of the account, in CC16's order, and which way each moves the cash.
PARTS = ("receipts", "asset_sales", "payments", "asset_purchases")
TRANSFERS = "Transfers between funds"


@dataclass(frozen=True)
class Row:
    """One printed line: this year by column, and last year's total."""

    label: str
    unrestricted: int
    restricted: int
    endowment: int
    last_year: int

    @property
    def total(self) -> int:
        return self.unrestricted + self.restricted + self.endowment

    def column(self, name: str) -> int:
        return int(getattr(self, name))


def _row(label: str, by_column: dict[str, int], last_year: int) -> Row:
    return Row(
        label,
        by_column.get("unrestricted", 0),
        by_column.get("restricted", 0),
        by_column.get("endowment", 0),
        last_year,
    )


def _sum_rows(label: str, rows: Iterable[Row], sign: int = 1) -> Row:
    rows = list(rows)
    return Row(
        label,
        sign * sum(r.unrestricted for r in rows),
        sign * sum(r.restricted for r in rows),
        sign * sum(r.endowment for r in rows),
        sign * sum(r.last_year for r in rows),
    )


# ---------------------------------------------------------------- per fund


@dataclass
class _FundYear:
    """One fund's year: balances and the signed figure on each printed line."""

    opening: int
    closing: int
    lines: dict[tuple[str, str], int]  # (part, line) -> pence, + in, - out
    transfers: int
    # Each transfer's amount by (from fund, to fund), so that rounding treats both
    # sides of it alike.
    pairs: dict[tuple[int, int], int] = field(default_factory=dict)


def _fund_years(session: Session, year: Year) -> dict[int, _FundYear]:
    opening = books.fund_balances(session, year.starts, before=True)
    closing = books.fund_balances(session, year.ends)
    lines: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    signed = case((MoneyEntry.kind == "receipt", Split.amount_pence), else_=-Split.amount_pence)
    rows = session.execute(
        select(Split.fund_id, Category.section, Category.line, func.sum(signed))
        .join(MoneyEntry, MoneyEntry.id == Split.entry_id)
        .join(Category, Category.id == Split.category_id)
        .where(MoneyEntry.on >= year.starts, MoneyEntry.on <= year.ends)
        .group_by(Split.fund_id, Category.section, Category.line)
    )
    for fund_id, section, line, total in rows:
        lines[fund_id][(section, line)] = total
    transfers: dict[int, int] = defaultdict(int)
    pairs: dict[int, dict[tuple[int, int], int]] = defaultdict(dict)
    for source, target, total in session.execute(
        select(MoneyEntry.from_fund_id, MoneyEntry.to_fund_id, func.sum(MoneyEntry.amount_pence))
        .where(
            MoneyEntry.kind == "fund_transfer",
            MoneyEntry.on >= year.starts,
            MoneyEntry.on <= year.ends,
        )
        .group_by(MoneyEntry.from_fund_id, MoneyEntry.to_fund_id)
    ):
        assert source is not None and target is not None  # a fund transfer has both
        transfers[source] -= total
        transfers[target] += total
        pairs[source][(source, target)] = total
        pairs[target][(source, target)] = total
    return {
        fund_id: _FundYear(
            opening[fund_id], closing[fund_id], lines[fund_id], transfers[fund_id], pairs[fund_id]
        )
        for fund_id in opening
    }


def _rounded(fund_id: int, fund: _FundYear) -> _FundYear:
    """The same fund year to the nearest pound, still adding up (largest remainder).

    Each transfer between two funds is rounded once, so its two sides print the same
    figure and the transfers still net to nothing. The opening and closing balances are
    the exact ones rounded; the pounds rounding leaves over go to the receipts and
    payments lines. A fund with no such lines keeps its rounded opening and transfers,
    and its closing follows from them (it may then differ from the exact closing by a
    pound or two; the page says the figures are rounded).
    """
    opening, closing = round_to_pound(fund.opening), round_to_pound(fund.closing)
    transfers = sum(
        round_to_pound(amount) * (1 if target == fund_id else -1)
        for (_source, target), amount in fund.pairs.items()
    )
    keys = list(fund.lines)
    rounded = {k: round_to_pound(fund.lines[k]) for k in keys}
    if not keys:
        return _FundYear(opening, opening + transfers, {}, transfers, fund.pairs)
    short = (closing - opening - transfers) - sum(rounded.values())  # whole pounds, in pence
    step = 100 if short > 0 else -100
    # Give the pounds left over to the lines rounding moved furthest the other way.
    order = sorted(keys, key=lambda k: (fund.lines[k] - rounded[k]) * step, reverse=True)
    n = 0
    while short:
        rounded[order[n % len(order)]] += step
        short -= step
        n += 1
    return _FundYear(opening, closing, rounded, transfers, fund.pairs)


# ---------------------------------------------------------------- the account


@dataclass(frozen=True)
class FundCash:
    fund_id: int
    name: str
    kind: str
    column: str
    pence: int


@dataclass(frozen=True)
class ReceiptsAndPayments:
    year: Year
    nearest_pound: bool
    final: bool  # the year is closed: these figures cannot change
    receipts: list[Row]
    receipts_subtotal: Row
    asset_sales: list[Row]
    total_receipts: Row
    payments: list[Row]  # positive figures: money out
    payments_subtotal: Row
    asset_purchases: list[Row]
    total_payments: Row
    net: Row  # receipts less payments
    transfers: Row
    cash_last_year_end: Row
    cash_this_year_end: Row
    fund_cash: list[FundCash]  # each fund's cash at the year end, as rounded above
    lines_to_sort: int  # bank lines in the year not yet in any fund
    to_sort_pence: int
    # False for the first year of the books: last year is not in them, so the last
    # year column is left empty (its figures are all 0 here).
    has_last_year: bool = True


def _line_order(session: Session) -> dict[tuple[str, str], int]:
    rows = session.execute(
        select(Category.section, Category.line, func.min(Category.position)).group_by(
            Category.section, Category.line
        )
    )
    return {(section, line): position for section, line, position in rows}


@allowed("accounts.print")
def receipts_and_payments(
    session: Session, actor: Actor, year: Year, *, nearest_pound: bool = False
) -> ReceiptsAndPayments:
    funds = {
        f.id: (f.name, f.kind, books.FUND_COLUMNS[f.kind])
        for f in session.scalars(select(Fund).order_by(Fund.id))
    }
    start = years.books_start(session)
    if start is not None and year.ends < start:
        raise ValidationError(
            "year",
            f"The books start on {long_date(start, weekday=False)}, so there are no "
            f"accounts for {year.name}. Choose {years.year_of(session, start).name} or later.",
        )
    has_last_year = start is not None and year.previous().starts >= start
    this = _fund_years(session, year)
    last = _fund_years(session, year.previous()) if has_last_year else {}
    if nearest_pound:
        this = {k: _rounded(k, v) for k, v in this.items()}
        last = {k: _rounded(k, v) for k, v in last.items()}

    def by_column(per_fund: dict[int, _FundYear], pick) -> dict[str, int]:  # type: ignore[no-untyped-def]
        out: dict[str, int] = defaultdict(int)
        for fund_id, fy in per_fund.items():
            out[funds[fund_id][2]] += pick(fy)
        return out

    def total(per_fund: dict[int, _FundYear], pick) -> int:  # type: ignore[no-untyped-def]
        return sum(pick(fy) for fy in per_fund.values())

    order = _line_order(session)
    keys = {k for fy in (*this.values(), *last.values()) for k, v in fy.lines.items() if v}
    rows_by_part: dict[str, list[Row]] = {part: [] for part in PARTS}
    for key in sorted(keys, key=lambda k: (order.get(k, 10_000), k[1])):
        part, line = key
        sign = 1 if part in ("receipts", "asset_sales") else -1  # payments print positive

        def pick(fy: _FundYear, key: tuple[str, str] = key, sign: int = sign) -> int:
            return sign * fy.lines.get(key, 0)

        rows_by_part[part].append(_row(line, by_column(this, pick), total(last, pick)))

    receipts_subtotal = _sum_rows("Sub total", rows_by_part["receipts"])
    total_receipts = _sum_rows("Total receipts", [receipts_subtotal, *rows_by_part["asset_sales"]])
    payments_subtotal = _sum_rows("Sub total", rows_by_part["payments"])
    total_payments = _sum_rows(
        "Total payments", [payments_subtotal, *rows_by_part["asset_purchases"]]
    )
    net = Row(
        "Net of receipts/(payments)",
        total_receipts.unrestricted - total_payments.unrestricted,
        total_receipts.restricted - total_payments.restricted,
        total_receipts.endowment - total_payments.endowment,
        total_receipts.last_year - total_payments.last_year,
    )

    def transfers_of(fy: _FundYear) -> int:
        return fy.transfers

    def opening_of(fy: _FundYear) -> int:
        return fy.opening

    def closing_of(fy: _FundYear) -> int:
        return fy.closing

    transfers = _row(TRANSFERS, by_column(this, transfers_of), total(last, transfers_of))
    cash_last = _row(
        "Cash funds last year end", by_column(this, opening_of), total(last, opening_of)
    )
    cash_this = _row(
        "Cash funds this year end", by_column(this, closing_of), total(last, closing_of)
    )
    fund_cash = [
        FundCash(fund_id, name, kind, column, this[fund_id].closing)
        for fund_id, (name, kind, column) in funds.items()
        if this[fund_id].closing or this[fund_id].opening or this[fund_id].lines
    ]
    to_sort_rows = session.execute(
        select(func.count(), func.coalesce(func.sum(MoneyEntry.amount_pence), 0)).where(
            MoneyEntry.to_sort, MoneyEntry.on >= year.starts, MoneyEntry.on <= year.ends
        )
    ).one()
    final = (
        session.scalar(select(FinancialYear.id).where(FinancialYear.starts == year.starts))
        is not None
    )
    return ReceiptsAndPayments(
        year=year,
        nearest_pound=nearest_pound,
        final=final,
        receipts=rows_by_part["receipts"],
        receipts_subtotal=receipts_subtotal,
        asset_sales=rows_by_part["asset_sales"],
        total_receipts=total_receipts,
        payments=rows_by_part["payments"],
        payments_subtotal=payments_subtotal,
        asset_purchases=rows_by_part["asset_purchases"],
        total_payments=total_payments,
        net=net,
        transfers=transfers,
        cash_last_year_end=cash_last,
        cash_this_year_end=cash_this,
        fund_cash=fund_cash,
        lines_to_sort=to_sort_rows[0],
        to_sort_pence=to_sort_rows[1],
        has_last_year=has_last_year,
    )


# ---------------------------------------------------------------- assets and liabilities


@dataclass(frozen=True)
class AssetItem:
    line_id: int
    section: str
    description: str
    column: str
    fund: str  # the fund's name, or "" when it belongs to the club's own money
    pence: int
    note: str


@dataclass(frozen=True)
class AssetsStatement:
    year: Year
    nearest_pound: bool
    cash: Row  # by column, agreeing with the account's "cash funds this year end"
    fund_cash: list[FundCash]
    held_in: list[tuple[str, int]]  # each money account's balance at the year end
    monetary: list[AssetItem]
    investments: list[AssetItem]
    own_use: list[AssetItem]
    liabilities: list[AssetItem]


@allowed("accounts.print")
def assets_and_liabilities(
    session: Session,
    actor: Actor,
    year: Year,
    *,
    nearest_pound: bool = False,
    account: ReceiptsAndPayments | None = None,
) -> AssetsStatement:
    """The statement at the year end. ``account``: the year's receipts and payments
    account when the caller has it already (the same year and rounding)."""
    if account is None:
        account = receipts_and_payments(session, actor, year, nearest_pound=nearest_pound)
    fund_names = {f.id: (f.name, books.FUND_COLUMNS[f.kind]) for f in session.scalars(select(Fund))}
    balances = books.account_balances(session, year.ends)
    held_in = [
        (a.name, round_to_pound(balances[a.id]) if nearest_pound else balances[a.id])
        for a in session.scalars(select(MoneyAccount).order_by(MoneyAccount.id))
        if balances[a.id] or not a.retired
    ]
    items: dict[str, list[AssetItem]] = defaultdict(list)
    for line in session.scalars(
        select(AssetLine).where(AssetLine.year_starts == year.starts).order_by(AssetLine.id)
    ):
        name, column = (
            fund_names[line.fund_id] if line.fund_id is not None else ("", "unrestricted")
        )
        pence = round_to_pound(line.amount_pence) if nearest_pound else line.amount_pence
        items[line.section].append(
            AssetItem(line.id, line.section, line.description, column, name, pence, line.note)
        )
    cash = account.cash_this_year_end
    return AssetsStatement(
        year=year,
        nearest_pound=nearest_pound,
        cash=Row("Cash funds", cash.unrestricted, cash.restricted, cash.endowment, cash.last_year),
        fund_cash=account.fund_cash,
        held_in=held_in,
        monetary=items["monetary"],
        investments=items["investment"],
        own_use=items["own_use"],
        liabilities=items["liability"],
    )


# ---------------------------------------------------------------- one fund


@dataclass(frozen=True)
class FundStatement:
    fund_id: int
    name: str
    kind: str
    purpose: str
    year: Year
    opening: int
    # By category: (category, pence, the printed line it is added into); payments positive.
    receipts: list[tuple[str, int, str]]
    payments: list[tuple[str, int, str]]
    transfers_in: list[tuple[str, int]]  # from which fund
    transfers_out: list[tuple[str, int]]  # to which fund, positive
    closing: int

    @property
    def total_receipts(self) -> int:
        return sum(item[1] for item in self.receipts)

    @property
    def total_payments(self) -> int:
        return sum(item[1] for item in self.payments)


@allowed("accounts.print")
def fund_statements(
    session: Session, actor: Actor, year: Year, fund_id: int | None = None
) -> list[FundStatement]:
    """One fund's statement for the year, or that of every fund with a balance or any
    movement in it, in the usual order of funds. The balances at the start and end, the
    categories and the transfers are each read once for all the funds (on ten years of
    books, reading them fund by fund took four times as long)."""
    funds = session.scalars(
        select(Fund).order_by(
            case({k: n for n, k in enumerate(FUND_KINDS)}, value=Fund.kind), Fund.name
        )
    ).all()
    names = {fund.id: fund.name for fund in funds}
    if fund_id is not None and fund_id not in names:
        raise NotFound("This fund is not there any more.")
    opening = books.fund_balances(session, year.starts, before=True)
    closing = books.fund_balances(session, year.ends)
    in_year = (MoneyEntry.on >= year.starts, MoneyEntry.on <= year.ends)
    receipts: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    payments: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    for split_fund, section, category, line, pence in session.execute(
        select(
            Split.fund_id,
            Category.section,
            Category.name,
            Category.line,
            func.sum(Split.amount_pence),
        )
        .join(Category, Category.id == Split.category_id)
        .join(MoneyEntry, MoneyEntry.id == Split.entry_id)
        .where(*in_year)
        .group_by(Split.fund_id, Category.id)
        .order_by(Split.fund_id, func.min(Category.position), Category.name)
    ):
        side = receipts if section in PARTS[:2] else payments
        side[split_fund].append((category, pence, line))
    moved_in: dict[int, list[tuple[str, int]]] = defaultdict(list)
    moved_out: dict[int, list[tuple[str, int]]] = defaultdict(list)
    # By the fund it came from, then the one it went to: each fund's list of money moved
    # in is then in the order of where it came from, and of money moved out, where to.
    for source, target, pence in session.execute(
        select(MoneyEntry.from_fund_id, MoneyEntry.to_fund_id, func.sum(MoneyEntry.amount_pence))
        .where(MoneyEntry.from_fund_id.is_not(None), MoneyEntry.to_fund_id.is_not(None), *in_year)
        .group_by(MoneyEntry.from_fund_id, MoneyEntry.to_fund_id)
        .order_by(MoneyEntry.from_fund_id, MoneyEntry.to_fund_id)
    ):
        assert source is not None and target is not None  # the query leaves out the rest
        moved_in[target].append((names[source], pence))
        moved_out[source].append((names[target], pence))
    statements = [
        FundStatement(
            fund.id,
            fund.name,
            fund.kind,
            fund.purpose,
            year,
            opening[fund.id],
            receipts.get(fund.id, []),
            payments.get(fund.id, []),
            moved_in.get(fund.id, []),
            moved_out.get(fund.id, []),
            closing[fund.id],
        )
        for fund in funds
        if fund_id in (None, fund.id)
    ]
    if fund_id is not None:
        return statements
    return [s for s in statements if s.opening or s.closing or _moved(s)]


def _moved(statement: FundStatement) -> bool:
    """Any money in, out, or moved to or from another fund in the year."""
    return bool(
        statement.receipts
        or statement.payments
        or statement.transfers_in
        or statement.transfers_out
    )


# ---------------------------------------------------------------- easy read


@dataclass(frozen=True)
class MoneySummary:
    """Where our money went, for members: money in and out by kind, in whole pounds."""

    year: Year
    money_in: list[tuple[str, int]]  # largest first
    money_out: list[tuple[str, int]]
    total_in: int
    total_out: int
    cash_start: int
    cash_end: int


@allowed("accounts.print")
def money_summary(session: Session, actor: Actor, year: Year) -> MoneySummary:
    account = receipts_and_payments(session, actor, year, nearest_pound=True)
    money_in = [(r.label, r.total) for r in (*account.receipts, *account.asset_sales) if r.total]
    money_out = [
        (r.label, r.total) for r in (*account.payments, *account.asset_purchases) if r.total
    ]
    money_in.sort(key=lambda item: -item[1])
    money_out.sort(key=lambda item: -item[1])
    return MoneySummary(
        year,
        money_in,
        money_out,
        account.total_receipts.total,
        account.total_payments.total,
        account.cash_last_year_end.total,
        account.cash_this_year_end.total,
    )


@allowed("accounts.print")
def years_with_books(session: Session, actor: Actor, today: date) -> list[Year]:
    """Every year from the first in the books to this one, newest first."""
    first = years.first_year(session, today)
    current = years.year_of(session, today)
    out = [current]
    while out[-1].starts > first.starts:
        out.append(out[-1].previous())
    return out

"""Financial years: which year a day falls in, which years are closed, and closing one.

A year is named by the calendar year it starts in ("2025" is 1 April 2025 to 31 March
2026 when the year starts in April). Closing a year checks that nothing is left to sort
and every bank account is reconciled, records each fund's and account's closing balance,
and locks the year: the database itself refuses any change to its entries, whatever
path the change comes by (see the triggers in migration 0004).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clubapp.models.accounts import (
    FinancialYear,
    MoneyAccount,
    MoneyEntry,
    Reconciliation,
    YearBalance,
)
from clubapp.models.club import Setting
from clubapp.services import club, fields
from clubapp.services.dates import long_date
from clubapp.services.errors import ValidationError
from clubapp.services.money import pounds
from clubapp.services.permissions import ANY_ROLE, Actor, allowed, internal

YEAR_MONTH_KEY = "year_start_month"


@dataclass(frozen=True)
class Year:
    starts: date
    ends: date  # the last day, inclusive

    @property
    def name(self) -> str:
        """ "2025-26", or "2025" for a calendar year."""
        if self.starts.year == self.ends.year:
            return str(self.starts.year)
        return f"{self.starts.year}-{str(self.ends.year)[2:]}"

    @property
    def words(self) -> str:
        return f"{long_date(self.starts, weekday=False)} to {long_date(self.ends, weekday=False)}"

    def previous(self) -> Year:
        return _year_from(self.starts.replace(year=self.starts.year - 1))

    def next(self) -> Year:
        return _year_from(self.ends + timedelta(days=1))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.starts <= day <= self.ends


def _year_from(starts: date) -> Year:
    following = starts.replace(year=starts.year + 1)
    return Year(starts, following - timedelta(days=1))


@internal
def start_month(session: Session) -> int:
    return club.get_int(session, YEAR_MONTH_KEY)


@internal
def year_of(session: Session, day: date) -> Year:
    month = start_month(session)
    starts = date(day.year if day.month >= month else day.year - 1, month, 1)
    return _year_from(starts)


@allowed(ANY_ROLE)
def current_year(session: Session, actor: Actor, day: date) -> Year:
    """The financial year ``day`` falls in, for a screen showing one year. Its dates are
    no one's data: the Volunteers room counts hours by it as the books do."""
    return year_of(session, day)


@allowed("accounts.keep")
def start_month_for(session: Session, actor: Actor) -> int:
    """The month the year starts, for the set-up screen."""
    return start_month(session)


@internal
def year_named(session: Session, year: int) -> Year:
    """The financial year that starts in calendar year ``year``."""
    return _year_from(date(year, start_month(session), 1))


@internal
def parse_year(session: Session, text: str) -> Year:
    """ "2025" or "2025-26" or "2025/26": the year starting in 2025."""
    cleaned = text.strip().replace("/", "-").replace("\u2013", "-")
    if fields.has_hidden(text):
        raise ValidationError("year", "The year has a hidden character in it. Retype it.")
    shown = text.strip() if len(text.strip()) <= 20 else text.strip()[:17] + "..."
    first, _, second = cleaned.partition("-")
    # isdecimal, not isdigit: int() refuses "²⁰²⁵", which isdigit lets through.
    if not first.isdecimal() or len(first) != 4 or not 1900 < int(first) < 2200:
        raise ValidationError(
            "year", f"'{shown}' is not a year. Write the year it starts in, like 2025."
        )
    year = year_named(session, int(first))
    if second and second not in (year.name.partition("-")[2], str(year.ends.year)):
        raise ValidationError(
            "year", f"'{shown}' is not a financial year here: did you mean {year.name}?"
        )
    return year


@allowed("accounts.print")
def parse_year_for(session: Session, actor: Actor, text: str) -> Year:
    """The year named in ``text``, for those who print the accounts (the command line)."""
    return parse_year(session, text)


@internal
def locked_until(session: Session) -> date | None:
    """The last day of the last closed year: nothing on or before it may change."""
    return session.scalar(select(func.max(FinancialYear.ends)))


@internal
def closed_years(session: Session) -> list[Year]:
    rows = session.execute(
        select(FinancialYear.starts, FinancialYear.ends).order_by(FinancialYear.starts)
    )
    return [Year(starts, ends) for starts, ends in rows]


@allowed("accounts.print")
def closed_years_for(session: Session, actor: Actor) -> list[Year]:
    """The closed years, oldest first, for the screens that print or close them."""
    return closed_years(session)


_ASK = date.min  # check_open's "read the lock from the database"


@internal
def check_open(
    session: Session, day: date, field: str = "on", *, until: date | None = _ASK
) -> None:
    """Refuse a change dated in a closed year, saying what to do instead. A caller
    checking many lines at once passes ``until`` (locked_until), read once."""
    if until is _ASK:
        until = locked_until(session)
    if until is not None and day <= until:
        raise ValidationError(
            field,
            f"The year up to {long_date(until, weekday=False)} is closed, so it cannot change. "
            "Put a correction in the open year instead, dated today.",
        )


@allowed("accounts.keep")
def set_start_month(session: Session, actor: Actor, month: int) -> None:
    """The treasurer chooses when the year starts, until the first year is closed."""
    if not 1 <= month <= 12:
        raise ValidationError("year_start_month", "Choose a month from January to December.")
    if locked_until(session) is not None:
        raise ValidationError(
            "year_start_month",
            "A year has been closed, so the month the year starts cannot change now.",
        )
    row = session.get(Setting, YEAR_MONTH_KEY)
    if row is None:
        session.add(Setting(key=YEAR_MONTH_KEY, value=str(month)))
    else:
        row.value = str(month)


@internal
def books_start(session: Session) -> date | None:
    """The first day of the books: the start of the first closed year, or of the year of
    the first entry; None while the books are empty."""
    closed = closed_years(session)
    if closed:
        return closed[0].starts
    first_day = session.scalar(select(func.min(MoneyEntry.on)))
    return year_of(session, first_day).starts if first_day is not None else None


@internal
def first_year(session: Session, today: date) -> Year:
    """The year the books start in, or this year while they are empty."""
    return year_of(session, books_start(session) or today)


# ---------------------------------------------------------------- year end


@allowed("accounts.keep")
def oldest_open_year(session: Session, actor: Actor, today: date) -> Year:
    """The first year not yet closed: the one after the last closed year, or the year the
    books start in."""
    until = locked_until(session)
    if until is not None:
        return year_of(session, until + timedelta(days=1))
    return first_year(session, today)


@dataclass(frozen=True)
class YearEndCheck:
    year: Year
    problems: list[str]  # in plain words; closing needs none
    already_closed: bool

    @property
    def ready(self) -> bool:
        return not self.problems and not self.already_closed


@allowed("accounts.keep")
def check_year_end(session: Session, actor: Actor, year: Year, today: date) -> YearEndCheck:
    problems: list[str] = []
    closed = closed_years(session)
    if year in closed:
        return YearEndCheck(year, [], True)
    until = locked_until(session)
    if until is not None and year.starts != until + timedelta(days=1):
        problems.append(f"Close the years before {year.name} first, in order.")
    elif until is None:
        first_day = session.scalar(select(func.min(MoneyEntry.on)))
        if first_day is not None and first_day < year.starts:
            problems.append(
                f"There are entries from before {year.name}: close {year_of(session, first_day).name} first."
            )
    to_sort = session.scalar(
        select(func.count())
        .select_from(MoneyEntry)
        .where(MoneyEntry.to_sort, MoneyEntry.on <= year.ends)
    )
    if to_sort:
        problems.append(
            f"{to_sort} bank {'line is' if to_sort == 1 else 'lines are'} still to sort: "
            "give each a category and a fund."
        )
    from clubapp.services import books, reconcile

    in_funds = sum(books.fund_balances(session, year.ends).values())
    in_funds += books.unsorted_total(session, year.ends)
    in_accounts = sum(books.account_balances(session, year.ends).values())
    if in_funds != in_accounts:
        problems.append(
            f"The funds hold {pounds(in_funds)} but the money accounts hold "
            f"{pounds(in_accounts)}. The opening balances of the funds and of the money "
            "accounts must agree: fix them in Set up the books."
        )
    banks = session.execute(
        select(MoneyAccount.id, MoneyAccount.name).where(MoneyAccount.kind != "cash")
    ).all()
    for account_id, name in banks:
        unticked = session.scalar(
            select(func.count())
            .select_from(MoneyEntry)
            .outerjoin(Reconciliation, Reconciliation.id == reconcile.side(account_id))
            .where(
                (MoneyEntry.account_id == account_id) | (MoneyEntry.to_account_id == account_id),
                MoneyEntry.on <= year.ends,
                reconcile.side(account_id).is_(None) | (Reconciliation.status != "done"),
            )
        )
        if unticked:
            problems.append(
                f"{name}: {unticked} {'line has' if unticked == 1 else 'lines have'} not been "
                f"ticked against a bank statement. Reconcile it up to "
                f"{long_date(year.ends, weekday=False)}."
            )
    if year.ends >= today:
        problems.append(f"{year.name} has not ended yet: it ends on {long_date(year.ends)}.")
    return YearEndCheck(year, problems, False)


@allowed("accounts.keep")
def close_year(session: Session, actor: Actor, year: Year, today: date) -> None:
    """Lock the year and carry each fund's and account's balance forward."""
    from clubapp.services import books

    check = check_year_end(session, actor, year, today)
    if check.already_closed:
        raise ValidationError("year", f"{year.name} is already closed.")
    if check.problems:
        raise ValidationError("year", " ".join(check.problems))
    funds = books.fund_balances(session, year.ends)
    accounts = books.account_balances(session, year.ends)
    record = FinancialYear(starts=year.starts, ends=year.ends, closed_by=actor.name)
    session.add(record)
    session.flush()
    session.add_all(
        [YearBalance(year_id=record.id, fund_id=f, closing_pence=p) for f, p in funds.items()]
        + [
            YearBalance(year_id=record.id, account_id=a, closing_pence=p)
            for a, p in accounts.items()
        ]
    )


@internal
def carried_forward(
    session: Session, year: Year
) -> tuple[dict[int | None, int], dict[int | None, int]] | None:
    """The balances recorded when ``year`` was closed: (funds, accounts), or None."""
    record = session.scalar(select(FinancialYear).where(FinancialYear.starts == year.starts))
    if record is None:
        return None
    rows = session.execute(
        select(YearBalance.fund_id, YearBalance.account_id, YearBalance.closing_pence).where(
            YearBalance.year_id == record.id
        )
    )
    funds: dict[int | None, int] = {}
    accounts: dict[int | None, int] = {}
    for fund_id, account_id, pence in rows:
        if fund_id is not None:
            funds[fund_id] = pence
        else:
            accounts[account_id] = pence
    return funds, accounts


@allowed("accounts.keep")
def carried_forward_for(
    session: Session, actor: Actor, year: Year
) -> tuple[dict[int | None, int], dict[int | None, int]] | None:
    """The balances carried forward from ``year``, for the treasurer who just closed it."""
    return carried_forward(session, year)

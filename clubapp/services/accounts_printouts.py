"""Gather the figures for the treasurer's printouts and make the PDFs: the year's
accounts (CC16), the fund statements, the cash book and "Where our money went".

The app's preview and the command line both come here. Each checks the role before
anything is read, and the printing package (and ReportLab) is imported only when a
printout is made.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from clubapp.models.accounts import Category, Fund, MoneyEntry, Split
from clubapp.services import accounts_report, books, club
from clubapp.services.permissions import Actor, allowed
from clubapp.services.years import Year

if TYPE_CHECKING:
    from clubapp.printing.cashbook import SplitPart


def _club_name(session: Session) -> str:
    return club.club_name(session) or ""


@allowed("accounts.print")
def accounts_pdf(
    session: Session,
    actor: Actor,
    year: Year,
    nearest_pound: bool = False,
    *,
    today: date | None = None,
) -> bytes:
    """The receipts and payments account and the statement of assets and liabilities."""
    from clubapp.printing.accounts import accounts_pdf as make_pdf

    account = accounts_report.receipts_and_payments(
        session, actor, year, nearest_pound=nearest_pound
    )
    statement = accounts_report.assets_and_liabilities(
        session, actor, year, nearest_pound=nearest_pound, account=account
    )
    return make_pdf(
        _club_name(session),
        account,
        statement,
        today or date.today(),
        unsorted_pence=books.unsorted_total(session, year.ends),
    )


@allowed("accounts.print")
def fund_statements_pdf(
    session: Session,
    actor: Actor,
    year: Year,
    fund_id: int | None = None,
    *,
    today: date | None = None,
) -> bytes:
    """One fund's statement for the year, or every fund with money in the year."""
    from clubapp.printing.fund_statements import fund_statements_pdf as make_pdf

    statements = accounts_report.fund_statements(session, actor, year, fund_id)
    return make_pdf(_club_name(session), year, statements, today or date.today())


@allowed("accounts.keep")
def cashbook_pdf(
    session: Session,
    actor: Actor,
    year: Year,
    account_id: int | None = None,
    *,
    today: date | None = None,
) -> bytes:
    """Every transaction of the year by money account, with running balances: one
    account, or each account in use (a retired one only if money moved or stayed in it)."""
    from clubapp.printing.cashbook import cashbook_pdf as make_pdf

    if account_id is not None:
        cash_books = [books.cash_book(session, actor, account_id, year.starts, year.ends)]
    else:
        cash_books = []
        for account in books.list_accounts(session, actor, retired=True):
            book = books.cash_book(session, actor, account.account_id, year.starts, year.ends)
            if not account.retired or book.lines or book.opening_pence or book.closing_pence:
                cash_books.append(book)
    return make_pdf(
        _club_name(session),
        year,
        cash_books,
        today or date.today(),
        parts=_split_parts(session, year),
    )


def _split_parts(session: Session, year: Year) -> dict[int, list[SplitPart]]:
    """The parts of each entry of the year split in more than one, by entry id: the cash
    book's line says only "Split in 2 parts", the examiner wants to see them."""
    from clubapp.printing.cashbook import SplitPart

    rows = session.execute(
        select(Split.entry_id, Category.name, Fund.name, Split.amount_pence)
        .join(MoneyEntry, MoneyEntry.id == Split.entry_id)
        .join(Category, Category.id == Split.category_id)
        .join(Fund, Fund.id == Split.fund_id)
        .where(MoneyEntry.on >= year.starts, MoneyEntry.on <= year.ends)
        .order_by(Split.entry_id, Split.id)
    )
    parts: dict[int, list[SplitPart]] = defaultdict(list)
    for entry_id, category, fund, pence in rows:
        parts[entry_id].append(SplitPart(category, fund, pence))
    return {entry_id: found for entry_id, found in parts.items() if len(found) > 1}


@allowed("accounts.print")
def money_summary_pdf(
    session: Session, actor: Actor, year: Year, *, today: date | None = None
) -> bytes:
    """Where our money went: the easy-read page for members."""
    from clubapp.printing.money_summary import money_summary_pdf as make_pdf

    summary = accounts_report.money_summary(session, actor, year)
    return make_pdf(_club_name(session), summary, today or date.today())

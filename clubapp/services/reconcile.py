"""Reconciling a money account with a bank statement.

The treasurer types the statement's date and closing balance, then ticks each line in
the books that is on the statement. The difference between the statement and the ticked
lines is said in words until it is £0; then the reconciliation is finished and the ticked
lines are marked as reconciled for good. One reconciliation per account is open at a time,
and what was ticked is saved with each tick, so nothing is lost if the treasurer stops.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from clubapp.models.accounts import MoneyAccount, MoneyEntry, Reconciliation
from clubapp.models.base import utcnow
from clubapp.services import books, years
from clubapp.services.dates import long_date
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.money import MAX_PENCE, pounds
from clubapp.services.permissions import Actor, allowed


@dataclass(frozen=True)
class ReconciliationView:
    reconciliation_id: int
    account_id: int
    account: str
    statement_date: date
    closing_pence: int
    # Ticked in earlier, finished reconciliations: the starting point.
    brought_forward_pence: int
    lines: list[books.EntryLine]  # not yet reconciled, up to the statement date
    ticked: frozenset[int]  # entry ids ticked in this reconciliation
    ticked_pence: int  # brought forward plus the lines ticked now

    @property
    def difference_pence(self) -> int:
        """The statement less the books' ticked lines: 0 when they agree."""
        return self.closing_pence - self.ticked_pence

    @property
    def difference_words(self) -> str:
        diff = self.difference_pence
        if diff == 0:
            return "The ticked lines agree with the statement: the difference is £0."
        if diff > 0:
            return (
                f"The statement shows {pounds(diff)} more than the ticked lines. "
                "Tick more money in, or look for money in missing from the books."
            )
        return (
            f"The ticked lines show {pounds(-diff)} more than the statement. "
            "Tick more money out, or look for a payment missing from the books."
        )


def _signed(account_id: int):  # type: ignore[no-untyped-def]
    return case(
        (MoneyEntry.kind == "receipt", MoneyEntry.amount_pence),
        (MoneyEntry.kind == "payment", -MoneyEntry.amount_pence),
        (MoneyEntry.to_account_id == account_id, MoneyEntry.amount_pence),
        else_=-MoneyEntry.amount_pence,
    )


def _of_account(account_id: int):  # type: ignore[no-untyped-def]
    return (MoneyEntry.account_id == account_id) | (MoneyEntry.to_account_id == account_id)


def side(account_id: int):  # type: ignore[no-untyped-def]
    """Where an entry's tick for ``account_id`` is kept: a transfer between two accounts
    is ticked on each account's statement separately."""
    return case(
        (MoneyEntry.to_account_id == account_id, MoneyEntry.to_reconciliation_id),
        else_=MoneyEntry.reconciliation_id,
    )


def _set_side(entry: MoneyEntry, account_id: int, value: int | None) -> None:
    if entry.to_account_id == account_id:
        entry.to_reconciliation_id = value
    else:
        entry.reconciliation_id = value


def _get_side(entry: MoneyEntry, account_id: int) -> int | None:
    if entry.to_account_id == account_id:
        return entry.to_reconciliation_id
    return entry.reconciliation_id


@allowed("accounts.keep")
def open_for(session: Session, actor: Actor, account_id: int) -> int | None:
    """The account's reconciliation in progress, if there is one."""
    return session.scalar(
        select(Reconciliation.id).where(
            Reconciliation.account_id == account_id, Reconciliation.status == "open"
        )
    )


@allowed("accounts.keep")
def last_done(session: Session, actor: Actor, account_id: int) -> tuple[date, int] | None:
    """The statement date and balance of the account's last finished reconciliation."""
    row = session.execute(
        select(Reconciliation.statement_date, Reconciliation.closing_pence)
        .where(Reconciliation.account_id == account_id, Reconciliation.status == "done")
        .order_by(Reconciliation.statement_date.desc(), Reconciliation.id.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None


@allowed("accounts.keep")
def start(
    session: Session, actor: Actor, account_id: int, statement_date: date, closing_pence: int
) -> int:
    """Begin (or change the statement of) the account's open reconciliation."""
    account = session.get(MoneyAccount, account_id)
    if account is None:
        raise NotFound("This money account is not there any more.")
    if abs(closing_pence) > MAX_PENCE:
        raise ValidationError("closing", "The closing balance is too large.")
    previous = last_done(session, actor, account_id)
    if previous is not None and statement_date < previous[0]:
        raise ValidationError(
            "statement_date",
            f"{account.name} was last reconciled to a statement of "
            f"{long_date(previous[0], weekday=False)}. Use a later statement.",
        )
    existing = open_for(session, actor, account_id)
    if existing is not None:
        rec = session.get(Reconciliation, existing)
        assert rec is not None
        rec.statement_date = statement_date
        rec.closing_pence = closing_pence
        # Lines ticked but now after the statement date are no longer on it.
        for entry in session.scalars(
            select(MoneyEntry).where(side(account_id) == rec.id, MoneyEntry.on > statement_date)
        ):
            _set_side(entry, account_id, None)
        session.flush()
        return rec.id
    rec = Reconciliation(
        account_id=account_id, statement_date=statement_date, closing_pence=closing_pence
    )
    session.add(rec)
    session.flush()
    return rec.id


@allowed("accounts.keep")
def view(session: Session, actor: Actor, reconciliation_id: int) -> ReconciliationView:
    rec = session.get(Reconciliation, reconciliation_id)
    if rec is None:
        raise NotFound("This reconciliation is not there any more.")
    account = session.get(MoneyAccount, rec.account_id)
    assert account is not None
    done_ids = select(Reconciliation.id).where(
        Reconciliation.account_id == rec.account_id, Reconciliation.status == "done"
    )
    brought = account.opening_pence + (
        session.scalar(
            select(func.coalesce(func.sum(_signed(rec.account_id)), 0)).where(
                _of_account(rec.account_id), side(rec.account_id).in_(done_ids)
            )
        )
        or 0
    )
    lines = books.entry_lines(
        session,
        _of_account(rec.account_id),
        MoneyEntry.on <= rec.statement_date,
        side(rec.account_id).is_(None) | (side(rec.account_id) == rec.id),
        account_id=rec.account_id,
    )
    ticked = frozenset(e.entry_id for e in lines if e.reconciled)
    ticked_now = sum(line.signed_pence for line in lines if line.entry_id in ticked)
    return ReconciliationView(
        rec.id,
        rec.account_id,
        account.name,
        rec.statement_date,
        rec.closing_pence,
        brought,
        lines,
        ticked,
        brought + ticked_now,
    )


@allowed("accounts.keep")
def tick(
    session: Session, actor: Actor, reconciliation_id: int, entry_id: int, ticked: bool
) -> None:
    rec = session.get(Reconciliation, reconciliation_id)
    if rec is None or rec.status != "open":
        raise NotFound("This reconciliation has been finished or is not there any more.")
    entry = session.get(MoneyEntry, entry_id)
    if entry is None or rec.account_id not in (entry.account_id, entry.to_account_id):
        raise NotFound("This line is not in the account's books any more.")
    if entry.on > rec.statement_date:
        raise ValidationError(
            "entry", "This line is dated after the statement, so it cannot be on it."
        )
    years.check_open(session, entry.on, "entry")
    current = _get_side(entry, rec.account_id)
    if ticked:
        if current not in (None, rec.id):
            raise ValidationError("entry", "This line was reconciled with an earlier statement.")
        _set_side(entry, rec.account_id, rec.id)
    elif current == rec.id:
        _set_side(entry, rec.account_id, None)


@allowed("accounts.keep")
def finish(session: Session, actor: Actor, reconciliation_id: int) -> None:
    current = view(session, actor, reconciliation_id)
    if current.difference_pence != 0:
        raise ValidationError("difference", current.difference_words)
    rec = session.get(Reconciliation, reconciliation_id)
    assert rec is not None
    rec.status = "done"
    rec.done_at = utcnow()

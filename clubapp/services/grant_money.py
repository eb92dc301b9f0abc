"""A grant's money in the books: the instalments matched to receipts, the spending from its
restricted fund, what is left; and recording or matching an instalment's receipt.

A restricted fund may hold several grants from the same funder one after another (this
year's transport grant, then next year's), so a grant's spending is the fund's spending
within the grant's period, and its money in is the receipts matched to its instalments
plus any other money paid into the fund in its period that no other grant claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from clubapp.models.accounts import Category, Fund, MoneyEntry, Split
from clubapp.models.grants import Funder, GrantApplication, GrantInstalment
from clubapp.services.dates import long_date
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.grants import AWARDED_STATUSES
from clubapp.services.money import pounds
from clubapp.services.permissions import Actor, allowed

# How far from its due date a receipt of the same amount is taken as an instalment.
MATCH_DAYS = 90


@dataclass(frozen=True)
class MoneyLine:
    entry_id: int
    on: date
    category: str
    payee: str
    description: str
    pence: int


@dataclass(frozen=True)
class GrantMoney:
    """The grant's money from ``starts`` to ``ends`` (within its period), with what was
    brought forward from earlier in the period."""

    starts: date
    ends: date
    awarded_pence: int
    fund_name: str
    brought_forward_pence: int
    received: list[MoneyLine]  # receipts matched to the grant's instalments
    other_in: list[MoneyLine]  # other money paid into the fund
    moved_in_pence: int  # moved into the fund from other funds
    moved_out_pence: int
    spending: list[MoneyLine]
    spent_before_pence: int  # spent in the period before ``starts``

    @property
    def received_pence(self) -> int:
        return sum(line.pence for line in self.received)

    @property
    def other_in_pence(self) -> int:
        return sum(line.pence for line in self.other_in)

    @property
    def spent_pence(self) -> int:
        return sum(line.pence for line in self.spending)

    @property
    def balance_pence(self) -> int:
        """What the grant holds at the end of ``ends``."""
        return (
            self.brought_forward_pence
            + self.received_pence
            + self.other_in_pence
            + self.moved_in_pence
            - self.moved_out_pence
            - self.spent_pence
        )

    @property
    def left_to_spend_pence(self) -> int:
        """The award less everything spent in the period up to ``ends``."""
        return self.awarded_pence - self.spent_before_pence - self.spent_pence

    def by_category(self) -> list[tuple[str, int]]:
        """Spending per category, largest first."""
        totals: dict[str, int] = {}
        for line in self.spending:
            totals[line.category] = totals.get(line.category, 0) + line.pence
        return sorted(totals.items(), key=lambda item: (-item[1], item[0]))


def _grant(session: Session, application_id: int) -> GrantApplication:
    application = session.get(GrantApplication, application_id)
    if application is None:
        raise NotFound("This grant is not there any more.")
    if application.status not in AWARDED_STATUSES or application.fund_id is None:
        raise ValidationError("status", "This application has not been awarded yet.")
    return application


def period_of(application: GrantApplication, today: date) -> tuple[date, date]:
    """The grant's period; without one, from the decision to today."""
    starts = application.period_starts or application.decided_on or today
    ends = application.period_ends or max(today, starts)
    return starts, ends


def _claimed_elsewhere(application_id: int):  # type: ignore[no-untyped-def]
    """Entries matched to another grant's instalments."""
    return select(GrantInstalment.entry_id).where(
        GrantInstalment.entry_id.is_not(None), GrantInstalment.application_id != application_id
    )


@allowed("grants.see")
def grant_money(
    session: Session,
    actor: Actor,
    application_id: int,
    today: date,
    starts: date | None = None,
    ends: date | None = None,
) -> GrantMoney:
    """The grant's money from ``starts`` to ``ends``: by default its whole period up to
    today (or to its end, once it has ended)."""
    application = _grant(session, application_id)
    assert application.fund_id is not None and application.awarded_pence is not None
    period_starts, period_ends = period_of(application, today)
    starts = max(starts or period_starts, period_starts)
    ends = min(ends or min(today, period_ends), period_ends)
    if ends < starts:
        ends = starts
    fund_id = application.fund_id
    fund_name = session.scalar(select(Fund.name).where(Fund.id == fund_id)) or ""

    split_lines = (
        select(
            MoneyEntry.id,
            MoneyEntry.on,
            MoneyEntry.kind,
            Category.name,
            MoneyEntry.payee,
            MoneyEntry.description,
            Split.amount_pence,
        )
        .join(Split, Split.entry_id == MoneyEntry.id)
        .join(Category, Category.id == Split.category_id)
        .where(Split.fund_id == fund_id)
        .order_by(MoneyEntry.on, MoneyEntry.id, Split.id)
    )
    matched_ids = set(
        session.scalars(
            select(GrantInstalment.entry_id).where(
                GrantInstalment.application_id == application_id,
                GrantInstalment.entry_id.is_not(None),
            )
        )
    )
    # Receipts matched to this grant count whenever they came: the first payment often
    # comes before the period starts, and the last may be held back until the final
    # report, after it ends. Other money counts only within the period.
    matched_until = max(today, ends) if ends >= period_ends else ends
    rows = session.execute(
        split_lines.where(
            or_(
                and_(MoneyEntry.id.in_(matched_ids), MoneyEntry.on <= matched_until),
                and_(
                    MoneyEntry.on >= period_starts,
                    MoneyEntry.on <= ends,
                    MoneyEntry.id.not_in(_claimed_elsewhere(application_id)),
                ),
            ),
        )
    )
    brought = spent_before = 0
    received: list[MoneyLine] = []
    other_in: list[MoneyLine] = []
    spending: list[MoneyLine] = []
    for entry_id, on, kind, category, payee, description, pence in rows:
        line = MoneyLine(entry_id, on, category, payee, description, pence)
        # A matched receipt from before the period belongs to its first days: received
        # in a statement from the period's start, brought forward into a later one.
        earlier = max(on, period_starts) < starts
        if kind == "receipt":
            if earlier:
                brought += pence
            else:
                (received if entry_id in matched_ids else other_in).append(line)
        elif earlier:
            brought -= pence
            spent_before += pence
        else:
            spending.append(line)
    moved_in = moved_out = 0
    for column, sign in ((MoneyEntry.to_fund_id, 1), (MoneyEntry.from_fund_id, -1)):
        for on, pence in session.execute(
            select(MoneyEntry.on, MoneyEntry.amount_pence).where(
                column == fund_id, MoneyEntry.on >= period_starts, MoneyEntry.on <= ends
            )
        ):
            if on < starts:
                brought += sign * pence
            elif sign > 0:
                moved_in += pence
            else:
                moved_out += pence
    return GrantMoney(
        starts=starts,
        ends=ends,
        awarded_pence=application.awarded_pence,
        fund_name=fund_name,
        brought_forward_pence=brought,
        received=received,
        other_in=other_in,
        moved_in_pence=moved_in,
        moved_out_pence=moved_out,
        spending=spending,
        spent_before_pence=spent_before,
    )


def time_left_words(starts: date | None, ends: date | None, today: date) -> str:
    """ "4 months left: the grant's period ends on 31 March 2027." """
    if ends is None:
        return "The grant has no end date."
    if starts is not None and today < starts:
        return f"The grant's period starts on {long_date(starts, weekday=False)}."
    if today > ends:
        return f"The grant's period ended on {long_date(ends, weekday=False)}."
    days = (ends - today).days
    if days == 0:
        return "The last day of the grant's period is today."
    months = (ends.year - today.year) * 12 + ends.month - today.month - (ends.day < today.day)
    if months >= 2:
        amount = f"{months} months left"
    elif days >= 14:
        amount = f"{days // 7} weeks left"
    else:
        amount = f"{days} day{'s' if days != 1 else ''} left"
    return f"{amount}: the grant's period ends on {long_date(ends, weekday=False)}."


# ---------------------------------------------------------------- matching receipts


@dataclass(frozen=True)
class Candidate:
    """A receipt into the grant's fund that could be an instalment."""

    entry_id: int
    on: date
    pence: int  # paid into the grant's fund
    payee: str
    description: str

    @property
    def words(self) -> str:
        who = f" from {self.payee}" if self.payee else ""
        return f"{long_date(self.on, weekday=False)}: {pounds(self.pence)}{who}"


def _instalment(session: Session, instalment_id: int) -> tuple[GrantInstalment, GrantApplication]:
    instalment = session.get(GrantInstalment, instalment_id)
    if instalment is None:
        raise NotFound("This payment is not there any more.")
    return instalment, _grant(session, instalment.application_id)


def _unmatched_receipts(session: Session, fund_id: int) -> list[Candidate]:
    taken = select(GrantInstalment.entry_id).where(GrantInstalment.entry_id.is_not(None))
    rows = session.execute(
        select(
            MoneyEntry.id,
            MoneyEntry.on,
            func.sum(Split.amount_pence),
            MoneyEntry.payee,
            MoneyEntry.description,
        )
        .join(Split, Split.entry_id == MoneyEntry.id)
        .where(
            MoneyEntry.kind == "receipt",
            Split.fund_id == fund_id,
            MoneyEntry.id.not_in(taken),
        )
        .group_by(MoneyEntry.id)
        .order_by(MoneyEntry.on, MoneyEntry.id)
    )
    return [Candidate(*row) for row in rows]


@allowed("grants.see")
def candidates(session: Session, actor: Actor, instalment_id: int) -> list[Candidate]:
    """Receipts into the grant's fund not matched to any instalment: the likeliest first
    (the same amount, then the nearest date)."""
    instalment, application = _instalment(session, instalment_id)
    assert application.fund_id is not None
    found = _unmatched_receipts(session, application.fund_id)
    return sorted(
        found,
        key=lambda c: (c.pence != instalment.amount_pence, abs((c.on - instalment.due_on).days)),
    )


@allowed("grants.edit")
def match(session: Session, actor: Actor, instalment_id: int, entry_id: int | None) -> None:
    """Match an instalment to a receipt in the books, or (``None``) unmatch it."""
    instalment, application = _instalment(session, instalment_id)
    if entry_id is not None:
        entry = session.get(MoneyEntry, entry_id)
        if entry is None or entry.kind != "receipt":
            raise ValidationError("entry", "Choose a receipt in the books: that one is not there.")
        if not any(s.fund_id == application.fund_id for s in entry.splits):
            raise ValidationError(
                "entry", "This receipt is not in the grant's fund. Choose one that is."
            )
        other = session.scalar(
            select(GrantInstalment.id).where(
                GrantInstalment.entry_id == entry_id, GrantInstalment.id != instalment_id
            )
        )
        if other is not None:
            raise ValidationError("entry", "This receipt is already matched to another payment.")
    instalment.entry_id = entry_id
    session.flush()


@allowed("grants.edit")
def auto_match(session: Session, actor: Actor, application_id: int) -> int:
    """Match each unmatched instalment to a receipt of the same amount into the grant's
    fund within :data:`MATCH_DAYS` of its due date, the nearest first. Returns how many."""
    application = _grant(session, application_id)
    assert application.fund_id is not None
    receipts = _unmatched_receipts(session, application.fund_id)
    waiting = session.scalars(
        select(GrantInstalment)
        .where(GrantInstalment.application_id == application_id, GrantInstalment.entry_id.is_(None))
        .order_by(GrantInstalment.due_on, GrantInstalment.id)
    )
    used: set[int] = set()
    matched = 0
    for instalment in waiting:
        near = [
            c
            for c in receipts
            if c.entry_id not in used
            and c.pence == instalment.amount_pence
            and abs((c.on - instalment.due_on).days) <= MATCH_DAYS
        ]
        if near:
            best = min(near, key=lambda c: abs((c.on - instalment.due_on).days))
            instalment.entry_id = best.entry_id
            used.add(best.entry_id)
            matched += 1
    session.flush()
    return matched


@allowed("grants.edit")
def receive(
    session: Session,
    actor: Actor,
    instalment_id: int,
    on: date,
    account_id: int | None,
    category_id: int | None,
) -> int:
    """Record an instalment's money in the books (into the grant's fund) and match it:
    one action, one transaction. Returns the new entry's id."""
    from clubapp.services import books

    instalment, application = _instalment(session, instalment_id)
    assert application.fund_id is not None
    if instalment.entry_id is not None:
        raise ValidationError("entry", "This payment is already matched to a receipt.")
    errors: dict[str, str] = {}
    if category_id is None:
        errors["category"] = "Choose the category the money goes under, such as Grants."
    if account_id is None:
        errors["account"] = "Choose the account the money went into."
    if errors:
        raise ValidationError(errors)
    assert category_id is not None
    funder = session.scalar(select(Funder.name).where(Funder.id == application.funder_id)) or ""
    number = session.scalar(
        select(func.count())
        .select_from(GrantInstalment)
        .where(
            GrantInstalment.application_id == application.id,
            or_(
                GrantInstalment.due_on < instalment.due_on,
                and_(
                    GrantInstalment.due_on == instalment.due_on,
                    GrantInstalment.id <= instalment.id,
                ),
            ),
        )
    )
    of = session.scalar(
        select(func.count())
        .select_from(GrantInstalment)
        .where(GrantInstalment.application_id == application.id)
    )
    entry_id = books.record_entry(
        session,
        actor,
        books.EntryInput(
            on=on,
            kind="receipt",
            amount_pence=instalment.amount_pence,
            account_id=account_id,
            splits=[books.SplitInput(category_id, application.fund_id, instalment.amount_pence)],
            payee=funder,
            reference=application.funder_reference[:60],
            description=f"{application.title}: payment {number} of {of}",
        ),
    )
    instalment.entry_id = entry_id
    session.flush()
    return entry_id


@allowed("grants.see")
def grants_category(session: Session, actor: Actor) -> int | None:
    """The category a grant's money usually goes under: "Grants", if the books have it."""
    return session.scalar(
        select(Category.id).where(
            func.lower(Category.name) == "grants",
            Category.section == "receipts",
            Category.retired.is_(False),
        )
    )

"""The treasurer's cash book: funds, money accounts and categories, and the entries
(receipts, payments, transfers) with their splits; balances and the cash book.

Every function takes the session and the actor, checks the role, and leaves committing
to the caller, so one user action is one transaction. Money is whole pence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from clubapp.models.accounts import (
    ACCOUNT_KINDS,
    FUND_KINDS,
    SECTIONS,
    Category,
    Fund,
    MoneyAccount,
    MoneyEntry,
    Reconciliation,
    Split,
)
from clubapp.services import fields, years
from clubapp.services.errors import NotFound, ValidationError, collect_errors
from clubapp.services.money import MAX_PENCE, pounds
from clubapp.services.permissions import Actor, allowed, internal

FUND_WORDS = {
    "general": "General fund (unrestricted)",
    "designated": "Designated fund (unrestricted, set aside by the trustees)",
    "restricted": "Restricted fund (a funder says what it is for)",
    "endowment": "Endowment fund (kept, not spent)",
}
# The printed accounts' columns: general and designated funds are both unrestricted.
FUND_COLUMNS = {
    "general": "unrestricted",
    "designated": "unrestricted",
    "restricted": "restricted",
    "endowment": "endowment",
}
ACCOUNT_WORDS = {"current": "Bank current account", "savings": "Savings account", "cash": "Cash"}
SECTION_WORDS = {
    "receipts": "Money in",
    "asset_sales": "Money in from selling equipment or investments",
    "payments": "Money out",
    "asset_purchases": "Money out on equipment to keep or investments",
}
KIND_WORDS = {
    "receipt": "Money in",
    "payment": "Money out",
    "account_transfer": "Moved between accounts",
    "fund_transfer": "Moved between funds",
}
NAME_MAX = 100
PAYEE_MAX = 200
REFERENCE_MAX = 60
NOTE_MAX = 200


# ---------------------------------------------------------------- set-up


@dataclass(frozen=True)
class FundRow:
    fund_id: int
    name: str
    kind: str
    purpose: str
    opening_pence: int
    retired: bool

    @property
    def column(self) -> str:
        return FUND_COLUMNS[self.kind]


@dataclass(frozen=True)
class AccountRow:
    account_id: int
    name: str
    kind: str
    opening_pence: int
    retired: bool


@dataclass(frozen=True)
class CategoryRow:
    category_id: int
    name: str
    section: str
    line: str
    position: int
    retired: bool

    @property
    def is_receipt(self) -> bool:
        return self.section in ("receipts", "asset_sales")


@allowed("accounts.print")
def list_funds(session: Session, actor: Actor, *, retired: bool = False) -> list[FundRow]:
    query = select(Fund).order_by(
        case({k: n for n, k in enumerate(FUND_KINDS)}, value=Fund.kind), Fund.name
    )
    if not retired:
        query = query.where(Fund.retired.is_(False))
    return [
        FundRow(f.id, f.name, f.kind, f.purpose, f.opening_pence, f.retired)
        for f in session.scalars(query)
    ]


@allowed("accounts.print")
def list_accounts(session: Session, actor: Actor, *, retired: bool = False) -> list[AccountRow]:
    query = select(MoneyAccount).order_by(MoneyAccount.id)
    if not retired:
        query = query.where(MoneyAccount.retired.is_(False))
    return [
        AccountRow(a.id, a.name, a.kind, a.opening_pence, a.retired) for a in session.scalars(query)
    ]


@allowed("accounts.print")
def list_categories(session: Session, actor: Actor, *, retired: bool = False) -> list[CategoryRow]:
    query = select(Category).order_by(
        case({k: n for n, k in enumerate(SECTIONS)}, value=Category.section),
        Category.position,
        Category.name,
    )
    if not retired:
        query = query.where(Category.retired.is_(False))
    return [
        CategoryRow(c.id, c.name, c.section, c.line, c.position, c.retired)
        for c in session.scalars(query)
    ]


def _check_name(
    session: Session,
    model: type[Fund] | type[MoneyAccount],
    name: str,
    own_id: int | None,
    words: str,
) -> str:
    name = name.strip()
    fields.name(name, "name", words, required=True)
    if len(name) > NAME_MAX:
        raise ValidationError("name", f"Keep the {words} under {NAME_MAX} characters.")
    # Compared here in every alphabet: SQLite's lower() folds only A to Z, so "Über"
    # after "über" would pass a query's check and break the unique name in the database.
    if fields.name_taken(session.execute(select(model.id, model.name)), name, own_id):
        raise ValidationError("name", f"There is already a {words} called {name}.")
    return name


def _check_opening(session: Session, old: int | None, new: int) -> None:
    """Opening balances are the books' first line: once a year is closed they are part
    of it, for new funds and accounts too (which then start at £0 and are paid into)."""
    if abs(new) > MAX_PENCE:
        raise ValidationError("opening_pence", "The opening balance is too large.")
    if (old or 0) != new and years.locked_until(session) is not None:
        raise ValidationError(
            "opening_pence",
            "A year has been closed, so opening balances cannot change. Leave it at £0 "
            "and put the money in as an entry in the open year instead.",
        )


def _check_retiring(balance: Callable[[], int], retiring: bool, words: str) -> None:
    """``balance`` is read only when something is being retired (it sums every entry)."""
    if not retiring:
        return
    held = balance()
    if held:
        raise ValidationError(
            "retired",
            f"This {words} still holds {pounds(held)}. Move the money to another "
            f"{words} first, then it can stop being used.",
        )


def _last_day(session: Session) -> date:
    """A day after every entry: balances on it are what everything holds in the end."""
    return session.scalar(select(func.max(MoneyEntry.on))) or date.min


def _used_in_closed_year(session: Session, fund_id: int) -> bool:
    until = years.locked_until(session)
    if until is None:
        return False
    return (
        session.scalar(
            select(Split.id)
            .join(MoneyEntry, MoneyEntry.id == Split.entry_id)
            .where(Split.fund_id == fund_id, MoneyEntry.on <= until)
            .limit(1)
        )
        is not None
        or session.scalar(
            select(MoneyEntry.id)
            .where(
                (MoneyEntry.from_fund_id == fund_id) | (MoneyEntry.to_fund_id == fund_id),
                MoneyEntry.on <= until,
            )
            .limit(1)
        )
        is not None
    )


@dataclass(frozen=True)
class FundInput:
    name: str
    kind: str
    purpose: str = ""
    opening_pence: int = 0
    retired: bool = False


@allowed("accounts.keep")
def save_fund(session: Session, actor: Actor, fund_id: int | None, data: FundInput) -> int:
    fund = None
    if fund_id is not None:
        fund = session.get(Fund, fund_id)
        if fund is None:
            raise NotFound("This fund is not there any more.")
    name = ""

    def check_name() -> None:
        nonlocal name
        name = _check_name(session, Fund, data.name, fund_id, "fund")

    def check_kind() -> None:
        if data.kind not in FUND_KINDS:
            raise ValidationError("kind", "Choose what kind of fund it is.")
        # Its kind is its column in the printed accounts, closed years' included.
        if (
            fund is not None
            and fund.kind != data.kind
            and years.locked_until(session) is not None
            and (fund.opening_pence or _used_in_closed_year(session, fund.id))
        ):
            raise ValidationError(
                "kind", "This fund is in a closed year's accounts, so its kind cannot change."
            )

    errors = collect_errors(
        check_name,
        check_kind,
        lambda: fields.text(data.purpose, "purpose", "purpose"),
        lambda: _check_opening(session, fund.opening_pence if fund else None, data.opening_pence),
        lambda: _check_retiring(
            # with the opening balance as typed now
            lambda: (
                fund_balances(session, _last_day(session))[fund.id]
                - fund.opening_pence
                + data.opening_pence
                if fund
                else 0
            ),
            data.retired and not (fund and fund.retired),
            "fund",
        ),
    )
    if errors:
        raise ValidationError(errors)
    if fund is None:
        fund = Fund(name=name)
        session.add(fund)
    fund.name = name
    fund.kind = data.kind
    fund.purpose = data.purpose.strip()
    fund.opening_pence = data.opening_pence
    fund.retired = data.retired
    session.flush()
    return fund.id


@dataclass(frozen=True)
class AccountInput:
    name: str
    kind: str
    opening_pence: int = 0
    retired: bool = False


@allowed("accounts.keep")
def save_account(session: Session, actor: Actor, account_id: int | None, data: AccountInput) -> int:
    account = None
    if account_id is not None:
        account = session.get(MoneyAccount, account_id)
        if account is None:
            raise NotFound("This money account is not there any more.")
    name = ""

    def check_name() -> None:
        nonlocal name
        name = _check_name(session, MoneyAccount, data.name, account_id, "money account")

    def check_kind() -> None:
        if data.kind not in ACCOUNT_KINDS:
            raise ValidationError("kind", "Choose a bank account, a savings account or cash.")

    def check_opening() -> None:
        _check_opening(session, account.opening_pence if account else None, data.opening_pence)
        if account is not None and account.opening_pence != data.opening_pence:
            reconciled = session.scalar(
                select(Reconciliation.id)
                .where(Reconciliation.account_id == account.id, Reconciliation.status == "done")
                .limit(1)
            )
            if reconciled is not None:
                raise ValidationError(
                    "opening_pence",
                    "This account has been reconciled with a bank statement, so its opening "
                    "balance cannot change. Put a correction in as an entry instead.",
                )

    errors = collect_errors(
        check_name,
        check_kind,
        check_opening,
        lambda: _check_retiring(
            lambda: (
                account_balances(session, _last_day(session))[account.id]
                - account.opening_pence
                + data.opening_pence
                if account
                else 0
            ),
            data.retired and not (account and account.retired),
            "money account",
        ),
    )
    if errors:
        raise ValidationError(errors)
    if account is None:
        account = MoneyAccount(name=name)
        session.add(account)
    account.name = name
    account.kind = data.kind
    account.opening_pence = data.opening_pence
    account.retired = data.retired
    session.flush()
    return account.id


@dataclass(frozen=True)
class CategoryInput:
    name: str
    section: str
    line: str = ""  # the printed line; blank means the category's own name
    retired: bool = False


@allowed("accounts.keep")
def save_category(
    session: Session, actor: Actor, category_id: int | None, data: CategoryInput
) -> int:
    category = None
    if category_id is not None:
        category = session.get(Category, category_id)
        if category is None:
            raise NotFound("This category is not there any more.")
    name = data.name.strip()
    line = data.line.strip() or name
    errors = collect_errors(
        lambda: fields.name(name, "name", "category's name", required=True),
        lambda: fields.name(line, "line", "line on the printed accounts"),
    )
    if data.section not in SECTIONS:
        errors["section"] = "Choose whether it is money in or money out."
    elif category is not None and category.section != data.section:
        errors["section"] = (
            "A category cannot change between money in and money out. "
            "Add a new category instead, and retire this one."
        )
    if len(name) > NAME_MAX or len(line) > NAME_MAX:
        errors["name"] = f"Keep the names under {NAME_MAX} characters."
    until = years.locked_until(session)
    if category is not None and category.line != line and until is not None:
        used = session.scalar(
            select(Split.id)
            .join(MoneyEntry, MoneyEntry.id == Split.entry_id)
            .where(Split.category_id == category.id, MoneyEntry.on <= until)
            .limit(1)
        )
        if used is not None:
            errors["line"] = (
                "This category is in a closed year's accounts, so the line it is printed on "
                "cannot change. Add a new category for the new line, and retire this one."
            )
    if not errors:
        same_section = select(Category.id, Category.name).where(Category.section == data.section)
        if fields.name_taken(session.execute(same_section), name, category_id):
            errors["name"] = f"There is already a category called {name}."
    if errors:
        raise ValidationError(errors)
    if category is None:
        last = session.scalar(select(func.max(Category.position))) or 0
        category = Category(name=name, section=data.section, position=last + 1)
        session.add(category)
    category.name = name
    category.line = line
    category.retired = data.retired
    session.flush()
    return category.id


# ---------------------------------------------------------------- entries


@dataclass(frozen=True)
class SplitInput:
    category_id: int
    fund_id: int
    amount_pence: int
    note: str = ""


@dataclass(frozen=True)
class EntryInput:
    on: date
    kind: str  # receipt, payment, account_transfer, fund_transfer
    amount_pence: int
    account_id: int | None = None  # receipts, payments; the account money leaves
    splits: Sequence[SplitInput] = ()  # receipts and payments; add up to the amount
    to_account_id: int | None = None  # account transfers
    from_fund_id: int | None = None  # fund transfers
    to_fund_id: int | None = None
    payee: str = ""
    reference: str = ""
    description: str = ""


def _check_entry(
    session: Session,
    data: EntryInput,
    *,
    sorting: bool,
    previous: MoneyEntry | None = None,
    until: date | None = years._ASK,
) -> None:
    errors: dict[str, str] = {}
    if data.kind not in KIND_WORDS:
        raise ValidationError("kind", "Choose money in, money out or a transfer.")
    if not 0 < data.amount_pence <= MAX_PENCE:
        errors["amount"] = "Type the amount, more than £0."
    try:
        years.check_open(session, data.on, until=until)
    except ValidationError as exc:
        errors.update(exc.errors)
    errors.update(
        collect_errors(
            lambda: fields.name(data.payee, "payee", "name of who it was from or to"),
            lambda: fields.name(data.reference, "reference", "reference"),
            lambda: fields.text(data.description, "description", "description"),
        )
    )
    if len(data.reference.strip()) > REFERENCE_MAX:
        errors["reference"] = f"Keep the reference under {REFERENCE_MAX} characters."
    if data.kind in ("receipt", "payment", "account_transfer"):
        account = session.get(MoneyAccount, data.account_id) if data.account_id else None
        if account is None:
            errors["account"] = "Choose the money account."
    if data.kind == "account_transfer":
        to = session.get(MoneyAccount, data.to_account_id) if data.to_account_id else None
        if to is None:
            errors["to_account"] = "Choose the account the money went to."
        elif to.id == data.account_id:
            errors["to_account"] = "Choose a different account to move the money to."
    if data.kind == "fund_transfer":
        source = session.get(Fund, data.from_fund_id) if data.from_fund_id else None
        target = session.get(Fund, data.to_fund_id) if data.to_fund_id else None
        if source is None:
            errors["from_fund"] = "Choose the fund the money comes from."
        if target is None:
            errors["to_fund"] = "Choose the fund the money goes to."
        elif source is not None and source.id == target.id:
            errors["to_fund"] = "Choose a different fund to move the money to."
    if data.kind in ("receipt", "payment"):
        errors.update(_check_splits(session, data, sorting=sorting))
    elif data.splits:
        errors["splits"] = "A transfer has no categories."
    if not errors:
        errors.update(_retired(session, data, previous))
    if errors:
        raise ValidationError(errors)


def _retired(session: Session, data: EntryInput, previous: MoneyEntry | None) -> dict[str, str]:
    """Retired accounts, funds and categories stay on old entries but take no new ones."""
    uses: list[tuple[str, type[Fund] | type[MoneyAccount] | type[Category], int | None]] = [
        ("account", MoneyAccount, data.account_id),
        ("to_account", MoneyAccount, data.to_account_id),
        ("from_fund", Fund, data.from_fund_id),
        ("to_fund", Fund, data.to_fund_id),
    ]
    for split in data.splits:
        uses += [("category", Category, split.category_id), ("fund", Fund, split.fund_id)]
    had: set[tuple[type, int | None]] = set()
    if previous is not None:
        had = {
            (MoneyAccount, previous.account_id),
            (MoneyAccount, previous.to_account_id),
            (Fund, previous.from_fund_id),
            (Fund, previous.to_fund_id),
        }
        for part in previous.splits:
            had |= {(Category, part.category_id), (Fund, part.fund_id)}
    errors: dict[str, str] = {}
    for field_name, model, item_id in uses:
        if item_id is None or (model, item_id) in had:
            continue
        item = session.get(model, item_id)
        if isinstance(item, (Fund, MoneyAccount, Category)) and item.retired:
            errors.setdefault(
                field_name,
                f"{item.name} is no longer used. Choose another, or bring it back in "
                "Set up the books.",
            )
    return errors


def _check_splits(session: Session, data: EntryInput, *, sorting: bool) -> dict[str, str]:
    if not data.splits:
        if sorting:
            return {}
        return {"category": "Choose a category and a fund."}
    errors: dict[str, str] = {}
    wanted = (
        ("receipts", "asset_sales") if data.kind == "receipt" else ("payments", "asset_purchases")
    )
    for n, split in enumerate(data.splits):
        suffix = "" if len(data.splits) == 1 else f" (part {n + 1})"
        category = session.get(Category, split.category_id)
        if category is None:
            errors.setdefault("category", f"Choose a category{suffix}.")
        elif category.section not in wanted:
            direction = "money in" if data.kind == "receipt" else "money out"
            errors.setdefault(
                "category", f"{category.name} is not a category for {direction}{suffix}."
            )
        if session.get(Fund, split.fund_id) is None:
            errors.setdefault("fund", f"Choose a fund{suffix}.")
        if split.amount_pence <= 0:
            errors.setdefault("splits", f"Each part needs an amount more than £0{suffix}.")
        if len(split.note.strip()) > NOTE_MAX:
            errors.setdefault("splits", f"Keep each part's note under {NOTE_MAX} characters.")
    total = sum(s.amount_pence for s in data.splits)
    if not errors and total != data.amount_pence:
        difference = data.amount_pence - total
        errors["splits"] = (
            f"The parts add up to {pounds(total)}, but the amount is {pounds(data.amount_pence)}: "
            f"{pounds(abs(difference))} {'still to share out' if difference > 0 else 'too much'}."
        )
    return errors


def _fill(entry: MoneyEntry, data: EntryInput) -> None:
    entry.on = data.on
    entry.kind = data.kind
    entry.amount_pence = data.amount_pence
    entry.account_id = data.account_id if data.kind != "fund_transfer" else None
    entry.to_account_id = data.to_account_id if data.kind == "account_transfer" else None
    entry.from_fund_id = data.from_fund_id if data.kind == "fund_transfer" else None
    entry.to_fund_id = data.to_fund_id if data.kind == "fund_transfer" else None
    entry.payee = data.payee.strip()
    entry.reference = data.reference.strip()
    entry.description = data.description.strip()
    entry.splits = [
        Split(
            category_id=s.category_id,
            fund_id=s.fund_id,
            amount_pence=s.amount_pence,
            note=s.note.strip(),
        )
        for s in data.splits
    ]
    entry.to_sort = data.kind in ("receipt", "payment") and not data.splits


@allowed("accounts.keep")
def record_entry(
    session: Session, actor: Actor, data: EntryInput, *, import_key: str | None = None
) -> int:
    """Save a new entry. Without splits, a receipt or payment waits in the list to sort
    (only imports make those: the form asks for a category and a fund)."""
    _check_entry(session, data, sorting=import_key is not None)
    entry = MoneyEntry(created_by=actor.name, import_key=import_key)
    _fill(entry, data)
    session.add(entry)
    session.flush()
    return entry.id


class EntryRefused(ValidationError):
    """One of many entries saved together was refused: ``index`` says which."""

    def __init__(self, index: int, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.index = index


@allowed("accounts.keep")
def record_entries(
    session: Session, actor: Actor, items: Sequence[tuple[EntryInput, str | None]]
) -> int:
    """Save many new entries at once (an import): each ``(data, import_key)`` checked as
    `record_entry` checks it, the year's lock read once and everything written in one
    flush. The first refusal raises, and the caller's transaction keeps none of them."""
    until = years.locked_until(session)
    entries = []
    for n, (data, key) in enumerate(items):
        try:
            _check_entry(session, data, sorting=key is not None, until=until)
        except ValidationError as exc:
            raise EntryRefused(n, exc.errors) from exc
        entry = MoneyEntry(created_by=actor.name, import_key=key)
        _fill(entry, data)
        entries.append(entry)
    session.add_all(entries)
    session.flush()
    return len(entries)


@allowed("accounts.keep")
def change_entry(session: Session, actor: Actor, entry_id: int, data: EntryInput) -> None:
    """Change an entry, or sort one waiting in the list. A ticked (reconciled) entry keeps
    its amount, date and account: the bank statement says they are right."""
    entry = _entry(session, entry_id)
    years.check_open(session, entry.on)
    _check_entry(session, data, sorting=False, previous=entry)
    if _ticked(entry) and (
        entry.amount_pence != data.amount_pence
        or entry.on != data.on
        or entry.kind != data.kind
        or entry.account_id != data.account_id
        or entry.to_account_id != data.to_account_id
    ):
        raise ValidationError(
            "amount",
            "This line has been ticked against a bank statement, so its date, amount and "
            "account stay as they are. You can still change its category, fund and words.",
        )
    _fill(entry, data)
    session.flush()


@allowed("accounts.keep")
def delete_entry(session: Session, actor: Actor, entry_id: int) -> None:
    entry = _entry(session, entry_id)
    years.check_open(session, entry.on)
    if _ticked(entry):
        raise ValidationError(
            "entry",
            "This line has been ticked against a bank statement, so it cannot be removed. "
            "Put a correction in instead.",
        )
    session.delete(entry)


def _ticked(entry: MoneyEntry) -> bool:
    """Ticked against a bank statement, on either side of a transfer."""
    return entry.reconciliation_id is not None or entry.to_reconciliation_id is not None


def _entry(session: Session, entry_id: int) -> MoneyEntry:
    entry = session.get(MoneyEntry, entry_id)
    if entry is None:
        raise NotFound("This entry is not in the books any more.")
    return entry


@dataclass(frozen=True)
class EntryView:
    entry_id: int
    data: EntryInput
    to_sort: bool
    reconciled: bool
    locked: bool
    created_by: str
    imported: bool


@allowed("accounts.keep")
def get_entry(session: Session, actor: Actor, entry_id: int) -> EntryView:
    entry = _entry(session, entry_id)
    until = years.locked_until(session)
    return EntryView(
        entry.id,
        EntryInput(
            on=entry.on,
            kind=entry.kind,
            amount_pence=entry.amount_pence,
            account_id=entry.account_id,
            splits=tuple(
                SplitInput(s.category_id, s.fund_id, s.amount_pence, s.note) for s in entry.splits
            ),
            to_account_id=entry.to_account_id,
            from_fund_id=entry.from_fund_id,
            to_fund_id=entry.to_fund_id,
            payee=entry.payee,
            reference=entry.reference,
            description=entry.description,
        ),
        to_sort=entry.to_sort,
        reconciled=_ticked(entry),
        locked=until is not None and entry.on <= until,
        created_by=entry.created_by,
        imported=entry.import_key is not None,
    )


# ---------------------------------------------------------------- lists


@dataclass(slots=True)  # not frozen: a year's cash book builds thousands, twice as fast
class EntryLine:
    """One line of a list or the cash book; ``signed_pence`` is in (+) or out (-) of the
    account the list is about (0 for fund transfers)."""

    entry_id: int
    on: date
    kind: str
    amount_pence: int
    signed_pence: int
    payee: str
    reference: str
    description: str
    what: str  # category (or "Split: 2 parts"), or the transfer in words
    fund: str
    to_sort: bool
    reconciled: bool
    balance_pence: int | None = None  # the running balance, in the cash book


def _what_and_fund(row: Any, parts: Sequence[tuple[int, int]], names: _Names) -> tuple[str, str]:
    if row.kind == "fund_transfer":
        return (
            f"From {names.funds[row.from_fund_id]} to {names.funds[row.to_fund_id]}",
            names.funds[row.to_fund_id],
        )
    if row.kind == "account_transfer":
        return (
            f"From {names.accounts[row.account_id]} to {names.accounts[row.to_account_id]}",
            "",
        )
    if not parts:
        return "To sort", ""
    if len(parts) == 1:
        category_id, fund_id = parts[0]
        return names.categories[category_id], names.funds[fund_id]
    categories = {names.categories[c] for c, _ in parts}
    funds = {names.funds[f] for _, f in parts}
    what = categories.pop() if len(categories) == 1 else f"Split in {len(parts)} parts"
    return what, funds.pop() if len(funds) == 1 else f"{len(funds)} funds"


@dataclass
class _Names:
    funds: dict[int | None, str] = field(default_factory=dict)
    accounts: dict[int | None, str] = field(default_factory=dict)
    categories: dict[int, str] = field(default_factory=dict)


def _names(session: Session) -> _Names:
    return _Names(
        dict(session.execute(select(Fund.id, Fund.name)).all()),
        dict(session.execute(select(MoneyAccount.id, MoneyAccount.name)).all()),
        dict(session.execute(select(Category.id, Category.name)).all()),
    )


_LINE_COLUMNS = (
    MoneyEntry.id,
    MoneyEntry.on,
    MoneyEntry.kind,
    MoneyEntry.amount_pence,
    MoneyEntry.account_id,
    MoneyEntry.to_account_id,
    MoneyEntry.from_fund_id,
    MoneyEntry.to_fund_id,
    MoneyEntry.payee,
    MoneyEntry.reference,
    MoneyEntry.description,
    MoneyEntry.to_sort,
    MoneyEntry.reconciliation_id,
    MoneyEntry.to_reconciliation_id,
)


@internal
def entry_lines(
    session: Session, *where: Any, account_id: int | None = None, opening: int | None = None
) -> list[EntryLine]:
    """The entries matching ``where`` as lines, in date order, read as plain columns
    (a year of 5,000 lines is read in one query for the entries and one for their parts,
    with no objects built). ``signed_pence`` is seen from ``account_id``'s side, or from
    each entry's own account. With an ``opening`` balance, each line has the running
    balance after it."""
    names = _names(session)
    rows = session.execute(
        select(*_LINE_COLUMNS).where(*where).order_by(MoneyEntry.on, MoneyEntry.id)
    ).all()
    parts: dict[int, list[tuple[int, int]]] = {}
    for entry_id, category_id, fund_id in session.execute(
        select(Split.entry_id, Split.category_id, Split.fund_id)
        .join(MoneyEntry, MoneyEntry.id == Split.entry_id)
        .where(*where)
        .order_by(Split.id)
    ):
        parts.setdefault(entry_id, []).append((category_id, fund_id))
    lines = []
    balance = opening
    for row in rows:
        seen_from = account_id if account_id is not None else row.account_id
        if row.kind == "receipt":
            signed = row.amount_pence
        elif row.kind == "payment":
            signed = -row.amount_pence
        elif row.kind == "account_transfer":
            signed = row.amount_pence if row.to_account_id == seen_from else -row.amount_pence
        else:
            signed = 0
        what, fund = _what_and_fund(row, parts.get(row.id, ()), names)
        if balance is not None:
            balance += signed
        lines.append(
            EntryLine(
                row.id,
                row.on,
                row.kind,
                row.amount_pence,
                signed,
                row.payee,
                row.reference,
                row.description,
                what,
                fund,
                row.to_sort,
                (
                    row.to_reconciliation_id
                    if seen_from is not None and row.to_account_id == seen_from
                    else row.reconciliation_id
                )
                is not None,
                balance,
            )
        )
    return lines


@allowed("accounts.keep")
def to_sort(session: Session, actor: Actor) -> list[EntryLine]:
    """Imported bank lines still waiting for a category and a fund, oldest first."""
    return entry_lines(session, MoneyEntry.to_sort)


@allowed("accounts.keep")
def count_to_sort(session: Session, actor: Actor) -> int:
    return (
        session.scalar(select(func.count()).select_from(MoneyEntry).where(MoneyEntry.to_sort)) or 0
    )


@dataclass(frozen=True)
class CashBook:
    account_id: int
    account: str
    starts: date
    ends: date
    opening_pence: int  # the balance at the start of ``starts``
    lines: list[EntryLine]
    closing_pence: int
    kind: str = "current"  # the account's kind: a cash box has no bank statement


@allowed("accounts.keep")
def cash_book(
    session: Session, actor: Actor, account_id: int, starts: date, ends: date
) -> CashBook:
    """Every entry in or out of one money account between two days, in date order, with
    the running balance."""
    account = session.get(MoneyAccount, account_id)
    if account is None:
        raise NotFound("This money account is not there any more.")
    opening = account_balances(session, starts, before=True).get(account_id, 0)
    lines = entry_lines(
        session,
        (MoneyEntry.account_id == account_id) | (MoneyEntry.to_account_id == account_id),
        MoneyEntry.on >= starts,
        MoneyEntry.on <= ends,
        account_id=account_id,
        opening=opening,
    )
    balance = lines[-1].balance_pence if lines else opening
    assert balance is not None
    return CashBook(account_id, account.name, starts, ends, opening, lines, balance, account.kind)


# ---------------------------------------------------------------- balances


def _day_filter(column, day: date, before: bool):  # type: ignore[no-untyped-def]
    return column < day if before else column <= day


@internal
def account_balances(session: Session, day: date, *, before: bool = False) -> dict[int, int]:
    """Each money account's balance at the end of ``day`` (or at its start, ``before``)."""
    balances = dict(session.execute(select(MoneyAccount.id, MoneyAccount.opening_pence)).all())
    signed = case(
        (MoneyEntry.kind == "receipt", MoneyEntry.amount_pence),
        (MoneyEntry.kind == "payment", -MoneyEntry.amount_pence),
        else_=-MoneyEntry.amount_pence,  # an account transfer leaving account_id
    )
    rows = session.execute(
        select(MoneyEntry.account_id, func.sum(signed))
        .where(MoneyEntry.account_id.is_not(None), _day_filter(MoneyEntry.on, day, before))
        .group_by(MoneyEntry.account_id)
    )
    for account_id, total in rows:
        balances[account_id] += total
    rows = session.execute(
        select(MoneyEntry.to_account_id, func.sum(MoneyEntry.amount_pence))
        .where(MoneyEntry.to_account_id.is_not(None), _day_filter(MoneyEntry.on, day, before))
        .group_by(MoneyEntry.to_account_id)
    )
    for account_id, total in rows:
        balances[account_id] += total
    return balances


@internal
def fund_balances(session: Session, day: date, *, before: bool = False) -> dict[int, int]:
    """Each fund's balance at the end of ``day`` (or at its start, ``before``). Lines
    still to sort are in no fund yet."""
    balances = dict(session.execute(select(Fund.id, Fund.opening_pence)).all())
    signed = case((MoneyEntry.kind == "receipt", Split.amount_pence), else_=-Split.amount_pence)
    rows = session.execute(
        select(Split.fund_id, func.sum(signed))
        .join(MoneyEntry, MoneyEntry.id == Split.entry_id)
        .where(_day_filter(MoneyEntry.on, day, before))
        .group_by(Split.fund_id)
    )
    for fund_id, total in rows:
        balances[fund_id] += total
    for column, sign in ((MoneyEntry.from_fund_id, -1), (MoneyEntry.to_fund_id, 1)):
        rows = session.execute(
            select(column, func.sum(MoneyEntry.amount_pence))
            .where(column.is_not(None), _day_filter(MoneyEntry.on, day, before))
            .group_by(column)
        )
        for fund_id, total in rows:
            balances[fund_id] += sign * total
    return balances


@internal
def unsorted_total(session: Session, day: date) -> int:
    """Money in (+) and out (-) of the accounts still to sort into funds, up to ``day``."""
    signed = case(
        (MoneyEntry.kind == "receipt", MoneyEntry.amount_pence), else_=-MoneyEntry.amount_pence
    )
    return (
        session.scalar(
            select(func.coalesce(func.sum(signed), 0)).where(
                MoneyEntry.to_sort, MoneyEntry.on <= day
            )
        )
        or 0
    )


# ---------------------------------------------------------------- the room's figures


@dataclass(frozen=True)
class Overview:
    """What the Accounts room shows: (name, pence) for each account and fund in use."""

    day: date
    accounts: list[tuple[str, int]]
    funds: list[tuple[str, int]]
    unsorted_pence: int
    to_sort: int


@allowed("accounts.keep")
def overview(session: Session, actor: Actor, day: date) -> Overview:
    """Every balance on ``day``, read in one transaction so they agree with each other."""
    account_pence = account_balances(session, day)
    fund_pence = fund_balances(session, day)
    return Overview(
        day,
        [(a.name, account_pence.get(a.account_id, 0)) for a in list_accounts(session, actor)],
        [(f.name, fund_pence.get(f.fund_id, 0)) for f in list_funds(session, actor)],
        unsorted_total(session, day),
        count_to_sort(session, actor),
    )

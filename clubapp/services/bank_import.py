"""Bank statements and spreadsheets of transactions into the cash book: a preview
first, then every line or none.

`plan_import` reads a file with a `BankFormat` and says what importing it would do:
the lines it would add, the lines it leaves out because they are in the books already,
and every problem by line. `apply_import` does it, only when there is no problem at all.

A line is in the books already when it was imported before (its `import_key`: the
account, day, amount, description and which one of the same it is that day, so two
real £5 lines on one day are two lines) or when the treasurer typed it in (the same
account, day and amount). The second is counted line for line: two £5 lines on a
statement against one typed £5 adds one.

Lines from a bank wait in the list to sort; a line from a spreadsheet that gives its
category and fund is saved sorted. A category, fund or money account no longer used
takes no new entries, so each line to be added that names one is a problem in the
preview, as the books would refuse it on saving. A file of 100,000 lines is read in one pass, with
one query per money account for what is already there.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from clubapp.models.accounts import Category, Fund, MoneyAccount, MoneyEntry
from clubapp.services import books, fields, years
from clubapp.services.bank_formats import (
    FIELD_WORDS,
    BankFormat,
    CsvTable,
    check_columns,
    read_day,
    read_table,
    saved_formats,
)
from clubapp.services.dates import long_date
from clubapp.services.errors import ValidationError
from clubapp.services.money import parse_signed, pounds
from clubapp.services.permissions import Actor, allowed
from clubapp.services.progress import Progress, Ticker

KEY_PREFIX = "csv:"
#: Lines written to the books in batches of this many, saying how far it has gone between.
BATCH = 500


@dataclass(frozen=True)
class NewLine:
    """A line the import would add. ``signed_pence`` is money in (+) or out (-)."""

    line: int
    on: date
    signed_pence: int
    account_id: int
    account: str
    description: str
    payee: str
    reference: str
    category_id: int | None
    category: str
    fund_id: int | None
    fund: str
    import_key: str

    @property
    def to_sort(self) -> bool:
        return self.category_id is None


#: Why a line is left out, in words that follow "Leave out:".
SKIP_WORDS = {
    "imported": "imported before",
    "in_books": "in the books already",
    "zero": "the amount is £0.00",
}


@dataclass(frozen=True)
class SkippedLine:
    """A line left out: ``why`` is imported, in_books or zero; ``matched`` is the words
    of the entry in the books it matched (for in_books)."""

    line: int
    on: date
    signed_pence: int
    description: str
    why: str
    matched: str = ""

    @property
    def reason(self) -> str:
        """ "in the books already as 'Raffle'"."""
        if self.why == "in_books" and self.matched:
            return f"{SKIP_WORDS[self.why]} as '{_shown(self.matched)}'"
        return SKIP_WORDS[self.why]


@dataclass(frozen=True)
class LineProblem:
    """What is wrong with one line: its line in the file, the heading ("" for the whole
    line) and what to do."""

    line: int
    column: str
    message: str


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do. Nothing is saved unless ``problems`` is empty."""

    format_name: str
    new: tuple[NewLine, ...]
    skipped: tuple[SkippedLine, ...]
    problems: tuple[LineProblem, ...]
    # The balance the statement ends with, and its day, when it has a balance column.
    closing: tuple[date, int] | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def lines_with_problems(self) -> int:
        return len({p.line for p in self.problems})

    def summary(self) -> str:
        count = len(self.new)
        to_sort = sum(1 for n in self.new if n.to_sort)
        parts = [f"{count:,} new {'line' if count == 1 else 'lines'} to add"]
        if count and to_sort < count:
            parts[0] += f" ({count - to_sort:,} with a category and fund, {to_sort:,} to sort)"
        if self.skipped:
            left = len(self.skipped)
            parts.append(
                "1 line left out because it is in the books already"
                if left == 1
                else f"{left:,} lines left out because they are in the books already"
            )
        if self.problems:
            bad = self.lines_with_problems
            parts.append(f"{bad:,} {'line has' if bad == 1 else 'lines have'} problems")
        return "; ".join(parts) + "."


def line_words(signed_pence: int) -> str:
    """ "£12.00 in" or "£12.00 out"."""
    return f"{pounds(abs(signed_pence))} {'in' if signed_pence >= 0 else 'out'}"


# ---------------------------------------------------------------- reading


@allowed("accounts.keep")
def read_file(session: Session, actor: Actor, data: bytes) -> CsvTable:
    """The file's headings and rows, finding a heading row made of the treasurer's own
    saved headings too. Raises BankFileError when the file cannot be read."""
    saved = [h for f in saved_formats(session, actor) for h in f.columns.used().values()]
    return read_table(data, saved)


def _clean(cell: str) -> str:
    """Spaces as one, and without the apostrophe some banks put first to keep a
    spreadsheet from reading the cell as a number or a formula."""
    text = " ".join(cell.split())
    return text[1:].lstrip() if text.startswith("'") else text


def import_key(account_id: int, on: date, signed_pence: int, description: str, nth: int) -> str:
    """The key a statement line is saved with: the ``nth`` line that day with the same
    amount and description (spaces and capitals do not count)."""
    return _key(account_id, on, signed_pence, _clean(description).casefold(), nth)


def _key(account_id: int, on: date, signed_pence: int, normal: str, nth: int) -> str:
    """What identifies a statement line: the same line imported again has the same key.
    ``normal`` is its description as `_clean` leaves it, in small letters."""
    digest = hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]
    return f"{KEY_PREFIX}{account_id}:{on.isoformat()}:{signed_pence}:{digest}:{nth}"


def _names(words: Iterable[str]) -> str:
    return ", ".join(words) or "none yet"


@dataclass
class _Books:
    """Accounts, funds and categories by their names (case does not count), and which
    of them are no longer used: those stay on old entries but take no new ones."""

    accounts: dict[str, tuple[int, str]]
    account_names: dict[int, str]
    funds: dict[str, tuple[int, str]]
    money_in: dict[str, tuple[int, str]]
    money_out: dict[str, tuple[int, str]]
    listed_accounts: list[str]
    listed_funds: list[str]
    listed_in: list[str]
    listed_out: list[str]
    retired_accounts: frozenset[int]
    retired_funds: frozenset[int]
    retired_categories: frozenset[int]


def _books(session: Session) -> _Books:
    accounts = session.execute(
        select(MoneyAccount.id, MoneyAccount.name, MoneyAccount.retired).order_by(MoneyAccount.id)
    ).all()
    funds = session.execute(select(Fund.id, Fund.name, Fund.retired).order_by(Fund.name)).all()
    categories = session.execute(
        select(Category.id, Category.name, Category.section, Category.retired).order_by(
            Category.position, Category.name
        )
    ).all()
    receipts = [c for c in categories if c.section in ("receipts", "asset_sales")]
    payments = [c for c in categories if c.section not in ("receipts", "asset_sales")]
    return _Books(
        accounts={a.name.casefold(): (a.id, a.name) for a in accounts},
        account_names={a.id: a.name for a in accounts},
        funds={f.name.casefold(): (f.id, f.name) for f in funds},
        money_in={c.name.casefold(): (c.id, c.name) for c in receipts},
        money_out={c.name.casefold(): (c.id, c.name) for c in payments},
        listed_accounts=[a.name for a in accounts if not a.retired],
        listed_funds=[f.name for f in funds if not f.retired],
        listed_in=[c.name for c in receipts if not c.retired],
        listed_out=[c.name for c in payments if not c.retired],
        retired_accounts=frozenset(a.id for a in accounts if a.retired),
        retired_funds=frozenset(f.id for f in funds if f.retired),
        retired_categories=frozenset(c.id for c in categories if c.retired),
    )


def _no_longer_used(name: str, what: str, listed: str) -> str:
    """The words the books refuse a retired account, fund or category with, and the fix
    in a file."""
    return (
        f"{name} is no longer used. Write another {what} in the file, or bring it back in "
        f"Set up the books. {listed}"
    )


@dataclass(frozen=True)
class _Line:
    """One statement line read without a problem."""

    line: int
    on: date
    signed: int
    account_id: int
    description: str
    payee: str
    reference: str
    category: tuple[int, str] | None
    fund: tuple[int, str] | None
    balance: int | None
    # (field, message) for each account, category or fund no longer used: a problem
    # only if the line is to be added, as the books refuse them on new entries alone.
    unused: tuple[tuple[str, str], ...] = ()


class _RowReader:
    """Reads each row of a table with one format, gathering every problem."""

    def __init__(self, table: CsvTable, fmt: BankFormat, known: _Books) -> None:
        self.fmt = fmt
        self.known = known
        self.columns = fmt.columns
        self.index = {name: table.index_of(heading) for name, heading in fmt.columns.used().items()}
        self.heading = {name: table.headings[i] for name, i in self.index.items() if i is not None}
        self.width = len(table.headings)
        while self.width and not table.headings[self.width - 1].strip():
            self.width -= 1
        self.problems: list[LineProblem] = []

    def cell(self, cells: tuple[str, ...], name: str) -> str:
        i = self.index.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    def read(self, line: int, cells: tuple[str, ...]) -> _Line | None:
        before = len(self.problems)

        def problem(name: str, message: str) -> None:
            self.problems.append(LineProblem(line, self.heading.get(name, ""), message))

        extra = [c for c in cells[self.width :] if c.strip()] if self.width > 1 else []
        if extra:
            problem(
                "",
                f"This line has more cells than there are column headings ({self.width}). "
                "Check for a comma in a description that is not inside quote marks.",
            )
        on = self._day(cells, problem)
        signed = self._amount(cells, problem)
        description = self._text(cells, "description", fields.TEXT_MAX, problem)
        payee = self._text(cells, "payee", books.PAYEE_MAX, problem)
        reference = self._text(cells, "reference", books.REFERENCE_MAX, problem)
        balance = self._balance(cells, problem)
        account_id = self._account(cells, problem)
        category, fund = self._category_and_fund(cells, signed, problem)
        unused = self._unused(account_id, category, fund, signed)
        if len(self.problems) > before or on is None or signed is None or account_id is None:
            # Every problem of the line at once, so the file is mended in one go.
            for name, message in unused:
                problem(name, message)
            return None
        return _Line(
            line,
            on,
            signed,
            account_id,
            description,
            payee,
            reference,
            category,
            fund,
            balance,
            tuple(unused),
        )

    def _unused(
        self,
        account_id: int | None,
        category: tuple[int, str] | None,
        fund: tuple[int, str] | None,
        signed: int | None,
    ) -> list[tuple[str, str]]:
        """The line's account, category and fund that are no longer used, with the fix.
        (A statement's own account is refused before any line is read.)"""
        known = self.known
        found: list[tuple[str, str]] = []
        if account_id in known.retired_accounts:
            found.append(
                (
                    "account",
                    _no_longer_used(
                        known.account_names[account_id],
                        "money account",
                        f"The accounts in use are: {_names(known.listed_accounts)}.",
                    ),
                )
            )
        if category is not None and category[0] in known.retired_categories:
            money_in = signed is not None and signed > 0
            listed = known.listed_in if money_in else known.listed_out
            found.append(
                (
                    "category",
                    _no_longer_used(
                        category[1],
                        "category",
                        f"The categories for {'money in' if money_in else 'money out'} "
                        f"are: {_names(listed)}.",
                    ),
                )
            )
        if fund is not None and fund[0] in known.retired_funds:
            found.append(
                (
                    "fund",
                    _no_longer_used(
                        fund[1], "fund", f"The funds in use are: {_names(known.listed_funds)}."
                    ),
                )
            )
        return found

    def _day(self, cells: tuple[str, ...], problem: Callable[[str, str], None]) -> date | None:
        try:
            return read_day(self.cell(cells, "date"), self.columns.date_style)
        except ValueError as exc:
            problem("date", str(exc))
            return None

    def _amount(self, cells: tuple[str, ...], problem: Callable[[str, str], None]) -> int | None:
        if self.columns.amount:
            try:
                return parse_signed(self.cell(cells, "amount"))
            except ValidationError as exc:
                problem("amount", exc.first[1])
                return None
        total, readable, written = 0, True, 0
        for name in ("paid_in", "paid_out"):
            text = self.cell(cells, name)
            if not text.strip():
                continue
            words = FIELD_WORDS[name].lower()
            try:
                pence = parse_signed(text, name, f"amount {words}")
            except ValidationError as exc:
                problem(name, exc.first[1])
                readable = False
                continue
            if pence:
                written += 1
            total += -abs(pence) if name == "paid_out" else pence
        if not readable:
            return None
        if written > 1:
            problem(
                "",
                "This line has money both paid in and paid out. Put them on two lines, "
                "one for each.",
            )
            return None
        given = [FIELD_WORDS[n] for n in ("paid_in", "paid_out") if self.columns.used().get(n)]
        if not any(self.cell(cells, n).strip() for n in ("paid_in", "paid_out")):
            problem(
                "paid_in" if self.columns.paid_in else "paid_out",
                f"There is no amount in {' or '.join(given)}. Write the amount, "
                "like 12.50, in one of them.",
            )
            return None
        return total

    def _text(
        self, cells: tuple[str, ...], name: str, limit: int, problem: Callable[[str, str], None]
    ) -> str:
        if name not in self.index:
            return ""
        text = _clean(self.cell(cells, name))
        if len(text) > limit:
            problem(
                name,
                f"This is {len(text):,} characters long; the most it can be is {limit:,}. "
                "Shorten it and try again.",
            )
        return text

    def _balance(self, cells: tuple[str, ...], problem: Callable[[str, str], None]) -> int | None:
        text = self.cell(cells, "balance")
        if not text.strip():
            return None
        try:
            return parse_signed(text, "balance", "balance")
        except ValidationError as exc:
            problem("balance", exc.first[1])
            return None

    def _account(self, cells: tuple[str, ...], problem: Callable[[str, str], None]) -> int | None:
        text = _clean(self.cell(cells, "account")) if "account" in self.index else ""
        if not text:
            if self.fmt.account_id is None:
                problem(
                    "account",
                    "The money account is blank. Write the account's name; the accounts "
                    f"are: {_names(self.known.listed_accounts)}.",
                )
            return self.fmt.account_id
        found = self.known.accounts.get(text.casefold())
        if found is None:
            problem(
                "account",
                f"There is no money account called '{text}'. The accounts are: "
                f"{_names(self.known.listed_accounts)}.",
            )
            return None
        return found[0]

    def _category_and_fund(
        self, cells: tuple[str, ...], signed: int | None, problem: Callable[[str, str], None]
    ) -> tuple[tuple[int, str] | None, tuple[int, str] | None]:
        if "category" not in self.index and "fund" not in self.index:
            return None, None
        category_text = _clean(self.cell(cells, "category"))
        fund_text = _clean(self.cell(cells, "fund"))
        if not category_text and not fund_text:
            return None, None
        if not category_text or not fund_text:
            missing, given = ("category", "fund") if not category_text else ("fund", "category")
            problem(
                missing,
                f"This line has a {given} but no {missing}. Write the {missing} too, or "
                "leave both blank for the line to wait in the list to sort.",
            )
            return None, None
        fund = self.known.funds.get(fund_text.casefold())
        if fund is None:
            problem(
                "fund",
                f"There is no fund called '{fund_text}'. The funds are: "
                f"{_names(self.known.listed_funds)}.",
            )
        if signed is None or signed == 0:
            return None, fund
        money_in = signed > 0
        right = self.known.money_in if money_in else self.known.money_out
        category = right.get(category_text.casefold())
        if category is None:
            wrong = (self.known.money_out if money_in else self.known.money_in).get(
                category_text.casefold()
            )
            direction = "money in" if money_in else "money out"
            listed = self.known.listed_in if money_in else self.known.listed_out
            if wrong is not None:
                message = (
                    f"'{wrong[1]}' is a category for {'money out' if money_in else 'money in'}, "
                    f"but this line is {direction} (the amount is "
                    f"{'more' if money_in else 'less'} than 0). "
                    f"The categories for {direction} are: {_names(listed)}."
                )
            else:
                message = (
                    f"There is no category called '{category_text}'. The categories for "
                    f"{direction} are: {_names(listed)}."
                )
            problem("category", message)
        return category, fund


# ---------------------------------------------------------------- what is in the books


@dataclass(frozen=True)
class _Existing:
    entry_id: int
    words: str


def _existing(
    session: Session, account_id: int, first: date, last: date
) -> tuple[dict[tuple[date, int], deque[_Existing]], dict[str, int]]:
    """The entries in and out of one account between two days, by day and signed amount,
    and the import keys of the lines imported into it on those days."""
    rows = session.execute(
        select(
            MoneyEntry.id,
            MoneyEntry.on,
            MoneyEntry.kind,
            MoneyEntry.amount_pence,
            MoneyEntry.account_id,
            MoneyEntry.description,
            MoneyEntry.payee,
        )
        .where(
            or_(MoneyEntry.account_id == account_id, MoneyEntry.to_account_id == account_id),
            MoneyEntry.on >= first,
            MoneyEntry.on <= last,
        )
        .order_by(MoneyEntry.on, MoneyEntry.id)
    )
    by_day: dict[tuple[date, int], deque[_Existing]] = defaultdict(deque)
    for entry_id, on, kind, amount, source, description, payee in rows:
        # An account transfer is money out of the account it left, into the other.
        out = kind == "payment" or (kind == "account_transfer" and source == account_id)
        signed = -amount if out else amount
        words = " ".join((description or payee or "").split())
        by_day[(on, signed)].append(_Existing(entry_id, words))
    # Keys start with the account and the day, so one range finds every line imported
    # into this account on these days, even one whose date was changed since.
    prefix = f"{KEY_PREFIX}{account_id}:"
    keys = session.execute(
        select(MoneyEntry.import_key, MoneyEntry.id).where(
            MoneyEntry.import_key >= f"{prefix}{first.isoformat()}:",
            MoneyEntry.import_key < f"{prefix}{last.isoformat()};",
        )
    )
    return by_day, {key: entry_id for key, entry_id in keys if key is not None}


def _shown(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- the plan


@allowed("accounts.keep")
def plan_import(
    session: Session,
    actor: Actor,
    source: bytes | CsvTable,
    fmt: BankFormat,
    progress: Progress | None = None,
) -> ImportPlan:
    """What importing the file with ``fmt`` would do. Changes nothing.

    Raises BankFileError when the file cannot be read, and ValidationError (naming the
    field) when the columns chosen do not fit the file or no money account is chosen.
    ``progress(lines read, lines)`` hears how far it has gone (see services.progress);
    when it returns False, ImportStopped is raised.
    """
    table = read_file(session, actor, source) if isinstance(source, bytes) else source
    check_columns(fmt.columns, table)
    known = _books(session)
    if fmt.account_id is not None and fmt.account_id not in known.account_names:
        raise ValidationError(
            "money_account", "That money account is not there any more. Choose one."
        )
    if fmt.account_id is None and not fmt.columns.account:
        raise ValidationError("money_account", "Choose the money account this statement is for.")
    if fmt.account_id in known.retired_accounts:
        raise ValidationError(
            "money_account",
            f"{known.account_names[fmt.account_id]} is no longer used. Choose another money "
            "account, or bring it back in Set up the books.",
        )

    reader = _RowReader(table, fmt, known)
    lines: list[_Line] = []
    skipped: list[SkippedLine] = []
    ticker = Ticker(progress, len(table.rows))
    for done, (line, cells) in enumerate(table.rows):
        ticker.at(done)
        found = reader.read(line, cells)
        if found is None:
            continue
        if found.signed == 0:
            skipped.append(SkippedLine(line, found.on, 0, found.description, "zero"))
            continue
        lines.append(found)
    ticker.at(len(table.rows))
    problems = reader.problems

    # Which one of the same it is that day, so two real £5 lines have two keys.
    seen: Counter[tuple[int, date, int, str]] = Counter()
    keys: list[str] = []
    for found in lines:
        same = (found.account_id, found.on, found.signed, found.description.casefold())
        seen[same] += 1
        keys.append(_key(*same, seen[same]))

    days: dict[int, list[date]] = defaultdict(list)
    for found in lines:
        days[found.account_id].append(found.on)
    there: dict[int, dict[tuple[date, int], deque[_Existing]]] = {}
    imported: dict[str, int] = {}
    for account_id, on_days in days.items():
        there[account_id], account_keys = _existing(session, account_id, min(on_days), max(on_days))
        imported.update(account_keys)

    claimed: set[int] = set()
    waiting: list[tuple[_Line, str]] = []
    for found, key in zip(lines, keys, strict=True):
        entry_id = imported.get(key)
        if entry_id is not None:
            claimed.add(entry_id)
            skipped.append(
                SkippedLine(found.line, found.on, found.signed, found.description, "imported")
            )
        else:
            waiting.append((found, key))

    until = years.locked_until(session)
    new: list[NewLine] = []
    for found, key in waiting:
        same_day = there[found.account_id].get((found.on, found.signed))
        while same_day and same_day[0].entry_id in claimed:
            same_day.popleft()
        if same_day:
            match = same_day.popleft()
            claimed.add(match.entry_id)
            skipped.append(
                SkippedLine(
                    found.line, found.on, found.signed, found.description, "in_books", match.words
                )
            )
            continue
        refused = [
            LineProblem(found.line, reader.heading.get(name, ""), message)
            for name, message in found.unused
        ]
        if until is not None and found.on <= until:
            refused.insert(
                0,
                LineProblem(
                    found.line,
                    reader.heading.get("date", ""),
                    f"{long_date(found.on, weekday=False)} is in a year that is closed (up to "
                    f"{long_date(until, weekday=False)}), so nothing can be added to it. "
                    "Take this line out of the file, and put any correction in the open year.",
                ),
            )
        if refused:
            problems.extend(refused)
            continue
        new.append(
            NewLine(
                line=found.line,
                on=found.on,
                signed_pence=found.signed,
                account_id=found.account_id,
                account=known.account_names[found.account_id],
                description=found.description,
                payee=found.payee,
                reference=found.reference,
                category_id=found.category[0] if found.category else None,
                category=found.category[1] if found.category else "",
                fund_id=found.fund[0] if found.fund else None,
                fund=found.fund[1] if found.fund else "",
                import_key=key,
            )
        )
    problems.sort(key=lambda p: p.line)
    skipped.sort(key=lambda s: s.line)
    return ImportPlan(fmt.name, tuple(new), tuple(skipped), tuple(problems), _closing(lines, fmt))


def _closing(lines: list[_Line], fmt: BankFormat) -> tuple[date, int] | None:
    """The balance after the last line: statements list newest first or oldest first."""
    with_balance = [found for found in lines if found.balance is not None]
    if not with_balance or fmt.columns.account:
        return None
    newest_first = with_balance[0].on > with_balance[-1].on
    last = with_balance[0] if newest_first else with_balance[-1]
    assert last.balance is not None
    return last.on, last.balance


def _entry(line: NewLine) -> books.EntryInput:
    amount = abs(line.signed_pence)
    splits: tuple[books.SplitInput, ...] = ()
    if line.category_id is not None and line.fund_id is not None:
        splits = (books.SplitInput(line.category_id, line.fund_id, amount),)
    return books.EntryInput(
        on=line.on,
        kind="receipt" if line.signed_pence > 0 else "payment",
        amount_pence=amount,
        account_id=line.account_id,
        splits=splits,
        payee=line.payee,
        reference=line.reference,
        description=line.description,
    )


@allowed("accounts.keep")
def apply_import(
    session: Session,
    actor: Actor,
    source: bytes | CsvTable,
    fmt: BankFormat,
    progress: Progress | None = None,
    checking: Progress | None = None,
) -> ImportPlan:
    """Add every new line of the file, or none if any line has a problem.

    The file is checked again first (the books may have changed since the preview):
    ``checking(done, total)`` hears how far that has gone, then ``progress(lines added,
    lines to add)`` how far the adding has. When either returns False, ImportStopped is
    raised, and the caller's transaction must be rolled back: no line is kept.
    """
    plan = plan_import(session, actor, source, fmt, checking)
    if not plan.ok:
        return plan
    # Held while the lines are saved, so the books' checks find the accounts, funds and
    # categories in the session rather than reading them again for every line.
    held = [
        *session.scalars(select(MoneyAccount)),
        *session.scalars(select(Fund)),
        *session.scalars(select(Category)),
    ]
    ticker = Ticker(progress, len(plan.new))
    ticker.at(0)
    start = 0
    try:
        # A line the books refuse after all takes every other line with it.
        with session.begin_nested():
            for start in range(0, len(plan.new), BATCH):
                batch = plan.new[start : start + BATCH]
                books.record_entries(
                    session, actor, [(_entry(line), line.import_key) for line in batch]
                )
                # Saved: the session need not keep them (100,000 lines would fill memory).
                for entry in [o for o in session if isinstance(o, MoneyEntry)]:
                    session.expunge(entry)
                ticker.at(start + len(batch))
    except books.EntryRefused as exc:
        refused = LineProblem(plan.new[start + exc.index].line, "", " ".join(exc.errors.values()))
        return replace(plan, new=(), problems=(refused,))
    del held
    return plan

"""Bank statements and spreadsheets as CSV files: reading them, and knowing their columns.

`read_table` turns a file's bytes into its column headings and rows, whatever the
bank did to it: UTF-8 with or without a BOM, or the older Windows-1252; commas,
semicolons or tabs; lines about the account above the headings (Nationwide); no
heading row at all (HSBC).

A `BankFormat` says which column holds what (`ColumnMap`) and which money account the
statement is for. The treasurer maps a bank's columns once and saves them under a name
(in the settings table, as JSON); the common UK banks are known already (`PRESETS`), as
is the spreadsheet of transactions a treasurer may be moving from. `detect` finds which
one a file is from its headings.

The presets follow the headings each bank is known to export; where a bank's export
has changed over the years, every known variant is listed, so an older file is still
recognised.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from dataclasses import fields as dataclass_fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from clubapp.models.club import Setting
from clubapp.services.dates import parse_date
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.members_csv import heading_key, utf16_without_bom
from clubapp.services.money import parse_signed
from clubapp.services.permissions import Actor, allowed

# ---------------------------------------------------------------- reading the file

DOWNLOAD_AGAIN = (
    "Download the statement from your bank's website again as a CSV file (sometimes "
    "called 'spreadsheet' or 'Excel CSV'), or save the spreadsheet as 'CSV UTF-8'."
)
#: Headings are looked for among the first lines; a bank puts at most a few above them.
HEADING_SEARCH_LINES = 30
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class BankFileError(ValueError):
    """The whole file cannot be read. The message says in plain words what to do."""


@dataclass(frozen=True)
class CsvTable:
    """A file's headings and its rows below them, each with its line in the file.

    When the file has no heading row, the headings are "Column 1", "Column 2", …
    """

    headings: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    heading_line: int  # 0 when the file has no heading row

    @property
    def has_headings(self) -> bool:
        return self.heading_line > 0

    def index_of(self, heading: str) -> int | None:
        """Where a heading is (case, spaces and punctuation do not count), or None."""
        key = heading_key(heading)
        if not key:
            return None
        for i, written in enumerate(self.headings):
            if heading_key(written) == key:
                return i
        return None


def _decode(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise BankFileError(
            "This is a spreadsheet workbook (such as .xlsx), not a CSV file. " + DOWNLOAD_AGAIN
        )
    if data.startswith(b"%PDF"):
        raise BankFileError("This is a PDF statement, not a CSV file. " + DOWNLOAD_AGAIN)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise BankFileError("This file is not a CSV file. " + DOWNLOAD_AGAIN) from None
    elif (text16 := utf16_without_bom(data)) is not None:
        text = text16
    else:
        data = data.removeprefix(codecs.BOM_UTF8)
        # Some banks still write Windows-1252 (a £ is then one byte, 0xA3); Latin-1
        # reads any byte at all, so what is not text is caught below instead.
        for encoding in ("utf-8", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    text = text.removeprefix("\ufeff")
    if found := _CONTROL.search(text):
        line = text[: found.start()].count("\n") + 1
        raise BankFileError(
            f"This file is not a CSV file. Line {line} has a hidden character in it. "
            + DOWNLOAD_AGAIN
        )
    if not text.strip():
        raise BankFileError(
            "The file is empty. It needs a row of column headings (such as Date, "
            "Description, Amount) and then one row for each line of the statement."
        )
    return text


def _records(text: str, delimiter: str, limit: int | None = None) -> list[tuple[int, list[str]]]:
    """Non-blank records as (line they start on, cells); line numbers follow the file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found: list[tuple[int, list[str]]] = []
    previous = 0
    try:
        for record in reader:
            start, previous = previous + 1, reader.line_num
            if any(cell.strip() for cell in record):
                found.append((start, record))
                if limit is not None and len(found) >= limit:
                    break
    except csv.Error:
        raise BankFileError(
            f"Line {reader.line_num} could not be read: a cell there is far too long, or "
            f"the file is damaged. {DOWNLOAD_AGAIN}"
        ) from None
    return found


def _is_date(cell: str) -> bool:
    try:
        parse_date(strip_time(cell))
    except ValueError:
        return False
    return True


def _is_money(cell: str) -> bool:
    if not any(ch.isdigit() for ch in cell):
        return False
    try:
        parse_signed(cell)
    except ValidationError:
        return False
    return True


def _looks_like_data(cells: Sequence[str]) -> bool:
    """A statement line: a date, and an amount in another cell."""
    dates = [i for i, c in enumerate(cells) if _is_date(c)]
    return bool(dates) and any(_is_money(c) for i, c in enumerate(cells) if i != dates[0])


def _looks_like_headings(cells: Sequence[str], known: frozenset[str]) -> bool:
    """Words, not figures, and at least two headings a statement has (or a date heading)."""
    filled = [c for c in cells if c.strip()]
    if len(filled) < 2 or any(_is_date(c) or _is_money(c) for c in filled):
        return False
    keys = [heading_key(c) for c in filled]
    return sum(k in known for k in keys) >= 2 or any("date" in k for k in keys)


def _find_headings(records: list[tuple[int, list[str]]], known: frozenset[str]) -> int | None:
    """The index of the heading row among the first records, or None for a file without."""
    for i, (_line, cells) in enumerate(records[:HEADING_SEARCH_LINES]):
        if _looks_like_headings(cells, known):
            return i
    if records and _looks_like_data(records[0][1]):
        return None
    return 0


def _sniff_delimiter(text: str, known: frozenset[str]) -> str:
    """Comma, semicolon or tab: whichever splits the heading row into the most cells."""
    head = "".join(io.StringIO(text).readlines()[: HEADING_SEARCH_LINES + 10])
    best, best_cells = ",", 0
    for delimiter in (",", ";", "\t"):
        try:
            records = _records(head, delimiter, HEADING_SEARCH_LINES)
        except BankFileError:
            continue
        if not records:
            continue
        index = _find_headings(records, known)
        cells = records[index or 0][1]
        filled = sum(1 for c in cells if c.strip())
        if filled > best_cells:
            best, best_cells = delimiter, filled
    return best


def read_table(data: bytes, extra_headings: Iterable[str] = ()) -> CsvTable:
    """The headings and rows of a CSV file. Raises BankFileError when it cannot be read.

    ``extra_headings`` are headings the treasurer has mapped before, so a heading row
    made only of unusual words is still found.
    """
    text = _decode(data)
    known = KNOWN_HEADINGS | frozenset(heading_key(h) for h in extra_headings)
    delimiter = _sniff_delimiter(text, known)
    records = _records(text, delimiter)
    if not records:  # pragma: no cover - _decode refuses a blank file
        raise BankFileError("The file is empty.")
    index = _find_headings(records, known)
    if index is None:
        width = max(len(cells) for _line, cells in records[:HEADING_SEARCH_LINES])
        headings = tuple(f"Column {n}" for n in range(1, width + 1))
        return CsvTable(headings, tuple((line, tuple(c)) for line, c in records), 0)
    heading_line, heading_cells = records[index]
    headings = tuple(c.strip() for c in heading_cells)
    heading_keys = [heading_key(h) for h in headings]
    first = heading_cells[0].strip().casefold()

    def repeated_headings(cells: list[str]) -> bool:
        # Some banks repeat the heading row further down; it is not a statement line.
        return cells[0].strip().casefold() == first and [heading_key(c) for c in cells] == (
            heading_keys
        )

    rows = tuple(
        (line, tuple(cells)) for line, cells in records[index + 1 :] if not repeated_headings(cells)
    )
    return CsvTable(headings, rows, heading_line)


_TIME = re.compile(
    r"^(?P<day>\S+?)(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$"
)
_NUMERIC_DATE = re.compile(r"^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$")


def strip_time(cell: str) -> str:
    """ "2026-03-05T10:12:00Z" and "05/03/2026 10:12" as their day: banks add the time."""
    cleaned = " ".join(cell.split())
    match = _TIME.match(cleaned)
    return match["day"] if match else cleaned


DATE_STYLES = {
    "day_first": "Day first: 31/01/2026",
    "month_first": "Month first: 01/31/2026",
}


def read_day(cell: str, style: str = "day_first") -> date:
    """A statement's date; month first only when the format says so. ValueError if not."""
    text = strip_time(cell)
    if style == "month_first" and (match := _NUMERIC_DATE.match(text)):
        month, sep, day, year = match.groups()
        text = f"{day}{sep}{month}{sep}{year}"
    return parse_date(text)


# ---------------------------------------------------------------- which column holds what


@dataclass(frozen=True)
class ColumnMap:
    """The heading of the column that holds each thing ("" when the file has none).

    A statement has the date, the description, and either one amount (money out with a
    minus) or money paid in and paid out in two columns. A spreadsheet of transactions
    may also say the account, the category and the fund of each line.
    """

    date: str = ""
    description: str = ""
    amount: str = ""
    paid_in: str = ""
    paid_out: str = ""
    balance: str = ""
    reference: str = ""
    payee: str = ""
    account: str = ""
    category: str = ""
    fund: str = ""
    date_style: str = "day_first"

    def used(self) -> dict[str, str]:
        """Each field given a column, and its heading, in the order of `FIELD_WORDS`."""
        return {name: getattr(self, name) for name in FIELD_WORDS if getattr(self, name)}


FIELD_WORDS = {
    "date": "Date",
    "description": "Description",
    "amount": "Amount (money out has a minus)",
    "paid_in": "Paid in",
    "paid_out": "Paid out",
    "balance": "Balance",
    "reference": "Reference or type",
    "payee": "Who from or to",
    "account": "Money account",
    "category": "Category",
    "fund": "Fund",
}
#: What a bank statement has; the rest are for a spreadsheet of transactions.
BANK_FIELDS = ("date", "description", "amount", "paid_in", "paid_out", "balance", "reference")


def check_columns(columns: ColumnMap, table: CsvTable) -> None:
    """Refuse a mapping the file cannot follow, naming each field and the fix."""
    errors: dict[str, str] = {}
    if columns.date_style not in DATE_STYLES:
        errors["date_style"] = "Choose how the dates are written."
    if not columns.date:
        errors["date"] = "Choose the column that has the date of each line."
    if not (columns.amount or columns.paid_in or columns.paid_out):
        errors["amount"] = (
            "Choose the column with the amount, or the columns with the money paid in and paid out."
        )
    elif columns.amount and (columns.paid_in or columns.paid_out):
        errors["amount"] = (
            "Choose either one amount column, or the paid in and paid out columns, not both."
        )
    seen: dict[int, str] = {}
    for name, heading in columns.used().items():
        index = table.index_of(heading)
        if index is None:
            errors.setdefault(name, f"This file has no column called '{heading}'.")
        elif index in seen:
            errors.setdefault(
                name,
                f"The column '{heading}' is already chosen for "
                f"{FIELD_WORDS[seen[index]].split(' (')[0]}. Choose another.",
            )
        else:
            seen[index] = name
    if errors:
        raise ValidationError(errors)


# ---------------------------------------------------------------- the known layouts


@dataclass(frozen=True)
class Preset:
    """A bank's export as it is known: the headings that mark it out, and for each field
    the headings it has been written with (the first one present is used)."""

    name: str
    marks: tuple[str, ...]
    fields: dict[str, tuple[str, ...]]
    also: str = ""  # other banks that export the same layout
    no_headings: bool = False
    width: int = 0  # for a file without headings: how many columns it has

    def resolve(self, table: CsvTable) -> ColumnMap | None:
        """The columns of this layout in ``table``, or None if it is not this layout."""
        if self.no_headings != (not table.has_headings):
            return None
        if self.width and len(table.headings) != self.width:
            return None
        if any(table.index_of(mark) is None for mark in self.marks):
            return None
        chosen: dict[str, str] = {}
        for name, candidates in self.fields.items():
            for heading in candidates:
                index = table.index_of(heading)
                if index is not None:
                    chosen[name] = table.headings[index]
                    break
        columns = ColumnMap(**chosen)
        try:
            check_columns(columns, table)
        except ValidationError:
            return None
        return columns


def _columns(n: int) -> tuple[str, ...]:
    return (f"Column {n}",)


PRESETS: tuple[Preset, ...] = (
    Preset(
        "Monzo",
        ("Transaction ID", "Emoji"),
        {
            "date": ("Date",),
            "description": ("Name", "Description"),
            "amount": ("Amount",),
            "reference": ("Type",),
        },
    ),
    Preset(
        "Starling",
        ("Counter Party",),
        {
            "date": ("Date",),
            "description": ("Counter Party",),
            "amount": ("Amount (GBP)", "Amount"),
            "balance": ("Balance (GBP)", "Balance"),
            "reference": ("Reference",),
        },
    ),
    Preset(
        "Barclays",
        ("Subcategory", "Memo"),
        {
            "date": ("Date",),
            "description": ("Memo",),
            "amount": ("Amount",),
            "reference": ("Subcategory",),
        },
    ),
    Preset(
        "Lloyds",
        ("Transaction Description", "Debit Amount", "Credit Amount"),
        {
            "date": ("Transaction Date", "Date"),
            "description": ("Transaction Description",),
            "paid_in": ("Credit Amount",),
            "paid_out": ("Debit Amount",),
            "balance": ("Balance",),
            "reference": ("Transaction Type",),
        },
        also="Halifax, Bank of Scotland and TSB",
    ),
    Preset(
        "NatWest",
        ("Value", "Account Name"),
        {
            "date": ("Date",),
            "description": ("Description",),
            "amount": ("Value",),
            "balance": ("Balance",),
            "reference": ("Type",),
        },
        also="RBS and Ulster Bank",
    ),
    Preset(
        "Nationwide",
        ("Transaction type", "Paid out", "Paid in"),
        {
            "date": ("Date",),
            "description": ("Description", "Transactions"),
            "paid_in": ("Paid in",),
            "paid_out": ("Paid out",),
            "balance": ("Balance",),
            "reference": ("Transaction type",),
        },
    ),
    Preset(  # the layout before 2023: no type column
        "Nationwide",
        ("Transactions", "Paid out", "Paid in"),
        {
            "date": ("Date",),
            "description": ("Transactions",),
            "paid_in": ("Paid in",),
            "paid_out": ("Paid out",),
            "balance": ("Balance",),
        },
    ),
    Preset(  # the old layout: Credits and Debits
        "Nationwide",
        ("Transactions", "Credits", "Debits"),
        {
            "date": ("Date",),
            "description": ("Transactions",),
            "paid_in": ("Credits",),
            "paid_out": ("Debits",),
            "balance": ("Balance",),
        },
    ),
    Preset(
        "Unity Trust Bank",
        ("Type", "Description", "Paid In", "Paid Out"),
        {
            "date": ("Date", "Transaction Date"),
            "description": ("Description",),
            "paid_in": ("Paid In",),
            "paid_out": ("Paid Out",),
            "balance": ("Balance",),
            "reference": ("Type",),
        },
    ),
    Preset(
        "Co-operative Bank",
        ("Type", "Money In", "Money Out"),
        {
            "date": ("Date",),
            "description": ("Description", "Details"),
            "paid_in": ("Money In",),
            "paid_out": ("Money Out",),
            "balance": ("Balance",),
            "reference": ("Type",),
        },
    ),
    Preset(
        "Santander",
        ("Description", "Money In", "Money Out"),
        {
            "date": ("Date", "Transaction Date"),
            "description": ("Description",),
            "paid_in": ("Money In",),
            "paid_out": ("Money Out",),
            "balance": ("Balance",),
        },
    ),
    Preset(
        "CAF Bank",
        ("Debit", "Credit"),
        {
            "date": ("Date", "Transaction Date", "Posting Date"),
            "description": ("Description", "Narrative", "Details"),
            "paid_in": ("Credit",),
            "paid_out": ("Debit",),
            "balance": ("Balance",),
            "reference": ("Reference", "Type"),
        },
    ),
    Preset(  # HSBC's download has no heading row: date, description, amount.
        "HSBC",
        (),
        {"date": _columns(1), "description": _columns(2), "amount": _columns(3)},
        also="first direct",
        no_headings=True,
        width=3,
    ),
)

TRANSACTIONS = "A spreadsheet of transactions"
#: The spreadsheet a treasurer moves from: its headings, matched whatever their case.
TRANSACTION_HEADINGS = {
    "date": "Date",
    "description": "Description",
    "amount": "Amount",
    "paid_in": "Paid in",
    "paid_out": "Paid out",
    "balance": "Balance",
    "reference": "Reference",
    "payee": "Payee",
    "account": "Account",
    "category": "Category",
    "fund": "Fund",
}

KNOWN_HEADINGS = frozenset(
    heading_key(h)
    for preset in PRESETS
    if not preset.no_headings
    for h in (*preset.marks, *(c for cs in preset.fields.values() for c in cs))
) | frozenset(heading_key(h) for h in TRANSACTION_HEADINGS.values())


def transactions_columns(table: CsvTable) -> ColumnMap | None:
    """The columns of a spreadsheet of transactions, or None if the file is not one."""
    chosen = {
        name: table.headings[index]
        for name, heading in TRANSACTION_HEADINGS.items()
        if (index := table.index_of(heading)) is not None
    }
    if "amount" in chosen and ("paid_in" in chosen or "paid_out" in chosen):
        chosen.pop("paid_in", None)
        chosen.pop("paid_out", None)
    columns = ColumnMap(**chosen)
    try:
        check_columns(columns, table)
    except ValidationError:
        return None
    return columns


def preset_names() -> list[str]:
    """Each known bank once, in the order they are tried."""
    return list(dict.fromkeys(p.name for p in PRESETS))


def preset_words(name: str) -> str:
    """ "Lloyds (also Halifax, Bank of Scotland and TSB)"."""
    also = next((p.also for p in PRESETS if p.name == name and p.also), "")
    return f"{name} (also {also})" if also else name


def resolve_preset(name: str, table: CsvTable) -> ColumnMap | None:
    """The named bank's columns in ``table``, trying each known variant."""
    for preset in PRESETS:
        if preset.name.casefold() == name.casefold() and (found := preset.resolve(table)):
            return found
    return None


def preset_headings(name: str) -> list[str]:
    """The headings a bank's statement is known to have, to say what is missing."""
    preset = next(p for p in PRESETS if p.name.casefold() == name.casefold())
    return list(dict.fromkeys((*preset.marks, *(cs[0] for cs in preset.fields.values()))))


# ---------------------------------------------------------------- the treasurer's formats


@dataclass(frozen=True)
class BankFormat:
    """A bank's columns under a name, and the money account its statements are for
    (None: chosen each time, or given line by line in an Account column)."""

    name: str
    columns: ColumnMap
    account_id: int | None = None

    def to_json(self) -> str:
        return json.dumps(
            {"columns": asdict(self.columns), "account_id": self.account_id}, sort_keys=True
        )

    @classmethod
    def from_json(cls, name: str, text: str) -> BankFormat | None:
        """A saved format, or None if what is stored cannot be read (it is then ignored)."""
        try:
            raw = json.loads(text)
            known = {f.name for f in dataclass_fields(ColumnMap)}
            columns = ColumnMap(
                **{k: str(v) for k, v in dict(raw["columns"]).items() if k in known}
            )
            account = raw.get("account_id")
            return cls(name, columns, account if isinstance(account, int) else None)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None


KEY_PREFIX = "bank_format:"
FORMAT_NAME_MAX = 60


@allowed("accounts.keep")
def saved_formats(session: Session, actor: Actor) -> list[BankFormat]:
    """The treasurer's saved formats, by name."""
    rows = session.execute(
        select(Setting.key, Setting.value).where(Setting.key.startswith(KEY_PREFIX))
    )
    found = [BankFormat.from_json(key[len(KEY_PREFIX) :], value) for key, value in rows]
    return sorted((f for f in found if f is not None), key=lambda f: f.name.casefold())


@allowed("accounts.keep")
def saved_format(session: Session, actor: Actor, name: str) -> BankFormat | None:
    wanted = name.strip().casefold()
    return next((f for f in saved_formats(session, actor) if f.name.casefold() == wanted), None)


@allowed("accounts.keep")
def save_format(session: Session, actor: Actor, fmt: BankFormat) -> BankFormat:
    """Save a bank's columns under its name, replacing one of the same name."""
    name = " ".join(fmt.name.split())
    if not name:
        raise ValidationError("format_name", "Type a name for these columns, such as Barclays.")
    if len(name) > FORMAT_NAME_MAX:
        raise ValidationError("format_name", f"Keep the name under {FORMAT_NAME_MAX} characters.")
    if _CONTROL.search(name):
        raise ValidationError("format_name", "The name has a hidden character in it. Retype it.")
    if not fmt.columns.date or not (
        fmt.columns.amount or fmt.columns.paid_in or fmt.columns.paid_out
    ):
        raise ValidationError(
            "format_name", "Choose the date and amount columns before saving them."
        )
    old = saved_format(session, actor, name)
    if old is not None:
        row = session.get(Setting, KEY_PREFIX + old.name)
        if row is not None:
            session.delete(row)
            session.flush()
    saved = replace(fmt, name=name)
    session.add(Setting(key=KEY_PREFIX + name, value=saved.to_json()))
    session.flush()
    return saved


@allowed("accounts.keep")
def delete_format(session: Session, actor: Actor, name: str) -> None:
    old = saved_format(session, actor, name)
    row = session.get(Setting, KEY_PREFIX + old.name) if old is not None else None
    if row is None:
        raise NotFound(f"There are no saved columns called {name}.")
    session.delete(row)


def fits(fmt: BankFormat, table: CsvTable) -> bool:
    try:
        check_columns(fmt.columns, table)
    except ValidationError:
        return False
    return True


# ---------------------------------------------------------------- which one is this file


@dataclass(frozen=True)
class Detected:
    """The format a file was recognised as, and that in words for the treasurer."""

    fmt: BankFormat
    kind: str  # "saved", "bank" or "transactions"
    words: str


@allowed("accounts.keep")
def detect(session: Session, actor: Actor, table: CsvTable) -> Detected | None:
    """The treasurer's own saved formats first (the most columns wins), then the known
    banks, then the spreadsheet of transactions; None when the headings say nothing."""
    saved = [f for f in saved_formats(session, actor) if fits(f, table)]
    if saved:
        best = max(saved, key=lambda f: len(f.columns.used()))
        return Detected(best, "saved", f"These are the columns saved as {best.name}.")
    for preset in PRESETS:
        columns = preset.resolve(table)
        if columns is not None:
            return Detected(
                BankFormat(preset.name, columns),
                "bank",
                f"This looks like a statement from {preset_words(preset.name)}.",
            )
    columns = transactions_columns(table)
    if columns is not None:
        return Detected(
            BankFormat(TRANSACTIONS, columns),
            "transactions",
            "This looks like a spreadsheet of transactions.",
        )
    return None

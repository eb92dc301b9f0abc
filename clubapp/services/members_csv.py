"""Reading and writing the members CSV (to and from a spreadsheet). Pure functions.

`parse_members_csv` turns the bytes of a file into rows and a list of problems, each naming
the line, the column and what to do; if there is any problem, nothing may be imported.
`write_members_csv` writes the same columns back, with cells that a spreadsheet would run as
a formula made safe, in a way that `parse_members_csv` reads back exactly.

Matching against people already in the database is done elsewhere, with
`duplicate_key_matches` so both sides use the same rule. No Qt, no SQL.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from clubapp.services.dates import format_date, parse_date
from clubapp.services.progress import Progress, Ticker
from clubapp.services.vocab import (
    DEFAULT_STATUS,
    KINDS,
    STATUSES,
    kind_from_text,
    kind_word,
    status_from_text,
    status_word,
)

# ---------------------------------------------------------------------------------------------
# Columns

FULL_NAME = "Full name"
KNOWN_AS = "Known as"
KINDS_COLUMN = "Kinds"
PHONE = "Phone"
EMAIL = "Email"
ADDRESS = "Address"
JOINED = "Joined"
EMERGENCY_CONTACT = "Emergency contact"
EMERGENCY_PHONE = "Emergency phone"
STATUS = "Status"

#: The canonical headings, in the order the export writes them.
COLUMNS: tuple[str, ...] = (
    FULL_NAME,
    KNOWN_AS,
    KINDS_COLUMN,
    PHONE,
    EMAIL,
    ADDRESS,
    JOINED,
    EMERGENCY_CONTACT,
    EMERGENCY_PHONE,
    STATUS,
)

_SPELLINGS: dict[str, tuple[str, ...]] = {
    FULL_NAME: ("Name", "Full name", "Fullname", "Full names", "Member name", "Person name"),
    KNOWN_AS: ("Known as", "Preferred name", "Nickname", "Nick name", "Preferred"),
    KINDS_COLUMN: ("Kind", "Kinds", "Kind(s)", "Type", "Types", "Type(s)", "Role", "Roles"),
    PHONE: (
        "Phone",
        "Phones",
        "Telephone",
        "Tel",
        "Tel no",
        "Phone number",
        "Phone no",
        "Telephone number",
        "Mobile",
        "Mobile number",
        "Mobile phone",
    ),
    EMAIL: ("Email", "E-mail", "Email address", "E-mail address"),
    ADDRESS: ("Address", "Home address", "Postal address"),
    JOINED: (
        "Joined",
        "Joined on",
        "Date joined",
        "Join date",
        "Joining date",
        "Date of joining",
        "Start date",
        "Started",
        "Member since",
    ),
    EMERGENCY_CONTACT: (
        "Emergency contact",
        "Emergency contact name",
        "Emergency name",
        "Next of kin",
        "Next of kin name",
    ),
    EMERGENCY_PHONE: (
        "Emergency phone",
        "Emergency phone number",
        "Emergency contact phone",
        "Emergency contact number",
        "Emergency contact telephone",
        "Emergency number",
        "Emergency telephone",
        "Next of kin phone",
        "Next of kin number",
        "Next of kin telephone",
    ),
    STATUS: ("Status",),
}


def heading_key(heading: str) -> str:
    """A heading reduced for matching: case, spaces and punctuation do not count."""
    return "".join(ch for ch in heading.casefold() if ch.isalnum())


_HEADING_LOOKUP: dict[str, str] = {
    heading_key(spelling): column
    for column, spellings in _SPELLINGS.items()
    for spelling in (column, *spellings)
}


def column_for_heading(heading: str) -> str | None:
    """The canonical column a heading means ("Telephone" -> "Phone"), or None."""
    return _HEADING_LOOKUP.get(heading_key(heading))


# ---------------------------------------------------------------------------------------------
# Results

MAX_NAME_LENGTH = 200
MAX_TEXT_LENGTH = 2000
MIN_PHONE_DIGITS = 6

SAVE_AS_CSV_UTF8 = "Save the spreadsheet as 'CSV UTF-8' and try again."


@dataclass(frozen=True)
class MemberImportRow:
    """One person read from the file, with the line it starts on (the heading row is line 1)."""

    line: int
    full_name: str
    known_as: str
    kinds: tuple[str, ...]  # kind codes
    phone: str
    email: str
    address: str
    joined_on: date | None
    emergency_name: str
    emergency_phone: str
    status: str  # status code

    def to_export(self) -> MemberExportRow:
        """The same person as an export row (everything but the line number)."""
        return MemberExportRow(
            full_name=self.full_name,
            known_as=self.known_as,
            kinds=self.kinds,
            phone=self.phone,
            email=self.email,
            address=self.address,
            joined_on=self.joined_on,
            emergency_name=self.emergency_name,
            emergency_phone=self.emergency_phone,
            status=self.status,
        )


@dataclass(frozen=True)
class MemberExportRow:
    """One person to write to the file. Kinds and status are codes; they are written as words."""

    full_name: str
    known_as: str = ""
    kinds: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    address: str = ""
    joined_on: date | None = None
    emergency_name: str = ""
    emergency_phone: str = ""
    status: str = DEFAULT_STATUS


@dataclass(frozen=True)
class RowProblem:
    """Something wrong with one row: its line, the heading as written ("" = whole row), the fix."""

    line: int
    column: str
    message: str


@dataclass(frozen=True)
class ParsedMembersCsv:
    """What a file holds. If `problems` is not empty, nothing may be imported."""

    rows: tuple[MemberImportRow, ...]
    problems: tuple[RowProblem, ...]
    columns_used: tuple[str, ...]  # canonical column names found, in file order
    ignored_columns: tuple[str, ...]  # headings not recognised (reported, not an error)

    @property
    def ok(self) -> bool:
        """True when every row can be imported."""
        return not self.problems


class CsvFileError(ValueError):
    """The whole file cannot be read (empty, no headings, no Full name column, not UTF-8 …).

    The message is plain words saying what to do.
    """


# ---------------------------------------------------------------------------------------------
# Duplicate rule (shared with the database side)

_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """A name reduced for matching: casefolded, spaces trimmed and collapsed."""
    return _SPACES.sub(" ", name.casefold()).strip()


def phone_key(phone: str) -> str:
    """A phone number reduced for matching: digits only, "+44"/"0044" read as a leading "0".

    "+44 7700 900123", "+44 (0)7700 900123" and "07700 900123" all give "07700900123".
    """
    digits = "".join(ch for ch in phone if ch.isascii() and ch.isdigit())
    if digits.startswith("0044"):
        digits = digits[2:]
    if digits.startswith("44") and len(digits) > 2:
        rest = digits[2:]
        digits = rest if rest.startswith("0") else "0" + rest
    return digits


def email_key(email: str) -> str:
    """An email address reduced for matching: trimmed and casefolded."""
    return email.strip().casefold()


def duplicate_key_matches(
    a_name: str,
    a_phone: str,
    a_email: str,
    b_name: str,
    b_phone: str,
    b_email: str,
) -> bool:
    """True when two people look like the same person: same name and same phone or email.

    Names are compared casefolded with spaces collapsed; phones by their digits, so
    "+44 7700 900123" matches "07700 900123"; emails casefolded. Blank phones or
    emails never match each other.
    """
    a_key = name_key(a_name)
    if not a_key or a_key != name_key(b_name):
        return False
    a_digits, b_digits = phone_key(a_phone), phone_key(b_phone)
    if a_digits and a_digits == b_digits:
        return True
    a_mail, b_mail = email_key(a_email), email_key(b_email)
    return bool(a_mail) and a_mail == b_mail


# ---------------------------------------------------------------------------------------------
# Formula neutralisation

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A cell the export escaped: one or more apostrophes, then (apostrophes and) a formula start.
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")
# A value that needs escaping on export: any apostrophes, then a formula start. Escaping
# values that already start with apostrophes too keeps the round trip exact.
_NEEDS_ESCAPE = re.compile(r"^'*[=+\-@\t\r]")


def neutralise_cell(value: str) -> str:
    """Make a cell safe for a spreadsheet: a leading = + - @ tab or CR gets an apostrophe."""
    return "'" + value if _NEEDS_ESCAPE.match(value) else value


def unneutralise_cell(value: str) -> str:
    """Undo `neutralise_cell`: drop one apostrophe before a formula start."""
    return value[1:] if _ESCAPED.match(value) else value


# ---------------------------------------------------------------------------------------------
# Export


def write_members_csv(rows: Iterable[MemberExportRow]) -> bytes:
    """The members as a CSV file: UTF-8 with a BOM, canonical headings, CRLF line endings.

    Kinds are written as words separated by "; ", status as its word, dates day first.
    Cells a spreadsheet would run as a formula get a leading apostrophe.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for row in rows:
        cells = (
            row.full_name,
            row.known_as,
            "; ".join(kind_word(code) for code in row.kinds),
            row.phone,
            row.email,
            row.address,
            format_date(row.joined_on) if row.joined_on is not None else "",
            row.emergency_name,
            row.emergency_phone,
            status_word(row.status) if row.status else "",
        )
        writer.writerow([neutralise_cell(cell) for cell in cells])
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Import: reading the file


_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def utf16_without_bom(data: bytes) -> str | None:
    """The text of a file saved as UTF-16 without the mark that says so (some programs'
    "Unicode text"), or None when it does not look like one.

    Such a file has a zero byte beside nearly every letter, digit and comma: after it
    (little-endian) or before it (big-endian). Other text has no zero bytes at all.
    """
    sample = data[:4096]
    if len(data) % 2 or b"\x00" not in sample:
        return None
    before, after = sample[0::2].count(0), sample[1::2].count(0)
    if before <= after // 10:
        encoding = "utf-16-le"
    elif after <= before // 10:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    # Bytes that only happen to decode have control characters in them; text has none.
    return None if _NOT_TEXT.search(text, 0, 2048) else text


def _decode(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise CsvFileError(
            "This is a spreadsheet workbook (such as .xlsx), not a CSV file. " + SAVE_AS_CSV_UTF8
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" is UTF-16 with a BOM: unambiguous, so read it.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise CsvFileError("This file is not readable text. " + SAVE_AS_CSV_UTF8) from None
    elif (text16 := utf16_without_bom(data)) is not None:
        text = text16
    else:
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise CsvFileError(
                f"This file is not saved as UTF-8 text (the first odd character is on line {line})."
                f" {SAVE_AS_CSV_UTF8}"
            ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise CsvFileError(
            f"This file is not a text file. Line {line} has a hidden character in it. "
            + SAVE_AS_CSV_UTF8
        )
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise CsvFileError(
            "The file is empty. It needs a row of column headings (such as Full name, Phone,"
            " Email) and then one row for each person."
        )
    return text


def _first_record(text: str, delimiter: str) -> list[str]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                return record
    except csv.Error:
        return []
    return []


def _sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever makes the most headings we recognise."""
    best, best_score = ",", (-1, -1)
    for delimiter in (",", ";", "\t"):
        headings = _first_record(text, delimiter)
        recognised = sum(1 for h in headings if column_for_heading(h) is not None)
        filled = sum(1 for h in headings if h.strip())
        score = (recognised, filled)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _records(text: str, delimiter: str) -> list[tuple[int, int, list[str]]]:
    """Non-blank records as (first line, last line, cells); line numbers follow the file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, int, list[str]]] = []
    previous = 0
    try:
        for record in reader:
            start, previous = previous + 1, reader.line_num
            if any(cell.strip() for cell in record):
                records.append((start, previous, record))
    except csv.Error:
        raise CsvFileError(
            f"Line {reader.line_num} could not be read: a cell there is far too long, or the"
            f" file is damaged. Check that line, then {SAVE_AS_CSV_UTF8[0].lower()}"
            f"{SAVE_AS_CSV_UTF8[1:]}"
        ) from None
    return records


def _quote_left_open(text: str, delimiter: str, start_line: int) -> bool:
    """Whether the record starting on `start_line` runs to the end because a quote never closes."""
    lines = io.StringIO(text, newline="").readlines()
    tail = "".join(lines[start_line - 1 :])
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error:
        return True
    return False


def _shown(value: str, limit: int = 40) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _plain_list(words: Iterable[str]) -> str:
    words = list(words)
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)


# ---------------------------------------------------------------------------------------------
# Import: checking each cell


def _check_length(value: str, limit: int, what: str) -> str | None:
    if len(value) > limit:
        return (
            f"This {what} is {len(value):,} characters long; the limit is {limit:,}."
            " Shorten it and try again."
        )
    return None


_PHONE_CHARACTERS = re.compile("^[0-9 \u00a0+()\\-]*$")


def _check_phone(value: str) -> str | None:
    if not _PHONE_CHARACTERS.match(value):
        return (
            f"'{_shown(value)}' is not a phone number: a phone number may only have digits,"
            " spaces and + ( ) -. Put any notes in another column."
        )
    digits = sum(ch.isdigit() for ch in value)
    if digits < MIN_PHONE_DIGITS:
        return (
            f"'{_shown(value)}' is too short for a phone number: it has {digits} digits and"
            f" needs at least {MIN_PHONE_DIGITS}. Include the area code."
        )
    return None


def _check_email(value: str) -> str | None:
    local, at, domain = value.partition("@")
    if (
        not at
        or "@" in domain
        or not local
        or not domain
        or "." not in domain.strip(".")
        or any(ch.isspace() for ch in value)
    ):
        return (
            f"'{_shown(value)}' does not look like an email address. It should look like"
            " name@example.org, with one @ and no spaces."
        )
    return None


_KIND_SEPARATORS = re.compile(r"[;,/|&+]|\band\b", re.IGNORECASE)


def _parse_kinds(value: str) -> tuple[tuple[str, ...], list[str]]:
    codes: list[str] = []
    unknown: list[str] = []
    for part in _KIND_SEPARATORS.split(value):
        part = part.strip()
        if not part:
            continue
        code = kind_from_text(part)
        if code is None:
            unknown.append(part)
        elif code not in codes:
            codes.append(code)
    return tuple(codes), unknown


@dataclass
class _Columns:
    """Which cell index holds each canonical column, and the heading as written."""

    index: dict[str, int]
    heading: dict[str, str]

    def cell(self, cells: list[str], column: str) -> str:
        i = self.index.get(column)
        if i is None or i >= len(cells):
            return ""
        return unneutralise_cell(cells[i].strip())


def _read_headings(headings: list[str]) -> tuple[_Columns, tuple[str, ...], tuple[str, ...]]:
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    used: list[str] = []
    ignored: list[str] = []
    for i, raw in enumerate(headings):
        heading = raw.strip()
        if not heading:
            continue
        column = column_for_heading(heading)
        if column is None:
            if heading not in ignored:
                ignored.append(heading)
            continue
        if column in index:
            first = written[column]
            if heading_key(first) == heading_key(heading):
                message = f"The column '{heading}' appears twice."
            else:
                message = f"The columns '{first}' and '{heading}' both mean '{column}'."
            raise CsvFileError(f"{message} Keep one of them and try again.")
        index[column] = i
        written[column] = heading
        used.append(column)
    if FULL_NAME not in index:
        found = ", ".join(f"'{_shown(h, 30)}'" for h in headings if h.strip())
        if used:
            message = (
                "There is no 'Full name' column. Add a column headed 'Full name' with each"
                " person's name, and try again."
            )
        else:
            message = (
                "The first row must hold the column headings, such as Full name, Phone and"
                f" Email. The first row here has {found}."
            )
        raise CsvFileError(message)
    return _Columns(index, written), tuple(used), tuple(ignored)


# ---------------------------------------------------------------------------------------------
# Import


def parse_members_csv(data: bytes, progress: Progress | None = None) -> ParsedMembersCsv:
    """Read a members CSV. Raises CsvFileError when the whole file is unusable.

    Headings may come in any order and any common spelling; unknown headings are
    ignored and listed. Every bad cell in every row is reported as a RowProblem.
    The comma, semicolon or tab between cells is found automatically.
    ``progress(rows read, rows)`` is called as it goes (see services.progress); when
    it returns False, ImportStopped is raised.
    """
    text = _decode(data)
    delimiter = _sniff_delimiter(text)
    records = _records(text, delimiter)
    if not records:  # pragma: no cover - _decode refuses blank files
        raise CsvFileError("The file is empty.")
    _, _, headings = records[0]
    columns, used, ignored = _read_headings(headings)
    width = len(headings)
    # Blank headings at the end (trailing commas) are harmless; cells under them are not.
    while width and not headings[width - 1].strip():
        width -= 1

    rows: list[MemberImportRow] = []
    problems: list[RowProblem] = []
    seen: dict[str, list[MemberImportRow]] = {}
    total_lines = len(io.StringIO(text, newline="").readlines())

    ticker = Ticker(progress, len(records) - 1)
    for position, (line, last_line, cells) in enumerate(records[1:], start=1):
        ticker.at(position - 1)
        is_last = position == len(records) - 1
        if (
            is_last
            and last_line > line
            and last_line >= total_lines
            and _quote_left_open(text, delimiter, line)
        ):
            problems.append(
                RowProblem(
                    line,
                    "",
                    'A quote mark (") on this line is never closed, so the rest of the file'
                    " was read as one cell. Add the closing quote mark, or remove the stray one.",
                )
            )
            continue
        row, row_problems = _read_row(line, cells, columns, width)
        if row is None:
            problems.extend(row_problems)
            continue
        earlier = _find_duplicate(seen.get(name_key(row.full_name), ()), row)
        if earlier is not None:
            same = (
                "phone number"
                if phone_key(row.phone) and phone_key(row.phone) == phone_key(earlier.phone)
                else "email"
            )
            row_problems.append(
                RowProblem(
                    line,
                    columns.heading[FULL_NAME],
                    f"This person is already on line {earlier.line} (same name and same"
                    f" {same}). Remove one of the two rows.",
                )
            )
        seen.setdefault(name_key(row.full_name), []).append(row)
        if row_problems:
            problems.extend(row_problems)
        else:
            rows.append(row)
    ticker.at(len(records) - 1)

    return ParsedMembersCsv(
        rows=tuple(rows),
        problems=tuple(problems),
        columns_used=used,
        ignored_columns=ignored,
    )


def _find_duplicate(
    candidates: Iterable[MemberImportRow], row: MemberImportRow
) -> MemberImportRow | None:
    for earlier in candidates:
        if duplicate_key_matches(
            earlier.full_name, earlier.phone, earlier.email, row.full_name, row.phone, row.email
        ):
            return earlier
    return None


def _read_row(
    line: int, cells: list[str], columns: _Columns, width: int
) -> tuple[MemberImportRow | None, list[RowProblem]]:
    """One person from one record; the row is None only when there is no name to go on."""
    problems: list[RowProblem] = []
    order: dict[RowProblem, int] = {}

    def problem(column: str, message: str) -> None:
        found = RowProblem(line, columns.heading.get(column, ""), message)
        order[found] = columns.index.get(column, -1)
        problems.append(found)

    extra = [cell for cell in cells[width:] if cell.strip()]
    if extra:
        problems.append(
            RowProblem(
                line,
                "",
                f"This row has more cells than there are column headings ({width} headings)."
                f" The extra starts with '{_shown(extra[0])}'. Check for a stray comma, or"
                " put quote marks round a cell that has one.",
            )
        )

    def text(column: str, limit: int = MAX_TEXT_LENGTH, what: str = "text") -> str:
        value = columns.cell(cells, column)
        if (message := _check_length(value, limit, what)) is not None:
            problem(column, message)
        return value

    full_name = text(FULL_NAME, MAX_NAME_LENGTH, "name")
    if not full_name:
        problem(FULL_NAME, "The full name is missing. Every row needs the person's full name.")
    elif "\n" in full_name or "\r" in full_name:
        problem(
            FULL_NAME,
            "The name runs over more than one line. Put it on one line; if the file has a quote"
            ' mark (") without its partner on this line or just before, fix that too.',
        )
    known_as = text(KNOWN_AS, MAX_NAME_LENGTH, "name")  # the database keeps 200
    if "\n" in known_as or "\r" in known_as:
        problem(KNOWN_AS, "The 'known as' name runs over more than one line. Put it on one line.")

    kinds_text = text(KINDS_COLUMN)
    kinds, unknown = _parse_kinds(kinds_text)
    if unknown:
        names = _plain_list(f"'{_shown(u, 30)}'" for u in unknown)
        problem(
            KINDS_COLUMN,
            f"{names} {'is not a kind' if len(unknown) == 1 else 'are not kinds'} we know."
            f" Use one or more of: {', '.join(KINDS.values())}, separated by semicolons.",
        )

    phone = text(PHONE)
    if phone and len(phone) <= MAX_TEXT_LENGTH and (message := _check_phone(phone)):
        problem(PHONE, message)

    email = text(EMAIL)
    if email and len(email) <= MAX_TEXT_LENGTH and (message := _check_email(email)):
        problem(EMAIL, message)

    address = text(ADDRESS)

    joined_text = text(JOINED)
    joined_on: date | None = None
    if joined_text and len(joined_text) <= MAX_TEXT_LENGTH:
        try:
            joined_on = parse_date(joined_text)
        except ValueError as error:
            problem(JOINED, str(error))

    emergency_name = text(EMERGENCY_CONTACT, MAX_NAME_LENGTH, "name")  # the database keeps 200
    emergency_phone = text(EMERGENCY_PHONE)
    if (
        emergency_phone
        and len(emergency_phone) <= MAX_TEXT_LENGTH
        and (message := _check_phone(emergency_phone))
    ):
        problem(EMERGENCY_PHONE, message)

    status_text = text(STATUS)
    status = DEFAULT_STATUS
    if status_text:
        found = status_from_text(status_text)
        if found is None:
            problem(
                STATUS,
                f"'{_shown(status_text, 30)}' is not a status we know."
                f" Use {_plain_list(STATUSES.values())}, or leave it blank for Active.",
            )
        else:
            status = found

    # Report in the order the columns come in the file, whole-row problems first.
    problems.sort(key=lambda found: order.get(found, -1))
    if not full_name:
        return None, problems
    row = MemberImportRow(
        line=line,
        full_name=full_name,
        known_as=known_as,
        kinds=kinds,
        phone=phone,
        email=email,
        address=address,
        joined_on=joined_on,
        emergency_name=emergency_name,
        emergency_phone=emergency_phone,
        status=status,
    )
    return row, problems

"""Both imports (people from a spreadsheet, bank statements) survive any file.

Hypothesis feeds them random bytes; files saved as Windows-1252 (Latin-1), UTF-16 with
and without the byte-order mark, and UTF-8 with it; cells with quoted line breaks,
blank lines, rows too short and too long, cells that look like spreadsheet formulas,
very long cells, and files of 100,000 rows. Whatever comes in: nothing crashes; a file
refused says in plain words why, naming the line where it can; a row refused is named
by its line in the file and its column; an import takes every row or none, and a
stopped one leaves the database exactly as it was (the whole dump compared); what is
accepted comes back out the same.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clubapp.db.database import Database
from clubapp.models.accounts import MoneyEntry
from clubapp.models.members import Person
from clubapp.services import bank_import, books, members, members_transfer
from clubapp.services.bank_formats import BankFileError, BankFormat, ColumnMap, read_table
from clubapp.services.errors import ValidationError
from clubapp.services.members_csv import (
    COLUMNS,
    CsvFileError,
    MemberExportRow,
    heading_key,
    parse_members_csv,
    write_members_csv,
)
from clubapp.services.progress import STOPPED_WORDS, ImportStopped, Ticker, part
from clubapp.services.vocab import KINDS, STATUSES

# Each example runs in a transaction that is rolled back, so the database fixture is
# the same for every example (hence function-scoped fixtures are safe here).
EXAMPLES = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FEW = settings(EXAMPLES, max_examples=25)
BIG = 100_000
LINE_BREAK = re.compile(r"\r\n|\r|\n")


# ---------------------------------------------------------------------------------------------
# Helpers


@contextmanager
def rolled_back(db: Database) -> Iterator[Session]:
    """A session in its own transaction, always rolled back: nothing an example does stays."""
    with db.sessions() as session:
        session.begin()
        try:
            yield session
        finally:
            session.rollback()


def dump(db: Database) -> list[str]:
    """Everything in the database file, as SQL, read by a separate connection."""
    with sqlite3.connect(db.path) as conn:
        return list(conn.iterdump())


def people_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Person)) or 0


def entry_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(MoneyEntry)) or 0


def physical_lines(text: str) -> int:
    """How many lines a text has, counting CR, LF and CRLF line breaks as a reader does."""
    breaks = len(LINE_BREAK.findall(text))
    return breaks + (1 if text and not text.endswith(("\n", "\r")) else 0)


def assert_plain(message: str) -> None:
    """A message for people: one or more short sentences, not a program's error."""
    assert message.strip() == message and message, repr(message)
    assert "\n" not in message and "\r" not in message, repr(message)
    assert message[-1] in ".)", repr(message)
    own_words = re.sub(r"'.*?'", "", message)  # without the file's own words it quotes
    for jargon in ("Traceback", "Error", "Exception", "codec", "csv", "SQLite", "0x", "None"):
        assert jargon not in own_words, (jargon, message)


def assert_names_its_line(message: str, text: str | None = None) -> None:
    """The message names a line, and (when the text is known) one that is in the file."""
    found = re.search(r"\bline (\d+)", message, re.IGNORECASE)
    assert found is not None, message
    if text is not None:
        assert 1 <= int(found[1]) <= max(1, physical_lines(text)), (message, text[:200])


def assert_row_problems_are_placed(problems, headings: set[str], lines: int) -> None:
    """Every row problem names a line of the file, a column it has (or none for the whole
    row) and says what to do in plain words."""
    for problem in problems:
        assert 2 <= problem.line <= lines, (problem, lines)
        assert problem.column == "" or problem.column in headings, (problem, headings)
        assert_plain(problem.message)


def encode(text: str, encoding: str) -> bytes:
    """The text as a program would save it: "utf-16" and "utf-8-sig" with their mark,
    "utf-16-le" and "utf-16-be" without."""
    return text.encode(encoding)


# ---------------------------------------------------------------------------------------------
# Strategies

# Characters a person might type or paste, and the awkward ones on purpose.
TRICKY = "\"',;\t=+-@ 😀🌻é李ש٣\u200f\u00a0"
_letter = st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x00"
) | st.sampled_from(list(TRICKY))
# Only bytes that can never begin a UTF-8 character: a Windows-1252 file of these is
# never read as UTF-8 by mistake.
CP1252_ONLY = "£€’©½°¼"
_cp1252_letter = st.sampled_from(list("abcXYZ019 ,.-&()" + CP1252_ONLY))
_formula = st.builds(
    "{}{}".format, st.sampled_from(["=", "+", "-", "@", "'=", "''+"]), st.text(_letter, max_size=12)
)
_cell = st.one_of(
    st.text(_letter, max_size=15),
    _formula,
    st.sampled_from(["", " ", "\n", "a\nb", "x\r\ny", "\r", '"', '""', "'", "=1+2", "3,50"]),
)


def _one_line(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return (
        st.text(_letter, min_size=min_size, max_size=max_size)
        .map(lambda s: " ".join(s.split()))
        .filter(lambda s: len(s) >= min_size)
    )


_phones = st.from_regex(r"\+?[0-9][0-9 ]{5,14}[0-9]", fullmatch=True).filter(
    lambda s: sum(ch.isdigit() for ch in s) >= 6
)
_emails = st.one_of(
    st.just(""),
    st.builds(
        "{}@{}.org".format,
        st.from_regex(r"[a-z0-9=+\-][a-z0-9._']{0,8}", fullmatch=True),
        st.from_regex(r"[a-z][a-z0-9\-]{0,8}", fullmatch=True),
    ),
)
_address = st.lists(st.text(_letter, max_size=10) | st.sampled_from(["\n", "\r\n", ", "])).map(
    lambda parts: "".join(parts).strip()
)
_people = st.lists(
    st.builds(
        MemberExportRow,
        full_name=_one_line(1, 40),
        known_as=_one_line(0, 20),
        kinds=st.lists(st.sampled_from(list(KINDS)), unique=True, min_size=1).map(tuple),
        phone=st.one_of(st.just(""), _phones),
        email=_emails,
        address=_address,
        joined_on=st.one_of(st.none(), st.dates(date(1950, 1, 1), date(2030, 12, 31))),
        emergency_name=_one_line(0, 20),
        emergency_phone=st.one_of(st.just(""), _phones),
        status=st.sampled_from(list(STATUSES)),
    ),
    max_size=6,
    unique_by=lambda r: r.full_name.casefold(),
).map(
    # An emergency contact needs both a name and a phone number (the member form's rule).
    lambda rows: [
        r
        if bool(r.emergency_name) == bool(r.emergency_phone)
        else replace(r, emergency_name="", emergency_phone="")
        for r in rows
    ]
)
_delimiter = st.sampled_from([",", ";", "\t"])
_newline = st.sampled_from(["\r\n", "\n", "\r"])


def write_rows(rows: list[list[str]], delimiter: str = ",", newline: str = "\r\n") -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerows(rows)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Progress and stopping (the services' side; the windows are tested in tests/gui)


def test_a_ticker_reports_the_start_the_end_and_about_every_hundredth_part():
    """Told of every row, it passes on the first and last, and about 100 in between."""
    heard: list[tuple[int, int]] = []
    ticker = Ticker(lambda done, total: heard.append((done, total)), 12_345)
    for done in range(12_346):
        ticker.at(done)
    assert heard[0] == (0, 12_345) and heard[-1] == (12_345, 12_345)
    assert 100 <= len(heard) <= 102
    assert [d for d, _ in heard] == sorted(d for d, _ in heard)


def test_a_ticker_stops_when_told_and_not_when_nobody_listens():
    ticker = Ticker(lambda done, total: done < 30, 100)
    with pytest.raises(ImportStopped) as stopped:
        for done in range(101):
            ticker.at(done)
    assert str(stopped.value) == STOPPED_WORDS
    for done in range(101):
        Ticker(None, 100).at(done)


def test_parts_of_a_task_are_reported_as_one():
    """The second of two equal stages, half done, is three quarters of the whole."""
    heard: list[tuple[int, int]] = []
    second = part(lambda d, t: heard.append((d, t)), 1, 2)
    assert second is not None
    second(5, 10)
    assert heard == [(15, 20)]
    assert part(None, 0, 2) is None


# ---------------------------------------------------------------------------------------------
# People: any file at all


def _members_import_is_all_or_nothing(db: Database, actor, data: bytes) -> None:
    """Read the file (never a crash), then import it in a rolled-back transaction: every
    new person added or nobody, and every problem placed and worded for people."""
    try:
        parsed = parse_members_csv(data)
    except CsvFileError as refused:
        event("file refused")
        assert_plain(str(refused))
        with rolled_back(db) as session, pytest.raises(CsvFileError):
            members_transfer.apply_import(session, actor, data)
        return
    text = _decoded(data).removeprefix("\ufeff")
    headings = _first_rows(text)
    lines = physical_lines(text)
    assert_row_problems_are_placed(parsed.problems, headings, lines)
    for row in parsed.rows:
        assert 2 <= row.line <= lines
    with rolled_back(db) as session:
        before = people_count(session)
        plan = members_transfer.apply_import(session, actor, data)
        assert_row_problems_are_placed(plan.problems, headings, lines)
        added = people_count(session) - before
        assert added == (len(plan.new) if plan.ok else 0)
        event("rows refused" if plan.problems else "imported" if added else "nobody new")


def _first_rows(text: str) -> set[str]:
    """Every cell of the first row that is not blank, whichever the separator."""
    cells: set[str] = set()
    for delimiter in ",;\t":
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if any(cell.strip() for cell in record):
                cells |= {cell.strip() for cell in record}
                break
    return cells


def _decoded(data: bytes) -> str:
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding)
    from clubapp.services.members_csv import utf16_without_bom

    return utf16_without_bom(data) or data.decode("utf-8-sig", errors="replace")


@EXAMPLES
@given(data=st.binary(max_size=600))
def test_people_any_bytes(db, coordinator, data):
    """Random bytes: a plain refusal, or rows and problems in their place; never a crash."""
    _members_import_is_all_or_nothing(db, coordinator, data)


@EXAMPLES
@given(data=st.binary(max_size=600))
def test_people_any_bytes_under_good_headings(db, coordinator, data):
    """Random bytes below a proper heading row: the same."""
    _members_import_is_all_or_nothing(db, coordinator, b"Full name,Phone,Kinds\r\n" + data)


def _usually(good: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Mostly a good value for the column, sometimes anything at all."""
    return st.one_of(good, good, good, good, good, _cell)


# A good value for each heading a members file may have (and for some it may not).
_MEMBER_CELLS: dict[str, st.SearchStrategy[str]] = {
    "Full name": _usually(_one_line(1, 30)),
    "Known as": _usually(_one_line(0, 20)),
    "Kinds": _usually(st.sampled_from([*KINDS.values(), "Carer; Volunteer", "carer, trustee"])),
    "Phone": _usually(st.one_of(st.just(""), _phones)),
    "Email": _usually(_emails),
    "Address": _usually(_address),
    "Joined": _usually(st.sampled_from(["", "03/04/2025", "2024-12-31", "1 May 2020"])),
    "Emergency contact": _usually(st.just("")),
    "Emergency phone": _usually(st.just("")),
    "Status": _usually(st.sampled_from(["", *STATUSES.values()])),
    "Telephone": _usually(_phones),
    "Notes": _cell,
    "Name": _usually(_one_line(1, 30)),
    "=Formula": _cell,
}


@st.composite
def _members_sheets(draw) -> list[list[str]]:
    """A heading row (usually with a name column) and rows of cells under it, some of
    them too short or too long."""
    headings = draw(
        st.lists(st.sampled_from(list(_MEMBER_CELLS)), min_size=1, max_size=7, unique=True)
    )
    if draw(st.integers(0, 5)) and not {"Full name", "Name"} & set(headings):
        headings.insert(draw(st.integers(0, len(headings))), "Full name")
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        row = [draw(_MEMBER_CELLS[h]) for h in headings]
        ragged = draw(st.integers(-2, 2))
        row = row[:ragged] if ragged < 0 else row + [draw(_cell) for _ in range(ragged)]
        rows.append(row)
    written = [" Full name " if h == "Full name" and draw(st.booleans()) else h for h in headings]
    return [written, *rows]


@EXAMPLES
@given(
    sheet=_members_sheets(),
    blank_lines=st.lists(st.integers(0, 10), max_size=3),
    delimiter=_delimiter,
    newline=_newline,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]),
)
def test_people_any_spreadsheet(db, coordinator, sheet, blank_lines, delimiter, newline, encoding):
    """Ragged rows, quoted line breaks, blank lines, formulas, any heading, any text
    encoding a spreadsheet saves: never a crash, every problem placed, all or nothing."""
    records = list(sheet)
    for at in blank_lines:
        records.insert(min(at, len(records)), [])
    text = write_rows(records, delimiter, newline)
    _members_import_is_all_or_nothing(db, coordinator, encode(text, encoding))


@EXAMPLES
@given(people=_people, encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be"]))
def test_people_in_any_unicode_encoding_read_the_same(people, encoding):
    """The export re-saved as UTF-8 without its mark, or as UTF-16 with or without one,
    is read exactly as the export itself."""
    exported = write_members_csv(people)
    text = exported.decode("utf-8-sig")
    again = parse_members_csv(encode(text, encoding))
    assert again.problems == ()
    assert [r.to_export() for r in again.rows] == people


@EXAMPLES
@given(
    names=st.lists(
        st.text(_cp1252_letter, min_size=1, max_size=12).map(str.strip).filter(bool),
        min_size=1,
        max_size=5,
    )
)
def test_people_saved_as_windows_1252_are_refused_naming_the_line(names):
    """A spreadsheet saved as Windows-1252 with a £ or € in it is refused, naming the
    first line that has one and how to save the file instead; all plain letters: read."""
    text = "Full name,Known as\r\n" + "".join(f'"{n}",\r\n' for n in names)
    data = text.encode("cp1252")
    odd = [i for i, n in enumerate(names) if any(ch in CP1252_ONLY for ch in n)]
    if not odd:
        assert [r.full_name for r in parse_members_csv(data).rows] == names
        return
    with pytest.raises(CsvFileError) as refused:
        parse_members_csv(data)
    message = str(refused.value)
    assert_plain(message)
    assert f"line {odd[0] + 2})" in message and "CSV UTF-8" in message


@EXAMPLES
@given(
    people=_people.filter(bool),
    bad=st.data(),
    blank_after=st.lists(st.booleans(), min_size=8, max_size=8),
    newline=_newline,
)
def test_a_bad_row_is_named_by_its_line_in_the_file(people, bad, blank_after, newline):
    """However many quoted line breaks and blank lines come before it, a bad row is
    named by the line it starts on in the file, and its column by the heading."""
    at = bad.draw(st.integers(0, len(people) - 1))
    text = write_rows([list(COLUMNS)], ",", newline)
    bad_line = 0
    for i, person in enumerate(people):
        cells = write_members_csv([replace(person, email="not an email" if i == at else "")])
        record = cells.decode("utf-8-sig").split("\r\n", 1)[1]  # without the heading row
        record = record.removesuffix("\r\n") + newline
        if i == at:
            bad_line = physical_lines(text) + 1
        text += record + (newline if blank_after[i % 8] else "")
    parsed = parse_members_csv(text.encode("utf-8"))
    assert [(p.line, p.column) for p in parsed.problems] == [(bad_line, "Email")]
    assert "name@example.org" in parsed.problems[0].message


@EXAMPLES
@given(value=_formula)
def test_a_formula_looking_cell_is_kept_as_text_and_exported_safely(value):
    """A name that a spreadsheet would run as a formula is imported as the words it is,
    and exported with an apostrophe so the spreadsheet shows it instead of running it."""
    value = " ".join(value.split())
    assume(value and value[0] in "=+-@'" and len(value) <= 200)
    data = write_rows([["Full name"], [value]]).encode("utf-8")
    parsed = parse_members_csv(data)
    assume(parsed.ok)  # a value like "'=" the import reads as an escaped "="
    name = parsed.rows[0].full_name
    exported = write_members_csv([MemberExportRow(full_name=name)]).decode("utf-8-sig")
    cell = next(csv.reader(io.StringIO(exported.split("\r\n", 1)[1])))[0]
    assert cell[0] not in "=+-@"
    assert parse_members_csv(exported.encode("utf-8")).rows[0].full_name == name


@pytest.mark.parametrize(
    ("column", "length", "limit"),
    [("Full name", 201, "200"), ("Known as", 5_000, "200"), ("Address", 2_001, "2,000")],
)
def test_a_very_long_cell_is_named_with_its_limit(column, length, limit):
    """A name or an address longer than the records keep: its line, its column, the
    limit and the fix."""
    headings, cells = ["Full name"], ["x" * length]
    if column != "Full name":
        headings, cells = ["Full name", column], ["Ann Lee", "x" * length]
    data = write_rows([headings, cells]).encode("utf-8")
    parsed = parse_members_csv(data)
    assert [(p.line, p.column) for p in parsed.problems] == [(2, column)]
    assert limit in parsed.problems[0].message and "Shorten it" in parsed.problems[0].message


def test_a_cell_longer_than_any_spreadsheet_holds_refuses_the_file_naming_its_line():
    """200,000 characters in one cell (more than the reader takes): the file is refused
    and the line named, not a crash."""
    data = ('Full name,Address\r\nAnn Lee,short\r\nBob,"' + "x" * 200_000 + '"\r\n').encode()
    with pytest.raises(CsvFileError) as refused:
        parse_members_csv(data)
    assert_plain(str(refused.value))
    assert "Line 3 " in str(refused.value)


# ---------------------------------------------------------------------------------------------
# People: what is accepted comes back out the same


@FEW
@given(people=_people.filter(bool))
def test_export_then_import_the_export_gives_the_same_people(db, coordinator, people):
    """People imported, exported, imported again into an empty club and exported again:
    the two exports are the same, byte for byte."""
    data = write_members_csv(people)
    with rolled_back(db) as session:
        plan = members_transfer.apply_import(session, coordinator, data)
        assert plan.ok, plan.problems
        first = members_transfer.export_members(session, coordinator)
    with rolled_back(db) as session:
        again = members_transfer.apply_import(session, coordinator, first)
        assert again.ok and len(again.new) == len(people)
        second = members_transfer.export_members(session, coordinator)
    assert first == second


@FEW
@given(people=_people.filter(bool))
def test_an_imported_person_is_saved_as_the_member_form_saves_them(db, coordinator, people):
    """Each person the import adds has the same record as the same details saved
    through the member form (members.save_person)."""
    data = write_members_csv(people)
    with rolled_back(db) as session:
        plan = members_transfer.apply_import(session, coordinator, data)
        assert plan.ok, plan.problems
        ids = session.scalars(select(Person.id).order_by(Person.id)).all()
        imported = [members.get_person(session, coordinator, pid) for pid in ids]
    with rolled_back(db) as session:
        typed = []
        for row in plan.new:
            pid = members.save_person(session, coordinator, members_transfer._input_for(row))
            typed.append(members.get_person(session, coordinator, pid))
    assert [replace(p, person_id=0) for p in imported] == [replace(p, person_id=0) for p in typed]


# ---------------------------------------------------------------------------------------------
# People: 100,000 rows, stopped and taken whole


def _many_people(count: int) -> bytes:
    lines = ["Full name,Known as,Kinds,Phone,Email,Joined,Emergency contact,Emergency phone"]
    lines += [
        f"Person {i:06d},P{i},Carer; Volunteer,07700 {i:06d},p{i}@example.org,"
        f"03/04/2025,Kin {i},01632 {i:06d}"
        for i in range(count)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


@pytest.mark.slow
def test_100000_people_one_bad_row_then_all_saved_and_stopped_at_the_end(db, coordinator):
    """100,000 rows with one bad row at the end: that line is named and nobody is added.
    Without it, all 100,000 are saved, and then the import is stopped before it ends:
    the database is exactly as it was."""
    good = _many_people(BIG)
    bad = good + b"Zed Bad,,Carer,07 1,,,,\r\n"
    before = dump(db)
    plan = db.run(members_transfer.apply_import, coordinator, bad)
    assert [(p.line, p.column) for p in plan.problems] == [(BIG + 2, "Phone")]
    assert dump(db) == before

    with rolled_back(db) as session:
        there = people_count(session)
        heard: list[tuple[int, int, int]] = []  # done, total, people in the club then

        def stop_at_the_end(done: int, total: int) -> bool:
            heard.append((done, total, people_count(session) - there))
            return done < total

        checked: list[int] = []
        with pytest.raises(ImportStopped):
            members_transfer.apply_import(
                session, coordinator, good, stop_at_the_end, lambda d, t: checked.append(d)
            )
    assert heard[0] == (0, BIG, 0) and heard[-1] == (BIG, BIG, BIG)
    assert all(done == added for done, _total, added in heard)  # as it says, no more
    assert checked[0] == 0 and checked == sorted(checked)
    assert dump(db) == before


# ---------------------------------------------------------------------------------------------
# Bank statements: any file at all


@pytest.fixture
def treasurer(actors):
    return actors["treasurer"]


@pytest.fixture
def bank(db, treasurer) -> int:
    accounts = {a.name: a.account_id for a in db.run(books.list_accounts, treasurer)}
    return accounts["Bank current account"]


SIGNED = ColumnMap(date="Date", description="Description", amount="Amount")
SHEET = ColumnMap(
    date="Date",
    description="Description",
    amount="Amount",
    account="Account",
    category="Category",
    fund="Fund",
)


def _bank_import_is_all_or_nothing(db, actor, account_id, data: bytes, columns=SIGNED) -> None:
    try:
        table = read_table(data)
    except BankFileError as refused:
        event("file refused")
        assert_plain(str(refused))
        return
    headings = set(table.headings)
    last = max([line for line, _ in table.rows], default=1)
    fmt = BankFormat("Test", columns, account_id)
    with rolled_back(db) as session:
        before = entry_count(session)
        try:
            plan = bank_import.apply_import(session, actor, data, fmt)
        except ValidationError as refused:  # the columns do not fit this file
            event("columns do not fit")
            for message in refused.errors.values():
                assert_plain(message)
            assert entry_count(session) == before
            return
        for problem in plan.problems:
            assert 1 <= problem.line <= last, (problem, last)
            assert problem.column == "" or problem.column in headings, problem
            assert_plain(problem.message)
        assert entry_count(session) - before == (len(plan.new) if plan.ok else 0)
        event("lines refused" if plan.problems else "imported" if plan.new else "nothing new")


@EXAMPLES
@given(data=st.binary(max_size=600))
def test_statement_any_bytes(db, treasurer, bank, data):
    _bank_import_is_all_or_nothing(db, treasurer, bank, data)


@EXAMPLES
@given(data=st.binary(max_size=600))
def test_statement_any_bytes_under_good_headings(db, treasurer, bank, data):
    _bank_import_is_all_or_nothing(db, treasurer, bank, b"Date,Description,Amount\n" + data)


_day = st.one_of(
    st.dates(date(2000, 1, 1), date(2030, 12, 31)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.sampled_from(["31/02/2026", "", "yesterday", "2026-11-03T10:12:00Z", "5 Nov 2026"]),
)
_amount = st.one_of(
    st.integers(-(10**12), 10**12).map(lambda p: f"{p / 100:.2f}"),
    st.sampled_from(["", "0", "£1,000.00", "(3.50)", "7 CR", "1e3", "=1+2", "12.345"]),
)
_good_day = st.dates(date(2026, 4, 1), date(2027, 3, 31)).map(lambda d: d.strftime("%d/%m/%Y"))
_good_amount = st.integers(-10_000_00, 10_000_00).map(lambda p: f"{p / 100:.2f}")
_line = st.one_of(
    # A line as a bank or a treasurer writes it: sorted into a category and fund or not.
    st.tuples(
        _good_day,
        st.text(_letter, max_size=20),
        _good_amount,
        st.sampled_from(["", "", "Cash box"]),
        st.just(""),
        st.just(""),
    ),
    st.tuples(
        _good_day,
        _cell,
        st.integers(1, 10_000_00).map(lambda p: f"{p / 100:.2f}"),
        st.just(""),
        st.sampled_from(["Grants", "Donations"]),
        st.just("General fund"),
    ),
    # And anything at all.
    st.tuples(
        _day,
        _cell,
        _amount,
        st.sampled_from(["", "Bank current account", "Cash box", "Piggy bank"]),
        st.sampled_from(["", "Grants", "Donations", "Venue hire", "Raffles"]),
        st.sampled_from(["", "General fund", "Lotery"]),
    ),
).map(list) | st.lists(_cell, max_size=9)


@EXAMPLES
@given(
    lines=st.lists(_line, max_size=10),
    blank_lines=st.lists(st.integers(0, 10), max_size=3),
    above=st.lists(st.lists(_cell, max_size=3), max_size=2),
    delimiter=_delimiter,
    newline=_newline,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]),
)
def test_statement_any_spreadsheet(
    db, treasurer, bank, lines, blank_lines, above, delimiter, newline, encoding
):
    """Lines about the account above the headings, ragged lines, quoted line breaks,
    formulas, names not in the books: never a crash, every problem placed, all or none."""
    records = [*above, ["Date", "Description", "Amount", "Account", "Category", "Fund"], *lines]
    for at in blank_lines:
        records.insert(min(at, len(records)), [])
    data = encode(write_rows(records, delimiter, newline), encoding)
    _bank_import_is_all_or_nothing(db, treasurer, bank, data, SHEET)


_heading = st.text(st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=8)
_bank_cell = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")) | st.sampled_from(list(",;\"'\n")),
    max_size=12,
)


def _same_table(data: bytes, headings: list[str], rows: list[list[str]]) -> None:
    table = read_table(data)
    assert table.headings == tuple(headings)
    expected = []
    line = physical_lines(write_rows([headings], ",", "\n"))  # the heading row's lines
    for row in rows:
        record_text = write_rows([row], ",", "\n")
        if any(cell.strip() for cell in row):
            expected.append((line + 1, tuple(row)))
        line += physical_lines(record_text)
    assert [cells for _, cells in table.rows] == [cells for _, cells in expected]
    assert [n for n, _ in table.rows] == [n for n, _ in expected]


@EXAMPLES
@given(
    extra=st.lists(_heading, max_size=3),
    rows=st.lists(st.lists(_bank_cell, min_size=4, max_size=4), max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]),
)
def test_read_table_gives_back_the_cells_written(extra, rows, encoding):
    """A CSV file written by a spreadsheet, in any of the encodings it saves in, reads
    back as the same headings and the same cells, each row with its line in the file."""
    headings = ["Date", "Description", "Amount", *extra][:4]
    while len(headings) < 4:
        headings.append(f"Other {len(headings)}")
    # A row that repeats the headings is left out (banks repeat them down the file).
    keys = [heading_key(h) for h in headings]
    assume(all([heading_key(c) for c in row] != keys for row in rows))
    text = write_rows([headings, *rows], ",", "\n")
    _same_table(encode(text, encoding), headings, rows)


@EXAMPLES
@given(
    rows=st.lists(
        st.lists(st.text(_cp1252_letter, max_size=10), min_size=3, max_size=3), max_size=8
    )
)
def test_read_table_reads_windows_1252_as_written(rows):
    """Banks that still save Windows-1252 (£ as one byte) are read as they wrote it."""
    headings = ["Date", "Description", "Amount"]
    text = write_rows([headings, *rows], ",", "\n")
    _same_table(text.encode("cp1252"), headings, rows)


def test_a_cell_longer_than_any_statement_has_refuses_the_file_naming_its_line():
    data = ('Date,Description,Amount\n01/11/2026,"' + "x" * 200_000 + '",1.00\n').encode()
    with pytest.raises(BankFileError) as refused:
        read_table(data)
    assert_plain(str(refused.value))
    assert "Line 2 " in str(refused.value)


def test_a_long_description_is_named_with_its_line_and_limit(db, treasurer, bank):
    data = "Date,Description,Amount\n01/11/2026,ok,1.00\n02/11/2026," + "y" * 2_001 + ",2.00\n"
    plan = db.run(bank_import.plan_import, treasurer, data.encode(), BankFormat("T", SIGNED, bank))
    assert [(p.line, p.column) for p in plan.problems] == [(3, "Description")]
    assert "2,000" in plan.problems[0].message


def test_hidden_characters_refuse_the_file_naming_their_line():
    data = b"Date,Description,Amount\n01/11/2026,ok,1.00\n02/11/2026,b\x07d,2.00\n"
    with pytest.raises(BankFileError) as refused:
        read_table(data)
    assert_names_its_line(str(refused.value))
    assert "Line 3 " in str(refused.value)
    with pytest.raises(CsvFileError) as also:
        parse_members_csv(b"Full name\r\nAnn\r\nB\x00b\r\n")
    assert "Line 3 " in str(also.value)


# ---------------------------------------------------------------------------------------------
# Bank statements: 100,000 lines, stopped and taken whole


def _many_lines(count: int) -> bytes:
    start = date(2026, 4, 1)
    lines = ["Date,Description,Amount"]
    lines += [
        f"{(start + timedelta(days=i % 360)).strftime('%d/%m/%Y')},Line {i},"
        f"{'-' if i % 3 else ''}{(i % 5000) / 100 + 1:.2f}"
        for i in range(count)
    ]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.slow
def test_100000_statement_lines_one_bad_line_then_stopped_on_the_way(db, treasurer, bank):
    """100,000 lines with one bad line at the end: that line is named and nothing added.
    Without it, stopped a quarter of the way through saving: the database is exactly
    as it was."""
    good = _many_lines(BIG)
    bad = good + b"31/02/2026,Bad day,1.00\n"
    fmt = BankFormat("Test", SIGNED, bank)
    before = dump(db)
    plan = db.run(bank_import.apply_import, treasurer, bad, fmt)
    assert [(p.line, p.column) for p in plan.problems] == [(BIG + 2, "Date")]
    assert dump(db) == before

    with rolled_back(db) as session:
        there = entry_count(session)
        heard: list[tuple[int, int]] = []  # lines said to be done, lines in the books

        def stop_half_way(done: int, total: int) -> bool:
            heard.append((done, entry_count(session) - there))
            return done < total // 4

        checked: list[int] = []
        with pytest.raises(ImportStopped):
            bank_import.apply_import(
                session, treasurer, good, fmt, stop_half_way, lambda d, t: checked.append(d)
            )
    assert heard[0] == (0, 0) and BIG // 4 <= heard[-1][0] < BIG
    assert all(done == added for done, added in heard)
    assert checked[0] == 0 and checked[-1] == BIG
    assert dump(db) == before

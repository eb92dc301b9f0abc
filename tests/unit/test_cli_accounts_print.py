"""`clubapp print accounts|cashbook|fund|money-summary`: the treasurer's printouts from
the command line, for any year, with one-line messages for what is wrong."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clubapp.db.database import open_database
from clubapp.services import users, years
from tests.conftest import COORDINATOR_PASSWORD
from tests.unit.test_cli import one_line, run
from tests.unit.test_printing_accounts import (
    FUNDS,
    GRANT,
    close_last_year,
    make_books,
)
from tests.unit.test_printing_members import page_texts


@pytest.fixture
def club(db_path) -> Path:
    """A club with two years of books, closed so the command has the database alone."""
    database = open_database(db_path)
    try:
        actor = database.run(
            users.set_up_club, "Riverside Club", "Sam Taylor", COORDINATOR_PASSWORD
        )
        make_books(database, actor)
    finally:
        database.close()
    return db_path


@pytest.fixture
def closed_club(db_path) -> Path:
    """The same club with 2024-25 reconciled and closed."""
    database = open_database(db_path)
    try:
        actor = database.run(
            users.set_up_club, "Riverside Club", "Sam Taylor", COORDINATOR_PASSWORD
        )
        kept = make_books(database, actor)
        with database.transaction() as session:
            year = years.year_named(session, 2025)
        close_last_year(database, actor, kept, year)
    finally:
        database.close()
    return db_path


def text_of(path: Path) -> str:
    return " ".join(" ".join(page_texts(path.read_bytes())).split())


def this_year(club: Path) -> years.Year:
    database = open_database(club)
    try:
        with database.transaction() as session:
            return years.year_of(session, date.today())
    finally:
        database.close()


def test_print_accounts_for_a_year_writes_the_cc16_accounts(club, tmp_path, capsys):
    """`print accounts --year 2025` writes the receipts and payments account and the
    statement of assets for 2025-26, says it is a draft, and names the file."""
    target = tmp_path / "accounts.pdf"
    code, out, err = run(
        capsys, "--db", str(club), "print", "accounts", "--year", "2025", "-o", str(target)
    )
    assert code == 0, err
    assert "2025-26 is not closed yet" in out and f"Wrote {target}" in out
    text = text_of(target)
    assert "Receipts and payments accounts for the year 1 April 2025 to 31 March 2026" in text
    assert "Section B: Statement of assets and liabilities at 31 March 2026" in text
    # This year's grants: £30,000 for the weekly club and £2,500 for the arts.
    assert "32,500.00" in text
    assert "Draft: this year is not closed" in text


def test_print_accounts_to_the_nearest_pound_by_the_years_name(club, tmp_path, capsys):
    """`--year 2025-26 --nearest-pound` prints whole pounds and says so."""
    target = tmp_path / "accounts.pdf"
    code, _, err = run(
        capsys,
        "--db",
        str(club),
        "print",
        "accounts",
        "--year",
        "2025-26",
        "--nearest-pound",
        "-o",
        str(target),
    )
    assert code == 0, err
    text = text_of(target)
    assert "Figures are to the nearest pound." in text
    assert "32,500" in text and "32,500.00" not in text


def test_without_a_year_the_last_closed_year_is_printed_and_named(closed_club, tmp_path, capsys):
    """With a closed year and no --year, the last closed year is printed, as final, and
    the output says which year it is."""
    target = tmp_path / "accounts.pdf"
    code, out, err = run(capsys, "--db", str(closed_club), "print", "accounts", "-o", str(target))
    assert code == 0, err
    assert "No --year given: printing 2024-25, the last closed year." in out
    text = text_of(target)
    assert "for the year 1 April 2024 to 31 March 2025" in text
    assert "Draft" not in text


def test_without_a_year_or_a_closed_year_this_year_is_printed(club, tmp_path, capsys):
    """With no year closed and no --year, this year is printed and the output says so."""
    target = tmp_path / "accounts.pdf"
    code, out, err = run(capsys, "--db", str(club), "print", "accounts", "-o", str(target))
    assert code == 0, err
    year = this_year(club)
    assert f"No --year given: printing {year.name}, this year" in out
    assert f"for the year {year.words}" in text_of(target)


@pytest.mark.parametrize(
    ("year", "words"),
    [("twenty", "is not a year"), ("2025-27", "did you mean 2025-26?"), ("25", "is not a year")],
)
def test_a_bad_year_gets_one_line_and_no_file(club, tmp_path, capsys, year, words):
    """A year that cannot be read is refused in one line, with exit code 1, and nothing
    is written."""
    target = tmp_path / "accounts.pdf"
    code, _, err = run(
        capsys, "--db", str(club), "print", "accounts", "--year", year, "-o", str(target)
    )
    assert code == 1 and one_line(err), err
    assert words in err
    assert not target.exists()


def test_print_one_fund_by_its_name_in_any_case(club, tmp_path, capsys):
    """`print fund --fund NAME` finds the fund whatever the case and spacing, and prints
    its statement."""
    target = tmp_path / "fund.pdf"
    code, _, err = run(
        capsys,
        "--db",
        str(club),
        "print",
        "fund",
        "--fund",
        "  lottery GRANT for the   weekly club ",
        "--year",
        "2025",
        "-o",
        str(target),
    )
    assert code == 0, err
    text = text_of(target)
    assert GRANT in text
    assert "Legacy" not in text


def test_print_fund_without_a_name_prints_every_fund(club, tmp_path, capsys):
    """Without --fund, every fund with money in the year is printed, and the output says so."""
    target = tmp_path / "funds.pdf"
    code, out, err = run(
        capsys, "--db", str(club), "print", "fund", "--year", "2025", "-o", str(target)
    )
    assert code == 0, err
    assert "No --fund given: printing every fund with money in 2025-26." in out
    text = text_of(target)
    for name, _, _ in FUNDS:
        assert name in text


def test_a_fund_that_does_not_exist_gets_the_list_of_funds(club, tmp_path, capsys):
    """An unknown fund name is refused in one line that lists the funds there are."""
    target = tmp_path / "fund.pdf"
    code, _, err = run(
        capsys, "--db", str(club), "print", "fund", "--fund", "Bingo", "-o", str(target)
    )
    assert code == 1 and one_line(err), err
    assert "there is no fund called 'Bingo'" in err
    for name, _, _ in FUNDS:
        assert name in err
    assert not target.exists()


def test_print_the_cash_book_of_one_account_or_every_account(club, tmp_path, capsys):
    """`print cashbook` prints every money account, or the one named by --account."""
    every = tmp_path / "cashbook.pdf"
    code, _, err = run(
        capsys, "--db", str(club), "print", "cashbook", "--year", "2025", "-o", str(every)
    )
    assert code == 0, err
    both = text_of(every)
    assert "Bank current account" in both and "Cash box" in both
    one = tmp_path / "cash-box.pdf"
    code, _, err = run(
        capsys,
        "--db",
        str(club),
        "print",
        "cashbook",
        "--year",
        "2025",
        "--account",
        "cash box",
        "-o",
        str(one),
    )
    assert code == 0, err
    assert len(page_texts(one.read_bytes())) < len(page_texts(every.read_bytes()))
    assert "Refreshments" in text_of(one)


def test_an_account_that_does_not_exist_gets_the_list_of_accounts(club, tmp_path, capsys):
    """An unknown account name is refused in one line that lists the accounts."""
    target = tmp_path / "cashbook.pdf"
    code, _, err = run(
        capsys, "--db", str(club), "print", "cashbook", "--account", "Piggy bank", "-o", str(target)
    )
    assert code == 1 and one_line(err), err
    assert "there is no account called 'Piggy bank'" in err
    assert "Bank current account" in err and "Cash box" in err
    assert not target.exists()


def test_print_where_our_money_went(club, tmp_path, capsys):
    """`print money-summary` writes the easy-read page for a year."""
    target = tmp_path / "summary.pdf"
    code, _, err = run(
        capsys, "--db", str(club), "print", "money-summary", "--year", "2025", "-o", str(target)
    )
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF")
    assert "Riverside Club" in text_of(target)

"""`clubapp accounts import FILE.csv`: the bank found from the headings (or named), each
problem printed as "line N: reason", a dry run that changes nothing, and every line or
none imported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clubapp import cli
from clubapp.db.database import open_database
from clubapp.services import bank_formats, users
from clubapp.services.bank_formats import BankFormat, ColumnMap
from clubapp.services.permissions import COMMAND_LINE
from tests.conftest import COORDINATOR_PASSWORD

BARCLAYS = (
    "Number,Date,Account,Amount,Subcategory,Memo\n"
    " ,03/11/2026,20-32-06 13152170,-12.40,PAYMENT,TESCO STORES 2041\n"
    " ,04/11/2026,20-32-06 13152170,250.00,DIRECTDEP,NATIONAL LOTTERY\n"
)


def run(capsys, *args: str) -> tuple[int, str, str]:
    """Run the command in-process; return the exit code, stdout and stderr."""
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(text: str) -> bool:
    return text.strip() != "" and "\n" not in text.strip() and "Traceback" not in text


@pytest.fixture
def club(db_path) -> Path:
    """A club database with its coordinator, closed so the command has it alone."""
    database = open_database(db_path)
    try:
        database.run(users.set_up_club, "Riverside Club", "Sam Taylor", COORDINATOR_PASSWORD)
    finally:
        database.close()
    return db_path


def entries(path: Path) -> list[tuple[str, str, int, str, int]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            'SELECT e."on", e.kind, e.amount_pence, e.description, a.name'
            " FROM money_entries e JOIN money_accounts a ON a.id = e.account_id"
            ' ORDER BY e."on", e.id'
        )
        return [tuple(r) for r in rows]


def write(tmp_path: Path, text: str, name: str = "statement.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_known_banks_statement_is_imported_into_the_account_named(club, tmp_path, capsys):
    """Barclays is found from the headings; both lines go into the bank account to sort."""
    source = write(tmp_path, BARCLAYS)
    code, out, _ = run(
        capsys,
        "--db",
        str(club),
        "accounts",
        "import",
        str(source),
        "--account",
        "bank current account",
    )
    assert code == 0, out
    assert "Read as: Barclays, into Bank current account. 2 new lines to add." in out
    assert "Imported 2 lines." in out
    assert entries(club) == [
        ("2026-11-03", "payment", 1240, "TESCO STORES 2041", "Bank current account"),
        ("2026-11-04", "receipt", 25000, "NATIONAL LOTTERY", "Bank current account"),
    ]


def test_the_same_statement_again_adds_nothing_and_says_why(club, tmp_path, capsys):
    source = write(tmp_path, BARCLAYS)
    args = ("--db", str(club), "accounts", "import", str(source), "--account", "Cash box")
    assert run(capsys, *args)[0] == 0
    code, out, _ = run(capsys, *args)
    assert code == 0
    assert "line 2: Imported before, so it is left out." in out
    assert "line 3: Imported before, so it is left out." in out
    assert "Imported 0 lines." in out
    assert len(entries(club)) == 2


def test_a_dry_run_changes_nothing(club, tmp_path, capsys):
    source = write(tmp_path, BARCLAYS)
    code, out, _ = run(
        capsys,
        "--db",
        str(club),
        "accounts",
        "import",
        str(source),
        "--account",
        "Cash box",
        "--dry-run",
    )
    assert code == 0
    assert "2 new lines to add" in out and "dry run: nothing was changed" in out
    assert entries(club) == []


def test_every_bad_line_is_named_and_nothing_is_imported(club, tmp_path, capsys):
    source = write(
        tmp_path,
        "Date,Description,Amount,Category,Fund\n"
        "01/11/2026,Raffle,25.00,Fundraising,General fund\n"
        "02/11/2026,Hall,-40.00,Venue hire,Lotery\n"
        "31/11/2026,Tea,-3.50,,\n"
        "04/11/2026,Bus,twelve,,\n",
    )
    code, out, _ = run(
        capsys, "--db", str(club), "accounts", "import", str(source), "--account", "Cash box"
    )
    assert code == 1
    assert "line 3, Fund: There is no fund called 'Lotery'. The funds are: General fund." in out
    assert "line 4, Date: There is no 31 November 2026." in out
    assert "line 5, Amount: 'twelve' is not an amount of money." in out
    assert "line 2" not in out
    assert "Nothing was imported" in out
    assert entries(club) == []


def test_a_spreadsheet_that_names_its_accounts_needs_no_account_option(club, tmp_path, capsys):
    source = write(
        tmp_path,
        "date,description,amount,account,category,fund\n"
        "01/11/2026,Raffle,25.00,Cash box,Fundraising,General fund\n"
        "02/11/2026,Grant,500.00,Bank current account,,\n",
    )
    code, out, _ = run(capsys, "--db", str(club), "accounts", "import", str(source))
    assert code == 0, out
    assert "Read as: A spreadsheet of transactions." in out
    assert "(1 with a category and fund, 1 to sort)" in out
    assert [(r[3], r[4]) for r in entries(club)] == [
        ("Raffle", "Cash box"),
        ("Grant", "Bank current account"),
    ]


def test_a_statement_is_for_the_only_bank_or_asks_which_account(club, tmp_path, capsys):
    source = write(tmp_path, BARCLAYS)
    code, out, err = run(capsys, "--db", str(club), "accounts", "import", str(source), "--dry-run")
    assert code == 0, err
    assert "Bank current account" in out
    code, _, err = run(
        capsys, "--db", str(club), "accounts", "import", str(source), "--account", "Piggy"
    )
    assert code == 1 and one_line(err)
    assert "There is no money account called 'Piggy'" in err
    # With a second bank account it cannot tell, and asks.
    from clubapp.db.database import open_database
    from clubapp.services import books
    from clubapp.services.permissions import COMMAND_LINE

    db = open_database(club)
    try:
        db.run(books.save_account, COMMAND_LINE, None, books.AccountInput("Savings", "savings"))
    finally:
        db.close()
    code, out, err = run(capsys, "--db", str(club), "accounts", "import", str(source))
    assert code == 1 and out == ""
    assert one_line(err)
    assert "--account NAME" in err and "Bank current account, Cash box, Savings" in err


def test_a_file_it_cannot_place_says_what_to_do(club, tmp_path, capsys):
    source = write(tmp_path, "When,What,Cash\n03/11/2026,Tea,1.50\n")
    code, out, err = run(
        capsys, "--db", str(club), "accounts", "import", str(source), "--account", "Cash box"
    )
    assert code == 1 and out == "" and one_line(err)
    assert "Cannot tell which bank" in err
    assert "'When', 'What', 'Cash'" in err
    assert "--bank NAME" in err


def test_the_bank_can_be_named_or_the_saved_columns_used(club, tmp_path, capsys):
    """--bank takes a known bank, saved columns (with their account) or 'transactions'."""
    database = open_database(club)
    try:
        columns = ColumnMap(date="When", description="What", amount="Cash")
        database.run(bank_formats.save_format, COMMAND_LINE, BankFormat("Tin", columns, 2))
    finally:
        database.close()
    own = write(tmp_path, "When,What,Cash\n03/11/2026,Tea,1.50\n", "tin.csv")
    code, out, _ = run(capsys, "--db", str(club), "accounts", "import", str(own), "--bank", "tin")
    assert code == 0, out
    assert entries(club) == [("2026-11-03", "receipt", 150, "Tea", "Cash box")]

    barclays = write(tmp_path, BARCLAYS)
    code, _, err = run(
        capsys, "--db", str(club), "accounts", "import", str(barclays), "--bank", "Lloyds"
    )
    assert code == 1 and one_line(err)
    assert "does not have the columns a Lloyds statement has" in err
    code, _, err = run(
        capsys, "--db", str(club), "accounts", "import", str(barclays), "--bank", "Bank of Mars"
    )
    assert code == 1 and one_line(err)
    assert "There is no bank called 'Bank of Mars'" in err
    assert "Tin, Monzo, Starling, Barclays" in err


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (bytes(range(256)), "not a CSV file"),
        (b"PK\x03\x04workbook", "spreadsheet workbook"),
    ],
)
def test_a_file_that_is_not_a_csv_gets_one_line(club, tmp_path, capsys, data, words):
    source = tmp_path / "statement.csv"
    source.write_bytes(data)
    code, out, err = run(capsys, "--db", str(club), "accounts", "import", str(source))
    assert code == 1 and out == "" and one_line(err)
    assert err.startswith("clubapp: statement.csv: ") and words in err


def test_a_missing_file_is_named(club, tmp_path, capsys):
    code, _, err = run(
        capsys, "--db", str(club), "accounts", "import", str(tmp_path / "nowhere.csv")
    )
    assert code == 1 and one_line(err) and "There is no file at" in err

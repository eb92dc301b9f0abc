"""The `clubapp` command: in-process through cli.main, and as a real process for what users see."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from clubapp import __version__, cli
from clubapp.db import backup as backup_module
from clubapp.db.database import open_database
from clubapp.paths import backups_dir_for
from clubapp.services import attendance, members, users
from clubapp.services.permissions import COMMAND_LINE
from tests.conftest import COORDINATOR_PASSWORD, TODAY


def run(capsys, *args: str) -> tuple[int, str, str]:
    """Run the command in-process; return the exit code, stdout and stderr."""
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(
    *args: str, input: str | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run `python -m clubapp` as a real process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "clubapp", *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def one_line(text: str) -> bool:
    return text.strip() != "" and "\n" not in text.strip() and "Traceback" not in text


def people_names(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return sorted(r[0] for r in conn.execute("SELECT full_name FROM people"))


@pytest.fixture
def club(db_path) -> Path:
    """A club database with a coordinator and two people, closed so the command has it alone."""
    database = open_database(db_path)
    try:
        actor = database.run(
            users.set_up_club, "Riverside Club", "Sam Taylor", COORDINATOR_PASSWORD
        )
        database.run(
            members.save_person,
            actor,
            members.PersonInput(
                full_name="Ann Lee",
                kinds=("member",),
                phone="07700 900123",
                emergency_contacts=(
                    members.EmergencyContactData("Bob Lee", "Son", "07700 900456"),
                ),
            ),
        )
        database.run(
            members.save_person,
            actor,
            members.PersonInput(
                full_name="Zoë O'Brien", kinds=("carer",), status="left", status_on=TODAY
            ),
        )
    finally:
        database.close()
    return db_path


# ---------------------------------------------------------------------------------------------
# What the user sees from a real process


def test_version_as_a_process():
    """`clubapp --version` prints the version and succeeds."""
    result = run_process("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"clubapp {__version__}"


def test_unknown_option_gives_one_line_and_exit_2():
    """An unknown option gets a one-line message on stderr and exit code 2, no traceback."""
    result = run_process("--no-such-option")
    assert result.returncode == 2
    assert one_line(result.stderr), result.stderr
    assert "--no-such-option" in result.stderr


def test_bad_database_file_as_a_process_gives_one_line(tmp_path):
    """A text file given as --db gets one line and exit 1 from a real process, and is unchanged."""
    text_file = tmp_path / "notes.txt"
    text_file.write_bytes(b"shopping: milk, eggs\n")
    result = run_process("--db", str(text_file), "db", "upgrade")
    assert result.returncode == 1
    assert one_line(result.stderr), result.stderr
    assert text_file.read_bytes() == b"shopping: milk, eggs\n"


def test_users_add_reads_the_password_from_a_pipe(club):
    """`users add NAME --role volunteer` with the password piped in makes an account that signs in."""
    result = run_process(
        "--db",
        str(club),
        "users",
        "add",
        "Dev Patel",
        "--role",
        "volunteer",
        input="piped password\n",
    )
    assert result.returncode == 0, result.stderr
    database = open_database(club)
    try:
        tile = next(t for t in database.run(users.sign_in_tiles) if t.name == "Dev Patel")
        assert tile.role == "volunteer"
        assert database.run(users.sign_in, tile.user_id, "piped password").actor is not None
    finally:
        database.close()


def test_cli_db_environment_variable(club, capsys, monkeypatch):
    """CLUBAPP_DB picks the database when --db is not given."""
    monkeypatch.setenv("CLUBAPP_DB", str(club))
    code, out, _ = run(capsys, "db", "info")
    assert code == 0
    assert str(club) in out and "Riverside Club" in out


# ---------------------------------------------------------------------------------------------
# db


def test_version_in_process(capsys):
    """--version in-process exits 0 with the version."""
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"clubapp {__version__}"


def test_db_info_on_a_missing_file(tmp_path, capsys):
    """`db info` for a file that is not there: one line, exit 1, and no file is created."""
    missing = tmp_path / "missing.sqlite3"
    code, out, err = run(capsys, "--db", str(missing), "db", "info")
    assert code == 1
    assert one_line(err) and str(missing) in err
    assert not missing.exists()


def test_db_upgrade_then_check(tmp_path, capsys):
    """`db upgrade` creates a database at the newest version, and `db check` finds it whole."""
    from clubapp.db import schema

    path = tmp_path / "new" / "club.sqlite3"
    code, out, _ = run(capsys, "--db", str(path), "db", "upgrade")
    assert code == 0 and schema.HEAD in out
    assert path.exists()
    code, out, _ = run(capsys, "--db", str(path), "db", "check")
    assert code == 0, out
    assert "whole" in out


def test_db_info_counts(club, capsys):
    """`db info` prints the version, the club's name and the counts."""
    code, out, _ = run(capsys, "--db", str(club), "db", "info")
    assert code == 0
    from clubapp.db import schema

    assert schema.HEAD in out and "Riverside Club" in out
    assert "People:    2" in out and "Users:     1" in out


def test_db_check_finds_a_broken_link(club, capsys):
    """`db check` reports a row whose link points nowhere, and exits 1."""
    with sqlite3.connect(club) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("INSERT INTO person_kinds (person_id, kind) VALUES (999, 'member')")
    code, out, _ = run(capsys, "--db", str(club), "db", "check")
    assert code == 1
    assert "broken link" in out


@pytest.mark.parametrize(
    "command",
    [
        ["db", "upgrade"],
        ["db", "info"],
        ["db", "check"],
        ["members", "export", "out.csv"],
        ["print", "members", "-o", "out.pdf"],
        ["backup"],
    ],
)
def test_a_text_file_as_db_is_refused_and_unchanged(tmp_path, capsys, monkeypatch, command):
    """Every command refuses a file that is not a club database with one line and leaves it byte-for-byte."""
    monkeypatch.chdir(tmp_path)
    text_file = tmp_path / "letter.txt"
    content = b"Dear committee,\nthank you for the lovely afternoon.\n"
    text_file.write_bytes(content)
    code, out, err = run(capsys, "--db", str(text_file), *command)
    assert code == 1
    assert one_line(err) and "not a club database" in err
    assert text_file.read_bytes() == content
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "out.pdf").exists()


def test_a_database_from_a_newer_version_is_refused_and_unchanged(club, capsys):
    """A database at an unknown (future) revision is refused as newer and left as it was."""
    with sqlite3.connect(club) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = club.read_bytes()
    for command in (
        ["db", "upgrade"],
        ["members", "export", str(club.parent / "x.csv")],
        ["db", "check"],
    ):
        code, _, err = run(capsys, "--db", str(club), *command)
        assert code == 1, command
        assert one_line(err) and "newer version" in err
    assert club.read_bytes() == before
    assert not (club.parent / "x.csv").exists()


def test_a_folder_as_db_is_refused(tmp_path, capsys):
    """A folder given as --db is refused with one line that says it is a folder."""
    code, _, err = run(capsys, "--db", str(tmp_path), "db", "info")
    assert code == 1
    assert one_line(err) and "folder" in err


# ---------------------------------------------------------------------------------------------
# members import / export


def test_members_import_dry_run_changes_nothing(club, tmp_path, capsys):
    """`members import --dry-run` reports the new people but adds nobody."""
    source = tmp_path / "new.csv"
    source.write_text(
        "Full name,Phone\nCarol King,07700 900333\nDan Ng,07700 900444\n", encoding="utf-8"
    )
    before = club.read_bytes(), people_names(club)
    code, out, _ = run(capsys, "--db", str(club), "members", "import", str(source), "--dry-run")
    assert code == 0
    assert "2 new people" in out and "dry run" in out
    assert people_names(club) == before[1]


def test_members_import_adds_everyone(club, tmp_path, capsys):
    """A good file is imported in full, and a person already there is reported, not added again."""
    source = tmp_path / "new.csv"
    source.write_text(
        "Full name,Phone\nCarol King,07700 900333\nAnn Lee,+44 7700 900123\n", encoding="utf-8"
    )
    code, out, _ = run(capsys, "--db", str(club), "members", "import", str(source))
    assert code == 0
    assert "line 3: Ann Lee is already in the club" in out
    assert people_names(club) == ["Ann Lee", "Carol King", "Zoë O'Brien"]


def test_a_bad_csv_names_every_bad_line_and_imports_nothing(club, tmp_path, capsys):
    """Each bad row is printed with its line number, the exit code is 1, and nobody is added."""
    source = tmp_path / "bad.csv"
    source.write_text(
        "Full name,Email,Phone\n"
        "Carol King,carol@example.org,\n"
        "Dan Ng,not-an-email,\n"
        ",dan@example.org,\n"
        "Eve Oduya,,phone me\n",
        encoding="utf-8",
    )
    before = people_names(club)
    code, out, _ = run(capsys, "--db", str(club), "members", "import", str(source))
    assert code == 1
    for line in (3, 4, 5):
        assert f"line {line}" in out
    assert "line 2" not in out
    assert "Nothing was imported" in out
    assert people_names(club) == before


def test_members_export_writes_a_file(club, tmp_path, capsys):
    """`members export` writes a CSV with a row for each person."""
    target = tmp_path / "export.csv"
    code, _, _ = run(capsys, "--db", str(club), "members", "export", str(target))
    assert code == 0
    text = target.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Full name,")
    assert "Ann Lee" in text and "Zoë O'Brien" in text
    assert len(text.splitlines()) == 3


def test_members_commands_on_a_database_with_no_club(tmp_path, capsys):
    """Export from a file that does not exist says there is no club, and creates nothing."""
    path = tmp_path / "nothing.sqlite3"
    code, _, err = run(capsys, "--db", str(path), "members", "export", str(tmp_path / "x.csv"))
    assert code == 1 and one_line(err)
    assert not path.exists()


# ---------------------------------------------------------------------------------------------
# print


@pytest.mark.parametrize("report", ["members", "emergency"])
def test_print_writes_a_pdf(club, tmp_path, capsys, report):
    """`print members` and `print emergency` write PDF files."""
    target = tmp_path / f"{report}.pdf"
    code, out, err = run(capsys, "--db", str(club), "print", report, "-o", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF")


def test_print_sign_in_sheet_for_a_session(club, tmp_path, capsys):
    """`print sign-in` writes a PDF for a session given by number or by date."""
    database = open_database(club)
    try:
        sid = database.run(attendance.add_session, COMMAND_LINE, "Wednesday Club", TODAY)
    finally:
        database.close()
    by_id = tmp_path / "by-id.pdf"
    code, _, err = run(
        capsys, "--db", str(club), "print", "sign-in", "--session", str(sid), "-o", str(by_id)
    )
    assert code == 0, err
    assert by_id.read_bytes().startswith(b"%PDF")
    by_date = tmp_path / "by-date.pdf"
    day = TODAY.strftime("%d/%m/%Y")
    code, _, err = run(
        capsys, "--db", str(club), "print", "sign-in", "--date", day, "-o", str(by_date)
    )
    assert code == 0, err
    assert by_date.read_bytes().startswith(b"%PDF")
    other_day = (TODAY + timedelta(days=1)).strftime("%d/%m/%Y")
    code, _, err = run(
        capsys, "--db", str(club), "print", "sign-in", "--date", other_day, "-o", str(by_date)
    )
    assert code == 1 and one_line(err)


def test_print_to_a_missing_folder(club, tmp_path, capsys):
    """Printing into a folder that does not exist gets one line and exit 1."""
    code, _, err = run(
        capsys, "--db", str(club), "print", "members", "-o", str(tmp_path / "no" / "x.pdf")
    )
    assert code == 1 and one_line(err)


# ---------------------------------------------------------------------------------------------
# users


def test_users_add_in_process_with_stdin(club, capsys, monkeypatch):
    """`users add` reads one line from standard input as the password."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough password\n"))
    code, out, err = run(
        capsys, "--db", str(club), "users", "add", "Pat Green", "--role", "treasurer"
    )
    assert code == 0, err
    database = open_database(club)
    try:
        tile = next(t for t in database.run(users.sign_in_tiles) if t.name == "Pat Green")
        result = database.run(users.sign_in, tile.user_id, "a long enough password")
        assert result.actor is not None and result.actor.role == "treasurer"
    finally:
        database.close()


def test_users_add_with_a_short_password_is_refused(club, capsys, monkeypatch):
    """A password under 8 characters from stdin gets one line naming 8, and no account."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    code, _, err = run(
        capsys, "--db", str(club), "users", "add", "Pat Green", "--role", "treasurer"
    )
    assert code == 1 and one_line(err) and "8" in err
    with sqlite3.connect(club) as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 1


def test_users_reset_password(club, capsys, monkeypatch):
    """`users reset-password` sets a new password that then signs in."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("a new password\n"))
    code, _, err = run(capsys, "--db", str(club), "users", "reset-password", "sam taylor")
    assert code == 0, err
    database = open_database(club)
    try:
        (tile,) = database.run(users.sign_in_tiles)
        assert database.run(users.sign_in, tile.user_id, "a new password").actor is not None
        assert database.run(users.sign_in, tile.user_id, COORDINATOR_PASSWORD).actor is None
    finally:
        database.close()


def test_users_reset_password_for_an_unknown_name(club, capsys, monkeypatch):
    """Resetting the password of someone who cannot sign in gets one line and exit 1."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("a new password\n"))
    code, _, err = run(capsys, "--db", str(club), "users", "reset-password", "Nobody Here")
    assert code == 1
    assert one_line(err) and "Nobody Here" in err


# ---------------------------------------------------------------------------------------------
# backup and restore


def test_backup_and_backup_to_make_checked_copies(club, tmp_path, capsys):
    """`backup` saves a checked copy in the backups folder; `backup --to DIR` saves one in DIR."""
    code, out, _ = run(capsys, "--db", str(club), "backup")
    assert code == 0
    (made,) = backups_dir_for(club).glob("club-*-manual.sqlite3")
    assert str(made) in out
    stick = tmp_path / "stick"
    stick.mkdir()
    code, out, _ = run(capsys, "--db", str(club), "backup", "--to", str(stick))
    assert code == 0
    (on_stick,) = stick.glob("club-*.sqlite3")
    for copy in (made, on_stick):
        assert backup_module.integrity_ok(copy)
        assert backup_module.is_club_database(copy)
        assert people_names(copy) == people_names(club)


def test_backup_to_a_missing_folder(club, tmp_path, capsys):
    """`backup --to` a folder that is not there gets one line and exit 1."""
    code, _, err = run(capsys, "--db", str(club), "backup", "--to", str(tmp_path / "no-stick"))
    assert code == 1 and one_line(err)


def test_restore_brings_back_the_old_data_and_keeps_the_current(club, tmp_path, capsys):
    """After a backup, a person added later is gone after restore; the data before restore is kept."""
    code, _, _ = run(capsys, "--db", str(club), "backup", "--to", str(tmp_path))
    assert code == 0
    (saved,) = tmp_path.glob("club-*.sqlite3")
    database = open_database(club)
    try:
        database.run(
            members.save_person,
            COMMAND_LINE,
            members.PersonInput(full_name="Late Comer", kinds=("member",)),
        )
    finally:
        database.close()
    assert "Late Comer" in people_names(club)

    code, out, _ = run(capsys, "--db", str(club), "restore", str(saved))
    assert code == 0
    assert people_names(club) == ["Ann Lee", "Zoë O'Brien"]
    (pre_restore,) = backups_dir_for(club).glob("club-*-pre-restore.sqlite3")
    assert str(pre_restore) in out
    assert "Late Comer" in people_names(pre_restore)


def test_restore_refuses_a_file_that_is_not_a_backup(club, tmp_path, capsys):
    """Restoring from a text file is refused with one line and the database is unchanged."""
    bogus = tmp_path / "club-backup.sqlite3"
    bogus.write_text("not a database")
    before = people_names(club)
    code, _, err = run(capsys, "--db", str(club), "restore", str(bogus))
    assert code == 1 and one_line(err)
    assert people_names(club) == before


# ---------------------------------------------------------------------------------------------
# demo


def test_demo_refuses_to_overwrite_without_force(club, capsys):
    """`demo` on a database that holds a club refuses without --force and changes nothing."""
    before = people_names(club)
    code, _, err = run(capsys, "--db", str(club), "demo")
    assert code == 1
    assert one_line(err) and "--force" in err
    assert people_names(club) == before


def test_demo_with_force_backs_up_then_replaces(club, capsys):
    """`demo --force` keeps a backup of the old club and then builds the demo club."""
    code, out, err = run(capsys, "--db", str(club), "demo", "--force")
    assert code == 0, err
    (saved,) = backups_dir_for(club).glob("club-*-manual.sqlite3")
    assert people_names(saved) == ["Ann Lee", "Zoë O'Brien"]
    names = people_names(club)
    assert "Ann Lee" not in names and len(names) > 2
    assert "password:" in out


# ---------------------------------------------------------------------------------------------
# Faults found in review: each gets one kind line and leaves the data as it was


def test_damaged_database_is_named_not_a_traceback(club, capsys):
    """A database with its pages zeroed gets one line saying it is damaged; the file is kept."""
    data = club.read_bytes()
    damaged = club.with_name("damaged.sqlite3")
    damaged.write_bytes(data[:16] + b"\0" * 4096)
    before = damaged.read_bytes()
    for command in (["db", "check"], ["db", "info"], ["backup"], ["members", "export", "x.csv"]):
        code, _out, err = run(capsys, "--db", str(damaged), *command)
        assert code == 1, command
        assert one_line(err) and "damaged" in err, (command, err)
    assert damaged.read_bytes() == before


def test_export_never_writes_over_a_database(club, capsys, tmp_path):
    """Giving the database itself (or any database) as the export file is refused."""
    before = people_names(club)
    code, _out, err = run(capsys, "--db", str(club), "members", "export", str(club))
    assert code == 1 and one_line(err) and "will not write over it" in err
    code, _out, err = run(capsys, "--db", str(club), "print", "members", "-o", str(club))
    assert code == 1 and "will not write over it" in err
    assert people_names(club) == before


def test_import_of_a_file_with_only_headings_says_so(club, capsys, tmp_path):
    """A CSV with a heading row and nobody in it is not reported as a successful import."""
    empty = tmp_path / "empty.csv"
    empty.write_text("Full name,Phone\n", encoding="utf-8")
    code, _out, err = run(capsys, "--db", str(club), "members", "import", str(empty))
    assert code == 1 and one_line(err) and "only the heading row" in err


def test_restore_refuses_a_backup_from_a_newer_version(club, capsys, tmp_path):
    """A backup saved by a newer clubapp is refused before anything changes."""
    newer = tmp_path / "club-2030-01-01-000000-manual.sqlite3"
    newer.write_bytes(club.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = club.read_bytes()
    code, _out, err = run(capsys, "--db", str(club), "restore", str(newer))
    assert code == 1 and one_line(err) and "newer version" in err
    assert club.read_bytes() == before

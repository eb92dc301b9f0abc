"""A damaged club file (bytes flipped in a table's pages): found at start, left byte for byte
as it was, and the newest backup that passes its check named, in the app and on the
command line, where `clubapp restore FILE` puts it back."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from clubapp import cli, paths
from clubapp.db.access import quick_check
from clubapp.db.backup import automatic_backup, integrity_ok, list_backups
from clubapp.db.database import open_database, when_words
from clubapp.db.errors import DamagedDatabase
from tests.conftest import copy_club
from tests.unit.fault_helpers import damage_pages, digest

TABLE = "money_entries"  # one of the demo club's biggest tables
OLDER = datetime(2026, 11, 16, 18, 15, 0)
NEWER = datetime(2026, 11, 17, 9, 30, 0)


@pytest.fixture(scope="module")
def demo_file(demo_club, tmp_path_factory):
    """The small demo club on TODAY (built once per run, tests/conftest.py), closed and
    whole: this module's own copy."""
    return copy_club(demo_club, tmp_path_factory.mktemp("damaged-demo") / "demo.sqlite3")


@pytest.fixture
def damaged(demo_file, tmp_path):
    """A copy of the demo with two pages from the middle of a table flipped."""
    copy = tmp_path / "club.sqlite3"
    damage_pages(demo_file, copy, TABLE)
    return copy


def test_flipped_pages_in_a_table_are_found_at_start_and_the_file_is_left(damaged, demo_file):
    """Opening the damaged copy is refused as damaged, in plain words; its bytes are the
    same before and after; the good original passes the same check."""
    before = digest(damaged)
    assert quick_check(demo_file) == []
    assert quick_check(damaged) != []
    with pytest.raises(DamagedDatabase) as caught:
        open_database(damaged)
    text = str(caught.value)
    assert "is damaged" in text and "left exactly as it is" in text
    assert "sqlite" not in text.replace(damaged.name, "").lower()
    assert "integrity" not in text.lower() and "malformed" not in text.lower()
    assert digest(damaged) == before
    assert caught.value.good_backup is None
    assert "no good backup" in text


def test_damage_stops_every_command_before_it_writes(damaged, capsys):
    """An export, a backup or an upgrade of a damaged file: refused, file unchanged."""
    before = digest(damaged)
    for command in (["members", "export", str(damaged.parent / "out.csv")], ["db", "upgrade"]):
        code = cli.main(["--db", str(damaged), *command])
        err = capsys.readouterr().err
        assert code == 1, command
        assert "is damaged" in err and "Traceback" not in err
    assert digest(damaged) == before
    assert not (damaged.parent / "out.csv").exists()


def test_the_newest_good_backup_is_named_passing_over_a_damaged_one(damaged, demo_file):
    """Two backups; the newer is itself damaged: the older, good one is named, with its
    day and time in words and the command that puts it back."""
    backups = paths.backups_dir_for(damaged)
    good = automatic_backup(demo_file, backups, "daily", now=OLDER)
    bad = automatic_backup(demo_file, backups, "close", now=NEWER)
    damage_pages(bad, bad, TABLE)  # the newer backup goes bad on the disk too
    assert [b.path for b in list_backups(backups)] == [bad, good]
    assert not integrity_ok(bad) and integrity_ok(good)

    with pytest.raises(DamagedDatabase) as caught:
        open_database(damaged)
    assert caught.value.good_backup == good
    assert caught.value.good_backup_taken_at == OLDER
    text = str(caught.value)
    assert f"The newest good backup is from {when_words(OLDER)}" in text
    assert when_words(OLDER) == "Monday 16 November 2026 at 18:15"
    assert f'clubapp restore "{good}"' in text
    assert str(bad) not in text


def test_db_check_says_damaged_and_names_the_backup(damaged, demo_file, capsys):
    """`clubapp db check` on the damaged file: exit 1, what was found, then the plain words
    naming the newest good backup and the restore command; the file is untouched."""
    good = automatic_backup(demo_file, paths.backups_dir_for(damaged), "daily", now=OLDER)
    before = digest(damaged)
    code = cli.main(["--db", str(damaged), "db", "check"])
    out, err = capsys.readouterr()
    assert code == 1
    # One line saying how much was found; the raw findings only with --details.
    assert out.startswith("The check found ") and len(out.splitlines()) == 1
    assert "is damaged" in err and str(good) in err and "clubapp restore" in err
    assert digest(damaged) == before
    code = cli.main(["--db", str(damaged), "db", "check", "--details"])
    out, _err = capsys.readouterr()
    assert code == 1 and out.startswith("problem: ")
    assert digest(damaged) == before


def test_restore_on_the_command_line_puts_the_backup_back_and_keeps_the_damage(
    damaged, demo_file, capsys
):
    """`clubapp restore FILE` puts the good backup back (the club reads whole again) and
    keeps the damaged file as a pre-restore copy, in case someone can rescue it."""
    backups = paths.backups_dir_for(damaged)
    good = automatic_backup(demo_file, backups, "daily", now=OLDER)
    code = cli.main(["--db", str(damaged), "restore", str(good)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert quick_check(damaged) == [] and integrity_ok(damaged)
    kept = [b for b in list_backups(backups) if b.reason == "pre-restore"]
    assert len(kept) == 1 and str(kept[0].path) in out
    assert not integrity_ok(kept[0].path)  # the damaged copy, kept as it was
    code = cli.main(["--db", str(damaged), "db", "check"])
    assert code == 0, capsys.readouterr()
    database = open_database(damaged)
    try:
        with database.engine.connect() as conn:
            entries = conn.exec_driver_sql(f"SELECT count(*) FROM {TABLE}").scalar()
    finally:
        database.close()
    with sqlite3.connect(demo_file) as conn:
        assert conn.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0] == entries
    conn.close()

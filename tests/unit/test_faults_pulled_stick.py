"""A memory stick pulled out during a backup or an export: never a half-written file left
behind (no new file, no temporary file), and an older file of the same name still whole."""

from __future__ import annotations

import errno
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from clubapp import cli, files
from clubapp.db import backup as backup_mod
from clubapp.db.backup import backup_to, is_club_database
from clubapp.db.errors import BackupFailed, KnownError
from tests.conftest import add_person
from tests.unit.fault_helpers import GONE_WORDS, PulledOut, digest, pull_after


@pytest.fixture
def club(db, coordinator) -> Path:
    for i in range(30):
        add_person(db, coordinator, f"Person Number{i:02d}", address="12 Long Lane\n" * 20)
    db.forget_history()
    return db.path


@pytest.fixture
def stick(tmp_path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


def only_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ---------------------------------------------------------------- backups


def test_a_backup_cut_off_half_way_through_the_copy_leaves_nothing(club, stick, monkeypatch):
    """The copy stops after some pages (the stick is pulled): no backup, no temporary file,
    and the older backup of the same name is still whole."""
    old = backup_to(club, stick / "club-backup.sqlite3")
    old_digest = digest(old)

    def copy_some_then_fail(src: sqlite3.Connection, dst: sqlite3.Connection, timeout) -> None:
        copied = []

        def progress(status: int, remaining: int, total: int) -> None:
            copied.append(total - remaining)
            if len(copied) == 3:
                raise PulledOut()

        src.backup(dst, pages=2, progress=progress)

    monkeypatch.setattr(backup_mod, "_copy_database", copy_some_then_fail)
    with pytest.raises(BackupFailed) as caught:
        backup_to(club, stick / "club-backup.sqlite3")
    assert str(caught.value).startswith(GONE_WORDS)
    assert "memory stick" in str(caught.value)
    assert only_files(stick) == ["club-backup.sqlite3"]
    assert digest(old) == old_digest and is_club_database(old)


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_backup_cut_off_while_finishing_leaves_nothing(club, stick, monkeypatch, step):
    """The whole copy is written, then flushing it to the stick (or giving it its name)
    fails: the temporary file is removed and no new backup appears."""

    def fail(*args, **kwargs):
        raise PulledOut()

    monkeypatch.setattr(backup_mod.os, step, fail)
    with pytest.raises(BackupFailed) as caught:
        backup_to(club, stick / "club-backup.sqlite3")
    assert str(caught.value).startswith(GONE_WORDS)
    assert only_files(stick) == []


# ---------------------------------------------------------------- exports and PDFs


def test_an_export_cut_off_after_some_bytes_leaves_no_file(stick, monkeypatch):
    """Half the file written, then the stick goes: a plain message, and no file at all
    (not the half, not the temporary one)."""
    pull_after(monkeypatch, 1000)
    with pytest.raises(KnownError) as caught:
        files.save_file(stick / "members.csv", b"x" * 5000, "save the spreadsheet")
    text = str(caught.value)
    assert text.startswith(f"{GONE_WORDS}, so clubapp could not save the spreadsheet.")
    assert "Errno" not in text
    assert only_files(stick) == []


def test_an_export_cut_off_keeps_the_older_file_whole(stick, monkeypatch):
    """Saving over last month's export: cut off half way, last month's file is untouched."""
    old = stick / "members.csv"
    old.write_bytes(b"Full name\nAnn Able\n")
    pull_after(monkeypatch, 10)
    with pytest.raises(KnownError):
        files.save_file(old, b"Full name\n" + b"Someone New\n" * 500, "save the spreadsheet")
    assert old.read_bytes() == b"Full name\nAnn Able\n"
    assert only_files(stick) == ["members.csv"]


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_an_export_cut_off_while_finishing_leaves_no_file(stick, monkeypatch, step):
    """Every byte written, then the flush (or the rename) fails: nothing left behind."""

    def fail(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(files.os, step, fail)
    with pytest.raises(KnownError):
        files.save_file(stick / "sheet.pdf", b"%PDF-1.7 " * 100, "save the PDF")
    monkeypatch.undo()
    assert only_files(stick) == []


def test_the_members_export_command_cut_off_leaves_no_file(club, stick, monkeypatch, capsys):
    """`clubapp members export` onto a stick pulled half way: one plain line, exit 1, no
    file; the club itself untouched."""
    before = digest(club)
    pull_after(monkeypatch, 200)
    code = cli.main(["--db", str(club), "members", "export", str(stick / "members.csv")])
    err = capsys.readouterr().err
    assert code == 1
    assert GONE_WORDS in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert only_files(stick) == []
    with closing(sqlite3.connect(club)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert digest(club) == before


def test_a_printout_command_cut_off_leaves_no_file(club, stick, monkeypatch, capsys):
    """`clubapp print members -o FILE` onto a stick pulled half way: no PDF left."""
    pull_after(monkeypatch, 500)
    code = cli.main(["--db", str(club), "print", "members", "-o", str(stick / "list.pdf")])
    assert code == 1
    assert GONE_WORDS in capsys.readouterr().err
    assert only_files(stick) == []

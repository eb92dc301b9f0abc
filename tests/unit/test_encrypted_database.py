"""The encrypted database option in the app's database layer: a club opened with its
passphrase, turned on and off in place with its backups, backed up and put back
encrypted, upgraded, checked, and refused in plain words without the passphrase."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest

from clubapp import app, paths
from clubapp.db import encryption, migrate, schema
from clubapp.db.access import quick_check
from clubapp.db.backup import (
    automatic_backup,
    integrity_ok,
    is_club_database,
    list_backups,
    newest_good_backup,
    restore,
)
from clubapp.db.database import Database, open_database
from clubapp.db.errors import DamagedDatabase, KnownError
from clubapp.services import audit, members
from clubapp.services.errors import NotAllowed
from clubapp.services.permissions import COMMAND_LINE
from tests.conftest import add_person

CANARY = "Quillonbe Zarkwinder"
LATER = "Ottoline Brackenfuzz"  # added after encryption is on
PASSPHRASE = "blue kettle on the windowsill"

if sys.platform == "linux" and encryption.unavailable_reason() is not None:
    pytest.fail("sqlcipher3 should be installed on Linux (see pyproject.toml)")
pytestmark = pytest.mark.skipif(
    encryption.unavailable_reason() is not None, reason="sqlcipher3 has no build here"
)


def names(db: Database) -> list[str]:
    return sorted(p.full_name for p in db.run(members.list_people, COMMAND_LINE))


def spelled(text: str) -> list[bytes]:
    return [text.encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be")]


def holds(path: Path, text: str) -> bool:
    data = path.read_bytes()
    return any(form in data for form in spelled(text))


@pytest.fixture
def plain_club(db, coordinator) -> Database:
    """An open plain club with a canary person and two plain backups (daily, close)."""
    add_person(db, coordinator, CANARY)
    automatic_backup(db.path, db.backups_dir, "daily", datetime(2026, 11, 16, 9, 0))
    automatic_backup(db.path, db.backups_dir, "close", datetime(2026, 11, 17, 21, 0))
    assert all(holds(b.path, CANARY) for b in list_backups(db.backups_dir))
    return db


@pytest.fixture
def club(plain_club, coordinator) -> Database:
    """The same club, encryption turned on while it is open."""
    left = plain_club.turn_on_encryption(PASSPHRASE, coordinator)
    assert left == []
    return plain_club


def test_turning_it_on_leaves_no_plain_copy_in_the_file_its_log_or_the_backups(club, coordinator):
    assert club.encrypted
    assert not club.path.read_bytes().startswith(encryption.SQLITE_HEADER)
    backups = list_backups(club.backups_dir)
    assert len(backups) == 2
    for info in backups:
        assert not info.path.read_bytes().startswith(encryption.SQLITE_HEADER)
        assert not holds(info.path, CANARY)
        assert is_club_database(info.path, PASSPHRASE) and integrity_ok(info.path, PASSPHRASE)
        assert not is_club_database(info.path)  # without the passphrase: nothing to read
    # The app carries on with the same object: the services work on the encrypted file.
    add_person(club, coordinator, LATER)
    assert names(club) == sorted([CANARY, LATER])
    wal = Path(f"{club.path}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the new person is in the log...
    for path in (club.path, wal):
        assert not holds(path, CANARY) and not holds(path, LATER)  # ...but not readably
    club.close()
    assert not holds(club.path, LATER)
    # Only once the app has let go: two SQLite libraries on one open file in one program
    # lose track of each other's locks (sqlite.org/howtocorrupt.html, 2.2.1).
    with (
        contextlib.closing(sqlite3.connect(club.path)) as conn,
        pytest.raises(sqlite3.DatabaseError, match="not a database"),
    ):
        conn.execute("SELECT * FROM people").fetchall()


def test_the_audit_log_notes_each_change_without_the_passphrase(club, coordinator):
    club.change_passphrase(PASSPHRASE, "a brand new passphrase", coordinator)
    club.turn_off_encryption("a brand new passphrase", coordinator)
    rows = club.run(audit.audit_entries, coordinator, audit.AuditFilter(area="privacy"))
    said = [r.action_words for r in rows if r.record_table == "club"]
    assert said == ["Turn off encryption", "Change the passphrase", "Turn on encryption"]
    assert all(r.what == "changed" and r.area_word == "Privacy" for r in rows[:3])
    assert not holds(club.path, PASSPHRASE)  # now plain: the passphrase is nowhere in it


def test_it_opens_with_the_passphrase_and_is_refused_in_words_without(club, coordinator):
    club.close()
    with pytest.raises(encryption.PassphraseNeeded) as needed:
        open_database(club.path)
    assert "needs the club's passphrase" in str(needed.value)
    assert "recovery sheet" in str(needed.value)
    with pytest.raises(encryption.WrongPassphrase) as wrong:
        open_database(club.path, passphrase=PASSPHRASE.upper())
    assert "does not open" in str(wrong.value) and "Caps Lock" in str(wrong.value)
    again = open_database(club.path, passphrase=PASSPHRASE)
    try:
        assert again.encrypted and names(again) == [CANARY]
        assert "blue kettle" not in repr(again)
    finally:
        again.close()


def test_a_passphrase_given_for_a_plain_club_is_not_used(plain_club):
    plain_club.close()
    again = open_database(plain_club.path, passphrase=PASSPHRASE)
    try:
        assert not again.encrypted and names(again) == [CANARY]
    finally:
        again.close()
    assert plain_club.path.read_bytes().startswith(encryption.SQLITE_HEADER)


def test_turning_it_off_gives_the_plain_club_back_with_its_backups(club, coordinator):
    add_person(club, coordinator, LATER)
    left = club.turn_off_encryption(PASSPHRASE, coordinator)
    assert left == [] and not club.encrypted
    assert club.path.read_bytes().startswith(encryption.SQLITE_HEADER)
    assert names(club) == sorted([CANARY, LATER])
    with sqlite3.connect(club.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    for info in list_backups(club.backups_dir):
        assert info.path.read_bytes().startswith(encryption.SQLITE_HEADER)
        assert holds(info.path, CANARY) and integrity_ok(info.path)


def test_a_short_or_wrong_passphrase_and_other_roles_are_refused_before_any_change(
    plain_club, coordinator, actors
):
    before = plain_club.path.read_bytes()[:100]
    with pytest.raises(KnownError, match="at least 10 letters"):
        plain_club.turn_on_encryption("too short", coordinator)
    with pytest.raises(NotAllowed):
        plain_club.turn_on_encryption(PASSPHRASE, actors["treasurer"])
    assert plain_club.path.read_bytes()[:100] == before and not plain_club.encrypted
    plain_club.turn_on_encryption(PASSPHRASE, coordinator)
    with pytest.raises(encryption.WrongPassphrase):
        plain_club.turn_off_encryption("not the passphrase", coordinator)
    with pytest.raises(KnownError, match="at least 10 letters"):
        plain_club.change_passphrase(PASSPHRASE, "short", coordinator)
    assert plain_club.encrypted and names(plain_club) == [CANARY]


def test_a_new_passphrase_opens_the_club_and_every_backup(club, coordinator):
    new = "the heron stands in the reeds"
    assert club.change_passphrase(PASSPHRASE, new, coordinator) == []
    assert names(club) == [CANARY]
    for path in [club.path, *(b.path for b in list_backups(club.backups_dir))]:
        assert encryption.check_passphrase(path, new)
        assert not encryption.check_passphrase(path, PASSPHRASE)


def test_daily_and_close_backups_are_encrypted(club, coordinator):
    add_person(club, coordinator, LATER)

    def fresh(reason: str) -> list:
        return [
            b
            for b in list_backups(club.backups_dir)
            if b.reason == reason and holds_person(b.path, LATER)
        ]

    def encrypted(infos: list) -> None:
        assert len(infos) == 1
        for info in infos:
            assert not holds(info.path, LATER) and not holds(info.path, CANARY)
            assert not info.path.read_bytes().startswith(encryption.SQLITE_HEADER)

    # Each is looked at as soon as it is made: the rotation keeps only the newest backup
    # of a day, so a close backup a second after the daily one deletes the daily.
    app._backup_in_background(club.path, "daily", club.passphrase).join()
    encrypted(fresh("daily"))
    app.close_backup(club)
    encrypted(fresh("close"))


def holds_person(path: Path, full_name: str) -> bool:
    """The backup, opened with the passphrase, has a person of that name."""
    conn = encryption.connect(path, PASSPHRASE)
    try:
        found = conn.execute("SELECT count(*) FROM people WHERE full_name = ?", (full_name,))
        return bool(found.fetchone()[0])
    finally:
        conn.close()


def test_a_backup_is_put_back_with_the_passphrase_and_refused_without(club, coordinator):
    saved = automatic_backup(club.path, club.backups_dir, "manual", passphrase=PASSPHRASE)
    add_person(club, coordinator, LATER)
    club.close()
    with pytest.raises(encryption.PassphraseNeeded) as needed:
        restore(club.path, saved, club.backups_dir)
    assert "is encrypted" in str(needed.value) and "nothing was changed" in str(needed.value)
    with pytest.raises(encryption.WrongPassphrase):
        restore(club.path, saved, club.backups_dir, passphrase="someone else's words")
    safety = restore(club.path, saved, club.backups_dir, passphrase=PASSPHRASE)
    assert safety is not None and holds_person(safety, LATER)  # the undo copy, encrypted
    assert not holds(safety, LATER)
    assert not club.path.read_bytes().startswith(encryption.SQLITE_HEADER)
    again = open_database(club.path, passphrase=PASSPHRASE)
    try:
        assert names(again) == [CANARY]
    finally:
        again.close()


def test_a_plain_backup_put_back_into_an_encrypted_club_stays_encrypted(
    plain_club, coordinator, tmp_path
):
    """A plain backup kept elsewhere (a memory stick) from before encryption was on."""
    stick = tmp_path / "stick"
    stick.mkdir()
    old = automatic_backup(plain_club.path, stick, "manual")
    plain_club.turn_on_encryption(PASSPHRASE, coordinator)
    add_person(plain_club, coordinator, LATER)
    plain_club.close()
    restore(plain_club.path, old, plain_club.backups_dir, passphrase=PASSPHRASE)
    assert not holds(plain_club.path, CANARY)
    again = open_database(plain_club.path, passphrase=PASSPHRASE)
    try:
        assert again.encrypted and names(again) == [CANARY]
    finally:
        again.close()


def test_quick_check_reads_an_encrypted_file_and_finds_damage(club, tmp_path):
    club.close()
    assert quick_check(club.path, PASSPHRASE) == []
    with pytest.raises(encryption.WrongPassphrase):
        quick_check(club.path, "not the passphrase")
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(club.path.read_bytes())
    assert len(data) > 4096 * 8
    for i in range(4096 * 5, 4096 * 5 + 64):  # inside a page, after the first
        data[i] ^= 0xFF
    damaged.write_bytes(bytes(data))
    assert quick_check(damaged, PASSPHRASE) != []


def test_a_damaged_encrypted_club_names_its_newest_good_backup(club):
    club.close()
    data = bytearray(club.path.read_bytes())
    for i in range(4096 * 5, 4096 * 5 + 64):
        data[i] ^= 0xFF
    club.path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabase) as caught:
        open_database(club.path, passphrase=PASSPHRASE)
    newest = newest_good_backup(club.backups_dir, PASSPHRASE)
    assert newest is not None and caught.value.good_backup == newest.path
    assert newest_good_backup(club.backups_dir) is None  # nothing readable without it


PROBE = textwrap.dedent(
    '''
    """probe: a later version of the app adds a table"""
    from alembic import op
    import sqlalchemy as sa

    revision = "9101_probe"
    down_revision = "{head}"
    branch_labels = None
    depends_on = None


    def upgrade() -> None:
        op.create_table("probe_later", sa.Column("id", sa.Integer(), primary_key=True))


    def downgrade() -> None:
        op.drop_table("probe_later")
    '''
)


def test_an_encrypted_club_is_upgraded_with_an_encrypted_backup_first(club, tmp_path, monkeypatch):
    club.close()
    folder = tmp_path / "alembic"
    shutil.copytree(paths.migrations_dir(), folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "9101_probe.py").write_text(PROBE.replace("{head}", schema.HEAD))
    monkeypatch.setattr(paths, "migrations_dir", lambda: folder)
    monkeypatch.setattr(schema, "HEAD", "9101_probe")
    assert migrate.inspect(club.path, PASSPHRASE) is migrate.State.PENDING
    upgraded = open_database(club.path, passphrase=PASSPHRASE)
    try:
        assert names(upgraded) == [CANARY]
    finally:
        upgraded.close()
    assert migrate.current_revision(club.path, PASSPHRASE) == "9101_probe"
    assert not club.path.read_bytes().startswith(encryption.SQLITE_HEADER)
    before = [b for b in list_backups(club.backups_dir) if b.reason == "pre-migration"]
    assert len(before) == 1 and not holds(before[0].path, CANARY)
    assert holds_person(before[0].path, CANARY)

"""The encrypted database option at the file level: SQLCipher rewrites the club's file so
that without the passphrase it is noise; turning it off gives plain SQLite back."""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from pathlib import Path

import pytest

from clubapp.db import encryption
from clubapp.db.errors import KnownError
from tests.conftest import add_person

CANARY = "Quillonbe Zarkwinder"
PASSPHRASE = "blue kettle on the windowsill"

if sys.platform == "linux" and encryption.unavailable_reason() is not None:
    # pyproject installs sqlcipher3-binary on Linux: its absence there is a failure.
    pytest.fail("sqlcipher3 should be installed on Linux (see pyproject.toml)")
pytestmark = pytest.mark.skipif(
    encryption.unavailable_reason() is not None, reason="sqlcipher3 has no build here"
)


@pytest.fixture
def club_file(db, coordinator) -> Path:
    """A club database holding a person with a canary name, closed."""
    add_person(db, coordinator, CANARY)
    db.close()
    return db.path


def files_beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def test_an_encrypted_file_is_noise_without_the_passphrase(club_file):
    assert CANARY.encode() in club_file.read_bytes()  # closing folded the log in
    encryption.encrypt_in_place(club_file, PASSPHRASE)
    data = club_file.read_bytes()
    assert not data.startswith(encryption.SQLITE_HEADER)
    assert encryption.looks_encrypted(club_file)
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        assert CANARY.encode(encoding) not in data
    assert files_beside(club_file) == ["club.sqlite3"]  # no -wal left holding the old pages
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(club_file).execute("SELECT * FROM people").fetchall()


def test_the_passphrase_opens_it_and_a_wrong_one_is_refused_in_words(club_file):
    encryption.encrypt_in_place(club_file, PASSPHRASE)
    conn = encryption.connect(club_file, PASSPHRASE)
    try:
        names = [r[0] for r in conn.execute("SELECT full_name FROM people")]
    finally:
        conn.close()
    assert names == [CANARY]
    with pytest.raises(encryption.WrongPassphrase) as caught:
        encryption.connect(club_file, PASSPHRASE.upper())
    assert "Caps Lock" in str(caught.value) and "recovery sheet" in str(caught.value)
    assert encryption.check_passphrase(club_file, PASSPHRASE)
    assert not encryption.check_passphrase(club_file, "")


def test_turning_it_off_gives_the_same_plain_database_back(club_file):
    with sqlite3.connect(club_file) as conn:
        before = list(conn.iterdump())
    encryption.encrypt_in_place(club_file, PASSPHRASE)
    encryption.decrypt_in_place(club_file, PASSPHRASE)
    assert club_file.read_bytes().startswith(encryption.SQLITE_HEADER)
    with sqlite3.connect(club_file) as conn:
        assert sorted(conn.iterdump()) == sorted(before)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_new_passphrase_replaces_the_old(club_file):
    encryption.encrypt_in_place(club_file, PASSPHRASE)
    encryption.change_passphrase(club_file, PASSPHRASE, "a brand new passphrase")
    assert not encryption.check_passphrase(club_file, PASSPHRASE)
    assert encryption.check_passphrase(club_file, "a brand new passphrase")


def test_a_failure_halfway_leaves_the_file_as_it_was(club_file, monkeypatch):
    """The copy is checked before it replaces the file; a failed check changes nothing."""
    with sqlite3.connect(club_file) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    digest = hashlib.sha256(club_file.read_bytes()).hexdigest()

    def broken(conn):
        return ["page 7 is never used"]

    monkeypatch.setattr(encryption, "_integrity", broken)
    with pytest.raises(KnownError, match="nothing was changed"):
        encryption.encrypt_in_place(club_file, PASSPHRASE)
    assert hashlib.sha256(club_file.read_bytes()).hexdigest() == digest
    assert [n for n in files_beside(club_file) if "rewrite" in n] == []


def test_encrypting_twice_is_refused(club_file):
    encryption.encrypt_in_place(club_file, PASSPHRASE)
    with pytest.raises(KnownError, match="already encrypted"):
        encryption.encrypt_in_place(club_file, PASSPHRASE)


def test_without_the_package_the_app_says_why(monkeypatch):
    def missing():
        raise ImportError("No module named 'sqlcipher3'")

    monkeypatch.setattr(encryption, "_module", missing)
    reason = encryption.unavailable_reason()
    assert reason is not None and "disk encryption" in reason and "Everything else works" in reason

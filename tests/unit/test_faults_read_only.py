"""A club this computer only lets clubapp read: found out at start, opened read-only, every
save refused in plain words, signing in still possible, nothing written, no crash."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from clubapp import app, paths
from clubapp.db import access
from clubapp.db.access import ReadOnly, read_only_message, why_read_only
from clubapp.db.database import open_database
from clubapp.db.errors import (
    AlreadyRunning,
    BackupFailed,
    DatabaseUnavailable,
    KnownError,
    ReadOnlyDatabase,
)
from clubapp.services import members, users
from tests.conftest import COORDINATOR_PASSWORD, add_person

ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def people_in(path: Path) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        names = sorted(row[0] for row in conn.execute("SELECT full_name FROM people"))
    conn.close()
    return names


@pytest.fixture
def club(db, coordinator) -> Path:
    """A club with two people, closed (and its log folded in) so it is one whole file."""
    add_person(db, coordinator, "Ann Able")
    add_person(db, coordinator, "Bill Brown")
    db.forget_history()
    db.close()
    return db.path


@pytest.fixture
def read_only_db(club):
    database = open_database(club, read_only=True)
    yield database
    database.close()


# ---------------------------------------------------------------- finding out


def test_a_writable_club_is_not_read_only(club):
    """A file and folder this person may change: nothing to say."""
    assert why_read_only(club) is None


def test_a_file_marked_read_only_is_found(club, monkeypatch):
    """A file the computer will not let us write is said to be read-only, as a file."""
    real_access = os.access
    monkeypatch.setattr(
        access.os,
        "access",
        lambda p, mode: False if Path(p) == club and mode & os.W_OK else real_access(p, mode),
    )
    assert why_read_only(club) is ReadOnly.FILE


def test_a_folder_that_cannot_be_written_in_is_found(club, monkeypatch):
    """SQLite writes beside the file: a folder that refuses writes makes the club read-only."""
    real_access = os.access
    monkeypatch.setattr(
        access.os,
        "access",
        lambda p, mode: (
            False if Path(p) == club.parent and mode & os.W_OK else real_access(p, mode)
        ),
    )
    assert why_read_only(club) is ReadOnly.FOLDER


def test_a_disk_mounted_read_only_is_found(club, monkeypatch):
    """A memory stick with its lock switch on (a read-only file system) is said as such."""
    monkeypatch.setattr(
        access.os, "statvfs", lambda p: SimpleNamespace(f_flag=os.ST_RDONLY), raising=False
    )
    monkeypatch.setattr(access.os, "ST_RDONLY", getattr(os, "ST_RDONLY", 1), raising=False)
    assert why_read_only(club) is ReadOnly.DISK


@pytest.mark.skipif(IS_ROOT, reason="the administrator may write read-only files")
def test_real_permissions_are_found(club):
    """With the real permissions (not as the administrator): the file, then the folder."""
    club.chmod(0o444)
    try:
        assert why_read_only(club) is ReadOnly.FILE
        club.chmod(0o644)
        club.parent.chmod(0o555)
        assert why_read_only(club) is ReadOnly.FOLDER
    finally:
        club.parent.chmod(0o755)
        club.chmod(0o644)


def test_the_messages_say_why_and_what_to_do(club):
    """Each reason gets plain words: read only, nothing can be saved, and what to do."""
    for why in ReadOnly:
        text = read_only_message(club, why)
        assert text.startswith(
            "This computer only lets clubapp read the club's information, so nothing can be saved."
        )
        assert "again" in text  # what to do, then come back
        words = text.replace(str(club.parent), "").replace(club.name, "").lower()
        assert "sqlite" not in words and "permission" not in words and "errno" not in words
    assert club.name in read_only_message(club, ReadOnly.FILE)
    assert str(club.parent) in read_only_message(club, ReadOnly.FOLDER)
    assert "lock switch" in read_only_message(club, ReadOnly.DISK)


# ---------------------------------------------------------------- opening and saving


def test_opening_read_only_reads_but_refuses_every_save(club, read_only_db, coordinator):
    """Reading works; a save is refused with the read-only words; the file is unchanged."""
    before = digest(club)
    assert read_only_db.read_only is ReadOnly.ASKED
    names = [p.full_name for p in read_only_db.run(members.list_people, coordinator)]
    assert names == ["Ann Able", "Bill Brown"]

    with pytest.raises(ReadOnlyDatabase) as caught:
        add_person(read_only_db, coordinator, "Cath Clark")
    assert str(caught.value) == read_only_db.read_only_message
    assert isinstance(caught.value, KnownError)
    assert digest(club) == before
    assert people_in(club) == ["Ann Able", "Bill Brown"]


def test_changing_a_record_is_refused_too(club, read_only_db, coordinator):
    """Not only new rows: changing a person is refused, and the person is as they were."""
    person = read_only_db.run(members.list_people, coordinator)[0]
    detail = read_only_db.run(members.get_person, coordinator, person.person_id)
    changed = members.PersonInput(full_name="Ann Changed", kinds=detail.kinds)
    with pytest.raises(ReadOnlyDatabase):
        read_only_db.run(members.save_person, coordinator, changed, person.person_id)
    assert people_in(club) == ["Ann Able", "Bill Brown"]


def test_signing_in_works_on_a_read_only_club_and_records_nothing(club, read_only_db):
    """Signing in only notes the time and wrong tries: on a read-only club those are dropped,
    so people can still sign in (and a wrong password is still refused)."""
    before = digest(club)
    user_id = read_only_db.run(users.sign_in_tiles)[0].user_id
    wrong = read_only_db.run_bookkeeping(users.sign_in, user_id, "not the password")
    assert wrong.actor is None and "not right" in wrong.message
    right = read_only_db.run_bookkeeping(users.sign_in, user_id, COORDINATOR_PASSWORD)
    assert right.actor is not None and right.actor.name == "Sam Taylor"
    assert digest(club) == before
    with sqlite3.connect(f"file:{club}?mode=ro", uri=True) as conn:
        tries = conn.execute("SELECT failed_attempts FROM users").fetchone()[0]
    conn.close()
    assert tries == 0


def test_bookkeeping_is_kept_when_the_club_can_be_changed(db, coordinator):
    """On a normal club the same call counts the wrong try, as signing in always did."""
    user_id = db.run(users.sign_in_tiles)[0].user_id
    db.run_bookkeeping(users.sign_in, user_id, "not the password")
    with sqlite3.connect(db.path) as conn:
        tries = conn.execute("SELECT failed_attempts FROM users").fetchone()[0]
    conn.close()
    assert tries == 1


def test_forgetting_history_on_a_read_only_club_does_nothing(club, read_only_db):
    """Folding the log in is a write: a read-only club skips it without an error."""
    before = digest(club)
    read_only_db.forget_history()
    assert digest(club) == before


def test_a_club_that_needs_an_upgrade_is_not_opened_read_only(club):
    """An older club cannot be brought up to date without writing: said plainly, unchanged."""
    with sqlite3.connect(club) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0006_volunteers'")
    conn.close()
    before = digest(club)
    with pytest.raises(ReadOnlyDatabase) as caught:
        open_database(club, read_only=True)
    text = str(caught.value)
    assert text.startswith("This computer only lets clubapp read")
    assert "older version" in text
    assert digest(club) == before
    assert not paths.backups_dir_for(club).exists()  # no pre-migration backup attempted


def test_no_new_club_is_made_where_nothing_can_be_written(tmp_path):
    """An empty place that is read-only is refused; no file appears."""
    path = tmp_path / "club.sqlite3"
    with pytest.raises(ReadOnlyDatabase) as caught:
        open_database(path, read_only=True)
    assert "no club" in str(caught.value)
    assert not path.exists()


# ---------------------------------------------------------------- the real thing


REAL_READ_ONLY = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from clubapp.db.database import open_database
    from clubapp.db.errors import ReadOnlyDatabase
    from clubapp.services import members, users
    from clubapp.services.permissions import Actor

    path = Path(sys.argv[1])
    db = open_database(path)
    print("why", db.read_only.value if db.read_only else None)
    actor = Actor(None, "Command line", "coordinator")
    print("people", len(db.run(members.list_people, actor)))
    user_id = db.run(users.sign_in_tiles)[0].user_id
    print("signed", db.run_bookkeeping(users.sign_in, user_id, sys.argv[2]).actor is not None)
    try:
        db.run(members.save_person, actor,
               members.PersonInput(full_name="Cath Clark", kinds=("member",)))
        print("saved")
    except ReadOnlyDatabase as exc:
        print("refused", str(exc).startswith("This computer only lets clubapp read"))
    db.close()
    """
)


def run_as_someone_else(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run Python as an ordinary user: as the administrator, as nobody (via setpriv)."""
    command = [sys.executable, *args]
    if IS_ROOT:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as the administrator, and setpriv is not here to drop that")
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_really_read_only_club_opens_for_reading(club, what):
    """With real permissions, in its own process: the club opens read-only by itself (a
    WAL file in a locked folder needs the immutable way in), people are listed, signing
    in works, a save is refused, and not a byte or file is added."""
    place = Path(tempfile.mkdtemp(prefix="clubapp-ro-"))
    data = Path(tempfile.mkdtemp(prefix="clubapp-ro-data-"))
    try:
        folder = place / "club"
        folder.mkdir()
        target = folder / "club.sqlite3"
        shutil.copyfile(club, target)
        with sqlite3.connect(target) as conn:  # as the app leaves it: in WAL mode
            assert conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
        conn.close()
        script = place / "probe.py"
        script.write_text(REAL_READ_ONLY)
        for p in (place, script, data):
            p.chmod(0o777 if p == data else 0o755)
        target.chmod(0o444)
        folder.chmod(0o555 if what == "folder" else 0o777)
        before = digest(target)
        env = {**os.environ, "CLUBAPP_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
        result = run_as_someone_else(str(script), str(target), COORDINATOR_PASSWORD, env=env)
        assert result.returncode == 0, result.stderr
        assert result.stdout.split("\n")[:4] == [
            "why file",  # the file is found first; both say "nothing can be saved"
            "people 2",
            "signed True",
            "refused True",
        ]
        assert digest(target) == before
        if what == "folder":
            assert sorted(p.name for p in folder.iterdir()) == ["club.sqlite3"]
    finally:
        for p in (place, *place.rglob("*")):
            p.chmod(0o755)
        shutil.rmtree(place, ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)


# ---------------------------------------------------------------- start and close


class RefusingLock:
    """A lock whose file cannot be made (a folder nobody may write in)."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def acquire(self) -> None:
        raise self.error


def test_the_lock_is_not_needed_where_nothing_can_be_written(club, monkeypatch):
    """A lock file that cannot be made stops nothing when the club is read-only anyway."""
    monkeypatch.setattr(access, "why_read_only", lambda path: ReadOnly.FOLDER)
    app.take_lock(RefusingLock(DatabaseUnavailable("not allowed")), club)  # no error


def test_the_lock_still_matters_where_the_club_can_be_changed(club):
    """Where the club can be written, a lock that cannot be taken is still said."""
    with pytest.raises(DatabaseUnavailable):
        app.take_lock(RefusingLock(DatabaseUnavailable("not allowed")), club)


def test_another_open_copy_is_still_said_on_a_read_only_club(club, monkeypatch):
    """Read-only or not, a second copy of the app on the same club is refused."""
    monkeypatch.setattr(access, "why_read_only", lambda path: ReadOnly.FOLDER)
    with pytest.raises(AlreadyRunning):
        app.take_lock(RefusingLock(AlreadyRunning("already open")), club)


def test_no_close_backup_for_a_club_that_could_only_be_read(club, read_only_db):
    """Nothing could change, so closing makes no backup (and asks nothing)."""
    app.close_backup(read_only_db)
    assert not read_only_db.backups_dir.exists()


def test_a_close_backup_is_made_for_a_club_that_can_be_changed(db, coordinator):
    """The usual close backup still happens on a club that can be changed."""
    app.close_backup(db)
    assert [p.name.endswith("-close.sqlite3") for p in db.backups_dir.iterdir()] == [True]


def test_a_failed_close_backup_goes_to_the_log_and_the_console(db, monkeypatch, caplog, capsys):
    """A close backup that fails is said on the console and in the log, never in a window."""

    def fail(*args, **kwargs):
        raise BackupFailed("The disk is full, so clubapp could not save the backup.")

    told = []
    monkeypatch.setattr("clubapp.db.backup.automatic_backup", fail)
    monkeypatch.setattr("clubapp.ui.widgets.messages.tell", lambda *a: told.append(a))
    with caplog.at_level(logging.WARNING, logger="clubapp"):
        app.close_backup(db)
    assert "disk is full" in capsys.readouterr().err
    assert any("disk is full" in r.getMessage() for r in caplog.records)
    assert told == []


def test_a_failed_daily_backup_goes_to_the_log_only(club, monkeypatch, caplog):
    """The daily backup in the background: a folder that cannot be written in is logged,
    and nothing is raised or shown."""

    def fail(*args, **kwargs):
        raise BackupFailed("clubapp is not allowed to write in that place.")

    monkeypatch.setattr("clubapp.db.backup.automatic_backup", fail)
    with caplog.at_level(logging.WARNING, logger="clubapp"):
        app._backup_in_background(club, "daily").join()
    assert any("not allowed" in r.getMessage() for r in caplog.records)


def test_only_a_refused_write_is_called_read_only():
    """On a read-only club, a write refused gets the read-only words; another fault (the
    stick gone, the file busy) keeps its own words."""
    from clubapp.db.database import _refused_write

    refused = sqlite3.OperationalError("attempt to write a readonly database")
    refused.sqlite_errorcode = 8 | (6 << 8)  # SQLITE_READONLY_DIRECTORY
    gone = sqlite3.OperationalError("disk I/O error")
    gone.sqlite_errorcode = 10
    busy = sqlite3.OperationalError("database is locked")
    assert _refused_write(refused)
    assert not _refused_write(gone)
    assert not _refused_write(busy)

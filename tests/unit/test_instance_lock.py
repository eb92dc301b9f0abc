"""One running app per database: the OS advisory lock beside the database file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clubapp.db.errors import AlreadyRunning, KnownError
from clubapp.db.instance_lock import InstanceLock, lock_path_for

REPO_ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import sys, time
from pathlib import Path
from clubapp.db.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
time.sleep(120)
"""


def start_child_holding_lock(db_path: Path) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    line = proc.stdout.readline() if proc.stdout else ""
    if line.strip() != "locked":
        proc.kill()
        _, err = proc.communicate(timeout=10)
        pytest.fail(f"child did not take the lock: {line!r} {err}")
    return proc


def test_lock_file_sits_beside_the_database(tmp_path: Path) -> None:
    """The lock file is the database name plus .lock, in the same folder."""
    db = tmp_path / "club.sqlite3"
    assert lock_path_for(db) == tmp_path / "club.sqlite3.lock"
    assert InstanceLock(db).path == tmp_path / "club.sqlite3.lock"


def test_second_lock_on_the_same_database_raises_already_running(tmp_path: Path) -> None:
    """A second InstanceLock on the same database, even in this process, is refused."""
    db = tmp_path / "club.sqlite3"
    first = InstanceLock(db)
    first.acquire()
    try:
        with pytest.raises(AlreadyRunning) as caught:
            InstanceLock(db).acquire()
        assert isinstance(caught.value, KnownError)
        assert str(caught.value) == (
            "clubapp is already open on this computer for club.sqlite3. "
            "Switch to that window, or close it first."
        )
    finally:
        first.release()


def test_lock_can_be_taken_again_after_release(tmp_path: Path) -> None:
    """After release (or leaving the with block) another InstanceLock can take it."""
    db = tmp_path / "club.sqlite3"
    with InstanceLock(db) as lock:
        assert lock.held
        info = lock.path.read_text()
        assert f"pid={os.getpid()}" in info
        assert "started=" in info
    assert not lock.held
    again = InstanceLock(db)
    again.acquire()
    again.acquire()  # a second acquire on the same object is harmless
    again.release()
    again.release()  # and so is a second release


def test_locks_on_different_databases_do_not_clash(tmp_path: Path) -> None:
    """Two clubs in two files can be open at the same time."""
    with InstanceLock(tmp_path / "a.sqlite3"), InstanceLock(tmp_path / "b.sqlite3"):
        pass


def test_custom_display_name_is_used_in_the_message(tmp_path: Path) -> None:
    """The caller can name the club in the message instead of the file."""
    db = tmp_path / "club.sqlite3"
    with InstanceLock(db), pytest.raises(AlreadyRunning, match="for Riverside Club\\."):
        InstanceLock(db, display_name="Riverside Club").acquire()


def test_lock_held_by_another_process_blocks_and_clears_when_it_is_killed(
    tmp_path: Path,
) -> None:
    """A lock held by another process refuses us, and is free once that process is killed."""
    db = tmp_path / "club.sqlite3"
    proc = start_child_holding_lock(db)
    try:
        assert f"pid={proc.pid}" in lock_path_for(db).read_text()
        with pytest.raises(AlreadyRunning):
            InstanceLock(db).acquire()
    finally:
        proc.kill()  # SIGKILL on POSIX: no clean-up code runs in the child
        proc.communicate(timeout=30)
    assert lock_path_for(db).exists()  # the stale file is still there...
    lock = InstanceLock(db)
    lock.acquire()  # ...but the OS dropped the lock with the process
    try:
        assert f"pid={os.getpid()}" in lock.path.read_text()
    finally:
        lock.release()


def test_lock_in_a_missing_folder_is_a_known_error(tmp_path: Path) -> None:
    """A database folder that does not exist gives a plain message, not a traceback."""
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    with pytest.raises(KnownError) as caught:
        InstanceLock(not_a_folder / "club.sqlite3").acquire()
    assert not isinstance(caught.value, AlreadyRunning)

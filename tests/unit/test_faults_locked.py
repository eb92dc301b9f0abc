"""Another program is writing to the club's file: the app waits for it, then, if it is
still busy, explains in plain words; nothing is half saved, and trying again works."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from clubapp.db.database import open_database
from clubapp.db.engine import BUSY_TIMEOUT_MS
from clubapp.db.errors import DatabaseUnavailable
from clubapp.services import members
from tests.unit.fault_helpers import another_program_writing

SHORT_WAIT_MS = 200


def names_in(path) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        found = sorted(r[0] for r in conn.execute("SELECT full_name FROM people"))
    conn.close()
    return found


def new_person(name: str) -> members.PersonInput:
    return members.PersonInput(full_name=name, kinds=("member",))


@pytest.fixture
def impatient(db, coordinator):
    """The same club opened with a short wait, so a test need not wait ten seconds."""
    db.close()
    database = open_database(db.path, busy_timeout_ms=SHORT_WAIT_MS)
    yield database
    database.close()


def test_the_app_waits_ten_seconds_for_another_program(db):
    """Every connection waits up to BUSY_TIMEOUT_MS (10 s) for a lock before giving up."""
    assert BUSY_TIMEOUT_MS == 10_000
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS


def test_a_save_waits_for_the_other_program_and_then_goes_through(db, coordinator):
    """The other program finishes while the app waits: the save goes through, no message,
    and the other program's own change is kept too."""
    with another_program_writing(db.path) as other:
        other.execute("UPDATE club SET name = 'Riverside Club and Friends'")
        finish = threading.Timer(0.3, lambda: other.execute("COMMIT"))
        finish.start()
        try:
            db.run(members.save_person, coordinator, new_person("Ann Able"))
        finally:
            finish.join()
    assert names_in(db.path) == ["Ann Able"]
    with sqlite3.connect(db.path) as conn:
        assert conn.execute("SELECT name FROM club").fetchone()[0] == "Riverside Club and Friends"
    conn.close()


def test_a_lock_held_too_long_is_explained_and_nothing_is_saved(impatient, coordinator):
    """Still locked after the wait: plain words (another program, close it, try again);
    nothing of the save is in the file."""
    with another_program_writing(impatient.path), pytest.raises(DatabaseUnavailable) as caught:
        impatient.run(members.save_person, coordinator, new_person("Ann Able"))
    text = str(caught.value)
    assert text.startswith("The club's information is being used by another program")
    assert "Close the other program" in text and "try again" in text
    assert "locked" not in text.lower() and "sqlite" not in text.lower()
    assert names_in(impatient.path) == []


def test_trying_again_once_the_other_program_is_done_works(impatient, coordinator):
    """Nothing is lost: the same save, tried again after the other program has finished,
    saves the person."""
    with another_program_writing(impatient.path), pytest.raises(DatabaseUnavailable):
        impatient.run(members.save_person, coordinator, new_person("Ann Able"))
    impatient.run(members.save_person, coordinator, new_person("Ann Able"))
    assert names_in(impatient.path) == ["Ann Able"]


def test_a_backup_is_not_held_up_by_another_program_writing(impatient, tmp_path):
    """A backup taken while another program holds the lock still copies what was saved
    (WAL readers do not wait for a writer), so it does not fail over the lock."""
    from clubapp.db.backup import backup_to, is_club_database

    with another_program_writing(impatient.path):
        made = backup_to(impatient.path, tmp_path / "copy.sqlite3")
    assert is_club_database(made)

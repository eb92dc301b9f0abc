"""The disk fills up while saving: the whole action is rolled back, the message says the
disk is full and what to do, and the same save works once there is room."""

from __future__ import annotations

import sqlite3

import pytest

from clubapp.db.errors import KnownError
from clubapp.services import members
from tests.unit.fault_helpers import (
    LONG_ADDRESS,
    LONG_DIET,
    LONG_MOBILITY,
    LONG_TIPS,
    SmallDisk,
)


def person_with_long_notes() -> members.PersonInput:
    """A person whose record needs new pages in the file (twice a page of words)."""
    return members.PersonInput(
        full_name="Ann Able",
        kinds=("member", "carer"),
        communication_tips=LONG_TIPS.strip(),
        address=LONG_ADDRESS.strip(),
        mobility=LONG_MOBILITY.strip(),
        diet=LONG_DIET.strip(),
    )


def counts(path) -> dict[str, int]:
    """Rows in every table, so a half-saved action shows up anywhere."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        found = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    conn.close()
    return found


@pytest.fixture
def disk(db, coordinator):
    small = SmallDisk(db)
    yield small
    small.remove()


def test_a_full_disk_rolls_the_save_back_and_says_so(db, coordinator, disk):
    """Nothing of the person is saved (no row in any table); the words say the disk is full
    and what to do, with no technical words."""
    before = counts(db.path)
    disk.fill()
    with pytest.raises(KnownError) as caught:
        db.run(members.save_person, coordinator, person_with_long_notes())
    text = str(caught.value)
    assert text.startswith("The disk is full, so clubapp could not save that.")
    assert "Free some space" in text and "try again" in text
    assert "sqlite" not in text.lower() and "page" not in text.lower()
    assert counts(db.path) == before
    with sqlite3.connect(db.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_saving_again_works_once_there_is_room(db, coordinator, disk):
    """The same save, once space is freed, saves the person whole."""
    disk.fill()
    with pytest.raises(KnownError):
        db.run(members.save_person, coordinator, person_with_long_notes())
    disk.make_room()
    person_id = db.run(members.save_person, coordinator, person_with_long_notes())
    saved = db.run(members.get_person, coordinator, person_id)
    assert saved.full_name == "Ann Able"
    assert saved.communication_tips == LONG_TIPS.strip()
    assert saved.address == LONG_ADDRESS.strip()
    assert saved.mobility == LONG_MOBILITY.strip() and saved.diet == LONG_DIET.strip()
    assert set(saved.kinds) == {"member", "carer"}


def test_a_change_to_a_person_is_rolled_back_whole(db, coordinator, disk):
    """Changing a saved person on a full disk leaves every field as it was before."""
    person_id = db.run(
        members.save_person,
        coordinator,
        members.PersonInput(full_name="Bill Brown", kinds=("member",), diet="No nuts"),
    )
    before = db.run(members.get_person, coordinator, person_id)
    disk.fill()
    changed = members.PersonInput(
        full_name="Bill Browne",
        kinds=("member", "volunteer"),
        diet="No nuts, no shellfish",
        communication_tips=LONG_TIPS.strip(),
        address=LONG_ADDRESS.strip(),
        mobility=LONG_MOBILITY.strip(),
    )
    with pytest.raises(KnownError):
        db.run(members.save_person, coordinator, changed, person_id)
    disk.make_room()
    assert db.run(members.get_person, coordinator, person_id) == before

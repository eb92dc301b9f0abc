"""Helpers for tests that build a club for a printout and then drive the command line on
it, around the real today (the command line has no "today" option) or the tests' TODAY."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from clubapp.db.database import Database, open_database
from clubapp.services import users
from clubapp.services.permissions import Actor
from tests.conftest import COORDINATOR_PASSWORD, TODAY
from tests.unit.test_printing_members import page_texts

T = TypeVar("T")


def on(today: date, year: int, month: int, day: int) -> date:
    """The day as far from ``today`` as the date given is from TODAY, so the same club
    can be built around the real today (for the command line) or the tests' TODAY."""
    return today + (date(year, month, day) - TODAY)


def club_file(db_path: Path, build: Callable[[Database, Actor, date], T] | None = None) -> T | None:
    """A club set up in the file, built around the real today by ``build``; closed so the
    command has the database."""
    database = open_database(db_path)
    try:
        actor = database.run(
            users.set_up_club, "Riverside Club", "Sam Taylor", COORDINATOR_PASSWORD
        )
        return None if build is None else build(database, actor, date.today())
    finally:
        database.close()


def text_of(path: Path) -> str:
    """A PDF's words, as one line."""
    return " ".join(" ".join(page_texts(path.read_bytes())).split())

"""Faults the computer causes while saving become kind, known errors, with nothing saved."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from clubapp.db.errors import KnownError
from clubapp.services import members


def test_a_read_only_database_gives_a_known_error_and_saves_nothing(db, coordinator):
    """Saving into a database that cannot be written says so in plain words; no traceback."""

    def save_while_read_only(session, actor):
        # This connection now refuses every write, as a read-only file or folder would.
        session.execute(text("PRAGMA query_only = ON"))
        return members.save_person(
            session, actor, members.PersonInput(full_name="Ann Able", kinds=("member",))
        )

    with pytest.raises(KnownError) as caught:
        db.run(save_while_read_only, coordinator)
    assert "could not save that" in str(caught.value)
    with sqlite3.connect(db.path) as conn:
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 0


def test_a_broken_rule_is_still_a_bug_not_a_known_error(db, coordinator):
    """An integrity error means the code let bad data through: it must not be dressed up."""
    from sqlalchemy.exc import IntegrityError

    def break_a_rule(session, actor):
        session.execute(text("INSERT INTO person_kinds (person_id, kind) VALUES (999, 'member')"))

    with pytest.raises(IntegrityError):
        db.run(break_a_rule, coordinator)

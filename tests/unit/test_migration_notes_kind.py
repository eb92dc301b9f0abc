"""The upgrade that adds picture conversations rebuilds the notes table for the new kind
"not sure" and adds which conversation wrote a note: notes, their indexes and the agenda
items they are on all survive it, and going back down keeps the not-sure notes' words."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command

from clubapp.db.migrate import alembic_config

BEFORE = "0007_audit_drafts"
AFTER = "0008_conversations"


def _old_club(path: Path) -> None:
    command.upgrade(alembic_config(path), BEFORE)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("INSERT INTO club (id, name, created_at) VALUES (1, 'Riverside', '2026-01-01')")
        db.execute(
            "INSERT INTO people (id, full_name, known_as, phone, email, address, status, "
            "mobility, hearing, sight, diet, communication_tips, created_at, updated_at) "
            "VALUES (1, 'Ann Smith', 'Ann', '', '', '', 'active', '', '', '', '', '', "
            "'2026-01-01', '2026-01-01')"
        )
        for note_id, kind in ((1, "likes"), (2, "worry")):
            db.execute(
                "INSERT INTO notes (id, person_id, on_date, kind, text, summary, visibility, "
                "health_related, flagged, created_at, updated_at) VALUES (?, 1, '2026-02-01', "
                "?, 'the words', 'a summary', 'committee_anonymous', 0, 1, '2026-02-01', "
                "'2026-02-01')",
                (note_id, kind),
            )
        db.execute(
            "INSERT INTO meetings (id, kind, on_date, place, created_at) "
            "VALUES (1, 'committee', '2026-03-01', 'The hall', '2026-02-01')"
        )
        db.execute(
            "INSERT INTO agenda_items (id, meeting_id, position, source, title, details, "
            "discussion) VALUES (1, 1, 0, 'notes', 'From the inbox', '', '')"
        )
        db.execute("INSERT INTO agenda_item_notes (item_id, note_id) VALUES (1, 2)")


def _rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def test_notes_and_their_agenda_links_survive_the_upgrade_and_not_sure_is_allowed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "club.sqlite3"
    _old_club(path)
    indexes_before = _rows(path, "SELECT name FROM sqlite_master WHERE tbl_name = 'notes'")

    command.upgrade(alembic_config(path), AFTER)

    assert _rows(path, "SELECT id, kind, text FROM notes ORDER BY id") == [
        (1, "likes", "the words"),
        (2, "worry", "the words"),
    ]
    assert _rows(path, "SELECT item_id, note_id FROM agenda_item_notes") == [(1, 2)]
    assert sorted(_rows(path, "SELECT name FROM sqlite_master WHERE tbl_name = 'notes'")) == sorted(
        [*indexes_before, ("ix_notes_conversation_id",)]
    )
    assert [row[1] for row in _rows(path, "PRAGMA table_info(notes)")][-1] == "conversation_id"
    assert _rows(path, "PRAGMA foreign_key_check") == []
    with sqlite3.connect(path) as db:
        db.execute("UPDATE notes SET kind = 'not_sure' WHERE id = 1")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("UPDATE notes SET kind = 'maybe' WHERE id = 1")


def test_going_back_down_keeps_not_sure_notes_as_ideas_with_their_words(tmp_path: Path) -> None:
    path = tmp_path / "club.sqlite3"
    _old_club(path)
    command.upgrade(alembic_config(path), AFTER)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE notes SET kind = 'not_sure' WHERE id = 1")

    command.downgrade(alembic_config(path), BEFORE)

    assert _rows(path, "SELECT id, kind, text FROM notes ORDER BY id") == [
        (1, "idea", "Not sure about: the words"),
        (2, "worry", "the words"),
    ]
    assert _rows(path, "SELECT item_id, note_id FROM agenda_item_notes") == [(1, 2)]
    assert "conversation_id" not in {row[1] for row in _rows(path, "PRAGMA table_info(notes)")}
    assert "conversations" not in {
        name for (name,) in _rows(path, "SELECT name FROM sqlite_master WHERE type = 'table'")
    }


def test_a_club_from_before_gets_the_starter_topics_and_an_empty_file_does_not(
    tmp_path: Path,
) -> None:
    from clubapp.services.conversation_starters import STARTER_TOPICS

    old = tmp_path / "club.sqlite3"
    _old_club(old)
    command.upgrade(alembic_config(old), AFTER)
    topics = _rows(old, "SELECT name FROM conversation_topics ORDER BY position")
    assert [name for (name,) in topics] == [t.name for t in STARTER_TOPICS]
    cards = _rows(old, "SELECT count(*) FROM conversation_cards")
    assert cards == [(sum(len(t.cards) for t in STARTER_TOPICS),)]
    # The app reads what the upgrade wrote.
    from clubapp.db.database import open_database
    from clubapp.services import conversation_topics
    from clubapp.services.permissions import COMMAND_LINE

    db = open_database(old)
    try:
        rows = db.run(conversation_topics.list_topics, COMMAND_LINE)
    finally:
        db.close()
    assert [r.card_count for r in rows] == [len(t.cards) for t in STARTER_TOPICS]

    empty = tmp_path / "empty.sqlite3"
    command.upgrade(alembic_config(empty), AFTER)
    assert _rows(empty, "SELECT count(*) FROM conversation_topics") == [(0,)]

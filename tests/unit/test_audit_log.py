"""The audit log: who did what to people, notes, money, votes and users, kept as changes
are saved; append-only; no note text or names in it; read by the coordinator only."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from clubapp.models.audit import AuditEntry
from clubapp.models.members import Person
from clubapp.services import attendance, audit, notes, votes
from clubapp.services.audit import AuditFilter
from clubapp.services.errors import NotAllowed, ValidationError
from clubapp.services.notes import NoteInput
from clubapp.services.votes import BallotInput, OptionInput
from tests.conftest import TODAY, add_person

SECRET = "Worried about her son's drinking"


def entries(db) -> list[AuditEntry]:
    with db.sessions.begin() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_adding_a_person_is_logged_with_who_and_which_record(db, coordinator):
    """One entry for the person, by the coordinator, naming the service and the number."""
    before = len(entries(db))
    person = add_person(db, coordinator, "Ann Smith")
    new = entries(db)[before:]
    people_rows = [e for e in new if e.record_table == "people" and e.what == "added"]
    assert len(people_rows) == 1
    entry = people_rows[0]
    assert (entry.area, entry.record_id) == ("people", person)
    assert (entry.user_id, entry.role) == (coordinator.user_id, "coordinator")
    assert entry.action == "members.save_person"


def test_changing_a_note_names_the_fields_never_the_text(db, coordinator):
    person = add_person(db, coordinator, "Ann Smith")
    data = NoteInput(person, TODAY, "worry", SECRET)
    note = db.run(notes.add_note, coordinator, data, TODAY)
    changed = replace(data, text=SECRET + " and about the stairs at home")
    db.run(notes.update_note, coordinator, note, changed, TODAY)
    logged = [e for e in entries(db) if e.record_table == "notes" and e.record_id == note]
    assert [e.what for e in logged] == ["added", "changed"]
    assert "text" in logged[1].fields.split(", ")
    with sqlite3.connect(db.path) as conn:
        dump = "\n".join(str(row) for row in conn.execute("SELECT * FROM audit_log"))
    assert "drinking" not in dump and "Ann Smith" not in dump


def test_the_log_refuses_to_be_changed_or_emptied(db, coordinator):
    """Triggers refuse UPDATE and DELETE, through the app and through any other program."""
    add_person(db, coordinator, "Ann Smith")
    with (
        pytest.raises((IntegrityError, OperationalError), match="only grows"),
        db.sessions.begin() as s,
    ):
        s.execute(update(AuditEntry).values(role="volunteer"))
    with (
        pytest.raises((IntegrityError, OperationalError), match="only grows"),
        db.sessions.begin() as s,
    ):
        s.execute(delete(AuditEntry))
    conn = sqlite3.connect(db.path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="only grows"):
            conn.execute("DELETE FROM audit_log")
    finally:
        conn.close()
    assert len(entries(db)) > 0


def test_a_save_that_fails_leaves_no_entry(db, coordinator):
    before = len(entries(db))
    with pytest.raises(ValidationError):
        add_person(db, coordinator, "   ")
    assert len(entries(db)) == before


def test_a_secret_vote_is_logged_against_the_ballot_not_the_voter(db, coordinator):
    """The log says a vote was recorded in the ballot; it names nobody and no choice."""
    session_id = db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY)
    people = [add_person(db, coordinator, n) for n in ("Al Bee", "Kit Dunn")]
    for pid in people:
        db.run(attendance.set_present, coordinator, session_id, pid, True)
    ballot = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput(
            "activity",
            "What next?",
            (OptionInput("Singing", picture="singing"), OptionInput("Quiz", picture="quiz")),
            session_id=session_id,
        ),
    )
    option = db.run(votes.get_ballot, coordinator, ballot).options[1].option_id
    before = len(entries(db))
    db.run(votes.cast_vote, coordinator, ballot, people[0], [(option, "chosen")])
    new = entries(db)[before:]
    assert new, "casting a vote is logged"
    assert {(e.area, e.record_table, e.record_id) for e in new} == {("votes", "ballots", ballot)}
    assert all(str(option) not in e.fields and "count" not in e.fields for e in new)


def test_bulk_changes_are_logged_too(db, coordinator):
    add_person(db, coordinator, "Ann Smith")
    before = len(entries(db))
    with db.transaction() as s:
        s.info["actor"] = coordinator
        s.info["action"] = "test.bulk"
        s.execute(text("SELECT 1"))  # not an ORM change: not logged
        s.execute(update(Person).values(full_name=Person.full_name))
    new = entries(db)[before:]
    assert [(e.area, e.what, e.record_table, e.record_id, e.action) for e in new] == [
        ("people", "changed", "people", None, "test.bulk")
    ]
    assert new[0].user_id == coordinator.user_id


def test_the_coordinator_reads_and_filters_the_log(db, actors):
    coordinator = actors["coordinator"]
    ann = add_person(db, coordinator, "Ann Smith")
    db.run(notes.add_note, actors["volunteer"], NoteInput(ann, TODAY, "worry", SECRET), TODAY)
    rows = db.run(audit.audit_entries, coordinator)
    assert rows[0].entry_id > rows[-1].entry_id  # newest first
    by_volunteer = db.run(
        audit.audit_entries, coordinator, AuditFilter(user_id=actors["volunteer"].user_id)
    )
    assert by_volunteer and {r.who for r in by_volunteer} == {"Dev Patel"}
    assert {r.area for r in by_volunteer} == {"notes"}
    about_ann = db.run(
        audit.audit_entries, coordinator, AuditFilter(record_table="people", record_id=ann)
    )
    assert about_ann[0].record_words == f"Ann Smith (person {ann})"
    note_rows = db.run(audit.audit_entries, coordinator, AuditFilter(area="notes"))
    assert note_rows and all(
        r.record_words == f"a note about Ann Smith (note {r.record_id})" for r in note_rows
    )
    assert (actors["volunteer"].user_id, "Dev Patel") in db.run(audit.audit_users, coordinator)
    with pytest.raises(ValidationError) as caught:
        db.run(
            audit.audit_entries,
            coordinator,
            AuditFilter(from_day=TODAY, to_day=TODAY.replace(day=1)),
        )
    assert "last day" in caught.value.errors["to_day"]


@pytest.mark.parametrize("role", ["treasurer", "committee", "volunteer"])
def test_only_the_coordinator_reads_the_log(db, actors, role):
    with pytest.raises(NotAllowed):
        db.run(audit.audit_entries, actors[role])


def test_an_export_is_noted_by_hand(db, coordinator):
    ann = add_person(db, coordinator, "Ann Smith")
    db.run(audit.note_action, coordinator, "privacy", "exported", "people", ann, "test.export")
    last = entries(db)[-1]
    assert (last.area, last.what, last.record_id, last.user_id) == (
        "privacy",
        "exported",
        ann,
        coordinator.user_id,
    )
    with pytest.raises(ValueError):
        db.run(audit.note_action, coordinator, "gossip", "exported", "people", ann, "x")


def test_a_removed_person_shows_as_a_former_member(db, coordinator):
    ann = add_person(db, coordinator, "Ann Smith")
    with db.transaction() as s:
        s.execute(delete(Person).where(Person.id == ann))
    rows = db.run(
        audit.audit_entries, coordinator, AuditFilter(record_table="people", record_id=ann)
    )
    assert rows and all(r.record_words == f"a former member (person {ann})" for r in rows)

"""Erasure: a canary name put everywhere a name can be is gone from the database file,
its write-ahead log, exports, other people's access requests and new backups; money,
decisions and counts are unchanged; the app says when older backups will be gone."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from clubapp.db.backup import automatic_backup, backup_file_name, list_backups
from clubapp.models import all_metadata
from clubapp.models.audit import AuditEntry
from clubapp.models.members import Person
from clubapp.models.users import User
from clubapp.services import erasure, members, members_transfer, subject_access
from clubapp.services.dates import long_date
from clubapp.services.erasure import PERSON_COLUMNS, backups_gone_by, erase_person
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.name_mentions import ERASED_NAME
from tests.unit.privacy_helpers import (
    FULL_NAME,
    KNOWN_AS,
    build_canary_person,
    canary_hits,
    file_bytes,
    money_and_decisions,
)


def person_columns() -> set[tuple[str, str]]:
    return {
        (table.name, column.name)
        for table in all_metadata().sorted_tables
        for column in table.columns
        for fk in column.foreign_keys
        if fk.column.table.name == "people"
    } | {("people", "id")}


def test_every_column_holding_a_person_has_an_erasure_rule():
    """A new table linked to people fails here until erasure says what to do with it."""
    assert set(PERSON_COLUMNS) == person_columns()
    for action, why in PERSON_COLUMNS.values():
        assert action in (erasure.DELETE, erasure.KEEP, erasure.UNLINK)
        assert why


@pytest.fixture
def built(db, coordinator):
    return build_canary_person(db)


def read(db, sql: str, *args):
    with sqlite3.connect(f"file:{db.path}?mode=ro", uri=True) as conn:
        return conn.execute(sql, args).fetchall()


def test_the_canary_is_nowhere_after_erasure(db, coordinator, built, tmp_path):
    """After erasing, the canary bytes (UTF-8 and UTF-16) are in none of: the database
    file, its -wal and -shm, a members export, anyone's subject access file, a new
    backup, the audit log. Money, decisions and counts are as they were."""
    assert read(db, "PRAGMA journal_mode") == [("wal",)]
    assert canary_hits(file_bytes(db.path)), "the canary should be there before erasing"
    old_backup = automatic_backup(db.path, db.backups_dir, "manual")
    assert canary_hits(old_backup.read_bytes())
    before = money_and_decisions(db.path)

    result = db.run(erase_person, coordinator, built.person_id)

    assert canary_hits(file_bytes(db.path)) == []
    wal = Path(f"{db.path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    export = db.run(members_transfer.export_members, coordinator)
    assert canary_hits(export) == []
    everyone = [pid for (pid,) in read(db, "SELECT id FROM people")]
    assert built.person_id in everyone and len(everyone) >= 3
    for pid in everyone:
        access = db.run(subject_access.everything_about, coordinator, pid)
        assert canary_hits(subject_access.to_json(access)) == [], pid
    new_backup = automatic_backup(db.path, db.backups_dir, "manual")
    assert canary_hits(new_backup.read_bytes()) == []
    audit_text = repr(read(db, "SELECT * FROM audit_log")).encode("utf-8")
    assert canary_hits(audit_text) == []

    assert money_and_decisions(db.path) == before
    assert result.old_backups == 1
    assert result.words


def test_the_audit_log_gains_an_erased_entry(db, coordinator, built):
    db.run(erase_person, coordinator, built.person_id)
    with db.transaction() as s:
        erased = s.scalars(select(AuditEntry).where(AuditEntry.what == "erased")).all()
    assert [(e.area, e.record_table, e.record_id, e.user_id) for e in erased] == [
        ("privacy", "people", built.person_id, coordinator.user_id)
    ]


def test_kept_records_stay_under_a_former_member(db, coordinator, built):
    """Their row stays, renamed and blank; the minutes, money and decisions keep their
    amounts and now say "a former member"; notes they took stay with the member."""
    db.run(erase_person, coordinator, built.person_id)
    row = read(
        db,
        "SELECT full_name, known_as, phone, email, address, mobility, communication_tips,"
        " joined_on, status FROM people WHERE id = ?",
        built.person_id,
    )[0]
    assert row == (ERASED_NAME, "", "", "", "", "", "", None, "left")
    assert read(
        db, "SELECT payee, description FROM money_entries WHERE id = ?", built.payment_id
    ) == [("A former member", "Expenses for a former member")]
    assert read(db, "SELECT motion FROM decisions") == [
        ("To thank a former member for the garden plan",)
    ]
    assert read(db, "SELECT title FROM agenda_items") == [("A former member's idea for a garden",)]
    assert read(db, "SELECT count(*) FROM notes WHERE person_id = ?", built.person_id) == [(0,)]
    # Their picture conversations go with the cards they sorted and their own words; one
    # they helped someone else with stays, without them.
    assert read(db, "SELECT count(*) FROM conversations WHERE person_id = ?", built.person_id) == [
        (0,)
    ]
    assert read(db, "SELECT count(*) FROM conversation_answers") == [(0,)]
    assert read(
        db, "SELECT helped_by_id FROM conversations WHERE person_id = ?", built.other_id
    ) == [(None,)]
    assert read(
        db, "SELECT taken_by_id, text FROM notes WHERE person_id = ? ORDER BY id", built.other_id
    ) == [(None, "Dot enjoys music"), (None, "Had lunch with a former member again.")]
    assert read(
        db, "SELECT minutes, note FROM hours_given WHERE person_id = ?", built.person_id
    ) == [(90, "")]
    assert read(
        db, "SELECT words, photo FROM ballot_options WHERE person_id = ?", built.person_id
    ) == [("A former member", None)]
    # The other person keeps their own details; only the mention changed.
    other = db.run(members.get_person, coordinator, built.other_id)
    assert other.full_name == "Dorothy Evans"
    assert other.communication_tips == "Sits with a former member at lunch"


def test_the_words_say_what_was_done(db, coordinator, built):
    result = db.run(erase_person, coordinator, built.person_id)
    assert result.words.startswith(f"{FULL_NAME}'s details are erased.")
    assert "1 one-to-one note" in result.words  # the note about them
    assert "1 session they came to" in result.words
    assert "Amounts of money and decisions are unchanged." in result.words
    removed = dict(result.removed)
    assert removed["notes"] == 1 and removed["consent_records"] == 1
    assert removed["drafts"] == 2  # the draft about them and the one naming them


def test_an_account_still_in_use_must_be_switched_off_first(db, coordinator, built):
    """They can still sign in: nothing is erased, and the words say what to do."""
    with db.transaction() as s:
        s.execute(
            User.__table__.update().where(User.person_id == built.person_id).values(active=True)
        )
    with pytest.raises(ValidationError) as caught:
        db.run(erase_person, coordinator, built.person_id)
    assert "Stop that sign-in first" in str(caught.value)
    assert read(db, "SELECT full_name FROM people WHERE id = ?", built.person_id) == [(FULL_NAME,)]


@pytest.mark.parametrize("role", ["treasurer", "committee", "volunteer"])
def test_only_the_coordinator_may_erase(db, actors, built, role):
    with pytest.raises(NotAllowed):
        db.run(erase_person, actors[role], built.person_id)
    assert read(db, "SELECT full_name FROM people WHERE id = ?", built.person_id) == [(FULL_NAME,)]


def test_a_shared_first_name_is_left_alone_and_said(db, coordinator, person_factory):
    """Erasing Peggy Holloway while Peggy Smith is in the club: "Peggy" on its own is
    not replaced (it may be the other Peggy); the full name is; the words say so."""
    from clubapp.models.committee import Meeting, MinutesCorrection

    erased = person_factory("Margaret Holloway", known_as="Peggy")
    person_factory("Peggy Smith")
    with db.transaction() as s:
        meeting = Meeting(on_date=datetime(2026, 10, 1).date())
        s.add(meeting)
        s.flush()
        s.add(
            MinutesCorrection(
                meeting_id=meeting.id,
                agreed_on=meeting.on_date,
                text="Peggy Holloway and Peggy both came.",
            )
        )
    result = db.run(erase_person, coordinator, erased)
    assert read(db, "SELECT text FROM minutes_corrections") == [
        ("A former member and Peggy both came.",)
    ]
    assert "“Peggy” on its own was not searched for" in result.words


def test_erasing_twice_is_refused_and_changes_nothing_more(db, coordinator, built):
    """A second erasure says, in plain words, that it was already done; nothing changes
    and the audit log gains no second entry."""
    db.run(erase_person, coordinator, built.person_id)
    tables = ("money_entries", "decisions", "people", "audit_log")
    before = [read(db, f"SELECT * FROM {t}") for t in tables]  # noqa: S608
    with pytest.raises(ValidationError) as caught:
        db.run(erase_person, coordinator, built.person_id)
    assert "already erased" in " ".join(caught.value.errors.values())
    assert [read(db, f"SELECT * FROM {t}") for t in tables] == before  # noqa: S608


def test_the_person_detail_and_list_say_who_was_erased(db, coordinator, built):
    """get_person gives the day of erasure (None before); list_people marks the row."""
    assert db.run(members.get_person, coordinator, built.person_id).erased_on is None
    db.run(erase_person, coordinator, built.person_id)
    detail = db.run(members.get_person, coordinator, built.person_id)
    assert detail.erased_on == datetime.now().date()
    rows = {r.person_id: r for r in db.run(members.list_people, coordinator)}
    assert rows[built.person_id].erased and rows[built.person_id].status == "left"
    assert not any(r.erased for pid, r in rows.items() if pid != built.person_id)


def test_erasing_nobody_names_the_number(db, coordinator):
    with pytest.raises(NotFound) as caught:
        db.run(erase_person, coordinator, 999)
    assert "no person with the number 999" in str(caught.value)


@pytest.mark.parametrize(
    ("renamed", "words"),
    [
        ({"ballot_options": 1}, "in 1 place: 1 name on a ballot paper"),
        ({"decisions": 1}, "in 1 place: 1 decision"),
        ({"money_entries": 2}, "in 2 places: 2 money records"),
        (
            {"money_entries": 2, "meetings": 1, "activities": 3},
            "in 6 places: 2 money records, 1 meeting record and 3 activities",
        ),
    ],
)
def test_the_renamed_words_count_places(renamed, words):
    """The sentence reads rightly for one and many: never "in 1 time as a candidate"."""
    summary = erasure._summary("Ann Bell", {}, {}, renamed, {})
    assert f"Their name was replaced by “a former member” {words}." in summary


def test_the_renamed_words_after_a_real_erasure(db, coordinator, built):
    """The canary's name was typed in several places; the words add them up."""
    result = db.run(erase_person, coordinator, built.person_id)
    total = sum(n for _t, n in result.renamed)
    assert total > 1
    assert f"“a former member” in {total} places: " in result.words
    assert " time as a candidate" not in result.words


# --------------------------------------------------------------------------- backups

NOW = datetime(2026, 11, 18, 10, 0)


def backups(*items: tuple[str, datetime]) -> list[tuple[Path, datetime]]:
    return [(Path(backup_file_name(reason, at)), at) for reason, at in items]


def test_a_backup_from_yesterday_goes_a_week_after_tomorrow():
    """One daily backup from yesterday. From tomorrow one is made a day; it stays only as
    the newest of its own day (a newer one in its week and month comes tomorrow), until
    seven newer days have backups: tomorrow and the six days after."""
    held = backups(("daily", NOW - timedelta(days=1)))
    tomorrow = NOW.date() + timedelta(days=1)
    assert backups_gone_by(held, NOW) == tomorrow + timedelta(days=6)


def test_the_newest_of_last_month_goes_when_twelve_newer_months_have_backups():
    """The newest backup of October 2026 is kept as October's monthly backup until
    twelve newer months have backups: November 2026 to October 2027, so it goes on
    1 October 2027, the first backup of that month."""
    held = backups(("daily", datetime(2026, 10, 15, 9, 0)))
    assert backups_gone_by(held, NOW) == datetime(2027, 10, 1).date()


def test_a_safety_copy_goes_after_ninety_days():
    """A pre-migration copy from 10 days ago is kept for 90 days from when it was made."""
    taken = NOW - timedelta(days=10)
    held = backups(("pre-migration", taken))
    assert backups_gone_by(held, NOW) == (taken + timedelta(days=90)).date()


def test_no_old_backups_no_date():
    assert backups_gone_by([], NOW) is None
    assert backups_gone_by(backups(("daily", NOW + timedelta(hours=1))), NOW) is None


def test_erasure_tells_when_the_old_backups_will_be_gone(db, coordinator, built):
    """With backups in the club's folder, the words name the day the last will be gone
    and say that copies kept elsewhere are not deleted by the app."""
    now = datetime.now()
    for days in (40, 3, 1):
        automatic_backup(db.path, db.backups_dir, "daily", now=now - timedelta(days=days))
    held = len(list_backups(db.backups_dir))
    result = db.run(erase_person, coordinator, built.person_id)
    assert result.old_backups == held
    assert result.backups_gone_by is not None and result.backups_gone_by > now.date()
    assert long_date(result.backups_gone_by, weekday=False) in result.words
    assert "memory stick" in result.words
    assert f"{held} backups" in result.words


def test_a_draft_and_json_of_the_erased_person_hold_nothing(db, coordinator, built):
    """Their own access request after erasure holds no canary, and says who they are now."""
    db.run(erase_person, coordinator, built.person_id)
    access = db.run(subject_access.everything_about, coordinator, built.person_id)
    document = json.loads(subject_access.to_json(access))
    assert document["about"]["full_name"] == ERASED_NAME
    with db.transaction() as s:
        assert s.get(Person, built.person_id).known_as == ""
    assert KNOWN_AS not in json.dumps(document)

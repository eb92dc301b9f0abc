"""Members import and export against the database (clubapp.services.members_transfer)."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import date

import pytest

from clubapp.services import members, members_transfer
from clubapp.services.members import EmergencyContactData
from clubapp.services.members_csv import CsvFileError


def csv_bytes(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def count_people(db) -> int:
    with sqlite3.connect(db.path) as conn:
        return conn.execute("SELECT count(*) FROM people").fetchone()[0]


def names(db, actor) -> list[str]:
    return sorted(r.full_name for r in db.run(members.list_people, actor))


def test_a_bad_row_stops_the_whole_import(db, coordinator, person_factory):
    """Good row + bad email + duplicate: the problem names line and column, the duplicate is found, nobody is added."""
    existing = person_factory("Ann Lee", phone="07700 900123")
    data = csv_bytes(
        "Full name,Phone,Email",
        "Bob Young,07700 900111,bob@example.org",
        "Cy Zane,07700 900222,cy-at-example.org",
        "ann  lee,+44 7700 900123,",
    )
    before = count_people(db)
    plan = db.run(members_transfer.plan_import, coordinator, data)
    assert not plan.ok
    assert [(p.line, p.column) for p in plan.problems] == [(3, "Email")]
    assert [(d.line, d.existing_person_id, d.existing_name) for d in plan.duplicates] == [
        (4, existing, "Ann Lee")
    ]
    assert "1 row has problems" in plan.summary()

    applied = db.run(members_transfer.apply_import, coordinator, data)
    assert applied.problems == plan.problems
    assert count_people(db) == before
    assert names(db, coordinator) == ["Ann Lee"]


def test_a_good_file_adds_everyone_in_one_go(db, coordinator):
    """A file with no problems adds every row, with its details, and reports what it did."""
    data = csv_bytes(
        "Name,Known as,Kinds,Phone,Email,Joined,Emergency contact,Emergency phone,Status",
        "Margaret Hughes,Peggy,Member living with dementia; Resident,07700 900123,peggy@example.org,03/04/2025,Tom Hughes,07700 900456,Active",
        "Bob Young,,Carer,07700 900111,,,,,",
        "Zoë O'Brien,,volunteer,,zoe@example.org,2025-01-31,,,Paused",
    )
    plan = db.run(members_transfer.apply_import, coordinator, data)
    assert plan.ok and plan.duplicates == ()
    assert len(plan.new) == 3
    assert plan.summary().startswith("3 new people to add")
    assert names(db, coordinator) == ["Bob Young", "Margaret Hughes", "Zoë O'Brien"]

    rows = {r.full_name: r for r in db.run(members.list_people, coordinator)}
    peggy = db.run(members.get_person, coordinator, rows["Margaret Hughes"].person_id)
    assert (peggy.known_as, peggy.kinds, peggy.phone, peggy.email, peggy.joined_on) == (
        "Peggy",
        ("member", "resident"),
        "07700 900123",
        "peggy@example.org",
        date(2025, 4, 3),  # day first
    )
    assert peggy.emergency_contacts == (EmergencyContactData("Tom Hughes", "", "07700 900456", ""),)
    assert rows["Bob Young"].kinds == ("carer",)
    assert rows["Zoë O'Brien"].status == "paused"


def test_dry_run_plan_changes_nothing(db, coordinator):
    """plan_import on a good file lists the new people but adds nobody."""
    plan = db.run(
        members_transfer.plan_import, coordinator, csv_bytes("Full name", "Ann Lee", "Bob Young")
    )
    assert plan.ok and [r.full_name for r in plan.new] == ["Ann Lee", "Bob Young"]
    assert count_people(db) == 0


def test_duplicates_are_skipped_and_the_rest_added(db, coordinator, person_factory):
    """A file whose only issue is a duplicate adds the new people and not the duplicate."""
    person_factory("Ann Lee", email="Ann@Example.org")
    data = csv_bytes("Full name,Email", "ANN LEE,ann@example.org", "Bob Young,bob@example.org")
    plan = db.run(members_transfer.apply_import, coordinator, data)
    assert plan.ok
    assert [d.line for d in plan.duplicates] == [2]
    assert names(db, coordinator) == ["Ann Lee", "Bob Young"]


def test_same_name_different_phone_is_not_a_duplicate(db, coordinator, person_factory):
    """Two different people may share a name: without the same phone or email both are kept."""
    person_factory("Ann Lee", phone="07700 900123")
    plan = db.run(
        members_transfer.apply_import,
        coordinator,
        csv_bytes("Full name,Phone", "Ann Lee,07700 900999"),
    )
    assert plan.duplicates == () and len(plan.new) == 1
    assert names(db, coordinator) == ["Ann Lee", "Ann Lee"]


def test_service_rules_apply_to_imported_rows(db, coordinator):
    """A row the member form would refuse (10,000-character address) is refused by line and column."""
    data = csv_bytes("Full name,Address", "Ann Lee,ok", f"Bob Young,{'x' * 10_000}")
    plan = db.run(members_transfer.apply_import, coordinator, data)
    assert not plan.ok
    assert {(p.line, p.column) for p in plan.problems} == {(3, "Address")}
    assert count_people(db) == 0


def test_a_file_that_is_not_a_members_csv_is_refused(db, coordinator):
    """A file with no Full name column cannot be read at all."""
    with pytest.raises(CsvFileError):
        db.run(members_transfer.plan_import, coordinator, csv_bytes("Colour,Size", "red,big"))


def test_export_then_import_reports_every_row_as_a_duplicate(db, coordinator, person_factory):
    """Importing the club's own export adds nobody: every row matches the person it came from."""
    ids = [
        person_factory("Ann Lee", phone="+44 7700 900123"),
        person_factory("Zoë O'Brien", email="zoe@example.org", known_as="Zo"),
        person_factory(
            "李小龍",
            phone="0113 496 0000",
            emergency_contacts=(EmergencyContactData("Linda Lee", "Wife", "07700 900456"),),
            joined_on=date(2025, 4, 3),
        ),
    ]
    exported = db.run(members_transfer.export_members, coordinator)
    before = count_people(db)
    plan = db.run(members_transfer.apply_import, coordinator, exported)
    assert plan.ok and plan.new == ()
    assert sorted(d.existing_person_id for d in plan.duplicates) == sorted(ids)
    assert count_people(db) == before


def test_export_writes_every_person_with_their_details(db, coordinator, person_factory):
    """The export has one row per person with the columns the issue lists."""
    person_factory(
        "Ann Lee", kinds=("member", "carer"), phone="07700 900123", joined_on=date(2025, 4, 3)
    )
    person_factory("Bob Young", email="bob@example.org")
    text = db.run(members_transfer.export_members, coordinator).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["Full name"] for r in rows] == ["Ann Lee", "Bob Young"]
    assert rows[0]["Phone"] == "07700 900123"
    assert rows[0]["Kinds"] == "Member living with dementia; Carer"
    assert rows[0]["Joined"] in ("03/04/2025", "3/4/2025", "2025-04-03")
    assert rows[1]["Email"] == "bob@example.org"


@pytest.mark.parametrize("formula", ["=SUM(A1)", "+1+1", "-2+3", "@cmd"])
def test_export_neutralises_formulas(db, coordinator, person_factory, formula):
    """A name a spreadsheet would run as a formula is written so it is shown as text."""
    person_factory(formula)
    text = db.run(members_transfer.export_members, coordinator).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["Full name"] == "'" + formula
    assert not row["Full name"].startswith(("=", "+", "-", "@"))


def test_rows_with_problems_are_not_counted_as_new(db, coordinator):
    """The summary counts only rows that could be added, not rows that have problems."""
    from clubapp.services import members_transfer

    data = b"Full name,Email\nAnn Able,ann@example.org\nBob Bad,not-an-email\n"
    plan = db.run(members_transfer.plan_import, coordinator, data)
    assert [row.full_name for row in plan.new] == ["Ann Able"]
    assert [p.line for p in plan.problems] == [3]

"""Club sessions and attendance (clubapp.services.attendance): series, register, counts."""

from __future__ import annotations

import calendar
import sqlite3
from datetime import date, time, timedelta

import pytest

from clubapp.services import attendance, members
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.members import PersonInput
from tests.conftest import TODAY

WEDNESDAY, FRIDAY = 2, 4


def all_sessions(db, actor) -> list[attendance.SessionRow]:
    return db.run(attendance.list_sessions, actor, date(1900, 1, 1), date(2999, 12, 31))


def attendance_rows(db) -> int:
    with sqlite3.connect(db.path) as conn:
        return conn.execute("SELECT count(*) FROM attendance").fetchone()[0]


def test_series_makes_exactly_the_wednesdays_and_fridays(db, coordinator):
    """A Wednesday-and-Friday series has one session on each of those days between the dates, inclusive."""
    start, end = date(2026, 1, 1), date(2026, 3, 31)
    # Independently: walk the calendar month by month and pick the days by name.
    expected = [
        date(2026, month, day)
        for month in (1, 2, 3)
        for day in range(1, calendar.monthrange(2026, month)[1] + 1)
        if calendar.day_name[date(2026, month, day).weekday()] in ("Wednesday", "Friday")
    ]
    series_id = db.run(
        attendance.add_series,
        coordinator,
        "Wednesday Club",
        {WEDNESDAY, FRIDAY},
        start,
        end,
        time(10, 30),
    )
    rows = all_sessions(db, coordinator)
    assert [r.on_date for r in rows] == expected
    assert len(expected) == 25  # 12 Wednesdays (7 Jan to 25 Mar) and 13 Fridays (2 Jan to 27 Mar)
    assert {(r.name, r.series_id, r.start_time, r.present) for r in rows} == {
        ("Wednesday Club", series_id, time(10, 30), 0)
    }


def test_series_includes_both_end_dates(db, coordinator):
    """A series starting and ending on a chosen weekday includes both of those days."""
    db.run(
        attendance.add_series, coordinator, "Club", {WEDNESDAY}, TODAY, TODAY + timedelta(days=14)
    )
    assert [r.on_date for r in all_sessions(db, coordinator)] == [
        TODAY,
        TODAY + timedelta(days=7),
        TODAY + timedelta(days=14),
    ]


def test_two_years_is_allowed_but_more_is_refused(db, coordinator):
    """Planning up to two years ahead works; a day more is refused and makes nothing."""
    start = date(2026, 1, 1)
    with pytest.raises(ValidationError) as caught:
        db.run(attendance.add_series, coordinator, "Club", {WEDNESDAY}, start, date(2028, 1, 3))
    assert "two years" in caught.value.errors["ends_on"]
    assert all_sessions(db, coordinator) == []
    db.run(attendance.add_series, coordinator, "Club", {WEDNESDAY}, start, date(2027, 12, 31))
    assert len(all_sessions(db, coordinator)) == 104  # 2026 and 2027 each have 52 Wednesdays


@pytest.mark.parametrize("weekdays", [set(), {7}, {-1}])
def test_series_needs_real_weekdays(db, coordinator, weekdays):
    """A series with no weekday ticked (or a day that is not a weekday) is refused."""
    with pytest.raises(ValidationError) as caught:
        db.run(
            attendance.add_series, coordinator, "Club", weekdays, TODAY, TODAY + timedelta(days=30)
        )
    assert "weekdays" in caught.value.errors
    assert all_sessions(db, coordinator) == []


def test_series_dates_in_the_wrong_order_are_refused(db, coordinator):
    """An end date before the start date is refused."""
    with pytest.raises(ValidationError) as caught:
        db.run(
            attendance.add_series,
            coordinator,
            "Club",
            {WEDNESDAY},
            TODAY,
            TODAY - timedelta(days=1),
        )
    assert "before the first date" in caught.value.errors["ends_on"]


def test_session_needs_a_name(db, coordinator):
    """A session with a blank name is refused."""
    with pytest.raises(ValidationError) as caught:
        db.run(attendance.add_session, coordinator, "   ", TODAY)
    assert "name" in caught.value.errors


def test_set_present_twice_is_one_attendance_and_unmark_removes(db, coordinator, person_factory):
    """Marking the same person twice counts once; unmarking removes them (twice is harmless)."""
    pid = person_factory("Ann Lee")
    sid = db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY)
    db.run(attendance.set_present, coordinator, sid, pid, True)
    db.run(attendance.set_present, coordinator, sid, pid, True)
    assert attendance_rows(db) == 1
    assert db.run(attendance.get_session, coordinator, sid).present == 1
    db.run(attendance.set_present, coordinator, sid, pid, False)
    db.run(attendance.set_present, coordinator, sid, pid, False)
    assert attendance_rows(db) == 0
    assert db.run(attendance.get_session, coordinator, sid).present == 0


def test_set_present_for_missing_things_is_not_found(db, coordinator, person_factory):
    """Marking a missing person or at a missing session says it is not there."""
    pid = person_factory("Ann Lee")
    sid = db.run(attendance.add_session, coordinator, "Club", TODAY)
    with pytest.raises(NotFound):
        db.run(attendance.set_present, coordinator, 999, pid, True)
    with pytest.raises(NotFound):
        db.run(attendance.set_present, coordinator, sid, 999, True)


def test_register_lists_active_people_and_anyone_already_marked(db, coordinator, person_factory):
    """The register shows active people plus those marked before they left, sorted by known-as name."""
    ann = person_factory("Ann Lee", known_as="Nan")
    bob = person_factory("Bob Young")
    cy = person_factory("Cy Zane")
    dee = person_factory("Dee Ash")
    sid = db.run(attendance.add_session, coordinator, "Club", TODAY)
    db.run(attendance.set_present, coordinator, sid, bob, True)
    for pid, name in ((bob, "Bob Young"), (cy, "Cy Zane")):
        db.run(
            members.save_person,
            coordinator,
            PersonInput(full_name=name, kinds=("member",), status="left", status_on=TODAY),
            pid,
        )
    entries = db.run(attendance.register, coordinator, sid)
    expected = [(bob, "Bob Young", True), (dee, "Dee Ash", False), (ann, "Nan", False)]
    assert [(e.person_id, e.name, e.present) for e in entries] == sorted(
        expected, key=lambda t: t[1].casefold()
    )
    assert cy not in {e.person_id for e in entries}


def test_monthly_counts_for_a_crafted_month(db, coordinator, person_factory):
    """Per month: sessions, attendances and different people, computed from a known pattern."""
    people = [person_factory(f"Person {i}") for i in range(5)]
    # November 2026: four sessions; session k has the first k+1 people present.
    nov = [
        db.run(attendance.add_session, coordinator, "Club", date(2026, 11, d))
        for d in (4, 11, 18, 25)
    ]
    for k, sid in enumerate(nov):
        for pid in people[: k + 1]:
            db.run(attendance.set_present, coordinator, sid, pid, True)
    # December 2026: one session with one person; January 2027 outside the range.
    dec = db.run(attendance.add_session, coordinator, "Club", date(2026, 12, 2))
    db.run(attendance.set_present, coordinator, dec, people[4], True)
    jan = db.run(attendance.add_session, coordinator, "Club", date(2027, 1, 6))
    db.run(attendance.set_present, coordinator, jan, people[0], True)

    counts = db.run(attendance.monthly_counts, coordinator, date(2026, 11, 1), date(2026, 12, 31))
    assert counts == [
        attendance.MonthCount(2026, 11, sessions=4, attendances=1 + 2 + 3 + 4, people=4),
        attendance.MonthCount(2026, 12, sessions=1, attendances=1, people=1),
    ]


def test_monthly_counts_include_months_with_sessions_but_nobody(db, coordinator):
    """A month whose sessions nobody came to still shows its sessions, with zero attendance."""
    db.run(attendance.add_session, coordinator, "Club", date(2026, 10, 7))
    counts = db.run(attendance.monthly_counts, coordinator, date(2026, 10, 1), date(2026, 10, 31))
    assert counts == [attendance.MonthCount(2026, 10, 1, 0, 0)]


def test_cancel_session_refused_when_attendance_exists(db, coordinator, person_factory):
    """A session somebody was marked at cannot be removed; once unmarked it can."""
    pid = person_factory("Ann Lee")
    sid = db.run(attendance.add_session, coordinator, "Club", TODAY)
    db.run(attendance.set_present, coordinator, sid, pid, True)
    with pytest.raises(ValidationError) as caught:
        db.run(attendance.cancel_session, coordinator, sid)
    assert "1 person is marked" in caught.value.errors["session"]
    assert len(all_sessions(db, coordinator)) == 1
    db.run(attendance.set_present, coordinator, sid, pid, False)
    db.run(attendance.cancel_session, coordinator, sid)
    assert all_sessions(db, coordinator) == []
    with pytest.raises(NotFound):
        db.run(attendance.get_session, coordinator, sid)


def test_next_session(db, coordinator):
    """The next session is the earliest one today or later; none when nothing is planned."""
    assert db.run(attendance.next_session, coordinator, TODAY) is None
    db.run(attendance.add_session, coordinator, "Past", TODAY - timedelta(days=1))
    later = db.run(attendance.add_session, coordinator, "Later", TODAY + timedelta(days=9))
    soon = db.run(attendance.add_session, coordinator, "Soon", TODAY + timedelta(days=2))
    assert db.run(attendance.next_session, coordinator, TODAY).session_id == soon
    today = db.run(attendance.add_session, coordinator, "Today", TODAY)
    assert db.run(attendance.next_session, coordinator, TODAY).session_id == today
    assert (
        db.run(attendance.next_session, coordinator, TODAY + timedelta(days=3)).session_id == later
    )


def test_session_title_reads_in_words(db, coordinator):
    """A session's title gives the name, weekday, day, month and year."""
    sid = db.run(attendance.add_session, coordinator, "Crafternoon", date(2026, 11, 22))
    assert (
        db.run(attendance.get_session, coordinator, sid).title
        == "Crafternoon — Sunday 22 November 2026"
    )

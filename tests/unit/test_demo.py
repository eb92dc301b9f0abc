"""The demo club: realistic, complete, fictional and the same every time."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from clubapp.db.database import Database, open_database
from clubapp.demo import LARGE_PEOPLE, build_demo
from clubapp.models.attendance import Attendance, ClubSession
from clubapp.models.members import (
    KIND_CODES,
    ConsentRecord,
    EmergencyContact,
    Person,
    PersonKind,
    PersonLink,
    PersonPhoto,
)
from clubapp.models.users import User
from clubapp.services import users
from tests import conftest

TODAY = date(2026, 5, 13)  # a Wednesday


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """One small demo shared by the read-only tests of this module."""
    db = open_database(tmp_path_factory.mktemp("small") / "demo.sqlite3")
    summary = build_demo(db, today=TODAY)
    yield db, summary
    db.close()


def _people_of_kind(db: Database, kind: str) -> set[int]:
    with db.transaction() as s:
        return set(s.scalars(select(PersonKind.person_id).where(PersonKind.kind == kind)))


def _snapshot(db: Database) -> list[tuple]:
    with db.transaction() as s:
        people = s.execute(
            select(
                Person.id,
                Person.full_name,
                Person.known_as,
                Person.phone,
                Person.email,
                Person.address,
                Person.joined_on,
                Person.status,
                Person.status_on,
                Person.communication_tips,
            ).order_by(Person.id)
        ).all()
        kinds = s.execute(
            select(PersonKind.person_id, PersonKind.kind).order_by(
                PersonKind.person_id, PersonKind.kind
            )
        ).all()
        links = s.execute(
            select(PersonLink.person_id, PersonLink.other_id, PersonLink.kind).order_by(
                PersonLink.id
            )
        ).all()
        marks = s.execute(
            select(Attendance.session_id, Attendance.person_id).order_by(
                Attendance.session_id, Attendance.person_id
            )
        ).all()
    return [tuple(r) for r in (*people, *kinds, *links, *marks)]


def test_small_demo_has_about_forty_people_of_every_kind(small):
    """The small club has 35–45 people and at least one of each kind."""
    db, summary = small
    assert summary.club_name == "Riverside Memory Club"
    assert 35 <= summary.people <= 45
    for kind in KIND_CODES:
        assert _people_of_kind(db, kind), f"nobody of kind {kind}"
    assert len(_people_of_kind(db, "member")) >= 12
    assert len(_people_of_kind(db, "carer")) >= 8


def test_every_carer_is_linked_to_a_member(small):
    """Each carer is recorded as the carer of somebody who is a member."""
    db, _ = small
    members = _people_of_kind(db, "member")
    with db.transaction() as s:
        cared_for: dict[int, set[int]] = {}
        for pid, other in s.execute(
            select(PersonLink.person_id, PersonLink.other_id).where(PersonLink.kind == "carer_of")
        ):
            cared_for.setdefault(pid, set()).add(other)
    for carer in _people_of_kind(db, "carer"):
        assert cared_for.get(carer, set()) & members, f"carer {carer} cares for no member"


def test_every_member_has_an_emergency_contact_and_keep_details_consent(small):
    """Members all have someone to call and a consent to keep their details."""
    db, _ = small
    with db.transaction() as s:
        with_contact = set(s.scalars(select(EmergencyContact.person_id)))
        keep = set(
            s.scalars(select(ConsentRecord.person_id).where(ConsentRecord.what == "keep_details"))
        )
        everyone = set(s.scalars(select(Person.id)))
        contacts = s.scalars(select(EmergencyContact)).all()
    members = _people_of_kind(db, "member")
    assert members <= with_contact
    assert keep == everyone
    assert all(c.name and c.phone for c in contacts)


def test_consents_include_someone_due_for_review_and_one_withdrawn(small):
    """A member's consent is due for review within 60 days, and one consent is withdrawn."""
    db, _ = small
    members = _people_of_kind(db, "member")
    with db.transaction() as s:
        records = s.scalars(select(ConsentRecord)).all()
    assert any(
        r.person_id in members
        and r.review_on is not None
        and TODAY < r.review_on <= TODAY + timedelta(days=60)
        for r in records
    )
    assert sum(r.withdrawn_on is not None for r in records) == 1
    assert any(r.given_by == "attorney" and r.given_by_name for r in records)
    assert all(r.given_on <= TODAY for r in records)
    assert all(r.given_by == "self" or r.given_by_name for r in records)


def test_statuses_include_one_left_and_one_died_with_dates(small):
    """One person has left and one has died, each with the date it happened."""
    db, _ = small
    with db.transaction() as s:
        rows = s.execute(select(Person.status, Person.status_on)).all()
    for status in ("left", "died"):
        dated = [on for st, on in rows if st == status]
        assert len(dated) == 1 and dated[0] is not None and dated[0] < TODAY


def test_contact_details_are_fictional(small):
    """Phones are in Ofcom's drama ranges, emails at example.org, and no photos are stored."""
    db, _ = small
    drama = re.compile(r"^(07700 900\d{3}|0161 496 0\d{3})$")
    with db.transaction() as s:
        people = s.execute(select(Person.phone, Person.email)).all()
        contact_phones = s.scalars(select(EmergencyContact.phone)).all()
        photos = s.scalar(select(func.count()).select_from(PersonPhoto))
    assert all(drama.match(phone) for phone, _ in people)
    assert all(drama.match(phone) for phone in contact_phones)
    assert all(email == "" or email.endswith("@example.org") for _, email in people)
    assert photos == 0


def test_sessions_are_wednesdays_fridays_and_first_sunday_crafternoons(small):
    """Sessions run three months back and four weeks ahead, on the club's days only."""
    db, summary = small
    with db.transaction() as s:
        sessions = s.execute(select(ClubSession.name, ClubSession.on_date)).all()
    assert summary.sessions == len(sessions)
    for name, day in sessions:
        if name == "Wednesday Club":
            assert day.weekday() == 2
        elif name == "Friday Club":
            assert day.weekday() == 4
        else:
            assert name == "Crafternoon"
            assert day.weekday() == 6 and day.day <= 7
    days = [day for _, day in sessions]
    assert date(2026, 2, 13) <= min(days) <= date(2026, 2, 20)
    assert TODAY + timedelta(weeks=4) - timedelta(days=7) < max(days) <= TODAY + timedelta(weeks=4)
    assert sum(name == "Crafternoon" for name, _ in sessions) == 4  # March to June


def test_attendance_only_for_sessions_already_held(small):
    """No one is marked at a session today or in the future; past sessions have 20–30 on average."""
    db, summary = small
    with db.transaction() as s:
        counts = s.execute(
            select(ClubSession.on_date, ClubSession.name, func.count(Attendance.person_id))
            .outerjoin(Attendance, Attendance.session_id == ClubSession.id)
            .group_by(ClubSession.id)
        ).all()
        total = s.scalar(select(func.count()).select_from(Attendance))
    assert summary.attendances == total
    assert all(n == 0 for day, _, n in counts if day >= TODAY)
    weekday = [n for day, name, n in counts if day < TODAY and name != "Crafternoon"]
    assert all(n > 0 for day, _, n in counts if day < TODAY)
    assert 20 <= sum(weekday) / len(weekday) <= 30


def test_carers_mostly_come_with_the_person_they_care_for(small):
    """When a carer is at a session, the person they care for is nearly always there too."""
    db, _ = small
    with db.transaction() as s:
        pairs = s.execute(
            select(PersonLink.person_id, PersonLink.other_id).where(PersonLink.kind == "carer_of")
        ).all()
        marks = {tuple(r) for r in s.execute(select(Attendance.session_id, Attendance.person_id))}
    together = alone = 0
    for carer, member in pairs:
        for session_id, pid in marks:
            if pid == carer:
                if (session_id, member) in marks:
                    together += 1
                else:
                    alone += 1
    assert together > 10 * alone


def test_demo_users_sign_in_with_the_printed_passwords(small):
    """Each role has a demo user whose password, as returned, lets them sign in."""
    db, summary = small
    assert {u.role for u in summary.users} == {"coordinator", "treasurer", "committee", "volunteer"}
    with db.transaction() as s:
        tiles = {t.name: t.user_id for t in users.sign_in_tiles(s)}
        for demo_user in summary.users:
            assert len(demo_user.password) >= 8
            result = users.sign_in(s, tiles[demo_user.name], demo_user.password)
            assert result.actor is not None, result.message
            assert result.actor.role == demo_user.role
        linked = s.scalars(select(User.person_id)).all()
    assert all(pid is not None for pid in linked)


def test_same_seed_and_day_give_the_same_club(tmp_path):
    """Two builds with the same seed and day have the same people, links and attendance."""
    first = open_database(tmp_path / "one" / "demo.sqlite3")
    second = open_database(tmp_path / "two" / "demo.sqlite3")
    try:
        build_demo(first, today=TODAY, seed=7)
        build_demo(second, today=TODAY, seed=7)
        assert _snapshot(first) == _snapshot(second)
    finally:
        first.close()
        second.close()


def test_winter_demo_skips_the_days_the_club_is_closed(demo_on, tmp_path):
    """A demo over Christmas has no session on Christmas Day, Boxing Day or New Year's Day.
    (The demo on that day is built once per run, and shared with test_demo_accounts.)"""
    db = open_database(conftest.copy_club(demo_on(date(2026, 1, 14)), tmp_path / "demo.sqlite3"))
    try:
        with db.transaction() as s:
            days = set(s.scalars(select(ClubSession.on_date)))
    finally:
        db.close()
    assert date(2025, 12, 24) in days  # a Wednesday
    assert not days & {date(2025, 12, 26), date(2026, 1, 1)}
    assert date(2025, 11, 2) in days and date(2026, 2, 1) in days  # first Sundays


def test_unknown_size_is_refused(tmp_path):
    """Only small and large demos exist."""
    db = open_database(tmp_path / "demo.sqlite3")
    try:
        with pytest.raises(ValueError):
            build_demo(db, size="medium", today=TODAY)
    finally:
        db.close()


@pytest.mark.slow
def test_large_demo_has_5000_people_and_ten_years_of_sessions(large_demo, tmp_path):
    """The large demo, for benchmarks: 5,000 people and ten years of attended sessions.
    It is the one built once per run (tests/conftest.py) on the tests' usual day, which
    test_demo_volunteers reads as well: every check here counts from that day."""
    built, summary = large_demo
    today = conftest.TODAY
    db = open_database(conftest.copy_club(built, tmp_path / "demo.sqlite3"))
    try:
        with db.transaction() as s:
            first, last = s.execute(
                select(func.min(ClubSession.on_date), func.max(ClubSession.on_date))
            ).one()
            per_session = (
                s.execute(
                    select(func.count()).select_from(Attendance).group_by(Attendance.session_id)
                )
                .scalars()
                .all()
            )
            future = s.scalar(
                select(func.count())
                .select_from(Attendance)
                .join(ClubSession, ClubSession.id == Attendance.session_id)
                .where(ClubSession.on_date >= today)
            )
            user_count = s.scalar(select(func.count()).select_from(User))
        carers = len(_people_of_kind(db, "carer"))
    finally:
        db.close()
    assert summary.people == LARGE_PEOPLE
    assert 9.9 <= (today - first).days / 365.25 <= 10.1
    assert last <= today + timedelta(weeks=4)
    assert 1000 <= summary.sessions <= 1250
    assert future == 0
    assert 25 <= sum(per_session) / len(per_session) <= 40
    assert carers > 500
    assert user_count == 4


def test_the_demo_committee_has_eight_officers_a_year_of_meetings_and_150_notes(small):
    """Terms, monthly meetings with approved minutes, and notes traced to decisions."""
    from clubapp.services import committee, meetings, minutes, notes
    from clubapp.services.permissions import COMMAND_LINE

    db, _ = small
    view = db.run(committee.committee_view, COMMAND_LINE, TODAY)
    assert len(view.serving) == 8
    assert {r.position for r in view.serving} >= {"chair", "treasurer", "secretary"}
    assert view.ending_soon, "someone's term should be ending soon"
    every = db.run(meetings.list_meetings, COMMAND_LINE)
    held = [m for m in every if m.on_date < TODAY and m.kind == "committee"]
    assert len(held) >= 12
    assert sum(m.minutes_approved_on is not None for m in held) == len(held) - 1
    # The AGM's minutes wait for next year's AGM.
    assert [m.kind for m in every if m.kind != "committee"] == ["agm"]
    assert sum(m.decisions for m in held) >= 6
    # The picture conversations' notes are counted in test_demo_conversations.py.
    typed = [n for n in db.run(notes.list_notes, COMMAND_LINE) if n.conversation_id is None]
    assert len(typed) == 150
    assert db.run(notes.inbox, COMMAND_LINE), "some notes should be waiting for the committee"
    traced = db.run(minutes.you_said_we_did, COMMAND_LINE, TODAY - timedelta(days=365), TODAY)
    decided = [y for y in traced if y.we_decided]
    assert len(decided) >= 6
    assert all(y.what_happened for y in decided)


def test_the_demo_has_votes_of_every_kind_and_a_programme(small):
    """Activity choices at sessions, a secret decision written into the minutes, a show
    of hands, an AGM election and a named yes-or-no, all closed; and next month's
    programme with the members' choice on it."""
    from clubapp.services import programme, vote_results, votes
    from clubapp.services.permissions import COMMAND_LINE

    db, _ = small
    ballots = db.run(votes.list_ballots, COMMAND_LINE)
    kinds = {(b.kind, b.method, b.each_in_turn) for b in ballots}
    assert kinds >= {
        ("activity", "secret", False),
        ("decision", "secret", False),
        ("decision", "hands", False),
        ("election", "secret", False),
        ("election", "named", True),
    }
    assert all(not b.is_open for b in ballots)
    assert any(b.decision_id is not None for b in ballots)
    for b in ballots:
        result = db.run(vote_results.results, COMMAND_LINE, b.ballot_id)
        assert result.voted > 0 and result.headline
    named = next(b for b in ballots if b.method == "named")
    assert any(v.supported_by for v in db.run(votes.voters, COMMAND_LINE, named.ballot_id))
    days = db.run(programme.programme, COMMAND_LINE, TODAY, TODAY + timedelta(days=28))
    assert len(days) >= 6 and all(day.activities for day in days)
    assert any(a.ballot_id for day in days for a in day.activities)

"""The demo club's skills, free times, checks, needs and hours: skills for most people,
members living with dementia and carers too; exactly one check run out and some due
within 30 days; a month of needs with people asked; hours that reach the Lottery grant's
statement. On the tests' day and on another, and for the large demo's crowd."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from clubapp import demo_volunteers
from clubapp.db.database import Database, open_database
from clubapp.demo import build_demo
from clubapp.models.grants import GrantApplication
from clubapp.models.members import Person, PersonKind
from clubapp.models.volunteers import (
    Availability,
    HoursGiven,
    NeedPerson,
    PersonCheck,
    PersonSkill,
)
from clubapp.services import checks, grant_delivery, matching, needs, skills, volunteer_hours
from clubapp.services.needs import NeedView
from clubapp.services.permissions import COMMAND_LINE as coordinator
from tests.conftest import TODAY, copy_club

# The first Monday of November 2026: the next Crafternoon (6 December) is more than the
# demo's four weeks of sessions ahead.
AWKWARD_DAY = date(2026, 11, 2)


@pytest.fixture(scope="module")
def small(demo_club, tmp_path_factory):
    """This module's copy of the small demo on TODAY (built once per run, tests/conftest.py)."""
    path = copy_club(demo_club, tmp_path_factory.mktemp("volunteers") / "demo.sqlite3")
    db = open_database(path)
    yield db
    db.close()


def _named(db: Database, full_name: str) -> int:
    with db.transaction() as s:
        pid = s.scalar(select(Person.id).where(Person.full_name == full_name))
    assert pid is not None, full_name
    return pid


def _open_needs(db: Database, today: date) -> dict[str, NeedView]:
    return {v.title: v for v in db.run(needs.needs, coordinator, today)}


def _check_rules(db: Database, today: date) -> None:
    """What holds on any day: one check run out (Rhiannon's DBS), five due within 30
    days, every check and need as the services keep them."""
    due = db.run(checks.checks_due, coordinator, today)
    expired = [r for r in due if r.state == "expired"]
    assert [(r.person_name, r.kind) for r in expired] == [("Rhiannon Morgan", "dbs")]
    assert expired[0].when_words == "Ran out 9 days ago"
    soon = [r for r in due if r.state == "due"]
    assert len(soon) == 5
    assert all(0 <= (r.days_left or 0) <= 30 for r in soon)
    with db.transaction() as s:
        every = s.scalars(select(PersonCheck)).all()
        assert all(c.issued_on is None or c.issued_on <= today for c in every)
        hours_after_today = s.scalar(
            select(func.count()).select_from(HoursGiven).where(HoursGiven.on_date > today)
        )
    assert hours_after_today == 0


def test_most_people_have_skills_members_living_with_dementia_and_carers_too(small):
    """Three in four people still with the club have said what they can do; at least ten
    members living with dementia and eight carers hold a skill they are happy to use."""
    with small.transaction() as s:
        active = set(s.scalars(select(Person.id).where(Person.status == "active")))
        holding = set(
            s.scalars(
                select(PersonSkill.person_id).where(
                    PersonSkill.level.in_(("can_do", "can_teach")),
                    PersonSkill.happy_to_use.is_(True),
                )
            )
        )
        with_any = set(s.scalars(select(PersonSkill.person_id)))
        kinds = s.execute(select(PersonKind.person_id, PersonKind.kind)).all()
    members = {pid for pid, kind in kinds if kind == "member"} & active
    carers = {pid for pid, kind in kinds if kind == "carer"} & active
    assert len(with_any & active) >= 0.75 * len(active)
    assert len(members & holding) >= 10
    assert len(carers & holding) >= 8


def test_the_skills_the_issue_names_are_there(small):
    """A member who can teach singing, a carer who keeps books, someone learning IT,
    things people would like to learn, and one who can keep books but not at the club."""

    def words(name: str) -> set[str]:
        offer = small.run(skills.offer, coordinator, _named(small, name), TODAY)
        return {s.words for s in (*offer.skills, *offer.to_learn)}

    assert "Can teach singing" in words("Siobhán Murphy")
    assert "Can do bookkeeping" in words("Joan Brooks")
    assert "Learning IT help" in words("Kwame Mensah")
    assert "Would like to learn photography" in words("Dorothy Pearson")
    assert "Can do bookkeeping (would rather not at the club)" in words("Gareth Jenkins")
    bookkeepers = small.run(skills.directory, coordinator, _skill(small, "Bookkeeping"))
    assert {e.name for e in bookkeepers} == {"Pat Green", "Joan Brooks", "Gareth Jenkins"}


def _skill(db: Database, name: str) -> int:
    return next(r.skill_id for r in db.run(skills.skills, coordinator) if r.name == name)


def test_free_times_and_dates_away(small):
    """Every volunteer says when they are free, and many others; Dev is away soon."""
    with small.transaction() as s:
        free = set(s.scalars(select(Availability.person_id)))
        volunteers = set(
            s.scalars(select(PersonKind.person_id).where(PersonKind.kind == "volunteer"))
        )
        active = set(s.scalars(select(Person.id).where(Person.status == "active")))
    assert volunteers & active <= free
    assert len(free) >= 25
    dev = small.run(skills.offer, coordinator, _named(small, "Dev Patel"), TODAY)
    assert dev.away and dev.away[0].starts_on == TODAY + timedelta(days=3)
    assert "Wednesday mornings" in dev.free_words


def test_exactly_one_check_ran_out_and_some_are_due(small):
    """Rhiannon's DBS ran out nine days ago; five checks run out within 30 days."""
    _check_rules(small, TODAY)


def test_a_month_of_needs_with_people_asked(small):
    """Open and filled needs around today: weekly slots, one-day needs at real sessions,
    the Lottery renewal bid before its deadline, the accounts for the year end, a
    befriending visit needing a DBS and cooking needing food hygiene; done ones too;
    people asked, agreed and said no on dated days."""
    found = _open_needs(small, TODAY)
    assert len(found) >= 8
    assert {v.when_kind for v in found.values()} == {"date", "weekly", "before"}
    sessions = [v for v in found.values() if v.session_id is not None]
    assert len(sessions) >= 3
    bid = found["Help with the Lottery renewal bid"]
    with small.transaction() as s:
        renewal = s.get(GrantApplication, bid.application_id)
        assert renewal is not None and renewal.deadline is not None
        assert renewal.title == "The weekly club, the next three years"
        assert bid.by_date == renewal.deadline - timedelta(days=7)
        answers = {a for (a,) in s.execute(select(NeedPerson.answer))}
        asked_days = set(s.scalars(select(NeedPerson.asked_on)))
    assert answers == {"asked", "agreed", "declined"}
    assert len(asked_days) >= 5
    assert found["Check the accounts for the year end"].purpose == "accounts"
    assert found["A befriending visit to Norma"].checks == ("dbs",)
    assert found["Cook the winter lunch at Wednesday Club"].checks == ("food_hygiene",)
    done = small.run(needs.needs, coordinator, TODAY, statuses=("done",))
    assert {v.title for v in done} >= {"Tidy the garden for winter"}
    days = [v.day_of(TODAY) or v.by_date for v in found.values()]
    month = [d for d in days if d is not None and abs((d - TODAY).days) <= 31]
    assert len(month) >= 7
    rota = small.run(needs.rota, coordinator, TODAY.year, TODAY.month)
    assert len(rota.lines) >= 8


def test_the_befriending_visit_shows_who_cannot_be_asked_yet(small):
    """Rhiannon would match but her DBS ran out: she is listed apart, saying so; Dev is
    ranked but away that day; Grace, free and checked, comes first."""
    visit = _open_needs(small, TODAY)["A befriending visit to Norma"]
    found = small.run(matching.match, coordinator, visit.need_id, TODAY)
    apart = {c.name: c.blocked_words for c in found.missing_checks}
    assert apart["Rhiannon Morgan"] == "DBS ran out on 9 November 2026."
    ranked = {c.name: c for c in found.ranked}
    assert any(w.startswith("away then") for w in ranked["Dev Patel"].cautions)
    assert found.ranked[0].name == "Grace Okafor"


def test_the_cooking_need_holds_back_cooks_without_food_hygiene(small):
    """Cooks without a food hygiene certificate are listed apart, not dropped."""
    lunch = _open_needs(small, TODAY)["Cook the winter lunch at Wednesday Club"]
    found = small.run(matching.match, coordinator, lunch.need_id, TODAY)
    assert {"Li Wei", "Amrit Kaur"} <= {c.name for c in found.missing_checks}
    assert "Zhang Hui" in {c.name for c in found.ranked}


def test_hours_given_over_the_last_months(small):
    """Hours logged in each of the last three months, by several people, at sessions and
    for needs; the value at the club's rate."""
    starts = TODAY - timedelta(days=92)
    totals = small.run(volunteer_hours.totals, coordinator, starts, TODAY)
    assert len(totals.by_month) >= 3
    assert len(totals.by_person) >= 8
    assert totals.minutes >= 200 * 60
    assert totals.value_pence == volunteer_hours.value_pence(totals.minutes, 1271)
    log = small.run(volunteer_hours.hours_log, coordinator, starts, TODAY)
    assert any(r.need_id for r in log) and any(r.session_id for r in log)


def test_the_lottery_grant_statement_shows_volunteer_time(small):
    """The weekly club's Lottery grant names Wednesday and Friday Club: the hours given
    at them reach its statement."""
    with small.transaction() as s:
        grant = s.scalar(
            select(GrantApplication.id).where(
                GrantApplication.title == "The weekly club, three years"
            )
        )
    assert grant is not None
    delivered = small.run(
        grant_delivery.delivery, coordinator, grant, TODAY - timedelta(days=92), TODAY, TODAY
    )
    assert delivered.volunteers is not None
    assert delivered.volunteers.minutes > 0
    assert delivered.volunteers.people >= 5
    assert not delivered.volunteers.whole_club


def test_the_demo_is_right_on_another_day(tmp_path):
    """Built on a day whose next Crafternoon is beyond the sessions planned: the same
    rules hold, and the needs that have a session are tied to real ones."""
    db = open_database(tmp_path / "demo.sqlite3")
    try:
        build_demo(db, today=AWKWARD_DAY)
        _check_rules(db, AWKWARD_DAY)
        found = _open_needs(db, AWKWARD_DAY)
        assert "Help at the Crafternoon" not in found
        assert "Lead the singing at Friday Club" in found
        assert len(found) >= 7
    finally:
        db.close()


@pytest.mark.slow
def test_the_large_demo_crowd_has_skills_times_checks_and_hours(large_demo, tmp_path):
    """The large demo: thousands of people with skills, free times for about two
    thousand, checks for the volunteers and trustees, two years of past needs and a
    year of hours, written in bulk; the befriending visit has many to rank and many
    held back by a check (the benchmark times it). The large demo on TODAY is built
    once per run (tests/conftest.py); this test has its own copy."""
    db = open_database(copy_club(large_demo[0], tmp_path / "large.sqlite3"))
    try:
        with db.transaction() as s:
            counts = {
                model.__name__: s.scalar(select(func.count(func.distinct(model.person_id))))
                for model in (PersonSkill, Availability, PersonCheck, HoursGiven)
            }
            asked = s.scalar(select(func.count()).select_from(NeedPerson))
        assert counts["PersonSkill"] >= 2500
        assert counts["Availability"] >= 1500
        assert counts["PersonCheck"] >= 500
        assert counts["HoursGiven"] >= 100
        assert asked >= 200
        due = db.run(checks.checks_due, coordinator, TODAY)
        assert 0 < len(due) < 200
        visit = _open_needs(db, TODAY)["A befriending visit to Norma"]
        found = db.run(matching.match, coordinator, visit.need_id, TODAY)
        assert len(found.missing_checks) > 10 and len(found.ranked) > 10
    finally:
        db.close()


def test_the_roster_tables_name_real_people_and_skills():
    """Every key in the demo's tables is on the roster, and every skill is seeded."""
    from clubapp.demo import ROSTER

    keys = {who.key for who in ROSTER}
    assert set(demo_volunteers.SKILLS) <= keys
    assert set(demo_volunteers.FREE) <= keys
    assert {row[0] for row in demo_volunteers.CHECKS} <= keys
    assert {row[0] for row in demo_volunteers.AWAY} <= keys
    seeded = {
        "Bid writing", "Bookkeeping", "IT help", "Active listening", "Music making",
        "Singing", "Meal planning", "Cooking", "Gardening", "Arts and crafts", "Driving",
        "First aid", "Photography", "Social media", "Fundraising", "Befriending",
        "Languages spoken",
    }  # fmt: skip
    assert {held[0] for rows in demo_volunteers.SKILLS.values() for held in rows} <= seeded

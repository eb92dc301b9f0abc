"""What a grant delivered, as funders ask in their reports: the sessions it pays for that
were held in the period (not cancelled, not still to come), how many came and how many
different people, worked out by hand from the register each test marks."""

from __future__ import annotations

from datetime import date

import pytest

from clubapp.models.attendance import ClubSession
from clubapp.services import (
    attendance,
    grant_delivery,
    grants,
    members,
    programme,
    volunteer_hours,
)
from clubapp.services.errors import NotAllowed, NotFound
from clubapp.services.grant_delivery import Delivery
from clubapp.services.grants import ApplicationInput
from tests.conftest import TODAY, add_person
from tests.unit.test_grants import add_application, add_funder

SEPTEMBER = date(2026, 9, 1)
END_OF_NOVEMBER = date(2026, 11, 30)


@pytest.fixture
def club(db, coordinator) -> dict[str, int]:
    """Sessions from late August to after today, with who came:

    Crafternoon  29 Aug (before the period): Dev
    Crafternoon   5 Sep: Ann, Bill
    crafternoon   3 Oct (typed in small letters): Ann, Bill, Cath
    Crafternoon  10 Oct, cancelled: Bill
    Crafternoon   7 Nov: Ann, Cath, Dev
    Crafternoon  21 Nov (after today): Ann
    Wednesday Club  2 Sep: Ann
    Wednesday Club  9 Sep, with Singing on its programme: Bill, Dev
    Wednesday Club 16 Sep: nobody marked
    Wednesday Club 18 Nov (today): Cath
    """
    people = {
        name: add_person(db, coordinator, full)
        for name, full in [
            ("ann", "Ann Baker"),
            ("bill", "Bill Cole"),
            ("cath", "Cath Dunn"),
            ("dev", "Dev Evans"),
        ]
    }
    plan = [
        ("aug29", "Crafternoon", date(2026, 8, 29), ["dev"]),
        ("sep5", "Crafternoon", date(2026, 9, 5), ["ann", "bill"]),
        ("oct3", "crafternoon", date(2026, 10, 3), ["ann", "bill", "cath"]),
        ("oct10", "Crafternoon", date(2026, 10, 10), ["bill"]),
        ("nov7", "Crafternoon", date(2026, 11, 7), ["ann", "cath", "dev"]),
        ("nov21", "Crafternoon", date(2026, 11, 21), ["ann"]),
        ("wed2", "Wednesday Club", date(2026, 9, 2), ["ann"]),
        ("wed9", "Wednesday Club", date(2026, 9, 9), ["bill", "dev"]),
        ("wed16", "Wednesday Club", date(2026, 9, 16), []),
        ("today", "Wednesday Club", TODAY, ["cath"]),
    ]
    made: dict[str, int] = {}
    for key, name, on, came in plan:
        made[key] = db.run(attendance.add_session, coordinator, name, on)
        for who in came:
            db.run(attendance.set_present, coordinator, made[key], people[who], True)
    with db.transaction() as session:
        cancelled = session.get(ClubSession, made["oct10"])
        assert cancelled is not None
        cancelled.cancelled = True
    made["singing"] = db.run(
        programme.add_activity, coordinator, programme.ActivityInput("Singing", "singing")
    )
    db.run(programme.add_to_programme, coordinator, made["wed9"], made["singing"])
    return made


@pytest.fixture
def grant(db, coordinator) -> int:
    return add_application(db, coordinator, add_funder(db, coordinator), "Crafternoon")


def pays_for(db, actor, grant: int, names=(), activities=()) -> None:
    """Link the grant to session names and programme activities."""
    funder_id = db.run(grants.get_application, actor, grant, TODAY).row.funder_id
    data = ApplicationInput(funder_id, "Crafternoon", session_names=names, activity_ids=activities)
    db.run(grants.save_application, actor, grant, data, TODAY)


def delivered(db, actor, grant: int, starts=SEPTEMBER, ends=END_OF_NOVEMBER) -> Delivery:
    return db.run(grant_delivery.delivery, actor, grant, starts, ends, TODAY)


def test_a_grant_for_named_sessions_counts_those_held_in_the_period(db, coordinator, club, grant):
    """Named "CrafterNoon": the sessions of 5 Sep, 3 Oct (small letters) and 7 Nov; not
    the one before the period, the cancelled one or the one still to come. 2 + 3 + 3 = 8
    came, 4 different people, 8 / 3 = 2.67, about 3 a session."""
    pays_for(db, coordinator, grant, names=("CrafterNoon",))
    got = delivered(db, coordinator, grant)
    assert (got.starts, got.ends) == (SEPTEMBER, TODAY)
    assert (got.sessions, got.attendances, got.people, got.average) == (3, 8, 4, 3)
    assert got.by_name == [("Crafternoon", 3, 8)]


def test_a_grant_for_an_activity_counts_the_sessions_with_it_on_the_programme(
    db, coordinator, club, grant
):
    """Singing was on the programme on 9 September only: 1 session, Bill and Dev."""
    pays_for(db, coordinator, grant, activities=(club["singing"],))
    got = delivered(db, coordinator, grant)
    assert (got.sessions, got.attendances, got.people, got.average) == (1, 2, 2, 2)
    assert got.by_name == [("Wednesday Club", 1, 2)]


def test_named_sessions_and_activities_together(db, coordinator, club, grant):
    """Crafternoon's three and the Singing Wednesday: 8 + 2 = 10 came at 4 sessions,
    2.5 a session rounds up to 3."""
    pays_for(db, coordinator, grant, names=("Crafternoon",), activities=(club["singing"],))
    got = delivered(db, coordinator, grant)
    assert (got.sessions, got.attendances, got.people, got.average) == (4, 10, 4, 3)
    assert got.by_name == [("Crafternoon", 3, 8), ("Wednesday Club", 1, 2)]


def test_a_grant_for_the_whole_club_counts_every_session_held(db, coordinator, club, grant):
    """Nothing linked: every session from 1 September to today, today's included:
    Crafternoon 3 (8 came), Wednesday Club 4 (1 + 2 + 0 + 1 = 4 came); 12 at 7 sessions
    is 1.71, about 2."""
    got = delivered(db, coordinator, grant)
    assert (got.sessions, got.attendances, got.people, got.average) == (7, 12, 4, 2)
    assert got.by_name == [("Wednesday Club", 4, 4), ("Crafternoon", 3, 8)]


def test_a_session_nobody_was_marked_at_still_counts_as_held(db, coordinator, club, grant):
    """September only, the whole club: 4 sessions (one with nobody marked), 2 + 1 + 2 = 5
    came, 1.25 a session rounds down to 1."""
    got = delivered(db, coordinator, grant, ends=date(2026, 9, 30))
    assert (got.sessions, got.attendances, got.people, got.average) == (4, 5, 3, 1)
    assert got.by_name == [("Wednesday Club", 3, 3), ("Crafternoon", 1, 2)]


def test_a_period_with_no_sessions_delivers_nothing(db, coordinator, club, grant):
    """No sessions: every count 0 and an average of 0, not a division by nothing."""
    got = delivered(db, coordinator, grant, date(2026, 1, 1), date(2026, 1, 31))
    assert (got.sessions, got.attendances, got.people, got.average, got.by_name) == (
        0,
        0,
        0,
        0,
        [],
    )


def test_delivery_is_for_a_grant_that_is_there_and_those_who_see_grants(db, actors, club, grant):
    """A missing grant is said plainly rather than counted as the whole club; a
    volunteer is refused."""
    with pytest.raises(NotFound):
        delivered(db, actors["committee"], 9999)
    with pytest.raises(NotAllowed):
        delivered(db, actors["volunteer"], grant)
    assert delivered(db, actors["committee"], grant).sessions == 7


# ---------------------------------------------------------------- volunteer time


def log_hours(db, actor, club: dict[str, int]) -> None:
    """Hours given: Ann 2 hours at the Crafternoon of 5 Sep; Bill 1½ hours at the
    Singing Wednesday of 9 Sep; Dev 1 hour at the Crafternoon of 29 Aug (before the
    period)."""
    people = {p.full_name: p.person_id for p in db.run(members.list_people, actor)}
    for name, key, minutes in (
        ("Ann Baker", "sep5", 120),
        ("Bill Cole", "wed9", 90),
        ("Dev Evans", "aug29", 60),
    ):
        day = db.run(attendance.get_session, actor, club[key]).on_date
        data = volunteer_hours.HoursInput(people[name], day, minutes, session_id=club[key])
        db.run(volunteer_hours.log_hours, actor, data, TODAY)


def test_delivery_carries_the_volunteer_time_for_what_the_grant_pays_for(
    db, coordinator, club, grant
):
    """Named Crafternoon: Ann's 2 hours (Dev's were before the period), worth 2 × £12.71
    = £25.42. For Singing: Bill's 1½ hours. Both: 3½ hours by 2 people."""
    log_hours(db, coordinator, club)
    pays_for(db, coordinator, grant, names=("Crafternoon",))
    hours = delivered(db, coordinator, grant).volunteers
    assert hours is not None
    assert (hours.minutes, hours.people, hours.whole_club) == (120, 1, False)
    assert (hours.rate_pence, hours.value_pence) == (1271, 25_42)
    pays_for(db, coordinator, grant, activities=(club["singing"],))
    hours = delivered(db, coordinator, grant).volunteers
    assert hours is not None and (hours.minutes, hours.people) == (90, 1)
    pays_for(db, coordinator, grant, names=("Crafternoon",), activities=(club["singing"],))
    hours = delivered(db, coordinator, grant).volunteers
    assert hours is not None and (hours.minutes, hours.people) == (210, 2)


def test_a_grant_for_the_whole_club_counts_every_hour_in_the_period(db, coordinator, club, grant):
    """Nothing linked: Ann's 2 and Bill's 1½ hours from 1 September, 3½ hours by 2
    people; 3.5 × £12.71 = £44.485, £44.49 (half up). Dev's hour in August is not in it."""
    log_hours(db, coordinator, club)
    hours = delivered(db, coordinator, grant).volunteers
    assert hours is not None
    assert (hours.minutes, hours.people, hours.whole_club) == (210, 2, True)
    assert hours.value_pence == 44_49
    assert (hours.starts, hours.ends) == (SEPTEMBER, TODAY)

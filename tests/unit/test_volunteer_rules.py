"""The volunteers' rules found in review: nobody goes without the checks a need requires,
a weekly need's checks hold to its end, fairness dates a new ask, the number wanted is
never below those agreed, the rota knows who is away, old hours stay, and removing a
session never quietly unlinks what volunteers gave to it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from clubapp.models.volunteers import HoursGiven, Skill
from clubapp.services import (
    attendance,
    checks,
    matching,
    needs,
    skills,
    volunteer_hours,
)
from clubapp.services.checks import CheckInput
from clubapp.services.errors import NotAllowed, ValidationError
from clubapp.services.needs import NeedInput
from clubapp.services.skills import SkillChoice
from clubapp.services.volunteer_hours import HoursInput
from tests.conftest import TODAY, add_person
from tests.unit.test_grant_delivery import pays_for
from tests.unit.test_grants import add_application, add_funder

DAY = date(2026, 12, 9)  # a Wednesday, three weeks after TODAY


@pytest.fixture
def ids(db, coordinator) -> dict[str, int]:
    with db.transaction() as s:
        return {name: sid for sid, name in s.execute(select(Skill.id, Skill.name))}


@pytest.fixture
def ann(db, coordinator, ids) -> int:
    """Ann befriends; her DBS runs out on 1 December 2026."""
    pid = add_person(db, coordinator, "Ann Abbott")
    db.run(skills.save_skills, coordinator, pid, [SkillChoice(ids["Befriending"], "can_do")])
    db.run(
        checks.add_check,
        coordinator,
        pid,
        CheckInput("dbs", date(2023, 12, 1), date(2026, 12, 1)),
        TODAY,
    )
    return pid


def visit(db, coordinator, ids, **kw) -> int:
    data = dict(
        title="A befriending visit",
        purpose="job",
        when_kind="date",
        on_date=DAY,
        must_skills=(ids["Befriending"],),
        checks=("dbs",),
    )
    data.update(kw)
    return db.run(needs.add_need, coordinator, NeedInput(**data))


def test_nobody_is_asked_or_agrees_without_a_check_valid_on_the_day(db, coordinator, ids, ann):
    """Ann's DBS runs out before the visit: asking or agreeing is refused with why; saying
    no is still recorded."""
    need = visit(db, coordinator, ids)
    for said in ("asked", "agreed"):
        with pytest.raises(ValidationError) as caught:
            db.run(needs.answer, coordinator, need, ann, said, TODAY)
        assert caught.value.errors["answer"] == (
            "Ann Abbott cannot be asked yet: DBS runs out on 1 December 2026, before the day. "
            "Record the new check on their skills and time page first."
        )
    db.run(needs.answer, coordinator, need, ann, "declined", TODAY)
    assert db.run(needs.need, coordinator, need).people[0].answer == "declined"


def test_someone_on_a_need_whose_check_is_no_longer_good_is_flagged(db, coordinator, ids, ann):
    """Ann agreed while her DBS was good for the day; the visit then moved past its end:
    the need's page is told why she cannot go; a volunteer may not see checks."""
    need = visit(db, coordinator, ids, on_date=date(2026, 11, 25))
    db.run(needs.answer, coordinator, need, ann, "agreed", TODAY)
    assert db.run(matching.blocked_on_need, coordinator, need, TODAY) == {}
    data = NeedInput(
        "A befriending visit",
        "job",
        "date",
        on_date=DAY,
        must_skills=(ids["Befriending"],),
        checks=("dbs",),
    )
    db.run(needs.update_need, coordinator, need, data)
    assert db.run(matching.blocked_on_need, coordinator, need, TODAY) == {
        ann: "DBS runs out on 1 December 2026, before the day"
    }


def test_blocked_people_are_for_roles_that_see_checks(db, actors, ids, ann):
    """Whether someone's check is good is for the coordinator and the committee only."""
    need = visit(db, actors["coordinator"], ids)
    assert db.run(matching.blocked_on_need, actors["committee"], need, TODAY) == {}
    with pytest.raises(NotAllowed):
        db.run(matching.blocked_on_need, actors["volunteer"], need, TODAY)


def test_a_weekly_need_wants_its_checks_good_to_its_last_week(db, coordinator, ids, ann):
    """Every Wednesday to 30 December: Ann's DBS (to 1 December) is held apart with the
    need's end; with no end date she is ranked, with a caution to renew."""
    weekly = dict(when_kind="weekly", on_date=None, weekday=2, part="afternoon")
    until = visit(db, coordinator, ids, **weekly, starts_on=TODAY, ends_on=date(2026, 12, 30))
    found = db.run(matching.match, coordinator, until, TODAY)
    assert [c.blocked for c in found.missing_checks] == [
        ("DBS runs out on 1 December 2026, before the need ends on 30 December 2026",)
    ]
    open_ended = visit(db, coordinator, ids, **weekly)
    found = db.run(matching.match, coordinator, open_ended, TODAY)
    assert [c.name for c in found.ranked] == ["Ann Abbott"]
    assert "DBS runs out on 1 December 2026: it needs renewing" in found.ranked[0].cautions


def test_a_done_need_is_not_matched(db, coordinator, ids, ann):
    """Matching a need marked done is refused in words: open it again first."""
    need = visit(db, coordinator, ids, checks=())
    db.run(needs.set_status, coordinator, need, "done")
    with pytest.raises(ValidationError, match="This need is done: open it again"):
        db.run(matching.match, coordinator, need, TODAY)


def test_asking_again_after_a_no_is_dated_today(db, coordinator, ids, ann):
    """Fairness goes by the last ask: Ann said no on 1 October and is asked again today."""
    need = visit(db, coordinator, ids, checks=())
    db.run(needs.answer, coordinator, need, ann, "declined", date(2026, 10, 1))
    db.run(needs.answer, coordinator, need, ann, "asked", TODAY)
    assert db.run(needs.need, coordinator, need).people[0].asked_on == TODAY


def test_the_number_wanted_is_never_below_those_agreed(db, coordinator, ids, ann):
    """Two agreed: wanting one person is refused next to the field, with the number."""
    bob = add_person(db, coordinator, "Bob Brown")
    need = visit(db, coordinator, ids, checks=(), must_skills=(), people_wanted=2)
    for pid in (ann, bob):
        db.run(needs.answer, coordinator, need, pid, "agreed", TODAY)
    data = NeedInput("A befriending visit", "job", "date", on_date=DAY, people_wanted=1)
    with pytest.raises(ValidationError) as caught:
        db.run(needs.update_need, coordinator, need, data)
    assert caught.value.errors == {
        "people_wanted": "2 people have agreed already. Want at least 2, or take someone "
        "off the need first."
    }


def test_someone_who_left_is_not_asked(db, coordinator, ids, ann):
    """A person who left the club cannot be asked to help."""
    from clubapp.models.members import Person

    need = visit(db, coordinator, ids, checks=())
    with db.transaction() as s:
        row = s.get(Person, ann)
        row.status, row.status_on = "left", TODAY
    with pytest.raises(ValidationError, match="not active"):
        db.run(needs.answer, coordinator, need, ann, "asked", TODAY)


def test_the_rota_says_who_is_away_and_wants_one_more(db, coordinator, ids, ann):
    """Ann agreed to every Wednesday of December but is away 8 to 15 December: on the 9th
    she is away that day and one more person is wanted; on the 16th she is there."""
    need = visit(
        db,
        coordinator,
        ids,
        checks=(),
        when_kind="weekly",
        on_date=None,
        weekday=2,
        part="afternoon",
    )
    db.run(needs.answer, coordinator, need, ann, "agreed", TODAY)
    db.run(skills.add_time_away, coordinator, ann, date(2026, 12, 8), date(2026, 12, 15))
    lines = {line.day: line for line in db.run(needs.rota, coordinator, 2026, 12).lines}
    ninth, sixteenth = lines[date(2026, 12, 9)], lines[date(2026, 12, 16)]
    assert (ninth.people, ninth.away, ninth.still_wanted) == ((), ("Ann Abbott",), 1)
    assert ninth.people_words == "Nobody yet (away that day: Ann Abbott) (1 more wanted)"
    assert (sixteenth.people, sixteenth.away, sixteenth.still_wanted) == (("Ann Abbott",), (), 0)


def test_dates_away_in_the_past_or_overlapping_are_refused(db, coordinator, ann):
    """Planning dates away: all in the past is refused, and so is a stretch overlapping one
    already recorded, naming it."""
    with pytest.raises(ValidationError) as caught:
        db.run(
            skills.add_time_away,
            coordinator,
            ann,
            date(2026, 11, 1),
            date(2026, 11, 5),
            today=TODAY,
        )
    assert "ends_on" in caught.value.errors
    db.run(
        skills.add_time_away, coordinator, ann, date(2026, 12, 8), date(2026, 12, 15), today=TODAY
    )
    with pytest.raises(ValidationError) as caught:
        db.run(
            skills.add_time_away,
            coordinator,
            ann,
            date(2026, 12, 15),
            date(2026, 12, 20),
            today=TODAY,
        )
    assert caught.value.errors["starts_on"] == (
        "Ann Abbott is already down as away Tuesday 8 December 2026 to Tuesday 15 December "
        "2026. Remove those dates first to change them."
    )


def test_why_someone_is_away_is_for_the_coordinator(db, actors, ann):
    """The note on dates away (a hospital stay) is blank for the committee and volunteers."""
    db.run(
        skills.add_time_away,
        actors["coordinator"],
        ann,
        date(2026, 12, 8),
        date(2026, 12, 15),
        "In hospital",
    )
    for role, note in (("coordinator", "In hospital"), ("committee", ""), ("volunteer", "")):
        (away,) = db.run(skills.offer, actors[role], ann, TODAY).away
        assert away.note == note, role


def test_old_hours_are_removed_only_by_the_coordinator(db, actors, ann):
    """A volunteer may put right a slip within a day; hours logged earlier may be in a
    funder's report, so only the coordinator removes them."""
    fresh = db.run(
        volunteer_hours.log_hours, actors["volunteer"], HoursInput(ann, TODAY, 90), TODAY
    )
    old = db.run(volunteer_hours.log_hours, actors["volunteer"], HoursInput(ann, TODAY, 60), TODAY)
    with db.transaction() as s:
        s.get(HoursGiven, old).created_at = datetime(2026, 6, 1, 10, 0)
    db.run(volunteer_hours.remove_hours, actors["volunteer"], fresh)
    with pytest.raises(NotAllowed, match="only by the coordinator"):
        db.run(volunteer_hours.remove_hours, actors["volunteer"], old)
    db.run(volunteer_hours.remove_hours, actors["coordinator"], old)


def test_absurd_hours_are_refused_in_words():
    """ "1e999999" hours would overflow: refused like any other over 24."""
    for text in ("1e999999", "25", "9" * 40):
        with pytest.raises(ValidationError, match="more than a day"):
            volunteer_hours.parse_hours(text)
    assert volunteer_hours.hours_words(1) == "1 minute"
    assert volunteer_hours.hours_words(61) == "1 hour 1 minute"


def test_a_session_with_volunteers_needs_or_hours_is_not_removed(db, coordinator, ann):
    """Removing a session would unlink the needs and hours given for it: refused, naming
    them."""
    sid = db.run(attendance.add_session, coordinator, "Crafternoon", DAY)
    need = db.run(
        needs.add_need,
        coordinator,
        NeedInput("Help at the Crafternoon", "session", "date", on_date=DAY, session_id=sid),
    )
    with pytest.raises(ValidationError) as caught:
        db.run(attendance.cancel_session, coordinator, sid)
    assert caught.value.errors["session"] == (
        "This session cannot be removed: 1 need is for it. Change those in the Volunteers "
        "room first."
    )
    db.run(needs.remove_need, coordinator, need)
    db.run(attendance.cancel_session, coordinator, sid)


def test_hours_for_a_weekly_need_at_a_grants_session_count_for_the_grant(db, coordinator, ann):
    """A grant pays for Wednesday Club: hours for the weekly "tea at Wednesday Club" need
    count (90 minutes, worth £19.07 at £12.71), hours for another need do not."""
    grant = add_application(db, coordinator, add_funder(db, coordinator), "Crafternoon")
    pays_for(db, coordinator, grant, names=("Wednesday Club",))
    tea = db.run(
        needs.add_need,
        coordinator,
        NeedInput(
            "Tea at Wednesday Club",
            "session",
            "weekly",
            weekday=2,
            session_name="Wednesday Club",
        ),
    )
    other = db.run(
        needs.add_need, coordinator, NeedInput("Sort the shed", "job", "date", on_date=TODAY)
    )
    for need_id, minutes in ((tea, 90), (other, 120)):
        data = HoursInput(ann, TODAY - timedelta(days=7), minutes, need_id=need_id)
        db.run(volunteer_hours.log_hours, coordinator, data, TODAY)
    got = db.run(volunteer_hours.grant_hours, coordinator, grant, date(2026, 4, 1), TODAY)
    assert (got.minutes, got.people, got.value_pence, got.whole_club) == (90, 1, 1907, False)
    assert db.run(needs.need, coordinator, tea).for_words == "Wednesday Club, every week"


def test_a_role_that_cannot_see_numbers_never_wipes_one(db, actors, ann, monkeypatch):
    """Were the committee allowed to change checks, the blank number it was shown would
    not replace the number on file."""
    from clubapp.services import permissions

    monkeypatch.setitem(
        permissions.CAPABILITIES, "volunteers.edit", frozenset({"coordinator", "committee"})
    )
    (dbs,) = db.run(checks.person_checks, actors["coordinator"], ann, TODAY)
    db.run(
        checks.update_check,
        actors["coordinator"],
        dbs.check_id,
        CheckInput("dbs", date(2023, 12, 1), date(2026, 12, 1), certificate_number="001234"),
        TODAY,
    )
    shown = db.run(checks.check, actors["committee"], dbs.check_id, TODAY)
    assert shown.certificate_number == ""
    renewed = CheckInput("dbs", date(2026, 11, 1), date(2029, 11, 1), certificate_number="")
    db.run(checks.update_check, actors["committee"], dbs.check_id, renewed, TODAY)
    kept = db.run(checks.check, actors["coordinator"], dbs.check_id, TODAY)
    assert (kept.certificate_number, kept.expires_on) == ("001234", date(2029, 11, 1))

"""The club's needs: the form's rules for each kind of "when", who is asked and who
agreed (the need filled and open again by itself, never more people than wanted), the
words a page shows, the list in order, the month's rota, and who may change them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clubapp.services import attendance, checks, grants, needs, programme, skills
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.grants import ApplicationInput, FunderInput
from clubapp.services.needs import NeedInput
from clubapp.services.programme import ActivityInput
from tests.conftest import TODAY, add_person

WED, FRI = 2, 4


def add(db, actor, title: str = "Help at the club", **kw) -> int:
    kw.setdefault("purpose", "session")
    kw.setdefault("when_kind", "date")
    if kw["when_kind"] == "date":
        kw.setdefault("on_date", date(2026, 11, 25))
    return db.run(needs.add_need, actor, NeedInput(title, **kw))


def view(db, actor, need_id: int) -> needs.NeedView:
    return db.run(needs.need, actor, need_id)


@pytest.fixture
def people(db, coordinator) -> dict[str, int]:
    return {
        name.split()[0].lower(): add_person(db, coordinator, name)
        for name in ("Ann Abbott", "Bob Brown", "Cath Cole")
    }


# ---------------------------------------------------------------- the form's rules


@pytest.mark.parametrize(
    ("fields", "wrong"),
    [
        ({"when_kind": "date", "on_date": None}, "on_date"),
        ({"when_kind": "weekly"}, "weekday"),
        ({"when_kind": "weekly", "weekday": 7}, "weekday"),
        (
            {
                "when_kind": "weekly",
                "weekday": WED,
                "starts_on": date(2026, 12, 9),
                "ends_on": date(2026, 12, 2),
            },
            "ends_on",
        ),
        ({"when_kind": "before"}, "by_date"),
        ({"when_kind": "sometime"}, "when_kind"),
        ({"part": "night"}, "part"),
        ({"people_wanted": 0}, "people_wanted"),
        ({"people_wanted": 51}, "people_wanted"),
        ({"purpose": "party"}, "purpose"),
        ({"checks": ("passport",)}, "checks"),
        ({"session_id": 9999}, "session_id"),
        ({"activity_id": 9999}, "activity_id"),
        ({"application_id": 9999}, "application_id"),
        ({"must_skills": (9999,)}, "skills"),
    ],
)
def test_each_mistake_is_refused_on_its_field(db, coordinator, fields, wrong):
    """Each kind of "when" needs its own date or day; the rest of the form's rules."""
    with pytest.raises(ValidationError) as caught:
        add(db, coordinator, **fields)
    assert set(caught.value.errors) == {wrong}


def test_every_mistake_is_said_at_once(db, coordinator):
    """A blank title, no day and a skill both must and nice: three errors together."""
    cooking = next(r.skill_id for r in db.run(skills.skills, coordinator) if r.name == "Cooking")
    with pytest.raises(ValidationError) as caught:
        add(db, coordinator, " ", on_date=None, must_skills=(cooking,), nice_skills=(cooking,))
    assert set(caught.value.errors) == {"title", "on_date", "skills"}


def test_each_kind_of_when_keeps_only_its_own_dates(db, coordinator):
    """Fields typed for another kind of "when" are not kept: a "before" need has no part
    of the day, a one-day need no weekday; the title's spaces are tidied."""
    before = add(
        db,
        coordinator,
        "  Help   with the  bid ",
        purpose="grant",
        when_kind="before",
        by_date=date(2026, 12, 18),
        part="morning",
        on_date=date(2026, 12, 1),
        weekday=WED,
    )
    row = view(db, coordinator, before)
    assert (row.title, row.part, row.on_date, row.weekday, row.by_date) == (
        "Help with the bid",
        None,
        None,
        None,
        date(2026, 12, 18),
    )
    one_day = add(db, coordinator, on_date=date(2026, 11, 25), weekday=FRI, part="afternoon")
    row = view(db, coordinator, one_day)
    assert (row.weekday, row.part) == (None, "afternoon")


# ---------------------------------------------------------------- words


def test_when_words_for_each_kind(db, coordinator):
    """One day with its part, every week with or without dates, and before a day."""
    cases = [
        ({"on_date": date(2026, 11, 25), "part": "afternoon"}, "Wednesday 25 November 2026, afternoon"),
        ({"on_date": date(2026, 11, 25)}, "Wednesday 25 November 2026"),
        (
            {"when_kind": "weekly", "weekday": WED, "part": "morning",
             "starts_on": date(2026, 12, 9), "ends_on": date(2026, 12, 23)},
            "Every Wednesday morning, 9 December 2026 to 23 December 2026",
        ),
        ({"when_kind": "weekly", "weekday": FRI, "starts_on": date(2026, 12, 4)},
         "Every Friday, from 4 December 2026"),
        ({"when_kind": "weekly", "weekday": FRI, "ends_on": date(2027, 3, 26)},
         "Every Friday, until 26 March 2027"),
        ({"when_kind": "before", "by_date": date(2026, 12, 18)},
         "Any time before Friday 18 December 2026"),
    ]  # fmt: skip
    for fields, words in cases:
        assert view(db, coordinator, add(db, coordinator, **fields)).when_words == words


def test_what_a_need_is_for_in_words(db, coordinator):
    """Tied to a session, an activity or a grant it names them; otherwise its purpose."""
    crafternoon = db.run(attendance.add_session, coordinator, "Crafternoon", date(2026, 12, 6))
    singing = db.run(programme.add_activity, coordinator, ActivityInput("Singing", "singing"))
    funder = db.run(grants.save_funder, coordinator, None, FunderInput("The Lottery", "lottery"))
    bid = db.run(
        grants.save_application,
        coordinator,
        None,
        ApplicationInput(funder, "The weekly club, the next three years"),
        TODAY,
    )
    cases = [
        ({"session_id": crafternoon}, "Crafternoon on Sunday 6 December 2026"),
        ({"activity_id": singing, "purpose": "activity"}, "Singing"),
        ({"application_id": bid, "purpose": "grant"}, "The weekly club, the next three years"),
        ({"purpose": "job"}, "A one-off job"),
        ({"purpose": "accounts"}, "The accounts"),
    ]
    for fields, words in cases:
        assert view(db, coordinator, add(db, coordinator, **fields)).for_words == words


def test_checks_and_skills_come_back_in_order(db, coordinator):
    """Checks in the usual order of kinds, whatever order they were ticked; skills by name,
    must apart from nice to have."""
    ids = {r.name: r.skill_id for r in db.run(skills.skills, coordinator)}
    need = add(
        db,
        coordinator,
        checks=("food_hygiene", "dbs", "food_hygiene"),
        must_skills=(ids["Singing"], ids["Music making"]),
        nice_skills=(ids["Befriending"],),
    )
    row = view(db, coordinator, need)
    assert row.checks == ("dbs", "food_hygiene")
    assert row.check_words == ("DBS check", "Food hygiene certificate")
    assert [name for _id, name in row.must_skills] == ["Music making", "Singing"]
    assert [name for _id, name in row.nice_skills] == ["Befriending"]
    assert (row.purpose_words, row.status_words) == ("A club session", "Looking for people")


# ---------------------------------------------------------------- asking people


def test_the_need_fills_and_opens_again_as_people_answer(db, coordinator, people):
    """Two wanted: asking nobody, then one agreeing, leaves it open ("1 of 2 people
    found"); the second agreeing fills it; one changing to no opens it again."""
    need = add(db, coordinator, people_wanted=2)
    assert view(db, coordinator, need).people_words == "2 people wanted, nobody yet"
    db.run(needs.answer, coordinator, need, people["ann"], "asked", TODAY)
    db.run(needs.answer, coordinator, need, people["bob"], "agreed", TODAY)
    row = view(db, coordinator, need)
    assert (row.status, row.agreed, row.still_wanted) == ("open", 1, 1)
    assert row.people_words == "1 of 2 people found"
    db.run(needs.answer, coordinator, need, people["ann"], "agreed", TODAY)
    row = view(db, coordinator, need)
    assert (row.status, row.still_wanted, row.status_words) == ("filled", 0, "Has enough people")
    assert [(p.name, p.answer_words) for p in row.people] == [
        ("Ann Abbott", "Agreed"),
        ("Bob Brown", "Agreed"),
    ]
    db.run(needs.answer, coordinator, need, people["bob"], "declined", TODAY)
    row = view(db, coordinator, need)
    assert row.status == "open"
    assert [(p.name, p.answer_words) for p in row.people] == [
        ("Ann Abbott", "Agreed"),
        ("Bob Brown", "Said no"),
    ]


def test_no_more_people_agree_than_are_wanted(db, coordinator, people):
    """One wanted and Ann agreed: Bob agreeing is refused, saying how to fix it; Ann
    saying yes again is fine. With two wanted, Bob can agree."""
    need = add(db, coordinator, people_wanted=1)
    db.run(needs.answer, coordinator, need, people["ann"], "agreed", TODAY)
    with pytest.raises(ValidationError) as caught:
        db.run(needs.answer, coordinator, need, people["bob"], "agreed", TODAY)
    assert caught.value.errors["answer"] == (
        "This need already has the 1 person it wants. Change how many are wanted first."
    )
    db.run(needs.answer, coordinator, need, people["ann"], "agreed", TODAY)
    db.run(
        needs.update_need,
        coordinator,
        need,
        NeedInput(
            "Help at the club", "session", "date", on_date=date(2026, 11, 25), people_wanted=2
        ),
    )
    assert view(db, coordinator, need).status == "open"
    db.run(needs.answer, coordinator, need, people["bob"], "agreed", TODAY)
    assert view(db, coordinator, need).status == "filled"


def test_changing_how_many_are_wanted_settles_the_status(db, coordinator, people):
    """Two agreed of three wanted is open; asking for two makes it filled."""
    need = add(db, coordinator, people_wanted=3)
    for key in ("ann", "bob"):
        db.run(needs.answer, coordinator, need, people[key], "agreed", TODAY)
    assert view(db, coordinator, need).status == "open"
    data = NeedInput(
        "Help at the club", "session", "date", on_date=date(2026, 11, 25), people_wanted=2
    )
    db.run(needs.update_need, coordinator, need, data)
    assert view(db, coordinator, need).status == "filled"


def test_the_day_first_asked_is_kept(db, coordinator, people):
    """Asked on 10 November and agreeing on 18th: asked_on stays the 10th (for fairness)."""
    need = add(db, coordinator)
    db.run(needs.answer, coordinator, need, people["ann"], "asked", date(2026, 11, 10))
    db.run(needs.answer, coordinator, need, people["ann"], "agreed", TODAY)
    assert view(db, coordinator, need).people[0].asked_on == date(2026, 11, 10)


def test_forget_asking_takes_a_person_off_and_opens_the_need(db, coordinator, people):
    """Ann agreed by mistake: forgetting it opens the need again."""
    need = add(db, coordinator)
    db.run(needs.answer, coordinator, need, people["ann"], "agreed", TODAY)
    assert view(db, coordinator, need).status == "filled"
    db.run(needs.forget_asking, coordinator, need, people["ann"])
    row = view(db, coordinator, need)
    assert (row.status, row.people) == ("open", ())


def test_done_and_cancelled_are_kept_until_opened_again(db, coordinator, people):
    """A need marked done takes no answers; opened again it settles to filled if enough
    people agreed; a wrong status is refused."""
    need = add(db, coordinator)
    db.run(needs.answer, coordinator, need, people["ann"], "agreed", TODAY)
    db.run(needs.set_status, coordinator, need, "done")
    with pytest.raises(ValidationError, match="This need is done: open it again first"):
        db.run(needs.answer, coordinator, need, people["bob"], "agreed", TODAY)
    assert view(db, coordinator, need).status == "done"
    db.run(needs.set_status, coordinator, need, "open")
    assert view(db, coordinator, need).status == "filled"
    db.run(needs.set_status, coordinator, need, "cancelled")
    assert view(db, coordinator, need).status_words == "Cancelled"
    with pytest.raises(ValidationError):
        db.run(needs.set_status, coordinator, need, "lost")
    with pytest.raises(ValidationError):
        db.run(needs.answer, coordinator, need, people["bob"], "maybe", TODAY)
    with pytest.raises(NotFound):
        db.run(needs.answer, coordinator, need, 9999, "asked", TODAY)


def test_removing_a_need_keeps_the_hours_given_for_it(db, coordinator, people):
    """The need goes; hours logged against it stay, without the need."""
    from clubapp.services import volunteer_hours
    from clubapp.services.volunteer_hours import HoursInput

    need = add(db, coordinator, on_date=TODAY)
    hours = db.run(
        volunteer_hours.log_hours,
        coordinator,
        HoursInput(people["ann"], TODAY, 90, need_id=need),
        TODAY,
    )
    db.run(needs.remove_need, coordinator, need)
    with pytest.raises(NotFound):
        view(db, coordinator, need)
    rows = db.run(volunteer_hours.hours_log, coordinator, TODAY, TODAY)
    assert [(r.hours_id, r.need_id, r.minutes) for r in rows] == [(hours, None, 90)]
    with pytest.raises(NotFound):
        db.run(needs.remove_need, coordinator, need)


# ---------------------------------------------------------------- the list and the rota


def test_needs_soonest_first_with_passed_ones_at_the_top(db, coordinator):
    """Open and filled by default, soonest first: a weekly need whose weeks ended (its
    last Wednesday, 11 Nov), a passed one-day need (13 Nov), the next Friday slot (20 Nov), a one-day need on 25 Nov, a
    "before" need on 18 Dec; done needs only when asked for."""
    add(db, coordinator, "Later", on_date=date(2026, 11, 25))
    add(
        db,
        coordinator,
        "By December",
        purpose="grant",
        when_kind="before",
        by_date=date(2026, 12, 18),
    )
    add(db, coordinator, "Fridays", when_kind="weekly", weekday=FRI, part="morning")
    add(db, coordinator, "Last week", on_date=date(2026, 11, 13))
    add(
        db,
        coordinator,
        "Over",
        when_kind="weekly",
        weekday=WED,
        starts_on=date(2026, 10, 1),
        ends_on=date(2026, 11, 15),
    )
    done = add(db, coordinator, "Done", on_date=date(2026, 11, 4))
    db.run(needs.set_status, coordinator, done, "done")
    rows = db.run(needs.needs, coordinator, TODAY)
    assert [r.title for r in rows] == ["Over", "Last week", "Fridays", "Later", "By December"]
    assert rows[0].day_of(TODAY) == date(2026, 11, 11)
    assert rows[2].day_of(TODAY) == date(2026, 11, 20)
    every = db.run(needs.needs, coordinator, TODAY, statuses=("done",))
    assert [r.title for r in every] == ["Done"]


def test_rota_expands_weekly_needs_within_their_dates(db, coordinator, people):
    """December 2026: a weekly Wednesday need from 9 to 23 December is on the 9th, 16th
    and 23rd; an every-Friday need on each of the four Fridays; a one-day need on its
    day; a "before" need on its day, marked "By"; a cancelled need and one in another
    month are left out. Agreed names, and how many more are wanted while open."""
    tea = add(
        db,
        coordinator,
        "Tea",
        when_kind="weekly",
        weekday=WED,
        part="morning",
        starts_on=date(2026, 12, 9),
        ends_on=date(2026, 12, 23),
        people_wanted=2,
    )
    add(db, coordinator, "Drive", when_kind="weekly", weekday=FRI, part="morning")
    add(db, coordinator, "Lunch", on_date=date(2026, 12, 16))
    add(db, coordinator, "Bid", purpose="grant", when_kind="before", by_date=date(2026, 12, 16))
    add(db, coordinator, "November", on_date=date(2026, 11, 25))
    gone = add(db, coordinator, "Called off", on_date=date(2026, 12, 2))
    db.run(needs.set_status, coordinator, gone, "cancelled")
    db.run(needs.answer, coordinator, tea, people["bob"], "agreed", TODAY)
    db.run(needs.answer, coordinator, tea, people["ann"], "asked", TODAY)
    rota = db.run(needs.rota, coordinator, 2026, 12)
    assert rota.title_words == "December 2026"
    assert [(line.day.day, line.title) for line in rota.lines] == [
        (4, "Drive"),
        (9, "Tea"),
        (11, "Drive"),
        (16, "Lunch"),
        (16, "Tea"),
        (16, "Bid"),
        (18, "Drive"),
        (23, "Tea"),
        (25, "Drive"),
    ]
    tea_line = rota.lines[1]
    assert tea_line.when_words == "Wednesday 9 December 2026, morning"
    assert tea_line.people_words == "Bob Brown (1 more wanted)"
    assert rota.lines[5].when_words == "By Wednesday 16 December 2026"
    assert rota.lines[3].people_words == "Nobody yet (1 more wanted)"


def test_rota_of_a_month_with_nothing_and_a_wrong_month(db, coordinator):
    """A month with no needs has no lines; month 13 is refused."""
    assert db.run(needs.rota, coordinator, 2027, 2).lines == ()
    with pytest.raises(ValidationError):
        db.run(needs.rota, coordinator, 2026, 13)


# ---------------------------------------------------------------- roles


@pytest.mark.parametrize("role", ["treasurer", "volunteer", "committee"])
def test_only_the_coordinator_changes_needs_and_asks_people(db, actors, people, role):
    """Adding, changing, marking, removing and asking are the coordinator's; everyone may
    see the needs and the rota."""
    coordinator, who = actors["coordinator"], actors[role]
    need = add(db, coordinator)
    data = NeedInput("Changed", "job", "date", on_date=TODAY)
    for fn, args in (
        (needs.add_need, (data,)),
        (needs.update_need, (need, data)),
        (needs.set_status, (need, "done")),
        (needs.remove_need, (need,)),
        (needs.answer, (need, people["ann"], "asked", TODAY)),
        (needs.forget_asking, (need, people["ann"])),
    ):
        with pytest.raises(NotAllowed):
            db.run(fn, who, *args)
    assert [r.need_id for r in db.run(needs.needs, who, TODAY)] == [need]
    assert db.run(needs.rota, who, 2026, 11).lines[0].need_id == need


def test_a_need_not_there_is_not_found(db, coordinator):
    """Opening or changing a need removed elsewhere says it is not there any more."""
    with pytest.raises(NotFound):
        view(db, coordinator, 9999)
    with pytest.raises(NotFound):
        db.run(needs.set_status, coordinator, 9999, "done")
    with pytest.raises(NotFound):
        db.run(needs.update_need, coordinator, 9999, NeedInput("X", "job", "date", on_date=TODAY))


def test_a_weekly_need_with_no_week_in_its_dates_has_no_day(db, coordinator):
    """Fridays between a Monday and the Tuesday after: no Friday at all, so no day."""
    need = add(
        db,
        coordinator,
        when_kind="weekly",
        weekday=FRI,
        starts_on=date(2026, 11, 23),
        ends_on=date(2026, 11, 24),
    )
    assert view(db, coordinator, need).day_of(TODAY) is None
    assert view(db, coordinator, need).day_of(TODAY - timedelta(days=30)) is None


def test_many_needs_read_at_once_give_the_same_views(db, coordinator, people, monkeypatch):
    """Past the number of needs the queries name one by one, every need's skills, checks
    and people are read at once: the views are the same."""
    ids = {r.name: r.skill_id for r in db.run(skills.skills, coordinator)}
    first = add(db, coordinator, "One", must_skills=(ids["Cooking"],), checks=("references",))
    db.run(checks.add_check, coordinator, people["ann"], checks.CheckInput("references"), TODAY)
    add(db, coordinator, "Two", nice_skills=(ids["Singing"],), people_wanted=2)
    db.run(needs.answer, coordinator, first, people["ann"], "agreed", TODAY)
    named = db.run(needs.needs, coordinator, TODAY)
    monkeypatch.setattr(needs, "_NAMED_MAX", 1)
    assert db.run(needs.needs, coordinator, TODAY) == named
    assert [v.status for v in named] == ["filled", "open"]

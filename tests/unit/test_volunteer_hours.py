"""Hours people give: typed hours to minutes, words and figures, the value at the club's
rate (to the nearest penny, half up), logging with its rules and roles, the log, totals
per person and per month, and the hours a grant's statement counts, worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from clubapp.services import attendance, club, grant_delivery, grants, needs, programme
from clubapp.services import volunteer_hours as vh
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.grants import ApplicationInput, FunderInput
from clubapp.services.needs import NeedInput
from clubapp.services.programme import ActivityInput
from clubapp.services.volunteer_hours import HoursInput
from tests.conftest import TODAY, add_person

OCTOBER = date(2026, 10, 1)
END_OF_NOVEMBER = date(2026, 11, 30)


# ---------------------------------------------------------------- typed hours


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("2", 120),
        ("2.5", 150),
        ("1½", 90),
        ("½", 30),
        ("1 ½", 90),
        ("2¼", 135),
        ("¾", 45),
        ("3½ hours", 210),
        ("2:30", 150),
        ("0:45", 45),
        (".5", 30),
        ("2,5", 150),
        (" 3 hours ", 180),
        ("1 hour", 60),
        ("2h", 120),
        ("1.5 hrs", 90),
        ("1.33", 80),
        ("24", 1440),
    ],
)
def test_typed_hours_become_minutes(typed, minutes):
    """Whole, decimal, a half sign, clock style, a decimal comma and a word after."""
    assert vh.parse_hours(typed) == minutes


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("0", "The hours must be more than nothing. Type them like 2.5."),
        ("0:00", "The hours must be more than nothing. Type them like 2.5."),
        ("-1", "The hours must be more than nothing. Type them like 2.5."),
        ("25", "That is more than a day. Log each day on its own."),
        ("24:30", "That is more than a day. Log each day on its own."),
        ("abc", "'abc' is not a number of hours. Type it like 2 or 2.5."),
        ("2:75", "'2:75' is not a number of hours. Type it like 2 or 2.5."),
        ("", "Type the hours given, for example 2 or 2.5."),
        ("   ", "Type the hours given, for example 2 or 2.5."),
        ("hours", "Type the hours given, for example 2 or 2.5."),
        ("nan", "Type the hours given, for example 2 or 2.5."),
    ],
)
def test_wrong_hours_are_refused_saying_how_to_type_them(typed, says):
    """Nothing, a negative, more than a day, words, and a clock past 59 minutes."""
    with pytest.raises(ValidationError) as caught:
        vh.parse_hours(typed, "hours_given")
    assert caught.value.errors == {"hours_given": says}


def test_hours_in_words_and_figures():
    """Words for people ("2½ hours", "45 minutes"), figures for tables ("2.5")."""
    assert [vh.hours_words(m) for m in (120, 150, 60, 45, 80, 30, 90)] == [
        "2 hours",
        "2½ hours",
        "1 hour",
        "45 minutes",
        "1 hour 20 minutes",
        "30 minutes",
        "1½ hours",
    ]


def test_value_at_the_rate_is_rounded_half_up_to_the_penny():
    """At £12.71 an hour: 90 minutes is £19.065, so 1907p; 30 minutes £6.355, 636p;
    1 minute 21.18p, 21p; at £12.70, 30 minutes is exactly 635p."""
    assert vh.value_pence(90, 1271) == 1907
    assert vh.value_pence(30, 1271) == 636
    assert vh.value_pence(1, 1271) == 21
    assert vh.value_pence(30, 1270) == 635
    assert vh.value_pence(0, 1271) == 0
    assert vh.value_pence(600, 0) == 0


# ---------------------------------------------------------------- logging


@pytest.fixture
def ann(db, coordinator) -> int:
    return add_person(db, coordinator, "Ann Abbott", kinds=("volunteer",))


def test_logging_refuses_the_future_nothing_and_lost_links(db, coordinator, ann):
    """Not after today, more than nothing and at most a day, a person, need and session
    that are there, and a short note: every mistake named on its field at once."""
    data = HoursInput(9999, date(2026, 11, 19), 0, need_id=9999, session_id=9999, note="x" * 201)
    with pytest.raises(ValidationError) as caught:
        db.run(vh.log_hours, coordinator, data, TODAY)
    assert set(caught.value.errors) == {"person", "on_date", "hours", "need", "session", "note"}
    with pytest.raises(ValidationError):
        db.run(vh.log_hours, coordinator, HoursInput(ann, TODAY, 1441), TODAY)
    hours_id = db.run(vh.log_hours, coordinator, HoursInput(ann, TODAY, 1440, note=" ok "), TODAY)
    assert db.run(vh.hours_log, coordinator, TODAY, TODAY)[0].hours_id == hours_id


@pytest.mark.parametrize(
    ("role", "allowed"), [("volunteer", True), ("treasurer", False), ("committee", False)]
)
def test_the_coordinator_and_volunteers_log_hours(db, actors, ann, role, allowed):
    """A volunteer running a session may log and remove hours; the treasurer and the
    committee may only read them."""
    who = actors[role]
    if allowed:
        hours_id = db.run(vh.log_hours, who, HoursInput(ann, TODAY, 60), TODAY)
        db.run(vh.remove_hours, who, hours_id)
        with pytest.raises(NotFound):
            db.run(vh.remove_hours, who, hours_id)
        return
    with pytest.raises(NotAllowed):
        db.run(vh.log_hours, who, HoursInput(ann, TODAY, 60), TODAY)
    hours_id = db.run(vh.log_hours, actors["coordinator"], HoursInput(ann, TODAY, 60), TODAY)
    with pytest.raises(NotAllowed):
        db.run(vh.remove_hours, who, hours_id)
    assert len(db.run(vh.hours_log, who, TODAY, TODAY)) == 1
    assert db.run(vh.totals, who, TODAY, TODAY).minutes == 60


# ---------------------------------------------------------------- the log, totals, grants


@pytest.fixture
def given(db, coordinator) -> dict[str, int]:
    """Three grants and hours given around October and November 2026:

    sessions  Crafternoon 4 Oct; Wednesday Club 7 Oct; Wednesday Club 4 Nov (Singing on
              its programme)
    grants    "Crafternoon" names the Crafternoon; "Core costs" names nothing (the whole
              club); "Music" names the activity Singing
    needs     "Write the bid" for the Crafternoon grant; "Set up the Crafternoon" for the
              session of 4 Oct; "Leaflets", a one-off job
    hours     Ann  60 on 20 Sep at the Crafternoon (before the period)
              Ann 120 on  4 Oct at the Crafternoon, "Set up tables"
              Bob 150 on  3 Oct for "Set up the Crafternoon"
              Bob  90 on  7 Oct at Wednesday Club
              Cath 60 on 20 Oct for "Write the bid"
              Ann  30 on  2 Nov for "Leaflets"
              Dan  45 on  4 Nov at Wednesday Club (with Singing)
              Dan  30 on 18 Nov, a note only: "Phoned round"
    """
    people = {
        key: add_person(db, coordinator, name)
        for key, name in (
            ("ann", "Ann Abbott"),
            ("bob", "Bob Brown"),
            ("cath", "Cath Cole"),
            ("dan", "Dan Dale"),
        )
    }
    craft = db.run(attendance.add_session, coordinator, "Crafternoon", date(2026, 10, 4))
    wed1 = db.run(attendance.add_session, coordinator, "Wednesday Club", date(2026, 10, 7))
    wed2 = db.run(attendance.add_session, coordinator, "Wednesday Club", date(2026, 11, 4))
    singing = db.run(programme.add_activity, coordinator, ActivityInput("Singing", "singing"))
    db.run(programme.add_to_programme, coordinator, wed2, singing)
    funder = db.run(grants.save_funder, coordinator, None, FunderInput("The Trust", "trust"))

    def grant(title: str, **kw) -> int:
        data = ApplicationInput(funder, title, **kw)
        return db.run(grants.save_application, coordinator, None, data, date(2026, 9, 1))

    made = {
        "craft_grant": grant("Crafternoon", session_names=("crafternoon",)),
        "core_grant": grant("Core costs"),
        "music_grant": grant("Music", activity_ids=(singing,)),
    }

    def need(title: str, **kw) -> int:
        data = NeedInput(title, kw.pop("purpose", "job"), "before", by_date=END_OF_NOVEMBER, **kw)
        return db.run(needs.add_need, coordinator, data)

    bid = need("Write the bid", purpose="grant", application_id=made["craft_grant"])
    setup = need("Set up the Crafternoon", purpose="session", session_id=craft)
    leaflets = need("Leaflets")
    for who, on, minutes, links in (
        ("ann", date(2026, 9, 20), 60, {"session_id": craft}),
        ("ann", date(2026, 10, 4), 120, {"session_id": craft, "note": "Set up tables"}),
        ("bob", date(2026, 10, 3), 150, {"need_id": setup}),
        ("bob", date(2026, 10, 7), 90, {"session_id": wed1}),
        ("cath", date(2026, 10, 20), 60, {"need_id": bid}),
        ("ann", date(2026, 11, 2), 30, {"need_id": leaflets}),
        ("dan", date(2026, 11, 4), 45, {"session_id": wed2}),
        ("dan", date(2026, 11, 18), 30, {"note": "Phoned round"}),
    ):
        db.run(vh.log_hours, coordinator, HoursInput(people[who], on, minutes, **links), TODAY)
    return made | people


def test_the_log_newest_first_saying_what_each_was_for(db, coordinator, given):
    """Newest first; a need's title or a session's name, with the note after a colon; a
    note alone; one person's entries only when asked."""
    rows = db.run(vh.hours_log, coordinator, date(2026, 11, 1), TODAY)
    assert [(r.on_date.day, r.name, r.what) for r in rows] == [
        (18, "Dan Dale", "Phoned round"),
        (4, "Dan Dale", "Wednesday Club"),
        (2, "Ann Abbott", "Leaflets"),
    ]
    anns = db.run(vh.hours_log, coordinator, OCTOBER, END_OF_NOVEMBER, given["ann"])
    assert [(r.what, r.minutes) for r in anns] == [
        ("Leaflets", 30),
        ("Crafternoon: Set up tables", 120),
    ]


def test_totals_per_person_and_per_month(db, coordinator, given):
    """October and November: Bob 150+90 = 240 in 2 entries, Ann 120+30 = 150 (her
    September hour is outside), Cath 60, Dan 45+30 = 75; October 420 minutes by 3
    people, November 105 by 2; 525 minutes in all, worth 525 x 1271 / 60 = 11,121.25p,
    so 11,121p."""
    totals = db.run(vh.totals, coordinator, OCTOBER, END_OF_NOVEMBER)
    assert [(p.name, p.minutes, p.times) for p in totals.by_person] == [
        ("Bob Brown", 240, 2),
        ("Ann Abbott", 150, 2),
        ("Dan Dale", 75, 2),
        ("Cath Cole", 60, 1),
    ]
    assert [(m.words, m.minutes, m.people) for m in totals.by_month] == [
        ("October 2026", 420, 3),
        ("November 2026", 105, 2),
    ]
    assert (totals.minutes, totals.rate_pence, totals.value_pence) == (525, 1271, 11_121)


def test_the_rate_is_the_clubs_setting(db, coordinator, given):
    """At £15 an hour, 525 minutes are worth £131.25."""
    db.run(club.set_int_setting, coordinator, "volunteer_hour_pence", 1500)
    assert db.run(vh.totals, coordinator, OCTOBER, END_OF_NOVEMBER).value_pence == 13_125


def test_a_grant_naming_sessions_counts_their_hours_and_its_needs(db, coordinator, given):
    """The Crafternoon grant: Ann's 120 at the session, Bob's 150 for the need tied to that
    session, Cath's 60 for the need tied to the grant: 330 minutes by 3 people, worth
    330 x 1271 / 60 = 6,990.5p, so 6,991p. Ann's September hour is before the period."""
    hours = db.run(vh.grant_hours, coordinator, given["craft_grant"], OCTOBER, END_OF_NOVEMBER)
    assert (hours.minutes, hours.people, hours.whole_club) == (330, 3, False)
    assert hours.value_pence == 6_991
    september = db.run(
        vh.grant_hours, coordinator, given["craft_grant"], date(2026, 9, 1), date(2026, 9, 30)
    )
    assert (september.minutes, september.people) == (60, 1)


def test_a_grant_naming_an_activity_counts_sessions_with_it_on_the_programme(
    db, coordinator, given
):
    """The Music grant names Singing: only Dan's 45 minutes at the Wednesday Club of
    4 November, which had Singing on its programme."""
    hours = db.run(vh.grant_hours, coordinator, given["music_grant"], OCTOBER, END_OF_NOVEMBER)
    assert (hours.minutes, hours.people, hours.whole_club) == (45, 1, False)


def test_a_grant_for_the_whole_club_counts_every_hour(db, coordinator, given):
    """Core costs names nothing: all 525 minutes in the period, by 4 people."""
    hours = db.run(vh.grant_hours, coordinator, given["core_grant"], OCTOBER, END_OF_NOVEMBER)
    assert (hours.minutes, hours.people, hours.whole_club) == (525, 4, True)
    assert hours.value_pence == 11_121


def test_the_grant_statement_carries_the_volunteer_time(db, coordinator, given):
    """What a grant delivered includes its volunteer hours for the same period."""
    delivered = db.run(
        grant_delivery.delivery, coordinator, given["craft_grant"], OCTOBER, END_OF_NOVEMBER, TODAY
    )
    assert delivered.volunteers is not None
    assert delivered.volunteers.minutes == 330
    assert delivered.volunteers.ends == TODAY


def test_grant_hours_are_for_those_who_see_grants(db, actors, given):
    """A volunteer does not see grants, so not a grant's hours; a grant not there is not
    found."""
    with pytest.raises(NotAllowed):
        db.run(vh.grant_hours, actors["volunteer"], given["core_grant"], OCTOBER, TODAY)
    with pytest.raises(NotFound):
        db.run(vh.grant_hours, actors["coordinator"], 9999, OCTOBER, TODAY)


def test_several_entries_are_logged_together_or_not_at_all(db, actors, ann):
    """Everyone who helped at a session, logged at once; one wrong entry (a day after
    today) saves none, naming the problem; the committee may not log."""
    coordinator = actors["coordinator"]
    bob = add_person(db, coordinator, "Bob Brown")
    club_day = db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY)
    entries = [HoursInput(pid, TODAY, 150, session_id=club_day) for pid in (ann, bob)]
    ids = db.run(vh.log_many, coordinator, entries, TODAY)
    assert len(ids) == 2
    assert db.run(vh.totals, coordinator, TODAY, TODAY).minutes == 300
    wrong = [HoursInput(ann, TODAY, 60), HoursInput(bob, date(2026, 11, 19), 60)]
    with pytest.raises(ValidationError) as caught:
        db.run(vh.log_many, coordinator, wrong, TODAY)
    assert set(caught.value.errors) == {"on_date"}
    assert db.run(vh.totals, coordinator, TODAY, TODAY).minutes == 300
    with pytest.raises(NotAllowed):
        db.run(vh.log_many, actors["committee"], entries, TODAY)

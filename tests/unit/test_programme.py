"""Activities and the programme: plain-words rules, sessions in date order with their
activities, and putting what members chose in a vote on the programme."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import func, select

from clubapp.models.attendance import ClubSession
from clubapp.models.votes import Activity, ProgrammeEntry
from clubapp.services import attendance, programme, votes
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.programme import ActivityInput, parse_pence, pence_words
from clubapp.services.votes import BallotInput, OptionInput
from tests.conftest import TODAY

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def add(db, actor, name: str = "Singing", **kw) -> int:
    kw.setdefault("picture", "singing")
    return db.run(programme.add_activity, actor, ActivityInput(name=name, **kw))


def errors_of(db, fn, *args) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        db.run(fn, *args)
    return caught.value.errors


@pytest.fixture
def days(db, coordinator) -> dict[str, int]:
    """Three sessions in December 2026 (one cancelled) and one in January."""
    made = {
        "wed": db.run(
            attendance.add_session, coordinator, "Wednesday Club", date(2026, 12, 2), time(13, 30)
        ),
        "fri": db.run(
            attendance.add_session, coordinator, "Friday Club", date(2026, 12, 4), time(10, 0)
        ),
        "off": db.run(attendance.add_session, coordinator, "Cancelled Club", date(2026, 12, 9)),
        "jan": db.run(attendance.add_session, coordinator, "Wednesday Club", date(2027, 1, 6)),
    }
    with db.transaction() as session:
        session.get(ClubSession, made["off"]).cancelled = True  # type: ignore[union-attr]
    return made


# ---------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("typed", "pence"),
    [
        ("£3.50", 350),
        ("3.50", 350),
        ("3.5", 350),
        ("3", 300),
        (" £ 12 ", 1200),
        ("£1,200.00", 120000),
        ("50p", 50),
        (".75", 75),
        ("", 0),
        ("Free", 0),
    ],
)
def test_money_is_read_into_whole_pence_with_decimal(typed, pence):
    """What people type becomes whole pence, never through a float (0.1 + 0.2 traps)."""
    assert parse_pence(typed) == pence


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("-2", "cannot be less than £0"),
        ("3.505", "more than two figures after the point"),
        ("three pounds", "is not an amount of money"),
        ("£3.50.2", "is not an amount of money"),
    ],
)
def test_money_that_cannot_be_read_says_how_to_write_it(typed, words):
    with pytest.raises(ValidationError) as caught:
        parse_pence(typed)
    message = caught.value.errors["cost_pence"]
    assert words in message and "like £3.50" in message


def test_money_in_words():
    assert [pence_words(p) for p in (0, 50, 300, 350, 120005)] == [
        "Free",
        "50p",
        "£3",
        "£3.50",
        "£1,200.05",
    ]


# ---------------------------------------------------------------- activities


def test_an_activity_is_added_listed_and_retired_but_kept(db, coordinator, person_factory):
    """A retired activity leaves the list but stays in the records for old programmes."""
    leader = person_factory("Rosa Lind", known_as="Rosa", kinds=("volunteer",))
    singing = add(
        db, coordinator, "  Singing   together ", description="Old songs.", leader_id=leader
    )
    quiz = add(db, coordinator, "Quiz", picture="quiz", cost_pence=150)
    rows = db.run(programme.list_activities, coordinator)
    assert [(r.name, r.leader, r.cost_words) for r in rows] == [
        ("Quiz", "", "£1.50"),
        ("Singing together", "Rosa", "Free"),
    ]
    db.run(programme.retire_activity, coordinator, quiz)
    assert [r.activity_id for r in db.run(programme.list_activities, coordinator)] == [singing]
    everything = db.run(programme.list_activities, coordinator, include_retired=True)
    assert [(r.name, r.retired) for r in everything] == [
        ("Quiz", True),
        ("Singing together", False),
    ]


def test_an_activity_name_is_needed_and_unique_whatever_the_case(db, coordinator):
    add(db, coordinator, "Singing")
    same = errors_of(db, programme.add_activity, coordinator, ActivityInput("  singing ", "music"))
    assert same == {"name": "There is already an activity called Singing."}
    blank = errors_of(db, programme.add_activity, coordinator, ActivityInput("   ", "music"))
    assert blank["name"] == "Type the activity's name."


def test_a_retired_name_says_to_bring_it_back(db, coordinator):
    singing = add(db, coordinator, "Singing")
    db.run(programme.retire_activity, coordinator, singing)
    message = errors_of(db, programme.add_activity, coordinator, ActivityInput("Singing", "music"))
    assert "bring it back" in message["name"]
    db.run(programme.retire_activity, coordinator, singing, False)
    assert [r.name for r in db.run(programme.list_activities, coordinator)] == ["Singing"]


def test_an_activity_needs_a_picture_from_the_library_or_a_photo(db, coordinator):
    none = errors_of(db, programme.add_activity, coordinator, ActivityInput("Bingo", None))
    assert none == {"picture": "Choose a picture for the activity, or add a photo of it."}
    unknown = errors_of(db, programme.add_activity, coordinator, ActivityInput("Bingo", "bingo"))
    assert "Choose the picture again" in unknown["picture"]
    bad_photo = errors_of(
        db, programme.add_activity, coordinator, ActivityInput("Bingo", None, photo=b"GIF89a")
    )
    assert "JPEG or PNG" in bad_photo["photo"]
    with_photo = add(db, coordinator, "Bingo", picture=None, photo=PNG)
    row = db.run(programme.get_activity, coordinator, with_photo)
    assert row.has_photo and row.picture is None
    assert db.run(programme.activity_photo, coordinator, with_photo) == PNG


def test_cost_is_whole_pence_and_not_negative(db, coordinator):
    def cost_error(cost) -> str:
        data = ActivityInput("Trip", "outing", cost_pence=cost)
        return errors_of(db, programme.add_activity, coordinator, data)["cost_pence"]

    assert "cannot be less than £0" in cost_error(-1)
    assert "whole pence" in cost_error(3.5)
    assert "whole pence" in cost_error("350")
    assert "Check the cost" in cost_error(500_000)


def test_every_problem_is_named_at_once_and_nothing_is_saved(db, coordinator):
    data = ActivityInput("", None, cost_pence=-5, leader_id=9999)
    errors = errors_of(db, programme.add_activity, coordinator, data)
    assert set(errors) == {"name", "picture", "cost_pence", "leader_id"}
    assert db.run(programme.list_activities, coordinator, include_retired=True) == []


def test_update_changes_everything_and_keeps_the_name_rule(db, coordinator):
    singing = add(db, coordinator, "Singing")
    add(db, coordinator, "Quiz", picture="quiz")
    db.run(
        programme.update_activity,
        coordinator,
        singing,
        ActivityInput("Singing", "music", description="With the piano.", cost_pence=200),
    )  # its own name is no clash
    row = db.run(programme.get_activity, coordinator, singing)
    assert (row.picture, row.description, row.cost_pence) == ("music", "With the piano.", 200)
    clash = errors_of(
        db, programme.update_activity, coordinator, singing, ActivityInput("QUIZ", "music")
    )
    assert clash == {"name": "There is already an activity called Quiz."}
    with pytest.raises(NotFound):
        db.run(programme.update_activity, coordinator, 999, ActivityInput("X", "music"))


def test_only_the_coordinator_changes_activities_but_everyone_sees_them(db, actors):
    add(db, actors["coordinator"], "Singing")
    for role in ("treasurer", "committee", "volunteer"):
        with pytest.raises(NotAllowed, match="Only the coordinator"):
            add(db, actors[role], f"Quiz {role}", picture="quiz")
        assert [r.name for r in db.run(programme.list_activities, actors[role])] == ["Singing"]


# ---------------------------------------------------------------- the programme


def test_the_programme_lists_sessions_in_date_order_with_their_activities(
    db, coordinator, days, person_factory
):
    """Each session not cancelled, in date order, with its activities in planned order,
    leader, cost and the words for a members' vote; empty sessions are listed too."""
    leader = person_factory("Rosa Lind", known_as="Rosa", kinds=("volunteer",))
    singing = add(db, coordinator, "Singing", leader_id=leader, description="Old songs.")
    quiz = add(db, coordinator, "Quiz", picture="quiz", cost_pence=150)
    db.run(programme.add_to_programme, coordinator, days["fri"], quiz)
    db.run(programme.add_to_programme, coordinator, days["wed"], quiz, note="Bring a pen")
    db.run(programme.add_to_programme, coordinator, days["wed"], singing)
    got = db.run(programme.programme, coordinator, date(2026, 12, 1), date(2026, 12, 31))
    assert [(d.name, d.on_date, d.start_time) for d in got] == [
        ("Wednesday Club", date(2026, 12, 2), time(13, 30)),
        ("Friday Club", date(2026, 12, 4), time(10, 0)),
    ]
    wed, fri = got
    assert [a.name for a in wed.activities] == ["Quiz", "Singing"]
    assert [(a.name, a.cost_words, a.note) for a in fri.activities] == [("Quiz", "£1.50", "")]
    quiz_row, singing_row = wed.activities
    assert (quiz_row.note, quiz_row.chosen_words) == ("Bring a pen", "")
    assert (singing_row.leader, singing_row.description) == ("Rosa", "Old songs.")
    # A retired activity still shows where it was planned.
    db.run(programme.retire_activity, coordinator, quiz)
    again = db.run(programme.programme, coordinator, date(2026, 12, 4), date(2026, 12, 4))
    assert [a.name for a in again[0].activities] == ["Quiz"]


def test_the_programme_of_a_period_with_no_sessions_is_empty(db, coordinator, days):
    assert db.run(programme.programme, coordinator, date(2026, 12, 10), date(2026, 12, 31)) == []
    with pytest.raises(ValidationError) as caught:
        db.run(programme.programme, coordinator, date(2026, 12, 31), date(2026, 12, 1))
    assert caught.value.errors == {"date_to": "The end of the period is before its start."}


def test_add_to_programme_refuses_in_plain_words(db, coordinator, days):
    singing = add(db, coordinator, "Singing")
    db.run(programme.add_to_programme, coordinator, days["wed"], singing)
    twice = errors_of(db, programme.add_to_programme, coordinator, days["wed"], singing)
    assert twice == {
        "activity_id": "Singing is already on the programme for Wednesday Club on "
        "Wednesday 2 December 2026."
    }
    cancelled = errors_of(db, programme.add_to_programme, coordinator, days["off"], singing)
    assert "is cancelled" in cancelled["session_id"]
    missing = errors_of(db, programme.add_to_programme, coordinator, 9999, singing)
    assert "not in the records" in missing["session_id"]
    no_activity = errors_of(db, programme.add_to_programme, coordinator, days["fri"], 9999)
    assert "not there any more" in no_activity["activity_id"]
    db.run(programme.retire_activity, coordinator, singing)
    retired = errors_of(db, programme.add_to_programme, coordinator, days["fri"], singing)
    assert "Bring it back first" in retired["activity_id"]


def test_remove_from_programme(db, coordinator, days, actors):
    singing = add(db, coordinator, "Singing")
    entry = db.run(programme.add_to_programme, coordinator, days["wed"], singing)
    with pytest.raises(NotAllowed):
        db.run(programme.remove_from_programme, actors["volunteer"], entry)
    db.run(programme.remove_from_programme, coordinator, entry)
    got = db.run(programme.programme, coordinator, date(2026, 12, 2), date(2026, 12, 2))
    assert got[0].activities == ()
    with pytest.raises(NotFound):
        db.run(programme.remove_from_programme, coordinator, entry)


def test_programme_permissions(db, actors, days):
    singing = add(db, actors["coordinator"], "Singing")
    with pytest.raises(NotAllowed, match="Only the coordinator"):
        db.run(programme.add_to_programme, actors["volunteer"], days["wed"], singing)
    for role in ("treasurer", "committee", "volunteer"):
        db.run(programme.programme, actors[role], date(2026, 12, 1), date(2026, 12, 31))


# ---------------------------------------------------------------- from a vote


@pytest.fixture
def voted(db, coordinator, person_factory):
    """A club session today where three members came, and an activity vote there."""
    club_session = db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY)
    people = [person_factory(name) for name in ("Ivy Clarke", "Jo Hart", "Ken Ito")]
    for person in people:
        db.run(attendance.set_present, coordinator, club_session, person, True)

    def ballot(*options: OptionInput) -> tuple[int, list[int]]:
        ballot_id = db.run(
            votes.create_ballot,
            coordinator,
            BallotInput("activity", "What shall we do?", options, session_id=club_session),
        )
        ids = [o.option_id for o in db.run(votes.get_ballot, coordinator, ballot_id).options]
        return ballot_id, ids

    def cast(ballot_id: int, choices: list[int], close: bool = True) -> None:
        for person, option in zip(people, choices, strict=False):
            db.run(votes.cast_vote, coordinator, ballot_id, person, [(option, "chosen")])
        if close:
            db.run(votes.close_ballot, coordinator, ballot_id)

    return ballot, cast


def count(db, model) -> int:
    return db.run(lambda s: s.scalar(select(func.count()).select_from(model)))


def test_from_vote_makes_the_winner_an_activity_on_each_chosen_session(
    db, coordinator, days, voted
):
    """A choice with no activity behind it becomes one (its words and picture), put on
    every chosen session and marked as the members' choice with the vote's date."""
    ballot, cast = voted
    ballot_id, (singing, crafts) = ballot(
        OptionInput("Singing", picture="singing"), OptionInput("Crafternoon", picture="crafts")
    )
    cast(ballot_id, [crafts, crafts, singing])
    done = db.run(programme.from_vote, coordinator, ballot_id, [days["wed"], days["fri"]])
    assert done.name == "Crafternoon" and done.created and len(done.entry_ids) == 2
    activity = db.run(programme.get_activity, coordinator, done.activity_id)
    assert (activity.name, activity.picture) == ("Crafternoon", "crafts")
    got = db.run(programme.programme, coordinator, date(2026, 12, 1), date(2026, 12, 31))
    for day in got:
        assert [(a.name, a.ballot_id) for a in day.activities] == [("Crafternoon", ballot_id)]
        assert day.activities[0].chosen_words == ("Chosen by the members' vote on 18 November 2026")


def test_from_vote_uses_the_options_activity_or_one_with_its_name(db, coordinator, days, voted):
    ballot, cast = voted
    quiz = add(db, coordinator, "Quiz", picture="quiz", cost_pence=100)
    db.run(programme.retire_activity, coordinator, quiz)
    ballot_id, (first, second) = ballot(
        OptionInput("A big quiz", picture="quiz", activity_id=quiz),
        OptionInput("Walk", picture="walking"),
    )
    cast(ballot_id, [first, first, second])
    done = db.run(programme.from_vote, coordinator, ballot_id, [days["wed"]])
    assert (done.activity_id, done.created) == (quiz, False)
    assert not db.run(programme.get_activity, coordinator, quiz).retired  # chosen: back
    # Another vote whose winner has the words of an existing activity finds it.
    other, (walk, quiz_words) = ballot(
        OptionInput("walking", picture="walking"), OptionInput("Quiz", picture="quiz")
    )
    cast(other, [quiz_words, quiz_words, walk])
    again = db.run(programme.from_vote, coordinator, other, [days["fri"], days["wed"]])
    assert again.activity_id == quiz and not again.created
    assert len(again.entry_ids) == 1  # Wednesday had it already: not twice
    assert count(db, Activity) == 1 and count(db, ProgrammeEntry) == 2


def test_from_vote_refuses_ties_open_votes_and_other_kinds(db, coordinator, days, voted, actors):
    ballot, cast = voted
    tied, (singing, crafts) = ballot(
        OptionInput("Singing", picture="singing"), OptionInput("Crafternoon", picture="crafts")
    )
    cast(tied, [singing, crafts])  # one each
    with pytest.raises(NotAllowed) as caught:
        db.run(programme.from_vote, coordinator, tied, [days["wed"]])
    assert str(caught.value) == "The vote was a tie: choose the activity yourself."
    still_open, (a, _b) = ballot(
        OptionInput("Singing", picture="singing"), OptionInput("Bowls", picture="games")
    )
    cast(still_open, [a, a], close=False)
    with pytest.raises(NotAllowed, match="Close the vote first"):
        db.run(programme.from_vote, coordinator, still_open, [days["wed"]])
    nobody, _ = ballot(OptionInput("Darts", picture="games"), OptionInput("Pool", picture="games"))
    db.run(votes.close_ballot, coordinator, nobody)
    with pytest.raises(NotAllowed, match="Nobody voted"):
        db.run(programme.from_vote, coordinator, nobody, [days["wed"]])
    with pytest.raises(NotAllowed):  # a volunteer runs votes but not the programme
        db.run(programme.from_vote, actors["volunteer"], tied, [days["wed"]])
    assert count(db, Activity) == 0 and count(db, ProgrammeEntry) == 0


def test_from_vote_refuses_a_decision(db, coordinator, days, person_factory):
    from clubapp.services import meetings
    from clubapp.services.meetings import MeetingInput

    meeting = db.run(meetings.add_meeting, coordinator, MeetingInput("members", TODAY))
    ballot_id = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput("decision", "Shall we buy an urn?", meeting_id=meeting),
    )
    db.run(votes.close_ballot, coordinator, ballot_id)
    with pytest.raises(NotAllowed, match="Only a vote on activities"):
        db.run(programme.from_vote, coordinator, ballot_id, [days["wed"]])


def test_from_vote_is_all_or_nothing(db, coordinator, days, voted):
    """One cancelled session among those chosen: nothing is added, no activity made."""
    ballot, cast = voted
    ballot_id, (singing, crafts) = ballot(
        OptionInput("Singing", picture="singing"), OptionInput("Crafternoon", picture="crafts")
    )
    cast(ballot_id, [crafts, crafts, singing])
    with pytest.raises(ValidationError) as caught:
        db.run(programme.from_vote, coordinator, ballot_id, [days["wed"], days["off"]])
    assert "is cancelled" in caught.value.errors["session_id"]
    with pytest.raises(ValidationError, match="at least one club session"):
        db.run(programme.from_vote, coordinator, ballot_id, [])
    assert count(db, Activity) == 0 and count(db, ProgrammeEntry) == 0

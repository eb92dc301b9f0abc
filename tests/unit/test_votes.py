"""Ballots: who may vote, one vote each (in the service and in the database), secret
ballots that keep no link from voter to choice, shows of hands, and results in words."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from clubapp.services import (
    attendance,
    committee,
    decisions,
    meetings,
    minutes,
    vote_results,
    votes,
)
from clubapp.services.committee import TermInput
from clubapp.services.decisions import DecisionInput
from clubapp.services.errors import NotAllowed, ValidationError
from clubapp.services.meetings import MeetingInput
from clubapp.services.votes import BallotInput, OptionInput
from tests.conftest import TODAY


@pytest.fixture
def board(db, coordinator, person_factory) -> dict[str, int]:
    """Four trustees at today's meeting (Dev sent apologies), and a guest."""
    people = {
        name.split()[0].lower(): person_factory(name, kinds=("member", "trustee"))
        for name in ("Ann Baker", "Bill Cole", "Cath Dunn", "Dev Evans", "Eve Ford")
    }
    people["gus"] = person_factory("Gus Guest", kinds=("supporter",))
    for key in ("ann", "bill", "cath", "dev", "eve"):
        db.run(committee.add_term, coordinator, TermInput(people[key], "trustee", date(2026, 1, 1)))
    meeting = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", TODAY))
    for key in ("ann", "bill", "cath", "eve"):
        db.run(meetings.set_attendance, coordinator, meeting, people[key], "present")
    db.run(meetings.set_attendance, coordinator, meeting, people["dev"], "apologies")
    db.run(meetings.set_attendance, coordinator, meeting, people["gus"], "guest")
    people["meeting"] = meeting
    return people


def decision_ballot(db, actor, meeting: int, method: str = "secret") -> int:
    return db.run(
        votes.create_ballot,
        actor,
        BallotInput("decision", "Shall we buy a new urn?", method=method, meeting_id=meeting),
    )


def yes_no(db, actor, ballot_id: int) -> dict[str, int]:
    ballot = db.run(votes.get_ballot, actor, ballot_id)
    return {o.code: o.option_id for o in ballot.options}  # type: ignore[misc]


def test_a_decision_has_yes_no_and_not_sure_with_pictures(db, coordinator, board):
    ballot = db.run(
        votes.get_ballot, coordinator, decision_ballot(db, coordinator, board["meeting"])
    )
    assert [(o.words, o.picture, o.code) for o in ballot.options] == [
        ("Yes", "yes", "yes"),
        ("No", "no", "no"),
        ("Not sure", "not_sure", "not_sure"),
    ]
    assert ballot.is_open and ballot.most_choices == 1
    assert ballot.where_words.startswith("Committee meeting, ")


def test_only_trustees_marked_present_may_vote(db, coordinator, board):
    ballot = decision_ballot(db, coordinator, board["meeting"])
    assert [v.name for v in db.run(votes.voters, coordinator, ballot)] == [
        "Ann Baker",
        "Bill Cole",
        "Cath Dunn",
        "Eve Ford",
    ]
    yes = yes_no(db, coordinator, ballot)["yes"]
    for key, words in (("dev", "Dev Evans"), ("gus", "Gus Guest")):
        with pytest.raises(NotAllowed) as caught:
            db.run(votes.cast_vote, coordinator, ballot, board[key], [(yes, "chosen")])
        assert str(caught.value).startswith(f"{words} is not marked present")


def test_one_vote_each_in_the_service_and_in_the_database(db, coordinator, board):
    ballot = decision_ballot(db, coordinator, board["meeting"])
    yes = yes_no(db, coordinator, ballot)["yes"]
    db.run(votes.cast_vote, coordinator, ballot, board["ann"], [(yes, "chosen")])
    with pytest.raises(NotAllowed, match="Ann Baker has voted already"):
        db.run(votes.cast_vote, coordinator, ballot, board["ann"], [(yes, "chosen")])
    # Even a program that skipped the service could not count her twice.
    with pytest.raises((IntegrityError, sqlite3.IntegrityError)), db.sessions.begin() as session:
        session.execute(
            text("INSERT INTO ballot_voters (ballot_id, person_id) VALUES (:b, :p)"),
            {"b": ballot, "p": board["ann"]},
        )
    assert [v.voted for v in db.run(votes.voters, coordinator, ballot)] == [
        True,
        False,
        False,
        False,
    ]


def test_a_secret_ballot_keeps_who_voted_but_not_what_they_chose(db, coordinator, board):
    ballot = decision_ballot(db, coordinator, board["meeting"])
    codes = yes_no(db, coordinator, ballot)
    for key, code in (("ann", "yes"), ("bill", "yes"), ("cath", "no"), ("eve", "not_sure")):
        db.run(votes.cast_vote, coordinator, ballot, board[key], [(codes[code], "chosen")])
    with db.sessions.begin() as session:
        assert session.execute(text("SELECT count(*) FROM ballot_choices")).scalar() == 0
        columns = {row[1] for row in session.execute(text("PRAGMA table_info(ballot_voters)"))}
        counted = dict(session.execute(text("SELECT option_id, votes FROM ballot_counts")).all())
    # Nothing in the voters' table orders or times them against the counts.
    assert columns == {"ballot_id", "person_id", "supported_by_id"}
    assert counted == {codes["yes"]: 2, codes["no"]: 1, codes["not_sure"]: 1}


def test_the_count_is_hidden_until_the_vote_is_closed(db, coordinator, board):
    ballot = decision_ballot(db, coordinator, board["meeting"])
    codes = yes_no(db, coordinator, ballot)
    for key, code in (("ann", "yes"), ("bill", "yes"), ("cath", "no"), ("eve", "not_sure")):
        db.run(votes.cast_vote, coordinator, ballot, board[key], [(codes[code], "chosen")])
    with pytest.raises(NotAllowed, match="once the vote is closed"):
        db.run(vote_results.results, coordinator, ballot)
    db.run(votes.close_ballot, coordinator, ballot)
    result = db.run(vote_results.results, coordinator, ballot)
    assert result.headline == "Agreed: 2 for, 1 against, 1 not sure."
    assert (result.voted, result.eligible) == (4, 4)
    assert [line.votes for line in result.lines] == [2, 1, 1]
    with pytest.raises(NotAllowed, match="closed"):
        db.run(votes.cast_vote, coordinator, ballot, board["ann"], [(codes["no"], "chosen")])


def test_a_tie_is_said_plainly_and_the_decision_takes_the_counts(db, coordinator, board):
    ballot = decision_ballot(db, coordinator, board["meeting"])
    codes = yes_no(db, coordinator, ballot)
    for key, code in (("ann", "yes"), ("bill", "yes"), ("cath", "no"), ("eve", "no")):
        db.run(votes.cast_vote, coordinator, ballot, board[key], [(codes[code], "chosen")])
    db.run(votes.close_ballot, coordinator, ballot)
    result = db.run(vote_results.results, coordinator, ballot)
    assert result.headline == "A tie: 2 for, 2 against, 0 not sure."
    assert result.winners == ()
    with pytest.raises(ValidationError) as caught:  # counts other than the ballot's
        db.run(
            decisions.record_decision,
            coordinator,
            board["meeting"],
            DecisionInput("Buy a new urn", 3, 1, 0, ballot_id=ballot),
        )
    assert "the decision keeps those counts" in caught.value.errors["votes_for"]
    decision = db.run(
        decisions.record_decision,
        coordinator,
        board["meeting"],
        DecisionInput("Buy a new urn", 2, 2, 0, casting="for", ballot_id=ballot),
    )
    assert db.run(votes.get_ballot, coordinator, ballot).decision_id == decision
    with pytest.raises(ValidationError, match="written down already"):
        db.run(
            decisions.record_decision,
            coordinator,
            board["meeting"],
            DecisionInput("Buy a new urn", 2, 2, 0, casting="for", ballot_id=ballot),
        )


def test_a_named_vote_keeps_the_choice_and_who_supported_the_voter(db, coordinator, board):
    ballot = decision_ballot(db, coordinator, board["meeting"], method="named")
    codes = yes_no(db, coordinator, ballot)
    db.run(
        votes.cast_vote,
        coordinator,
        ballot,
        board["ann"],
        [(codes["yes"], "chosen")],
        supported_by_id=board["gus"],
    )
    ann = next(v for v in db.run(votes.voters, coordinator, ballot) if v.name == "Ann Baker")
    assert (ann.voted, ann.supported_by) == (True, "Gus Guest")
    with db.sessions.begin() as session:
        chosen = session.execute(text("SELECT person_id, option_id FROM ballot_choices")).all()
    assert chosen == [(board["ann"], codes["yes"])]
    secret = decision_ballot(db, coordinator, board["meeting"])
    with pytest.raises(ValidationError, match="only in a named vote"):
        db.run(
            votes.cast_vote,
            coordinator,
            secret,
            board["bill"],
            [(yes_no(db, coordinator, secret)["yes"], "chosen")],
            supported_by_id=board["gus"],
        )


def test_a_show_of_hands_is_counted_openly_and_checked(db, coordinator, board):
    ballot = decision_ballot(db, coordinator, board["meeting"], method="hands")
    codes = yes_no(db, coordinator, ballot)
    with pytest.raises(ValidationError) as caught:
        db.run(
            votes.set_hand_counts,
            coordinator,
            ballot,
            {(codes["yes"], "chosen"): 4, (codes["no"], "chosen"): 1},
        )
    assert caught.value.errors["counts"] == (
        "That is 5 hands, but only 4 people are marked present. Count again."
    )
    db.run(
        votes.set_hand_counts,
        coordinator,
        ballot,
        {(codes["yes"], "chosen"): 1, (codes["no"], "chosen"): 3},
    )
    result = db.run(vote_results.results, coordinator, ballot)  # open: hands are seen
    assert result.headline == "Not agreed: 1 for, 3 against, 0 not sure."
    with pytest.raises(NotAllowed, match="show of hands"):
        db.run(votes.cast_vote, coordinator, ballot, board["ann"], [(codes["yes"], "chosen")])


@pytest.fixture
def session_day(db, coordinator, person_factory) -> dict[str, int]:
    """A club session where three members and a volunteer came."""
    club_session = db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY)
    people = {
        "ivy": person_factory("Ivy Clarke"),
        "jo": person_factory("Jo Hart"),
        "ken": person_factory("Ken Ito"),
        "vic": person_factory("Vic Volunteer", kinds=("volunteer",)),
        "absent": person_factory("Amy Away"),
    }
    for key in ("ivy", "jo", "ken", "vic"):
        db.run(attendance.set_present, coordinator, club_session, people[key], True)
    people["session"] = club_session
    return people


def activity(db, actor, club_session: int, pick_many: bool = False) -> int:
    return db.run(
        votes.create_ballot,
        actor,
        BallotInput(
            "activity",
            "What shall we do next Wednesday?",
            (
                OptionInput("Singing", picture="singing"),
                OptionInput("A quiz", picture="quiz"),
                OptionInput("Crafternoon", picture="crafts"),
            ),
            session_id=club_session,
            pick_many=pick_many,
        ),
    )


def option_ids(db, actor, ballot_id: int) -> list[int]:
    return [o.option_id for o in db.run(votes.get_ballot, actor, ballot_id).options]


def test_members_present_at_the_session_choose_an_activity(db, coordinator, session_day):
    ballot = activity(db, coordinator, session_day["session"])
    assert [v.name for v in db.run(votes.voters, coordinator, ballot)] == [
        "Ivy Clarke",
        "Jo Hart",
        "Ken Ito",
    ]
    singing, quiz, crafts = option_ids(db, coordinator, ballot)
    for key, choice in (("ivy", crafts), ("jo", crafts), ("ken", quiz)):
        db.run(votes.cast_vote, coordinator, ballot, session_day[key], [(choice, "chosen")])
    db.run(votes.close_ballot, coordinator, ballot)
    result = db.run(vote_results.results, coordinator, ballot)
    assert result.headline == "Most people chose: Crafternoon."
    assert result.winners == (crafts,)


def test_pick_all_you_like_and_a_tie_in_words(db, coordinator, session_day):
    ballot = activity(db, coordinator, session_day["session"], pick_many=True)
    singing, quiz, crafts = option_ids(db, coordinator, ballot)
    db.run(
        votes.cast_vote,
        coordinator,
        ballot,
        session_day["ivy"],
        [(singing, "chosen"), (quiz, "chosen")],
    )
    db.run(votes.cast_vote, coordinator, ballot, session_day["jo"], [(singing, "chosen")])
    db.run(votes.cast_vote, coordinator, ballot, session_day["ken"], [(quiz, "chosen")])
    with pytest.raises(ValidationError, match="Choose something first"):
        db.run(
            votes.cast_vote,
            coordinator,
            activity(db, coordinator, session_day["session"]),
            session_day["ivy"],
            [],
        )
    db.run(votes.close_ballot, coordinator, ballot)
    result = db.run(vote_results.results, coordinator, ballot)
    assert result.headline == "A tie: Singing and A quiz have 2 votes each."
    assert result.winners == ()


def test_an_activity_choice_needs_two_to_five_pictured_choices(db, coordinator, session_day):
    def make(*options: OptionInput) -> dict[str, str]:
        with pytest.raises(ValidationError) as caught:
            db.run(
                votes.create_ballot,
                coordinator,
                BallotInput("activity", "What next?", options, session_id=session_day["session"]),
            )
        return caught.value.errors

    assert make(OptionInput("Singing", picture="singing"))["options"] == (
        "Give between 2 and 5 choices (now 1)."
    )
    assert make(OptionInput("Singing", picture="singing"), OptionInput("Bingo"))["options"] == (
        "Choice 2 (Bingo) needs a picture or a photo."
    )
    with pytest.raises(ValidationError) as caught:
        db.run(votes.create_ballot, coordinator, BallotInput("activity", "", ()))
    assert set(caught.value.errors) >= {"question", "where", "options"}


def test_a_volunteer_runs_activity_choices_but_not_committee_decisions(
    db, actors, board, session_day
):
    volunteer = actors["volunteer"]
    activity(db, volunteer, session_day["session"])
    with pytest.raises(NotAllowed):
        decision_ballot(db, volunteer, board["meeting"])


def election(db, actor, meeting: int, candidates: list[int], seats: int) -> int:
    return db.run(
        votes.create_ballot,
        actor,
        BallotInput(
            "election",
            "Who should join the committee?",
            tuple(OptionInput(f"Candidate {i}", person_id=pid) for i, pid in enumerate(candidates)),
            meeting_id=meeting,
            seats=seats,
        ),
    )


@pytest.fixture
def agm(db, coordinator, session_day) -> int:
    """An annual general meeting where the three members are present."""
    meeting = db.run(meetings.add_meeting, coordinator, MeetingInput("agm", TODAY))
    for key in ("ivy", "jo", "ken"):
        db.run(meetings.set_attendance, coordinator, meeting, session_day[key], "present")
    return meeting


def test_an_election_for_two_places_and_a_tie_for_the_last(db, coordinator, session_day, agm):
    people = [session_day["ivy"], session_day["jo"], session_day["ken"]]
    ballot = election(db, coordinator, agm, people, seats=2)
    row = db.run(votes.get_ballot, coordinator, ballot)
    assert (row.each_in_turn, row.most_choices) == (False, 2)
    a, b, c = option_ids(db, coordinator, ballot)
    with pytest.raises(ValidationError, match="Choose up to 2; you chose 3"):
        db.run(
            votes.cast_vote,
            coordinator,
            ballot,
            people[0],
            [(a, "chosen"), (b, "chosen"), (c, "chosen")],
        )
    db.run(votes.cast_vote, coordinator, ballot, people[0], [(a, "chosen"), (b, "chosen")])
    db.run(votes.cast_vote, coordinator, ballot, people[1], [(a, "chosen"), (c, "chosen")])
    db.run(votes.cast_vote, coordinator, ballot, people[2], [(a, "chosen")])
    db.run(votes.close_ballot, coordinator, ballot)
    result = db.run(vote_results.results, coordinator, ballot)
    assert result.headline == "Elected: Candidate 0."
    assert result.details == (
        "A tie for the last place: Candidate 1 and Candidate 2 have 1 vote each. "
        "Vote again between them.",
    )


def test_an_uncontested_election_asks_yes_or_no_for_each(db, coordinator, session_day, agm):
    people = [session_day["ivy"], session_day["jo"]]
    ballot = election(db, coordinator, agm, people, seats=2)
    assert db.run(votes.get_ballot, coordinator, ballot).each_in_turn
    a, b = option_ids(db, coordinator, ballot)
    with pytest.raises(ValidationError, match="every candidate"):
        db.run(votes.cast_vote, coordinator, ballot, session_day["ivy"], [(a, "yes")])
    for key, answers in (
        ("ivy", [(a, "yes"), (b, "yes")]),
        ("jo", [(a, "yes"), (b, "no")]),
        ("ken", [(a, "not_sure"), (b, "no")]),
    ):
        db.run(votes.cast_vote, coordinator, ballot, session_day[key], answers)
    db.run(votes.close_ballot, coordinator, ballot)
    result = db.run(vote_results.results, coordinator, ballot)
    assert result.headline == "Elected: Candidate 0."
    assert result.details == (
        "Candidate 0: elected (2 yes, 0 no, 1 not sure).",
        "Candidate 1: not elected (1 yes, 2 no, 0 not sure).",
    )


def test_nobody_voting_is_said(db, coordinator, board):
    ballot = decision_ballot(db, coordinator, board["meeting"])
    db.run(votes.close_ballot, coordinator, ballot)
    assert db.run(vote_results.results, coordinator, ballot).headline == "Nobody voted."


def test_no_vote_at_a_meeting_whose_minutes_are_approved(db, coordinator, board):
    later = db.run(
        meetings.add_meeting, coordinator, MeetingInput("committee", TODAY + timedelta(days=1))
    )
    db.run(minutes.approve_minutes, coordinator, board["meeting"], later, TODAY + timedelta(days=1))
    with pytest.raises(ValidationError) as caught:
        decision_ballot(db, coordinator, board["meeting"])
    assert caught.value.errors["where"].startswith("That meeting's minutes are approved")


def test_a_volunteer_sees_and_runs_only_the_members_votes(db, actors, board, session_day):
    coordinator, volunteer = actors["coordinator"], actors["volunteer"]
    decision = decision_ballot(db, coordinator, board["meeting"])
    choice = activity(db, coordinator, session_day["session"])
    assert [b.ballot_id for b in db.run(votes.list_ballots, volunteer)] == [choice]
    with pytest.raises(NotAllowed):
        db.run(votes.get_ballot, volunteer, decision)
    with pytest.raises(NotAllowed):
        db.run(votes.close_ballot, volunteer, decision)
    db.run(votes.close_ballot, volunteer, choice)


def test_carers_and_volunteers_do_not_vote_at_an_agm(db, coordinator, person_factory):
    agm = db.run(meetings.add_meeting, coordinator, MeetingInput("agm", TODAY))
    people = {
        "member": person_factory("Ivy Clarke"),
        "trustee": person_factory("Ruth Ellis", kinds=("supporter", "trustee")),
        "carer": person_factory("Abena Mensah", kinds=("carer",)),
        "volunteer": person_factory("Dev Patel", kinds=("volunteer",)),
    }
    for pid in people.values():
        db.run(meetings.set_attendance, coordinator, agm, pid, "present")
    ballot = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput(
            "election",
            "Who should join the committee?",
            (OptionInput("Ruth Ellis", person_id=people["trustee"]),),
            meeting_id=agm,
        ),
    )
    assert [v.name for v in db.run(votes.voters, coordinator, ballot)] == [
        "Ivy Clarke",
        "Ruth Ellis",
    ]


def test_no_vote_at_a_session_or_meeting_still_to_come(db, coordinator, board, session_day):
    later = db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY + timedelta(7))
    with pytest.raises(ValidationError) as caught:
        db.run(
            votes.create_ballot,
            coordinator,
            BallotInput(
                "activity",
                "What next?",
                (OptionInput("Singing", picture="singing"), OptionInput("Quiz", picture="quiz")),
                session_id=later,
            ),
            TODAY,
        )
    assert caught.value.errors["where"].startswith("That session has not happened yet")
    coming = db.run(
        meetings.add_meeting, coordinator, MeetingInput("committee", TODAY + timedelta(days=7))
    )
    with pytest.raises(ValidationError) as caught:
        db.run(
            votes.create_ballot,
            coordinator,
            BallotInput("decision", "A new urn?", meeting_id=coming),
            TODAY,
        )
    assert caught.value.errors["where"].startswith("That meeting has not happened yet")


def test_who_chose_what_only_for_a_closed_named_vote(db, coordinator, board):
    secret = decision_ballot(db, coordinator, board["meeting"])
    named = decision_ballot(db, coordinator, board["meeting"], method="named")
    yes = yes_no(db, coordinator, named)["yes"]
    db.run(votes.cast_vote, coordinator, named, board["ann"], [(yes, "chosen")])
    with pytest.raises(NotAllowed, match="once the vote is closed"):
        db.run(votes.named_choices, coordinator, named)
    db.run(votes.close_ballot, coordinator, named)
    [ann] = db.run(votes.named_choices, coordinator, named)
    assert (ann.name, ann.chose, ann.helped_by) == ("Ann Baker", "Yes", "")
    db.run(votes.close_ballot, coordinator, secret)
    with pytest.raises(NotAllowed, match="Only a named vote"):
        db.run(votes.named_choices, coordinator, secret)

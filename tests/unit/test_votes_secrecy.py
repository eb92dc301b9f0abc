"""What a reviewer found by reading the database file: nothing in it may tell who chose
what in a secret vote, not the order of rows, not a hidden row number, not the log.
And the smaller rules found with it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from clubapp.services import attendance, committee, meetings, programme, vote_results, votes
from clubapp.services.committee import TermInput
from clubapp.services.errors import NotAllowed, ValidationError
from clubapp.services.meetings import MeetingInput
from clubapp.services.programme import ActivityInput
from clubapp.services.votes import BallotInput, OptionInput
from tests.conftest import TODAY


@pytest.fixture
def club_day(db, coordinator, person_factory) -> tuple[int, list[int]]:
    session_id = db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY)
    # Added in reverse name order, so key order and the order of voting differ.
    people = [person_factory(name) for name in ("Zed Young", "Mo Lane", "Al Bee", "Kit Dunn")]
    for pid in people:
        db.run(attendance.set_present, coordinator, session_id, pid, True)
    return session_id, people


def three_choices(db, actor, session_id: int) -> int:
    return db.run(
        votes.create_ballot,
        actor,
        BallotInput(
            "activity",
            "What next?",
            (
                OptionInput("Singing", picture="singing"),
                OptionInput("Quiz", picture="quiz"),
                OptionInput("Crafts", picture="crafts"),
            ),
            session_id=session_id,
        ),
    )


def test_the_tables_keep_no_order_of_voting(db, coordinator, club_day):
    session_id, people = club_day
    ballot = three_choices(db, coordinator, session_id)
    options = [o.option_id for o in db.run(votes.get_ballot, coordinator, ballot).options]
    with db.sessions.begin() as s:
        before = s.execute(text("SELECT option_id, answer FROM ballot_counts")).all()
    assert sorted(before) == [(o, "chosen") for o in options]  # made with the ballot, at 0
    for pid, choice in zip(people, (1, 0, 2, 1), strict=True):
        db.run(votes.cast_vote, coordinator, ballot, pid, [(options[choice], "chosen")])
    with db.sessions.begin() as s:
        after = s.execute(text("SELECT option_id, answer, votes FROM ballot_counts")).all()
        voters = s.execute(text("SELECT person_id FROM ballot_voters")).scalars().all()
        for table in ("ballot_voters", "ballot_counts"):
            with pytest.raises(OperationalError, match="rowid"):
                s.execute(text(f"SELECT rowid FROM {table}")).all()
    # The same rows as before any vote, in the same order; only the numbers changed.
    assert [(o, a) for o, a, _ in after] == before
    assert [v for _, _, v in after] == [1, 2, 1]
    assert voters == sorted(people)  # key order, not the order they voted in


def test_the_log_forgets_each_vote(db, coordinator, club_day):
    session_id, people = club_day
    ballot = three_choices(db, coordinator, session_id)
    option = db.run(votes.get_ballot, coordinator, ballot).options[0].option_id
    db.run(votes.cast_vote, coordinator, ballot, people[0], [(option, "chosen")])
    wal = db.path.with_name(db.path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    db.forget_history()
    assert wal.stat().st_size == 0
    with db.sessions.begin() as s:
        assert s.execute(text("PRAGMA secure_delete")).scalar() == 1


def test_no_choice_gets_more_hands_than_people_here(db, coordinator, club_day):
    session_id, _people = club_day
    ballot = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput(
            "activity",
            "Which would you like?",
            (OptionInput("Singing", picture="singing"), OptionInput("Quiz", picture="quiz")),
            method="hands",
            session_id=session_id,
            pick_many=True,
        ),
    )
    singing = db.run(votes.get_ballot, coordinator, ballot).options[0].option_id
    with pytest.raises(ValidationError) as caught:
        db.run(votes.set_hand_counts, coordinator, ballot, {(singing, "chosen"): 9})
    assert caught.value.errors["counts"] == (
        "That is 9 hands for one choice, but only 4 people are marked present. Count again."
    )


def test_a_trustee_by_term_votes_at_the_agm(db, coordinator, person_factory):
    cara = person_factory("Cara Dunn", kinds=("carer",))
    db.run(committee.add_term, coordinator, TermInput(cara, "trustee", date(2026, 1, 1)))
    agm = db.run(meetings.add_meeting, coordinator, MeetingInput("agm", TODAY))
    db.run(meetings.set_attendance, coordinator, agm, cara, "present")
    ballot = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput("decision", "Accept the accounts?", meeting_id=agm),
    )
    assert [v.name for v in db.run(votes.voters, coordinator, ballot)] == ["Cara Dunn"]


def test_a_candidates_photo_is_the_committees_business_too(db, actors, person_factory):
    coordinator, volunteer = actors["coordinator"], actors["volunteer"]
    meeting = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", TODAY))
    gus = person_factory("Gus Guest")
    photo = b"\xff\xd8\xff" + b"0" * 100
    ballot = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput(
            "election",
            "Chair?",
            (OptionInput("Gus Guest", photo=photo, person_id=gus),),
            meeting_id=meeting,
        ),
    )
    option = db.run(votes.get_ballot, coordinator, ballot).options[0]
    assert option.has_photo
    assert db.run(votes.option_photo, coordinator, option.option_id) == photo
    with pytest.raises(NotAllowed):
        db.run(votes.option_photo, volunteer, option.option_id)


def test_a_choice_needs_a_real_picture_or_photo(db, coordinator, club_day):
    session_id, _people = club_day

    def make(option: OptionInput) -> str:
        with pytest.raises(ValidationError) as caught:
            db.run(
                votes.create_ballot,
                coordinator,
                BallotInput(
                    "activity",
                    "What next?",
                    (OptionInput("Singing", picture="singing"), option),
                    session_id=session_id,
                ),
            )
        return caught.value.errors["options"]

    assert make(OptionInput("Bowling", picture="bowling_xx")) == (
        "Choose the picture for choice 2 again."
    )
    assert make(OptionInput("Bowling", photo=b"not a photo")).startswith(
        "The photo for choice 2 is not a JPEG or PNG photo under 5 MB."
    )


def test_everyone_not_sure_is_not_agreed_and_no_tie(db, coordinator, person_factory):
    meeting = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", TODAY))
    trustees = [person_factory(n, kinds=("trustee",)) for n in ("Ann Baker", "Bill Cole")]
    for pid in trustees:
        db.run(committee.add_term, coordinator, TermInput(pid, "trustee", date(2026, 1, 1)))
        db.run(meetings.set_attendance, coordinator, meeting, pid, "present")
    ballot = db.run(
        votes.create_ballot, coordinator, BallotInput("decision", "A urn?", meeting_id=meeting)
    )
    unsure = db.run(votes.get_ballot, coordinator, ballot).options[2].option_id
    for pid in trustees:
        db.run(votes.cast_vote, coordinator, ballot, pid, [(unsure, "chosen")])
    db.run(votes.close_ballot, coordinator, ballot)
    result = db.run(vote_results.results, coordinator, ballot)
    assert result.headline == "Not agreed: nobody voted for or against (2 not sure)."
    assert result.details == ()


def test_only_the_winner_is_chosen_by_a_vote_on_the_programme(db, coordinator, club_day):
    session_id, people = club_day
    singing = db.run(programme.add_activity, coordinator, ActivityInput("Singing", "singing"))
    quiz = db.run(programme.add_activity, coordinator, ActivityInput("Quiz", "quiz"))
    ballot = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput(
            "activity",
            "What next?",
            (
                OptionInput("Singing", picture="singing", activity_id=singing),
                OptionInput("Quiz", picture="quiz", activity_id=quiz),
            ),
            session_id=session_id,
        ),
    )
    first = db.run(votes.get_ballot, coordinator, ballot).options[0].option_id
    db.run(votes.cast_vote, coordinator, ballot, people[0], [(first, "chosen")])
    later = db.run(attendance.add_session, coordinator, "Friday Club", TODAY)
    with pytest.raises(ValidationError, match="did not win"):  # still open
        db.run(programme.add_to_programme, coordinator, later, singing, ballot)
    db.run(votes.close_ballot, coordinator, ballot)
    with pytest.raises(ValidationError, match="did not win"):
        db.run(programme.add_to_programme, coordinator, later, quiz, ballot)
    db.run(programme.add_to_programme, coordinator, later, singing, ballot)

"""The voting screens driven through the real tiles and buttons, by mouse and by keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton
from sqlalchemy import text

from clubapp.services import attendance, meetings, vote_results, votes
from clubapp.services.meetings import MeetingInput
from clubapp.services.permissions import COMMAND_LINE
from clubapp.services.votes import BallotInput, OptionInput
from clubapp.ui.voting.flow import EVERYONE_VOTED, THANKS
from clubapp.ui.voting.page import VotingPage
from clubapp.ui.voting.tiles import ChoiceCard, ChoiceTile
from tests.conftest import COORDINATOR_PASSWORD, TODAY
from tests.gui.committee_helpers import answer_next_question, click, open_stack


class Clock:
    """The flow's clock: taps count only once half a second has passed."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def later(self) -> None:
        self.now += 1.0


@pytest.fixture
def meeting(db, coordinator, board) -> int:
    meeting_id = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", TODAY))
    for key in ("ann", "bill", "cath"):
        db.run(meetings.set_attendance, coordinator, meeting_id, board[key], "present")
    db.run(meetings.set_attendance, coordinator, meeting_id, board["gus"], "guest")
    return meeting_id


def open_vote(qtbot, db, coordinator, ballot_id: int):
    clock = Clock()
    _ctx, stack, page = open_stack(
        qtbot, db, coordinator, lambda ctx: VotingPage(ctx, ballot_id, clock=clock)
    )
    return page.flow, clock


def tap(qtbot, clock: Clock, widget) -> None:
    clock.later()
    click(qtbot, widget)


def test_a_secret_vote_passed_round_three_trustees(themed_app, qtbot, db, coordinator, meeting):
    ballot = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput("decision", "Shall we buy a new urn?", meeting_id=meeting),
    )
    flow, clock = open_vote(qtbot, db, coordinator, ballot)
    assert flow.voter_names() == ["Ann Baker", "Bill Cole", "Cath Dunn"]
    assert flow.who_help.text() == "Tap your name. Nobody will see how you vote."

    for name, words in (("Ann Baker", "Yes"), ("Bill Cole", "Yes"), ("Cath Dunn", "No")):
        tap(qtbot, clock, flow.voter_tile(name))
        assert flow.stack.currentWidget() is flow.question_screen
        assert flow.question_label.text() == "Shall we buy a new urn?"
        tile = next(t for t in flow.tiles() if t.words == words)
        tap(qtbot, clock, tile)
        assert flow.stack.currentWidget() is flow.confirm_screen
        assert flow.confirmed_words() == [words]
        tap(qtbot, clock, flow.confirm_button)
        assert flow.stack.currentWidget() is flow.thanks_screen
        assert flow.thanks_label.text() == THANKS
        tap(qtbot, clock, flow.next_button)
    assert flow.done_label.text() == EVERYONE_VOTED and flow.done_label.isVisible()
    assert flow.voter_names() == []
    db.run(votes.close_ballot, coordinator, ballot)
    result = db.run(vote_results.results, coordinator, ballot)
    assert result.headline == "Agreed: 2 for, 1 against, 0 not sure."


def test_a_second_tap_straight_after_a_screen_change_does_nothing(
    themed_app, qtbot, db, coordinator, meeting
):
    ballot = db.run(
        votes.create_ballot, coordinator, BallotInput("decision", "A new urn?", meeting_id=meeting)
    )
    flow, clock = open_vote(qtbot, db, coordinator, ballot)
    tap(qtbot, clock, flow.voter_tile("Ann Baker"))
    # A double tap lands on the question at once: ignored.
    click(qtbot, flow.tiles()[0])
    assert flow.stack.currentWidget() is flow.question_screen
    tap(qtbot, clock, flow.tiles()[1])
    assert flow.confirmed_words() == ["No"]
    click(qtbot, flow.confirm_button)  # too soon: not counted
    assert flow.stack.currentWidget() is flow.confirm_screen
    tap(qtbot, clock, flow.change_button)  # Go back, choose again
    tap(qtbot, clock, flow.tiles()[0])
    tap(qtbot, clock, flow.confirm_button)
    with db.sessions.begin() as session:
        assert session.execute(text("SELECT count(*) FROM ballot_voters")).scalar() == 1


def test_keys_choose_enter_confirms_and_escape_goes_back(
    themed_app, qtbot, db, coordinator, session_with_members
):
    club_session, people = session_with_members
    ballot = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput(
            "activity",
            "What shall we do next week?",
            (
                OptionInput("Singing", picture="singing"),
                OptionInput("A quiz", picture="quiz"),
                OptionInput("Gardening", picture="gardening"),
            ),
            session_id=club_session,
        ),
    )
    flow, clock = open_vote(qtbot, db, coordinator, ballot)
    tap(qtbot, clock, flow.voter_tile("Ivy Clarke"))
    clock.later()
    qtbot.keyClick(flow, Qt.Key.Key_3)
    assert flow.confirmed_words() == ["Gardening"]
    clock.later()
    qtbot.keyClick(flow, Qt.Key.Key_Escape)
    assert flow.stack.currentWidget() is flow.question_screen
    clock.later()
    qtbot.keyClick(flow, Qt.Key.Key_2)
    assert flow.confirmed_words() == ["A quiz"]
    clock.later()
    qtbot.keyClick(flow, Qt.Key.Key_Return)
    assert flow.stack.currentWidget() is flow.thanks_screen
    voted = {v.name: v.voted for v in db.run(votes.voters, coordinator, ballot)}
    assert voted == {"Ivy Clarke": True, "Jo Hart": False}


def test_pick_all_you_like_ticks_then_confirms(
    themed_app, qtbot, db, coordinator, session_with_members
):
    club_session, _people = session_with_members
    ballot = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput(
            "activity",
            "Which would you enjoy?",
            (
                OptionInput("Singing", picture="singing"),
                OptionInput("A quiz", picture="quiz"),
                OptionInput("Gardening", picture="gardening"),
            ),
            session_id=club_session,
            pick_many=True,
        ),
    )
    flow, clock = open_vote(qtbot, db, coordinator, ballot)
    tap(qtbot, clock, flow.voter_tile("Jo Hart"))
    assert not flow.done_button.isEnabled()
    singing, quiz, gardening = flow.tiles()
    tap(qtbot, clock, singing)
    tap(qtbot, clock, gardening)
    assert singing.isChecked() and gardening.isChecked() and not quiz.isChecked()
    assert singing.accessibleName() == "1: Singing, chosen"
    assert flow.choose_note.text() == "You have chosen 2."
    tap(qtbot, clock, flow.done_button)
    assert flow.confirmed_words() == ["Singing", "Gardening"]
    tap(qtbot, clock, flow.confirm_button)
    db.run(votes.close_ballot, coordinator, ballot)
    lines = db.run(vote_results.results, coordinator, ballot).lines
    assert [line.votes for line in lines] == [1, 0, 1]


def test_a_named_vote_records_who_helped(themed_app, qtbot, db, coordinator, meeting):
    ballot = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput("decision", "A new urn?", method="named", meeting_id=meeting),
    )
    flow, clock = open_vote(qtbot, db, coordinator, ballot)
    assert flow.who_help.text() == "Tap your name. Your name is kept with your vote."
    tap(qtbot, clock, flow.voter_tile("Bill Cole"))
    assert flow.helped_heading.text() == "Bill Cole, did someone help you vote?"
    tap(qtbot, clock, flow.helped_button)
    tap(qtbot, clock, flow.helper_tile("Gus Guest"))
    tap(qtbot, clock, flow.tiles()[0])
    tap(qtbot, clock, flow.confirm_button)
    bill = next(v for v in db.run(votes.voters, coordinator, ballot) if v.name == "Bill Cole")
    assert (bill.voted, bill.supported_by) == (True, "Gus Guest")


def test_stop_voting_asks_for_the_password_and_leaves_the_vote_open(
    themed_app, qtbot, db, coordinator, meeting
):
    ballot = db.run(
        votes.create_ballot, coordinator, BallotInput("decision", "A new urn?", meeting_id=meeting)
    )
    flow, clock = open_vote(qtbot, db, coordinator, ballot)
    tap(qtbot, clock, flow.voter_tile("Ann Baker"))
    seen: list[str] = []

    def wrong_then_carry_on(dialog) -> None:
        assert dialog.focusWidget() is dialog.password
        assert dialog.message.text().startswith("Stop voting for now?")
        click(qtbot, dialog.confirm_button)  # nothing typed
        seen.append(dialog.field.error_text())
        qtbot.keyClicks(dialog.password, "not the password")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # Enter tries it
        seen.append(dialog.field.error_text())
        assert dialog.isVisible() and dialog.password.text() == "not the password"
        click(qtbot, dialog.cancel_button)

    with qtbot.assertNotEmitted(flow.stopped):
        answer_stop_dialog(flow, wrong_then_carry_on)
        click(qtbot, flow.stop_button)
    assert seen[0] == "Type Sam Taylor's password first."
    assert seen[1].startswith("That password is not right.")
    # The voter is where they were.
    assert flow.stack.currentWidget() is flow.question_screen

    def right_password(dialog) -> None:
        qtbot.keyClicks(dialog.password, COORDINATOR_PASSWORD)
        click(qtbot, dialog.confirm_button)

    answer_stop_dialog(flow, right_password)
    with qtbot.waitSignal(flow.stopped):
        click(qtbot, flow.stop_button)
    assert db.run(votes.get_ballot, coordinator, ballot).is_open


def test_stop_voting_from_the_command_line_only_asks(themed_app, qtbot, db, coordinator, meeting):
    """`clubapp vote` has no signed-in person, so no password to ask for."""
    ballot = db.run(
        votes.create_ballot, coordinator, BallotInput("decision", "A new urn?", meeting_id=meeting)
    )
    flow, _clock = open_vote(qtbot, db, COMMAND_LINE, ballot)
    asked = answer_next_question(confirm=False)
    with qtbot.assertNotEmitted(flow.stopped):
        click(qtbot, flow.stop_button)
    assert asked and asked[0].startswith("Stop voting for now?")
    answer_next_question(confirm=True)
    with qtbot.waitSignal(flow.stopped):
        click(qtbot, flow.stop_button)
    assert db.run(votes.get_ballot, coordinator, ballot).is_open


def answer_stop_dialog(flow, act) -> None:
    """Once the stop question shows, do ``act(dialog)`` with it."""

    def look() -> None:
        dialog = flow.stop_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, look)
            return
        try:
            act(dialog)
        except BaseException:
            dialog.reject()  # fail the test rather than wait for ever
            raise

    QTimer.singleShot(0, look)


@pytest.fixture
def session_with_members(db, coordinator, person_factory) -> tuple[int, dict[str, int]]:
    club_session = db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY)
    people = {"ivy": person_factory("Ivy Clarke"), "jo": person_factory("Jo Hart")}
    for pid in people.values():
        db.run(attendance.set_present, coordinator, club_session, pid, True)
    return club_session, people


def test_an_uncontested_election_asks_about_each_candidate_in_turn(
    themed_app, qtbot, db, coordinator, board, meeting
):
    ballot = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput(
            "election",
            "Who should be on the committee?",
            (
                OptionInput("Gus Guest", person_id=board["gus"]),
                OptionInput("Joan Ford", person_id=board["joan"]),
            ),
            meeting_id=meeting,
            seats=2,
        ),
    )
    flow, clock = open_vote(qtbot, db, coordinator, ballot)
    tap(qtbot, clock, flow.voter_tile("Ann Baker"))
    assert flow.question_label.text() == "Should Gus Guest be elected?"
    # Who it is about: a face beside the question, not a fourth tile.
    face = flow.candidate_face
    assert face is not None and face.isVisible() and face.accessibleName() == "Gus Guest"
    assert not isinstance(face, (ChoiceTile, ChoiceCard))
    assert face.parentWidget() is flow.question_label.parentWidget()
    assert [t.words for t in flow.tiles()] == ["Yes", "No", "Not sure"]
    tap(qtbot, clock, flow.tiles()[1])
    assert flow.confirm_heading.text() == "For Gus Guest you chose:"
    assert flow.confirmed_words() == ["No"]
    # After "No", the button does not say "Yes".
    assert flow.confirm_button.text() == "That's my answer, next question"
    tap(qtbot, clock, flow.confirm_button)
    assert flow.question_label.text() == "Should Joan Ford be elected?"
    assert flow.candidate_face is not None and flow.candidate_face.accessibleName() == "Joan Ford"
    tap(qtbot, clock, flow.tiles()[1])
    assert flow.confirmed_words() == ["No"]
    assert flow.confirm_button.text() == "Yes, that's my vote"
    tap(qtbot, clock, flow.change_button)  # back to Joan's question, then to Gus's
    tap(qtbot, clock, flow.question_back)
    assert flow.question_label.text() == "Should Gus Guest be elected?"
    tap(qtbot, clock, flow.tiles()[0])
    tap(qtbot, clock, flow.confirm_button)
    tap(qtbot, clock, flow.tiles()[1])
    tap(qtbot, clock, flow.confirm_button)
    assert flow.stack.currentWidget() is flow.thanks_screen
    db.run(votes.close_ballot, coordinator, ballot)
    result = db.run(vote_results.results, coordinator, ballot)
    assert result.details == (
        "Gus Guest: elected (1 yes, 0 no, 0 not sure).",
        "Joan Ford: not elected (0 yes, 1 no, 0 not sure).",
    )


class FakeSpeaker:
    """Stands in for the computer's voice: keeps what it was asked to say."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)


def test_read_aloud_says_the_question_the_choices_and_what_was_chosen(
    themed_app, qtbot, db, coordinator, meeting
):
    ballot = db.run(
        votes.create_ballot, coordinator, BallotInput("decision", "A new urn?", meeting_id=meeting)
    )
    voice = FakeSpeaker()
    clock = Clock()
    _ctx, _stack, page = open_stack(
        qtbot,
        db,
        coordinator,
        lambda ctx: VotingPage(ctx, ballot, clock=clock, speaker=lambda: voice),
    )
    flow = page.flow
    tap(qtbot, clock, flow.voter_tile("Ann Baker"))
    tap(qtbot, clock, flow.read_button)
    assert voice.said == ["A new urn? 1: Yes. 2: No. 3: Not sure."]
    tap(qtbot, clock, flow.tiles()[2])
    tap(qtbot, clock, flow.read_choice_button)
    assert voice.said[-1].startswith("You chose Not sure. Press Yes, that's my vote.")


def test_without_a_voice_there_is_no_read_aloud_button(themed_app, qtbot, db, coordinator, meeting):
    ballot = db.run(
        votes.create_ballot, coordinator, BallotInput("decision", "A new urn?", meeting_id=meeting)
    )
    clock = Clock()
    _ctx, _stack, page = open_stack(
        qtbot,
        db,
        coordinator,
        lambda ctx: VotingPage(ctx, ballot, clock=clock, speaker=lambda: None),
    )
    flow = page.flow
    tap(qtbot, clock, flow.voter_tile("Ann Baker"))
    assert flow.read_button.isHidden() and flow.read_choice_button.isHidden()


def test_a_vote_refused_at_the_end_says_why_and_only_goes_back_to_the_names(
    themed_app, qtbot, db, coordinator, meeting
):
    ballot = db.run(
        votes.create_ballot, coordinator, BallotInput("decision", "A new urn?", meeting_id=meeting)
    )
    flow, clock = open_vote(qtbot, db, coordinator, ballot)
    tap(qtbot, clock, flow.voter_tile("Bill Cole"))
    tap(qtbot, clock, flow.tiles()[0])
    assert flow.stack.currentWidget() is flow.confirm_screen
    # Meanwhile Bill's vote is counted on another screen.
    bill = next(v for v in db.run(votes.voters, coordinator, ballot) if v.name == "Bill Cole")
    yes = db.run(votes.get_ballot, coordinator, ballot).options[0].option_id
    db.run(votes.cast_vote, coordinator, ballot, bill.person_id, [(yes, "chosen")])

    tap(qtbot, clock, flow.confirm_button)
    assert flow.stack.currentWidget() is flow.refused_screen
    assert flow.refused_heading.text() == "This vote was not counted."
    assert flow.refused_label.text().startswith("Bill Cole has voted already.")
    assert not flow.confirm_button.isVisible()
    buttons = [b for b in flow.refused_screen.findChildren(QAbstractButton) if b.isVisible()]
    assert buttons == [flow.names_button]
    assert flow.names_button.text() == "Back to the names"
    tap(qtbot, clock, flow.names_button)
    assert flow.stack.currentWidget() is flow.who_screen
    assert flow.voter_names() == ["Ann Baker", "Cath Dunn"]
    # Counted once only.
    db.run(votes.close_ballot, coordinator, ballot)
    result = db.run(vote_results.results, coordinator, ballot)
    assert result.headline == "Agreed: 1 for, 0 against, 0 not sure."


def test_enter_presses_thats_my_choice_and_escape_goes_back_on_the_question(
    themed_app, qtbot, db, coordinator, session_with_members
):
    club_session, _people = session_with_members
    ballot = db.run(
        votes.create_ballot,
        coordinator,
        BallotInput(
            "activity",
            "Which would you enjoy?",
            (
                OptionInput("Singing", picture="singing"),
                OptionInput("A quiz", picture="quiz"),
                OptionInput("Gardening", picture="gardening"),
            ),
            session_id=club_session,
            pick_many=True,
        ),
    )
    flow, clock = open_vote(qtbot, db, coordinator, ballot)
    tap(qtbot, clock, flow.voter_tile("Jo Hart"))
    clock.later()
    qtbot.keyClick(flow, Qt.Key.Key_Escape)  # as "Go back" does
    assert flow.stack.currentWidget() is flow.who_screen
    tap(qtbot, clock, flow.voter_tile("Jo Hart"))
    clock.later()
    qtbot.keyClick(flow, Qt.Key.Key_Return)  # nothing chosen yet: stays
    assert flow.stack.currentWidget() is flow.question_screen
    clock.later()
    qtbot.keyClick(flow, Qt.Key.Key_2)
    clock.later()
    qtbot.keyClick(flow, Qt.Key.Key_3)
    assert flow.choose_note.text() == "You have chosen 2."
    clock.later()
    qtbot.keyClick(flow, Qt.Key.Key_Return)
    assert flow.stack.currentWidget() is flow.confirm_screen
    assert flow.confirmed_words() == ["A quiz", "Gardening"]
    clock.later()
    qtbot.keyClick(flow, Qt.Key.Key_Escape)
    assert flow.stack.currentWidget() is flow.question_screen
    assert [t.isChecked() for t in flow.tiles()] == [False, True, True]

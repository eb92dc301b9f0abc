"""The Votes room through its real buttons: start a vote, vote, close it, see the result,
count hands, and write a committee decision down from a vote."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from clubapp.demo import DEMO_USERS
from clubapp.services import attendance, decisions, meetings, votes
from clubapp.services.meetings import MeetingInput
from clubapp.services.votes import BallotInput
from clubapp.ui.pages.ballot_form import BallotFormPage
from clubapp.ui.pages.decision import DecisionPage
from clubapp.ui.pages.votes import BallotPage, HandsPage, VotesPage
from clubapp.ui.voting.page import VotingPage
from tests.conftest import COORDINATOR_PASSWORD, TODAY
from tests.gui.committee_helpers import (
    answer_next_question,
    choose_in_list,
    click,
    open_stack,
)
from tests.gui.test_accessibility import sign_in


def stop_with_password(qtbot, flow, password):
    """Stop voting as the coordinator: the stop question asks for their password."""

    def answer():
        dialog = flow.stop_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, answer)
            return
        dialog.password.setText(password)
        dialog.confirm_button.click()

    QTimer.singleShot(0, answer)
    click(qtbot, flow.stop_button)


POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)


@pytest.fixture
def meeting(db, coordinator, board) -> int:
    meeting_id = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", TODAY))
    for key in ("ann", "bill", "cath"):
        db.run(meetings.set_attendance, coordinator, meeting_id, board[key], "present")
    return meeting_id


@pytest.fixture
def club_day(db, coordinator, person_factory) -> int:
    session_id = db.run(attendance.add_session, coordinator, "Wednesday Club", TODAY)
    for name in ("Ivy Clarke", "Jo Hart"):
        db.run(attendance.set_present, coordinator, session_id, person_factory(name), True)
    return session_id


def decision(db, coordinator, meeting: int, method: str = "secret") -> int:
    return db.run(
        votes.create_ballot,
        coordinator,
        BallotInput("decision", "Shall we buy a new urn?", method=method, meeting_id=meeting),
    )


@POPUP_WARNINGS
def test_start_an_activity_vote_from_the_room(themed_app, qtbot, db, coordinator, club_day):
    _ctx, stack, room = open_stack(qtbot, db, coordinator, VotesPage)
    assert room.empty_label.isVisible()
    click(qtbot, room.new_button)
    form = stack.current
    assert isinstance(form, BallotFormPage)
    assert form.session_row.isVisible() and not form.meeting_row.isVisible()
    form.question.setText("What shall we do next week?")
    form.choices[1].words.clear()  # two choices are enough
    click(qtbot, form.save_button)
    page = stack.current
    assert isinstance(page, BallotPage)
    assert page.question_label.text() == "What shall we do next week?"
    assert page.choices_label.text() == "Choices: Singing, Gardening."
    assert page.voters_label.text() == "0 of 2 have voted. Still to vote: Ivy Clarke, Jo Hart."
    assert page.vote_button.isVisible() and not page.hands_button.isVisible()


@POPUP_WARNINGS
def test_the_form_says_what_is_missing_by_each_box(themed_app, qtbot, db, coordinator, meeting):
    _ctx, stack, room = open_stack(qtbot, db, coordinator, VotesPage)
    click(qtbot, room.new_button)
    form = stack.current
    choose_in_list(qtbot, form.kind, "An election")
    assert form.candidates_row.isVisible() and form.meeting_row.isVisible()
    click(qtbot, form.save_button)
    assert form.form.field("question").error_text().startswith("Type the question")
    assert form.form.field("candidates").error_text().startswith("Give between 1 and 5")
    assert stack.current is form


def test_vote_close_and_see_the_result(themed_app, qtbot, db, coordinator, board, meeting):
    ballot = decision(db, coordinator, meeting)
    codes = {o.code: o.option_id for o in db.run(votes.get_ballot, coordinator, ballot).options}
    for key, code in (("ann", "yes"), ("bill", "yes"), ("cath", "not_sure")):
        db.run(votes.cast_vote, coordinator, ballot, board[key], [(codes[code], "chosen")])
    _ctx, stack, page = open_stack(qtbot, db, coordinator, lambda ctx: BallotPage(ctx, ballot))
    assert not page.results.isVisible()  # no running count while it is open
    assert not page.vote_button.isEnabled()  # everyone here has voted
    answer_next_question(confirm=True)
    click(qtbot, page.close_button)
    assert page.results.headline.text() == "Agreed: 2 for, 0 against, 1 not sure."
    assert page.results.bar_words() == ["Yes: 2 votes", "No: 0 votes", "Not sure: 1 vote"]
    assert page.results.turnout.text() == "3 of the 3 people who could vote did."
    assert page.voters_label.text() == "3 of 3 voted."
    assert not page.close_button.isVisible()
    room = VotesPage(page.ctx)
    room.refresh()
    [(_row, status)] = room.model.rows()
    assert status == "Closed. Agreed: 2 for, 0 against, 1 not sure."

    click(qtbot, page.decision_button)
    form = stack.current
    assert isinstance(form, DecisionPage)
    assert form.motion.text() == "Shall we buy a new urn?"
    assert (form.votes_for.value(), form.votes_against.value(), form.abstentions.value()) == (
        2,
        0,
        1,
    )
    assert not form.votes_for.isEnabled()
    click(qtbot, form.save_button)
    assert stack.current is page
    assert db.run(votes.get_ballot, coordinator, ballot).decision_id is not None
    assert not page.decision_button.isVisible()
    assert page.decided_label.text() == "Written down in the meeting's record: Carried."
    [saved] = db.run(meetings.get_meeting, coordinator, meeting).decisions
    assert (saved.motion, saved.carried) == ("Shall we buy a new urn?", True)
    assert decisions  # the record went through the decisions service


def test_start_voting_opens_the_voting_screens(themed_app, qtbot, db, coordinator, meeting):
    ballot = decision(db, coordinator, meeting)
    _ctx, stack, page = open_stack(qtbot, db, coordinator, lambda ctx: BallotPage(ctx, ballot))
    click(qtbot, page.vote_button)
    screen = stack.current
    assert isinstance(screen, VotingPage)
    assert screen.flow.voter_names() == ["Ann Baker", "Bill Cole", "Cath Dunn"]
    stop_with_password(qtbot, screen.flow, COORDINATOR_PASSWORD)
    assert stack.current is page


def test_count_hands_with_the_big_buttons(themed_app, qtbot, db, coordinator, meeting):
    ballot = decision(db, coordinator, meeting, method="hands")
    _ctx, stack, page = open_stack(qtbot, db, coordinator, lambda ctx: BallotPage(ctx, ballot))
    assert page.hands_button.isVisible() and not page.vote_button.isVisible()
    click(qtbot, page.hands_button)
    form = stack.current
    assert isinstance(form, HandsPage)
    steppers = list(form.steppers.values())
    for _ in range(4):
        click(qtbot, steppers[0].plus_button)
    click(qtbot, form.save_button)
    assert stack.current is form  # 4 hands, 3 people here
    assert "only 3 people are marked present" in form.form.form_error.text()
    click(qtbot, steppers[0].minus_button)
    click(qtbot, steppers[0].minus_button)
    click(qtbot, steppers[1].plus_button)
    click(qtbot, form.save_button)
    assert stack.current is page
    assert page.results.headline.text() == "So far: Agreed: 2 for, 1 against, 0 not sure."
    assert page.results.turnout.text() == "3 people could vote; 3 hands went up at the most."


def test_a_vote_fills_the_screen_and_auto_lock_waits(window, qtbot, db):
    sign_in(window, qtbot, "coordinator")
    ctx = window.ctx
    last = ctx.read(meetings.list_meetings)[1].meeting_id
    ballot = ctx.run(
        votes.create_ballot,
        BallotInput("decision", "A new urn?", meeting_id=last),
        changed="committee",
    )
    ctx.navigator.push(BallotPage(ctx, ballot))
    page = window.shell.pages.current
    click(qtbot, page.vote_button)
    assert isinstance(window.shell.pages.current, VotingPage)
    assert not window.shell.rail_scroll.isVisible() and not window.shell.top_bar.isVisible()
    assert window.isFullScreen() and window.idle is not None and window.idle.paused
    stop_with_password(qtbot, window.shell.pages.current.flow, DEMO_USERS[0][2])
    assert window.shell.pages.current is page
    assert window.shell.top_bar.isVisible() and not window.isFullScreen()
    assert not window.idle.paused


def test_meeting_mode_puts_an_item_to_the_vote(themed_app, qtbot, db, coordinator, meeting):
    from clubapp.ui.meeting_mode import MeetingModePage

    _ctx, stack, mode = open_stack(
        qtbot, db, coordinator, lambda ctx: MeetingModePage(ctx, meeting)
    )
    while mode.title_label.text() != "Any other business":
        click(qtbot, mode.next_button)
    click(qtbot, mode.vote_button)
    form = stack.current
    assert isinstance(form, BallotFormPage) and form.full_width
    assert (form.kind.value(), form.meeting.value()) == ("decision", meeting)
    assert form.question.text() == "Any other business"
    form.question.setText("Shall we meet in the library in January?")
    click(qtbot, form.save_button)
    page = stack.current
    assert isinstance(page, BallotPage) and page.full_width
    ballot = db.run(votes.get_ballot, coordinator, page.ballot_id)
    item = mode.current_item()
    assert item is not None and ballot.item_id == item.item_id
    assert ballot.question == "Shall we meet in the library in January?"


@POPUP_WARNINGS
def test_choices_from_the_clubs_activities_and_a_photo(
    themed_app, qtbot, db, coordinator, club_day, tmp_path
):
    from PySide6.QtGui import QColor, QImage

    from clubapp.services import programme
    from clubapp.services.programme import ActivityInput

    db.run(programme.add_activity, coordinator, ActivityInput("Tea and cake", "tea_and_cake"))
    _ctx, stack, room = open_stack(qtbot, db, coordinator, VotesPage)
    click(qtbot, room.new_button)
    form = stack.current
    form.question.setText("What shall we do on Friday?")
    first, second = form.choices[0], form.choices[1]
    choose_in_list(qtbot, first.activity, "Tea and cake")
    assert first.words.text() == "Tea and cake"
    assert first.picture.value() == "tea_and_cake"

    junk = tmp_path / "notes.txt"
    junk.write_text("not a photo")
    assert not second.set_photo_from_file(junk)
    assert second.photo_error.text().startswith("This file is not a photo")
    photo = tmp_path / "garden.png"
    image = QImage(1600, 1200, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e7d32"))
    assert image.save(str(photo))
    assert second.set_photo_from_file(photo)
    assert second.photo_error.isHidden()
    assert second.photo_note.text() == "The photo garden.png is shown for this choice."
    assert not second.picture.isEnabled()
    click(qtbot, form.save_button)
    page = stack.current
    assert isinstance(page, BallotPage)
    options = db.run(votes.get_ballot, coordinator, page.ballot_id).options
    assert options[0].activity_id is not None and options[0].picture == "tea_and_cake"
    assert options[1].has_photo and options[1].picture is None
    stored = db.run(votes.option_photo, coordinator, options[1].option_id)
    assert stored is not None and stored[:2] == b"\xff\xd8"  # a JPEG, made smaller
    shrunk = QImage.fromData(stored)
    assert max(shrunk.width(), shrunk.height()) == 512


def test_a_volunteer_starts_activity_choices_only(themed_app, qtbot, db, actors, club_day, board):
    """No meetings for a volunteer: the form offers an activity choice at a session."""
    _ctx, stack, room = open_stack(qtbot, db, actors["volunteer"], VotesPage)
    click(qtbot, room.new_button)
    form = stack.current
    assert isinstance(form, BallotFormPage)
    assert [form.kind.itemText(i) for i in range(form.kind.count())] == ["An activity choice"]
    assert form.session.count() == 1 and not form.meeting_row.isVisible()
    form.question.setText("What shall we do next week?")
    click(qtbot, form.save_button)
    assert isinstance(stack.current, BallotPage)


def test_a_named_vote_shows_who_chose_what_once_closed(
    themed_app, qtbot, db, coordinator, board, meeting
):
    ballot = decision(db, coordinator, meeting, method="named")
    codes = {o.code: o.option_id for o in db.run(votes.get_ballot, coordinator, ballot).options}
    db.run(
        votes.cast_vote,
        coordinator,
        ballot,
        board["ann"],
        [(codes["yes"], "chosen")],
        supported_by_id=board["gus"],
    )
    db.run(votes.cast_vote, coordinator, ballot, board["bill"], [(codes["no"], "chosen")])
    _ctx, _stack, page = open_stack(qtbot, db, coordinator, lambda ctx: BallotPage(ctx, ballot))
    assert not page.named_label.isVisible()  # nothing shows while it is open
    assert page.voters_label.text() == "2 of 3 have voted. Still to vote: Cath Dunn."
    answer_next_question(confirm=True)
    click(qtbot, page.close_button)
    assert page.named_label.text() == (
        "Who chose what (a named vote):\nAnn Baker: Yes (helped by Gus Guest)\nBill Cole: No"
    )
    assert page.voters_label.text() == "2 of 3 voted. Did not vote: Cath Dunn."

"""Meeting mode: one item at a time in large letters, moving with buttons and keys, what
was said saved on leaving each item, decisions with their outcome (carried, ties and
the casting vote, the refusal when not quorate), action points and matters arising."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from clubapp.services import club, decisions, meetings
from clubapp.services.decisions import ActionInput
from clubapp.ui.meeting_mode import MeetingModePage
from clubapp.ui.pages.decision import ActionPage, DecisionPage
from clubapp.ui.pages.meeting import MeetingPage, WhoCamePage
from tests.conftest import TODAY
from tests.gui.committee_helpers import add_meeting, click, open_stack


@pytest.fixture
def meeting(db, coordinator, board) -> int:
    return add_meeting(db, coordinator, TODAY, board["ann"])


def mark_present(db, coordinator, meeting_id, board, *keys) -> None:
    for key in keys:
        db.run(meetings.set_attendance, coordinator, meeting_id, board[key], "present")


def start(qtbot, db, actor, meeting_id):
    """Open the meeting's page and press Start the meeting."""
    ctx, stack, page = open_stack(qtbot, db, actor, lambda ctx: MeetingPage(ctx, meeting_id))
    click(qtbot, page.start_button)
    mode = stack.current
    assert isinstance(mode, MeetingModePage)
    return ctx, stack, mode


def go_to(qtbot, mode: MeetingModePage, title: str) -> None:
    while mode.title_label.text() != title:
        click(qtbot, mode.next_button)


def item(db, coordinator, meeting_id, title):
    return next(
        i for i in db.run(meetings.get_meeting, coordinator, meeting_id).items if i.title == title
    )


def test_start_the_meeting_and_move_between_items(themed_app, qtbot, db, coordinator, meeting):
    """Item 1 of 5 first, in large letters; Next and Previous move; the ends say so."""
    _ctx, _stack, mode = start(qtbot, db, coordinator, meeting)
    assert mode.number_label.text() == "Item 1 of 5"
    assert mode.title_label.text() == "Apologies"
    assert mode.meta_label.text() == "2 minutes planned."
    assert mode.title_label.font().pointSizeF() >= 28
    assert mode.number_label.font().pointSizeF() >= 28
    assert mode.next_button.font().pointSizeF() >= 28
    assert mode.quorum_label.text().startswith("Not quorate: 0 trustees present")
    assert not mode.previous_button.isEnabled()
    click(qtbot, mode.next_button)
    assert (mode.number_label.text(), mode.title_label.text()) == (
        "Item 2 of 5",
        "Minutes of the last meeting",
    )
    click(qtbot, mode.previous_button)
    assert mode.number_label.text() == "Item 1 of 5"
    go_to(qtbot, mode, "Any other business")
    assert mode.end_label.text() == "This is the last item."
    assert not mode.next_button.isEnabled()


def test_what_was_said_is_saved_on_leaving_the_item(themed_app, qtbot, db, coordinator, meeting):
    """Type, move on: it is saved for the minutes, and is there on coming back."""
    _ctx, _stack, mode = start(qtbot, db, coordinator, meeting)
    click(qtbot, mode.next_button)
    mode.discussion.setFocus()
    qtbot.keyClicks(mode.discussion, "Agreed as a true record.")
    assert mode.saved_label.text().startswith("Not saved yet")
    click(qtbot, mode.next_button)
    assert item(db, coordinator, meeting, "Minutes of the last meeting").discussion == (
        "Agreed as a true record."
    )
    assert mode.discussion.text() == ""
    click(qtbot, mode.previous_button)
    assert mode.discussion.text() == "Agreed as a true record."
    qtbot.keyClicks(mode.discussion, " Signed by the chair.")
    click(qtbot, mode.save_button)
    assert mode.saved_label.text() == "Saved."
    assert item(db, coordinator, meeting, "Minutes of the last meeting").discussion.endswith(
        "Signed by the chair."
    )


def test_typing_is_saved_when_leaving_the_meeting_or_locking(
    themed_app, qtbot, db, coordinator, meeting
):
    """Back saves what was typed; so does the screen being hidden by the lock."""
    _ctx, stack, mode = start(qtbot, db, coordinator, meeting)
    qtbot.keyClicks(mode.discussion, "Cath sent apologies.")
    stack.hide()  # what locking the laptop does to the page
    assert item(db, coordinator, meeting, "Apologies").discussion == "Cath sent apologies."
    stack.show()
    click(qtbot, mode.next_button)
    qtbot.keyClicks(mode.discussion, "Approved.")
    stack.back()
    assert isinstance(stack.current, MeetingPage)
    assert item(db, coordinator, meeting, "Minutes of the last meeting").discussion == "Approved."


def test_too_much_typing_keeps_the_meeting_on_the_item(themed_app, qtbot, db, coordinator, meeting):
    """If what was said cannot be saved, the message is by the box, the words stay, and
    the meeting does not move on."""
    _ctx, _stack, mode = start(qtbot, db, coordinator, meeting)
    mode.discussion.setPlainText("x" * 2001)
    click(qtbot, mode.next_button)
    assert mode.number_label.text() == "Item 1 of 5"
    assert "the most it can be is 2,000" in mode.discussion_row.error_text()
    assert mode.discussion.text() == "x" * 2001


def test_page_keys_and_arrow_keys_move_between_items(themed_app, qtbot, db, coordinator, meeting):
    """Page Down / Page Up and the arrow keys move, over the buttons too. In the typing box
    the arrows move the cursor; Page Down moves on, saving what was typed."""
    _ctx, stack, mode = start(qtbot, db, coordinator, meeting)
    stack.activateWindow()
    qtbot.waitUntil(stack.isActiveWindow)
    mode.next_button.setFocus()
    qtbot.keyClick(mode.next_button, Qt.Key.Key_PageDown)
    assert mode.number_label.text() == "Item 2 of 5"
    qtbot.keyClick(mode.next_button, Qt.Key.Key_Down)
    assert mode.number_label.text() == "Item 3 of 5"
    qtbot.keyClick(mode.next_button, Qt.Key.Key_PageUp)
    assert mode.number_label.text() == "Item 2 of 5"
    qtbot.keyClick(mode.next_button, Qt.Key.Key_Up)
    assert mode.number_label.text() == "Item 1 of 5"
    qtbot.keyClick(mode.next_button, Qt.Key.Key_Right)
    assert mode.number_label.text() == "Item 2 of 5"
    qtbot.keyClick(mode.next_button, Qt.Key.Key_Left)
    assert mode.number_label.text() == "Item 1 of 5"
    mode.discussion.setFocus()
    qtbot.keyClicks(mode.discussion, "Two apologies.")
    qtbot.keyClick(mode.discussion, Qt.Key.Key_Down)
    qtbot.keyClick(mode.discussion, Qt.Key.Key_Left)
    assert mode.number_label.text() == "Item 1 of 5"
    qtbot.keyClick(mode.discussion, Qt.Key.Key_PageDown)
    assert mode.number_label.text() == "Item 2 of 5"
    assert item(db, coordinator, meeting, "Apologies").discussion == "Two apologies."


def test_record_a_decision_four_one_none_is_carried(
    themed_app, qtbot, db, coordinator, board, meeting
):
    """Count with the big + buttons; the outcome shows before saving; then the item shows it."""
    mark_present(db, coordinator, meeting, board, "ann", "bill", "cath", "dev", "joan")
    _ctx, stack, mode = start(qtbot, db, coordinator, meeting)
    assert mode.quorum_label.text() == "Quorate: 5 trustees present, 3 needed."
    go_to(qtbot, mode, "Treasurer's report")
    click(qtbot, mode.decision_button)
    page = stack.current
    assert isinstance(page, DecisionPage)
    assert page.intro.text() == "Item 4 of 5: Treasurer's report."
    assert page.outcome_label.text().startswith("Enter how many said yes")
    qtbot.keyClicks(page.motion, "Buy a new piano")
    page.proposer.choose(board["ann"])
    page.seconder.choose(board["bill"])
    for _ in range(4):
        click(qtbot, page.votes_for.plus_button)
    click(qtbot, page.votes_against.plus_button)
    assert (page.votes_for.value(), page.votes_against.value(), page.abstentions.value()) == (
        4,
        1,
        0,
    )
    assert page.outcome_label.text() == "Outcome if you save now: Carried."
    assert page.outcome_label.font().pointSizeF() >= 28
    assert page.casting_row.isHidden()
    click(qtbot, page.save_button)

    assert stack.current is mode
    assert mode.title_label.text() == "Treasurer's report"
    assert "Carried." in mode.decided_label.text()
    assert "Yes 4, no 1, not sure 0" in mode.decided_label.text()
    saved = db.run(meetings.get_meeting, coordinator, meeting).decisions
    assert [(d.motion, d.carried, d.proposer, d.seconder) for d in saved] == [
        ("Buy a new piano", True, "Ann Baker", "Bill Cole")
    ]


def test_a_tie_asks_for_the_chairs_casting_vote(themed_app, qtbot, db, coordinator, board, meeting):
    """Tied counts bring up the casting vote; saving without it is refused by that field."""
    mark_present(db, coordinator, meeting, board, "ann", "bill", "cath", "dev", "joan")
    _ctx, stack, mode = start(qtbot, db, coordinator, meeting)
    click(qtbot, mode.decision_button)
    page = stack.current
    qtbot.keyClicks(page.motion, "Move the club to Tuesdays")
    for _ in range(2):
        click(qtbot, page.votes_for.plus_button)
        click(qtbot, page.votes_against.plus_button)
    assert page.casting_row.isVisible()
    assert page.outcome_label.text() == (
        "The votes are tied. The chair has a casting vote: choose how the chair votes."
    )
    click(qtbot, page.save_button)
    assert stack.current is page
    assert "choose how the chair votes" in page.form.field("casting").error_text()
    click(qtbot, page.casting_no)
    assert page.outcome_label.text() == (
        "Outcome if you save now: Not carried on the chair's casting vote."
    )
    click(qtbot, page.save_button)
    assert stack.current is mode
    assert "Not carried on the chair's casting vote." in mode.decided_label.text()
    # Untied counts take the casting vote away again.
    click(qtbot, mode.decision_button)
    again = stack.current
    click(qtbot, again.votes_for.plus_button)
    click(qtbot, again.votes_against.plus_button)
    assert again.casting_row.isVisible()
    click(qtbot, again.casting_yes)
    click(qtbot, again.votes_for.plus_button)
    assert again.casting_row.isHidden() and again.casting() is None
    assert again.outcome_label.text() == "Outcome if you save now: Carried."


def test_without_a_casting_vote_a_tie_is_not_carried(
    themed_app, qtbot, db, coordinator, board, meeting
):
    """When the rules give the chair no casting vote, a tie is simply not carried."""
    db.run(club.set_int, "chair_casting_vote", 0, coordinator)
    mark_present(db, coordinator, meeting, board, "ann", "bill", "cath", "dev")
    _ctx, stack, mode = start(qtbot, db, coordinator, meeting)
    click(qtbot, mode.decision_button)
    page = stack.current
    for _ in range(2):
        click(qtbot, page.votes_for.plus_button)
        click(qtbot, page.votes_against.plus_button)
    assert page.casting_row.isHidden()
    assert page.outcome_label.text() == "Outcome if you save now: Not carried: the votes were tied."


def test_a_meeting_that_is_not_quorate_cannot_decide(
    themed_app, qtbot, db, coordinator, board, meeting
):
    """The service refuses; its words show by the quorum; the motion typed is kept."""
    mark_present(db, coordinator, meeting, board, "ann", "bill")
    _ctx, stack, mode = start(qtbot, db, coordinator, meeting)
    click(qtbot, mode.decision_button)
    page = stack.current
    qtbot.keyClicks(page.motion, "Buy a new piano")
    click(qtbot, page.votes_for.plus_button)
    click(qtbot, page.votes_for.plus_button)
    click(qtbot, page.save_button)
    assert stack.current is page
    assert page.form.field("meeting").error_text() == (
        "Not quorate: 2 trustees present, 3 needed. The meeting cannot take decisions. "
        "Mark who is present first."
    )
    assert page.motion.text() == "Buy a new piano"
    assert page.errors_summary.isVisible()
    assert db.run(meetings.get_meeting, coordinator, meeting).decisions == ()


def test_more_votes_than_people_present_is_explained_by_the_count(
    themed_app, qtbot, db, coordinator, board, meeting
):
    """Typing a count works too; an impossible total is refused next to Yes."""
    mark_present(db, coordinator, meeting, board, "ann", "bill", "cath")
    _ctx, stack, mode = start(qtbot, db, coordinator, meeting)
    click(qtbot, mode.decision_button)
    page = stack.current
    qtbot.keyClicks(page.motion, "Buy a new piano")
    page.votes_for.box.selectAll()
    qtbot.keyClicks(page.votes_for.box, "4")
    assert page.votes_for.value() == 4
    click(qtbot, page.save_button)
    assert "only 3 trustees are marked present" in page.form.field("votes_for").error_text()


def test_latecomers_are_marked_from_the_meeting(themed_app, qtbot, db, coordinator, board, meeting):
    """Who is here opens the cards; back in the meeting, the quorum sentence has changed."""
    _ctx, stack, mode = start(qtbot, db, coordinator, meeting)
    click(qtbot, mode.who_button)
    who = stack.current
    assert isinstance(who, WhoCamePage)
    for name in ("Ann Baker", "Bill Cole", "Cath Dunn"):
        click(qtbot, who.who.card_for(name).buttons["present"])
    assert who.who.quorum_label.text() == "Quorate: 3 trustees present, 3 needed."
    click(qtbot, who.back_button)
    assert stack.current is mode
    assert mode.quorum_label.text() == "Quorate: 3 trustees present, 3 needed."
    assert "Here: Ann Baker, Bill Cole, Cath Dunn." in mode.details_label.text()


def test_add_an_action_point_to_the_item(themed_app, qtbot, db, coordinator, board, meeting):
    """What, who and by when; the item then lists it."""
    _ctx, stack, mode = start(qtbot, db, coordinator, meeting)
    go_to(qtbot, mode, "Treasurer's report")
    click(qtbot, mode.action_button)
    page = stack.current
    assert isinstance(page, ActionPage)
    click(qtbot, page.save_button)
    assert page.form.field("what").error_text() == "Type what needs doing."
    qtbot.keyClicks(page.what, "Get three quotes for a piano")
    page.who.choose(board["dev"])
    click(qtbot, page.due_on.check)
    click(qtbot, page.save_button)
    assert stack.current is mode
    assert mode.actions_label.text() == "Get three quotes for a piano (Dev Evans)"
    saved = db.run(meetings.get_meeting, coordinator, meeting).actions
    assert [(a.what, a.due_on) for a in saved] == [
        ("Get three quotes for a piano", TODAY + timedelta(days=14))
    ]


def test_matters_arising_can_be_marked_done_in_the_meeting(
    themed_app, qtbot, db, coordinator, board
):
    """An action still open from the last meeting comes back under Matters arising; marked
    done, it stays on the screen, saying so."""
    earlier = add_meeting(db, coordinator, TODAY - timedelta(days=28))
    db.run(
        decisions.add_action, coordinator, earlier, ActionInput("Book the minibus", board["ann"])
    )
    meeting = add_meeting(db, coordinator, TODAY)
    _ctx, _stack, mode = start(qtbot, db, coordinator, meeting)
    go_to(qtbot, mode, "Matters arising")
    line = mode.arising_lines.widgets()[0]
    assert line.words.text() == "Book the minibus. Ann Baker. Not done yet."
    assert line.words.font().pointSizeF() >= 28
    click(qtbot, line.done_button)
    assert mode.arising_lines.widgets() == [line]
    assert line.words.text() == "Book the minibus. Ann Baker. Done today."
    assert line.done_button.text() == "Mark as not done"
    done = db.run(meetings.get_meeting, coordinator, earlier).actions[0].done_on
    assert done == TODAY


def test_a_treasurer_can_follow_but_not_change_the_meeting(
    themed_app, qtbot, db, actors, board, meeting
):
    """Opened by someone who may only look: no buttons that change, a read-only box."""
    _ctx, stack, _room = open_stack(
        qtbot, db, actors["treasurer"], lambda ctx: MeetingModePage(ctx, meeting)
    )
    mode = stack.current
    assert mode.number_label.text() == "Item 1 of 5"
    assert mode.decision_button.isHidden() and mode.save_button.isHidden()
    assert mode.discussion.isReadOnly()
    click(qtbot, mode.next_button)
    assert mode.number_label.text() == "Item 2 of 5"

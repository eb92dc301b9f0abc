"""The tester's findings on meeting mode, driven by clicks on the real widgets: matters
arising marked done stay on the screen (and a tremor's double tap does not undo them),
Start the meeting carries on where the meeting was left, the pages opened from the
meeting keep it full screen, and the last meeting's minutes are approved without
leaving the meeting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget

from clubapp.services import agenda, decisions, meetings, minutes
from clubapp.services.decisions import ActionInput
from clubapp.ui import theme
from clubapp.ui.context import COMMITTEE
from clubapp.ui.meeting_mode import DOUBLE_TAP_SECONDS, MeetingModePage
from clubapp.ui.pages.decision import ActionPage, DecisionPage
from clubapp.ui.pages.meeting import MeetingPage, WhoCamePage
from tests.conftest import TODAY
from tests.gui.committee_helpers import add_meeting, answer_next_question, click, open_stack
from tests.gui.test_accessibility import check, sign_in

#: What the meeting's page asks before approving minutes; meeting mode asks the same.
APPROVE_QUESTION = (
    "Approve the minutes of the committee meeting on 21 October 2026, at the meeting on "
    "18 November 2026? Once they are approved the record is locked: who came, the agenda "
    "and what was said can no longer be changed. Mistakes found later are added as "
    "corrections."
)


def start(qtbot, db, actor, meeting_id):
    """Open the meeting's page and press Start the meeting."""
    ctx, stack, page = open_stack(qtbot, db, actor, lambda ctx: MeetingPage(ctx, meeting_id))
    click(qtbot, page.start_button)
    mode = stack.current
    assert isinstance(mode, MeetingModePage)
    return ctx, stack, page, mode


def go_to(qtbot, mode: MeetingModePage, title: str) -> None:
    while mode.title_label.text() != title:
        click(qtbot, mode.next_button)


def place(widget: QWidget, mode: MeetingModePage) -> QPoint:
    """Where a widget is in the meeting's scrolling body (the same whatever the scroll)."""
    return widget.mapTo(mode.scroll_area.widget(), QPoint(0, 0))


def open_actions(db, coordinator, board, *whats: str):
    """An earlier meeting with these action points, all open, and today's meeting."""
    earlier = add_meeting(db, coordinator, TODAY - timedelta(days=28))
    ids = [
        db.run(decisions.add_action, coordinator, earlier, ActionInput(what, board["ann"]))
        for what in whats
    ]
    return earlier, ids, add_meeting(db, coordinator, TODAY)


# ---------------------------------------------------------------- 1. matters arising


def test_mark_done_keeps_the_line_and_the_next_button_where_they_were(
    themed_app, qtbot, db, coordinator, board
):
    """Mark done: the line stays, says Done today, and its button says Mark as not done.
    The next action's Mark done button has not moved, so it is not under the finger."""
    earlier, (minibus, hall), meeting = open_actions(
        db, coordinator, board, "Book the minibus", "Pay the hall"
    )
    _ctx, _stack, _page, mode = start(qtbot, db, coordinator, meeting)
    go_to(qtbot, mode, "Matters arising")
    first, second = mode.arising_lines.widgets()
    second_at = place(second.done_button, mode)
    click(qtbot, first.done_button)

    assert mode.arising_lines.widgets() == [first, second]
    assert first.isVisible() and second.isVisible()
    assert first.words.text() == "Book the minibus. Ann Baker. Done today."
    assert first.done_button.text() == "Mark as not done"
    assert first.done_button.accessibleName() == "Mark as not done: Book the minibus"
    assert second.words.text() == "Pay the hall. Ann Baker. Not done yet."
    assert second.done_button.text() == "Mark done"
    assert place(second.done_button, mode) == second_at
    done = {
        a.action_id: a.done_on for a in db.run(meetings.get_meeting, coordinator, earlier).actions
    }
    assert done == {minibus: TODAY, hall: None}

    # Mark as not done puts it back, after the half second.
    qtbot.wait(int(DOUBLE_TAP_SECONDS * 1000) + 100)
    click(qtbot, first.done_button)
    assert first.words.text() == "Book the minibus. Ann Baker. Not done yet."
    assert first.done_button.text() == "Mark done"
    assert db.run(meetings.get_meeting, coordinator, earlier).actions[0].done_on is None


def test_a_double_tap_on_mark_done_counts_once(themed_app, qtbot, db, coordinator, board):
    """A second press within half a second of the change is ignored, on that line and on
    the next; a press after that works."""
    earlier, (minibus, hall), meeting = open_actions(
        db, coordinator, board, "Book the minibus", "Pay the hall"
    )
    _ctx, _stack, _page, mode = start(qtbot, db, coordinator, meeting)
    go_to(qtbot, mode, "Matters arising")
    first, second = mode.arising_lines.widgets()
    click(qtbot, first.done_button)
    click(qtbot, first.done_button)  # the tremor's second tap
    click(qtbot, second.done_button)
    assert first.words.text().endswith("Done today.")
    assert second.words.text().endswith("Not done yet.")

    def done() -> dict[int, object]:
        rows = db.run(meetings.get_meeting, coordinator, earlier).actions
        return {a.action_id: a.done_on for a in rows}

    assert done() == {minibus: TODAY, hall: None}
    qtbot.wait(int(DOUBLE_TAP_SECONDS * 1000) + 100)
    click(qtbot, second.done_button)
    assert second.words.text().endswith("Done today.")
    assert done() == {minibus: TODAY, hall: TODAY}


def test_lines_done_on_another_day_say_the_day(themed_app, qtbot, db, coordinator, board):
    """When every action was done before the meeting they are all listed, each with its day;
    marked done today (in an earlier visit to meeting mode) says Done today."""
    _earlier, (minibus, hall), meeting = open_actions(
        db, coordinator, board, "Book the minibus", "Pay the hall"
    )
    db.run(decisions.set_action_done, coordinator, minibus, TODAY - timedelta(days=3))
    db.run(decisions.set_action_done, coordinator, hall, TODAY)
    _ctx, _stack, _page, mode = start(qtbot, db, coordinator, meeting)
    go_to(qtbot, mode, "Matters arising")
    assert [line.words.text() for line in mode.arising_lines.widgets()] == [
        "Book the minibus. Ann Baker. Done on 15 November 2026.",
        "Pay the hall. Ann Baker. Done today.",
    ]
    assert all(
        line.done_button.text() == "Mark as not done" for line in mode.arising_lines.widgets()
    )


# ---------------------------------------------------------------- 2. carrying on


def test_start_the_meeting_again_carries_on_at_the_same_item(
    themed_app, qtbot, db, coordinator, board
):
    """Back, then Start the meeting: the item the chair was on, not item 1. Found by the
    item, so an item added to the agenda meanwhile does not move the meeting."""
    meeting = add_meeting(db, coordinator, TODAY, board["ann"])
    ctx, stack, page, mode = start(qtbot, db, coordinator, meeting)
    go_to(qtbot, mode, "Treasurer's report")
    assert mode.number_label.text() == "Item 4 of 5"
    stack.back()
    assert stack.current is page

    click(qtbot, page.start_button)
    again = stack.current
    assert isinstance(again, MeetingModePage) and again is not mode
    assert (again.number_label.text(), again.title_label.text()) == (
        "Item 4 of 5",
        "Treasurer's report",
    )
    click(qtbot, again.previous_button)
    stack.back()

    # Someone adds a proposal before the last item, on another screen.
    ctx.run(agenda.add_proposal, meeting, "A trip to the seaside", changed=COMMITTEE)
    click(qtbot, page.start_button)
    third = stack.current
    assert (third.number_label.text(), third.title_label.text()) == (
        "Item 3 of 6",
        "Matters arising",
    )
    go_to(qtbot, third, "Any other business")
    stack.back()
    ctx.run(agenda.add_proposal, meeting, "New chairs", changed=COMMITTEE)
    click(qtbot, page.start_button)
    assert (stack.current.number_label.text(), stack.current.title_label.text()) == (
        "Item 7 of 7",
        "Any other business",
    )


def test_a_new_page_for_the_meeting_starts_at_item_1(themed_app, qtbot, db, coordinator, board):
    """The place is kept for as long as the meeting's page lives; opened afresh, item 1."""
    meeting = add_meeting(db, coordinator, TODAY, board["ann"])
    _ctx, stack, _page, mode = start(qtbot, db, coordinator, meeting)
    go_to(qtbot, mode, "Matters arising")
    stack.back()
    _ctx, _stack, _page, fresh = start(qtbot, db, coordinator, meeting)
    assert fresh.number_label.text() == "Item 1 of 5"


# ---------------------------------------------------------------- 4. full screen


def test_pages_opened_from_the_meeting_keep_it_full_screen(window, qtbot):
    """Record a decision, Add an action point and Who is here keep the rail put away;
    Back to the meeting's page brings it again. The same pages opened elsewhere keep it."""
    sign_in(window, qtbot, "coordinator")
    shell = window.shell
    shell.go_to("Committee")
    last = window.ctx.read(meetings.list_meetings)[1].meeting_id
    page = MeetingPage(window.ctx, last)
    window.ctx.navigator.push(page)
    click(qtbot, page.start_button)
    mode = shell.pages.current
    assert isinstance(mode, MeetingModePage)
    assert not shell.rail_scroll.isVisible()
    for button, kind in (
        (mode.decision_button, DecisionPage),
        (mode.action_button, ActionPage),
        (mode.who_button, WhoCamePage),
    ):
        click(qtbot, button)
        opened = shell.pages.current
        assert isinstance(opened, kind)
        assert opened.full_width
        assert not shell.rail_scroll.isVisible(), kind.__name__
        click(qtbot, shell.back_button)
        assert shell.pages.current is mode
        assert not shell.rail_scroll.isVisible()
    # Only those pages: the classes are unchanged.
    assert not (DecisionPage.full_width or ActionPage.full_width or WhoCamePage.full_width)
    click(qtbot, shell.back_button)
    assert shell.pages.current is page
    assert shell.rail_scroll.isVisible()


# ---------------------------------------------------------------- 5. approving the minutes


def minutes_item(qtbot, db, actor, meeting):
    _ctx, stack, _page, mode = start(qtbot, db, actor, meeting)
    go_to(qtbot, mode, "Minutes of the last meeting")
    return stack, mode


def test_the_minutes_are_approved_from_the_meeting(themed_app, qtbot, db, coordinator, board):
    """A large button names the minutes; it asks first, as the meeting's page does; Go back
    changes nothing; Yes approves them at this meeting and the line says so."""
    earlier = add_meeting(db, coordinator, TODAY - timedelta(days=28))
    meeting = add_meeting(db, coordinator, TODAY, board["ann"])
    stack, mode = minutes_item(qtbot, db, coordinator, meeting)
    assert mode.approve_button.isVisible()
    assert mode.approve_button.text() == "Approve the minutes of 21 October 2026"
    assert mode.approve_button.font().pointSizeF() >= 28
    assert mode.approve_button.height() >= 60
    assert mode.details_label.text() == (
        "The minutes of the meeting on 21 October 2026. They are still a draft. Once this "
        "meeting agrees they are right, press Approve the minutes."
    )

    asked = answer_next_question(confirm=False)
    click(qtbot, mode.approve_button)
    qtbot.waitUntil(lambda: bool(asked))
    assert asked == [APPROVE_QUESTION]
    assert db.run(meetings.get_meeting, coordinator, earlier).minutes_approved_on is None
    assert mode.approve_button.isVisible()

    asked = answer_next_question(confirm=True)
    click(qtbot, mode.approve_button)
    qtbot.waitUntil(lambda: bool(asked))
    assert asked == [APPROVE_QUESTION]
    assert db.run(meetings.get_meeting, coordinator, earlier).minutes_approved_on == TODAY
    assert stack.current is mode
    assert mode.title_label.text() == "Minutes of the last meeting"
    assert mode.details_label.text() == (
        "The minutes of the meeting on 21 October 2026. They were approved on 18 November 2026."
    )
    assert not mode.approve_button.isVisible()


def test_the_meetings_page_asks_the_same_question(themed_app, qtbot, db, coordinator, board):
    """The words of the question are shared: the meeting's page asks exactly this too."""
    earlier = add_meeting(db, coordinator, TODAY - timedelta(days=28))
    add_meeting(db, coordinator, TODAY, board["ann"])
    _ctx, _stack, page = open_stack(qtbot, db, coordinator, lambda ctx: MeetingPage(ctx, earlier))
    click(qtbot, page.minutes_button)
    asked = answer_next_question(confirm=False)
    click(qtbot, page.approve_button)
    qtbot.waitUntil(lambda: bool(asked))
    assert asked == [APPROVE_QUESTION]


def test_a_refusal_shows_beside_the_approve_button(themed_app, qtbot, db, coordinator, board):
    """Approved meanwhile on another screen: the service's words show beside the button."""
    earlier = add_meeting(db, coordinator, TODAY - timedelta(days=28))
    meeting = add_meeting(db, coordinator, TODAY, board["ann"])
    _stack, mode = minutes_item(qtbot, db, coordinator, meeting)
    db.run(minutes.approve_minutes, coordinator, earlier, meeting, TODAY)  # not announced
    asked = answer_next_question(confirm=True)
    click(qtbot, mode.approve_button)
    qtbot.waitUntil(lambda: bool(asked))
    assert mode.approve_problem.isVisible()
    assert mode.approve_problem.text() == (
        "The minutes are not approved. These minutes were already approved on 18 November 2026."
    )
    # Beside the button: in the same row, at its side or just under it.
    assert mode.approve_problem.parentWidget() is mode.approve_button.parentWidget()
    click(qtbot, mode.next_button)
    click(qtbot, mode.previous_button)
    assert mode.approve_problem.isHidden()


def test_no_approve_button_when_it_cannot_be_used(
    themed_app, qtbot, db, coordinator, actors, board
):
    """Not for someone who may only look, not before the meeting has taken place, not
    when the minutes are approved already, and not at the first meeting of its kind."""
    first = add_meeting(db, coordinator, TODAY - timedelta(days=56))
    _stack, mode = minutes_item(qtbot, db, coordinator, first)
    assert not mode.approve_button.isVisible()

    earlier = add_meeting(db, coordinator, TODAY - timedelta(days=28))
    coming = add_meeting(db, coordinator, TODAY + timedelta(days=14))
    _stack, mode = minutes_item(qtbot, db, coordinator, coming)
    assert not mode.approve_button.isVisible()
    assert "approve them on that meeting's page" in mode.details_label.text()

    meeting = add_meeting(db, coordinator, TODAY - timedelta(days=1))
    _ctx, _stack, mode = open_stack(
        qtbot, db, actors["treasurer"], lambda ctx: MeetingModePage(ctx, meeting)
    )
    go_to(qtbot, mode, "Minutes of the last meeting")
    assert not mode.approve_button.isVisible()

    db.run(minutes.approve_minutes, coordinator, earlier, meeting, TODAY)
    _stack, mode = minutes_item(qtbot, db, coordinator, meeting)
    assert not mode.approve_button.isVisible()
    assert "They were approved on 17 November 2026." in mode.details_label.text()


def within_width(widget: QWidget, area: QWidget) -> bool:
    """The widget's left and right edges are inside ``area`` (nothing cut off at the side)."""
    left = widget.mapTo(area, QPoint(0, 0)).x()
    return left >= 0 and left + widget.width() <= area.width()


@pytest.mark.parametrize("scale", (1.0, 2.0))
def test_the_new_parts_meet_the_rules_on_the_demo_club(window, qtbot, scale):
    """On the demo club, at 100 % and 200 % text: the approve button (its words on two
    lines when one is too wide) and matters arising after Mark done pass the checks of
    sizes, names, fonts and clipping, and nothing is cut off at the side, in 1280×720
    and in a narrow window."""
    sign_in(window, qtbot, "coordinator")
    theme.apply_theme(QApplication.instance(), scale)
    ctx = window.ctx
    held_today = ctx.run(
        meetings.add_meeting, meetings.MeetingInput("committee", TODAY), changed=COMMITTEE
    )
    page = MeetingPage(ctx, held_today)
    ctx.navigator.push(page)
    click(qtbot, page.start_button)
    mode = ctx.navigator.current
    assert isinstance(mode, MeetingModePage)
    viewport = mode.scroll_area.viewport()

    go_to(qtbot, mode, "Minutes of the last meeting")
    words = "Approve the minutes of 3 November 2026"
    assert mode.approve_button.words() == words
    assert mode.approve_button.accessibleName() == words
    assert ("\n" in mode.approve_button.text()) == (scale == 2.0)
    assert mode.approve_button.text().replace("\n", " ") == words
    assert mode.quorum_label.font().pointSizeF() >= mode.details_label.font().pointSizeF()
    mode.scroll_area.ensureWidgetVisible(mode.approve_button)
    problems = check(window, scale, "Meeting mode: approve the minutes")
    assert mode.approve_button.height() >= 60
    assert within_width(mode.approve_button, viewport)

    go_to(qtbot, mode, "Matters arising")
    line = mode.arising_lines.widgets()[0]
    click(qtbot, line.done_button)
    assert line.words.text().endswith("Done today.")
    problems += check(window, scale, "Meeting mode: matters arising, one marked done")
    assert line.done_button.height() >= 60

    window.resize(760, 720)
    click(qtbot, mode.previous_button)
    for _ in range(5):
        QApplication.processEvents()
    mode.scroll_area.ensureWidgetVisible(mode.approve_button)
    assert within_width(mode.approve_button, viewport)
    assert "\n" in mode.approve_button.text()
    problems += check(window, scale, "Meeting mode: approve the minutes, narrow window")
    assert not problems, "\n".join(problems)

"""The tester's findings on a meeting's screens, driven by clicks on the real widgets:
approving only at a meeting that has taken place, the day a correction was agreed,
decisions in agenda order without a double full stop, an item that cannot be removed
saying why without asking first, meetings not held yet, the decision page's outcome
and "Who is here", and meeting mode at 200 % text."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from clubapp.services import agenda, decisions, meetings, minutes
from clubapp.services.decisions import DecisionInput
from clubapp.ui import theme
from clubapp.ui.meeting_mode import MeetingModePage
from clubapp.ui.pages.agenda_forms import CorrectionPage
from clubapp.ui.pages.committee import CommitteePage
from clubapp.ui.pages.decision import DecisionPage
from clubapp.ui.pages.meeting import MeetingPage, WhoCamePage
from clubapp.ui.widgets.messages import ConfirmDialog
from tests.conftest import TODAY
from tests.gui.committee_helpers import (
    add_meeting,
    answer_next_question,
    choose_in_list,
    click,
    open_stack,
)
from tests.gui.test_accessibility import sign_in

#: Offscreen, the list that opens under a drop-down cannot take the keyboard.
POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)


def open_meeting(qtbot, db, actor, meeting_id):
    return open_stack(qtbot, db, actor, lambda ctx: MeetingPage(ctx, meeting_id))


def choices(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


class QuestionWatch:
    """Notes every question (ConfirmDialog) that shows while it watches, answering Go back."""

    def __init__(self, parent: QWidget) -> None:
        self.asked: list[str] = []
        self.timer = QTimer(parent)
        self.timer.timeout.connect(self._look)
        self.timer.start(10)

    def _look(self) -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, ConfirmDialog) and w.isVisible():
                self.asked.append(w.message.text())
                w.cancel_button.click()

    def stop(self) -> list[str]:
        self.timer.stop()
        return self.asked


# ---------------------------------------------------------------- 1. approving minutes


def test_minutes_are_approved_only_at_a_meeting_that_has_taken_place(
    themed_app, qtbot, db, coordinator, board
):
    """A later meeting still to come is not offered; the note names the next one."""
    earlier = add_meeting(db, coordinator, TODAY - timedelta(days=28))
    coming = add_meeting(db, coordinator, TODAY + timedelta(days=14))
    _ctx, _stack, page = open_meeting(qtbot, db, coordinator, earlier)
    click(qtbot, page.minutes_button)
    assert page.approve_box.isHidden() and page.approve_note.isVisible()
    assert page.approve_note.text() == (
        "Minutes are approved at a later meeting, once it has taken place. The next "
        "meeting is on 2 December 2026. Approve these minutes there, on the day."
    )
    assert coming not in [page.approve_at.itemData(i) for i in range(page.approve_at.count())]

    held = add_meeting(db, coordinator, TODAY - timedelta(days=7))
    _ctx, stack, page = open_meeting(qtbot, db, coordinator, earlier)
    click(qtbot, page.minutes_button)
    assert page.approve_box.isVisible()
    assert choices(page.approve_at) == ["Committee meeting, Wednesday 11 November 2026"]
    answer_next_question(confirm=True)
    click(qtbot, page.approve_button)
    detail = db.run(meetings.get_meeting, coordinator, earlier)
    assert detail.minutes_approved_on == TODAY - timedelta(days=7)
    assert held != coming


# ---------------------------------------------------------------- 2. corrections


@POPUP_WARNINGS
def test_agreed_at_a_meeting_fills_in_the_day_it_was_agreed(
    themed_app, qtbot, db, coordinator, board
):
    """By default the latest meeting held since the approval, with its day; choosing
    another meeting changes the day; meetings still to come are not offered."""
    first = add_meeting(db, coordinator, TODAY - timedelta(days=56))
    approving = add_meeting(db, coordinator, TODAY - timedelta(days=28))
    latest = add_meeting(db, coordinator, TODAY - timedelta(days=7))
    add_meeting(db, coordinator, TODAY + timedelta(days=21))
    db.run(minutes.approve_minutes, coordinator, first, approving, TODAY)
    _ctx, stack, page = open_meeting(qtbot, db, coordinator, first)
    click(qtbot, page.minutes_button)
    click(qtbot, page.correction_button)
    form = stack.current
    assert isinstance(form, CorrectionPage)
    assert choices(form.at_meeting) == [
        "Not agreed at a meeting",
        "Committee meeting, Wednesday 21 October 2026",
        "Committee meeting, Wednesday 11 November 2026",
    ]
    assert form.at_meeting.value() == latest
    assert form.agreed_on.value() == TODAY - timedelta(days=7)

    choose_in_list(qtbot, form.at_meeting, "Committee meeting, Wednesday 21 October 2026")
    assert form.at_meeting.value() == approving
    assert form.agreed_on.value() == TODAY - timedelta(days=28)
    qtbot.keyClicks(form.correction_text, "Cath sent apologies.")
    click(qtbot, form.save_button)
    assert stack.current is page
    assert "Agreed on 21 October 2026: Cath sent apologies." in page.corrections_label.text()


# ---------------------------------------------------------------- 3. decisions


def test_decisions_are_listed_in_agenda_order_without_a_double_full_stop(
    themed_app, qtbot, db, coordinator, board
):
    meeting = add_meeting(db, coordinator, TODAY)
    for key in ("ann", "bill", "cath"):
        db.run(meetings.set_attendance, coordinator, meeting, board[key], "present")
    quiz = db.run(agenda.add_proposal, coordinator, meeting, "Mrs H finds the quiz hard to hear.")
    detail = db.run(meetings.get_meeting, coordinator, meeting)
    treasurer = next(i.item_id for i in detail.items if i.title == "Treasurer's report")
    for motion, item in (
        ("Buy a microphone", quiz),
        ("Accept the accounts", treasurer),
        ("Sit her near the front", quiz),
        ("Note it for later", None),
    ):
        db.run(
            decisions.record_decision,
            coordinator,
            meeting,
            DecisionInput(motion, 3, 0, 0, item_id=item),
        )
    _ctx, _stack, page = open_meeting(qtbot, db, coordinator, meeting)
    click(qtbot, page.decisions_button)
    words = [line.words.text() for line in page.decision_lines.widgets()]
    assert [w.split(" Proposed")[0].split(" Yes")[0] for w in words] == [
        "Item 4, Treasurer's report. Motion: Accept the accounts.",
        "Item 5, Mrs H finds the quiz hard to hear. Motion: Buy a microphone.",
        "Item 5, Mrs H finds the quiz hard to hear. Motion: Sit her near the front.",
        "Motion: Note it for later.",
    ]
    assert not any(".." in w for w in words)


# ---------------------------------------------------------------- 4. removing an item


def test_an_item_that_must_stay_says_why_without_asking(themed_app, qtbot, db, coordinator, board):
    """Remove on an item with a decision under it: no question, the reason by the card."""
    meeting = add_meeting(db, coordinator, TODAY)
    for key in ("ann", "bill", "cath"):
        db.run(meetings.set_attendance, coordinator, meeting, board[key], "present")
    detail = db.run(meetings.get_meeting, coordinator, meeting)
    aob = next(i.item_id for i in detail.items if i.title == "Any other business")
    db.run(
        decisions.record_decision,
        coordinator,
        meeting,
        DecisionInput("Buy a kettle", 3, 0, 0, item_id=aob),
    )
    _ctx, _stack, page = open_meeting(qtbot, db, coordinator, meeting)
    watch = QuestionWatch(page)
    card = page.card_titled("Any other business")
    click(qtbot, card.remove_button)
    qtbot.wait(100)
    assert watch.stop() == []
    assert card.problem_label.isVisible()
    assert card.problem_label.text() == (
        "“Any other business” cannot be taken off the agenda. A decision was recorded "
        "under it, and the minutes must show where."
    )
    assert "Any other business" in page.agenda_titles()
    # An item that can go is still asked about first.
    asked_again = answer_next_question(confirm=False)
    click(qtbot, page.card_titled("Treasurer's report").remove_button)
    assert asked_again == ["Take “Treasurer's report” off the agenda?"]


# ---------------------------------------------------------------- 5. the list of meetings


def test_meetings_still_to_come_say_not_held_yet(themed_app, qtbot, db, coordinator, board):
    add_meeting(db, coordinator, TODAY - timedelta(days=28))
    add_meeting(db, coordinator, TODAY)
    add_meeting(db, coordinator, TODAY + timedelta(days=14))
    _ctx, _stack, page = open_stack(qtbot, db, coordinator, CommitteePage)
    model = page.meetings_model
    words = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert words == ["Not held yet", "Draft minutes", "Draft minutes"]


# ---------------------------------------------------------------- 6. the decision page


def start_decision(qtbot, db, coordinator, meeting):
    _ctx, stack, mode = open_stack(
        qtbot, db, coordinator, lambda ctx: MeetingModePage(ctx, meeting)
    )
    while mode.title_label.text() != "Treasurer's report":
        click(qtbot, mode.next_button)
    click(qtbot, mode.decision_button)
    page = stack.current
    assert isinstance(page, DecisionPage)
    return stack, mode, page


def test_the_outcome_says_when_the_meeting_cannot_decide(themed_app, qtbot, db, coordinator, board):
    """Not quorate, or more votes than trustees present: plain words, not "Carried"."""
    meeting = add_meeting(db, coordinator, TODAY, board["ann"])
    for key in ("ann", "bill"):
        db.run(meetings.set_attendance, coordinator, meeting, board[key], "present")
    _stack, _mode, page = start_decision(qtbot, db, coordinator, meeting)
    click(qtbot, page.votes_for.plus_button)
    assert page.outcome_label.text().startswith("Not quorate: this meeting cannot decide yet.")
    assert "Carried" not in page.outcome_label.text()

    db.run(meetings.set_attendance, coordinator, meeting, board["cath"], "present")
    page.refresh()
    assert page.outcome_label.text() == "Outcome if you save now: Carried."
    for _ in range(3):
        click(qtbot, page.votes_for.plus_button)
    assert page.outcome_label.text() == "The counts add up to more than the 3 trustees present."


def test_who_is_here_keeps_the_motion_and_updates_quorum_and_proposers(
    themed_app, qtbot, db, coordinator, board
):
    """Proposed and Seconded offer only trustees marked present. "Who is here" opens who
    came on top; after Back the motion is still typed, and the quorum and lists are new."""
    meeting = add_meeting(db, coordinator, TODAY, board["ann"])
    for key in ("ann", "bill"):
        db.run(meetings.set_attendance, coordinator, meeting, board[key], "present")
    db.run(meetings.set_attendance, coordinator, meeting, board["gus"], "guest")
    stack, _mode, page = start_decision(qtbot, db, coordinator, meeting)
    assert choices(page.proposer) == ["Not recorded", "Ann Baker", "Bill Cole"]
    assert choices(page.seconder) == ["Not recorded", "Ann Baker", "Bill Cole"]
    qtbot.keyClicks(page.motion, "Buy a new piano")
    for _ in range(3):
        click(qtbot, page.votes_for.plus_button)
    click(qtbot, page.save_button)
    assert stack.current is page
    assert "Mark who is present first" in page.form.field("meeting").error_text()

    click(qtbot, page.who_button)
    who = stack.current
    assert isinstance(who, WhoCamePage)
    click(qtbot, who.who.card_for("Cath Dunn").buttons["present"])
    click(qtbot, who.back_button)
    assert stack.current is page
    assert page.motion.text() == "Buy a new piano"
    assert page.votes_for.value() == 3
    assert page.quorum_label.text() == "Quorate: 3 trustees present, 3 needed."
    assert choices(page.proposer) == ["Not recorded", "Ann Baker", "Bill Cole", "Cath Dunn"]
    assert page.outcome_label.text() == "Outcome if you save now: Carried."
    click(qtbot, page.save_button)
    saved = db.run(meetings.get_meeting, coordinator, meeting).decisions
    assert [(d.motion, d.carried) for d in saved] == [("Buy a new piano", True)]


# ---------------------------------------------------------------- 7 and 8. meeting mode


def inside(widget: QWidget, area: QWidget) -> bool:
    """The whole widget is on the screen within ``area`` (a scroll area's viewport)."""
    top_left = widget.mapTo(area, QPoint(0, 0))
    return area.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("scale", (1.0, 2.0))
def test_meeting_mode_shows_the_item_and_next_first(window, qtbot, scale):
    """At 100 % and 200 % text in 1280×720, each item's number, title and Next item are on
    the screen without scrolling; the quorum sentence is under the buttons, at least as
    large as the other words on the screen (whether the meeting may decide is key)."""
    sign_in(window, qtbot, "coordinator")
    theme.apply_theme(QApplication.instance(), scale)
    ctx = window.ctx
    last = ctx.read(meetings.list_meetings)[1].meeting_id
    mode = MeetingModePage(ctx, last)
    ctx.navigator.push(mode)
    assert mode.detail is not None
    viewport = mode.scroll_area.viewport()
    for number in range(1, len(mode.detail.items) + 1):
        for _ in range(5):
            QApplication.processEvents()
        assert mode.number_label.text() == f"Item {number} of {len(mode.detail.items)}"
        assert inside(mode.number_label, viewport), number
        assert inside(mode.title_label, viewport), (number, mode.title_label.text())
        if mode.next_button.isEnabled():
            assert inside(mode.next_button, viewport), (number, scale)
            click(qtbot, mode.next_button)
    assert mode.quorum_label.text().startswith("Quorate:")
    assert (
        mode.quorum_label.mapTo(mode, QPoint(0, 0)).y()
        > mode.next_button.mapTo(mode, QPoint(0, 0)).y()
    )
    quorum_pt = mode.quorum_label.font().pointSizeF()
    assert quorum_pt >= 20 * scale
    assert quorum_pt >= mode.meta_label.font().pointSizeF()  # the "large" body text
    assert quorum_pt >= mode.details_label.font().pointSizeF()
    assert mode.step_buttons.side_by_side()  # the rail is put away: room for both
    if scale == 1.0:
        assert mode.title_label.font().pointSizeF() >= 28
    else:
        window.resize(760, 720)
        qtbot.waitUntil(lambda: not mode.step_buttons.side_by_side())
        # Next item on top, Previous under it
        assert (
            mode.next_button.mapTo(mode, QPoint(0, 0)).y()
            < mode.previous_button.mapTo(mode, QPoint(0, 0)).y()
        )


def test_meeting_mode_puts_the_rail_away_until_back(window, qtbot):
    """The meeting takes the whole width; Back brings the list of rooms again."""
    sign_in(window, qtbot, "coordinator")
    shell = window.shell
    shell.go_to("Committee")
    assert shell.rail_scroll.isVisible()
    last = window.ctx.read(meetings.list_meetings)[1].meeting_id
    page = MeetingPage(window.ctx, last)
    window.ctx.navigator.push(page)
    click(qtbot, page.start_button)
    assert isinstance(shell.pages.current, MeetingModePage)
    assert not shell.rail_scroll.isVisible()
    click(qtbot, shell.back_button)
    assert shell.pages.current is page
    assert shell.rail_scroll.isVisible()


def test_the_minutes_item_names_the_meeting(themed_app, qtbot, db, coordinator, board):
    earlier = add_meeting(db, coordinator, date(2026, 10, 6))
    meeting = add_meeting(db, coordinator, TODAY)
    _ctx, _stack, mode = open_stack(
        qtbot, db, coordinator, lambda ctx: MeetingModePage(ctx, meeting)
    )
    click(qtbot, mode.next_button)
    assert mode.title_label.text() == "Minutes of the last meeting"
    assert mode.details_label.isVisible()
    assert mode.details_label.text().startswith(
        "The minutes of the meeting on 6 October 2026. They are still a draft."
    )
    _ctx, _stack, first = open_stack(
        qtbot, db, coordinator, lambda ctx: MeetingModePage(ctx, earlier)
    )
    click(qtbot, first.next_button)
    assert first.details_label.text() == (
        "There is no earlier meeting of this kind, so there are no minutes to read."
    )


# ---------------------------------------------------------------- 11. a meeting gone


def test_a_meeting_that_is_gone_says_so_on_its_page(themed_app, qtbot, db, coordinator, board):
    _ctx, _stack, page = open_meeting(qtbot, db, coordinator, 999)
    assert page.problem_label.isVisible()
    assert page.problem_label.text() == (
        "This meeting is not there any more. Press Back to return to the list."
    )

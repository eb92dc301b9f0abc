"""Grant deadlines offered to the committee, through the real widgets of the main window:
listed under the members' inbox in the Committee room, and put on a meeting's agenda from
the meeting's page with big tick boxes; once there they are no longer offered. The pick
page meets DESIGN §2 at 100 % and 200 % text."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication

from clubapp.services import grant_deadlines, grants, meetings
from clubapp.services.grants import (
    ApplicationInput,
    AwardInput,
    FunderInput,
    InstalmentInput,
    ReportInput,
)
from clubapp.ui import theme
from clubapp.ui.context import GRANTS
from clubapp.ui.pages.committee import CommitteePage
from clubapp.ui.pages.committee_words import day_words
from clubapp.ui.pages.grant_agenda import GrantAgendaPage
from clubapp.ui.pages.meeting import MeetingPage
from tests.conftest import TODAY
from tests.gui.committee_helpers import LEFT, click, open_stack
from tests.gui.test_accessibility import check, sign_in
from tests.gui.test_committee_accessibility import leave

BENCH = "Application to Oakfield Trust for A bench for the garden"
REPORT = "Progress report to Oakfield Trust for Autumn outings"
PAYMENT = "Payment of £1,200.00 from Oakfield Trust for Autumn outings"


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def make_deadlines(window) -> dict[str, tuple[str, int]]:
    """A bid due in 10 days, and an award with a payment due in 5 days and a progress
    report in 20, all from a trust the demo does not have; their keys by name."""
    ctx = window.ctx
    funder = ctx.run(grants.save_funder, None, FunderInput("Oakfield Trust", "trust"))
    bench = ctx.run(
        grants.save_application,
        None,
        ApplicationInput(
            funder,
            "A bench for the garden",
            asked_pence=80_000,
            deadline=TODAY + timedelta(days=10),
            status="preparing",
        ),
        TODAY - timedelta(days=30),
        changed=GRANTS,
    )
    outings = ctx.run(
        grants.save_application,
        None,
        ApplicationInput(funder, "Autumn outings", asked_pence=120_000, status="preparing"),
        TODAY - timedelta(days=60),
        changed=GRANTS,
    )
    ctx.run(
        grants.change_status,
        outings,
        "submitted",
        TODAY - timedelta(days=40),
        TODAY,
        changed=GRANTS,
    )
    ctx.run(
        grants.save_award,
        outings,
        AwardInput(
            120_000,
            TODAY - timedelta(days=10),
            new_fund_name="Oakfield Trust — Autumn outings",
            instalments=[InstalmentInput(TODAY + timedelta(days=5), 120_000)],
            reports=[ReportInput(TODAY + timedelta(days=20), "progress")],
        ),
        TODAY,
        changed=GRANTS,
    )
    view = ctx.read(grants.get_application, outings, TODAY)
    return {
        "bench": ("deadline", bench),
        "payment": ("instalment", view.instalments[0].instalment_id),
        "report": ("report", view.reports[0].report_id),
    }


def next_meeting(window) -> meetings.MeetingRow:
    rows = window.ctx.read(meetings.list_meetings)
    return min((m for m in rows if m.on_date >= TODAY), key=lambda m: m.on_date)


def open_committee(window, qtbot) -> CommitteePage:
    qtbot.mouseClick(window.shell.nav["Committee"], LEFT)
    room = window.shell.pages.current
    assert isinstance(room, CommitteePage)
    return room


def open_meeting(window, qtbot, room: CommitteePage, meeting_id: int) -> MeetingPage:
    """Choose the meeting in the room's list and press Open meeting, as a person would."""
    click(qtbot, room.meetings_button)
    table = room.meetings_table
    index = table.model().index(room.meetings_model.row_of(meeting_id), 0)
    table.scrollTo(index)
    room.scroll_area.ensureVisible(0, table.y() + table.visualRect(index).center().y())
    settle()
    qtbot.mouseClick(table.viewport(), LEFT, pos=table.visualRect(index).center())
    click(qtbot, room.open_button)
    page = window.shell.pages.current
    assert isinstance(page, MeetingPage) and page.meeting_id == meeting_id
    click(qtbot, page.agenda_button)
    return page


def tick(qtbot, pick: GrantAgendaPage, key: tuple[str, int]) -> None:
    """Click a deadline's tick box, brought into view first."""
    view = pick.deadlines_list
    index = pick.index_of(key)
    assert index.isValid(), f"{key} is not offered"
    pick.form.ensureWidgetVisible(view)
    view.scrollTo(index)
    settle()
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.check_rect(index).center())


def test_the_committee_room_lists_the_grant_deadlines_for_the_next_meeting(window, qtbot):
    """Under the members' inbox: a heading, which meeting they are for, each deadline in
    words with its day, and how to put them on the agenda."""
    sign_in(window, qtbot, "coordinator")
    make_deadlines(window)
    room = open_committee(window, qtbot)
    click(qtbot, room.inbox_button)
    settle()
    assert room.grant_offers_box.isVisible()
    meeting_day = next_meeting(window).on_date
    words = room.grant_offers_label.text()
    assert words.startswith(f"For the meeting on {day_words(meeting_day)}: ")
    lines = [line.words() for line in room.grant_lines]
    # 18 November 2026 is a Wednesday: 5 days on is a Monday, 10 a Saturday, 20 a Tuesday.
    assert f"Due in 5 days (Monday 23 November 2026): {PAYMENT}" in lines
    assert f"Due in 10 days (Saturday 28 November 2026): {BENCH}" in lines
    assert f"Due in 20 days (Tuesday 8 December 2026): {REPORT}" in lines
    mine = [w for w in lines if "Oakfield" in w]
    assert [w.split(": ", 1)[1] for w in mine] == [PAYMENT, BENCH, REPORT]  # soonest first
    assert all(line.isVisible() for line in room.grant_lines)
    assert room.grant_offers_help.text() == (
        "To put them on that meeting's agenda, open the meeting and press Add grant deadlines."
    )


def test_two_ticked_deadlines_go_on_the_agenda_and_leave_the_offers(window, qtbot):
    """From the meeting's page: Add grant deadlines opens the pick page; with nothing
    ticked it asks for one; two ticked and Add to the agenda makes two items, and the
    room and the button's line no longer count them."""
    sign_in(window, qtbot, "coordinator")
    keys = make_deadlines(window)
    meeting = next_meeting(window)
    offered = len(
        window.ctx.read(grant_deadlines.offers_for_meeting, meeting.meeting_id, TODAY).deadlines
    )
    room = open_committee(window, qtbot)
    page = open_meeting(window, qtbot, room, meeting.meeting_id)
    before = page.agenda_titles()
    assert page.add_grants_button.isEnabled()
    assert page.grants_note.text().startswith(f"{offered} grant deadlines due ")

    click(qtbot, page.add_grants_button)
    pick = window.shell.pages.current
    assert isinstance(pick, GrantAgendaPage)
    settle()
    assert pick.model.rowCount() == offered
    click(qtbot, pick.save_button)
    assert pick.form.field("deadlines").error_text() == "Choose at least one grant deadline."
    assert window.shell.pages.current is pick  # nothing was added, nothing lost
    tick(qtbot, pick, keys["bench"])
    tick(qtbot, pick, keys["report"])
    assert pick.is_ticked(keys["bench"]) and pick.is_ticked(keys["report"])
    assert not pick.is_ticked(keys["payment"])
    assert pick.ticked_label.text() == "2 grant deadlines ticked."
    assert pick.form.field("deadlines").error_text() == ""  # ticking put it right
    click(qtbot, pick.save_button)

    assert window.shell.pages.current is page
    settle()
    after = page.agenda_titles()
    assert len(after) == len(before) + 2
    assert BENCH in after and REPORT in after
    assert PAYMENT not in after
    card = page.card_titled(BENCH)
    assert card.details_label.text() == "Application deadline. Due on Saturday 28 November 2026."
    assert page.grants_note.text().startswith(f"{offered - 2} grant deadlines due ")
    left = window.ctx.read(grant_deadlines.offers_for_meeting, meeting.meeting_id, TODAY)
    assert {d.key for d in left.deadlines} & set(keys.values()) == {keys["payment"]}

    click(qtbot, window.shell.back_button)
    assert window.shell.pages.current is room
    click(qtbot, room.inbox_button)
    settle()
    lines = [line.words() for line in room.grant_lines]
    assert not any(BENCH in w or REPORT in w for w in lines)
    assert any(PAYMENT in w for w in lines)


def test_a_meeting_whose_minutes_are_approved_offers_no_button(window, qtbot):
    """Its record is closed: no Add grant deadlines, and no line about them."""
    sign_in(window, qtbot, "coordinator")
    make_deadlines(window)
    rows = window.ctx.read(meetings.list_meetings)
    locked = next(m for m in rows if m.minutes_approved_on is not None)
    room = open_committee(window, qtbot)
    page = open_meeting(window, qtbot, room, locked.meeting_id)
    assert page.detail is not None and page.detail.locked
    assert not page.add_grants_button.isVisible()
    assert not page.grants_note.isVisible()
    assert page.grant_changes.isHidden()


@pytest.mark.parametrize("scale", (1.0, 2.0))
def test_the_pick_page_meets_the_rules(window, qtbot, scale):
    """The pick page as it opens, with two ticked, and after a refused save; the room's
    inbox part and the meeting's agenda part with the grant deadlines in them."""
    sign_in(window, qtbot, "coordinator")
    keys = make_deadlines(window)
    theme.apply_theme(QApplication.instance(), scale)
    ctx = window.ctx
    nav = ctx.navigator
    meeting = next_meeting(window)
    problems: list[str] = []

    room = CommitteePage(ctx)
    nav.push(room)
    room.show_section(room.inbox_button)
    problems += check(window, scale, "Committee: the inbox with grant deadlines")
    page = MeetingPage(ctx, meeting.meeting_id)
    nav.push(page)
    page.show_section(page.agenda_button)
    problems += check(window, scale, "Meeting: the agenda with Add grant deadlines")

    pick = GrantAgendaPage(ctx, meeting.meeting_id)
    nav.push(pick)
    problems += check(window, scale, "Add grant deadlines")
    pick.save()  # refused: nothing ticked
    problems += check(window, scale, "Add grant deadlines: nothing ticked")
    for key in (keys["bench"], keys["report"]):
        tick(qtbot, pick, key)
    pick.deadlines_list.setFocus()
    problems += check(window, scale, "Add grant deadlines: two ticked")
    leave(pick)
    leave(page)
    assert not problems, "\n".join(problems)


def test_the_pick_model_passes_the_qt_model_tester(window, qtbot, qtmodeltester):
    """The deadlines to tick keep Qt's rules for models, ticks and all."""
    sign_in(window, qtbot, "coordinator")
    keys = make_deadlines(window)
    pick = GrantAgendaPage(window.ctx, next_meeting(window).meeting_id)
    assert pick.model.set_ticked(keys["bench"], True)
    assert not pick.model.set_ticked(("report", 10**9), True)  # not offered
    qtmodeltester.check(pick.model)


def test_with_no_meeting_planned_the_treasurer_is_told_who_can_add_them(
    themed_app, qtbot, db, actors
):
    """No meeting planned: the deadlines due in the board's 60 days (to 17 January 2027),
    and, for a treasurer who cannot change agendas, who can put them on one."""
    treasurer = actors["treasurer"]
    funder = db.run(grants.save_funder, treasurer, None, FunderInput("Oakfield Trust", "trust"))
    db.run(
        grants.save_application,
        treasurer,
        None,
        ApplicationInput(funder, "A bench for the garden", deadline=TODAY + timedelta(days=10)),
        TODAY,
    )
    _ctx, _stack, room = open_stack(qtbot, db, treasurer, CommitteePage)
    click(qtbot, room.inbox_button)
    settle()
    assert room.grant_offers_label.text() == (
        "No meeting is planned yet. 1 grant deadline is due by 17 January 2027."
    )
    assert [line.words() for line in room.grant_lines] == [
        f"Due in 10 days (Saturday 28 November 2026): {BENCH}"
    ]
    assert room.grant_offers_help.text() == (
        "The coordinator or a committee member can put them on the agenda: they open the "
        "meeting and press Add grant deadlines."
    )

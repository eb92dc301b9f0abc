"""DESIGN §2 on every committee screen and question, in the real main window at 1280×720,
at text scale 100 % and 200 %, on the demo club (8 trustees, a year of meetings):
sizes, names, fonts, clipping, Tab order, and no page that scrolls sideways."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from clubapp.services import meetings
from clubapp.ui import theme
from clubapp.ui.widgets.messages import ConfirmDialog
from tests.conftest import TODAY
from tests.gui.test_accessibility import check, sign_in

SCALES = (1.0, 2.0)


def leave(page) -> None:
    """Go back from a page without being asked about changes made for the check."""
    if hasattr(page, "_leaving_ok"):
        page._leaving_ok = True
    page.ctx.navigator.back()


def check_sections(window, page, scale: float, name: str) -> list[str]:
    """Check each part of a page that shows one part at a time."""
    problems: list[str] = []
    for button in page.sections:
        page.show_section(button)
        problems += check(window, scale, f"{name}: {button.text()}")
    return problems


def check_question(trigger: Callable[[], object], scale: float, name: str) -> list[str]:
    """Check the question a button asks, while it is on the screen, then answer Go back."""
    found: list[str] = []
    seen: list[bool] = []

    def look() -> None:
        dialog = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, ConfirmDialog) and w.isVisible()
            ),
            None,
        )
        if dialog is None:
            QTimer.singleShot(10, look)
            return
        seen.append(True)
        found.extend(check(dialog, scale, name))
        dialog.reject()

    QTimer.singleShot(0, look)
    trigger()
    assert seen, f"{name} asked nothing"
    return found


def meeting_ids(window) -> dict[str, int]:
    rows = window.ctx.read(meetings.list_meetings)
    return {
        "next": rows[0].meeting_id,  # planned, nothing recorded yet
        "last": rows[1].meeting_id,  # held, draft minutes
        "locked": rows[3].meeting_id,  # minutes approved
    }


@pytest.mark.parametrize("scale", SCALES)
def test_committee_screens_meet_the_rules(window, qtbot, scale):
    """The room, meetings (draft and locked), meeting mode and every form, as coordinator."""
    from clubapp.ui.meeting_mode import MeetingModePage
    from clubapp.ui.pages.agenda_forms import (
        CorrectionPage,
        InboxPickPage,
        ItemFormPage,
        WhatHappenedPage,
    )
    from clubapp.ui.pages.committee import CommitteePage
    from clubapp.ui.pages.committee_forms import EndTermPage, MeetingFormPage, TermFormPage
    from clubapp.ui.pages.constitution import ConstitutionPage
    from clubapp.ui.pages.decision import ActionPage, DecisionPage
    from clubapp.ui.pages.meeting import MeetingPage, WhoCamePage

    sign_in(window, qtbot, "coordinator")
    theme.apply_theme(QApplication.instance(), scale)
    ctx = window.ctx
    nav = ctx.navigator
    ids = meeting_ids(window)
    problems: list[str] = []

    room = CommitteePage(ctx)
    nav.push(room)
    problems += check_sections(window, room, scale, "Committee")

    for key in ("last", "locked"):
        page = MeetingPage(ctx, ids[key])
        nav.push(page)
        problems += check_sections(window, page, scale, f"Meeting ({key})")
        leave(page)

    # Minutes are approved at a later meeting that has been held: hold one today.
    ctx.run(meetings.add_meeting, meetings.MeetingInput("committee", TODAY), changed="committee")
    page = MeetingPage(ctx, ids["last"])
    nav.push(page)
    page.show_section(page.agenda_button)
    card = page.agenda_cards.widgets()[2]
    problems += check_question(
        lambda: page.remove_item(card.item_id), scale, "Question: take an item off"
    )
    page.show_section(page.minutes_button)
    problems += check_question(page.approve, scale, "Question: approve the minutes")

    mode = MeetingModePage(ctx, ids["last"])
    nav.push(mode)
    for index in range(len(mode.detail.items) if mode.detail else 0):
        mode.index = index
        mode._show_item()
        problems += check(window, scale, f"Meeting mode, item {index + 1}")
    leave(mode)
    leave(page)

    detail = ctx.read(meetings.get_meeting, ids["last"])
    locked = ctx.read(meetings.get_meeting, ids["locked"])
    members_item = next(i for i in detail.items if i.from_members)
    term = room.terms_model.rows()[0]
    forms: list[tuple[str, Callable[[], QWidget]]] = [
        ("Plan a meeting", lambda: MeetingFormPage(ctx, None)),
        ("Meeting details", lambda: MeetingFormPage(ctx, detail)),
        ("Add someone to the committee", lambda: TermFormPage(ctx)),
        ("End a term", lambda: EndTermPage(ctx, term)),
        ("The club's rules", lambda: ConstitutionPage(ctx)),
        ("Add a proposal", lambda: ItemFormPage(ctx, ids["next"], None)),
        ("Edit an agenda item", lambda: ItemFormPage(ctx, ids["last"], members_item)),
        ("Add from the inbox", lambda: InboxPickPage(ctx, ids["next"])),
        ("What happened", lambda: WhatHappenedPage(ctx, detail.decisions[0])),
        ("A correction", lambda: CorrectionPage(ctx, locked)),
        ("Add an action point", lambda: ActionPage(ctx, ids["last"], members_item.item_id)),
        ("Who is here", lambda: WhoCamePage(ctx, ids["last"])),
    ]
    for name, make in forms:
        form = make()
        nav.push(form)
        problems += check(window, scale, name)
        leave(form)

    decision = DecisionPage(ctx, ids["last"], members_item.item_id)
    nav.push(decision)
    problems += check(window, scale, "Record a decision")
    for stepper in (decision.votes_for, decision.votes_against):
        stepper.set_value(2)
    decision.save()  # refused: the chair's casting vote is missing
    problems += check(window, scale, "Record a decision: a tie, and the refusal")
    leave(decision)

    rules = ConstitutionPage(ctx)
    nav.push(rules)
    rules.share_check.setChecked(True)
    rules.steppers["quorum_share_top"].set_value(5)
    rules.save()  # refused: more than all of them
    problems += check(window, scale, "The club's rules: a share, and a refusal")
    leave(rules)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scale", SCALES)
def test_a_treasurers_committee_screens_meet_the_rules(window, qtbot, scale):
    """What the treasurer sees: the same pages without the buttons that change things."""
    from clubapp.ui.meeting_mode import MeetingModePage
    from clubapp.ui.pages.committee import CommitteePage
    from clubapp.ui.pages.meeting import MeetingPage

    sign_in(window, qtbot, "treasurer")
    theme.apply_theme(QApplication.instance(), scale)
    ctx = window.ctx
    ids = meeting_ids(window)
    problems: list[str] = []
    room = CommitteePage(ctx)
    ctx.navigator.push(room)
    problems += check_sections(window, room, scale, "Treasurer: Committee")
    page = MeetingPage(ctx, ids["last"])
    ctx.navigator.push(page)
    problems += check_sections(window, page, scale, "Treasurer: Meeting")
    mode = MeetingModePage(ctx, ids["last"])
    ctx.navigator.push(mode)
    problems += check(window, scale, "Treasurer: meeting mode")
    assert not problems, "\n".join(problems)


def test_a_volunteers_committee_page_meets_the_rules(window, qtbot):
    """The refusal a volunteer sees is words that fit, at 200 % too."""
    from clubapp.ui.pages.committee import CommitteePage

    sign_in(window, qtbot, "volunteer")
    problems: list[str] = []
    room = CommitteePage(window.ctx)
    window.ctx.navigator.push(room)
    for scale in SCALES:
        theme.apply_theme(QApplication.instance(), scale)
        problems += check(window, scale, "Volunteer: Committee")
    assert room.problem_label.isVisible()
    assert not problems, "\n".join(problems)

"""The picture conversation screens (start, sorting, summary, saved) meet DESIGN §2 at
100 % and 200 % text in a 1280×720 window: the audit of sizes, names, fonts, clipping and
Tab order, and on the sorting screen the card's picture ≥ 160 px with its word ≥ 28 pt,
the places' words ≥ 28 pt, and placed cards with pictures ≥ 64 px and ≥ 44 px targets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clubapp.ui import theme
from clubapp.ui.conversation.page import ConversationPage
from clubapp.ui.conversation.start import ConversationStartPage
from clubapp.ui.pages.notes import NotesPage
from tests.conftest import TODAY
from tests.gui.a11y import MIN_TARGET, audit
from tests.gui.committee_helpers import click, open_stack
from tests.gui.test_conversation_screen import topic_id

SCALES = (1.0, 2.0)


def look(root, scale: float, where: str) -> list[str]:
    for _ in range(5):
        QApplication.processEvents()
    return [f"{where} at {int(scale * 100)} %: {p}" for p in audit(root, scale)]


def sorting_problems(page: ConversationPage, scale: float) -> list[str]:
    sorting = page.sorting
    problems = []
    card = sorting.card
    if card.face_rects().picture.width() < 160:
        problems.append(f"the card's picture is {card.face_rects().picture.width()} px")
    # At large text the words shrink to fit the card beside the places, never under 28 pt.
    if card.words_font().pointSizeF() < 28 - 0.5:
        problems.append("the card's word is under 28 pt")
    for tile in sorting.tiles.values():
        if min(f.pointSizeF() for f in tile.voter_fonts()) < 28 - 0.5:
            problems.append(f"{tile.words} is under 28 pt")
    smalls = [s for place in sorting.columns for s in sorting.placed_cards(place)]
    if not smalls:
        problems.append("no placed cards to measure")
    for small in smalls:
        if min(small.width(), small.height()) < max(MIN_TARGET, small.picture_px):
            problems.append(f"{small.card.word} is {small.width()}×{small.height()} px")
    return problems


@pytest.mark.parametrize("scale", SCALES)
def test_the_conversation_screens_meet_the_rules(
    qtbot, themed_app, db, coordinator, person_factory, scale
):
    theme.apply_theme(QApplication.instance(), scale)
    ann = person_factory("Ann Baker", known_as="Ann")
    person_factory("Sam Taylor", kinds=("coordinator",))
    ctx, stack, room = open_stack(qtbot, db, coordinator, NotesPage)
    problems = look(stack, scale, "Notes with the conversation button")

    start = ConversationStartPage(ctx)
    stack.push(start)
    problems += look(stack, scale, "Start")
    click(qtbot, start.start_button)  # nothing chosen: the messages by the fields
    problems += look(stack, scale, "Start with problems")
    start.member.set_value(ann)
    click(qtbot, start.topic.buttons[topic_id(db, coordinator)])
    click(qtbot, start.start_button)
    page = stack.current
    assert isinstance(page, ConversationPage)
    problems += look(stack, scale, "The first card")

    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_S, Qt.Key.Key_1):
        qtbot.keyClick(page, key)
    problems += look(stack, scale, "Sorting")
    problems += [f"Sorting at {int(scale * 100)} %: {p}" for p in sorting_problems(page, scale)]

    click(qtbot, page.sorting.stop_button)
    problems += look(stack, scale, "Summary")
    # (A problem that keeps "Only the coordinator" chosen: Qt takes the Tab key off the
    # unchosen buttons of a group once a later one is chosen and the keyboard moves on,
    # which the audit would count against the page.)
    page.summary.own_words.setText("Soup\x07")
    click(qtbot, page.summary.save_button)
    assert page.summary.form.field("own_words").has_error()
    assert page.summary.errors_summary.isVisible()
    problems += look(stack, scale, "Summary with a problem")

    page.summary.own_words.setText("Soup")
    click(qtbot, page.summary.visibility.buttons["committee_named"])
    page.summary.named_agreed_on.set_value(TODAY - timedelta(days=2))
    click(qtbot, page.summary.save_button)
    assert page.stack.currentWidget() is page.saved
    problems += look(stack, scale, "Saved")
    assert problems == []

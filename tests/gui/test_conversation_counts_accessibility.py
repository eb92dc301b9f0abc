"""DESIGN §2 on What members told us in pictures, in the real main window at 1280×720 on
the demo club, at text scale 100 % and 200 %: the counts with their pictures and faces,
too few to count, and the counts put on an agenda; sizes, names, fonts, clipping, Tab
order, nothing scrolling sideways. Set H4_RENDER to a folder to keep a picture of each."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QApplication

from clubapp.services import meetings
from clubapp.ui import theme
from clubapp.ui.pages.conversation_counts import ConversationCountsPage
from tests.conftest import TODAY
from tests.gui.committee_helpers import click
from tests.gui.test_accessibility import check, sign_in
from tests.unit.counts_helpers import share_conversations

SCALES = (1.0, 2.0)


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def keep_picture(window, name: str, scale: float) -> None:
    folder = os.environ.get("H4_RENDER")
    if folder:
        window.grab().save(os.path.join(folder, f"{name}-{int(scale * 100)}.png"))


@pytest.mark.parametrize("scale", SCALES)
def test_the_counts_page_meets_the_rules(window, qtbot, scale):
    sign_in(window, qtbot, "coordinator")
    ctx = window.ctx
    shared = share_conversations(ctx.db, ctx.actor, TODAY)
    ctx.run(
        meetings.add_meeting,
        meetings.MeetingInput("committee", TODAY + timedelta(days=7)),
        changed="committee",
    )
    theme.apply_theme(QApplication.instance(), scale)
    page = ConversationCountsPage(ctx)
    ctx.navigator.push(page)
    page.choose_topic(shared.topic_id)
    qtbot.waitUntil(lambda: bool(page.count_rows) and page.counts_box.isVisible())
    settle()
    problems = check(window, scale, "Counts")
    keep_picture(window, "counts", scale)
    # Scrolled down to the last card and the agenda part.
    page.scroll_area.ensureWidgetVisible(page.add_button)
    settle()
    problems += check(window, scale, "Counts, scrolled down")
    keep_picture(window, "counts-bottom", scale)

    click(qtbot, page.add_button)
    qtbot.waitUntil(lambda: page.added_label.isVisible())
    page.scroll_area.ensureWidgetVisible(page.added_label)
    settle()
    problems += check(window, scale, "Counts added to an agenda")
    keep_picture(window, "counts-added", scale)

    # Too few to count: a time before anyone shared.
    page.from_date.set_value(date(2001, 1, 1))
    page.to_date.set_value(date(2001, 12, 31))
    page.to_date.editingFinished.emit()
    qtbot.waitUntil(lambda: page.too_few_label.isVisible())
    page.scroll_area.verticalScrollBar().setValue(0)
    settle()
    problems += check(window, scale, "Too few to count")
    keep_picture(window, "counts-too-few", scale)
    assert problems == []

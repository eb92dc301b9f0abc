"""The committee's counts page, put right: the whole months counted are said; a topic
deleted meanwhile or a locked file gives plain words, not a crash; the same topic is not
put on the same meeting's agenda twice; a message under To leaves From in line."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate

from clubapp.db.errors import KnownError
from clubapp.services import conversation_topics, meetings
from clubapp.services.conversation_counts import topic_counts
from tests.conftest import TODAY
from tests.gui.committee_helpers import add_meeting, click, settle
from tests.gui.test_conversation_counts_page import open_counts, shown_counts
from tests.unit.counts_helpers import share_conversations


def choose(qtbot, page, topic_id: int) -> None:
    page.topic_combo.setFocus()
    page.topic_combo.setCurrentIndex(page.topic_combo.findData(topic_id))
    settle(qtbot)


def test_the_whole_months_counted_are_shown(qtbot, db, coordinator):
    shared = share_conversations(db, coordinator, TODAY)
    _ctx, _stack, page = open_counts(qtbot, db, coordinator)
    choose(qtbot, page, shared.topic_id)
    qtbot.waitUntil(lambda: bool(shown_counts(page)))
    counts = db.run(
        topic_counts, coordinator, shared.topic_id, page.from_date.value(), page.to_date.value()
    )
    assert page.period_label.isVisible()
    assert page.period_label.text() == f"Counts for {counts.period_words} (whole months)."
    # A day in the middle of a month: the counts still cover the whole of it.
    page.from_date.setDate(QDate(TODAY.year, TODAY.month, 15))
    page.from_date.editingFinished.emit()
    first = TODAY.replace(day=1)
    qtbot.waitUntil(lambda: page.period_label.text().startswith(f"Counts for 1 {first:%B %Y}"))


def test_a_topic_deleted_meanwhile_is_said_in_plain_words(qtbot, db, coordinator):
    share_conversations(db, coordinator, TODAY)
    unused = next(
        t
        for t in db.run(conversation_topics.list_topics, coordinator)
        if t.name != "Food and drink"
    )
    _ctx, _stack, page = open_counts(qtbot, db, coordinator)
    choose(qtbot, page, unused.topic_id)
    qtbot.waitUntil(lambda: page.members_label.isVisible())
    db.run(conversation_topics.delete_topic, coordinator, unused.topic_id)

    page.to_date.setDate(QDate(TODAY.year, TODAY.month, 1))
    page.to_date.editingFinished.emit()
    qtbot.waitUntil(lambda: "not in the club's records" in page.members_label.text())
    assert page.members_label.isVisible()
    assert not page.counts_box.isVisible() and not page.period_label.isVisible()
    assert not page.print_button.isEnabled()


def test_the_same_topic_goes_on_a_meetings_agenda_once(qtbot, db, coordinator):
    shared = share_conversations(db, coordinator, TODAY)
    coming = add_meeting(db, coordinator, TODAY + timedelta(days=14))
    _ctx, _stack, page = open_counts(qtbot, db, coordinator)
    choose(qtbot, page, shared.topic_id)
    qtbot.waitUntil(lambda: bool(shown_counts(page)))
    page.meeting_combo.setCurrentIndex(page.meeting_combo.findData(coming))
    click(qtbot, page.add_button)
    qtbot.waitUntil(lambda: page.added_label.isVisible())

    click(qtbot, page.add_button)
    qtbot.waitUntil(lambda: page.meeting_row.has_error())
    assert "already on that meeting's agenda" in page.meeting_row.error_text()
    assert not page.added_label.isVisible()
    titles = [i.title for i in db.run(meetings.get_meeting, coordinator, coming).items]
    assert sum(shared.topic_name in t for t in titles) == 1


def test_a_locked_file_when_adding_to_the_agenda_is_said_in_plain_words(
    qtbot, db, coordinator, monkeypatch
):
    shared = share_conversations(db, coordinator, TODAY)
    coming = add_meeting(db, coordinator, TODAY + timedelta(days=14))
    ctx, _stack, page = open_counts(qtbot, db, coordinator)
    choose(qtbot, page, shared.topic_id)
    qtbot.waitUntil(lambda: bool(shown_counts(page)))
    page.meeting_combo.setCurrentIndex(page.meeting_combo.findData(coming))
    locked = "The club's file is in use on another computer. Try again in a minute."

    def refuse(*_args, **_kwargs):
        raise KnownError(locked)

    monkeypatch.setattr(ctx, "run", refuse)
    click(qtbot, page.add_button)
    qtbot.waitUntil(lambda: page.meeting_row.has_error())
    assert page.meeting_row.error_text() == locked
    assert not page.added_label.isVisible()


def test_from_stays_in_line_when_to_shows_a_message(qtbot, db, coordinator):
    shared = share_conversations(db, coordinator, TODAY)
    _ctx, _stack, page = open_counts(qtbot, db, coordinator)
    choose(qtbot, page, shared.topic_id)
    tops = (page.from_row.y(), page.to_row.y())
    assert tops[0] == tops[1]
    page.from_date.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    page.to_date.setDate(QDate(TODAY.year, TODAY.month, 1).addMonths(-1))
    page.to_date.editingFinished.emit()
    qtbot.waitUntil(lambda: page.to_row.has_error())
    settle(qtbot)
    assert page.from_row.y() == page.to_row.y() == tops[0]
    assert page.from_row.isVisible() and page.to_row.isVisible()

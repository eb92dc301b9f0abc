"""What members told us in pictures, through the real widgets: opened from the Committee
room, a topic and dates chosen, each card's counts shown under the faces ("fewer than 3"
for 1 or 2), no member's name, known-as name or own words anywhere on the page, the
summary printed, and the counts put on a coming meeting's agenda."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget

from clubapp.services import conversation_topics, meetings, members
from clubapp.ui.pages.committee import CommitteePage, last_twelve_months
from clubapp.ui.pages.conversation_counts import COLUMNS, ConversationCountsPage
from tests.conftest import TODAY
from tests.gui.a11y import accessible_name
from tests.gui.committee_helpers import add_meeting, click, open_stack, settle
from tests.unit.counts_helpers import expected_row, share_conversations


def every_text(root: QWidget) -> list[str]:
    """Every word a person or a screen reader could meet on the page: labels, buttons,
    boxes, every choice of every drop-down list, tooltips and accessible names."""
    texts: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        texts += [w.toolTip(), w.accessibleName(), w.accessibleDescription(), accessible_name(w)]
        if isinstance(w, (QLabel, QAbstractButton, QLineEdit)):
            texts.append(w.text())
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
    return [t for t in texts if t]


def open_counts(qtbot, db, actor):
    ctx, stack, room = open_stack(qtbot, db, actor, CommitteePage)
    room.show_section(room.said_button)
    settle(qtbot)
    click(qtbot, room.pictures_button)
    qtbot.waitUntil(lambda: isinstance(stack.current, ConversationCountsPage))
    page = stack.current
    settle(qtbot)
    return ctx, stack, page


def shown_counts(page) -> dict[str, tuple[str, str, str]]:
    return {
        row.word.text(): tuple(row.counts[place].text() for place, _ in COLUMNS)
        for row in page.count_rows
        if row.word.isVisible()
    }


@pytest.mark.parametrize("role", ["committee", "treasurer"])
def test_the_counts_show_for_the_topic_and_dates_chosen_with_no_names(
    qtbot, db, coordinator, actors, role
):
    shared = share_conversations(db, coordinator, TODAY)
    _ctx, _stack, page = open_counts(qtbot, db, actors[role])

    # Opened on the last twelve months up to today.
    assert (page.from_date.value(), page.to_date.value()) == last_twelve_months(TODAY)
    # Topics in use and put away are all offered.
    names = [page.topic_combo.itemText(i) for i in range(page.topic_combo.count())]
    assert shared.topic_name in names
    page.topic_combo.setFocus()
    page.topic_combo.setCurrentIndex(page.topic_combo.findData(shared.topic_id))
    qtbot.waitUntil(lambda: shared.words[0] in shown_counts(page))

    shown = shown_counts(page)
    for index, word in enumerate(shared.words):
        assert shown[word] == expected_row(
            *(shared.tallies.get((index, place), 0) for place, _ in COLUMNS)
        )
    assert any("fewer than 3" in cells for cells in shown.values())
    assert "5 members shared" in page.members_label.text()
    assert page.rule_label.isVisible() and "nobody can be singled out" in page.rule_label.text()
    assert not page.too_few_label.isVisible()
    # Pictures at least 64 px, and a face over each count.
    assert all(
        row.picture.width() >= 64 and not row.picture.pixmap().isNull() for row in page.count_rows
    )
    assert all(not face.pixmap().isNull() for face in page.face_labels)
    # Only those who run meetings may put the counts on an agenda (not the treasurer).
    assert page.agenda_box.isVisible() == (role == "committee")

    everything = " ".join(every_text(page)).lower()
    # Nobody in the club is named: not the members who shared, nor anyone else.
    people = [p.full_name for p in db.run(members.list_people, coordinator)]
    assert len(people) >= len(shared.names) // 3
    for secret in [*shared.names, *people]:
        assert secret.lower() not in everything, secret
    # Nothing on the page opens a member: its only buttons print, choose dates or a topic.
    buttons = {b.text() for b in page.findChildren(QAbstractButton) if b.isVisible()}
    assert buttons <= {
        "Print this summary",
        "Add to the agenda",
        page.from_date.calendar_button.text(),
    }


def test_a_shorter_time_changes_the_counts_and_too_few_shows_no_table(qtbot, db, coordinator):
    shared = share_conversations(db, coordinator, TODAY)
    _ctx, _stack, page = open_counts(qtbot, db, coordinator)
    page.topic_combo.setCurrentIndex(page.topic_combo.findData(shared.topic_id))
    qtbot.waitUntil(lambda: bool(shown_counts(page)))

    # A time that ends before the conversations' month (counts are for whole months):
    # nobody shared, so no table at all.
    day_before = shared.on_date.replace(day=1) - timedelta(days=1)
    page.to_date.setFocus()
    page.to_date.setDate(QDate(day_before.year, day_before.month, day_before.day))
    page.to_date.editingFinished.emit()
    qtbot.waitUntil(lambda: page.too_few_label.isVisible())
    assert not page.counts_box.isVisible()
    assert "No member shared" in page.members_label.text()
    assert not shown_counts(page)

    # The end before the start: said under To, nothing counted.
    page.from_date.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    qtbot.waitUntil(lambda: page.to_row.has_error())
    assert "before its start" in page.to_row.error_text()
    assert not page.counts_box.isVisible()


def test_two_members_show_as_fewer_than_3_and_no_counts(qtbot, db, coordinator):
    shared = share_conversations(db, coordinator, TODAY, members=2)
    _ctx, _stack, page = open_counts(qtbot, db, coordinator)
    page.topic_combo.setCurrentIndex(page.topic_combo.findData(shared.topic_id))
    qtbot.waitUntil(lambda: page.too_few_label.isVisible())
    assert page.members_label.text().startswith("Fewer than 3 members")
    assert not page.counts_box.isVisible() and not shown_counts(page)
    everything = " ".join(every_text(page)).lower()
    for secret in shared.names:
        assert secret.lower() not in everything


def test_a_topic_put_away_is_offered_and_counted(qtbot, db, coordinator):
    shared = share_conversations(db, coordinator, TODAY)
    db.run(conversation_topics.set_topic_retired, coordinator, shared.topic_id, True)
    _ctx, _stack, page = open_counts(qtbot, db, coordinator)
    index = page.topic_combo.findData(shared.topic_id)
    assert page.topic_combo.itemText(index) == f"{shared.topic_name} (put away)"
    page.topic_combo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: shared.words[0] in shown_counts(page))


def test_print_this_summary_makes_the_pdf_for_the_choice(qtbot, db, coordinator):
    from tests.unit.test_printing_members import all_text

    shared = share_conversations(db, coordinator, TODAY)
    _ctx, stack, page = open_counts(qtbot, db, coordinator)
    page.topic_combo.setCurrentIndex(page.topic_combo.findData(shared.topic_id))
    qtbot.waitUntil(lambda: bool(shown_counts(page)))
    click(qtbot, page.print_button)
    title, make_pdf, file_name = stack.pdfs.shown[-1]
    assert title == "What members told us in pictures" and file_name.endswith(".pdf")
    text = " ".join(all_text(make_pdf()).split())
    assert shared.topic_name in text and shared.words[0] in text
    for secret in shared.names:
        assert secret not in text


def test_the_counts_go_on_a_coming_meetings_agenda(qtbot, db, coordinator):
    shared = share_conversations(db, coordinator, TODAY)
    past = add_meeting(db, coordinator, TODAY - timedelta(days=20))
    coming = add_meeting(db, coordinator, TODAY + timedelta(days=14))
    _ctx, _stack, page = open_counts(qtbot, db, coordinator)
    page.topic_combo.setCurrentIndex(page.topic_combo.findData(shared.topic_id))
    qtbot.waitUntil(lambda: bool(shown_counts(page)))

    assert page.agenda_box.isVisible()
    offered = [page.meeting_combo.itemData(i) for i in range(page.meeting_combo.count())]
    assert coming in offered and past not in offered
    page.meeting_combo.setCurrentIndex(page.meeting_combo.findData(coming))
    click(qtbot, page.add_button)
    qtbot.waitUntil(lambda: page.added_label.isVisible())
    assert "Added to the agenda" in page.added_label.text()

    detail = db.run(meetings.get_meeting, coordinator, coming)
    item = next(i for i in detail.items if shared.topic_name in i.title)
    assert item.title == f"What members told us in pictures: {shared.topic_name}"
    assert shared.words[0] in item.details and "fewer than 3" in item.details
    for secret in shared.names:
        assert secret not in item.details
    # The item comes before any other business.
    titles = [i.title for i in detail.items]
    assert titles.index(item.title) < titles.index("Any other business")


def test_no_meeting_coming_says_how_to_plan_one(qtbot, db, coordinator):
    shared = share_conversations(db, coordinator, TODAY)
    _ctx, _stack, page = open_counts(qtbot, db, coordinator)
    page.topic_combo.setCurrentIndex(page.topic_combo.findData(shared.topic_id))
    assert page.no_meeting_label.isVisible()
    assert not page.add_button.isVisible()


@pytest.mark.parametrize("role", ["volunteer"])
def test_a_role_that_may_not_see_the_committee_gets_words_not_counts(qtbot, db, actors, role):
    _ctx, _stack, page = open_stack(qtbot, db, actors[role], ConversationCountsPage)
    settle(qtbot)
    assert page.problem_label.isVisible()
    assert not page.content.isVisible()
    assert "committee" in page.problem_label.text()


def test_the_notes_room_opens_the_counts_for_the_committee(qtbot, db, coordinator, actors):
    from clubapp.ui.pages.notes import NotesPage

    _ctx, stack, notes_room = open_stack(qtbot, db, actors["committee"], NotesPage)
    assert notes_room.counts_button is not None
    click(qtbot, notes_room.counts_button)
    qtbot.waitUntil(lambda: isinstance(stack.current, ConversationCountsPage))
    # A volunteer sees the notes room but not the committee's counts.
    _ctx, _stack, volunteer_room = open_stack(qtbot, db, actors["volunteer"], NotesPage)
    assert volunteer_room.counts_button is None

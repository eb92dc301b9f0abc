"""The members' inbox when thousands of notes wait, and Add from the inbox as a list of
notes with big tick boxes: ticked by a click anywhere on a note or by Space, counted,
found by a search or a kind; a long list measures only the notes in view; the room's
inbox lists the newest notes and all of them on request, measured as the painter would."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clubapp.services import members, notes
from clubapp.services.notes import InboxItem, NoteInput
from clubapp.ui import theme
from clubapp.ui.pages.agenda_forms import InboxPickPage, NotePickList
from clubapp.ui.pages.committee import INBOX_SHOWN, CommitteePage, words_table
from clubapp.ui.pages.meeting import MeetingPage
from clubapp.ui.tablemodels.committee import InboxModel, InboxPickFilter, InboxPickModel
from tests.conftest import TODAY
from tests.gui.committee_helpers import LEFT, add_meeting, choose_in_list, click, open_stack

#: Offscreen, the list that opens under a drop-down cannot take the keyboard.
POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)

KINDS = ("idea", "worry", "praise", "need", "likes", "dislikes")
SAID = (
    "More singing, please.",
    "The hall is too cold in the mornings.",
    "Thank you for the garden trip.",
    "A lift at the back of the building would help people who find the stairs hard, "
    "and someone to meet them at the door when the minibus comes.",
    "A quiz afternoon.",
    "Zoë's idea: seated exercises.",
)


@pytest.fixture
def meeting(db, coordinator, board) -> int:
    return add_meeting(db, coordinator, TODAY, board["ann"])


def add_waiting(db, actor, person_id: int, count: int) -> list[int]:
    """``count`` notes sent to the committee without the name, oldest first (one a day,
    up to yesterday), in one go; their ids."""

    def add(session) -> list[int]:  # type: ignore[no-untyped-def]
        ids = []
        for n in range(count):
            summary = f"{SAID[n % len(SAID)]} Note {n + 1}."
            data = NoteInput(
                person_id,
                TODAY - timedelta(days=count - n),
                KINDS[n % len(KINDS)],
                f"In their words: {summary}",
                visibility="committee_anonymous",
                summary=summary,
                flagged=True,
            )
            ids.append(notes.add_note(session, actor, data, TODAY))
        return ids

    return db.run(add)


def item(note_id: int, kind: str, summary: str, who: str = "A member") -> InboxItem:
    return InboxItem(note_id, date(2026, 11, note_id % 28 + 1), kind, who, summary)


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def open_pick(qtbot, db, coordinator, meeting: int) -> tuple[object, MeetingPage, InboxPickPage]:
    """The meeting's page, and Add from the inbox opened from it, as a person would."""
    _ctx, stack, page = open_stack(qtbot, db, coordinator, lambda c: MeetingPage(c, meeting))
    click(qtbot, page.add_inbox_button)
    pick = stack.current
    assert isinstance(pick, InboxPickPage)
    settle()
    return stack, page, pick


def click_note(qtbot, pick: InboxPickPage, note_id: int, *, on_box: bool = True) -> None:
    """Bring a note into view and click its tick box (or the middle of its words)."""
    view = pick.notes_list
    index = pick.index_of(note_id)
    assert index.isValid(), "the list does not show this note"
    pick.form.ensureWidgetVisible(view)
    view.scrollTo(index)
    settle()
    rect = view.check_rect(index) if on_box else view.visualRect(index)
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())


# ---------------------------------------------------------------- the models


def test_the_pick_model_and_its_filter_pass_the_qt_model_tester(qtmodeltester):
    """The notes to tick, and the filter over them, keep Qt's rules for models."""
    model = InboxPickModel()
    model.set_rows([item(1, "idea", "More singing."), item(2, "worry", "", "Bill Cole")])
    model.set_ticked(2, True)
    qtmodeltester.check(model)
    proxy = InboxPickFilter()
    proxy.setSourceModel(model)
    proxy.set_search("sing")
    qtmodeltester.check(proxy)
    qtmodeltester.check(InboxPickModel())


def test_ticks_are_kept_in_the_order_they_were_made(qtbot):
    """Ticks come back in the order made; a fresh list keeps ticks on notes still in it;
    the tick shows in Qt.CheckStateRole and in words for a screen reader."""
    model = InboxPickModel()
    model.set_rows([item(1, "idea", "More singing."), item(2, "worry", "The cold.")])
    with qtbot.waitSignal(model.ticked_changed):
        assert model.setData(
            model.index(1, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
        )
    model.set_ticked(1, True)
    assert model.ticked_ids() == (2, 1)
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.index(0, 0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert model.index(0, 0).data() == "An idea\n2 November 2026. A member: More singing."
    spoken = model.index(1, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == "A worry: 3 November 2026. A member: The cold."
    model.toggle(model.index(1, 0))
    assert model.ticked_ids() == (1,)
    model.set_rows([item(1, "idea", "More singing."), item(3, "praise", "Lovely.")])
    assert model.ticked_ids() == (1,)
    assert not model.set_ticked(2, True)  # no longer offered
    assert [kind for kind, _words in model.kinds()] == ["idea", "praise"]


def test_the_filter_finds_every_word_typed_and_a_kind():
    """Words in any order, any case and without accents; a kind narrows it further."""
    model = InboxPickModel()
    model.set_rows(
        [
            item(1, "idea", "More singing, please."),
            item(2, "worry", "The hall is cold."),
            item(3, "idea", "Zoë's seated exercises."),
            item(4, "praise", "Lovely singing.", "Bill Cole"),
        ]
    )
    proxy = InboxPickFilter()
    proxy.setSourceModel(model)

    def shown() -> list[int]:
        return [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(proxy.rowCount())]

    proxy.set_search("SINGING")
    assert shown() == [1, 4]
    proxy.set_search("singing bill")
    assert shown() == [4]
    proxy.set_search("zoe")
    assert shown() == [3]
    proxy.set_search("worry")  # the kind's words are found too
    assert shown() == [2]
    proxy.set_search("")
    proxy.set_kind("idea")
    assert shown() == [1, 3] and proxy.is_filtering()
    proxy.set_kind(None)
    assert shown() == [1, 2, 3, 4] and not proxy.is_filtering()


# ---------------------------------------------------------------- Add from the inbox


def test_tick_by_a_click_anywhere_on_a_note_or_by_space(
    themed_app, qtbot, db, coordinator, board, meeting
):
    """A click on the box or on the words ticks a note and a second click unticks it;
    Down and Space tick the next; the count says how many; the first note ticked gives
    the item its title."""
    ids = add_waiting(db, coordinator, board["peggy"], 3)
    stack, page, pick = open_pick(qtbot, db, coordinator, meeting)
    assert not pick.finder.isVisible()  # three notes need no search
    assert pick.ticked_label.text() == "No notes ticked yet."
    view = pick.notes_list
    assert isinstance(view, NotePickList)
    assert view.height() >= view.rows_height()  # a short list shows every note

    click_note(qtbot, pick, ids[2], on_box=False)  # on the words
    assert pick.is_ticked(ids[2])
    click_note(qtbot, pick, ids[2])
    assert not pick.is_ticked(ids[2])
    click_note(qtbot, pick, ids[2])
    assert pick.ticked_label.text() == "1 note ticked."
    click_note(qtbot, pick, ids[0])
    assert view.currentIndex() == pick.index_of(ids[0])
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert pick.is_ticked(ids[1])
    assert pick.ticked_label.text() == "3 notes ticked."
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert not pick.is_ticked(ids[1])
    assert pick.values()[0] == (ids[2], ids[0])
    assert pick.has_unsaved_changes()

    click(qtbot, pick.save_button)
    assert stack.current is page
    card = page.card_titled("Thank you for the garden trip. Note 3.")
    assert card.members_label.text() == (
        "What members said:\nA member: More singing, please. Note 1.\n"
        "A member: Thank you for the garden trip. Note 3."
    )


@POPUP_WARNINGS
def test_a_long_inbox_is_found_by_words_or_kind_and_ticks_stay(
    themed_app, qtbot, db, coordinator, board, meeting
):
    """More than a few notes: Find a note and Kind of note narrow the list, the count of
    ticks says when a ticked note is hidden by the search, and it is still saved."""
    ids = add_waiting(db, coordinator, board["peggy"], 30)
    stack, page, pick = open_pick(qtbot, db, coordinator, meeting)
    assert pick.finder.isVisible()
    assert not pick.shown_label.isVisible()
    click_note(qtbot, pick, ids[0])  # "More singing, please. Note 1."

    qtbot.keyClicks(pick.search, "quiz")
    assert pick.shown_label.text() == "The list shows 5 of the 30 notes."
    assert pick.ticked_label.text() == "1 note ticked. 1 of them is hidden by your search."
    click_note(qtbot, pick, ids[4])  # "A quiz afternoon. Note 5."
    pick.search.clear()
    assert not pick.shown_label.isVisible()
    assert pick.ticked_label.text() == "2 notes ticked."

    choose_in_list(qtbot, pick.kind_filter, "Praise")
    assert pick.shown_label.text() == "The list shows 5 of the 30 notes."
    shown = [pick.proxy.index(r, 0).data() for r in range(pick.proxy.rowCount())]
    assert all(words.startswith("Praise\n") for words in shown)
    qtbot.keyClicks(pick.search, "no such words")
    assert pick.shown_label.text() == (
        "No notes have these words. Clear Find a note, or choose All kinds."
    )
    assert not pick.notes_list.isVisible()
    assert pick.ticked_label.text() == "2 notes ticked. 2 of them are hidden by your search."

    click(qtbot, pick.save_button)
    assert stack.current is page
    waiting = {n.note_id for n in db.run(notes.inbox, coordinator)}
    assert ids[0] not in waiting and ids[4] not in waiting and len(waiting) == 28


def test_a_very_long_inbox_measures_only_the_notes_in_view(
    themed_app, qtbot, db, coordinator, board, meeting
):
    """Hundreds of notes: the notes in view are as tall as their words, the rest wait
    with the height of a one-line note until they are scrolled to; the list fits the
    form, with the search, the count and the title in view; larger text measures the
    notes in view again."""
    ids = add_waiting(db, coordinator, board["peggy"], 2 * NotePickList.MEASURE_ALL + 30)
    _stack, _page, pick = open_pick(qtbot, db, coordinator, meeting)
    view = pick.notes_list
    one_line = view.one_row_height()
    model = view.model()

    delegate = view.itemDelegate()

    def fits(row: int) -> bool:
        """The row is as tall as the painter's words need at the list's width."""
        kind, _, words = str(model.index(row, 0).data()).partition("\n")
        need = delegate.row_height(view.columnWidth(0), kind, words, view.font())
        return view.rowHeight(row) == need

    in_view = range(view.rowAt(0), view.rowAt(view.viewport().height() - 1) + 1)
    assert len(in_view) >= 2
    assert all(fits(row) for row in in_view)
    assert any(view.rowHeight(row) > one_line for row in in_view)  # the long words wrap
    last = model.rowCount() - 1
    assert view.rowHeight(last) == one_line  # not measured yet
    for widget in (pick.search, view, pick.ticked_label, pick.item_title, pick.save_button):
        assert not widget.visibleRegion().isEmpty(), f"{widget} is out of view"

    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    settle()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    settle()
    assert view.rowAt(view.viewport().height() - 1) == last
    in_view = range(view.rowAt(0), last + 1)
    assert all(fits(row) for row in in_view)
    click_note(qtbot, pick, ids[-1])
    assert pick.values()[0] == (ids[-1],)

    theme.apply_theme(themed_app, 2.0)  # Larger text, with the page open
    settle()
    assert view.one_row_height() > one_line
    in_view = range(view.rowAt(0), view.rowAt(view.viewport().height() - 1) + 1)
    assert all(fits(row) for row in in_view)
    assert view.height() <= pick.form.viewport().height()


# ---------------------------------------------------------------- the room's inbox


def test_a_long_members_inbox_lists_the_newest_and_all_on_request(
    themed_app, qtbot, db, coordinator, board
):
    """More than a hundred notes: the newest hundred, oldest first as ever, and a button
    that lists every one, and then the newest again."""
    ids = add_waiting(db, coordinator, board["peggy"], INBOX_SHOWN + 20)
    _ctx, _stack, page = open_stack(qtbot, db, coordinator, CommitteePage)
    click(qtbot, page.inbox_button)
    assert page.inbox_button.text() == "Members' inbox (120)"
    assert page.inbox_count_label.text() == (
        "120 notes are waiting for a meeting. The 100 newest are listed below."
    )
    listed = [r.note_id for r in page.inbox_model.rows()]
    assert listed == ids[-INBOX_SHOWN:]
    assert page.inbox_all_button.text() == "Show all 120 notes"

    click(qtbot, page.inbox_all_button)
    settle()
    assert [r.note_id for r in page.inbox_model.rows()] == ids
    assert page.inbox_count_label.text() == "120 notes are waiting for a meeting."
    assert page.inbox_table.height() >= sum(page.inbox_table.rowHeight(r) for r in range(120))
    assert page.inbox_all_button.text() == "Show only the 100 newest"
    click(qtbot, page.inbox_all_button)
    assert page.inbox_model.rowCount() == INBOX_SHOWN


@pytest.mark.parametrize("scale", (1.0, 2.0))
def test_the_inbox_rows_are_measured_as_the_other_tables_measure_them(
    themed_app, qtbot, db, coordinator, board, person_factory, scale
):
    """The room's inbox measures its rows in one go, to the same heights as the cell
    painter's own measure gives the room's other tables: long words and names, lines."""
    long_name = person_factory("Margaret Featherstonehaugh-Whittingham")

    def add(session) -> None:  # type: ignore[no-untyped-def]
        said = ("More singing, please.", SAID[3], "Supercalifragilisticexpialidocious" * 2)
        for words in said:
            data = NoteInput(
                board["peggy"], TODAY, "idea", words, "committee_anonymous", words, flagged=True
            )
            notes.add_note(session, coordinator, data, TODAY)
        data = NoteInput(
            long_name,
            TODAY,
            "need",
            "Firstline\nsecond line of what was said",
            "committee_named",
            named_agreed_on=TODAY,
            flagged=True,
        )
        notes.add_note(session, coordinator, data, TODAY)

    db.run(add)
    theme.apply_theme(themed_app, scale)
    _ctx, _stack, page = open_stack(qtbot, db, coordinator, CommitteePage)
    click(qtbot, page.inbox_button)
    settle()
    table = page.inbox_table
    count = page.inbox_model.rowCount()
    assert count == 4
    reference = words_table(InboxModel(), "The same rows, measured by the cell painter")
    qtbot.addWidget(reference)
    reference.model().set_rows(page.inbox_model.rows())
    reference.resize(table.width(), 600)
    reference.show()
    settle()
    assert [reference.columnWidth(c) for c in range(4)] == [table.columnWidth(c) for c in range(4)]
    reference.fit_rows()
    heights = [table.rowHeight(r) for r in range(count)]
    assert heights == [reference.rowHeight(r) for r in range(count)]
    assert max(heights) > min(heights)


# ---------------------------------------------------------------- the interface rules


@pytest.mark.parametrize("scale", (1.0, 2.0))
def test_the_long_inbox_screens_meet_the_rules(window, qtbot, scale):
    """A long inbox in the room (with Show all) and in Add from the inbox (with the
    search, a note ticked and one hidden), in the real window at 100 % and 200 %."""
    from clubapp.services import meetings
    from tests.gui.test_accessibility import check, sign_in

    sign_in(window, qtbot, "coordinator")
    ctx = window.ctx
    member = next(p.person_id for p in ctx.read(members.list_people) if "member" in p.kinds)
    add_waiting(window.ctx.db, ctx.actor, member, INBOX_SHOWN + 5)
    theme.apply_theme(QApplication.instance(), scale)
    problems: list[str] = []

    room = CommitteePage(ctx)
    ctx.navigator.push(room)
    room.show_section(room.inbox_button)
    problems += check(window, scale, "The members' inbox, the newest")
    room.show_all_inbox()
    problems += check(window, scale, "The members' inbox, all of it")

    next_meeting = ctx.read(meetings.list_meetings)[0].meeting_id
    pick = InboxPickPage(ctx, next_meeting)
    ctx.navigator.push(pick)
    problems += check(window, scale, "Add from the inbox, a long inbox")
    first = pick.model.row_at(0).note_id
    pick.model.set_ticked(first, True)
    pick.search.setText("quiz")
    problems += check(window, scale, "Add from the inbox, a search")
    pick.search.setText("no such words")
    problems += check(window, scale, "Add from the inbox, nothing found")
    pick._leaving_ok = True
    assert not problems, "\n".join(problems)

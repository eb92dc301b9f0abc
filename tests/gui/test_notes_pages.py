"""One-to-one notes: the Notes list and the note editor, driven through their real widgets."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QTableView

from clubapp.services import notes
from clubapp.services.notes import NoteInput
from clubapp.ui import theme
from clubapp.ui.context import AppContext
from clubapp.ui.main_window import MainWindow
from clubapp.ui.page_stack import PageStack
from clubapp.ui.pages import note_editor as editor_module
from clubapp.ui.pages.note_editor import NoteEditorPage
from clubapp.ui.pages.notes import NotesPage
from clubapp.ui.tablemodels.notes import NOTE_ID_ROLE, NotesTableModel
from tests.conftest import TODAY
from tests.gui.a11y import audit, really_visible
from tests.gui.test_accessibility import check, sign_in

LEFT = Qt.MouseButton.LeftButton
# The offscreen platform cannot raise a pop-up list or give it the keyboard, and says so.
POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)


def type_text(qtbot, widget, text: str) -> None:
    """Type like a person would; QTest cannot type letters such as ë, so send those as keys."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                )


@pytest.fixture
def open_notes(qtbot, themed_app, db, actors):
    """The Notes room for a role, in the page stack the main window uses."""

    def open_for(role: str = "coordinator") -> tuple[NotesPage, PageStack]:
        ctx = AppContext(db, actors[role], today=lambda: TODAY)
        stack = PageStack(ctx)
        qtbot.addWidget(stack)
        stack.resize(1280, 720)
        page = NotesPage(ctx)
        stack.register_room(page)
        stack.open_room(page)
        stack.show()
        qtbot.waitExposed(stack)
        return page, stack

    return open_for


@pytest.fixture
def peggy(person_factory) -> int:
    """A member known as Peggy, with no consent for health notes."""
    return person_factory("Margaret Holloway", known_as="Peggy")


@pytest.fixture
def add(db, coordinator):
    """Add a note through the service, as someone did earlier."""

    def make(person_id: int, actor=None, **kwargs) -> int:
        kwargs.setdefault("on_date", TODAY)
        kwargs.setdefault("kind", "idea")
        kwargs.setdefault("text", "We could sing more songs from the fifties.")
        return db.run(notes.add_note, actor or coordinator, NoteInput(person_id, **kwargs), TODAY)

    return make


def add_from_list(qtbot, page: NotesPage, stack: PageStack) -> NoteEditorPage:
    """Press "Add a note" on the list and wait for the editor."""
    assert page.add_button is not None
    qtbot.mouseClick(page.add_button, LEFT)
    qtbot.waitUntil(lambda: isinstance(stack.current, NoteEditorPage))
    editor = stack.current
    assert isinstance(editor, NoteEditorPage)
    qtbot.waitUntil(lambda: editor.form is not None and editor.form.isVisible())
    return editor


def pick_person(qtbot, choice, typed: str, words: str) -> None:
    """Type part of a name, then pick the person from the list that opens under the box."""
    edit = choice.lineEdit()
    edit.setFocus()
    type_text(qtbot, edit, typed)
    popup = choice.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    model = popup.model()
    offered = [model.index(r, 0).data() for r in range(model.rowCount())]
    row = offered.index(words)
    index = model.index(row, 0)
    popup.scrollTo(index)
    qtbot.mouseClick(popup.viewport(), LEFT, pos=popup.visualRect(index).center())
    qtbot.waitUntil(lambda: not popup.isVisible())


def reveal(editor: NoteEditorPage, widget) -> None:
    assert editor.form is not None
    editor.form.ensureWidgetVisible(widget)
    QApplication.processEvents()


def click(qtbot, editor: NoteEditorPage, widget) -> None:
    reveal(editor, widget)
    qtbot.mouseClick(widget, LEFT)


# ---------------------------------------------------------------- adding


@POPUP_WARNINGS
def test_add_a_note_through_the_form_and_find_it_in_the_list(
    qtbot, open_notes, person_factory, db, coordinator
):
    """Add a note by typing part of the member's name; it is saved and shown in the list."""
    zoe = person_factory("Zoë O'Brien")
    person_factory("Zoltan Kiss")
    sam = person_factory("Sam Taylor", kinds=("coordinator",))
    page, stack = open_notes()
    assert page.empty_label.isVisible()
    editor = add_from_list(qtbot, page, stack)
    assert editor.heading() == "Adding a note"
    # Who had the conversation starts as the signed-in coordinator's own record.
    assert editor.taken_by.value() == sam
    assert editor.on_date.value() == TODAY
    pick_person(qtbot, editor.member, "zoe", "Zoë O'Brien")
    assert editor.member.value() == zoe
    click(qtbot, editor, editor.kind.buttons["likes"])
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "Loves the garden in spring.")
    assert editor.form.field("summary").isHidden()  # only the coordinator sees it so far
    qtbot.mouseClick(editor.save_button, LEFT)

    qtbot.waitUntil(lambda: stack.current is page)
    assert page.notice() == "Saved the note about Zoë O'Brien."
    assert page.visible_texts() == ["Loves the garden in spring."]
    assert page.visible_texts(NotesTableModel.MEMBER) == ["Zoë O'Brien"]
    assert page.visible_texts(NotesTableModel.KIND) == ["Likes"]
    assert page.visible_texts(NotesTableModel.WHO) == ["Only the coordinator"]
    assert page.visible_texts(NotesTableModel.STATUS) == ["Current"]
    [row] = db.run(notes.list_notes, coordinator)
    assert page.selected_note_id() == row.note_id
    assert (row.person_id, row.kind, row.visibility, row.taken_by) == (
        zoe,
        "likes",
        "private",
        "Sam Taylor",
    )


@POPUP_WARNINGS
def test_part_of_a_name_chooses_nobody(qtbot, open_notes, person_factory, db, coordinator):
    """Typed words that name nobody are refused beside the member box, and kept."""
    person_factory("Margaret Holloway")
    page, stack = open_notes()
    editor = add_from_list(qtbot, page, stack)
    type_text(qtbot, editor.member.lineEdit(), "Marg")
    click(qtbot, editor, editor.kind.buttons["idea"])
    qtbot.mouseClick(editor.save_button, LEFT)
    row = editor.form.field("person_id")
    assert row.error_text().startswith("Choose the member this note is about")
    assert editor.member.currentText() == "Marg"
    assert stack.current is editor
    assert db.run(notes.list_notes, coordinator) == []


def test_an_empty_note_says_everything_missing_at_once(qtbot, open_notes, db, coordinator):
    """Save on an empty note names the member, the kind and the words, not one per press."""
    page, stack = open_notes()
    editor = add_from_list(qtbot, page, stack)
    qtbot.mouseClick(editor.save_button, LEFT)
    shown = {name for name, row in editor.form.fields().items() if row.has_error()}
    assert {"person_id", "kind", "text"} <= shown
    assert editor.form.field("text").error_text() == (
        "Type what the member said, in their own words if you can."
    )
    assert editor.errors_summary.text().startswith(f"Not saved yet: {len(shown)} things")
    assert stack.current is editor
    assert db.run(notes.list_notes, coordinator) == []


def test_health_consent_refusal_is_shown_by_the_health_box_and_typing_is_kept(
    qtbot, open_notes, peggy, db, coordinator
):
    """A need ticks the health box; without consent the whole refusal sits by that box."""
    page, stack = open_notes()
    editor = NoteEditorPage(page.ctx, peggy)
    stack.push(editor)
    qtbot.waitUntil(lambda: editor.form is not None and editor.form.isVisible())
    assert editor.heading() == "A note about Peggy"
    assert editor.member is None  # the member is fixed
    health = editor.health.check
    assert not health.isChecked()
    click(qtbot, editor, editor.kind.buttons["need"])
    assert health.isChecked()
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "Her eyes are getting worse; she needs large print.")
    qtbot.mouseClick(editor.save_button, LEFT)

    row = editor.form.field("health_related")
    assert row.error_text() == (
        "Peggy has no consent recorded for keeping notes about their health. Record it on "
        "Peggy's page: under Consent, press “Add a consent record”, choose “Keeping "
        "health-related notes” and save. Or untick “This is about their health” if it is not."
    )
    assert editor.consent_button.isVisible()
    assert editor.consent_button.text() == "Record Peggy's consent"
    assert row.error_label.isVisible()
    assert row.error_label.height() >= row.error_label.heightForWidth(row.error_label.width())
    assert editor.text.text() == "Her eyes are getting worse; she needs large print."
    assert editor.kind.value() == "need" and health.isChecked()
    assert editor.errors_summary.text().startswith("Not saved yet: one thing needs fixing")
    assert stack.current is editor
    assert db.run(notes.list_notes, coordinator) == []

    # The person can untick it: then the note is saved.
    click(qtbot, editor, health)
    assert not health.isChecked()
    assert not row.has_error() and editor.errors_summary.isHidden()
    assert editor.consent_button.isHidden()
    qtbot.mouseClick(editor.save_button, LEFT)
    qtbot.waitUntil(lambda: stack.current is page)
    [saved] = db.run(notes.list_notes, coordinator)
    assert (saved.kind, saved.health_related) == ("need", False)


def test_anonymous_summary_with_the_name_is_refused_beside_the_summary(
    qtbot, open_notes, peggy, db, coordinator
):
    """A summary for the committee "without the name" that names her is refused by the summary."""
    page, stack = open_notes()
    editor = NoteEditorPage(page.ctx, peggy)
    stack.push(editor)
    qtbot.waitUntil(lambda: editor.form is not None and editor.form.isVisible())
    click(qtbot, editor, editor.kind.buttons["worry"])
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "Peggy says the hall is too cold in the mornings.")
    flag = editor.flag.check
    assert not flag.isEnabled()
    assert "cannot go to the committee" in editor.flag.note.text()
    click(qtbot, editor, editor.visibility.buttons["committee_anonymous"])
    summary_row = editor.form.field("summary")
    qtbot.waitUntil(summary_row.isVisible)
    assert summary_row.label_text().startswith("Summary for the committee")
    assert summary_row.help_label.text() == "Do not put their name in it."
    assert editor.form.field("named_agreed_on").isHidden()
    assert flag.isEnabled()
    click(qtbot, editor, flag)
    editor.summary.setFocus()
    qtbot.keyClicks(editor.summary, "peggy finds the hall too cold")
    qtbot.mouseClick(editor.save_button, LEFT)

    assert summary_row.error_text() == (
        'The summary says "Peggy". The committee must not know who said this: take the name out.'
    )
    assert editor.summary.text() == "peggy finds the hall too cold"
    assert flag.isChecked()
    assert db.run(notes.list_notes, coordinator) == []

    editor.summary.setFocus()
    qtbot.keyClick(editor.summary, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.summary, "The hall is too cold in the mornings.")
    qtbot.mouseClick(editor.save_button, LEFT)
    qtbot.waitUntil(lambda: stack.current is page)
    [saved] = db.run(notes.list_notes, coordinator)
    assert (saved.visibility, saved.flagged) == ("committee_anonymous", True)
    assert page.visible_texts(NotesTableModel.STATUS) == ["Waiting for the committee"]
    inbox = db.run(notes.inbox, coordinator)
    assert [(i.who, i.summary) for i in inbox] == [
        ("A member", "The hall is too cold in the mornings.")
    ]


def test_with_the_name_asks_on_which_day_they_agreed(qtbot, open_notes, peggy, db, coordinator):
    """ "With the name" shows the agreed day; choosing "Only the coordinator" unticks the
    inbox, and choosing the committee again brings the tick back."""
    page, stack = open_notes()
    editor = NoteEditorPage(page.ctx, peggy)
    stack.push(editor)
    qtbot.waitUntil(lambda: editor.form is not None and editor.form.isVisible())
    agreed = editor.form.field("named_agreed_on")
    assert agreed.isHidden()
    click(qtbot, editor, editor.visibility.buttons["committee_named"])
    qtbot.waitUntil(agreed.isVisible)
    click(qtbot, editor, editor.flag.check)
    assert editor.flag.check.isChecked()
    click(qtbot, editor, editor.visibility.buttons["private"])
    assert agreed.isHidden() and editor.form.field("summary").isHidden()
    assert not editor.flag.check.isChecked() and not editor.flag.check.isEnabled()
    click(qtbot, editor, editor.visibility.buttons["committee_named"])
    assert editor.flag.check.isChecked() and editor.flag.check.isEnabled()
    editor.named_agreed_on.set_value(date(2026, 11, 2))
    click(qtbot, editor, editor.kind.buttons["likes"])
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "Loves the garden.")
    qtbot.mouseClick(editor.save_button, LEFT)
    qtbot.waitUntil(lambda: stack.current is page)
    [saved] = db.run(notes.list_notes, coordinator)
    detail = db.run(notes.get_note, coordinator, saved.note_id)
    assert (detail.visibility, detail.named_agreed_on) == ("committee_named", date(2026, 11, 2))
    assert detail.flagged


# ---------------------------------------------------------------- leaving


def test_cancel_with_typing_asks_first(qtbot, open_notes, peggy, monkeypatch):
    """Cancel with something typed asks; staying keeps it, leaving goes back to the list."""
    page, stack = open_notes()
    editor = NoteEditorPage(page.ctx, peggy)
    stack.push(editor)
    qtbot.waitUntil(lambda: editor.form is not None and editor.form.isVisible())
    questions = []

    def stay(parent, title, question, confirm, cancel, danger=False):
        questions.append((question, confirm, cancel))
        return False

    monkeypatch.setattr(editor_module, "ask_to_confirm", stay)
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "Would like a trip to the seaside.")
    qtbot.mouseClick(editor.cancel_button, LEFT)
    assert questions == [
        (
            "You have typed a note that is not saved. Leave without saving it?",
            "Leave without saving",
            "Stay and keep my typing",
        )
    ]
    assert stack.current is editor
    assert editor.text.text() == "Would like a trip to the seaside."
    monkeypatch.setattr(editor_module, "ask_to_confirm", lambda *a, **k: True)
    qtbot.mouseClick(editor.cancel_button, LEFT)
    assert stack.current is page


def test_cancel_without_typing_just_goes_back(qtbot, open_notes, peggy, monkeypatch):
    """With nothing typed, Cancel goes straight back without asking."""
    page, stack = open_notes()
    editor = add_from_list(qtbot, page, stack)
    monkeypatch.setattr(editor_module, "ask_to_confirm", lambda *a, **k: pytest.fail("asked"))
    qtbot.mouseClick(editor.cancel_button, LEFT)
    assert stack.current is page


# ---------------------------------------------------------------- the list


def test_volunteer_sees_only_notes_shared_with_the_name(qtbot, open_notes, peggy, add):
    """Private and anonymous notes never reach a volunteer's list; shared ones do."""
    add(peggy, kind="worry", text="Worried about money at home.", visibility="private")
    add(
        peggy,
        kind="worry",
        text="Peggy says the hall is too cold.",
        summary="The hall is too cold.",
        visibility="committee_anonymous",
        flagged=True,
    )
    add(
        peggy,
        kind="likes",
        text="Loves the garden.",
        visibility="committee_named",
        named_agreed_on=TODAY,
    )
    coordinator_page, _stack = open_notes("coordinator")
    assert len(coordinator_page.visible_texts()) == 3
    page, _stack = open_notes("volunteer")
    assert page.visible_texts() == ["Loves the garden."]
    assert page.visible_texts(NotesTableModel.MEMBER) == ["Peggy"]
    assert "coordinator" not in page.help_text.split("kept for the coordinator")[0]
    words = " ".join(
        str(page.model.index(r, c).data())
        for r in range(page.model.rowCount())
        for c in range(page.model.columnCount())
    )
    assert "money" not in words and "too cold" not in words


def test_filters_search_and_notes_no_longer_true(
    qtbot, open_notes, person_factory, add, db, coordinator
):
    """Kind, a member's name (without accents) and the no-longer-true box narrow the list."""
    zoe = person_factory("Zoë O'Brien")
    bob = person_factory("Robert Jones", known_as="Bob")
    add(zoe, kind="likes", text="Likes the quiz.")
    add(bob, kind="idea", text="A trip to the seaside.")
    old = add(bob, kind="likes", text="Likes dominoes.")
    db.run(notes.set_superseded, coordinator, old, True, TODAY)
    page, _stack = open_notes()
    assert sorted(page.visible_texts()) == ["A trip to the seaside.", "Likes the quiz."]
    assert "1 no longer true" in page.count_label.text()

    qtbot.mouseClick(page.show_old, LEFT)
    assert len(page.visible_texts()) == 3
    assert "No longer true" in page.visible_texts(NotesTableModel.STATUS)

    page.search.setFocus()
    qtbot.keyClicks(page.search, "zoe")
    assert page.visible_texts() == ["Likes the quiz."]
    page.search.clear()
    qtbot.keyClicks(page.search, "robert")  # the full name finds Bob too
    assert sorted(page.visible_texts()) == ["A trip to the seaside.", "Likes dominoes."]
    page.search.clear()

    page.kind_filter.setCurrentIndex(page.kind_filter.findData("likes"))
    assert sorted(page.visible_texts()) == ["Likes dominoes.", "Likes the quiz."]
    page.search.setFocus()
    qtbot.keyClicks(page.search, "nobody here")
    assert page.empty_label.isVisible()
    assert "No notes about anyone called" in page.empty_label.text()


def test_notes_more_than_a_year_old_wait_behind_a_tick(qtbot, open_notes, person_factory, add):
    """The list reads the last year only; the box brings the older notes in, and says so."""
    bob = person_factory("Robert Jones", known_as="Bob")
    add(bob, kind="idea", text="A trip to the seaside.", on_date=TODAY - timedelta(days=365))
    add(bob, kind="likes", text="Likes dominoes.", on_date=TODAY - timedelta(days=366))
    add(bob, kind="likes", text="Liked the old hall.", on_date=date(2019, 5, 2))
    page, _stack = open_notes()
    assert page.visible_texts() == ["A trip to the seaside."]
    assert page.count_label.text() == "1 note (2 more than a year old, not shown)"

    page.search.setFocus()
    qtbot.keyClicks(page.search, "nobody")
    assert "Older notes are shown when you tick" in page.empty_label.text()
    page.search.clear()

    qtbot.mouseClick(page.show_older, LEFT)
    assert page.visible_texts() == [
        "A trip to the seaside.",
        "Likes dominoes.",
        "Liked the old hall.",
    ]
    assert page.count_label.text() == "3 notes"
    qtbot.mouseClick(page.show_older, LEFT)
    assert page.visible_texts() == ["A trip to the seaside."]


def test_only_old_notes_says_where_they_are(qtbot, open_notes, peggy, add):
    add(peggy, kind="likes", text="Liked the old hall.", on_date=date(2019, 5, 2))
    page, _stack = open_notes()
    assert page.empty_label.isVisible()
    assert page.empty_label.text().startswith("There are no notes from the last year.")


def test_open_a_note_by_double_click_and_mark_it_no_longer_true(
    qtbot, open_notes, peggy, add, db, coordinator
):
    """Double-click opens the note; "Mark it as no longer true" keeps it but hides it."""
    note_id = add(peggy, kind="likes", text="Loves the garden.")
    page, stack = open_notes()
    index = page.proxy.index(0, NotesTableModel.SAID)
    assert index.data(NOTE_ID_ROLE) == note_id
    rect = page.table.visualRect(index)
    # A real double-click is a press and release, then a second press as a double-click.
    qtbot.mouseClick(page.table.viewport(), LEFT, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), LEFT, pos=rect.center())
    qtbot.waitUntil(lambda: isinstance(stack.current, NoteEditorPage))
    editor = stack.current
    qtbot.waitUntil(lambda: editor.form is not None and editor.form.isVisible())
    assert editor.heading() == "A note about Peggy"
    assert editor.text.text() == "Loves the garden."
    assert editor.member.value() == peggy
    assert editor.status_label.text() == "This note is still true."
    qtbot.mouseClick(editor.superseded_button, LEFT)
    assert editor.superseded_button.text() == "Mark it as true again"
    assert "Marked as no longer true on 18 November 2026" in editor.status_label.text()
    assert db.run(notes.get_note, coordinator, note_id).superseded_on == TODAY
    qtbot.mouseClick(editor.cancel_button, LEFT)  # nothing typed: no question
    assert stack.current is page
    assert page.visible_texts() == []
    assert "1 no longer true" in page.count_label.text()


def test_open_note_button_and_enter_open_the_chosen_note(qtbot, open_notes, peggy, add):
    """Open note needs a choice; Enter on the list opens the chosen note too."""
    first = add(peggy, kind="likes", text="Loves the garden.")
    page, stack = open_notes()
    assert not page.open_button.isEnabled()
    page.select_note(first)
    assert page.open_button.isEnabled()
    qtbot.mouseClick(page.open_button, LEFT)
    qtbot.waitUntil(lambda: isinstance(stack.current, NoteEditorPage))
    assert stack.current.note_id == first
    stack.back()
    assert stack.current is page
    page.table.setFocus()
    page.select_note(first)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(stack.current, NoteEditorPage))


def test_someone_elses_note_is_shown_but_cannot_be_changed(qtbot, open_notes, peggy, add, actors):
    """A volunteer opening a shared note written by the coordinator reads it as plain words."""
    add(
        peggy,
        kind="likes",
        text="Loves the garden.",
        visibility="committee_named",
        named_agreed_on=TODAY,
    )
    page, stack = open_notes("volunteer")
    page.select_note(page.proxy.index(0, 0).data(NOTE_ID_ROLE))
    qtbot.mouseClick(page.open_button, LEFT)
    qtbot.waitUntil(lambda: isinstance(stack.current, NoteEditorPage))
    editor = stack.current
    assert editor.form is None and not editor.editable
    qtbot.waitUntil(editor.back_button.isVisible)
    words = [
        label.text() for label in editor.read_only_view.findChildren(type(editor.problem_label))
    ]
    assert "Loves the garden." in words
    assert "Only the coordinator or the person who wrote this note can change it." in words
    qtbot.mouseClick(editor.back_button, LEFT)
    assert stack.current is page


@POPUP_WARNINGS
def test_a_volunteer_writing_a_private_note_is_told_it_will_not_show(
    qtbot, open_notes, peggy, db, coordinator
):
    """The saved message says a note kept for the coordinator will not show in their list."""
    page, stack = open_notes("volunteer")
    editor = add_from_list(qtbot, page, stack)
    pick_person(qtbot, editor.member, "peg", "Peggy (Margaret Holloway)")
    click(qtbot, editor, editor.kind.buttons["worry"])
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "Worried about the stairs at home.")
    qtbot.mouseClick(editor.save_button, LEFT)
    qtbot.waitUntil(lambda: stack.current is page)
    assert page.notice() == (
        "Saved the note about Peggy. It is not shared with the name, so it will not show "
        "in your notes."
    )
    assert page.visible_texts() == []
    [saved] = db.run(notes.list_notes, coordinator)
    assert saved.text == "Worried about the stairs at home."


def test_treasurer_is_told_notes_are_not_for_their_role(qtbot, open_notes):
    """The treasurer's role shows no notes, and no Add button."""
    page, _stack = open_notes("treasurer")
    assert page.add_button is None
    assert page.empty_label.text() == "Your role does not show one-to-one notes."


def test_notes_model_passes_the_model_tester(qtmodeltester, db, peggy, add, coordinator):
    """The table model behaves as Qt expects, with the note id in its own role."""
    add(peggy, kind="likes", text="Loves the garden.\nAnd the birds.")
    model = NotesTableModel()
    model.set_rows(db.run(notes.list_notes, coordinator))
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, NotesTableModel.SAID).data() == "Loves the garden."
    assert model.index(0, NotesTableModel.COMPACT).data().split("\n")[0] == (
        "Peggy, 18 November 2026"
    )


def test_a_narrow_list_wraps_then_shows_each_note_on_lines_of_its_own(
    qtbot, open_notes, peggy, add
):
    """Columns wrap their words when the window narrows, and never scroll sideways."""
    add(peggy, kind="need", text="Needs a quiet corner to rest after lunch.")
    page, stack = open_notes()
    table = page.table
    assert not table.compact_mode and not table.isColumnHidden(NotesTableModel.SAID)
    assert table.isColumnHidden(NotesTableModel.COMPACT)
    wide_lines = table.lines
    stack.resize(760, 720)
    qtbot.waitUntil(lambda: table.lines > wide_lines or table.compact_mode)
    stack.resize(520, 720)
    qtbot.waitUntil(lambda: table.compact_mode)
    assert table.isColumnHidden(NotesTableModel.SAID)
    assert not table.isColumnHidden(NotesTableModel.COMPACT)
    qtbot.waitUntil(lambda: not table.horizontalScrollBar().isVisible())
    assert page.proxy.index(0, NotesTableModel.COMPACT).data().split("\n") == [
        "Peggy, 18 November 2026",
        "A need or a change in needs: Needs a quiet corner to rest after lunch.",
        "Current. Who may see it: Only the coordinator.",
    ]


def test_wrapped_width_is_the_least_that_keeps_the_lines(themed_app):
    """The width found wraps the words onto the lines asked for, and one pixel less does not."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics

    from clubapp.ui.widgets.tables import wrapped_width

    fm = QFontMetrics(themed_app.font())
    text = "The committee and volunteers, with the name"
    assert wrapped_width(fm, text, 1) == fm.horizontalAdvance(text)
    flags = int(Qt.TextFlag.TextWordWrap)
    for lines in (2, 3):
        width = wrapped_width(fm, text, lines)
        assert fm.boundingRect(QRect(0, 0, width, 9999), flags, text).height() <= (
            lines * fm.lineSpacing()
        )
        assert fm.boundingRect(QRect(0, 0, width - 1, 9999), flags, text).height() > (
            lines * fm.lineSpacing()
        )


# ---------------------------------------------------------------- the rules of DESIGN §2


def sideways(window: MainWindow) -> list[str]:
    """Any scroll area or list on the page that scrolls sideways."""
    frame = window.shell.pages.currentWidget()
    found = []
    for area in [frame, *frame.findChildren(QAbstractScrollArea)]:
        if area.isVisible() and area.horizontalScrollBar().isVisible():
            kind = "list" if isinstance(area, QTableView) else type(area).__name__
            found.append(f"a {kind} scrolls sideways")
    return found


def screens(window: MainWindow):
    """The notes screens, each with a way to reach it."""
    ctx = window.ctx
    stack = window.shell.pages

    def notes_page():
        window.shell.go_to("Home")
        stack.push(NotesPage(ctx))
        return stack.current

    def editor(person_id=None, note_id=None):
        notes_page()
        page = NoteEditorPage(ctx, person_id, note_id)
        stack.push(page)
        return page

    def named():
        page = editor()
        page.visibility.buttons["committee_named"].click()
        page.kind.buttons["need"].click()
        return page

    def with_errors():
        page = named()
        page.save()
        return page

    first = ctx.read(notes.list_notes)[0]
    return [
        ("Notes", notes_page),
        ("Adding a note", editor),
        ("Adding a note with the name", named),
        ("A note with problems", with_errors),
        ("A note about someone", lambda: editor(first.person_id)),
        ("A saved note", lambda: editor(None, first.note_id)),
    ]


@pytest.mark.parametrize("scale", (1.0, 2.0))
@pytest.mark.parametrize("role", ["coordinator", "committee", "volunteer"])
def test_notes_screens_meet_the_rules(window, qtbot, scale, role):
    """Sizes, names, fonts, clipping, Tab order and no sideways scrolling, at 100 % and 200 %."""
    sign_in(window, qtbot, role)
    theme.apply_theme(QApplication.instance(), scale)
    problems: list[str] = []
    for name, go in screens(window):
        page = go()
        if isinstance(page, NoteEditorPage):
            page._leaving_ok = True  # each screen is left as it is, typing and all
        where = f"{role}: {name}"
        problems += check(window, scale, where)
        problems += [f"{where}: {p}" for p in sideways(window)]
        save = getattr(page, "save_button", None)
        if save is not None and not really_visible(save):
            problems.append(f"{where}: Save note is out of sight (the page grew too tall)")
    assert not problems, "\n".join(problems)
    # The audit itself can fail: a button squeezed below 44 px is reported.
    page = screens(window)[1][1]()
    assert isinstance(page, NoteEditorPage)
    page.save_button.setFixedHeight(30)
    assert any("Save note" in p for p in audit(window, scale))


def test_a_note_on_an_agenda_keeps_its_tick_for_the_committee(
    qtbot, open_notes, peggy, add, db, coordinator
):
    """Its tick cannot be taken off, and the words under it say why."""
    from clubapp.services import agenda, meetings
    from clubapp.services.meetings import MeetingInput

    note_id = add(
        peggy,
        summary="A quiz with bigger print.",
        visibility="committee_anonymous",
        flagged=True,
    )
    meeting = db.run(meetings.add_meeting, coordinator, MeetingInput("committee", TODAY))
    db.run(agenda.add_from_inbox, coordinator, meeting, [note_id])
    page, stack = open_notes()
    editor = NoteEditorPage(page.ctx, None, note_id)
    stack.push(editor)
    qtbot.waitUntil(lambda: editor.form is not None and editor.form.isVisible())
    assert editor.flag.check.isChecked() and not editor.flag.check.isEnabled()
    assert "already on a meeting's agenda" in editor.flag.note.text()


def test_record_consent_from_the_refusal_and_come_back_to_the_note(
    qtbot, open_notes, peggy, db, coordinator
):
    """ "Record Peggy's consent" opens her page on top; saving it comes back to the note,
    still typed, which then saves."""
    from clubapp.ui.pages.person import PersonPage

    page, stack = open_notes()
    editor = NoteEditorPage(page.ctx, peggy)
    stack.push(editor)
    qtbot.waitUntil(lambda: editor.form is not None and editor.form.isVisible())
    click(qtbot, editor, editor.kind.buttons["need"])
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "Needs large print now.")
    qtbot.mouseClick(editor.save_button, LEFT)
    click(qtbot, editor, editor.consent_button)
    qtbot.waitUntil(lambda: isinstance(stack.current, PersonPage))
    person = stack.current
    qtbot.mouseClick(person.consents.add_button, LEFT)
    entry = person.consents.entries()[-1]
    entry.what.setCurrentIndex(entry.what.findData("health_notes"))
    entry.given_by.setCurrentIndex(entry.given_by.findData("self"))
    entry.given_on.set_value(TODAY)
    qtbot.mouseClick(person.save_button, LEFT)
    qtbot.waitUntil(lambda: stack.current is editor)

    assert editor.text.text() == "Needs large print now."
    assert editor.errors_summary.text() == (
        "Saved Margaret Holloway. Press “Save note” to save this note now."
    )
    assert not editor.consent_button.isVisible()
    qtbot.mouseClick(editor.save_button, LEFT)
    qtbot.waitUntil(lambda: stack.current is page)
    [saved] = db.run(notes.list_notes, coordinator)
    assert (saved.kind, saved.health_related) == ("need", True)

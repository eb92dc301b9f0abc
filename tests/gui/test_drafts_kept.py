"""Drafts survive a crash (issue 8; DESIGN 2.7): a half-typed note or person is kept while
typing, offered back after signing in to a new window, and gone once saved or thrown away.
Driven through the real widgets; a crash is a new MainWindow on the same database while
the old one is abandoned (or closed)."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from clubapp.db.errors import KnownError
from clubapp.services import drafts, members, notes, users
from clubapp.services import drafts as drafts_service
from clubapp.ui import drafts as keeper_module
from clubapp.ui import theme
from clubapp.ui.context import AppContext
from clubapp.ui.dialogs import drafts_offer
from clubapp.ui.dialogs.drafts_offer import NOTE_GONE, DraftsOfferDialog
from clubapp.ui.main_window import MainWindow
from clubapp.ui.page_stack import PageStack
from clubapp.ui.pages import form_page as form_page_module
from clubapp.ui.pages import note_editor as editor_module
from clubapp.ui.pages import person as person_module
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.note_editor import NoteEditorPage
from clubapp.ui.pages.person import PersonPage
from tests.conftest import TODAY
from tests.gui.test_accessibility import check, sign_in

LEFT = Qt.MouseButton.LeftButton
#: Typed into the note: emoji (outside the BMP), a new line, an accented letter.
NOTE_LINES = ("Peggy would like more 🎵 music on Fridays.", "And the café 🙂 open earlier.")
NOTE_TEXT = "\n".join(NOTE_LINES)


@pytest.fixture(autouse=True)
def quick_drafts(monkeypatch):
    """Keep drafts a moment after the last key rather than two seconds (same code path)."""
    monkeypatch.setattr(keeper_module, "KEEP_AFTER_MS", 100)


@pytest.fixture(autouse=True)
def leaving_asks_nothing(monkeypatch):
    """Windows close after each test with forms still typed: "Leave without saving?" must
    not wait for an answer (tests that look at the question patch it again)."""
    monkeypatch.setattr(editor_module, "ask_to_confirm", lambda *_a, **_k: True)
    monkeypatch.setattr(person_module, "ask_to_confirm", lambda *_a, **_k: True)


def type_text(qtbot, widget, text: str) -> None:
    """Type like a person; QTest cannot type letters such as ë or 🎵, so send those as keys."""
    for ch in text:
        if ch == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                )


def a_member(window: MainWindow):
    """The first active member of the demo club."""
    people = window.ctx.read(members.list_people)
    return next(p for p in people if "member" in p.kinds and p.status in ("", "active"))


def open_note_editor(qtbot, window: MainWindow, person_id: int) -> NoteEditorPage:
    window.shell.go_to("Notes")
    page = NoteEditorPage(window.ctx, person_id)
    window.ctx.navigator.push(page)
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible())
    return page


def type_note(qtbot, editor: NoteEditorPage) -> None:
    assert editor.form is not None
    editor.form.ensureWidgetVisible(editor.kind.buttons["idea"])
    qtbot.mouseClick(editor.kind.buttons["idea"], LEFT)
    editor.text.setFocus()
    type_text(qtbot, editor.text, NOTE_TEXT)


def kept(window: MainWindow, key: str):
    return window.ctx.read(drafts.draft_for, key)


def new_window(qtbot, db) -> MainWindow:
    """The app started again on the same club, as after a crash."""
    win = MainWindow(db, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    return win


def the_offer(qtbot, window: MainWindow) -> DraftsOfferDialog:
    offer = window.drafts_offer
    assert offer is not None
    qtbot.waitUntil(offer.isVisible)
    return offer


# ---------------------------------------------------------------- keeping while typing


def test_a_typed_note_is_kept_a_moment_after_the_last_key(window, qtbot, monkeypatch):
    """Nothing is written while the keys come; the draft appears once typing pauses."""
    monkeypatch.setattr(keeper_module, "KEEP_AFTER_MS", 1500)  # longer than any gap here
    sign_in(window, qtbot, "coordinator")
    member = a_member(window)
    editor = open_note_editor(qtbot, window, member.person_id)
    key = f"note:new:person={member.person_id}"
    type_note(qtbot, editor)
    assert kept(window, key) is None  # the timer waits for a pause in the typing
    assert editor.drafts.timer.isActive()

    qtbot.waitUntil(lambda: kept(window, key) is not None)
    draft = kept(window, key)
    assert draft.data["text"] == NOTE_TEXT
    assert draft.data["kind"] == "idea"
    assert draft.person_id == member.person_id
    assert draft.title == f"A note about {editor_module.person_words(member)}"


def test_nothing_is_kept_until_something_changes(window, qtbot):
    """Opening a form and going away keeps nothing; typing back to how it was removes it."""
    sign_in(window, qtbot, "coordinator")
    member = a_member(window)
    page = PersonPage(window.ctx, member.person_id)
    window.shell.go_to("Members")
    window.ctx.navigator.push(page)
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible())
    key = f"person:edit:{member.person_id}"
    qtbot.mouseClick(window.shell.lock_button, LEFT)  # the page hides: nothing to keep
    assert window.ctx.read(drafts.my_drafts) == []
    window.unlock()

    page.phone.setFocus()
    qtbot.keyClicks(page.phone, "9")
    qtbot.waitUntil(lambda: kept(window, key) is not None)
    assert kept(window, key).title == f"Changes to {member.full_name}'s details"
    qtbot.keyClick(page.phone, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: kept(window, key) is None)


def test_locking_keeps_the_draft_at_once(window, qtbot, monkeypatch):
    """Auto-lock (or Lock) keeps what is typed straight away, without waiting."""
    monkeypatch.setattr(keeper_module, "KEEP_AFTER_MS", 600_000)  # the timer never fires here
    sign_in(window, qtbot, "coordinator")
    member = a_member(window)
    editor = open_note_editor(qtbot, window, member.person_id)
    type_note(qtbot, editor)
    window.idle.idle.emit()  # what the idle watcher does once the minutes are up
    assert window.locked
    draft = kept(window, f"note:new:person={member.person_id}")
    assert draft is not None and draft.data["text"] == NOTE_TEXT


def test_a_draft_that_cannot_be_kept_never_interrupts_typing(window, qtbot, monkeypatch, caplog):
    """A full disk while keeping a draft: no message, the typing goes on, a warning is logged."""

    def disk_full(*_args, **_kwargs):
        raise KnownError("The disk is full. Delete some files, then save again.")

    monkeypatch.setattr(drafts_service, "save_draft", disk_full)
    sign_in(window, qtbot, "coordinator")
    editor = open_note_editor(qtbot, window, a_member(window).person_id)
    with caplog.at_level(logging.WARNING, logger="clubapp.drafts"):
        type_note(qtbot, editor)
        qtbot.waitUntil(lambda: not editor.drafts.timer.isActive())
        type_text(qtbot, editor.text, " More.")
        qtbot.waitUntil(lambda: not editor.drafts.timer.isActive())
    assert QApplication.activeModalWidget() is None
    assert editor.text.text() == NOTE_TEXT + " More."
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1  # said once, not at every pause
    assert "disk is full" in warnings[0].getMessage()
    assert "Peggy" not in warnings[0].getMessage() and "music" not in caplog.text


def test_saving_the_note_removes_its_draft(window, qtbot):
    """Saved: the note is there and the draft is not. Refused: the draft stays."""
    sign_in(window, qtbot, "coordinator")
    member = a_member(window)
    editor = open_note_editor(qtbot, window, member.person_id)
    key = f"note:new:person={member.person_id}"
    editor.text.setFocus()
    type_text(qtbot, editor.text, NOTE_TEXT)  # no kind chosen: saving is refused
    qtbot.waitUntil(lambda: kept(window, key) is not None)
    qtbot.mouseClick(editor.save_button, LEFT)
    assert editor.form.field("kind").has_error()
    assert kept(window, key) is not None

    editor.form.ensureWidgetVisible(editor.kind.buttons["idea"])
    qtbot.mouseClick(editor.kind.buttons["idea"], LEFT)
    qtbot.mouseClick(editor.save_button, LEFT)
    qtbot.waitUntil(lambda: window.shell.pages.current is not editor)
    assert kept(window, key) is None
    texts = [n.text for n in window.ctx.read(notes.list_notes, person_id=member.person_id)]
    assert NOTE_TEXT in texts


def test_leaving_without_saving_throws_the_draft_away(window, qtbot, monkeypatch):
    """ "Go back", then "Leave without saving": the person chose to lose it."""
    monkeypatch.setattr(editor_module, "ask_to_confirm", lambda *_a, **_k: True)
    sign_in(window, qtbot, "coordinator")
    member = a_member(window)
    editor = open_note_editor(qtbot, window, member.person_id)
    key = f"note:new:person={member.person_id}"
    type_note(qtbot, editor)
    qtbot.waitUntil(lambda: kept(window, key) is not None)
    qtbot.mouseClick(editor.cancel_button, LEFT)
    qtbot.waitUntil(lambda: window.shell.pages.current is not editor)
    assert kept(window, key) is None


def test_staying_keeps_the_draft(window, qtbot, monkeypatch):
    """ "Stay and keep my typing": the draft stays too."""
    monkeypatch.setattr(editor_module, "ask_to_confirm", lambda *_a, **_k: False)
    sign_in(window, qtbot, "coordinator")
    member = a_member(window)
    editor = open_note_editor(qtbot, window, member.person_id)
    type_note(qtbot, editor)
    key = f"note:new:person={member.person_id}"
    qtbot.waitUntil(lambda: kept(window, key) is not None)
    qtbot.mouseClick(editor.cancel_button, LEFT)
    assert window.shell.pages.current is editor
    assert kept(window, key) is not None


def test_closing_the_window_and_leaving_without_saving_throws_the_draft_away(
    window, qtbot, monkeypatch
):
    """Closing asks first; "Leave without saving" is a choice to lose the typing."""
    asked = []

    def leave(_parent, _title, question, *_args, **_kwargs):
        asked.append(question)
        return True

    monkeypatch.setattr(editor_module, "ask_to_confirm", leave)
    sign_in(window, qtbot, "coordinator")
    member = a_member(window)
    editor = open_note_editor(qtbot, window, member.person_id)
    key = f"note:new:person={member.person_id}"
    type_note(qtbot, editor)
    qtbot.waitUntil(lambda: kept(window, key) is not None)
    window.close()
    assert asked == [editor_module.UNSAVED_QUESTION]
    assert kept(window, key) is None


# ---------------------------------------------------------------- after a crash


def carry_on_with_note(qtbot, db, member) -> tuple[MainWindow, NoteEditorPage]:
    """A new window: sign in, see the offer, carry on with the note."""
    second = new_window(qtbot, db)
    sign_in(second, qtbot, "coordinator")
    offer = the_offer(qtbot, second)
    assert len(offer.entries) == 1
    (entry,) = offer.entries
    assert entry.label.text().startswith(f"A note about {editor_module.person_words(member)} — ")
    qtbot.mouseClick(entry.carry_on_button, LEFT)
    qtbot.waitUntil(lambda: not offer.isVisible())
    editor = second.shell.pages.current
    assert isinstance(editor, NoteEditorPage)
    qtbot.waitUntil(lambda: editor.form is not None and editor.form.isVisible())
    return second, editor


@pytest.mark.parametrize("old_window_closes", [False, True], ids=["abandoned", "closed"])
def test_a_half_typed_note_comes_back_after_a_crash(
    window, qtbot, db, old_window_closes, monkeypatch
):
    """Typed, kept, the app gone (abandoned, or closed with its handlers running); the new
    window offers it, fills the editor exactly, and saving makes the note and ends the draft."""
    if old_window_closes:  # the timer never fires: only closing can keep the draft
        monkeypatch.setattr(keeper_module, "KEEP_AFTER_MS", 600_000)
    sign_in(window, qtbot, "coordinator")
    member = a_member(window)
    editor = open_note_editor(qtbot, window, member.person_id)
    key = f"note:new:person={member.person_id}"
    before = len(window.ctx.read(notes.list_notes, person_id=member.person_id))
    type_note(qtbot, editor)
    if old_window_closes:
        # The window closes (the page asks nothing): closing keeps the draft itself.
        monkeypatch.setattr(NoteEditorPage, "can_leave", lambda self: True)
        assert kept(window, key) is None
        window.close()
        assert kept(window, key) is not None
    else:
        qtbot.waitUntil(lambda: kept(window, key) is not None)
        window.drafts_offer = None  # the old window is simply never heard from again

    second, restored = carry_on_with_note(qtbot, db, member)
    assert restored.text.text() == NOTE_TEXT
    assert restored.kind.value() == "idea"
    assert restored.drafts.kept_label is not None
    assert restored.drafts.kept_label.isVisible()
    assert restored.drafts.kept_label.text() == keeper_module.KEPT_WORDS
    assert restored.has_unsaved_changes()

    qtbot.mouseClick(restored.save_button, LEFT)
    qtbot.waitUntil(lambda: second.shell.pages.current is not restored)
    saved = second.ctx.read(notes.list_notes, person_id=member.person_id)
    assert len(saved) == before + 1
    assert NOTE_TEXT in [n.text for n in saved]
    assert second.ctx.read(drafts.my_drafts) == []


def test_a_half_typed_new_person_comes_back_after_a_crash(window, qtbot, db, monkeypatch):
    """A new person with a name, a kind, a phone and an emergency contact added on the way."""
    monkeypatch.setattr(PersonPage, "can_leave", lambda self: True)
    sign_in(window, qtbot, "coordinator")
    window.shell.add_person()
    page = window.shell.pages.current
    assert isinstance(page, PersonPage)
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible())
    page.full_name.setFocus()
    type_text(qtbot, page.full_name, "Zoë Baker")
    qtbot.mouseClick(page.kind_boxes["member"], LEFT)
    type_text(qtbot, page.phone, "07700 900123")
    page.form.ensureWidgetVisible(page.emergency.add_button)
    qtbot.mouseClick(page.emergency.add_button, LEFT)  # a part of the form added as typed
    (contact,) = page.emergency.entries()
    type_text(qtbot, contact.name, "Ian Baker")
    type_text(qtbot, contact.phone, "07700 900456")
    qtbot.waitUntil(
        lambda: (
            (d := kept(window, "person:new")) is not None
            and d.data["emergency_contacts"][0]["phone"] == "07700 900456"
        )
    )
    typed = page.collect()

    second = new_window(qtbot, db)  # the old window is abandoned, still typed
    sign_in(second, qtbot, "coordinator")
    offer = the_offer(qtbot, second)
    (entry,) = offer.entries
    assert entry.label.text().startswith("A new person: Zoë Baker — ")
    qtbot.mouseClick(entry.carry_on_button, LEFT)
    restored = second.shell.pages.current
    assert isinstance(restored, PersonPage) and restored.person_id is None
    qtbot.waitUntil(lambda: restored.form is not None and restored.form.isVisible())
    assert restored.collect() == typed
    assert restored.drafts.kept_label is not None and restored.drafts.kept_label.isVisible()

    restored.form.ensureWidgetVisible(restored.save_button)
    qtbot.mouseClick(restored.save_button, LEFT)
    qtbot.waitUntil(lambda: second.shell.pages.current is not restored)
    assert restored.person_id is not None
    saved = second.ctx.read(members.get_person, restored.person_id)
    assert (saved.full_name, saved.phone) == ("Zoë Baker", "07700 900123")
    assert [c.name for c in saved.emergency_contacts] == ["Ian Baker"]
    assert second.ctx.read(drafts.my_drafts) == []


def test_changes_to_a_person_come_back_over_the_record(window, qtbot, db, monkeypatch):
    """Editing Bob: the draft fills the form over his record; leaving asks, as for typing."""
    monkeypatch.setattr(PersonPage, "can_leave", lambda self: True)
    sign_in(window, qtbot, "coordinator")
    member = a_member(window)
    page = PersonPage(window.ctx, member.person_id)
    window.shell.go_to("Members")
    window.ctx.navigator.push(page)
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible())
    page.diet.setFocus()
    type_text(qtbot, page.diet, "\nNo nuts 🥜, please.")
    qtbot.waitUntil(lambda: kept(window, f"person:edit:{member.person_id}") is not None)
    typed = page.collect()

    second = new_window(qtbot, db)
    sign_in(second, qtbot, "coordinator")
    offer = the_offer(qtbot, second)
    qtbot.mouseClick(offer.entries[0].carry_on_button, LEFT)
    restored = second.shell.pages.current
    assert isinstance(restored, PersonPage) and restored.person_id == member.person_id
    assert restored.collect() == typed
    assert restored.has_unsaved_changes()


def test_a_draft_for_a_note_no_longer_kept_opens_as_a_new_note(window, qtbot, db):
    """Changes to a note that has since gone: they open as a new note about the member,
    saying so; saving makes the note and ends the old draft."""
    sign_in(window, qtbot, "coordinator")
    member = a_member(window)
    ctx = window.ctx
    data = {"person_id": member.person_id, "kind": "worry", "text": "Worried about the bus."}
    ctx.run(drafts.save_draft, "note:edit:99999", "Changes to a note", data, member.person_id)

    second = new_window(qtbot, db)
    sign_in(second, qtbot, "coordinator")
    offer = the_offer(qtbot, second)
    qtbot.mouseClick(offer.entries[0].carry_on_button, LEFT)
    editor = second.shell.pages.current
    assert isinstance(editor, NoteEditorPage)
    assert editor.note_id is None and editor.person_id == member.person_id
    assert editor.text.text() == "Worried about the bus."
    assert NOTE_GONE in editor.drafts.kept_label.text()
    qtbot.mouseClick(editor.save_button, LEFT)
    qtbot.waitUntil(lambda: second.shell.pages.current is not editor)
    assert "Worried about the bus." in [
        n.text for n in second.ctx.read(notes.list_notes, person_id=member.person_id)
    ]
    assert second.ctx.read(drafts.my_drafts) == []


def test_a_draft_for_a_record_no_longer_kept_says_so_and_can_be_thrown_away(
    window, qtbot, monkeypatch
):
    """Nothing to open: the row says why in plain words; "Throw it away" asks, then ends it."""
    asked = []

    def confirm(_parent, _title, question, *_args, **_kwargs):
        asked.append(question)
        return True

    monkeypatch.setattr(drafts_offer, "ask_to_confirm", confirm)
    sign_in(window, qtbot, "coordinator")
    ctx = window.ctx
    ctx.run(drafts.save_draft, "person:edit:99999", "Changes to Al Jones's details", {})
    window.sign_out()
    sign_in(window, qtbot, "coordinator")
    offer = the_offer(qtbot, window)
    (entry,) = offer.entries
    qtbot.mouseClick(entry.carry_on_button, LEFT)
    assert offer.isVisible()
    assert entry.problem.isVisible()
    assert "no longer kept" in entry.problem.text()
    assert not entry.carry_on_button.isVisible()
    assert isinstance(window.shell.pages.current, type(window.shell.rooms["Home"]))

    qtbot.mouseClick(entry.throw_away_button, LEFT)
    assert asked and "Changes to Al Jones's details" in asked[0]
    qtbot.waitUntil(lambda: not offer.isVisible())
    assert window.ctx.read(drafts.my_drafts) == []


def test_deciding_later_keeps_every_draft(window, qtbot, monkeypatch):
    """ "Decide later" closes the offer and changes nothing; "Go back" on the question too."""
    monkeypatch.setattr(drafts_offer, "ask_to_confirm", lambda *_a, **_k: False)
    sign_in(window, qtbot, "coordinator")
    ctx = window.ctx
    ctx.run(drafts.save_draft, "note:new", "A note (no member chosen yet)", {"text": "a"})
    ctx.run(drafts.save_draft, "person:new", "A new person: Zoe Baker", {"full_name": "Zoe"})
    window.sign_out()
    sign_in(window, qtbot, "coordinator")
    offer = the_offer(qtbot, window)
    assert [e.draft.title for e in offer.entries] == [
        "A new person: Zoe Baker",
        "A note (no member chosen yet)",
    ]
    qtbot.mouseClick(offer.entries[0].throw_away_button, LEFT)  # then "Go back"
    assert len(offer.entries) == 2
    qtbot.mouseClick(offer.later_button, LEFT)
    qtbot.waitUntil(lambda: not offer.isVisible())
    assert len(window.ctx.read(drafts.my_drafts)) == 2


def test_two_drafts_about_one_person_show_the_start_of_what_was_typed(window, qtbot):
    """Two notes about the same member look the same by their titles: under each is the
    start of what was typed, on one line, cut with "…" when long; carrying on with one
    opens that one."""
    sign_in(window, qtbot, "coordinator")
    member = a_member(window)
    title = f"A note about {editor_module.person_words(member)}"
    long_text = "Would like the minibus to come earlier on Thursdays,\nas the wait is cold. " * 3
    for key, text in (
        (f"note:new:person={member.person_id}", long_text),
        ("note:new", "Enjoys the quiz."),
    ):
        data = {"person_id": member.person_id, "kind": "idea", "text": text}
        window.ctx.run(drafts.save_draft, key, title, data, member.person_id)
    window.sign_out()
    sign_in(window, qtbot, "coordinator")
    offer = the_offer(qtbot, window)
    long_entry = offer.entry_for(f"note:new:person={member.person_id}")
    short_entry = offer.entry_for("note:new")
    assert long_entry.label.text().startswith(title)
    assert short_entry.label.text().startswith(title)

    assert short_entry.excerpt.isVisible() and long_entry.excerpt.isVisible()
    assert short_entry.excerpt.text() == "Enjoys the quiz."
    words = long_entry.excerpt.text()
    assert words.endswith("…") and "\n" not in words
    assert len(words) <= drafts_offer.EXCERPT_MAX
    assert words[:-1] in " ".join(long_text.split())
    assert long_entry.excerpt.y() > long_entry.label.y()  # under the title

    qtbot.mouseClick(short_entry.carry_on_button, LEFT)
    qtbot.waitUntil(lambda: not offer.isVisible())
    editor = window.shell.pages.current
    assert isinstance(editor, NoteEditorPage)
    assert editor.text.text() == "Enjoys the quiz."


def test_each_person_is_offered_only_their_own_drafts(window, qtbot):
    """The volunteer's half-typed note is not offered to the coordinator, and the other way."""
    sign_in(window, qtbot, "volunteer")
    window.ctx.run(drafts.save_draft, "note:new", "A note (no member chosen yet)", {})
    window.sign_out()
    sign_in(window, qtbot, "coordinator")
    assert window.drafts_offer is None
    window.sign_out()
    sign_in(window, qtbot, "volunteer")
    assert len(the_offer(qtbot, window).entries) == 1


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_offer_meets_the_interface_rules(window, qtbot, scale):
    """Big buttons named by their words, large text, fits a 1280×720 screen at 200 %."""
    sign_in(window, qtbot, "coordinator")
    for i in range(4):
        title = f"Changes to a note about Person {i}"
        window.ctx.run(drafts.save_draft, f"note:edit:{i}", title, {})
    window.ctx.run(users.set_text_scale, int(scale * 100))  # as chosen with Larger text
    window.sign_out()
    sign_in(window, qtbot, "coordinator")
    assert theme.current_scale() == scale
    offer = the_offer(qtbot, window)
    problems = check(offer, scale, "The drafts offer")
    assert not problems, "\n".join(problems)


# Typing a name opens the list of matches, which the offscreen platform cannot raise.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_a_note_about_a_member_chosen_on_the_page_comes_back(window, qtbot, db):
    """ "Add a note" from the Notes room: the member chosen in the box comes back too."""
    sign_in(window, qtbot, "coordinator")
    member = a_member(window)
    window.shell.go_to("Notes")
    qtbot.mouseClick(window.shell.rooms["Notes"].add_button, LEFT)
    editor = window.shell.pages.current
    assert isinstance(editor, NoteEditorPage) and editor.member is not None
    qtbot.waitUntil(lambda: editor.form is not None and editor.form.isVisible())
    editor.member.lineEdit().setFocus()
    type_text(qtbot, editor.member.lineEdit(), editor_module.person_words(member))
    type_note(qtbot, editor)
    qtbot.waitUntil(lambda: kept(window, "note:new") is not None)
    draft = kept(window, "note:new")
    assert draft.person_id == member.person_id
    assert draft.title == f"A note about {editor_module.person_words(member)}"

    second, restored = carry_on_with_note(qtbot, db, member)
    assert restored.member is not None
    assert restored.member.value() == member.person_id
    assert restored.text.text() == NOTE_TEXT


def test_coming_back_to_the_same_form_fills_in_what_was_kept(window, qtbot, monkeypatch):
    """After "Decide later", opening the same form again shows what an earlier run kept,
    rather than typing over it unseen. A draft kept in this run does not (it was left
    on purpose)."""
    sign_in(window, qtbot, "coordinator")
    member = a_member(window)
    key = f"note:new:person={member.person_id}"
    window.ctx.run(drafts.save_draft, key, "A note", {"text": "Kept from before."})
    editor = open_note_editor(qtbot, window, member.person_id)
    assert editor.text.text() == ""
    assert editor.drafts.kept_label is None
    window.shell.go_to("Home")

    kept_at = kept(window, key).saved_at
    monkeypatch.setattr(keeper_module, "STARTED_AT", kept_at + timedelta(seconds=1))
    editor = open_note_editor(qtbot, window, member.person_id)
    assert editor.text.text() == "Kept from before."
    assert editor.drafts.kept_label is not None and editor.drafts.kept_label.isVisible()
    type_text(qtbot, editor.text, " And more.")
    qtbot.waitUntil(lambda: kept(window, key).data["text"] == "Kept from before. And more.")
    assert len(window.ctx.read(drafts.my_drafts)) == 1


# ---------------------------------------------------------------- any FormPage


class MottoForm(FormPage):
    """A one-field form with drafts, as any FormPage may have them."""

    title = "The club's motto"

    def __init__(self, ctx) -> None:
        super().__init__(ctx, save_text="Save the motto")
        self.motto = QLineEdit()
        self.form.add_field("motto", "Motto", self.motto)
        self.saved: list[str] = []
        self.mark_unchanged()

    def values(self) -> str:
        return self.motto.text()

    def submit(self) -> None:
        self.saved.append(self.motto.text())

    def draft_key(self) -> str:
        return "motto:edit"

    def draft_title(self) -> str:
        return "Changes to the club's motto"

    def draft_values(self) -> dict:
        return {"motto": self.motto.text()}

    def restore_draft(self, data: dict) -> None:
        self.motto.setText(data.get("motto", ""))


@pytest.fixture
def form_stack(qtbot, themed_app, db, coordinator):
    """A page stack with a plain room in it, as the main window has."""
    ctx = AppContext(db, coordinator, today=lambda: TODAY)
    stack = PageStack(ctx)
    qtbot.addWidget(stack)
    stack.resize(1280, 720)
    room = Page(ctx)
    stack.register_room(room)
    stack.open_room(room)
    stack.show()
    qtbot.waitExposed(stack)
    return ctx, stack


def test_any_form_page_keeps_a_draft_and_saving_ends_it(form_stack, qtbot):
    """The hooks of FormPage: kept after typing; saved, and the draft is gone."""
    ctx, stack = form_stack
    form = MottoForm(ctx)
    stack.push(form)
    form.motto.setFocus()
    type_text(qtbot, form.motto, "Nothing about us without us ✊")
    qtbot.waitUntil(lambda: ctx.read(drafts.draft_for, "motto:edit") is not None)
    assert ctx.read(drafts.draft_for, "motto:edit").title == "Changes to the club's motto"
    qtbot.mouseClick(form.save_button, LEFT)
    assert form.saved == ["Nothing about us without us ✊"]
    assert ctx.read(drafts.draft_for, "motto:edit") is None


def test_any_form_page_carries_on_and_leaving_without_saving_ends_it(
    form_stack, qtbot, monkeypatch
):
    """Filled from a draft an earlier run kept, it says so; "Leave without saving" throws
    the draft away."""
    monkeypatch.setattr(form_page_module, "ask_to_confirm", lambda *_a, **_k: True)
    ctx, stack = form_stack
    ctx.run(drafts.save_draft, "motto:edit", "Changes to the club's motto", {"motto": "Kept"})
    kept_at = ctx.read(drafts.draft_for, "motto:edit").saved_at
    monkeypatch.setattr(keeper_module, "STARTED_AT", kept_at + timedelta(seconds=1))
    form = MottoForm(ctx)
    assert form.motto.text() == "Kept"  # it looked for its draft as it was filled
    assert form.drafts.kept_label is not None
    stack.push(form)
    assert form.drafts.kept_label.isVisible()
    assert form.has_unsaved_changes()
    qtbot.mouseClick(form.cancel_button, LEFT)
    assert stack.current is not form
    assert ctx.read(drafts.draft_for, "motto:edit") is None

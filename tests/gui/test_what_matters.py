"""“What matters to me” on a person's page: what each role sees, adding a note, About me."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from clubapp.services import members, notes
from clubapp.services.members import ConsentData
from clubapp.services.notes import NoteInput
from clubapp.ui import theme
from clubapp.ui.context import AppContext
from clubapp.ui.main_window import MainWindow
from clubapp.ui.page_stack import PageStack
from clubapp.ui.pages import person as person_module
from clubapp.ui.pages.members import MembersPage
from clubapp.ui.pages.note_editor import NoteEditorPage
from clubapp.ui.pages.person import PersonPage, about_me_file_name
from tests.conftest import TODAY
from tests.gui.conftest import _copy_demo
from tests.gui.test_accessibility import check, sign_in

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def peggy(person_factory) -> int:
    return person_factory(
        "Margaret Holloway",
        known_as="Peggy",
        communication_tips="Give her time to answer.",
        consents=(ConsentData("health_notes", "self", date(2026, 1, 5)),),
    )


@pytest.fixture
def add(db, coordinator):
    def make(person_id: int, **kwargs) -> int:
        kwargs.setdefault("on_date", TODAY)
        kwargs.setdefault("visibility", "committee_named")
        if kwargs["visibility"] == "committee_named":
            kwargs.setdefault("named_agreed_on", TODAY)
        return db.run(notes.add_note, coordinator, NoteInput(person_id, **kwargs), TODAY)

    return make


@pytest.fixture
def open_person(qtbot, themed_app, db, actors):
    """The members list for a role, then a person's page on top of it."""

    def open_for(person_id: int, role: str = "coordinator") -> tuple[PersonPage, PageStack]:
        ctx = AppContext(db, actors[role], today=lambda: TODAY)
        stack = PageStack(ctx)
        qtbot.addWidget(stack)
        stack.resize(1280, 720)
        members_page = MembersPage(ctx)
        stack.register_room(members_page)
        stack.open_room(members_page)
        stack.show()
        qtbot.waitExposed(stack)
        page = PersonPage(ctx, person_id)
        stack.push(page)
        qtbot.waitUntil(lambda: page.what_matters is not None and page.what_matters.isVisible())
        return page, stack

    return open_for


def panel_text(page: PersonPage) -> str:
    assert page.what_matters is not None
    return "\n".join(label.text() for label in page.what_matters.findChildren(QLabel))


def test_a_volunteer_sees_a_like_but_not_one_that_is_no_longer_true(
    open_person, peggy, add, db, coordinator
):
    """Current likes, dislikes and needs show under their headings; a superseded like does not."""
    add(peggy, kind="likes", text="Loves the garden.")
    old = add(peggy, kind="likes", text="Likes dominoes.")
    add(peggy, kind="dislikes", text="Doesn't like being rushed.")
    add(peggy, kind="need", text="Needs large print.", health_related=True)
    add(peggy, kind="likes", text="Loves the radio.", visibility="private")
    db.run(notes.set_superseded, coordinator, old, True, TODAY)

    page, _stack = open_person(peggy, "volunteer")
    panel = page.what_matters
    assert panel is not None and page.form is None  # the read-only view
    assert panel.lines() == [
        "Loves the garden.",
        "Doesn't like being rushed.",
        "Needs large print.",
        "Give her time to answer.",
    ]
    text = panel_text(page)
    for heading in ("What matters to me", "I like", "I don't like", "What helps me"):
        assert heading in text
    assert "dominoes" not in text and "radio" not in text and "(private)" not in text
    # The record's own sections are as before.
    assert set(page.section_keys()) == {"name", "emergency", "needs", "communication"}
    assert panel.add_button is not None and panel.add_button.text() == "Add a note about Peggy"
    assert panel.print_button is None


def test_the_coordinator_sees_private_lines_marked(open_person, peggy, add):
    """Lines only the coordinator may see end in "(private)", on the coordinator's form too."""
    add(peggy, kind="likes", text="Loves the garden.")
    add(peggy, kind="likes", text="Loves the radio.", visibility="private")
    page, _stack = open_person(peggy)
    assert page.form is not None  # the coordinator edits the record
    assert set(page.what_matters.lines()) == {
        "Loves the garden.",
        "Loves the radio. (private)",
        "Give her time to answer.",
    }
    assert page.what_matters.print_button is not None
    assert not page.has_unsaved_changes()


def test_lines_about_me_leaves_out_are_marked_and_explained(open_person, peggy, add):
    """A line shared without the name is marked, and the panel says About me prints only
    the lines shared with the name."""
    from clubapp.ui.widgets.what_matters import NOT_PRINTED

    add(peggy, kind="likes", text="Loves the garden.")
    add(
        peggy,
        kind="likes",
        text="Loves the quiz.",
        visibility="committee_anonymous",
        summary="Likes the quiz.",
    )
    page, _stack = open_person(peggy)
    lines = page.what_matters.lines()
    assert "Loves the quiz. (without the name)" in lines
    assert "Loves the garden." in lines
    texts = [label.text() for label in page.what_matters.body.findChildren(QLabel)]
    assert NOT_PRINTED in texts


def test_nothing_to_explain_when_every_line_prints(open_person, peggy, add):
    from clubapp.ui.widgets.what_matters import NOT_PRINTED

    add(peggy, kind="likes", text="Loves the garden.")
    page, _stack = open_person(peggy)
    texts = [label.text() for label in page.what_matters.body.findChildren(QLabel)]
    assert NOT_PRINTED not in texts


def test_nothing_written_yet_is_said_in_words(open_person, person_factory):
    """Someone with no notes and no tips gets a plain line, not an empty heading."""
    nobody = person_factory("Ann Able")
    page, _stack = open_person(nobody, "committee")
    assert page.what_matters.lines() == []
    assert "Nothing is written down yet." in panel_text(page)


def test_the_treasurer_sees_no_what_matters(qtbot, themed_app, db, actors, peggy, add):
    """The treasurer's role may see neither notes nor needs, so the section is not there."""
    add(peggy, kind="likes", text="Loves the garden.")
    ctx = AppContext(db, actors["treasurer"], today=lambda: TODAY)
    stack = PageStack(ctx)
    qtbot.addWidget(stack)
    page = PersonPage(ctx, peggy)
    stack.push(page)
    stack.show()
    qtbot.waitExposed(stack)
    assert page.what_matters is None
    assert "garden" not in "\n".join(label.text() for label in page.findChildren(QLabel))


def test_add_a_note_from_the_person_page_and_see_it_there(
    qtbot, open_person, peggy, add, db, coordinator
):
    """ "Add a note about Peggy" opens the editor for her; after saving the like shows at once."""
    page, stack = open_person(peggy, "volunteer")
    panel = page.what_matters
    qtbot.mouseClick(panel.add_button, LEFT)
    qtbot.waitUntil(lambda: isinstance(stack.current, NoteEditorPage))
    editor = stack.current
    qtbot.waitUntil(lambda: editor.form is not None and editor.form.isVisible())
    assert editor.person_id == peggy and editor.member is None
    assert editor.heading() == "A note about Peggy"
    editor.form.ensureWidgetVisible(editor.kind.buttons["likes"])
    qtbot.mouseClick(editor.kind.buttons["likes"], LEFT)
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "Loves the singing on Fridays.")
    named = editor.visibility.buttons["committee_named"]
    editor.form.ensureWidgetVisible(named)
    qtbot.mouseClick(named, LEFT)
    qtbot.mouseClick(editor.save_button, LEFT)

    qtbot.waitUntil(lambda: stack.current is page)
    panel = page.what_matters  # the read-only view is built again with the news
    qtbot.waitUntil(lambda: panel.isVisible())
    assert "Loves the singing on Fridays." in panel.lines()
    assert panel.notice() == "Saved the note about Peggy."
    [saved] = db.run(notes.list_notes, coordinator)
    assert (saved.kind, saved.visibility) == ("likes", "committee_named")


def test_print_about_me_without_consent_says_why(open_person, peggy, qtbot, monkeypatch):
    """Without consent for an About me page, the service's words are shown and nothing prints."""
    page, stack = open_person(peggy)
    told = []
    monkeypatch.setattr(person_module, "tell", lambda parent, title, text: told.append(text))
    shown = []
    monkeypatch.setattr(stack, "show_pdf", lambda *args: shown.append(args))
    page.form.ensureWidgetVisible(page.what_matters.print_button)
    qtbot.mouseClick(page.what_matters.print_button, LEFT)
    assert told == [
        "Peggy has not agreed to an About me page for volunteers. If they agree, record it "
        "on Peggy's page under Consent, then print it."
    ]
    assert shown == []


def test_print_about_me_shows_the_printout(
    open_person, peggy, add, qtbot, monkeypatch, db, coordinator
):
    """With consent, the About me page is made and handed to the preview with a plain name."""
    detail = db.run(members.get_person, coordinator, peggy)
    consents = (*detail.consents, ConsentData("about_me", "self", date(2026, 1, 5)))
    fields = {name: getattr(detail, name) for name in members.PersonInput.__dataclass_fields__}
    fields["consents"] = consents
    db.run(members.save_person, coordinator, members.PersonInput(**fields), peggy)
    add(peggy, kind="likes", text="Loves the garden.")
    page, stack = open_person(peggy)
    shown = []
    monkeypatch.setattr(stack, "show_pdf", lambda *args: shown.append(args))
    monkeypatch.setattr(person_module, "tell", lambda *a: pytest.fail(f"told {a}"))
    page.form.ensureWidgetVisible(page.what_matters.print_button)
    qtbot.mouseClick(page.what_matters.print_button, LEFT)
    [(title, make_pdf, file_name)] = shown
    assert title == "About me: Peggy"
    assert file_name == "about-me-peggy.pdf"
    words = " ".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(make_pdf())).pages)
    assert "Peggy" in words and "Loves the garden." in words


def test_about_me_file_names_are_plain():
    """Names become safe file names: lower case, dashes for spaces and marks."""
    assert about_me_file_name("Peggy") == "about-me-peggy.pdf"
    assert about_me_file_name("Zoë O'Brien") == "about-me-zoë-o-brien.pdf"
    assert about_me_file_name("///") == "about-me-member.pdf"


def test_typing_on_the_coordinators_form_survives_a_new_note(open_person, peggy, add, qtbot):
    """A note saved elsewhere updates What matters to me without clearing what was typed."""
    page, _stack = open_person(peggy)
    page.hearing.setFocus()
    qtbot.keyClicks(page.hearing, "Hearing aid in the left ear")
    add(peggy, kind="likes", text="Loves the garden.")
    page.ctx.changed.emit("notes")
    assert "Loves the garden." in page.what_matters.lines()
    assert page.hearing.text() == "Hearing aid in the left ear"


@pytest.mark.parametrize("scale", (1.0, 2.0))
@pytest.mark.parametrize("role", ["coordinator", "committee", "volunteer"])
def test_a_person_with_what_matters_meets_the_rules(db, qtbot, themed_app, demo_club, scale, role):
    """The person's page with What matters to me, in a 1280×720 window, at 100 % and 200 %."""
    # The demo club on TODAY, as built once per run, rather than built again for each test.
    assert _copy_demo(db, demo_club)
    window = MainWindow(db, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    sign_in(window, qtbot, role)
    theme.apply_theme(QApplication.instance(), scale)
    ctx = window.ctx
    peggy = next(p for p in ctx.read(members.list_people) if p.known_as == "Peggy")
    window.shell.go_to("Members")
    page = PersonPage(ctx, peggy.person_id)
    ctx.navigator.push(page)
    problems = check(window, scale, f"{role}: Peggy's record")
    assert page.what_matters is not None and page.what_matters.lines()
    frame = window.shell.pages.currentWidget()
    area = page.form if page.form is not None else page.record
    for scroller in (frame, area):
        if scroller.horizontalScrollBar().isVisible():
            problems.append(f"{role}: {type(scroller).__name__} scrolls sideways")
    assert not problems, "\n".join(problems)  # themed_app puts the text back at 100 %

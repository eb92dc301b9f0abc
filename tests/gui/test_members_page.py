"""The Members room: find as you type, open, add, print, export; what each role may do."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from clubapp.services import members
from clubapp.ui.context import AppContext
from clubapp.ui.page_stack import PageStack
from clubapp.ui.pages import members as members_page
from clubapp.ui.pages.members import MembersPage
from clubapp.ui.pages.person import PersonPage
from tests.conftest import TODAY


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
def open_members(qtbot, themed_app, db, actors):
    """Open the Members room for a role, in a real PageStack; PDFs are recorded, not shown."""

    def open_for(role: str = "coordinator"):
        ctx = AppContext(db, actors[role], today=lambda: TODAY)
        stack = PageStack(ctx)
        stack.pdfs = []
        stack.show_pdf = lambda title, make, name: stack.pdfs.append((title, make, name))
        qtbot.addWidget(stack)
        stack.resize(1280, 720)
        page = MembersPage(ctx)
        stack.open_room(page)
        stack.show()
        qtbot.waitExposed(stack)
        return page, stack

    return open_for


@pytest.fixture
def club(person_factory):
    """A few people of different kinds and statuses."""
    return {
        "ann": person_factory("Ann Smith", known_as="Annie", kinds=("member",)),
        "joanne": person_factory("Joanne Annan", kinds=("carer",)),
        "bob": person_factory("Bob Jones", kinds=("volunteer",)),
        "ruth": person_factory("Ruth Old", kinds=("member",), status="left"),
    }


def test_list_shows_everyone_with_a_count(open_members, club):
    """The coordinator sees everyone, former members too, and how many there are."""
    page, _stack = open_members()
    assert page.count_label.text() == "4 people"
    assert page.visible_names() == ["Annie", "Bob Jones", "Joanne Annan", "Ruth Old"]


def test_search_filters_as_you_type(qtbot, open_members, club):
    """Typing part of a name narrows the list at once and says how many match."""
    page, _stack = open_members()
    qtbot.keyClicks(page.search, "ann")
    assert page.visible_names() == ["Annie", "Joanne Annan"]
    assert page.count_label.text() == "2 people match “ann”"


def test_nobody_matches_says_so_in_words(qtbot, open_members, club):
    """A search with no match replaces the list with advice, and Show everyone clears it."""
    page, _stack = open_members()
    qtbot.keyClicks(page.search, "xyz")
    assert page.views.currentWidget() is page.empty_label
    assert page.empty_label.text() == (
        "Nobody matches “xyz”. Check the spelling, or clear the search."
    )
    qtbot.mouseClick(page.show_everyone_button, Qt.MouseButton.LeftButton)
    assert page.search.text() == ""
    assert page.views.currentWidget() is page.table
    assert len(page.visible_names()) == 4


def test_kind_and_status_filters(open_members, club):
    """The kind and status filters narrow the list; the count says how many are shown."""
    page, _stack = open_members()
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("member"))
    assert page.visible_names() == ["Annie", "Ruth Old"]
    page.status_filter.setCurrentIndex(page.status_filter.findData("left"))
    assert page.visible_names() == ["Ruth Old"]
    assert page.count_label.text() == "Showing 1 of 4 people"


def test_empty_club_says_how_to_start(open_members, coordinator):
    """With nobody recorded, the page says how to add the first person."""
    page, _stack = open_members()
    assert page.count_label.text() == "0 people"
    assert "There is nobody in the club's records yet." in page.empty_label.text()
    assert "Add a person" in page.empty_label.text()


def test_enter_on_a_row_opens_the_person(qtbot, open_members, club):
    """Down from the search box selects the first match; Enter opens their record."""
    page, stack = open_members()
    qtbot.keyClicks(page.search, "bob")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.selected_person_id() == club["bob"]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert isinstance(stack.current, PersonPage)
    assert stack.current.person_id == club["bob"]
    assert stack.current.heading() == "Bob Jones"


def test_open_button_opens_the_selected_person(qtbot, open_members, club):
    """Open is off until a person is chosen; then it opens that person."""
    page, stack = open_members()
    assert not page.open_button.isEnabled()
    page.select_person(club["ann"])
    assert page.open_button.isEnabled()
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert stack.current.person_id == club["ann"]


def test_add_a_member_through_the_form_and_find_them(qtbot, open_members, club):
    """Add a person with the form, save, come back to the list and find them there."""
    page, stack = open_members()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    form = stack.current
    assert isinstance(form, PersonPage)
    assert form.heading() == "Adding a person"
    type_text(qtbot, form.full_name, "Zoë O'Brien")
    type_text(qtbot, form.known_as, "Zoë")
    qtbot.mouseClick(form.kind_boxes["carer"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.phone, "07700 900123")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: stack.current is page)
    assert page.notice() == "Saved Zoë O'Brien."
    qtbot.keyClicks(page.search, "o'b")
    assert page.visible_names() == ["Zoë"]
    person_id = page.selected_person_id()
    detail = page.ctx.read(members.get_person, person_id)
    assert (detail.full_name, detail.kinds, detail.phone) == (
        "Zoë O'Brien",
        ("carer",),
        "07700 900123",
    )


def test_print_buttons_make_the_printouts(qtbot, open_members, club):
    """Print the list and Print emergency contacts open the PDF preview with real PDFs."""
    page, stack = open_members()
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.print_emergency_button, Qt.MouseButton.LeftButton)
    assert [(t, n) for t, _make, n in stack.pdfs] == [
        ("Member list", "member-list.pdf"),
        ("Emergency contacts", "emergency-contacts.pdf"),
    ]
    assert stack.pdfs[0][1]().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("role", "emergency", "status_filter"),
    [("volunteer", False, False), ("treasurer", False, False), ("committee", False, False)],
)
def test_other_roles_see_only_their_buttons(open_members, club, role, emergency, status_filter):
    """Only the coordinator adds, imports, exports and prints the emergency contacts list."""
    page, _stack = open_members(role)
    assert page.add_button is None
    assert page.import_button is None
    assert page.export_button is None
    assert (page.print_emergency_button is not None) is emergency
    assert (page.status_filter is not None) is status_filter
    assert page.model.columnCount() == 3
    # Former members are not listed for roles that cannot see status.
    assert "Ruth Old" not in page.visible_names()


def test_export_writes_the_file_and_says_where(qtbot, open_members, club, tmp_path, monkeypatch):
    """Export asks where to save, writes the CSV in one go and says where it went."""
    page, _stack = open_members()
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "members.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    text = target.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Full name,Known as,Kinds")
    assert "Joanne Annan" in text
    assert "members.csv" in page.notice() and str(folder) in page.notice()
    assert [p.name for p in folder.iterdir()] == ["members.csv"]  # no temporary file left


def test_export_problem_is_said_kindly(open_members, club, tmp_path):
    """A folder that is not there gives a plain message, not a crash."""
    page, _stack = open_members()
    assert page.export_to(tmp_path / "missing" / "members.csv") is None
    assert page.notice_label.property("role") == "error"
    assert "could not save the spreadsheet" in page.notice()


def test_import_button_opens_the_import_window_without_blocking(qtbot, open_members, club):
    """Import from a spreadsheet opens the import window over the list."""
    page, _stack = open_members()
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.import_dialog is not None and page.import_dialog.isVisible())
    page.import_dialog.reject()


def test_people_words():
    """Counts read naturally."""
    assert members_page.people_words(1) == "1 person"
    assert members_page.people_words(1200) == "1,200 people"


def test_erased_records_show_only_among_people_who_left(db, coordinator, open_members, club):
    """An erased person ("A former member") is not among everyone; choosing "Left" in the
    status filter shows them with Ruth, and going back to everyone hides them again."""
    from clubapp.services.erasure import erase_person
    from clubapp.services.name_mentions import ERASED_NAME

    db.run(erase_person, coordinator, club["bob"])
    page, _stack = open_members()
    assert page.visible_names() == ["Annie", "Joanne Annan", "Ruth Old"]
    assert page.count_label.text() == "3 people"
    page.status_filter.setCurrentIndex(page.status_filter.findData("left"))
    assert page.visible_names() == [ERASED_NAME, "Ruth Old"]
    page.status_filter.setCurrentIndex(0)
    assert page.visible_names() == ["Annie", "Joanne Annan", "Ruth Old"]

"""Importing people from a spreadsheet: preview, problems by line, all or nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from clubapp.services import members
from clubapp.ui.context import AppContext
from clubapp.ui.dialogs.members_import import BLOCKED_TEXT, MembersImportDialog
from clubapp.ui.page_stack import PageStack
from clubapp.ui.pages.members import MembersPage
from tests.conftest import TODAY

LEFT = Qt.MouseButton.LeftButton
HEADINGS = "Full name,Known as,Kinds,Phone,Email\n"


@pytest.fixture
def dialog(qtbot, themed_app, db, coordinator):
    """The import window for the coordinator, shown without blocking."""
    ctx = AppContext(db, coordinator, today=lambda: TODAY)
    window = MembersImportDialog(ctx)
    qtbot.addWidget(window)
    window.open()
    qtbot.waitExposed(window)
    return window


def write_csv(tmp_path, text: str, name: str = "people.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def names_in_club(dialog) -> list[str]:
    return [r.full_name for r in dialog.ctx.read(members.list_people)]


def test_bad_row_is_listed_by_line_and_nothing_is_imported(qtbot, dialog, tmp_path):
    """A bad phone on line 3 is named with its line; Import stays off; nobody is added."""
    path = write_csv(
        tmp_path,
        HEADINGS
        + "Ann Newcomer,Annie,Carer,07700 900111,ann@example.org\n"
        + "Bob Bad,,Volunteer,not a phone,bob@example.org\n",
    )
    plan = dialog.load_file(path)
    assert plan is not None and not plan.ok
    lines = dialog.problem_lines()
    assert any(line.startswith("Line 3, Phone: ") for line in lines), lines
    assert not dialog.import_button.isEnabled()
    assert dialog.blocked_label.isVisible()
    assert dialog.blocked_label.text() == BLOCKED_TEXT
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert dialog.import_now() == 0
    assert names_in_club(dialog) == []


def test_good_file_adds_everyone(qtbot, dialog, tmp_path):
    """A clean file lists the new people; pressing Import adds them all."""
    path = write_csv(
        tmp_path,
        HEADINGS
        + "Ann Newcomer,Annie,Carer,07700 900111,ann@example.org\n"
        + "Cora Fine,,Member living with dementia,,\n",
    )
    dialog.load_file(path)
    assert dialog.summary_label.text().startswith("2 new people to add")
    assert dialog.import_button.text() == "Import 2 people"
    assert dialog.import_button.isEnabled()
    assert not dialog.blocked_label.isVisible()
    with qtbot.waitSignal(dialog.imported) as added:
        qtbot.mouseClick(dialog.import_button, LEFT)
    assert added.args == [2]
    assert sorted(names_in_club(dialog)) == ["Ann Newcomer", "Cora Fine"]
    assert "2 people added" in dialog.result_label.text()
    assert not dialog.import_button.isEnabled()  # no second import by a double click


def test_duplicate_is_reported_and_not_added_again(qtbot, dialog, tmp_path, person_factory):
    """Someone already in the club is listed as such and only the new person is added."""
    person_factory("Ann Smith", phone="07700 900111")
    path = write_csv(
        tmp_path,
        HEADINGS + "Ann Smith,,Carer,+44 7700 900111,\n" + "Dan New,,Volunteer,,\n",
    )
    dialog.load_file(path)
    texts = [w.text() for w in dialog.preview.findChildren(QLabel)]
    assert any("Already in the club" in t for t in texts)
    assert any(t.startswith("Line 2: Ann Smith is already in the club") for t in texts)
    assert dialog.import_button.text() == "Import 1 person"
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert sorted(names_in_club(dialog)) == ["Ann Smith", "Dan New"]


def test_file_that_cannot_be_read_is_explained(dialog, tmp_path):
    """A file not saved as UTF-8, or one that is gone, gets a plain message, not a crash."""
    latin = tmp_path / "old.csv"
    latin.write_bytes((HEADINGS + "Zoë O'Brien,,Carer,,\n").encode("latin-1"))
    assert dialog.load_file(latin) is None
    assert dialog.file_error.isVisible()
    assert "UTF-8" in dialog.file_error.text()
    assert not dialog.import_button.isEnabled()

    assert dialog.load_file(tmp_path / "missing.csv") is None
    assert "could not read the file" in dialog.file_error.text()


def test_choose_file_button_uses_the_file_window(qtbot, dialog, tmp_path, monkeypatch):
    """Choose a file… opens the computer's file window and previews the chosen file."""
    path = write_csv(tmp_path, HEADINGS + "Eve Able,,Resident,,\n")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    qtbot.mouseClick(dialog.choose_button, LEFT)
    assert dialog.file_label.text() == "File: people.csv"
    assert dialog.import_button.text() == "Import 1 person"


def test_import_from_the_members_page_updates_the_list(
    qtbot, themed_app, db, coordinator, tmp_path
):
    """Importing from the Members room adds the people to the list behind the window."""
    ctx = AppContext(db, coordinator, today=lambda: TODAY)
    stack = PageStack(ctx)
    qtbot.addWidget(stack)
    page = MembersPage(ctx)
    stack.open_room(page)
    stack.show()
    qtbot.mouseClick(page.import_button, LEFT)
    window = page.import_dialog
    window.load_file(write_csv(tmp_path, HEADINGS + "Fay Green,,Carer,,\n"))
    qtbot.mouseClick(window.import_button, LEFT)
    assert page.visible_names() == ["Fay Green"]
    assert page.notice() == "Added 1 person from the spreadsheet."
    window.reject()

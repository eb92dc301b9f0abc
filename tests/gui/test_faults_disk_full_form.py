"""The disk fills up while a person is being added: the form says the disk is full and what
to do, keeps every word typed, saves nothing, and Save works again once there is room."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clubapp.services import members
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.person import PersonPage
from tests.gui.test_accessibility import sign_in
from tests.unit.fault_helpers import (
    LONG_ADDRESS,
    LONG_DIET,
    LONG_MOBILITY,
    LONG_TIPS,
    SmallDisk,
)

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def leaving_asks_nothing(monkeypatch):
    """If a test fails with the form still typed, closing the window must not wait for an
    answer to "Leave without saving?"."""
    monkeypatch.setattr(FormPage, "can_leave", lambda self: True)
    monkeypatch.setattr(PersonPage, "can_leave", lambda self: True)


def paste(qtbot, box, text: str) -> None:
    """Paste a long text into a box, as a person copying it from a letter would."""
    QApplication.clipboard().setText(text)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def rows(path) -> dict[str, int]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        found = {
            t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            for (t,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
        }
    conn.close()
    return found


def test_a_full_disk_keeps_the_form_and_saving_again_works(window, qtbot):
    """Add a person with long needs on a full disk: the disk-full words at the top of the
    form, everything still typed, not a row saved; room made, Save saves them whole."""
    sign_in(window, qtbot, "coordinator")
    disk = SmallDisk(window.db)
    try:
        disk.fill()
        before = rows(window.db.path)
        window.shell.add_person()
        page = window.shell.pages.current
        assert isinstance(page, PersonPage)
        qtbot.keyClicks(page.full_name, "Ann Able")
        qtbot.mouseClick(page.kind_boxes["member"], LEFT)
        typed = {
            page.address: LONG_ADDRESS.strip(),
            page.mobility: LONG_MOBILITY.strip(),
            page.diet: LONG_DIET.strip(),
            page.communication_tips: LONG_TIPS.strip(),
        }
        for box, text in typed.items():
            paste(qtbot, box, text)

        qtbot.mouseClick(page.save_button, LEFT)

        message = page.form.form_error.text()
        assert page.form.form_error.isVisible()
        assert message.startswith("The disk is full, so clubapp could not save that.")
        assert "Free some space" in message
        assert page.errors_summary.isVisible()
        assert window.shell.pages.current is page
        assert page.full_name.text() == "Ann Able"
        assert all(box.text() == text for box, text in typed.items())
        assert rows(window.db.path) == before

        disk.make_room()
        qtbot.mouseClick(page.save_button, LEFT)
        qtbot.waitUntil(lambda: window.shell.pages.current is not page)
    finally:
        disk.remove()
    ctx = window.ctx
    found = [p for p in ctx.read(members.list_people) if p.full_name == "Ann Able"]
    assert len(found) == 1
    saved = ctx.read(members.get_person, found[0].person_id)
    assert (saved.address, saved.mobility, saved.diet, saved.communication_tips) == tuple(
        typed.values()
    )

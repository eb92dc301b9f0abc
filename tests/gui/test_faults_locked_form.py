"""Another program holds the club's file while a form is saved: the app waits, then says so
in plain words at the top of the form, keeps what was typed, and Save works once it is free."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clubapp.db.database import open_database
from clubapp.services import programme
from clubapp.ui import theme
from clubapp.ui.main_window import MainWindow
from clubapp.ui.pages.activity_form import ActivityFormPage
from clubapp.ui.pages.form_page import FormPage
from tests.conftest import TODAY
from tests.gui.conftest import _copy_demo
from tests.gui.test_accessibility import sign_in
from tests.unit.fault_helpers import another_program_writing

LEFT = Qt.MouseButton.LeftButton
SHORT_WAIT_MS = 300  # the app waits 10 s; a test need not


@pytest.fixture(autouse=True)
def leaving_asks_nothing(monkeypatch):
    """If a test fails with the form still typed, closing must not wait for an answer."""
    monkeypatch.setattr(FormPage, "can_leave", lambda self: True)


@pytest.fixture
def impatient_window(db, qtbot, themed_app, demo_club):
    """The demo club in the main window, waiting only briefly for a busy file."""
    if not _copy_demo(db, demo_club):
        pytest.fail("the test's database was written to before the demo went in")
    db.engine.dispose()
    database = open_database(db.path, busy_timeout_ms=SHORT_WAIT_MS)
    window = MainWindow(database, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    yield window
    theme.apply_theme(themed_app, 1.0)
    database.close()


def test_a_busy_file_is_explained_and_saving_again_works(impatient_window, qtbot):
    """Change an activity's name while another program writes: the "being used by another
    program" words, the new name still typed, the old name still saved; once the other
    program is done, Save saves it."""
    window = impatient_window
    sign_in(window, qtbot, "coordinator")
    ctx = window.ctx
    activity = ctx.read(programme.list_activities)[0]
    page = ActivityFormPage(ctx, activity.activity_id)
    ctx.navigator.push(page)
    page.name.clear()
    qtbot.keyClicks(page.name, "Singing together")

    with another_program_writing(window.db.path):
        qtbot.mouseClick(page.save_button, LEFT)
        message = page.form.form_error.text()
        assert page.form.form_error.isVisible()
        assert message.startswith("The club's information is being used by another program")
        assert "try again" in message
        assert page.name.text() == "Singing together"
        assert ctx.navigator.current is page

    assert ctx.read(programme.get_activity, activity.activity_id).name == activity.name
    qtbot.mouseClick(page.save_button, LEFT)
    qtbot.waitUntil(lambda: ctx.navigator.current is not page)
    assert ctx.read(programme.get_activity, activity.activity_id).name == "Singing together"

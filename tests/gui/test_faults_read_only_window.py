"""A club this computer only lets clubapp read: the window says so across the top, people
can sign in and look everywhere, and every save says plainly that nothing can be saved."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from PySide6.QtCore import Qt

from clubapp.db.access import READ_ONLY_START
from clubapp.db.database import open_database
from clubapp.services import programme
from clubapp.ui import theme
from clubapp.ui.main_window import MainWindow
from clubapp.ui.pages.activity_form import ActivityFormPage
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.person import PersonPage
from tests.conftest import TODAY
from tests.gui.a11y import audit
from tests.gui.conftest import _copy_demo
from tests.gui.test_accessibility import sign_in

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def leaving_asks_nothing(monkeypatch):
    """Forms here are left holding what a test typed (nothing could be saved). As the
    window closes after the test, the page would ask "Leave without saving?" and wait."""
    monkeypatch.setattr(FormPage, "can_leave", lambda self: True)
    monkeypatch.setattr(PersonPage, "can_leave", lambda self: True)


@pytest.fixture
def read_only(db, qtbot, themed_app, demo_club):
    """The demo club, opened read-only (as the administrator, permissions would not stop
    the tests writing, so the app is asked to open it read-only: the same path on)."""
    if not _copy_demo(db, demo_club):
        pytest.fail("the test's database was written to before the demo went in")
    db.engine.dispose()
    database = open_database(db.path, read_only=True)
    window = MainWindow(database, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    yield window
    theme.apply_theme(themed_app, 1.0)
    database.close()


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_banner_says_why_on_every_screen(read_only, qtbot):
    """Across the top, before and after signing in: why nothing can be saved, what to do."""
    banner = read_only.read_only_banner
    assert banner is not None and banner.isVisible()
    assert banner.text() == read_only.db.read_only_message
    assert banner.text().startswith(READ_ONLY_START)
    assert read_only.screens.currentWidget() is read_only.sign_in
    assert banner.geometry().bottom() <= read_only.screens.geometry().top()
    sign_in(read_only, qtbot, "coordinator")
    assert read_only.screens.currentWidget() is read_only.shell
    assert banner.isVisible()
    assert banner.accessibleName() == banner.text()


def test_the_banner_reads_well_at_double_text_size(read_only, qtbot):
    """At 200 % text the banner's words wrap whole within the 1280 × 720 window."""
    sign_in(read_only, qtbot, "coordinator")
    theme.apply_theme(theme.qapp(), 2.0)
    banner = read_only.read_only_banner
    qtbot.waitUntil(lambda: banner.font().pointSizeF() >= 28)
    # The window lays itself out again in a few rounds of events after a restyle.
    qtbot.waitUntil(lambda: banner.height() >= banner.heightForWidth(banner.width()))
    problems = [p for p in audit(read_only, 2.0) if "banner" in p.lower() or "This computer" in p]
    assert problems == []
    assert read_only.width() <= 1280 and read_only.height() <= 720


def test_a_club_that_can_be_changed_has_no_banner(window):
    """The banner is there only when it has something to say."""
    assert window.read_only_banner is None
    assert window.centralWidget() is window.screens


def test_every_room_opens_and_the_text_size_changes(read_only, qtbot):
    """Signing in, every room, and Larger text (kept only for this visit): no fault."""
    before = digest(read_only.db.path)
    sign_in(read_only, qtbot, "coordinator")
    shell = read_only.shell
    for name, button in shell.nav.items():
        qtbot.mouseClick(button, LEFT)
        qtbot.waitUntil(lambda n=name: shell.pages.current is shell.rooms[n])
        assert shell.heading.text()
    scale = theme.current_scale()
    qtbot.mouseClick(shell.larger_button, LEFT)
    assert theme.current_scale() > scale
    assert digest(read_only.db.path) == before


def test_adding_a_person_says_nothing_can_be_saved_and_keeps_the_words(read_only, qtbot):
    """Add a person, press Save: the read-only words at the top of the form, the name still
    typed, the page still open, nobody added."""
    sign_in(read_only, qtbot, "coordinator")
    with sqlite3.connect(f"file:{read_only.db.path}?mode=ro", uri=True) as conn:
        people = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    conn.close()
    read_only.shell.add_person()
    page = read_only.shell.pages.current
    assert isinstance(page, PersonPage)
    qtbot.keyClicks(page.full_name, "Cath Clark")
    qtbot.mouseClick(page.kind_boxes["member"], LEFT)
    qtbot.mouseClick(page.save_button, LEFT)

    assert page.form.form_error.isVisible()
    assert page.form.form_error.text() == read_only.db.read_only_message
    assert page.full_name.text() == "Cath Clark"
    assert read_only.shell.pages.current is page
    with sqlite3.connect(f"file:{read_only.db.path}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == people
    conn.close()


def test_a_form_page_says_nothing_can_be_saved_and_keeps_the_words(read_only, qtbot):
    """Any one-form page (here: changing an activity) shows the same words at the top of
    the form, keeps what was typed, and stays open."""
    sign_in(read_only, qtbot, "coordinator")
    ctx = read_only.ctx
    activity = ctx.read(programme.list_activities)[0]
    page = ActivityFormPage(ctx, activity.activity_id)
    ctx.navigator.push(page)
    page.name.clear()
    qtbot.keyClicks(page.name, "Singing together")
    qtbot.mouseClick(page.save_button, LEFT)

    assert page.form.form_error.isVisible()
    assert page.form.form_error.text() == read_only.db.read_only_message
    assert page.errors_summary.isVisible()
    assert page.name.text() == "Singing together"
    assert ctx.navigator.current is page
    assert ctx.read(programme.get_activity, activity.activity_id).name == activity.name


def test_a_refused_save_nobody_caught_still_reaches_the_person(monkeypatch, tmp_path):
    """A page that lets the error through: the app's last resort shows the same plain
    words (not "Something went wrong"), and writes no crash report."""
    import sys

    from clubapp import app
    from clubapp.db.errors import ReadOnlyDatabase
    from clubapp.ui.widgets import messages

    told = []
    monkeypatch.setattr(messages, "tell", lambda parent, title, text: told.append((title, text)))
    monkeypatch.setenv("CLUBAPP_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    app.install_crash_handler()
    error = ReadOnlyDatabase(f"{READ_ONLY_START} Ask for help.")
    sys.excepthook(ReadOnlyDatabase, error, None)
    assert told == [("clubapp could not do that", str(error))]
    assert not (tmp_path / "logs").exists()

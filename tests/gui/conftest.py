"""Shared fixtures for the GUI tests: offscreen Qt and the app's theme."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from clubapp.ui import theme  # noqa: E402


def _destroy_windows() -> None:
    """Close and really delete every top-level widget."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def _back_to_100_percent(app) -> None:
    """Text back at 100 % after a test. If the test changed the size, its windows (closed
    by pytest-qt already, deleted at the end of the test anyway) are deleted first:
    restyling a whole window that nobody will see again took about a second a test."""
    if theme.current_scale() != 1.0:
        _destroy_windows()
    theme.apply_theme(app, 1.0)


@pytest.fixture
def themed_app(qapp):
    """The QApplication with the bundled font and the theme at 100 % text size."""
    theme.load_fonts()
    theme.apply_theme(qapp, 1.0)
    yield qapp
    _back_to_100_percent(qapp)


@pytest.fixture(autouse=True)
def windows_are_destroyed_after_each_test(qapp):
    """Each test's windows are really deleted when it ends.

    pytest-qt only closes them; left alive, a later restyle or app-wide event would reach
    widgets whose Python side is being torn down.
    """
    yield
    _destroy_windows()


_TEST_WINDOWS = pytest.StashKey[list]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Hold the test's windows from the moment it returns until they are destroyed.

    pytest-qt keeps only weak references, so once a test's locals are gone a window in a
    reference cycle (a page stack and its context) lives only until Python's cycle
    collector next runs; and pytest-qt paints right after the test. A collection started
    by an allocation in a paintEvent then deleted the window, its backing store and so
    the painter's device half way through the paint: a segfault in QPainter."""
    try:
        return (yield)
    finally:
        from PySide6.QtWidgets import QApplication

        item.stash[_TEST_WINDOWS] = QApplication.topLevelWidgets()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    """Let the windows go once windows_are_destroyed_after_each_test has deleted them."""
    try:
        return (yield)
    finally:
        item.stash[_TEST_WINDOWS] = []


# demo_club, the small demo club built once per run, is in tests/conftest.py: unit tests
# share it too. Each GUI test on the demo gets a copy.


def _copy_demo(db, demo_club) -> bool:
    """Put the demo club into the test's database, unless the test wrote to it first."""
    import sqlite3

    from clubapp.services import club

    with db.transaction() as session:
        if club.club_name(session) is not None:
            return False
    db.engine.dispose()  # no pooled connection holds the file while it is replaced
    source, target = sqlite3.connect(demo_club), sqlite3.connect(db.path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return True


@pytest.fixture
def window(db, qtbot, themed_app, demo_club):
    """The main window on a fresh demo club, 1280 by 720; text back at 100 % after."""
    from clubapp import demo
    from clubapp.ui.main_window import MainWindow
    from tests.conftest import TODAY

    if not _copy_demo(db, demo_club):
        demo.build_demo(db, today=TODAY)
    win = MainWindow(db, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    yield win
    _back_to_100_percent(themed_app)


@pytest.fixture
def board(db, coordinator, person_factory) -> dict[str, int]:
    """Five trustees (chair, secretary, treasurer and two more), a guest and a member."""
    from tests.gui.committee_helpers import make_board

    return make_board(db, coordinator, person_factory)

"""Shared fixtures for the GUI tests: offscreen Qt and the app's theme."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from clubapp.ui import theme  # noqa: E402


@pytest.fixture
def themed_app(qapp):
    """The QApplication with the bundled font and the theme at 100 % text size."""
    theme.load_fonts()
    theme.apply_theme(qapp, 1.0)
    yield qapp
    theme.apply_theme(qapp, 1.0)


@pytest.fixture(autouse=True)
def windows_are_destroyed_after_each_test(qapp):
    """Each test's windows are really deleted when it ends.

    pytest-qt only closes them; left alive, a later restyle or app-wide event would reach
    widgets whose Python side is being torn down.
    """
    yield
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


@pytest.fixture(scope="session")
def demo_club(template_db, tmp_path_factory):
    """The small demo club on TODAY, built once per run: each GUI test on the demo gets a
    copy (building it takes about a second, and some hundred tests use it)."""
    import shutil

    from argon2 import PasswordHasher, profiles

    from clubapp import demo
    from clubapp.db.database import open_database
    from clubapp.services import users
    from tests.conftest import TODAY

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copyfile(template_db, path)
    with pytest.MonkeyPatch.context() as patch:
        # As the autouse fast_passwords fixture does for each test.
        patch.setattr(users, "_hasher", PasswordHasher.from_parameters(profiles.CHEAPEST))
        database = open_database(path)
        try:
            demo.build_demo(database, today=TODAY)
        finally:
            database.close()
    return path


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
    theme.apply_theme(themed_app, 1.0)


@pytest.fixture
def board(db, coordinator, person_factory) -> dict[str, int]:
    """Five trustees (chair, secretary, treasurer and two more), a guest and a member."""
    from tests.gui.committee_helpers import make_board

    return make_board(db, coordinator, person_factory)

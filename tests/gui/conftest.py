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


@pytest.fixture
def window(db, qtbot, themed_app):
    """The main window on a fresh demo club, 1280 by 720; text back at 100 % after."""
    from clubapp import demo
    from clubapp.ui.main_window import MainWindow
    from tests.conftest import TODAY

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

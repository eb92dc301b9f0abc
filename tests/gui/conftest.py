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


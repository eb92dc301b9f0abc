"""The base of every page shown in the main window."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from clubapp.ui.context import AppContext


class Page(QWidget):
    """A screen in the main window.

    `title` is the heading that says where you are; `help_text` is what Help shows, in
    plain words. `domains` lists the kinds of change (see ui.context) that make the
    page refresh itself when it is next shown. Pages keep what was typed when the
    screen locks or the user goes elsewhere: they are hidden, never destroyed.
    """

    title = ""
    help_text = ""
    domains: tuple[str, ...] = ()
    # A page the whole room looks at (meeting mode) takes the rail's width too; Back,
    # Help and Lock stay at the top.
    full_width = False
    # A voting screen: nothing but the question and its choices, so no rail and no
    # Back, Help or Lock either (the page has its own quiet way out); the window fills
    # the screen and auto-lock waits until it is gone (DESIGN 2.7: nothing rushed).
    kiosk = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        ctx.changed.connect(self._on_changed)

    def _on_changed(self, domain: str) -> None:
        if domain in self.domains:
            self._stale = True
            if self.isVisible():
                self.refresh_now()

    def refresh_if_stale(self) -> None:
        if self._stale:
            self.refresh_now()

    def refresh_now(self) -> None:
        self._stale = False
        self.refresh()

    def refresh(self) -> None:
        """Reload what the page shows from the services. Pages with data override this."""

    def heading(self) -> str:
        return self.title

    def can_leave(self) -> bool:
        """False keeps the user here (e.g. an editor with unsaved changes that they keep)."""
        return True


@dataclass(frozen=True)
class ScrollingBody:
    problem_label: QLabel  # a problem loading the page, in words, over everything
    content: QWidget  # hidden when there is a problem
    column: QVBoxLayout  # the content's layout, to fill
    scroll_area: QScrollArea


def scrolling_body(page: QWidget, spacing: int = 16) -> ScrollingBody:
    """Give a page a body that scrolls up and down, never sideways (at 200 % text the
    rooms are taller than the window): a problem line over a column of content."""
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 8, 8)
    layout.setSpacing(spacing)
    problem = QLabel()
    problem.setWordWrap(True)
    problem.setTextFormat(Qt.TextFormat.PlainText)
    problem.setProperty("role", "error")
    problem.hide()
    layout.addWidget(problem)
    content = QWidget()
    column = QVBoxLayout(content)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(spacing)
    layout.addWidget(content)
    layout.addStretch(1)
    scroll_area = QScrollArea(page)
    scroll_area.setWidgetResizable(True)
    scroll_area.setFrameShape(QFrame.Shape.NoFrame)
    scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll_area.setWidget(body)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll_area)
    return ScrollingBody(problem, content, column, scroll_area)


def hidden_part(column: QVBoxLayout) -> tuple[QWidget, QVBoxLayout]:
    """A part of a page added to ``column``, hidden until its switch button shows it."""
    widget = QWidget()
    part = QVBoxLayout(widget)
    part.setContentsMargins(0, 0, 0, 0)
    part.setSpacing(16)
    column.addWidget(widget)
    widget.hide()
    return widget, part

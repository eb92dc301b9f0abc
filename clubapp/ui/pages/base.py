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


class PartsShownOneAtATime:
    """For a room whose parts show one at a time behind a row of buttons (the
    Volunteers room, Keeping data safe). The room sets ``section_buttons`` and
    ``sections`` (key -> button / widget), ``_loaders`` (key -> function filling that
    part), ``_shown``, ``_stale_sections``, and the scrolling body's ``scroll_area``,
    ``problem_label`` and ``content``. A part is loaded when first shown after a change."""

    section_buttons: dict
    sections: dict
    _loaders: dict
    _shown: str
    _stale_sections: set
    scroll_area: QScrollArea
    problem_label: QLabel
    content: QWidget

    def show_section(self, key: str) -> None:
        """Show one part; a key the room lacks (or this role may not see) changes nothing."""
        button = self.section_buttons.get(key)
        if button is None:
            return
        button.setChecked(True)
        self._shown = key
        for name, widget in self.sections.items():
            widget.setVisible(name == key)
        if key in self._stale_sections:
            self._load(key)
        self.scroll_area.verticalScrollBar().setValue(0)

    def section_shown(self) -> str:
        """The key of the part showing."""
        return self._shown

    def refresh(self) -> None:
        self._stale_sections = set(self.sections)
        self._load(self._shown)

    def after_load(self, key: str) -> None:
        """Runs after a part was filled without a problem."""

    def _load(self, key: str) -> None:
        from clubapp.ui.service_errors import SERVICE_ERRORS

        try:
            self._loaders[key]()
        except SERVICE_ERRORS as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            self.content.hide()
            return
        self._stale_sections.discard(key)
        self.problem_label.hide()
        self.content.show()
        self.after_load(key)

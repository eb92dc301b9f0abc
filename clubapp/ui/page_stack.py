"""The pages of the main window, with Back history: what `AppContext.navigator` points at."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QWidget

from clubapp.ui import theme
from clubapp.ui.context import AppContext
from clubapp.ui.pages.base import Page


class PageStack(QStackedWidget):
    """Shows one page at a time. Rooms from the rail replace the history; `push` adds to it."""

    page_changed = Signal(object)  # the Page now shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._history: list[Page] = []
        # Rooms are the pages the rail owns; they live as long as the window.
        self._rooms: set[int] = set()
        # Each page sits in a scroll area, so a page that needs more room than the
        # screen has (at 200 % text) scrolls instead of stretching the window. Not a
        # kiosk page (a voting screen): it scrolls its own screens under a top row
        # that must stay put, and a second scroll bar around it could move that away.
        self._frames: dict[int, QWidget] = {}
        # The text size each page was last shown at (see `_show`).
        self._shown_at: dict[int, float] = {}
        ctx.navigator = self

    @property
    def current(self) -> Page | None:
        return self._history[-1] if self._history else None

    def can_go_back(self) -> bool:
        return len(self._history) > 1

    def open_room(self, page: Page) -> bool:
        """Go to a room from the navigation rail. False if the current page keeps the user."""
        if page is self.current:
            return True
        current = self.current
        if current is not None and not current.can_leave():
            return False
        for old in self._history:
            if old is not page and not self._is_room(old):
                self._discard(old)
        self._history = [page]
        self._show(page)
        return True

    def push(self, page: Page) -> None:
        self._history.append(page)
        self._show(page)

    def back(self) -> None:
        if not self.can_go_back():
            return
        leaving = self._history[-1]
        if not leaving.can_leave():
            return
        self._history.pop()
        if not self._is_room(leaving):
            self._discard(leaving)
        self._show(self._history[-1])

    def show_pdf(self, title: str, make_pdf: Callable[[], bytes], file_name: str) -> None:
        from clubapp.ui.dialogs.pdf_preview import show_pdf_preview

        show_pdf_preview(self.window(), title, make_pdf, file_name)

    def register_room(self, page: Page) -> None:
        self._rooms.add(id(page))
        self._frame_for(page)

    def _frame_for(self, page: Page) -> QWidget:
        """The widget the stack shows for ``page``: its scroll area, or a kiosk page itself."""
        frame = self._frames.get(id(page))
        if frame is None:
            if page.kiosk:
                frame = page
            else:
                scroll = QScrollArea(self)
                scroll.setWidgetResizable(True)
                scroll.setFrameShape(QFrame.Shape.NoFrame)
                scroll.setWidget(page)
                frame = scroll
            self._frames[id(page)] = frame
            self.addWidget(frame)
        return frame

    def _is_room(self, page: Page) -> bool:
        return id(page) in self._rooms

    def _discard(self, page: Page) -> None:
        self._shown_at.pop(id(page), None)
        frame = self._frames.pop(id(page), None)
        if frame is not None:
            self.removeWidget(frame)
            frame.deleteLater()
        else:
            page.deleteLater()

    def _show(self, page: Page) -> None:
        # Fill the page before it shows, so its layout is right from the first paint.
        page.refresh_if_stale()
        self.setCurrentWidget(self._frame_for(page))
        scale = theme.current_scale()
        if self._shown_at.get(id(page), scale) != scale:
            # The text size changed while the page was hidden. Its widgets take the new
            # font as they show, but layouts keep the heights they measured for wrapped
            # text at the old size, so ask again.
            for widget in page.findChildren(QWidget):
                widget.updateGeometry()
        self._shown_at[id(page)] = scale
        self.page_changed.emit(page)

"""Questions and messages in plain words, with big buttons that say what happens.

Use :func:`ask_to_confirm` before anything that cannot be undone, naming the thing:
``ask_to_confirm(self, "Delete photo", "Delete Zoë's photo?", "Yes, delete Zoë's photo",
danger=True)``. The safe button ("Go back") is the default, so Enter or Escape
never destroy anything.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clubapp.ui.theme import current_scale, scaled_px

from .buttons import BigButton


def room_on_screen(dialog: QWidget, margin: int = 48) -> QSize:
    """The most a dialog may take: the screen it shows on (its parent's), less a margin."""
    parent = dialog.parentWidget()
    screen = (parent.screen() if parent is not None else dialog.screen()) or (
        QGuiApplication.primaryScreen()
    )
    area = screen.availableGeometry().size() if screen is not None else QSize(1280, 720)
    return QSize(max(320, area.width() - margin), max(240, area.height() - margin))


def fit_dialog(
    layout: QLayout,
    scroll_area: QScrollArea,
    content_height: Callable[[int], int],
    width_px: int,
    room: QSize,
) -> QSize:
    """A dialog's size: ``width_px`` wide (at the text scale, within ``room``), and as tall
    as its words need at that width. If that is taller than ``room``, only the part in
    ``scroll_area`` scrolls, so the heading and the buttons stay in view."""
    width = max(layout.minimumSize().width(), scaled_px(width_px, current_scale()))
    width = min(width, room.width())
    margins = layout.contentsMargins()
    needed = content_height(width - margins.left() - margins.right())
    scroll_area.setFixedHeight(max(1, needed))
    scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    height = layout.totalHeightForWidth(width)
    if height > room.height():
        scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll_area.setFixedHeight(max(1, needed - (height - room.height())))
        height = room.height()
    return QSize(width, height)


class _MessageDialog(QDialog):
    """Heading, message and a row of big buttons, sized to show the whole message.

    The window is as wide as a comfortable line allows and as tall as the words need
    at that width, within the screen. If a long message at a large text size cannot
    fit the screen, the message scrolls (heading and buttons stay in view); it is
    never cut off.
    """

    def __init__(self, parent: QWidget | None, title: str, message: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.heading = QLabel(title, self)
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.scroll_area.setWidget(self.message)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(24)  # at least 16 px between targets
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(self.heading)
        layout.addWidget(self.scroll_area, 1)
        layout.addSpacing(8)
        layout.addLayout(self.buttons)

    def _default_button(self, button: BigButton) -> None:
        button.setAutoDefault(True)
        button.setDefault(True)

    def _fit(self) -> QSize:
        """Choose the width, then give the message the height it needs at that width."""
        layout = self.layout()
        assert layout is not None
        # Wide enough that a short question fits on one or two lines, and the buttons whole.
        return fit_dialog(
            layout, self.scroll_area, self.message.heightForWidth, 560, room_on_screen(self)
        )

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt name)
        if visible and not self.isVisible():
            self.resize(self._fit())
        super().setVisible(visible)


class ConfirmDialog(_MessageDialog):
    """Ask one question. ``confirm_button`` accepts, ``cancel_button`` (the default) rejects."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        question: str,
        confirm_text: str,
        cancel_text: str = "Go back",
        danger: bool = False,
    ) -> None:
        super().__init__(parent, title, question)
        self.cancel_button = BigButton(cancel_text, self, variant="secondary")
        self.confirm_button = BigButton(
            confirm_text, self, variant="danger" if danger else "primary"
        )
        # The safe choice comes first and is the default for Enter.
        self.buttons.addWidget(self.cancel_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.confirm_button)
        self._default_button(self.cancel_button)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self.accept)
        self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)


class InfoDialog(_MessageDialog):
    """Tell the person something; one ``ok_button`` closes it."""

    def __init__(
        self, parent: QWidget | None, title: str, message: str, ok_text: str = "OK, got it"
    ) -> None:
        super().__init__(parent, title, message)
        self.ok_button = BigButton(ok_text, self, variant="primary")
        self._default_button(self.ok_button)
        self.ok_button.clicked.connect(self.accept)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.ok_button)


def ask_to_confirm(
    parent: QWidget | None,
    title: str,
    question: str,
    confirm_text: str,
    cancel_text: str = "Go back",
    danger: bool = False,
) -> bool:
    """Ask and wait. True only if the person pressed the confirm button."""
    dialog = ConfirmDialog(parent, title, question, confirm_text, cancel_text, danger)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def tell(parent: QWidget | None, title: str, message: str) -> None:
    """Show a message with a single "OK, got it" button and wait for it."""
    dialog = InfoDialog(parent, title, message)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()


@contextlib.contextmanager
def busy_cursor() -> Iterator[None]:
    """Show the waiting cursor while something slow happens."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()

"""Questions and messages in plain words, with big buttons that say what happens.

Use :func:`ask_to_confirm` before anything that cannot be undone, naming the thing:
``ask_to_confirm(self, "Delete photo", "Delete Zoë's photo?", "Yes, delete Zoë's photo",
danger=True)``. The safe button ("Go back") is the default, so Enter or Escape
never destroy anything.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clubapp.ui.theme import current_scale, scaled_px

from .buttons import BigButton


class _MessageDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, message: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.heading = QLabel(title, self)
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.message = QLabel(message, self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(24)  # at least 16 px between targets
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addSpacing(8)
        layout.addLayout(self.buttons)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        # Wide enough that a short question fits on one or two lines. (No
        # setMinimumWidth: that would stop the layout keeping the buttons whole.)
        hint = super().sizeHint()
        width = max(hint.width(), scaled_px(480, current_scale()))
        layout = self.layout()
        height = hint.height()
        if layout is not None and layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(width)
        return QSize(width, max(hint.height(), height))


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
        self.cancel_button.setAutoDefault(True)
        self.cancel_button.setDefault(True)
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
        self.ok_button.setAutoDefault(True)
        self.ok_button.setDefault(True)
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

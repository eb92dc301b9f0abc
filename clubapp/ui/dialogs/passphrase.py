"""At start, when the club's information is encrypted: ask for the club's passphrase.

A wrong passphrase is said in plain words under the field, and the person simply tries
again: nothing is counted against them and there is no time limit (the passphrase is
the club's, written on its recovery sheet, not one person's password). Closing opens
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clubapp.db.encryption import WrongPassphrase
from clubapp.db.errors import KnownError
from clubapp.ui.signin import ShowPassword, password_box
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.messages import busy_cursor, fit_dialog, room_on_screen

T = TypeVar("T")

TITLE = "The club's information is locked"
EXPLAIN = (
    "The club's information is encrypted, so nobody can read it without the club's "
    "passphrase. Type the passphrase to open it. It is written on the recovery sheet the "
    "club keeps."
)
FIELD = "The club's passphrase"
SHOW = "Show the letters"
OPEN = "Open the club"
CLOSE = "Close clubapp"
SMALLEST_SCREEN = QSize(1280 - 48, 720 - 48)
EMPTY = "Type the club's passphrase, then press Open the club."


class PassphraseDialog(QDialog):
    """The passphrase field, "Show the letters", and two big buttons. ``try_open`` is
    called with what was typed: what it returns is kept in :attr:`opened` and the dialog
    closes; a :class:`WrongPassphrase` (or another problem it can name) is said under
    the field and the person tries again."""

    def __init__(
        self, parent: QWidget | None, try_open: Callable[[str], Any], place: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setModal(True)
        self._try_open = try_open
        #: What ``try_open`` gave back, once the passphrase opened the club.
        self.opened: Any = None
        self.heading = QLabel(TITLE, self)
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.explain = QLabel(EXPLAIN + (f"\n\nThe club's file: {place}" if place else ""), self)
        self.explain.setWordWrap(True)
        self.explain.setTextFormat(Qt.TextFormat.PlainText)
        self.passphrase = password_box(self)
        self.passphrase.setMinimumWidth(360)  # room for a whole sentence
        self.field = FieldRow(FIELD, self.passphrase, parent=self)
        self.show_letters = ShowPassword(self.passphrase, parent=self)
        self.show_letters.setText(SHOW)
        # The words and the field scroll if large text needs more than the screen; the
        # heading and the buttons stay in view.
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(16)
        body.addWidget(self.explain)
        body.addWidget(self.field)
        body.addWidget(self.show_letters, 0, Qt.AlignmentFlag.AlignLeft)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(self.body)
        self.close_button = BigButton(CLOSE, self, variant="secondary")
        self.open_button = BigButton(OPEN, self)
        self.open_button.setAutoDefault(True)
        self.open_button.setDefault(True)  # Enter in the field opens
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(self.heading)
        layout.addWidget(self.scroll_area, 1)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.close_button.clicked.connect(self.reject)
        self.open_button.clicked.connect(self.open_club)
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_club(self) -> bool:
        """Try what was typed. True (and the dialog closes) if it opened the club."""
        self.field.clear_error()
        typed = self.passphrase.text()
        if not typed:
            self._say(EMPTY)
            return False
        try:
            with busy_cursor():  # the key is stretched on purpose: it takes a moment
                self.opened = self._try_open(typed)
        except WrongPassphrase as exc:
            self._say(str(exc))
            self.passphrase.selectAll()
            return False
        except KnownError as exc:  # the file went away, or is damaged: said the same way
            self._say(str(exc))
            return False
        self.accept()
        return True

    def _say(self, words: str) -> None:
        self.field.show_error(words)
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(self._fit())
        self.scroll_area.ensureWidgetVisible(self.field.error_label, 0, 0)

    def _fit(self) -> QSize:
        """As wide as a comfortable line, as tall as the words need at that width; if
        that is taller than the screen, the middle scrolls."""
        layout = self.layout()
        assert layout is not None
        body_layout = self.body.layout()
        assert body_layout is not None
        # Within the smallest screen clubapp is made for (1280 x 720), whatever this one.
        room = room_on_screen(self).boundedTo(SMALLEST_SCREEN)
        return fit_dialog(layout, self.scroll_area, body_layout.totalHeightForWidth, 600, room)

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt name)
        if visible and not self.isVisible():
            self.resize(self._fit())
        super().setVisible(visible)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)


def ask_passphrase(
    parent: QWidget | None, try_open: Callable[[str], T], place: str = ""
) -> T | None:
    """Ask until the passphrase opens the club (``try_open``'s answer), or None if the
    person chose to close clubapp."""
    dialog = PassphraseDialog(parent, try_open, place)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return cast(T, dialog.opened)
    finally:
        dialog.deleteLater()

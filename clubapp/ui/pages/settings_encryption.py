"""The "Encryption" part of Settings (coordinator only): whether the club's information
is encrypted; turning it on (the passphrase twice, then the recovery sheet for a
trustee), printing a new recovery sheet, changing the passphrase, turning it off.

The file work is done by clubapp.db.database.Database (the club's file and every
backup are rewritten, then the app carries on with the same Database object); each
change is noted in the audit log.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from clubapp.db import encryption
from clubapp.db.errors import KnownError
from clubapp.services import club_encryption
from clubapp.services.errors import NotAllowed
from clubapp.ui.context import AppContext
from clubapp.ui.signin import ShowPassword, password_box
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.messages import ask_to_confirm, busy_cursor

HEADING = "Encryption"
IS_ON = (
    "Encryption is on. The club's information and its backups can only be opened with "
    "the club's passphrase."
)
IS_OFF = (
    "Encryption is off. Anyone who can open the club's file on this laptop, or a "
    "backup, could read the club's information."
)
WHAT_IT_MEANS = (
    "If you turn encryption on, clubapp asks for the club's passphrase every time it "
    "opens. Without the passphrase nobody can open the club's information or its "
    "backups, not even the people who make clubapp. So a recovery sheet with the "
    "passphrase is printed for a trustee to lock away. Choose a short sentence you will "
    f"remember, at least {encryption.PASSPHRASE_MIN} letters long."
)
DIFFERENT = "The two passphrases are different. Type the same one twice."
TURN_OFF_QUESTION = (
    "Turn encryption off? The club's information and its backups will be saved so that "
    "anyone who can open the file can read them. The recovery sheet will no longer be "
    "needed: shred it."
)
SHEET_TITLE = "Recovery sheet"


class EncryptionPart(QWidget):
    """Shows one of three faces: encryption off (turn it on), on (print a sheet, change
    the passphrase, turn it off), or not available here (the reason, no buttons)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        self.heading = QLabel(HEADING, self)
        self.heading.setProperty("role", "subheading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.state_words = QLabel(self)
        self.state_words.setWordWrap(True)
        self.state_words.setProperty("role", "large")
        layout.addWidget(self.state_words)
        self.note = QLabel(self)  # what just happened
        self.note.setWordWrap(True)
        self.note.hide()

        # Off: the passphrase twice, and the button.
        self.off_part = QWidget(self)
        off = QVBoxLayout(self.off_part)
        off.setContentsMargins(0, 0, 0, 0)
        off.setSpacing(16)
        self.explain = QLabel(WHAT_IT_MEANS, self.off_part)
        self.explain.setWordWrap(True)
        off.addWidget(self.explain)
        self.new_passphrase = password_box(self.off_part)
        self.new_row = FieldRow("The club's passphrase", self.new_passphrase, parent=self.off_part)
        self.new_again = password_box(self.off_part)
        self.new_again_row = FieldRow("The passphrase again", self.new_again, parent=self.off_part)
        off.addWidget(self.new_row)
        off.addWidget(self.new_again_row)
        off.addWidget(_show_letters(self.off_part, self.new_passphrase, self.new_again))
        self.turn_on_button = BigButton("Turn on encryption", self.off_part)
        off.addLayout(_row(self.turn_on_button))
        layout.addWidget(self.off_part)

        # On: the passphrase as it is, for any of the three actions.
        self.on_part = QWidget(self)
        on = QVBoxLayout(self.on_part)
        on.setContentsMargins(0, 0, 0, 0)
        on.setSpacing(16)
        self.current = password_box(self.on_part)
        self.current_row = FieldRow(
            "The club's passphrase",
            self.current,
            "Type it to print a new recovery sheet, to change it, or to turn encryption off.",
            self.on_part,
        )
        on.addWidget(self.current_row)
        self.print_sheet_button = BigButton(
            "Print a new recovery sheet", self.on_part, variant="secondary"
        )
        on.addLayout(_row(self.print_sheet_button))
        self.changed_passphrase = password_box(self.on_part)
        self.changed_row = FieldRow(
            "A new passphrase",
            self.changed_passphrase,
            "A new recovery sheet is printed, and the old one must be shredded.",
            self.on_part,
        )
        self.changed_again = password_box(self.on_part)
        self.changed_again_row = FieldRow(
            "The new passphrase again", self.changed_again, parent=self.on_part
        )
        on.addWidget(self.changed_row)
        on.addWidget(self.changed_again_row)
        on.addWidget(
            _show_letters(self.on_part, self.current, self.changed_passphrase, self.changed_again)
        )
        self.change_button = BigButton("Change the passphrase", self.on_part, variant="secondary")
        on.addLayout(_row(self.change_button))
        self.turn_off_button = BigButton("Turn off encryption", self.on_part, variant="secondary")
        on.addLayout(_row(self.turn_off_button))
        layout.addWidget(self.on_part)
        layout.addWidget(self.note)

        self.turn_on_button.clicked.connect(self.turn_on)
        self.print_sheet_button.clicked.connect(self.print_sheet)
        self.change_button.clicked.connect(self.change_passphrase)
        self.turn_off_button.clicked.connect(self.turn_off)
        self.refresh()

    # ------------------------------------------------------------ showing

    def refresh(self) -> None:
        db = self.ctx.db
        reason = encryption.unavailable_reason()
        if reason is not None:
            self.state_words.setText(reason)
            self.off_part.hide()
            self.on_part.hide()
            return
        self.state_words.setText(IS_ON if db.encrypted else IS_OFF)
        self.off_part.setVisible(not db.encrypted)
        self.on_part.setVisible(db.encrypted)
        can_change = db.read_only is None
        for button in (self.turn_on_button, self.change_button, self.turn_off_button):
            button.setEnabled(can_change)
        if not can_change:
            self._say(db.read_only_message)

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _clear(self) -> None:
        for row in (
            self.new_row,
            self.new_again_row,
            self.current_row,
            self.changed_row,
            self.changed_again_row,
        ):
            row.clear_error()
        self._say("")

    def _forget_typed(self) -> None:
        for box in (
            self.new_passphrase,
            self.new_again,
            self.current,
            self.changed_passphrase,
            self.changed_again,
        ):
            box.clear()

    # ------------------------------------------------------------ actions

    def turn_on(self) -> bool:
        """Encrypt the club with the passphrase typed twice, then show its recovery sheet."""
        self._clear()
        passphrase = self.new_passphrase.text()
        if not _well_chosen(self.new_row, passphrase):
            return False
        if self.new_again.text() != passphrase:
            self.new_again_row.show_error(DIFFERENT)
            return False
        try:
            with busy_cursor():
                left = self.ctx.db.turn_on_encryption(passphrase, self.ctx.actor)
        except (KnownError, NotAllowed) as exc:
            self.new_row.show_error(str(exc))
            return False
        self._forget_typed()
        self.refresh()
        self._say(
            "Encryption is on. Print the recovery sheet now and give it to a trustee to "
            "lock away." + _left_words(left, "encrypted")
        )
        self._show_sheet(passphrase)
        return True

    def print_sheet(self) -> bool:
        self._clear()
        passphrase = self.current.text()
        if not self._is_the_passphrase(passphrase):
            return False
        self._show_sheet(passphrase)
        self.current.clear()
        return True

    def change_passphrase(self) -> bool:
        self._clear()
        old, new = self.current.text(), self.changed_passphrase.text()
        if not self._is_the_passphrase(old) or not _well_chosen(self.changed_row, new):
            return False
        if self.changed_again.text() != new:
            self.changed_again_row.show_error(DIFFERENT)
            return False
        try:
            with busy_cursor():
                left = self.ctx.db.change_passphrase(old, new, self.ctx.actor)
        except (KnownError, NotAllowed) as exc:
            self.changed_row.show_error(str(exc))
            return False
        self._forget_typed()
        self.refresh()
        self._say(
            "The passphrase is changed. Print the new recovery sheet, give it to the trustee, "
            "and shred the old one." + _left_words(left, "given the new passphrase")
        )
        self._show_sheet(new)
        return True

    def turn_off(self) -> bool:
        self._clear()
        passphrase = self.current.text()
        if not self._is_the_passphrase(passphrase):
            return False
        if not ask_to_confirm(
            self, "Turn off encryption", TURN_OFF_QUESTION, "Yes, turn encryption off"
        ):
            return False
        try:
            with busy_cursor():
                left = self.ctx.db.turn_off_encryption(passphrase, self.ctx.actor)
        except (KnownError, NotAllowed) as exc:
            self.current_row.show_error(str(exc))
            return False
        self._forget_typed()
        self.refresh()
        self._say("Encryption is off. Shred the recovery sheet." + _left_words(left, "made plain"))
        return True

    def _is_the_passphrase(self, typed: str) -> bool:
        if not typed:
            self.current_row.show_error("Type the club's passphrase first.")
            return False
        if typed != self.ctx.db.passphrase:
            self.current_row.show_error(encryption.WRONG_PASSPHRASE)
            return False
        return True

    def _show_sheet(self, passphrase: str) -> None:
        ctx = self.ctx
        db = ctx.db
        today = ctx.today()
        ctx.navigator.show_pdf(
            SHEET_TITLE,
            lambda: ctx.run(
                club_encryption.recovery_sheet, passphrase, db.path, db.backups_dir, today
            ),
            f"recovery-sheet-{today.isoformat()}.pdf",
        )


def _well_chosen(row: FieldRow, passphrase: str) -> bool:
    try:
        encryption.check_length(passphrase)
    except KnownError as exc:
        row.show_error(str(exc))
        return False
    return True


def _left_words(left: list[Path], done: str) -> str:
    if not left:
        return ""
    names = ", ".join(path.name for path in left[:3])
    more = f" and {len(left) - 3} more" if len(left) > 3 else ""
    return (
        f" {len(left)} old backup{'s' if len(left) != 1 else ''} could not be {done} "
        f"({names}{more}); they are left as they were in the backups folder."
    )


def _show_letters(parent: QWidget, *boxes: QLineEdit) -> ShowPassword:
    toggle = ShowPassword(*boxes, parent=parent)
    toggle.setText("Show the letters")
    return toggle


def _row(button: BigButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    return row

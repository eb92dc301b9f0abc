"""At start, when the club's information is damaged: offer to put back the newest good backup.

The damaged file has been left exactly as it is. Putting the backup back goes through
:func:`clubapp.db.backup.restore`, which first keeps a copy of the damaged file (in case
someone can rescue more from it), then copies the backup in. Closing instead changes
nothing.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from clubapp import paths
from clubapp.db.database import when_words
from clubapp.db.errors import DamagedDatabase, KnownError
from clubapp.ui.widgets.messages import ConfirmDialog, busy_cursor, tell

TITLE = "The club's information is damaged"
PUT_BACK = "Put back the backup"
CLOSE = "Close clubapp"


def offer_words(taken_at: datetime) -> str:
    return (
        f"The club's information is damaged. The newest good backup is from "
        f"{when_words(taken_at)}. Put it back?\n\n"
        "Anything saved after that time will need typing in again. The damaged copy is "
        "kept, in case someone can rescue more from it."
    )


class RestoreOfferDialog(ConfirmDialog):
    """Big buttons: Put back the backup, or Close clubapp (the default, which changes
    nothing). A restore that fails says why inside the dialog and can be tried again."""

    def __init__(
        self,
        parent: QWidget | None,
        db_path: Path,
        backup: Path,
        taken_at: datetime,
        backups_dir: Path | None = None,
        passphrase: str | None = None,
    ) -> None:
        super().__init__(parent, TITLE, offer_words(taken_at), PUT_BACK, CLOSE)
        self.db_path = Path(db_path)
        self.backup = Path(backup)
        self.taken_at = taken_at
        self.backups_dir = backups_dir or paths.backups_dir_for(self.db_path)
        self.passphrase = passphrase  # an encrypted club's, for its encrypted backups
        #: The copy of the damaged file kept before the backup went back, once done.
        self.safety_copy: Path | None = None
        self.error_label = QLabel(self)
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(2, self.error_label)  # under the question, over the buttons
        self.confirm_button.clicked.disconnect()
        self.confirm_button.clicked.connect(self.put_back)

    def put_back(self) -> bool:
        """Put the backup back (keeping the damaged file); True, and the dialog closes, if
        it worked; otherwise say why, in the dialog."""
        from clubapp.db.backup import restore

        self.error_label.hide()
        try:
            with busy_cursor():
                self.safety_copy = restore(
                    self.db_path, self.backup, self.backups_dir, passphrase=self.passphrase
                )
        except KnownError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            self.resize(self._fit())
            return False
        self.accept()
        return True


def offer_restore(
    parent: QWidget | None,
    db_path: Path,
    damage: DamagedDatabase,
    passphrase: str | None = None,
) -> bool:
    """Ask, and put the newest good backup back if the person agrees. True if it is back
    (then the club can be opened); False if they chose to close clubapp."""
    if damage.good_backup is None or damage.good_backup_taken_at is None:
        return False
    dialog = RestoreOfferDialog(
        parent, db_path, damage.good_backup, damage.good_backup_taken_at, passphrase=passphrase
    )
    try:
        if dialog.exec() != RestoreOfferDialog.DialogCode.Accepted:
            return False
        kept = dialog.safety_copy
    finally:
        dialog.deleteLater()
    where = f" The damaged copy is kept as {kept.name} in the folder {kept.parent}." if kept else ""
    tell(
        parent,
        "The backup is back",
        f"The club's information from {when_words(damage.good_backup_taken_at)} is back in "
        f"place.{where} Please check the last things you saved, and type in again anything "
        "that is missing.",
    )
    return True

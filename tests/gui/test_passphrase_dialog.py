"""At start, an encrypted club: a window asks for the passphrase with a big field, "Show
the letters" and two big buttons; a wrong one is said under the field and the person
simply tries again; the right one opens the club."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from clubapp import app, paths
from clubapp.db import encryption
from clubapp.db.backup import automatic_backup
from clubapp.db.database import Database, open_database
from clubapp.services import members
from clubapp.services.permissions import COMMAND_LINE
from clubapp.ui import theme
from clubapp.ui.dialogs.passphrase import PassphraseDialog
from tests.conftest import add_person
from tests.gui.a11y import audit
from tests.gui.committee_helpers import answer_next_question
from tests.gui.test_faults_damaged_offer import press_ok_on_the_next_message

LEFT = Qt.MouseButton.LeftButton
PASSPHRASE = "blue kettle on the windowsill"
CANARY = "Quillonbe Zarkwinder"

pytestmark = pytest.mark.skipif(
    encryption.unavailable_reason() is not None, reason="sqlcipher3 has no build here"
)


@pytest.fixture
def locked_club(db, coordinator):
    """An encrypted club with one person, closed."""
    add_person(db, coordinator, CANARY)
    db.turn_on_encryption(PASSPHRASE, coordinator)
    db.close()
    return db.path


@pytest.fixture
def dialog(locked_club, qtbot, themed_app):
    tries: list[str] = []

    def try_open(typed: str) -> Database:
        tries.append(typed)
        return open_database(locked_club, passphrase=typed)

    shown = PassphraseDialog(None, try_open, str(locked_club))
    shown.tries = tries  # type: ignore[attr-defined]
    qtbot.addWidget(shown)
    shown.open()
    qtbot.waitExposed(shown)
    yield shown
    if isinstance(shown.opened, Database):
        shown.opened.close()


def test_a_wrong_passphrase_is_said_under_the_field_then_the_right_one_opens(dialog, qtbot):
    qtbot.keyClicks(dialog.passphrase, "blue kettle on the windowsil")  # one letter short
    qtbot.mouseClick(dialog.open_button, LEFT)
    assert dialog.isVisible() and dialog.opened is None
    assert dialog.field.has_error()
    words = dialog.field.error_text()
    assert "does not open" in words and "Caps Lock" in words
    # Nothing is counted and nothing waits: the person just types it again.
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    assert not dialog.field.has_error()  # typing clears the old words
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)  # Enter opens, as the button does
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert isinstance(dialog.opened, Database) and dialog.opened.encrypted
    assert [p.full_name for p in dialog.opened.run(members.list_people, COMMAND_LINE)] == [CANARY]
    assert dialog.tries == ["blue kettle on the windowsil", PASSPHRASE]


def test_an_empty_field_says_what_to_do_without_trying(dialog, qtbot):
    qtbot.mouseClick(dialog.open_button, LEFT)
    assert "Type the club's passphrase" in dialog.field.error_text()
    assert dialog.tries == [] and dialog.isVisible()


def test_show_the_letters_shows_what_was_typed(dialog, qtbot):
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.show_letters.text() == "Show the letters"
    qtbot.mouseClick(dialog.show_letters, LEFT)
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.mouseClick(dialog.show_letters, LEFT)
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Password


def test_close_clubapp_opens_nothing(dialog, qtbot, locked_club):
    before = locked_club.read_bytes()
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert dialog.result() == PassphraseDialog.DialogCode.Rejected
    assert dialog.opened is None and dialog.tries == []
    assert locked_club.read_bytes() == before


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_window_passes_the_interface_rules(dialog, qtbot, scale):
    """Big targets, names, fonts, nothing cut off, within a 1280 x 720 screen, at 100 %
    and 200 % text, also with the words of a wrong passphrase under the field."""
    theme.apply_theme(theme.qapp(), scale)
    qtbot.keyClicks(dialog.passphrase, "not it at all")
    qtbot.mouseClick(dialog.open_button, LEFT)
    qtbot.waitUntil(lambda: dialog.heading.font().pointSizeF() >= 24 * scale)
    dialog.resize(dialog._fit())
    assert audit(dialog, scale) == []
    assert dialog.width() <= 1280 and dialog.height() <= 720
    for button in (dialog.open_button, dialog.close_button):
        assert button.height() >= 44


def type_into_the_next_passphrase_window(*attempts: str) -> list[str]:
    """Type each attempt in turn into the passphrase window when it shows, and press
    Open the club; returns the words shown under the field after each wrong one."""
    said: list[str] = []
    left = list(attempts)

    def answer() -> None:
        dialog = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, PassphraseDialog) and w.isVisible()
            ),
            None,
        )
        if dialog is None:
            QTimer.singleShot(10, answer)
            return
        dialog.passphrase.setText(left.pop(0))
        dialog.open_button.click()
        if dialog.field.has_error():
            said.append(dialog.field.error_text())
        if left:
            QTimer.singleShot(0, answer)

    QTimer.singleShot(0, answer)
    return said


def test_the_app_asks_at_start_and_opens_the_encrypted_club(locked_club, themed_app):
    said = type_into_the_next_passphrase_window("Blue Kettle On The Windowsill", PASSPHRASE)
    database = app.open_club(locked_club)
    try:
        assert database is not None and database.encrypted
        assert len(said) == 1 and "does not open" in said[0]
        assert [p.full_name for p in database.run(members.list_people, COMMAND_LINE)] == [CANARY]
    finally:
        if database is not None:
            database.close()


def test_a_damaged_encrypted_club_offers_its_encrypted_backup_after_the_passphrase(
    locked_club, themed_app
):
    """The passphrase is right but the file is damaged: the newest good (encrypted)
    backup is offered, put back with the passphrase, and the club opens."""
    good = automatic_backup(
        locked_club, paths.backups_dir_for(locked_club), "daily", passphrase=PASSPHRASE
    )
    data = bytearray(locked_club.read_bytes())
    for i in range(4096 * 5, 4096 * 5 + 64):  # a page after the first
        data[i] ^= 0xFF
    locked_club.write_bytes(bytes(data))
    said = type_into_the_next_passphrase_window(PASSPHRASE)
    asked = answer_next_question(confirm=True)
    told = press_ok_on_the_next_message()
    database = app.open_club(locked_club)
    try:
        assert said == [] and asked and "Put it back?" in asked[0]
        assert told and "pre-restore" in told[0]
        assert database is not None and database.encrypted
        assert [p.full_name for p in database.run(members.list_people, COMMAND_LINE)] == [CANARY]
    finally:
        if database is not None:
            database.close()
    assert encryption.looks_encrypted(locked_club) and good.exists()

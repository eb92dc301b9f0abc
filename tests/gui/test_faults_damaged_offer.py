"""At start, a damaged club file: a window offers the newest good backup in plain words with
big buttons; putting it back keeps a copy of the damaged file; closing changes nothing."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from clubapp import app, paths
from clubapp.db.access import quick_check
from clubapp.db.backup import automatic_backup, integrity_ok, list_backups
from clubapp.db.errors import DamagedDatabase
from clubapp.services import members
from clubapp.services.permissions import COMMAND_LINE
from clubapp.ui import theme
from clubapp.ui.dialogs.restore_offer import RestoreOfferDialog
from clubapp.ui.widgets.messages import InfoDialog
from tests.gui.a11y import audit
from tests.gui.committee_helpers import answer_next_question
from tests.unit.fault_helpers import damage_pages, digest

LEFT = Qt.MouseButton.LeftButton
TAKEN = datetime(2026, 12, 1, 18, 15, 0)  # a Tuesday


@pytest.fixture
def damaged(demo_club, tmp_path):
    """A damaged copy of the demo club, and a good backup of it from TAKEN."""
    path = tmp_path / "club.sqlite3"
    damage_pages(demo_club, path, "money_entries")
    good = automatic_backup(demo_club, paths.backups_dir_for(path), "daily", now=TAKEN)
    return path, good


@pytest.fixture
def offer(damaged, qtbot, themed_app):
    path, good = damaged
    dialog = RestoreOfferDialog(None, path, good, TAKEN)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_offer_says_when_the_backup_is_from_with_big_buttons(offer):
    """The words name the backup's day and time; two big buttons say what they do; the
    default (Enter) closes, changing nothing."""
    assert offer.message.text().startswith(
        "The club's information is damaged. The newest good backup is from "
        "Tuesday 1 December 2026 at 18:15. Put it back?"
    )
    assert offer.confirm_button.text() == "Put back the backup"
    assert offer.cancel_button.text() == "Close clubapp"
    for button in (offer.confirm_button, offer.cancel_button):
        assert button.height() >= 44 and button.width() >= 44
    assert offer.cancel_button.isDefault()


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_offer_passes_the_interface_rules(offer, qtbot, scale):
    """Big targets, names, fonts, nothing cut off, within a 1280 × 720 screen, at 100 %
    and 200 % text."""
    theme.apply_theme(theme.qapp(), scale)
    offer.hide()
    offer.show()  # sized again for the text, as when it first opens
    qtbot.waitUntil(lambda: offer.heading.font().pointSizeF() >= 24 * scale)
    assert audit(offer, scale) == []
    assert offer.width() <= 1280 and offer.height() <= 720


def test_putting_it_back_restores_and_keeps_the_damaged_file(offer, damaged, qtbot):
    """Put back the backup: the club is whole again, and the damaged file is kept as a
    pre-restore copy (still damaged: kept as it was)."""
    path, _good = damaged
    qtbot.mouseClick(offer.confirm_button, LEFT)
    assert offer.result() == RestoreOfferDialog.DialogCode.Accepted
    assert quick_check(path) == [] and integrity_ok(path)
    kept = offer.safety_copy
    assert kept is not None and kept.name.endswith("-pre-restore.sqlite3")
    assert not integrity_ok(kept)


def test_closing_changes_nothing(offer, damaged, qtbot):
    """Close clubapp: the damaged file is byte for byte as it was, no copy is made."""
    path, _good = damaged
    before = digest(path)
    qtbot.mouseClick(offer.cancel_button, LEFT)
    assert offer.result() == RestoreOfferDialog.DialogCode.Rejected
    assert digest(path) == before
    assert [b.reason for b in list_backups(paths.backups_dir_for(path))] == ["daily"]


def test_a_restore_that_fails_says_why_in_the_window(offer, damaged, qtbot):
    """The backup has gone (the memory stick was taken out): said plainly in the window,
    which stays open; the damaged file is untouched."""
    path, good = damaged
    before = digest(path)
    good.unlink()
    qtbot.mouseClick(offer.confirm_button, LEFT)
    assert offer.isVisible()
    assert offer.error_label.isVisible()
    assert "could not be found" in offer.error_label.text()
    assert digest(path) == before


def press_ok_on_the_next_message() -> list[str]:
    """Press "OK, got it" in the next message shown; returns [its words]."""
    told: list[str] = []

    def answer() -> None:
        dialog = next(
            (w for w in QApplication.topLevelWidgets() if type(w) is InfoDialog and w.isVisible()),
            None,
        )
        if dialog is None:
            QTimer.singleShot(10, answer)
            return
        told.append(dialog.message.text())
        dialog.ok_button.click()

    QTimer.singleShot(0, answer)
    return told


def test_starting_on_a_damaged_club_offers_the_backup_then_opens_it(damaged, themed_app):
    """The app's start: the offer, Put back, a note of where the damaged copy is, then the
    club opens with everyone in it."""
    path, _good = damaged
    asked = answer_next_question(confirm=True)
    told = press_ok_on_the_next_message()
    database = app.open_club(path)
    try:
        assert database is not None
        assert asked and "Tuesday 1 December 2026 at 18:15" in asked[0]
        assert told and "pre-restore" in told[0]
        assert len(database.run(members.list_people, COMMAND_LINE)) > 10
    finally:
        if database is not None:
            database.close()


def test_starting_and_choosing_to_close_opens_nothing(damaged, themed_app):
    """Choosing Close clubapp at start: no club opened, the file as it was."""
    path, _good = damaged
    before = digest(path)
    answer_next_question(confirm=False)
    assert app.open_club(path) is None
    assert digest(path) == before


def test_starting_with_no_good_backup_says_so(damaged, themed_app):
    """Without a good backup there is nothing to offer: the damage is said as an error."""
    path, good = damaged
    good.unlink()
    before = digest(path)
    with pytest.raises(DamagedDatabase) as caught:
        app.open_club(path)
    assert "no good backup" in str(caught.value)
    assert digest(path) == before

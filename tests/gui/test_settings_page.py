"""Settings through the real widgets: club name, auto-lock minutes, who can sign in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clubapp.services import club, users
from clubapp.ui.context import AppContext
from clubapp.ui.page_stack import PageStack
from clubapp.ui.pages.settings import SettingsPage
from clubapp.ui.tablemodels.users import UsersTableModel
from tests.conftest import TODAY

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def page(db, coordinator, qtbot, themed_app):
    ctx = AppContext(db, coordinator, today=lambda: TODAY)
    stack = PageStack(ctx)
    qtbot.addWidget(stack)
    settings = SettingsPage(ctx)
    stack.open_room(settings)
    stack.resize(1100, 700)
    stack.show()
    qtbot.waitExposed(stack)
    return settings


def test_rename_the_club(page, qtbot, db):
    """Typing a new name and pressing Save renames the club; an empty name is refused beside it."""
    page.club_name.clear()
    qtbot.mouseClick(page.save_name_button, LEFT)
    assert page.club_name_row.has_error()
    assert db.run(club.club_name) == "Riverside Club"
    qtbot.keyClicks(page.club_name, "Riverside Memory Club")
    qtbot.mouseClick(page.save_name_button, LEFT)
    assert db.run(club.club_name) == "Riverside Memory Club"
    assert not page.club_name_row.has_error()


def test_lock_minutes_go_up_and_down_within_1_to_60(page, qtbot, db):
    """The minute buttons change the saved setting and stop at 1."""
    assert "after 5 minutes" in page.lock_words.text()
    qtbot.mouseClick(page.longer_button, LEFT)
    assert db.run(club.get_int, "idle_lock_minutes") == 6
    for _ in range(10):
        if page.shorter_button.isEnabled():
            qtbot.mouseClick(page.shorter_button, LEFT)
    assert db.run(club.get_int, "idle_lock_minutes") == 1
    assert "after 1 minute " in page.lock_words.text()
    assert not page.shorter_button.isEnabled()


def test_add_someone_who_can_sign_in(page, qtbot, db):
    """The add form makes an account; mismatched passwords are refused next to the field."""
    qtbot.keyClicks(page.add_name, "Dev Patel")
    page.add_role.setCurrentIndex(page.add_role.findData("volunteer"))
    qtbot.keyClicks(page.add_password, "volunteer words")
    qtbot.keyClicks(page.add_password_again, "volunteer wordz")
    qtbot.mouseClick(page.add_button, LEFT)
    assert page.add_rows["password_again"].has_error()
    assert page.add_name.text() == "Dev Patel"
    page.add_password_again.clear()
    qtbot.keyClicks(page.add_password_again, "volunteer words")
    qtbot.mouseClick(page.add_button, LEFT)
    tiles = {t.name: t.role for t in db.run(users.sign_in_tiles)}
    assert tiles == {"Sam Taylor": "coordinator", "Dev Patel": "volunteer"}
    assert page.model.rowCount() == 2
    dev = next(t for t in db.run(users.sign_in_tiles) if t.name == "Dev Patel")
    assert db.run(users.sign_in, dev.user_id, "volunteer words").actor is not None


def test_the_only_coordinator_cannot_be_stopped_or_demoted(page, qtbot, db, coordinator):
    """Stopping or demoting the last coordinator is refused with the reason; others can be."""
    page.choose(coordinator.user_id)
    qtbot.mouseClick(page.stop_button, LEFT)
    assert "only coordinator" in page.role_row.error_text()
    assert db.run(users.sign_in_tiles)[0].name == "Sam Taylor"
    other = db.run(users.add_user, coordinator, "Ruth Ellis", "committee", "committee words")
    page.refresh_now()
    page.choose(other)
    assert page.stop_button.text() == "Stop them signing in"
    qtbot.mouseClick(page.stop_button, LEFT)
    assert [t.name for t in db.run(users.sign_in_tiles)] == ["Sam Taylor"]
    assert page.stop_button.text() == "Let them sign in again"


def test_reset_someones_password(page, qtbot, db, coordinator):
    """A new password typed for the chosen person works at sign-in; a short one is refused."""
    other = db.run(users.add_user, coordinator, "Ruth Ellis", "committee", "committee words")
    page.refresh_now()
    page.choose(other)
    qtbot.keyClicks(page.new_password, "short")
    qtbot.mouseClick(page.set_password_button, LEFT)
    assert "at least 8" in page.new_password_row.error_text()
    page.new_password.clear()
    qtbot.keyClicks(page.new_password, "a brand new password")
    qtbot.mouseClick(page.set_password_button, LEFT)
    assert db.run(users.sign_in, other, "a brand new password").actor is not None


def test_users_model_passes_qt_model_tester(qtmodeltester, db, coordinator):
    """The sign-in list model keeps Qt's model rules."""
    qtmodeltester.check(UsersTableModel(db.run(users.list_users, coordinator)))

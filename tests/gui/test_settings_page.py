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


def test_days_of_warning_about_checks(page, qtbot, db):
    """The days of warning are saved; words, 0 and more than 180 are refused beside the
    box, keeping what was typed."""
    assert page.check_days.text() == "30"
    for typed, says in (("soon", "whole number"), ("0", "from 1 to 180"), ("181", "from 1 to 180")):
        page.check_days.clear()
        qtbot.keyClicks(page.check_days, typed)
        qtbot.mouseClick(page.save_check_days_button, LEFT)
        assert says in page.check_days_row.error_text()
        assert page.check_days.text() == typed
        assert db.run(club.get_int, "check_warning_days") == 30
    page.check_days.clear()
    qtbot.keyClicks(page.check_days, " 45 ")
    qtbot.mouseClick(page.save_check_days_button, LEFT)
    assert not page.check_days_row.has_error()
    assert db.run(club.get_int, "check_warning_days") == 45
    assert page.check_days.text() == "45"
    assert page.check_days_note.text() == "Saved: checks are warned about 45 days ahead."


def test_value_of_an_hour_of_volunteer_time(page, qtbot, db):
    """The value is typed in pounds and kept in pence; 0 is allowed; a minus, words or
    more than £1,000 are refused beside the box in the words of this setting (never the
    accounts' "money in" or "money out"), keeping what was typed."""
    assert page.hour_value.text() == "12.71"
    for typed, says in (
        ("-1", "The value of an hour cannot be less than nothing."),
        ("-3", "cannot be less than nothing"),
        ("(5)", "cannot be less than nothing"),
        ("", "The value of an hour is blank."),
        ("12 CR", "as a plain amount"),
        ("twelve", "not an amount"),
        ("2000", "more than £1,000.00"),
        ("99999999999999999", "more than £1,000.00"),
        ("12.345", "two figures"),
    ):
        page.hour_value.clear()
        qtbot.keyClicks(page.hour_value, typed)
        qtbot.mouseClick(page.save_hour_value_button, LEFT)
        said = page.hour_value_row.error_text()
        assert says in said
        assert not any(w in said.lower() for w in ("money in", "money out", "payment", "books"))
        assert page.hour_value.text() == typed
        assert db.run(club.get_int, "volunteer_hour_pence") == 1271
    page.hour_value.clear()
    qtbot.keyClicks(page.hour_value, "£13.5")
    qtbot.mouseClick(page.save_hour_value_button, LEFT)
    assert not page.hour_value_row.has_error()
    assert db.run(club.get_int, "volunteer_hour_pence") == 1350
    assert page.hour_value.text() == "13.50"
    assert page.hour_value_note.text() == "Saved: an hour of volunteer time is worth £13.50."
    page.hour_value.clear()
    qtbot.keyClicks(page.hour_value, "0")
    qtbot.mouseClick(page.save_hour_value_button, LEFT)
    assert db.run(club.get_int, "volunteer_hour_pence") == 0
    assert page.hour_value.text() == "0.00"


def test_a_box_being_typed_in_keeps_its_words_when_another_setting_is_saved(page, qtbot, db):
    """Saving the days of warning reloads the page; the value of an hour being typed stays."""
    page.hour_value.clear()
    qtbot.keyClicks(page.hour_value, "15")
    page.check_days.clear()
    qtbot.keyClicks(page.check_days, "60")
    qtbot.mouseClick(page.save_check_days_button, LEFT)
    assert db.run(club.get_int, "check_warning_days") == 60
    assert page.hour_value.text() == "15"
    assert db.run(club.get_int, "volunteer_hour_pence") == 1271

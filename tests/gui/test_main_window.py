"""The whole window as people use it: first run, sign-in, the rail, Back, Help, text size,
auto-lock and unlocking without losing what was typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from clubapp.services import club, users
from clubapp.ui import theme
from clubapp.ui.main_window import MainWindow
from tests.conftest import COORDINATOR_PASSWORD, TODAY

LEFT = Qt.MouseButton.LeftButton


class FakeClock:
    """Seconds that only move when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def make_window(db, qtbot, themed_app, clock):
    def make() -> MainWindow:
        win = MainWindow(db, today=lambda: TODAY, clock=clock)
        qtbot.addWidget(win)
        win.resize(1280, 720)
        win.show()
        qtbot.waitExposed(win)
        return win

    yield make
    theme.apply_theme(themed_app, 1.0)


def sign_in(win: MainWindow, qtbot, name: str, password: str) -> None:
    tile = next(t for t in win.sign_in.tiles if t.name() == name)
    qtbot.mouseClick(tile, LEFT)
    qtbot.keyClicks(win.sign_in.password, password)
    qtbot.keyClick(win.sign_in.password, Qt.Key.Key_Return)


def test_first_run_sets_up_the_club_and_signs_in(make_window, qtbot, db):
    """An empty database asks for the club's name and the first coordinator, then opens Home."""
    win = make_window()
    screen = win.first_run
    assert win.screens.currentWidget() is screen
    qtbot.keyClicks(screen.club_name, "Riverside Club")
    qtbot.keyClicks(screen.your_name, "Sam Taylor")
    qtbot.keyClicks(screen.password, "long enough words")
    qtbot.keyClicks(screen.password_again, "long enough wordz")
    qtbot.mouseClick(screen.set_up_button, LEFT)
    row = screen.form.field("password_again")
    assert row.has_error() and "different" in row.error_text()
    assert screen.club_name.text() == "Riverside Club"  # nothing typed is lost
    screen.password_again.clear()
    qtbot.keyClicks(screen.password_again, "long enough words")
    qtbot.mouseClick(screen.set_up_button, LEFT)
    qtbot.waitUntil(lambda: win.shell is not None)
    assert win.shell.heading.text() == "Home"
    assert "Riverside Club" in win.shell.rooms["Home"].club_label.text()
    assert db.run(club.club_name) == "Riverside Club"
    assert [t.name for t in db.run(users.sign_in_tiles)] == ["Sam Taylor"]


def test_first_run_short_password_is_refused_next_to_the_field(make_window, qtbot, db):
    """A password under 8 characters is refused beside the password field, nothing saved."""
    win = make_window()
    screen = win.first_run
    qtbot.keyClicks(screen.club_name, "Riverside Club")
    qtbot.keyClicks(screen.your_name, "Sam Taylor")
    qtbot.keyClicks(screen.password, "short")
    qtbot.keyClicks(screen.password_again, "short")
    qtbot.mouseClick(screen.set_up_button, LEFT)
    assert "at least 8" in screen.form.field("password").error_text()
    assert db.run(club.club_name) is None
    assert win.shell is None


def test_sign_in_with_name_tile_and_password(make_window, qtbot, coordinator):
    """Tapping a name then typing the password opens Home for that person."""
    win = make_window()
    sign_in(win, qtbot, "Sam Taylor", "not the password")
    assert "not right" in win.sign_in.form.field("password").error_text()
    assert win.shell is None
    win.sign_in.password.clear()
    qtbot.keyClicks(win.sign_in.password, COORDINATOR_PASSWORD)
    qtbot.mouseClick(win.sign_in.sign_in_button, LEFT)
    qtbot.waitUntil(lambda: win.shell is not None)
    assert "Sam Taylor" in win.shell.who_label.text()
    assert win.shell.nav["Home"].isChecked()


def test_ten_wrong_passwords_mean_a_wait_said_in_words(make_window, qtbot, coordinator):
    """After 10 wrong tries the screen says to wait 5 minutes, and the right one is refused."""
    win = make_window()
    qtbot.mouseClick(win.sign_in.tiles[0], LEFT)
    for _ in range(10):
        win.sign_in.password.clear()
        qtbot.keyClicks(win.sign_in.password, "wrong wrong")
        qtbot.mouseClick(win.sign_in.sign_in_button, LEFT)
    assert "wait 5 minutes" in win.sign_in.form.field("password").error_text()
    win.sign_in.password.clear()
    qtbot.keyClicks(win.sign_in.password, COORDINATOR_PASSWORD)
    qtbot.mouseClick(win.sign_in.sign_in_button, LEFT)
    assert win.shell is None
    assert "wait" in win.sign_in.form.field("password").error_text()


def test_rail_back_and_help(make_window, qtbot, coordinator, person_factory):
    """The rail changes room and heading; Back returns from a person; Help explains the page."""
    person_factory("Zoë O'Brien")
    win = make_window()
    sign_in(win, qtbot, "Sam Taylor", COORDINATOR_PASSWORD)
    qtbot.waitUntil(lambda: win.shell is not None)
    shell = win.shell
    assert not shell.back_button.isEnabled()
    qtbot.mouseClick(shell.nav["Members"], LEFT)
    assert shell.heading.text() == "Members"
    members_page = shell.rooms["Members"]
    members_page.open_person(members_page.model.rows()[0].person_id)
    assert shell.heading.text() == "Zoë O'Brien"
    assert shell.back_button.isEnabled()
    qtbot.mouseClick(shell.back_button, LEFT)
    assert shell.heading.text() == "Members"
    qtbot.mouseClick(shell.help_button, LEFT)
    qtbot.waitUntil(lambda: shell.help_dialog is not None and shell.help_dialog.isVisible())
    assert "Help: Members" in shell.help_dialog.windowTitle()
    qtbot.mouseClick(shell.help_dialog.ok_button, LEFT)
    assert not shell.help_dialog.isVisible()


def test_text_size_changes_and_is_remembered(make_window, qtbot, coordinator):
    """Larger text goes up in 25 % steps to 200 %, and the next sign-in brings it back."""
    win = make_window()
    sign_in(win, qtbot, "Sam Taylor", COORDINATOR_PASSWORD)
    qtbot.waitUntil(lambda: win.shell is not None)
    for _ in range(6):
        if win.shell.larger_button.isEnabled():
            qtbot.mouseClick(win.shell.larger_button, LEFT)
    assert theme.current_scale() == 2.0
    assert not win.shell.larger_button.isEnabled()
    assert win.shell.scale_label.text() == "Text size 200 %"
    qtbot.mouseClick(win.shell.smaller_button, LEFT)
    assert theme.current_scale() == 1.75
    assert win.width() <= 1280 and win.height() <= 720  # the window never outgrows the screen
    qtbot.mouseClick(win.shell.sign_out_button, LEFT)
    qtbot.waitUntil(lambda: win.shell is None)
    theme.apply_theme(QApplication.instance(), 1.0)
    sign_in(win, qtbot, "Sam Taylor", COORDINATOR_PASSWORD)
    qtbot.waitUntil(lambda: win.shell is not None)
    assert theme.current_scale() == 1.75


def _open_new_person_form(win: MainWindow, qtbot):
    from clubapp.ui.pages.person import PersonPage

    buttons = win.shell.rooms["Home"].action_buttons
    qtbot.mouseClick(next(b for b in buttons if b.text() == "Add a person"), LEFT)
    page = win.shell.pages.current
    assert isinstance(page, PersonPage)
    return page


def test_lock_and_unlock_keeps_a_half_typed_person(make_window, qtbot, coordinator):
    """Lock hides everything; the right password returns to the same form, text intact."""
    win = make_window()
    sign_in(win, qtbot, "Sam Taylor", COORDINATOR_PASSWORD)
    qtbot.waitUntil(lambda: win.shell is not None)
    page = _open_new_person_form(win, qtbot)
    name_box = page.full_name
    qtbot.keyClicks(name_box, "Margaret Hughes")
    qtbot.waitUntil(name_box.isVisible)
    qtbot.mouseClick(win.shell.lock_button, LEFT)
    assert win.locked
    assert not name_box.isVisible()
    qtbot.keyClicks(win.lock_screen.password, "wrong password")
    qtbot.mouseClick(win.lock_screen.unlock_button, LEFT)
    assert win.locked
    assert "not right" in win.lock_screen.form.field("password").error_text()
    win.lock_screen.password.clear()
    qtbot.keyClicks(win.lock_screen.password, COORDINATOR_PASSWORD)
    qtbot.mouseClick(win.lock_screen.unlock_button, LEFT)
    assert not win.locked
    assert win.shell.pages.current is page
    qtbot.waitUntil(name_box.isVisible)
    assert name_box.text() == "Margaret Hughes"


def test_auto_lock_warns_then_locks_and_still_here_keeps_going(
    make_window, qtbot, db, coordinator, clock
):
    """After the idle time a warning comes 30 s ahead; "I'm still here" resets it; then it locks."""
    db.run(club.set_int, "idle_lock_minutes", 1, coordinator)
    win = make_window()
    sign_in(win, qtbot, "Sam Taylor", COORDINATOR_PASSWORD)
    qtbot.waitUntil(lambda: win.shell is not None)
    page = _open_new_person_form(win, qtbot)
    qtbot.keyClicks(page.full_name, "Half typed")
    win.idle.touch()
    clock.now += 29
    win.idle.check()
    assert not win.shell.banner.isVisible()
    clock.now += 1  # 30 seconds before the minute is up
    win.idle.check()
    assert win.shell.banner.isVisible()
    assert "lock itself" in win.shell.banner.message.text()
    qtbot.mouseClick(win.shell.banner.button, LEFT)
    assert not win.shell.banner.isVisible()
    clock.now += 61
    win.idle.check()
    assert win.locked
    qtbot.keyClicks(win.lock_screen.password, COORDINATOR_PASSWORD)
    qtbot.keyClick(win.lock_screen.password, Qt.Key.Key_Return)
    assert not win.locked
    assert page.full_name.text() == "Half typed"


def test_a_key_or_a_click_anywhere_counts_as_someone_being_there(
    make_window, qtbot, coordinator, clock
):
    """Input reaching the main window or a dialog's window restarts the idle time."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    from clubapp.ui.widgets.messages import InfoDialog

    win = make_window()
    sign_in(win, qtbot, "Sam Taylor", COORDINATOR_PASSWORD)
    qtbot.waitUntil(lambda: win.shell is not None)
    clock.now += 100
    assert win.idle.seconds_idle() == 100
    QTest.keyClick(win.windowHandle(), Qt.Key.Key_Shift)
    assert win.idle.seconds_idle() == 0

    dialog = InfoDialog(win, "Help", "Some help to read.")
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog.windowHandle())
    clock.now += 100
    QTest.mouseClick(dialog.windowHandle(), LEFT, pos=QPoint(5, 5))
    assert win.idle.seconds_idle() == 0


def test_sign_out_returns_to_the_names(make_window, qtbot, coordinator):
    """Sign out shows "Who is using the laptop?" again."""
    win = make_window()
    sign_in(win, qtbot, "Sam Taylor", COORDINATOR_PASSWORD)
    qtbot.waitUntil(lambda: win.shell is not None)
    qtbot.mouseClick(win.shell.sign_out_button, LEFT)
    assert win.shell is None
    assert win.screens.currentWidget() is win.sign_in
    assert [t.name() for t in win.sign_in.tiles] == ["Sam Taylor"]


def test_other_roles_get_their_own_rooms(make_window, qtbot, actors):
    """A treasurer sees the rooms the role table allows; no Add a person on Home."""
    win = make_window()
    sign_in(win, qtbot, "Pat Green", "treasurer password")
    qtbot.waitUntil(lambda: win.shell is not None)
    assert list(win.shell.nav) == [
        "Home",
        "Members",
        "Attendance",
        "Committee",
        "Votes",
        "Programme",
        "Volunteers",
        "Grants",
        "Accounts",
    ]
    home = win.shell.rooms["Home"]
    words = [b.text() for b in home.action_buttons]
    assert "Add a person" not in words
    assert "See attendance" in words
    qtbot.mouseClick(home.action_buttons[words.index("The club's books")], Qt.LeftButton)
    assert win.shell.nav["Accounts"].isChecked()
    assert win.shell.pages.current is win.shell.rooms["Accounts"]


def test_closing_the_window_asks_before_losing_a_half_typed_form(
    make_window, qtbot, coordinator, monkeypatch
):
    """Closing with unsaved typing asks first; choosing to stay keeps the window and the text."""
    from clubapp.ui.pages import person as person_module

    asked: list[str] = []

    def stay(_parent, _title, question, *_args, **_kwargs) -> bool:
        asked.append(question)
        return False  # "Stay and keep my changes"

    monkeypatch.setattr(person_module, "ask_to_confirm", stay)
    win = make_window()
    sign_in(win, qtbot, "Sam Taylor", COORDINATOR_PASSWORD)
    qtbot.waitUntil(lambda: win.shell is not None)
    page = _open_new_person_form(win, qtbot)
    qtbot.keyClicks(page.full_name, "Margaret Hughes")
    assert win.close() is False
    assert asked and win.isVisible()
    assert page.full_name.text() == "Margaret Hughes"
    # Choosing to leave closes it (and leaves nothing asking once the test ends).
    monkeypatch.setattr(person_module, "ask_to_confirm", lambda *_a, **_k: True)
    assert win.close() is True

"""DESIGN §2 checked on every screen and dialog, at 100 % and 200 % text, in a 1280×720 window."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from clubapp import demo
from clubapp.services import attendance, printouts
from clubapp.ui import theme
from clubapp.ui.main_window import MainWindow
from tests.conftest import TODAY
from tests.gui.a11y import audit

SCALES = (1.0, 2.0)


def demo_user(role: str) -> tuple[str, str]:
    name, _role, password, _key = next(u for u in demo.DEMO_USERS if u[1] == role)
    return name, password


def sign_in(window: MainWindow, qtbot, role: str) -> None:
    name, password = demo_user(role)
    tile = next(t for t in window.sign_in.tiles if t.name() == name)
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.sign_in.password, password)
    qtbot.mouseClick(window.sign_in.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.shell is not None)


def check(widget: QWidget, scale: float, where: str) -> list[str]:
    # Let layouts settle as they do before a person looks: a change of text posts a
    # layout request, whose result posts a resize, and so on for a few rounds.
    for _ in range(5):
        QApplication.processEvents()
    assert widget.isVisible(), f"{where} is not on the screen"
    if isinstance(widget, QDialog):
        # A dialog must fit on the 1280×720 screen too.
        problems = (
            []
            if widget.width() <= 1280 and widget.height() <= 720
            else [f"the dialog is {widget.width()}×{widget.height()}, bigger than the screen"]
        )
    else:
        problems = (
            []
            if widget.width() <= 1280 and widget.height() <= 720
            else [f"the window grew to {widget.width()}×{widget.height()}"]
        )
    shell = getattr(widget, "shell", None)
    if shell is not None and widget.screens.currentWidget() is shell:
        frame = shell.pages.currentWidget()
        if frame.horizontalScrollBar().isVisible():
            problems.append("the page is wider than the window and scrolls sideways")
    return [f"{where} at {int(scale * 100)} %: {p}" for p in problems + audit(widget, scale)]


def screens(window: MainWindow) -> list[tuple[str, Callable[[], QWidget]]]:
    """Each screen a coordinator can reach, as (name, how to get there)."""
    from clubapp.ui.pages.person import PersonPage
    from clubapp.ui.pages.sessions import SessionsPage

    shell = window.shell
    ctx = window.ctx

    def room(name: str) -> Callable[[], QWidget]:
        return lambda: (shell.go_to(name), window)[1]

    def person(person_id: int | None) -> Callable[[], QWidget]:
        def go() -> QWidget:
            shell.go_to("Members")
            ctx.navigator.push(PersonPage(ctx, person_id))
            return window

        return go

    def sessions() -> QWidget:
        shell.go_to("Attendance")
        ctx.navigator.push(SessionsPage(ctx))
        return window

    def counts() -> QWidget:
        shell.go_to("Attendance")
        page = shell.rooms["Attendance"]
        page.show_counts()
        return window

    return [
        ("Home", room("Home")),
        ("Members", room("Members")),
        ("Attendance", room("Attendance")),
        ("Attendance counts", counts),
        ("Adding a person", person(None)),
        ("A person's record", person(1)),
        ("Plan sessions", sessions),
        ("Notes", room("Notes")),
        ("Committee", room("Committee")),
        ("Settings", room("Settings")),
    ]


@pytest.mark.parametrize("scale", SCALES)
def test_every_coordinator_screen_meets_the_rules(window, qtbot, scale):
    """Sizes, names, fonts, clipping and Tab order on each page the coordinator sees."""
    sign_in(window, qtbot, "coordinator")
    theme.apply_theme(QApplication.instance(), scale)
    problems: list[str] = []
    for name, go in screens(window):
        problems += check(go(), scale, name)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("role", ["treasurer", "committee", "volunteer"])
def test_other_roles_screens_meet_the_rules(window, qtbot, scale, role):
    """The same checks for what the other roles see (read-only record, register)."""
    from clubapp.ui.pages.person import PersonPage

    sign_in(window, qtbot, role)
    theme.apply_theme(QApplication.instance(), scale)
    problems: list[str] = []
    for room in window.shell.nav:
        window.shell.go_to(room)
        problems += check(window, scale, f"{role}: {room}")
    window.shell.go_to("Members")
    window.ctx.navigator.push(PersonPage(window.ctx, 1))
    problems += check(window, scale, f"{role}: a person's record")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scale", SCALES)
def test_sign_in_and_lock_screens_meet_the_rules(window, qtbot, scale):
    """The name tiles, the password step and the lock screen."""
    theme.apply_theme(QApplication.instance(), scale)
    problems = check(window, scale, "Who is using the laptop?")
    qtbot.mouseClick(window.sign_in.tiles[0], Qt.MouseButton.LeftButton)
    problems += check(window, scale, "Password")
    qtbot.mouseClick(window.sign_in.not_me_button, Qt.MouseButton.LeftButton)
    sign_in(window, qtbot, "coordinator")
    theme.apply_theme(QApplication.instance(), scale)
    window.lock()
    problems += check(window, scale, "Lock screen")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scale", SCALES)
def test_first_run_screen_meets_the_rules(db, qtbot, themed_app, scale):
    """The welcome that sets up a new club."""
    win = MainWindow(db, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    theme.apply_theme(themed_app, scale)
    problems = check(win, scale, "Welcome")
    theme.apply_theme(themed_app, 1.0)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scale", SCALES)
def test_dialogs_meet_the_rules(window, qtbot, scale, tmp_path):
    """Help, a question, the PDF preview and the import preview with problems."""
    from clubapp.ui.dialogs.members_import import MembersImportDialog
    from clubapp.ui.dialogs.pdf_preview import show_pdf_preview
    from clubapp.ui.widgets.messages import ConfirmDialog, InfoDialog

    sign_in(window, qtbot, "coordinator")
    theme.apply_theme(QApplication.instance(), scale)
    problems: list[str] = []

    help_dialog = InfoDialog(window, "Help: Members", window.shell.room("Members").help_text)
    help_dialog.open()
    problems += check(help_dialog, scale, "Help")
    help_dialog.accept()

    confirm = ConfirmDialog(
        window,
        "Remove the photo",
        "Remove Zoë O'Brien's photo?",
        "Yes, remove the photo",
        danger=True,
    )
    confirm.open()
    problems += check(confirm, scale, "A question")
    confirm.reject()

    session = window.ctx.read(attendance.next_session, TODAY)
    preview = show_pdf_preview(
        window,
        "Sign-in sheet",
        lambda: window.ctx.read(printouts.sign_in_sheet, session.session_id, TODAY),
        "sign-in.pdf",
    )
    problems += check(preview, scale, "PDF preview")
    preview.reject()

    bad = tmp_path / "people.csv"
    bad.write_text(
        "Full name,Phone,Email\nAnn Able,07700 900123,ann@example.org\nBob,12,not-an-email\n",
        encoding="utf-8",
    )
    dialog = MembersImportDialog(window.ctx, window)
    dialog.open()
    dialog.load_file(bad)
    problems += check(dialog, scale, "Import preview")
    dialog.reject()
    assert not problems, "\n".join(problems)


def test_pages_hidden_during_a_text_size_change_show_right(window, qtbot):
    """Pages built at 100 %, hidden while the text grows to 200 %, are not clipped when shown."""
    sign_in(window, qtbot, "coordinator")
    shell = window.shell
    for room in shell.nav:
        shell.go_to(room)
    QApplication.processEvents()
    for _ in range(4):
        qtbot.mouseClick(shell.larger_button, Qt.MouseButton.LeftButton)
    assert theme.current_scale() == 2.0
    problems: list[str] = []
    for room in shell.nav:
        shell.go_to(room)
        problems += check(window, 2.0, f"{room} after the text size changed elsewhere")
    assert not problems, "\n".join(problems)

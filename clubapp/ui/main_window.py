"""The one window: first-run welcome or sign-in, then the shell, and the lock screen over it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clubapp.db.database import Database
from clubapp.services import club, users
from clubapp.services.permissions import Actor
from clubapp.ui import theme
from clubapp.ui.context import SETTINGS, AppContext
from clubapp.ui.dialogs.drafts_offer import offer_drafts
from clubapp.ui.idle import IdleWatcher
from clubapp.ui.shell import Shell
from clubapp.ui.signin import FirstRunScreen, LockScreen, SignInScreen
from clubapp.ui.widgets.messages import ask_to_confirm


class MainWindow(QMainWindow):
    def __init__(
        self,
        db: Database,
        today: Callable[[], date] = date.today,
        clock: Callable[[], float] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._today = today
        self._clock = clock
        self.setWindowTitle("clubapp")
        self.screens = QStackedWidget(self)
        #: Across the top of every screen when the club can only be read: why, and what
        #: to do (None when the club can be changed).
        self.read_only_banner: QLabel | None = None
        if db.read_only is not None:
            self.setCentralWidget(self._with_read_only_banner(db.read_only_message))
        else:
            self.setCentralWidget(self.screens)
        self._lock_screen: LockScreen | None = None
        self.shell: Shell | None = None
        self.ctx: AppContext | None = None
        self.idle: IdleWatcher | None = None
        self._was_maximised = False  # before a voting screen filled the screen
        self.sign_in: SignInScreen | None = None
        self.first_run: FirstRunScreen | None = None
        if db.run(users.has_users):
            self.show_sign_in()
        else:
            self.first_run = FirstRunScreen(db, self)
            self.first_run.signed_in.connect(self.start)
            self.screens.addWidget(self.first_run)
            self.screens.setCurrentWidget(self.first_run)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(1280, 720)

    def _with_read_only_banner(self, message: str) -> QWidget:
        frame = QWidget(self)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        banner = QLabel(message, frame)
        banner.setProperty("role", "error")
        banner.setWordWrap(True)
        banner.setTextFormat(Qt.TextFormat.PlainText)
        banner.setAccessibleName(message)
        layout.addWidget(banner)
        layout.addWidget(self.screens, 1)
        self.read_only_banner = banner
        return frame

    @property
    def lock_screen(self) -> LockScreen:
        """Built the first time the laptop locks, to keep start-up quick."""
        if self._lock_screen is None:
            self._lock_screen = LockScreen(self.db, self)
            self._lock_screen.unlocked.connect(self.unlock)
            self._lock_screen.switch_person.connect(self._switch_person)
            self.screens.addWidget(self._lock_screen)
        return self._lock_screen

    @property
    def locked(self) -> bool:
        return self._lock_screen is not None and self.screens.currentWidget() is self._lock_screen

    def show_sign_in(self) -> None:
        if self.sign_in is None:
            self.sign_in = SignInScreen(self.db, self.db.run(club.club_name) or "", self)
            self.sign_in.signed_in.connect(self.start)
            self.screens.addWidget(self.sign_in)
        else:
            self.sign_in.reload()
        self._apply_scale(self.db.run(club.get_int, "last_text_scale"))
        self.screens.setCurrentWidget(self.sign_in)

    def start(self, actor: Actor, scale_percent: int) -> None:
        """Someone signed in: build their shell (their rooms depend on their role)."""
        self._apply_scale(scale_percent)
        self.db.run_bookkeeping(club.set_int, "last_text_scale", scale_percent)
        self.ctx = AppContext(self.db, actor, self._today, self)
        self.shell = Shell(self.ctx, self)
        self.shell.lock_requested.connect(self.lock)
        self.shell.kiosk_changed.connect(self._kiosk)
        self.shell.sign_out_requested.connect(self.sign_out)
        self.screens.addWidget(self.shell)
        self.screens.setCurrentWidget(self.shell)
        if self.first_run is not None:
            self.first_run.deleteLater()
            self.first_run = None
        minutes = self.db.run(club.get_int, "idle_lock_minutes")
        kwargs = {"clock": self._clock} if self._clock else {}
        self.idle = IdleWatcher(minutes, parent=self, **kwargs)
        self.idle.warn.connect(self.shell.banner.warn)
        self.idle.active_again.connect(self.shell.banner.hide)
        self.shell.banner.still_here.connect(self._still_here)
        self.idle.idle.connect(self.lock)
        self.ctx.changed.connect(self._on_changed)
        # What they were typing when clubapp last closed (a crash, a flat battery).
        self.drafts_offer = offer_drafts(self.shell, self)

    def _kiosk(self, on: bool) -> None:
        if self.idle is not None:
            self.idle.paused = on
            self.idle.touch()
        if on:
            self._was_maximised = self.isMaximized()
            self.showFullScreen()
        elif self.isFullScreen():
            if self._was_maximised:
                self.showMaximized()
            else:
                self.showNormal()

    def _on_changed(self, domain: str) -> None:
        if domain == SETTINGS and self.idle is not None:
            self.idle.minutes = self.db.run(club.get_int, "idle_lock_minutes")

    def _still_here(self) -> None:
        if self.idle:
            self.idle.touch()
        if self.shell:
            self.shell.banner.hide()

    def lock(self) -> None:
        """Hide everything; keep every page (and so every draft) as it is."""
        if self.ctx is None or self.locked:
            return
        # Questions and previews hold nothing typed, so closing them loses nothing.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        if self.shell:
            self.shell.banner.hide()
        self.lock_screen.lock_for(self.ctx.actor)
        self.screens.setCurrentWidget(self.lock_screen)

    def unlock(self) -> None:
        if self.shell is None:
            return
        self.screens.setCurrentWidget(self.shell)
        if self.idle:
            self.idle.touch()

    def sign_out(self) -> None:
        if self.shell is not None:
            page = self.shell.pages.current
            if page is not None and not page.can_leave():
                return
        self._end_session()

    def _switch_person(self) -> None:
        name = self.ctx.actor.name if self.ctx else "The last person"
        if ask_to_confirm(
            self,
            "Someone else wants the laptop",
            f"{name} will be signed out. Anything {name} typed but did not save will be lost.",
            f"Sign {name} out",
            "Go back",
        ):
            self._end_session()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        # Closing must not throw away a half-typed form: the page asks first.
        if self.shell is not None and not self.locked:
            page = self.shell.pages.current
            if page is not None and not page.can_leave():
                event.ignore()
                return
        # The watcher filters every event in the app; it must not outlive the window.
        self._stop_idle()
        super().closeEvent(event)

    def _stop_idle(self) -> None:
        if self.idle:
            self.idle.stop()
            self.idle.deleteLater()
            self.idle = None

    def _end_session(self) -> None:
        self._stop_idle()
        if self.shell:
            self.screens.removeWidget(self.shell)
            self.shell.deleteLater()
            self.shell = None
        if self.ctx:
            self.ctx.deleteLater()
            self.ctx = None
        self.show_sign_in()

    def _apply_scale(self, percent: int) -> None:
        theme.apply_theme(theme.qapp(), percent / 100)

"""Notice when nobody has touched the laptop, warn 30 seconds ahead, then ask to lock."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication

from clubapp.ui.theme import qapp

WARNING_SECONDS = 30
_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
}


class IdleWatcher(QObject):
    """Emits `warn(seconds_left)` once, then `idle` once, per stretch of inactivity.

    `paused` (e.g. while voting) stops it from ever interrupting. `clock` is
    injectable so tests need not wait.

    It watches the app's windows (the main window and each dialog as it gets the
    focus), where every key press, click and touch arrives first, not the whole
    application: an application-wide filter would run Python for every event to
    every object, and the first event to one of Qt's private objects costs about
    30 ms while PySide looks for a Python class for it.
    """

    warn = Signal(int)
    idle = Signal()
    active_again = Signal()

    def __init__(
        self,
        minutes: int,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.minutes = minutes
        self.paused = False
        self._last = clock()
        self._warned = False
        self._fired = False
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.check)
        app = qapp()
        app.focusWindowChanged.connect(self._watch)
        for window in app.topLevelWindows():
            if window.isVisible():
                self._watch(window)
        self._timer.start()

    def _watch(self, window: QWindow | None) -> None:
        # Qt keeps one copy of a filter per object, so watching twice is harmless.
        if window is not None:
            window.installEventFilter(self)

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusWindowChanged.disconnect(self._watch)
            for window in app.topLevelWindows():
                window.removeEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in _ACTIVITY:
            self.touch()
        return False

    def touch(self) -> None:
        self._last = self._clock()
        if self._warned and not self._fired:
            self.active_again.emit()
        self._warned = False
        self._fired = False

    def seconds_idle(self) -> float:
        return self._clock() - self._last

    def check(self) -> None:
        if self.paused or self._fired:
            return
        limit = self.minutes * 60
        idle_for = self.seconds_idle()
        if idle_for >= limit:
            self._fired = True
            self.idle.emit()
        elif idle_for >= limit - WARNING_SECONDS and not self._warned:
            self._warned = True
            self.warn.emit(int(round(limit - idle_for)))

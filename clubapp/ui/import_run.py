"""A big import run off the screen's thread, with how far it has got and a way to stop it.

`ImportRun` is a QThread that opens its own transaction through the Database object (a
database session must never pass from one thread to another), runs the import service
there with its progress functions, and says what happened by signals, which Qt delivers
on the screen's thread. `ImportProgress` is what the window shows meanwhile: the words,
a progress bar and a big "Stop the import" button. `ImportRunner` puts the two together
for a window: one run at a time, the window's other controls off meanwhile.

Stopping sets a flag the progress functions read, so the service raises ImportStopped
at its next row and the transaction is rolled back; if the service had just finished,
the flag is read once more before saving, so nothing is kept either way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from clubapp.db.database import Database
from clubapp.services.progress import ImportStopped
from clubapp.ui.widgets.buttons import BigButton

CHECKING = "checking"  # the file checked again, just before saving
SAVING = "saving"
READING = "reading"  # the file checked for the preview
STOP_WORDS = "Stop the import"
#: An import: its progress while saving, and while checking the file again first.
IMPORTING = {"progress": SAVING, "checking": CHECKING}
#: A preview: its progress while reading and checking the file.
PREVIEWING = {"progress": READING}


class ImportRun(QThread):
    """``service(session, *args, progress=…, checking=…)`` in its own transaction; which
    progress functions it takes, and the stage each reports, are ``stages``."""

    #: stage (CHECKING or SAVING), done, total
    progressed = Signal(str, int, int)
    #: what the service gave back, after it was saved
    succeeded = Signal(object)
    #: the exception that stopped it (ImportStopped when the person stopped it)
    failed = Signal(object)

    def __init__(
        self,
        db: Database,
        service: Callable[..., Any],
        *args: Any,
        stages: dict[str, str] = IMPORTING,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._service = service
        self._args = args
        self._stages = dict(stages)
        self._stop = threading.Event()
        app = QCoreApplication.instance()
        if app is not None:  # the app closing: stop first, so nothing is left half done
            app.aboutToQuit.connect(self._stop_and_wait)

    def stop(self) -> None:
        """Stop at the next row; nothing is kept."""
        self._stop.set()

    def _stop_and_wait(self) -> None:
        self.stop()
        self.wait()

    def _reporter(self, stage: str) -> Callable[[int, int], bool]:
        def report(done: int, total: int) -> bool:
            self.progressed.emit(stage, done, total)
            return not self._stop.is_set()

        return report

    def run(self) -> None:  # the import's thread
        try:
            with self._db.transaction() as session:
                reports = {name: self._reporter(stage) for name, stage in self._stages.items()}
                result = self._service(session, *self._args, **reports)
                if self._stop.is_set():  # pressed after the last row: still nothing kept
                    raise ImportStopped()
        except Exception as exc:  # handed to the screen's thread, which decides
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class ImportProgress(QWidget):
    """ "Importing 12,000 of 100,000 people…", a progress bar and "Stop the import"."""

    def __init__(self, things: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.things = things
        self.label = QLabel(self)
        self.label.setProperty("role", "label")
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName("How far the import has got")
        self.bar.setRange(0, 100)
        self.stop_button = BigButton(STOP_WORDS, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.stop_button)
        self.hide()

    def start(self, total: int, stage: str = CHECKING) -> None:
        self.stop_button.setText(STOP_WORDS)
        self.stop_button.setEnabled(True)
        self.show_progress(stage, 0, total)
        self.show()

    def show_progress(self, stage: str, done: int, total: int) -> None:
        if not self.stop_button.isEnabled():
            return  # "Stopping…" stays until it has stopped
        if stage == CHECKING:
            words = f"Checking the file again before importing {self.things}…"
        elif stage == READING:
            words = "Checking every row of the file…"
        else:
            words = f"Importing {done:,} of {total:,} {self.things}…"
        self.label.setText(words)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))

    def stopping(self) -> None:
        self.stop_button.setEnabled(False)
        self.stop_button.setText("Stopping…")
        self.label.setText("Stopping the import…")


class ImportRunner(QObject):
    """One background run at a time for a window: the progress panel shown and the
    window's other controls (``quiet``) off while it runs, then the result handed on.
    The window must refuse to close while `running` (see the import dialogs)."""

    def __init__(
        self, window: QWidget, db: Database, things: str, quiet: Sequence[QWidget]
    ) -> None:
        super().__init__(window)
        self._db = db
        self._quiet = list(quiet)
        self.panel = ImportProgress(things, window)
        self.panel.stop_button.clicked.connect(self.stop)
        self.run: ImportRun | None = None
        self._then: tuple[Callable[[Any], object], Callable[[Exception], None]] | None = None

    @property
    def running(self) -> bool:
        return self.run is not None

    def start(
        self,
        service: Callable[..., Any],
        *args: Any,
        stages: dict[str, str],
        total: int,
        succeeded: Callable[[Any], object],
        failed: Callable[[Exception], None],
    ) -> None:
        """Run ``service`` in the background; then ``succeeded(result)`` or ``failed(exc)``."""
        if self.run is not None:
            return
        # No parent: were the window deleted while it runs, the thread must outlive it
        # (a QThread deleted while running takes the whole app down).
        run = ImportRun(self._db, service, *args, stages=stages)
        run.progressed.connect(self.panel.show_progress)
        run.succeeded.connect(self._succeeded)
        run.failed.connect(self._failed)
        self.run, self._then = run, (succeeded, failed)
        for widget in self._quiet:
            widget.setEnabled(False)
        self.panel.start(total, READING if READING in stages.values() else CHECKING)
        self.panel.stop_button.setFocus()
        run.start()

    def stop(self) -> None:
        """ "Stop the import": nothing is kept."""
        if self.run is not None:
            self.panel.stopping()
            self.run.stop()

    def _end(self) -> tuple[Callable[[Any], object], Callable[[Exception], None]]:
        run, then = self.run, self._then
        self.run = self._then = None
        if run is not None:
            run.wait()
            run.deleteLater()
        self.panel.hide()
        for widget in self._quiet:
            widget.setEnabled(True)
        assert then is not None
        return then

    def _succeeded(self, result: object) -> None:
        self._end()[0](result)

    def _failed(self, exc: Exception) -> None:
        self._end()[1](exc)


class ImportDialog(QDialog):
    """What the import windows share: they cannot be closed while an import runs (stop it
    first), a stopped import is said under the Import button, and closing after an
    import says something was imported. Subclasses set ``runner``, ``imported_count``,
    ``import_button`` and ``result_label``."""

    runner: ImportRunner
    imported_count: int
    import_button: QPushButton
    result_label: QLabel

    @property
    def running(self) -> bool:
        return self.runner.running

    def _say_stopped(self, exc: ImportStopped) -> None:
        self.result_label.setText(str(exc))
        self.result_label.show()
        self.import_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def done(self, result: int) -> None:
        if self.running:
            return  # not while the import runs: stop it first
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if self.running:
            event.ignore()
            return
        super().closeEvent(event)

    def _close(self) -> None:
        if self.imported_count:
            self.accept()
        else:
            self.reject()

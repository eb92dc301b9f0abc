"""Start the app: one copy per database, the database checked and upgraded, the window shown.

Anything unexpected is caught by a crash handler that keeps what was saved, writes a
log, and tells the person in plain words.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from clubapp import paths
from clubapp.db.errors import KnownError, explain_os_error

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from clubapp.db.database import Database
    from clubapp.ui.main_window import MainWindow

log = logging.getLogger("clubapp")


def _write_crash_log(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> Path | None:
    try:
        folder = paths.data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y-%m-%d-%H%M%S}.log"
        path.write_text("".join(traceback.format_exception(kind, value, tb)), encoding="utf-8")
        return path
    except OSError:
        return None


def install_crash_handler() -> None:
    def handle(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        from clubapp.ui.widgets.messages import tell

        if isinstance(value, KnownError):
            tell(None, "clubapp could not do that", str(value))
            return
        where = _write_crash_log(kind, value, tb)
        note = f" A report was saved in {where}." if where else ""
        tell(
            None,
            "Something went wrong",
            "Something went wrong inside clubapp. Everything you had saved is safe, and "
            "what you were typing is still on the screen. Please tell the coordinator "
            f"what you were doing.{note}",
        )

    sys.excepthook = handle


def _log_to_file() -> None:
    """Warnings (such as a failed automatic backup) go to a log the coordinator can send."""
    try:
        folder = paths.data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(folder / "clubapp.log", encoding="utf-8")
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    log.addHandler(handler)


def _backup_in_background(db_path: Path, reason: str) -> threading.Thread:
    from clubapp.db.backup import automatic_backup

    def work() -> None:
        try:
            automatic_backup(db_path, paths.backups_dir_for(db_path), reason)
        except KnownError as exc:  # the next start tries again; the log says why
            log.warning("automatic %s backup failed: %s", reason, exc)

    thread = threading.Thread(target=work, name=f"backup-{reason}", daemon=False)
    thread.start()
    return thread


def _collect_from_now_on() -> None:
    gc.freeze()  # what start-up built lives as long as the app: later collections skip it
    gc.enable()


def make_application() -> QApplication:
    # Python's cycle collector runs dozens of times while start-up builds the models and
    # the first screens, and finds next to nothing to free (measured: a third of the time
    # spent importing the models). It waits until the event loop first turns.
    if gc.isenabled():
        gc.disable()
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, _collect_from_now_on)
    from PySide6.QtWidgets import QApplication

    from clubapp.ui import theme

    if QApplication.instance() is None:
        theme.create_application()
    app = theme.qapp()
    app.setApplicationName("clubapp")
    app.setApplicationDisplayName("clubapp")
    theme.load_fonts()
    theme.apply_theme(app, 1.0)
    return app


def open_window(db: Database) -> MainWindow:
    from clubapp.ui.main_window import MainWindow

    window = MainWindow(db)
    window.resize(1280, 720)
    window.show()
    return window


def run_app(db_path: Path) -> int:
    from clubapp.db.backup import automatic_backup, daily_backup_due
    from clubapp.db.database import open_database
    from clubapp.db.instance_lock import InstanceLock
    from clubapp.ui.widgets.messages import tell

    app = make_application()
    install_crash_handler()
    _log_to_file()
    lock = InstanceLock(db_path)
    try:
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise explain_os_error(exc, "make the folder for the club's data") from exc
        lock.acquire()
        db = open_database(db_path)
    except KnownError as exc:
        tell(None, "clubapp cannot open", str(exc))
        lock.release()
        return 1
    daily = None
    if daily_backup_due(db.backups_dir, datetime.now()):
        daily = _backup_in_background(db.path, "daily")
    window = open_window(db)
    code = app.exec()
    del window
    if daily is not None:
        daily.join()
    try:
        automatic_backup(db.path, db.backups_dir, "close")
    except KnownError as exc:
        print(f"clubapp: {exc}", file=sys.stderr)
    db.close()
    lock.release()
    return code

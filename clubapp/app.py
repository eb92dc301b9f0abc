"""Start the app: one copy per database, the database checked and upgraded, the window shown.

Anything unexpected is caught by a crash handler that keeps what was saved, writes a
log, and tells the person in plain words.
"""

from __future__ import annotations

import errno
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
    from clubapp.db.instance_lock import InstanceLock
    from clubapp.ui.main_window import MainWindow

log = logging.getLogger("clubapp")


def _error_words(exc: BaseException) -> str:
    """The kind of an error, never its message: a message can quote what was typed or
    saved (a name in a check, the values a database statement carried)."""
    kind = type(exc)
    name = (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )
    code = getattr(exc, "sqlite_errorname", None)
    if code is None and isinstance(exc, OSError) and exc.errno is not None:
        code = errno.errorcode.get(exc.errno)
    return f"{name}{f' ({code})' if code else ''} [its message is left out: it may name people]"


def crash_report(value: BaseException, tb: TracebackType | None) -> str:
    """What a crash log holds: where each error in the chain happened (files, lines and the
    code there) and its kind, but no message and no values, so no personal data."""
    chain: list[BaseException] = []
    current: BaseException | None = value
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        if current.__cause__ is not None:
            current = current.__cause__
        else:
            current = None if current.__suppress_context__ else current.__context__
    ordered = chain[::-1]  # the first error first, as Python prints them
    parts: list[str] = []
    for n, exc in enumerate(ordered):
        if n:
            parts.append(
                "\nThe above exception was the direct cause of the following exception:\n\n"
                if exc.__cause__ is ordered[n - 1]
                else "\nDuring handling of the above exception, another exception occurred:\n\n"
            )
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(tb if exc is value else exc.__traceback__))
        parts.append(_error_words(exc) + "\n")
    return "".join(parts)


def _write_crash_log(value: BaseException, tb: TracebackType | None) -> Path | None:
    try:
        folder = paths.data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y-%m-%d-%H%M%S}.log"
        path.write_text(crash_report(value, tb), encoding="utf-8")
        return path
    except OSError:
        return None


def install_crash_handler() -> None:
    def handle(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        from clubapp.ui.widgets.messages import tell

        if isinstance(value, KnownError):
            tell(None, "clubapp could not do that", str(value))
            return
        where = _write_crash_log(value, tb)
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


def _backup_in_background(
    db_path: Path, reason: str, passphrase: str | None = None
) -> threading.Thread:
    """The daily backup, made while the window opens (encrypted like the club, with its
    ``passphrase``). A failure (a full disk, a folder that cannot be written in) goes to
    the log only: the next start tries again."""
    from clubapp.db.backup import automatic_backup

    def work() -> None:
        try:
            automatic_backup(db_path, paths.backups_dir_for(db_path), reason, passphrase=passphrase)
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


def take_lock(lock: InstanceLock, db_path: Path) -> None:
    """One copy of the app per club. Where the club can only be read, the lock file may
    not be writable either: the app goes on without it, since a copy that cannot save
    can do no harm to another."""
    from clubapp.db.access import why_read_only
    from clubapp.db.errors import AlreadyRunning

    try:
        lock.acquire()
    except AlreadyRunning:
        raise
    except KnownError as exc:
        if why_read_only(db_path) is None:
            raise
        log.info("opening %s read-only without the lock: %s", db_path, exc.detail)


def open_club(db_path: Path) -> Database | None:
    """Open the club's database for the app; None if the person chose to stop.

    An encrypted club asks for its passphrase until it is right (or the person closes
    clubapp). A damaged database is left as it is, and the newest good backup is
    offered: putting it back keeps a copy of the damaged file. Other problems raise
    KnownError.
    """
    from clubapp.db.database import open_database
    from clubapp.db.encryption import PassphraseNeeded
    from clubapp.db.errors import DamagedDatabase

    passphrase = None
    try:
        return open_database(db_path)
    except PassphraseNeeded:
        from clubapp.ui.dialogs.passphrase import ask_passphrase

        def attempt(typed: str) -> Database | tuple[DamagedDatabase, str]:
            try:
                return open_database(db_path, passphrase=typed)
            except DamagedDatabase as exc:  # the passphrase was right: offer the backup
                return exc, typed

        opened = ask_passphrase(None, attempt, str(db_path))
        if opened is None:
            return None
        if not isinstance(opened, tuple):
            return opened
        damage, passphrase = opened
    except DamagedDatabase as exc:
        damage = exc
    if damage.good_backup is None:
        raise damage
    from clubapp.ui.dialogs.restore_offer import offer_restore

    if not offer_restore(None, db_path, damage, passphrase):
        return None
    return open_database(db_path, passphrase=passphrase)


def close_backup(db: Database) -> None:
    """The backup made as the app closes. A club that could only be read has not changed
    since it was opened, so it gets none; a failure is said on the console, never in a
    window that would keep the person from leaving."""
    from clubapp.db.backup import automatic_backup

    if db.read_only is not None:
        return
    try:
        automatic_backup(db.path, db.backups_dir, "close", passphrase=db.passphrase)
    except KnownError as exc:
        log.warning("the backup on closing failed: %s", exc)
        print(f"clubapp: {exc}", file=sys.stderr)


def run_app(db_path: Path) -> int:
    from clubapp.db.backup import daily_backup_due
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
        take_lock(lock, db_path)
        db = open_club(db_path)
    except KnownError as exc:
        tell(None, "clubapp cannot open", str(exc))
        lock.release()
        return 1
    if db is None:
        lock.release()
        return 1
    daily = None
    if daily_backup_due(db.backups_dir, datetime.now()):
        daily = _backup_in_background(db.path, "daily", db.passphrase)
    try:
        window = open_window(db)
    except KnownError as exc:  # e.g. another program kept the file busy past the wait
        tell(None, "clubapp cannot open", str(exc))
        if daily is not None:
            daily.join()
        db.close()
        lock.release()
        return 1
    code = app.exec()
    del window
    if daily is not None:
        daily.join()
    close_backup(db)
    db.close()
    lock.release()
    return code

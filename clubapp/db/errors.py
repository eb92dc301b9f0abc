"""Errors the environment causes, which the user can do something about.

Each one carries a kind, plain-words message (``str(error)``) that says what went
wrong and what to do next, ready to show in a dialog or print on the command line.
Anything that is not a :class:`KnownError` is a bug and gets the crash dialog.

This module is imported by the command line and the app at start-up, so it only
uses the standard library.
"""

from __future__ import annotations

import errno
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

__all__ = [
    "AlreadyRunning",
    "DamagedDatabase",
    "BackupFailed",
    "DatabaseUnavailable",
    "KnownError",
    "NewerDatabase",
    "NotAClubDatabase",
    "ReadOnlyDatabase",
    "database_errors",
    "explain_os_error",
]


class KnownError(Exception):
    """An error the user can act on; ``str(error)`` is a kind, plain message.

    ``detail`` keeps the technical reason (for the log), apart from the message.
    """

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class NotAClubDatabase(KnownError):
    """The file is not a club database (it must never be overwritten)."""


class DamagedDatabase(KnownError):
    """The club database file is damaged (SQLite cannot read it); it is left as it is.

    ``good_backup`` and ``good_backup_taken_at`` name the newest backup that passed its
    check, when one was looked for and found, so the app can offer to put it back.
    """

    def __init__(
        self,
        message: str,
        *,
        detail: str | None = None,
        good_backup: Path | None = None,
        good_backup_taken_at: datetime | None = None,
    ) -> None:
        super().__init__(message, detail=detail)
        self.good_backup = good_backup
        self.good_backup_taken_at = good_backup_taken_at


class NewerDatabase(KnownError):
    """The database was written by a newer version of clubapp."""


class AlreadyRunning(KnownError):
    """Another copy of the app has this database open."""


class BackupFailed(KnownError):
    """A backup could not be made: disk full, folder not writable, copy failed its check."""


class DatabaseUnavailable(KnownError):
    """The database cannot be used just now: locked, read-only, folder missing, ..."""


class ReadOnlyDatabase(DatabaseUnavailable):
    """The club's information may only be read on this computer, so nothing was saved."""


# SQLite primary result codes (sqlite3.SQLITE_* exist only from Python 3.11).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14

_DISK_FULL_ERRNOS = {errno.ENOSPC} | ({errno.EDQUOT} if hasattr(errno, "EDQUOT") else set())
_NOT_ALLOWED_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}
_MISSING_ERRNOS = {errno.ENOENT, errno.ENOTDIR}
_GONE_ERRNOS = {errno.EIO} | ({errno.ENODEV} if hasattr(errno, "ENODEV") else set())
_BUSY_ERRNOS = {errno.EBUSY} | ({errno.ETXTBSY} if hasattr(errno, "ETXTBSY") else set())


def database_errors(name: str = "Error", *also: type[Exception]) -> tuple[type[Exception], ...]:
    """The database error class ``name`` ("Error", "OperationalError", "DatabaseError",
    ...) of the sqlite3 module, and of sqlcipher3 once it is loaded: an encrypted club's
    connections raise sqlcipher3's own classes, which are not sqlite3's subclasses.
    ``also`` adds other classes. Use as ``except database_errors("Error", OSError) as
    exc:`` (the classes are looked up as the exception is matched)."""
    classes: list[type[Exception]] = [*also, getattr(sqlite3, name)]
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    if cipher is not None:
        classes.append(getattr(cipher, name))
    return tuple(classes)


def _kind_of(exc: BaseException) -> str:
    """Sort an OS or SQLite error into one of a few kinds the user can act on."""
    if isinstance(exc, database_errors()):
        code = getattr(exc, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        text = str(exc).lower()
        if primary == _SQLITE_FULL or "database or disk is full" in text:
            return "full"
        if primary == _SQLITE_READONLY or "readonly database" in text:
            return "not-allowed"
        if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "is locked" in text:
            return "locked"
        if primary == _SQLITE_PERM or "access permission denied" in text:
            return "not-allowed"
        if primary == _SQLITE_CANTOPEN or "unable to open database file" in text:
            return "cannot-open"
        if primary == _SQLITE_IOERR or "disk i/o error" in text:
            return "gone"
        return "other"
    if isinstance(exc, OSError):
        number = exc.errno
        if number in _DISK_FULL_ERRNOS:
            return "full"
        if number in _NOT_ALLOWED_ERRNOS or isinstance(exc, PermissionError):
            return "not-allowed"
        if number in _MISSING_ERRNOS or isinstance(exc, (FileNotFoundError, NotADirectoryError)):
            return "missing"
        if number in _GONE_ERRNOS:
            return "gone"
        if number in _BUSY_ERRNOS:
            return "locked"
        # Windows: "the process cannot access the file because it is being used".
        if getattr(exc, "winerror", None) in (32, 33):
            return "locked"
        return "other"
    return "other"


_MESSAGES = {
    "full": (
        "The disk is full, so clubapp could not {doing}. "
        "Free some space (empty the recycle bin or delete old files) and try again."
    ),
    "not-allowed": (
        "clubapp is not allowed to write in that place, so it could not {doing}. "
        "The folder or disk may be read-only (a memory stick can have a lock switch). "
        "Choose another folder, or ask the person who looks after this computer."
    ),
    "locked": (
        "The club's information is being used by another program, so clubapp could not "
        "{doing}. Close the other program (or the other clubapp window), wait a moment "
        "and try again."
    ),
    "missing": (
        "A folder that clubapp needs could not be found, so it could not {doing}. "
        "If you use a memory stick or a network drive, check it is connected, then try again."
    ),
    "cannot-open": (
        "clubapp could not open the file it needs, so it could not {doing}. "
        "Check the folder still exists and that the memory stick or network drive is "
        "connected, then try again."
    ),
    "gone": (
        "The disk could not be read or written, so clubapp could not {doing}. "
        "If you use a memory stick, check it is plugged in properly, then try again."
    ),
    "other": (
        "Something went wrong with the disk, so clubapp could not {doing}. "
        "Please try again. If it keeps happening, ask for help and mention this message."
    ),
}


def explain_os_error(
    exc: OSError | sqlite3.Error | Exception,
    doing: str,
    *,
    error_class: type[KnownError] = DatabaseUnavailable,
) -> KnownError:
    """Turn a disk or database error into a known error with a kind message.

    ``doing`` is a short phrase that finishes "clubapp could not ...", such as
    ``"save the backup"``. ``error_class`` picks the kind of known error returned
    (``BackupFailed`` when backing up). The technical text is kept in ``detail``.
    Use as ``raise explain_os_error(exc, "save the backup") from exc``.
    """
    kind = _kind_of(exc)
    message = _MESSAGES[kind].format(doing=doing.strip().rstrip("."))
    return error_class(message, detail=f"{type(exc).__name__}: {exc}")

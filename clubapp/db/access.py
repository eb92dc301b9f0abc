"""Reading a club database without changing it, and telling when it can only be read.

- :func:`why_read_only` says whether this computer lets clubapp write the database (the
  file, the folder it is in, the disk), so the app can open it read-only with a banner
  saying why, rather than failing at the first save.
- :func:`connect_for_reading` opens the file so that nothing can be written. A database
  in WAL mode needs a small shared-memory file beside it; in a folder nobody may write
  in, that file cannot be made, and the file is opened as immutable instead.
- :func:`quick_check` is SQLite's cheap check of the file's structure, used at start.

Only the standard library is used: the command line and start-up import this early.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from enum import Enum
from pathlib import Path

from clubapp.db.errors import database_errors

__all__ = [
    "ReadOnly",
    "connect_for_reading",
    "quick_check",
    "read_only_message",
    "read_only_uri",
    "what_to_do",
    "why_read_only",
]

_BUSY_TIMEOUT_S = 10.0
_SQLITE_ERROR = 1
_SQLITE_READONLY = 8
_SQLITE_CANTOPEN = 14


class ReadOnly(Enum):
    """Why clubapp may only read the club's information."""

    DISK = "disk"  # the disk or memory stick is read-only (a lock switch, a CD, ...)
    FOLDER = "folder"  # the folder the file is in cannot be written in
    FILE = "file"  # the file itself is marked read-only
    ASKED = "asked"  # the app was asked to open it read-only


def read_only_uri(path: Path | str, *, immutable: bool = False) -> str:
    """An SQLite URI that opens ``path`` for reading only (safe for any file name).

    ``immutable`` also tells SQLite that nobody changes the file while it is open, so it
    takes no locks and needs no shared-memory file beside it.
    """
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    return uri + "&immutable=1" if immutable else uri


def _mounted_read_only(folder: Path) -> bool:
    """True if the file system holding ``folder`` is mounted read-only (POSIX)."""
    flag = getattr(os, "ST_RDONLY", None)
    if flag is None or not hasattr(os, "statvfs"):
        return False
    try:
        return bool(os.statvfs(folder).f_flag & flag)
    except OSError:
        return False


def why_read_only(path: Path | str) -> ReadOnly | None:
    """Why this computer lets clubapp only read the database at ``path``, or None if it
    may write it. A file that does not exist yet is judged by its folder.

    Note: the administrator (root) may write anywhere that is not mounted read-only, so
    for them a file marked read-only is still writable, and this says None.
    """
    path = Path(path)
    folder = path.parent
    if _mounted_read_only(folder if folder.exists() else folder.parent):
        return ReadOnly.DISK
    if path.exists() and not os.access(path, os.W_OK):
        return ReadOnly.FILE
    # SQLite writes its journal (and the WAL's shared memory) beside the file.
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        return ReadOnly.FOLDER
    return None


_WHAT_TO_DO = {
    ReadOnly.DISK: (
        "The disk or memory stick it is kept on only allows reading. If the memory stick "
        "has a small lock switch on its side, slide it to unlock, then open clubapp again."
    ),
    ReadOnly.FOLDER: (
        "The folder it is kept in ({folder}) does not allow changes. Ask the person who "
        "looks after this computer to allow changes in that folder, then open clubapp again."
    ),
    ReadOnly.FILE: (
        "The file {name} is marked read-only. Ask the person who looks after this computer "
        "to allow changes to that file, then open clubapp again."
    ),
    ReadOnly.ASKED: (
        "It was opened to be looked at only. To make changes, close clubapp and open it "
        "again in the usual way."
    ),
}

READ_ONLY_START = (
    "This computer only lets clubapp read the club's information, so nothing can be saved."
)


def what_to_do(path: Path | str, why: ReadOnly) -> str:
    """What to do so clubapp may change the club's information again, in plain words."""
    path = Path(path)
    return _WHAT_TO_DO[why].format(folder=path.parent, name=path.name)


def read_only_message(path: Path | str, why: ReadOnly) -> str:
    """The plain words for the banner and for every refused save: what and what to do."""
    return f"{READ_ONLY_START} {what_to_do(path, why)}"


def _needs_immutable(exc: Exception) -> bool:
    """The read-only open failed because SQLite could not make its shared-memory file."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (_SQLITE_READONLY, _SQLITE_CANTOPEN)
    text = str(exc).lower()
    return "readonly" in text or "unable to open" in text


def connect_for_reading(
    path: Path | str, *, timeout: float = _BUSY_TIMEOUT_S, passphrase: str | None = None
) -> tuple[sqlite3.Connection, bool]:
    """Open ``path`` so nothing can be written; the connection, and whether it had to be
    opened as immutable (a WAL database in a folder that cannot be written in).

    ``passphrase`` opens an encrypted file (clubapp.db.encryption; a wrong one raises
    WrongPassphrase). Raises ``sqlite3.Error`` as ``sqlite3.connect`` would for a
    missing or locked file (sqlcipher3's error for an encrypted one).
    """
    if passphrase is not None:
        return _connect_encrypted_for_reading(path, timeout, passphrase)
    conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=timeout)
    try:
        # Reading the schema makes SQLite open the file (and its WAL index) now.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn, False
    except sqlite3.OperationalError as exc:
        conn.close()
        if not _needs_immutable(exc):
            raise
    except BaseException:
        conn.close()
        raise
    conn = sqlite3.connect(read_only_uri(path, immutable=True), uri=True, timeout=timeout)
    return conn, True


def _connect_encrypted_for_reading(
    path: Path | str, timeout: float, passphrase: str
) -> tuple[sqlite3.Connection, bool]:
    from clubapp.db import encryption

    try:
        # connect() reads the schema with the key: the file and its WAL index open now.
        return encryption.connect(read_only_uri(path), passphrase, timeout=timeout, uri=True), False
    except database_errors("OperationalError") as exc:
        if not _needs_immutable(exc):  # type: ignore[arg-type]
            raise
    conn = encryption.connect(
        read_only_uri(path, immutable=True), passphrase, timeout=timeout, uri=True
    )
    return conn, True


def quick_check(path: Path | str, passphrase: str | None = None) -> list[str]:
    """``PRAGMA quick_check`` on ``path``, opened read-only (with ``passphrase`` if it is
    encrypted): the problems found (empty when the file is whole). The file is never
    changed. On the large demo club (27 MB) this takes about 60 ms
    (tests/bench/bench_faults.py)."""
    # The error classes are looked up as they are caught: sqlcipher3's exist once loaded.
    encrypted = passphrase is not None
    try:
        conn, _immutable = connect_for_reading(path, passphrase=passphrase)
    except database_errors("DatabaseError", MemoryError) as exc:
        if not _is_damage(exc, encrypted):
            raise
        return [str(exc) or type(exc).__name__]
    with contextlib.closing(conn):
        try:
            rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
        except database_errors("DatabaseError", MemoryError) as exc:  # "... malformed"
            if not _is_damage(exc, encrypted):
                raise
            return [str(exc) or type(exc).__name__]
    return [] if rows == ["ok"] else rows


def _is_damage(exc: BaseException, encrypted: bool) -> bool:
    """Whether a failed read means the file is damaged (not locked, gone, ...).

    SQLCipher reports a page that fails its check (its HMAC) as "SQL logic error", or
    even as out of memory, rather than SQLite's "malformed"."""
    if isinstance(exc, MemoryError):
        return encrypted
    if not isinstance(exc, database_errors("OperationalError")):
        return True
    if _damage_words(exc):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    return encrypted and isinstance(code, int) and code & 0xFF == _SQLITE_ERROR


def _damage_words(exc: Exception) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text

"""One running app per database.

The lock is an operating-system advisory lock on a small file beside the database
(``club.sqlite3.lock`` for ``club.sqlite3``), held for as long as the app runs:
``fcntl.flock`` on Linux and macOS, ``msvcrt.locking`` on Windows. When the app
stops, even by a crash or a power cut, the operating system drops the lock, so a
stale lock never keeps the club out. The file itself stays; the process id and
start time written into it are for information only.

Only the standard library is used, so this module is quick to import.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import sys
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

from clubapp.db.errors import AlreadyRunning, explain_os_error

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

__all__ = ["InstanceLock", "lock_path_for"]


def lock_path_for(db_path: Path) -> Path:
    """The lock file beside the database: ``club.sqlite3`` -> ``club.sqlite3.lock``."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(fd: int) -> bool:
    """Take the lock without waiting; False if another process (or handle) holds it."""
    if sys.platform == "win32":  # pragma: no cover
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN):
            return False
        raise
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)


class InstanceLock:
    """Makes sure only one copy of clubapp has a given database open.

    ``acquire()`` raises :class:`AlreadyRunning` when another copy holds it. Use as a
    context manager, or call ``acquire()`` at start-up and let the process keep the
    lock until it exits (``release()`` is optional; the OS drops it at exit).
    """

    def __init__(self, db_path: Path, display_name: str | None = None) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path_for(self.db_path)
        self.display_name = display_name or self.db_path.name
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, or raise :class:`AlreadyRunning`. Calling it twice is harmless."""
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:
            raise explain_os_error(exc, "open the club's information") from exc
        try:
            locked = _try_lock(fd)
        except OSError as exc:
            os.close(fd)
            raise explain_os_error(exc, "open the club's information") from exc
        if not locked:
            os.close(fd)
            raise AlreadyRunning(
                f"clubapp is already open on this computer for {self.display_name}. "
                "Switch to that window, or close it first."
            )
        self._fd = fd
        self._write_info(fd)

    @staticmethod
    def _write_info(fd: int) -> None:
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        info = f"pid={os.getpid()}\nhost={socket.gethostname()}\nstarted={started}\n"
        with contextlib.suppress(OSError):  # information only: never fail the app over it
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, info.encode("utf-8"))

    def release(self) -> None:
        """Give the lock up (harmless if not held). The lock file is left in place."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        # Deleting the file would let two processes lock two different files; keep it.
        try:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            with contextlib.suppress(OSError):
                _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def __repr__(self) -> str:
        state = "held" if self.held else "free"
        return f"InstanceLock({str(self.db_path)!r}, {state})"

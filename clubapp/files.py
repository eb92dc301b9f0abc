"""Writing files the user asked for (exports, saved PDFs) without ever leaving half a file,
and never over a database.

:func:`write_file_atomically` writes to a temporary file in the same folder, flushes it
to the disk, then renames it over the target in one step (``os.replace``): if the disk
fills up or the memory stick is pulled out, the old file (if any) is still whole and no
half-written file is left behind.

:func:`save_file` does the same, but turns a disk error into a
:class:`clubapp.db.errors.KnownError` whose message says in plain words what went wrong
and what to do, ready to show on screen.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from clubapp.db.errors import KnownError, explain_os_error

__all__ = ["save_file", "write_file_atomically"]

_SQLITE_MAGIC = b"SQLite format 3\x00"


def _refuse_database(target: Path) -> None:
    """An export or PDF must never replace the club's data (or any other database)."""
    for candidate in (
        target,
        target.with_name(target.name.removesuffix("-wal").removesuffix("-shm")),
    ):
        try:
            with candidate.open("rb") as fh:
                is_database = fh.read(16) == _SQLITE_MAGIC
        except OSError:
            continue
        if is_database:
            raise KnownError(
                f"{target.name} holds a database, so clubapp will not write over it. "
                "Choose another file name."
            )


def write_file_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` all at once; raise ``OSError`` if it cannot be done, and
    ``KnownError`` if ``path`` is a folder or a database.

    A new file is readable only by the person signed in to the computer (it may hold
    people's details); a file that is replaced keeps the permissions it had.
    """
    target = Path(path)
    if target.is_dir():
        raise KnownError(
            f"{target} is a folder. Give a file name, for example {target / 'out.pdf'}."
        )
    _refuse_database(target)
    folder = target.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp_name, stat.S_IMODE(target.stat().st_mode))
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _sync_folder(folder)
    return target


def _sync_folder(folder: Path) -> None:
    """Make the rename itself survive a power cut (POSIX only; harmless elsewhere)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def save_file(path: str | os.PathLike[str], data: bytes, doing: str = "save the file") -> Path:
    """Write the file atomically; a disk problem becomes a ``KnownError`` with a kind message.

    ``doing`` finishes the sentence "clubapp could not …", e.g. ``"save the spreadsheet"``.
    """
    try:
        return write_file_atomically(path, data)
    except OSError as exc:
        raise explain_os_error(exc, doing, error_class=KnownError) from exc

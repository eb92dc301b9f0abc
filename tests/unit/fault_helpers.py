"""Helpers for the fault tests: a disk that fills up, another program holding the lock, a
file with damaged pages, a file write that fails part way (a memory stick pulled out)."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import event

from clubapp import files as clubapp_files
from clubapp.db.database import Database

# Long words for a person's needs: together, more than a page of the file.
LONG_TIPS = "Speak slowly and face her; she reads lips. " * 45  # about 2,000 characters
LONG_ADDRESS = "Flat 3, Riverside Court, 12 Long Lane\n" * 50
LONG_MOBILITY = "Uses a walking frame; needs a chair with arms near the door. " * 32
LONG_DIET = "No nuts of any kind; soft food only, cut small; tea with honey. " * 30


# The most pages SQLite allows: "room on the disk" again.
NO_LIMIT = 4_294_967_294


class SmallDisk:
    """The club's disk, as the app sees it: ``fill()`` lets no connection of the app grow
    the file by one more page (``PRAGMA max_page_count``), so a save that needs a new
    page fails with "database or disk is full", as on a full disk; ``make_room()`` lifts
    the limit. The limit is set each time the app takes a connection from its pool."""

    def __init__(self, db: Database) -> None:
        self.limit = NO_LIMIT
        event.listen(db.engine, "checkout", self._apply)
        self.engine = db.engine

    def _apply(self, dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        # Below the file's size, SQLite sets the limit to the size: full up, not smaller.
        dbapi_conn.execute(f"PRAGMA max_page_count={self.limit}")

    def fill(self) -> None:
        # Free pages inside the file are reused without growing it, as on a real full
        # disk; pack them away first, so the next save that needs room finds none.
        raw = self.engine.raw_connection()
        try:
            if raw.execute("PRAGMA freelist_count").fetchone()[0]:
                raw.execute("VACUUM")
        finally:
            raw.close()
        self.limit = 1

    def make_room(self) -> None:
        self.limit = NO_LIMIT

    def remove(self) -> None:
        event.remove(self.engine, "checkout", self._apply)


@contextlib.contextmanager
def another_program_writing(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program holds the club's write lock (``BEGIN IMMEDIATE``) until the block
    ends, then rolls back. The connection is given for releasing it earlier."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def pages_of(path: Path, table: str) -> list[int]:
    """The page numbers (from 1) of a table's B-tree, found with the dbstat table."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        rows = conn.execute("SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", (table,))
        return [row[0] for row in rows]


def damage_pages(source: Path, copy: Path, table: str, how_many: int = 2) -> list[int]:
    """Copy ``source`` byte for byte, then flip every byte of ``how_many`` pages from the
    middle of ``table`` (not the file's header): the damage a failing disk does. Returns
    the page numbers damaged."""
    with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = pages_of(source, table)
    assert len(pages) >= how_many + 2, f"{table} has too few pages to damage its middle"
    middle = len(pages) // 2
    chosen = pages[middle : middle + how_many]
    data = bytearray(Path(source).read_bytes())
    for page in chosen:
        start = (page - 1) * page_size
        for i in range(start, start + page_size):
            data[i] ^= 0xFF
    Path(copy).write_bytes(bytes(data))
    return chosen


GONE_WORDS = "The disk could not be read or written"  # how a pulled stick is said


class PulledOut(OSError):
    """What writing to a memory stick that has just been pulled out raises."""

    def __init__(self) -> None:
        super().__init__(errno.EIO, "Input/output error")


class StickPulledAfter:
    """A binary file that takes the first ``good_bytes`` bytes, then fails as a pulled
    memory stick does; what it took is really written (a half-written file)."""

    def __init__(self, real: Any, good_bytes: int) -> None:
        self.real = real
        self.left = good_bytes

    def write(self, data: bytes) -> int:
        if self.left <= 0:
            raise PulledOut()
        part = bytes(data[: self.left])
        self.real.write(part)
        self.real.flush()
        self.left -= len(part)
        if len(part) < len(data):
            raise PulledOut()
        return len(part)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __enter__(self) -> StickPulledAfter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


def pull_after(monkeypatch, good_bytes: int) -> None:
    """From now on, each file opened for writing takes ``good_bytes`` then fails."""
    real_fdopen = clubapp_files.os.fdopen

    def fdopen(fd, *args, **kwargs):
        return StickPulledAfter(real_fdopen(fd, *args, **kwargs), good_bytes)

    monkeypatch.setattr(clubapp_files.os, "fdopen", fdopen)

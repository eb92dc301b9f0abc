"""Open a club database ready for use: checked, upgraded, with an engine and sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from clubapp import paths
from clubapp.db import migrate
from clubapp.db.engine import make_engine, make_session_factory
from clubapp.db.errors import explain_os_error

T = TypeVar("T")


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def backups_dir(self) -> Path:
        return paths.backups_dir_for(self.path)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: commit if it all worked, roll back everything if not.

        A problem the computer causes (disk full, read-only or locked file, damage)
        becomes a KnownError with a kind message; a broken rule (IntegrityError) stays a bug.
        """
        try:
            with self.sessions.begin() as session:
                yield session
        except DBAPIError as exc:
            if isinstance(exc, IntegrityError) or not isinstance(exc.orig, sqlite3.Error):
                raise
            raise explain_os_error(exc.orig, "save that") from exc

    def run(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        with self.transaction() as session:
            return fn(session, *args, **kwargs)

    def forget_history(self) -> None:
        """Fold the write-ahead log into the database and empty it. Until then it keeps
        every change since the last checkpoint: after a secret vote it would show
        whose vote changed which count."""
        # Outside any transaction: every transaction here takes the write lock first.
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.close()
        finally:
            raw.close()

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path, *, upgrade: bool = True) -> Database:
    """Refuse strangers and newer files; upgrade (after a backup) when needed."""
    path = path.expanduser().resolve()
    if upgrade:
        path.parent.mkdir(parents=True, exist_ok=True)
        migrate.upgrade(path)
    else:
        migrate.inspect(path)
    engine = make_engine(path)
    return Database(path, engine, make_session_factory(engine))

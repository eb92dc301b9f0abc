"""SQLite engine with the pragmas the club's data needs, and the session factory."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, QueuePool, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from clubapp.db.access import read_only_uri

BUSY_TIMEOUT_MS = 10_000


def make_engine(
    path: Path | str,
    *,
    echo: bool = False,
    read_only: bool = False,
    immutable: bool = False,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    passphrase: str | None = None,
) -> Engine:
    """An engine on the club database. ``read_only`` opens it so nothing can be written
    (every write fails with SQLite's "readonly" error); ``immutable`` opens it without
    locks or a shared-memory file (see clubapp.db.access.connect_for_reading).
    ``passphrase`` opens an encrypted club (clubapp.db.encryption): every connection is
    keyed before anything else, and the engine's driver is sqlcipher3, so its errors
    reach SQLAlchemy's DBAPIError like sqlite3's do."""
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
    connect_args: dict[str, Any] = {"timeout": busy_timeout_ms / 1000, "isolation_level": None}
    extra: dict[str, Any] = {}
    if passphrase is not None:
        from clubapp.db import encryption

        target = read_only_uri(path, immutable=immutable) if read_only else str(path)
        extra["creator"] = lambda: encryption.connect(
            target,
            passphrase,
            timeout=busy_timeout_ms / 1000,
            uri=read_only,
            check_same_thread=False,
        )
        extra["module"] = encryption.driver()
        # One connection per checkout, as for a plain file (a creator alone would not say).
        extra["poolclass"] = QueuePool
    elif read_only:
        uri = read_only_uri(path, immutable=immutable)
        extra["creator"] = lambda: sqlite3.connect(
            uri, uri=True, check_same_thread=False, **connect_args
        )
    # hide_parameters: an error message never quotes the values being saved (names, notes).
    engine = create_engine(
        f"sqlite:///{path}", echo=echo, connect_args=connect_args, hide_parameters=True, **extra
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if not read_only:  # a reader cannot change how the file keeps its journal
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        # Deleted data is overwritten, not left in free pages (notes, secret votes).
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock up front, so a busy database waits at the
        # start of a user action rather than failing halfway through it. A reader
        # takes no write lock: it must not wait for (or hold up) anyone who writes.
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    from clubapp.db import audit_trail

    # expire_on_commit=False: services hand plain values to the UI after the commit.
    sessions = sessionmaker(engine, expire_on_commit=False)
    audit_trail.listen(sessions)
    return sessions

"""Bring a database to the app's schema: refuse strangers and newer files, back up, upgrade.

Alembic is imported only when an upgrade is really needed, to keep start-up quick.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clubapp import paths
from clubapp.db import encryption, schema
from clubapp.db.access import connect_for_reading
from clubapp.db.errors import (
    DamagedDatabase,
    NewerDatabase,
    NotAClubDatabase,
    database_errors,
    explain_os_error,
)

if TYPE_CHECKING:
    from alembic.config import Config

SQLITE_MAGIC = b"SQLite format 3\x00"


class State(Enum):
    NEW = "new"  # no file, or an SQLite file with no tables at all
    CURRENT = "current"
    PENDING = "pending"  # older schema: needs an upgrade
    NEWER = "newer"  # written by a newer version of the app


def alembic_config(db_path: Path) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{db_path}")
    return cfg


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(Path("unused.sqlite3")))
    return {rev.revision for rev in script.walk_revisions()}


def _tables_and_revision(
    db_path: Path, passphrase: str | None = None
) -> tuple[set[str], str | None]:
    with db_path.open("rb") as fh:
        header = fh.read(16)
    key = None
    if header and header != SQLITE_MAGIC:
        # An encrypted club needs its passphrase (PassphraseNeeded); anything else is refused.
        key = encryption.require_passphrase(db_path, passphrase)
        if key is None:
            raise NotAClubDatabase(
                f"The file {db_path.name} is not a club database, so clubapp will not open "
                "or change it. Choose the club's database file instead."
            )
    try:
        # Read-only, also from a folder that cannot be written in (clubapp.db.access).
        conn, _immutable = connect_for_reading(db_path, passphrase=key)
        try:
            tables = {
                row[0]
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except database_errors("OperationalError") as exc:  # locked, unreadable, ...
        raise explain_os_error(exc, f"open {db_path.name}") from exc
    except database_errors("DatabaseError") as exc:
        raise DamagedDatabase(
            f"The club database {db_path.name} is damaged, so clubapp cannot open it. "
            "It has been left exactly as it is. Restore the newest backup from the folder "
            f"{paths.backups_dir_for(db_path)} with: clubapp restore <backup file>",
            detail=str(exc),
        ) from exc
    return tables, revision


def inspect(db_path: Path, passphrase: str | None = None) -> State:
    """What state the database is in, refusing files that are not club databases.

    An encrypted club is read with ``passphrase``: without one it raises
    PassphraseNeeded, with a wrong one WrongPassphrase (clubapp.db.encryption)."""
    if db_path.is_dir():
        raise NotAClubDatabase(
            f"{db_path} is a folder, not a club database. Give the database file's name, "
            f"for example {db_path / 'club.sqlite3'}."
        )
    if not db_path.exists() or db_path.stat().st_size == 0:
        return State.NEW
    tables, revision = _tables_and_revision(db_path, passphrase)
    if not tables:
        return State.NEW
    if "alembic_version" not in tables or revision is None:
        raise NotAClubDatabase(
            f"The file {db_path.name} is a database, but not a club database, so clubapp "
            "will not change it. Choose the club's database file instead."
        )
    if revision == schema.HEAD:
        return State.CURRENT
    if revision in known_revisions():
        return State.PENDING
    raise NewerDatabase(
        f"The database {db_path.name} was saved by a newer version of clubapp. "
        "Install the newest version of clubapp to open it; nothing has been changed."
    )


def current_revision(db_path: Path, passphrase: str | None = None) -> str | None:
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    return _tables_and_revision(db_path, passphrase)[1]


def upgrade(
    db_path: Path, backup_dir: Path | None = None, passphrase: str | None = None
) -> Path | None:
    """Upgrade to the newest schema; back up first when an existing database changes.

    An encrypted club needs its ``passphrase`` (its backup is encrypted too).
    Returns the path of the pre-migration backup, if one was made.
    """
    state = inspect(db_path, passphrase)
    if state is State.CURRENT:
        return None
    key = encryption.require_passphrase(db_path, passphrase)
    backup_path = None
    if state is State.PENDING:
        from clubapp.db.backup import automatic_backup

        backup_path = automatic_backup(
            db_path, backup_dir or paths.backups_dir_for(db_path), "pre-migration", passphrase=key
        )
    db_path.parent.mkdir(parents=True, exist_ok=True)
    from alembic import command
    from sqlalchemy.exc import DBAPIError, IntegrityError

    # Every revision runs in one transaction (alembic/env.py): if any step fails, or the
    # computer stops part way, the file stays at the version it was, readable as before.
    try:
        _run_alembic_upgrade(command, db_path, key)
    except DBAPIError as exc:  # a full disk, a busy file, ...
        if isinstance(exc, IntegrityError) or not isinstance(exc.orig, database_errors()):
            raise
        error = explain_os_error(exc.orig, "bring the club's information up to date")
        error.message += " Nothing was changed"
        error.message += f"; a copy from before is in {backup_path}." if backup_path else "."
        raise error from exc
    return backup_path


def _run_alembic_upgrade(command: Any, db_path: Path, passphrase: str | None) -> None:
    """Alembic's upgrade; on a connection from a keyed engine for an encrypted club."""
    config = alembic_config(db_path)
    if passphrase is None:
        command.upgrade(config, "head")
        return
    from clubapp.db.engine import make_engine

    engine = make_engine(db_path, passphrase=passphrase)
    try:
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    finally:
        engine.dispose()

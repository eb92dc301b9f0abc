"""Open a club database ready for use: checked, upgraded, with an engine and sessions."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from clubapp import paths
from clubapp.db import encryption, migrate
from clubapp.db.access import (
    ReadOnly,
    connect_for_reading,
    quick_check,
    read_only_message,
    what_to_do,
    why_read_only,
)
from clubapp.db.engine import BUSY_TIMEOUT_MS, make_engine, make_session_factory
from clubapp.db.errors import (
    DamagedDatabase,
    KnownError,
    ReadOnlyDatabase,
    database_errors,
    explain_os_error,
)

if TYPE_CHECKING:
    from clubapp.services.permissions import Actor

T = TypeVar("T")
log = logging.getLogger(__name__)
_SQLITE_READONLY = 8


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    #: Why the club may only be read on this computer (None: it can be changed).
    read_only: ReadOnly | None = None
    #: The passphrase of an encrypted club (None: the file is plain). Never shown.
    passphrase: str | None = field(default=None, repr=False)

    @property
    def encrypted(self) -> bool:
        return self.passphrase is not None

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
            if isinstance(exc, IntegrityError) or not isinstance(exc.orig, database_errors()):
                raise
            if self.read_only is not None and _refused_write(exc.orig):
                raise ReadOnlyDatabase(self.read_only_message, detail=str(exc.orig)) from exc
            raise explain_os_error(exc.orig, "save that") from exc

    @property
    def read_only_message(self) -> str:
        """What the banner says, and every refused save: why, and what to do ("" if the
        club can be changed)."""
        return "" if self.read_only is None else read_only_message(self.path, self.read_only)

    def run(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        with self.transaction() as session:
            return fn(session, *args, **kwargs)

    def run_bookkeeping(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        """Run a service whose only changes are notes the app keeps for itself (a wrong
        password counted, the time of signing in, the text size). When the club can only
        be read, they are dropped rather than refused: signing in still works."""
        if self.read_only is None:
            return self.run(fn, *args, **kwargs)
        with self.sessions() as session, session.no_autoflush:
            try:
                return fn(session, *args, **kwargs)
            finally:
                session.rollback()

    def forget_history(self) -> None:
        """Fold the write-ahead log into the database and empty it. Until then it keeps
        every change since the last checkpoint: after a secret vote it would show
        whose vote changed which count."""
        if self.read_only is not None:
            return  # a reader changes nothing, so its log holds nothing to forget
        # Outside any transaction: every transaction here takes the write lock first.
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.close()
        finally:
            raw.close()

    def compact(self) -> None:
        """Rebuild the file without its free space, then empty the write-ahead log, so
        nothing deleted (an erased person's details) can be read back from either."""
        if self.read_only is None:
            compact_file(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ encryption

    def turn_on_encryption(self, passphrase: str, actor: Actor) -> list[Path]:
        """Encrypt the club's file and every automatic backup with ``passphrase``, so no
        plain copy of the club is left in the backups folder; then carry on with the
        encrypted file (the engine and sessions are rebuilt in place: pages keep this
        object). Noted in the audit log. Returns the backups that could not be encrypted
        (see :meth:`_rewrite_backups`); on failure the club's file is as it was."""
        self._may_change_encryption(actor)
        if self.encrypted:
            raise KnownError("The club's information is already encrypted.")
        encryption.check_length(passphrase)
        self.engine.dispose()
        encryption.encrypt_in_place(self.path, passphrase)
        self._carry_on_with(passphrase)
        left = self._rewrite_backups(
            lambda backup: encryption.encrypt_in_place(backup, passphrase),
            lambda backup: not encryption.looks_encrypted(backup),
        )
        self.run(_note, actor, "on")
        return left

    def turn_off_encryption(self, passphrase: str, actor: Actor) -> list[Path]:
        """Rewrite the club's file and its encrypted backups in plain form, after checking
        ``passphrase``. Noted in the audit log. Returns the backups left encrypted (made
        with another passphrase, or damaged)."""
        self._may_change_encryption(actor)
        self._check_passphrase(passphrase)
        self.engine.dispose()
        encryption.decrypt_in_place(self.path, passphrase)
        self._carry_on_with(None)
        left = self._rewrite_backups(
            lambda backup: encryption.decrypt_in_place(backup, passphrase),
            encryption.looks_encrypted,
        )
        self.run(_note, actor, "off")
        return left

    def change_passphrase(self, old: str, new: str, actor: Actor) -> list[Path]:
        """Give the club's file and its backups the passphrase ``new``. Returns the backups
        ``old`` does not open (they keep their passphrase)."""
        self._may_change_encryption(actor)
        self._check_passphrase(old)
        encryption.check_length(new)
        self.engine.dispose()
        encryption.change_passphrase(self.path, old, new)
        self._carry_on_with(new)
        left = self._rewrite_backups(
            lambda backup: encryption.change_passphrase(backup, old, new),
            encryption.looks_encrypted,
        )
        self.run(_note, actor, "new passphrase")
        return left

    def _may_change_encryption(self, actor: Actor) -> None:
        if self.read_only is not None:
            raise ReadOnlyDatabase(self.read_only_message)
        if (reason := encryption.unavailable_reason()) is not None:
            raise KnownError(reason)
        from clubapp.services.club_encryption import may_change_encryption

        with self.sessions() as session:
            may_change_encryption(session, actor)

    def _check_passphrase(self, passphrase: str) -> None:
        if not self.encrypted:
            raise KnownError("The club's information is not encrypted.")
        if passphrase != self.passphrase:
            raise encryption.WrongPassphrase(encryption.WRONG_PASSPHRASE)

    def _carry_on_with(self, passphrase: str | None) -> None:
        """A new engine on the rewritten file; the same sessionmaker (its audit-trail
        listeners stay), bound to it."""
        old = self.engine
        self.engine = make_engine(self.path, passphrase=passphrase)
        self.sessions.configure(bind=self.engine)
        self.passphrase = passphrase
        old.dispose()

    def _rewrite_backups(
        self, rewrite: Callable[[Path], None], needs_it: Callable[[Path], bool]
    ) -> list[Path]:
        """Rewrite every automatic backup that ``needs_it``. A damaged plain backup that
        cannot be encrypted is deleted (it could never be put back, and would keep the
        club's information readable). Returns those left as they were."""
        from clubapp.db.backup import integrity_ok, list_backups

        left: list[Path] = []
        for info in list_backups(self.backups_dir):
            if not needs_it(info.path):
                continue
            try:
                rewrite(info.path)
            except KnownError as exc:
                if self.encrypted and not integrity_ok(info.path) and _deleted(info.path):
                    log.warning("deleted a damaged plain backup %s: %s", info.path, exc)
                    continue
                log.warning("could not rewrite the backup %s: %s", info.path, exc)
                left.append(info.path)
        return left


def _deleted(path: Path) -> bool:
    try:
        path.unlink()
    except OSError:
        return False
    return True


def _note(session: Session, actor: Actor, change: str) -> None:
    from clubapp.services.club_encryption import note_encryption_change

    note_encryption_change(session, actor, change)


def _refused_write(exc: Exception) -> bool:
    """SQLite's "attempt to write a readonly database" (SQLITE_READONLY and its kinds)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF == _SQLITE_READONLY
    return "readonly" in str(exc).lower()


def compact_file(engine: Engine) -> None:
    """What Database.compact does, for a caller that has only an engine (a service's
    session, once its transaction is committed)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("VACUUM")  # VACUUM in WAL mode writes the new file into the log...
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # ...so empty the log after it
        cursor.close()
    finally:
        raw.close()


def open_database(
    path: Path,
    *,
    upgrade: bool = True,
    read_only: bool = False,
    check: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    passphrase: str | None = None,
) -> Database:
    """Refuse strangers and newer files; check the file is whole; upgrade (after a
    backup) when needed.

    An encrypted club needs its ``passphrase``: without one this raises
    :class:`~clubapp.db.encryption.PassphraseNeeded`, with a wrong one
    :class:`~clubapp.db.encryption.WrongPassphrase`, both in plain words. For a plain
    file the passphrase is not used.

    The club opens read-only if this computer does not let clubapp write the file
    (:func:`clubapp.db.access.why_read_only`), or if ``read_only`` asks for it.
    A read-only club is opened only if it is whole and up to date, since it cannot be
    upgraded. ``check`` runs ``PRAGMA quick_check`` first: a damaged file raises
    :class:`DamagedDatabase` naming the newest good backup, and is left as it is.
    """
    path = path.expanduser().resolve()
    why = why_read_only(path)
    if why is None and read_only:
        why = ReadOnly.ASKED
    key = encryption.require_passphrase(path, passphrase)
    try:
        state = migrate.inspect(path, key)
        problems = quick_check(path, key) if check and state is not migrate.State.NEW else []
    except DamagedDatabase as exc:  # not even the list of tables can be read
        raise damaged(path, exc.detail or str(exc), key) from exc
    except database_errors() as exc:  # locked, or the folder has gone
        raise explain_os_error(exc, f"open {path.name}") from exc
    if problems:
        raise damaged(path, "; ".join(problems[:5]), key)
    if why is not None:
        return _open_read_only(path, state, why, busy_timeout_ms, key)
    # An encrypted club is not inspected twice: each opening derives the key (~0.1 s).
    if upgrade and (key is None or state is not migrate.State.CURRENT):
        path.parent.mkdir(parents=True, exist_ok=True)
        migrate.upgrade(path, passphrase=key)
    engine = make_engine(path, busy_timeout_ms=busy_timeout_ms, passphrase=key)
    return Database(path, engine, make_session_factory(engine), passphrase=key)


def _open_read_only(
    path: Path, state: migrate.State, why: ReadOnly, busy_timeout_ms: int, key: str | None
) -> Database:
    if state is migrate.State.NEW:
        raise ReadOnlyDatabase(
            "This computer only lets clubapp read in that place, and there is no club in "
            f"{path.name} yet to look at. {what_to_do(path, why)}"
        )
    if state is migrate.State.PENDING:
        raise ReadOnlyDatabase(
            "This computer only lets clubapp read the club's information, but it was saved "
            "by an older version of clubapp and must be brought up to date before it can "
            f"be opened. {what_to_do(path, why)}"
        )
    # A WAL database in a folder nobody may write in can only be read as immutable.
    conn, immutable = connect_for_reading(path, passphrase=key)
    conn.close()
    engine = make_engine(
        path, read_only=True, immutable=immutable, busy_timeout_ms=busy_timeout_ms, passphrase=key
    )
    return Database(path, engine, make_session_factory(engine), read_only=why, passphrase=key)


def when_words(moment: datetime) -> str:
    """ "Tuesday 1 December 2026 at 18:15", whatever the computer's language setting."""
    from clubapp.services.dates import long_date  # plain words only: no rules, no queries

    return f"{long_date(moment.date())} at {moment:%H:%M}"


def damaged(path: Path, detail: str, passphrase: str | None = None) -> DamagedDatabase:
    """The error for a damaged club database at ``path``, naming the newest backup that
    passes its check (damaged newer backups are passed over; an encrypted club's backups
    are opened with its ``passphrase``)."""
    from clubapp.db.backup import newest_good_backup

    good = newest_good_backup(paths.backups_dir_for(path), passphrase)
    message = (
        f"The club's information in {path.name} is damaged, so clubapp will not use it. "
        "It has been left exactly as it is."
    )
    if good is None:
        message += (
            f" There is no good backup in {paths.backups_dir_for(path)}. If the club keeps "
            "backups on a memory stick, put it back with: clubapp restore <backup file>. "
            "Otherwise ask for help, and do not delete the damaged file."
        )
        return DamagedDatabase(message, detail=detail)
    message += (
        f" The newest good backup is from {when_words(good.taken_at)}: {good.path}. "
        f'To put it back, use: clubapp restore "{good.path}"'
    )
    return DamagedDatabase(
        message, detail=detail, good_backup=good.path, good_backup_taken_at=good.taken_at
    )

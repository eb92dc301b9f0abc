"""Backups and restore of the club database.

Rules (DESIGN.md section 3): backups are made only with the SQLite online backup
API, never by copying the live file; a backup is checked (``PRAGMA
integrity_check``) and flushed to the disk before it gets its final name, so a
pulled memory stick or a full disk never leaves a half-written file that looks
like a good backup; a file that is not a club database is never overwritten.

Automatic backups live in one folder (see ``clubapp.paths.backups_dir_for``) and
are named ``club-YYYY-MM-DD-HHMMSS-<reason>.sqlite3`` in local time. Old ones are
thinned out with a grandfather-father-son scheme, see :func:`plan_rotation`.

An encrypted club (clubapp.db.encryption) has encrypted backups, made with the same
passphrase: every function that opens a database takes ``passphrase``, which is used
only for a file that is not plain SQLite.

Only the standard library is used, so this module is quick to import.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from clubapp.db import encryption
from clubapp.db.errors import (
    BackupFailed,
    DatabaseUnavailable,
    KnownError,
    NotAClubDatabase,
    database_errors,
    explain_os_error,
)

__all__ = [
    "BackupInfo",
    "REASONS",
    "automatic_backup",
    "backup_file_name",
    "backup_to",
    "daily_backup_due",
    "integrity_ok",
    "is_club_database",
    "list_backups",
    "newest_good_backup",
    "plan_rotation",
    "restore",
]

log = logging.getLogger(__name__)

REASONS = ("daily", "close", "pre-migration", "pre-restore", "manual")
"""Why an automatic backup was made; the last part of its file name."""

SAFETY_REASONS = ("pre-migration", "pre-restore")
SAFETY_KEEP = timedelta(days=90)
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12

CLUB_TABLES = frozenset({"alembic_version", "club"})
_SQLITE_HEADER = b"SQLite format 3\x00"
_BUSY_TIMEOUT_S = 10.0
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6

_NAME_RE = re.compile(
    r"^club-(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})-("
    + "|".join(re.escape(r) for r in REASONS)
    + r")\.sqlite3$"
)


@dataclass(frozen=True)
class BackupInfo:
    """One automatic backup file. ``taken_at`` is local wall-clock time (naive)."""

    path: Path
    taken_at: datetime
    reason: str
    size_bytes: int


# --------------------------------------------------------------------------- helpers


def _ro_uri(path: Path) -> str:
    """A read-only SQLite URI for ``path`` (safe for names with ``?``, ``#``, ``%``)."""
    return Path(path).resolve().as_uri() + "?mode=ro"


def _connect_ro(path: Path, passphrase: str | None = None) -> sqlite3.Connection:
    """Open ``path`` read-only: with ``passphrase`` if it is not plain SQLite."""
    key = _key_for(path, passphrase)
    if key is not None:
        return encryption.connect(_ro_uri(path), key, timeout=_BUSY_TIMEOUT_S, uri=True)
    return sqlite3.connect(_ro_uri(path), uri=True, timeout=_BUSY_TIMEOUT_S)


def _connect_rw(path: Path, passphrase: str | None) -> sqlite3.Connection:
    """Open (or make) ``path`` for writing: keyed with ``passphrase`` unless it is None."""
    if passphrase is not None:
        return encryption.connect(path, passphrase, timeout=_BUSY_TIMEOUT_S)
    return sqlite3.connect(path, timeout=_BUSY_TIMEOUT_S)


def _key_for(path: Path, passphrase: str | None) -> str | None:
    """The passphrase to open ``path`` with: None for plain SQLite (or no passphrase)."""
    if passphrase is None or _looks_like_sqlite(path):
        return None
    return passphrase


def _readable_form(path: Path, passphrase: str | None) -> bool:
    """True for plain SQLite, or a file that may be encrypted when a passphrase is given."""
    if _looks_like_sqlite(path):
        return True
    return passphrase is not None and encryption.looks_encrypted(path)


def _looks_like_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


def _local_naive(moment: datetime | None) -> datetime:
    """Backups are named in local time; accept an aware datetime by converting it."""
    if moment is None:
        return datetime.now()
    if moment.tzinfo is not None:
        return moment.astimezone().replace(tzinfo=None)
    return moment


def _integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """``PRAGMA integrity_check`` as a list of problems (empty when the file is fine)."""
    try:
        rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    except database_errors("DatabaseError") as exc:  # "database disk image is malformed"
        return [str(exc)]
    except MemoryError:  # SQLCipher's answer to some pages that fail their check
        if not type(conn).__module__.startswith("sqlcipher3"):
            raise
        return ["a page of the encrypted file did not pass its check"]
    return [] if rows == ["ok"] else rows


def integrity_ok(path: Path, passphrase: str | None = None) -> bool:
    """True if ``path`` is an SQLite file that passes ``PRAGMA integrity_check``; an
    encrypted one only if ``passphrase`` opens it.

    The file is opened read-only and never changed.
    """
    path = Path(path)
    if not path.is_file() or not _readable_form(path, passphrase):
        return False
    try:
        with contextlib.closing(_connect_ro(path, passphrase)) as conn:
            return not _integrity_problems(conn)
    except database_errors("Error", encryption.WrongPassphrase):
        return False


def _table_names(path: Path, passphrase: str | None = None) -> set[str]:
    with contextlib.closing(_connect_ro(path, passphrase)) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def is_club_database(path: Path, passphrase: str | None = None) -> bool:
    """True if ``path`` is an SQLite file with the tables ``alembic_version`` and ``club``
    (an encrypted one only if ``passphrase`` opens it).

    False for a missing file, an empty file, a text file or another SQLite database.
    The file is opened read-only and never modified.
    """
    path = Path(path)
    if not path.is_file() or not _readable_form(path, passphrase):
        return False
    try:
        return _table_names(path, passphrase) >= CLUB_TABLES
    except database_errors("Error", encryption.WrongPassphrase):
        return False


def _copy_database(src: sqlite3.Connection, dst: sqlite3.Connection, timeout: float) -> None:
    """Copy ``src`` into ``dst`` with the online backup API, in one step.

    Python retries forever while the destination is busy; give up after ``timeout``
    seconds instead, so a copy never hangs behind another program.
    """
    deadline = time.monotonic() + timeout

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (_SQLITE_BUSY, _SQLITE_LOCKED) and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    src.backup(dst, pages=-1, progress=progress)


def _remove_quietly(path: Path) -> None:
    for candidate in (path, *(Path(f"{path}{s}") for s in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):
            candidate.unlink()


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX only; Windows cannot open a folder like this)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network, FAT on some systems) refuse; the data is synced
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- backup


_CHECK_FAILED = (
    "The backup copy did not pass its safety check, so it was not kept. "
    "Please try again. If it keeps happening, the club's information may be damaged: "
    "ask for help, and do not delete any old backups."
)


def backup_to(
    db_path: Path, dest: Path, *, verify: bool = True, passphrase: str | None = None
) -> Path:
    """Make a checked backup of the database at ``db_path`` in the file ``dest``.

    The copy is made with the SQLite backup API into a temporary file beside
    ``dest``, checked with ``PRAGMA integrity_check``, flushed to the disk and only
    then renamed to ``dest``, replacing an older backup of that name. On any
    failure no file is left under ``dest`` (an older one stays as it was) and the
    temporary file is removed. Raises :class:`BackupFailed` with a plain message.

    ``verify=False`` keeps a copy even if it fails the check (used only for the
    safety copy of a damaged database before a restore).

    The backup of an encrypted database is encrypted with the same ``passphrase``
    (without one, :class:`~clubapp.db.encryption.PassphraseNeeded` is raised).
    """
    db_path, dest = Path(db_path), Path(dest)
    tmp: Path | None = None
    try:
        if not db_path.is_file():
            raise BackupFailed(
                f"There is no club database at {db_path} to back up. "
                "Check the file name, or open the app once to create it."
            )
        if dest.is_dir():
            raise BackupFailed(
                f"{dest} is a folder. Choose a file name for the backup inside it, and try again."
            )
        # The live file is sniffed only if a passphrase is given (closing any handle on
        # it drops the locks SQLite holds in this program): a plain club is never.
        key = _key_for(db_path, passphrase)
        if dest.exists() and dest.stat().st_size > 0 and not is_club_database(dest, passphrase):
            raise BackupFailed(
                f"There is already a file called {dest.name} in that place and it is not a club "
                "backup, so clubapp left it alone. Choose another name for the backup."
            )
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        with (
            contextlib.closing(_connect_ro(db_path, key)) as src,
            contextlib.closing(_connect_rw(tmp, key)) as dst,
        ):
            _copy_database(src, dst, _BUSY_TIMEOUT_S)
            # A backup is one self-contained file: no -wal beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
            problems = _integrity_problems(dst)
        if problems:
            if verify:
                raise BackupFailed(_CHECK_FAILED, detail="; ".join(problems[:5]))
            log.warning("keeping an unverified safety copy %s: %s", dest, problems[:5])
        _fsync_file(tmp)
        os.replace(tmp, dest)
        tmp = None
        _fsync_dir(dest.parent)
    except KnownError:
        raise
    except database_errors("Error", OSError) as exc:
        log.warning("backup of %s to %s failed: %r", db_path, dest, exc)
        if passphrase is None and encryption.looks_encrypted(db_path):
            raise encryption.PassphraseNeeded(encryption.PASSPHRASE_NEEDED) from exc
        raise explain_os_error(exc, "save the backup", error_class=BackupFailed) from exc
    finally:
        if tmp is not None:
            _remove_quietly(tmp)
    return dest


def backup_file_name(reason: str, taken_at: datetime) -> str:
    """The file name of an automatic backup, e.g. ``club-2025-03-15-181500-daily.sqlite3``."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}; expected one of {REASONS}")
    return f"club-{taken_at:%Y-%m-%d-%H%M%S}-{reason}.sqlite3"


def _parse_name(name: str) -> tuple[datetime, str] | None:
    match = _NAME_RE.match(name)
    if not match:
        return None
    try:
        year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
        taken_at = datetime(year, month, day, hour, minute, second)
    except ValueError:  # e.g. 2025-02-30
        return None
    return taken_at, match.group(7)


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """The automatic backups in ``backup_dir``, newest first.

    Only files named like automatic backups are listed; a missing folder gives ``[]``.
    """
    backup_dir = Path(backup_dir)
    found: list[BackupInfo] = []
    try:
        entries = list(os.scandir(backup_dir))
    except (FileNotFoundError, NotADirectoryError):
        return []
    for entry in entries:
        parsed = _parse_name(entry.name)
        if parsed is None:
            continue
        try:
            if not entry.is_file():
                continue
            size = entry.stat().st_size
        except OSError:
            continue
        found.append(BackupInfo(Path(entry.path), parsed[0], parsed[1], size))
    found.sort(key=lambda info: (info.taken_at, info.path.name), reverse=True)
    return found


def newest_good_backup(backup_dir: Path, passphrase: str | None = None) -> BackupInfo | None:
    """The newest automatic backup in ``backup_dir`` that is a club database and passes
    ``PRAGMA integrity_check``, or None. Damaged backups newer than it are passed over
    (and encrypted ones ``passphrase`` does not open); no file is changed."""
    for info in list_backups(backup_dir):
        if is_club_database(info.path, passphrase) and integrity_ok(info.path, passphrase):
            return info
    return None


def daily_backup_due(backup_dir: Path, now: datetime) -> bool:
    """True if no backup (of any kind) in ``backup_dir`` was made on ``now``'s day."""
    today = _local_naive(now).date()
    return not any(info.taken_at.date() == today for info in list_backups(backup_dir))


def _reason_of(path: Path) -> str | None:
    parsed = _parse_name(Path(path).name)
    return parsed[1] if parsed else None


def plan_rotation(backups: list[tuple[Path, datetime]], now: datetime) -> list[Path]:
    """Which backups to delete: a grandfather-father-son scheme. Pure function.

    Kept:

    - the newest backup of each of the last 7 days that have backups,
    - the newest of each of the last 4 ISO weeks that have backups,
    - the newest of each of the last 12 calendar months that have backups,
    - every ``pre-migration`` and ``pre-restore`` backup less than 90 days old
      (the reason is read from the file name),
    - the newest backup of all, always.

    Everything else is returned, oldest first. "That have backups" means a gap
    (the club closed for the summer) does not use up the slots, as in restic.
    """
    now = _local_naive(now)
    if not backups:
        return []
    ordered = sorted(
        ((Path(p), _local_naive(t)) for p, t in backups),
        key=lambda item: (item[1], item[0].name),
        reverse=True,
    )
    keep: set[Path] = {ordered[0][0]}

    def newest_per_period(period_of: Callable[[datetime], object], how_many: int) -> None:
        periods_seen: list[object] = []
        for path, taken_at in ordered:  # newest first: the first in a period is its newest
            period = period_of(taken_at)
            if period in periods_seen:
                continue
            if len(periods_seen) == how_many:
                break
            periods_seen.append(period)
            keep.add(path)

    newest_per_period(lambda t: t.date(), KEEP_DAILY)
    newest_per_period(lambda t: tuple(t.isocalendar())[:2], KEEP_WEEKLY)
    newest_per_period(lambda t: (t.year, t.month), KEEP_MONTHLY)

    for path, taken_at in ordered:
        if _reason_of(path) in SAFETY_REASONS and now - taken_at < SAFETY_KEEP:
            keep.add(path)

    return [path for path, _ in reversed(ordered) if path not in keep]


def _rotate(backup_dir: Path, now: datetime, protect: Iterable[Path] = ()) -> list[Path]:
    """Delete what :func:`plan_rotation` says; never fails the caller."""
    protected = {Path(p).resolve() for p in protect}
    infos = list_backups(backup_dir)
    deleted: list[Path] = []
    for path in plan_rotation([(i.path, i.taken_at) for i in infos], now):
        if path.resolve() in protected:
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:  # the new backup is safe; an old one left over is harmless
            log.warning("could not delete old backup %s: %r", path, exc)
            continue
        deleted.append(path)
    return deleted


def _make_named_backup(
    db_path: Path,
    backup_dir: Path,
    reason: str,
    now: datetime,
    *,
    verify: bool = True,
    passphrase: str | None = None,
    as_is: bool = False,
) -> Path:
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}; expected one of {REASONS}")
    backup_dir = Path(backup_dir)
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise explain_os_error(exc, "save the backup", error_class=BackupFailed) from exc
    taken_at = now.replace(microsecond=0)
    dest = backup_dir / backup_file_name(reason, taken_at)
    while dest.exists():  # two backups for the same reason in one second
        taken_at += timedelta(seconds=1)
        dest = backup_dir / backup_file_name(reason, taken_at)
    if as_is:
        return _copy_as_is(db_path, dest)
    return backup_to(db_path, dest, verify=verify, passphrase=passphrase)


def _copy_as_is(db_path: Path, dest: Path) -> Path:
    """Copy the file byte for byte (through a temporary file, flushed, then renamed).

    Only for the safety copy of a damaged encrypted club before a restore: the backup
    API reads every page through the cipher and stops at the first damaged one, while
    the bytes as they are keep all that might be rescued (and stay encrypted)."""
    tmp: Path | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        shutil.copyfile(db_path, tmp)
        _fsync_file(tmp)
        os.replace(tmp, dest)
        tmp = None
        _fsync_dir(dest.parent)
    except OSError as exc:
        raise explain_os_error(exc, "save the backup", error_class=BackupFailed) from exc
    finally:
        if tmp is not None:
            _remove_quietly(tmp)
    return dest


def automatic_backup(
    db_path: Path,
    backup_dir: Path,
    reason: str,
    now: datetime | None = None,
    *,
    passphrase: str | None = None,
) -> Path:
    """Make a checked backup named ``club-YYYY-MM-DD-HHMMSS-<reason>.sqlite3`` in
    ``backup_dir`` (created if needed), then delete old backups per :func:`plan_rotation`.
    An encrypted club's backup is encrypted with the same ``passphrase``.

    Returns the new backup's path. Raises :class:`BackupFailed` (nothing is deleted
    then) or ``ValueError`` for a reason not in :data:`REASONS`.
    """
    now = _local_naive(now)
    made = _make_named_backup(db_path, backup_dir, reason, now, passphrase=passphrase)
    _rotate(backup_dir, now, protect=[made])
    return made


# --------------------------------------------------------------------------- restore


def _refuse_backup(backup_file: Path, passphrase: str | None) -> KnownError | None:
    name = backup_file.name
    if not backup_file.is_file():
        return NotAClubDatabase(
            f"The backup file {name} could not be found. Check the memory stick or folder "
            "is connected, and choose the file again."
        )
    if encryption.looks_encrypted(backup_file):
        if passphrase is None:
            return encryption.PassphraseNeeded(
                f"The backup {name} is encrypted, so nothing was changed. Give the club's "
                "passphrase to put it back. It is written on the club's recovery sheet."
            )
        if not encryption.check_passphrase(backup_file, passphrase):
            return encryption.WrongPassphrase(
                f"That passphrase does not open the backup {name}, so nothing was changed. "
                "Check the Caps Lock key and try again. A backup made before the passphrase "
                "was changed needs the passphrase of that time."
            )
    if not is_club_database(backup_file, passphrase):
        return NotAClubDatabase(
            f"{name} is not a clubapp backup, so nothing was changed. "
            "Choose a file whose name starts with “club-”, from the backups folder."
        )
    if not integrity_ok(backup_file, passphrase):
        return NotAClubDatabase(
            f"The backup {name} is damaged, so nothing was changed. "
            "Choose an older backup, and try again."
        )
    return None


def restore(
    db_path: Path,
    backup_file: Path,
    backup_dir: Path,
    now: datetime | None = None,
    *,
    passphrase: str | None = None,
) -> Path | None:
    """Replace the club database at ``db_path`` with the contents of ``backup_file``.

    1. Refuses with :class:`NotAClubDatabase` if ``backup_file`` is not a club
       database or fails ``PRAGMA integrity_check``, or if ``db_path`` holds a file
       that is not a club database (it is never overwritten). Nothing is changed.
    2. Makes a ``pre-restore`` backup of the current database in ``backup_dir``
       (if there is one), so the restore can be undone.
    3. Copies the backup into ``db_path`` with the SQLite backup API, which keeps
       the live file, its ``-wal`` and other open connections consistent.

    Returns the path of the safety backup, or ``None`` if there was no database yet.
    Other failures raise :class:`BackupFailed` (safety copy) or
    :class:`DatabaseUnavailable` (database locked, read-only, ...).

    An encrypted backup, or an encrypted club, needs ``passphrase``. If either is
    encrypted, the club is encrypted with it afterwards: putting back a plain backup
    never leaves an encrypted club's information readable without the passphrase.
    """
    db_path, backup_file, backup_dir = Path(db_path), Path(backup_file), Path(backup_dir)
    now = _local_naive(now)

    refusal = _refuse_backup(backup_file, passphrase)
    if refusal is not None:
        raise refusal
    with contextlib.suppress(OSError):
        if db_path.exists() and db_path.samefile(backup_file):
            raise NotAClubDatabase(
                "That file is the club's information itself, not a backup. "
                "Choose a backup file, and try again."
            )

    try:
        current_exists = db_path.is_file() and db_path.stat().st_size > 0
    except OSError as exc:
        raise explain_os_error(exc, "put back the backup") from exc
    current_key = encryption.require_passphrase(db_path, passphrase) if current_exists else None
    if current_exists and current_key is not None:  # an encrypted club
        if not encryption.check_passphrase(db_path, current_key):
            raise encryption.WrongPassphrase(encryption.WRONG_PASSPHRASE)
        if not is_club_database(db_path, current_key):
            raise NotAClubDatabase(
                f"{db_path.name} is not a club database, so clubapp will not replace it. "
                "Check which file the app is using, and try again."
            )
        damaged = not integrity_ok(db_path, current_key)
        safety = _make_named_backup(
            db_path, backup_dir, "pre-restore", now, passphrase=current_key, as_is=damaged
        )
    elif current_exists:
        damaged = False
        if not is_club_database(db_path):
            if not _looks_like_sqlite(db_path) or _readable_schema(db_path):
                raise NotAClubDatabase(
                    f"{db_path.name} is not a club database, so clubapp will not replace it. "
                    "Check which file the app is using, and try again."
                )
            damaged = True  # an SQLite file whose tables cannot be read: a damaged club db
        else:
            damaged = not integrity_ok(db_path)
        # A damaged database is still kept as it is, in case someone can rescue it.
        safety = _make_named_backup(db_path, backup_dir, "pre-restore", now, verify=not damaged)
    elif db_path.exists() and not db_path.is_file():
        raise NotAClubDatabase(
            f"{db_path} is a folder, not a club database. Check which file the app is using."
        )
    else:
        safety = None

    backup_key = _key_for(backup_file, passphrase)
    if backup_key is not None or current_key is not None:
        _restore_encrypted(db_path, backup_file, backup_key, backup_key or current_key)
        _rotate(backup_dir, now, protect=[p for p in (safety, backup_file) if p is not None])
        return safety
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        with (
            contextlib.closing(_connect_ro(backup_file, backup_key)) as src,
            contextlib.closing(_connect_rw(db_path, current_key)) as dst,
        ):
            _match_page_size(src, dst)
            _copy_database(src, dst, _BUSY_TIMEOUT_S)
            problems = _integrity_problems(dst)
    except database_errors("Error", OSError) as exc:
        log.warning("restore of %s from %s failed: %r", db_path, backup_file, exc)
        raise explain_os_error(exc, "put back the backup") from exc
    if problems:
        where = f" A copy from just before is in {safety}." if safety else ""
        raise DatabaseUnavailable(
            "The club's information did not pass its safety check after putting back "
            f"the backup.{where} Please ask for help before using the app.",
            detail="; ".join(problems[:5]),
        )

    _rotate(backup_dir, now, protect=[p for p in (safety, backup_file) if p is not None])
    return safety


def _restore_encrypted(
    db_path: Path, backup_file: Path, backup_key: str | None, club_key: str | None
) -> None:
    """Put back a backup when the backup or the club is encrypted. The backup API cannot
    copy between a plain and an encrypted file, nor write over a damaged encrypted one
    (it reads its pages through the cipher), so the backup is rewritten into a new file
    beside the club (encrypted with ``club_key``), checked, and swapped in. The app has
    the club closed while a backup is put back."""
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise explain_os_error(exc, "put back the backup") from exc
    encryption.copy_into(backup_file, backup_key, db_path, club_key, "put back the backup")


def _readable_schema(path: Path) -> bool:
    try:
        _table_names(path)
    except sqlite3.Error:
        return False
    return True


def _match_page_size(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
    """The backup API cannot change the page size of a database in WAL mode.

    Only when the sizes differ (a backup made elsewhere), leave WAL for the copy;
    the engine turns WAL back on when it next connects.
    """
    src_size = src.execute("PRAGMA page_size").fetchone()[0]
    dst_size = dst.execute("PRAGMA page_size").fetchone()[0]
    if src_size == dst_size:
        return
    mode = str(dst.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    if mode == "wal":
        dst.execute("PRAGMA journal_mode=DELETE")

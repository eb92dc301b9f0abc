"""The encrypted database option: SQLCipher through the ``sqlcipher3`` package.

An encrypted club file starts with random-looking bytes, not the SQLite header, and
every page is encrypted with a key made from the club's passphrase. Turning the option
on or off rewrites the whole file (``sqlcipher_export``) into a new file beside it,
checks the copy, then swaps it in: if anything fails halfway, the old file is as it was.

If ``sqlcipher3`` is not installed (it has no build for some computers), the app works
unencrypted and :func:`unavailable_reason` says why, in plain words.

Only the standard library is imported at start-up; ``sqlcipher3`` only when needed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from clubapp.db.errors import KnownError, explain_os_error

SQLITE_HEADER = b"SQLite format 3\x00"
PASSPHRASE_MIN = 10
#: Rounds of key stretching (PBKDF2-HMAC-SHA512) from the passphrase: SQLCipher 4's own
#: default, said on every connection (and so for every file it makes), so a later
#: SQLCipher with another default still opens the club's files. About 0.1 s a connection.
#: Only the tests lower it (tests/conftest.py), as they do for passwords.
KDF_ITER = 256_000
_SQLITE_NOTADB = 26


class WrongPassphrase(KnownError):
    """The passphrase does not open this file (or the file is not a club database)."""


class PassphraseNeeded(KnownError):
    """The file is encrypted and no passphrase was given."""


WRONG_PASSPHRASE = (
    "That passphrase does not open the club's information. Check the Caps Lock key and "
    "try again. The passphrase is written on the recovery sheet the club printed when it "
    "turned encryption on."
)
PASSPHRASE_NEEDED = (
    "The club's information is encrypted, so clubapp needs the club's passphrase to open "
    "it. The passphrase is written on the recovery sheet the club printed when it turned "
    "encryption on."
)
TOO_SHORT = (
    f"The passphrase must be at least {PASSPHRASE_MIN} letters long, so nobody can guess "
    "it. A short sentence you will remember works well, such as: blue kettle on the "
    "windowsill."
)
NOT_INSTALLED = (
    "Encryption is not available on this computer, because the part of clubapp that does "
    "it (the sqlcipher3 package) could not be installed here. Everything else works. "
    "You can still protect the club's information by turning on the computer's own disk "
    "encryption (BitLocker on Windows, FileVault on a Mac, or LUKS on Linux)."
)


def _module() -> Any:
    import sqlcipher3  # type: ignore[import-not-found,unused-ignore]

    return sqlcipher3


def driver() -> Any:
    """The sqlcipher3 module, as the driver of an SQLAlchemy engine on an encrypted file."""
    return _module()


def unavailable_reason() -> str | None:
    """None if encryption can be used here; otherwise why not, in plain words."""
    try:
        _module()
    except ImportError:
        return NOT_INSTALLED
    return None


def looks_encrypted(path: Path | str) -> bool:
    """True for a file that may be an encrypted club file: not plain SQLite, made of whole
    pages (SQLCipher pages are 512 bytes or a power of two above), and starting with
    random bytes rather than text or zeros. Only the passphrase can tell for sure."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
            size = os.fstat(fh.fileno()).st_size
    except OSError:
        return False
    if len(head) < len(SQLITE_HEADER) or head == SQLITE_HEADER or size % 512:
        return False
    # The first 16 bytes of an encrypted file are its random salt: all of them printable
    # (a letter saved under the wrong name) or all zero (a wiped file) is not a salt.
    printable = all(32 <= b < 127 or b in (9, 10, 13) for b in head)
    return not printable and any(head)


def require_passphrase(path: Path | str, passphrase: str | None) -> str | None:
    """The passphrase to open ``path`` with: None for a plain (or new) file, whatever was
    given; the passphrase for an encrypted-looking file, or :class:`PassphraseNeeded`."""
    if not looks_encrypted(path):
        return None
    if passphrase is None:
        raise PassphraseNeeded(PASSPHRASE_NEEDED)
    return passphrase


def check_length(passphrase: str) -> None:
    """Refuse a passphrase too short to keep anyone out, in plain words."""
    if len(passphrase) < PASSPHRASE_MIN:
        raise KnownError(TOO_SHORT)


def _quoted(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def connect(
    path: Path | str,
    passphrase: str,
    *,
    timeout: float = 10.0,
    uri: bool = False,
    check_same_thread: bool = True,
) -> sqlite3.Connection:
    """An open connection to an encrypted file, its key given before anything else.

    Raises :class:`WrongPassphrase` if the passphrase does not open an existing file;
    other problems (a locked file, a folder gone) raise sqlcipher3's own error, which
    :func:`clubapp.db.errors.explain_os_error` sorts like sqlite3's. ``uri`` reads
    ``path`` as an SQLite URI (a read-only open). The connection behaves like the
    standard library's (sqlcipher3 is a fork of it).
    """
    module = _module()
    conn = module.connect(
        str(path),
        timeout=timeout,
        isolation_level=None,
        uri=uri,
        check_same_thread=check_same_thread,
    )
    try:
        # A wrong passphrase is an everyday event, answered in words: not logged to stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        # The default, so files attached to this connection (sqlcipher_export) get it too.
        conn.execute(f"PRAGMA cipher_default_kdf_iter = {int(KDF_ITER)}")
        conn.execute(f"PRAGMA key = {_quoted(passphrase)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError as exc:
        conn.close()
        code = getattr(exc, "sqlite_errorcode", None)
        refused_key = "PRAGMA key" in str(exc)  # an empty passphrase, for one
        if isinstance(exc, module.OperationalError) and code != _SQLITE_NOTADB and not refused_key:
            raise  # locked, unreadable, gone: not the passphrase's fault
        raise WrongPassphrase(WRONG_PASSPHRASE, detail=str(exc)) from exc
    except BaseException:
        conn.close()
        raise
    return conn  # type: ignore[no-any-return]


def check_passphrase(path: Path, passphrase: str) -> bool:
    try:
        connect(path, passphrase).close()
    except WrongPassphrase:
        return False
    return True


def _export(src: sqlite3.Connection, dest: Path, key: str) -> None:
    """Copy everything in ``src`` into a new file ``dest`` with the key ``key`` ('' = plain)."""
    src.execute(f"ATTACH DATABASE {_quoted(str(dest))} AS target KEY {_quoted(key)}")
    try:
        src.execute("SELECT sqlcipher_export('target')")
        version = src.execute("PRAGMA main.user_version").fetchone()[0]
        src.execute(f"PRAGMA target.user_version = {int(version)}")
    finally:
        src.execute("DETACH DATABASE target")


def _plain_source(path: Path) -> sqlite3.Connection:
    module = _module()
    conn = module.connect(str(path), timeout=10.0, isolation_level=None)
    conn.execute(f"PRAGMA cipher_default_kdf_iter = {int(KDF_ITER)}")  # for the copy
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn  # type: ignore[no-any-return]


def _swap_in(new: Path, path: Path) -> None:
    """Replace ``path`` with the checked file ``new``; the old -wal and -shm go with it."""
    fd = os.open(new, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")
    os.replace(new, path)
    if os.name == "posix":
        with contextlib.suppress(OSError):
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def _rewrite(path: Path, open_source: Any, new_key: str, check: Any, doing: str) -> None:
    path = Path(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".rewrite", dir=path.parent)
    os.close(fd)
    os.unlink(temp_name)  # ATTACH makes it; an empty file would be taken as plain
    temp = Path(temp_name)
    try:
        src = open_source()
        try:
            # Fold the write-ahead log in, so the copy has every saved change.
            src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            _export(src, temp, new_key)
        finally:
            src.close()
        check(temp)
        _swap_in(temp, path)
    except KnownError:
        raise
    except (OSError, sqlite3.Error) as exc:
        raise explain_os_error(exc, doing) from exc
    except Exception as exc:  # sqlcipher3's own errors are not sqlite3's classes
        if type(exc).__module__.startswith("sqlcipher3"):
            raise KnownError(
                f"clubapp could not {doing}. Nothing was changed. Please try again.",
                detail=f"{type(exc).__name__}: {exc}",
            ) from exc
        raise
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{temp}{suffix}")


def _integrity(conn: sqlite3.Connection) -> list[str]:
    rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def _checked_with(key: str | None, what: str) -> Any:
    """A check of the new file before it is swapped in: it opens with ``key`` (plain if
    None) and passes SQLite's integrity check; ``what`` finishes "The ... did not pass"."""

    def check(temp: Path) -> None:
        conn = sqlite3.connect(temp) if key is None else connect(temp, key)
        try:
            if problems := _integrity(conn):
                raise KnownError(
                    f"The {what} did not pass its check, so nothing was changed. Please try again.",
                    detail="; ".join(problems[:5]),
                )
        finally:
            conn.close()

    return check


def encrypt_in_place(path: Path, passphrase: str) -> None:
    """Rewrite the plain club file ``path`` encrypted with ``passphrase``.

    The app must have closed its connections first. On failure the file is unchanged.
    """
    if looks_encrypted(path):
        raise KnownError("The club's information is already encrypted.")
    _rewrite(
        path,
        lambda: _plain_source(path),
        passphrase,
        _checked_with(passphrase, "encrypted copy"),
        "encrypt the club's file",
    )


def decrypt_in_place(path: Path, passphrase: str) -> None:
    """Rewrite the encrypted club file ``path`` as plain SQLite. On failure it is unchanged."""
    _rewrite(
        path,
        lambda: connect(path, passphrase),
        "",
        _checked_with(None, "plain copy"),
        "turn encryption off",
    )


def copy_into(
    source: Path, source_key: str | None, path: Path, key: str | None, doing: str
) -> None:
    """Replace the file ``path`` with a checked copy of the club database ``source``,
    encrypted with ``key`` (plain if None); ``source_key`` opens ``source`` (None: plain).
    Used to put back a backup whose form differs from the club's. On failure ``path``
    is as it was."""

    def open_source() -> sqlite3.Connection:
        return _plain_source(source) if source_key is None else connect(source, source_key)

    _rewrite(Path(path), open_source, key or "", _checked_with(key, "copy"), doing)


def change_passphrase(path: Path, old: str, new: str) -> None:
    """Give the encrypted file ``path`` the passphrase ``new`` instead of ``old``: the
    file is rewritten with the new key, checked, and swapped in (on failure, or if
    ``old`` does not open it, it is unchanged)."""
    _rewrite(
        path,
        lambda: connect(path, old),
        new,
        _checked_with(new, "copy with the new passphrase"),
        "change the passphrase",
    )

"""Backups, rotation and restore of the club database (stdlib sqlite3 only)."""

from __future__ import annotations

import errno
import sqlite3
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from clubapp.db import backup as backup_mod
from clubapp.db.backup import (
    BackupInfo,
    automatic_backup,
    backup_to,
    daily_backup_due,
    is_club_database,
    list_backups,
    plan_rotation,
    restore,
)
from clubapp.db.errors import (
    BackupFailed,
    DatabaseUnavailable,
    KnownError,
    NotAClubDatabase,
    explain_os_error,
)

# --------------------------------------------------------------------------- helpers


def make_club_db(path: Path, members: list[str], *, wal: bool = False) -> Path:
    """A small club database: alembic_version, club and a members table."""
    with closing(sqlite3.connect(path)) as conn:
        if wal:
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('0001_first')")
        conn.execute("CREATE TABLE club (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        conn.execute("INSERT INTO club (name) VALUES ('Riverside Friendship Club')")
        conn.execute("CREATE TABLE member (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        conn.execute("CREATE INDEX ix_member_name ON member (name)")
        conn.executemany("INSERT INTO member (name) VALUES (?)", [(m,) for m in members])
        conn.commit()
    return path


def member_names(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM member ORDER BY id")]


def dump(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def many_members(n: int) -> list[str]:
    return [f"Member number {i} " + "x" * 200 for i in range(n)]


def corrupt_copy(src: Path, dest: Path) -> Path:
    """Copy ``src`` byte for byte, then flip bytes in the middle of the file."""
    data = bytearray(src.read_bytes())
    assert len(data) >= 4096 * 8, "the test database must span several pages"
    middle = len(data) // 2
    for i in range(middle, middle + 512):
        data[i] ^= 0xFF
    dest.write_bytes(bytes(data))
    return dest


@pytest.fixture
def club_db(tmp_path: Path) -> Path:
    return make_club_db(tmp_path / "club.sqlite3", ["Ada", "Bert", "Cora"])


# --------------------------------------------------------------------------- is_club_database


def test_is_club_database_true_for_a_club_db_and_leaves_it_unchanged(club_db: Path) -> None:
    """A club database is recognised, and looking at it does not change the file."""
    before = club_db.read_bytes()
    assert is_club_database(club_db)
    assert club_db.read_bytes() == before


def test_is_club_database_false_for_text_empty_missing_and_other_sqlite(tmp_path: Path) -> None:
    """A text file, an empty file, a missing file and another SQLite db are not club dbs."""
    text = tmp_path / "letter.txt"
    text.write_text("Dear members,\n" * 100)
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.commit()
    other_before = other.read_bytes()

    assert not is_club_database(text)
    assert not is_club_database(empty)
    assert not is_club_database(other)
    assert not is_club_database(tmp_path / "missing.sqlite3")
    assert not is_club_database(tmp_path)
    assert empty.read_bytes() == b""
    assert other.read_bytes() == other_before
    assert not (tmp_path / "missing.sqlite3").exists()


# --------------------------------------------------------------------------- backup_to


def test_backup_copy_has_same_content_and_passes_integrity_check(
    club_db: Path, tmp_path: Path
) -> None:
    """backup_to makes a copy with identical content that passes integrity_check."""
    dest = tmp_path / "out" / "copy.sqlite3"
    dest.parent.mkdir()
    assert backup_to(club_db, dest) == dest
    assert dump(dest) == dump(club_db)
    assert integrity(dest) == "ok"
    assert is_club_database(dest)
    assert sorted(p.name for p in dest.parent.iterdir()) == ["copy.sqlite3"]


def test_backup_is_a_single_file_in_rollback_journal_mode(tmp_path: Path) -> None:
    """A backup of a WAL database is one self-contained file, not WAL mode."""
    db = make_club_db(tmp_path / "club.sqlite3", ["Ada"], wal=True)
    dest = backup_to(db, tmp_path / "copy.sqlite3")
    assert dest.read_bytes()[18:20] == b"\x01\x01"  # file format: legacy (rollback) journal
    assert member_names(dest) == ["Ada"]


def test_backup_with_an_open_wal_writer_includes_committed_rows(tmp_path: Path) -> None:
    """Rows committed by a writer that is still connected (data in the -wal) are backed up."""
    db = make_club_db(tmp_path / "club.sqlite3", ["Ada"], wal=True)
    writer = sqlite3.connect(db, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint=0")  # keep the rows in the -wal file
        writer.execute("INSERT INTO member (name) VALUES ('Bert')")
        writer.execute("INSERT INTO member (name) VALUES ('Cora')")
        assert Path(f"{db}-wal").stat().st_size > 0
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO member (name) VALUES ('Not yet committed')")

        dest = backup_to(db, tmp_path / "copy.sqlite3")

        writer.execute("ROLLBACK")
    finally:
        writer.close()
    assert member_names(dest) == ["Ada", "Bert", "Cora"]
    assert integrity(dest) == "ok"


def test_backup_into_a_missing_folder_fails_cleanly(club_db: Path, tmp_path: Path) -> None:
    """A destination whose 'folder' is a regular file raises BackupFailed and leaves nothing."""
    not_a_folder = tmp_path / "stick"
    not_a_folder.write_text("I am a file")
    dest = not_a_folder / "copy.sqlite3"
    before = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(BackupFailed) as caught:
        backup_to(club_db, dest)

    assert "could not save the backup" in str(caught.value)
    assert not dest.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_backup_disk_full_while_writing_leaves_no_file(
    club_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk-full error after the temp file exists leaves no final file and no temp file."""
    out = tmp_path / "out"
    out.mkdir()

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_mod.os, "fsync", full_disk)
    with pytest.raises(BackupFailed) as caught:
        backup_to(club_db, out / "copy.sqlite3")

    assert str(caught.value).startswith("The disk is full")
    assert "Free some space" in str(caught.value)
    assert list(out.iterdir()) == []


def test_backup_that_fails_its_check_is_not_kept(
    club_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy failing integrity_check raises BackupFailed and keeps the old backup as it was."""
    out = tmp_path / "out"
    out.mkdir()
    old = backup_to(club_db, out / "copy.sqlite3")
    old_bytes = old.read_bytes()
    monkeypatch.setattr(backup_mod, "_integrity_problems", lambda conn: ["page 3 is broken"])

    with pytest.raises(BackupFailed) as caught:
        backup_to(club_db, out / "copy.sqlite3")

    assert "safety check" in str(caught.value)
    assert caught.value.detail == "page 3 is broken"
    assert [p.name for p in out.iterdir()] == ["copy.sqlite3"]
    assert old.read_bytes() == old_bytes


def test_backup_refuses_to_overwrite_a_file_that_is_not_a_backup(
    club_db: Path, tmp_path: Path
) -> None:
    """Saving a backup over someone's document is refused and the document kept."""
    letter = tmp_path / "letter.sqlite3"
    letter.write_text("Dear members")
    with pytest.raises(BackupFailed):
        backup_to(club_db, letter)
    assert letter.read_text() == "Dear members"


def test_backup_of_a_missing_database_fails_without_creating_it(tmp_path: Path) -> None:
    """Backing up a database that does not exist says so and creates nothing."""
    with pytest.raises(BackupFailed):
        backup_to(tmp_path / "nope.sqlite3", tmp_path / "copy.sqlite3")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- explain_os_error


@pytest.mark.parametrize(
    ("exc", "start"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "The disk is full"),
        (sqlite3.OperationalError("database or disk is full"), "The disk is full"),
        (PermissionError(errno.EACCES, "Permission denied"), "clubapp is not allowed"),
        (OSError(errno.EROFS, "Read-only file system"), "clubapp is not allowed"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "clubapp is not"),
        (sqlite3.OperationalError("database is locked"), "The club's information is being"),
        (FileNotFoundError(errno.ENOENT, "No such file"), "A folder that clubapp needs"),
    ],
)
def test_explain_os_error_gives_kind_messages(exc: OSError | sqlite3.Error, start: str) -> None:
    """Disk full, not allowed / read-only and locked each get their own plain message."""
    error = explain_os_error(exc, "save the backup")
    assert isinstance(error, KnownError)
    assert isinstance(error, DatabaseUnavailable)
    assert str(error).startswith(start)
    assert "could not save the backup." in str(error)
    assert "errno" not in str(error).lower() and "sqlite" not in str(error).lower()
    assert error.detail and str(exc) in error.detail


def test_explain_os_error_can_return_backup_failed() -> None:
    """The caller can choose the kind of known error returned."""
    error = explain_os_error(
        OSError(errno.ENOSPC, "full"), "save the backup", error_class=BackupFailed
    )
    assert isinstance(error, BackupFailed)
    assert str(error) == (
        "The disk is full, so clubapp could not save the backup. Free some space "
        "(empty the recycle bin or delete old files) and try again."
    )


# --------------------------------------------------------------------------- rotation


def name(moment: datetime, reason: str) -> str:
    return f"club-{moment:%Y-%m-%d-%H%M%S}-{reason}.sqlite3"


def test_rotation_keeps_exactly_the_right_files_over_400_days(tmp_path: Path) -> None:
    """Grandfather-father-son over 400 days: 7 days, 4 ISO weeks, 12 months, safety copies."""
    now = datetime(2025, 3, 15, 12, 0, 0)  # a Saturday in ISO week 2025-W11
    d = tmp_path
    history: dict[str, datetime] = {}

    def add(moment: datetime, reason: str) -> None:
        history[name(moment, reason)] = moment

    # One daily backup at 09:00 for 400 days, ending today.
    for back in range(400):
        day = now.date() - timedelta(days=back)
        add(datetime(day.year, day.month, day.day, 9, 0, 0), "daily")
    # Some later backups on the same days.
    add(datetime(2025, 3, 12, 21, 30, 0), "close")  # newest of 12 March
    add(datetime(2025, 1, 31, 22, 0, 0), "close")  # newest of January
    add(datetime(2025, 3, 14, 20, 0, 0), "pre-restore")  # newest of 14 March
    add(datetime(2025, 1, 10, 8, 0, 0), "pre-migration")  # 64 days old: kept
    add(datetime(2024, 12, 16, 8, 0, 0), "pre-migration")  # 89 days old: kept
    add(datetime(2024, 12, 14, 8, 0, 0), "pre-restore")  # 91 days old: goes
    add(datetime(2024, 10, 1, 8, 0, 0), "pre-migration")  # 165 days old: goes
    add(datetime(2024, 6, 30, 23, 59, 59), "manual")  # newest of June 2024

    expected_keep = {
        # newest of each of the last 7 days with backups (9-15 March 2025)
        name(datetime(2025, 3, 15, 9, 0, 0), "daily"),
        name(datetime(2025, 3, 14, 20, 0, 0), "pre-restore"),
        name(datetime(2025, 3, 13, 9, 0, 0), "daily"),
        name(datetime(2025, 3, 12, 21, 30, 0), "close"),
        name(datetime(2025, 3, 11, 9, 0, 0), "daily"),
        name(datetime(2025, 3, 10, 9, 0, 0), "daily"),
        name(datetime(2025, 3, 9, 9, 0, 0), "daily"),
        # newest of ISO weeks W11 (15 Mar), W10 (Sun 9 Mar), W09 (Sun 2 Mar), W08 (Sun 23 Feb)
        name(datetime(2025, 3, 2, 9, 0, 0), "daily"),
        name(datetime(2025, 2, 23, 9, 0, 0), "daily"),
        # newest of each of the last 12 months: April 2024 .. March 2025
        name(datetime(2025, 2, 28, 9, 0, 0), "daily"),
        name(datetime(2025, 1, 31, 22, 0, 0), "close"),
        name(datetime(2024, 12, 31, 9, 0, 0), "daily"),
        name(datetime(2024, 11, 30, 9, 0, 0), "daily"),
        name(datetime(2024, 10, 31, 9, 0, 0), "daily"),
        name(datetime(2024, 9, 30, 9, 0, 0), "daily"),
        name(datetime(2024, 8, 31, 9, 0, 0), "daily"),
        name(datetime(2024, 7, 31, 9, 0, 0), "daily"),
        name(datetime(2024, 6, 30, 23, 59, 59), "manual"),
        name(datetime(2024, 5, 31, 9, 0, 0), "daily"),
        name(datetime(2024, 4, 30, 9, 0, 0), "daily"),
        # safety copies younger than 90 days
        name(datetime(2025, 1, 10, 8, 0, 0), "pre-migration"),
        name(datetime(2024, 12, 16, 8, 0, 0), "pre-migration"),
    }
    assert len(expected_keep) == 22
    assert date(2025, 3, 15) - timedelta(days=399) == date(2024, 2, 10)  # history starts here

    backups = [(d / file_name, moment) for file_name, moment in history.items()]
    to_delete = plan_rotation(backups, now)

    assert len(to_delete) == len(set(to_delete))
    kept = set(history) - {p.name for p in to_delete}
    assert kept == expected_keep
    assert len(to_delete) == len(history) - 22
    # oldest first, and the plan does not depend on the order it is given
    assert to_delete == sorted(to_delete, key=lambda p: history[p.name])
    assert plan_rotation(list(reversed(backups)), now) == to_delete


def test_rotation_never_deletes_the_newest_backup() -> None:
    """A single very old backup, or the newest of several, is always kept."""
    now = datetime(2025, 3, 15, 12, 0, 0)
    old = datetime(2021, 1, 1, 9, 0, 0)
    only = Path("b") / name(old, "pre-migration")
    assert plan_rotation([(only, old)], now) == []
    assert plan_rotation([], now) == []


def test_rotation_counts_only_days_that_have_backups() -> None:
    """After a long break, the last 7 days with backups are still kept."""
    now = datetime(2025, 9, 1, 12, 0, 0)
    # 10 backups on consecutive days in May, nothing since.
    days = [datetime(2025, 5, day, 9, 0, 0) for day in range(1, 11)]
    backups = [(Path(name(t, "daily")), t) for t in days]
    deleted = {p.name for p in plan_rotation(backups, now)}
    # Days: 4-10 May. Weeks: W19 -> 10 May, W18 (28 Apr-4 May) -> 4 May. Month: 10 May.
    assert deleted == {name(datetime(2025, 5, d, 9, 0, 0), "daily") for d in (1, 2, 3)}


# --------------------------------------------------------------------------- automatic backups


def test_automatic_backup_names_the_file_and_rotates(club_db: Path, tmp_path: Path) -> None:
    """automatic_backup saves a checked, well-named backup and deletes what rotation says."""
    folder = tmp_path / "club-backups"
    folder.mkdir()
    now = datetime(2025, 3, 15, 18, 15, 0)
    # Three older backups on one day: only the newest of that day survives.
    for hour in (9, 10, 11):
        (folder / name(datetime(2025, 3, 10, hour, 0, 0), "close")).write_bytes(b"old")
    stranger = folder / "notes.txt"
    stranger.write_text("keep me")

    made = automatic_backup(club_db, folder, "daily", now=now)

    assert made == folder / "club-2025-03-15-181500-daily.sqlite3"
    assert member_names(made) == ["Ada", "Bert", "Cora"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "club-2025-03-10-110000-close.sqlite3",
        "club-2025-03-15-181500-daily.sqlite3",
        "notes.txt",
    ]


def test_automatic_backup_creates_the_folder_and_never_overwrites(
    club_db: Path, tmp_path: Path
) -> None:
    """Two safety backups made in the same second get two names and both survive."""
    folder = tmp_path / "new" / "backups"
    now = datetime(2025, 3, 15, 18, 15, 0)
    first = automatic_backup(club_db, folder, "pre-migration", now=now)
    second = automatic_backup(club_db, folder, "pre-migration", now=now)
    assert first.name == "club-2025-03-15-181500-pre-migration.sqlite3"
    assert second.name == "club-2025-03-15-181501-pre-migration.sqlite3"
    assert first.exists() and second.exists()


def test_automatic_backup_rejects_an_unknown_reason(club_db: Path, tmp_path: Path) -> None:
    """A reason outside the list is a programming error."""
    with pytest.raises(ValueError):
        automatic_backup(club_db, tmp_path / "b", "because", now=datetime(2025, 1, 1))


def test_list_backups_newest_first_and_daily_due(club_db: Path, tmp_path: Path) -> None:
    """list_backups reads names newest first; daily_backup_due is False once today has one."""
    folder = tmp_path / "backups"
    assert list_backups(folder) == []
    assert daily_backup_due(folder, datetime(2025, 3, 15, 8, 0, 0))

    a = automatic_backup(club_db, folder, "close", now=datetime(2025, 3, 14, 21, 0, 0))
    b = automatic_backup(club_db, folder, "pre-migration", now=datetime(2025, 3, 15, 9, 0, 5))
    (folder / "club-2025-13-45-000000-daily.sqlite3").write_bytes(b"")  # not a real date
    (folder / "something-else.sqlite3").write_bytes(b"")

    infos = list_backups(folder)
    assert [i.path for i in infos] == [b, a]
    assert infos[0] == BackupInfo(
        path=b,
        taken_at=datetime(2025, 3, 15, 9, 0, 5),
        reason="pre-migration",
        size_bytes=b.stat().st_size,
    )
    assert infos[1].reason == "close"
    assert not daily_backup_due(folder, datetime(2025, 3, 15, 23, 0, 0))
    assert daily_backup_due(folder, datetime(2025, 3, 16, 0, 0, 1))


# --------------------------------------------------------------------------- restore


def test_restore_makes_a_pre_restore_backup_then_puts_the_backup_back(
    club_db: Path, tmp_path: Path
) -> None:
    """Restore saves the current data first, then the database holds the backup's rows."""
    folder = tmp_path / "backups"
    old_backup = automatic_backup(club_db, folder, "manual", now=datetime(2025, 3, 1, 10, 0, 0))
    with closing(sqlite3.connect(club_db)) as conn:
        conn.execute("INSERT INTO member (name) VALUES ('Dot')")
        conn.execute("DELETE FROM member WHERE name = 'Ada'")
        conn.commit()
    assert member_names(club_db) == ["Bert", "Cora", "Dot"]

    safety = restore(club_db, old_backup, folder, now=datetime(2025, 3, 15, 10, 0, 0))

    assert safety is not None
    assert safety.name == "club-2025-03-15-100000-pre-restore.sqlite3"
    assert member_names(safety) == ["Bert", "Cora", "Dot"]
    assert member_names(club_db) == ["Ada", "Bert", "Cora"]
    assert integrity(club_db) == "ok"
    assert old_backup.exists()


def test_restore_into_a_live_wal_database_is_seen_by_open_connections(tmp_path: Path) -> None:
    """Restoring while the app holds a WAL connection keeps WAL mode and shows the new rows."""
    db = make_club_db(tmp_path / "club.sqlite3", ["Ada"], wal=True)
    folder = tmp_path / "backups"
    old_backup = automatic_backup(db, folder, "manual", now=datetime(2025, 3, 1, 10, 0, 0))
    app = sqlite3.connect(db, isolation_level=None)
    try:
        app.execute("INSERT INTO member (name) VALUES ('Bert')")
        assert [r[0] for r in app.execute("SELECT name FROM member")] == ["Ada", "Bert"]

        restore(db, old_backup, folder, now=datetime(2025, 3, 15, 10, 0, 0))

        assert [r[0] for r in app.execute("SELECT name FROM member")] == ["Ada"]
        assert app.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert app.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        app.close()


def test_restore_when_there_is_no_database_yet(club_db: Path, tmp_path: Path) -> None:
    """Restoring onto a new computer creates the database and makes no safety backup."""
    target = tmp_path / "new-computer" / "club.sqlite3"
    safety = restore(target, club_db, tmp_path / "new-computer" / "backups")
    assert safety is None
    assert member_names(target) == ["Ada", "Bert", "Cora"]


def test_restore_refuses_a_file_that_is_not_a_club_database(club_db: Path, tmp_path: Path) -> None:
    """A text file or another SQLite db is refused and the current database left untouched."""
    folder = tmp_path / "backups"
    text = tmp_path / "letter.sqlite3"
    text.write_text("Dear members")
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
    before = club_db.read_bytes()

    for bad in (text, other, tmp_path / "missing.sqlite3"):
        with pytest.raises(NotAClubDatabase):
            restore(club_db, bad, folder)

    assert club_db.read_bytes() == before
    assert not folder.exists()  # not even a safety backup was needed


def test_restore_refuses_a_corrupt_backup(tmp_path: Path) -> None:
    """A backup with bytes flipped in the middle fails integrity_check and is refused."""
    db = make_club_db(tmp_path / "club.sqlite3", many_members(300))
    good = backup_to(db, tmp_path / "good.sqlite3")
    bad = corrupt_copy(good, tmp_path / "bad.sqlite3")
    assert is_club_database(bad)  # the first page is fine: only the check finds the damage
    folder = tmp_path / "backups"
    before = db.read_bytes()

    with pytest.raises(NotAClubDatabase) as caught:
        restore(db, bad, folder)

    assert "damaged" in str(caught.value)
    assert db.read_bytes() == before
    assert not folder.exists()


def test_restore_never_overwrites_a_file_that_is_not_a_club_database(
    club_db: Path, tmp_path: Path
) -> None:
    """If the database path holds someone's document, restore refuses to replace it."""
    document = tmp_path / "document.sqlite3"
    document.write_text("My important letter")
    with pytest.raises(NotAClubDatabase):
        restore(document, club_db, tmp_path / "backups")
    assert document.read_text() == "My important letter"


def test_restore_while_another_program_is_writing_gives_up_with_a_kind_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the database stays locked, restore stops after a while and leaves the data alone."""
    monkeypatch.setattr(backup_mod, "_BUSY_TIMEOUT_S", 0.3)
    db = make_club_db(tmp_path / "club.sqlite3", ["Ada"], wal=True)
    folder = tmp_path / "backups"
    old_backup = automatic_backup(db, folder, "manual", now=datetime(2025, 3, 1, 10, 0, 0))
    writer = sqlite3.connect(db, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO member (name) VALUES ('Bert')")
        with pytest.raises(DatabaseUnavailable) as caught:
            restore(db, old_backup, folder, now=datetime(2025, 3, 15, 10, 0, 0))
        assert str(caught.value).startswith("The club's information is being used")
        writer.execute("COMMIT")
    finally:
        writer.close()
    assert member_names(db) == ["Ada", "Bert"]
    assert integrity(db) == "ok"

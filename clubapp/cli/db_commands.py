"""`clubapp demo`, `clubapp db …`, `clubapp backup`, `clubapp restore`."""

from __future__ import annotations

import argparse
import os
from datetime import datetime
from pathlib import Path

from clubapp.cli import EXIT_FAILED, EXIT_OK, CommandError, passphrase


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="create the demo club (a realistic, fictional club)")
    demo.add_argument("--size", choices=("small", "large"), default="small")
    demo.add_argument("--force", action="store_true", help="replace an existing club database")
    demo.set_defaults(handler=cmd_demo)

    db = sub.add_parser("db", help="look after the database file")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_sub.add_parser("upgrade", help="bring the database up to this version").set_defaults(
        handler=cmd_db_upgrade
    )
    check = db_sub.add_parser("check", help="check the file is whole and its layout right")
    check.add_argument(
        "--details", action="store_true", help="also list what the check found, for whoever helps"
    )
    check.set_defaults(handler=cmd_db_check)
    db_sub.add_parser("info", help="the database's version, size and counts").set_defaults(
        handler=cmd_db_info
    )

    backup = sub.add_parser("backup", help="make a checked backup now")
    backup.add_argument("--to", metavar="DIR", help="save it in this folder (e.g. a memory stick)")
    backup.set_defaults(handler=cmd_backup)

    restore = sub.add_parser(
        "restore", help="go back to a backup (the current data is backed up first)"
    )
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(handler=cmd_restore)


def _lock(db_path: Path):  # type: ignore[no-untyped-def]
    from clubapp.db.instance_lock import InstanceLock

    db_path.parent.mkdir(parents=True, exist_ok=True)
    return InstanceLock(db_path)


def _remove_database_files(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(f"{db_path}{suffix}")
        if candidate.exists():
            os.remove(candidate)


def cmd_demo(args: argparse.Namespace) -> int:
    from clubapp import demo
    from clubapp.db import migrate
    from clubapp.db.backup import automatic_backup
    from clubapp.db.database import open_database
    from clubapp.paths import backups_dir_for

    db_path: Path = args.db_path
    with _lock(db_path):
        # Refuses files that are not club databases (an encrypted club needs its passphrase).
        key = passphrase(args)
        state = migrate.inspect(db_path, key)
        if state is not migrate.State.NEW:
            if not args.force:
                raise CommandError(
                    f"{db_path} already holds a club. Add --force to replace it "
                    "(a backup of it is made first)."
                )
            saved = automatic_backup(db_path, backups_dir_for(db_path), "manual", passphrase=key)
            print(f"Backed up the old club to {saved}")
            _remove_database_files(db_path)
        db = open_database(db_path)
        try:
            summary = demo.build_demo(db, size=args.size)
        finally:
            db.close()
    print(f"Made the demo club “{summary.club_name}” in {db_path}")
    print(
        f"{summary.people:,} people, {summary.sessions:,} sessions, "
        f"{summary.attendances:,} attendances."
    )
    print("Sign in as:")
    width = max(len(u.name) for u in summary.users)
    for user in summary.users:
        print(f"  {user.name:<{width}}  {user.role:<11}  password: {user.password}")
    return EXIT_OK


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from clubapp.db import migrate, schema
    from clubapp.db.access import quick_check
    from clubapp.db.database import damaged

    key = passphrase(args)
    with _lock(args.db_path):
        # A damaged file is never changed, nor called up to date.
        if migrate.inspect(args.db_path, key) is not migrate.State.NEW and (
            problems := quick_check(args.db_path, key)
        ):
            raise damaged(args.db_path.resolve(), "; ".join(problems[:5]), key)
        backup = migrate.upgrade(args.db_path, passphrase=key)
    if backup:
        print(f"Backed up the database to {backup} before upgrading.")
    print(f"The database is up to date (version {schema.HEAD}).")
    return EXIT_OK


def schema_problems(db_path: Path, key: str | None = None) -> list[str]:
    """Differences between the database's tables and the app's models (empty when right)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from clubapp.db.access import connect_for_reading
    from clubapp.db.engine import make_engine
    from clubapp.models import all_metadata

    # Read-only, as every check: also where the folder cannot be written in.
    probe, immutable = connect_for_reading(db_path, passphrase=key)
    probe.close()
    engine = make_engine(db_path, read_only=True, immutable=immutable, passphrase=key)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(context, all_metadata())
    finally:
        engine.dispose()
    return [str(d) for d in diffs]


def _whole_file_problems(db_path: Path, key: str | None = None) -> list[str]:
    """``PRAGMA integrity_check`` on the file, opened read-only: [] when it is whole."""
    from clubapp.db.access import connect_for_reading
    from clubapp.db.errors import database_errors

    conn, _immutable = connect_for_reading(db_path, passphrase=key)
    try:
        result = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    except database_errors("DatabaseError", MemoryError) as exc:  # "... is malformed"
        result = [str(exc)]
    finally:
        conn.close()
    return [] if result == ["ok"] else result


def cmd_db_check(args: argparse.Namespace) -> int:
    from clubapp.db import migrate
    from clubapp.db.access import connect_for_reading
    from clubapp.db.database import damaged
    from clubapp.db.errors import DamagedDatabase

    db_path: Path = args.db_path
    if not db_path.exists():
        raise CommandError(f"There is no database at {db_path}.")
    key = passphrase(args)
    try:
        state = migrate.inspect(db_path, key)
    except DamagedDatabase as exc:  # not even the list of tables can be read
        raise damaged(db_path.resolve(), exc.detail or str(exc), key) from exc
    if state is migrate.State.NEW:
        raise CommandError(f"{db_path} is empty: there is no club in it yet.")
    damage = _whole_file_problems(db_path, key)
    if damage:
        # The file's own words only on request, for whoever helps: the message below says
        # what to do, naming the backup, and must not be lost under them.
        if getattr(args, "details", False):
            for line in damage:
                print(f"problem: {line}")
        else:
            print(
                f"The check found {len(damage)} "
                f"{'problem' if len(damage) == 1 else 'problems'} inside the file "
                "(add --details to list them for whoever helps)."
            )
        raise damaged(db_path.resolve(), "; ".join(damage[:5]), key)
    problems: list[str] = []
    conn, _immutable = connect_for_reading(db_path, passphrase=key)
    try:
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        problems += [f"broken link in table {row[0]}, row {row[1]}" for row in fk]
    finally:
        conn.close()
    if state is migrate.State.PENDING:
        problems.append("the database needs an upgrade: run clubapp db upgrade")
    else:
        problems += [
            f"layout differs from this version: {p}" for p in schema_problems(db_path, key)
        ]
    if problems:
        for p in problems:
            print(f"problem: {p}")
        print(f"{len(problems)} problem(s) found in {db_path}.")
        return EXIT_FAILED
    print(f"{db_path}: the file is whole and its layout is right.")
    return EXIT_OK


def cmd_db_info(args: argparse.Namespace) -> int:
    import sqlite3

    from clubapp.db import migrate
    from clubapp.db.access import connect_for_reading
    from clubapp.db.backup import list_backups
    from clubapp.paths import backups_dir_for

    db_path: Path = args.db_path
    if not db_path.exists():
        raise CommandError(f"There is no database at {db_path}.")
    key = passphrase(args)
    state = migrate.inspect(db_path, key)
    print(f"Database:  {db_path}")
    print(f"Size:      {db_path.stat().st_size / 1024:,.0f} KB")
    print(f"Version:   {migrate.current_revision(db_path, key) or 'none'} ({state.value})")
    print(f"Encrypted: {'yes' if key is not None else 'no'}")
    if state is not migrate.State.NEW:
        if key is not None:
            conn, _immutable = connect_for_reading(db_path, passphrase=key)
        else:
            conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            name = conn.execute("SELECT name FROM club").fetchone()
            print(f"Club:      {name[0] if name else '(not set up yet)'}")
            for label, table in (
                ("People", "people"),
                ("Sessions", "club_sessions"),
                ("Attendance", "attendance"),
                ("Users", "users"),
            ):
                count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                print(f"{label + ':':<10} {count:,}")
        finally:
            conn.close()
    backups = list_backups(backups_dir_for(db_path))
    if backups:
        print(f"Backups:   {len(backups)}, newest {backups[0].taken_at:%d %B %Y %H:%M}")
    else:
        print("Backups:   none yet")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from clubapp.db import migrate
    from clubapp.db.backup import automatic_backup, backup_file_name, backup_to
    from clubapp.paths import backups_dir_for

    db_path: Path = args.db_path
    key = passphrase(args)
    if migrate.inspect(db_path, key) is migrate.State.NEW:
        raise CommandError(f"There is no club database at {db_path} to back up.")
    if args.to:
        folder = Path(args.to).expanduser()
        if not folder.is_dir():
            raise CommandError(f"The folder {folder} does not exist. Check the memory stick is in.")
        dest = folder / backup_file_name("manual", datetime.now())
        made = backup_to(db_path, dest, passphrase=key)
    else:
        made = automatic_backup(db_path, backups_dir_for(db_path), "manual", passphrase=key)
    print(f"Backed up and checked: {made}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from clubapp.db import migrate
    from clubapp.db.backup import restore
    from clubapp.paths import backups_dir_for

    db_path: Path = args.db_path
    source = Path(args.file).expanduser()
    key = passphrase(args, source)
    if source.is_file():
        # Refuses a backup saved by a newer clubapp (this one could not open the result),
        # a damaged file and a file that is not a club database, before anything changes.
        migrate.inspect(source, key)
    with _lock(db_path):
        safety = restore(db_path, source, backups_dir_for(db_path), passphrase=key)
    if safety:
        print(f"The data as it was is kept in {safety}")
    print(f"Restored {args.file} into {db_path}.")
    return EXIT_OK

"""What the encrypted database option costs, on the large demo.

    .venv/bin/python tests/bench/bench_encryption.py

Builds the large demo club (or reuses today's), then measures on a copy, with the real
key stretching (256,000 rounds, not the tests' few):
  - turning encryption on (the file and a few backups rewritten) and off again;
  - opening the club plain and encrypted (open_database: inspect, quick_check, engine,
    a first query), and one connection's key;
  - a backup (automatic_backup) plain and encrypted;
  - a typical read (everyone in the members list) plain and encrypted.
Prints medians and ranges; asserts nothing (figures, not pass or fail).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from large_demo import cached_demo  # beside this script

RUNS = 5
PASSPHRASE = "blue kettle on the windowsill"


def timed(fn: Callable[[], object], runs: int = RUNS) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def say(label: str, times: list[float]) -> None:
    ms = [t * 1000 for t in times]
    print(f"{label:<48} median {statistics.median(ms):8.1f} ms  ({min(ms):.1f}-{max(ms):.1f})")


def main() -> None:
    from clubapp.db import encryption
    from clubapp.db.backup import automatic_backup, list_backups
    from clubapp.db.database import open_database
    from clubapp.services import members
    from clubapp.services.permissions import COMMAND_LINE, Actor
    from clubapp.services.users import list_users

    if (reason := encryption.unavailable_reason()) is not None:
        print(reason)
        return
    source = cached_demo(date.today())
    folder = Path(tempfile.mkdtemp(prefix="clubapp-bench-encryption-"))
    try:
        path = folder / "club.sqlite3"
        shutil.copyfile(source, path)
        print(f"large demo: {path.stat().st_size / 1_000_000:.1f} MB")
        db = open_database(path)
        for _ in range(3):  # a few backups, rewritten with the file
            automatic_backup(path, db.backups_dir, "manual")
        backups = len(list_backups(db.backups_dir))
        row = next(u for u in db.run(list_users, COMMAND_LINE) if u.role == "coordinator")
        actor = Actor(row.user_id, row.name, "coordinator")

        def read_everyone() -> None:
            db.run(members.list_people, COMMAND_LINE)

        say("members list, plain", timed(read_everyone))
        say("backup, plain", timed(lambda: automatic_backup(path, db.backups_dir, "manual"), 3))
        backups = len(list_backups(db.backups_dir))
        say(
            f"turn encryption on (file + {backups} backups)",
            timed(lambda: db.turn_on_encryption(PASSPHRASE, actor), 1),
        )
        say("members list, encrypted", timed(read_everyone))
        say(
            "backup, encrypted",
            timed(
                lambda: automatic_backup(path, db.backups_dir, "manual", passphrase=PASSPHRASE),
                3,
            ),
        )
        backups = len(list_backups(db.backups_dir))
        db.close()
        say(
            "one connection's key (stretching)",
            timed(lambda: encryption.connect(path, PASSPHRASE).close()),
        )

        def open_encrypted() -> None:
            opened = open_database(path, passphrase=PASSPHRASE)
            opened.run(members.list_people, COMMAND_LINE)
            opened.close()

        say("open an encrypted club + first read", timed(open_encrypted))
        db = open_database(path, passphrase=PASSPHRASE)
        say(
            f"turn encryption off (file + {backups} backups)",
            timed(lambda: db.turn_off_encryption(PASSPHRASE, actor), 1),
        )
        db.close()

        def open_plain() -> None:
            opened = open_database(path)
            opened.run(members.list_people, COMMAND_LINE)
            opened.close()

        say("open a plain club + first read", timed(open_plain))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

"""The large demo club for the benchmarks, built once for a day and kept in the temporary
folder, so each benchmark (and each run) does not spend seconds building it again."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What the large demo is made from: a change to any of them builds a new one.
DEMO_SOURCES = ("clubapp/demo*.py", "alembic/versions/*.py")


def cached_demo(today: date) -> Path:
    """The large demo for ``today``, built once and kept in the temporary folder."""
    from clubapp import demo
    from clubapp.db.database import open_database

    digest = hashlib.sha256()
    for pattern in DEMO_SOURCES:
        for source in sorted(ROOT.glob(pattern)):
            digest.update(source.read_bytes())
    folder = Path(tempfile.gettempdir()) / "clubapp-bench-large-demo"
    folder.mkdir(exist_ok=True)
    os.environ["CLUBAPP_DATA_DIR"] = str(folder / "data")
    path = folder / f"large-{today.isoformat()}-{digest.hexdigest()[:12]}.sqlite3"
    if path.exists():
        print(f"large demo: reusing {path}")
        return path
    for stale in folder.glob("large-*.sqlite3"):  # built from older demo code, or days ago
        stale.unlink()
    building = path.with_suffix(".building")
    for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_database(building)
    summary = demo.build_demo(db, size="large", today=today)
    db.forget_history()
    db.close()
    building.rename(path)
    for leftover in (Path(f"{building}-wal"), Path(f"{building}-shm")):
        leftover.unlink(missing_ok=True)
    print(
        f"large demo: {summary.people:,} people, built in {time.perf_counter() - started:.1f} s"
        f" ({path})"
    )
    return path

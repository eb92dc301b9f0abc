"""Where things live: the user's data, the bundled resources and the migrations.

Resources and migrations sit at the top of the repository while developing; an
installed wheel carries copies in ``clubapp/_bundled`` (see setup.py). Both layouts
are looked up here so nothing else needs to care.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "clubapp"
_PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE_DIR / "_bundled"
_REPO_ROOT = _PACKAGE_DIR.parent


def _locate(name: str) -> Path:
    for candidate in (_BUNDLED / name, _REPO_ROOT / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"The app's {name} folder is missing; please reinstall clubapp.")


def resources_dir() -> Path:
    return _locate("resources")


def migrations_dir() -> Path:
    return _locate("alembic")


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def data_dir() -> Path:
    """The user's data folder (created on first use)."""
    override = os.environ.get("CLUBAPP_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    env = os.environ.get("CLUBAPP_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "club.sqlite3"


def backups_dir_for(db_path: Path) -> Path:
    """Backups live beside the database in a folder named after it."""
    return db_path.parent / f"{db_path.stem}-backups"

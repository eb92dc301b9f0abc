"""Fixtures for every test: offscreen Qt, a private data folder, and a migrated template
database copied per test (migrations run once per session, not once per test)."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The real data folder is never touched by the tests.
os.environ["CLUBAPP_DATA_DIR"] = tempfile.mkdtemp(prefix="clubapp-test-data-")
os.environ.pop("CLUBAPP_DB", None)

import pytest  # noqa: E402
from argon2 import PasswordHasher, profiles  # noqa: E402

import clubapp.ui  # noqa: E402,F401  (the shiboken 6.12 workaround, before any Qt call)
from clubapp.db import encryption, migrate  # noqa: E402
from clubapp.db.database import Database, open_database  # noqa: E402
from clubapp.services import members, users  # noqa: E402
from clubapp.services.permissions import Actor  # noqa: E402

# A fixed "today" for tests that depend on the date.
TODAY = date(2026, 11, 18)  # a Wednesday
COORDINATOR_PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def fast_passwords(monkeypatch):
    """argon2id with the cheapest parameters: the same code path, a fraction of the time."""
    monkeypatch.setattr(users, "_hasher", PasswordHasher.from_parameters(profiles.CHEAPEST))


@pytest.fixture(autouse=True)
def fast_encryption(monkeypatch):
    """SQLCipher's key stretching with few rounds: the same code path, a fraction of the time."""
    monkeypatch.setattr(encryption, "KDF_ITER", 4_000)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    migrate.upgrade(path)
    return path


def _build_demo_file(template_db: Path, path: Path, size: str = "small", today: date = TODAY):
    """A closed database file holding the demo club of ``size`` on ``today`` (quick password
    hashing, as the autouse fast_passwords fixture gives each test); what build_demo said."""
    from clubapp import demo

    shutil.copyfile(template_db, path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users, "_hasher", PasswordHasher.from_parameters(profiles.CHEAPEST))
        database = open_database(path)
        try:
            summary = demo.build_demo(database, size=size, today=today)
            database.forget_history()  # the file whole by itself, ready to be copied
        finally:
            database.close()
    return summary


@pytest.fixture(scope="session")
def demo_on(template_db, tmp_path_factory):
    """``demo_on(day)``: the small demo club built on ``day``, once per run for each day
    asked (building one takes about two seconds). Never change the file: copy it first
    (copy_club)."""
    built: dict[date, Path] = {}

    def on(day: date) -> Path:
        if day not in built:
            path = tmp_path_factory.mktemp(f"demo-{day.isoformat()}") / "demo.sqlite3"
            _build_demo_file(template_db, path, today=day)
            built[day] = path
        return built[day]

    return on


@pytest.fixture(scope="session")
def demo_club(demo_on) -> Path:
    """The small demo club on TODAY, built once per run: never change this file; tests
    that change the club work on a copy (copy_club). A few hundred GUI tests and several
    unit test modules use it."""
    return demo_on(TODAY)


@pytest.fixture(scope="session")
def large_demo(template_db, tmp_path_factory):
    """The large demo club on TODAY, built once per run (about ten seconds): the file,
    never changed (copy it with copy_club), and what build_demo said of it."""
    path = tmp_path_factory.mktemp("large-demo") / "demo.sqlite3"
    return path, _build_demo_file(template_db, path, "large")


def copy_club(source: Path, target: Path) -> Path:
    """A copy of a closed club database file, to change freely."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


@pytest.fixture
def db_path(template_db, tmp_path) -> Path:
    """A fresh copy of the migrated, empty template database."""
    path = tmp_path / "club.sqlite3"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def db(db_path) -> Database:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def coordinator(db) -> Actor:
    """A club set up with its first coordinator, signed in."""
    return db.run(users.set_up_club, "Riverside Club", "Sam Taylor", COORDINATOR_PASSWORD)


@pytest.fixture
def actors(db, coordinator) -> dict[str, Actor]:
    """One signed-in actor for each role."""
    out = {"coordinator": coordinator}
    for role, name in (
        ("treasurer", "Pat Green"),
        ("committee", "Ruth Ellis"),
        ("volunteer", "Dev Patel"),
    ):
        user_id = db.run(users.add_user, coordinator, name, role, f"{role} password")
        out[role] = Actor(user_id, name, role)
    return out


def add_person(db: Database, actor: Actor, full_name: str, **kwargs) -> int:
    kwargs.setdefault("kinds", ("member",))
    return db.run(members.save_person, actor, members.PersonInput(full_name=full_name, **kwargs))


@pytest.fixture
def person_factory(db, coordinator):
    """Add a person with sensible defaults: person_factory("Zoë O'Brien", phone=...)."""

    def make(full_name: str, **kwargs) -> int:
        return add_person(db, coordinator, full_name, **kwargs)

    return make

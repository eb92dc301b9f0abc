"""Migrations: the schema they build matches the models, HEAD is right, a backup comes first."""

from __future__ import annotations

import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from clubapp import paths
from clubapp.db import migrate, schema
from clubapp.db.engine import BUSY_TIMEOUT_MS, make_engine
from clubapp.db.errors import NewerDatabase, NotAClubDatabase
from clubapp.models import all_metadata

PROBE_REVISION = "0002_probe"


def revision_of(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def tables_of(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_upgrading_an_empty_database_gives_exactly_the_models(tmp_path):
    """After upgrading a new file, Alembic finds no difference between the database and the models."""
    path = tmp_path / "club.sqlite3"
    assert migrate.upgrade(path) is None  # nothing to back up in a new file
    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "compare_server_default": True}
            )
            diffs = compare_metadata(context, all_metadata())
    finally:
        engine.dispose()
    assert diffs == []
    assert tables_of(path) == set(all_metadata().tables) | {"alembic_version"}


def test_head_constant_matches_alembic():
    """clubapp.db.schema.HEAD is the one head revision in the migrations folder."""
    script = ScriptDirectory.from_config(migrate.alembic_config(Path("unused.sqlite3")))
    assert script.get_heads() == [schema.HEAD]


def test_states_of_a_database(tmp_path, template_db):
    """inspect tells a new file, a current one, a stranger and a newer one apart."""
    new = tmp_path / "new.sqlite3"
    assert migrate.inspect(new) is migrate.State.NEW
    new.touch()
    assert migrate.inspect(new) is migrate.State.NEW
    assert migrate.inspect(template_db) is migrate.State.CURRENT

    stranger = tmp_path / "other.sqlite3"
    with sqlite3.connect(stranger) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    with pytest.raises(NotAClubDatabase):
        migrate.inspect(stranger)

    newer = tmp_path / "newer.sqlite3"
    shutil.copyfile(template_db, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = newer.read_bytes()
    with pytest.raises(NewerDatabase):
        migrate.upgrade(newer)
    assert newer.read_bytes() == before


def test_upgrade_refuses_a_text_file_and_leaves_it(tmp_path):
    """A file that is not SQLite is refused by upgrade and left byte-for-byte."""
    text = tmp_path / "notes.sqlite3"
    text.write_bytes(b"not a database at all, just words\n")
    with pytest.raises(NotAClubDatabase):
        migrate.upgrade(text)
    assert text.read_bytes() == b"not a database at all, just words\n"


HEAD_BEFORE_PROBE = schema.HEAD
PROBE_MIGRATION = textwrap.dedent(
    f'''
    """probe: a throwaway second revision for the tests"""

    from alembic import op
    import sqlalchemy as sa

    revision = "{PROBE_REVISION}"
    down_revision = "{schema.HEAD}"
    branch_labels = None
    depends_on = None


    def upgrade() -> None:
        op.create_table("probe", sa.Column("id", sa.Integer(), primary_key=True))


    def downgrade() -> None:
        op.drop_table("probe")
    '''
)


@pytest.fixture
def two_revisions(tmp_path, monkeypatch) -> Path:
    """A copy of the migrations folder with a second revision, used in place of the real one."""
    copy = tmp_path / "alembic"
    shutil.copytree(paths.migrations_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "versions" / f"{PROBE_REVISION}.py").write_text(PROBE_MIGRATION)
    monkeypatch.setattr(paths, "migrations_dir", lambda: copy)
    monkeypatch.setattr(schema, "HEAD", PROBE_REVISION)
    return copy


def test_a_pending_migration_is_backed_up_first(template_db, tmp_path, two_revisions):
    """A database at the old revision gets a pre-migration backup with its old data, then is upgraded."""
    db = tmp_path / "data" / "club.sqlite3"
    db.parent.mkdir()
    shutil.copyfile(template_db, db)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO club (name, created_at) VALUES ('Riverside Club', '2026-01-01 00:00:00')"
        )
    conn.close()
    assert migrate.inspect(db) is migrate.State.PENDING

    made = migrate.upgrade(db)

    backups = sorted(paths.backups_dir_for(db).glob("club-*-pre-migration.sqlite3"))
    assert backups == [made]
    assert revision_of(made) == HEAD_BEFORE_PROBE
    assert "probe" not in tables_of(made)
    with sqlite3.connect(made) as conn:
        assert conn.execute("SELECT name FROM club").fetchall() == [("Riverside Club",)]
    conn.close()

    assert revision_of(db) == PROBE_REVISION
    assert "probe" in tables_of(db)
    assert migrate.inspect(db) is migrate.State.CURRENT
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT name FROM club").fetchall() == [("Riverside Club",)]
    conn.close()

    # Upgrading again does nothing and makes no second backup.
    assert migrate.upgrade(db) is None
    assert len(list(paths.backups_dir_for(db).glob("club-*-pre-migration.sqlite3"))) == 1


def test_a_new_database_gets_no_backup(tmp_path, two_revisions):
    """Creating a database from nothing runs every revision and makes no backup."""
    db = tmp_path / "club.sqlite3"
    assert migrate.upgrade(db) is None
    assert revision_of(db) == PROBE_REVISION
    assert not paths.backups_dir_for(db).exists() or not any(paths.backups_dir_for(db).iterdir())


def test_engine_connections_have_the_pragmas(template_db):
    """Connections from make_engine use foreign keys, WAL, synchronous FULL and a busy timeout of 5 s or more."""
    engine = make_engine(template_db)
    try:
        with engine.connect() as conn:

            def pragma(name: str):
                return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

            assert pragma("foreign_keys") == 1
            assert str(pragma("journal_mode")).lower() == "wal"
            assert pragma("synchronous") == 2
            assert pragma("busy_timeout") >= 5000
            assert BUSY_TIMEOUT_MS >= 5000
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(template_db, tmp_path):
    """A row pointing at a missing person is refused by the database through make_engine."""
    import sqlalchemy.exc
    from sqlalchemy import text

    path = tmp_path / "club.sqlite3"
    shutil.copyfile(template_db, path)
    engine = make_engine(path)
    try:
        with pytest.raises(sqlalchemy.exc.IntegrityError), engine.begin() as conn:
            conn.execute(text("INSERT INTO person_kinds (person_id, kind) VALUES (999, 'member')"))
    finally:
        engine.dispose()

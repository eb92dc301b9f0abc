"""An upgrade that fails or is stopped half way: the club stays at its old version, readable
and whole, and the backup made just before the upgrade is there.

All revisions run in one transaction (alembic/env.py does not ask for a transaction per
migration), and SQLite changes tables inside a transaction, so even a batch operation
(copy the table, drop the old, rename) is undone whole."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from clubapp import paths
from clubapp.db import migrate, schema
from clubapp.db.backup import integrity_ok, list_backups
from clubapp.db.database import open_database
from clubapp.db.errors import KnownError
from clubapp.services import members
from clubapp.services.permissions import COMMAND_LINE
from tests.conftest import add_person

ROOT = Path(__file__).resolve().parents[2]
OLD_HEAD = schema.HEAD

FIRST = textwrap.dedent(
    f'''
    """probe one: a step that works"""
    from alembic import op
    import sqlalchemy as sa

    revision = "9001_probe_one"
    down_revision = "{OLD_HEAD}"
    branch_labels = None
    depends_on = None


    def upgrade() -> None:
        op.create_table("probe_one", sa.Column("id", sa.Integer(), primary_key=True))
        op.execute("UPDATE club SET name = 'Renamed by the upgrade'")


    def downgrade() -> None:
        op.drop_table("probe_one")
    '''
)

SECOND = textwrap.dedent(
    '''
    """probe two: changes a table in batch mode, deletes rows, then fails or stops"""
    import os
    import sys

    from alembic import op
    import sqlalchemy as sa

    revision = "9002_probe_two"
    down_revision = "9001_probe_one"
    branch_labels = None
    depends_on = None


    def upgrade() -> None:
        op.create_table("probe_two", sa.Column("id", sa.Integer(), primary_key=True))
        with op.batch_alter_table("club", recreate="always") as batch:
            batch.add_column(sa.Column("probe_column", sa.Integer(), nullable=True))
        op.execute("DELETE FROM person_kinds")
        {then}


    def downgrade() -> None:
        pass
    '''
)

FAILS = "raise RuntimeError('a step of the upgrade went wrong')"
FILLS_THE_DISK = (
    "op.get_bind().exec_driver_sql('PRAGMA max_page_count=1')\n"
    "    op.execute('CREATE TABLE filler AS SELECT zeroblob(100000) AS b')"
)
# Tell the test it is half way, then wait to be stopped (SIGKILL), as a power cut would.
STOPS = "sys.stdout.write('half way\\n'); sys.stdout.flush()\n    sys.stdin.read()"


def with_probes(tmp_path: Path, then: str) -> Path:
    """A copy of the migrations folder with the two probe revisions after the real head."""
    copy = tmp_path / "alembic"
    shutil.copytree(paths.migrations_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "versions" / "9001_probe_one.py").write_text(FIRST)
    (copy / "versions" / "9002_probe_two.py").write_text(SECOND.replace("{then}", then))
    return copy


@pytest.fixture
def club(db, coordinator) -> Path:
    """A club at today's version with two people, closed."""
    add_person(db, coordinator, "Ann Able", kinds=("member", "carer"))
    add_person(db, coordinator, "Bill Brown")
    db.forget_history()
    db.close()
    return db.path


def snapshot(path: Path) -> dict[str, object]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        found = {
            "version": conn.execute("SELECT version_num FROM alembic_version").fetchone()[0],
            "tables": sorted(
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ),
            "club": conn.execute("SELECT * FROM club").fetchall(),
            "club columns": [r[1] for r in conn.execute("PRAGMA table_info(club)")],
            "kinds": conn.execute("SELECT * FROM person_kinds ORDER BY 1, 2").fetchall(),
            "whole": conn.execute("PRAGMA integrity_check").fetchone()[0],
        }
    conn.close()
    return found


def check_untouched(club: Path, before: dict[str, object]) -> None:
    """The file is at the old version with every row, readable by the app, and the
    pre-migration backup (made before anything changed) holds the same."""
    assert snapshot(club) == before
    assert before["version"] == OLD_HEAD and before["whole"] == "ok"
    assert migrate.inspect(club) is migrate.State.PENDING
    database = open_database(club, upgrade=False)
    try:
        names = sorted(p.full_name for p in database.run(members.list_people, COMMAND_LINE))
    finally:
        database.close()
    assert names == ["Ann Able", "Bill Brown"]
    made = [b for b in list_backups(paths.backups_dir_for(club)) if b.reason == "pre-migration"]
    assert len(made) == 1 and integrity_ok(made[0].path)
    assert snapshot(made[0].path)["kinds"] == before["kinds"]


def use_probes(monkeypatch, folder: Path) -> None:
    monkeypatch.setattr(paths, "migrations_dir", lambda: folder)
    monkeypatch.setattr(schema, "HEAD", "9002_probe_two")


def test_env_runs_every_revision_in_one_transaction():
    """The settings this rests on: Alembic is told SQLite's DDL is transactional (it
    assumes not, and would commit after each revision), and no transaction per revision."""
    env = (paths.migrations_dir() / "env.py").read_text()
    assert "transactional_ddl=True" in env
    assert "transaction_per_migration" not in env
    assert "with context.begin_transaction():" in env


def test_a_step_that_fails_half_way_changes_nothing(club, tmp_path, monkeypatch):
    """The second revision fails after a batch change and a delete: the first revision's
    table, the rename, the new column and the delete are all undone."""
    before = snapshot(club)
    use_probes(monkeypatch, with_probes(tmp_path, FAILS))
    with pytest.raises(RuntimeError):
        migrate.upgrade(club)
    check_untouched(club, before)


def test_a_disk_that_fills_during_the_upgrade_is_said_plainly(club, tmp_path, monkeypatch):
    """The disk fills during the upgrade: plain words saying nothing was changed and where
    the copy from before is; the file as it was."""
    before = snapshot(club)
    use_probes(monkeypatch, with_probes(tmp_path, FILLS_THE_DISK))
    with pytest.raises(KnownError) as caught:
        migrate.upgrade(club)
    text = str(caught.value)
    assert text.startswith("The disk is full, so clubapp could not bring the club's information")
    assert "Nothing was changed; a copy from before is in" in text
    assert "pre-migration" in text
    check_untouched(club, before)


PROBE_RUNNER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from clubapp import cli, paths
    from clubapp.db import schema

    paths.migrations_dir = lambda: Path(sys.argv[2])
    schema.HEAD = "9002_probe_two"
    sys.exit(cli.main(["--db", sys.argv[1], "db", "upgrade"]))
    """
)


def test_an_upgrade_stopped_dead_half_way_leaves_the_old_version(club, tmp_path, monkeypatch):
    """`clubapp db upgrade` in its own process, killed (SIGKILL, as a power cut) half way
    through the second revision: the file is at the old version, whole, with every row."""
    before = snapshot(club)
    probes = with_probes(tmp_path, STOPS)
    runner = tmp_path / "run_upgrade.py"
    runner.write_text(PROBE_RUNNER)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, str(runner), str(club), str(probes)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "half way", process.stderr
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    assert process.returncode == -signal.SIGKILL
    use_probes(monkeypatch, probes)  # as the process saw them: the old version is pending
    check_untouched(club, before)

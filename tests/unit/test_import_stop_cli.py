"""Ctrl-C during `clubapp members import` and `clubapp accounts import`: the import stops
at its next row, the database is exactly as it was, and the command says so in one line.

In-process, the real SIGINT is sent to the test's own process at chosen moments (half-way
through saving, and just after the last row); as a real process on a terminal, it is sent
once the command shows it is importing.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from clubapp import cli
from clubapp.db.database import open_database
from clubapp.services import bank_import, members_transfer, users
from tests.conftest import COORDINATOR_PASSWORD

STOPPED = "clubapp: Stopped. Nothing was imported.\n"


@pytest.fixture
def club(db_path) -> Path:
    """A club with its coordinator and nobody else, closed so the command has it alone."""
    database = open_database(db_path)
    try:
        database.run(users.set_up_club, "Riverside Club", "Sam Taylor", COORDINATOR_PASSWORD)
    finally:
        database.close()
    return db_path


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def people_file(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "people.csv"
    rows = [f"Person {i:05d},Carer,07700 {i:06d}" for i in range(count)]
    path.write_text("Full name,Kinds,Phone\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def statement_file(tmp_path: Path, count: int) -> Path:
    start = date(2026, 4, 1)
    rows = [
        f"{(start + timedelta(days=i % 300)).strftime('%d/%m/%Y')},Shop {i},-{i % 90 + 1}.50"
        for i in range(count)
    ]
    path = tmp_path / "statement.csv"
    path.write_text("Date,Description,Amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def ctrl_c() -> None:
    """Ctrl-C, as the terminal sends it."""
    os.kill(os.getpid(), signal.SIGINT)


def press_ctrl_c_while_saving(monkeypatch, module) -> None:
    """Ctrl-C once the import has saved its first batch."""
    real = module.apply_import

    def pressed(session, actor, *args):
        *rest, progress, checking = args
        once: list[bool] = []

        def report(done: int, total: int) -> bool:
            if done > 0 and not once:
                once.append(True)
                ctrl_c()
            return progress(done, total)

        return real(session, actor, *rest, report, checking)

    monkeypatch.setattr(module, "apply_import", pressed)


def press_ctrl_c_after_the_last_row(monkeypatch, module) -> None:
    real = module.apply_import

    def pressed(*args):
        result = real(*args)
        ctrl_c()
        return result

    monkeypatch.setattr(module, "apply_import", pressed)


@pytest.mark.parametrize("when", [press_ctrl_c_while_saving, press_ctrl_c_after_the_last_row])
def test_ctrl_c_stops_a_members_import_and_keeps_nothing(club, tmp_path, capsys, monkeypatch, when):
    source = people_file(tmp_path, 1_500)
    before = dump(club)
    handler = signal.getsignal(signal.SIGINT)
    when(monkeypatch, members_transfer)
    code = cli.main(["--db", str(club), "members", "import", str(source)])
    out, err = capsys.readouterr()
    assert (code, err) == (1, STOPPED)
    assert "Imported" not in out
    assert dump(club) == before
    assert signal.getsignal(signal.SIGINT) is handler  # Ctrl-C is itself again afterwards


@pytest.mark.parametrize("when", [press_ctrl_c_while_saving, press_ctrl_c_after_the_last_row])
def test_ctrl_c_stops_a_statement_import_and_keeps_nothing(
    club, tmp_path, capsys, monkeypatch, when
):
    source = statement_file(tmp_path, 1_500)
    before = dump(club)
    when(monkeypatch, bank_import)
    args = ["--db", str(club), "accounts", "import", str(source), "--account", "Cash box"]
    code = cli.main(args)
    out, err = capsys.readouterr()
    assert (code, err) == (1, STOPPED)
    assert "Imported" not in out
    assert dump(club) == before


def test_without_ctrl_c_the_import_is_kept(club, tmp_path, capsys):
    """The same command left alone imports everyone, and says nothing on standard error
    when it is not a terminal (a script's log keeps only the result)."""
    code = cli.main(["--db", str(club), "members", "import", str(people_file(tmp_path, 1_500))])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out.endswith("Imported 1,500 people.\n")
    with sqlite3.connect(club) as conn:
        assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 1_500


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="a terminal (pty) is a Unix thing")
def test_ctrl_c_on_a_terminal_stops_the_real_command(club, tmp_path):
    """As a person at a terminal: the command shows how far it has got; Ctrl-C stops
    it, it says nothing was imported, and the database is as it was."""
    source = people_file(tmp_path, 30_000)
    before = dump(club)
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "clubapp", "--db", str(club), "members", "import", str(source)],
        stdout=subprocess.PIPE,
        stderr=follower,
        stdin=subprocess.DEVNULL,
    )
    os.close(follower)
    shown = b""
    deadline = time.monotonic() + 120  # a bound on waiting, not a measure of speed
    try:
        while b"Importing " not in shown and time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1)
            if ready:
                try:
                    shown += os.read(leader, 1024)
                except OSError:
                    break
        assert b"Importing " in shown, shown
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=120)
        while True:
            ready, _, _ = select.select([leader], [], [], 0.5)
            if not ready:
                break
            try:
                chunk = os.read(leader, 1024)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    assert process.returncode == 1
    assert b"Checking the file: " in shown
    assert b"Stopped. Nothing was imported." in shown
    assert b"Traceback" not in shown and b"Imported" not in out
    assert dump(club) == before

"""The command line on an encrypted club: the passphrase from $CLUBAPP_PASSPHRASE, else
typed at a terminal, else one line saying how to give it."""

from __future__ import annotations

import io

import pytest

from clubapp import cli
from clubapp.db import encryption
from clubapp.db.backup import list_backups
from clubapp.paths import backups_dir_for
from tests.conftest import add_person
from tests.unit.test_cli import one_line, run

PASSPHRASE = "blue kettle on the windowsill"
CANARY = "Quillonbe Zarkwinder"

pytestmark = pytest.mark.skipif(
    encryption.unavailable_reason() is not None, reason="sqlcipher3 has no build here"
)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def locked(db, coordinator, monkeypatch, tmp_path):
    """An encrypted club with one person, closed; no passphrase in the environment."""
    add_person(db, coordinator, CANARY)
    db.turn_on_encryption(PASSPHRASE, coordinator)
    db.close()
    monkeypatch.delenv(cli.PASSPHRASE_VARIABLE, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal
    monkeypatch.chdir(tmp_path)
    return db.path


def test_the_passphrase_in_the_environment_opens_the_club(locked, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv(cli.PASSPHRASE_VARIABLE, PASSPHRASE)
    code, out, _err = run(capsys, "--db", str(locked), "db", "info")
    assert code == 0 and "Encrypted: yes" in out and "People:    1" in out
    code, out, _err = run(capsys, "--db", str(locked), "members", "export", "people.csv")
    assert code == 0 and CANARY in (tmp_path / "people.csv").read_text(encoding="utf-8-sig")
    code, out, _err = run(capsys, "--db", str(locked), "db", "check")
    assert code == 0 and "whole" in out


def test_without_a_passphrase_or_a_terminal_one_line_says_how(locked, capsys):
    before = locked.read_bytes()
    for command in (["db", "info"], ["members", "export", "people.csv"], ["backup"]):
        code, out, err = run(capsys, "--db", str(locked), *command)
        assert code == 1 and out == ""
        assert one_line(err) and cli.PASSPHRASE_VARIABLE in err and "encrypted" in err
    assert locked.read_bytes() == before


def test_at_a_terminal_it_is_asked_for(locked, capsys, monkeypatch):
    asked: list[str] = []

    def typed(prompt: str) -> str:
        asked.append(prompt)
        return PASSPHRASE

    monkeypatch.setattr("sys.stdin", Terminal(""))
    monkeypatch.setattr("getpass.getpass", typed)
    code, out, _err = run(capsys, "--db", str(locked), "db", "info")
    assert code == 0 and "Encrypted: yes" in out
    assert asked == ["The club's passphrase: "]  # once, for the whole command


def test_a_wrong_passphrase_is_one_line_in_words(locked, capsys, monkeypatch):
    monkeypatch.setenv(cli.PASSPHRASE_VARIABLE, "not the passphrase")
    code, _out, err = run(capsys, "--db", str(locked), "db", "info")
    assert code == 1 and one_line(err) and "does not open" in err


def test_backup_and_restore_from_the_command_line_stay_encrypted(locked, capsys, monkeypatch):
    monkeypatch.setenv(cli.PASSPHRASE_VARIABLE, PASSPHRASE)
    code, out, _err = run(capsys, "--db", str(locked), "backup")
    assert code == 0
    made = list_backups(backups_dir_for(locked))
    assert len(made) == 1 and encryption.looks_encrypted(made[0].path)
    assert CANARY.encode() not in made[0].path.read_bytes()
    code, out, _err = run(capsys, "--db", str(locked), "restore", str(made[0].path))
    assert code == 0 and "Restored" in out
    assert encryption.looks_encrypted(locked)
    monkeypatch.delenv(cli.PASSPHRASE_VARIABLE)
    code, _out, err = run(capsys, "--db", str(locked), "restore", str(made[0].path))
    assert code == 1 and cli.PASSPHRASE_VARIABLE in err

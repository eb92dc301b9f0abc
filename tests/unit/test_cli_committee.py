"""`clubapp print agenda|minutes|you-said-we-did|about-me` on the demo club."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from clubapp import cli
from clubapp.db.database import open_database
from clubapp.services import meetings
from clubapp.services.permissions import COMMAND_LINE
from tests.conftest import copy_club

TODAY = date(2026, 11, 18)


@pytest.fixture(scope="module")
def demo_club(demo_club, tmp_path_factory):
    """This module's copy of the small demo on TODAY (built once per run, tests/conftest.py),
    its meetings already held, and Margaret Holloway's id."""
    path = copy_club(demo_club, tmp_path_factory.mktemp("club") / "club.sqlite3")
    db = open_database(path)
    held = [m for m in db.run(meetings.list_meetings, COMMAND_LINE) if m.on_date < TODAY]
    peggy = person_id(db, "Margaret Holloway")
    db.close()
    return path, held, peggy


def person_id(db, full_name: str) -> int:
    query = text("SELECT id FROM people WHERE full_name = :name")
    return db.run(lambda s: s.execute(query, {"name": full_name}).scalar_one())


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def text_of(path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_print_agenda_and_minutes_of_a_meeting(demo_club, tmp_path, capsys):
    path, held, _ = demo_club
    approved = next(m for m in held if m.minutes_approved_on is not None and m.decisions)
    for report, extra in (("agenda", []), ("minutes", []), ("minutes", ["--easy-read"])):
        out_file = tmp_path / f"{report}{len(extra)}.pdf"
        code, out, err = run(
            capsys,
            "--db", str(path), "print", report, "--meeting", str(approved.meeting_id),
            *extra, "-o", str(out_file),
        )  # fmt: skip
        assert code == 0, err
        assert f"Wrote {out_file}" in out
        words = text_of(out_file)
        assert "Matters arising" in words
        if report == "minutes":
            assert "Approved" in words


def test_print_agenda_needs_a_meeting_that_exists(demo_club, tmp_path, capsys):
    path, _, _ = demo_club
    code, _, err = run(capsys, "--db", str(path), "print", "agenda", "-o", str(tmp_path / "a.pdf"))
    assert code != 0 and "needs --meeting ID" in err
    code, _, err = run(
        capsys, "--db", str(path), "print", "minutes", "--meeting", "9999", "-o",
        str(tmp_path / "m.pdf"),
    )  # fmt: skip
    assert code != 0 and "Traceback" not in err
    assert err == "clubapp: There is no meeting with that number.\n"
    assert not (tmp_path / "m.pdf").exists()
    code, _, err = run(
        capsys, "--db", str(path), "print", "agenda", "--meeting", "999", "-o",
        str(tmp_path / "a.pdf"),
    )  # fmt: skip
    assert code != 0 and err == "clubapp: There is no meeting with that number.\n"


def test_python_dash_m_clubapp_cli_works_like_the_clubapp_command(demo_club, tmp_path):
    """`python -m clubapp.cli` runs the same command (it used to say "is a package")."""
    path, held, _ = demo_club
    out_file = tmp_path / "agenda.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "clubapp.cli", "--db", str(path), "print", "agenda",
         "--meeting", str(held[0].meeting_id), "-o", str(out_file)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "is a package" not in done.stderr
    assert f"Wrote {out_file}" in done.stdout
    assert "Agenda" in text_of(out_file)
    missing = subprocess.run(
        [sys.executable, "-m", "clubapp.cli", "--db", str(path), "print", "agenda",
         "--meeting", "999", "-o", str(tmp_path / "none.pdf")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert missing.returncode == 1
    assert missing.stderr == "clubapp: There is no meeting with that number.\n"


def test_print_you_said_we_did_keeps_anonymous_members_anonymous(demo_club, tmp_path, capsys):
    path, _, _ = demo_club
    out_file = tmp_path / "yswd.pdf"
    code, _, err = run(
        capsys, "--db", str(path), "print", "you-said-we-did", "--from", "01/01/2026",
        "--to", "18/11/2026", "-o", str(out_file),
    )  # fmt: skip
    assert code == 0, err
    words = text_of(out_file)
    assert "You said" in words and "A member" in words
    code, _, err = run(
        capsys, "--db", str(path), "print", "you-said-we-did", "--from", "someday",
        "--to", "18/11/2026", "-o", str(out_file),
    )  # fmt: skip
    assert code != 0 and "--from" in err and "Traceback" not in err


def test_print_about_me_only_with_consent(demo_club, tmp_path, capsys):
    path, _, peggy = demo_club
    out_file = tmp_path / "peggy.pdf"
    code, _, err = run(
        capsys, "--db", str(path), "print", "about-me", "--person", str(peggy), "-o", str(out_file)
    )
    assert code == 0, err
    assert "Peggy" in text_of(out_file)
    # The profile is one page; picture conversations shared with the name follow it.
    pages = PdfReader(out_file).pages
    assert len(pages) == 1 or "What I told you with pictures" in pages[1].extract_text()
    db = open_database(path)
    try:
        no_consent = person_id(db, "Alan Price")
    finally:
        db.close()
    code, _, err = run(
        capsys, "--db", str(path), "print", "about-me", "--person", str(no_consent), "-o",
        str(tmp_path / "alan.pdf"),
    )  # fmt: skip
    assert code != 0 and "has not agreed to an About me page" in err

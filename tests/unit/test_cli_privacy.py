"""`clubapp person access|erase`: the files, the refusal without --yes, plain errors."""

from __future__ import annotations

import json
import sqlite3

import pytest
from pypdf import PdfReader

from clubapp import cli
from tests.unit.privacy_helpers import FULL_NAME, build_canary_person, canary_hits, file_bytes


@pytest.fixture
def club(db, coordinator):
    built = build_canary_person(db)
    db.close()  # the command opens the file itself
    return db.path, built


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(args))
    except SystemExit as stop:  # argparse's own refusals
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def name_of(path, person_id: int) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT full_name FROM people WHERE id = ?", (person_id,)).fetchone()[0]


def test_access_writes_the_pdf_and_the_json(club, tmp_path, capsys):
    path, built = club
    pdf, data = tmp_path / "access.pdf", tmp_path / "access.json"
    code, out, err = run(
        capsys, "--db", str(path), "person", "access", "--id", str(built.person_id),
        "-o", str(pdf), "--json", str(data),
    )  # fmt: skip
    assert code == 0, err
    assert f"Wrote {pdf}" in out and f"Wrote {data}" in out
    assert FULL_NAME in " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    document = json.loads(data.read_bytes())
    assert document["about"]["person_id"] == built.person_id


def test_access_to_a_missing_folder_is_one_line(club, tmp_path, capsys):
    path, built = club
    code, _out, err = run(
        capsys, "--db", str(path), "person", "access", "--id", str(built.person_id),
        "-o", str(tmp_path / "nowhere" / "a.pdf"),
    )  # fmt: skip
    assert code == 1
    assert err.count("\n") == 1 and "does not exist" in err


def test_erase_without_yes_changes_nothing_and_says_what_would_happen(club, capsys):
    path, built = club
    code, _out, err = run(
        capsys, "--db", str(path), "person", "erase", "--id", str(built.person_id)
    )
    assert code == 1
    assert "nothing was erased" in err and "--yes" in err
    assert "a former member" in err
    assert name_of(path, built.person_id) == FULL_NAME


def test_erase_with_yes_erases_and_says_so(club, capsys):
    path, built = club
    code, out, err = run(
        capsys, "--db", str(path), "person", "erase", "--id", str(built.person_id), "--yes"
    )
    assert code == 0, err
    assert out.startswith(f"{FULL_NAME}'s details are erased.")
    assert "backup" in out
    assert name_of(path, built.person_id) == "A former member"
    assert canary_hits(file_bytes(path)) == []


@pytest.mark.parametrize(
    ("person", "words"),
    [
        ("abc", "is not a number"),
        ("0", "there is no record number"),
        ("999999", "There is no person with the number 999999. Check the number on the person's"),
    ],
)
@pytest.mark.parametrize("yes", [(), ("--yes",)])
def test_a_bad_or_missing_person_is_one_line(club, capsys, person, words, yes):
    path, _built = club
    code, _out, err = run(capsys, "--db", str(path), "person", "erase", "--id", person, *yes)
    assert code in (1, 2)
    assert words in err and err.count("\n") == 1


def test_access_to_a_missing_person_names_the_number(club, tmp_path, capsys):
    path, _built = club
    pdf = tmp_path / "a.pdf"
    code, _out, err = run(
        capsys, "--db", str(path), "person", "access", "--id", "999", "-o", str(pdf)
    )
    assert code == 1
    assert "There is no person with the number 999. Check the number" in err
    assert err.count("\n") == 1 and not pdf.exists()


@pytest.mark.parametrize("yes", [(), ("--yes",)])
def test_erasing_again_says_it_was_done_once(club, capsys, yes):
    """A second erase, with or without --yes, says so in one line and succeeds; the
    warning about what erasing does is not repeated."""
    path, built = club
    first = run(capsys, "--db", str(path), "person", "erase", "--id", str(built.person_id), "--yes")
    assert first[0] == 0
    with sqlite3.connect(path) as conn:
        audit = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    code, out, err = run(
        capsys, "--db", str(path), "person", "erase", "--id", str(built.person_id), *yes
    )
    assert code == 0, err
    assert out == "That person's details were already erased.\n"
    assert err == ""
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit

"""`clubapp needs`, `clubapp match --need ID` and `clubapp print rota|checks-due|skills`:
the club's needs with their numbers, who could help with one (best first, with the
reasons in words, and apart who cannot be asked until a check is in place), and the
volunteers' printouts; bad input gets one plain line and exit code 1 or 2. The command
uses the real today, so the club of test_printing_volunteers is built around it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clubapp.cli import CommandError
from clubapp.cli.volunteer_commands import parse_month
from clubapp.db.database import open_database
from clubapp.services import checks
from clubapp.services.checks import CheckInput
from clubapp.services.permissions import COMMAND_LINE
from tests.unit.built_clubs import club_file, on, text_of
from tests.unit.test_cli import one_line, run
from tests.unit.test_printing_volunteers import BOB_DBS, Club, build_volunteers


@pytest.fixture
def club(db_path) -> tuple[Path, Club]:
    """The volunteers of test_printing_volunteers, every date moved to fall as far from
    the real today as it does from the tests' TODAY; closed so the command has the
    database."""
    built = club_file(db_path, build_volunteers)
    assert built is not None
    return db_path, built


@pytest.fixture
def empty_club(db_path) -> Path:
    club_file(db_path)
    return db_path


def month_of(year: int, month: int, day: int) -> str:
    """The month, as typed, of a day of the tests' calendar moved to today's."""
    return f"{on(date.today(), year, month, day):%Y-%m}"


# ---------------------------------------------------------------- needs


def test_needs_lists_the_open_needs_with_their_numbers(club, capsys):
    """Each open need with its number, when and how many found; the cancelled quiz is
    not there; the first line says how to match one."""
    db_path, built = club
    code, out, err = run(capsys, "--db", str(db_path), "needs")
    assert code == 0, err
    lines = out.splitlines()
    assert "clubapp match --need NUMBER" in lines[0]
    titles = {
        built.music: "Music at the Wednesday club",
        built.lunch: "Christmas lunch cooks",
        built.bid: "Minibus bid",
    }
    for number, title in titles.items():
        assert any(line.split() == [str(number), *title.split()] for line in lines), out
    assert "1 of 2 people found" in out and "1 person wanted, nobody yet" in out
    assert "Quiz night" not in out


def test_needs_all_adds_the_filled_done_and_cancelled(club, capsys):
    """--all: the cancelled quiz too, each with its status in words."""
    db_path, _ = club
    code, out, err = run(capsys, "--db", str(db_path), "needs", "--all")
    assert code == 0, err
    assert "Quiz night" in out and "Cancelled" in out
    assert "Looking for people" in out


def test_needs_in_a_club_with_none_says_so(empty_club, capsys):
    """No needs: one line saying so."""
    code, out, _ = run(capsys, "--db", str(empty_club), "needs")
    assert code == 0
    assert out.strip() == "No need is looking for people right now."


# ---------------------------------------------------------------- match


def test_match_prints_the_need_then_the_ranked_list_with_reasons(club, capsys):
    """The music need: its skills and checks, Ann who agreed; Fay (can teach music
    making, free Wednesday afternoons, DBS valid) ranked; Eve, with no DBS, apart with
    why; Cath (only learning) and Bob (no music) are not considered."""
    db_path, built = club
    code, out, err = run(capsys, "--db", str(db_path), "match", "--need", str(built.music))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"Need {built.music}: Music at the Wednesday club"
    assert lines[1].startswith("When: Every Wednesday afternoon")
    assert "Must have: music making" in lines
    assert "Nice to have: singing" in lines
    assert "Checks needed: DBS check" in lines
    assert "People: 1 of 2 people found. Agreed: Ann Lee" in lines
    assert "Status: Looking for people" in lines
    ranked = lines.index("Who could be asked, best first (1):")
    assert lines[ranked + 1] == "  1. Fay Gill"
    reasons = lines[ranked + 2].strip()
    assert reasons.startswith("Can teach music making, free on Wednesday afternoons, DBS valid")
    assert "not asked before" in reasons and reasons.endswith(".")
    apart = lines.index("Cannot be asked yet, until a check is in place (1):")
    assert lines[apart + 1] == "  - Eve Hart: No DBS check on record."
    assert lines[apart + 2].startswith("    Otherwise: Can do music making")
    assert "Cath Dunn" not in out and "Bob Cole" not in out


def test_match_numbers_each_person_best_first(club, capsys):
    """With a DBS, Eve is ranked too, after Fay (who can teach, Eve can do); nobody is
    left apart."""
    db_path, built = club
    database = open_database(db_path)
    try:
        actor = COMMAND_LINE
        data = CheckInput("dbs", None, on(date.today(), 2028, 1, 1), "enhanced")
        database.run(checks.add_check, actor, built.people["eve"], data, date.today())
    finally:
        database.close()
    code, out, err = run(capsys, "--db", str(db_path), "match", "--need", str(built.music))
    assert code == 0, err
    lines = out.splitlines()
    ranked = lines.index("Who could be asked, best first (2):")
    assert lines[ranked + 1] == "  1. Fay Gill"
    assert lines[ranked + 3] == "  2. Eve Hart"
    assert lines[ranked + 4].strip().startswith("Can do music making")
    assert "Cannot be asked yet" not in out


def test_match_a_need_nobody_has_the_skills_for_says_so(club, capsys):
    """The minibus bid must have bid writing, which nobody has."""
    db_path, built = club
    code, out, err = run(capsys, "--db", str(db_path), "match", "--need", str(built.bid))
    assert code == 0, err
    assert (
        "Nobody still with the club and not already on this need has every must-have "
        "skill (bid writing)."
    ) in out


def test_match_an_unknown_need_names_the_open_ones(club, capsys):
    """A number that is no need: one line naming the needs looking for people."""
    db_path, built = club
    code, out, err = run(capsys, "--db", str(db_path), "match", "--need", "999")
    assert code == 1 and out == ""
    assert one_line(err), err
    assert err.startswith("clubapp: --need: there is no need number 999.")
    assert f"{built.music} (Music at the Wednesday club)" in err
    assert f"{built.bid} (Minibus bid)" in err
    assert "Quiz night" not in err


@pytest.mark.parametrize(
    "args",
    [
        ("match",),
        ("match", "--need", "music"),
        ("match", "--need"),
    ],
)
def test_match_bad_input_is_one_line(club, capsys, args):
    """No need, a need that is not a number, or no number after --need: one line, exit 2."""
    db_path, _ = club
    with pytest.raises(SystemExit) as stopped:  # argparse: the usual usage error
        run(capsys, "--db", str(db_path), *args)
    _, err = capsys.readouterr()
    assert stopped.value.code == 2
    assert one_line(err), err
    assert "--need" in err


def test_match_without_a_club_says_how_to_make_one(db_path, tmp_path, capsys):
    """A database with no club yet: one line saying how to start."""
    code, _, err = run(capsys, "--db", str(tmp_path / "none.sqlite3"), "match", "--need", "1")
    assert code == 1 and one_line(err)
    assert "There is no club in" in err


# ---------------------------------------------------------------- print


def test_print_rota_writes_the_months_rota(club, tmp_path, capsys):
    """`print rota --month` for the month of the Christmas lunch: the lunch with Bob,
    and 1 more wanted."""
    db_path, _ = club
    target = tmp_path / "rota.pdf"
    month = month_of(2026, 12, 19)
    code, out, err = run(
        capsys, "--db", str(db_path), "print", "rota", "--month", month, "-o", str(target)
    )
    assert code == 0, err
    assert f"Wrote {target}" in out
    text = text_of(target)
    assert "Volunteer rota" in text
    assert "Christmas lunch cooks" in text and "Bob Cole" in text
    assert "1 more wanted" in text


def test_print_rota_without_a_month_prints_this_month(club, tmp_path, capsys):
    """No --month: this month's rota, and a line saying so."""
    db_path, _ = club
    target = tmp_path / "rota.pdf"
    code, out, err = run(capsys, "--db", str(db_path), "print", "rota", "-o", str(target))
    assert code == 0, err
    assert "No --month given: printing the rota for " in out
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("month", "said"),
    [
        ("2026-13", "--month: there is no month 13"),
        ("soon", "--month: 'soon' is not a month. Write the year and the month"),
        ("12", "--month: '12' is not a month"),
        ("1999-12", "--month: the rota covers the years 2000 to 2100, not 1999"),
    ],
)
def test_print_rota_with_a_bad_month_is_one_line(club, tmp_path, capsys, month, said):
    """A month that is not one: one line saying how to write it, exit 1, no file."""
    db_path, _ = club
    target = tmp_path / "rota.pdf"
    code, out, err = run(
        capsys, "--db", str(db_path), "print", "rota", "--month", month, "-o", str(target)
    )
    assert code == 1
    assert one_line(err), err
    assert said in err
    assert not target.exists()


def test_print_checks_due_writes_the_list_with_numbers(club, tmp_path, capsys):
    """The command line is the coordinator's laptop: the checks due with their
    certificate numbers."""
    db_path, _ = club
    target = tmp_path / "checks.pdf"
    code, out, err = run(capsys, "--db", str(db_path), "print", "checks-due", "-o", str(target))
    assert code == 0, err
    text = text_of(target)
    assert "Checks due" in text
    assert "Bob Cole" in text and "Ran out 46 days ago" in text
    assert f"Certificate number: {BOB_DBS}" in text


def test_print_skills_writes_the_directory(club, tmp_path, capsys):
    """Who can do what, with phone numbers for the coordinator, and By skill."""
    db_path, _ = club
    target = tmp_path / "skills.pdf"
    code, out, err = run(capsys, "--db", str(db_path), "print", "skills", "-o", str(target))
    assert code == 0, err
    text = text_of(target)
    assert "Skills directory" in text and "By skill" in text
    assert "Phone: 07700 900111" in text


# ---------------------------------------------------------------- reading a month


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("2026-12", (2026, 12)),
        ("2026/3", (2026, 3)),
        ("12/2026", (2026, 12)),
        ("December 2026", (2026, 12)),
        ("dec 2026", (2026, 12)),
        ("Sept 2026", (2026, 9)),
        (" 2026 - 01 ", (2026, 1)),
    ],
)
def test_a_month_is_read_as_people_write_it(typed, month):
    """Year-month as asked, and the other ways people write a month."""
    assert parse_month(typed) == month


@pytest.mark.parametrize("typed", ["", "2026", "Dec", "Ma 2026", "2026-00", "13/2026", "xx-yy"])
def test_what_is_not_a_month_is_refused(typed):
    """Not a month: a plain reason, with an example."""
    with pytest.raises(CommandError, match="--month: "):
        parse_month(typed)

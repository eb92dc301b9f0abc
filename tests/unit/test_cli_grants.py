"""`clubapp print grant|grants` and `clubapp grants due`: the grants' printouts and the
deadlines board from the command line, with one plain line and exit code 1 for what is
wrong. The command uses the real today, so the club is built around it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.unit.built_clubs import club_file, on, text_of
from tests.unit.test_cli import one_line, run
from tests.unit.test_printing_grants import Built, build_grants


@pytest.fixture
def club(db_path) -> tuple[Path, Built]:
    """The grants of test_printing_grants, every date moved to fall as far from the real
    today as it does from the tests' TODAY; closed so the command has the database."""
    built = club_file(db_path, build_grants)
    assert built is not None
    return db_path, built


@pytest.fixture
def empty_club(db_path) -> Path:
    club_file(db_path)
    return db_path


def typed(year: int, month: int, day: int) -> str:
    """A date of the tests' calendar as typed on the command line, moved to today's."""
    return f"{on(date.today(), year, month, day):%d/%m/%Y}"


# ---------------------------------------------------------------- the printouts


def test_print_grant_writes_the_statement_for_the_period_so_far(club, tmp_path, capsys):
    """`print grant --grant ID` writes the grant's statement up to today: £3,600 received,
    £811.89 spent, £2,788.11 at the end, £4,588.11 left of the award (worked out in
    test_printing_grants)."""
    db_path, built = club
    target = tmp_path / "grant.pdf"
    code, out, err = run(
        capsys,
        "--db",
        str(db_path),
        "print",
        "grant",
        "--grant",
        str(built.music),
        "-o",
        str(target),
    )
    assert code == 0, err
    assert f"Wrote {target}" in out
    text = text_of(target)
    assert "Grant statement" in text and "Music project" in text
    assert "Received from the funder + £3,600.00" in text
    assert "Total spent £811.89" in text
    assert "= £2,788.11" in text and "Left to spend of the award = £4,588.11" in text


def test_print_grant_from_to_narrows_it_and_brings_money_forward(club, tmp_path, capsys):
    """--from and --to (as people type dates) give a quarter's statement: £1,330.01
    brought forward, £206.40 spent, £2,923.61 at the end."""
    db_path, built = club
    target = tmp_path / "quarter.pdf"
    code, _, err = run(
        capsys,
        "--db",
        str(db_path),
        "print",
        "grant",
        "--grant",
        str(built.music),
        "--from",
        typed(2026, 7, 1),
        "--to",
        typed(2026, 9, 30),
        "-o",
        str(target),
    )
    assert code == 0, err
    text = text_of(target)
    assert "£1,330.01" in text
    assert "Spent − £206.40" in text
    assert "= £2,923.61" in text


def test_print_grants_writes_the_committees_summary(club, tmp_path, capsys):
    """`print grants` writes the summary: the deadlines with their words, the success
    rate, and the current awards."""
    db_path, _ = club
    target = tmp_path / "grants.pdf"
    code, out, err = run(capsys, "--db", str(db_path), "print", "grants", "-o", str(target))
    assert code == 0, err
    assert f"Wrote {target}" in out
    text = text_of(target)
    assert "Grants summary" in text
    assert "Missed: the deadline was 8 days ago" in text and "Due in 12 days" in text
    assert "Success rate" in text and "All current awards" in text


# ---------------------------------------------------------------- grants due


def test_grants_due_prints_the_board_soonest_first(club, capsys):
    """One line each, soonest first: the date, when in words, what it is."""
    db_path, _ = club
    code, out, err = run(capsys, "--db", str(db_path), "grants", "due")
    assert code == 0, err
    lines = out.strip().splitlines()
    assert lines[0].startswith("Due by ")
    board = lines[1:]
    expected = [
        ((2026, 11, 10), "Missed: the deadline was 8 days ago", "Application to Riverside Council"),
        ((2026, 11, 30), "Due in 12 days", "Progress report to The Harmony Trust"),
        ((2026, 12, 31), "Ends in 43 days", "The grant from Riverside Council for Tea and talk"),
        ((2027, 1, 5), "Due in 48 days", "Payment of £1,800.00 from The Harmony Trust"),
    ]
    assert len(board) == len(expected), out
    for line, (day, when, what) in zip(board, expected, strict=True):
        shown = on(date.today(), *day)
        assert line.startswith(f"{shown.day} "), line
        assert f"  {when}  " in line and what in line, line
    # the columns line up: every "when" starts at the same place
    starts = {line.index(when) for line, (_, when, _) in zip(board, expected, strict=True)}
    assert len(starts) == 1


def test_grants_due_with_fewer_days_looks_less_far(club, capsys):
    """--days 20: the missed deadline and the report due in 12 days only."""
    db_path, _ = club
    code, out, err = run(capsys, "--db", str(db_path), "grants", "due", "--days", "20")
    assert code == 0, err
    board = out.strip().splitlines()[1:]
    assert len(board) == 2
    assert "Missed" in board[0] and "Due in 12 days" in board[1]


def test_grants_due_with_nothing_due_says_so(empty_club, capsys):
    """A club with no grants: a plain sentence, not an empty list."""
    code, out, err = run(capsys, "--db", str(empty_club), "grants", "due")
    assert code == 0, err
    assert one_line(out)
    assert out.startswith("Nothing is due by ") and "nothing is overdue" in out


# ---------------------------------------------------------------- bad input


def test_an_unknown_grant_number_names_the_awarded_ones(club, tmp_path, capsys):
    """A grant number that is not there: one line naming the awarded grants' numbers."""
    db_path, built = club
    target = tmp_path / "grant.pdf"
    code, _, err = run(
        capsys, "--db", str(db_path), "print", "grant", "--grant", "999", "-o", str(target)
    )
    assert code == 1 and one_line(err), err
    assert "there is no grant number 999" in err
    assert f"{built.music} (Music project)" in err and f"{built.tea} (Tea and talk)" in err
    assert not target.exists()


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (lambda b: [], "print grant needs --grant ID"),
        (lambda b: ["--grant", str(b.crafternoon)], "Crafternoon kit is being prepared"),
        (
            lambda b: ["--grant", str(b.music), "--from", "1/9/2026", "--to", "1/8/2026"],
            "--to (01/08/2026) is before --from (01/09/2026)",
        ),
        (lambda b: ["--grant", str(b.music), "--from", "31/02/2026"], "--from:"),
        (
            lambda b: ["--grant", str(b.tea), "--to", typed(2026, 5, 1)],
            "--to: This is before the grant's period starts",
        ),
    ],
    ids=["no grant", "not awarded", "to before from", "no such day", "before the grant"],
)
def test_bad_print_grant_input_gets_one_line_and_no_file(club, tmp_path, capsys, options, words):
    """No grant given, one not awarded, --to before --from, a day that does not exist,
    dates before the grant started: one line, exit code 1, nothing written."""
    db_path, built = club
    target = tmp_path / "grant.pdf"
    code, _, err = run(
        capsys, "--db", str(db_path), "print", "grant", *options(built), "-o", str(target)
    )
    assert code == 1 and one_line(err), err
    assert words in err
    assert not target.exists()


def test_negative_days_get_one_line(club, capsys):
    """--days -3: one line saying the days must be 0 or more, and no board."""
    db_path, _ = club
    code, out, err = run(capsys, "--db", str(db_path), "grants", "due", "--days", "-3")
    assert code == 1 and one_line(err), err
    assert "--days" in err and "0 or more" in err
    assert out == ""


def test_days_that_are_not_a_number_get_one_line(club, capsys):
    """--days lots: argparse's usage error, in one line, exit code 2."""
    db_path, _ = club
    with pytest.raises(SystemExit) as stopped:
        run(capsys, "--db", str(db_path), "grants", "due", "--days", "lots")
    _, err = capsys.readouterr()
    assert stopped.value.code == 2 and one_line(err), err
    assert "--days" in err


def test_too_many_days_get_one_line(club, capsys):
    """The board looks at most ten years ahead; more is refused in the service's words."""
    db_path, _ = club
    code, _, err = run(capsys, "--db", str(db_path), "grants", "due", "--days", "5000")
    assert code == 1 and one_line(err), err
    assert "--days: Choose how many days ahead to look: from 0 to 3,660." in err

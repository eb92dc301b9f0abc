"""`clubapp print results|programme` and `clubapp vote --ballot ID`: one plain line and
exit code 1 when the vote cannot be printed or taken; the voting screens full screen."""

from __future__ import annotations

import gc
import sys
from datetime import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from clubapp import cli
from clubapp.cli import vote_commands
from clubapp.db.database import open_database
from clubapp.db.instance_lock import InstanceLock
from clubapp.services import attendance, members, programme, users, votes
from clubapp.services.programme import ActivityInput
from clubapp.services.votes import BallotInput, OptionInput
from tests.conftest import COORDINATOR_PASSWORD, TODAY


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def text_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.fixture
def club(db_path) -> dict:
    """A club with today's session, three members present, a closed activity vote, an
    open secret one and an open show of hands; closed so the command has it alone."""
    db = open_database(db_path)
    try:
        actor = db.run(users.set_up_club, "Riverside Club", "Sam Taylor", COORDINATOR_PASSWORD)
        today = db.run(attendance.add_session, actor, "Wednesday Club", TODAY, time(13, 30))
        people = [
            db.run(
                members.save_person, actor, members.PersonInput(full_name=name, kinds=("member",))
            )
            for name in ("Ivy Clarke", "Jo Hart", "Ken Ito")
        ]
        for person in people:
            db.run(attendance.set_present, actor, today, person, True)

        def ballot(method: str) -> tuple[int, list[int]]:
            ballot_id = db.run(
                votes.create_ballot,
                actor,
                BallotInput(
                    "activity",
                    "What shall we do next week?",
                    (
                        OptionInput("Singing", picture="singing"),
                        OptionInput("Crafternoon", picture="crafts"),
                    ),
                    method=method,
                    session_id=today,
                ),
            )
            options = db.run(votes.get_ballot, actor, ballot_id).options
            return ballot_id, [o.option_id for o in options]

        closed, (singing, crafts) = ballot("secret")
        for person, option in zip(people, (crafts, crafts, singing), strict=True):
            db.run(votes.cast_vote, actor, closed, person, [(option, "chosen")])
        db.run(votes.close_ballot, actor, closed)
        still_open, _ = ballot("secret")
        hands, _ = ballot("hands")
        quiz = db.run(programme.add_activity, actor, ActivityInput("Quiz", "quiz"))
        db.run(programme.add_to_programme, actor, today, quiz)
    finally:
        db.close()
    return {"path": db_path, "closed": closed, "open": still_open, "hands": hands}


# ---------------------------------------------------------------- print results


def test_print_results_of_a_closed_vote(club, tmp_path, capsys):
    out_file = tmp_path / "result.pdf"
    code, out, err = run(
        capsys, "--db", str(club["path"]), "print", "results",
        "--ballot", str(club["closed"]), "-o", str(out_file),
    )  # fmt: skip
    assert code == 0, err
    assert out == f"Wrote {out_file}\n"
    words = text_of(out_file)
    assert "Most people chose: Crafternoon." in words
    assert "Crafternoon 2 votes" in words and "Singing 1 vote" in words
    assert len(PdfReader(out_file).pages) == 1


def test_print_results_needs_a_vote_that_exists_and_is_closed(club, tmp_path, capsys):
    out_file = tmp_path / "result.pdf"
    db = str(club["path"])
    code, _, err = run(capsys, "--db", db, "print", "results", "-o", str(out_file))
    assert code == 1 and "needs --ballot ID" in err
    code, _, err = run(
        capsys, "--db", db, "print", "results", "--ballot", "999", "-o", str(out_file)
    )
    assert (code, err) == (1, "clubapp: There is no vote with that number.\n")
    code, _, err = run(
        capsys, "--db", db, "print", "results", "--ballot", str(club["open"]), "-o",
        str(out_file),
    )  # fmt: skip
    assert code == 1 and err.startswith("clubapp: The count is shown once the vote is closed")
    code, _, err = run(
        capsys, "--db", db, "print", "results", "--ballot", str(club["hands"]), "-o",
        str(out_file),
    )  # fmt: skip
    assert (code, err) == (1, "clubapp: Close the vote first; then print its result.\n")
    assert not out_file.exists()


# ---------------------------------------------------------------- print programme


def test_print_programme(club, tmp_path, capsys):
    out_file = tmp_path / "whats-on.pdf"
    code, out, err = run(
        capsys, "--db", str(club["path"]), "print", "programme", "--from", "16/11/2026",
        "--to", "22/11/2026", "-o", str(out_file),
    )  # fmt: skip
    assert code == 0, err
    assert out == f"Wrote {out_file}\n"
    words = text_of(out_file)
    assert "What's on" in words and "16 to 22 November 2026" in words
    assert "Wednesday 18 November Wednesday Club at 1:30pm Quiz" in words


def test_print_programme_needs_two_dates_it_can_read(club, tmp_path, capsys):
    out_file = tmp_path / "whats-on.pdf"
    db = str(club["path"])
    code, _, err = run(capsys, "--db", db, "print", "programme", "--from", "1/12/2026",
                       "-o", str(out_file))  # fmt: skip
    assert code == 1 and "needs --to DATE" in err
    code, _, err = run(capsys, "--db", db, "print", "programme", "--from", "someday",
                       "--to", "1/12/2026", "-o", str(out_file))  # fmt: skip
    assert code == 1 and err.startswith("clubapp: --from:") and "Traceback" not in err
    code, _, err = run(capsys, "--db", db, "print", "programme", "--from", "1/12/2026",
                       "--to", "1/11/2026", "-o", str(out_file))  # fmt: skip
    assert (code, err) == (1, "clubapp: The end of the period is before its start.\n")
    assert not out_file.exists()


# ---------------------------------------------------------------- vote


def test_vote_refuses_a_vote_that_is_not_there_closed_or_by_hands(club, capsys):
    db = str(club["path"])
    code, _, err = run(capsys, "--db", db, "vote", "--ballot", "999")
    assert (code, err) == (1, "clubapp: There is no vote with that number.\n")
    code, _, err = run(capsys, "--db", db, "vote", "--ballot", str(club["closed"]))
    assert code == 1
    assert err.startswith("clubapp: This vote is closed: no more votes can be counted.")
    assert f"clubapp print results --ballot {club['closed']}" in err
    assert err.count("\n") == 1
    code, _, err = run(capsys, "--db", db, "vote", "--ballot", str(club["hands"]))
    assert code == 1 and "show of hands" in err and "Traceback" not in err


def test_vote_needs_a_club_and_a_ballot_number(tmp_path, capsys):
    code, _, err = run(capsys, "--db", str(tmp_path / "none.sqlite3"), "vote", "--ballot", "1")
    assert code == 1 and "There is no club in" in err
    assert not (tmp_path / "none.sqlite3").exists()
    with pytest.raises(SystemExit) as stopped:  # argparse: the usual usage error
        run(capsys, "--db", str(tmp_path / "none.sqlite3"), "vote")
    assert stopped.value.code == 2
    assert "required: --ballot" in capsys.readouterr().err


def test_vote_refuses_while_the_app_has_the_club_open(club, capsys):
    with InstanceLock(club["path"]):
        code, _, err = run(capsys, "--db", str(club["path"]), "vote", "--ballot", str(club["open"]))
    assert code == 1 and "already open" in err


@pytest.fixture
def no_lasting_app_changes(monkeypatch):
    """make_application pauses the cycle collector until the event loop turns, and the
    crash handler replaces sys.excepthook: put both back after the test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    yield
    if not gc.isenabled():
        gc.enable()


def test_vote_shows_the_voting_screens_full_screen_until_stopped(
    club, capsys, monkeypatch, qapp, no_lasting_app_changes
):
    """The open vote's screens fill the screen in their own window; Stop voting closes
    the window, which ends the app's loop (here a stand-in for app.exec)."""
    from PySide6.QtWidgets import QApplication

    from clubapp.ui.voting.flow import VotingFlow

    seen: dict = {}

    def fake_exec(app) -> int:
        flows = [w for w in QApplication.topLevelWidgets() if isinstance(w, VotingFlow)]
        shown = [w for w in flows if w.isVisible()]
        seen["shown"] = len(shown)
        flow = shown[0]
        seen["ballot"] = flow.ballot_id
        seen["full_screen"] = flow.isFullScreen()
        seen["title"] = flow.windowTitle()
        seen["question"] = flow.ballot.question
        flow.stopped.emit()
        seen["visible_after_stop"] = flow.isVisible()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    code, _, err = run(capsys, "--db", str(club["path"]), "vote", "--ballot", str(club["open"]))
    assert code == 0, err
    assert seen == {
        "shown": 1,
        "ballot": club["open"],
        "full_screen": True,
        "title": vote_commands.WINDOW_TITLE,
        "question": "What shall we do next week?",
        "visible_after_stop": False,
    }
    # The lock is given back: the app can open the club again.
    with InstanceLock(club["path"]):
        pass

"""`clubapp vote --ballot ID`: the full-screen voting screens for one open vote, on
their own, for a laptop passed round or a touchscreen at a club session.

Qt is imported only when the screens open, so the command starts light; a vote that
is not there, closed, or counted by a show of hands gets one line and exit code 1,
before any window is made.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clubapp.cli import EXIT_FAILED, CommandError, record_number

WINDOW_TITLE = "clubapp: voting"


def register(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser("vote", help="open the voting screens for one vote, full screen")
    v.add_argument(
        "--ballot", type=record_number, required=True, metavar="ID", help="the vote's number"
    )
    v.set_defaults(handler=cmd_vote)


def cmd_vote(args: argparse.Namespace) -> int:
    from clubapp.cli import passphrase

    return run_voting(args.db_path, args.ballot, passphrase(args))


def _check_ballot(db, ballot_id: int) -> None:  # type: ignore[no-untyped-def]
    from clubapp.services import votes
    from clubapp.services.errors import NotFound
    from clubapp.services.permissions import COMMAND_LINE, can

    if not can(COMMAND_LINE, "votes.run"):  # pragma: no cover - the coordinator can
        raise CommandError("The command line's role cannot run a vote.")
    try:
        ballot = db.run(votes.get_ballot, COMMAND_LINE, ballot_id)
    except NotFound:
        raise CommandError("There is no vote with that number.") from None
    if not ballot.is_open:
        raise CommandError(
            "This vote is closed: no more votes can be counted. Print its result with: "
            f"clubapp print results --ballot {ballot_id} -o result.pdf"
        )
    if ballot.method == "hands":
        raise CommandError(
            "This vote is by a show of hands: enter the counts in the app (Votes, then "
            "Enter the counts), not on the voting screens."
        )


def run_voting(db_path: Path, ballot_id: int, passphrase: str | None = None) -> int:
    """Show the voting screens of one open ballot full screen until the coordinator
    presses Stop voting; returns the exit code (1, with one plain line, if the vote
    cannot be taken)."""
    from clubapp.db import migrate
    from clubapp.db.database import open_database
    from clubapp.db.errors import KnownError
    from clubapp.db.instance_lock import InstanceLock

    lock = InstanceLock(db_path)
    db = None
    try:
        if migrate.inspect(db_path, passphrase) is migrate.State.NEW:
            raise CommandError(
                f"There is no club in {db_path} yet. Open the app to set one up, "
                "or run: clubapp demo"
            )
        lock.acquire()  # one running app per database, the voting screens included
        db = open_database(db_path, passphrase=passphrase)
        _check_ballot(db, ballot_id)
        return _show(db, ballot_id)
    except (CommandError, KnownError) as exc:
        print(f"clubapp: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if db is not None:
            db.close()
        lock.release()


def _show(db, ballot_id: int) -> int:  # type: ignore[no-untyped-def]
    from clubapp.app import install_crash_handler, make_application
    from clubapp.services.permissions import COMMAND_LINE
    from clubapp.ui.context import AppContext
    from clubapp.ui.voting.flow import VotingFlow

    app = make_application()
    install_crash_handler()
    ctx = AppContext(db, COMMAND_LINE)
    flow = VotingFlow(ctx, ballot_id)
    flow.setWindowTitle(WINDOW_TITLE)
    flow.stopped.connect(flow.close)  # the last window closes: app.exec() returns
    flow.showFullScreen()
    try:
        return app.exec()
    finally:
        flow.close()

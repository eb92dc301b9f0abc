"""`clubapp grants due [--days 60]`: the grants' deadlines board as text, soonest first,
one line each: the date, when it is due in words, and what it is."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from typing import TYPE_CHECKING

from clubapp.cli import EXIT_OK, CommandError

if TYPE_CHECKING:  # the command starts light: the grants are loaded only when used
    from clubapp.services.grant_deadlines import Deadline

# The deadlines board's own reach (services.grant_deadlines.BOARD_DAYS), written here so
# that building the parser loads no database code.
DEFAULT_DAYS = 60


def register(sub: argparse._SubParsersAction) -> None:
    g = sub.add_parser("grants", help="small grants: what is due")
    g_sub = g.add_subparsers(dest="grants_command", metavar="ACTION", required=True)
    due = g_sub.add_parser(
        "due",
        help="the deadlines board: application deadlines, reports, payments expected and "
        "grants ending, soonest first, with anything overdue",
    )
    due.add_argument(
        "--days",
        type=int,
        default=DEFAULT_DAYS,
        metavar="N",
        help=f"how many days ahead to look (default: {DEFAULT_DAYS})",
    )
    due.set_defaults(handler=cmd_due)


def board_lines(deadlines: list[Deadline]) -> list[str]:
    """One line for each deadline, its columns lined up: date, when, what."""
    from clubapp.services.dates import long_date

    days = [long_date(d.due_on, weekday=False) for d in deadlines]
    day_width = max((len(text) for text in days), default=0)
    when_width = max((len(d.when_words) for d in deadlines), default=0)
    return [
        f"{day:<{day_width}}  {d.when_words:<{when_width}}  {d.title}"
        for day, d in zip(days, deadlines, strict=True)
    ]


def cmd_due(args: argparse.Namespace) -> int:
    from clubapp.cli.members_commands import _open
    from clubapp.services import grant_deadlines
    from clubapp.services.dates import long_date
    from clubapp.services.errors import ValidationError
    from clubapp.services.permissions import COMMAND_LINE

    if args.days < 0:
        raise CommandError(
            f"--days: the number of days ahead must be 0 or more, such as {DEFAULT_DAYS}."
        )
    today = date.today()
    db = _open(args)
    try:
        try:
            deadlines = db.run(grant_deadlines.board, COMMAND_LINE, today, args.days)
        except ValidationError as exc:
            raise CommandError(f"--days: {' '.join(exc.errors.values())}") from None
    finally:
        db.close()
    until = long_date(today + timedelta(days=args.days), weekday=False)
    if not deadlines:
        print(f"Nothing is due by {until}, and nothing is overdue.")
        return EXIT_OK
    print(f"Due by {until}, and anything overdue, soonest first:")
    for line in board_lines(deadlines):
        print(line)
    return EXIT_OK

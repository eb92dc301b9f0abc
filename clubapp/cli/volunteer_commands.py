"""`clubapp needs` lists the club's needs with their numbers; `clubapp match --need ID`
prints who could help with one, best first, each with the reasons in words, and apart
those who cannot be asked until a check is in place; `clubapp print rota|checks-due|skills`
(wired in members_commands) come here to make the volunteers' printouts."""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import TYPE_CHECKING

from clubapp.cli import EXIT_OK, CommandError, record_number
from clubapp.services.words import and_words

if TYPE_CHECKING:  # the command starts light: the services load only when used
    from clubapp.services.matching import Candidate, MatchList
    from clubapp.services.needs import NeedView

REPORTS = ("rota", "checks-due", "skills")
MONTH_EXAMPLE = "2026-12"
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_YEAR_MONTH = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{4})$")
_WORD_YEAR = re.compile(r"^([^\W\d_]+)\.?,?\s+(\d{4})$")


def register(sub: argparse._SubParsersAction) -> None:
    n = sub.add_parser("needs", help="the club's needs looking for people, with their numbers")
    n.add_argument(
        "--all", action="store_true", help="every need, also those filled, done or cancelled"
    )
    n.set_defaults(handler=cmd_needs)
    m = sub.add_parser(
        "match",
        help="who could help with a need: a ranked list with the reasons in words",
    )
    m.add_argument(
        "--need",
        type=record_number,
        required=True,
        metavar="ID",
        help="the need's number (see: clubapp needs)",
    )
    m.set_defaults(handler=cmd_match)


def parse_month(text: str) -> tuple[int, int]:
    """ "2026-12", "2026/12", "12/2026", "December 2026", "Dec 2026" -> (2026, 12)."""
    cleaned = " ".join(text.split())
    year = month = None
    if found := _YEAR_MONTH.match(cleaned):
        year, month = int(found[1]), int(found[2])
    elif found := _MONTH_YEAR.match(cleaned):
        year, month = int(found[2]), int(found[1])
    elif found := _WORD_YEAR.match(cleaned):
        word = found[1].casefold()
        named = [i for i, name in enumerate(_MONTHS, 1) if len(word) >= 3 and name.startswith(word)]
        if named:
            year, month = int(found[2]), named[0]
    if year is None or month is None:
        raise CommandError(
            f"--month: '{text.strip()[:20]}' is not a month. "
            f"Write the year and the month, for example {MONTH_EXAMPLE}."
        )
    if not 1 <= month <= 12:
        raise CommandError(
            f"--month: there is no month {month}: months go from 1 to 12, "
            f"for example {MONTH_EXAMPLE}."
        )
    return year, month


# ---------------------------------------------------------------- printouts


def make_printout(db, args: argparse.Namespace, today: date) -> bytes:  # type: ignore[no-untyped-def]
    """The PDF of `print rota|checks-due|skills`."""
    from clubapp.services import volunteer_printouts
    from clubapp.services.dates import MONTH_WORDS
    from clubapp.services.errors import ValidationError
    from clubapp.services.permissions import COMMAND_LINE

    if args.report == "checks-due":
        return db.run(volunteer_printouts.checks_due, COMMAND_LINE, today)
    if args.report == "skills":
        return db.run(volunteer_printouts.skills_directory, COMMAND_LINE, today)
    if args.month is None:
        year, month = today.year, today.month
        print(f"No --month given: printing the rota for {MONTH_WORDS[month - 1]} {year}.")
    else:
        year, month = parse_month(args.month)
    try:
        return db.run(volunteer_printouts.rota, COMMAND_LINE, year, month, today)
    except ValidationError:
        raise CommandError(
            f"--month: the rota covers the years 2000 to 2100, not {year}. "
            f"Choose a month such as {MONTH_EXAMPLE}."
        ) from None


# ---------------------------------------------------------------- needs


def need_lines(view: NeedView) -> list[str]:
    """The need in a few lines: what, when, for what, skills, checks, people, status."""
    from clubapp.services.skills import skill_words

    lines = [
        f"Need {view.need_id}: {view.title}",
        f"When: {view.when_words}",
        f"For: {view.for_words}",
    ]
    if view.must_skills:
        lines.append(f"Must have: {and_words([skill_words(name) for _, name in view.must_skills])}")
    if view.nice_skills:
        lines.append(
            f"Nice to have: {and_words([skill_words(name) for _, name in view.nice_skills])}"
        )
    if view.checks:
        lines.append(f"Checks needed: {and_words(list(view.check_words))}")
    people = view.people_words
    agreed = [p.name for p in view.people if p.answer == "agreed"]
    if agreed:
        people += f". Agreed: {and_words(agreed)}"
    asked = [p.name for p in view.people if p.answer == "asked"]
    if asked:
        people += f". Asked, no answer yet: {and_words(asked)}"
    lines.append(f"People: {people}")
    lines.append(f"Status: {view.status_words}")
    if view.notes:
        lines.append(f"Notes: {' '.join(view.notes.split())}")
    return lines


def _open_needs(db, today: date) -> str:  # type: ignore[no-untyped-def]
    from clubapp.services import needs
    from clubapp.services.permissions import COMMAND_LINE

    rows = db.run(needs.needs, COMMAND_LINE, today, statuses=("open",))
    return ", ".join(f"{v.need_id} ({v.title})" for v in rows) or "none right now"


def cmd_needs(args: argparse.Namespace) -> int:
    from clubapp.cli.members_commands import _open
    from clubapp.models.volunteers import NEED_STATUSES
    from clubapp.services import needs
    from clubapp.services.permissions import COMMAND_LINE

    today = date.today()
    statuses = NEED_STATUSES if args.all else ("open",)
    db = _open(args)
    try:
        rows = db.run(needs.needs, COMMAND_LINE, today, statuses=statuses)
    finally:
        db.close()
    if not rows:
        print("No need is looking for people right now." if not args.all else "No needs yet.")
        return EXIT_OK
    which = "All the club's needs" if args.all else "Needs looking for people"
    print(f"{which}, soonest first. See who could help with: clubapp match --need NUMBER")
    width = max(len(str(v.need_id)) for v in rows)
    for view in rows:
        about = f"{view.when_words} · {view.people_words}"
        if args.all:
            about += f" · {view.status_words}"
        print(f"{view.need_id:>{width}}  {view.title}")
        print(f"{'':>{width}}  {about}")
    return EXIT_OK


# ---------------------------------------------------------------- match


def _number_width(count: int) -> int:
    return len(f"{count}.")


def match_lines(found: MatchList) -> list[str]:
    """The need, then who could be asked best first with their reasons, then who cannot
    be asked yet and why."""
    lines = need_lines(found.need)
    lines.append("")
    ranked: list[Candidate] = list(found.ranked)
    if ranked:
        lines.append(f"Who could be asked, best first ({len(ranked)}):")
        width = _number_width(len(ranked))
        for number, candidate in enumerate(ranked, start=1):
            lines.append(f"  {f'{number}.':<{width}} {candidate.name}")
            lines.append(f"  {'':<{width}} {candidate.reason_words}")
        lines.append("People asked less recently come first, so the same few are not always asked.")
    elif found.considered == 0 and found.need.must_skills:
        from clubapp.services.skills import skill_words

        names = and_words([skill_words(name) for _, name in found.need.must_skills])
        lines.append(
            f"Nobody still with the club and not already on this need has every must-have "
            f"skill ({names})."
        )
    else:
        lines.append("Nobody else could be asked.")
    if found.missing_checks:
        lines.append("")
        lines.append(
            f"Cannot be asked yet, until a check is in place ({len(found.missing_checks)}):"
        )
        for candidate in found.missing_checks:
            lines.append(f"  - {candidate.name}: {candidate.blocked_words}")
            if candidate.reason_words:
                lines.append(f"    Otherwise: {candidate.reason_words}")
    return lines


def cmd_match(args: argparse.Namespace) -> int:
    from clubapp.cli.members_commands import _open
    from clubapp.services import matching
    from clubapp.services.errors import NotFound
    from clubapp.services.permissions import COMMAND_LINE

    today = date.today()
    db = _open(args)
    try:
        try:
            found = db.run(matching.match, COMMAND_LINE, args.need, today)
        except NotFound:
            raise CommandError(
                f"--need: there is no need number {args.need}. The needs looking for people "
                f"are: {_open_needs(db, today)}."
            ) from None
    finally:
        db.close()
    for line in match_lines(found):
        print(line)
    return EXIT_OK

"""`clubapp print conversation --id ID` (wired in members_commands): the printout of one
picture conversation, for the member to keep; and `clubapp print topic-summary --topic
NAME`: the committee's counts for one topic, with no names."""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from clubapp.cli import CommandError

REPORTS = ("conversation", "topic-summary")

FINDING_NUMBERS = (
    "A conversation's number shows on the member's page, under Picture conversations "
    "(for example “Conversation 12”)."
)


def make_printout(db, args: argparse.Namespace, today: date) -> bytes:  # type: ignore[no-untyped-def]
    """The PDF of `print conversation`."""
    if args.report == "conversation":
        return _conversation(db, args, today)
    if args.report == "topic-summary":
        return _topic_summary(db, args, today)
    raise CommandError(f"print {args.report} is not a picture conversation printout.")


def _conversation(db, args: argparse.Namespace, today: date) -> bytes:  # type: ignore[no-untyped-def]
    from clubapp.services import conversation_printouts
    from clubapp.services.errors import NotFound
    from clubapp.services.permissions import COMMAND_LINE

    number = getattr(args, "id", None)
    if number is None:
        raise CommandError(
            "print conversation needs --id ID, the picture conversation's number. "
            + FINDING_NUMBERS
        )
    try:
        return db.run(conversation_printouts.conversation_pdf, COMMAND_LINE, number, today)
    except NotFound:
        raise CommandError(
            f"--id: there is no picture conversation number {number}. {FINDING_NUMBERS}"
        ) from None


def _topic_summary(db, args: argparse.Namespace, today: date) -> bytes:  # type: ignore[no-untyped-def]
    """`print topic-summary --topic NAME [--from DATE] [--to DATE]`: the committee's
    counts for one topic; the time is the last 12 months up to today unless given."""
    from clubapp.cli.members_commands import _date_option
    from clubapp.services import conversation_counts, conversation_topics
    from clubapp.services.errors import ValidationError
    from clubapp.services.fields import name_key
    from clubapp.services.permissions import COMMAND_LINE

    wanted = getattr(args, "topic", None)
    topics = db.run(conversation_topics.list_topics, COMMAND_LINE, include_retired=True)
    names = ", ".join(t.name for t in topics) or "none yet"
    if not wanted or not wanted.strip():
        raise CommandError(f"print topic-summary needs --topic NAME. The topics are: {names}.")
    found = next((t for t in topics if name_key(t.name) == name_key(wanted)), None)
    if found is None:
        raise CommandError(f"There is no topic called {wanted.strip()}. The topics are: {names}.")
    year_ago = _year_before(today)
    start = year_ago if args.date_from is None else _date_option(args.date_from, "--from")
    end = today if args.date_to is None else _date_option(args.date_to, "--to")
    if end < start:
        raise CommandError(
            f"--to ({end:%d/%m/%Y}) is before --from ({start:%d/%m/%Y}). Check both dates."
        )
    try:
        return db.run(
            conversation_counts.topic_summary_pdf, COMMAND_LINE, found.topic_id, start, end, today
        )
    except ValidationError as exc:
        raise CommandError(exc.first[1]) from None


def _year_before(today: date) -> date:
    """The first day of the last 12 months up to today (as the committee's page)."""
    try:
        start = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - 1, day=28)
    return start + timedelta(days=1)

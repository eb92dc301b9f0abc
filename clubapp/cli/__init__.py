"""The `clubapp` command: no subcommand opens the app; the subcommands serve people and scripts.

Bad input gets one line saying what is wrong and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from clubapp import __version__

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A plain-words reason the command cannot go on."""


PASSPHRASE_VARIABLE = "CLUBAPP_PASSPHRASE"
NO_PASSPHRASE = (
    "The club's information is encrypted and no passphrase was given. Put it in the "
    f"{PASSPHRASE_VARIABLE} environment variable, or run the command at a terminal to "
    "type it."
)


def passphrase(args: argparse.Namespace, *also: Path) -> str | None:
    """The club's passphrase when the club's file (or one of ``also``, such as a backup)
    is encrypted; None when none is. Taken from $CLUBAPP_PASSPHRASE, else typed at a
    terminal (asked once per command); with neither, one line says how to give it."""
    if getattr(args, "passphrase", None) is not None:
        return str(args.passphrase)
    from clubapp.db.encryption import looks_encrypted

    if not any(looks_encrypted(path) for path in (args.db_path, *also)):
        return None
    given = os.environ.get(PASSPHRASE_VARIABLE)
    if not given:
        if sys.stdin is None or not sys.stdin.isatty():
            raise CommandError(NO_PASSPHRASE)
        given = getpass.getpass("The club's passphrase: ")
        if not given:
            raise CommandError("No passphrase was typed, so nothing was done.")
    args.passphrase = given
    return given


def record_number(text: str) -> int:
    """A record's number (``--need 12``): a whole number the database can hold."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text[:20]}' is not a number") from None
    if not 0 < value < 2**63:
        raise argparse.ArgumentTypeError(f"there is no record number {text[:20]}")
    return value


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse would print the whole usage block; one line is kinder.
        self.exit(EXIT_USAGE, f"clubapp: {message}. Try: {self.prog} --help\n")


def _db_path(args: argparse.Namespace) -> Path:
    from clubapp import paths

    return Path(args.db).expanduser() if args.db else paths.default_db_path()


def build_parser() -> argparse.ArgumentParser:
    from clubapp.cli import (
        accounts_commands,
        club_commands,
        db_commands,
        grant_commands,
        members_commands,
        privacy_commands,
        volunteer_commands,
        vote_commands,
    )

    parser = _Parser(
        prog="clubapp", description="Run a community club: open the app, or use a command below."
    )
    parser.add_argument("--version", action="version", version=f"clubapp {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the club database to use (default: $CLUBAPP_DB, or club.sqlite3 in your data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    db_commands.register(sub)
    members_commands.register(sub)
    club_commands.register(sub)
    vote_commands.register(sub)
    accounts_commands.register(sub)
    grant_commands.register(sub)
    volunteer_commands.register(sub)
    privacy_commands.register(sub)
    return parser


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db_path = _db_path(args)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        if args.command:
            parser.parse_args([args.command, "--help"])
        from clubapp.app import run_app

        return run_app(args.db_path)
    return handler(args)


def main(argv: Sequence[str] | None = None) -> int:
    from clubapp.db.errors import KnownError, database_errors
    from clubapp.services.errors import NotAllowed, NotFound, ValidationError

    # Technical details go to the log, not between the plain messages on the screen.
    logging.getLogger("clubapp").addHandler(logging.NullHandler())
    logging.getLogger("clubapp").propagate = False
    try:
        return _run(argv)
    except (CommandError, KnownError, NotAllowed, NotFound) as exc:
        print(f"clubapp: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except ValidationError as exc:
        print(f"clubapp: {' '.join(exc.errors.values())}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("clubapp: stopped.", file=sys.stderr)
        return EXIT_FAILED
    except database_errors("Error", OSError) as exc:  # sqlcipher3's errors too
        from clubapp.db.errors import explain_os_error

        print(f"clubapp: {explain_os_error(exc, 'finish')}", file=sys.stderr)
        return EXIT_FAILED

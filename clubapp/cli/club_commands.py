"""`clubapp users add|reset-password`: for the laptop's owner when nobody can sign in."""

from __future__ import annotations

import argparse
import getpass
import sys

from clubapp.cli import EXIT_OK, CommandError


def register(sub: argparse._SubParsersAction) -> None:
    users = sub.add_parser("users", help="who may sign in")
    users_sub = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = users_sub.add_parser("add", help="let someone sign in")
    add.add_argument("name", help="the name shown on the sign-in tile")
    add.add_argument(
        "--role", choices=("coordinator", "treasurer", "committee", "volunteer"), required=True
    )
    add.set_defaults(handler=cmd_add)
    reset = users_sub.add_parser("reset-password", help="set a new password for someone")
    reset.add_argument("name")
    reset.set_defaults(handler=cmd_reset)


def read_new_password() -> str:
    """Ask twice at a terminal; read one line when the password is piped in."""
    if sys.stdin is None:
        raise CommandError("Type the password when asked, or pipe it in on one line.")
    if sys.stdin.isatty():
        first = getpass.getpass("New password (at least 8 characters): ")
        if getpass.getpass("Type it again: ") != first:
            raise CommandError("The two passwords were different. Nothing was changed.")
        return first
    line = sys.stdin.readline()
    if not line:
        raise CommandError("No password was given. Pipe it in on one line, or run at a terminal.")
    return line.rstrip("\r\n")


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from clubapp.cli.members_commands import _open as open_existing

    return open_existing(args)


def cmd_add(args: argparse.Namespace) -> int:
    from clubapp.services import users
    from clubapp.services.permissions import COMMAND_LINE

    password = read_new_password()
    db = _open(args)
    try:
        db.run(users.add_user, COMMAND_LINE, args.name, args.role, password)
    finally:
        db.close()
    print(f"{args.name} can now sign in as {args.role}.")
    return EXIT_OK


def cmd_reset(args: argparse.Namespace) -> int:
    from clubapp.services import users
    from clubapp.services.permissions import COMMAND_LINE

    password = read_new_password()
    db = _open(args)
    try:
        db.run(users.reset_password, COMMAND_LINE, args.name, password)
    finally:
        db.close()
    print(f"{args.name}'s password has been changed, and any wait has been cleared.")
    return EXIT_OK

"""`clubapp person access|erase`: a person's data-protection rights from the command line.

    clubapp person access --id ID -o FILE.pdf [--json FILE.json]
    clubapp person erase --id ID --yes

Without ``--yes`` erase changes nothing: it says what erasing would do, and how to go on.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from clubapp.cli import EXIT_FAILED, EXIT_OK, CommandError, record_number

# No command lists people with their numbers.
CHECK_NUMBER = "Check the number on the person's page."


def no_such_person(person_id: int) -> CommandError:
    return CommandError(f"There is no person with the number {person_id}. {CHECK_NUMBER}")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("person", help="one person's data: everything held about them, or erase it")
    p_sub = p.add_subparsers(dest="person_command", metavar="ACTION", required=True)
    access = p_sub.add_parser(
        "access", help="everything the club holds about a person, as a PDF (and JSON)"
    )
    access.add_argument("--id", type=record_number, required=True, metavar="ID", dest="person")
    access.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    access.add_argument("--json", metavar="FILE.json", help="also a file for a computer")
    access.set_defaults(handler=cmd_access)
    erase = p_sub.add_parser("erase", help="erase a person's details (asks for --yes)")
    erase.add_argument("--id", type=record_number, required=True, metavar="ID", dest="person")
    erase.add_argument("--yes", action="store_true", help="really erase; without it, nothing is")
    erase.set_defaults(handler=cmd_erase)


def cmd_access(args: argparse.Namespace) -> int:
    from clubapp.cli.members_commands import _open, write_atomically
    from clubapp.printing.subject_access import subject_access_pdf
    from clubapp.services import subject_access
    from clubapp.services.errors import NotFound
    from clubapp.services.permissions import COMMAND_LINE

    for output in filter(None, (args.output, args.json)):
        folder = Path(output).expanduser().parent
        if not folder.is_dir():  # before the request is noted in the audit log
            raise CommandError(f"The folder {folder} does not exist.")
    db = _open(args)
    try:
        result = db.run(subject_access.everything_about, COMMAND_LINE, args.person)
    except NotFound:
        raise no_such_person(args.person) from None
    finally:
        db.close()
    write_atomically(Path(args.output), subject_access_pdf(result, date.today()))
    print(f"Wrote {args.output}")
    if args.json:
        write_atomically(Path(args.json), subject_access.to_json(result))
        print(f"Wrote {args.json}")
    print(
        f"They hold {result.full_name}'s private details: give them to the person safely, "
        "and delete your copies when you have finished."
    )
    return EXIT_OK


def cmd_erase(args: argparse.Namespace) -> int:
    import sys

    from clubapp.cli.members_commands import _open
    from clubapp.services import erasure, members
    from clubapp.services.errors import NotFound
    from clubapp.services.permissions import COMMAND_LINE

    db = _open(args)
    try:
        try:
            person = db.run(members.get_person, COMMAND_LINE, args.person)
        except NotFound:
            raise no_such_person(args.person) from None
        if person.erased_on is not None:
            print(erasure.ALREADY_ERASED)
            return EXIT_OK
        name = person.full_name
        if not args.yes:
            print(erasure.what_erasing_does(name), file=sys.stderr)
            print(
                f"clubapp: nothing was erased. To erase {name}'s details, run again with --yes.",
                file=sys.stderr,
            )
            return EXIT_FAILED
        result = db.run(erasure.erase_person, COMMAND_LINE, args.person)
    finally:
        db.close()
    print(result.words)
    return EXIT_OK

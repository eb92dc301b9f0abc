"""`clubapp accounts import FILE.csv`: a bank statement or a spreadsheet of transactions
into the cash book, every line or none, with each problem named by its line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from clubapp.cli import EXIT_FAILED, EXIT_OK, CommandError

if TYPE_CHECKING:  # the command starts light: the books are loaded only when used
    from sqlalchemy.orm import Session

    from clubapp.services.bank_formats import BankFormat, CsvTable, Detected
    from clubapp.services.permissions import Actor

IN_THE_APP = "Accounts, then Import a bank statement"


def register(sub: argparse._SubParsersAction) -> None:
    a = sub.add_parser("accounts", help="the treasurer's books: import a bank statement")
    a_sub = a.add_subparsers(dest="accounts_command", metavar="ACTION", required=True)
    imp = a_sub.add_parser(
        "import",
        help="add the lines of a bank statement or a spreadsheet (CSV) to the books",
    )
    imp.add_argument("file", metavar="FILE.csv")
    imp.add_argument(
        "--bank",
        metavar="NAME",
        help="the bank (such as Barclays), the name the columns were saved under in the "
        "app, or 'transactions' for a spreadsheet of transactions; found from the "
        "headings if left out",
    )
    imp.add_argument("--account", metavar="NAME", help="the money account the statement is for")
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would happen; change nothing"
    )
    imp.set_defaults(handler=cmd_import)


def _listed(names: list[str]) -> str:
    return ", ".join(names) if names else "none yet"


def _named_format(session: Session, actor: Actor, table: CsvTable, bank: str) -> Detected:
    from clubapp.services import bank_formats
    from clubapp.services.bank_formats import BankFormat, Detected

    name = " ".join(bank.split())
    if name.casefold() in ("transactions", "spreadsheet", bank_formats.TRANSACTIONS.casefold()):
        columns = bank_formats.transactions_columns(table)
        if columns is None:
            raise CommandError(
                "This file does not have the columns of a spreadsheet of transactions: "
                "Date, Description, and Amount (or Paid in and Paid out)."
            )
        return Detected(BankFormat(bank_formats.TRANSACTIONS, columns), "transactions", "")
    saved = bank_formats.saved_format(session, actor, name)
    if saved is not None:
        if not bank_formats.fits(saved, table):
            wanted = ", ".join(saved.columns.used().values())
            raise CommandError(
                f"This file does not have the columns saved as {saved.name} ({wanted}). "
                f"Check you chose the right file, or match its columns in the app ({IN_THE_APP})."
            )
        return Detected(saved, "saved", "")
    preset = next((p for p in bank_formats.preset_names() if p.casefold() == name.casefold()), "")
    if preset:
        columns = bank_formats.resolve_preset(preset, table)
        if columns is None:
            wanted = ", ".join(bank_formats.preset_headings(preset))
            raise CommandError(
                f"This file does not have the columns a {preset} statement has ({wanted}). "
                f"Check you chose the right bank, or match the columns in the app ({IN_THE_APP})."
            )
        return Detected(BankFormat(preset, columns), "bank", "")
    names = [f.name for f in bank_formats.saved_formats(session, actor)]
    names += [*bank_formats.preset_names(), "transactions"]
    raise CommandError(f"There is no bank called '{name}'. Choose one of: {', '.join(names)}.")


def _format_for(
    session: Session, actor: Actor, table: CsvTable, bank: str | None, account: str | None
) -> BankFormat:
    from clubapp.services import bank_formats, books
    from clubapp.services.bank_formats import TRANSACTIONS, BankFormat

    if bank:
        fmt = _named_format(session, actor, table, bank).fmt
    else:
        detected = bank_formats.detect(session, actor, table)
        if detected is None:
            headings = ", ".join(f"'{h}'" for h in table.headings if h.strip())
            raise CommandError(
                f"Cannot tell which bank this file is from: its headings are {headings}. "
                f"Match its columns once in the app ({IN_THE_APP}) and save them under a "
                "name, then give that name with --bank NAME."
            )
        fmt = detected.fmt
    accounts = books.list_accounts(session, actor)
    if account:
        wanted = " ".join(account.split()).casefold()
        found = next((a for a in accounts if a.name.casefold() == wanted), None)
        if found is None:
            raise CommandError(
                f"There is no money account called '{account}'. The accounts are: "
                f"{_listed([a.name for a in accounts])}."
            )
        fmt = BankFormat(fmt.name, fmt.columns, found.account_id)
    banks = [a for a in accounts if a.kind != "cash"]
    one_bank = len(banks) == 1 and fmt.name != TRANSACTIONS
    if fmt.account_id is None and not fmt.columns.account and one_bank:
        # a bank statement, and the club has one bank account: it is for that one
        return BankFormat(fmt.name, fmt.columns, banks[0].account_id)
    if fmt.account_id is None and not fmt.columns.account:
        raise CommandError(
            "Say which money account this statement is for, with --account NAME. The "
            f"accounts are: {_listed([a.name for a in accounts])}."
        )
    return fmt


def _account_name(session: Session, account_id: int | None) -> str:
    from clubapp.models.accounts import MoneyAccount

    account = session.get(MoneyAccount, account_id) if account_id is not None else None
    return account.name if account is not None else ""


def cmd_import(args: argparse.Namespace) -> int:
    from clubapp.cli.import_watch import watch_import
    from clubapp.cli.members_commands import _open
    from clubapp.services import bank_import
    from clubapp.services.bank_formats import BankFileError
    from clubapp.services.errors import ValidationError
    from clubapp.services.permissions import COMMAND_LINE
    from clubapp.services.progress import ImportStopped

    source = Path(args.file).expanduser()
    if not source.is_file():
        raise CommandError(f"There is no file at {source}.")
    data = source.read_bytes()
    db = _open(args)
    try:
        # Ctrl-C stops at the next line, and the transaction is rolled back.
        with watch_import("lines") as watch, db.transaction() as session:
            try:
                table = bank_import.read_file(session, COMMAND_LINE, data)
                fmt = _format_for(session, COMMAND_LINE, table, args.bank, args.account)
                into = _account_name(session, fmt.account_id)
                if args.dry_run:
                    plan = bank_import.plan_import(
                        session, COMMAND_LINE, table, fmt, watch.checking
                    )
                else:
                    plan = bank_import.apply_import(
                        session, COMMAND_LINE, table, fmt, watch.progress, watch.checking
                    )
            except BankFileError as exc:
                raise CommandError(f"{source.name}: {exc}") from exc
            except ValidationError as exc:
                raise CommandError(f"{source.name}: {' '.join(exc.errors.values())}") from exc
            if watch.stopped:
                raise ImportStopped()
            if args.dry_run or not plan.ok:
                session.rollback()
    except ImportStopped as exc:
        raise CommandError(str(exc)) from None
    finally:
        db.close()
    if not plan.new and not plan.skipped and not plan.problems:
        raise CommandError(f"There are no lines in {source.name}: it has only the headings.")
    for line in plan.skipped:
        print(f"line {line.line}: {line.reason[0].upper()}{line.reason[1:]}, so it is left out.")
    for problem in plan.problems:
        where = f"line {problem.line}" + (f", {problem.column}" if problem.column else "")
        print(f"{where}: {problem.message}")
    into_words = f", into {into}" if into else ""
    print(f"Read as: {plan.format_name}{into_words}. {plan.summary()}")
    if not plan.ok:
        print("Nothing was imported. Fix the lines above in the file and try again.")
        return EXIT_FAILED
    if args.dry_run:
        print("This was a dry run: nothing was changed.")
    else:
        count = len(plan.new)
        print(f"Imported {count:,} {'line' if count == 1 else 'lines'}.")
    return EXIT_OK

"""`clubapp members import|export` and `clubapp print …` (every printout the app makes)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from clubapp.cli import EXIT_FAILED, EXIT_OK, CommandError, record_number

REPORTS = (
    "members",
    "sign-in",
    "emergency",
    "agenda",
    "minutes",
    "you-said-we-did",
    "about-me",
    "results",
    "programme",
    "accounts",
    "cashbook",
    "fund",
    "money-summary",
    "grant",
    "grants",
    "rota",
    "checks-due",
    "skills",
    "privacy-notice",
    "conversation",
    "topic-summary",
)
ACCOUNTS_REPORTS = ("accounts", "cashbook", "fund", "money-summary")


def register(sub: argparse._SubParsersAction) -> None:
    m = sub.add_parser("members", help="move people to and from a spreadsheet (CSV)")
    m_sub = m.add_subparsers(dest="members_command", metavar="ACTION", required=True)
    imp = m_sub.add_parser("import", help="add people from a CSV file (all rows or none)")
    imp.add_argument("file", metavar="FILE.csv")
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would happen; change nothing"
    )
    imp.set_defaults(handler=cmd_import)
    exp = m_sub.add_parser("export", help="write everyone to a CSV file")
    exp.add_argument("file", metavar="FILE.csv")
    exp.set_defaults(handler=cmd_export)

    p = sub.add_parser("print", help="make a printout as a PDF file")
    p.add_argument("report", choices=REPORTS, metavar="REPORT", help=", ".join(REPORTS))
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument(
        "--session", type=record_number, metavar="ID", help="sign-in: the session's number"
    )
    p.add_argument("--date", metavar="DATE", help="sign-in: the first session on this date")
    p.add_argument(
        "--meeting", type=record_number, metavar="ID", help="agenda, minutes: the meeting"
    )
    p.add_argument(
        "--easy-read", action="store_true", help="agenda, minutes: large print, short blocks"
    )
    p.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help="you-said-we-did, programme: from; grant: from (default: the grant's start); "
        "topic-summary: from (default: a year before today)",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        metavar="DATE",
        help="you-said-we-did, programme: to; grant: to (default: today, or the grant's end); "
        "topic-summary: to (default: today)",
    )
    p.add_argument("--person", type=record_number, metavar="ID", help="about-me: the person")
    p.add_argument("--ballot", type=record_number, metavar="ID", help="results: the vote")
    p.add_argument(
        "--id", type=record_number, metavar="ID", help="conversation: the picture conversation"
    )
    p.add_argument("--topic", metavar="NAME", help="topic-summary: the picture conversation topic")
    p.add_argument(
        "--year",
        metavar="YYYY",
        help="accounts, cashbook, fund, money-summary: the financial year, by the year it "
        "starts in (2025) or its name (2025-26); default: the last closed year",
    )
    p.add_argument(
        "--nearest-pound", action="store_true", help="accounts: figures to the nearest pound"
    )
    p.add_argument("--fund", metavar="NAME", help="fund: the fund (default: every fund)")
    p.add_argument(
        "--account", metavar="NAME", help="cashbook: one money account (default: every one)"
    )
    p.add_argument(
        "--grant", type=record_number, metavar="ID", help="grant: the awarded grant's number"
    )
    p.add_argument(
        "--month", metavar="YYYY-MM", help="rota: the month, such as 2026-12 (default: this month)"
    )
    p.set_defaults(handler=cmd_print)


def write_atomically(path: Path, data: bytes) -> None:
    from clubapp.files import save_file

    path = path.expanduser()
    if not path.parent.is_dir():
        raise CommandError(f"The folder {path.parent} does not exist.")
    save_file(path, data, f"write {path.name}")


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from clubapp.cli import passphrase
    from clubapp.db import migrate
    from clubapp.db.database import open_database

    if migrate.inspect(args.db_path, passphrase(args)) is migrate.State.NEW:
        raise CommandError(
            f"There is no club in {args.db_path} yet. Open the app to set one up, "
            "or run: clubapp demo"
        )
    return open_database(args.db_path, passphrase=passphrase(args))


def cmd_import(args: argparse.Namespace) -> int:
    from clubapp.cli.import_watch import watch_import
    from clubapp.services import members_transfer
    from clubapp.services.members_csv import CsvFileError
    from clubapp.services.permissions import COMMAND_LINE
    from clubapp.services.progress import ImportStopped

    source = Path(args.file).expanduser()
    if not source.is_file():
        raise CommandError(f"There is no file at {source}.")
    data = source.read_bytes()
    db = _open(args)
    try:
        # Ctrl-C stops at the next row, and the transaction is rolled back.
        with watch_import("people") as watch, db.transaction() as session:
            try:
                if args.dry_run:
                    plan = members_transfer.plan_import(session, COMMAND_LINE, data, watch.checking)
                else:
                    plan = members_transfer.apply_import(
                        session, COMMAND_LINE, data, watch.progress, watch.checking
                    )
            except CsvFileError as exc:
                raise CommandError(f"{source.name}: {exc}") from exc
            if watch.stopped:
                raise ImportStopped()
            if not plan.ok:
                session.rollback()
    except ImportStopped as exc:
        raise CommandError(str(exc)) from None
    finally:
        db.close()
    if plan.ok and not plan.new and not plan.duplicates:
        raise CommandError(f"There is nobody in {source.name}: it has only the heading row.")
    for dup in plan.duplicates:
        print(f"line {dup.line}: {dup.name} is already in the club ({dup.existing_name}); skipped")
    for problem in plan.problems:
        where = f"line {problem.line}" + (f", {problem.column}" if problem.column else "")
        print(f"{where}: {problem.message}")
    if plan.ignored_columns:
        print(f"Columns not used: {', '.join(plan.ignored_columns)}")
    print(plan.summary())
    if not plan.ok:
        print("Nothing was imported. Fix the rows above in the spreadsheet and try again.")
        return EXIT_FAILED
    if args.dry_run:
        print("This was a dry run: nothing was changed.")
    else:
        print(f"Imported {len(plan.new):,} people.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from clubapp.services import members_transfer
    from clubapp.services.permissions import COMMAND_LINE

    db = _open(args)
    try:
        data = db.run(members_transfer.export_members, COMMAND_LINE)
    finally:
        db.close()
    write_atomically(Path(args.file), data)
    print(f"Wrote {args.file}")
    return EXIT_OK


def _session_for(db, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from clubapp.services import attendance
    from clubapp.services.dates import parse_date
    from clubapp.services.permissions import COMMAND_LINE

    if args.session is not None:
        return args.session
    if args.date:
        try:
            day = parse_date(args.date)
        except ValueError as exc:
            raise CommandError(f"--date: {exc}") from exc
        rows = db.run(attendance.list_sessions, COMMAND_LINE, day, day)
        if not rows:
            raise CommandError(f"There is no club session on {day:%d/%m/%Y}.")
        return rows[0].session_id
    row = db.run(attendance.next_session, COMMAND_LINE, date.today())
    if row is None:
        raise CommandError("There is no session coming up. Give --session ID or --date DATE.")
    return row.session_id


def _needs(args: argparse.Namespace, option: str, attribute: str) -> None:
    if getattr(args, attribute) is None:
        raise CommandError(f"print {args.report} needs {option}.")


def _date_option(text: str, option: str) -> date:
    from clubapp.services.dates import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise CommandError(f"{option}: {exc}") from exc


def _make(db, args: argparse.Namespace, today: date) -> bytes:  # type: ignore[no-untyped-def]
    from clubapp.cli import conversation_commands, volunteer_commands
    from clubapp.services import committee_printouts, printouts, vote_printouts
    from clubapp.services.permissions import COMMAND_LINE

    report = args.report
    if report in ACCOUNTS_REPORTS:
        return _make_accounts(db, args, today)
    if report in ("grant", "grants"):
        return _make_grants(db, args, today)
    if report in volunteer_commands.REPORTS:
        return volunteer_commands.make_printout(db, args, today)
    if report in conversation_commands.REPORTS:
        return conversation_commands.make_printout(db, args, today)
    if report == "members":
        return db.run(printouts.member_list, COMMAND_LINE, today)
    if report == "privacy-notice":
        from clubapp.services import privacy_notice

        return db.run(privacy_notice.notice_pdf, COMMAND_LINE, today)
    if report == "sign-in":
        return db.run(printouts.sign_in_sheet, COMMAND_LINE, _session_for(db, args), today)
    if report == "emergency":
        return db.run(printouts.emergency_contacts, COMMAND_LINE, today)
    if report in ("agenda", "minutes"):
        _needs(args, "--meeting ID", "meeting")
        make = committee_printouts.agenda if report == "agenda" else committee_printouts.minutes
        return db.run(make, COMMAND_LINE, args.meeting, today, args.easy_read)
    if report == "you-said-we-did":
        _needs(args, "--from DATE", "date_from")
        _needs(args, "--to DATE", "date_to")
        return db.run(
            committee_printouts.you_said_we_did,
            COMMAND_LINE,
            _date_option(args.date_from, "--from"),
            _date_option(args.date_to, "--to"),
            today,
        )
    if report == "results":
        _needs(args, "--ballot ID", "ballot")
        return db.run(vote_printouts.results, COMMAND_LINE, args.ballot, today)
    if report == "programme":
        _needs(args, "--from DATE", "date_from")
        _needs(args, "--to DATE", "date_to")
        return db.run(
            vote_printouts.programme_pdf,
            COMMAND_LINE,
            _date_option(args.date_from, "--from"),
            _date_option(args.date_to, "--to"),
            today,
        )
    _needs(args, "--person ID", "person")
    return db.run(committee_printouts.about_me, COMMAND_LINE, args.person, today)


def _accounts_year(db, args: argparse.Namespace, today: date):  # type: ignore[no-untyped-def]
    """The year asked for; without --year the last closed year, or else this year."""
    from clubapp.services import years
    from clubapp.services.permissions import COMMAND_LINE

    with db.transaction() as session:
        if args.year is not None:
            return years.parse_year_for(session, COMMAND_LINE, args.year)
        closed = years.closed_years_for(session, COMMAND_LINE)
        if closed:
            print(f"No --year given: printing {closed[-1].name}, the last closed year.")
            return closed[-1]
        year = years.current_year(session, COMMAND_LINE, today)
        print(f"No --year given: printing {year.name}, this year (no year is closed yet).")
        return year


def _named(kind: str, option: str, wanted: str, rows: dict[str, int]) -> int:
    """The id of the fund or account called ``wanted`` (any case, any spacing)."""

    def key(name: str) -> str:
        return " ".join(name.split()).casefold()

    found = {key(name): row_id for name, row_id in rows.items()}.get(key(wanted))
    if found is None:
        names = ", ".join(rows) or "none yet"
        raise CommandError(
            f"{option}: there is no {kind} called '{wanted}'. The {kind}s are: {names}."
        )
    return found


def _make_accounts(db, args: argparse.Namespace, today: date) -> bytes:  # type: ignore[no-untyped-def]
    from clubapp.services import accounts_printouts, books, years
    from clubapp.services.permissions import COMMAND_LINE

    year = _accounts_year(db, args, today)
    if args.report == "accounts":
        pdf = db.run(
            accounts_printouts.accounts_pdf, COMMAND_LINE, year, args.nearest_pound, today=today
        )
        with db.transaction() as session:
            if year not in years.closed_years_for(session, COMMAND_LINE):
                print(f"{year.name} is not closed yet, so the accounts say they are a draft.")
        return pdf
    if args.report == "fund":
        fund_id = None
        if args.fund is not None:
            funds = db.run(books.list_funds, COMMAND_LINE, retired=True)
            fund_id = _named("fund", "--fund", args.fund, {f.name: f.fund_id for f in funds})
        else:
            print(f"No --fund given: printing every fund with money in {year.name}.")
        return db.run(
            accounts_printouts.fund_statements_pdf, COMMAND_LINE, year, fund_id, today=today
        )
    if args.report == "cashbook":
        account_id = None
        if args.account is not None:
            accounts = db.run(books.list_accounts, COMMAND_LINE, retired=True)
            account_id = _named(
                "account", "--account", args.account, {a.name: a.account_id for a in accounts}
            )
        return db.run(accounts_printouts.cashbook_pdf, COMMAND_LINE, year, account_id, today=today)
    return db.run(accounts_printouts.money_summary_pdf, COMMAND_LINE, year, today=today)


def _make_grants(db, args: argparse.Namespace, today: date) -> bytes:  # type: ignore[no-untyped-def]
    from clubapp.services import grant_printouts, grants
    from clubapp.services.errors import NotFound, ValidationError
    from clubapp.services.permissions import COMMAND_LINE

    if args.report == "grants":
        return db.run(grant_printouts.grants_summary, COMMAND_LINE, today)
    _needs(args, "--grant ID", "grant")
    starts = None if args.date_from is None else _date_option(args.date_from, "--from")
    ends = None if args.date_to is None else _date_option(args.date_to, "--to")
    if starts is not None and ends is not None and ends < starts:
        raise CommandError(
            f"--to ({ends:%d/%m/%Y}) is before --from ({starts:%d/%m/%Y}). Check both dates."
        )
    try:
        return db.run(
            grant_printouts.grant_statement, COMMAND_LINE, args.grant, today, starts, ends
        )
    except ValidationError as exc:
        field, message = exc.first
        option = {"starts": "--from: ", "ends": "--to: "}.get(field, "")
        raise CommandError(f"{option}{message}") from None
    except NotFound:
        awarded = db.run(
            grants.list_applications, COMMAND_LINE, today, statuses=grants.AWARDED_STATUSES
        )
        numbers = ", ".join(f"{a.application_id} ({a.title})" for a in awarded) or "none yet"
        raise CommandError(
            f"--grant: there is no grant number {args.grant}. The awarded grants are: {numbers}."
        ) from None


def cmd_print(args: argparse.Namespace) -> int:
    out = Path(args.output)
    db = _open(args)
    try:
        data = _make(db, args, date.today())
    finally:
        db.close()
    write_atomically(out, data)
    print(f"Wrote {out}")
    return EXIT_OK

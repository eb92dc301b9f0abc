"""The crash harness: kill the writer again and again, and check the club's data each time.

`CrashHarness.run` starts the writer (tests/crash/writer.py) in a process forked from a
clean fork server (multiprocessing's "forkserver": a fresh interpreter with no Qt that
has already imported the writer and the services, so each writer starts in a few
milliseconds), lets it work for a random moment and kills it with SIGKILL. The next
writer starts on the same, killed database. After every kill, with the writer dead and
nothing else open:

* ``PRAGMA integrity_check`` is ok and ``PRAGMA foreign_key_check`` finds nothing;
* the rules hold (`broken_rules`): each receipt's or payment's parts add up to its
  amount, no entry without its parts and no part without its entry; the balance of each
  fund and each money account, worked out here in SQL, agrees with the books service's,
  with the cash book's running balance and with the year's receipts and payments
  account; one vote per person per ballot, and a ballot's counts agree with its voters;
* what the writer did is there, exactly (`writer_state` against the harness's own
  account of the actions reported, `apply`): the last action reported as committed is
  present, nothing unreported is there, and an action killed while committing is there
  whole or not at all;
* nothing else in the club changed (`fingerprint`).

The delays and the writers' dice come from one seed, printed with any failure:
``CRASH_SEED=<seed>`` replays them. Where exactly a kill lands, and so what the next
writer finds, still depends on the machine's timing: a replay is close, not exact.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import random
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from tests.crash import writer

# The club's "today": the demo club is built for it, and the writer acts on it.
TODAY = date(2026, 5, 13)
FAR_FUTURE = date(9999, 12, 31)  # balances "at the end of everything"
# A writer nobody kills stops by itself after this long (a harness that died, say).
WRITER_SECONDS = 60.0
# When a writer is killed: most often a moment drawn evenly between 0 and LONGEST_LIFE
# after it says the database is open (a handful of actions); otherwise, as often as
# STARTING_KILLS says, between 0 and STARTING_LIFE after it was started, while it
# opens the database (and recovers what the last kill left in the log). Counting from
# "ready" keeps the kills on the actions even on a slow or busy machine.
LONGEST_LIFE = 0.06
STARTING_LIFE = 0.03
STARTING_KILLS = 0.15
READY_WAIT = 30.0  # seconds a writer may take to open the database
PIPE_WAIT = 10.0  # seconds to wait for a killed writer's pipe to close

State = dict[tuple[Any, ...], Any]


class CrashCheckFailed(AssertionError):
    """The database did not survive a kill as it should."""


# ---------------------------------------------------------------- the club


def make_club(path: Path) -> None:
    """A new club database holding the small demo club."""
    from clubapp.db.database import open_database
    from clubapp.demo import build_demo

    db = open_database(path)
    try:
        build_demo(db, today=TODAY)
    finally:
        db.close()


@functools.cache
def _engine(path: Path) -> Engine:
    """An engine whose every connection is a new read-only one (kept for the statements
    it has compiled, which a new engine would compile again)."""
    return create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None),
        poolclass=NullPool,
    )


@contextmanager
def reading(path: Path) -> Iterator[tuple[sqlite3.Connection, Session]]:
    """A new read-only connection to the database, and a session on it for the services.

    Read-only, so it never folds the log into the database when it closes: that is
    left to the writers, who may be killed while they do it."""
    with _engine(path).connect() as connection, Session(connection) as session:
        raw = connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        yield raw, session


# ---------------------------------------------------------------- what the writer did


def _split(row: Any) -> tuple[int, int, int, str]:
    category, fund, amount, note = row
    return (int(category), int(fund), int(amount), str(note))


def _entry(action: dict[str, Any]) -> tuple[Any, ...]:
    return (
        action["kind"],
        action["amount"],
        action["account"],
        action["to_account"],
        action["from_fund"],
        action["to_fund"],
        action["description"],
        action["to_sort"],
        tuple(sorted(_split(s) for s in action["splits"])),
    )


def apply(state: State, action: dict[str, Any]) -> State:
    """The writer's things once ``action`` is saved (a new dict; ``state`` is unchanged)."""
    new = dict(state)
    do = action["do"]
    if do in ("entry", "change"):
        new[("entry", action["ref"])] = _entry(action)
    elif do == "import":
        for entry in action["entries"]:
            new[("entry", entry["ref"])] = _entry(entry)
    elif do == "delete":
        del new[("entry", action["ref"])]
    elif do == "note":
        new[("note", action["text"])] = (
            action["person"],
            action["kind"],
            action["visibility"],
            action["summary"],
            action["flagged"],
        )
    elif do == "session":
        new[("session", action["name"])] = True
    elif do == "present":
        key = ("present", action["session"], action["person"])
        if action["present"]:
            new[key] = True
        else:
            del new[key]
    elif do == "ballot":
        question = action["question"]
        new[("ballot", question)] = (action["method"], action["pick_many"], "open")
        for words in action["options"]:
            new[("count", question, words)] = 0
    elif do == "vote":
        question, person = action["question"], action["person"]
        method = new[("ballot", question)][0]
        new[("voter", question, person)] = True
        for words in action["chose"]:
            new[("count", question, words)] += 1
            if method == "named":
                new[("choice", question, person, words)] = True
    elif do == "close":
        method, pick_many, _status = new[("ballot", action["question"])]
        new[("ballot", action["question"])] = (method, pick_many, "closed")
    else:
        raise ValueError(f"unknown action {do!r}")
    return new


def writer_state(conn: sqlite3.Connection) -> State:
    """The writer's things as they are in the database, in the shape `apply` makes."""
    state: State = {}

    def put(key: tuple[Any, ...], value: Any) -> None:
        if key in state:  # the same thing twice: never what the writer reported
            value = ("found twice", state[key], value)
        state[key] = value

    parts: dict[int, list[tuple[int, int, int, str]]] = defaultdict(list)
    for entry_id, *split in conn.execute(
        "SELECT s.entry_id, s.category_id, s.fund_id, s.amount_pence, s.note"
        " FROM money_splits s JOIN money_entries e ON e.id = s.entry_id"
        " WHERE e.reference LIKE ?",
        (writer.REFERENCE_LIKE,),
    ):
        parts[entry_id].append(_split(split))
    for entry_id, reference, *columns, to_sort in conn.execute(
        "SELECT id, reference, kind, amount_pence, account_id, to_account_id, from_fund_id,"
        " to_fund_id, description, to_sort FROM money_entries WHERE reference LIKE ?",
        (writer.REFERENCE_LIKE,),
    ):
        put(("entry", reference), (*columns, bool(to_sort), tuple(sorted(parts[entry_id]))))
    for text, person, kind, visibility, summary, flagged in conn.execute(
        "SELECT text, person_id, kind, visibility, summary, flagged FROM notes WHERE text LIKE ?",
        (writer.NOTE_LIKE,),
    ):
        put(("note", text), (person, kind, visibility, summary, bool(flagged)))
    for (name,) in conn.execute(
        "SELECT name FROM club_sessions WHERE name LIKE ?", (writer.SESSION_LIKE,)
    ):
        put(("session", name), True)
    for name, person in conn.execute(
        "SELECT s.name, a.person_id FROM attendance a JOIN club_sessions s"
        " ON s.id = a.session_id WHERE s.name LIKE ?",
        (writer.SESSION_LIKE,),
    ):
        put(("present", name, person), True)
    for question, method, pick_many, status in conn.execute(
        "SELECT question, method, pick_many, status FROM ballots WHERE question LIKE ?",
        (writer.QUESTION_LIKE,),
    ):
        put(("ballot", question), (method, bool(pick_many), status))
    for question, words, votes in conn.execute(
        "SELECT b.question, o.words, c.votes FROM ballot_counts c"
        " JOIN ballot_options o ON o.id = c.option_id JOIN ballots b ON b.id = o.ballot_id"
        " WHERE b.question LIKE ? AND c.answer = 'chosen'",
        (writer.QUESTION_LIKE,),
    ):
        put(("count", question, words), votes)
    for question, person in conn.execute(
        "SELECT b.question, v.person_id FROM ballot_voters v JOIN ballots b"
        " ON b.id = v.ballot_id WHERE b.question LIKE ?",
        (writer.QUESTION_LIKE,),
    ):
        put(("voter", question, person), True)
    for question, person, words in conn.execute(
        "SELECT b.question, c.person_id, o.words FROM ballot_choices c"
        " JOIN ballots b ON b.id = c.ballot_id JOIN ballot_options o ON o.id = c.option_id"
        " WHERE b.question LIKE ?",
        (writer.QUESTION_LIKE,),
    ):
        put(("choice", question, person, words), True)
    return state


def differences(expected: State, found: State, most: int = 8) -> list[str]:
    lines = []
    for key in sorted(expected.keys() - found.keys(), key=repr)[:most]:
        lines.append(f"missing {key}: {expected[key]!r}")
    for key in sorted(found.keys() - expected.keys(), key=repr)[:most]:
        lines.append(f"not reported, yet there: {key}: {found[key]!r}")
    changed = [k for k in expected.keys() & found.keys() if expected[k] != found[k]]
    for key in sorted(changed, key=repr)[:most]:
        lines.append(f"{key}: expected {expected[key]!r}, found {found[key]!r}")
    return lines


def action_keys(action: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Where in `writer_state` an action shows."""
    do = action["do"]
    if do in ("entry", "change", "delete"):
        return [("entry", action["ref"])]
    if do == "import":
        return [("entry", entry["ref"]) for entry in action["entries"]]
    if do == "note":
        return [("note", action["text"])]
    if do == "session":
        return [("session", action["name"])]
    if do == "present":
        return [("present", action["session"], action["person"])]
    if do in ("ballot", "close"):
        return [("ballot", action["question"])]
    if do == "vote":
        return [("voter", action["question"], action["person"])]
    raise ValueError(f"unknown action {do!r}")


def shows(found: State, action: dict[str, Any]) -> bool:
    """Whether the database shows ``action`` done: its own effect, looked up by its
    references, words or names."""
    do = action["do"]
    if do == "import":
        return all(shows(found, {**entry, "do": "entry"}) for entry in action["entries"])
    (key,) = action_keys(action)
    if do in ("entry", "change"):
        return found.get(key) == _entry(action)
    if do == "delete":
        return key not in found
    if do == "present":
        return (key in found) == action["present"]
    if do == "close":
        return found.get(key, ("", "", ""))[2] == "closed"
    return key in found


# ---------------------------------------------------------------- nothing else changed

_UNTOUCHED = {
    "other money entries": "SELECT * FROM money_entries WHERE reference NOT LIKE :ref ORDER BY id",
    "their parts": "SELECT s.* FROM money_splits s JOIN money_entries e ON e.id = s.entry_id"
    " WHERE e.reference NOT LIKE :ref ORDER BY s.id",
    "other notes": "SELECT * FROM notes WHERE text NOT LIKE :note ORDER BY id",
    "other attendance": "SELECT a.* FROM attendance a JOIN club_sessions s"
    " ON s.id = a.session_id WHERE s.name NOT LIKE :session ORDER BY a.session_id, a.person_id",
    "other ballots": "SELECT * FROM ballots WHERE question NOT LIKE :question ORDER BY id",
    "their voters": "SELECT v.* FROM ballot_voters v JOIN ballots b ON b.id = v.ballot_id"
    " WHERE b.question NOT LIKE :question ORDER BY v.ballot_id, v.person_id",
    "their counts": "SELECT c.* FROM ballot_counts c JOIN ballot_options o"
    " ON o.id = c.option_id JOIN ballots b ON b.id = o.ballot_id"
    " WHERE b.question NOT LIKE :question ORDER BY c.option_id, c.answer",
    "people": "SELECT * FROM people ORDER BY id",
    "funds": "SELECT * FROM funds ORDER BY id",
    "money accounts": "SELECT * FROM money_accounts ORDER BY id",
    "categories": "SELECT * FROM money_categories ORDER BY id",
}


def fingerprint(conn: sqlite3.Connection) -> dict[str, str]:
    """A digest of everything in the club the writer must leave alone."""
    names = {
        "ref": writer.REFERENCE_LIKE,
        "note": writer.NOTE_LIKE,
        "session": writer.SESSION_LIKE,
        "question": writer.QUESTION_LIKE,
    }
    out = {}
    for what, sql in _UNTOUCHED.items():
        rows = conn.execute(sql, names).fetchall()
        out[what] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return out


# ---------------------------------------------------------------- the rules


def broken_rules(conn: sqlite3.Connection, session: Session) -> list[str]:
    """Every rule of the books and the votes that does not hold, in words."""
    return _money_rules(conn) + _balance_rules(conn, session) + _vote_rules(conn)


def _money_rules(conn: sqlite3.Connection) -> list[str]:
    problems = []
    for entry_id, reference, kind, amount, to_sort, parts, total in conn.execute(
        "SELECT e.id, e.reference, e.kind, e.amount_pence, e.to_sort, COUNT(s.id),"
        " COALESCE(SUM(s.amount_pence), 0) FROM money_entries e"
        " LEFT JOIN money_splits s ON s.entry_id = e.id GROUP BY e.id"
    ):
        what = f"entry {entry_id} ({reference or kind})"
        if kind not in ("receipt", "payment") or to_sort:
            if parts:
                problems.append(f"{what} should have no parts, but has {parts}")
        elif not parts:
            problems.append(f"{what}: a {kind} without its parts")
        elif total != amount:
            problems.append(f"{what}: its parts add up to {total}p, its amount is {amount}p")
    for split_id, entry_id in conn.execute(
        "SELECT s.id, s.entry_id FROM money_splits s"
        " LEFT JOIN money_entries e ON e.id = s.entry_id WHERE e.id IS NULL"
    ):
        problems.append(f"part {split_id} belongs to entry {entry_id}, which is not there")
    return problems


# Each balance worked out again, in SQL, from the entries and parts themselves.
_FUNDS_SQL = """
SELECT f.id, f.opening_pence
  + COALESCE((SELECT SUM(CASE e.kind WHEN 'receipt' THEN s.amount_pence
                                     ELSE -s.amount_pence END)
              FROM money_splits s JOIN money_entries e ON e.id = s.entry_id
              WHERE s.fund_id = f.id), 0)
  + COALESCE((SELECT SUM(amount_pence) FROM money_entries WHERE to_fund_id = f.id), 0)
  - COALESCE((SELECT SUM(amount_pence) FROM money_entries WHERE from_fund_id = f.id), 0)
FROM funds f
"""
_ACCOUNTS_SQL = """
SELECT a.id, a.opening_pence
  + COALESCE((SELECT SUM(amount_pence) FROM money_entries
              WHERE account_id = a.id AND kind = 'receipt'), 0)
  - COALESCE((SELECT SUM(amount_pence) FROM money_entries
              WHERE account_id = a.id AND kind IN ('payment', 'account_transfer')), 0)
  + COALESCE((SELECT SUM(amount_pence) FROM money_entries WHERE to_account_id = a.id), 0)
FROM money_accounts a
"""


def _balance_rules(conn: sqlite3.Connection, session: Session) -> list[str]:
    from clubapp.services import accounts_report, books, years
    from clubapp.services.permissions import COMMAND_LINE

    problems = []
    funds = dict(conn.execute(_FUNDS_SQL).fetchall())
    accounts = dict(conn.execute(_ACCOUNTS_SQL).fetchall())
    fund_balances = books.fund_balances(session, FAR_FUTURE)
    account_balances = books.account_balances(session, FAR_FUTURE)
    if fund_balances != funds:
        problems.append(f"fund balances: the books say {fund_balances}, the entries {funds}")
    if account_balances != accounts:
        problems.append(
            f"account balances: the books say {account_balances}, the entries {accounts}"
        )
    # Money in no fund yet is money still to sort; the openings are where they started.
    openings = conn.execute(
        "SELECT (SELECT SUM(opening_pence) FROM money_accounts)"
        " - (SELECT SUM(opening_pence) FROM funds)"
    ).fetchone()[0]
    unsorted = books.unsorted_total(session, FAR_FUTURE)
    if sum(accounts.values()) - sum(funds.values()) - unsorted != openings:
        problems.append(
            f"the accounts hold {sum(accounts.values())}p, the funds {sum(funds.values())}p "
            f"and {unsorted}p is still to sort: they do not agree"
        )
    year = years.year_of(session, TODAY)
    for account_id, balance in accounts.items():
        book = books.cash_book(session, COMMAND_LINE, account_id, year.starts, FAR_FUTURE)
        if book.closing_pence != balance:
            problems.append(
                f"this year's cash book of account {account_id} ends at {book.closing_pence}p, "
                f"its balance is {balance}p"
            )
    report = accounts_report.receipts_and_payments(session, COMMAND_LINE, year)
    for column in accounts_report.COLUMNS:
        start = report.cash_last_year_end.column(column)
        moved = report.net.column(column) + report.transfers.column(column)
        end = report.cash_this_year_end.column(column)
        if start + moved != end:
            problems.append(
                f"the year's accounts, {column} funds: {start}p at the start and {moved}p "
                f"in and out, yet {end}p at the end"
            )
    at_year_end = sum(books.fund_balances(session, year.ends).values())
    if report.cash_this_year_end.total != at_year_end:
        problems.append(
            f"the year's accounts end with {report.cash_this_year_end.total}p, the funds "
            f"hold {at_year_end}p"
        )
    return problems


def _vote_rules(conn: sqlite3.Connection) -> list[str]:
    problems = []
    for ballot_id, person, times in conn.execute(
        "SELECT ballot_id, person_id, COUNT(*) FROM ballot_voters"
        " GROUP BY ballot_id, person_id HAVING COUNT(*) > 1"
    ):
        problems.append(f"person {person} voted {times} times in ballot {ballot_id}")
    voters: dict[int, int] = dict(
        conn.execute("SELECT ballot_id, COUNT(*) FROM ballot_voters GROUP BY ballot_id")
    )
    counts: dict[int, dict[tuple[int, str], int]] = defaultdict(dict)
    for ballot_id, option_id, answer, votes in conn.execute(
        "SELECT o.ballot_id, c.option_id, c.answer, c.votes FROM ballot_counts c"
        " JOIN ballot_options o ON o.id = c.option_id"
    ):
        counts[ballot_id][(option_id, answer)] = votes
    options: dict[int, int] = dict(
        conn.execute("SELECT ballot_id, COUNT(*) FROM ballot_options GROUP BY ballot_id")
    )
    chosen: dict[int, dict[tuple[int, str], int]] = defaultdict(lambda: defaultdict(int))
    for ballot_id, option_id, answer in conn.execute(
        "SELECT ballot_id, option_id, answer FROM ballot_choices"
    ):
        chosen[ballot_id][(option_id, answer)] += 1
    for ballot_id, kind, method, pick_many, each_in_turn, seats in conn.execute(
        "SELECT id, kind, method, pick_many, each_in_turn, seats FROM ballots"
    ):
        if method == "hands":
            continue  # the chair's counts: no voters are kept
        voted = voters.get(ballot_id, 0)
        mine = counts[ballot_id]
        what = f"ballot {ballot_id} ({method})"
        if each_in_turn:
            per_option: dict[int, int] = defaultdict(int)
            for (option_id, _answer), votes in mine.items():
                per_option[option_id] += votes
            for option_id, total in per_option.items():
                if total != voted:
                    problems.append(
                        f"{what}: {total} answers about option {option_id}, {voted} voters"
                    )
        else:
            total = sum(mine.values())
            most = seats if kind == "election" else options.get(ballot_id, 0) if pick_many else 1
            if most == 1 and total != voted:
                problems.append(f"{what}: the counts add up to {total}, but {voted} voted")
            elif not voted <= total <= voted * most or (voted == 0 and total):
                problems.append(f"{what}: {total} choices from {voted} voters")
        if method == "named" and dict(chosen.get(ballot_id, {})) != {
            k: v for k, v in mine.items() if v
        }:
            problems.append(f"{what}: the counts do not agree with who chose what")
    for ballot_id, person in conn.execute(
        "SELECT c.ballot_id, c.person_id FROM ballot_choices c JOIN ballots b"
        " ON b.id = c.ballot_id WHERE b.method != 'named'"
        " OR NOT EXISTS (SELECT 1 FROM ballot_voters v"
        "  WHERE v.ballot_id = c.ballot_id AND v.person_id = c.person_id)"
    ):
        problems.append(f"ballot {ballot_id} keeps a choice by person {person} it should not")
    for ballot_id, person in conn.execute(
        "SELECT v.ballot_id, v.person_id FROM ballot_voters v JOIN ballots b"
        " ON b.id = v.ballot_id WHERE b.session_id IS NOT NULL AND NOT EXISTS"
        " (SELECT 1 FROM attendance a WHERE a.session_id = b.session_id"
        "  AND a.person_id = v.person_id)"
    ):
        problems.append(f"person {person} voted in ballot {ballot_id} without being there")
    return problems


def damage(conn: sqlite3.Connection) -> list[str]:
    """What SQLite itself finds wrong with the file."""
    problems = []
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:  # too damaged even to check
        return [f"integrity_check could not run: {exc}"]
    if result != ["ok"]:
        problems.append("integrity_check: " + "; ".join(result[:10]))
    for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} points at a missing {parent} row")
    return problems


# ---------------------------------------------------------------- the kills


@dataclass
class Figures:
    seed: int
    kills: int = 0
    actions: int = 0  # committed and reported by the writers
    while_starting: int = 0  # killed while opening the database
    between_actions: int = 0  # killed while choosing what to do next
    while_folding: int = 0  # killed while folding the log into the database
    in_transaction: int = 0  # killed inside a transaction, before its commit
    committing_kept: int = 0  # killed between "commit" and "done": the commit had happened
    committing_lost: int = 0  # killed between "commit" and "done": it had not
    seconds: float = 0.0
    checking_seconds: float = 0.0
    qt_in_writer: bool = False
    per_kill: list[int] = field(default_factory=list)  # actions committed in each life

    @property
    def killed_mid_action(self) -> int:
        return self.in_transaction + self.committing_kept + self.committing_lost

    def lines(self) -> list[str]:
        per_kill = self.seconds / self.kills if self.kills else 0.0
        return [
            f"seed {self.seed}: {self.kills} kills in {self.seconds:.1f} s "
            f"({per_kill * 1000:.0f} ms a kill, {self.checking_seconds:.1f} s of it checking)",
            f"actions committed and reported: {self.actions} "
            f"(most in one life {max(self.per_kill, default=0)})",
            f"killed while opening the database: {self.while_starting}",
            f"killed between actions: {self.between_actions} while choosing what to do, "
            f"{self.while_folding} while folding the log into the database",
            f"killed mid-action: {self.killed_mid_action} ({self.in_transaction} before the "
            f"commit, all rolled back; {self.committing_kept} during the commit and kept "
            f"whole, {self.committing_lost} during the commit and rolled back whole)",
        ]


def start_fork_server(context: Any, path: Path) -> None:
    """Start the fork server (once per process): a fresh interpreter without Qt that
    imports the writer and rehearses it on a scratch copy of the club, so that each
    writer forked from it is ready in milliseconds."""
    from multiprocessing import forkserver

    scratch = path.with_name(path.stem + "-rehearsal.sqlite3")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    copy = sqlite3.connect(scratch)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    # "__main__" too, or every writer would run the main script again as it starts.
    context.set_forkserver_preload(["__main__", "tests.crash.writer", "tests.crash.warm_up"])
    os.environ[writer.REHEARSAL] = f"{scratch}|{TODAY.isoformat()}"
    try:
        forkserver.ensure_running()
    finally:
        del os.environ[writer.REHEARSAL]


class CrashHarness:
    def __init__(self, path: Path, seed: int, *, longest_life: float = LONGEST_LIFE) -> None:
        self.path = path
        self.seed = seed
        self.rng = random.Random(seed)
        self.longest_life = longest_life
        self.figures = Figures(seed)
        self.context = multiprocessing.get_context("forkserver")
        with reading(path) as (conn, _session):
            self.untouched = fingerprint(conn)
            self.model = writer_state(conn)
        self.last_done: dict[str, Any] | None = None
        self.started = False

    def start(self) -> None:
        if not self.started:
            start_fork_server(self.context, self.path)
            self.started = True

    def run(self, kills: int, progress: Callable[[int], None] | None = None) -> Figures:
        began = time.perf_counter()
        self.start()
        try:
            for kill in range(kills):
                self.one_life(kill)
                if progress is not None:
                    progress(kill + 1)
        finally:
            self.figures.seconds = time.perf_counter() - began
        return self.figures

    def fail(self, kill: int, problems: list[str], messages: list[dict[str, Any]]) -> None:
        tail = [json.dumps(m)[:300] for m in messages[-4:]]
        raise CrashCheckFailed(
            f"After kill {kill + 1} (seed {self.seed}; replay with CRASH_SEED={self.seed}):\n  "
            + "\n  ".join(problems)
            + "\nThe writer's last messages:\n  "
            + ("\n  ".join(tail) or "none")
        )

    def one_life(self, kill: int) -> None:
        while_starting = self.rng.random() < STARTING_KILLS
        life = self.rng.uniform(0.0, STARTING_LIFE if while_starting else self.longest_life)
        messages = self.live(kill, life, self.rng.randrange(2**32), from_ready=not while_starting)
        errors = [m["text"] for m in messages if m["t"] == "error"]
        if errors:
            self.fail(kill, ["the writer failed:", *errors], messages)
        self.figures.kills += 1
        if any(m["t"] == "ready" and m["qt"] for m in messages):
            self.figures.qt_in_writer = True
        checking = time.perf_counter()
        self.check(kill, messages)
        self.figures.checking_seconds += time.perf_counter() - checking

    def live(
        self, kill: int, life: float, writer_seed: int, *, from_ready: bool
    ) -> list[dict[str, Any]]:
        """Start a writer, kill it ``life`` seconds after its start (or after it said
        "ready"), and return all it said."""
        receiving, sending = self.context.Pipe(duplex=False)
        process = self.context.Process(
            target=writer.main,
            args=(str(self.path), kill, writer_seed, sending, TODAY.isoformat(), WRITER_SECONDS),
            daemon=True,
        )
        process.start()
        sending.close()
        messages: list[dict[str, Any]] = []
        ends = time.monotonic() + (READY_WAIT if from_ready else life)
        try:
            while (left := ends - time.monotonic()) > 0:
                if not receiving.poll(left):
                    continue
                try:
                    message = json.loads(receiving.recv_bytes())
                except EOFError:
                    break  # it stopped by itself: an error, reported below
                messages.append(message)
                if from_ready and message["t"] == "ready":
                    ends = time.monotonic() + life
                    from_ready = False
        finally:
            if process.is_alive():
                process.kill()  # SIGKILL
            process.join()
        never_ready = from_ready  # still waiting for "ready" when it was killed
        # What it wrote before it died is still in the pipe.
        while receiving.poll(PIPE_WAIT):
            try:
                messages.append(json.loads(receiving.recv_bytes()))
            except EOFError:
                break
        else:
            raise CrashCheckFailed("a killed writer's pipe never closed")
        receiving.close()
        if never_ready and not any(m["t"] == "error" for m in messages):
            self.fail(
                kill, [f"the writer did not open the database (waited {READY_WAIT:.0f} s)"], []
            )
        return messages

    def check(self, kill: int, messages: list[dict[str, Any]]) -> None:
        figures = self.figures
        committing = {m["n"]: m["a"] for m in messages if m["t"] == "commit"}
        done = [committing[m["n"]] for m in messages if m["t"] == "done"]
        for action in done:
            self.model = apply(self.model, action)
        figures.actions += len(done)
        figures.per_kill.append(len(done))
        if done:
            self.last_done = done[-1]
        last = messages[-1]["t"] if messages else None
        pending = committing[messages[-1]["n"]] if last == "commit" else None
        if last is None:
            figures.while_starting += 1
        elif last == "start":
            figures.in_transaction += 1
        elif last == "fold":
            figures.while_folding += 1
        elif last != "commit":
            figures.between_actions += 1
        try:
            problems = self.compare(pending)
        except sqlite3.DatabaseError as exc:
            problems = [f"the database cannot be read: {exc}"]
        if problems:
            self.fail(kill, problems, messages)

    def compare(self, pending: dict[str, Any] | None) -> list[str]:
        """Everything wrong with the database now, given the action being committed
        when the writer was killed, if any."""
        figures = self.figures
        with reading(self.path) as (conn, session):
            problems = damage(conn)
            if problems:  # nothing else can be trusted
                return problems
            found = writer_state(conn)
            kept = False
            if found == self.model:
                if pending is not None:
                    figures.committing_lost += 1
            elif pending is not None and found == apply(self.model, pending):
                self.model, kept = found, True
                figures.committing_kept += 1
            else:
                problems.append("what the writer did is not what the database holds:")
                problems += differences(self.model, found)
                if pending is not None:
                    problems.append(f"(an action was being committed: {pending})")
            # The same, said plainly: the last action reported saved is there (unless the
            # action after it, killed while committing but kept, changed the same thing).
            last_done = self.last_done
            if last_done is not None and not shows(found, last_done):
                same = pending is not None and bool(
                    set(action_keys(pending)) & set(action_keys(last_done))
                )
                if not (kept and same):
                    problems.append(f"the last action reported saved is missing: {last_done}")
            if kept:
                self.last_done = pending
            now = fingerprint(conn)
            problems += [
                f"{what} changed, though the writer never touches them"
                for what in now
                if now[what] != self.untouched[what]
            ]
            problems += broken_rules(conn, session)
        return problems


def seed_from_environment() -> int:
    """``CRASH_SEED`` if set (to replay a failure), else a new seed."""
    given = os.environ.get("CRASH_SEED")
    return int(given) if given else random.SystemRandom().randrange(10**9)

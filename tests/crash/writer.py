"""The crash harness's writer: real user actions on a club database, until it is killed.

The harness (tests/crash/harness.py) starts `main` in a process forked from a clean fork
server (no Qt, no threads, the modules below already imported), lets it work for a
random moment and kills it with SIGKILL. The writer opens the database as the app does
(the instance lock, then `open_database`) and does what people do, each action one
transaction through `Database.run` exactly as the app's `ctx.run` does: payments and
receipts split across funds and categories, bank lines imported together (sorted into
parts later), changing and removing entries, transfers, one-to-one notes, club sessions
and who came, activity votes with secret or named ballots, closing a vote, and folding
the log into the database after a secret vote (`Database.forget_history`, as the voting
screens do).

It tells the harness where it is through a pipe, one JSON message per step, each one
short enough to be written whole or not at all:

    {"t": "ready", "qt": false}         the database is open (and no Qt was imported)
    {"t": "start", "n": 7}              action 7's transaction is about to begin
    {"t": "commit", "n": 7, "a": {...}} everything is written; only the commit is left
    {"t": "done", "n": 7}               action 7 is committed
    {"t": "fold", "n": 7}               the log is being folded into the database
    {"t": "error", "text": "..."}       something failed: the harness fails the test

So a kill after "done" must find the action saved; a kill between "start" and "commit"
must find nothing of it; a kill between "commit" and "done" may find it saved or not,
but never half of it. "a" says what the action changed, by names the harness can look
up (an entry's reference, a note's words, a session's or a vote's name), never by the
database's own row numbers.
"""

from __future__ import annotations

import json
import random
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clubapp.db.database import Database, open_database
from clubapp.db.instance_lock import InstanceLock
from clubapp.models.accounts import Category, Fund, MoneyAccount, MoneyEntry
from clubapp.models.attendance import Attendance, ClubSession
from clubapp.models.members import Person
from clubapp.models.notes import NOTE_KINDS
from clubapp.models.users import User
from clubapp.models.votes import Ballot, BallotOption, BallotVoter
from clubapp.pictures import PICTURE_WORDS, picture_names
from clubapp.services import attendance, books, notes, votes
from clubapp.services.permissions import Actor

# What the writer's own things are called, so the harness can find them (and tell them
# from the demo club's).
REFERENCE = "crash {marker}"  # a money entry's reference
CHANGED = "changed {marker}"  # its description once it has been changed
NOTE = "Crash note {marker}: {words}"
SESSION = "Crash session {marker}"
QUESTION = "Crash vote {marker}: what shall we do?"
REFERENCE_LIKE = "crash %"
NOTE_LIKE = "Crash note %"
SESSION_LIKE = "Crash session %"
QUESTION_LIKE = "Crash vote %"

NOTE_WORDS = (
    "she would like more singing on Fridays",
    "he finds the hall too noisy after lunch",
    "Zoë's daughter says the minibus step is too high",
    "asked for large-print song sheets — and tea, not coffee",
    "misses the garden club 🌷; wants to plant bulbs",
    "مرحبا: greets everyone in Arabic and would like to teach a few words",
)
# How often each action is chosen.
WEIGHTS = {
    "entry": 30,
    "import": 5,
    "change": 8,
    "delete": 4,
    "note": 14,
    "attendance": 16,
    "ballot": 4,
    "vote": 24,
}


def send(conn: Connection, message: dict[str, Any]) -> None:
    conn.send_bytes(json.dumps(message).encode())


@dataclass(frozen=True)
class Club:
    """What the writer needs to know about the club, read once when it starts."""

    treasurer: Actor
    coordinator: Actor
    accounts: tuple[int, ...]
    funds: tuple[int, ...]
    money_in: tuple[int, ...]  # categories for receipts
    money_out: tuple[int, ...]  # categories for payments
    people: tuple[int, ...]  # everyone active: attendance and notes
    pictures: tuple[str, ...]


def _actor(session: Session, role: str) -> Actor:
    user = session.scalars(
        select(User).where(User.role == role, User.active.is_(True)).order_by(User.id)
    ).first()
    assert user is not None, f"the club has no {role}"
    return Actor(user.id, user.display_name, user.role)


def read_club(session: Session) -> Club:
    def ids(query: Any) -> tuple[int, ...]:
        return tuple(session.scalars(query))

    def categories(*sections: str) -> tuple[int, ...]:
        return ids(
            select(Category.id)
            .where(Category.section.in_(sections), Category.retired.is_(False))
            .order_by(Category.id)
        )

    return Club(
        treasurer=_actor(session, "treasurer"),
        coordinator=_actor(session, "coordinator"),
        accounts=ids(
            select(MoneyAccount.id).where(MoneyAccount.retired.is_(False)).order_by(MoneyAccount.id)
        ),
        funds=ids(select(Fund.id).where(Fund.retired.is_(False)).order_by(Fund.id)),
        money_in=categories("receipts", "asset_sales"),
        money_out=categories("payments", "asset_purchases"),
        people=ids(select(Person.id).where(Person.status == "active").order_by(Person.id)),
        pictures=tuple(picture_names()),
    )


@dataclass
class Plan:
    """One user action: the service to call, who calls it, and what it will change."""

    action: dict[str, Any]
    service: Callable[..., Any]
    actor: Actor
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    then_forget: bool = False  # fold the log into the database afterwards, as the app does


class Writer:
    def __init__(
        self, db: Database, club: Club, rng: random.Random, run: int, today: date, conn: Connection
    ) -> None:
        self.db = db
        self.club = club
        self.rng = rng
        self.run = run
        self.today = today
        self.conn = conn
        self.n = 0

    @property
    def marker(self) -> str:
        return f"{self.run}-{self.n}"

    # ------------------------------------------------------------ doing

    def step(self) -> None:
        self.n += 1
        choice = self.rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        plan = getattr(self, f"plan_{choice}")() or self.plan_entry()
        send(self.conn, {"t": "start", "n": self.n})
        self.db.run(self._act, plan)
        send(self.conn, {"t": "done", "n": self.n})
        if plan.then_forget:
            send(self.conn, {"t": "fold", "n": self.n})
            self.db.forget_history()

    def _act(self, session: Session, plan: Plan) -> None:
        plan.service(session, plan.actor, *plan.args, **plan.kwargs)
        session.flush()  # every statement has run: only the commit is left
        send(self.conn, {"t": "commit", "n": self.n, "a": plan.action})

    def read(self, fn: Callable[[Session], Any]) -> Any:
        return self.db.run(fn)

    # ------------------------------------------------------------ money

    def _splits(self, kind: str) -> tuple[books.SplitInput, ...]:
        categories = self.club.money_in if kind == "receipt" else self.club.money_out
        return tuple(
            books.SplitInput(
                category_id=self.rng.choice(categories),
                fund_id=self.rng.choice(self.club.funds),
                amount_pence=self.rng.randint(1, 250_00),
                note=self.rng.choice(("", f"part {n + 1}")),
            )
            for n in range(self.rng.randint(1, 4))
        )

    def _entry_input(
        self, kind: str, reference: str, description: str = "", account_id: int | None = None
    ) -> books.EntryInput:
        rng, club = self.rng, self.club
        if kind in ("receipt", "payment"):
            splits = self._splits(kind)
            return books.EntryInput(
                on=self.today,
                kind=kind,
                amount_pence=sum(s.amount_pence for s in splits),
                account_id=account_id or rng.choice(club.accounts),
                splits=splits,
                payee="Crash test",
                reference=reference,
                description=description,
            )
        amount = rng.randint(1, 500_00)
        if kind == "account_transfer":
            source, target = rng.sample(club.accounts, 2)
            return books.EntryInput(
                on=self.today,
                kind=kind,
                amount_pence=amount,
                account_id=source,
                to_account_id=target,
                reference=reference,
            )
        source, target = rng.sample(club.funds, 2)
        return books.EntryInput(
            on=self.today,
            kind=kind,
            amount_pence=amount,
            from_fund_id=source,
            to_fund_id=target,
            reference=reference,
        )

    @staticmethod
    def _entry_action(do: str, data: books.EntryInput) -> dict[str, Any]:
        return {
            "do": do,
            "ref": data.reference,
            "kind": data.kind,
            "amount": data.amount_pence,
            "account": data.account_id,
            "to_account": data.to_account_id,
            "from_fund": data.from_fund_id,
            "to_fund": data.to_fund_id,
            "description": data.description,
            "splits": [[s.category_id, s.fund_id, s.amount_pence, s.note] for s in data.splits],
            "to_sort": data.kind in ("receipt", "payment") and not data.splits,
        }

    def plan_entry(self) -> Plan:
        kind = self.rng.choices(
            ("receipt", "payment", "account_transfer", "fund_transfer"), weights=(4, 4, 1, 1)
        )[0]
        data = self._entry_input(kind, REFERENCE.format(marker=self.marker))
        return Plan(
            self._entry_action("entry", data), books.record_entry, self.club.treasurer, (data,)
        )

    def plan_import(self) -> Plan:
        """Bank lines imported together, in one transaction, waiting to be sorted."""
        rng = self.rng
        items = [
            (
                books.EntryInput(
                    on=self.today,
                    kind=rng.choice(("receipt", "payment")),
                    amount_pence=rng.randint(1, 300_00),
                    account_id=rng.choice(self.club.accounts),
                    payee="Bank line",
                    reference=REFERENCE.format(marker=f"{self.marker}.{n}"),
                ),
                f"crash import {self.marker}.{n}",
            )
            for n in range(rng.randint(2, 5))
        ]
        action = {"do": "import", "entries": [self._entry_action("entry", d) for d, _ in items]}
        return Plan(action, books.record_entries, self.club.treasurer, (items,))

    def _own_entries(self, description_like: str) -> list[tuple[int, str, str, int | None]]:
        def fn(session: Session) -> list[tuple[int, str, str, int | None]]:
            rows = session.execute(
                select(MoneyEntry.id, MoneyEntry.reference, MoneyEntry.kind, MoneyEntry.account_id)
                .where(
                    MoneyEntry.reference.like(REFERENCE_LIKE),
                    MoneyEntry.description.like(description_like),
                    MoneyEntry.kind.in_(("receipt", "payment")),
                )
                .order_by(MoneyEntry.id)
            )
            return [tuple(row) for row in rows]  # type: ignore[misc]

        return self.read(fn)  # type: ignore[no-any-return]

    def plan_change(self) -> Plan | None:
        """Change an entry's amount, parts and words (its old parts are replaced), or
        sort an imported bank line into parts."""
        entries = self._own_entries("")
        if not entries:
            return None
        entry_id, reference, kind, account_id = self.rng.choice(entries)
        data = self._entry_input(
            kind, reference, CHANGED.format(marker=self.marker), account_id=account_id
        )
        return Plan(
            self._entry_action("change", data),
            books.change_entry,
            self.club.treasurer,
            (entry_id, data),
        )

    def plan_delete(self) -> Plan | None:
        entries = self._own_entries("changed %")
        if not entries:
            return None
        entry_id, reference, _kind, _account = self.rng.choice(entries)
        return Plan(
            {"do": "delete", "ref": reference}, books.delete_entry, self.club.treasurer, (entry_id,)
        )

    # ------------------------------------------------------------ notes

    def plan_note(self) -> Plan:
        rng = self.rng
        text = NOTE.format(marker=self.marker, words=rng.choice(NOTE_WORDS))
        anonymous = rng.random() < 0.4
        data = notes.NoteInput(
            person_id=rng.choice(self.club.people),
            on_date=self.today,
            kind=rng.choice(NOTE_KINDS),
            text=text,
            visibility="committee_anonymous" if anonymous else "private",
            summary=f"A member told us something ({self.marker})" if anonymous else "",
            flagged=anonymous and rng.random() < 0.5,
        )
        action = {
            "do": "note",
            "text": text,
            "person": data.person_id,
            "kind": data.kind,
            "visibility": data.visibility,
            "summary": data.summary,
            "flagged": data.flagged,
        }
        return Plan(action, notes.add_note, self.club.coordinator, (data, self.today))

    # ------------------------------------------------------------ sessions and votes

    def _latest_session(self) -> tuple[int, str] | None:
        def fn(session: Session) -> tuple[int, str] | None:
            row = session.execute(
                select(ClubSession.id, ClubSession.name)
                .where(ClubSession.name.like(SESSION_LIKE))
                .order_by(ClubSession.id.desc())
                .limit(1)
            ).first()
            return None if row is None else (row[0], row[1])

        return self.read(fn)  # type: ignore[no-any-return]

    def plan_session(self) -> Plan:
        name = SESSION.format(marker=self.marker)
        return Plan(
            {"do": "session", "name": name},
            attendance.add_session,
            self.club.coordinator,
            (name, self.today),
        )

    def plan_attendance(self) -> Plan:
        """Mark someone present at the latest session (now and then a new session), or
        unmark someone who has not voted there."""
        latest = self._latest_session()
        if latest is None or self.rng.random() < 0.04:
            return self.plan_session()
        session_id, name = latest

        def fn(session: Session) -> tuple[set[int], set[int]]:
            present = set(
                session.scalars(
                    select(Attendance.person_id).where(Attendance.session_id == session_id)
                )
            )
            voted = set(
                session.scalars(
                    select(BallotVoter.person_id)
                    .join(Ballot, Ballot.id == BallotVoter.ballot_id)
                    .where(Ballot.session_id == session_id)
                )
            )
            return present, voted

        present, voted = self.read(fn)
        absent = sorted(set(self.club.people) - present)
        removable = sorted(present - voted)
        if absent and (not removable or self.rng.random() < 0.8):
            person, mark = self.rng.choice(absent), True
        elif removable:
            person, mark = self.rng.choice(removable), False
        else:
            return self.plan_session()
        return Plan(
            {"do": "present", "session": name, "person": person, "present": mark},
            attendance.set_present,
            self.club.coordinator,
            (session_id, person, mark),
        )

    def plan_ballot(self) -> Plan:
        latest = self._latest_session()
        if latest is None:
            return self.plan_session()
        rng = self.rng
        pictures = rng.sample(self.club.pictures, rng.randint(2, 4))
        question = QUESTION.format(marker=self.marker)
        data = votes.BallotInput(
            kind="activity",
            question=question,
            options=tuple(votes.OptionInput(PICTURE_WORDS[p], picture=p) for p in pictures),
            method=rng.choice(("secret", "secret", "named")),
            session_id=latest[0],
            pick_many=rng.random() < 0.3,
        )
        action = {
            "do": "ballot",
            "question": question,
            "method": data.method,
            "pick_many": data.pick_many,
            "options": [o.words for o in data.options],
        }
        return Plan(
            action, votes.create_ballot, self.club.coordinator, (data,), {"today": self.today}
        )

    def plan_vote(self) -> Plan:
        """A vote by someone present who has not voted yet; now and then the vote is
        closed. With nobody left to vote, someone is marked present, or a new vote made."""

        def fn(session: Session) -> tuple[Any, list[int], list[tuple[int, str]], int] | None:
            ballot = session.scalars(
                select(Ballot)
                .where(Ballot.question.like(QUESTION_LIKE), Ballot.status == "open")
                .order_by(Ballot.id.desc())
                .limit(1)
            ).first()
            if ballot is None:
                return None
            voted = set(
                session.scalars(
                    select(BallotVoter.person_id).where(BallotVoter.ballot_id == ballot.id)
                )
            )
            options = session.execute(
                select(BallotOption.id, BallotOption.words)
                .where(BallotOption.ballot_id == ballot.id)
                .order_by(BallotOption.position)
            ).all()
            can_vote = sorted(votes.eligible_ids(session, ballot) - voted)
            row = (ballot.id, ballot.question, ballot.method, ballot.pick_many)
            return row, can_vote, [(o[0], o[1]) for o in options], len(voted)

        found = self.read(fn)
        if found is None:
            return self.plan_ballot()
        (ballot_id, question, method, pick_many), can_vote, options, voted = found
        if voted >= 2 and self.rng.random() < 0.08:
            return Plan(
                {"do": "close", "question": question},
                votes.close_ballot,
                self.club.coordinator,
                (ballot_id,),
                then_forget=True,
            )
        if not can_vote:
            return self.plan_attendance() if self.rng.random() < 0.7 else self.plan_ballot()
        person = self.rng.choice(can_vote)
        count = self.rng.randint(1, len(options)) if pick_many else 1
        chosen = self.rng.sample(options, count)
        return Plan(
            {"do": "vote", "question": question, "person": person, "chose": [w for _, w in chosen]},
            votes.cast_vote,
            self.club.coordinator,
            (ballot_id, person, [(option_id, "chosen") for option_id, _ in chosen]),
            {"today": self.today},
            then_forget=method == "secret",
        )


class _Nobody:
    """A pipe nobody reads, for the rehearsal."""

    def send_bytes(self, _data: bytes) -> None:
        pass


def rehearse(path: Path, today: date, actions: int = 80) -> None:
    """Do every kind of action on a scratch copy of the club, then close everything.

    The fork server does this once (tests/crash/warm_up.py): the writers forked from it
    then find SQLAlchemy's mappers configured and its statements' shapes worked out, and
    start in milliseconds. Nothing stays open for them to inherit."""
    db = open_database(path)
    try:
        club = db.run(read_club)
        writer = Writer(db, club, random.Random(0), 0, today, _Nobody())  # type: ignore[arg-type]
        for _ in range(actions):
            writer.step()
        for kind in WEIGHTS:  # every kind at least once
            plan = getattr(writer, f"plan_{kind}")()
            if plan is not None:
                db.run(writer._act, plan)
    finally:
        db.close()


def main(db_path: str, run: int, seed: int, conn: Connection, today: str, seconds: float) -> None:
    """Work until killed (or, if nobody kills it, for ``seconds``)."""
    try:
        path = Path(db_path)
        lock = InstanceLock(path)
        lock.acquire()
        db = open_database(path)
        club = db.run(read_club)
        send(conn, {"t": "ready", "qt": any(name.startswith("PySide6") for name in sys.modules)})
        writer = Writer(db, club, random.Random(seed), run, date.fromisoformat(today), conn)
        ends = time.monotonic() + seconds
        while time.monotonic() < ends:
            writer.step()
    except BaseException:
        send(conn, {"t": "error", "text": traceback.format_exc()})
        raise SystemExit(1) from None


# The environment variable naming the scratch copy the fork server rehearses on.
REHEARSAL = "CLUBAPP_CRASH_REHEARSAL"

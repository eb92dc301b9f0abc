"""Checks with dates: DBS, time bank registration, insurance, first aid and food hygiene
certificates, references. Each may have a date it must be renewed by; the club is warned
in words a number of days ahead (the setting ``check_warning_days``).

Whether a check is in date is for the coordinator and the committee (a trustees' duty);
the certificate number is the coordinator's alone, and leaves the service blank for
anyone else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from clubapp.models.members import Person
from clubapp.models.volunteers import CHECK_KINDS, DBS_LEVELS, PersonCheck
from clubapp.services import club, fields
from clubapp.services.dates import MONTH_WORDS, long_date
from clubapp.services.errors import NotFound, ValidationError, collect_errors
from clubapp.services.permissions import Actor, can, require

CHECK_WORDS = {
    "dbs": "DBS check",
    "time_bank": "Time bank registration",
    "insurance": "Insurance",
    "first_aid": "First aid certificate",
    "food_hygiene": "Food hygiene certificate",
    "references": "References",
}
# Short, inside a sentence: "DBS valid until March 2027".
CHECK_SHORT = {
    "dbs": "DBS",
    "time_bank": "Time bank registration",
    "insurance": "Insurance",
    "first_aid": "First aid",
    "food_hygiene": "Food hygiene",
    "references": "References",
}
DBS_LEVEL_WORDS = {
    "basic": "Basic",
    "standard": "Standard",
    "enhanced": "Enhanced",
    "enhanced_barred": "Enhanced with barred lists",
}
NUMBER_MAX = 50
# What a check's state is on a day.
STATES = ("missing", "expired", "due", "valid")


def month_year(d: date) -> str:
    return f"{MONTH_WORDS[d.month - 1]} {d.year}"


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


@dataclass(frozen=True)
class CheckRow:
    check_id: int
    person_id: int
    person_name: str
    kind: str
    issued_on: date | None
    expires_on: date | None
    dbs_level: str
    certificate_number: str  # blank unless the actor may see it
    update_service: bool
    notes: str
    today: date
    warning_days: int

    @property
    def kind_words(self) -> str:
        return CHECK_WORDS[self.kind]

    @property
    def days_left(self) -> int | None:
        return None if self.expires_on is None else (self.expires_on - self.today).days

    @property
    def state(self) -> str:
        """ "expired", "due" (within the warning days) or "valid"."""
        left = self.days_left
        if left is None:
            return "valid"
        if left < 0:
            return "expired"
        return "due" if left <= self.warning_days else "valid"

    def valid_on(self, day: date) -> bool:
        return self.expires_on is None or self.expires_on >= day

    @property
    def short_words(self) -> str:
        """ "DBS valid until March 2027", "DBS ran out on 3 October 2026"."""
        short = CHECK_SHORT[self.kind]
        if self.expires_on is None:
            return f"{short} in place, no renewal date"
        if self.state == "expired":
            return f"{short} ran out on {long_date(self.expires_on, weekday=False)}"
        if self.state == "due":
            return f"{short} runs out on {long_date(self.expires_on, weekday=False)}"
        return f"{short} valid until {month_year(self.expires_on)}"

    @property
    def when_words(self) -> str:
        """ "Runs out in 12 days", "Ran out 3 days ago", "Valid until March 2027"."""
        left = self.days_left
        if left is None:
            return "No renewal date"
        if left < 0:
            return f"Ran out {_days(-left)} ago"
        if left == 0:
            return "Runs out today"
        if left <= self.warning_days:
            return "Runs out tomorrow" if left == 1 else f"Runs out in {_days(left)}"
        return f"Valid until {long_date(self.expires_on, weekday=False)}"  # type: ignore[arg-type]

    @property
    def details(self) -> str:
        """The DBS level and update service, in words ("Enhanced, on the update service")."""
        parts = []
        if self.dbs_level:
            parts.append(DBS_LEVEL_WORDS[self.dbs_level])
        if self.kind == "dbs":
            parts.append(
                "on the update service" if self.update_service else "not on the update service"
            )
        if self.issued_on is not None:
            parts.append(f"issued {long_date(self.issued_on, weekday=False)}")
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]


def _rows(session: Session, actor: Actor, today: date, *where: object) -> list[CheckRow]:
    require(actor, "checks.see")
    numbers = can(actor, "checks.numbers")
    warning = club.get_int(session, "check_warning_days")
    query = (
        select(PersonCheck, Person.full_name)
        .join(Person, Person.id == PersonCheck.person_id)
        .where(*where)  # type: ignore[arg-type]
        .order_by(PersonCheck.expires_on.is_(None), PersonCheck.expires_on, Person.full_name)
    )
    return [
        CheckRow(
            check_id=c.id,
            person_id=c.person_id,
            person_name=name,
            kind=c.kind,
            issued_on=c.issued_on,
            expires_on=c.expires_on,
            dbs_level=c.dbs_level,
            certificate_number=c.certificate_number if numbers else "",
            update_service=c.update_service,
            notes=c.notes,
            today=today,
            warning_days=warning,
        )
        for c, name in session.execute(query)
    ]


def person_checks(session: Session, actor: Actor, person_id: int, today: date) -> list[CheckRow]:
    return _rows(session, actor, today, PersonCheck.person_id == person_id)


def check(session: Session, actor: Actor, check_id: int, today: date) -> CheckRow:
    rows = _rows(session, actor, today, PersonCheck.id == check_id)
    if not rows:
        raise NotFound("This check is not there any more.")
    return rows[0]


def checks_due(session: Session, actor: Actor, today: date) -> list[CheckRow]:
    """Checks that ran out or run out within the warning days, of people still with the
    club, soonest (most overdue) first. A check renewed by a newer one of the same kind is
    left out: only each person's latest of a kind counts."""
    warning = club.get_int(session, "check_warning_days")
    rows = _rows(
        session,
        actor,
        today,
        Person.status.in_(("active", "paused")),
        PersonCheck.expires_on.is_not(None),
    )
    latest = _latest(rows)
    return [
        r
        for r in rows
        if latest[(r.person_id, r.kind)] is r and r.days_left is not None and r.days_left <= warning
    ]


def _latest(rows: list[CheckRow]) -> dict[tuple[int, str], CheckRow]:
    """Each person's newest check of each kind: the one that runs out last (no date wins)."""
    best: dict[tuple[int, str], CheckRow] = {}
    for r in rows:
        key = (r.person_id, r.kind)
        old = best.get(key)
        if old is None or _later(r, old):
            best[key] = r
    return best


def _later(a: CheckRow, b: CheckRow) -> bool:
    if a.expires_on is None:
        return b.expires_on is not None or (a.issued_on or date.min) > (b.issued_on or date.min)
    if b.expires_on is None:
        return False
    return a.expires_on > b.expires_on


def latest_checks(rows: list[CheckRow]) -> list[CheckRow]:
    """The newest check of each kind from a person's list, in kind order."""
    order = {kind: i for i, kind in enumerate(CHECK_KINDS)}
    return sorted(_latest(rows).values(), key=lambda r: (r.person_name, order[r.kind]))


# ---------------------------------------------------------------- changing checks


@dataclass(frozen=True)
class CheckInput:
    kind: str
    issued_on: date | None = None
    expires_on: date | None = None
    dbs_level: str = ""
    certificate_number: str = ""
    update_service: bool = False
    notes: str = ""


def _validate(data: CheckInput, today: date) -> None:
    def kind() -> None:
        if data.kind not in CHECK_KINDS:
            raise ValidationError("kind", "Choose which check this is.")

    def issued() -> None:
        if data.issued_on is not None and data.issued_on > today:
            raise ValidationError(
                "issued_on", "The day it was issued is after today. Check the date."
            )

    def expires() -> None:
        if (
            data.issued_on is not None
            and data.expires_on is not None
            and data.expires_on < data.issued_on
        ):
            raise ValidationError(
                "expires_on", "The renewal date is before the day it was issued. Check the dates."
            )

    def level() -> None:
        if data.dbs_level and (data.kind != "dbs" or data.dbs_level not in DBS_LEVELS):
            raise ValidationError("dbs_level", "A level is for DBS checks only.")

    def number() -> None:
        fields.name(data.certificate_number, "certificate_number", "certificate number")
        if len(data.certificate_number.strip()) > NUMBER_MAX:
            raise ValidationError(
                "certificate_number", f"Keep the certificate number under {NUMBER_MAX} characters."
            )

    def notes() -> None:
        fields.text(data.notes, "notes", "notes")

    errors = collect_errors(kind, issued, expires, level, number, notes)
    if errors:
        raise ValidationError(errors)


def add_check(session: Session, actor: Actor, person_id: int, data: CheckInput, today: date) -> int:
    require(actor, "volunteers.edit")
    if session.get(Person, person_id) is None:
        raise NotFound("This person is not in the club's records any more.")
    _validate(data, today)
    row = PersonCheck(person_id=person_id)
    _fill(row, data)
    session.add(row)
    session.flush()
    return row.id


def update_check(
    session: Session, actor: Actor, check_id: int, data: CheckInput, today: date
) -> None:
    require(actor, "volunteers.edit")
    row = session.get(PersonCheck, check_id)
    if row is None:
        raise NotFound("This check is not there any more.")
    _validate(data, today)
    _fill(row, data)


def _fill(row: PersonCheck, data: CheckInput) -> None:
    row.kind = data.kind
    row.issued_on = data.issued_on
    row.expires_on = data.expires_on
    row.dbs_level = data.dbs_level if data.kind == "dbs" else ""
    row.certificate_number = data.certificate_number.strip()
    row.update_service = data.update_service and data.kind == "dbs"
    row.notes = data.notes.strip()


def remove_check(session: Session, actor: Actor, check_id: int) -> None:
    require(actor, "volunteers.edit")
    row = session.get(PersonCheck, check_id)
    if row is None:
        raise NotFound("This check is not there any more.")
    session.delete(row)

"""Checks with dates: DBS, time bank registration, insurance, first aid and food hygiene
certificates, references. Each may have a date it must be renewed by; the club is warned
in words a number of days ahead (the setting ``check_warning_days``).

Whether a check is in date is for the coordinator and the committee (a trustees' duty);
the certificate number is the coordinator's alone, and leaves the service blank for
anyone else.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from clubapp.models.members import Person
from clubapp.models.volunteers import CHECK_KINDS, DBS_LEVELS, PersonCheck
from clubapp.services import club, fields
from clubapp.services.dates import MONTH_WORDS, long_date
from clubapp.services.errors import NotFound, ValidationError, collect_errors
from clubapp.services.permissions import Actor, allowed, can, internal, require

if TYPE_CHECKING:
    from clubapp.services.needs import NeedView

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


@allowed("checks.see")
def person_checks(session: Session, actor: Actor, person_id: int, today: date) -> list[CheckRow]:
    return _rows(session, actor, today, PersonCheck.person_id == person_id)


@allowed("checks.see")
def check(session: Session, actor: Actor, check_id: int, today: date) -> CheckRow:
    rows = _rows(session, actor, today, PersonCheck.id == check_id)
    if not rows:
        raise NotFound("This check is not there any more.")
    return rows[0]


@allowed("checks.see")
def checks_due(session: Session, actor: Actor, today: date) -> list[CheckRow]:
    """Checks that ran out or run out within the warning days, of people still with the
    club, soonest (most overdue) first. A check renewed by a newer one of the same kind is
    left out: only each person's latest of a kind counts."""
    # Every check, dated or not: a renewal with no date (references given again) is the
    # latest of its kind too, and the old dated one is no longer due.
    rows = _rows(session, actor, today, Person.status.in_(("active", "paused")))
    latest = _latest(rows)
    return [r for r in rows if latest[(r.person_id, r.kind)] is r and r.state != "valid"]


def _latest(rows: list[CheckRow]) -> dict[tuple[int, str], CheckRow]:
    """Each person's newest check of each kind: the one issued last (then entered last),
    whatever its dates say, so an old check with no renewal date cannot hide a newer one
    that ran out."""
    best: dict[tuple[int, str], CheckRow] = {}
    for r in rows:
        key = (r.person_id, r.kind)
        old = best.get(key)
        if old is None or _newness(r.issued_on, r.check_id) > _newness(old.issued_on, old.check_id):
            best[key] = r
    return best


def _newness(issued_on: date | None, check_id: int) -> tuple[date, int]:
    return (issued_on or date.min, check_id)


# ---------------------------------------------------------------- a need's checks


def check_words(kind: str) -> str:
    """A check's name inside a sentence: "DBS", "first aid", "food hygiene"."""
    short = CHECK_SHORT[kind]
    return short if kind == "dbs" else short.lower()


@internal
def latest_expiries(
    session: Session, kinds: Sequence[str], person_ids: Collection[int] | None = None
) -> dict[tuple[int, str], date | None]:
    """The renewal date of each person's newest check of each kind (None: no date).
    A person with no check of a kind has no key."""
    query = select(
        PersonCheck.person_id,
        PersonCheck.kind,
        PersonCheck.issued_on,
        PersonCheck.id,
        PersonCheck.expires_on,
    ).where(PersonCheck.kind.in_(kinds))
    if person_ids is not None:
        query = query.where(PersonCheck.person_id.in_(person_ids))
    newest: dict[tuple[int, str], tuple[tuple[date, int], date | None]] = {}
    for pid, kind, issued_on, check_id, expires in session.execute(query):
        key = (pid, kind)
        newness = _newness(issued_on, check_id)
        if key not in newest or newness > newest[key][0]:
            newest[key] = (newness, expires)
    return {key: expires for key, (_newness_of, expires) in newest.items()}


def days_to_cover(need: NeedView, today: date) -> tuple[date, date | None]:
    """From which day to which a need's checks must be valid: its day (never before
    today); a weekly need to its last week, or with no end (None); a need "any time
    before" a day, from today."""
    first = max(need.day_of(today) or today, today)
    if need.when_kind == "weekly":
        if need.ends_on is None:
            return first, None
        return first, max(need.ends_on, first)
    return first, first


@internal
def people_blocked(
    session: Session, need: NeedView, person_ids: Collection[int], today: date
) -> dict[int, tuple[str, ...]]:
    """Who of these people lacks a check the need requires, with why in words."""
    if not need.checks or not person_ids:
        return {}
    first, last = days_to_cover(need, today)
    expiries = latest_expiries(session, need.checks, person_ids)
    warning = club.get_int(session, "check_warning_days")
    found = {}
    for pid in person_ids:
        verdict = judge(expiries, pid, need.checks, first, last, today, warning)
        if verdict.blocked:
            found[pid] = verdict.blocked
    return found


@dataclass(frozen=True)
class Verdict:
    """A person's checks against what a need requires, in words."""

    blocked: tuple[str, ...]  # missing, ran out, or runs out before the need is over
    reasons: tuple[str, ...]  # "DBS valid until March 2027"
    cautions: tuple[str, ...]  # "DBS needs renewing soon"


def judge(
    expiries: dict[tuple[int, str], date | None],
    person_id: int,
    kinds: Sequence[str],
    first_day: date,
    last_day: date | None,
    today: date,
    warning_days: int,
) -> Verdict:
    """Whether each required check is valid from ``first_day`` to ``last_day`` (the need's
    last week; None for a need that carries on every week with no end)."""
    blocked: list[str] = []
    reasons: list[str] = []
    cautions: list[str] = []
    for kind in kinds:
        short = check_words(kind)
        if (person_id, kind) not in expiries:
            blocked.append(
                f"no {short} check on record" if kind == "dbs" else f"no {short} on record"
            )
            continue
        expires = expiries[(person_id, kind)]
        if expires is None:
            reasons.append(f"{short} in place")
        elif expires < today:
            blocked.append(f"{short} ran out on {long_date(expires, weekday=False)}")
        elif expires < first_day:
            blocked.append(
                f"{short} runs out on {long_date(expires, weekday=False)}, before the day"
            )
        elif last_day is not None and expires < last_day:
            blocked.append(
                f"{short} runs out on {long_date(expires, weekday=False)}, before the need ends "
                f"on {long_date(last_day, weekday=False)}"
            )
        elif (expires - today).days <= warning_days:
            cautions.append(
                f"{short} runs out on {long_date(expires, weekday=False)}: it needs renewing"
            )
        else:
            reasons.append(f"{short} valid until {month_year(expires)}")
    return Verdict(tuple(blocked), tuple(reasons), tuple(cautions))


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
        if len(data.certificate_number.strip()) > NUMBER_MAX:
            raise ValidationError(
                "certificate_number", f"Keep the certificate number under {NUMBER_MAX} characters."
            )
        fields.name(data.certificate_number, "certificate_number", "certificate number")

    def notes() -> None:
        fields.text(data.notes, "notes", "notes")

    errors = collect_errors(kind, issued, expires, level, number, notes)
    if errors:
        raise ValidationError(errors)


@allowed("volunteers.edit")
def add_check(session: Session, actor: Actor, person_id: int, data: CheckInput, today: date) -> int:
    if session.get(Person, person_id) is None:
        raise NotFound("This person is not in the club's records any more.")
    _validate(data, today)
    row = PersonCheck(person_id=person_id)
    _fill(row, data)
    session.add(row)
    session.flush()
    return row.id


@allowed("volunteers.edit")
def update_check(
    session: Session, actor: Actor, check_id: int, data: CheckInput, today: date
) -> None:
    row = session.get(PersonCheck, check_id)
    if row is None:
        raise NotFound("This check is not there any more.")
    _validate(data, today)
    if not can(actor, "checks.numbers"):
        # They were never shown the number, so it came back blank: keep the one on file.
        data = replace(data, certificate_number=row.certificate_number)
    _fill(row, data)


def _fill(row: PersonCheck, data: CheckInput) -> None:
    row.kind = data.kind
    row.issued_on = data.issued_on
    row.expires_on = data.expires_on
    row.dbs_level = data.dbs_level if data.kind == "dbs" else ""
    row.certificate_number = data.certificate_number.strip()
    row.update_service = data.update_service and data.kind == "dbs"
    row.notes = data.notes.strip()


@allowed("volunteers.edit")
def remove_check(session: Session, actor: Actor, check_id: int) -> None:
    row = session.get(PersonCheck, check_id)
    if row is None:
        raise NotFound("This check is not there any more.")
    session.delete(row)

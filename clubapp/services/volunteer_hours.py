"""Hours people give the club: logged by day, with the need or session they were for;
totals per person, per month and per grant period, and their value at the club's hourly
rate (the setting ``volunteer_hour_pence``), a figure funders often ask for.

Hours are kept as whole minutes. People type hours as "2", "2.5", "1½" or "2:30".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from clubapp.models.attendance import ClubSession
from clubapp.models.base import utcnow
from clubapp.models.members import Person
from clubapp.models.volunteers import HoursGiven, Need
from clubapp.services import club, fields
from clubapp.services.dates import MONTH_WORDS
from clubapp.services.errors import NotAllowed, NotFound, ValidationError, collect_errors
from clubapp.services.grants import is_paid_for, paid_for
from clubapp.services.permissions import Actor, allowed, can

NOTE_MAX = 200
# Whoever logged hours may remove them within this time (a slip put right).
SLIP_WINDOW = timedelta(days=1)
_CLOCK = re.compile(r"^(\d{1,2}):([0-5]\d)$")
# "1 hour 20 minutes", "45 minutes", "1h 20m": as hours_words writes them, and shorter.
_IN_WORDS = re.compile(r"(?:(\d{1,2})\s*(?:hours?|hrs?|h)\s*)?(\d{1,4})\s*(?:minutes?|mins?|m)")
# Figures with a point, nothing else: Decimal would also read "1e1" (10) and "1_5" (15).
_FIGURES = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
# "1 hour 20 minutes" is 17 characters; anything much longer is not a number of hours
# (and reading a pasted page of text on every key press would hang the form).
_TYPED_MAX = 40


def parse_hours(text: str, field: str = "hours") -> int:
    """Typed hours to whole minutes: "2" -> 120, "2.5" -> 150, "1½" -> 90, "2:30" -> 150,
    "¾" -> 45, "1 hour 20 minutes" -> 80, "45 minutes" -> 45."""
    typed = text.strip()
    if fields.has_hidden(text):
        raise ValidationError(field, "The hours have a hidden character in them. Retype them.")
    if len(typed) > _TYPED_MAX:
        raise ValidationError(
            field,
            f"'{' '.join(typed[:17].split())}...' is not a number of hours. Type it like 2 or 2.5.",
        )
    cleaned = typed.lower().replace(",", ".")
    # "1½", "1 ½", "¾": a fraction sign after the whole hours (or alone).
    for sign, decimals in (("½", ".5"), ("¼", ".25"), ("¾", ".75")):
        cleaned = re.sub(rf"\s*{sign}", decimals, cleaned)
    for word in ("hours", "hour", "hrs", "hr", "h"):
        if cleaned.endswith(word):
            cleaned = cleaned[: -len(word)].strip()
            break
    if not cleaned:
        raise ValidationError(field, "Type the hours given, for example 2 or 2.5.")
    clock = _CLOCK.match(cleaned)
    in_words = _IN_WORDS.fullmatch(cleaned)
    if clock:
        minutes = int(clock[1]) * 60 + int(clock[2])
    elif in_words:
        minutes = int(in_words[1] or 0) * 60 + int(in_words[2])
    else:
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise ValidationError(
                field, f"'{text.strip()[:20]}' is not a number of hours. Type it like 2 or 2.5."
            ) from None
        if not value.is_finite():
            raise ValidationError(field, "Type the hours given, for example 2 or 2.5.")
        if value > 24:
            # Checked before multiplying: "1e999999" would overflow.
            raise ValidationError(field, "That is more than a day. Log each day on its own.")
        if not _FIGURES.fullmatch(cleaned):
            raise ValidationError(
                field, f"'{text.strip()[:20]}' is not a number of hours. Type it like 2 or 2.5."
            )
        minutes = int((value * 60).to_integral_value())
    if minutes <= 0:
        raise ValidationError(field, "The hours must be more than nothing. Type them like 2.5.")
    if minutes > 24 * 60:
        raise ValidationError(field, "That is more than a day. Log each day on its own.")
    return minutes


def hours_words(minutes: int) -> str:
    """ "2 hours", "2½ hours", "1 hour 20 minutes", "45 minutes"."""
    hours, rest = divmod(minutes, 60)
    if rest == 30 and hours:
        return f"{hours}½ hours"
    if rest == 0:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    mins = f"{rest} minute{'s' if rest != 1 else ''}"
    if not hours:
        return mins
    return f"{hours} hour{'s' if hours != 1 else ''} {mins}"


def value_pence(minutes: int, rate_pence: int) -> int:
    """The time's worth at an hourly rate, to the nearest penny (half up)."""
    return (minutes * rate_pence + 30) // 60


# ---------------------------------------------------------------- logging


@dataclass(frozen=True)
class HoursInput:
    person_id: int
    on_date: date
    minutes: int
    need_id: int | None = None
    session_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class HoursRow:
    hours_id: int
    person_id: int
    name: str
    on_date: date
    minutes: int
    what: str  # the need or session it was for, or the note
    need_id: int | None
    session_id: int | None
    note: str


def _validate(session: Session, data: HoursInput, today: date) -> None:
    def person() -> None:
        if session.get(Person, data.person_id) is None:
            raise ValidationError("person", "Choose who gave the time.")

    def day() -> None:
        if data.on_date > today:
            raise ValidationError(
                "on_date", "Hours can be logged only once given: not after today."
            )

    def minutes() -> None:
        if not 0 < data.minutes <= 24 * 60:
            raise ValidationError("hours", "Type the hours given, up to 24.")

    def need() -> None:
        if data.need_id is not None and session.get(Need, data.need_id) is None:
            raise ValidationError("need", "That need is not there any more.")

    def club_session() -> None:
        if data.session_id is not None and session.get(ClubSession, data.session_id) is None:
            raise ValidationError("session", "That session is not there any more.")

    def note() -> None:
        if fields.has_hidden(data.note):
            raise ValidationError("note", "The note has a hidden character in it. Retype it.")
        if len(data.note.strip()) > NOTE_MAX:
            raise ValidationError("note", f"Keep the note under {NOTE_MAX} characters.")

    errors = collect_errors(person, day, minutes, need, club_session, note)
    if errors:
        raise ValidationError(errors)


@allowed("hours.log")
def log_hours(session: Session, actor: Actor, data: HoursInput, today: date) -> int:
    _validate(session, data, today)
    row = HoursGiven(
        person_id=data.person_id,
        on_date=data.on_date,
        minutes=data.minutes,
        need_id=data.need_id,
        session_id=data.session_id,
        note=data.note.strip(),
    )
    session.add(row)
    session.flush()
    return row.id


@allowed("hours.log")
def log_many(
    session: Session, actor: Actor, entries: Sequence[HoursInput], today: date
) -> list[int]:
    """Several entries at once (everyone who helped at a session), each checked as
    ``log_hours`` checks it, saved together: all of them or, if one is wrong, none."""
    # Loaded once and held here, so checking each entry finds them without a query.
    held = [
        *session.scalars(select(Person).where(Person.id.in_({e.person_id for e in entries}))),
        *session.scalars(
            select(ClubSession).where(
                ClubSession.id.in_({e.session_id for e in entries if e.session_id is not None})
            )
        ),
        *session.scalars(
            select(Need).where(Need.id.in_({e.need_id for e in entries if e.need_id is not None}))
        ),
    ]
    rows = []
    for data in entries:
        _validate(session, data, today)
        rows.append(
            HoursGiven(
                person_id=data.person_id,
                on_date=data.on_date,
                minutes=data.minutes,
                need_id=data.need_id,
                session_id=data.session_id,
                note=data.note.strip(),
            )
        )
    session.add_all(rows)
    session.flush()
    del held
    return [row.id for row in rows]


@allowed("hours.log")
def remove_hours(session: Session, actor: Actor, hours_id: int) -> None:
    """The coordinator may remove any hours; whoever logged hours may put a slip right
    within a day. Older hours may be in a report a funder has had."""
    row = session.get(HoursGiven, hours_id)
    if row is None:
        raise NotFound("These hours are not there any more.")
    if not can(actor, "volunteers.edit") and utcnow() - row.created_at > SLIP_WINDOW:
        raise NotAllowed(
            "Hours logged more than a day ago can be removed only by the coordinator: "
            "they may be in a report to a funder already."
        )
    session.delete(row)


@allowed("volunteers.see")
def hours_log(
    session: Session,
    actor: Actor,
    starts: date,
    ends: date,
    person_id: int | None = None,
) -> list[HoursRow]:
    """Every entry in the period, newest first."""
    query = (
        select(HoursGiven, Person.full_name, Need.title, ClubSession.name, ClubSession.on_date)
        .join(Person, Person.id == HoursGiven.person_id)
        .outerjoin(Need, Need.id == HoursGiven.need_id)
        .outerjoin(ClubSession, ClubSession.id == HoursGiven.session_id)
        .where(HoursGiven.on_date >= starts, HoursGiven.on_date <= ends)
        .order_by(HoursGiven.on_date.desc(), Person.full_name, HoursGiven.id.desc())
    )
    if person_id is not None:
        query = query.where(HoursGiven.person_id == person_id)
    rows = []
    for entry, name, need_title, session_name, _ in session.execute(query):
        what = need_title or session_name or entry.note
        if (need_title or session_name) and entry.note:
            what = f"{what}: {entry.note}"
        rows.append(
            HoursRow(
                entry.id,
                entry.person_id,
                name,
                entry.on_date,
                entry.minutes,
                what,
                entry.need_id,
                entry.session_id,
                entry.note,
            )
        )
    return rows


# ---------------------------------------------------------------- totals


@dataclass(frozen=True)
class PersonTotal:
    person_id: int
    name: str
    minutes: int
    times: int


@dataclass(frozen=True)
class MonthTotal:
    year: int
    month: int
    minutes: int
    people: int

    @property
    def words(self) -> str:
        return f"{MONTH_WORDS[self.month - 1]} {self.year}"


@dataclass(frozen=True)
class Totals:
    starts: date
    ends: date
    minutes: int
    rate_pence: int
    by_person: tuple[PersonTotal, ...]  # most hours first
    by_month: tuple[MonthTotal, ...]  # in order

    @property
    def value_pence(self) -> int:
        return value_pence(self.minutes, self.rate_pence)


@allowed("volunteers.see")
def totals(session: Session, actor: Actor, starts: date, ends: date) -> Totals:
    within = (HoursGiven.on_date >= starts, HoursGiven.on_date <= ends)
    by_person = tuple(
        PersonTotal(pid, name, minutes, times)
        for pid, name, minutes, times in session.execute(
            select(Person.id, Person.full_name, func.sum(HoursGiven.minutes), func.count())
            .join(HoursGiven, HoursGiven.person_id == Person.id)
            .where(*within)
            .group_by(Person.id)
            .order_by(func.sum(HoursGiven.minutes).desc(), Person.full_name)
        )
    )
    month = func.strftime("%Y-%m", HoursGiven.on_date)
    by_month = tuple(
        MonthTotal(int(key[:4]), int(key[5:]), minutes, people)
        for key, minutes, people in session.execute(
            select(
                month,
                func.sum(HoursGiven.minutes),
                func.count(func.distinct(HoursGiven.person_id)),
            )
            .where(*within)
            .group_by(month)
            .order_by(month)
        )
    )
    return Totals(
        starts=starts,
        ends=ends,
        minutes=sum(p.minutes for p in by_person),
        rate_pence=club.get_int(session, "volunteer_hour_pence"),
        by_person=by_person,
        by_month=by_month,
    )


@dataclass(frozen=True)
class GrantHours:
    """Volunteer time given to what a grant pays for, within a period."""

    starts: date
    ends: date
    minutes: int
    people: int
    rate_pence: int
    whole_club: bool  # the grant pays for the club as a whole: every hour counts

    @property
    def value_pence(self) -> int:
        return value_pence(self.minutes, self.rate_pence)


@allowed("grants.see")
def grant_hours(
    session: Session, actor: Actor, application_id: int, starts: date, ends: date
) -> GrantHours:
    """Hours for the sessions and activities a grant names (as its delivery counts them),
    and for needs tied to the grant; a grant that names neither pays for the club as a
    whole, so every hour counts."""
    names, activity_ids = paid_for(session, application_id)
    query = select(
        func.coalesce(func.sum(HoursGiven.minutes), 0),
        func.count(func.distinct(HoursGiven.person_id)),
    ).where(HoursGiven.on_date >= starts, HoursGiven.on_date <= ends)
    whole_club = not names and not activity_ids
    if not whole_club:
        its_sessions = select(ClubSession.id).where(is_paid_for(names, activity_ids))
        its_needs = select(Need.id).where(
            or_(
                Need.application_id == application_id,
                Need.session_id.in_(its_sessions),
                func.lower(Need.session_name).in_(names),
                Need.activity_id.in_(activity_ids),
            )
        )
        query = query.where(
            or_(HoursGiven.session_id.in_(its_sessions), HoursGiven.need_id.in_(its_needs))
        )
    minutes, people = session.execute(query).one()
    return GrantHours(
        starts=starts,
        ends=ends,
        minutes=int(minutes),
        people=int(people),
        rate_pence=club.get_int(session, "volunteer_hour_pence"),
        whole_club=whole_club,
    )

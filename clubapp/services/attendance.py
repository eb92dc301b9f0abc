"""Club sessions, repeating sessions, the register, and counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from clubapp.models.attendance import Attendance, ClubSession, SessionSeries
from clubapp.models.members import Person
from clubapp.services import fields
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.permissions import Actor, allowed

WEEKDAY_WORDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A repeating session makes at most two years of dates at a time, so a slip of the
# keyboard cannot fill the register with thousands of sessions.
MAX_SERIES_DAYS = 731


@dataclass(frozen=True)
class SessionRow:
    session_id: int
    name: str
    on_date: date
    start_time: time | None
    series_id: int | None
    present: int

    @property
    def title(self) -> str:
        return f"{self.name} — {WEEKDAY_WORDS[self.on_date.weekday()]} {self.on_date.day} {self.on_date:%B %Y}"


@dataclass(frozen=True)
class RegisterEntry:
    person_id: int
    name: str  # known as, else full name
    full_name: str
    present: bool


@dataclass(frozen=True)
class MonthCount:
    year: int
    month: int
    sessions: int
    attendances: int
    people: int  # different people who came at least once


def _check_name(name: str) -> str:
    name = " ".join(name.split())
    fields.name(name, "name", "session's name", required=True)
    return name


@allowed("sessions.manage")
def add_session(
    session: Session, actor: Actor, name: str, on_date: date, start_time: time | None = None
) -> int:
    row = ClubSession(name=_check_name(name), on_date=on_date, start_time=start_time)
    session.add(row)
    session.flush()
    return row.id


@allowed("sessions.manage")
def add_series(
    session: Session,
    actor: Actor,
    name: str,
    weekdays: set[int],
    starts_on: date,
    ends_on: date,
    start_time: time | None = None,
) -> int:
    """A repeating session: one session on each chosen weekday between the two dates."""
    errors: dict[str, str] = {}
    try:
        name = _check_name(name)
    except ValidationError as exc:
        errors.update(exc.errors)
    if not weekdays or not weekdays <= set(range(7)):
        errors["weekdays"] = "Tick at least one day of the week."
    if ends_on < starts_on:
        errors["ends_on"] = "The last date is before the first date. Check both dates."
    elif (ends_on - starts_on).days > MAX_SERIES_DAYS:
        errors["ends_on"] = "Plan at most two years ahead. Choose an earlier last date."
    if errors:
        raise ValidationError(errors)
    series = SessionSeries(
        name=name,
        weekdays=",".join(str(d) for d in sorted(weekdays)),
        starts_on=starts_on,
        ends_on=ends_on,
        start_time=start_time,
    )
    session.add(series)
    session.flush()
    day = starts_on
    while day <= ends_on:
        if day.weekday() in weekdays:
            session.add(
                ClubSession(name=name, on_date=day, start_time=start_time, series_id=series.id)
            )
        day += timedelta(days=1)
    session.flush()
    return series.id


@allowed("sessions.manage")
def cancel_session(session: Session, actor: Actor, session_id: int) -> None:
    """Remove a session nobody has been marked at; one with attendance is kept."""
    row = session.get(ClubSession, session_id)
    if row is None:
        raise NotFound("That session is not in the records any more.")
    taken = session.scalar(
        select(func.count()).select_from(Attendance).where(Attendance.session_id == session_id)
    )
    if taken:
        raise ValidationError(
            "session",
            f"{taken} {'person is' if taken == 1 else 'people are'} marked as here at this "
            "session, so it cannot be removed. "
            "Unmark them first if the session did not happen.",
        )
    _refuse_if_volunteers_count_on(session, session_id)
    session.delete(row)


def _refuse_if_volunteers_count_on(session: Session, session_id: int) -> None:
    """Removing a session would quietly unlink the needs and hours given for it (and the
    hours would drop out of a grant's statement)."""
    from clubapp.models.volunteers import HoursGiven, Need

    needs = session.scalar(
        select(func.count())
        .select_from(Need)
        .where(Need.session_id == session_id, Need.status.in_(("open", "filled", "done")))
    )
    hours = session.scalar(
        select(func.count()).select_from(HoursGiven).where(HoursGiven.session_id == session_id)
    )
    said = []
    if needs:
        said.append(f"{needs} need{'s are' if needs != 1 else ' is'} for it")
    if hours:
        said.append("volunteers' hours are logged for it")
    if said:
        raise ValidationError(
            "session",
            f"This session cannot be removed: {' and '.join(said)}. Change those in the "
            "Volunteers room first.",
        )


@allowed("attendance.see")
def list_sessions(session: Session, actor: Actor, start: date, end: date) -> list[SessionRow]:
    present = (
        select(Attendance.session_id, func.count().label("n"))
        .group_by(Attendance.session_id)
        .subquery()
    )
    query = (
        select(ClubSession, func.coalesce(present.c.n, 0))
        .outerjoin(present, present.c.session_id == ClubSession.id)
        .where(ClubSession.on_date.between(start, end), ClubSession.cancelled.is_(False))
        .order_by(ClubSession.on_date, ClubSession.start_time, ClubSession.id)
    )
    return [
        SessionRow(s.id, s.name, s.on_date, s.start_time, s.series_id, n)
        for s, n in session.execute(query)
    ]


@allowed("attendance.see")
def get_session(session: Session, actor: Actor, session_id: int) -> SessionRow:
    row = session.get(ClubSession, session_id)
    if row is None:
        raise NotFound("That session is not in the records any more.")
    n = session.scalar(
        select(func.count()).select_from(Attendance).where(Attendance.session_id == session_id)
    )
    return SessionRow(row.id, row.name, row.on_date, row.start_time, row.series_id, n or 0)


@allowed("attendance.see")
def next_session(session: Session, actor: Actor, today: date) -> SessionRow | None:
    """Today's session, else the next one (Home asks at every start, so one row only)."""
    row = session.scalars(
        select(ClubSession)
        .where(ClubSession.on_date >= today, ClubSession.cancelled.is_(False))
        .order_by(ClubSession.on_date, ClubSession.start_time, ClubSession.id)
        .limit(1)
    ).first()
    if row is None:
        return None
    return get_session(session, actor, row.id)


@allowed("attendance.see")
def register(session: Session, actor: Actor, session_id: int) -> list[RegisterEntry]:
    """Active people, plus anyone already marked (even if they have since left)."""
    if session.get(ClubSession, session_id) is None:
        raise NotFound("That session is not in the records any more.")
    marked = set(
        session.scalars(select(Attendance.person_id).where(Attendance.session_id == session_id))
    )
    people = session.execute(
        select(Person.id, Person.full_name, Person.known_as).where(
            (Person.status == "active") | Person.id.in_(marked)
        )
    )
    entries = [
        RegisterEntry(pid, known or full, full, pid in marked) for pid, full, known in people
    ]
    entries.sort(key=lambda e: (e.name.casefold(), e.full_name.casefold(), e.person_id))
    return entries


@allowed("attendance.take")
def set_present(
    session: Session, actor: Actor, session_id: int, person_id: int, present: bool
) -> None:
    if session.get(ClubSession, session_id) is None:
        raise NotFound("That session is not in the records any more.")
    if session.get(Person, person_id) is None:
        raise NotFound("That person is not in the records any more.")
    existing = session.get(Attendance, (session_id, person_id))
    if present and existing is None:
        session.add(Attendance(session_id=session_id, person_id=person_id, marked_by=actor.user_id))
    elif not present and existing is not None:
        session.execute(
            delete(Attendance).where(
                Attendance.session_id == session_id, Attendance.person_id == person_id
            )
        )


@allowed("attendance.see")
def monthly_counts(session: Session, actor: Actor, start: date, end: date) -> list[MonthCount]:
    """Per month: sessions held, attendances and different people, oldest month first."""
    sessions = session.execute(
        select(ClubSession.id, ClubSession.on_date).where(
            ClubSession.on_date.between(start, end), ClubSession.cancelled.is_(False)
        )
    ).all()
    month_of = {sid: (d.year, d.month) for sid, d in sessions}
    session_count = Counter(month_of.values())
    attendances: Counter[tuple[int, int]] = Counter()
    people: dict[tuple[int, int], set[int]] = {}
    if month_of:
        rows = session.execute(
            select(Attendance.session_id, Attendance.person_id)
            .join(ClubSession, ClubSession.id == Attendance.session_id)
            .where(ClubSession.on_date.between(start, end), ClubSession.cancelled.is_(False))
        )
        for sid, pid in rows:
            key = month_of[sid]
            attendances[key] += 1
            people.setdefault(key, set()).add(pid)
    return [
        MonthCount(y, m, session_count[(y, m)], attendances[(y, m)], len(people.get((y, m), ())))
        for (y, m) in sorted(session_count)
    ]

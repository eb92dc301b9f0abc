"""The club's needs: jobs it wants doing, when, with which skills and checks, by how many
people; who was asked and who agreed; and the month's rota.

A need happens on one day (``date``, optionally in a part of the day), every week in a
slot (``weekly``, optionally between two dates), or any time before a day (``before``).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from clubapp.models.attendance import ClubSession
from clubapp.models.grants import GrantApplication
from clubapp.models.members import Person
from clubapp.models.volunteers import (
    ANSWERS,
    CHECK_KINDS,
    DAY_PARTS,
    NEED_PURPOSES,
    NEED_STATUSES,
    NEED_WHEN,
    Need,
    NeedCheck,
    NeedPerson,
    NeedSkill,
    Skill,
    TimeAway,
)
from clubapp.models.votes import Activity
from clubapp.services import checks, fields
from clubapp.services.checks import CHECK_WORDS
from clubapp.services.dates import MONTH_WORDS, long_date
from clubapp.services.errors import NotFound, ValidationError, collect_errors
from clubapp.services.permissions import Actor, allowed
from clubapp.services.skills import slot_words

PURPOSE_WORDS = {
    "session": "A club session",
    "activity": "An activity",
    "grant": "A grant bid",
    "accounts": "The accounts",
    "job": "A one-off job",
}
WHEN_WORDS = {
    "date": "On one day",
    "weekly": "Every week",
    "before": "Any time before a day",
}
STATUS_WORDS = {
    "open": "Looking for people",
    "filled": "Has enough people",
    "done": "Done",
    "cancelled": "Cancelled",
}
ANSWER_WORDS = {"asked": "Asked, no answer yet", "agreed": "Agreed", "declined": "Said no"}
TITLE_MAX = 200
PEOPLE_MAX = 50


@dataclass(frozen=True)
class NeedInput:
    title: str
    purpose: str
    when_kind: str
    on_date: date | None = None
    weekday: int | None = None
    part: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    by_date: date | None = None
    people_wanted: int = 1
    session_id: int | None = None
    session_name: str | None = None  # a weekly need's repeating session
    activity_id: int | None = None
    application_id: int | None = None
    must_skills: tuple[int, ...] = ()
    nice_skills: tuple[int, ...] = ()
    checks: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class NeedPersonRow:
    person_id: int
    name: str
    answer: str
    asked_on: date

    @property
    def answer_words(self) -> str:
        return ANSWER_WORDS[self.answer]


@dataclass(frozen=True)
class NeedView:
    need_id: int
    title: str
    purpose: str
    when_kind: str
    on_date: date | None
    weekday: int | None
    part: str | None
    starts_on: date | None
    ends_on: date | None
    by_date: date | None
    people_wanted: int
    status: str
    notes: str
    session_id: int | None
    session_name: str | None
    activity_id: int | None
    application_id: int | None
    for_words: str  # "Crafternoon on Sunday 6 December 2026", "the Lottery bid"
    must_skills: tuple[tuple[int, str], ...]
    nice_skills: tuple[tuple[int, str], ...]
    checks: tuple[str, ...]
    people: tuple[NeedPersonRow, ...] = field(default=())

    @property
    def when_words(self) -> str:
        return when_words(self)

    @property
    def purpose_words(self) -> str:
        return PURPOSE_WORDS[self.purpose]

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.status]

    @property
    def agreed(self) -> int:
        return sum(1 for p in self.people if p.answer == "agreed")

    @property
    def still_wanted(self) -> int:
        return max(self.people_wanted - self.agreed, 0)

    @property
    def people_words(self) -> str:
        """ "2 of 3 people found", "1 person wanted"."""
        wanted = f"{self.people_wanted} {'person' if self.people_wanted == 1 else 'people'}"
        if not self.agreed:
            return f"{wanted} wanted, nobody yet"
        return f"{self.agreed} of {wanted} found"

    @property
    def check_words(self) -> tuple[str, ...]:
        return tuple(CHECK_WORDS[k] for k in self.checks)

    @property
    def last_day(self) -> date | None:
        """Its day, the day it must be done by, or its last week (None: none set)."""
        if self.when_kind == "date":
            return self.on_date
        if self.when_kind == "before":
            return self.by_date
        return self.ends_on

    def day_of(self, today: date) -> date | None:
        """The day it happens, for checks and availability: the next one for a weekly need."""
        if self.when_kind == "date":
            return self.on_date
        if self.when_kind == "weekly" and self.weekday is not None:
            start = max(today, self.starts_on or today)
            day = start + timedelta(days=(self.weekday - start.weekday()) % 7)
            if self.ends_on is not None and day > self.ends_on:
                # Its weeks are over: the last of them, so it sorts with the needs whose
                # day has passed (to be marked done), not as one still to come.
                last = self.ends_on - timedelta(days=(self.ends_on.weekday() - self.weekday) % 7)
                return last if self.starts_on is None or last >= self.starts_on else None
            return day
        return None


def when_words(need: NeedView | Need) -> str:
    """ "Wednesday 9 December 2026, afternoon", "Every Wednesday afternoon from …",
    "Any time before Friday 18 December 2026"."""
    if need.when_kind == "date" and need.on_date is not None:
        text = long_date(need.on_date)
        return f"{text}, {need.part}" if need.part else text
    if need.when_kind == "weekly" and need.weekday is not None:
        text = f"Every {slot_words(need.weekday, need.part, plural=False)}"
        if need.starts_on and need.ends_on:
            text += (
                f", {long_date(need.starts_on, weekday=False)} to "
                f"{long_date(need.ends_on, weekday=False)}"
            )
        elif need.starts_on:
            text += f", from {long_date(need.starts_on, weekday=False)}"
        elif need.ends_on:
            text += f", until {long_date(need.ends_on, weekday=False)}"
        return text
    if need.when_kind == "before" and need.by_date is not None:
        return f"Any time before {long_date(need.by_date)}"
    return "No day set"


# Past this many needs, views read every need's skills, checks and people at once
# rather than naming each need in the query.
_NAMED_MAX = 500


def _views(session: Session, rows: Sequence[Need]) -> list[NeedView]:
    """Views of these needs, in their order, with a fixed number of queries however many
    there are (the rota and the list of done needs may have hundreds)."""
    if not rows:
        return []
    ids = [n.id for n in rows]

    def of_these(column: InstrumentedAttribute[int]) -> ColumnElement[bool]:
        return column.in_(ids) if len(ids) <= _NAMED_MAX else column.is_not(None)

    wanted: dict[int, list[tuple[int, str, bool]]] = defaultdict(list)
    for need_id, sid, name, must in session.execute(
        select(NeedSkill.need_id, Skill.id, Skill.name, NeedSkill.must)
        .join(Skill, Skill.id == NeedSkill.skill_id)
        .where(of_these(NeedSkill.need_id))
        .order_by(func.lower(Skill.name))
    ):
        wanted[need_id].append((sid, name, must))
    order = {kind: i for i, kind in enumerate(CHECK_KINDS)}
    kinds: dict[int, list[str]] = defaultdict(list)
    for need_id, kind in session.execute(
        select(NeedCheck.need_id, NeedCheck.kind).where(of_these(NeedCheck.need_id))
    ):
        kinds[need_id].append(kind)
    people: dict[int, list[NeedPersonRow]] = defaultdict(list)
    for need_id, pid, name, said, asked_on in session.execute(
        select(
            NeedPerson.need_id, Person.id, Person.full_name, NeedPerson.answer, NeedPerson.asked_on
        )
        .join(NeedPerson, NeedPerson.person_id == Person.id)
        .where(of_these(NeedPerson.need_id))
        .order_by(NeedPerson.answer != "agreed", Person.full_name)
    ):
        people[need_id].append(NeedPersonRow(pid, name, said, asked_on))
    for_words = _for_words(session, rows)
    return [
        NeedView(
            need_id=need.id,
            title=need.title,
            purpose=need.purpose,
            when_kind=need.when_kind,
            on_date=need.on_date,
            weekday=need.weekday,
            part=need.part,
            starts_on=need.starts_on,
            ends_on=need.ends_on,
            by_date=need.by_date,
            people_wanted=need.people_wanted,
            status=need.status,
            notes=need.notes,
            session_id=need.session_id,
            session_name=need.session_name,
            activity_id=need.activity_id,
            application_id=need.application_id,
            for_words=for_words[need.id],
            must_skills=tuple((sid, name) for sid, name, must in wanted[need.id] if must),
            nice_skills=tuple((sid, name) for sid, name, must in wanted[need.id] if not must),
            checks=tuple(sorted(kinds[need.id], key=order.__getitem__)),
            people=tuple(people[need.id]),
        )
        for need in rows
    ]


def _for_words(session: Session, rows: Sequence[Need]) -> dict[int, str]:
    """What each need is for: "Crafternoon on Sunday 6 December 2026", an activity's
    name, a grant's title, or else its purpose in words."""
    session_ids = {n.session_id for n in rows if n.session_id is not None}
    activity_ids = {n.activity_id for n in rows if n.activity_id is not None}
    application_ids = {n.application_id for n in rows if n.application_id is not None}
    sessions: dict[int | None, str] = {}
    activities: dict[int | None, str] = {}
    applications: dict[int | None, str] = {}
    if session_ids:
        for sid, name, on in session.execute(
            select(ClubSession.id, ClubSession.name, ClubSession.on_date).where(
                ClubSession.id.in_(session_ids)
            )
        ):
            sessions[sid] = f"{name} on {long_date(on)}"
    if activity_ids:
        for aid, name in session.execute(
            select(Activity.id, Activity.name).where(Activity.id.in_(activity_ids))
        ):
            activities[aid] = name
    if application_ids:
        for aid, title in session.execute(
            select(GrantApplication.id, GrantApplication.title).where(
                GrantApplication.id.in_(application_ids)
            )
        ):
            applications[aid] = title
    words = {}
    for need in rows:
        words[need.id] = (
            sessions.get(need.session_id)
            or (f"{need.session_name}, every week" if need.session_name else None)
            or activities.get(need.activity_id)
            or applications.get(need.application_id)
            or PURPOSE_WORDS[need.purpose]
        )
    return words


def _view(session: Session, need: Need) -> NeedView:
    return _views(session, [need])[0]


def _need(session: Session, need_id: int) -> Need:
    need = session.get(Need, need_id)
    if need is None:
        raise NotFound("This need is not there any more.")
    return need


@allowed("volunteers.see")
def need(session: Session, actor: Actor, need_id: int) -> NeedView:
    return _view(session, _need(session, need_id))


def _sort_day(view: NeedView, today: date) -> date:
    return view.day_of(today) or view.by_date or date.max


@allowed("volunteers.see")
def needs(
    session: Session, actor: Actor, today: date, *, statuses: Sequence[str] = ("open", "filled")
) -> list[NeedView]:
    """Needs with these statuses, soonest first: one whose day has passed comes first,
    to be marked done."""
    rows = session.scalars(select(Need).where(Need.status.in_(statuses))).all()
    views = _views(session, rows)
    return sorted(views, key=lambda v: (_sort_day(v, today), v.title.lower()))


@allowed("volunteers.see")
def session_names(session: Session, actor: Actor, today: date) -> list[str]:
    """The names of the club's sessions this past year and to come, for a weekly need."""
    since = today - timedelta(days=365)
    return list(
        session.scalars(
            select(func.min(ClubSession.name))
            .where(ClubSession.on_date >= since, ClubSession.cancelled.is_(False))
            .group_by(func.lower(ClubSession.name))
            .order_by(func.lower(ClubSession.name))
        )
    )


# ---------------------------------------------------------------- saving needs


def _validate(session: Session, data: NeedInput) -> None:
    def title() -> None:
        fields.name(data.title, "title", "need's title", required=True)

    def purpose() -> None:
        if data.purpose not in NEED_PURPOSES:
            raise ValidationError("purpose", "Choose what the need is for.")

    def when() -> None:
        if data.when_kind not in NEED_WHEN:
            raise ValidationError("when_kind", "Choose when the need is.")
        if data.part is not None and data.part not in DAY_PARTS:
            raise ValidationError("part", "Choose morning, afternoon or evening.")
        if data.when_kind == "date" and data.on_date is None:
            raise ValidationError("on_date", "Type the day the help is needed.")
        if data.when_kind == "weekly":
            if data.weekday is None or not 0 <= data.weekday <= 6:
                raise ValidationError("weekday", "Choose the day of the week.")
            if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
                raise ValidationError(
                    "ends_on", "The last week is before the first. Check the dates."
                )
        if data.when_kind == "before" and data.by_date is None:
            raise ValidationError("by_date", "Type the day it must be done by.")

    def people() -> None:
        if not 1 <= data.people_wanted <= PEOPLE_MAX:
            raise ValidationError(
                "people_wanted", f"Say how many people are wanted, from 1 to {PEOPLE_MAX}."
            )

    def skills() -> None:
        both = set(data.must_skills) & set(data.nice_skills)
        if both:
            raise ValidationError(
                "skills", "A skill is both a must and a nice to have. Choose one for it."
            )
        chosen = set(data.must_skills) | set(data.nice_skills)
        known = set(session.scalars(select(Skill.id).where(Skill.id.in_(chosen))))
        if known != chosen:
            raise ValidationError("skills", "A skill chosen is not on the club's list any more.")

    def checks() -> None:
        if any(kind not in CHECK_KINDS for kind in data.checks):
            raise ValidationError("checks", "Choose the checks from the list.")

    def notes() -> None:
        fields.text(data.notes, "notes", "notes")

    def session_name() -> None:
        if data.session_name:
            fields.name(data.session_name, "session_name", "session's name")

    def links() -> None:
        for value, model, name in (
            (data.session_id, ClubSession, "session_id"),
            (data.activity_id, Activity, "activity_id"),
            (data.application_id, GrantApplication, "application_id"),
        ):
            if value is not None and session.get(model, value) is None:
                raise ValidationError(name, "What this need is for is not there any more.")

    errors = collect_errors(
        title, purpose, when, people, skills, checks, notes, session_name, links
    )
    if errors:
        raise ValidationError(errors)


def _fill(session: Session, row: Need, data: NeedInput) -> None:
    row.title = " ".join(data.title.split())
    row.purpose = data.purpose
    row.when_kind = data.when_kind
    row.on_date = data.on_date if data.when_kind == "date" else None
    row.weekday = data.weekday if data.when_kind == "weekly" else None
    row.part = data.part if data.when_kind in ("date", "weekly") else None
    row.starts_on = data.starts_on if data.when_kind == "weekly" else None
    row.ends_on = data.ends_on if data.when_kind == "weekly" else None
    row.by_date = data.by_date if data.when_kind == "before" else None
    row.people_wanted = data.people_wanted
    row.session_id = data.session_id
    name = " ".join((data.session_name or "").split())
    row.session_name = name if name and data.when_kind == "weekly" else None
    row.activity_id = data.activity_id
    row.application_id = data.application_id
    row.notes = data.notes.strip()
    session.flush()
    session.execute(delete(NeedSkill).where(NeedSkill.need_id == row.id))
    session.execute(delete(NeedCheck).where(NeedCheck.need_id == row.id))
    session.add_all(NeedSkill(need_id=row.id, skill_id=s, must=True) for s in data.must_skills)
    session.add_all(NeedSkill(need_id=row.id, skill_id=s, must=False) for s in data.nice_skills)
    session.add_all(NeedCheck(need_id=row.id, kind=k) for k in dict.fromkeys(data.checks))


@allowed("volunteers.edit")
def add_need(session: Session, actor: Actor, data: NeedInput) -> int:
    _validate(session, data)
    row = Need(title="", purpose=data.purpose, when_kind=data.when_kind)
    session.add(row)
    session.flush()
    _fill(session, row, data)
    _settle_status(session, row)
    return row.id


@allowed("volunteers.edit")
def update_need(session: Session, actor: Actor, need_id: int, data: NeedInput) -> None:
    row = _need(session, need_id)
    _validate(session, data)
    agreed = _agreed(session, need_id)
    if data.people_wanted < agreed:
        raise ValidationError(
            "people_wanted",
            f"{agreed} people have agreed already. Want at least {agreed}, or take someone "
            "off the need first.",
        )
    _fill(session, row, data)
    _settle_status(session, row)


@allowed("volunteers.edit")
def set_status(session: Session, actor: Actor, need_id: int, status: str) -> None:
    """Mark a need done or cancelled, or open it again."""
    row = _need(session, need_id)
    if status not in NEED_STATUSES:
        raise ValidationError("status", "Choose what has happened to the need.")
    row.status = status
    if status in ("open", "filled"):
        _settle_status(session, row)


@allowed("volunteers.edit")
def remove_need(session: Session, actor: Actor, need_id: int) -> None:
    """Hours logged against it are kept, without the need."""
    session.delete(_need(session, need_id))


def _settle_status(session: Session, row: Need) -> None:
    """An open need with enough people agreed becomes filled, and back again."""
    if row.status not in ("open", "filled"):
        return
    row.status = "filled" if _agreed(session, row.id) >= row.people_wanted else "open"


def _agreed(session: Session, need_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(NeedPerson)
            .where(NeedPerson.need_id == need_id, NeedPerson.answer == "agreed")
        )
        or 0
    )


# ---------------------------------------------------------------- asking people


@allowed("volunteers.edit")
def answer(
    session: Session, actor: Actor, need_id: int, person_id: int, said: str, today: date
) -> None:
    """Record that a person was asked (``asked``), agreed (``agreed``) or said no
    (``declined``). Asking again (after a no) is dated today, for fairness. Nobody is
    asked who is not active, or lacks a check the need requires."""
    row = _need(session, need_id)
    if said not in ANSWERS:
        raise ValidationError("answer", "Choose what the person said.")
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("This person is not in the club's records any more.")
    if row.status not in ("open", "filled"):
        raise ValidationError(
            "answer", f"This need is {STATUS_WORDS[row.status].lower()}: open it again first."
        )
    asked = session.scalar(
        select(NeedPerson).where(NeedPerson.need_id == need_id, NeedPerson.person_id == person_id)
    )
    if said != "declined":
        if person.status != "active":
            raise ValidationError(
                "answer",
                f"{person.full_name} is not active in the club's records, so cannot be asked.",
            )
        blocked = checks.people_blocked(session, _view(session, row), [person_id], today)
        if blocked:
            why = ", ".join(blocked[person_id])
            raise ValidationError(
                "answer",
                f"{person.full_name} cannot be asked yet: {why}. Record the new check on "
                "their skills and time page first.",
            )
    newly_agreed = said == "agreed" and (asked is None or asked.answer != "agreed")
    if newly_agreed and _agreed(session, need_id) >= row.people_wanted:
        raise ValidationError(
            "answer",
            f"This need already has the {row.people_wanted} "
            f"{'person' if row.people_wanted == 1 else 'people'} it wants. "
            "Change how many are wanted first.",
        )
    if asked is None:
        session.add(NeedPerson(need_id=need_id, person_id=person_id, answer=said, asked_on=today))
    else:
        if asked.answer == "declined" and said != "declined":
            asked.asked_on = today
        asked.answer = said
    session.flush()
    _settle_status(session, row)


@allowed("volunteers.edit")
def forget_asking(session: Session, actor: Actor, need_id: int, person_id: int) -> None:
    """Take a person off a need (asked by mistake)."""
    row = _need(session, need_id)
    session.execute(
        delete(NeedPerson).where(NeedPerson.need_id == need_id, NeedPerson.person_id == person_id)
    )
    session.flush()
    _settle_status(session, row)


# ---------------------------------------------------------------- the month's rota


@dataclass(frozen=True)
class RotaLine:
    day: date
    part: str | None
    need_id: int
    title: str
    for_words: str
    people: tuple[str, ...]  # agreed, and not away that day
    still_wanted: int
    by: bool = False  # "any time before" this day
    away: tuple[str, ...] = ()  # agreed, but away that day

    @property
    def when_words(self) -> str:
        text = long_date(self.day)
        if self.by:
            return f"By {text}"
        return f"{text}, {self.part}" if self.part else text

    @property
    def people_words(self) -> str:
        names = ", ".join(self.people) if self.people else "Nobody yet"
        if self.away:
            names += f" (away that day: {', '.join(self.away)})"
        if self.still_wanted:
            names += f" ({self.still_wanted} more wanted)"
        return names


@dataclass(frozen=True)
class Rota:
    year: int
    month: int
    lines: tuple[RotaLine, ...]

    @property
    def title_words(self) -> str:
        return f"{MONTH_WORDS[self.month - 1]} {self.year}"


@allowed("volunteers.see")
def rota(session: Session, actor: Actor, year: int, month: int) -> Rota:
    """Every day of the month something is needed, with who agreed: one-day needs on
    their day, weekly needs on each of their weekdays, and "before" needs on their day."""
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValidationError("month", "Choose a month, such as 2026-12.")
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    # Only needs that can fall in the month: a one-day or "before" need on a day of it, a
    # weekly need whose weeks overlap it.
    rows = session.scalars(
        select(Need).where(
            Need.status != "cancelled",
            or_(
                and_(Need.when_kind == "date", Need.on_date.between(first, last)),
                and_(Need.when_kind == "before", Need.by_date.between(first, last)),
                and_(
                    Need.when_kind == "weekly",
                    or_(Need.starts_on.is_(None), Need.starts_on <= last),
                    or_(Need.ends_on.is_(None), Need.ends_on >= first),
                ),
            ),
        )
    ).all()
    views = _views(session, rows)
    agreed: dict[int, list[tuple[int, str]]] = {
        view.need_id: [(p.person_id, p.name) for p in view.people if p.answer == "agreed"]
        for view in views
    }
    away: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for pid, starts_on, ends_on in session.execute(
        select(TimeAway.person_id, TimeAway.starts_on, TimeAway.ends_on).where(
            TimeAway.starts_on <= last, TimeAway.ends_on >= first
        )
    ):
        away[pid].append((starts_on, ends_on))

    def away_on(pid: int, day: date) -> bool:
        return any(a <= day <= b for a, b in away.get(pid, ()))

    lines: list[RotaLine] = []
    for view in views:
        days: list[date] = []
        if view.when_kind == "date" and view.on_date and first <= view.on_date <= last:
            days = [view.on_date]
        elif view.when_kind == "weekly" and view.weekday is not None:
            start = max(first, view.starts_on or first)
            end = min(last, view.ends_on or last)
            day = start + timedelta(days=(view.weekday - start.weekday()) % 7)
            while day <= end:
                days.append(day)
                day += timedelta(days=7)
        elif view.when_kind == "before" and view.by_date and first <= view.by_date <= last:
            days = [view.by_date]
        for day in days:
            # Someone away on the day is not there, however long ago they agreed; a
            # "before" need can be done on another day.
            everyone = agreed[view.need_id]
            before = view.when_kind == "before"
            gone = [name for pid, name in everyone if not before and away_on(pid, day)]
            here = [name for pid, name in everyone if before or not away_on(pid, day)]
            lines.append(
                RotaLine(
                    day=day,
                    part=view.part,
                    need_id=view.need_id,
                    title=view.title,
                    for_words=view.for_words,
                    people=tuple(here),
                    still_wanted=(
                        max(view.people_wanted - len(here), 0)
                        if view.status in ("open", "filled")
                        else 0
                    ),
                    by=view.when_kind == "before",
                    away=tuple(gone),
                )
            )
    part_order: dict[str | None, int] = {None: -1, **{p: i for i, p in enumerate(DAY_PARTS)}}
    lines.sort(key=lambda line: (line.day, line.by, part_order[line.part], line.title.lower()))
    return Rota(year, month, tuple(lines))

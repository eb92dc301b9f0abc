"""Everyone's skills and time: the club's skills list, each person's skills with a level,
what they would like to learn, the parts of the week they are usually free, and the
dates they are away.

Skills belong to every person, members living with dementia and carers too. Every
function takes the session and the actor, checks the role, and leaves committing to
the caller.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from clubapp.models.members import Person
from clubapp.models.volunteers import (
    DAY_PARTS,
    SKILL_LEVELS,
    Availability,
    NeedSkill,
    PersonSkill,
    Skill,
    TimeAway,
)
from clubapp.services import fields
from clubapp.services.dates import WEEKDAY_WORDS, long_date
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.permissions import Actor, allowed, can
from clubapp.services.words import and_words

SKILL_NAME_MAX = 100
NOTE_MAX = 200
LEVEL_WORDS = {
    "wants_to_learn": "Would like to learn",
    "learning": "Learning",
    "can_do": "Can do",
    "can_teach": "Can teach others",
}
# "can teach music making", as a reason in a sentence.
LEVEL_PHRASES = {
    "wants_to_learn": "would like to learn",
    "learning": "learning",
    "can_do": "can do",
    "can_teach": "can teach",
}
# Levels at which a person can be asked to use the skill.
HELD_LEVELS = ("can_do", "can_teach")
PART_WORDS = {"morning": "Morning", "afternoon": "Afternoon", "evening": "Evening"}


def skill_words(name: str) -> str:
    """A skill's name inside a sentence: "Music making" -> "music making"; "IT help" kept."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def slot_words(weekday: int, part: str | None, *, plural: bool = True) -> str:
    """ "Wednesday afternoons", "Wednesdays"; singular: "Wednesday afternoon"."""
    day = WEEKDAY_WORDS[weekday]
    if part is None:
        return f"{day}s" if plural else day
    return f"{day} {part}s" if plural else f"{day} {part}"


# ---------------------------------------------------------------- the skills list


@dataclass(frozen=True)
class SkillRow:
    skill_id: int
    name: str
    people: int  # who can do or teach it and are happy to use it at the club
    learners: int  # who are learning it or would like to
    needs: int  # needs that ask for it


@allowed("volunteers.see")
def skills(session: Session, actor: Actor) -> list[SkillRow]:
    active = select(Person.id).where(Person.status == "active")
    held = (
        select(PersonSkill.skill_id, func.count().label("n"))
        .where(
            PersonSkill.level.in_(HELD_LEVELS),
            PersonSkill.happy_to_use.is_(True),
            PersonSkill.person_id.in_(active),
        )
        .group_by(PersonSkill.skill_id)
        .subquery()
    )
    learning = (
        select(PersonSkill.skill_id, func.count().label("n"))
        .where(
            PersonSkill.level.in_(("learning", "wants_to_learn")),
            PersonSkill.person_id.in_(active),
        )
        .group_by(PersonSkill.skill_id)
        .subquery()
    )
    wanted = (
        select(NeedSkill.skill_id, func.count().label("n")).group_by(NeedSkill.skill_id).subquery()
    )
    rows = session.execute(
        select(
            Skill.id,
            Skill.name,
            func.coalesce(held.c.n, 0),
            func.coalesce(learning.c.n, 0),
            func.coalesce(wanted.c.n, 0),
        )
        .outerjoin(held, held.c.skill_id == Skill.id)
        .outerjoin(learning, learning.c.skill_id == Skill.id)
        .outerjoin(wanted, wanted.c.skill_id == Skill.id)
        .order_by(func.lower(Skill.name))
    )
    return [SkillRow(*row) for row in rows]


def _check_skill_name(session: Session, name: str, skill_id: int | None) -> str:
    name = " ".join(name.split())
    if len(name) > SKILL_NAME_MAX:
        raise ValidationError("name", f"Keep the skill's name under {SKILL_NAME_MAX} characters.")
    fields.name(name, "name", "skill's name", required=True)
    # Compared as it will be saved (capital first), in every alphabet: "élan" after
    # "Élan" would otherwise pass the check and break the unique name in the database.
    saved = name[:1].upper() + name[1:]
    if fields.name_taken(session.execute(select(Skill.id, Skill.name)), saved, skill_id):
        raise ValidationError("name", f"There is already a skill called {name}.")
    return saved


@allowed("volunteers.edit")
def add_skill(session: Session, actor: Actor, name: str) -> int:
    skill = Skill(name=_check_skill_name(session, name, None))
    session.add(skill)
    session.flush()
    return skill.id


@allowed("volunteers.edit")
def rename_skill(session: Session, actor: Actor, skill_id: int, name: str) -> None:
    skill = session.get(Skill, skill_id)
    if skill is None:
        raise NotFound("This skill is not there any more.")
    skill.name = _check_skill_name(session, name, skill_id)


@allowed("volunteers.edit")
def remove_skill(session: Session, actor: Actor, skill_id: int) -> None:
    """Only a skill nobody has and no need asks for: removing it would lose what people said."""
    skill = session.get(Skill, skill_id)
    if skill is None:
        raise NotFound("This skill is not there any more.")
    people = session.scalar(
        select(func.count()).select_from(PersonSkill).where(PersonSkill.skill_id == skill_id)
    )
    needs = session.scalar(
        select(func.count()).select_from(NeedSkill).where(NeedSkill.skill_id == skill_id)
    )
    if people or needs:
        said = []
        if people:
            said.append(f"{people} {'person has' if people == 1 else 'people have'} it")
        if needs:
            said.append(f"{needs} need{'s ask' if needs != 1 else ' asks'} for it")
        raise ValidationError(
            "skill",
            f"{skill.name} cannot be removed: {' and '.join(said)}. Rename it instead.",
        )
    session.delete(skill)


# ---------------------------------------------------------------- a person's skills and time


@dataclass(frozen=True)
class PersonSkillRow:
    skill_id: int
    name: str
    level: str
    happy_to_use: bool

    @property
    def level_words(self) -> str:
        return LEVEL_WORDS[self.level]

    @property
    def words(self) -> str:
        """ "Can teach music making", "Can do bookkeeping (not at the club)"."""
        text = f"{LEVEL_PHRASES[self.level].capitalize()} {skill_words(self.name)}"
        if self.level in HELD_LEVELS and not self.happy_to_use:
            text += " (would rather not at the club)"
        return text


@dataclass(frozen=True)
class AwayRow:
    away_id: int
    starts_on: date
    ends_on: date
    note: str

    @property
    def words(self) -> str:
        if self.starts_on == self.ends_on:
            span = long_date(self.starts_on)
        else:
            span = f"{long_date(self.starts_on)} to {long_date(self.ends_on)}"
        return f"{span}: {self.note}" if self.note else span


def free_words(free: Collection[tuple[int, str]]) -> str:
    """ "Free on Monday mornings, Wednesday afternoons and evenings." """
    if not free:
        return "No free times given yet."
    days = []
    for weekday in range(7):
        parts = [p for p in DAY_PARTS if (weekday, p) in free]
        if len(parts) == 3:
            days.append(f"{WEEKDAY_WORDS[weekday]}s all day")
        elif parts:
            days.append(f"{WEEKDAY_WORDS[weekday]} " + and_words([f"{p}s" for p in parts]))
    return f"Free on {and_words(days)}."


@dataclass(frozen=True)
class Offer:
    """What one person offers the club: skills, what they would like to learn, their time."""

    person_id: int
    skills: tuple[PersonSkillRow, ...]  # held and learning, best first
    to_learn: tuple[PersonSkillRow, ...]
    free: frozenset[tuple[int, str]]  # (weekday, part)
    away: tuple[AwayRow, ...]  # today's and later, soonest first

    @property
    def free_words(self) -> str:
        return free_words(self.free)


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("This person is not in the club's records any more.")
    return person


@allowed("volunteers.see")
def offer(session: Session, actor: Actor, person_id: int, today: date) -> Offer:
    # Why someone is away (a hospital stay) is for the coordinator, who keeps the register.
    notes = can(actor, "volunteers.edit")
    _person(session, person_id)
    rank = {level: i for i, level in enumerate(reversed(SKILL_LEVELS))}
    rows = [
        PersonSkillRow(skill_id, name, level, happy)
        for skill_id, name, level, happy in session.execute(
            select(Skill.id, Skill.name, PersonSkill.level, PersonSkill.happy_to_use)
            .join(PersonSkill, PersonSkill.skill_id == Skill.id)
            .where(PersonSkill.person_id == person_id)
        )
    ]
    rows.sort(key=lambda r: (rank[r.level], r.name.lower()))
    free = frozenset(
        (weekday, part)
        for weekday, part in session.execute(
            select(Availability.weekday, Availability.part).where(
                Availability.person_id == person_id
            )
        )
    )
    away = tuple(
        AwayRow(a.id, a.starts_on, a.ends_on, a.note if notes else "")
        for a in session.scalars(
            select(TimeAway)
            .where(TimeAway.person_id == person_id, TimeAway.ends_on >= today)
            .order_by(TimeAway.starts_on)
        )
    )
    return Offer(
        person_id=person_id,
        skills=tuple(r for r in rows if r.level != "wants_to_learn"),
        to_learn=tuple(r for r in rows if r.level == "wants_to_learn"),
        free=free,
        away=away,
    )


@dataclass(frozen=True)
class DirectoryEntry:
    """Who can do what: one person still with the club, for the skills directory."""

    person_id: int
    name: str
    skills: tuple[PersonSkillRow, ...]  # held and learning, best first
    to_learn: tuple[PersonSkillRow, ...]
    free: frozenset[tuple[int, str]]
    phone: str  # blank unless the actor may see contact details
    email: str

    @property
    def free_words(self) -> str:
        return free_words(self.free)

    @property
    def skills_words(self) -> str:
        return "; ".join(s.words for s in self.skills)


@allowed("volunteers.see")
def directory(session: Session, actor: Actor, skill_id: int | None = None) -> list[DirectoryEntry]:
    """Everyone still with the club who has said what they can do, would like to learn,
    or when they are free, by name; with ``skill_id``, only those who hold or are
    learning that skill. Phone and email only for the coordinator."""
    contacts = can(actor, "contacts.see")
    rank = {level: i for i, level in enumerate(reversed(SKILL_LEVELS))}
    # Only people still with the club; with a skill, only those who hold or learn it.
    wanted = select(Person.id).where(Person.status == "active")
    if skill_id is not None:
        wanted = wanted.where(
            Person.id.in_(
                select(PersonSkill.person_id).where(
                    PersonSkill.skill_id == skill_id, PersonSkill.level != "wants_to_learn"
                )
            )
        )
    skills_of: dict[int, list[PersonSkillRow]] = defaultdict(list)
    for pid, sid, name, level, happy in session.execute(
        select(
            PersonSkill.person_id, Skill.id, Skill.name, PersonSkill.level, PersonSkill.happy_to_use
        )
        .join(Skill, Skill.id == PersonSkill.skill_id)
        .where(PersonSkill.person_id.in_(wanted))
    ):
        skills_of[pid].append(PersonSkillRow(sid, name, level, happy))
    free_of: dict[int, set[tuple[int, str]]] = defaultdict(set)
    for pid, weekday, part in session.execute(
        select(Availability.person_id, Availability.weekday, Availability.part).where(
            Availability.person_id.in_(wanted)
        )
    ):
        free_of[pid].add((weekday, part))
    entries = []
    for pid, name, phone, email in session.execute(
        select(Person.id, Person.full_name, Person.phone, Person.email)
        .where(Person.id.in_(wanted))
        .order_by(func.lower(Person.full_name))
    ):
        rows = sorted(skills_of.get(pid, ()), key=lambda r: (rank[r.level], r.name.lower()))
        if not rows and pid not in free_of:
            continue
        entries.append(
            DirectoryEntry(
                person_id=pid,
                name=name,
                skills=tuple(r for r in rows if r.level != "wants_to_learn"),
                to_learn=tuple(r for r in rows if r.level == "wants_to_learn"),
                free=frozenset(free_of.get(pid, ())),
                phone=phone if contacts else "",
                email=email if contacts else "",
            )
        )
    return entries


@dataclass(frozen=True)
class SkillChoice:
    skill_id: int
    level: str
    happy_to_use: bool = True


@allowed("volunteers.edit")
def save_skills(
    session: Session, actor: Actor, person_id: int, choices: Iterable[SkillChoice]
) -> None:
    """Replace the person's skills (and what they would like to learn) with these."""
    _person(session, person_id)
    chosen: dict[int, SkillChoice] = {}
    for choice in choices:
        if choice.level not in SKILL_LEVELS:
            raise ValidationError("level", "Choose how well the person can do this skill.")
        if choice.skill_id in chosen:
            raise ValidationError("skills", "A skill is listed twice. Keep one of them.")
        chosen[choice.skill_id] = choice
    known = set(session.scalars(select(Skill.id).where(Skill.id.in_(chosen))))
    if known != set(chosen):
        raise NotFound("A skill chosen is not on the club's list any more.")
    session.execute(delete(PersonSkill).where(PersonSkill.person_id == person_id))
    session.add_all(
        PersonSkill(
            person_id=person_id,
            skill_id=c.skill_id,
            level=c.level,
            happy_to_use=c.happy_to_use,
        )
        for c in chosen.values()
    )


@allowed("volunteers.edit")
def save_free_times(
    session: Session, actor: Actor, person_id: int, free: Iterable[tuple[int, str]]
) -> None:
    """Replace the parts of the week the person is usually free."""
    _person(session, person_id)
    slots = set(free)
    for weekday, part in slots:
        if not 0 <= weekday <= 6 or part not in DAY_PARTS:
            raise ValidationError("free", "Choose days and parts of the day from the grid.")
    session.execute(delete(Availability).where(Availability.person_id == person_id))
    session.add_all(
        Availability(person_id=person_id, weekday=weekday, part=part) for weekday, part in slots
    )


@allowed("volunteers.edit")
def add_time_away(
    session: Session,
    actor: Actor,
    person_id: int,
    starts_on: date,
    ends_on: date,
    note: str = "",
    *,
    today: date | None = None,
) -> int:
    """Dates away, for planning: with ``today``, dates all in the past are refused (they
    would not be shown). Stretches of one person's time away never overlap."""
    person = _person(session, person_id)
    if ends_on < starts_on:
        raise ValidationError("ends_on", "The last day away is before the first. Check the dates.")
    if today is not None and ends_on < today:
        raise ValidationError(
            "ends_on", "These dates are in the past. Dates away are for planning from today on."
        )
    overlap = session.scalars(
        select(TimeAway).where(
            TimeAway.person_id == person_id,
            TimeAway.starts_on <= ends_on,
            TimeAway.ends_on >= starts_on,
        )
    ).first()
    if overlap is not None:
        then = AwayRow(overlap.id, overlap.starts_on, overlap.ends_on, "").words
        raise ValidationError(
            "starts_on",
            f"{person.full_name} is already down as away {then}. Remove those dates first "
            "to change them.",
        )
    note = note.strip()
    fields.name(note, "note", "note")
    if len(note) > NOTE_MAX:
        raise ValidationError("note", f"Keep the note under {NOTE_MAX} characters.")
    away = TimeAway(person_id=person_id, starts_on=starts_on, ends_on=ends_on, note=note)
    session.add(away)
    session.flush()
    return away.id


@allowed("volunteers.edit")
def remove_time_away(session: Session, actor: Actor, away_id: int) -> None:
    away = session.get(TimeAway, away_id)
    if away is None:
        raise NotFound("These dates away are not there any more.")
    session.delete(away)

"""Who serves on the committee, in which position and until when; its make-up; the quorum."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from clubapp.models.committee import JOINED_HOW, POSITIONS, Meeting, Term
from clubapp.models.members import Person, PersonKind
from clubapp.services import club
from clubapp.services.dates import long_date
from clubapp.services.errors import NotFound, ValidationError, collect_errors
from clubapp.services.permissions import Actor, allowed, internal

POSITION_WORDS = {
    "chair": "Chair",
    "vice_chair": "Vice-chair",
    "treasurer": "Treasurer",
    "secretary": "Secretary",
    "trustee": "Trustee",
    "co_opted": "Co-opted trustee",
}
JOINED_WORDS = {
    "elected": "Elected at a meeting",
    "co_opted": "Co-opted by the committee",
    "appointed": "Appointed",
}
# The make-up groups, in the order shown, and the setting with each one's target.
MAKEUP_GROUPS = {
    "members": ("People living with dementia", "committee_target_members"),
    "carers": ("Carers", "committee_target_carers"),
    "volunteers": ("Volunteers", "committee_target_volunteers"),
    "outside": ("Outside people", "committee_target_outside"),
}
ENDING_SOON_DAYS = 90
# Posts one person holds at a time (trustees and co-opted trustees are many).
SINGLE_POSTS = ("chair", "vice_chair", "treasurer", "secretary")
assert set(POSITION_WORDS) == set(POSITIONS) and set(JOINED_WORDS) == set(JOINED_HOW)


@dataclass(frozen=True)
class TermInput:
    person_id: int
    position: str
    starts_on: date
    ends_on: date | None = None
    joined_how: str = "elected"


@dataclass(frozen=True)
class TermRow:
    term_id: int
    person_id: int
    name: str
    position: str
    starts_on: date
    ends_on: date | None
    joined_how: str
    group: str  # a MAKEUP_GROUPS key

    @property
    def position_words(self) -> str:
        return POSITION_WORDS[self.position]


@dataclass(frozen=True)
class MakeupLine:
    group: str
    words: str
    seats: int
    target: int


@dataclass(frozen=True)
class CommitteeView:
    serving: tuple[TermRow, ...]
    ending_soon: tuple[TermRow, ...]  # serving terms that end within ENDING_SOON_DAYS
    makeup: tuple[MakeupLine, ...]


@dataclass(frozen=True)
class Quorum:
    present: int
    needed: int  # 0: this kind of meeting has no quorum
    counts_trustees: bool

    @property
    def quorate(self) -> bool:
        return self.present >= self.needed

    @property
    def words(self) -> str:
        noun, plural = ("trustee", "trustees") if self.counts_trustees else ("person", "people")
        present = f"{self.present} {noun if self.present == 1 else plural}"
        if self.needed == 0:
            return f"{present} present. This kind of meeting has no quorum."
        if self.quorate:
            return f"Quorate: {present} present, {self.needed} needed."
        return (
            f"Not quorate: {present} present, {self.needed} needed. "
            "The meeting cannot take decisions."
        )


def group_of(kinds: set[str]) -> str:
    """One make-up group per person, the first that fits, so seats add up."""
    if "member" in kinds:
        return "members"
    if "carer" in kinds or "family" in kinds:
        return "carers"
    if "volunteer" in kinds:
        return "volunteers"
    return "outside"


def _kinds(session: Session, person_ids: set[int]) -> dict[int, set[str]]:
    kinds: dict[int, set[str]] = {pid: set() for pid in person_ids}
    if person_ids:
        query = select(PersonKind.person_id, PersonKind.kind).where(
            PersonKind.person_id.in_(person_ids)
        )
        for pid, kind in session.execute(query):
            kinds[pid].add(kind)
    return kinds


def _in_force(on: date):  # type: ignore[no-untyped-def]
    return (Term.starts_on <= on) & or_(Term.ends_on.is_(None), Term.ends_on >= on)


@allowed("committee.see")
def terms(session: Session, actor: Actor, *, serving_on: date | None = None) -> list[TermRow]:
    """All terms (or those in force on a day), by position then name."""
    query = select(Term, Person).join(Person, Person.id == Term.person_id)
    if serving_on is not None:
        query = query.where(_in_force(serving_on))
    pairs = list(session.execute(query))
    kinds = _kinds(session, {p.id for _, p in pairs})
    rows = [
        TermRow(
            term_id=t.id,
            person_id=p.id,
            name=p.known_as or p.full_name,
            position=t.position,
            starts_on=t.starts_on,
            ends_on=t.ends_on,
            joined_how=t.joined_how,
            group=group_of(kinds[p.id]),
        )
        for t, p in pairs
    ]
    rows.sort(key=lambda r: (POSITIONS.index(r.position), r.name.casefold(), r.starts_on))
    return rows


@internal
def trustee_ids(session: Session, on: date) -> set[int]:
    """The people serving on the committee on a day."""
    return set(session.scalars(select(Term.person_id).where(_in_force(on))))


@allowed("committee.see")
def committee_view(session: Session, actor: Actor, today: date) -> CommitteeView:
    serving = terms(session, actor, serving_on=today)
    soon = today + timedelta(days=ENDING_SOON_DAYS)
    ending = tuple(r for r in serving if r.ends_on is not None and r.ends_on <= soon)
    seats: dict[str, set[int]] = {group: set() for group in MAKEUP_GROUPS}
    for row in serving:
        seats[row.group].add(row.person_id)
    makeup = tuple(
        MakeupLine(group, words, len(seats[group]), club.get_int(session, setting))
        for group, (words, setting) in MAKEUP_GROUPS.items()
    )
    return CommitteeView(tuple(serving), ending, makeup)


def _check(session: Session, data: TermInput) -> dict[str, str]:
    def person() -> None:
        if session.get(Person, data.person_id) is None:
            raise ValidationError("person_id", "Choose who is serving.")

    def position() -> None:
        if data.position not in POSITIONS:
            raise ValidationError("position", "Choose the position.")

    def joined() -> None:
        if data.joined_how not in JOINED_HOW:
            raise ValidationError("joined_how", "Choose how they joined the committee.")

    def dates() -> None:
        if data.ends_on is not None and data.ends_on < data.starts_on:
            raise ValidationError("ends_on", "The term ends before it starts. Check the two dates.")

    def one_holder() -> None:
        # One chair at a time: the casting vote and the chair of each meeting depend on it.
        if data.position not in SINGLE_POSTS:
            return
        for other, holder in session.execute(
            select(Term, Person)
            .join(Person, Person.id == Term.person_id)
            .where(Term.position == data.position)
        ):
            ends = other.ends_on or date.max
            mine = data.ends_on or date.max
            if other.starts_on <= mine and data.starts_on <= ends:
                until = (
                    f"until {long_date(other.ends_on, weekday=False)}"
                    if other.ends_on is not None
                    else "with no end date"
                )
                raise ValidationError(
                    "position",
                    f"{holder.known_as or holder.full_name} is "
                    f"{POSITION_WORDS[data.position].lower()} {until}. End that term first, "
                    "or choose another position or start date.",
                )

    return collect_errors(person, position, joined, dates, one_holder)


@allowed("committee.terms")
def add_term(
    session: Session, actor: Actor, data: TermInput, elected_at_id: int | None = None
) -> int:
    errors = _check(session, data)
    if elected_at_id is not None and session.get(Meeting, elected_at_id) is None:
        errors["elected_at_id"] = "That meeting is not there any more."
    if errors:
        raise ValidationError(errors)
    term = Term(
        person_id=data.person_id,
        position=data.position,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        joined_how=data.joined_how,
        elected_at_id=elected_at_id,
    )
    session.add(term)
    session.flush()
    return term.id


@allowed("committee.terms")
def end_term(session: Session, actor: Actor, term_id: int, ends_on: date) -> None:
    """Someone steps down or their term is cut short: the term ends on that day."""
    term = session.get(Term, term_id)
    if term is None:
        raise NotFound("This term is not there any more.")
    if ends_on < term.starts_on:
        raise ValidationError("ends_on", "The term cannot end before it started.")
    term.ends_on = ends_on


@internal
def quorum(session: Session, meeting: Meeting, present_ids: set[int]) -> Quorum:
    """Whether the people marked present make a quorum, by the club's constitution."""
    if meeting.kind != "committee":
        return Quorum(len(present_ids), club.get_int(session, "members_meeting_quorum"), False)
    trustees = trustee_ids(session, meeting.on_date)
    if meeting.quorum_needed is not None:
        return Quorum(len(present_ids & trustees), meeting.quorum_needed, True)
    needed = club.get_int(session, "quorum_number")
    top = club.get_int(session, "quorum_share_top")
    if top:
        bottom = club.get_int(session, "quorum_share_bottom")
        needed = max(needed, math.ceil(len(trustees) * top / bottom))
    return Quorum(len(present_ids & trustees), needed, True)


@internal
def fix_quorum(session: Session, meeting: Meeting, present_ids: set[int]) -> None:
    """Keep the quorum the rules ask for now with the meeting, once it has decided
    something or its minutes are approved, so later changes of rule leave it alone."""
    if meeting.kind == "committee" and meeting.quorum_needed is None:
        meeting.quorum_needed = quorum(session, meeting, present_ids).needed

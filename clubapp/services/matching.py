"""Who could help with a need: a ranked list, each person with the reasons in words, so the
coordinator can judge rather than trust a number.

Who is considered: people still with the club who hold every must-have skill (can do or
can teach, and happy to use it at the club). A need with no must-have skill considers
everyone who has offered something: a skill, free times, or being a volunteer.

What counts, in points (shown only as the order):

- each skill the need asks for: can teach 4 (must) or 3 (nice to have), can do 3 or 2,
  learning a nice-to-have 1;
- free at that time of the week: 3 (2 when the need names only the day);
- fairness: never asked or not asked for four weeks 3, two weeks 2, one week 1; each
  time helped this month takes 1 off (at most 3), so the same few are not always asked;
- away on the day takes 10 off, said no to this need 5.

People whose required check is missing, ran out, or runs out before the day are listed
apart, with why: never dropped silently. Everyone already asked or agreed is on the need.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, true, union
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from clubapp.models.members import Person, PersonKind
from clubapp.models.volunteers import (
    SKILL_LEVELS,
    Availability,
    HoursGiven,
    NeedPerson,
    PersonSkill,
    TimeAway,
)
from clubapp.services import checks, club
from clubapp.services.dates import long_date
from clubapp.services.errors import ValidationError
from clubapp.services.needs import STATUS_WORDS, NeedView, need
from clubapp.services.permissions import Actor, allowed
from clubapp.services.skills import HELD_LEVELS, LEVEL_PHRASES, skill_words, slot_words

_MUST_POINTS = {"can_teach": 4, "can_do": 3}
_NICE_POINTS = {"can_teach": 3, "can_do": 2, "learning": 1}
_LEVEL_RANK = {level: i for i, level in enumerate(SKILL_LEVELS)}
# Up to this many people, the queries name them; more, and they read everyone's rows.
_NAMED_MAX = 900


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    score: int
    reasons: tuple[str, ...]  # "can teach music making", "free on Wednesday afternoons"
    cautions: tuple[str, ...]  # for the coordinator to weigh: "away on that day"
    blocked: tuple[str, ...]  # a required check missing or run out: why
    last_asked: date | None
    helped_this_month: int

    @property
    def reason_words(self) -> str:
        """All the reasons, as one sentence: "Can teach music making, free on …"."""
        text = ", ".join(self.reasons + self.cautions)
        return text[:1].upper() + text[1:] + "." if text else ""

    @property
    def blocked_words(self) -> str:
        text = ", ".join(self.blocked)
        return text[:1].upper() + text[1:] + "." if text else ""


@dataclass(frozen=True)
class MatchList:
    need: NeedView
    ranked: tuple[Candidate, ...]
    missing_checks: tuple[Candidate, ...]
    considered: int


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _ago(days: int) -> str:
    if days == 0:
        return "today"
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''} ago"
    return f"{days // 7} weeks ago"


def _pool(session: Session, view: NeedView) -> set[int]:
    active = select(Person.id).where(Person.status == "active")
    must = [sid for sid, _ in view.must_skills]
    if must:
        query = (
            select(PersonSkill.person_id)
            .where(
                PersonSkill.skill_id.in_(must),
                PersonSkill.level.in_(HELD_LEVELS),
                PersonSkill.happy_to_use.is_(True),
                PersonSkill.person_id.in_(active),
            )
            .group_by(PersonSkill.person_id)
            .having(func.count() == len(must))
        )
        return set(session.scalars(query))
    offered = union(
        select(PersonSkill.person_id).where(
            PersonSkill.level.in_(HELD_LEVELS), PersonSkill.happy_to_use.is_(True)
        ),
        select(Availability.person_id),
        select(PersonKind.person_id).where(PersonKind.kind == "volunteer"),
    ).subquery()
    return set(session.scalars(select(offered.c[0]).where(offered.c[0].in_(active))))


@allowed("volunteers.match")
def match(session: Session, actor: Actor, need_id: int, today: date) -> MatchList:
    view = need(session, actor, need_id)
    if view.status not in ("open", "filled"):
        raise ValidationError(
            "status",
            f"This need is {STATUS_WORDS[view.status].lower()}: open it again to find people.",
        )
    on_need = {p.person_id: p for p in view.people}
    # Who said no to this need stays on the list (lower, with the day they were asked); who was
    # asked or agreed is on the need already. Neither is considered without the skills.
    pool = {
        pid
        for pid in _pool(session, view)
        if pid not in on_need or on_need[pid].answer == "declined"
    }
    day = view.day_of(today)
    check_day, last_day = checks.days_to_cover(view, today)
    warning_days = club.get_int(session, "check_warning_days")

    # Each person's rows are read for the pool only, named in the query while it is small;
    # a wide pool reads everyone's (fewer rows than naming a thousand people costs).
    ids = sorted(pool)

    def of_pool(column: InstrumentedAttribute[int]) -> ColumnElement[bool]:
        return column.in_(ids) if len(ids) <= _NAMED_MAX else true()

    names = dict(
        session.execute(
            select(Person.id, Person.full_name).where(Person.status == "active", of_pool(Person.id))
        ).all()
    )
    pool &= names.keys()
    wanted = {sid: True for sid, _ in view.must_skills} | {
        sid: False for sid, _ in view.nice_skills
    }
    skill_names = dict(view.must_skills + view.nice_skills)
    held: dict[int, list[tuple[int, str]]] = defaultdict(list)
    if wanted:
        for pid, sid, level, happy in session.execute(
            select(
                PersonSkill.person_id,
                PersonSkill.skill_id,
                PersonSkill.level,
                PersonSkill.happy_to_use,
            ).where(PersonSkill.skill_id.in_(wanted), of_pool(PersonSkill.person_id))
        ):
            if happy and level != "wants_to_learn":
                held[pid].append((sid, level))

    free: dict[int, set[str]] = defaultdict(set)
    gave_times: set[int] = set()
    if view.when_kind != "before":
        gave_times = set(
            session.scalars(
                select(Availability.person_id).distinct().where(of_pool(Availability.person_id))
            )
        )
        if view.weekday is not None or day is not None:
            weekday = view.weekday if view.weekday is not None else day.weekday()  # type: ignore[union-attr]
            for pid, part in session.execute(
                select(Availability.person_id, Availability.part).where(
                    Availability.weekday == weekday, of_pool(Availability.person_id)
                )
            ):
                free[pid].add(part)

    away: dict[int, TimeAway] = {}
    if day is not None and view.when_kind != "before":
        for row in session.scalars(
            select(TimeAway).where(
                TimeAway.starts_on <= day, TimeAway.ends_on >= day, of_pool(TimeAway.person_id)
            )
        ):
            away[row.person_id] = row

    expiries = (
        checks.latest_expiries(session, view.checks, ids if len(ids) <= _NAMED_MAX else None)
        if view.checks
        else {}
    )
    last_asked = dict(
        session.execute(
            select(NeedPerson.person_id, func.max(NeedPerson.asked_on))
            .where(of_pool(NeedPerson.person_id))
            .group_by(NeedPerson.person_id)
        ).all()
    )
    month_start = today.replace(day=1)
    helped = dict(
        session.execute(
            # Times helped are days: two entries on one day are one time.
            select(HoursGiven.person_id, func.count(func.distinct(HoursGiven.on_date)))
            .where(
                HoursGiven.on_date >= month_start,
                HoursGiven.on_date <= today,
                of_pool(HoursGiven.person_id),
            )
            .group_by(HoursGiven.person_id)
        ).all()
    )

    ranked: list[Candidate] = []
    apart: list[Candidate] = []
    for pid in pool:
        score = 0
        reasons: list[str] = []
        cautions: list[str] = []
        blocked: list[str] = []
        for sid, level in sorted(
            held.get(pid, ()),
            key=lambda s: (not wanted[s[0]], -_LEVEL_RANK[s[1]], skill_names[s[0]].lower()),
        ):
            points = (_MUST_POINTS if wanted[sid] else _NICE_POINTS).get(level, 0)
            if points:
                score += points
                reasons.append(f"{LEVEL_PHRASES[level]} {skill_words(skill_names[sid])}")

        if view.when_kind != "before" and (view.weekday is not None or day is not None):
            weekday = view.weekday if view.weekday is not None else day.weekday()  # type: ignore[union-attr]
            parts = free.get(pid, set())
            if view.part is not None:
                if view.part in parts:
                    score += 3
                    reasons.append(f"free on {slot_words(weekday, view.part)}")
                elif pid in gave_times:
                    cautions.append(f"not usually free on {slot_words(weekday, view.part)}")
            elif parts:
                score += 2
                reasons.append(f"free on {slot_words(weekday, None)}")
            elif pid in gave_times:
                cautions.append(f"not usually free on {slot_words(weekday, None)}")
            if pid not in gave_times:
                cautions.append("no free times given yet")

        gone = away.get(pid)
        if gone is not None:
            score -= 10
            until = long_date(gone.ends_on, weekday=False)
            cautions.append(f"away then (until {until})")

        verdict = checks.judge(expiries, pid, view.checks, check_day, last_day, today, warning_days)
        blocked.extend(verdict.blocked)
        reasons.extend(verdict.reasons)
        cautions.extend(verdict.cautions)

        asked = last_asked.get(pid)
        if asked is None:
            score += 3
            reasons.append("not asked before")
        else:
            days = (today - asked).days
            score += 3 if days >= 28 else 2 if days >= 14 else 1 if days >= 7 else 0
            reasons.append(f"last asked {_ago(max(days, 0))}")
        times = helped.get(pid, 0)
        score -= min(times, 3)
        reasons.append(
            f"helped {_times(times)} this month" if times else "has not helped this month yet"
        )
        said_no = on_need.get(pid)
        if said_no is not None:
            score -= 5
            # The day they were asked (the answer's own day is not kept).
            cautions.append(f"said no to this on {long_date(said_no.asked_on, weekday=False)}")

        candidate = Candidate(
            person_id=pid,
            name=names[pid],
            score=score,
            reasons=tuple(reasons),
            cautions=tuple(cautions),
            blocked=tuple(blocked),
            last_asked=asked,
            helped_this_month=times,
        )
        (apart if blocked else ranked).append(candidate)

    def order(c: Candidate) -> tuple[int, int, date, str]:
        return (-c.score, c.helped_this_month, c.last_asked or date.min, c.name.lower())

    ranked.sort(key=order)
    apart.sort(key=order)
    return MatchList(view, tuple(ranked), tuple(apart), len(pool))


@allowed("checks.see")
def blocked_on_need(session: Session, actor: Actor, need_id: int, today: date) -> dict[int, str]:
    """People already asked or agreed whose required check is missing or runs out before
    the need is over (say, renewed late): why, in words, for the need's page."""
    view = need(session, actor, need_id)
    on_it = [p.person_id for p in view.people if p.answer != "declined"]
    found = checks.people_blocked(session, view, on_it, today)
    return {pid: ", ".join(why) for pid, why in found.items()}

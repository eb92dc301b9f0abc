"""The demo club's skills, free times, checks, needs and hours given, added to
`clubapp.demo` as an extra step after the grants.

Skills belong to everyone, so most people of the roster have some: members living with
dementia too (Siobhán can teach singing, Mr Li can teach cooking, Amrit knitting), carers
(Joan keeps books, Abena writes bids), someone learning IT (Kwame) and things people
would like to learn; Gareth can keep books but would rather not at the club. Volunteers
and many others say when they are usually free; a few are away on some dates (Dev on
the day of a befriending visit).

Checks: DBS for the volunteers and the trustees who do one-to-ones, time bank
registration and insurance, first aid, food hygiene for the cooks, references. Five run
out within 30 days and exactly one has run out: Rhiannon's DBS, so the befriending visit
that needs a DBS lists her among those who cannot be asked yet.

Needs over a month around today: weekly slots (tea at Wednesday Club, drivers and phone
help on Fridays), one-day needs tied to the club's real sessions (leading the singing at
the next Friday Club, the next Crafternoon, the winter lunch), help with the Lottery
renewal bid before its deadline, the year-end check of the accounts, a befriending visit
needing a DBS and cooking needing food hygiene; people asked, agreed and said no on
dated days, so the ranking's fairness has something to weigh. Hours given over the last
three months at sessions and for needs, so the Lottery grant's statement shows the
volunteer time and the totals look real.

The small club goes through the services, so every rule holds. The large demo's crowd
(thousands of generated people) gets skills, free times, checks, two years of past needs
and a year of hours by bulk inserts. Dates follow `ctx.today`: the demo is right on any day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from clubapp.models.attendance import Attendance, ClubSession
from clubapp.models.base import utcnow
from clubapp.models.grants import GrantApplication
from clubapp.models.members import Person, PersonKind
from clubapp.models.volunteers import (
    DAY_PARTS,
    Availability,
    HoursGiven,
    Need,
    NeedPerson,
    PersonCheck,
    PersonSkill,
    Skill,
)
from clubapp.services import checks, needs, skills, volunteer_hours, years
from clubapp.services.checks import CheckInput
from clubapp.services.dates import long_date
from clubapp.services.needs import NeedInput
from clubapp.services.skills import SkillChoice
from clubapp.services.volunteer_hours import HoursInput

if TYPE_CHECKING:
    from clubapp.demo import DemoContext

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
AM, PM, EVE = DAY_PARTS
TEACH, DO, LEARNING, WANTS = "can_teach", "can_do", "learning", "wants_to_learn"
NOT_AT_CLUB = "not at the club"  # a fourth item: has the skill, would rather not use it here

# Roster key -> (skill, level[, NOT_AT_CLUB]). Ian and Michael have not said yet; Elsie died.
SKILLS: dict[str, tuple[tuple[str, ...], ...]] = {
    # Members living with dementia
    "peggy": (("Gardening", TEACH), ("Singing", DO), ("Arts and crafts", LEARNING)),
    "kwame": (("Active listening", DO), ("Befriending", DO), ("IT help", LEARNING)),
    "siobhan": (("Singing", TEACH), ("Music making", DO)),
    "harry": (("Singing", DO), ("Gardening", WANTS)),
    "amrit": (("Arts and crafts", TEACH), ("Cooking", DO), ("Languages spoken", DO)),
    "liwei": (("Cooking", TEACH), ("Meal planning", DO), ("Languages spoken", DO)),
    "dot": (("Active listening", DO), ("Photography", WANTS)),
    "stan": (("Music making", DO), ("IT help", WANTS)),
    "irene": (("Befriending", DO), ("Social media", WANTS)),
    "bernard": (("Music making", TEACH), ("Singing", DO)),
    "zoe": (("IT help", DO), ("Social media", DO), ("Bid writing", DO)),
    "winston": (("Fundraising", DO), ("Photography", WANTS)),
    "norma": (("Active listening", DO),),
    "frank": (("Driving", DO),),
    # Carers and family
    "arthur": (("Gardening", DO), ("Driving", DO)),
    "abena": (("Bid writing", TEACH), ("Social media", DO), ("Fundraising", DO)),
    "declan": (("Music making", DO), ("Driving", DO)),
    "gareth": (("Bookkeeping", DO, NOT_AT_CLUB), ("IT help", DO)),
    "gurpreet": (("Languages spoken", DO), ("Driving", DO), ("Bid writing", WANTS)),
    "zhanghui": (("Cooking", DO), ("Languages spoken", DO)),
    "joan": (("Bookkeeping", DO), ("Active listening", DO), ("Meal planning", DO)),
    "grace": (("Active listening", TEACH), ("Befriending", DO), ("Singing", DO)),
    "rhiannon": (("Arts and crafts", DO), ("Befriending", DO), ("First aid", DO)),
    "marcia": (("Fundraising", DO), ("Photography", DO), ("Cooking", DO)),
    "kofi": (("IT help", TEACH), ("Social media", DO), ("Photography", DO)),
    "helen": (("Cooking", DO), ("Meal planning", DO)),
    "gwen": (("Arts and crafts", DO), ("Befriending", LEARNING)),
    # Residents, volunteers, the coordinator and supporters
    "leonard": (("Music making", TEACH), ("Singing", DO), ("Gardening", DO)),
    "beryl": (("Arts and crafts", LEARNING), ("IT help", WANTS)),
    "pat": (("Bookkeeping", TEACH), ("Fundraising", DO), ("Bid writing", DO)),
    "dev": (("IT help", DO), ("Driving", DO), ("Befriending", DO), ("First aid", DO)),
    "fatima": (
        ("Meal planning", TEACH),
        ("Cooking", DO),
        ("First aid", DO),
        ("Languages spoken", DO),
    ),
    "tom": (
        ("Gardening", DO),
        ("Photography", DO),
        ("Social media", DO),
        ("Befriending", LEARNING),
    ),
    "aga": (
        ("Gardening", TEACH),
        ("Arts and crafts", DO),
        ("Befriending", DO),
        ("Languages spoken", DO),
    ),
    "sam": (("Active listening", TEACH), ("Bid writing", DO), ("IT help", DO)),
    "ruth": (("Bid writing", TEACH), ("Fundraising", DO)),
    "alan": (("Driving", DO),),
}

_ALL_DAY = (AM, PM, EVE)
# Roster key -> {weekday: parts of the day usually free}.
FREE: dict[str, dict[int, tuple[str, ...]]] = {
    "pat": {WED: (AM,), FRI: (AM,), MON: (EVE,)},
    "dev": {WED: (AM,), FRI: (AM,), SAT: (AM,), TUE: (EVE,)},
    "fatima": {WED: (AM, PM), THU: (PM,)},
    "tom": {FRI: (AM,), SAT: _ALL_DAY, SUN: (PM,)},
    "aga": {MON: (PM,), WED: (AM,), FRI: (AM,), SUN: (PM,)},
    "leonard": {WED: _ALL_DAY, FRI: (AM,), SUN: (PM,)},
    "rhiannon": {TUE: (EVE,), THU: (EVE,), SUN: (PM,)},
    "sam": {d: (AM, PM) for d in (MON, TUE, WED, THU, FRI)},
    "grace": {WED: (AM,), THU: (PM,), FRI: (AM,)},
    "joan": {WED: (AM,), FRI: (AM,)},
    "abena": {MON: (EVE,), WED: (EVE,), SAT: (AM,)},
    "zoe": {TUE: (PM,), THU: (PM,)},
    "kofi": {TUE: (EVE,), SAT: (AM, PM)},
    "arthur": {WED: (AM,), FRI: (AM,)},
    "declan": {THU: (EVE,), FRI: (AM,)},
    "gareth": {FRI: (AM,)},
    "gurpreet": {SAT: (PM,), SUN: (PM,)},
    "zhanghui": {WED: (AM,), FRI: (AM,)},
    "marcia": {SAT: (AM,), SUN: (PM,)},
    "helen": {SUN: (PM,)},
    "gwen": {WED: (AM,), SUN: (PM,)},
    "alan": {TUE: (AM,), THU: (AM,)},
    "ruth": {MON: (PM,), THU: (AM,)},
    "peggy": {WED: (AM,), FRI: (AM,)},
    "siobhan": {WED: (AM,), FRI: (AM,)},
    "amrit": {WED: (AM,), SUN: (PM,)},
    "liwei": {WED: (AM,), FRI: (AM,)},
    "bernard": {FRI: (AM,)},
    "kwame": {TUE: (PM,), WED: (AM,), FRI: (AM,)},
    "irene": {MON: (PM,), WED: (AM,)},
    "beryl": {WED: (AM,)},
}

# (roster key, days from today to the first day, days away, why)
AWAY = (
    ("dev", 3, 8, "Visiting family in Leicester"),
    ("siobhan", 12, 3, "A short break with Declan"),
    ("aga", 24, 14, "Visiting family in Kraków"),
    ("grace", 30, 7, "Visiting her sister in Lagos"),
)

# (roster key, kind, days from today it was issued, days from today it runs out or None,
#  DBS level). Five run out within 30 days; only Rhiannon's DBS has run out.
CHECKS: tuple[tuple[str, str, int, int | None, str], ...] = (
    ("pat", "dbs", -400, 695, "enhanced"),
    ("dev", "dbs", -380, 715, "enhanced"),
    ("fatima", "dbs", -900, 195, "enhanced"),
    ("tom", "dbs", -200, 895, "enhanced"),
    ("aga", "dbs", -500, 595, "enhanced"),
    ("leonard", "dbs", -1069, 26, "enhanced"),
    ("rhiannon", "dbs", -1104, -9, "enhanced"),
    ("grace", "dbs", -700, 395, "enhanced"),
    ("joan", "dbs", -300, 795, "enhanced"),
    ("sam", "dbs", -600, 495, "enhanced_barred"),
    ("pat", "time_bank", -320, 45, ""),
    ("dev", "time_bank", -300, 65, ""),
    ("fatima", "time_bank", -200, 165, ""),
    ("tom", "time_bank", -210, 155, ""),
    ("aga", "time_bank", -351, 14, ""),
    ("leonard", "time_bank", -100, 265, ""),
    ("rhiannon", "time_bank", -150, 215, ""),
    ("pat", "insurance", -320, 45, ""),
    ("dev", "insurance", -300, 65, ""),
    ("fatima", "insurance", -200, 165, ""),
    ("tom", "insurance", -343, 22, ""),
    ("aga", "insurance", -250, 115, ""),
    ("leonard", "insurance", -100, 265, ""),
    ("rhiannon", "insurance", -150, 215, ""),
    ("declan", "insurance", -90, 275, ""),
    ("alan", "insurance", -60, 305, ""),
    ("arthur", "insurance", -30, 335, ""),
    ("dev", "first_aid", -500, 595, ""),
    ("fatima", "first_aid", -1083, 12, ""),
    ("rhiannon", "first_aid", -795, 300, ""),
    ("fatima", "food_hygiene", -695, 400, ""),
    ("zhanghui", "food_hygiene", -895, 200, ""),
    ("helen", "food_hygiene", -1067, 28, ""),
    ("tom", "references", -220, None, ""),
    ("aga", "references", -540, None, ""),
    ("dev", "references", -400, None, ""),
)
# DBS checks on the update service (checked online each year).
UPDATE_SERVICE = {"pat", "grace", "sam"}

# Who gives time at the club's sessions (hours logged with the session), and how long.
SESSION_HELPERS = {
    "pat": 150,
    "dev": 180,
    "fatima": 180,
    "tom": 150,
    "aga": 180,
    "leonard": 150,
    "rhiannon": 120,
}
HOURS_MONTHS = 3


def add_volunteers(ctx: DemoContext) -> None:
    """Skills, free times, checks, needs and hours for the roster (through the services);
    for the large demo's crowd, the same kinds of rows in bulk."""
    skill_ids = {name: sid for name, sid in ctx.session.execute(select(Skill.name, Skill.id))}
    # Held for the step, so the services find the roster's people without a query each
    # time (the session forgets objects nothing refers to).
    roster = ctx.session.scalars(select(Person).where(Person.id.in_(ctx.ids.values()))).all()
    _skills_and_time(ctx, skill_ids)
    _checks(ctx)
    _needs(ctx, skill_ids)
    _session_hours(ctx)
    if ctx.size == "large":
        _crowd(ctx, skill_ids)
    ctx.session.flush()
    del roster


# ---------------------------------------------------------------- the roster


def _skills_and_time(ctx: DemoContext, skill_ids: dict[str, int]) -> None:
    session, actor = ctx.session, ctx.actor
    for key, held in SKILLS.items():
        choices = [
            SkillChoice(skill_ids[name], level, NOT_AT_CLUB not in rest)
            for name, level, *rest in held
        ]
        skills.save_skills(session, actor, ctx.ids[key], choices)
    for key, week in FREE.items():
        slots = {(day, part) for day, parts in week.items() for part in parts}
        skills.save_free_times(session, actor, ctx.ids[key], slots)
    for key, starts_in, days, note in AWAY:
        first = ctx.today + timedelta(days=starts_in)
        skills.add_time_away(
            session, actor, ctx.ids[key], first, first + timedelta(days=days - 1), note
        )


def _checks(ctx: DemoContext) -> None:
    rng = ctx.rng
    for key, kind, issued_in, expires_in, level in CHECKS:
        number = f"00{rng.randrange(10**10):010d}" if kind == "dbs" else ""
        notes = {
            "time_bank": "Riverside Time Bank, renewed each year.",
            "insurance": "Volunteers' cover through the time bank.",
            "references": "Two references, both good.",
        }.get(kind, "")
        data = CheckInput(
            kind,
            issued_on=ctx.today + timedelta(days=issued_in),
            expires_on=None if expires_in is None else ctx.today + timedelta(days=expires_in),
            dbs_level=level,
            certificate_number=number,
            update_service=kind == "dbs" and key in UPDATE_SERVICE,
            notes=notes,
        )
        checks.add_check(ctx.session, ctx.actor, ctx.ids[key], data, ctx.today)


def _session_on(
    ctx: DemoContext, name: str, start: date, *, later: bool = True
) -> tuple[int, date] | None:
    """The first session of that name on or after ``start`` (or the last before it)."""
    query = select(ClubSession.id, ClubSession.on_date).where(
        ClubSession.name == name, ClubSession.cancelled.is_(False)
    )
    if later:
        query = query.where(ClubSession.on_date >= start).order_by(ClubSession.on_date)
    else:
        query = query.where(ClubSession.on_date < start).order_by(ClubSession.on_date.desc())
    row = ctx.session.execute(query.limit(1)).first()
    return None if row is None else (row[0], row[1])


class _Needs:
    """Adds needs and answers through the services, on the days things happened."""

    def __init__(self, ctx: DemoContext, skill_ids: dict[str, int]) -> None:
        self.ctx = ctx
        self.skill_ids = skill_ids
        self.made: list[Need] = []  # held, so answering finds each without a query

    def add(
        self,
        title: str,
        purpose: str,
        when_kind: str,
        *,
        must: Iterable[str] = (),
        nice: Iterable[str] = (),
        **fields: Any,
    ) -> int:
        data = NeedInput(
            title,
            purpose,
            when_kind,
            must_skills=tuple(self.skill_ids[s] for s in must),
            nice_skills=tuple(self.skill_ids[s] for s in nice),
            **fields,
        )
        need_id = needs.add_need(self.ctx.session, self.ctx.actor, data)
        made = self.ctx.session.get(Need, need_id)
        assert made is not None
        self.made.append(made)
        return need_id

    def ask(self, need_id: int, key: str, asked_days_ago: int, said: str = "asked") -> None:
        """Asked on a day; the answer (agreed or said no) a day or two later."""
        ctx = self.ctx
        pid = ctx.ids[key]
        asked_on = ctx.today - timedelta(days=asked_days_ago)
        needs.answer(ctx.session, ctx.actor, need_id, pid, "asked", asked_on)
        if said != "asked":
            answered = min(asked_on + timedelta(days=2), ctx.today)
            needs.answer(ctx.session, ctx.actor, need_id, pid, said, answered)

    def hours(self, key: str, on: date, minutes: int, need_id: int, note: str = "") -> None:
        ctx = self.ctx
        data = HoursInput(ctx.ids[key], on, minutes, need_id=need_id, note=note)
        volunteer_hours.log_hours(ctx.session, ctx.actor, data, ctx.today)


def _needs(ctx: DemoContext, skill_ids: dict[str, int]) -> None:
    today = ctx.today
    book = _Needs(ctx, skill_ids)

    # Weekly slots over the month around today.
    tea = book.add(
        "Tea and a welcome at Wednesday Club",
        "session",
        "weekly",
        session_name="Wednesday Club",
        weekday=WED,
        part=AM,
        starts_on=today - timedelta(days=28),
        ends_on=today + timedelta(days=28),
        people_wanted=2,
        nice=("Active listening",),
        notes="Kettle on by ten; greet people by name at the door.",
    )
    book.ask(tea, "leonard", 32, "agreed")
    book.ask(tea, "joan", 32, "agreed")
    for week in range(4):
        day = today - timedelta(days=(today.weekday() - WED) % 7 + 7 * week)
        if day >= today - timedelta(days=28) and day < today:
            book.hours("joan", day, 60, tea)

    drivers = book.add(
        "Drive members to Friday Club",
        "session",
        "weekly",
        session_name="Friday Club",
        weekday=FRI,
        part=AM,
        people_wanted=2,
        must=("Driving",),
        checks=("insurance",),
        notes="Two cars: the Orchard Way and Chapel Row pick-ups.",
    )
    book.ask(drivers, "declan", 21, "agreed")
    book.ask(drivers, "alan", 21, "declined")
    book.ask(drivers, "arthur", 2)

    phones = book.add(
        "Help members with phones and tablets",
        "session",
        "weekly",
        session_name="Friday Club",
        weekday=FRI,
        part=AM,
        starts_on=today - timedelta(days=14),
        must=("IT help",),
        nice=("Active listening",),
        notes="Video calls with family, and the photos on their phones.",
    )
    book.ask(phones, "dev", 16, "agreed")
    for back in range(1, 15):
        day = today - timedelta(days=back)
        if day.weekday() == FRI:
            book.hours("dev", day, 60, phones)

    # One-day needs at the club's own sessions.
    friday = _session_on(ctx, "Friday Club", today + timedelta(days=1))
    if friday is not None:
        singing = book.add(
            "Lead the singing at Friday Club",
            "session",
            "date",
            session_id=friday[0],
            on_date=friday[1],
            part=AM,
            must=("Music making",),
            nice=("Singing",),
            notes="The pianist is away; someone to start the songs off.",
        )
        book.ask(singing, "leonard", 1)

    crafternoon = _session_on(ctx, "Crafternoon", today)
    if crafternoon is not None:
        crafts = book.add(
            "Help at the Crafternoon",
            "session",
            "date",
            session_id=crafternoon[0],
            on_date=crafternoon[1],
            part=PM,
            people_wanted=3,
            nice=("Arts and crafts",),
            notes="Amrit is showing people how to knit squares for a blanket.",
        )
        book.ask(crafts, "amrit", 9, "agreed")
        book.ask(crafts, "aga", 9, "agreed")
        book.ask(crafts, "gwen", 6, "declined")

    lunch_at = _session_on(ctx, "Wednesday Club", today + timedelta(days=14))
    if lunch_at is not None:
        lunch = book.add(
            "Cook the winter lunch at Wednesday Club",
            "session",
            "date",
            session_id=lunch_at[0],
            on_date=lunch_at[1],
            part=AM,
            people_wanted=2,
            must=("Cooking",),
            nice=("Meal planning",),
            checks=("food_hygiene",),
            notes="Soup and a hot pudding for about thirty; mind the diets on people's records.",
        )
        book.ask(lunch, "fatima", 5, "agreed")

    # A befriending visit: a one-to-one, so a DBS is needed. Dev is away that day and
    # Rhiannon's DBS has run out.
    book.add(
        "A befriending visit to Norma",
        "job",
        "date",
        on_date=today + timedelta(days=5),
        part=PM,
        must=("Befriending",),
        checks=("dbs",),
        # Every role reads a need's notes: nothing about her health here.
        notes="Ring her daughter first to fix the time. Take the card from the club.",
    )

    # Jobs before a day: the Lottery renewal and the year's accounts.
    renewal = ctx.session.execute(
        select(GrantApplication.id, GrantApplication.deadline).where(
            GrantApplication.title == "The weekly club, the next three years"
        )
    ).first()
    if renewal is not None:
        deadline = renewal[1] or today + timedelta(days=42)
        bid = book.add(
            "Help with the Lottery renewal bid",
            "grant",
            "before",
            by_date=deadline - timedelta(days=7),
            application_id=renewal[0],
            people_wanted=2,
            must=("Bid writing",),
            nice=("Fundraising",),
            notes="A week before the deadline, so the trustees can read it first.",
        )
        book.ask(bid, "abena", 20, "agreed")
        book.ask(bid, "zoe", 3)
        for back, minutes in ((17, 120), (10, 150), (4, 90)):
            book.hours("abena", today - timedelta(days=back), minutes, bid, "What carers say")

    year_end = years.year_of(ctx.session, today).ends
    accounts = book.add(
        "Check the accounts for the year end",
        "accounts",
        "before",
        by_date=year_end + timedelta(weeks=8),
        must=("Bookkeeping",),
        notes=f"When the books close on {long_date(year_end, weekday=False)}: someone "
        "other than the treasurer looks through them before the AGM.",
    )
    book.ask(accounts, "joan", 4)

    # Done: the garden tidied ten days ago, photographs at the last Crafternoon.
    garden_day = today - timedelta(days=10)
    garden = book.add(
        "Tidy the garden for winter",
        "job",
        "date",
        on_date=garden_day,
        part=AM,
        people_wanted=3,
        nice=("Gardening",),
    )
    for key, minutes in (("aga", 180), ("tom", 180), ("peggy", 90)):
        book.ask(garden, key, 20, "agreed")
        book.hours(key, garden_day, minutes, garden)
    needs.set_status(ctx.session, ctx.actor, garden, "done")

    last_craft = _session_on(ctx, "Crafternoon", today, later=False)
    if last_craft is not None:
        photos = book.add(
            "Photographs at the Crafternoon",
            "session",
            "date",
            session_id=last_craft[0],
            on_date=last_craft[1],
            part=PM,
            must=("Photography",),
            notes="Only of people who said yes to photos.",
        )
        book.ask(photos, "tom", (today - last_craft[1]).days + 7, "agreed")
        book.hours("tom", last_craft[1], 120, photos)
        needs.set_status(ctx.session, ctx.actor, photos, "done")


def _session_hours(ctx: DemoContext) -> None:
    """The volunteers' time at the sessions they came to in the last three months."""
    since = ctx.today - timedelta(days=31 * HOURS_MONTHS)
    helpers = {ctx.ids[key]: minutes for key, minutes in SESSION_HELPERS.items()}
    came = ctx.session.execute(
        select(Attendance.person_id, ClubSession.id, ClubSession.on_date)
        .join(ClubSession, ClubSession.id == Attendance.session_id)
        .where(
            ClubSession.on_date >= since,
            ClubSession.on_date < ctx.today,
            Attendance.person_id.in_(helpers),
        )
        .order_by(ClubSession.on_date, Attendance.person_id)
    ).all()
    entries = [HoursInput(pid, on, helpers[pid], session_id=sid) for pid, sid, on in came]
    volunteer_hours.log_many(ctx.session, ctx.actor, entries, ctx.today)


# ---------------------------------------------------------------- the large demo's crowd

# Chances for the crowd: who says what they can do, free times, how many skills.
_LEVELS = (TEACH, DO, DO, DO, LEARNING)
_CHECK_YEARS = {"dbs": 3, "time_bank": 1, "insurance": 1, "first_aid": 3, "food_hygiene": 3}
CROWD_HOURS_DAYS = 365
CROWD_NEED_WEEKS = 104


def _crowd(ctx: DemoContext, skill_ids: dict[str, int]) -> None:
    """Skills, free times and checks for the generated people, two years of past needs
    with who was asked, and a year of hours at sessions, in bulk."""
    session, rng = ctx.session, ctx.rng
    roster = set(ctx.ids.values())
    kinds: dict[int, set[str]] = {}
    for pid, kind in session.execute(select(PersonKind.person_id, PersonKind.kind)):
        if pid not in roster:
            kinds.setdefault(pid, set()).add(kind)
    status = {pid: st for pid, st in session.execute(select(Person.id, Person.status))}
    names = sorted(skill_ids)
    person_skills: list[dict[str, Any]] = []
    free: list[dict[str, Any]] = []
    person_checks: list[dict[str, Any]] = []
    helpers: list[int] = []
    slots = [(d, p) for d in range(7) for p in DAY_PARTS]
    club_slots = [(WED, AM), (FRI, AM), (SUN, PM)]
    for pid in sorted(kinds):
        ks = kinds[pid]
        volunteer = bool(ks & {"volunteer", "trustee"})
        if rng.random() < (0.95 if volunteer else 0.55):
            held = rng.sample(names, rng.randint(1, 5))
            for n, name in enumerate(held):
                # The last one drawn is sometimes what they would like to learn.
                wish = n == len(held) - 1 and n > 0 and rng.random() < 0.4
                person_skills.append(
                    {
                        "person_id": pid,
                        "skill_id": skill_ids[name],
                        "level": WANTS if wish else rng.choice(_LEVELS),
                        "happy_to_use": wish or rng.random() < 0.9,
                    }
                )
        if rng.random() < (0.9 if volunteer else 0.35):
            chosen = set(rng.sample(slots, rng.randint(1, 5)))
            chosen |= {s for s in club_slots if rng.random() < 0.5}
            free.extend({"person_id": pid, "weekday": d, "part": p} for d, p in sorted(chosen))
        if volunteer:
            if status[pid] == "active":
                helpers.append(pid)
            person_checks.extend(_crowd_checks(ctx, pid, ks, status[pid] == "active"))
    for model, rows in (
        (PersonSkill, person_skills),
        (Availability, free),
        (PersonCheck, person_checks),
    ):
        if rows:
            session.execute(insert(model), rows)
    _crowd_needs(ctx, helpers)
    _crowd_hours(ctx, set(helpers) | {pid for pid, ks in kinds.items() if "volunteer" in ks})


def _crowd_checks(ctx: DemoContext, pid: int, ks: set[str], active: bool) -> list[dict[str, Any]]:
    """DBS, time bank and insurance for a volunteer or trustee, sometimes first aid and
    food hygiene; most in date, a few due or run out (people who left let them lapse)."""
    rng, today = ctx.rng, ctx.today
    wanted = ["dbs", "time_bank", "insurance"] if "volunteer" in ks else ["dbs"]
    if rng.random() < 0.3:
        wanted.append("first_aid")
    if rng.random() < 0.15:
        wanted.append("food_hygiene")
    rows = []
    for kind in wanted:
        life = 365 * _CHECK_YEARS[kind]
        # Active people: mostly renewed in time, about one in twenty run out lately.
        left = rng.randint(-60, life) if active else rng.randint(-3 * 365, -30)
        if active and left < 0 and rng.random() < 0.7:
            left += life
        expires = today + timedelta(days=left)
        rows.append(
            {
                "person_id": pid,
                "kind": kind,
                "issued_on": expires - timedelta(days=life),
                "expires_on": expires,
                "dbs_level": "enhanced" if kind == "dbs" else "",
                "certificate_number": f"00{rng.randrange(10**10):010d}" if kind == "dbs" else "",
                "update_service": kind == "dbs" and rng.random() < 0.3,
                "notes": "",
            }
        )
    if rng.random() < 0.4:
        rows.append(
            {
                "person_id": pid,
                "kind": "references",
                "issued_on": today - timedelta(days=rng.randint(30, 2000)),
                "expires_on": None,
                "dbs_level": "",
                "certificate_number": "",
                "update_service": False,
                "notes": "",
            }
        )
    return rows


def _crowd_needs(ctx: DemoContext, helpers: list[int]) -> None:
    """A past need most weeks for two years, done, each with a few people asked: the
    history fairness weighs in the large club."""
    session, rng, today = ctx.session, ctx.rng, ctx.today
    if not helpers:
        return
    first_id = (session.scalar(select(Need.id).order_by(Need.id.desc()).limit(1)) or 0) + 1
    now = utcnow()
    titles = (
        ("Set out the chairs and tables", "session"),
        ("Drive members home", "session"),
        ("Bake for the cake stall", "job"),
        ("Help at the summer fair", "job"),
        ("Lead the singing", "session"),
        ("Post the club's news", "job"),
    )
    need_rows: list[dict[str, Any]] = []
    asked_rows: list[dict[str, Any]] = []
    for week in range(1, CROWD_NEED_WEEKS + 1):
        day = today - timedelta(days=7 * week + rng.randint(0, 6))
        title, purpose = titles[week % len(titles)]
        need_id = first_id + len(need_rows)
        need_rows.append(
            {
                "id": need_id,
                "title": title,
                "purpose": purpose,
                "when_kind": "date",
                "on_date": day,
                "part": AM,
                "people_wanted": 2,
                "status": "done",
                "notes": "",
                "created_at": now,
            }
        )
        for n, pid in enumerate(rng.sample(helpers, min(len(helpers), rng.randint(2, 4)))):
            asked_rows.append(
                {
                    "need_id": need_id,
                    "person_id": pid,
                    "answer": "agreed" if n < 2 else "declined",
                    "asked_on": day - timedelta(days=rng.randint(3, 14)),
                }
            )
    session.execute(insert(Need), need_rows)
    session.execute(insert(NeedPerson), asked_rows)


def _crowd_hours(ctx: DemoContext, volunteers: set[int]) -> None:
    """A year of hours: each volunteer who came to a session gave two to three hours."""
    session, rng, today = ctx.session, ctx.rng, ctx.today
    came = session.execute(
        select(Attendance.person_id, ClubSession.id, ClubSession.on_date)
        .join(ClubSession, ClubSession.id == Attendance.session_id)
        .where(
            ClubSession.on_date >= today - timedelta(days=CROWD_HOURS_DAYS),
            ClubSession.on_date < today,
        )
        .order_by(ClubSession.on_date, Attendance.person_id)
    ).all()
    now = utcnow()
    rows = [
        {
            "person_id": pid,
            "on_date": on,
            "minutes": rng.choice((120, 150, 180)),
            "need_id": None,
            "session_id": session_id,
            "note": "",
            "created_at": now,
        }
        for pid, session_id, on in came
        if pid in volunteers
    ]
    if rows:
        session.execute(insert(HoursGiven), rows)

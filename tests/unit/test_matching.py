"""Who could help with a need: the ranked list and its reasons in words, for crafted
small clubs whose scores are worked out by hand (TODAY is Wednesday 18 November 2026).

Points (from clubapp.services.matching): a must skill taught 4, done 3; a nice-to-have
taught 3, done 2, learning 1; free in the part of the day 3 (the day only 2); never asked
or not for four weeks 3, two weeks 2, one week 1, less 0; each time helped this month
-1 (at most -3); away on the day -10; said no to this need -5.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clubapp.models.members import Person
from clubapp.services import checks, matching, needs, skills, volunteer_hours
from clubapp.services.checks import CheckInput
from clubapp.services.errors import NotAllowed
from clubapp.services.matching import Candidate, MatchList
from clubapp.services.needs import NeedInput
from clubapp.services.skills import SkillChoice
from clubapp.services.volunteer_hours import HoursInput
from tests.conftest import TODAY, add_person

NEXT_WEDNESDAY = date(2026, 11, 25)
WED, FRI = 2, 4


def skill_ids(db, actor) -> dict[str, int]:
    return {row.name: row.skill_id for row in db.run(skills.skills, actor)}


class Club:
    """A tiny club built through the services, for one test."""

    def __init__(self, db, actor) -> None:
        self.db, self.actor = db, actor
        self.skill = skill_ids(db, actor)
        self.people: dict[str, int] = {}

    def person(
        self,
        name: str,
        has: dict[str, str] | None = None,
        *,
        free: set[tuple[int, str]] | None = None,
        unhappy: tuple[str, ...] = (),
        kinds: tuple[str, ...] = ("member",),
    ) -> int:
        pid = add_person(self.db, self.actor, name, kinds=kinds)
        self.people[name] = pid
        choices = [
            SkillChoice(self.skill[s], level, s not in unhappy) for s, level in (has or {}).items()
        ]
        if choices:
            self.db.run(skills.save_skills, self.actor, pid, choices)
        if free:
            self.db.run(skills.save_free_times, self.actor, pid, free)
        return pid

    def check(self, name: str, kind: str, expires: date | None, issued: date | None = None):
        data = CheckInput(kind, issued_on=issued, expires_on=expires)
        return self.db.run(checks.add_check, self.actor, self.people[name], data, TODAY)

    def need(self, title: str = "Lead the singing", **kw) -> int:
        must = tuple(self.skill[s] for s in kw.pop("must", ()))
        nice = tuple(self.skill[s] for s in kw.pop("nice", ()))
        kw.setdefault("purpose", "session")
        kw.setdefault("when_kind", "date")
        if kw["when_kind"] == "date":
            kw.setdefault("on_date", NEXT_WEDNESDAY)
        data = NeedInput(title=title, must_skills=must, nice_skills=nice, **kw)
        return self.db.run(needs.add_need, self.actor, data)

    def answer(self, need_id: int, name: str, said: str, on: date = TODAY) -> None:
        self.db.run(needs.answer, self.actor, need_id, self.people[name], said, on)

    def helped(self, name: str, on: date, minutes: int = 120) -> None:
        data = HoursInput(self.people[name], on, minutes)
        self.db.run(volunteer_hours.log_hours, self.actor, data, TODAY)

    def match(self, need_id: int, actor=None) -> MatchList:
        return self.db.run(matching.match, actor or self.actor, need_id, TODAY)


def names(rows: tuple[Candidate, ...]) -> list[str]:
    return [c.name for c in rows]


def by_name(found: MatchList, name: str) -> Candidate:
    return next(c for c in (*found.ranked, *found.missing_checks) if c.name == name)


@pytest.fixture
def club(db, coordinator) -> Club:
    return Club(db, coordinator)


# ---------------------------------------------------------------- skills: must and nice


def test_must_have_skill_decides_who_is_considered(club):
    """Only people who can do or teach every must skill, and are happy to use it at the
    club, are considered: not a learner, not someone who would rather not, not someone
    who would like to learn it, not someone with only a nice-to-have."""
    club.person("Ann Abbott", {"Music making": "can_teach"})
    club.person("Bob Brown", {"Music making": "can_do"})
    club.person("Cath Cole", {"Music making": "learning"})
    club.person("Dan Dale", {"Music making": "can_do"}, unhappy=("Music making",))
    club.person("Eve Evans", {"Music making": "wants_to_learn"})
    club.person("Fay Ford", {"Singing": "can_teach"})
    need = club.need(must=("Music making",), nice=("Singing",))
    found = club.match(need)
    assert names(found.ranked) == ["Ann Abbott", "Bob Brown"]
    assert found.missing_checks == ()
    assert found.considered == 2


def test_every_must_skill_is_needed(club):
    """With two must skills, someone who has only one of them is not considered."""
    club.person("Ann Abbott", {"Cooking": "can_do", "Meal planning": "can_do"})
    club.person("Bob Brown", {"Cooking": "can_teach"})
    need = club.need("Cook lunch", must=("Cooking", "Meal planning"))
    assert names(club.match(need).ranked) == ["Ann Abbott"]


def test_teaching_a_must_skill_ranks_above_doing_it_and_says_so(club):
    """Can teach a must skill is 4 points, can do 3; everything else equal (not asked
    before 3, no free times given): Ann 7, Bob 6. The reasons say it in words."""
    club.person("Bob Brown", {"Music making": "can_do"})
    club.person("Ann Abbott", {"Music making": "can_teach"})
    found = club.match(club.need(must=("Music making",)))
    assert [(c.name, c.score) for c in found.ranked] == [("Ann Abbott", 7), ("Bob Brown", 6)]
    ann = found.ranked[0]
    assert ann.reasons == (
        "can teach music making",
        "not asked before",
        "has not helped this month yet",
    )
    assert ann.cautions == ("no free times given yet",)
    assert ann.reason_words == (
        "Can teach music making, not asked before, has not helped this month yet, "
        "no free times given yet."
    )
    assert found.ranked[1].reasons[0] == "can do music making"


def test_nice_to_have_skills_add_points_learning_included(club):
    """Nice to have: taught 3, done 2, learning 1, would like to learn 0, and not if the
    person would rather not use it at the club. Each has Music making (can do, 3) and is
    never asked (3): Ann 3+3+3 = 9, Bob 3+2+3 = 8, Cath 3+1+3 = 7, Dan and Eve 6."""
    club.person("Eve Evans", {"Music making": "can_do", "Singing": "wants_to_learn"})
    club.person(
        "Dan Dale", {"Music making": "can_do", "Singing": "can_teach"}, unhappy=("Singing",)
    )
    club.person("Cath Cole", {"Music making": "can_do", "Singing": "learning"})
    club.person("Bob Brown", {"Music making": "can_do", "Singing": "can_do"})
    club.person("Ann Abbott", {"Music making": "can_do", "Singing": "can_teach"})
    found = club.match(club.need(must=("Music making",), nice=("Singing",)))
    assert [(c.name, c.score) for c in found.ranked] == [
        ("Ann Abbott", 9),
        ("Bob Brown", 8),
        ("Cath Cole", 7),
        ("Dan Dale", 6),
        ("Eve Evans", 6),
    ]
    assert by_name(found, "Ann Abbott").reasons[:2] == ("can do music making", "can teach singing")
    assert by_name(found, "Cath Cole").reasons[1] == "learning singing"
    assert "singing" not in by_name(found, "Dan Dale").reason_words
    assert "singing" not in by_name(found, "Eve Evans").reason_words


def test_a_need_with_no_must_skill_considers_everyone_who_offered_something(club):
    """No must skill: people with a skill they are happy to use, people who gave free
    times, and volunteers are considered; someone who only would like to learn, or only
    keeps a skill away from the club, or is a member who offered nothing, is not."""
    club.person("Ann Abbott", {"Gardening": "can_do"})
    club.person("Bob Brown", free={(WED, "morning")})
    club.person("Cath Cole", kinds=("volunteer",))
    club.person("Dan Dale", {"Gardening": "wants_to_learn"})
    club.person("Eve Evans", {"Bookkeeping": "can_do"}, unhappy=("Bookkeeping",))
    club.person("Fay Ford")
    found = club.match(club.need("Tidy the garden", purpose="job", nice=("Gardening",)))
    assert sorted(names(found.ranked)) == ["Ann Abbott", "Bob Brown", "Cath Cole"]
    assert found.considered == 3


def test_people_no_longer_with_the_club_are_not_considered(db, club):
    """Someone who left, or is paused, is not on the list however well they match."""
    left = club.person("Ann Abbott", {"Music making": "can_teach"})
    paused = club.person("Cath Cole", {"Music making": "can_teach"})
    club.person("Bob Brown", {"Music making": "can_do"})
    with db.transaction() as s:
        for pid, status in ((left, "left"), (paused, "paused")):
            row = s.get(Person, pid)
            row.status = status
            row.status_on = TODAY - timedelta(days=3)
    assert names(club.match(club.need(must=("Music making",))).ranked) == ["Bob Brown"]


# ---------------------------------------------------------------- availability


def test_free_on_the_slot_ranks_higher_and_not_free_is_a_caution(club):
    """Need on Wednesday 25 November, afternoon. Ann is free on Wednesday afternoons (+3),
    Bob gave only Wednesday mornings (a caution, no points), Cath gave no times at all.
    Each can do music making (3) and was never asked (3): Ann 9, Bob 6, Cath 6."""
    club.person("Cath Cole", {"Music making": "can_do"})
    club.person("Bob Brown", {"Music making": "can_do"}, free={(WED, "morning")})
    club.person(
        "Ann Abbott", {"Music making": "can_do"}, free={(WED, "afternoon"), (FRI, "morning")}
    )
    found = club.match(club.need(must=("Music making",), part="afternoon"))
    assert [(c.name, c.score) for c in found.ranked] == [
        ("Ann Abbott", 9),
        ("Bob Brown", 6),
        ("Cath Cole", 6),
    ]
    assert "free on Wednesday afternoons" in by_name(found, "Ann Abbott").reasons
    assert by_name(found, "Bob Brown").cautions == ("not usually free on Wednesday afternoons",)
    assert by_name(found, "Cath Cole").cautions == ("no free times given yet",)


def test_a_need_without_a_part_of_the_day_asks_only_for_the_day(club):
    """A one-day need with no part of the day: free at any time that Wednesday is +2,
    said "free on Wednesdays"; free only on Fridays is a caution."""
    club.person("Ann Abbott", {"Music making": "can_do"}, free={(WED, "evening")})
    club.person("Bob Brown", {"Music making": "can_do"}, free={(FRI, "morning")})
    found = club.match(club.need(must=("Music making",)))
    assert [(c.name, c.score) for c in found.ranked] == [("Ann Abbott", 8), ("Bob Brown", 6)]
    assert "free on Wednesdays" in by_name(found, "Ann Abbott").reasons
    assert by_name(found, "Bob Brown").cautions == ("not usually free on Wednesdays",)


def test_a_weekly_need_looks_at_its_weekday_and_part(club):
    """Every Friday morning: Ann free then (+3, "free on Friday mornings")."""
    club.person("Ann Abbott", {"Driving": "can_do"}, free={(FRI, "morning")})
    club.person("Bob Brown", {"Driving": "can_do"}, free={(WED, "morning")})
    need = club.need(
        "Drive members to Friday Club",
        when_kind="weekly",
        weekday=FRI,
        part="morning",
        must=("Driving",),
    )
    found = club.match(need)
    assert names(found.ranked) == ["Ann Abbott", "Bob Brown"]
    assert "free on Friday mornings" in found.ranked[0].reasons
    assert found.ranked[1].cautions == ("not usually free on Friday mornings",)


def test_away_on_the_day_ranks_lower_with_a_caution(db, club):
    """Ann is free on the slot but away 20–27 November: 3+3+3-10 = -1, below Bob's 6,
    with "away then (until 27 November 2026)". Time away that ended before the day, or
    starts after it, does not count."""
    ann = club.person("Ann Abbott", {"Music making": "can_do"}, free={(WED, "afternoon")})
    bob = club.person("Bob Brown", {"Music making": "can_do"})
    db.run(skills.add_time_away, club.actor, ann, date(2026, 11, 20), date(2026, 11, 27), "Holiday")
    db.run(skills.add_time_away, club.actor, bob, date(2026, 11, 10), date(2026, 11, 24))
    db.run(skills.add_time_away, club.actor, bob, date(2026, 11, 26), date(2026, 12, 2))
    found = club.match(club.need(must=("Music making",), part="afternoon"))
    assert [(c.name, c.score) for c in found.ranked] == [("Bob Brown", 6), ("Ann Abbott", -1)]
    assert "away then (until 27 November 2026)" in by_name(found, "Ann Abbott").cautions
    assert not any("away" in c for c in by_name(found, "Bob Brown").cautions)


def test_a_need_any_time_before_a_day_ignores_free_times_and_time_away(db, club):
    """ "Any time before" has no slot: no free-time reasons or cautions, and being away
    one day does not count against anyone."""
    ann = club.person("Ann Abbott", {"Bid writing": "can_do"}, free={(WED, "morning")})
    db.run(skills.add_time_away, club.actor, ann, TODAY, TODAY + timedelta(days=3))
    need = club.need(
        "Help with the bid",
        purpose="grant",
        when_kind="before",
        by_date=date(2026, 12, 18),
        must=("Bid writing",),
    )
    ann_row = club.match(need).ranked[0]
    assert ann_row.score == 6
    assert ann_row.cautions == ()
    assert not any("free" in r for r in ann_row.reasons)


# ---------------------------------------------------------------- checks


def test_missing_and_expired_checks_are_listed_apart_with_why(club):
    """A befriending visit needing DBS on Wednesday 9 December. Nobody is dropped: those
    whose DBS is missing, ran out, or runs out before the day are listed apart, each
    with why; the rest are ranked with their DBS in the reasons."""
    for name in ("Ann Abbott", "Bob Brown", "Cath Cole", "Dan Dale", "Eve Evans", "Fay Ford"):
        club.person(name, {"Befriending": "can_do"})
    club.check("Ann Abbott", "dbs", date(2027, 3, 15), date(2024, 3, 15))
    club.check("Bob Brown", "dbs", date(2026, 11, 1))
    club.check("Cath Cole", "dbs", date(2026, 12, 1))
    club.check("Dan Dale", "dbs", date(2026, 12, 10))
    club.check("Eve Evans", "dbs", None)
    need = club.need(
        "Visit Norma in hospital",
        purpose="job",
        on_date=date(2026, 12, 9),
        must=("Befriending",),
        checks=("dbs",),
    )
    found = club.match(need)
    assert sorted(names(found.ranked)) == ["Ann Abbott", "Dan Dale", "Eve Evans"]
    assert sorted(names(found.missing_checks)) == ["Bob Brown", "Cath Cole", "Fay Ford"]
    assert found.considered == 6
    assert "DBS valid until March 2027" in by_name(found, "Ann Abbott").reasons
    dan = by_name(found, "Dan Dale")
    assert dan.cautions[-1] == "DBS runs out on 10 December 2026: it needs renewing"
    assert not any(r.startswith("DBS") for r in dan.reasons)
    assert "DBS in place" in by_name(found, "Eve Evans").reasons
    assert by_name(found, "Bob Brown").blocked == ("DBS ran out on 1 November 2026",)
    assert by_name(found, "Bob Brown").blocked_words == "DBS ran out on 1 November 2026."
    assert by_name(found, "Cath Cole").blocked == (
        "DBS runs out on 1 December 2026, before the day",
    )
    assert by_name(found, "Fay Ford").blocked == ("no DBS check on record",)


def test_the_latest_check_of_a_kind_counts(club):
    """Ann's DBS ran out in October but she has a new one: she is ranked, not held back."""
    club.person("Ann Abbott", {"Befriending": "can_do"})
    club.check("Ann Abbott", "dbs", date(2026, 10, 1), date(2023, 10, 1))
    club.check("Ann Abbott", "dbs", date(2029, 10, 20), date(2026, 10, 20))
    found = club.match(club.need("Visit", must=("Befriending",), checks=("dbs",)))
    assert names(found.ranked) == ["Ann Abbott"]
    assert "DBS valid until October 2029" in found.ranked[0].reasons


def test_every_check_a_need_asks_for_is_looked_at(club):
    """Cooking needs food hygiene and first aid: Ann has both; Bob lacks food hygiene
    and his first aid ran out yesterday, both said (in the order checks are listed)."""
    club.person("Ann Abbott", {"Cooking": "can_do"})
    club.person("Bob Brown", {"Cooking": "can_teach"})
    club.check("Ann Abbott", "food_hygiene", date(2028, 1, 1))
    club.check("Ann Abbott", "first_aid", date(2028, 6, 1))
    club.check("Bob Brown", "first_aid", date(2026, 11, 17))
    need = club.need("Cook lunch", must=("Cooking",), checks=("food_hygiene", "first_aid"))
    found = club.match(need)
    assert names(found.ranked) == ["Ann Abbott"]
    assert found.ranked[0].reasons[1:3] == (
        "first aid valid until June 2028",
        "food hygiene valid until January 2028",
    )
    assert found.missing_checks[0].blocked == (
        "first aid ran out on 17 November 2026",
        "no food hygiene on record",
    )
    assert found.missing_checks[0].blocked_words == (
        "First aid ran out on 17 November 2026, no food hygiene on record."
    )


def test_a_weekly_need_checks_against_its_next_day(club):
    """Every Friday morning from today: the next one is Friday 20 November; a DBS that
    runs out on 19 November is before the day."""
    club.person("Ann Abbott", {"Driving": "can_do"})
    club.check("Ann Abbott", "dbs", date(2026, 11, 19))
    need = club.need(
        "Drive",
        when_kind="weekly",
        weekday=FRI,
        part="morning",
        must=("Driving",),
        checks=("dbs",),
    )
    found = club.match(need)
    assert found.missing_checks[0].blocked == ("DBS runs out on 19 November 2026, before the day",)


# ---------------------------------------------------------------- fairness


def test_asked_recently_ranks_lower(club):
    """Asked (on another need) today 0 points, 8 days ago 1, 20 days ago 2, 30 days ago 3,
    never 3; the words say when. Never asked and asked 30 days ago tie at 6: the one asked
    longest ago (never) comes first."""
    for name in ("Ann Abbott", "Bob Brown", "Cath Cole", "Dan Dale", "Eve Evans"):
        club.person(name, {"Music making": "can_do"})
    other = club.need("Earlier job", people_wanted=5)
    club.answer(other, "Bob Brown", "asked", TODAY)
    club.answer(other, "Cath Cole", "asked", TODAY - timedelta(days=8))
    club.answer(other, "Dan Dale", "agreed", TODAY - timedelta(days=20))
    club.answer(other, "Eve Evans", "declined", TODAY - timedelta(days=30))
    found = club.match(club.need(must=("Music making",)))
    assert [(c.name, c.score) for c in found.ranked] == [
        ("Ann Abbott", 6),
        ("Eve Evans", 6),
        ("Dan Dale", 5),
        ("Cath Cole", 4),
        ("Bob Brown", 3),
    ]
    words = {c.name: c.reasons[1] for c in found.ranked}
    assert words == {
        "Ann Abbott": "not asked before",
        "Eve Evans": "last asked 4 weeks ago",
        "Dan Dale": "last asked 2 weeks ago",
        "Cath Cole": "last asked 8 days ago",
        "Bob Brown": "last asked today",
    }


def test_helped_this_month_ranks_lower(club):
    """Hours logged this month take a point each (at most 3): twice is 6-2 = 4, once 5,
    five times 6-3 = 3. Hours in October do not count. The words: "helped twice this
    month", "helped once this month", "helped 5 times this month"."""
    for name in ("Ann Abbott", "Bob Brown", "Cath Cole", "Dan Dale"):
        club.person(name, {"Music making": "can_do"})
    club.helped("Ann Abbott", date(2026, 11, 4))
    club.helped("Ann Abbott", date(2026, 11, 11))
    club.helped("Bob Brown", date(2026, 11, 1))
    club.helped("Bob Brown", date(2026, 10, 31))
    for day in (2, 4, 6, 9, 11):
        club.helped("Cath Cole", date(2026, 11, day))
    found = club.match(club.need(must=("Music making",)))
    assert [(c.name, c.score, c.helped_this_month) for c in found.ranked] == [
        ("Dan Dale", 6, 0),
        ("Bob Brown", 5, 1),
        ("Ann Abbott", 4, 2),
        ("Cath Cole", 3, 5),
    ]
    said = {c.name: c.reasons[-1] for c in found.ranked}
    assert said == {
        "Dan Dale": "has not helped this month yet",
        "Bob Brown": "helped once this month",
        "Ann Abbott": "helped twice this month",
        "Cath Cole": "helped 5 times this month",
    }


def test_ties_go_to_who_helped_less_then_was_asked_longer_ago_then_by_name(club):
    """All score 5: Ann helped once and was never asked (3-1); Bob was asked 20 days ago
    and has not helped (2); Cath and Dan likewise asked 20 days ago. Bob, Cath and Dan
    helped less than Ann; among them, by name."""
    for name in ("Dan Dale", "Cath Cole", "Bob Brown", "Ann Abbott"):
        club.person(name, {"Music making": "can_do"})
    club.helped("Ann Abbott", date(2026, 11, 11))
    other = club.need("Earlier job", people_wanted=5)
    for name in ("Bob Brown", "Cath Cole", "Dan Dale"):
        club.answer(other, name, "asked", TODAY - timedelta(days=20))
    found = club.match(club.need(must=("Music making",)))
    assert [(c.name, c.score) for c in found.ranked] == [
        ("Bob Brown", 5),
        ("Cath Cole", 5),
        ("Dan Dale", 5),
        ("Ann Abbott", 5),
    ]


def test_equal_scores_put_the_one_asked_longer_ago_first(club):
    """Ann asked 10 days ago, Bob 12 days ago: both 1 point for fairness, so both 4;
    Bob, asked longer ago, comes first although Ann is first by name."""
    for name in ("Ann Abbott", "Bob Brown"):
        club.person(name, {"Music making": "can_do"})
    other = club.need("Earlier job", people_wanted=5)
    club.answer(other, "Ann Abbott", "asked", TODAY - timedelta(days=10))
    club.answer(other, "Bob Brown", "asked", TODAY - timedelta(days=12))
    found = club.match(club.need(must=("Music making",)))
    assert [(c.name, c.score) for c in found.ranked] == [("Bob Brown", 4), ("Ann Abbott", 4)]


def test_people_already_on_the_need_are_left_out_and_who_said_no_is_kept_lower(club):
    """Asked or agreed people are on the need already, so not in the list; Cath said no
    on 10 November: kept, 3 + 1 (asked 8 days ago) - 5 = -1, with the day she was asked. Eve
    said no too but is only learning the must skill: she stays out."""
    for name in ("Ann Abbott", "Bob Brown", "Cath Cole", "Dan Dale"):
        club.person(name, {"Music making": "can_do"})
    club.person("Eve Evans", {"Music making": "learning"})
    need = club.need(must=("Music making",), people_wanted=3)
    club.answer(need, "Ann Abbott", "asked", date(2026, 11, 12))
    club.answer(need, "Bob Brown", "agreed", date(2026, 11, 12))
    club.answer(need, "Cath Cole", "declined", date(2026, 11, 10))
    club.answer(need, "Eve Evans", "declined", date(2026, 11, 10))
    found = club.match(need)
    assert [(c.name, c.score) for c in found.ranked] == [("Dan Dale", 6), ("Cath Cole", -1)]
    assert "said no to this on 10 November 2026" in by_name(found, "Cath Cole").cautions


# ---------------------------------------------------------------- reasons and roles


def test_reasons_read_as_one_sentence(club):
    """The whole sentence for a strong match, in the order the coordinator reads it:
    skills (must first), free time, checks, fairness, then cautions."""
    club.person(
        "Ann Abbott",
        {"Music making": "can_teach", "Singing": "can_do"},
        free={(WED, "afternoon")},
    )
    club.check("Ann Abbott", "dbs", date(2027, 3, 31))
    club.helped("Ann Abbott", date(2026, 11, 4))
    club.helped("Ann Abbott", date(2026, 11, 11))
    need = club.need(must=("Music making",), nice=("Singing",), part="afternoon", checks=("dbs",))
    ann = club.match(need).ranked[0]
    assert ann.reason_words == (
        "Can teach music making, can do singing, free on Wednesday afternoons, "
        "DBS valid until March 2027, not asked before, helped twice this month."
    )
    assert ann.score == 4 + 2 + 3 + 3 - 2


def test_the_need_comes_back_with_the_list(club):
    """The list carries the need it is for, so a page can show its title and day."""
    club.person("Ann Abbott", {"Music making": "can_do"})
    need = club.need(must=("Music making",))
    found = club.match(need)
    assert found.need.need_id == need
    assert found.need.title == "Lead the singing"


@pytest.mark.parametrize("role", ["treasurer", "volunteer"])
def test_only_the_coordinator_and_committee_see_who_could_help(db, actors, role):
    """The committee may see the ranked list; the treasurer and a volunteer may not."""
    club = Club(db, actors["coordinator"])
    club.person("Ann Abbott", {"Music making": "can_do"})
    need = club.need(must=("Music making",))
    assert names(club.match(need, actors["committee"]).ranked) == ["Ann Abbott"]
    with pytest.raises(NotAllowed):
        club.match(need, actors[role])


def test_a_wide_pool_is_ranked_the_same_as_a_small_one(club, monkeypatch):
    """Past the number of people the queries name, everyone's rows are read instead: the
    list, scores and words are the same."""
    club.person("Ann Abbott", {"Befriending": "can_teach"}, free={(WED, "afternoon")})
    club.person("Bob Brown", {"Befriending": "can_do"})
    club.person("Cath Cole", {"Befriending": "can_do"})
    club.check("Ann Abbott", "dbs", date(2027, 5, 1))
    club.check("Cath Cole", "dbs", date(2026, 1, 1))
    club.helped("Bob Brown", date(2026, 11, 2))
    need = club.need("Visit", must=("Befriending",), checks=("dbs",), part="afternoon")
    named = club.match(need)
    monkeypatch.setattr(matching, "_NAMED_MAX", 0)
    assert club.match(need) == named
    assert names(named.ranked) == ["Ann Abbott"]
    assert names(named.missing_checks) == ["Cath Cole", "Bob Brown"]  # Bob helped once

"""Everyone's skills and time: the club's skills list, a person's skills with their levels
and what they would like to learn, free times, dates away, the skills directory, and who
may change them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from clubapp.models.members import Person
from clubapp.services import needs, skills
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.needs import NeedInput
from clubapp.services.skills import SkillChoice
from tests.conftest import TODAY, add_person

SEEDED = {
    "Bid writing", "Bookkeeping", "IT help", "Active listening", "Music making", "Singing",
    "Meal planning", "Cooking", "Gardening", "Arts and crafts", "Driving", "First aid",
    "Photography", "Social media", "Fundraising", "Befriending", "Languages spoken",
}  # fmt: skip


@pytest.fixture
def skill(db, coordinator) -> dict[str, int]:
    return {row.name: row.skill_id for row in db.run(skills.skills, coordinator)}


@pytest.fixture
def ann(db, coordinator) -> int:
    return add_person(db, coordinator, "Ann Abbott", phone="07700 900123", email="ann@example.org")


def test_the_seventeen_skills_are_seeded_in_name_order(db, coordinator):
    """The migration seeds the issue's seventeen skills; the list is in name order."""
    rows = db.run(skills.skills, coordinator)
    assert {r.name for r in rows} == SEEDED
    assert [r.name for r in rows] == sorted((r.name for r in rows), key=str.lower)


def test_save_skills_replaces_what_was_there(db, coordinator, skill, ann):
    """Saving again replaces the whole list: best level first, wanted ones apart."""
    db.run(
        skills.save_skills,
        coordinator,
        ann,
        [SkillChoice(skill["Singing"], "can_do"), SkillChoice(skill["Cooking"], "can_do")],
    )
    db.run(
        skills.save_skills,
        coordinator,
        ann,
        [
            SkillChoice(skill["IT help"], "learning"),
            SkillChoice(skill["Music making"], "can_teach"),
            SkillChoice(skill["Bookkeeping"], "can_do", happy_to_use=False),
            SkillChoice(skill["Photography"], "wants_to_learn"),
        ],
    )
    offer = db.run(skills.offer, coordinator, ann, TODAY)
    assert [s.words for s in offer.skills] == [
        "Can teach music making",
        "Can do bookkeeping (would rather not at the club)",
        "Learning IT help",
    ]
    assert [s.words for s in offer.to_learn] == ["Would like to learn photography"]
    assert [s.level_words for s in offer.skills] == ["Can teach others", "Can do", "Learning"]
    db.run(skills.save_skills, coordinator, ann, [])
    offer = db.run(skills.offer, coordinator, ann, TODAY)
    assert offer.skills == () and offer.to_learn == ()


def test_a_skill_listed_twice_or_a_wrong_level_is_refused(db, coordinator, skill, ann):
    """The same skill twice (even at two levels) and a level not on the list are refused;
    nothing is saved."""
    db.run(skills.save_skills, coordinator, ann, [SkillChoice(skill["Singing"], "can_do")])
    with pytest.raises(ValidationError) as caught:
        db.run(
            skills.save_skills,
            coordinator,
            ann,
            [SkillChoice(skill["Cooking"], "can_do"), SkillChoice(skill["Cooking"], "learning")],
        )
    assert caught.value.first[0] == "skills"
    with pytest.raises(ValidationError) as caught:
        db.run(skills.save_skills, coordinator, ann, [SkillChoice(skill["Cooking"], "expert")])
    assert caught.value.first[0] == "level"
    with pytest.raises(NotFound):
        db.run(skills.save_skills, coordinator, ann, [SkillChoice(9999, "can_do")])
    assert [s.name for s in db.run(skills.offer, coordinator, ann, TODAY).skills] == ["Singing"]


def test_add_and_rename_a_skill_without_clashes(db, coordinator, skill):
    """A new skill is tidied (spaces, capital first letter); a name already used, in any
    capitals, is refused for a new skill and for a rename; a skill keeps its own name."""
    new = db.run(skills.add_skill, coordinator, "  knitting   and  sewing ")
    assert {r.skill_id: r.name for r in db.run(skills.skills, coordinator)}[new] == (
        "Knitting and sewing"
    )
    with pytest.raises(ValidationError) as caught:
        db.run(skills.add_skill, coordinator, "COOKING")
    assert caught.value.errors == {"name": "There is already a skill called COOKING."}
    with pytest.raises(ValidationError):
        db.run(skills.rename_skill, coordinator, new, "cooking")
    with pytest.raises(ValidationError):
        db.run(skills.add_skill, coordinator, "   ")
    db.run(skills.rename_skill, coordinator, skill["Cooking"], "cooking")
    db.run(skills.rename_skill, coordinator, new, "Knitting")
    names = {r.skill_id: r.name for r in db.run(skills.skills, coordinator)}
    assert names[skill["Cooking"]] == "Cooking"
    assert names[new] == "Knitting"
    with pytest.raises(NotFound):
        db.run(skills.rename_skill, coordinator, 9999, "Sewing")


def test_a_skill_in_use_cannot_be_removed(db, coordinator, skill, ann):
    """Removing a skill someone has, or a need asks for, would lose what people said: it
    is refused, saying why; an unused skill goes."""
    db.run(skills.save_skills, coordinator, ann, [SkillChoice(skill["Driving"], "wants_to_learn")])
    db.run(
        needs.add_need,
        coordinator,
        NeedInput("Photos", "job", "before", by_date=TODAY, nice_skills=(skill["Photography"],)),
    )
    with pytest.raises(ValidationError) as caught:
        db.run(skills.remove_skill, coordinator, skill["Driving"])
    assert caught.value.errors["skill"] == (
        "Driving cannot be removed: 1 person has it. Rename it instead."
    )
    with pytest.raises(ValidationError) as caught:
        db.run(skills.remove_skill, coordinator, skill["Photography"])
    assert "1 need asks for it" in caught.value.errors["skill"]
    db.run(skills.remove_skill, coordinator, skill["Languages spoken"])
    assert "Languages spoken" not in {r.name for r in db.run(skills.skills, coordinator)}
    with pytest.raises(NotFound):
        db.run(skills.remove_skill, coordinator, skill["Languages spoken"])


def test_the_skills_list_counts_people_learners_and_needs(db, coordinator, skill, ann):
    """Cooking: Ann can teach it, Bob can do it but not at the club (not counted), Cath is
    learning, Dan would like to learn, Eve can do it but has left. Two needs ask for it."""
    bob = add_person(db, coordinator, "Bob Brown")
    cath = add_person(db, coordinator, "Cath Cole")
    dan = add_person(db, coordinator, "Dan Dale")
    eve = add_person(db, coordinator, "Eve Evans")
    cooking = skill["Cooking"]
    for pid, level, happy in (
        (ann, "can_teach", True),
        (bob, "can_do", False),
        (cath, "learning", True),
        (dan, "wants_to_learn", True),
        (eve, "can_do", True),
    ):
        db.run(skills.save_skills, coordinator, pid, [SkillChoice(cooking, level, happy)])
    with db.transaction() as s:
        row = s.get(Person, eve)
        row.status, row.status_on = "left", TODAY
    for title in ("Cook lunch", "Bake a cake"):
        db.run(
            needs.add_need,
            coordinator,
            NeedInput(title, "session", "date", on_date=TODAY, must_skills=(cooking,)),
        )
    row = next(r for r in db.run(skills.skills, coordinator) if r.skill_id == cooking)
    assert (row.people, row.learners, row.needs) == (1, 2, 2)


def test_free_times_are_replaced_and_said_in_words(db, coordinator, ann):
    """The week grid is saved whole; the words join days and parts."""
    db.run(skills.save_free_times, coordinator, ann, {(1, "evening")})
    db.run(
        skills.save_free_times,
        coordinator,
        ann,
        {
            (0, "morning"),
            (2, "morning"),
            (2, "afternoon"),
            (2, "evening"),
            (4, "morning"),
            (4, "evening"),
        },
    )
    offer = db.run(skills.offer, coordinator, ann, TODAY)
    assert (1, "evening") not in offer.free
    assert offer.free_words == (
        "Free on Monday mornings, Wednesdays all day and Friday mornings and evenings."
    )
    db.run(skills.save_free_times, coordinator, ann, set())
    assert db.run(skills.offer, coordinator, ann, TODAY).free_words == "No free times given yet."
    for bad in ({(7, "morning")}, {(0, "night")}):
        with pytest.raises(ValidationError):
            db.run(skills.save_free_times, coordinator, ann, bad)


def test_time_away_from_today_on_is_kept_in_order(db, coordinator, ann):
    """Dates away that ended before today are not shown; the rest soonest first, in
    words; the last day before the first is refused; removing one works once."""
    db.run(skills.add_time_away, coordinator, ann, date(2026, 10, 1), date(2026, 10, 8))
    later = db.run(
        skills.add_time_away,
        coordinator,
        ann,
        date(2027, 1, 4),
        date(2027, 1, 11),
        "Visiting family",
    )
    db.run(skills.add_time_away, coordinator, ann, TODAY, TODAY)
    away = db.run(skills.offer, coordinator, ann, TODAY).away
    assert [a.words for a in away] == [
        "Wednesday 18 November 2026",
        "Monday 4 January 2027 to Monday 11 January 2027: Visiting family",
    ]
    with pytest.raises(ValidationError) as caught:
        db.run(skills.add_time_away, coordinator, ann, TODAY, TODAY - timedelta(days=1))
    assert caught.value.first[0] == "ends_on"
    db.run(skills.remove_time_away, coordinator, later)
    assert len(db.run(skills.offer, coordinator, ann, TODAY).away) == 1
    with pytest.raises(NotFound):
        db.run(skills.remove_time_away, coordinator, later)


def test_directory_lists_who_can_do_what_with_contacts_only_for_the_coordinator(
    db, actors, skill, ann
):
    """Everyone still with the club with a skill or free times, by name (not Eve, who
    left); with a skill, only those who hold or are learning it. Phone and email are
    blank for everyone but the coordinator."""
    coordinator = actors["coordinator"]
    bob = add_person(db, coordinator, "Bob Brown")
    cath = add_person(db, coordinator, "Cath Cole")
    add_person(db, coordinator, "Dan Dale")
    db.run(
        skills.save_skills,
        coordinator,
        ann,
        [
            SkillChoice(skill["Gardening"], "can_teach"),
            SkillChoice(skill["Cooking"], "wants_to_learn"),
        ],
    )
    db.run(skills.save_skills, coordinator, bob, [SkillChoice(skill["Gardening"], "learning")])
    db.run(skills.save_free_times, coordinator, cath, {(2, "morning")})
    gone = add_person(db, coordinator, "Eve Evans")
    db.run(skills.save_skills, coordinator, gone, [SkillChoice(skill["Gardening"], "can_do")])
    with db.transaction() as s:
        row = s.get(Person, gone)
        row.status, row.status_on = "left", TODAY
    everyone = db.run(skills.directory, coordinator)
    assert [e.name for e in everyone] == ["Ann Abbott", "Bob Brown", "Cath Cole"]
    first = everyone[0]
    assert (first.phone, first.email) == ("07700 900123", "ann@example.org")
    assert first.skills_words == "Can teach gardening"
    assert [s.name for s in first.to_learn] == ["Cooking"]
    assert everyone[2].free_words == "Free on Wednesday mornings."
    gardeners = db.run(skills.directory, coordinator, skill["Gardening"])
    assert [e.name for e in gardeners] == ["Ann Abbott", "Bob Brown"]
    assert db.run(skills.directory, coordinator, skill["Cooking"]) == []
    for role in ("committee", "treasurer", "volunteer"):
        seen = db.run(skills.directory, actors[role])
        assert [e.name for e in seen] == ["Ann Abbott", "Bob Brown", "Cath Cole"]
        assert all(e.phone == "" and e.email == "" for e in seen)


def test_words_for_skills_and_slots():
    """A skill inside a sentence keeps initials ("IT help"), others go small; slots read
    as "Wednesday afternoons" or, singular, "Wednesday afternoon"."""
    assert skills.skill_words("Music making") == "music making"
    assert skills.skill_words("IT help") == "IT help"
    assert skills.slot_words(2, "afternoon") == "Wednesday afternoons"
    assert skills.slot_words(2, "afternoon", plural=False) == "Wednesday afternoon"
    assert skills.slot_words(4, None) == "Fridays"


def test_unknown_people_are_not_found(db, coordinator):
    """A person removed elsewhere: offer, skills, free times and time away say so."""
    with pytest.raises(NotFound):
        db.run(skills.offer, coordinator, 9999, TODAY)
    with pytest.raises(NotFound):
        db.run(skills.save_skills, coordinator, 9999, [])
    with pytest.raises(NotFound):
        db.run(skills.save_free_times, coordinator, 9999, set())
    with pytest.raises(NotFound):
        db.run(skills.add_time_away, coordinator, 9999, TODAY, TODAY)


@pytest.mark.parametrize("role", ["treasurer", "volunteer", "committee"])
def test_only_the_coordinator_changes_skills_and_time(db, actors, skill, ann, role):
    """Every change to skills, free times and dates away is the coordinator's; the others
    may look."""
    who = actors[role]
    away = db.run(skills.add_time_away, actors["coordinator"], ann, TODAY, TODAY)
    attempts = [
        (skills.add_skill, ("Knitting",)),
        (skills.rename_skill, (skill["Cooking"], "Baking")),
        (skills.remove_skill, (skill["Languages spoken"],)),
        (skills.save_skills, (ann, [SkillChoice(skill["Cooking"], "can_do")])),
        (skills.save_free_times, (ann, {(0, "morning")})),
        (skills.add_time_away, (ann, TODAY, TODAY)),
        (skills.remove_time_away, (away,)),
    ]
    for fn, args in attempts:
        with pytest.raises(NotAllowed):
            db.run(fn, who, *args)
    assert db.run(skills.offer, who, ann, TODAY).away
    assert db.run(skills.skills, who)

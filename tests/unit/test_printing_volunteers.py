"""The volunteers' printouts, from a small club built through the services as the
coordinator would (people with skills, free times and checks; December's needs with who
agreed), read back from the PDF with pypdf: the rota day by day with who agreed and how
many more are wanted, the checks due with their dates in words and certificate numbers
for the coordinator only, the skills directory with contacts for the coordinator only.
Fonts embedded; nothing printed over anything else."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from clubapp.db.database import Database
from clubapp.models.volunteers import Need, NeedPerson
from clubapp.printing import volunteers as volunteer_printing
from clubapp.services import checks, members, needs, skills, volunteer_printouts
from clubapp.services.checks import CheckInput
from clubapp.services.errors import NotAllowed, ValidationError
from clubapp.services.needs import NeedInput
from clubapp.services.permissions import Actor
from clubapp.services.skills import SkillChoice
from tests.conftest import TODAY, add_person
from tests.unit.built_clubs import on
from tests.unit.test_printing_cashbook import overprinted, placed, row_of
from tests.unit.test_printing_members import font_names, page_texts

WEDNESDAY = 2
ANN_DBS = "001234567890"
BOB_DBS = "009876543210"
BOB_FOOD = "FH-5521"


@dataclass
class Club:
    """The ids of what :func:`build_volunteers` made."""

    people: dict[str, int] = field(default_factory=dict)
    skills: dict[str, int] = field(default_factory=dict)
    music: int = 0  # every Wednesday afternoon in December: 2 wanted, Ann agreed
    lunch: int = 0  # Christmas lunch, Saturday 19 December morning: 2 wanted, Bob agreed
    bid: int = 0  # the minibus bid, any time before Friday 11 December: nobody yet
    quiz: int = 0  # cancelled: on no rota


def build_volunteers(db: Database, actor: Actor, today: date = TODAY) -> Club:
    """People with skills, free times and checks, and December's needs (on TODAY's
    calendar, 18 November 2026):

    Ann Lee     can teach music making, can do singing; would like to learn IT help;
                free Wednesday afternoons and Friday mornings; DBS valid to 31 March 2027
    Bob Cole    can teach meal planning, can do cooking, can do driving (not at the
                club); free Wednesday afternoons and evenings; DBS ran out 3 October
                2026; food hygiene runs out 1 December 2026
    Cath Dunn   can do gardening, learning music making; free Saturdays all day;
                insurance runs out 30 November 2026; time bank registered, no date
    Eve Hart    can do music making; free Wednesday afternoons; no DBS
    Fay Gill    can teach music making; free Wednesday afternoons; DBS valid to 30 June
                2027, on the update service
    Dev Evans   nothing said: not in the directory
    """
    club = Club()

    def d(year: int, month: int, day: int) -> date:
        return on(today, year, month, day)

    club.skills = {s.name: s.skill_id for s in db.run(skills.skills, actor)}
    s = club.skills
    people = {
        "ann": ("Ann Lee", ("member",), "07700 900111", "ann@example.org"),
        "bob": ("Bob Cole", ("volunteer",), "07700 900222", ""),
        "cath": ("Cath Dunn", ("carer",), "", ""),
        "eve": ("Eve Hart", ("volunteer",), "07700 900555", ""),
        "fay": ("Fay Gill", ("volunteer",), "07700 900666", "fay@example.org"),
        "dev": ("Dev Evans", ("member",), "07700 900444", ""),
    }
    for key, (name, kinds, phone, email) in people.items():
        club.people[key] = add_person(db, actor, name, kinds=kinds, phone=phone, email=email)
    p = club.people

    def offer(key: str, choices: list[SkillChoice], free: set[tuple[int, str]]) -> None:
        db.run(skills.save_skills, actor, p[key], choices)
        db.run(skills.save_free_times, actor, p[key], free)

    offer(
        "ann",
        [
            SkillChoice(s["Music making"], "can_teach"),
            SkillChoice(s["Singing"], "can_do"),
            SkillChoice(s["IT help"], "wants_to_learn"),
        ],
        {(WEDNESDAY, "afternoon"), (4, "morning")},
    )
    offer(
        "bob",
        [
            SkillChoice(s["Meal planning"], "can_teach"),
            SkillChoice(s["Cooking"], "can_do"),
            SkillChoice(s["Driving"], "can_do", happy_to_use=False),
        ],
        {(WEDNESDAY, "afternoon"), (WEDNESDAY, "evening")},
    )
    offer(
        "cath",
        [SkillChoice(s["Gardening"], "can_do"), SkillChoice(s["Music making"], "learning")],
        {(5, "morning"), (5, "afternoon"), (5, "evening")},
    )
    offer("eve", [SkillChoice(s["Music making"], "can_do")], {(WEDNESDAY, "afternoon")})
    offer("fay", [SkillChoice(s["Music making"], "can_teach")], {(WEDNESDAY, "afternoon")})

    def check(key: str, data: CheckInput) -> None:
        db.run(checks.add_check, actor, p[key], data, today)

    check(
        "ann",
        CheckInput(
            "dbs",
            d(2024, 3, 31),
            d(2027, 3, 31),
            "enhanced",
            ANN_DBS,
            update_service=False,
        ),
    )
    check("bob", CheckInput("dbs", d(2023, 10, 3), d(2026, 10, 3), "enhanced", BOB_DBS))
    check("bob", CheckInput("food_hygiene", d(2023, 12, 1), d(2026, 12, 1), "", BOB_FOOD))
    check(
        "cath",
        CheckInput("insurance", d(2025, 11, 30), d(2026, 11, 30), notes="Renewal asked for"),
    )
    check("cath", CheckInput("time_bank", d(2025, 1, 10)))
    check(
        "fay",
        CheckInput("dbs", d(2024, 6, 30), d(2027, 6, 30), "enhanced", "FG-1", update_service=True),
    )

    def need(data: NeedInput) -> int:
        return db.run(needs.add_need, actor, data)

    club.music = need(
        NeedInput(
            "Music at the Wednesday club",
            "session",
            "weekly",
            weekday=WEDNESDAY,
            part="afternoon",
            starts_on=d(2026, 12, 1),
            ends_on=d(2026, 12, 31),
            people_wanted=2,
            must_skills=(s["Music making"],),
            nice_skills=(s["Singing"],),
            checks=("dbs",),
        )
    )
    club.lunch = need(
        NeedInput(
            "Christmas lunch cooks",
            "job",
            "date",
            on_date=d(2026, 12, 19),
            part="morning",
            people_wanted=2,
            must_skills=(s["Cooking"],),
            checks=("food_hygiene",),
        )
    )
    club.bid = need(
        NeedInput(
            "Minibus bid",
            "grant",
            "before",
            by_date=d(2026, 12, 11),
            must_skills=(s["Bid writing"],),
        )
    )
    club.quiz = need(NeedInput("Quiz night", "job", "date", on_date=d(2026, 12, 5)))
    db.run(needs.set_status, actor, club.quiz, "cancelled")
    db.run(needs.answer, actor, club.music, p["ann"], "agreed", today)
    # Bob agreed in October, before anyone saw that his food hygiene certificate runs out
    # before the lunch (answering now is refused for that): he is on the rota, and the
    # need's page says why he cannot go yet.
    with db.transaction() as session:
        session.add(
            NeedPerson(
                need_id=club.lunch, person_id=p["bob"], answer="agreed", asked_on=d(2026, 10, 20)
            )
        )
        session.get(Need, club.lunch).status = "open"
    return club


@pytest.fixture
def club(db, coordinator) -> Club:
    return build_volunteers(db, coordinator)


def flat(pdf: bytes) -> str:
    return " ".join(" ".join(page_texts(pdf)).split())


def looks_right(pdf: bytes) -> None:
    """Every font embedded, none of ReportLab's own; nothing overprinted or off the page."""
    fonts = font_names(pdf)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert not any("Helvetica" in name for name, _ in fonts)
    assert overprinted(pdf) == []


# ---------------------------------------------------------------- the rota


def rota(db, actor, year: int = 2026, month: int = 12) -> bytes:
    return db.run(volunteer_printouts.rota, actor, year, month, TODAY)


def test_the_rota_lists_each_day_with_who_agreed_and_how_many_more(db, coordinator, club):
    """December: the music need on each of its five Wednesdays (Ann agreed, 1 more
    wanted), the bid on 11 December (nobody yet, 1 more wanted), the lunch on Saturday 19
    December morning (Bob agreed, 1 more wanted); the cancelled quiz is not on it."""
    pdf = rota(db, coordinator)
    text = flat(pdf)
    assert "Volunteer rota" in text and "December 2026" in text
    days = [
        "Wednesday 2 December 2026",
        "Wednesday 9 December 2026",
        "Friday 11 December 2026",
        "Wednesday 16 December 2026",
        "Saturday 19 December 2026",
        "Wednesday 23 December 2026",
        "Wednesday 30 December 2026",
    ]
    where = [text.index(day) for day in days]
    assert where == sorted(where), "days in order"
    assert text.count("Music at the Wednesday club") == 5
    # each line: the part of the day, the need (wrapped), who agreed
    afternoon = row_of(pdf, "Afternoon")
    assert afternoon[0] == "Afternoon" and afternoon[1].startswith("Music at the")
    assert afternoon[-1] == "Ann Lee"
    assert row_of(pdf, "Morning") == ["Morning", "Christmas lunch cooks", "Bob Cole"]
    assert row_of(pdf, "Done by this day") == ["Done by this day", "Minibus bid", "Nobody yet"]
    assert text.count("1 more wanted") == 7
    assert "For: Wednesday club" not in text  # a need for a session says what it is for
    assert "For: A grant bid" in text
    assert "Quiz night" not in text
    assert "Printed on 18 November 2026" in text


def test_the_rota_is_large_print(db, coordinator, club):
    """Read on the wall: the rota's lines are 17 pt, the days 22 pt, none under 14 pt."""
    pdf = rota(db, coordinator)
    sizes = {round(p.size) for p in placed(pdf)}
    assert min(sizes) >= 14
    by_text = {p.text: round(p.size) for p in placed(pdf)}
    assert by_text["Ann Lee"] == 17
    assert by_text["Wednesday 2 December 2026"] == 22


def test_an_empty_month_says_so_in_words(db, coordinator, club):
    """January has nothing on it yet: the rota says so."""
    text = flat(rota(db, coordinator, 2027, 1))
    assert "Nothing is on the rota for January 2027 yet." in text


def test_the_rota_embeds_its_fonts_and_prints_nothing_over_anything(db, coordinator, club):
    """Every font embedded; nothing overlaps or runs off the page."""
    looks_right(rota(db, coordinator))


def test_a_bad_month_is_refused_in_plain_words(db, coordinator, club):
    """Month 13 is not a month."""
    with pytest.raises(ValidationError, match="Choose a month"):
        rota(db, coordinator, 2026, 13)


def test_every_role_can_print_the_rota(db, actors, club):
    """The rota is for everyone who helps: the volunteer's role prints it too."""
    assert "Ann Lee" in flat(rota(db, actors["volunteer"]))


# ---------------------------------------------------------------- checks due


def checks_due(db, actor) -> bytes:
    return db.run(volunteer_printouts.checks_due, actor, TODAY)


def test_the_checks_due_list_ran_out_first_then_soonest(db, coordinator, club):
    """Bob's DBS ran out on 3 October (46 days ago); Cath's insurance runs out on 30
    November (in 12 days), Bob's food hygiene on 1 December (in 13 days). Ann's and
    Fay's DBS, valid into 2027, and Cath's time bank, with no date, are not due."""
    pdf = checks_due(db, coordinator)
    text = flat(pdf)
    assert "Ran out: 1" in text and "Run out in the next 30 days: 2" in text
    assert row_of(pdf, "Ran out 46 days ago") == ["Bob Cole", "DBS check", "Ran out 46 days ago"]
    assert row_of(pdf, "Runs out in 12 days") == ["Cath Dunn", "Insurance", "Runs out in 12 days"]
    assert row_of(pdf, "Runs out in 13 days") == [
        "Bob Cole",
        "Food hygiene certificate",
        "Runs out in 13 days",
    ]
    # under the words, the date itself
    assert "Ran out 46 days ago 3 October 2026" in text
    assert "Runs out in 12 days 30 November 2026" in text
    assert text.index("DBS check") < text.index("Insurance") < text.index("Food hygiene")
    assert "Enhanced, not on the update service" in text
    assert "Notes: Renewal asked for" in text
    for not_due in ("Ann Lee", "Fay Gill", "Time bank"):
        assert not_due not in text


def test_only_the_coordinator_sees_certificate_numbers(db, actors, club):
    """The coordinator's list has Bob's DBS and food hygiene numbers; the committee's has
    the same checks without them, and says why."""
    mine = flat(checks_due(db, actors["coordinator"]))
    assert f"Certificate number: {BOB_DBS}" in mine
    assert f"Certificate number: {BOB_FOOD}" in mine
    assert "printed only for the coordinator" not in mine
    theirs = flat(checks_due(db, actors["committee"]))
    assert "Bob Cole" in theirs and "Ran out 46 days ago" in theirs
    assert BOB_DBS not in theirs and BOB_FOOD not in theirs
    assert "Certificate number:" not in theirs
    assert "Certificate numbers are printed only for the coordinator." in theirs


def test_the_volunteer_and_treasurer_cannot_print_the_checks(db, actors, club):
    """Checks are for the coordinator and the committee."""
    for role in ("volunteer", "treasurer"):
        with pytest.raises(NotAllowed):
            checks_due(db, actors[role])


def test_no_checks_due_says_so(db, coordinator):
    """A club with no checks: nothing has run out, nor runs out soon."""
    text = flat(checks_due(db, coordinator))
    assert "No check has run out, and none runs out in the next 30 days." in text


def test_the_checks_due_list_embeds_its_fonts_and_prints_nothing_over_anything(
    db, coordinator, club
):
    """Every font embedded; nothing overlaps or runs off the page."""
    looks_right(checks_due(db, coordinator))


# ---------------------------------------------------------------- the skills directory


def directory(db, actor) -> bytes:
    return db.run(volunteer_printouts.skills_directory, actor, TODAY)


def test_the_directory_says_who_can_do_what(db, coordinator, club):
    """Each person by name with their skills and levels, what they would like to learn
    and when they are free; Dev, who said nothing, is not in it."""
    text = flat(directory(db, coordinator))
    assert "Skills directory" in text and "5 people, by name." in text
    assert "Skills: Can teach music making; can do singing" in text
    assert "Would like to learn: IT help" in text
    assert "Free: Wednesday afternoons and Friday mornings." in text
    assert "can do driving (would rather not at the club)" in text
    assert "Free: Saturdays all day." in text
    assert "Dev Evans" not in text
    names = ["Ann Lee", "Bob Cole", "Cath Dunn", "Eve Hart", "Fay Gill"]
    where = [text.index(name) for name in names]
    assert where == sorted(where)


def test_the_directory_lists_each_skill_with_its_people(db, coordinator, club):
    """By skill: music making taught by Ann and Fay, done by Eve, learnt by Cath; then the
    skills nobody has yet, driving among them (Bob would rather not at the club)."""
    pdf = directory(db, coordinator)
    text = flat(pdf)
    by_skill = text[text.index("By skill") :]
    assert (
        "Music making Can teach others: Ann Lee, Fay Gill Can do: Eve Hart Learning: Cath Dunn"
        in by_skill
    )
    assert "Cooking Can do: Bob Cole" in by_skill
    nobody = by_skill[by_skill.index("Nobody yet:") :]
    for gap in ("Active listening", "Bid writing", "Driving", "Social media."):
        assert gap in nobody
    assert "Cooking" not in nobody and "Music making" not in nobody


def test_contacts_only_for_the_coordinator(db, actors, club):
    """The coordinator's directory has phones and emails; the volunteer's and the
    committee's have none, and say why."""
    mine = flat(directory(db, actors["coordinator"]))
    assert "Phone: 07700 900111" in mine and "Email: ann@example.org" in mine
    assert "Phone: None on record" in mine  # Cath
    for role in ("volunteer", "committee"):
        theirs = flat(directory(db, actors[role]))
        assert "Ann Lee" in theirs
        assert "07700" not in theirs and "@example.org" not in theirs
        assert "Phone" not in theirs.replace("Phone numbers and emails are printed only", "")


def test_an_empty_directory_says_so(db, coordinator):
    """Nobody has said anything yet; every skill has nobody yet."""
    text = flat(directory(db, coordinator))
    assert "Nobody has said what they can do or when they are free yet." in text
    assert "Nobody yet: Active listening, Arts and crafts" in text


def test_the_directory_embeds_its_fonts_and_prints_nothing_over_anything(db, coordinator, club):
    """Every font embedded; nothing overlaps or runs off the page."""
    looks_right(directory(db, coordinator))


def test_the_printing_module_names_its_titles(db, coordinator, club):
    """The page headers carry the printouts' titles."""
    assert volunteer_printing.ROTA_TITLE in flat(rota(db, coordinator))
    assert volunteer_printing.CHECKS_TITLE in flat(checks_due(db, coordinator))
    assert volunteer_printing.DIRECTORY_TITLE in flat(directory(db, coordinator))


# ---------------------------------------------------------------- a busy month


LONG_NAME = "Margaret Featherstonehaugh-Worthington-Smythe"
LONG_TITLE = (
    "Help setting up, serving and clearing away at the Christmas lunch for members, "
    "carers and families in the big hall"
)


def build_busy_club(db: Database, actor: Actor) -> None:
    """Thirty people with long names, every skill, free all week, each with a DBS running
    out in the next weeks; a need on every weekday of December with six wanted and five
    agreed, and one with a very long title."""
    all_skills = [s.skill_id for s in db.run(skills.skills, actor)]
    people = []
    for n in range(30):
        name = f"{LONG_NAME} {n + 1}" if n % 3 == 0 else f"Person Number {n + 1}"
        pid = add_person(db, actor, name, phone=f"07700 9{n:05d}", email=f"p{n}@example.org")
        choices = [
            SkillChoice(sid, ("can_teach", "can_do", "learning")[(sid + n) % 3])
            for sid in all_skills
        ]
        db.run(skills.save_skills, actor, pid, choices)
        db.run(
            skills.save_free_times,
            actor,
            pid,
            {(day, part) for day in range(7) for part in ("morning", "afternoon", "evening")},
        )
        data = CheckInput(
            "dbs",
            date(2023, 1, 1),
            date(2026, 11, 1) if n % 4 == 0 else date(2026, 12, 1 + n % 17),
            "enhanced_barred",
            f"{n:012d}",
            notes="Renewal form sent, waiting for the police to reply" if n % 5 == 0 else "",
        )
        db.run(checks.add_check, actor, pid, data, TODAY)
        people.append(pid)
    for weekday in range(5):
        need_id = db.run(
            needs.add_need,
            actor,
            NeedInput(
                LONG_TITLE if weekday == 2 else f"Need on weekday {weekday}",
                "job",
                "weekly",
                weekday=weekday,
                part=("morning", "afternoon", "evening")[weekday % 3],
                starts_on=date(2026, 12, 1),
                ends_on=date(2026, 12, 31),
                people_wanted=6,
            ),
        )
        for pid in people[weekday : weekday + 5]:
            db.run(needs.answer, actor, need_id, pid, "agreed", TODAY)


def test_a_busy_month_runs_over_pages_without_overprinting(db, coordinator):
    """Long names and titles, many lines: every printout runs on over its pages with
    nothing printed over anything, nothing off the page, and every name printed whole."""
    build_busy_club(db, coordinator)
    for pdf in (
        rota(db, coordinator),
        checks_due(db, coordinator),
        directory(db, coordinator),
    ):
        assert len(page_texts(pdf)) > 1
        looks_right(pdf)
    text = flat(rota(db, coordinator))
    # December 2026: 4 Mondays, 5 Tuesdays, Wednesdays and Thursdays, 4 Fridays
    assert text.count("1 more wanted") == 23
    checks_pdf = checks_due(db, coordinator)
    assert flat(checks_pdf).count("Certificate number:") == 30
    # a table's heading row starts a page or a table, never again in the middle of one
    for page in page_texts(checks_pdf):
        assert " ".join(page.split()).count("Person Check When") <= 1, page


def test_hyphenated_names_keep_their_hyphens(db, coordinator):
    """A long list of hyphenated names after a bold label wraps at the spaces: no name
    loses a hyphen (ReportLab's hyphenation of such lines drops them)."""
    build_busy_club(db, coordinator)
    text = flat(directory(db, coordinator))
    assert text.count("Featherstonehaugh-Worthington-Smythe") >= 10 * 17
    assert "haughWorthington" not in text and "WorthingtonSmythe" not in text


def test_a_need_with_more_names_than_a_page_holds_runs_on(db, coordinator):
    """Fifty wanted, thirty agreed: the day's line is taller than a page, so it is split
    across pages rather than lost or crashing; every name and "20 more wanted" print."""
    build_busy_club(db, coordinator)
    everyone = [p.person_id for p in db.run(members.list_people, coordinator)]
    need_id = db.run(
        needs.add_need,
        coordinator,
        NeedInput("Street party", "job", "date", on_date=date(2026, 12, 12), people_wanted=50),
    )
    for pid in everyone:
        db.run(needs.answer, coordinator, need_id, pid, "agreed", TODAY)
    pdf = rota(db, coordinator)
    looks_right(pdf)
    text = flat(pdf)
    assert "Street party" in text and "20 more wanted" in text
    day = text[text.index("Saturday 12 December 2026") : text.index("Monday 14 December 2026")]
    assert day.count("Person Number") == 20 and day.count("Margaret") == 10

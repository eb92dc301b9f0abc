"""The demo club: a realistic, fictional club to try the app on, or to measure it with.

`build_demo(db)` fills a freshly created, empty database with "Riverside Memory Club":
about 40 people of every kind (members living with dementia and their carers, family,
residents of the building, volunteers, trustees, the coordinator, supporters), their
needs, emergency contacts and consent records, three months of twice-weekly sessions
with attendance plus the next four weeks, and one user for each role.

`size="large"` adds generated people up to 5,000 and ten years of sessions with
attendance, written with bulk inserts, for benchmarks.

Everything is made up. Phone numbers are in Ofcom's ranges kept for drama (07700 900xxx
and 0161 496 0xxx), emails are at example.org and the postcodes (RS…) do not exist.
The same seed and the same `today` always give the same club.

Later issues add their own data: write a function `step(ctx: DemoContext) -> None` and
add it to `EXTRA_STEPS`. It runs in the same transaction, after people, sessions and
attendance exist; `ctx.ids` maps the roster keys below ("peggy", "sam", …) to person ids.
"""

from __future__ import annotations

import heapq
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from clubapp.db.database import Database
from clubapp.models.attendance import Attendance, ClubSession
from clubapp.models.base import utcnow
from clubapp.models.members import (
    ConsentRecord,
    EmergencyContact,
    Person,
    PersonKind,
    PersonLink,
)
from clubapp.models.users import User
from clubapp.services import attendance, users
from clubapp.services.members import (
    ConsentData,
    EmergencyContactData,
    LinkData,
    PersonInput,
    save_person,
)
from clubapp.services.permissions import Actor

SIZES = ("small", "large")
CLUB_NAME = "Riverside Memory Club"
LARGE_PEOPLE = 5000
LARGE_YEARS = 10
SMALL_MONTHS = 3
WEEKS_AHEAD = 4

WEDNESDAY, FRIDAY, SUNDAY = 2, 4, 6
CLUB_TIME = time(10, 30)
CRAFTERNOON_TIME = time(14, 0)
# The club does not meet on these days (month, day).
CLOSED_DAYS = {(12, 25), (12, 26), (1, 1)}


@dataclass(frozen=True)
class DemoUser:
    name: str
    role: str
    password: str


@dataclass(frozen=True)
class DemoSummary:
    club_name: str
    people: int
    sessions: int
    attendances: int
    users: tuple[DemoUser, ...]


# (user name, role, password, roster key of their person record)
DEMO_USERS = (
    ("Sam Taylor", "coordinator", "river club coordinator", "sam"),
    ("Pat Green", "treasurer", "river club treasurer", "pat"),
    ("Ruth Ellis", "committee", "river club committee", "ruth"),
    ("Dev Patel", "volunteer", "river club volunteer", "dev"),
)


@dataclass
class DemoContext:
    """What each step of the build shares: the open session, the dice and the roster's ids."""

    session: Session
    actor: Actor  # the demo coordinator, Sam Taylor
    rng: random.Random
    today: date
    size: str
    first_day: date  # the first session date
    ids: dict[str, int] = field(default_factory=dict)  # roster key -> person id


# --------------------------------------------------------------------------------------
# The small club, person by person
# --------------------------------------------------------------------------------------

COURT = "Riverside Court, Mill Street, Riverside RS1 4AB"  # the building where the club meets


@dataclass(frozen=True)
class _Someone:
    key: str
    full_name: str
    kinds: tuple[str, ...]
    known_as: str = ""
    joined_days_ago: int = 700
    home: str = ""  # blank: a made-up street address
    email: bool = False
    landline: bool = False
    mobility: str = ""
    hearing: str = ""
    sight: str = ""
    diet: str = ""
    tips: str = ""
    status: str = "active"
    status_days_ago: int = 0
    rate: float = 0.0  # chance of coming to a session on their own account
    along: float = 0.0  # chance of coming when someone they are linked to comes
    links: tuple[tuple[str, str], ...] = ()  # (link kind, roster key of the other person)
    contacts: tuple[tuple[str, str, str], ...] = ()  # (roster key or name, relationship, notes)
    consent_by: tuple[str, str] = ("self", "")  # (giver code, roster key of the giver)
    consents: tuple[str, ...] = ("keep_details",)
    review_soon: tuple[tuple[str, int], ...] = ()  # (consent, days until its review)
    withdrawn: tuple[tuple[str, int], ...] = ()  # (consent, days since it was withdrawn)


_OWN = ("keep_details", "health_notes")

ROSTER: tuple[_Someone, ...] = (
    # Members living with dementia
    _Someone(
        "peggy",
        "Margaret Holloway",
        ("member",),
        known_as="Peggy",
        joined_days_ago=1290,
        home="14 Orchard Way, Riverside RS2 3DF",
        landline=True,
        mobility="Uses a walking frame; needs a chair with arms.",
        tips="Likes to be called Peggy. Talk about her garden. Give her time to answer.",
        rate=0.9,
        contacts=(("arthur", "Husband", "Usually at the club with her."),),
        consent_by=("attorney", "arthur"),
        consents=(*_OWN, "photos"),
        review_soon=(("keep_details", 21),),
    ),
    _Someone(
        "kwame",
        "Kwame Mensah",
        ("member", "trustee"),
        joined_days_ago=980,
        hearing="Hearing aid in his right ear; sit on his right.",
        diet="Type 2 diabetes: no sugar in tea. Sweetener is in the kitchen cupboard.",
        tips="Drove the number 42 bus for thirty years and loves to talk about it. "
        "Say one thing at a time. He is a trustee: ask him what he thinks.",
        rate=0.85,
        contacts=(("abena", "Daughter", ""),),
        consents=(*_OWN, "photos", "share_phone"),
    ),
    _Someone(
        "siobhan",
        "Siobhán Murphy",
        ("member",),
        joined_days_ago=820,
        home="3 Ferry Lane, Riverside RS2 5HJ",
        sight="Wears glasses for reading; large print, please.",
        diet="Vegetarian.",
        tips="Loves Irish music and a good sing-song. If she gets upset, a slow walk "
        "along the corridor with someone she knows helps.",
        rate=0.85,
        contacts=(("declan", "Husband", ""),),
        consents=(*_OWN, "photos"),
    ),
    _Someone(
        "harry",
        "Harold Jenkins",
        ("member",),
        known_as="Harry",
        joined_days_ago=1100,
        home="27 Chapel Row, Riverside RS3 1QP",
        landline=True,
        mobility="Wheelchair user: use the ramp at the side door and a table he can get under.",
        hearing="Hard of hearing: face him and speak clearly, not loudly.",
        tips="Call him Harry. Proud Welshman and a miner for many years; ask him about "
        "rugby. Questions he can answer with yes or no are easiest.",
        rate=0.75,
        contacts=(
            ("gareth", "Son", "Has lasting power of attorney."),
            ("helen", "Daughter-in-law", ""),
        ),
        consent_by=("attorney", "gareth"),
        consents=(*_OWN, "photos"),
        withdrawn=(("photos", 20),),
    ),
    _Someone(
        "amrit",
        "Amrit Kaur",
        ("member",),
        joined_days_ago=610,
        mobility="Walks with a stick; mind the step at the front door.",
        diet="Vegetarian: no meat, fish or eggs.",
        tips="Speaks Punjabi and some English. Smile, speak slowly and show her things. "
        "She loves to knit and will happily show you how.",
        rate=0.7,
        contacts=(("gurpreet", "Son", ""),),
        consent_by=("carer", "gurpreet"),
        consents=_OWN,
    ),
    _Someone(
        "liwei",
        "Li Wei",
        ("member",),
        joined_days_ago=450,
        home="8 Linden Grove, Riverside RS2 7LT",
        diet="Lactose intolerant: black tea, or oat milk from the fridge.",
        tips="Likes to be called Mr Li. Ran a restaurant for years and loves to help "
        "with the food. Show him rather than tell him.",
        rate=0.8,
        contacts=(("zhanghui", "Wife", ""),),
        consents=(*_OWN, "photos"),
    ),
    _Someone(
        "dot",
        "Dorothy Pearson",
        ("member", "resident"),
        known_as="Dot",
        joined_days_ago=1500,
        home=f"Flat 3, {COURT}",
        landline=True,
        mobility="Unsteady on her feet after about 3 pm; offer your arm.",
        sight="Macular degeneration: sit her near the window and use big, clear print.",
        tips="Likes to be called Dot. Has lived in Riverside all her life and knows "
        "everyone's story. Tell her your name each time you speak to her.",
        rate=0.9,
        contacts=(("michael", "Nephew", "Works nights; try his phone after 2 pm."),),
        consents=(*_OWN, "share_phone"),
    ),
    _Someone(
        "stan",
        "Stanley Brooks",
        ("member",),
        known_as="Stan",
        joined_days_ago=760,
        home="52 Weaver Street, Riverside RS1 6NB",
        mobility="Needs a chair with arms.",
        diet="Nut allergy (severe). He carries an adrenaline pen in his jacket pocket.",
        tips="Call him Stan. Loves 1950s rock and roll and will dance if you ask him. "
        "Can get worried near the end of a session; tell him Joan is nearby.",
        rate=0.85,
        contacts=(("joan", "Wife", ""),),
        consent_by=("carer", "joan"),
        consents=_OWN,
    ),
    _Someone(
        "irene",
        "Irene Walsh",
        ("member", "resident"),
        joined_days_ago=530,
        home=f"Flat 11, {COURT}",
        landline=True,
        hearing="Hearing aid in left ear; sit on her left.",
        tips="Was a primary school teacher. Likes doing the crossword with someone. "
        "Give her time to find the word.",
        rate=0.8,
        contacts=(
            ("gwen", "Sister", ""),
            ("Karen Walsh", "Daughter", "Lives in Bristol."),
        ),
        consents=(*_OWN, "share_phone"),
        review_soon=(("health_notes", 45),),
    ),
    _Someone(
        "bernard",
        "Bernard Okafor",
        ("member",),
        known_as="Bernie",
        joined_days_ago=900,
        home="5 Heron Close, Riverside RS3 4WD",
        mobility="Walks with a stick.",
        sight="Has little sight in his left eye: come up to him on his right.",
        diet="Low-salt diet.",
        tips="Played the organ at church for forty years; music settles him. Use short "
        "sentences and check he has understood.",
        rate=0.8,
        contacts=(("grace", "Wife", "Has lasting power of attorney."),),
        consent_by=("attorney", "grace"),
        consents=(*_OWN, "photos"),
    ),
    _Someone(
        "elsie",
        "Elsie Morgan",
        ("member",),
        joined_days_ago=1400,
        landline=True,
        mobility="Used a wheelchair for longer distances.",
        tips="Loved the Crafternoon and a cup of tea, milk and one sugar.",
        status="died",
        status_days_ago=33,
        rate=0.7,
        contacts=(("rhiannon", "Daughter", ""),),
        consent_by=("attorney", "rhiannon"),
        consents=(*_OWN, "photos"),
    ),
    _Someone(
        "frank",
        "Frank Dempsey",
        ("member",),
        joined_days_ago=700,
        landline=True,
        tips="Served in the Navy and likes to be busy: give him a job, like setting out "
        "the chairs.",
        status="left",
        status_days_ago=45,
        rate=0.7,
        contacts=(("Liam Dempsey", "Son", "Frank moved to a care home near Liam in Leeds."),),
        consents=_OWN,
    ),
    _Someone(
        "zoe",
        "Zoë O'Brien",
        ("member", "trustee"),
        joined_days_ago=50,
        email=True,
        tips="Was diagnosed with young-onset dementia at 58 and still works part time. "
        "Likes a written list of what is happening today. Please do not finish her sentences.",
        rate=0.75,
        contacts=(("Chris O'Brien", "Partner", ""),),
        consents=("keep_details", "health_notes", "photos", "share_phone"),
    ),
    _Someone(
        "winston",
        "Winston Clarke",
        ("member",),
        joined_days_ago=640,
        mobility="Needs a chair with arms.",
        diet="Type 2 diabetes: no sugar in tea.",
        tips="Loves cricket and dominoes, and he will beat you. Face him and speak clearly.",
        rate=0.85,
        contacts=(("marcia", "Daughter", ""),),
        consents=(*_OWN, "photos"),
    ),
    _Someone(
        "norma",
        "Norma Fielding",
        ("member",),
        joined_days_ago=380,
        landline=True,
        hearing="Wears two hearing aids; a quiet corner helps.",
        tips="Enjoys poetry and the quiz. Is in hospital for a while; the club has sent a card.",
        status="paused",
        status_days_ago=20,
        rate=0.7,
        contacts=(("Paul Fielding", "Son", ""),),
        consents=_OWN,
    ),
    # Carers: spouses, and adult children who are family too
    _Someone(
        "arthur",
        "Arthur Holloway",
        ("carer",),
        joined_days_ago=1290,
        home="14 Orchard Way, Riverside RS2 3DF",
        email=True,
        links=(("carer_of", "peggy"), ("attorney_for", "peggy")),
        consents=("keep_details", "share_phone"),
    ),
    _Someone(
        "abena",
        "Abena Mensah",
        ("carer", "family"),
        joined_days_ago=980,
        email=True,
        links=(("carer_of", "kwame"),),
    ),
    _Someone(
        "declan",
        "Declan Murphy",
        ("carer",),
        joined_days_ago=820,
        home="3 Ferry Lane, Riverside RS2 5HJ",
        links=(("carer_of", "siobhan"),),
        consents=("keep_details", "share_phone"),
    ),
    _Someone(
        "gareth",
        "Gareth Jenkins",
        ("carer", "family"),
        joined_days_ago=1100,
        email=True,
        along=0.9,
        links=(("carer_of", "harry"), ("attorney_for", "harry")),
    ),
    _Someone(
        "gurpreet",
        "Gurpreet Singh",
        ("carer", "family"),
        joined_days_ago=610,
        email=True,
        links=(("carer_of", "amrit"),),
    ),
    _Someone(
        "zhanghui",
        "Zhang Hui",
        ("carer",),
        joined_days_ago=450,
        home="8 Linden Grove, Riverside RS2 7LT",
        links=(("carer_of", "liwei"),),
    ),
    _Someone(
        "joan",
        "Joan Brooks",
        ("carer", "trustee"),
        joined_days_ago=760,
        home="52 Weaver Street, Riverside RS1 6NB",
        email=True,
        links=(("carer_of", "stan"),),
        consents=("keep_details", "share_phone"),
    ),
    _Someone(
        "grace",
        "Grace Okafor",
        ("carer", "trustee"),
        joined_days_ago=900,
        home="5 Heron Close, Riverside RS3 4WD",
        email=True,
        links=(("carer_of", "bernard"), ("attorney_for", "bernard")),
        consents=("keep_details", "share_phone"),
    ),
    _Someone(
        "rhiannon",
        "Rhiannon Morgan",
        ("carer", "family", "volunteer"),
        joined_days_ago=1400,
        email=True,
        rate=0.6,
        links=(("carer_of", "elsie"), ("attorney_for", "elsie")),
    ),
    _Someone(
        "marcia",
        "Marcia Clarke",
        ("carer", "family"),
        joined_days_ago=640,
        email=True,
        links=(("carer_of", "winston"),),
        consents=("keep_details", "share_phone"),
    ),
    # Family
    _Someone(
        "kofi",
        "Kofi Mensah",
        ("family",),
        joined_days_ago=300,
        email=True,
        along=0.15,
        links=(("family_of", "kwame"),),
    ),
    _Someone(
        "helen",
        "Helen Jenkins",
        ("family",),
        joined_days_ago=1000,
        email=True,
        along=0.2,
        links=(("family_of", "harry"),),
    ),
    _Someone(
        "michael",
        "Michael Pearson",
        ("family",),
        joined_days_ago=1400,
        along=0.15,
        links=(("family_of", "dot"),),
    ),
    _Someone(
        "gwen",
        "Gwen Harris",
        ("family",),
        joined_days_ago=500,
        landline=True,
        along=0.25,
        links=(("family_of", "irene"),),
    ),
    # Residents of Riverside Court
    _Someone(
        "leonard",
        "Leonard Fox",
        ("resident", "volunteer"),
        known_as="Len",
        joined_days_ago=1800,
        home=f"Flat 7, {COURT}",
        landline=True,
        hearing="A little deaf in both ears.",
        rate=0.8,
        consents=("keep_details", "share_phone"),
    ),
    _Someone(
        "beryl",
        "Beryl Atkinson",
        ("resident",),
        joined_days_ago=1200,
        home=f"Flat 2, {COURT}",
        landline=True,
        mobility="Uses a mobility scooter; leave space by the door.",
        rate=0.6,
    ),
    # Volunteers
    _Someone(
        "pat",
        "Pat Green",
        ("volunteer", "trustee"),
        joined_days_ago=2100,
        email=True,
        rate=0.85,
        consents=("keep_details", "share_phone"),
    ),
    _Someone("dev", "Dev Patel", ("volunteer",), joined_days_ago=420, email=True, rate=0.9),
    _Someone(
        "fatima",
        "Fatima Hussain",
        ("volunteer", "trustee"),
        joined_days_ago=1300,
        email=True,
        diet="Halal food only, please.",
        rate=0.7,
    ),
    _Someone("tom", "Tom Baxter", ("volunteer",), joined_days_ago=230, email=True, rate=0.6),
    _Someone(
        "aga",
        "Agnieszka Nowak",
        ("volunteer",),
        known_as="Aga",
        joined_days_ago=560,
        email=True,
        rate=0.75,
        consents=("keep_details", "share_phone"),
    ),
    # The coordinator and supporters
    _Someone(
        "sam",
        "Sam Taylor",
        ("coordinator",),
        joined_days_ago=1600,
        email=True,
        rate=0.97,
        consents=("keep_details", "share_phone"),
    ),
    _Someone(
        "ruth",
        "Ruth Ellis",
        ("supporter", "trustee"),
        joined_days_ago=1900,
        email=True,
        rate=0.15,
    ),
    _Someone(
        "alan",
        "Alan Price",
        ("supporter",),
        joined_days_ago=1000,
        email=True,
        rate=0.1,
    ),
    _Someone(
        "ian",
        "Ian McLeod",
        ("supporter",),
        joined_days_ago=800,
        email=True,
        rate=0.1,
    ),
)

# Streets of the made-up town of Riverside (RS postcodes do not exist).
STREETS = (
    "Willow Lane",
    "Orchard Way",
    "Ferry Lane",
    "Chapel Row",
    "Linden Grove",
    "Weaver Street",
    "Heron Close",
    "Kingfisher Drive",
    "Towpath Walk",
    "Millstone Road",
    "Bramble Avenue",
    "Foundry Street",
    "Lock Keeper's Way",
    "Meadow Bank",
    "Station Terrace",
    "Spinners Court",
)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum() or ch == " ")


def _email(full_name: str) -> str:
    return ".".join(_ascii(full_name).split()) + "@example.org"


class _Phones:
    """Unused numbers from the ranges Ofcom keeps for drama (they reach nobody)."""

    def __init__(self, rng: random.Random) -> None:
        self._mobiles = rng.sample(range(1000), 1000)
        self._landlines = rng.sample(range(1000), 1000)
        self._rng = rng

    def mobile(self) -> str:
        n = self._mobiles.pop() if self._mobiles else self._rng.randrange(1000)
        return f"07700 900{n:03d}"

    def landline(self) -> str:
        n = self._landlines.pop() if self._landlines else self._rng.randrange(1000)
        return f"0161 496 0{n:03d}"


_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def _address(rng: random.Random) -> str:
    street = f"{rng.randint(1, 120)} {rng.choice(STREETS)}"
    inward = f"{rng.randint(1, 9)}{rng.choice(_POSTCODE_LETTERS)}{rng.choice(_POSTCODE_LETTERS)}"
    return f"{street}, Riverside RS{rng.randint(1, 4)} {inward}"


def _last_day(who: _Someone, today: date) -> date:
    """The last day they were part of the club: today, or the day they left, paused or died."""
    return today if who.status == "active" else today - timedelta(days=who.status_days_ago)


def _consents(who: _Someone, ctx: DemoContext, names: dict[str, str]) -> tuple[ConsentData, ...]:
    rng, today = ctx.rng, ctx.today
    joined = today - timedelta(days=who.joined_days_ago)
    giver, giver_key = who.consent_by
    giver_name = names[giver_key] if giver_key else ""
    review_soon = dict(who.review_soon)
    withdrawn = dict(who.withdrawn)
    records = []
    for what in who.consents:
        # Consents are renewed each year; the latest one is what the record shows.
        given_on = max(joined, _last_day(who, today) - timedelta(days=rng.randint(20, 330)))
        review_on: date | None = given_on + timedelta(days=365)
        withdrawn_on = None
        if what in review_soon:
            review_on = today + timedelta(days=review_soon[what])
            given_on = max(joined, review_on - timedelta(days=365))
        if what in withdrawn:
            withdrawn_on = today - timedelta(days=withdrawn[what])
            given_on = max(joined, withdrawn_on - timedelta(days=200))
            review_on = None
        records.append(
            ConsentData(
                what=what,
                given_by=giver if what != "share_phone" else "self",
                given_on=given_on,
                given_by_name=giver_name if what != "share_phone" else "",
                review_on=review_on,
                withdrawn_on=withdrawn_on,
            )
        )
    # A person with dementia's phone number is shared only with their own say-so.
    return tuple(c for c in records if not (c.what == "share_phone" and giver != "self"))


def _add_roster(ctx: DemoContext) -> None:
    """The ~40 people of the small club, through the members service (linked people last)."""
    rng, today = ctx.rng, ctx.today
    phones = _Phones(rng)
    by_key = {who.key: who for who in ROSTER}
    names = {who.key: who.full_name for who in ROSTER}
    phone = {who.key: phones.landline() if who.landline else phones.mobile() for who in ROSTER}
    # People who link to others are saved after the people they link to.
    order = sorted(ROSTER, key=lambda who: bool(who.links))
    for who in order:
        contacts = []
        for ref, relationship, notes in who.contacts:
            if ref in by_key:
                contacts.append(EmergencyContactData(names[ref], relationship, phone[ref], notes))
            else:
                contacts.append(EmergencyContactData(ref, relationship, phones.mobile(), notes))
        data = PersonInput(
            full_name=who.full_name,
            known_as=who.known_as,
            kinds=who.kinds,
            phone=phone[who.key],
            email=_email(who.full_name) if who.email else "",
            address=who.home or _address(rng),
            joined_on=today - timedelta(days=who.joined_days_ago),
            status=who.status,
            status_on=_last_day(who, today) if who.status != "active" else None,
            mobility=who.mobility,
            hearing=who.hearing,
            sight=who.sight,
            diet=who.diet,
            communication_tips=who.tips,
            emergency_contacts=tuple(contacts),
            links=tuple(LinkData(kind, ctx.ids[other]) for kind, other in who.links),
            consents=_consents(who, ctx, names),
        )
        ctx.ids[who.key] = save_person(ctx.session, ctx.actor, data)


# --------------------------------------------------------------------------------------
# The crowd of the large club: generated names, bulk inserts
# --------------------------------------------------------------------------------------

# fmt: off
WOMEN = (
    "Margaret", "Patricia", "Elizabeth", "Dorothy", "Joan", "Kathleen", "Susan", "Barbara",
    "Jean", "Irene", "Sheila", "Brenda", "Christine", "Linda", "Valerie", "Maureen", "Pauline",
    "Sandra", "Janet", "Gillian", "Ann", "Mary", "Helen", "Carol", "Sarah", "Emma", "Rachel",
    "Claire", "Nicola", "Deborah", "Siobhán", "Aoife", "Bridget", "Zoë", "Amrit", "Harpreet",
    "Priya", "Fatima", "Ayesha", "Nasreen", "Abena", "Grace", "Ngozi", "Marcia", "Hyacinth",
    "Mei", "Hui", "Agnieszka", "Ewa", "Rhiannon", "Gwen", "Morag", "Fiona", "Eileen", "Olive",
)
MEN = (
    "John", "David", "Michael", "Peter", "Robert", "William", "James", "Anthony", "Brian",
    "Kenneth", "Derek", "Keith", "Alan", "Colin", "Raymond", "Roy", "Stanley", "Harold",
    "Frank", "Arthur", "Thomas", "Richard", "Edward", "Christopher", "Paul", "Mark", "Gareth",
    "Rhys", "Dafydd", "Declan", "Sean", "Patrick", "Kwame", "Kofi", "Bernard", "Winston",
    "Delroy", "Gurpreet", "Harjit", "Rajesh", "Dev", "Mohammed", "Imran", "Tariq", "Wei",
    "Jian", "Tomasz", "Piotr", "Hamish", "Angus", "Leonard", "Cyril", "Ernest", "Walter",
)
SURNAMES = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
    "Jackson", "Clarke", "Holloway", "Pearson", "Brooks", "Walsh", "Atkinson", "Fox", "Baxter",
    "Ellis", "Price", "Fielding", "Dempsey", "Harris", "Morgan", "Jenkins", "Hughes", "Lloyd",
    "Murphy", "O'Brien", "Kelly", "Byrne", "McLeod", "Campbell", "Stewart", "Fraser",
    "Mensah", "Okafor", "Adeyemi", "Boateng", "Campbell-Reid", "Kaur", "Singh", "Patel",
    "Shah", "Hussain", "Khan", "Ahmed", "Rahman", "Li", "Zhang", "Chen", "Wong", "Nowak",
    "Kowalczyk", "Wójcik", "Nowicki", "Hollis", "Marsh", "Bennett", "Shaw", "Lister",
    "Booth", "Whitaker", "Kershaw", "Ashworth", "Haworth", "Sutcliffe", "Greenwood", "Crossley",
)
# Some people go by a shorter name; a few of them say so.
NICKNAMES = {
    "Margaret": "Peggy", "Elizabeth": "Betty", "Dorothy": "Dot", "Kathleen": "Kath",
    "Patricia": "Pat", "Susan": "Sue", "Christine": "Chris", "Valerie": "Val",
    "Gillian": "Jill", "Deborah": "Debbie", "William": "Bill", "Robert": "Bob",
    "James": "Jim", "Anthony": "Tony", "Kenneth": "Ken", "Raymond": "Ray", "Stanley": "Stan",
    "Harold": "Harry", "Thomas": "Tom", "Edward": "Ted", "Christopher": "Chris",
    "Bernard": "Bernie", "Leonard": "Len", "Agnieszka": "Aga",
}
MOBILITY = (
    "Uses a walking frame; needs a chair with arms.",
    "Walks with a stick.",
    "Wheelchair user: use the ramp at the side door.",
    "Unsteady on their feet; offer an arm on the stairs.",
    "Needs a chair with arms.",
)
HEARING = (
    "Hearing aid in left ear; sit on that side.",
    "Hearing aid in right ear; sit on that side.",
    "Hard of hearing: face them and speak clearly, not loudly.",
)
SIGHT = (
    "Wears glasses for reading; large print, please.",
    "Macular degeneration: sit near the window and use big, clear print.",
)
DIET = (
    "Type 2 diabetes: no sugar in tea.",
    "Nut allergy (severe).",
    "Vegetarian.",
    "Halal food only, please.",
    "Gluten free.",
    "Soft food: cut things small.",
)
TOPICS = (
    "{their} garden", "football", "old films", "dancing", "the seaside", "{their} grandchildren",
    "cooking", "growing up in Riverside", "cricket", "knitting", "the mill where {they} worked",
    "music from the 1960s", "birds", "{their} dog", "holidays in Wales", "the church choir",
)
# fmt: on
RELATIVES = ("Son", "Daughter", "Niece", "Nephew", "Neighbour", "Friend", "Brother", "Sister")


@dataclass
class _Crowd:
    """Rows for the bulk inserts, built in memory."""

    ctx: DemoContext
    next_id: int
    phones: _Phones
    now: datetime
    people: list[dict[str, Any]] = field(default_factory=list)
    kinds: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    consents: list[dict[str, Any]] = field(default_factory=list)

    def name(self, woman: bool, surname: str | None = None) -> tuple[str, str, str]:
        rng = self.ctx.rng
        first = rng.choice(WOMEN if woman else MEN)
        full = f"{first} {surname or rng.choice(SURNAMES)}"
        known = NICKNAMES[first] if first in NICKNAMES and rng.random() < 0.3 else ""
        return full, known, first

    def person(
        self,
        kinds: tuple[str, ...],
        joined: date,
        ends: date | None,
        ended_as: str = "left",
        *,
        woman: bool,
        surname: str | None = None,
        address: str | None = None,
        needs: bool = False,
    ) -> int:
        rng, today = self.ctx.rng, self.ctx.today
        pid = self.next_id
        self.next_id += 1
        full, known, first = self.name(woman, surname)
        active = ends is None or ends > today
        row: dict[str, Any] = {
            "id": pid,
            "full_name": full,
            "known_as": known,
            "phone": self.phones.landline() if rng.random() < 0.4 else self.phones.mobile(),
            "email": _email(full) if rng.random() < 0.3 else "",
            "address": address or _address(rng),
            "joined_on": joined,
            "status": "active" if active else ended_as,
            "status_on": None if active else ends,
            "mobility": rng.choice(MOBILITY) if needs and rng.random() < 0.4 else "",
            "hearing": rng.choice(HEARING) if needs and rng.random() < 0.3 else "",
            "sight": rng.choice(SIGHT) if needs and rng.random() < 0.2 else "",
            "diet": rng.choice(DIET) if needs and rng.random() < 0.3 else "",
            "communication_tips": "",
            "created_at": self.now,
            "updated_at": self.now,
        }
        if needs:
            they, them, their = ("she", "her", "her") if woman else ("he", "him", "his")
            topic = rng.choice(TOPICS).format(they=they, their=their)
            row["communication_tips"] = (
                f"Likes to be called {known or first}. Talk about {topic}. "
                f"Give {them} time to answer."
            )
        self.people.append(row)
        self.kinds.extend({"person_id": pid, "kind": k} for k in kinds)
        self.consent(pid, "keep_details", joined, "self", "")
        return pid

    def consent(self, pid: int, what: str, given_on: date, given_by: str, by_name: str) -> None:
        self.consents.append(
            {
                "person_id": pid,
                "what": what,
                "given_by": given_by,
                "given_by_name": by_name,
                "given_on": given_on,
                "review_on": given_on + timedelta(days=730),
                "withdrawn_on": None,
            }
        )

    def link(self, pid: int, other: int, kind: str) -> None:
        self.links.append({"person_id": pid, "other_id": other, "kind": kind})

    def contact(self, pid: int, name: str, relationship: str, phone: str) -> None:
        self.contacts.append(
            {
                "person_id": pid,
                "position": 0,
                "name": name,
                "relationship": relationship,
                "phone": phone,
                "notes": "",
            }
        )

    def span(self, mean_years: float) -> tuple[date, date | None]:
        """When someone joined, and when they left (None if they are still here)."""
        rng, today = self.ctx.rng, self.ctx.today
        days = (today - self.ctx.first_day).days
        joined = self.ctx.first_day + timedelta(days=rng.randint(-365, days))
        ends = joined + timedelta(days=30 + int(rng.expovariate(1 / (mean_years * 365))))
        return joined, (ends if ends <= today else None)

    def household(self) -> None:
        """A member living with dementia, often with a carer and sometimes other family."""
        rng = self.ctx.rng
        joined, ends = self.span(2.5)
        woman = rng.random() < 0.55
        surname = rng.choice(SURNAMES)
        home = _address(rng)
        kinds: tuple[str, ...] = ("member",)
        if rng.random() < 0.08:
            kinds += ("resident",)
        if rng.random() < 0.03:
            kinds += ("trustee",)
        ended_as = "died" if rng.random() < 0.55 else "left"
        member = self.person(
            kinds, joined, ends, ended_as, woman=woman, surname=surname, address=home, needs=True
        )
        keep_details = self.consents[-1]
        given_by, by_name = "self", ""
        if rng.random() < 0.75:
            spouse = rng.random() < 0.55
            carer_kinds: tuple[str, ...] = ("carer",) if spouse else ("carer", "family")
            if rng.random() < 0.05:
                carer_kinds += ("volunteer",)
            carer_woman = not woman if spouse else rng.random() < 0.6
            carer = self.person(
                carer_kinds,
                joined,
                ends,
                woman=carer_woman,
                surname=surname if spouse or rng.random() < 0.7 else None,
                address=home if spouse else None,
            )
            carer_row = self.people[-1]
            self.link(carer, member, "carer_of")
            if rng.random() < 0.4:
                self.link(carer, member, "attorney_for")
                given_by, by_name = "attorney", carer_row["full_name"]
            elif rng.random() < 0.3:
                given_by, by_name = "carer", carer_row["full_name"]
            relationship = (
                ("Wife" if carer_woman else "Husband")
                if spouse
                else ("Daughter" if carer_woman else "Son")
            )
            self.contact(member, carer_row["full_name"], relationship, carer_row["phone"])
        else:
            relative, _, _ = self.name(rng.random() < 0.5, surname)
            self.contact(member, relative, rng.choice(RELATIVES), self.phones.mobile())
        if rng.random() < 0.2:
            family = self.person(
                ("family",), joined, ends, woman=rng.random() < 0.5, surname=surname
            )
            self.link(family, member, "family_of")
        keep_details.update(given_by=given_by, given_by_name=by_name)
        for what, chance in (("health_notes", 0.85), ("photos", 0.35), ("share_phone", 0.2)):
            # A phone number is shared only with the person's own say-so.
            if rng.random() < chance and not (what == "share_phone" and given_by != "self"):
                self.consent(member, what, joined, given_by, by_name)

    def single(self, kinds: tuple[str, ...], mean_years: float) -> None:
        joined, ends = self.span(mean_years)
        self.person(kinds, joined, ends, woman=self.ctx.rng.random() < 0.6)


def _add_crowd(ctx: DemoContext, count: int) -> None:
    """Generated people up to `count` in all, with the kinds a real club has, in bulk."""
    session, rng = ctx.session, ctx.rng
    first_id = (session.scalar(select(func.max(Person.id))) or 0) + 1
    last_id = first_id + count - _count(session, Person) - 1
    crowd = _Crowd(ctx, first_id, _Phones(rng), utcnow())
    # The coordinators before Sam.
    years = (ctx.today - ctx.first_day).days // 365
    for start, end in ((-1, years * 2 // 5), (years * 2 // 5, years * 3 // 5)):
        joined = ctx.first_day + timedelta(days=365 * start)
        left = ctx.first_day + timedelta(days=365 * end)
        crowd.person(("coordinator",), joined, left, woman=rng.random() < 0.6)
    while crowd.next_id <= last_id:
        roll = rng.random()
        if roll < 0.55:
            crowd.household()
        elif roll < 0.80:
            trustee = ("trustee",) if rng.random() < 0.1 else ()
            crowd.single(("volunteer", *trustee), 3.0)
        elif roll < 0.90:
            crowd.single(("resident",), 4.0)
        else:
            crowd.single(("supporter",), 5.0)
    # The last household may have gone past the total: leave its extra people out.
    for rows, key in (
        (crowd.people, "id"),
        (crowd.kinds, "person_id"),
        (crowd.contacts, "person_id"),
        (crowd.consents, "person_id"),
        (crowd.links, "person_id"),
        (crowd.links, "other_id"),
    ):
        rows[:] = [r for r in rows if r[key] <= last_id]
    for model, rows in (
        (Person, crowd.people),
        (PersonKind, crowd.kinds),
        (PersonLink, crowd.links),
        (EmergencyContact, crowd.contacts),
        (ConsentRecord, crowd.consents),
    ):
        if rows:
            session.execute(insert(model), rows)


# --------------------------------------------------------------------------------------
# Sessions and attendance
# --------------------------------------------------------------------------------------


def _months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _first_sundays(start: date, end: date) -> list[date]:
    days = []
    year, month = start.year, start.month
    while date(year, month, 1) <= end:
        first = date(year, month, 1)
        sunday = first + timedelta(days=(SUNDAY - first.weekday()) % 7)
        if start <= sunday <= end:
            days.append(sunday)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def _add_sessions(ctx: DemoContext) -> None:
    """Wednesday Club and Friday Club every week, and a Crafternoon on the first Sunday."""
    session, actor = ctx.session, ctx.actor
    end = ctx.today + timedelta(weeks=WEEKS_AHEAD)
    # A repeating session covers at most two years, so a long history takes several.
    chunk = timedelta(days=7 * 104 - 1)
    for name, weekday in (("Wednesday Club", WEDNESDAY), ("Friday Club", FRIDAY)):
        start = ctx.first_day
        while start <= end:
            stop = min(start + chunk, end)
            attendance.add_series(session, actor, name, {weekday}, start, stop, CLUB_TIME)
            start = stop + timedelta(days=1)
    for sunday in _first_sundays(ctx.first_day, end):
        attendance.add_session(session, actor, "Crafternoon", sunday, CRAFTERNOON_TIME)
    closed = session.scalars(select(ClubSession).where(ClubSession.on_date >= ctx.first_day))
    for row in list(closed):
        if (row.on_date.month, row.on_date.day) in CLOSED_DAYS:
            attendance.cancel_session(session, actor, row.id)
    session.flush()


def _held_sessions(ctx: DemoContext) -> list[tuple[int, date, str, time | None]]:
    """Sessions that have already happened (before today), oldest first."""
    query = (
        select(ClubSession.id, ClubSession.on_date, ClubSession.name, ClubSession.start_time)
        .where(ClubSession.on_date < ctx.today, ClubSession.cancelled.is_(False))
        .order_by(ClubSession.on_date, ClubSession.id)
    )
    return [(sid, day, name, start) for sid, day, name, start in ctx.session.execute(query)]


def _marked_at(on_date: date, start: time | None) -> datetime:
    # Registers are taken about ten minutes in (close enough to UTC for a demo).
    return datetime.combine(on_date, start or CLUB_TIME) + timedelta(minutes=10)


def _small_attendance(ctx: DemoContext) -> None:
    """Each person comes at their own rate; carers come with the person they care for."""
    rng, today = ctx.rng, ctx.today
    companions: dict[str, list[str]] = {}
    for who in ROSTER:
        for kind, cared_for in who.links:
            if kind in ("carer_of", "family_of"):
                companions.setdefault(cared_for, []).append(who.key)
    by_key = {who.key: who for who in ROSTER}

    def here_on(who: _Someone, day: date) -> bool:
        joined = today - timedelta(days=who.joined_days_ago)
        return joined <= day and (who.status == "active" or day < _last_day(who, today))

    for session_id, on_date, name, _start in _held_sessions(ctx):
        sunday = name == "Crafternoon"
        present: set[str] = set()
        for who in ROSTER:
            if not here_on(who, on_date) or who.rate <= 0:
                continue
            rate = who.rate * (0.75 if sunday and who.rate > 0.5 else 1.0)
            if rng.random() < rate:
                present.add(who.key)
        # In roster order, not set order, so the dice fall the same way every time.
        for key in [who.key for who in ROSTER if who.key in present]:
            for other_key in companions.get(key, ()):
                other = by_key[other_key]
                along = other.along or (0.95 if "carer" in other.kinds else 0.0)
                along = min(0.9, along * 2) if sunday and "carer" not in other.kinds else along
                if here_on(other, on_date) and rng.random() < along:
                    present.add(other_key)
        for key in sorted(present, key=lambda k: ctx.ids[k]):
            attendance.set_present(ctx.session, ctx.actor, session_id, ctx.ids[key], True)
    ctx.session.flush()
    # The service stamps "now"; a register is really taken on the day of the session.
    rows = ctx.session.execute(
        select(Attendance, ClubSession.on_date, ClubSession.start_time).join(
            ClubSession, ClubSession.id == Attendance.session_id
        )
    )
    for mark, on_date, start in rows:
        mark.marked_at = _marked_at(on_date, start)
    ctx.session.flush()


def _large_attendance(ctx: DemoContext) -> None:
    """25–40 people a session, drawn from those in the club at the time, carers with members."""
    session, rng = ctx.session, ctx.rng
    far = date.max
    spans = session.execute(
        select(Person.id, Person.joined_on, Person.status, Person.status_on).order_by(Person.id)
    ).all()
    kinds: dict[int, set[str]] = {}
    for pid, kind in session.execute(select(PersonKind.person_id, PersonKind.kind)):
        kinds.setdefault(pid, set()).add(kind)
    companions: dict[int, list[tuple[int, float]]] = {}
    for pid, other, kind in session.execute(
        select(PersonLink.person_id, PersonLink.other_id, PersonLink.kind).order_by(PersonLink.id)
    ):
        if kind in ("carer_of", "family_of"):
            companions.setdefault(other, []).append((pid, 0.95 if kind == "carer_of" else 0.1))
    # People who come on their own account; carers and family come with someone.
    independent = {pid for pid, ks in kinds.items() if not ks <= {"carer", "family"}}
    ends: dict[int, date] = {}
    arrivals: list[tuple[date, int]] = []
    for pid, joined, status, status_on in spans:
        ends[pid] = status_on if status != "active" and status_on else far
        arrivals.append((joined or ctx.first_day, pid))
    arrivals.sort()
    active: set[int] = set()
    leaving: list[tuple[date, int]] = []
    marked_by = ctx.actor.user_id
    rows: list[dict[str, Any]] = []
    next_arrival = 0
    for session_id, on_date, _name, start in _held_sessions(ctx):
        while next_arrival < len(arrivals) and arrivals[next_arrival][0] <= on_date:
            pid = arrivals[next_arrival][1]
            next_arrival += 1
            if ends[pid] > on_date:
                active.add(pid)
                heapq.heappush(leaving, (ends[pid], pid))
        while leaving and leaving[0][0] <= on_date:
            active.discard(heapq.heappop(leaving)[1])
        pool = sorted(active & independent)
        target = rng.randint(25, 40)
        present: list[int] = []
        seen: set[int] = set()
        for pid in rng.sample(pool, min(target, len(pool))):
            if len(present) >= target:
                break
            for person, chance in ((pid, 1.0), *companions.get(pid, ())):
                if person not in seen and person in active and rng.random() < chance:
                    seen.add(person)
                    present.append(person)
        stamp = _marked_at(on_date, start)
        rows.extend(
            {"session_id": session_id, "person_id": pid, "marked_at": stamp, "marked_by": marked_by}
            for pid in present
        )
    if rows:
        session.execute(insert(Attendance), rows)


# --------------------------------------------------------------------------------------
# Putting it together
# --------------------------------------------------------------------------------------


def _notes_and_committee(ctx: DemoContext) -> None:
    from clubapp.demo_committee import add_notes_and_committee

    add_notes_and_committee(ctx)


def _votes_and_programme(ctx: DemoContext) -> None:
    from clubapp.demo_votes import add_votes_and_programme

    add_votes_and_programme(ctx)


def _books(ctx: DemoContext) -> None:
    from clubapp.demo_accounts import add_books

    add_books(ctx)


def _grants(ctx: DemoContext) -> None:
    from clubapp.demo_grants import add_grants

    add_grants(ctx)


def _volunteers(ctx: DemoContext) -> None:
    from clubapp.demo_volunteers import add_volunteers

    add_volunteers(ctx)


def _conversations(ctx: DemoContext) -> None:
    from clubapp.demo_conversations import add_conversations

    add_conversations(ctx)


# Later issues add their own demo data here: functions taking the DemoContext.
EXTRA_STEPS: list[Callable[[DemoContext], None]] = [
    _notes_and_committee,
    _votes_and_programme,
    _books,
    _grants,
    _volunteers,
    _conversations,
]


def _add_users(session: Session) -> tuple[Actor, tuple[DemoUser, ...]]:
    name, role, password, _key = DEMO_USERS[0]
    coordinator = users.set_up_club(session, CLUB_NAME, name, password)
    made = [DemoUser(name, role, password)]
    for name, role, password, _key in DEMO_USERS[1:]:
        users.add_user(session, coordinator, name, role, password)
        made.append(DemoUser(name, role, password))
    return coordinator, tuple(made)


def _link_users(ctx: DemoContext) -> None:
    for name, _role, _password, key in DEMO_USERS:
        user = ctx.session.scalars(select(User).where(User.display_name == name)).one()
        user.person_id = ctx.ids[key]


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def build_demo(
    db: Database, size: str = "small", today: date | None = None, seed: int = 2026
) -> DemoSummary:
    """Fill a new, empty club database with the demo club, in one transaction."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}, not {size!r}")
    today = today or date.today()
    if size == "large":
        first_day = _months_before(today, 12 * LARGE_YEARS)
    else:
        first_day = _months_before(today, SMALL_MONTHS)
    with db.transaction() as session:
        actor, demo_users = _add_users(session)
        ctx = DemoContext(session, actor, random.Random(seed), today, size, first_day)
        _add_roster(ctx)
        _link_users(ctx)
        if size == "large":
            _add_crowd(ctx, LARGE_PEOPLE)
        _add_sessions(ctx)
        if size == "large":
            _large_attendance(ctx)
        else:
            _small_attendance(ctx)
        for step in EXTRA_STEPS:
            step(ctx)
        session.flush()
        return DemoSummary(
            club_name=CLUB_NAME,
            people=_count(session, Person),
            sessions=_count(session, ClubSession),
            attendances=_count(session, Attendance),
            users=demo_users,
        )

"""The demo club's one-to-one notes and committee, added to `clubapp.demo` as an extra step.

Small club: a committee of 8 with officers and terms (one ending soon), a year of
monthly committee meetings with agendas, attendance, decisions, action points and
approved minutes (the last one still a draft), the next meeting planned, and 150
notes, some sent to the committee and traced through to decisions and "you said, we
did", some waiting in the inbox.

Large club (for benchmarks): 20,000 notes and 500 meetings, written with bulk inserts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select

from clubapp.models.committee import ActionPoint, AgendaItem, Decision, Meeting, MeetingAttendee
from clubapp.models.members import ConsentRecord, Person
from clubapp.models.notes import Note
from clubapp.services import agenda, committee, decisions, meetings, minutes, notes
from clubapp.services.committee import TermInput
from clubapp.services.decisions import ActionInput, DecisionInput
from clubapp.services.meetings import MeetingInput
from clubapp.services.members import has_consent
from clubapp.services.notes import NoteInput

if TYPE_CHECKING:
    from clubapp.demo import DemoContext

MEETING_TIME = time(13, 30)
PLACE = "The quiet room, Riverside Court"
LARGE_NOTES = 20_000
LARGE_MEETINGS = 500

# (roster key, position, years served, days until the term ends, how they joined)
COMMITTEE = (
    ("ruth", "chair", 3, 500, "elected"),
    ("kwame", "vice_chair", 2, 400, "elected"),
    ("pat", "treasurer", 4, 300, "elected"),
    ("grace", "secretary", 2, 620, "elected"),
    ("zoe", "trustee", 1, 700, "elected"),
    ("joan", "trustee", 3, 45, "elected"),  # her term ends soon
    ("fatima", "trustee", 1, 650, "elected"),
    ("harry", "co_opted", 0, 200, "co_opted"),
)
# Members who agreed to an About me page for volunteers.
ABOUT_ME = ("peggy", "kwame", "siobhan", "harry", "dot")


@dataclass(frozen=True)
class _Topic:
    kind: str
    said: str  # in the member's words; {name} is who said it
    summary: str  # for the committee, never naming them
    motion: str = ""  # what the committee decided about it, if it went that far
    action: str = ""  # the action point that followed


TOPICS = (
    _Topic(
        "idea",
        "{name} would love a trip to the seaside, like the ones we used to have.",
        "A summer trip to the seaside.",
        "Hire an accessible minibus for a seaside trip in June",
        "Book the accessible minibus and the café",
    ),
    _Topic(
        "worry",
        "{name} says the hall is too cold in the mornings and it makes their hands ache.",
        "The hall is too cold in the mornings.",
        "Ask Riverside Court to put the heating on an hour earlier on club days",
        "Write to Riverside Court about the heating",
    ),
    _Topic(
        "idea",
        "{name} wants more singing: the old songs, not the new ones.",
        "More singing of the old songs.",
        "Start a monthly singing afternoon with a pianist",
        "Find a volunteer pianist",
    ),
    _Topic(
        "worry",
        "{name} finds the bus to the club is often late and gets anxious waiting.",
        "The bus to the club is often late, which makes people anxious.",
        "Ask the community transport scheme about a door-to-door service",
        "Phone the community transport scheme",
    ),
    _Topic(
        "idea",
        "{name} used to grow vegetables and would like a garden club in the spring.",
        "A garden club in the spring.",
        "Use the raised beds behind Riverside Court for a garden club",
        "Buy seeds and two kneeling pads",
    ),
    _Topic(
        "need",
        "{name} says the signs to the toilets are too small to read.",
        "Bigger signs to the toilets.",
        "Put up large picture signs to the toilets and the kitchen",
        "Print and laminate the new signs",
    ),
    _Topic(
        "praise",
        "{name} said the memory box afternoon was the best thing all year.",
        "The memory box afternoon was much enjoyed.",
        "Hold a memory box afternoon every three months",
        "Put the memory box afternoons in the programme",
    ),
    _Topic(
        "idea",
        "{name} suggested a dementia-friendly film afternoon with the lights half up.",
        "A dementia-friendly film afternoon.",
        "Show a film once a month with the lights half up and a break for tea",
        "Check the licence for showing films",
    ),
)
LIKES = (
    "Likes a cup of tea with two sugars before anything else.",
    "Loves the old songs, especially anything by Vera Lynn.",
    "Enjoys sitting by the window to see the garden.",
    "Likes dominoes and always wants a rematch.",
    "Enjoys helping to set the tables and feeling useful.",
    "Loves looking at the photos of the old town.",
)
DISLIKES = (
    "Doesn't like loud music or lots of people talking at once.",
    "Doesn't like being rushed when putting a coat on.",
    "Doesn't like quizzes: they feel like being put on the spot.",
    "Doesn't like sitting near the door because of the draught.",
)
NEEDS = (
    "Needs a chair with arms to stand up safely.",
    "Needs the large-print song sheets.",
    "Needs a quiet corner to rest after lunch.",
    "Needs reminding gently where the toilets are.",
)
EXTRA_IDEAS = (
    _Topic("idea", "{name} would like a tea dance at Christmas.", "A Christmas tea dance."),
    _Topic("worry", "{name} worries that the club might close.", "Worry that the club may close."),
    _Topic("praise", "{name} said the volunteers are always kind.", "The volunteers are kind."),
)
# Members still coming to the club (not Elsie, who died, nor those who left or paused).
MEMBERS = (
    "peggy",
    "kwame",
    "siobhan",
    "harry",
    "amrit",
    "liwei",
    "dot",
    "stan",
    "irene",
    "winston",
)
TAKERS = ("sam", "rhiannon", "aga", "leonard", "fatima")


def _first_tuesday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(1 - day.weekday()) % 7)


def _month_back(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - months
    return index // 12, index % 12 + 1


def add_notes_and_committee(ctx: DemoContext) -> None:
    if ctx.size == "large":
        _add_small(ctx)
        _add_large(ctx)
    else:
        _add_small(ctx)


def _agree(ctx: DemoContext) -> None:
    for key in ABOUT_ME:
        ctx.session.add(
            ConsentRecord(
                person_id=ctx.ids[key],
                what="about_me",
                given_by="self",
                given_on=ctx.today - timedelta(days=200),
            )
        )
    ctx.session.flush()


def _terms(ctx: DemoContext) -> None:
    for key, position, years, ends_in, how in COMMITTEE:
        starts = ctx.today - timedelta(days=365 * years + 60)
        committee.add_term(
            ctx.session,
            ctx.actor,
            TermInput(
                ctx.ids[key], position, starts, ctx.today + timedelta(days=ends_in), joined_how=how
            ),
        )


def _note(ctx: DemoContext, key: str, on: date, kind: str, text: str, **kwargs: Any) -> int:
    taker = ctx.rng.choice(TAKERS)
    return notes.add_note(
        ctx.session,
        ctx.actor,
        NoteInput(ctx.ids[key], on, kind, text, taken_by_id=ctx.ids[taker], **kwargs),
        ctx.today,
    )


def _name(ctx: DemoContext, key: str) -> str:
    person = ctx.session.get(Person, ctx.ids[key])
    assert person is not None
    return person.known_as or person.full_name


def _add_small(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    _agree(ctx)
    _terms(ctx)
    # About members: likes, dislikes and needs, shared with the name, kept private or
    # superseded, as a coordinator's notes are.
    count = 0
    for key in MEMBERS:
        for kind, bank in (("likes", LIKES), ("dislikes", DISLIKES), ("need", NEEDS)):
            for text in rng.sample(bank, 3 if kind == "likes" else 2):
                on = today - timedelta(days=rng.randint(5, 330))
                shared = rng.random() < 0.6
                note_id = _note(
                    ctx,
                    key,
                    on,
                    kind,
                    text,
                    visibility="committee_named" if shared else "private",
                    named_agreed_on=on if shared else None,
                    health_related=kind == "need"
                    and has_consent(ctx.session, ctx.ids[key], "health_notes", on),
                )
                count += 1
                if rng.random() < 0.1:
                    notes.set_superseded(ctx.session, ctx.actor, note_id, True, today)
    # Ideas, worries and praise sent to the committee, month by month, taken up at the
    # next meeting; the last few wait in the inbox.
    meeting_days = [_first_tuesday(*_month_back(today, back)) for back in range(12, -1, -1)]
    meeting_days = [d for d in meeting_days if d < today]
    trustees = [ctx.ids[key] for key, *_ in COMMITTEE]
    chair = ctx.ids["ruth"]
    previous: int | None = None
    topics = list(TOPICS)
    rng.shuffle(topics)
    for number, day in enumerate(meeting_days):
        meeting_id = meetings.add_meeting(
            ctx.session,
            ctx.actor,
            MeetingInput("committee", day, MEETING_TIME, PLACE, chair),
        )
        serving = [pid for pid in trustees if pid in committee.trustee_ids(ctx.session, day)]
        away = set(rng.sample(serving, rng.randint(0, 2)))
        for pid in serving:
            meetings.set_attendance(
                ctx.session, ctx.actor, meeting_id, pid, "apologies" if pid in away else "present"
            )
        meetings.set_attendance(ctx.session, ctx.actor, meeting_id, ctx.ids["sam"], "guest")
        detail = meetings.get_meeting(ctx.session, ctx.actor, meeting_id)
        for item in detail.items:
            agenda.set_discussion(ctx.session, ctx.actor, item.item_id, _standing_words(item, away))
        # The most recent meetings take up what members raised.
        topic_index = number - (len(meeting_days) - len(topics))
        if topic_index >= 0:
            topic = topics[topic_index]
            key = rng.choice(MEMBERS)
            raised = day - timedelta(days=rng.randint(7, 25))
            named = rng.random() < 0.4
            note_id = _note(
                ctx,
                key,
                raised,
                topic.kind,
                topic.said.format(name=_name(ctx, key)),
                summary=topic.summary,
                visibility="committee_named" if named else "committee_anonymous",
                named_agreed_on=raised if named else None,
                flagged=True,
            )
            count += 1
            item_id = agenda.add_from_inbox(ctx.session, ctx.actor, meeting_id, [note_id])
            agenda.set_discussion(
                ctx.session,
                ctx.actor,
                item_id,
                "The committee talked about what members had said and agreed it was worth doing.",
            )
            present = len(serving) - len(away)
            against = rng.randint(0, 1)
            proposer, seconder = rng.sample([t for t in serving if t not in away], 2)
            decision_id = decisions.record_decision(
                ctx.session,
                ctx.actor,
                meeting_id,
                DecisionInput(
                    topic.motion,
                    present - against - 1,
                    against,
                    1,
                    item_id,
                    proposer,
                    seconder,
                ),
            )
            action_id = decisions.add_action(
                ctx.session,
                ctx.actor,
                meeting_id,
                ActionInput(
                    topic.action,
                    ctx.ids[rng.choice(("sam", "grace", "pat", "fatima"))],
                    day + timedelta(days=21),
                    item_id,
                    decision_id,
                ),
            )
            if day < today - timedelta(days=60):
                decisions.set_action_done(
                    ctx.session, ctx.actor, action_id, day + timedelta(days=rng.randint(5, 20))
                )
        if previous is not None:
            minutes.approve_minutes(ctx.session, ctx.actor, previous, meeting_id, day)
        previous = meeting_id
    # Waiting in the inbox for the next meeting.
    for topic in EXTRA_IDEAS:
        key = rng.choice(MEMBERS)
        _note(
            ctx,
            key,
            today - timedelta(days=rng.randint(1, 20)),
            topic.kind,
            topic.said.format(name=_name(ctx, key)),
            summary=topic.summary,
            visibility="committee_anonymous",
            flagged=True,
        )
        count += 1
    # Everyday notes to reach 150: praise and ideas kept by the coordinator, each member
    # saying each thing once.
    unsaid = [(key, topic) for key in MEMBERS for topic in TOPICS + EXTRA_IDEAS]
    rng.shuffle(unsaid)
    while count < 150:
        key, topic = unsaid.pop()
        _note(
            ctx,
            key,
            today - timedelta(days=rng.randint(1, 360)),
            topic.kind,
            topic.said.format(name=_name(ctx, key)),
        )
        count += 1
    # The next meeting, planned, with the inbox still waiting for it.
    year, month = _month_back(today, -1)
    meetings.add_meeting(
        ctx.session,
        ctx.actor,
        MeetingInput("committee", _first_tuesday(year, month), MEETING_TIME, PLACE, chair),
    )
    ctx.session.flush()


def _standing_words(item: meetings.ItemRow, away: set[int]) -> str:
    code = item.standing_code
    if code == "apologies":
        return f"{len(away)} apologies received." if away else "No apologies."
    if code == "minutes":
        return "The minutes of the last meeting were agreed as a true record."
    if code == "matters_arising":
        return "Open action points were checked one by one."
    if code == "treasurer":
        return "The treasurer reported on money in and out, and the grants."
    if code == "aob":
        return "No other business."
    return ""


def _add_large(ctx: DemoContext) -> None:
    """Many notes and meetings, inserted in bulk, for benchmarks."""
    session, rng, today = ctx.session, ctx.rng, ctx.today
    people = list(session.scalars(select(Person.id).order_by(Person.id)))
    takers = people[:200]
    kinds = ("likes", "dislikes", "need", "idea", "worry", "praise")
    now = datetime.combine(today, time(12))
    note_rows = []
    for i in range(LARGE_NOTES):
        kind = kinds[i % len(kinds)]
        visibility = ("private", "committee_anonymous", "committee_named")[i % 3]
        on = today - timedelta(days=rng.randint(0, 3650))
        note_rows.append(
            {
                "person_id": rng.choice(people),
                "on_date": on,
                "taken_by_id": rng.choice(takers),
                "kind": kind,
                "text": f"Note {i + 1}: something said in a one-to-one about the club.",
                "summary": f"Something members said ({i + 1})." if visibility != "private" else "",
                "visibility": visibility,
                "named_agreed_on": on if visibility == "committee_named" else None,
                "health_related": False,
                "flagged": visibility != "private" and i % 5 == 0,
                "superseded_on": None,
                "created_by": ctx.actor.user_id,
                "created_at": now,
                "updated_at": now,
            }
        )
    session.execute(insert(Note), note_rows)
    trustees = [ctx.ids[key] for key, *_ in COMMITTEE]
    first = today - timedelta(days=7 * LARGE_MEETINGS)
    meeting_rows = [
        {
            "kind": "committee",
            "on_date": first + timedelta(days=7 * i),
            "start_time": MEETING_TIME,
            "place": PLACE,
            "chair_id": ctx.ids["ruth"],
            "minutes_approved_on": first + timedelta(days=7 * (i + 1)),
            "created_at": now,
        }
        for i in range(LARGE_MEETINGS)
    ]
    before = session.scalar(select(func.max(Meeting.id))) or 0
    session.execute(insert(Meeting), meeting_rows)
    ids = list(session.scalars(select(Meeting.id).where(Meeting.id > before)))
    attendees: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    decisions_rows: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    for meeting_id in ids:
        attendees.extend(
            {"meeting_id": meeting_id, "person_id": pid, "status": "present"} for pid in trustees
        )
        for position, (code, title, minutes_planned) in enumerate(meetings.STANDING):
            items.append(
                {
                    "meeting_id": meeting_id,
                    "position": position,
                    "source": "standing",
                    "standing_code": code,
                    "title": title,
                    "details": "",
                    "presenter_id": None,
                    "planned_minutes": minutes_planned,
                    "discussion": "Discussed and agreed.",
                }
            )
    session.execute(insert(MeetingAttendee), attendees)
    session.execute(insert(AgendaItem), items)
    for meeting_id in ids:
        decisions_rows.append(
            {
                "meeting_id": meeting_id,
                "item_id": None,
                "motion": "Agree the programme for next month",
                "proposer_id": trustees[0],
                "seconder_id": trustees[1],
                "votes_for": 6,
                "votes_against": 1,
                "abstentions": 1,
                "casting": None,
                "carried": True,
                "what_happened": "",
                "recorded_at": now,
            }
        )
        actions.append(
            {
                "meeting_id": meeting_id,
                "item_id": None,
                "decision_id": None,
                "what": "Send the programme to members",
                "who_id": ctx.ids["sam"],
                "due_on": None,
                "done_on": today - timedelta(days=1),
            }
        )
    session.execute(insert(Decision), decisions_rows)
    session.execute(insert(ActionPoint), actions)
    session.flush()

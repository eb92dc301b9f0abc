"""The demo club's picture conversations, added to `clubapp.demo` as an extra step after
the volunteers.

Twenty people of the club (the fifteen members living with dementia, Beryl and Len who
live in Riverside Court, and three carers who come with the person they care for) sorted
the starter topics' picture cards in two rounds: one in the spring, about six and a half
months before today, and one in the last few weeks. Most like tea and cake, the music
and chatting; few like the noise or getting wet on the way. Some said things in their
own words; a few stopped half way and a few cards were skipped. Several changed their
minds between the rounds (Peggy liked gardening in the spring and is not sure now; Norma
and Bernie mind the noise more; Harry took to the singing). Elsie (who has died) and
Frank (who has left) were only in the spring round, Zoë (who joined lately) only in the
recent one.

Volunteers and the coordinator helped. Most conversations are shared with the committee
without the name (the service writes the summary), those of the five members who agreed
to an About me page are shared with the name (agreed that day), and a few are for the
coordinator only. Only two people shared a conversation about outings, so the committee's
counts for outings say "fewer than 3 members"; the other topics have real numbers and
"fewer than 3" cells.

The small club goes through `conversations.save_conversation`, so the notes are written
as the screen writes them. The large demo adds two rounds for 1,000 of its generated
members, with their notes, in bulk. Dates follow `ctx.today`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from clubapp.models.base import utcnow
from clubapp.models.conversations import (
    Conversation,
    ConversationAnswer,
    ConversationCard,
    ConversationTopic,
)
from clubapp.models.members import Person, PersonKind
from clubapp.models.notes import Note
from clubapp.services import conversations
from clubapp.services.conversations import (
    NOTE_KIND_OF_PLACE,
    PLACE_PAST,
    SORTED_PLACES,
    ConversationInput,
    Placement,
)
from clubapp.services.words import and_words

if TYPE_CHECKING:
    from clubapp.demo import DemoContext

LIKE, UNSURE, DISLIKE, SKIP = "like", "not_sure", "dislike", "skipped"

ACTIVITIES = "Activities at the club"
FOOD = "Food and drink"
GETTING = "Getting to the club"
FEELS = "How the club feels"
OUTINGS = "Outings"

# Days before today the rounds start; each person's day is a Wednesday or Friday a little
# before (Norma's recent one before she went into hospital, 20 days ago).
ROUND_DAYS_AGO = (196, 24)
SPREAD_DAYS = 14

# Who talked about what in each round: roster key -> topics.
ROUNDS: tuple[dict[str, tuple[str, ...]], ...] = (
    {
        "peggy": (ACTIVITIES, FOOD),
        "kwame": (ACTIVITIES,),
        "siobhan": (ACTIVITIES, FEELS),
        "harry": (ACTIVITIES, FOOD),
        "amrit": (ACTIVITIES, FOOD),
        "liwei": (ACTIVITIES, FOOD),
        "dot": (ACTIVITIES, FOOD, FEELS),
        "stan": (ACTIVITIES, FOOD),
        "irene": (ACTIVITIES,),
        "bernard": (ACTIVITIES, FEELS),
        "elsie": (ACTIVITIES, FOOD),
        "frank": (ACTIVITIES, FEELS),
        "winston": (ACTIVITIES, FOOD),
        "norma": (ACTIVITIES, FEELS),
        "beryl": (ACTIVITIES,),
        "leonard": (ACTIVITIES,),
        "arthur": (FOOD,),
        "joan": (FOOD,),
        "gareth": (FEELS,),
    },
    {
        "peggy": (ACTIVITIES, GETTING),
        "kwame": (ACTIVITIES, FEELS),
        "siobhan": (ACTIVITIES, FEELS),
        "harry": (ACTIVITIES, FEELS, GETTING),
        "amrit": (ACTIVITIES, OUTINGS),
        "liwei": (ACTIVITIES, GETTING),
        "dot": (ACTIVITIES, FEELS, GETTING),
        "stan": (ACTIVITIES, OUTINGS),
        "irene": (ACTIVITIES, FEELS, OUTINGS),
        "bernard": (ACTIVITIES, FEELS),
        "zoe": (ACTIVITIES, FEELS, GETTING),
        "winston": (ACTIVITIES, GETTING),
        "norma": (ACTIVITIES, FEELS),
        "beryl": (ACTIVITIES,),
        "leonard": (GETTING,),
        "arthur": (FEELS,),
        "joan": (FEELS,),
        "gareth": (FEELS,),
    },
)

# The five who agreed to an About me page share with their name (agreed on the day).
NAMED = ("peggy", "kwame", "siobhan", "harry", "dot")
# For the coordinator only: (roster key, round, topic).
PRIVATE = {
    ("frank", 0, FEELS),
    ("irene", 1, OUTINGS),
    ("gareth", 1, FEELS),
    ("beryl", 1, ACTIVITIES),
}
# Stopped before the last card: (roster key, round, topic) -> cards sorted.
STOPPED = {
    ("elsie", 0, FOOD): 6,
    ("stan", 1, ACTIVITIES): 9,
    ("norma", 1, ACTIVITIES): 5,
}
# Who helped: the coordinator and the volunteers, in turn (nobody helps themselves).
HELPERS = ("sam", "aga", "rhiannon", "dev", "fatima", "leonard", "tom")

# How the club as a whole feels about each card: weights for like, not sure, dislike.
TASTE: dict[str, tuple[int, int, int]] = {
    # Activities at the club
    "Music": (9, 1, 1),
    "Singing": (7, 2, 1),
    "Gardening": (5, 3, 2),
    "Painting": (3, 4, 3),
    "Crafts": (4, 3, 3),
    "Quiz": (5, 3, 2),
    "Games": (5, 3, 2),
    "Dancing": (4, 3, 3),
    "Exercise": (3, 4, 3),
    "Talking about old times": (8, 2, 1),
    "Knitting": (2, 3, 5),
    "Reading": (3, 4, 3),
    # Food and drink
    "Tea and cake": (12, 1, 0),
    "Coffee": (4, 2, 4),
    "A glass of water": (4, 5, 1),
    "Sandwiches": (6, 3, 1),
    "Soup": (6, 2, 2),
    "Fruit": (5, 3, 2),
    "Biscuits": (8, 1, 1),
    "Fish and chips": (7, 2, 1),
    "A roast dinner": (7, 2, 1),
    "Ice cream": (6, 2, 2),
    # Getting to the club
    "Coming by car": (5, 3, 2),
    "The bus": (2, 3, 5),
    "The club minibus": (8, 2, 1),
    "A taxi": (3, 4, 3),
    "Walking here": (3, 3, 4),
    "Using a wheelchair": (1, 5, 4),
    "The time we start": (6, 3, 1),
    "Coming in bad weather": (0, 3, 8),
    # How the club feels
    "Chatting with people": (10, 2, 1),
    "Friends at the club": (9, 1, 0),
    "Help when I need it": (8, 2, 1),
    "A quiet corner": (5, 3, 2),
    "When it is noisy": (1, 3, 7),
    "How warm the room is": (4, 4, 2),
    "Finding the toilet": (2, 4, 4),
    "The music": (9, 1, 1),
    "The tea break": (12, 1, 0),
    # Outings
    "A coach trip": (5, 3, 2),
    "The seaside": (8, 1, 1),
    "A park": (6, 3, 1),
    "A museum": (3, 4, 3),
    "A garden centre": (6, 2, 2),
    "A café": (8, 1, 1),
    "The cinema": (4, 3, 3),
    "The theatre": (4, 3, 3),
    "Shopping": (2, 4, 4),
    "A farm with animals": (5, 3, 2),
    "A boat trip": (3, 3, 4),
    "A pub lunch": (7, 2, 1),
}
SKIP_CHANCE = 0.05

# What each person always says about a card (both rounds).
KEEPS: dict[str, dict[str, str]] = {
    "peggy": {"Talking about old times": LIKE, "Tea and cake": LIKE, "A garden centre": LIKE},
    "kwame": {"The bus": LIKE, "Talking about old times": LIKE, "Chatting with people": LIKE},
    "siobhan": {"Singing": LIKE, "Music": LIKE, "The music": LIKE, "Dancing": LIKE},
    "harry": {"The bus": DISLIKE, "The club minibus": LIKE, "Exercise": UNSURE},
    "amrit": {"Knitting": LIKE, "Crafts": LIKE, "Fish and chips": DISLIKE, "Soup": LIKE},
    "liwei": {"Ice cream": DISLIKE, "Soup": LIKE, "A roast dinner": LIKE, "Coffee": DISLIKE},
    "dot": {"Talking about old times": LIKE, "Walking here": LIKE, "Finding the toilet": UNSURE},
    "stan": {"Music": LIKE, "Fish and chips": LIKE, "Biscuits": LIKE},
    "irene": {"Quiz": LIKE, "Games": LIKE, "The seaside": LIKE},
    "bernard": {"Music": LIKE, "Singing": LIKE, "The music": LIKE, "A quiet corner": LIKE},
    "elsie": {"Crafts": LIKE, "Tea and cake": LIKE, "Knitting": LIKE},
    "frank": {"Exercise": LIKE, "Games": LIKE, "Chatting with people": LIKE},
    "zoe": {"Quiz": LIKE, "Coming by car": LIKE, "The time we start": UNSURE},
    "winston": {"Games": LIKE, "Quiz": LIKE, "Biscuits": UNSURE, "The club minibus": LIKE},
    "norma": {"A quiet corner": LIKE, "Quiz": LIKE, "Reading": LIKE},
    "beryl": {"Crafts": LIKE, "Walking here": DISLIKE},
    "leonard": {"Music": LIKE, "Singing": LIKE, "Walking here": LIKE},
    "arthur": {"Help when I need it": LIKE, "Tea and cake": LIKE},
    "joan": {"Help when I need it": LIKE, "Coffee": LIKE},
    "gareth": {"A quiet corner": LIKE, "When it is noisy": DISLIKE},
}
# What changed between the spring and now: (roster key, card word) -> (then, now).
CHANGES: dict[tuple[str, str], tuple[str, str]] = {
    ("peggy", "Gardening"): (LIKE, UNSURE),
    ("stan", "Dancing"): (LIKE, UNSURE),
    ("norma", "When it is noisy"): (UNSURE, DISLIKE),
    ("bernard", "When it is noisy"): (UNSURE, DISLIKE),
    ("harry", "Singing"): (UNSURE, LIKE),
    ("kwame", "Quiz"): (UNSURE, LIKE),
    ("irene", "Reading"): (LIKE, UNSURE),
    ("dot", "Painting"): (LIKE, DISLIKE),
    ("siobhan", "A quiet corner"): (UNSURE, LIKE),
    ("winston", "Exercise"): (DISLIKE, LIKE),
}
# The member's own words about a card: (roster key, round, card word) -> words.
OWN_WORDS: dict[tuple[str, int, str], str] = {
    ("peggy", 0, "Gardening"): "My roses were the best on Orchard Way.",
    ("peggy", 1, "Gardening"): "My knees won't let me kneel now. I like to watch.",
    ("peggy", 0, "Tea and cake"): "Two sugars, please.",
    ("kwame", 1, "Quiz"): "I got the one about buses right!",
    ("kwame", 1, "Chatting with people"): "Everyone knows my name here.",
    ("siobhan", 0, "Singing"): "The Irish songs, the old ones.",
    ("siobhan", 1, "A quiet corner"): "When it gets too much, I sit by the window.",
    ("harry", 1, "Singing"): "Like the chapel choir at home.",
    ("harry", 1, "The bus"): "The chair won't go on it.",
    ("amrit", 0, "Knitting"): "I can show the others.",
    ("liwei", 0, "Soup"): "Not too salty. I used to make it every day.",
    ("dot", 1, "Painting"): "I can't see the colours now.",
    ("stan", 1, "Dancing"): "My legs get tired.",
    ("stan", 0, "Music"): "Elvis! Put on Elvis.",
    ("irene", 1, "Reading"): "The print swims about.",
    ("bernard", 1, "When it is noisy"): "Too many voices at once.",
    ("norma", 1, "When it is noisy"): "I can't hear anyone when it's loud.",
    ("winston", 1, "Exercise"): "The chair exercises are all right.",
    ("winston", 0, "Games"): "Dominoes. I'll beat you.",
    ("zoe", 1, "The time we start"): "I still work on Wednesday mornings.",
    ("elsie", 0, "Crafts"): "I made a card for my grandson.",
    ("gareth", 0, "When it is noisy"): "Dad gets upset when it's loud.",
    ("beryl", 0, "Walking here"): "I come on my scooter.",
}
# What they said about the topic as a whole: (roster key, round, topic) -> words.
TOPIC_WORDS: dict[tuple[str, int, str], str] = {
    ("peggy", 1, ACTIVITIES): "I like being busy with my hands.",
    ("harry", 1, GETTING): "The minibus driver is a good lad.",
    ("norma", 1, FEELS): "It's nicer in the mornings, when it's quiet.",
    ("dot", 0, FOOD): "A proper cup of tea is what matters.",
    ("zoe", 1, FEELS): "People here don't rush me.",
    ("kwame", 0, ACTIVITIES): "I don't like sitting still all day.",
}

# The large demo: how many generated members had two rounds, and on which topics.
CROWD_MEMBERS = 1000
CROWD_CHANGE_CHANCE = 0.12


def add_conversations(ctx: DemoContext) -> None:
    """Two rounds of conversations for twenty of the roster (through the services); for
    the large demo, two rounds for a thousand of the crowd as well, in bulk."""
    topics = _topics(ctx)
    # Held for the step, so the services find the roster's people without a query each
    # time (the session forgets objects nothing refers to).
    roster = ctx.session.scalars(select(Person).where(Person.id.in_(ctx.ids.values()))).all()
    helpers = [key for key in HELPERS if key in ctx.ids]
    # Where each person puts each card, kept from one round to the next unless it is
    # one of the CHANGES: people mostly know what they like.
    tastes: dict[tuple[str, str], str] = {}
    turn = 0
    for number, round_ in enumerate(ROUNDS):
        for index, (key, talked_about) in enumerate(round_.items()):
            if key not in ctx.ids:
                continue
            days_ago = ROUND_DAYS_AGO[number] + index % SPREAD_DAYS
            day = _club_day(ctx.today - timedelta(days=days_ago))
            for topic_name in talked_about:
                if helpers[turn % len(helpers)] == key:
                    turn += 1
                helper = ctx.ids[helpers[turn % len(helpers)]]
                turn += 1
                _talk(ctx, tastes, key, number, (topic_name, *topics[topic_name]), day, helper)
    if ctx.size == "large":
        _crowd(ctx, topics)
    ctx.session.flush()
    del roster


Topic = tuple[int, list[tuple[int, str]]]  # (topic id, [(card id, word)] in order)


def _topics(ctx: DemoContext) -> dict[str, Topic]:
    """The topics with their cards in use, in order, by name."""
    names = {
        i: n for i, n in ctx.session.execute(select(ConversationTopic.id, ConversationTopic.name))
    }
    cards: dict[int, list[tuple[int, str]]] = {topic_id: [] for topic_id in names}
    rows = ctx.session.execute(
        select(ConversationCard.topic_id, ConversationCard.id, ConversationCard.word)
        .where(~ConversationCard.retired)
        .order_by(ConversationCard.topic_id, ConversationCard.position, ConversationCard.id)
    )
    for topic_id, card_id, word in rows:
        cards[topic_id].append((card_id, word))
    return {name: (topic_id, cards[topic_id]) for topic_id, name in names.items()}


def _club_day(day: date) -> date:
    """The Wednesday or Friday on or before ``day``: conversations happen at the club."""
    while day.weekday() not in (2, 4):
        day -= timedelta(days=1)
    return day


def _taste(ctx: DemoContext, word: str) -> str:
    return ctx.rng.choices((LIKE, UNSURE, DISLIKE), weights=TASTE.get(word, (1, 1, 1)))[0]


def _place(
    ctx: DemoContext, tastes: dict[tuple[str, str], str], key: str, number: int, word: str
) -> str:
    changed = CHANGES.get((key, word))
    if changed is not None:
        return changed[number]
    kept = KEEPS.get(key, {}).get(word)
    if kept is not None:
        return kept
    if ctx.rng.random() < SKIP_CHANCE:
        return SKIP
    if (key, word) not in tastes:
        tastes[key, word] = _taste(ctx, word)
    return tastes[key, word]


def _talk(
    ctx: DemoContext,
    tastes: dict[tuple[str, str], str],
    key: str,
    number: int,
    topic: tuple[str, int, list[tuple[int, str]]],
    day: date,
    helper: int,
) -> None:
    topic_name, topic_id, cards = topic
    stopped_at = STOPPED.get((key, number, topic_name))
    shown = cards[:stopped_at] if stopped_at else cards
    placements = tuple(
        Placement(
            card_id,
            _place(ctx, tastes, key, number, word),
            OWN_WORDS.get((key, number, word), ""),
        )
        for card_id, word in shown
    )
    if (key, number, topic_name) in PRIVATE:
        visibility = "private"
    elif key in NAMED:
        visibility = "committee_named"
    else:
        visibility = "committee_anonymous"
    conversations.save_conversation(
        ctx.session,
        ctx.actor,
        ConversationInput(
            person_id=ctx.ids[key],
            topic_id=topic_id,
            on_date=day,
            placements=placements,
            finished=stopped_at is None,
            helped_by_id=helper,
            visibility=visibility,
            named_agreed_on=day if visibility == "committee_named" else None,
            own_words=TOPIC_WORDS.get((key, number, topic_name), ""),
        ),
        ctx.today,
    )


# ---------------------------------------------------------------- the large demo's crowd


def _crowd(ctx: DemoContext, topics: dict[str, Topic]) -> None:
    """Two rounds on the same two topics for a thousand generated members who were with
    the club for both, with their notes (the spring's superseded by the recent ones)."""
    session, rng, today = ctx.session, ctx.rng, ctx.today
    roster = set(ctx.ids.values())
    # Each member's two rounds fall in their time with the club: the recent one in the
    # last two months of it (for those still here, of the last weeks), the first five to
    # seven months before. Those with the most recent rounds are taken.
    rounds: list[tuple[date, date, int]] = []
    for pid, joined, status, status_on in session.execute(
        select(Person.id, Person.joined_on, Person.status, Person.status_on)
        .join(PersonKind, PersonKind.person_id == Person.id)
        .where(PersonKind.kind == "member", Person.joined_on.is_not(None))
        .order_by(Person.id)
    ):
        if pid in roster:
            continue
        last = today - timedelta(days=ROUND_DAYS_AGO[1]) if status == "active" else status_on
        if last is None or joined is None:
            continue
        recent = last - timedelta(days=rng.randint(0, 60))
        then = recent - timedelta(days=rng.randint(150, 210))
        if then >= joined:
            rounds.append((recent, then, pid))
    rounds.sort(reverse=True)
    helpers = [ctx.ids[key] for key in HELPERS if key in ctx.ids]
    names = sorted(topics)
    first_id = (session.scalar(select(Conversation.id).order_by(Conversation.id.desc())) or 0) + 1
    now = utcnow()
    talks: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for recent, then, pid in rounds[:CROWD_MEMBERS]:
        visibility = rng.choices(
            ("committee_anonymous", "committee_named", "private"), weights=(7, 2, 1)
        )[0]
        tastes: dict[int, str] = {}
        for topic_name in rng.sample(names, 2):
            topic_id, cards = topics[topic_name]
            for day, superseded in ((then, recent), (recent, None)):
                conversation_id = first_id + len(talks)
                finished = rng.random() < 0.95
                shown = cards if finished else cards[: rng.randint(3, len(cards) - 1)]
                placed: dict[str, list[str]] = {place: [] for place in SORTED_PLACES}
                for position, (card_id, word) in enumerate(shown, start=1):
                    if rng.random() < SKIP_CHANCE:
                        place = SKIP
                    else:
                        # Mostly where they put it last time; about one card in eight moves.
                        if card_id not in tastes or rng.random() < CROWD_CHANGE_CHANCE:
                            tastes[card_id] = _taste(ctx, word)
                        place = tastes[card_id]
                        placed[place].append(word)
                    answers.append(
                        {
                            "conversation_id": conversation_id,
                            "card_id": card_id,
                            "place": place,
                            "own_words": "",
                            "position": position,
                        }
                    )
                talks.append(
                    {
                        "id": conversation_id,
                        "person_id": pid,
                        "topic_id": topic_id,
                        "on_date": day,
                        "helped_by_id": rng.choice(helpers) if helpers else None,
                        "visibility": visibility,
                        "named_agreed_on": day if visibility == "committee_named" else None,
                        "finished": finished,
                        "own_words": "",
                        "created_by": ctx.actor.user_id,
                        "created_at": now,
                    }
                )
                about = f"In a picture conversation about {topic_name.lower()}"
                for place, words in placed.items():
                    if not words:
                        continue
                    said = and_words(words)
                    notes.append(
                        {
                            "person_id": pid,
                            "on_date": day,
                            "taken_by_id": talks[-1]["helped_by_id"],
                            "kind": NOTE_KIND_OF_PLACE[place],
                            "text": f"{about}, {PLACE_PAST[place]}: {said}.",
                            "summary": f"A member, {about.lower()}, {PLACE_PAST[place]}: {said}."
                            if visibility == "committee_anonymous"
                            else "",
                            "visibility": visibility,
                            "named_agreed_on": talks[-1]["named_agreed_on"],
                            "health_related": False,
                            "flagged": False,
                            "superseded_on": superseded,
                            "conversation_id": conversation_id,
                            "created_by": ctx.actor.user_id,
                            "created_at": now,
                            "updated_at": now,
                        }
                    )
    for model, rows in ((Conversation, talks), (ConversationAnswer, answers), (Note, notes)):
        if rows:
            session.execute(insert(model), rows)

"""A club's picture conversations for the committee's counts: members with distinctive
names, known-as names and own words (so a test can look for any of them leaking), each
sorting one topic's cards and sharing it with the committee."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from clubapp.db.database import Database
from clubapp.services import conversation_topics
from clubapp.services import conversations as conv
from clubapp.services.conversations import ConversationInput, Placement
from clubapp.services.permissions import Actor
from tests.conftest import add_person

TOPIC = "Food and drink"

# (full name, known as, own words about the first card) for each member who shares.
MEMBERS = (
    ("Zebedee Quillfeather", "Zeb", "Marmalade on Sundays"),
    ("Oriel Pennywhistle", "Ori", "Only with lemon"),
    ("Thaddeus Brambleworth", "Tad", "Too salty for me"),
    ("Philippa Ottershaw", "Pip", "Like my grandmother's"),
    ("Ignatius Frostwick", "Iggy", "Crumbly and warm"),
)

# What each member did with the first four cards of the topic, in order: a card can end
# with 4 likes (a number), 1 not sure (fewer than 3), 0 (none), 2 (fewer than 3) or 3.
PLACES = (
    ("like", "like", "dislike", "skipped"),
    ("like", "like", "dislike", "not_sure"),
    ("like", "dislike", "dislike", "not_sure"),
    ("like", "dislike", "like", "not_sure"),
    ("not_sure", "dislike", "like", "like"),
)


@dataclass(frozen=True)
class Shared:
    topic_id: int
    topic_name: str
    words: tuple[str, ...]  # the first four cards' words
    tallies: dict[tuple[int, str], int]  # (card index, place) -> how many members
    names: tuple[str, ...]  # every name, known-as and own words: none may be shown
    on_date: date


def share_conversations(
    db: Database,
    actor: Actor,
    today: date,
    members: int = len(MEMBERS),
    private: bool = True,
) -> Shared:
    """The first ``members`` of :data:`MEMBERS` each share a conversation on the topic
    with the committee, a month before ``today``; half with their name, half without.
    With ``private``, one more member's private conversation is saved as well (it must
    never be counted)."""
    topic_row = next(t for t in db.run(conversation_topics.list_topics, actor) if t.name == TOPIC)
    topic = db.run(conversation_topics.get_topic, actor, topic_row.topic_id)
    cards = topic.cards_in_use[:4]
    on_date = today - timedelta(days=30)
    tallies: Counter[tuple[int, str]] = Counter()
    secret: list[str] = []
    chosen = list(zip(MEMBERS, PLACES, strict=True))[:members]
    if private:
        chosen.append((("Quentin Marchbanks", "Quinny", "Tell nobody this"), PLACES[0]))
    for i, ((full_name, known_as, said), places) in enumerate(chosen):
        person = add_person(db, actor, full_name, known_as=known_as)
        secret += [full_name, known_as, said]
        visibility = (
            "private"
            if private and i == len(chosen) - 1
            else ("committee_named" if i % 2 else "committee_anonymous")
        )
        if visibility != "private":
            for index, place in enumerate(places):
                tallies[(index, place)] += 1
        db.run(
            conv.save_conversation,
            actor,
            ConversationInput(
                person_id=person,
                topic_id=topic.topic_id,
                on_date=on_date,
                placements=tuple(
                    Placement(card.card_id, place, said if index == 0 else "")
                    for index, (card, place) in enumerate(zip(cards, places, strict=True))
                ),
                visibility=visibility,
                named_agreed_on=on_date if visibility == "committee_named" else None,
                own_words=f"{said}, said {known_as}",
            ),
            today,
        )
    return Shared(
        topic_id=topic.topic_id,
        topic_name=topic.name,
        words=tuple(card.word for card in cards),
        tallies=dict(tallies),
        names=tuple(secret),
        on_date=on_date,
    )


def expected_words(n: int) -> str:
    """How a count of ``n`` members must read on its own: the rule, not a copy of the
    output."""
    if n == 0:
        return "none"
    return "fewer than 3" if n < 3 else str(n)


def expected_row(like: int, not_sure: int, dislike: int) -> tuple[str, str, str]:
    """How one card's three counts must read: with a 1 or 2 in the row, every count
    under 3 reads "fewer than 3", and if only one does, the smallest other reads
    "3 or more" (so the members line minus the others cannot give it)."""
    counts = (like, not_sure, dislike)
    if not any(0 < n < 3 for n in counts):
        return (expected_words(like), expected_words(not_sure), expected_words(dislike))
    words = ["fewer than 3" if n < 3 else str(n) for n in counts]
    if words.count("fewer than 3") == 1:
        others = [i for i, n in enumerate(counts) if n >= 3]
        words[min(others, key=lambda i: counts[i])] = "3 or more"
    return (words[0], words[1], words[2])

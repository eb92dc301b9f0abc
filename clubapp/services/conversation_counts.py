"""The committee's club-wide view of picture conversations: for one topic and a period,
how many members like, are not sure about, or do not like each card. Counts only.

Nobody can be singled out:

* no name, date or own words leave this module, only counts;
* a count of 1 or 2 is given as "fewer than 3" (SMALL), never as the number, and the
  number of members counted likewise; the raw numbers stay here;
* only conversations shared with the committee count (with or without the name); what a
  member said to the coordinator alone stays with the coordinator.

Each member counts once per topic: their newest conversation on it in the period.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clubapp.models.committee import AgendaItem
from clubapp.models.conversations import (
    Conversation,
    ConversationAnswer,
    ConversationCard,
    ConversationTopic,
)
from clubapp.services.dates import long_date
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.permissions import Actor, allowed

# Below this many people, a count is not given.
SMALLEST_SHOWN = 3
SMALL_WORDS = "fewer than 3"


@dataclass(frozen=True)
class Count:
    """A count as the committee may see it: ``shown`` is None when it is held back,
    as "fewer than 3" (0, 1 or 2) or, beside a single "fewer than 3", as "3 or more"."""

    shown: int | None
    at_least_3: bool = False

    @property
    def small(self) -> bool:
        return self.shown is None and not self.at_least_3

    @property
    def words(self) -> str:
        if self.at_least_3:
            return "3 or more"
        if self.shown is None:
            return SMALL_WORDS
        return "none" if self.shown == 0 else f"{self.shown:,}"


def count(n: int) -> Count:
    return Count(None if 0 < n < SMALLEST_SHOWN else n)


def card_row(like: int, not_sure: int, dislike: int) -> tuple[Count, Count, Count]:
    """One card's three counts, held back so that none of 1 or 2 can be worked out.

    A 1 or 2 is "fewer than 3". Then, in that card's row, a 0 is "fewer than 3" too (it
    is fewer than 3), and if that leaves a single number held back, the smallest other
    is given only as "3 or more": otherwise the members line minus the two numbers shown
    would give the held-back one exactly.
    """
    raw = (like, not_sure, dislike)
    if not any(0 < n < SMALLEST_SHOWN for n in raw):
        return (count(like), count(not_sure), count(dislike))
    cells = [Count(None) if n < SMALLEST_SHOWN else Count(n) for n in raw]
    held = [i for i, n in enumerate(raw) if n < SMALLEST_SHOWN]
    if len(held) == 1:
        smallest = min((i for i in range(3) if i not in held), key=lambda i: raw[i])
        cells[smallest] = Count(None, at_least_3=True)
    return (cells[0], cells[1], cells[2])


def whole_months(start: date, end: date) -> tuple[date, date]:
    """The period widened to whole months: counts for periods a day apart would differ
    by what one or two people said that day."""
    return start.replace(day=1), end.replace(day=calendar.monthrange(end.year, end.month)[1])


@dataclass(frozen=True)
class CardCounts:
    card_id: int
    word: str
    picture: str | None
    has_photo: bool
    like: Count
    not_sure: Count
    dislike: Count

    def of(self, place: str) -> Count:
        return {"like": self.like, "not_sure": self.not_sure, "dislike": self.dislike}[place]

    @property
    def words(self) -> str:
        """ "Like: 5. Not sure: none. Don't like: fewer than 3." """
        like, unsure, dislike = self.like.words, self.not_sure.words, self.dislike.words
        return f"Like: {like}. Not sure: {unsure}. Don't like: {dislike}."


@dataclass(frozen=True)
class TopicCounts:
    topic_id: int
    topic_name: str
    start: date
    end: date
    members: Count  # members whose conversations are counted
    cards: tuple[CardCounts, ...]  # in the topic's order; empty when members is small

    @property
    def period_words(self) -> str:
        return f"{long_date(self.start, weekday=False)} to {long_date(self.end, weekday=False)}"

    @property
    def too_few(self) -> bool:
        """Too few members (0, 1 or 2) for any card's counts to be shown."""
        return self.members.small or self.members.shown == 0

    @property
    def members_words(self) -> str:
        shown = self.members.shown
        if shown is None:
            return f"Fewer than 3 members shared a picture conversation about {self.topic_name.lower()} in this time."
        if shown == 0:
            return f"No member shared a picture conversation about {self.topic_name.lower()} in this time."
        return f"{shown:,} members shared a picture conversation about {self.topic_name.lower()} in this time."


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationError("end", "The end of the time is before its start. Check the dates.")


@allowed("committee.see")
def topic_counts(
    session: Session, actor: Actor, topic_id: int, start: date, end: date
) -> TopicCounts:
    topic = session.get(ConversationTopic, topic_id)
    if topic is None:
        raise NotFound("This topic is not in the club's records any more.")
    _check_period(start, end)
    start, end = whole_months(start, end)
    shared = [
        Conversation.topic_id == topic_id,
        Conversation.on_date >= start,
        Conversation.on_date <= end,
        Conversation.visibility != "private",
    ]
    # Each member's newest shared conversation on the topic in the period.
    ranked = (
        select(
            Conversation.id,
            func.row_number()
            .over(
                partition_by=Conversation.person_id,
                order_by=(Conversation.on_date.desc(), Conversation.id.desc()),
            )
            .label("rank"),
        )
        .where(*shared)
        .subquery()
    )
    newest = select(ranked.c.id).where(ranked.c.rank == 1)
    members = session.scalar(select(func.count()).select_from(newest.subquery())) or 0
    tallies: dict[tuple[int, str], int] = {
        (card_id, place): n
        for card_id, place, n in session.execute(
            select(ConversationAnswer.card_id, ConversationAnswer.place, func.count())
            .where(ConversationAnswer.conversation_id.in_(newest))
            .group_by(ConversationAnswer.card_id, ConversationAnswer.place)
        )
    }
    # Sorted into a place, not skipped: a put-away card shows only if someone sorted it.
    answered = {card_id for card_id, place in tallies if place != "skipped"}
    has_photo = ConversationCard.photo.is_not(None)
    cards = [
        (card, bool(photo))
        for card, photo in session.execute(
            select(ConversationCard, has_photo)
            .where(ConversationCard.topic_id == topic_id)
            .order_by(ConversationCard.retired, ConversationCard.position, ConversationCard.id)
        )
        # A card put away shows only if someone sorted it in the period.
        if not card.retired or card.id in answered
    ]
    members_count = count(members)
    small_group = members_count.small or members == 0
    return TopicCounts(
        topic_id=topic.id,
        topic_name=topic.name,
        start=start,
        end=end,
        members=members_count,
        cards=()
        if small_group
        else tuple(
            CardCounts(
                card.id,
                card.word,
                card.picture,
                photo,
                *card_row(
                    tallies.get((card.id, "like"), 0),
                    tallies.get((card.id, "not_sure"), 0),
                    tallies.get((card.id, "dislike"), 0),
                ),
            )
            for card, photo in cards
        ),
    )


def counts_text(counts: TopicCounts) -> str:
    """The counts as plain lines, for an agenda item's details and the command line."""
    lines = [counts.members_words]
    for card in counts.cards:
        lines.append(f"{card.word}: {card.words}")
    lines.append(RULE_WORDS)
    return "\n".join(lines)


@allowed("committee.run")
def add_to_agenda(
    session: Session, actor: Actor, meeting_id: int, topic_id: int, start: date, end: date
) -> int:
    """The topic's counts as an agenda item, before any other business."""
    from clubapp.services.agenda import add_proposal

    counts = topic_counts(session, actor, topic_id, start, end)
    title = f"What members told us in pictures: {counts.topic_name}"[:200]
    details = f"From {counts.period_words}.\n{counts_text(counts)}"
    same = select(AgendaItem.id).where(
        AgendaItem.meeting_id == meeting_id,
        AgendaItem.title == title,
        AgendaItem.details == details,
    )
    if session.scalar(same) is not None:
        raise ValidationError("meeting", "These counts are already on that meeting's agenda.")
    return add_proposal(session, actor, meeting_id, title, details)


#: The rule, in words, wherever the counts are shown (the committee's page and printout).
RULE_WORDS = (
    "Counts only, no names, for whole months. 1 or 2 people show as “fewer than 3”, and "
    "a number that would let someone work one of those out is held back too, so nobody "
    "can be singled out."
)


@allowed("committee.see")
def topic_summary_pdf(
    session: Session, actor: Actor, topic_id: int, start: date, end: date, today: date
) -> bytes:
    """The topic's counts as a large-print printout for the committee: each card's
    picture and word and its three counts, the period, the members line and the rule.
    Only counts (and the cards' own pictures) reach the printout, never a member."""
    from clubapp.printing.conversation_counts import CardLine
    from clubapp.printing.conversation_counts import topic_summary_pdf as build
    from clubapp.services.club import club_name

    counts = topic_counts(session, actor, topic_id, start, end)
    with_photo = [card.card_id for card in counts.cards if card.has_photo]
    photos: dict[int, bytes] = (
        {
            card_id: photo
            for card_id, photo in session.execute(
                select(ConversationCard.id, ConversationCard.photo).where(
                    ConversationCard.id.in_(with_photo)
                )
            )
            if photo is not None
        }
        if with_photo
        else {}
    )
    lines = [
        CardLine(
            word=card.word,
            picture=card.picture,
            photo=photos.get(card.card_id),
            like=card.like.words,
            not_sure=card.not_sure.words,
            dislike=card.dislike.words,
        )
        for card in counts.cards
    ]
    return build(
        club_name(session) or "",
        counts.topic_name,
        counts.period_words,
        counts.members_words,
        RULE_WORDS,
        lines,
        today,
    )

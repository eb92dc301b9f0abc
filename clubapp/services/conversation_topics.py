"""Picture conversation topics and their cards: what the coordinator offers members to
talk about, each card a picture from the library or a photo, with its word and where the
picture came from. A topic or card that has been talked about is put away, never
deleted, so that what members said keeps its pictures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from clubapp.models.conversations import (
    Conversation,
    ConversationAnswer,
    ConversationCard,
    ConversationTopic,
)
from clubapp.services import fields
from clubapp.services.errors import NotFound, ValidationError, collect_errors
from clubapp.services.permissions import Actor, allowed, internal

CARD_WORD_MAX = 60
LIBRARY_LICENCE = "Drawn for clubapp (MIT licence)"


@dataclass(frozen=True)
class CardRow:
    card_id: int
    topic_id: int
    word: str
    picture: str | None  # a library picture's name, or None when the card has a photo
    has_photo: bool
    licence: str
    position: int
    retired: bool


@dataclass(frozen=True)
class TopicRow:
    topic_id: int
    name: str
    prompt: str
    card_count: int  # cards in use (not put away)
    retired: bool
    used: bool  # talked about at least once: it can be put away, never deleted


@dataclass(frozen=True)
class TopicDetail:
    topic_id: int
    name: str
    prompt: str
    retired: bool
    used: bool
    cards: tuple[CardRow, ...]  # in order; put-away cards last

    @property
    def cards_in_use(self) -> tuple[CardRow, ...]:
        return tuple(card for card in self.cards if not card.retired)


@dataclass(frozen=True)
class CardInput:
    word: str
    picture: str | None = None
    photo: bytes | None = None
    licence: str = ""


def _card_row(card: ConversationCard, has_photo: bool) -> CardRow:
    return CardRow(
        card_id=card.id,
        topic_id=card.topic_id,
        word=card.word,
        picture=card.picture,
        has_photo=has_photo,
        licence=card.licence,
        position=card.position,
        retired=card.retired,
    )


@internal
def topic_or_refusal(session: Session, topic_id: int) -> ConversationTopic:
    topic = session.get(ConversationTopic, topic_id)
    if topic is None:
        raise NotFound("This topic is not in the club's records any more.")
    return topic


def _card(session: Session, card_id: int) -> ConversationCard:
    card = session.get(ConversationCard, card_id)
    if card is None:
        raise NotFound("This picture card is not in the club's records any more.")
    return card


def _topic_used(session: Session, topic_id: int) -> bool:
    return bool(session.scalar(select(exists().where(Conversation.topic_id == topic_id))))


def _card_used(session: Session, card_id: int) -> bool:
    return bool(session.scalar(select(exists().where(ConversationAnswer.card_id == card_id))))


@allowed("notes.add", "committee.see")
def list_topics(session: Session, actor: Actor, include_retired: bool = False) -> list[TopicRow]:
    """The topics in their order, with how many cards each has in use."""
    cards = (
        select(func.count(ConversationCard.id))
        .where(ConversationCard.topic_id == ConversationTopic.id, ~ConversationCard.retired)
        .scalar_subquery()
    )
    used = exists().where(Conversation.topic_id == ConversationTopic.id)
    query = select(ConversationTopic, cards, used).order_by(
        ConversationTopic.retired, ConversationTopic.position, ConversationTopic.id
    )
    if not include_retired:
        query = query.where(~ConversationTopic.retired)
    return [
        TopicRow(t.id, t.name, t.prompt, int(n), t.retired, bool(u))
        for t, n, u in session.execute(query)
    ]


@allowed("notes.add", "committee.see")
def get_topic(session: Session, actor: Actor, topic_id: int) -> TopicDetail:
    topic = topic_or_refusal(session, topic_id)
    has_photo = ConversationCard.photo.is_not(None)
    rows = session.execute(
        select(ConversationCard, has_photo)
        .where(ConversationCard.topic_id == topic_id)
        .order_by(ConversationCard.retired, ConversationCard.position, ConversationCard.id)
    )
    return TopicDetail(
        topic_id=topic.id,
        name=topic.name,
        prompt=topic.prompt,
        retired=topic.retired,
        used=_topic_used(session, topic.id),
        cards=tuple(_card_row(card, bool(photo)) for card, photo in rows),
    )


@allowed("notes.add", "committee.see")
def card_photo(session: Session, actor: Actor, card_id: int) -> bytes | None:
    """A card's photo (loaded only when asked for)."""
    return session.scalar(select(ConversationCard.photo).where(ConversationCard.id == card_id))


def _check_topic(session: Session, name: str, prompt: str, own_id: int | None) -> None:
    def name_ok() -> None:
        fields.name(name, "name", "topic's name", required=True)
        if len(name.strip()) > 100:
            raise ValidationError("name", "Keep the topic's name under 100 characters.")
        rows = session.execute(select(ConversationTopic.id, ConversationTopic.name))
        if fields.name_taken([(i, n) for i, n in rows], name, own_id):
            raise ValidationError("name", "There is already a topic called that.")

    def prompt_ok() -> None:
        fields.text(prompt, "prompt", "words to start with")

    errors = collect_errors(name_ok, prompt_ok)
    if errors:
        raise ValidationError(errors)


@allowed("conversations.topics")
def add_topic(session: Session, actor: Actor, name: str, prompt: str = "") -> int:
    _check_topic(session, name, prompt, None)
    last = session.scalar(select(func.max(ConversationTopic.position))) or 0
    topic = ConversationTopic(name=" ".join(name.split()), prompt=prompt.strip(), position=last + 1)
    session.add(topic)
    session.flush()
    return topic.id


@allowed("conversations.topics")
def update_topic(session: Session, actor: Actor, topic_id: int, name: str, prompt: str) -> None:
    topic = topic_or_refusal(session, topic_id)
    _check_topic(session, name, prompt, topic_id)
    topic.name = " ".join(name.split())
    topic.prompt = prompt.strip()


@allowed("conversations.topics")
def set_topic_retired(session: Session, actor: Actor, topic_id: int, retired: bool) -> None:
    """Put a topic away (it is no longer offered; its conversations stay) or bring it back."""
    topic_or_refusal(session, topic_id).retired = retired


@allowed("conversations.topics")
def delete_topic(session: Session, actor: Actor, topic_id: int) -> None:
    """Delete a topic nobody has talked about yet, with its cards."""
    topic = topic_or_refusal(session, topic_id)
    if _topic_used(session, topic_id):
        raise ValidationError(
            "topic",
            f"Members have talked about {topic.name}, so it cannot be deleted: what they said "
            "would be lost. Put it away instead.",
        )
    session.execute(delete(ConversationCard).where(ConversationCard.topic_id == topic_id))
    session.delete(topic)


def _check_card(data: CardInput, picture_names: Sequence[str]) -> None:
    def word() -> None:
        fields.name(data.word, "word", "word for the card", required=True)
        if len(data.word.strip()) > CARD_WORD_MAX:
            raise ValidationError(
                "word", f"Keep the card's words short: under {CARD_WORD_MAX} characters."
            )

    def picture() -> None:
        if data.picture is not None and data.picture not in picture_names:
            raise ValidationError("picture", "Choose the picture again from the pictures shown.")
        if data.picture is None and data.photo is None:
            raise ValidationError("picture", "Choose a picture for the card, or add a photo.")

    def photo() -> None:
        if data.photo is None:
            return
        if len(data.photo) > fields.PHOTO_MAX_BYTES:
            raise ValidationError("photo", "This photo is too large. Choose one under 5 MB.")
        if not data.photo.startswith(fields.IMAGE_MAGIC):
            raise ValidationError(
                "photo", "This file is not a photo clubapp can read. Choose a JPEG or PNG."
            )

    def licence() -> None:
        fields.name(data.licence, "licence", "note of where the picture came from")
        if data.photo is not None and data.picture is None and not data.licence.strip():
            raise ValidationError(
                "licence",
                "Say where the photo came from and that the club may use it, for example "
                "“Taken at the club by Jo, with permission”.",
            )

    errors = collect_errors(word, picture, photo, licence)
    if errors:
        raise ValidationError(errors)


def _fill_card(card: ConversationCard, data: CardInput) -> None:
    card.word = " ".join(data.word.split())
    card.picture = data.picture if data.photo is None else None
    if data.photo is not None:
        card.photo = data.photo
    elif data.picture is not None:
        card.photo = None
    card.licence = data.licence.strip() or (LIBRARY_LICENCE if card.picture else "")


@allowed("conversations.topics")
def add_card(session: Session, actor: Actor, topic_id: int, data: CardInput) -> int:
    from clubapp.pictures import picture_names

    topic_or_refusal(session, topic_id)
    _check_card(data, picture_names())
    last = session.scalar(
        select(func.max(ConversationCard.position)).where(ConversationCard.topic_id == topic_id)
    )
    card = ConversationCard(topic_id=topic_id, position=(last or 0) + 1)
    _fill_card(card, data)
    session.add(card)
    session.flush()
    return card.id


@allowed("conversations.topics")
def update_card(session: Session, actor: Actor, card_id: int, data: CardInput) -> None:
    """Change a card. A photo stays unless a new photo or a library picture is given."""
    from clubapp.pictures import picture_names

    card = _card(session, card_id)
    keeps_photo = data.photo is None and data.picture is None and card.photo is not None
    if keeps_photo:
        # The form sends no photo when the old one is kept: check the words only.
        _check_card(
            CardInput(data.word, None, b"\xff\xd8\xff", data.licence or card.licence),
            picture_names(),
        )
        card.word = " ".join(data.word.split())
        card.licence = data.licence.strip() or card.licence
        return
    _check_card(data, picture_names())
    _fill_card(card, data)


@allowed("conversations.topics")
def move_card(session: Session, actor: Actor, card_id: int, steps: int) -> None:
    """Move a card earlier (negative) or later in its topic's order of cards in use."""
    card = _card(session, card_id)
    cards = list(
        session.scalars(
            select(ConversationCard)
            .where(ConversationCard.topic_id == card.topic_id, ~ConversationCard.retired)
            .order_by(ConversationCard.position, ConversationCard.id)
        )
    )
    if card not in cards:
        return
    at = cards.index(card)
    cards.insert(max(0, min(len(cards) - 1, at + steps)), cards.pop(at))
    for position, each in enumerate(cards, start=1):
        each.position = position


@allowed("conversations.topics")
def remove_card(session: Session, actor: Actor, card_id: int) -> bool:
    """Take a card out of its topic: deleted if never used, else put away (its answers
    stay in members' history). True when it was deleted."""
    card = _card(session, card_id)
    if _card_used(session, card_id):
        card.retired = True
        return False
    session.delete(card)
    return True


@allowed("conversations.topics")
def bring_back_card(session: Session, actor: Actor, card_id: int) -> None:
    card = _card(session, card_id)
    card.retired = False
    last = session.scalar(
        select(func.max(ConversationCard.position)).where(
            ConversationCard.topic_id == card.topic_id, ~ConversationCard.retired
        )
    )
    card.position = (last or 0) + 1


@internal
def add_starter_topics(session: Session) -> int:
    """Add the starter topics the club does not have yet (by name). Returns how many."""
    from clubapp.services.conversation_starters import STARTER_TOPICS

    have = {fields.name_key(n) for n in session.scalars(select(ConversationTopic.name))}
    last = session.scalar(select(func.max(ConversationTopic.position))) or 0
    added = 0
    for starter in STARTER_TOPICS:
        if fields.name_key(starter.name) in have:
            continue
        last += 1
        topic = ConversationTopic(name=starter.name, prompt=starter.prompt, position=last)
        session.add(topic)
        session.flush()
        session.add_all(
            ConversationCard(
                topic_id=topic.id,
                word=word,
                picture=picture,
                licence=LIBRARY_LICENCE,
                position=position,
            )
            for position, (word, picture) in enumerate(starter.cards, start=1)
        )
        added += 1
    session.flush()
    return added


@allowed("conversations.topics")
def restore_starter_topics(session: Session, actor: Actor) -> int:
    """The coordinator's "Add the starter topics": those missing are added again."""
    return add_starter_topics(session)

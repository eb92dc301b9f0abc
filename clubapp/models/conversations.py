"""Picture conversations: a member sorts picture cards about a topic into "I like this",
"Not sure" and "I don't like this" (after Talking Mats), and what they sorted becomes
one-to-one notes (kept as ordinary notes: the answers here are the pictures' record)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

# The tables this module's foreign keys point at, so that saving works when only
# this domain has been imported.
from clubapp.models import members as _members  # noqa: F401
from clubapp.models import users as _users  # noqa: F401
from clubapp.models.base import Base, in_codes, utcnow
from clubapp.models.notes import VISIBILITIES

# Where a card was put. "skipped": shown, and the member chose not to say. A card never
# reached (the member stopped) has no answer at all.
PLACES = ("like", "not_sure", "dislike", "skipped")


class ConversationTopic(Base):
    """What a conversation is about: "Food and drink", "Getting to the club"."""

    __tablename__ = "conversation_topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    # One plain sentence the helper can read out: "Let's talk about food and drink."
    prompt: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    # A topic that has been talked about is retired, never deleted: its history stays.
    retired: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConversationCard(Base):
    """One picture card of a topic: a picture from the library or a photo, and its word."""

    __tablename__ = "conversation_cards"
    __table_args__ = (
        CheckConstraint("picture IS NOT NULL OR photo IS NOT NULL", name="has_picture"),
        Index("ix_conversation_cards_topic_position", "topic_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("conversation_topics.id"))
    word: Mapped[str] = mapped_column(String(60))
    picture: Mapped[str | None] = mapped_column(String(40), default=None)  # library name
    # Loaded only when asked for: lists of cards never read every photo.
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    # Where the picture came from and on what terms ("Drawn for clubapp, MIT licence";
    # "Photo taken at the club by Jo, with permission").
    licence: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(default=0)
    retired: Mapped[bool] = mapped_column(default=False)


class Conversation(Base):
    """One sitting: one member, one topic, one day, and who helped."""

    __tablename__ = "conversations"
    __table_args__ = (
        CheckConstraint(in_codes("visibility", VISIBILITIES), name="visibility"),
        CheckConstraint(
            "visibility <> 'committee_named' OR named_agreed_on IS NOT NULL",
            name="named_needs_agreement",
        ),
        Index("ix_conversations_person_topic_date", "person_id", "topic_id", "on_date"),
        Index("ix_conversations_topic_date", "topic_id", "on_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    topic_id: Mapped[int] = mapped_column(ForeignKey("conversation_topics.id"))
    on_date: Mapped[date] = mapped_column()
    helped_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None
    )
    visibility: Mapped[str] = mapped_column(String(20), default="private")
    named_agreed_on: Mapped[date | None] = mapped_column(default=None)
    # False when the member stopped before the last card: what was sorted is kept.
    finished: Mapped[bool] = mapped_column(default=True)
    # Anything the member said about the topic as a whole.
    own_words: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConversationAnswer(Base):
    """Where the member put one card, and what they said about it."""

    __tablename__ = "conversation_answers"
    __table_args__ = (
        CheckConstraint(in_codes("place", PLACES), name="place"),
        UniqueConstraint("conversation_id", "card_id", name="one_answer_per_card"),
        Index("ix_conversation_answers_card", "card_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(ForeignKey("conversation_cards.id"))
    place: Mapped[str] = mapped_column(String(10))
    own_words: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)  # the order the cards were shown

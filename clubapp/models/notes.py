"""One-to-one notes: what a member said about their likes, needs, ideas and worries."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

# The tables this module's foreign keys point at, so that saving works when only
# this domain has been imported.
from clubapp.models import members as _members  # noqa: F401
from clubapp.models import users as _users  # noqa: F401
from clubapp.models.base import Base, in_codes, utcnow

NOTE_KINDS = ("likes", "not_sure", "dislikes", "need", "idea", "worry", "praise")
# private: the coordinator only. committee_anonymous: the committee sees the summary,
# never the name. committee_named: the member agreed to be named; the committee and
# volunteers may see it with the name.
VISIBILITIES = ("private", "committee_anonymous", "committee_named")


class Note(Base):
    __tablename__ = "notes"
    __table_args__ = (
        CheckConstraint(in_codes("kind", NOTE_KINDS), name="kind"),
        CheckConstraint(in_codes("visibility", VISIBILITIES), name="visibility"),
        # A private note never waits for the committee.
        CheckConstraint("NOT (flagged AND visibility = 'private')", name="private_not_flagged"),
        CheckConstraint(
            "visibility <> 'committee_named' OR named_agreed_on IS NOT NULL",
            name="named_needs_agreement",
        ),
        Index("ix_notes_person_date", "person_id", "on_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    on_date: Mapped[date] = mapped_column(index=True)
    # Who had the conversation: any person, a peer or a volunteer as well as staff.
    taken_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None
    )
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    # What the committee reads: written by the note-taker, never naming an anonymous member.
    summary: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[str] = mapped_column(String(20), default="private")
    # The day the member agreed to be named to the committee (needed for committee_named).
    named_agreed_on: Mapped[date | None] = mapped_column(default=None)
    health_related: Mapped[bool] = mapped_column(default=False)
    flagged: Mapped[bool] = mapped_column(default=False, index=True)
    superseded_on: Mapped[date | None] = mapped_column(default=None)
    # The picture conversation that wrote this note, if one did: a newer conversation on
    # the same topic marks it superseded, and "What matters" shows it as pictures.
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL"), default=None, index=True
    )
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# Last: the conversations module reads VISIBILITIES from this one.
from clubapp.models import conversations as _conversations  # noqa: E402,F401

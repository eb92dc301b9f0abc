"""People in the club: who they are, how to reach them, what helps them, what they agreed to."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clubapp.models.base import Base, in_codes, utcnow

KIND_CODES = (
    "member",
    "carer",
    "family",
    "resident",
    "volunteer",
    "trustee",
    "coordinator",
    "supporter",
)
STATUS_CODES = ("active", "paused", "left", "died")
LINK_CODES = ("carer_of", "family_of", "attorney_for")
# about_me: an "About me" profile (likes, needs, how to talk with them) given to volunteers.
CONSENT_CODES = ("keep_details", "health_notes", "photos", "share_phone", "about_me")
CONSENT_GIVERS = ("self", "attorney", "carer")


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (CheckConstraint(in_codes("status", STATUS_CODES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    known_as: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    joined_on: Mapped[date | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(10), default="active")
    # The date the status took effect: paused from, left on, died on.
    status_on: Mapped[date | None] = mapped_column(default=None)
    mobility: Mapped[str] = mapped_column(Text, default="")
    hearing: Mapped[str] = mapped_column(Text, default="")
    sight: Mapped[str] = mapped_column(Text, default="")
    diet: Mapped[str] = mapped_column(Text, default="")
    communication_tips: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    kinds: Mapped[list[PersonKind]] = relationship(
        cascade="all, delete-orphan", order_by="PersonKind.kind"
    )
    emergency_contacts: Mapped[list[EmergencyContact]] = relationship(
        cascade="all, delete-orphan", order_by="EmergencyContact.position"
    )
    consents: Mapped[list[ConsentRecord]] = relationship(
        cascade="all, delete-orphan", order_by="ConsentRecord.given_on"
    )


class PersonKind(Base):
    """One person can be several kinds: a carer who is also a trustee and a volunteer."""

    __tablename__ = "person_kinds"
    __table_args__ = (CheckConstraint(in_codes("kind", KIND_CODES), name="kind"),)

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)


class PersonPhoto(Base):
    """Kept apart from people so lists never load images they do not show."""

    __tablename__ = "person_photos"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    image: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class EmergencyContact(Base):
    __tablename__ = "emergency_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    relationship: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class PersonLink(Base):
    """`person` is carer of / family of / attorney for `other`."""

    __tablename__ = "person_links"
    __table_args__ = (
        CheckConstraint(in_codes("kind", LINK_CODES), name="kind"),
        CheckConstraint("person_id <> other_id", name="not_self"),
        Index("ix_person_links_unique", "person_id", "other_id", "kind", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    other_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))


class ConsentRecord(Base):
    __tablename__ = "consent_records"
    __table_args__ = (
        CheckConstraint(in_codes("what", CONSENT_CODES), name="what"),
        CheckConstraint(in_codes("given_by", CONSENT_GIVERS), name="given_by"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    what: Mapped[str] = mapped_column(String(20))
    given_by: Mapped[str] = mapped_column(String(10))
    # The attorney's or carer's name when they consented on the person's behalf.
    given_by_name: Mapped[str] = mapped_column(String(200), default="")
    given_on: Mapped[date]
    review_on: Mapped[date | None] = mapped_column(default=None)
    withdrawn_on: Mapped[date | None] = mapped_column(default=None)

"""The elected committee: terms of office, meetings, agendas, decisions, action points, minutes."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

# The tables this module's foreign keys point at, so that saving works when only
# this domain has been imported.
from clubapp.models import members as _members  # noqa: F401
from clubapp.models import notes as _notes  # noqa: F401
from clubapp.models.base import Base, in_codes, utcnow

POSITIONS = ("chair", "vice_chair", "treasurer", "secretary", "trustee", "co_opted")
JOINED_HOW = ("elected", "co_opted", "appointed")
MEETING_KINDS = ("committee", "agm", "members")
ATTENDEE_STATUSES = ("present", "apologies", "guest")
# Agenda items: the standing ones every meeting has, members' notes from the inbox,
# open action points (matters arising), and proposals typed in.
ITEM_SOURCES = ("standing", "notes", "action", "proposal")
STANDING_CODES = ("apologies", "minutes", "matters_arising", "treasurer", "aob")
CASTING = ("for", "against")


class Term(Base):
    """One person's time in one position on the committee."""

    __tablename__ = "committee_terms"
    __table_args__ = (
        CheckConstraint(in_codes("position", POSITIONS), name="position"),
        CheckConstraint(in_codes("joined_how", JOINED_HOW), name="joined_how"),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="dates_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    position: Mapped[str] = mapped_column(String(20))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None] = mapped_column(default=None)
    joined_how: Mapped[str] = mapped_column(String(20), default="elected")
    # The meeting that elected them, when it is in the app.
    elected_at_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), default=None
    )


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (CheckConstraint(in_codes("kind", MEETING_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="committee")
    on_date: Mapped[date] = mapped_column(index=True)
    start_time: Mapped[time | None] = mapped_column(default=None)
    place: Mapped[str] = mapped_column(String(200), default="")
    chair_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None
    )
    # Set when the next meeting approves the minutes; the meeting's record is then locked.
    minutes_approved_on: Mapped[date | None] = mapped_column(default=None)
    minutes_approved_at_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), default=None
    )
    # The quorum the rules asked for when the meeting first took a decision: changing
    # the rules later must not make a past meeting's decisions look invalid.
    quorum_needed: Mapped[int | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MeetingAttendee(Base):
    __tablename__ = "meeting_attendees"
    __table_args__ = (CheckConstraint(in_codes("status", ATTENDEE_STATUSES), name="status"),)

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    status: Mapped[str] = mapped_column(String(10))


class AgendaItem(Base):
    __tablename__ = "agenda_items"
    __table_args__ = (
        CheckConstraint(in_codes("source", ITEM_SOURCES), name="source"),
        CheckConstraint(
            f"standing_code IS NULL OR {in_codes('standing_code', STANDING_CODES)}",
            name="standing_code",
        ),
        CheckConstraint("planned_minutes IS NULL OR planned_minutes >= 0", name="minutes"),
        Index("ix_agenda_items_meeting_position", "meeting_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    source: Mapped[str] = mapped_column(String(10), default="proposal")
    standing_code: Mapped[str | None] = mapped_column(String(20), default=None)
    title: Mapped[str] = mapped_column(String(200))
    details: Mapped[str] = mapped_column(Text, default="")
    presenter_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None
    )
    planned_minutes: Mapped[int | None] = mapped_column(default=None)
    # What was said, typed in during or after the meeting, for the minutes.
    discussion: Mapped[str] = mapped_column(Text, default="")


class AgendaItemNote(Base):
    """The members' notes an agenda item came from (several people may raise one thing)."""

    __tablename__ = "agenda_item_notes"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True
    )
    note_id: Mapped[int] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class AgendaItemAction(Base):
    """Open action points an item follows up (matters arising), meeting after meeting."""

    __tablename__ = "agenda_item_actions"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True
    )
    action_id: Mapped[int] = mapped_column(
        ForeignKey("action_points.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Decision(Base):
    __tablename__ = "decisions"
    __table_args__ = (
        CheckConstraint(
            "votes_for >= 0 AND votes_against >= 0 AND abstentions >= 0", name="counts"
        ),
        CheckConstraint(f"casting IS NULL OR {in_codes('casting', CASTING)}", name="casting"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), default=None, index=True
    )
    motion: Mapped[str] = mapped_column(Text)
    proposer_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None
    )
    seconder_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None
    )
    votes_for: Mapped[int] = mapped_column(default=0)
    votes_against: Mapped[int] = mapped_column(default=0)
    abstentions: Mapped[int] = mapped_column(default=0)
    # The chair's casting vote on a tie, when the constitution gives one.
    casting: Mapped[str | None] = mapped_column(String(10), default=None)
    carried: Mapped[bool] = mapped_column(default=False)
    # Filled in later for "you said, we did": what came of it.
    what_happened: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class ActionPoint(Base):
    __tablename__ = "action_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), default=None
    )
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decisions.id", ondelete="SET NULL"), default=None
    )
    what: Mapped[str] = mapped_column(Text)
    who_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None
    )
    due_on: Mapped[date | None] = mapped_column(default=None)
    done_on: Mapped[date | None] = mapped_column(default=None, index=True)


class MinutesCorrection(Base):
    """Approved minutes never change; a correction agreed later is its own record."""

    __tablename__ = "minutes_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    agreed_at_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), default=None
    )
    agreed_on: Mapped[date]
    text: Mapped[str] = mapped_column(Text)

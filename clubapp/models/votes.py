"""Ballots and votes: committee decisions, activity choices and elections; the club's
activities and the programme of sessions they fill."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

# The tables this module's foreign keys point at, so that saving works when only
# this domain has been imported.
from clubapp.models import attendance as _attendance  # noqa: F401
from clubapp.models import committee as _committee  # noqa: F401
from clubapp.models import members as _members  # noqa: F401
from clubapp.models.base import Base, in_codes, utcnow

BALLOT_KINDS = ("decision", "activity", "election")
# secret: who voted is kept, never what they chose; named: both, openly;
# hands: the chair counts raised hands and only the counts are kept.
BALLOT_METHODS = ("secret", "named", "hands")
BALLOT_STATUSES = ("open", "closed")
# "chosen" for a choice among options; yes / no / not sure when each candidate of an
# uncontested election is asked about on their own.
ANSWERS = ("chosen", "yes", "no", "not_sure")
DECISION_CODES = ("yes", "no", "not_sure")


class Activity(Base):
    """Something the club does at a session: singing, a quiz, an outing."""

    __tablename__ = "activities"
    __table_args__ = (CheckConstraint("cost_pence >= 0", name="cost"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    picture: Mapped[str | None] = mapped_column(String(40), default=None)  # library name
    # Loaded only when asked for: lists of activities never read every photo.
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    description: Mapped[str] = mapped_column(Text, default="")
    cost_pence: Mapped[int] = mapped_column(default=0)  # per session
    leader_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None
    )
    retired: Mapped[bool] = mapped_column(default=False)


class Ballot(Base):
    """One question put to a vote, at a meeting or at a club session."""

    __tablename__ = "ballots"
    __table_args__ = (
        CheckConstraint(in_codes("kind", BALLOT_KINDS), name="kind"),
        CheckConstraint(in_codes("method", BALLOT_METHODS), name="method"),
        CheckConstraint(in_codes("status", BALLOT_STATUSES), name="status"),
        CheckConstraint("seats >= 1", name="seats"),
        # Who may vote comes from who is there: a meeting's or a session's attendance.
        CheckConstraint("meeting_id IS NOT NULL OR session_id IS NOT NULL", name="where"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    question: Mapped[str] = mapped_column(Text)
    method: Mapped[str] = mapped_column(String(10), default="secret")
    # Activity choices: "pick all you like". Elections: choose up to `seats`.
    pick_many: Mapped[bool] = mapped_column(default=False)
    seats: Mapped[int] = mapped_column(default=1)
    # An uncontested election: yes / no / not sure for each candidate in turn.
    each_in_turn: Mapped[bool] = mapped_column(default=False)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), default=None, index=True
    )
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), default=None
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("club_sessions.id", ondelete="CASCADE"), default=None, index=True
    )
    status: Mapped[str] = mapped_column(String(10), default="open")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    # The committee's decision recorded from this ballot's result.
    decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decisions.id", ondelete="SET NULL"), default=None
    )


class BallotOption(Base):
    """A choice on the ballot: Yes / No / Not sure, an activity, or a candidate."""

    __tablename__ = "ballot_options"
    __table_args__ = (
        Index("ix_ballot_options_ballot_position", "ballot_id", "position", unique=True),
        CheckConstraint(f"code IS NULL OR {in_codes('code', DECISION_CODES)}", name="code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id", ondelete="CASCADE"))
    position: Mapped[int]
    words: Mapped[str] = mapped_column(String(200))
    picture: Mapped[str | None] = mapped_column(String(40), default=None)
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    code: Mapped[str | None] = mapped_column(String(10), default=None)  # decisions
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="SET NULL"), default=None
    )
    person_id: Mapped[int | None] = mapped_column(  # a candidate
        ForeignKey("people.id", ondelete="SET NULL"), default=None
    )


class BallotVoter(Base):
    """Who has voted. The primary key is the rule: one vote per person per ballot.

    There is no time and no order here on purpose: in a secret ballot nothing may tie
    a voter to the counts that changed when they voted.
    """

    __tablename__ = "ballot_voters"
    # No hidden row number: rows are kept in key order, not in the order people voted.
    __table_args__ = {"sqlite_with_rowid": False}

    ballot_id: Mapped[int] = mapped_column(
        ForeignKey("ballots.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # A carer or volunteer who helped, with the voter's agreement (named ballots).
    supported_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None
    )


class BallotCount(Base):
    """How many votes an option has, per answer. The only record of a secret vote."""

    __tablename__ = "ballot_counts"
    __table_args__ = (
        CheckConstraint(in_codes("answer", ANSWERS), name="answer"),
        CheckConstraint("votes >= 0", name="votes"),
        # Every count is made, at 0, when the ballot is; votes only ever change them, so
        # neither the rows' order nor a hidden row number tells which choice came first.
        {"sqlite_with_rowid": False},
    )

    option_id: Mapped[int] = mapped_column(
        ForeignKey("ballot_options.id", ondelete="CASCADE"), primary_key=True
    )
    answer: Mapped[str] = mapped_column(String(10), primary_key=True)
    votes: Mapped[int] = mapped_column(default=0)


class BallotChoice(Base):
    """What a named voter chose (never kept for secret ballots)."""

    __tablename__ = "ballot_choices"
    __table_args__ = (CheckConstraint(in_codes("answer", ANSWERS), name="answer"),)

    ballot_id: Mapped[int] = mapped_column(
        ForeignKey("ballots.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    option_id: Mapped[int] = mapped_column(
        ForeignKey("ballot_options.id", ondelete="CASCADE"), primary_key=True
    )
    answer: Mapped[str] = mapped_column(String(10), default="chosen")


class ProgrammeEntry(Base):
    """An activity planned for a club session."""

    __tablename__ = "programme"
    __table_args__ = (
        Index("ix_programme_session_activity", "session_id", "activity_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("club_sessions.id", ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    # The members' vote that chose it, for "you chose this".
    ballot_id: Mapped[int | None] = mapped_column(
        ForeignKey("ballots.id", ondelete="SET NULL"), default=None
    )
    note: Mapped[str] = mapped_column(String(200), default="")

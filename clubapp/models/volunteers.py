"""Everyone's skills and time, and the club's needs they meet.

Skills belong to every person, members living with dementia and carers too, not only to
people marked as volunteers. A person's skill has a level, from "would like to learn"
to "can teach others". Checks (DBS, first aid, …) have dates and run out. A need is a
job the club wants doing; people are asked, and agree or say no; hours given are logged.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

# The tables this module's foreign keys point at, so that saving works when only
# this domain has been imported.
from clubapp.models import attendance as _attendance  # noqa: F401
from clubapp.models import grants as _grants  # noqa: F401
from clubapp.models import members as _members  # noqa: F401
from clubapp.models import votes as _votes  # noqa: F401
from clubapp.models.base import Base, in_codes, utcnow

# "wants_to_learn" is what the person would like to learn: kept as a level of the same
# row so a skill is never both wanted and held.
SKILL_LEVELS = ("wants_to_learn", "learning", "can_do", "can_teach")
DAY_PARTS = ("morning", "afternoon", "evening")
CHECK_KINDS = ("dbs", "time_bank", "insurance", "first_aid", "food_hygiene", "references")
DBS_LEVELS = ("basic", "standard", "enhanced", "enhanced_barred")
NEED_PURPOSES = ("session", "activity", "grant", "accounts", "job")
# A need happens on one day, every week in a slot, or any time before a day.
NEED_WHEN = ("date", "weekly", "before")
NEED_STATUSES = ("open", "filled", "done", "cancelled")
ANSWERS = ("asked", "agreed", "declined")


class Skill(Base):
    __tablename__ = "skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PersonSkill(Base):
    __tablename__ = "person_skills"
    __table_args__ = (CheckConstraint(in_codes("level", SKILL_LEVELS), name="level"),)

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    level: Mapped[str] = mapped_column(String(20))
    # Someone may keep the books at work and not want to at the club.
    happy_to_use: Mapped[bool] = mapped_column(default=True)


class Availability(Base):
    """One row per part of the week the person is usually free."""

    __tablename__ = "availability"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint(in_codes("part", DAY_PARTS), name="part"),
    )

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    weekday: Mapped[int] = mapped_column(primary_key=True)  # Monday = 0
    part: Mapped[str] = mapped_column(String(10), primary_key=True)


class TimeAway(Base):
    __tablename__ = "time_away"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    note: Mapped[str] = mapped_column(String(200), default="")


class PersonCheck(Base):
    """A check with its dates: DBS, time bank registration, insurance, certificates."""

    __tablename__ = "person_checks"
    __table_args__ = (
        CheckConstraint(in_codes("kind", CHECK_KINDS), name="kind"),
        CheckConstraint("dbs_level = '' OR " + in_codes("dbs_level", DBS_LEVELS), name="dbs_level"),
        CheckConstraint(
            "issued_on IS NULL OR expires_on IS NULL OR expires_on >= issued_on",
            name="dates_in_order",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    issued_on: Mapped[date | None] = mapped_column(default=None)
    # When it must be renewed or runs out; blank when it does not.
    expires_on: Mapped[date | None] = mapped_column(default=None, index=True)
    dbs_level: Mapped[str] = mapped_column(String(20), default="")
    # Only the coordinator sees it.
    certificate_number: Mapped[str] = mapped_column(String(50), default="")
    update_service: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class Need(Base):
    __tablename__ = "needs"
    __table_args__ = (
        CheckConstraint(in_codes("purpose", NEED_PURPOSES), name="purpose"),
        CheckConstraint(in_codes("when_kind", NEED_WHEN), name="when_kind"),
        CheckConstraint(in_codes("status", NEED_STATUSES), name="status"),
        CheckConstraint("part IS NULL OR " + in_codes("part", DAY_PARTS), name="part"),
        CheckConstraint("weekday IS NULL OR weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("people_wanted >= 1", name="people_wanted"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(String(12))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("club_sessions.id", ondelete="SET NULL"), default=None
    )
    # A weekly need for a repeating session names it ("Wednesday Club"), as a grant names
    # the sessions it pays for; a one-day need points at the day's session.
    session_name: Mapped[str | None] = mapped_column(String(200), default=None)
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activities.id", ondelete="SET NULL"), default=None
    )
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("grant_applications.id", ondelete="SET NULL"), default=None
    )
    when_kind: Mapped[str] = mapped_column(String(10))
    # date: on_date (and part); weekly: weekday and part, between starts_on and ends_on
    # when given; before: by_date.
    on_date: Mapped[date | None] = mapped_column(default=None, index=True)
    weekday: Mapped[int | None] = mapped_column(default=None)
    part: Mapped[str | None] = mapped_column(String(10), default=None)
    starts_on: Mapped[date | None] = mapped_column(default=None)
    ends_on: Mapped[date | None] = mapped_column(default=None)
    by_date: Mapped[date | None] = mapped_column(default=None)
    people_wanted: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(10), default="open")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class NeedSkill(Base):
    __tablename__ = "need_skills"

    need_id: Mapped[int] = mapped_column(
        ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    must: Mapped[bool] = mapped_column(default=True)


class NeedCheck(Base):
    __tablename__ = "need_checks"
    __table_args__ = (CheckConstraint(in_codes("kind", CHECK_KINDS), name="kind"),)

    need_id: Mapped[int] = mapped_column(
        ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)


class NeedPerson(Base):
    """Someone asked to help with a need, and their answer. Asking is remembered for
    fairness: the ranking prefers people asked less recently."""

    __tablename__ = "need_people"
    __table_args__ = (
        CheckConstraint(in_codes("answer", ANSWERS), name="answer"),
        Index("ix_need_people_unique", "need_id", "person_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    answer: Mapped[str] = mapped_column(String(10), default="agreed")
    asked_on: Mapped[date]


class HoursGiven(Base):
    """Time a person gave, in whole minutes (typed as hours: "2.5" or "2:30")."""

    __tablename__ = "hours_given"
    __table_args__ = (CheckConstraint("minutes > 0 AND minutes <= 1440", name="minutes"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    on_date: Mapped[date] = mapped_column(index=True)
    minutes: Mapped[int]
    need_id: Mapped[int | None] = mapped_column(
        ForeignKey("needs.id", ondelete="SET NULL"), default=None, index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("club_sessions.id", ondelete="SET NULL"), default=None, index=True
    )
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

"""Club sessions (one-off or repeating) and who came."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

# The tables this module's foreign keys point at, so that saving works when only
# this domain has been imported.
from clubapp.models import members as _members  # noqa: F401
from clubapp.models import users as _users  # noqa: F401
from clubapp.models.base import Base, utcnow


class SessionSeries(Base):
    """A repeating session, e.g. "Wednesday Club" every Wednesday and Friday."""

    __tablename__ = "session_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Weekday numbers, Monday = 0, as a comma-separated list such as "2,4".
    weekdays: Mapped[str] = mapped_column(String(20))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None] = mapped_column(default=None)
    start_time: Mapped[time | None] = mapped_column(default=None)


class ClubSession(Base):
    __tablename__ = "club_sessions"
    __table_args__ = (Index("ix_club_sessions_series_date", "series_id", "on_date", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    on_date: Mapped[date] = mapped_column(index=True)
    start_time: Mapped[time | None] = mapped_column(default=None)
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("session_series.id", ondelete="SET NULL"), default=None
    )
    cancelled: Mapped[bool] = mapped_column(default=False)


class Attendance(Base):
    __tablename__ = "attendance"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("club_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)
    marked_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )

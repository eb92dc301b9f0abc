"""Small grants from the club's side: funders, applications from idea to final report,
awards with their instalments and the reports the funder wants, and the restricted fund
in the books that holds each grant's money.

An application carries its award on the same row (amount, conditions, period, fund):
a funder awards once per application. Every change of status is kept, with its date.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

# The tables this module's foreign keys point at, so that saving works when only
# this domain has been imported.
from clubapp.models import accounts as _accounts  # noqa: F401
from clubapp.models import attendance as _attendance  # noqa: F401
from clubapp.models import committee as _committee  # noqa: F401
from clubapp.models import members as _members  # noqa: F401
from clubapp.models import votes as _votes  # noqa: F401
from clubapp.models.base import Base, in_codes, utcnow

FUNDER_KINDS = ("trust", "lottery", "council", "company", "individual")
STATUSES = ("idea", "preparing", "submitted", "awarded", "declined", "withdrawn", "closed")
REPORT_KINDS = ("progress", "financial", "final")
REPORT_STATUSES = ("due", "sent")
# What a grant deadline on a committee agenda is about.
AGENDA_THINGS = ("deadline", "report", "instalment", "period_end")


class Funder(Base):
    __tablename__ = "funders"
    __table_args__ = (CheckConstraint(in_codes("kind", FUNDER_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(12))
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class GrantApplication(Base):
    __tablename__ = "grant_applications"
    __table_args__ = (
        CheckConstraint(in_codes("status", STATUSES), name="status"),
        CheckConstraint("asked_pence IS NULL OR asked_pence >= 0", name="asked"),
        CheckConstraint("awarded_pence IS NULL OR awarded_pence > 0", name="awarded"),
        CheckConstraint(
            "period_starts IS NULL OR period_ends IS NULL OR period_ends >= period_starts",
            name="period_in_order",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    funder_id: Mapped[int] = mapped_column(ForeignKey("funders.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text, default="")
    # What it pays for, in words (the sessions and activities are linked below too).
    pays_for: Mapped[str] = mapped_column(Text, default="")
    asked_pence: Mapped[int | None] = mapped_column(default=None)  # not known yet: None
    status: Mapped[str] = mapped_column(String(10), default="idea", index=True)
    # Key dates. The funder's round opens; the club must apply by the deadline; the
    # funder says when it expects to decide.
    opens_on: Mapped[date | None] = mapped_column(default=None)
    deadline: Mapped[date | None] = mapped_column(default=None, index=True)
    submitted_on: Mapped[date | None] = mapped_column(default=None)
    decision_expected: Mapped[date | None] = mapped_column(default=None)
    decided_on: Mapped[date | None] = mapped_column(default=None)
    # The award.
    awarded_pence: Mapped[int | None] = mapped_column(default=None)
    funder_reference: Mapped[str] = mapped_column(String(100), default="")
    conditions: Mapped[str] = mapped_column(Text, default="")
    period_starts: Mapped[date | None] = mapped_column(default=None)
    period_ends: Mapped[date | None] = mapped_column(default=None)
    # The restricted fund in the books that holds the grant's money.
    fund_id: Mapped[int | None] = mapped_column(ForeignKey("funds.id"), default=None, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class GrantStatusChange(Base):
    """One step through the pipeline, dated as the person says it happened."""

    __tablename__ = "grant_status_changes"
    __table_args__ = (CheckConstraint(in_codes("status", STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("grant_applications.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(10))
    on: Mapped[date]
    note: Mapped[str] = mapped_column(String(300), default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(200), default="")


class GrantWriter(Base):
    """Someone writing the bid."""

    __tablename__ = "grant_writers"

    application_id: Mapped[int] = mapped_column(
        ForeignKey("grant_applications.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class GrantSession(Base):
    """Club sessions (by name: "Crafternoon", "Wednesday Club") the grant pays for; a
    grant with none pays for the club as a whole. Used for what the grant delivered."""

    __tablename__ = "grant_sessions"

    application_id: Mapped[int] = mapped_column(
        ForeignKey("grant_applications.id", ondelete="CASCADE"), primary_key=True
    )
    session_name: Mapped[str] = mapped_column(String(200), primary_key=True)


class GrantActivity(Base):
    """Activities from the programme the grant pays for."""

    __tablename__ = "grant_activities"

    application_id: Mapped[int] = mapped_column(
        ForeignKey("grant_applications.id", ondelete="CASCADE"), primary_key=True
    )
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class GrantInstalment(Base):
    """A payment the funder said it would make; matched to the receipt in the books."""

    __tablename__ = "grant_instalments"
    __table_args__ = (
        CheckConstraint("amount_pence > 0", name="amount"),
        Index("ix_grant_instalments_entry", "entry_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("grant_applications.id", ondelete="CASCADE"), index=True
    )
    due_on: Mapped[date]
    amount_pence: Mapped[int]
    entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("money_entries.id", ondelete="SET NULL"), default=None
    )


class GrantReport(Base):
    """A report the funder wants: progress, financial or final."""

    __tablename__ = "grant_reports"
    __table_args__ = (
        CheckConstraint(in_codes("kind", REPORT_KINDS), name="kind"),
        CheckConstraint(in_codes("status", REPORT_STATUSES), name="status"),
        CheckConstraint("status = 'due' OR sent_on IS NOT NULL", name="sent_has_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("grant_applications.id", ondelete="CASCADE"), index=True
    )
    due_on: Mapped[date] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(6), default="due")
    sent_on: Mapped[date | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(String(300), default="")


class AgendaItemGrant(Base):
    """A grant deadline put on a committee agenda: it leaves the committee's inbox."""

    __tablename__ = "agenda_item_grants"
    __table_args__ = (CheckConstraint(in_codes("thing", AGENDA_THINGS), name="thing"),)

    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True
    )
    # e.g. ("report", 12): the report with id 12; ("deadline", 5): application 5's deadline.
    thing: Mapped[str] = mapped_column(String(12), primary_key=True)
    thing_id: Mapped[int] = mapped_column(primary_key=True)
    due_on: Mapped[date]

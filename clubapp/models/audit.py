"""The audit log: who did what, and when, to people, notes, money, votes and users.

Append-only: triggers in the database refuse to change or delete a row (migration
0007). It names records by table and number and lists which fields changed, never
their values, so it holds no note text and nothing a person's erasure must remove.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from clubapp.models.base import Base, in_codes, utcnow

AREAS = ("people", "notes", "money", "votes", "users", "privacy")
WHATS = ("added", "changed", "removed", "exported", "printed", "erased", "restored")

REFUSE_CHANGE = "The audit log cannot be changed: it only grows."
APPEND_ONLY_TRIGGERS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSE_CHANGE}'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSE_CHANGE}'); END",
)


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        CheckConstraint(in_codes("area", AREAS), name="area"),
        CheckConstraint(in_codes("what", WHATS), name="what"),
        Index("ix_audit_log_record", "record_table", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # No foreign key: an entry outlives the account, and names are looked up when read.
    user_id: Mapped[int | None] = mapped_column(default=None, index=True)
    role: Mapped[str] = mapped_column(String(20))
    area: Mapped[str] = mapped_column(String(20))
    what: Mapped[str] = mapped_column(String(20))
    # The service that did it, e.g. "members.update_person".
    action: Mapped[str] = mapped_column(String(100))
    record_table: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[int | None] = mapped_column(default=None)
    # Names of the fields that changed, comma-separated; never their values.
    fields: Mapped[str] = mapped_column(String(1000), default="")

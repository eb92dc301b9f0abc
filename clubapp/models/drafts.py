"""Drafts: what someone was typing in a form, kept as they type, so a crash, a flat battery
or the screen locking never loses it. Offered back on the next start; gone once saved or
thrown away."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from clubapp.models import members as _members  # noqa: F401
from clubapp.models import users as _users  # noqa: F401
from clubapp.models.base import Base, utcnow


class Draft(Base):
    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("user_id", "form_key", name="user_form"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Whose draft: each person signing in gets their own back. None: the command line.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), default=None, index=True
    )
    # Which form, e.g. "note:new:person=12" or "person:edit:12".
    form_key: Mapped[str] = mapped_column(String(200))
    # Who the draft is about, so access requests and erasure find it.
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), default=None, index=True
    )
    # What the offer says, e.g. "A note about Ann Smith".
    title: Mapped[str] = mapped_column(String(300))
    # The form's fields as JSON.
    data: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)

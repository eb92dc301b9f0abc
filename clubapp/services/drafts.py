"""Drafts of half-typed forms, kept while someone types, offered back after a crash.

Each signed-in person has their own drafts (the command line shares one set). A form
names itself with a key (e.g. "note:new:person=12"); saving the form, or choosing
"Throw away", removes its draft.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from clubapp.models.base import utcnow
from clubapp.models.drafts import Draft
from clubapp.services.permissions import ANY_ROLE, Actor, allowed

MAX_DRAFT_CHARS = 2_000_000


@dataclass(frozen=True)
class DraftRow:
    draft_id: int
    form_key: str
    title: str
    person_id: int | None
    saved_at: datetime  # UTC
    data: dict[str, Any]


def _mine(actor: Actor) -> Any:
    return Draft.user_id.is_(None) if actor.user_id is None else Draft.user_id == actor.user_id


def _row(draft: Draft) -> DraftRow:
    try:
        data = json.loads(draft.data)
    except ValueError:
        data = {}
    return DraftRow(
        draft.id,
        draft.form_key,
        draft.title,
        draft.person_id,
        draft.saved_at,
        data if isinstance(data, dict) else {},
    )


@allowed(ANY_ROLE)
def save_draft(
    session: Session,
    actor: Actor,
    form_key: str,
    title: str,
    data: dict[str, Any],
    person_id: int | None = None,
) -> None:
    """Keep (or replace) this person's draft of the form ``form_key``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    if len(text) > MAX_DRAFT_CHARS:
        return  # far beyond any form; the form itself still holds the text
    draft = session.scalar(select(Draft).where(_mine(actor), Draft.form_key == form_key))
    if draft is None:
        draft = Draft(user_id=actor.user_id, form_key=form_key[:200])
        session.add(draft)
    draft.title = title[:300]
    draft.person_id = person_id
    draft.data = text
    draft.saved_at = utcnow()


@allowed(ANY_ROLE)
def my_drafts(session: Session, actor: Actor) -> list[DraftRow]:
    """This person's drafts, newest first."""
    query = select(Draft).where(_mine(actor)).order_by(Draft.saved_at.desc(), Draft.id.desc())
    return [_row(d) for d in session.scalars(query)]


@allowed(ANY_ROLE)
def draft_for(session: Session, actor: Actor, form_key: str) -> DraftRow | None:
    draft = session.scalar(select(Draft).where(_mine(actor), Draft.form_key == form_key))
    return _row(draft) if draft is not None else None


@allowed(ANY_ROLE)
def discard_draft(session: Session, actor: Actor, form_key: str) -> None:
    session.execute(delete(Draft).where(_mine(actor), Draft.form_key == form_key))

"""The encrypted database option, as the coordinator sees it: who may turn it on or off,
the audit log's note of each change, and the recovery sheet.

The file work (rewriting the club's file and its backups) is done by
clubapp.db.database.Database; these services only read and note, in the transaction
the caller opens.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from clubapp.models.club import Club
from clubapp.services import audit
from clubapp.services.club import club_name
from clubapp.services.permissions import Actor, allowed

#: What the audit log says, by the change made ("Turn on encryption", ...).
ACTIONS = {
    "on": "club.turn_on_encryption",
    "off": "club.turn_off_encryption",
    "new passphrase": "club.change_the_passphrase",
}


@allowed("privacy.manage")
def may_change_encryption(session: Session, actor: Actor) -> None:
    """Refuses (NotAllowed) anyone but the coordinator, before any file is touched."""


@allowed("privacy.manage")
def note_encryption_change(session: Session, actor: Actor, change: str) -> None:
    """Note in the audit log that encryption was turned on or off, or the passphrase
    changed (``change``: a key of :data:`ACTIONS`). The passphrase is never written."""
    club_id = session.scalar(select(Club.id).order_by(Club.id).limit(1))
    audit.note_action(session, actor, "privacy", "changed", "club", club_id, ACTIONS[change])


@allowed("privacy.manage")
def recovery_sheet(
    session: Session,
    actor: Actor,
    passphrase: str,
    db_path: Path,
    backups_dir: Path,
    today: date,
) -> bytes:
    """The recovery sheet for a trustee (a PDF), noted in the audit log as printed."""
    from clubapp.printing.recovery_sheet import recovery_sheet_pdf

    name = club_name(session) or "The club"
    pdf = recovery_sheet_pdf(name, passphrase, db_path, backups_dir, today)
    club_id = session.scalar(select(Club.id).order_by(Club.id).limit(1))
    audit.note_action(session, actor, "privacy", "printed", "club", club_id, "club.recovery_sheet")
    return pdf

"""Write the audit log as changes are saved, whichever service made them.

A listener on every session notes, at each flush, the rows added, changed and removed in
the audited domains (people, notes, money, votes, users), and writes one audit entry per
row in the same transaction: if the change is rolled back, so is its entry. Bulk
statements (``session.execute(update(...))``) are noted too, as one entry each.

Who did it comes from ``session.info["actor"]``, left there by the service's rule
(services.permissions.allowed). Only names of tables and fields are written, never
values: no note text, no amounts, no names, nothing a person's erasure must remove.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from clubapp.models.base import utcnow

AREA_OF_MODULE = {
    "clubapp.models.members": "people",
    "clubapp.models.attendance": "people",
    "clubapp.models.notes": "notes",
    "clubapp.models.conversations": "notes",
    "clubapp.models.accounts": "money",
    "clubapp.models.votes": "votes",
    "clubapp.models.users": "users",
}

# Tables of those domains that are not logged, and why.
NOT_LOGGED = {
    # A secret ballot's counts change with each vote: logging them beside the voter
    # list would show who chose what. The voter list itself is logged.
    "ballot_counts",
    # How each person voted in an open ballot: the voter list is logged instead.
    "ballot_choices",
    # The club's activities and programme are not about anyone.
    "activities",
    "programme",
    # Session dates and repeating series are plans, not anyone's record.
    "session_series",
    "club_sessions",
    # Picture conversation topics and their cards are things to talk about, no one's.
    "conversation_topics",
    "conversation_cards",
}

# A user's row changes at every sign-in (tries, the wait, the text size): not news.
QUIET_FIELDS = {"users": {"failed_attempts", "locked_until", "last_sign_in_at", "text_scale"}}


def _area(obj: Any) -> str | None:
    mapper = inspect(obj).mapper
    if mapper.local_table.name in NOT_LOGGED:
        return None
    return AREA_OF_MODULE.get(mapper.class_.__module__)


def _record_of(obj: Any) -> tuple[str, int | None, str]:
    """Which record to name: the row's own number, or for a link row (no single number)
    the record it belongs to, with the link table's name."""
    state = inspect(obj)
    table = state.mapper.local_table
    primary = list(table.primary_key.columns)
    if len(primary) == 1 and primary[0].name == "id":
        return table.name, getattr(obj, "id", None), ""
    for column in table.columns:
        for fk in column.foreign_keys:
            value = getattr(obj, column.key, None)
            if isinstance(value, int):
                return fk.column.table.name, value, table.name
    return table.name, None, ""


def _changed_fields(obj: Any, table: str) -> list[str]:
    quiet = QUIET_FIELDS.get(table, set())
    state = inspect(obj)
    return [
        attr.key
        for attr in state.mapper.column_attrs
        if attr.key not in quiet and state.attrs[attr.key].history.has_changes()
    ]


def _who(session: Session) -> tuple[int | None, str, str]:
    actor = session.info.get("actor")
    if actor is None:
        return None, "", session.info.get("action", "")
    return actor.user_id, actor.role, session.info.get("action", "")


def _entries(session: Session) -> list[dict[str, Any]]:
    user_id, role, action = _who(session)
    now = utcnow()
    entries: list[dict[str, Any]] = []

    def add(obj: Any, what: str, fields: list[str]) -> None:
        area = _area(obj)
        if area is None:
            return
        table, record_id, link = _record_of(obj)
        if link:
            fields = [link, *fields] if what == "changed" else [link]
        entry = {
            "at": now,
            "user_id": user_id,
            "role": role,
            "area": area,
            "what": what if not link or what == "changed" else "changed",
            "action": action[:100],
            "record_table": table,
            "record_id": record_id,
            "fields": ", ".join(fields)[:1000],
        }
        if what == "added" and record_id is None:
            entry["_obj"] = obj  # numbered by the flush: looked at afterwards
        entries.append(entry)

    for obj in session.new:
        add(obj, "added", [])
    for obj in session.dirty:
        if not session.is_modified(obj, include_collections=False):
            continue
        table = inspect(obj).mapper.local_table.name
        fields = _changed_fields(obj, table)
        if fields:
            add(obj, "changed", fields)
    for obj in session.deleted:
        add(obj, "removed", [])
    return entries


def _write(session: Session, entries: list[dict[str, Any]]) -> None:
    if not entries:
        return
    from clubapp.models.audit import AuditEntry

    session.connection().execute(insert(AuditEntry), entries)


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    # Gathered before the flush (afterwards the history is gone), written after it, once
    # new rows have their numbers.
    session.info["audit_pending"] = _entries(session)


def _after_flush(session: Session, _context: Any) -> None:
    pending = session.info.pop("audit_pending", [])
    # New rows have their numbers now.
    for entry in pending:
        obj = entry.pop("_obj", None)
        if obj is not None:
            entry["record_id"] = _record_of(obj)[1]
    _write(session, pending)


def _bulk(state: ORMExecuteState) -> None:
    """A bulk insert, update or delete: one entry naming the table, without numbers."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    if mapper is None or mapper.class_.__tablename__ in NOT_LOGGED:
        return
    area = AREA_OF_MODULE.get(mapper.class_.__module__)
    if area is None:
        return
    user_id, role, action = _who(state.session)
    what = "added" if state.is_insert else "changed" if state.is_update else "removed"
    entry = {
        "at": utcnow(),
        "user_id": user_id,
        "role": role,
        "area": area,
        "what": what,
        "action": action[:100],
        "record_table": mapper.class_.__tablename__,
        "record_id": None,
        "fields": "several records",
    }
    _write(state.session, [entry])


def listen(sessions: sessionmaker[Session]) -> None:
    """Keep the audit log for every session ``sessions`` makes."""
    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "do_orm_execute", _bulk)

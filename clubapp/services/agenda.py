"""Building a meeting's agenda: proposals, items from the committee's inbox, order, removal,
and what was said about each item for the minutes."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from clubapp.models.committee import AgendaItem, AgendaItemNote, Decision
from clubapp.models.members import Person
from clubapp.models.notes import Note
from clubapp.services import fields
from clubapp.services.errors import NotFound, ValidationError, collect_errors
from clubapp.services.meetings import editable_meeting, items_in_order
from clubapp.services.notes import committee_words, names_in, short_title
from clubapp.services.permissions import Actor, allowed


def _renumber(items: list[AgendaItem]) -> None:
    for position, item in enumerate(items):
        item.position = position


def _insert_before_aob(session: Session, meeting_id: int, item: AgendaItem) -> None:
    items = items_in_order(session, meeting_id)
    at = next((i for i, it in enumerate(items) if it.standing_code == "aob"), len(items))
    items.insert(at, item)
    session.add(item)
    _renumber(items)
    session.flush()


def _check_item(
    title: str,
    details: str,
    planned_minutes: int | None,
    presenter_id: int | None,
    session: Session,
) -> dict[str, str]:
    def title_ok() -> None:
        fields.name(title, "title", "item's title", required=True)

    def details_ok() -> None:
        fields.text(details, "details", "details")

    def minutes_ok() -> None:
        if planned_minutes is not None and not 0 <= planned_minutes <= 600:
            raise ValidationError(
                "planned_minutes", "The planned time must be between 0 and 600 minutes."
            )

    def presenter_ok() -> None:
        if presenter_id is not None and session.get(Person, presenter_id) is None:
            raise ValidationError("presenter_id", "Choose who presents this item again.")

    return collect_errors(title_ok, details_ok, minutes_ok, presenter_ok)


@allowed("committee.run")
def add_proposal(
    session: Session,
    actor: Actor,
    meeting_id: int,
    title: str,
    details: str = "",
    presenter_id: int | None = None,
    planned_minutes: int | None = None,
) -> int:
    """A proposal typed in, placed before any other business."""
    editable_meeting(session, actor, meeting_id)
    errors = _check_item(title, details, planned_minutes, presenter_id, session)
    if errors:
        raise ValidationError(errors)
    item = AgendaItem(
        meeting_id=meeting_id,
        source="proposal",
        title=" ".join(title.split()),
        details=details.strip(),
        presenter_id=presenter_id,
        planned_minutes=planned_minutes,
    )
    _insert_before_aob(session, meeting_id, item)
    return item.id


@allowed("committee.run")
def add_from_inbox(
    session: Session, actor: Actor, meeting_id: int, note_ids: list[int], title: str = ""
) -> int:
    """One agenda item from one or more flagged notes; they leave the inbox."""
    editable_meeting(session, actor, meeting_id)
    if not note_ids:
        raise ValidationError("note_ids", "Choose at least one note from the inbox.")
    notes = [session.get(Note, note_id) for note_id in note_ids]
    if any(n is None or not n.flagged or n.visibility == "private" for n in notes):
        raise ValidationError(
            "note_ids", "One of these notes is no longer waiting for the committee."
        )
    taken = session.scalar(
        select(func.count()).select_from(AgendaItemNote).where(AgendaItemNote.note_id.in_(note_ids))
    )
    if taken:
        raise ValidationError("note_ids", "One of these notes is already on an agenda.")
    first = notes[0]
    assert first is not None
    title = " ".join(title.split()) or short_title(committee_words(first))
    errors = _check_item(title, "", None, None, session)
    errors.update(_unnamed_in(session, [n for n in notes if n is not None], title, ""))
    if errors:
        raise ValidationError(errors)
    item = AgendaItem(meeting_id=meeting_id, source="notes", title=title, planned_minutes=10)
    _insert_before_aob(session, meeting_id, item)
    for note_id in dict.fromkeys(note_ids):
        session.add(AgendaItemNote(item_id=item.id, note_id=note_id))
    session.flush()
    return item.id


def _unnamed_in(session: Session, notes: list[Note], title: str, details: str) -> dict[str, str]:
    """An item made from a note "without the name" must not name the member."""
    errors: dict[str, str] = {}
    for note in notes:
        if note.visibility != "committee_anonymous":
            continue
        person = session.get(Person, note.person_id)
        if person is None:
            continue
        for field, text in (("title", title), ("details", details)):
            named = names_in(text, person)
            if named and field not in errors:
                errors[field] = (
                    f"This names {named}, whose note goes to the committee without the name. "
                    "Use words that do not say who it is."
                )
    return errors


def _item(session: Session, actor: Actor, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound("This agenda item is not there any more.")
    editable_meeting(session, actor, item.meeting_id)
    return item


@allowed("committee.run")
def update_item(
    session: Session,
    actor: Actor,
    item_id: int,
    title: str,
    details: str,
    presenter_id: int | None,
    planned_minutes: int | None,
) -> None:
    item = _item(session, actor, item_id)
    errors = _check_item(title, details, planned_minutes, presenter_id, session)
    linked = session.scalars(
        select(Note)
        .join(AgendaItemNote, AgendaItemNote.note_id == Note.id)
        .where(AgendaItemNote.item_id == item_id)
    )
    errors.update(_unnamed_in(session, list(linked), title, details))
    if errors:
        raise ValidationError(errors)
    item.title = " ".join(title.split())
    item.details = details.strip()
    item.presenter_id = presenter_id
    item.planned_minutes = planned_minutes


@allowed("committee.run")
def set_discussion(session: Session, actor: Actor, item_id: int, discussion: str) -> None:
    """What was said about an item, for the minutes."""
    item = _item(session, actor, item_id)
    fields.text(discussion, "discussion", "summary of the discussion")
    item.discussion = discussion.strip()


@allowed("committee.run")
def move_item(session: Session, actor: Actor, item_id: int, steps: int) -> None:
    """Move an item up (negative) or down the agenda."""
    item = _item(session, actor, item_id)
    items = items_in_order(session, item.meeting_id)
    at = items.index(item)
    to = min(max(at + steps, 0), len(items) - 1)
    items.insert(to, items.pop(at))
    _renumber(items)


@allowed("committee.run")
def remove_item(session: Session, actor: Actor, item_id: int) -> None:
    """Take an item off the agenda; its notes go back to the inbox."""
    item = _item(session, actor, item_id)
    if session.scalar(
        select(func.count()).select_from(Decision).where(Decision.item_id == item_id)
    ):
        raise ValidationError(
            "item", "A decision was recorded under this item, so it stays on the agenda."
        )
    meeting_id = item.meeting_id
    session.execute(delete(AgendaItemNote).where(AgendaItemNote.item_id == item_id))
    session.delete(item)
    session.flush()
    _renumber(items_in_order(session, meeting_id))

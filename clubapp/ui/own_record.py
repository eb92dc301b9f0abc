"""The signed-in user's own record among the people: used to fill in "who is helping",
"who took the note" and "whose hours" before anyone types."""

from __future__ import annotations

from collections.abc import Iterable

from clubapp.services.members import PersonRow
from clubapp.services.permissions import Actor
from clubapp.ui.widgets.inputs import fold


def own_person_id(actor: Actor, people: Iterable[PersonRow]) -> int | None:
    """The one active person whose full or known-as name is the user's name; None if
    there is nobody of that name, or more than one (the form then asks)."""
    name = fold(actor.name)
    same = [
        p.person_id
        for p in people
        if p.status in ("", "active") and name in (fold(p.full_name), fold(p.known_as))
    ]
    return same[0] if len(same) == 1 else None

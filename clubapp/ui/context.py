"""What every screen needs: the database, who is signed in, and news of what changed.

Screens never build queries: they call services through `AppContext.run`, which makes
one user action one transaction and announces the domain that changed, so the other
screens can decide whether to refresh (the Anki "operations" pattern).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal

from clubapp.db.database import Database
from clubapp.services.permissions import Actor, can

T = TypeVar("T")

# Domains that `changed` announces.
PEOPLE = "people"
ATTENDANCE = "attendance"
SESSIONS = "sessions"
USERS = "users"
SETTINGS = "settings"
NOTES = "notes"
COMMITTEE = "committee"  # terms, meetings, agendas, decisions, action points, minutes
ACCOUNTS = "accounts"  # the treasurer's books
GRANTS = "grants"  # funders, applications, awards, instalments, funders' reports
VOLUNTEERS = "volunteers"  # skills, free times, checks, needs, who was asked, hours given


class Navigator(Protocol):
    """What the main window offers pages (set as `AppContext.navigator`)."""

    def push(self, page: Any) -> None:
        """Show a page on top of the current one; Back returns to the one below."""

    def back(self) -> None:
        """Leave the current page, as the Back button does."""

    def show_pdf(self, title: str, make_pdf: Callable[[], bytes], file_name: str) -> None:
        """Build a printout and show it in the preview with Print… and Save PDF…."""


class AppContext(QObject):
    changed = Signal(str)
    navigator: Navigator

    def __init__(
        self,
        db: Database,
        actor: Actor,
        today: Callable[[], date] = date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self._today = today

    def today(self) -> date:
        return self._today()

    def can(self, capability: str) -> bool:
        return can(self.actor, capability)

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a service that only reads."""
        return self.db.run(fn, self.actor, *args, **kwargs)

    def run(self, fn: Callable[..., T], *args: Any, changed: str | None = None, **kwargs: Any) -> T:
        """Run one user action in one transaction, then announce what changed.

        Service errors (ValidationError, NotAllowed, NotFound) propagate unchanged,
        with nothing saved, for the screen to show next to the field.
        """
        result = self.db.run(fn, self.actor, *args, **kwargs)
        if changed:
            self.changed.emit(changed)
        return result

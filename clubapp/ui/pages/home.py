"""Home: the club's name, today's date, the next session and the things people do most."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from clubapp.services import attendance, club
from clubapp.services.dates import long_date
from clubapp.ui.context import ATTENDANCE, SESSIONS, SETTINGS, AppContext
from clubapp.ui.pages.base import Page
from clubapp.ui.widgets.buttons import BigButton


class HomePage(Page):
    title = "Home"
    help_text = (
        "This is the start. It shows today's date and the next club session. "
        "The big buttons take you straight to the things people do most."
    )
    domains = (ATTENDANCE, SESSIONS, SETTINGS)

    def __init__(
        self,
        ctx: AppContext,
        go_to: Callable[[str], None],
        add_person: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self._go_to = go_to
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        self.club_label = QLabel(self)
        self.club_label.setProperty("role", "heading")
        self.club_label.setWordWrap(True)
        self.today_label = QLabel(self)
        self.today_label.setProperty("role", "large")
        self.today_label.setWordWrap(True)
        self.next_label = QLabel(self)
        self.next_label.setProperty("role", "large")
        self.next_label.setWordWrap(True)
        layout.addWidget(self.club_label)
        layout.addWidget(self.today_label)
        layout.addWidget(self.next_label)
        layout.addSpacing(16)
        actions = QGridLayout()
        actions.setSpacing(24)
        self.action_buttons: list[BigButton] = []
        if ctx.can("attendance.see"):
            words = "Take attendance" if ctx.can("attendance.take") else "See attendance"
            self._add_action(actions, words, lambda: go_to("Attendance"))
        if ctx.can("people.see"):
            self._add_action(actions, "Find a person", lambda: go_to("Members"))
        if add_person is not None and ctx.can("people.edit"):
            self._add_action(actions, "Add a person", add_person)
        if ctx.can("accounts.keep"):
            self._add_action(actions, "The club's books", lambda: go_to("Accounts"))
        layout.addLayout(actions)
        layout.addStretch(1)

    def _add_action(self, grid: QGridLayout, text: str, action: Callable[[], None]) -> None:
        button = BigButton(text, self)
        button.clicked.connect(action)
        grid.addWidget(button, len(self.action_buttons) // 2, len(self.action_buttons) % 2)
        self.action_buttons.append(button)

    def refresh(self) -> None:
        today = self.ctx.today()
        name = self.ctx.db.run(club.club_name) or ""
        self.club_label.setText(name)
        self.today_label.setText(f"Today is {long_date(today)}.")
        nxt = self.ctx.read(attendance.next_session, today)
        if nxt is None:
            self.next_label.setText("No club sessions are planned yet.")
        elif nxt.on_date == today:
            when = f" at {nxt.start_time:%H:%M}" if nxt.start_time else ""
            self.next_label.setText(
                f"Today's session: {nxt.name}{when}. {nxt.present} here so far."
            )
        else:
            self.next_label.setText(f"Next session: {nxt.name}, {long_date(nxt.on_date)}.")

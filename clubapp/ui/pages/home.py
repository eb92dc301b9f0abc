"""Home: the club's name, today's date, the next session and the things people do most;
for those who see the club's grants, the next three grant deadlines."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from clubapp.services import attendance, club
from clubapp.services.dates import long_date
from clubapp.ui.context import ATTENDANCE, GRANTS, SESSIONS, SETTINGS, AppContext
from clubapp.ui.pages.base import Page
from clubapp.ui.widgets.buttons import BigButton

if TYPE_CHECKING:
    from clubapp.ui.pages.grants import DeadlineLine


class HomePage(Page):
    title = "Home"
    help_text = (
        "This is the start. It shows today's date and the next club session. "
        "The big buttons take you straight to the things people do most. "
        "If you look after the club's grants, the next three grant deadlines show below."
    )
    domains = (ATTENDANCE, SESSIONS, SETTINGS, GRANTS)

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

        # The next grant deadlines: one service call, and nothing at all when none is due.
        self.shows_grants = ctx.can("grants.see")
        self.deadline_lines: list[DeadlineLine] = []
        self.grants_box = QWidget(self)
        self.grants_box.hide()
        self.grants_column = QVBoxLayout(self.grants_box)
        self.grants_column.setContentsMargins(0, 16, 0, 0)
        self.grants_column.setSpacing(12)
        self.grants_heading = QLabel("Grant deadlines", self.grants_box)
        self.grants_heading.setProperty("role", "subheading")
        self.grants_heading.setWordWrap(True)
        self.grants_column.addWidget(self.grants_heading)
        lines_box = QWidget(self.grants_box)
        self.lines_column = QVBoxLayout(lines_box)
        self.lines_column.setContentsMargins(0, 0, 0, 0)
        self.lines_column.setSpacing(12)
        self.grants_column.addWidget(lines_box)
        self.all_deadlines_button = BigButton(
            "See all grant deadlines", self.grants_box, variant="secondary"
        )
        self.all_deadlines_button.clicked.connect(self.see_all_deadlines)
        self.grants_column.addWidget(self.all_deadlines_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.grants_box)
        layout.addStretch(1)

    def _add_action(self, grid: QGridLayout, text: str, action: Callable[[], None]) -> None:
        button = BigButton(text, self)
        button.clicked.connect(action)
        grid.addWidget(button, len(self.action_buttons) // 2, len(self.action_buttons) % 2)
        self.action_buttons.append(button)

    def see_all_deadlines(self) -> None:
        """The Grants room, showing its deadlines board."""
        from clubapp.ui.pages.grants import GrantsPage

        self._go_to("Grants")
        page = getattr(self.ctx.navigator, "current", None)
        if isinstance(page, GrantsPage):
            page.show_section(page.deadlines_button)

    def _show_deadlines(self) -> None:
        from clubapp.services import grant_deadlines
        from clubapp.ui.pages.grants import fill_deadlines

        soonest = self.ctx.read(grant_deadlines.next_few, self.ctx.today(), 3)
        self.deadline_lines = fill_deadlines(self.lines_column, self.deadline_lines, soonest)
        self.grants_box.setVisible(bool(soonest))

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
        if self.shows_grants:
            self._show_deadlines()

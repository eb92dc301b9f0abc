"""Home: the club's name, today's date, the next session and the things people do most;
for those who see the club's grants, the next three grant deadlines; for those who look
after checks, the first three that ran out or run out soon; and for everyone who sees
the volunteers' room, the next three needs still looking for people. When there are
more, the words beside the button say how many ("and 3 more checks to renew")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from clubapp.services import attendance, club
from clubapp.services.dates import long_date
from clubapp.ui.context import (
    ATTENDANCE,
    GRANTS,
    PEOPLE,
    SESSIONS,
    SETTINGS,
    VOLUNTEERS,
    AppContext,
)
from clubapp.ui.pages.base import Page
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import flow_row

if TYPE_CHECKING:
    from clubapp.services.checks import CheckRow
    from clubapp.services.needs import NeedView
    from clubapp.ui.pages.grants import DeadlineLine

#: How many checks and needs Home shows.
HOME_LINES = 3


class HomeLine(QFrame):
    """One line on Home in words: a check running out ("overdue" when it ran out, "soon"
    when it runs out soon) or a need ("later"). The ``urgency`` property gives it the
    bar and fill the grant deadlines have (app.qss); the words say it all by themselves."""

    def __init__(self, words: str, urgency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("urgency", urgency)
        self.setAccessibleName(words)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.words_label = QLabel(words, self)
        self.words_label.setProperty("role", "label")
        self.words_label.setWordWrap(True)
        self.words_label.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.words_label)

    def words(self) -> str:
        return self.words_label.text()


def more_words(n: int, one: str, many: str) -> str:
    """ "and 1 more check to renew", "and 3 more needs looking for people"."""
    return f"and {n:,} more {one if n == 1 else many}"


class HomePart(QWidget):
    """A heading, up to three lines, and a button to see them all, with how many more
    there are beside it (``more_label``); hidden when empty. ``more`` is (one, many):
    the words after the number ("check to renew", "checks to renew")."""

    def __init__(
        self,
        heading: str,
        button_text: str,
        more: tuple[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._more = more
        self.lines: list[HomeLine] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 16, 0, 0)
        column.setSpacing(12)
        self.heading = QLabel(heading, self)
        self.heading.setProperty("role", "subheading")
        self.heading.setWordWrap(True)
        column.addWidget(self.heading)
        box = QWidget(self)
        self.lines_column = QVBoxLayout(box)
        self.lines_column.setContentsMargins(0, 0, 0, 0)
        self.lines_column.setSpacing(12)
        column.addWidget(box)
        self.button = BigButton(button_text, variant="secondary")
        self.more_label = QLabel()
        self.more_label.setProperty("role", "label")
        self.more_label.setWordWrap(True)
        self.more_label.setTextFormat(Qt.TextFormat.PlainText)
        self.more_label.hide()
        self.button_row = flow_row(
            self.button, self.more_label, align=Qt.AlignmentFlag.AlignVCenter
        )
        column.addWidget(self.button_row)
        self.hide()

    def set_lines(self, lines: list[tuple[str, str]], more: int = 0) -> None:
        """(words, urgency) for each line, and how many more there are; none hides the
        part."""
        self.more_label.setText(more_words(more, *self._more) if more > 0 else "")
        self.more_label.setVisible(more > 0)
        for old in self.lines:
            self.lines_column.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.lines = [HomeLine(words, urgency) for words, urgency in lines]
        for line in self.lines:
            self.lines_column.addWidget(line)
        self.setVisible(bool(lines))


def need_line_words(need: NeedView) -> str:
    """ "Drive to the garden centre, Wednesday 25 November 2026, afternoon: 1 of 2 people
    found"."""
    when = need.when_words
    if when.startswith(("Every ", "Any time")):
        when = when[:1].lower() + when[1:]
    return f"{need.title}, {when}: {need.people_words}"


def needs_ahead(views: list[NeedView], today: date) -> list[NeedView]:
    """The open needs whose day has not passed, soonest first."""
    return [v for v in views if v.last_day is None or v.last_day >= today]


def check_urgency(row: CheckRow) -> str:
    return "overdue" if row.state == "expired" else "soon"


class HomePage(Page):
    title = "Home"
    help_text = (
        "This is the start. It shows today's date and the next club session. "
        "The big buttons take you straight to the things people do most. "
        "If you look after the club's grants, the next three grant deadlines show below. "
        "If you look after people's checks, the first three that ran out or run out soon "
        "show too. The next three of the club's needs still looking for people show for "
        "everyone."
    )
    domains = (ATTENDANCE, SESSIONS, SETTINGS, GRANTS, VOLUNTEERS, PEOPLE)

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

        # Checks that ran out or run out soon, and needs still looking for people.
        self.shows_checks = ctx.can("checks.see")
        self.checks_part = HomePart(
            "Checks to renew", "See all checks", ("check to renew", "checks to renew"), self
        )
        self.checks_part.button.clicked.connect(lambda: self.see_volunteers("checks"))
        layout.addWidget(self.checks_part)
        self.shows_needs = ctx.can("volunteers.see")
        self.needs_part = HomePart(
            "Needs looking for people",
            "See all needs",
            ("need looking for people", "needs looking for people"),
            self,
        )
        self.needs_part.button.clicked.connect(lambda: self.see_volunteers("needs"))
        layout.addWidget(self.needs_part)
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

    def see_volunteers(self, section: str) -> None:
        """The Volunteers room, showing one of its parts ("checks", "needs")."""
        from clubapp.ui.pages.volunteers import VolunteersPage

        self._go_to("Volunteers")
        page = getattr(self.ctx.navigator, "current", None)
        if isinstance(page, VolunteersPage):
            page.show_section(section)

    def _show_checks(self) -> None:
        from clubapp.services import checks
        from clubapp.ui.pages.volunteers import check_line_words

        rows = self.ctx.read(checks.checks_due, self.ctx.today())
        self.checks_part.set_lines(
            [(check_line_words(r), check_urgency(r)) for r in rows[:HOME_LINES]],
            len(rows) - HOME_LINES,
        )

    def _show_needs(self) -> None:
        from clubapp.services import needs

        today = self.ctx.today()
        views = needs_ahead(self.ctx.read(needs.needs, today, statuses=("open",)), today)
        self.needs_part.set_lines(
            [(need_line_words(v), "later") for v in views[:HOME_LINES]], len(views) - HOME_LINES
        )

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
        if self.shows_checks:
            self._show_checks()
        if self.shows_needs:
            self._show_needs()

"""The frame around every page: the navigation rail, the heading, Back, Help and Lock.

Everything here is always in the same place (DESIGN §2.6).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import users
from clubapp.ui import theme
from clubapp.ui.context import AppContext
from clubapp.ui.page_stack import PageStack
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.home import HomePage
from clubapp.ui.widgets.buttons import BigButton, NavButton
from clubapp.ui.widgets.messages import InfoDialog

GENERAL_HELP = (
    "The big buttons on the left take you to each part of the app. "
    "Back takes you to the screen you were on before. "
    "Lock hides the screen when you step away; your password brings you back to where "
    "you were, with nothing lost. Larger text and Smaller text change the size of "
    "everything you read."
)


def _room_makers(
    ctx: AppContext, go_to: Callable[[str], None], add_person: Callable[[], None]
) -> list[tuple[str, Callable[[], Page]]]:
    """The rooms this person may enter, in rail order, each built when first visited
    (building every page at sign-in would double the time to reach Home)."""

    def members() -> Page:
        from clubapp.ui.pages.members import MembersPage

        return MembersPage(ctx)

    def attendance() -> Page:
        from clubapp.ui.pages.attendance import AttendancePage

        return AttendancePage(ctx)

    def notes() -> Page:
        from clubapp.ui.pages.notes import NotesPage

        return NotesPage(ctx)

    def committee() -> Page:
        from clubapp.ui.pages.committee import CommitteePage

        return CommitteePage(ctx)

    def votes() -> Page:
        from clubapp.ui.pages.votes import VotesPage

        return VotesPage(ctx)

    def programme() -> Page:
        from clubapp.ui.pages.programme import ProgrammePage

        return ProgrammePage(ctx)

    def volunteers() -> Page:
        from clubapp.ui.pages.volunteers import VolunteersPage

        return VolunteersPage(ctx)

    def grants() -> Page:
        from clubapp.ui.pages.grants import GrantsPage

        return GrantsPage(ctx)

    def accounts() -> Page:
        from clubapp.ui.pages.accounts import AccountsPage

        return AccountsPage(ctx)

    def settings() -> Page:
        from clubapp.ui.pages.settings import SettingsPage

        return SettingsPage(ctx)

    def data_safety() -> Page:
        from clubapp.ui.pages.data_safety import DataSafetyPage

        return DataSafetyPage(ctx, go_to)

    rooms: list[tuple[str, Callable[[], Page]]] = [
        ("Home", lambda: HomePage(ctx, go_to, add_person))
    ]
    if ctx.can("people.see"):
        rooms.append(("Members", members))
    if ctx.can("attendance.see"):
        rooms.append(("Attendance", attendance))
    if ctx.can("notes.see_shared"):
        rooms.append(("Notes", notes))
    if ctx.can("committee.see"):
        rooms.append(("Committee", committee))
    if ctx.can("votes.see"):
        rooms.append(("Votes", votes))
    if ctx.can("programme.see"):
        rooms.append(("Programme", programme))
    if ctx.can("volunteers.see"):
        rooms.append(("Volunteers", volunteers))
    if ctx.can("grants.see"):
        rooms.append(("Grants", grants))
    if ctx.can("accounts.keep") or ctx.can("accounts.print"):
        rooms.append(("Accounts", accounts))
    if ctx.can("privacy.manage"):
        rooms.append(("Keeping data safe", data_safety))
    if ctx.can("users.manage"):
        rooms.append(("Settings", settings))
    return rooms


def rail_words(name: str) -> str:
    """A room's name on its rail button: a long one ("Keeping data safe") on two lines,
    so that the rail, as wide as its widest button, stays narrow at 200 % text."""
    if len(name) <= 12 or " " not in name:
        return name
    middle = len(name) // 2
    cut = min((i for i, ch in enumerate(name) if ch == " "), key=lambda i: abs(i - middle))
    return f"{name[:cut]}\n{name[cut + 1 :]}"


class IdleBanner(QFrame):
    """The warning before auto-lock, with one large button to stay."""

    still_here = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "banner")
        layout = QHBoxLayout(self)
        self.message = QLabel(self)
        self.message.setProperty("role", "large")
        self.message.setWordWrap(True)
        self.button = BigButton("I'm still here", self)
        self.button.clicked.connect(self.still_here.emit)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.button)
        self.hide()

    def warn(self, seconds: int) -> None:
        self.message.setText(
            f"Nobody has touched the laptop for a while. It will lock itself in about "
            f"{seconds} seconds, to keep people's details private."
        )
        self.show()
        self.button.setFocus()


class Shell(QWidget):
    lock_requested = Signal()
    sign_out_requested = Signal()
    # True while a voting screen shows: the window fills the screen, auto-lock waits.
    kiosk_changed = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kiosk = False
        self.help_dialog: InfoDialog | None = None
        self.pages = PageStack(ctx, self)
        self.nav: dict[str, NavButton] = {}
        # The rooms built so far; `room(name)` builds one on its first visit.
        self.rooms: dict[str, Page] = {}

        # The rail scrolls rather than stretch the window: at 200 % text, with every
        # room, it is taller than a 720 px screen.
        rail_scroll = QScrollArea(self)
        rail_scroll.setWidgetResizable(True)
        rail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        rail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rail = QFrame()
        rail.setProperty("role", "rail")
        rail_layout = QVBoxLayout(rail)
        rail_layout.setSpacing(12)
        self._makers: dict[str, Callable[[], Page]] = {}
        for name, make in _room_makers(ctx, self.go_to, self.add_person):
            button = NavButton(rail_words(name), rail)
            button.setAccessibleName(name)
            button.clicked.connect(lambda _=False, n=name: self.go_to(n))
            rail_layout.addWidget(button)
            self.nav[name] = button
            self._makers[name] = make
        rail_layout.addStretch(1)
        self.scale_label = QLabel(rail)
        self.scale_label.setWordWrap(True)
        self.smaller_button = BigButton("Smaller text", rail, variant="secondary")
        self.larger_button = BigButton("Larger text", rail, variant="secondary")
        self.who_label = QLabel(f"{ctx.actor.name}\n{ctx.actor.role_word}", rail)
        self.who_label.setWordWrap(True)
        self.sign_out_button = BigButton("Sign out", rail, variant="secondary")
        for w in (
            self.scale_label,
            self.smaller_button,
            self.larger_button,
            self.who_label,
            self.sign_out_button,
        ):
            rail_layout.addWidget(w)

        self.top_bar = QWidget(self)
        top = QHBoxLayout(self.top_bar)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(16)
        self.back_button = BigButton("Back", self, variant="secondary")
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.help_button = BigButton("Help", self, variant="secondary")
        self.lock_button = BigButton("Lock", self, variant="secondary")
        top.addWidget(self.back_button)
        top.addWidget(self.heading, 1)
        top.addWidget(self.help_button)
        top.addWidget(self.lock_button)

        self.banner = IdleBanner(self)
        main = QVBoxLayout()
        main.setSpacing(12)
        main.addWidget(self.banner)
        main.addWidget(self.top_bar)
        main.addWidget(self.pages, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(16)
        rail_scroll.setWidget(rail)
        self.rail = rail
        self.rail_scroll = rail_scroll
        layout.addWidget(rail_scroll)
        layout.addLayout(main, 1)

        self.back_button.clicked.connect(self.pages.back)
        self.help_button.clicked.connect(self.show_help)
        self.lock_button.clicked.connect(self.lock_requested.emit)
        self.sign_out_button.clicked.connect(self.sign_out_requested.emit)
        self.smaller_button.clicked.connect(lambda: self.change_scale(-1))
        self.larger_button.clicked.connect(lambda: self.change_scale(+1))
        self.pages.page_changed.connect(self._on_page_changed)
        self._show_scale()
        self._fit_rail()
        self.go_to("Home")

    def _fit_rail(self) -> None:
        # A scroll area does not take its contents' width by itself; the rail must not
        # squeeze its buttons' words.
        bar = self.rail_scroll.verticalScrollBar().sizeHint().width()
        self.rail_scroll.setMinimumWidth(self.rail.sizeHint().width() + bar)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._show_scale()
            self._fit_rail()

    def room(self, name: str) -> Page:
        page = self.rooms.get(name)
        if page is None:
            page = self._makers[name]()
            self.rooms[name] = page
            self.pages.register_room(page)
        return page

    def go_to(self, room: str) -> None:
        page = self.room(room)
        if not self.pages.open_room(page):
            self.nav[self._room_of(self.pages.current)].setChecked(True)

    def add_person(self) -> None:
        from clubapp.ui.pages.person import PersonPage

        self.go_to("Members")
        self.pages.push(PersonPage(self.ctx, None))

    def _room_of(self, page: Page | None) -> str:
        for name, room in self.rooms.items():
            if room is page:
                return name
        return "Home"

    def _on_page_changed(self, page: Page) -> None:
        self.rail_scroll.setVisible(not (page.full_width or page.kiosk))
        self.top_bar.setVisible(not page.kiosk)
        if page.kiosk != self.kiosk:
            self.kiosk = page.kiosk
            self.kiosk_changed.emit(page.kiosk)
        self.heading.setText(page.heading())
        self.back_button.setEnabled(self.pages.can_go_back())
        room = next((n for n, p in self.rooms.items() if p is page), None)
        if room:
            self.nav[room].setChecked(True)

    def show_help(self) -> None:
        """Help for the page you are on. Not modal-blocking, so auto-lock can still hide it."""
        page = self.pages.current
        text = f"{page.help_text}\n\n{GENERAL_HELP}" if page and page.help_text else GENERAL_HELP
        self.help_dialog = InfoDialog(self, f"Help: {page.heading() if page else 'clubapp'}", text)
        self.help_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.help_dialog.open()

    def change_scale(self, steps: int) -> None:
        app = theme.qapp()
        scale = theme.clamp_scale(theme.current_scale(app) + steps * theme.SCALE_STEP)
        theme.apply_theme(app, scale)
        # Only a note the app keeps for itself: not refused when the club is read-only.
        self.ctx.db.run_bookkeeping(users.set_text_scale, self.ctx.actor, int(round(scale * 100)))
        self._show_scale()

    def _show_scale(self) -> None:
        scale = theme.current_scale()
        self.scale_label.setText(f"Text size {int(round(scale * 100))} %")
        self.smaller_button.setEnabled(scale > theme.SCALE_MIN)
        self.larger_button.setEnabled(scale < theme.SCALE_MAX)

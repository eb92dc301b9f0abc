"""Before anyone works: set up the club on first run, then "Who is using the laptop?"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clubapp.db.database import Database
from clubapp.services import users
from clubapp.services.errors import ValidationError
from clubapp.services.permissions import Actor
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.forms import FormPanel
from clubapp.ui.widgets.tiles import NameTile


def heading(text: str, parent: QWidget, role: str = "heading") -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", role)
    label.setWordWrap(True)
    return label


def password_box(parent: QWidget) -> QLineEdit:
    box = QLineEdit(parent)
    box.setEchoMode(QLineEdit.EchoMode.Password)
    # Paste is allowed on purpose: people keep long passwords in a notebook or manager.
    box.setInputMethodHints(
        Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
    )
    return box


class ShowPassword(QCheckBox):
    """Seeing what you typed helps people with a tremor catch a slip."""

    def __init__(self, *boxes: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__("Show the password", parent)
        self._boxes = boxes
        self.toggled.connect(self._show)

    def _show(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for box in self._boxes:
            box.setEchoMode(mode)


class FirstRunScreen(QWidget):
    """A short welcome: the club's name and the first coordinator's account."""

    signed_in = Signal(object, int)  # Actor, text scale percent

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(16)
        layout.addWidget(heading("Welcome to clubapp", self))
        layout.addWidget(
            heading(
                "Let's set up your club. You will be its first coordinator: you can add "
                "other people who sign in later.",
                self,
                "subheading",
            )
        )
        self.form = FormPanel(self)
        self.club_name = QLineEdit(self)
        self.your_name = QLineEdit(self)
        self.password = password_box(self)
        self.password_again = password_box(self)
        self.form.add_field(
            "club_name", "The club's name", self.club_name, "For example: Riverside Memory Club"
        )
        self.form.add_field(
            "name", "Your name", self.your_name, "This is the name you will tap to sign in."
        )
        self.form.add_field(
            "password",
            "Choose a password",
            self.password,
            "At least 8 characters. A few words strung together are easy to remember.",
        )
        self.form.add_field("password_again", "Type the password again", self.password_again)
        self.form.add_widget(ShowPassword(self.password, self.password_again, parent=self))
        layout.addWidget(self.form, 1)
        self.set_up_button = BigButton("Set up the club", self)
        self.set_up_button.clicked.connect(self.submit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.set_up_button)
        layout.addLayout(row)
        self.password_again.returnPressed.connect(self.submit)

    def submit(self) -> None:
        self.form.clear_errors()
        if self.password.text() != self.password_again.text():
            self.form.show_errors(
                {"password_again": "The two passwords are different. Type the same one twice."}
            )
            return
        try:
            actor = self.db.run(
                users.set_up_club,
                self.club_name.text(),
                self.your_name.text(),
                self.password.text(),
            )
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return
        self.signed_in.emit(actor, 100)


class SignInScreen(QWidget):
    """Name tiles, then the password. Wrong tries are counted; too many mean a short wait."""

    signed_in = Signal(object, int)  # Actor, text scale percent

    def __init__(self, db: Database, club_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._user_id: int | None = None
        self.pages = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.addWidget(self.pages)

        # Step 1: who?
        names = QWidget(self)
        names_layout = QVBoxLayout(names)
        names_layout.setSpacing(16)
        names_layout.addWidget(heading(club_name, names, "subheading"))
        names_layout.addWidget(heading("Who is using the laptop?", names))
        names_layout.addWidget(heading("Tap your name.", names, "large"))
        self.tile_area = QScrollArea(names)
        self.tile_area.setWidgetResizable(True)
        self.tile_holder = QWidget()
        self.tile_grid = QGridLayout(self.tile_holder)
        self.tile_grid.setSpacing(24)
        self.tile_area.setWidget(self.tile_holder)
        names_layout.addWidget(self.tile_area, 1)
        self.pages.addWidget(names)

        # Step 2: password.
        pw = QWidget(self)
        pw_layout = QVBoxLayout(pw)
        pw_layout.setSpacing(16)
        self.hello = heading("", pw)
        pw_layout.addWidget(self.hello)
        self.form = FormPanel(pw)
        self.password = password_box(pw)
        self.form.add_field("password", "Your password", self.password)
        self.form.add_widget(ShowPassword(self.password, parent=pw))
        pw_layout.addWidget(self.form, 1)
        row = QHBoxLayout()
        self.not_me_button = BigButton("Back to the names", pw, variant="secondary")
        self.sign_in_button = BigButton("Sign in", pw)
        row.addWidget(self.not_me_button)
        row.addStretch(1)
        row.addWidget(self.sign_in_button)
        pw_layout.addLayout(row)
        self.pages.addWidget(pw)

        self.not_me_button.clicked.connect(self.show_names)
        self.sign_in_button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.tiles: list[NameTile] = []
        self.reload()

    def reload(self) -> None:
        for tile in self.tiles:
            tile.deleteLater()
        self.tiles = []
        people = self.db.run(users.sign_in_tiles)
        columns = 4
        for i, person in enumerate(people):
            tile = NameTile(person.name, self.tile_holder, checkable=False)
            tile.setToolTip(f"{person.name}, {person.role_word}")
            tile.clicked.connect(lambda _=False, p=person: self.choose(p.user_id, p.name))
            self.tile_grid.addWidget(tile, i // columns, i % columns)
            self.tiles.append(tile)
        self.tile_grid.setRowStretch(len(people) // columns + 1, 1)
        self.tile_grid.setColumnStretch(columns, 1)
        self.show_names()

    def show_names(self) -> None:
        self._user_id = None
        self.password.clear()
        self.form.clear_errors()
        self.pages.setCurrentIndex(0)

    def choose(self, user_id: int, name: str) -> None:
        self._user_id = user_id
        self.hello.setText(f"Hello, {name}. Type your password.")
        self.password.clear()
        self.form.clear_errors()
        self.pages.setCurrentIndex(1)
        self.password.setFocus()

    def submit(self) -> None:
        if self._user_id is None:
            return
        result = self.db.run(users.sign_in, self._user_id, self.password.text())
        if result.actor is None:
            self.form.show_errors({"password": result.message})
            self.password.selectAll()
            return
        actor: Actor = result.actor
        self.show_names()
        self.signed_in.emit(actor, result.text_scale)


class LockScreen(QWidget):
    """Hides everything. The same person unlocks with their password and carries on."""

    unlocked = Signal()
    switch_person = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(16)
        layout.addWidget(heading("The laptop is locked", self))
        self.form = FormPanel(self)
        # Inside the scrolling form, so the words never get squeezed at 200 % text.
        self.who = heading("", self, "large")
        self.form.add_widget(self.who)
        self.password = password_box(self)
        self.form.add_field("password", "Password", self.password)
        self.form.add_widget(ShowPassword(self.password, parent=self))
        layout.addWidget(self.form, 1)
        row = QHBoxLayout()
        self.switch_button = BigButton("Someone else wants the laptop", self, variant="secondary")
        self.unlock_button = BigButton("Unlock", self)
        row.addWidget(self.switch_button)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)
        self.unlock_button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.switch_button.clicked.connect(self.switch_person.emit)

    def lock_for(self, actor: Actor) -> None:
        self.actor = actor
        self.who.setText(
            f"{actor.name} was using it. {actor.name}, type your password to carry on "
            "where you left off: nothing you typed has been lost."
        )
        self.password.clear()
        self.form.clear_errors()
        self.password.setFocus()

    def submit(self) -> None:
        if self.actor is None or self.actor.user_id is None:
            return
        result = self.db.run(users.sign_in, self.actor.user_id, self.password.text())
        if result.actor is None:
            self.form.show_errors({"password": result.message})
            self.password.selectAll()
            return
        self.password.clear()
        self.form.clear_errors()
        self.unlocked.emit()

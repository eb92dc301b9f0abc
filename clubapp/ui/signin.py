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


class PasswordStep(QWidget):
    """A password box in a scrolling form, with a way back and a way on.

    Shared by the sign-in and lock screens: both check the password through
    `users.sign_in`, which counts wrong tries and says when to wait.
    """

    def __init__(
        self, label: str, back_text: str, go_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        self.form = FormPanel(self)
        self.password = password_box(self)
        self.form.add_field("password", label, self.password)
        self.form.add_widget(ShowPassword(self.password, parent=self))
        layout.addWidget(self.form, 1)
        row = QHBoxLayout()
        self.back_button = BigButton(back_text, self, variant="secondary")
        self.go_button = BigButton(go_text, self)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.go_button)
        layout.addLayout(row)

    def check(self, db: Database, user_id: int) -> users.SignInResult | None:
        """The result of signing in, or None with the reason shown beside the box."""
        result = db.run_bookkeeping(users.sign_in, user_id, self.password.text())
        if result.actor is None:
            self.form.show_errors({"password": result.message})
            self.password.selectAll()
            return None
        self.clear()
        return result

    def clear(self) -> None:
        self.password.clear()
        self.form.clear_errors()


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
        self.step = PasswordStep("Your password", "Back to the names", "Sign in", pw)
        self.form, self.password = self.step.form, self.step.password
        self.not_me_button, self.sign_in_button = self.step.back_button, self.step.go_button
        pw_layout.addWidget(self.step, 1)
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
        self.step.clear()
        self.pages.setCurrentIndex(0)

    def choose(self, user_id: int, name: str) -> None:
        self._user_id = user_id
        self.hello.setText(f"Hello, {name}. Type your password.")
        self.step.clear()
        self.pages.setCurrentIndex(1)
        self.password.setFocus()

    def submit(self) -> None:
        if self._user_id is None:
            return
        result = self.step.check(self.db, self._user_id)
        if result is None:
            return
        self.show_names()
        self.signed_in.emit(result.actor, result.text_scale)


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
        self.step = PasswordStep("Password", "Someone else wants the laptop", "Unlock", self)
        self.form, self.password = self.step.form, self.step.password
        self.switch_button, self.unlock_button = self.step.back_button, self.step.go_button
        # Inside the scrolling form, so the words never get squeezed at 200 % text.
        self.who = heading("", self, "subheading")
        self.form.insert_widget(0, self.who)
        layout.addWidget(self.step, 1)
        self.unlock_button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.switch_button.clicked.connect(self.switch_person.emit)

    def lock_for(self, actor: Actor) -> None:
        self.actor = actor
        self.who.setText(
            f"{actor.name}, type your password to carry on where you left off. "
            "Nothing you typed is lost."
        )
        self.step.clear()
        self.password.setFocus()

    def submit(self) -> None:
        if self.actor is None or self.actor.user_id is None:
            return
        if self.step.check(self.db, self.actor.user_id) is not None:
            self.unlocked.emit()

"""Settings (coordinator only): the club's name, when the laptop locks itself, how early
checks are warned about and what an hour of volunteer time is worth, how long the details
of people who left are kept and the privacy notice, whether the club's information is
encrypted (clubapp.ui.pages.settings_encryption), and who can sign in."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import club, privacy_notice, users
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.money import HOW_TO_WRITE, parse_signed, pounds
from clubapp.services.permissions import ROLE_WORDS
from clubapp.services.users import UserRow
from clubapp.ui import theme
from clubapp.ui.context import SETTINGS, USERS, AppContext
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.settings_encryption import EncryptionPart
from clubapp.ui.signin import ShowPassword, password_box
from clubapp.ui.tablemodels.users import UsersTableModel
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.inputs import TextBox
from clubapp.ui.widgets.messages import ask_to_confirm

LOCK_MINUTES = club.INT_SETTINGS["idle_lock_minutes"]
CHECK_DAYS = club.INT_SETTINGS["check_warning_days"]
HOUR_PENCE = club.INT_SETTINGS["volunteer_hour_pence"]
RETENTION = club.INT_SETTINGS["retention_years"]


def read_days(text: str) -> int:
    """The days of warning as typed: a whole number from 1 to 180."""
    cleaned = text.strip()
    if not (cleaned.isascii() and cleaned.isdigit()):
        raise ValidationError(
            "check_warning_days",
            f"Type a whole number of days, like 30 (from {CHECK_DAYS.low} to {CHECK_DAYS.high}).",
        )
    days = int(cleaned) if len(cleaned) <= 6 else CHECK_DAYS.high + 1
    if not CHECK_DAYS.low <= days <= CHECK_DAYS.high:
        raise ValidationError(
            "check_warning_days",
            f"Type a number of days from {CHECK_DAYS.low} to {CHECK_DAYS.high}.",
        )
    return days


def read_years(text: str) -> int:
    """The years details are kept after someone leaves, as typed: 1 to 20."""
    cleaned = text.strip()
    how = f"Type a whole number of years, like 3 (from {RETENTION.low} to {RETENTION.high})."
    if not (cleaned.isascii() and cleaned.isdigit()):
        raise ValidationError("retention_years", how)
    years = int(cleaned) if len(cleaned) <= 6 else RETENTION.high + 1
    if not RETENTION.low <= years <= RETENTION.high:
        raise ValidationError("retention_years", how)
    return years


#: How to type the value of an hour, said after each problem with it.
HOUR_HOW = "Type it in pounds and pence, like 12.71, or 0 to give it no value."


def read_hour_value(text: str) -> int:
    """The value of an hour as typed in pounds ("12.71", "£12.71", "0"), in pence.

    Its messages are its own: the accounts' words (money in, money out, payments) mean
    nothing for the value of volunteer time."""
    field = "volunteer_hour_pence"
    cleaned = "".join(text.split()).replace("\u2212", "-")
    if not cleaned:
        raise ValidationError(field, f"The value of an hour is blank. {HOUR_HOW}")
    bare = cleaned.removeprefix("£")
    if bare.startswith("-") or (bare.startswith("(") and bare.endswith(")")):
        raise ValidationError(
            field,
            "The value of an hour cannot be less than nothing. Type 0 to give it no value, "
            "or an amount like 12.71.",
        )
    if bare.upper().endswith(("CR", "DR")):
        raise ValidationError(field, f"Type the value of an hour as a plain amount. {HOUR_HOW}")
    pounds_part = bare.split(".", 1)[0].replace(",", "").lstrip("0")
    if pounds_part.isdigit() and len(pounds_part) > len(str(HOUR_PENCE.high // 100)):
        raise _more_than_allowed(field)
    try:
        pence = parse_signed(bare, field, "value of an hour")
    except ValidationError as exc:
        # parse_signed says how the accounts write money; say it for an hour's value.
        message = (
            exc.first[1]
            .replace(HOW_TO_WRITE, HOUR_HOW)
            .replace("is not an amount of money.", "is not an amount.")
        )
        raise ValidationError(field, message) from None
    if pence > HOUR_PENCE.high:
        raise _more_than_allowed(field)
    return pence


def _more_than_allowed(field: str) -> ValidationError:
    return ValidationError(
        field,
        f"That is more than {pounds(HOUR_PENCE.high)} an hour. Type the value of one hour, "
        "like 12.71.",
    )


def _section(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", "subheading")
    label.setWordWrap(True)
    return label


def _note(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.hide()
    return label


def _button_row(
    button: BigButton, note: QLabel | None = None, *, keep_size: bool = False
) -> QHBoxLayout:
    """A button at the left, with its note (what just happened) beside it. With
    ``keep_size`` the button keeps its own width while the note is hidden."""
    row = QHBoxLayout()
    row.addWidget(button)
    if note is not None:
        row.addWidget(note, 1)
        if keep_size:
            row.addStretch(0)
    else:
        row.addStretch(1)
    return row


def _role_box(parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    for code, words in ROLE_WORDS.items():
        box.addItem(words, code)
    return box


class SettingsPage(Page):
    title = "Settings"
    help_text = (
        "Here the coordinator sets the club's name, how long the laptop waits before it "
        "locks itself, how many days before a check runs out the club is warned, what an "
        "hour of volunteer time is worth, how many years the details of people who left "
        "are kept, the privacy notice, whether the club's information is encrypted, and who "
        "can sign in. Nobody is ever deleted: "
        "someone who should no longer sign in is stopped, and can be let back in later."
    )
    domains = (USERS, SETTINGS)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(16)

        # The club's name.
        layout.addWidget(_section("The club", self))
        self.club_name = QLineEdit(self)
        self.club_name_row = FieldRow("The club's name", self.club_name, parent=self)
        layout.addWidget(self.club_name_row)
        self.save_name_button = BigButton("Save the club's name", self)
        self.name_note = _note(self)
        layout.addLayout(_button_row(self.save_name_button, self.name_note))

        # Locking.
        layout.addWidget(_section("Locking the laptop", self))
        self.lock_words = QLabel(self)
        self.lock_words.setWordWrap(True)
        self.lock_words.setProperty("role", "large")
        layout.addWidget(self.lock_words)
        self.shorter_button = BigButton("1 minute less", self, variant="secondary")
        self.longer_button = BigButton("1 minute more", self, variant="secondary")
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(self.shorter_button)
        row.addWidget(self.longer_button)
        row.addStretch(1)
        layout.addLayout(row)

        # Volunteers: warnings about checks, and the value of their time.
        layout.addWidget(_section("Volunteers", self))
        self.check_days = QLineEdit(self)
        self.check_days_row = FieldRow(
            "Warn about checks this many days before they run out",
            self.check_days,
            f"A number of days from {CHECK_DAYS.low} to {CHECK_DAYS.high}. The warnings show "
            "on the Home page and the Volunteers page.",
            self,
        )
        layout.addWidget(self.check_days_row)
        self.save_check_days_button = BigButton("Save the days of warning", self)
        self.check_days_note = _note(self)
        layout.addLayout(
            _button_row(self.save_check_days_button, self.check_days_note, keep_size=True)
        )
        self.hour_value = QLineEdit(self)
        self.hour_value_row = FieldRow(
            "The value of an hour of volunteer time",
            self.hour_value,
            "In pounds and pence, like 12.71 (the National Living Wage from April 2026). "
            "Funders often ask what the volunteers' time is worth. Type 0 to give it no value.",
            self,
        )
        layout.addWidget(self.hour_value_row)
        self.save_hour_value_button = BigButton("Save the value of an hour", self)
        self.hour_value_note = _note(self)
        layout.addLayout(
            _button_row(self.save_hour_value_button, self.hour_value_note, keep_size=True)
        )

        # Keeping data safe: how long the details of people who left are kept, and the
        # privacy notice.
        layout.addWidget(_section("Keeping data safe", self))
        self.retention_years = QLineEdit(self)
        self.retention_row = FieldRow(
            "Keep the details of people who left for this many years",
            self.retention_years,
            f"From {RETENTION.low} to {RETENTION.high} years. After that, they are listed to "
            "review in Keeping data safe. The privacy notice tells people this number.",
            self,
        )
        layout.addWidget(self.retention_row)
        self.save_retention_button = BigButton("Save the years", self)
        self.retention_note = _note(self)
        layout.addLayout(
            _button_row(self.save_retention_button, self.retention_note, keep_size=True)
        )
        self.notice_box = TextBox(12, self)
        self.notice_row = FieldRow(
            "The privacy notice",
            self.notice_box,
            "What the club tells people about the information it keeps, and their rights. "
            "Where it says [club name] or [years], the app puts in the club's name and the "
            "years above. A short line without a full stop is a heading. Start a line with "
            "a dash (-) to make a list.",
            self,
        )
        layout.addWidget(self.notice_row)
        self.save_notice_button = BigButton("Save the privacy notice", self)
        self.notice_note = _note(self)
        layout.addLayout(_button_row(self.save_notice_button, self.notice_note, keep_size=True))
        self.standard_notice_button = BigButton(
            "Use the standard wording", self, variant="secondary"
        )
        self.print_notice_button = BigButton("Print the privacy notice", self, variant="secondary")
        for button in (self.standard_notice_button, self.print_notice_button):
            layout.addLayout(_button_row(button))

        # Encryption of the club's file and its backups.
        self.encryption = EncryptionPart(ctx, self)
        layout.addWidget(self.encryption)

        # What each box showed when last filled: a box someone is typing in keeps its words.
        self._shown = {self.check_days: "", self.hour_value: "", self.retention_years: ""}
        self._notice_shown = ""

        # Who can sign in.
        layout.addWidget(_section("People who can sign in", self))
        self.model = UsersTableModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("People who can sign in")
        layout.addWidget(self.table)

        self.chosen = QLabel("Choose a person in the list to change their sign-in.", self)
        self.chosen.setWordWrap(True)
        layout.addWidget(self.chosen)
        self.role = _role_box(self)
        self.role_row = FieldRow("Their role", self.role, parent=self)
        self.new_password = password_box(self)
        self.new_password_row = FieldRow(
            "A new password for them", self.new_password, "At least 8 characters.", self
        )
        self.save_role_button = BigButton("Save their role", self, variant="secondary")
        self.set_password_button = BigButton("Set this password", self, variant="secondary")
        self.stop_button = BigButton("Stop them signing in", self, variant="secondary")
        # One column, each button under its field, so nothing runs off at 200 % text.
        for field_row, button in (
            (self.role_row, self.save_role_button),
            (self.new_password_row, self.set_password_button),
            (None, self.stop_button),
        ):
            if field_row is not None:
                layout.addWidget(field_row)
            layout.addLayout(_button_row(button))
        self.user_note = _note(self)
        layout.addWidget(self.user_note)

        layout.addWidget(_section("Add someone who can sign in", self))
        self.add_name = QLineEdit(self)
        self.add_role = _role_box(self)
        self.add_password = password_box(self)
        self.add_password_again = password_box(self)
        self.add_rows = {
            "name": FieldRow(
                "Their name, as shown on the sign-in tile", self.add_name, parent=self
            ),
            "role": FieldRow("Their role", self.add_role, parent=self),
            "password": FieldRow(
                "Their password", self.add_password, "At least 8 characters.", self
            ),
            "password_again": FieldRow("The password again", self.add_password_again, parent=self),
        }
        for field_row in self.add_rows.values():
            layout.addWidget(field_row)
        layout.addWidget(ShowPassword(self.add_password, self.add_password_again, parent=self))
        self.add_button = BigButton("Add this person", self)
        self.add_note = _note(self)
        layout.addLayout(_button_row(self.add_button, self.add_note))
        layout.addStretch(1)

        self.save_name_button.clicked.connect(self.save_name)
        self.save_check_days_button.clicked.connect(self.save_check_days)
        self.save_hour_value_button.clicked.connect(self.save_hour_value)
        self.save_retention_button.clicked.connect(self.save_retention_years)
        self.save_notice_button.clicked.connect(self.save_notice)
        self.standard_notice_button.clicked.connect(self.use_standard_notice)
        self.print_notice_button.clicked.connect(self.print_notice)
        self.shorter_button.clicked.connect(lambda: self.change_lock_minutes(-1))
        self.longer_button.clicked.connect(lambda: self.change_lock_minutes(+1))
        self.table.selectionModel().selectionChanged.connect(self._show_chosen)
        self.save_role_button.clicked.connect(self.save_role)
        self.set_password_button.clicked.connect(self.set_password)
        self.stop_button.clicked.connect(self.toggle_active)
        self.add_button.clicked.connect(self.add_user)
        self._show_chosen()

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        self.club_name.setText(self.ctx.db.run(club.club_name) or "")
        self._show_lock_minutes()
        self._show_volunteer_settings()
        self._show_data_settings()
        self.encryption.refresh()
        chosen = self.chosen_user_id()
        self.model.set_rows(self.ctx.read(users.list_users))
        theme.size_rows(self.table)
        rows = self.table.verticalHeader().defaultSectionSize()
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + rows * max(2, self.model.rowCount()) + 8)
        if chosen is not None:
            self.choose(chosen)
        self._show_chosen()

    def chosen_user_id(self) -> int | None:
        chosen = self._chosen()
        return chosen.user_id if chosen else None

    def _chosen(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def choose(self, user_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).user_id == user_id:
                self.table.selectRow(row)
                return

    def _show_chosen(self) -> None:
        chosen = self._chosen()
        for widget in (
            self.save_role_button,
            self.set_password_button,
            self.stop_button,
            self.role,
            self.new_password,
        ):
            widget.setEnabled(chosen is not None)
        if chosen is None:
            self.chosen.setText("Choose a person in the list to change their sign-in.")
            return
        self.chosen.setText(f"Changing the sign-in of {chosen.name}.")
        self.role.setCurrentIndex(max(0, self.role.findData(chosen.role)))
        self.stop_button.setText(
            "Stop them signing in" if chosen.active else "Let them sign in again"
        )

    def _show_lock_minutes(self) -> None:
        minutes = self.ctx.db.run(club.get_int, "idle_lock_minutes")
        word = "minute" if minutes == 1 else "minutes"
        self.lock_words.setText(
            f"The laptop locks itself after {minutes} {word} with nobody using it. "
            "A warning comes 30 seconds before."
        )
        self.shorter_button.setEnabled(minutes > LOCK_MINUTES.low)
        self.longer_button.setEnabled(minutes < LOCK_MINUTES.high)

    def _show_volunteer_settings(self) -> None:
        days = self.ctx.db.run(club.get_int, "check_warning_days")
        pence = self.ctx.db.run(club.get_int, "volunteer_hour_pence")
        for box, text in (
            (self.check_days, str(days)),
            (self.hour_value, pounds(pence, symbol=False)),
        ):
            if box.text() == self._shown[box]:
                box.setText(text)
                self._shown[box] = text

    def _show_data_settings(self) -> None:
        years = str(self.ctx.db.run(club.get_int, "retention_years"))
        if self.retention_years.text() == self._shown[self.retention_years]:
            self.retention_years.setText(years)
            self._shown[self.retention_years] = years
        notice = self.ctx.read(privacy_notice.notice_template)
        if self.notice_box.text() == self._notice_shown:
            self.notice_box.setText(notice)
            self.notice_box.moveCursor(QTextCursor.MoveOperation.Start)
            self._notice_shown = notice

    def show_privacy_notice(self) -> None:
        """Scroll to the privacy notice and put the cursor in it."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(self.save_notice_button, 0, 0)
            parent.ensureWidgetVisible(self.notice_row.label, 0, 0)
        self.notice_box.setFocus()

    @staticmethod
    def _say(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    # ------------------------------------------------------------ actions

    def save_name(self) -> None:
        self.club_name_row.clear_error()
        try:
            self.ctx.run(club.rename_club, self.club_name.text(), changed=SETTINGS)
        except ValidationError as exc:
            self.club_name_row.show_error(exc.first[1])
            return
        self._say(self.name_note, "Saved the club's name.")

    def save_check_days(self) -> bool:
        self.check_days_row.clear_error()
        self.check_days_note.hide()
        try:
            days = read_days(self.check_days.text())
            self.ctx.run(club.set_int_setting, "check_warning_days", days, changed=SETTINGS)
        except ValidationError as exc:
            self.check_days_row.show_error(exc.first[1])
            return False
        self.check_days.setText(str(days))
        self._shown[self.check_days] = str(days)
        word = "day" if days == 1 else "days"
        self._say(self.check_days_note, f"Saved: checks are warned about {days} {word} ahead.")
        return True

    def save_hour_value(self) -> bool:
        self.hour_value_row.clear_error()
        self.hour_value_note.hide()
        try:
            pence = read_hour_value(self.hour_value.text())
            self.ctx.run(club.set_int_setting, "volunteer_hour_pence", pence, changed=SETTINGS)
        except ValidationError as exc:
            self.hour_value_row.show_error(exc.first[1])
            return False
        self.hour_value.setText(pounds(pence, symbol=False))
        self._shown[self.hour_value] = self.hour_value.text()
        self._say(
            self.hour_value_note,
            f"Saved: an hour of volunteer time is worth {pounds(pence)}."
            if pence
            else "Saved: volunteer time is given no value in pounds.",
        )
        return True

    def save_retention_years(self) -> bool:
        self.retention_row.clear_error()
        self.retention_note.hide()
        try:
            years = read_years(self.retention_years.text())
            self.ctx.run(club.set_int_setting, "retention_years", years, changed=SETTINGS)
        except ValidationError as exc:
            self.retention_row.show_error(exc.first[1])
            return False
        self.retention_years.setText(str(years))
        self._shown[self.retention_years] = str(years)
        span = privacy_notice.years_words(years)
        self._say(self.retention_note, f"Saved: details are kept for {span} after someone leaves.")
        return True

    def save_notice(self) -> bool:
        self.notice_row.clear_error()
        self.notice_note.hide()
        text = self.notice_box.text()
        try:
            self.ctx.run(privacy_notice.save_notice, text, changed=SETTINGS)
        except ValidationError as exc:
            self.notice_row.show_error(exc.first[1])
            return False
        self._notice_shown = self.ctx.read(privacy_notice.notice_template)
        if self.notice_box.text() != self._notice_shown:
            self.notice_box.setText(self._notice_shown)
        self._say(self.notice_note, "Saved the privacy notice.")
        return True

    def use_standard_notice(self) -> None:
        """Put the standard wording in the box, to change and save (nothing is saved yet).
        Words typed and not saved are not thrown away without asking."""
        typed = self.notice_box.text()
        if (
            typed.strip()
            and typed not in (self._notice_shown, privacy_notice.DEFAULT_NOTICE)
            and not ask_to_confirm(
                self,
                "Use the standard wording",
                "Put the standard wording in the box, in place of what is there? What you "
                "typed and did not save will be lost.",
                "Yes, use the standard wording",
                "Keep what I typed",
            )
        ):
            return
        self.notice_row.clear_error()
        self.notice_box.setText(privacy_notice.DEFAULT_NOTICE)
        self.notice_box.moveCursor(QTextCursor.MoveOperation.Start)
        self._say(
            self.notice_note,
            "The standard wording is in the box. Press Save the privacy notice to keep it.",
        )
        self.notice_box.setFocus()

    def print_notice(self) -> None:
        """The saved notice in large print (what is typed and not saved is not printed)."""
        if self.notice_box.text() != self._notice_shown:
            self._say(
                self.notice_note,
                "This prints the notice as it was last saved. To print what you typed, press "
                "Save the privacy notice first.",
            )
        ctx = self.ctx
        today = ctx.today()
        ctx.navigator.show_pdf(
            "Privacy notice",
            lambda: ctx.read(privacy_notice.notice_pdf, today),
            f"privacy-notice-{today.isoformat()}.pdf",
        )

    def change_lock_minutes(self, step: int) -> None:
        minutes = self.ctx.db.run(club.get_int, "idle_lock_minutes") + step
        try:
            self.ctx.run(club.set_int_setting, "idle_lock_minutes", minutes, changed=SETTINGS)
        except ValidationError as exc:
            self._say(self.user_note, exc.first[1])
        self._show_lock_minutes()

    def save_role(self) -> None:
        user_id = self.chosen_user_id()
        if user_id is None:
            return
        self.role_row.clear_error()
        try:
            self.ctx.run(users.change_user, user_id, role=self.role.currentData(), changed=USERS)
        except (ValidationError, NotFound) as exc:
            self.role_row.show_error(str(exc))
            return
        self._say(self.user_note, "Saved their role. It applies the next time they sign in.")

    def set_password(self) -> None:
        user_id = self.chosen_user_id()
        if user_id is None:
            return
        self.new_password_row.clear_error()
        try:
            self.ctx.run(users.reset_password, user_id, self.new_password.text(), changed=USERS)
        except (ValidationError, NotFound) as exc:
            self.new_password_row.show_error(str(exc))
            return
        self.new_password.clear()
        self._say(
            self.user_note, "Their new password is set, and any wait after wrong tries is cleared."
        )

    def toggle_active(self) -> None:
        row = self._chosen()
        if row is None:
            return
        self.role_row.clear_error()
        try:
            self.ctx.run(users.change_user, row.user_id, active=not row.active, changed=USERS)
        except (ValidationError, NotFound) as exc:
            self.role_row.show_error(str(exc))
            return
        done = "can no longer sign in" if row.active else "can sign in again"
        self._say(self.user_note, f"{row.name} {done}.")

    def add_user(self) -> None:
        for field_row in self.add_rows.values():
            field_row.clear_error()
        if self.add_password.text() != self.add_password_again.text():
            self.add_rows["password_again"].show_error(
                "The two passwords are different. Type the same one twice."
            )
            return
        try:
            self.ctx.run(
                users.add_user,
                self.add_name.text(),
                self.add_role.currentData(),
                self.add_password.text(),
                changed=USERS,
            )
        except ValidationError as exc:
            for name, message in exc.errors.items():
                self.add_rows.get(name, self.add_rows["name"]).show_error(message)
            return
        name = " ".join(self.add_name.text().split())
        for box in (self.add_name, self.add_password, self.add_password_again):
            box.clear()
        self._say(self.add_note, f"{name} can now sign in.")

"""The Programme room: what is on at each club session, four weeks at a time, with a
picture beside each activity; the club's activities; choosing an activity for a day;
and putting the activity members chose in a vote on the coming sessions.

Everyone who may see the programme sees all of it and can print it. The buttons that
change it (add, take off, the activities' own buttons) are there only for the roles
with ``programme.edit``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from clubapp.services import programme, vote_printouts, vote_results
from clubapp.services.dates import long_date
from clubapp.services.programme import ActivityRow, ProgrammeDay, ProgrammeItem
from clubapp.ui.context import COMMITTEE, PEOPLE, SESSIONS, AppContext
from clubapp.ui.pages.attendance import time_words
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.committee import label
from clubapp.ui.pages.committee_words import plural
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.inputs import BigCheck
from clubapp.ui.widgets.messages import ask_to_confirm
from clubapp.ui.widgets.pictures import PictureLabel, photo_pixmap

#: How many days the room shows at a time: four weeks.
PERIOD_DAYS = 28
PICTURE_PX = 64

ROOM_HELP = (
    "This is the programme: what is on at each club session, four weeks at a time. "
    "Press The four weeks after or The four weeks before to look further on or back. "
    "Add an activity puts one of the club's activities on a day; Take off takes it "
    "away again (it asks first). Print the programme makes a large-print sheet of the "
    "four weeks shown, for members to take home. The club's activities lists every "
    "activity with its picture, who leads it and what it costs."
)
ROOM_HELP_READ = (
    "This is the programme: what is on at each club session, four weeks at a time. "
    "Press The four weeks after or The four weeks before to look further on or back. "
    "Print the programme makes a large-print sheet of the four weeks shown. Only the "
    "coordinator can change the programme."
)
READ_ONLY_NOTE = "You can see and print the programme. Only the coordinator can change it."


def period_words(start: date, end: date) -> str:
    """ "From Wednesday 18 November to Tuesday 15 December 2026"."""
    first = long_date(start)
    if start.year == end.year:
        first = first.rsplit(" ", 1)[0]
    return f"From {first} to {long_date(end)}"


def session_words(day: ProgrammeDay) -> str:
    """ "Wednesday Club at 10:30 am"."""
    when = time_words(day.start_time)
    return f"{day.name} at {when}" if when else day.name


def cost_words(pence: int) -> str:
    words = programme.pence_words(pence)
    return "Free." if pence <= 0 else f"Costs {words}."


def item_details(item: ProgrammeItem) -> str:
    """ "Led by Sam Taylor. Costs £5. Chosen by the members' vote on 13 November 2026."."""
    parts = []
    if item.leader:
        parts.append(f"Led by {item.leader}.")
    parts.append(cost_words(item.cost_pence))
    if item.chosen_words:
        parts.append(f"{item.chosen_words}.")
    if item.note:
        parts.append(item.note)
    return " ".join(parts)


def activity_details(row: ActivityRow) -> str:
    """ "Led by Aga. Costs £1.50."."""
    parts = []
    if row.leader:
        parts.append(f"Led by {row.leader}.")
    parts.append(cost_words(row.cost_pence))
    return " ".join(parts)


class Photos:
    """Activity photos read once per refresh, by activity id."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self._photos: dict[int, bytes | None] = {}

    def get(self, activity_id: int) -> bytes | None:
        if activity_id not in self._photos:
            try:
                self._photos[activity_id] = self.ctx.read(programme.activity_photo, activity_id)
            except SERVICE_ERRORS:
                self._photos[activity_id] = None
        return self._photos[activity_id]


def picture_px(widget: QWidget) -> int:
    """64 px at 100 % text, growing with the text so the picture stays beside its words."""
    return max(PICTURE_PX, round(QFontMetrics(widget.font()).height() * 2.4))


class ActivityPictureLabel(PictureLabel):
    """A library picture, 64 px at 100 % text and larger with larger text."""

    def __init__(self, name: str, activity: str, parent: QWidget | None = None) -> None:
        super().__init__(name, PICTURE_PX, parent)
        self._activity = activity
        self._fit()

    def _fit(self) -> None:
        px = picture_px(self)
        if px != self.picture_px():
            self.set_picture(self.picture_name(), px)
        self.setAccessibleName(f"Picture: {self._activity}")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()


class ActivityPhotoLabel(QLabel):
    """An activity's own photo (or nothing, to keep the names in line), sized as
    :class:`ActivityPictureLabel`."""

    def __init__(self, photo: bytes | None, activity: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._photo = photo
        self._px = 0
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        if photo:
            self.setAccessibleName(f"Photo: {activity}")
        self._fit()

    def _fit(self) -> None:
        px = picture_px(self)
        if px == self._px:
            return
        self._px = px
        self.setFixedSize(QSize(px, px))
        if self._photo:
            with contextlib.suppress(ValueError):  # not a photo Qt can read: an empty square
                self.setPixmap(photo_pixmap(self._photo, px, self.devicePixelRatioF()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()


def activity_picture(name: str, picture: str | None, photo: bytes | None) -> QWidget:
    """The activity's picture from the library, else its photo, else an empty square
    (so the names still line up)."""
    if picture:
        with contextlib.suppress(KeyError):  # a picture no longer shipped
            return ActivityPictureLabel(picture, name)
    return ActivityPhotoLabel(photo, name)


class ActivityLine(QWidget):
    """One activity: its picture, its name in bold, a line of details and its buttons
    (under the words, wrapping, so nothing is cut at 200 % text)."""

    def __init__(
        self,
        picture: QWidget,
        name: str,
        details: str,
        buttons: Sequence[QWidget] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self.name_label = label(name, "label")
        self.details_label = label(details)
        self.description_label = label(role="help")
        self.description_label.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        row.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(4)
        words.addWidget(self.name_label)
        words.addWidget(self.details_label)
        words.addWidget(self.description_label)
        if buttons:
            words.addSpacing(4)
            words.addWidget(flow_row(*buttons))
        row.addLayout(words, 1)
        self.details_label.setVisible(bool(details))

    def set_description(self, text: str) -> None:
        self.description_label.setText(text)
        self.description_label.setVisible(bool(text))


def card() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setProperty("card", True)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 16)
    layout.setSpacing(12)
    return frame, layout


def clear_layout(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()


# ---------------------------------------------------------------- the room


class DayBlock(QFrame):
    """One club session: its day and time, each activity planned with Take off, and
    Add an activity. Public: ``day``, ``lines``, ``take_off_buttons`` (by entry id),
    ``add_button``, ``nothing_label``."""

    def __init__(
        self,
        day: ProgrammeDay,
        photos: Photos,
        editable: bool,
        take_off: Callable[[ProgrammeDay, ProgrammeItem], None],
        add: Callable[[ProgrammeDay], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.day = day
        self.setProperty("card", True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(16)
        self.date_label = label(long_date(day.on_date), "subheading")
        self.session_label = label(session_words(day))
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.date_label)
        words.addWidget(self.session_label)
        layout.addLayout(words)
        self.lines: list[ActivityLine] = []
        self.take_off_buttons: dict[int, BigButton] = {}
        when = long_date(day.on_date)
        for item in day.activities:
            buttons = []
            if editable:
                button = BigButton("Take off", variant="secondary")
                button.setAccessibleName(f"Take off: {item.name}, {when}")
                button.clicked.connect(lambda _=False, i=item: take_off(day, i))
                self.take_off_buttons[item.entry_id] = button
                buttons.append(button)
            picture = activity_picture(
                item.name, item.picture, photos.get(item.activity_id) if item.has_photo else None
            )
            line = ActivityLine(picture, item.name, item_details(item), buttons)
            self.lines.append(line)
            layout.addWidget(line)
        self.nothing_label = label("Nothing planned yet.", "help")
        layout.addWidget(self.nothing_label)
        self.nothing_label.setVisible(not day.activities)
        self.add_button = BigButton("Add an activity")
        self.add_button.setAccessibleName(f"Add an activity: {when}")
        self.add_button.clicked.connect(lambda _=False: add(day))
        layout.addWidget(flow_row(self.add_button))
        self.add_button.setVisible(editable)  # once it has a parent: never a window of its own

    def activity_names(self) -> list[str]:
        return [line.name for line in self.lines]


class ProgrammePage(Page):
    """The programme, four weeks at a time. Public: ``period_label``, ``earlier_button``,
    ``later_button``, ``now_button``, ``print_button``, ``activities_button``,
    ``read_only_note``, ``news_label``, ``empty_label``, ``blocks`` (one DayBlock per
    session), :meth:`block_for`, ``start`` and ``end`` (the days shown)."""

    title = "Programme"
    domains = (COMMITTEE, SESSIONS, PEOPLE)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.can_edit = ctx.can("programme.edit")
        self.help_text = ROOM_HELP if self.can_edit else ROOM_HELP_READ
        self.weeks_on = 0  # how many periods of four weeks from today
        self.days: list[ProgrammeDay] = []
        self.blocks: list[DayBlock] = []

        self.read_only_note = label(READ_ONLY_NOTE, "help")
        self.period_label = label(role="subheading")
        self.earlier_button = BigButton("The four weeks before", variant="secondary")
        self.later_button = BigButton("The four weeks after", variant="secondary")
        self.now_button = BigButton("Back to the next four weeks", variant="secondary")
        self.print_button = BigButton("Print the programme")
        self.activities_button = BigButton("The club's activities", variant="secondary")
        self.problem_label = label(role="error")
        self.problem_label.hide()
        self.news_label = label()
        self.news_label.hide()
        self.empty_label = label()
        self.empty_label.hide()
        self.days_box = QWidget()
        self.days_layout = QVBoxLayout(self.days_box)
        self.days_layout.setContentsMargins(0, 0, 0, 0)
        self.days_layout.setSpacing(16)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 8, 8)
        layout.setSpacing(16)
        layout.addWidget(self.read_only_note)
        self.read_only_note.setVisible(not self.can_edit)
        layout.addWidget(flow_row(self.print_button, self.activities_button))
        layout.addWidget(self.period_label)
        layout.addWidget(flow_row(self.earlier_button, self.later_button, self.now_button))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.news_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.days_box)
        layout.addStretch(1)

        self.earlier_button.clicked.connect(lambda: self.go_by(-1))
        self.later_button.clicked.connect(lambda: self.go_by(1))
        self.now_button.clicked.connect(lambda: self.go_by(-self.weeks_on))
        self.print_button.clicked.connect(self.print_programme)
        self.activities_button.clicked.connect(self.open_activities)

    # ------------------------------------------------------------ what is shown

    @property
    def start(self) -> date:
        return self.ctx.today() + timedelta(days=PERIOD_DAYS * self.weeks_on)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=PERIOD_DAYS - 1)

    def go_by(self, periods: int) -> None:
        """Show four weeks later (1), earlier (-1), or back to now."""
        if not periods:
            return
        self.weeks_on += periods
        self.news_label.hide()
        self.refresh()

    def refresh(self) -> None:
        start, end = self.start, self.end
        self.period_label.setText(period_words(start, end))
        self.now_button.setVisible(self.weeks_on != 0)
        try:
            self.days = self.ctx.read(programme.programme, start, end)
        except SERVICE_ERRORS as exc:
            self.days = []
            self.problem_label.setText(str(exc))
            self.problem_label.show()
        else:
            self.problem_label.hide()
        self._show_days()

    def _show_days(self) -> None:
        self.setUpdatesEnabled(False)
        try:
            clear_layout(self.days_layout)
            photos = Photos(self.ctx)
            self.blocks = [
                DayBlock(day, photos, self.can_edit, self.take_off, self.add_activity)
                for day in self.days
            ]
            for block in self.blocks:
                self.days_layout.addWidget(block)
                # A child added to a widget on screen would show only once Qt gets
                # round to it; show it now, so the page is whole as soon as it returns.
                block.show()
        finally:
            self.setUpdatesEnabled(True)
        self.days_box.setVisible(bool(self.blocks))
        if not self.days and self.problem_label.isHidden():
            period = period_words(self.start, self.end)
            words = (
                f"There are no club sessions in these four weeks ({period[0].lower()}{period[1:]})."
            )
            if self.ctx.can("sessions.manage"):
                words += " Plan sessions in the Attendance room, with Plan sessions."
            self.empty_label.setText(words)
            self.empty_label.show()
        else:
            self.empty_label.hide()

    def block_for(self, on_date: date, name: str = "") -> DayBlock:
        """The block of the session on ``on_date`` (and called ``name``, when given)."""
        return next(
            b for b in self.blocks if b.day.on_date == on_date and (not name or b.day.name == name)
        )

    def say(self, words: str) -> None:
        self.news_label.setText(words)
        self.news_label.show()

    # ------------------------------------------------------------ changing it

    def take_off(self, day: ProgrammeDay, item: ProgrammeItem) -> None:
        when = long_date(day.on_date)
        if not ask_to_confirm(
            self,
            "Take off the programme",
            f"Take {item.name} off the programme for {day.name} on {when}?",
            f"Yes, take {item.name} off",
            danger=True,
        ):
            return
        try:
            self.ctx.run(programme.remove_from_programme, item.entry_id, changed=COMMITTEE)
        except SERVICE_ERRORS as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            return
        self.say(f"{item.name} is taken off {when}.")

    def add_activity(self, day: ProgrammeDay) -> None:
        self.ctx.navigator.push(ChooseActivityPage(self.ctx, day, added=self.say))

    def open_activities(self) -> None:
        self.ctx.navigator.push(ActivitiesPage(self.ctx))

    def print_programme(self) -> None:
        ctx, start, end = self.ctx, self.start, self.end
        ctx.navigator.show_pdf(
            "The programme",
            lambda: ctx.read(vote_printouts.programme_pdf, start, end, ctx.today()),
            f"programme-{start.isoformat()}.pdf",
        )


# ---------------------------------------------------------------- choosing for a day


class ChooseActivityPage(Page):
    """Choose one of the club's activities for one session: a big list with pictures,
    an Add button on each. Public: ``lines`` and ``add_buttons`` (by activity id),
    ``error_label``, ``none_label``, ``back_button``."""

    title = "Add an activity"
    help_text = (
        "Choose the activity for this club session: press the Add button under it. "
        "Activities already on that day say so. To add a new activity to the list, go "
        "back and press The club's activities."
    )
    domains = (COMMITTEE, PEOPLE)

    def __init__(
        self,
        ctx: AppContext,
        day: ProgrammeDay,
        added: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.day = day
        self._added = added
        self.lines: dict[int, ActivityLine] = {}
        self.add_buttons: dict[int, BigButton] = {}
        self.intro = label(
            f"Which activity for {session_words(day)} on {long_date(day.on_date)}?",
            "subheading",
        )
        self.back_button = BigButton("Go back without adding", variant="secondary")
        self.back_button.clicked.connect(lambda: ctx.navigator.back())
        self.error_label = label(role="error")
        self.error_label.hide()
        self.none_label = label(
            "The club has no activities to offer yet. Go back and press The club's "
            "activities to add one."
        )
        self.none_label.hide()
        self.list_box = QWidget()
        self.list_layout = QVBoxLayout(self.list_box)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(16)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 8, 8)
        layout.setSpacing(16)
        layout.addWidget(self.intro)
        layout.addWidget(flow_row(self.back_button))
        layout.addWidget(self.error_label)
        layout.addWidget(self.none_label)
        layout.addWidget(self.list_box)
        layout.addStretch(1)

    def refresh(self) -> None:
        rows = self.ctx.read(programme.list_activities)
        already = {item.activity_id for item in self.day.activities}
        try:
            # The day as it is now (it may have changed since the room was drawn).
            now = self.ctx.read(programme.programme, self.day.on_date, self.day.on_date)
            already = {
                item.activity_id
                for day in now
                if day.session_id == self.day.session_id
                for item in day.activities
            }
        except SERVICE_ERRORS:
            pass
        clear_layout(self.list_layout)
        self.lines.clear()
        self.add_buttons.clear()
        photos = Photos(self.ctx)
        for row in rows:
            buttons = []
            details = activity_details(row)
            if row.activity_id in already:
                details += " It is on the programme for this day already."
            else:
                button = BigButton(f"Add {row.name}")
                button.clicked.connect(lambda _=False, r=row: self.choose(r))
                self.add_buttons[row.activity_id] = button
                buttons.append(button)
            picture = activity_picture(
                row.name, row.picture, photos.get(row.activity_id) if row.has_photo else None
            )
            frame, inside = card()
            line = ActivityLine(picture, row.name, details, buttons)
            line.set_description(row.description)
            inside.addWidget(line)
            self.lines[row.activity_id] = line
            self.list_layout.addWidget(frame)
            frame.show()
        self.none_label.setVisible(not rows)
        self.list_box.setVisible(bool(rows))

    def line_for(self, name: str) -> ActivityLine:
        return next(line for line in self.lines.values() if line.name == name)

    def choose(self, row: ActivityRow) -> None:
        self.error_label.hide()
        try:
            self.ctx.run(
                programme.add_to_programme, self.day.session_id, row.activity_id, changed=COMMITTEE
            )
        except SERVICE_ERRORS as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.ctx.navigator.back()
        if self._added is not None:
            self._added(f"{row.name} is on the programme for {long_date(self.day.on_date)}.")


# ---------------------------------------------------------------- the club's activities


class ActivitiesPage(Page):
    """The club's activities with their pictures; retired ones under "Not offered now".
    Public: ``add_button``, ``lines`` (by activity id), ``change_buttons``,
    ``retire_buttons``, ``offer_buttons``, ``retired_heading``, ``empty_label``,
    ``news_label``, :meth:`line_for`."""

    title = "The club's activities"
    domains = (COMMITTEE, PEOPLE)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.can_edit = ctx.can("programme.edit")
        self.help_text = (
            "These are the activities the club offers, each with its picture, who leads "
            "it and what it costs. "
            + (
                "Add an activity to offer something new. Change alters its details. Stop "
                "offering it puts it away under Not offered now (it stays on programmes "
                "it was on); Offer it again brings it back."
                if self.can_edit
                else "Only the coordinator can change them."
            )
        )
        self.rows: list[ActivityRow] = []
        self.lines: dict[int, ActivityLine] = {}
        self.change_buttons: dict[int, BigButton] = {}
        self.retire_buttons: dict[int, BigButton] = {}
        self.offer_buttons: dict[int, BigButton] = {}
        self.read_only_note = label(
            "You can see the club's activities. Only the coordinator can change them.", "help"
        )
        self.add_button = BigButton("Add an activity")
        self.add_button.clicked.connect(self.add_activity)
        self.problem_label = label(role="error")
        self.problem_label.hide()
        self.news_label = label()
        self.news_label.hide()
        self.empty_label = label(
            "The club has no activities yet."
            + (" Press Add an activity to add the first one." if self.can_edit else "")
        )
        self.empty_label.hide()
        self.offered_box = QWidget()
        self.offered_layout = QVBoxLayout(self.offered_box)
        self.offered_layout.setContentsMargins(0, 0, 0, 0)
        self.offered_layout.setSpacing(16)
        self.retired_heading = label("Not offered now", "subheading")
        self.retired_box = QWidget()
        self.retired_layout = QVBoxLayout(self.retired_box)
        self.retired_layout.setContentsMargins(0, 0, 0, 0)
        self.retired_layout.setSpacing(16)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 8, 8)
        layout.setSpacing(16)
        layout.addWidget(self.read_only_note)
        self.read_only_note.setVisible(not self.can_edit)
        layout.addWidget(flow_row(self.add_button))
        self.add_button.setVisible(self.can_edit)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.news_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.offered_box)
        layout.addWidget(self.retired_heading)
        layout.addWidget(self.retired_box)
        layout.addStretch(1)

    def refresh(self) -> None:
        self.rows = self.ctx.read(programme.list_activities, include_retired=True)
        for box in (self.offered_layout, self.retired_layout):
            clear_layout(box)
        for kept in (self.change_buttons, self.retire_buttons, self.offer_buttons):
            kept.clear()
        self.lines.clear()
        photos = Photos(self.ctx)
        for row in self.rows:
            buttons: list[QWidget] = []
            if self.can_edit and not row.retired:
                change = BigButton("Change", variant="secondary")
                change.setAccessibleName(f"Change: {row.name}")
                change.clicked.connect(lambda _=False, r=row: self.change(r))
                retire = BigButton("Stop offering it", variant="secondary")
                retire.setAccessibleName(f"Stop offering it: {row.name}")
                retire.clicked.connect(lambda _=False, r=row: self.retire(r))
                self.change_buttons[row.activity_id] = change
                self.retire_buttons[row.activity_id] = retire
                buttons = [change, retire]
            elif self.can_edit:
                offer = BigButton("Offer it again", variant="secondary")
                offer.setAccessibleName(f"Offer it again: {row.name}")
                offer.clicked.connect(lambda _=False, r=row: self.offer_again(r))
                self.offer_buttons[row.activity_id] = offer
                buttons = [offer]
            picture = activity_picture(
                row.name, row.picture, photos.get(row.activity_id) if row.has_photo else None
            )
            frame, inside = card()
            line = ActivityLine(picture, row.name, activity_details(row), buttons)
            line.set_description(row.description)
            inside.addWidget(line)
            self.lines[row.activity_id] = line
            (self.retired_layout if row.retired else self.offered_layout).addWidget(frame)
            frame.show()
        offered = [r for r in self.rows if not r.retired]
        retired = [r for r in self.rows if r.retired]
        self.empty_label.setVisible(not offered)
        self.offered_box.setVisible(bool(offered))
        self.retired_heading.setVisible(bool(retired))
        self.retired_box.setVisible(bool(retired))

    def row_for(self, name: str) -> ActivityRow:
        return next(r for r in self.rows if r.name == name)

    def line_for(self, name: str) -> ActivityLine:
        return self.lines[self.row_for(name).activity_id]

    def offered_names(self) -> list[str]:
        return [r.name for r in self.rows if not r.retired]

    def retired_names(self) -> list[str]:
        return [r.name for r in self.rows if r.retired]

    def _show_problem(self, exc: Exception) -> None:
        self.problem_label.setText(str(exc))
        self.problem_label.show()

    def say(self, words: str) -> None:
        self.news_label.setText(words)
        self.news_label.show()

    def add_activity(self) -> None:
        from clubapp.ui.pages.activity_form import ActivityFormPage

        self.news_label.hide()
        self.ctx.navigator.push(ActivityFormPage(self.ctx, saved=self.say))

    def change(self, row: ActivityRow) -> None:
        from clubapp.ui.pages.activity_form import ActivityFormPage

        self.news_label.hide()
        self.ctx.navigator.push(ActivityFormPage(self.ctx, row.activity_id, saved=self.say))

    def retire(self, row: ActivityRow) -> None:
        if not ask_to_confirm(
            self,
            "Stop offering an activity",
            f"Stop offering {row.name}? It moves to Not offered now. Days it is already "
            "planned for keep it, and you can offer it again later.",
            f"Yes, stop offering {row.name}",
            danger=True,
        ):
            return
        self._set_retired(row, True, f"{row.name} is not offered now.")

    def offer_again(self, row: ActivityRow) -> None:
        self._set_retired(row, False, f"{row.name} is offered again.")

    def _set_retired(self, row: ActivityRow, retired: bool, news: str) -> None:
        self.problem_label.hide()
        try:
            self.ctx.run(programme.retire_activity, row.activity_id, retired, changed=COMMITTEE)
        except SERVICE_ERRORS as exc:
            self._show_problem(exc)
            return
        self.say(news)


# ---------------------------------------------------------------- from a vote


class FromVotePage(FormPage):
    """Put what most people chose in a closed activity vote on the coming sessions
    (the next four weeks): a tick for each. ``done`` is told what was added.
    Public: ``checks`` (by session id), ``winner``, :meth:`check_for`."""

    title = "Put it on the programme"
    help_text = (
        "Tick each club session to put the activity on. It shows on the programme as "
        "chosen by the members' vote. Sessions that have it already keep it, marked as "
        "chosen by the vote."
    )
    domains = (COMMITTEE,)

    def __init__(
        self,
        ctx: AppContext,
        ballot_id: int,
        done: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        result = ctx.read(vote_results.results, ballot_id)
        winners = [line for line in result.lines if line.option_id in result.winners]
        self.winner = winners[0].words if len(winners) == 1 else ""
        super().__init__(ctx, parent, save_text=f"Put {self.winner or 'it'} on the programme")
        self.ballot_id = ballot_id
        self._done = done
        self.added: str = ""
        today = ctx.today()
        days = ctx.read(programme.programme, today, today + timedelta(days=PERIOD_DAYS - 1))
        self.days = days
        self.checks: dict[int, BigCheck] = {}
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        for day in days:
            # The date on the tick, the rest under it: short enough for 200 % text.
            check = BigCheck(long_date(day.on_date))
            self.checks[day.session_id] = check
            names = [item.name for item in day.activities]
            words = session_words(day) + "."
            if self.winner in names:
                words += f" {self.winner} is on the programme for this day already."
            elif names:
                words += " Planned now: " + ", ".join(names) + "."
            else:
                words += " Nothing planned yet."
            check.setAccessibleDescription(words)
            note = label(words, "help")
            style = check.style()
            note.setIndent(style.pixelMetric(style.PixelMetric.PM_IndicatorWidth, None, check) + 16)
            group = QVBoxLayout()
            group.setSpacing(0)
            group.addWidget(check)
            group.addWidget(note)
            column.addLayout(group)
        self.set_intro(
            f"Most people chose {self.winner}. Which club sessions should it be on?"
            if days
            else f"Most people chose {self.winner}. There are no club sessions in the next "
            "four weeks: plan them in the Attendance room first."
        )
        self.sessions_row = self.form.add_field(
            "session_ids",
            "The club sessions in the next four weeks",
            box,
            "Tick one or more.",
        )
        self.sessions_row.setVisible(bool(days))
        self.save_button.setVisible(bool(days))
        self.mark_unchanged()

    def check_for(self, on_date: date) -> BigCheck:
        day = next(d for d in self.days if d.on_date == on_date)
        return self.checks[day.session_id]

    def values(self) -> list[int]:
        return [sid for sid, check in self.checks.items() if check.isChecked()]

    def submit(self) -> None:
        chosen = self.values()
        made = self.ctx.run(programme.from_vote, self.ballot_id, chosen, changed=COMMITTEE)
        new = len(made.entry_ids)
        if new == len(chosen):
            self.added = f"Added {made.name} to {plural(new, 'session')}."
        elif new == 0:
            self.added = (
                f"{made.name} was on those sessions already; they now say the members chose it."
            )
        else:
            self.added = (
                f"Added {made.name} to {plural(new, 'more session')}; "
                f"{plural(len(chosen) - new, 'session')} had it already."
            )

    def after_save(self) -> None:
        if self._done is not None and self.added:
            self._done(self.added)

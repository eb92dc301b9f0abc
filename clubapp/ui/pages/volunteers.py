"""The Volunteers room: the club's needs, who can do what, checks that run out, hours
given, the month's rota and the skills list.

Skills belong to everyone, members living with dementia and carers too, so this room is
for every role that may see them (``volunteers.see``). The coordinator alone changes the
needs and the skills list (``volunteers.edit``); the checks part is only for those who
look after safeguarding (``checks.see``); phone numbers and email addresses only for
those who may see contact details; hours are logged by the roles with ``hours.log``.
A check that ran out or runs out soon says so in words; the colour only repeats it.

Each part is read from its service when it is first shown, and again after a change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import checks, club, needs, skills, volunteer_hours, years
from clubapp.services.checks import CheckRow
from clubapp.services.dates import MONTH_WORDS, long_date
from clubapp.services.errors import ValidationError
from clubapp.services.money import pounds
from clubapp.services.volunteer_hours import Totals, hours_words
from clubapp.ui import theme
from clubapp.ui.context import GRANTS, PEOPLE, SESSIONS, SETTINGS, VOLUNTEERS, AppContext
from clubapp.ui.pages.base import Page, PartsShownOneAtATime, hidden_part, scrolling_body
from clubapp.ui.pages.committee import label, words_table
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.tablemodels.volunteers import (
    ChecksModel,
    DirectoryModel,
    HoursLogModel,
    MonthHoursModel,
    NeedsModel,
    PersonHoursModel,
    RotaModel,
    SkillsModel,
    count_words,
)
from clubapp.ui.widgets.buttons import BigButton, SwitchButton
from clubapp.ui.widgets.choosers import ChoiceCombo
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.inputs import Labelled, SearchBox
from clubapp.ui.widgets.messages import ask_to_confirm
from clubapp.ui.widgets.tables import CELL_PADDING_PX, WrapRowsDelegate, wrapped_lines

HELP_TEXT = (
    "This room is about what everyone can do for the club, and what the club needs "
    "doing. The big buttons at the top show one part at a time. Needs lists the jobs "
    "the club wants people for, soonest first: choose one and press Open the need to see "
    "who could help. Who can do what lists everyone's skills and the times they are "
    "usually free; choose a skill to see only the people who have it. Checks lists the "
    "DBS checks, certificates and insurance that ran out or run out soon. Hours shows "
    "the time people gave the club and what it is worth. Rota shows a month of needs "
    "with who agreed to help, to print. Skills list is the club's list of skills."
)

#: The parts of the room: the key used by show_section, and the words on its button.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("needs", "Needs"),
    ("people", "Who can do what"),
    ("checks", "Checks"),
    ("hours", "Hours"),
    ("rota", "Rota"),
    ("skills", "Skills list"),
)

NO_SKILL_CHOSEN = "New name for the skill chosen"
#: Where a cell's words may wrap: spaces, but not those inside a phone number.
_WRAPS = re.compile(r"[^\S\u00a0]+|\u200b+")

#: The needs list's filters: the words on the button and the statuses shown.
NEED_FILTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Still to do", ("open", "filled")),
    ("Done or cancelled", ("done", "cancelled")),
)


# ---------------------------------------------------------------- words


def checks_summary(rows: list[CheckRow], warning_days: int) -> str:
    """ "2 checks ran out and 3 run out in the next 30 days."."""
    expired = sum(r.state == "expired" for r in rows)
    due = len(rows) - expired
    within = f"in the next {warning_days} day{'s' if warning_days != 1 else ''}"
    if not rows:
        return f"No checks have run out, and none run out {within}."
    ran = f"{count_words(expired, 'check', 'checks')} ran out" if expired else ""
    if not due:
        return f"{ran}."
    runs = f"{due:,} {'runs' if due == 1 else 'run'} out {within}"
    if not expired:
        return (
            f"{count_words(due, 'check', 'checks')} {'runs' if due == 1 else 'run'} out {within}."
        )
    return f"{ran} and {runs}."


def check_line_words(row: CheckRow) -> str:
    """ "Bob Baker's DBS check: runs out in 13 days" (for Home)."""
    kind = row.kind_words
    kind = kind if kind[1:2].isupper() else kind[:1].lower() + kind[1:]
    when = row.when_words
    return f"{row.person_name}'s {kind}: {when[:1].lower()}{when[1:]}"


def month_after(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1


def month_words(year: int, month: int) -> str:
    return f"{MONTH_WORDS[month - 1]} {year}"


def month_span(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    ny, nm = month_after(year, month, 1)
    return first, date(ny, nm, 1) - timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """A span of days the Hours part can show, with its name."""

    key: str
    words: str
    starts: date
    ends: date

    @property
    def span_words(self) -> str:
        return f"{long_date(self.starts, weekday=False)} to {long_date(self.ends, weekday=False)}"


def totals_words(totals: Totals) -> tuple[str, str]:
    """How many hours by how many people, and what they are worth, in two sentences."""
    if not totals.minutes:
        return "No hours were logged in this time.", ""
    people = count_words(len(totals.by_person), "person", "people")
    given = f"{hours_words(totals.minutes)} given by {people}."
    if not totals.rate_pence:
        return given, "The club has not set what an hour of time is worth."
    worth = (
        f"Worth {pounds(totals.value_pence)} at the club's rate of "
        f"{pounds(totals.rate_pence)} an hour."
    )
    return given, worth


# ---------------------------------------------------------------- a need's title in bold


def _wrap_option() -> QTextOption:
    """Wrapping as a cell wraps (and as ``wrapped_lines`` counts): at spaces, or inside a
    word too long for the line."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return option


class TitleFirstDelegate(WrapRowsDelegate):
    """A cell whose first line, a need's title, is bold and whose other lines ("For: …")
    are not, so the two read as two things; both wrap in the column, and the row is as
    tall as they are."""

    @staticmethod
    def _fonts(font: QFont) -> tuple[QFont, QFont]:
        bold = QFont(font)
        bold.setBold(True)
        return bold, font

    def sizeHint(  # noqa: N802 (Qt name)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        view = self._view
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if not text:
            return super().sizeHint(option, index)
        scale = theme.current_scale()
        bold, plain = self._fonts(view.font())
        padding = theme.scaled_px(CELL_PADDING_PX, scale)
        width = view.columnWidth(index.column()) - padding
        first, _, rest = text.partition("\n")
        lines = wrapped_lines(bold, first, width) + (
            wrapped_lines(plain, rest, width) if rest else 0
        )
        spacing = max(QFontMetrics(bold).lineSpacing(), QFontMetrics(plain).lineSpacing())
        wide = max(QFontMetrics(bold).horizontalAdvance(first), 1)
        return QSize(padding + wide, theme.row_height(plain, scale) + (lines - 1) * spacing)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        opt.text = ""  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        # The background, selection and focus as for any cell; the words drawn here.
        painter.save()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        painter.restore()
        # Inside the cell's padding (app.qss: 8 px times the scale) and the style's margin.
        inset = theme.scaled_px(8, theme.current_scale()) + 4
        rect = opt.rect.adjusted(inset, 0, -inset, 0)  # type: ignore[attr-defined]
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        bold, plain = self._fonts(QFont(opt.font))  # type: ignore[attr-defined]
        first, _, rest = text.partition("\n")
        layouts = []
        height = 0.0
        for font, words in ((bold, first), (plain, rest)):
            if not words and font is plain:
                continue
            for paragraph in words.split("\n"):
                layout = QTextLayout(paragraph, font)
                layout.setTextOption(_wrap_option())
                layout.beginLayout()
                y = 0.0
                while True:
                    line = layout.createLine()
                    if not line.isValid():
                        break
                    line.setLineWidth(max(1, rect.width()))
                    line.setPosition(QPointF(0, y))
                    y += line.height()
                layout.endLayout()
                layouts.append((layout, y))
                height += y
        painter.save()
        painter.setClipRect(opt.rect)  # type: ignore[attr-defined]
        painter.setPen(opt.palette.color(role))  # type: ignore[attr-defined]
        # The lines as one block, in the middle of the row.
        top = rect.top() + max(0.0, (rect.height() - height) / 2)
        for layout, tall in layouts:
            layout.draw(painter, QPointF(rect.left(), top))
            top += tall
        painter.restore()


# ---------------------------------------------------------------- the room


class VolunteersPage(PartsShownOneAtATime, Page):
    """The Volunteers room, one part at a time; :meth:`show_section` takes a key from
    :data:`SECTIONS` ("needs", "people", "checks", "hours", "rota", "skills").

    ``section_buttons`` and ``sections`` are keyed the same way (no "checks" without
    ``checks.see``). Needs: ``add_need_button``, ``open_need_button``, ``need_filters``,
    ``needs_count_label``, ``needs_table``/``needs_model``. Who can do what:
    ``skill_filter``, ``directory_count_label``, ``open_person_button``,
    ``print_directory_button``, ``directory_table``/``directory_model``. Checks:
    ``checks_label``, ``open_check_button``, ``print_checks_button``,
    ``checks_table``/``checks_model``. Hours: ``period_buttons``, ``totals_label``,
    ``value_label``, ``log_hours_button``, ``remove_hours_button``, the tables
    ``person_hours_table``, ``month_hours_table``, ``hours_table`` and their models.
    Rota: ``previous_month_button``, ``next_month_button``, ``month_label``,
    ``rota_label``, ``open_rota_button``, ``print_rota_button``,
    ``rota_table``/``rota_model``. Skills list: ``new_skill_box``, ``add_skill_button``,
    ``add_skill_error``, ``rename_box``, ``rename_button``, ``remove_skill_button``,
    ``skill_error``, ``skills_table``/``skills_model``.
    """

    title = "Volunteers"
    help_text = HELP_TEXT
    # Names come from people; what a need is for from sessions and grants; the days a
    # check warns ahead and an hour's worth from the settings.
    domains = (VOLUNTEERS, PEOPLE, SETTINGS, SESSIONS, GRANTS)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.can_edit = ctx.can("volunteers.edit")
        self.can_log = ctx.can("hours.log")
        self.sees_checks = ctx.can("checks.see")
        self.sees_contacts = ctx.can("contacts.see")
        today = ctx.today()
        self._need_statuses: tuple[str, ...] = NEED_FILTERS[0][1]
        self._rota_month = (today.year, today.month)
        self._period_key = "this_month"
        self._stale_sections: set[str] = set()
        self._shown = "needs"
        self._skills_known: list[tuple[str, int]] = []
        # The skill the rename box is for, and the name it was filled with: words typed
        # over that name are kept while the same skill stays chosen.
        self._rename_for: int | None = None
        self._rename_name = ""

        body = scrolling_body(self)
        self.problem_label, self.content = body.problem_label, body.content
        self.scroll_area, content = body.scroll_area, body.column

        self.read_only_note = label(
            "You can see the club's needs and who can do what. Only the coordinator can "
            "change them.",
            "help",
        )
        self.read_only_note.setVisible(not self.can_edit)
        content.addWidget(self.read_only_note)

        self.section_buttons: dict[str, SwitchButton] = {}
        self._switches = QButtonGroup(self)
        for key, words in SECTIONS:
            if key == "checks" and not self.sees_checks:
                continue
            button = SwitchButton(words)
            self._switches.addButton(button)
            self.section_buttons[key] = button
        content.addWidget(flow_row(*self.section_buttons.values()))

        self.sections: dict[str, QWidget] = {}

        def section(key: str) -> QVBoxLayout:
            self.sections[key], column = hidden_part(content)
            return column

        self._build_needs(section("needs"))
        self._build_people(section("people"))
        if self.sees_checks:
            self._build_checks(section("checks"))
        self._build_hours(section("hours"))
        self._build_rota(section("rota"))
        self._build_skills(section("skills"))

        for key, button in self.section_buttons.items():
            button.clicked.connect(lambda _=False, k=key: self.show_section(k))
        self._loaders: dict[str, Callable[[], None]] = {
            "needs": self._load_needs,
            "people": self._load_people,
            "checks": self._load_checks,
            "hours": self._load_hours,
            "rota": self._load_rota,
            "skills": self._load_skills,
        }
        self._update_buttons()
        self.show_section("needs")

    # ------------------------------------------------------------ building the parts

    def _build_needs(self, column: QVBoxLayout) -> None:
        column.addWidget(
            label(
                "The jobs the club wants people for, soonest first. Choose one and press "
                "Open the need to see who could help.",
                "help",
            )
        )
        self.add_need_button = BigButton("Add a need")
        self.add_need_button.setVisible(self.can_edit)
        self.add_need_button.clicked.connect(self.add_need)
        column.addWidget(flow_row(self.add_need_button))
        self.need_filters: list[SwitchButton] = []
        self._need_filter_group = QButtonGroup(self)
        for words, statuses in NEED_FILTERS:
            button = SwitchButton(words)
            button.clicked.connect(lambda _=False, s=statuses: self.show_needs(s))
            self._need_filter_group.addButton(button)
            self.need_filters.append(button)
        self.need_filters[0].setChecked(True)
        column.addWidget(flow_row(*self.need_filters))
        self.needs_count_label = label(role="label")
        column.addWidget(self.needs_count_label)
        self.open_need_button = BigButton("Open the need", variant="secondary")
        self.open_need_note = label("Choose a need in the list, then press Open the need.", "help")
        self.open_need_button.clicked.connect(self.open_selected_need)
        column.addWidget(flow_row(self.open_need_button, self.open_need_note))
        self.needs_model = NeedsModel(self.ctx.today(), self)
        self.needs_table = words_table(self.needs_model, "The club's needs, soonest first")
        # Kept here: a delegate whose Python side is collected stops painting its way.
        self._needs_titles = TitleFirstDelegate(self.needs_table)
        self.needs_table.setItemDelegateForColumn(0, self._needs_titles)
        self.needs_table.activated.connect(self._need_activated)
        self.needs_table.selectionModel().selectionChanged.connect(self._update_buttons)
        column.addWidget(self.needs_table)

    def _build_people(self, column: QVBoxLayout) -> None:
        column.addWidget(
            label(
                "Everyone who has said what they can do, what they would like to learn or "
                "when they are usually free, by name. Skills belong to everyone, members "
                "and carers too.",
                "help",
            )
        )
        self.skill_filter = ChoiceCombo(chars=20)
        self.skill_filter.set_choices([("Everyone", None)])
        self.skill_filter_box = Labelled("Show the people with this skill", self.skill_filter)
        self.skill_filter.currentIndexChanged.connect(self._skill_chosen)
        self.print_directory_button = BigButton("Print the skills directory", variant="secondary")
        self.print_directory_button.clicked.connect(self.print_directory)
        column.addWidget(flow_row(self.skill_filter_box, self.print_directory_button))
        if not self.sees_contacts:
            column.addWidget(
                label("Phone numbers and email addresses are for the coordinator only.", "help")
            )
        self.directory_count_label = label(role="label")
        column.addWidget(self.directory_count_label)
        self.open_person_button = BigButton("Open the person's skills", variant="secondary")
        self.open_person_note = label(
            "Choose a person in the list, then press Open the person's skills.", "help"
        )
        self.open_person_button.clicked.connect(self.open_selected_person)
        column.addWidget(flow_row(self.open_person_button, self.open_person_note))
        self.directory_model = DirectoryModel(self)
        self.directory_table = words_table(self.directory_model, "Who can do what, by name")
        self.directory_table.activated.connect(self._person_activated)
        self.directory_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.directory_table.installEventFilter(self)
        column.addWidget(self.directory_table)

    def _build_checks(self, column: QVBoxLayout) -> None:
        self.checks_label = label(role="subheading")
        column.addWidget(self.checks_label)
        column.addWidget(
            label(
                "Each person's latest DBS check, certificates, registration and insurance "
                "that ran out or run out soon, the one that ran out longest ago first. "
                "Choose one and press Open the person's checks to renew it.",
                "help",
            )
        )
        self.print_checks_button = BigButton("Print the checks due", variant="secondary")
        self.print_checks_button.clicked.connect(self.print_checks)
        self.open_check_button = BigButton("Open the person's checks", variant="secondary")
        self.open_check_note = label(
            "Choose a check in the list, then press Open the person's checks.", "help"
        )
        self.open_check_button.clicked.connect(self.open_selected_check)
        column.addWidget(
            flow_row(self.open_check_button, self.open_check_note, self.print_checks_button)
        )
        self.checks_model = ChecksModel(self)
        self.checks_table = words_table(self.checks_model, "Checks that ran out or run out soon")
        self.checks_table.activated.connect(self._check_activated)
        self.checks_table.selectionModel().selectionChanged.connect(self._update_buttons)
        column.addWidget(self.checks_table)

    def _build_hours(self, column: QVBoxLayout) -> None:
        self.period_buttons: dict[str, SwitchButton] = {}
        self._period_group = QButtonGroup(self)
        for key, words in (
            ("this_month", "This month"),
            ("last_month", "Last month"),
            ("this_year", "This financial year"),
            ("last_year", "Last financial year"),
        ):
            button = SwitchButton(words)
            button.clicked.connect(lambda _=False, k=key: self.show_period(k))
            self._period_group.addButton(button)
            self.period_buttons[key] = button
        self.period_buttons[self._period_key].setChecked(True)
        column.addWidget(flow_row(*self.period_buttons.values()))
        self.period_label = label(role="subheading")
        column.addWidget(self.period_label)
        self.totals_label = label(role="large")
        column.addWidget(self.totals_label)
        self.value_label = label()
        column.addWidget(self.value_label)
        self.log_hours_button = BigButton("Log hours")
        self.log_hours_button.setVisible(self.can_log)
        self.log_hours_button.clicked.connect(self.log_hours)
        column.addWidget(flow_row(self.log_hours_button))

        self.by_person_heading = label("By person, most hours first", "subheading")
        column.addWidget(self.by_person_heading)
        self.person_hours_model = PersonHoursModel(self)
        self.person_hours_table = words_table(self.person_hours_model, "Hours by person")
        self.person_hours_table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        column.addWidget(self.person_hours_table)
        self.by_month_heading = label("By month", "subheading")
        column.addWidget(self.by_month_heading)
        self.month_hours_model = MonthHoursModel(self)
        self.month_hours_table = words_table(self.month_hours_model, "Hours by month")
        self.month_hours_table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        column.addWidget(self.month_hours_table)

        self.log_heading = label("Every entry, newest first", "subheading")
        column.addWidget(self.log_heading)
        self.remove_hours_button = BigButton("Remove these hours", variant="danger")
        self.remove_hours_note = label(
            "To take off hours logged by mistake, choose them in the list, then press "
            "Remove these hours.",
            "help",
        )
        self.remove_hours_button.clicked.connect(self.remove_selected_hours)
        self.remove_row = flow_row(self.remove_hours_button, self.remove_hours_note)
        self.remove_row.setVisible(self.can_log)
        column.addWidget(self.remove_row)
        # Why hours could not be removed (a volunteer's own, logged days ago).
        self.remove_hours_error = label(role="error")
        self.remove_hours_error.hide()
        column.addWidget(self.remove_hours_error)
        self.hours_model = HoursLogModel(self)
        self.hours_table = words_table(self.hours_model, "Hours given, newest first")
        if not self.can_log:
            self.hours_table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        self.hours_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.hours_table.selectionModel().selectionChanged.connect(
            lambda *_: self.remove_hours_error.hide()
        )
        column.addWidget(self.hours_table)

    def _build_rota(self, column: QVBoxLayout) -> None:
        self.previous_month_button = BigButton("Previous month", variant="secondary")
        self.month_label = label(role="subheading")
        self.next_month_button = BigButton("Next month", variant="secondary")
        self.previous_month_button.clicked.connect(lambda: self.move_month(-1))
        self.next_month_button.clicked.connect(lambda: self.move_month(+1))
        column.addWidget(self.month_label)
        column.addWidget(flow_row(self.previous_month_button, self.next_month_button))
        self.rota_label = label(role="label")
        column.addWidget(self.rota_label)
        self.open_rota_button = BigButton("Open the need", variant="secondary")
        self.open_rota_note = label("Choose a line in the rota, then press Open the need.", "help")
        self.open_rota_button.clicked.connect(self.open_selected_rota_need)
        self.print_rota_button = BigButton("Print the rota", variant="secondary")
        self.print_rota_button.clicked.connect(self.print_rota)
        column.addWidget(
            flow_row(self.open_rota_button, self.open_rota_note, self.print_rota_button)
        )
        self.rota_model = RotaModel(self)
        self.rota_table = words_table(self.rota_model, "The month's rota, day by day")
        self._rota_titles = TitleFirstDelegate(self.rota_table)
        self.rota_table.setItemDelegateForColumn(1, self._rota_titles)
        self.rota_table.activated.connect(self._rota_activated)
        self.rota_table.selectionModel().selectionChanged.connect(self._update_buttons)
        column.addWidget(self.rota_table)

    def _build_skills(self, column: QVBoxLayout) -> None:
        self.skills_count_label = label(role="label")
        column.addWidget(self.skills_count_label)
        self.new_skill_box = SearchBox(chars=24)
        self.new_skill_box.setMaxLength(skills.SKILL_NAME_MAX)
        self.new_skill_field = Labelled("A new skill", self.new_skill_box)
        self.add_skill_button = BigButton("Add skill")
        self.add_skill_button.clicked.connect(self.add_skill)
        self.new_skill_box.returnPressed.connect(self.add_skill)
        self.add_row = flow_row(self.new_skill_field, self.add_skill_button)
        self.add_skill_error = label(role="error")
        self.add_skill_error.hide()

        # Renaming and removing the skill chosen in the list: always in the same place,
        # above the list, so choosing a skill moves nothing.
        self.change_skill_note = label(
            "To rename or remove a skill, choose it in the list below.", "help"
        )
        self.rename_box = SearchBox(chars=24)
        self.rename_box.setMaxLength(skills.SKILL_NAME_MAX)
        self.rename_field = Labelled(NO_SKILL_CHOSEN, self.rename_box)
        self.rename_button = BigButton("Rename skill")
        self.rename_button.clicked.connect(self.rename_skill)
        self.rename_box.returnPressed.connect(self.rename_skill)
        self.remove_skill_button = BigButton("Remove skill", variant="danger")
        self.remove_skill_button.clicked.connect(self.remove_skill)
        self.change_row = flow_row(self.rename_field, self.rename_button, self.remove_skill_button)
        self.skill_error = label(role="error")
        self.skill_error.hide()

        self.change_box = QWidget()
        change = QVBoxLayout(self.change_box)
        change.setContentsMargins(0, 0, 0, 0)
        change.setSpacing(16)
        for widget in (
            self.add_row,
            self.add_skill_error,
            self.change_skill_note,
            self.change_row,
            self.skill_error,
        ):
            change.addWidget(widget)
        self.change_box.setVisible(self.can_edit)
        column.addWidget(self.change_box)

        self.skills_model = SkillsModel(self)
        self.skills_table = words_table(self.skills_model, "The club's skills, by name")
        if not self.can_edit:
            self.skills_table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        self.skills_table.selectionModel().selectionChanged.connect(self._skill_row_chosen)
        column.addWidget(self.skills_table)

    # ------------------------------------------------------------ which part shows

    def after_load(self, key: str) -> None:
        self._update_buttons()

    # ---- needs

    def _load_needs(self) -> None:
        chosen = self._chosen_id(self.needs_table)
        rows = self.ctx.read(needs.needs, self.ctx.today(), statuses=self._need_statuses)
        self.needs_model.today = self.ctx.today()
        self.needs_model.set_rows(rows)
        self.needs_table.setVisible(bool(rows))
        n = len(rows)
        if self._need_statuses == NEED_FILTERS[0][1]:
            if n:
                text = f"{count_words(n, 'need', 'needs')} still to do, soonest first."
            elif self.can_edit:
                text = "No needs still to do. Press Add a need to add one."
            else:
                text = "No needs still to do."
        else:
            text = (
                f"{count_words(n, 'need', 'needs')} done or cancelled."
                if n
                else "No needs are done or cancelled yet."
            )
        self.needs_count_label.setText(text)
        self._select(self.needs_table, self.needs_model.row_of(chosen) if chosen else -1)

    def show_needs(self, statuses: tuple[str, ...]) -> None:
        """List the needs still to do, or those done or cancelled."""
        self._need_statuses = statuses
        for button, (_w, s) in zip(self.need_filters, NEED_FILTERS, strict=True):
            if s == statuses:
                button.setChecked(True)
        self._load("needs")

    # ---- who can do what

    def _load_people(self) -> None:
        skill_rows = self.ctx.read(skills.skills)
        known = [(row.name, row.skill_id) for row in skill_rows]
        if known != self._skills_known:
            self._skills_known = known
            self.skill_filter.blockSignals(True)
            self.skill_filter.set_choices([("Everyone", None), *known])
            self.skill_filter.blockSignals(False)
        self._load_directory()

    def _load_directory(self) -> None:
        chosen = self._chosen_id(self.directory_table)
        skill_id = self.skill_filter.value()
        rows = self.ctx.read(skills.directory, skill_id)
        self.directory_model.set_rows(rows)
        self.directory_table.setVisible(bool(rows))
        self._fit_person_column()
        n = len(rows)
        if skill_id is None:
            text = (
                f"{count_words(n, 'person', 'people')}, by name."
                if n
                else "Nobody has said what they can do yet."
            )
        else:
            skill = skills.skill_words(self.skill_filter.currentText())
            if n:
                verb = "can do or is learning" if n == 1 else "can do or are learning"
                text = f"{count_words(n, 'person', 'people')} {verb} {skill}."
            else:
                text = f"Nobody has said they can do {skill} yet."
        self.directory_count_label.setText(text)
        self._select(self.directory_table, self.directory_model.row_of(chosen) if chosen else -1)
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.directory_table and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
        ):
            self._fit_person_column()
        return super().eventFilter(watched, event)

    def _fit_person_column(self) -> None:
        """The Person column as wide as its widest unbreakable word (a phone number at
        200 %), if that is more than its share; never more than half the table."""
        table = self.directory_table
        model = self.directory_model
        header = table.horizontalHeader()
        fm = QFontMetrics(table.font())
        padding = theme.scaled_px(2 * 8 + 12, theme.current_scale())
        widest = max(
            (
                fm.horizontalAdvance(word)
                for row in range(model.rowCount())
                for word in _WRAPS.split(str(model.index(row, 0).data() or ""))
            ),
            default=0,
        )
        available = table.viewport().width()
        wanted = min(widest + padding, available // 2)
        if available <= 0 or wanted <= available // model.columnCount():
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            return
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        if header.sectionSize(0) != wanted:
            header.resizeSection(0, wanted)

    def _skill_chosen(self, _index: int) -> None:
        try:
            self._load_directory()
        except SERVICE_ERRORS as exc:
            self.directory_count_label.setText(str(exc))

    # ---- checks

    def _load_checks(self) -> None:
        if not self.sees_checks:
            return
        chosen = self._chosen_id(self.checks_table)
        rows = self.ctx.read(checks.checks_due, self.ctx.today())
        days = rows[0].warning_days if rows else self.ctx.db.run(club.get_int, "check_warning_days")
        self.checks_label.setText(checks_summary(rows, days))
        self.checks_model.set_rows(rows)
        self.checks_table.setVisible(bool(rows))
        self._select(self.checks_table, self.checks_model.row_of(chosen) if chosen else -1)

    # ---- hours

    def periods(self) -> dict[str, Period]:
        """This month, last month, this financial year and last, from today."""
        today = self.ctx.today()
        this_first, this_last = month_span(today.year, today.month)
        last_first, last_last = month_span(*month_after(today.year, today.month, -1))
        year = self.ctx.read(years.current_year, today)
        before = year.previous()
        return {
            "this_month": Period("this_month", "This month", this_first, this_last),
            "last_month": Period("last_month", "Last month", last_first, last_last),
            "this_year": Period(
                "this_year", f"This financial year, {year.name}", year.starts, year.ends
            ),
            "last_year": Period(
                "last_year", f"Last financial year, {before.name}", before.starts, before.ends
            ),
        }

    def _load_hours(self) -> None:
        period = self.periods()[self._period_key]
        totals = self.ctx.read(volunteer_hours.totals, period.starts, period.ends)
        log = self.ctx.read(volunteer_hours.hours_log, period.starts, period.ends)
        self.period_label.setText(f"{period.words}: {period.span_words}")
        given, worth = totals_words(totals)
        self.totals_label.setText(given)
        self.value_label.setText(worth)
        self.value_label.setVisible(bool(worth))
        self.person_hours_model.set_rows(totals.by_person)
        self.month_hours_model.set_rows(totals.by_month)
        chosen = self._chosen_id(self.hours_table)
        self.hours_model.set_rows(log)
        some = bool(log)
        for widget in (
            self.by_person_heading,
            self.person_hours_table,
            self.log_heading,
            self.hours_table,
        ):
            widget.setVisible(some)
        # One month's figures are the totals above: the list is for periods of several.
        months = len(totals.by_month) > 1
        self.by_month_heading.setVisible(months)
        self.month_hours_table.setVisible(months)
        self.remove_row.setVisible(some and self.can_log)
        self._select(self.hours_table, self.hours_model.row_of(chosen) if chosen else -1)

    def show_period(self, key: str) -> None:
        """Show the hours for "this_month", "last_month", "this_year" or "last_year"."""
        self._period_key = key
        self.period_buttons[key].setChecked(True)
        self.remove_hours_error.hide()
        self._load("hours")

    # ---- rota

    def _load_rota(self) -> None:
        year, month = self._rota_month
        rota = self.ctx.read(needs.rota, year, month)
        self.month_label.setText(rota.title_words)
        self.previous_month_button.setText(
            f"Previous month: {month_words(*month_after(year, month, -1))}"
        )
        self.next_month_button.setText(f"Next month: {month_words(*month_after(year, month, 1))}")
        self.rota_model.set_rows(rota.lines)
        self.rota_table.setVisible(bool(rota.lines))
        if rota.lines:
            short = sum(1 for line in rota.lines if line.still_wanted)
            things = count_words(len(rota.lines), "thing", "things")
            text = f"{things} on the rota in {rota.title_words}, by day"
            text += (
                f"; {count_words(short, 'still wants', 'still want')} more people."
                if short
                else "; every one has enough people."
            )
        else:
            text = f"Nothing is on the rota for {rota.title_words}."
        self.rota_label.setText(text)
        self.rota_table.clearSelection()

    def move_month(self, step: int) -> None:
        """Show the rota of the month before (-1) or after (+1)."""
        self._rota_month = month_after(*self._rota_month, step)
        self._load("rota")

    def rota_month(self) -> tuple[int, int]:
        return self._rota_month

    # ---- the skills list

    def _load_skills(self) -> None:
        chosen = self._chosen_id(self.skills_table)
        rows = self.ctx.read(skills.skills)
        self.skills_model.set_rows(rows)
        self.skills_table.setVisible(bool(rows))
        self.skills_count_label.setText(
            f"{count_words(len(rows), 'skill', 'skills')} on the club's list, by name."
            if rows
            else "The club's list of skills is empty."
        )
        self._select(self.skills_table, self.skills_model.row_of(chosen) if chosen else -1)
        self._skill_row_chosen()

    # ------------------------------------------------------------ choosing

    @staticmethod
    def _select(table: QTableView, row: int) -> None:
        if row < 0:
            table.clearSelection()
        else:
            table.selectRow(row)

    @staticmethod
    def _chosen_id(table: QTableView) -> int | None:
        rows = table.selectionModel().selectedRows()
        return int(rows[0].data(Qt.ItemDataRole.UserRole)) if rows else None

    def selected_need_id(self) -> int | None:
        return self._chosen_id(self.needs_table)

    def selected_person_id(self) -> int | None:
        return self._chosen_id(self.directory_table)

    def selected_check_id(self) -> int | None:
        return self._chosen_id(self.checks_table) if self.sees_checks else None

    def selected_hours_id(self) -> int | None:
        return self._chosen_id(self.hours_table)

    def selected_skill_id(self) -> int | None:
        return self._chosen_id(self.skills_table)

    def _update_buttons(self, *_args: object) -> None:
        pairs: list[tuple[BigButton, QLabel, QTableView]] = [
            (self.open_need_button, self.open_need_note, self.needs_table),
            (self.open_person_button, self.open_person_note, self.directory_table),
            (self.open_rota_button, self.open_rota_note, self.rota_table),
        ]
        if self.sees_checks:
            pairs.append((self.open_check_button, self.open_check_note, self.checks_table))
        for button, note, table in pairs:
            chosen = self._chosen_id(table) is not None
            rows = table.model().rowCount() > 0
            button.setEnabled(chosen)
            button.setVisible(rows)
            note.setVisible(rows and not chosen)
        hours = self.selected_hours_id() is not None
        self.remove_hours_button.setEnabled(hours)
        self.remove_hours_note.setVisible(not hours)

    def renaming(self) -> bool:
        """Words are typed in the rename box for the skill chosen, not saved yet."""
        return self._rename_for is not None and self.rename_box.text() != self._rename_name

    def _skill_row_chosen(self, *_args: object) -> None:
        chosen = self.selected_skill_id()
        row = self.skills_model.row_of(chosen) if chosen is not None else -1
        has = row >= 0
        for widget in (self.rename_box, self.rename_button, self.remove_skill_button):
            widget.setEnabled(has)
        self.change_skill_note.setVisible(not has)
        name = self.skills_model.row_at(row).name if has else ""
        same = has and chosen == self._rename_for
        if not same:
            self.skill_error.hide()
        # The list read again (another skill added, say): what is typed stays.
        if not (same and self.renaming()):
            self.rename_box.setText(name)
        self._rename_for = chosen if has else None
        self._rename_name = name
        words = f"New name for {name}" if has else NO_SKILL_CHOSEN
        self.rename_field.label.setText(words)
        self.rename_box.setAccessibleName(words)
        self.remove_skill_button.setText(f"Remove {name}" if has else "Remove skill")

    # ------------------------------------------------------------ opening things

    def open_need(self, need_id: int) -> None:
        from clubapp.ui.pages.need import NeedPage

        self.ctx.navigator.push(NeedPage(self.ctx, need_id))

    def open_selected_need(self) -> None:
        need_id = self.selected_need_id()
        if need_id is not None:
            self.open_need(need_id)

    def _need_activated(self, index: QModelIndex) -> None:
        need_id = index.data(Qt.ItemDataRole.UserRole)
        if need_id is not None:
            self.open_need(int(need_id))

    def add_need(self) -> None:
        from clubapp.ui.pages.need_form import NeedFormPage

        self.ctx.navigator.push(NeedFormPage(self.ctx, None, saved=self._need_saved))

    def _need_saved(self, need_id: int) -> None:
        """A new need is listed and chosen, and its page opens to find people for it."""
        self.show_needs(NEED_FILTERS[0][1])
        self._select(self.needs_table, self.needs_model.row_of(need_id))
        self.open_need(need_id)

    def open_person(self, person_id: int, part: str = "") -> None:
        """The person's skills and time; ``part`` ("checks") shows that part of it."""
        from clubapp.ui.pages.person_skills import PersonSkillsPage

        page = PersonSkillsPage(self.ctx, person_id)
        self.ctx.navigator.push(page)
        show_part = getattr(page, "show_part", None)
        if part and show_part is not None:
            show_part(part)

    def open_selected_person(self) -> None:
        person_id = self.selected_person_id()
        if person_id is not None:
            self.open_person(person_id)

    def _person_activated(self, index: QModelIndex) -> None:
        person_id = index.data(Qt.ItemDataRole.UserRole)
        if person_id is not None:
            self.open_person(int(person_id))

    def _check_person(self, check_id: int) -> int | None:
        row = self.checks_model.row_of(check_id)
        return self.checks_model.row_at(row).person_id if row >= 0 else None

    def open_selected_check(self) -> None:
        check_id = self.selected_check_id()
        person_id = self._check_person(check_id) if check_id is not None else None
        if person_id is not None:
            self.open_person(person_id, "checks")

    def _check_activated(self, index: QModelIndex) -> None:
        check_id = index.data(Qt.ItemDataRole.UserRole)
        person_id = self._check_person(int(check_id)) if check_id is not None else None
        if person_id is not None:
            self.open_person(person_id, "checks")

    def open_selected_rota_need(self) -> None:
        need_id = self._chosen_id(self.rota_table)
        if need_id is not None:
            self.open_need(need_id)

    def _rota_activated(self, index: QModelIndex) -> None:
        need_id = index.data(Qt.ItemDataRole.UserRole)
        if need_id is not None:
            self.open_need(int(need_id))

    # ------------------------------------------------------------ hours

    def log_hours(self) -> None:
        from clubapp.ui.pages.hours_form import HoursFormPage

        # Saving announces the change: the room reloads its hours when shown again.
        self.ctx.navigator.push(HoursFormPage(self.ctx))

    def remove_selected_hours(self) -> None:
        hours_id = self.selected_hours_id()
        if hours_id is None:
            return
        row = self.hours_model.row_at(self.hours_model.row_of(hours_id))
        what = f" for {row.what}" if row.what else ""
        question = (
            f"Remove {row.name}'s {hours_words(row.minutes)} on "
            f"{long_date(row.on_date)}{what}? They will no longer count in the totals."
        )
        if not ask_to_confirm(
            self, "Remove hours", question, "Yes, remove these hours", danger=True
        ):
            return
        self.remove_hours_error.hide()
        try:
            self.ctx.run(volunteer_hours.remove_hours, hours_id, changed=VOLUNTEERS)
        except SERVICE_ERRORS as exc:
            self._show_error(self.remove_hours_error, exc)

    # ------------------------------------------------------------ the skills list

    def add_skill(self) -> None:
        if not self.can_edit:
            return
        self.add_skill_error.hide()
        renaming = self.renaming()
        try:
            skill_id = self.ctx.run(skills.add_skill, self.new_skill_box.text(), changed=VOLUNTEERS)
        except SERVICE_ERRORS as exc:
            self._show_error(self.add_skill_error, exc)
            return
        self.new_skill_box.clear()
        # The new skill is chosen, ready to rename, unless a new name is being typed for
        # the skill chosen: then that stays chosen, with the words typed.
        if not renaming:
            self._select(self.skills_table, self.skills_model.row_of(skill_id))

    def rename_skill(self) -> None:
        skill_id = self.selected_skill_id()
        if skill_id is None or not self.can_edit:
            return
        self.skill_error.hide()
        try:
            self.ctx.run(skills.rename_skill, skill_id, self.rename_box.text(), changed=VOLUNTEERS)
        except SERVICE_ERRORS as exc:
            self._show_error(self.skill_error, exc)
            return
        self._select(self.skills_table, self.skills_model.row_of(skill_id))

    def remove_skill(self) -> None:
        skill_id = self.selected_skill_id()
        if skill_id is None or not self.can_edit:
            return
        name = self.skills_model.row_at(self.skills_model.row_of(skill_id)).name
        self.skill_error.hide()
        if not ask_to_confirm(
            self,
            "Remove a skill",
            f"Remove {name} from the club's list of skills?",
            f"Yes, remove {name}",
            danger=True,
        ):
            return
        try:
            self.ctx.run(skills.remove_skill, skill_id, changed=VOLUNTEERS)
        except SERVICE_ERRORS as exc:
            self._show_error(self.skill_error, exc)

    @staticmethod
    def _show_error(where: QLabel, exc: Exception) -> None:
        if isinstance(exc, ValidationError) and exc.errors:
            where.setText(" ".join(exc.errors.values()))
        else:
            where.setText(str(exc))
        where.show()

    # ------------------------------------------------------------ printing

    def print_directory(self) -> None:
        from clubapp.services import volunteer_printouts

        ctx = self.ctx
        today = ctx.today()
        ctx.navigator.show_pdf(
            "Skills directory",
            lambda: ctx.read(volunteer_printouts.skills_directory, today),
            f"skills-directory-{today.isoformat()}.pdf",
        )

    def print_checks(self) -> None:
        from clubapp.services import volunteer_printouts

        ctx = self.ctx
        today = ctx.today()
        ctx.navigator.show_pdf(
            "Checks due",
            lambda: ctx.read(volunteer_printouts.checks_due, today),
            f"checks-due-{today.isoformat()}.pdf",
        )

    def print_rota(self) -> None:
        from clubapp.services import volunteer_printouts

        ctx = self.ctx
        today = ctx.today()
        year, month = self._rota_month
        ctx.navigator.show_pdf(
            f"Rota for {month_words(year, month)}",
            lambda: ctx.read(volunteer_printouts.rota, year, month, today),
            f"rota-{year}-{month:02d}.pdf",
        )

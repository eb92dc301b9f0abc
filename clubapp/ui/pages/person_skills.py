"""A person's skills and time: what they can do and would like to learn, the parts of the
week they are usually free, the dates they are away, their checks, and the hours they
have given this financial year.

Open it with ``ctx.navigator.push(PersonSkillsPage(ctx, person_id))``; a person's record
shows an `OfferSummary` (one line of words and a button) that does so. The page shows one
part at a time, chosen with big switch buttons, as the Grants room does.

The coordinator (``volunteers.edit``) changes everything: a level for each skill on the
club's list, chosen with big buttons rather than a drop-down (a shaky hand hits a big
button more easily than a row of a list), and a tick for "Happy to use it at the club";
a week grid of 21 big buttons that each say their part ("Morning: free"). Skills and free
times are saved with their own buttons, kept in view under the part; leaving with changes
that are not saved asks first, and a refresh (someone saved something elsewhere) never
throws them away. Dates away and checks are saved one at a time, as they are added. Other roles
see the same in plain words. Checks are shown only to the coordinator and the committee
(``checks.see``); a certificate number only when the service gives it (the coordinator).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from clubapp.models.volunteers import CHECK_KINDS, DAY_PARTS, DBS_LEVELS, SKILL_LEVELS
from clubapp.services import checks, members, skills, volunteer_hours, years
from clubapp.services.checks import CHECK_WORDS, DBS_LEVEL_WORDS, CheckInput, CheckRow
from clubapp.services.dates import WEEKDAY_WORDS, long_date
from clubapp.services.errors import NotFound, ValidationError
from clubapp.services.skills import (
    HELD_LEVELS,
    LEVEL_WORDS,
    PART_WORDS,
    AwayRow,
    Offer,
    SkillChoice,
    SkillRow,
)
from clubapp.services.volunteer_hours import HoursRow, hours_words
from clubapp.services.words import and_words
from clubapp.ui.context import PEOPLE, VOLUNTEERS, AppContext
from clubapp.ui.pages.base import Page, hidden_part
from clubapp.ui.pages.committee import label, words_table
from clubapp.ui.pages.form_page import FormPage, scroll_into_view
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.tablemodels.rows import RowsModel
from clubapp.ui.widgets.buttons import BigButton, SwitchButton
from clubapp.ui.widgets.choosers import ChoiceCombo, OptionalDate
from clubapp.ui.widgets.dates import IN_WORDS, DateEdit, bad_dates
from clubapp.ui.widgets.flow import FlowBox, flow_row
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.inputs import BigCheck, TextBox
from clubapp.ui.widgets.messages import ask_to_confirm

#: The first choice of every skill: the person has said nothing about it.
NOT_GIVEN = "Not given"
FREE = "free"
NOT_FREE = "not free"
HAPPY = "Happy to use it at the club"
#: The page's heading; whose page it is shows large, first in the page.
HEADING = "Skills & time"
#: How many of a person's skills the one-line summary names before "and 2 more".
SUMMARY_SKILLS = 3
#: A check's state, as the deadline lines of the Grants room show urgency (app.qss).
STATE_URGENCY = {"expired": "overdue", "due": "soon", "valid": "later"}

HELP_EDIT = (
    "This page shows what one person offers the club. The big buttons at the top show "
    "one part at a time. Skills: for each skill on the club's list, press how well they "
    "can do it, and tick whether they are happy to use it at the club; then press Save "
    "skills. With the keyboard, the arrow keys choose a skill's level and Tab goes on to "
    "the next skill. Free times: press a part of a day to mark it free or not free, then press "
    "Save free times. Dates away: type the first and last day they are away and press Add "
    "these dates away; dates that have passed are not listed. Checks: add, change or remove their DBS check, insurance and "
    "certificates. Hours given: the time they have given the club this financial year."
)
HELP_VIEW = (
    "This page shows what one person offers the club: their skills, when they are "
    "usually free, the dates they are away, and the hours they have given this financial "
    "year. Only the coordinator can change it. Press Back to return."
)


# ---------------------------------------------------------------- words


def _lower_first(text: str) -> str:
    """ "Can do cooking" -> "can do cooking": the words start with a level, never a name."""
    return text[:1].lower() + text[1:]


def offer_words(offer: Offer) -> str:
    """One line about what a person offers: "Can teach music making, can do cooking.
    Free on Wednesday afternoons." """
    sentences = []
    if offer.skills:
        named = [offer.skills[0].words] + [_lower_first(s.words) for s in offer.skills[1:]]
        shown = named[:SUMMARY_SKILLS]
        more = len(named) - len(shown)
        if more:
            shown.append(f"{more} more skill{'s' if more != 1 else ''}")
            sentences.append(f"{', '.join(shown[:-1])} and {shown[-1]}.")
        else:
            sentences.append(f"{', '.join(shown)}.")
    elif offer.to_learn:
        names = [skills.skill_words(s.name) for s in offer.to_learn]
        sentences.append(f"Would like to learn {and_words(names[:SUMMARY_SKILLS])}.")
    if offer.free:
        sentences.append(offer.free_words)
    return " ".join(sentences) or "No skills or free times given yet."


def since_words(starts: date) -> str:
    """ "this financial year (from 1 April 2026)"."""
    return f"this financial year (from {long_date(starts, weekday=False)})"


# ---------------------------------------------------------------- one skill


class LevelButton(SwitchButton):
    """One of a skill's levels: a big button, chosen like a radio button (one at a time).
    Its accessible name says which skill it is for ("Music making: Can do").

    A skill's five levels are one Tab stop, the level chosen, as a group of radio buttons
    is: the arrow keys move to the level before or after and choose it, and Tab goes on
    to the next skill (17 stops for 17 skills rather than 85)."""

    def __init__(self, skill_name: str, level: str, words: str, parent: QWidget | None = None):
        super().__init__(words, parent)
        self.level = level
        self.setAccessibleName(f"{skill_name}: {words}")
        self.toggled.connect(self._sync_tab_stop)

    def _levels(self) -> list[LevelButton]:
        group = self.group()
        if group is None:
            return [self]
        return [b for b in group.buttons() if isinstance(b, LevelButton)]

    def _sync_tab_stop(self, _checked: bool = False) -> None:
        """Only the chosen level is a Tab stop; the others take focus by mouse or arrow."""
        for button in self._levels():
            button.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if button.isChecked() else Qt.FocusPolicy.ClickFocus
            )

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt name)
        # Qt gives the Tab stop of a button group to the button with the focus; keep it
        # on the level chosen, so Shift+Tab back into the skill lands on that level.
        super().focusInEvent(event)
        self._sync_tab_stop()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        step = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Down: 1,
        }.get(Qt.Key(event.key()))
        if step is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        levels = self._levels()
        index = min(len(levels) - 1, max(0, levels.index(self) + step))
        target = levels[index]
        if target is not self:
            target.click()  # chosen, as a radio button is, and the heading says so
            target.setFocus(
                Qt.FocusReason.TabFocusReason if step > 0 else Qt.FocusReason.BacktabFocusReason
            )
        event.accept()


class SkillEditor(QFrame):
    """One skill on the club's list, for one person: its name and the level chosen in
    words, a row of big level buttons, and the tick "Happy to use it at the club" (shown
    for the levels at which a person can be asked: can do, can teach others)."""

    changed = Signal()

    def __init__(self, skill: SkillRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.skill_id = skill.skill_id
        self.name = skill.name
        self.setObjectName("skill-editor")
        self.setFrameShape(QFrame.Shape.Box)
        self.heading = label(skill.name, "label", self)
        self.buttons: dict[str, LevelButton] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        # Close together (as the week grid is), so at 200 % text a skill's name, its levels
        # and its tick fit in the part of the page that scrolls, above the save button.
        box = FlowBox(self, spacing=8)
        for level, words in (("", NOT_GIVEN), *((lv, LEVEL_WORDS[lv]) for lv in SKILL_LEVELS)):
            button = LevelButton(skill.name, level, words)
            box.add_widget(button)
            self.group.addButton(button)
            self.buttons[level] = button
            button.clicked.connect(self._chosen)
        self.happy = BigCheck(HAPPY, self)
        self.happy.setAccessibleName(f"{skill.name}: {HAPPY}")
        self.happy.setChecked(True)
        self.happy.clicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(box)
        layout.addWidget(self.happy)
        self.buttons[""].setChecked(True)
        self.buttons[""]._sync_tab_stop()
        self._show_level()

    def level(self) -> str:
        """The level chosen: "" (not given) or one of SKILL_LEVELS."""
        button = self.group.checkedButton()
        return button.level if isinstance(button, LevelButton) else ""

    def set_level(self, level: str, happy: bool = True) -> None:
        self.buttons.get(level, self.buttons[""]).setChecked(True)
        self.happy.setChecked(happy)
        self._show_level()

    def choice(self) -> SkillChoice | None:
        level = self.level()
        if not level:
            return None
        return SkillChoice(self.skill_id, level, self.happy.isChecked())

    def words(self) -> str:
        """ "Music making: Can do, happy to use it at the club"."""
        level = self.level()
        if not level:
            return f"{self.name}: {NOT_GIVEN}"
        text = f"{self.name}: {LEVEL_WORDS[level]}"
        if level in HELD_LEVELS:
            happy = self.happy.isChecked()
            text += ", happy to use it at the club" if happy else ", would rather not at the club"
        return text

    def _chosen(self) -> None:
        self._show_level()
        self.changed.emit()

    def _show_level(self) -> None:
        self.heading.setText(self.words())
        self.happy.setVisible(self.level() in HELD_LEVELS)


# ---------------------------------------------------------------- the week grid


class SlotButton(BigButton):
    """One part of one day that says which part it is, even when the day's name is out of
    view: "Morning: free" (filled, bold) or "Morning: not free". Its accessible name adds
    the day: "Monday, Morning: free". Where the week is narrow (large text) the words take
    two lines, "Afternoon:" over "not free" (``set_two_lines``)."""

    def __init__(self, weekday: int, part: str, parent: QWidget | None = None) -> None:
        super().__init__("", parent, variant="secondary")
        self.weekday = weekday
        self.part = part
        self.two_lines = False
        self.setCheckable(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.toggled.connect(self._show)
        self._show(False)

    def words(self, free: bool, two_lines: bool | None = None) -> str:
        """ "Morning: free", or on two lines "Morning:\\nfree"."""
        two = self.two_lines if two_lines is None else two_lines
        between = "\n" if two else " "
        return f"{PART_WORDS[self.part]}:{between}{FREE if free else NOT_FREE}"

    def set_two_lines(self, two: bool) -> None:
        if two != self.two_lines:
            self.two_lines = two
            self._show(self.isChecked())
            self.updateGeometry()

    def _show(self, free: bool) -> None:
        self.setText(self.words(free))
        # The visible words, whole, inside the name (a screen reader says what is seen).
        self.setAccessibleName(f"{WEEKDAY_WORDS[self.weekday]}, {self.words(free, False)}")

    def width_for(self, two_lines: bool) -> int:
        """The width the button asks for with its words on one line or on two: as wide
        as the longer words ("free" is bold), so the grid does not move on a press."""
        hint = super().sizeHint()
        now = QFontMetrics(self.font()).size(0, self.text()).width()
        widest = 0
        for free in (True, False):
            font = QFont(self.font())
            font.setBold(free)
            widest = max(widest, QFontMetrics(font).size(0, self.words(free, two_lines)).width())
        return hint.width() - now + widest + 2

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self.width_for(self.two_lines), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.sizeHint()


#: How the week is laid out, widest first: each day's name beside its three buttons;
#: the name above them; the name above them with the buttons' words on two lines.
BESIDE, ABOVE, TWO_LINES = "beside", "above", "two lines"


class FreeTimesGrid(QWidget):
    """Seven days down, morning, afternoon and evening across: 21 big buttons, each saying
    its part. Where the week does not fit beside the days' names (large text), each name
    goes above its day's buttons, and if need be the buttons' words take two lines, so
    nothing is cut and nothing scrolls sideways (``arrangement``). The arrow keys move
    between the buttons; Space or Enter marks the part free or not free."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[tuple[int, str], SlotButton] = {}
        self.day_labels: list[QLabel] = []
        self.arrangement = ""
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        # 8 px across, so the week fits beside the rail at large text; 16 between days.
        self._grid.setHorizontalSpacing(8)
        for weekday, day in enumerate(WEEKDAY_WORDS):
            self.day_labels.append(label(day, "label", self))
            for part in DAY_PARTS:
                button = SlotButton(weekday, part, self)
                button.clicked.connect(self.changed)
                button.installEventFilter(self)
                self.buttons[(weekday, part)] = button
        self._arrange(BESIDE)

    def value(self) -> frozenset[tuple[int, str]]:
        return frozenset(key for key, button in self.buttons.items() if button.isChecked())

    def set_value(self, free: frozenset[tuple[int, str]] | set[tuple[int, str]]) -> None:
        for key, button in self.buttons.items():
            button.setChecked(key in free)

    # ------------------------------------------------------------ fitting the width

    def _needs(self) -> dict[str, int]:
        """The width each arrangement needs."""
        gap = self._grid.horizontalSpacing()
        one = max(b.width_for(False) for b in self.buttons.values())
        two = max(b.width_for(True) for b in self.buttons.values())
        names = max(QFontMetrics(d.font()).horizontalAdvance(d.text()) for d in self.day_labels)
        return {
            BESIDE: names + 4 + gap + 3 * one + 2 * gap,
            ABOVE: 3 * one + 2 * gap,
            TWO_LINES: 3 * two + 2 * gap,
        }

    def _fitting(self, width: int) -> str:
        needs = self._needs()
        return next((a for a in (BESIDE, ABOVE) if needs[a] <= width), TWO_LINES)

    def _arrange(self, arrangement: str) -> None:
        if arrangement == self.arrangement:
            return
        self.arrangement = arrangement
        grid = self._grid
        beside = arrangement == BESIDE
        for weekday, name in enumerate(self.day_labels):
            grid.removeWidget(name)
            for part in DAY_PARTS:
                grid.removeWidget(self.buttons[(weekday, part)])
        # Added again day by day, name first: the order Tab follows (follow_the_screen).
        for weekday, name in enumerate(self.day_labels):
            if beside:
                name.setContentsMargins(0, 0, 0, 0)
                grid.addWidget(name, weekday, 0)
                row, first = weekday, 1
            else:
                name.setContentsMargins(0, 8 if weekday else 0, 0, 0)
                grid.addWidget(name, 2 * weekday, 0, 1, 3)
                row, first = 2 * weekday + 1, 0
            for column, part in enumerate(DAY_PARTS, start=first):
                button = self.buttons[(weekday, part)]
                button.set_two_lines(arrangement == TWO_LINES)
                grid.addWidget(button, row, column)
        for column in range(4):
            grid.setColumnStretch(column, int(column >= 1 if beside else column < 3))
        grid.setVerticalSpacing(16 if beside else 8)
        self.updateGeometry()

    def _fit(self) -> None:
        self._arrange(self._fitting(self.width()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        # Never wider than the narrowest arrangement: given less room than the one
        # shown, the grid changes to one that fits (resizeEvent).
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self._needs()[TWO_LINES]), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # The text size changed: once every button has its new font, fit again.
            QTimer.singleShot(0, self, self._fit)

    # ------------------------------------------------------------ arrow keys

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt name)
        if not (
            isinstance(watched, SlotButton)
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and not event.modifiers()
        ):
            return False
        step = {
            Qt.Key.Key_Up: (-1, 0),
            Qt.Key.Key_Down: (1, 0),
            Qt.Key.Key_Left: (0, -1),
            Qt.Key.Key_Right: (0, 1),
        }.get(Qt.Key(event.key()))
        if step is None:
            return False
        weekday = min(6, max(0, watched.weekday + step[0]))
        column = min(2, max(0, DAY_PARTS.index(watched.part) + step[1]))
        self.buttons[(weekday, DAY_PARTS[column])].setFocus(Qt.FocusReason.TabFocusReason)
        return True


# ---------------------------------------------------------------- lines in lists


class AwayLine(QFrame):
    """One stretch of dates away, in words, with a Remove button for the coordinator."""

    def __init__(
        self,
        row: AwayRow,
        remove: Callable[[AwayRow], object] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.row = row
        self.setProperty("urgency", "later")
        self.words_label = label(row.words, "", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.words_label, 1)
        self.remove_button: BigButton | None = None
        if remove is not None:
            self.remove_button = BigButton("Remove", self, variant="secondary")
            self.remove_button.setAccessibleName(f"Remove: away {row.words}")
            self.remove_button.clicked.connect(lambda: remove(row))
            layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignVCenter)


class CheckLine(QFrame):
    """One check: what it is and, in bold, whether it is in date ("Runs out in 12 days"),
    its details, the certificate number when the service gave it, and its notes. The bar
    and fill repeat the state in colour (red: ran out; yellow: runs out soon)."""

    def __init__(
        self,
        row: CheckRow,
        change: Callable[[CheckRow], object] | None,
        remove: Callable[[CheckRow], object] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.row = row
        self.setProperty("urgency", STATE_URGENCY[row.state])
        self.kind_label = label(f"{row.kind_words}: {row.when_words}", "label", self)
        self.details_label = label(f"{row.details}." if row.details else "", "", self)
        self.details_label.setVisible(bool(row.details))
        self.number_label = label(
            f"Certificate number: {row.certificate_number}" if row.certificate_number else "",
            "",
            self,
        )
        self.number_label.setVisible(bool(row.certificate_number))
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes_label = label(f"Notes: {row.notes}" if row.notes else "", "", self)
        self.notes_label.setVisible(bool(row.notes))
        words = QVBoxLayout()
        words.setSpacing(4)
        for widget in (self.kind_label, self.details_label, self.number_label, self.notes_label):
            words.addWidget(widget)
        words.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addLayout(words, 1)
        self.change_button: BigButton | None = None
        self.remove_button: BigButton | None = None
        if change is not None and remove is not None:
            self.change_button = BigButton("Change", self, variant="secondary")
            self.change_button.setAccessibleName(f"Change: {row.kind_words}")
            self.change_button.clicked.connect(lambda: change(row))
            self.remove_button = BigButton("Remove", self, variant="secondary")
            self.remove_button.setAccessibleName(f"Remove: {row.kind_words}")
            self.remove_button.clicked.connect(lambda: remove(row))
            buttons = QVBoxLayout()
            buttons.setSpacing(16)
            buttons.addWidget(self.change_button)
            buttons.addWidget(self.remove_button)
            buttons.addStretch(1)
            layout.addLayout(buttons)

    def words(self) -> str:
        shown = [self.kind_label, self.details_label, self.number_label, self.notes_label]
        return " ".join(w.text() for w in shown if w.text())


class HoursModel(RowsModel[HoursRow]):
    """A person's hours given: the day, how long, and what for."""

    HEADERS = ("Day", "Hours", "What for")
    ID_FIELD = "hours_id"

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return long_date(row.on_date, weekday=False)
        if column == 1:
            return hours_words(row.minutes)
        return row.what or "Not said"


# ---------------------------------------------------------------- on a person's record


class OfferSummary(QFrame):
    """For a person's record: "Skills and time", one line of words about what they offer,
    and the button "Skills, free times and checks" that opens their page. It follows
    changes to skills and time by itself (the record's page does not reload for them)."""

    def __init__(self, ctx: AppContext, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.heading = label("Skills and time", "subheading", self)
        self.words_label = label("", "", self)
        self.open_button = BigButton("Skills, free times and checks", self, variant="secondary")
        if not ctx.can("checks.see"):
            self.open_button.setText("Skills and free times")
        self.open_button.clicked.connect(self.open_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.words_label)
        layout.addWidget(flow_row(self.open_button))
        ctx.changed.connect(self._on_changed)
        self.show_words()

    def _on_changed(self, domain: str) -> None:
        if domain == VOLUNTEERS:
            self.show_words()

    def show_words(self) -> None:
        try:
            offer = self.ctx.read(skills.offer, self.person_id, self.ctx.today())
        except SERVICE_ERRORS as exc:
            self.words_label.setText(str(exc))
            return
        self.words_label.setText(offer_words(offer))

    def open_page(self) -> None:
        self.ctx.navigator.push(PersonSkillsPage(self.ctx, self.person_id))


# ---------------------------------------------------------------- tab order


_LEAVES = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractScrollArea)


def _in_screen_order(widget: QWidget, out: list[QWidget]) -> None:
    """The controls inside ``widget``, in the order its layouts show them."""
    if isinstance(widget, QScrollArea) and widget.widget() is not None:
        _in_screen_order(widget.widget(), out)  # type: ignore[arg-type]
        return
    if isinstance(widget, _LEAVES):
        # A skill's levels keep their places in the chain while they are not a Tab stop,
        # so whichever level is chosen, Tab goes on from it to what follows the skill.
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus or isinstance(widget, LevelButton):
            out.append(widget)
        return
    if isinstance(widget, FlowBox):
        for child in widget.widgets():
            _in_screen_order(child, out)
        return
    layout = widget.layout()
    if layout is not None:
        _layout_order(layout, out)


def _layout_order(layout: QLayout, out: list[QWidget]) -> None:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if (child := item.widget()) is not None:
            _in_screen_order(child, out)
        elif (inner := item.layout()) is not None:
            _layout_order(inner, out)


def follow_the_screen(root: QWidget) -> None:
    """Tab goes through ``root``'s controls in the order they are shown, also those made
    after the rest (lines of a list filled in as the page loads)."""
    chain: list[QWidget] = []
    _in_screen_order(root, chain)
    for first, second in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(first, second)


# ---------------------------------------------------------------- the page


class _Scroll(QScrollArea):
    """The page's parts. It asks for little height, so the page fits the window and the
    parts scroll, with the save buttons under them always in view (as `FormPage` does)."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        return QSize(hint.width(), min(hint.height(), 120))


class PersonSkillsPage(Page):
    """One person's skills and time, one part at a time: ``skills_button``,
    ``free_button``, ``away_button``, ``checks_button`` (with ``checks.see``) and
    ``hours_button`` switch between them (``sections``, :meth:`show_section`).

    Coordinator: ``skill_editors`` (one `SkillEditor` a skill) and ``save_skills_button``;
    ``grid`` (a `FreeTimesGrid`) and ``save_free_button``; ``away_lines`` with their
    Remove buttons, and ``away_from``, ``away_to``, ``away_note`` and ``add_away_button``;
    ``check_lines`` with Change and Remove, and ``add_check_button``. Others:
    ``skills_words``, ``free_words``. Everyone: ``hours_label``, ``hours_table``.
    """

    domains = (VOLUNTEERS, PEOPLE)

    def __init__(self, ctx: AppContext, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.person_id = person_id
        self.can_edit = ctx.can("volunteers.edit")
        self.can_see_checks = ctx.can("checks.see")
        # Short enough for one line of the shell's heading at 200 % text: "Skills and
        # time" (457 px there) wraps in the 425 px it has beside Back, Help and Lock, and
        # the second line took the room a skill needs to be seen whole.
        self.title = HEADING
        self.help_text = HELP_EDIT if self.can_edit else HELP_VIEW
        self.name = ""
        self.known_as = ""
        self.skill_editors: list[SkillEditor] = []
        self.away_lines: list[AwayLine] = []
        self.check_lines: list[CheckLine] = []
        self._skills_baseline: tuple[SkillChoice, ...] | None = None
        self._free_baseline: frozenset[tuple[int, str]] | None = None
        self._leaving_ok = False

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 8)
        layout.setSpacing(16)
        self.problem_label = label(role="error")
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(16)
        layout.addWidget(self.content)
        layout.addStretch(1)

        # Whose page it is, first and large: the shell's heading stays short ("Skills and
        # time"), as a name in it wrapped to four lines at 200 % text and left the parts
        # little room.
        self.name_label = label(role="heading")
        content.addWidget(self.name_label)
        self.read_only_note = label(
            "Only the coordinator can change a person's skills and time.", "help"
        )
        self.read_only_note.setVisible(not self.can_edit)
        content.addWidget(self.read_only_note)

        self.skills_button = SwitchButton("Skills")
        self.free_button = SwitchButton("Free times")
        self.away_button = SwitchButton("Dates away")
        self.checks_button = SwitchButton("Checks")
        self.hours_button = SwitchButton("Hours given")
        switches = [self.skills_button, self.free_button, self.away_button]
        if self.can_see_checks:
            switches.append(self.checks_button)
        switches.append(self.hours_button)
        self._switches = QButtonGroup(self)
        for button in switches:
            self._switches.addButton(button)
        content.addWidget(flow_row(*switches))

        def section() -> tuple[QWidget, QVBoxLayout]:
            return hidden_part(content)

        # ---- skills
        self.skills_section, column = section()
        column.addWidget(label("Skills", "subheading"))
        self.skills_intro = label(role="help")
        column.addWidget(self.skills_intro)
        self.skills_box = QWidget()
        self.skills_column = QVBoxLayout(self.skills_box)
        self.skills_column.setContentsMargins(0, 0, 0, 0)
        self.skills_column.setSpacing(12)
        column.addWidget(self.skills_box)
        self.skills_box.setVisible(self.can_edit)
        self.skills_words = label()
        self.skills_words.setVisible(not self.can_edit)
        column.addWidget(self.skills_words)

        # ---- free times
        self.free_section, column = section()
        column.addWidget(label("Free times", "subheading"))
        self.free_words = label(role="large")
        column.addWidget(self.free_words)
        self.grid: FreeTimesGrid | None = None
        if self.can_edit:
            column.addWidget(
                label(
                    "Press a part of a day to mark it free or not free. The arrow keys "
                    "move between them.",
                    "help",
                )
            )
            self.grid = FreeTimesGrid()
            self.grid.changed.connect(self._free_changed)
            column.addWidget(self.grid)

        # ---- dates away
        self.away_section, column = section()
        column.addWidget(label("Dates away", "subheading"))
        self.away_empty = label("No dates away are given from today on.")
        column.addWidget(self.away_empty)
        self.away_box = QWidget()
        self.away_column = QVBoxLayout(self.away_box)
        self.away_column.setContentsMargins(0, 0, 0, 0)
        self.away_column.setSpacing(12)
        column.addWidget(self.away_box)
        self.away_past_note = label(
            "Dates away that have passed are not shown: the list starts from today.", "help"
        )
        column.addWidget(self.away_past_note)
        self.away_rows: dict[str, FieldRow] = {}
        if self.can_edit:
            today = ctx.today()
            column.addWidget(label("Add dates away", "subheading"))
            self.away_from = DateEdit(today, display_format=IN_WORDS)
            self.away_to = DateEdit(today, display_format=IN_WORDS)
            self.away_note = QLineEdit()
            self.away_rows = {
                "starts_on": FieldRow("First day away", self.away_from),
                "ends_on": FieldRow("Last day away", self.away_to),
                "note": FieldRow(
                    "Note (you can leave this blank)",
                    self.away_note,
                    "For example: on holiday, in hospital.",
                ),
            }
            for row in self.away_rows.values():
                column.addWidget(row)
            self.away_problem = label(role="error")
            self.away_problem.hide()
            column.addWidget(self.away_problem)
            self.add_away_button = BigButton("Add these dates away")
            self.add_away_button.clicked.connect(self.add_away)
            self.away_done = label(role="help")
            self.away_done.hide()
            column.addWidget(flow_row(self.add_away_button, self.away_done))

        # ---- checks
        self.checks_section, column = section()
        column.addWidget(label("Checks", "subheading"))
        if self.can_edit:
            self.add_check_button = BigButton("Add a check")
            self.add_check_button.clicked.connect(lambda: self.open_check_form(None))
            column.addWidget(flow_row(self.add_check_button))
        # What was just done ("Saved: …", "Removed: …"), under the button that adds.
        self.checks_done = label(role="help")
        self.checks_done.hide()
        column.addWidget(self.checks_done)
        self.checks_empty = label("No checks are recorded.")
        column.addWidget(self.checks_empty)
        self.checks_box = QWidget()
        self.checks_column = QVBoxLayout(self.checks_box)
        self.checks_column.setContentsMargins(0, 0, 0, 0)
        self.checks_column.setSpacing(12)
        column.addWidget(self.checks_box)

        # ---- hours given
        self.hours_section, column = section()
        column.addWidget(label("Hours given", "subheading"))
        self.hours_label = label(role="large")
        column.addWidget(self.hours_label)
        self.log_hours_button: BigButton | None = None
        if ctx.can("hours.log"):
            self.log_hours_button = BigButton("Log hours given", variant="secondary")
            self.log_hours_button.clicked.connect(self.log_hours)
            column.addWidget(flow_row(self.log_hours_button))
        self.hours_model = HoursModel(self)
        self.hours_table = words_table(
            self.hours_model, "Hours given this financial year, newest first"
        )
        column.addWidget(self.hours_table)

        self.sections: dict[SwitchButton, QWidget] = {
            self.skills_button: self.skills_section,
            self.free_button: self.free_section,
            self.away_button: self.away_section,
        }
        if self.can_see_checks:
            self.sections[self.checks_button] = self.checks_section
        self.sections[self.hours_button] = self.hours_section
        self._parts = {
            "skills": self.skills_button,
            "free": self.free_button,
            "away": self.away_button,
            "checks": self.checks_button,
            "hours": self.hours_button,
        }

        self.scroll_area = _Scroll(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(body)

        # The save buttons stay in view under the part, however long the list of skills.
        self.bar = QWidget(self)
        bar = QVBoxLayout(self.bar)
        bar.setContentsMargins(0, 4, 0, 0)
        bar.setSpacing(8)
        self.save_problem = label(role="error")
        self.save_problem.hide()
        self.save_skills_button = BigButton("Save skills")
        self.save_free_button = BigButton("Save free times")
        self.saved_note = label(role="help")
        self.saved_note.hide()
        self.save_skills_button.clicked.connect(self.save_skills)
        self.save_free_button.clicked.connect(self.save_free_times)
        bar.addWidget(self.save_problem)
        bar.addWidget(flow_row(self.save_skills_button, self.save_free_button, self.saved_note))
        self.bar.setVisible(self.can_edit)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(self.bar)

        for button in self.sections:
            button.clicked.connect(lambda _=False, b=button: self.show_section(b))
        self.show_section(self.skills_button)

    # ------------------------------------------------------------ which part shows

    def show_section(self, button: SwitchButton) -> None:
        button.setChecked(True)
        for switch, section in self.sections.items():
            section.setVisible(switch is button)
        self.save_skills_button.setVisible(button is self.skills_button)
        self.save_free_button.setVisible(button is self.free_button)
        self.bar.setVisible(self.can_edit and button in (self.skills_button, self.free_button))
        self.saved_note.hide()
        self.save_problem.hide()
        self.scroll_area.verticalScrollBar().setValue(0)

    def show_part(self, key: str) -> None:
        """Show a part by its key: "skills", "free", "away", "checks" or "hours"."""
        button = self._parts[key]
        if button in self.sections:
            self.show_section(button)

    def section_shown(self) -> str:
        for switch, section in self.sections.items():
            if not section.isHidden():
                return switch.text()
        return ""

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        ctx = self.ctx
        today = ctx.today()
        try:
            person = ctx.read(members.get_person, self.person_id)
            offer = ctx.read(skills.offer, self.person_id, today)
            club_skills = ctx.read(skills.skills) if self.can_edit else []
            rows = (
                ctx.read(checks.person_checks, self.person_id, today) if self.can_see_checks else []
            )
            # The financial year, as the Volunteers room counts hours.
            year = ctx.read(years.current_year, today)
            hours = ctx.read(
                volunteer_hours.hours_log, year.starts, today, person_id=self.person_id
            )
        except SERVICE_ERRORS as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            self.content.hide()
            self.bar.hide()
            return
        self.problem_label.hide()
        self.content.show()
        shown = self._switches.checkedButton()
        self.bar.setVisible(self.can_edit and shown in (self.skills_button, self.free_button))
        self.name = person.full_name
        self.known_as = person.known_as or person.full_name
        self.name_label.setText(person.full_name)
        if self.can_edit:
            if not self.skills_changed():
                self._fill_skills(club_skills, offer)
            if not self.free_changed() and self.grid is not None:
                self.grid.set_value(offer.free)
                self._free_baseline = self.grid.value()
            self._show_free_words()
        else:
            self._show_offer_words(offer)
        self._fill_away(offer.away)
        if self.can_see_checks:
            self._fill_checks(rows)
        self._fill_hours(hours, year.starts)
        follow_the_screen(self)

    def _fill_skills(self, club_skills: Sequence[SkillRow], offer: Offer) -> None:
        self.skills_intro.setText(
            f"For each skill, press how well {self.known_as} can do it. “{HAPPY}” shows "
            "once they can do it. Press Save skills when you have finished."
        )
        held = {row.skill_id: row for row in (*offer.skills, *offer.to_learn)}
        wanted = [(s.skill_id, s.name) for s in club_skills]
        if wanted != [(e.skill_id, e.name) for e in self.skill_editors]:
            for editor in self.skill_editors:
                self.skills_column.removeWidget(editor)
                editor.hide()
                editor.deleteLater()
            self.skill_editors = []
            for skill in club_skills:
                editor = SkillEditor(skill, self.skills_box)
                editor.changed.connect(self._skills_changed)
                self.skills_column.addWidget(editor)
                editor.show()
                self.skill_editors.append(editor)
        for editor in self.skill_editors:
            row = held.get(editor.skill_id)
            editor.set_level(row.level if row else "", row.happy_to_use if row else True)
        self._skills_baseline = self.skill_choices()

    def _show_offer_words(self, offer: Offer) -> None:
        lines = [s.words + "." for s in offer.skills]
        if offer.to_learn:
            names = and_words([skills.skill_words(s.name) for s in offer.to_learn])
            lines.append(f"Would like to learn {names}.")
        self.skills_intro.setText(f"What {self.known_as} can do, and would like to learn.")
        self.skills_words.setText("\n".join(lines) or "No skills are given yet.")
        self.free_words.setText(offer.free_words)

    def _show_free_words(self) -> None:
        if self.grid is None:
            return
        free = self.grid.value()
        words = skills.free_words(free)
        if free != self._free_baseline:
            words += " (Not saved yet.)"
        self.free_words.setText(words)

    def _fill_away(self, rows: Sequence[AwayRow]) -> None:
        for line in self.away_lines:
            self.away_column.removeWidget(line)
            line.hide()
            line.deleteLater()
        remove = self.remove_away if self.can_edit else None
        self.away_lines = [AwayLine(row, remove, self.away_box) for row in rows]
        for line in self.away_lines:
            self.away_column.addWidget(line)
            line.show()
        self.away_empty.setVisible(not rows)
        self.away_past_note.setVisible(bool(rows))

    def _fill_checks(self, rows: Sequence[CheckRow]) -> None:
        for line in self.check_lines:
            self.checks_column.removeWidget(line)
            line.hide()
            line.deleteLater()
        change = self.open_check_form if self.can_edit else None
        remove = self.remove_check if self.can_edit else None
        self.check_lines = [CheckLine(row, change, remove, self.checks_box) for row in rows]
        for line in self.check_lines:
            self.checks_column.addWidget(line)
            line.show()
        self.checks_empty.setVisible(not rows)

    def _fill_hours(self, rows: Sequence[HoursRow], starts: date) -> None:
        total = sum(r.minutes for r in rows)
        since = since_words(starts)
        self.hours_label.setText(
            f"{hours_words(total)} given {since}." if rows else f"No hours are logged {since}."
        )
        self.hours_model.set_rows(rows)
        self.hours_table.setVisible(bool(rows))

    # ------------------------------------------------------------ unsaved changes

    def skill_choices(self) -> tuple[SkillChoice, ...]:
        return tuple(c for e in self.skill_editors if (c := e.choice()) is not None)

    def skills_changed(self) -> bool:
        return (
            self.can_edit
            and self._skills_baseline is not None
            and self.skill_choices() != self._skills_baseline
        )

    def free_changed(self) -> bool:
        return (
            self.grid is not None
            and self._free_baseline is not None
            and self.grid.value() != self._free_baseline
        )

    def has_unsaved_changes(self) -> bool:
        return self.skills_changed() or self.free_changed()

    def _skills_changed(self) -> None:
        self._say_not_saved(self.skills_changed())

    def _free_changed(self) -> None:
        self._say_not_saved(self.free_changed())
        self._show_free_words()

    def _say_not_saved(self, changed: bool) -> None:
        """Beside the save button: changes made here are not saved until it is pressed."""
        self.save_problem.hide()
        self.saved_note.setText("Changed, not saved yet." if changed else "")
        self.saved_note.setVisible(changed)

    def can_leave(self) -> bool:
        if self._leaving_ok or not self.has_unsaved_changes():
            return True
        parts = [("skills", self.skills_changed()), ("free times", self.free_changed())]
        what = and_words([words for words, changed in parts if changed])
        leave = ask_to_confirm(
            self,
            "Changes not saved",
            f"The changes to {self.known_as}'s {what} are not saved. Leave without saving?",
            "Leave without saving",
            "Stay and keep my changes",
            danger=True,
        )
        if leave:
            self._leaving_ok = True
        return leave

    # ------------------------------------------------------------ saving

    def _say_saved(self, text: str) -> None:
        self.save_problem.hide()
        self.saved_note.setText(text)
        self.saved_note.show()

    def _say_problem(self, text: str) -> None:
        self.saved_note.hide()
        self.save_problem.setText(text)
        self.save_problem.show()

    def save_skills(self) -> bool:
        choices = self.skill_choices()
        before = self._skills_baseline
        # The refresh this save sets off takes the saved list as it comes back.
        self._skills_baseline = choices
        try:
            self.ctx.run(skills.save_skills, self.person_id, choices, changed=VOLUNTEERS)
        except NotFound as exc:
            # A skill was taken off the club's list meanwhile: show the list as it is now,
            # with the choices made here kept, so saving again can work.
            self._skills_baseline = before
            self._show_list_again(choices)
            self._say_problem(f"{exc} The list is shown as it is now; press Save skills again.")
            return False
        except SERVICE_ERRORS as exc:
            self._skills_baseline = before
            self._say_problem(str(exc))
            return False
        self._say_saved(f"Saved {self.known_as}'s skills.")
        return True

    def _show_list_again(self, choices: Sequence[SkillChoice]) -> None:
        try:
            club_skills = self.ctx.read(skills.skills)
            offer = self.ctx.read(skills.offer, self.person_id, self.ctx.today())
        except SERVICE_ERRORS:
            return
        self._fill_skills(club_skills, offer)
        chosen = {c.skill_id: c for c in choices}
        for editor in self.skill_editors:
            choice = chosen.get(editor.skill_id)
            editor.set_level(
                choice.level if choice else "", choice.happy_to_use if choice else True
            )
        follow_the_screen(self)

    def save_free_times(self) -> bool:
        if self.grid is None:
            return False
        free = self.grid.value()
        before = self._free_baseline
        self._free_baseline = free
        try:
            self.ctx.run(skills.save_free_times, self.person_id, free, changed=VOLUNTEERS)
        except SERVICE_ERRORS as exc:
            self._free_baseline = before
            self._say_problem(str(exc))
            self._show_free_words()
            return False
        self._show_free_words()
        self._say_saved(f"Saved {self.known_as}'s free times.")
        return True

    # ------------------------------------------------------------ dates away

    def add_away(self) -> bool:
        for row in self.away_rows.values():
            row.clear_error()
        self.away_problem.hide()
        self.away_done.hide()
        if problems := bad_dates(self.away_rows):
            self._show_away_errors(problems)
            return False
        starts, ends = self.away_from.value(), self.away_to.value()
        try:
            self.ctx.run(
                skills.add_time_away,
                self.person_id,
                starts,
                ends,
                self.away_note.text(),
                today=self.ctx.today(),
                changed=VOLUNTEERS,
            )
        except ValidationError as exc:
            self._show_away_errors(exc.errors)
            return False
        except SERVICE_ERRORS as exc:
            self._show_away_errors({"": str(exc)})
            return False
        # Blank again, ready for the next dates: pressing Add again does not add the same.
        self.away_from.line.clear()
        self.away_to.line.clear()
        self.away_note.clear()
        self.away_done.setText(f"Added: away {AwayRow(0, starts, ends, '').words}.")
        self.away_done.show()
        return True

    def _show_away_errors(self, errors: dict[str, str]) -> None:
        unknown = [message for name, message in errors.items() if name not in self.away_rows]
        first: FieldRow | None = None
        for name, row in self.away_rows.items():
            if name in errors:
                row.show_error(errors[name])
                first = first or row
        if unknown:
            self.away_problem.setText("\n".join(unknown))
            self.away_problem.show()
        if first is not None:
            first.editor.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll_area.ensureWidgetVisible(first)

    def remove_away(self, row: AwayRow) -> bool:
        if not ask_to_confirm(
            self,
            "Remove dates away",
            f"Remove the dates {self.known_as} is away: {row.words}?",
            "Yes, remove these dates",
            "Go back",
            danger=True,
        ):
            return False
        try:
            self.ctx.run(skills.remove_time_away, row.away_id, changed=VOLUNTEERS)
        except SERVICE_ERRORS as exc:
            self._show_away_errors({"": str(exc)})
            return False
        self.away_done.setText(f"Removed: away {row.words}.")
        self.away_done.show()
        self.add_away_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # ------------------------------------------------------------ checks

    def open_check_form(self, row: CheckRow | None) -> None:
        self.checks_done.hide()
        self.ctx.navigator.push(
            CheckFormPage(
                self.ctx, self.person_id, row.check_id if row else None, saved=self.check_saved
            )
        )

    def check_saved(self, check_id: int) -> None:
        """Back from the check's form: the Checks part, saying "Saved", with the check
        saved in view and its Change button ready for the keyboard."""
        self.show_part("checks")
        line = next((ln for ln in self.check_lines if ln.row.check_id == check_id), None)
        if line is None:
            return
        self.checks_done.setText(f"Saved: {line.row.short_words}.")
        self.checks_done.show()
        if line.change_button is not None:
            line.change_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_check(line)
        # Once the lines just made have their places, look again.
        QTimer.singleShot(0, self, lambda: self._show_check(line))

    def _show_check(self, line: CheckLine) -> None:
        if Shiboken.isValid(line) and line in self.check_lines:
            scroll_into_view(self.scroll_area, self.checks_done, line)

    def remove_check(self, row: CheckRow) -> bool:
        if not ask_to_confirm(
            self,
            "Remove a check",
            f"Remove this check for {self.name}: {row.short_words}? It cannot be brought back.",
            "Yes, remove this check",
            "Go back",
            danger=True,
        ):
            return False
        try:
            self.ctx.run(checks.remove_check, row.check_id, changed=VOLUNTEERS)
        except SERVICE_ERRORS as exc:
            self.checks_done.setText(str(exc))
            self.checks_done.show()
            return False
        self.checks_done.setText(f"Removed: {row.short_words}.")
        self.checks_done.show()
        self.add_check_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # ------------------------------------------------------------ hours

    def log_hours(self) -> None:
        from clubapp.ui.pages.hours_form import HoursFormPage

        self.ctx.navigator.push(HoursFormPage(self.ctx, person_id=self.person_id))


# ---------------------------------------------------------------- a check's form


class CheckFormPage(FormPage):
    """Add a check for a person (``check_id=None``) or change one: which check, the day it
    was issued, its renewal or expiry date, and for a DBS check its level and whether it is
    on the update service; the certificate number only for the roles that may see it.

    The renewal date is asked for: for a new check its tick starts on for every kind but
    references (which are kept as they are), following the kind chosen until the tick is
    pressed. Once saved, ``saved(check_id)`` is called on the page below."""

    help_text = (
        "Choose which check this is. Type the date it must be renewed by, so the club is "
        "warned in time; tick the box for the day it was issued if you know it. A DBS "
        "check also has a level and may be on the update service. Press Save this check "
        "when you have finished; a message in red next to a box says what to put right."
    )

    def __init__(
        self,
        ctx: AppContext,
        person_id: int,
        check_id: int | None = None,
        saved: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(ctx, save_text="Save this check")
        self.person_id = person_id
        self.check_id = check_id
        self.saved = saved
        self._saved_id: int | None = None
        self.can_see_numbers = ctx.can("checks.numbers")
        today = ctx.today()
        self.title = "Add a check" if check_id is None else "Change a check"
        self.about = label(role="label")
        self.about.hide()
        self.form.insert_widget(1, self.about)
        self.kind = ChoiceCombo(chars=20)
        self.kind.set_choices((CHECK_WORDS[k], k) for k in CHECK_KINDS)
        self.issued_on = OptionalDate("We know the day it was issued", "Day it was issued", today)
        self.expires_on = OptionalDate(
            "It must be renewed by a date", "Renewal or expiry date", today + timedelta(days=365)
        )
        self.dbs_level = ChoiceCombo(chars=20)
        self.dbs_level.set_choices(
            [("Not given", ""), *((DBS_LEVEL_WORDS[lv], lv) for lv in DBS_LEVELS)]
        )
        self.update_service = BigCheck("On the DBS update service")
        self.certificate_number = QLineEdit()
        self.notes = TextBox(3)
        form = self.form
        form.add_field("kind", "Which check", self.kind)
        form.add_field("issued_on", "Issued", self.issued_on)
        form.add_field(
            "expires_on",
            "Renewal or expiry date",
            self.expires_on,
            "The club is warned before this date. Leave it unticked only for references, "
            "or a DBS check on the update service.",
        )
        self.level_row = form.add_field("dbs_level", "DBS level", self.dbs_level)
        self.update_row = form.add_field(
            "update_service", "The DBS update service", self.update_service
        )
        self.update_service.setAccessibleName(self.update_service.text())
        self.number_row = form.add_field(
            "certificate_number",
            "Certificate number",
            self.certificate_number,
            "Only the coordinator sees this number.",
        )
        self.number_row.setVisible(self.can_see_numbers)
        form.add_field("notes", "Notes (you can leave this blank)", self.notes)
        self.kind.currentIndexChanged.connect(self._show_dbs)
        # Until the renewal tick is pressed, it follows the kind of check (new checks).
        self._renewal_pressed = check_id is not None
        self.expires_on.check.clicked.connect(self._renewal_was_pressed)
        self.kind.currentIndexChanged.connect(self._renewal_by_kind)
        self._row: CheckRow | None = None
        try:
            person = ctx.read(members.get_person, person_id)
            if check_id is not None:
                self._row = ctx.read(checks.check, check_id, today)
        except SERVICE_ERRORS as exc:
            self.form.show_errors({"": f"{exc} Press Go back to return."})
            self.save_button.hide()
        else:
            self.set_intro(
                f"A check for {person.full_name}."
                if self._row is None
                else f"{CHECK_WORDS[self._row.kind]} for {person.full_name}."
            )
            if self._row is not None:
                self._fill(self._row, today)
        self._show_dbs()
        self._renewal_by_kind()
        self.mark_unchanged()

    def _renewal_was_pressed(self) -> None:
        self._renewal_pressed = True

    def _renewal_by_kind(self) -> None:
        """A new check asks for its renewal date, except references."""
        if not self._renewal_pressed:
            self.expires_on.check.setChecked(self.kind.value() != "references")

    def set_intro(self, text: str) -> None:
        # Who the check is for scrolls with the fields (as on the grant forms): kept above
        # them at 200 % text, it left the fields a narrow strip.
        self.about.setText(text)
        self.about.setVisible(bool(text))

    def _fill(self, row: CheckRow, today: date) -> None:
        self.kind.choose(row.kind)
        self.issued_on.set_value(row.issued_on, today)
        self.expires_on.set_value(row.expires_on, today + timedelta(days=365))
        self.dbs_level.choose(row.dbs_level)
        self.update_service.setChecked(row.update_service)
        self.certificate_number.setText(row.certificate_number)
        self.notes.setText(row.notes)

    def _show_dbs(self) -> None:
        dbs = self.kind.value() == "dbs"
        self.level_row.setVisible(dbs)
        self.update_row.setVisible(dbs)

    def values(self) -> tuple[Any, ...]:
        return (
            self.kind.value(),
            self.issued_on.check.isChecked(),
            self.issued_on.edit.text(),
            self.expires_on.check.isChecked(),
            self.expires_on.edit.text(),
            self.dbs_level.value(),
            self.update_service.isChecked(),
            self.certificate_number.text(),
            self.notes.text(),
        )

    def collect(self) -> CheckInput:
        dbs = self.kind.value() == "dbs"
        number = self.certificate_number.text()
        if not self.can_see_numbers:
            number = self._row.certificate_number if self._row else ""
        return CheckInput(
            kind=str(self.kind.value()),
            issued_on=self.issued_on.value(),
            expires_on=self.expires_on.value(),
            dbs_level=str(self.dbs_level.value() or "") if dbs else "",
            certificate_number=number,
            update_service=self.update_service.isChecked() if dbs else False,
            notes=self.notes.text(),
        )

    def submit(self) -> None:
        data = self.collect()
        today = self.ctx.today()
        if self.check_id is None:
            self._saved_id = self.ctx.run(
                checks.add_check, self.person_id, data, today, changed=VOLUNTEERS
            )
        else:
            self.ctx.run(checks.update_check, self.check_id, data, today, changed=VOLUNTEERS)
            self._saved_id = self.check_id

    def after_save(self) -> None:
        if self.saved is not None and self._saved_id is not None:
            self.saved(self._saved_id)

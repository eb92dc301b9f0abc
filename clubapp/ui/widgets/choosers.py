"""Form editors a shaky hand can use: drop-down lists the mouse wheel never changes (one
of them for people), and a date that may be left out. Several lines of text and a
check box ticked anywhere on it are in `clubapp.ui.widgets.inputs`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clubapp.ui.widgets.dates import IN_WORDS, DateEdit
from clubapp.ui.widgets.inputs import BigCheck


class ChoiceCombo(QComboBox):
    """A drop-down list whose choices carry data; the mouse wheel scrolls the page instead.

    It asks for ``chars`` characters and grows when there is room, so a long choice
    never makes a form wider than the window; the open list shows every choice whole.
    """

    def __init__(self, parent: QWidget | None = None, chars: int = 16) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(chars)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMaxVisibleItems(12)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt name)
        event.ignore()

    def set_choices(self, choices: Iterable[tuple[str, Any]]) -> None:
        """Replace the choices, keeping the chosen one if it is still there."""
        chosen = self.currentData()
        self.blockSignals(True)
        self.clear()
        for words, data in choices:
            self.addItem(words, data)
        self.blockSignals(False)
        self.choose(chosen)
        view = self.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 40)

    def choose(self, data: Any) -> bool:
        """Choose the item carrying ``data``; False (and the first item) if there is none."""
        index = self.findData(data)
        self.setCurrentIndex(max(0, index))
        return index >= 0

    def value(self) -> Any:
        return self.currentData()


class PersonCombo(ChoiceCombo):
    """Choose a person by name, or nobody (``value()`` is then None)."""

    def __init__(self, nobody: str = "Nobody chosen", parent: QWidget | None = None) -> None:
        super().__init__(parent, chars=18)
        self._nobody = nobody
        self.set_people([])

    def set_people(self, people: Iterable[tuple[int, str]]) -> None:
        """``people`` as (person id, name) pairs; they are shown in name order."""
        ordered = sorted(people, key=lambda p: (p[1].casefold(), p[0]))
        self.set_choices([(self._nobody, None), *((name, pid) for pid, name in ordered)])

    def choose_person(self, person_id: int | None, name: str = "") -> None:
        """Choose someone, adding them if the list does not hold them (a former member)."""
        if person_id is not None and self.findData(person_id) < 0:
            self.addItem(name or "Someone no longer listed", person_id)
        self.choose(person_id)


class OptionalDate(QWidget):
    """A check box ("There is an end date") that turns on a date box below it."""

    def __init__(
        self, question: str, date_name: str, default: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.check = BigCheck(question, self)
        self.check.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.check.setAccessibleName(question)
        self.edit = DateEdit(default, self, display_format=IN_WORDS)
        self.edit.setAccessibleName(date_name)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 0, Qt.AlignmentFlag.AlignLeft)
        self.setFocusProxy(self.check)

    def value(self) -> date | None:
        return self.edit.value() if self.check.isChecked() else None

    def set_value(self, day: date | None, default: date) -> None:
        self.check.setChecked(day is not None)
        self.edit.set_value(day or default)
        self.edit.setEnabled(day is not None)

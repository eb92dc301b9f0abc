"""A whole number with big − and + buttons either side of a box you can type in.

Spin boxes have tiny arrows; DESIGN.md asks for big "−" and "+" buttons beside a box
for numbers people change often (vote counts, the quorum). The Up and Down arrow keys
in the box count too.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIntValidator, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QSizePolicy, QWidget

from clubapp.ui.widgets.buttons import BigButton

MINUS = "−"  # a real minus sign: wider and clearer than a hyphen
PLUS = "+"


class _NumberBox(QLineEdit):
    """Wide enough for a few digits at any text size; Up and Down count."""

    step = Signal(int)

    def __init__(self, digits: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._digits = digits
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        fm = self.fontMetrics()
        # Qt's own hint is 17 "x" plus the padding and border: keep those, swap the text.
        frame = max(0, hint.width() - 17 * fm.horizontalAdvance("x"))
        return QSize(fm.horizontalAdvance("8" * self._digits) + frame + 16, hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.sizeHint()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() == Qt.Key.Key_Up:
            self.step.emit(+1)
            return
        if event.key() == Qt.Key.Key_Down:
            self.step.emit(-1)
            return
        super().keyPressEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self.updateGeometry()


class NumberStepper(QWidget):
    """``value()`` is a whole number from ``low`` to ``high``.

    ``name`` says what is counted ("Yes (for)"); the buttons and the box are named after
    it for screen readers. ``large`` makes everything voting-screen size (28 pt).
    """

    changed = Signal(int)

    def __init__(
        self,
        name: str,
        low: int,
        high: int,
        value: int = 0,
        parent: QWidget | None = None,
        *,
        large: bool = False,
    ) -> None:
        super().__init__(parent)
        self.low, self.high = low, high
        variant = "vote" if large else "secondary"
        self.minus_button = BigButton(MINUS, self, variant=variant)
        self.box = _NumberBox(max(2, len(str(high))), self)
        self.plus_button = BigButton(PLUS, self, variant=variant)
        if large:
            self.box.setProperty("look", "meeting")
        self.box.setValidator(QIntValidator(low, high, self.box))
        self.set_name(name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)  # at least 4 mm between targets
        layout.addWidget(self.minus_button)
        layout.addWidget(self.box)
        layout.addWidget(self.plus_button)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.minus_button.clicked.connect(lambda: self.step(-1))
        self.plus_button.clicked.connect(lambda: self.step(+1))
        self.box.step.connect(self.step)
        self.box.textChanged.connect(self._typed)
        self.setFocusProxy(self.box)
        self.set_value(value)

    def set_name(self, name: str) -> None:
        self.box.setAccessibleName(name)
        self.minus_button.setAccessibleName(f"{MINUS} One less: {name}")
        self.plus_button.setAccessibleName(f"{PLUS} One more: {name}")

    def value(self) -> int:
        text = self.box.text().strip()
        if not text.lstrip("-").isdigit():
            return self.low
        return min(max(int(text), self.low), self.high)

    def set_value(self, value: int) -> None:
        value = min(max(value, self.low), self.high)
        if self.box.text() != str(value):
            self.box.setText(str(value))
        self._update_buttons()

    def step(self, by: int) -> None:
        self.set_value(self.value() + by)

    def _typed(self, _text: str) -> None:
        self._update_buttons()
        self.changed.emit(self.value())

    def _update_buttons(self) -> None:
        value = self.value()
        self.minus_button.setEnabled(value > self.low)
        self.plus_button.setEnabled(value < self.high)

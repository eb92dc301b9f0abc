"""Form fields with their label above, a help line, and errors right beside them.

An error says what is wrong and how to fix it, sits just under the field, gives the
editor a thick red border and never clears what was typed (DESIGN.md 2.8).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from clubapp.ui.theme import repolish

from .buttons import plain_text


def _edit_signals(editor: QWidget) -> list:
    """The signals that say a person changed the editor (or a part of it, as in a date
    field made of boxes, or a stepper's buttons)."""
    found = []
    for part in [editor, *editor.findChildren(QWidget)]:
        if isinstance(part, QLineEdit):
            found.append(part.textEdited)
        elif isinstance(part, (QPlainTextEdit, QTextEdit)):
            found.append(part.textChanged)
        elif isinstance(part, QComboBox):
            found.append(part.activated)
        elif isinstance(part, QAbstractSpinBox):
            found.append(part.editingFinished)
        elif isinstance(part, QAbstractButton):
            found.append(part.clicked)
    return found


class FieldRow(QWidget):
    """One field: label, optional help line, the editor, and a hidden error line.

    Once the person changes a field that shows an error, the error goes: they are
    fixing it, and a red line that stays after the fix looks as if the fix failed.
    Saving checks everything again.
    """

    error_cleared = Signal()

    def __init__(
        self,
        label: str,
        editor: QWidget,
        help_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.label = QLabel(label, self)
        self.label.setWordWrap(True)
        self.label.setProperty("role", "label")
        self.label.setBuddy(editor)

        self.help_label = QLabel(help_text, self)
        self.help_label.setWordWrap(True)
        self.help_label.setProperty("role", "help")
        self.help_label.setVisible(bool(help_text))

        self.error_label = QLabel("", self)
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "error")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.help_label)
        layout.addWidget(editor)
        layout.addWidget(self.error_label)

        self._base_description = help_text
        editor.setAccessibleName(plain_text(label))
        editor.setAccessibleDescription(help_text)
        editor.setProperty("error", False)
        for signal in _edit_signals(editor):
            signal.connect(self._on_edited)

    def _on_edited(self, *_args: object) -> None:
        if self.has_error():
            self.clear_error()
            self.error_cleared.emit()

    def label_text(self) -> str:
        return plain_text(self.label.text())

    def has_error(self) -> bool:
        return not self.error_label.isHidden()

    def error_text(self) -> str:
        return self.error_label.text() if self.has_error() else ""

    def show_error(self, message: str) -> None:
        """Show ``message`` under the field; what was typed stays as it is."""
        self.error_label.setText(message)
        self.error_label.show()
        description = f"{message} {self._base_description}".strip()
        self.editor.setAccessibleDescription(description)
        self.editor.setProperty("error", True)
        repolish(self.editor)

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()
        self.editor.setAccessibleDescription(self._base_description)
        if self.editor.property("error"):
            self.editor.setProperty("error", False)
            repolish(self.editor)


class FormPanel(QScrollArea):
    """A column of FieldRows that scrolls when the text is large, rather than clipping.

    Add fields by name with :meth:`add_field`; show a service's validation errors
    with :meth:`show_errors` (``{field_name: message}``). Errors for names the form
    does not have are shown at the top of the form, so nothing is lost.
    """

    errors_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._content = QWidget()
        self._layout = QVBoxLayout(self._content)
        self._layout.setContentsMargins(12, 12, 12, 12)
        self._layout.setSpacing(20)
        self.form_error = QLabel("", self._content)
        self.form_error.setWordWrap(True)
        self.form_error.setProperty("role", "error")
        self.form_error.setTextFormat(Qt.TextFormat.PlainText)
        self.form_error.hide()
        self._layout.addWidget(self.form_error)
        self._layout.addStretch(1)
        self.setWidget(self._content)
        self._fields: dict[str, FieldRow] = {}

    def add_field(self, name: str, label: str, editor: QWidget, help_text: str = "") -> FieldRow:
        """Add a field at the end of the form and return its row."""
        if name in self._fields:
            raise ValueError(f"The form already has a field called {name!r}")
        row = FieldRow(label, editor, help_text, self._content)
        row.error_cleared.connect(self.errors_changed)
        self._fields[name] = row
        self._layout.insertWidget(self._layout.count() - 1, row)
        return row

    def add_widget(self, widget: QWidget) -> None:
        """Add something that is not a field (buttons, a note) at the end of the form."""
        self._layout.insertWidget(self._layout.count() - 1, widget)

    def insert_widget(self, position: int, widget: QWidget) -> None:
        """Put something that is not a field (an explanation) at a place in the form."""
        self._layout.insertWidget(position, widget)

    def field(self, name: str) -> FieldRow:
        return self._fields[name]

    def fields(self) -> dict[str, FieldRow]:
        return dict(self._fields)

    def show_errors(self, errors: Mapping[str, str]) -> FieldRow | None:
        """Show each message beside its field, move the keyboard to the first one.

        Returns the row that got the focus, or None if no named field had an error.
        """
        self.clear_errors()
        unknown = [message for name, message in errors.items() if name not in self._fields]
        if unknown:
            self.form_error.setText("\n".join(unknown))
            self.form_error.show()
        first: FieldRow | None = None
        for name, row in self._fields.items():  # in the order the form shows them
            if name in errors:
                row.show_error(errors[name])
                first = first or row
        if first is not None:
            first.editor.setFocus(Qt.FocusReason.OtherFocusReason)
            self.ensureWidgetVisible(first)
        elif unknown:
            self.ensureWidgetVisible(self.form_error)
        return first

    def error_count(self) -> int:
        """How many messages the form shows now (the one at the top counts as one)."""
        shown = sum(row.has_error() for row in self._fields.values())
        return shown + (not self.form_error.isHidden())

    def clear_errors(self) -> None:
        self.form_error.clear()
        self.form_error.hide()
        for row in self._fields.values():
            row.clear_error()

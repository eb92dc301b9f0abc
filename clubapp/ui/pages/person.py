"""One person's record: a form in sections for the coordinator, a plain view for others.

Open it with ``ctx.navigator.push(PersonPage(ctx, person_id))``, or ``PersonPage(ctx, None)``
to add someone. The coordinator edits everything and presses "Save person": the whole
record is saved in one transaction by `members.save_person`. Problems are shown next to
their field and nothing typed is ever cleared. After saving, the page goes back to the
page below it, which shows "Saved Zoë O'Brien." if it can (it has a ``show_notice``).
While typing, a draft is kept (clubapp.ui.drafts) and offered back after a crash; saving
the record removes it in the same transaction.

Other roles see a read-only record with only the sections their role may see; the
others are not shown at all (the service leaves them blank anyway).

Near the top of both, "What matters to me" lists the person's current likes, dislikes
and needs from one-to-one notes, and their communication tips, as `notes.what_matters`
gives them to the signed-in role, with "Add a note about …" and (coordinator) "Print
About me". It is shown, never edited, so it plays no part in saving the record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import fields, is_dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clubapp.db.errors import KnownError
from clubapp.services import committee_printouts, members, notes
from clubapp.services.dates import long_date
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.members import (
    CONSENT_WORDS,
    GIVER_WORDS,
    LINK_INVERSE_WORDS,
    LINK_WORDS,
    ConsentData,
    EmergencyContactData,
    LinkData,
    PersonDetail,
    PersonInput,
    PersonRow,
)
from clubapp.services.vocab import KINDS as KIND_WORDS
from clubapp.services.vocab import STATUSES as STATUS_WORDS
from clubapp.ui import theme
from clubapp.ui.context import NOTES, PEOPLE, AppContext
from clubapp.ui.drafts import DraftKeeper
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.note_editor import NoteEditorPage
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.choosers import ChoiceCombo
from clubapp.ui.widgets.dates import DateEdit, bad_dates
from clubapp.ui.widgets.flow import FlowBox
from clubapp.ui.widgets.forms import FieldRow, FormPanel
from clubapp.ui.widgets.inputs import TextBox
from clubapp.ui.widgets.messages import ask_to_confirm, tell
from clubapp.ui.widgets.pictures import photo_to_jpeg
from clubapp.ui.widgets.tiles import initials
from clubapp.ui.widgets.what_matters import WhatMattersPanel

PHOTO_SHOWN_PX = 160  # at 100 % text size
ALL_SECTIONS = frozenset({"contacts", "emergency", "needs", "consent", "status"})

UNSAVED_QUESTION = "You have changes that are not saved. Leave without saving?"
STAY = "Stay and keep my changes"
LEAVE = "Leave without saving"
NOT_RECORDED = "Not recorded"

HELP_EDIT = (
    "This is one person's record. Change what you need, then press “Save person” at the "
    "bottom. Nothing is saved until you press it. If something needs fixing, a message "
    "in red says what to do, next to the box it is about. People are never deleted: if "
    "someone leaves or dies, change their Status."
)
HELP_VIEW = (
    "This is one person's record, showing the parts your role may see. Only the "
    "coordinator can change it. Press Back to return to the list."
)
HELP_ERASED = (
    "This person's details were erased, so there is nothing to change or add here. "
    "Press Back to return to the list."
)


def day_words(day: date | None) -> str:
    """ "3 April 2025", or "Not recorded" when there is no date."""
    return NOT_RECORDED if day is None else long_date(day, weekday=False)


# ---------------------------------------------------------------- small editors


class _BigCheck(QCheckBox):
    """A check box that can be ticked by clicking anywhere on it, not just on its words."""

    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802 (Qt name)
        return self.rect().contains(pos)


class _OptionalDate(QWidget):
    """A check box ("There is a review date") that turns on a date below it."""

    def __init__(self, question: str, date_name: str, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.check = _BigCheck(question, self)
        self.check.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.check.setAccessibleName(question)
        self.edit = DateEdit(today, self)
        self.edit.setAccessibleName(date_name)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.check)
        row = QHBoxLayout()
        row.setContentsMargins(scaled_indent(), 0, 0, 0)
        row.addWidget(self.edit)
        row.addStretch(1)
        layout.addLayout(row)
        self.setFocusProxy(self.check)

    def value(self) -> date | None:
        return self.edit.value() if self.check.isChecked() else None

    def set_value(self, day: date | None, default: date) -> None:
        self.check.setChecked(day is not None)
        self.edit.set_value(day or default)
        self.edit.setEnabled(day is not None)


def scaled_indent() -> int:
    return theme.scaled_px(44, theme.current_scale())


def _labelled(text: str, editor: QWidget, parent: QWidget) -> QWidget:
    """A small field inside an entry: bold label above its editor."""
    box = QWidget(parent)
    label = QLabel(text, box)
    label.setProperty("role", "label")
    label.setWordWrap(True)
    label.setBuddy(editor)
    editor.setParent(box)
    if not editor.accessibleName():
        editor.setAccessibleName(text)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    layout.addWidget(label)
    layout.addWidget(editor)
    box.setFocusProxy(editor)
    return box


# ---------------------------------------------------------------- list entries


class _Entry(QFrame):
    """One item of a list in the form (a contact, a link, a consent record)."""

    remove_requested = Signal(object)
    noun = "item"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(1)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(12, 12, 12, 12)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(12)
        self.remove_button = BigButton(f"Remove this {self.noun}", self, variant="secondary")
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

    def set_number(self, number: int) -> None:
        """Entries are numbered from 1, as the service numbers their errors."""
        self.number = number

    def _finish(self, row: int) -> None:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        self.grid.addLayout(buttons, row, 0, 1, 2)
        for column in (0, 1):
            self.grid.setColumnStretch(column, 1)


class _EmergencyEntry(_Entry):
    noun = "contact"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(self)
        self.relationship = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.notes = QLineEdit(self)
        self.grid.addWidget(_labelled("Name", self.name, self), 0, 0)
        self.grid.addWidget(_labelled("Relationship", self.relationship, self), 0, 1)
        self.grid.addWidget(_labelled("Phone", self.phone, self), 1, 0)
        self.grid.addWidget(
            _labelled("Notes (for example, best times to ring)", self.notes, self), 1, 1
        )
        self._finish(2)
        self.setFocusProxy(self.name)

    def set_number(self, number: int) -> None:
        super().set_number(number)
        for editor, words in (
            (self.name, "Name"),
            (self.relationship, "Relationship"),
            (self.phone, "Phone"),
            (self.notes, "Notes"),
        ):
            editor.setAccessibleName(f"{words} of emergency contact {number}")
        self.remove_button.setAccessibleName(f"Remove this contact: emergency contact {number}")

    def value(self) -> EmergencyContactData:
        return EmergencyContactData(
            self.name.text(), self.relationship.text(), self.phone.text(), self.notes.text()
        )

    def set_value(self, data: EmergencyContactData) -> None:
        self.name.setText(data.name)
        self.relationship.setText(data.relationship)
        self.phone.setText(data.phone)
        self.notes.setText(data.notes)


class _LinkEntry(_Entry):
    noun = "link"

    def __init__(
        self, people: Sequence[PersonRow], self_id: int | None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.kind = ChoiceCombo(self, chars=14)
        for code, words in LINK_WORDS.items():
            self.kind.addItem(words, code)
        self.other = ChoiceCombo(self, chars=16)
        self.other.addItem("Choose a person", None)
        for person in sorted(people, key=lambda p: (p.full_name.casefold(), p.person_id)):
            if person.person_id == self_id:
                continue
            words = person.full_name
            if person.known_as and person.known_as != person.full_name:
                words += f" (known as {person.known_as})"
            self.other.addItem(words, person.person_id)
        self.grid.addWidget(_labelled("This person is", self.kind, self), 0, 0)
        self.grid.addWidget(_labelled("Who", self.other, self), 0, 1)
        self._finish(1)
        self.setFocusProxy(self.kind)

    def set_number(self, number: int) -> None:
        super().set_number(number)
        self.kind.setAccessibleName(f"Kind of link {number}")
        self.other.setAccessibleName(f"Person for link {number}")
        self.remove_button.setAccessibleName(f"Remove this link: link {number}")

    def has_person(self) -> bool:
        return self.other.currentData() is not None

    def value(self) -> LinkData:
        return LinkData(self.kind.currentData(), int(self.other.currentData() or 0))

    def set_value(self, data: LinkData) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(data.kind)))
        if not data.other_id:  # nobody chosen yet (a draft)
            self.other.setCurrentIndex(0)
            return
        index = self.other.findData(data.other_id)
        if index < 0:
            self.other.addItem(data.other_name or "Someone no longer listed", data.other_id)
            index = self.other.count() - 1
        self.other.setCurrentIndex(index)


class _ConsentEntry(_Entry):
    noun = "record"

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.consent_id: int | None = None
        self.what = ChoiceCombo(self, chars=14)
        for code, words in CONSENT_WORDS.items():
            self.what.addItem(words, code)
        self.given_by = ChoiceCombo(self, chars=14)
        for code, words in GIVER_WORDS.items():
            self.given_by.addItem(words, code)
        self.given_by_name = QLineEdit(self)
        self.given_on = DateEdit(today, self)
        self.review = _OptionalDate("There is a review date", "Review date", today, self)
        self.withdrawn = _OptionalDate("Consent has been withdrawn", "Withdrawn on", today, self)
        self.name_box = _labelled("Name of the attorney or carer", self.given_by_name, self)
        # One field a line: the check boxes are long at large text sizes.
        self.grid.addWidget(_labelled("Consent for", self.what, self), 0, 0, 1, 2)
        self.grid.addWidget(_labelled("Given by", self.given_by, self), 1, 0)
        self.grid.addWidget(self.name_box, 1, 1)
        self.grid.addWidget(_labelled("Date given", self.given_on, self), 2, 0, 1, 2)
        self.grid.addWidget(self.review, 3, 0, 1, 2)
        self.grid.addWidget(self.withdrawn, 4, 0, 1, 2)
        self.kept_note = QLabel(
            "Saved consent records are kept. If consent has ended, tick "
            "“Consent has been withdrawn”.",
            self,
        )
        self.kept_note.setProperty("role", "help")
        self.kept_note.setWordWrap(True)
        self.grid.addWidget(self.kept_note, 5, 0, 1, 2)
        self._finish(6)
        self.given_by.currentIndexChanged.connect(self._show_name)
        self._show_name()
        self._show_kept()
        self.setFocusProxy(self.what)

    def _show_name(self) -> None:
        self.name_box.setVisible(self.given_by.currentData() != "self")

    def _show_kept(self) -> None:
        saved = self.consent_id is not None
        self.remove_button.setVisible(not saved)
        self.kept_note.setVisible(saved)

    def set_number(self, number: int) -> None:
        super().set_number(number)
        self.what.setAccessibleName(f"Consent {number} is for")
        self.given_by.setAccessibleName(f"Consent {number} given by")
        self.given_by_name.setAccessibleName(f"Name of the attorney or carer for consent {number}")
        self.given_on.setAccessibleName(f"Date consent {number} was given")
        self.remove_button.setAccessibleName(f"Remove consent record {number}")

    def value(self) -> ConsentData:
        given_by = self.given_by.currentData()
        return ConsentData(
            what=self.what.currentData(),
            given_by=given_by,
            given_on=self.given_on.value(),
            given_by_name=self.given_by_name.text() if given_by != "self" else "",
            review_on=self.review.value(),
            withdrawn_on=self.withdrawn.value(),
            consent_id=self.consent_id,
        )

    def set_value(self, data: ConsentData, today: date) -> None:
        self.consent_id = data.consent_id
        self.what.setCurrentIndex(max(0, self.what.findData(data.what)))
        self.given_by.setCurrentIndex(max(0, self.given_by.findData(data.given_by)))
        self.given_by_name.setText(data.given_by_name)
        self.given_on.set_value(data.given_on)
        self.review.set_value(data.review_on, today)
        self.withdrawn.set_value(data.withdrawn_on, today)
        self._show_kept()


class _EntryList(QWidget):
    """A growing list of entries, each inside a FieldRow so its errors sit beside it."""

    changed = Signal()

    def __init__(
        self,
        prefix: str,
        label: Callable[[int], str],
        add_text: str,
        empty_text: str,
        make: Callable[[], _Entry],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.prefix = prefix
        self._label = label
        self._make = make
        self.rows: list[FieldRow] = []
        self.empty_label = QLabel(empty_text, self)
        self.empty_label.setProperty("role", "help")
        self.empty_label.setWordWrap(True)
        self.add_button = BigButton(add_text, self, variant="secondary")
        self.add_button.clicked.connect(self._add_and_focus)
        self._entries = QVBoxLayout()
        self._entries.setSpacing(16)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.empty_label)
        layout.addLayout(self._entries)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def entries(self) -> list[_Entry]:
        return [row.editor for row in self.rows]  # type: ignore[misc]

    def named_rows(self) -> list[tuple[str, FieldRow]]:
        return [(f"{self.prefix}_{i}", row) for i, row in enumerate(self.rows, start=1)]

    def add(self) -> _Entry:
        entry = self._make()
        row = FieldRow(self._label(len(self.rows) + 1), entry, parent=self)
        entry.remove_requested.connect(self.remove)
        self.rows.append(row)
        self._entries.addWidget(row)
        row.show()
        self._renumber()
        return entry

    def _add_and_focus(self) -> None:
        entry = self.add()
        entry.setFocus(Qt.FocusReason.OtherFocusReason)
        QTimer.singleShot(0, entry, lambda: _ensure_visible(entry))
        self.changed.emit()

    def remove(self, entry: _Entry) -> None:
        for row in self.rows:
            if row.editor is entry:
                self.rows.remove(row)
                self._entries.removeWidget(row)
                row.hide()
                row.deleteLater()
                break
        self._renumber()
        self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def clear(self) -> None:
        for row in self.rows:
            self._entries.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        self._renumber()

    def _renumber(self) -> None:
        for i, row in enumerate(self.rows, start=1):
            row.label.setText(self._label(i))
            row.editor.setAccessibleName(self._label(i))
            row.editor.set_number(i)  # type: ignore[attr-defined]
        self.empty_label.setVisible(not self.rows)


def _ensure_visible(widget: QWidget) -> None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if isinstance(parent, QScrollArea):
        parent.ensureWidgetVisible(widget)


# ---------------------------------------------------------------- photo


class _PhotoBox(QWidget):
    """The person's photo (or their initials), with buttons to choose or remove it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setFrameShape(QFrame.Shape.Box)
        self.picture.setWordWrap(True)
        self.choose_button = BigButton("Choose a photo…", self, variant="secondary")
        self.remove_button = BigButton("Remove photo", self, variant="secondary")
        self.note = QLabel(self)
        self.note.setProperty("role", "help")
        self.note.setWordWrap(True)
        buttons = QVBoxLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.note)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(buttons, 1)
        self.setFocusProxy(self.choose_button)

    def show_photo(self, data: bytes | None, name: str) -> None:
        side = theme.scaled_px(PHOTO_SHOWN_PX, theme.current_scale())
        self.picture.setFixedSize(side, side)
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.picture.setPixmap(
                pixmap.scaled(
                    side - 4,
                    side - 4,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.picture.setAccessibleName(f"Photo of {name}")
        else:
            self.picture.setPixmap(QPixmap())
            self.picture.setText(f"{initials(name) if name.strip() else ''}\nNo photo yet")
            self.picture.setAccessibleName("No photo yet")


# ---------------------------------------------------------------- read-only view


class _ReadOnlyRecord(QScrollArea):
    """The record as plain words, in sections, for roles that cannot change it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.content = QWidget()
        self.layout_ = QVBoxLayout(self.content)
        self.layout_.setContentsMargins(12, 12, 12, 12)
        self.layout_.setSpacing(8)
        self.setWidget(self.content)
        self._section: QWidget | None = None
        self._section_layout: QVBoxLayout | None = None

    def section(self, key: str, title: str) -> None:
        box = QWidget(self.content)
        box.setObjectName(f"section-{key}")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 12, 0, 4)
        layout.setSpacing(6)
        heading = QLabel(title, box)
        heading.setProperty("role", "subheading")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.layout_.addWidget(box)
        self._section, self._section_layout = box, layout

    def item(self, label: str, value: str) -> None:
        assert self._section is not None and self._section_layout is not None
        name = QLabel(label, self._section)
        name.setProperty("role", "label")
        name.setWordWrap(True)
        text = QLabel(value.strip() or NOT_RECORDED, self._section)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setAccessibleName(f"{label}: {value.strip() or NOT_RECORDED}")
        self._section_layout.addWidget(name)
        self._section_layout.addWidget(text)
        self._section_layout.addSpacing(6)

    def line(self, value: str) -> None:
        assert self._section is not None and self._section_layout is not None
        text = QLabel(value, self._section)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._section_layout.addWidget(text)

    def widget_in_section(self, widget: QWidget) -> None:
        assert self._section_layout is not None
        self._section_layout.addWidget(widget)

    def finish(self) -> None:
        self.layout_.addStretch(1)


# ---------------------------------------------------------------- the page


class PersonPage(Page):
    """One person's record (``person_id``), or a new person (``person_id=None``)."""

    domains = (PEOPLE, NOTES)
    #: After a successful save: the person's id and full name.
    saved = Signal(int, str)

    def __init__(
        self, ctx: AppContext, person_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.person_id = person_id
        self.detail: PersonDetail | None = None
        self.editable = False
        self.form: FormPanel | None = None
        self.record: _ReadOnlyRecord | None = None
        self._baseline: PersonInput | None = None
        self._leaving_ok = False
        self._people: list[PersonRow] = []
        self.what_matters: WhatMattersPanel | None = None
        self._notice = ""
        # What is typed is kept as a draft while typing, to offer back after a crash.
        self.drafts = DraftKeeper(self)
        self.title = "Adding a person" if person_id is None else "A person's record"
        self.help_text = HELP_EDIT if ctx.can("people.edit") else HELP_VIEW
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(12)
        self.problem_label = QLabel(self)
        self.problem_label.setProperty("role", "error")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.hide()
        self._layout.addWidget(self.problem_label)

    # ------------------------------------------------------------ loading

    def heading(self) -> str:
        return self.title

    def refresh(self) -> None:
        if self.editable and self.has_unsaved_changes():
            # Someone saved something elsewhere (or a photo here): never throw away typing.
            self._show_photo()
            self._show_what_matters()
            return
        if self.person_id is None:
            if not self.ctx.can("people.edit"):
                self._show_problem("Only the coordinator can add people.")
                return
            self.detail = None
            self._people = self.ctx.read(members.list_people)
            self._build_form()
            self._fill_form(None)
            assert self.form is not None
            self.drafts.start(self.form)
            return
        try:
            detail = self.ctx.read(members.get_person, self.person_id)
        except (NotFound, NotAllowed) as exc:
            self._show_problem(str(exc))
            return
        self.detail = detail
        self.title = detail.full_name
        if detail.erased_on is not None:
            # Nothing left to change or add: no form, no notes, no buttons about them.
            self._build_erased(detail.erased_on)
            return
        if detail.can_edit and detail.visible >= ALL_SECTIONS:
            self._people = self.ctx.read(members.list_people)
            self._build_form()
            self._fill_form(detail)
            assert self.form is not None
            self.drafts.start(self.form)
        else:
            self._build_record(detail)
        self._show_what_matters()

    def _show_problem(self, message: str) -> None:
        self.problem_label.setText(message)
        self.problem_label.show()

    def _photo_bytes(self) -> bytes | None:
        if self.person_id is None:
            return None
        return self.ctx.read(members.photos, [self.person_id]).get(self.person_id)

    # ------------------------------------------------------------ read-only view

    def _build_record(self, d: PersonDetail) -> None:
        if self.record is not None:
            self._layout.removeWidget(self.record)
            self.record.deleteLater()
        record = _ReadOnlyRecord(self)
        self.record = record
        visible = d.visible

        record.section("name", "Name")
        picture = self._photo_bytes()
        if picture:  # an empty "No photo yet" box would only push the words down
            photo = _PhotoBox(record.content)
            photo.choose_button.hide()
            photo.remove_button.hide()
            photo.show_photo(picture, d.full_name)
            photo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            # Qt takes nullptr to clear the proxy; PySide6's stubs leave out the None.
            photo.setFocusProxy(None)  # type: ignore[arg-type]
            record.widget_in_section(photo)
        record.item("Full name", d.full_name)
        record.item("Known as", d.known_as or d.full_name)
        record.item("Kind of person", ", ".join(KIND_WORDS.get(k, k) for k in d.kinds))
        panel = self._make_what_matters(record.content)
        if panel is not None:
            record.layout_.addWidget(panel)
        if (offer := self._make_offer(record.content)) is not None:
            record.layout_.addWidget(offer)

        if "contacts" in visible:
            record.section("contacts", "Contact details")
            record.item("Phone", d.phone)
            record.item("Email", d.email)
            record.item("Address", d.address)
        if "emergency" in visible:
            record.section("emergency", "Emergency contacts")
            if not d.emergency_contacts:
                record.line("No emergency contacts are recorded.")
            for contact in d.emergency_contacts:
                words = contact.name + (
                    f" ({contact.relationship})" if contact.relationship else ""
                )
                details = contact.phone + (f". {contact.notes}" if contact.notes else "")
                record.item(words, details)
        links = [f"{LINK_WORDS.get(ln.kind, ln.kind)} {ln.other_name}" for ln in d.links]
        links += [
            f"{LINK_INVERSE_WORDS.get(ln.kind, ln.kind)} {ln.other_name}" for ln in d.linked_from
        ]
        if links:
            record.section("links", "Links to other people")
            for words in links:
                record.line(words)
        if "needs" in visible:
            record.section("needs", "Access needs")
            record.item("Getting about (mobility)", d.mobility)
            record.item("Hearing", d.hearing)
            record.item("Sight", d.sight)
            record.item("Diet and allergies", d.diet)
            record.section("communication", "Communication tips")
            record.line(d.communication_tips or NOT_RECORDED)
        if "consent" in visible:
            record.section("consent", "Consent")
            if not d.consents:
                record.line("No consent records.")
            for consent in d.consents:
                record.item(CONSENT_WORDS.get(consent.what, consent.what), _consent_words(consent))
        if "status" in visible:
            record.section("status", "Status")
            status = STATUS_WORDS.get(d.status, d.status)
            if d.status != "active" and d.status_on:
                status += f" since {day_words(d.status_on)}"
            record.item("Status", status)
            record.item("Joined", day_words(d.joined_on))
        note = QLabel("Only the coordinator can change these details.", record.content)
        note.setProperty("role", "help")
        note.setWordWrap(True)
        record.layout_.addSpacing(12)
        record.layout_.addWidget(note)
        record.finish()
        self._layout.addWidget(record, 1)
        record.show()

    def _build_erased(self, day: date) -> None:
        """The record of someone whose details were erased: one plain line, read-only."""
        if self.record is not None:
            self._layout.removeWidget(self.record)
            self.record.deleteLater()
        self.help_text = HELP_ERASED
        record = _ReadOnlyRecord(self)
        self.record = record
        record.section("erased", "Details erased")
        record.line(erased_words(day))
        record.finish()
        self._layout.addWidget(record, 1)
        record.show()

    def section_keys(self) -> list[str]:
        """The sections the page shows (read-only view), e.g. ["name", "needs"]."""
        if self.record is None:
            return []
        return [
            w.objectName().removeprefix("section-")
            for w in self.record.content.findChildren(QWidget)
            if w.objectName().startswith("section-")
        ]

    # ------------------------------------------------------------ what matters to me

    def _make_what_matters(self, parent: QWidget | None) -> WhatMattersPanel | None:
        """The "What matters to me" section, for roles that may see notes or needs."""
        ctx = self.ctx
        if self.person_id is None or not (ctx.can("notes.see_shared") or ctx.can("needs.see")):
            return None
        panel = WhatMattersPanel(
            parent, can_add=ctx.can("notes.add"), can_print=ctx.can("about_me.print")
        )
        if panel.add_button is not None:
            panel.add_button.clicked.connect(self.add_note_about)
            self.conversation_button = BigButton(
                "Start a picture conversation", panel.buttons, variant="secondary"
            )
            self.conversation_button.clicked.connect(self.start_conversation)
            panel.buttons.add_widget(self.conversation_button)
        if panel.print_button is not None:
            panel.print_button.clicked.connect(self.print_about_me)
        self.what_matters = panel
        return panel

    def _make_offer(self, parent: QWidget | None) -> QWidget | None:
        """The person's skills and free times in one line, with the button that opens
        their skills, free times and checks (issue 7), for roles that may see skills."""
        if self.person_id is None or not self.ctx.can("volunteers.see"):
            return None
        from clubapp.ui.pages.person_skills import OfferSummary

        return OfferSummary(self.ctx, self.person_id, parent)

    def _show_what_matters(self) -> None:
        panel = self.what_matters
        if panel is None or self.person_id is None:
            return
        try:
            matters = self.ctx.read(notes.what_matters, self.person_id)
        except (NotFound, NotAllowed) as exc:
            panel.hide()
            self._show_problem(str(exc))
            return
        panel.show_matters(matters)
        from clubapp.ui.pages.person_conversations import show_picture_conversations

        show_picture_conversations(self.ctx, panel, self.person_id)
        if self._notice:
            panel.show_notice(self._notice)
        else:
            panel.clear_notice()

    def _display_name(self) -> str:
        if self.detail is None:
            return ""
        return self.detail.known_as or self.detail.full_name

    def add_note_about(self) -> None:
        """Open the note editor for this person, on top of this page."""
        assert self.person_id is not None
        self.clear_notice()
        self.ctx.navigator.push(NoteEditorPage(self.ctx, self.person_id))

    def start_conversation(self) -> None:
        """Start a picture conversation with this person, on top of this page."""
        from clubapp.ui.conversation.start import ConversationStartPage

        self.clear_notice()
        self.ctx.navigator.push(ConversationStartPage(self.ctx, self.person_id))

    def print_about_me(self) -> bool:
        """Make the person's About me page and show it; if it cannot be made, say why."""
        from clubapp.ui.widgets.messages import busy_cursor

        assert self.person_id is not None
        ctx = self.ctx
        name = self._display_name()
        self.clear_notice()
        try:
            with busy_cursor():
                pdf = ctx.read(committee_printouts.about_me, self.person_id, ctx.today())
        except (ValidationError, NotAllowed, NotFound, KnownError) as exc:
            tell(self, "The About me page was not made", str(exc))
            return False
        ctx.navigator.show_pdf(f"About me: {name}", lambda: pdf, about_me_file_name(name))
        return True

    def show_notice(self, text: str, _note_id: int | None = None) -> None:
        """A short line under What matters to me ("Saved the note about Peggy.")."""
        self._notice = text
        if self.what_matters is not None:
            self.what_matters.show_notice(text)
        else:
            tell(self, "Done", text)

    def clear_notice(self) -> None:
        self._notice = ""
        if self.what_matters is not None:
            self.what_matters.clear_notice()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().hideEvent(event)
        # A notice is about what just happened; coming back later it would mislead.
        if not self.isVisible():
            self.clear_notice()

    # ------------------------------------------------------------ the form

    def _build_form(self) -> None:
        if self.form is not None:
            return
        self.editable = True
        today = self.ctx.today()
        form = FormPanel(self)
        self.form = form
        self._order: list[str | Callable[[], list[tuple[str, FieldRow]]]] = []

        def heading(text: str) -> None:
            label = QLabel(text, form.widget())
            label.setProperty("role", "subheading")
            label.setWordWrap(True)
            form.add_widget(label)

        def field(name: str, label: str, editor: QWidget, help_text: str = "") -> FieldRow:
            self._order.append(name)
            return form.add_field(name, label, editor, help_text)

        if self.person_id is not None:
            panel = self._make_what_matters(form.widget())
            if panel is not None:
                form.add_widget(panel)
            if (offer := self._make_offer(form.widget())) is not None:
                form.add_widget(offer)

        heading("Name")
        self.full_name = QLineEdit()
        field("full_name", "Full name", self.full_name)
        self.known_as = QLineEdit()
        field(
            "known_as",
            "Known as",
            self.known_as,
            "The name they like to be called. Leave it empty to use the full name.",
        )

        heading("Kind of person")
        # A grid: every box as wide as the widest, so wrapped lines line up.
        kinds = FlowBox(spacing=8, uniform=True)
        self.kind_boxes: dict[str, QCheckBox] = {}
        for code, words in KIND_WORDS.items():
            box = _BigCheck(words, kinds)
            self.kind_boxes[code] = box
            kinds.add_widget(box)
        kinds.setFocusProxy(next(iter(self.kind_boxes.values())))
        field("kinds", "Tick every kind that fits this person", kinds)

        heading("Contact details")
        self.phone = QLineEdit()
        field("phone", "Phone", self.phone)
        self.email = QLineEdit()
        field("email", "Email", self.email)
        self.address = TextBox(3)
        field("address", "Address", self.address)

        heading("Emergency contacts")
        self.emergency = _EntryList(
            "emergency",
            lambda i: f"Emergency contact {i}",
            "Add an emergency contact",
            "No emergency contacts yet.",
            lambda: _EmergencyEntry(),
        )
        form.add_widget(self.emergency)
        self._order.append(self.emergency.named_rows)

        heading("Links to other people")
        self.links = _EntryList(
            "link",
            lambda i: f"Link {i}",
            "Add a link to another person",
            "This person is not linked to anyone yet (as a carer, family or attorney).",
            lambda: _LinkEntry(self._people, self.person_id),
        )
        form.add_widget(self.links)
        self._order.append(self.links.named_rows)
        self.linked_from_label = QLabel(form.widget())
        self.linked_from_label.setWordWrap(True)
        self.linked_from_label.setTextFormat(Qt.TextFormat.PlainText)
        form.add_widget(self.linked_from_label)

        heading("Access needs")
        self.mobility = TextBox(2)
        field("mobility", "Getting about (mobility)", self.mobility)
        self.hearing = TextBox(2)
        field("hearing", "Hearing", self.hearing)
        self.sight = TextBox(2)
        field("sight", "Sight", self.sight)
        self.diet = TextBox(2)
        field("diet", "Diet and allergies", self.diet)

        heading("Communication tips")
        self.communication_tips = TextBox(3)
        field(
            "communication_tips",
            "What helps when talking with them",
            self.communication_tips,
            "For example: speak slowly, face them, use their first name.",
        )

        heading("Photo")
        self.photo_box = _PhotoBox()
        field("photo", "Their photo", self.photo_box)
        self.photo_box.choose_button.clicked.connect(self.choose_photo)
        self.photo_box.remove_button.clicked.connect(self.remove_photo)

        heading("Consent")
        self.consents = _EntryList(
            "consent",
            lambda i: f"Consent record {i}",
            "Add a consent record",
            "No consent records yet.",
            lambda: _ConsentEntry(self.ctx.today()),
        )
        form.add_widget(self.consents)
        self._order.append(self.consents.named_rows)

        heading("Status")
        self.status = ChoiceCombo(chars=14)
        self.status.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for code, words in STATUS_WORDS.items():
            self.status.addItem(words, code)
        field(
            "status",
            "Status",
            self.status,
            "People are never deleted from the records. If someone pauses, leaves or dies, "
            "change their status.",
        )
        self.status_on = DateEdit(today)
        field("status_on", "Since (the date the status changed)", self.status_on)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.joined = _OptionalDate("We know the date they joined", "Date they joined", today)
        field("joined_on", "Joined the club", self.joined)
        if self.person_id is not None and self.ctx.can("privacy.manage"):
            # The coordinator's part for subject access and erasure (issue 8), in its box.
            from clubapp.ui.pages.person_privacy import PrivacyPart

            self.privacy = PrivacyPart(self, form.widget())
            form.add_widget(self.privacy)

        bar = QWidget(self)
        bar_layout = QVBoxLayout(bar)
        bar_layout.setContentsMargins(0, 0, 0, 0)
        bar_layout.setSpacing(8)
        self.cancel_button = BigButton("Cancel", bar, variant="secondary")
        self.save_button = BigButton("Save person", bar)
        self.errors_summary = QLabel(bar)
        self.errors_summary.setProperty("role", "error")
        self.errors_summary.setWordWrap(True)
        self.errors_summary.hide()
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        bar_layout.addWidget(self.errors_summary)
        bar_layout.addLayout(buttons)
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button.clicked.connect(self.save)
        self._layout.addWidget(form, 1)
        self._layout.addWidget(bar)

    def _status_changed(self) -> None:
        self.status_on.setEnabled(self.status.currentData() != "active")

    def _fill_form(self, d: PersonDetail | None) -> None:
        today = self.ctx.today()
        d = d or PersonDetail(full_name="", kinds=(), joined_on=today)
        self.full_name.setText(d.full_name)
        self.known_as.setText(d.known_as)
        for code, box in self.kind_boxes.items():
            box.setChecked(code in d.kinds)
        self.phone.setText(d.phone)
        self.email.setText(d.email)
        self.address.setText(d.address)
        self.emergency.clear()
        for contact in d.emergency_contacts:
            self.emergency.add().set_value(contact)  # type: ignore[attr-defined]
        self.links.clear()
        for link in d.links:
            self.links.add().set_value(link)  # type: ignore[attr-defined]
        inverse = [
            f"{LINK_INVERSE_WORDS.get(ln.kind, ln.kind)} {ln.other_name}" for ln in d.linked_from
        ]
        self.linked_from_label.setText(
            "Links made on other people's records: " + "; ".join(inverse) + "." if inverse else ""
        )
        self.linked_from_label.setVisible(bool(inverse))
        self.mobility.setText(d.mobility)
        self.hearing.setText(d.hearing)
        self.sight.setText(d.sight)
        self.diet.setText(d.diet)
        self.communication_tips.setText(d.communication_tips)
        self.consents.clear()
        for consent in d.consents:
            self.consents.add().set_value(consent, today)  # type: ignore[attr-defined]
        self.status.setCurrentIndex(max(0, self.status.findData(d.status or "active")))
        self.status_on.set_value(d.status_on or today)
        self._status_changed()
        self.joined.set_value(d.joined_on, today)
        self._show_photo()
        self.clear_errors()
        self._baseline = self.collect()

    def _show_photo(self) -> None:
        if not self.editable:
            return
        box = self.photo_box
        name = self.full_name.text() or (self.detail.full_name if self.detail else "")
        data = self._photo_bytes()
        box.show_photo(data, name)
        saved = self.person_id is not None
        box.choose_button.setEnabled(saved)
        box.remove_button.setEnabled(saved and data is not None)
        box.note.setText(
            "Photos need the person's consent for photos (see Consent below)."
            if saved
            else "Save the person first, then you can add a photo."
        )

    # ------------------------------------------------------------ reading the form

    def collect(self) -> PersonInput:
        """What the form shows now, as the service takes it."""
        status = self.status.currentData()
        return PersonInput(
            full_name=self.full_name.text(),
            known_as=self.known_as.text(),
            kinds=tuple(code for code, box in self.kind_boxes.items() if box.isChecked()),
            phone=self.phone.text(),
            email=self.email.text(),
            address=self.address.text(),
            joined_on=self.joined.value(),
            status=status,
            status_on=self.status_on.value() if status != "active" else None,
            mobility=self.mobility.text(),
            hearing=self.hearing.text(),
            sight=self.sight.text(),
            diet=self.diet.text(),
            communication_tips=self.communication_tips.text(),
            emergency_contacts=tuple(e.value() for e in self.emergency.entries()),  # type: ignore[attr-defined]
            links=tuple(e.value() for e in self.links.entries()),  # type: ignore[attr-defined]
            consents=tuple(e.value() for e in self.consents.entries()),  # type: ignore[attr-defined]
        )

    def has_unsaved_changes(self) -> bool:
        return self.editable and self._baseline is not None and self.collect() != self._baseline

    # ------------------------------------------------------------ errors

    def error_rows(self) -> list[tuple[str, FieldRow]]:
        """Every field that can show an error, by service field name, in screen order."""
        assert self.form is not None
        out: list[tuple[str, FieldRow]] = []
        for item in self._order:
            if isinstance(item, str):
                out.append((item, self.form.field(item)))
            else:
                out.extend(item())
        return out

    def show_errors(self, errors: dict[str, str]) -> FieldRow | None:
        """Each message next to its field; the keyboard goes to the first. Nothing is cleared."""
        assert self.form is not None
        self.clear_errors()
        rows = self.error_rows()
        names = {name for name, _row in rows}
        unknown = [message for name, message in errors.items() if name not in names]
        if unknown:
            self.form.form_error.setText("\n".join(unknown))
            self.form.form_error.show()
        first: FieldRow | None = None
        count = 0
        for name, row in rows:
            if name in errors:
                row.show_error(errors[name])
                first = first or row
                count += 1
        count += len(unknown)
        self.errors_summary.setText(
            "One thing needs fixing before this can be saved. It is shown in red above."
            if count == 1
            else f"{count} things need fixing before this can be saved. They are shown in red above."
        )
        self.errors_summary.show()
        target: QWidget = first if first is not None else self.form.form_error
        if first is not None:
            first.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.form.ensureWidgetVisible(target)
        # Once the messages have taken their place, bring the first one into view again.
        form = self.form
        QTimer.singleShot(0, target, lambda: form.ensureWidgetVisible(target))
        return first

    def clear_errors(self) -> None:
        if self.form is None:
            return
        self.form.form_error.clear()
        self.form.form_error.hide()
        for _name, row in self.error_rows():
            row.clear_error()
        self.errors_summary.hide()

    # ------------------------------------------------------------ actions

    def save(self) -> bool:
        """Save the whole record; True if it was saved (then the page goes back)."""
        if problems := bad_dates(self.error_rows()):
            self.show_errors(problems)
            return False
        data = self.collect()
        try:
            # The draft goes in the same transaction as the record is saved.
            person_id = self.drafts.run_and_forget(
                members.save_person, data, self.person_id, changed=PEOPLE
            )
        except ValidationError as exc:
            errors = dict(exc.errors)
            for name, row in self.links.named_rows():
                if not row.editor.has_person():  # type: ignore[attr-defined]
                    errors[name] = "Choose the person this link is to, or remove the link."
            self.show_errors(errors)
            return False
        except (NotAllowed, NotFound, KnownError) as exc:
            self.show_errors({"": str(exc)})
            return False
        self.person_id = person_id
        self._baseline = data
        self._leaving_ok = True
        name = " ".join(data.full_name.split())
        self.saved.emit(person_id, name)
        navigator = self.ctx.navigator
        navigator.back()
        below = getattr(navigator, "current", None)
        if below is not None and below is not self and hasattr(below, "show_notice"):
            below.show_notice(f"Saved {name}.", person_id)
        elif below is self:
            tell(self, "Saved", f"Saved {name}.")
        return True

    def cancel(self) -> None:
        """Go back; if anything was changed, ask first (see `can_leave`)."""
        self.ctx.navigator.back()

    def can_leave(self) -> bool:
        if self._leaving_ok or not self.has_unsaved_changes():
            return True
        leave = ask_to_confirm(
            self, "Changes not saved", UNSAVED_QUESTION, LEAVE, STAY, danger=True
        )
        if leave:
            self._leaving_ok = True
            self.drafts.forget()
        return leave

    # ------------------------------------------------------------ the draft

    def draft_key(self) -> str | None:
        """Which draft this page keeps: "person:new" or "person:edit:12"."""
        if not self.editable:
            return None
        return "person:new" if self.person_id is None else f"person:edit:{self.person_id}"

    def draft_person_id(self) -> int | None:
        return self.person_id

    def draft_title(self) -> str:
        """ "A new person: Zoe Baker", or "Changes to Bob Baker's details"."""
        if self.person_id is not None and self.detail is not None:
            return f"Changes to {self.detail.full_name}'s details"
        name = " ".join(self.full_name.text().split())
        return f"A new person: {name}" if name else "A new person (no name typed yet)"

    def draft_values(self) -> dict[str, Any] | None:
        """What the form shows, ready to keep as a draft."""
        if not self.editable or self.form is None:
            return None
        values = _plain(self.collect())
        assert isinstance(values, dict)
        return values

    def restore_draft(self, data: dict[str, Any]) -> None:
        """Fill the form with a draft kept earlier; changes are still measured from the
        record as it was loaded."""
        if self.form is None:
            return
        kept = _person_input(data, self.ctx.today())
        base = self.detail or PersonDetail(full_name="", kinds=())
        loaded = self._baseline
        self._fill_form(replace(base, **{f.name: getattr(kept, f.name) for f in fields(kept)}))
        self._baseline = loaded

    def choose_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Choose a photo", str(Path.home()), "Photos (*.jpg *.jpeg *.png *.webp *.bmp)"
        )
        if path:
            self.set_photo_from_file(Path(path))

    def set_photo_from_file(self, path: Path) -> bool:
        """Scale the picture to 512 px at most, save it as JPEG; True if it was saved."""
        assert self.form is not None and self.person_id is not None
        row = self.form.field("photo")
        row.clear_error()
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)  # phone photos stand the right way up
        image = reader.read()
        if image.isNull():
            row.show_error("This file is not a photo clubapp can read. Choose a JPEG or PNG photo.")
            return False
        try:
            self.ctx.run(
                members.set_photo,
                self.person_id,
                photo_to_jpeg(image),
                self.ctx.today(),
                changed=PEOPLE,
            )
        except ValidationError as exc:
            row.show_error(exc.errors.get("photo") or exc.first[1])
            return False
        except (NotAllowed, NotFound, KnownError) as exc:
            row.show_error(str(exc))
            return False
        self._show_photo()
        return True

    def remove_photo(self) -> bool:
        assert self.person_id is not None
        name = self.full_name.text().strip() or "this person"
        if not ask_to_confirm(
            self,
            "Remove photo",
            f"Remove the photo of {name}? You can add a photo again later.",
            "Yes, remove the photo",
            "Go back",
            danger=True,
        ):
            return False
        try:
            self.ctx.run(members.set_photo, self.person_id, None, self.ctx.today(), changed=PEOPLE)
        except (NotAllowed, NotFound, KnownError) as exc:
            assert self.form is not None
            self.form.field("photo").show_error(str(exc))
            return False
        self._show_photo()
        return True


def _plain(value: object) -> object:
    """A form's values as JSON takes them: dates as "2026-11-18", records as dicts."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


def _person_input(data: dict[str, Any], today: date) -> PersonInput:
    """The values of a person's draft back as the form's; what cannot be read is left
    empty rather than stopping the rest."""

    def text(source: dict[str, Any], name: str) -> str:
        value = source.get(name)
        return value if isinstance(value, str) else ""

    def day(source: dict[str, Any], name: str) -> date | None:
        try:
            value = source.get(name)
            return date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None

    def items(name: str) -> list[dict[str, Any]]:
        value = data.get(name)
        return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []

    def number(source: dict[str, Any], name: str) -> int | None:
        value = source.get(name)
        return value if isinstance(value, int) else None

    kinds = data.get("kinds")
    return PersonInput(
        full_name=text(data, "full_name"),
        known_as=text(data, "known_as"),
        kinds=tuple(k for k in kinds if isinstance(k, str)) if isinstance(kinds, list) else (),
        phone=text(data, "phone"),
        email=text(data, "email"),
        address=text(data, "address"),
        joined_on=day(data, "joined_on"),
        status=text(data, "status") or "active",
        status_on=day(data, "status_on"),
        mobility=text(data, "mobility"),
        hearing=text(data, "hearing"),
        sight=text(data, "sight"),
        diet=text(data, "diet"),
        communication_tips=text(data, "communication_tips"),
        emergency_contacts=tuple(
            EmergencyContactData(
                text(c, "name"), text(c, "relationship"), text(c, "phone"), text(c, "notes")
            )
            for c in items("emergency_contacts")
        ),
        links=tuple(
            LinkData(text(ln, "kind"), number(ln, "other_id") or 0, text(ln, "other_name"))
            for ln in items("links")
        ),
        consents=tuple(
            ConsentData(
                what=text(c, "what"),
                given_by=text(c, "given_by"),
                given_on=day(c, "given_on") or today,
                given_by_name=text(c, "given_by_name"),
                review_on=day(c, "review_on"),
                withdrawn_on=day(c, "withdrawn_on"),
                consent_id=number(c, "consent_id"),
            )
            for c in items("consents")
        ),
    )


def erased_words(day: date) -> str:
    return (
        f"This person's details were erased on {long_date(day, weekday=False)}. Only what "
        "the club must keep — amounts, decisions, attendance counts — remains, under "
        "“a former member”."
    )


def about_me_file_name(name: str) -> str:
    """ "about-me-zoë-o-brien.pdf": the name in lower case, with dashes for spaces and marks."""
    words = re.sub(r"[\W_]+", "-", name.casefold()).strip("-")
    return f"about-me-{words or 'member'}.pdf"


def _consent_words(c: ConsentData) -> str:
    """ "Given by their attorney (Jane Smith) on 3 April 2025. Review on …"."""
    giver = GIVER_WORDS.get(c.given_by, c.given_by)
    # The giver's words start a sentence in the form's list ("Their attorney"); here they
    # sit mid-sentence, so only their first letter drops to lower case, never the name.
    who = giver[:1].lower() + giver[1:]
    if c.given_by_name:
        who += f" ({c.given_by_name})"
    words = f"Given by {who} on {day_words(c.given_on)}."
    if c.review_on:
        words += f" Review on {day_words(c.review_on)}."
    if c.withdrawn_on:
        words += f" Withdrawn on {day_words(c.withdrawn_on)}."
    return words

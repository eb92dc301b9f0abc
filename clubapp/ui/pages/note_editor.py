"""Write down, quickly, what a member said in a one-to-one conversation; or change a note.

Open it with ``ctx.navigator.push(NoteEditorPage(ctx, person_id))`` to add a note about
someone, ``NoteEditorPage(ctx, None)`` to choose the member on the page, or
``NoteEditorPage(ctx, None, note_id)`` to open a saved note. "Save note" saves it in one
transaction through `notes.add_note` or `notes.update_note`; a problem is shown next to
its field and nothing typed is cleared. After saving, the page goes back to the page
below it, which says "Saved the note about Peggy." if it can (it has a ``show_notice``).
While typing, a draft is kept (clubapp.ui.drafts) and offered back after a crash; saving
the note removes it in the same transaction.

Who may see a note is decided by the notes service: the page only shows what it is
given. Someone who may not change a note (it is not theirs, and they are not the
coordinator) sees it as plain words.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clubapp.db.errors import KnownError
from clubapp.services import members, notes
from clubapp.services.dates import long_date
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.members import PersonRow
from clubapp.services.notes import KIND_WORDS, VISIBILITY_WORDS, NoteDetail, NoteInput
from clubapp.ui import theme
from clubapp.ui.context import NOTES, AppContext
from clubapp.ui.drafts import DraftKeeper
from clubapp.ui.own_record import own_person_id
from clubapp.ui.pages.base import Page
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.dates import IN_WORDS, DateEdit, bad_dates
from clubapp.ui.widgets.flow import FlowBox, flow_row
from clubapp.ui.widgets.forms import FieldRow, FormPanel
from clubapp.ui.widgets.inputs import BigCheck, BigRadio, PersonChoice, TextBox
from clubapp.ui.widgets.messages import ask_to_confirm, tell

UNSAVED_QUESTION = "You have typed a note that is not saved. Leave without saving it?"
STAY = "Stay and keep my typing"
LEAVE = "Leave without saving"

#: A plain line under each choice of who may see the note.
VISIBILITY_MEANING = {
    "private": "Kept private. Nobody else can read it.",
    "committee_anonymous": (
        "The committee reads your summary, but is never told who said it. "
        "The coordinator can still see the whole note."
    ),
    "committee_named": (
        "Only if the member agreed to be named. The committee and the volunteers can "
        "read the whole note with their name."
    ),
}
SUMMARY_LABELS = {
    "committee_anonymous": "Summary for the committee (they read this instead of the note)",
    "committee_named": "Summary for the committee (if you leave it empty, they read the note)",
}
SUMMARY_HELP = "Do not put their name in it."
HEALTH_HELP = (
    "Notes about health need the member's consent, recorded on their page. This is "
    "ticked for you when the note is about a need. Untick it if it is not about health."
)
FLAG_HELP = "The committee will see it in its inbox when it plans the next meeting."
FLAG_ON_AGENDA_HELP = (
    "This note is already on a meeting's agenda, so it stays with the committee and "
    "in “You said, we did”."
)
FLAG_PRIVATE_HELP = (
    "A note only the coordinator may see cannot go to the committee. To send it, choose "
    "one of the committee choices under Who may see it."
)
CHOOSE_MEMBER = (
    "Choose the member this note is about: type part of their name, then pick them "
    "from the list under the box."
)
CHOOSE_TAKER = (
    "Nobody in the list has that name. Type part of a name and pick them from the list "
    "under the box, or empty the box."
)
HELP_TEXT = (
    "Write down what a member told you, in their own words if you can. Choose what kind "
    "of note it is and who may see it. A note only the coordinator may see stays "
    "private. If the member wants the committee to hear about it, choose one of the "
    "committee choices and tick “Send to the committee's inbox”. Then press “Save note”. "
    "Nothing is saved until you press it. If something needs fixing, a message in red "
    "says what to do, next to the box it is about."
)
HELP_READ_ONLY = (
    "This is a note someone wrote about a conversation with a member. Only the "
    "coordinator or the person who wrote it can change it. Press “Go back” to return."
)


def person_words(person: PersonRow) -> str:
    """ "Peggy (Margaret Holloway)", or just the full name when there is no other name."""
    if person.known_as and person.known_as != person.full_name:
        return f"{person.known_as} ({person.full_name})"
    return person.full_name


def _indent() -> int:
    """How far a line under a radio button starts: past its dot, so it reads as its own."""
    return theme.scaled_px(32 + 12 + 8 + 6, theme.current_scale())


class _Indented(QWidget):
    """A plain help line set in under the words of the check box or radio button above it.

    (The stylesheet sets a label's own margins, so the indent is the layout's.)
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(text, self)
        self.label.setProperty("role", "help")
        self.label.setWordWrap(True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(_indent(), 0, 0, 0)
        self._layout.addWidget(self.label)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._layout.setContentsMargins(_indent(), 0, 0, 0)


class _KindChoice(FlowBox):
    """One large radio button for each kind of note, in a grid that wraps at large text."""

    #: The kind code, when the person chooses one (not when the page fills it in).
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, spacing=12, uniform=True)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, BigRadio] = {}
        for code, words in KIND_WORDS.items():
            button = BigRadio(words, self)
            self.group.addButton(button)
            self.buttons[code] = button
            self.add_widget(button)
        self.group.buttonClicked.connect(self._clicked)
        self.setFocusProxy(self.buttons[next(iter(KIND_WORDS))])

    def _clicked(self, button: object) -> None:
        for code, candidate in self.buttons.items():
            if candidate is button:
                self.chosen.emit(code)

    def value(self) -> str:
        return next((code for code, b in self.buttons.items() if b.isChecked()), "")

    def set_value(self, code: str) -> None:
        button = self.buttons.get(code)
        if button is not None:
            button.setChecked(True)
            return
        # No kind chosen yet: a chosen radio button only lets go while it is not exclusive.
        self.group.setExclusive(False)
        for b in self.buttons.values():
            b.setAutoExclusive(False)
            b.setChecked(False)
            b.setAutoExclusive(True)
        self.group.setExclusive(True)


class _VisibilityChoice(QWidget):
    """Three large radio buttons, each with a plain line under it saying what it means."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, BigRadio] = {}
        self.meanings: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for code, words in VISIBILITY_WORDS.items():
            button = BigRadio(words, self, wrap=True)
            button.setAccessibleDescription(VISIBILITY_MEANING[code])
            self.group.addButton(button)
            self.buttons[code] = button
            meaning = _Indented(VISIBILITY_MEANING[code], self)
            self.meanings[code] = meaning.label
            layout.addWidget(button)
            layout.addWidget(meaning)
            layout.addSpacing(8)
        self.buttons["private"].setChecked(True)
        self.group.buttonToggled.connect(self._toggled)
        self.setFocusProxy(self.buttons["private"])

    def _toggled(self, button: object, checked: bool) -> None:
        if checked:
            self.changed.emit(self.value())

    def value(self) -> str:
        return next((code for code, b in self.buttons.items() if b.isChecked()), "private")

    def set_value(self, code: str) -> None:
        self.buttons.get(code, self.buttons["private"]).setChecked(True)


def flag_follows_sharing(check: BigCheck, shared: bool, was_shared: bool, wanted: bool) -> bool:
    """The "send to the committee" tick follows who may see it: off (and not pressable)
    while it is private, back as it was when shared again. Returns the tick wanted."""
    if not shared:
        if was_shared:
            wanted = check.isChecked()
        check.setChecked(False)
    elif not was_shared:
        check.setChecked(wanted)
    return wanted


class _CheckWithNote(QWidget):
    """A big check box with a plain line under it that says what ticking it means."""

    def __init__(self, text: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = BigCheck(text, self)
        self.check.setAccessibleName(text)
        indented = _Indented(note, self)
        self.note = indented.label
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.check, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(indented)
        self.set_note(note)
        self.setFocusProxy(self.check)

    def set_note(self, note: str) -> None:
        self.note.setText(note)
        self.check.setAccessibleDescription(note)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt name)
        # A FieldRow names its editor after its label; the box keeps its own words.
        super().setAccessibleName(name)
        self.check.setAccessibleName(self.check.text())


class _Form(FormPanel):
    """The form, which asks for little height and takes what the page has.

    Qt's own hint for a scroll area is tall; the page sits in a scroll area of its own,
    and would then grow taller than the window and push Save off the screen.
    """

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        return QSize(hint.width(), theme.scaled_px(120, theme.current_scale()))


class _ReadOnlyNote(QWidget):
    """A note as plain words, for someone who may read it but not change it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(12, 12, 12, 12)
        self.layout_.setSpacing(6)

    def item(self, label: str, value: str) -> None:
        name = QLabel(label, self)
        name.setProperty("role", "label")
        name.setWordWrap(True)
        text = QLabel(value, self)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(name)
        self.layout_.addWidget(text)
        self.layout_.addSpacing(10)


class NoteEditorPage(Page):
    """Add a note (about ``person_id``, or a member chosen on the page) or open ``note_id``."""

    help_text = HELP_TEXT
    domains = ()  # the page is filled once; nothing said elsewhere clears what is typed
    #: After a successful save: the note's id.
    saved = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        person_id: int | None,
        note_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.person_id = person_id
        self.note_id = note_id
        self.detail: NoteDetail | None = None
        self.editable = False
        self.form: FormPanel | None = None
        self.member: PersonChoice | None = None
        self.member_name = ""
        self._people: list[PersonRow] = []
        self._baseline: tuple[Any, ...] | None = None
        self._leaving_ok = False
        self._loaded = False
        # The tick for the committee's inbox, kept while "Only the coordinator" is
        # chosen, so choosing a committee choice again brings it back.
        self._flag_wanted = False
        self._was_shared = False
        self._on_agenda = False
        self._consent_for: int | None = None
        # What is typed is kept as a draft while typing, to offer back after a crash.
        self.drafts = DraftKeeper(self)
        self.title = "Adding a note" if note_id is None else "A note"
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
        if self._loaded:
            return  # filled once: a change saved elsewhere never clears what is typed here
        self._loaded = True
        try:
            if self.note_id is not None:
                self.detail = self.ctx.read(notes.get_note, self.note_id)
            elif not self.ctx.can("notes.add"):
                raise NotAllowed("Your role cannot add one-to-one notes.")
            self._people = self.ctx.read(members.list_people)
            if self.detail is not None:
                self.member_name = self.detail.person_name
            elif self.person_id is not None:
                self.member_name = self._name_of(self.person_id)
        except (NotFound, NotAllowed, KnownError) as exc:
            self._show_problem(str(exc))
            return
        if self.member_name:
            self.title = f"A note about {self.member_name}"
        detail = self.detail
        self.editable = (
            detail is None
            or self.ctx.can("notes.see_all")
            or (detail.created_by is not None and detail.created_by == self.ctx.actor.user_id)
        )
        if self.editable:
            self._build_form()
            self._fill_form(detail)
            assert self.form is not None
            self.drafts.start(self.form)
        else:
            assert detail is not None
            self.help_text = HELP_READ_ONLY
            self._build_read_only(detail)

    def _name_of(self, person_id: int) -> str:
        for person in self._people:
            if person.person_id == person_id:
                return person.display_name
        return self.ctx.read(members.get_person, person_id).display_name

    def _show_problem(self, message: str) -> None:
        self.problem_label.setText(message)
        self.problem_label.show()

    # ------------------------------------------------------------ the form

    def _build_form(self) -> None:
        today = self.ctx.today()
        form = _Form(self)
        self.form = form
        form.errors_changed.connect(self._count_errors)
        content = form.widget()

        if self.detail is not None:
            self.status_label = QLabel(content)
            self.status_label.setWordWrap(True)
            self.status_label.setTextFormat(Qt.TextFormat.PlainText)
            self.superseded_button = BigButton("", content, variant="secondary")
            self.superseded_button.clicked.connect(self.toggle_superseded)
            form.add_widget(self.status_label)
            form.add_widget(flow_row(self.superseded_button))

        if self.person_id is None:
            self.member = PersonChoice(content)
            form.add_field(
                "person_id",
                "The member this note is about",
                self.member,
                "Type part of their name, then choose them from the list.",
            )
        else:
            # The member is fixed: their name as a heading, the full name too if it differs.
            row = next((p for p in self._people if p.person_id == self.person_id), None)
            label = QLabel("The member this note is about", content)
            label.setProperty("role", "label")
            label.setWordWrap(True)
            self.member_heading = QLabel(
                person_words(row) if row is not None else self.member_name, content
            )
            self.member_heading.setProperty("role", "subheading")
            self.member_heading.setWordWrap(True)
            self.member_heading.setTextFormat(Qt.TextFormat.PlainText)
            fixed = QWidget(content)
            fixed_layout = QVBoxLayout(fixed)
            fixed_layout.setContentsMargins(0, 0, 0, 0)
            fixed_layout.setSpacing(6)
            fixed_layout.addWidget(label)
            fixed_layout.addWidget(self.member_heading)
            form.add_widget(fixed)

        self.on_date = DateEdit(today, content, display_format=IN_WORDS)
        form.add_field("on_date", "Date of the conversation", self.on_date)

        self.taken_by = PersonChoice(content)
        form.add_field(
            "taken_by_id",
            "Who had the conversation",
            self.taken_by,
            "Leave it empty if you do not know.",
        )

        self.kind = _KindChoice(content)
        self.kind.chosen.connect(self._kind_chosen)
        form.add_field("kind", "What kind of note is this?", self.kind)

        self.text = TextBox(5, content)
        form.add_field("text", "What they said, in their own words if you can", self.text)

        self.visibility = _VisibilityChoice(content)
        form.add_field("visibility", "Who may see it", self.visibility)

        self.summary = TextBox(3, content)
        form.add_field("summary", SUMMARY_LABELS["committee_anonymous"], self.summary, SUMMARY_HELP)

        self.named_agreed_on = DateEdit(today, content, display_format=IN_WORDS)
        form.add_field("named_agreed_on", "The member agreed to be named on", self.named_agreed_on)

        self.health = _CheckWithNote("This is about their health", HEALTH_HELP, content)
        form.add_field("health_related", "Health", self.health)
        # Shown with the refusal for want of consent: their page opens on top of this
        # one, so the note waits here, typed, until they come back.
        self.consent_button = BigButton("Record their consent", content, variant="secondary")
        self.consent_button.hide()
        self.consent_button.clicked.connect(self.record_consent)
        form.add_widget(flow_row(self.consent_button))

        self.flag = _CheckWithNote("Send to the committee's inbox", FLAG_HELP, content)
        form.add_field("flagged", "The committee", self.flag)

        self.visibility.changed.connect(self._visibility_changed)

        bar = QWidget(self)
        bar_layout = QVBoxLayout(bar)
        bar_layout.setContentsMargins(0, 0, 0, 0)
        bar_layout.setSpacing(8)
        self.errors_summary = QLabel(bar)
        self.errors_summary.setProperty("role", "error")
        self.errors_summary.setWordWrap(True)
        self.errors_summary.hide()
        self.cancel_button = BigButton("Cancel", bar, variant="secondary")
        self.save_button = BigButton("Save note", bar)
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

    def _offer_people(self, choice: PersonChoice, keep: int | None, keep_name: str) -> None:
        """Offer the active people, and ``keep`` (someone a saved note names) whatever they are."""
        active = [p for p in self._people if p.status in ("", "active") or p.person_id == keep]
        choice.set_people([(p.person_id, person_words(p)) for p in active])
        if keep is not None and choice.findData(keep) < 0:
            choice.add_person(keep, keep_name or "Someone no longer listed")

    def _own_person_id(self) -> int | None:
        """The signed-in user's own record: the one person whose name is the user's name."""
        return own_person_id(self.ctx.actor, self._people)

    def _fill_form(self, d: NoteDetail | None) -> None:
        today = self.ctx.today()
        if self.member is not None:
            keep = d.person_id if d is not None else None
            self._offer_people(self.member, keep, d.person_name if d is not None else "")
            self.member.set_value(keep)
        taker = d.taken_by_id if d is not None else self._own_person_id()
        self._offer_people(self.taken_by, taker, d.taken_by if d is not None else "")
        self.taken_by.set_value(taker)
        self.on_date.set_value(d.on_date if d is not None else today)
        self.kind.set_value(d.kind if d is not None else "")
        self.text.setText(d.text if d is not None else "")
        self.visibility.set_value(d.visibility if d is not None else "private")
        self.summary.setText(d.summary if d is not None else "")
        agreed = d.named_agreed_on if d is not None else None
        self.named_agreed_on.set_value(agreed or (d.on_date if d is not None else today))
        self.health.check.setChecked(d.health_related if d is not None else False)
        self._on_agenda = d.on_agenda if d is not None else False
        self._flag_wanted = d.flagged if d is not None else False
        self._was_shared = self.visibility.value() != "private"
        self.flag.check.setChecked(self._flag_wanted and self._was_shared)
        self._visibility_changed(self.visibility.value())
        if d is not None:
            self._show_status(d.superseded_on)
        self.clear_errors()
        self._baseline = self._state()

    def _kind_chosen(self, code: str) -> None:
        if code == "need":
            self.health.check.setChecked(True)

    def _visibility_changed(self, code: str) -> None:
        assert self.form is not None
        shared = code != "private"
        summary = self.form.field("summary")
        summary.setVisible(shared)
        if shared:
            summary.label.setText(SUMMARY_LABELS[code])
            self.summary.setAccessibleName(SUMMARY_LABELS[code])
        self.form.field("named_agreed_on").setVisible(code == "committee_named")
        self._flag_wanted = flag_follows_sharing(
            self.flag.check, shared, self._was_shared, self._flag_wanted
        )
        self._was_shared = shared
        if self._on_agenda and shared:
            self.flag.check.setChecked(True)
        self.flag.check.setEnabled(shared and not self._on_agenda)
        if self._on_agenda:
            self.flag.set_note(FLAG_ON_AGENDA_HELP)
        else:
            self.flag.set_note(FLAG_HELP if shared else FLAG_PRIVATE_HELP)

    def _show_status(self, superseded_on: date | None) -> None:
        if superseded_on is None:
            self.status_label.setText("This note is still true.")
            self.superseded_button.setText("Mark it as no longer true")
        else:
            self.status_label.setText(
                f"Marked as no longer true on {long_date(superseded_on, weekday=False)}. It "
                "stays in the record, but What matters to me no longer shows it."
            )
            self.superseded_button.setText("Mark it as true again")

    # ------------------------------------------------------------ the read-only view

    def _build_read_only(self, d: NoteDetail) -> None:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view = _ReadOnlyNote()
        view.item("Member", d.person_name)
        view.item("Date of the conversation", long_date(d.on_date, weekday=False))
        view.item("Who had the conversation", d.taken_by or "Not recorded")
        view.item("Kind of note", d.kind_words)
        view.item("What they said", d.text)
        view.item("Who may see it", d.visibility_words)
        if d.summary:
            view.item("Summary for the committee", d.summary)
        if d.health_related:
            view.item("Health", "This is about their health.")
        if d.superseded_on is not None:
            view.item(
                "Still true?",
                f"No. Marked as no longer true on {long_date(d.superseded_on, weekday=False)}.",
            )
        note = QLabel("Only the coordinator or the person who wrote this note can change it.")
        note.setProperty("role", "help")
        note.setWordWrap(True)
        view.layout_.addWidget(note)
        view.layout_.addStretch(1)
        scroll.setWidget(view)
        self.read_only_view = view
        self.back_button = BigButton("Go back", self, variant="secondary")
        self.back_button.clicked.connect(self.ctx.navigator.back)
        self._layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        self._layout.addLayout(row)

    # ------------------------------------------------------------ reading the form

    def _state(self) -> tuple[Any, ...]:
        """Everything the form shows, as typed (to tell whether anything changed)."""
        return (
            self.member.currentText() if self.member is not None else self.person_id,
            self.on_date.value(),
            self.taken_by.currentText(),
            self.kind.value(),
            self.text.text(),
            self.visibility.value(),
            self.summary.text(),
            self.named_agreed_on.value(),
            self.health.check.isChecked(),
            self.flag.check.isChecked(),
        )

    def chosen_person_id(self) -> int | None:
        if self.member is None:
            return self.person_id
        return self.member.value()

    def collect(self) -> NoteInput:
        """What the form shows now, as the service takes it (a member must be chosen)."""
        person_id = self.chosen_person_id()
        assert person_id is not None
        return self.collect_as(person_id)

    def collect_as(self, person_id: int) -> NoteInput:
        visibility = self.visibility.value()
        return NoteInput(
            person_id=person_id,
            on_date=self.on_date.value(),
            kind=self.kind.value(),
            text=self.text.text(),
            visibility=visibility,
            summary=self.summary.text() if visibility != "private" else "",
            taken_by_id=self.taken_by.value(),
            named_agreed_on=(
                self.named_agreed_on.value() if visibility == "committee_named" else None
            ),
            health_related=self.health.check.isChecked(),
            flagged=self.flag.check.isChecked() and visibility != "private",
        )

    def has_unsaved_changes(self) -> bool:
        return self.editable and self._baseline is not None and self._state() != self._baseline

    # ------------------------------------------------------------ errors

    def show_errors(self, errors: dict[str, str]) -> FieldRow | None:
        """Each message next to its field; the keyboard goes to the first. Nothing is cleared."""
        assert self.form is not None
        form = self.form
        first = form.show_errors(errors)
        self.errors_summary.setProperty("role", "error")
        theme.repolish(self.errors_summary)
        self._count_errors()
        target: QWidget = first.error_label if first is not None else form.form_error
        form.ensureWidgetVisible(target, 0, 16)
        # Once the messages have taken their place, bring the first one into view again.
        QTimer.singleShot(0, target, lambda: form.ensureWidgetVisible(target, 0, 16))
        return first

    def _count_errors(self) -> None:
        # Counted from the form, so the line follows as each field is put right.
        if self.form is None:
            return
        if not self.form.field("health_related").has_error():
            self.consent_button.hide()  # unticked "about their health": no consent needed
        if self.errors_summary.property("role") != "error":
            return
        count = self.form.error_count()
        self.errors_summary.setText(
            "Not saved yet: one thing needs fixing. It is shown in red above."
            if count == 1
            else f"Not saved yet: {count} things need fixing. They are shown in red above."
        )
        self.errors_summary.setVisible(count > 0)

    def clear_errors(self) -> None:
        if self.form is not None:
            self.form.clear_errors()
            self.errors_summary.hide()

    def _choice_problems(self) -> dict[str, str]:
        """What the page itself can tell is missing before asking the service."""
        problems = {}
        if self.member is not None and self.member.value() is None:
            problems["person_id"] = CHOOSE_MEMBER
        if self.taken_by.is_unknown():
            problems["taken_by_id"] = CHOOSE_TAKER
        return problems

    # ------------------------------------------------------------ actions

    def save(self) -> bool:
        """Save the note; True if it was saved (then the page goes back and says so)."""
        if not self.editable or self.form is None:
            return False
        problems = {**bad_dates(self.form.fields()), **self._choice_problems()}
        if problems:
            if "person_id" in problems:  # say what else is missing too, all at once
                unchosen = replace(self.collect_as(0), taken_by_id=None)
                for field, message in notes.problems_before_choosing(
                    unchosen, self.ctx.today()
                ).items():
                    problems.setdefault(field, message)
            self.show_errors(problems)
            return False
        data = self.collect()
        today = self.ctx.today()
        try:
            # The draft goes in the same transaction as the note is saved.
            if self.note_id is None:
                self.note_id = self.drafts.run_and_forget(
                    notes.add_note, data, today, changed=NOTES
                )
            else:
                self.drafts.run_and_forget(
                    notes.update_note, self.note_id, data, today, changed=NOTES
                )
        except ValidationError as exc:
            self.show_errors(dict(exc.errors))
            self._offer_consent("health_related" in exc.errors, data.person_id)
            return False
        except (NotAllowed, NotFound, KnownError) as exc:
            self.show_errors({"": str(exc)})
            return False
        self._baseline = self._state()
        self._leaving_ok = True
        assert self.note_id is not None
        self.saved.emit(self.note_id)
        self._say_saved(self._saved_words(data))
        return True

    def _offer_consent(self, wanted: bool, person_id: int) -> None:
        shown = wanted and self.ctx.can("consent.edit")
        self._consent_for = person_id if shown else None
        if shown:
            name = self._name_of(person_id)
            self.consent_button.setText(f"Record {name}'s consent" if name else "Record consent")
        self.consent_button.setVisible(shown)

    def record_consent(self) -> None:
        """Open the member's page on top of this one, to record their consent."""
        from clubapp.ui.pages.person import PersonPage

        if self._consent_for is not None:
            self.ctx.navigator.push(PersonPage(self.ctx, self._consent_for))

    def show_notice(self, text: str, _person_id: int | None = None) -> None:
        """Back from the member's page: say so, and let the note be saved again."""
        self.consent_button.hide()
        self.clear_errors()
        self.errors_summary.setText(f"{text} Press “Save note” to save this note now.")
        self.errors_summary.setProperty("role", "label")
        theme.repolish(self.errors_summary)
        self.errors_summary.show()

    def _saved_words(self, data: NoteInput) -> str:
        name = self.member_name
        if self.member is not None:
            name = next(
                (p.display_name for p in self._people if p.person_id == data.person_id), name
            )
        words = f"Saved the note about {name}." if name else "Saved the note."
        if not self.ctx.can("notes.see_all") and data.visibility != "committee_named":
            words += " It is not shared with the name, so it will not show in your notes."
        return words

    def _say_saved(self, words: str) -> None:
        navigator = self.ctx.navigator
        navigator.back()
        below = getattr(navigator, "current", None)
        if below is not None and below is not self and hasattr(below, "show_notice"):
            below.show_notice(words, self.note_id)
        else:
            tell(below if isinstance(below, QWidget) else self, "Saved", words)

    def toggle_superseded(self) -> bool:
        """Mark the note as no longer true, or as true again; True if that was saved."""
        assert self.detail is not None and self.note_id is not None
        was = self.detail.superseded_on
        try:
            self.ctx.run(
                notes.set_superseded,
                self.note_id,
                was is None,
                self.ctx.today(),
                changed=NOTES,
            )
        except (NotAllowed, NotFound, KnownError) as exc:
            self.show_errors({"": str(exc)})
            return False
        superseded_on = self.ctx.today() if was is None else None
        self.detail = _with_superseded(self.detail, superseded_on)
        self._show_status(superseded_on)
        self.superseded_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def cancel(self) -> None:
        """Go back; if anything was typed, ask first (see `can_leave`)."""
        self.ctx.navigator.back()

    def can_leave(self) -> bool:
        if self._leaving_ok or not self.has_unsaved_changes():
            return True
        leave = ask_to_confirm(self, "Note not saved", UNSAVED_QUESTION, LEAVE, STAY, danger=True)
        if leave:
            self._leaving_ok = True
            self.drafts.forget()
        return leave

    # ------------------------------------------------------------ the draft

    def draft_key(self) -> str | None:
        """Which draft this page keeps: "note:edit:34", "note:new:person=12" or "note:new"."""
        if not self.editable:
            return None
        if self.note_id is not None:
            return f"note:edit:{self.note_id}"
        if self.person_id is not None:
            return f"note:new:person={self.person_id}"
        return "note:new"

    def draft_person_id(self) -> int | None:
        return self.chosen_person_id() if self.form is not None else self.person_id

    def draft_title(self) -> str:
        """ "A note about Peggy (Margaret Holloway)", in the list of drafts."""
        person_id = self.draft_person_id()
        row = next((p for p in self._people if p.person_id == person_id), None)
        name = person_words(row) if row is not None else self.member_name
        if self.note_id is not None:
            return f"Changes to a note about {name}" if name else "Changes to a note"
        return f"A note about {name}" if name else "A note (no member chosen yet)"

    def draft_values(self) -> dict[str, Any] | None:
        """What the form shows, ready to keep as a draft."""
        if not self.editable or self.form is None:
            return None
        return {
            "person_id": self.chosen_person_id(),
            "member_words": self.member.currentText() if self.member is not None else "",
            "on_date": self.on_date.value().isoformat(),
            "taken_by_id": self.taken_by.value(),
            "taken_by_words": self.taken_by.currentText(),
            "kind": self.kind.value(),
            "text": self.text.text(),
            "visibility": self.visibility.value(),
            "summary": self.summary.text(),
            "named_agreed_on": self.named_agreed_on.value().isoformat(),
            "health_related": self.health.check.isChecked(),
            "flagged": self.flag.check.isChecked(),
        }

    def restore_draft(self, data: dict[str, Any]) -> None:
        """Fill the form with a draft kept earlier (what cannot be read is left as it is)."""
        if self.form is None:
            return
        if self.member is not None:
            _choose(self.member, data.get("person_id"), data.get("member_words"))
        _choose(self.taken_by, data.get("taken_by_id"), data.get("taken_by_words"))
        if (day := _day(data.get("on_date"))) is not None:
            self.on_date.set_value(day)
        self.kind.set_value(str(data.get("kind") or ""))
        self.text.setText(str(data.get("text") or ""))
        self.visibility.set_value(str(data.get("visibility") or "private"))
        self.summary.setText(str(data.get("summary") or ""))
        if (day := _day(data.get("named_agreed_on"))) is not None:
            self.named_agreed_on.set_value(day)
        self.health.check.setChecked(bool(data.get("health_related")))
        if self.visibility.value() != "private" and not self._on_agenda:
            self.flag.check.setChecked(bool(data.get("flagged")))
        self.clear_errors()


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _choose(choice: PersonChoice, person_id: object, words: object) -> None:
    """Choose the person kept in a draft, or show the words typed if they choose nobody."""
    if isinstance(person_id, int) and choice.set_value(person_id):
        return
    choice.set_value(None)
    choice.setEditText(words if isinstance(words, str) else "")


def _with_superseded(detail: NoteDetail, superseded_on: date | None) -> NoteDetail:
    return replace(detail, superseded_on=superseded_on)

"""After signing in: offer back what the person was typing when clubapp last closed.

One row per draft ("A note about Ann Smith — Thursday 3 December, 14:05", and under it
the start of what was typed, so two drafts about one person can be told apart) with
"Carry on with it", which opens the right page filled with what was typed, and
"Throw it away", which asks first. "Decide later" keeps them all for the next time.

Which page opens a draft is decided by the first part of its key ("note:…", "person:…"):
:data:`OPENERS` maps it to a function that opens the page. A page with drafts of its own
adds its opener there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clubapp.db.errors import KnownError
from clubapp.services import drafts, members, notes
from clubapp.services.dates import MONTH_WORDS, WEEKDAY_WORDS
from clubapp.services.drafts import DraftRow
from clubapp.services.errors import NotAllowed, NotFound
from clubapp.ui.theme import current_scale, scaled_px
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.messages import ask_to_confirm, room_on_screen

if TYPE_CHECKING:
    from clubapp.ui.shell import Shell

log = logging.getLogger("clubapp.drafts")

TITLE = "Things you were typing"
INTRO = (
    "You were typing these when clubapp last closed. They are kept until you save or "
    "throw them away."
)
CARRY_ON = "Carry on with it"
THROW_AWAY = "Throw it away"
DECIDE_LATER = "Decide later"
NOTE_GONE = "The note these changes were for is no longer kept, so saving makes a new note."
#: The fields of a draft's data that show what was typed, by the first part of its key.
EXCERPT_FIELDS: dict[str, tuple[str, ...]] = {
    "note": ("text", "summary"),
    "person": ("full_name", "known_as", "phone", "email", "address", "communication_tips"),
}
EXCERPT_MAX = 80

#: Opens a draft's page, filled in; returns None, or why it cannot, in plain words.
Opener = Callable[["Shell", DraftRow], "str | None"]


def when_words(saved_at: datetime, now: datetime | None = None) -> str:
    """ "Thursday 3 December, 14:05" in the computer's time (the year too if not this one).
    ``saved_at`` is UTC, as the database keeps it."""
    local = saved_at.replace(tzinfo=timezone.utc).astimezone()
    now = now or datetime.now().astimezone()
    year = f" {local.year}" if local.year != now.year else ""
    day = f"{WEEKDAY_WORDS[local.weekday()]} {local.day} {MONTH_WORDS[local.month - 1]}"
    return f"{day}{year}, {local:%H:%M}"


def excerpt(draft: DraftRow, limit: int = EXCERPT_MAX) -> str:
    """The start of what was typed, on one line: "Peggy would like more music on…"."""
    names = EXCERPT_FIELDS.get(draft.form_key.split(":", 1)[0], ("text",))
    values = (draft.data.get(name) for name in names)
    words = " · ".join(" ".join(v.split()) for v in values if isinstance(v, str) and v.strip())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------- openers


def _key_number(form_key: str, index: int) -> int | None:
    """The number in part ``index`` of a key ("note:edit:34" -> 34; "person=12" -> 12)."""
    parts = form_key.split(":")
    if len(parts) <= index:
        return None
    words = parts[index].rpartition("=")[2]
    return int(words) if words.isdigit() else None


def _open(shell: Shell, room: str, page: QWidget) -> None:
    """Show ``page`` over its room (so Back goes somewhere sensible)."""
    if room in shell.nav:
        shell.go_to(room)
    shell.pages.push(page)  # type: ignore[arg-type]


def open_note(shell: Shell, draft: DraftRow) -> str | None:
    from clubapp.ui.pages.note_editor import NoteEditorPage

    ctx = shell.ctx
    if not ctx.can("notes.add"):
        return "Your role can no longer add or change notes, so this cannot be carried on."
    parts = draft.form_key.split(":")
    extra = ""
    if parts[1:2] == ["edit"]:
        note_id = _key_number(draft.form_key, 2)
        try:
            if note_id is None:
                raise NotFound("no note")
            ctx.read(notes.get_note, note_id)
            page = NoteEditorPage(ctx, None, note_id)
        except NotFound:
            # The note went (a member's records erased): what was typed becomes a new note.
            page = NoteEditorPage(ctx, draft.person_id)
            extra = NOTE_GONE
        except NotAllowed:
            return "You may no longer change this note, so this cannot be carried on."
    else:
        page = NoteEditorPage(ctx, _key_number(draft.form_key, 2))
    page.drafts.carry_on(draft, extra)
    _open(shell, "Notes", page)
    return None


def open_person(shell: Shell, draft: DraftRow) -> str | None:
    from clubapp.ui.pages.person import PersonPage

    ctx = shell.ctx
    if not ctx.can("people.edit"):
        return "Your role can no longer change people's records, so this cannot be carried on."
    person_id = _key_number(draft.form_key, 2) if draft.form_key.startswith("person:edit") else None
    if person_id is not None:
        try:
            detail = ctx.read(members.get_person, person_id)
        except NotFound:
            return "This person's record is no longer kept, so these changes cannot be saved."
        if not detail.can_edit:
            return "You may no longer change this record, so this cannot be carried on."
    page = PersonPage(ctx, person_id)
    page.drafts.carry_on(draft)
    _open(shell, "Members", page)
    return None


#: The page that opens each kind of draft, by the first part of its key.
OPENERS: dict[str, Opener] = {"note": open_note, "person": open_person}


def opener_for(form_key: str) -> Opener | None:
    return OPENERS.get(form_key.split(":", 1)[0])


# ---------------------------------------------------------------- the dialog


class _DraftEntry(QFrame):
    """One draft: what it is and when it was kept, and its two buttons."""

    def __init__(self, draft: DraftRow, now: datetime | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.draft = draft
        self.setProperty("card", True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(f"{draft.title} — {when_words(draft.saved_at, now)}", self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.excerpt = QLabel(excerpt(draft), self)
        self.excerpt.setProperty("role", "help")
        self.excerpt.setWordWrap(True)  # one line of words, wrapped only at large text
        self.excerpt.setTextFormat(Qt.TextFormat.PlainText)
        self.excerpt.setVisible(bool(self.excerpt.text()))
        self.problem = QLabel(self)
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        self.carry_on_button = BigButton(CARRY_ON, self)
        self.carry_on_button.setAccessibleName(f"{CARRY_ON}: {draft.title}")
        self.throw_away_button = BigButton(THROW_AWAY, self, variant="secondary")
        self.throw_away_button.setAccessibleName(f"{THROW_AWAY}: {draft.title}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.label)
        layout.addWidget(self.excerpt)
        layout.addWidget(self.problem)
        layout.addWidget(flow_row(self.carry_on_button, self.throw_away_button, spacing=24))

    def show_problem(self, words: str, *, can_open: bool = True) -> None:
        self.problem.setText(words)
        self.problem.show()
        self.carry_on_button.setVisible(can_open)


class DraftsOfferDialog(QDialog):
    """The drafts of the person signed in. Use ``open()``: it waits for no one."""

    def __init__(
        self,
        shell: Shell,
        rows: list[DraftRow],
        parent: QWidget | None = None,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self.ctx = shell.ctx
        self.setWindowTitle(TITLE)
        self.setModal(True)
        heading = QLabel(TITLE, self)
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        # The list scrolls if it is long or the text large; heading and buttons stay.
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self._list = QVBoxLayout(body)
        self._list.setContentsMargins(0, 0, 8, 0)
        self._list.setSpacing(16)
        self.entries: list[_DraftEntry] = []
        for draft in rows:
            entry = _DraftEntry(draft, now, body)
            entry.carry_on_button.clicked.connect(lambda _=False, e=entry: self.carry_on(e))
            entry.throw_away_button.clicked.connect(lambda _=False, e=entry: self.throw_away(e))
            if opener_for(draft.form_key) is None:
                entry.show_problem("clubapp can no longer open this.", can_open=False)
            self._list.addWidget(entry)
            self.entries.append(entry)
        self._list.addStretch(1)
        self.scroll_area.setWidget(body)
        self.later_button = BigButton(DECIDE_LATER, self, variant="secondary")
        self.later_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(flow_row(self.later_button))

    def entry_for(self, form_key: str) -> _DraftEntry:
        return next(e for e in self.entries if e.draft.form_key == form_key)

    def carry_on(self, entry: _DraftEntry) -> bool:
        """Open the draft's page, filled in; True if it opened (then the dialog closes)."""
        opener = opener_for(entry.draft.form_key)
        if opener is None:
            return False
        try:
            problem = opener(self._shell, entry.draft)
        except KnownError as exc:
            problem = str(exc)
        if problem:
            entry.show_problem(problem, can_open=False)
            return False
        self.accept()
        return True

    def throw_away(self, entry: _DraftEntry) -> bool:
        """Ask, then throw the draft away; True if it went."""
        title = entry.draft.title
        if not ask_to_confirm(
            self,
            "Throw it away?",
            f"Throw away “{title}”? What you typed there will be gone for good.",
            "Yes, throw it away",
            "Go back",
            danger=True,
        ):
            return False
        try:
            self.ctx.run(drafts.discard_draft, entry.draft.form_key)
        except KnownError as exc:
            entry.show_problem(str(exc))
            return False
        self.entries.remove(entry)
        self._list.removeWidget(entry)
        entry.hide()
        entry.deleteLater()
        if not self.entries:
            self.accept()
        return True

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt name)
        # Qt would give a new window at most two thirds of the screen; the list needs more.
        if visible and not self.isVisible():
            self.resize(self.sizeHint())
        super().setVisible(visible)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        room = room_on_screen(self)
        parent = self.parentWidget()
        if parent is not None:  # over the window it belongs to, never bigger
            room = room.boundedTo(parent.window().size())
        hint = super().sizeHint()
        width = min(room.width(), max(hint.width(), scaled_px(640, current_scale())))
        return QSize(width, min(room.height(), hint.height() + self._list_height()))

    def _list_height(self) -> int:
        """How much taller than the scroll area's own hint the whole list is."""
        body = self.scroll_area.widget()
        if body is None:
            return 0
        return max(0, body.sizeHint().height() - self.scroll_area.sizeHint().height())


def offer_drafts(shell: Shell, parent: QWidget | None = None) -> DraftsOfferDialog | None:
    """If the person signed in has drafts, show the offer (without waiting); else None."""
    try:
        rows = shell.ctx.read(drafts.my_drafts)
    except KnownError as exc:
        log.warning("could not look for drafts: %s", exc)
        return None
    if not rows:
        return None
    dialog = DraftsOfferDialog(shell, rows, parent)
    dialog.open()
    return dialog

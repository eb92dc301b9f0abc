"""Meeting mode: the meeting itself, one agenda item at a time, in large letters.

It is a page on the main window's stack, not a window of its own: Back, Help and Lock
stay where they always are, locking hides it like any other page (a separate
full-screen window would stay on show over the lock screen), and the main window
itself can be made full screen on a TV.

First, the current item: "Item 3 of 8" and its title, then Previous item and Next
item, so that even at 200 % text in a small window they are on the screen without
scrolling. Under the buttons, in ordinary letters, whether the meeting is quorate, in
the service's words. Then who presents the item and for how long, the members' words,
action points still to do (matters arising), what was decided, and a box to type what
was said for the minutes.

What is typed is saved whenever the item is left (Previous item, Next item, Record a
decision, Add an action point, Back, or the laptop locking), in its own transaction.
If it cannot be saved, the message shows under the box, the typing stays, and the
meeting stays on that item. Page Up and Page Down, or the arrow keys, move between
items (in the typing box the arrows move the cursor, as they always do).
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QBoxLayout, QFrame, QLayout, QScrollArea, QVBoxLayout, QWidget

from clubapp.services import agenda
from clubapp.services import meetings as meetings_service
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.meetings import ItemRow, MeetingDetail
from clubapp.ui.context import COMMITTEE, PEOPLE, AppContext
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.committee import label
from clubapp.ui.pages.committee_words import day_words, decision_words, item_meta_words
from clubapp.ui.pages.meeting import (
    SERVICE_ERRORS,
    ActionLine,
    cannot_open_words,
    locked_words,
    make_quorum_label,
    mark_action,
    set_quorum_label,
)
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.inputs import TextBox
from clubapp.ui.widgets.keyed import KeyedColumn
from clubapp.ui.widgets.messages import ask_to_confirm

NEXT_KEYS = (Qt.Key.Key_PageDown, Qt.Key.Key_Down, Qt.Key.Key_Right)
PREVIOUS_KEYS = (Qt.Key.Key_PageUp, Qt.Key.Key_Up, Qt.Key.Key_Left)

HELP_TEXT = (
    "This screen is for the meeting itself. It shows one agenda item at a time in large "
    "letters. Press Next item and Previous item to move through the agenda, or use the "
    "Page Up and Page Down keys. Type what was said in the box near the bottom: it is "
    "saved when you move to another item. Record a decision counts the votes and shows "
    "the outcome. The sentence under the Next item button says whether enough trustees "
    "are here to take decisions. The list of rooms on the left is put away during the "
    "meeting to leave more room for the words; press Back to leave the meeting."
)


class _BodyScroll(QScrollArea):
    """The item's scrolling body. It asks for little height, so the page fits the window
    and this scrolls."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        return QSize(hint.width(), min(hint.height(), 120))


class _StepButtons(QWidget):
    """Previous item and Next item side by side. When they do not fit side by side
    (large text in a small window) they go one above the other with Next item on top,
    so the button used most is on the screen without scrolling; Tab follows."""

    def __init__(self, previous: QWidget, following: QWidget, spacing: int = 24) -> None:
        super().__init__()
        self._previous, self._next = previous, following
        self._wide: bool | None = None
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(spacing)
        # The least width is that of one button: side by side is only chosen when both fit.
        self._box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._arrange()

    def side_by_side(self) -> bool:
        return bool(self._wide)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        width = max(self._previous.minimumSizeHint().width(), self._next.minimumSizeHint().width())
        return QSize(width, self._box.minimumSize().height())

    def _fits(self, width: int) -> bool:
        needed = (
            self._previous.sizeHint().width() + self._box.spacing() + self._next.sizeHint().width()
        )
        return needed <= width

    def _arrange(self) -> None:
        wide = self._fits(self.width()) if self.width() > 0 else True
        if wide == self._wide:
            return
        self._wide = wide
        while self._box.count():
            self._box.takeAt(0)
        left = Qt.AlignmentFlag.AlignLeft
        if wide:
            self._box.setDirection(QBoxLayout.Direction.LeftToRight)
            self._box.addWidget(self._previous)
            self._box.addWidget(self._next)
            self._box.addStretch(1)
            QWidget.setTabOrder(self._previous, self._next)
        else:
            self._box.setDirection(QBoxLayout.Direction.TopToBottom)
            self._box.addWidget(self._next, 0, left)
            self._box.addWidget(self._previous, 0, left)
            QWidget.setTabOrder(self._next, self._previous)
        self.updateGeometry()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._arrange()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._wide = None
            self._arrange()


W = TypeVar("W", bound=QWidget)


def previous_minutes_words(detail: MeetingDetail) -> str:
    """ "The minutes of the meeting on 6 October 2026." and whether they are approved."""
    before = detail.previous
    if before is None:
        return "There is no earlier meeting of this kind, so there are no minutes to read."
    words = f"The minutes of the meeting on {day_words(before.on_date)}."
    if before.minutes_approved_on is not None:
        return f"{words} They were approved on {day_words(before.minutes_approved_on)}."
    return (
        f"{words} They are still a draft. Once this meeting agrees they are right, approve "
        "them on that meeting's page, under Minutes."
    )


def _large(widget: W) -> W:
    """Give a button or a box the meeting screen's size (28 pt); see app.qss."""
    widget.setProperty("look", "meeting")
    return widget


class MeetingModePage(Page):
    """The meeting, item by item. Public: ``quorum_label``, ``number_label``,
    ``title_label``, ``meta_label``, ``previous_button``, ``next_button``,
    ``decision_button``, ``action_button``, ``who_button``, ``discussion``,
    ``save_button``, ``saved_label``; :meth:`go`, :meth:`current_item`,
    :meth:`save_discussion`."""

    help_text = HELP_TEXT
    domains = (COMMITTEE, PEOPLE)
    full_width = True

    def __init__(
        self, ctx: AppContext, meeting_id: int, start_at: int = 0, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.meeting_id = meeting_id
        self.index = start_at
        self.title = "The meeting"
        self.detail: MeetingDetail | None = None
        self.can_run = ctx.can("committee.run")
        self.editable = False
        self._item_id: int | None = None  # the item the typing box belongs to
        self._saved_text = ""
        self._leaving_ok = False

        # --- the item first; the quorum in ordinary letters under its buttons
        self.quorum_label = make_quorum_label()
        self.quorum_label.setProperty("role", "label")
        self.problem_label = label(role="error")
        self.problem_label.hide()
        self.lock_label = label(role="label")
        self.lock_label.hide()
        self.number_label = label(role="large")
        self.title_label = label(role="meeting_title")
        self.meta_label = label(role="large")
        self.previous_button = _large(BigButton("Previous item", variant="secondary"))
        self.next_button = _large(BigButton("Next item"))
        self.step_buttons = _StepButtons(self.previous_button, self.next_button)
        self.decision_button = _large(BigButton("Record a decision", variant="secondary"))
        self.action_button = _large(BigButton("Add an action point", variant="secondary"))
        self.who_button = _large(BigButton("Who is here", variant="secondary"))
        self.end_label = label(role="large")
        self.details_label = label(role="large")
        self.members_heading = label("What members said", "meeting_heading")
        self.members_label = label(role="large")
        self.arising_heading = label("Still to do from earlier meetings", "meeting_heading")
        self.arising_lines: KeyedColumn[ActionLine] = KeyedColumn(self._make_arising, spacing=20)
        self.decided_heading = label("Decided", "meeting_heading")
        self.decided_label = label(role="large")
        self.actions_heading = label("Action points", "meeting_heading")
        self.actions_label = label(role="large")
        self.discussion = _large(TextBox(4))
        self.discussion_row = FieldRow("What was said, for the minutes", self.discussion)
        self.discussion_row.label.setProperty("role", "meeting_heading")
        self.save_button = _large(BigButton("Save what was said", variant="secondary"))
        self.saved_label = label(role="large")

        body = QWidget()
        self._body_layout = body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 8, 8)
        body_layout.setSpacing(16)
        for widget in (
            self.problem_label,
            self.number_label,
            self.title_label,
            self.step_buttons,
            self.end_label,
            self.quorum_label,
            self.lock_label,
            self.meta_label,
            flow_row(self.decision_button, self.action_button, self.who_button, spacing=24),
            self.details_label,
            self.members_heading,
            self.members_label,
            self.arising_heading,
            self.arising_lines,
            self.decided_heading,
            self.decided_label,
            self.actions_heading,
            self.actions_label,
            self.discussion_row,
            flow_row(self.save_button, self.saved_label, spacing=24),
        ):
            body_layout.addWidget(widget)
        body_layout.addStretch(1)
        self.scroll_area = _BodyScroll(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(body)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(12)
        self._layout.addWidget(self.scroll_area, 1)

        self.previous_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(+1))
        self.decision_button.clicked.connect(self.record_decision)
        self.action_button.clicked.connect(self.add_action)
        self.who_button.clicked.connect(self.change_who_is_here)
        self.save_button.clicked.connect(self.save_discussion)
        self.discussion.textChanged.connect(self._typing)
        # The keys work anywhere on this page, over the buttons' own arrow-key habits.
        # In the typing box the arrows still move the cursor (the box keeps them);
        # Page Up and Page Down move between items there too, saving what was typed.
        for keys, step in ((NEXT_KEYS, +1), (PREVIOUS_KEYS, -1)):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(lambda step=step: self.go(step))

    # ------------------------------------------------------------ loading

    def heading(self) -> str:
        return self.title

    def refresh(self) -> None:
        try:
            detail = self.ctx.read(meetings_service.get_meeting, self.meeting_id)
        except (NotAllowed, NotFound) as exc:
            self.detail = None
            self.problem_label.setText(cannot_open_words(exc))
            self.problem_label.show()
            self.scroll_area.setEnabled(False)
            return
        self.problem_label.hide()
        self.detail = detail
        self.title = "The meeting"
        self.editable = self.can_run and not detail.locked
        set_quorum_label(self.quorum_label, detail)
        self.lock_label.setText(locked_words(detail) if detail.locked else "")
        self.lock_label.setVisible(detail.locked)
        # Stay on the same item if it is still there (another screen may have moved it).
        ids = [i.item_id for i in detail.items]
        if self._item_id in ids:
            self.index = ids.index(self._item_id)
        self.index = min(max(self.index, 0), max(0, len(ids) - 1))
        self._show_item()

    def current_item(self) -> ItemRow | None:
        if self.detail is None or not self.detail.items:
            return None
        return self.detail.items[self.index]

    def _make_arising(self) -> ActionLine:
        line = ActionLine()
        line.words.setProperty("role", "large")
        _large(line.done_button)
        line.done_button.clicked.connect(lambda _=False, ln=line: self._toggle_done(ln))
        return line

    def _show_item(self) -> None:
        detail = self.detail
        assert detail is not None
        item = self.current_item()
        total = len(detail.items)
        widget: QWidget
        for widget in (self.decision_button, self.action_button, self.who_button):
            widget.setVisible(self.editable)
        self.save_button.setVisible(self.editable)
        self.discussion.setReadOnly(not self.editable)
        if item is None:
            self.number_label.setText("The agenda is empty.")
            self.title_label.setText("Add items on the meeting's page first.")
            for widget in (self.meta_label, self.discussion_row, self.end_label):
                widget.hide()
            self._hide_parts()
            self.previous_button.setEnabled(False)
            self.next_button.setEnabled(False)
            self.decision_button.setEnabled(False)
            self.action_button.setEnabled(False)
            self._item_id = None
            return
        self.discussion_row.show()
        self.meta_label.show()
        self.decision_button.setEnabled(True)
        self.action_button.setEnabled(True)
        self.number_label.setText(f"Item {self.index + 1} of {total}")
        self.title_label.setText(item.title)
        self.meta_label.setText(item_meta_words(item))
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < total - 1)
        self.end_label.setText("This is the last item." if self.index == total - 1 else "")
        self.end_label.setVisible(self.index == total - 1)
        self.details_label.setText(item.details)
        self.details_label.setVisible(bool(item.details))
        self.members_label.setText("\n".join(item.from_members))
        for widget in (self.members_heading, self.members_label):
            widget.setVisible(bool(item.from_members))
        arising = [a for a in item.follows_up if a.done_on is None] or list(item.follows_up)
        lines = self.arising_lines.sync([a.action_id for a in arising])
        for line, action in zip(lines, arising, strict=True):
            line.show_action(action, self.editable)
        for widget in (self.arising_heading, self.arising_lines):
            widget.setVisible(bool(arising))
        decided = detail.decisions_for(item.item_id)
        self.decided_label.setText("\n".join(decision_words(d) for d in decided))
        for widget in (self.decided_heading, self.decided_label):
            widget.setVisible(bool(decided))
        actions = detail.actions_for(item.item_id)
        self.actions_label.setText(
            "\n".join(f"{a.what} ({a.who or 'nobody named'})" for a in actions)
        )
        for widget in (self.actions_heading, self.actions_label):
            widget.setVisible(bool(actions))
        if item.standing_code == "apologies":
            self._show_apologies(detail)
        elif item.standing_code == "minutes":
            self._show_minutes_read(detail, item)
        # The typing box: a new item shows its saved words; the same item keeps typing.
        if item.item_id != self._item_id:
            self._item_id = item.item_id
            self._saved_text = item.discussion
            self.discussion.setText(item.discussion)
            self.discussion_row.clear_error()
            self._show_save_state()
        else:
            typed = self.has_unsaved_discussion()
            self._saved_text = item.discussion
            if not typed and self.discussion.text().strip() != item.discussion:
                # Changed on another screen, and nothing is typed here: show the new words.
                self.discussion.setText(item.discussion)

    def _show_apologies(self, detail: MeetingDetail) -> None:
        """On the Apologies item, who came and who sent apologies, in words."""

        def names(*statuses: str) -> list[str]:
            return [a.name for a in detail.attendees if a.status in statuses]

        present = names("present", "guest")
        sorry = names("apologies")
        words = [
            f"Here: {', '.join(present)}." if present else "Nobody is marked as here yet.",
            f"Sent apologies: {', '.join(sorry)}." if sorry else "No apologies.",
        ]
        if self.editable:
            words.append("Press Who is here to change this.")
        self.details_label.setText("\n".join(words))
        self.details_label.show()

    def _show_minutes_read(self, detail: MeetingDetail, item: ItemRow) -> None:
        """On Minutes of the last meeting, which meeting's minutes they are."""
        self.details_label.setText(
            "\n".join(part for part in (previous_minutes_words(detail), item.details) if part)
        )
        self.details_label.show()

    def _hide_parts(self) -> None:
        for widget in (
            self.details_label,
            self.members_heading,
            self.members_label,
            self.arising_heading,
            self.arising_lines,
            self.decided_heading,
            self.decided_label,
            self.actions_heading,
            self.actions_label,
        ):
            widget.hide()

    # ------------------------------------------------------------ what was said

    def _typing(self) -> None:
        self._show_save_state()

    def _show_save_state(self, just_saved: bool = False) -> None:
        if not self.editable:
            self.saved_label.hide()
            return
        if just_saved:
            words = "Saved."
        elif self.has_unsaved_discussion():
            words = "Not saved yet: it is saved when you move to another item."
        else:
            words = "What you type is saved when you move to another item."
        self.saved_label.setText(words)
        self.saved_label.show()

    def has_unsaved_discussion(self) -> bool:
        return (
            self._item_id is not None
            and self.editable
            and self.discussion.text().strip() != self._saved_text.strip()
        )

    def save_discussion(self) -> bool:
        """Save what was typed for the current item; False (typing kept) if it could not be."""
        if not self.has_unsaved_discussion():
            return True
        item_id = self._item_id
        text = self.discussion.text()
        self.discussion_row.clear_error()
        try:
            self.ctx.run(agenda.set_discussion, item_id, text, changed=COMMITTEE)
        except ValidationError as exc:
            self.discussion_row.show_error(exc.errors.get("discussion") or exc.first[1])
            self.scroll_area.ensureWidgetVisible(self.discussion_row)
            return False
        except SERVICE_ERRORS as exc:
            self.discussion_row.show_error(f"What was said is not saved yet. {exc}")
            self.scroll_area.ensureWidgetVisible(self.discussion_row)
            return False
        self._saved_text = text.strip()
        self._show_save_state(just_saved=True)
        return True

    # ------------------------------------------------------------ moving

    def go(self, step: int) -> bool:
        """Move to the previous (-1) or next (+1) item, saving what was typed first."""
        if self.detail is None or not self.detail.items:
            return False
        to = self.index + step
        if not 0 <= to < len(self.detail.items):
            return False
        if not self.save_discussion():
            return False
        self.index = to
        self._show_item()
        self.scroll_area.verticalScrollBar().setValue(0)
        return True

    def record_decision(self) -> None:
        from clubapp.ui.pages.decision import DecisionPage

        item = self.current_item()
        if item is not None and self.save_discussion():
            self.ctx.navigator.push(DecisionPage(self.ctx, self.meeting_id, item.item_id))

    def add_action(self) -> None:
        from clubapp.ui.pages.decision import ActionPage

        item = self.current_item()
        if item is not None and self.save_discussion():
            self.ctx.navigator.push(ActionPage(self.ctx, self.meeting_id, item.item_id))

    def change_who_is_here(self) -> None:
        from clubapp.ui.pages.meeting import WhoCamePage

        if self.save_discussion():
            self.ctx.navigator.push(WhoCamePage(self.ctx, self.meeting_id))

    def _toggle_done(self, line: ActionLine) -> None:
        self.problem_label.hide()
        try:
            mark_action(self.ctx, line.action_id, not line.done)
        except SERVICE_ERRORS as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()

    # ------------------------------------------------------------ leaving

    def can_leave(self) -> bool:
        if self._leaving_ok or self.save_discussion():
            return True
        leave = ask_to_confirm(
            self,
            "What was said is not saved",
            f"What was typed for “{self.title_label.text()}” could not be saved: "
            f"{self.discussion_row.error_text()} Leave without saving it?",
            "Leave without saving",
            "Stay and keep my typing",
            danger=True,
        )
        self._leaving_ok = leave
        return leave

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        # Locking the laptop, or another page on top: keep what was typed safe.
        super().hideEvent(event)
        if self.detail is not None:
            self.save_discussion()

"""Meeting mode: the meeting itself, one agenda item at a time, in large letters.

It is a page on the main window's stack, not a window of its own: Back, Help and Lock
stay where they always are, locking hides it like any other page (a separate
full-screen window would stay on show over the lock screen), and the main window
itself can be made full screen on a TV.

First, the current item: "Item 3 of 8" and its title, then Previous item and Next
item, so that even at 200 % text in a small window they are on the screen without
scrolling. Under the buttons, as large as the rest of the words, whether the meeting is
quorate, in the service's words. Then who presents the item and for how long, the
members' words, action points still to do (matters arising), what was decided, and a
box to type what was said for the minutes.

Matters arising: "Mark done" keeps the line where it is, saying "Done today", and its
button becomes "Mark as not done", so nothing moves under a shaking finger; a second
press within half a second of a change is ignored (a tremor's double tap). On Minutes
of the last meeting, once this meeting has taken place, the chair can approve the
earlier meeting's minutes here, after a plain question, without leaving the meeting.

The pages opened from here (Record a decision, Add an action point, Who is here) also
take the whole width, so the meeting stays full screen. Leaving the meeting tells the
meeting's page which item it was on (``left_at``), so Start the meeting carries on there.

What is typed is saved whenever the item is left (Previous item, Next item, Record a
decision, Add an action point, Back, or the laptop locking), in its own transaction.
If it cannot be saved, the message shows under the box, the typing stays, and the
meeting stays on that item. Page Up and Page Down, or the arrow keys, move between
items (in the typing box the arrows move the cursor, as they always do).
"""

from __future__ import annotations

import time
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import agenda, minutes
from clubapp.services import meetings as meetings_service
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.meetings import ActionRow, ItemRow, MeetingDetail
from clubapp.ui.context import COMMITTEE, PEOPLE, AppContext
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.committee import label
from clubapp.ui.pages.committee_words import (
    action_words,
    day_words,
    decision_words,
    item_meta_words,
)
from clubapp.ui.pages.meeting import (
    APPROVE_QUESTION,
    SERVICE_ERRORS,
    ActionLine,
    approve_question_words,
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
#: A second press on Mark done within this long of a change is a tremor's double tap.
DOUBLE_TAP_SECONDS = 0.5

HELP_TEXT = (
    "This screen is for the meeting itself. It shows one agenda item at a time in large "
    "letters. Press Next item and Previous item to move through the agenda, or use the "
    "Page Up and Page Down keys. Type what was said in the box near the bottom: it is "
    "saved when you move to another item. Record a decision counts the votes and shows "
    "the outcome. The sentence under the Next item button says whether enough trustees "
    "are here to take decisions. Under Matters arising, Mark done says a job is done; "
    "press Mark as not done if that was a slip. On Minutes of the last meeting, press "
    "Approve the minutes once the meeting agrees they are right. The list of rooms on "
    "the left is put away during the meeting to leave more room for the words; press "
    "Back to leave the meeting. Start the meeting again carries on at the same item."
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


class _WrappingButton(BigButton):
    """A big button whose words go onto more lines when there is not room for them on
    one ("Approve the minutes of 3 November 2026" at 200 % text is wider than the
    window). The page says how wide it may be (:meth:`fit_to`); its accessible name is
    always its words on one line."""

    def __init__(self, words: str, *, variant: str = "primary") -> None:
        super().__init__(words, variant=variant)
        self._words = words
        self._unbroken: tuple[str, ...] = ()
        self._room = 0  # the most width it may take; 0 while not known

    def words(self) -> str:
        return self._words

    def set_words(self, words: str, unbroken: tuple[str, ...] = ()) -> None:
        """The words, and phrases in them kept on one line (a date)."""
        self._words = words
        self._unbroken = unbroken
        self._fit()

    def _pieces(self) -> list[str]:
        words = self._words
        for phrase in self._unbroken:
            words = words.replace(phrase, phrase.replace(" ", "\0"))
        return [piece.replace("\0", " ") for piece in words.split(" ") if piece]

    def fit_to(self, width: int) -> None:
        if width != self._room:
            self._room = width
            self._fit()

    def _fit(self) -> None:
        metrics = QFontMetrics(self.font())
        self.setText(self._words)
        # What the button adds around its words: padding and borders (BigButton's own
        # hint is at least 60 px, so ask QPushButton's).
        frame = QPushButton.sizeHint(self).width() - metrics.horizontalAdvance(self._words)
        room = self._room - frame
        if self._room > 0 and metrics.horizontalAdvance(self._words) > room:
            lines: list[str] = []
            pieces = self._pieces()
            if any(metrics.horizontalAdvance(piece) > room for piece in pieces):
                pieces = self._words.split(" ")  # a date too wide for a line of its own
            for word in pieces:
                joined = f"{lines[-1]} {word}" if lines else word
                if lines and metrics.horizontalAdvance(joined) <= room:
                    lines[-1] = joined
                else:
                    lines.append(word)
            self.setText("\n".join(lines))
        self.setAccessibleName(self._words)
        self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()


W = TypeVar("W", bound=QWidget)


def previous_minutes_words(detail: MeetingDetail, approve_here: bool = False) -> str:
    """ "The minutes of the meeting on 6 October 2026." and whether they are approved;
    ``approve_here`` when the button to approve them is on the screen."""
    before = detail.previous
    if before is None:
        return "There is no earlier meeting of this kind, so there are no minutes to read."
    words = f"The minutes of the meeting on {day_words(before.on_date)}."
    if before.minutes_approved_on is not None:
        return f"{words} They were approved on {day_words(before.minutes_approved_on)}."
    if approve_here:
        return (
            f"{words} They are still a draft. Once this meeting agrees they are right, press "
            "Approve the minutes."
        )
    return (
        f"{words} They are still a draft. Once this meeting agrees they are right, approve "
        "them on that meeting's page, under Minutes."
    )


def arising_words(action: ActionRow, today: date) -> str:
    """An action point under Matters arising: "… Done today." when it was done today."""
    words = action_words(action)
    if action.done_on == today:
        words = words.removesuffix(f" Done on {day_words(action.done_on)}.") + " Done today."
    return words


def _large(widget: W) -> W:
    """Give a button or a box the meeting screen's size (28 pt); see app.qss."""
    widget.setProperty("look", "meeting")
    return widget


class MeetingModePage(Page):
    """The meeting, item by item. Public: ``quorum_label``, ``number_label``,
    ``title_label``, ``meta_label``, ``previous_button``, ``next_button``,
    ``decision_button``, ``vote_button``, ``action_button``, ``who_button``, ``arising_lines``,
    ``arising_problem``, ``approve_button``, ``approve_problem``, ``discussion``,
    ``save_button``, ``saved_label``; :meth:`go`, :meth:`current_item`,
    :meth:`save_discussion`, :meth:`approve_minutes`."""

    help_text = HELP_TEXT
    domains = (COMMITTEE, PEOPLE)
    full_width = True

    #: The item on screen when the page is left or hidden: its place and id (0 for none).
    left_at = Signal(int, int)

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
        # Matters arising: every line once shown stays while the page lives, and when
        # one last changed (a second press straight after is ignored).
        self._arising_kept: set[int] = set()
        self._arising_changed_at: float | None = None

        # --- the item first; the quorum under its buttons, as large as the other words
        self.quorum_label = make_quorum_label()
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
        self.vote_button = _large(BigButton("Vote on this", variant="secondary"))
        self.vote_button.setAccessibleDescription(
            "Start a vote with large buttons on this item: yes, no or not sure."
        )
        self.end_label = label(role="large")
        self.details_label = label(role="large")
        self.members_heading = label("What members said", "meeting_heading")
        self.members_label = label(role="large")
        self.arising_heading = label("Still to do from earlier meetings", "meeting_heading")
        self.arising_lines: KeyedColumn[ActionLine] = KeyedColumn(self._make_arising, spacing=20)
        self.arising_problem = label(role="error")
        self.arising_problem.hide()
        self.approve_button = _large(_WrappingButton("Approve the minutes"))
        self.approve_problem = label(role="error")
        self.approve_problem.hide()
        self.approve_row = flow_row(self.approve_button, self.approve_problem, spacing=24)
        self.approve_row.hide()
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
            flow_row(
                self.decision_button,
                self.vote_button,
                self.action_button,
                self.who_button,
                spacing=24,
            ),
            self.details_label,
            self.approve_row,
            self.members_heading,
            self.members_label,
            self.arising_heading,
            self.arising_problem,
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
        self.vote_button.clicked.connect(self.start_vote)
        self.save_button.clicked.connect(self.save_discussion)
        self.approve_button.clicked.connect(self.approve_minutes)
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
        self.vote_button.setVisible(self.editable and self.ctx.can("votes.run"))
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
            self.vote_button.setEnabled(False)
            self.action_button.setEnabled(False)
            self._item_id = None
            return
        self.discussion_row.show()
        self.meta_label.show()
        self.decision_button.setEnabled(True)
        self.vote_button.setEnabled(True)
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
        # Open action points, and any done today or already on the screen: a line marked
        # done stays where it is, so the next one's button does not move under a finger.
        # When all were done before (and none is on the screen yet), all of them.
        today = self.ctx.today()
        follows_up = item.follows_up
        if any(a.done_on is None for a in follows_up) or any(
            a.action_id in self._arising_kept for a in follows_up
        ):
            arising = [
                a
                for a in follows_up
                if a.done_on is None or a.done_on == today or a.action_id in self._arising_kept
            ]
        else:
            arising = list(follows_up)
        self._arising_kept.update(a.action_id for a in arising)
        lines = self.arising_lines.sync([a.action_id for a in arising])
        for line, action in zip(lines, arising, strict=True):
            line.show_action(action, self.editable)
            line.words.setText(arising_words(action, today))
        for widget in (self.arising_heading, self.arising_lines):
            widget.setVisible(bool(arising))
        if item.item_id != self._item_id:
            self.arising_problem.hide()
            self.approve_problem.hide()
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
        if item.standing_code == "minutes":
            self._show_minutes_read(detail, item)
        else:
            self.approve_row.hide()
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
        """On Minutes of the last meeting, which meeting's minutes they are, and (for the
        chair, once this meeting has taken place) the button that approves them."""
        here = self.can_approve_here()
        words = previous_minutes_words(detail, approve_here=here)
        self.details_label.setText("\n".join(part for part in (words, item.details) if part))
        self.details_label.show()
        before = detail.previous
        if here and before is not None:
            day = day_words(before.on_date)
            self.approve_button.set_words(f"Approve the minutes of {day}", unbroken=(day,))
        self.approve_row.setVisible(here)
        self._fit_approve_button()

    def _fit_approve_button(self) -> None:
        """The approve button's words on as many lines as the page's width needs (the
        body's right margin and a scroll bar taken off)."""
        bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        margins = self._body_layout.contentsMargins()
        self.approve_button.fit_to(self.width() - bar - margins.left() - margins.right())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_approve_button()

    def can_approve_here(self) -> bool:
        """Whether the previous meeting's minutes can be approved at this one, now: by
        someone who may run the committee, not approved yet, this meeting held and open."""
        detail = self.detail
        return (
            detail is not None
            and self.editable
            and detail.previous is not None
            and detail.previous.minutes_approved_on is None
            and detail.on_date <= self.ctx.today()
        )

    def _hide_parts(self) -> None:
        for widget in (
            self.details_label,
            self.approve_row,
            self.arising_problem,
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

    def _push_full_width(self, page: Page) -> None:
        """Open a page on top that also takes the rail's width: the meeting stays full screen."""
        page.full_width = True
        self.ctx.navigator.push(page)

    def record_decision(self) -> None:
        from clubapp.ui.pages.decision import DecisionPage

        item = self.current_item()
        if item is not None and self.save_discussion():
            self._push_full_width(DecisionPage(self.ctx, self.meeting_id, item.item_id))

    def start_vote(self) -> None:
        """Put this item to a vote with the large buttons: the question is the item's
        title, to change if need be; the vote's page opens once it is made."""
        from clubapp.ui.pages.ballot_form import BallotFormPage
        from clubapp.ui.pages.votes import BallotPage

        item = self.current_item()
        if item is None or not self.save_discussion():
            return

        def opened(ballot_id: int) -> None:
            self._push_full_width(BallotPage(self.ctx, ballot_id))

        self._push_full_width(
            BallotFormPage(
                self.ctx,
                kind="decision",
                question=item.title,
                meeting_id=self.meeting_id,
                item_id=item.item_id,
                opened=opened,
            )
        )

    def add_action(self) -> None:
        from clubapp.ui.pages.decision import ActionPage

        item = self.current_item()
        if item is not None and self.save_discussion():
            self._push_full_width(ActionPage(self.ctx, self.meeting_id, item.item_id))

    def change_who_is_here(self) -> None:
        from clubapp.ui.pages.meeting import WhoCamePage

        if self.save_discussion():
            self._push_full_width(WhoCamePage(self.ctx, self.meeting_id))

    def _toggle_done(self, line: ActionLine) -> None:
        """Mark an action point done (or not done). The line stays, saying so; a second
        press within half a second of a change is ignored."""
        changed_at = self._arising_changed_at
        if changed_at is not None and time.monotonic() - changed_at < DOUBLE_TAP_SECONDS:
            return
        self.arising_problem.hide()
        try:
            mark_action(self.ctx, line.action_id, not line.done)
        except SERVICE_ERRORS as exc:
            self.arising_problem.setText(f"That was not saved. {exc}")
            self.arising_problem.show()
            return
        self._arising_changed_at = time.monotonic()

    # ------------------------------------------------------------ approving the minutes

    def approve_minutes(self) -> bool:
        """Approve the previous meeting's minutes at this one, after a plain question."""
        detail = self.detail
        if detail is None or detail.previous is None or not self.can_approve_here():
            return False
        before = detail.previous
        self.approve_problem.hide()
        title, yes, no = APPROVE_QUESTION
        if not ask_to_confirm(
            self,
            title,
            approve_question_words(detail.kind_words, before.on_date, detail.on_date),
            yes,
            no,
        ):
            return False
        try:
            self.ctx.run(
                minutes.approve_minutes,
                before.meeting_id,
                detail.meeting_id,
                self.ctx.today(),
                changed=COMMITTEE,
            )
        except SERVICE_ERRORS as exc:
            self.approve_problem.setText(f"The minutes are not approved. {exc}")
            self.approve_problem.show()
            return False
        return True

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
        # Locking the laptop, or another page on top: keep what was typed safe, and
        # tell the meeting's page where the meeting is, so it carries on there.
        super().hideEvent(event)
        if self.detail is not None:
            self.save_discussion()
            self.left_at.emit(self.index, self._item_id or 0)

"""The coordinator's picture conversation topics: the list of topics (add, change, put
away, bring back, delete one nobody has talked about, add the starter topics again), a
form for a topic's name and the words to start with, and one topic's cards in order
(add, change, move, take out, bring back). Reached from the Notes room.

A topic or card members have talked about is never deleted: what they said stays in
their history, so it is put away instead (the services decide; the page says which).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from clubapp.services import conversation_topics, fields
from clubapp.services.conversation_starters import STARTER_TOPICS
from clubapp.services.conversation_topics import CardRow, TopicDetail, TopicRow
from clubapp.ui.context import NOTES, AppContext
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.committee import label
from clubapp.ui.pages.committee_words import plural
from clubapp.ui.pages.conversation_card_form import CardFormPage, CardPicture
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.programme import card, clear_layout
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.inputs import TextBox
from clubapp.ui.widgets.messages import ask_to_confirm

T = TypeVar("T")

TOPICS_HELP = (
    "These are the topics for picture conversations, each with its picture cards. See "
    "its cards shows a topic's cards, to add, change or reorder them. Add a topic makes "
    "a new one. Change alters its name and the words to start with. Put away stops "
    "offering a topic (what members said stays); Bring back offers it again. A topic "
    "nobody has talked about yet can be deleted. Add the starter topics brings back any "
    "of the topics clubapp came with that the club no longer has."
)
TOPIC_HELP = (
    "These are the topic's picture cards, in the order they are shown to the member. "
    "Add a card makes a new one, with a picture from the list or a photo. Move earlier "
    "and Move later change the order. Take out removes a card: one nobody has sorted is "
    "deleted; one members have sorted is put away, so what they said is kept. Bring back "
    "offers a put-away card again, at the end."
)


def missing_starters(rows: Sequence[TopicRow]) -> list[str]:
    """The starter topics the club has no topic of that name for (put away counts)."""
    have = {fields.name_key(row.name) for row in rows}
    return [s.name for s in STARTER_TOPICS if fields.name_key(s.name) not in have]


def topic_details(row: TopicRow) -> str:
    """ "12 cards. Members have talked about it." """
    talked = "Members have talked about it." if row.used else "Nobody has talked about it yet."
    return f"{plural(row.card_count, 'card')}. {talked}"


class Line(QWidget):
    """One thing in a list: an optional picture, its name in bold (or larger), lines of
    details under it, and its buttons under those (wrapping, so nothing is cut)."""

    def __init__(
        self,
        name: str,
        details: Sequence[tuple[str, str]],
        buttons: Sequence[QWidget],
        picture: QWidget | None = None,
        name_role: str = "subheading",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self.name_label = label(name, name_role)
        self.detail_labels = [label(text, role) for text, role in details if text]
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        if picture is not None:
            row.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(4)
        words.addWidget(self.name_label)
        for detail in self.detail_labels:
            words.addWidget(detail)
        if buttons:
            words.addSpacing(4)
            words.addWidget(flow_row(*buttons))
        row.addLayout(words, 1)


def named_button(text: str, thing: str, act: Callable[[], None], variant: str = "secondary"):
    """A big button whose accessible name says what it acts on ("Change: Outings")."""
    button = BigButton(text, variant=variant)
    button.setAccessibleName(f"{text}: {thing}")
    button.clicked.connect(lambda _=False: act())
    return button


class _ListedPage(Page):
    """What both pages share: a line of news, a problem line, and boxes of framed lines."""

    def _start(self, intro: str) -> QVBoxLayout:
        self.intro = label(intro)
        self.problem_label = label(role="error")
        self.problem_label.hide()
        self.news_label = label()
        self.news_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 8, 8)
        layout.setSpacing(16)
        layout.addWidget(self.intro)
        return layout

    @staticmethod
    def _box() -> tuple[QWidget, QVBoxLayout]:
        box = QWidget()
        inside = QVBoxLayout(box)
        inside.setContentsMargins(0, 0, 0, 0)
        inside.setSpacing(16)
        return box, inside

    @staticmethod
    def _put(layout: QVBoxLayout, line: QWidget) -> QFrame:
        frame, inside = card()
        inside.addWidget(line)
        layout.addWidget(frame)
        frame.show()
        return frame

    def say(self, words: str) -> None:
        self.news_label.setText(words)
        self.news_label.show()

    def _show_problem(self, exc: Exception) -> None:
        self.problem_label.setText(str(exc))
        self.problem_label.show()

    def _run(self, fn: Callable[..., T], *args: object) -> T | None:
        """Run one change; a problem is shown on the page (and None returned)."""
        self.problem_label.hide()
        self.news_label.hide()
        try:
            return self.ctx.run(fn, *args, changed=NOTES)
        except SERVICE_ERRORS as exc:
            self._show_problem(exc)
            return None


# ---------------------------------------------------------------- the topics


class TopicsPage(_ListedPage):
    """The topics in use, then those put away. Public: ``add_button``,
    ``starters_button``, ``rows``, ``lines`` and the buttons by topic id
    (``open_buttons``, ``change_buttons``, ``retire_buttons``, ``back_buttons``,
    ``delete_buttons``), ``retired_heading``, ``news_label``, ``problem_label``."""

    title = "Picture conversation topics"
    help_text = TOPICS_HELP
    domains = (NOTES,)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = self._start(
            "Members sort a topic's picture cards into I like this, Not sure and I don't "
            "like this. Here you choose the topics and their cards."
        )
        self.rows: list[TopicRow] = []
        self.lines: dict[int, Line] = {}
        self.open_buttons: dict[int, BigButton] = {}
        self.change_buttons: dict[int, BigButton] = {}
        self.retire_buttons: dict[int, BigButton] = {}
        self.back_buttons: dict[int, BigButton] = {}
        self.delete_buttons: dict[int, BigButton] = {}
        self.add_button = BigButton("Add a topic")
        self.add_button.clicked.connect(self.add_topic)
        self.starters_button = BigButton("Add the starter topics", variant="secondary")
        self.starters_button.clicked.connect(self.add_starters)
        self.starters_note = label(role="help")
        self.empty_label = label("There are no topics in use. Press Add a topic to make one.")
        self.empty_label.hide()
        self.in_use_box, self.in_use_layout = self._box()
        self.retired_heading = label("Put away", "subheading")
        self.retired_note = label(
            "These topics are not offered for conversations now. What members said about "
            "them is kept.",
            "help",
        )
        self.retired_box, self.retired_layout = self._box()
        layout.addWidget(flow_row(self.add_button, self.starters_button))
        layout.addWidget(self.starters_note)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.news_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.in_use_box)
        layout.addWidget(self.retired_heading)
        layout.addWidget(self.retired_note)
        layout.addWidget(self.retired_box)
        layout.addStretch(1)

    def refresh(self) -> None:
        try:
            self.rows = self.ctx.read(conversation_topics.list_topics, include_retired=True)
        except SERVICE_ERRORS as exc:
            self.rows = []
            self._show_problem(exc)
        else:
            self.problem_label.hide()
        for box in (self.in_use_layout, self.retired_layout):
            clear_layout(box)
        for kept in (
            self.lines,
            self.open_buttons,
            self.change_buttons,
            self.retire_buttons,
            self.back_buttons,
            self.delete_buttons,
        ):
            kept.clear()
        for row in self.rows:
            buttons = self._buttons(row)
            line = Line(row.name, [(topic_details(row), ""), (row.prompt, "help")], buttons)
            self.lines[row.topic_id] = line
            self._put(self.retired_layout if row.retired else self.in_use_layout, line)
        in_use = [r for r in self.rows if not r.retired]
        retired = [r for r in self.rows if r.retired]
        self.empty_label.setVisible(not in_use)
        self.in_use_box.setVisible(bool(in_use))
        for widget in (self.retired_heading, self.retired_note, self.retired_box):
            widget.setVisible(bool(retired))
        missing = missing_starters(self.rows)
        self.starters_button.setVisible(bool(missing))
        self.starters_note.setText(
            "The club does not have these starter topics now: " + ", ".join(missing) + "."
        )
        self.starters_note.setVisible(bool(missing))

    def _buttons(self, row: TopicRow) -> list[QWidget]:
        name, topic_id = row.name, row.topic_id
        buttons: list[QWidget] = []
        self.open_buttons[topic_id] = named_button(
            "See its cards", name, lambda: self.open_topic(row), "primary"
        )
        buttons.append(self.open_buttons[topic_id])
        if not row.retired:
            self.change_buttons[topic_id] = named_button("Change", name, lambda: self.change(row))
            self.retire_buttons[topic_id] = named_button(
                "Put away", name, lambda: self.put_away(row)
            )
            buttons += [self.change_buttons[topic_id], self.retire_buttons[topic_id]]
        else:
            self.back_buttons[topic_id] = named_button(
                "Bring back", name, lambda: self.bring_back(row)
            )
            buttons.append(self.back_buttons[topic_id])
        if not row.used:
            self.delete_buttons[topic_id] = named_button("Delete", name, lambda: self.delete(row))
            buttons.append(self.delete_buttons[topic_id])
        return buttons

    def row_for(self, name: str) -> TopicRow:
        return next(r for r in self.rows if r.name == name)

    def in_use_names(self) -> list[str]:
        return [r.name for r in self.rows if not r.retired]

    def retired_names(self) -> list[str]:
        return [r.name for r in self.rows if r.retired]

    # ------------------------------------------------------------ actions

    def add_topic(self) -> None:
        self.news_label.hide()
        self.ctx.navigator.push(TopicFormPage(self.ctx, saved=self._added))

    def _added(self, words: str, topic_id: int) -> None:
        self.say(words)
        # A new topic has no cards yet: go straight to them.
        self.ctx.navigator.push(TopicPage(self.ctx, topic_id))

    def change(self, row: TopicRow) -> None:
        self.news_label.hide()
        self.ctx.navigator.push(
            TopicFormPage(self.ctx, row.topic_id, saved=lambda words, _id: self.say(words))
        )

    def open_topic(self, row: TopicRow) -> None:
        self.news_label.hide()
        self.ctx.navigator.push(TopicPage(self.ctx, row.topic_id))

    def put_away(self, row: TopicRow) -> None:
        self._run(conversation_topics.set_topic_retired, row.topic_id, True)
        if not self.problem_label.isHidden():
            return
        self.say(
            f"{row.name} is put away: it is not offered for conversations now, and what "
            "members said is kept. Bring it back from Put away below."
        )

    def bring_back(self, row: TopicRow) -> None:
        self._run(conversation_topics.set_topic_retired, row.topic_id, False)
        if self.problem_label.isHidden():
            self.say(f"{row.name} is offered again.")

    def delete(self, row: TopicRow) -> None:
        cards = plural(row.card_count, "card")
        if not ask_to_confirm(
            self,
            "Delete a topic",
            f"Delete the topic {row.name} and its {cards}? Nobody has talked about it yet. "
            "This cannot be undone.",
            f"Yes, delete {row.name}",
            danger=True,
        ):
            return
        self._run(conversation_topics.delete_topic, row.topic_id)
        if self.problem_label.isHidden():
            self.say(f"{row.name} is deleted.")

    def add_starters(self) -> None:
        added = self._run(conversation_topics.restore_starter_topics)
        if self.problem_label.isHidden():
            count = int(added or 0)
            self.say(
                f"Added {plural(count, 'starter topic')}, with their cards."
                if count
                else "The club has every starter topic already."
            )


class TopicFormPage(FormPage):
    """Add a topic (``topic_id=None``) or change one. ``saved`` is told what happened
    and the topic's id. Public: ``name``, ``prompt``, ``new_id``."""

    help_text = (
        "Type the topic's name as the member will hear it, like Food and drink. The words "
        "to start with are a sentence the helper can read out to begin, like Let's talk "
        "about food and drink at the club. You may leave them empty."
    )
    domains = (NOTES,)

    def __init__(
        self,
        ctx: AppContext,
        topic_id: int | None = None,
        *,
        saved: Callable[[str, int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        existing = ctx.read(conversation_topics.get_topic, topic_id) if topic_id else None
        super().__init__(
            ctx, parent, save_text="Save the changes" if existing else "Save this topic"
        )
        self.title = "Change a topic" if existing else "Add a topic"
        self.topic_id = topic_id
        self._saved = saved
        self.new_id: int | None = None
        self.name = QLineEdit()
        self.name.setMaxLength(120)  # room to be told it is too long
        self.form.add_field("name", "The topic's name", self.name, "Like Food and drink.")
        self.prompt = TextBox(2)
        self.form.add_field(
            "prompt",
            "The words to start with",
            self.prompt,
            "A sentence the helper reads out to begin. You may leave it empty.",
        )
        if existing is not None:
            self.name.setText(existing.name)
            self.prompt.setText(existing.prompt)
        self.mark_unchanged()

    def values(self) -> tuple[str, str]:
        return (self.name.text(), self.prompt.text())

    def submit(self) -> None:
        name, prompt = self.values()
        if self.topic_id is None:
            self.new_id = self.ctx.run(conversation_topics.add_topic, name, prompt, changed=NOTES)
        else:
            self.ctx.run(
                conversation_topics.update_topic, self.topic_id, name, prompt, changed=NOTES
            )

    def after_save(self) -> None:
        if self._saved is not None:
            name = " ".join(self.name.text().split())
            topic_id = self.new_id if self.topic_id is None else self.topic_id
            assert topic_id is not None
            self._saved(f"{name} is saved." if self.topic_id else f"{name} is added.", topic_id)


# ---------------------------------------------------------------- one topic's cards


class TopicPage(_ListedPage):
    """One topic's cards in order, then those put away. Public: ``detail``,
    ``add_button``, ``pictures`` and ``lines`` and the buttons by card id
    (``change_buttons``, ``earlier_buttons``, ``later_buttons``, ``take_out_buttons``,
    ``back_buttons``), ``retired_heading``, ``news_label``, ``problem_label``."""

    help_text = TOPIC_HELP
    domains = (NOTES,)

    def __init__(self, ctx: AppContext, topic_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.topic_id = topic_id
        self.title = "A topic's cards"
        self.detail: TopicDetail | None = None
        layout = self._start("")
        self.lines: dict[int, Line] = {}
        self.pictures: dict[int, CardPicture] = {}
        self.change_buttons: dict[int, BigButton] = {}
        self.earlier_buttons: dict[int, BigButton] = {}
        self.later_buttons: dict[int, BigButton] = {}
        self.take_out_buttons: dict[int, BigButton] = {}
        self.back_buttons: dict[int, BigButton] = {}
        self.retired_topic_note = label(
            "This topic is put away: it is not offered for conversations now. Bring it "
            "back from the list of topics.",
            "help",
        )
        self.retired_topic_note.hide()
        self.add_button = BigButton("Add a card")
        self.add_button.clicked.connect(self.add_card)
        self.empty_label = label("This topic has no cards yet. Press Add a card to make one.")
        self.empty_label.hide()
        self.in_use_box, self.in_use_layout = self._box()
        self.retired_heading = label("Put away", "subheading")
        self.retired_note = label(
            "Members have sorted these cards, so what they said is kept. They are not "
            "shown in conversations now.",
            "help",
        )
        self.retired_box, self.retired_layout = self._box()
        layout.addWidget(self.retired_topic_note)
        layout.addWidget(flow_row(self.add_button))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.news_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.in_use_box)
        layout.addWidget(self.retired_heading)
        layout.addWidget(self.retired_note)
        layout.addWidget(self.retired_box)
        layout.addStretch(1)

    def heading(self) -> str:
        return f"Cards: {self.detail.name}" if self.detail else self.title

    def refresh(self) -> None:
        try:
            self.detail = self.ctx.read(conversation_topics.get_topic, self.topic_id)
        except SERVICE_ERRORS as exc:
            self._show_problem(exc)
            self.detail = None
        else:
            self.problem_label.hide()
        detail = self.detail
        cards = detail.cards if detail else ()
        prompt = detail.prompt if detail else ""
        self.intro.setText(f"The words to start with: {prompt}" if prompt else "")
        self.intro.setVisible(bool(prompt))
        self.retired_topic_note.setVisible(bool(detail and detail.retired))
        self.add_button.setVisible(detail is not None)
        for box in (self.in_use_layout, self.retired_layout):
            clear_layout(box)
        for kept in (
            self.lines,
            self.pictures,
            self.change_buttons,
            self.earlier_buttons,
            self.later_buttons,
            self.take_out_buttons,
            self.back_buttons,
        ):
            kept.clear()
        in_use = [c for c in cards if not c.retired]
        for number, row in enumerate(cards, start=1):
            self._add_line(row, number, len(in_use))
        retired = [c for c in cards if c.retired]
        self.empty_label.setVisible(detail is not None and not in_use)
        self.in_use_box.setVisible(bool(in_use))
        for widget in (self.retired_heading, self.retired_note, self.retired_box):
            widget.setVisible(bool(retired))

    def _add_line(self, row: CardRow, number: int, count: int) -> None:
        word, card_id = row.word, row.card_id
        photo = self._photo(row) if row.has_photo and row.picture is None else None
        picture = CardPicture(word, row.picture, photo)
        self.pictures[card_id] = picture
        buttons: list[QWidget] = []
        if row.retired:
            self.back_buttons[card_id] = named_button(
                "Bring back", word, lambda: self.bring_back(row)
            )
            buttons.append(self.back_buttons[card_id])
            place = "Put away."
        else:
            self.change_buttons[card_id] = named_button("Change", word, lambda: self.change(row))
            buttons.append(self.change_buttons[card_id])
            # Both always there, so each button stays in its place from card to card.
            earlier = named_button("Move earlier", word, lambda: self.move_card(row, -1))
            later = named_button("Move later", word, lambda: self.move_card(row, 1))
            earlier.setEnabled(number > 1)
            later.setEnabled(number < count)
            self.earlier_buttons[card_id] = earlier
            self.later_buttons[card_id] = later
            buttons += [earlier, later]
            self.take_out_buttons[card_id] = named_button(
                "Take out", word, lambda: self.take_out(row)
            )
            buttons.append(self.take_out_buttons[card_id])
            place = f"Card {number} of {count}."
        where = (
            f"Picture: {row.licence}" if row.licence else "Where the picture came from is not said."
        )
        line = Line(word, [(place, ""), (where, "help")], buttons, picture)
        self.lines[card_id] = line
        self._put(self.retired_layout if row.retired else self.in_use_layout, line)

    def _photo(self, row: CardRow) -> bytes | None:
        try:
            return self.ctx.read(conversation_topics.card_photo, row.card_id)
        except SERVICE_ERRORS:
            return None

    def words_in_order(self) -> list[str]:
        """The words of the cards in use, in the order they are shown."""
        return [c.word for c in self.detail.cards_in_use] if self.detail else []

    def retired_words(self) -> list[str]:
        return [c.word for c in self.detail.cards if c.retired] if self.detail else []

    def card_for(self, word: str) -> CardRow:
        assert self.detail is not None
        return next(c for c in self.detail.cards if c.word == word)

    # ------------------------------------------------------------ actions

    def add_card(self) -> None:
        self.news_label.hide()
        self.ctx.navigator.push(CardFormPage(self.ctx, self.topic_id, saved=self.say))

    def change(self, row: CardRow) -> None:
        self.news_label.hide()
        self.ctx.navigator.push(CardFormPage(self.ctx, self.topic_id, row.card_id, saved=self.say))

    def move_card(self, row: CardRow, steps: int) -> None:
        self._run(conversation_topics.move_card, row.card_id, steps)
        if not self.problem_label.isHidden():
            return
        self.say(f"{row.word} is moved {'earlier' if steps < 0 else 'later'}.")
        # Keep the keyboard on the card that moved: the same button, or the other one
        # once it reaches the start or the end.
        mine, other = (
            (self.earlier_buttons, self.later_buttons)
            if steps < 0
            else (self.later_buttons, self.earlier_buttons)
        )
        for button in (mine.get(row.card_id), other.get(row.card_id)):
            if button is not None and button.isEnabled():
                button.setFocus(Qt.FocusReason.OtherFocusReason)
                break

    def take_out(self, row: CardRow) -> None:
        name = self.detail.name if self.detail else "the topic"
        if not ask_to_confirm(
            self,
            "Take out a card",
            f"Take {row.word} out of {name}? If nobody has sorted it yet, it is deleted. "
            "If members have sorted it, it is put away, and what they said is kept.",
            f"Yes, take {row.word} out",
            danger=True,
        ):
            return
        deleted = self._run(conversation_topics.remove_card, row.card_id)
        if not self.problem_label.isHidden():
            return
        self.say(
            f"{row.word} is deleted: nobody had sorted it yet."
            if deleted
            else f"{row.word} is put away: members have sorted it, so what they said is "
            "kept. It is under Put away below, if you want it back."
        )

    def bring_back(self, row: CardRow) -> None:
        self._run(conversation_topics.bring_back_card, row.card_id)
        if self.problem_label.isHidden():
            self.say(f"{row.word} is back, as the last card.")

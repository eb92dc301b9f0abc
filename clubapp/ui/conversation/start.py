"""Starting a picture conversation: who it is with, the topic, who is helping and the
day, then a big "Start" that opens the full-screen cards (ConversationPage).

Open it with ``ctx.navigator.push(ConversationStartPage(ctx))``, or with a member
already chosen: ``ConversationStartPage(ctx, person_id)``.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clubapp.services import conversation_topics, members
from clubapp.services.conversation_topics import TopicRow
from clubapp.services.members import PersonRow
from clubapp.ui.context import AppContext
from clubapp.ui.conversation.page import ConversationPage
from clubapp.ui.conversation.state import ConversationState
from clubapp.ui.own_record import own_person_id
from clubapp.ui.pages.base import Page
from clubapp.ui.pages.note_editor import person_words
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.dates import IN_WORDS, DateEdit, bad_dates
from clubapp.ui.widgets.flow import FlowBox
from clubapp.ui.widgets.forms import FormPanel
from clubapp.ui.widgets.inputs import BigRadio, PersonChoice

HELP_TEXT = (
    "Choose the member, the topic to talk about, who is helping and the day, then press "
    "Start. The cards then fill the screen, one at a time, and the member puts each one "
    "under I like this, Not sure or I don't like this. You can stop at any time; what "
    "was sorted is kept until you save it."
)
CHOOSE_MEMBER = (
    "Choose the member: type part of their name, then pick them from the list under the box."
)
CHOOSE_HELPER = (
    "Nobody in the list has that name. Type part of a name and pick them from the list "
    "under the box, or empty the box."
)
CHOOSE_TOPIC = "Choose what to talk about."
NO_CARDS = "This topic has no picture cards yet. Choose another topic."
FUTURE = "The date is in the future. Use today, or the day the conversation happens."


def cards_count_words(count: int) -> str:
    if count == 0:
        return "no cards yet"
    return "1 card" if count == 1 else f"{count} cards"


class _Form(FormPanel):
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        return QSize(hint.width(), min(hint.height(), 120))


class _TopicChoice(FlowBox):
    """One large radio button for each topic in use, with how many cards it has."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, spacing=12, uniform=True)
        self.group = QButtonGroup(self)
        self.buttons: dict[int, BigRadio] = {}

    def set_topics(self, topics: list[TopicRow]) -> None:
        for topic in topics:
            button = BigRadio(f"{topic.name} ({cards_count_words(topic.card_count)})", self)
            self.group.addButton(button)
            self.buttons[topic.topic_id] = button
            self.add_widget(button)
        if self.buttons:
            self.setFocusProxy(next(iter(self.buttons.values())))

    def value(self) -> int | None:
        return next((i for i, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, topic_id: int) -> None:
        if topic_id in self.buttons:
            self.buttons[topic_id].setChecked(True)


class ConversationStartPage(Page):
    """The choices before the cards."""

    title = "Start a picture conversation"
    help_text = HELP_TEXT
    domains = ()

    def __init__(
        self, ctx: AppContext, person_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.person_id = person_id
        self._people: list[PersonRow] = []
        self._topics: list[TopicRow] = []
        self._loaded = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.problem_label = QLabel(self)
        self.problem_label.setProperty("role", "error")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.hide()
        layout.addWidget(self.problem_label)

        self.form = _Form(self)
        content = self.form.widget()
        self.member = PersonChoice(content)
        self.form.add_field(
            "person_id",
            "Who is the conversation with?",
            self.member,
            "Type part of their name, then choose them from the list.",
        )
        self.topic = _TopicChoice(content)
        self.form.add_field("topic", "What will you talk about?", self.topic)
        self.helper = PersonChoice(content)
        self.form.add_field(
            "helped_by_id", "Who is helping?", self.helper, "Leave it empty if you do not know."
        )
        self.on_date = DateEdit(ctx.today(), content, display_format=IN_WORDS)
        self.form.add_field("on_date", "The day of the conversation", self.on_date)

        self.cancel_button = BigButton("Go back", self, variant="secondary")
        self.start_button = BigButton("Start", self)
        self.start_button.setAccessibleDescription("Opens the cards, full screen.")
        layout.addWidget(self.form, 1)
        # One row, as in the other forms: "Go back" on the left, "Start" on the right,
        # both centred on the row's middle.
        buttons = QHBoxLayout()
        buttons.setContentsMargins(12, 0, 12, 12)
        buttons.setSpacing(24)
        buttons.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignVCenter)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(buttons)
        self.cancel_button.clicked.connect(self.ctx.navigator.back)
        self.start_button.clicked.connect(self.start)

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        if self._loaded:
            return  # filled once: what was chosen stays
        self._loaded = True
        try:
            self._people = self.ctx.read(members.list_people)
            self._topics = self.ctx.read(conversation_topics.list_topics)
        except SERVICE_ERRORS as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            self.form.hide()
            self.start_button.hide()
            return
        active = [p for p in self._people if p.status in ("", "active")]
        offered = [(p.person_id, person_words(p)) for p in active]
        self.member.set_people(offered)
        if self.person_id is not None:
            if self.member.findData(self.person_id) < 0:
                row = next((p for p in self._people if p.person_id == self.person_id), None)
                if row is not None:
                    self.member.add_person(row.person_id, person_words(row))
            self.member.set_value(self.person_id)
        self.helper.set_people(offered)
        self.helper.set_value(self._own_person_id())
        self.topic.set_topics(self._topics)
        if not self._topics:
            self.form.show_errors(
                {"topic": "There are no topics yet. The coordinator can add them in Topics."}
            )

    def _own_person_id(self) -> int | None:
        """The signed-in user's own record: the one person whose name is the user's name."""
        return own_person_id(self.ctx.actor, self._people)

    # ------------------------------------------------------------ starting

    def problems(self) -> dict[str, str]:
        problems = dict(bad_dates(self.form.fields()))
        if self.member.value() is None:
            problems["person_id"] = CHOOSE_MEMBER
        topic_id = self.topic.value()
        if topic_id is None:
            problems["topic"] = CHOOSE_TOPIC
        elif next(t for t in self._topics if t.topic_id == topic_id).card_count == 0:
            problems["topic"] = NO_CARDS
        if self.helper.is_unknown():
            problems["helped_by_id"] = CHOOSE_HELPER
        if "on_date" not in problems and self.on_date.value() > self.ctx.today():
            problems["on_date"] = FUTURE
        return problems

    def start(self) -> ConversationPage | None:
        """Open the cards, full screen; None (and the problems shown) if something is missing."""
        self.form.clear_errors()
        if problems := self.problems():
            self.form.show_errors(problems)
            return None
        person_id = self.member.value()
        topic_id = self.topic.value()
        assert person_id is not None and topic_id is not None
        try:
            topic = self.ctx.read(conversation_topics.get_topic, topic_id)
            photos = {
                card.card_id: photo
                for card in topic.cards_in_use
                if card.has_photo
                and (photo := self.ctx.read(conversation_topics.card_photo, card.card_id))
                is not None
            }
        except SERVICE_ERRORS as exc:
            self.form.show_errors({"": str(exc)})
            return None
        row = next(p for p in self._people if p.person_id == person_id)
        state = ConversationState(
            person_id=person_id,
            person_name=row.display_name,
            topic=topic,
            on_date=self.on_date.value(),
            helped_by_id=self.helper.value(),
        )
        page = ConversationPage(self.ctx, state, photos)
        self.ctx.navigator.push(page)
        return page

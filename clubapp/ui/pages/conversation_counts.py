"""What members told us in pictures: the committee's club-wide view of picture
conversations. For one topic and a time, each card's picture and word, and how many
members like it, are not sure, or do not like it. Counts only.

Nobody can be singled out here: the page is given counts by
:func:`clubapp.services.conversation_counts.topic_counts` (1 or 2 come as "fewer than 3"),
never a name, a date of a conversation or a member's own words, and nothing on it opens
a member. The counts can be printed and put on a meeting's agenda.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from clubapp.services import conversation_counts, conversation_topics, meetings
from clubapp.services.conversation_counts import RULE_WORDS, CardCounts, TopicCounts
from clubapp.services.errors import NotAllowed, ValidationError
from clubapp.services.permissions import require
from clubapp.ui import theme
from clubapp.ui.context import COMMITTEE, NOTES, AppContext
from clubapp.ui.pages.base import Page, scrolling_body
from clubapp.ui.pages.committee import label, last_twelve_months
from clubapp.ui.service_errors import SERVICE_ERRORS
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.choosers import ChoiceCombo
from clubapp.ui.widgets.dates import IN_WORDS, DateEdit
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.forms import FieldRow

TITLE = "What members told us in pictures"
#: The three counts, in the order shown, with the words over each.
COLUMNS = (("like", "Like"), ("not_sure", "Not sure"), ("dislike", "Don't like"))
PICTURE_PX = 64  # each card's picture at 100 % text; it grows with the text, less
FACE_PX = 40
COUNTS_WIDTH_PX = 860  # the widest the table of counts grows, at 100 % text


def period_line(counts: TopicCounts) -> str:
    """ "Counts for 1 November 2025 to 30 November 2026 (whole months)." """
    return f"Counts for {counts.period_words} (whole months)."


HELP_TEXT = (
    "This page shows what members said in picture conversations, added up for the whole "
    "club. Choose a topic and the time to look at. For each picture card you see how "
    "many members like it, are not sure, or do not like it. Only conversations the member "
    "shared with the committee are counted, and each member counts once: their newest "
    "conversation on the topic in that time. There are never any names. When only 1 or 2 "
    "people said something, it shows as fewer than 3, so nobody can be singled out. "
    "Press Print this summary for a copy on paper. The coordinator and committee members "
    "can put the counts on the agenda of a meeting that is coming up."
)


def topic_choice_words(name: str, retired: bool) -> str:
    return f"{name} (put away)" if retired else name


class ConversationCountsPage(Page):
    """The counts for one topic and a time.

    Choosing: ``topic_combo`` (topics in use, then those put away), ``from_date`` and
    ``to_date`` (with ``from_row``/``to_row`` for their errors). What shows:
    ``members_label`` (how many members shared), ``rule_label`` (the rule in words),
    ``too_few_label`` (when too few shared to show counts) and ``counts_box``: a row per
    card of ``count_rows`` (:class:`CountRow`) under the faces. ``print_button`` prints
    the summary. For roles that run meetings: ``meeting_combo`` (meetings coming up),
    ``add_button`` and ``added_label``.
    """

    title = TITLE
    help_text = HELP_TEXT
    domains = (NOTES, COMMITTEE)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.can_run = ctx.can("committee.run")
        self.counts: TopicCounts | None = None
        self.count_rows: list[CountRow] = []

        body = scrolling_body(self)
        self.problem_label, self.content = body.problem_label, body.content
        self.scroll_area, column = body.scroll_area, body.column

        column.addWidget(
            label(
                "How many members like, are not sure about, or do not like each picture "
                "card. Choose a topic and the time to look at.",
                "help",
            )
        )
        self.topic_combo = ChoiceCombo(chars=24)
        self.topic_row = FieldRow("Topic", self.topic_combo)
        start, end = last_twelve_months(ctx.today())
        self.from_date = DateEdit(start, display_format=IN_WORDS)
        self.to_date = DateEdit(end, display_format=IN_WORDS)
        self.from_row = FieldRow("From", self.from_date)
        self.to_row = FieldRow("To", self.to_date)
        column.addWidget(flow_row(self.topic_row))
        # Top-aligned: a message under one date leaves the other where it was.
        column.addWidget(flow_row(self.from_row, self.to_row, align=Qt.AlignmentFlag.AlignTop))

        self.members_label = label(role="subheading")
        column.addWidget(self.members_label)
        # The whole months the counts cover (the dates chosen, widened to whole months).
        self.period_label = label(role="label")
        column.addWidget(self.period_label)
        # The rule, boxed as the printout boxes it.
        self.rule_box = QFrame()
        self.rule_box.setProperty("card", True)
        boxed = QVBoxLayout(self.rule_box)
        boxed.setContentsMargins(16, 12, 16, 12)
        self.rule_label = label(RULE_WORDS)
        boxed.addWidget(self.rule_label)
        column.addWidget(self.rule_box)
        self.too_few_label = label(
            "There are too few to count, so no counts are shown. Choose a longer time, or "
            "talk about this topic with more members."
        )
        column.addWidget(self.too_few_label)

        self.counts_box = QWidget()
        self.grid = QGridLayout(self.counts_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(12)
        # The three counts share the width alike, so each column lines up under its
        # face; the whole is kept narrow enough to read across at a glance.
        for col in range(2, 2 + len(COLUMNS)):
            self.grid.setColumnStretch(col, 1)
        self.counts_box.setMaximumWidth(theme.scaled_px(COUNTS_WIDTH_PX, theme.current_scale()))
        self._headings()
        column.addWidget(self.counts_box)

        self.print_button = BigButton("Print this summary", variant="secondary")
        column.addWidget(flow_row(self.print_button))

        # ---- putting the counts on a meeting's agenda
        self.agenda_box = QWidget()
        agenda = QVBoxLayout(self.agenda_box)
        agenda.setContentsMargins(0, 16, 0, 0)
        agenda.setSpacing(12)
        agenda.addWidget(label("Add to an agenda", "subheading"))
        agenda.addWidget(
            label(
                "The counts for this topic and time become an item on the meeting's "
                "agenda, before Any other business. Counts only, no names.",
                "help",
            )
        )
        self.meeting_combo = ChoiceCombo(chars=28)
        self.meeting_row = FieldRow("Meeting", self.meeting_combo)
        self.add_button = BigButton("Add to the agenda")
        agenda.addWidget(flow_row(self.meeting_row, self.add_button))
        self.no_meeting_label = label(
            "No meeting is planned. Plan one in the Committee room, then come back here."
        )
        agenda.addWidget(self.no_meeting_label)
        self.added_label = label(role="label")
        self.added_label.hide()
        agenda.addWidget(self.added_label)
        self.agenda_box.setVisible(self.can_run)
        column.addWidget(self.agenda_box)

        self.topic_combo.currentIndexChanged.connect(self.show_counts)
        for box in (self.from_date, self.to_date):
            box.dateChanged.connect(self.show_counts)
            box.editingFinished.connect(self.show_counts)
        self.print_button.clicked.connect(self.print_summary)
        self.add_button.clicked.connect(self.add_to_agenda)

    # ------------------------------------------------------------ loading

    def _headings(self) -> None:
        from clubapp.ui.conversation.faces import face_pixmap

        self.grid.addWidget(label("Card", "label"), 0, 0, 1, 2, Qt.AlignmentFlag.AlignBottom)
        self.face_labels: list[QLabel] = []
        for col, (place, words) in enumerate(COLUMNS, start=2):
            cell = QWidget()
            stack = QVBoxLayout(cell)
            stack.setContentsMargins(0, 0, 0, 0)
            stack.setSpacing(4)
            face = QLabel()
            px = theme.scaled_px(FACE_PX, theme.current_scale())
            face.setPixmap(face_pixmap(place, px, self.devicePixelRatioF()))
            face.setFixedSize(px, px)
            face.setAccessibleName(f"{words} face")
            self.face_labels.append(face)
            stack.addWidget(face, 0, Qt.AlignmentFlag.AlignHCenter)
            heading = label(words, "label")
            heading.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            stack.addWidget(heading, 1)
            # Faces in one line at the top, whether or not a word wraps under them.
            self.grid.addWidget(cell, 0, col)

    def refresh(self) -> None:
        try:
            require(self.ctx.actor, "committee.see")  # counts are the committee's
            topics = self.ctx.read(conversation_topics.list_topics, include_retired=True)
        except NotAllowed as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            self.content.hide()
            return
        self.problem_label.hide()
        self.content.show()
        in_use = [t for t in topics if not t.retired]
        put_away = [t for t in topics if t.retired]
        self.topic_combo.blockSignals(True)
        self.topic_combo.set_choices(
            (topic_choice_words(t.name, t.retired), t.topic_id) for t in [*in_use, *put_away]
        )
        self.topic_combo.blockSignals(False)
        if self.can_run:
            self._fill_meetings()
        self.show_counts()

    def _fill_meetings(self) -> None:
        """Meetings from today on whose record is still open, soonest first."""
        today = self.ctx.today()
        coming = sorted(
            (
                m
                for m in self.ctx.read(meetings.list_meetings, after=today - timedelta(days=1))
                if m.minutes_approved_on is None
            ),
            key=lambda m: (m.on_date, m.meeting_id),
        )
        self.meeting_combo.set_choices((m.title, m.meeting_id) for m in coming)
        self.meeting_row.setVisible(bool(coming))
        self.add_button.setVisible(bool(coming))
        self.no_meeting_label.setVisible(not coming)

    def topic_id(self) -> int | None:
        value = self.topic_combo.value()
        return None if value is None else int(value)

    def choose_topic(self, topic_id: int) -> bool:
        return self.topic_combo.choose(topic_id)

    def period(self) -> tuple[date, date] | None:
        """The time chosen, or None (with the reason under its box) if it is not right."""
        for row in (self.from_row, self.to_row):
            row.clear_error()
        for row, box in ((self.from_row, self.from_date), (self.to_row, self.to_date)):
            if not box.is_valid():
                row.show_error(box.error_text())
                return None
        start, end = self.from_date.value(), self.to_date.value()
        if end < start:
            self.to_row.show_error("The end of the time is before its start. Choose a later date.")
            return None
        return start, end

    def show_counts(self, *_args: object) -> None:
        """Show the counts for the topic and time chosen."""
        topic_id, period = self.topic_id(), self.period()
        self.added_label.hide()
        if topic_id is None or period is None:
            self._show(None)
            if topic_id is None:
                self.members_label.setText("There are no picture conversation topics yet.")
                self.members_label.show()
            return
        try:
            counts = self.ctx.read(conversation_counts.topic_counts, topic_id, *period)
        except ValidationError as exc:
            field, message = exc.first
            (self.from_row if field == "start" else self.to_row).show_error(message)
            self._show(None)
            return
        except SERVICE_ERRORS as exc:  # a topic deleted meanwhile, a locked file
            self._show(None)
            self.members_label.setText(str(exc))
            self.members_label.show()
            return
        self._show(counts)

    def _show(self, counts: TopicCounts | None) -> None:
        self.counts = counts
        shown = counts is not None and not counts.too_few
        self.members_label.setVisible(counts is not None)
        self.period_label.setVisible(counts is not None)
        self.rule_box.setVisible(counts is not None)
        if counts is not None:
            self.members_label.setText(counts.members_words)
            self.period_label.setText(period_line(counts))
        self.too_few_label.setVisible(counts is not None and counts.too_few)
        self.counts_box.setVisible(shown)
        self.print_button.setEnabled(counts is not None)
        self.add_button.setEnabled(counts is not None)
        for row in self.count_rows:
            row.remove()
        self.count_rows = []
        if counts is None or not shown:
            return
        for n, card in enumerate(counts.cards, start=1):
            self.count_rows.append(CountRow(self, card, n))

    # ------------------------------------------------------------ actions

    def print_summary(self) -> bool:
        topic_id, period = self.topic_id(), self.period()
        if topic_id is None or period is None:
            return False
        start, end = period
        ctx = self.ctx
        ctx.navigator.show_pdf(
            TITLE,
            lambda: ctx.read(
                conversation_counts.topic_summary_pdf, topic_id, start, end, ctx.today()
            ),
            f"what-members-told-us-{start.isoformat()}-to-{end.isoformat()}.pdf",
        )
        return True

    def add_to_agenda(self) -> int | None:
        """Put the counts on the agenda of the meeting chosen; say so under the button."""
        topic_id, period = self.topic_id(), self.period()
        meeting_id = self.meeting_combo.value()
        self.meeting_row.clear_error()
        self.added_label.hide()
        if topic_id is None or period is None or meeting_id is None:
            return None
        try:
            item_id = self.ctx.run(
                conversation_counts.add_to_agenda,
                meeting_id,
                topic_id,
                *period,
                changed=COMMITTEE,
            )
        except ValidationError as exc:
            self.meeting_row.show_error(exc.first[1])
            return None
        except SERVICE_ERRORS as exc:  # the meeting or topic gone, a locked file
            self.meeting_row.show_error(str(exc))
            return None
        self.added_label.setText(
            f"Added to the agenda of the {self.meeting_combo.currentText()}, before Any "
            "other business."
        )
        self.added_label.show()
        return int(item_id)


class CountRow:
    """One card's line in the grid: its picture, its word and its three counts."""

    def __init__(self, page: ConversationCountsPage, card: CardCounts, row: int) -> None:
        from clubapp.ui.widgets.pictures import photo_pixmap, picture_pixmap

        self.card = card
        grid = page.grid
        px = max(PICTURE_PX, theme.scaled_px(PICTURE_PX * 3 / 4, theme.current_scale()))
        self.picture = QLabel()
        self.picture.setFixedSize(px, px)
        ratio = page.devicePixelRatioF()
        pixmap = None
        if card.has_photo:
            photo = page.ctx.read(conversation_topics.card_photo, card.card_id)
            if photo is not None:
                try:
                    pixmap = photo_pixmap(photo, px, ratio)
                except ValueError:
                    pixmap = None
        if pixmap is None and card.picture:
            try:
                pixmap = picture_pixmap(card.picture, px, ratio)
            except (KeyError, ValueError):
                pixmap = None
        if pixmap is not None:
            self.picture.setPixmap(pixmap)
        self.picture.setAccessibleName(f"Picture: {card.word}")
        self.word = label(card.word)
        self.counts: dict[str, QLabel] = {}
        grid.addWidget(self.picture, row, 0)
        grid.addWidget(self.word, row, 1)
        for col, (place, words) in enumerate(COLUMNS, start=2):
            count = label(card.of(place).words, "label")
            count.setAlignment(Qt.AlignmentFlag.AlignCenter)
            count.setAccessibleName(f"{card.word}, {words}: {card.of(place).words}")
            self.counts[place] = count
            grid.addWidget(count, row, col)

    def widgets(self) -> list[QWidget]:
        return [self.picture, self.word, *self.counts.values()]

    def remove(self) -> None:
        for widget in self.widgets():
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()

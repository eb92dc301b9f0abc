"""The sorting screen: the topic's words at the top, one card at a time, large, and the
three places to put it, each with the cards already put there, small, under it.

Tapping a place (or the keys 1, 2 and 3) puts the card there; "Skip this one" (S or 4)
leaves it unsaid; tapping a placed card brings it back to be placed again. "Stop here"
(top right, always there) goes to the summary and keeps everything sorted. There is no
time limit and nothing moves by itself, except that the summary follows the last card.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clubapp.services.conversations import PLACE_WORDS, SORTED_PLACES
from clubapp.ui.conversation.faces import (
    CARD_PICTURE_PX,
    LEAST_WORDS_PT,
    SMALL_PICTURE_PX,
    SMALL_PLACE_PICTURE_PX,
    SMALLER_PICTURE_PX,
    CardOnShow,
    PlacedCard,
    PlaceTile,
)
from clubapp.ui.conversation.state import SKIPPED, ConversationState
from clubapp.ui.voting.tiles import vote_font
from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import FlowBox

ALL_SORTED = "All the cards are sorted. Tap a card under a face to move it."
STOP = "Stop here"
STOP_MEANS = "Keeps every card sorted so far and shows them all. Nothing is lost. Key Escape."
MARGIN = 24  # left and right of the screen
ROW_GAP = 32  # between the card and the places
PLACE_GAP = 24  # between the places
SEE_SORTED = "See what was sorted"


def words_label(text: str = "", role: str = "vote_words") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setProperty("role", role)
    return label


class SortingView(QWidget):
    """Sorts the cards of ``state``; ``photos`` holds the photo of each card that has one."""

    #: "Stop here", or the last card was placed: show the summary.
    done = Signal()

    def __init__(
        self, state: ConversationState, photos: dict[int, bytes], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.photos = photos

        prompt = state.topic.prompt or f"Let's talk about {state.topic.name.lower()}."
        self.prompt_label = words_label(prompt, "vote_question")
        self.counter_label = words_label()
        self.stop_button = BigButton(STOP, variant="vote")
        self.stop_button.setAccessibleDescription(STOP_MEANS)
        # Side by side when there is room; at large text the words get a line of their own.
        self.top = QGridLayout()
        self.top.setContentsMargins(24, 12, 24, 0)
        self.top.setHorizontalSpacing(24)
        self.top.setVerticalSpacing(8)

        # ---- the card on show, and Skip under it
        self.card = CardOnShow(self)
        self.all_sorted_label = words_label(ALL_SORTED)
        self.skip_button = BigButton("Skip this one", variant="vote")
        self.skip_button.setAccessibleDescription("Leaves this card out. Key S.")
        card_column = QVBoxLayout()
        card_column.setSpacing(16)
        card_column.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        card_column.addWidget(self.all_sorted_label)
        card_column.addWidget(self.skip_button, 0, Qt.AlignmentFlag.AlignHCenter)
        card_column.addStretch(1)

        # ---- the three places, each with its cards under it
        places = QGridLayout()
        places.setHorizontalSpacing(PLACE_GAP)
        places.setVerticalSpacing(12)
        self.tiles: dict[str, PlaceTile] = {}
        self.columns: dict[str, FlowBox] = {}
        for column, place in enumerate(SORTED_PLACES):
            tile = PlaceTile(place, self)
            tile.clicked.connect(lambda _=False, p=place: self.put(p))
            box = FlowBox(self, spacing=8, align=Qt.AlignmentFlag.AlignTop)
            box.setAccessibleName(f"Cards in {PLACE_WORDS[place]}")
            self.tiles[place] = tile
            self.columns[place] = box
            places.addWidget(tile, 0, column)
            places.addWidget(box, 1, column, Qt.AlignmentFlag.AlignTop)
            places.setColumnStretch(column, 1)
        places.setRowStretch(2, 1)

        # The card beside the places when there is room, else above them.
        body = QWidget(self)
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, body)
        self.row.setContentsMargins(MARGIN, 12, MARGIN, 16)
        self.row.setSpacing(ROW_GAP)
        self.row.addLayout(card_column, 0)
        self.row.addLayout(places, 1)
        self.places = places
        self.wide: bool | None = None
        # Sizes made smaller to fit the screen (see fit_to_window); None: the usual size.
        self.words_pt: float | None = None
        self.placed_px = SMALL_PICTURE_PX
        self._fitted_for: tuple[object, ...] | None = None
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setWidget(body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(self.top)
        layout.addWidget(self.area, 1)

        self.skip_button.clicked.connect(self.skip)
        self.stop_button.clicked.connect(self.stop)
        self.arrange(True)
        self.show_state()

    # ------------------------------------------------------------ room

    def fit_to_window(self) -> None:
        """Sizes that show the card and the three places together, beside each other.

        At large text the screen runs out of room, so things get smaller in this order
        until they fit: the places' faces and the placed cards' pictures, then the
        card's picture (never under 160 px), then the member's words (never under
        28 pt). If even that does not fit, the card goes above the places."""
        width, height = self.width(), self.height()
        if width <= 0 or height <= 0:
            return
        card = self.state.current()
        placed = tuple(tuple(c.card_id for c in self.state.placed(p)) for p in SORTED_PLACES)
        key = (width, height, self.font().pointSizeF(), card.word if card else "", placed)
        if key == self._fitted_for:
            return
        self._fitted_for = key
        usual_pt = vote_font(self.font()).pointSizeF()
        tries: list[tuple[float | None, bool, bool]] = [
            (None, False, False),
            (None, True, False),
            (None, True, True),
        ]
        pt = usual_pt - 4
        while pt > LEAST_WORDS_PT:
            tries.append((pt, True, True))
            pt -= 4
        tries.append((LEAST_WORDS_PT, True, True))
        for words_pt, small_pictures, small_card in tries:
            if words_pt is not None and words_pt >= usual_pt:
                continue
            self._use_sizes(words_pt, small_pictures, small_card)
            if self._fits(width, height):
                self.arrange(True)
                return
        self.arrange(False)

    def _use_sizes(self, words_pt: float | None, small_pictures: bool, small_card: bool) -> None:
        for tile in self.tiles.values():
            tile.fit(words_pt, SMALL_PLACE_PICTURE_PX if small_pictures else None)
        self.card.fit(words_pt, CARD_PICTURE_PX if small_card else None)
        placed_px = SMALLER_PICTURE_PX if small_pictures else SMALL_PICTURE_PX
        if placed_px != self.placed_px:
            self.placed_px = placed_px
            for place in SORTED_PLACES:
                for small in self.placed_cards(place):
                    small.picture_px = placed_px
                    small.updateGeometry()
        if words_pt == self.words_pt:
            return
        self.words_pt = words_pt
        if words_pt is None:
            sheets = {self.prompt_label: "", self.counter_label: "", self.stop_button: ""}
            sheets[self.skip_button] = ""
        else:
            pt = round(words_pt)
            button = f"QPushButton {{ font-size: {pt}pt; min-height: 60px; padding: 6px 16px; }}"
            sheets = {
                self.prompt_label: f"QLabel {{ font-size: {pt + 4}pt; }}",
                self.counter_label: f"QLabel {{ font-size: {pt}pt; }}",
                self.stop_button: button,
                self.skip_button: button,
            }
        for widget, sheet in sheets.items():
            widget.setStyleSheet(sheet)
            widget.updateGeometry()

    def _all_sorted_width(self) -> int:
        """ "All the cards are sorted…" wraps, but each of its words is on one line."""
        fm = self.all_sorted_label.fontMetrics()
        return max(fm.horizontalAdvance(word) for word in ALL_SORTED.split())

    def _fits(self, width: int, height: int) -> bool:
        """Whether the top row, the card (with Skip under it) and the three places fit in
        ``width`` × ``height`` side by side, leaving room for a scroll bar."""
        inner = width - 2 * MARGIN - self.area.verticalScrollBar().sizeHint().width()
        card_w = self.card.face_size().width()
        column_w = max(card_w, self.skip_button.sizeHint().width(), self._all_sorted_width())
        tile_w = (inner - column_w - ROW_GAP - 2 * PLACE_GAP) // 3
        # A place is as wide as its tile, or its widest card placed under it.
        widest = max(
            max(t.face_size().width(), self.columns[p].minimumSizeHint().width())
            for p, t in self.tiles.items()
        )
        if 3 * widest + 2 * PLACE_GAP > inner - column_w - ROW_GAP:
            return False
        # The three places as wide as each other.
        for column in range(len(SORTED_PLACES)):
            self.places.setColumnMinimumWidth(column, widest)
        tiles_h = max(t.face_height(tile_w) for t in self.tiles.values())
        card_h = self.card.face_height(card_w) + 16 + self.skip_button.sizeHint().height()
        stop = self.stop_button.sizeHint()
        counter = self.counter_label.sizeHint()
        prompt_w = width - 2 * MARGIN - stop.width() - counter.width() - 2 * 24
        if prompt_w < 200:
            return False
        top_h = max(self.prompt_label.heightForWidth(prompt_w), stop.height(), counter.height())
        return 12 + top_h + 8 + 12 + max(tiles_h, card_h) <= height

    def arrange(self, wide: bool) -> None:
        """Card and places side by side (``wide``), or the card above the places."""
        if wide == self.wide:
            return
        self.wide = wide
        for widget in (self.prompt_label, self.counter_label, self.stop_button):
            self.top.removeWidget(widget)
        top = Qt.AlignmentFlag.AlignTop
        if wide:
            self.top.addWidget(self.prompt_label, 0, 0)
            self.top.addWidget(self.counter_label, 0, 1, top)
            self.top.addWidget(self.stop_button, 0, 2, top)
            self.top.setColumnStretch(0, 1)
            self.top.setColumnStretch(1, 0)
        else:
            self.top.addWidget(self.counter_label, 0, 0, Qt.AlignmentFlag.AlignVCenter)
            self.top.addWidget(self.stop_button, 0, 1, top)
            self.top.addWidget(self.prompt_label, 1, 0, 1, 2)
            self.top.setColumnStretch(0, 1)
            self.top.setColumnStretch(2, 0)
        self.row.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        # Above the places the card is a little smaller (its picture still 160 px or
        # more), so the places are nearer the top of the screen.
        self.card.set_large(wide)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.fit_to_window()
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == event.Type.FontChange and self.width() > 0:
            self._fitted_for = None
            self.fit_to_window()

    # ------------------------------------------------------------ showing

    def show_state(self) -> None:
        state = self.state
        card = state.current()
        self.counter_label.setText(state.counter_words())
        if card is not None:
            self.card.show_card(card, self.photos.get(card.card_id))
        self.card.setVisible(card is not None)
        self.skip_button.setVisible(card is not None)
        self.all_sorted_label.setVisible(card is None)
        for tile in self.tiles.values():
            tile.setEnabled(card is not None)
        self.stop_button.setText(SEE_SORTED if card is None else STOP)
        for place, box in self.columns.items():
            old = box.widgets()
            box.remove_all()
            for widget in old:
                widget.hide()
                widget.deleteLater()
            for placed in state.placed(place):
                photo = self.photos.get(placed.card_id)
                small = PlacedCard(placed, photo, place, picture_px=self.placed_px)
                small.clicked.connect(lambda _=False, i=placed.card_id: self.bring_back(i))
                box.add_widget(small)
        self._tab_order()
        self.fit_to_window()
        # The next card and the places are at the top: show them.
        self.area.verticalScrollBar().setValue(0)

    def _tab_order(self) -> None:
        chain: list[QWidget] = [self.stop_button, self.skip_button]
        for place in SORTED_PLACES:
            chain.append(self.tiles[place])
            chain.extend(self.columns[place].widgets())
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def placed_cards(self, place: str) -> list[PlacedCard]:
        return [w for w in self.columns[place].widgets() if isinstance(w, PlacedCard)]

    # ------------------------------------------------------------ actions

    def put(self, place: str) -> None:
        """Put the card on show in ``place``; after the last new card, show the summary."""
        was_moving = self.state.moving is not None
        if self.state.put(place) is None:
            return
        self.show_state()
        if self.state.finished() and not was_moving:
            self.done.emit()

    def skip(self) -> None:
        self.put(SKIPPED)

    def bring_back(self, card_id: int) -> None:
        self.state.bring_back(card_id)
        self.show_state()
        self.area.verticalScrollBar().setValue(0)

    def stop(self) -> None:
        self.state.stop_moving()
        self.show_state()
        self.done.emit()

    def press_key(self, key: int) -> bool:
        """Keys 1–3 put the card in a place, S or 4 skips it. True if the key was used."""
        numbers = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2}
        if key in numbers:
            self.put(SORTED_PLACES[numbers[Qt.Key(key)]])
            return True
        if key in (Qt.Key.Key_S, Qt.Key.Key_4):
            if self.state.current() is not None:
                self.skip()
            return True
        return False

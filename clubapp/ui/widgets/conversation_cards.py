"""A picture conversation shown back: the three places, each with its face and words, and
the cards the member put there (picture, word, and what they said about it).

Used by "What matters to me" (places one under the other, cards flowing) and by a
conversation's own page (three columns side by side).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clubapp.services.conversations import PLACE_WORDS, SORTED_PLACES, ConversationDetail
from clubapp.ui.conversation.faces import face_pixmap
from clubapp.ui.widgets.flow import FlowBox
from clubapp.ui.widgets.pictures import photo_pixmap, picture_pixmap

CARD_PX = 64  # a card's picture, at least this big
FACE_PX = 40
GROUP_WORDS = {"like": "Likes", "not_sure": "Not sure", "dislike": "Doesn't like"}
NOTHING_HERE = "Nothing here."


def words_label(text: str, role: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        label.setProperty("role", role)
    return label


def card_pixmap(picture: str | None, photo: bytes | None, px: int, ratio: float) -> QPixmap | None:
    """A card's photo if it has one that can be read, else its library picture."""
    try:
        if photo is not None:
            return photo_pixmap(photo, px, ratio)
        if picture is not None:
            return picture_pixmap(picture, px, ratio)
    except (KeyError, ValueError):  # a picture no longer shipped, a photo that is broken
        return None
    return None


def picture_label(
    picture: str | None, photo: bytes | None, word: str, parent: QWidget | None = None
) -> QLabel:
    label = QLabel(parent)
    pixmap = card_pixmap(picture, photo, CARD_PX, label.devicePixelRatioF() or 1.0)
    if pixmap is not None:
        label.setPixmap(pixmap)
    label.setFixedSize(CARD_PX, CARD_PX)
    label.setAccessibleName(f"Picture: {word}")
    return label


class CardTile(QWidget):
    """One card: its picture, its word beside it, and the member's own words under it."""

    def __init__(
        self,
        word: str,
        picture: str | None,
        photo: bytes | None,
        own_words: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conversation-card")
        self.word = word
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(picture_label(picture, photo, word, self), 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(2)
        self.word_label = words_label(word, "label", self)
        words.addWidget(self.word_label)
        said = " ".join(own_words.split())
        self.said_label: QLabel | None = None
        if said:
            self.said_label = words_label(f"“{said}”", "", self)
            words.addWidget(self.said_label)
        words.addStretch(1)
        layout.addLayout(words, 1)

    def texts(self) -> list[str]:
        shown = [self.word_label.text()]
        if self.said_label is not None:
            shown.append(self.said_label.text())
        return shown


class PlacesView(QWidget):
    """The three places of one conversation with their cards.

    ``columns``: side by side, each place's cards one under another (a conversation's
    page); otherwise one place under the other, the cards flowing across and onto new
    lines as the width and the text size need ("What matters to me")."""

    def __init__(
        self,
        detail: ConversationDetail,
        photos: dict[int, bytes],
        parent: QWidget | None = None,
        *,
        columns: bool = False,
        group_words: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.detail = detail
        self.tiles: dict[str, list[CardTile]] = {}
        self.titles: dict[str, QLabel] = {}
        words = group_words or (PLACE_WORDS if columns else GROUP_WORDS)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        for n, place in enumerate(SORTED_PLACES):
            group = QWidget(self)
            group.setObjectName(f"place-{place}")
            box = QVBoxLayout(group)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(8)
            top = QHBoxLayout()
            top.setSpacing(10)
            face = QLabel(group)
            face.setPixmap(face_pixmap(place, FACE_PX, face.devicePixelRatioF() or 1.0))
            face.setFixedSize(FACE_PX, FACE_PX)
            face.setAccessibleName(f"Face: {words[place]}")
            top.addWidget(face)
            title = words_label(words[place], "label", group)
            self.titles[place] = title
            top.addWidget(title, 1)
            box.addLayout(top)
            answers = detail.placed(place)
            tiles = [
                CardTile(a.word, a.picture, photos.get(a.card_id), a.own_words) for a in answers
            ]
            self.tiles[place] = tiles
            if not tiles:
                box.addWidget(words_label(NOTHING_HERE, "help", group))
            elif columns:
                for tile in tiles:
                    tile.setParent(group)
                    box.addWidget(tile)
            else:
                flow = FlowBox(group, spacing=16, align=Qt.AlignmentFlag.AlignTop)
                for tile in tiles:
                    flow.add_widget(tile)
                box.addWidget(flow)
            box.addStretch(1)
            if columns:
                grid.addWidget(group, 0, n)
                grid.setColumnStretch(n, 1)
            else:
                grid.addWidget(group, n, 0)

    def words_in(self, place: str) -> list[str]:
        """The cards' words shown under a place (for tests and checks)."""
        return [tile.word for tile in self.tiles[place]]

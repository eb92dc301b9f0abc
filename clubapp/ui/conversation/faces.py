"""What the sorting screen is made of: the three places (a face and words, keys 1–3),
the card on show, and the small cards already placed.

The faces are drawn here with QPainter, not taken from the picture library: a yellow
face with a dark outline, its eyes and its mouth (a smile, a straight line, a frown), so
the three differ by shape as well as by the colour and the words of their place.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from clubapp.services.conversation_topics import CardRow
from clubapp.services.conversations import PLACE_WORDS
from clubapp.ui.theme import colour
from clubapp.ui.voting.tiles import ChoiceCard, ChoiceTile, wrapped_lines
from clubapp.ui.widgets.pictures import photo_pixmap, picture_pixmap

PLACE_COLOURS = {"like": "vote_yes", "not_sure": "vote_not_sure", "dislike": "vote_no"}
PLACE_KEYS = {"like": 1, "not_sure": 2, "dislike": 3}
FACE_YELLOW = "#FFD54F"
OUTLINE = "#1A1A1A"
CARD_PICTURE_PX = 160  # the card on show: its picture at least this big
SMALL_PICTURE_PX = 64  # a placed card
PLACE_PICTURE_PX = 128  # the most a place's face takes (at 100 % text it is about 120)
SMALL_PLACE_PICTURE_PX = 80  # a place's face when the screen is short of room
SMALLER_PICTURE_PX = 48  # a placed card's picture when the screen is short of room
PLACED_WORDS_PX = 3 * SMALL_PICTURE_PX  # a placed card's word breaks rather than be wider
LEAST_WORDS_PT = 28.0  # the member's words are never smaller than this (DESIGN 2.2)


class _Fitted:
    """What the sorting screen can make smaller when the text is large and the screen
    is not: the words (never under 28 pt) and the picture. ``None``: the usual size."""

    words_pt: float | None = None
    picture_at_most: int | None = None

    def font(self) -> QFont: ...  # type: ignore[empty-body]

    def fitted_words_font(self, font: QFont) -> QFont:
        if self.words_pt is not None and font.pointSizeF() > self.words_pt:
            font.setPointSizeF(max(LEAST_WORDS_PT, self.words_pt))
        return font

    def fitted_pad(self, pad: int) -> int:
        # With smaller words the room around them shrinks too (as it is at 100 %).
        if self.words_pt is None:
            return pad
        return max(
            12,
            min(pad, round(QFontMetrics(self.fitted_words_font(QFont(self.font()))).height() / 4)),
        )


def draw_face(p: QPainter, where: QRectF, place: str) -> None:
    """A face for ``place`` ("like", "not_sure" or "dislike") inside the square ``where``."""
    side = min(where.width(), where.height())
    if side <= 2:
        return
    unit = side / 100.0
    left = where.left() + (where.width() - side) / 2
    top = where.top() + (where.height() - side) / 2

    def at(x: float, y: float) -> QPointF:
        return QPointF(left + x * unit, top + y * unit)

    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor(OUTLINE), max(2.0, 5 * unit)))
    p.setBrush(QColor(FACE_YELLOW))
    p.drawEllipse(QRectF(left + 5 * unit, top + 5 * unit, 90 * unit, 90 * unit))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(OUTLINE))
    for x in (35, 65):
        p.drawEllipse(at(x, 38), 6 * unit, 7.5 * unit)
    pen = QPen(QColor(OUTLINE), max(2.0, 6 * unit))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    mouth = QPainterPath()
    if place == "like":
        mouth.moveTo(at(28, 60))
        mouth.quadTo(at(50, 84), at(72, 60))
    elif place == "dislike":
        mouth.moveTo(at(30, 76))
        mouth.quadTo(at(50, 56), at(70, 76))
    else:  # not sure: a straight mouth, a little askew
        mouth.moveTo(at(32, 70))
        mouth.lineTo(at(68, 66))
    p.drawPath(mouth)
    p.restore()


_faces: dict[tuple[str, int, float], QPixmap] = {}


def face_pixmap(place: str, px: int, ratio: float = 1.0) -> QPixmap:
    """The face of ``place``, ``px`` logical pixels square (drawn once per size)."""
    key = (place, int(px), float(ratio))
    cached = _faces.get(key)
    if cached is not None:
        return QPixmap(cached)
    side = max(1, round(px * ratio))
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    draw_face(p, QRectF(0, 0, side, side), place)
    p.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    if len(_faces) > 64:
        _faces.clear()
    _faces[key] = pixmap
    return QPixmap(pixmap)


class PlaceTile(ChoiceTile, _Fitted):
    """One of the three places: its number key, its face and its words, on its colour."""

    def __init__(self, place: str, parent: QWidget | None = None) -> None:
        super().__init__(
            PLACE_KEYS[place],
            PLACE_WORDS[place],
            colour_of=colour(PLACE_COLOURS[place]),
            parent=parent,
        )
        self.place = place
        self.setAccessibleName(f"{PLACE_KEYS[place]}: {PLACE_WORDS[place]}")
        # As tall as the tallest of the three, so their tops and bottoms line up.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def fit(self, words_pt: float | None, picture_at_most: int | None) -> None:
        self.words_pt, self.picture_at_most = words_pt, picture_at_most
        self.updateGeometry()
        self.update()

    def words_font(self) -> QFont:
        return self.fitted_words_font(super().words_font())

    def _number_font(self) -> QFont:
        font = super()._number_font()
        if self.words_pt is not None:
            font.setPointSizeF(
                min(font.pointSizeF(), max(self.font().pointSizeF(), self.words_pt * 0.7))
            )
        return font

    def _pad(self) -> int:
        return self.fitted_pad(super()._pad())

    def picture_px(self) -> int:
        # The three places fit side by side in a 1280 px window even at 200 % text.
        return min(super().picture_px(), self.picture_at_most or PLACE_PICTURE_PX)

    def _paint_picture(self, p: QPainter, where: QRectF, fill: QColor, enabled: bool) -> None:
        # Drawn straight onto the tile: no picture to look up.
        if not enabled:
            p.setOpacity(0.45)
        draw_face(p, where, self.place)
        p.setOpacity(1.0)


class CardOnShow(ChoiceCard, _Fitted):
    """The card the member is sorting: its picture (at least 160 px) and its word."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, "", colour_of=colour("primary"), large=True, parent=parent)

    def show_card(self, card: CardRow, photo: bytes | None) -> None:
        self.words = card.word
        self._picture = card.picture
        self._photo = photo
        self.setAccessibleName(f"The card: {card.word}")
        self.updateGeometry()
        self.update()

    def set_large(self, large: bool) -> None:
        self._large = large
        self.updateGeometry()
        self.update()

    def fit(self, words_pt: float | None, picture_at_most: int | None) -> None:
        self.words_pt, self.picture_at_most = words_pt, picture_at_most
        self.updateGeometry()
        self.update()

    def words_font(self) -> QFont:
        return self.fitted_words_font(super().words_font())

    def _pad(self) -> int:
        return self.fitted_pad(super()._pad())

    def picture_px(self) -> int:
        px = super().picture_px()
        if self.picture_at_most is not None:
            px = min(px, self.picture_at_most)
        return max(CARD_PICTURE_PX, px)


def card_pixmap(card: CardRow, photo: bytes | None, px: int, ratio: float) -> QPixmap | None:
    try:
        if photo is not None:
            return photo_pixmap(photo, px, ratio)
        if card.picture is not None:
            return picture_pixmap(card.picture, px, ratio)
    except (KeyError, ValueError):  # a picture no longer shipped, a photo that is broken
        return None
    return None


class PlacedCard(QAbstractButton):
    """A card already placed, small, under its place. Tapping it brings it back."""

    def __init__(
        self,
        card: CardRow,
        photo: bytes | None,
        place: str,
        parent: QWidget | None = None,
        picture_px: int = SMALL_PICTURE_PX,
    ) -> None:
        super().__init__(parent)
        self.card = card
        self._photo = photo
        self.place = place
        self.picture_px = picture_px
        self._lines = [card.word]
        self.setText(card.word)
        self.setAccessibleName(f"{card.word}, in {PLACE_WORDS[place]}")
        self.setAccessibleDescription("Press to put this card somewhere else.")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._break_words()

    def _word_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _pad(self) -> int:
        return 8

    def _break_words(self) -> None:
        """A long word (at large text) goes on two lines, and the button's text says so."""
        self._lines = wrapped_lines(self.card.word, self._word_font(), PLACED_WORDS_PX)
        if len(self._lines) > 1:
            fm = QFontMetrics(self._word_font())
            whole = [w for w in self.card.word.split() if fm.horizontalAdvance(w) > PLACED_WORDS_PX]
            if whole:  # one word wider than the room: keep it whole rather than cut it
                self._lines = [self.card.word]
        self.setText("\n".join(self._lines))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        fm = QFontMetrics(self._word_font())
        px = self.picture_px
        words = max(fm.horizontalAdvance(line) for line in self._lines)
        width = max(px, words) + 2 * self._pad() + 8
        return QSize(width, px + fm.lineSpacing() * len(self._lines) + 3 * self._pad() + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.sizeHint()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._break_words()
            self.updateGeometry()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        down = self.isDown() or self.underMouse()
        p.setBrush(colour("surface_hover") if down else colour("background"))
        if self.hasFocus():
            p.setPen(QPen(colour("focus_ring"), 4))
            p.setBrush(colour("focus"))
        else:
            p.setPen(QPen(colour(PLACE_COLOURS[self.place]), 3))
        p.drawRoundedRect(rect, 10, 10)
        pad = self._pad()
        px = self.picture_px
        pixmap = card_pixmap(self.card, self._photo, px, self.devicePixelRatioF())
        x = (self.width() - px) / 2
        if pixmap is not None:
            p.drawPixmap(QPointF(x, pad + 2), pixmap)
        p.setFont(self._word_font())
        p.setPen(colour("text"))
        fm = QFontMetrics(self._word_font())
        y = pad + 2 + px + pad / 2
        for line in self._lines:
            p.drawText(
                QRectF(0, y, self.width(), fm.height()), int(Qt.AlignmentFlag.AlignCenter), line
            )
            y += fm.lineSpacing()
        p.end()

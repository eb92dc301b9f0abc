"""The big choice on a voting screen: its number key, its picture, its words on its
own colour. Four signs per choice (number, picture, words, colour), so nobody has to
rely on one of them.

A tile is a real QAbstractButton (DESIGN 2.9): Space and Enter press it, and its
accessible name is its words. In "pick all you like" votes it is checkable and a
chosen tile shows a tick and the word "Chosen" besides its thick dark border.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from clubapp.ui.theme import colour
from clubapp.ui.widgets.pictures import photo_pixmap, picture_pixmap
from clubapp.ui.widgets.tiles import initials

CHOSEN_TEXT = "Chosen"
DECISION_COLOURS = {"yes": "vote_yes", "no": "vote_no", "not_sure": "vote_not_sure"}
MIN_PICTURE_PX = 96  # DESIGN: pictures at least 96 px


def choice_colour(position: int, code: str | None = None) -> QColor:
    """The colour of a choice: green, red and slate for Yes, No and Not sure; else one
    of five, by its place on the screen."""
    if code in DECISION_COLOURS:
        return colour(DECISION_COLOURS[code])
    return colour(f"choice_{position % 5 + 1}")


class _Face:
    """How a choice looks, for the button people tap and for the card that shows what
    they chose. The widget class gives the state: chosen, pressed, focused, enabled."""

    number: int
    words: str
    _picture: str | None
    _photo: bytes | None
    _colour: QColor
    _large: bool

    # Provided by the Qt class this is mixed into.
    def font(self) -> QFont: ...  # type: ignore[empty-body]
    def rect(self): ...  # type: ignore[no-untyped-def]

    def _state(self) -> tuple[bool, bool, bool, bool, bool]:
        """(can be ticked, ticked, pressed or under the mouse, has the keyboard, enabled)"""
        return (False, False, False, False, True)

    def colour_of(self) -> QColor:
        return QColor(self._colour)

    # ------------------------------------------------------------ sizes

    def _words_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 2)  # 28 pt at 100 %
        return font

    def _number_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        return font

    def picture_px(self) -> int:
        px = max(MIN_PICTURE_PX, round(QFontMetrics(self._words_font()).height() * 2.4))
        # Bigger on the confirmation, but not so big the buttons leave a small screen.
        return max(px, min(round(px * 1.6), 240)) if self._large else px

    def _pad(self) -> int:
        return max(12, QFontMetrics(self.font()).height() // 2)

    def _words_lines(self, width: int) -> list[str]:
        layout = QTextLayout(self.words, self._words_font())
        option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        lines: list[str] = []
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines.append(self.words[line.textStart() : line.textStart() + line.textLength()])
        layout.endLayout()
        return [line.strip() for line in lines] or [""]

    def _band_height(self, width: int) -> int:
        fm = QFontMetrics(self._words_font())
        lines = len(self._words_lines(width - 2 * self._pad()))
        extra = QFontMetrics(self.font()).height() if self._state()[0] else 0
        return lines * fm.lineSpacing() + 2 * self._pad() + extra

    def face_size(self) -> QSize:
        fm = QFontMetrics(self._words_font())
        longest = max(fm.horizontalAdvance(w) for w in self.words.split() or [""])
        width = max(self.picture_px() * 2, min(longest, fm.averageCharWidth() * 14))
        width += 2 * self._pad() + 16
        height = self._pad() * 2 + self.picture_px() + self._band_height(width) + 16
        return QSize(width, height)

    def face_height(self, width: int) -> int:
        return self._pad() * 2 + self.picture_px() + self._band_height(width) + 16

    # ------------------------------------------------------------ painting

    def _pixmap(self, px: int) -> QPixmap | None:
        if self._photo is not None:
            return photo_pixmap(self._photo, px)
        if self._picture is not None:
            return picture_pixmap(self._picture, px)
        return None

    def paint_face(self, device: QWidget) -> None:
        p = QPainter(device)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        ring = 8
        tile = QRectF(self.rect()).adjusted(ring, ring, -ring, -ring)
        radius = 14.0
        checkable, checked, down, focused, enabled = self._state()
        chosen = checkable and checked
        fill_colour = self._colour if enabled else colour("disabled_text")

        # The tile: white with a border in its colour; thick and dark once chosen.
        border_w = 8.0 if chosen else 4.0
        p.setPen(QPen(colour("focus_ring") if chosen else fill_colour, border_w))
        p.setBrush(colour("surface_hover") if down else colour("background"))
        half = border_w / 2
        p.drawRoundedRect(tile.adjusted(half, half, -half, -half), radius, radius)

        if focused:
            outer = QRectF(self.rect()).adjusted(3, 3, -3, -3)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(colour("focus"), 6))
            p.drawRoundedRect(outer, radius + 4, radius + 4)
            p.setPen(QPen(colour("focus_ring"), 3))
            p.drawRoundedRect(outer.adjusted(4, 4, -4, -4), radius + 2, radius + 2)

        pad = self._pad()
        inner = tile.adjusted(border_w, border_w, -border_w, -border_w)

        # The band of colour at the bottom with the words in white.
        band_h = self._band_height(int(tile.width()))
        band = QRectF(inner.left(), inner.bottom() - band_h, inner.width(), band_h)
        path = QPainterPath()
        path.addRoundedRect(band, radius - 4, radius - 4)
        p.fillPath(path, fill_colour)
        words_font = self._words_font()
        fm = QFontMetrics(words_font)
        p.setFont(words_font)
        p.setPen(colour("primary_text"))
        y = band.top() + pad
        for line in self._words_lines(int(band.width()) - 2 * pad):
            p.drawText(
                QRectF(band.left() + pad, y, band.width() - 2 * pad, fm.height()),
                int(Qt.AlignmentFlag.AlignCenter),
                line,
            )
            y += fm.lineSpacing()
        if checkable:
            p.setFont(self.font())
            status = CHOSEN_TEXT if chosen else "Tap to choose"
            p.drawText(
                QRectF(band.left(), y, band.width(), QFontMetrics(self.font()).height()),
                int(Qt.AlignmentFlag.AlignCenter),
                status,
            )

        # The picture, centred above the band.
        px = self.picture_px()
        pixmap = self._pixmap(px)
        picture_area = QRectF(inner.left(), inner.top(), inner.width(), band.top() - inner.top())
        x = picture_area.center().x() - px / 2
        y0 = picture_area.center().y() - px / 2
        if pixmap is not None:
            if not enabled:
                p.setOpacity(0.45)
            p.drawPixmap(QPointF(x, y0), pixmap)
            p.setOpacity(1.0)
        else:
            # A candidate with no photo: their initials in a circle, as on the name tiles.
            circle = QRectF(x, y0, px, px)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(fill_colour)
            p.drawEllipse(circle)
            face_font = QFont(self.font())
            face_font.setBold(True)
            face_font.setPixelSize(max(8, round(px * 0.4)))
            p.setFont(face_font)
            p.setPen(colour("primary_text"))
            p.drawText(circle, int(Qt.AlignmentFlag.AlignCenter), initials(self.words))

        # The number key in a circle, top left (a card about someone has none).
        number_font = self._number_font()
        side = QFontMetrics(number_font).height() * 1.3
        if self.number <= 0:
            p.end()
            return
        badge = QRectF(inner.left() + pad / 2, inner.top() + pad / 2, side, side)
        p.setPen(QPen(fill_colour, 3))
        p.setBrush(colour("background"))
        p.drawEllipse(badge)
        p.setFont(number_font)
        p.setPen(colour("text"))
        p.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), str(self.number))

        if chosen:
            self._paint_tick(p, inner, side)
        p.end()

    def _paint_tick(self, p: QPainter, inner: QRectF, side: float) -> None:
        size = side * 1.3
        badge = QRectF(inner.right() - size - 6, inner.top() + 6, size, size)
        p.setPen(QPen(colour("focus_ring"), 3))
        p.setBrush(colour("background"))
        p.drawEllipse(badge)
        pen = QPen(colour("success"), max(3.0, size * 0.14))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        x, y, s = badge.left(), badge.top(), size
        tick = QPainterPath(QPointF(x + s * 0.27, y + s * 0.52))
        tick.lineTo(QPointF(x + s * 0.44, y + s * 0.70))
        tick.lineTo(QPointF(x + s * 0.75, y + s * 0.33))
        p.drawPath(tick)


def _init_face(
    face: _Face,
    number: int,
    words: str,
    picture: str | None,
    photo: bytes | None,
    colour_of: QColor | None,
    large: bool,
) -> None:
    face.number = number
    face.words = words
    face._picture = picture
    face._photo = photo
    face._colour = colour_of or choice_colour(number - 1)
    face._large = large


class ChoiceTile(QAbstractButton, _Face):
    """A choice to tap (DESIGN 2.9: a real button). Checkable in "pick all you like"."""

    def __init__(
        self,
        number: int,
        words: str,
        *,
        picture: str | None = None,
        photo: bytes | None = None,
        colour_of: QColor | None = None,
        checkable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        _init_face(self, number, words, picture, photo, colour_of, large=False)
        self.setText(words)
        self.setCheckable(checkable)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.toggled.connect(self._name_it)
        self._name_it()

    def _state(self) -> tuple[bool, bool, bool, bool, bool]:
        down = self.isDown() or self.underMouse()
        return (self.isCheckable(), self.isChecked(), down, self.hasFocus(), self.isEnabled())

    def _name_it(self, *_args: object) -> None:
        name = f"{self.number}: {self.words}"
        if self.isCheckable():
            name += ", chosen" if self.isChecked() else ", not chosen"
        self.setAccessibleName(name)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.face_size()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.face_size()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        return self.face_height(width)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self.updateGeometry()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.animateClick()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        self.paint_face(self)


class ChoiceCard(QWidget, _Face):
    """What someone chose, shown large on "You chose": a picture, not a button."""

    def __init__(
        self,
        number: int,
        words: str,
        *,
        picture: str | None = None,
        photo: bytes | None = None,
        colour_of: QColor | None = None,
        large: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        _init_face(self, number, words, picture, photo, colour_of, large=large)
        # Number 0: a card about a candidate, not a choice someone made.
        self.setAccessibleName(f"You chose {words}" if number > 0 else words)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.face_size()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.face_size()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        return self.face_height(width)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self.updateGeometry()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        self.paint_face(self)

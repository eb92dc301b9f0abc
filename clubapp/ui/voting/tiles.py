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

CHOSEN_TEXT = "Chosen"
DECISION_COLOURS = {"yes": "vote_yes", "no": "vote_no", "not_sure": "vote_not_sure"}
MIN_PICTURE_PX = 96  # DESIGN: pictures at least 96 px


def choice_colour(position: int, code: str | None = None) -> QColor:
    """The colour of a choice: green, red and slate for Yes, No and Not sure; else one
    of five, by its place on the screen."""
    if code in DECISION_COLOURS:
        return colour(DECISION_COLOURS[code])
    return colour(f"choice_{position % 5 + 1}")


class ChoiceTile(QAbstractButton):
    def __init__(
        self,
        number: int,
        words: str,
        *,
        picture: str | None = None,
        photo: bytes | None = None,
        colour_of: QColor | None = None,
        checkable: bool = False,
        large: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._large = large  # the confirmation shows the choice bigger still
        self.number = number
        self.words = words
        self._picture = picture
        self._photo = photo
        self._colour = colour_of or choice_colour(number - 1)
        self.setText(words)
        self.setCheckable(checkable)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.toggled.connect(self._name_it)
        self._name_it()

    def colour_of(self) -> QColor:
        return QColor(self._colour)

    def _name_it(self, *_args: object) -> None:
        name = f"{self.number}: {self.words}"
        if self.isCheckable():
            name += ", chosen" if self.isChecked() else ", not chosen"
        self.setAccessibleName(name)

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
        extra = QFontMetrics(self.font()).height() if self.isCheckable() else 0
        return lines * fm.lineSpacing() + 2 * self._pad() + extra

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        fm = QFontMetrics(self._words_font())
        longest = max(fm.horizontalAdvance(w) for w in self.words.split() or [""])
        width = max(self.picture_px() * 2, min(longest, fm.averageCharWidth() * 14))
        width += 2 * self._pad() + 16
        height = self._pad() * 2 + self.picture_px() + self._band_height(width) + 16
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.sizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt name)
        return self._pad() * 2 + self.picture_px() + self._band_height(width) + 16

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

    # ------------------------------------------------------------ painting

    def _pixmap(self, px: int) -> QPixmap | None:
        if self._photo is not None:
            return photo_pixmap(self._photo, px)
        if self._picture is not None:
            return picture_pixmap(self._picture, px)
        return None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        ring = 8
        tile = QRectF(self.rect()).adjusted(ring, ring, -ring, -ring)
        radius = 14.0
        chosen = self.isCheckable() and self.isChecked()
        down = self.isDown()
        enabled = self.isEnabled()
        fill_colour = self._colour if enabled else colour("disabled_text")

        # The tile: white with a border in its colour; thick and dark once chosen.
        border_w = 8.0 if chosen else 4.0
        p.setPen(QPen(colour("focus_ring") if chosen else fill_colour, border_w))
        p.setBrush(colour("surface_hover") if down or self.underMouse() else colour("background"))
        half = border_w / 2
        p.drawRoundedRect(tile.adjusted(half, half, -half, -half), radius, radius)

        if self.hasFocus():
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
        if self.isCheckable():
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
        if pixmap is not None:
            x = picture_area.center().x() - px / 2
            y0 = picture_area.center().y() - px / 2
            if not enabled:
                p.setOpacity(0.45)
            p.drawPixmap(QPointF(x, y0), pixmap)
            p.setOpacity(1.0)

        # The number key in a circle, top left.
        number_font = self._number_font()
        side = QFontMetrics(number_font).height() * 1.3
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

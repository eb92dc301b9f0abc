"""The big choice on a voting screen: its number key, its picture, its words on its
own colour. Four signs per choice (number, picture, words, colour), so nobody has to
rely on one of them.

A tile is a real QAbstractButton (DESIGN 2.9): Space and Enter press it, and its
accessible name is its words. In "pick all you like" votes it is checkable: an empty
circle in its corner waits for a tick, and a chosen tile shows the tick and the word
"Chosen" besides its thick dark border.

Every word a voter reads is 28 pt at 100 % text (twice the app's font), and every
picture at least 96 px. A tile's size and its painting come from one place,
:meth:`_Face.face_rects`, so the picture always sits inside the tile, above the band
of words, however many lines the words take.
"""

from __future__ import annotations

from dataclasses import dataclass

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
from clubapp.ui.widgets.tiles import NameTile, initials

CHOSEN_TEXT = "Chosen"
DECISION_COLOURS = {"yes": "vote_yes", "no": "vote_no", "not_sure": "vote_not_sure"}
MIN_PICTURE_PX = 96  # DESIGN: pictures at least 96 px
VOTE_TEXT_FACTOR = 2.0  # the voting screens' words: twice the app's 14 pt, so 28 pt
RING = 8  # room around a tile for the keyboard's focus ring
BORDER = 8  # room for a chosen tile's thick border, kept in every state so nothing moves
WIDTH_PER_PICTURE = 1.8  # a tile is this many pictures wide (or as wide as its longest word)
LONGEST_WORD_CHARS = 16  # a longer word breaks rather than make a tile wider still


def choice_colour(position: int, code: str | None = None) -> QColor:
    """The colour of a choice: green, red and slate for Yes, No and Not sure; else one
    of five, by its place on the screen."""
    if code in DECISION_COLOURS:
        return colour(DECISION_COLOURS[code])
    return colour(f"choice_{position % 5 + 1}")


def vote_font(base: QFont, *, bold: bool = False) -> QFont:
    """``base`` (the app's font, 14 pt × the text size) at the voting screens' size."""
    font = QFont(base)
    font.setBold(bold)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * VOTE_TEXT_FACTOR)
    else:
        font.setPixelSize(round(font.pixelSize() * VOTE_TEXT_FACTOR))
    return font


def wrapped_lines(text: str, font: QFont, width: float) -> list[str]:
    """``text`` broken into lines ``width`` px wide, at word boundaries where it can."""
    layout = QTextLayout(text, font)
    option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return [line.strip() for line in lines] or [""]


@dataclass(frozen=True)
class FaceRects:
    """Where a tile draws each part, in its own coordinates."""

    tile: QRectF  # the tile's outline, inside the room kept for the focus ring
    inner: QRectF  # inside the thickest border
    picture_area: QRectF  # the part above the band
    picture: QRectF  # the picture (or initials), always inside picture_area
    band: QRectF  # the band of colour at the bottom, with the words


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
    def width(self) -> int: ...  # type: ignore[empty-body]
    def height(self) -> int: ...  # type: ignore[empty-body]

    def _state(self) -> tuple[bool, bool, bool, bool, bool]:
        """(can be ticked, ticked, pressed or under the mouse, has the keyboard, enabled)"""
        return (False, False, False, False, True)

    def colour_of(self) -> QColor:
        return QColor(self._colour)

    # ------------------------------------------------------------ fonts

    def words_font(self) -> QFont:
        """The choice's words: bold, 28 pt at 100 %."""
        return vote_font(self.font(), bold=True)

    def status_font(self) -> QFont:
        """ "Chosen" on a chosen tile: 28 pt at 100 %."""
        return vote_font(self.font())

    def voter_fonts(self) -> list[QFont]:
        """Every font a voter reads words in on this tile (for the accessibility check)."""
        fonts = [self.words_font()]
        if self._state()[0]:
            fonts.append(self.status_font())
        return fonts

    def _number_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        return font

    # ------------------------------------------------------------ sizes

    def picture_px(self) -> int:
        px = max(MIN_PICTURE_PX, round(QFontMetrics(self.words_font()).height() * 2.4))
        # Bigger on the confirmation, but not so big the buttons leave a small screen.
        return max(px, min(round(px * 1.6), 240)) if self._large else px

    def _pad(self) -> int:
        return max(12, QFontMetrics(self.font()).height() // 2)

    def _status_parts(self, text_width: float) -> tuple[int, list[str]]:
        """The tick circle's size and the lines of "Chosen" beside it (or under it,
        if both do not fit on one line)."""
        fm = QFontMetrics(self.status_font())
        circle = round(fm.height() * 0.8)
        gap = circle / 4
        if circle + gap + fm.horizontalAdvance(CHOSEN_TEXT) <= text_width:
            return circle, [CHOSEN_TEXT]
        return circle, ["", *wrapped_lines(CHOSEN_TEXT, self.status_font(), text_width)]

    def _status_lines(self, text_width: float) -> int:
        if not self._state()[0]:
            return 0
        # Kept on every tile that ticks, so a tap never changes the tile's size.
        return len(self._status_parts(text_width)[1])

    def _band_height(self, text_width: float) -> int:
        words = len(wrapped_lines(self.words, self.words_font(), text_width))
        status = self._status_lines(text_width)
        return (
            words * QFontMetrics(self.words_font()).lineSpacing()
            + status * QFontMetrics(self.status_font()).lineSpacing()
            + 2 * self._pad()
        )

    def _inner_width(self) -> int:
        """Inside the border: as wide as the picture allows, or the longest word needs."""
        fm = QFontMetrics(self.words_font())
        longest = max(fm.horizontalAdvance(w) for w in self.words.split() or [""])
        longest = min(longest, fm.averageCharWidth() * LONGEST_WORD_CHARS)
        if self._state()[0]:
            longest = max(longest, QFontMetrics(self.status_font()).horizontalAdvance(CHOSEN_TEXT))
        # Never narrower than the words on one line in the widget's own (app) font: that
        # is the text a button's tools, and the accessibility check, measure.
        whole = QFontMetrics(self.font()).horizontalAdvance(self.words) + 2 - 2 * (RING + BORDER)
        return max(
            round(self.picture_px() * WIDTH_PER_PICTURE), longest + 2 + 2 * self._pad(), whole
        )

    def face_size(self) -> QSize:
        width = self._inner_width() + 2 * (RING + BORDER)
        return QSize(width, self.face_height(width))

    def face_height(self, width: int) -> int:
        """The height the tile needs at ``width``: the picture with room around it, and
        the band with every line of its words."""
        text_width = width - 2 * (RING + BORDER + self._pad())
        picture_area = self.picture_px() + 2 * self._pad()
        return 2 * (RING + BORDER) + picture_area + self._band_height(text_width)

    def face_rects(self, width: int | None = None, height: int | None = None) -> FaceRects:
        """Where each part goes in a tile ``width`` × ``height`` (its own size if not
        given). The picture shrinks rather than leave its area if the tile is squeezed."""
        width = self.width() if width is None else width
        height = self.height() if height is None else height
        pad = self._pad()
        tile = QRectF(0, 0, width, height).adjusted(RING, RING, -RING, -RING)
        inner = tile.adjusted(BORDER, BORDER, -BORDER, -BORDER)
        band_h = min(float(self._band_height(inner.width() - 2 * pad)), inner.height())
        band = QRectF(inner.left(), inner.bottom() - band_h, inner.width(), band_h)
        area = QRectF(inner.left(), inner.top(), inner.width(), band.top() - inner.top())
        side = max(
            0.0, min(float(self.picture_px()), area.width() - 2 * pad, area.height() - 2 * pad)
        )
        centre = area.center()
        picture = QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side)
        return FaceRects(tile, inner, area, picture, band)

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
        rects = self.face_rects()
        tile, inner, band = rects.tile, rects.inner, rects.band
        radius = 14.0
        checkable, checked, down, focused, enabled = self._state()
        chosen = checkable and checked
        fill_colour = self._colour if enabled else colour("disabled_text")

        # The tile: white with a border in its colour; thick and dark once chosen.
        border_w = float(BORDER) if chosen else 4.0
        p.setPen(QPen(colour("focus_ring") if chosen else fill_colour, border_w))
        p.setBrush(colour("surface_hover") if down else colour("background"))
        half = border_w / 2
        p.drawRoundedRect(tile.adjusted(half, half, -half, -half), radius, radius)

        if focused:
            outer = QRectF(device.rect()).adjusted(3, 3, -3, -3)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(colour("focus"), 6))
            p.drawRoundedRect(outer, radius + 4, radius + 4)
            p.setPen(QPen(colour("focus_ring"), 3))
            p.drawRoundedRect(outer.adjusted(4, 4, -4, -4), radius + 2, radius + 2)

        # The band of colour at the bottom with the words in white.
        pad = self._pad()
        path = QPainterPath()
        path.addRoundedRect(band, radius - 4, radius - 4)
        p.fillPath(path, fill_colour)
        p.setPen(colour("primary_text"))
        text_width = band.width() - 2 * pad
        y = band.top() + pad
        font = self.words_font()
        fm = QFontMetrics(font)
        p.setFont(font)
        for line in wrapped_lines(self.words, font, text_width):
            p.drawText(
                QRectF(band.left() + pad, y, text_width, fm.height()),
                int(Qt.AlignmentFlag.AlignCenter),
                line,
            )
            y += fm.lineSpacing()
        if checkable:
            self._paint_status(p, QRectF(band.left() + pad, y, text_width, 0), chosen)

        # The picture, centred above the band and never outside the room above it.
        p.save()
        p.setClipRect(rects.picture_area)
        self._paint_picture(p, rects.picture, fill_colour, enabled)
        p.restore()

        # The number key in a circle, top left (a card about someone has none).
        if self.number > 0:
            number_font = self._number_font()
            side = QFontMetrics(number_font).height() * 1.3
            badge = QRectF(inner.left() + pad / 2, inner.top() + pad / 2, side, side)
            p.setPen(QPen(fill_colour, 3))
            p.setBrush(colour("background"))
            p.drawEllipse(badge)
            p.setFont(number_font)
            p.setPen(colour("text"))
            p.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), str(self.number))
        p.end()

    def _paint_picture(self, p: QPainter, where: QRectF, fill: QColor, enabled: bool) -> None:
        px = int(where.width())
        if px < 1:
            return
        pixmap = self._pixmap(px)
        if pixmap is not None:
            if not enabled:
                p.setOpacity(0.45)
            p.drawPixmap(where.topLeft(), pixmap)
            p.setOpacity(1.0)
            return
        # A candidate with no photo: their initials in a circle, as on the name tiles.
        paint_initials(p, where, self.words, fill, self.font())

    def _paint_status(self, p: QPainter, where: QRectF, chosen: bool) -> None:
        """Under the words of a tile that ticks: an empty circle, waiting for a tick;
        once chosen, the tick in it and the word "Chosen"."""
        font = self.status_font()
        fm = QFontMetrics(font)
        circle, lines = self._status_parts(where.width())
        gap = circle / 4
        if lines[0]:  # the circle and the word on one line, centred together
            group = circle + gap + fm.horizontalAdvance(CHOSEN_TEXT) if chosen else circle
            left = where.center().x() - group / 2
        else:
            left = where.center().x() - circle / 2
        badge = QRectF(left, where.top() + (fm.height() - circle) / 2, circle, circle)
        p.setPen(QPen(colour("focus_ring") if chosen else colour("border"), 3))
        p.setBrush(colour("background"))
        p.drawEllipse(badge)
        if not chosen:
            return
        pen = QPen(colour("success"), max(3.0, badge.width() * 0.14))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        x, y, size = badge.left(), badge.top(), badge.width()
        tick = QPainterPath(QPointF(x + size * 0.27, y + size * 0.52))
        tick.lineTo(QPointF(x + size * 0.44, y + size * 0.70))
        tick.lineTo(QPointF(x + size * 0.75, y + size * 0.33))
        p.drawPath(tick)
        p.setFont(font)
        p.setPen(colour("primary_text"))
        if lines[0]:
            text = QRectF(badge.right() + gap, where.top(), where.width(), fm.height())
            p.drawText(
                text, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), CHOSEN_TEXT
            )
            return
        y = where.top() + fm.lineSpacing()
        for line in lines[1:]:
            p.drawText(
                QRectF(where.left(), y, where.width(), fm.height()),
                int(Qt.AlignmentFlag.AlignCenter),
                line,
            )
            y += fm.lineSpacing()


def paint_initials(p: QPainter, circle: QRectF, name: str, fill: QColor, base: QFont) -> None:
    """Someone's initials, white in a circle of ``fill``."""
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fill)
    p.drawEllipse(circle)
    face_font = QFont(base)
    face_font.setBold(True)
    face_font.setPixelSize(max(8, round(circle.height() * 0.4)))
    p.setFont(face_font)
    p.setPen(colour("primary_text"))
    p.drawText(circle, int(Qt.AlignmentFlag.AlignCenter), initials(name))


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
    """A choice to tap (DESIGN 2.9: a real button). Checkable in "pick all you like".

    It takes the keyboard only from Tab, not from a tap: after a tap the yellow focus
    ring would look like "chosen" (the keys 1–5 and Enter work without it)."""

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
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
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
        self.setAccessibleName(f"You chose {words}")
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


class CandidateFace(QWidget):
    """Who an uncontested election's question is about: their photo, or their initials,
    beside the question. Not a tile and not a choice: no border, no number."""

    def __init__(
        self,
        name: str,
        *,
        photo: bytes | None = None,
        colour_of: QColor | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self._photo = photo
        self._colour = colour_of or colour("primary")
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def side(self) -> int:
        words = QFontMetrics(vote_font(self.font(), bold=True))
        return max(MIN_PICTURE_PX, round(words.height() * 2))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self.side(), self.side())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.sizeHint()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self.updateGeometry()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height())
        circle = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        if self._photo is not None:
            p.drawPixmap(circle.topLeft(), photo_pixmap(self._photo, max(1, int(side))))
        else:
            paint_initials(p, circle, self.name, self._colour, self.font())
        p.end()


class VoterTile(NameTile):
    """A voter's (or helper's) name tile: the name in 28 pt at 100 % text, like every
    word a voter reads, on a tile otherwise the size of the sign-in tiles."""

    def words_font(self) -> QFont:
        return self._name_font()

    def voter_fonts(self) -> list[QFont]:
        return [self._name_font()]

    def _name_font(self) -> QFont:
        return vote_font(self.font(), bold=True)

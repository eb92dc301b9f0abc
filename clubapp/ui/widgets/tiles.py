"""A big tile with a person's photo (or initials) and name, for signing in.

Tap the tile, or press Space or Enter, to say the person is here. A tile for
someone who is here turns dark green with white words, shows a big tick and the
word "Here", and gets a thick dark border: three signs besides colour.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
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

from clubapp.ui.theme import BASE_POINT_SIZE, colour

HERE_TEXT = "Here"
MIN_SIDE_PX = 140  # at 100 % text size; grows with the font


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def initials(name: str) -> str:
    """Up to two capital letters for a name: "Zoë O'Brien" -> "ZO", "李小龍" -> "李"."""
    words = []
    for word in unicodedata.normalize("NFC", name).split():
        letters = [ch for ch in word if ch.isalnum()]
        if letters:
            words.append(letters)
    if not words:
        return "?"
    first = words[0][0]
    if _is_wide(first):
        # Chinese, Japanese and Korean names: the family name's first character.
        return first
    if len(words) == 1:
        return first.upper()
    return (first + words[-1][0]).upper()


class NameTile(QAbstractButton):
    """A large square-ish button for one person: photo or initials, then their name.

    ``isChecked()`` means the person is here. The tile paints itself with the
    theme's colours and grows with the app font, so nothing is clipped at 200 %.
    """

    def __init__(
        self,
        name: str,
        parent: QWidget | None = None,
        *,
        photo: QPixmap | None = None,
        checkable: bool = True,
    ) -> None:
        super().__init__(parent)
        self._name = ""
        self._photo = photo if photo is not None and not photo.isNull() else None
        self._elided = False
        self.setCheckable(checkable)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.toggled.connect(self._update_accessible_name)
        self.setName(name)

    # ------------------------------------------------------------ public

    def name(self) -> str:
        return self._name

    def setName(self, name: str) -> None:  # noqa: N802 (Qt style)
        self._name = name.strip()
        self.setText(self._name)
        self._update_accessible_name()
        self.updateGeometry()
        self.update()

    def photo(self) -> QPixmap | None:
        return self._photo

    def setPhoto(self, photo: QPixmap | None) -> None:  # noqa: N802 (Qt style)
        self._photo = photo if photo is not None and not photo.isNull() else None
        self.update()

    def isElided(self) -> bool:  # noqa: N802 (Qt style)
        """True if the tile was squeezed so small that the name had to be cut short."""
        return self._elided

    # ------------------------------------------------------------ geometry

    def _unit(self) -> float:
        size = self.font().pointSizeF()
        if size <= 0:
            return max(1.0, QFontMetrics(self.font()).height() / 24)
        return max(1.0, size / BASE_POINT_SIZE)

    def _name_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _status_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.15)
        return font

    def _dims(self) -> dict[str, int]:
        u = self._unit()
        return {
            "ring": 8,  # room around the tile for the focus ring
            "pad": round(10 * u),
            "gap": round(8 * u),
            "circle": round(76 * u),
            "min_side": round(MIN_SIDE_PX * u),
            "wrap_at": round(200 * u),  # longer names wrap onto a new line
        }

    def _content_width(self) -> int:
        d = self._dims()
        fm = QFontMetrics(self._name_font())
        words = self._name.split() or [""]
        longest = max(fm.horizontalAdvance(w) for w in words)
        whole = fm.horizontalAdvance(self._name)
        here = QFontMetrics(self._status_font()).horizontalAdvance(HERE_TEXT)
        return max(d["circle"], longest, min(whole, d["wrap_at"]), here)

    def _name_height(self, width: int) -> int:
        fm = QFontMetrics(self._name_font())
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignHCenter)
        return fm.boundingRect(QRect(0, 0, max(1, width), 100000), flags, self._name).height()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        d = self._dims()
        content = self._content_width()
        outer = 2 * (d["ring"] + d["pad"])
        width = max(d["min_side"], content + outer)
        inner_w = width - outer
        status_h = QFontMetrics(self._status_font()).height()
        height = outer + d["circle"] + d["gap"] + self._name_height(inner_w) + d["gap"] + status_h
        return QSize(width, max(d["min_side"], height))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.sizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return False

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self.updateGeometry()

    # ------------------------------------------------------------ behaviour

    def _update_accessible_name(self, *_args) -> None:
        if self.isCheckable():
            state = "here" if self.isChecked() else "not here yet"
            self.setAccessibleName(f"{self._name}, {state}")
        else:
            self.setAccessibleName(self._name)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.animateClick()
            event.accept()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------ painting

    def _colours(self) -> dict[str, QColor]:
        if not self.isEnabled():
            return {
                "fill": colour("disabled_background"),
                "text": colour("disabled_text"),
                "border": colour("disabled_border"),
            }
        if self.isChecked():
            return {
                "fill": colour("success"),
                "text": colour("success_text"),
                "border": colour("focus_ring"),
            }
        hovered = self.underMouse() or self.isDown()
        return {
            "fill": colour("surface_hover" if self.isDown() else "surface")
            if hovered
            else colour("background"),
            "text": colour("text"),
            "border": colour("border"),
        }

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        d = self._dims()
        c = self._colours()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)

        ring = d["ring"]
        tile = QRectF(self.rect()).adjusted(ring, ring, -ring, -ring)
        radius = 10.0

        # The tile: fill and border (thick when the person is here).
        border_w = 6.0 if self.isChecked() else 2.0
        p.setPen(QPen(c["border"], border_w))
        p.setBrush(c["fill"])
        half = border_w / 2
        p.drawRoundedRect(tile.adjusted(half, half, -half, -half), radius, radius)

        # The keyboard focus ring: yellow band with a dark line inside it, visible on
        # any background and around either state of the tile.
        if self.hasFocus():
            outer = QRectF(self.rect()).adjusted(3, 3, -3, -3)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(colour("focus"), 6))
            p.drawRoundedRect(outer, radius + 4, radius + 4)
            p.setPen(QPen(colour("focus_ring"), 3))
            p.drawRoundedRect(outer.adjusted(4, 4, -4, -4), radius + 2, radius + 2)

        inner = tile.adjusted(d["pad"], d["pad"], -d["pad"], -d["pad"])
        status_h = QFontMetrics(self._status_font()).height()
        circle = min(float(d["circle"]), inner.width())
        circle_rect = QRectF(inner.center().x() - circle / 2, inner.top(), circle, circle)
        self._paint_face(p, circle_rect)

        name_top = circle_rect.bottom() + d["gap"]
        name_bottom = inner.bottom() - status_h - d["gap"]
        name_rect = QRectF(inner.left(), name_top, inner.width(), max(0.0, name_bottom - name_top))
        p.setPen(c["text"])
        self._elided = self._paint_name(p, name_rect)
        self.setToolTip(self._name if self._elided else "")

        if self.isChecked():
            self._paint_tick(p, circle_rect)
            p.setFont(self._status_font())
            p.setPen(c["text"])
            status_rect = QRectF(inner.left(), inner.bottom() - status_h, inner.width(), status_h)
            p.drawText(status_rect, int(Qt.AlignmentFlag.AlignCenter), HERE_TEXT)
        p.end()

    def _paint_face(self, p: QPainter, rect: QRectF) -> None:
        path = QPainterPath()
        path.addEllipse(rect)
        if self._photo is not None:
            ratio = self.devicePixelRatioF()
            side = round(rect.width() * ratio)
            scaled = self._photo.scaled(
                side,
                side,
                Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                Qt.TransformationMode.SmoothTransformation,
            )
            x = (scaled.width() - side) // 2
            y = (scaled.height() - side) // 2
            cropped = scaled.copy(x, y, side, side)
            cropped.setDevicePixelRatio(ratio)
            p.save()
            p.setClipPath(path)
            p.drawPixmap(rect.topLeft(), cropped)
            p.restore()
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour("primary"))
            p.drawEllipse(rect)
            font = QFont(self.font())
            font.setBold(True)
            font.setPixelSize(max(8, round(rect.height() * 0.4)))
            p.setFont(font)
            p.setPen(colour("primary_text"))
            p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), initials(self._name))
        # A light ring keeps the face apart from a dark (checked) tile.
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(colour("background"), 3))
        p.drawEllipse(rect)

    def _paint_tick(self, p: QPainter, face: QRectF) -> None:
        size = face.width() * 0.55
        badge = QRectF(face.right() - size * 0.75, face.bottom() - size * 0.8, size, size)
        p.setPen(QPen(colour("focus_ring"), 3))
        p.setBrush(colour("background"))
        p.drawEllipse(badge)
        pen = QPen(colour("success"), max(3.0, size * 0.14))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        x, y, s = badge.left(), badge.top(), size
        tick = QPainterPath(QPointF(x + s * 0.27, y + s * 0.52))
        tick.lineTo(QPointF(x + s * 0.44, y + s * 0.70))
        tick.lineTo(QPointF(x + s * 0.75, y + s * 0.33))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(tick)

    def _paint_name(self, p: QPainter, rect: QRectF) -> bool:
        """Draw the name word-wrapped and centred; return True if it had to be cut."""
        font = self._name_font()
        p.setFont(font)
        fm = QFontMetrics(font)
        layout = QTextLayout(self._name, font, p.device())
        option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        max_lines = max(1, int(rect.height() // fm.lineSpacing()))
        lines = []
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(rect.width())
            lines.append((line.textStart(), line.textLength()))
        layout.endLayout()

        elided = len(lines) > max_lines
        texts = [self._name[s : s + n].strip() for s, n in lines[:max_lines]]
        if elided:
            rest = self._name[lines[max_lines - 1][0] :].strip()
            texts[-1] = fm.elidedText(rest, Qt.TextElideMode.ElideRight, int(rect.width()))
        top = rect.top()  # just under the face, however big the tile is stretched
        for i, text in enumerate(texts):
            line_rect = QRectF(rect.left(), top + i * fm.lineSpacing(), rect.width(), fm.height())
            if fm.horizontalAdvance(text) > rect.width():
                text = fm.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()))
                elided = True
            p.drawText(line_rect, int(Qt.AlignmentFlag.AlignHCenter), text)
        return elided

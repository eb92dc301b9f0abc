"""Draws the small pictures the stylesheet uses: arrows, the tick and the radio dot.

They are shipped in ``resources/stylesheets/pictures`` rather than drawn at every
start. After changing a colour in :data:`clubapp.ui.theme.COLOURS` or a drawing
here, draw them again with::

    python -m clubapp.ui.theme_pictures

A test checks that the shipped pictures are what this module draws.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen, QPolygonF

from clubapp.ui.theme import COLOURS, stylesheet_path


def _arrow(direction: str, fill: str) -> QImage:
    """A bold triangle, big enough to be scaled down crisply by the stylesheet."""
    w, h = 64, 40
    image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    points = [QPointF(2, 2), QPointF(w - 2, 2), QPointF(w / 2, h - 2)]
    if direction == "up":
        points = [QPointF(p.x(), h - p.y()) for p in points]
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    painter.drawPolygon(QPolygonF(points))
    painter.end()
    return image


def _tick(stroke: str) -> QImage:
    """A thick tick for a checked check box."""
    side = 128
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(stroke), 18)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.drawPolyline(QPolygonF([QPointF(22, 66), QPointF(52, 96), QPointF(106, 32)]))
    painter.end()
    return image


def _dot(fill: str) -> QImage:
    """The dot of a chosen radio button."""
    side = 128
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    painter.drawEllipse(QPointF(side / 2, side / 2), 30, 30)
    painter.end()
    return image


def drawings() -> dict[str, Callable[[], QImage]]:
    """Each picture's name (as in ``@img(name)``) and how to draw it."""
    pictures: dict[str, Callable[[], QImage]] = {
        "tick": lambda: _tick(COLOURS.primary_text),
        "tick_disabled": lambda: _tick(COLOURS.disabled_text),
        "dot": lambda: _dot(COLOURS.primary_text),
        "dot_disabled": lambda: _dot(COLOURS.disabled_text),
    }
    for direction in ("up", "down"):
        for state, fill in (("", COLOURS.text), ("_disabled", COLOURS.disabled_text)):
            pictures[f"arrow_{direction}{state}"] = functools.partial(_arrow, direction, fill)
    return pictures


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    folder = stylesheet_path().parent / "pictures"
    folder.mkdir(exist_ok=True)
    for name, draw in drawings().items():
        path = folder / f"{name}.png"
        if not draw().save(str(path)):
            print(f"could not write {path}", file=sys.stderr)
            return 1
        print(f"drew {path}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())

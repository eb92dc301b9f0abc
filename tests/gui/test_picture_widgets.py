"""The activity pictures on screen: drawn at the asked size, not blank, the same shape as
the printed version, and named for screen readers by their words."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QTransform
from reportlab.graphics.shapes import (
    FILL_NON_ZERO,
    Circle,
    Ellipse,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
)
from reportlab.graphics.shapes import Path as RLPath

from clubapp.pictures import picture_names, picture_words
from clubapp.printing.pictures import picture_drawing
from clubapp.ui.widgets.pictures import PictureLabel, photo_pixmap, picture_pixmap

NAMES = picture_names()
PX = 96


def rgba(image: QImage, x: int, y: int) -> tuple[int, int, int, int]:
    c = image.pixelColor(x, y)
    return c.red(), c.green(), c.blue(), c.alpha()


def pixels(image: QImage):
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    for y in range(image.height()):
        for x in range(image.width()):
            yield rgba(image, x, y)


def png_bytes(width: int, height: int, colour=(200, 40, 40)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


# --- a second, independent painter for the printed version ------------------------
#
# The printouts read the SVG files with our own small reader into ReportLab shapes.
# Painting those shapes with QPainter and comparing them with Qt's own SVG rendering
# checks the reader (the y flip, the scale, quadratic curves, colours, line widths):
# if it got any of them wrong, the two pictures would differ.

_CAPS = {0: Qt.PenCapStyle.FlatCap, 1: Qt.PenCapStyle.RoundCap, 2: Qt.PenCapStyle.SquareCap}
_JOINS = {0: Qt.PenJoinStyle.MiterJoin, 1: Qt.PenJoinStyle.RoundJoin, 2: Qt.PenJoinStyle.BevelJoin}


def _qcolour(colour) -> QColor:
    return QColor.fromRgbF(colour.red, colour.green, colour.blue)


def _outline(shape) -> tuple[QPainterPath, bool]:
    """The shape as a QPainterPath, and whether it may be filled."""
    path = QPainterPath()
    if isinstance(shape, Rect):
        rect = QRectF(shape.x, shape.y, shape.width, shape.height)
        if shape.rx or shape.ry:
            path.addRoundedRect(rect, shape.rx or shape.ry, shape.ry or shape.rx)
        else:
            path.addRect(rect)
        return path, True
    if isinstance(shape, Circle):
        path.addEllipse(QPointF(shape.cx, shape.cy), shape.r, shape.r)
        return path, True
    if isinstance(shape, Ellipse):
        path.addEllipse(QPointF(shape.cx, shape.cy), shape.rx, shape.ry)
        return path, True
    if isinstance(shape, Line):
        path.moveTo(shape.x1, shape.y1)
        path.lineTo(shape.x2, shape.y2)
        return path, False
    if isinstance(shape, Polygon | PolyLine):
        p = shape.points
        path.moveTo(p[0], p[1])
        for i in range(2, len(p), 2):
            path.lineTo(p[i], p[i + 1])
        if isinstance(shape, Polygon):
            path.closeSubpath()
            return path, True
        return path, False
    if isinstance(shape, RLPath):
        p = shape.points
        i = 0
        for op in shape.operators:
            if op == 0:
                path.moveTo(p[i], p[i + 1])
                i += 2
            elif op == 1:
                path.lineTo(p[i], p[i + 1])
                i += 2
            elif op == 2:
                path.cubicTo(p[i], p[i + 1], p[i + 2], p[i + 3], p[i + 4], p[i + 5])
                i += 6
            else:
                path.closeSubpath()
        if shape.fillMode == FILL_NON_ZERO:
            path.setFillRule(Qt.FillRule.WindingFill)
        return path, True
    raise AssertionError(f"the test painter does not know {type(shape).__name__}")


def _paint(painter: QPainter, node) -> None:
    for child in node.contents:
        if isinstance(child, Group):
            painter.save()
            a, b, c, d, e, f = child.transform
            painter.setTransform(QTransform(a, b, c, d, e, f), True)
            _paint(painter, child)
            painter.restore()
            continue
        path, fillable = _outline(child)
        if fillable and child.fillColor is not None:
            painter.fillPath(path, _qcolour(child.fillColor))
        if child.strokeColor is not None and child.strokeWidth:
            pen = QPen(_qcolour(child.strokeColor), child.strokeWidth)
            pen.setCapStyle(_CAPS[child.strokeLineCap])
            pen.setJoinStyle(_JOINS[child.strokeLineJoin])
            pen.setMiterLimit(child.strokeMiterLimit)
            painter.strokePath(path, pen)


def paint_printed(name: str, px: int) -> QImage:
    """The ReportLab drawing of a picture painted into a px-square image."""
    drawing = picture_drawing(name, px)
    image = QImage(px, px, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(0, px)
    painter.scale(1, -1)  # ReportLab counts y upwards
    _paint(painter, drawing)
    painter.end()
    return image


def mismatch(first: QImage, second: QImage) -> float:
    """The share of pixels that clearly differ (in colour or in being drawn at all)."""
    assert first.size() == second.size()
    a = first.convertToFormat(QImage.Format.Format_ARGB32)
    b = second.convertToFormat(QImage.Format.Format_ARGB32)
    differ = 0
    for y in range(a.height()):
        for x in range(a.width()):
            r1, g1, b1, a1 = rgba(a, x, y)
            r2, g2, b2, a2 = rgba(b, x, y)
            drawn_here_only = abs(a1 - a2) > 128
            other_colour = min(a1, a2) > 128 and max(abs(r1 - r2), abs(g1 - g2), abs(b1 - b2)) > 64
            differ += drawn_here_only or other_colour
    return differ / (a.width() * a.height())


# --- the tests -------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_each_picture_is_drawn_at_the_asked_size_and_is_not_blank(themed_app, name):
    pixmap = picture_pixmap(name, PX, 1.0)
    assert (pixmap.width(), pixmap.height()) == (PX, PX)
    image = pixmap.toImage()
    dark = coloured = clear = 0
    for r, g, b, a in pixels(image):
        if a < 20:
            clear += 1
        elif a > 200 and max(r, g, b) < 70:
            dark += 1
        elif a > 200 and max(r, g, b) - min(r, g, b) > 40:
            coloured += 1
    total = PX * PX
    assert dark > total * 0.03, f"{name}: hardly any dark outline"
    assert coloured > total * 0.03, f"{name}: hardly any colour"
    assert clear > total * 0.05, f"{name}: fills the whole square"


def test_a_high_density_screen_gets_more_pixels_for_the_same_size(themed_app):
    sharp = picture_pixmap("music", PX, 2.0)
    assert (sharp.width(), sharp.height()) == (2 * PX, 2 * PX)
    assert sharp.deviceIndependentSize().width() == pytest.approx(PX)


def test_pictures_are_cached(themed_app):
    first = picture_pixmap("knitting", 64, 1.0)
    again = picture_pixmap("knitting", 64, 1.0)
    assert first.cacheKey() == again.cacheKey()
    assert picture_pixmap("knitting", 65, 1.0).cacheKey() != first.cacheKey()


def test_unknown_pictures_and_sizes_are_refused(themed_app):
    with pytest.raises(KeyError):
        picture_pixmap("karaoke", PX, 1.0)
    with pytest.raises(ValueError):
        picture_pixmap("music", 0, 1.0)


@pytest.mark.parametrize("name", NAMES)
def test_the_printed_picture_matches_the_screen_picture(themed_app, name):
    """The ReportLab reading, painted, is the same picture as Qt's SVG rendering."""
    screen = picture_pixmap(name, PX, 1.0).toImage()
    printed = paint_printed(name, PX)
    assert mismatch(screen, printed) < 0.01


def test_the_comparison_would_see_a_different_picture(themed_app):
    """Sanity: the same check tells two different pictures apart, and a flipped one."""
    assert mismatch(picture_pixmap("music", PX, 1.0).toImage(), paint_printed("chat", PX)) > 0.1
    flipped = paint_printed("yes", PX).transformed(QTransform.fromScale(1, -1))
    assert mismatch(picture_pixmap("yes", PX, 1.0).toImage(), flipped) > 0.1


@pytest.mark.parametrize("name", ["music", "tea_and_cake", "not_sure"])
def test_a_picture_label_is_named_by_its_words(qtbot, themed_app, name):
    label = PictureLabel(name, 120)
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    assert label.accessibleName() == picture_words(name)
    assert (label.width(), label.height()) == (120, 120)
    pixmap = label.pixmap()
    assert pixmap is not None and not pixmap.isNull()
    assert pixmap.deviceIndependentSize().width() == pytest.approx(120)


def test_a_picture_label_can_change_picture(qtbot, themed_app):
    label = PictureLabel("yes")
    qtbot.addWidget(label)
    assert label.accessibleName() == "Yes"
    assert (label.width(), label.height()) == (96, 96)
    before = label.pixmap().cacheKey()
    label.set_picture("no", 80)
    assert label.accessibleName() == "No" and label.picture_name() == "no"
    assert (label.width(), label.height()) == (80, 80)
    assert label.pixmap().cacheKey() != before
    with pytest.raises(KeyError):
        label.set_picture("karaoke")
    assert label.accessibleName() == "No"  # nothing changed


@pytest.mark.parametrize("width, height", [(200, 100), (100, 200), (50, 50)])
def test_a_photo_is_fitted_and_centred_on_a_clear_square(themed_app, width, height):
    pixmap = photo_pixmap(png_bytes(width, height), PX, 1.0)
    assert (pixmap.width(), pixmap.height()) == (PX, PX)
    image = pixmap.toImage()
    assert rgba(image, PX // 2, PX // 2)[3] == 255  # the photo is in the middle
    red = [(x, y) for y in range(PX) for x in range(PX) if rgba(image, x, y)[3] > 200]
    xs = [x for x, _ in red]
    ys = [y for _, y in red]
    drawn_w, drawn_h = max(xs) - min(xs) + 1, max(ys) - min(ys) + 1
    assert max(drawn_w, drawn_h) == PX  # as big as fits
    assert drawn_w / drawn_h == pytest.approx(width / height, rel=0.03)  # the same shape
    assert abs(min(xs) - (PX - 1 - max(xs))) <= 1  # centred
    assert abs(min(ys) - (PX - 1 - max(ys))) <= 1


def test_a_broken_photo_is_refused(themed_app):
    with pytest.raises(ValueError):
        photo_pixmap(b"not a picture", PX, 1.0)

"""Simple pictures for easy-read printouts, drawn as vector shapes (no image files).

Each picture is thick black lines on white, about 20 mm square, and is always printed
with words beside it: a picture is a reminder, never the only way to say something.

The pictures are drawn on a 100 × 100 grid and scaled to the size asked for.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib import colors
from reportlab.lib.units import mm

from clubapp.printing.base import BLACK, FONT, FONT_BOLD, register_fonts

__all__ = ["PICTOGRAM_SIZE", "PICTURES", "pictogram"]

PICTOGRAM_SIZE = 20 * mm
WHITE = colors.white
_STROKE = 7.0  # line width on the 100-unit grid: about 1.4 mm at 20 mm

# What each picture shows, in words (for tests and for anyone reading the code). The
# first five are the standing agenda items; any other code gets the speech bubble.
PICTURES: dict[str | None, str] = {
    "apologies": "a person with a raised hand",
    "minutes": "a page of writing",
    "matters_arising": "an arrow going round and back",
    "treasurer": "a coin with a pound sign",
    "aob": "a question mark",
    "yes": "a big tick",
    "no": "a big cross",
    "jobs": "a list with tick boxes",
    None: "a speech bubble",
}


def _line(x1: float, y1: float, x2: float, y2: float, width: float = _STROKE) -> Line:
    return Line(
        x1, y1, x2, y2, strokeColor=BLACK, strokeWidth=width, strokeLineCap=1, strokeLineJoin=1
    )


def _person_raising_hand() -> list:
    return [
        Circle(44, 80, 11, fillColor=BLACK, strokeColor=None),  # head
        _line(44, 66, 44, 32),  # body
        _line(44, 32, 31, 5),  # legs
        _line(44, 32, 57, 5),
        _line(44, 60, 25, 36),  # arm down
        PolyLine(  # arm raised high
            [44, 60, 64, 72, 70, 92],
            strokeColor=BLACK,
            strokeWidth=_STROKE,
            strokeLineCap=1,
            strokeLineJoin=1,
        ),
        Circle(71, 94, 5.5, fillColor=BLACK, strokeColor=None),  # the hand
    ]


def _page_of_writing() -> list:
    shapes: list = [
        Polygon(  # a sheet with its top right corner folded
            [20, 4, 80, 4, 80, 78, 64, 96, 20, 96],
            fillColor=WHITE,
            strokeColor=BLACK,
            strokeWidth=5,
            strokeLineJoin=1,
        ),
        PolyLine([64, 96, 64, 78, 80, 78], strokeColor=BLACK, strokeWidth=4, strokeLineJoin=1),
    ]
    for y, right in ((80, 56), (66, 70), (52, 70), (38, 70), (24, 56)):
        shapes.append(_line(30, y, right, y, 5))
    return shapes


def _arrow_going_round() -> list:
    # Three quarters of a circle, with an arrowhead pointing round (anticlockwise).
    cx, cy, r = 50.0, 50.0, 32.0
    start, end = 60.0, 330.0
    points: list[float] = []
    steps = 36
    for i in range(steps + 1):
        angle = math.radians(start + (end - start) * i / steps)
        points += [cx + r * math.cos(angle), cy + r * math.sin(angle)]
    tip_angle = math.radians(end)
    bx, by = cx + r * math.cos(tip_angle), cy + r * math.sin(tip_angle)
    # direction of travel at the end (anticlockwise tangent) and the outward normal
    tx, ty = -math.sin(tip_angle), math.cos(tip_angle)
    nx, ny = math.cos(tip_angle), math.sin(tip_angle)
    head = 18.0
    return [
        PolyLine(points, strokeColor=BLACK, strokeWidth=_STROKE + 1, strokeLineCap=0),
        Polygon(
            [
                bx + tx * head,
                by + ty * head,
                bx + nx * head * 0.75,
                by + ny * head * 0.75,
                bx - nx * head * 0.75,
                by - ny * head * 0.75,
            ],
            fillColor=BLACK,
            strokeColor=BLACK,
            strokeWidth=1,
            strokeLineJoin=1,
        ),
    ]


def _coin() -> list:
    return [
        Circle(50, 50, 44, fillColor=WHITE, strokeColor=BLACK, strokeWidth=_STROKE),
        Circle(50, 50, 34, fillColor=None, strokeColor=BLACK, strokeWidth=2.5),
        String(50, 28, "£", fontName=FONT_BOLD, fontSize=56, fillColor=BLACK, textAnchor="middle"),
    ]


def _question_mark() -> list:
    return [
        Rect(8, 8, 84, 84, rx=14, ry=14, fillColor=WHITE, strokeColor=BLACK, strokeWidth=5),
        String(50, 20, "?", fontName=FONT_BOLD, fontSize=84, fillColor=BLACK, textAnchor="middle"),
    ]


def _speech_bubble() -> list:
    return [
        Rect(6, 30, 88, 62, rx=16, ry=16, fillColor=WHITE, strokeColor=BLACK, strokeWidth=5),
        # the tail: a white wedge that opens the bubble's edge, then its two sides
        Polygon([25, 34, 16, 6, 46, 34], fillColor=WHITE, strokeColor=None),
        PolyLine([25, 31, 16, 6, 46, 31], strokeColor=BLACK, strokeWidth=5, strokeLineJoin=1),
        Circle(32, 61, 6, fillColor=BLACK, strokeColor=None),
        Circle(50, 61, 6, fillColor=BLACK, strokeColor=None),
        Circle(68, 61, 6, fillColor=BLACK, strokeColor=None),
    ]


def _tick() -> list:
    return [
        PolyLine(
            [12, 52, 38, 22, 90, 84],
            strokeColor=BLACK,
            strokeWidth=14,
            strokeLineCap=1,
            strokeLineJoin=1,
        )
    ]


def _cross() -> list:
    return [_line(18, 18, 82, 82, 14), _line(18, 82, 82, 18, 14)]


def _list_with_tick_boxes() -> list:
    shapes: list = []
    for row, y in enumerate((70, 42, 14)):
        shapes.append(Rect(6, y, 18, 18, fillColor=WHITE, strokeColor=BLACK, strokeWidth=4))
        shapes.append(_line(34, y + 9, 94, y + 9, 6))
        if row == 0:  # the first job is ticked off
            shapes.append(
                PolyLine(
                    [9, y + 10, 15, y + 3, 27, y + 22],
                    strokeColor=BLACK,
                    strokeWidth=5,
                    strokeLineCap=1,
                    strokeLineJoin=1,
                )
            )
    return shapes


_DRAWERS = {
    "apologies": _person_raising_hand,
    "minutes": _page_of_writing,
    "matters_arising": _arrow_going_round,
    "treasurer": _coin,
    "aob": _question_mark,
    "yes": _tick,
    "no": _cross,
    "jobs": _list_with_tick_boxes,
}


def pictogram(code: str | None, size: float = PICTOGRAM_SIZE) -> Drawing:
    """The picture for ``code``: a standing agenda item (``"apologies"``, ``"minutes"``,
    ``"matters_arising"``, ``"treasurer"``, ``"aob"``), a decision (``"yes"``, ``"no"``)
    or action points (``"jobs"``); any other code, or ``None``, gets a speech bubble.
    The result is a flowable ``size`` points square; print words beside it."""
    register_fonts()  # the pound sign and question mark are drawn in the bundled font
    drawer = _DRAWERS.get(code or "", _speech_bubble)
    group = Group(*drawer())
    scale = size / 100.0
    group.transform = (scale, 0, 0, scale, 0, 0)
    drawing = Drawing(size, size)
    # start in our font, so the PDF names no unembedded Helvetica (ReportLab's default)
    drawing.initialFontName = FONT
    drawing.add(group)
    return drawing

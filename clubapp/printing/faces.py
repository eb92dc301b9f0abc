"""The three places' faces on paper, drawn as the screens draw them
(clubapp.ui.conversation.faces.draw_face): a yellow face with a dark outline, two eyes
and a mouth (a smile for "like", a straight line a little askew for "not sure", a frown
for "dislike"), so the three differ by shape as well as by their words, and a printout
matches what the member saw on the screen. Every printout of picture conversations uses
these: the member's copy, About me and the committee's counts.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Ellipse, PolyLine
from reportlab.lib import colors
from reportlab.lib.units import mm

from clubapp.printing.base import FONT

__all__ = ["FACE_PLACES", "face_drawing"]

FACE_PLACES = ("like", "not_sure", "dislike")
FACE_YELLOW = colors.HexColor("#FFD54F")  # as the screen's FACE_YELLOW
OUTLINE = colors.HexColor("#1A1A1A")  # as the screen's OUTLINE
DEFAULT_SIZE = 12 * mm

# The mouth in the screen's units (0–100 across, 0–100 down from the top): a quadratic
# curve from, through (its control point) and to; "not sure" is a straight line.
_MOUTHS = {
    "like": ((28, 60), (50, 84), (72, 60)),
    "dislike": ((30, 76), (50, 56), (70, 76)),
}
_STRAIGHT = ((32, 70), (68, 66))


def face_drawing(place: str, size: float = DEFAULT_SIZE) -> Drawing:
    """The face for ``place`` ("like", "not_sure" or "dislike"), ``size`` points square."""
    if place not in FACE_PLACES:
        raise KeyError(f"There is no place called {place!r}.")
    drawing = Drawing(size, size)
    drawing.initialFontName = FONT  # so the PDF names no unembedded Helvetica
    unit = size / 100.0

    def at(x: float, y: float) -> tuple[float, float]:  # the screen's y runs down
        return x * unit, (100 - y) * unit

    drawing.add(
        Ellipse(
            50 * unit,
            50 * unit,
            45 * unit,
            45 * unit,
            fillColor=FACE_YELLOW,
            strokeColor=OUTLINE,
            strokeWidth=max(0.8, 5 * unit),
        )
    )
    for x in (35, 65):
        cx, cy = at(x, 38)
        drawing.add(Ellipse(cx, cy, 6 * unit, 7.5 * unit, fillColor=OUTLINE, strokeColor=None))
    points: list[float] = []
    if place == "not_sure":
        for x, y in _STRAIGHT:
            points += at(x, y)
    else:
        (x0, y0), (cx, cy), (x1, y1) = _MOUTHS[place]
        for i in range(13):
            t = i / 12
            across = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1
            down = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1
            points += at(across, down)
    drawing.add(
        PolyLine(
            points,
            strokeColor=OUTLINE,
            strokeWidth=max(1.0, 6 * unit),
            strokeLineCap=1,
            strokeLineJoin=1,
        )
    )
    return drawing

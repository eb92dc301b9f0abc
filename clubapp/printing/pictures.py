"""Activity pictures and photos for large-print printouts.

The pictures are the SVG files in ``resources/pictures`` (see :mod:`clubapp.pictures`
for their names and words). ReportLab cannot read SVG, so this module holds a small
reader for exactly the plain subset those files are drawn in:

* elements ``svg``, ``g``, ``rect``, ``circle``, ``ellipse``, ``line``, ``polyline``,
  ``polygon`` and ``path``;
* path commands ``M L H V C Q Z`` (absolute or relative; a quadratic curve becomes
  the equivalent cubic);
* the attributes ``fill``, ``stroke``, ``stroke-width``, ``stroke-linecap`` and
  ``stroke-linejoin`` (a ``g`` passes them on to what it holds), colours as ``#rgb``,
  ``#rrggbb``, a colour name or ``none``.

Anything else (a transform, a style, text, an arc, ...) is refused with a ValueError
naming the file, so a picture can never print differently from how it looks on screen
without a test noticing.

A picture is a reminder, never the only way to say something: print its words
(:func:`clubapp.pictures.picture_words`) beside it.
"""

from __future__ import annotations

import copy
import functools
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from reportlab.graphics.shapes import (
    FILL_NON_ZERO,
    Circle,
    Drawing,
    Ellipse,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    Shape,
)
from reportlab.graphics.shapes import Path as RLPath
from reportlab.lib import colors
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Spacer

from clubapp.pictures import PICTURE_WORDS, picture_names, picture_path, picture_words
from clubapp.printing.base import FONT, register_fonts

__all__ = [
    "PICTURE_WORDS",
    "photo_flowable",
    "picture_drawing",
    "picture_names",
    "picture_path",
    "picture_words",
    "read_svg",
]

_SVG_NS = "{http://www.w3.org/2000/svg}"

# The attributes each element may carry (besides the paint attributes below).
_PAINT = {"fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin"}
_GEOMETRY: dict[str, set[str]] = {
    "svg": {"viewBox", "width", "height", "version", "xmlns"},
    "g": set(),
    "rect": {"x", "y", "width", "height", "rx", "ry"},
    "circle": {"cx", "cy", "r"},
    "ellipse": {"cx", "cy", "rx", "ry"},
    "line": {"x1", "y1", "x2", "y2"},
    "polyline": {"points"},
    "polygon": {"points"},
    "path": {"d"},
}
_LINE_CAPS = {"butt": 0, "round": 1, "square": 2}
_LINE_JOINS = {"miter": 0, "round": 1, "bevel": 2}
_SVG_MITER_LIMIT = 4  # SVG's default (PDF's is 10)

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_PATH_TOKEN = re.compile(rf"\s*,?\s*(?:([A-Za-z])|({_NUMBER}))")
_COMMAND_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "Q": 4, "Z": 0}

# What an element inherits when nothing says otherwise (SVG's initial values).
_INITIAL_PAINT = {
    "fill": "#000000",
    "stroke": "none",
    "stroke-width": "1",
    "stroke-linecap": "butt",
    "stroke-linejoin": "miter",
}


class _Reader:
    """Turns one SVG file into ReportLab shapes on its own (y-down) grid."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, message: str) -> ValueError:
        return ValueError(f"{self.where}: {message}")

    # -- small values ------------------------------------------------------

    def number(self, element: ET.Element, name: str, default: float | None = None) -> float:
        raw = element.get(name)
        if raw is None:
            if default is None:
                raise self.fail(f"<{_tag(element)}> needs a {name!r} attribute.")
            return default
        try:
            return float(raw.strip().removesuffix("px"))
        except ValueError:
            raise self.fail(f"{name}={raw!r} on <{_tag(element)}> is not a number.") from None

    def points(self, element: ET.Element) -> list[float]:
        raw = element.get("points", "")
        try:
            values = [float(v) for v in re.split(r"[\s,]+", raw.strip()) if v]
        except ValueError:
            raise self.fail(f"points={raw!r} on <{_tag(element)}> are not numbers.") from None
        if len(values) < 4 or len(values) % 2:
            raise self.fail(f"<{_tag(element)}> needs at least two x,y points.")
        return values

    def colour(self, raw: str) -> colors.Color | None:
        value = raw.strip()
        if value == "none":
            return None
        if re.fullmatch(r"#[0-9a-fA-F]{3}", value):
            value = "#" + "".join(c * 2 for c in value[1:])
        if re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            return colors.HexColor(value)
        if re.fullmatch(r"[a-z]+", value):
            found = getattr(colors, value, None)
            if isinstance(found, colors.Color):
                return found
        raise self.fail(f"{raw!r} is not a colour this reader knows.")

    def paint(self, paint: dict[str, str]) -> dict[str, object]:
        """ReportLab's stroke and fill keywords for the SVG paint values."""
        cap = _LINE_CAPS.get(paint["stroke-linecap"])
        join = _LINE_JOINS.get(paint["stroke-linejoin"])
        if cap is None:
            raise self.fail(f"stroke-linecap {paint['stroke-linecap']!r} is not known.")
        if join is None:
            raise self.fail(f"stroke-linejoin {paint['stroke-linejoin']!r} is not known.")
        try:
            width = float(paint["stroke-width"])
        except ValueError:
            raise self.fail(f"stroke-width {paint['stroke-width']!r} is not a number.") from None
        stroke = self.colour(paint["stroke"])
        if width <= 0:
            stroke = None
        return {
            "fillColor": self.colour(paint["fill"]),
            "strokeColor": stroke,
            "strokeWidth": width,
            "strokeLineCap": cap,
            "strokeLineJoin": join,
            "strokeMiterLimit": _SVG_MITER_LIMIT,
        }

    # -- elements ----------------------------------------------------------

    def read(self, root: ET.Element) -> tuple[tuple[float, float, float, float], list[Shape]]:
        if _tag(root) != "svg":
            raise self.fail(f"the outermost element is <{_tag(root)}>, not <svg>.")
        box = (root.get("viewBox") or "").replace(",", " ").split()
        if len(box) != 4:
            raise self.fail("<svg> needs a viewBox of four numbers.")
        try:
            min_x, min_y, width, height = (float(v) for v in box)
        except ValueError:
            raise self.fail(f"viewBox {root.get('viewBox')!r} is not four numbers.") from None
        if width <= 0 or height <= 0:
            raise self.fail("the viewBox must have a width and a height.")
        shapes: list[Shape] = []
        self.element(root, dict(_INITIAL_PAINT), shapes)
        return (min_x, min_y, width, height), shapes

    def element(self, element: ET.Element, inherited: dict[str, str], out: list[Shape]) -> None:
        tag = _tag(element)
        if tag not in _GEOMETRY:
            raise self.fail(f"<{tag}> is not one of the elements a picture may use.")
        for name in element.attrib:
            if name not in _PAINT and name not in _GEOMETRY[tag]:
                raise self.fail(f"the attribute {_local(name)!r} on <{tag}> is not allowed.")
        if (element.text or "").strip() or (element.tail or "").strip():
            raise self.fail(f"<{tag}> holds text; pictures have no words in them.")
        paint = dict(inherited)
        paint.update({k: v for k, v in element.attrib.items() if k in _PAINT})
        if tag in ("svg", "g"):
            for child in element:
                self.element(child, paint, out)
            return
        if len(element):
            raise self.fail(f"<{tag}> may not hold other elements.")
        style = self.paint(paint)
        out.extend(getattr(self, f"shape_{tag}")(element, style))

    def shape_rect(self, e: ET.Element, style: dict) -> list[Shape]:
        rx = e.get("rx")
        ry = e.get("ry")
        rx_value = self.number(e, "rx") if rx is not None else None
        ry_value = self.number(e, "ry") if ry is not None else None
        rx_value = rx_value if rx_value is not None else (ry_value or 0.0)
        ry_value = ry_value if ry_value is not None else rx_value
        width, height = self.number(e, "width"), self.number(e, "height")
        rx_value = min(rx_value, width / 2)
        ry_value = min(ry_value, height / 2)
        x, y = self.number(e, "x", 0.0), self.number(e, "y", 0.0)
        return [Rect(x, y, width, height, rx=rx_value, ry=ry_value, **style)]

    def shape_circle(self, e: ET.Element, style: dict) -> list[Shape]:
        return [
            Circle(
                self.number(e, "cx", 0.0), self.number(e, "cy", 0.0), self.number(e, "r"), **style
            )
        ]

    def shape_ellipse(self, e: ET.Element, style: dict) -> list[Shape]:
        cx, cy = self.number(e, "cx", 0.0), self.number(e, "cy", 0.0)
        return [Ellipse(cx, cy, self.number(e, "rx"), self.number(e, "ry"), **style)]

    def shape_line(self, e: ET.Element, style: dict) -> list[Shape]:
        style = {k: v for k, v in style.items() if k != "fillColor"}  # a line has no inside
        x1, y1 = self.number(e, "x1", 0.0), self.number(e, "y1", 0.0)
        x2, y2 = self.number(e, "x2", 0.0), self.number(e, "y2", 0.0)
        return [Line(x1, y1, x2, y2, **style)]

    def shape_polyline(self, e: ET.Element, style: dict) -> list[Shape]:
        points = self.points(e)
        shapes: list[Shape] = []
        fill = style["fillColor"]
        if fill is not None:  # SVG fills an open polyline as if it were closed
            shapes.append(Polygon(points, fillColor=fill, strokeColor=None))
        stroke = {k: v for k, v in style.items() if k != "fillColor"}
        if stroke["strokeColor"] is not None:
            shapes.append(PolyLine(points, **stroke))
        return shapes

    def shape_polygon(self, e: ET.Element, style: dict) -> list[Shape]:
        return [Polygon(self.points(e), **style)]

    def shape_path(self, e: ET.Element, style: dict) -> list[Shape]:
        path = RLPath(fillMode=FILL_NON_ZERO, **style)
        for op, args in self.path_commands(e.get("d") or ""):
            getattr(path, op)(*args)
        if not path.operators:
            raise self.fail("a <path> has no d to draw.")
        return [path]

    # -- path data ---------------------------------------------------------

    def tokens(self, d: str) -> Iterator[str | float]:
        position = 0
        d = d.rstrip()
        while position < len(d):
            match = _PATH_TOKEN.match(d, position)
            if match is None or match.end() == position:
                raise self.fail(f"the path data {d!r} cannot be read at {d[position:][:12]!r}.")
            letter, number = match.groups()
            if letter is not None:
                if letter.upper() not in _COMMAND_ARGS:
                    raise self.fail(
                        f"the path command {letter!r} is not allowed (only M L H V C Q Z)."
                    )
                yield letter
            else:
                yield float(number)
            position = match.end()

    def path_commands(self, d: str) -> Iterator[tuple[str, tuple[float, ...]]]:
        """(ReportLab Path method, arguments) for each piece of the path, absolute."""
        x = y = 0.0
        start_x = start_y = 0.0
        command: str | None = None
        queue = list(self.tokens(d))
        i = 0
        while i < len(queue):
            token = queue[i]
            if isinstance(token, str):
                command = token
                i += 1
                if command in "Zz":
                    x, y = start_x, start_y
                    yield "closePath", ()
                    command = None
                    continue
            elif command is None:
                raise self.fail(f"the path data {d!r} has numbers with no command before them.")
            assert command is not None
            count = _COMMAND_ARGS[command.upper()]
            args = queue[i : i + count]
            if len(args) < count or not all(isinstance(a, float) for a in args):
                raise self.fail(f"the path command {command!r} in {d!r} lacks numbers.")
            i += count
            values = [float(a) for a in args]
            relative = command.islower()
            upper = command.upper()
            if upper == "H":
                x = values[0] + (x if relative else 0.0)
                yield "lineTo", (x, y)
            elif upper == "V":
                y = values[0] + (y if relative else 0.0)
                yield "lineTo", (x, y)
            else:
                if relative:
                    values = [v + (x if k % 2 == 0 else y) for k, v in enumerate(values)]
                if upper == "M":
                    x, y = values
                    start_x, start_y = x, y
                    yield "moveTo", (x, y)
                    command = "l" if relative else "L"  # more pairs after M are lines
                elif upper == "L":
                    x, y = values
                    yield "lineTo", (x, y)
                elif upper == "C":
                    yield "curveTo", tuple(values)
                    x, y = values[4], values[5]
                else:  # Q: the same curve as a cubic
                    qx, qy, ex, ey = values
                    yield (
                        "curveTo",
                        (
                            x + 2 / 3 * (qx - x),
                            y + 2 / 3 * (qy - y),
                            ex + 2 / 3 * (qx - ex),
                            ey + 2 / 3 * (qy - ey),
                            ex,
                            ey,
                        ),
                    )
                    x, y = ex, ey


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _tag(element: ET.Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else "?"
    if tag.startswith("{") and not tag.startswith(_SVG_NS):
        return tag  # an element from another namespace: never allowed
    return _local(tag)


def read_svg(path: Path) -> Group:
    """The picture in the SVG file ``path`` as a ReportLab group on a 100 × 100 grid
    with y going up (as ReportLab draws). ValueError, naming the file, if the file uses
    anything outside the plain subset this module reads."""
    where = Path(path).name
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise ValueError(f"{where}: this is not a readable SVG file ({error}).") from None
    (min_x, min_y, width, height), shapes = _Reader(where).read(root)
    # SVG counts y downwards from the top; ReportLab upwards from the bottom.
    group = Group(*shapes)
    sx, sy = 100.0 / width, 100.0 / height
    group.transform = (sx, 0, 0, -sy, -min_x * sx, 100.0 + min_y * sy)
    return group


@functools.lru_cache(maxsize=64)
def _picture_group(name: str) -> Group:
    return read_svg(picture_path(name))


def picture_drawing(name: str, size: float) -> Drawing:
    """The picture ``name`` as a ReportLab drawing (a flowable) ``size`` points square.

    Print its words beside it. KeyError for an unknown name; ValueError if its file
    uses anything the reader does not know."""
    if size <= 0:
        raise ValueError(f"A picture must have a size above 0, not {size}.")
    register_fonts()  # so the drawing starts in the embedded font, never Helvetica
    scale = size / 100.0
    inner = copy.deepcopy(_picture_group(name))  # callers may change their own drawing
    outer = Group(inner)
    outer.transform = (scale, 0, 0, scale, 0, 0)
    drawing = Drawing(size, size)
    drawing.initialFontName = FONT
    drawing.add(outer)
    return drawing


def photo_flowable(data: bytes, size: float) -> Image:
    """A photo (PNG or JPEG bytes) as an image flowable that fits in ``size`` × ``size``
    points, keeping its shape, centred in its frame. ValueError if it cannot be read."""
    if size <= 0:
        raise ValueError(f"A photo must have a size above 0, not {size}.")
    try:
        width, height = ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # ReportLab and Pillow raise many kinds for a broken picture
        raise ValueError(
            "This photo could not be read; please use a PNG or JPEG picture."
        ) from None
    if width <= 0 or height <= 0:
        raise ValueError("This photo has no size.")
    scale = size / max(width, height)
    image = Image(io.BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "CENTER"
    return image


def picture_or_photo(picture: str | None, photo: bytes | None, size: float) -> Flowable:
    """A photo if there is one that can be read, else the library picture, else an empty
    square of the same size (so rows still line up)."""
    if photo is not None:
        try:
            return photo_flowable(photo, size)
        except ValueError:
            pass  # a photo that cannot be read: the picture, or nothing
    if picture:
        try:
            return picture_drawing(picture, size)
        except (KeyError, ValueError):
            pass
    return Spacer(size, size)

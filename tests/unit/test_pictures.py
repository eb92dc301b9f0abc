"""The activity pictures: the shipped files use only the plain SVG subset, every picture
has words, and the printing reader turns each into a ReportLab drawing that prints."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Shape
from reportlab.graphics.shapes import Path as RLPath
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from clubapp.pictures import PICTURE_WORDS, picture_names, picture_path, picture_words
from clubapp.printing.base import FONT
from clubapp.printing.pictures import photo_flowable, picture_drawing, read_svg

EXPECTED = [
    "music",
    "singing",
    "gardening",
    "painting",
    "crafts",
    "cooking",
    "baking",
    "outing",
    "museum",
    "film",
    "exercise",
    "dancing",
    "quiz",
    "games",
    "reminiscence",
    "walking",
    "tea_and_cake",
    "knitting",
    "reading",
    "chat",
    "yes",
    "no",
    "not_sure",
    "coffee",
    "water",
    "sandwich",
    "soup",
    "fruit",
    "biscuits",
    "fish_and_chips",
    "roast_dinner",
    "ice_cream",
    "car",
    "bus",
    "taxi",
    "wheelchair",
    "clock",
    "umbrella",
    "friends",
    "helping_hands",
    "armchair",
    "noise",
    "thermometer",
    "toilet",
    "seaside",
    "park",
    "theatre",
    "shopping",
    "animals",
    "boat",
]

# The subset, written out here on its own (not taken from the reader), so a change to
# the reader cannot quietly widen what the files are allowed to use.
SVG_NS = "{http://www.w3.org/2000/svg}"
PAINT = {"fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin"}
ALLOWED = {
    "svg": {"viewBox", "width", "height"},
    "g": set(),
    "rect": {"x", "y", "width", "height", "rx"},
    "circle": {"cx", "cy", "r"},
    "ellipse": {"cx", "cy", "rx", "ry"},
    "line": {"x1", "y1", "x2", "y2"},
    "polyline": {"points"},
    "polygon": {"points"},
    "path": {"d"},
}
PATH_COMMANDS = set("MLHVCQZmlhvcqz")
OUTLINE = "#1a1a1a"


def svg_elements(name: str) -> list[ET.Element]:
    return list(ET.parse(picture_path(name)).getroot().iter())


def local(tag: str) -> str:
    assert tag.startswith(SVG_NS), f"{tag} is not an SVG element"
    return tag[len(SVG_NS) :]


def shapes_in(node) -> list[Shape]:
    """Every drawn shape (not groups) inside a drawing or group."""
    found: list[Shape] = []
    for child in node.contents:
        if isinstance(child, Group):
            found += shapes_in(child)
        else:
            found.append(child)
    return found


def write_svg(tmp_path: Path, body: str, name: str = "odd_picture.svg") -> Path:
    path = tmp_path / name
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">' + body + "</svg>",
        encoding="utf-8",
    )
    return path


def pdf_with(*flowables) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pageCompression=0).build(list(flowables))
    return buffer.getvalue()


def page_operators(pdf: bytes) -> list[bytes]:
    reader = PdfReader(io.BytesIO(pdf))
    found: list[bytes] = []
    for page in reader.pages:
        found += [op for _, op in ContentStream(page.get_contents(), reader).operations]
    return found


def png_bytes(width: int, height: int, colour=(200, 40, 40)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


# --- names, words and files ---------------------------------------------------


def test_every_expected_picture_is_shipped_and_nothing_else():
    assert picture_names() == sorted(EXPECTED)


def test_every_picture_has_words_and_every_word_entry_has_a_picture():
    assert set(PICTURE_WORDS) == set(picture_names())
    for name in picture_names():
        words = picture_words(name)
        assert words and words == words.strip()
        assert words[0].isupper() and "_" not in words
    assert PICTURE_WORDS["tea_and_cake"] == "Tea and cake"
    assert PICTURE_WORDS["not_sure"] == "Not sure"
    assert PICTURE_WORDS["yes"] == "Yes" and PICTURE_WORDS["no"] == "No"


@pytest.mark.parametrize("name", ["unknown", "../pictures/music", "music.svg", ""])
def test_an_unknown_picture_is_a_key_error(name):
    with pytest.raises(KeyError):
        picture_path(name)
    with pytest.raises(KeyError):
        picture_words(name)


def test_picture_paths_are_the_files_in_resources():
    path = picture_path("music")
    assert path.name == "music.svg" and path.is_file()
    assert path.parent.name == "pictures" and path.parent.parent.name == "resources"


def test_the_pictures_have_a_readme_with_the_licence():
    readme = picture_path("music").parent / "README.md"
    text = readme.read_text(encoding="utf-8")
    assert "MIT" in text
    for name in picture_names():
        assert f"{name}.svg" in text, f"the README does not describe {name}.svg"


# --- the files use only the plain subset ---------------------------------------


@pytest.mark.parametrize("name", EXPECTED)
def test_each_file_uses_only_the_plain_subset(name):
    root = ET.parse(picture_path(name)).getroot()
    assert local(root.tag) == "svg"
    assert root.get("viewBox") == "0 0 100 100"
    tags = []
    for element in root.iter():
        tag = local(element.tag)
        tags.append(tag)
        assert tag in ALLOWED, f"{name}: <{tag}> is not allowed"
        for attribute in element.attrib:
            assert attribute in PAINT | ALLOWED[tag], f"{name}: {attribute!r} on <{tag}>"
        assert not (element.text or "").strip(), f"{name}: text inside <{tag}>"
        if tag == "path":
            d = element.get("d", "")
            letters = set(re.findall(r"[A-Za-z]", d))
            assert letters <= PATH_COMMANDS, f"{name}: path commands {letters - PATH_COMMANDS}"
            leftover = re.sub(r"[MLHVCQZmlhvcqz]|[-+]?(\d+\.?\d*|\.\d+)|[\s,]", "", d)
            assert not leftover, f"{name}: path data has {leftover!r}"
    assert len([t for t in tags if t not in ("svg", "g")]) >= 2, f"{name}: too few shapes"
    raw = picture_path(name).read_text(encoding="utf-8")
    for banned in ("style", "transform", "<text", "<use", "gradient", "filter", "mask", "clip"):
        assert banned not in raw, f"{name}: uses {banned}"


@pytest.mark.parametrize("name", EXPECTED)
def test_each_picture_has_thick_dark_outlines_and_a_colour(name):
    """Bold outlines in the shared dark colour, and at least one strong colour besides."""
    elements = svg_elements(name)
    strokes = {e.get("stroke") for e in elements if e.get("stroke")}
    assert OUTLINE in strokes
    outline_widths = [
        float(e.get("stroke-width") or 0) for e in elements if e.get("stroke") == OUTLINE
    ]
    assert outline_widths and all(4 <= w <= 6 for w in outline_widths)
    colours = {e.get(a) for e in elements for a in ("fill", "stroke") if e.get(a)}
    colours -= {OUTLINE, "none", "#ffffff", "#1a1a1a"}
    assert colours, f"{name} has no colour besides black and white"


def test_the_pictures_are_all_different():
    texts = [picture_path(name).read_bytes() for name in EXPECTED]
    assert len(set(texts)) == len(texts)


# --- the reader -----------------------------------------------------------------


@pytest.mark.parametrize("name", EXPECTED)
def test_each_picture_reads_into_a_drawing_of_the_asked_size(name):
    size = 30 * mm
    drawing = picture_drawing(name, size)
    assert isinstance(drawing, Drawing)
    assert drawing.width == drawing.height == size
    assert len(shapes_in(drawing)) >= 2
    # Everything lies inside the square (so the flip and the scale are right).
    x0, y0, x1, y1 = drawing.getBounds()
    assert -0.5 <= x0 < x1 <= size + 0.5
    assert -0.5 <= y0 < y1 <= size + 0.5
    assert x1 - x0 > size / 3 and y1 - y0 > size / 3


def test_a_picture_is_upright_in_the_drawing():
    """SVG counts y downwards; the printed picture must not come out upside down. The
    tick's short arm is on the left, low down: its left end is below its right end."""
    drawing = picture_drawing("yes", 100)
    lines = [s for s in shapes_in(drawing) if s.__class__.__name__ == "PolyLine"]
    assert lines
    inner = drawing.contents[0].contents[0]
    a, b, c, d, e, f = inner.transform
    points = lines[0].points
    left_y = b * points[0] + d * points[1] + f
    right_y = b * points[-2] + d * points[-1] + f
    assert left_y < right_y


def test_drawings_are_fresh_copies():
    """Changing one drawing leaves the next one of the same picture untouched."""

    def state(drawing: Drawing) -> list:
        return [(s.strokeWidth, list(getattr(s, "points", []))) for s in shapes_in(drawing)]

    first = picture_drawing("chat", 50)
    before = state(first)
    assert any(points for _, points in before)
    for shape in shapes_in(first):
        shape.strokeWidth = 99
        if hasattr(shape, "points"):
            shape.points[0] = 999
    assert state(picture_drawing("chat", 50)) == before


def test_path_commands_absolute_relative_and_quadratic(tmp_path):
    path = write_svg(
        tmp_path,
        '<path d="M10 10 h20 v20 H10 Z m50 0 l10 0 L70,40 q10 20 20 0 c0 -5 5 -5 5 0 V50 z"/>',
    )
    (shape,) = shapes_in(read_svg(path))
    assert isinstance(shape, RLPath)
    assert shape.operators == [0, 1, 1, 1, 3, 0, 1, 1, 2, 2, 1, 3]
    assert shape.points[:10] == [10, 10, 30, 10, 30, 30, 10, 30, 60, 10]
    assert shape.points[10:14] == [70, 10, 70, 40]
    # The quadratic from (70,40) through (80,60) to (90,40) as a cubic.
    expected = [70 + 20 / 3, 40 + 40 / 3, 90 - 20 / 3, 40 + 40 / 3, 90, 40]
    assert shape.points[14:20] == pytest.approx(expected)
    assert shape.points[20:26] == pytest.approx([90, 35, 95, 35, 95, 40])
    assert shape.points[26:28] == [95, 50]


def test_paint_is_inherited_from_groups_and_defaults_follow_svg(tmp_path):
    path = write_svg(
        tmp_path,
        '<g stroke="#ff0000" stroke-width="6" stroke-linecap="round">'
        '<rect x="1" y="2" width="30" height="20" rx="4" fill="#00f"/>'
        '<circle cx="50" cy="50" r="10" stroke="none"/>'
        "</g>"
        '<polyline points="0,0 10,10 20,0"/>',
    )
    rect, circle, filled, *rest = shapes_in(read_svg(path))
    assert rect.strokeWidth == 6 and rect.strokeLineCap == 1
    assert rect.strokeColor.hexval().lower() == "0xff0000"
    assert rect.fillColor.hexval().lower() == "0x0000ff"
    assert rect.rx == rect.ry == 4
    assert circle.strokeColor is None
    assert circle.fillColor.hexval().lower() == "0x000000"  # SVG's default fill
    # A polyline with SVG's default black fill is filled, and has no stroke by default.
    assert filled.__class__.__name__ == "Polygon" and rest == []


@pytest.mark.parametrize(
    "body, what",
    [
        ('<text x="10" y="10">Hello</text>', "<text>"),
        ('<path d="M10 10 A 5 5 0 0 1 20 20"/>', "'A'"),
        ('<path d="M10 10 S 5 5 20 20"/>', "'S'"),
        ('<rect x="1" y="1" width="5" height="5" transform="rotate(4)"/>', "transform"),
        ('<rect x="1" y="1" width="5" height="5" style="fill:red"/>', "style"),
        ('<g transform="translate(2 2)"><rect width="5" height="5"/></g>', "transform"),
        ('<use href="#a"/>', "<use>"),
        ('<circle cx="5" cy="5" r="4" fill="url(#grad)"/>', "colour"),
        ('<circle cx="5" cy="5" r="4" opacity="0.5"/>', "opacity"),
        ('<path d="10 10 L 20 20"/>', "no command"),
        ('<path d="M10 10 L 20"/>', "lacks numbers"),
        ('<line x1="zero" y1="0" x2="1" y2="1"/>', "not a number"),
    ],
)
def test_anything_outside_the_subset_is_refused_naming_the_file(tmp_path, body, what):
    path = write_svg(tmp_path, body)
    with pytest.raises(ValueError) as error:
        read_svg(path)
    assert "odd_picture.svg" in str(error.value)
    assert what in str(error.value)


def test_a_broken_file_is_refused_naming_it(tmp_path):
    path = tmp_path / "broken.svg"
    path.write_text("<svg viewBox='0 0 100 100'><rect", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.svg"):
        read_svg(path)


def test_unknown_picture_names_and_bad_sizes_are_refused():
    with pytest.raises(KeyError):
        picture_drawing("karaoke", 50)
    with pytest.raises(ValueError):
        picture_drawing("music", 0)


# --- printing -------------------------------------------------------------------


def test_pictures_print_into_a_valid_pdf_with_drawing_operators():
    pdf = pdf_with(*[picture_drawing(name, 20 * mm) for name in EXPECTED])
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    operators = page_operators(pdf)
    for op in (b"m", b"l", b"c", b"re", b"cm"):
        assert op in operators, f"no {op!r} operator on the page"
    assert {b"f", b"B", b"S"} & set(operators)
    # Colour is set (fills in the pictures' colours, not only black).
    assert b"rg" in operators


@pytest.mark.parametrize("name", EXPECTED)
def test_each_picture_paints_in_a_pdf(name):
    buffer = io.BytesIO()
    drawing = picture_drawing(name, 25 * mm)  # registers the bundled fonts
    canvas = Canvas(buffer, pagesize=(30 * mm, 30 * mm), pageCompression=0, initialFontName=FONT)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    pdf = buffer.getvalue()
    operators = page_operators(pdf)
    painted = [op for op in operators if op in (b"f", b"f*", b"B", b"B*", b"S")]
    assert len(painted) >= 2
    # The drawing switches to no unembedded font (ReportLab's default is Helvetica).
    assert b"Helvetica" not in pdf


# --- photos ---------------------------------------------------------------------


@pytest.mark.parametrize("width, height", [(400, 200), (150, 300), (64, 64), (10, 1000)])
def test_a_photo_fits_its_square_keeping_its_shape(width, height):
    size = 30 * mm
    flowable = photo_flowable(png_bytes(width, height), size)
    assert max(flowable.drawWidth, flowable.drawHeight) == pytest.approx(size)
    assert flowable.drawWidth / flowable.drawHeight == pytest.approx(width / height)
    assert flowable.drawWidth <= size + 1e-6 and flowable.drawHeight <= size + 1e-6


def test_a_jpeg_photo_prints():
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 80), (30, 120, 200)).save(buffer, format="JPEG")
    pdf = pdf_with(photo_flowable(buffer.getvalue(), 40 * mm))
    assert b"Do" in page_operators(pdf)  # the image is drawn on the page


def test_a_broken_photo_is_refused():
    with pytest.raises(ValueError):
        photo_flowable(b"not a picture at all", 50)


# --- start-up cost --------------------------------------------------------------


def loaded_after(module: str) -> set[str]:
    code = f"import json, sys\nimport {module}\nprint(json.dumps(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return {name.split(".")[0] for name in json.loads(result.stdout)}


def test_the_screen_side_does_not_load_reportlab():
    loaded = loaded_after("clubapp.ui.widgets.pictures")
    assert "PySide6" in loaded  # the check sees what is imported
    assert "reportlab" not in loaded


def test_the_shared_names_module_loads_neither_qt_nor_reportlab():
    loaded = loaded_after("clubapp.pictures")
    assert not {"PySide6", "reportlab"} & loaded
    assert "reportlab" in loaded_after("clubapp.printing.pictures")

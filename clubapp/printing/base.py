"""Shared building blocks for every printout: fonts, large-print styles, page furniture.

Every document is A4, black on white, in Atkinson Hyperlegible (embedded, so it looks
the same on every printer), body text at least 14 pt, no italics and no block capitals.
Each page has a header (club name and document title) and a footer
("Printed on 22 November 2026 · Page 2 of 5").

A printout module builds a list of flowables ("the story") with :func:`para`,
:func:`data_table` and the styles here, then calls :func:`build_pdf` to get the bytes.

Text from the database always goes through :func:`markup` (or :func:`para`), which
escapes it for ReportLab's paragraph markup, so a name like ``<b>Bob</b> & co`` prints
exactly as typed.

Limitation: Atkinson Hyperlegible covers Latin scripts only. Characters it lacks are
printed with the first fallback font found on the machine that has them (for example
DejaVu Sans for Greek and Cyrillic, or a CJK font if one is installed); if no font has
them they print as "?" so the gap is visible rather than silently blank.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date, time
from pathlib import Path
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Table,
)
from reportlab.platypus import TableStyle as _TableStyle

from clubapp.paths import fonts_dir

__all__ = [
    "BLACK",
    "CONTENT_HEIGHT",
    "CONTENT_WIDTH",
    "FONT",
    "FONT_BOLD",
    "PAGE_SIZE",
    "STYLES",
    "TickBox",
    "table_style",
    "keep_together",
    "WriteOnLine",
    "boxed",
    "build_pdf",
    "bullet",
    "data_table",
    "fit_text",
    "format_long_date",
    "format_time",
    "markup",
    "para",
    "plural",
    "register_fonts",
    "rich",
    "shorten",
]

# ---------------------------------------------------------------------------
# Fonts

FONT = "AtkinsonHyperlegible"
FONT_BOLD = "AtkinsonHyperlegible-Bold"
_FONT_FILES = {
    FONT: "AtkinsonHyperlegible-Regular.ttf",
    FONT_BOLD: "AtkinsonHyperlegible-Bold.ttf",
}

# Fonts tried, in order, for characters Atkinson Hyperlegible lacks. Only files that
# exist are used, and only when such a character is met. TrueType outlines only
# (ReportLab cannot embed CFF-based .otf files).
_FALLBACK_FONT_FILES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("C:/Windows/Fonts/segoeui.ttf", 0),
    ("C:/Windows/Fonts/arialuni.ttf", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
)

_lock = threading.Lock()
_registered = False
_fallbacks: list[tuple[str, dict[int, int]]] | None = None


def register_fonts() -> None:
    """Register the bundled fonts with ReportLab (once; safe to call often)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        folder = fonts_dir()
        for name, filename in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
        )
        _registered = True


def _covered(font_name: str) -> dict[int, int]:
    register_fonts()
    return pdfmetrics.getFont(font_name).face.charToGlyph


def _fallback_fonts() -> list[tuple[str, dict[int, int]]]:
    """The fallback fonts present on this machine, loaded on first need."""
    global _fallbacks
    if _fallbacks is not None:
        return _fallbacks
    with _lock:
        if _fallbacks is None:
            found: list[tuple[str, dict[int, int]]] = []
            for index, (path, subfont) in enumerate(_FALLBACK_FONT_FILES):
                if not Path(path).is_file():
                    continue
                name = f"ClubAppFallback{index}"
                try:
                    font = TTFont(name, path, subfontIndex=subfont)
                except Exception:  # an unusable system font is just skipped
                    continue
                pdfmetrics.registerFont(font)
                found.append((name, font.face.charToGlyph))
            _fallbacks = found
    return _fallbacks


# Control characters other than tab and newline break the paragraph parser and print
# nothing useful; lone surrogates cannot be encoded.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def _clean(text: str) -> str:
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text)


def font_runs(text: str, font_name: str) -> list[tuple[str, str]]:
    """Split text into (font name, piece) runs so every character has a glyph."""
    covered = _covered(font_name)
    if all(ord(ch) in covered or ch == "\n" for ch in text):
        return [(font_name, text)] if text else []
    runs: list[tuple[str, str]] = []
    for ch in text:
        name = font_name
        if ch != "\n" and ord(ch) not in covered:
            name = next((n for n, cmap in _fallback_fonts() if ord(ch) in cmap), font_name)
            if name == font_name:
                ch = "?"
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + ch)
        else:
            runs.append((name, ch))
    return runs


def markup(text: str, font_name: str = FONT) -> str:
    """Plain text made safe for a ReportLab Paragraph: escaped, line breaks kept,
    characters the font lacks switched to a fallback font (or "?")."""
    parts = []
    for name, piece in font_runs(_clean(text), font_name):
        escaped = _xml_escape(piece).replace("\n", "<br/>")
        parts.append(escaped if name == font_name else f'<font face="{name}">{escaped}</font>')
    return "".join(parts)


# ---------------------------------------------------------------------------
# Dates

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_long_date(d: date, *, weekday: bool = True) -> str:
    """A date in words, UK style: "Wednesday 3 December 2025" (not locale dependent)."""
    words = f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
    return f"{DAY_NAMES[d.weekday()]} {words}" if weekday else words


def format_time(t: time) -> str:
    """A time of day as people say it: "2:30pm", "10:00am", "12 noon"."""
    if t.hour == 12 and t.minute == 0:
        return "12 noon"
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d}{'am' if t.hour < 12 else 'pm'}"


def plural(count: int, one: str, many: str) -> str:
    """A count with the right word: "1 person", "5 people", "0 items"."""
    return f"{count} {one if count == 1 else many}"


# ---------------------------------------------------------------------------
# Page geometry and styles

PAGE_SIZE = A4
MARGIN = 15 * mm
HEADER_SPACE = 16 * mm  # between the top margin and the first line of the story
FOOTER_SPACE = 12 * mm  # between the last line of the story and the bottom margin
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN
CONTENT_HEIGHT = PAGE_SIZE[1] - 2 * MARGIN - HEADER_SPACE - FOOTER_SPACE
BLACK = colors.black
LIGHT_GREY = colors.HexColor("#EBEBEB")  # black on this is about 17:1
FURNITURE_SIZE = 14

_BODY = ParagraphStyle(
    "body",
    fontName=FONT,
    fontSize=14,
    leading=19,
    textColor=BLACK,
    alignment=TA_LEFT,
    spaceAfter=6,
    embeddedHyphenation=1,  # long double-barrelled names may break after the hyphen
)

STYLES: dict[str, ParagraphStyle] = {
    "body": _BODY,
    "body_bold": ParagraphStyle("body_bold", parent=_BODY, fontName=FONT_BOLD),
    "cell": ParagraphStyle("cell", parent=_BODY, spaceAfter=0),
    "cell_bold": ParagraphStyle("cell_bold", parent=_BODY, fontName=FONT_BOLD, spaceAfter=0),
    "large": ParagraphStyle("large", parent=_BODY, fontSize=18, leading=23, spaceAfter=0),
    "large_bold": ParagraphStyle(
        "large_bold", parent=_BODY, fontName=FONT_BOLD, fontSize=18, leading=23, spaceAfter=0
    ),
    "phone": ParagraphStyle(
        "phone", parent=_BODY, fontName=FONT_BOLD, fontSize=20, leading=25, spaceAfter=0
    ),
    "title": ParagraphStyle(
        "title", parent=_BODY, fontName=FONT_BOLD, fontSize=24, leading=30, spaceAfter=8
    ),
    "heading": ParagraphStyle(
        "heading",
        parent=_BODY,
        fontName=FONT_BOLD,
        fontSize=18,
        leading=23,
        spaceBefore=10,
        spaceAfter=4,
        keepWithNext=1,
    ),
    # Easy read, for printouts members read themselves: bigger still, short lines.
    "easy": ParagraphStyle("easy", parent=_BODY, fontSize=18, leading=25, spaceAfter=6),
    "easy_bold": ParagraphStyle(
        "easy_bold", parent=_BODY, fontName=FONT_BOLD, fontSize=18, leading=25, spaceAfter=6
    ),
    "easy_heading": ParagraphStyle(
        "easy_heading",
        parent=_BODY,
        fontName=FONT_BOLD,
        fontSize=24,
        leading=30,
        spaceBefore=6,
        spaceAfter=6,
        keepWithNext=1,
    ),
    "easy_title": ParagraphStyle(
        "easy_title", parent=_BODY, fontName=FONT_BOLD, fontSize=30, leading=37, spaceAfter=10
    ),
}


def keep_together(
    flowables: Sequence[Flowable], *, head: int = 2, up_to: float = 0.5
) -> list[Flowable]:
    """Keep a block on one page when it is short (at most ``up_to`` of a page); a
    longer block keeps only its first ``head`` flowables together and flows on, so a
    long block starts straight away instead of leaving a page empty."""
    height = sum(f.wrap(CONTENT_WIDTH, CONTENT_HEIGHT)[1] for f in flowables)
    if height <= CONTENT_HEIGHT * up_to:
        return [KeepTogether(list(flowables))]
    return [KeepTogether(list(flowables[:head])), *flowables[head:]]


def para(text: str, style: str | ParagraphStyle = "body") -> Paragraph:
    """A paragraph of plain text (escaped) in one of :data:`STYLES` or a given style."""
    st = STYLES[style] if isinstance(style, str) else style
    return Paragraph(markup(text, st.fontName), st)


def rich(markup_text: str, style: str | ParagraphStyle = "body") -> Paragraph:
    """A paragraph of ready-made markup, e.g. ``f"<b>Notes:</b> {markup(notes)}"``.

    Every piece of user text in it must have gone through :func:`markup`. (Make
    paragraphs with :func:`para` or this rather than ``Paragraph`` directly: ReportLab
    needs the fonts registered before a paragraph in them is even created.)
    """
    register_fonts()
    st = STYLES[style] if isinstance(style, str) else style
    if st.embeddedHyphenation:
        # ReportLab 5.1 drops the hyphen when it breaks a word made of several fragments
        # (a bold label and plain words in one paragraph): "Anne-Marie" printed
        # "AnneMarie". Ready-made markup does not break at hyphens.
        whole = _WHOLE_HYPHENS.get(id(st))
        if whole is None:
            whole = ParagraphStyle(f"{st.name}_whole", parent=st, embeddedHyphenation=0)
            _WHOLE_HYPHENS[id(st)] = whole
        st = whole
    return Paragraph(markup_text, st)


_WHOLE_HYPHENS: dict[int, ParagraphStyle] = {}


def bullet(
    text: str,
    style: str | ParagraphStyle = "body",
    *,
    mark: str = "•",
    indent: float = 7 * mm,
) -> Paragraph:
    """A paragraph of plain text with a mark hanging to its left: a bullet, or an item
    number such as ``"12."``. Wrapped lines line up with the text, not the mark."""
    register_fonts()
    st = STYLES[style] if isinstance(style, str) else style
    hanging = ParagraphStyle(
        f"{st.name}_hanging",
        parent=st,
        leftIndent=st.leftIndent + indent,
        bulletIndent=st.leftIndent,
        bulletFontName=st.fontName,
        bulletFontSize=st.fontSize,
    )
    return Paragraph(
        f"<bullet>{markup(mark, st.fontName)}</bullet>{markup(text, st.fontName)}", hanging
    )


_CELL_PADDING = 5


def table_style(commands: Iterable[tuple]) -> _TableStyle:
    """A TableStyle whose cells default to our font (ReportLab's own default is an
    unembedded Helvetica, which would then be named in the PDF)."""
    return _TableStyle([("FONT", (0, 0), (-1, -1), FONT, STYLES["cell"].fontSize), *commands])


def data_table(
    header: Sequence[str] | None,
    rows: Iterable[Sequence[Flowable | str]],
    weights: Sequence[float],
    *,
    fit_columns: Iterable[int] = (),
    zebra: bool = True,
    extra_style: Iterable[tuple] = (),
) -> Table:
    """A large-print table across the page width.

    ``weights`` share the page width out between the columns. A column listed in
    ``fit_columns`` (short text such as a status or a phone number) is instead made
    just wide enough for its longest text on one line, up to a quarter of the page;
    the others share what is left. Strings become wrapped paragraphs; rows too tall
    for a page are split across pages rather than crashing; the header row repeats
    on every page.
    """
    rows = [list(row) for row in rows]
    fit = set(fit_columns)
    widths: list[float] = [0.0] * len(weights)
    for col in fit:
        texts = [row[col] for row in rows if isinstance(row[col], str)]
        natural = max(
            (text_width(_clean(t), FONT, STYLES["cell"].fontSize) for t in texts), default=0.0
        )
        if header is not None:
            natural = max(natural, text_width(header[col], FONT_BOLD, STYLES["cell_bold"].fontSize))
        widths[col] = min(natural + 2 * _CELL_PADDING + 2, CONTENT_WIDTH / 4)
    rest = CONTENT_WIDTH - sum(widths)
    total = float(sum(w for i, w in enumerate(weights) if i not in fit)) or 1.0
    for i, w in enumerate(weights):
        if i not in fit:
            widths[i] = rest * w / total
    data: list[list[Flowable]] = []
    if header is not None:
        data.append([para(h, "cell_bold") for h in header])
    for row in rows:
        data.append([para(c, "cell") if isinstance(c, str) else c for c in row])
    first = 1 if header is not None else 0
    style: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, BLACK),
        ("BOX", (0, 0), (-1, -1), 1, BLACK),
    ]
    if header is not None:
        style.append(("LINEBELOW", (0, 0), (-1, 0), 1.5, BLACK))
    if zebra:
        style.append(("ROWBACKGROUNDS", (0, first), (-1, -1), [colors.white, LIGHT_GREY]))
    style.extend(extra_style)
    return Table(
        data,
        colWidths=widths,
        repeatRows=first,
        splitInRow=1,
        style=table_style(style),
        hAlign="LEFT",
    )


def flowing(
    above: Sequence[Flowable],
    table: Table,
    after: Sequence[Flowable] = (),
    *,
    short: float = 0.4,
    first_rows: int = 3,
) -> list[Flowable]:
    """Headings, a table and what follows it: a table (with ``after``) of at most
    ``short`` of a page is kept whole on one page with its headings; a longer one starts
    on this page if its headings and ``first_rows`` rows fit here, and runs on over the next."""
    table.wrap(CONTENT_WIDTH, CONTENT_HEIGHT)
    rows: list[float] = list(table._rowHeights)

    def height(flowables: Iterable[Flowable]) -> float:
        return sum(
            f.wrap(CONTENT_WIDTH, CONTENT_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter()
            for f in flowables
        )

    whole = sum(rows) + height(after)
    needed = (
        whole if whole <= CONTENT_HEIGHT * short else sum(rows[: table.repeatRows + first_rows])
    )
    return [CondPageBreak(height(above) + needed + 2), *above, table, *after]


def boxed(
    content: Flowable | Sequence[Flowable],
    *,
    thickness: float = 1.5,
    padding: float = 8,
) -> Table:
    """Flowables in a black box across the page width (a notice, a banner, one block of
    a noticeboard). A box taller than a page is split across pages rather than crash."""
    cell = [content] if isinstance(content, Flowable) else list(content)
    return Table(
        [[cell]],
        colWidths=[CONTENT_WIDTH],
        splitInRow=1,
        style=table_style(
            [
                ("BOX", (0, 0), (-1, -1), thickness, BLACK),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), padding + 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding + 2),
                ("TOPPADDING", (0, 0), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), padding + 2),
            ]
        ),
        hAlign="LEFT",
    )


class TickBox(Flowable):
    """An empty square to tick by hand (default 14 mm, drawn with a thick black line)."""

    def __init__(self, size: float = 14 * mm, line_width: float = 1.5) -> None:
        super().__init__()
        self.size = size
        self.line_width = line_width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(BLACK)
        c.setLineWidth(self.line_width)
        half = self.line_width / 2
        c.rect(half, half, self.size - self.line_width, self.size - self.line_width)


class WriteOnLine(Flowable):
    """A line to write or sign on, as wide as the space it is given."""

    def __init__(self, height: float = 10 * mm, line_width: float = 1.0) -> None:
        super().__init__()
        self.height = height
        self.line_width = line_width
        self.width = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(BLACK)
        self.canv.setLineWidth(self.line_width)
        self.canv.line(0, self.line_width / 2, self.width, self.line_width / 2)


# ---------------------------------------------------------------------------
# Page furniture and building


def text_width(text: str, font_name: str, size: float) -> float:
    return sum(
        pdfmetrics.stringWidth(piece, name, size) for name, piece in font_runs(text, font_name)
    )


def fit_text(text: str, font_name: str, size: float, width: float) -> str:
    """The text, cut short with "…" if needed so it fits on one line of ``width``."""
    text = " ".join(_clean(text).split())
    if text_width(text, font_name, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        mid = (low + high + 1) // 2
        if text_width(text[:mid].rstrip() + "…", font_name, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"


def shorten(text: str, limit: int) -> str:
    """The text on one line, cut at a word (with "…") if it is longer than ``limit``
    characters, for a block that must stay within a fixed space."""
    text = " ".join(_clean(text).split())
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    if " " in cut[len(cut) // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def _draw_runs(canvas: Canvas, x: float, y: float, text: str, font_name: str, size: float) -> None:
    for name, piece in font_runs(text, font_name):
        canvas.setFont(name, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, name, size)


def _page_furniture(
    club_name: str, title: str, printed_on: date, page_size: tuple[float, float] = PAGE_SIZE
) -> Callable[[Canvas, int], None]:
    """Draw the header and footer of one page, once the page count is known."""
    size = FURNITURE_SIZE
    width, height = page_size
    content_width = width - 2 * MARGIN
    gap = 8 * mm
    title_text = fit_text(title, FONT, size, content_width * 0.6)
    title_width = text_width(title_text, FONT, size)
    club_text = fit_text(club_name, FONT_BOLD, size, content_width - title_width - gap)
    printed = f"Printed on {format_long_date(printed_on, weekday=False)}"

    def draw(canvas: Canvas, page_count: int) -> None:
        canvas.saveState()
        canvas.setFillColor(BLACK)
        canvas.setStrokeColor(BLACK)
        top = height - MARGIN - size
        _draw_runs(canvas, MARGIN, top, club_text, FONT_BOLD, size)
        _draw_runs(canvas, width - MARGIN - title_width, top, title_text, FONT, size)
        canvas.setLineWidth(1)
        canvas.line(MARGIN, top - 6, width - MARGIN, top - 6)
        footer = f"{printed} · Page {canvas.getPageNumber()} of {page_count}"
        footer_width = text_width(footer, FONT, size)
        _draw_runs(canvas, (width - footer_width) / 2, MARGIN, footer, FONT, size)
        canvas.restoreState()

    return draw


class _PageCountingCanvas(Canvas):
    """Holds pages back until the end so each footer can say "Page 2 of 5"."""

    def __init__(self, *args, furniture: Callable[[Canvas, int], None], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held_pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        count = len(self._held_pages)
        for state in self._held_pages:
            self.__dict__.update(state)
            self._furniture(self, count)
            super().showPage()
        super().save()


def build_pdf(
    story: Sequence[Flowable],
    *,
    club_name: str,
    title: str,
    printed_on: date,
    page_size: tuple[float, float] = PAGE_SIZE,
    initial_font_size: float | None = None,
) -> bytes:
    """Lay the story out on pages (A4 upright unless ``page_size`` says otherwise, e.g.
    ``landscape(A4)``) with the club's header and footer; return PDF bytes."""
    register_fonts()
    buffer = io.BytesIO()
    width, height = page_size
    frame = Frame(
        MARGIN,
        MARGIN + FOOTER_SPACE,
        width - 2 * MARGIN,
        height - 2 * MARGIN - HEADER_SPACE - FOOTER_SPACE,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc = BaseDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_SPACE,
        bottomMargin=MARGIN + FOOTER_SPACE,
        title=_clean(title),
        author=_clean(club_name),
        creator="clubapp",
        lang="en-GB",
        # start each page in our font, so the PDF names no unembedded Helvetica at all
        initialFontName=FONT,
        initialFontSize=initial_font_size or STYLES["body"].fontSize,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    furniture = _page_furniture(club_name, title, printed_on, page_size)

    def canvasmaker(*args, **kwargs) -> Canvas:
        return _PageCountingCanvas(*args, furniture=furniture, **kwargs)

    doc.build(list(story), canvasmaker=canvasmaker)
    return buffer.getvalue()

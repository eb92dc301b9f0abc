"""The cash book, for the independent examiner: every transaction in each money account,
by date, with the running balance.

Each account starts on a new page with its balance at the start, then one row per
transaction. A row reads as two lines: the date with the reference under it, who it
was paid to or came from with the bank's details under them, what it was for with the
fund under it (or beside it, in a column of its own); then money in, money out, the
balance after it, and a tick when it has been checked against a bank statement. A split
entry lists its parts beneath it when they are given. Then the totals, the balance at
the end, and the sum that proves them. The column headings repeat on every page. Names
wrap onto a second line rather than being cut short; only text too long even for that
ends with "…", so nothing prints over its neighbour.

The type is 14 pt, as in every printout, on landscape pages. The columns of words are
sized to the book's own words: of the widths tried, with the fund under what a line was
for or beside it, those that make a sample of its rows take the fewest lines. A club
whose grant's long name is on most lines gets a fund column of its own; one with long
bank details gets more room for those.

A year of 5,000 transactions must print in well under three seconds, which ReportLab's
tables and even its drawString cannot do (about 30 microseconds a cell), so every
row's height is worked out first, the pages (and "Page 2 of 240") follow from that, and
each page's shading, rules and text are written straight into its content stream in
three blocks.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.rl_accel import escapePDF
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from clubapp.printing.base import (
    FONT,
    FONT_BOLD,
    FURNITURE_SIZE,
    LIGHT_GREY,
    MARGIN,
    MONTH_NAMES,
    font_runs,
    format_long_date,
    plural,
    register_fonts,
)
from clubapp.printing.base import text_width as fallback_width
from clubapp.services.books import CashBook, EntryLine
from clubapp.services.money import pounds
from clubapp.services.years import Year

__all__ = [
    "PAGE_SIZE",
    "TITLE",
    "SplitPart",
    "cashbook_pdf",
    "figure_left",
    "figure_width",
    "short_date",
    "text_width",
    "wrap",
]

TITLE = "Cash book"
PAGE_SIZE = landscape(A4)
SIZE = 14  # the table's type: large print, as every printout
LEADING = 16
NOTE_SIZE = 14
NOTE_LEADING = 19
PAD_X = 4
PAD_Y = 2
_WIDTH, _HEIGHT = PAGE_SIZE
_LEFT = MARGIN
_RIGHT = _WIDTH - MARGIN
# The table comes closer to the header's rule and the footer than other printouts' text
# does (the header and footer are where they always are): 25 pt, a line and a half, more
# a page.
_TOP = _HEIGHT - MARGIN - FURNITURE_SIZE - 6 - 4 * mm  # where the story starts
_BOTTOM = MARGIN + FURNITURE_SIZE + 3 * mm  # and where it must end
_ROOM = _TOP - _BOTTOM


class SplitPart(NamedTuple):
    """One part of a split entry, as printed under it."""

    category: str
    fund: str
    amount_pence: int


# The columns. Most are headed by two lines: a row's first line, then what is under it.
# The fund is written under what a line was for, or, when a book's fund names are long
# and fit beside it better (a grant's long name on most lines), in a column of its own;
# then "What for" and "Fund" head a column each, and otherwise the fund's has no width.
DATE, WHO, WHAT, FUND, MONEY_IN, MONEY_OUT, BALANCE, TICKED = range(8)
MONEY = (MONEY_IN, MONEY_OUT, BALANCE)
HEADINGS: dict[int, tuple[str, ...]] = {
    DATE: ("Date", "Reference"),
    WHO: ("Who", "Details"),
    WHAT: ("What for", "Fund"),
    MONEY_IN: ("Money", "in £"),
    MONEY_OUT: ("Money", "out £"),
    BALANCE: ("Balance", "£"),
    TICKED: ("Ticked",),
}
# At most this many lines of each piece of text; beyond them it is cut short with "…".
REFERENCE_LINES = 2
PAYEE_LINES = 2
DETAILS_LINES = 3
WHAT_LINES = 2
FUND_LINES = 2


def short_date(day: date) -> str:
    """ "1 Apr 25": short, never read month-first; the heading gives the years in full."""
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year % 100:02d}"


# ---------------------------------------------------------------- measuring text

_CHAR_WIDTHS: dict[str, dict[str, float]] = {}


def _char_widths(font: str) -> dict[str, float]:
    """Each character's width at 1 pt, for the characters the font has."""
    widths = _CHAR_WIDTHS.get(font)
    if widths is None:
        register_fonts()
        face = pdfmetrics.getFont(font).face
        widths = {chr(code): width / 1000 for code, width in face.charWidths.items()}
        _CHAR_WIDTHS[font] = widths
    return widths


def text_width(text: str, font: str, size: float) -> float:
    """The printed width of the text: a look-up per character (a hundred thousand cells
    need it fast); text the font lacks is measured in its fallback fonts."""
    widths = _char_widths(font)
    try:
        return size * sum([widths[ch] for ch in text])
    except KeyError:
        return fallback_width(text, font, size)


@functools.lru_cache(maxsize=64)
def _pence_room(size: float) -> float:
    """The room kept right of every figure's point: the point and two of the widest
    digits in the wider of the two fonts, so bold totals line up with the rest too."""
    return size * max(
        widths["."] + 2 * max(widths[digit] for digit in "0123456789")
        for widths in (_char_widths(FONT), _char_widths(FONT_BOLD))
    )


def figure_width(text: str, font: str, size: float) -> float:
    """The room a figure such as "1,234.50" takes when its point is lined up."""
    return text_width(text.rpartition(".")[0], font, size) + _pence_room(size)


def figure_left(text: str, font: str, size: float, right: float) -> float:
    """Where a figure such as "1,234.50" starts so that its point sits at the same place
    as every other figure with the same ``right`` edge. (The font's digits are of
    different widths, so figures merely pushed to the right would not line up.)"""
    return right - figure_width(text, font, size)


def fit(text: str, font: str, size: float, width: float) -> str:
    """The text on one line, cut short with "…" if it would be wider than ``width``."""
    if text_width(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start that fits with the "…"
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _fitting_start(word: str, font: str, size: float, width: float) -> int:
    """How many characters of a word too wide for its line fit on it (at least one)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(word[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def wrap(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """The text in lines no wider than ``width``, at most ``max_lines`` of them; the
    last ends with "…" when the rest will not fit. A word wider than a line (a long
    reference) is broken. Line breaks and tabs become spaces."""
    text = " ".join(str(text).split())
    if not text or max_lines < 1:
        return []
    if text_width(text, font, size) <= width:
        return [text]  # nearly every cell: one measurement
    words = text.split(" ")
    lines: list[str] = []
    current = ""
    index = 0
    while index < len(words):
        word = words[index]
        trial = f"{current} {word}" if current else word
        if text_width(trial, font, size) <= width:
            current = trial
            index += 1
        elif len(lines) == max_lines - 1:  # the last line: all the rest, cut short
            return [*lines, fit(" ".join([trial, *words[index + 1 :]]), font, size, width)]
        elif current:
            lines.append(current)  # and try the word again on the next line
            current = ""
        else:
            cut = _fitting_start(word, font, size, width)
            lines.append(word[:cut])
            words[index] = word[cut:]
    return [*lines, current] if current else lines


# ---------------------------------------------------------------- the columns


@functools.lru_cache(maxsize=16384)
def _wrapped(text: str, room: float, most: int) -> tuple[str, ...]:
    """``wrap`` in the table's type, remembered: a book repeats its funds, categories
    and payees hundreds of times, and the widths are chosen by wrapping a sample often."""
    return tuple(wrap(text, FONT, SIZE, room, most))


def _details(line: EntryLine) -> str:
    """The bank's words, unless they only repeat who it was."""
    return line.description if line.description.strip() != line.payee.strip() else ""


class _Words(NamedTuple):
    """The words of a row of the table, and how many lines each may take."""

    date: str  # an entry's, over its reference; "" for a part of an entry
    reference: str
    who: tuple[tuple[str, int], ...]  # (words, most lines) under one another
    what: str
    fund: str


def _entry_words(line: EntryLine) -> _Words:
    who = ((line.payee, PAYEE_LINES), (_details(line), DETAILS_LINES))
    return _Words(short_date(line.on), line.reference, who, line.what, line.fund)


def _part_words(part: SplitPart) -> _Words:
    return _Words("", "", ((f"Part: {pounds(part.amount_pence)}", 1),), part.category, part.fund)


@dataclass(frozen=True)
class _Grid:
    """Where the columns are: column n runs from ``edges[n]`` to ``edges[n + 1]``."""

    edges: tuple[float, ...]

    def room(self, column: int) -> float:
        """The width of a column's text, inside its padding."""
        return self.edges[column + 1] - self.edges[column] - 2 * PAD_X

    @property
    def fund_apart(self) -> bool:
        return self.edges[FUND + 1] > self.edges[FUND]

    def headings(self) -> dict[int, tuple[str, ...]]:
        if not self.fund_apart:
            return HEADINGS
        return HEADINGS | {WHAT: ("What for",), FUND: ("Fund",)}

    def cells(self, words: _Words) -> dict[int, list[str]]:
        """A row's lines of words, column by column, in the order they are read."""
        who = self.room(WHO)
        cells: dict[int, list[str]] = {}
        if words.date:
            reference = _wrapped(words.reference, self.room(DATE), REFERENCE_LINES)
            cells[DATE] = [words.date, *reference]
        cells[WHO] = [line for text, most in words.who for line in _wrapped(text, who, most)]
        fund_column = FUND if self.fund_apart else WHAT
        cells[WHAT] = list(_wrapped(words.what, self.room(WHAT), WHAT_LINES))
        fund = list(_wrapped(words.fund, self.room(fund_column), FUND_LINES))
        cells[fund_column] = cells.get(fund_column, []) + fund
        return cells


def _lines_taken(cells: Mapping[int, Sequence[str]]) -> int:
    return max(1, *(len(lines) for lines in cells.values()))


_CUT_COST = 4  # a name cut short with "…" counts as this many lines more: wrap it instead
_LEAST_WHO = 170.0  # room for the bank's details, whatever the other columns want
_LEAST_WHAT = 110.0
_STEP = 12.0  # between the widths tried
_SAMPLE = 150  # lines of the books the widths are tried on: enough to be typical, quick


class _Tally:
    """How many lines (and lines cut short) a sample of rows takes in each column at a
    given width, worked out once per width, so that many grids can be tried quickly."""

    def __init__(self, sample: Sequence[_Words]) -> None:
        self.sample = sample
        self.known: dict[tuple[str, float], list[tuple[int, int]]] = {}

    def column(self, kind: str, width: float) -> list[tuple[int, int]]:
        key = (kind, round(width, 1))
        found = self.known.get(key)
        if found is None:
            room = width - 2 * PAD_X
            found = self.known[key] = [self._count(kind, words, room) for words in self.sample]
        return found

    @staticmethod
    def _count(kind: str, words: _Words, room: float) -> tuple[int, int]:
        if kind == "date":
            pieces = [(words.reference, REFERENCE_LINES)]
        elif kind == "who":
            pieces = list(words.who)
        elif kind == "what":
            pieces = [(words.what, WHAT_LINES)]
        elif kind == "fund":
            pieces = [(words.fund, FUND_LINES)]
        else:  # the fund under what it was for
            pieces = [(words.what, WHAT_LINES), (words.fund, FUND_LINES)]
        lines = [line for text, most in pieces for line in _wrapped(text, room, most)]
        dated = kind == "date" and bool(words.date)
        return len(lines) + dated, sum(line.endswith("…") for line in lines)

    def cost(self, grid: _Grid) -> int:
        """The lines the sample takes in this grid, and more for every name cut short."""
        width = [grid.edges[n + 1] - grid.edges[n] for n in range(len(grid.edges) - 1)]
        columns = [
            self.column("date", width[DATE]),
            self.column("who", width[WHO]),
        ]
        if grid.fund_apart:
            columns += [self.column("what", width[WHAT]), self.column("fund", width[FUND])]
        else:
            columns.append(self.column("what and fund", width[WHAT]))
        total = 0
        for row in zip(*columns, strict=True):
            total += max(1, *(lines for lines, _ in row)) + _CUT_COST * sum(cut for _, cut in row)
        return total


def _widest(values: Iterable[int], font: str) -> float:
    return max((figure_width(pounds(v, symbol=False), font, SIZE) for v in set(values)), default=0)


def _money_widths(books: Sequence[CashBook]) -> tuple[float, float, float]:
    """Money in, money out and the balance: each as wide as its widest figure (bold for
    the totals and balances at the start and end) or its heading. A figure wider than a
    column is ever made (tens of millions of pounds) is printed smaller."""
    lines = [line for book in books for line in book.lines]
    totals = [_totals(book) for book in books]
    needed = (
        max(
            _widest((r.signed_pence for r in lines if r.signed_pence > 0), FONT),
            _widest((money_in for money_in, _ in totals), FONT_BOLD),
        ),
        max(
            _widest((-r.signed_pence for r in lines if r.signed_pence < 0), FONT),
            _widest((money_out for _, money_out in totals), FONT_BOLD),
        ),
        max(
            _widest((r.balance_pence or 0 for r in lines), FONT),
            _widest((p for b in books for p in (b.opening_pence, b.closing_pence)), FONT_BOLD),
        ),
    )
    widths = []
    for column, figures in zip(MONEY, needed, strict=True):
        word = max(text_width(words, FONT_BOLD, SIZE) for words in HEADINGS[column])
        widths.append(min(max(figures, word) + 2 * PAD_X + 1, 100.0))
    return widths[0], widths[1], widths[2]


def _widest_text(texts: Iterable[str]) -> float:
    return max((text_width(text, FONT, SIZE) for text in texts), default=0.0)


def _grid(books: Sequence[CashBook], parts: Mapping[int, Sequence[SplitPart]]) -> _Grid:
    """The columns for these books: the money and the tick as wide as they need; and of
    the widths tried for the columns of words, with the fund under what a line was for
    or beside it, those that make a sample of the rows take the fewest lines (with the
    widest room for the details among equals)."""
    money = _money_widths(books)
    ticked = text_width(HEADINGS[TICKED][0], FONT_BOLD, SIZE) + 2 * PAD_X + 2
    words = _RIGHT - _LEFT - sum(money) - ticked
    lines = [line for book in books for line in book.lines]
    days = {line.on for line in lines} | {d for b in books for d in (b.starts, b.ends)}
    date_least = max(
        _widest_text(short_date(day) for day in days),
        text_width(HEADINGS[DATE][1], FONT_BOLD, SIZE),
    )
    date_least += 2 * PAD_X
    sample: list[_Words] = []
    for line in lines[:: max(1, len(lines) // _SAMPLE)]:
        sample.append(_entry_words(line))
        sample += [_part_words(part) for part in parts.get(line.entry_id, ())]
    tally = _Tally(sample)
    widest_reference = _widest_text(w.reference for w in sample)
    widest_what = _widest_text(w.what for w in sample)
    widest_fund = _widest_text(w.fund for w in sample)
    grids = []
    for date_width in _widths_to_try(date_least, widest_reference, 4):
        for what_width in _widths_to_try(_LEAST_WHAT, max(widest_what, widest_fund), 20):
            who = words - date_width - what_width
            if who >= _LEAST_WHO:
                grids.append(_grid_of(date_width, who, what_width, 0, money))
        for what_width in _widths_to_try(_LEAST_WHAT, widest_what, 10):
            for fund_width in _widths_to_try(_LEAST_WHAT, widest_fund, 12):
                who = words - date_width - what_width - fund_width
                if who >= _LEAST_WHO:
                    grids.append(_grid_of(date_width, who, what_width, fund_width, money))
    if not grids:  # room for nothing but the least of each
        return _grid_of(date_least, words - date_least - _LEAST_WHAT, _LEAST_WHAT, 0, money)
    return min(grids, key=lambda grid: (tally.cost(grid), -grid.room(WHO)))


def _widths_to_try(least: float, widest_text: float, most: int) -> list[float]:
    """From ``least`` up in steps, while the step before was too narrow for the widest
    text: wider still would only waste room."""
    widths = [least]
    while len(widths) < most and widths[-1] < widest_text + 2 * PAD_X:
        widths.append(widths[-1] + _STEP)
    return widths


def _grid_of(
    date_width: float, who: float, what: float, fund: float, money: tuple[float, float, float]
) -> _Grid:
    """The columns of these widths, from the left margin; the tick's takes the rest."""
    edges = [_LEFT]
    for width in (date_width, who, what, fund, *money):
        edges.append(edges[-1] + width)
    return _Grid((*edges, _RIGHT))


# ---------------------------------------------------------------- writing a page


_SHADE = f"{LIGHT_GREY.red:.4f} g"  # a grey: red, green and blue are the same


class _Writer:
    """A page's drawing, gathered and then written into its content stream as plain PDF
    operators: the shading first, then the rules, then the text on top.

    Text goes through the font's subsets and escaping as ReportLab's own text objects
    do, but once per different piece of text rather than once per cell."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.doc = canvas._doc  # the document the font subsets are counted in
        self.shown: dict[tuple[str, str, float], str] = {}
        self.shading: list[str] = []
        self.rules: list[str] = []
        self.texts: list[str] = []

    def _show(self, text: str, font: str, size: float) -> str:
        parts = []
        for name, piece in font_runs(text, font):
            ttf = pdfmetrics.getFont(name)
            for subset, chunk in ttf.splitString(piece, self.doc):
                internal = ttf.getSubsetInternalName(subset, self.doc)
                parts.append(f"{internal} {size:.2f} Tf ({escapePDF(chunk)}) Tj")
        return " ".join(parts)

    def text(self, x: float, y: float, text: str, font: str, size: float) -> None:
        key = (text, font, size)
        shown = self.shown.get(key)
        if shown is None:
            shown = self.shown[key] = self._show(text, font, size)
        if shown:
            self.texts.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm {shown}")

    def right(self, x: float, y: float, text: str, font: str, size: float) -> None:
        self.text(x - text_width(text, font, size), y, text, font, size)

    def shade(self, x: float, y: float, width: float, height: float) -> None:
        self.shading.append(f"{x:.2f} {y:.2f} {width:.2f} {height:.2f} re")

    def line(self, x1: float, y1: float, x2: float, y2: float, thickness: float) -> None:
        self.rules.append(f"{thickness:.2f} w {x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l S")

    def box(self, x: float, y: float, width: float, height: float, thickness: float) -> None:
        self.rules.append(f"{thickness:.2f} w {x:.2f} {y:.2f} {width:.2f} {height:.2f} re S")

    def tick(self, middle: float, base: float) -> None:
        """A drawn tick (the font has none)."""
        self.rules.append(
            f"1.80 w {middle - 6:.2f} {base + 4.5:.2f} m {middle - 1.5:.2f} {base:.2f} l "
            f"{middle + 7:.2f} {base + 10:.2f} l S"
        )

    def flush(self) -> None:
        """Put the page's drawing on the page and start afresh for the next."""
        ops: list[str] = []
        if self.shading:
            ops += ["q", _SHADE, *self.shading, "f Q"]
        if self.rules:
            ops += ["q 0 G 1 J 1 j", *self.rules, "Q"]
        if self.texts:
            ops += ["q 0 g BT", *self.texts, "ET Q"]
        if ops:
            self.canvas.addLiteral("\n".join(ops))
        self.shading, self.rules, self.texts = [], [], []


# ---------------------------------------------------------------- rows


class _Text(NamedTuple):
    x: float  # the left edge, or the right edge when ``right``
    dy: float  # the baseline, down from the top of the row
    text: str
    font: str
    size: float
    right: bool


@dataclass
class _Row:
    height: float
    texts: list[_Text]
    shade: bool = False
    tick: bool = False
    rule_above: float = 0.0  # a line across the top of the row this thick (0: none)


def _baseline(line: int = 0) -> float:
    return PAD_Y + SIZE * 0.95 + line * LEADING


def _height(lines: int) -> float:
    return 2 * PAD_Y + max(lines, 1) * LEADING + 1


def _cell(grid: _Grid, column: int, lines: Sequence[str], font: str = FONT) -> list[_Text]:
    x = grid.edges[column] + PAD_X
    return [_Text(x, _baseline(n), line, font, SIZE, False) for n, line in enumerate(lines)]


def _cells(grid: _Grid, cells: Mapping[int, Sequence[str]]) -> list[_Text]:
    return [t for column, lines in cells.items() for t in _cell(grid, column, lines)]


def _money(grid: _Grid, column: int, pence: int | None, font: str = FONT) -> list[_Text]:
    """A figure with its point lined up with the others in its column; a figure too wide
    for the column is printed smaller rather than over the next one."""
    if pence is None:
        return []
    text = pounds(pence, symbol=False)
    room = grid.room(column)
    width = figure_width(text, font, SIZE)
    size = SIZE * room / width if width > room else SIZE
    right = grid.edges[column + 1] - PAD_X
    return [_Text(figure_left(text, font, size, right), _baseline(), text, font, size, False)]


def _header_row(grid: _Grid) -> _Row:
    texts: list[_Text] = []
    for column, heading in grid.headings().items():
        lines = [fit(words, FONT_BOLD, SIZE, grid.room(column)) for words in heading]
        cell = _cell(grid, column, lines, FONT_BOLD)
        if column in MONEY:  # over their figures, to the right
            cell = [t._replace(x=grid.edges[column + 1] - PAD_X, right=True) for t in cell]
        texts += cell
    return _Row(_height(2), texts, shade=True)


def _entry_row(grid: _Grid, line: EntryLine, shade: bool) -> _Row:
    cells = grid.cells(_entry_words(line))
    texts = _cells(grid, cells)
    texts += _money(grid, MONEY_IN, line.signed_pence if line.signed_pence > 0 else None)
    texts += _money(grid, MONEY_OUT, -line.signed_pence if line.signed_pence < 0 else None)
    texts += _money(grid, BALANCE, line.balance_pence)
    return _Row(_height(_lines_taken(cells)), texts, shade=shade, tick=line.reconciled)


def _part_row(grid: _Grid, part: SplitPart, shade: bool) -> _Row:
    """A part of a split entry, under it: how much, what for and from which fund."""
    cells = grid.cells(_part_words(part))
    return _Row(_height(_lines_taken(cells)), _cells(grid, cells), shade=shade)


def _balance_row(grid: _Grid, words: str, day: date, pence: int) -> _Row:
    texts = _cell(grid, DATE, [short_date(day)]) + _cell(grid, WHO, [words], FONT_BOLD)
    return _Row(_height(1), texts + _money(grid, BALANCE, pence, FONT_BOLD))


def _totals_row(grid: _Grid, money_in: int, money_out: int) -> _Row:
    words = wrap("Total money in and out", FONT_BOLD, SIZE, grid.room(WHO), 2)
    texts = _cell(grid, WHO, words, FONT_BOLD)
    texts += _money(grid, MONEY_IN, money_in, FONT_BOLD)
    texts += _money(grid, MONEY_OUT, money_out, FONT_BOLD)
    return _Row(_height(len(words)), texts, rule_above=1.5)


# ---------------------------------------------------------------- one account


def _notes(book: CashBook, money_in: int, money_out: int) -> list[str]:
    """The sentences under an account's table: the sum, the ticks, anything unsorted."""
    notes: list[str] = []
    if not book.lines:
        notes.append("Nothing went in or out of this account in these dates.")
    worked_out = book.opening_pence + money_in - money_out
    notes.append(
        f"Balance at the start {pounds(book.opening_pence)}, plus money in "
        f"{pounds(money_in)}, less money out {pounds(money_out)}, "
        f"gives the balance at the end: {pounds(worked_out)}."
    )
    if worked_out != book.closing_pence:
        notes.append(
            f"These figures do not add up: the books give {pounds(book.closing_pence)} at "
            f"the end, {pounds(book.closing_pence - worked_out)} different. "
            "Please check the books before the cash book is examined."
        )
    if book.lines and book.kind != "cash":  # cash has no bank statement to tick against
        ticked = sum(1 for line in book.lines if line.reconciled)
        notes.append(
            f"{ticked} of {plural(len(book.lines), 'line', 'lines')} ticked as checked "
            "against a bank statement."
        )
    waiting = sum(1 for line in book.lines if line.to_sort)
    if waiting:
        notes.append(
            f"{plural(waiting, 'line is', 'lines are')} still waiting to be sorted into a "
            "category and a fund (they say “To sort”)."
        )
    return notes


def _totals(book: CashBook) -> tuple[int, int]:
    """(money in, money out) of the account, both positive."""
    money_in = sum(line.signed_pence for line in book.lines if line.signed_pence > 0)
    money_out = -sum(line.signed_pence for line in book.lines if line.signed_pence < 0)
    return money_in, money_out


def _blocks(
    grid: _Grid, book: CashBook, parts: Mapping[int, Sequence[SplitPart]]
) -> list[list[_Row]]:
    """The account's rows in blocks: an entry with its parts, the totals with the
    balance at the end."""
    money_in, money_out = _totals(book)
    blocks = [[_balance_row(grid, "Balance at the start", book.starts, book.opening_pence)]]
    for number, line in enumerate(book.lines):
        shade = number % 2 == 0
        blocks.append(
            [_entry_row(grid, line, shade)]
            + [_part_row(grid, part, shade) for part in parts.get(line.entry_id, ())]
        )
    blocks.append(
        [
            _totals_row(grid, money_in, money_out),
            _balance_row(grid, "Balance at the end", book.ends, book.closing_pence),
        ]
    )
    return blocks


# ---------------------------------------------------------------- pages


@dataclass
class _Page:
    title: str  # the header's right-hand words
    heading: list[tuple[str, str, float, float]] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)  # under the repeated column headings
    notes: list[str] = field(default_factory=list)  # lines of the notes, already wrapped


def _heading(title: str, starts: date, ends: date) -> list[tuple[str, str, float, float]]:
    """The account's name (or the cash book's title) and the dates, at the top of its
    first page: (text, font, size, line height) for each line."""
    width = _RIGHT - _LEFT
    dates = (
        f"All the money in and out, {format_long_date(starts, weekday=False)} "
        f"to {format_long_date(ends, weekday=False)}"
    )
    return [
        (fit(" ".join(title.split()), FONT_BOLD, 18, width), FONT_BOLD, 18.0, 23.0),
        (fit(dates, FONT, NOTE_SIZE, width), FONT, float(NOTE_SIZE), float(NOTE_LEADING)),
    ]


_HEADING_GAP = 6
_NOTES_GAP = 8


class _Layout:
    """Rows onto pages: a new page when the next block will not fit on this one."""

    def __init__(self, header: _Row) -> None:
        self.pages: list[_Page] = []
        self.header_height = header.height
        self.used = 0.0

    def new_page(self, title: str, *, table: bool = True) -> _Page:
        self.pages.append(_Page(title))
        self.used = self.header_height if table else 0.0
        return self.pages[-1]

    def account(self, title: str, book: CashBook, blocks: list[list[_Row]]) -> None:
        page = self.new_page(title)
        page.heading = _heading(book.account, book.starts, book.ends)
        self.used += sum(line[3] for line in page.heading) + _HEADING_GAP
        for block in blocks:
            # A block's first two rows stay together (an entry and its first part, the
            # totals and the balance at the end); an entry's other parts may go over the
            # page rather than leave a gap the height of them all.
            if self.used + sum(row.height for row in block[:2]) > _ROOM and page.rows:
                page = self.new_page(title)
            for row in block:
                if self.used + row.height > _ROOM and page.rows:
                    page = self.new_page(title)
                page.rows.append(row)
                self.used += row.height

    def notes(self, title: str, lines: list[str]) -> None:
        page = self.pages[-1]
        if self.used + _NOTES_GAP + len(lines) * NOTE_LEADING > _ROOM:
            page = self.new_page(title, table=False)
        page.notes = lines


def _paginate(
    year: Year,
    books: Sequence[CashBook],
    parts: Mapping[int, Sequence[SplitPart]],
    grid: _Grid,
    header: _Row,
) -> list[_Page]:
    layout = _Layout(header)
    if not books:
        page = layout.new_page(f"{TITLE} {year.name}", table=False)
        page.heading = _heading(f"{TITLE} {year.name}", year.starts, year.ends)
        page.notes = ["There are no money accounts to show."]
    for book in books:
        title = f"{TITLE} {year.name}: {' '.join(book.account.split())}"
        layout.account(title, book, _blocks(grid, book, parts))
        notes = [
            line
            for sentence in _notes(book, *_totals(book))
            for line in wrap(sentence, FONT, NOTE_SIZE, _RIGHT - _LEFT, 6)
        ]
        layout.notes(title, notes)
    return layout.pages


# ---------------------------------------------------------------- drawing


def _draw_furniture(
    writer: _Writer, club_name: str, title: str, printed: str, number: int, count: int
) -> None:
    """The same header and footer as every other printout, on a landscape page."""
    size = FURNITURE_SIZE
    title_text = fit(title, FONT, size, (_RIGHT - _LEFT) * 0.6)
    title_width = text_width(title_text, FONT, size)
    club = " ".join(club_name.split())
    club_text = fit(club, FONT_BOLD, size, _RIGHT - _LEFT - title_width - 24)
    top = _HEIGHT - MARGIN - size
    writer.text(_LEFT, top, club_text, FONT_BOLD, size)
    writer.text(_RIGHT - title_width, top, title_text, FONT, size)
    writer.line(_LEFT, top - 6, _RIGHT, top - 6, 1)
    footer = f"{printed} · Page {number} of {count}"
    writer.text((_WIDTH - text_width(footer, FONT, size)) / 2, MARGIN, footer, FONT, size)


def _draw_row(writer: _Writer, grid: _Grid, row: _Row, top: float) -> None:
    if row.shade:
        writer.shade(_LEFT, top - row.height, _RIGHT - _LEFT, row.height)
    if row.rule_above:
        writer.line(_LEFT, top, _RIGHT, top, row.rule_above)
    for t in row.texts:
        if t.right:
            writer.right(t.x, top - t.dy, t.text, t.font, t.size)
        else:
            writer.text(t.x, top - t.dy, t.text, t.font, t.size)
    if row.tick:
        writer.tick((grid.edges[TICKED] + grid.edges[TICKED + 1]) / 2, top - _baseline())


def _draw_page(writer: _Writer, grid: _Grid, page: _Page, header: _Row) -> None:
    y = _TOP
    for text, font, size, leading in page.heading:
        writer.text(_LEFT, y - size, text, font, size)
        y -= leading
    if page.heading:
        y -= _HEADING_GAP
    if page.rows:
        table_top = y
        _draw_row(writer, grid, header, y)
        y -= header.height
        writer.line(_LEFT, y, _RIGHT, y, 1.5)
        for row in page.rows:
            _draw_row(writer, grid, row, y)
            y -= row.height
        for x in sorted(set(grid.edges[1:-1])):  # the column rules and a box round the table
            writer.line(x, table_top, x, y, 0.5)
        writer.box(_LEFT, y, _RIGHT - _LEFT, table_top - y, 1)
    if page.notes:
        y -= _NOTES_GAP
        for line in page.notes:
            writer.text(_LEFT, y - NOTE_SIZE, line, FONT, NOTE_SIZE)
            y -= NOTE_LEADING


def cashbook_pdf(
    club_name: str,
    year: Year,
    books: Sequence[CashBook],
    printed_on: date,
    *,
    parts: Mapping[int, Sequence[SplitPart]] | None = None,
) -> bytes:
    """The cash book of each money account in ``books``, each from a new page.

    ``parts`` gives, by entry id, the parts of split entries to list under them (a cash
    book line says only "Split in 2 parts")."""
    register_fonts()
    parts = parts or {}
    grid = _grid(books, parts)
    header = _header_row(grid)
    pages = _paginate(year, books, parts, grid, header)
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=PAGE_SIZE,
        initialFontName=FONT,  # so the PDF names no unembedded Helvetica at all
        initialFontSize=SIZE,
        lang="en-GB",
    )
    canvas.setTitle(f"{TITLE} {year.name}")
    canvas.setAuthor(" ".join(club_name.split()))
    canvas.setCreator("clubapp")
    writer = _Writer(canvas)
    printed = f"Printed on {format_long_date(printed_on, weekday=False)}"
    for number, page in enumerate(pages, start=1):
        _draw_furniture(writer, club_name, page.title, printed, number, len(pages))
        _draw_page(writer, grid, page, header)
        writer.flush()
        canvas.showPage()
    # The compressed pages are also written as ASCII by default, which on its own takes
    # longer than everything else; binary streams are just as good a PDF.
    ascii_streams = rl_config.useA85
    rl_config.useA85 = 0
    try:
        canvas.save()
    finally:
        rl_config.useA85 = ascii_streams
    return buffer.getvalue()

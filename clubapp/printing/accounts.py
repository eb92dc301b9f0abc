"""The year's accounts as the Charity Commission asks for them (form CC16): the receipts
and payments account (section A) and the statement of assets and liabilities at the
year end (section B), with space for the trustees to sign.

A pure function from the figures worked out by ``services.accounts_report`` to PDF
bytes. The pages are A4 landscape: five columns of money beside a line's words do not
fit across a portrait page in 14 pt print; the words wrap in the room the figures leave.
A page never ends just under a part's heading (it keeps its first three lines, or all
of a short part) nor starts with a total, and the closing block, from the total payments
to this year's cash, is never split. Figures are drawn with every digit the same width,
right-aligned, so the decimal points line up down each column (the bundled font's own
digits are of different widths). Payments and figures below nothing are in brackets,
nothing is "-", as accounts are printed.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
)

from clubapp.printing.base import (
    BLACK,
    FONT,
    FONT_BOLD,
    FOOTER_SPACE,
    HEADER_SPACE,
    MARGIN,
    STYLES,
    WriteOnLine,
    build_pdf,
    format_long_date,
    para,
    register_fonts,
    table_style,
)
from clubapp.services.accounts_report import COLUMN_WORDS, COLUMNS
from clubapp.services.money import accounts_figure

if TYPE_CHECKING:
    from clubapp.services.accounts_report import (
        AssetItem,
        AssetsStatement,
        ReceiptsAndPayments,
        Row,
    )

__all__ = ["FIGURE_SIZE", "PAGE_SIZE", "accounts_pdf", "figure_width"]

PAGE_SIZE = landscape(A4)
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN
CONTENT_HEIGHT = PAGE_SIZE[1] - 2 * MARGIN - HEADER_SPACE - FOOTER_SPACE

FIGURE_SIZE = 14  # figures and the words beside them: large print, as every printout
_LEADING = 16.5
_PAD = 5  # left and right padding of every cell
_TOP_PAD = 1.5
_BOTTOM_PAD = 2.5
_ZEBRA = colors.HexColor("#F0F0F0")  # black on this is over 18:1

_LABEL = ParagraphStyle(
    "accounts_label", parent=STYLES["cell"], fontSize=FIGURE_SIZE, leading=_LEADING
)
_LABEL_BOLD = ParagraphStyle("accounts_label_bold", parent=_LABEL, fontName=FONT_BOLD)
_HEAD = ParagraphStyle("accounts_head", parent=_LABEL_BOLD, alignment=TA_RIGHT)
# Kept with what follows by a CondPageBreak, not keepWithNext: that would push a long
# table whole onto the next page, leaving this one half empty.
_HEADING = ParagraphStyle("accounts_heading", parent=STYLES["heading"], keepWithNext=0)

_TITLE = "Receipts and payments accounts"
_DRAFT = "Draft: this year is not closed, so these figures can still change."
_SIGN_ROWS = 2  # one or two trustees sign on behalf of all of them
# Section B's words for a line the treasurer gave no fund: it is unrestricted money.
_NO_FUND = "Unrestricted (the club's own money)"


# ---------------------------------------------------------------- figures


@functools.lru_cache(maxsize=64)
def _slot(ch: str, size: float) -> float:
    """The space a character of a figure is given, the same in bold and regular type:
    every digit gets the widest digit's space, so figures line up exactly."""
    register_fonts()
    chars = "0123456789" if ch.isdigit() else ch
    return max(pdfmetrics.stringWidth(c, f, size) for c in chars for f in (FONT, FONT_BOLD))


def _bracket(size: float) -> float:
    return _slot(")", size)


def figure_width(text: str, *, size: float = FIGURE_SIZE) -> float:
    """The width a figure takes, with room for a closing bracket when it has none, so
    that figures in and out of brackets line up."""
    width = sum(_slot(ch, size) for ch in text)
    return width if text.endswith(")") else width + _bracket(size)


class _Figure(Flowable):
    """One figure, right-aligned in its cell on the same baseline as the words beside
    it, with equal-width digits. Drawn as one piece of text (character spacing makes
    the digits equal), so it reads back from the PDF as it looks."""

    def __init__(self, text: str, *, bold: bool = False) -> None:
        super().__init__()
        self.text = text
        self.font = FONT_BOLD if bold else FONT
        self.width = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, _LEADING

    def draw(self) -> None:
        size = FIGURE_SIZE
        x = self.width - figure_width(self.text, size=size)
        # Centre each glyph in its space: half the spare room before, half after.
        halves = [
            (_slot(ch, size) - pdfmetrics.stringWidth(ch, self.font, size)) / 2 for ch in self.text
        ]
        text = self.canv.beginText(x + halves[0], _LEADING - size)
        text.setFont(self.font, size)
        text.setFillColor(BLACK)
        for n, ch in enumerate(self.text):
            following = halves[n + 1] if n + 1 < len(halves) else 0.0
            text.setCharSpace(halves[n] + following)
            text.textOut(ch)
        text.setCharSpace(0)
        self.canv.drawText(text)


def _money_words(pence: int, nearest_pound: bool) -> str:
    """A sum in a sentence: "£1,234.50", "-£12", to the nearest pound when asked."""
    whole, part = divmod(abs(pence), 100)
    sign = "-" if pence < 0 else ""
    return f"{sign}£{whole:,}" if nearest_pound else f"{sign}£{whole:,}.{part:02d}"


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)
class _Line:
    """One row of a table: a section code ("A1" or ""), the words, the figures (None:
    a heading with its lines below), and how it looks."""

    code: str
    words: str
    values: tuple[int | None, ...] | None  # None in a cell: left empty
    look: str = "line"  # line, heading, total, final, or note (words across the row)
    fund: str = ""  # section B: the fund the line belongs to
    keep_next: bool = False  # never part it from the row below by a page break


def _code_width() -> float:
    return pdfmetrics.stringWidth("A6", FONT_BOLD, FIGURE_SIZE) + 2 * _PAD


def _money_width(texts: Sequence[str], headings: Sequence[str]) -> float:
    """Wide enough for every figure and the longest word of every heading."""
    widest = max((figure_width(t) for t in texts), default=0.0)
    words = [w for h in headings for w in h.split()]
    longest = max(pdfmetrics.stringWidth(w, FONT_BOLD, FIGURE_SIZE) for w in words)
    return max(widest, longest) + 2 * _PAD + 2


def _texts(lines: Sequence[_Line], nearest_pound: bool) -> list[str]:
    return [
        accounts_figure(v, nearest_pound=nearest_pound)
        for line in lines
        if line.values is not None
        for v in line.values
        if v is not None
    ]


# How a page break may fall in a table: never just below a part's heading (it keeps its
# first few lines, or the whole part when it is short), never just above a total, and
# never inside a run of lines marked ``keep_next`` (the closing block of section A).
_HEADING_KEEPS = 3
_SHORT_PART = 4


def _bonds(lines: Sequence[_Line]) -> list[bool]:
    """For each line, whether it must stay on the same page as the line below it."""
    bonds = [line.keep_next for line in lines]
    for n, line in enumerate(lines):
        if line.values is None:  # a heading with its lines below
            count = 0
            while n + 1 + count < len(lines) and lines[n + 1 + count].look == "line":
                count += 1
            kept = count if count <= _SHORT_PART else _HEADING_KEEPS
            for k in range(n, n + kept):
                bonds[k] = True
        if n + 1 < len(lines) and lines[n + 1].look in ("total", "final", "note"):
            bonds[n] = True
    return bonds


def _kept_runs(
    bonds: Sequence[bool], heights: Sequence[float], longest: float
) -> list[tuple[int, int]]:
    """The runs of lines (first, last) to keep on one page, each cut short where it
    would grow past ``longest``, so that a table always fits its pages."""
    runs: list[tuple[int, int]] = []
    first, height = 0, heights[0] if heights else 0.0
    for n in range(1, len(heights) + 1):
        if n < len(heights) and bonds[n - 1] and height + heights[n] <= longest:
            height += heights[n]
            continue
        if n - 1 > first:
            runs.append((first, n - 1))
        if n < len(heights):
            first, height = n, heights[n]
    return runs


class _Kept(Table):
    """A table with page breaks only where :func:`_bonds` allows them. ``first_height``
    is the height of its headings and its first run kept together: what must fit
    below the section's heading for the heading not to be left alone on a page."""

    first_height = 0.0


def _table(
    lines: Sequence[_Line],
    headings: Sequence[str],
    word_widths: Sequence[float],
    money_width: float,
    nearest_pound: bool,
    *,
    last_year_rule: bool = False,
) -> _Kept:
    """The code column, one or two columns of words, then the money columns; the
    heading row ("Unrestricted funds £") repeats on every page."""
    words = len(word_widths)
    money = len(headings)
    first_money = 1 + words
    data: list[list[Flowable | str]] = [
        # The "£" is never on a line of its own: "Unrestricted" over "funds £".
        ["", *[""] * words, *[para(f"{h}\u00a0£", _HEAD) for h in headings]],
    ]
    if words == 2:
        data[0][2] = para("Fund it belongs to", _LABEL_BOLD)
        data[0][1] = para("Details", _LABEL_BOLD)
    style: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), _TOP_PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _BOTTOM_PAD),
        ("BOX", (0, 0), (-1, -1), 1, BLACK),
        ("LINEBELOW", (0, 0), (-1, 0), 1.5, BLACK),
    ]
    if last_year_rule:
        style.append(("LINEBEFORE", (-1, 0), (-1, -1), 1.5, BLACK))
    for line in lines:
        row = len(data)
        if line.look == "note":
            data.append(["", para(line.words, _LABEL), *[""] * (words - 1 + money)])
            style.append(("SPAN", (1, row), (-1, row)))
            continue
        bold = line.look != "line"
        label_style = _LABEL_BOLD if bold else _LABEL
        cells: list[Flowable | str] = [para(line.code, _LABEL_BOLD), para(line.words, label_style)]
        if words == 2:
            cells.append(para(line.fund, _LABEL))
        if line.values is None:
            cells.extend([""] * money)
        else:
            figure_bold = line.look in ("total", "final")
            cells.extend(
                _Figure(accounts_figure(v, nearest_pound=nearest_pound), bold=figure_bold)
                if v is not None
                else ""
                for v in line.values
            )
        data.append(cells)
        if words == 2 and not line.fund:
            # A heading or a total belongs to no one fund: its words take both columns.
            style.append(("SPAN", (1, row), (2, row)))
        if row % 2:
            style.append(("BACKGROUND", (0, row), (-1, row), _ZEBRA))
        if line.look in ("total", "final"):
            style.append(("LINEABOVE", (first_money, row), (-1, row), 1, BLACK))
        if line.look == "final":
            # The usual double rule under a final balance.
            style.append(
                ("LINEBELOW", (first_money, row), (-1, row), 0.75, BLACK, None, None, None, 2, 2)
            )
        if line.look == "heading" and line.code and row > 1:
            style.append(("LINEABOVE", (0, row), (-1, row), 1, BLACK))
    widths = [_code_width(), *word_widths, *[money_width] * money]
    table = _Kept(
        data,
        colWidths=widths,
        repeatRows=1,
        # Rows are never split: a split row would leave its figures on one page and
        # the rest of its words on the next (no row here comes near a page's height).
        splitInRow=0,
        style=table_style(style),
        hAlign="LEFT",
    )
    # The rows' heights, once their words are wrapped, say how long each run kept
    # together is.
    table.wrap(CONTENT_WIDTH, CONTENT_HEIGHT)
    heights = table._rowHeights
    # No run may be taller than most of a page under the repeated headings.
    runs = _kept_runs(_bonds(lines), heights[1:], 0.9 * (CONTENT_HEIGHT - heights[0]))
    table.setStyle([("NOSPLIT", (0, 1 + first), (-1, 1 + last)) for first, last in runs])
    kept_first = runs[0][1] if runs and runs[0][0] == 0 else 0
    table.first_height = sum(heights[: 2 + kept_first])
    return table


# ---------------------------------------------------------------- section A


def _values(row: Row, sign: int = 1) -> tuple[int, ...]:
    return tuple(
        sign * v
        for v in (row.unrestricted, row.restricted, row.endowment, row.total, row.last_year)
    )


def _part(code: str, title: str, rows: Sequence[Row], sign: int) -> list[_Line]:
    """A part's heading and its lines; a part with no lines shows "-" on its heading."""
    if not rows:
        return [_Line(code, title, (0, 0, 0, 0, 0), "heading")]
    return [
        _Line(code, title, None, "heading"),
        *(_Line("", r.label, _values(r, sign)) for r in rows),
    ]


def _account_lines(rp: ReceiptsAndPayments) -> list[_Line]:
    return [
        *_part("A1", "Receipts", rp.receipts, 1),
        _Line("", "Sub total", _values(rp.receipts_subtotal), "total"),
        *_part("A2", "Asset and investment sales", rp.asset_sales, 1),
        _Line("", "Total receipts", _values(rp.total_receipts), "total"),
        *_part("A3", "Payments", rp.payments, -1),
        _Line("", "Sub total", _values(rp.payments_subtotal, -1), "total"),
        *_part("A4", "Asset and investment purchases", rp.asset_purchases, -1),
        # The closing block, from the total payments (with the asset purchases above, as
        # a line keeps with the total below it) to this year's cash: on one page.
        _Line("", "Total payments", _values(rp.total_payments, -1), "total", keep_next=True),
        _Line("", "Net of receipts/(payments)", _values(rp.net), "total", keep_next=True),
        _Line("A5", "Transfers between funds", _values(rp.transfers), "heading", keep_next=True),
        _Line("A6", "Cash funds last year end", _values(rp.cash_last_year_end), "heading"),
        _Line("", "Cash funds this year end", _values(rp.cash_this_year_end), "final"),
    ]


def _account_table(rp: ReceiptsAndPayments) -> _Kept:
    headings = [*(COLUMN_WORDS[c] for c in COLUMNS), "Total funds", "Last year"]
    lines = _account_lines(rp)
    if not rp.has_last_year:  # the books' first year: last year is not in them
        lines = [
            replace(line, values=(*line.values[:-1], None)) if line.values else line
            for line in lines
        ]
    money_width = _money_width(_texts(lines, rp.nearest_pound), headings)
    label_width = CONTENT_WIDTH - _code_width() - len(headings) * money_width
    return _table(
        lines, headings, [label_width], money_width, rp.nearest_pound, last_year_rule=True
    )


# ---------------------------------------------------------------- section B


_B_PARTS = (
    ("B2", "Other monetary assets (money owed to the club)", "monetary"),
    ("B3", "Investment assets", "investments"),
    ("B4", "Assets retained for the charity's own use (equipment and the like)", "own_use"),
    ("B5", "Liabilities (what the club owes)", "liabilities"),
)


def _by_column(column: str, pence: int) -> tuple[int, ...]:
    return tuple(pence if c == column else 0 for c in COLUMNS)


def _column_totals(items: Sequence[AssetItem]) -> tuple[int, ...]:
    return tuple(sum(i.pence for i in items if i.column == c) for c in COLUMNS)


def _asset_lines(statement: AssetsStatement, unsorted_pence: int) -> list[_Line]:
    lines = [_Line("B1", "Cash funds", None, "heading")]
    lines.extend(
        _Line("", "Cash", _by_column(f.column, f.pence), fund=f.name) for f in statement.fund_cash
    )
    cash = statement.cash
    lines.append(
        _Line(
            "",
            "Total cash funds (agrees with cash funds this year end, in section A)",
            (cash.unrestricted, cash.restricted, cash.endowment),
            "total",
        )
    )
    lines.append(_Line("", _held_in_words(statement, unsorted_pence), None, "note"))
    for code, title, attribute in _B_PARTS:
        items: list[AssetItem] = getattr(statement, attribute)
        if not items:
            lines.append(_Line(code, title, (0, 0, 0), "heading"))
            continue
        lines.append(_Line(code, title, None, "heading"))
        for item in items:
            words = f"{item.description}\n{item.note}" if item.note.strip() else item.description
            fund = item.fund or _NO_FUND
            lines.append(_Line("", words, _by_column(item.column, item.pence), fund=fund))
        if len(items) > 1:
            lines.append(_Line("", "Total", _column_totals(items), "total"))
    return lines


def _held_in_words(statement: AssetsStatement, unsorted_pence: int) -> str:
    """Which money accounts hold the cash, and why their total may differ from the funds'."""
    near = statement.nearest_pound
    held = sum(p for _, p in statement.held_in)
    parts = [f"{name} {_money_words(p, near)}" for name, p in statement.held_in]
    words = f"This cash is held in: {'; '.join(parts)}. Together {_money_words(held, near)}."
    difference = held - statement.cash.total
    if not difference:
        return words
    more = "more" if difference > 0 else "less"
    words += f" That is {_money_words(abs(difference), near)} {more} than the cash funds above"
    reasons = []
    if unsorted_pence:
        reasons.append(
            f"bank lines still to sort come to {_money_words(unsorted_pence, False)} "
            "and are in no fund yet"
        )
    if near and difference != unsorted_pence:
        reasons.append("each figure is rounded to the nearest pound")
    return words + (f": {' and '.join(reasons)}." if reasons else ".")


def _assets_table(statement: AssetsStatement, unsorted_pence: int) -> _Kept:
    headings = [COLUMN_WORDS[c] for c in COLUMNS]
    lines = _asset_lines(statement, unsorted_pence)
    money_width = _money_width(_texts(lines, statement.nearest_pound), headings)
    left = CONTENT_WIDTH - _code_width() - len(headings) * money_width
    return _table(lines, headings, [left * 0.55, left * 0.45], money_width, statement.nearest_pound)


def _signatures() -> Flowable:
    """Room for one or two trustees to sign, print their names and date it, each on a
    line of its own with a gap between the columns."""
    head: list[Flowable] = [
        para(h, _LABEL_BOLD) for h in ("Signature", "Printed name", "Date of approval")
    ]
    rows = [head, *[[WriteOnLine(), WriteOnLine(), WriteOnLine()] for _ in range(_SIGN_ROWS)]]
    table = Table(
        rows,
        colWidths=[CONTENT_WIDTH * 0.42, CONTENT_WIDTH * 0.36, CONTENT_WIDTH * 0.22],
        rowHeights=[None, *[13 * mm] * _SIGN_ROWS],
        style=table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8 * mm),
                ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        ),
        hAlign="LEFT",
    )
    return KeepTogether(
        [
            Spacer(1, 4 * mm),
            para("Signed by one or two trustees on behalf of all the trustees", _HEADING),
            table,
        ]
    )


def _box(lines: Sequence[str]) -> Table:
    """A warning in bold inside a thick black box across the page."""
    return Table(
        [[[para(w, "large_bold") for w in lines]]],
        colWidths=[CONTENT_WIDTH],
        style=table_style(
            [
                ("BOX", (0, 0), (-1, -1), 2.5, BLACK),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
        hAlign="LEFT",
    )


# ---------------------------------------------------------------- the document


def _warnings(rp: ReceiptsAndPayments) -> list[Flowable]:
    lines = []
    if not rp.final:
        lines.append(_DRAFT)
    if rp.lines_to_sort == 1:
        lines.append(
            "1 bank line is still to sort: it is in no fund yet, so these accounts leave it "
            "out. Sort it, then print the accounts again."
        )
    elif rp.lines_to_sort:
        lines.append(
            f"{rp.lines_to_sort} bank lines are still to sort: they are in no fund yet, so "
            "these accounts leave them out. Sort them, then print the accounts again."
        )
    if not lines:
        return []
    return [_box(lines), Spacer(1, 3 * mm)]


def _story(
    club_name: str, rp: ReceiptsAndPayments, statement: AssetsStatement, unsorted_pence: int
) -> list[Flowable]:
    year = rp.year
    if rp.nearest_pound:
        units = (
            "Figures are to the nearest pound. Each fund's figures are rounded so that "
            "every total adds up as printed."
        )
    else:
        units = "Figures are in pounds and pence."
    ends = format_long_date(year.ends, weekday=False)
    last = year.previous()
    return [
        para(club_name or "The club", "title"),
        para(f"{_TITLE} for the year {year.words}", "large_bold"),
        Spacer(1, 2 * mm),
        *_warnings(rp),
        para(
            f"{units} The last year column is {last.words}."
            if rp.has_last_year
            else f"{units} These are the first accounts from these books, so the last year "
            "column is empty."
        ),
        *_headed("Section A: Receipts and payments", _account_table(rp)),
        PageBreak(),
        para(f"Section B: Statement of assets and liabilities at {ends}", _HEADING),
        para(units),
        _assets_table(statement, unsorted_pence),
        _signatures(),
    ]


def _headed(heading: str, table: _Kept) -> list[Flowable]:
    """A section's heading and its table, the heading starting a new page unless the
    table's first lines kept together fit below it."""
    words = para(heading, _HEADING)
    height = words.wrap(CONTENT_WIDTH, CONTENT_HEIGHT)[1] + _HEADING.spaceBefore
    return [CondPageBreak(height + _HEADING.spaceAfter + table.first_height), words, table]


def accounts_pdf(
    club_name: str,
    account: ReceiptsAndPayments,
    statement: AssetsStatement,
    printed_on: date,
    *,
    unsorted_pence: int = 0,
) -> bytes:
    """The receipts and payments account and the statement of assets and liabilities
    for one year, as one PDF. ``unsorted_pence`` is the money in (+) or out (-) of the
    accounts on bank lines not yet sorted into a fund by the year end; it explains why
    the accounts may hold more or less than the funds."""
    register_fonts()
    title = f"{_TITLE} {account.year.name}"
    if not account.final:
        title += " (draft)"
    story = _story(club_name, account, statement, unsorted_pence)
    return build_pdf(
        story,
        club_name=club_name,
        title=title,
        printed_on=printed_on,
        page_size=PAGE_SIZE,
        initial_font_size=FIGURE_SIZE,
    )

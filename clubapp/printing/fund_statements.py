"""A statement for each fund for one year, good to send to the funder of a restricted
fund: its name, kind and purpose, the money in it at the start, what came in and went
out by category, what was moved in from or out to other funds, the money in it at the
end, and the sum written out so anyone can follow it:
start + in − out + moved in − moved out = end.

A category added into a line of the printed accounts with another name says so, so the
statement and the accounts can be read side by side: "Coordinator's pay (in the
accounts: Staff costs)".

Each fund starts on a new page. Figures are in pounds and pence with their points lined
up. Pure functions from the figures (``services.accounts_report.FundStatement``) to PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from clubapp.printing.base import (
    BLACK,
    CONTENT_WIDTH,
    FONT,
    FONT_BOLD,
    LIGHT_GREY,
    STYLES,
    WriteOnLine,
    build_pdf,
    format_long_date,
    markup,
    para,
    rich,
    table_style,
)
from clubapp.printing.cashbook import figure_left, figure_width, text_width
from clubapp.services.accounts_report import FundStatement
from clubapp.services.books import FUND_WORDS
from clubapp.services.money import pounds
from clubapp.services.years import Year

__all__ = [
    "TITLE",
    "Figure",
    "category_words",
    "fund_statements_pdf",
    "statement_lines",
    "sum_sentence",
]

TITLE = "Fund statement"
SIZE = 14
_LEADING = 19
_PAD = 5
_INDENT = 8 * mm
# The figures' columns are as wide as their widest figure, within these: the words
# (a category and the line of the accounts it is in) have the rest, so fewer wrap.
_LEAST_FIGURE_COLUMN = 24 * mm
_MOST_FIGURE_COLUMN = 40 * mm
_SIGN_COLUMN = 8 * mm
_LINE = ParagraphStyle("fund_line", parent=STYLES["cell"], leftIndent=_INDENT)
# A fund's name is often a grant's long title: a size smaller than other titles, so a
# restricted fund's statement, signatures and all, fits on one page to send.
_NAME = ParagraphStyle("fund_name", parent=STYLES["title"], fontSize=22, leading=27, spaceAfter=2)
_GAP = 2 * mm


class Figure(Flowable):
    """An amount of money, its point lined up with the others in its column, on the
    same baseline as the first line of the words beside it."""

    def __init__(self, pence: int, *, bold: bool = False) -> None:
        super().__init__()
        self.text = pounds(pence)
        self.font = FONT_BOLD if bold else FONT
        self.width = 0.0
        self.size: float = SIZE

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        needed = figure_width(self.text, self.font, SIZE)
        self.size = SIZE * avail_width / needed if needed > avail_width else SIZE
        return avail_width, _LEADING

    def draw(self) -> None:
        self.canv.setFont(self.font, self.size)
        self.canv.setFillColor(BLACK)
        left = figure_left(self.text, self.font, self.size, self.width)
        self.canv.drawString(left, _LEADING - SIZE, self.text)


# ---------------------------------------------------------------- the figures


@dataclass(frozen=True)
class _Line:
    """A row of the statement: its words, a figure in the parts column, and a sign and
    figure in the right-hand column, which read down as the sum."""

    words: str
    look: str  # "balance", "heading", "line" or "total"
    part: int | None = None
    sign: str = ""
    total: int | None = None


def _group(
    heading: str,
    sign: str,
    items: Sequence[tuple[str, int]],
    total_words: str,
    none: str = "",
    one: str = "",
) -> list[_Line]:
    """A heading, its lines and their total. With ``one``, a single line alone is
    written as one row carrying its own total: "Moved in from General fund"."""
    total = sum(pence for _, pence in items)
    if len(items) == 1 and one:
        return [_Line(f"{one} {items[0][0]}", "total", sign=sign, total=total)]
    lines = [_Line(heading, "heading")]
    if not items:
        lines.append(_Line(none, "line"))
    prefix = f"{one.split()[-1].capitalize()} " if one else ""  # "From", "To"
    lines += [_Line(f"{prefix}{words}", "line", part=pence) for words, pence in items]
    return [*lines, _Line(total_words, "total", sign=sign, total=total)]


_IN_THE_ACCOUNTS = " (in the accounts: "


def _broken(words: str, room: float) -> str:
    """A category too long for its line with the line of the accounts it is in goes
    over two: the category, then where it is in the accounts, never split in between."""
    if _IN_THE_ACCOUNTS in words and text_width(words, FONT, SIZE) > room:
        return words.replace(_IN_THE_ACCOUNTS, "\n" + _IN_THE_ACCOUNTS.lstrip(), 1)
    return words


def category_words(item: tuple[str, int] | tuple[str, int, str]) -> tuple[str, int]:
    """A category and its money, naming the line of the printed accounts it is added
    into when that line has another name. The line is the item's third part, where the
    books give it."""
    category, pence, *line = item
    accounts_line = " ".join("".join(line).split())
    if accounts_line and accounts_line.casefold() != " ".join(category.split()).casefold():
        return f"{category}{_IN_THE_ACCOUNTS}{accounts_line})", pence
    return category, pence


def statement_lines(statement: FundStatement, year: Year) -> list[_Line]:
    starts = format_long_date(year.starts, weekday=False)
    ends = format_long_date(year.ends, weekday=False)
    receipts = [category_words(item) for item in statement.receipts]
    payments = [category_words(item) for item in statement.payments]
    moved_in = sum(pence for _, pence in statement.transfers_in)
    moved_out = sum(pence for _, pence in statement.transfers_out)
    came_in = sum(pence for _, pence in receipts)
    went_out = sum(pence for _, pence in payments)
    end = statement.opening + came_in - went_out + moved_in - moved_out
    lines = [_Line(f"Money in the fund at the start, {starts}", "balance", total=statement.opening)]
    lines += _group("Money in", "+", receipts, "Total money in", "No money came in this year.")
    lines += _group("Money out", "−", payments, "Total money out", "No money went out this year.")
    if statement.transfers_in:
        lines += _group(
            "Moved in from other funds",
            "+",
            statement.transfers_in,
            "Total moved in",
            one="Moved in from",
        )
    if statement.transfers_out:
        lines += _group(
            "Moved out to other funds",
            "−",
            statement.transfers_out,
            "Total moved out",
            one="Moved out to",
        )
    lines.append(_Line(f"Money in the fund at the end, {ends}", "balance", sign="=", total=end))
    return lines


def _figure_column(figures: Sequence[int | None]) -> float:
    widest = max(
        (figure_width(pounds(pence), FONT_BOLD, SIZE) for pence in figures if pence is not None),
        default=0.0,
    )
    return min(max(widest + 2 * _PAD + 2, _LEAST_FIGURE_COLUMN), _MOST_FIGURE_COLUMN)


def _figures_table(lines: Sequence[_Line]) -> Table:
    parts_column = _figure_column([line.part for line in lines])
    totals_column = _figure_column([line.total for line in lines])
    words_column = CONTENT_WIDTH - parts_column - _SIGN_COLUMN - totals_column
    rows: list[list[Flowable | str]] = []
    style: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("ALIGN", (2, 0), (2, -1), "CENTER"),
        ("BOX", (0, 0), (-1, -1), 1, BLACK),
    ]
    for number, line in enumerate(lines):
        bold = line.look != "line"
        if line.look == "line":
            words = para(_broken(line.words, words_column - 2 * _PAD - _INDENT), _LINE)
        else:
            words = para(line.words, "cell_bold")
        part: Flowable | str = "" if line.part is None else Figure(line.part)
        total: Flowable | str = "" if line.total is None else Figure(line.total, bold=bold)
        rows.append([words, part, para(line.sign, "cell_bold"), total])
        if line.part is None:  # the words may run into the empty parts column
            style.append(("SPAN", (0, number), (1, number)))
        if line.look == "balance":
            style += [
                ("BACKGROUND", (0, number), (-1, number), LIGHT_GREY),
                ("LINEABOVE", (0, number), (-1, number), 1.5, BLACK),
                ("LINEBELOW", (0, number), (-1, number), 1.5, BLACK),
            ]
        elif line.look == "heading" and number:
            style.append(("TOPPADDING", (0, number), (-1, number), 7))
        elif line.look == "total" and number and lines[number - 1].part is not None:
            style.append(("LINEABOVE", (1, number), (1, number), 1, BLACK))
    return Table(
        rows,
        colWidths=[words_column, parts_column, _SIGN_COLUMN, totals_column],
        splitInRow=1,
        style=table_style(style),
        hAlign="LEFT",
    )


# ---------------------------------------------------------------- the sum


_SUM_WORDS = {
    "Total money in": "came in",
    "Total money out": "went out",
    "Total moved in": "moved in from other funds",
    "Total moved out": "moved out to other funds",
}


def sum_sentence(lines: Sequence[_Line]) -> str:
    """The right-hand column as one sentence, for example "£4,500.00 at the start
    + £30,125.50 came in − £27,389.99 went out = £7,235.51 at the end." """
    pieces = []
    for line in lines:
        if line.total is None:
            continue
        if line.look == "balance":
            where = "at the end" if line.sign == "=" else "at the start"
        elif line.words.startswith(("Moved in from ", "Moved out to ")):
            where = line.words.lower()[:1] + line.words[1:]
        else:
            where = _SUM_WORDS.get(line.words, line.words)
        sign = f"{line.sign} " if line.sign else ""
        pieces.append(f"{sign}{pounds(line.total)} {where}")
    return " ".join(pieces) + "."


def _sum_block(statement: FundStatement, lines: Sequence[_Line]) -> list[Flowable]:
    block = [rich(f"<b>The sum:</b> {markup(sum_sentence(lines))}")]
    end = lines[-1].total or 0
    if end != statement.closing:
        block.append(
            para(
                f"These figures do not add up: the books give {pounds(statement.closing)} at "
                f"the end, {pounds(statement.closing - end)} different. Please check the books "
                "before sending this statement.",
                "body_bold",
            )
        )
    return block


# ---------------------------------------------------------------- one fund


def _about(statement: FundStatement, year: Year) -> list[Flowable]:
    kind = FUND_WORDS.get(statement.kind, statement.kind)
    purpose = " ".join(statement.purpose.split()) or "Not written down."
    return [
        para(statement.name, _NAME),
        para(f"For the year {year.words}", "large"),
        Spacer(1, _GAP),
        rich(f"<b>Kind of fund:</b> {markup(kind)}"),
        rich(f"<b>What it is for:</b> {markup(purpose)}"),
    ]


def _what_is_left(statement: FundStatement) -> list[Flowable]:
    """For a restricted fund, what its funder most wants to know."""
    if statement.kind != "restricted":
        return []
    if statement.closing >= 0:
        left = f"{pounds(statement.closing)} is left to spend on what the fund was given for."
    else:
        left = f"The fund has spent {pounds(-statement.closing)} more than it had."
    return [para(left, "body")]


def _line() -> WriteOnLine:
    return WriteOnLine(height=9 * mm)


def _signatures() -> list[Flowable]:
    """Room for a trustee to sign the statement before it goes to the funder."""
    label = 22 * mm
    date_label = 18 * mm
    line = (CONTENT_WIDTH - label - date_label) / 2
    table = Table(
        [
            [para("Signed", "cell_bold"), _line(), para("Date", "cell_bold"), _line()],
            [para("Name", "cell_bold"), _line(), "", ""],
        ],
        colWidths=[label, line, date_label, line],
        style=table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (2, 0), (2, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
            ]
        ),
        hAlign="LEFT",
    )
    heading = ParagraphStyle("fund_sign", parent=STYLES["body_bold"], spaceBefore=6, spaceAfter=0)
    return [KeepTogether([para("Signed for the trustees", heading), table])]


def _statement_story(statement: FundStatement, year: Year) -> list[Flowable]:
    lines = statement_lines(statement, year)
    story = _about(statement, year)
    story += [Spacer(1, _GAP), _figures_table(lines), Spacer(1, _GAP)]
    story += _sum_block(statement, lines)
    story += _what_is_left(statement)
    if statement.kind == "restricted":
        story += _signatures()
    return story


def fund_statements_pdf(
    club_name: str, year: Year, statements: Sequence[FundStatement], printed_on: date
) -> bytes:
    """One statement for each fund in ``statements``, each from a new page."""
    story: list[Flowable] = []
    for number, statement in enumerate(statements):
        if number:
            story.append(PageBreak())
        story += _statement_story(statement, year)
    if not statements:
        story = [para(f"{TITLE}s {year.name}", "title"), para("There are no funds to show.")]
    title = f"{TITLE if len(statements) == 1 else TITLE + 's'} {year.name}"
    return build_pdf(story, club_name=club_name, title=title, printed_on=printed_on)

"""Where our money went: the year's money on one easy-read page for members.

Large print (18 pt and up, headings bigger), short sentences in plain words ("We had
£41,230 come in. We spent £38,900."), saying the figures are rounded to the nearest
pound (so the bank's £25,562.60 is £25,563 here), then a picture of each side: a bar for each kind
of money in and each kind of spending, drawn to one scale, black on white, with the
kind's name on the left and the amount written beside every bar, so nothing depends on
colour. At most six kinds a side; the smaller ones are put together as "Other things".
Last, what we had at the start and the end of the year.

It must stay on one page: when it will not fit, the spacing and bars are made smaller
step by step (never the type below 18 pt), and only then are long names cut short.

Pure functions from ``services.accounts_report.MoneySummary`` to PDF bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from clubapp.printing.base import (
    BLACK,
    CONTENT_HEIGHT,
    CONTENT_WIDTH,
    FONT,
    FONT_BOLD,
    STYLES,
    boxed,
    build_pdf,
    para,
    register_fonts,
    table_style,
)
from clubapp.printing.cashbook import text_width, wrap
from clubapp.services.accounts_report import MoneySummary
from clubapp.services.money import round_to_pound

__all__ = [
    "MOST_KINDS",
    "OTHER",
    "ROUNDED",
    "TITLE",
    "grouped",
    "money_summary_pdf",
    "whole_pounds",
]

TITLE = "Where our money went"
ROUNDED = "We have rounded each figure to the nearest pound."
MOST_KINDS = 6  # bars a side; more would be too much to take in
OTHER = "Other things"


def whole_pounds(pence: int) -> str:
    """ "£41,230": whole pounds, as people say them."""
    pounds = round_to_pound(pence) // 100
    return f"-£{-pounds:,}" if pounds < 0 else f"£{pounds:,}"


def grouped(kinds: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """At most :data:`MOST_KINDS` kinds, largest first, with the smallest (and any the
    treasurer already called "Other ...") put together last as "Other things"."""
    named = sorted(
        ((words, pence) for words, pence in kinds if not words.lower().startswith("other")),
        key=lambda kind: -kind[1],
    )
    other = [pence for words, pence in kinds if words.lower().startswith("other")]
    if len(named) + (1 if other else 0) > MOST_KINDS:
        other += [pence for _, pence in named[MOST_KINDS - 1 :]]
        named = named[: MOST_KINDS - 1]
    return [*named, (OTHER, sum(other))] if other else named


# ---------------------------------------------------------------- sentences


def _had(pence: int) -> str:
    """What "we had" some money is, in words, even when it is below nothing."""
    return f"we owed {whole_pounds(-pence)}" if pence < 0 else f"we had {whole_pounds(pence)}"


def headline(summary: MoneySummary) -> list[str]:
    """The year in two or three short sentences, one to a line."""
    came_in = (
        f"We had {whole_pounds(summary.total_in)} come in."
        if summary.total_in
        else "No money came in."
    )
    spent = (
        f"We spent {whole_pounds(summary.total_out)}."
        if summary.total_out
        else "We did not spend any money."
    )
    difference = summary.total_in - summary.total_out
    if round_to_pound(difference) > 0 and summary.total_out:
        more = f"{whole_pounds(difference)} more came in than we spent."
    elif round_to_pound(difference) < 0:
        more = f"We spent {whole_pounds(-difference)} more than came in."
    else:
        more = ""
    return [came_in, spent, *([more] if more else [])]


def start_and_end(summary: MoneySummary) -> list[str]:
    return [
        f"At the start of the year {_had(summary.cash_start)}.",
        f"At the end of the year {_had(summary.cash_end)}.",
    ]


# ---------------------------------------------------------------- the picture


@dataclass(frozen=True)
class _Sizes:
    """Type, bar and spacing sizes; smaller ones are tried when the page will not fit."""

    body: int = 20
    heading: int = 26
    title: int = 32
    bar: float = 8 * mm
    padding: float = 5  # above and below each bar's row
    gap: float = 5 * mm
    label_lines: int = 2


_SIZES = (
    _Sizes(),
    _Sizes(body=18, heading=24, title=30, bar=7 * mm, padding=4, gap=4 * mm),
    _Sizes(body=18, heading=22, title=28, bar=6 * mm, padding=2, gap=2 * mm),
    _Sizes(body=18, heading=20, title=26, bar=5 * mm, padding=1, gap=1.5 * mm),
    _Sizes(body=18, heading=20, title=26, bar=5 * mm, padding=1, gap=1.5 * mm, label_lines=1),
)
_PAD = 5
_LABEL_SHARE = 0.5  # of the page's width, for the kinds' names


@dataclass(frozen=True)
class _Columns:
    """The widths of the names, the bars and the amounts, the same on both sides so
    that the bars are drawn to one scale."""

    label: float
    bar: float
    amount: float


def _columns(amounts: Sequence[str], size: int) -> _Columns:
    """Room for the widest amount on one line; half the page for the names; the bars
    have the rest."""
    widest = max((text_width(text, FONT_BOLD, size) for text in amounts), default=0.0)
    amount = max(widest + 2 * _PAD + 2, 0.18 * CONTENT_WIDTH)
    label = _LABEL_SHARE * CONTENT_WIDTH
    return _Columns(label, CONTENT_WIDTH - label - amount, amount)


def _style(name: str, size: int, *, bold: bool = False, after: float = 0) -> ParagraphStyle:
    return ParagraphStyle(
        f"money_{name}_{size}",
        parent=STYLES["easy_bold" if bold else "easy"],
        fontSize=size,
        leading=round(size * 1.3),
        spaceAfter=after,
    )


def bar(pence: int, most: int, height: float, width: float) -> Drawing:
    """A black bar as long as ``pence`` is against ``most`` (the longest bar fills the
    width); a small amount still shows as a sliver, nothing as no bar."""
    register_fonts()
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT  # so the drawing names no unembedded Helvetica
    if pence > 0 and most > 0:
        length = max(width * pence / most, 3.0)
        drawing.add(Rect(0, 0, length, height, fillColor=BLACK, strokeColor=None))
    return drawing


def _label(words: str, sizes: _Sizes, width: float) -> str:
    """The kind's name in the lines allowed at these sizes, cut short with "…" after."""
    return "\n".join(wrap(words, FONT, sizes.body, width - 2 * _PAD - 1, sizes.label_lines))


def _bars(kinds: Sequence[tuple[str, int]], most: int, sizes: _Sizes, columns: _Columns) -> Table:
    label = _style("label", sizes.body)
    amount = _style("amount", sizes.body, bold=True)
    rows = [
        [
            para(_label(words, sizes, columns.label), label),
            bar(pence, most, sizes.bar, columns.bar - 2 * _PAD),
            para(whole_pounds(pence), amount),
        ]
        for words, pence in kinds
    ]
    return Table(
        rows,
        colWidths=[columns.label, columns.bar, columns.amount],
        style=table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
                ("TOPPADDING", (0, 0), (-1, -1), sizes.padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), sizes.padding + 2),
                ("LINEBELOW", (0, 0), (-1, -1), 0.75, BLACK),
                ("LINEBEFORE", (1, 0), (1, -1), 1.5, BLACK),  # where every bar starts
            ]
        ),
        hAlign="LEFT",
    )


# ---------------------------------------------------------------- the page


def _side(
    heading: str,
    kinds: list[tuple[str, int]],
    none: str,
    most: int,
    sizes: _Sizes,
    columns: _Columns,
) -> list[Flowable]:
    story: list[Flowable] = [para(heading, _style("heading", sizes.heading, bold=True, after=4))]
    if kinds:
        story.append(_bars(kinds, most, sizes, columns))
    else:
        story.append(para(none, _style("body", sizes.body)))
    return [*story, Spacer(1, sizes.gap)]


def _story(summary: MoneySummary, sizes: _Sizes) -> list[Flowable]:
    money_in = grouped(summary.money_in)
    money_out = grouped(summary.money_out)
    most = max([pence for _, pence in (*money_in, *money_out)], default=0)
    columns = _columns([whole_pounds(p) for _, p in (*money_in, *money_out)], sizes.body)
    body = _style("body", sizes.body, after=4)
    bold = _style("bold", sizes.body, bold=True, after=4)
    tight = _style("bold", sizes.body, bold=True)
    story: list[Flowable] = [
        para(TITLE, _style("title", sizes.title, bold=True, after=2)),
        para(f"From {summary.year.words}. {ROUNDED}", body),
        Spacer(1, sizes.gap / 2),
        *(para(line, tight) for line in headline(summary)),
        Spacer(1, sizes.gap),
    ]
    story += _side("Money that came in", money_in, "No money came in.", most, sizes, columns)
    story += _side("Money we spent", money_out, "We did not spend any money.", most, sizes, columns)
    story.append(boxed([para(line, bold) for line in start_and_end(summary)], thickness=2))
    return story


def _height(story: Sequence[Flowable]) -> float:
    total = 0.0
    for flowable in story:
        total += flowable.wrap(CONTENT_WIDTH, CONTENT_HEIGHT)[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _fitted_story(summary: MoneySummary) -> list[Flowable]:
    """The roomiest sizes that keep everything on one page."""
    room = CONTENT_HEIGHT - 6 * mm  # a little spare for rounding in the layout
    story: list[Flowable] = []
    for sizes in _SIZES:
        story = _story(summary, sizes)
        if _height(story) <= room:
            break
    return story


def money_summary_pdf(club_name: str, summary: MoneySummary, printed_on: date) -> bytes:
    """One easy-read A4 page: where the year's money came from and went."""
    return build_pdf(
        _fitted_story(summary), club_name=club_name, title=TITLE, printed_on=printed_on
    )

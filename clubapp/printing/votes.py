"""The result of a vote on one large-print sheet, for the noticeboard.

The question, where and when it was asked, the result in big bold words, then one row
per choice: its picture, its words, a bar drawn to scale and the number of votes.
It never says who chose what, even for a named vote.

Pure functions from plain rows (the frozen dataclasses below) to PDF bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from clubapp.printing.base import (
    BLACK,
    CONTENT_HEIGHT,
    CONTENT_WIDTH,
    FONT,
    FONT_BOLD,
    LIGHT_GREY,
    STYLES,
    boxed,
    build_pdf,
    markup,
    para,
    plural,
    rich,
    shorten,
    table_style,
)
from clubapp.printing.pictures import picture_or_photo

__all__ = ["HOW_WORDS", "ResultChoice", "ResultSheet", "VoteBar", "results_pdf"]

TITLE = "Vote result"

# How people voted, in plain words. A named vote's names are never printed here.
HOW_WORDS = {
    "secret": "It was a secret vote: nobody knows who chose what.",
    "named": "Each person's name was kept with their vote. This sheet does not say who chose what.",
    "hands": "People voted by a show of hands, and the chair counted.",
}


@dataclass(frozen=True)
class ResultChoice:
    words: str
    picture: str | None  # a name from the picture library
    photo: bytes | None
    votes: int  # chosen; for an election of each candidate in turn, the yes votes
    no: int = 0
    not_sure: int = 0
    winner: bool = False


@dataclass(frozen=True)
class ResultSheet:
    club_name: str
    question: str
    where_words: str  # "Wednesday Club, 4 December 2026" (may be "")
    method: str  # "secret", "named" or "hands"
    each_in_turn: bool  # yes / no / not sure for each candidate
    headline: str  # "Most people chose: Crafternoon."
    details: tuple[str, ...]
    choices: tuple[ResultChoice, ...]
    voted: int
    eligible: int


class VoteBar(Flowable):
    """A bar to scale: an outlined box for everyone who voted, filled for the votes."""

    def __init__(self, votes: int, out_of: int, width: float, height: float = 9 * mm) -> None:
        super().__init__()
        self.votes = max(votes, 0)
        self.out_of = max(out_of, self.votes, 1)
        self.width = width
        self.height = height

    @property
    def filled_width(self) -> float:
        return self.width * self.votes / self.out_of

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setLineWidth(1.5)
        c.setStrokeColor(BLACK)
        c.setFillColor(LIGHT_GREY)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        if self.votes:
            c.setFillColor(BLACK)
            c.rect(0, 0, self.filled_width, self.height, stroke=0, fill=1)
        c.restoreState()


@dataclass(frozen=True)
class _Sizes:
    """Type and picture sizes; smaller ones are tried when a result will not fit."""

    question: int = 24
    headline: int = 32
    words: int = 22
    body: int = 18
    picture: float = 20 * mm
    gap: float = 4 * mm
    bar: float = 9 * mm
    padding: float = 4  # above and below each choice's words and bar


_SIZES = (
    _Sizes(),
    _Sizes(question=20, headline=28, words=20, picture=18 * mm, gap=3 * mm),
    _Sizes(
        question=18,
        headline=24,
        words=16,
        body=16,
        picture=16 * mm,
        gap=2 * mm,
        bar=7 * mm,
        padding=2,
    ),
)


def _style(name: str, size: int, bold: bool = False, space_after: float = 0) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        parent=STYLES["easy_bold" if bold else "easy"],
        fontSize=size,
        leading=round(size * 1.3),
        spaceAfter=space_after,
    )


def _votes(n: int) -> str:
    return plural(n, "vote", "votes")


def _turnout(sheet: ResultSheet) -> str:
    if sheet.voted > sheet.eligible:  # people marked absent after they voted
        return f"{plural(sheet.voted, 'person', 'people')} voted."
    if sheet.eligible == 1:
        return f"{sheet.voted} of 1 person voted."
    return f"{sheet.voted} of {sheet.eligible} people voted."


def _bar_and_count(
    choice: ResultChoice, out_of: int, width: float, height: float, count: Paragraph
) -> Table:
    number_width = 40 * mm
    return Table(
        [[VoteBar(choice.votes, out_of, width - number_width - 4 * mm, height), count]],
        colWidths=[width - number_width, number_width],
        style=table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
        hAlign="LEFT",
    )


def _choices_table(sheet: ResultSheet, sizes: _Sizes) -> Table:
    """A row per choice: the picture, then its words with the bar and the count below
    them (so long words get the whole width rather than a narrow column)."""
    words_style = _style("result_words", sizes.words, bold=True, space_after=sizes.padding / 2)
    small_style = _style("result_small", sizes.body)
    number_style = _style("result_number", sizes.words, bold=True)
    padding = 5
    # Candidates in an election often have no picture: then no empty column for one.
    pictured = any(c.picture or c.photo for c in sheet.choices)
    picture_column = sizes.picture + 2 * padding if pictured else 0
    words_column = CONTENT_WIDTH - picture_column
    out_of = max([sheet.voted, *(c.votes for c in sheet.choices)], default=0)
    rows: list[list[Flowable | list[Flowable]]] = []
    style: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (0, -1), "CENTER" if pictured else "LEFT"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), sizes.padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), sizes.padding + 1),
        ("LINEBELOW", (0, 0), (-1, -1), 0.75, BLACK),
        ("BOX", (0, 0), (-1, -1), 1.5, BLACK),
    ]
    for number, choice in enumerate(sheet.choices):
        count = f"{choice.votes} yes" if sheet.each_in_turn else _votes(choice.votes)
        cell: list[Flowable] = [
            para(shorten(choice.words, 80), words_style),
            _bar_and_count(
                choice,
                out_of,
                words_column - 2 * padding,
                sizes.bar,
                para(count, number_style),
            ),
        ]
        if sheet.each_in_turn:
            cell.append(para(f"{choice.no} no, {choice.not_sure} not sure", small_style))
        rows.append(
            [picture_or_photo(choice.picture, choice.photo, sizes.picture), cell]
            if pictured
            else [cell]
        )
        if choice.winner:
            style.append(("BOX", (0, number), (-1, number), 3.5, BLACK))
    return Table(
        rows,
        colWidths=[picture_column, words_column] if pictured else [words_column],
        style=table_style(style),
        hAlign="LEFT",
    )


def _story(sheet: ResultSheet, sizes: _Sizes) -> list[Flowable]:
    body = _style("result_body", sizes.body, space_after=2)
    question = _style("result_question", sizes.question, bold=True, space_after=sizes.gap)
    asked = markup(sheet.question.strip() or "No question was written down.", FONT_BOLD)
    story: list[Flowable] = [
        # "We asked:" in plain type, then the question itself in big bold type.
        rich(f'<font name="{FONT}" size="{sizes.body}">We asked:</font> {asked}', question),
    ]
    if sheet.where_words.strip():
        story.append(para(f"Where and when: {sheet.where_words.strip()}", body))
    story.append(Spacer(1, sizes.gap))
    headline = ParagraphStyle(
        "result_headline",
        parent=STYLES["easy_bold"],
        fontName=FONT_BOLD,
        fontSize=sizes.headline,
        leading=round(sizes.headline * 1.25),
        spaceAfter=0,
    )
    story.append(boxed(para(sheet.headline.strip() or "No result.", headline), thickness=3))
    story.append(Spacer(1, sizes.gap))
    if sheet.choices:
        story.append(_choices_table(sheet, sizes))
        story.append(Spacer(1, sizes.gap))
    story.extend(para(line, body) for line in sheet.details if line.strip())
    story.append(
        para(_turnout(sheet), _style("result_turnout", sizes.body, bold=True, space_after=2))
    )
    story.append(para(HOW_WORDS.get(sheet.method, ""), body))
    return story


def _height(story: Sequence[Flowable]) -> float:
    total = 0.0
    for flowable in story:
        total += flowable.wrap(CONTENT_WIDTH, CONTENT_HEIGHT)[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


# When even the smallest print will not fit: (question, headline, detail line, choice
# words) cut to at most this many characters, and at most this many detail lines.
_SHORTER = ((240, 200, 160, 60, 6), (160, 160, 120, 48, 3), (100, 120, 100, 36, 2))


def _fitted_story(sheet: ResultSheet) -> list[Flowable]:
    """The biggest print that keeps the result on one page. Only when even the smallest
    print will not fit are the longest texts cut short, with "…", step by step."""
    room = CONTENT_HEIGHT - 6 * mm  # leave a little for rounding in the layout
    story: list[Flowable] = []
    for sizes in _SIZES:
        story = _story(sheet, sizes)
        if _height(story) <= room:
            return story
    for question, headline, detail, words, lines in _SHORTER:
        short = replace(
            sheet,
            question=shorten(sheet.question, question),
            headline=shorten(sheet.headline, headline),
            details=tuple(shorten(line, detail) for line in sheet.details[:lines]),
            choices=tuple(replace(c, words=shorten(c.words, words)) for c in sheet.choices),
        )
        story = _story(short, _SIZES[-1])
        if _height(story) <= room:
            break
    return story


def results_pdf(sheet: ResultSheet, printed_on: date) -> bytes:
    """One A4 page: the question, where and when, the result in big bold words, a row
    per choice (picture, words, bar to scale, number), how many voted and how."""
    return build_pdf(
        _fitted_story(sheet), club_name=sheet.club_name, title=TITLE, printed_on=printed_on
    )

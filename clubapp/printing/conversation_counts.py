"""The committee's topic summary of picture conversations: for one topic and a period, each
card's picture and word and how many members liked it, were not sure, or did not like it.

Counts only: this module is given words ("5", "none", "fewer than 3") and pictures, never a
member's name, date or own words, so none can be printed. Large print, A4 upright, the
three count columns lined up under a face and a word each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from clubapp.printing.base import (
    BLACK,
    CONTENT_WIDTH,
    FONT_BOLD,
    STYLES,
    boxed,
    build_pdf,
    flowing,
    para,
    register_fonts,
    table_style,
)
from clubapp.printing.faces import face_drawing
from clubapp.printing.pictures import picture_or_photo

__all__ = ["CardLine", "PICTURE_SIZE", "face_drawing", "topic_summary_pdf"]

#: Each card's picture, printed this many points square (at least 15 mm, to be seen).
PICTURE_SIZE = 18 * mm
#: Wide enough for "fewer than 3" on one line in the counts' 16 pt bold.
COUNT_WIDTH = 38 * mm
FACE_SIZE = 12 * mm
# The count columns, in order: (place, heading words).
COLUMNS = (("like", "Like"), ("not_sure", "Not sure"), ("dislike", "Don't like"))

_COUNT = ParagraphStyle(
    "count",
    parent=STYLES["large"],
    fontName=FONT_BOLD,
    fontSize=16,
    leading=21,
    alignment=TA_CENTER,
)
_HEAD = ParagraphStyle("count_head", parent=STYLES["cell_bold"], alignment=TA_CENTER)
_WORD = ParagraphStyle("card_word", parent=STYLES["large"])


@dataclass(frozen=True)
class CardLine:
    """One card of the topic as printed: its word, its picture (a library picture's name,
    or a photo's bytes) and its three counts already in words."""

    word: str
    picture: str | None
    photo: bytes | None
    like: str
    not_sure: str
    dislike: str

    def of(self, place: str) -> str:
        return {"like": self.like, "not_sure": self.not_sure, "dislike": self.dislike}[place]


def _heading(place: str, words: str) -> list[Flowable]:
    face = face_drawing(place, FACE_SIZE)
    face.hAlign = "CENTER"
    return [face, Spacer(1, 2 * mm), para(words, _HEAD)]


def counts_table(cards: Sequence[CardLine]) -> Table:
    """Picture, word, and the three counts under their faces; the header repeats on
    every page and each row keeps to one page."""
    picture_col = PICTURE_SIZE + 10
    count_col = COUNT_WIDTH
    word_col = CONTENT_WIDTH - picture_col - 3 * count_col
    header: list[Flowable | list[Flowable]] = [
        para("Picture", STYLES["cell_bold"]),
        para("Card", STYLES["cell_bold"]),
        *(_heading(place, words) for place, words in COLUMNS),
    ]
    rows: list[list[Flowable | list[Flowable]]] = [header]
    for card in cards:
        rows.append(
            [
                picture_or_photo(card.picture, card.photo, PICTURE_SIZE),
                para(card.word, _WORD),
                *(para(card.of(place), _COUNT) for place, _ in COLUMNS),
            ]
        )
    style = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("ALIGN", (2, 0), (-1, 0), "CENTER"),  # each face over the middle of its column
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, BLACK),
        ("LINEBELOW", (0, 0), (-1, 0), 1.5, BLACK),
        # The counts stand apart from the card, each in its own column.
        ("LINEBEFORE", (2, 0), (-1, -1), 0.5, BLACK),
        ("BOX", (0, 0), (-1, -1), 1, BLACK),
    ]
    return Table(
        rows,
        colWidths=[picture_col, word_col, count_col, count_col, count_col],
        repeatRows=1,
        style=table_style(style),
        hAlign="LEFT",
    )


def topic_summary_pdf(
    club_name: str,
    topic_name: str,
    period_words: str,
    members_words: str,
    rule_words: str,
    cards: Sequence[CardLine],
    today: date,
) -> bytes:
    """The topic summary for the committee. With no cards (too few members shared a
    conversation) the counts are left out and the page says why."""
    register_fonts()
    title = f"What members told us in pictures: {topic_name}"
    story: list[Flowable] = [
        para(title, "title"),
        para(f"From {period_words}.", "large"),
        Spacer(1, 3 * mm),
        para(members_words, "large_bold"),
        Spacer(1, 3 * mm),
    ]
    story += [boxed([para(rule_words, "body")]), Spacer(1, 5 * mm)]
    if not cards:
        story.append(
            para(
                "There are too few to count, so no counts are shown. Try a longer time, "
                "or talk about this topic with more members.",
                "large",
            )
        )
    else:
        story += flowing([], counts_table(cards))
    # The running header has room for a short title only: the topic's name.
    return build_pdf(story, club_name=club_name, title=topic_name, printed_on=today)

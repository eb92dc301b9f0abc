"""The club's privacy notice in large print: 16 pt text, 20 pt headings, a 26 pt title,
to hand to a member or a carer or to put on the wall. The words come from
services.privacy_notice (already in pieces: title, headings, paragraphs, list items)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from clubapp.printing.base import STYLES, build_pdf, bullet, keep_together, para
from clubapp.services.privacy_notice import Block

TITLE = "Privacy notice"
BODY_PT = 16

_BODY = ParagraphStyle(
    "privacy_body", parent=STYLES["body"], fontSize=BODY_PT, leading=22, spaceAfter=8
)
_ITEM = ParagraphStyle("privacy_item", parent=_BODY, spaceAfter=4)
_HEADING = ParagraphStyle(
    "privacy_heading",
    parent=STYLES["heading"],
    fontSize=20,
    leading=26,
    spaceBefore=14,
    spaceAfter=6,
)
_TITLE = ParagraphStyle("privacy_title", parent=STYLES["title"], fontSize=26, leading=32)

#: Every size the notice prints its words in (the page's header and footer aside).
SIZES_PT = (_BODY.fontSize, _ITEM.fontSize, _HEADING.fontSize, _TITLE.fontSize)


def _story(pieces: Sequence[Block]) -> list[Flowable]:
    story: list[Flowable] = []
    section: list[Flowable] = []

    def close_section() -> None:
        # A heading stays with what follows it; a short section stays on one page.
        if section:
            story.extend(keep_together(section, head=2, up_to=0.4))
            section.clear()

    for piece in pieces:
        if piece.kind == "title":
            close_section()
            story.append(para(piece.text, _TITLE))
            story.append(Spacer(1, 2 * mm))
        elif piece.kind == "heading":
            close_section()
            section.append(para(piece.text, _HEADING))
        elif piece.kind == "item":
            section.append(bullet(piece.text, _ITEM, indent=8 * mm))
        else:
            section.append(para(piece.text, _BODY))
    close_section()
    if not story:
        story.append(para("The club has not written its privacy notice yet.", _BODY))
    return story


def privacy_notice_pdf(club_name: str, pieces: Sequence[Block], printed_on: date) -> bytes:
    """The notice, in large print, on as many A4 pages as it needs."""
    return build_pdf(
        _story(pieces),
        club_name=club_name,
        title=TITLE,
        printed_on=printed_on,
        initial_font_size=BODY_PT,
    )

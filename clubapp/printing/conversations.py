"""A picture conversation on paper, for the member to keep.

Large print (18 pt words, bigger headings): "What Mary told us about Food and drink", the
day and who helped, then the three places side by side — I like this, Not sure, I don't
like this — each with its face picture, and under it the cards put there: the card's
picture (30 mm), its word, and what the member said about it. The cards the member chose
to leave out are named in a line below, and their words about the topic as a whole end
the page.

The same three columns print on the About me page (:func:`conversation_block`).

Pure functions from plain rows (the frozen dataclasses below) to PDF bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from clubapp.printing.base import (
    BLACK,
    CONTENT_HEIGHT,
    CONTENT_WIDTH,
    LIGHT_GREY,
    STYLES,
    build_pdf,
    format_long_date,
    keep_together,
    markup,
    para,
    rich,
    table_style,
)
from clubapp.printing.faces import face_drawing
from clubapp.printing.pictures import picture_or_photo
from clubapp.services.words import and_words

__all__ = [
    "COLUMN_WORDS",
    "PrintedCard",
    "PrintedConversation",
    "compact_block",
    "conversation_block",
    "conversation_pdf",
    "title_words",
]

# The three places, in the order they print, with their words and face pictures.
COLUMNS = ("like", "not_sure", "dislike")
COLUMN_WORDS = {"like": "I like this", "not_sure": "Not sure", "dislike": "I don't like this"}

CARD_PICTURE = 30 * mm  # each card's picture on the conversation's own printout
ABOUT_ME_PICTURE = 25 * mm  # on the About me page, where several topics share the space
COMPACT_PICTURE = 18 * mm  # About me's compact blocks (about 20 mm)
COMPACT_FACE = 7 * mm
COMPACT_SLOTS = 6  # cards side by side across a compact block, shared out among the places
FACE = 14 * mm
_PADDING = 6


@dataclass(frozen=True)
class PrintedCard:
    word: str
    picture: str | None  # a library picture's name
    photo: bytes | None  # the card's photo, if it has one (it is printed instead)
    own_words: str = ""  # what the member said about this card


@dataclass(frozen=True)
class PrintedConversation:
    conversation_id: int
    name: str  # the name the member likes to be called
    topic: str
    on_date: date
    helped_by: str  # "" when not recorded
    finished: bool  # False: the member stopped before the last card
    own_words: str  # what the member said about the topic as a whole
    like: tuple[PrintedCard, ...]
    not_sure: tuple[PrintedCard, ...]
    dislike: tuple[PrintedCard, ...]
    skipped: tuple[str, ...] = ()  # the words of the cards the member chose to leave out

    def placed(self, place: str) -> tuple[PrintedCard, ...]:
        return {"like": self.like, "not_sure": self.not_sure, "dislike": self.dislike}[place]


def title_words(conversation: PrintedConversation) -> str:
    return f"What {conversation.name} told us about {conversation.topic}"


@dataclass(frozen=True)
class _Styles:
    body: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    column: ParagraphStyle
    word: ParagraphStyle
    said: ParagraphStyle
    empty: ParagraphStyle


def _styles(size: int) -> _Styles:
    body = ParagraphStyle(
        f"conv_body_{size}",
        parent=STYLES["body"],
        fontSize=size,
        leading=round(size * 1.3),
        spaceAfter=round(size * 0.3),
    )
    bold = STYLES["body_bold"].fontName
    centred = ParagraphStyle(f"conv_centred_{size}", parent=body, alignment=TA_CENTER, spaceAfter=0)
    return _Styles(
        body=body,
        title=ParagraphStyle(
            f"conv_title_{size}",
            parent=body,
            fontName=bold,
            fontSize=size + 10,
            leading=round((size + 10) * 1.2),
            spaceAfter=round(size * 0.5),
        ),
        heading=ParagraphStyle(
            f"conv_heading_{size}",
            parent=body,
            fontName=bold,
            fontSize=size + 4,
            leading=round((size + 4) * 1.25),
            spaceBefore=round(size * 0.6),
            spaceAfter=round(size * 0.3),
            keepWithNext=1,
        ),
        column=ParagraphStyle(f"conv_column_{size}", parent=centred, fontName=bold),
        word=ParagraphStyle(f"conv_word_{size}", parent=centred, fontName=bold),
        said=ParagraphStyle(f"conv_said_{size}", parent=centred, fontSize=size - 2),
        empty=ParagraphStyle(f"conv_empty_{size}", parent=centred),
    )


def _card_cell(card: PrintedCard, st: _Styles, picture: float) -> list[Flowable]:
    drawing = picture_or_photo(card.picture, card.photo, picture)
    drawing.hAlign = "CENTER"
    cell: list[Flowable] = [drawing, Spacer(1, 1.5 * mm), para(card.word, st.word)]
    said = " ".join(card.own_words.split())
    if said:
        cell.append(para(f"“{said}”", st.said))
    return cell


def _columns(conversation: PrintedConversation, st: _Styles, picture: float) -> Table:
    """The three places side by side. Row n holds the n-th card of each place, so a long
    conversation can go on to the next page between rows (the faces print again)."""
    width = CONTENT_WIDTH / len(COLUMNS)
    header = []
    for place in COLUMNS:
        face = face_drawing(place, FACE)  # as the screens draw it
        face.hAlign = "CENTER"
        header.append([face, Spacer(1, 1 * mm), para(COLUMN_WORDS[place], st.column)])
    cards = [conversation.placed(place) for place in COLUMNS]
    depth = max((len(c) for c in cards), default=0)
    rows: list[list] = [header]
    for n in range(max(depth, 1)):
        row: list = []
        for placed in cards:
            if n < len(placed):
                row.append(_card_cell(placed[n], st, picture))
            elif n == 0:
                row.append(para("Nothing here", st.empty))
            else:
                row.append("")
        rows.append(row)
    return Table(
        rows,
        colWidths=[width] * len(COLUMNS),
        repeatRows=1,
        style=table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), _PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), _PADDING),
                ("BOTTOMPADDING", (0, 0), (-1, -1), _PADDING + 2),
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT_GREY),
                ("LINEBELOW", (0, 0), (-1, 0), 1.5, BLACK),
                ("LINEAFTER", (0, 0), (-2, -1), 1.5, BLACK),
                ("BOX", (0, 0), (-1, -1), 1.5, BLACK),
            ]
        ),
        hAlign="CENTER",
    )


def _when_words(conversation: PrintedConversation) -> str:
    day = format_long_date(conversation.on_date, weekday=False)
    helper = " ".join(conversation.helped_by.split())
    if helper:
        return f"{conversation.name} sorted the pictures with {helper} on {day}."
    return f"{conversation.name} sorted the pictures on {day}."


def _after(conversation: PrintedConversation, st: _Styles) -> list[Flowable]:
    """What follows the columns: the cards left out, stopping early, the own words."""
    name = conversation.name
    parts: list[Flowable] = []
    skipped = [" ".join(w.split()) for w in conversation.skipped if w.strip()]
    if skipped:
        listed = (
            skipped[0] if len(skipped) == 1 else ", ".join(skipped[:-1]) + " and " + skipped[-1]
        )
        parts.append(para(f"{name} chose to leave out: {listed}.", st.body))
    if not conversation.finished:
        parts.append(
            para(f"{name} stopped before the last picture. This is what {name} sorted.", st.body)
        )
    said = conversation.own_words.strip()
    if said:
        parts.append(para(f"In {name}'s own words", st.heading))
        parts.extend(
            para(f"“{line.strip()}”" if i == 0 else line.strip(), st.body)
            for i, line in enumerate(said.splitlines())
            if line.strip()
        )
    return parts


def conversation_block(
    conversation: PrintedConversation, size: int = 16, picture: float = ABOUT_ME_PICTURE
) -> list[Flowable]:
    """One conversation for another printout (About me): a heading with the topic, the
    day and who helped, the three columns, and what the member said."""
    st = _styles(size)
    heading = para(conversation.topic, st.heading)
    # A short conversation stays whole; a long one keeps its heading with its start.
    block = keep_together(
        [heading, para(_when_words(conversation), st.body), _columns(conversation, st, picture)],
        head=2,
        up_to=0.8,
    )
    return [*block, Spacer(1, 2 * mm), *_after(conversation, st)]


def compact_slots(counts: Sequence[int], slots: int = COMPACT_SLOTS) -> list[int]:
    """How many cards side by side each place gets, at least one each, so the fullest
    place needs as few rows as can be; slots left over go to the narrowest places (room
    for their words). (6, 1, 3) cards share 6 slots as (3, 1, 2); (3, 3, 2) as (2, 2, 2)."""
    rows = 1
    while sum(max(1, -(-n // rows)) for n in counts) > slots:
        rows += 1
    across = [max(1, -(-n // rows)) for n in counts]
    for _ in range(slots - sum(across)):
        narrowest = min(range(len(counts)), key=lambda i: (across[i], -counts[i]))
        across[narrowest] += 1
    return across


def _compact_columns(conversation: PrintedConversation, st: _Styles, picture: float) -> Table:
    """The three places side by side, each face over as many columns of cards as its
    share of the slots (:func:`compact_slots`), row after row."""
    cards = [conversation.placed(place) for place in COLUMNS]
    shares = compact_slots([len(c) for c in cards])
    width = CONTENT_WIDTH / sum(shares)
    header: list = []
    for place, across in zip(COLUMNS, shares, strict=True):
        # The face beside its words, as the screens show it (as drawn there).
        words = para(COLUMN_WORDS[place], st.column)
        wide = stringWidth(COLUMN_WORDS[place], st.column.fontName, st.column.fontSize)
        words_width = min(wide + 4, width * across - COMPACT_FACE - 10)
        beside = Table(
            [[face_drawing(place, COMPACT_FACE), words]],
            colWidths=[COMPACT_FACE + 2, words_width],
            style=table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
            hAlign="CENTER",
        )
        header += [beside, *[""] * (across - 1)]
    depth = max(-(-len(c) // a) for c, a in zip(cards, shares, strict=True))
    rows: list[list] = [header]
    for n in range(max(depth, 1)):
        row: list = []
        for placed, across in zip(cards, shares, strict=True):
            for k in range(across):
                i = n * across + k
                if i < len(placed):  # the member's words about it follow the table
                    row.append(_card_cell(replace(placed[i], own_words=""), st, picture))
                elif i == 0:
                    row.append(para("Nothing here", st.empty))
                else:
                    row.append("")
        rows.append(row)
    style: list = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT_GREY),
        ("LINEBELOW", (0, 0), (-1, 0), 1.5, BLACK),
        ("BOX", (0, 0), (-1, -1), 1.5, BLACK),
    ]
    first = 0
    for placed, across in zip(cards, shares, strict=True):
        last = first + across - 1
        style.append(("SPAN", (first, 0), (last, 0)))
        if not placed:  # "Nothing here" across the place's columns
            style.append(("SPAN", (first, 1), (last, 1)))
        if last < sum(shares) - 1:
            style.append(("LINEAFTER", (last, 0), (last, -1), 1.5, BLACK))
        first = last + 1
    return Table(
        rows,
        colWidths=[width] * sum(shares),
        style=table_style(style),
        hAlign="CENTER",
    )


def compact_block(
    conversation: PrintedConversation, size: int = 12, picture: float = COMPACT_PICTURE
) -> list[Flowable]:
    """One conversation, compact, for About me: the topic, the day and who helped, the
    three places with three cards side by side under each face, then what the member
    said about cards and about the topic; kept together on one page, so several topics
    flow one after another."""
    st = _styles(size)
    when = ParagraphStyle(f"conv_compact_when_{size}", parent=st.body, spaceAfter=2)
    word = ParagraphStyle(f"conv_compact_word_{size}", parent=st.word, fontSize=size - 1)
    cells = replace(st, word=word)
    said = [
        f"{card.word}: “{' '.join(card.own_words.split())}”"
        for place in COLUMNS
        for card in conversation.placed(place)
        if card.own_words.strip()
    ]
    name = conversation.name
    skipped = [" ".join(w.split()) for w in conversation.skipped if w.strip()]
    if skipped:
        said.append(f"{name} chose to leave out: {and_words(skipped)}.")
    if not conversation.finished:
        said.append(f"{name} stopped before the last picture.")
    own = " ".join(conversation.own_words.split())
    if own:
        said.append(f"In {name}'s own words: “{own}”")
    block: list[Flowable] = [
        rich(f"<b>{markup(conversation.topic)}</b>: {markup(_when_words(conversation))}", when),
        _compact_columns(conversation, cells, picture),
        Spacer(1, 1 * mm),
        *(para(line, when) for line in said),
    ]
    return [KeepTogether(block), Spacer(1, 4 * mm)]


def _story(conversation: PrintedConversation, size: int, picture: float) -> list[Flowable]:
    st = _styles(size)
    return [
        para(title_words(conversation), st.title),
        para(_when_words(conversation), st.body),
        Spacer(1, 3 * mm),
        _columns(conversation, st, picture),
        Spacer(1, 4 * mm),
        *_after(conversation, st),
        Spacer(1, 4 * mm),
        para(f"Thank you, {conversation.name}, for telling us what matters to you.", st.body),
    ]


def _height(story: list[Flowable]) -> float:
    return sum(
        f.wrap(CONTENT_WIDTH, CONTENT_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter()
        for f in story
    )


# (body size, card picture) tried in turn to keep the conversation on one page; when
# even the smaller one will not fit, the largest goes on over more pages.
SIZES = ((18, CARD_PICTURE), (16, 25 * mm))


def conversation_pdf(club_name: str, conversation: PrintedConversation, printed_on: date) -> bytes:
    """The member's own copy of one picture conversation: A4 upright, large print, on
    one page when the smaller of the large sizes lets it fit."""
    story = _story(conversation, *SIZES[0])
    if _height(story) > CONTENT_HEIGHT - 6 * mm:
        smaller = _story(conversation, *SIZES[1])
        if _height(smaller) <= CONTENT_HEIGHT - 6 * mm:
            story = _story(conversation, *SIZES[1])  # fresh flowables: wrap() is not undone
    return build_pdf(
        story,
        club_name=club_name,
        title=f"Picture conversation: {conversation.topic}",
        printed_on=printed_on,
    )

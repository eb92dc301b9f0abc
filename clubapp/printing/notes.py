"""The "About me" page: one person's likes, dislikes, needs and how to talk with them.

A pure function from a plain row (the frozen dataclass below) to PDF bytes; the notes
service decides what the reader may see.

The profile is always exactly one page, so it can be pinned up or kept in a folder.
The member's picture conversations shared with their name follow on their own pages
("What I told you with pictures"), the latest one on each topic with its pictures. A long
profile is first printed smaller (never below 14 pt), then the longest parts are cut
short: a list shows its first few entries and "and 12 more", a long text ends "…".
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table

from clubapp.printing.base import (
    CONTENT_HEIGHT,
    CONTENT_WIDTH,
    FONT_BOLD,
    STYLES,
    build_pdf,
    bullet,
    markup,
    para,
    rich,
    shorten,
    table_style,
)
from clubapp.printing.conversations import PrintedConversation, compact_block

__all__ = ["AboutMe", "about_me_pdf"]


@dataclass(frozen=True)
class AboutMe:
    name: str  # the name they like to be called
    full_name: str
    photo: bytes | None  # PNG or JPEG bytes, or None
    likes: tuple[str, ...]
    dislikes: tuple[str, ...]
    needs: tuple[str, ...]
    communication_tips: str  # may be ""
    access: tuple[tuple[str, str], ...]  # e.g. (("Getting about", "Uses a walking frame"),)
    # The latest picture conversation on each topic, shared with the name.
    conversations: tuple[PrintedConversation, ...] = ()


PHOTO_BOX = 40 * mm  # the photo is scaled to fit a square this size
# Body sizes tried in turn until the page fits; never below 14 pt (large print).
BODY_SIZES = (18, 17, 16, 15, 14)
# How far the cutting goes, in the order it is done (see _story): first very
# long names and texts are cut to a sensible length, then every list is cut to the same
# number of entries (down to a few), then the texts and entries are shortened further,
# then the lists are cut down to a single entry.
_SENSIBLE_NAME_CHARS = 100
_SENSIBLE_TEXT_CHARS = 600
_SENSIBLE_ENTRY_CHARS = 200
_FEW_SHOWN = 3
_MIN_SHOWN = 1
_MIN_TEXT_CHARS = 120
_MIN_ENTRY_CHARS = 50
_MIN_NAME_CHARS = 40
_SHRINK = 0.75  # each further cut keeps this share of a text's characters
# More text than this never fits one page even at 14 pt (about 75 characters a line,
# 38 lines), so the sizes are not tried one by one.
_MOST_CHARACTERS = 4000
_MOST_ENTRIES = 40  # nor do more list entries than that many lines

_BULLET_INDENT = 7 * mm

_LISTS = (
    ("likes", "I like"),
    ("dislikes", "I don't like"),
    ("needs", "What helps me"),
    ("access", "Getting about and other needs"),
)
_TIPS_HEADING = "How to talk with me"
# The order the sections print in.
_ORDER = ("likes", "dislikes", "needs", "tips", "access")


@dataclass
class _Cuts:
    """How much of each part is shown (None: all of it)."""

    name_chars: int | None = None
    tips_chars: int | None = None
    entry_chars: int | None = None  # of each list entry
    shown: int | None = None  # entries of each list


@dataclass(frozen=True)
class _Styles:
    body: ParagraphStyle
    bold: ParagraphStyle
    heading: ParagraphStyle
    name: ParagraphStyle
    full_name: ParagraphStyle


def _styles(size: int) -> _Styles:
    body = ParagraphStyle(
        f"about_body_{size}",
        parent=STYLES["body"],
        fontSize=size,
        leading=round(size * 1.3),
        spaceAfter=round(size * 0.15),
    )
    return _Styles(
        body=body,
        bold=ParagraphStyle(f"about_bold_{size}", parent=body, fontName=FONT_BOLD),
        heading=ParagraphStyle(
            f"about_heading_{size}",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=size + 4,
            leading=round((size + 4) * 1.25),
            spaceBefore=round(size * 0.6),
            spaceAfter=round(size * 0.2),
            keepWithNext=1,
        ),
        name=ParagraphStyle(
            f"about_name_{size}",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=size + 14,
            leading=round((size + 14) * 1.2),
            spaceAfter=4,
        ),
        full_name=ParagraphStyle(
            f"about_full_name_{size}", parent=body, fontSize=size + 2, leading=round(size * 1.4)
        ),
    )


def _entries(about: AboutMe, key: str) -> list[tuple[str, str]]:
    """A list's filled entries as (label, text); only access entries have a label."""
    if key == "access":
        return [(label.strip(), text.strip()) for label, text in about.access if text.strip()]
    values: Sequence[str] = getattr(about, key)
    return [("", value.strip()) for value in values if value.strip()]


def _cut(text: str, limit: int | None) -> str:
    return text if limit is None else shorten(text, limit)


def _photo(data: bytes | None) -> Image | None:
    """The photo scaled to fit :data:`PHOTO_BOX`, or None if there is none or it
    cannot be read (a damaged photo leaves the page without one rather than fail)."""
    if not data:
        return None
    try:
        width, height = ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # not a picture ReportLab can read: print the page without it
        return None
    if width <= 0 or height <= 0:
        return None
    scale = min(PHOTO_BOX / width, PHOTO_BOX / height)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale)


def _top(about: AboutMe, st: _Styles, cuts: _Cuts) -> list[Flowable]:
    name = _cut(about.name.strip() or about.full_name.strip(), cuts.name_chars)
    words: list[Flowable] = [para(name or "About me", st.name)]
    full = _cut(about.full_name.strip(), cuts.name_chars)
    if full and full != name:
        words.append(para(full, st.full_name))
    photo = _photo(about.photo)
    if photo is None:
        return [*words, Spacer(1, 2 * mm)]
    gap = 6 * mm
    table = Table(
        [[photo, words]],
        colWidths=[PHOTO_BOX + gap, CONTENT_WIDTH - PHOTO_BOX - gap],
        style=table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
        hAlign="LEFT",
    )
    return [table, Spacer(1, 2 * mm)]


def _list_section(
    heading: str, entries: list[tuple[str, str]], st: _Styles, shown: int, chars: int | None
) -> list[Flowable]:
    parts: list[Flowable] = [para(heading, st.heading)]
    for label, text in entries[:shown]:
        if label:
            label = _cut(label, chars)
            parts.append(rich(f"<b>{markup(label)}:</b> {markup(_cut(text, chars))}", st.body))
        else:
            parts.append(bullet(_cut(text, chars), st.body, indent=_BULLET_INDENT))
    if shown < len(entries):
        more = ParagraphStyle(f"{st.bold.name}_more", parent=st.bold, leftIndent=_BULLET_INDENT)
        parts.append(para(f"and {len(entries) - shown} more", more))
    return parts


def _sections(about: AboutMe, st: _Styles, cuts: _Cuts) -> dict[str, list[Flowable]]:
    """Each part of the page by its key ("top", "likes", … "tips", "access"); empty
    parts are left out."""
    parts: dict[str, list[Flowable]] = {"top": _top(about, st, cuts)}
    headings = dict(_LISTS)
    for key in _ORDER:
        if key == "tips":
            tips = about.communication_tips.strip()
            if tips:
                parts[key] = [
                    para(_TIPS_HEADING, st.heading),
                    para(_cut(tips, cuts.tips_chars), st.body),
                ]
            continue
        entries = _entries(about, key)
        if entries:
            shown = len(entries) if cuts.shown is None else min(cuts.shown, len(entries))
            parts[key] = _list_section(headings[key], entries, st, shown, cuts.entry_chars)
    if len(parts) == 1:
        nothing = "Nothing has been written here yet."
        if about.conversations:
            nothing = "The pictures I sorted are on the next page."
        parts["empty"] = [para(nothing, st.body)]
    return parts


def _height(flowables: Sequence[Flowable]) -> float:
    """The height the flowables take on the page, spaces between them included."""
    total = 0.0
    for flowable in flowables:
        total += flowable.wrap(CONTENT_WIDTH, CONTENT_HEIGHT)[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _fits(parts: dict[str, list[Flowable]]) -> bool:
    # a little room spare: the frame's own arithmetic rounds differently from ours
    return sum(_height(flowables) for flowables in parts.values()) <= CONTENT_HEIGHT - 6


def _shorter(limit: int | None, length: int, floor: int) -> Iterator[int]:
    """Ever shorter character limits for a text of ``length``, down to ``floor``."""
    current = min(limit if limit is not None else length, length)
    while current > floor:
        current = max(floor, int(current * _SHRINK))
        yield current


def _longest_list(about: AboutMe) -> int:
    return max((len(_entries(about, key)) for key, _ in _LISTS), default=0)


def _entry_length(about: AboutMe) -> int:
    return max(
        (len(label) + len(text) for key, _ in _LISTS for label, text in _entries(about, key)),
        default=0,
    )


def _characters(about: AboutMe) -> int:
    """How many characters of text the page would print, uncut."""
    entries = sum(
        len(label) + len(text) for key, _ in _LISTS for label, text in _entries(about, key)
    )
    return len(about.name) + len(about.full_name) + len(about.communication_tips) + entries


def _sensible_cuts(about: AboutMe) -> _Cuts:
    """The first cut: very long names, texts and entries down to a sensible length, and
    lists longer than a page down to a page's worth."""
    name_length = max(len(about.name.strip()), len(about.full_name.strip()))
    tips_length = len(about.communication_tips.strip())
    longest = _longest_list(about)
    return _Cuts(
        shown=_MOST_ENTRIES if longest > _MOST_ENTRIES else None,
        name_chars=_SENSIBLE_NAME_CHARS if name_length > _SENSIBLE_NAME_CHARS else None,
        tips_chars=_SENSIBLE_TEXT_CHARS if tips_length > _SENSIBLE_TEXT_CHARS else None,
        entry_chars=_SENSIBLE_ENTRY_CHARS if _entry_length(about) > _SENSIBLE_ENTRY_CHARS else None,
    )


def _deeper_cuts(about: AboutMe, cuts: _Cuts) -> Iterator[_Cuts]:
    """After the lists are down to a few entries: each cut a little deeper than the one
    before, in the order described at the top."""
    name_length = max(len(about.name.strip()), len(about.full_name.strip()))
    for chars in _shorter(cuts.tips_chars, len(about.communication_tips.strip()), _MIN_TEXT_CHARS):
        cuts = replace(cuts, tips_chars=chars)
        yield cuts
    for chars in _shorter(cuts.entry_chars, _entry_length(about), _MIN_ENTRY_CHARS):
        cuts = replace(cuts, entry_chars=chars)
        yield cuts
    for shown in range(min(_longest_list(about), _FEW_SHOWN) - 1, _MIN_SHOWN - 1, -1):
        cuts = replace(cuts, shown=shown)
        yield cuts
    for chars in _shorter(cuts.name_chars, name_length, _MIN_NAME_CHARS):
        cuts = replace(cuts, name_chars=chars)
        yield cuts


def _flatten(parts: dict[str, list[Flowable]]) -> list[Flowable]:
    return [flowable for flowables in parts.values() for flowable in flowables]


def _story(about: AboutMe) -> list[Flowable]:
    """The page's flowables, made as small as needed (within limits) to fit one page."""
    entries = sum(len(_entries(about, key)) for key, _ in _LISTS)
    if _characters(about) <= _MOST_CHARACTERS and entries <= _MOST_ENTRIES:
        for size in BODY_SIZES:
            whole = _sections(about, _styles(size), _Cuts())
            if _fits(whole):
                return _flatten(whole)
    smallest = _styles(BODY_SIZES[-1])

    def fitting(cuts: _Cuts) -> dict[str, list[Flowable]] | None:
        parts = _sections(about, smallest, cuts)
        return parts if _fits(parts) else None

    cuts = _sensible_cuts(about)
    parts = fitting(cuts)
    if parts:
        return _flatten(parts)
    # The most entries every list may keep (at least a few), found by halving.
    low, high, best = _FEW_SHOWN, min(_longest_list(about), _MOST_ENTRIES + 1) - 1, None
    while low <= high:
        middle = (low + high) // 2
        parts = fitting(replace(cuts, shown=middle))
        if parts:
            best, low = parts, middle + 1
        else:
            high = middle - 1
    if best:
        return _flatten(best)
    deepest = replace(cuts, shown=min(_longest_list(about), _FEW_SHOWN))
    for deeper in _deeper_cuts(about, deepest):
        parts = fitting(deeper)
        if parts:
            return _flatten(parts)
        deepest = deeper
    return _flatten(_sections(about, smallest, deepest))  # as short as it may get


def about_me_pdf(club_name: str, about: AboutMe, printed_on: date) -> bytes:
    """One large-print page about a person: their photo (if given) and name, then
    what they like and don't like, what helps them, how to talk with them, and
    getting about and other needs, on exactly one page (see the module notes); then the
    picture conversations, if any, on the pages after it."""
    return build_pdf(
        [*_story(about), *_pictures_part(about)],
        club_name=club_name,
        title="About me",
        printed_on=printed_on,
    )


PICTURES_HEADING = "What I told you with pictures"


def _pictures_part(about: AboutMe) -> list[Flowable]:
    """The picture conversations, from a new page: for each topic the day and who
    helped, the three columns with the cards' pictures and words, and the own words."""
    if not about.conversations:
        return []
    st = _styles(BODY_SIZES[0])
    name = about.name.strip() or about.full_name.strip()
    # Straight on under the profile, each topic kept whole on its page; the heading
    # stays with the first topic.
    blocks = [compact_block(conversation) for conversation in about.conversations]
    opening: list[Flowable] = [
        para(PICTURES_HEADING, st.heading),
        para(
            f"The latest time {name} sorted picture cards on each topic.",
            st.body,
        ),
        *blocks[0],
    ]
    return [
        Spacer(1, 2 * mm),
        KeepTogether(opening),
        *(flowable for block in blocks[1:] for flowable in block),
    ]

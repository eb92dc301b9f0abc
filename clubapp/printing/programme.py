"""The printed programme, "What's on", for members to take home.

Large print (16 pt and up), each activity with its picture. A period of up to five
weeks is printed one week to a page; a longer one one month to a page (a busy month
runs on to a second page; a day is never split between pages). Weeks or months with
no club get one line where they fall ("There is no club from 14 to 31 December
2026."), not a page each. Each club session is
a block: the weekday and date, the session's name and time, then each activity with
its picture, name, a short description, who leads it and what it costs.

Pure functions from plain rows (the frozen dataclasses below) to PDF bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, PageBreak, Spacer, Table

from clubapp.printing.base import (
    BLACK,
    CONTENT_WIDTH,
    DAY_NAMES,
    MONTH_NAMES,
    STYLES,
    build_pdf,
    format_time,
    keep_together,
    para,
    shorten,
    table_style,
)
from clubapp.printing.pictures import picture_or_photo

__all__ = [
    "WEEKLY_UP_TO_DAYS",
    "ProgrammeActivity",
    "ProgrammeSession",
    "page_groups",
    "period_words",
    "programme_pdf",
]

TITLE = "What's on"
WEEKLY_UP_TO_DAYS = 35  # up to five weeks: a week to a page; longer: a month to a page
DESCRIPTION_LIMIT = 160  # a short description: the programme is not the place for essays


@dataclass(frozen=True)
class ProgrammeActivity:
    name: str
    picture: str | None  # a name from the picture library
    photo: bytes | None
    description: str
    leader: str  # "" when nobody is named
    cost_words: str  # "£3.50"; "" when it is free
    chosen_words: str = ""  # "Chosen by the members' vote on 4 December 2026"
    note: str = ""


@dataclass(frozen=True)
class ProgrammeSession:
    on_date: date
    name: str
    start_time: time | None
    activities: tuple[ProgrammeActivity, ...]


# ---------------------------------------------------------------------------
# Dates in words


def _day_month(d: date, weekday: bool) -> str:
    words = f"{d.day} {MONTH_NAMES[d.month - 1]}"
    return f"{DAY_NAMES[d.weekday()]} {words}" if weekday else words


def period_words(start: date, end: date, *, weekday: bool = False) -> str:
    """A stretch of days in words: "1 to 31 December 2026", "30 November to 6 December
    2026", "29 December 2026 to 4 January 2027"; with ``weekday``, each date has its
    day ("Tuesday 1 to Sunday 6 December 2026")."""
    if start == end:
        return f"{_day_month(start, weekday)} {start.year}"
    if start.year != end.year:
        return f"{_day_month(start, weekday)} {start.year} to {_day_month(end, weekday)} {end.year}"
    if start.month == end.month:
        first = f"{DAY_NAMES[start.weekday()]} {start.day}" if weekday else str(start.day)
        return f"{first} to {_day_month(end, weekday)} {end.year}"
    return f"{_day_month(start, weekday)} to {_day_month(end, weekday)} {end.year}"


@dataclass(frozen=True)
class PageGroup:
    """The days one page (or more, if it is full) shows: a week or a month."""

    heading: str
    start: date
    end: date
    weekly: bool


def page_groups(date_from: date, date_to: date) -> list[PageGroup]:
    """The weeks (Monday to Sunday) or months the period is printed in, each cut to the
    period."""
    groups: list[PageGroup] = []
    if (date_to - date_from).days + 1 <= WEEKLY_UP_TO_DAYS:
        monday = date_from - timedelta(days=date_from.weekday())
        while monday <= date_to:
            start, end = max(monday, date_from), min(monday + timedelta(days=6), date_to)
            groups.append(PageGroup(period_words(start, end, weekday=True), start, end, True))
            monday += timedelta(days=7)
        return groups
    first = date(date_from.year, date_from.month, 1)
    while first <= date_to:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        start, end = max(first, date_from), min(following - timedelta(days=1), date_to)
        groups.append(PageGroup(f"{MONTH_NAMES[first.month - 1]} {first.year}", start, end, False))
        first = following
    return groups


# ---------------------------------------------------------------------------
# Styles and blocks


def _style(name: str, size: int, bold: bool = False, after: float = 0) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        parent=STYLES["easy_bold" if bold else "easy"],
        fontSize=size,
        leading=round(size * 1.3),
        spaceBefore=0,
        spaceAfter=after,
        keepWithNext=0,
    )


_PAGE_HEADING = _style("programme_page_heading", 24, bold=True, after=4)
_DAY = _style("programme_day", 22, bold=True)
_SESSION = _style("programme_session", 18, after=2)
_NAME = _style("programme_name", 20, bold=True)
_DETAIL = _style("programme_detail", 16)
_DETAIL_BOLD = _style("programme_detail_bold", 16, bold=True)
_EMPTY = _style("programme_empty", 18)


def _rule(thickness: float = 1.5) -> HRFlowable:
    return HRFlowable(width="100%", thickness=thickness, color=BLACK, spaceBefore=6, spaceAfter=4)


def _activity_row(activity: ProgrammeActivity, picture_size: float) -> Table:
    words: list[Flowable] = [para(activity.name.strip() or "An activity", _NAME)]
    if activity.description.strip():
        words.append(para(shorten(activity.description, DESCRIPTION_LIMIT), _DETAIL))
    if activity.leader.strip():
        words.append(para(f"Led by {activity.leader.strip()}", _DETAIL))
    if activity.cost_words.strip():
        words.append(para(f"Cost: {activity.cost_words.strip()}", _DETAIL))
    if activity.note.strip():
        words.append(para(shorten(activity.note, DESCRIPTION_LIMIT), _DETAIL))
    if activity.chosen_words.strip():
        words.append(para(f"{activity.chosen_words.strip()}.", _DETAIL_BOLD))
    column = picture_size + 6 * mm
    return Table(
        [[picture_or_photo(activity.picture, activity.photo, picture_size), words]],
        colWidths=[column, CONTENT_WIDTH - column],
        splitInRow=1,
        style=table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        ),
        hAlign="LEFT",
    )


def _day_block(day: ProgrammeSession, picture_size: float) -> list[Flowable]:
    session_words = day.name.strip() or "Club"
    if day.start_time is not None:
        session_words += f" at {format_time(day.start_time)}"
    parts: list[Flowable] = [
        _rule(),
        para(_day_month(day.on_date, weekday=True), _DAY),
        para(session_words, _SESSION),
    ]
    if not day.activities:
        parts.append(para("What we do is still to be planned.", _EMPTY))
    parts.extend(_activity_row(activity, picture_size) for activity in day.activities)
    return keep_together(parts, head=3, up_to=0.9)


def _no_club(run: Sequence[PageGroup]) -> Flowable:
    """One line for weeks or months in a row with no club, instead of a page each."""
    start, end = run[0].start, run[-1].end
    if len(run) == 1:
        when = "this week" if run[0].weekly else "this month"
        words = f"There is no club {when} ({period_words(start, end)})."
    else:
        words = f"There is no club from {period_words(start, end)}."
    return para(words, _EMPTY)


def _story(date_from: date, date_to: date, days: Sequence[ProgrammeSession]) -> list[Flowable]:
    story: list[Flowable] = [
        para(TITLE, "easy_title"),
        para(period_words(date_from, date_to), "easy_bold"),
        Spacer(1, 2 * mm),
    ]
    if not days:
        story.append(para("There are no club sessions in this time.", "easy"))
        story.append(para("Ask the coordinator what is planned.", "easy"))
        return story
    # Each week (or month) with club sessions starts a page; weeks without any are
    # said in one line where they fall, rather than a page each.
    started = False
    empty: list[PageGroup] = []
    for group in page_groups(date_from, date_to):
        inside = [d for d in days if group.start <= d.on_date <= group.end]
        if not inside:
            empty.append(group)
            continue
        if empty:
            story += [_rule(), _no_club(empty)]
            empty = []
        if started:
            story.append(PageBreak())
        started = True
        story.append(para(group.heading, _PAGE_HEADING))
        picture_size = 20 * mm if group.weekly else 16 * mm
        for day in inside:
            story.extend(_day_block(day, picture_size))
    if empty:
        story += [_rule(), _no_club(empty)]
    return story


def programme_pdf(
    club_name: str,
    date_from: date,
    date_to: date,
    days: Sequence[ProgrammeSession],
    printed_on: date,
) -> bytes:
    """What's on from ``date_from`` to ``date_to``: each club session in date order
    with its activities, a week to a page (or a month, for more than five weeks)."""
    days = sorted(days, key=lambda d: (d.on_date, d.start_time or time(0)))
    return build_pdf(
        _story(date_from, date_to, days), club_name=club_name, title=TITLE, printed_on=printed_on
    )

"""The volunteers' printouts: the month's rota, the checks due list and the skills
directory.

The rota goes on the wall where volunteers read it standing up, so it is printed larger
than the rest (17 pt): day by day, each line the part of the day, what is needed and what
for, who agreed, and how many more are wanted, in bold. The checks due list is for the
coordinator and the committee: the checks that ran out, then those that run out soon,
each with the person, the check, the date and how long in words; certificate numbers
only when the reader may see them. The skills directory says who can do what, person by
person, then skill by skill.

Pure functions from the services' rows to PDF; no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from itertools import groupby

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Spacer, Table

from clubapp.printing.base import (
    BLACK,
    CONTENT_HEIGHT,
    CONTENT_WIDTH,
    FONT,
    FONT_BOLD,
    LIGHT_GREY,
    STYLES,
    build_pdf,
    flowing,
    format_long_date,
    keep_together,
    markup,
    para,
    plural,
    rich,
    table_style,
    text_width,
)
from clubapp.services.checks import CheckRow
from clubapp.services.needs import Rota, RotaLine
from clubapp.services.skills import DirectoryEntry
from clubapp.services.volunteer_printouts import SkillPeople

__all__ = [
    "CHECKS_TITLE",
    "DIRECTORY_TITLE",
    "ROTA_TITLE",
    "checks_due_pdf",
    "part_words",
    "rota_pdf",
    "skills_directory_pdf",
]

ROTA_TITLE = "Volunteer rota"
CHECKS_TITLE = "Checks due"
DIRECTORY_TITLE = "Skills directory"
_PAD = 6
_GAP = 2 * mm
# A table this much of a page or less moves whole to the next page rather than split.
_SHORT_TABLE = 0.6

# ---------------------------------------------------------------- styles

# The rota: larger than the 14 pt of the other printouts, read on the wall.
ROTA_SIZE = 17
_ROTA = ParagraphStyle("rota", parent=STYLES["body"], fontSize=ROTA_SIZE, leading=22, spaceAfter=0)
_ROTA_BOLD = ParagraphStyle("rota_bold", parent=_ROTA, fontName=FONT_BOLD)
_ROTA_DAY = ParagraphStyle(
    "rota_day",
    parent=STYLES["body"],
    fontName=FONT_BOLD,
    fontSize=22,
    leading=28,
    spaceBefore=10,
    spaceAfter=4,
)
_ROTA_INTRO = ParagraphStyle("rota_intro", parent=_ROTA, spaceAfter=6)
_ROTA_TITLE = ParagraphStyle("rota_title", parent=STYLES["easy_title"])
_ROTA_MONTH = ParagraphStyle(
    "rota_month", parent=STYLES["body"], fontName=FONT_BOLD, fontSize=26, leading=32, spaceAfter=6
)
_PERSON = ParagraphStyle(
    "directory_person",
    parent=STYLES["body"],
    fontName=FONT_BOLD,
    fontSize=17,
    leading=22,
    spaceBefore=2,
    spaceAfter=2,
    keepWithNext=1,
)
# Headings over tables: the page breaks before them are worked out here (see _flowing), so
# they are not tied to the next flowable, which would move a long table whole.
_HEADING = ParagraphStyle("volunteers_heading", parent=STYLES["heading"], keepWithNext=0)
# A bold label and plain words in one paragraph: ReportLab 5.1's hyphenation inside
# words of several fragments drops the hyphens of names ("Anne-Marie" printed
# "AnneMarie"), so these paragraphs break only at spaces (and overlong words anywhere).
_LINE = ParagraphStyle("directory_line", parent=STYLES["body"], spaceAfter=2)


def _widest(texts: Iterable[str], font: str, size: float) -> float:
    """The room for the widest text on one line, padding included."""
    natural = max((text_width(t, font, size) for t in texts), default=0.0)
    return natural + 2 * _PAD + 2


class _RowTable(Table):
    """A table that splits between rows, never leaves its last row alone on a new page,
    and splits a row itself only when it is taller than a page: ReportLab would
    otherwise split a row to fill the foot of a page, after a repeated heading row, in
    the middle of the page."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._calc(availWidth, availHeight)
        heights: list[float] = list(self._rowHeights)
        heading = self.repeatRows if isinstance(self.repeatRows, int) else 0
        fits = self._getFirstPossibleSplitRowPosition(availHeight)
        if fits == len(heights) - 1 and fits - heading >= 2:
            # only the last row would go over: take the one before it along too
            availHeight = sum(heights[: fits - 1]) + 0.01
        parts = self._splitRows(availHeight, doInRowSplit=False)
        if parts:
            return parts
        if sum(heights[: heading + 1]) <= CONTENT_HEIGHT:
            return []  # the next row fits on the next page: it moves there whole
        return self._splitRows(availHeight, doInRowSplit=True)


def _table(
    rows: Sequence[Sequence[Flowable | Sequence[Flowable]]],
    widths: Sequence[float],
    *,
    header: bool = False,
    zebra: bool = True,
) -> Table:
    """A large-print table with these column widths, ruled between rows; a row too tall
    for a page is split rather than crash; the heading row, if any, repeats."""
    style: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, BLACK),
        ("BOX", (0, 0), (-1, -1), 1, BLACK),
    ]
    first = 1 if header else 0
    if header:
        style.append(("LINEBELOW", (0, 0), (-1, 0), 1.5, BLACK))
    if zebra:
        style.append(("ROWBACKGROUNDS", (0, first), (-1, -1), [colors.white, LIGHT_GREY]))
    return _RowTable(
        [list(row) for row in rows],
        colWidths=list(widths),
        repeatRows=first,
        splitInRow=1,
        style=table_style(style),
        hAlign="LEFT",
    )


def _flowing(above: Sequence[Flowable], table: Table, first_rows: int = 3) -> list[Flowable]:
    return flowing(above, table, short=_SHORT_TABLE, first_rows=first_rows)


# ---------------------------------------------------------------- the rota


def part_words(line: RotaLine) -> str:
    """The part of the day, as the rota's first column says it."""
    if line.by:
        return "Done by this day"
    if line.part:
        return line.part.capitalize()
    return "Any time"


def _who(line: RotaLine) -> list[Flowable]:
    cell: list[Flowable] = [para(name, _ROTA) for name in line.people]
    if not line.people:
        cell.append(para("Nobody yet", _ROTA))
    cell += [para(f"{name} is away that day", _ROTA) for name in line.away]
    if line.still_wanted:
        more = f"{line.still_wanted} more wanted"
        cell.append(para(more, _ROTA_BOLD))
    return cell


def _what(line: RotaLine) -> list[Flowable]:
    cell: list[Flowable] = [para(line.title, _ROTA_BOLD)]
    if line.for_words and line.for_words.casefold() != line.title.casefold():
        cell.append(para(f"For: {line.for_words}", _ROTA))
    return cell


def rota_pdf(club_name: str, rota: Rota, printed_on: date) -> bytes:
    """The month's rota, day by day, in large print."""
    story: list[Flowable] = [
        para(ROTA_TITLE, _ROTA_TITLE),
        para(rota.title_words, _ROTA_MONTH),
    ]
    if not rota.lines:
        story.append(para(f"Nothing is on the rota for {rota.title_words} yet.", _ROTA_INTRO))
        return build_pdf(story, club_name=club_name, title=ROTA_TITLE, printed_on=printed_on)
    story.append(
        para(
            "Who is helping, day by day. If you cannot come, please tell the coordinator.",
            _ROTA_INTRO,
        )
    )
    when_column = _widest((part_words(line) for line in rota.lines), FONT, ROTA_SIZE)
    # the part of the day never takes more than 30 % of the page
    when_column = min(when_column, CONTENT_WIDTH * 0.3)
    rest = CONTENT_WIDTH - when_column
    # who agreed: as wide as the longest name or "2 more wanted", within 35 to 45 %
    who = [name for line in rota.lines for name in line.people]
    who += [f"{name} is away that day" for line in rota.lines for name in line.away]
    who += [f"{line.still_wanted} more wanted" for line in rota.lines if line.still_wanted]
    who_column = min(max(_widest(who, FONT_BOLD, ROTA_SIZE), rest * 0.35), rest * 0.45)
    widths = [when_column, rest - who_column, who_column]
    for day, group in groupby(rota.lines, key=lambda line: line.day):
        rows = [[para(part_words(line), _ROTA), _what(line), _who(line)] for line in group]
        story += _flowing(
            [para(format_long_date(day), _ROTA_DAY)], _table(rows, widths, zebra=False), 1
        )
    return build_pdf(story, club_name=club_name, title=ROTA_TITLE, printed_on=printed_on)


# ---------------------------------------------------------------- checks due


def _check_cell(row: CheckRow, numbers_shown: bool) -> list[Flowable]:
    cell: list[Flowable] = [para(row.kind_words, "cell_bold")]
    if row.details:
        cell.append(para(row.details, "cell"))
    if numbers_shown and row.certificate_number:
        cell.append(rich(f"Certificate number: {markup(row.certificate_number)}", "cell"))
    if row.notes:
        cell.append(rich(f"Notes: {markup(row.notes)}", "cell"))
    return cell


def _when_cell(row: CheckRow) -> list[Flowable]:
    assert row.expires_on is not None  # only checks with a date are due
    late = row.state == "expired"
    return [
        para(row.when_words, "cell_bold" if late else "cell"),
        para(format_long_date(row.expires_on, weekday=False), "cell"),
    ]


def _check_widths(rows: Sequence[CheckRow]) -> list[float]:
    """The same widths for both tables, so their columns line up down the page."""
    size = STYLES["cell"].fontSize
    texts = ["When", *(r.when_words for r in rows)]
    texts += [format_long_date(r.expires_on, weekday=False) for r in rows if r.expires_on]
    when_column = min(_widest(texts, FONT_BOLD, size), CONTENT_WIDTH * 0.3)
    rest = CONTENT_WIDTH - when_column
    person_column = min(
        max(_widest((r.person_name for r in rows), FONT_BOLD, size), rest * 0.3), rest * 0.45
    )
    return [person_column, rest - person_column, when_column]


def _checks_table(rows: Sequence[CheckRow], numbers_shown: bool, widths: list[float]) -> Table:
    data: list[list[Flowable | list[Flowable]]] = [
        [para(h, "cell_bold") for h in ("Person", "Check", "When")]
    ]
    for row in rows:
        late = row.state == "expired"
        data.append(
            [
                para(row.person_name, "cell_bold" if late else "cell"),
                _check_cell(row, numbers_shown),
                _when_cell(row),
            ]
        )
    return _table(data, widths, header=True)


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def checks_due_pdf(
    club_name: str,
    rows: Sequence[CheckRow],
    printed_on: date,
    *,
    warning_days: int,
    numbers_shown: bool,
) -> bytes:
    """The checks that ran out, then those that run out within ``warning_days``, most
    urgent first; certificate numbers printed when ``numbers_shown``."""
    ran_out = [r for r in rows if r.state == "expired"]
    soon = [r for r in rows if r.state != "expired"]
    story: list[Flowable] = [
        para(CHECKS_TITLE, "title"),
        para(
            f"Checks that ran out, or run out in the next {_days(warning_days)}, most urgent "
            "first.",
        ),
    ]
    if not numbers_shown:
        story.append(para("Certificate numbers are printed only for the coordinator."))
    if not rows:
        story.append(
            para(
                f"No check has run out, and none runs out in the next {_days(warning_days)}.",
                "body_bold",
            )
        )
        return build_pdf(story, club_name=club_name, title=CHECKS_TITLE, printed_on=printed_on)
    widths = _check_widths(rows)
    sections = (
        (f"Ran out: {len(ran_out)}", ran_out, "No check has run out."),
        (
            f"Run out in the next {_days(warning_days)}: {len(soon)}",
            soon,
            f"None runs out in the next {_days(warning_days)}.",
        ),
    )
    for heading, section, none in sections:
        if not section:
            story += keep_together([para(heading, "heading"), para(none)])
            continue
        table = _checks_table(section, numbers_shown, widths)
        story += _flowing([para(heading, _HEADING)], table, first_rows=1)
    return build_pdf(story, club_name=club_name, title=CHECKS_TITLE, printed_on=printed_on)


# ---------------------------------------------------------------- the skills directory


def _fact(label: str, value: str) -> Flowable:
    return rich(f"<b>{markup(label)}:</b> {markup(value)}", _LINE)


def _person(entry: DirectoryEntry, contacts_shown: bool) -> list[Flowable]:
    block: list[Flowable] = [
        HRFlowable(width="100%", thickness=1, color=BLACK, spaceBefore=4, spaceAfter=2),
        para(entry.name, _PERSON),
    ]
    held = [row.words for row in entry.skills]
    # one sentence: "Can teach music making; can do IT help"
    said = "; ".join([*held[:1], *(words[:1].lower() + words[1:] for words in held[1:])])
    block.append(_fact("Skills", said or "None given yet"))
    if entry.to_learn:
        names = ", ".join(r.name for r in entry.to_learn)
        block.append(_fact("Would like to learn", names))
    free = entry.free_words.removeprefix("Free on ")
    block.append(_fact("Free", free[:1].upper() + free[1:]))
    if contacts_shown:
        block.append(_fact("Phone", entry.phone or "None on record"))
        if entry.email:
            block.append(_fact("Email", entry.email))
    return keep_together(block, head=3)


def _names(label: str, names: Sequence[str]) -> Flowable:
    return rich(f"<b>{markup(label)}:</b> {markup(', '.join(names))}", "cell")


def _by_skill(by_skill: Sequence[SkillPeople]) -> list[Flowable]:
    """A table of the skills someone has, then the skills nobody has yet in a sentence:
    the club's gaps at a glance."""
    heading = para("By skill", _HEADING)
    if not by_skill:
        return [heading, para("The club's list of skills is empty.")]
    found = [s for s in by_skill if s.teach or s.do or s.learning]
    nobody = [s.name for s in by_skill if not (s.teach or s.do or s.learning)]
    gaps = rich(f"<b>Nobody yet:</b> {markup(', '.join(nobody))}.") if nobody else None
    if not found:
        assert gaps is not None
        return keep_together([heading, gaps])
    skill_column = min(
        _widest((s.name for s in found), FONT_BOLD, STYLES["cell"].fontSize), CONTENT_WIDTH / 3
    )
    rows: list[list[Flowable | list[Flowable]]] = [
        [para("Skill", "cell_bold"), para("Who", "cell_bold")]
    ]
    for skill in found:
        who: list[Flowable] = []
        if skill.teach:
            who.append(_names("Can teach others", skill.teach))
        if skill.do:
            who.append(_names("Can do", skill.do))
        if skill.learning:
            who.append(_names("Learning", skill.learning))
        rows.append([para(skill.name, "cell_bold"), who])
    table = _table(rows, [skill_column, CONTENT_WIDTH - skill_column], header=True)
    intro = para(
        "Each skill with who can teach it, who can do it and is happy to at the club, and "
        "who is learning it."
    )
    story = _flowing([heading, intro], table)
    if gaps is not None:
        story += [Spacer(1, _GAP), gaps]
    return story


def skills_directory_pdf(
    club_name: str,
    entries: Sequence[DirectoryEntry],
    by_skill: Sequence[SkillPeople],
    printed_on: date,
    *,
    contacts_shown: bool,
) -> bytes:
    """Who can do what, person by person (phone and email when ``contacts_shown``),
    then skill by skill."""
    story: list[Flowable] = [
        para(DIRECTORY_TITLE, "title"),
        para(
            "Who can do what. Everyone's skills count: members, carers, volunteers, "
            "everyone at the club."
        ),
    ]
    if not contacts_shown:
        story.append(para("Phone numbers and emails are printed only for the coordinator."))
    story.append(para("Who can do what", "heading"))
    if not entries:
        story.append(para("Nobody has said what they can do or when they are free yet."))
    else:
        count = len(entries)
        story.append(para(f"{plural(count, 'person', 'people')}, by name.", "body"))
        for entry in entries:
            story += _person(entry, contacts_shown)
    story.append(Spacer(1, _GAP))
    story += _by_skill(by_skill)
    return build_pdf(story, club_name=club_name, title=DIRECTORY_TITLE, printed_on=printed_on)

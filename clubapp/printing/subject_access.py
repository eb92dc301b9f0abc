"""Everything the club holds about a person, in large print, to hand to them (or to the
person acting for them) after a subject access request.

A section for each kind of record, with a plain heading ("Their details", "Consent",
"Attendance"…); every section is printed, saying so when nothing of that kind is held,
so the reader can see it was looked for. A kind of record with few columns is a table,
one line per record; the others are a block per record, one "Words: value" line each.
The audit log entries are one line each ("5 December 2026, 8:24am — Sam Taylor,
Coordinator — Their details changed (phone)").

Printed at the privacy notice's size (16 pt and more), in the words the screens use:
the codes and numbers the app keeps are in the file for a computer, not here.
"""

from __future__ import annotations

from datetime import date, timezone

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from clubapp.printing.base import (
    BLACK,
    CONTENT_WIDTH,
    FONT,
    FONT_BOLD,
    STYLES,
    boxed,
    build_pdf,
    data_table,
    flowing,
    format_long_date,
    keep_together,
    markup,
    para,
    plural,
    rich,
    text_width,
)
from clubapp.printing.privacy import BODY_PT
from clubapp.services.subject_access import (
    MENTIONED,
    MENTIONED_ELSEWHERE,
    Group,
    Record,
    SubjectAccess,
)

# At most this many columns, and one for how the records concern them, fit across the
# page in large print (the record numbers are left out of a table: they mean nothing to
# the reader, and the file for a computer has them).
TABLE_COLUMNS_AT_MOST = 3
# Shown in the "how" column or line only when it says more than the heading does.
_PLAIN_HOW = frozenset({"About them", "Belongs to their record", "Their record"})

_BODY = ParagraphStyle("access_body", parent=STYLES["body"], fontSize=BODY_PT, leading=22)
_BOLD = ParagraphStyle("access_bold", parent=STYLES["body_bold"], fontSize=BODY_PT, leading=22)
_CELL = ParagraphStyle("access_cell", parent=STYLES["cell"], fontSize=BODY_PT, leading=21)
_CELL_BOLD = ParagraphStyle(
    "access_cell_bold", parent=STYLES["cell_bold"], fontSize=BODY_PT, leading=21
)
_HEADING = ParagraphStyle("access_heading", parent=STYLES["heading"], fontSize=20, leading=26)
_TITLE = ParagraphStyle("access_title", parent=STYLES["title"], fontSize=26, leading=32)
#: Every size the printout's words are in (the page's header and footer aside).
SIZES_PT = (_BODY.fontSize, _BOLD.fontSize, _CELL.fontSize, _HEADING.fontSize, _TITLE.fontSize)


def title_for(result: SubjectAccess) -> str:
    return f"Everything we hold about {result.full_name}"


def _intro(result: SubjectAccess) -> list[Flowable]:
    made = result.made_at.replace(tzinfo=timezone.utc).astimezone().date()
    story: list[Flowable] = [
        para(title_for(result), _TITLE),
        para(
            f"This is everything {result.club_name or 'the club'} keeps about "
            f"{result.full_name}"
            + (f" (known as {result.known_as})" if result.known_as else "")
            + f", as it was on {format_long_date(made, weekday=False)}.",
            _BODY,
        ),
        para(
            "It was found by following every link to their record in the club's "
            "information, and by searching all the words the club has typed in for "
            "their name. The file for a computer holds the same, and also when each "
            "record was saved.",
            _BODY,
        ),
    ]
    if result.names_searched:
        story.append(para("Names searched for: " + "; ".join(result.names_searched) + ".", _BODY))
    for words in result.names_left_alone:
        story.append(para(words, _BODY))
    story.append(
        boxed(
            para(
                "Before handing this over, read it through: where their name is "
                "mentioned in someone else's record only those words are shown, but "
                "minutes and money records may name other people too.",
                _BOLD,
            )
        )
    )
    story.append(Spacer(1, 8))
    story.append(para("What is in it", _HEADING))
    for section in result.sections:
        count = section.count
        words = plural(count, "record", "records") if count else "nothing held"
        story.append(para(f"{section.heading}: {words}.", _BODY))
    return story


def _how_words(record: Record) -> str:
    return "" if record.how in _PLAIN_HOW else record.how


def _shown_columns(group: Group) -> list[tuple[str, str]]:
    """(column, words) of the columns that hold something worth printing, in order."""
    seen: dict[str, str] = {}
    for record in group.records:
        for value in record.fields:
            if value.shown and value.column != "id" and value.column not in seen:
                seen[value.column] = value.words
    return list(seen.items())


def _as_table(
    group: Group, columns: list[tuple[str, str]], heading: list[Flowable]
) -> list[Flowable]:
    with_how = any(_how_words(r) for r in group.records)
    header = [words for _c, words in columns] + (["How it concerns them"] if with_how else [])
    texts = []
    for record in group.records:
        by_column = {f.column: f.shown for f in record.fields}
        row = [by_column.get(column, "") for column, _w in columns]
        if with_how:
            row.append(_how_words(record))
        texts.append(row)
    weights = _column_widths(header, texts)
    # The header as the first row, so the cells are in this printout's size; it repeats
    # at the top of each page the table runs on to.
    table = data_table(
        None,
        [
            [para(words, _CELL_BOLD) for words in header],
            *([para(cell, _CELL) for cell in row] for row in texts),
        ],
        weights,
        extra_style=[("LINEBELOW", (0, 0), (-1, 0), 1.5, BLACK)],
    )
    table.repeatRows = 1
    return flowing([*heading, _label(group)], table)


def _column_widths(header: list[str], rows: list[list[str]]) -> list[float]:
    """Each column as wide as its longest words on one line (a header may wrap between
    its words); when they do not all fit, the short columns keep that width and the
    long ones share what is left, so "Son" or "Yes" is never squeezed letter by letter."""
    natural = []
    for title, *cells in zip(header, *rows, strict=True):
        words = max(text_width(w, FONT_BOLD, BODY_PT) for w in title.split() or [""])
        longest = max([words, *(text_width(c, FONT, BODY_PT) for c in cells)])
        natural.append(longest + 14)  # the cell's padding on both sides, and a little
    if sum(natural) <= CONTENT_WIDTH:
        return natural
    fair = CONTENT_WIDTH / len(natural)
    short = sum(n for n in natural if n <= fair)
    long = sum(n for n in natural if n > fair)
    return [n if n <= fair else (CONTENT_WIDTH - short) * n / long for n in natural]


def _label(group: Group) -> Flowable:
    return para(f"{group.words}: {plural(len(group.records), 'record', 'records')}", _BOLD)


def _audit_line(record: Record, person_id: int) -> str:
    """ "5 December 2026, 8:24am — Sam Taylor, Coordinator — Their details changed
    (phone)": one entry of the audit log, in words."""
    by_column = {f.column: f for f in record.fields}

    def shown(column: str) -> str:
        value = by_column.get(column)
        return value.shown if value is not None else ""

    who = ", ".join(w for w in (shown("user_id"), shown("role")) if w) or "Setting up"
    table = by_column.get("record_table")
    if table is not None and table.value == "people":
        record_id = by_column.get("record_id")
        own = record_id is not None and record_id.value == person_id
        thing = "Their details" if own else "Another person's details"
    else:
        kind = shown("record_table") or "a record"
        thing = kind[:1].upper() + kind[1:]
    line = f"{shown('at')} — {who} — {thing} {shown('what') or 'changed'}"
    if fields := shown("fields"):
        line += f" ({fields})"
    return line


def _as_lines(group: Group, heading: list[Flowable], person_id: int) -> list[Flowable]:
    lines = [para(_audit_line(record, person_id), _BODY) for record in group.records]
    story = keep_together([*heading, _label(group), *lines[:1]], head=len(heading) + 2)
    return [*story, *lines[1:]]


def _as_blocks(group: Group, heading: list[Flowable]) -> list[Flowable]:
    story: list[Flowable] = []
    label = _label(group)
    for number, record in enumerate(group.records):
        lines = [f"<b>{markup(group.words)} {markup(str(record.record_id))}</b>"]
        if how := _how_words(record):
            lines.append(markup(how))
        for value in record.fields:
            if value.shown and value.column != "id":
                lines.append(f"{markup(value.words)}: {markup(value.shown)}")
        block = rich("<br/>".join(lines), _BODY)
        # The label stays with the first record, never alone at the foot of a page.
        first = [*heading, label, block] if number == 0 else [block]
        story.extend(keep_together(first, head=len(first)))
        story.append(Spacer(1, 6))
    return story


def _group(group: Group, heading: list[Flowable], person_id: int) -> list[Flowable]:
    """One table's records, with the section's heading before the first (so a heading
    never stands alone at the foot of a page)."""
    if group.table == "audit_log":
        return _as_lines(group, heading, person_id)
    columns = _shown_columns(group)
    mentions_only = all(r.how in (MENTIONED, MENTIONED_ELSEWHERE) for r in group.records)
    if columns and len(columns) <= TABLE_COLUMNS_AT_MOST and not mentions_only:
        return _as_table(group, columns, heading)
    return _as_blocks(group, heading)


def _story(result: SubjectAccess) -> list[Flowable]:
    story = _intro(result)
    for section in result.sections:
        heading = [para(section.heading, _HEADING)]
        if not section.groups:
            nothing = para("The club holds nothing of this kind about them.", _BODY)
            story.extend(keep_together([*heading, nothing]))
            continue
        for number, group in enumerate(section.groups):
            story.extend(_group(group, heading if number == 0 else [], result.person_id))
            story.append(Spacer(CONTENT_WIDTH, 6))
    return story


def subject_access_pdf(result: SubjectAccess, printed_on: date) -> bytes:
    """The large-print copy of everything the club holds about the person."""
    return build_pdf(
        _story(result),
        club_name=result.club_name or "The club",
        title=title_for(result),
        printed_on=printed_on,
        initial_font_size=BODY_PT,
    )

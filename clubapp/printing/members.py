"""Printouts about people: the member list, a session sign-in sheet, emergency contacts.

Pure functions from plain rows (the frozen dataclasses below) to PDF bytes; the
members service decides who is listed, in what order, and whether the reader may see
phone numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Spacer, Table

from clubapp.printing.base import (
    BLACK,
    CONTENT_WIDTH,
    TickBox,
    WriteOnLine,
    build_pdf,
    data_table,
    format_long_date,
    keep_together,
    markup,
    para,
    rich,
    table_style,
)

__all__ = [
    "EmergencyLine",
    "MemberListLine",
    "SignInLine",
    "emergency_contacts_pdf",
    "member_list_pdf",
    "sign_in_sheet_pdf",
]


@dataclass(frozen=True)
class MemberListLine:
    full_name: str
    known_as: str  # may be ""
    kinds: tuple[str, ...]  # display words, e.g. ("Member", "Carer")
    status: str  # display word: "Active", "Paused", "Left", "Died"
    phone: str | None  # None = the reader may not see contact details: no phone column


@dataclass(frozen=True)
class SignInLine:
    name: str  # the name people know them by (known as, else full name)
    full_name: str


@dataclass(frozen=True)
class EmergencyLine:
    person_name: str
    contact_name: str
    relationship: str  # may be ""
    phone: str
    notes: str  # access needs / communication tips summary, may be ""


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


# ---------------------------------------------------------------------------
# Member list


def member_list_pdf(club_name: str, lines: Sequence[MemberListLine], printed_on: date) -> bytes:
    """A table of people in the order given; the phone column only if phones are given.

    The phone column is shown when any line carries a phone (``None`` on every line
    means the reader may not see contact details).
    """
    title = "Member list"
    show_phone = any(line.phone is not None for line in lines)
    header = ["Name", "Known as", "Kind", "Status"]
    weights: list[float] = [44, 22, 28, 0]
    if show_phone:
        header.append("Phone")
        weights = [44, 22, 28, 0, 0]
    rows = []
    for line in lines:
        row = [line.full_name, line.known_as, ", ".join(line.kinds), line.status]
        if show_phone:
            row.append(line.phone or "")
        rows.append(row)
    story: list[Flowable] = [
        para(title, "title"),
        para(_people(len(lines)), "body_bold"),
        data_table(header, rows, weights, fit_columns=range(3, len(header))),
    ]
    return build_pdf(story, club_name=club_name, title=title, printed_on=printed_on)


# ---------------------------------------------------------------------------
# Sign-in sheet

_TICK = 14 * mm
# A sign-in row never splits across pages, so a name is cut short (with "…") rather
# than let one row grow taller than a page.
_SIGN_IN_NAME_LIMIT = 120


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def sign_in_sheet_pdf(
    club_name: str,
    session_title: str,
    session_date: date,
    lines: Sequence[SignInLine],
    printed_on: date,
) -> bytes:
    """A large-print sheet: each person's name, a big tick box and a line to sign."""
    heading = f"{session_title} — {format_long_date(session_date)}"
    tick_col = _TICK + 12
    name_col = CONTENT_WIDTH * 0.46
    sign_col = CONTENT_WIDTH - name_col - tick_col
    data: list[list] = [
        [para("Name", "large_bold"), para("Here", "large_bold"), para("Signature", "large_bold")]
    ]
    for line in lines:
        name = _short(line.name, _SIGN_IN_NAME_LIMIT)
        cell: list[Flowable] = [para(name, "large_bold")]
        full = _short(line.full_name, _SIGN_IN_NAME_LIMIT)
        if full and full != name:
            cell.append(para(full, "cell"))
        data.append([cell, TickBox(_TICK), WriteOnLine()])
    table = Table(
        data,
        colWidths=[name_col, tick_col, sign_col],
        repeatRows=1,
        style=table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LINEBELOW", (0, 0), (-1, 0), 1.5, BLACK),
                ("VALIGN", (2, 1), (2, -1), "BOTTOM"),
                ("BOTTOMPADDING", (2, 1), (2, -1), 8),
                ("LINEBELOW", (0, 1), (-1, -1), 0.5, BLACK),
            ]
        ),
        hAlign="LEFT",
    )
    story: list[Flowable] = [
        para(heading, "title"),
        para("Please tick the box and sign your name.", "large"),
        Spacer(1, 4 * mm),
        table,
    ]
    return build_pdf(story, club_name=club_name, title="Sign-in sheet", printed_on=printed_on)


# ---------------------------------------------------------------------------
# Emergency contacts

CONFIDENTIAL = "Confidential — keep safe, shred when replaced"


def _confidential_banner() -> Table:
    return Table(
        [[para(CONFIDENTIAL, "large_bold")]],
        colWidths=[CONTENT_WIDTH],
        style=table_style(
            [
                ("BOX", (0, 0), (-1, -1), 2.5, BLACK),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            ]
        ),
        hAlign="LEFT",
    )


def _person_block(person_name: str, contacts: list[EmergencyLine]) -> list[Flowable]:
    rows = []
    for contact in contacts:
        who: list[Flowable] = [para(contact.contact_name, "cell_bold")]
        if contact.relationship:
            who.append(para(contact.relationship, "cell"))
        rows.append([who, para(contact.phone, "phone")])
    parts: list[Flowable] = [
        HRFlowable(width="100%", thickness=1.5, color=BLACK, spaceBefore=6, spaceAfter=2),
        para(person_name, "heading"),
        data_table(["Contact", "Phone"], rows, [55, 45], zebra=False),
    ]
    notes = list(dict.fromkeys(c.notes.strip() for c in contacts if c.notes.strip()))
    for note in notes:
        parts.append(Spacer(1, 2 * mm))
        parts.append(rich(f"<b>Notes:</b> {markup(note)}"))
    return keep_together(parts, head=3)


def emergency_contacts_pdf(
    club_name: str, lines: Sequence[EmergencyLine], printed_on: date
) -> bytes:
    """Each person's emergency contacts, grouped under the person's name.

    Consecutive lines with the same ``person_name`` form one block (so two different
    people who share a name stay apart when the service lists them one after the
    other). Notes shared by several lines of one person print once.
    """
    title = "Emergency contacts"
    story: list[Flowable] = [para(title, "title"), _confidential_banner(), Spacer(1, 3 * mm)]
    groups = [(name, list(group)) for name, group in groupby(lines, key=lambda ln: ln.person_name)]
    story.append(para(_people(len(groups)), "body_bold"))
    if not groups:
        story.append(para("There are no emergency contacts to print.", "body"))
    for person_name, contacts in groups:
        story.extend(_person_block(person_name, contacts))
    return build_pdf(story, club_name=club_name, title=title, printed_on=printed_on)

"""The recovery sheet printed when the club turns encryption on: the passphrase in large
print, what it opens, where the files are, and what to do, for a trustee to lock away.

Without the passphrase nobody can open the club's information or its backups, so the
sheet is the club's only way back if the coordinator forgets it or leaves.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from clubapp.printing.base import STYLES, WriteOnLine, boxed, build_pdf, bullet, para

TITLE = "Recovery sheet"
BODY_PT = 16

_BODY = ParagraphStyle("recovery_body", parent=STYLES["body"], fontSize=BODY_PT, leading=22)
_HEADING = ParagraphStyle(
    "recovery_heading", parent=STYLES["heading"], fontSize=20, leading=26, spaceBefore=12
)
_TITLE = ParagraphStyle("recovery_title", parent=STYLES["title"], fontSize=26, leading=32)
_SECRET = ParagraphStyle(
    "recovery_secret", parent=STYLES["body_bold"], fontSize=24, leading=32, spaceAfter=4
)


def spelled_out(passphrase: str) -> str:
    """How many characters, and the ones easy to mistake, so it can be typed exactly."""
    spaces = passphrase.count(" ")
    parts = [f"{len(passphrase)} characters"]
    if spaces:
        parts.append(f"including {spaces} {'space' if spaces == 1 else 'spaces'}")
    capitals = sum(ch.isupper() for ch in passphrase)
    parts.append(
        "no capital letters"
        if not capitals
        else f"{capitals} capital {'letter' if capitals == 1 else 'letters'}"
    )
    return ", ".join(parts) + "."


def recovery_sheet_pdf(
    club_name: str, passphrase: str, db_path: Path, backups_dir: Path, printed_on: date
) -> bytes:
    story: list[Flowable] = [
        para(f"{club_name}: recovery sheet", _TITLE),
        para(
            "The club's information on the laptop is encrypted. This passphrase opens it, "
            "and opens every backup made since encryption was turned on.",
            _BODY,
        ),
        Spacer(1, 4 * mm),
        boxed(
            [
                para("The passphrase", _HEADING),
                para(passphrase, _SECRET),
                para(spelled_out(passphrase), _BODY),
            ],
            thickness=2.5,
            padding=10,
        ),
        para("Keep this sheet safe", _HEADING),
        bullet("Give it to a trustee to lock away, not kept with the laptop.", _BODY),
        bullet(
            "Without the passphrase nobody can open the club's information or its backups: "
            "not the club, and not the people who make clubapp.",
            _BODY,
        ),
        bullet(
            "If the passphrase is changed, or encryption is turned off, print a new sheet "
            "and shred this one.",
            _BODY,
        ),
        para("Where the information is", _HEADING),
        bullet(f"The club's information: {db_path}", _BODY),
        bullet(f"Backups: {backups_dir}", _BODY),
        para("Kept by", _HEADING),
        WriteOnLine(14 * mm),
        para("Date", _HEADING),
        WriteOnLine(14 * mm),
    ]
    return build_pdf(
        story, club_name=club_name, title=TITLE, printed_on=printed_on, initial_font_size=BODY_PT
    )

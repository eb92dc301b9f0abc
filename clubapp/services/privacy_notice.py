"""The club's privacy notice: what it keeps about people, why, who sees it, for how long,
and people's rights. Kept as text in the settings, changed by the coordinator, read and
printed (in large print) by everyone.

The text may say ``[club name]`` and ``[years]``: they are filled in from the club's
name and the years details are kept after someone leaves (the "retention_years"
setting), so the notice stays true when either changes. A line of its own without a
full stop is a heading; a line starting with "- " is an item of a list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from clubapp.services import club
from clubapp.services.errors import ValidationError
from clubapp.services.permissions import Actor, allowed

KEY = "privacy_notice"
LIMIT = 20_000
CLUB_NAME = "[club name]"
YEARS = "[years]"
WORDS = "The privacy notice"

DEFAULT_NOTICE = """\
Your information and [club name]

Who we are
[club name] is a club for people living with dementia, their carers, families and \
friends, run together with volunteers and a coordinator. The club decides how your \
information is used, and looks after it.

What we keep, and why
- Your name, how to reach you, and who to call in an emergency, so that we can run \
the club and keep you safe.
- What helps you take part: moving about, hearing, sight, food, and how best to talk \
with you.
- Notes of what you tell us you like, need, or worry about, so that the club can act \
on it. We keep notes about your health only if you agree.
- When you come to the club, and the votes and meetings you take part in.
- Photos of you, only if you agree.
- Money you give to the club or that it pays you, because a charity must keep its \
accounts.
We keep this because you agreed, or because we need it to run the club and keep people \
safe. You can change your mind about anything you agreed to, at any time.

Who sees it
Only the people who need it. The coordinator sees everything. Volunteers and the \
committee see only what they need to help you. A note about you stays private unless \
you agree to share it with the committee. We never sell your information. We give it to \
nobody else unless the law says we must, or someone is in danger.

How long we keep it
While you come to the club, and for [years] after you leave. Then we erase your \
details. The accounts are kept for 6 years, as the law says, but after we erase your \
details they show only "a former member", not your name. Once a year we check with you \
that you still agree to what you agreed to.

How we keep it safe
Your information is kept on the club's laptop, locked with passwords. Only people who \
need it can sign in. The laptop keeps a record of who changed what. Copies kept in case \
the laptop is lost are kept safe too.

Your rights
You, or someone you trust such as a carer or an attorney, can ask us:
- to show you everything we keep about you
- to put right anything that is wrong
- to erase your details
- to stop using your information for something you agreed to.
We will answer within one month.

How to ask
Speak to the coordinator at any club session, or ask a volunteer to pass on a message. \
You do not need to fill in a form.

If you are not happy
Please tell the coordinator first. You can also complain to the Information \
Commissioner's Office (ICO), which looks after everyone's rights over their information:
Telephone: 0303 123 1113
Website: ico.org.uk/make-a-complaint
"""


@dataclass(frozen=True)
class Block:
    """A piece of the notice as it is shown and printed: "title" (the first heading),
    "heading", "para" (lines kept as typed) or "item" (of a list)."""

    kind: str
    text: str


def years_words(years: int) -> str:
    return f"{years} year" if years == 1 else f"{years} years"


def fill(template: str, club_name: str, years: int) -> str:
    """The notice with ``[club name]`` and ``[years]`` filled in."""
    return template.replace(CLUB_NAME, club_name or "the club").replace(YEARS, years_words(years))


_ITEM_MARKS = ("- ", "• ")


def _is_heading(line: str) -> bool:
    return len(line) <= 80 and not line.endswith((".", ",", ";", ":"))


def blocks(text: str) -> list[Block]:
    """The notice in pieces. Paragraphs are parted by a blank line. A paragraph's first
    line is a heading when it is short and has no full stop (the notice's first heading
    is its title); a line starting with "- " or "• " is an item of a list; other lines
    are kept as typed, line by line."""
    out: list[Block] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n\n"):
        lines = [" ".join(line.split()) for line in paragraph.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if _is_heading(lines[0]) and not lines[0].startswith(_ITEM_MARKS):
            out.append(Block("heading" if out else "title", lines.pop(0)))
        plain: list[str] = []
        for line in lines:
            if line.startswith(_ITEM_MARKS):
                if plain:
                    out.append(Block("para", "\n".join(plain)))
                    plain = []
                out.append(Block("item", line[2:].strip()))
            else:
                plain.append(line)
        if plain:
            out.append(Block("para", "\n".join(plain)))
    return out


def _template(session: Session) -> str:
    saved = club.get_text(session, KEY)
    return DEFAULT_NOTICE if saved is None or not saved.strip() else saved


@allowed("privacy.notice")
def notice_text(session: Session, actor: Actor) -> str:
    """The notice as people read it: the club's name and the years filled in."""
    years = club.get_int(session, "retention_years")
    return fill(_template(session), club.club_name(session) or "", years)


@allowed("settings.edit")
def notice_template(session: Session, actor: Actor) -> str:
    """The notice as the coordinator changes it, with ``[club name]`` and ``[years]``."""
    return _template(session)


@allowed("settings.edit")
def save_notice(session: Session, actor: Actor, text: str) -> None:
    """Save the notice as typed. A blank one is refused: the club must always have one."""
    if not text.strip():
        raise ValidationError(
            KEY,
            "The privacy notice is empty. Type it, or press Use the standard wording and "
            "change what you need.",
        )
    club.set_text(session, actor, KEY, text.strip("\n") + "\n", limit=LIMIT, words=WORDS)


@allowed("privacy.notice")
def notice_pdf(session: Session, actor: Actor, today: date) -> bytes:
    """The notice in large print (16 pt and more), to hand out or put on the wall."""
    from clubapp.printing.privacy import privacy_notice_pdf

    text = notice_text(session, actor)
    return privacy_notice_pdf(club.club_name(session) or "", blocks(text), today)

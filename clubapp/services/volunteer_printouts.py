"""Gather the rows for the volunteers' printouts and make the PDFs: the month's rota (large
print, for the wall), the checks due list (for the coordinator and the committee), and
the skills directory (who can do what; contact details only for the coordinator).

The app's preview and the command line both come here. The printing package (and
ReportLab) is imported only when a printout is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from clubapp.services import checks, club, needs, skills
from clubapp.services.permissions import Actor, allowed, can


@dataclass(frozen=True)
class SkillPeople:
    """One skill of the club's list, with who has it, for the directory's "By skill"."""

    name: str
    teach: tuple[str, ...]  # can teach others, happy to use it at the club
    do: tuple[str, ...]  # can do it, happy to use it at the club
    learning: tuple[str, ...]  # learning it now


def _club_name(session: Session) -> str:
    return club.club_name(session) or ""


@allowed("volunteers.see")
def rota(session: Session, actor: Actor, year: int, month: int, today: date | None = None) -> bytes:
    """The month's volunteer rota: every day something is needed, who agreed, and how
    many more are wanted. ``today`` is the day printed (the real today if not given)."""
    from clubapp.printing.volunteers import rota_pdf

    month_rota = needs.rota(session, actor, year, month)
    return rota_pdf(_club_name(session), month_rota, today or date.today())


@allowed("checks.see")
def checks_due(session: Session, actor: Actor, today: date) -> bytes:
    """Checks that ran out, or run out within the warning days, soonest first. The
    certificate numbers print only for the coordinator (the service blanks them for
    anyone else)."""
    from clubapp.printing.volunteers import checks_due_pdf

    rows = checks.checks_due(session, actor, today)
    warning = club.get_int(session, "check_warning_days")
    return checks_due_pdf(
        _club_name(session),
        rows,
        today,
        warning_days=warning,
        numbers_shown=can(actor, "checks.numbers"),
    )


@allowed("volunteers.see")
def skill_people(
    session: Session, actor: Actor, entries: list[skills.DirectoryEntry]
) -> list[SkillPeople]:
    """Every skill on the club's list with the people who can teach it, can do it (and
    are happy to at the club) and are learning it, by name."""
    teach: dict[int, list[str]] = {}
    do: dict[int, list[str]] = {}
    learning: dict[int, list[str]] = {}
    for entry in entries:
        for row in entry.skills:
            if row.level == "learning":
                learning.setdefault(row.skill_id, []).append(entry.name)
            elif row.happy_to_use:
                into = teach if row.level == "can_teach" else do
                into.setdefault(row.skill_id, []).append(entry.name)
    return [
        SkillPeople(
            s.name,
            tuple(teach.get(s.skill_id, ())),
            tuple(do.get(s.skill_id, ())),
            tuple(learning.get(s.skill_id, ())),
        )
        for s in skills.skills(session, actor)
    ]


@allowed("volunteers.see")
def skills_directory(session: Session, actor: Actor, today: date) -> bytes:
    """Who can do what: each person's skills with their levels, what they would like to
    learn and when they are usually free (phone and email only for those who may see
    contact details); then each skill with the people who can do or teach it."""
    from clubapp.printing.volunteers import skills_directory_pdf

    entries = skills.directory(session, actor)
    return skills_directory_pdf(
        _club_name(session),
        entries,
        skill_people(session, actor, entries),
        today,
        contacts_shown=can(actor, "contacts.see"),
    )

"""The committee's screens in plain words: terms, make-up, time, decisions, action points.

Pure functions from the rows the services return to sentences, shared by the Committee
room, the meeting page and meeting mode. No Qt here, so they are easy to test.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from clubapp.services.committee import ENDING_SOON_DAYS, MakeupLine, TermRow
from clubapp.services.dates import long_date
from clubapp.services.meetings import ActionRow, DecisionRow, ItemRow, MeetingRow
from clubapp.services.words import and_words
from clubapp.ui.pages.attendance import time_words


def day_words(day: date) -> str:
    """ "18 November 2026"."""
    return long_date(day, weekday=False)


def plural(count: int, one: str, many: str | None = None) -> str:
    """ "1 trustee", "3 trustees"."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def term_end_words(row: TermRow, today: date) -> str:
    """When a term ends, saying in words when that is soon."""
    if row.ends_on is None:
        return "No end date"
    words = day_words(row.ends_on)
    if row.ends_on <= today + timedelta(days=ENDING_SOON_DAYS):
        return f"{words}. Ends soon"
    return words


def ending_soon_words(rows: Sequence[TermRow]) -> str:
    """A sentence about the terms that end within three months, or "" when none do."""
    if not rows:
        return ""
    names = [f"{r.name} ({day_words(r.ends_on)})" for r in rows if r.ends_on is not None]
    verb = "ends" if len(names) == 1 else "end"
    whose = "term" if len(names) == 1 else "terms"
    return f"{and_words(names)}: {whose} {verb} within the next three months."


def makeup_words(line: MakeupLine) -> str:
    """ "People living with dementia: 2 of 3 seats. 1 seat still to fill."."""
    seats = "seat" if line.target == 1 else "seats"
    words = f"{line.words}: {line.seats} of {line.target} {seats}."
    if line.seats < line.target:
        words += f" {plural(line.target - line.seats, 'seat')} still to fill."
    elif line.seats > line.target:
        words += f" {plural(line.seats - line.target, 'seat')} more than the aim."
    else:
        words += " The aim is met."
    return words


def makeup_met(line: MakeupLine) -> bool:
    return line.seats >= line.target


def duration_words(minutes: int) -> str:
    """ "45 minutes", "1 hour", "1 hour 5 minutes", "2 hours 30 minutes"."""
    hours, rest = divmod(max(0, minutes), 60)
    parts = []
    if hours:
        parts.append(plural(hours, "hour"))
    if rest or not hours:
        parts.append(plural(rest, "minute"))
    return " ".join(parts)


def total_time_words(items: Sequence[ItemRow], start: time | None) -> str:
    """The planned time of the whole agenda, and when it should finish."""
    timed = [i.planned_minutes for i in items if i.planned_minutes is not None]
    if not items:
        return "The agenda is empty."
    total = sum(timed)
    words = f"Planned time: {duration_words(total)}."
    untimed = len(items) - len(timed)
    if untimed:
        words += f" {plural(untimed, 'item has', 'items have')} no time planned."
    if start is not None and total:
        finish = (datetime.combine(date(2000, 1, 1), start) + timedelta(minutes=total)).time()
        words += (
            f" Starting at {time_words(start)}, the meeting should end at about "
            f"{time_words(finish)}."
        )
    return words


def item_meta_words(item: ItemRow) -> str:
    """ "Presented by Pat Green. 10 minutes planned."."""
    parts = []
    if item.presenter:
        parts.append(f"Presented by {item.presenter}.")
    if item.planned_minutes is not None:
        parts.append(f"{duration_words(item.planned_minutes)} planned.")
    else:
        parts.append("No time planned.")
    return " ".join(parts)


def meeting_when_words(on_date: date, start: time | None, place: str, chair: str) -> str:
    """ "Wednesday 18 November 2026 at 1:30 pm, at The quiet room. Chair: Ruth Ellis."."""
    words = long_date(on_date)
    if start is not None:
        words += f" at {time_words(start)}"
    if place:
        words += f", at {place}"
    words += "."
    words += f" Chair: {chair}." if chair else " No chair chosen yet."
    return words


def minutes_status_words(row: MeetingRow) -> str:
    if row.minutes_approved_on is not None:
        return f"Minutes approved on {day_words(row.minutes_approved_on)}"
    return "Draft minutes"


def decision_words(d: DecisionRow) -> str:
    """The motion, who proposed it, the counts and the outcome, as sentences."""
    words = f"Motion: {_sentence(d.motion)}"
    if d.proposer and d.seconder:
        words += f" Proposed by {d.proposer}, seconded by {d.seconder}."
    elif d.proposer:
        words += f" Proposed by {d.proposer}."
    elif d.seconder:
        words += f" Seconded by {d.seconder}."
    words += (
        f" Yes {d.votes_for}, no {d.votes_against}, not sure {d.abstentions}. {d.outcome_words}."
    )
    if d.what_happened:
        words += f" What happened: {_sentence(d.what_happened)}"
    return words


def action_words(a: ActionRow) -> str:
    """ "Book the minibus. Ann Baker, by 30 November 2026. Not done yet."."""
    words = _sentence(a.what)
    who = a.who or "Nobody named"
    if a.due_on is not None:
        words += f" {who}, by {day_words(a.due_on)}."
    else:
        words += f" {who}."
    if a.done_on is not None:
        words += f" Done on {day_words(a.done_on)}."
    else:
        words += " Not done yet."
    return words


def quorum_rule_words(number: int, top: int, bottom: int, serving: int | None = None) -> str:
    """The constitution's quorum for committee meetings, in a sentence or two."""
    words = f"A committee meeting needs at least {plural(number, 'trustee')} present"
    if top:
        words += f", or {top} in every {bottom} trustees serving, whichever is more"
    words += "."
    if serving is not None and top:
        needed = max(number, -(-serving * top // bottom))
        words += (
            f" With {plural(serving, 'trustee')} serving now, that is {plural(needed, 'trustee')}."
        )
    return words


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if text and text[-1] not in ".!?…":
        text += "."
    return text

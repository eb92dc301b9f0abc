"""Committee printouts: the agenda, the minutes, and "You said, we did".

Pure functions from plain rows (the frozen dataclasses below) to PDF bytes; the
committee service decides what is on them, in what order, and words what members
said so that nobody is named who asked not to be.

The agenda and the minutes also come in an easy-read version for members: bigger
print, one block per item with a simple picture beside it, and short sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, KeepTogether, Spacer, Table

from clubapp.printing.base import (
    BLACK,
    CONTENT_HEIGHT,
    CONTENT_WIDTH,
    STYLES,
    boxed,
    build_pdf,
    bullet,
    data_table,
    format_long_date,
    format_time,
    keep_together,
    markup,
    para,
    plural,
    rich,
    table_style,
)
from clubapp.printing.pictograms import PICTOGRAM_SIZE, pictogram

__all__ = [
    "ActionLine",
    "AgendaLine",
    "DecisionLine",
    "MeetingHeader",
    "MinutesCorrectionLine",
    "MinutesDoc",
    "MinutesItem",
    "YouSaidLine",
    "agenda_pdf",
    "minutes_pdf",
    "you_said_we_did_pdf",
]


@dataclass(frozen=True)
class MeetingHeader:
    club_name: str
    kind_words: str  # "Committee meeting", "Annual general meeting", "Members' meeting"
    on_date: date
    start_time: time | None
    place: str  # may be ""
    chair: str  # may be ""


@dataclass(frozen=True)
class AgendaLine:
    number: int
    title: str
    details: str  # may be ""
    presenter: str  # may be ""
    planned_minutes: int | None
    standing_code: str | None  # "apologies", "minutes", "matters_arising", "treasurer", "aob"
    from_members: tuple[str, ...]  # what members said that led to this item (anonymised)


@dataclass(frozen=True)
class DecisionLine:
    motion: str
    proposer: str  # may be ""
    seconder: str  # may be ""
    votes_for: int
    votes_against: int
    abstentions: int
    outcome_words: str  # e.g. "Carried", "Not carried", "Carried on the chair's casting vote"


@dataclass(frozen=True)
class ActionLine:
    what: str
    who: str
    due_on: date | None
    done_on: date | None


@dataclass(frozen=True)
class MinutesItem:
    number: int
    title: str
    discussion: str  # may be "" (then nothing is printed for it)
    decisions: tuple[DecisionLine, ...]
    actions: tuple[ActionLine, ...]
    # Matters arising: the action points from earlier meetings reviewed under this item.
    reviewed: tuple[ActionLine, ...] = ()


@dataclass(frozen=True)
class MinutesCorrectionLine:
    agreed_on: date
    text: str


@dataclass(frozen=True)
class MinutesDoc:
    header: MeetingHeader
    present: tuple[str, ...]
    apologies: tuple[str, ...]
    guests: tuple[str, ...]
    quorum_words: str  # e.g. "Quorate: 5 trustees present, 3 needed."
    items: tuple[MinutesItem, ...]
    status_words: str  # "Draft: to be approved at the next meeting." or "Approved at …"
    corrections: tuple[MinutesCorrectionLine, ...]


@dataclass(frozen=True)
class YouSaidLine:
    raised_on: date
    kind_words: str  # "An idea", "A worry", "A need", ...
    who: str  # "A member" for anonymous items, else the name people know them by
    you_said: str
    we_decided: tuple[str, ...]  # e.g. ("Carried: hire a minibus for the summer outing",)
    what_happened: tuple[str, ...]  # e.g. ("Done on 3 June 2026: minibus booked",)
    agenda_on: date | None = None  # the meeting it was put on the agenda of, if any
    praise: bool = False  # thanks need no decision: say it was passed on instead


# ---------------------------------------------------------------------------
# Shared pieces

# In easy read, the words printed beside each standing item's picture, under its title.
EASY_STANDING_WORDS: dict[str, str] = {
    "apologies": "Who could not come today.",
    "minutes": "We check the notes of the last meeting are right.",
    "matters_arising": "We go back to things from last time.",
    "treasurer": "Money: what came in and what went out.",
    "aob": "Anything else people want to talk about.",
}

# An item's heading is kept with what follows by keep_together (a heading that kept with
# the next flowable itself could push a long item on a page of its own).
_ITEM_HEADING = ParagraphStyle("item_heading", parent=STYLES["heading"], keepWithNext=0)
_LABEL = ParagraphStyle("label", parent=STYLES["body_bold"], spaceBefore=8)
_PICTURE_COLUMN = PICTOGRAM_SIZE + 6 * mm
_EASY_CELL = ParagraphStyle("easy_cell", parent=STYLES["easy"], spaceAfter=2)
_EASY_CELL_BOLD = ParagraphStyle("easy_cell_bold", parent=STYLES["easy_bold"], spaceAfter=2)
_EASY_CELL_HEADING = ParagraphStyle(
    "easy_cell_heading", parent=STYLES["easy_heading"], spaceBefore=0, keepWithNext=0
)
_EASY_FACT = ParagraphStyle("easy_fact", parent=_EASY_CELL, leftIndent=7 * mm)
# An easy-read block is kept on one page unless it is nearly a page long by itself.
_EASY_KEEP = 0.8


def _sentence(text: str) -> str:
    """Text ending with a full stop (unless it already ends a sentence)."""
    text = text.strip()
    return text if not text or text[-1] in ".!?:" else f"{text}."


def _names(names: Sequence[str]) -> str:
    return ", ".join(name.strip() for name in names if name.strip())


def _duration(minutes: int) -> str:
    """ "45 minutes", "1 hour", "2 hours 15 minutes"."""
    hours, rest = divmod(max(minutes, 0), 60)
    if not hours:
        return plural(rest, "minute", "minutes")
    words = plural(hours, "hour", "hours")
    return f"{words} {plural(rest, 'minute', 'minutes')}" if rest else words


def _when(header: MeetingHeader) -> str:
    words = format_long_date(header.on_date)
    return f"{words} at {format_time(header.start_time)}" if header.start_time else words


def _labelled(label: str, text: str, style: str | ParagraphStyle = "body") -> Flowable:
    """ "<b>Label:</b> text" with the text escaped."""
    return rich(f"<b>{markup(label)}:</b> {markup(text)}", style)


def _rule(thickness: float = 1.5) -> HRFlowable:
    return HRFlowable(width="100%", thickness=thickness, color=BLACK, spaceBefore=8, spaceAfter=4)


def _standard_heading(title: str, header: MeetingHeader) -> list[Flowable]:
    parts: list[Flowable] = [
        para(title, "title"),
        para(header.kind_words, "large_bold"),
        Spacer(1, 2 * mm),
        _labelled("When", _when(header)),
    ]
    if header.place.strip():
        parts.append(_labelled("Where", header.place))
    if header.chair.strip():
        parts.append(_labelled("Chair", header.chair))
    return parts


def _easy_heading(header: MeetingHeader, first_line: str) -> list[Flowable]:
    parts: list[Flowable] = [
        para(header.kind_words, "easy_title"),
        para(first_line, "easy"),
        _labelled("Day", format_long_date(header.on_date), "easy"),
    ]
    if header.start_time:
        parts.append(_labelled("Time", format_time(header.start_time), "easy"))
    if header.place.strip():
        parts.append(_labelled("Place", header.place, "easy"))
    if header.chair.strip():
        parts.append(para(f"The chair is {header.chair.strip()}.", "easy"))
        parts.append(para("The chair runs the meeting.", "easy"))
    return parts


def _picture_beside(code: str | None, lines: Sequence[Flowable]) -> Table:
    """A picture on the left with its words on the right."""
    return Table(
        [[pictogram(code), list(lines)]],
        colWidths=[_PICTURE_COLUMN, CONTENT_WIDTH - _PICTURE_COLUMN],
        splitInRow=1,
        style=table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
        hAlign="LEFT",
    )


def _block(
    head: Sequence[Flowable], groups: Sequence[Sequence[Flowable]], up_to: float = 0.5
) -> list[Flowable]:
    """An item kept on one page when it is short (see :func:`keep_together`); a longer
    one keeps its ``head`` together, then each of the ``groups`` that follow (a
    decision, the action points) together when that group is short."""
    flowables = [*head, *(f for group in groups for f in group)]
    kept = keep_together(flowables, head=len(head), up_to=up_to)
    if len(kept) == 1:
        return kept
    return [kept[0], *(f for group in groups for f in keep_together(group, head=1, up_to=up_to))]


def _easy_block(first: Flowable, rest: Sequence[Flowable] = ()) -> list[Flowable]:
    """One easy-read block after a thin rule, kept on one page when it fits."""
    return _block([_rule(1), first], [[flowable] for flowable in rest], up_to=_EASY_KEEP)


# ---------------------------------------------------------------------------
# Agenda


def _time_summary(items: Sequence[AgendaLine]) -> tuple[int, int]:
    """(total planned minutes, number of items with no time planned)."""
    total = sum(item.planned_minutes or 0 for item in items)
    untimed = sum(1 for item in items if item.planned_minutes is None)
    return total, untimed


def _finish_time(header: MeetingHeader, total: int) -> time | None:
    if header.start_time is None or total <= 0:
        return None
    start = datetime.combine(header.on_date, header.start_time)
    finish = start + timedelta(minutes=total)
    return finish.time() if finish.date() == header.on_date else None


def _agenda_item(item: AgendaLine) -> list[Flowable]:
    parts: list[Flowable] = [
        para(f"{item.number}. {item.title.strip() or 'No title'}", _ITEM_HEADING)
    ]
    about = []
    if item.presenter.strip():
        about.append(f"Led by {item.presenter.strip()}")
    if item.planned_minutes is not None:
        about.append(_duration(item.planned_minutes))
    if about:
        parts.append(para(" · ".join(about), "body_bold"))
    if item.details.strip():
        parts.append(para(item.details.strip()))
    said = [words for words in item.from_members if words.strip()]
    if said:
        parts.append(para("From members:", "body_bold"))
        parts.extend(bullet(words.strip()) for words in said)
    return keep_together([_rule(0.75), *parts], head=3)


def _agenda_story(header: MeetingHeader, items: Sequence[AgendaLine]) -> list[Flowable]:
    story = _standard_heading("Agenda", header)
    if not items:
        story += [_rule(), para("There is nothing on the agenda yet.")]
        return story
    for item in items:
        story.extend(_agenda_item(item))
    total, untimed = _time_summary(items)
    ending: list[Flowable] = [_rule()]
    if total:
        ending.append(para(f"Total planned time: {_duration(total)}", "large_bold"))
        if untimed:
            ending.append(
                para(f"Not counting {plural(untimed, 'item', 'items')} with no time planned.")
            )
        finish = _finish_time(header, total) if not untimed else None
        if finish:
            ending.append(para(f"Planned to finish at about {format_time(finish)}."))
    else:
        ending.append(para("No times are planned for these items.", "large_bold"))
    story.extend(keep_together(ending, head=len(ending)))
    return story


def _easy_agenda_item(item: AgendaLine) -> list[Flowable]:
    beside: list[Flowable] = [
        para(f"{item.number}. {item.title.strip() or 'No title'}", _EASY_CELL_HEADING)
    ]
    words = EASY_STANDING_WORDS.get(item.standing_code or "")
    if words:
        beside.append(para(words, _EASY_CELL))
    if item.presenter.strip():
        beside.append(para(f"{item.presenter.strip()} will talk about this.", _EASY_CELL))
    if item.planned_minutes:
        beside.append(para(f"This takes about {_duration(item.planned_minutes)}.", _EASY_CELL))
    if item.details.strip():
        beside.append(para(item.details.strip(), _EASY_CELL))
    said = [words for words in item.from_members if words.strip()]
    if said:
        beside.append(para("Members told us:", _EASY_CELL_BOLD))
        beside.extend(bullet(words.strip(), _EASY_CELL) for words in said)
    return _easy_block(_picture_beside(item.standing_code, beside))


def _easy_agenda_story(header: MeetingHeader, items: Sequence[AgendaLine]) -> list[Flowable]:
    story = _easy_heading(header, "This is the plan for the meeting.")
    if not items:
        story += [_rule(), para("There is nothing on the plan yet.", "easy")]
        return story
    story.append(para(f"We will talk about {plural(len(items), 'thing', 'things')}.", "easy_bold"))
    for item in items:
        story.extend(_easy_agenda_item(item))
    total, untimed = _time_summary(items)
    if total:
        ending = [_rule(), para(f"The meeting takes about {_duration(total)}.", "easy_bold")]
        finish = _finish_time(header, total) if not untimed else None
        if finish:
            ending.append(para(f"It should finish at about {format_time(finish)}.", "easy"))
        story.extend(keep_together(ending, head=len(ending)))
    return story


def agenda_pdf(
    header: MeetingHeader,
    items: Sequence[AgendaLine],
    printed_on: date,
    *,
    easy_read: bool = False,
) -> bytes:
    """The agenda: the meeting's day, time, place and chair, then each item in order
    with who leads it, how long it should take, its details and what members said
    that led to it; the total planned time at the end.

    ``easy_read`` gives the members' version: bigger print, one block per item with a
    picture beside each standing item (apologies, minutes, money, …) and short
    sentences.
    """
    if easy_read:
        story, title = _easy_agenda_story(header, items), "Agenda (easy read)"
    else:
        story, title = _agenda_story(header, items), "Agenda"
    return build_pdf(story, club_name=header.club_name, title=title, printed_on=printed_on)


# ---------------------------------------------------------------------------
# Minutes


def _is_yes(decision: DecisionLine) -> bool:
    return decision.outcome_words.strip().lower().startswith("carried")


def _status_banner(status_words: str, style: str) -> Table:
    return boxed(para(status_words.strip() or "Status not given.", style), thickness=2.5)


def _decision_box(decision: DecisionLine) -> Table:
    lines: list[Flowable] = [_labelled("Motion", decision.motion.strip() or "Not written down")]
    who = []
    if decision.proposer.strip():
        who.append(f"<b>Proposed by:</b> {markup(decision.proposer.strip())}")
    if decision.seconder.strip():
        who.append(f"<b>Seconded by:</b> {markup(decision.seconder.strip())}")
    if who:
        lines.append(rich(" · ".join(who)))
    lines.append(
        rich(
            f"<b>For:</b> {decision.votes_for} · <b>Against:</b> {decision.votes_against}"
            f" · <b>Abstain:</b> {decision.abstentions}"
        )
    )
    lines.append(para(decision.outcome_words.strip() or "No outcome recorded", "large_bold"))
    return boxed(lines, thickness=1.5, padding=6)


def _date_words(when: date | None, empty: str) -> str:
    return format_long_date(when, weekday=False) if when else empty


def _actions_table(actions: Sequence[ActionLine]) -> Table:
    rows = [
        [
            action.what.strip(),
            action.who.strip(),
            _date_words(action.due_on, "No date"),
            _date_words(action.done_on, "Not yet"),
        ]
        for action in actions
    ]
    return data_table(["What", "Who", "By when", "Done"], rows, [62, 38, 0, 0], fit_columns=(2, 3))


#: A heading at the foot of a page needs this many lines of what follows under it.
_FIRST_LINES = 3
#: A minutes item (or its start) this much of a page or less is kept on one page; a
#: longer one runs over, so that at most this much of a page is ever left blank.
_KEEP_MINUTES = 1 / 3


def _height(flowables: Sequence[Flowable]) -> float:
    return sum(f.wrap(CONTENT_WIDTH, CONTENT_HEIGHT)[1] for f in flowables)


def _with_first_lines(head: Sequence[Flowable], then: Sequence[Flowable]) -> list[Flowable]:
    """``head`` (a rule and an item's heading) on the same page as the start of ``then``,
    which runs on over the page: a long item starts straight away rather than leaving
    the rest of a page blank, and a heading never ends a page alone.

    A page break comes first only when the heading and the first lines of ``then`` (or a
    fifth of a page of it) would not fit on this one."""
    needed = _height(head)
    if then:
        leading = getattr(getattr(then[0], "style", None), "leading", None)
        start = _FIRST_LINES * leading if leading else CONTENT_HEIGHT / 5
        needed += min(_height(then[:1]), start)
        if len(then) > 1 and leading:  # a label heading a table: its first rows too
            needed += min(_height(then[1:2]), CONTENT_HEIGHT / 5)
    return [CondPageBreak(needed + 2 * mm), *head, *then]


def _minutes_item(item: MinutesItem) -> list[Flowable]:
    """An item kept on one page when it is short; a longer one starts at once and runs
    over the page, its heading with the first lines of what it says, and each decision
    and table of action points kept together when it is short."""
    head: list[Flowable] = [
        _rule(0.75),
        para(f"{item.number}. {item.title.strip() or 'No title'}", _ITEM_HEADING),
    ]
    groups: list[list[Flowable]] = []
    if item.discussion.strip():
        groups.append([para(item.discussion.strip())])
    if item.reviewed:
        groups.append(
            [para("Action points from earlier meetings", _LABEL), _actions_table(item.reviewed)]
        )
    groups += [[Spacer(1, 2 * mm), _decision_box(decision)] for decision in item.decisions]
    if item.actions:
        groups.append([para("Action points", _LABEL), _actions_table(item.actions)])
    everything = [*head, *(f for group in groups for f in group)]
    if _height(everything) <= CONTENT_HEIGHT * _KEEP_MINUTES:
        return [KeepTogether(everything)]
    if not groups:
        return [KeepTogether(head)]
    first, *rest = groups
    if _height([*head, *first]) <= CONTENT_HEIGHT * _KEEP_MINUTES:
        story: list[Flowable] = [KeepTogether([*head, *first])]
    else:
        story = _with_first_lines(head, first)
    for group in rest:
        story.extend(keep_together(group, head=1, up_to=_KEEP_MINUTES))
    return story


def _corrections(corrections: Sequence[MinutesCorrectionLine], style: str) -> list[Flowable]:
    if not corrections:
        return []
    heading = "easy_heading" if style == "easy" else "heading"
    parts: list[Flowable] = [_rule(), para("Corrections agreed later", heading)]
    for correction in corrections:
        when = format_long_date(correction.agreed_on)
        parts.append(_labelled(when, correction.text.strip(), style))
    return parts


def _minutes_story(doc: MinutesDoc) -> list[Flowable]:
    story = _standard_heading("Minutes", doc.header)
    story += [Spacer(1, 3 * mm), _status_banner(doc.status_words, "large_bold"), Spacer(1, 3 * mm)]
    present = _names(doc.present)
    story.append(
        _labelled("Present", present) if present else para("Nobody is recorded as present.")
    )
    apologies = _names(doc.apologies)
    story.append(_labelled("Apologies", apologies) if apologies else para("No apologies."))
    guests = _names(doc.guests)
    story.append(_labelled("Guests", guests) if guests else para("No guests."))
    if doc.quorum_words.strip():
        story.append(para(doc.quorum_words.strip(), "body_bold"))
    if not doc.items:
        story += [_rule(), para("No items were recorded.")]
    for item in doc.items:
        story.extend(_minutes_item(item))
    story.extend(_corrections(doc.corrections, "body"))
    return story


def _votes_sentence(decision: DecisionLine) -> str:
    votes = (decision.votes_for, decision.votes_against, decision.abstentions)
    if not any(votes):
        return "The votes were not counted."
    yes, no, unsure = votes
    return (
        f"{plural(yes, 'person', 'people')} said yes, {no} said no,"
        f" {unsure} {'was' if unsure == 1 else 'were'} not sure."
    )


def _easy_decision(decision: DecisionLine) -> Table:
    yes = _is_yes(decision)
    lines: list[Flowable] = [para(f"We decided: {'YES' if yes else 'NO'}.", _EASY_CELL_BOLD)]
    if decision.motion.strip():
        lines.append(para(_sentence(decision.motion), _EASY_CELL))
    lines.append(para(_votes_sentence(decision), _EASY_CELL))
    outcome = decision.outcome_words.strip()
    if outcome and outcome.lower() not in ("carried", "not carried"):
        lines.append(para(_sentence(outcome), _EASY_CELL))
    if decision.proposer.strip():
        lines.append(para(f"{decision.proposer.strip()} suggested it.", _EASY_CELL))
    if decision.seconder.strip():
        lines.append(para(f"{decision.seconder.strip()} backed it.", _EASY_CELL))
    return _picture_beside("yes" if yes else "no", lines)


def _easy_action(action: ActionLine) -> list[Flowable]:
    facts = []
    if action.who.strip():
        facts.append(f"Who: {action.who.strip()}.")
    if action.due_on:
        facts.append(f"By: {format_long_date(action.due_on, weekday=False)}.")
    facts.append(
        f"Done on {format_long_date(action.done_on, weekday=False)}."
        if action.done_on
        else "Not done yet."
    )
    return [
        bullet(_sentence(action.what) or "A job", _EASY_CELL),
        para(" ".join(facts), _EASY_FACT),
    ]


def _easy_minutes_item(item: MinutesItem) -> list[Flowable]:
    beside = [para(f"{item.number}. {item.title.strip() or 'No title'}", _EASY_CELL_HEADING)]
    if item.discussion.strip():
        beside.append(para(item.discussion.strip(), _EASY_CELL))
    rest: list[Flowable] = []
    if item.reviewed:
        looked_at: list[Flowable] = [para("Jobs from earlier meetings:", _EASY_CELL_BOLD)]
        for action in item.reviewed:
            looked_at.extend(_easy_action(action))
        rest.append(_picture_beside("jobs", looked_at))
    rest += [_easy_decision(decision) for decision in item.decisions]
    if item.actions:
        jobs: list[Flowable] = [para("Jobs to do:", _EASY_CELL_BOLD)]
        for action in item.actions:
            jobs.extend(_easy_action(action))
        rest.append(_picture_beside("jobs", jobs))
    return _easy_block(_picture_beside(None, beside), rest)


def _easy_minutes_story(doc: MinutesDoc) -> list[Flowable]:
    story = _easy_heading(doc.header, "These are the notes of the meeting.")
    story += [Spacer(1, 3 * mm), _status_banner(doc.status_words, "easy_bold"), Spacer(1, 3 * mm)]
    present = _names(doc.present)
    story.append(
        _labelled("Who came", present, "easy")
        if present
        else para("Nobody is written down as here.", "easy")
    )
    apologies = _names(doc.apologies)
    story.append(
        _labelled("Sorry, could not come", apologies, "easy")
        if apologies
        else para("No apologies.", "easy")
    )
    guests = _names(doc.guests)
    if guests:
        story.append(_labelled("Visitors", guests, "easy"))
    if doc.quorum_words.strip():
        story.append(para(doc.quorum_words.strip(), "easy"))
    if not doc.items:
        story += [_rule(), para("Nothing was written down.", "easy")]
    for item in doc.items:
        story.extend(_easy_minutes_item(item))
    story.extend(_corrections(doc.corrections, "easy"))
    return story


def minutes_pdf(doc: MinutesDoc, printed_on: date, *, easy_read: bool = False) -> bytes:
    """The minutes: the meeting, whether they are a draft or approved, who came, who
    sent apologies, the quorum, then each item with its discussion, decisions (with
    the votes and the outcome) and action points; corrections agreed later at the end.

    ``easy_read`` gives the members' version in bigger print, each decision said in
    plain words ("We decided: YES." and how many said yes, no or were not sure).
    """
    if easy_read:
        story, title = _easy_minutes_story(doc), "Minutes (easy read)"
    else:
        story, title = _minutes_story(doc), "Minutes"
    return build_pdf(story, club_name=doc.header.club_name, title=title, printed_on=printed_on)


# ---------------------------------------------------------------------------
# You said, we did


def _you_said_block(line: YouSaidLine) -> list[Flowable]:
    about = [line.kind_words.strip(), format_long_date(line.raised_on, weekday=False)]
    if line.who.strip():
        about.append(line.who.strip())
    about_words = ", ".join(markup(word) for word in about if word)
    parts: list[Flowable] = [
        rich(f"<b>You said</b> ({about_words}): {markup(line.you_said.strip())}", "easy")
    ]
    on_agenda = (
        f"It is on the agenda of the meeting on {format_long_date(line.agenda_on, weekday=False)}."
        if line.agenda_on
        else ""
    )
    if line.praise and not line.we_decided and not line.what_happened:
        passed_on = f"Thank you. We passed this on to the committee. {on_agenda}".strip()
        parts.append(_labelled("What we did", passed_on, "easy"))
        return keep_together([boxed(parts, thickness=2), Spacer(1, 5 * mm)], head=2, up_to=0.9)
    not_yet = f"The committee has not decided yet. {on_agenda}".strip()
    for label, lines, empty in (
        ("We decided", line.we_decided, not_yet),
        ("What happened", line.what_happened, "Still to do."),
    ):
        kept = [text.strip() for text in lines if text.strip()]
        if len(kept) == 1:
            parts.append(_labelled(label, _sentence(kept[0]), "easy"))
        elif kept:
            parts.append(para(f"{label}:", "easy_bold"))
            parts.extend(bullet(_sentence(text), "easy") for text in kept)
        else:
            parts.append(_labelled(label, empty, "easy"))
    return keep_together([boxed(parts, thickness=2), Spacer(1, 5 * mm)], head=2, up_to=0.9)


def you_said_we_did_pdf(
    club_name: str,
    date_from: date,
    date_to: date,
    lines: Sequence[YouSaidLine],
    printed_on: date,
) -> bytes:
    """A noticeboard sheet in large print: for each thing members raised, what they
    said, what the committee decided and what happened, one box each."""
    title = "You said, we did"
    period = (
        f"From {format_long_date(date_from, weekday=False)}"
        f" to {format_long_date(date_to, weekday=False)}"
    )
    story: list[Flowable] = [
        para(title, "easy_title"),
        para(period, "easy_bold"),
        Spacer(1, 4 * mm),
    ]
    if not lines:
        story.append(para("Nothing was raised in this time.", "easy"))
    for line in lines:
        story.extend(_you_said_block(line))
    return build_pdf(story, club_name=club_name, title=title, printed_on=printed_on)

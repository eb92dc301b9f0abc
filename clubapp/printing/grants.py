"""The grants' printouts: a grant's statement for its funder, and the grants summary for
the committee's meeting.

The statement says which grant it is (the funder, the title, the funder's reference,
the award and the grant's period) and the time it covers; then the money, as a sum
anyone can follow (brought forward + received − spent … = the balance at the end) and
what is left to spend of the award; each payment received with its date; the spending
category by category, each line with its date, who it was paid to and what for, and a
total for each category; what the grant delivered (the sessions it pays for that were
held, how many came, and the hours volunteers gave, with their worth at the club's hourly
rate); and the reports the funder wants, done and due.

The summary gives the committee the deadlines board, the applications by where they
have got to, this year and last (asked for, awarded, the success rate), and each
current award's money and time left.

Money is in pounds and pence, each column's points lined up. A long table runs on over
the page with its headings (and its category) repeated; a heading never ends a page
without the first rows of its table. Pure functions from the services' rows to PDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from clubapp.printing.base import (
    BLACK,
    CONTENT_WIDTH,
    FONT,
    FONT_BOLD,
    LIGHT_GREY,
    MONTH_NAMES,
    STYLES,
    build_pdf,
    flowing,
    format_long_date,
    keep_together,
    markup,
    para,
    rich,
    table_style,
)
from clubapp.printing.cashbook import figure_width, text_width
from clubapp.printing.fund_statements import Figure
from clubapp.services.grant_deadlines import BOARD_DAYS, Deadline, when_words
from clubapp.services.grant_delivery import Delivery
from clubapp.services.grant_money import GrantMoney, MoneyLine
from clubapp.services.grant_pipeline import Pipeline, YearTotals
from clubapp.services.grant_printouts import CurrentAward
from clubapp.services.grants import ApplicationView, ReportRow
from clubapp.services.money import pounds
from clubapp.services.volunteer_hours import GrantHours, hours_words

__all__ = [
    "STATEMENT_TITLE",
    "SUMMARY_TITLE",
    "grant_statement_pdf",
    "grants_summary_pdf",
    "left_to_spend",
    "money_sum",
    "report_words",
    "table_date",
    "volunteer_words",
]

STATEMENT_TITLE = "Grant statement"
SUMMARY_TITLE = "Grants summary"
SIZE = 14
_PAD = 5
_SIGN_COLUMN = 8 * mm
_GAP = 2 * mm
# A grant's title is often long: a size smaller than the document's title.
_NAME = ParagraphStyle("grant_name", parent=STYLES["title"], fontSize=22, leading=27, spaceAfter=2)
# Headings over tables: the page breaks before them are worked out here (see flowing),
# so they are not tied to the next flowable, which would move a long table whole.
_HEADING = ParagraphStyle("grant_heading", parent=STYLES["heading"], keepWithNext=0)
_CAPTION = ParagraphStyle(
    "grant_caption", parent=STYLES["cell_bold"], fontSize=16, leading=21, keepWithNext=0
)
_RIGHT = ParagraphStyle("grant_right", parent=STYLES["cell"], alignment=TA_RIGHT)
_RIGHT_BOLD = ParagraphStyle("grant_right_bold", parent=STYLES["cell_bold"], alignment=TA_RIGHT)


def _day(d: date) -> str:
    return format_long_date(d, weekday=False)


def table_date(d: date) -> str:
    """ "27 Sep 2024": a table's date, short enough to leave room for the words."""
    return f"{d.day} {MONTH_NAMES[d.month - 1][:3]} {d.year}"


def _span(starts: date, ends: date) -> str:
    return f"{_day(starts)} to {_day(ends)}"


# ---------------------------------------------------------------- tables


def _widest(texts: Iterable[str], font: str = FONT) -> float:
    """The room for the widest text on one line, padding included."""
    natural = max((text_width(t, font, SIZE) for t in texts), default=0.0)
    return natural + 2 * _PAD + 2


def _figure_column(pences: Iterable[int], header: str = "") -> float:
    """As wide as the widest figure (bold, for totals), and the header's longest word."""
    widest = max((figure_width(pounds(p), FONT_BOLD, SIZE) for p in pences), default=0.0)
    head = max((text_width(word, FONT_BOLD, SIZE) for word in header.split()), default=0.0)
    return max(widest, head) + 2 * _PAD + 2


def _count(n: int, *, bold: bool = False) -> Flowable:
    return para(str(n), _RIGHT_BOLD if bold else _RIGHT)


def _grid(
    header: Sequence[str] | None,
    rows: Sequence[Sequence[Flowable | str]],
    widths: Sequence[float],
    *,
    caption: str = "",
    right: Iterable[int] = (),
    total_span: int | None = None,
    zebra: bool = True,
    rules: bool = True,
    extra_style: Iterable[tuple] = (),
) -> Table:
    """A large-print table with these column widths. Strings become wrapped paragraphs;
    the ``right`` columns' headings sit over their figures; a ``caption`` (a category's
    name) heads it across its width; with ``total_span`` the last row is a total, its
    words across the columns up to that one. The caption and the heading row repeat on
    every page. Without ``rules`` the rows have no line between them."""
    right = set(right)
    data: list[list[Flowable | str]] = []
    style: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("BOX", (0, 0), (-1, -1), 1, BLACK),
    ]
    if rules:
        style.append(("LINEBELOW", (0, 0), (-1, -1), 0.5, BLACK))
    if caption:
        data.append([para(caption, _CAPTION), *[""] * (len(widths) - 1)])
        style.append(("SPAN", (0, 0), (-1, 0)))
    if header is not None:
        data.append(
            [para(h, _RIGHT_BOLD if i in right else "cell_bold") for i, h in enumerate(header)]
        )
        style.append(("LINEBELOW", (0, len(data) - 1), (-1, len(data) - 1), 1.5, BLACK))
    first = len(data)
    data += [[para(c, "cell") if isinstance(c, str) else c for c in row] for row in rows]
    if zebra:
        style.append(("ROWBACKGROUNDS", (0, first), (-1, -1), [colors.white, LIGHT_GREY]))
    last = len(data) - 1
    if total_span is not None:
        style += [
            ("SPAN", (0, last), (total_span, last)),
            ("BACKGROUND", (0, last), (-1, last), LIGHT_GREY),
            ("LINEABOVE", (0, last), (-1, last), 1.5, BLACK),
        ]
        if last > first:  # a total never starts a page alone
            style.append(("NOSPLIT", (0, last - 1), (-1, last)))
    style.extend(extra_style)
    return Table(
        data,
        colWidths=list(widths),
        repeatRows=first,
        splitInRow=1,
        style=table_style(style),
        hAlign="LEFT",
    )


@dataclass(frozen=True)
class _SumLine:
    """A row of a sum: its words, a sign, a figure; a result is printed bold on grey."""

    words: str
    sign: str
    pence: int
    result: bool = False


def _sum_table(lines: Sequence[_SumLine], figure_column: float) -> Table:
    words_column = CONTENT_WIDTH - _SIGN_COLUMN - figure_column
    rows: list[list[Flowable | str]] = []
    style: list[tuple] = [("ALIGN", (1, 0), (1, -1), "CENTER")]
    for number, line in enumerate(lines):
        look = "cell_bold" if line.result else "cell"
        rows.append(
            [
                para(line.words, look),
                para(line.sign, "cell_bold"),
                Figure(line.pence, bold=line.result),
            ]
        )
        if line.result:
            style += [
                ("BACKGROUND", (0, number), (-1, number), LIGHT_GREY),
                ("LINEABOVE", (0, number), (-1, number), 1.5, BLACK),
            ]
    return _grid(
        None,
        rows,
        [words_column, _SIGN_COLUMN, figure_column],
        zebra=False,
        extra_style=style,
    )


# ---------------------------------------------------------------- the statement: about


def _period_words(view: ApplicationView) -> str:
    starts, ends = view.row.period_starts, view.row.period_ends
    if starts and ends:
        return _span(starts, ends)
    if starts:
        return f"From {_day(starts)}, with no end date given"
    if ends:
        return f"Up to {_day(ends)}"
    return "Not given by the funder"


def _about(club_name: str, view: ApplicationView, money: GrantMoney) -> list[Flowable]:
    row = view.row
    about = [
        ("Club", club_name),
        ("Funder", row.funder_name),
        ("Grant", row.title),
        ("Funder's reference", view.funder_reference or "None given"),
        ("Amount awarded", pounds(money.awarded_pence)),
        ("Grant period", _period_words(view)),
        ("This statement covers", _span(money.starts, money.ends)),
    ]
    return [
        para(STATEMENT_TITLE, "title"),
        para(row.title, _NAME),
        para(f"From {row.funder_name}", "large"),
        Spacer(1, 2 * _GAP),
        *(rich(f"<b>{markup(label)}:</b> {markup(value)}", "body") for label, value in about),
    ]


# ---------------------------------------------------------------- the statement: money


def money_sum(money: GrantMoney) -> list[_SumLine]:
    """The statement's sum, from what was brought forward to the balance at the end."""
    lines = [
        _SumLine(
            f"Brought forward at the start, {_day(money.starts)}",
            "",
            money.brought_forward_pence,
        ),
        _SumLine("Received from the funder", "+", money.received_pence),
    ]
    if money.other_in:
        lines.append(_SumLine("Other money paid in", "+", money.other_in_pence))
    if money.moved_in_pence:
        lines.append(_SumLine("Moved in from other funds", "+", money.moved_in_pence))
    if money.moved_out_pence:
        lines.append(_SumLine("Moved out to other funds", "−", money.moved_out_pence))
    lines.append(_SumLine("Spent", "−", money.spent_pence))
    lines.append(
        _SumLine(f"Balance at the end, {_day(money.ends)}", "=", money.balance_pence, True)
    )
    return lines


def left_to_spend(money: GrantMoney) -> list[_SumLine]:
    """The award less everything spent in the grant's period up to the statement's end."""
    spent = money.spent_before_pence + money.spent_pence
    return [
        _SumLine("Amount awarded", "", money.awarded_pence),
        _SumLine(f"Spent in the grant's period up to {_day(money.ends)}", "−", spent),
        _SumLine("Left to spend of the award", "=", money.left_to_spend_pence, True),
    ]


def _money_in(
    heading: str,
    lines: Sequence[MoneyLine],
    total_words: str,
    none: str,
    after: Sequence[Flowable] = (),
    *,
    from_whom: bool,
) -> list[Flowable]:
    """Money paid in, a line for each payment with its date and what it was; other money
    than the funder's (named in the heading) says ``from_whom`` it came too."""
    title = para(heading, _HEADING)
    if not lines:
        return [title, para(none), *after]
    words = "From, and what for" if from_whom else "What for"

    def details(line: MoneyLine) -> str:
        parts = (line.payee, line.description) if from_whom else (line.description,)
        return " — ".join(p.strip() for p in parts if p.strip()) or line.payee or line.category

    total = sum(line.pence for line in lines)
    date_column = _widest(table_date(line.on) for line in lines)
    figure_column = _figure_column([*(line.pence for line in lines), total], "Amount")
    rows: list[list[Flowable | str]] = [
        [table_date(line.on), details(line), Figure(line.pence)] for line in lines
    ]
    rows.append([para(total_words, "cell_bold"), "", Figure(total, bold=True)])
    table = _grid(
        ["Date", words, "Amount"],
        rows,
        [date_column, CONTENT_WIDTH - date_column - figure_column, figure_column],
        right=[2],
        total_span=1,
    )
    return flowing([title], table, after)


def _still_to_come(view: ApplicationView) -> list[Flowable]:
    waiting = [i for i in view.instalments if i.entry_id is None]
    if not waiting:
        return []
    words = "; ".join(f"{pounds(i.amount_pence)} due on {_day(i.due_on)}" for i in waiting)
    return [Spacer(1, _GAP), rich(f"<b>Still to come from the funder:</b> {markup(words)}.")]


def _spending(money: GrantMoney) -> list[Flowable]:
    """A table for each category, largest first, its name repeated on each page it runs
    on; the widths are the same for all, so their figures line up down the pages."""
    heading = para("Spending by category", _HEADING)
    if not money.spending:
        return [heading, para("Nothing was spent from the grant in this time.")]
    categories = money.by_category()
    date_column = _widest(table_date(line.on) for line in money.spending)
    figure_column = _figure_column(
        [*(line.pence for line in money.spending), *(p for _, p in categories), money.spent_pence],
        "Amount",
    )
    rest = CONTENT_WIDTH - date_column - figure_column
    who = _widest(line.payee for line in money.spending)
    what = _widest(line.description for line in money.spending)
    # Each of the two columns of words gets a share of the room as its longest line
    # is to the other's, but never less than a third of it.
    who_column = min(max(rest * who / (who + what), rest / 3), rest * 2 / 3)
    widths = [date_column, who_column, rest - who_column, figure_column]
    total_spent = _grid(
        None,
        [[para("Total spent", "cell_bold"), "", "", Figure(money.spent_pence, bold=True)]],
        widths,
        zebra=False,
        total_span=2,
        extra_style=[("BOX", (0, 0), (-1, -1), 1.5, BLACK)],
    )
    story: list[Flowable] = []
    for number, (category, total) in enumerate(categories):
        rows: list[list[Flowable | str]] = [
            [
                table_date(line.on),
                line.payee or "Not written down",
                line.description,
                Figure(line.pence),
            ]
            for line in money.spending
            if line.category == category
        ]
        rows.append([para(f"Total for {category}", "cell_bold"), "", "", Figure(total, bold=True)])
        table = _grid(
            ["Date", "Who to", "What for", "Amount"],
            rows,
            widths,
            caption=category,
            right=[3],
            total_span=2,
        )
        above = [heading] if number == 0 else []
        after: list[Flowable] = [Spacer(1, 2 * _GAP)]
        if number == len(categories) - 1:  # the total spent under the last category
            after.append(total_spent)
        story += flowing(above, table, after)
    return story


def _money(view: ApplicationView, money: GrantMoney) -> list[Flowable]:
    sums = money_sum(money)
    left = left_to_spend(money)
    figure_column = _figure_column(line.pence for line in (*sums, *left))
    over: list[str] = []
    if money.balance_pence < 0:
        over.append(f"The grant has spent {pounds(-money.balance_pence)} more than it had.")
    if money.left_to_spend_pence < 0:
        over.append(
            f"The grant has spent {pounds(-money.left_to_spend_pence)} more than the award."
        )
    story: list[Flowable] = keep_together(
        [
            para("Money", "heading"),
            _sum_table(sums, figure_column),
            Spacer(1, 2 * _GAP),
            _sum_table(left, figure_column),
            *([Spacer(1, _GAP)] if over else []),
            *(para(words, "body_bold") for words in over),
        ]
    )
    story += _money_in(
        "Money received from the funder",
        money.received,
        "Total received",
        "No money from the funder came in during this time.",
        _still_to_come(view),
        from_whom=False,
    )
    if money.other_in:
        story += _money_in(
            "Other money paid in",
            money.other_in,
            "Total other money paid in",
            "",
            from_whom=True,
        )
    return [*story, *_spending(money)]


# ---------------------------------------------------------------- the statement: delivery


def _pays_for(view: ApplicationView) -> str:
    sessions = ", ".join(view.session_names)
    activities = ", ".join(name for _, name in view.activities)
    if sessions and activities:
        return (
            f"The grant pays for these sessions: {sessions}; and for sessions with these "
            f"activities: {activities}."
        )
    if sessions:
        return f"The grant pays for these sessions: {sessions}."
    if activities:
        return f"The grant pays for sessions with these activities: {activities}."
    return "The grant pays for the club as a whole, so every session counts."


def volunteer_words(hours: GrantHours) -> list[tuple[str, str]]:
    """The volunteer time as facts: the hours, by how many people, and what they are
    worth at the club's rate (left out when the club has set no rate)."""
    facts = [
        ("Hours given", hours_words(hours.minutes)),
        ("Different people who gave time", str(hours.people)),
    ]
    if hours.rate_pence:
        facts.append(
            (
                "Worth",
                f"{pounds(hours.value_pence)} at {pounds(hours.rate_pence)} an hour "
                "(the club's rate)",
            )
        )
    return facts


def _volunteer_time(delivered: Delivery) -> list[Flowable]:
    """Volunteer time given to what the grant pays for, a figure funders ask for."""
    hours = delivered.volunteers
    if hours is None:
        return []
    heading = para("Volunteer time", _CAPTION)
    if hours.whole_club:
        scope = "Every hour volunteers logged counts, as the grant pays for the club as a whole."
    else:
        scope = (
            "These are the hours volunteers logged for the sessions and activities the "
            "grant pays for, and for the club's needs tied to the grant."
        )
    if not hours.minutes:
        span = _span(hours.starts, hours.ends)
        return keep_together(
            [
                Spacer(1, 2 * _GAP),
                heading,
                para(f"No volunteer hours were logged for what the grant pays for from {span}."),
            ]
        )
    facts = [
        rich(f"<b>{markup(label)}:</b> {markup(value)}") for label, value in volunteer_words(hours)
    ]
    return keep_together([Spacer(1, 2 * _GAP), heading, para(scope), *facts])


def _delivery(view: ApplicationView, delivered: Delivery) -> list[Flowable]:
    story: list[Flowable] = [para("What the grant delivered", _HEADING), para(_pays_for(view))]
    if delivered.records_from is not None:
        story.append(
            para(
                "The club's attendance records in this app start on "
                f"{format_long_date(delivered.records_from, weekday=False)}: sessions before then "
                "are not counted here."
            )
        )
    if not delivered.sessions:
        span = _span(delivered.starts, delivered.ends)
        return [
            *keep_together(
                [*story, para(f"No sessions the grant pays for were held from {span}.")]
            ),
            *_volunteer_time(delivered),
        ]
    facts = [
        ("Sessions held", str(delivered.sessions)),
        ("Attendances (each person at each session, added up)", str(delivered.attendances)),
        ("Different people who came", str(delivered.people)),
        ("People at a session, on average", str(delivered.average)),
    ]
    story += [rich(f"<b>{markup(label)}:</b> {markup(value)}") for label, value in facts]
    numbers = ["Held", "Attendances"]
    number_column = _widest(numbers, FONT_BOLD)
    rows: list[list[Flowable | str]] = [
        [name, _count(held), _count(came)] for name, held, came in delivered.by_name
    ]
    rows.append(
        [
            para("All sessions", "cell_bold"),
            _count(delivered.sessions, bold=True),
            _count(delivered.attendances, bold=True),
        ]
    )
    table = _grid(
        ["Sessions held", *numbers],
        rows,
        [CONTENT_WIDTH - 2 * number_column, number_column, number_column],
        right=[1, 2],
        total_span=0,
    )
    return [*flowing([*story, Spacer(1, _GAP)], table), *_volunteer_time(delivered)]


# ---------------------------------------------------------------- the statement: reports


def report_words(report: ReportRow, today: date) -> str:
    """ "Sent on 3 March 2027", or when it is due: "Not yet: due in 5 days", "Not yet:
    overdue by 3 days"."""
    if report.status == "sent":
        return f"Sent on {_day(report.sent_on)}" if report.sent_on else "Sent"
    when = when_words((report.due_on - today).days)
    return f"Not yet: {when[0].lower()}{when[1:]}"


def _reports(view: ApplicationView, today: date) -> list[Flowable]:
    heading = para("Reports for the funder", _HEADING)
    if not view.reports:
        return keep_together([heading, para("The funder has not asked for any reports.")])
    rows: list[list[Flowable | str]] = []
    for report in view.reports:
        late = report.status == "due" and report.due_on < today
        what = report.kind_words + (f": {report.note}" if report.note else "")
        words = report_words(report, today)
        rows.append([table_date(report.due_on), what, para(words, "cell_bold") if late else words])
    date_column = _widest(table_date(r.due_on) for r in view.reports)
    sent_column = min(
        _widest((report_words(r, today) for r in view.reports), FONT_BOLD),
        (CONTENT_WIDTH - date_column) / 2,
    )
    table = _grid(
        ["Due", "Report", "Sent"],
        rows,
        [date_column, CONTENT_WIDTH - date_column - sent_column, sent_column],
    )
    return flowing([heading], table)


def grant_statement_pdf(
    club_name: str,
    view: ApplicationView,
    money: GrantMoney,
    delivered: Delivery,
    printed_on: date,
) -> bytes:
    """One grant's statement for its funder, for the time ``money`` covers."""
    story = _about(club_name, view, money)
    story += _money(view, money)
    story += _delivery(view, delivered)
    story += _reports(view, printed_on)
    return build_pdf(story, club_name=club_name, title=STATEMENT_TITLE, printed_on=printed_on)


# ---------------------------------------------------------------- the summary


def _deadlines(deadlines: Sequence[Deadline], days: int) -> list[Flowable]:
    heading = para(f"Deadlines in the next {days} days", _HEADING)
    if not deadlines:
        return [heading, para(f"Nothing is due in the next {days} days, and nothing is overdue.")]
    rows: list[list[Flowable | str]] = []
    for deadline in deadlines:
        look = "cell_bold" if deadline.urgency == "overdue" else "cell"
        rows.append(
            [
                para(table_date(deadline.due_on), look),
                para(deadline.when_words, look),
                para(deadline.title, look),
            ]
        )
    date_column = _widest((table_date(d.due_on) for d in deadlines), FONT_BOLD)
    when_column = min(_widest((d.when_words for d in deadlines), FONT_BOLD), CONTENT_WIDTH / 3)
    table = _grid(
        ["Date", "When", "What"],
        rows,
        [date_column, when_column, CONTENT_WIDTH - date_column - when_column],
    )
    note = para("Soonest first. Anything overdue or missed is at the top, in bold.")
    return flowing([heading, note], table)


def _pipeline(pipeline: Pipeline) -> list[Flowable]:
    rows: list[list[Flowable | str]] = []
    for status in pipeline.statuses:
        words = status.status_words
        if status.missed:
            its = "its" if status.missed == 1 else "their"
            words += f" ({status.missed} missed {its} deadline)"
        rows.append(
            [
                words,
                _count(status.count),
                Figure(status.asked_pence) if status.asked_pence else "",
                Figure(status.awarded_pence) if status.awarded_pence else "",
            ]
        )
    count_column = _widest(["Number"], FONT_BOLD)
    figure_column = _figure_column(
        [p for s in pipeline.statuses for p in (s.asked_pence, s.awarded_pence)], "Awarded"
    )
    table = _grid(
        ["Where it has got to", "Number", "Asked for", "Awarded"],
        rows,
        [
            CONTENT_WIDTH - count_column - 2 * figure_column,
            count_column,
            figure_column,
            figure_column,
        ],
        right=[1, 2, 3],
    )
    return flowing([para("Applications by where they have got to", _HEADING)], table)


def _year_column(totals: YearTotals) -> list[Flowable | str]:
    rate = "None decided" if totals.success_percent is None else f"{totals.success_percent}%"
    return [
        _count(totals.sent),
        Figure(totals.asked_pence),
        _count(totals.awarded),
        Figure(totals.awarded_pence),
        _count(totals.declined),
        para(rate, _RIGHT_BOLD),
    ]


def _years(pipeline: Pipeline) -> list[Flowable]:
    this, last = pipeline.this_year, pipeline.last_year
    labels = [
        "Applications sent",
        "Asked for",
        "Awarded",
        "Amount awarded",
        "Turned down",
        "Success rate",
    ]
    header = ["", f"This year, {this.year.name}", f"Last year, {last.year.name}"]
    figure_column = _figure_column(
        [this.asked_pence, this.awarded_pence, last.asked_pence, last.awarded_pence],
        max(header[1:], key=len),
    )
    rows: list[list[Flowable | str]] = [
        [para(label, "cell_bold"), a, b]
        for label, a, b in zip(labels, _year_column(this), _year_column(last), strict=True)
    ]
    table = _grid(
        header,
        rows,
        [CONTENT_WIDTH - 2 * figure_column, figure_column, figure_column],
        right=[1, 2],
    )
    words = [
        Spacer(1, _GAP),
        rich(f"<b>This year:</b> {markup(this.success_words)}"),
        rich(f"<b>Last year:</b> {markup(last.success_words)}"),
        para(
            "An application counts in the year it was sent; an award or a refusal in the "
            "year the funder decided. The success rate is the share of decisions that were "
            "awards."
        ),
    ]
    return flowing([para("This year and last year", _HEADING)], table, words)


def _award_figures(award: CurrentAward) -> tuple[int, int, int, int]:
    return (
        award.awarded_pence,
        award.received_pence,
        award.spent_pence,
        award.left_to_spend_pence,
    )


def _awards(awards: Sequence[CurrentAward]) -> list[Flowable]:
    """A row of figures for each award, its time left in words across the row under it;
    the two are never split between pages, nor the last award from the total."""
    heading = para("Current awards", _HEADING)
    if not awards:
        return [heading, para("There are no current awards.")]
    totals = CurrentAward(
        0,
        "",
        "All current awards",
        sum(a.awarded_pence for a in awards),
        sum(a.received_pence for a in awards),
        sum(a.spent_pence for a in awards),
        sum(a.left_to_spend_pence for a in awards),
        None,
        "",
    )
    figure_column = _figure_column(
        [p for a in (*awards, totals) for p in _award_figures(a)], "Received"
    )
    rows: list[list[Flowable | str]] = []
    style: list[tuple] = []
    for award in awards:
        first = len(rows) + 1  # after the heading row
        about = f"<b>{markup(award.title)}</b><br/>{markup(award.funder_name)}"
        rows.append([rich(about, "cell"), *(Figure(p) for p in _award_figures(award))])
        rows.append([award.time_left_words, "", "", "", ""])
        style += [
            ("SPAN", (0, first + 1), (-1, first + 1)),
            ("NOSPLIT", (0, first), (-1, first + 1)),
            ("LINEBELOW", (0, first + 1), (-1, first + 1), 0.5, BLACK),
            ("TOPPADDING", (0, first + 1), (-1, first + 1), 0),
        ]
    rows.append(
        [para(totals.title, "cell_bold"), *(Figure(p, bold=True) for p in _award_figures(totals))]
    )
    table = _grid(
        ["Grant", "Awarded", "Received", "Spent", "Left to spend"],
        rows,
        [CONTENT_WIDTH - 4 * figure_column, *[figure_column] * 4],
        right=[1, 2, 3, 4],
        total_span=0,
        zebra=False,
        rules=False,
        extra_style=[*style, ("NOSPLIT", (0, len(rows) - 2), (-1, len(rows)))],
    )
    note = para(
        "Received is the funder's payments that have come in; spent is from the start of "
        "each grant's period up to today."
    )
    return flowing([heading, note], table)


def grants_summary_pdf(
    club_name: str,
    deadlines: Sequence[Deadline],
    pipeline: Pipeline,
    awards: Sequence[CurrentAward],
    printed_on: date,
    *,
    days: int = BOARD_DAYS,
) -> bytes:
    """The grants on a few pages for the committee's meeting."""
    story: list[Flowable] = [
        para(SUMMARY_TITLE, "title"),
        para(f"For the committee, {format_long_date(printed_on)}", "large"),
        Spacer(1, _GAP),
    ]
    story += _deadlines(deadlines, days)
    story += _pipeline(pipeline)
    story += _years(pipeline)
    story += _awards(awards)
    return build_pdf(story, club_name=club_name, title=SUMMARY_TITLE, printed_on=printed_on)

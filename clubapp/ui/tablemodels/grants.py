"""The Grants room's lists: the pipeline by status, the applications and the funders.

Each is a RowsModel over rows a service returned, shown as words (a missed deadline and
an award above the amount asked for are said, not only coloured); the row's id (the
status, for the pipeline) is in ``Qt.UserRole``. Cells with several facts put each on a
line of its own, and each list has three columns: at 200 % text in a 1280 px window a
fourth would be narrower than an amount like "£30,000.00", which would be cut short.
"""

from __future__ import annotations

from datetime import date

from clubapp.services.dates import long_date
from clubapp.services.grant_pipeline import StatusTotal
from clubapp.services.grants import AWARDED_STATUSES, ApplicationRow, FunderRow
from clubapp.services.money import pounds
from clubapp.ui.tablemodels.committee import _WordsModel


def count_words(n: int, one: str, many: str) -> str:
    """ "1 application", "1,204 applications"."""
    return f"{n:,} {one if n == 1 else many}"


def _day(day: date) -> str:
    return long_date(day, weekday=False)


def status_words(row: ApplicationRow) -> str:
    """ "Submitted"; "Preparing — deadline missed" once the deadline passed unsent."""
    return f"{row.status_words} — deadline missed" if row.missed else row.status_words


def where_words(row: ApplicationRow) -> str:
    """Where it is, then what was asked for and what was awarded, one to a line; an
    award above the amount asked for says by how much."""
    lines = [
        status_words(row),
        "No amount yet" if row.asked_pence is None else f"Asked for {pounds(row.asked_pence)}",
    ]
    if row.awarded_pence is not None and row.status in AWARDED_STATUSES:
        lines.append(f"Awarded {pounds(row.awarded_pence)}")
        if row.over_asked_pence:
            lines.append(f"{pounds(row.over_asked_pence)} more than asked for")
    return "\n".join(lines)


def dates_words(row: ApplicationRow) -> str:
    """The dates that matter for where the application is, one to a line."""
    lines = []
    if row.deadline is not None:
        lines.append(f"Deadline {_day(row.deadline)}")
    if row.submitted_on is not None:
        lines.append(f"Sent {_day(row.submitted_on)}")
    if row.decided_on is not None:
        lines.append(f"Decided {_day(row.decided_on)}")
    elif row.decision_expected is not None and row.status == "submitted":
        lines.append(f"Decision expected {_day(row.decision_expected)}")
    if row.period_ends is not None and row.status == "awarded":
        lines.append(f"Grant ends {_day(row.period_ends)}")
    return "\n".join(lines) or "No dates yet"


class PipelineModel(_WordsModel):
    """Each status in the pipeline's order with how many are there (and how many of those
    missed their deadline while still an idea or being prepared), asked for, awarded."""

    HEADERS = ("Where it is", "Asked for", "Awarded")

    def cells(self, row: StatusTotal) -> tuple[str, ...]:
        where = f"{row.status_words}\n{count_words(row.count, 'application', 'applications')}"
        if row.missed:
            where += f"\n{count_words(row.missed, 'deadline', 'deadlines')} missed"
        asked = pounds(row.asked_pence) if row.asked_pence else "No amount yet"
        return (where, asked, pounds(row.awarded_pence))

    def row_id(self, row: StatusTotal) -> str:  # type: ignore[override]
        return row.status


class ApplicationsModel(_WordsModel):
    """Applications: the title and the funder, where it is with the money, the dates."""

    HEADERS = ("Application", "Where it is", "Dates")

    def cells(self, row: ApplicationRow) -> tuple[str, ...]:
        return (f"{row.title}\nFunder: {row.funder_name}", where_words(row), dates_words(row))

    def row_id(self, row: ApplicationRow) -> int:
        return row.application_id


class FundersModel(_WordsModel):
    """Funders by name with their kind, who to contact and their phone, and what the
    club has had from them. (Email addresses are on the funder's page: one long word,
    cut short in a narrow column.)"""

    HEADERS = ("Funder", "Contact", "Applications")

    def cells(self, row: FunderRow) -> tuple[str, ...]:
        contact = "\n".join(w for w in (row.contact_name, row.phone) if w)
        if row.applications:
            history = count_words(row.applications, "application", "applications")
            history += (
                f"\n{pounds(row.awarded_pence)} awarded"
                if row.awarded_pence
                else "\nNothing awarded"
            )
        else:
            history = "None yet"
        return (f"{row.name}\n{row.kind_words}", contact or "Nobody named", history)

    def row_id(self, row: FunderRow) -> int:
        return row.funder_id

"""The audit log as a list: when (in local time, "Sat 5 Dec 2026, 09:14"), who, what was
done (the area and the action), and which record with the fields that changed.

A RowsModel over the AuditRow list a service returned; ``Qt.UserRole`` holds the entry's
number. Two columns, "When and who" and "What was done", each fact on a line of its own,
so that nothing is cut short at 200 % text in a 1280 px window (four columns were too
narrow there for "Coordinator"). Field names are shown as words ("full name", not
"full_name"), and a long double-barrelled name may wrap after its hyphen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone, tzinfo
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from clubapp.services.audit import AuditRow
from clubapp.services.dates import MONTH_WORDS, WEEKDAY_WORDS
from clubapp.ui.tablemodels.committee import _WordsModel

#: The entry's area code ("people", "money", …), for tests and filters.
AREA_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def when_words(at: datetime, zone: tzinfo | None = None) -> str:
    """A UTC time from the log in the laptop's own time (or ``zone``), the way people
    read it: "Sat 5 Dec 2026, 09:14"."""
    local = at.replace(tzinfo=timezone.utc).astimezone(zone)
    day = f"{WEEKDAY_WORDS[local.weekday()][:3]} {local.day} {MONTH_WORDS[local.month - 1][:3]}"
    return f"{day} {local.year}, {local:%H:%M}"


def fields_words(fields: str) -> str:
    """ "full_name, phone" -> "full name, phone"."""
    return ", ".join(f.strip().replace("_", " ") for f in fields.split(",") if f.strip())


# After a hyphen, where a long name may wrap in a narrow column.
_BREAK = "\u200b"


def when_and_who(row: AuditRow, zone: tzinfo | None = None) -> str:
    """ "Sat 5 Dec 2026, 09:14", then who, then their role, a line each."""
    who = f"{row.who}\n{row.role_word}" if row.role_word else row.who
    return f"{when_words(row.at, zone)}\n{who}"


def done_words(row: AuditRow) -> str:
    """ "People: changed" then the action ("Save person") on the line below."""
    return f"{row.area_word}: {row.what}\n{row.action_words}"


def record_words(row: AuditRow) -> str:
    fields = fields_words(row.fields)
    first = row.record_words[:1].upper() + row.record_words[1:]
    first = first.replace("-", f"-{_BREAK}")
    return f"{first}\nFields: {fields}" if fields else first


def what_words(row: AuditRow) -> str:
    """The area and what happened, the action, the record and its fields, a line each."""
    return f"{done_words(row)}\n{record_words(row)}"


class AuditModel(_WordsModel):
    """Who changed what, newest first. :meth:`add_rows` puts an older page below."""

    HEADERS = ("When and who", "What was done")

    def __init__(self, parent: QObject | None = None, zone: tzinfo | None = None) -> None:
        super().__init__(parent)
        self._zone = zone

    def cells(self, row: AuditRow) -> tuple[str, ...]:
        return (when_and_who(row, self._zone), what_words(row))

    def row_id(self, row: AuditRow) -> int:
        return row.entry_id

    def add_rows(self, rows: Sequence[AuditRow]) -> None:
        """Older entries, below those shown (no reset: what is chosen stays chosen)."""
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == AREA_ROLE and index.isValid() and 0 <= index.row() < len(self._rows):
            return self._rows[index.row()].area
        return super().data(index, role)

"""Put grant deadlines on a meeting's agenda: the funders' reports, application deadlines,
payments expected and grants ending before the meeting after it, each with a big tick
box; each one ticked becomes an agenda item, and leaves the committee's inbox."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from clubapp.services import grant_deadlines
from clubapp.services.grant_deadlines import Deadline, MeetingOffers
from clubapp.ui.context import COMMITTEE, AppContext
from clubapp.ui.pages.agenda_forms import NotePickList
from clubapp.ui.pages.committee import label
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.pages.grants import deadline_when
from clubapp.ui.tablemodels.grants import count_words
from clubapp.ui.tablemodels.rows import RowsModel

_AnyIndex = QModelIndex | QPersistentModelIndex
Key = tuple[str, int]  # (thing, thing_id), as grant_deadlines.Deadline.key


def deadline_count(n: int) -> str:
    return count_words(n, "grant deadline", "grant deadlines")


def offers_words(offers: MeetingOffers) -> str:
    """How many are waiting, and up to when: "2 grant deadlines due by 30 January 2027
    are waiting." """
    if not offers.deadlines:
        return f"No grant deadlines due {offers.until_words} are waiting."
    n = len(offers.deadlines)
    return f"{deadline_count(n)} due {offers.until_words} {'is' if n == 1 else 'are'} waiting."


class DeadlinePickModel(RowsModel[Deadline]):
    """The grant deadlines offered, one column, for :class:`NotePickList` to show: how
    soon on the first line and what is due under it, a tick in ``Qt.CheckStateRole``.
    Ticks are kept by each deadline's key, in the order they were made."""

    HEADERS = ("Grant deadline",)
    ID_FIELD = "key"
    ticked_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ticked: dict[Key, None] = {}

    def set_rows(self, rows: Sequence[Deadline]) -> None:
        """Offer these deadlines; ticks on those still offered stay."""
        offered = {d.key for d in rows}
        before = list(self._ticked)
        super().set_rows(rows)
        self._ticked = {key: None for key in before if key in offered}
        if list(self._ticked) != before:
            self.ticked_changed.emit()

    def ticked_keys(self) -> tuple[Key, ...]:
        return tuple(self._ticked)

    def set_ticked(self, key: Key, ticked: bool) -> bool:
        """Tick or untick a deadline offered; False if it is not offered."""
        row = self.row_of(key)  # type: ignore[arg-type]
        if row < 0:
            return False
        if ticked == (key in self._ticked):
            return True
        if ticked:
            self._ticked[key] = None
        else:
            del self._ticked[key]
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.ticked_changed.emit()
        return True

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        deadline = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{deadline_when(deadline)}\n{deadline.title}"
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return f"{deadline_when(deadline)}: {deadline.title}"
        if role == Qt.ItemDataRole.CheckStateRole:
            ticked = deadline.key in self._ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return None

    def setData(self, index: _AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        if not 0 <= index.row() < len(self._rows):
            return False
        state = value.value if isinstance(value, Qt.CheckState) else value
        return self.set_ticked(self._rows[index.row()].key, state == Qt.CheckState.Checked.value)

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class GrantAgendaPage(FormPage):
    """Tick grant deadlines to put on a meeting's agenda, one item each.

    The deadlines are a list with a big tick box on each (``deadlines_list`` over
    ``model``); ``ticked_label`` says how many are ticked; ``empty_label`` says when
    none are waiting.
    """

    title = "Add grant deadlines"
    save_text = "Add to the agenda"
    help_text = (
        "These are the club's grant deadlines that fall due before the meeting after this "
        "one: reports funders want, application deadlines, payments the club expects and "
        "grants coming to an end. Tick the ones the committee should talk about: click a "
        "line, or move to it with the arrow keys and press Space. Each one ticked becomes "
        "an item on the agenda, and leaves the committee's inbox."
    )

    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.meeting_id = meeting_id
        offers = ctx.read(grant_deadlines.offers_for_meeting, meeting_id, ctx.today())
        self.model = DeadlinePickModel(self)
        self.model.set_rows(offers.deadlines)
        count = self.model.rowCount()
        self.set_intro(
            f"{offers_words(offers)} Tick the ones to talk about: each becomes an item "
            "on the agenda."
            if count
            else offers_words(offers)
        )
        self.deadlines_list = NotePickList()
        self.deadlines_list.setModel(self.model)
        self.deadlines_list.setAccessibleName("Grant deadlines to bring to the meeting")
        self.deadlines_list.setVisible(count > 0)
        self.ticked_label = label(role="label")
        self.ticked_label.setVisible(count > 0)
        self.empty_label = label(
            "Nothing to add: any grant deadlines due by then are already on an agenda."
        )
        self.empty_label.setVisible(count == 0)
        row = self.form.add_field(
            "deadlines", "Grant deadlines to bring to the meeting", self.deadlines_list
        )
        column = row.layout()
        assert isinstance(column, QVBoxLayout)
        column.insertWidget(column.indexOf(self.deadlines_list), self.empty_label)
        column.insertWidget(column.indexOf(self.deadlines_list) + 1, self.ticked_label)
        self.save_button.setEnabled(count > 0)
        self.model.ticked_changed.connect(self._ticks_changed)
        self._show_count()
        self.mark_unchanged()

    # ------------------------------------------------------------ ticking

    def index_of(self, key: Key) -> QModelIndex:
        """The list's row for this deadline; not valid if it is not offered."""
        row = self.model.row_of(key)  # type: ignore[arg-type]
        return self.model.index(row, 0) if row >= 0 else QModelIndex()

    def is_ticked(self, key: Key) -> bool:
        return key in self.model.ticked_keys()

    def _ticks_changed(self) -> None:
        field = self.form.field("deadlines")
        if self.model.ticked_keys() and field.has_error():
            field.clear_error()  # the person is putting it right
            field.error_cleared.emit()
        self._show_count()

    def _show_count(self) -> None:
        ticked = len(self.model.ticked_keys())
        self.ticked_label.setText(
            "None ticked yet." if not ticked else f"{deadline_count(ticked)} ticked."
        )

    # ------------------------------------------------------------ saving

    def values(self) -> tuple[Key, ...]:
        return self.model.ticked_keys()

    def submit(self) -> None:
        self.ctx.run(
            grant_deadlines.add_to_agenda,
            self.meeting_id,
            list(self.model.ticked_keys()),
            self.ctx.today(),
            changed=COMMITTEE,
        )

"""The fast entry screen for money in and money out, and Move money.

Enter moves to the next field and, from the last one, saves. After saving a new entry
the page says what was saved and offers a fresh form for the next one, keeping the
date and the money account, so a pile of receipts goes in quickly. The same pages
change an entry opened from the cash book, sort a bank line waiting for a category
and a fund, or delete an entry (after asking).

Nothing else is chosen for the treasurer: the category, the fund and where moved money
goes start at "Choose a …" (a first item that is not a value), and saving without a
choice is refused beside the box. A choice made by default filed money wrongly when Save
was pressed without looking.

The last money account used is remembered for each person while the app runs (in
memory, in ``_LAST_ACCOUNT``, by database and user): the next Money in or Money out
starts with it, even after signing out and in again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QFrame,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from clubapp.db.errors import KnownError
from clubapp.services import books
from clubapp.services.books import (
    AccountRow,
    CategoryRow,
    EntryInput,
    EntryView,
    FundRow,
    SplitInput,
)
from clubapp.services.dates import long_date
from clubapp.services.errors import NotAllowed, NotFound, ValidationError
from clubapp.services.money import parse_amount, pounds
from clubapp.ui.context import ACCOUNTS, AppContext
from clubapp.ui.pages.committee import label
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.widgets.buttons import BigButton, SwitchButton
from clubapp.ui.widgets.choosers import ChoiceCombo
from clubapp.ui.widgets.dates import DAY_FIRST, DateEdit, bad_dates
from clubapp.ui.widgets.flow import FlowBox, flow_row
from clubapp.ui.widgets.forms import FieldRow
from clubapp.ui.widgets.inputs import Labelled
from clubapp.ui.widgets.messages import ask_to_confirm

#: How many characters wide a message beside a field side by side with others is, at
#: least: a few words a line, and three such fields still fit a line at 100 % text.
ERROR_CHARS = 28

#: The last money account each person used: (database file, user id) -> account id.
_LAST_ACCOUNT: dict[tuple[str, int | None], int] = {}

ENTRY_HELP = (
    "Type the amount, then choose the money account, the category (what kind of money "
    "it is) and the fund (whose money it is). Enter moves to the next box; Enter in the "
    "last box saves. To share one amount between categories or funds, for example a "
    "venue bill paid partly from a grant, press Divide between categories or funds. "
    "After saving, the form is ready for the next one, with the same date and account."
)
#: The first item of a drop-down while nothing is chosen: not a value.
CHOOSE_CATEGORY = "Choose a category…"
CHOOSE_FUND = "Choose a fund…"
CHOOSE_ACCOUNT = "Choose an account…"
#: Saving with nothing chosen: said beside the drop-down.
NO_CATEGORY = "Choose a category: what kind of money is it?"
NO_FUND = "Choose a fund: whose money is it?"

MOVE_HELP = (
    "Move money between two of the club's money accounts (for example cash from the "
    "bank for the cash box), or from one fund to another (for example the general fund "
    "topping up a grant's fund). Moving between funds moves no money out of the bank: it "
    "only changes what the money is for."
)


def remembered_account(ctx: AppContext) -> int | None:
    return _LAST_ACCOUNT.get((str(ctx.db.path), ctx.actor.user_id))


def remember_account(ctx: AppContext, account_id: int | None) -> None:
    if account_id is not None:
        _LAST_ACCOUNT[(str(ctx.db.path), ctx.actor.user_id)] = account_id


def amount_text(pence: int) -> str:
    """Pence as a person types them: "1,234.50"."""
    return pounds(pence, symbol=False)


def typed_pence(text: str) -> int | None:
    """The amount typed, or None while it is blank or not yet an amount."""
    try:
        return parse_amount(text)
    except ValidationError:
        return None


def left_words(total: int | None, parts: int) -> str:
    """What is still to share out between the parts, in words."""
    if total is None:
        return "Type the whole amount at the top, then share it out here."
    left = total - parts
    if left > 0:
        return f"{pounds(left)} still to share out."
    if left < 0:
        return f"The parts come to {pounds(-left)} more than the amount. Take some off."
    return "The parts add up to the whole amount."


def bank_words(data: EntryInput) -> str:
    """Who and the bank's words for an imported line, as a sentence after another
    (" Paid to: Mill Street Stores. The bank's words: “CARD PAYMENT 1234”."), or ""."""
    said = ""
    if data.payee.strip():
        said += f" {'From' if data.kind == 'receipt' else 'Paid to'}: {data.payee.strip()}."
    words = " ".join(w.strip() for w in (data.description, data.reference) if w.strip())
    if words:
        said += f" The bank's words: “{shortened(words)}”."
    return said


def shortened(text: str, most: int = 120) -> str:
    """``text`` on one line, cut at ``most`` characters with "…" (for a sentence)."""
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def open_entry(ctx: AppContext, entry_id: int, kind: str) -> None:
    """Open an entry to change it: a transfer in Move money, anything else in the entry form."""
    page: FormPage
    if kind in ("account_transfer", "fund_transfer"):
        page = MoveMoneyPage(ctx, entry_id)
    else:
        page = EntryPage(ctx, kind, entry_id)
    ctx.navigator.push(page)


class WideBox(QLineEdit):
    """A one-line box that asks for room for ``chars`` characters."""

    def __init__(self, parent: QWidget | None = None, *, chars: int = 20) -> None:
        super().__init__(parent)
        self._chars = chars

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        width = self.fontMetrics().averageCharWidth() * self._chars + 24
        return QSize(max(hint.width(), width), hint.height())


class AmountBox(WideBox):
    """An amount of money, typed in pounds and pence. No limit on what can be typed: a
    box that silently stops taking keys hides a mistake; the check on saving names it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, chars=12)


class NameCombo(ChoiceCombo):
    """A drop-down that asks for the width of its longest choice, so a long fund name
    ("National Lottery Awards for All — weekly club") shows whole; where the window is
    too narrow for that (at a large text size) it can shrink to ``chars`` characters."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        fm = self.fontMetrics()
        longest = max(
            (fm.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0
        )
        # What the style puts round the text (frame, padding, the arrow, room for an
        # icon): Qt measures ``chars`` characters as that many "X"s.
        around = hint.width() - self.minimumContentsLength() * fm.horizontalAdvance("X")
        return QSize(max(hint.width(), longest + around), hint.height())

    def set_choices(self, choices: Iterable[tuple[str, Any]]) -> None:
        super().set_choices(choices)
        self.updateGeometry()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        # As QComboBox paints itself, but a name too long for the box ends in "…", so
        # it shows that there is more (the open list shows it whole).
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        room = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        option.currentText = self.fontMetrics().elidedText(  # type: ignore[attr-defined]
            self.currentText(), Qt.TextElideMode.ElideRight, room.width() - 2
        )
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


def with_nothing_chosen(words: str, choices: Sequence[tuple[str, int]]) -> list[tuple[str, Any]]:
    """``choices`` after a first item that is not a choice ("Choose a category…"), so nothing
    is chosen for the treasurer: a category or fund picked by default files money wrongly
    when Save is pressed without looking."""
    return [(words, None), *choices]


# ---------------------------------------------------------------- keyboard


class _EnterMovesOn(QObject):
    """Enter in a box moves to the next one; in the last, it saves (``page.enter_in``)."""

    def __init__(self, page: EntryFormBase) -> None:
        super().__init__(page)
        self._page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            and isinstance(watched, QWidget)
        ):
            return self._page.enter_in(watched)
        return False


def _owner(widget: QWidget, order: Sequence[QWidget]) -> QWidget | None:
    """The box in ``order`` that ``widget`` is, or is part of (the text part of a date)."""
    w: QWidget | None = widget
    while w is not None:
        if w in order:
            return w
        w = w.parentWidget()
    return None


# ---------------------------------------------------------------- the base


class EntryFormBase(FormPage):
    """What the entry and move pages share: the date with its words, saving and starting
    the next one, changing or deleting an entry, and Enter moving on."""

    entry_id: int | None
    view: EntryView | None

    def __init__(self, ctx: AppContext, entry_id: int | None, save_text: str) -> None:
        super().__init__(ctx, save_text=save_text)
        self.entry_id = entry_id
        self.view = None
        self.problem = ""
        if entry_id is not None:
            try:
                self.view = ctx.read(books.get_entry, entry_id)
            except (NotAllowed, NotFound, KnownError) as exc:
                self.problem = str(exc)
        self._enter = _EnterMovesOn(self)
        self._side_rows: list[FieldRow] = []
        self.confirmation = label(role="label")
        self.confirmation.hide()
        self.layout().insertWidget(0, self.confirmation)  # type: ignore[union-attr]
        # What this entry is (imported, ticked, in a closed year) scrolls with the
        # fields: at 200 % text, kept above them it left the fields little room.
        self.about = label()
        self.about.hide()
        self.form.insert_widget(1, self.about)
        self.on = DateEdit(ctx.today(), display_format=DAY_FIRST)
        self.on.setAccessibleName("Date")
        self.on_row: FieldRow | None = None
        self.on.dateChanged.connect(self._show_date_words)
        self.on.validity_changed.connect(self._show_date_words)
        self.cancel_button.setText("Go back" if entry_id is None else "Go back without saving")
        self.delete_button = BigButton("Delete this entry", variant="danger")
        self.delete_button.clicked.connect(self.delete)
        buttons = self.save_button.parentWidget()
        assert isinstance(buttons, FlowBox)
        buttons.add_widget(self.delete_button)
        self.delete_button.setVisible(self.view is not None)

    def set_intro(self, text: str) -> None:
        self.about.setText(text)
        self.about.setVisible(bool(text))

    def add_date_field(self) -> FieldRow:
        self.on_row = self.form.add_field("on", "Date (day/month/year)", self.on, " ")
        self._show_date_words()
        return self.on_row

    def _show_date_words(self, *_args: object) -> None:
        # The date in words under the box, so a slip of the keys shows at once.
        if self.on_row is not None:
            self.on_row.help_label.setText(
                long_date(self.on.value()) if self.on.is_valid() else " "
            )

    def side_by_side(self, *rows: QWidget) -> FlowBox:
        """Fields next to each other while there is room, under each other at a large
        text size, so more of the form is in view at once."""
        # Lined up by their tops: a message under one field makes that field taller
        # and leaves its neighbours where they were.
        box = FlowBox(spacing=24, align=Qt.AlignmentFlag.AlignTop)
        any_help = any(isinstance(row, FieldRow) and not row.help_label.isHidden() for row in rows)
        for row in rows:
            if isinstance(row, FieldRow):
                # Short words: kept on one line, so the field asks for their width
                # rather than squeezing them round its box.
                row.label.setWordWrap(False)
                row.help_label.setWordWrap(False)
                # A field with no help line beside one with a help line gets an empty
                # one, so the boxes side by side start at the same height.
                if any_help and row.help_label.isHidden():
                    row.help_label.setText(" ")
                    row.help_label.show()
                # A message asks for a few words' width (see show_errors), not its
                # whole length on one line: that widened the field and pushed a
                # neighbour onto the next line.
                row.error_label.setSizePolicy(
                    QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
                )
                self._side_rows.append(row)
            box.add_widget(row)  # out of the form's column and into this box
        self.form.add_widget(box)
        return box

    # ------------------------------------------------------------ for subclasses

    def entry_input(self) -> EntryInput:
        """What the form says, as the service takes it. Raises ValidationError for
        amounts that are not amounts."""
        raise NotImplementedError

    def saved_words(self, data: EntryInput) -> str:
        raise NotImplementedError

    def delete_words(self, data: EntryInput) -> str:
        """The entry named in the question before it is deleted (no full stop)."""
        return self.saved_words(data).removesuffix(".")

    def start_next(self) -> None:
        """A fresh form for the next entry, keeping the date and the account."""
        raise NotImplementedError

    def enter_order(self) -> list[QWidget]:
        """The boxes Enter goes through, in order; Enter in the last one saves."""
        raise NotImplementedError

    def place_errors(self, errors: dict[str, str]) -> dict[str, str]:
        """Which field shows each of the service's messages."""
        return errors

    def first_box(self) -> QWidget:
        raise NotImplementedError

    # ------------------------------------------------------------ keyboard

    def watch_enter(self, *boxes: QWidget) -> None:
        for box in boxes:
            box.installEventFilter(self._enter)
            for part in box.findChildren(QLineEdit):
                part.installEventFilter(self._enter)

    def enter_in(self, widget: QWidget) -> bool:
        """Move on from ``widget``; True if Enter was used here."""
        order = [w for w in self.enter_order() if w.isVisible() and w.isEnabled()]
        box = _owner(widget, order)
        if box is None:
            return False
        if isinstance(box, QAbstractSpinBox):
            box.interpretText()
        if isinstance(box, DateEdit):
            box.finish_editing()
            if not box.is_valid():
                return True  # stay: the message under the date says what to put right
        at = order.index(box)
        if at + 1 < len(order):
            order[at + 1].setFocus(Qt.FocusReason.TabFocusReason)
            self.form.ensureWidgetVisible(order[at + 1])
        else:
            self.save()
        return True

    # ------------------------------------------------------------ saving

    def show_errors(self, errors: dict[str, str]) -> None:
        room = self.form.viewport().width() - 40  # less the form's margins
        for row in self._side_rows:
            # Room for a few words on each line of a message beside a narrow field (an
            # amount), measured in the text size of the moment; never wider than the form.
            label = row.error_label
            wanted = label.fontMetrics().averageCharWidth() * ERROR_CHARS
            label.setMinimumWidth(max(0, min(wanted, room)))
        super().show_errors(errors)

    def save(self) -> bool:
        self.clear_errors()
        self.confirmation.hide()
        if problems := bad_dates(self.form.fields()):
            self.show_errors(problems)
            return False
        try:
            data = self.entry_input()
            if self.entry_id is None:
                self.ctx.run(books.record_entry, data, changed=ACCOUNTS)
            else:
                self.ctx.run(books.change_entry, self.entry_id, data, changed=ACCOUNTS)
        except ValidationError as exc:
            self.show_errors(self.place_errors(exc.errors))
            return False
        except (NotAllowed, NotFound, KnownError) as exc:
            self.show_errors({"": str(exc)})
            return False
        if self.entry_id is not None:
            self._leaving_ok = True
            self.ctx.navigator.back()
            return True
        self.confirmation.setText(
            f"Saved: {self.saved_words(data)} The form is ready for the next one."
        )
        self.confirmation.show()
        self.start_next()
        self.mark_unchanged()
        self.first_box().setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def delete(self) -> None:
        if self.entry_id is None or self.view is None:
            return
        question = f"Delete {self.delete_words(self.view.data)}? This cannot be undone."
        if not ask_to_confirm(
            self, "Delete this entry", question, "Yes, delete this entry", danger=True
        ):
            return
        self.clear_errors()
        try:
            self.ctx.run(books.delete_entry, self.entry_id, changed=ACCOUNTS)
        except ValidationError as exc:
            self.show_errors({"": " ".join(exc.errors.values())})
            return
        except (NotAllowed, NotFound, KnownError) as exc:
            self.show_errors({"": str(exc)})
            return
        self._leaving_ok = True
        self.ctx.navigator.back()

    def lock_if_closed(self, boxes: Sequence[QWidget]) -> bool:
        """An entry in a closed year is shown, not changed. True if it is locked."""
        if self.problem:
            self.set_intro(self.problem)
            for box in boxes:
                box.setEnabled(False)
            self.save_button.hide()
            self.delete_button.hide()
            return True
        if self.view is None or not self.view.locked:
            return False
        self.set_intro(
            "This entry is in a year that has been closed, so it cannot change. To put "
            "something right, add a correction in the open year."
        )
        for box in boxes:
            box.setEnabled(False)
        self.save_button.hide()
        self.delete_button.hide()
        self.cancel_button.setText("Go back")
        return True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self.save_button.isVisible():
            self.first_box().setFocus(Qt.FocusReason.OtherFocusReason)


def _switches(*texts: str) -> tuple[FlowBox, QButtonGroup, list[SwitchButton]]:
    box = FlowBox(spacing=16)
    group = QButtonGroup(box)
    buttons = []
    for text in texts:
        button = SwitchButton(text)
        group.addButton(button)
        box.add_widget(button)
        buttons.append(button)
    buttons[0].setChecked(True)
    return box, group, buttons


def _choices(rows: Sequence[Any], keep: set[int], id_of: str) -> list[tuple[str, int]]:
    """Names and ids of the rows in use, and of retired ones an entry already uses."""
    return [(r.name, getattr(r, id_of)) for r in rows if not r.retired or getattr(r, id_of) in keep]


# ---------------------------------------------------------------- splits


class SplitLine(QFrame):
    """One part of a divided amount: category, fund, amount and a note."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = label(role="label")
        self.category = NameCombo(chars=16)
        self.fund = NameCombo(chars=16)
        self.amount = AmountBox()
        self.note = WideBox(chars=14)
        self.remove_button = BigButton("Take this part off", variant="secondary")
        self.boxes = FlowBox(spacing=16)
        self.labelled = [
            Labelled("Category", self.category),
            Labelled("Fund", self.fund),
            Labelled("Amount", self.amount),
            Labelled("Note", self.note),
        ]
        for widget in (*self.labelled, self.remove_button):
            self.boxes.add_widget(widget)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 8)
        column.setSpacing(6)
        column.addWidget(self.heading)
        column.addWidget(self.boxes)
        self.amount.textChanged.connect(self.changed)
        self.category.activated.connect(self.changed)
        self.fund.activated.connect(self.changed)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

    def number(self, n: int) -> None:
        self.heading.setText(f"Part {n}")
        self.remove_button.setText(f"Take part {n} off")
        for box, words in (
            (self.category, "category"),
            (self.fund, "fund"),
            (self.amount, "amount"),
            (self.note, "note"),
        ):
            box.setAccessibleName(f"Part {n}: {words}")

    def value(self, n: int) -> tuple[SplitInput | None, list[str]]:
        """The part as the service takes it, or None and what is wrong with it, each
        problem starting with the part's number ("Part 2: …")."""
        problems: list[str] = []
        category, fund = self.category.value(), self.fund.value()
        if category is None:
            problems.append(f"Part {n}: choose its category (what kind of money it is).")
        if fund is None:
            problems.append(f"Part {n}: choose its fund (whose money it is).")
        pence = 0
        try:
            pence = parse_amount(self.amount.text(), "splits", "amount")
        except ValidationError as exc:
            problems += [f"Part {n}: {message}" for message in exc.errors.values()]
        if problems:
            return None, problems
        return SplitInput(category, fund, pence, self.note.text()), []


class SplitsEditor(QWidget):
    """The parts of a divided amount, a button for another part, and what is left to
    share out, in words."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[SplitLine] = []
        self._categories: list[tuple[str, int]] = []
        self._funds: list[tuple[str, int]] = []
        self.lines_box = QWidget()
        self.lines_layout = QVBoxLayout(self.lines_box)
        self.lines_layout.setContentsMargins(0, 0, 0, 0)
        self.lines_layout.setSpacing(8)
        self.left_label = label(role="label")
        self.add_button = BigButton("Add another part", variant="secondary")
        self.single_button = BigButton("Put it all in one category and fund", variant="secondary")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.lines_box)
        column.addWidget(self.left_label)
        column.addWidget(flow_row(self.add_button, self.single_button))
        self.add_button.clicked.connect(lambda: self.add_line())

    def set_choices(self, categories: list[tuple[str, int]], funds: list[tuple[str, int]]) -> None:
        """The categories and funds a part can take (each list starts with the item that
        says nothing is chosen yet)."""
        self._categories, self._funds = categories, funds
        for line in self.lines:
            line.category.set_choices(categories)
            line.fund.set_choices(funds)

    def add_line(
        self,
        category_id: int | None = None,
        fund_id: int | None = None,
        amount: str = "",
        note: str = "",
    ) -> SplitLine:
        line = SplitLine()
        line.category.set_choices(self._categories)
        line.fund.set_choices(self._funds)
        if category_id is not None:
            line.category.choose(category_id)
        if fund_id is not None:
            line.fund.choose(fund_id)
        line.amount.setText(amount)
        line.note.setText(note)
        line.changed.connect(self.changed)
        line.remove_requested.connect(self.remove_line)
        self.lines.append(line)
        self.lines_layout.addWidget(line)
        self._renumber()
        self.changed.emit()
        page = self._page()
        if page is not None:
            page.watch_enter(line.category, line.fund, line.amount, line.note)
        return line

    def _page(self) -> EntryFormBase | None:
        w = self.parentWidget()
        while w is not None and not isinstance(w, EntryFormBase):
            w = w.parentWidget()
        return w

    def remove_line(self, line: SplitLine) -> None:
        if line not in self.lines or len(self.lines) <= 2:
            return
        self.lines.remove(line)
        self.lines_layout.removeWidget(line)
        line.hide()
        line.deleteLater()
        self._renumber()
        self.changed.emit()
        self.lines[-1].amount.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        for line in self.lines:
            self.lines_layout.removeWidget(line)
            line.hide()
            line.deleteLater()
        self.lines = []

    def _renumber(self) -> None:
        for n, line in enumerate(self.lines, start=1):
            line.number(n)
            line.remove_button.setVisible(len(self.lines) > 2)

    def parts_pence(self) -> int:
        return sum(typed_pence(line.amount.text()) or 0 for line in self.lines)

    def show_left(self, total: int | None) -> None:
        self.left_label.setText(left_words(total, self.parts_pence()))

    def values(self) -> tuple[tuple[Any, ...], ...]:
        return tuple(
            (line.category.value(), line.fund.value(), line.amount.text(), line.note.text())
            for line in self.lines
        )


# ---------------------------------------------------------------- money in and out


class EntryPage(EntryFormBase):
    """Money in or money out: a new one, one to change, or a bank line to sort.

    ``kind`` is "receipt" or "payment" for a new entry (the entry's own kind otherwise).
    """

    help_text = ENTRY_HELP

    def __init__(self, ctx: AppContext, kind: str = "receipt", entry_id: int | None = None) -> None:
        super().__init__(
            ctx, entry_id, "Save this entry" if entry_id is None else "Save the changes"
        )
        view = self.view
        self.sorting = view is not None and view.to_sort
        if self.sorting:
            self.save_button.setText("Save its category and fund")
        data = view.data if view is not None else None
        self.kind = data.kind if data is not None else kind
        used_categories = {s.category_id for s in data.splits} if data else set()
        used_funds = {s.fund_id for s in data.splits} if data else set()
        self._accounts: list[AccountRow] = []
        self._categories: list[CategoryRow] = []
        self._funds: list[FundRow] = []
        try:
            self._accounts = ctx.read(books.list_accounts, retired=True)
            self._categories = ctx.read(books.list_categories, retired=True)
            self._funds = ctx.read(books.list_funds, retired=True)
        except (NotAllowed, KnownError) as exc:
            self.problem = self.problem or str(exc)
        self._used_categories = used_categories
        self.fund_choices = with_nothing_chosen(
            CHOOSE_FUND, _choices(self._funds, used_funds, "fund_id")
        )

        # ---- the fields, in the order they are read
        direction_box, self._direction_group, (self.in_button, self.out_button) = _switches(
            "Money in", "Money out"
        )
        self.direction_row = self.form.add_field("kind", "Money in or money out?", direction_box)
        self.amount = AmountBox()
        amount_row = self.form.add_field("amount", "Amount", self.amount, "Like 12.50")
        self.side_by_side(self.direction_row, self.add_date_field(), amount_row)
        self.account = NameCombo(chars=18)
        keep_account = {data.account_id} if data and data.account_id else set()
        self.account.set_choices(_choices(self._accounts, keep_account, "account_id"))
        self.account_row = self.form.add_field("account", "Money account", self.account, " ")
        self.category = NameCombo(chars=18)
        self.category_row = self.form.add_field(
            "category", "Category", self.category, "What kind of money"
        )
        self.fund = NameCombo(chars=18)
        self.fund.set_choices(self.fund_choices)
        self.fund_row = self.form.add_field("fund", "Fund", self.fund, "Whose money")
        self.choices_box = self.side_by_side(self.account_row, self.category_row, self.fund_row)
        self.divide_button = BigButton("Divide between categories or funds", variant="secondary")
        self.divide_row = flow_row(self.divide_button)
        self.form.add_widget(self.divide_row)
        self.splits = SplitsEditor()
        self.splits_row = self.form.add_field(
            "splits",
            "The parts",
            self.splits,
            "Give each part its category, fund and amount. The parts must add up to the amount.",
        )
        self.splits_row.hide()
        # No limit on what can be typed in the boxes: one that silently stops taking
        # keys cuts a pasted name short unseen; the service's check says what is too long.
        self.payee = WideBox(chars=28)
        self.payee_row = self.form.add_field("payee", "Who it came from", self.payee)
        self.reference = WideBox(chars=14)
        reference_row = self.form.add_field("reference", "Cheque or receipt number", self.reference)
        self.side_by_side(self.payee_row, reference_row)
        self.description = QLineEdit()
        self.form.add_field("description", "What it was for", self.description)
        self.dividing = False

        self.in_button.clicked.connect(lambda: self.set_kind("receipt"))
        self.out_button.clicked.connect(lambda: self.set_kind("payment"))
        self.divide_button.clicked.connect(self.divide)
        self.splits.single_button.clicked.connect(self.undivide)
        self.splits.changed.connect(self._splits_changed)
        self.amount.textChanged.connect(self._show_left)
        self.watch_enter(
            self.on,
            self.amount,
            self.account,
            self.category,
            self.fund,
            self.payee,
            self.reference,
            self.description,
        )

        self.set_kind(self.kind)
        if data is not None:
            self.fill(data)
        else:
            remembered = remembered_account(ctx)
            if remembered is not None:
                self.account.choose(remembered)
        boxes = [self.in_button, self.out_button, self.on, self.amount, self.account]
        if not self.lock_if_closed([*boxes, *self._other_boxes()]):
            if self.sorting or (view is not None and view.reconciled):
                for box in boxes:
                    box.setEnabled(False)
                self.set_intro(self._fixed_words())
            if view is not None and view.reconciled:
                self.delete_button.hide()  # the bank statement shows it: it stays
        self.mark_unchanged()

    def _other_boxes(self) -> list[QWidget]:
        return [
            self.category,
            self.fund,
            self.divide_button,
            self.splits,
            self.payee,
            self.reference,
            self.description,
        ]

    def heading(self) -> str:
        # The heading stays put while the page shows, so it names both ways; the
        # switches under it say which one is chosen.
        if self.view is not None and self.view.locked:
            # Shown, not changed: short, as a heading at 200 % text must be; the words
            # under it say what to do instead.
            return "Closed year: cannot change"
        if self.sorting:
            return "Sort a bank line"
        return "Money in or out" if self.entry_id is None else "Change money in or out"

    def _fixed_words(self) -> str:
        view = self.view
        assert view is not None
        data = view.data
        account = next((a.name for a in self._accounts if a.account_id == data.account_id), "")
        way = "in to" if data.kind == "receipt" else "out of"
        what = f"{pounds(data.amount_pence)} {way} the {account} on {long_date(data.on)}"
        if self.sorting:
            # The bank's words say what the line was; at the top, they are in view
            # while the category and fund are chosen.
            return (
                f"This line came from the bank statement: {what}.{bank_words(data)} Give it "
                "a category and a fund, or divide it between several."
            )
        return (
            f"This line has been ticked against a bank statement: {what}. Its date, amount "
            "and account stay as they are; you can change the rest."
        )

    # ------------------------------------------------------------ money in or out

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        (self.in_button if kind == "receipt" else self.out_button).setChecked(True)
        receipt = kind == "receipt"
        self.payee_row.label.setText("Who it came from" if receipt else "Who it was paid to")
        self.payee.setAccessibleName(self.payee_row.label_text())
        self.account_row.help_label.setText("Where it went in" if receipt else "Where it came out")
        self.account_row.help_label.show()
        sections = ("receipts", "asset_sales") if receipt else ("payments", "asset_purchases")
        choices = [
            (c.name, c.category_id)
            for c in self._categories
            if c.section in sections and (not c.retired or c.category_id in self._used_categories)
        ]
        choices = with_nothing_chosen(CHOOSE_CATEGORY, choices)
        self.category.set_choices(choices)
        self.splits.set_choices(choices, self.fund_choices)
        self.direction_row.clear_error()
        self.form.errors_changed.emit()

    # ------------------------------------------------------------ dividing

    def divide(self) -> None:
        """Share the amount between two parts (more can be added). The first keeps the
        category and fund chosen, if any; the others start with none chosen, for the
        treasurer to choose. The words under them say what is left to share out."""
        self.dividing = True
        self.splits.clear()
        first = self.splits.add_line(self.category.value(), self.fund.value())
        self.splits.add_line()
        self._show_dividing()
        first.amount.setFocus(Qt.FocusReason.OtherFocusReason)
        self.form.ensureWidgetVisible(first)

    def undivide(self) -> None:
        if self.splits.lines:
            first = self.splits.lines[0]
            self.category.choose(first.category.value())
            self.fund.choose(first.fund.value())
        self.dividing = False
        self.splits.clear()
        self._show_dividing()
        self.category.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_dividing(self) -> None:
        for row in (self.category_row, self.fund_row, self.divide_row):
            row.setVisible(not self.dividing)
        self.splits_row.setVisible(self.dividing)
        self.splits_row.clear_error()
        self.form.errors_changed.emit()
        self._show_left()

    def _show_left(self, *_args: object) -> None:
        if self.dividing:
            self.splits.show_left(typed_pence(self.amount.text()))

    def _splits_changed(self) -> None:
        self._show_left()
        if self.splits_row.has_error():
            self.splits_row.clear_error()
            self.form.errors_changed.emit()

    # ------------------------------------------------------------ filling and reading

    def fill(self, data: EntryInput) -> None:
        self.on.set_value(data.on)
        self.amount.setText(amount_text(data.amount_pence))
        self.account.choose(data.account_id)
        self.payee.setText(data.payee)
        self.reference.setText(data.reference)
        self.description.setText(data.description)
        if len(data.splits) == 1:
            self.category.choose(data.splits[0].category_id)
            self.fund.choose(data.splits[0].fund_id)
        elif len(data.splits) > 1:
            self.dividing = True
            for split in data.splits:
                self.splits.add_line(
                    split.category_id, split.fund_id, amount_text(split.amount_pence), split.note
                )
            self._show_dividing()
        # A line to sort has no category or fund yet: none is chosen for it.

    def values(self) -> Any:
        typed = (
            self.on.value(),
            self.amount.text(),
            self.account.value(),
            self.category.value(),
            self.fund.value(),
            self.dividing,
            self.splits.values(),
            self.payee.text(),
            self.reference.text(),
            self.description.text(),
        )
        # On a new entry, pressing Money in or Money out is not typing anything: going
        # back after it loses nothing, so it does not ask.
        return typed if self.entry_id is None else (self.kind, *typed)

    def entry_input(self) -> EntryInput:
        errors: dict[str, str] = {}
        amount = 0
        try:
            amount = parse_amount(self.amount.text())
        except ValidationError as exc:
            errors.update(exc.errors)
        splits: list[SplitInput] = []
        if self.dividing:
            problems: list[str] = []
            for n, line in enumerate(self.splits.lines, start=1):
                split, wrong = line.value(n)
                if split is None:
                    problems += wrong
                else:
                    splits.append(split)
            if problems:
                errors["splits"] = "\n".join(problems)
        else:
            # With nothing chosen (0 is no category or fund), the service refuses it
            # along with anything else wrong, such as a date in a closed year; the
            # words beside the box are the form's (see place_errors).
            category, fund = self.category.value(), self.fund.value()
            splits.append(SplitInput(category or 0, fund or 0, amount))
            if errors:
                errors.update(self._nothing_chosen())
        if errors:
            raise ValidationError(errors)
        return EntryInput(
            on=self.on.value(),
            kind=self.kind,
            amount_pence=amount,
            account_id=self.account.value(),
            splits=tuple(splits),
            payee=self.payee.text(),
            reference=self.reference.text(),
            description=self.description.text(),
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        super().show_errors(errors)
        if "splits" in errors and not any(
            self.form.field(name).has_error() for name in ("kind", "on", "amount", "account")
        ):
            # The message is under the parts, which can be taller than the form's view.
            self.form.ensureWidgetVisible(self.splits_row.error_label)

    def _nothing_chosen(self) -> dict[str, str]:
        """What to say beside the category and the fund while nothing is chosen."""
        missing = {}
        if self.category.value() is None:
            missing["category"] = NO_CATEGORY
        if self.fund.value() is None:
            missing["fund"] = NO_FUND
        return missing

    def place_errors(self, errors: dict[str, str]) -> dict[str, str]:
        if not self.dividing:
            return {**errors, **self._nothing_chosen()}
        # Divided, the category and fund are chosen in the parts.
        placed = {k: v for k, v in errors.items() if k not in ("category", "fund")}
        parts = [errors[k] for k in ("category", "fund", "splits") if k in errors]
        if parts:
            placed["splits"] = " ".join(parts)
        return placed

    def saved_words(self, data: EntryInput) -> str:
        return self._entry_words(data, description=False) + "."

    def delete_words(self, data: EntryInput) -> str:
        # With what it was for (or the bank's words), so the right line goes.
        return self._entry_words(data, description=True)

    def _entry_words(self, data: EntryInput, *, description: bool) -> str:
        """ "£12.00 money out to Corner shop on Monday 2 November 2026, Refreshments,
        General fund" (or "divided in 2 parts", or "not sorted yet")."""
        receipt = data.kind == "receipt"
        way = "money in" if receipt else "money out"
        who = f" {'from' if receipt else 'to'} {data.payee.strip()}" if data.payee.strip() else ""
        said = f"{pounds(data.amount_pence)} {way}{who} on {long_date(data.on)}"
        if description and data.description.strip():
            said += f", “{shortened(data.description, 80)}”"
        if len(data.splits) == 1:
            split = data.splits[0]
            category = self.category.itemText(self.category.findData(split.category_id))
            fund = self.fund.itemText(self.fund.findData(split.fund_id))
            what = f"{category}, {fund}"
        elif data.splits:
            what = f"divided in {len(data.splits)} parts"
        else:
            what = "not sorted yet"
        return f"{said}, {what}"

    def start_next(self) -> None:
        remember_account(self.ctx, self.account.value())
        if self.dividing:
            self.dividing = False
            self.splits.clear()
            self._show_dividing()
        for box in (self.amount, self.payee, self.reference, self.description):
            box.clear()
        # The account is kept; the category and fund are chosen afresh for each entry.
        self.category.choose(None)
        self.fund.choose(None)

    def first_box(self) -> QWidget:
        return self.amount if self.amount.isEnabled() else self.category

    def enter_order(self) -> list[QWidget]:
        parts: list[QWidget] = []
        if self.dividing:
            for line in self.splits.lines:
                parts += [line.category, line.fund, line.amount, line.note]
        else:
            parts = [self.category, self.fund]
        return [
            self.on,
            self.amount,
            self.account,
            *parts,
            self.payee,
            self.reference,
            self.description,
        ]


# ---------------------------------------------------------------- move money


class MoveMoneyPage(EntryFormBase):
    """Move money between two money accounts, or between two funds."""

    help_text = MOVE_HELP

    def __init__(self, ctx: AppContext, entry_id: int | None = None) -> None:
        super().__init__(
            ctx, entry_id, "Move the money" if entry_id is None else "Save the changes"
        )
        data = self.view.data if self.view is not None else None
        accounts: list[AccountRow] = []
        funds: list[FundRow] = []
        try:
            accounts = ctx.read(books.list_accounts, retired=True)
            funds = ctx.read(books.list_funds, retired=True)
        except (NotAllowed, KnownError) as exc:
            self.problem = self.problem or str(exc)
        used = (
            {data.account_id, data.to_account_id, data.from_fund_id, data.to_fund_id}
            if data
            else set()
        )
        account_choices = _choices(accounts, {i for i in used if i}, "account_id")
        fund_choices = with_nothing_chosen(
            CHOOSE_FUND, _choices(funds, {i for i in used if i}, "fund_id")
        )

        mode_box, self._mode_group, (self.accounts_button, self.funds_button) = _switches(
            "Between money accounts", "Between funds"
        )
        self.mode_row = self.form.add_field("kind", "Move money", mode_box)
        self.amount = AmountBox()
        amount_row = self.form.add_field("amount", "Amount", self.amount, "Like 50.00")
        self.side_by_side(self.mode_row, self.add_date_field(), amount_row)
        self.from_account = NameCombo(chars=20)
        self.from_account.set_choices(account_choices)
        self.from_account_row = self.form.add_field(
            "account", "From the money account", self.from_account
        )
        self.to_account = NameCombo(chars=20)
        self.to_account.set_choices(with_nothing_chosen(CHOOSE_ACCOUNT, account_choices))
        self.to_account_row = self.form.add_field(
            "to_account", "To the money account", self.to_account
        )
        self.side_by_side(self.from_account_row, self.to_account_row)
        self.from_fund = NameCombo(chars=22)
        self.from_fund.set_choices(fund_choices)
        self.from_fund_row = self.form.add_field(
            "from_fund", "From the fund", self.from_fund, "The fund that gives the money"
        )
        self.to_fund = NameCombo(chars=22)
        self.to_fund.set_choices(fund_choices)
        self.to_fund_row = self.form.add_field(
            "to_fund", "To the fund", self.to_fund, "The fund that receives it"
        )
        self.side_by_side(self.from_fund_row, self.to_fund_row)
        self.reference = WideBox(chars=14)
        self.reference_row = self.form.add_field("reference", "Cheque number", self.reference)
        self.description = WideBox(chars=36)
        description_row = self.form.add_field("description", "Why", self.description)
        self.side_by_side(self.reference_row, description_row)
        self.watch_enter(
            self.on,
            self.amount,
            self.from_account,
            self.to_account,
            self.from_fund,
            self.to_fund,
            self.reference,
            self.description,
        )
        self.accounts_button.clicked.connect(lambda: self.set_mode("account_transfer"))
        self.funds_button.clicked.connect(lambda: self.set_mode("fund_transfer"))

        if data is not None:
            self.set_mode(data.kind)
            self.on.set_value(data.on)
            self.amount.setText(amount_text(data.amount_pence))
            for box, chosen in (
                (self.from_account, data.account_id),
                (self.to_account, data.to_account_id),
                (self.from_fund, data.from_fund_id),
                (self.to_fund, data.to_fund_id),
            ):
                if chosen is not None:
                    box.choose(chosen)
            self.reference.setText(data.reference)
            self.description.setText(data.description)
        else:
            self.set_mode("account_transfer")
            self._default_choices()
        boxes = [
            self.accounts_button,
            self.funds_button,
            self.on,
            self.amount,
            self.from_account,
            self.to_account,
        ]
        locked = self.lock_if_closed(
            [*boxes, self.from_fund, self.to_fund, self.reference, self.description]
        )
        if not locked and self.view is not None and self.view.reconciled:
            for widget in boxes:
                widget.setEnabled(False)
            self.set_intro(
                "This move has been ticked against a bank statement: its date, amount "
                "and accounts stay as they are. You can change the reference and why."
            )
            self.delete_button.hide()  # the bank statement shows it: it stays
        self.mark_unchanged()

    def heading(self) -> str:
        if self.view is not None and self.view.locked:
            return "Closed year: cannot change"
        return "Move money" if self.entry_id is None else "Move money: change an entry"

    def _default_choices(self) -> None:
        """From the account last used (else the first); where it goes, and the funds,
        are left for the treasurer to choose: a guess could move money wrongly."""
        remembered = remembered_account(self.ctx)
        if remembered is not None:
            self.from_account.choose(remembered)

    def set_mode(self, kind: str) -> None:
        self.kind = kind
        between_accounts = kind == "account_transfer"
        (self.accounts_button if between_accounts else self.funds_button).setChecked(True)
        for row in (self.from_account_row, self.to_account_row):
            row.setVisible(between_accounts)
        for row in (self.from_fund_row, self.to_fund_row):
            row.setVisible(not between_accounts)
        # Between funds no cheque is written: the box is for a note, if any.
        self.reference_row.label.setText(
            "Cheque number" if between_accounts else "Note or reference"
        )
        self.reference.setAccessibleName(self.reference_row.label_text())
        self.form.clear_errors()
        self.form.errors_changed.emit()

    def values(self) -> Any:
        typed = (
            self.on.value(),
            self.amount.text(),
            self.from_account.value(),
            self.to_account.value(),
            self.from_fund.value(),
            self.to_fund.value(),
            self.reference.text(),
            self.description.text(),
        )
        # On a new move, pressing Between funds (or back) is not typing anything: going
        # back after it loses nothing, so it does not ask.
        return typed if self.entry_id is None else (self.kind, *typed)

    def entry_input(self) -> EntryInput:
        amount = parse_amount(self.amount.text())
        between_accounts = self.kind == "account_transfer"
        return EntryInput(
            on=self.on.value(),
            kind=self.kind,
            amount_pence=amount,
            account_id=self.from_account.value() if between_accounts else None,
            to_account_id=self.to_account.value() if between_accounts else None,
            from_fund_id=None if between_accounts else self.from_fund.value(),
            to_fund_id=None if between_accounts else self.to_fund.value(),
            reference=self.reference.text(),
            description=self.description.text(),
        )

    def saved_words(self, data: EntryInput) -> str:
        if data.kind == "account_transfer":
            source, target = self.from_account, self.to_account
            source_id, target_id = data.account_id, data.to_account_id
        else:
            source, target = self.from_fund, self.to_fund
            source_id, target_id = data.from_fund_id, data.to_fund_id
        return (
            f"{pounds(data.amount_pence)} moved from {source.itemText(source.findData(source_id))} "
            f"to {target.itemText(target.findData(target_id))} on {long_date(data.on)}."
        )

    def start_next(self) -> None:
        remember_account(self.ctx, self.from_account.value())
        for box in (self.amount, self.reference, self.description):
            box.clear()
        # As on Money in or out: the account is kept, the rest is chosen afresh.
        for combo in (self.to_account, self.from_fund, self.to_fund):
            combo.choose(None)

    def first_box(self) -> QWidget:
        return self.amount if self.amount.isEnabled() else self.reference

    def enter_order(self) -> list[QWidget]:
        return [
            self.on,
            self.amount,
            self.from_account,
            self.to_account,
            self.from_fund,
            self.to_fund,
            self.reference,
            self.description,
        ]

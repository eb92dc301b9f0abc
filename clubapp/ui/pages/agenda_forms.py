"""Forms for a meeting's agenda and record: add a proposal or change an item, take notes
from the members' inbox onto the agenda, say what came of a decision, and add a
correction to approved minutes. Each is a page, so nothing typed is lost on a lock."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clubapp.services import agenda, decisions, meetings, notes
from clubapp.services.dates import long_date
from clubapp.services.meetings import DecisionRow, ItemRow, MeetingDetail
from clubapp.ui import theme
from clubapp.ui.context import COMMITTEE, AppContext
from clubapp.ui.pages.committee import label
from clubapp.ui.pages.committee_forms import everyone
from clubapp.ui.pages.committee_words import day_words, decision_words, duration_words
from clubapp.ui.pages.form_page import FormPage
from clubapp.ui.tablemodels.committee import InboxPickFilter, InboxPickModel
from clubapp.ui.widgets.choosers import ChoiceCombo, PersonCombo
from clubapp.ui.widgets.dates import IN_WORDS, DateEdit
from clubapp.ui.widgets.flow import flow_row
from clubapp.ui.widgets.inputs import Labelled, SearchBox, TextBox
from clubapp.ui.widgets.tables import wrapped_lines

#: The choice of kind that shows every kind of note (as on the Notes page).
ALL_KINDS = "All kinds"

#: Planned times offered for an agenda item, in minutes.
MINUTE_CHOICES = (2, 5, 10, 15, 20, 25, 30, 45, 60, 90, 120)


class MinutesCombo(ChoiceCombo):
    """A planned time: "No time planned" or a number of minutes, in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, chars=14)
        self.set_minutes(None)

    def set_minutes(self, minutes: int | None) -> None:
        values = sorted({*MINUTE_CHOICES, *([minutes] if minutes is not None else [])})
        self.set_choices([("No time planned", None), *((duration_words(m), m) for m in values)])
        self.choose(minutes)


class ItemFormPage(FormPage):
    """Add a proposal (``item=None``) or change an agenda item: title, details, who
    presents it and how long it should take."""

    help_text = (
        "Type the title as it should read on the agenda, and any details the committee "
        "needs. Choose who presents it and how long it should take. A new proposal goes "
        "just before Any other business; move it afterwards if you like."
    )

    def __init__(
        self,
        ctx: AppContext,
        meeting_id: int,
        item: ItemRow | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx, parent, save_text="Add this proposal" if item is None else "Save this item"
        )
        self.meeting_id = meeting_id
        self.item = item
        self.title = "Add a proposal" if item is None else "Edit an agenda item"
        self.item_title = QLineEdit()
        self.item_title.setPlaceholderText("For example A summer trip to the seaside")
        self.details = TextBox(4)
        self.presenter = PersonCombo("Nobody chosen")
        self.presenter.set_people(everyone(ctx))
        self.minutes = MinutesCombo()
        self.form.add_field("title", "Title on the agenda", self.item_title)
        self.form.add_field(
            "details", "Details", self.details, "Leave it empty if none are needed."
        )
        self.form.add_field("presenter_id", "Who presents it", self.presenter)
        self.form.add_field("planned_minutes", "Time planned", self.minutes)
        if item is not None:
            self.item_title.setText(item.title)
            self.details.setText(item.details)
            self.presenter.choose_person(item.presenter_id, item.presenter)
            self.minutes.set_minutes(item.planned_minutes)
            if item.from_members:
                self.set_intro("What members said:\n" + "\n".join(item.from_members))
        else:
            self.minutes.set_minutes(10)
        self.mark_unchanged()

    def values(self) -> tuple[str, str, int | None, int | None]:
        return (
            self.item_title.text(),
            self.details.text(),
            self.presenter.value(),
            self.minutes.value(),
        )

    def submit(self) -> None:
        title, details, presenter, planned = self.values()
        if self.item is None:
            self.ctx.run(
                agenda.add_proposal,
                self.meeting_id,
                title,
                details,
                presenter,
                planned,
                changed=COMMITTEE,
            )
        else:
            self.ctx.run(
                agenda.update_item,
                self.item.item_id,
                title,
                details,
                presenter,
                planned,
                changed=COMMITTEE,
            )


class NotePickDelegate(QStyledItemDelegate):
    """Paints a note to tick: the app's big tick box on the left (drawn as a check box of
    app.qss is, ``QCheckBox::indicator``), the kind in bold beside it and the day, who
    and words under the kind, wrapped, never cut.

    A ticked note has a pale blue fill as well as the tick. The row that has the
    keyboard is yellow with a thick dark ring, as every control that has it is. A click
    anywhere on a row ticks or unticks it, as Space does on the row that has the
    keyboard, so a shaky hand need not find the square.
    """

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        # Never shown: the style draws the tick box as it would draw this one's.
        self._box = QCheckBox(view)
        self._box.hide()
        self._heights: dict[tuple[str, str, int, float], int] = {}

    # ------------------------------------------------------------ sizes

    def _sizes(self) -> tuple[int, int, int, int]:
        """Padding above and below, at each side, between the box and the words, and the
        tick box's size (with its border), all at the current text size."""
        scale = theme.current_scale()
        pad = theme.scaled_px(theme.ROW_PADDING_PX, scale)
        side = pad + 4  # as a table cell's padding and the style's margin
        gap = theme.scaled_px(12, scale)  # as app.qss spaces a check box from its words
        style = self._box.style()
        box = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, self._box)
        return pad, side, gap, box

    def check_rect(self, rect: QRect) -> QRect:
        """Where the tick box is drawn in a row's rectangle."""
        pad, side, _gap, box = self._sizes()
        return QRect(rect.left() + side, rect.top() + pad, box, box)

    def _text_left(self) -> int:
        _pad, side, gap, box = self._sizes()
        return side + box + gap

    def _first_line_top(self, font: QFont) -> int:
        """The kind's line sits level with the middle of the tick box."""
        pad, _side, _gap, box = self._sizes()
        return pad + max(0, (box - QFontMetrics(bold(font)).lineSpacing()) // 2)

    def row_height(self, width: int, kind: str, words: str, font: QFont) -> int:
        """How tall a row ``width`` px wide must be for these words, wrapped."""
        key = (kind, words, width, font.pointSizeF())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 20_000:  # sizes of long ago
                self._heights.clear()
            pad, side, _gap, box = self._sizes()
            room = width - self._text_left() - side
            heavy = bold(font)
            text = wrapped_lines(heavy, kind, room) * QFontMetrics(heavy).lineSpacing()
            text += wrapped_lines(font, words, room) * QFontMetrics(font).lineSpacing()
            least = theme.scaled_px(theme.MIN_TARGET_PX, theme.current_scale())
            height = max(least, pad + box + pad, self._first_line_top(font) + text + pad)
            self._heights[key] = height
        return height

    def sizeHint(  # noqa: N802 (Qt name)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = self._view.columnWidth(0)
        kind, words = _kind_and_words(index)
        return QSize(width, self.row_height(width, kind, words, self._view.font()))

    # ------------------------------------------------------------ painting

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect: QRect = option.rect  # type: ignore[attr-defined]
        view = self._view
        ticked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        keyboard = view.hasFocus() and view.currentIndex() == index
        painter.save()
        painter.setClipRect(rect)
        fill = "focus" if keyboard else "nav_checked" if ticked else "background"
        painter.fillRect(rect, theme.colour(fill))
        if keyboard:
            ring = max(3, theme.scaled_px(3, theme.current_scale()))
            pen = QPen(theme.colour("focus_ring"), ring)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = ring // 2
            painter.drawRect(rect.adjusted(half, half, -half - ring % 2, -half - ring % 2))
        box = QStyleOptionButton()
        box.initFrom(self._box)
        box.rect = self.check_rect(rect)  # type: ignore[attr-defined]
        box.state = QStyle.StateFlag.State_Enabled | (  # type: ignore[attr-defined]
            QStyle.StateFlag.State_On if ticked else QStyle.StateFlag.State_Off
        )
        self._box.style().drawPrimitive(
            QStyle.PrimitiveElement.PE_IndicatorCheckBox, box, painter, self._box
        )
        font = QFont(view.font())
        kind, words = _kind_and_words(index)
        _pad, side, _gap, _box = self._sizes()
        left = rect.left() + self._text_left()
        room = rect.right() + 1 - side - left
        painter.setPen(theme.colour("text"))
        top = rect.top() + self._first_line_top(font)
        top = draw_wrapped(painter, bold(font), kind, left, top, room)
        draw_wrapped(painter, font, words, left, top, room)
        painter.restore()

    # ------------------------------------------------------------ ticking

    def editorEvent(  # noqa: N802 (Qt name)
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        flags = model.flags(index)
        if not flags & Qt.ItemFlag.ItemIsUserCheckable or not flags & Qt.ItemFlag.ItemIsEnabled:
            return False
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            return False  # the view makes the row current; the release ticks it
        if kind == QEvent.Type.MouseButtonRelease:
            assert isinstance(event, QMouseEvent)
            inside = option.rect.contains(event.position().toPoint())  # type: ignore[attr-defined]
            if event.button() != Qt.MouseButton.LeftButton or not inside:
                return False
        elif kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() not in (Qt.Key.Key_Space, Qt.Key.Key_Select):
                return False
        else:
            return False
        ticked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        state = Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked
        return model.setData(index, state.value, Qt.ItemDataRole.CheckStateRole)


def bold(font: QFont) -> QFont:
    heavy = QFont(font)
    heavy.setBold(True)
    return heavy


def _kind_and_words(index: QModelIndex | QPersistentModelIndex) -> tuple[str, str]:
    kind, _, words = str(index.data(Qt.ItemDataRole.DisplayRole) or "").partition("\n")
    return kind, words


def draw_wrapped(painter: QPainter, font: QFont, text: str, left: int, top: int, width: int) -> int:
    """Draw ``text`` wrapped as :func:`wrapped_lines` counts its lines (each line of it
    on a line of its own, long ones wrapped at spaces, or inside a word too long for
    the line); the top of the line after it."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    spacing = QFontMetrics(font).lineSpacing()
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        layout.setTextOption(option)
        layout.beginLayout()
        y = 0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(1, width))
            line.setPosition(QPointF(0, y))
            y += spacing
        layout.endLayout()
        layout.draw(painter, QPointF(left, top))
        top += max(y, spacing)
    return top


class NotePickList(QTableView):
    """The notes waiting, one to a row, each with the app's big tick box.

    Rows are as tall as their words. Measuring thousands of rows takes long, so a long
    list measures only the rows in view and the next screenful, as they come into view;
    the others keep the height of a note on one line until then. A list of up to
    :attr:`MEASURE_ALL` notes is measured whole. The list is as tall as its rows, or
    as :meth:`set_most_height` allows (then it scrolls inside the page).
    """

    #: Up to this many rows, every row is measured each time.
    MEASURE_ALL = 100

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._delegate = NotePickDelegate(self)  # kept: Qt does not own it
        self.setItemDelegate(self._delegate)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fitting = False
        self._most: int | None = None
        self._set_default_height()
        self.verticalScrollBar().valueChanged.connect(self.fit_rows)
        self.horizontalHeader().sectionResized.connect(self.fit_rows)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt name)
        super().setModel(model)
        if model is not None:
            for signal in (
                model.modelReset,
                model.layoutChanged,
                model.rowsInserted,
                model.rowsRemoved,
            ):
                signal.connect(self.fit_rows)
            self.selectionModel().currentChanged.connect(self._current_changed)
        self.fit_rows()

    def check_rect(self, index: QModelIndex | QPersistentModelIndex) -> QRect:
        """Where a row's tick box is, in the list's viewport."""
        return self._delegate.check_rect(self.visualRect(index))

    def _set_default_height(self) -> None:
        # A note whose kind and words each take one line.
        height = self._delegate.row_height(100_000, "Kind", "Words", self.font())
        self.verticalHeader().setDefaultSectionSize(height)

    def fit_rows(self, *_args: object) -> None:
        """Make the rows in view (or every row of a short list) as tall as their words."""
        model = self.model()
        # Not measured until shown: until then the list has no width of its own.
        if model is None or self._fitting or not self.isVisible():
            return
        self._fitting = True
        try:
            count = model.rowCount()
            width = self.columnWidth(0)
            font = self.font()
            if count <= self.MEASURE_ALL:
                first, y, bottom = 0, 0, None
            else:
                first = max(0, self.rowAt(0))
                y = self.rowViewportPosition(first)
                # The rows in view and a screenful more, for Page Down.
                bottom = 2 * max(self.viewport().height(), self._most or 0)
            row = first
            while row < count and (bottom is None or y < bottom):
                kind, words = _kind_and_words(model.index(row, 0))
                height = self._delegate.row_height(width, kind, words, font)
                if self.rowHeight(row) != height:
                    self.setRowHeight(row, height)
                y += height
                row += 1
        finally:
            self._fitting = False
        self.updateGeometry()

    def rows_height(self) -> int:
        """The height that shows every row (rows not yet measured as one-line notes)."""
        return self.verticalHeader().length() + 2 * self.frameWidth()

    def one_row_height(self) -> int:
        return self.verticalHeader().defaultSectionSize()

    def set_most_height(self, most: int | None) -> None:
        """No taller than ``most`` px (None: as tall as every row)."""
        if most != self._most:
            self._most = most
            self.updateGeometry()

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        # The yellow row follows the keyboard.
        for index in (previous, current):
            if index.isValid():
                self.update(index)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        height = self.rows_height()
        if self._most is not None:
            height = min(height, self._most)
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    # ------------------------------------------------------------ Qt

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.fit_rows()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.fit_rows()

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().focusOutEvent(event)
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._set_default_height()
            self.fit_rows()


class InboxPickPage(FormPage):
    """Take one or more notes from the members' inbox onto the agenda, as one item.

    The notes then leave the inbox. The agenda shows the members' words under the
    item, "A member: …" for anyone who asked not to be named.

    The notes are a list with a big tick box on each (``notes_list`` over ``model``
    through ``proxy``); ``ticked_label`` says how many are ticked. When more than
    :attr:`FINDER_FROM` wait, ``search`` and ``kind_filter`` narrow the list; ticks on
    notes the list no longer shows stay, and ``ticked_label`` says so.
    """

    title = "Add from the inbox"
    save_text = "Put on the agenda"
    help_text = (
        "Tick the notes to bring to this meeting: click a note, or move to it with the "
        "arrow keys and press Space. Several notes about the same thing can make one "
        "item. Type a word or a name in Find a note to see only the notes that have it. "
        "Give the item a title, or leave it empty to use the first note's words. The "
        "notes then leave the inbox."
    )
    #: The search and the choice of kind show when more notes than this wait.
    FINDER_FROM = 8

    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.meeting_id = meeting_id
        self.model = InboxPickModel(self)
        self.model.set_rows(ctx.read(notes.inbox))
        self.proxy = InboxPickFilter(self)
        self.proxy.setSourceModel(self.model)
        count = self.model.rowCount()

        self.search = SearchBox(chars=24)
        self.search.setPlaceholderText("Type a word or a name")
        self.kind_filter = ChoiceCombo(chars=14)
        self.kind_filter.set_choices(
            [(ALL_KINDS, None), *((words, kind) for kind, words in self.model.kinds())]
        )
        self.finder = flow_row(
            Labelled("Find a note", self.search), Labelled("Kind of note", self.kind_filter)
        )
        self.finder.setVisible(count > self.FINDER_FROM)
        self.shown_label = label(role="help")
        self.shown_label.hide()
        self.notes_list = NotePickList()
        self.notes_list.setModel(self.proxy)
        self.notes_list.setVisible(count > 0)
        self.ticked_label = label(role="label")
        self.ticked_label.setVisible(count > 0)
        self.empty_label = label("The inbox is empty: no notes are waiting.")
        self.empty_label.setVisible(count == 0)

        row = self.form.add_field("note_ids", "Notes to bring to the meeting", self.notes_list)
        # In the field, around the list: the finder above it, the count of ticks below.
        column = row.layout()
        assert isinstance(column, QVBoxLayout)
        at = column.indexOf(self.notes_list)
        for offset, widget in enumerate((self.finder, self.shown_label, self.empty_label)):
            column.insertWidget(at + offset, widget)
        column.insertWidget(column.indexOf(self.notes_list) + 1, self.ticked_label)
        self.form.viewport().installEventFilter(self)

        self.item_title = QLineEdit()
        self.form.add_field(
            "title",
            "Title on the agenda",
            self.item_title,
            "Leave it empty to use the words of the first note you tick.",
        )
        self.search.textChanged.connect(self._search_changed)
        self.kind_filter.currentIndexChanged.connect(self._kind_changed)
        self.model.ticked_changed.connect(self._ticks_changed)
        self._show_counts()
        self.mark_unchanged()

    # ------------------------------------------------------------ finding and ticking

    def index_of(self, note_id: int) -> QModelIndex:
        """The list's row for this note; not valid if the list does not show it now."""
        row = self.model.row_of(note_id)
        if row < 0:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, 0))

    def is_ticked(self, note_id: int) -> bool:
        return self.model.is_ticked(note_id)

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self.notes_list.scrollToTop()  # the first note found
        self._show_counts()

    def _kind_changed(self) -> None:
        self.proxy.set_kind(self.kind_filter.value())
        self.notes_list.scrollToTop()
        self._show_counts()

    def _ticks_changed(self) -> None:
        field = self.form.field("note_ids")
        if self.model.ticked_ids() and field.has_error():
            field.clear_error()  # the person is putting it right
            field.error_cleared.emit()
        self._show_counts()

    def _show_counts(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        ticked = self.model.ticked_ids()
        words = (
            "No notes ticked yet."
            if not ticked
            else f"{len(ticked):,} {'note' if len(ticked) == 1 else 'notes'} ticked."
        )
        hidden = sum(1 for note_id in ticked if not self.index_of(note_id).isValid())
        if hidden:
            words += f" {hidden:,} of them {'is' if hidden == 1 else 'are'} hidden by your search."
        self.ticked_label.setText(words)
        filtering = self.proxy.is_filtering()
        if filtering and shown:
            self.shown_label.setText(f"The list shows {shown:,} of the {total:,} notes.")
        elif filtering:
            self.shown_label.setText(
                "No notes have these words. Clear Find a note, or choose All kinds."
            )
        self.shown_label.setVisible(filtering)
        self.notes_list.setVisible(shown > 0)
        self._share_room()

    def _share_room(self) -> None:
        """A short list is as tall as its notes, and the form scrolls as a whole, as it
        does for every form. A long one takes the room the rest of the form leaves, so
        the search, the list, the count and the title are all in view; at a large text
        size, where they cannot all be, it is still no taller than the form."""
        if self.model.rowCount() <= self.FINDER_FROM:
            self.notes_list.set_most_height(None)
            return
        field = self.form.field("note_ids")
        inside = self.form.widget()
        content = inside.layout() if inside is not None else None
        column = field.layout()
        if content is None or column is None:
            return
        margins = content.contentsMargins()
        width = self.form.viewport().width() - margins.left() - margins.right()
        height = self.form.viewport().height() - margins.top() - margins.bottom()

        def shown(widgets: list[QWidget | None]) -> list[QWidget]:
            return [w for w in widgets if w is not None and not w.isHidden()]

        def tall(widget: QWidget) -> int:
            if widget.hasHeightForWidth():
                return widget.heightForWidth(width)
            return widget.sizeHint().height()

        # The rest of the form: its other fields, and the gaps between them.
        items = (content.itemAt(i) for i in range(content.count()))
        rows = shown([entry.widget() for entry in items if entry is not None])
        taken = sum(tall(w) for w in rows if w is not field) + content.spacing() * (len(rows) - 1)
        # The rest of this field: its label, the search, the count of ticks.
        parts = shown(
            [
                field.label,
                field.help_label,
                self.finder,
                self.shown_label,
                self.empty_label,
                self.ticked_label,
                field.error_label,
            ]
        )
        taken += sum(tall(w) for w in parts) + column.spacing() * len(parts)
        least = min(height, 5 * self.notes_list.one_row_height() // 2)  # two and a half
        self.notes_list.set_most_height(max(height - taken, least))

    def show_errors(self, errors: dict[str, str]) -> None:
        super().show_errors(errors)
        self._share_room()

    def clear_errors(self) -> None:
        super().clear_errors()
        self._share_room()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.form.viewport() and event.type() == QEvent.Type.Resize:
            self._share_room()
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ saving

    def values(self) -> tuple[tuple[int, ...], str]:
        return (self.model.ticked_ids(), self.item_title.text())

    def submit(self) -> None:
        ids, title = self.values()
        self.ctx.run(agenda.add_from_inbox, self.meeting_id, list(ids), title, changed=COMMITTEE)


class WhatHappenedPage(FormPage):
    """Say what came of a decision, for "you said, we did" (allowed after approval)."""

    title = "What happened"
    save_text = "Save what happened"
    help_text = (
        "Say in a sentence or two what came of this decision, for example “The minibus "
        "is booked for 12 June.” It is printed in You said, we did, so members see that "
        "what they raised led somewhere."
    )

    def __init__(self, ctx: AppContext, decision: DecisionRow, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.decision = decision
        self.set_intro(decision_words(decision))
        self.happened = TextBox(4)
        self.happened.setText(decision.what_happened)
        self.form.add_field("what_happened", "What happened", self.happened)
        self.mark_unchanged()

    def values(self) -> str:
        return self.happened.text()

    def submit(self) -> None:
        self.ctx.run(
            decisions.set_what_happened,
            self.decision.decision_id,
            self.values(),
            changed=COMMITTEE,
        )


class CorrectionPage(FormPage):
    """A correction to minutes already approved: a new record; the minutes stay as they were."""

    title = "Add a correction to the minutes"
    save_text = "Add this correction"
    help_text = (
        "Approved minutes never change. If the committee agrees that something in them "
        "was wrong, write the correction here: it is printed with the minutes, with the "
        "day it was agreed."
    )

    def __init__(self, ctx: AppContext, meeting: MeetingDetail, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.meeting = meeting
        self.set_intro(
            f"The minutes of the {meeting.kind_words.lower()} on {day_words(meeting.on_date)}."
        )
        self.correction_text = TextBox(4)
        self.at_meeting = ChoiceCombo(chars=24)
        # A correction is agreed after the minutes were approved, at a meeting that has
        # taken place: the meeting that approved them, or one after it.
        today = ctx.today()
        since = meeting.minutes_approved_on or meeting.on_date
        held = sorted(
            (
                m
                for m in ctx.read(meetings.list_meetings)
                if meeting.on_date < m.on_date and since <= m.on_date <= today
            ),
            key=lambda m: (m.on_date, m.meeting_id),
        )
        self._meeting_dates = {m.meeting_id: m.on_date for m in held}
        self.at_meeting.set_choices(
            [("Not agreed at a meeting", None)]
            + [(f"{m.kind_words}, {long_date(m.on_date)}", m.meeting_id) for m in held]
        )
        self.agreed_on = DateEdit(today, display_format=IN_WORDS)
        if held:
            # The latest meeting held since the approval: most likely where it was agreed.
            self.at_meeting.choose(held[-1].meeting_id)
            self.agreed_on.set_value(held[-1].on_date)
        self.at_meeting.currentIndexChanged.connect(self._meeting_chosen)
        self.form.add_field("text", "The correction", self.correction_text)
        self.form.add_field(
            "at_meeting_id",
            "Agreed at",
            self.at_meeting,
            "Choosing a meeting sets the day it was agreed.",
        )
        self.form.add_field("agreed_on", "Agreed on", self.agreed_on)
        self.mark_unchanged()

    def _meeting_chosen(self) -> None:
        """Agreed at a meeting: then it was agreed on that meeting's day."""
        day = self._meeting_dates.get(self.at_meeting.value())
        if day is not None:
            self.agreed_on.set_value(day)

    def values(self) -> tuple[str, int | None, object]:
        return (self.correction_text.text(), self.at_meeting.value(), self.agreed_on.value())

    def submit(self) -> None:
        from clubapp.services import minutes

        self.ctx.run(
            minutes.add_correction,
            self.meeting.meeting_id,
            self.correction_text.text(),
            self.at_meeting.value(),
            self.agreed_on.value(),
            changed=COMMITTEE,
        )

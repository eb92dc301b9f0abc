"""Editors for forms that a shaky hand can use: big ticks and dots, and a person finder.

* :class:`BigCheck` and :class:`BigRadio` are ticked by a click anywhere on them,
  not only on the small square or circle.
* :class:`TextBox` holds several lines; Tab moves on instead of typing a tab.
* :class:`PersonChoice` finds a person as you type part of their name and shows
  everyone who matches in a list with tall rows. The mouse wheel never changes it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
)
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from clubapp.ui import theme


class BigCheck(QCheckBox):
    """A check box that can be ticked by clicking anywhere on it, not just on its square."""

    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802 (Qt name)
        return self.rect().contains(pos)


class BigRadio(QRadioButton):
    """A radio button that can be chosen by clicking anywhere on it, not just on its dot.

    With ``wrap=True`` its words go onto more lines when it is narrower than they are
    (a long choice at 200 % text), instead of making the page scroll sideways.
    """

    def __init__(self, text: str, parent: QWidget | None = None, *, wrap: bool = False) -> None:
        super().__init__(text, parent)
        self._words = text
        self._wrap = wrap
        self.setAccessibleName(text)
        if wrap:
            # Qt's radio buttons never give up width; this one may, by wrapping its words.
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def words(self) -> str:
        """The words, whole (the text shown may be broken onto lines)."""
        return self._words

    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802 (Qt name)
        return self.rect().contains(pos)

    def _overhead(self) -> int:
        """The width of everything but the words: the dot, the gap, padding and border."""
        shown = self.text().split("\n")
        widest = max(self.fontMetrics().horizontalAdvance(line) for line in shown)
        return super().sizeHint().width() - widest

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().minimumSizeHint()
        if not self._wrap:
            return hint
        fm = self.fontMetrics()
        longest = max((fm.horizontalAdvance(word) for word in self._words.split()), default=0)
        return QSize(self._overhead() + longest, hint.height())

    def _rewrap(self) -> None:
        room = self.width() - self._overhead()
        fm = self.fontMetrics()
        lines: list[str] = []
        for word in self._words.split():
            if lines and fm.horizontalAdvance(f"{lines[-1]} {word}") <= room:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        text = "\n".join(lines)
        if text != self.text():
            self.setText(text)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self._wrap:
            self._rewrap()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if self._wrap and event.type() == QEvent.Type.FontChange:
            self._rewrap()


class TextBox(QPlainTextEdit):
    """Several lines of text; Tab moves on to the next box instead of typing a tab."""

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines = lines
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt style)
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.End)  # as a one-line box does

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        height = self.fontMetrics().lineSpacing() * self._lines + 2 * self.frameWidth() + 16
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()


def fold(text: str) -> str:
    """Lower case without accents and with single spaces, so "zoe" finds "Zoë"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.split())


class _TallRows(QStyledItemDelegate):
    """Rows of a list at least as tall as a target a finger can hit (44 px times the scale)."""

    def sizeHint(  # noqa: N802 (Qt name)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        least = theme.scaled_px(theme.MIN_TARGET_PX, theme.current_scale())
        return QSize(hint.width(), max(hint.height(), least))


class _Finder(QCompleter):
    """Matches typed words against SEARCH_ROLE, but puts the name as shown into the box."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


#: What the finder matches typed words against: the words shown, and the same without accents.
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


class PersonChoice(QComboBox):
    """Choose one person: type part of their name, or open the list.

    While typing, a list under the box shows everyone whose name contains the
    words typed, in any case, with or without accents. A person is chosen by picking them from a list, or
    by typing their whole name; part of a name chooses nobody. :meth:`value` is
    the chosen person's id, or None; :meth:`is_unknown` says words are typed that
    do not name one person, so the form can ask for a choice from the list.
    """

    #: The fewest letters the box keeps room for when the window is narrow.
    LEAST_CHARS = 12

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        chars: int = 28,
        placeholder: str = "Type part of a name",
    ) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(chars)
        self._chars = chars
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMaxVisibleItems(8)
        # As wide as a long name, narrower if the window is; never wider (a long box
        # with a short name in it reads badly).
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        edit = self.lineEdit()
        assert edit is not None
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(False)
        completer = _Finder(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionRole(SEARCH_ROLE)
        completer.setMaxVisibleItems(8)
        self.setCompleter(completer)
        popup = completer.popup()
        assert popup is not None
        # Kept here: a delegate whose Python side is collected stops sizing the rows.
        self._delegates = (_TallRows(popup), _TallRows(self.view()))
        popup.setItemDelegate(self._delegates[0])
        self.view().setItemDelegate(self._delegates[1])
        self._folded: list[str] = []
        edit.editingFinished.connect(self.settle)

    # ------------------------------------------------------------ people

    def set_people(self, people: Sequence[tuple[int, str]]) -> None:
        """Offer these people, as (person id, the words shown for them)."""
        self.blockSignals(True)
        self.clear()
        self._folded = []
        for person_id, words in people:
            self.add_person(person_id, words)
        self.setCurrentIndex(-1)
        self.setEditText("")
        self.blockSignals(False)

    def add_person(self, person_id: int, words: str) -> None:
        """Offer one more person (someone no longer active, who a saved note is about)."""
        self.addItem(words, person_id)
        self._folded.append(fold(words))
        self.setItemData(self.count() - 1, f"{words}\n{self._folded[-1]}", SEARCH_ROLE)

    def set_value(self, person_id: int | None) -> bool:
        """Show this person (None: nobody). False if the list does not offer them."""
        index = -1 if person_id is None else self.findData(person_id)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")
        return index >= 0 or person_id is None

    # ------------------------------------------------------------ reading

    def _match(self) -> int:
        """The row the typed words mean: the current row, or the one person of that name.

        Part of a name is never enough: a note must not land on someone by a guess.
        """
        typed = fold(self.currentText())
        if not typed:
            return -1
        current = self.currentIndex()
        if 0 <= current < len(self._folded) and self._folded[current] == typed:
            return current
        exact = [i for i, words in enumerate(self._folded) if words == typed]
        return exact[0] if len(exact) == 1 else -1

    def value(self) -> int | None:
        row = self._match()
        return None if row < 0 else int(self.itemData(row))

    def is_empty(self) -> bool:
        return not self.currentText().strip()

    def is_unknown(self) -> bool:
        """Words are typed, but they do not point at exactly one person."""
        return not self.is_empty() and self._match() < 0

    def settle(self) -> None:
        """Show a whole name typed in any case as the list spells it (and choose that row)."""
        row = self._match()
        if row >= 0 and (row != self.currentIndex() or self.currentText() != self.itemText(row)):
            self.setCurrentIndex(row)

    # ------------------------------------------------------------ Qt

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        # Qt's least width holds ``chars`` letters; in a narrow window (a wide navigation
        # rail, 200 % text) the box may give up all but LEAST_CHARS of them.
        hint = super().minimumSizeHint()
        spare = max(0, self._chars - self.LEAST_CHARS) * self.fontMetrics().horizontalAdvance("X")
        return QSize(hint.width() - spare, hint.height())

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt name)
        event.ignore()


class Labelled(QWidget):
    """A control with its label above it (the label is its buddy and accessible name)."""

    def __init__(self, text: str, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(text, self)
        self.label.setProperty("role", "label")
        self.label.setBuddy(editor)
        editor.setParent(self)
        editor.setAccessibleName(text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(editor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)


class SearchBox(QLineEdit):
    """A search box wide enough for a long name (``chars`` characters)."""

    def __init__(self, parent: QWidget | None = None, *, chars: int = 24) -> None:
        super().__init__(parent)
        self._chars = chars

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        return QSize(
            max(hint.width(), self.fontMetrics().averageCharWidth() * self._chars), hint.height()
        )

"""A ballot's result, big: the headline in words, then a bar per choice with its picture,
its words and its number, then ties and the rest in plain sentences."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from clubapp.services.vote_results import BallotResult, ResultLine
from clubapp.ui.theme import colour
from clubapp.ui.voting.tiles import choice_colour
from clubapp.ui.widgets.pictures import picture_pixmap


def votes_words(n: int) -> str:
    return f"{n} vote" if n == 1 else f"{n} votes"


def turnout_words(result: BallotResult) -> str:
    people = "person" if result.eligible == 1 else "people"
    if result.ballot.method == "hands":
        hands = "1 hand" if result.voted == 1 else f"{result.voted} hands"
        return f"{result.eligible} {people} could vote; {hands} went up at the most."
    return f"{result.voted} of the {result.eligible} {people} who could vote did."


class ResultBar(QWidget):
    """One choice: picture, words, a bar as long as its share of the most votes, the count."""

    def __init__(
        self, line: ResultLine, number: int, most: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.line = line
        self.number = number
        self.most = max(1, most)
        self.count_words = votes_words(line.votes)
        if line.no or line.not_sure:
            self.count_words = f"{line.votes} yes, {line.no} no, {line.not_sure} not sure"
        self.setAccessibleName(f"{line.words}: {self.count_words}")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _big(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.6)
        return font

    def _picture_px(self) -> int:
        return max(64, QFontMetrics(self._big()).height() * 2)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        fm = QFontMetrics(self._big())
        height = max(self._picture_px(), fm.lineSpacing() * 2 + 8) + 16
        return QSize(fm.averageCharWidth() * 40, height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(QFontMetrics(self._big()).averageCharWidth() * 24, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        big = self._big()
        fm = QFontMetrics(big)
        px = self._picture_px()
        rect = QRectF(self.rect()).adjusted(0, 8, 0, -8)
        x = 0.0
        if self.line.picture:
            p.drawPixmap(
                int(x), int(rect.center().y() - px / 2), picture_pixmap(self.line.picture, px)
            )
        x += px + 16
        p.setFont(big)
        p.setPen(colour("text"))
        words_rect = QRectF(x, rect.top(), rect.width() - x, fm.lineSpacing())
        p.drawText(
            words_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.line.words,
        )
        # The bar, under the words, with the count in words after it.
        count_w = fm.horizontalAdvance(self.count_words) + 16
        room = max(10.0, rect.width() - x - count_w)
        length = room * self.line.votes / self.most
        bar = QRectF(x, rect.top() + fm.lineSpacing() + 4, max(length, 6.0), fm.height())
        p.setPen(QPen(colour("focus_ring"), 2))
        p.setBrush(choice_colour(self.number - 1, self.line.code))
        p.drawRoundedRect(bar, 4, 4)
        p.setPen(colour("text"))
        p.drawText(
            QRectF(bar.right() + 12, bar.top(), count_w, bar.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.count_words,
        )
        p.end()


class ResultsView(QWidget):
    """The whole result of one ballot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel(self)
        self.headline.setProperty("role", "vote_question")
        self.headline.setWordWrap(True)
        self.bars = QWidget(self)
        self.bars_layout = QVBoxLayout(self.bars)
        self.bars_layout.setContentsMargins(0, 0, 0, 0)
        self.bars_layout.setSpacing(12)
        self.details = QLabel(self)
        self.details.setProperty("role", "large")
        self.details.setWordWrap(True)
        self.turnout = QLabel(self)
        self.turnout.setWordWrap(True)
        self._bars: list[ResultBar] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        for widget in (self.headline, self.bars, self.details, self.turnout):
            layout.addWidget(widget)

    def show_result(self, result: BallotResult) -> None:
        # Hands are counted openly, so they show while the vote is open: say "so far".
        so_far = "So far: " if result.ballot.is_open else ""
        self.headline.setText(so_far + result.headline)
        while self.bars_layout.count():
            item = self.bars_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        most = max((line.votes for line in result.lines), default=0)
        if result.ballot.each_in_turn:
            most = max(
                (max(line.votes, line.no, line.not_sure) for line in result.lines), default=0
            )
        self._bars = [
            ResultBar(line, number, most, self.bars)
            for number, line in enumerate(result.lines, start=1)
        ]
        for bar in self._bars:
            self.bars_layout.addWidget(bar)
        self.details.setText("\n".join(result.details))
        self.details.setVisible(bool(result.details))
        self.turnout.setText(turnout_words(result))

    def bar_words(self) -> list[str]:
        return [bar.accessibleName() for bar in self._bars]

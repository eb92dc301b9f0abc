"""FlowBox wraps its widgets and follows their changes without watching them through filters."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from clubapp.ui.widgets.buttons import BigButton
from clubapp.ui.widgets.flow import FlowBox


def _host(qtbot, box: FlowBox, width: int = 600) -> QWidget:
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.addWidget(box)
    layout.addStretch(1)
    qtbot.addWidget(host)
    host.resize(width, 400)
    host.show()
    qtbot.waitExposed(host)
    return host


def test_hidden_widget_gives_up_its_place_and_takes_it_back(themed_app, qtbot):
    """Hiding a widget moves the next one into its place; showing it moves it back."""
    box = FlowBox(spacing=16)
    first, second = BigButton("First"), BigButton("Second")
    box.add_widget(first)
    box.add_widget(second)
    host = _host(qtbot, box)
    place = second.x()
    assert place > first.x()
    first.hide()
    qtbot.waitUntil(lambda: second.x() == 0)
    first.show()
    qtbot.waitUntil(lambda: second.x() == place)
    assert host.isVisible()


def test_longer_words_move_the_widgets_after_them(themed_app, qtbot):
    """A widget whose text grows pushes the next one along (Qt's LayoutRequest, no filter)."""
    box = FlowBox(spacing=16)
    label, after = QLabel("Short"), BigButton("After")
    box.add_widget(label)
    box.add_widget(after)
    host = _host(qtbot, box, width=1200)
    before = after.x()
    label.setText("Much longer words than before")
    qtbot.waitUntil(lambda: after.x() > before)
    assert after.x() >= label.x() + label.fontMetrics().horizontalAdvance(label.text())
    assert host.isVisible()


def test_lines_wrap_and_share_their_bottom_edge(themed_app, qtbot):
    """Too narrow for one line: the widgets wrap, and widgets of a line end at the same y."""
    box = FlowBox(spacing=16)
    buttons = [BigButton(f"Button number {i}") for i in range(6)]
    for b in buttons:
        box.add_widget(b)
    box.add_widget(QCheckBox("A check box"))
    host = _host(qtbot, box, width=500)
    rows = {b.y() for b in buttons}
    assert len(rows) > 1
    assert box.height() >= max(b.geometry().bottom() for b in buttons)
    line = [w for w in box.widgets() if w.y() == buttons[0].y()]
    assert len({w.geometry().bottom() for w in line}) == 1
    assert all(w.geometry().right() < box.width() for w in box.widgets())
    assert host.isVisible()


def test_grid_mode_gives_every_widget_the_same_cell(themed_app, qtbot):
    """uniform=True: equal cells, so a wrapped group lines up in columns."""
    box = FlowBox(spacing=8, uniform=True)
    for word in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        box.add_widget(QCheckBox(word))
    host = _host(qtbot, box, width=500)
    sizes = {w.size().toTuple() for w in box.widgets()}
    assert len(sizes) == 1
    assert len({w.x() for w in box.widgets()}) < 7  # it wrapped into columns
    assert host.isVisible()


def test_deleted_widget_drops_out_and_nothing_filters_children(themed_app, qtbot):
    """A deleted child leaves the flow; the box never installs event filters on children."""
    box = FlowBox()
    keep, gone = BigButton("Keep"), BigButton("Gone")
    box.add_widget(gone)
    box.add_widget(keep)
    host = _host(qtbot, box)
    assert "eventFilter" not in vars(FlowBox)
    gone.deleteLater()
    qtbot.waitUntil(lambda: box.widgets() == [keep])
    qtbot.waitUntil(lambda: keep.x() == 0)
    assert host.isVisible()

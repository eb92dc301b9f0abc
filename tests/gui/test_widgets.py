"""The shared widgets are big enough, say what they are, and never lose what was typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from clubapp.ui import theme
from clubapp.ui.widgets.buttons import BigButton, NavButton
from clubapp.ui.widgets.forms import FieldRow, FormPanel
from clubapp.ui.widgets.messages import ConfirmDialog, InfoDialog, ask_to_confirm
from clubapp.ui.widgets.tiles import NameTile, initials

SCALES = [1.0, 2.0]


def _show_in_layout(qtbot, *widgets):
    host = QWidget()
    layout = QHBoxLayout(host)
    for w in widgets:
        layout.addWidget(w)
    layout.addStretch(1)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    return host


def _longest_word_width(widget, text: str) -> int:
    fm = QFontMetrics(widget.font())
    return max(fm.horizontalAdvance(word) for word in text.split())


@pytest.mark.parametrize("scale", SCALES)
def test_big_button_is_at_least_60_px_and_fits_its_words(themed_app, qtbot, scale):
    """BigButtons of every variant are ≥ 60×60 px and wider than their text, at 100 % and 200 %."""
    theme.apply_theme(themed_app, scale)
    buttons = [
        BigButton("Save member"),
        BigButton("Go back", variant="secondary"),
        BigButton("Yes, delete Zoë's photo", variant="danger"),
        BigButton("OK"),
    ]
    _host = _show_in_layout(qtbot, *buttons)
    for b in buttons:
        assert b.width() >= 60 and b.height() >= 60
        assert b.sizeHint().width() >= 60 and b.sizeHint().height() >= 60
        assert b.width() >= QFontMetrics(b.font()).horizontalAdvance(b.text())


@pytest.mark.parametrize("scale", SCALES)
def test_nav_button_is_tall_and_fits_bold_text(themed_app, qtbot, scale):
    """NavButtons are ≥ 60 px high and fit their label even when checked (bold)."""
    theme.apply_theme(themed_app, scale)
    rail = QWidget()
    layout = QVBoxLayout(rail)
    buttons = [NavButton(t) for t in ("Members", "Committee meetings", "Money")]
    for b in buttons:
        layout.addWidget(b)
    qtbot.addWidget(rail)
    rail.show()
    qtbot.waitExposed(rail)
    buttons[1].setChecked(True)
    for b in buttons:
        assert b.height() >= 60 and b.width() >= 44
        assert b.width() >= QFontMetrics(b.font()).horizontalAdvance(b.text())
    assert buttons[1].font().bold()
    assert not buttons[0].font().bold()


def test_nav_buttons_are_exclusive_and_checkable(themed_app, qtbot):
    """Clicking one rail button checks it and unchecks the others."""
    a, b = NavButton("Members"), NavButton("Money")
    _host = _show_in_layout(qtbot, a, b)
    qtbot.mouseClick(a, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    assert b.isChecked() and not a.isChecked()


def test_button_accessible_name_follows_its_text(themed_app, qtbot):
    """A BigButton's accessible name is its visible text, also after setText."""
    button = BigButton("&Save member")
    qtbot.addWidget(button)
    assert button.accessibleName() == "Save member"
    button.setText("Save changes")
    assert button.accessibleName() == "Save changes"


def test_a_button_icon_grows_with_its_text(themed_app, qtbot):
    """An icon sits beside the words at their size, at 100 % and after the text grows."""
    picture = QPixmap(64, 64)
    picture.fill(QColor("#0b3d91"))
    button = BigButton("Print", icon=QIcon(picture))
    qtbot.addWidget(button)
    small = button.iconSize().height()
    assert small >= 24
    font = button.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    button.setFont(font)
    assert button.iconSize().height() > small * 1.6
    assert BigButton("No picture").icon().isNull()


def test_big_button_rejects_unknown_variant(themed_app, qtbot):
    """A misspelt variant is an error, not a silently unstyled button."""
    with pytest.raises(ValueError):
        BigButton("Save", variant="prime")


@pytest.mark.parametrize("scale", SCALES)
def test_name_tile_is_big_and_fits_the_longest_word(themed_app, qtbot, scale):
    """NameTiles are ≥ 140 px (x scale) and wider than the longest word of the name."""
    theme.apply_theme(themed_app, scale)
    pm = QPixmap(120, 90)
    pm.fill(QColor("#c08040"))
    tiles = [
        NameTile("Zoë O'Brien"),
        NameTile("Margaret Fitzwilliam-Hughes", photo=pm),
        NameTile("Al"),
    ]
    _host = _show_in_layout(qtbot, *tiles)
    for t in tiles:
        assert t.width() >= 140 * scale and t.height() >= 140 * scale
        assert t.sizeHint().width() >= 60 and t.sizeHint().height() >= 60
        bold = t._name_font()
        fm = QFontMetrics(bold)
        assert t.width() >= max(fm.horizontalAdvance(w) for w in t.name().split())
        assert not t.isElided()


def test_name_tile_grows_with_the_text_size(themed_app, qtbot):
    """The same tile asks for more room at 200 % than at 100 %."""
    tile = NameTile("Zoë O'Brien")
    qtbot.addWidget(tile)
    small = tile.sizeHint()
    theme.apply_theme(themed_app, 2.0)
    big = tile.sizeHint()
    assert big.width() > small.width() and big.height() > small.height()


def test_name_tile_toggles_on_click_and_space(themed_app, qtbot):
    """Clicking or pressing Space marks the person here and back; the accessible name follows."""
    tile = NameTile("Zoë O'Brien")
    _host = _show_in_layout(qtbot, tile)
    assert tile.accessibleName() == "Zoë O'Brien, not here yet"
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert tile.isChecked()
    assert tile.accessibleName() == "Zoë O'Brien, here"
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Space)
    assert not tile.isChecked()
    assert tile.accessibleName() == "Zoë O'Brien, not here yet"


def test_name_tile_elides_only_when_squeezed_and_then_has_a_tooltip(themed_app, qtbot):
    """A tile forced too small cuts the name short but keeps it whole in the tooltip."""
    tile = NameTile("Margaret Fitzwilliam-Hughes of Upper Little Snoring")
    qtbot.addWidget(tile)
    tile.setMinimumSize(0, 0)
    tile.resize(120, 150)
    tile.grab()  # paints, which lays the name out
    assert tile.isElided()
    assert tile.toolTip() == tile.name()
    assert tile.name() in tile.accessibleName()


@pytest.mark.parametrize(
    "name,expected",
    [
        ("Zoë O'Brien", "ZO"),
        ("Cher", "C"),
        ("李小龍", "李"),
        ("  mary-jane   smith ", "MS"),
        ("", "?"),
        ("Dr. Ada (Lovelace) King", "DK"),
    ],
)
def test_initials(name, expected):
    """initials() takes the first letters of the first and last names, one for CJK names."""
    assert initials(name) == expected


def test_field_row_shows_and_clears_errors_without_touching_the_text(themed_app, qtbot):
    """An error appears under the field, marks the editor and never changes what was typed."""
    editor = QLineEdit()
    row = FieldRow("Phone number", editor, "Include the area code")
    qtbot.addWidget(row)
    row.show()
    qtbot.waitExposed(row)
    qtbot.keyClicks(editor, "01632 96")
    assert row.label.buddy() is editor
    assert editor.accessibleName() == "Phone number"
    assert row.error_label.isHidden()

    row.show_error("Enter 11 digits, like 01632 960 123.")
    assert row.error_label.isVisible()
    assert row.error_label.text() == "Enter 11 digits, like 01632 960 123."
    assert editor.property("error") is True
    assert "Enter 11 digits" in editor.accessibleDescription()
    assert editor.text() == "01632 96"

    row.clear_error()
    assert row.error_label.isHidden()
    assert editor.property("error") is False
    assert editor.accessibleDescription() == "Include the area code"
    assert editor.text() == "01632 96"


def test_form_panel_shows_errors_and_focuses_the_first(themed_app, qtbot):
    """show_errors marks each named field, focuses the first in form order, keeps the text."""
    form = FormPanel()
    name, phone, email = QLineEdit("Zoë"), QLineEdit("0163"), QLineEdit("zoe@")
    form.add_field("name", "Preferred name", name)
    form.add_field("phone", "Phone number", phone)
    form.add_field("email", "Email", email)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    first = form.show_errors({"email": "Add the part after @.", "phone": "Enter 11 digits."})
    assert first is form.field("phone")
    qtbot.waitUntil(lambda: phone.hasFocus())
    assert form.field("email").has_error() and not form.field("name").has_error()
    assert [phone.text(), email.text()] == ["0163", "zoe@"]

    form.show_errors({"date_of_birth": "Use a date in the past."})
    assert form.form_error.isVisible()
    assert "date in the past" in form.form_error.text()
    assert not form.field("phone").has_error()

    form.clear_errors()
    assert form.form_error.isHidden()


def test_typing_in_a_field_with_an_error_takes_its_error_away(themed_app, qtbot):
    """The person is putting it right: that field's red line goes, the others stay, and
    the form says how many are left."""
    form = FormPanel()
    phone, email = QLineEdit("0163"), QLineEdit("zoe@")
    form.add_field("phone", "Phone number", phone)
    form.add_field("email", "Email", email)
    qtbot.addWidget(form)
    form.show()
    form.show_errors({"email": "Add the part after @.", "phone": "Enter 11 digits.", "": "Top"})
    assert form.error_count() == 3
    with qtbot.waitSignal(form.errors_changed):
        qtbot.keyClicks(phone, "4 496000")
    assert not form.field("phone").has_error()
    assert form.field("email").error_text() == "Add the part after @."
    assert form.error_count() == 2
    assert phone.text() == "01634 496000"
    phone.setText("changed by the program")  # not the person: nothing is taken away
    email.setText("zoe@example.org")
    assert form.field("email").has_error()


def test_form_panel_scrolls_rather_than_clipping_at_200_percent(themed_app, qtbot):
    """A long form at 200 % in a short window gets a scroll bar instead of squashed fields."""
    theme.apply_theme(themed_app, 2.0)
    form = FormPanel()
    for i in range(10):
        form.add_field(f"f{i}", f"Field number {i}", QLineEdit())
    qtbot.addWidget(form)
    form.resize(640, 400)
    form.show()
    qtbot.waitExposed(form)
    assert form.verticalScrollBar().maximum() > 0
    editor = form.field("f0").editor
    assert editor.height() >= editor.minimumSizeHint().height()


def _confirm(qtbot, **kwargs) -> ConfirmDialog:
    dialog = ConfirmDialog(
        None, "Delete photo", "Delete Zoë's photo?", "Yes, delete Zoë's photo", **kwargs
    )
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_confirm_button_accepts(themed_app, qtbot):
    """Clicking the confirm button answers yes."""
    dialog = _confirm(qtbot, danger=True)
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.confirm_button.variant() == "danger"


def test_go_back_button_rejects(themed_app, qtbot):
    """Clicking Go back answers no."""
    dialog = _confirm(qtbot)
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_escape_rejects_and_go_back_is_the_default(themed_app, qtbot):
    """Escape answers no, and the safe button is the default and has the focus."""
    dialog = _confirm(qtbot)
    assert dialog.cancel_button.isDefault()
    assert not dialog.confirm_button.isDefault()
    qtbot.waitUntil(lambda: dialog.cancel_button.hasFocus())
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("scale", SCALES)
def test_confirm_dialog_buttons_fit_their_words(themed_app, qtbot, scale):
    """At 100 % and 200 % the dialog's buttons are whole, ≥ 60 px and ≥ 16 px apart."""
    theme.apply_theme(themed_app, scale)
    dialog = _confirm(qtbot, danger=True)
    for b in (dialog.cancel_button, dialog.confirm_button):
        assert b.height() >= 60 and b.width() >= 60
        assert b.width() >= QFontMetrics(b.font()).horizontalAdvance(b.text())
    gap = dialog.confirm_button.geometry().left() - dialog.cancel_button.geometry().right()
    assert gap >= 16


def test_ask_to_confirm_returns_true_only_for_confirm(themed_app, qtbot):
    """ask_to_confirm returns True when the confirm button is clicked."""

    def click_confirm():
        dialog = next(w for w in themed_app.topLevelWidgets() if isinstance(w, ConfirmDialog))
        dialog.confirm_button.click()

    QTimer.singleShot(0, click_confirm)
    assert ask_to_confirm(None, "Delete photo", "Delete it?", "Yes, delete it") is True


def test_info_dialog_has_one_plain_ok_button(themed_app, qtbot):
    """tell()'s dialog has a single "OK, got it" button that closes it."""
    dialog = InfoDialog(None, "Saved", "Zoë's details are saved.")
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert dialog.ok_button.text() == "OK, got it"
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted

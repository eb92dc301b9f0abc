"""The look of the whole app: one font, one high-contrast palette, one stylesheet.

Everything that makes the interface rules in DESIGN.md section 2 true everywhere
lives here, so no page has to remember them:

* the bundled Atkinson Hyperlegible font, loaded from ``resources/fonts``;
* a light palette where every text colour has at least 7:1 contrast with the
  colour behind it, and every border, focus ring and state change at least 3:1;
* a text size control from 100 % to 200 %: :func:`apply_theme` multiplies every
  font size, padding and minimum size in the stylesheet by the chosen scale.

The stylesheet is the template ``resources/stylesheets/app.qss``. In it
``@c(name)`` is a colour from :data:`COLOURS`, ``@px(44)`` is 44 px times the
scale, ``@pt(14)`` is 14 pt times the scale, ``@img(name)`` one of the small
pictures in ``resources/stylesheets/pictures`` (drawn by
:mod:`clubapp.ui.theme_pictures`) and ``@round(32)`` the border-radius that makes
a 32 px (times the scale) indicator round.

Other modules style widgets with dynamic properties, never inline stylesheets::

    label.setProperty("role", "heading")      # also "subheading", "error", "help", "large"
    button.setProperty("variant", "danger")   # also "primary", "secondary", "nav", "vote"
    editor.setProperty("error", True)          # set by forms.FieldRow

After changing a property on a live widget, call :func:`repolish`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from clubapp.paths import fonts_dir, resources_dir

FONT_FAMILY = "Atkinson Hyperlegible"
FONT_FILES = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")

BASE_POINT_SIZE = 14.0
SCALE_MIN = 1.0
SCALE_MAX = 2.0
SCALE_STEP = 0.25

#: Buttons and other things you click are at least this big (logical px, scale 1).
MIN_TARGET_PX = 44
#: Primary and voting buttons, and navigation buttons, are at least this big.
PRIMARY_TARGET_PX = 60

_SCALE_PROPERTY = "clubappTextScale"
_loaded_family: str | None = None


class ThemeError(RuntimeError):
    """The app's look could not be set up (for example the font files are missing)."""


@dataclass(frozen=True)
class Colours:
    """The one palette. Names say what a colour is for, not what it looks like."""

    text: str = "#111111"  # normal text
    text_muted: str = "#3B3B3B"  # help lines, secondary text (still over 7:1)
    background: str = "#FFFFFF"  # windows, pages, editors
    surface: str = "#F1F1EE"  # panels, the navigation rail, secondary buttons
    surface_hover: str = "#E3E3DE"  # a secondary button under the mouse
    border: str = "#4F4F4F"  # the 2 px border around every control
    primary: str = "#0B3D91"  # main button fill (dark blue)
    primary_hover: str = "#082C69"
    primary_text: str = "#FFFFFF"
    focus: str = "#FFDD00"  # focus fill (yellow), as GOV.UK does it
    focus_text: str = "#111111"
    focus_ring: str = "#111111"  # the thick ring around whatever has the keyboard
    focus_soft: str = "#FFF6BF"  # behind the text of an editor that has the keyboard
    danger: str = "#A30000"  # danger button fill, error text, error border
    danger_hover: str = "#7A0000"
    danger_text: str = "#FFFFFF"
    error_background: str = "#FDEDED"  # behind an error message
    success: str = "#1B5E20"  # a person who is here (tile fill)
    success_text: str = "#FFFFFF"
    selected: str = "#0B3D91"  # selected rows and items
    selected_text: str = "#FFFFFF"
    nav_checked: str = "#DCE6F5"  # the navigation button of the room you are in
    nav_bar: str = "#0B3D91"  # the thick bar beside it
    disabled_background: str = "#E6E6E6"
    disabled_text: str = "#595959"  # 4.5:1 or more; WCAG exempts disabled controls
    disabled_border: str = "#8A8A8A"
    scroll_track: str = "#E6E6E6"
    scroll_handle: str = "#4F4F4F"
    tooltip_background: str = "#FFFFE8"
    gridline: str = "#8A8A8A"  # lines between table cells (decoration)
    # Voting: each choice has its own colour as well as its words and picture; white
    # words on each are over 7:1.
    choice_1: str = "#0B3D91"  # blue
    choice_2: str = "#7A3E00"  # brown
    choice_3: str = "#5B2A86"  # purple
    choice_4: str = "#006064"  # teal
    choice_5: str = "#3B3B3B"  # charcoal
    vote_yes: str = "#1B5E20"  # green, with a tick
    vote_no: str = "#A30000"  # red, with a cross
    vote_not_sure: str = "#37474F"  # slate, with a question mark


COLOURS = Colours()

#: Every (foreground, background) pair of text colours the stylesheet and the
#: widgets use. Each must reach 7:1 (WCAG 1.4.6, AAA).
TEXT_PAIRS: list[tuple[str, str]] = [
    ("text", "background"),
    ("text", "surface"),
    ("text", "surface_hover"),
    ("text_muted", "background"),
    ("text_muted", "surface"),
    ("primary_text", "primary"),
    ("primary_text", "primary_hover"),
    ("focus_text", "focus"),
    ("text", "focus_soft"),
    ("danger_text", "danger"),
    ("danger_text", "danger_hover"),
    ("danger", "background"),
    ("danger", "error_background"),
    ("text", "error_background"),
    ("success_text", "success"),
    ("selected_text", "selected"),
    ("text", "nav_checked"),
    ("text", "tooltip_background"),
]

#: Text of disabled controls: WCAG exempts them, we still keep 4.5:1.
DISABLED_PAIRS: list[tuple[str, str]] = [
    ("disabled_text", "disabled_background"),
    ("disabled_text", "background"),
]

#: Borders, focus rings and state changes next to what they sit on. Each must reach
#: 3:1 (WCAG 1.4.11).
NON_TEXT_PAIRS: list[tuple[str, str]] = [
    ("border", "background"),  # control outline on a page
    ("border", "surface"),  # control outline on a panel
    ("focus_ring", "background"),  # focus ring on a page
    ("focus_ring", "surface"),
    ("focus_ring", "focus"),  # ring against the yellow focus fill
    ("focus_ring", "focus_soft"),  # ring of a focused editor against its fill
    ("focus", "primary"),  # focused primary button vs unfocused: fill changes
    ("focus", "danger"),
    ("danger", "background"),  # error border on an editor
    ("danger", "focus"),  # error border while the editor has focus
    ("primary", "background"),  # primary button fill on a page
    ("primary", "surface"),
    ("danger", "surface"),
    ("success", "background"),  # tile: here vs not here yet
    ("selected", "background"),  # selected row vs unselected
    ("nav_bar", "nav_checked"),  # the bar beside the current room
    ("nav_bar", "surface"),
    ("scroll_handle", "scroll_track"),
]


# ---------------------------------------------------------------- contrast


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of ``#RRGGBB``."""
    h = hex_colour.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"Expected a colour like #1A2B3C, got {hex_colour!r}")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(hex_a: str, hex_b: str) -> float:
    """WCAG 2 contrast ratio between two colours, from 1.0 to 21.0."""
    la, lb = relative_luminance(hex_a), relative_luminance(hex_b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def colour(name: str) -> QColor:
    """A palette colour as a QColor, for widgets that paint themselves."""
    return QColor(getattr(COLOURS, name))


# ---------------------------------------------------------------- fonts


def load_fonts() -> str:
    """Add the bundled fonts to Qt and return their family name. Safe to call again."""
    global _loaded_family
    if _loaded_family is not None:
        return _loaded_family
    family = None
    for file_name in FONT_FILES:
        path = fonts_dir() / file_name
        if not path.is_file():
            raise ThemeError(
                f"The font file {path} is missing, so the app cannot show its "
                "easy-to-read letters. Please reinstall clubapp."
            )
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            raise ThemeError(f"Qt could not read the font file {path}.")
        family = family or families[0]
    assert family is not None
    _loaded_family = family
    return family


# ---------------------------------------------------------------- scale


def qapp() -> QApplication:
    """The running QApplication (Qt's stubs say it could be a QCoreApplication or None)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("clubapp's windows need a QApplication")
    return app


def clamp_scale(scale: float) -> float:
    """Keep a text scale inside 100 %–200 %, snapped to the nearest step."""
    scale = min(max(float(scale), SCALE_MIN), SCALE_MAX)
    steps = round((scale - SCALE_MIN) / SCALE_STEP)
    return SCALE_MIN + steps * SCALE_STEP


def scaled_px(px: float, scale: float) -> int:
    """``px`` logical pixels at text scale ``scale``, rounded."""
    return int(round(px * scale))


def current_scale(app: QApplication | None = None) -> float:
    """The text scale last given to :func:`apply_theme` (1.0 if never themed)."""
    instance = app if app is not None else QApplication.instance()
    value = instance.property(_SCALE_PROPERTY) if instance is not None else None
    return float(value) if value is not None else SCALE_MIN


# ---------------------------------------------------------------- stylesheet

_TOKEN = re.compile(r"@(px|pt|c|img|round)\(\s*([\w.]+)\s*\)")
#: Border width of check box and radio indicators (px, not scaled); see @round.
INDICATOR_BORDER_PX = 3
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def stylesheet_pictures() -> dict[str, Path]:
    """The small pictures the stylesheet uses (``@img(name)``): arrows, tick, dot.

    They are drawn once by :mod:`clubapp.ui.theme_pictures` and shipped, because
    drawing and saving them at every start cost the app about 8 ms.
    """
    folder = stylesheet_path().parent / "pictures"
    return {path.stem: path for path in folder.glob("*.png")}


def stylesheet_path() -> Path:
    return resources_dir() / "stylesheets" / "app.qss"


def render_stylesheet(scale: float = 1.0, template: str | None = None) -> str:
    """The app stylesheet with colours filled in and sizes multiplied by ``scale``."""
    if template is None:
        template = stylesheet_path().read_text(encoding="utf-8")
    colours = asdict(COLOURS)
    images = stylesheet_pictures() if "@img(" in template else {}

    def fill(match: re.Match[str]) -> str:
        kind, arg = match.group(1), match.group(2)
        if kind == "img":
            if arg not in images:
                raise ThemeError(
                    f"The picture {arg}.png for the app's look is missing. Please reinstall clubapp."
                )
            return f'url("{images[arg].as_posix()}")'
        if kind == "c":
            if arg not in colours:
                raise ThemeError(f"app.qss names an unknown colour @c({arg})")
            return colours[arg]
        number = float(arg) * scale
        if kind == "round":
            # The border-radius that makes an indicator of this size (plus its
            # borders) a circle: Qt ignores a radius larger than half the box.
            return f"{int((number + 2 * INDICATOR_BORDER_PX) // 2)}px"
        if kind == "px":
            return f"{int(round(number))}px"
        return f"{number:g}pt"

    rendered = _TOKEN.sub(fill, _COMMENT.sub("", template))
    leftover = re.search(r"@\w+\(", rendered)
    if leftover:
        raise ThemeError(f"app.qss has a placeholder this theme does not know: {leftover[0]}")
    return rendered


def _palette() -> QPalette:
    c = COLOURS
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.background,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Base: c.background,
        QPalette.ColorRole.AlternateBase: c.surface,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.Button: c.surface,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.BrightText: c.primary_text,
        QPalette.ColorRole.Highlight: c.selected,
        QPalette.ColorRole.HighlightedText: c.selected_text,
        QPalette.ColorRole.ToolTipBase: c.tooltip_background,
        QPalette.ColorRole.ToolTipText: c.text,
        QPalette.ColorRole.PlaceholderText: c.text_muted,
        QPalette.ColorRole.Link: c.primary,
        QPalette.ColorRole.Mid: c.border,
        QPalette.ColorRole.Dark: c.border,
        QPalette.ColorRole.Shadow: c.border,
    }
    for role, value in roles.items():
        pal.setColor(role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(disabled, role, QColor(c.disabled_text))
    pal.setColor(disabled, QPalette.ColorRole.Button, QColor(c.disabled_background))
    return pal


def app_font(scale: float = 1.0) -> QFont:
    """The app's base font at a text scale: Atkinson Hyperlegible, 14 pt x scale, upright."""
    font = QFont(load_fonts())
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    font.setItalic(False)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


#: Padding above and below the text of a table or list row (px at scale 1).
ROW_PADDING_PX = 8


def row_height(font: QFont, scale: float) -> int:
    """Height of a table row for ``font``: the text, padding and room for borders."""
    return max(
        MIN_TARGET_PX, QFontMetrics(font).lineSpacing() + 2 * scaled_px(ROW_PADDING_PX, scale) + 6
    )


def size_rows(view: QTableView) -> None:
    """Make a table's rows tall enough for its text at the current scale.

    Fusion's own row height ignores the text size; call this when a table gets its
    rows and again when its font changes (a FontChange event).
    """
    height = row_height(view.font(), current_scale())
    model = view.model()
    if model is not None and model.rowCount() > 0:
        # What the item padding in app.qss and the font really need for one line.
        height = max(height, view.sizeHintForRow(0))
    view.verticalHeader().setDefaultSectionSize(height)


if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyle

_style: QStyle | None = None
# Set when this module made the QApplication with Fusion already chosen: reaching
# Qt's QStyle class from Python costs about 10 ms at start-up.
_fusion_from_start = False


def create_application() -> QApplication:
    """Make the app's QApplication, already in the Fusion style."""
    global _fusion_from_start
    app = QApplication([*sys.argv[:1], "-style", "Fusion"])
    _fusion_from_start = True
    return app


def apply_theme(app: QApplication, scale: float = 1.0) -> None:
    """Give the whole app its font, palette and stylesheet at a text scale.

    Calling it again with another scale restyles every live widget. The scale is
    clamped to :data:`SCALE_MIN`..:data:`SCALE_MAX` in steps of :data:`SCALE_STEP`.
    """
    scale = clamp_scale(scale)
    if app.property(_SCALE_PROPERTY) == scale and app.styleSheet():
        return  # already so: restyling every widget again costs time and changes nothing
    global _style
    app.setProperty(_SCALE_PROPERTY, scale)
    # Fusion draws the same on every computer and honours the whole stylesheet.
    if _style is None and not _fusion_from_start:
        from PySide6.QtWidgets import QStyleFactory

        _style = QStyleFactory.create("Fusion")
        app.setStyle(_style)
    app.setPalette(_palette())
    app.setFont(app_font(scale))
    app.setStyleSheet(render_stylesheet(scale))
    # Deliver the font change now, so sizes are right as soon as this returns.
    QApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)


def repolish(widget: QWidget) -> None:
    """Re-apply the stylesheet after changing a dynamic property such as ``role``."""
    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        # Qt polishes a widget, with its properties as they are then, before it is
        # first shown; doing it now as well is wasted work at start-up.
        return
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()

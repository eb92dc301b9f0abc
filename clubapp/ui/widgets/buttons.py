"""Big buttons whose words say what happens, and the buttons of the navigation rail.

Both are plain QPushButtons styled by the app stylesheet through the ``variant``
property, so they follow the text size and the focus ring like everything else.
Their accessible name is always their visible text (DESIGN.md 2.9).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QFont, QFontMetrics, QIcon
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from clubapp.ui.theme import PRIMARY_TARGET_PX, repolish

VARIANTS = ("primary", "secondary", "danger", "vote", "vote_primary", "quiet")


def bold_extra(button: QPushButton) -> int:
    """How much wider the button's text is in bold (so a button that turns bold keeps its size)."""
    bold = QFont(button.font())
    bold.setBold(True)
    text = button.text()
    extra = QFontMetrics(bold).horizontalAdvance(text) - QFontMetrics(
        button.font()
    ).horizontalAdvance(text)
    return max(0, extra)


def plain_text(text: str) -> str:
    """Button text without its keyboard-shortcut ampersands ("&Save" -> "Save")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class _NamedButton(QPushButton):
    """A QPushButton whose accessible name follows its text."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        super().setText(text)
        self.setAccessibleName(plain_text(text))

    def _icon_px(self) -> int:
        return max(24, round(QFontMetrics(self.font()).height() * 1.2))

    def set_icon_beside_text(self, icon: QIcon) -> None:
        """An icon the size of the text, that grows with it so they stay alike."""
        self.setIcon(icon)
        self._fit_icon()
        self.installEventFilter(_ICON_SIZER)

    def _fit_icon(self) -> None:
        px = self._icon_px()
        self.setIconSize(QSize(px, px))


class _IconSizer(QObject):
    """Resizes a button's icon when its font changes. An event filter on the few
    buttons with icons, rather than an event handler on every button: a page of 80
    buttons sent about 1,600 events through Python as it opened."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.FontChange and isinstance(watched, _NamedButton):
            watched._fit_icon()
        return False


_ICON_SIZER = _IconSizer()


class BigButton(_NamedButton):
    """A button at least 60 x 60 px with words that say what happens.

    ``variant`` is ``"primary"`` (dark blue), ``"secondary"`` (pale),
    ``"danger"`` (dark red, for deleting) or ``"vote"`` (28 pt, for voting).
    An icon, if given, always sits beside the text, never instead of it.
    """

    def __init__(
        self,
        text: str,
        parent: QWidget | None = None,
        *,
        icon: QIcon | None = None,
        variant: str = "primary",
    ) -> None:
        super().__init__(text, parent)
        self.setVariant(variant)
        self.setAutoDefault(False)
        if icon is not None and not icon.isNull():
            self.set_icon_beside_text(icon)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

    def variant(self) -> str:
        return str(self.property("variant"))

    def setVariant(self, variant: str) -> None:  # noqa: N802 (Qt style)
        if variant not in VARIANTS:
            raise ValueError(f"Unknown button variant {variant!r}; use one of {VARIANTS}")
        self.setProperty("variant", variant)
        repolish(self)
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        return QSize(max(hint.width(), PRIMARY_TARGET_PX), max(hint.height(), PRIMARY_TARGET_PX))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.sizeHint()


class SwitchButton(BigButton):
    """A checkable button that picks what a page shows; the chosen one has bold text.

    It is always wide enough for its bold text, so it keeps its width when chosen.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent, variant="secondary")
        self.setCheckable(True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        return QSize(hint.width() + bold_extra(self) + 4, hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.sizeHint()


class NavButton(_NamedButton):
    """One room in the navigation rail: checkable, at least 60 px high.

    The room you are in shows bold text, a pale fill and a thick bar on the left
    (see ``QPushButton[variant="nav"]:checked`` in app.qss), so it never relies on
    colour alone. Buttons with the same parent are exclusive, like radio buttons.
    """

    def __init__(
        self, text: str, parent: QWidget | None = None, *, icon: QIcon | None = None
    ) -> None:
        super().__init__(text, parent)
        self.setProperty("variant", "nav")
        self.setCheckable(True)
        self.setAutoExclusive(True)
        self.setAutoDefault(False)
        if icon is not None and not icon.isNull():
            self.set_icon_beside_text(icon)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.toggled.connect(self._show_checked)
        self._show_checked(False)

    def _show_checked(self, checked: bool) -> None:
        # Only the weight is set, so size and family still come from the app font.
        font = QFont()
        font.setBold(checked)
        self.setFont(font)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        # Leave room for the bold text so the rail does not change width on a click.
        return QSize(hint.width() + bold_extra(self), max(hint.height(), PRIMARY_TARGET_PX))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.sizeHint()

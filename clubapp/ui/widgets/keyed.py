"""A column of widgets, one per key (an agenda item, an action point), kept across refreshes.

When a page reloads after a click, the widgets for the same keys stay the same widgets,
moved into the new order: the keyboard stays on the button that was pressed (Move up
keeps the focus on the item that moved), and nothing flickers.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


class KeyedColumn(QWidget, Generic[W]):
    """``sync(keys)`` makes one widget per key with ``make()``, in the keys' order."""

    def __init__(
        self, make: Callable[[], W], parent: QWidget | None = None, *, spacing: int = 12
    ) -> None:
        super().__init__(parent)
        self._make = make
        self._widgets: dict[Hashable, W] = {}
        self._order: list[Hashable] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(spacing)

    def sync(self, keys: list[Hashable]) -> list[W]:
        """One widget per key, in order; widgets of keys no longer there are deleted."""
        for key in [k for k in self._widgets if k not in keys]:
            widget = self._widgets.pop(key)
            self._layout.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        for key in keys:
            if key not in self._widgets:
                widget = self._make()
                widget.setParent(self)
                self._widgets[key] = widget
                self._layout.addWidget(widget)
                widget.show()
        if keys != self._order:
            for key in keys:
                self._layout.removeWidget(self._widgets[key])
            for key in keys:
                self._layout.addWidget(self._widgets[key])
            self._order = list(keys)
            self._fix_tab_order()
        return [self._widgets[k] for k in keys]

    def widget(self, key: Hashable) -> W:
        return self._widgets[key]

    def widgets(self) -> list[W]:
        return [self._widgets[k] for k in self._order]

    def _fix_tab_order(self) -> None:
        """Tab goes through the widgets in the order they are shown."""
        chain: list[QWidget] = []
        for widget in self.widgets():
            inner = [
                w
                for w in widget.findChildren(QWidget)
                if w.focusPolicy() != w.focusPolicy().NoFocus
            ]
            chain.extend(inner or [widget])
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

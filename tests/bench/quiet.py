"""Keep a benchmark's figures readable offscreen."""

from __future__ import annotations

import sys


def drop_offscreen_noise() -> None:
    """The offscreen platform warns at every window it shows that it cannot resize
    windows itself; the figures got lost among dozens of those lines."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if "does not support propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)

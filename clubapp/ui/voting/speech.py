"""Reading the question and the choices aloud, where the computer can speak.

Qt's text-to-speech is in PySide6-Addons (``pip install "clubapp[speech]"``), not in
PySide6-Essentials, and a computer may have no voice installed: then there is no Read
aloud button at all, and everything works as before.
"""

from __future__ import annotations

from typing import Protocol


class Speaker(Protocol):
    def say(self, text: str) -> None:
        """Start saying ``text``, stopping anything still being said."""


class _QtSpeaker:
    def __init__(self, engine) -> None:  # type: ignore[no-untyped-def]
        self._engine = engine

    def say(self, text: str) -> None:
        self._engine.stop()
        self._engine.say(text)


def system_speaker() -> Speaker | None:
    """The computer's voice, or None when there is none to use."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech  # type: ignore[import-not-found]
    except ImportError:
        return None
    if not QTextToSpeech.availableEngines():
        return None
    engine = QTextToSpeech()
    if engine.state() == QTextToSpeech.State.Error or not engine.availableVoices():
        return None
    engine.setRate(-0.2)  # a little slower than usual: clearer for older listeners
    return _QtSpeaker(engine)

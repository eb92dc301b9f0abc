"""Watching an import on the command line: how far it has got (on a terminal), and Ctrl-C.

Ctrl-C asks the import to stop at its next row rather than breaking off wherever it is:
the service raises ImportStopped, the transaction is rolled back, and the command says
"Stopped. Nothing was imported." If it was pressed just after the last row, the command
still stops before saving. A second Ctrl-C breaks off at once (the transaction is
still rolled back).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO


class ImportWatch:
    """The progress functions an import service takes, and whether Ctrl-C was pressed."""

    def __init__(self, things: str, stream: TextIO) -> None:
        self.things = things
        self.stream = stream
        self.asked = threading.Event()
        self._shown = ""
        self._tty = stream.isatty()

    @property
    def stopped(self) -> bool:
        return self.asked.is_set()

    def checking(self, done: int, total: int) -> bool:
        percent = done * 100 // total if total else 100
        self._show(f"Checking the file: {percent}%")
        return not self.stopped

    def progress(self, done: int, total: int) -> bool:
        self._show(f"Importing {done:,} of {total:,} {self.things}")
        return not self.stopped

    def _show(self, words: str) -> None:
        # Only on a terminal, on one line that is written over: a script's log keeps
        # only the result.
        if self._tty and words != self._shown:
            padding = " " * max(0, len(self._shown) - len(words))
            self.stream.write(f"\r{words}{padding}")
            self.stream.flush()
            self._shown = words

    def end_line(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
            self._shown = ""


@contextmanager
def watch_import(things: str, stream: TextIO | None = None) -> Iterator[ImportWatch]:
    """Ctrl-C asks the import to stop while this lasts; progress goes to ``stream``
    (standard error) when it is a terminal."""
    watch = ImportWatch(things, stream if stream is not None else sys.stderr)
    previous: Any = None

    def asked_to_stop(_signum: int, _frame: object) -> None:
        watch.asked.set()
        signal.signal(signal.SIGINT, previous)  # a second Ctrl-C breaks off at once

    try:
        previous = signal.signal(signal.SIGINT, asked_to_stop)
    except ValueError:  # not the main thread (a test running the command): no signals
        previous = None
    try:
        yield watch
    finally:
        watch.end_line()
        if previous is not None:
            signal.signal(signal.SIGINT, previous)

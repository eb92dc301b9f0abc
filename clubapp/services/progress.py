"""How far a long import has gone, and stopping it. No Qt: a screen or the command line
passes a plain function.

A service that may take long accepts ``progress: Progress | None``. It calls
``progress(done, total)`` at the start, every so many rows and at the end; when the
function returns False, the service raises `ImportStopped` at once. The caller's
transaction then rolls everything back, so a stopped import leaves the club's records
exactly as they were.
"""

from __future__ import annotations

from collections.abc import Callable

#: ``progress(done, total)``: True (or None) to go on, False to stop.
Progress = Callable[[int, int], "bool | None"]

#: What to tell people when they stopped an import.
STOPPED_WORDS = "Stopped. Nothing was imported."
#: At most this many rows between two calls, so Stop is felt within a moment.
MOST_BETWEEN = 500


class ImportStopped(Exception):
    """The person stopped the import. Whoever opened the transaction must roll it back."""

    def __init__(self, message: str = STOPPED_WORDS) -> None:
        super().__init__(message)


class Ticker:
    """Calls ``progress`` for rows 0 to ``total``: at the start, about every hundredth part
    (at most every `MOST_BETWEEN` rows) and at the end. Raises ImportStopped when told to
    stop. ``Ticker(None, n)`` does nothing, for callers that do not watch."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = max(total, 0)
        self.every = max(1, min(MOST_BETWEEN, self.total // 100))

    def at(self, done: int) -> None:
        """Row ``done`` of ``total`` is finished: say so when it is time."""
        if self.progress is not None and (
            done == 0 or done >= self.total or done % self.every == 0
        ):
            self.tell(done)

    def tell(self, done: int) -> None:
        """Say how far it has gone now, whatever the row."""
        if self.progress is not None and self.progress(done, self.total) is False:
            raise ImportStopped()


def part(progress: Progress | None, index: int, parts: int) -> Progress | None:
    """The ``index``-th of ``parts`` equal stages of one task, reported as one: stage 1 of
    2 at its half-way point is reported as a quarter done. None stays None."""
    if progress is None:
        return None

    def report(done: int, total: int) -> bool | None:
        if total <= 0:
            return progress(index, parts)
        return progress(index * total + done, parts * total)

    return report

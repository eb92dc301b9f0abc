"""Timing for the benchmark scripts: each call timed after one to warm up, and a line
with the median, the range and how it compares with a target."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

RUNS = 15


def timed(fn: Callable[[], object], runs: int = RUNS) -> tuple[list[float], object]:
    """Seconds for each of ``runs`` calls (after one call to warm up), and the last result."""
    result = fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return times, result


def say(what: str, times: list[float], target_ms: float | None = None, extra: str = "") -> None:
    ms = [t * 1000 for t in times]
    words = f"{what} (median of {len(ms)}): {statistics.median(ms):.1f} ms"
    words += f" (range {min(ms):.1f}–{max(ms):.1f})"
    if target_ms is not None:
        ratio = statistics.median(ms) / target_ms
        words += f"; target <= {target_ms:.0f} ms, {ratio:.2f} of it"
    print(words + (f"; {extra}" if extra else ""))

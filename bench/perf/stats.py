"""Small helpers for timing: percentiles, a stopwatch, the process's peak memory."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def summary(milliseconds: list[float]) -> dict:
    """p50, p95 and max of a list of times in milliseconds, rounded for the report."""
    return {
        "p50": round(statistics.median(milliseconds), 2),
        "p95": round(percentile(milliseconds, 0.95), 2),
        "max": round(max(milliseconds), 2),
        "n": len(milliseconds),
    }


def timed_ms(function: Callable[[], object]) -> tuple[float, object]:
    """Run ``function`` once; return (milliseconds, its result)."""
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def repeat_ms(function: Callable[[], object], repeats: int) -> list[float]:
    return [timed_ms(function)[0] for _ in range(repeats)]


def peak_rss_mb() -> float:
    """The most resident memory this process has used so far (VmHWM), in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def ratio(value: float, baseline: float) -> float | None:
    return round(value / baseline, 2) if baseline > 0 else None

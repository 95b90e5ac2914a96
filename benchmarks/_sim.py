"""Shared by the benchmarks: a simulated Discord with zero latency, from the test support package."""

from __future__ import annotations

import logging
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
logging.getLogger("discord").setLevel(logging.ERROR)

from tests.support.desk import TicketDeskSim  # noqa: E402


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(values_ms: list[float]) -> str:
    return (
        f"p50 {percentile(values_ms, 50):.1f} ms, p99 {percentile(values_ms, 99):.1f} ms, "
        f"max {max(values_ms):.1f} ms, mean {statistics.fmean(values_ms):.1f} ms"
    )


__all__ = ["ROOT", "TicketDeskSim", "percentile", "summary"]

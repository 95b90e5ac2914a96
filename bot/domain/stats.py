"""Summaries for /tickets stats."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.durations import describe, parse_duration


@dataclass(slots=True)
class StatsRows:
    open_now: int
    created: int
    closed: int
    resolution_seconds: list[float]
    first_response_seconds: list[float]
    per_group: list[tuple[int | None, int, int, int]]  # group id, created, closed, open now
    per_staff: list[tuple[int, int, int, int]]  # user id, closes, claims, first responses
    ratings: list[int]
    per_day: list[tuple[str, int, int]]  # date, created, closed


def median_duration(seconds: list[float]) -> str:
    """The median as ``1d 2h 3m``, or "—" without data."""
    if not seconds:
        return "—"
    value = statistics.median(seconds)
    return (
        describe(timedelta(seconds=max(int(value), 60 if value > 0 else 0)))
        if value >= 60
        else f"{int(value)}s"
    )


@dataclass(frozen=True, slots=True)
class RatingSummary:
    count: int
    average: float | None
    distribution: dict[int, int]


def ratings(values: list[int], levels: int) -> RatingSummary:
    """Ratings are level indexes (0 = first level); the average is shown on a 1..levels scale."""
    distribution = {i: 0 for i in range(max(levels, max(values, default=-1) + 1))}
    for value in values:
        distribution[value] = distribution.get(value, 0) + 1
    average = statistics.fmean(v + 1 for v in values) if values else None
    return RatingSummary(len(values), average, distribution)


def parse_period(text: str | None) -> timedelta | None:
    """``7d``, ``30d``, ``90d``, ``all`` or any duration; None means all time."""
    if text is None or text.strip().lower() in ("all", "ever", "all time"):
        return None
    return parse_duration(text)


@dataclass(slots=True)
class Stats:
    """Everything /tickets stats shows."""

    period: str
    since: datetime | None
    rows: StatsRows
    ratings: RatingSummary
    group_names: dict[int | None, str]
    chart: bytes | None


def axis_ticks(peak: int, most: int = 5) -> list[int]:
    """Whole, distinct, evenly spaced labels for a count axis from 0 to at least ``peak`` (at most ``most``)."""
    step = 1
    while -(-peak // step) > most - 1:
        for factor in (2, 2.5, 2):  # 1, 2, 5, 10, 20, 50, ...
            step = int(step * factor)
            if -(-peak // step) <= most - 1:
                break
    return [step * i for i in range(-(-peak // step) + 1)]

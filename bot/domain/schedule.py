"""Weekly support hours in an IANA timezone: is it open now, and when does it open next?"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot import messages

DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
_DAY_WORDS = {
    word: day
    for day, words in zip(
        DAYS,
        (
            ("mo", "mon", "monday"),
            ("tu", "tue", "tues", "tuesday"),
            ("we", "wed", "wednesday"),
            ("th", "thu", "thur", "thurs", "thursday"),
            ("fr", "fri", "friday"),
            ("sa", "sat", "saturday"),
            ("su", "sun", "sunday"),
        ),
        strict=True,
    )
    for word in words
}
_RANGE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


class ScheduleError(ValueError):
    """The schedule text or timezone is not understood."""


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "America" is a folder, or a long name
        raise ScheduleError(messages.SCHEDULE_ZONE.format(name=name)) from None


def _minutes(hours: str, minutes: str) -> int:
    h, m = int(hours), int(minutes)
    if not (0 <= h <= 24 and 0 <= m < 60) or (h == 24 and m):
        raise ScheduleError(messages.SCHEDULE_TIME.format(time=f"{hours}:{minutes}"))
    return h * 60 + m


@dataclass(slots=True)
class Schedule:
    """Open ranges per weekday, in minutes since midnight local time; ``end`` may be 1440."""

    days: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    timezone: str = "UTC"

    def to_json(self) -> dict[str, list[list[str]]]:
        def fmt(m: int) -> str:
            return f"{m // 60:02d}:{m % 60:02d}"

        return {day: [[fmt(a), fmt(b)] for a, b in self.days.get(day, [])] for day in DAYS}

    @classmethod
    def from_json(cls, data: dict[str, list[list[str]]] | None, timezone: str) -> Schedule | None:
        if not data:
            return None
        days: dict[str, list[tuple[int, int]]] = {}
        for day, ranges in data.items():
            parsed = []
            for start, end in ranges:
                sh, sm = start.split(":")
                eh, em = end.split(":")
                parsed.append((_minutes(sh, sm), _minutes(eh, em)))
            if parsed:
                days[day] = parsed
        return cls(days, timezone)

    def describe(self) -> str:
        if not self.days:
            return "closed every day"
        spans = self.to_json()
        return (
            "; ".join(f"{day} " + " ".join(f"{a}-{b}" for a, b in spans[day]) for day in DAYS if spans[day])
            + f" ({self.timezone})"
        )

    def is_open(self, now: datetime) -> bool:
        local = now.astimezone(zone(self.timezone))
        minute = local.hour * 60 + local.minute
        return any(a <= minute < b for a, b in self.days.get(DAYS[local.weekday()], []))

    def next_opening(self, now: datetime) -> datetime | None:
        """The next moment the schedule opens after ``now`` (None when it never opens)."""
        if not any(self.days.values()):
            return None
        tz = zone(self.timezone)
        local = now.astimezone(tz)
        for offset in range(8):
            day = (local + timedelta(days=offset)).date()
            for start, _ in sorted(self.days.get(DAYS[day.weekday()], [])):
                if start >= 1440:
                    continue
                candidate = datetime.combine(day, time(start // 60, start % 60), tzinfo=tz)
                if candidate > local:
                    return candidate.astimezone(now.tzinfo)
        return None


def parse_schedule(text: str, default_timezone: str = "UTC") -> Schedule:
    """``"mo-fr 09:00-17:00; sa 10:00-14:00 Europe/Berlin"``: day spans, time ranges, optional timezone."""
    tokens = text.replace(",", " ; ").replace(";", " ; ").split()
    timezone = default_timezone
    if tokens and tokens[-1] != ";" and not _RANGE.match(tokens[-1]) and not _is_days(tokens[-1].lower()):
        timezone = "UTC" if tokens[-1].upper() == "UTC" else tokens[-1]
        tokens.pop()
        zone(timezone)
    days: dict[str, list[tuple[int, int]]] = {}
    current: list[str] = []
    expecting_days = True
    for token in tokens:
        if token == ";":
            expecting_days = True
            continue
        lowered = token.lower()
        if expecting_days and not _RANGE.match(lowered):
            current = _parse_days(lowered)
            expecting_days = False
            continue
        match = _RANGE.match(lowered)
        if match is None or not current:
            raise ScheduleError(messages.SCHEDULE_RANGE.format(token=token))
        start = _minutes(match.group(1), match.group(2))
        end = _minutes(match.group(3), match.group(4))
        if end <= start:
            raise ScheduleError(messages.SCHEDULE_END_BEFORE_START.format(token=token))
        for day in current:
            days.setdefault(day, []).append((start, end))
        expecting_days = False
    if not days:
        raise ScheduleError(messages.SCHEDULE_EMPTY)
    for ranges in days.values():
        ranges.sort()
        for (_, b1), (a2, _) in zip(ranges, ranges[1:], strict=False):
            if a2 < b1:
                raise ScheduleError(messages.SCHEDULE_OVERLAP)
    return Schedule(days, timezone)


def _is_days(token: str) -> bool:
    try:
        _parse_days(token)
    except ScheduleError:
        return False
    return True


def _parse_days(token: str) -> list[str]:
    """``mo-fr``, ``sa/su``, ``monday``, ``daily``: the days a token names (whole words only)."""
    picked: list[str] = []
    for part in token.split("/"):
        if "-" in part:
            first, last = part.split("-", 1)
            if first not in _DAY_WORDS or last not in _DAY_WORDS:
                raise ScheduleError(messages.SCHEDULE_SPAN.format(token=token))
            i, j = DAYS.index(_DAY_WORDS[first]), DAYS.index(_DAY_WORDS[last])
            picked.extend(DAYS[i : j + 1] if i <= j else DAYS[i:] + DAYS[: j + 1])
        elif part in _DAY_WORDS:
            picked.append(_DAY_WORDS[part])
        elif part in ("daily", "every", "all"):
            picked.extend(DAYS)
        else:
            raise ScheduleError(messages.SCHEDULE_DAY.format(token=token))
    return list(dict.fromkeys(picked))

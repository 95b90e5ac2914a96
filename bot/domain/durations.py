"""Durations like ``2d 4h`` and times like ISO 8601, as people type them."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot import messages

_PART = re.compile(r"(\d+)\s*(weeks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)", re.I)
_UNITS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}
MAX_DURATION = timedelta(days=3650)


class DurationError(ValueError):
    """The text is not a duration or time this bot understands."""


def parse_duration(text: str) -> timedelta:
    """``"2d 4h"``, ``"90m"``, ``"1w"``; refuses zero, negative, junk and more than ten years."""
    cleaned = text.strip().lower().replace(",", " ")
    if not cleaned:
        raise DurationError(messages.DURATION_EMPTY)
    position = 0
    seconds = 0
    for match in _PART.finditer(cleaned):
        if cleaned[position : match.start()].strip():
            raise DurationError(messages.DURATION_INVALID.format(text=text))
        seconds += int(match.group(1)) * _UNITS[match.group(2)[0].lower()]
        position = match.end()
    if position == 0 or cleaned[position:].strip():
        raise DurationError(messages.DURATION_INVALID.format(text=text))
    if seconds <= 0:
        raise DurationError(messages.DURATION_ZERO)
    duration = timedelta(seconds=seconds)
    if duration > MAX_DURATION:
        raise DurationError(messages.DURATION_TOO_LONG)
    return duration


def parse_moment(text: str, now: datetime) -> datetime:
    """A duration from ``now`` or an ISO 8601 time (UTC if no offset); must lie in the future."""
    text = text.strip()
    try:
        return now + parse_duration(text)
    except DurationError:
        pass
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise DurationError(messages.MOMENT_INVALID.format(text=text)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    if moment <= now:
        raise DurationError(messages.MOMENT_PAST)
    if moment - now > MAX_DURATION:
        raise DurationError(messages.MOMENT_TOO_FAR)
    return moment


def describe(duration: timedelta) -> str:
    """``timedelta(days=2, hours=4)`` -> ``"2d 4h"``."""
    seconds = int(duration.total_seconds())
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return " ".join(parts) or "0s"

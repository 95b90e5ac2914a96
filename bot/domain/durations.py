"""Durations like ``2d 4h`` and times like ISO 8601, as people type them."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from babel.lists import format_list
from babel.units import format_unit

from bot import i18n, messages

_PART = re.compile(r"(\d+)\s*(weeks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)", re.I)
_UNITS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}
MAX_DURATION = timedelta(days=3650)
_DIGITS_MAX = 12


class DurationError(ValueError):
    """The text is not a duration or time this bot understands."""


def _seconds(text: str) -> int | None:
    """The seconds ``text`` spells as a duration (``2d 4h``), or None when it is not one; huge is huge."""
    cleaned = text.strip().lower().replace(",", " ")
    position = 0
    seconds = 0
    for match in _PART.finditer(cleaned):
        if cleaned[position : match.start()].strip():
            return None
        digits = match.group(1)
        if len(digits) > _DIGITS_MAX:  # more than ten years in any unit (and int() refuses 4,300 digits)
            raise DurationError(messages.DURATION_TOO_LONG)
        seconds += int(digits) * _UNITS[match.group(2)[0].lower()]
        position = match.end()
    if position == 0 or cleaned[position:].strip():
        return None
    return seconds


def parse_duration(text: str) -> timedelta:
    """``"2d 4h"``, ``"90m"``, ``"1w"``; refuses zero, negative, junk and more than ten years."""
    if not text.strip():
        raise DurationError(messages.DURATION_EMPTY)
    seconds = _seconds(text)
    if seconds is None:
        raise DurationError(messages.DURATION_INVALID.format(text=text))
    if seconds <= 0:
        raise DurationError(messages.DURATION_ZERO)
    if seconds > MAX_DURATION.total_seconds():
        raise DurationError(messages.DURATION_TOO_LONG)
    return timedelta(seconds=seconds)


def parse_moment(text: str, now: datetime) -> datetime:
    """A duration from ``now`` or an ISO 8601 time (UTC if no offset); must lie in the future."""
    text = text.strip()
    if text and _seconds(text) is not None:
        return now + parse_duration(text)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        moment = moment.astimezone(UTC)
    except ValueError:
        raise DurationError(messages.MOMENT_INVALID.format(text=text)) from None
    except OverflowError:  # a time at the very edge of the calendar, moved into UTC
        raise DurationError(messages.MOMENT_TOO_FAR) from None
    if moment <= now:
        raise DurationError(messages.MOMENT_PAST)
    if moment - now > MAX_DURATION:
        raise DurationError(messages.MOMENT_TOO_FAR)
    return moment


def describe(duration: timedelta) -> str:
    """``timedelta(days=2, hours=4)`` -> ``"2 days and 4 hours"`` in the language speaking now
    (``"2 Tage und 4 Stunden"``), with the language's own plural forms and list words (Babel)."""
    locale = i18n.babel_locale()
    seconds = int(duration.total_seconds())
    parts = []
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)):
        if seconds >= size:
            parts.append(format_unit(seconds // size, f"duration-{unit}", length="long", locale=locale))
            seconds %= size
    if not parts:
        return format_unit(0, "duration-second", length="long", locale=locale)
    return format_list(parts, locale=locale)

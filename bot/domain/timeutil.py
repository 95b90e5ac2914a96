"""Timezone-aware UTC times and their ISO 8601 text form."""

from __future__ import annotations

from datetime import UTC, datetime


def to_iso(value: datetime | None) -> str | None:
    """Store a time as ISO 8601 UTC; naive times are refused."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime: use timezone-aware UTC times")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def from_iso(value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed

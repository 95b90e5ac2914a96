"""Row <-> value conversions shared by the repositories."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.domain.timeutil import from_iso, to_iso


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def loads(value: str | None, default: Any = None) -> Any:
    if value is None:
        return default
    return json.loads(value)


def ts(value: datetime | None) -> str | None:
    return to_iso(value)


def dt(value: str | None) -> datetime | None:
    return from_iso(value)

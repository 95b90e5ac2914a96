"""Row <-> value conversions shared by the repositories."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from bot.domain.timeutil import from_iso, to_iso

T = TypeVar("T")


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


# -- a member's data: what every storage module that holds some shares (see storage/privacy.py) --------

TOMBSTONE = 0  # replaces an erased member's id, so counts and statistics stay right
REMOVED_TEXT = "[removed at the member's request]"
REMOVED_NAME = "Deleted user"
REMOVED_MENTION = "@deleted-user"
GUILD_TICKETS = "SELECT id FROM tickets WHERE guild_id = :guild"


def member_params(guild_id: int, user_id: int) -> dict[str, Any]:
    """The named parameters every member-data statement may use."""
    return {
        "guild": guild_id,
        "user": user_id,
        "tomb": TOMBSTONE,
        "text": REMOVED_TEXT,
        "name": REMOVED_NAME,
        "mention": REMOVED_MENTION,
        "plain": str(user_id),
        "m1": f"<@{user_id}>",
        "m2": f"<@!{user_id}>",
        "lm1": f"%<@{user_id}>%",
        "lm2": f"%<@!{user_id}>%",
    }


def scalar(conn: Any, sql: str, params: dict[str, Any]) -> int:
    cur = conn.execute(sql, params)
    row = cur.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def rows(conn: Any, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def unmention(column: str) -> str:
    """SQL that replaces the member's mentions in ``column`` (a fixed column name) with a placeholder."""
    return f"{column} = replace(replace({column}, :m1, :mention), :m2, :mention)"


def mentions(column: str) -> str:
    """SQL that is true when ``column`` (a fixed column name) mentions the member."""
    return f"({column} LIKE :lm1 OR {column} LIKE :lm2)"


def one(conn: Any, sql: str, params: Any, convert: Callable[[Any], T]) -> T | None:
    """The first row of ``sql`` as a model, or None."""
    cur = conn.execute(sql, params)
    row = cur.fetchone()
    return None if row is None else convert(row)


def many(conn: Any, sql: str, params: Any, convert: Callable[[Any], T]) -> list[T]:
    """Every row of ``sql`` as a model."""
    cur = conn.execute(sql, params)
    return [convert(row) for row in cur.fetchall()]

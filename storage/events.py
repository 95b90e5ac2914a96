"""The audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from bot.domain.models import Event
from storage._rows import dt, dumps, loads, ts


def _from_row(row: aiosqlite.Row) -> Event:
    return Event(
        id=row["id"],
        guild_id=row["guild_id"],
        ticket_id=row["ticket_id"],
        actor_id=row["actor_id"],
        action=row["action"],
        target_id=row["target_id"],
        reason=row["reason"],
        anonymous=bool(row["anonymous"]),
        allowed=bool(row["allowed"]),
        detail=loads(row["detail"]),
        created_at=dt(row["created_at"]),  # type: ignore[arg-type]
    )


async def record(
    conn: aiosqlite.Connection,
    *,
    guild_id: int,
    action: str,
    now: datetime,
    ticket_id: int | None = None,
    actor_id: int | None = None,
    target_id: int | None = None,
    reason: str | None = None,
    anonymous: bool = False,
    allowed: bool = True,
    detail: dict[str, Any] | None = None,
) -> int:
    cur = await conn.execute(
        "INSERT INTO events (guild_id, ticket_id, actor_id, action, target_id, reason, anonymous, allowed, detail, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            guild_id,
            ticket_id,
            actor_id,
            action,
            target_id,
            reason,
            int(anonymous),
            int(allowed),
            None if detail is None else dumps(detail),
            ts(now),
        ),
    )
    return int(cur.lastrowid or 0)


async def for_ticket(conn: aiosqlite.Connection, ticket_id: int, *, limit: int = 10) -> list[Event]:
    """The ticket's most recent events, oldest first."""
    async with conn.execute(
        "SELECT * FROM (SELECT * FROM events WHERE ticket_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id",
        (ticket_id, limit),
    ) as cur:
        return [_from_row(r) for r in await cur.fetchall()]

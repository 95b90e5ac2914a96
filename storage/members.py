"""Members added to a ticket besides its owner."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage._rows import ts


async def add(
    conn: aiosqlite.Connection, ticket_id: int, user_id: int, added_by: int | None, now: datetime
) -> bool:
    cur = await conn.execute(
        "INSERT OR IGNORE INTO ticket_members (ticket_id, user_id, added_by, added_at) VALUES (?, ?, ?, ?)",
        (ticket_id, user_id, added_by, ts(now)),
    )
    return cur.rowcount == 1


async def remove(conn: aiosqlite.Connection, ticket_id: int, user_id: int) -> bool:
    cur = await conn.execute(
        "DELETE FROM ticket_members WHERE ticket_id = ? AND user_id = ?", (ticket_id, user_id)
    )
    return cur.rowcount == 1


async def ids(conn: aiosqlite.Connection, ticket_id: int) -> list[int]:
    async with conn.execute(
        "SELECT user_id FROM ticket_members WHERE ticket_id = ? ORDER BY added_at, user_id", (ticket_id,)
    ) as cur:
        return [int(r[0]) for r in await cur.fetchall()]

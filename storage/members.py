"""Members added to a ticket besides its owner."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from storage._rows import GUILD_TICKETS, member_params, rows, scalar, ts


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


# -- a member's data (see storage/privacy.py) ----------------------------------------------------------

MEMBER_COLUMNS = {"ticket_members": ("user_id", "added_by")}
MEMBER_TEXT: dict[str, tuple[str, ...]] = {}
_IN_GUILD = f"ticket_id IN ({GUILD_TICKETS})"


async def member_count(conn: aiosqlite.Connection, guild_id: int, user_id: int) -> dict[str, int]:
    p = member_params(guild_id, user_id)
    return {
        "memberships": await scalar(
            conn, f"SELECT COUNT(*) FROM ticket_members WHERE user_id = :user AND {_IN_GUILD}", p
        ),
        "members_added": await scalar(
            conn, f"SELECT COUNT(*) FROM ticket_members WHERE added_by = :user AND {_IN_GUILD}", p
        ),
    }


async def member_export(conn: aiosqlite.Connection, guild_id: int, user_id: int) -> dict[str, Any]:
    p = member_params(guild_id, user_id)
    return {
        "memberships": await rows(
            conn,
            "SELECT t.number AS ticket, m.added_at FROM ticket_members m JOIN tickets t ON t.id = m.ticket_id "
            "WHERE m.user_id = :user AND t.guild_id = :guild ORDER BY t.number",
            p,
        ),
        "members_added": await rows(
            conn,
            "SELECT t.number AS ticket, m.added_at FROM ticket_members m JOIN tickets t ON t.id = m.ticket_id "
            "WHERE m.added_by = :user AND t.guild_id = :guild ORDER BY t.number",
            p,
        ),
    }


async def member_erase(conn: aiosqlite.Connection, guild_id: int, user_id: int) -> None:
    p = member_params(guild_id, user_id)
    await conn.execute(f"DELETE FROM ticket_members WHERE user_id = :user AND {_IN_GUILD}", p)
    await conn.execute(
        f"UPDATE ticket_members SET added_by = :tomb WHERE added_by = :user AND {_IN_GUILD}", p
    )

"""Ratings and comments: one per ticket."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from storage._rows import member_params, rows, scalar, ts


@dataclass(slots=True)
class Feedback:
    ticket_id: int
    guild_id: int
    user_id: int
    rating: int
    comment: str | None
    created_at: str
    channel_id: int | None
    message_id: int | None


async def get(conn: aiosqlite.Connection, ticket_id: int) -> Feedback | None:
    async with conn.execute(
        "SELECT ticket_id, guild_id, user_id, rating, comment, created_at, channel_id, message_id FROM feedback "
        "WHERE ticket_id = ?",
        (ticket_id,),
    ) as cur:
        row = await cur.fetchone()
    return None if row is None else Feedback(*row)


async def add(
    conn: aiosqlite.Connection, ticket_id: int, guild_id: int, user_id: int, rating: int, now: datetime
) -> bool:
    """Store the rating once; False when the ticket was already rated."""
    cur = await conn.execute(
        "INSERT OR IGNORE INTO feedback (ticket_id, guild_id, user_id, rating, created_at) VALUES (?, ?, ?, ?, ?)",
        (ticket_id, guild_id, user_id, rating, ts(now)),
    )
    if cur.rowcount == 1:
        await conn.execute("UPDATE tickets SET rating = ? WHERE id = ?", (rating, ticket_id))
        return True
    return False


async def set_comment(conn: aiosqlite.Connection, ticket_id: int, comment: str) -> bool:
    cur = await conn.execute(
        "UPDATE feedback SET comment = ? WHERE ticket_id = ? AND comment IS NULL", (comment, ticket_id)
    )
    return cur.rowcount == 1


async def set_post(conn: aiosqlite.Connection, ticket_id: int, channel_id: int, message_id: int) -> None:
    await conn.execute(
        "UPDATE feedback SET channel_id = ?, message_id = ? WHERE ticket_id = ?",
        (channel_id, message_id, ticket_id),
    )


# -- a member's data (see storage/privacy.py) ----------------------------------------------------------

MEMBER_COLUMNS = {"feedback": ("user_id",)}
MEMBER_TEXT = {"feedback": ("comment",)}


async def member_count(conn: aiosqlite.Connection, guild_id: int, user_id: int) -> dict[str, int]:
    p = member_params(guild_id, user_id)
    return {
        "feedback": await scalar(
            conn, "SELECT COUNT(*) FROM feedback WHERE guild_id = :guild AND user_id = :user", p
        )
    }


async def member_export(conn: aiosqlite.Connection, guild_id: int, user_id: int) -> dict[str, Any]:
    p = member_params(guild_id, user_id)
    return {
        "feedback": await rows(
            conn,
            "SELECT t.number AS ticket, f.rating, f.comment, f.created_at FROM feedback f "
            "JOIN tickets t ON t.id = f.ticket_id WHERE f.guild_id = :guild AND f.user_id = :user",
            p,
        )
    }


async def member_erase(conn: aiosqlite.Connection, guild_id: int, user_id: int) -> None:
    """The rating stays (for statistics, without its author); the comment goes."""
    p = member_params(guild_id, user_id)
    await conn.execute(
        "UPDATE feedback SET user_id = :tomb, comment = NULL WHERE guild_id = :guild AND user_id = :user", p
    )

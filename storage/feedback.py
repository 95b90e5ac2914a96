"""Ratings and comments: one per ticket."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

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


def get(conn: sqlite3.Connection, ticket_id: int) -> Feedback | None:
    cur = conn.execute(
        "SELECT ticket_id, guild_id, user_id, rating, comment, created_at, channel_id, message_id FROM feedback "
        "WHERE ticket_id = ?",
        (ticket_id,),
    )
    row = cur.fetchone()
    return None if row is None else Feedback(*row)


def add(
    conn: sqlite3.Connection, ticket_id: int, guild_id: int, user_id: int, rating: int, now: datetime
) -> bool:
    """Store the rating once; False when the ticket was already rated."""
    cur = conn.execute(
        "INSERT OR IGNORE INTO feedback (ticket_id, guild_id, user_id, rating, created_at) VALUES (?, ?, ?, ?, ?)",
        (ticket_id, guild_id, user_id, rating, ts(now)),
    )
    if cur.rowcount == 1:
        conn.execute("UPDATE tickets SET rating = ? WHERE id = ?", (rating, ticket_id))
        return True
    return False


def set_comment(conn: sqlite3.Connection, ticket_id: int, comment: str) -> bool:
    cur = conn.execute(
        "UPDATE feedback SET comment = ? WHERE ticket_id = ? AND comment IS NULL", (comment, ticket_id)
    )
    return cur.rowcount == 1


def set_post(conn: sqlite3.Connection, ticket_id: int, channel_id: int, message_id: int) -> None:
    conn.execute(
        "UPDATE feedback SET channel_id = ?, message_id = ? WHERE ticket_id = ?",
        (channel_id, message_id, ticket_id),
    )


# -- a member's data (see storage/privacy.py) ----------------------------------------------------------

MEMBER_COLUMNS = {"feedback": ("user_id",)}
MEMBER_TEXT = {"feedback": ("comment",)}


def member_count(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, int]:
    p = member_params(guild_id, user_id)
    return {
        "feedback": scalar(
            conn, "SELECT COUNT(*) FROM feedback WHERE guild_id = :guild AND user_id = :user", p
        )
    }


def member_export(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, Any]:
    p = member_params(guild_id, user_id)
    return {
        "feedback": rows(
            conn,
            "SELECT t.number AS ticket, f.rating, f.comment, f.created_at FROM feedback f "
            "JOIN tickets t ON t.id = f.ticket_id WHERE f.guild_id = :guild AND f.user_id = :user",
            p,
        )
    }


def member_erase(conn: sqlite3.Connection, guild_id: int, user_id: int) -> None:
    """The rating stays (for statistics, without its author); the comment goes."""
    p = member_params(guild_id, user_id)
    conn.execute(
        "UPDATE feedback SET user_id = :tomb, comment = NULL WHERE guild_id = :guild AND user_id = :user", p
    )

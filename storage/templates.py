"""Saved messages (custom messages): content and embeds with {variables}."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage._rows import dumps, loads, many, member_params, one, rows, scalar, ts


@dataclass(slots=True)
class CustomMessage:
    id: int
    guild_id: int
    name: str
    content: str | None
    embeds: list[dict[str, Any]]
    created_by: int | None


def _from_row(row: Any) -> CustomMessage:
    return CustomMessage(row[0], row[1], row[2], row[3], loads(row[4], []), row[5])


_COLUMNS = "id, guild_id, name, content, embeds, created_by"


def get(conn: sqlite3.Connection, message_id: int) -> CustomMessage | None:
    return one(conn, f"SELECT {_COLUMNS} FROM custom_messages WHERE id = ?", (message_id,), _from_row)


def get_by_name(conn: sqlite3.Connection, guild_id: int, name: str) -> CustomMessage | None:
    return one(
        conn,
        f"SELECT {_COLUMNS} FROM custom_messages WHERE guild_id = ? AND name = ? COLLATE NOCASE",
        (guild_id, name),
        _from_row,
    )


def list_for_guild(conn: sqlite3.Connection, guild_id: int) -> list[CustomMessage]:
    return many(
        conn,
        f"SELECT {_COLUMNS} FROM custom_messages WHERE guild_id = ? ORDER BY name COLLATE NOCASE",
        (guild_id,),
        _from_row,
    )


def list_all(conn: sqlite3.Connection) -> list[CustomMessage]:
    return many(conn, f"SELECT {_COLUMNS} FROM custom_messages ORDER BY id", (), _from_row)


def create(
    conn: sqlite3.Connection,
    guild_id: int,
    name: str,
    content: str | None,
    embeds: list[dict[str, Any]],
    created_by: int,
    now: datetime,
) -> CustomMessage:
    cur = conn.execute(
        "INSERT INTO custom_messages (guild_id, name, content, embeds, created_by, created_at, updated_at) "
        f"VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}",
        (guild_id, name, content, dumps(embeds), created_by, ts(now), ts(now)),
    )
    return _from_row(cur.fetchone())


def update(
    conn: sqlite3.Connection,
    message_id: int,
    content: str | None,
    embeds: list[dict[str, Any]],
    now: datetime,
) -> None:
    conn.execute(
        "UPDATE custom_messages SET content = ?, embeds = ?, updated_at = ? WHERE id = ?",
        (content, dumps(embeds), ts(now), message_id),
    )


def delete(conn: sqlite3.Connection, message_id: int) -> None:
    conn.execute("DELETE FROM custom_messages WHERE id = ?", (message_id,))


def record_sent(
    conn: sqlite3.Connection,
    *,
    guild_id: int,
    channel_id: int,
    message_id: int,
    custom_message_id: int,
    sent_by: int,
    now: datetime,
) -> None:
    """Remember a message /message send made (only those may be edited through it)."""
    conn.execute(
        "INSERT OR REPLACE INTO sent_messages (message_id, guild_id, channel_id, custom_message_id, sent_by, sent_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (message_id, guild_id, channel_id, custom_message_id, sent_by, ts(now)),
    )


def was_sent(conn: sqlite3.Connection, guild_id: int, channel_id: int, message_id: int) -> bool:
    cur = conn.execute(
        "SELECT 1 FROM sent_messages WHERE message_id = ? AND guild_id = ? AND channel_id = ?",
        (message_id, guild_id, channel_id),
    )
    return cur.fetchone() is not None


# -- a member's data (see storage/privacy.py) ----------------------------------------------------------

MEMBER_COLUMNS = {"custom_messages": ("created_by",), "sent_messages": ("sent_by",)}
MEMBER_TEXT: dict[str, tuple[str, ...]] = {}


def member_count(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, int]:
    p = member_params(guild_id, user_id)
    return {
        "saved_messages": scalar(
            conn, "SELECT COUNT(*) FROM custom_messages WHERE guild_id = :guild AND created_by = :user", p
        ),
        "messages_sent": scalar(
            conn, "SELECT COUNT(*) FROM sent_messages WHERE guild_id = :guild AND sent_by = :user", p
        ),
    }


def member_export(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, Any]:
    p = member_params(guild_id, user_id)
    return {
        "saved_messages": rows(
            conn,
            "SELECT name, created_at FROM custom_messages WHERE guild_id = :guild AND created_by = :user ORDER BY id",
            p,
        ),
        "messages_sent": rows(
            conn,
            "SELECT channel_id, message_id, sent_at FROM sent_messages WHERE guild_id = :guild AND sent_by = :user "
            "ORDER BY sent_at",
            p,
        ),
    }


def member_erase(conn: sqlite3.Connection, guild_id: int, user_id: int) -> None:
    """The message stays (it is the server's); who made it does not."""
    p = member_params(guild_id, user_id)
    conn.execute(
        "UPDATE custom_messages SET created_by = :tomb WHERE guild_id = :guild AND created_by = :user", p
    )
    conn.execute("UPDATE sent_messages SET sent_by = :tomb WHERE guild_id = :guild AND sent_by = :user", p)

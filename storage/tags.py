"""Tags: canned replies staff post in tickets (content and embeds with {variables}, like saved messages)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage._rows import dumps, loads, many, member_params, one, rows, scalar, ts


@dataclass(frozen=True, slots=True)
class Tag:
    id: int
    guild_id: int
    name: str
    content: str | None
    embeds: list[dict[str, Any]]
    created_by: int | None


_COLUMNS = "id, guild_id, name, content, embeds, created_by"


def _from_row(row: Any) -> Tag:
    return Tag(row[0], row[1], row[2], row[3], loads(row[4], []), row[5])


def get(conn: sqlite3.Connection, tag_id: int) -> Tag | None:
    return one(conn, f"SELECT {_COLUMNS} FROM tags WHERE id = ?", (tag_id,), _from_row)


def list_all(conn: sqlite3.Connection) -> list[Tag]:
    return many(conn, f"SELECT {_COLUMNS} FROM tags ORDER BY id", (), _from_row)


def create(
    conn: sqlite3.Connection,
    guild_id: int,
    name: str,
    content: str | None,
    embeds: list[dict[str, Any]],
    created_by: int,
    now: datetime,
) -> Tag:
    cur = conn.execute(
        "INSERT INTO tags (guild_id, name, content, embeds, created_by, created_at, updated_at) "
        f"VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}",
        (guild_id, name, content, dumps(embeds), created_by, ts(now), ts(now)),
    )
    return _from_row(cur.fetchone())


def update(
    conn: sqlite3.Connection, tag_id: int, content: str | None, embeds: list[dict[str, Any]], now: datetime
) -> Tag | None:
    row = conn.execute(
        f"UPDATE tags SET content = ?, embeds = ?, updated_at = ? WHERE id = ? RETURNING {_COLUMNS}",
        (content, dumps(embeds), ts(now), tag_id),
    ).fetchone()
    return None if row is None else _from_row(row)


def delete(conn: sqlite3.Connection, tag_id: int) -> bool:
    return conn.execute("DELETE FROM tags WHERE id = ?", (tag_id,)).rowcount == 1


# -- a member's data (see storage/privacy.py) ----------------------------------------------------------

MEMBER_COLUMNS = {"tags": ("created_by",)}
MEMBER_TEXT: dict[str, tuple[str, ...]] = {}


def member_count(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, int]:
    p = member_params(guild_id, user_id)
    return {
        "tags": scalar(conn, "SELECT COUNT(*) FROM tags WHERE guild_id = :guild AND created_by = :user", p)
    }


def member_export(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, Any]:
    p = member_params(guild_id, user_id)
    return {
        "tags": rows(
            conn,
            "SELECT name, created_at FROM tags WHERE guild_id = :guild AND created_by = :user ORDER BY id",
            p,
        )
    }


def member_erase(conn: sqlite3.Connection, guild_id: int, user_id: int) -> None:
    """The tag stays (it is the server's); who made it does not."""
    conn.execute(
        "UPDATE tags SET created_by = :tomb WHERE guild_id = :guild AND created_by = :user",
        member_params(guild_id, user_id),
    )

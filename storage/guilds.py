"""Guild settings and the per-guild ticket number counter."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.domain.models import GuildConfig
from storage._rows import dt, dumps, loads, many, one, ts

_COLUMNS = (
    "guild_id, enabled, admin_role_ids, staff_role_ids, log_channel_id, default_group_id, language, "
    "last_ticket_number, joined_at, left_at"
)


def _from_row(row: sqlite3.Row) -> GuildConfig:
    return GuildConfig(
        guild_id=row["guild_id"],
        enabled=bool(row["enabled"]),
        admin_role_ids=loads(row["admin_role_ids"], []),
        staff_role_ids=loads(row["staff_role_ids"], []),
        log_channel_id=row["log_channel_id"],
        default_group_id=row["default_group_id"],
        language=row["language"],
        last_ticket_number=row["last_ticket_number"],
        joined_at=dt(row["joined_at"]),
        left_at=dt(row["left_at"]),
    )


def get(conn: sqlite3.Connection, guild_id: int) -> GuildConfig | None:
    return one(conn, f"SELECT {_COLUMNS} FROM guilds WHERE guild_id = ?", (guild_id,), _from_row)


def ensure(conn: sqlite3.Connection, guild_id: int, now: datetime) -> None:
    """Create the guild's settings row with the defaults, unless it exists."""
    conn.execute(
        "INSERT INTO guilds (guild_id, joined_at, created_at, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (guild_id) DO NOTHING",
        (guild_id, ts(now), ts(now), ts(now)),
    )


def list_all(conn: sqlite3.Connection) -> list[GuildConfig]:
    return many(conn, f"SELECT {_COLUMNS} FROM guilds ORDER BY guild_id", (), _from_row)


def set_enabled(conn: sqlite3.Connection, guild_id: int, enabled: bool, now: datetime) -> bool:
    """Switch the module on or off; False when it already was in that state."""
    cur = conn.execute(
        "UPDATE guilds SET enabled = ?, updated_at = ? WHERE guild_id = ? AND enabled != ?",
        (int(enabled), ts(now), guild_id, int(enabled)),
    )
    return cur.rowcount == 1


def update_roles(
    conn: sqlite3.Connection,
    guild_id: int,
    now: datetime,
    *,
    admin_role_ids: list[int] | None = None,
    staff_role_ids: list[int] | None = None,
) -> None:
    if admin_role_ids is not None:
        conn.execute(
            "UPDATE guilds SET admin_role_ids = ?, updated_at = ? WHERE guild_id = ?",
            (dumps(sorted(set(admin_role_ids))), ts(now), guild_id),
        )
    if staff_role_ids is not None:
        conn.execute(
            "UPDATE guilds SET staff_role_ids = ?, updated_at = ? WHERE guild_id = ?",
            (dumps(sorted(set(staff_role_ids))), ts(now), guild_id),
        )


def set_log_channel(conn: sqlite3.Connection, guild_id: int, channel_id: int | None, now: datetime) -> None:
    conn.execute(
        "UPDATE guilds SET log_channel_id = ?, updated_at = ? WHERE guild_id = ?",
        (channel_id, ts(now), guild_id),
    )


def set_language(conn: sqlite3.Connection, guild_id: int, language: str | None, now: datetime) -> None:
    """The language of the server's public messages (None: its Discord language, when shipped)."""
    conn.execute(
        "UPDATE guilds SET language = ?, updated_at = ? WHERE guild_id = ?", (language, ts(now), guild_id)
    )


def set_default_group(
    conn: sqlite3.Connection,
    guild_id: int,
    group_id: int | None,
    now: datetime,
    *,
    only_if: int | None = None,
) -> None:
    """Set the default group; with ``only_if``, only while that group is the default."""
    sql = "UPDATE guilds SET default_group_id = ?, updated_at = ? WHERE guild_id = ?"
    params: list[object] = [group_id, ts(now), guild_id]
    if only_if is not None:
        sql += " AND default_group_id = ?"
        params.append(only_if)
    conn.execute(sql, params)


def default_group_unless_set(conn: sqlite3.Connection, guild_id: int, group_id: int, now: datetime) -> None:
    ensure(conn, guild_id, now)
    conn.execute(
        "UPDATE guilds SET default_group_id = ?, updated_at = ? WHERE guild_id = ? AND default_group_id IS NULL",
        (group_id, ts(now), guild_id),
    )


def mark_joined(conn: sqlite3.Connection, guild_id: int, now: datetime) -> None:
    ensure(conn, guild_id, now)
    conn.execute(
        "UPDATE guilds SET left_at = NULL, joined_at = COALESCE(joined_at, ?), updated_at = ? WHERE guild_id = ?",
        (ts(now), ts(now), guild_id),
    )


def mark_left(conn: sqlite3.Connection, guild_id: int, now: datetime) -> None:
    conn.execute(
        "UPDATE guilds SET left_at = ?, updated_at = ? WHERE guild_id = ? AND left_at IS NULL",
        (ts(now), ts(now), guild_id),
    )


def allocate_ticket_number(conn: sqlite3.Connection, guild_id: int, now: datetime) -> int:
    """The next ticket number: a number given back earlier if there is one, else one past the last (the
    guild's settings row is created with its first ticket).

    Must run inside a write transaction; the UNIQUE (guild_id, number) constraint backs it up.
    """
    cur = conn.execute(
        "SELECT number FROM free_ticket_numbers WHERE guild_id = ? ORDER BY number LIMIT 1", (guild_id,)
    )
    row = cur.fetchone()
    if row is not None:
        conn.execute(
            "DELETE FROM free_ticket_numbers WHERE guild_id = ? AND number = ?", (guild_id, row["number"])
        )
        return int(row["number"])
    cur = conn.execute(
        "INSERT INTO guilds (guild_id, last_ticket_number, joined_at, created_at, updated_at) VALUES (?, 1, ?, ?, ?) "
        "ON CONFLICT (guild_id) DO UPDATE SET last_ticket_number = last_ticket_number + 1 "
        "RETURNING last_ticket_number",
        (guild_id, ts(now), ts(now), ts(now)),
    )
    return int(cur.fetchone()[0])


def release_ticket_number(conn: sqlite3.Connection, guild_id: int, number: int) -> None:
    """Give back a number whose ticket never came to exist, so the sequence stays without gaps."""
    cur = conn.execute(
        "UPDATE guilds SET last_ticket_number = last_ticket_number - 1 WHERE guild_id = ? AND last_ticket_number = ?",
        (guild_id, number),
    )
    if cur.rowcount == 0:
        conn.execute(
            "INSERT OR IGNORE INTO free_ticket_numbers (guild_id, number) VALUES (?, ?)", (guild_id, number)
        )


def delete(conn: sqlite3.Connection, guild_id: int) -> None:
    """Remove the guild and, through foreign keys, everything it owns."""
    conn.execute("DELETE FROM events WHERE guild_id = ?", (guild_id,))
    conn.execute("DELETE FROM feedback WHERE guild_id = ?", (guild_id,))
    conn.execute("DELETE FROM guilds WHERE guild_id = ?", (guild_id,))

"""Guild settings and the per-guild ticket number counter."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.domain.models import GuildConfig
from storage._rows import dt, dumps, loads, many, one, ts

_COLUMNS = (
    "guild_id, enabled, admin_role_ids, staff_role_ids, log_channel_id, default_group_id, locale, "
    "last_ticket_number, joined_at, left_at"
)


def _from_row(row: aiosqlite.Row) -> GuildConfig:
    return GuildConfig(
        guild_id=row["guild_id"],
        enabled=bool(row["enabled"]),
        admin_role_ids=loads(row["admin_role_ids"], []),
        staff_role_ids=loads(row["staff_role_ids"], []),
        log_channel_id=row["log_channel_id"],
        default_group_id=row["default_group_id"],
        locale=row["locale"],
        last_ticket_number=row["last_ticket_number"],
        joined_at=dt(row["joined_at"]),
        left_at=dt(row["left_at"]),
    )


async def get(conn: aiosqlite.Connection, guild_id: int) -> GuildConfig | None:
    return await one(conn, f"SELECT {_COLUMNS} FROM guilds WHERE guild_id = ?", (guild_id,), _from_row)


async def ensure(conn: aiosqlite.Connection, guild_id: int, now: datetime) -> GuildConfig:
    """Return the guild's settings, creating the defaults on first use."""
    await conn.execute(
        "INSERT INTO guilds (guild_id, joined_at, created_at, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (guild_id) DO NOTHING",
        (guild_id, ts(now), ts(now), ts(now)),
    )
    found = await get(conn, guild_id)
    assert found is not None
    return found


async def list_all(conn: aiosqlite.Connection) -> list[GuildConfig]:
    return await many(conn, f"SELECT {_COLUMNS} FROM guilds ORDER BY guild_id", (), _from_row)


async def set_enabled(conn: aiosqlite.Connection, guild_id: int, enabled: bool, now: datetime) -> bool:
    """Switch the module on or off; False when it already was in that state."""
    cur = await conn.execute(
        "UPDATE guilds SET enabled = ?, updated_at = ? WHERE guild_id = ? AND enabled != ?",
        (int(enabled), ts(now), guild_id, int(enabled)),
    )
    return cur.rowcount == 1


async def update_roles(
    conn: aiosqlite.Connection,
    guild_id: int,
    now: datetime,
    *,
    admin_role_ids: list[int] | None = None,
    staff_role_ids: list[int] | None = None,
) -> None:
    if admin_role_ids is not None:
        await conn.execute(
            "UPDATE guilds SET admin_role_ids = ?, updated_at = ? WHERE guild_id = ?",
            (dumps(sorted(set(admin_role_ids))), ts(now), guild_id),
        )
    if staff_role_ids is not None:
        await conn.execute(
            "UPDATE guilds SET staff_role_ids = ?, updated_at = ? WHERE guild_id = ?",
            (dumps(sorted(set(staff_role_ids))), ts(now), guild_id),
        )


async def set_log_channel(
    conn: aiosqlite.Connection, guild_id: int, channel_id: int | None, now: datetime
) -> None:
    await conn.execute(
        "UPDATE guilds SET log_channel_id = ?, updated_at = ? WHERE guild_id = ?",
        (channel_id, ts(now), guild_id),
    )


async def set_default_group(
    conn: aiosqlite.Connection, guild_id: int, group_id: int | None, now: datetime
) -> None:
    await conn.execute(
        "UPDATE guilds SET default_group_id = ?, updated_at = ? WHERE guild_id = ?",
        (group_id, ts(now), guild_id),
    )


async def mark_joined(conn: aiosqlite.Connection, guild_id: int, now: datetime) -> None:
    await ensure(conn, guild_id, now)
    await conn.execute(
        "UPDATE guilds SET left_at = NULL, joined_at = COALESCE(joined_at, ?), updated_at = ? WHERE guild_id = ?",
        (ts(now), ts(now), guild_id),
    )


async def mark_left(conn: aiosqlite.Connection, guild_id: int, now: datetime) -> None:
    await conn.execute(
        "UPDATE guilds SET left_at = ?, updated_at = ? WHERE guild_id = ? AND left_at IS NULL",
        (ts(now), ts(now), guild_id),
    )


async def allocate_ticket_number(conn: aiosqlite.Connection, guild_id: int) -> int:
    """The next ticket number: a number given back earlier if there is one, else one past the last.

    Must run inside a write transaction; the UNIQUE (guild_id, number) constraint backs it up.
    """
    async with conn.execute(
        "SELECT number FROM free_ticket_numbers WHERE guild_id = ? ORDER BY number LIMIT 1", (guild_id,)
    ) as cur:
        row = await cur.fetchone()
    if row is not None:
        await conn.execute(
            "DELETE FROM free_ticket_numbers WHERE guild_id = ? AND number = ?", (guild_id, row["number"])
        )
        return int(row["number"])
    async with conn.execute(
        "UPDATE guilds SET last_ticket_number = last_ticket_number + 1 WHERE guild_id = ? "
        "RETURNING last_ticket_number",
        (guild_id,),
    ) as cur:
        row = await cur.fetchone()
    if row is None:
        raise LookupError(f"guild {guild_id} has no settings row")
    return int(row[0])


async def release_ticket_number(conn: aiosqlite.Connection, guild_id: int, number: int) -> None:
    """Give back a number whose ticket never came to exist, so the sequence stays without gaps."""
    cur = await conn.execute(
        "UPDATE guilds SET last_ticket_number = last_ticket_number - 1 WHERE guild_id = ? AND last_ticket_number = ?",
        (guild_id, number),
    )
    if cur.rowcount == 0:
        await conn.execute(
            "INSERT OR IGNORE INTO free_ticket_numbers (guild_id, number) VALUES (?, ?)", (guild_id, number)
        )


async def delete(conn: aiosqlite.Connection, guild_id: int) -> None:
    """Remove the guild and, through foreign keys, everything it owns."""
    await conn.execute("DELETE FROM events WHERE guild_id = ?", (guild_id,))
    await conn.execute("DELETE FROM feedback WHERE guild_id = ?", (guild_id,))
    await conn.execute("DELETE FROM guilds WHERE guild_id = ?", (guild_id,))

"""Panels and their entries."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.domain.models import Panel, PanelEntry, PanelKind
from storage._rows import many, one, ts

_PANEL = "id, guild_id, name, kind, title, description, custom_message_id, channel_id, message_id"
_ENTRY = "id, panel_id, group_id, label, emoji, description, position"


def _entry(row: aiosqlite.Row) -> PanelEntry:
    return PanelEntry(
        id=row["id"],
        panel_id=row["panel_id"],
        group_id=row["group_id"],
        label=row["label"],
        emoji=row["emoji"],
        description=row["description"],
        position=row["position"],
    )


async def _with_entries(conn: aiosqlite.Connection, row: aiosqlite.Row) -> Panel:
    async with conn.execute(
        f"SELECT {_ENTRY} FROM panel_entries WHERE panel_id = ? ORDER BY position, id", (row["id"],)
    ) as cur:
        entries = [_entry(r) for r in await cur.fetchall()]
    return Panel(
        id=row["id"],
        guild_id=row["guild_id"],
        name=row["name"],
        kind=PanelKind(row["kind"]),
        title=row["title"],
        description=row["description"],
        custom_message_id=row["custom_message_id"],
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        entries=entries,
    )


async def create(
    conn: aiosqlite.Connection,
    guild_id: int,
    name: str,
    kind: PanelKind,
    now: datetime,
    *,
    title: str | None = None,
    description: str | None = None,
    custom_message_id: int | None = None,
) -> Panel:
    cur = await conn.execute(
        "INSERT INTO panels (guild_id, name, kind, title, description, custom_message_id, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (guild_id, name, str(kind), title, description, custom_message_id, ts(now), ts(now)),
    )
    panel = await get(conn, int(cur.lastrowid or 0))
    assert panel is not None
    return panel


async def get(conn: aiosqlite.Connection, panel_id: int) -> Panel | None:
    async with conn.execute(f"SELECT {_PANEL} FROM panels WHERE id = ?", (panel_id,)) as cur:
        row = await cur.fetchone()
    return None if row is None else await _with_entries(conn, row)


async def get_by_name(conn: aiosqlite.Connection, guild_id: int, name: str) -> Panel | None:
    async with conn.execute(
        f"SELECT {_PANEL} FROM panels WHERE guild_id = ? AND name = ? COLLATE NOCASE", (guild_id, name)
    ) as cur:
        row = await cur.fetchone()
    return None if row is None else await _with_entries(conn, row)


async def list_for_guild(conn: aiosqlite.Connection, guild_id: int) -> list[Panel]:
    async with conn.execute(
        f"SELECT {_PANEL} FROM panels WHERE guild_id = ? ORDER BY name COLLATE NOCASE", (guild_id,)
    ) as cur:
        rows = await cur.fetchall()
    return [await _with_entries(conn, r) for r in rows]


async def get_entry(conn: aiosqlite.Connection, entry_id: int) -> PanelEntry | None:
    return await one(conn, f"SELECT {_ENTRY} FROM panel_entries WHERE id = ?", (entry_id,), _entry)


async def add_entry(
    conn: aiosqlite.Connection,
    panel_id: int,
    group_id: int,
    label: str,
    *,
    emoji: str | None,
    description: str | None,
) -> PanelEntry:
    async with conn.execute(
        "SELECT COALESCE(MAX(position), -1) + 1 FROM panel_entries WHERE panel_id = ?", (panel_id,)
    ) as cur:
        row = await cur.fetchone()
    position = int(row[0]) if row else 0
    cur = await conn.execute(
        "INSERT INTO panel_entries (panel_id, group_id, label, emoji, description, position) VALUES (?, ?, ?, ?, ?, ?)",
        (panel_id, group_id, label, emoji, description, position),
    )
    entry = await get_entry(conn, int(cur.lastrowid or 0))
    assert entry is not None
    return entry


async def remove_entry(conn: aiosqlite.Connection, entry_id: int) -> None:
    await conn.execute("DELETE FROM panel_entries WHERE id = ?", (entry_id,))


async def set_message(
    conn: aiosqlite.Connection, panel_id: int, channel_id: int | None, message_id: int | None, now: datetime
) -> None:
    await conn.execute(
        "UPDATE panels SET channel_id = ?, message_id = ?, updated_at = ? WHERE id = ?",
        (channel_id, message_id, ts(now), panel_id),
    )


async def delete(conn: aiosqlite.Connection, panel_id: int) -> None:
    await conn.execute("DELETE FROM panels WHERE id = ?", (panel_id,))


async def entries_for_group(conn: aiosqlite.Connection, group_id: int) -> list[PanelEntry]:
    return await many(conn, f"SELECT {_ENTRY} FROM panel_entries WHERE group_id = ?", (group_id,), _entry)

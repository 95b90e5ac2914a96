"""Panels and their entries."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.domain.models import Panel, PanelEntry, PanelKind
from storage._rows import many, ts

_PANEL = "id, guild_id, name, kind, title, description, custom_message_id, channel_id, message_id"
_ENTRY = "id, panel_id, group_id, label, emoji, description, position"


def _entry(row: sqlite3.Row) -> PanelEntry:
    return PanelEntry(
        id=row["id"],
        panel_id=row["panel_id"],
        group_id=row["group_id"],
        label=row["label"],
        emoji=row["emoji"],
        description=row["description"],
        position=row["position"],
    )


def _with_entries(conn: sqlite3.Connection, row: sqlite3.Row) -> Panel:
    cur = conn.execute(
        f"SELECT {_ENTRY} FROM panel_entries WHERE panel_id = ? ORDER BY position, id", (row["id"],)
    )
    return _panel(row, [_entry(r) for r in cur.fetchall()])


def _panel(row: sqlite3.Row, entries: list[PanelEntry]) -> Panel:
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


def create(
    conn: sqlite3.Connection,
    guild_id: int,
    name: str,
    kind: PanelKind,
    now: datetime,
    *,
    title: str | None = None,
    description: str | None = None,
    custom_message_id: int | None = None,
) -> Panel:
    cur = conn.execute(
        "INSERT INTO panels (guild_id, name, kind, title, description, custom_message_id, created_at, updated_at) "
        f"VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING {_PANEL}",
        (guild_id, name, str(kind), title, description, custom_message_id, ts(now), ts(now)),
    )
    return _panel(cur.fetchone(), [])


def get(conn: sqlite3.Connection, panel_id: int) -> Panel | None:
    cur = conn.execute(f"SELECT {_PANEL} FROM panels WHERE id = ?", (panel_id,))
    row = cur.fetchone()
    return None if row is None else _with_entries(conn, row)


def get_by_name(conn: sqlite3.Connection, guild_id: int, name: str) -> Panel | None:
    cur = conn.execute(
        f"SELECT {_PANEL} FROM panels WHERE guild_id = ? AND name = ? COLLATE NOCASE", (guild_id, name)
    )
    row = cur.fetchone()
    return None if row is None else _with_entries(conn, row)


def list_for_guild(conn: sqlite3.Connection, guild_id: int) -> list[Panel]:
    cur = conn.execute(
        f"SELECT {_PANEL} FROM panels WHERE guild_id = ? ORDER BY name COLLATE NOCASE", (guild_id,)
    )
    rows = cur.fetchall()
    return [_with_entries(conn, r) for r in rows]


def list_all(conn: sqlite3.Connection) -> list[Panel]:
    """Every panel of every guild with its entries, in two queries."""
    entries: dict[int, list[PanelEntry]] = {}
    for row in conn.execute(f"SELECT {_ENTRY} FROM panel_entries ORDER BY panel_id, position, id"):
        entries.setdefault(row["panel_id"], []).append(_entry(row))
    return [
        _panel(r, entries.get(r["id"], [])) for r in conn.execute(f"SELECT {_PANEL} FROM panels ORDER BY id")
    ]


def add_entry(
    conn: sqlite3.Connection,
    panel_id: int,
    group_id: int,
    label: str,
    *,
    emoji: str | None,
    description: str | None,
) -> PanelEntry:
    cur = conn.execute(
        "INSERT INTO panel_entries (panel_id, group_id, label, emoji, description, position) "
        "SELECT ?, ?, ?, ?, ?, COALESCE(MAX(position), -1) + 1 FROM panel_entries WHERE panel_id = ? "
        f"RETURNING {_ENTRY}",
        (panel_id, group_id, label, emoji, description, panel_id),
    )
    return _entry(cur.fetchone())


def update(
    conn: sqlite3.Connection,
    panel_id: int,
    now: datetime,
    *,
    name: str,
    kind: PanelKind,
    title: str | None,
    description: str | None,
    custom_message_id: int | None,
    channel_id: int | None,
) -> None:
    """Every field of the panel but its posted message."""
    conn.execute(
        "UPDATE panels SET name = ?, kind = ?, title = ?, description = ?, custom_message_id = ?, channel_id = ?, "
        "updated_at = ? WHERE id = ?",
        (name, str(kind), title, description, custom_message_id, channel_id, ts(now), panel_id),
    )


def update_entry(
    conn: sqlite3.Connection,
    entry_id: int,
    *,
    group_id: int,
    label: str,
    emoji: str | None,
    description: str | None,
    position: int,
) -> None:
    conn.execute(
        "UPDATE panel_entries SET group_id = ?, label = ?, emoji = ?, description = ?, position = ? WHERE id = ?",
        (group_id, label, emoji, description, position, entry_id),
    )


def remove_entry(conn: sqlite3.Connection, entry_id: int) -> None:
    conn.execute("DELETE FROM panel_entries WHERE id = ?", (entry_id,))


def set_message(
    conn: sqlite3.Connection, panel_id: int, channel_id: int | None, message_id: int | None, now: datetime
) -> None:
    conn.execute(
        "UPDATE panels SET channel_id = ?, message_id = ?, updated_at = ? WHERE id = ?",
        (channel_id, message_id, ts(now), panel_id),
    )


def delete(conn: sqlite3.Connection, panel_id: int) -> None:
    conn.execute("DELETE FROM panels WHERE id = ?", (panel_id,))


def entries_for_group(conn: sqlite3.Connection, group_id: int) -> list[PanelEntry]:
    return many(conn, f"SELECT {_ENTRY} FROM panel_entries WHERE group_id = ?", (group_id,), _entry)

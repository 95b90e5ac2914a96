"""Ticket groups (soft-deleted, so closed tickets keep their group)."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import datetime
from typing import Any

from bot.domain.forms import FormField
from bot.domain.levels import Level
from bot.domain.models import ClaimMode, GroupMode, OutOfHours, PingOn, TicketGroup
from bot.domain.schedule import Schedule
from storage._rows import dt, dumps, loads, many, one, ts

_FIELDS = [f.name for f in dataclasses.fields(TicketGroup)]
_COLUMNS = ", ".join(_FIELDS)
_JSON_LISTS = {"category_ids", "support_role_ids"}
_NULLABLE_LISTS = {"ping_role_ids"}  # None means "as the default says" (the support roles)
_FLAGS = {"inactivity_owner_only", "owner_can_close", "close_on_owner_leave"}
_TIMES = {"created_at", "updated_at", "deleted_at"}


def _from_row(row: sqlite3.Row) -> TicketGroup:
    values: dict[str, Any] = {}
    for name in _FIELDS:
        value = row[name]
        if name in _JSON_LISTS:
            value = loads(value, [])
        elif name in _NULLABLE_LISTS:
            value = loads(value)
        elif name == "auto_replies":
            value = loads(value, [])
        elif name == "ping_on":
            value = PingOn(value)
        elif name == "claim_mode":
            value = ClaimMode(value)
        elif name in _FLAGS:
            value = bool(value)
        elif name in _TIMES:
            value = dt(value)
        elif name == "mode":
            value = GroupMode(value)
        elif name == "out_of_hours":
            value = OutOfHours(value)
        elif name == "form_fields":
            value = [FormField.from_json(f) for f in loads(value, [])]
        elif name in ("priority_levels", "rating_levels"):
            value = [Level.from_json(level) for level in loads(value, [])]
        elif name == "schedule":
            value = Schedule.from_json(loads(value), row["timezone"])
        values[name] = value
    return TicketGroup(**values)


def _to_db(name: str, value: Any) -> Any:
    if name in _JSON_LISTS:
        return dumps([int(v) for v in value])
    if name in _NULLABLE_LISTS:
        return None if value is None else dumps([int(v) for v in value])
    if name == "auto_replies":
        return dumps(list(value))
    if name in _FLAGS:
        return int(bool(value))
    if name in _TIMES:
        return ts(value)
    if name in ("mode", "out_of_hours", "ping_on", "claim_mode"):
        return str(value)
    if name == "form_fields":
        return dumps([f.to_json() for f in value])
    if name in ("priority_levels", "rating_levels"):
        return dumps([level.to_json() for level in value])
    if name == "schedule":
        return None if value is None else dumps(value.to_json())
    return value


def create(conn: sqlite3.Connection, guild_id: int, name: str, now: datetime, **fields: Any) -> TicketGroup:
    values = {"guild_id": guild_id, "name": name, "created_at": now, "updated_at": now, **fields}
    unknown = set(values) - set(_FIELDS)
    if unknown:
        raise ValueError(f"unknown group fields {sorted(unknown)}")
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cur = conn.execute(
        f"INSERT INTO ticket_groups ({names}) VALUES ({marks}) RETURNING {_COLUMNS}",
        [_to_db(k, v) for k, v in values.items()],
    )
    return _from_row(cur.fetchone())


def get(conn: sqlite3.Connection, group_id: int, *, include_deleted: bool = False) -> TicketGroup | None:
    sql = f"SELECT {_COLUMNS} FROM ticket_groups WHERE id = ?"
    if not include_deleted:
        sql += " AND deleted_at IS NULL"
    return one(conn, sql, (group_id,), _from_row)


def list_all(conn: sqlite3.Connection) -> list[TicketGroup]:
    """Every group of every guild, deleted ones too."""
    return many(conn, f"SELECT {_COLUMNS} FROM ticket_groups ORDER BY id", (), _from_row)


def get_by_name(conn: sqlite3.Connection, guild_id: int, name: str) -> TicketGroup | None:
    return one(
        conn,
        f"SELECT {_COLUMNS} FROM ticket_groups WHERE guild_id = ? AND name = ? COLLATE NOCASE AND deleted_at IS NULL",
        (guild_id, name),
        _from_row,
    )


def list_for_guild(conn: sqlite3.Connection, guild_id: int) -> list[TicketGroup]:
    return many(
        conn,
        f"SELECT {_COLUMNS} FROM ticket_groups WHERE guild_id = ? AND deleted_at IS NULL ORDER BY name COLLATE NOCASE",
        (guild_id,),
        _from_row,
    )


def update(conn: sqlite3.Connection, group_id: int, changes: dict[str, Any], now: datetime) -> TicketGroup:
    unknown = set(changes) - set(_FIELDS) | ({"id", "guild_id"} & set(changes))
    if unknown:
        raise ValueError(f"cannot update group fields {sorted(unknown)}")
    values = {**changes, "updated_at": now}
    sets = ", ".join(f"{name} = ?" for name in values)
    row = conn.execute(
        f"UPDATE ticket_groups SET {sets} WHERE id = ? RETURNING {_COLUMNS}",
        [*(_to_db(k, v) for k, v in values.items()), group_id],
    ).fetchone()
    if row is None:
        raise LookupError(f"group {group_id} does not exist")
    return _from_row(row)


def soft_delete(conn: sqlite3.Connection, group_id: int, now: datetime) -> None:
    conn.execute(
        "UPDATE ticket_groups SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
        (ts(now), ts(now), group_id),
    )


def count_tickets(conn: sqlite3.Connection, group_id: int, *, open_only: bool) -> int:
    sql = "SELECT COUNT(*) FROM tickets WHERE group_id = ?"
    if open_only:
        sql += " AND status IN ('creating', 'open')"
    cur = conn.execute(sql, (group_id,))
    row = cur.fetchone()
    return int(row[0]) if row else 0

"""The audit trail."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from bot.domain.models import Event
from bot.domain.text import clip
from storage._rows import dt, dumps, loads, many, member_params, rows, scalar, ts

REASON_MAX = 1000


def _from_row(row: sqlite3.Row) -> Event:
    return Event(
        id=row["id"],
        guild_id=row["guild_id"],
        ticket_id=row["ticket_id"],
        actor_id=row["actor_id"],
        action=row["action"],
        target_id=row["target_id"],
        reason=row["reason"],
        anonymous=bool(row["anonymous"]),
        allowed=bool(row["allowed"]),
        detail=loads(row["detail"]),
        created_at=dt(row["created_at"]),  # type: ignore[arg-type]
    )


def record(
    conn: sqlite3.Connection,
    *,
    guild_id: int,
    action: str,
    now: datetime,
    ticket_id: int | None = None,
    actor_id: int | None = None,
    target_id: int | None = None,
    reason: str | None = None,
    anonymous: bool = False,
    allowed: bool = True,
    detail: dict[str, Any] | None = None,
) -> int:
    """Write one event row inside the caller's transaction (a reason longer than 1,000 characters is cut).

    An event about a ticket that no longer exists (purged while the operation ran) is not written.
    """
    cur = conn.execute(
        "INSERT INTO events (guild_id, ticket_id, actor_id, action, target_id, reason, anonymous, allowed, detail, "
        "created_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ?2 IS NULL OR EXISTS (SELECT 1 FROM tickets WHERE id = ?2)",
        (
            guild_id,
            ticket_id,
            actor_id,
            action,
            target_id,
            None if reason is None else clip(reason, REASON_MAX),
            int(anonymous),
            int(allowed),
            None if detail is None else dumps(detail),
            ts(now),
        ),
    )
    return int(cur.lastrowid or 0)


def for_ticket(conn: sqlite3.Connection, ticket_id: int, *, limit: int = 10) -> list[Event]:
    """The ticket's most recent events, oldest first."""
    return many(
        conn,
        "SELECT * FROM (SELECT * FROM events WHERE ticket_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id",
        (ticket_id, limit),
        _from_row,
    )


# -- a member's data (see storage/privacy.py) ----------------------------------------------------------

MEMBER_COLUMNS = {"events": ("actor_id", "target_id")}
MEMBER_TEXT = {"events": ("reason", "detail")}


def member_count(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, int]:
    p = member_params(guild_id, user_id)
    return {
        "events": scalar(
            conn,
            "SELECT COUNT(*) FROM events WHERE guild_id = :guild AND (actor_id = :user OR target_id = :user "
            "OR instr(reason, :plain) OR instr(detail, :plain))",
            p,
        )
    }


def member_export(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, Any]:
    p = member_params(guild_id, user_id)
    return {
        "events": rows(
            conn,
            "SELECT action, reason, created_at FROM events WHERE guild_id = :guild "
            "AND (actor_id = :user OR target_id = :user) ORDER BY id",
            p,
        )
    }


def member_erase(conn: sqlite3.Connection, guild_id: int, user_id: int) -> None:
    """Events stay (the audit trail), naming nobody: the id becomes the tombstone, in reasons and details too."""
    p = member_params(guild_id, user_id)
    conn.execute(  # the reasons they typed are their words
        "UPDATE events SET reason = :text WHERE guild_id = :guild AND actor_id = :user AND reason IS NOT NULL "
        "AND allowed = 1",
        p,
    )
    conn.execute("UPDATE events SET actor_id = :tomb WHERE guild_id = :guild AND actor_id = :user", p)
    conn.execute("UPDATE events SET target_id = :tomb WHERE guild_id = :guild AND target_id = :user", p)
    conn.execute(
        "UPDATE events SET reason = replace(reason, :plain, :mention), detail = replace(detail, :plain, '0') "
        "WHERE guild_id = :guild AND (reason LIKE '%' || :plain || '%' OR detail LIKE '%' || :plain || '%')",
        p,
    )

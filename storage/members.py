"""Members added to a ticket besides its owner."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from storage._rows import GUILD_TICKETS, member_params, rows, scalar, ts


def add(conn: sqlite3.Connection, ticket_id: int, user_id: int, added_by: int | None, now: datetime) -> bool:
    cur = conn.execute(
        "INSERT OR IGNORE INTO ticket_members (ticket_id, user_id, added_by, added_at) VALUES (?, ?, ?, ?)",
        (ticket_id, user_id, added_by, ts(now)),
    )
    return cur.rowcount == 1


def remove(conn: sqlite3.Connection, ticket_id: int, user_id: int) -> bool:
    cur = conn.execute("DELETE FROM ticket_members WHERE ticket_id = ? AND user_id = ?", (ticket_id, user_id))
    return cur.rowcount == 1


def ids(conn: sqlite3.Connection, ticket_id: int) -> list[int]:
    cur = conn.execute(
        "SELECT user_id FROM ticket_members WHERE ticket_id = ? ORDER BY added_at, user_id", (ticket_id,)
    )
    return [int(r[0]) for r in cur.fetchall()]


# -- a member's data (see storage/privacy.py) ----------------------------------------------------------

MEMBER_COLUMNS = {"ticket_members": ("user_id", "added_by")}
MEMBER_TEXT: dict[str, tuple[str, ...]] = {}
_IN_GUILD = f"ticket_id IN ({GUILD_TICKETS})"


def member_count(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, int]:
    p = member_params(guild_id, user_id)
    return {
        "memberships": scalar(
            conn, f"SELECT COUNT(*) FROM ticket_members WHERE user_id = :user AND {_IN_GUILD}", p
        ),
        "members_added": scalar(
            conn, f"SELECT COUNT(*) FROM ticket_members WHERE added_by = :user AND {_IN_GUILD}", p
        ),
    }


def member_export(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, Any]:
    p = member_params(guild_id, user_id)
    return {
        "memberships": rows(
            conn,
            "SELECT t.number AS ticket, m.added_at FROM ticket_members m JOIN tickets t ON t.id = m.ticket_id "
            "WHERE m.user_id = :user AND t.guild_id = :guild ORDER BY t.number",
            p,
        ),
        "members_added": rows(
            conn,
            "SELECT t.number AS ticket, m.added_at FROM ticket_members m JOIN tickets t ON t.id = m.ticket_id "
            "WHERE m.added_by = :user AND t.guild_id = :guild ORDER BY t.number",
            p,
        ),
    }


def member_erase(conn: sqlite3.Connection, guild_id: int, user_id: int) -> None:
    p = member_params(guild_id, user_id)
    conn.execute(f"DELETE FROM ticket_members WHERE user_id = :user AND {_IN_GUILD}", p)
    conn.execute(f"UPDATE ticket_members SET added_by = :tomb WHERE added_by = :user AND {_IN_GUILD}", p)

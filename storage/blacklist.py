"""Members and roles kept from opening tickets."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage._rows import dt, many, member_params, one, rows, scalar, ts


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    guild_id: int
    kind: str  # "member" or "role"
    target_id: int
    reason: str | None
    reason_shown: bool
    expires_at: datetime | None
    added_by: int | None
    added_at: datetime | None

    def active(self, now: datetime) -> bool:
        return self.expires_at is None or self.expires_at > now


_COLUMNS = "id, guild_id, kind, target_id, reason, reason_shown, expires_at, added_by, added_at"


def _from_row(row: Any) -> Entry:
    return Entry(row[0], row[1], row[2], row[3], row[4], bool(row[5]), dt(row[6]), row[7], dt(row[8]))


def get(conn: sqlite3.Connection, entry_id: int) -> Entry | None:
    return one(conn, f"SELECT {_COLUMNS} FROM blacklist WHERE id = ?", (entry_id,), _from_row)


def list_all(conn: sqlite3.Connection) -> list[Entry]:
    return many(conn, f"SELECT {_COLUMNS} FROM blacklist ORDER BY id", (), _from_row)


def put(
    conn: sqlite3.Connection,
    guild_id: int,
    kind: str,
    target_id: int,
    *,
    reason: str | None,
    reason_shown: bool,
    expires_at: datetime | None,
    added_by: int,
    now: datetime,
) -> Entry:
    """Add the member or role, or replace what is kept about them (reason, expiry)."""
    cur = conn.execute(
        "INSERT INTO blacklist (guild_id, kind, target_id, reason, reason_shown, expires_at, added_by, added_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, kind, target_id) DO UPDATE SET "
        "reason = excluded.reason, reason_shown = excluded.reason_shown, expires_at = excluded.expires_at, "
        f"added_by = excluded.added_by, added_at = excluded.added_at RETURNING {_COLUMNS}",
        (guild_id, kind, target_id, reason, int(reason_shown), ts(expires_at), added_by, ts(now)),
    )
    return _from_row(cur.fetchone())


def remove(conn: sqlite3.Connection, guild_id: int, kind: str, target_id: int) -> bool:
    cur = conn.execute(
        "DELETE FROM blacklist WHERE guild_id = ? AND kind = ? AND target_id = ?", (guild_id, kind, target_id)
    )
    return cur.rowcount == 1


def remove_expired(conn: sqlite3.Connection, now: datetime) -> int:
    """Lift what expired (housekeeping; an expired entry already refuses nobody)."""
    return conn.execute(
        "DELETE FROM blacklist WHERE expires_at IS NOT NULL AND expires_at <= ?", (ts(now),)
    ).rowcount


# -- a member's data (see storage/privacy.py) ----------------------------------------------------------
# An entry about a member stays when they erase their data: it is the server's moderation record, and
# erasing it would undo the decision. What they are told about it follows the admin's choice.

MEMBER_COLUMNS = {"blacklist": ("target_id", "added_by")}
MEMBER_TEXT = {"blacklist": ("reason",)}
_ABOUT = "guild_id = :guild AND kind = 'member' AND target_id = :user"


def member_count(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, int]:
    p = member_params(guild_id, user_id)
    return {
        "blacklisted": scalar(conn, f"SELECT COUNT(*) FROM blacklist WHERE {_ABOUT}", p),
        "blacklist_entries_added": scalar(
            conn, "SELECT COUNT(*) FROM blacklist WHERE guild_id = :guild AND added_by = :user", p
        ),
    }


def member_export(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, Any]:
    p = member_params(guild_id, user_id)
    about = rows(conn, f"SELECT reason, reason_shown, expires_at, added_at FROM blacklist WHERE {_ABOUT}", p)
    for entry in about:
        if not entry.pop("reason_shown"):
            entry["reason"] = None  # the admins chose not to give it
    return {
        "blacklisted": about,
        "blacklist_entries_added": rows(
            conn,
            "SELECT kind, added_at FROM blacklist WHERE guild_id = :guild AND added_by = :user ORDER BY id",
            p,
        ),
    }


def member_erase(conn: sqlite3.Connection, guild_id: int, user_id: int) -> None:
    """An entry about them stays, without its reason; who added entries does not."""
    p = member_params(guild_id, user_id)
    conn.execute(f"UPDATE blacklist SET reason = NULL WHERE {_ABOUT}", p)
    conn.execute("UPDATE blacklist SET added_by = :tomb WHERE guild_id = :guild AND added_by = :user", p)

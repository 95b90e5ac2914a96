"""Raw figures for /tickets stats; the arithmetic (medians, averages) is in bot.domain.stats."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.domain.stats import StatsRows
from storage._rows import ts


def _seconds(start: str | None, end: str | None) -> float | None:
    if not start or not end:
        return None
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def gather(conn: sqlite3.Connection, guild_id: int, since: datetime | None) -> StatsRows:
    start = ts(since) if since else ""
    p = {"guild": guild_id, "since": start}
    live = "status IN ('open', 'closed', 'deleted')"

    def scalar(sql: str) -> int:
        cur = conn.execute(sql, p)
        row = cur.fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def fetch(sql: str) -> list[tuple]:  # type: ignore[type-arg]
        cur = conn.execute(sql, p)
        return [tuple(r) for r in cur.fetchall()]

    resolution = [
        _seconds(a, b)
        for a, b in fetch(
            f"SELECT created_at, closed_at FROM tickets WHERE guild_id = :guild AND {live} AND closed_at >= :since"
        )
    ]
    first = fetch(
        "SELECT t.created_at, (SELECT MIN(m.created_at) FROM archived_messages m WHERE m.ticket_id = t.id "
        "AND m.source = 'ticket' AND m.author_bot = 0 AND m.author_id != t.owner_id AND m.author_id != 0), "
        "(SELECT m.author_id FROM archived_messages m WHERE m.ticket_id = t.id AND m.source = 'ticket' "
        "AND m.author_bot = 0 AND m.author_id != t.owner_id AND m.author_id != 0 ORDER BY m.message_id LIMIT 1) "
        f"FROM tickets t WHERE t.guild_id = :guild AND t.{live} AND t.created_at >= :since"
    )
    responders: dict[int, int] = {}
    for _, _, author in first:
        if author is not None:
            responders[author] = responders.get(author, 0) + 1
    staff_actions = fetch(
        "SELECT actor_id, SUM(action = 'close'), SUM(action = 'claim') FROM events WHERE guild_id = :guild "
        "AND allowed = 1 AND actor_id IS NOT NULL AND actor_id != 0 AND action IN ('close', 'claim') "
        "AND created_at >= :since GROUP BY actor_id"
    )
    staff = {uid: [int(c or 0), int(k or 0), 0] for uid, c, k in staff_actions}
    for uid, count in responders.items():
        staff.setdefault(uid, [0, 0, 0])[2] = count
    return StatsRows(
        open_now=scalar("SELECT COUNT(*) FROM tickets WHERE guild_id = :guild AND status = 'open'"),
        created=scalar(
            f"SELECT COUNT(*) FROM tickets WHERE guild_id = :guild AND {live} AND created_at >= :since"
        ),
        closed=scalar(
            f"SELECT COUNT(*) FROM tickets WHERE guild_id = :guild AND {live} AND closed_at >= :since"
        ),
        resolution_seconds=[s for s in resolution if s is not None],
        first_response_seconds=[s for s in (_seconds(a, b) for a, b, _ in first) if s is not None],
        per_group=[
            (g, int(c or 0), int(d or 0), int(o or 0))
            for g, c, d, o in fetch(
                f"SELECT group_id, SUM(created_at >= :since), SUM(closed_at >= :since), SUM(status = 'open') "
                f"FROM tickets WHERE guild_id = :guild AND {live} GROUP BY group_id ORDER BY group_id"
            )
        ],
        per_staff=sorted(
            ((uid, *values) for uid, values in staff.items()), key=lambda r: (-r[1], -r[3], r[0])
        ),
        ratings=[
            int(r[0])
            for r in fetch("SELECT rating FROM feedback WHERE guild_id = :guild AND created_at >= :since")
        ],
        per_day=[
            (d, int(c or 0), int(x or 0))
            for d, c, x in fetch(
                "SELECT day, SUM(kind = 'c'), SUM(kind = 'x') FROM ("
                f"SELECT substr(created_at, 1, 10) AS day, 'c' AS kind FROM tickets WHERE guild_id = :guild AND {live} "
                "AND created_at >= :since UNION ALL "
                f"SELECT substr(closed_at, 1, 10), 'x' FROM tickets WHERE guild_id = :guild AND {live} "
                "AND closed_at >= :since) GROUP BY day ORDER BY day"
            )
        ],
    )

"""A member's references in one guild: counted, exported, and erased (replaced by a tombstone)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import aiosqlite

from storage._rows import loads

TOMBSTONE = 0
REMOVED_TEXT = "[removed at the member's request]"
REMOVED_NAME = "Deleted user"
REMOVED_MENTION = "@deleted-user"

_GUILD_TICKETS = "SELECT id FROM tickets WHERE guild_id = :guild"


@dataclass(slots=True)
class References:
    tickets_owned: int = 0
    tickets_assigned: int = 0
    messages: int = 0
    attachments: int = 0
    form_answers: int = 0
    feedback: int = 0
    events: int = 0
    memberships: int = 0
    mentions: int = 0

    def total(self) -> int:
        return sum(getattr(self, name) for name in self.__slots__)  # type: ignore[attr-defined]


@dataclass(slots=True)
class Erased:
    references: References
    blobs: list[tuple[str, str]] = field(default_factory=list)  # (ticket uuid, sha256) no longer referenced
    tickets: list[str] = field(default_factory=list)  # uuids whose saved transcripts must be rewritten


async def _count(conn: aiosqlite.Connection, sql: str, params: dict[str, Any]) -> int:
    async with conn.execute(sql, params) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


def _patterns(user_id: int) -> dict[str, Any]:
    return {"m1": f"%<@{user_id}>%", "m2": f"%<@!{user_id}>%"}


async def count(conn: aiosqlite.Connection, guild_id: int, user_id: int) -> References:
    p = {"guild": guild_id, "user": user_id, **_patterns(user_id)}
    return References(
        tickets_owned=await _count(
            conn, "SELECT COUNT(*) FROM tickets WHERE guild_id = :guild AND owner_id = :user", p
        ),
        tickets_assigned=await _count(
            conn, "SELECT COUNT(*) FROM tickets WHERE guild_id = :guild AND assigned_id = :user", p
        ),
        messages=await _count(
            conn,
            f"SELECT COUNT(*) FROM archived_messages WHERE author_id = :user AND ticket_id IN ({_GUILD_TICKETS})",
            p,
        ),
        attachments=await _count(
            conn,
            "SELECT COUNT(*) FROM attachments a JOIN archived_messages m ON m.message_id = a.message_id "
            f"WHERE m.author_id = :user AND a.status != 'erased' AND m.ticket_id IN ({_GUILD_TICKETS})",
            p,
        ),
        form_answers=await _count(
            conn,
            "SELECT COUNT(*) FROM tickets WHERE guild_id = :guild AND owner_id = :user AND form != '[]'",
            p,
        ),
        feedback=await _count(
            conn, "SELECT COUNT(*) FROM feedback WHERE guild_id = :guild AND user_id = :user", p
        ),
        events=await _count(
            conn,
            "SELECT COUNT(*) FROM events WHERE guild_id = :guild AND (actor_id = :user OR target_id = :user)",
            p,
        ),
        memberships=await _count(
            conn,
            f"SELECT COUNT(*) FROM ticket_members WHERE user_id = :user AND ticket_id IN ({_GUILD_TICKETS})",
            p,
        ),
        mentions=await _count(
            conn,
            "SELECT COUNT(*) FROM archived_messages WHERE author_id != :user AND (content LIKE :m1 OR "
            f"content LIKE :m2 OR embeds LIKE :m1 OR embeds LIKE :m2) AND ticket_id IN ({_GUILD_TICKETS})",
            p,
        ),
    )


async def export(conn: aiosqlite.Connection, guild_id: int, user_id: int) -> dict[str, Any]:
    """Everything the bot keeps about the member in this guild, as plain data."""
    p = {"guild": guild_id, "user": user_id}

    async def rows(sql: str) -> list[dict[str, Any]]:
        async with conn.execute(sql, p) as cur:
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in await cur.fetchall()]

    owned = await rows(
        "SELECT number, status, created_at, closed_at, closed_reason, form, rating FROM tickets "
        "WHERE guild_id = :guild AND owner_id = :user ORDER BY number"
    )
    for ticket in owned:
        ticket["form"] = loads(ticket["form"], [])
    return {
        "guild_id": str(guild_id),
        "user_id": str(user_id),
        "tickets_owned": owned,
        "tickets_assigned": await rows(
            "SELECT number, status FROM tickets WHERE guild_id = :guild "
            "AND assigned_id = :user ORDER BY number"
        ),
        "messages": await rows(
            "SELECT t.number AS ticket, m.source, m.content, m.created_at, m.edited_at, m.deleted_at "
            "FROM archived_messages m JOIN tickets t ON t.id = m.ticket_id "
            "WHERE m.author_id = :user AND t.guild_id = :guild ORDER BY m.message_id"
        ),
        "attachments": await rows(
            "SELECT t.number AS ticket, a.filename, a.mime, a.size, a.sha256, a.status FROM attachments a "
            "JOIN archived_messages m ON m.message_id = a.message_id JOIN tickets t ON t.id = a.ticket_id "
            "WHERE m.author_id = :user AND t.guild_id = :guild ORDER BY a.attachment_id"
        ),
        "feedback": await rows(
            "SELECT t.number AS ticket, f.rating, f.comment, f.created_at FROM feedback f "
            "JOIN tickets t ON t.id = f.ticket_id WHERE f.guild_id = :guild AND f.user_id = :user"
        ),
        "events": await rows(
            "SELECT action, reason, created_at FROM events WHERE guild_id = :guild "
            "AND (actor_id = :user OR target_id = :user) ORDER BY id"
        ),
    }


async def erase(conn: aiosqlite.Connection, guild_id: int, user_id: int) -> Erased:
    """Remove the member's contents and replace their id everywhere in the guild with the tombstone.

    Runs inside one write transaction. Open tickets must have been closed first.
    """
    erased = Erased(await count(conn, guild_id, user_id))
    p = {
        "guild": guild_id,
        "user": user_id,
        "tomb": TOMBSTONE,
        "text": REMOVED_TEXT,
        "name": REMOVED_NAME,
        "mention": REMOVED_MENTION,
        "plain": str(user_id),
        "m1": f"<@{user_id}>",
        "m2": f"<@!{user_id}>",
        **{f"l{k}": v for k, v in _patterns(user_id).items()},
    }
    in_guild = f"ticket_id IN ({_GUILD_TICKETS})"
    async with conn.execute(
        "SELECT DISTINCT t.uuid FROM tickets t WHERE t.guild_id = :guild AND (t.owner_id = :user OR "
        "t.assigned_id = :user OR t.opened_by_id = :user OR t.id IN (SELECT ticket_id FROM archived_messages "
        "WHERE author_id = :user OR content LIKE :lm1 OR content LIKE :lm2 OR embeds LIKE :lm1 OR embeds LIKE :lm2) "
        "OR t.id IN (SELECT ticket_id FROM ticket_members WHERE user_id = :user))",
        p,
    ) as cur:
        erased.tickets = [r[0] for r in await cur.fetchall()]
    # the bot's opening message of their tickets shows their form answers (and maybe an answers file)
    openings = (
        "SELECT opening_message_id FROM tickets WHERE guild_id = :guild AND owner_id = :user "
        "AND opening_message_id IS NOT NULL"
    )
    async with conn.execute(
        "SELECT DISTINCT t.uuid, a.sha256 FROM attachments a JOIN tickets t ON t.id = a.ticket_id "
        f"WHERE a.message_id IN ({openings}) AND a.sha256 IS NOT NULL",
        p,
    ) as cur:
        erased.blobs += [(r[0], r[1]) for r in await cur.fetchall()]
    await conn.execute(
        "UPDATE attachments SET filename = '[removed]', mime = NULL, url = NULL, sha256 = NULL, status = 'erased' "
        f"WHERE message_id IN ({openings})",
        p,
    )
    await conn.execute(f"DELETE FROM message_revisions WHERE message_id IN ({openings})", p)
    await conn.execute(
        f"UPDATE archived_messages SET content = :text, embeds = '[]', components = '[]' WHERE message_id IN ({openings})",
        p,
    )
    # attachments in their messages: drop the files no other message of the ticket still uses
    async with conn.execute(
        "SELECT DISTINCT t.uuid, a.sha256 FROM attachments a JOIN archived_messages m ON m.message_id = a.message_id "
        f"JOIN tickets t ON t.id = a.ticket_id WHERE m.author_id = :user AND a.sha256 IS NOT NULL AND a.{in_guild} "
        "AND NOT EXISTS (SELECT 1 FROM attachments b JOIN archived_messages n ON n.message_id = b.message_id "
        "WHERE b.ticket_id = a.ticket_id AND b.sha256 = a.sha256 AND n.author_id != :user)",
        p,
    ) as cur:
        erased.blobs += [(r[0], r[1]) for r in await cur.fetchall()]
    await conn.execute(
        "UPDATE attachments SET filename = '[removed]', mime = NULL, url = NULL, sha256 = NULL, status = 'erased' "
        f"WHERE message_id IN (SELECT message_id FROM archived_messages WHERE author_id = :user AND {in_guild})",
        p,
    )
    await conn.execute(
        f"DELETE FROM message_revisions WHERE message_id IN (SELECT message_id FROM archived_messages "
        f"WHERE author_id = :user AND {in_guild})",
        p,
    )
    await conn.execute(
        "UPDATE archived_messages SET content = :text, embeds = '[]', components = '[]', author_id = :tomb, "
        f"author_name = :name, author_avatar = NULL WHERE author_id = :user AND {in_guild}",
        p,
    )
    for table, columns in (
        ("archived_messages", ("content", "embeds")),
        ("message_revisions", ("content", "embeds")),
    ):
        scope = (
            in_guild
            if table == "archived_messages"
            else f"message_id IN (SELECT message_id FROM archived_messages WHERE {in_guild})"
        )
        for column in columns:
            await conn.execute(
                f"UPDATE {table} SET {column} = replace(replace({column}, :m1, :mention), :m2, :mention) "
                f"WHERE ({column} LIKE :lm1 OR {column} LIKE :lm2) AND {scope}",
                p,
            )
    await conn.execute(
        "UPDATE tickets SET form = '[]', name = 'ticket-' || number, custom_name = 0, owner_id = :tomb "
        "WHERE guild_id = :guild AND owner_id = :user",
        p,
    )
    await conn.execute(
        "UPDATE tickets SET assigned_id = :tomb WHERE guild_id = :guild AND assigned_id = :user", p
    )
    await conn.execute(
        "UPDATE tickets SET opened_by_id = :tomb WHERE guild_id = :guild AND opened_by_id = :user", p
    )
    await conn.execute(
        "UPDATE tickets SET closed_reason = replace(replace(closed_reason, :m1, :mention), :m2, :mention) "
        "WHERE guild_id = :guild AND (closed_reason LIKE :lm1 OR closed_reason LIKE :lm2)",
        p,
    )
    await conn.execute(f"DELETE FROM ticket_members WHERE user_id = :user AND {in_guild}", p)
    await conn.execute(
        "UPDATE feedback SET user_id = :tomb, comment = NULL WHERE guild_id = :guild AND user_id = :user", p
    )
    await conn.execute(
        "UPDATE custom_messages SET created_by = :tomb WHERE guild_id = :guild AND created_by = :user", p
    )
    await conn.execute("UPDATE events SET actor_id = :tomb WHERE guild_id = :guild AND actor_id = :user", p)
    await conn.execute("UPDATE events SET target_id = :tomb WHERE guild_id = :guild AND target_id = :user", p)
    await conn.execute(
        "UPDATE events SET reason = replace(reason, :plain, :mention), detail = replace(detail, :plain, '0') "
        "WHERE guild_id = :guild AND (reason LIKE '%' || :plain || '%' OR detail LIKE '%' || :plain || '%')",
        p,
    )
    return erased

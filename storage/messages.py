"""The live archive: messages of tickets and notes threads, their earlier versions and attachments."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from storage._rows import (
    GUILD_TICKETS,
    REMOVED_TEXT,
    TOMBSTONE,
    dumps,
    loads,
    many,
    member_params,
    mentions,
    rows,
    scalar,
    ts,
    unmention,
)

_MESSAGE = (
    "message_id, ticket_id, channel_id, source, author_id, author_name, author_avatar, author_bot, content, "
    "embeds, components, reference_id, created_at, edited_at, deleted_at, content_html, embeds_html"
)
_ATTACHMENT = (
    "attachment_id, message_id, ticket_id, filename, mime, size, sha256, url, encrypted, status, created_at"
)


@dataclass(slots=True)
class ArchivedMessage:
    message_id: int
    ticket_id: int
    channel_id: int
    source: str
    author_id: int
    author_name: str
    author_avatar: str | None
    author_bot: bool
    content: str
    embeds: list[dict[str, Any]]
    components: list[dict[str, Any]]
    reference_id: int | None
    created_at: str
    edited_at: str | None
    deleted_at: str | None
    revisions: list[dict[str, Any]]
    attachments: list[ArchivedAttachment]
    content_html: str | None = None  # rendered when archived (None: render when the transcript is made)
    embeds_html: str | None = None


@dataclass(slots=True)
class ArchivedAttachment:
    attachment_id: int
    message_id: int
    ticket_id: int
    filename: str
    mime: str | None
    size: int
    sha256: str | None
    url: str | None
    encrypted: bool
    status: str
    created_at: str


def _attachment(row: Any) -> ArchivedAttachment:
    return ArchivedAttachment(
        attachment_id=row[0],
        message_id=row[1],
        ticket_id=row[2],
        filename=row[3],
        mime=row[4],
        size=row[5],
        sha256=row[6],
        url=row[7],
        encrypted=bool(row[8]),
        status=row[9],
        created_at=row[10],
    )


def _message(
    row: Any, revisions: list[dict[str, Any]], attachments: list[ArchivedAttachment]
) -> ArchivedMessage:
    return ArchivedMessage(
        message_id=row[0],
        ticket_id=row[1],
        channel_id=row[2],
        source=row[3],
        author_id=row[4],
        author_name=row[5],
        author_avatar=row[6],
        author_bot=bool(row[7]),
        content=row[8],
        embeds=loads(row[9], []),
        components=loads(row[10], []),
        reference_id=row[11],
        created_at=row[12],
        edited_at=row[13],
        deleted_at=row[14],
        revisions=revisions,
        attachments=attachments,
        content_html=row[15],
        embeds_html=row[16],
    )


def store(
    conn: sqlite3.Connection,
    *,
    message_id: int,
    ticket_id: int,
    channel_id: int,
    source: str,
    author_id: int,
    author_name: str,
    author_avatar: str | None,
    author_bot: bool,
    content: str,
    embeds: list[dict[str, Any]],
    components: list[dict[str, Any]],
    reference_id: int | None,
    created_at: datetime,
    edited_at: datetime | None = None,
    content_html: str | None = None,
    embeds_html: str | None = None,
) -> bool:
    """Archive a message once; False when it was already archived or its ticket no longer exists.

    The opening message of a ticket whose owner erased their data (it shows their answers) is archived
    without its contents: the gateway can deliver it after the erasure ran.
    """
    cur = conn.execute("SELECT owner_id, id FROM tickets WHERE id = ?", (ticket_id,))
    ticket = cur.fetchone()
    if ticket is None:
        return False
    if ticket[0] == TOMBSTONE and _opens(components, ticket_id):
        content, embeds, components, content_html, embeds_html = REMOVED_TEXT, [], [], None, None
    cur = conn.execute(
        f"INSERT OR IGNORE INTO archived_messages ({_MESSAGE}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
        (
            message_id,
            ticket_id,
            channel_id,
            source,
            author_id,
            author_name,
            author_avatar,
            int(author_bot),
            content,
            dumps(embeds),
            dumps(components),
            reference_id,
            ts(created_at),
            ts(edited_at),
            content_html,
            embeds_html,
        ),
    )
    return cur.rowcount == 1


def _opens(components: list[dict[str, Any]], ticket_id: int) -> bool:
    """Whether these are a ticket's opening buttons (its Close button is the mark of its opening message)."""
    return f'"td:v1:ticket:close:{ticket_id}"' in dumps(components)


def get_version(conn: sqlite3.Connection, message_id: int) -> tuple[int, str, str, str | None] | None:
    """(ticket id, content, embeds JSON, deleted_at) of an archived message."""
    cur = conn.execute(
        "SELECT ticket_id, content, embeds, deleted_at FROM archived_messages WHERE message_id = ?",
        (message_id,),
    )
    row = cur.fetchone()
    return None if row is None else (int(row[0]), row[1], row[2], row[3])


def edit(
    conn: sqlite3.Connection,
    message_id: int,
    content: str,
    embeds: list[dict[str, Any]],
    edited_at: datetime,
    content_html: str | None = None,
    embeds_html: str | None = None,
) -> bool:
    """Keep the current version as a revision, then store the new one; False when nothing changed."""
    cur = conn.execute(
        "SELECT content, embeds, COALESCE(edited_at, created_at) FROM archived_messages WHERE message_id = ? "
        "AND author_id != 0",  # an erased member's message (tombstone author) never takes content back
        (message_id,),
    )
    row = cur.fetchone()
    if row is None or (row[0] == content and row[1] == dumps(embeds)):
        return False
    conn.execute(
        "INSERT INTO message_revisions (message_id, content, embeds, replaced_at) VALUES (?, ?, ?, ?)",
        (message_id, row[0], row[1], ts(edited_at)),
    )
    conn.execute(
        "UPDATE archived_messages SET content = ?, embeds = ?, edited_at = ?, content_html = ?, embeds_html = ? "
        "WHERE message_id = ?",
        (content, dumps(embeds), ts(edited_at), content_html, embeds_html, message_id),
    )
    return True


def mark_deleted(conn: sqlite3.Connection, message_ids: Sequence[int], now: datetime) -> int:
    marks = ", ".join("?" for _ in message_ids)
    cur = conn.execute(
        f"UPDATE archived_messages SET deleted_at = ? WHERE deleted_at IS NULL AND message_id IN ({marks})",
        (ts(now), *message_ids),
    )
    return cur.rowcount


def saved_state(conn: sqlite3.Connection, ticket_id: int, since: datetime) -> tuple[dict[int, int], bool]:
    """The newest archived message id per channel of the ticket, and whether anything in its archive
    arrived, changed or went after ``since`` (its last saved snapshot)."""
    heads = {
        int(channel): int(head)
        for channel, head in conn.execute(
            "SELECT channel_id, MAX(message_id) FROM archived_messages WHERE ticket_id = ? GROUP BY channel_id",
            (ticket_id,),
        )
    }
    when = ts(since)
    changed = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM archived_messages WHERE ticket_id = ? "
        "AND (created_at > ? OR edited_at > ? OR deleted_at > ?))",
        (ticket_id, when, when, when),
    ).fetchone()[0]
    return heads, bool(changed)


def last_id(conn: sqlite3.Connection, channel_id: int) -> int | None:
    cur = conn.execute("SELECT MAX(message_id) FROM archived_messages WHERE channel_id = ?", (channel_id,))
    row = cur.fetchone()
    return int(row[0]) if row and row[0] else None


def live_ids(conn: sqlite3.Connection, channel_id: int) -> set[int]:
    cur = conn.execute(
        "SELECT message_id FROM archived_messages WHERE channel_id = ? AND deleted_at IS NULL", (channel_id,)
    )
    return {int(r[0]) for r in cur.fetchall()}


def counts(conn: sqlite3.Connection, ticket_id: int) -> tuple[int, int, int]:
    """(messages, attachments stored, bytes stored) for a ticket."""
    cur = conn.execute("SELECT COUNT(*) FROM archived_messages WHERE ticket_id = ?", (ticket_id,))
    row = cur.fetchone()
    messages = int(row[0]) if row else 0
    cur = conn.execute(
        "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM attachments WHERE ticket_id = ? AND status = 'stored'",
        (ticket_id,),
    )
    row = cur.fetchone()
    return messages, int(row[0]) if row else 0, int(row[1]) if row else 0


def add_attachment(
    conn: sqlite3.Connection,
    *,
    attachment_id: int,
    message_id: int,
    ticket_id: int,
    filename: str,
    mime: str | None,
    size: int,
    url: str | None,
    now: datetime,
) -> bool:
    cur = conn.execute(
        f"INSERT OR IGNORE INTO attachments ({_ATTACHMENT}) SELECT ?, ?, ?, ?, ?, ?, NULL, ?, 0, 'pending', ? "
        "WHERE EXISTS (SELECT 1 FROM archived_messages WHERE message_id = ?)",
        (attachment_id, message_id, ticket_id, filename, mime, size, url, ts(now), message_id),
    )
    return cur.rowcount == 1


def finish_attachment(
    conn: sqlite3.Connection,
    attachment_id: int,
    *,
    status: str,
    sha256: str | None = None,
    encrypted: bool = False,
) -> bool:
    """Record how a download ended; False when the attachment was erased or purged meanwhile."""
    cur = conn.execute(
        "UPDATE attachments SET status = ?, sha256 = ?, encrypted = ? WHERE attachment_id = ? AND status = 'pending'",
        (status, sha256, int(encrypted), attachment_id),
    )
    return cur.rowcount == 1


def blob_in_use(conn: sqlite3.Connection, ticket_id: int, sha256: str) -> bool:
    """Whether a stored attachment of the ticket still uses the file with this content."""
    cur = conn.execute(
        "SELECT 1 FROM attachments WHERE ticket_id = ? AND sha256 = ? AND status = 'stored' LIMIT 1",
        (ticket_id, sha256),
    )
    return cur.fetchone() is not None


def stored_bytes(conn: sqlite3.Connection, ticket_id: int) -> int:
    cur = conn.execute(
        "SELECT COALESCE(SUM(size), 0) FROM (SELECT DISTINCT sha256, size FROM attachments "
        "WHERE ticket_id = ? AND status = 'stored')",
        (ticket_id,),
    )
    row = cur.fetchone()
    return int(row[0]) if row else 0


def pending_attachments(conn: sqlite3.Connection, ticket_id: int | None = None) -> list[ArchivedAttachment]:
    sql = f"SELECT {_ATTACHMENT} FROM attachments WHERE status = 'pending'"
    params: tuple[Any, ...] = ()
    if ticket_id is not None:
        sql += " AND ticket_id = ?"
        params = (ticket_id,)
    return many(conn, sql, params, _attachment)


# -- reading for transcripts, from a worker thread (plain sqlite3, page by page) -------------------------


def iter_messages(
    path: Path, ticket_id: int, sources: Sequence[str], page: int = 500
) -> Iterator[ArchivedMessage]:
    """Every archived message of a ticket in order, ``page`` at a time (memory does not grow)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        marks = ", ".join("?" for _ in sources)
        after = 0
        while True:
            rows = conn.execute(
                f"SELECT {_MESSAGE} FROM archived_messages WHERE ticket_id = ? AND source IN ({marks}) "
                "AND message_id > ? ORDER BY message_id LIMIT ?",
                (ticket_id, *sources, after, page),
            ).fetchall()
            if not rows:
                return
            ids = [r[0] for r in rows]
            id_marks = ", ".join("?" for _ in ids)
            revisions: dict[int, list[dict[str, Any]]] = {}
            for mid, content, embeds, replaced in conn.execute(
                f"SELECT message_id, content, embeds, replaced_at FROM message_revisions WHERE message_id IN ({id_marks}) "
                "ORDER BY id",
                ids,
            ):
                revisions.setdefault(mid, []).append(
                    {"content": content, "embeds": loads(embeds, []), "replaced_at": replaced}
                )
            attachments: dict[int, list[ArchivedAttachment]] = {}
            for row in conn.execute(
                f"SELECT {_ATTACHMENT} FROM attachments WHERE message_id IN ({id_marks}) ORDER BY attachment_id",
                ids,
            ):
                attachments.setdefault(row[1], []).append(_attachment(row))
            for row in rows:
                yield _message(row, revisions.get(row[0], []), attachments.get(row[0], []))
            after = ids[-1]
    finally:
        conn.close()


def message_authors(
    path: Path, ticket_id: int, sources: Sequence[str]
) -> list[tuple[int, str, str | None, bool]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        marks = ", ".join("?" for _ in sources)
        return [
            tuple(r)
            for r in conn.execute(  # type: ignore[misc]
                f"SELECT author_id, MAX(author_name), MAX(author_avatar), MAX(author_bot) FROM archived_messages "
                f"WHERE ticket_id = ? AND source IN ({marks}) GROUP BY author_id",
                (ticket_id, *sources),
            )
        ]
    finally:
        conn.close()


# -- a member's data (see storage/privacy.py) ----------------------------------------------------------

MEMBER_COLUMNS = {"archived_messages": ("author_id",)}
MEMBER_TEXT = {
    "archived_messages": (
        "content",
        "embeds",
        "components",
        "author_name",
        "author_avatar",
        "content_html",
        "embeds_html",
    ),
    "message_revisions": ("content", "embeds"),
    "attachments": ("filename", "url"),
}
_IN_GUILD = f"ticket_id IN ({GUILD_TICKETS})"
_THEIRS = f"SELECT message_id FROM archived_messages WHERE author_id = :user AND {_IN_GUILD}"
# reasons the member typed for an operation on a ticket
_THEIR_REASONS = (
    "SELECT ticket_id, reason FROM events WHERE guild_id = :guild AND actor_id = :user AND allowed = 1 "
    "AND reason IS NOT NULL AND ticket_id IS NOT NULL"
)
# a message that mentions the member now or did in an earlier version
_MENTIONING = (
    f"({mentions('m.content')} OR {mentions('m.embeds')} OR EXISTS (SELECT 1 FROM message_revisions r "
    f"WHERE r.message_id = m.message_id AND ({mentions('r.content')} OR {mentions('r.embeds')})))"
)
# the bot's opening message of their tickets shows their form answers (and maybe an answers file)
_OPENINGS = (
    "SELECT opening_message_id FROM tickets WHERE guild_id = :guild AND owner_id = :user "
    "AND opening_message_id IS NOT NULL UNION SELECT m.message_id FROM archived_messages m JOIN tickets t "
    "ON t.id = m.ticket_id WHERE t.guild_id = :guild AND t.owner_id = :user AND m.author_bot = 1 "
    "AND instr(m.components, '\"td:v1:ticket:close:' || t.id || '\"')"
)


def member_count(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, int]:
    p = member_params(guild_id, user_id)
    return {
        "messages": scalar(
            conn, f"SELECT COUNT(*) FROM archived_messages WHERE author_id = :user AND {_IN_GUILD}", p
        ),
        "attachments": scalar(
            conn,
            "SELECT COUNT(*) FROM attachments a JOIN archived_messages m ON m.message_id = a.message_id "
            f"WHERE m.author_id = :user AND a.status != 'erased' AND m.{_IN_GUILD}",
            p,
        ),
        "mentions": scalar(
            conn,
            f"SELECT COUNT(*) FROM archived_messages m WHERE author_id != :user AND {_MENTIONING} AND {_IN_GUILD}",
            p,
        ),
    }


def member_export(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, Any]:
    p = member_params(guild_id, user_id)
    return {
        "messages": rows(
            conn,
            "SELECT t.number AS ticket, m.source, m.content, m.created_at, m.edited_at, m.deleted_at "
            "FROM archived_messages m JOIN tickets t ON t.id = m.ticket_id "
            "WHERE m.author_id = :user AND t.guild_id = :guild ORDER BY m.message_id",
            p,
        ),
        "attachments": rows(
            conn,
            "SELECT t.number AS ticket, a.filename, a.mime, a.size, a.sha256, a.status FROM attachments a "
            "JOIN archived_messages m ON m.message_id = a.message_id JOIN tickets t ON t.id = a.ticket_id "
            "WHERE m.author_id = :user AND t.guild_id = :guild ORDER BY a.attachment_id",
            p,
        ),
    }


@dataclass(slots=True)
class ErasedFiles:
    """What the database no longer references: attachment files to remove, tickets whose saved copies change."""

    blobs: list[tuple[str, str]]  # (ticket uuid, sha256)
    tickets: list[str]  # uuids


def _erase_contents(conn: sqlite3.Connection, which: str, p: dict[str, Any]) -> None:
    """Attachments, earlier versions and contents of the messages ``which`` selects are removed."""
    conn.execute(
        "UPDATE attachments SET filename = '[removed]', mime = NULL, url = NULL, sha256 = NULL, status = 'erased' "
        f"WHERE message_id IN ({which})",
        p,
    )
    conn.execute(f"DELETE FROM message_revisions WHERE message_id IN ({which})", p)
    conn.execute(
        "UPDATE archived_messages SET content = :text, embeds = '[]', components = '[]', content_html = NULL, "
        f"embeds_html = NULL WHERE message_id IN ({which})",
        p,
    )


def _erase_quotes(conn: sqlite3.Connection, p: dict[str, Any]) -> None:
    """ "Open ticket from message" quoted their words and name in someone's opening message: remove both."""
    quoted = rows(
        conn,
        "SELECT opening_message_id, source_message_id FROM tickets WHERE guild_id = :guild "
        "AND source_author_id = :user AND opening_message_id IS NOT NULL",
        p,
    )
    for row in quoted:
        link = f"/{row['source_message_id']}"
        cur = conn.execute(
            "SELECT embeds FROM archived_messages WHERE message_id = ?", (row["opening_message_id"],)
        )
        found = cur.fetchone()
        if found is None:
            continue
        embeds = loads(found[0], [])
        for embed in embeds:
            if any(link in str(f.get("value", "")) for f in embed.get("fields") or []):
                embed["description"] = p["text"]
                embed["author"] = {"name": p["name"]}
        conn.execute(
            "UPDATE archived_messages SET embeds = ?, embeds_html = NULL WHERE message_id = ?",
            (dumps(embeds), row["opening_message_id"]),
        )
        conn.execute("DELETE FROM message_revisions WHERE message_id = ?", (row["opening_message_id"],))


def member_erase(conn: sqlite3.Connection, guild_id: int, user_id: int) -> ErasedFiles:
    """Their messages' contents, versions and attachments go (and their tickets' opening messages, which
    show their answers); other messages that mention them keep their words with the mention replaced.

    Runs before the tickets' own erasure (it finds their tickets by owner).
    """
    p = member_params(guild_id, user_id)
    cur = conn.execute(
        "SELECT DISTINCT t.uuid FROM tickets t WHERE t.guild_id = :guild AND (:user IN (t.owner_id, t.assigned_id, "
        "t.opened_by_id, t.source_author_id) OR instr(t.form, :plain) OR instr(t.closed_reason, :plain) "
        "OR t.id IN (SELECT m.ticket_id FROM archived_messages m WHERE m.author_id = :user OR "
        f"{_MENTIONING}) OR t.id IN (SELECT ticket_id FROM ticket_members WHERE :user IN (user_id, added_by)) "
        f"OR t.id IN ({_THEIR_REASONS.replace('ticket_id, reason', 'ticket_id')}))",
        p,
    )
    tickets = [r[0] for r in cur.fetchall()]
    _erase_quotes(conn, p)
    # the reasons they typed for an operation were quoted in the ticket by the bot ("Closed by …: reason")
    for row in rows(conn, _THEIR_REASONS, p):
        for table, scope in (
            ("archived_messages", "ticket_id = ? AND author_bot = 1"),
            (
                "message_revisions",
                "message_id IN (SELECT message_id FROM archived_messages WHERE ticket_id = ?)",
            ),
        ):
            rendered = ", content_html = NULL" if table == "archived_messages" else ""
            conn.execute(
                f"UPDATE {table} SET content = replace(content, ?, ?){rendered} WHERE {scope} AND instr(content, ?)",
                (row["reason"], REMOVED_TEXT, row["ticket_id"], row["reason"]),
            )
    cur = conn.execute(
        "SELECT DISTINCT t.uuid, a.sha256 FROM attachments a JOIN tickets t ON t.id = a.ticket_id "
        f"WHERE a.message_id IN ({_OPENINGS}) AND a.sha256 IS NOT NULL",
        p,
    )
    blobs = [(r[0], r[1]) for r in cur.fetchall()]
    _erase_contents(conn, _OPENINGS, p)
    # attachments in their messages: drop the files no other message of the ticket still uses
    cur = conn.execute(
        "SELECT DISTINCT t.uuid, a.sha256 FROM attachments a JOIN archived_messages m ON m.message_id = a.message_id "
        f"JOIN tickets t ON t.id = a.ticket_id WHERE m.author_id = :user AND a.sha256 IS NOT NULL AND a.{_IN_GUILD} "
        "AND NOT EXISTS (SELECT 1 FROM attachments b JOIN archived_messages n ON n.message_id = b.message_id "
        "WHERE b.ticket_id = a.ticket_id AND b.sha256 = a.sha256 AND n.author_id != :user)",
        p,
    )
    blobs += [(r[0], r[1]) for r in cur.fetchall()]
    _erase_contents(conn, _THEIRS, p)
    conn.execute(
        "UPDATE archived_messages SET author_id = :tomb, author_name = :name, author_avatar = NULL "
        f"WHERE author_id = :user AND {_IN_GUILD}",
        p,
    )
    for table, scope in (
        ("archived_messages", _IN_GUILD),
        ("message_revisions", f"message_id IN (SELECT message_id FROM archived_messages WHERE {_IN_GUILD})"),
    ):
        for column in ("content", "embeds"):
            rendered = ", content_html = NULL, embeds_html = NULL" if table == "archived_messages" else ""
            conn.execute(
                f"UPDATE {table} SET {unmention(column)}{rendered} WHERE {mentions(column)} AND {scope}", p
            )
    return ErasedFiles(blobs, tickets)

"""Keyword auto-replies on a ticket: whether a message is its owner's first, and the per-ticket cooldown.

The rules themselves are a group's configuration (``ticket_groups.auto_replies``, see ``storage.groups``).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from storage._rows import ts


def owner_wrote_before(conn: sqlite3.Connection, ticket_id: int, owner_id: int, message_id: int) -> bool:
    """Whether the archive holds a message of ``owner_id`` in the ticket (not its notes) older than
    ``message_id`` (served by the ticket's index on message ids, never a scan of the archive)."""
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM archived_messages WHERE ticket_id = ? AND message_id < ? "
        "AND author_id = ? AND source = 'ticket')",
        (ticket_id, message_id, owner_id),
    ).fetchone()
    return bool(row[0])


def claim_reply(conn: sqlite3.Connection, ticket_id: int, now: datetime, quiet_since: datetime) -> bool:
    """Take the ticket's turn for an automatic reply: True (and ``auto_replied_at`` set to ``now``) unless
    it was answered automatically after ``quiet_since`` or is not open. Conditional, so two messages at
    once cannot both get a reply."""
    row = conn.execute(
        "UPDATE tickets SET auto_replied_at = ? WHERE id = ? AND status = 'open' "
        "AND (auto_replied_at IS NULL OR auto_replied_at <= ?) RETURNING id",
        (ts(now), ticket_id, ts(quiet_since)),
    ).fetchone()
    return row is not None

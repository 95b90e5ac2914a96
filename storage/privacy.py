"""A member's data in one guild: counted, exported and erased, each part by the module that holds it.

This is the data-deletion contract (after Red-DiscordBot's ``red_delete_data_for_user``): every storage
module that keeps a member's id or words declares the columns (``MEMBER_COLUMNS``: user ids;
``MEMBER_TEXT``: text that can hold their words or mentions) and owns ``member_count``,
``member_export`` and ``member_erase`` for them. A test reads the schema and fails on any column that
is neither declared by a module nor listed below as not being a member's data.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from storage import blacklist, events, feedback, members, messages, tags, templates, tickets

# Counted and exported in this order; erased with messages first (it finds a member's tickets by owner).
MEMBER_DATA: tuple[ModuleType, ...] = (
    tickets,
    messages,
    members,
    feedback,
    templates,
    tags,
    blacklist,
    events,
)
ERASE_ORDER: tuple[ModuleType, ...] = (
    messages,
    tickets,
    members,
    feedback,
    templates,
    tags,
    blacklist,
    events,
)

# Columns that never hold a member's id or words, and why.
NOT_MEMBER_DATA: dict[str, str] = {
    "meta.key": "installation facts",
    "meta.value": "installation facts (command hashes)",
    "guilds.language": "a server setting",
    "guilds.admin_role_ids": "role ids",
    "guilds.staff_role_ids": "role ids",
    "guilds.log_channel_id": "a channel id",
    "guilds.default_group_id": "a group id",
    "guilds.joined_at": "when the bot joined",
    "guilds.left_at": "when the bot left",
    "guilds.created_at": "a timestamp",
    "guilds.updated_at": "a timestamp",
    "custom_messages.name": "configuration written by admins",
    "custom_messages.content": "configuration written by admins",
    "custom_messages.embeds": "configuration written by admins",
    "ticket_groups.*": "configuration written by admins",
    "panels.*": "configuration written by admins",
    "panel_entries.*": "configuration written by admins",
    "follow_ups.*": "work queued after a close: a ticket id and progress",
    "tags.name": "configuration written by staff",
    "tags.content": "configuration written by staff",
    "tags.embeds": "configuration written by staff",
    "blacklist.kind": "member or role",
    "tickets.warned_for": "a time",
    "tickets.close_request_message_id": "a message id",
    "tickets.uuid": "a random id",
    "tickets.status": "a state",
    "tickets.channel_id": "a channel id",
    "tickets.channel_parent_id": "a channel id",
    "tickets.notes_thread_id": "a channel id",
    "tickets.opening_message_id": "a message id",
    "tickets.source_channel_id": "a channel id",
    "tickets.source_message_id": "a message id",
    "tickets.request_key": "an interaction id",
    "tickets.last_activity": "a timestamp",
    "tickets.last_owner_activity": "a timestamp",
    "feedback.channel_id": "where the rating was posted",
    "archived_messages.channel_id": "a channel id",
    "archived_messages.reference_id": "a message id",
    "archived_messages.source": "ticket or notes",
    "archived_messages.author_bot": "whether the author is a bot",
    "attachments.mime": "a file type",
    "attachments.sha256": "a content hash (the file itself is erased)",
    "attachments.status": "a state",
    "events.action": "the operation's name",
    "discarded_intents.uuid": "a random id",
    "sent_messages.channel_id": "a channel id",
    "sent_messages.custom_message_id": "a saved message",
}


@dataclass(slots=True)
class Erased:
    counts: dict[str, int]
    blobs: list[tuple[str, str]] = field(default_factory=list)  # (ticket uuid, sha256) no longer referenced
    tickets: list[str] = field(default_factory=list)  # uuids whose saved transcripts must be rewritten


def count(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, int]:
    """How many references of each kind the bot keeps about the member in the guild."""
    found: dict[str, int] = {}
    for module in MEMBER_DATA:
        found.update(module.member_count(conn, guild_id, user_id))
    return found


def export(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, Any]:
    """Everything the bot keeps about the member in this guild, as plain data."""
    data: dict[str, Any] = {"guild_id": str(guild_id), "user_id": str(user_id)}
    for module in MEMBER_DATA:
        data.update(module.member_export(conn, guild_id, user_id))
    return data


def erase(conn: sqlite3.Connection, guild_id: int, user_id: int) -> Erased:
    """Remove the member's contents and replace their id everywhere in the guild with the tombstone.

    Runs inside one write transaction. Open tickets must have been closed first.
    """
    erased = Erased(count(conn, guild_id, user_id))
    for module in ERASE_ORDER:
        result = module.member_erase(conn, guild_id, user_id)
        if isinstance(result, messages.ErasedFiles):
            erased.blobs, erased.tickets = result.blobs, result.tickets
    return erased

"""The configuration every click reads (guild settings, groups, panels, saved messages, tags, the blacklist),
in bulk and by change.

The bot keeps all of it in memory (``bot.services.cache``). To keep that copy exact without anyone
having to remember to invalidate it, the writer connection records, through temporary triggers, which
configuration rows each transaction touched; at the end of the transaction :func:`take_changes` reads
those rows back, in the same transaction, and the cache applies them before the writer's caller resumes.
Ticket-number allocation (``guilds.last_ticket_number``) is not configuration and fires nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from bot.domain.models import GuildConfig, Panel, TicketGroup
from storage import blacklist, groups, guilds, panels, tags, templates
from storage.blacklist import Entry
from storage.tags import Tag
from storage.templates import CustomMessage

# guild columns that are configuration (not the ticket counter)
_GUILD_CONFIG = (
    "enabled, admin_role_ids, staff_role_ids, log_channel_id, default_group_id, language, joined_at, left_at"
)

_CHANGE_LOG = [
    "CREATE TEMP TABLE IF NOT EXISTS config_changes (kind TEXT NOT NULL, id INTEGER NOT NULL, "
    "PRIMARY KEY (kind, id)) WITHOUT ROWID",
    *(
        f"CREATE TEMP TRIGGER IF NOT EXISTS config_{name} AFTER {event} ON main.{table} "
        f"BEGIN INSERT OR IGNORE INTO config_changes (kind, id) VALUES ('{kind}', {key}); END"
        for name, event, table, kind, key in [
            ("guild_insert", "INSERT", "guilds", "guild", "NEW.guild_id"),
            ("guild_update", f"UPDATE OF {_GUILD_CONFIG}", "guilds", "guild", "NEW.guild_id"),
            ("guild_delete", "DELETE", "guilds", "guild", "OLD.guild_id"),
            ("group_insert", "INSERT", "ticket_groups", "group", "NEW.id"),
            ("group_update", "UPDATE", "ticket_groups", "group", "NEW.id"),
            ("group_delete", "DELETE", "ticket_groups", "group", "OLD.id"),
            ("panel_insert", "INSERT", "panels", "panel", "NEW.id"),
            ("panel_update", "UPDATE", "panels", "panel", "NEW.id"),
            ("panel_delete", "DELETE", "panels", "panel", "OLD.id"),
            ("entry_insert", "INSERT", "panel_entries", "panel", "NEW.panel_id"),
            ("entry_update_new", "UPDATE", "panel_entries", "panel", "NEW.panel_id"),
            ("entry_update_old", "UPDATE", "panel_entries", "panel", "OLD.panel_id"),
            ("entry_delete", "DELETE", "panel_entries", "panel", "OLD.panel_id"),
            ("message_insert", "INSERT", "custom_messages", "message", "NEW.id"),
            ("message_update", "UPDATE", "custom_messages", "message", "NEW.id"),
            ("message_delete", "DELETE", "custom_messages", "message", "OLD.id"),
            ("tag_insert", "INSERT", "tags", "tag", "NEW.id"),
            ("tag_update", "UPDATE", "tags", "tag", "NEW.id"),
            ("tag_delete", "DELETE", "tags", "tag", "OLD.id"),
            ("blacklist_insert", "INSERT", "blacklist", "blacklist", "NEW.id"),
            ("blacklist_update", "UPDATE", "blacklist", "blacklist", "NEW.id"),
            ("blacklist_delete", "DELETE", "blacklist", "blacklist", "OLD.id"),
        ]
    ),
]


@dataclass(slots=True)
class ConfigRows:
    """Configuration rows as they are now; None for a row that no longer exists.

    ``complete`` is True for the whole configuration (start-up), False for what one transaction changed.
    """

    complete: bool = False
    guilds: dict[int, GuildConfig | None] = field(default_factory=dict)
    groups: dict[int, TicketGroup | None] = field(default_factory=dict)
    panels: dict[int, Panel | None] = field(default_factory=dict)
    messages: dict[int, CustomMessage | None] = field(default_factory=dict)
    tags: dict[int, Tag | None] = field(default_factory=dict)
    blacklist: dict[int, Entry | None] = field(default_factory=dict)


def install_change_log(conn: sqlite3.Connection) -> None:
    """Create the temporary change log on ``conn`` (the writer's connection), once per connection."""
    for statement in _CHANGE_LOG:
        conn.execute(statement)


def take_changes(conn: sqlite3.Connection) -> ConfigRows | None:
    """The configuration rows this transaction touched, read as they are now; the log is emptied."""
    keys = conn.execute("SELECT kind, id FROM temp.config_changes").fetchall()
    if not keys:
        return None
    conn.execute("DELETE FROM temp.config_changes")
    changed = ConfigRows()
    for kind, key in keys:
        if kind == "guild":
            changed.guilds[key] = guilds.get(conn, key)
        elif kind == "group":
            changed.groups[key] = groups.get(conn, key, include_deleted=True)
        elif kind == "panel":
            changed.panels[key] = panels.get(conn, key)
        elif kind == "message":
            changed.messages[key] = templates.get(conn, key)
        elif kind == "tag":
            changed.tags[key] = tags.get(conn, key)
        else:
            changed.blacklist[key] = blacklist.get(conn, key)
    return changed


def load_all(conn: sqlite3.Connection) -> ConfigRows:
    """Every guild's configuration, a query per table."""
    return ConfigRows(
        complete=True,
        guilds={g.guild_id: g for g in guilds.list_all(conn)},
        groups={g.id: g for g in groups.list_all(conn)},
        panels={p.id: p for p in panels.list_all(conn)},
        messages={m.id: m for m in templates.list_all(conn)},
        tags={t.id: t for t in tags.list_all(conn)},
        blacklist={e.id: e for e in blacklist.list_all(conn)},
    )

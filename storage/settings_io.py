"""A server's whole configuration read at once, and replaced at once (``/tickets import``).

:func:`apply_import` is one transaction: it reads the server's configuration, refuses to go on unless it
is still the one the admin was shown (its fingerprint), and makes it the file's: saved messages, tags,
groups (matched by name and updated in place, so tickets keep their group), panels (their posted message
stays), the blacklist and the settings. Whatever fails, nothing changes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot import messages
from bot.domain.models import GuildConfig
from bot.domain.settings_io import (
    BlockSpec,
    ContentSpec,
    Document,
    Snapshot,
    document_of,
    fingerprint,
    fold,
    group_values,
)
from bot.errors import Conflict
from storage import blacklist, groups, guilds, panels, tags, templates
from storage._rows import dumps, many, ts
from storage.events import record


def snapshot(conn: sqlite3.Connection, guild_id: int) -> Snapshot:
    """The guild's configuration as the database holds it now (live groups only), a query per table."""
    # rows mapped by their own modules (the tags and the blacklist have no per-guild list of their own)
    guild_tags = many(
        conn, f"SELECT {tags._COLUMNS} FROM tags WHERE guild_id = ?", (guild_id,), tags._from_row
    )
    entries = many(
        conn,
        f"SELECT {blacklist._COLUMNS} FROM blacklist WHERE guild_id = ?",
        (guild_id,),
        blacklist._from_row,
    )
    return Snapshot(
        config=guilds.get(conn, guild_id) or GuildConfig(guild_id),
        groups=groups.list_for_guild(conn, guild_id),
        panels=panels.list_for_guild(conn, guild_id),
        messages=templates.list_for_guild(conn, guild_id),
        tags=guild_tags,
        blacklist=entries,
    )


def open_tickets_by_group(conn: sqlite3.Connection, guild_id: int) -> dict[int, int]:
    """Open tickets (and ones being opened) per group id."""
    cur = conn.execute(
        "SELECT group_id, COUNT(*) FROM tickets WHERE guild_id = ? AND status IN ('creating', 'open') "
        "AND group_id IS NOT NULL GROUP BY group_id",
        (guild_id,),
    )
    return {row[0]: row[1] for row in cur.fetchall()}


@dataclass(slots=True)
class Applied:
    """What the import did that Discord should reflect, and the groups it could not delete."""

    refresh: list[int] = field(default_factory=list)  # posted panels to show their new state
    removed_posts: list[tuple[int, int]] = field(default_factory=list)  # (channel, message) of deleted panels
    kept: list[tuple[str, int]] = field(default_factory=list)  # groups left out, still with open tickets


def _put_content(conn: sqlite3.Connection, table: str, row_id: int, spec: ContentSpec, now: datetime) -> None:
    conn.execute(
        f"UPDATE {table} SET name = ?, content = ?, embeds = ?, updated_at = ? WHERE id = ?",
        (spec.name, spec.content, dumps(spec.embeds), ts(now), row_id),
    )


def _contents(
    conn: sqlite3.Connection,
    guild_id: int,
    table: str,
    current: list[Any],
    desired: list[ContentSpec],
    create: Any,
    *,
    actor_id: int,
    now: datetime,
) -> dict[str, int]:
    """Saved messages or tags made the file's; returns their ids by folded name."""
    have = {fold(item.name): item for item in current}
    want = {fold(spec.name) for spec in desired}
    for key, item in have.items():
        if key not in want:
            conn.execute(f"DELETE FROM {table} WHERE id = ?", (item.id,))
    ids: dict[str, int] = {}
    for spec in desired:
        old = have.get(fold(spec.name))
        if old is None:
            ids[fold(spec.name)] = create(
                conn, guild_id, spec.name, spec.content, spec.embeds, actor_id, now
            ).id
            continue
        if (old.name, old.content, old.embeds) != (spec.name, spec.content, spec.embeds):
            _put_content(conn, table, old.id, spec, now)
        ids[fold(spec.name)] = old.id
    return ids


def _blacklist(
    conn: sqlite3.Connection,
    guild_id: int,
    current: list[Any],
    desired: list[BlockSpec],
    *,
    actor_id: int,
    now: datetime,
) -> None:
    have = {(e.kind, e.target_id): e for e in current}
    want = {(b.kind, b.target_id) for b in desired}
    for (kind, target), _ in have.items():
        if (kind, target) not in want:
            blacklist.remove(conn, guild_id, kind, target)
    for spec in desired:
        old = have.get((spec.kind, spec.target_id))
        if old is not None and (old.reason, old.reason_shown, old.expires_at) == (
            spec.reason,
            spec.reason_shown,
            spec.expires_at,
        ):
            continue  # unchanged: who added it, and when, stay
        blacklist.put(
            conn,
            guild_id,
            spec.kind,
            spec.target_id,
            reason=spec.reason,
            reason_shown=spec.reason_shown,
            expires_at=spec.expires_at,
            added_by=actor_id,
            now=now,
        )


def apply_import(
    conn: sqlite3.Connection,
    guild_id: int,
    desired: Document,
    expected: str,
    *,
    actor_id: int,
    now: datetime,
    summary: dict[str, Any],
) -> Applied:
    """Make the guild's configuration ``desired``, if it is still the one whose fingerprint is ``expected``
    (else Conflict, and nothing changes)."""
    current = snapshot(conn, guild_id)
    if fingerprint(document_of(current)) != expected:
        raise Conflict(messages.IO_CHANGED_SINCE_PREVIEW)
    guilds.ensure(conn, guild_id, now)
    applied = Applied()
    message_ids = _contents(
        conn,
        guild_id,
        "custom_messages",
        list(current.messages),
        desired.saved_messages,
        templates.create,
        actor_id=actor_id,
        now=now,
    )
    tag_ids = _contents(
        conn, guild_id, "tags", list(current.tags), desired.tags, tags.create, actor_id=actor_id, now=now
    )

    # groups: matched by name and updated in place (open and closed tickets keep their group)
    have_groups = {fold(g.name): g for g in current.groups}
    group_ids: dict[str, int] = {}
    for spec in desired.groups:
        values = group_values(spec, message_ids, tag_ids)
        name = values.pop("name")
        old = have_groups.get(fold(spec.name))
        if old is None:
            group_ids[fold(name)] = groups.create(conn, guild_id, name, now, **values).id
            continue
        if old.mode is not values["mode"]:  # the preview refused this; the fingerprint says nothing moved
            raise Conflict(messages.IO_CHANGED_SINCE_PREVIEW)
        changes = {k: v for k, v in {"name": name, **values}.items() if getattr(old, k) != v}
        if changes:
            groups.update(conn, old.id, changes, now)
        group_ids[fold(name)] = old.id

    # panels: matched by name; a posted one keeps its message (the service refreshes it after the commit)
    have_panels = {fold(p.name): p for p in current.panels}
    wanted_panels = {fold(p.name) for p in desired.panels}
    for key, panel in have_panels.items():
        if key not in wanted_panels:
            panels.delete(conn, panel.id)
            if panel.channel_id is not None and panel.message_id is not None:
                applied.removed_posts.append((panel.channel_id, panel.message_id))
    for spec in desired.panels:
        saved = message_ids[fold(spec.message)] if spec.message is not None else None
        old_panel = have_panels.get(fold(spec.name))
        if old_panel is None:
            panel_id = panels.create(
                conn,
                guild_id,
                spec.name,
                spec.kind,
                now,
                title=spec.title,
                description=spec.description,
                custom_message_id=saved,
            ).id
            if spec.channel_id is not None:
                panels.set_message(conn, panel_id, spec.channel_id, None, now)
            old_entries = []
        else:
            panel_id = old_panel.id
            posted = old_panel.message_id is not None
            channel = old_panel.channel_id if posted else spec.channel_id
            if (old_panel.name, old_panel.kind, old_panel.title, old_panel.description) != (
                spec.name,
                spec.kind,
                spec.title,
                spec.description,
            ) or (old_panel.custom_message_id, old_panel.channel_id) != (saved, channel):
                panels.update(
                    conn,
                    panel_id,
                    now,
                    name=spec.name,
                    kind=spec.kind,
                    title=spec.title,
                    description=spec.description,
                    custom_message_id=saved,
                    channel_id=channel,
                )
            old_entries = list(old_panel.entries)
            if posted:
                applied.refresh.append(panel_id)
        # entries kept by position, so the ids on a posted message stay valid where nothing changed
        for position, entry in enumerate(spec.entries):
            group_id = group_ids[fold(entry.group)]
            if position < len(old_entries):
                was = old_entries[position]
                if (was.group_id, was.label, was.emoji, was.description, was.position) != (
                    group_id,
                    entry.label,
                    entry.emoji,
                    entry.description,
                    position,
                ):
                    panels.update_entry(
                        conn,
                        was.id,
                        group_id=group_id,
                        label=entry.label,
                        emoji=entry.emoji,
                        description=entry.description,
                        position=position,
                    )
            else:
                panels.add_entry(
                    conn, panel_id, group_id, entry.label, emoji=entry.emoji, description=entry.description
                )
        for surplus in old_entries[len(spec.entries) :]:
            panels.remove_entry(conn, surplus.id)

    # groups the file leaves out: deleted, unless they still have open tickets (kept, and said so)
    for key, group in have_groups.items():
        if key in group_ids:
            continue
        still_open = groups.count_tickets(conn, group.id, open_only=True)
        if still_open:
            applied.kept.append((group.name, still_open))
            continue
        for entry in panels.entries_for_group(conn, group.id):
            panels.remove_entry(conn, entry.id)
        groups.soft_delete(conn, group.id, now)

    _blacklist(conn, guild_id, list(current.blacklist), desired.blacklist, actor_id=actor_id, now=now)

    # the settings last: the default group is one of the groups just made or kept
    settings, config = desired.settings, current.config
    if config.enabled != settings.enabled:
        guilds.set_enabled(conn, guild_id, settings.enabled, now)
    if (config.admin_role_ids, config.staff_role_ids) != (settings.admin_role_ids, settings.staff_role_ids):
        guilds.update_roles(
            conn,
            guild_id,
            now,
            admin_role_ids=settings.admin_role_ids,
            staff_role_ids=settings.staff_role_ids,
        )
    if config.log_channel_id != settings.log_channel_id:
        guilds.set_log_channel(conn, guild_id, settings.log_channel_id, now)
    default = group_ids[fold(settings.default_group)] if settings.default_group is not None else None
    if config.default_group_id != default:
        guilds.set_default_group(conn, guild_id, default, now)
    if config.language != settings.language:
        guilds.set_language(conn, guild_id, settings.language, now)
    record(
        conn,
        guild_id=guild_id,
        action="settings.import",
        now=now,
        actor_id=actor_id,
        detail={**summary, "kept_groups": [name for name, _ in applied.kept]},
    )
    return applied

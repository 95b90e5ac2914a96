"""Configuration read on every click (guild settings, groups, panels, saved messages), all of it in memory.

One bot process owns its database. At start-up :meth:`ConfigCache.start` loads every guild's
configuration in one read, then follows every write: the writer's connection logs which configuration
rows a transaction touched (``storage.config``) and the cache replaces exactly those rows as the write
returns. So the copy is complete and exact, a lookup never reads the database, and no write has to
remember to invalidate anything. Groups are kept whether deleted or not: a closed ticket still belongs
to its (soft-deleted) group.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import discord

from bot import i18n
from bot.domain.models import GuildConfig, Panel, Ticket, TicketGroup
from storage import Database
from storage import config as config_repo
from storage.blacklist import Entry
from storage.config import ConfigRows
from storage.tags import Tag
from storage.templates import CustomMessage

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _by_name(name: str) -> str:
    """Names compare as SQLite's NOCASE does (ASCII letters only), so memory and the database agree."""
    return name.translate(_ASCII_LOWER)


@dataclass(eq=False)
class ConfigCache:
    db: Database
    client: discord.Client | None = None  # to find a guild's Discord language by its id
    _guilds: dict[int, GuildConfig] = field(default_factory=dict, init=False, repr=False)
    _groups: dict[int, TicketGroup] = field(default_factory=dict, init=False, repr=False)
    _panels: dict[int, Panel] = field(default_factory=dict, init=False, repr=False)
    _messages: dict[int, CustomMessage] = field(default_factory=dict, init=False, repr=False)
    _tags: dict[int, Tag] = field(default_factory=dict, init=False, repr=False)
    _blacklist: dict[int, Entry] = field(default_factory=dict, init=False, repr=False)
    # ids per guild, and the lists as shown (by name), built on first use after a change
    _owned: dict[str, dict[int, set[int]]] = field(default_factory=dict, init=False, repr=False)
    _lists: dict[tuple[str, int], list[Any]] = field(default_factory=dict, init=False, repr=False)
    ready: bool = field(default=False, init=False)

    async def start(self) -> None:
        """Load everything, then keep up with every write (call once, after migrations)."""
        await self.db.watch(config_repo.install_change_log, config_repo.take_changes, self.apply)
        self.apply(await self.db.read(config_repo.load_all))
        self.ready = True

    def apply(self, rows: ConfigRows) -> None:
        """Put the rows as they are now in place of what was cached (a None removes)."""
        stores: list[tuple[str, dict[int, Any], dict[int, Any]]] = [
            ("guild", self._guilds, rows.guilds),
            ("group", self._groups, rows.groups),
            ("panel", self._panels, rows.panels),
            ("message", self._messages, rows.messages),
            ("tag", self._tags, rows.tags),
            ("blacklist", self._blacklist, rows.blacklist),
        ]
        if rows.complete:
            for _, store, _ in stores:
                store.clear()
            self._owned.clear()
            self._lists.clear()
        for kind, store, found in stores:
            owned = self._owned.setdefault(kind, {})
            for key, value in found.items():
                old = store.pop(key, None)
                if old is not None:
                    owned.get(old.guild_id, set()).discard(key)
                    self._lists.pop((kind, old.guild_id), None)
                if value is not None:
                    store[key] = value
                    owned.setdefault(value.guild_id, set()).add(key)
                    self._lists.pop((kind, value.guild_id), None)

    def _listed(self, kind: str, store: dict[int, Any], guild_id: int) -> list[Any]:
        found = self._lists.get((kind, guild_id))
        if found is None:
            ids = self._owned.get(kind, {}).get(guild_id, ())
            found = sorted(
                (store[i] for i in ids), key=lambda item: (_by_name(getattr(item, "name", "")), item.id)
            )
            self._lists[(kind, guild_id)] = found
        return found

    # -- lookups (memory only) ------------------------------------------------------------------------

    def guild(self, guild_id: int) -> GuildConfig:
        """The guild's settings; the defaults for a guild that never changed any."""
        found = self._guilds.get(guild_id)
        return found if found is not None else GuildConfig(guild_id)

    def language(self, guild: discord.Guild | int) -> str:
        """The language of the guild's public messages: its setting; else the server's Discord language
        when we speak it; else English."""
        if isinstance(guild, int):
            found = self.client.get_guild(guild) if self.client is not None else None
            if found is None:
                return i18n.resolve(self.guild(guild).language)
            guild = found
        return i18n.resolve(self.guild(guild.id).language, guild.preferred_locale)

    def departed(self, before: datetime) -> list[GuildConfig]:
        """Guilds the bot left before ``before``."""
        return [g for g in self._guilds.values() if g.left_at is not None and g.left_at <= before]

    def longest_warning(self) -> int:
        """The longest warning before an automatic close any group asks for, in seconds."""
        return max((g.inactivity_warn_seconds or 0 for g in self._groups.values()), default=0)

    def group(self, group_id: int) -> TicketGroup | None:
        """A group by id, deleted or not (None: no such group)."""
        return self._groups.get(group_id)

    def live_group(self, group_id: int) -> TicketGroup | None:
        """A group that has not been deleted."""
        found = self._groups.get(group_id)
        return found if found is not None and found.deleted_at is None else None

    def group_of(self, ticket: Ticket) -> TicketGroup | None:
        """The ticket's group (a deleted one too)."""
        return self._groups.get(ticket.group_id) if ticket.group_id is not None else None

    def groups(self, guild_id: int) -> list[TicketGroup]:
        """The guild's groups that are not deleted, by name."""
        return [g for g in self._listed("group", self._groups, guild_id) if g.deleted_at is None]

    def group_named(self, guild_id: int, name: str) -> TicketGroup | None:
        wanted = _by_name(name)
        return next((g for g in self.groups(guild_id) if _by_name(g.name) == wanted), None)

    def panel(self, panel_id: int) -> Panel | None:
        return self._panels.get(panel_id)

    def panels(self, guild_id: int) -> list[Panel]:
        return list(self._listed("panel", self._panels, guild_id))

    def panel_named(self, guild_id: int, name: str) -> Panel | None:
        wanted = _by_name(name)
        return next((p for p in self.panels(guild_id) if _by_name(p.name) == wanted), None)

    def message(self, message_id: int) -> CustomMessage | None:
        """A saved message by id."""
        return self._messages.get(message_id)

    def messages(self, guild_id: int) -> list[CustomMessage]:
        return list(self._listed("message", self._messages, guild_id))

    def message_named(self, guild_id: int, name: str) -> CustomMessage | None:
        wanted = _by_name(name)
        return next((m for m in self.messages(guild_id) if _by_name(m.name) == wanted), None)

    def tag(self, tag_id: int) -> Tag | None:
        return self._tags.get(tag_id)

    def tags(self, guild_id: int) -> list[Tag]:
        """The guild's tags, by name."""
        return list(self._listed("tag", self._tags, guild_id))

    def tag_named(self, guild_id: int, name: str) -> Tag | None:
        wanted = _by_name(name)
        return next((t for t in self.tags(guild_id) if _by_name(t.name) == wanted), None)

    def blacklist(self, guild_id: int) -> list[Entry]:
        """The guild's blacklist, expired entries included (housekeeping removes them)."""
        return list(self._listed("blacklist", self._blacklist, guild_id))

    def blacklisted(
        self, guild_id: int, member_id: int, role_ids: Iterable[int], now: datetime
    ) -> Entry | None:
        """The entry that keeps this member from opening tickets now (theirs first, then a role's)."""
        roles = set(role_ids)
        active = [e for e in self.blacklist(guild_id) if e.active(now)]
        return next((e for e in active if e.kind == "member" and e.target_id == member_id), None) or next(
            (e for e in active if e.kind == "role" and e.target_id in roles), None
        )

"""Configuration read on every click (guild settings, groups, panels), kept in memory.

One bot process owns its database, and every change to configuration goes through
:meth:`ConfigCache.writing`, which drops the guild's cached entries after the transaction. A click
then needs no database read before it is acknowledged. Groups are cached by id whether deleted or
not: a closed ticket still belongs to its (soft-deleted) group.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import aiosqlite

from bot.clock import Clock
from bot.domain.models import GuildConfig, Panel, Ticket, TicketGroup
from storage import Database
from storage import groups as group_repo
from storage import guilds as guild_repo
from storage import panels as panel_repo


@dataclass(eq=False)
class ConfigCache:
    db: Database
    clock: Clock
    _guilds: dict[int, GuildConfig] = field(default_factory=dict, init=False, repr=False)
    _groups: dict[int, TicketGroup] = field(default_factory=dict, init=False, repr=False)
    _group_lists: dict[int, list[TicketGroup]] = field(default_factory=dict, init=False, repr=False)
    _panels: dict[int, Panel] = field(default_factory=dict, init=False, repr=False)

    @asynccontextmanager
    async def writing(self, guild_id: int) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction that changes ``guild_id``'s configuration."""
        try:
            async with self.db.transaction() as tx:
                yield tx
        finally:
            self.invalidate(guild_id)

    def invalidate(self, guild_id: int) -> None:
        self._guilds.pop(guild_id, None)
        self._group_lists.pop(guild_id, None)
        self._groups = {k: v for k, v in self._groups.items() if v.guild_id != guild_id}
        self._panels = {k: v for k, v in self._panels.items() if v.guild_id != guild_id}

    async def guild(self, guild_id: int) -> GuildConfig:
        """The guild's settings, created with defaults on first use."""
        found = self._guilds.get(guild_id)
        if found is not None:
            return found
        async with self.db.reader() as conn:
            found = await guild_repo.get(conn, guild_id)
        if found is None:
            async with self.writing(guild_id) as tx:
                found = await guild_repo.ensure(tx, guild_id, self.clock.now())
        self._guilds[guild_id] = found
        return found

    async def group(self, group_id: int) -> TicketGroup | None:
        """A group by id, deleted or not (None: no such group)."""
        if group_id in self._groups:
            return self._groups[group_id]
        async with self.db.reader() as conn:
            found = await group_repo.get(conn, group_id, include_deleted=True)
        if found is not None:
            self._groups[group_id] = found
        return found

    async def live_group(self, group_id: int) -> TicketGroup | None:
        """A group that has not been deleted."""
        found = await self.group(group_id)
        return found if found is not None and found.deleted_at is None else None

    async def group_of(self, ticket: Ticket) -> TicketGroup | None:
        """The ticket's group (a deleted one too)."""
        return await self.group(ticket.group_id) if ticket.group_id is not None else None

    async def groups(self, guild_id: int) -> list[TicketGroup]:
        found = self._group_lists.get(guild_id)
        if found is None:
            async with self.db.reader() as conn:
                found = await group_repo.list_for_guild(conn, guild_id)
            self._group_lists[guild_id] = found
        return list(found)

    async def panel(self, panel_id: int) -> Panel | None:
        if panel_id in self._panels:
            return self._panels[panel_id]
        async with self.db.reader() as conn:
            found = await panel_repo.get(conn, panel_id)
        if found is not None:
            self._panels[panel_id] = found
        return found

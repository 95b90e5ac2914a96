"""Configuration read on every click (guild settings, groups, panels), kept in memory.

One bot process owns its database, and every change to configuration goes through
:meth:`ConfigCache.writing`, which drops the guild's cached entries after the transaction. A click
then needs no database read before it is acknowledged.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import aiosqlite

from bot.domain.models import GuildConfig, Panel, TicketGroup
from storage import groups as group_repo
from storage import guilds as guild_repo
from storage import panels as panel_repo

if TYPE_CHECKING:
    from bot.app import TicketDeskBot


class ConfigCache:
    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot
        self._guilds: dict[int, GuildConfig] = {}
        self._groups: dict[int, TicketGroup | None] = {}
        self._group_lists: dict[int, list[TicketGroup]] = {}
        self._panels: dict[int, Panel | None] = {}

    @asynccontextmanager
    async def writing(self, guild_id: int) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction that changes ``guild_id``'s configuration."""
        try:
            async with self.bot.db.transaction() as tx:
                yield tx
        finally:
            self.invalidate(guild_id)

    def invalidate(self, guild_id: int) -> None:
        self._guilds.pop(guild_id, None)
        self._group_lists.pop(guild_id, None)
        self._groups = {k: v for k, v in self._groups.items() if v is not None and v.guild_id != guild_id}
        self._panels = {k: v for k, v in self._panels.items() if v is not None and v.guild_id != guild_id}

    async def guild(self, guild_id: int) -> GuildConfig:
        found = self._guilds.get(guild_id)
        if found is not None:
            return found
        async with self.bot.db.reader() as conn:
            found = await guild_repo.get(conn, guild_id)
        if found is None:
            async with self.writing(guild_id) as tx:
                found = await guild_repo.ensure(tx, guild_id, self.bot.clock.now())
        self._guilds[guild_id] = found
        return found

    async def group(self, group_id: int) -> TicketGroup | None:
        if group_id in self._groups:
            return self._groups[group_id]
        async with self.bot.db.reader() as conn:
            found = await group_repo.get(conn, group_id)
        if found is not None:
            self._groups[group_id] = found
        return found

    async def groups(self, guild_id: int) -> list[TicketGroup]:
        found = self._group_lists.get(guild_id)
        if found is None:
            async with self.bot.db.reader() as conn:
                found = await group_repo.list_for_guild(conn, guild_id)
            self._group_lists[guild_id] = found
        return list(found)

    async def panel(self, panel_id: int) -> Panel | None:
        if panel_id in self._panels:
            return self._panels[panel_id]
        async with self.bot.db.reader() as conn:
            found = await panel_repo.get(conn, panel_id)
        if found is not None:
            self._panels[panel_id] = found
        return found

"""What a member sees while typing an option: choices whose values are ids and names are what people read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import discord
from discord import app_commands

from bot.domain.text import clip
from bot.errors import TicketDeskError
from bot.services import Services

LIMIT = 25
Choices = list[app_commands.Choice[str]]


def _choices(items: Iterable[tuple[str, str, str]], current: str) -> Choices:
    """(shown name, value, text to match) -> the first 25 whose text contains what was typed."""
    query = current.lower()
    return [
        app_commands.Choice(name=clip(name, 100), value=value)
        for name, value, text in items
        if query in text.lower()
    ][:LIMIT]


@dataclass(eq=False)
class Autocomplete:
    services: Services

    async def groups(self, guild_id: int, current: str) -> Choices:
        found = await self.services.groups.list(guild_id)
        return _choices(((g.name, str(g.id), g.name) for g in found), current)

    async def panels(self, guild_id: int, current: str) -> Choices:
        found = self.services.panels.list(guild_id)
        return _choices(((p.name, str(p.id), p.name) for p in found), current)

    async def panel_entries(self, guild_id: int, panel: str, current: str) -> Choices:
        """Entries of the panel already chosen in the ``panel`` option."""
        found = self.services.panels.find_optional(guild_id, panel)
        if found is None:
            return []
        return _choices(
            ((f"{e.position + 1}. {e.label}", str(e.id), e.label) for e in found.entries), current
        )

    async def form_fields(self, guild_id: int, group: str, current: str) -> Choices:
        """Fields of the group already chosen in the ``group`` option."""
        found = await self.services.groups.find_optional(guild_id, group)
        if found is None:
            return []
        return _choices(
            ((f"{i + 1}. {f.label} ({f.kind})", f.key, f.label) for i, f in enumerate(found.form_fields)),
            current,
        )

    async def saved_messages(self, guild_id: int, current: str) -> Choices:
        found = self.services.custom_messages.list(guild_id)
        return _choices(((m.name, str(m.id), m.name) for m in found), current)

    async def tags(self, member: discord.Member, current: str) -> Choices:
        """The server's tags for its staff (nobody else sees their names): names starting with what was
        typed first, then names containing it; any case."""
        if not self.services.tags.is_staff(member):
            return []
        query = current.strip().casefold()
        found = self.services.tags.list(member.guild.id)
        starting = [t for t in found if t.name.casefold().startswith(query)]
        containing = [
            t for t in found if query in t.name.casefold() and not t.name.casefold().startswith(query)
        ]
        return [app_commands.Choice(name=clip(t.name, 100), value=t.name) for t in [*starting, *containing]][
            :LIMIT
        ]

    async def priority_levels(
        self, guild_id: int, channel_id: int | None, number: int | None, current: str
    ) -> Choices:
        """The priority levels of the ticket the command is about."""
        try:
            ticket = await self.services.tickets.resolve(guild_id, channel_id, number)
        except TicketDeskError:
            return []
        group = self.services.cache.group_of(ticket)
        if group is None:
            return []
        return [
            app_commands.Choice(
                name=clip(" ".join(x for x in (lv.emoji, lv.label) if x), 100), value=lv.label
            )
            for lv in group.priority_levels
            if current.lower() in lv.label.lower()
        ][:LIMIT]

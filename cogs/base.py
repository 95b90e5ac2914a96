"""What every TicketDesk cog shares: the services and flows it calls, and the autocomplete sources.

Autocomplete callbacks are methods here, so discord.py hands them the cog (and through it the
services) without reaching through the client.
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot import i18n
from bot.app import TicketDeskBot
from bot.services.guilds import AUTO_LANGUAGE as AUTO

Choices = list[app_commands.Choice[str]]
Reason = app_commands.Range[str, 1, 500]
Number = app_commands.Range[int, 1, 2**31]


def options(*values: str) -> Choices:
    """The fixed choices of an option, each shown as its words ("first_message": "first message") and
    translated into every client language when the commands sync (``bot.translator``)."""
    return [app_commands.Choice(name=app_commands.locale_str(v.replace("_", " ")), value=v) for v in values]


def languages() -> Choices:
    """Every shipped language by its own name (never translated), and "auto": the server's own."""
    named = [
        app_commands.Choice(name=app_commands.locale_str(i18n.native_name(code), translate=False), value=code)
        for code in i18n.shipped()
    ]
    return [
        app_commands.Choice(name=app_commands.locale_str("the server's Discord language"), value=AUTO),
        *named,
    ]


class DeskCog(commands.Cog):
    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot
        self.services = bot.services
        self.flows = bot.flows

    async def group_choices(self, interaction: discord.Interaction, current: str) -> Choices:
        if interaction.guild_id is None:
            return []
        return await self.flows.autocomplete.groups(interaction.guild_id, current)

    async def panel_choices(self, interaction: discord.Interaction, current: str) -> Choices:
        if interaction.guild_id is None:
            return []
        return await self.flows.autocomplete.panels(interaction.guild_id, current)

    async def panel_entry_choices(self, interaction: discord.Interaction, current: str) -> Choices:
        chosen = getattr(interaction.namespace, "panel", None)
        if interaction.guild_id is None or not chosen:
            return []
        return await self.flows.autocomplete.panel_entries(interaction.guild_id, str(chosen), current)

    async def form_field_choices(self, interaction: discord.Interaction, current: str) -> Choices:
        if interaction.guild_id is None:
            return []
        chosen = getattr(interaction.namespace, "group", None)
        return await self.flows.autocomplete.form_fields(interaction.guild_id, str(chosen or ""), current)

    async def saved_message_choices(self, interaction: discord.Interaction, current: str) -> Choices:
        if interaction.guild_id is None:
            return []
        return await self.flows.autocomplete.saved_messages(interaction.guild_id, current)

    async def tag_choices(self, interaction: discord.Interaction, current: str) -> Choices:
        if interaction.guild_id is None or not isinstance(interaction.user, discord.Member):
            return []
        return await self.flows.autocomplete.tags(interaction.user, current)

    async def priority_choices(self, interaction: discord.Interaction, current: str) -> Choices:
        if interaction.guild_id is None:
            return []
        return await self.flows.autocomplete.priority_levels(
            interaction.guild_id,
            interaction.channel_id,
            getattr(interaction.namespace, "ticket", None),
            current,
        )

"""``/panel ...``: panels and their entries. Thin: parse, call a service, render."""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import messages
from bot.app import TicketDeskBot
from bot.domain.models import PanelKind
from bot.ui import autocomplete
from bot.ui.autocomplete import saved_messages
from bot.ui.group_views import panels_embed
from bot.ui.opening import member_of
from bot.ui.replies import reply


class Panels(commands.Cog):
    panel = app_commands.Group(
        name="panel",
        description="Panels: the messages members open tickets from",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot

    @panel.command(name="create", description="Create a panel")
    @app_commands.describe(
        kind="One button, one button per entry, or a dropdown",
        message="A saved message (/message create) to show instead of title and description",
    )
    @app_commands.autocomplete(message=saved_messages)
    async def create(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, 50],
        kind: Literal["button", "type_buttons", "dropdown"] = "button",
        title: app_commands.Range[str, 1, 256] | None = None,
        description: app_commands.Range[str, 1, 4000] | None = None,
        message: str | None = None,
    ) -> None:
        guild, member = member_of(interaction)
        saved = await self.bot.services.custom_messages.find(guild.id, message) if message else None
        panel = await self.bot.services.panels.create_panel(
            member,
            guild,
            name,
            PanelKind(kind),
            title=title,
            description=description,
            custom_message_id=saved.id if saved else None,
        )
        await reply(
            interaction,
            f"Created the panel “{panel.name}” ({panel.kind}). Add entries with /panel add-entry.",
        )

    @panel.command(name="add-entry", description="Add an entry (a ticket group) to a panel")
    @app_commands.autocomplete(panel=autocomplete.panels, group=autocomplete.groups)
    async def add_entry(
        self,
        interaction: discord.Interaction,
        panel: str,
        group: str,
        label: app_commands.Range[str, 1, 80] | None = None,
        emoji: app_commands.Range[str, 1, 100] | None = None,
        description: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        guild, member = member_of(interaction)
        services = self.bot.services
        await interaction.response.defer(ephemeral=True, thinking=True)
        target = await services.panels.find(guild.id, panel)
        ticket_group = await services.groups.find(guild.id, group)
        updated = await services.panels.add_entry(
            member, guild, target, ticket_group, label=label, emoji=emoji, description=description
        )
        await reply(
            interaction,
            f"“{updated.name}” now has {len(updated.entries)} entr"
            f"{'y' if len(updated.entries) == 1 else 'ies'}.",
        )

    @panel.command(name="remove-entry", description="Remove an entry from a panel")
    @app_commands.autocomplete(panel=autocomplete.panels, entry=autocomplete.panel_entries)
    async def remove_entry(self, interaction: discord.Interaction, panel: str, entry: str) -> None:
        guild, member = member_of(interaction)
        services = self.bot.services
        await interaction.response.defer(ephemeral=True, thinking=True)
        target = await services.panels.find(guild.id, panel)
        if not entry.isdigit():
            found = next((e for e in target.entries if e.label.lower() == entry.lower()), None)
            entry = str(found.id) if found else "0"
        updated = await services.panels.remove_entry(member, guild, target, int(entry))
        await reply(interaction, f"Removed the entry; “{updated.name}” has {len(updated.entries)} left.")

    @panel.command(name="post", description="Post a panel, or refresh its message")
    @app_commands.autocomplete(panel=autocomplete.panels)
    async def post(
        self, interaction: discord.Interaction, panel: str, channel: discord.TextChannel | None = None
    ) -> None:
        guild, member = member_of(interaction)
        services = self.bot.services
        await interaction.response.defer(ephemeral=True, thinking=True)
        target = await services.panels.find(guild.id, panel)
        where = channel or (interaction.channel if target.channel_id is None else None)
        posted = await services.panels.post_panel(member, guild, target, where)  # type: ignore[arg-type]
        template = messages.PANEL_REFRESHED if posted.refreshed else messages.PANEL_POSTED
        await reply(interaction, template.format(name=posted.panel.name, channel=posted.message.jump_url))

    @panel.command(name="delete", description="Delete a panel and its posted message")
    @app_commands.autocomplete(panel=autocomplete.panels)
    async def delete(self, interaction: discord.Interaction, panel: str) -> None:
        guild, member = member_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        target = await self.bot.services.panels.find(guild.id, panel)
        await self.bot.services.panels.delete_panel(member, guild, target)
        await reply(interaction, f"Deleted the panel “{target.name}”.")

    @panel.command(name="list", description="List the panels")
    async def list(self, interaction: discord.Interaction) -> None:
        guild, member = member_of(interaction)
        services = self.bot.services
        services.access.require_admin(member, await services.guilds.config(guild.id))
        await reply(interaction, embed=panels_embed(await services.panels.list(guild.id)))


async def setup(bot: TicketDeskBot) -> None:
    await bot.add_cog(Panels(bot))

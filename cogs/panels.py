"""``/panel ...``: panels and their entries. Thin: parse, call a service, render."""

from __future__ import annotations

import discord
from discord import app_commands

from bot import messages
from bot.app import TicketDeskBot
from bot.domain.models import PanelKind
from bot.flows.context import member_of
from bot.render.groups import panels_embed
from bot.render.replies import acknowledge, reply
from cogs.base import DeskCog, options


class Panels(DeskCog):
    panel = app_commands.Group(
        name="panel",
        description="Panels: the messages members open tickets from",
        guild_only=True,
    )

    @panel.command(name="create", description="Create a panel")
    @app_commands.describe(
        kind="One button, one button per entry, or a dropdown",
        message="A saved message (/message create) to show instead of title and description",
    )
    @app_commands.autocomplete(message=DeskCog.saved_message_choices)
    @app_commands.choices(kind=options("button", "type_buttons", "dropdown"))
    async def create(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, 50],
        kind: str = "button",
        title: app_commands.Range[str, 1, 256] | None = None,
        description: app_commands.Range[str, 1, 4000] | None = None,
        message: str | None = None,
    ) -> None:
        guild, member = member_of(interaction)
        saved = self.services.custom_messages.find(guild.id, message) if message else None
        panel = await self.services.panels.create_panel(
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
            messages.PANEL_CREATED.format(name=panel.name, kind=messages.PANEL_KIND_WORDS[panel.kind]),
        )

    @panel.command(name="add-entry", description="Add an entry (a ticket group) to a panel")
    @app_commands.autocomplete(panel=DeskCog.panel_choices, group=DeskCog.group_choices)
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
        await acknowledge(interaction)
        target = self.services.panels.find(guild.id, panel)
        ticket_group = await self.services.groups.find(guild.id, group)
        updated = await self.services.panels.add_entry(
            member, guild, target, ticket_group, label=label, emoji=emoji, description=description
        )
        entries = messages.ENTRIES.format(count=len(updated.entries))
        await reply(interaction, messages.PANEL_HAS_ENTRIES.format(name=updated.name, entries=entries))

    @panel.command(name="remove-entry", description="Remove an entry from a panel")
    @app_commands.autocomplete(panel=DeskCog.panel_choices, entry=DeskCog.panel_entry_choices)
    async def remove_entry(self, interaction: discord.Interaction, panel: str, entry: str) -> None:
        guild, member = member_of(interaction)
        await acknowledge(interaction)
        target = self.services.panels.find(guild.id, panel)
        updated = await self.services.panels.remove_entry(member, guild, target, target.entry_id(entry))
        await reply(
            interaction, messages.PANEL_ENTRY_REMOVED.format(name=updated.name, count=len(updated.entries))
        )

    @panel.command(name="post", description="Post a panel, or refresh its message")
    @app_commands.autocomplete(panel=DeskCog.panel_choices)
    async def post(
        self, interaction: discord.Interaction, panel: str, channel: discord.TextChannel | None = None
    ) -> None:
        guild, member = member_of(interaction)
        await acknowledge(interaction)
        target = self.services.panels.find(guild.id, panel)
        where = channel or (interaction.channel if target.channel_id is None else None)
        posted = await self.services.panels.post_panel(member, guild, target, where)  # type: ignore[arg-type]
        template = messages.PANEL_REFRESHED if posted.refreshed else messages.PANEL_POSTED
        await reply(interaction, template.format(name=posted.panel.name, channel=posted.message.jump_url))

    @panel.command(name="delete", description="Delete a panel and its posted message")
    @app_commands.autocomplete(panel=DeskCog.panel_choices)
    async def delete(self, interaction: discord.Interaction, panel: str) -> None:
        guild, member = member_of(interaction)
        await acknowledge(interaction)
        target = self.services.panels.find(guild.id, panel)
        await self.services.panels.delete_panel(member, guild, target)
        await reply(interaction, messages.PANEL_DELETED.format(name=target.name))

    @panel.command(name="list", description="List the panels")
    async def list(self, interaction: discord.Interaction) -> None:
        _, member = member_of(interaction)
        await reply(interaction, embed=panels_embed(await self.services.panels.list_for(member)))


async def setup(bot: TicketDeskBot) -> None:
    await bot.add_cog(Panels(bot))

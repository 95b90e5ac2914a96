"""``/notes ...``: a private staff thread attached to a ticket."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot import messages
from bot.app import TicketDeskBot
from bot.ui.opening import member_of
from bot.ui.replies import reply

Number = app_commands.Range[int, 1, 2**31]


class Notes(commands.Cog):
    notes = app_commands.Group(name="notes", description="Private staff notes for a ticket", guild_only=True)

    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot

    @notes.command(name="create", description="Start a private staff thread for this ticket")
    async def create(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, 100] | None = None,
        ticket: Number | None = None,
        reason: app_commands.Range[str, 1, 500] | None = None,
    ) -> None:
        guild, member = member_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        target = await self.bot.services.tickets.resolve(guild.id, interaction.channel_id, ticket)
        thread = await self.bot.services.notes.create_notes(member, target, name, reason)
        await reply(interaction, messages.NOTES_CREATED.format(thread=thread.mention))

    @notes.command(name="add", description="Add a staff member to the notes")
    async def add(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        ticket: Number | None = None,
        reason: app_commands.Range[str, 1, 500] | None = None,
    ) -> None:
        guild, actor = member_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        target = await self.bot.services.tickets.resolve(guild.id, interaction.channel_id, ticket)
        thread = await self.bot.services.notes.change_members(actor, target, member, add=True, reason=reason)
        await reply(interaction, messages.DONE.format(what=f"{member.mention} is in {thread.mention}"))

    @notes.command(name="remove", description="Remove someone from the notes")
    async def remove(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        ticket: Number | None = None,
        reason: app_commands.Range[str, 1, 500] | None = None,
    ) -> None:
        guild, actor = member_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        target = await self.bot.services.tickets.resolve(guild.id, interaction.channel_id, ticket)
        thread = await self.bot.services.notes.change_members(actor, target, member, add=False, reason=reason)
        await reply(interaction, messages.DONE.format(what=f"{member.mention} left {thread.mention}"))


async def setup(bot: TicketDeskBot) -> None:
    await bot.add_cog(Notes(bot))

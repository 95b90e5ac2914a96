"""``/notes ...``: a private staff thread attached to a ticket."""

from __future__ import annotations

import discord
from discord import app_commands

from bot import messages
from bot.app import TicketDeskBot
from bot.flows.context import member_of
from bot.render.replies import acknowledge, reply
from cogs.base import DeskCog, Number, Reason


class Notes(DeskCog):
    notes = app_commands.Group(name="notes", description="Private staff notes for a ticket", guild_only=True)

    @notes.command(name="create", description="Start a private staff thread for this ticket")
    async def create(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, 100] | None = None,
        ticket: Number | None = None,
        reason: Reason | None = None,
    ) -> None:
        guild, member = member_of(interaction)
        await acknowledge(interaction)
        target = await self.services.tickets.resolve(guild.id, interaction.channel_id, ticket)
        thread = await self.services.notes.create_notes(member, target, name, reason)
        await reply(interaction, messages.NOTES_CREATED.format(thread=thread.mention))

    async def _change(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        ticket: int | None,
        reason: str | None,
        add: bool,
    ) -> None:
        guild, actor = member_of(interaction)
        await acknowledge(interaction)
        target = await self.services.tickets.resolve(guild.id, interaction.channel_id, ticket)
        thread = await self.services.notes.change_members(actor, target, member, add=add, reason=reason)
        done = messages.DONE_NOTES_ADDED if add else messages.DONE_NOTES_REMOVED
        await reply(
            interaction, messages.DONE.format(what=done.format(member=member.mention, thread=thread.mention))
        )

    @notes.command(name="add", description="Add a staff member to the notes")
    async def add(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        ticket: Number | None = None,
        reason: Reason | None = None,
    ) -> None:
        await self._change(interaction, member, ticket, reason, add=True)

    @notes.command(name="remove", description="Remove someone from the notes")
    async def remove(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        ticket: Number | None = None,
        reason: Reason | None = None,
    ) -> None:
        await self._change(interaction, member, ticket, reason, add=False)


async def setup(bot: TicketDeskBot) -> None:
    await bot.add_cog(Notes(bot))

"""``/transcript ...`` and the live archive's listeners (every message, edit and deletion)."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot import messages
from bot.app import TicketDeskBot
from bot.flows.context import member_of
from bot.render.replies import acknowledge, reply
from cogs.base import DeskCog, Number, options

log = logging.getLogger(__name__)


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MiB" if count >= 1024 * 1024 else f"{count / 1024:.1f} KiB"


class Transcripts(DeskCog):
    transcript = app_commands.Group(name="transcript", description="Ticket transcripts", guild_only=True)

    @transcript.command(
        name="get", description="Get a ticket's transcript (staff: with notes; owners: theirs)"
    )
    @app_commands.choices(format=options("html", "json", "text"))
    async def get(
        self, interaction: discord.Interaction, ticket: Number | None = None, format: str = "html"
    ) -> None:
        guild, member = member_of(interaction)
        await self.flows.transcripts.acknowledge(interaction, member)
        target = await self.services.tickets.resolve(guild.id, interaction.channel_id, ticket)
        await self.flows.transcripts.send_copy(interaction, member, target, format)

    @transcript.command(name="save", description="Catch the archive up with the channel and keep a snapshot")
    async def save(self, interaction: discord.Interaction, ticket: Number | None = None) -> None:
        guild, member = member_of(interaction)
        await acknowledge(interaction)
        target = await self.services.tickets.resolve(guild.id, interaction.channel_id, ticket)
        saved, caught_up, (count, files, size) = await self.services.transcripts.save(member, target)
        await reply(
            interaction,
            messages.TRANSCRIPT_SAVED.format(
                number=saved.number,
                messages=count,
                files=files,
                size=_size(size),
                added=caught_up.added,
                edited=caught_up.edited,
                deleted=caught_up.deleted,
            ),
        )

    @transcript.command(name="send", description="Send a ticket's transcript to a member by DM")
    async def send(
        self, interaction: discord.Interaction, member: discord.Member, ticket: Number | None = None
    ) -> None:
        guild, actor = member_of(interaction)
        await acknowledge(interaction)
        target = await self.services.tickets.resolve(guild.id, interaction.channel_id, ticket)
        await self.services.transcripts.send(actor, target, member)
        await reply(interaction, messages.TRANSCRIPT_SENT.format(number=target.number, member=member.mention))

    # -- the live archive -----------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        found = await self.services.archive.on_message(message)
        if found is not None:  # listeners of on_ticket_message get the ticket found (cogs/tags.py)
            self.bot.dispatch("ticket_message", found[0], found[1], message)
        if found is not None and found[1] == "ticket":
            await self.services.tickets.note_activity(found[0], message)

    @commands.Cog.listener()
    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        await self.services.archive.on_edit(payload)

    @commands.Cog.listener()
    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        await self.services.archive.on_delete([payload.message_id])

    @commands.Cog.listener()
    async def on_raw_bulk_message_delete(self, payload: discord.RawBulkMessageDeleteEvent) -> None:
        await self.services.archive.on_delete(sorted(payload.message_ids))


async def setup(bot: TicketDeskBot) -> None:
    await bot.add_cog(Transcripts(bot))

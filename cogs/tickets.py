"""``/ticket ...``, the two context menus, and the listeners that keep tickets in step with Discord."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot import messages
from bot.app import TicketDeskBot
from bot.errors import NotAllowed
from bot.ui import autocomplete, custom_ids
from bot.ui.opening import answer_stale_form, member_of, open_with_group_choice


class Tickets(commands.Cog):
    ticket = app_commands.Group(name="ticket", description="Open and work tickets", guild_only=True)

    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot
        self.open_for_user = app_commands.ContextMenu(
            name="Open ticket for user", callback=self.open_for_user_menu
        )
        self.open_for_user.guild_only = True
        self.open_from_message = app_commands.ContextMenu(
            name="Open ticket from message", callback=self.open_from_message_menu
        )
        self.open_from_message.guild_only = True
        bot.tree.add_command(self.open_for_user)
        bot.tree.add_command(self.open_from_message)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.open_for_user.name, type=self.open_for_user.type)
        self.bot.tree.remove_command(self.open_from_message.name, type=self.open_from_message.type)

    @ticket.command(name="open", description="Open a ticket (staff: for another member)")
    @app_commands.autocomplete(group=autocomplete.groups)
    @app_commands.describe(
        group="What the ticket is about",
        user="Staff only: open it for this member",
        message="A first message for the ticket",
    )
    async def open(
        self,
        interaction: discord.Interaction,
        group: str | None = None,
        user: discord.Member | None = None,
        message: app_commands.Range[str, 1, 1000] | None = None,
    ) -> None:
        guild, member = member_of(interaction)
        target = await self.bot.services.groups.find(guild.id, group) if group else None
        await open_with_group_choice(interaction, target, owner=user or member, actor=member, message=message)

    async def open_for_user_menu(self, interaction: discord.Interaction, user: discord.Member) -> None:
        _, member = member_of(interaction)
        if not await self.bot.services.access.is_staff_anywhere(member):
            raise NotAllowed(messages.NOT_STAFF)
        await open_with_group_choice(interaction, None, owner=user, actor=member)

    async def open_from_message_menu(
        self, interaction: discord.Interaction, message: discord.Message
    ) -> None:
        """Staff open a ticket for the message's author; anyone else opens their own, quoting it."""
        guild, member = member_of(interaction)
        author = guild.get_member(message.author.id)
        staff = await self.bot.services.access.is_staff_anywhere(member)
        owner = (
            author if staff and author is not None and not author.bot and author.id != member.id else member
        )
        await open_with_group_choice(interaction, None, owner=owner, actor=member, source=message)

    # -- keeping in step ----------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        custom_id = (interaction.data or {}).get("custom_id", "")  # type: ignore[union-attr]
        if custom_id.startswith(custom_ids.PREFIX + ":form:") and custom_id not in self.bot.pending_forms:
            await answer_stale_form(interaction)

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        await self.bot.services.tickets.channel_gone(channel.id)

    @commands.Cog.listener()
    async def on_raw_thread_delete(self, payload: discord.RawThreadDeleteEvent) -> None:
        await self.bot.services.tickets.channel_gone(payload.thread_id)

    @commands.Cog.listener()
    async def on_guild_channel_create(self, channel: discord.abc.GuildChannel) -> None:
        await self.bot.services.opener.on_channel_created(channel)

    @commands.Cog.listener()
    async def on_thread_create(self, thread: discord.Thread) -> None:
        await self.bot.services.opener.on_channel_created(thread)


async def setup(bot: TicketDeskBot) -> None:
    await bot.add_cog(Tickets(bot))

"""``/ticket ...``, the two context menus, and the listeners that keep tickets in step with Discord.

Ticket commands act on the ticket of the channel (or thread, or notes thread) they are used in; staff
may name another with ``ticket:`` (its number). Every staff command takes ``reason`` and ``anonymous``.
"""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import messages
from bot.app import TicketDeskBot
from bot.domain.models import Ticket
from bot.domain.text import clip
from bot.errors import NotAllowed, TicketDeskError
from bot.ui import autocomplete, custom_ids
from bot.ui.opening import answer_stale_form, member_of, open_with_group_choice
from bot.ui.replies import reply
from bot.ui.ticket_views import ticket_embed, tickets_embed

Reason = app_commands.Range[str, 1, 500]
Number = app_commands.Range[int, 1, 2**31]


async def priority_levels(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    bot: TicketDeskBot = interaction.client  # type: ignore[assignment]
    if interaction.guild_id is None:
        return []
    try:
        ticket = await bot.services.tickets.resolve(
            interaction.guild_id, interaction.channel_id, getattr(interaction.namespace, "ticket", None)
        )
    except TicketDeskError:
        return []
    group = await bot.services.groups.get(ticket.group_id or 0, include_deleted=True)
    if group is None:
        return []
    return [
        app_commands.Choice(name=clip(" ".join(x for x in (lv.emoji, lv.label) if x), 100), value=lv.label)
        for lv in group.priority_levels
        if current.lower() in lv.label.lower()
    ][:25]


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

    async def _target(
        self, interaction: discord.Interaction, number: int | None
    ) -> tuple[discord.Member, Ticket]:
        """Acknowledge, then find the ticket: by number, or the one of this channel."""
        guild, member = member_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        ticket = await self.bot.services.tickets.resolve(guild.id, interaction.channel_id, number)
        return member, ticket

    async def _done(self, interaction: discord.Interaction, ticket: Ticket, what: str) -> None:
        await reply(interaction, messages.DONE.format(what=f"ticket #{ticket.number} {what}"))

    # -- opening --------------------------------------------------------------------------------------

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

    # -- the lifecycle ----------------------------------------------------------------------------------

    @ticket.command(name="close", description="Close a ticket")
    async def close(
        self,
        interaction: discord.Interaction,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        member, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.close_ticket(member, target, reason, anonymous)
        await self._done(interaction, done, "closed")

    @ticket.command(name="reopen", description="Reopen a closed ticket")
    async def reopen(
        self,
        interaction: discord.Interaction,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        member, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.reopen_ticket(member, target, reason, anonymous)
        await self._done(interaction, done, "reopened")

    @ticket.command(name="delete", description="Close a ticket and delete its channel (the record stays)")
    async def delete(
        self,
        interaction: discord.Interaction,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        member, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.delete_ticket(member, target, reason, anonymous)
        if done.channel_id != interaction.channel_id:
            await self._done(interaction, done, "deleted")

    @ticket.command(name="lock", description="Lock a ticket: the owner can read but not write")
    async def lock(
        self,
        interaction: discord.Interaction,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        member, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.lock_ticket(member, target, reason, anonymous)
        await self._done(interaction, done, "locked")

    @ticket.command(name="unlock", description="Unlock a ticket")
    async def unlock(
        self,
        interaction: discord.Interaction,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        member, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.unlock_ticket(member, target, reason, anonymous)
        await self._done(interaction, done, "unlocked")

    @ticket.command(name="claim", description="Take a ticket yourself")
    async def claim(
        self,
        interaction: discord.Interaction,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        member, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.claim_ticket(member, target, reason, anonymous)
        await self._done(interaction, done, "is yours")

    @ticket.command(name="unassign", description="Take a ticket off whoever has it")
    async def unassign(
        self,
        interaction: discord.Interaction,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        member, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.unassign_ticket(member, target, reason, anonymous)
        await self._done(interaction, done, "is unassigned")

    @ticket.command(name="assign", description="Give a ticket to a staff member")
    async def assign(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        actor, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.assign_ticket(actor, target, member, reason, anonymous)
        await self._done(interaction, done, f"is assigned to {member.mention}")

    @ticket.command(name="transfer", description="Hand a claimed ticket over to another staff member")
    async def transfer(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        actor, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.assign_ticket(
            actor, target, member, reason, anonymous, transfer=True
        )
        await self._done(interaction, done, f"is transferred to {member.mention}")

    @ticket.command(name="owner", description="Give a ticket a new owner")
    async def owner(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        actor, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.change_owner(actor, target, member, reason, anonymous)
        await self._done(interaction, done, f"now belongs to {member.mention}")

    @ticket.command(name="add", description="Let a member into a ticket")
    async def add(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        actor, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.add_member(actor, target, member, reason, anonymous)
        await self._done(interaction, done, f"now includes {member.mention}")

    @ticket.command(name="remove", description="Take a member out of a ticket")
    async def remove(
        self,
        interaction: discord.Interaction,
        member: discord.User,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        actor, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.remove_member(actor, target, member, reason, anonymous)
        await self._done(interaction, done, f"no longer includes {member.mention}")

    @ticket.command(name="rename", description="Rename a ticket (empty: back to the group's name template)")
    async def rename(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, 100] | None = None,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        actor, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.rename_ticket(actor, target, name, reason, anonymous)
        await self._done(interaction, done, f"will be called {done.name}")

    @ticket.command(name="priority", description="Set a ticket's priority")
    @app_commands.autocomplete(level=priority_levels)
    async def priority(
        self,
        interaction: discord.Interaction,
        level: str,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        actor, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.set_priority(actor, target, level, reason, anonymous)
        await self._done(interaction, done, "has its new priority")

    @ticket.command(name="move", description="Move a ticket to another group of the same mode")
    @app_commands.autocomplete(group=autocomplete.groups)
    async def move(
        self,
        interaction: discord.Interaction,
        group: str,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        actor, target = await self._target(interaction, ticket)
        destination = await self.bot.services.groups.find(actor.guild.id, group)
        done = await self.bot.services.tickets.move_ticket(actor, target, destination, reason, anonymous)
        await self._done(interaction, done, f"moved to {destination.name}")

    @ticket.command(name="expire", description="Close a ticket automatically at a time (or never)")
    @app_commands.describe(
        when="A duration like 2d 4h, an ISO 8601 time, or never",
        clearable="The owner's next message cancels the expiry",
    )
    async def expire(
        self,
        interaction: discord.Interaction,
        when: app_commands.Range[str, 1, 100],
        clearable: bool = False,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        actor, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.set_expiry(actor, target, when, clearable, reason, anonymous)
        await self._done(
            interaction,
            done,
            "expires " + (f"<t:{int(done.expire_at.timestamp())}:R>" if done.expire_at else "never"),
        )

    @ticket.command(name="eternal", description="A ticket that never expires and never closes by itself")
    async def eternal(
        self,
        interaction: discord.Interaction,
        enabled: bool,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        actor, target = await self._target(interaction, ticket)
        done = await self.bot.services.tickets.set_eternal(actor, target, enabled, reason, anonymous)
        await self._done(interaction, done, "is eternal" if enabled else "is no longer eternal")

    @ticket.command(name="info", description="Everything about a ticket")
    async def info(self, interaction: discord.Interaction, ticket: Number | None = None) -> None:
        viewer, target = await self._target(interaction, ticket)
        services = self.bot.services
        await services.tickets.check_viewer(viewer, target)
        group = await services.groups.get(target.group_id or 0, include_deleted=True)
        embed = ticket_embed(
            target,
            group,
            await services.tickets.members(target.id),
            await services.tickets.history(target.id),
        )
        await reply(interaction, embed=embed)

    @ticket.command(name="list", description="List tickets (members: your own)")
    @app_commands.autocomplete(group=autocomplete.groups)
    async def list(
        self,
        interaction: discord.Interaction,
        status: Literal["open", "closed", "deleted"] | None = None,
        user: discord.User | None = None,
        group: str | None = None,
        page: app_commands.Range[int, 1, 10_000] = 1,
    ) -> None:
        guild, member = member_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        services = self.bot.services
        chosen = await services.groups.find(guild.id, group) if group else None
        found, total, pages = await services.tickets.list_tickets(
            member, status=status, user=user, group=chosen, page=page
        )
        names = {g.id: g.name for g in await services.groups.list(guild.id)}
        await reply(interaction, embed=tickets_embed(found, names, total, page, pages))

    # -- keeping in step ------------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        custom_id = (interaction.data or {}).get("custom_id", "")  # type: ignore[union-attr]
        if custom_id.startswith(custom_ids.PREFIX + ":form:") and custom_id not in self.bot.pending_forms:
            await answer_stale_form(interaction)

    @commands.Cog.listener()
    async def on_member_remove(self, member: discord.Member) -> None:
        await self.bot.services.tickets.owner_gone(member.guild, member.id)

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

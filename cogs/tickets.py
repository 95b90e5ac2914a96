"""``/ticket ...``, the two context menus, and the listeners that keep tickets in step with Discord.

Ticket commands act on the ticket of the channel (or thread, or notes thread) they are used in; staff
may name another with ``ticket:`` (its number). Every staff command takes ``reason`` and ``anonymous``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import messages
from bot.app import TicketDeskBot
from bot.domain.models import Ticket
from bot.flows.context import member_of
from bot.render import custom_ids
from bot.render.replies import ANSWERS_ITSELF, acknowledge, reply
from bot.render.tickets import ticket_embed, tickets_embed
from cogs.base import DeskCog, Number, Reason, options


class Tickets(DeskCog):
    ticket = app_commands.Group(name="ticket", description="Open and work tickets", guild_only=True)

    def __init__(self, bot: TicketDeskBot) -> None:
        super().__init__(bot)
        self.open_for_user = app_commands.ContextMenu(
            name="Open ticket for user", callback=self.open_for_user_menu, extras=ANSWERS_ITSELF
        )
        self.open_for_user.guild_only = True
        self.open_from_message = app_commands.ContextMenu(
            name="Open ticket from message", callback=self.open_from_message_menu, extras=ANSWERS_ITSELF
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
        await acknowledge(interaction)
        return member, await self.services.tickets.resolve(guild.id, interaction.channel_id, number)

    async def _act(
        self,
        interaction: discord.Interaction,
        number: int | None,
        operation: Callable[[discord.Member, Ticket], Awaitable[Ticket]],
        done: str,
        **values: Any,
    ) -> Ticket:
        """Acknowledge, find the ticket, run the operation, say what was done."""
        actor, target = await self._target(interaction, number)
        result = await operation(actor, target)
        if done:
            what = messages.DONE_TICKET[done].format(number=result.number, **values)
            await reply(interaction, messages.DONE.format(what=what))
        return result

    # -- opening --------------------------------------------------------------------------------------

    @ticket.command(
        name="open", description="Open a ticket (staff: for another member)", extras=ANSWERS_ITSELF
    )
    @app_commands.autocomplete(group=DeskCog.group_choices)
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
        target = await self.services.groups.find(guild.id, group) if group else None
        await self.flows.opening.with_group_choice(
            interaction, target, owner=user or member, actor=member, message=message
        )

    async def open_for_user_menu(self, interaction: discord.Interaction, user: discord.Member) -> None:
        await self.flows.opening.for_user(interaction, user)

    async def open_from_message_menu(
        self, interaction: discord.Interaction, message: discord.Message
    ) -> None:
        await self.flows.opening.from_message(interaction, message)

    # -- the lifecycle ----------------------------------------------------------------------------------

    @ticket.command(name="close", description="Close a ticket")
    async def close(
        self,
        interaction: discord.Interaction,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        tickets = self.services.tickets
        await self._act(
            interaction, ticket, lambda a, t: tickets.close_ticket(a, t, reason, anonymous), "close"
        )

    @ticket.command(name="reopen", description="Reopen a closed ticket")
    async def reopen(
        self,
        interaction: discord.Interaction,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        tickets = self.services.tickets
        await self._act(
            interaction, ticket, lambda a, t: tickets.reopen_ticket(a, t, reason, anonymous), "reopen"
        )

    @ticket.command(name="delete", description="Close a ticket and delete its channel (the record stays)")
    async def delete(
        self,
        interaction: discord.Interaction,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        tickets = self.services.tickets
        done = await self._act(
            interaction, ticket, lambda a, t: tickets.delete_ticket(a, t, reason, anonymous), ""
        )
        if (
            done.channel_id != interaction.channel_id
        ):  # used elsewhere: the channel this reply goes to still exists
            what = messages.DONE_TICKET["delete"].format(number=done.number)
            await reply(interaction, messages.DONE.format(what=what))

    @ticket.command(name="lock", description="Lock a ticket: the owner can read but not write")
    async def lock(
        self,
        interaction: discord.Interaction,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        tickets = self.services.tickets
        await self._act(
            interaction, ticket, lambda a, t: tickets.lock_ticket(a, t, reason, anonymous), "lock"
        )

    @ticket.command(name="unlock", description="Unlock a ticket")
    async def unlock(
        self,
        interaction: discord.Interaction,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        tickets = self.services.tickets
        await self._act(
            interaction, ticket, lambda a, t: tickets.unlock_ticket(a, t, reason, anonymous), "unlock"
        )

    @ticket.command(name="claim", description="Take a ticket yourself")
    async def claim(
        self,
        interaction: discord.Interaction,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        tickets = self.services.tickets
        await self._act(
            interaction, ticket, lambda a, t: tickets.claim_ticket(a, t, reason, anonymous), "claim"
        )

    @ticket.command(name="unassign", description="Take a ticket off whoever has it")
    async def unassign(
        self,
        interaction: discord.Interaction,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        tickets = self.services.tickets
        await self._act(
            interaction, ticket, lambda a, t: tickets.unassign_ticket(a, t, reason, anonymous), "unassign"
        )

    @ticket.command(name="assign", description="Give a ticket to a staff member")
    async def assign(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        tickets = self.services.tickets
        await self._act(
            interaction,
            ticket,
            lambda a, t: tickets.assign_ticket(a, t, member, reason, anonymous),
            "assign",
            member=member.mention,
        )

    @ticket.command(name="transfer", description="Hand a claimed ticket over to another staff member")
    async def transfer(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        tickets = self.services.tickets
        await self._act(
            interaction,
            ticket,
            lambda a, t: tickets.assign_ticket(a, t, member, reason, anonymous, transfer=True),
            "transfer",
            member=member.mention,
        )

    @ticket.command(name="owner", description="Give a ticket a new owner")
    async def owner(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        tickets = self.services.tickets
        await self._act(
            interaction,
            ticket,
            lambda a, t: tickets.change_owner(a, t, member, reason, anonymous),
            "owner",
            member=member.mention,
        )

    @ticket.command(name="add", description="Let a member into a ticket")
    async def add(
        self,
        interaction: discord.Interaction,
        member: discord.Member,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        tickets = self.services.tickets
        await self._act(
            interaction,
            ticket,
            lambda a, t: tickets.add_member(a, t, member, reason, anonymous),
            "add",
            member=member.mention,
        )

    @ticket.command(name="remove", description="Take a member out of a ticket")
    async def remove(
        self,
        interaction: discord.Interaction,
        member: discord.User,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        tickets = self.services.tickets
        await self._act(
            interaction,
            ticket,
            lambda a, t: tickets.remove_member(a, t, member, reason, anonymous),
            "remove",
            member=member.mention,
        )

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
        done = await self.services.tickets.rename_ticket(actor, target, name, reason, anonymous)
        what = messages.DONE_TICKET["rename"].format(number=done.number, name=done.name)
        await reply(interaction, messages.DONE.format(what=what))

    @ticket.command(name="priority", description="Set a ticket's priority")
    @app_commands.autocomplete(level=DeskCog.priority_choices)
    async def priority(
        self,
        interaction: discord.Interaction,
        level: str,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        tickets = self.services.tickets
        await self._act(
            interaction, ticket, lambda a, t: tickets.set_priority(a, t, level, reason, anonymous), "priority"
        )

    @ticket.command(name="move", description="Move a ticket to another group of the same mode")
    @app_commands.autocomplete(group=DeskCog.group_choices)
    async def move(
        self,
        interaction: discord.Interaction,
        group: str,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        actor, target = await self._target(interaction, ticket)
        destination = await self.services.groups.find(actor.guild.id, group)
        done = await self.services.tickets.move_ticket(actor, target, destination, reason, anonymous)
        what = messages.DONE_TICKET["move"].format(number=done.number, group=destination.name)
        await reply(interaction, messages.DONE.format(what=what))

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
        done = await self.services.tickets.set_expiry(actor, target, when, clearable, reason, anonymous)
        moment = f"<t:{int(done.expire_at.timestamp())}:R>" if done.expire_at else messages.NEVER
        what = messages.DONE_TICKET["expire"].format(number=done.number, when=moment)
        await reply(interaction, messages.DONE.format(what=what))

    @ticket.command(name="eternal", description="A ticket that never expires and never closes by itself")
    async def eternal(
        self,
        interaction: discord.Interaction,
        enabled: bool,
        reason: Reason | None = None,
        ticket: Number | None = None,
        anonymous: bool = False,
    ) -> None:
        tickets = self.services.tickets
        await self._act(
            interaction,
            ticket,
            lambda a, t: tickets.set_eternal(a, t, enabled, reason, anonymous),
            "eternal_on" if enabled else "eternal_off",
        )

    @ticket.command(name="close-request", description="Ask the owner whether the ticket can be closed")
    @app_commands.describe(
        reason="Why you think it is done (shown to the owner)",
        after="It closes this long after, unless answered (default 24h)",
    )
    async def close_request(
        self,
        interaction: discord.Interaction,
        reason: Reason | None = None,
        after: app_commands.Range[str, 1, 40] | None = None,
        ticket: Number | None = None,
    ) -> None:
        actor, target = await self._target(interaction, ticket)
        asked = await self.services.tickets.request_close(actor, target, reason, after)
        when = f"<t:{int(asked.close_request_at.timestamp())}:R>" if asked.close_request_at else ""
        what = messages.DONE_TICKET["close_request"].format(number=asked.number, when=when)
        await reply(interaction, messages.DONE.format(what=what))

    @ticket.command(name="info", description="Everything about a ticket")
    async def info(self, interaction: discord.Interaction, ticket: Number | None = None) -> None:
        viewer, target = await self._target(interaction, ticket)
        shown = await self.services.tickets.info(viewer, target)
        await reply(interaction, embed=ticket_embed(shown.ticket, shown.group, shown.members, shown.history))

    @ticket.command(name="list", description="List tickets (members: your own)")
    @app_commands.autocomplete(group=DeskCog.group_choices)
    @app_commands.choices(status=options("open", "closed", "deleted"))
    async def list(
        self,
        interaction: discord.Interaction,
        status: str | None = None,
        user: discord.User | None = None,
        group: str | None = None,
        page: app_commands.Range[int, 1, 10_000] = 1,
    ) -> None:
        guild, member = member_of(interaction)
        await acknowledge(interaction)
        chosen = await self.services.groups.find(guild.id, group) if group else None
        found = await self.services.tickets.list_tickets(
            member, status=status, user=user, group=chosen, page=page
        )
        embed = tickets_embed(found.tickets, found.group_names, found.total, found.page, found.pages)
        await reply(interaction, embed=embed)

    # -- keeping in step ------------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        custom_id = (interaction.data or {}).get("custom_id", "")  # type: ignore[union-attr]
        if custom_ids.is_form(custom_id) and self.flows.opening.is_stale_form(custom_id):
            await self.flows.opening.answer_stale_form(interaction)

    @commands.Cog.listener()
    async def on_member_remove(self, member: discord.Member) -> None:
        await self.services.tickets.owner_gone(member.guild, member.id)

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        await self.services.tickets.channel_gone(channel.id)

    @commands.Cog.listener()
    async def on_raw_thread_delete(self, payload: discord.RawThreadDeleteEvent) -> None:
        await self.services.tickets.channel_gone(payload.thread_id)

    @commands.Cog.listener()
    async def on_guild_channel_create(self, channel: discord.abc.GuildChannel) -> None:
        await self.services.destinations.on_channel_created(channel)

    @commands.Cog.listener()
    async def on_thread_create(self, thread: discord.Thread) -> None:
        await self.services.destinations.on_channel_created(thread)


async def setup(bot: TicketDeskBot) -> None:
    await bot.add_cog(Tickets(bot))

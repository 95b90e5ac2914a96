"""Keeping a ticket's channel or thread as its record says it should be.

Every operation changes the database first and then asks :meth:`ChannelKeeper.apply` to bring Discord
in line with the ticket as it now is: overwrites, the status category (closed, locked, assigned or
open, with the 49-channel rule), a thread's archived and locked flags and its members. The desired
state is computed from the latest row, under a per-ticket lock, so two operations racing on one
ticket always end with Discord matching the final record, and a retry is harmless.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING

import discord

from bot.domain import lifecycle
from bot.domain.models import GroupMode, GuildConfig, Ticket, TicketGroup, TicketStatus
from bot.services.opening import BOT_ALLOW, MEMBER_ALLOW, staff_overwrite, staff_roles
from storage import members as member_repo
from storage import tickets as ticket_repo

if TYPE_CHECKING:
    from bot.app import TicketDeskBot

log = logging.getLogger(__name__)

READ_ONLY = dict(
    view_channel=True,
    read_message_history=True,
    send_messages=False,
    send_messages_in_threads=False,
    add_reactions=False,
)


def _pairs(
    overwrites: dict[discord.abc.Snowflake, discord.PermissionOverwrite],
) -> dict[int, tuple[int, int]]:
    return {target.id: tuple(ow.pair()[i].value for i in (0, 1)) for target, ow in overwrites.items()}  # type: ignore[misc]


class ChannelKeeper:
    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    def lock(self, ticket_id: int) -> asyncio.Lock:
        lock = self._locks.get(ticket_id)
        if lock is None:
            lock = self._locks[ticket_id] = asyncio.Lock()
        return lock

    async def channel_of(
        self, guild: discord.Guild, ticket: Ticket
    ) -> discord.TextChannel | discord.Thread | None:
        """The ticket's channel or thread, fetched if it is not cached (archived threads are not)."""
        if ticket.channel_id is None:
            return None
        found = guild.get_channel_or_thread(ticket.channel_id)
        if isinstance(found, discord.TextChannel | discord.Thread):
            return found
        try:
            fetched = await guild.fetch_channel(ticket.channel_id)
        except (discord.NotFound, discord.Forbidden):
            return None
        return fetched if isinstance(fetched, discord.TextChannel | discord.Thread) else None

    async def apply(self, ticket_id: int, *, add: Iterable[int] = (), remove: Iterable[int] = ()) -> None:
        """Make Discord match the ticket's current record; ``add``/``remove`` are thread members to change."""
        async with self.lock(ticket_id):
            ticket = await self.bot.services.tickets.get(ticket_id)
            guild = self.bot.get_guild(ticket.guild_id)
            if guild is None or ticket.status not in (TicketStatus.OPEN, TicketStatus.CLOSED):
                return
            group = await self.bot.services.groups.get(ticket.group_id or 0, include_deleted=True)
            channel = await self.channel_of(guild, ticket)
            if group is None or channel is None:
                return
            config = await self.bot.services.guilds.config(guild.id)
            async with self.bot.db.reader() as conn:
                member_ids = await member_repo.ids(conn, ticket.id)
            if isinstance(channel, discord.Thread):
                await self._apply_thread(
                    guild, group, config, ticket, channel, member_ids, list(add), list(remove)
                )
            else:
                await self._apply_channel(guild, group, config, ticket, channel, member_ids)

    def desired_overwrites(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        config: GuildConfig,
        ticket: Ticket,
        member_ids: list[int],
    ) -> dict[discord.abc.Snowflake, discord.PermissionOverwrite]:
        people = MEMBER_ALLOW if lifecycle.owner_can_write(ticket) else READ_ONLY
        overwrites: dict[discord.abc.Snowflake, discord.PermissionOverwrite] = {
            guild.default_role: discord.PermissionOverwrite(view_channel=False),
            guild.me: discord.PermissionOverwrite(**BOT_ALLOW),
        }
        for role in staff_roles(guild, group, config):
            overwrites[role] = staff_overwrite()
        for user_id in [ticket.owner_id, *member_ids]:
            overwrites[discord.Object(user_id, type=discord.Member)] = discord.PermissionOverwrite(**people)
        return overwrites

    async def _apply_channel(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        config: GuildConfig,
        ticket: Ticket,
        channel: discord.TextChannel,
        member_ids: list[int],
    ) -> None:
        desired = self.desired_overwrites(guild, group, config, ticket, member_ids)
        ours = (
            {t.id for t in desired}
            | set(config.staff_role_ids)
            | {role for g in await self.bot.services.groups.list(guild.id) for role in g.support_role_ids}
        )
        # keep role overwrites an admin added by hand; staff roles and members are the bot's to manage
        for target, overwrite in channel.overwrites.items():
            if target.id not in ours and isinstance(target, discord.Role):
                desired[target] = overwrite
        changes: dict[str, object] = {}
        if _pairs(desired) != _pairs(channel.overwrites):  # type: ignore[arg-type]
            changes["overwrites"] = desired
        category = await self._target_category(guild, group, ticket, channel)
        if category is not None and category.id != channel.category_id:
            changes["category"] = category
        if changes:
            await channel.edit(**changes, reason=f"Ticket #{ticket.number}: {lifecycle.home_kind(ticket)}")  # type: ignore[arg-type]

    async def _target_category(
        self, guild: discord.Guild, group: TicketGroup, ticket: Ticket, channel: discord.TextChannel
    ) -> discord.CategoryChannel | None:
        """Where the channel belongs now, or None to leave it where it is."""
        wanted = lifecycle.status_category(ticket, group)
        if wanted is not None:
            candidates = [wanted]
        else:
            if channel.category_id in group.category_ids:
                return None
            candidates = list(group.category_ids)
        if channel.category_id in candidates:
            return None
        placement, reservation = self.bot.services.placer.reserve(guild, candidates)
        if placement.full or reservation is None or placement.category_id is None:
            log.warning("ticket %s: no room in %s; it stays where it is", ticket.id, candidates)
            return None
        self.bot.services.placer.created(reservation, channel.id)
        category = guild.get_channel(placement.category_id)
        return category if isinstance(category, discord.CategoryChannel) else None

    async def _apply_thread(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        config: GuildConfig,
        ticket: Ticket,
        thread: discord.Thread,
        member_ids: list[int],
        add: list[int],
        remove: list[int],
    ) -> None:
        archived, locked = lifecycle.thread_state(ticket)
        if not archived and (thread.archived or thread.locked != locked):
            await thread.edit(archived=False, locked=locked)
        for user_id in add:
            await _quietly(thread.add_user(discord.Object(user_id)))
        for user_id in remove:
            await _quietly(thread.remove_user(discord.Object(user_id)))
        if archived and not (thread.archived and thread.locked):
            await thread.edit(archived=True, locked=True)

    async def sync_thread_members(self, ticket: Ticket) -> tuple[int, int]:
        """After downtime: add the owner and members who are missing, remove people who left the ticket."""
        guild = self.bot.get_guild(ticket.guild_id)
        group = await self.bot.services.groups.get(ticket.group_id or 0, include_deleted=True)
        if guild is None or group is None:
            return 0, 0
        thread = await self.channel_of(guild, ticket)
        if not isinstance(thread, discord.Thread) or ticket.status is not TicketStatus.OPEN:
            return 0, 0
        config = await self.bot.services.guilds.config(guild.id)
        async with self.bot.db.reader() as conn:
            wanted = {ticket.owner_id, *await member_repo.ids(conn, ticket.id)}
        present = {m.id for m in await thread.fetch_members()}
        add = [uid for uid in wanted - present if guild.get_member(uid) is not None]
        remove = [
            uid
            for uid in present - wanted
            if uid != self.bot.user.id and not self._is_staff(guild, uid, group, config)
        ]  # type: ignore[union-attr]
        if add or remove:
            await self.apply(ticket.id, add=add, remove=remove)
        return len(add), len(remove)

    def _is_staff(self, guild: discord.Guild, user_id: int, group: TicketGroup, config: GuildConfig) -> bool:
        member = guild.get_member(user_id)
        return member is not None and self.bot.services.access.is_staff(
            member, config, group.support_role_ids
        )

    async def announce(
        self, guild: discord.Guild, ticket: Ticket, text: str, view: discord.ui.View | None = None
    ) -> None:
        """Post the operation's line in the ticket; never pings, never fails the operation."""
        channel = await self.channel_of(guild, ticket)
        if channel is None:
            return
        try:
            kwargs = {"view": view} if view is not None else {}
            await channel.send(text, allowed_mentions=discord.AllowedMentions.none(), **kwargs)  # type: ignore[arg-type]
        except discord.HTTPException as exc:
            log.warning("could not post in ticket %s: %s", ticket.id, exc)

    async def missing(self, guild: discord.Guild) -> list[Ticket]:
        """Tickets whose channel or thread no longer exists.

        Open tickets are checked with Discord when the cache lacks them (an archived thread is not
        cached); closed channel-mode tickets by the cache alone, which always holds channels. Closed
        thread tickets are not fetched one by one: there can be thousands, and their deletion
        arrives as an event when the bot is online.
        """
        async with self.bot.db.reader() as conn:
            tickets = await ticket_repo.in_status(conn, [TicketStatus.OPEN, TicketStatus.CLOSED], guild.id)
        gone = []
        for ticket in tickets:
            if ticket.channel_id is None:
                continue
            if ticket.status is TicketStatus.OPEN:
                if await self.channel_of(guild, ticket) is None:
                    gone.append(ticket)
                continue
            group = await self.bot.services.groups.get(ticket.group_id or 0, include_deleted=True)
            if (
                group is not None
                and group.mode is GroupMode.CHANNEL
                and guild.get_channel(ticket.channel_id) is None
            ):
                gone.append(ticket)
        return gone


async def _quietly(call: object) -> None:
    try:
        await call  # type: ignore[misc]
    except discord.HTTPException as exc:
        log.warning("thread membership change failed: %s", exc)

"""Keeping a ticket's channel or thread as its record says it should be.

Every operation changes the database first and then asks :meth:`ChannelKeeper.apply` to bring Discord
in line with the ticket: overwrites, the status category (closed, locked, assigned or open, with the
49-channel rule), a thread's archived and locked flags and its members. Under a per-ticket lock the
keeper takes the latest row of the ticket it is given, so two operations racing on one ticket always
end with Discord matching the final record, and a retry is harmless.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass, field
from typing import Any

import discord

from bot import messages
from bot.domain import lifecycle
from bot.domain.models import GroupMode, GuildConfig, Ticket, TicketGroup, TicketStatus
from storage import Connection, Database
from storage import members as member_repo
from storage import tickets as ticket_repo

from .access import Access
from .cache import ConfigCache
from .permissions import Overwrites, ticket_overwrites
from .placement import Placer

log = logging.getLogger(__name__)
Destination = discord.TextChannel | discord.Thread


def _pairs(overwrites: Overwrites) -> dict[int, tuple[int, int]]:
    return {target.id: (ow.pair()[0].value, ow.pair()[1].value) for target, ow in overwrites.items()}


async def channel_of(guild: discord.Guild, channel_id: int | None) -> Destination | None:
    """A ticket's channel or thread, fetched if it is not cached (archived threads are not)."""
    if channel_id is None:
        return None
    found = guild.get_channel_or_thread(channel_id)
    if isinstance(found, discord.TextChannel | discord.Thread):
        return found
    try:
        fetched = await guild.fetch_channel(channel_id)
    except (discord.NotFound, discord.Forbidden):
        return None
    return fetched if isinstance(fetched, discord.TextChannel | discord.Thread) else None


@dataclass(eq=False)
class ChannelKeeper:
    client: discord.Client
    db: Database
    cache: ConfigCache
    access: Access
    placer: Placer
    _locks: weakref.WeakValueDictionary[int, asyncio.Lock] = field(
        default_factory=weakref.WeakValueDictionary, init=False, repr=False
    )

    def lock(self, ticket_id: int) -> asyncio.Lock:
        lock = self._locks.get(ticket_id)
        if lock is None:
            lock = self._locks[ticket_id] = asyncio.Lock()
        return lock

    async def channel_of(self, guild: discord.Guild, ticket: Ticket) -> Destination | None:
        return await channel_of(guild, ticket.channel_id)

    async def channel_of_id(self, guild: discord.Guild, channel_id: int) -> Destination | None:
        return await channel_of(guild, channel_id)

    async def apply(self, ticket: Ticket, *, add: Iterable[int] = (), remove: Iterable[int] = ()) -> None:
        """Make Discord match the ticket's record; ``add``/``remove`` are thread members to change."""
        async with self.lock(ticket.id):
            latest, member_ids = await self.db.read(_with_members, ticket.id)
            guild = self.client.get_guild(ticket.guild_id)
            if (
                latest is None
                or guild is None
                or latest.status not in (TicketStatus.OPEN, TicketStatus.CLOSED)
            ):
                return
            group = self.cache.group_of(latest)
            channel = await self.channel_of(guild, latest)
            if group is None or channel is None:
                return
            config = self.cache.guild(guild.id)
            if isinstance(channel, discord.Thread):
                await self._apply_thread(latest, channel, list(add), list(remove))
            else:
                await self._apply_channel(guild, group, config, latest, channel, member_ids)

    def out_of_line(self, ticket: Ticket, channel: Destination, member_ids: list[int]) -> bool:
        """Whether Discord differs from what ``ticket``'s record wants (memory only, nothing is changed).

        Reconciliation calls :meth:`apply` (which reads the record again under the ticket's lock) only for
        these, so a guild whose channels are as they should be costs no request and no further read.
        """
        guild = channel.guild
        group = self.cache.group_of(ticket)
        if group is None or ticket.status not in (TicketStatus.OPEN, TicketStatus.CLOSED):
            return False
        if isinstance(channel, discord.Thread):
            archived, locked = lifecycle.thread_state(ticket)
            if archived:
                return not (channel.archived and channel.locked)
            return channel.archived or channel.locked != locked
        config = self.cache.guild(guild.id)
        if _pairs(self._desired(guild, group, config, ticket, channel, member_ids)) != _pairs(
            channel.overwrites  # type: ignore[arg-type]
        ):
            return True
        wanted = lifecycle.status_category(ticket, group)
        if wanted is not None:
            return channel.category_id != wanted
        return channel.category_id not in group.category_ids

    def _desired(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        config: GuildConfig,
        ticket: Ticket,
        channel: discord.TextChannel,
        member_ids: list[int],
    ) -> Overwrites:
        desired = ticket_overwrites(
            guild,
            group,
            config,
            [ticket.owner_id, *member_ids],
            writable=lifecycle.owner_can_write(ticket),
            claimed_by=ticket.assigned_id if ticket.status is TicketStatus.OPEN else None,
        )
        ours = (
            {t.id for t in desired}
            | set(config.staff_role_ids)
            | set(config.admin_role_ids)
            | {role for g in self.cache.groups(guild.id) for role in g.support_role_ids}
        )
        # keep role overwrites an admin added by hand; staff roles and members are the bot's to manage
        for target, overwrite in channel.overwrites.items():
            if target.id not in ours and isinstance(target, discord.Role):
                desired[target] = overwrite
        return desired

    async def _apply_channel(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        config: GuildConfig,
        ticket: Ticket,
        channel: discord.TextChannel,
        member_ids: list[int],
    ) -> None:
        desired = self._desired(guild, group, config, ticket, channel, member_ids)
        changes: dict[str, Any] = {}
        if _pairs(desired) != _pairs(channel.overwrites):  # type: ignore[arg-type]
            changes["overwrites"] = desired
        category = self._target_category(guild, group, ticket, channel)
        if category is not None and category.id != channel.category_id:
            changes["category"] = category
        if changes:
            home = messages.AUDIT_HOMES[lifecycle.home_kind(ticket)]
            await channel.edit(**changes, reason=messages.AUDIT_MOVED.format(number=ticket.number, home=home))

    def _target_category(
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
        placement, reservation = self.placer.reserve(guild, candidates)
        if placement.full or reservation is None or placement.category_id is None:
            log.warning("ticket %s: no room in %s; it stays where it is", ticket.id, candidates)
            return None
        self.placer.created(reservation, channel.id)
        category = guild.get_channel(placement.category_id)
        return category if isinstance(category, discord.CategoryChannel) else None

    async def _apply_thread(
        self, ticket: Ticket, thread: discord.Thread, add: list[int], remove: list[int]
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
        guild = self.client.get_guild(ticket.guild_id)
        group = self.cache.group_of(ticket)
        if guild is None or group is None:
            return 0, 0
        thread = await self.channel_of(guild, ticket)
        if not isinstance(thread, discord.Thread) or ticket.status is not TicketStatus.OPEN:
            return 0, 0
        config = self.cache.guild(guild.id)
        wanted = {ticket.owner_id, *await self.db.read(member_repo.ids, ticket.id)}
        present = {m.id for m in await thread.fetch_members()}
        me = self.client.user.id if self.client.user else 0
        add = [uid for uid in wanted - present if guild.get_member(uid) is not None]
        remove = [
            uid for uid in present - wanted if uid != me and not self._is_staff(guild, uid, group, config)
        ]
        if add or remove:
            await self.apply(ticket, add=add, remove=remove)
        return len(add), len(remove)

    def _is_staff(self, guild: discord.Guild, user_id: int, group: TicketGroup, config: GuildConfig) -> bool:
        member = guild.get_member(user_id)
        return member is not None and self.access.is_staff(member, config, group.support_role_ids)

    async def announce(
        self,
        guild: discord.Guild,
        ticket: Ticket,
        text: str,
        view: discord.ui.View | None = None,
        ping: list[int] | None = None,
    ) -> discord.Message | None:
        """Post the operation's line in the ticket; pings only the members in ``ping``, never fails the
        operation. Returns the message (None when it could not be posted)."""
        channel = await self.channel_of(guild, ticket)
        if channel is None:
            return None
        mentions = (
            discord.AllowedMentions(users=[discord.Object(u) for u in ping], roles=False, everyone=False)
            if ping
            else discord.AllowedMentions.none()
        )
        try:
            kwargs = {"view": view} if view is not None else {}
            return await channel.send(text, allowed_mentions=mentions, **kwargs)  # type: ignore[arg-type]
        except discord.HTTPException as exc:
            log.warning("could not post in ticket %s: %s", ticket.id, exc)
            return None

    async def missing(self, guild: discord.Guild, tickets: list[Ticket]) -> list[Ticket]:
        """Those of ``tickets`` whose channel or thread no longer exists.

        Open tickets are checked with Discord when the cache lacks them (an archived thread is not
        cached); closed channel-mode tickets by the cache alone, which always holds channels. Closed
        thread tickets are not fetched one by one (there can be thousands, and their deletion arrives as
        an event when the bot is online), so the caller does not pass them.
        """
        gone = []
        for ticket in tickets:
            if ticket.channel_id is None:
                continue
            if ticket.status is TicketStatus.OPEN:
                if await self.channel_of(guild, ticket) is None:
                    gone.append(ticket)
                continue
            group = self.cache.group_of(ticket)
            if (
                group is not None
                and group.mode is GroupMode.CHANNEL
                and guild.get_channel(ticket.channel_id) is None
            ):
                gone.append(ticket)
        return gone


def _with_members(conn: Connection, ticket_id: int) -> tuple[Ticket | None, list[int]]:
    return ticket_repo.get(conn, ticket_id), member_repo.ids(conn, ticket_id)


async def _quietly(call: Awaitable[Any]) -> None:
    try:
        await call
    except discord.HTTPException as exc:
        log.warning("thread membership change failed: %s", exc)

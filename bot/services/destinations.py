"""Where a ticket lives on Discord: creating its channel or private thread, finding what a failed or
interrupted creation left behind, and removing duplicates that a retried request made.

A ticket channel carries its ticket's uuid in its topic (``td:<uuid>``), so it can be found again; a
ticket thread (threads have no topic) is found by its parent, name and the bot as its owner.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import discord

from bot import i18n, messages
from bot.clock import Clock
from bot.domain.models import GroupMode, GuildConfig, Ticket, TicketGroup
from bot.domain.text import clip, one_line, strip_invisible
from bot.errors import InvalidInput, LimitReached, NoRoom
from storage import Database
from storage import tickets as ticket_repo

from .cache import ConfigCache
from .events import CategoryOverflow, EventBus
from .permissions import PARENT_NEEDS, TICKET_CHANNEL_NEEDS, explain_forbidden, staff_roles, ticket_overwrites
from .placement import Placer

log = logging.getLogger(__name__)

MARKER = re.compile(r"td:([0-9a-f-]{36})")
STAFF_ADD_CONCURRENCY = 5
OVERFLOW_WARNING_EVERY = timedelta(hours=1)
Destination = discord.TextChannel | discord.Thread


def ticket_topic(ticket: Ticket, group: TicketGroup) -> str:
    return clip(
        messages.TICKET_TOPIC.format(
            number=ticket.number, group=one_line(strip_invisible(group.name)), marker=f"td:{ticket.uuid}"
        ),
        1024,
    )


def marker_of(channel: discord.abc.GuildChannel) -> str | None:
    """The uuid of the ticket a channel was made for, from its topic."""
    match = MARKER.search(getattr(channel, "topic", None) or "")
    return match.group(1) if match else None


def parent_id(channel: Destination) -> int | None:
    return channel.parent_id if isinstance(channel, discord.Thread) else channel.category_id


@dataclass(eq=False)
class Destinations:
    client: discord.Client
    db: Database
    clock: Clock
    placer: Placer
    bus: EventBus
    cache: ConfigCache
    _overflow_warned: dict[int, datetime] = field(default_factory=dict, init=False, repr=False)

    def check(self, guild: discord.Guild, group: TicketGroup) -> None:
        """Refuse before anything is written when the group's place on Discord is gone."""
        if group.mode is GroupMode.THREAD:
            if not isinstance(guild.get_channel(group.parent_channel_id or 0), discord.TextChannel):
                raise InvalidInput(messages.PARENT_GONE.format(group=group.name))
        elif group.category_ids and not any(
            isinstance(guild.get_channel(c), discord.CategoryChannel) for c in group.category_ids
        ):
            raise InvalidInput(messages.CATEGORY_GONE.format(group=group.name))

    async def create(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        config: GuildConfig,
        ticket: Ticket,
        owner: discord.Member,
    ) -> Destination:
        """The ticket's channel (in the first category with room) or private thread; raises as Discord does."""
        if group.mode is GroupMode.THREAD:
            return await self._create_thread(guild, group, ticket)
        return await self._create_channel(guild, group, config, ticket, owner)

    async def _create_channel(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        config: GuildConfig,
        ticket: Ticket,
        owner: discord.Member,
    ) -> discord.TextChannel:
        skip: list[int] = []
        while True:
            placement, reservation = self.placer.reserve(guild, group.category_ids, skip=skip)
            if placement.full:
                if len(guild.channels) >= 499:
                    raise LimitReached(messages.GUILD_FULL)
                raise NoRoom(messages.CATEGORIES_FULL.format(group=group.name))
            assert reservation is not None
            category = guild.get_channel(placement.category_id or 0)
            with i18n.speaking(self.cache.language(guild)):  # everyone reads the topic
                topic = ticket_topic(ticket, group)
                reason = messages.AUDIT_OPENED.format(number=ticket.number, owner=owner, id=owner.id)
            try:
                channel = await guild.create_text_channel(
                    ticket.name or f"ticket-{ticket.number}",
                    category=category if isinstance(category, discord.CategoryChannel) else None,
                    overwrites=ticket_overwrites(guild, group, config, [owner.id]),
                    topic=topic,
                    reason=reason,
                )
            except discord.Forbidden as exc:
                self.placer.release(reservation)
                place = category if isinstance(category, discord.CategoryChannel) else guild
                raise explain_forbidden(exc, place, TICKET_CHANNEL_NEEDS) from exc
            except discord.HTTPException as exc:
                self.placer.release(reservation)
                if exc.code == 50035 and "Maximum number of channels in category" in (exc.text or ""):
                    skip.append(placement.category_id or 0)
                    continue
                if exc.code == 30013:
                    raise LimitReached(messages.GUILD_FULL) from exc
                raise
            except BaseException:
                self.placer.release(reservation)
                raise
            self.placer.created(reservation, channel.id)
            if placement.overflowed:
                await self._warn_overflow(guild, group, ticket)
            return channel

    async def _warn_overflow(self, guild: discord.Guild, group: TicketGroup, ticket: Ticket) -> None:
        now = self.clock.now()
        last = self._overflow_warned.get(group.id)
        if last is not None and now - last < OVERFLOW_WARNING_EVERY:
            return
        self._overflow_warned[group.id] = now
        await self.bus.emit(CategoryOverflow(guild, group, ticket.number))

    async def _create_thread(
        self, guild: discord.Guild, group: TicketGroup, ticket: Ticket
    ) -> discord.Thread:
        parent = guild.get_channel(group.parent_channel_id or 0)
        if not isinstance(parent, discord.TextChannel):
            raise InvalidInput(messages.PARENT_GONE.format(group=group.name))
        with i18n.speaking(self.cache.language(guild)):
            reason = messages.AUDIT_TICKET.format(number=ticket.number)
        try:
            return await parent.create_thread(
                name=ticket.name or f"ticket-{ticket.number}",
                type=discord.ChannelType.private_thread,
                invitable=False,
                auto_archive_duration=10080,
                reason=reason,
            )
        except discord.Forbidden as exc:
            raise explain_forbidden(exc, parent, PARENT_NEEDS) from exc

    async def find_created(
        self, guild: discord.Guild, group: TicketGroup, ticket: Ticket
    ) -> Destination | None:
        """After an ambiguous failure (or a crash): the channel Discord made for ``ticket``, if any."""
        if group.mode is GroupMode.THREAD:
            parent = guild.get_channel(group.parent_channel_id or 0)
            if not isinstance(parent, discord.TextChannel):
                return None
            candidates = [t for t in await self._bot_threads(parent) if t.name == ticket.name]
            taken = await self.db.read(ticket_repo.channels_in_use, [t.id for t in candidates])
            for thread in sorted(candidates, key=lambda t: t.id):
                if thread.name == ticket.name and thread.id not in taken:
                    return thread
            return None
        try:
            channels = await guild.fetch_channels()
        except discord.HTTPException:
            channels = list(guild.channels)
        matching = sorted(
            (c for c in channels if isinstance(c, discord.TextChannel) and marker_of(c) == ticket.uuid),
            key=lambda c: c.id,
        )
        return matching[0] if matching else None

    def _is_ours(self, thread: discord.Thread) -> bool:
        return self.client.user is not None and thread.owner_id == self.client.user.id

    async def _bot_threads(self, parent: discord.TextChannel) -> list[discord.Thread]:
        threads = {t.id: t for t in parent.threads if self._is_ours(t)}
        try:
            active = await parent.guild.active_threads()
            threads.update({t.id: t for t in active if t.parent_id == parent.id and self._is_ours(t)})
        except discord.HTTPException:
            pass
        return list(threads.values())

    async def remove_duplicates(self, guild: discord.Guild, ticket: Ticket, keep: Destination) -> None:
        """A retried create can leave a second channel: delete any other made for this ticket."""
        await asyncio.sleep(0)  # let gateway events already received update the cache
        if isinstance(keep, discord.Thread):
            parent = keep.parent
            twins = [
                t
                for t in (parent.threads if isinstance(parent, discord.TextChannel) else [])
                if t.id != keep.id and t.name == keep.name and t.owner_id == keep.owner_id
            ]
            taken = await self.db.read(ticket_repo.channels_in_use, [t.id for t in twins]) if twins else set()
            extras: list[Destination] = [t for t in twins if t.id not in taken]
        else:
            extras = [c for c in guild.text_channels if c.id != keep.id and marker_of(c) == ticket.uuid]
        for extra in extras:
            await self.delete_quietly(extra, "duplicate", ticket.number)

    async def delete_quietly(
        self, channel: discord.abc.GuildChannel | discord.Thread, why: str, number: int = 0
    ) -> None:
        """Remove a channel the bot made and no longer needs (``why``: a key of ``AUDIT_REMOVED``)."""
        with i18n.speaking(self.cache.language(channel.guild)):
            reason = messages.AUDIT_REMOVED[why].format(number=number)
        try:
            await channel.delete(reason=reason)
        except discord.NotFound:
            pass
        except discord.HTTPException as exc:
            log.warning("could not delete channel %s: %s", channel.id, exc)

    async def add_staff_to_thread(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        config: GuildConfig,
        thread: discord.Thread,
        *,
        exclude: set[int],
    ) -> None:
        """Private threads have no role overwrites: add the staff roles' members one by one."""
        staff: dict[int, discord.Member] = {}
        for role in staff_roles(guild, group, config):
            for member in role.members:
                if not member.bot and member.id not in exclude:
                    staff[member.id] = member
        gate = asyncio.Semaphore(STAFF_ADD_CONCURRENCY)

        async def add(member: discord.Member) -> None:
            async with gate:
                try:
                    await thread.add_user(member)
                except discord.HTTPException as exc:
                    log.warning("could not add staff %s to thread %s: %s", member.id, thread.id, exc)

        await asyncio.gather(*(add(m) for m in staff.values()))

    async def on_channel_created(self, channel: discord.abc.GuildChannel | discord.Thread) -> None:
        """A duplicate from a retried create, or the late channel of a given-up opening, is deleted."""
        if isinstance(channel, discord.TextChannel):
            uuid = marker_of(channel)
            if uuid is None:
                return
            ticket, given_up = await self.db.read(ticket_repo.owner_of_marker, uuid)
            if ticket is not None and ticket.channel_id is not None and ticket.channel_id != channel.id:
                await self.delete_quietly(channel, "duplicate", ticket.number)
            elif given_up:
                await self.delete_quietly(channel, "leftover")
        elif isinstance(channel, discord.Thread) and self._is_ours(channel):
            twin = await self.db.read(
                ticket_repo.open_elsewhere_named, channel.parent_id, channel.name, channel.id
            )
            if twin is not None:
                await self.delete_quietly(channel, "duplicate", twin.number)

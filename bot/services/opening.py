"""Opening a ticket: one click, one ticket, every time.

The order makes every step safe to interrupt and retry:

1. one write transaction checks the per-user limit and cooldown and writes the ticket's intent
   (status ``creating``, its gap-free number, a slot the database keeps unique);
2. the channel (or private thread) is created, marked with the ticket's uuid;
3. a conditional update adopts it (``creating`` -> ``open``).

A crash between 1 and 3 is repaired at start-up (:meth:`TicketOpener.repair`): the marked channel is
adopted, or the intent is discarded and its number given back. A REST call that failed ambiguously (a
5xx, which discord.py retries, so a second channel may exist) is resolved the same way, and duplicates
are deleted.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import aiohttp
import aiosqlite
import discord

from bot import messages
from bot.domain import naming
from bot.domain.forms import Answer
from bot.domain.levels import default_index
from bot.domain.models import GroupMode, GuildConfig, OutOfHours, Ticket, TicketGroup, TicketStatus
from bot.domain.text import clip, one_line, strip_invisible
from bot.errors import (
    Conflict,
    InvalidInput,
    LimitReached,
    MissingDiscordPermission,
    ModuleDisabled,
    TicketDeskError,
)
from bot.services.audit import record
from bot.services.custom_messages import fill
from bot.ui import ticket_messages
from storage import groups as group_repo
from storage import guilds as guild_repo
from storage import tickets as ticket_repo

if TYPE_CHECKING:
    from bot.app import TicketDeskBot

log = logging.getLogger(__name__)

MARKER = re.compile(r"td:([0-9a-f-]{36})")
STAFF_ADD_CONCURRENCY = 5

# Fixed, minimal allow-sets. Members never get a Manage permission or Mention Everyone.
MEMBER_ALLOW = dict(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    read_message_history=True,
    attach_files=True,
    embed_links=True,
    add_reactions=True,
)
STAFF_ALLOW = MEMBER_ALLOW
BOT_ALLOW = dict(MEMBER_ALLOW, manage_channels=True, manage_messages=True)


class DiscordUnavailable(TicketDeskError):
    """Discord did not confirm the channel; nothing was opened."""


@dataclass(slots=True)
class OpenRequest:
    guild: discord.Guild
    group: TicketGroup
    owner: discord.Member
    actor: discord.Member
    answers: list[Answer] = field(default_factory=list)
    request_key: str | None = None
    message: str | None = None
    source: discord.Message | None = None


@dataclass(slots=True)
class Opened:
    ticket: Ticket
    channel: discord.TextChannel | discord.Thread
    notice: str | None = None
    replayed: bool = False


def member_overwrite() -> discord.PermissionOverwrite:
    return discord.PermissionOverwrite(**MEMBER_ALLOW)


def staff_overwrite() -> discord.PermissionOverwrite:
    return discord.PermissionOverwrite(**STAFF_ALLOW)


def ticket_topic(ticket: Ticket, group: TicketGroup) -> str:
    return clip(f"Ticket #{ticket.number} · {one_line(strip_invisible(group.name))} · td:{ticket.uuid}", 1024)


def marker_of(channel: discord.abc.GuildChannel) -> str | None:
    topic = getattr(channel, "topic", None)
    match = MARKER.search(topic or "")
    return match.group(1) if match else None


def discord_time(moment: datetime, style: str = "F") -> str:
    return f"<t:{int(moment.timestamp())}:{style}>"


class TicketOpener:
    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot
        self._overflow_warned: dict[int, datetime] = {}

    # -- checks that can run before a form is shown -----------------------------------------------

    def hours_notice(self, group: TicketGroup, now: datetime) -> str | None:
        """None when open; a warning for ``warn``; raises for ``block``."""
        if group.schedule is None or group.out_of_hours is OutOfHours.ALLOW or group.schedule.is_open(now):
            return None
        opening = group.schedule.next_opening(now)
        if group.out_of_hours is OutOfHours.BLOCK:
            if opening is None:
                raise LimitReached(messages.OUT_OF_HOURS_BLOCK_NEVER.format(group=group.name))
            raise LimitReached(
                messages.OUT_OF_HOURS_BLOCK.format(group=group.name, when=discord_time(opening))
            )
        return messages.OUT_OF_HOURS_WARN.format(when=discord_time(opening) if opening else "later")

    async def _admit(
        self, guild: discord.Guild, group: TicketGroup, owner: discord.Member, actor: discord.Member
    ) -> tuple[GuildConfig, str | None]:
        """The checks that need no ticket data: module on, a human owner, staff acting for others, hours."""
        config = await self.bot.services.guilds.config(guild.id)
        if not config.enabled:
            raise ModuleDisabled(messages.MODULE_DISABLED)
        if owner.bot:
            raise InvalidInput(messages.NO_BOT_TICKETS)
        if actor.id != owner.id:
            self.bot.services.access.require_staff(actor, config, group.support_role_ids)
        return config, self.hours_notice(group, self.bot.clock.now())

    async def precheck(
        self, guild: discord.Guild, group: TicketGroup, owner: discord.Member, actor: discord.Member
    ) -> None:
        """Refuse early (before a form) when opening would be refused anyway."""
        await self._admit(guild, group, owner, actor)
        now = self.bot.clock.now()
        async with self.bot.db.reader() as conn:
            held = await ticket_repo.open_for_owner(conn, group.id, owner.id)
            last = await ticket_repo.last_created_at(conn, group.id, owner.id)
        self._check_limits(group, owner, actor, held, last, now)

    def _check_limits(
        self,
        group: TicketGroup,
        owner: discord.Member,
        actor: discord.Member,
        held: list[Ticket],
        last: datetime | None,
        now: datetime,
    ) -> None:
        if group.user_limit and len(held) >= group.user_limit:
            links = ", ".join(f"<#{t.channel_id}>" if t.channel_id else messages.BEING_OPENED for t in held)
            template = messages.ALREADY_OPEN if actor.id == owner.id else messages.ALREADY_OPEN_FOR
            raise LimitReached(
                template.format(
                    count=len(held), group=group.name, limit=group.user_limit, links=links, user=owner.mention
                )
            )
        if group.cooldown_seconds and last is not None and actor.id == owner.id:
            ready = last + timedelta(seconds=group.cooldown_seconds)
            if ready > now:
                raise LimitReached(
                    messages.COOLDOWN_ACTIVE.format(group=group.name, when=discord_time(ready, "R"))
                )

    # -- opening ---------------------------------------------------------------------------------------

    async def open_ticket(self, request: OpenRequest) -> Opened:
        """Create the ticket, its channel or thread and its opening message; see the module doc."""
        guild, group, owner, actor = request.guild, request.group, request.owner, request.actor
        config, notice = await self._admit(guild, group, owner, actor)
        self._check_destination(guild, group)
        now = self.bot.clock.now()

        refusal: TicketDeskError | None = None
        replay: Ticket | None = None
        ticket: Ticket | None = None
        async with self.bot.db.transaction() as tx:
            if request.request_key:
                replay = await ticket_repo.get_by_request_key(tx, request.request_key)
            if replay is None:
                await guild_repo.ensure(tx, guild.id, now)
                current = await group_repo.get(tx, group.id)
                if current is None:
                    raise Conflict(messages.GROUP_NOT_FOUND.format(name=group.name))
                held = await ticket_repo.open_for_owner(tx, group.id, owner.id)
                last = await ticket_repo.last_created_at(tx, group.id, owner.id)
                try:
                    self._check_limits(group, owner, actor, held, last, now)
                except TicketDeskError as exc:
                    refusal = exc
                    await record(
                        tx,
                        guild_id=guild.id,
                        action="create",
                        now=now,
                        actor_id=actor.id,
                        target_id=owner.id,
                        allowed=False,
                        reason=exc.message,
                        detail={"group_id": group.id},
                    )
                else:
                    used = {t.open_slot for t in held}
                    slot = (
                        next(s for s in range(1, group.user_limit + 1) if s not in used)
                        if group.user_limit
                        else None
                    )
                    ticket = await ticket_repo.create_intent(
                        tx,
                        guild_id=guild.id,
                        group_id=group.id,
                        owner_id=owner.id,
                        now=now,
                        open_slot=slot,
                        opened_by_id=actor.id if actor.id != owner.id else None,
                        form=[a.to_json() for a in request.answers],
                        request_key=request.request_key,
                        priority=default_index(group.priority_levels),
                        source_channel_id=request.source.channel.id if request.source else None,
                        source_message_id=request.source.id if request.source else None,
                    )
                    name = naming.render_name(
                        group.name_template,
                        self._name_values(ticket, group, owner, now),
                        thread=group.mode is GroupMode.THREAD,
                    )
                    ticket = await ticket_repo.update(tx, ticket.id, {"name": name})
                    assert ticket is not None
                    await record(
                        tx,
                        guild_id=guild.id,
                        ticket_id=ticket.id,
                        action="create",
                        now=now,
                        actor_id=actor.id,
                        target_id=owner.id,
                        detail={"group_id": group.id, "number": ticket.number},
                    )
        if refusal is not None:
            raise refusal
        if replay is not None:
            return await self._replayed(guild, replay, notice)
        assert ticket is not None

        channel = await self._create_destination(guild, group, config, ticket, owner)
        async with self.bot.db.transaction() as tx:
            adopted = await self._adopt(tx, ticket, channel)
        if adopted is None:
            await self._delete_quietly(channel, "ticket creation was abandoned")
            raise Conflict(messages.DISCORD_UNAVAILABLE)
        await self._remove_duplicates(guild, group, adopted, channel)
        await self._finish(request, group, config, adopted, channel, notice)
        refreshed = await self.bot.services.tickets.get(adopted.id)
        return Opened(refreshed, channel, notice)

    async def _adopt(
        self, tx: aiosqlite.Connection, ticket: Ticket, channel: discord.TextChannel | discord.Thread
    ) -> Ticket | None:
        """``creating`` -> ``open`` with its channel; None when someone else finished or undid it first."""
        now = self.bot.clock.now()
        return await ticket_repo.update(
            tx,
            ticket.id,
            {
                "status": TicketStatus.OPEN,
                "channel_id": channel.id,
                "channel_parent_id": _parent_id(channel),
                "opened_at": now,
                "last_activity": now,
                "last_owner_activity": now,
            },
            expect_status=[TicketStatus.CREATING],
        )

    def _check_destination(self, guild: discord.Guild, group: TicketGroup) -> None:
        if group.mode is GroupMode.THREAD:
            parent = guild.get_channel(group.parent_channel_id or 0)
            if not isinstance(parent, discord.TextChannel):
                raise InvalidInput(messages.PARENT_GONE.format(group=group.name))
        elif group.category_ids and not any(
            isinstance(guild.get_channel(c), discord.CategoryChannel) for c in group.category_ids
        ):
            raise InvalidInput(messages.CATEGORY_GONE.format(group=group.name))

    def _name_values(
        self, ticket: Ticket, group: TicketGroup, owner: discord.Member, now: datetime
    ) -> dict[str, str]:
        return {
            "number": str(ticket.number),
            "user": owner.name,
            "user_id": str(owner.id),
            "group": group.name,
            "date": now.strftime("%Y-%m-%d"),
        }

    async def _replayed(self, guild: discord.Guild, ticket: Ticket, notice: str | None) -> Opened:
        """The same interaction arrived again: answer with the ticket it already made."""
        channel = guild.get_channel_or_thread(ticket.channel_id or 0)
        if ticket.status is TicketStatus.CREATING or not isinstance(
            channel, discord.TextChannel | discord.Thread
        ):
            raise Conflict(messages.STILL_OPENING)
        return Opened(ticket, channel, notice, replayed=True)

    async def _discard(self, ticket: Ticket, reason: str) -> None:
        async with self.bot.db.transaction() as tx:
            if await ticket_repo.discard_intent(tx, ticket):
                await record(
                    tx,
                    guild_id=ticket.guild_id,
                    action="create.failed",
                    now=self.bot.clock.now(),
                    actor_id=ticket.opened_by_id or ticket.owner_id,
                    target_id=ticket.owner_id,
                    reason=reason,
                    allowed=False,
                    detail={"number": ticket.number},
                )

    async def _create_destination(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        config: GuildConfig,
        ticket: Ticket,
        owner: discord.Member,
    ) -> discord.TextChannel | discord.Thread:
        """Create the channel or thread; on an ambiguous failure look for what Discord did make."""
        try:
            if group.mode is GroupMode.THREAD:
                return await self._create_thread(guild, group, ticket)
            return await self._create_channel(guild, group, config, ticket, owner)
        except (TimeoutError, discord.DiscordServerError, aiohttp.ClientError) as exc:
            found = await self._find_created(guild, group, ticket)
            if found is not None:
                return found
            await self._discard(ticket, f"Discord failed: {exc}")
            raise DiscordUnavailable(messages.DISCORD_UNAVAILABLE) from exc
        except discord.Forbidden as exc:
            await self._discard(ticket, f"Discord refused: {exc.text}")
            raise MissingDiscordPermission(
                messages.DISCORD_FORBIDDEN.format(detail=exc.text or "403")
            ) from exc
        except TicketDeskError as exc:
            await self._discard(ticket, exc.message)
            raise
        except discord.HTTPException as exc:
            await self._discard(ticket, f"Discord refused: {exc.text}")
            raise InvalidInput(messages.DISCORD_FORBIDDEN.format(detail=exc.text or str(exc.status))) from exc

    def overwrites_for(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        config: GuildConfig,
        owner: discord.abc.Snowflake,
        members: Sequence[int] = (),
    ) -> dict[discord.abc.Snowflake, discord.PermissionOverwrite]:
        """The ticket channel's overwrites: hidden from everyone; owner, staff and the bot allowed."""
        overwrites: dict[discord.abc.Snowflake, discord.PermissionOverwrite] = {
            guild.default_role: discord.PermissionOverwrite(view_channel=False),
            guild.me: discord.PermissionOverwrite(**BOT_ALLOW),
        }
        for role in staff_roles(guild, group, config):
            overwrites[role] = staff_overwrite()
        overwrites[owner] = member_overwrite()
        for member_id in members:
            overwrites[discord.Object(member_id, type=discord.Member)] = member_overwrite()
        return overwrites

    async def _create_channel(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        config: GuildConfig,
        ticket: Ticket,
        owner: discord.Member,
    ) -> discord.TextChannel:
        placer = self.bot.services.placer
        skip: list[int] = []
        while True:
            placement, reservation = placer.reserve(guild, group.category_ids, skip=skip)
            if placement.full:
                if len(guild.channels) >= 499:
                    raise LimitReached(messages.GUILD_FULL)
                raise LimitReached(messages.CATEGORIES_FULL.format(group=group.name))
            assert reservation is not None
            category = guild.get_channel(placement.category_id or 0)
            try:
                channel = await guild.create_text_channel(
                    ticket.name or f"ticket-{ticket.number}",
                    category=category if isinstance(category, discord.CategoryChannel) else None,
                    overwrites=self.overwrites_for(guild, group, config, owner),
                    topic=ticket_topic(ticket, group),
                    reason=f"Ticket #{ticket.number} opened for {owner} ({owner.id})",
                )
            except discord.HTTPException as exc:
                placer.release(reservation)
                if exc.code == 50035 and "Maximum number of channels in category" in (exc.text or ""):
                    skip.append(placement.category_id or 0)
                    continue
                if exc.code == 30013:
                    raise LimitReached(messages.GUILD_FULL) from exc
                raise
            except BaseException:
                placer.release(reservation)
                raise
            placer.created(reservation, channel.id)
            if placement.overflowed:
                await self._warn_overflow(guild, group, ticket)
            return channel

    async def _warn_overflow(self, guild: discord.Guild, group: TicketGroup, ticket: Ticket) -> None:
        now = self.bot.clock.now()
        last = self._overflow_warned.get(group.id)
        if last is not None and now - last < timedelta(hours=1):
            return
        self._overflow_warned[group.id] = now
        log.warning("group %s in guild %s overflowed its first category", group.id, guild.id)
        await self.bot.services.audit.log_line(
            guild, group, messages.CATEGORY_OVERFLOW.format(group=group.name, number=ticket.number)
        )

    async def _create_thread(
        self, guild: discord.Guild, group: TicketGroup, ticket: Ticket
    ) -> discord.Thread:
        parent = guild.get_channel(group.parent_channel_id or 0)
        if not isinstance(parent, discord.TextChannel):
            raise InvalidInput(messages.PARENT_GONE.format(group=group.name))
        return await parent.create_thread(
            name=ticket.name or f"ticket-{ticket.number}",
            type=discord.ChannelType.private_thread,
            invitable=False,
            auto_archive_duration=10080,
            reason=f"Ticket #{ticket.number}",
        )

    async def _find_created(
        self, guild: discord.Guild, group: TicketGroup, ticket: Ticket
    ) -> discord.TextChannel | discord.Thread | None:
        """After an ambiguous failure (or a crash): the channel Discord made for ``ticket``, if any."""
        if group.mode is GroupMode.THREAD:
            parent = guild.get_channel(group.parent_channel_id or 0)
            if not isinstance(parent, discord.TextChannel):
                return None
            candidates = await self._bot_threads(parent)
            taken = await self._taken_channels(guild.id)
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

    async def _bot_threads(self, parent: discord.TextChannel) -> list[discord.Thread]:
        threads = {t.id: t for t in parent.threads if t.owner_id == self.bot.user.id}  # type: ignore[union-attr]
        try:
            active = await parent.guild.active_threads()
            threads.update(
                {t.id: t for t in active if t.parent_id == parent.id and t.owner_id == self.bot.user.id}
            )  # type: ignore[union-attr]
        except discord.HTTPException:
            pass
        return list(threads.values())

    async def _taken_channels(self, guild_id: int) -> set[int]:
        async with self.bot.db.reader() as conn:
            return await ticket_repo.channel_ids(conn, guild_id)

    async def _remove_duplicates(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        ticket: Ticket,
        keep: discord.TextChannel | discord.Thread,
    ) -> None:
        """A retried create can leave a second channel: delete any other made for this ticket."""
        await asyncio.sleep(0)  # let gateway events already received update the cache
        if isinstance(keep, discord.Thread):
            parent = keep.parent
            taken = await self._taken_channels(guild.id)
            extras = [
                t
                for t in (parent.threads if isinstance(parent, discord.TextChannel) else [])
                if t.id != keep.id
                and t.name == keep.name
                and t.owner_id == keep.owner_id
                and t.id not in taken
            ]
        else:
            extras = [c for c in guild.text_channels if c.id != keep.id and marker_of(c) == ticket.uuid]
        for extra in extras:
            await self._delete_quietly(extra, f"duplicate channel of ticket #{ticket.number}")

    async def _delete_quietly(self, channel: discord.abc.GuildChannel | discord.Thread, reason: str) -> None:
        try:
            await channel.delete(reason=reason)
        except discord.NotFound:
            pass
        except discord.HTTPException as exc:
            log.warning("could not delete channel %s: %s", channel.id, exc)

    async def _finish(
        self,
        request: OpenRequest,
        group: TicketGroup,
        config: GuildConfig,
        ticket: Ticket,
        channel: discord.TextChannel | discord.Thread,
        notice: str | None,
    ) -> None:
        """Members, the opening message, the form channel and the log line."""
        if isinstance(channel, discord.Thread):
            await channel.add_user(request.owner)
            await self._add_staff_to_thread(request.guild, group, config, channel, exclude={request.owner.id})
        saved = None
        if group.opening_message_id is not None:
            found = await self.bot.services.custom_messages.get(group.opening_message_id)
            if found is not None:
                variables = ticket_messages.ticket_variables(ticket, group, request.owner, request.guild)
                saved = fill(found.content, found.embeds, {**variables, "channel": channel.mention})
        content, embeds, files = ticket_messages.opening_message(
            ticket,
            group,
            request.owner,
            request.actor,
            request.answers,
            request.message,
            request.source,
            notice,
            saved,
        )
        view = ticket_messages.open_ticket_view(ticket)
        sent = await channel.send(
            content,
            embeds=embeds,
            files=files,
            view=view,
            allowed_mentions=discord.AllowedMentions(users=[request.owner], roles=False, everyone=False),
        )
        async with self.bot.db.transaction() as tx:
            await ticket_repo.update(tx, ticket.id, {"opening_message_id": sent.id})
        if group.form_channel_id and request.answers:
            await self._post_form_results(request.guild, group, ticket, request.owner, request.answers)
        await self.bot.services.audit.log_line(
            request.guild,
            group,
            messages.LOG_OPENED.format(
                number=ticket.number, group=group.name, owner=request.owner.mention, channel=channel.mention
            ),
        )

    async def _add_staff_to_thread(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        config: GuildConfig,
        thread: discord.Thread,
        *,
        exclude: set[int],
    ) -> None:
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

    async def _post_form_results(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        ticket: Ticket,
        owner: discord.Member,
        answers: list[Answer],
    ) -> None:
        channel = guild.get_channel(group.form_channel_id or 0)
        if not isinstance(channel, discord.TextChannel):
            return
        embeds, truncated = ticket_messages.answer_embeds(
            messages.FORM_RESULTS_TITLE.format(number=ticket.number, group=clip(group.name, 100)),
            owner,
            answers,
        )
        files = (
            [discord.File(io.BytesIO(ticket_messages.answers_text(answers).encode()), "answers.txt")]
            if truncated
            else []
        )
        try:
            await channel.send(embeds=embeds, files=files, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as exc:
            log.warning("could not post form results to %s: %s", channel.id, exc)

    # -- start-up repair and keeping in step ------------------------------------------------------------

    async def repair(self, guild: discord.Guild) -> tuple[int, int]:
        """Finish or undo every opening a crash interrupted in ``guild``: (adopted, discarded)."""
        config = await self.bot.services.guilds.config(guild.id)
        async with self.bot.db.reader() as conn:
            pending = await ticket_repo.in_status(conn, [TicketStatus.CREATING], guild.id)
        adopted = discarded = 0
        for ticket in pending:
            group = await self.bot.services.groups.get(ticket.group_id or 0, include_deleted=True)
            channel = await self._find_created(guild, group, ticket) if group is not None else None
            if channel is None or group is None:
                await self._discard(ticket, "interrupted before its channel existed")
                discarded += 1
                continue
            now = self.bot.clock.now()
            async with self.bot.db.transaction() as tx:
                done = await self._adopt(tx, ticket, channel)
                if done is not None:
                    await record(
                        tx,
                        guild_id=guild.id,
                        ticket_id=ticket.id,
                        action="create.repaired",
                        now=now,
                        detail={"channel_id": channel.id},
                    )
            if done is None:
                continue
            adopted += 1
            await self._remove_duplicates(guild, group, done, channel)
            owner = guild.get_member(done.owner_id)
            if owner is not None:
                request = OpenRequest(
                    guild,
                    group,
                    owner,
                    guild.get_member(done.opened_by_id or 0) or owner,
                    answers=[Answer(**a) for a in done.form],
                )
                await self._finish(request, group, config, done, channel, None)
        await self._remove_orphans(guild)
        if adopted or discarded:
            log.info(
                "guild %s: repaired interrupted openings (adopted %s, discarded %s)",
                guild.id,
                adopted,
                discarded,
            )
        return adopted, discarded

    async def _remove_orphans(self, guild: discord.Guild) -> None:
        """Marked channels whose ticket does not exist (a discarded intent's late channel) are removed."""
        marked = [(c, marker_of(c)) for c in guild.text_channels]
        marked = [(c, m) for c, m in marked if m]
        if not marked:
            return
        async with self.bot.db.reader() as conn:
            for channel, uuid in marked:
                ticket = await ticket_repo.get_by_uuid(conn, uuid)
                if ticket is None or (
                    ticket.channel_id is not None
                    and ticket.channel_id != channel.id
                    and ticket.status is not TicketStatus.CREATING
                ):
                    await self._delete_quietly(channel, "channel of a ticket that was never opened")

    async def on_channel_created(self, channel: discord.abc.GuildChannel | discord.Thread) -> None:
        """A duplicate from a retried create that arrives after adoption is deleted."""
        if isinstance(channel, discord.TextChannel):
            uuid = marker_of(channel)
            if uuid is None:
                return
            async with self.bot.db.reader() as conn:
                ticket = await ticket_repo.get_by_uuid(conn, uuid)
            if ticket is not None and ticket.channel_id is not None and ticket.channel_id != channel.id:
                await self._delete_quietly(channel, f"duplicate channel of ticket #{ticket.number}")
        elif isinstance(channel, discord.Thread) and channel.owner_id == self.bot.user.id:  # type: ignore[union-attr]
            async with self.bot.db.reader() as conn:
                twin = await ticket_repo.open_elsewhere_named(
                    conn, channel.parent_id, channel.name, channel.id
                )
            if twin is not None:
                await self._delete_quietly(channel, f"duplicate thread of ticket #{twin.number}")


def staff_roles(guild: discord.Guild, group: TicketGroup, config: GuildConfig) -> list[discord.Role]:
    """The roles that work the group's tickets: its support roles and the server's staff roles."""
    ids = list(dict.fromkeys([*group.support_role_ids, *config.staff_role_ids]))
    return [role for role in (guild.get_role(i) for i in ids) if role is not None]


def _parent_id(channel: discord.TextChannel | discord.Thread) -> int | None:
    return channel.parent_id if isinstance(channel, discord.Thread) else channel.category_id

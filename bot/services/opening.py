"""Opening a ticket: one click, one ticket, every time.

The order makes every step safe to interrupt and retry:

1. one write transaction checks the per-user limit and cooldown and writes the ticket's intent
   (status ``creating``, its gap-free number, a slot the database keeps unique);
2. the channel (or private thread) is created, marked with the ticket's uuid
   (the destinations module);
3. a conditional update adopts it (``creating`` -> ``open``).

A crash between 1 and 3 is repaired at start-up (the repair module): the marked channel is
adopted, or the intent is discarded and its number given back. A REST call that failed ambiguously (a
5xx, which discord.py retries, so a second channel may exist) is resolved the same way, and duplicates
are deleted.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import aiohttp
import discord

from bot import i18n, messages
from bot.clock import Clock
from bot.domain import admission, naming
from bot.domain.forms import Answer
from bot.domain.levels import default_index
from bot.domain.models import GroupMode, GuildConfig, PingOn, Ticket, TicketGroup, TicketStatus
from bot.domain.templates import fill_message, ticket_variables
from bot.errors import (
    Blacklisted,
    Conflict,
    InvalidInput,
    MissingDiscordPermission,
    ModuleDisabled,
    NoRoom,
    OwnerBlacklisted,
    TicketDeskError,
)
from bot.render.tickets import open_ticket_view, opening_message
from storage import Connection, Database
from storage import tickets as ticket_repo
from storage.events import record

from .access import Access
from .blacklist import refusal as blacklist_refusal
from .blacklist import staff_warning as blacklist_warning
from .cache import ConfigCache
from .custom_messages import CustomMessageService
from .destinations import Destination, Destinations, parent_id
from .events import EventBus, TicketOpened
from .permissions import ping_targets

log = logging.getLogger(__name__)


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
    blacklist_ok: bool = False  # staff were warned that the owner is blacklisted, and went on


@dataclass(slots=True)
class Opened:
    ticket: Ticket
    channel: Destination
    notice: str | None = None
    replayed: bool = False


@dataclass(eq=False)
class TicketOpener:
    db: Database
    clock: Clock
    cache: ConfigCache
    access: Access
    destinations: Destinations
    custom_messages: CustomMessageService
    bus: EventBus
    make_room: Callable[[discord.Guild, list[int], int | None], Awaitable[bool]]

    # -- who may open what, before anything is written ---------------------------------------------

    def _admit(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        owner: discord.Member,
        actor: discord.Member,
        *,
        blacklist_ok: bool = False,
    ) -> tuple[GuildConfig, str | None]:
        """The checks that need no ticket data (memory only): module on, a human owner, staff acting for
        others, the blacklist, hours."""
        config = self.cache.guild(guild.id)
        if not config.enabled:
            raise ModuleDisabled(messages.MODULE_DISABLED)
        if owner.bot:
            raise InvalidInput(messages.NO_BOT_TICKETS)
        if actor.id != owner.id:
            self.access.require_staff(actor, config, group.support_role_ids)
        entry = self.cache.blacklisted(guild.id, owner.id, [r.id for r in owner.roles], self.clock.now())
        if entry is not None:
            if actor.id == owner.id:
                raise Blacklisted(blacklist_refusal(entry))
            if not blacklist_ok:
                raise OwnerBlacklisted(blacklist_warning(entry, owner))
        return config, admission.hours_notice(group, self.clock.now())

    def precheck(
        self, guild: discord.Guild, group: TicketGroup, owner: discord.Member, actor: discord.Member
    ) -> None:
        """Refuse early (before a form, from memory only) when opening would be refused anyway; the limits
        that need the member's tickets are checked when the form comes back."""
        self._admit(guild, group, owner, actor)

    def _check_limits(
        self,
        conn: Connection,
        group: TicketGroup,
        owner: discord.Member,
        actor: discord.Member,
        now: datetime,
    ) -> list[Ticket]:
        """The per-user limit, the daily cap and the cooldown; returns the owner's tickets holding a place."""
        held = ticket_repo.open_for_owner(conn, group.id, owner.id)
        last, today = ticket_repo.created_lately(conn, group.id, owner.id, now - admission.DAY)
        admission.check_limits(
            group,
            owner_id=owner.id,
            actor_id=actor.id,
            held=held,
            last_created=last,
            opened_today=today,
            now=now,
        )
        return held

    async def require_may_open_for_others(self, actor: discord.Member) -> None:
        """Opening a ticket for someone else is for staff (of the server or of some group)."""
        self.access.require_staff_anywhere(actor)

    async def owner_for_message(self, actor: discord.Member, author: discord.Member | None) -> discord.Member:
        """ "Open ticket from message": staff open it for the message's author, anyone else for themselves."""
        if author is None or author.bot or author.id == actor.id:
            return actor
        return author if self.access.is_staff_anywhere(actor) else actor

    # -- opening ---------------------------------------------------------------------------------------

    async def open_ticket(self, request: OpenRequest) -> Opened:
        """Create the ticket, its channel or thread and its opening message; see the module doc."""
        guild, group, owner, actor = request.guild, request.group, request.owner, request.actor
        config, notice = self._admit(guild, group, owner, actor, blacklist_ok=request.blacklist_ok)
        self.destinations.check(guild, group)
        now = self.clock.now()

        if self.cache.live_group(group.id) is None:
            raise Conflict(messages.GROUP_NOT_FOUND.format(name=group.name))

        ticket, replayed, refusal = await self.db.write(self.write_intent, request, now)
        if refusal is not None:
            raise refusal
        assert ticket is not None
        if replayed:
            return self._replayed(guild, ticket, notice)

        channel = await self._create_destination(guild, group, config, ticket, owner)
        adopted = await self.db.write(self.adopt, ticket, channel)
        if adopted is None:  # undone meanwhile (the owner erased their data, or repair gave it up)
            await self.destinations.delete_quietly(channel, "abandoned")
            raise Conflict(messages.OPENING_CANCELLED)
        await self.destinations.remove_duplicates(guild, adopted, channel)
        finished = await self.finish(request, config, adopted, channel, notice)
        return Opened(finished, channel, notice)

    def write_intent(
        self, tx: Connection, request: OpenRequest, now: datetime
    ) -> tuple[Ticket | None, bool, TicketDeskError | None]:
        """The opening's one transaction: (the ticket, whether it is a replay of the same click, the refusal).

        A replay of the interaction finds the ticket it made; otherwise the limits are checked against the
        owner's tickets and the intent written with its number and name, with its event, or the refusal
        recorded.
        """
        guild, group, owner, actor = request.guild, request.group, request.owner, request.actor
        if request.request_key:
            replay = ticket_repo.get_by_request_key(tx, request.request_key)
            if replay is not None:
                return replay, True, None
        try:
            held = self._check_limits(tx, group, owner, actor, now)
        except TicketDeskError as exc:
            record(
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
            return None, False, exc
        return self._write_intent(tx, request, held, now), False, None

    def _write_intent(
        self, tx: Connection, request: OpenRequest, held: list[Ticket], now: datetime
    ) -> Ticket:
        guild, group, owner, actor = request.guild, request.group, request.owner, request.actor

        def name(number: int) -> str:
            return naming.ticket_name(
                group.name_template,
                number=number,
                owner_name=owner.name,
                owner_id=owner.id,
                group=group.name,
                created=now,
                thread=group.mode is GroupMode.THREAD,
            )

        ticket = ticket_repo.create_intent(
            tx,
            guild_id=guild.id,
            group_id=group.id,
            owner_id=owner.id,
            now=now,
            open_slot=admission.free_slot((t.open_slot for t in held if t.open_slot), group.user_limit),
            opened_by_id=actor.id if actor.id != owner.id else None,
            form=[a.to_json() for a in request.answers],
            request_key=request.request_key,
            priority=default_index(group.priority_levels),
            source_channel_id=request.source.channel.id if request.source else None,
            source_message_id=request.source.id if request.source else None,
            source_author_id=request.source.author.id if request.source else None,
            name=name,
        )
        record(
            tx,
            guild_id=guild.id,
            ticket_id=ticket.id,
            action="create",
            now=now,
            actor_id=actor.id,
            target_id=owner.id,
            detail={"group_id": group.id, "number": ticket.number},
        )
        return ticket

    def adopt(self, tx: Connection, ticket: Ticket, channel: Destination) -> Ticket | None:
        """``creating`` -> ``open`` with its channel; None when someone else finished or undid it first."""
        now = self.clock.now()
        return ticket_repo.update(
            tx,
            ticket.id,
            {
                "status": TicketStatus.OPEN,
                "channel_id": channel.id,
                "channel_parent_id": parent_id(channel),
                "opened_at": now,
                "last_activity": now,
                "last_owner_activity": now,
            },
            expect_status=[TicketStatus.CREATING],
        )

    def _replayed(self, guild: discord.Guild, ticket: Ticket, notice: str | None) -> Opened:
        """The same interaction arrived again: answer with the ticket it already made."""
        channel = guild.get_channel_or_thread(ticket.channel_id or 0)
        if ticket.status is TicketStatus.CREATING or not isinstance(
            channel, discord.TextChannel | discord.Thread
        ):
            raise Conflict(messages.STILL_OPENING)
        return Opened(ticket, channel, notice, replayed=True)

    async def discard(self, ticket: Ticket, reason: str) -> None:
        """Give up an intent whose channel never came to exist; its number is given back."""
        now = self.clock.now()

        def give_up(tx: Connection) -> None:
            if ticket_repo.discard_intent(tx, ticket, now):
                record(
                    tx,
                    guild_id=ticket.guild_id,
                    action="create.failed",
                    now=now,
                    actor_id=ticket.opened_by_id or ticket.owner_id,
                    target_id=ticket.owner_id,
                    reason=reason,
                    allowed=False,
                    detail={"number": ticket.number},
                )

        await self.db.write(give_up)

    async def _create_destination(
        self,
        guild: discord.Guild,
        group: TicketGroup,
        config: GuildConfig,
        ticket: Ticket,
        owner: discord.Member,
    ) -> Destination:
        """Create the channel or thread; on an ambiguous failure look for what Discord did make.

        When every category is full, the oldest closed ticket channel there makes room (once).
        """
        try:
            try:
                return await self.destinations.create(guild, group, config, ticket, owner)
            except NoRoom:
                if not await self.make_room(guild, group.category_ids, None):
                    raise
                return await self.destinations.create(guild, group, config, ticket, owner)
        except (TimeoutError, discord.DiscordServerError, aiohttp.ClientError) as exc:
            found = await self.destinations.find_created(guild, group, ticket)
            if found is not None:
                return found
            await self.discard(ticket, f"Discord failed: {exc}")
            raise DiscordUnavailable(messages.DISCORD_UNAVAILABLE) from exc
        except discord.Forbidden as exc:
            await self.discard(ticket, f"Discord refused: {exc.text}")
            raise MissingDiscordPermission(
                messages.DISCORD_FORBIDDEN.format(detail=exc.text or "403")
            ) from exc
        except TicketDeskError as exc:
            await self.discard(ticket, exc.message)
            raise
        except discord.HTTPException as exc:
            await self.discard(ticket, f"Discord refused: {exc.text}")
            raise InvalidInput(messages.DISCORD_REFUSED.format(detail=exc.text or str(exc.status))) from exc

    async def finish(
        self,
        request: OpenRequest,
        config: GuildConfig,
        ticket: Ticket,
        channel: Destination,
        notice: str | None,
    ) -> Ticket:
        """Members, the opening message; then whoever follows a new ticket is told."""
        group = request.group
        if isinstance(channel, discord.Thread):
            await channel.add_user(request.owner)
            await self.destinations.add_staff_to_thread(
                request.guild, group, config, channel, exclude={request.owner.id}
            )
        saved = None
        if group.opening_message_id is not None:
            found = self.cache.message(group.opening_message_id)
            if found is not None:
                variables = ticket_variables(
                    ticket, group, owner_name=request.owner.display_name, server=request.guild.name
                )
                saved = fill_message(found.content, found.embeds, {**variables, "channel": channel.mention})
        pinged = ping_targets(request.guild, group) if group.ping_on is PingOn.OPEN else []
        with i18n.speaking(self.cache.language(request.guild)):  # the ticket's first message is for everyone
            if (
                notice is not None
            ):  # the member was told in their language; the ticket says it in the server's
                notice = admission.hours_notice(group, self.clock.now()) or notice
            content, embeds, files = opening_message(
                ticket,
                group,
                request.owner,
                request.actor,
                request.answers,
                request.message,
                request.source,
                notice,
                saved,
                pinged,
            )
            view = open_ticket_view(ticket)
        sent = await channel.send(
            content,
            embeds=embeds,
            files=files,
            view=view,
            # exactly these: the owner and the ping roles (nobody at all when the group says never)
            allowed_mentions=discord.AllowedMentions.none()
            if group.ping_on is PingOn.NEVER
            else discord.AllowedMentions(users=[request.owner], roles=pinged, everyone=False),
        )
        changes: dict[str, Any] = {"opening_message_id": sent.id}
        if pinged:
            changes["staff_pinged_at"] = self.clock.now()
        finished = await self.db.write(ticket_repo.update, ticket.id, changes)
        if finished is None:  # erased or purged meanwhile
            raise Conflict(messages.OPENING_CANCELLED)
        await self.bus.emit(
            TicketOpened(request.guild, group, finished, channel, request.owner, request.answers)
        )
        return finished

"""The audit trail: an event row for every action, and a line in the log channel when one is set."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

import aiosqlite
import discord

from bot.domain.models import Ticket, TicketGroup
from bot.domain.text import clip
from bot.errors import TicketDeskError
from storage import events

if TYPE_CHECKING:
    from bot.app import TicketDeskBot

log = logging.getLogger(__name__)


async def record(
    tx: aiosqlite.Connection,
    *,
    guild_id: int,
    action: str,
    now: datetime,
    ticket_id: int | None = None,
    actor_id: int | None = None,
    target_id: int | None = None,
    reason: str | None = None,
    anonymous: bool = False,
    allowed: bool = True,
    detail: dict[str, Any] | None = None,
) -> int:
    """Write one event row inside the caller's transaction."""
    return await events.record(
        tx,
        guild_id=guild_id,
        action=action,
        now=now,
        ticket_id=ticket_id,
        actor_id=actor_id,
        target_id=target_id,
        reason=None if reason is None else clip(reason, 1000),
        anonymous=anonymous,
        allowed=allowed,
        detail=detail,
    )


class AuditService:
    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot

    async def event(self, **kwargs: Any) -> int:
        """Record an event in its own transaction (for actions that change nothing else)."""
        async with self.bot.db.transaction() as tx:
            return await record(tx, now=self.bot.clock.now(), **kwargs)

    async def refused(
        self, ticket: Ticket, action: str, actor_id: int | None, error: TicketDeskError
    ) -> None:
        """Record that ``action`` on ``ticket`` was refused, and why."""
        await self.event(
            guild_id=ticket.guild_id,
            ticket_id=ticket.id,
            action=action,
            actor_id=actor_id,
            allowed=False,
            reason=f"refused: {error.message}",
            detail={"number": ticket.number},
        )

    async def log_line(self, guild: discord.Guild, group: TicketGroup | None, text: str) -> None:
        """Post ``text`` to the group's log channel, else the guild's; never pings, never raises."""
        channel_id = group.log_channel_id if group is not None and group.log_channel_id else None
        if channel_id is None:
            config = await self.bot.services.guilds.config(guild.id)
            channel_id = config.log_channel_id
        if channel_id is None:
            return
        channel = guild.get_channel(channel_id)
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            return
        try:
            await channel.send(clip(text, 2000), allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as exc:
            log.warning("could not write to log channel %s in guild %s: %s", channel_id, guild.id, exc)

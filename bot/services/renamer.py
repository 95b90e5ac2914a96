"""Renaming channels within Discord's limit of about two renames per channel per ten minutes.

A rename request records the wanted name and returns at once; a background task per channel applies
the latest wanted name as soon as the budget allows, so three renames in a minute end with the last
name, no interaction ever waits, and the bot never hits the rate limit (where discord.py would sleep
for up to ten minutes).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import discord

from bot import i18n, messages
from bot.clock import Clock

from .cache import ConfigCache

log = logging.getLogger(__name__)

WINDOW = timedelta(minutes=10)
PER_WINDOW = 2
MAX_FAILURES = 5


@dataclass
class _Pending:
    guild_id: int
    wanted: str
    applied: list[datetime] = field(default_factory=list)
    task: asyncio.Task[None] | None = None
    failures: int = 0


@dataclass(eq=False)
class Renamer:
    client: discord.Client
    clock: Clock
    cache: ConfigCache
    _channels: dict[int, _Pending] = field(default_factory=dict, init=False, repr=False)

    def _forget_idle(self) -> None:
        """Drop channels with no rename running and none within the window (their budget is full again)."""
        now = self.clock.now()
        current = asyncio.current_task()
        self._channels = {
            cid: p
            for cid, p in self._channels.items()
            if (p.task is not None and not p.task.done() and p.task is not current)
            or any(now - t < WINDOW for t in p.applied)
        }

    def request(self, guild_id: int, channel_id: int, name: str) -> None:
        """Ask for ``channel_id`` to be called ``name``; returns immediately."""
        pending = self._channels.get(channel_id)
        if pending is None:
            pending = self._channels[channel_id] = _Pending(guild_id, name)
        pending.wanted = name
        if pending.task is None or pending.task.done():
            pending.task = asyncio.create_task(self._run(channel_id), name=f"td-bg:rename:{channel_id}")

    def wanted(self, channel_id: int) -> str | None:
        pending = self._channels.get(channel_id)
        return None if pending is None else pending.wanted

    def next_slot(self, channel_id: int) -> datetime:
        """The earliest moment the channel may be renamed again."""
        now = self.clock.now()
        pending = self._channels.get(channel_id)
        if pending is None:
            return now
        recent = [t for t in pending.applied if now - t < WINDOW]
        pending.applied = recent
        if len(recent) < PER_WINDOW:
            return now
        return recent[-PER_WINDOW] + WINDOW

    async def _run(self, channel_id: int) -> None:
        pending = self._channels[channel_id]
        try:
            channel = await self._channel(pending.guild_id, channel_id)
            current = channel.name if channel is not None else None
            while channel is not None and current != pending.wanted:
                if isinstance(channel, discord.Thread) and channel.archived:
                    return  # renaming would reopen it; the name is applied when the ticket is reopened
                await self.clock.sleep_until(self.next_slot(channel_id))
                wanted = pending.wanted
                if wanted == current:
                    continue
                with i18n.speaking(self.cache.language(channel.guild)):
                    reason = messages.AUDIT_RENAMED
                try:
                    edited = await channel.edit(name=wanted, reason=reason)
                except discord.NotFound:
                    return
                except discord.HTTPException as exc:
                    pending.failures += 1
                    log.warning(
                        "renaming %s to %r failed (%s/%s): %s",
                        channel_id,
                        wanted,
                        pending.failures,
                        MAX_FAILURES,
                        exc,
                    )
                    if pending.failures >= MAX_FAILURES:
                        return
                    continue
                finally:
                    pending.applied.append(self.clock.now())
                current = edited.name if edited is not None else wanted
        finally:
            self._forget_idle()

    async def _channel(self, guild_id: int, channel_id: int) -> discord.TextChannel | discord.Thread | None:
        guild = self.client.get_guild(guild_id)
        if guild is None:
            return None
        channel = guild.get_channel_or_thread(channel_id)
        if channel is None:
            try:
                channel = await guild.fetch_channel(channel_id)
            except discord.HTTPException:
                return None
        return channel if isinstance(channel, discord.TextChannel | discord.Thread) else None

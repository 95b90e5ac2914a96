"""Choosing a category for a new ticket channel while other tickets are being opened at the same time.

The bot's cache only learns of a channel when its gateway event arrives, after the REST answer; a burst
of openings would all see the same free category. Reservations count channels being created (and
created but not yet in the cache), so the 49-per-category rule holds under concurrency.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import discord

from bot.domain.placement import Placement, choose_category

STALE_AFTER = 60.0


@dataclass(eq=False)
class Reservation:
    guild_id: int
    category_id: int | None
    created: float = field(default_factory=time.monotonic)
    channel_id: int | None = None


class Placer:
    """In-memory reservations per guild (one bot process owns its guilds)."""

    def __init__(self) -> None:
        self._active: dict[int, list[Reservation]] = {}

    def _prune(self, guild: discord.Guild) -> list[Reservation]:
        now = time.monotonic()
        keep = [
            r
            for r in self._active.get(guild.id, [])
            if now - r.created < STALE_AFTER
            and not (r.channel_id is not None and guild.get_channel(r.channel_id))
        ]
        self._active[guild.id] = keep
        return keep

    def counts(self, guild: discord.Guild, category_ids: list[int]) -> tuple[list[tuple[int, int]], int]:
        """Channels per configured category and in the guild, counting reservations."""
        active = self._prune(guild)
        pending_total = sum(
            1 for r in active if r.channel_id is None or guild.get_channel(r.channel_id) is None
        )
        counted: list[tuple[int, int]] = []
        for category_id in category_ids:
            category = guild.get_channel(category_id)
            cached = (
                {c.id for c in category.channels} if isinstance(category, discord.CategoryChannel) else set()
            )
            reserved = [r for r in active if r.category_id == category_id]
            count = len(cached | {r.channel_id for r in reserved if r.channel_id}) + sum(
                1 for r in reserved if r.channel_id is None
            )
            counted.append((category_id, count))
        return counted, len(guild.channels) + pending_total

    def reserve(
        self, guild: discord.Guild, category_ids: list[int], *, skip: list[int] | None = None
    ) -> tuple[Placement, Reservation | None]:
        """Pick a category and hold a place in it until :meth:`release` (no await in between)."""
        counted, total = self.counts(guild, [c for c in category_ids if guild.get_channel(c) is not None])
        placement = choose_category(counted, total, skip=skip or [])
        if placement.full:
            return placement, None
        reservation = Reservation(guild.id, placement.category_id)
        self._active.setdefault(guild.id, []).append(reservation)
        return placement, reservation

    def created(self, reservation: Reservation, channel_id: int) -> None:
        """The channel exists: keep counting it until the cache has it."""
        reservation.channel_id = channel_id

    def release(self, reservation: Reservation) -> None:
        """The creation failed: free the place."""
        active = self._active.get(reservation.guild_id, [])
        if reservation in active:
            active.remove(reservation)

"""Guild-level operations: settings, joining and leaving, the status report."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import discord

from bot.domain.models import GuildConfig, TicketStatus
from storage import guilds as guild_repo
from storage import tickets as ticket_repo

if TYPE_CHECKING:
    from bot.app import TicketDeskBot

log = logging.getLogger(__name__)

# What the bot needs guild-wide to run tickets in both modes.
REQUIRED_PERMISSIONS = discord.Permissions(
    view_channel=True,
    manage_channels=True,
    manage_roles=True,
    manage_threads=True,
    create_private_threads=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    attach_files=True,
    read_message_history=True,
    manage_webhooks=True,
)


def missing_permissions(
    have: discord.Permissions, need: discord.Permissions = REQUIRED_PERMISSIONS
) -> list[str]:
    """Names of the permissions in ``need`` that ``have`` lacks (none when Administrator)."""
    if have.administrator:
        return []
    return [name for name, wanted in need if wanted and not getattr(have, name)]


@dataclass(slots=True)
class StatusReport:
    config: GuildConfig
    ticket_counts: dict[TicketStatus, int]
    missing_permissions: list[str]
    notes: list[str] = field(default_factory=list)


class GuildService:
    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot

    async def config(self, guild_id: int) -> GuildConfig:
        """The guild's settings, created with defaults on first use."""
        return await self.bot.services.cache.guild(guild_id)

    async def joined(self, guild: discord.Guild) -> None:
        async with self.bot.services.cache.writing(guild.id) as tx:
            await guild_repo.mark_joined(tx, guild.id, self.bot.clock.now())
        log.info("joined guild %s", guild.id)

    async def left(self, guild: discord.Guild) -> None:
        async with self.bot.services.cache.writing(guild.id) as tx:
            await guild_repo.mark_left(tx, guild.id, self.bot.clock.now())
        log.info("left guild %s", guild.id)

    async def status(self, guild: discord.Guild) -> StatusReport:
        """Settings, tickets and what the bot is missing in ``guild``."""
        config = await self.config(guild.id)
        async with self.bot.db.reader() as conn:
            counts = await ticket_repo.count_by_status(conn, guild.id)
        me = guild.me
        have = me.guild_permissions if me is not None else discord.Permissions.none()
        return StatusReport(
            config=config, ticket_counts=counts, missing_permissions=missing_permissions(have)
        )

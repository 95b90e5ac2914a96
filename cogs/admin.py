"""``/tickets ...``: module administration. Thin: parse, call a service, render."""

from __future__ import annotations

import logging
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import messages
from bot.app import TicketDeskBot
from bot.domain.models import GroupMode, TicketStatus
from bot.errors import TicketDeskError
from bot.services.guilds import StatusReport
from bot.ui.replies import reply

log = logging.getLogger(__name__)


def require_guild(interaction: discord.Interaction) -> tuple[discord.Guild, discord.Member]:
    if interaction.guild is None or not isinstance(interaction.user, discord.Member):
        raise TicketDeskError(messages.NOT_IN_GUILD)
    return interaction.guild, interaction.user


def render_status(report: StatusReport) -> discord.Embed:
    embed = discord.Embed(title=messages.STATUS_TITLE, colour=discord.Colour.blurple())
    embed.add_field(
        name="Module", value=messages.STATUS_ENABLED if report.config.enabled else messages.STATUS_DISABLED
    )
    counts = report.ticket_counts
    embed.add_field(
        name="Tickets",
        value=f"{counts[TicketStatus.OPEN]} open, {counts[TicketStatus.CLOSED]} closed, "
        f"{counts[TicketStatus.DELETED]} deleted",
    )
    embed.add_field(
        name="Missing permissions",
        value=", ".join(report.missing_permissions)
        if report.missing_permissions
        else messages.STATUS_ALL_PERMISSIONS,
        inline=False,
    )
    for note in report.notes:
        embed.add_field(name="Note", value=note[:1024], inline=False)
    return embed


class Admin(commands.Cog):
    tickets = app_commands.Group(
        name="tickets",
        description="Set up and look after the ticket module",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot

    @tickets.command(name="status", description="Settings, tickets and anything misconfigured")
    async def status(self, interaction: discord.Interaction) -> None:
        guild, member = require_guild(interaction)
        services = self.bot.services
        services.access.require_admin(member, await services.guilds.config(guild.id))
        report = await services.guilds.status(guild)
        await reply(interaction, embed=render_status(report))

    @tickets.command(name="setup", description="Create what a working setup is missing and post a panel")
    @app_commands.describe(
        channel="Where the panel goes (default: here)",
        support_role="The role that works tickets (default: a new one)",
        mode="Private channels (default) or private threads",
    )
    async def setup(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel | None = None,
        support_role: discord.Role | None = None,
        mode: Literal["channel", "thread"] = "channel",
    ) -> None:
        guild, member = require_guild(interaction)
        target = channel or interaction.channel
        if not isinstance(target, discord.TextChannel):
            raise TicketDeskError(messages.NOT_A_TEXT_CHANNEL.format(name="this channel"))
        await interaction.response.defer(ephemeral=True, thinking=True)
        report = await self.bot.services.setup.quick_setup(
            member, guild, target, support_role=support_role, mode=GroupMode(mode)
        )
        await reply(
            interaction,
            messages.SETUP_DONE.format(
                created=", ".join(report.created) or messages.SETUP_NOTHING,
                existing=", ".join(report.existing) or messages.SETUP_NOTHING,
                panel=report.panel_url,
            ),
        )

    @tickets.command(name="sync", description="Reconcile tickets, channels and roles with Discord now")
    async def sync(self, interaction: discord.Interaction) -> None:
        guild, member = require_guild(interaction)
        services = self.bot.services
        services.access.require_admin(member, await services.guilds.config(guild.id))
        await interaction.response.defer(ephemeral=True, thinking=True)
        report = await services.sync.sync_guild(guild)
        await services.audit.event(
            guild_id=guild.id, action="sync", actor_id=member.id, detail={"report": report.describe()}
        )
        await reply(interaction, messages.SYNC_DONE.format(report=report.describe()))

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """Reconcile what changed while the bot was away, then start the scheduler (due work runs now)."""
        for guild in self.bot.guilds:
            try:
                report = await self.bot.services.sync.sync_guild(guild)
            except discord.HTTPException as exc:
                log.warning("start-up sync of guild %s failed: %s", guild.id, exc)
                continue
            log.info("guild %s synced at start-up: %s", guild.id, report.describe())
        await self.bot.services.archive.retry_pending()
        self.bot.services.scheduler.start()

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self.bot.services.guilds.joined(guild)

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        await self.bot.services.guilds.left(guild)


async def setup(bot: TicketDeskBot) -> None:
    await bot.add_cog(Admin(bot))

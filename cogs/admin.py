"""``/tickets ...``: module administration. Thin: parse, call a service, render."""

from __future__ import annotations

import io
import logging
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import messages
from bot.app import TicketDeskBot
from bot.domain.models import GroupMode, TicketStatus
from bot.domain.stats import median_duration
from bot.domain.text import clip
from bot.errors import TicketDeskError
from bot.services.guilds import StatusReport
from bot.services.stats import Stats
from bot.ui.base import Confirm, bot_of
from bot.ui.replies import reply

log = logging.getLogger(__name__)


def require_guild(interaction: discord.Interaction) -> tuple[discord.Guild, discord.Member]:
    if interaction.guild is None or not isinstance(interaction.user, discord.Member):
        raise TicketDeskError(messages.NOT_IN_GUILD)
    return interaction.guild, interaction.user


def render_status(report: StatusReport) -> discord.Embed:
    embed = discord.Embed(title=messages.STATUS_TITLE, colour=discord.Colour.blurple())
    config = report.config
    embed.add_field(
        name="Module", value=messages.STATUS_ENABLED if config.enabled else messages.STATUS_DISABLED
    )
    counts = report.ticket_counts
    embed.add_field(
        name="Tickets",
        value=f"{counts[TicketStatus.OPEN]} open, {counts[TicketStatus.CLOSED]} closed, "
        f"{counts[TicketStatus.DELETED]} deleted",
    )
    embed.add_field(name="Channels", value=f"{report.channels} of 500")
    roles = ", ".join(f"<@&{r}>" for r in config.admin_role_ids) or "Manage Server only"
    staff = ", ".join(f"<@&{r}>" for r in config.staff_role_ids) or "the groups' support roles"
    embed.add_field(name="Admins · staff", value=clip(f"{roles} · {staff}", 1024), inline=False)
    embed.add_field(
        name="Missing permissions",
        value=", ".join(report.missing_permissions)
        if report.missing_permissions
        else messages.STATUS_ALL_PERMISSIONS,
        inline=False,
    )
    embed.add_field(name="Groups", value=clip("\n".join(report.groups) or "none", 1024), inline=False)
    embed.add_field(name="Panels", value=clip("\n".join(report.panels) or "none", 1024), inline=False)
    embed.add_field(
        name="Problems",
        value=clip("\n".join(f"• {n}" for n in report.notes) or "none found", 1024),
        inline=False,
    )
    return embed


def render_stats(stats: Stats) -> discord.Embed:
    rows = stats.rows
    embed = discord.Embed(
        title=messages.STATS_TITLE.format(period=stats.period), colour=discord.Colour.blurple()
    )
    embed.add_field(name="Open now", value=str(rows.open_now))
    embed.add_field(name="Opened", value=str(rows.created))
    embed.add_field(name="Closed", value=str(rows.closed))
    embed.add_field(name="Median first staff response", value=median_duration(rows.first_response_seconds))
    embed.add_field(name="Median time to close", value=median_duration(rows.resolution_seconds))
    summary = stats.ratings
    if summary.count:
        spread = " · ".join(f"{level + 1}: {count}" for level, count in summary.distribution.items())
        embed.add_field(name="Ratings", value=f"{summary.count}, average {summary.average:.2f} ({spread})")
    else:
        embed.add_field(name="Ratings", value="none")
    groups = [
        f"**{clip(stats.group_names.get(g, 'deleted group'), 40)}**: {c} opened, {x} closed, {o} open"
        for g, c, x, o in rows.per_group
    ]
    embed.add_field(name="Per group", value=clip("\n".join(groups) or "—", 1024), inline=False)
    staff = [
        f"<@{uid}>: {closes} closed, {claims} claimed, {first} first responses"
        for uid, closes, claims, first in rows.per_staff[:15]
    ]
    embed.add_field(name="Per staff member", value=clip("\n".join(staff) or "—", 1024), inline=False)
    if stats.chart:
        embed.set_image(url="attachment://tickets-per-day.png")
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

    @tickets.command(name="settings", description="Server-wide ticket admins, staff and log channel")
    @app_commands.describe(
        admin_roles="Roles that configure tickets (besides Manage Server): mentions, ids or names, or none",
        staff_roles="Roles that work every group's tickets: mentions, ids or names, or none",
        log_channel="Where every ticket action is logged (a group's own log channel wins)",
        clear_log_channel="Stop logging to the server-wide log channel",
    )
    async def settings(
        self,
        interaction: discord.Interaction,
        admin_roles: str | None = None,
        staff_roles: str | None = None,
        log_channel: discord.TextChannel | None = None,
        clear_log_channel: bool = False,
    ) -> None:
        _, member = require_guild(interaction)
        config = await self.bot.services.guilds.update_settings(
            member,
            admin_roles=admin_roles,
            staff_roles=staff_roles,
            log_channel=log_channel,
            clear_log_channel=clear_log_channel,
        )
        admins = ", ".join(f"<@&{r}>" for r in config.admin_role_ids) or "Manage Server only"
        staff = ", ".join(f"<@&{r}>" for r in config.staff_role_ids) or "the groups' support roles"
        log_text = f"<#{config.log_channel_id}>" if config.log_channel_id else "none"
        await reply(interaction, messages.SETTINGS_SAVED.format(admins=admins, staff=staff, log=log_text))

    @tickets.command(name="enable", description="Let members open tickets again")
    async def enable(self, interaction: discord.Interaction) -> None:
        _, member = require_guild(interaction)
        await self.bot.services.guilds.set_enabled(member, True)
        await reply(interaction, messages.ENABLED)

    @tickets.command(name="disable", description="Stop new tickets (existing ones keep working for staff)")
    async def disable(self, interaction: discord.Interaction) -> None:
        _, member = require_guild(interaction)
        await self.bot.services.guilds.set_enabled(member, False)
        await reply(interaction, messages.DISABLED)

    @tickets.command(name="purge", description="Delete all of TicketDesk's data for this server (asks first)")
    async def purge(self, interaction: discord.Interaction, confirm: bool) -> None:
        guild, member = require_guild(interaction)
        services = self.bot.services
        services.access.require_admin(member, await services.guilds.config(guild.id))
        if not confirm:
            await reply(interaction, messages.PURGE_NOT_CONFIRMED)
            return

        async def purge(confirmed: discord.Interaction) -> str:
            purged = await bot_of(confirmed).services.guilds.purge(member)
            return messages.PURGED.format(tickets=purged.tickets, files=purged.files)

        await reply(
            interaction,
            messages.PURGE_CONFIRM,
            view=Confirm(member.id, "Delete everything", purge, working="Deleting…"),
        )

    @tickets.command(name="stats", description="Ticket numbers, response times, staff and ratings")
    @app_commands.describe(period="7d, 30d, 90d, any duration, or all (default)")
    async def stats(
        self, interaction: discord.Interaction, period: app_commands.Range[str, 1, 20] | None = None
    ) -> None:
        _, member = require_guild(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        stats = await self.bot.services.stats.stats(member, period)
        files = [discord.File(io.BytesIO(stats.chart), "tickets-per-day.png")] if stats.chart else []
        await reply(interaction, embed=render_stats(stats), files=files)

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

"""``/tickets ...``: module administration. Thin: parse, call a service, render."""

from __future__ import annotations

import io
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot import messages
from bot.app import TicketDeskBot
from bot.domain.models import GroupMode
from bot.errors import InvalidInput, TicketDeskError
from bot.flows.context import member_of
from bot.render import settings_io as settings_io_render
from bot.render.admin import CHART_NAME, blacklist_embed, settings_saved, stats_embed, status_embed
from bot.render.base import Confirm
from bot.render.replies import acknowledge, reply
from cogs.base import DeskCog, languages, options

log = logging.getLogger(__name__)


def _one_target(member: discord.User | None, role: discord.Role | None) -> discord.User | discord.Role:
    if (member is None) == (role is None):
        raise InvalidInput(messages.BLACKLIST_NEED_ONE)
    return member if member is not None else role  # type: ignore[return-value]


class Admin(DeskCog):
    tickets = app_commands.Group(
        name="tickets",
        description="Set up and look after the ticket module",
        guild_only=True,
    )

    blacklist = app_commands.Group(
        name="blacklist", description="Members and roles kept from opening tickets", parent=tickets
    )

    @blacklist.command(name="add", description="Keep a member or a role from opening tickets")
    @app_commands.describe(
        member="The member (or name a role)",
        role="The role (or name a member)",
        reason="Why; the member sees it only if show_reason is on",
        expires="Lift it after e.g. 30d, or at a date (default: until removed)",
        show_reason="Tell them the reason when they try to open a ticket",
    )
    async def blacklist_add(
        self,
        interaction: discord.Interaction,
        member: discord.User | None = None,
        role: discord.Role | None = None,
        reason: app_commands.Range[str, 1, 300] | None = None,
        expires: app_commands.Range[str, 1, 40] | None = None,
        show_reason: bool = False,
    ) -> None:
        _, actor = member_of(interaction)
        target = _one_target(member, role)
        entry = await self.services.blacklist.add(
            actor, target, reason=reason, expires=expires, show_reason=show_reason
        )
        until = (
            messages.BLACKLIST_ADDED_UNTIL.format(when=f"<t:{int(entry.expires_at.timestamp())}:f>")
            if entry.expires_at
            else ""
        )
        await reply(interaction, messages.BLACKLIST_ADDED.format(target=target.mention, until=until))

    @blacklist.command(name="remove", description="Let a member or a role open tickets again")
    async def blacklist_remove(
        self,
        interaction: discord.Interaction,
        member: discord.User | None = None,
        role: discord.Role | None = None,
    ) -> None:
        _, actor = member_of(interaction)
        target = _one_target(member, role)
        await self.services.blacklist.remove(actor, target)
        await reply(interaction, messages.BLACKLIST_REMOVED.format(target=target.mention))

    @blacklist.command(name="list", description="Who cannot open tickets, why and until when")
    async def blacklist_list(self, interaction: discord.Interaction) -> None:
        _, actor = member_of(interaction)
        await reply(interaction, embed=blacklist_embed(self.services.blacklist.list_for(actor)))

    @tickets.command(name="status", description="Settings, tickets and anything misconfigured")
    async def status(self, interaction: discord.Interaction) -> None:
        _, member = member_of(interaction)
        report = await self.services.guilds.status(member)
        await reply(interaction, embed=status_embed(report))

    @tickets.command(name="settings", description="Server-wide ticket admins, staff and log channel")
    @app_commands.describe(
        admin_roles="Roles that configure tickets (besides Manage Server): mentions, ids or names, or none",
        staff_roles="Roles that work every group's tickets: mentions, ids or names, or none",
        log_channel="Where every ticket action is logged (a group's own log channel wins)",
        clear_log_channel="Stop logging to the server-wide log channel",
        language="The language of tickets, panels, the log and transcripts (answers follow each member's)",
    )
    @app_commands.choices(language=languages())
    async def settings(
        self,
        interaction: discord.Interaction,
        admin_roles: str | None = None,
        staff_roles: str | None = None,
        log_channel: discord.TextChannel | None = None,
        clear_log_channel: bool = False,
        language: str | None = None,
    ) -> None:
        _, member = member_of(interaction)
        config = await self.services.guilds.update_settings(
            member,
            admin_roles=admin_roles,
            staff_roles=staff_roles,
            log_channel=log_channel,
            clear_log_channel=clear_log_channel,
            language=language,
        )
        await reply(interaction, settings_saved(config, self.services.cache.language(member.guild)))

    @tickets.command(name="enable", description="Let members open tickets again")
    async def enable(self, interaction: discord.Interaction) -> None:
        _, member = member_of(interaction)
        await self.services.guilds.set_enabled(member, True)
        await reply(interaction, messages.ENABLED)

    @tickets.command(name="disable", description="Stop new tickets (existing ones keep working for staff)")
    async def disable(self, interaction: discord.Interaction) -> None:
        _, member = member_of(interaction)
        await self.services.guilds.set_enabled(member, False)
        await reply(interaction, messages.DISABLED)

    @tickets.command(name="purge", description="Delete all of TicketDesk's data for this server (asks first)")
    async def purge(self, interaction: discord.Interaction, confirm: bool) -> None:
        _, member = member_of(interaction)
        guilds = self.services.guilds
        await guilds.check_purge(member)
        if not confirm:
            await reply(interaction, messages.PURGE_NOT_CONFIRMED)
            return

        async def purge(confirmed: discord.Interaction) -> str:
            _, pressed_by = member_of(confirmed)  # authorised as they are now, not when asked
            purged = await guilds.purge(pressed_by)
            return messages.PURGED.format(tickets=purged.tickets, files=purged.files)

        await reply(
            interaction,
            messages.PURGE_CONFIRM,
            view=Confirm(member.id, messages.DELETE_EVERYTHING, purge, working=messages.DELETING),
        )

    @tickets.command(name="stats", description="Ticket numbers, response times, staff and ratings")
    @app_commands.describe(period="7d, 30d, 90d, any duration, or all (default)")
    async def stats(
        self, interaction: discord.Interaction, period: app_commands.Range[str, 1, 20] | None = None
    ) -> None:
        _, member = member_of(interaction)
        await acknowledge(interaction)
        stats = await self.services.stats.stats(member, period)
        files = [discord.File(io.BytesIO(stats.chart), CHART_NAME)] if stats.chart else []
        await reply(interaction, embed=stats_embed(stats), files=files)

    @tickets.command(name="setup", description="Create what a working setup is missing and post a panel")
    @app_commands.describe(
        channel="Where the panel goes (default: here)",
        support_role="The role that works tickets (default: a new one)",
        mode="Private channels (default) or private threads",
    )
    @app_commands.choices(mode=options("channel", "thread"))
    async def setup(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel | None = None,
        support_role: discord.Role | None = None,
        mode: str = "channel",
    ) -> None:
        guild, member = member_of(interaction)
        target = channel or interaction.channel
        if not isinstance(target, discord.TextChannel):
            raise TicketDeskError(messages.NOT_A_TEXT_CHANNEL.format(name=messages.THIS_CHANNEL))
        await acknowledge(interaction)
        report = await self.services.setup.quick_setup(
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
        _, member = member_of(interaction)
        await acknowledge(interaction)
        report = await self.services.sync.sync_by(member)
        await reply(interaction, messages.SYNC_DONE.format(report=report.describe()))

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self.services.guilds.joined(guild)

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        await self.services.guilds.left(guild)

    @tickets.command(name="export", description="This server's ticket configuration as a JSON file")
    async def export_settings(self, interaction: discord.Interaction) -> None:
        _, member = member_of(interaction)
        done = await self.services.settings_io.export(member)
        shown = settings_io_render.exported(done.text, done.filename, done.counts, done.importable)
        await reply(interaction, shown.content, files=shown.files)

    @tickets.command(
        name="import",
        description="Replace the ticket configuration with an exported file (shows the changes first)",
    )
    @app_commands.describe(file="A JSON file /tickets export made")
    async def import_settings(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        _, member = member_of(interaction)
        service = self.services.settings_io
        found = await service.preview(member, file)
        if found.problems or found.plan is None:
            shown = settings_io_render.problems(found.problems, found.total_problems)
        elif not found.ready:
            shown = settings_io_render.nothing_to_change(found.plan)
        else:
            shown = settings_io_render.preview(
                found.plan, filename=file.filename, loses_admin=found.loses_admin
            )

            async def go(confirmed: discord.Interaction) -> str:
                _, pressed_by = member_of(confirmed)  # authorised as they are now, not when asked
                done = await service.apply(pressed_by, found)
                return settings_io_render.imported(done.diff, done.kept, done.refreshed, done.removed_posts)

            view = Confirm(member.id, messages.IO_CONFIRM, go, working=messages.IO_IMPORTING)
            await reply(interaction, shown.content, embed=shown.embed, files=shown.files, view=view)
            return
        extra = {"embed": shown.embed} if shown.embed is not None else {}
        await reply(interaction, shown.content, files=shown.files, **extra)


async def setup(bot: TicketDeskBot) -> None:
    await bot.add_cog(Admin(bot))

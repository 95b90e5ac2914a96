"""Guild-level operations: settings, enable/disable, the status doctor, joining, leaving and purging."""

from __future__ import annotations

import asyncio
import logging
import shutil
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

import discord

from bot import messages
from bot.domain.models import GroupMode, GuildConfig, TicketGroup, TicketStatus
from bot.domain.placement import CATEGORY_FULL_AT, GUILD_FULL_AT
from bot.errors import Conflict
from bot.services import resolve
from bot.services.audit import record
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
CATEGORY_NEEDS = discord.Permissions(view_channel=True, manage_channels=True, manage_roles=True)
PARENT_NEEDS = discord.Permissions(
    view_channel=True, create_private_threads=True, send_messages_in_threads=True, manage_threads=True
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
    groups: list[str] = field(default_factory=list)
    panels: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    channels: int = 0


@dataclass(slots=True)
class Purged:
    tickets: int
    files: int


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
        log.info(
            "left guild %s; its data is deleted after %s days", guild.id, self.bot.settings.purge_grace_days
        )

    async def set_enabled(self, actor: discord.Member, enabled: bool) -> None:
        guild = actor.guild
        self.bot.services.access.require_admin(actor, await self.config(guild.id))
        now = self.bot.clock.now()
        async with self.bot.services.cache.writing(guild.id) as tx:
            await guild_repo.ensure(tx, guild.id, now)
            changed = await guild_repo.set_enabled(tx, guild.id, enabled, now)
            await record(
                tx,
                guild_id=guild.id,
                action="module.enable" if enabled else "module.disable",
                now=now,
                actor_id=actor.id,
                allowed=changed,
                reason=None if changed else "already",
            )
        if not changed:
            raise Conflict(messages.ALREADY_ENABLED if enabled else messages.ALREADY_DISABLED)

    async def update_settings(
        self,
        actor: discord.Member,
        *,
        admin_roles: str | None = None,
        staff_roles: str | None = None,
        log_channel: discord.abc.GuildChannel | None = None,
        clear_log_channel: bool = False,
    ) -> GuildConfig:
        """The server-wide ticket admins, staff and log channel (admins only)."""
        guild = actor.guild
        self.bot.services.access.require_admin(actor, await self.config(guild.id))
        admins = resolve.roles(guild, admin_roles) if admin_roles is not None else None
        staff = resolve.roles(guild, staff_roles) if staff_roles is not None else None
        channel_id = resolve.text_channel(log_channel)
        now = self.bot.clock.now()
        async with self.bot.services.cache.writing(guild.id) as tx:
            await guild_repo.ensure(tx, guild.id, now)
            await guild_repo.update_roles(tx, guild.id, now, admin_role_ids=admins, staff_role_ids=staff)
            if channel_id is not None or clear_log_channel:
                await guild_repo.set_log_channel(tx, guild.id, channel_id, now)
            await record(
                tx,
                guild_id=guild.id,
                action="settings",
                now=now,
                actor_id=actor.id,
                detail={"admin_roles": admins, "staff_roles": staff, "log_channel_id": channel_id},
            )
        return await self.config(guild.id)

    # -- purging -------------------------------------------------------------------------------------

    async def purge(self, actor: discord.Member) -> Purged:
        """Everything TicketDesk keeps for the actor's guild, after the admin confirmed."""
        self.bot.services.access.require_admin(actor, await self.config(actor.guild.id))
        purged = await self.purge_data(actor.guild.id)
        log.info(
            "guild %s purged by an admin (%s tickets, %s files)", actor.guild.id, purged.tickets, purged.files
        )
        return purged

    async def purge_data(self, guild_id: int) -> Purged:
        async with self.bot.db.reader() as conn:
            uuids = [t.uuid for t in await ticket_repo.in_status(conn, list(TicketStatus), guild_id)]
        async with self.bot.services.cache.writing(guild_id) as tx:
            await guild_repo.delete(tx, guild_id)
        files = 0
        for uuid in uuids:
            for root in (
                self.bot.settings.data_dir / "attachments",
                self.bot.settings.data_dir / "transcripts",
            ):
                folder = root / uuid
                if folder.exists():
                    files += sum(1 for p in folder.iterdir() if p.is_file())
                    await asyncio.to_thread(shutil.rmtree, folder, True)
        await self.bot.db.checkpoint()
        return Purged(len(uuids), files)

    async def purge_departed(self) -> int:
        """Delete the data of guilds the bot left more than the grace period ago."""
        cutoff = self.bot.clock.now() - timedelta(days=self.bot.settings.purge_grace_days)
        async with self.bot.db.reader() as conn:
            departed = [
                g for g in await guild_repo.list_all(conn) if g.left_at is not None and g.left_at <= cutoff
            ]
        for config in departed:
            if self.bot.get_guild(config.guild_id) is not None:
                continue  # back already; on_guild_join clears left_at
            await self.purge_data(config.guild_id)
            log.info(
                "guild %s: data deleted %s days after the bot left",
                config.guild_id,
                self.bot.settings.purge_grace_days,
            )
        return len(departed)

    # -- the doctor ----------------------------------------------------------------------------------

    async def status(self, guild: discord.Guild) -> StatusReport:
        """Settings, tickets, what the bot is missing, and every misconfiguration found."""
        config = await self.config(guild.id)
        async with self.bot.db.reader() as conn:
            counts = await ticket_repo.count_by_status(conn, guild.id)
        me = guild.me
        have = me.guild_permissions if me is not None else discord.Permissions.none()
        report = StatusReport(config, counts, missing_permissions(have), channels=len(guild.channels))
        groups = await self.bot.services.groups.list(guild.id)
        if not groups:
            report.notes.append("No ticket groups yet: run /tickets setup, or /group create.")
        if len(guild.channels) >= GUILD_FULL_AT - 20:
            report.notes.append(f"The server has {len(guild.channels)} of Discord's 500 channels.")
        for group in groups:
            report.groups.append(self._group_line(guild, group, config, report))
        for panel in await self.bot.services.panels.list(guild.id):
            state = "not posted"
            if panel.message_id:
                message = await self.bot.services.panels.posted_message(guild, panel)
                state = (
                    f"posted in <#{panel.channel_id}>"
                    if message
                    else "its message was deleted: /panel post again"
                )
                if message is None:
                    report.notes.append(f"Panel “{panel.name}”: its message was deleted.")
            dead = [e for e in panel.entries if all(g.id != e.group_id for g in groups)]
            report.panels.append(
                f"“{panel.name}” ({panel.kind}, {len(panel.entries)} entries): {state}"
                + (f"; {len(dead)} entries point to deleted groups" if dead else "")
            )
        if not config.enabled:
            report.notes.append(messages.STATUS_DISABLED)
        return report

    def _group_line(
        self, guild: discord.Guild, group: TicketGroup, config: GuildConfig, report: StatusReport
    ) -> str:
        problems: list[str] = []
        me = guild.me
        places: list[str] = []
        if group.mode is GroupMode.THREAD:
            parent = guild.get_channel(group.parent_channel_id or 0)
            if not isinstance(parent, discord.TextChannel):
                problems.append("its parent channel is gone")
            else:
                places.append(f"threads in {parent.mention}")
                lacking = missing_permissions(parent.permissions_for(me), PARENT_NEEDS) if me else []
                if lacking:
                    problems.append(f"in {parent.mention} I lack {', '.join(lacking)}")
        else:
            usable = 0
            for category_id in group.category_ids:
                category = guild.get_channel(category_id)
                if not isinstance(category, discord.CategoryChannel):
                    problems.append(f"category {category_id} is gone")
                    continue
                count = len(category.channels)
                usable += max(0, CATEGORY_FULL_AT - count)
                places.append(f"{category.name} {count}/{CATEGORY_FULL_AT}")
                lacking = missing_permissions(category.permissions_for(me), CATEGORY_NEEDS) if me else []
                if lacking:
                    problems.append(f"in {category.name} I lack {', '.join(lacking)}")
            if group.category_ids and usable < 5:
                problems.append(f"only {usable} free place(s) left in its categories: add a category")
            if not group.category_ids:
                places.append("no category (channels open at the top of the server)")
        for name in (
            "closed_category_id",
            "locked_category_id",
            "assigned_category_id",
            "transcript_channel_id",
            "form_channel_id",
            "feedback_channel_id",
            "log_channel_id",
        ):
            value = getattr(group, name)
            if value and guild.get_channel(value) is None:
                problems.append(f"its {name.removesuffix('_id').replace('_', ' ')} is gone")
        missing_roles = [r for r in group.support_role_ids if guild.get_role(r) is None]
        if missing_roles:
            problems.append(f"{len(missing_roles)} support role(s) are gone")
        if not group.support_role_ids and not config.staff_role_ids:
            problems.append("no support role: only admins can work its tickets")
        for problem in problems:
            report.notes.append(f"Group “{group.name}”: {problem}.")
        summary = f"**{group.name}** ({group.mode}): {', '.join(places) or '—'}"
        return summary + (f" — {len(problems)} problem(s)" if problems else " — ok")

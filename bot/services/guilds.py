"""Guild-level operations: settings, enable/disable, the status doctor, joining, leaving and purging."""

from __future__ import annotations

import asyncio
import logging
import shutil
from dataclasses import KW_ONLY, dataclass
from datetime import timedelta
from pathlib import Path

import discord

from bot import i18n, messages
from bot.clock import Clock
from bot.domain.models import (
    GROUP_CHANNELS,
    GroupMode,
    GuildConfig,
    PingOn,
    TicketGroup,
    TicketStatus,
)
from bot.domain.placement import CATEGORY_FULL_AT, GUILD_FULL_AT
from bot.domain.status import StatusReport
from bot.errors import Conflict, InvalidInput
from storage import Connection, Database
from storage import guilds as guild_repo
from storage import tickets as ticket_repo
from storage.events import record

from . import resolve
from .access import Access
from .cache import ConfigCache
from .panels import PanelService
from .permissions import CATEGORY_NEEDS, PARENT_NEEDS, missing_permissions, ping_targets, unpingable

log = logging.getLogger(__name__)
AUTO_LANGUAGE = "auto"  # /tickets settings language: follow the server's Discord language


@dataclass(slots=True)
class Purged:
    tickets: int
    files: int


@dataclass(eq=False)
class GuildService:
    client: discord.Client
    db: Database
    clock: Clock
    cache: ConfigCache
    access: Access
    panels: PanelService
    _: KW_ONLY
    file_roots: list[Path]
    purge_grace_days: int

    def config(self, guild_id: int) -> GuildConfig:
        """The guild's settings (the defaults until an admin changes one)."""
        return self.cache.guild(guild_id)

    async def joined(self, guild: discord.Guild) -> None:
        await self.db.write(guild_repo.mark_joined, guild.id, self.clock.now())
        log.info("joined guild %s", guild.id)

    async def left(self, guild: discord.Guild) -> None:
        await self.db.write(guild_repo.mark_left, guild.id, self.clock.now())
        log.info("left guild %s; its data is deleted after %s days", guild.id, self.purge_grace_days)

    async def set_enabled(self, actor: discord.Member, enabled: bool) -> None:
        guild = actor.guild
        self.access.require_admin(actor)
        now = self.clock.now()

        def switch(tx: Connection) -> bool:
            guild_repo.ensure(tx, guild.id, now)
            changed = guild_repo.set_enabled(tx, guild.id, enabled, now)
            record(
                tx,
                guild_id=guild.id,
                action="module.enable" if enabled else "module.disable",
                now=now,
                actor_id=actor.id,
                allowed=changed,
                reason=None if changed else "already",
            )
            return changed

        if not await self.db.write(switch):
            raise Conflict(messages.ALREADY_ENABLED if enabled else messages.ALREADY_DISABLED)

    async def update_settings(
        self,
        actor: discord.Member,
        *,
        admin_roles: str | None = None,
        staff_roles: str | None = None,
        log_channel: discord.abc.GuildChannel | None = None,
        clear_log_channel: bool = False,
        language: str | None = None,
    ) -> GuildConfig:
        """The server-wide ticket admins, staff, log channel and language (admins only); ``language``
        ``AUTO_LANGUAGE`` follows the server's Discord language."""
        guild = actor.guild
        self.access.require_admin(actor)
        if language is not None and language != AUTO_LANGUAGE and language not in i18n.shipped():
            raise InvalidInput(messages.LANGUAGE_UNKNOWN.format(languages=", ".join(i18n.shipped())))
        admins = resolve.roles(guild, admin_roles) if admin_roles is not None else None
        staff = resolve.roles(guild, staff_roles) if staff_roles is not None else None
        channel_id = resolve.text_channel(log_channel)
        now = self.clock.now()

        def settle(tx: Connection) -> None:
            guild_repo.ensure(tx, guild.id, now)
            guild_repo.update_roles(tx, guild.id, now, admin_role_ids=admins, staff_role_ids=staff)
            if channel_id is not None or clear_log_channel:
                guild_repo.set_log_channel(tx, guild.id, channel_id, now)
            if language is not None:
                guild_repo.set_language(tx, guild.id, None if language == AUTO_LANGUAGE else language, now)
            record(
                tx,
                guild_id=guild.id,
                action="settings",
                now=now,
                actor_id=actor.id,
                detail={
                    "admin_roles": admins,
                    "staff_roles": staff,
                    "log_channel_id": channel_id,
                    "language": language,
                },
            )

        await self.db.write(settle)
        return self.config(guild.id)

    # -- purging -------------------------------------------------------------------------------------

    async def check_purge(self, actor: discord.Member) -> None:
        """Only ticket admins may purge (checked again when the confirmation is pressed)."""
        self.access.require_admin(actor)

    async def purge(self, actor: discord.Member) -> Purged:
        """Everything TicketDesk keeps for the actor's guild, after the admin confirmed."""
        self.access.require_admin(actor)
        purged = await self.purge_data(actor.guild.id)
        log.info(
            "guild %s purged by an admin (%s tickets, %s files)", actor.guild.id, purged.tickets, purged.files
        )
        return purged

    async def purge_data(self, guild_id: int) -> Purged:
        uuids = [t.uuid for t in await self.db.read(ticket_repo.in_status, list(TicketStatus), guild_id)]
        await self.db.write(guild_repo.delete, guild_id)
        files = 0
        for uuid in uuids:
            for root in self.file_roots:
                folder = root / uuid
                if folder.exists():
                    files += sum(1 for p in folder.iterdir() if p.is_file())
                    await asyncio.to_thread(shutil.rmtree, folder, True)
        await self.db.checkpoint()
        return Purged(len(uuids), files)

    async def purge_departed(self) -> int:
        """Delete the data of guilds the bot left more than the grace period ago."""
        cutoff = self.clock.now() - timedelta(days=self.purge_grace_days)
        departed = self.cache.departed(cutoff)
        for config in departed:
            if self.client.get_guild(config.guild_id) is not None:
                continue  # back already; on_guild_join clears left_at
            await self.purge_data(config.guild_id)
            log.info(
                "guild %s: data deleted %s days after the bot left", config.guild_id, self.purge_grace_days
            )
        return len(departed)

    # -- the doctor ----------------------------------------------------------------------------------

    async def status(self, actor: discord.Member) -> StatusReport:
        """Settings, tickets, what the bot is missing, and every misconfiguration found (admins only)."""
        config = self.access.require_admin(actor)
        guild = actor.guild
        counts = await self.db.read(ticket_repo.count_by_status, guild.id)
        me = guild.me
        have = me.guild_permissions if me is not None else discord.Permissions.none()
        report = StatusReport(config, counts, missing_permissions(have), channels=len(guild.channels))
        groups = self.cache.groups(guild.id)
        if not groups:
            report.notes.append(messages.STATUS_NO_GROUPS)
        if len(guild.channels) >= GUILD_FULL_AT - 20:
            report.notes.append(messages.STATUS_CHANNELS_NEAR_LIMIT.format(count=len(guild.channels)))
        for group in groups:
            report.groups.append(self._group_line(guild, group, config, report))
        for panel in self.panels.list(guild.id):
            state = messages.NOT_POSTED
            if panel.message_id:
                message = await self.panels.posted_message(guild, panel)
                state = (
                    messages.POSTED_IN.format(channel=f"<#{panel.channel_id}>")
                    if message
                    else messages.PANEL_MESSAGE_DELETED_STATE
                )
                if message is None:
                    report.notes.append(messages.STATUS_PANEL_DELETED.format(name=panel.name))
            dead = [e for e in panel.entries if all(g.id != e.group_id for g in groups)]
            report.panels.append(
                messages.STATUS_PANEL_LINE.format(
                    name=panel.name,
                    kind=messages.PANEL_KIND_WORDS[panel.kind],
                    entries=len(panel.entries),
                    state=state,
                )
                + (messages.STATUS_DEAD_ENTRIES.format(count=len(dead)) if dead else "")
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
                problems.append(messages.PROBLEM_PARENT_GONE)
            else:
                places.append(messages.STATUS_THREADS_IN.format(channel=parent.mention))
                lacking = missing_permissions(parent.permissions_for(me), PARENT_NEEDS) if me else []
                if lacking:
                    problems.append(
                        messages.PROBLEM_LACKING.format(place=parent.mention, lacking=", ".join(lacking))
                    )
        else:
            usable = 0
            for category_id in group.category_ids:
                category = guild.get_channel(category_id)
                if not isinstance(category, discord.CategoryChannel):
                    problems.append(messages.PROBLEM_CATEGORY_GONE.format(id=category_id))
                    continue
                count = len(category.channels)
                usable += max(0, CATEGORY_FULL_AT - count)
                places.append(f"{category.name} {count}/{CATEGORY_FULL_AT}")
                lacking = missing_permissions(category.permissions_for(me), CATEGORY_NEEDS) if me else []
                if lacking:
                    problems.append(
                        messages.PROBLEM_LACKING.format(place=category.name, lacking=", ".join(lacking))
                    )
            if group.category_ids and usable < 5:
                problems.append(messages.PROBLEM_FEW_PLACES.format(count=usable))
            if not group.category_ids:
                places.append(messages.GROUP_NO_CATEGORY_TOP)
        for name in GROUP_CHANNELS[1:]:
            value = getattr(group, name)
            if value and guild.get_channel(value) is None:
                problems.append(messages.PROBLEM_CHANNEL_GONE.format(what=messages.GROUP_CHANNEL_WORDS[name]))
        missing_roles = [r for r in group.support_role_ids if guild.get_role(r) is None]
        if missing_roles:
            problems.append(messages.PROBLEM_ROLES_GONE.format(count=len(missing_roles)))
        if not group.support_role_ids and not config.staff_role_ids:
            problems.append(messages.PROBLEM_NO_SUPPORT_ROLE)
        if group.ping_on is not PingOn.NEVER:
            silent = unpingable(guild, ping_targets(guild, group))
            if silent:
                problems.append(
                    messages.PROBLEM_UNPINGABLE.format(roles=", ".join(r.mention for r in silent))
                )
        for problem in problems:
            report.notes.append(messages.STATUS_GROUP_PROBLEM.format(group=group.name, problem=problem))
        summary = f"**{group.name}** ({group.mode}): {', '.join(places) or '—'}"
        return summary + (
            messages.STATUS_PROBLEMS.format(count=len(problems)) if problems else messages.STATUS_OK
        )

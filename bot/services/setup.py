"""``/tickets setup``: create whatever a working default setup is missing, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import discord

from bot.domain.models import GroupMode, PanelKind
from bot.services.audit import record
from bot.services.opening import BOT_ALLOW, staff_overwrite
from storage import guilds as guild_repo

if TYPE_CHECKING:
    from bot.app import TicketDeskBot

SUPPORT_ROLE = "Ticket Support"
OPEN_CATEGORY = "Tickets"
CLOSED_CATEGORY = "Closed Tickets"
GROUP_NAME = "Support"
PANEL_NAME = "Support"


@dataclass(slots=True)
class SetupReport:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    panel_url: str | None = None


class SetupService:
    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot

    async def quick_setup(
        self,
        actor: discord.Member,
        guild: discord.Guild,
        channel: discord.TextChannel,
        *,
        support_role: discord.Role | None = None,
        mode: GroupMode = GroupMode.CHANNEL,
    ) -> SetupReport:
        services = self.bot.services
        config = await services.guilds.config(guild.id)
        services.access.require_admin(actor, config)
        report = SetupReport()

        role = support_role or discord.utils.find(
            lambda r: r.name.lower() == SUPPORT_ROLE.lower(), guild.roles
        )
        if role is None:
            role = await guild.create_role(name=SUPPORT_ROLE, reason=f"/tickets setup by {actor}")
            report.created.append(f"role {role.mention}")
        else:
            report.existing.append(f"role {role.mention}")

        group = await services.groups.find_optional(guild.id, GROUP_NAME)
        if group is None:
            open_category = closed_category = None
            if mode is GroupMode.CHANNEL:
                open_category = await self._category(guild, OPEN_CATEGORY, role, actor, report)
                closed_category = await self._category(guild, CLOSED_CATEGORY, role, actor, report)
            group = await services.groups.create_group(
                actor,
                guild,
                GROUP_NAME,
                mode=mode,
                category=open_category,
                parent_channel=channel if mode is GroupMode.THREAD else None,
                support_role=role,
            )
            if closed_category is not None:
                from bot.services.groups import GroupEdit

                group = await services.groups.edit_group(
                    actor, guild, group, GroupEdit(closed_category=closed_category)
                )
            report.created.append(f"group “{group.name}”")
        else:
            report.existing.append(f"group “{group.name}”")

        now = self.bot.clock.now()
        async with services.cache.writing(guild.id) as tx:
            current = await guild_repo.ensure(tx, guild.id, now)
            if current.default_group_id is None:
                await guild_repo.set_default_group(tx, guild.id, group.id, now)

        panel = await services.panels.find_optional(guild.id, PANEL_NAME)
        if panel is None:
            panel = await services.panels.create_panel(actor, guild, PANEL_NAME, PanelKind.BUTTON)
            panel = await services.panels.add_entry(actor, guild, panel, group)
            report.created.append(f"panel “{panel.name}”")
        else:
            report.existing.append(f"panel “{panel.name}”")
        message = await services.panels.posted_message(guild, panel)
        if message is None:
            posted = await services.panels.post_panel(actor, guild, panel, channel)
            message = posted.message
            report.created.append(f"panel message in {channel.mention}")
        else:
            report.existing.append(f"panel message in {message.channel.mention}")  # type: ignore[union-attr]
        report.panel_url = message.jump_url
        async with self.bot.db.transaction() as tx:
            await record(
                tx,
                guild_id=guild.id,
                action="setup",
                now=self.bot.clock.now(),
                actor_id=actor.id,
                detail={"created": report.created},
            )
        return report

    async def _category(
        self, guild: discord.Guild, name: str, role: discord.Role, actor: discord.Member, report: SetupReport
    ) -> discord.CategoryChannel:
        found = discord.utils.find(lambda c: c.name.lower() == name.lower(), guild.categories)
        if found is not None:
            report.existing.append(f"category “{found.name}”")
            return found
        category = await guild.create_category(
            name,
            overwrites={
                guild.default_role: discord.PermissionOverwrite(view_channel=False),
                guild.me: discord.PermissionOverwrite(**BOT_ALLOW),
                role: staff_overwrite(),
            },
            reason=f"/tickets setup by {actor}",
        )
        report.created.append(f"category “{category.name}”")
        return category

"""``/tickets setup``: create whatever a working default setup is missing, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field

import discord

from bot import messages
from bot.clock import Clock
from bot.domain.models import GroupMode, PanelKind

from .access import Access
from .audit import Audit
from .cache import ConfigCache
from .groups import GroupEdit, GroupService
from .panels import PanelService
from .permissions import category_overwrites

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


@dataclass(eq=False)
class SetupService:
    clock: Clock
    cache: ConfigCache
    access: Access
    audit: Audit
    groups: GroupService
    panels: PanelService

    async def quick_setup(
        self,
        actor: discord.Member,
        guild: discord.Guild,
        channel: discord.TextChannel,
        *,
        support_role: discord.Role | None = None,
        mode: GroupMode = GroupMode.CHANNEL,
    ) -> SetupReport:
        self.access.require_admin(actor)
        report = SetupReport()

        role = support_role or discord.utils.find(
            lambda r: r.name.lower() == SUPPORT_ROLE.lower(), guild.roles
        )
        if role is None:
            role = await guild.create_role(name=SUPPORT_ROLE, reason=f"/tickets setup by {actor}")
            report.created.append(messages.SETUP_ROLE.format(role=role.mention))
        else:
            report.existing.append(messages.SETUP_ROLE.format(role=role.mention))

        group = await self.groups.find_optional(guild.id, GROUP_NAME)
        if group is None:
            open_category = closed_category = None
            if mode is GroupMode.CHANNEL:
                open_category = await self._category(guild, OPEN_CATEGORY, role, actor, report)
                closed_category = await self._category(guild, CLOSED_CATEGORY, role, actor, report)
            group = await self.groups.create_group(
                actor,
                guild,
                GROUP_NAME,
                mode=mode,
                category=open_category,
                parent_channel=channel if mode is GroupMode.THREAD else None,
                support_role=role,
            )
            if closed_category is not None:
                group = await self.groups.edit_group(
                    actor, guild, group, GroupEdit(closed_category=closed_category)
                )
            report.created.append(messages.SETUP_GROUP.format(name=group.name))
        else:
            report.existing.append(messages.SETUP_GROUP.format(name=group.name))

        await self.groups.default_unless_set(guild, group)

        panel = self.panels.find_optional(guild.id, PANEL_NAME)
        if panel is None:
            panel = await self.panels.create_panel(actor, guild, PANEL_NAME, PanelKind.BUTTON)
            panel = await self.panels.add_entry(actor, guild, panel, group)
            report.created.append(messages.SETUP_PANEL.format(name=panel.name))
        else:
            report.existing.append(messages.SETUP_PANEL.format(name=panel.name))
        message = await self.panels.posted_message(guild, panel)
        if message is None:
            posted = await self.panels.post_panel(actor, guild, panel, channel)
            message = posted.message
            report.created.append(messages.SETUP_PANEL_MESSAGE.format(channel=channel.mention))
        else:
            report.existing.append(messages.SETUP_PANEL_MESSAGE.format(channel=message.channel.mention))  # type: ignore[union-attr]
        report.panel_url = message.jump_url
        await self.audit.event(
            guild_id=guild.id, action="setup", actor_id=actor.id, detail={"created": report.created}
        )
        return report

    async def _category(
        self, guild: discord.Guild, name: str, role: discord.Role, actor: discord.Member, report: SetupReport
    ) -> discord.CategoryChannel:
        found = discord.utils.find(lambda c: c.name.lower() == name.lower(), guild.categories)
        if found is not None:
            report.existing.append(messages.SETUP_CATEGORY.format(name=found.name))
            return found
        category = await guild.create_category(
            name, overwrites=category_overwrites(guild, role), reason=f"/tickets setup by {actor}"
        )
        report.created.append(messages.SETUP_CATEGORY.format(name=category.name))
        return category

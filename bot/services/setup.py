"""``/tickets setup``: create whatever a working default setup is missing, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field

import discord

from bot import i18n, messages
from bot.clock import Clock
from bot.domain.models import GroupMode, PanelKind

from .access import Access
from .audit import Audit
from .cache import ConfigCache
from .groups import GroupEdit, GroupService
from .panels import PanelService
from .permissions import category_overwrites


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
        with i18n.speaking(self.cache.language(guild)):  # what it creates is named in the server's language
            names = _Names()
        reason = messages.AUDIT_SETUP.format(actor=actor)

        role = support_role or discord.utils.find(lambda r: names.matches("role", r.name), guild.roles)
        if role is None:
            role = await guild.create_role(name=names.role, reason=reason)
            report.created.append(messages.SETUP_ROLE.format(role=role.mention))
        else:
            report.existing.append(messages.SETUP_ROLE.format(role=role.mention))

        group = None
        for name in names.every("group"):
            group = group or await self.groups.find_optional(guild.id, name)
        if group is None:
            open_category = closed_category = None
            if mode is GroupMode.CHANNEL:
                open_category = await self._category(guild, names, "open", role, reason, report)
                closed_category = await self._category(guild, names, "closed", role, reason, report)
            group = await self.groups.create_group(
                actor,
                guild,
                names.group,
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

        panel = next(
            (found for name in names.every("panel") if (found := self.panels.find_optional(guild.id, name))),
            None,
        )
        if panel is None:
            panel = await self.panels.create_panel(actor, guild, names.panel, PanelKind.BUTTON)
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
        self,
        guild: discord.Guild,
        names: _Names,
        kind: str,
        role: discord.Role,
        reason: str,
        report: SetupReport,
    ) -> discord.CategoryChannel:
        found = discord.utils.find(lambda c: names.matches(kind, c.name), guild.categories)
        if found is not None:
            report.existing.append(messages.SETUP_CATEGORY.format(name=found.name))
            return found
        category = await guild.create_category(
            names.of(kind), overwrites=category_overwrites(guild, role), reason=reason
        )
        report.created.append(messages.SETUP_CATEGORY.format(name=category.name))
        return category


class _Names:
    """What setup names things, in the language speaking when it is made; what it made before is found by
    that name or by the English one (a server that changed its language is not set up twice)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = messages.SETUP_NAMES

    def of(self, kind: str) -> str:
        return self.names[kind]

    def every(self, kind: str) -> list[str]:
        english = messages.source("SETUP_NAMES")[kind]
        return list(dict.fromkeys([self.names[kind], english]))

    def matches(self, kind: str, name: str) -> bool:
        return name.casefold() in {n.casefold() for n in self.every(kind)}

    @property
    def role(self) -> str:
        return self.of("role")

    @property
    def group(self) -> str:
        return self.of("group")

    @property
    def panel(self) -> str:
        return self.of("panel")

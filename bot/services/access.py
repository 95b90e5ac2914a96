"""Run-time authorisation, checked for every staff operation (never trust default_permissions alone)."""

from __future__ import annotations

from dataclasses import dataclass

import discord

from bot import messages
from bot.domain import access
from bot.domain.models import GuildConfig, Ticket
from bot.errors import NotAllowed

from .audit import Audit
from .cache import ConfigCache


def _role_ids(member: discord.Member) -> list[int]:
    return [role.id for role in member.roles]


def _manages_guild(member: discord.Member) -> bool:
    perms = member.guild_permissions
    return perms.manage_guild or perms.administrator


@dataclass(eq=False)
class Access:
    cache: ConfigCache
    audit: Audit

    def is_admin(self, member: discord.Member, config: GuildConfig) -> bool:
        return access.is_admin(
            _role_ids(member), manage_guild=_manages_guild(member), admin_role_ids=config.admin_role_ids
        )

    def is_staff(
        self, member: discord.Member, config: GuildConfig, support_role_ids: list[int] | None = None
    ) -> bool:
        return access.is_staff(
            _role_ids(member),
            manage_guild=_manages_guild(member),
            admin_role_ids=config.admin_role_ids,
            staff_role_ids=config.staff_role_ids,
            support_role_ids=support_role_ids or [],
        )

    def is_ticket_staff(self, member: discord.Member, ticket: Ticket) -> bool:
        """Staff for this ticket: the server's staff, or its group's support roles."""
        config = self.cache.guild(ticket.guild_id)
        group = self.cache.group_of(ticket)
        return self.is_staff(member, config, group.support_role_ids if group else [])

    async def require_ticket_staff(self, member: discord.Member, ticket: Ticket, action: str) -> None:
        """Refuse (and record the refusal of) ``action`` by someone who is not staff for the ticket."""
        if not self.is_ticket_staff(member, ticket):
            error = NotAllowed(messages.NOT_STAFF)
            await self.audit.refused(ticket, action, member.id, error)
            raise error

    def is_staff_anywhere(self, member: discord.Member) -> bool:
        """Staff of the server, or of at least one of its groups."""
        config = self.cache.guild(member.guild.id)
        if self.is_staff(member, config):
            return True
        groups = self.cache.groups(member.guild.id)
        return any(self.is_staff(member, config, g.support_role_ids) for g in groups)

    def require_admin(self, member: discord.Member) -> GuildConfig:
        """The guild's settings, if ``member`` is a ticket admin; refuses everyone else."""
        config = self.cache.guild(member.guild.id)
        if not self.is_admin(member, config):
            raise NotAllowed(messages.NOT_ADMIN)
        return config

    def require_staff_anywhere(self, member: discord.Member) -> None:
        if not self.is_staff_anywhere(member):
            raise NotAllowed(messages.NOT_STAFF)

    def require_staff(
        self, member: discord.Member, config: GuildConfig, support_role_ids: list[int] | None = None
    ) -> None:
        if not self.is_staff(member, config, support_role_ids):
            raise NotAllowed(messages.NOT_STAFF)

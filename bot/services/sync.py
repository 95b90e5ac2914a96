"""Reconciling tickets, channels and roles with Discord after downtime (start-up and ``/tickets sync``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import discord

from bot import messages
from bot.clock import Clock
from bot.domain.models import GROUP_CHANNELS, GroupMode, Ticket, TicketGroup, TicketStatus
from storage import Database
from storage import groups as group_repo
from storage import tickets as ticket_repo

from .access import Access
from .archive import ArchiveService
from .audit import Audit
from .cache import ConfigCache
from .channels import ChannelKeeper
from .renamer import Renamer
from .repair import Repair
from .tickets import TicketService

log = logging.getLogger(__name__)

LEFTOVER_WINDOW = timedelta(days=1)


@dataclass(slots=True)
class SyncReport:
    repaired: int = 0
    discarded: int = 0
    ended: int = 0
    owners_left: int = 0
    corrected: int = 0
    renamed: int = 0
    deleted_leftovers: int = 0
    config_fixes: int = 0
    archived: int = 0

    def describe(self) -> str:
        counts = {
            "repaired": self.repaired,
            "discarded": self.discarded,
            "ended": self.ended,
            "owners_left": self.owners_left,
            "corrected": self.corrected,
            "renamed": self.renamed,
            "leftovers": self.deleted_leftovers,
            "config_fixes": self.config_fixes,
            "archived": self.archived,
        }
        return ", ".join(messages.SYNC_REPORT[name].format(count=count) for name, count in counts.items())


@dataclass(eq=False)
class SyncService:
    db: Database
    clock: Clock
    cache: ConfigCache
    access: Access
    audit: Audit
    keeper: ChannelKeeper
    tickets: TicketService
    archive: ArchiveService
    renamer: Renamer
    repair: Repair

    async def sync_by(self, actor: discord.Member) -> SyncReport:
        """``/tickets sync``: reconcile the actor's server now (admins only), and record that it happened."""
        self.access.require_admin(actor)
        report = await self.sync_guild(actor.guild)
        await self.audit.event(
            guild_id=actor.guild.id, action="sync", actor_id=actor.id, detail={"report": report.describe()}
        )
        return report

    async def sync_guild(self, guild: discord.Guild) -> SyncReport:
        report = SyncReport()
        report.config_fixes = await self._fix_groups(guild)
        report.repaired, report.discarded = await self.repair.repair(guild)
        for ticket in await self.keeper.missing(guild):
            if await self.tickets.channel_gone(ticket.channel_id or 0) is not None:
                report.ended += 1
        live = await self.db.read(ticket_repo.in_status, [TicketStatus.OPEN, TicketStatus.CLOSED], guild.id)
        leftovers = await self.db.read(ticket_repo.in_status, [TicketStatus.DELETED], guild.id)
        recent = self.clock.now() - LEFTOVER_WINDOW
        for ticket in leftovers:
            # a crash between recording a deletion and deleting the channel leaves the channel behind
            if (
                ticket.channel_id
                and ticket.deleted_at
                and ticket.deleted_at >= recent
                and await self._delete_leftover(guild, ticket)
            ):
                report.deleted_leftovers += 1
        for ticket in live if guild.chunked else []:  # an incomplete member list would "lose" owners
            if guild.get_member(ticket.owner_id) is None and ticket.owner_left_at is None:
                await self.tickets.owner_gone(guild, ticket.owner_id)
                report.owners_left += 1
        still_open = await self.db.read(ticket_repo.in_status, [TicketStatus.OPEN], guild.id)
        for ticket in still_open:
            changed = await self._correct(guild, ticket)
            report.corrected += changed[0]
            report.renamed += changed[1]
            caught_up = await self.archive.backfill(ticket, full=False)
            report.archived += caught_up.added
        return report

    async def _delete_leftover(self, guild: discord.Guild, ticket: Ticket) -> bool:
        channel = await self.keeper.channel_of(guild, ticket)
        if channel is None:
            return False
        try:
            await channel.delete(reason=f"Ticket #{ticket.number} was deleted")
        except discord.HTTPException as exc:
            log.warning("could not remove the channel of deleted ticket %s: %s", ticket.id, exc)
            return False
        return True

    async def _correct(self, guild: discord.Guild, ticket: Ticket) -> tuple[int, int]:
        keeper = self.keeper
        channel = await keeper.channel_of(guild, ticket)
        if channel is None:
            return 0, 0
        before = _snapshot(channel)
        await keeper.apply(ticket)
        if isinstance(channel, discord.Thread):
            added, removed = await keeper.sync_thread_members(ticket)
            fixed = int(bool(added or removed))
        else:
            fixed = 0
        after = await keeper.channel_of(guild, ticket)
        fixed = max(fixed, int(after is not None and _snapshot(after) != before))
        renamed = 0
        if (
            ticket.name
            and channel.name != ticket.name
            and not (isinstance(channel, discord.Thread) and channel.archived)
        ):
            self.renamer.request(guild.id, channel.id, ticket.name)
            renamed = 1
        return fixed, renamed

    async def _fix_groups(self, guild: discord.Guild) -> int:
        """Drop references to roles and channels deleted while the bot was away."""
        fixes = 0
        for group in self.cache.groups(guild.id):
            changes = _stale_references(guild, group)
            if changes:
                await self.db.write(group_repo.update, group.id, changes, self.clock.now())
                log.info("group %s in guild %s: dropped deleted %s", group.id, guild.id, sorted(changes))
                fixes += len(changes)
        return fixes


def _stale_references(guild: discord.Guild, group: TicketGroup) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    roles = [r for r in group.support_role_ids if guild.get_role(r) is not None]
    if roles != group.support_role_ids:
        changes["support_role_ids"] = roles
    categories = [c for c in group.category_ids if guild.get_channel(c) is not None]
    if categories != group.category_ids:
        changes["category_ids"] = categories
    for name in GROUP_CHANNELS:
        value = getattr(group, name)
        if value is not None and guild.get_channel(value) is None:
            if name == "parent_channel_id" and group.mode is GroupMode.THREAD:
                continue  # keep it: the status report shows it is gone, and opening refuses clearly
            changes[name] = None
    return changes


def _snapshot(channel: discord.TextChannel | discord.Thread) -> tuple[Any, ...]:
    if isinstance(channel, discord.Thread):
        return channel.archived, channel.locked
    return channel.category_id, tuple(
        sorted((t.id, o.pair()[0].value, o.pair()[1].value) for t, o in channel.overwrites.items())
    )

"""Reconciling tickets, channels and roles with Discord after downtime (start-up and ``/tickets sync``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import discord

from bot.domain.models import GroupMode, Ticket, TicketGroup, TicketStatus
from storage import groups as group_repo
from storage import tickets as ticket_repo

if TYPE_CHECKING:
    from bot.app import TicketDeskBot

log = logging.getLogger(__name__)

LEFTOVER_WINDOW = timedelta(days=1)
CHANNEL_FIELDS = (
    "parent_channel_id",
    "closed_category_id",
    "locked_category_id",
    "assigned_category_id",
    "transcript_channel_id",
    "form_channel_id",
    "feedback_channel_id",
    "log_channel_id",
)


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
        parts = [
            f"{self.repaired} interrupted opening(s) finished",
            f"{self.discarded} abandoned",
            f"{self.ended} ticket(s) whose channel was gone ended",
            f"{self.owners_left} owner(s) gone",
            f"{self.corrected} channel(s) corrected",
            f"{self.renamed} rename(s) queued",
            f"{self.deleted_leftovers} leftover channel(s) removed",
            f"{self.config_fixes} group setting(s) fixed",
            f"{self.archived} message(s) that arrived while away archived",
        ]
        return ", ".join(parts)


class SyncService:
    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot

    async def sync_guild(self, guild: discord.Guild) -> SyncReport:
        report = SyncReport()
        services = self.bot.services
        report.config_fixes = await self._fix_groups(guild)
        report.repaired, report.discarded = await services.opener.repair(guild)
        for ticket in await services.channels.missing(guild):
            if await services.tickets.channel_gone(ticket.channel_id or 0) is not None:
                report.ended += 1
        async with self.bot.db.reader() as conn:
            live = await ticket_repo.in_status(conn, [TicketStatus.OPEN, TicketStatus.CLOSED], guild.id)
            leftovers = await ticket_repo.in_status(conn, [TicketStatus.DELETED], guild.id)
        recent = self.bot.clock.now() - LEFTOVER_WINDOW
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
                await services.tickets.owner_gone(guild, ticket.owner_id)
                report.owners_left += 1
        async with self.bot.db.reader() as conn:
            still_open = await ticket_repo.in_status(conn, [TicketStatus.OPEN], guild.id)
        for ticket in still_open:
            changed = await self._correct(guild, ticket)
            report.corrected += changed[0]
            report.renamed += changed[1]
            caught_up = await services.archive.backfill(ticket, full=False)
            report.archived += caught_up.added
        return report

    async def _delete_leftover(self, guild: discord.Guild, ticket: Ticket) -> bool:
        channel = await self.bot.services.channels.channel_of(guild, ticket)
        if channel is None:
            return False
        try:
            await channel.delete(reason=f"Ticket #{ticket.number} was deleted")
        except discord.HTTPException as exc:
            log.warning("could not remove the channel of deleted ticket %s: %s", ticket.id, exc)
            return False
        return True

    async def _correct(self, guild: discord.Guild, ticket: Ticket) -> tuple[int, int]:
        keeper = self.bot.services.channels
        channel = await keeper.channel_of(guild, ticket)
        if channel is None:
            return 0, 0
        before = _snapshot(channel)
        await keeper.apply(ticket.id)
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
            self.bot.services.renamer.request(guild.id, channel.id, ticket.name)
            renamed = 1
        return fixed, renamed

    async def _fix_groups(self, guild: discord.Guild) -> int:
        """Drop references to roles and channels deleted while the bot was away."""
        fixes = 0
        for group in await self.bot.services.groups.list(guild.id):
            changes = _stale_references(guild, group)
            if changes:
                async with self.bot.services.cache.writing(guild.id) as tx:
                    await group_repo.update(tx, group.id, changes, self.bot.clock.now())
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
    for name in CHANNEL_FIELDS:
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

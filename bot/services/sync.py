"""Reconciling tickets, channels and roles with Discord after downtime (start-up and ``/tickets sync``)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import discord

from bot import i18n, messages
from bot.clock import Clock
from bot.domain.models import GROUP_CHANNELS, GroupMode, Ticket, TicketGroup, TicketStatus
from bot.errors import TicketDeskError
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
RECONCILE_AT_ONCE = 8
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


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

    def changed(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)

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
        """Bring one guild's tickets in line with Discord. Reads what it needs in one go (never a closed
        thread or a deleted ticket of the past), asks Discord only about what differs, and reads a
        channel's history only when its newest message is newer than the archive's."""
        report = SyncReport()
        report.config_fixes = await self._fix_groups(guild)
        report.repaired, report.discarded = await self.repair.repair(guild)
        state = await self.db.read(ticket_repo.guild_state, guild.id, self.clock.now() - LEFTOVER_WINDOW)
        ended: set[int] = set()
        for ticket in await self.keeper.missing(guild, state.live):
            if await self.tickets.channel_gone(ticket.channel_id or 0) is not None:
                report.ended += 1
                ended.add(ticket.id)
        for ticket in state.recently_deleted:
            # a crash between recording a deletion and deleting the channel leaves the channel behind
            if await self._delete_leftover(guild, ticket):
                report.deleted_leftovers += 1
        live = [t for t in state.live if t.id not in ended]
        if guild.chunked:  # an incomplete member list would "lose" owners
            gone_owners = {
                t.owner_id for t in live if guild.get_member(t.owner_id) is None and t.owner_left_at is None
            }
            for owner_id in sorted(gone_owners):
                await self.tickets.owner_gone(guild, owner_id)
                report.owners_left += 1
        for ticket in live:
            if ticket.status is not TicketStatus.OPEN:
                continue
            changed = await self._correct(guild, ticket, state.members.get(ticket.id, []))
            report.corrected += changed[0]
            report.renamed += changed[1]
            report.archived += await self._catch_up(guild, ticket, state.heads)
        return report

    async def reconcile_all(self, guilds: list[discord.Guild], *, at_once: int = RECONCILE_AT_ONCE) -> int:
        """Start-up: every guild, the busiest (latest activity in an open ticket) first, ``at_once`` at a
        time so interactions keep being served and Discord's rate limits are respected; returns how many
        guilds were reconciled."""
        activity = await self.db.read(ticket_repo.recent_activity)
        ordered = sorted(guilds, key=lambda g: activity.get(g.id, EPOCH), reverse=True)
        gate = asyncio.Semaphore(at_once)
        done = 0

        async def one(guild: discord.Guild) -> None:
            nonlocal done
            async with gate:
                try:
                    with i18n.speaking(
                        self.cache.language(guild)
                    ):  # what it changes, it says in the server's
                        report = await self.sync_guild(guild)
                except (discord.HTTPException, TicketDeskError) as exc:
                    log.warning("start-up sync of guild %s failed: %s", guild.id, exc)
                    return
                done += 1
                if report.changed():
                    log.info("guild %s synced at start-up: %s", guild.id, report.describe())

        await asyncio.gather(*(one(g) for g in ordered))
        return done

    async def _catch_up(self, guild: discord.Guild, ticket: Ticket, heads: dict[int, int]) -> int:
        """Archive what was said while the bot was away, reading history only where Discord's newest
        message is newer than the archive's (``last_message_id`` comes with the gateway's guild data)."""
        behind = False
        for channel_id in (ticket.channel_id, ticket.notes_thread_id):
            if channel_id is None:
                continue
            channel = guild.get_channel_or_thread(channel_id)
            if channel is None:  # an archived thread is not in the gateway's data: ask once
                channel = await self.keeper.channel_of_id(guild, channel_id)
            latest = getattr(channel, "last_message_id", None)
            if latest is not None and latest > heads.get(channel_id, 0):
                behind = True
        if not behind:
            return 0
        return (await self.archive.backfill(ticket, full=False)).added

    async def _delete_leftover(self, guild: discord.Guild, ticket: Ticket) -> bool:
        channel = await self.keeper.channel_of(guild, ticket)
        if channel is None:
            return False
        try:
            await channel.delete(reason=messages.AUDIT_TICKET_DELETED.format(number=ticket.number))
        except discord.HTTPException as exc:
            log.warning("could not remove the channel of deleted ticket %s: %s", ticket.id, exc)
            return False
        return True

    async def _correct(self, guild: discord.Guild, ticket: Ticket, member_ids: list[int]) -> tuple[int, int]:
        keeper = self.keeper
        channel = await keeper.channel_of(guild, ticket)
        if channel is None:
            return 0, 0
        fixed = 0
        if keeper.out_of_line(ticket, channel, member_ids):
            before = _snapshot(channel)
            await keeper.apply(ticket)
            after = await keeper.channel_of(guild, ticket)
            fixed = int(after is not None and _snapshot(after) != before)
        if isinstance(channel, discord.Thread):
            added, removed = await keeper.sync_thread_members(ticket)
            fixed = max(fixed, int(bool(added or removed)))
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

"""Settings export and import (``/tickets export``, ``/tickets import``): the server's configuration as a
file, and a file made the server's configuration after an admin saw what it changes and confirmed.

An import replaces: afterwards the server has the file's groups, saved messages, panels, tags, blacklist
and settings, and nothing else. Objects are matched by name (the blacklist by member or role), so a
group is updated in place and its tickets keep it; a group the file leaves out is deleted, unless it
still has open tickets (then it is kept, and the admin is told). Role and channel ids this server has not
got are left out and listed. Panels are never posted by an import: a posted panel stays where it is and
is refreshed, a deleted panel's message is deleted (as ``/panel delete`` does).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

import discord

from bot import messages
from bot.clock import Clock
from bot.domain import settings_io as io
from bot.domain.models import GuildConfig
from bot.domain.naming import channel_slug
from bot.domain.text import safe_filename
from bot.errors import Conflict, InvalidInput
from storage import Database
from storage import settings_io as settings_repo
from storage.settings_io import Applied

from .access import Access
from .audit import Audit
from .cache import ConfigCache
from .panels import PanelService

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Exported:
    text: str
    filename: str
    counts: dict[str, int]
    importable: bool  # within what an import accepts (size and counts)


@dataclass(slots=True)
class Preview:
    """A file read and compared with the server: its problems, or the plan an admin confirms."""

    guild_id: int
    problems: list[io.Problem] = field(default_factory=list)
    total_problems: int = 0
    document: io.Document | None = None
    plan: io.Plan | None = None
    fingerprint: str = ""  # the configuration the plan was made against
    outcome: str = ""  # the configuration the plan ends with
    loses_admin: bool = False  # the importing admin is no ticket admin afterwards

    @property
    def ready(self) -> bool:
        """There is something to import, and nothing stops it."""
        return not self.problems and self.plan is not None and not self.plan.diff.empty


@dataclass(slots=True)
class Imported:
    diff: io.Diff
    kept: list[tuple[str, int]]
    refreshed: int
    removed_posts: int


def target_of(guild: discord.Guild) -> io.Target:
    """The ids an import may point at in ``guild``."""
    return io.Target(
        roles=frozenset(r.id for r in guild.roles),
        categories=frozenset(c.id for c in guild.categories),
        text_channels=frozenset(c.id for c in guild.text_channels),
    )


@dataclass(eq=False)
class SettingsIOService:
    db: Database
    clock: Clock
    cache: ConfigCache
    access: Access
    audit: Audit
    panels: PanelService

    def snapshot(self, guild_id: int) -> io.Snapshot:
        """The server's configuration, from memory."""
        cache = self.cache
        return io.Snapshot(
            config=cache.guild(guild_id),
            groups=cache.groups(guild_id),
            panels=cache.panels(guild_id),
            messages=cache.messages(guild_id),
            tags=cache.tags(guild_id),
            blacklist=cache.blacklist(guild_id),
        )

    # -- export ---------------------------------------------------------------------------------------

    async def export(self, actor: discord.Member) -> Exported:
        """The actor's server's configuration as a file (admins only)."""
        self.access.require_admin(actor)
        guild = actor.guild
        now = self.clock.now()
        snapshot = self.snapshot(guild.id)
        document = await asyncio.to_thread(io.document_of, snapshot, now=now)
        text = await asyncio.to_thread(io.dumps, document, now)
        counts = {
            "groups": len(document.groups),
            "saved_messages": len(document.saved_messages),
            "panels": len(document.panels),
            "tags": len(document.tags),
            "blacklist": len(document.blacklist),
        }
        limits = {
            "groups": io.MAX_GROUPS,
            "saved_messages": io.MAX_SAVED_MESSAGES,
            "panels": io.MAX_PANELS,
            "tags": io.MAX_TAGS,
            "blacklist": io.MAX_BLACKLIST,
        }
        importable = len(text.encode()) <= io.MAX_BYTES and all(counts[k] <= limits[k] for k in counts)
        await self.audit.event(guild_id=guild.id, action="settings.export", actor_id=actor.id, detail=counts)
        slug = channel_slug(guild.name) or str(guild.id)
        filename = safe_filename(f"ticketdesk-{slug}-{now:%Y-%m-%d}.json")
        return Exported(text, filename, counts, importable)

    # -- import ---------------------------------------------------------------------------------------

    async def preview(self, actor: discord.Member, file: discord.Attachment) -> Preview:
        """Read ``file`` and compare it with the server (admins only); nothing changes yet."""
        self.access.require_admin(actor)
        guild = actor.guild
        if file.size > io.MAX_BYTES:  # before downloading it
            raise InvalidInput(messages.IO_TOO_LARGE.format(max=io.MAX_BYTES // 1024, size=file.size // 1024))
        try:
            data = await file.read()
        except discord.HTTPException:
            raise InvalidInput(messages.IO_DOWNLOAD_FAILED) from None
        try:
            document = await asyncio.to_thread(io.read_document, data)
        except io.ImportProblems as refused:
            return Preview(guild.id, refused.problems, refused.total)
        return await self._preview(actor, document)

    async def _preview(self, actor: discord.Member, document: io.Document) -> Preview:
        guild = actor.guild
        snapshot = self.snapshot(guild.id)
        open_by_id = await self.db.read(settings_repo.open_tickets_by_group, guild.id)
        open_tickets = {io.fold(g.name): open_by_id.get(g.id, 0) for g in snapshot.groups}
        posted = {io.fold(p.name) for p in snapshot.panels if p.message_id is not None}
        target = target_of(guild)
        now = self.clock.now()

        def compare() -> tuple[io.Plan, str, str]:
            current = io.document_of(snapshot)
            plan = io.plan_import(
                document, current, target, open_tickets=open_tickets, posted=posted, now=now
            )
            return plan, io.fingerprint(current), io.fingerprint(plan.desired)

        plan, fingerprint, outcome = await asyncio.to_thread(compare)
        config = snapshot.config
        after = GuildConfig(guild.id, admin_role_ids=plan.desired.settings.admin_role_ids)
        loses_admin = self.access.is_admin(actor, config) and not self.access.is_admin(actor, after)
        return Preview(
            guild.id,
            list(plan.problems),
            len(plan.problems),
            document,
            plan,
            fingerprint,
            outcome,
            loses_admin,
        )

    async def apply(self, actor: discord.Member, preview: Preview) -> Imported:
        """Import what ``preview`` showed, as the actor is now (admins only), in one transaction; refused
        when the server's configuration, roles or channels changed since."""
        self.access.require_admin(actor)
        guild = actor.guild
        if (
            not preview.ready
            or preview.document is None
            or preview.plan is None
            or guild.id != preview.guild_id
        ):
            raise Conflict(messages.IO_CHANGED_SINCE_PREVIEW)
        fresh = await self._preview(actor, preview.document)
        if (
            fresh.fingerprint != preview.fingerprint
            or fresh.plan is None
            or fresh.problems
            or fresh.outcome != preview.outcome
        ):
            raise Conflict(messages.IO_CHANGED_SINCE_PREVIEW)
        plan = fresh.plan
        summary = {
            **plan.diff.counts(),
            "dropped_ids": len(plan.dropped),
            "expired_blacklist": len(plan.expired),
        }
        applied = await self.db.write(
            settings_repo.apply_import,
            guild.id,
            plan.desired,
            preview.fingerprint,
            actor_id=actor.id,
            now=self.clock.now(),
            summary=summary,
        )
        await self._follow_up(guild, applied)
        return Imported(plan.diff, applied.kept, len(applied.refresh), len(applied.removed_posts))

    async def _follow_up(self, guild: discord.Guild, applied: Applied) -> None:
        """After the commit: posted panels show their new state; deleted panels' messages go."""
        for panel_id in applied.refresh:
            try:
                await self.panels.refresh(guild, panel_id)
            except discord.HTTPException as exc:
                log.warning(
                    "guild %s: could not refresh panel %s after an import: %s", guild.id, panel_id, exc
                )
        for channel_id, message_id in applied.removed_posts:
            channel = guild.get_channel(channel_id)
            if not isinstance(channel, discord.TextChannel):
                continue
            try:
                await channel.get_partial_message(message_id).delete()
            except discord.NotFound:
                pass
            except discord.HTTPException as exc:
                log.warning("guild %s: could not delete panel message %s: %s", guild.id, message_id, exc)

"""The blacklist: members and roles kept from opening tickets, with a reason and an optional expiry.

Who is blacklisted is configuration, mirrored in memory (``ConfigCache``), so every entry point checks it
before anything is written or shown: panels, dropdowns, ``/ticket open``, the context menus (and the HTTP
API when it comes). Staff opening a ticket *for* a blacklisted member are warned and may go on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import discord

from bot import messages
from bot.clock import Clock
from bot.domain.durations import DurationError, describe, parse_moment
from bot.domain.text import clip, discord_time, one_line, strip_invisible
from bot.errors import InvalidInput, NotFound
from storage import Connection, Database
from storage import blacklist as blacklist_repo
from storage import guilds as guild_repo
from storage.blacklist import Entry
from storage.events import record

from .access import Access
from .cache import ConfigCache

REASON_MAX = 300


def refusal(entry: Entry) -> str:
    """What a blacklisted member is told: the reason only when the admin chose to show it."""
    text = messages.BLACKLISTED
    if entry.reason_shown and entry.reason:
        text += " " + messages.BLACKLISTED_REASON.format(reason=entry.reason)
    if entry.expires_at is not None:
        text += " " + messages.BLACKLISTED_UNTIL.format(when=discord_time(entry.expires_at, "f"))
    return text


def staff_warning(entry: Entry, owner: discord.abc.User) -> str:
    """What staff opening a ticket for a blacklisted member are told (the reason always)."""
    return messages.BLACKLISTED_OWNER.format(
        owner=owner.mention,
        reason=entry.reason or messages.NO_REASON,
        until=discord_time(entry.expires_at, "f") if entry.expires_at else messages.UNTIL_REMOVED,
    )


@dataclass(eq=False)
class BlacklistService:
    db: Database
    clock: Clock
    cache: ConfigCache
    access: Access

    def entry_for(self, member: discord.Member) -> Entry | None:
        """The entry keeping ``member`` from opening tickets now, if any (memory only)."""
        return self.cache.blacklisted(
            member.guild.id, member.id, [r.id for r in member.roles], self.clock.now()
        )

    def list_for(self, actor: discord.Member) -> list[Entry]:
        self.access.require_admin(actor)
        now = self.clock.now()
        return [e for e in self.cache.blacklist(actor.guild.id) if e.active(now)]

    async def add(
        self,
        actor: discord.Member,
        target: discord.abc.User | discord.Role,
        *,
        reason: str | None,
        expires: str | None,
        show_reason: bool,
    ) -> Entry:
        guild = actor.guild
        self.access.require_admin(actor)
        kind = "role" if isinstance(target, discord.Role) else "member"
        if kind == "role" and target.id == guild.id:
            raise InvalidInput(messages.BLACKLIST_NOT_EVERYONE)
        if kind == "member" and (getattr(target, "bot", False) or target.id == actor.id):
            raise InvalidInput(messages.BLACKLIST_NOT_THIS_MEMBER)
        now = self.clock.now()
        until: datetime | None = None
        if expires and expires.strip().lower() not in ("never", "none", "off"):
            try:
                until = parse_moment(expires, now)
            except DurationError as exc:
                raise InvalidInput(messages.AS_SENTENCE.format(detail=exc)) from None
        cleaned = clip(one_line(strip_invisible(reason or "")), REASON_MAX) or None

        def put(tx: Connection) -> Entry:
            guild_repo.ensure(tx, guild.id, now)
            entry = blacklist_repo.put(
                tx,
                guild.id,
                kind,
                target.id,
                reason=cleaned,
                reason_shown=show_reason,
                expires_at=until,
                added_by=actor.id,
                now=now,
            )
            record(
                tx,
                guild_id=guild.id,
                action="blacklist.add",
                now=now,
                actor_id=actor.id,
                target_id=target.id,
                # the reason lives in the entry: a member's export of log lines naming them must not show
                # a reason the admins chose to keep from them
                detail={"kind": kind, "expires": describe(until - now) if until else None},
            )
            return entry

        return await self.db.write(put)

    async def remove(self, actor: discord.Member, target: discord.abc.User | discord.Role) -> None:
        guild = actor.guild
        self.access.require_admin(actor)
        kind = "role" if isinstance(target, discord.Role) else "member"
        now = self.clock.now()

        def remove(tx: Connection) -> bool:
            gone = blacklist_repo.remove(tx, guild.id, kind, target.id)
            if gone:
                record(
                    tx,
                    guild_id=guild.id,
                    action="blacklist.remove",
                    now=now,
                    actor_id=actor.id,
                    target_id=target.id,
                    detail={"kind": kind},
                )
            return gone

        if not await self.db.write(remove):
            raise NotFound(messages.BLACKLIST_NOT_LISTED.format(target=target.mention))

    async def lift_expired(self) -> int:
        """Forget entries that expired (housekeeping; an expired entry already refuses nobody)."""
        return await self.db.write(blacklist_repo.remove_expired, self.clock.now())

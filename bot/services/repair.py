"""Start-up repair: finish or undo every ticket opening that a crash interrupted.

An opening writes its intent (a ``creating`` row) before it asks Discord for a channel. After a crash
the channel may or may not exist: if it does, it is adopted and the opening finished; if not, the
intent is discarded and its number given back.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

import discord

from bot.clock import Clock
from bot.domain.forms import Answer
from bot.domain.models import Ticket, TicketStatus
from storage import Connection, Database
from storage import tickets as ticket_repo
from storage.events import record

from .cache import ConfigCache
from .destinations import Destination, Destinations, marker_of
from .opening import OpenRequest, TicketOpener

log = logging.getLogger(__name__)
DISCARDED_REMEMBERED = timedelta(days=7)


@dataclass(eq=False)
class Repair:
    db: Database
    clock: Clock
    cache: ConfigCache
    destinations: Destinations
    opener: TicketOpener

    async def repair(self, guild: discord.Guild) -> tuple[int, int]:
        """Finish or undo every opening a crash interrupted in ``guild``: (adopted, discarded)."""
        config = self.cache.guild(guild.id)
        pending = await self.db.read(ticket_repo.in_status, [TicketStatus.CREATING], guild.id)
        adopted = discarded = 0
        for ticket in pending:
            group = self.cache.group_of(ticket)
            channel = (
                await self.destinations.find_created(guild, group, ticket) if group is not None else None
            )
            if channel is None or group is None:
                await self.opener.discard(ticket, "interrupted before its channel existed")
                discarded += 1
                continue
            done = await self.db.write(self._adopt, ticket, channel)
            if done is None:
                continue
            adopted += 1
            await self.destinations.remove_duplicates(guild, done, channel)
            owner = guild.get_member(done.owner_id)
            if owner is not None:
                request = OpenRequest(
                    guild,
                    group,
                    owner,
                    guild.get_member(done.opened_by_id or 0) or owner,
                    answers=[Answer(**a) for a in done.form],
                )
                await self.opener.finish(request, config, done, channel, None)
        await self._remove_orphans(guild)
        if adopted or discarded:
            log.info(
                "guild %s: repaired interrupted openings (adopted %s, discarded %s)",
                guild.id,
                adopted,
                discarded,
            )
        return adopted, discarded

    def _adopt(self, tx: Connection, ticket: Ticket, channel: Destination) -> Ticket | None:
        done = self.opener.adopt(tx, ticket, channel)
        if done is not None:
            record(
                tx,
                guild_id=ticket.guild_id,
                ticket_id=ticket.id,
                action="create.repaired",
                now=self.clock.now(),
                detail={"channel_id": channel.id},
            )
        return done

    async def _remove_orphans(self, guild: discord.Guild) -> None:
        """Delete marked channels the bot can prove are its own leftovers, and no others.

        A leftover is a channel marked with a given-up opening's uuid (Discord made it after all), or a
        second channel marked for a ticket that lives in another channel (a retried create). A marker the
        database does not know (after a purge, or an older backup restored) proves nothing: it stays.
        """
        marked = [(c, m) for c in guild.text_channels if (m := marker_of(c)) is not None]
        leftovers: list[discord.TextChannel] = []
        owners = (
            await self.db.read(lambda conn: [ticket_repo.owner_of_marker(conn, uuid) for _, uuid in marked])
            if marked
            else []
        )
        for (channel, _), (ticket, given_up) in zip(marked, owners, strict=True):
            if ticket is None:
                if given_up:
                    leftovers.append(channel)
            elif ticket.channel_id not in (None, channel.id) and ticket.status is not TicketStatus.CREATING:
                leftovers.append(channel)
        for channel in leftovers:
            await self.destinations.delete_quietly(channel, "leftover")

    async def forget_given_up(self) -> None:
        """Stop remembering openings given up long ago: Discord's retries are over (housekeeping)."""
        await self.db.write(ticket_repo.forget_discarded, self.clock.now() - DISCARDED_REMEMBERED)

"""A member's own privacy tool: what the bot keeps about them in a guild, an export, and erasure.

Only ever for the member who asks (there is no way to name someone else). Erasure closes their open
tickets, removes their message contents, attachments, form answers and feedback comments, replaces
their id everywhere with a tombstone (so counts for stats stay right), rewrites saved transcripts, and
leaves no copy in the database file or its write-ahead log (secure_delete + a checkpoint).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import discord

from bot.domain.models import TicketStatus
from bot.services.audit import record
from storage import privacy as privacy_repo
from storage import tickets as ticket_repo
from storage.privacy import References

if TYPE_CHECKING:
    from bot.app import TicketDeskBot

log = logging.getLogger(__name__)
PRIVACY_CLOSE_REASON = "Closed at the owner's privacy request."


class PrivacyService:
    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot

    async def references(self, member: discord.Member) -> References:
        async with self.bot.db.reader() as conn:
            return await privacy_repo.count(conn, member.guild.id, member.id)

    async def export(self, member: discord.Member) -> dict[str, Any]:
        async with self.bot.db.reader() as conn:
            data = await privacy_repo.export(conn, member.guild.id, member.id)
        data["generated_at"] = self.bot.clock.now().isoformat()
        return data

    async def erase(self, member: discord.Member) -> References:
        """Erase ``member``'s data in their guild; returns what was removed."""
        guild = member.guild
        async with self.bot.db.reader() as conn:
            owned = await ticket_repo.open_owned_by(conn, guild.id, member.id)
        for ticket in owned:
            if ticket.status is TicketStatus.OPEN:
                try:
                    await self.bot.services.tickets.close_ticket(None, ticket, PRIVACY_CLOSE_REASON)
                except discord.HTTPException as exc:
                    log.warning("privacy: could not close ticket %s on Discord: %s", ticket.id, exc)
        now = self.bot.clock.now()
        async with self.bot.db.transaction() as tx:
            erased = await privacy_repo.erase(tx, guild.id, member.id)
            await record(
                tx,
                guild_id=guild.id,
                action="privacy.delete",
                now=now,
                detail={"removed": asdict(erased.references)},
            )
        blobs = self.bot.services.archive.blobs
        for uuid, digest in erased.blobs:
            await asyncio.to_thread(blobs.remove, uuid, digest)
        for uuid in erased.tickets:
            await self._rewrite_saved(uuid)
        await self.bot.db.checkpoint()
        log.info("guild %s: a member's data was erased at their request", guild.id)
        return erased.references

    async def _rewrite_saved(self, uuid: str) -> None:
        """Saved transcripts held the erased data: replace them with one made from the erased archive."""
        folder = self.bot.services.transcripts.root / uuid
        had_snapshots = folder.exists() and any(folder.glob("saved-*.json"))
        if folder.exists():
            for path in folder.glob("saved-*.json"):
                path.unlink()
        async with self.bot.db.reader() as conn:
            ticket = await ticket_repo.get_by_uuid(conn, uuid)
        if ticket is not None and had_snapshots:
            await self.bot.services.transcripts.snapshot(ticket)

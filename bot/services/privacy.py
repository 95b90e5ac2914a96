"""A member's own privacy tool: what the bot keeps about them in a guild, an export, and erasure.

Only ever for the member who asks (there is no way to name someone else). Erasure closes their open
tickets, removes their message contents, attachments, form answers and feedback comments, replaces
their id everywhere with a tombstone (so counts for stats stay right), rewrites saved transcripts, and
leaves no copy in the database file or its write-ahead log (secure_delete + a checkpoint).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import discord

from bot import messages
from bot.clock import Clock
from bot.domain.models import TicketStatus
from storage import Connection, Database
from storage import privacy as privacy_repo
from storage import tickets as ticket_repo
from storage.events import record
from storage.privacy import Erased

from .blobs import BlobStore
from .tickets import TicketService
from .transcripts import TranscriptService

log = logging.getLogger(__name__)


@dataclass(eq=False)
class PrivacyService:
    db: Database
    clock: Clock
    tickets: TicketService
    transcripts: TranscriptService
    blobs: BlobStore

    async def references(self, member: discord.Member) -> dict[str, int]:
        return await self.db.read(privacy_repo.count, member.guild.id, member.id)

    async def export(self, member: discord.Member) -> dict[str, Any]:
        data = await self.db.read(privacy_repo.export, member.guild.id, member.id)
        data["generated_at"] = self.clock.now().isoformat()
        return data

    async def erase(self, member: discord.Member) -> dict[str, int]:
        """Erase ``member``'s data in their guild; returns what was removed."""
        guild = member.guild
        owned = await self.db.read(ticket_repo.open_owned_by, guild.id, member.id)
        for ticket in owned:
            if ticket.status is TicketStatus.OPEN:
                try:
                    await self.tickets.close_ticket(None, ticket, messages.REASON_PRIVACY)
                except discord.HTTPException as exc:
                    log.warning("privacy: could not close ticket %s on Discord: %s", ticket.id, exc)
        now = self.clock.now()

        def erase(tx: Connection) -> Erased:
            for opening in ticket_repo.creating_for(tx, guild.id, member.id):
                ticket_repo.discard_intent(tx, opening, now)  # its adoption then fails: nothing opens
            erased = privacy_repo.erase(tx, guild.id, member.id)
            record(tx, guild_id=guild.id, action="privacy.delete", now=now, detail={"removed": erased.counts})
            return erased

        erased = await self.db.write(erase)
        for uuid, digest in erased.blobs:
            await asyncio.to_thread(self.blobs.remove, uuid, digest)
        for uuid in erased.tickets:
            await self._rewrite_saved(uuid)
        await self.db.checkpoint()
        log.info("guild %s: a member's data was erased at their request", guild.id)
        return erased.counts

    async def _rewrite_saved(self, uuid: str) -> None:
        """Saved transcripts held the erased data: replace them with one made from the erased archive."""
        folder = self.transcripts.root / uuid
        had_snapshots = folder.exists() and any(folder.glob("saved-*.json"))
        if folder.exists():
            for path in folder.glob("saved-*.json"):
                path.unlink()
        ticket = await self.db.read(ticket_repo.get_by_uuid, uuid)
        if ticket is not None and had_snapshots:
            await self.transcripts.snapshot(ticket)

"""The live archive: every message of a ticket and its notes thread, stored as it happens.

Edits keep their earlier versions, deletions are marked (the content stays for staff), and
attachments are downloaded when they are sent (Discord's links expire), deduplicated by SHA-256,
bounded by per-file and per-ticket caps, and encrypted at rest. Whatever happened while the bot was
offline is filled in from the channel history (start-up, close and ``/transcript save``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import KW_ONLY, dataclass, field
from typing import Any

import discord

from bot.clock import Clock
from bot.domain.models import Ticket, TicketStatus
from bot.transcripts import render as transcript_render
from storage import Connection, Database
from storage import messages as message_repo
from storage import tickets as ticket_repo

from .blobs import BlobStore

log = logging.getLogger(__name__)

DOWNLOADS_AT_ONCE = 4


@dataclass(slots=True)
class Backfill:
    added: int = 0
    edited: int = 0
    deleted: int = 0


async def render_ahead(content: str, embeds: list[dict[str, Any]]) -> tuple[str | None, str | None]:
    """The message's HTML for transcripts, rendered now in a worker thread (None: render it later)."""
    try:
        return await asyncio.to_thread(transcript_render.render_ahead, content, embeds)
    except Exception:  # never lose a message over its rendering: the transcript renders it then
        log.exception("rendering a message ahead failed; it is rendered with the transcript")
        return None, None


@dataclass(eq=False)
class ArchiveService:
    client: discord.Client
    db: Database
    clock: Clock
    blobs: BlobStore
    _: KW_ONLY
    attachment_max_bytes: int
    ticket_attachments_max_bytes: int
    _downloads: asyncio.Semaphore = field(
        default_factory=lambda: asyncio.Semaphore(DOWNLOADS_AT_ONCE), init=False, repr=False
    )

    async def source_of(self, channel_id: int) -> tuple[Ticket, str] | None:
        """The ticket a channel belongs to, and whether it is the ticket itself or its notes."""
        return await self.db.read(ticket_repo.get_by_any_channel, channel_id)

    async def on_message(self, message: discord.Message) -> tuple[Ticket, str] | None:
        if message.guild is None or message.flags.ephemeral:
            return None
        found = await self.source_of(message.channel.id)
        if found is None:
            return None
        ticket, source = found
        if ticket.status not in (TicketStatus.OPEN, TicketStatus.CLOSED):
            return found
        if await self._store(ticket, source, message):
            await self._download(ticket, message.attachments)
        return found

    async def _store(
        self, ticket: Ticket, source: str, message: discord.Message, *, edited: bool = False
    ) -> bool:
        author = message.author
        now = self.clock.now()
        content, embeds = message.content or "", [e.to_dict() for e in message.embeds]
        content_html, embeds_html = await render_ahead(content, embeds)

        def store(tx: Connection) -> bool:
            stored = message_repo.store(
                tx,
                message_id=message.id,
                ticket_id=ticket.id,
                channel_id=message.channel.id,
                source=source,
                author_id=author.id,
                author_name=author.display_name,
                author_avatar=author.display_avatar.url,
                author_bot=author.bot,
                content=content,
                embeds=embeds,
                components=[c.to_dict() for c in message.components],  # type: ignore[misc]
                reference_id=message.reference.message_id if message.reference else None,
                created_at=message.created_at,
                edited_at=message.edited_at if edited else None,
                content_html=content_html,
                embeds_html=embeds_html,
            )
            if stored:
                for attachment in message.attachments:
                    message_repo.add_attachment(
                        tx,
                        attachment_id=attachment.id,
                        message_id=message.id,
                        ticket_id=ticket.id,
                        filename=attachment.filename,
                        mime=attachment.content_type,
                        size=attachment.size,
                        url=attachment.url,
                        now=now,
                    )
            return stored

        return await self.db.write(store)

    async def _download(self, ticket: Ticket, attachments: list[discord.Attachment]) -> None:
        for attachment in attachments:
            await self._download_one(ticket, attachment.id, attachment.size, attachment.read)

    async def _download_one(
        self, ticket: Ticket, attachment_id: int, size: int, read: Callable[[], Awaitable[bytes]]
    ) -> None:
        used = await self.db.read(message_repo.stored_bytes, ticket.id)
        status, digest = "stored", None
        if size > self.attachment_max_bytes or used + size > self.ticket_attachments_max_bytes:
            status = "too_large"
        else:
            async with self._downloads:
                try:
                    data = await read()
                except (discord.HTTPException, OSError) as exc:
                    log.warning(
                        "ticket %s: attachment %s could not be downloaded: %s", ticket.id, attachment_id, exc
                    )
                    status = "failed"
                else:
                    digest, _ = await asyncio.to_thread(self.blobs.put, ticket.uuid, data)

        def finish(tx: Connection) -> bool:
            """Whether the file is now nobody's (so it must go)."""
            recorded = message_repo.finish_attachment(
                tx, attachment_id, status=status, sha256=digest, encrypted=digest is not None
            )
            return digest is not None and not recorded and not message_repo.blob_in_use(tx, ticket.id, digest)

        if await self.db.write(finish):  # erased or purged while it downloaded: the file must not come back
            assert digest is not None
            await asyncio.to_thread(self.blobs.remove, ticket.uuid, digest)

    async def on_edit(self, payload: discord.RawMessageUpdateEvent) -> bool:
        data: dict[str, Any] = payload.data  # type: ignore[assignment]
        if "content" not in data and "embeds" not in data:
            return False
        current = await self.db.read(message_repo.get_version, payload.message_id)
        if current is None:
            return False
        content = data.get("content", current[1]) or ""
        embeds = data.get("embeds", [])
        content_html, embeds_html = await render_ahead(content, embeds)
        return await self.db.write(
            message_repo.edit,
            payload.message_id,
            content,
            embeds,
            self.clock.now(),
            content_html,
            embeds_html,
        )

    async def on_delete(self, message_ids: list[int]) -> int:
        return await self.db.write(message_repo.mark_deleted, message_ids, self.clock.now())

    async def backfill(self, ticket: Ticket, *, full: bool) -> Backfill:
        """Store what the channel (and notes thread) holds that the archive lacks.

        ``full`` also compares every message, so edits and deletions made while the bot was away are
        caught; otherwise only messages newer than the last archived one are read.
        """
        result = Backfill()
        guild = self.client.get_guild(ticket.guild_id)
        if guild is None:
            return result
        for channel_id, source in ((ticket.channel_id, "ticket"), (ticket.notes_thread_id, "notes")):
            if channel_id is None:
                continue
            channel = guild.get_channel_or_thread(channel_id)
            if channel is None:
                try:
                    channel = await guild.fetch_channel(channel_id)
                except discord.HTTPException:
                    continue
            if not isinstance(channel, discord.TextChannel | discord.Thread):
                continue
            await self._backfill_channel(ticket, source, channel, full, result)
        return result

    async def _backfill_channel(
        self,
        ticket: Ticket,
        source: str,
        channel: discord.TextChannel | discord.Thread,
        full: bool,
        result: Backfill,
    ) -> None:
        last = await self.db.read(message_repo.last_id, channel.id)
        live = await self.db.read(message_repo.live_ids, channel.id) if full else set()
        after = None if full or last is None else discord.Object(last)
        seen: set[int] = set()
        try:
            async for message in channel.history(limit=None, after=after, oldest_first=True):
                seen.add(message.id)
                if message.id in live:
                    if message.edited_at is not None:
                        edited = await self.db.write(
                            message_repo.edit,
                            message.id,
                            message.content or "",
                            [e.to_dict() for e in message.embeds],
                            message.edited_at,
                        )
                        result.edited += int(edited)
                    continue
                if await self._store(ticket, source, message, edited=True):
                    result.added += 1
                    await self._download(ticket, message.attachments)
        except discord.HTTPException as exc:
            log.warning("ticket %s: history of %s could not be read: %s", ticket.id, channel.id, exc)
            return
        if full:
            gone = sorted(live - seen)
            if gone:
                result.deleted += await self.on_delete(gone)

    async def retry_pending(self) -> int:
        """Attachments recorded but not downloaded (the bot stopped half-way): download them now."""
        pending = await self.db.read(message_repo.pending_attachments)
        for item in pending:
            ticket = await self.db.read(ticket_repo.get, item.ticket_id)
            if ticket is None:
                continue
            url = item.url or ""
            await self._download_one(
                ticket, item.attachment_id, item.size, lambda url=url: self.client.http.get_from_cdn(url)
            )
        return len(pending)

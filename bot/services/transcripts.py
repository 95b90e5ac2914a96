"""Transcripts: save, get, send by DM, and deliver automatically when a ticket closes.

Rendering (markdown included) runs in a worker thread that reads the archive page by page and streams to
a file, so the event loop is never blocked and memory does not grow with the ticket; at most
``RENDER_CONCURRENCY`` renders run at once. Requests for the same copy (ticket, format, audience) while
one renders wait for it and share its files. Each member may ask for ``REQUESTS_PER_MEMBER`` transcripts
per ``REQUEST_WINDOW``. An HTML transcript with files it does not show inline arrives as a zip holding
them, under the names its links use; a transcript bigger than the upload limit is zipped, and if that
is still too big, split into parts that each fit (then its files are named, not linked).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import KW_ONLY, dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import discord

from bot import i18n, messages
from bot.clock import Clock
from bot.domain.models import GroupMode, Ticket, TicketGroup
from bot.domain.ratelimit import SlidingWindow
from bot.domain.text import discord_time
from bot.domain.timeutil import to_iso
from bot.errors import Conflict, LimitReached, NotAllowed, NotFound
from bot.transcripts import render as renderer
from bot.transcripts.render import OWNER, STAFF, Context, attachment_entry
from storage import Connection, Database
from storage import members as member_repo
from storage import messages as message_repo
from storage import tickets as ticket_repo
from storage.events import record
from storage.messages import ArchivedAttachment

from .access import Access
from .archive import ArchiveService, Backfill
from .audit import Audit
from .blobs import BlobStore
from .cache import ConfigCache
from .events import TicketDeleting
from .tickets import TicketService

log = logging.getLogger(__name__)

DM_LIMIT = 10 * 1024 * 1024
ZIP_MARGIN = 64 * 1024
REQUESTS_PER_MEMBER = 3  # transcript requests (/transcript get, the Transcript button) per member ...
REQUEST_WINDOW = timedelta(minutes=1)  # ... within this window; README's transcript section says so
RENDER_CONCURRENCY = 2  # renders at once; more would only fight over the interpreter with the event loop


@dataclass(slots=True)
class Delivery:
    """Files ready to upload (one, a zip, or parts), in a folder removed by :meth:`cleanup` (when the
    files are shared with other requests, by the last cleanup)."""

    ticket: Ticket
    fmt: str
    audience: str
    paths: list[Path]
    folder: Path
    notes: list[str] = field(default_factory=list)
    release: Callable[[], None] | None = None

    def files(self) -> list[discord.File]:
        return [discord.File(path, filename=path.name) for path in self.paths]

    def cleanup(self) -> None:
        release, self.release = self.release, None
        if release is not None:
            release()
        else:
            shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def copy(self) -> str:
        return messages.COPY_STAFF if self.audience == STAFF else messages.COPY_OWNER


def part_nonce(nonce: str | None, part: int) -> str | None:
    """The nonce of one part of a delivery sent in several messages (at most 25 characters)."""
    return None if nonce is None else f"{nonce[:21]}.{part}"


def _remove(paths: Iterable[Path]) -> None:
    """Remove files, then the folder among them if it is empty."""
    for path in paths:
        if path.is_dir():
            with contextlib.suppress(OSError):
                path.rmdir()
        else:
            path.unlink(missing_ok=True)


def _iso(moment: Any) -> str | None:
    return to_iso(moment) if moment is not None else None


@dataclass(eq=False)
class _Flight:
    """One render that everyone asking for the same copy meanwhile waits for; its folder goes when the
    render is done and the last of them has cleaned up."""

    task: asyncio.Task[Delivery]
    holders: int = 0

    def join(self) -> None:
        self.holders += 1

    def release(self) -> None:
        self.holders -= 1
        self._remove_if_unused()

    def finished(self, task: asyncio.Task[Delivery]) -> None:
        if not task.cancelled():
            task.exception()  # retrieved here: every waiter may have gone
        self._remove_if_unused()

    def _remove_if_unused(self) -> None:
        task = self.task
        if self.holders <= 0 and task.done() and not task.cancelled() and task.exception() is None:
            shutil.rmtree(task.result().folder, ignore_errors=True)


@dataclass(eq=False)
class TranscriptService:
    client: discord.Client
    db: Database
    clock: Clock
    cache: ConfigCache
    access: Access
    audit: Audit
    archive: ArchiveService
    blobs: BlobStore
    tickets: TicketService
    _: KW_ONLY
    root: Path
    scratch: Path
    database_path: Path
    inline_max_bytes: int
    requests: SlidingWindow = field(
        default_factory=lambda: SlidingWindow(REQUESTS_PER_MEMBER, REQUEST_WINDOW), init=False, repr=False
    )
    _flights: dict[tuple[int, str, str, int], _Flight] = field(default_factory=dict, init=False, repr=False)
    _render_slots: asyncio.Semaphore = field(
        default_factory=lambda: asyncio.Semaphore(RENDER_CONCURRENCY), init=False, repr=False
    )

    def admit(self, member_id: int) -> None:
        """Count a transcript request by ``member_id``; past the limit, say when they can ask again."""
        again = self.requests.take(member_id, self.clock.now())
        if again is not None:
            raise LimitReached(
                messages.TRANSCRIPT_RATE_LIMITED.format(
                    limit=REQUESTS_PER_MEMBER, when=discord_time(again, "R")
                )
            )

    # -- who gets which copy -------------------------------------------------------------------------

    async def audience_for(self, viewer: discord.Member, ticket: Ticket) -> str:
        """Staff get the full copy with notes; the owner and added members get theirs; others nothing."""
        if self.access.is_ticket_staff(viewer, ticket):
            return STAFF
        members = await self.db.read(member_repo.ids, ticket.id)
        if viewer.id == ticket.owner_id or viewer.id in members:
            return OWNER
        error = NotAllowed(messages.OWNER_OR_STAFF)
        await self.audit.refused(ticket, "transcript.get", viewer.id, error)
        raise error

    # -- building -----------------------------------------------------------------------------------------

    async def context(self, ticket: Ticket, audience: str) -> Context:
        guild = self.client.get_guild(ticket.guild_id)
        group = self.cache.group_of(ticket)
        db_path = self.database_path
        channel_authors = await asyncio.to_thread(
            message_repo.message_authors, db_path, ticket.id, ["ticket"]
        )
        notes_authors = await asyncio.to_thread(message_repo.message_authors, db_path, ticket.id, ["notes"])
        added = await self.db.read(member_repo.ids, ticket.id)
        names: dict[tuple[str, int], str] = {}
        if guild is not None:
            names.update({("role", r.id): r.name for r in guild.roles})
            names.update({("channel", c.id): c.name for c in guild.channels})
        for author_id, name, _, _ in [*channel_authors, *notes_authors]:
            names[("user", author_id)] = name

        def member_json(user_id: int, name: str | None, avatar: str | None, bot: bool) -> dict[str, Any]:
            member = guild.get_member(user_id) if guild else None
            if member is not None:
                names[("user", user_id)] = member.display_name
            return {
                "id": str(user_id),
                "name": member.display_name if member else (name or str(user_id)),
                "avatar": member.display_avatar.url if member else avatar,
                "bot": member.bot if member else bot,
                "joined_at": _iso(member.joined_at) if member else None,
                "roles": [str(r.id) for r in member.roles[1:]] if member else [],
                "rating": ticket.rating if user_id == ticket.owner_id else None,
            }

        people = {ticket.owner_id: (None, None, False), **{m: (None, None, False) for m in added}}
        people.update({a[0]: (a[1], a[2], bool(a[3])) for a in channel_authors})
        channel_members = [member_json(uid, *info) for uid, info in people.items()]
        thread_members = (
            [member_json(a[0], a[1], a[2], bool(a[3])) for a in notes_authors] if audience == STAFF else []
        )
        return Context(
            guild=self._guild_json(guild, audience),
            group=self._group_json(group),
            ticket=self._ticket_json(ticket, group, audience),
            channel_members=channel_members,
            thread_members=thread_members,
            audience=audience,
            names=names,
            generated_at=to_iso(self.clock.now()) or "",
            language=self.cache.language(guild if guild is not None else ticket.guild_id),
        )

    def _guild_json(self, guild: discord.Guild | None, audience: str) -> dict[str, Any]:
        if guild is None:
            return {}
        if audience != STAFF:  # the owner's copy does not list the server's channels and roles
            return {
                "id": str(guild.id),
                "name": guild.name,
                "premium": guild.premium_tier > 0,
                "roles": [],
                "channels": [],
            }
        return {
            "id": str(guild.id),
            "name": guild.name,
            "premium": guild.premium_tier > 0,
            "roles": [
                {
                    "id": str(r.id),
                    "name": r.name,
                    "color": f"#{r.colour.value:06x}",
                    "position": r.position,
                    "hoist": r.hoist,
                }
                for r in guild.roles
            ],
            "channels": [
                {
                    "id": str(c.id),
                    "name": c.name,
                    "type": c.type.value,
                    "parent_id": str(c.category_id) if c.category_id else None,
                    "position": c.position,
                }
                for c in guild.channels
            ],
        }

    def _group_json(self, group: TicketGroup | None) -> dict[str, Any]:
        if group is None:
            return {}
        return {
            "id": str(group.id),
            "name": group.name,
            "form_title": group.form_title,
            "form_fields": [f.to_json() for f in group.form_fields],
            "schedule": group.schedule.to_json() if group.schedule else [],
            "schedule_timezone": group.timezone,
            "priority_levels": [lv.to_json() for lv in group.priority_levels],
            "rating_levels": [lv.to_json() for lv in group.rating_levels],
        }

    def _ticket_json(self, ticket: Ticket, group: TicketGroup | None, audience: str) -> dict[str, Any]:
        thread_mode = group is not None and group.mode is GroupMode.THREAD
        return {
            "id": str(ticket.id),
            "uuid": ticket.uuid,
            "status": str(ticket.status),
            "owner_id": str(ticket.owner_id),
            "channel_id": str(ticket.channel_id) if ticket.channel_id and not thread_mode else None,
            "thread_id": str(ticket.channel_id) if ticket.channel_id and thread_mode else None,
            "notes_thread_id": str(ticket.notes_thread_id)
            if ticket.notes_thread_id and audience == STAFF
            else None,
            "assigned_id": str(ticket.assigned_id) if ticket.assigned_id else None,
            "number": ticket.number,
            "priority": ticket.priority,
            "rating": ticket.rating,
            "private": True,
            "form": ticket.form,
            "locked_at": _iso(ticket.locked_at),
            "opened_at": _iso(ticket.opened_at),
            "closed_reason": ticket.closed_reason,
            "closed_at": _iso(ticket.closed_at),
            "created_at": _iso(ticket.created_at),
            "deleted_at": _iso(ticket.deleted_at),
            "transcript_saved_at": _iso(ticket.transcript_saved_at),
        }

    async def build(self, ticket: Ticket, fmt: str, audience: str, limit: int) -> Delivery:
        """Render ``fmt`` for ``audience`` into files that each fit ``limit`` bytes; a request for the same
        copy while it renders gets the same files."""
        key = (ticket.id, fmt, audience, limit)
        flight = self._flights.get(key)
        if flight is None:
            task = asyncio.get_running_loop().create_task(
                self._build(ticket, fmt, audience, limit), name=f"transcript-{ticket.id}-{fmt}-{audience}"
            )
            flight = self._flights[key] = _Flight(task)

            def landed(done: asyncio.Task[Delivery], key: Any = key, flight: _Flight = flight) -> None:
                if self._flights.get(key) is flight:
                    del self._flights[key]
                flight.finished(done)

            task.add_done_callback(landed)
        flight.join()
        try:
            built = await asyncio.shield(flight.task)
        except BaseException:
            flight.release()
            raise
        return Delivery(
            built.ticket, fmt, audience, list(built.paths), built.folder, list(built.notes), flight.release
        )

    async def _build(self, ticket: Ticket, fmt: str, audience: str, limit: int) -> Delivery:
        await self.archive.backfill(ticket, full=False)
        ticket = await self.tickets.get(ticket.id)
        ctx = await self.context(ticket, audience)
        self.scratch.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="transcript-", dir=self.scratch))
        try:
            async with self._render_slots:
                paths, notes = await asyncio.to_thread(self._render_and_pack, ticket, ctx, fmt, limit, folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return Delivery(ticket, fmt, audience, paths, folder, notes)

    def _render_and_pack(
        self, ticket: Ticket, ctx: Context, fmt: str, limit: int, folder: Path
    ) -> tuple[list[Path], list[str]]:
        """In a worker thread: render (markdown included), then zip or split until every file fits.

        An HTML page links every stored file it does not show inline; those files go into the zip under
        the entry names the links use, so every link resolves inside the download."""
        db_path = self.database_path
        blobs = self.blobs
        inline_cap = min(self.inline_max_bytes, max(limit // 4, 0))

        def stream(source: str) -> Iterable[Any]:
            return message_repo.iter_messages(db_path, ticket.id, [source])

        def inline(attachment: Any) -> bytes | None:
            if attachment.sha256 is None or attachment.size > inline_cap:
                return None
            try:
                return blobs.get(ticket.uuid, attachment.sha256)
            except (OSError, ValueError):
                return None

        stem = f"ticket-{ticket.number}-{ctx.audience}"
        bundle: dict[str, ArchivedAttachment] = {}

        def linked(attachment: ArchivedAttachment) -> None:
            bundle.setdefault(attachment_entry(attachment), attachment)

        [single] = renderer.render(fmt, ctx, stream, folder, stem, inline, linked=linked)
        if not bundle and single.stat().st_size <= limit:
            return [single], []
        archive = folder / f"{stem}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            zipped.write(single, single.name)
            for entry, attachment in bundle.items():
                try:
                    zipped.writestr(entry, blobs.get(ticket.uuid, attachment.sha256 or ""))
                except (OSError, ValueError):
                    continue
        if archive.stat().st_size <= limit:
            single.unlink()
            return [archive], []
        archive.unlink()
        single.unlink()
        parts = renderer.render(
            fmt, ctx, stream, folder, f"{stem}-split", inline, max_part=max(limit - ZIP_MARGIN, 4096)
        )
        notes = [messages.ATTACHMENTS_NOT_DELIVERED] if bundle else []
        return parts, notes

    # -- operations -----------------------------------------------------------------------------------------

    async def get_copy(self, viewer: discord.Member, ticket: Ticket, fmt: str, limit: int) -> Delivery:
        audience = await self.audience_for(viewer, ticket)
        delivery = await self.build(ticket, fmt, audience, limit)
        try:
            await self.audit.event(
                guild_id=ticket.guild_id,
                ticket_id=ticket.id,
                action="transcript.get",
                actor_id=viewer.id,
                detail={"format": fmt, "audience": audience},
            )
        except BaseException:
            delivery.cleanup()
            raise
        return delivery

    async def save(
        self, actor: discord.Member | None, ticket: Ticket
    ) -> tuple[Ticket, Backfill, tuple[int, int, int]]:
        """Catch the archive up with Discord (edits and deletions included) and keep a JSON snapshot."""
        if actor is not None:
            await self.access.require_ticket_staff(actor, ticket, "transcript.save")
        caught_up = await self.archive.backfill(ticket, full=True)
        saved = await self.snapshot(await self.tickets.get(ticket.id))
        now = self.clock.now()

        def saved_now(tx: Connection) -> tuple[int, int, int]:
            record(
                tx,
                guild_id=ticket.guild_id,
                ticket_id=ticket.id,
                action="transcript.save",
                now=now,
                actor_id=actor.id if actor else None,
                detail={"added": caught_up.added, "edited": caught_up.edited, "deleted": caught_up.deleted},
            )
            return message_repo.counts(tx, ticket.id)

        counts = await self.db.write(saved_now)
        return saved, caught_up, counts

    async def snapshot(self, ticket: Ticket) -> Ticket:
        """Keep the staff JSON transcript as it is now on disk, and note when."""
        ctx = await self.context(ticket, STAFF)
        folder = self.root / ticket.uuid
        folder.mkdir(parents=True, exist_ok=True)
        now = self.clock.now()
        stem = f"saved-{now.strftime('%Y%m%dT%H%M%S')}"
        db_path = self.database_path
        written = await asyncio.to_thread(
            renderer.render_json,
            ctx,
            lambda source: message_repo.iter_messages(db_path, ticket.id, [source]),
            folder,
            stem,
        )
        saved = await self.db.write(ticket_repo.update, ticket.id, {"transcript_saved_at": now})
        if saved is None:  # purged meanwhile: what was just written must not outlive it
            await asyncio.to_thread(_remove, [*written, folder])
            raise NotFound(messages.TICKET_NOT_FOUND.format(number=ticket.number))
        return saved

    async def send(
        self, actor: discord.Member, ticket: Ticket, member: discord.Member, fmt: str = "html"
    ) -> None:
        """DM ``member`` the transcript (staff get the staff copy, everyone else the owner's)."""
        await self.access.require_ticket_staff(actor, ticket, "transcript.send")
        audience = STAFF if self.access.is_ticket_staff(member, ticket) else OWNER
        delivery = await self.build(ticket, fmt, audience, DM_LIMIT)
        try:
            with i18n.speaking(self.cache.language(actor.guild)):  # a DM from the server, in its language
                await self._post(
                    member,
                    delivery,
                    messages.TRANSCRIPT_READY.format(number=ticket.number, fmt=fmt, copy=delivery.copy),
                )
        except discord.Forbidden:
            raise Conflict(messages.TRANSCRIPT_DM_CLOSED.format(member=member.mention)) from None
        finally:
            delivery.cleanup()
        await self.audit.event(
            guild_id=ticket.guild_id,
            ticket_id=ticket.id,
            action="transcript.send",
            actor_id=actor.id,
            target_id=member.id,
            detail={"audience": audience},
        )

    async def _post(
        self, target: discord.abc.Messageable, delivery: Delivery, text: str, nonce: str | None = None
    ) -> None:
        """Upload the delivery's files, one per message when there are parts. With ``nonce``, Discord makes
        each message once however often this is retried (see the followups module)."""
        if len(delivery.paths) == 1:
            await target.send(
                text, file=delivery.files()[0], allowed_mentions=discord.AllowedMentions.none(), nonce=nonce
            )
            return
        for index, file in enumerate(delivery.files(), start=1):
            await target.send(
                messages.TRANSCRIPT_PARTS.format(
                    number=delivery.ticket.number,
                    fmt=delivery.fmt,
                    copy=delivery.copy,
                    part=index,
                    parts=len(delivery.paths),
                ),
                file=file,
                allowed_mentions=discord.AllowedMentions.none(),
                nonce=part_nonce(nonce, index),
            )

    async def post_closed(self, ticket: Ticket, nonce: str | None = None) -> None:
        """After a close: the staff copy in the group's transcript channel (if it has one)."""
        guild = self.client.get_guild(ticket.guild_id)
        group = self.cache.group_of(ticket)
        channel = guild.get_channel(group.transcript_channel_id or 0) if guild and group else None
        if guild is None or group is None or not isinstance(channel, discord.TextChannel):
            return
        reason = f": {ticket.closed_reason}" if ticket.closed_reason else ""
        delivery = await self.build(ticket, "html", STAFF, guild.filesize_limit)
        try:
            await self._post(
                channel,
                delivery,
                messages.TRANSCRIPT_CLOSED_POST.format(number=ticket.number, group=group.name, reason=reason),
                nonce,
            )
        except discord.HTTPException as exc:
            log.warning("could not post the transcript of ticket %s: %s", ticket.id, exc)
        finally:
            delivery.cleanup()

    async def send_owner_copy(self, ticket: Ticket, nonce: str | None = None) -> None:
        """After a close: the owner's copy by DM (if they are still in the server and accept DMs)."""
        guild = self.client.get_guild(ticket.guild_id)
        owner = guild.get_member(ticket.owner_id) if guild else None
        if guild is None or owner is None:
            return
        reason = f": {ticket.closed_reason}" if ticket.closed_reason else ""
        delivery = await self.build(ticket, "html", OWNER, DM_LIMIT)
        try:
            await self._post(
                owner,
                delivery,
                messages.TRANSCRIPT_OWNER_DM.format(number=ticket.number, server=guild.name, reason=reason),
                nonce,
            )
        except discord.HTTPException as exc:
            log.info("ticket %s: the owner's transcript could not be sent by DM: %s", ticket.id, exc)
        finally:
            delivery.cleanup()

    async def before_delete(self, event: TicketDeleting) -> None:
        """A channel about to be deleted: archive everything it still holds first, unless nothing happened
        since the snapshot saved at its close (a closed channel removed to make room, or past retention)."""
        if not await self._saved_and_current(event.ticket):
            await self.save(None, event.ticket)

    async def _saved_and_current(self, ticket: Ticket) -> bool:
        """Whether the ticket's saved snapshot still holds everything: no archive change since it was saved,
        and Discord's newest message in its channels is one the archive has."""
        guild = self.client.get_guild(ticket.guild_id)
        if ticket.transcript_saved_at is None or guild is None:
            return False
        heads, changed = await self.db.read(message_repo.saved_state, ticket.id, ticket.transcript_saved_at)
        if changed:
            return False
        for channel_id in (ticket.channel_id, ticket.notes_thread_id):
            if channel_id is None:
                continue
            channel = guild.get_channel_or_thread(channel_id)
            if channel is None:
                return False  # an archived thread is not in the gateway's data: save to be sure
            latest = getattr(channel, "last_message_id", None)
            if latest is not None and latest > heads.get(channel_id, 0):
                return False
        return True

"""Notes: a private staff-only thread attached to a ticket, invisible to its owner."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import discord

from bot import i18n, messages
from bot.clock import Clock
from bot.domain.models import GroupMode, Ticket, TicketStatus
from bot.domain.naming import thread_name
from bot.domain.text import clip
from bot.errors import Conflict, InvalidInput, TicketDeskError
from storage import Connection, Database
from storage import tickets as ticket_repo
from storage.events import record

from .access import Access
from .audit import Audit
from .cache import ConfigCache

log = logging.getLogger(__name__)


@dataclass(eq=False)
class NotesService:
    db: Database
    clock: Clock
    cache: ConfigCache
    access: Access
    audit: Audit

    async def thread_of(self, guild: discord.Guild, ticket: Ticket) -> discord.Thread | None:
        if ticket.notes_thread_id is None:
            return None
        found = guild.get_thread(ticket.notes_thread_id)
        if found is not None:
            return found
        try:
            fetched = await guild.fetch_channel(ticket.notes_thread_id)
        except discord.HTTPException:
            return None
        return fetched if isinstance(fetched, discord.Thread) else None

    async def create_notes(
        self, actor: discord.Member, ticket: Ticket, name: str | None = None, reason: str | None = None
    ) -> discord.Thread:
        """A private thread for staff: in the ticket channel, or (thread mode) in the group's parent channel."""
        await self.access.require_ticket_staff(actor, ticket, "notes.create")
        guild = actor.guild
        existing = await self.thread_of(guild, ticket)
        if existing is not None:
            error = Conflict(messages.NOTES_EXIST.format(thread=existing.mention))
            await self.audit.refused(ticket, "notes.create", actor.id, error)
            raise error
        if ticket.status is not TicketStatus.OPEN:
            raise Conflict(messages.NOTES_CLOSED.format(number=ticket.number))
        group = self.cache.group_of(ticket)
        title = thread_name(name or "")[:100] or f"notes-{ticket.number}"
        if group is not None and group.mode is GroupMode.THREAD:
            parent = guild.get_channel(group.parent_channel_id or 0)
        else:
            parent = guild.get_channel(ticket.channel_id or 0)
        if not isinstance(parent, discord.TextChannel):
            raise InvalidInput(messages.NOT_A_TICKET)
        with i18n.speaking(self.cache.language(guild)):  # the thread is for all the staff
            why = messages.AUDIT_NOTES.format(number=ticket.number)
            intro = messages.NOTES_INTRO.format(number=ticket.number, ticket=f"<#{ticket.channel_id}>")
        thread = await parent.create_thread(
            name=title, type=discord.ChannelType.private_thread, invitable=False, reason=why
        )
        now = self.clock.now()

        def made(tx: Connection) -> None:
            ticket_repo.update(tx, ticket.id, {"notes_thread_id": thread.id})
            record(
                tx,
                guild_id=ticket.guild_id,
                ticket_id=ticket.id,
                action="notes.create",
                now=now,
                actor_id=actor.id,
                reason=reason,
                detail={"thread_id": thread.id},
            )

        await self.db.write(made)
        for member_id in {actor.id, ticket.assigned_id}:
            if member_id:
                await self._add(thread, member_id)
        await thread.send(clip(intro, 2000), allowed_mentions=discord.AllowedMentions.none())
        return thread

    async def _add(self, thread: discord.Thread, member_id: int) -> None:
        try:
            await thread.add_user(discord.Object(member_id))
        except discord.HTTPException as exc:
            log.warning("could not add %s to notes thread %s: %s", member_id, thread.id, exc)

    async def change_members(
        self,
        actor: discord.Member,
        ticket: Ticket,
        member: discord.Member,
        *,
        add: bool,
        reason: str | None = None,
    ) -> discord.Thread:
        """Add staff to (or remove anyone from) the notes thread; the owner and non-staff are never added."""
        action = "notes.add" if add else "notes.remove"
        await self.access.require_ticket_staff(actor, ticket, action)
        thread = await self.thread_of(actor.guild, ticket)
        try:
            if thread is None:
                raise Conflict(messages.NOTES_MISSING.format(number=ticket.number))
            if add:
                is_staff = self.access.is_ticket_staff(member, ticket)
                if member.bot or member.id == ticket.owner_id or not is_staff:
                    raise InvalidInput(messages.NOTES_STAFF_ONLY.format(member=member.mention))
        except TicketDeskError as exc:
            await self.audit.refused(ticket, action, actor.id, exc)
            raise
        if add:
            await thread.add_user(member)
        else:
            await thread.remove_user(member)
        await self.audit.event(
            guild_id=ticket.guild_id,
            ticket_id=ticket.id,
            action=action,
            actor_id=actor.id,
            target_id=member.id,
            reason=reason,
        )
        return thread

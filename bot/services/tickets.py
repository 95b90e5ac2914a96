"""Ticket operations once a ticket exists: lookups and keeping in step with Discord."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.domain.models import Ticket, TicketStatus
from bot.services.audit import record
from storage import tickets as ticket_repo

if TYPE_CHECKING:
    from bot.app import TicketDeskBot

log = logging.getLogger(__name__)

CHANNEL_DELETED = "The ticket's channel was deleted by hand."


class TicketService:
    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot

    async def get(self, ticket_id: int) -> Ticket:
        async with self.bot.db.reader() as conn:
            ticket = await ticket_repo.get(conn, ticket_id)
        if ticket is None:
            raise LookupError(f"ticket {ticket_id} does not exist")
        return ticket

    async def by_channel(self, channel_id: int) -> Ticket | None:
        async with self.bot.db.reader() as conn:
            return await ticket_repo.get_by_channel(conn, channel_id)

    async def channel_gone(self, channel_id: int) -> Ticket | None:
        """The ticket's channel or thread was deleted outside the bot: the ticket ends, its record stays."""
        ticket = await self.by_channel(channel_id)
        if ticket is None or ticket.status not in (TicketStatus.OPEN, TicketStatus.CLOSED):
            return None
        now = self.bot.clock.now()
        changes = {"status": TicketStatus.DELETED, "deleted_at": now, "open_slot": None}
        if ticket.status is TicketStatus.OPEN:
            changes.update({"closed_at": now, "closed_reason": CHANNEL_DELETED})
        async with self.bot.db.transaction() as tx:
            updated = await ticket_repo.update(tx, ticket.id, changes, expect_status=[ticket.status])
            if updated is not None:
                await record(
                    tx,
                    guild_id=ticket.guild_id,
                    ticket_id=ticket.id,
                    action="delete",
                    now=now,
                    reason=CHANNEL_DELETED,
                    detail={"channel_id": channel_id, "by": "discord"},
                )
        if updated is not None:
            log.info(
                "ticket %s in guild %s ended: its channel %s was deleted",
                ticket.id,
                ticket.guild_id,
                channel_id,
            )
        return updated

"""The audit trail: an event row for every action, allowed or refused."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from bot.clock import Clock
from bot.domain.models import Ticket
from bot.domain.text import clip
from bot.errors import TicketDeskError
from storage import Database, events


async def record(
    tx: aiosqlite.Connection,
    *,
    guild_id: int,
    action: str,
    now: datetime,
    ticket_id: int | None = None,
    actor_id: int | None = None,
    target_id: int | None = None,
    reason: str | None = None,
    anonymous: bool = False,
    allowed: bool = True,
    detail: dict[str, Any] | None = None,
) -> int:
    """Write one event row inside the caller's transaction."""
    return await events.record(
        tx,
        guild_id=guild_id,
        action=action,
        now=now,
        ticket_id=ticket_id,
        actor_id=actor_id,
        target_id=target_id,
        reason=None if reason is None else clip(reason, 1000),
        anonymous=anonymous,
        allowed=allowed,
        detail=detail,
    )


class Audit:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def event(self, **kwargs: Any) -> int:
        """Record an event in its own transaction (for actions that change nothing else)."""
        async with self.db.transaction() as tx:
            return await record(tx, now=self.clock.now(), **kwargs)

    async def refused(
        self, ticket: Ticket, action: str, actor_id: int | None, error: TicketDeskError
    ) -> None:
        """Record that ``action`` on ``ticket`` was refused, and why."""
        await self.event(
            guild_id=ticket.guild_id,
            ticket_id=ticket.id,
            action=action,
            actor_id=actor_id,
            allowed=False,
            reason=f"refused: {error.message}",
            detail={"number": ticket.number},
        )

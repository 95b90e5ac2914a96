"""The audit trail: an event row for every action, allowed or refused (``record`` writes one in a
transaction the caller holds; :class:`Audit` in one of its own)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.clock import Clock
from bot.domain.models import Ticket
from bot.errors import TicketDeskError
from storage import Database
from storage.events import record


@dataclass(eq=False)
class Audit:
    db: Database
    clock: Clock

    async def event(self, **kwargs: Any) -> int:
        """Record an event in its own transaction (for actions that change nothing else)."""
        return await self.db.write(record, now=self.clock.now(), **kwargs)

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

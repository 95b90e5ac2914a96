"""Time-driven work: expired tickets and inactivity auto-close.

Nothing is kept in memory: what is due is read from the tickets themselves, so a restart loses nothing
(due work runs at start-up) and a close is a conditional update, so it never happens twice.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import TicketDeskBot

log = logging.getLogger(__name__)
MIN_SLEEP = timedelta(seconds=1)


class Scheduler:
    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot
        self._task: asyncio.Task[None] | None = None

    @property
    def interval(self) -> timedelta:
        return timedelta(seconds=self.bot.settings.scheduler_interval_seconds)

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._loop(), name="td-bg:scheduler")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def run_due(self) -> int:
        """Close whatever is due now, and delete the data of guilds left long enough ago."""
        closed = await self.bot.services.tickets.close_due()
        await self.bot.services.guilds.purge_departed()
        return closed

    async def _loop(self) -> None:
        while True:
            try:
                closed = await self.run_due()
                if closed:
                    log.info("scheduler closed %s ticket(s)", closed)
                due = await self.bot.services.tickets.next_due()
            except Exception:
                log.exception("scheduled work failed; trying again at the next interval")
                due = None
            now = self.bot.clock.now()
            wake = now + self.interval
            if due is not None:
                wake = min(wake, max(due, now + MIN_SLEEP))
            await self.bot.clock.sleep_until(wake)

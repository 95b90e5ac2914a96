"""Time-driven work: expired tickets, inactivity auto-close, and deleting the data of departed guilds.

Nothing is kept in memory: what is due is read from the tickets themselves, so a restart loses nothing
(due work runs at start-up) and a close is a conditional update, so it never happens twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta

from bot.clock import Clock

log = logging.getLogger(__name__)
MIN_SLEEP = timedelta(seconds=1)


class Scheduler:
    """Runs ``close_due`` (returns how many tickets it closed) and the ``housekeeping`` jobs, then sleeps
    until ``next_due`` or the interval, whichever comes first."""

    def __init__(
        self,
        clock: Clock,
        interval: timedelta,
        *,
        close_due: Callable[[], Awaitable[int]],
        next_due: Callable[[], Awaitable[datetime | None]],
        housekeeping: Sequence[Callable[[], Awaitable[object]]] = (),
    ) -> None:
        self.clock = clock
        self.interval = interval
        self.close_due = close_due
        self.next_due = next_due
        self.housekeeping = list(housekeeping)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._loop(), name="td-bg:scheduler")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def run_due(self) -> int:
        """Close whatever is due now, then the housekeeping; returns how many tickets were closed."""
        closed = await self.close_due()
        for job in self.housekeeping:
            await job()
        return closed

    async def _loop(self) -> None:
        while True:
            try:
                closed = await self.run_due()
                if closed:
                    log.info("scheduler closed %s ticket(s)", closed)
                due = await self.next_due()
            except Exception:
                log.exception("scheduled work failed; trying again at the next interval")
                due = None
            now = self.clock.now()
            wake = now + self.interval
            if due is not None:
                wake = min(wake, max(due, now + MIN_SLEEP))
            await self.clock.sleep_until(wake)

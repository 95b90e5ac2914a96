"""The fake clock shared by the simulated Discord and the bot: tests move time instead of sleeping."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any


class FakeClock:
    """The world's and the bot's clock; tests move it with :meth:`advance`, which wakes sleepers."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = (start or datetime.now(UTC)).replace(microsecond=0)
        self._moved: asyncio.Event | None = None
        self.sleepers: set[asyncio.Task[Any]] = set()

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = moment
        self._wake()

    def advance(self, delta: timedelta) -> None:
        self._now += delta
        self._wake()

    def _wake(self) -> None:
        if self._moved is not None:
            self._moved.set()
            self._moved = None

    async def sleep_until(self, moment: datetime) -> None:
        task = asyncio.current_task()
        assert task is not None
        self.sleepers.add(task)
        try:
            while self._now < moment:
                if self._moved is None:
                    self._moved = asyncio.Event()
                await self._moved.wait()
        finally:
            self.sleepers.discard(task)

"""A sliding-window rate limit: at most ``limit`` requests per key within ``window`` (pure, no clock)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

PRUNE_ABOVE = 1024  # keys kept before stale ones are dropped


@dataclass
class SlidingWindow:
    limit: int
    window: timedelta
    _seen: dict[int, deque[datetime]] = field(default_factory=dict, repr=False)

    def take(self, key: int, now: datetime) -> datetime | None:
        """Count one request by ``key`` at ``now`` and return None; or, when ``key`` has used up its
        requests, count nothing and return the moment its next request will be allowed."""
        stamps = self._seen.setdefault(key, deque())
        while stamps and stamps[0] <= now - self.window:
            stamps.popleft()
        if len(stamps) >= self.limit:
            return stamps[0] + self.window
        stamps.append(now)
        if len(self._seen) > PRUNE_ABOVE:
            self._prune(now)
        return None

    def _prune(self, now: datetime) -> None:
        stale = [key for key, stamps in self._seen.items() if not stamps or stamps[-1] <= now - self.window]
        for key in stale:
            del self._seen[key]

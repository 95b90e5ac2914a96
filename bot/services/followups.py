"""What follows a close, done after the staff member has their answer, and done exactly once.

A close writes a follow-up row in its own transaction (``storage.follow_ups``), so the work survives a
restart. The steps run in order in the background: catch the archive up and save the JSON snapshot,
post the staff copy in the transcript channel, send the owner their copy, ask the owner for a rating.
After each step the row records it, so a restart resumes with the next one. The one gap left, a crash
after Discord made a message and before the step was recorded, is closed by Discord itself: every
message a step sends carries a nonce made from the ticket, the round and the step, and Discord returns
the message it already made for a repeated nonce instead of making a second one.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot import i18n
from bot.clock import Clock
from bot.domain.models import Ticket
from bot.errors import NotFound
from storage import Database
from storage import follow_ups as follow_repo
from storage import tickets as ticket_repo
from storage.follow_ups import FollowUp

from .cache import ConfigCache
from .events import CLOSED, TicketClosed
from .feedback import FeedbackService
from .transcripts import TranscriptService

log = logging.getLogger(__name__)

AT_ONCE = 2  # follow-ups running together (each renders transcripts in a worker thread)
ATTEMPTS = 5  # a step that keeps failing is given up after this many tries (each at a scheduler tick)

Step = Callable[[Ticket, str], Awaitable[None]]


def nonce(job: FollowUp, step: int) -> str:
    """A nonce for the messages of one step of one round (Discord allows 25 characters)."""
    text = f"{job.ticket_id}:{job.kind}:{job.generation}:{step}"
    return hashlib.sha256(text.encode()).hexdigest()[:20]


@dataclass(eq=False)
class FollowUps:
    db: Database
    clock: Clock
    cache: ConfigCache
    transcripts: TranscriptService
    feedback: FeedbackService
    _running: dict[int, asyncio.Task[None]] = field(default_factory=dict, init=False, repr=False)
    _kicked: set[int] = field(default_factory=set, init=False, repr=False)
    _gate: asyncio.Semaphore = field(
        default_factory=lambda: asyncio.Semaphore(AT_ONCE), init=False, repr=False
    )

    def steps(self) -> list[Step]:
        return [
            self._save,
            self.transcripts.post_closed,
            self.transcripts.send_owner_copy,
            self.feedback.request,
        ]

    async def on_closed(self, event: TicketClosed) -> None:
        self.kick(event.ticket.id)

    async def resume(self) -> int:
        """Start every follow-up a restart (or a failure) left unfinished; returns how many there are."""
        pending = await self.db.read(follow_repo.pending)
        for job in pending:
            self.kick(job.ticket_id)
        return len(pending)

    def kick(self, ticket_id: int) -> None:
        """Run the ticket's follow-up now; if it runs already, it looks again before it stops."""
        if ticket_id in self._running:
            self._kicked.add(ticket_id)
            return
        self._running[ticket_id] = asyncio.create_task(self._run(ticket_id), name=f"td:follow-up:{ticket_id}")

    async def idle(self) -> None:
        """Wait until no follow-up runs (shutting down, tests)."""
        while self._running:
            await asyncio.gather(*list(self._running.values()), return_exceptions=True)

    async def _run(self, ticket_id: int) -> None:
        try:
            async with self._gate:
                while True:
                    self._kicked.discard(ticket_id)
                    if not await self._round(ticket_id) and ticket_id not in self._kicked:
                        return
        finally:
            self._running.pop(ticket_id, None)  # here, not in a callback: a kick from now on starts anew

    async def _round(self, ticket_id: int) -> bool:
        """Run what is left of the queued round; True when another round was asked for meanwhile."""
        job = await self.db.read(follow_repo.get, ticket_id, CLOSED)
        ticket = await self.db.read(ticket_repo.get, ticket_id)
        if job is None or ticket is None:
            return False
        steps = self.steps()
        for index in range(job.step, len(steps)):
            try:
                with i18n.speaking(self.cache.language(ticket.guild_id)):  # posts and DMs: the server's
                    await steps[index](ticket, nonce(job, index))
            except NotFound:
                return False  # the ticket's data was deleted (a purge) meanwhile: nothing left to deliver
            except Exception:
                tries = await self.db.write(follow_repo.failed, job)
                log.exception("ticket %s: step %s after its close failed (try %s)", ticket_id, index, tries)
                if tries < ATTEMPTS:
                    return False  # tried again at the scheduler's next tick
                log.error("ticket %s: step %s given up after %s tries", ticket_id, index, tries)
            await self.db.write(follow_repo.advance, job, index + 1)
            if index == 0:  # the save brought the record up to date (transcript_saved_at)
                ticket = await self.db.read(ticket_repo.get, ticket_id) or ticket
        return await self.db.write(follow_repo.finish, job, self.clock.now())

    async def _save(self, ticket: Ticket, _: str) -> None:
        await self.transcripts.save(None, ticket)

"""The small list of things that happen, and who follows them.

An operation does its own work and then *emits* what happened; whatever follows (the transcript and
the feedback request after a close, a line in the log channel, a panel refreshed after its group was
deleted) *subscribes*. Subscribers run in the order they subscribed, one after another. A failing
subscriber is logged and does not undo the operation, except for events marked ``critical``, which
are preconditions (archiving a channel before it is deleted): their failure stops the operation.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

import discord

from bot import i18n
from bot.domain.forms import Answer
from bot.domain.models import Ticket, TicketGroup

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TicketOpened:
    guild: discord.Guild
    group: TicketGroup
    ticket: Ticket
    channel: discord.TextChannel | discord.Thread
    owner: discord.Member
    answers: list[Answer] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TicketActed:
    """An operation changed a ticket (close, claim, rename, ...); ``actor`` is how it reads (a mention or "the bot")."""

    guild: discord.Guild
    group: TicketGroup
    ticket: Ticket
    action: str
    actor: str
    reason: str | None


CLOSED = "closed"  # the follow-up kind queued by every close (see the followups module)


@dataclass(frozen=True, slots=True)
class TicketClosed:
    """A ticket stopped being open: closed by someone, by the scheduler, or its channel was deleted."""

    ticket: Ticket


@dataclass(frozen=True, slots=True)
class TicketDeleting:
    """A ticket's channel is about to be deleted: whatever needs it must finish now."""

    ticket: Ticket
    critical: ClassVar[bool] = True


@dataclass(frozen=True, slots=True)
class CategoryOverflow:
    guild: discord.Guild
    group: TicketGroup
    number: int


@dataclass(frozen=True, slots=True)
class GroupDeleted:
    guild: discord.Guild
    group: TicketGroup
    panel_ids: list[int]


E = TypeVar("E")
Handler = Callable[[Any], Awaitable[None]]


class EventBus:
    """Subscribers run in the language of the event's server (what follows an operation is for everyone
    to read: the log channel, the transcript post, a refreshed panel), given by ``language``."""

    def __init__(self, language: Callable[[int], str] | None = None) -> None:
        self._handlers: dict[type[Any], list[Handler]] = {}
        self._language = language

    def subscribe(self, kind: type[E], handler: Callable[[E], Awaitable[None]]) -> None:
        self._handlers.setdefault(kind, []).append(handler)

    async def emit(self, event: object) -> None:
        handlers = self._handlers.get(type(event), [])
        guild_id = _guild_id(event)
        if not handlers or self._language is None or guild_id is None:
            await self._run(handlers, event)
            return
        with i18n.speaking(self._language(guild_id)):
            await self._run(handlers, event)

    async def _run(self, handlers: list[Handler], event: object) -> None:
        for handler in handlers:
            if getattr(event, "critical", False):
                await handler(event)
                continue
            try:
                await handler(event)
            except Exception:
                log.exception(
                    "%s after %s failed", getattr(handler, "__qualname__", handler), type(event).__name__
                )


def _guild_id(event: object) -> int | None:
    guild = getattr(event, "guild", None)
    if guild is not None:
        return int(guild.id)
    ticket = getattr(event, "ticket", None)
    return ticket.guild_id if ticket is not None else None

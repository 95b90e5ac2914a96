"""Errors a user can cause. Each carries the sentence the user is shown, ephemerally."""

from __future__ import annotations


class TicketDeskError(Exception):
    """Base class: ``message`` is a plain sentence for the person who acted."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(TicketDeskError):
    """The thing named does not exist (or not in this server)."""


class NotAllowed(TicketDeskError):
    """The person who acted may not do this."""


class InvalidInput(TicketDeskError):
    """An option or form value is not acceptable."""


class Conflict(TicketDeskError):
    """The ticket or setting is not in a state where this can happen."""


class LimitReached(TicketDeskError):
    """A limit (per-user tickets, cooldown, channels per category, ...) stops this."""


class NoRoom(LimitReached):
    """Every category a new ticket channel may go in is full (closed tickets there can make room)."""


class ModuleDisabled(TicketDeskError):
    """Tickets are switched off in this server."""


class MissingDiscordPermission(TicketDeskError):
    """Discord refused the bot; an admin has to grant it a permission."""


class Blacklisted(NotAllowed):
    """The member (or one of their roles) is kept from opening tickets in this server."""


class OwnerBlacklisted(TicketDeskError):
    """Staff are opening a ticket for a blacklisted member: they are warned, and may go on."""

"""Ticket lifecycle rules: which operation is possible in which state, who may do it, where it lives."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from bot import messages
from bot.domain.models import Event, Ticket, TicketGroup, TicketStatus

OPEN, CLOSED = TicketStatus.OPEN, TicketStatus.CLOSED


class Action(StrEnum):
    CLOSE = "close"
    REOPEN = "reopen"
    DELETE = "delete"
    LOCK = "lock"
    UNLOCK = "unlock"
    CLAIM = "claim"
    ASSIGN = "assign"
    UNASSIGN = "unassign"
    TRANSFER = "transfer"
    OWNER = "owner"
    ADD = "add"
    REMOVE = "remove"
    RENAME = "rename"
    PRIORITY = "priority"
    MOVE = "move"
    EXPIRE = "expire"
    ETERNAL = "eternal"
    CLOSE_REQUEST = "close_request"
    KEEP_OPEN = "keep_open"


STATES: dict[Action, frozenset[TicketStatus]] = {
    Action.CLOSE: frozenset({OPEN}),
    Action.REOPEN: frozenset({CLOSED}),
    Action.DELETE: frozenset({OPEN, CLOSED}),
    Action.LOCK: frozenset({OPEN}),
    Action.UNLOCK: frozenset({OPEN}),
    Action.CLAIM: frozenset({OPEN}),
    Action.ASSIGN: frozenset({OPEN}),
    Action.UNASSIGN: frozenset({OPEN}),
    Action.TRANSFER: frozenset({OPEN}),
    Action.OWNER: frozenset({OPEN, CLOSED}),
    Action.ADD: frozenset({OPEN}),
    Action.REMOVE: frozenset({OPEN}),
    Action.RENAME: frozenset({OPEN, CLOSED}),
    Action.PRIORITY: frozenset({OPEN, CLOSED}),
    Action.MOVE: frozenset({OPEN}),
    Action.EXPIRE: frozenset({OPEN}),
    Action.ETERNAL: frozenset({OPEN, CLOSED}),
    Action.CLOSE_REQUEST: frozenset({OPEN}),
    Action.KEEP_OPEN: frozenset({OPEN}),
}

ANNOUNCED = frozenset({"create", *(action.value for action in Action)})


def status_word(status: TicketStatus | str) -> str:
    """A status as a word, in the language speaking now."""
    word: str = messages.STATUS_WORDS[str(status)]
    return word


def announced(event: Event) -> bool:
    """An event the ticket itself announced (an allowed lifecycle operation, or its opening): the owner may
    see it; everything else (notes, transcripts, refusals) is staff-only."""
    return event.allowed and event.action in ANNOUNCED


def owner_may(action: Action, group: TicketGroup | None) -> bool:
    """Owners may close (and reopen) their own ticket when the group allows it, and always answer a close
    request with "keep it open"; everything else is staff's."""
    if action is Action.KEEP_OPEN:
        return True
    return action in (Action.CLOSE, Action.REOPEN) and group is not None and group.owner_can_close


def state_refusal(action: Action, ticket: Ticket) -> str | None:
    """Why ``action`` cannot happen to ``ticket`` in its current state (None: it can)."""
    number = ticket.number
    if ticket.status not in STATES[action]:
        return messages.STATE_REFUSED.format(
            number=number, status=status_word(ticket.status), done=messages.ACTION_PAST[action]
        )
    if action is Action.LOCK and ticket.locked_at is not None:
        return messages.ALREADY_LOCKED.format(number=number)
    if action is Action.UNLOCK and ticket.locked_at is None:
        return messages.NOT_LOCKED.format(number=number)
    if action is Action.UNASSIGN and ticket.assigned_id is None:
        return messages.NOT_ASSIGNED.format(number=number)
    if action is Action.TRANSFER and ticket.assigned_id is None:
        return messages.NOT_CLAIMED.format(number=number)
    return None


def home_kind(ticket: Ticket) -> str:
    """Which of the group's places a ticket belongs in: closed, locked, assigned or open."""
    if ticket.status is CLOSED:
        return "closed"
    if ticket.locked_at is not None:
        return "locked"
    if ticket.assigned_id is not None:
        return "assigned"
    return "open"


def status_category(ticket: Ticket, group: TicketGroup) -> int | None:
    """The status category the ticket should sit in; None means one of the group's open categories."""
    kind = home_kind(ticket)
    chain = {
        "closed": [group.closed_category_id],
        "locked": [group.locked_category_id],
        "assigned": [group.assigned_category_id],
        "open": [],
    }[kind]
    return next((c for c in chain if c), None)


def owner_can_write(ticket: Ticket) -> bool:
    """The owner and added members may write only in an open, unlocked ticket."""
    return ticket.status is OPEN and ticket.locked_at is None


def inactivity_due(ticket: Ticket, seconds: int, *, owner_only: bool) -> datetime | None:
    """When an inactive ticket closes: its last activity (the owner's only, if so configured) plus the limit."""
    last = (ticket.last_owner_activity if owner_only else ticket.last_activity) or ticket.opened_at
    return None if last is None else last + timedelta(seconds=seconds)


def auto_close_step(
    due: datetime,
    warn: timedelta | None,
    warned_for: datetime | None,
    warned_at: datetime | None,
    now: datetime,
) -> tuple[str, datetime | None]:
    """What the scheduler does now about a ticket that closes by itself at ``due`` (expiry or inactivity).

    Returns ``("close", None)``, ``("warn", when)`` (post a warning announcing the close at ``when``), or
    ``("wait", when)`` (look again then). With a warning length, a period (identified by its ``due``) gets
    one warning, and the close comes no sooner than that long after the warning: a bot that was away past
    the warning time warns first and closes later, never silently.
    """
    if not warn:
        return ("close", None) if now >= due else ("wait", due)
    if warned_for != due or warned_at is None:
        if now >= due - warn:
            return "warn", max(due, now + warn)
        return "wait", due - warn
    closes = max(due, warned_at + warn)
    return ("close", None) if now >= closes else ("wait", closes)


def thread_state(ticket: Ticket) -> tuple[bool, bool]:
    """(archived, locked) for a thread-mode ticket."""
    if ticket.status is CLOSED:
        return True, True
    return False, ticket.locked_at is not None

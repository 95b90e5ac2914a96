"""Who may open a ticket now: support hours, the per-user limit and the cooldown (pure rules)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from bot import messages
from bot.domain.models import OutOfHours, Ticket, TicketGroup
from bot.domain.text import discord_time
from bot.errors import LimitReached


def hours_notice(group: TicketGroup, now: datetime) -> str | None:
    """None when the group is open (or always accepts); a warning for ``warn``; raises for ``block``."""
    if group.schedule is None or group.out_of_hours is OutOfHours.ALLOW or group.schedule.is_open(now):
        return None
    opening = group.schedule.next_opening(now)
    if group.out_of_hours is OutOfHours.BLOCK:
        if opening is None:
            raise LimitReached(messages.OUT_OF_HOURS_BLOCK_NEVER.format(group=group.name))
        raise LimitReached(messages.OUT_OF_HOURS_BLOCK.format(group=group.name, when=discord_time(opening)))
    return messages.OUT_OF_HOURS_WARN.format(when=discord_time(opening) if opening else messages.LATER)


def check_limits(
    group: TicketGroup,
    *,
    owner_id: int,
    actor_id: int,
    held: list[Ticket],
    last_created: datetime | None,
    opened_today: int,
    now: datetime,
) -> None:
    """Refuse a ticket over the group's per-user limit, or (for members opening their own) within the cooldown
    or past the daily cap (``opened_today``: the member's tickets in the group in the last 24 hours)."""
    if group.user_limit and len(held) >= group.user_limit:
        links = ", ".join(f"<#{t.channel_id}>" if t.channel_id else messages.BEING_OPENED for t in held)
        template = messages.ALREADY_OPEN if actor_id == owner_id else messages.ALREADY_OPEN_FOR
        raise LimitReached(
            template.format(
                count=len(held), group=group.name, limit=group.user_limit, links=links, user=f"<@{owner_id}>"
            )
        )
    if group.daily_limit and opened_today >= group.daily_limit and actor_id == owner_id:
        raise LimitReached(messages.DAILY_LIMIT.format(count=group.daily_limit, group=group.name))
    if group.cooldown_seconds and last_created is not None and actor_id == owner_id:
        ready = last_created + timedelta(seconds=group.cooldown_seconds)
        if ready > now:
            raise LimitReached(
                messages.COOLDOWN_ACTIVE.format(group=group.name, when=discord_time(ready, "R"))
            )


DAY = timedelta(days=1)


def free_slot(used: Iterable[int], limit: int) -> int | None:
    """The lowest of ``limit`` per-user slots not in ``used``; None without a limit, 0 when all are taken."""
    if not limit:
        return None
    taken = set(used)
    return next((slot for slot in range(1, limit + 1) if slot not in taken), 0)

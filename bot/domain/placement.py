"""Where a new ticket channel goes: the first configured category with room, within the guild's cap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CATEGORY_CAPACITY = 50
CATEGORY_FULL_AT = 49  # Discord has answered "full" at 48-49 channels: treat 49 as full
GUILD_CAPACITY = 500
GUILD_FULL_AT = 499


@dataclass(frozen=True, slots=True)
class Placement:
    category_id: int | None
    overflowed: bool  # not the first configured category
    full: bool  # nowhere to put it


def choose_category(
    categories: Sequence[tuple[int, int]], guild_channels: int, *, skip: Sequence[int] = ()
) -> Placement:
    """``categories`` are (id, channels in it) in the group's order; ``skip`` ones Discord said were full."""
    if guild_channels >= GUILD_FULL_AT:
        return Placement(None, False, True)
    usable = [(cid, count) for cid, count in categories if cid not in skip]
    for index, (category_id, count) in enumerate(usable):
        if count < CATEGORY_FULL_AT:
            overflowed = category_id != categories[0][0] if categories else False
            return Placement(category_id, overflowed or index > 0, False)
    if not categories:
        return Placement(None, False, False)
    return Placement(None, False, True)

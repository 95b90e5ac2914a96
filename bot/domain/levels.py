"""Priority and rating levels (the Ticketeer shape): label, description, emoji, colour, default."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from bot import messages
from bot.domain.text import strip_invisible

LABEL_MAX = 80
DESCRIPTION_MAX = 100
EMOJI_MAX = 100
LEVELS_MAX = 25
_COLOUR = re.compile(r"^#?([0-9a-fA-F]{6})$")
_CUSTOM_EMOJI = re.compile(r"^<a?:\w{2,32}:\d{15,21}>$")


class LevelError(ValueError):
    """A level list is not acceptable."""


@dataclass(slots=True)
class Level:
    label: str
    description: str | None = None
    emoji: str | None = None
    color: str | None = None
    default: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Level:
        return cls(
            label=data["label"],
            description=data.get("description"),
            emoji=data.get("emoji"),
            color=data.get("color"),
            default=bool(data.get("default", False)),
        )


def _is_emoji(token: str) -> bool:
    if _CUSTOM_EMOJI.match(token):
        return True
    return bool(token) and all(not ch.isalnum() and not ch.isspace() for ch in token) and len(token) <= 8


def parse_levels(text: str) -> list[Level]:
    """``"🟢 Low: can wait | Normal* | 🔴 Urgent #ff0000: today"``; ``*`` marks the default.

    Levels are separated by ``|`` (or by commas when there is no ``|``). Each is
    ``[emoji] label [#rrggbb] [*] [: description]``.
    """
    text = strip_invisible(text).strip()
    parts = [p.strip() for p in (text.split("|") if "|" in text else text.split(","))]
    levels = [_parse_one(p) for p in parts if p]
    validate_levels(levels)
    return levels


def _parse_one(part: str) -> Level:
    head, _, description = part.partition(":")
    if _CUSTOM_EMOJI.match(part.split()[0] if part.split() else ""):
        # a custom emoji contains colons: do not split on them
        first, _, rest = part.partition(" ")
        head, _, description = rest.partition(":")
        head = f"{first} {head}"
    tokens = head.split()
    emoji = color = None
    default = False
    if tokens and _is_emoji(tokens[0]):
        emoji = tokens.pop(0)
    while tokens and (tokens[-1] == "*" or _COLOUR.match(tokens[-1])):
        token = tokens.pop()
        if token == "*":
            default = True
        else:
            color = "#" + token.lstrip("#").lower()
    label = " ".join(tokens)
    if label.endswith("*"):
        label, default = label[:-1].rstrip(), True
    return Level(
        label=label, description=description.strip() or None, emoji=emoji, color=color, default=default
    )


def validate_levels(levels: list[Level]) -> None:
    if len(levels) > LEVELS_MAX:
        raise LevelError(messages.LEVELS_TOO_MANY.format(max=LEVELS_MAX))
    seen: set[str] = set()
    for level in levels:
        if not 1 <= len(level.label) <= LABEL_MAX:
            raise LevelError(messages.LEVEL_LABEL_LENGTH.format(max=LABEL_MAX, got=len(level.label)))
        if level.description is not None and len(level.description) > DESCRIPTION_MAX:
            raise LevelError(messages.LEVEL_DESCRIPTION_LENGTH.format(max=DESCRIPTION_MAX))
        if level.emoji is not None and len(level.emoji) > EMOJI_MAX:
            raise LevelError(messages.LEVEL_EMOJI_LENGTH.format(max=EMOJI_MAX))
        if level.color is not None and not _COLOUR.match(level.color):
            raise LevelError(messages.LEVEL_COLOUR.format(colour=level.color))
        key = level.label.lower()
        if key in seen:
            raise LevelError(messages.LEVEL_TWICE.format(label=level.label))
        seen.add(key)
    if sum(level.default for level in levels) > 1:
        raise LevelError(messages.LEVEL_TWO_DEFAULTS)


def default_index(levels: list[Level]) -> int | None:
    """The index of the level marked as default (None: no default)."""
    return next((i for i, level in enumerate(levels) if level.default), None)


def describe_levels(levels: list[Level]) -> str:
    return (
        " | ".join(
            " ".join(x for x in (level.emoji, level.label + ("*" if level.default else ""), level.color) if x)
            + (f": {level.description}" if level.description else "")
            for level in levels
        )
        or "none"
    )

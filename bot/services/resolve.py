"""Turning what an admin typed (mentions, ids or names) into channels and roles of the guild."""

from __future__ import annotations

import re
from collections.abc import Callable

import discord

from bot import messages
from bot.errors import InvalidInput

_CHANNEL = re.compile(r"<#(\d{15,21})>|\b(\d{15,21})\b")
_ROLE = re.compile(r"<@&(\d{15,21})>|\b(\d{15,21})\b")
NONE_WORDS = {"none", "off", "-", "clear", ""}


def _chunks(text: str) -> list[str]:
    return [c.strip() for c in text.split(",")]


def _ids(pattern: re.Pattern[str], chunk: str) -> list[int]:
    return [int(a or b) for a, b in pattern.findall(chunk)]


def _resolve(
    text: str, pattern: re.Pattern[str], by_name: Callable[[str], int], check: Callable[[int], None]
) -> list[int]:
    """Comma-separated mentions, ids or names -> ids, in order, each checked, each once."""
    if text.strip().lower() in NONE_WORDS:
        return []
    found: list[int] = []
    for chunk in _chunks(text):
        if not chunk:
            continue
        for ident in _ids(pattern, chunk) or [by_name(chunk)]:
            check(ident)
            if ident not in found:
                found.append(ident)
    return found


def categories(guild: discord.Guild, text: str) -> list[int]:
    """``"#Tickets, Tickets 2"`` (mentions, ids or names, comma separated) -> category ids, in order."""

    def by_name(chunk: str) -> int:
        named = [c for c in guild.channels if c.name.lower() == chunk.lower().lstrip("#")]
        match = next(
            (c for c in named if isinstance(c, discord.CategoryChannel)), named[0] if named else None
        )
        if match is None:
            raise InvalidInput(messages.CHANNEL_UNKNOWN.format(name=chunk))
        return match.id

    def check(channel_id: int) -> None:
        channel = guild.get_channel(channel_id)
        if channel is None:
            raise InvalidInput(messages.CHANNEL_UNKNOWN.format(name=channel_id))
        if not isinstance(channel, discord.CategoryChannel):
            raise InvalidInput(messages.NOT_A_CATEGORY.format(name=channel.name))

    return _resolve(text, _CHANNEL, by_name, check)


def roles(guild: discord.Guild, text: str) -> list[int]:
    """``"@Support, Moderators"`` -> role ids."""

    def by_name(chunk: str) -> int:
        name = chunk.lstrip("@")
        match = next((r for r in guild.roles if r.name.lower() == name.lower()), None)
        if match is None:
            raise InvalidInput(messages.ROLE_UNKNOWN.format(name=chunk))
        return match.id

    def check(role_id: int) -> None:
        if guild.get_role(role_id) is None:
            raise InvalidInput(messages.ROLE_UNKNOWN.format(name=role_id))

    return _resolve(text, _ROLE, by_name, check)


def category(channel: discord.abc.GuildChannel | None) -> int | None:
    if channel is None:
        return None
    if not isinstance(channel, discord.CategoryChannel):
        raise InvalidInput(messages.NOT_A_CATEGORY.format(name=channel.name))
    return channel.id


def text_channel(channel: discord.abc.GuildChannel | None) -> int | None:
    if channel is None:
        return None
    if not isinstance(channel, discord.TextChannel):
        raise InvalidInput(messages.NOT_A_TEXT_CHANNEL.format(name=channel.name))
    return channel.id

"""Turning what an admin typed (mentions, ids or names) into channels and roles of the guild."""

from __future__ import annotations

import re

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


def categories(guild: discord.Guild, text: str) -> list[int]:
    """``"#Tickets, Tickets 2"`` (mentions, ids or names, comma separated) -> category ids, in order."""
    if text.strip().lower() in NONE_WORDS:
        return []
    found: list[int] = []
    for chunk in _chunks(text):
        if not chunk:
            continue
        ids = _ids(_CHANNEL, chunk)
        if not ids:
            named = [c for c in guild.channels if c.name.lower() == chunk.lower().lstrip("#")]
            match = next(
                (c for c in named if isinstance(c, discord.CategoryChannel)), named[0] if named else None
            )
            if match is None:
                raise InvalidInput(messages.CHANNEL_UNKNOWN.format(name=chunk))
            ids = [match.id]
        for cid in ids:
            channel = guild.get_channel(cid)
            if channel is None:
                raise InvalidInput(messages.CHANNEL_UNKNOWN.format(name=cid))
            if not isinstance(channel, discord.CategoryChannel):
                raise InvalidInput(messages.NOT_A_CATEGORY.format(name=channel.name))
            if cid not in found:
                found.append(cid)
    return found


def roles(guild: discord.Guild, text: str) -> list[int]:
    """``"@Support, Moderators"`` -> role ids."""
    if text.strip().lower() in NONE_WORDS:
        return []
    found: list[int] = []
    for chunk in _chunks(text):
        if not chunk:
            continue
        ids = _ids(_ROLE, chunk)
        if not ids:
            name = chunk.lstrip("@")
            match = next((r for r in guild.roles if r.name.lower() == name.lower()), None)
            if match is None:
                raise InvalidInput(messages.ROLE_UNKNOWN.format(name=chunk))
            ids = [match.id]
        for rid in ids:
            if guild.get_role(rid) is None:
                raise InvalidInput(messages.ROLE_UNKNOWN.format(name=rid))
            if rid not in found:
                found.append(rid)
    return found


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

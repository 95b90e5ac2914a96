"""Autocomplete sources shared by the cogs: values are ids, names are what people read."""

from __future__ import annotations

from collections.abc import Iterable

import discord
from discord import app_commands

from bot.domain.text import clip
from bot.ui.base import bot_of

LIMIT = 25


def _choices(items: Iterable[tuple[str, str, str]], current: str) -> list[app_commands.Choice[str]]:
    """(shown name, value, text to match) -> the first 25 whose text contains what was typed."""
    query = current.lower()
    return [
        app_commands.Choice(name=clip(name, 100), value=value)
        for name, value, text in items
        if query in text.lower()
    ][:LIMIT]


async def groups(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    if interaction.guild_id is None:
        return []
    found = await bot_of(interaction).services.groups.list(interaction.guild_id)
    return _choices(((g.name, str(g.id), g.name) for g in found), current)


async def panels(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    if interaction.guild_id is None:
        return []
    found = await bot_of(interaction).services.panels.list(interaction.guild_id)
    return _choices(((p.name, str(p.id), p.name) for p in found), current)


async def panel_entries(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Entries of the panel already chosen in the ``panel`` option."""
    chosen = getattr(interaction.namespace, "panel", None)
    if interaction.guild_id is None or not chosen:
        return []
    panel = await bot_of(interaction).services.panels.find_optional(interaction.guild_id, str(chosen))
    if panel is None:
        return []
    return _choices(((f"{e.position + 1}. {e.label}", str(e.id), e.label) for e in panel.entries), current)


async def form_fields(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Fields of the group already chosen in the ``group`` option."""
    if interaction.guild_id is None:
        return []
    chosen = getattr(interaction.namespace, "group", None)
    group = await bot_of(interaction).services.groups.find_optional(interaction.guild_id, str(chosen or ""))
    if group is None:
        return []
    return _choices(
        ((f"{i + 1}. {f.label} ({f.kind})", f.key, f.label) for i, f in enumerate(group.form_fields)), current
    )


async def saved_messages(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    if interaction.guild_id is None:
        return []
    found = await bot_of(interaction).services.custom_messages.list(interaction.guild_id)
    return _choices(((m.name, str(m.id), m.name) for m in found), current)

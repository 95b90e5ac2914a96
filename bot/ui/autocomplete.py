"""Autocomplete sources shared by the cogs: values are ids, names are what people read."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.domain.schedule import timezone_names
from bot.domain.text import clip
from bot.ui.base import bot_of

LIMIT = 25


def _matches(query: str, text: str) -> bool:
    return query.lower() in text.lower()


async def groups(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    if interaction.guild_id is None:
        return []
    found = await bot_of(interaction).services.groups.list(interaction.guild_id)
    return [
        app_commands.Choice(name=clip(g.name, 100), value=str(g.id))
        for g in found
        if _matches(current, g.name)
    ][:LIMIT]


async def panels(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    if interaction.guild_id is None:
        return []
    found = await bot_of(interaction).services.panels.list(interaction.guild_id)
    return [
        app_commands.Choice(name=clip(p.name, 100), value=str(p.id))
        for p in found
        if _matches(current, p.name)
    ][:LIMIT]


async def panel_entries(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Entries of the panel already chosen in the ``panel`` option."""
    if interaction.guild_id is None:
        return []
    chosen = getattr(interaction.namespace, "panel", None)
    if not chosen:
        return []
    services = bot_of(interaction).services
    panel = await services.panels.find_optional(interaction.guild_id, str(chosen))
    if panel is None:
        return []
    return [
        app_commands.Choice(name=clip(f"{e.position + 1}. {e.label}", 100), value=str(e.id))
        for e in panel.entries
        if _matches(current, e.label)
    ][:LIMIT]


async def form_fields(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    if interaction.guild_id is None:
        return []
    chosen = getattr(interaction.namespace, "group", None)
    group = await bot_of(interaction).services.groups.find_optional(interaction.guild_id, str(chosen or ""))
    if group is None:
        return []
    return [
        app_commands.Choice(name=clip(f"{i + 1}. {f.label} ({f.kind})", 100), value=f.key)
        for i, f in enumerate(group.form_fields)
        if _matches(current, f.label)
    ][:LIMIT]


async def timezones(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=name, value=name) for name in timezone_names(current, LIMIT)]


async def saved_messages(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    if interaction.guild_id is None:
        return []
    found = await bot_of(interaction).services.custom_messages.list(interaction.guild_id)
    return [
        app_commands.Choice(name=clip(m.name, 100), value=str(m.id))
        for m in found
        if _matches(current, m.name)
    ][:LIMIT]

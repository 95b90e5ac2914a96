"""A panel's message: its saved message or title and description, and its entry points by kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import discord

from bot import messages
from bot.domain.models import Panel, PanelEntry, PanelKind, TicketGroup
from bot.domain.text import clip
from bot.render.components import PanelButton, PanelSelect, emoji, persistent_view


@dataclass(slots=True)
class PanelMessage:
    content: str | None
    embeds: list[discord.Embed]
    view: discord.ui.View | None


def _usable(panel: Panel, groups: dict[int, TicketGroup]) -> list[PanelEntry]:
    return [e for e in panel.entries if e.group_id in groups]


def panel_message(
    panel: Panel, groups: dict[int, TicketGroup], saved: tuple[str | None, list[dict[str, Any]]] | None = None
) -> PanelMessage:
    """The panel's message (its saved message, or title and description) and components for its kind."""
    embed = discord.Embed(
        title=clip(panel.title or messages.DEFAULT_PANEL_TITLE, 256),
        description=clip(panel.description or messages.DEFAULT_PANEL_DESCRIPTION, 4096),
        colour=discord.Colour.blurple(),
    )
    content: str | None = None
    embeds = [embed]
    if saved is not None:
        content, saved_embeds = saved
        embeds = [discord.Embed.from_dict(e) for e in saved_embeds]
    entries = _usable(panel, groups)
    if not entries:
        return PanelMessage(content, embeds, None)
    items: list[discord.ui.Item[Any]] = []
    if panel.kind is PanelKind.DROPDOWN:
        options = [
            discord.SelectOption(
                label=clip(e.label, 100),
                value=str(e.id),
                emoji=emoji(e.emoji),
                description=clip(e.description, 100) if e.description else None,
            )
            for e in entries[:25]
        ]
        items.append(PanelSelect(panel.id, options, messages.DROPDOWN_PLACEHOLDER))
    else:
        for entry in entries[: 1 if panel.kind is PanelKind.BUTTON else 25]:
            items.append(
                PanelButton(panel.id, entry.id, label=clip(entry.label, 80), emoji=emoji(entry.emoji))
            )
        if panel.kind is PanelKind.TYPE_BUTTONS and saved is None:
            described = [e for e in entries if e.description]
            for entry in described[:25]:
                embed.add_field(
                    name=clip(entry.label, 256), value=clip(entry.description or "", 1024), inline=False
                )
    return PanelMessage(content, embeds, persistent_view(*items))

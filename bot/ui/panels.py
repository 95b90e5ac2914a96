"""Panel messages and their persistent entry points (buttons and a dropdown)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import discord

from bot import messages
from bot.domain.models import Panel, PanelEntry, PanelKind, TicketGroup
from bot.domain.text import clip
from bot.ui import custom_ids
from bot.ui.base import PersistentItem


def _emoji(text: str | None) -> discord.PartialEmoji | None:
    return discord.PartialEmoji.from_str(text) if text else None


class PanelButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=custom_ids.template("panel", "open", "panel", "entry"),
):
    """One entry of a panel as a button; the custom_id carries the panel and entry ids."""

    def __init__(self, panel_id: int, entry_id: int, *, label: str | None = None, emoji: Any = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                emoji=emoji,
                style=discord.ButtonStyle.primary,
                custom_id=custom_ids.build("panel", "open", panel_id, entry_id),
            )
        )
        self.panel_id = panel_id
        self.entry_id = entry_id

    @classmethod
    async def from_custom_id(  # type: ignore[override]
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str]
    ) -> PanelButton:
        return cls(int(match["panel"]), int(match["entry"]), label=item.label, emoji=item.emoji)

    async def run(self, interaction: discord.Interaction) -> None:
        from bot.ui.opening import start_from_panel

        await start_from_panel(interaction, self.panel_id, self.entry_id)


class PanelSelect(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=custom_ids.template("panel", "pick", "panel"),
):
    """A dropdown panel; each option's value is an entry id."""

    def __init__(
        self, panel_id: int, options: list[discord.SelectOption] | None = None, placeholder: str | None = None
    ) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=custom_ids.build("panel", "pick", panel_id),
                placeholder=placeholder,
                options=options or [discord.SelectOption(label="-", value="0")],
                min_values=1,
                max_values=1,
            )
        )
        self.panel_id = panel_id

    @classmethod
    async def from_custom_id(  # type: ignore[override]
        cls, interaction: discord.Interaction, item: discord.ui.Select[Any], match: re.Match[str]
    ) -> PanelSelect:
        return cls(int(match["panel"]), list(item.options), item.placeholder)

    async def run(self, interaction: discord.Interaction) -> None:
        from bot.ui.opening import start_from_panel

        values = self.item.values
        entry_id = int(values[0]) if values and values[0].isdigit() else 0
        await start_from_panel(interaction, self.panel_id, entry_id)


def _usable(panel: Panel, groups: dict[int, TicketGroup]) -> list[PanelEntry]:
    return [e for e in panel.entries if e.group_id in groups]


@dataclass(slots=True)
class PanelMessage:
    content: str | None
    embeds: list[discord.Embed]
    view: discord.ui.View | None


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
    view = discord.ui.View(timeout=None)
    if panel.kind is PanelKind.DROPDOWN:
        options = [
            discord.SelectOption(
                label=clip(e.label, 100),
                value=str(e.id),
                emoji=_emoji(e.emoji),
                description=clip(e.description, 100) if e.description else None,
            )
            for e in entries[:25]
        ]
        view.add_item(PanelSelect(panel.id, options, messages.DROPDOWN_PLACEHOLDER))
    else:
        for entry in entries[: 1 if panel.kind is PanelKind.BUTTON else 25]:
            view.add_item(
                PanelButton(panel.id, entry.id, label=clip(entry.label, 80), emoji=_emoji(entry.emoji))
            )
        if panel.kind is PanelKind.TYPE_BUTTONS and saved is None:
            described = [e for e in entries if e.description]
            for entry in described[:25]:
                embed.add_field(
                    name=clip(entry.label, 256), value=clip(entry.description or "", 1024), inline=False
                )
    return PanelMessage(content, embeds, view)

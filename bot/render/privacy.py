"""``/privacy``: what the bot keeps about you, with Export and Delete buttons, for you only."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import discord

from bot import messages
from bot.render.base import OwnedView

Counts = dict[str, int]
Handler = Callable[[discord.Interaction], Awaitable[None]]


def summary(counts: Counts) -> str:
    """``"2 tickets you opened, 5 archived messages"``: what was found (or removed), in words."""
    parts = [f"{count} {messages.PRIVACY_LABELS.get(kind, kind)}" for kind, count in counts.items() if count]
    return ", ".join(parts) or messages.NOTHING


def embed_for(counts: Counts) -> discord.Embed:
    embed = discord.Embed(title=messages.PRIVACY_TITLE, colour=discord.Colour.blurple())
    if not any(counts.values()):
        embed.description = messages.PRIVACY_NOTHING
        return embed
    for kind, count in counts.items():
        label = messages.PRIVACY_LABELS.get(kind, kind)
        embed.add_field(name=label[:1].upper() + label[1:], value=str(count))
    return embed


class PrivacyView(OwnedView):
    """Only the member who ran /privacy can use these (and only they see them)."""

    def __init__(self, member_id: int, counts: Counts, *, export: Handler, delete: Handler) -> None:
        super().__init__(member_id, timeout=600)
        nothing = not any(counts.values())
        export_button: discord.ui.Button[PrivacyView] = discord.ui.Button(
            label=messages.PRIVACY_EXPORT_BUTTON, emoji="📦", disabled=nothing
        )
        delete_button: discord.ui.Button[PrivacyView] = discord.ui.Button(
            label=messages.PRIVACY_DELETE_BUTTON,
            emoji="🗑️",
            style=discord.ButtonStyle.danger,
            disabled=nothing,
        )
        export_button.callback = export  # type: ignore[method-assign,assignment]
        delete_button.callback = delete  # type: ignore[method-assign,assignment]
        self.add_item(export_button)
        self.add_item(delete_button)

"""The buttons a ticket shows; persistent across restarts (the custom_id carries the ticket id)."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.domain.models import Ticket
from bot.ui import custom_ids
from bot.ui.base import PersistentItem

OPEN_ACTIONS = ("close", "claim", "transcript")
CLOSED_ACTIONS = ("reopen", "transcript", "delete")
STYLE = {
    "close": ("Close", "🔒", discord.ButtonStyle.danger),
    "claim": ("Claim", "🙋", discord.ButtonStyle.success),
    "transcript": ("Transcript", "📜", discord.ButtonStyle.secondary),
    "reopen": ("Reopen", "🔓", discord.ButtonStyle.success),
    "delete": ("Delete", "🗑️", discord.ButtonStyle.danger),
}


class TicketButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"{custom_ids.PREFIX}:ticket:(?P<action>close|claim|transcript|reopen|delete):(?P<ticket>[0-9]{{1,20}})",
):
    """Close, Claim, Transcript (open tickets) and Reopen, Transcript, Delete (closed ones)."""

    def __init__(self, action: str, ticket_id: int) -> None:
        label, emoji, style = STYLE[action]
        super().__init__(
            discord.ui.Button(
                label=label,
                emoji=emoji,
                style=style,
                custom_id=custom_ids.build("ticket", action, ticket_id),
            )
        )
        self.action = action
        self.ticket_id = ticket_id

    @classmethod
    async def from_custom_id(  # type: ignore[override]
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str]
    ) -> TicketButton:
        return cls(match["action"], int(match["ticket"]))

    async def run(self, interaction: discord.Interaction) -> None:
        from bot.ui.ticket_actions import on_ticket_button

        await on_ticket_button(interaction, self.action, self.ticket_id)


def view_for(ticket: Ticket, actions: tuple[str, ...]) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for action in actions:
        view.add_item(TicketButton(action, ticket.id))
    return view

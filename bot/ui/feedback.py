"""The rating select sent after close (persistent) and the optional comment that follows."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot import messages
from bot.domain.models import Ticket, TicketGroup
from bot.domain.text import clip
from bot.ui import custom_ids
from bot.ui.base import PersistentItem, SafeModal, bot_of
from bot.ui.replies import reply


def _emoji(text: str | None) -> discord.PartialEmoji | None:
    return discord.PartialEmoji.from_str(text) if text else None


class RatingSelect(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=custom_ids.template("rate", "pick", "ticket"),
):
    """The owner's rating; each option's value is the level's index."""

    def __init__(self, ticket_id: int, options: list[discord.SelectOption] | None = None) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=custom_ids.build("rate", "pick", ticket_id),
                placeholder=messages.FEEDBACK_PLACEHOLDER,
                options=options or [discord.SelectOption(label="-", value="0")],
                min_values=1,
                max_values=1,
            )
        )
        self.ticket_id = ticket_id

    @classmethod
    async def from_custom_id(  # type: ignore[override]
        cls, interaction: discord.Interaction, item: discord.ui.Select[Any], match: re.Match[str]
    ) -> RatingSelect:
        return cls(int(match["ticket"]), list(item.options))

    async def run(self, interaction: discord.Interaction) -> None:
        value = self.item.values[0] if self.item.values else ""
        level = int(value) if value.isdigit() else -1
        ticket, _, label = await bot_of(interaction).services.feedback.rate(
            interaction.user.id, self.ticket_id, level
        )
        await interaction.response.send_modal(CommentModal(ticket, label))


def rating_view(ticket: Ticket, group: TicketGroup) -> discord.ui.View:
    options = [
        discord.SelectOption(
            label=clip(level.label, 100),
            value=str(index),
            emoji=_emoji(level.emoji),
            description=clip(level.description, 100) if level.description else None,
        )
        for index, level in enumerate(group.rating_levels[:25])
    ]
    view = discord.ui.View(timeout=None)
    view.add_item(RatingSelect(ticket.id, options))
    return view


class CommentModal(SafeModal):
    def __init__(self, ticket: Ticket, label: str) -> None:
        super().__init__(
            title=clip(messages.FEEDBACK_THANKS.format(number=ticket.number, label=label), 45),
            timeout=15 * 60,
        )
        self.ticket = ticket
        self.text: discord.ui.TextInput[CommentModal] = discord.ui.TextInput(
            style=discord.TextStyle.paragraph, required=False, max_length=1000
        )
        self.add_item(discord.ui.Label(text=messages.FEEDBACK_COMMENT_TITLE, component=self.text))

    async def on_submit(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        await bot_of(interaction).services.feedback.comment(
            interaction.user.id, self.ticket.id, self.text.value or ""
        )
        await reply(interaction, messages.FEEDBACK_COMMENT_THANKS)

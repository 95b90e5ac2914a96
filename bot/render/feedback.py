"""The rating select sent after close, the optional comment that follows, and the feedback post."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import discord

from bot import messages
from bot.domain.models import Ticket, TicketGroup
from bot.domain.text import clip
from bot.render.base import SafeModal
from bot.render.components import CommentButton, RatingSelect, emoji, persistent_view


def rating_view(ticket: Ticket, group: TicketGroup) -> discord.ui.View:
    options = [
        discord.SelectOption(
            label=clip(level.label, 100),
            value=str(index),
            emoji=emoji(level.emoji),
            description=clip(level.description, 100) if level.description else None,
        )
        for index, level in enumerate(group.rating_levels[:25])
    ]
    return persistent_view(RatingSelect(ticket.id, options))


def comment_view(ticket: Ticket) -> discord.ui.View:
    """ "Add a comment", under the thanks for a rating (it keeps working after a restart)."""
    return persistent_view(CommentButton(ticket.id))


class CommentModal(SafeModal):
    """ "Anything to add?" after a rating; ``submit`` gets the text (possibly empty)."""

    def __init__(self, submit: Callable[[discord.Interaction, str], Awaitable[None]]) -> None:
        super().__init__(title=clip(messages.FEEDBACK_COMMENT_MODAL, 45), timeout=15 * 60)
        self.submit = submit
        self.text: discord.ui.TextInput[CommentModal] = discord.ui.TextInput(
            style=discord.TextStyle.paragraph, required=False, max_length=1000
        )
        self.add_item(discord.ui.Label(text=messages.FEEDBACK_COMMENT_TITLE, component=self.text))

    async def on_submit(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        await self.submit(interaction, self.text.value or "")


def feedback_embed(ticket: Ticket, group: TicketGroup, label: str, comment: str | None) -> discord.Embed:
    """The post in a group's feedback channel (edited in place when the comment arrives)."""
    embed = discord.Embed(
        title=clip(messages.FEEDBACK_POST.format(number=ticket.number, group=group.name, label=label), 256),
        colour=discord.Colour.gold(),
    )
    embed.description = f"<@{ticket.owner_id}> · {label}"
    if comment:
        embed.add_field(name=messages.FIELD_COMMENT, value=clip(comment, 1024), inline=False)
    return embed

"""Rating a closed ticket: the select, then an optional comment."""

from __future__ import annotations

from dataclasses import dataclass

import discord

from bot import messages
from bot.render.feedback import CommentModal
from bot.render.replies import reply
from bot.services.feedback import FeedbackService


@dataclass(eq=False)
class FeedbackFlow:
    feedback: FeedbackService

    async def rated(self, interaction: discord.Interaction, ticket_id: int, level: int) -> None:
        ticket, _, label = await self.feedback.rate(interaction.user.id, ticket_id, level)

        async def commented(submit: discord.Interaction, text: str) -> None:
            await self.feedback.comment(submit.user.id, ticket.id, text)
            await reply(submit, messages.FEEDBACK_COMMENT_THANKS)

        await interaction.response.send_modal(CommentModal(ticket, label, commented))

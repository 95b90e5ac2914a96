"""Rating a closed ticket: the select, then (with the thanks) a button for an optional comment."""

from __future__ import annotations

from dataclasses import dataclass

import discord

from bot import messages
from bot.render.feedback import CommentModal, comment_view
from bot.render.replies import acknowledge, reply
from bot.services.feedback import FeedbackService


@dataclass(eq=False)
class FeedbackFlow:
    feedback: FeedbackService

    async def rated(self, interaction: discord.Interaction, ticket_id: int, level: int) -> None:
        await acknowledge(interaction)
        ticket, _, label = await self.feedback.rate(interaction.user.id, ticket_id, level)
        await reply(
            interaction,
            messages.FEEDBACK_THANKS.format(number=ticket.number, label=label),
            view=comment_view(ticket),
        )

    async def ask_comment(self, interaction: discord.Interaction, ticket_id: int) -> None:
        """The comment form is the answer to the button; whose ticket it is, is checked on submit."""

        async def commented(submit: discord.Interaction, text: str) -> None:
            await acknowledge(submit)
            await self.feedback.comment(submit.user.id, ticket_id, text)
            await reply(submit, messages.FEEDBACK_COMMENT_THANKS)

        await interaction.response.send_modal(CommentModal(commented))

"""Interaction flows: what happens after a click or a submit. They sit beside the cogs and call services.

:class:`Flows` is also what the persistent components dispatch to (``bot.render.components``).
"""

from __future__ import annotations

import discord

from bot.flows.autocomplete import Autocomplete
from bot.flows.feedback import FeedbackFlow
from bot.flows.messages import SavedMessageFlow
from bot.flows.opening import OpeningFlow
from bot.flows.privacy import PrivacyFlow
from bot.flows.tags import TagFlow
from bot.flows.tickets import TicketButtonsFlow
from bot.flows.transcripts import TranscriptFlow
from bot.services import Services


class Flows:
    """Every interaction flow of one running bot; the handlers of its persistent components."""

    def __init__(self, services: Services) -> None:
        self.opening = OpeningFlow(services.opener, services.groups, services.panels)
        self.transcripts = TranscriptFlow(services.transcripts)
        self.tickets = TicketButtonsFlow(services.tickets, self.transcripts)
        self.feedback = FeedbackFlow(services.feedback)
        self.privacy = PrivacyFlow(services.privacy)
        self.saved_messages = SavedMessageFlow(services.custom_messages)
        self.tags = TagFlow(services.tags)
        self.autocomplete = Autocomplete(services)

    # -- bot.render.components.ComponentHandlers ---------------------------------------------------

    async def panel_entry(self, interaction: discord.Interaction, panel_id: int, entry_id: int) -> None:
        await self.opening.from_panel(interaction, panel_id, entry_id)

    async def ticket_button(self, interaction: discord.Interaction, action: str, ticket_id: int) -> None:
        await self.tickets.clicked(interaction, action, ticket_id)

    async def rating(self, interaction: discord.Interaction, ticket_id: int, level: int) -> None:
        await self.feedback.rated(interaction, ticket_id, level)

    async def comment(self, interaction: discord.Interaction, ticket_id: int) -> None:
        await self.feedback.ask_comment(interaction, ticket_id)

    async def close_request(self, interaction: discord.Interaction, accept: bool, ticket_id: int) -> None:
        await self.tickets.answer_close_request(interaction, accept, ticket_id)

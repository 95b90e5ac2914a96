"""Saving a message: the form, then the service."""

from __future__ import annotations

from dataclasses import dataclass

import discord

from bot import messages
from bot.domain.message_limits import MessageDraft
from bot.flows.context import member_of
from bot.render.messages import MessageModal
from bot.render.replies import acknowledge, reply
from bot.services.custom_messages import CustomMessageService
from storage.templates import CustomMessage


@dataclass(eq=False)
class SavedMessageFlow:
    custom_messages: CustomMessageService

    async def show_form(
        self, interaction: discord.Interaction, name: str, existing: CustomMessage | None
    ) -> None:
        """The form for a new saved message (``existing`` None) or for changing one."""

        async def submitted(submit: discord.Interaction, draft: MessageDraft) -> None:
            await acknowledge(submit)
            _, member = member_of(submit)
            if existing is None:
                saved = await self.custom_messages.create(member, name, draft)
            else:
                saved = await self.custom_messages.edit(member, existing, draft)
            await reply(submit, messages.MESSAGE_SAVED.format(name=saved.name))

        await interaction.response.send_modal(MessageModal(name, existing, submitted))

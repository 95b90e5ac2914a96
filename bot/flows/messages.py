"""Saving a message: the form, then the service."""

from __future__ import annotations

import discord

from bot import messages
from bot.flows.context import member_of
from bot.render.messages import MessageDraft, MessageModal
from bot.render.replies import reply
from bot.services.custom_messages import CustomMessageService
from storage.templates import CustomMessage


class SavedMessageFlow:
    def __init__(self, custom_messages: CustomMessageService) -> None:
        self.custom_messages = custom_messages

    async def show_form(
        self, interaction: discord.Interaction, name: str, existing: CustomMessage | None
    ) -> None:
        """The form for a new saved message (``existing`` None) or for changing one."""

        async def submitted(submit: discord.Interaction, draft: MessageDraft) -> None:
            _, member = member_of(submit)
            values = dict(
                content=draft.content,
                embeds_json=draft.embeds_json,
                title=draft.title,
                description=draft.description,
                color=draft.color,
            )
            if existing is None:
                saved = await self.custom_messages.create(member, name, **values)
            else:
                saved = await self.custom_messages.edit(member, existing, **values)
            await reply(submit, messages.MESSAGE_SAVED.format(name=saved.name))

        await interaction.response.send_modal(MessageModal(name, existing, submitted))

"""Tags: the form that saves one, and the "Reply with a tag" message menu (pick a tag, it answers the
message in the ticket)."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

import discord

from bot import messages
from bot.domain.message_limits import MessageDraft
from bot.errors import TicketDeskError
from bot.flows.context import member_of
from bot.render.messages import MessageModal
from bot.render.replies import acknowledge, reply
from bot.render.tags import TagPicker, picker_text
from bot.services.tags import TagService
from storage.tags import Tag


@dataclass(eq=False)
class TagFlow:
    tags: TagService

    async def show_form(self, interaction: discord.Interaction, name: str, existing: Tag | None) -> None:
        """The form for a new tag (``existing`` None) or for changing one; shown from memory, checked
        again when it comes back."""

        async def submitted(submit: discord.Interaction, draft: MessageDraft) -> None:
            await acknowledge(submit)
            _, member = member_of(submit)
            if existing is None:
                saved = await self.tags.create(member, name, draft)
            else:
                saved = await self.tags.edit(member, existing, draft)
            await reply(submit, messages.TAG_SAVED.format(name=saved.name))

        await interaction.response.send_modal(
            MessageModal(name, existing, submitted, title=messages.TAG_MODAL_TITLE)
        )

    async def reply_with_tag(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """The message menu (acknowledged already): a select of the server's first 25 tags; the one
        picked answers ``message`` in its ticket. Everything is checked again when the tag is picked."""
        _, actor = member_of(interaction)
        await self.tags.ticket_here(actor, message.channel.id)
        found = self.tags.list(actor.guild.id)
        if not found:
            await reply(interaction, messages.TAG_NONE)
            return

        async def picked(chosen: discord.Interaction, tag_id: int) -> None:
            await chosen.response.edit_message(content=messages.WORKING, view=None)
            try:
                _, member = member_of(chosen)
                tag = self.tags.get_for_staff(member, tag_id)
                sent = await self.tags.send(member, tag, message.channel.id, reply_to=message.id)
                text = messages.TAG_SENT.format(name=tag.name, link=sent.jump_url)
            except TicketDeskError as refused:  # e.g. no longer staff, the tag deleted, the ticket closed
                text = refused.message
            with suppress(discord.HTTPException):
                await chosen.edit_original_response(content=text)

        await reply(interaction, picker_text(len(found)), view=TagPicker(actor.id, found, picked))

"""``/message ...``: saved messages (content and embeds with {variables}) and sending them."""

from __future__ import annotations

import discord
from discord import app_commands

from bot import messages
from bot.app import TicketDeskBot
from bot.domain.text import as_id, clip
from bot.errors import TicketDeskError
from bot.flows.context import member_of
from bot.render.replies import ANSWERS_ITSELF, acknowledge, reply
from cogs.base import DeskCog


class Messages(DeskCog):
    message = app_commands.Group(
        name="message",
        description="Saved messages and sending them",
        guild_only=True,
    )

    @message.command(name="create", description="Save a message (opens a form)", extras=ANSWERS_ITSELF)
    async def create(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 50]) -> None:
        _, member = member_of(interaction)
        self.services.custom_messages.check_may_edit(member)
        await self.flows.saved_messages.show_form(interaction, name, None)

    @message.command(name="edit", description="Change a saved message (opens a form)", extras=ANSWERS_ITSELF)
    @app_commands.autocomplete(message=DeskCog.saved_message_choices)
    async def edit(self, interaction: discord.Interaction, message: str) -> None:
        _, member = member_of(interaction)
        saved = self.services.custom_messages.find_for(member, message)
        await self.flows.saved_messages.show_form(interaction, saved.name, saved)

    @message.command(name="delete", description="Delete a saved message")
    @app_commands.autocomplete(message=DeskCog.saved_message_choices)
    async def delete(self, interaction: discord.Interaction, message: str) -> None:
        _, member = member_of(interaction)
        saved = self.services.custom_messages.find_for(member, message)
        await self.services.custom_messages.delete(member, saved)
        await reply(
            interaction, messages.DONE.format(what=messages.DONE_MESSAGE_DELETED.format(name=saved.name))
        )

    @message.command(name="list", description="List the saved messages")
    async def list(self, interaction: discord.Interaction) -> None:
        _, member = member_of(interaction)
        found = await self.services.custom_messages.list_for(member)
        lines = [
            messages.SAVED_MESSAGE_LINE.format(
                name=clip(m.name, 60), chars=len(m.content or ""), embeds=len(m.embeds)
            )
            for m in found
        ]
        embed = discord.Embed(
            title=messages.SAVED_MESSAGES_TITLE, description=clip("\n".join(lines) or messages.NONE_YET, 4096)
        )
        await reply(interaction, embed=embed)

    @message.command(
        name="send", description="Send a saved message to a channel (as a webhook with a name/avatar)"
    )
    @app_commands.autocomplete(message=DeskCog.saved_message_choices)
    @app_commands.describe(
        username="Send as a webhook with this name",
        avatar_url="Send as a webhook with this avatar",
        thread_name="The post title, for a forum channel",
        message_id="Edit this sent message instead",
    )
    async def send(
        self,
        interaction: discord.Interaction,
        message: str,
        channel: app_commands.AppCommandChannel | app_commands.AppCommandThread,
        username: app_commands.Range[str, 1, 80] | None = None,
        avatar_url: app_commands.Range[str, 1, 400] | None = None,
        thread_name: app_commands.Range[str, 1, 100] | None = None,
        message_id: app_commands.Range[str, 15, 21] | None = None,
    ) -> None:
        _, member = member_of(interaction)
        service = self.services.custom_messages
        saved = service.find_for(member, message)
        await acknowledge(interaction)
        target = member.guild.get_channel_or_thread(channel.id) or await member.guild.fetch_channel(
            channel.id
        )
        edited = as_id(message_id) if message_id is not None else None
        if message_id is not None and edited is None:
            raise TicketDeskError(messages.MESSAGE_SENT_NOT_FOUND)
        sent = await service.send(
            member,
            saved,
            target,
            values=await service.values_for(member, target, interaction.channel_id),
            username=username,
            avatar_url=avatar_url,
            thread_name=thread_name,
            message_id=edited,
        )
        link = f"https://discord.com/channels/{member.guild.id}/{sent.channel_id}/{sent.message_id}"
        await reply(
            interaction, (messages.MESSAGE_EDITED if sent.edited else messages.MESSAGE_SENT).format(link=link)
        )


async def setup(bot: TicketDeskBot) -> None:
    await bot.add_cog(Messages(bot))

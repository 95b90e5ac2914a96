"""``/message ...``: saved messages (content and embeds with {variables}) and sending them."""

from __future__ import annotations

import json

import discord
from discord import app_commands
from discord.ext import commands

from bot import messages
from bot.app import TicketDeskBot
from bot.domain.text import clip
from bot.errors import TicketDeskError
from bot.ui.autocomplete import saved_messages
from bot.ui.base import SafeModal, bot_of
from bot.ui.opening import member_of
from bot.ui.replies import reply
from bot.ui.ticket_messages import ticket_variables
from storage.templates import CustomMessage

SEND_TO = [
    discord.ChannelType.text,
    discord.ChannelType.news,
    discord.ChannelType.forum,
    discord.ChannelType.public_thread,
    discord.ChannelType.private_thread,
]


class MessageModal(SafeModal):
    """Content and one simple embed, or any embeds as JSON (Discord's embed objects)."""

    def __init__(self, name: str, existing: CustomMessage | None = None) -> None:
        super().__init__(title=clip(f"Saved message: {name}", 45), timeout=900)
        self.name, self.existing = name, existing
        first = existing.embeds[0] if existing and existing.embeds else {}
        simple = (
            existing is not None
            and len(existing.embeds) == 1
            and set(first) <= {"title", "description", "color"}
        )
        self.content = discord.ui.TextInput(
            style=discord.TextStyle.paragraph,
            required=False,
            max_length=2000,
            default=existing.content if existing else None,
        )
        self.embed_title = discord.ui.TextInput(
            required=False, max_length=256, default=first.get("title") if simple else None
        )
        self.embed_description = discord.ui.TextInput(
            style=discord.TextStyle.paragraph,
            required=False,
            max_length=4000,
            default=first.get("description") if simple else None,
        )
        self.colour = discord.ui.TextInput(
            required=False,
            max_length=7,
            placeholder="#5865f2",
            default=f"#{first['color']:06x}" if simple and "color" in first else None,
        )
        self.embeds_json = discord.ui.TextInput(
            style=discord.TextStyle.paragraph,
            required=False,
            max_length=4000,
            default=json.dumps(existing.embeds) if existing and existing.embeds and not simple else None,
        )
        for text, component in (
            ("Content ({user} {ticket} {group} {server})", self.content),
            ("Embed title", self.embed_title),
            ("Embed description", self.embed_description),
            ("Embed colour", self.colour),
            ("Or embeds as JSON (advanced)", self.embeds_json),
        ):
            self.add_item(discord.ui.Label(text=text, component=component))

    async def on_submit(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        _, member = member_of(interaction)
        service = bot_of(interaction).services.custom_messages
        values = dict(
            content=self.content.value,
            embeds_json=self.embeds_json.value or None,
            title=self.embed_title.value or None,
            description=self.embed_description.value or None,
            color=self.colour.value or None,
        )
        if self.existing is None:
            saved = await service.create(member, self.name, **values)
        else:
            saved = await service.edit(member, self.existing, **values)
        await reply(interaction, messages.MESSAGE_SAVED.format(name=saved.name))


class Messages(commands.Cog):
    message = app_commands.Group(
        name="message",
        description="Saved messages and sending them",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot

    async def _admin(self, interaction: discord.Interaction) -> discord.Member:
        _, member = member_of(interaction)
        services = self.bot.services
        services.access.require_admin(member, await services.guilds.config(member.guild.id))
        return member

    @message.command(name="create", description="Save a message (opens a form)")
    async def create(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 50]) -> None:
        await self._admin(interaction)
        await interaction.response.send_modal(MessageModal(name))

    @message.command(name="edit", description="Change a saved message (opens a form)")
    @app_commands.autocomplete(message=saved_messages)
    async def edit(self, interaction: discord.Interaction, message: str) -> None:
        member = await self._admin(interaction)
        saved = await self.bot.services.custom_messages.find(member.guild.id, message)
        await interaction.response.send_modal(MessageModal(saved.name, saved))

    @message.command(name="delete", description="Delete a saved message")
    @app_commands.autocomplete(message=saved_messages)
    async def delete(self, interaction: discord.Interaction, message: str) -> None:
        member = await self._admin(interaction)
        saved = await self.bot.services.custom_messages.find(member.guild.id, message)
        await self.bot.services.custom_messages.delete(member, saved)
        await reply(interaction, messages.DONE.format(what=f"deleted “{saved.name}”"))

    @message.command(name="list", description="List the saved messages")
    async def list(self, interaction: discord.Interaction) -> None:
        member = await self._admin(interaction)
        found = await self.bot.services.custom_messages.list(member.guild.id)
        lines = [
            f"**{clip(m.name, 60)}** · {len(m.content or '')} characters, {len(m.embeds)} embed(s)"
            for m in found
        ]
        embed = discord.Embed(title="Saved messages", description=clip("\n".join(lines) or "None yet.", 4096))
        await reply(interaction, embed=embed)

    @message.command(
        name="send", description="Send a saved message to a channel (as a webhook with a name/avatar)"
    )
    @app_commands.autocomplete(message=saved_messages)
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
        member = await self._admin(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        services = self.bot.services
        saved = await services.custom_messages.find(member.guild.id, message)
        target = member.guild.get_channel_or_thread(channel.id) or await member.guild.fetch_channel(
            channel.id
        )
        values = {
            "user": member.mention,
            "user_name": member.display_name,
            "server": member.guild.name,
            "channel": target.mention,
            "staff": "",
            "ticket": "",
            "number": "",
            "group": "",
        }
        here = await services.tickets.by_channel(interaction.channel_id or 0)
        if here is not None:
            group = await services.groups.get(here.group_id or 0, include_deleted=True)
            owner = member.guild.get_member(here.owner_id)
            if group is not None and owner is not None:
                values.update(ticket_variables(here, group, owner, member.guild))
        if message_id is not None and not message_id.isdigit():
            raise TicketDeskError(messages.MESSAGE_SENT_NOT_FOUND)
        sent = await services.custom_messages.send(
            member,
            saved,
            target,
            values=values,
            username=username,
            avatar_url=avatar_url,
            thread_name=thread_name,
            message_id=int(message_id) if message_id else None,
        )
        link = f"https://discord.com/channels/{member.guild.id}/{sent.channel_id}/{sent.message_id}"
        await reply(
            interaction, (messages.MESSAGE_EDITED if sent.edited else messages.MESSAGE_SENT).format(link=link)
        )


async def setup(bot: TicketDeskBot) -> None:
    await bot.add_cog(Messages(bot))

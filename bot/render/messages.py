"""The form for a saved message or a tag: content and one simple embed, or any embeds as JSON."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

import discord

from bot import messages
from bot.domain.message_limits import MessageDraft
from bot.domain.text import clip
from bot.render.base import SafeModal
from storage.tags import Tag
from storage.templates import CustomMessage


class MessageModal(SafeModal):
    """Content and one simple embed, or any embeds as JSON (Discord's embed objects)."""

    def __init__(
        self,
        name: str,
        existing: CustomMessage | Tag | None,
        submit: Callable[[discord.Interaction, MessageDraft], Awaitable[None]],
        *,
        title: str | None = None,
    ) -> None:
        super().__init__(
            title=clip((title or messages.MESSAGE_MODAL_TITLE).format(name=name), 45), timeout=900
        )
        self.submit = submit
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
            (messages.MESSAGE_FIELD_CONTENT, self.content),
            (messages.MESSAGE_FIELD_TITLE, self.embed_title),
            (messages.MESSAGE_FIELD_DESCRIPTION, self.embed_description),
            (messages.MESSAGE_FIELD_COLOUR, self.colour),
            (messages.MESSAGE_FIELD_JSON, self.embeds_json),
        ):
            self.add_item(discord.ui.Label(text=text, component=component))

    async def on_submit(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        draft = MessageDraft(
            content=self.content.value,
            embeds_json=self.embeds_json.value or None,
            title=self.embed_title.value or None,
            description=self.embed_description.value or None,
            color=self.colour.value or None,
        )
        await self.submit(interaction, draft)

"""Saved messages: content and embeds with ``{variables}``, sent to channels (as a webhook when asked),
used as a group's opening message and as a panel's message."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord

from bot import messages
from bot.domain import message_limits
from bot.domain.message_limits import MessageError
from bot.domain.templates import MESSAGE_VARIABLES, render, unknown_variables
from bot.domain.text import one_line, strip_invisible
from bot.errors import Conflict, InvalidInput, NotFound
from bot.services.audit import record
from storage import templates as template_repo
from storage.templates import CustomMessage

if TYPE_CHECKING:
    from bot.app import TicketDeskBot

NAME_MAX = 50
WEBHOOK_NAME = "TicketDesk"


@dataclass(slots=True)
class Sent:
    message_id: int
    channel_id: int
    edited: bool


def _variables_in(content: str | None, embeds: list[dict[str, Any]]) -> list[str]:
    return unknown_variables((content or "") + json.dumps(embeds, ensure_ascii=False))


def fill(
    content: str | None, embeds: list[dict[str, Any]], values: dict[str, str]
) -> tuple[str | None, list[dict[str, Any]]]:
    """Fill the variables into the content and every text of the embeds, then fit Discord's limits."""

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return render(value, values)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    return message_limits.fit(render(content, values) if content else content, walk(embeds))


def to_embeds(embeds: list[dict[str, Any]]) -> list[discord.Embed]:
    return [discord.Embed.from_dict(e) for e in embeds]


class CustomMessageService:
    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot

    async def list(self, guild_id: int) -> list[CustomMessage]:
        async with self.bot.db.reader() as conn:
            return await template_repo.list_for_guild(conn, guild_id)

    async def get(self, message_id: int) -> CustomMessage | None:
        async with self.bot.db.reader() as conn:
            return await template_repo.get(conn, message_id)

    async def find(self, guild_id: int, text: str) -> CustomMessage:
        text = text.strip()
        async with self.bot.db.reader() as conn:
            found = None
            if text.isdigit():
                found = await template_repo.get(conn, int(text))
                if found is not None and found.guild_id != guild_id:
                    found = None
            if found is None:
                found = await template_repo.get_by_name(conn, guild_id, text)
        if found is None:
            raise NotFound(messages.MESSAGE_NOT_FOUND.format(name=text))
        return found

    def _validated(
        self,
        content: str | None,
        embeds_json: str | None,
        title: str | None,
        description: str | None,
        color: str | None,
    ) -> tuple[str | None, list[dict[str, Any]]]:
        try:
            embeds = message_limits.parse_embeds(embeds_json)
            if title or description:
                simple: dict[str, Any] = {}
                if title:
                    simple["title"] = title
                if description:
                    simple["description"] = description
                if color:
                    simple["color"] = _colour(color)
                embeds.insert(0, simple)
            content = content.strip() if content and content.strip() else None
            message_limits.check(content, embeds)
        except MessageError as exc:
            raise InvalidInput(messages.MESSAGE_INVALID.format(detail=exc)) from None
        unknown = _variables_in(content, embeds)
        if unknown:
            raise InvalidInput(
                messages.MESSAGE_UNKNOWN_VARIABLE.format(
                    name=unknown[0], known=", ".join("{" + v + "}" for v in MESSAGE_VARIABLES)
                )
            )
        return content, embeds

    async def create(
        self,
        actor: discord.Member,
        name: str,
        *,
        content: str | None,
        embeds_json: str | None = None,
        title: str | None = None,
        description: str | None = None,
        color: str | None = None,
    ) -> CustomMessage:
        guild = actor.guild
        self.bot.services.access.require_admin(actor, await self.bot.services.guilds.config(guild.id))
        name = one_line(strip_invisible(name))
        if not 1 <= len(name) <= NAME_MAX:
            raise InvalidInput(f"A message name needs 1 to {NAME_MAX} characters.")
        content, embeds = self._validated(content, embeds_json, title, description, color)
        now = self.bot.clock.now()
        try:
            async with self.bot.services.cache.writing(guild.id) as tx:
                if await template_repo.get_by_name(tx, guild.id, name) is not None:
                    raise Conflict(messages.MESSAGE_EXISTS.format(name=name))
                created = await template_repo.create(tx, guild.id, name, content, embeds, actor.id, now)
                await record(
                    tx,
                    guild_id=guild.id,
                    action="message.create",
                    now=now,
                    actor_id=actor.id,
                    detail={"message_id": created.id},
                )
        except sqlite3.IntegrityError:
            raise Conflict(messages.MESSAGE_EXISTS.format(name=name)) from None
        return created

    async def edit(
        self,
        actor: discord.Member,
        saved: CustomMessage,
        *,
        content: str | None,
        embeds_json: str | None = None,
        title: str | None = None,
        description: str | None = None,
        color: str | None = None,
    ) -> CustomMessage:
        guild = actor.guild
        self.bot.services.access.require_admin(actor, await self.bot.services.guilds.config(guild.id))
        content, embeds = self._validated(content, embeds_json, title, description, color)
        now = self.bot.clock.now()
        async with self.bot.services.cache.writing(guild.id) as tx:
            await template_repo.update(tx, saved.id, content, embeds, now)
            await record(
                tx,
                guild_id=guild.id,
                action="message.edit",
                now=now,
                actor_id=actor.id,
                detail={"message_id": saved.id},
            )
        updated = await self.get(saved.id)
        assert updated is not None
        return updated

    async def delete(self, actor: discord.Member, saved: CustomMessage) -> None:
        guild = actor.guild
        self.bot.services.access.require_admin(actor, await self.bot.services.guilds.config(guild.id))
        now = self.bot.clock.now()
        async with self.bot.services.cache.writing(guild.id) as tx:
            await template_repo.delete(tx, saved.id)
            await record(
                tx,
                guild_id=guild.id,
                action="message.delete",
                now=now,
                actor_id=actor.id,
                detail={"message_id": saved.id, "name": saved.name},
            )

    async def send(
        self,
        actor: discord.Member,
        saved: CustomMessage,
        channel: discord.abc.GuildChannel | discord.Thread,
        *,
        values: dict[str, str],
        username: str | None = None,
        avatar_url: str | None = None,
        thread_name: str | None = None,
        message_id: int | None = None,
    ) -> Sent:
        """Send (or, with ``message_id``, edit) the saved message in ``channel``.

        With a username or avatar it goes out as a webhook; a forum channel gets a new post named
        ``thread_name``.
        """
        guild = actor.guild
        self.bot.services.access.require_admin(actor, await self.bot.services.guilds.config(guild.id))
        content, embeds = fill(saved.content, saved.embeds, values)
        rich = to_embeds(embeds)
        quiet = discord.AllowedMentions.none()
        as_webhook = bool(username or avatar_url)
        if isinstance(channel, discord.ForumChannel) and not thread_name and message_id is None:
            raise InvalidInput(messages.MESSAGE_FORUM_NEEDS_NAME)
        if message_id is not None:
            return await self._edit_sent(channel, message_id, content, rich, as_webhook)
        if as_webhook:
            hook, thread = await self._webhook(channel)
            sent = await hook.send(
                content or discord.utils.MISSING,
                embeds=rich,
                username=username or discord.utils.MISSING,
                avatar_url=avatar_url or discord.utils.MISSING,
                thread=thread or discord.utils.MISSING,
                thread_name=thread_name or discord.utils.MISSING,
                allowed_mentions=quiet,
                wait=True,
            )
            result = Sent(sent.id, sent.channel.id, False)
        elif isinstance(channel, discord.ForumChannel):
            post = await channel.create_thread(
                name=thread_name or saved.name, content=content, embeds=rich, allowed_mentions=quiet
            )
            result = Sent(post.message.id, post.thread.id, False)
        elif isinstance(channel, discord.TextChannel | discord.Thread):
            sent = await channel.send(content, embeds=rich, allowed_mentions=quiet)
            result = Sent(sent.id, sent.channel.id, False)
        else:
            raise InvalidInput(messages.NOT_A_TEXT_CHANNEL.format(name=channel.name))
        await self.bot.services.audit.event(
            guild_id=guild.id,
            action="message.send",
            actor_id=actor.id,
            detail={"message_id": saved.id, "channel_id": result.channel_id, "webhook": as_webhook},
        )
        return result

    async def _webhook(
        self, channel: discord.abc.GuildChannel | discord.Thread
    ) -> tuple[discord.Webhook, discord.Thread | None]:
        """The bot's webhook on the channel (or a thread's parent), created once."""
        thread = channel if isinstance(channel, discord.Thread) else None
        parent = channel.parent if isinstance(channel, discord.Thread) else channel
        if not isinstance(parent, discord.TextChannel | discord.ForumChannel):
            raise InvalidInput(messages.NOT_A_TEXT_CHANNEL.format(name=channel.name))
        hooks = await parent.webhooks()
        hook = next((h for h in hooks if h.name == WEBHOOK_NAME and h.token), None)
        if hook is None:
            hook = await parent.create_webhook(name=WEBHOOK_NAME, reason="/message send as a webhook")
        return hook, thread

    async def _edit_sent(
        self,
        channel: discord.abc.GuildChannel | discord.Thread,
        message_id: int,
        content: str | None,
        embeds: list[discord.Embed],
        as_webhook: bool,
    ) -> Sent:
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            raise InvalidInput(messages.NOT_A_TEXT_CHANNEL.format(name=channel.name))
        try:
            target = await channel.fetch_message(message_id)
        except discord.NotFound:
            raise NotFound(messages.MESSAGE_SENT_NOT_FOUND) from None
        if target.webhook_id is not None:
            hook, thread = await self._webhook(channel)
            if hook.id != target.webhook_id:
                raise Conflict(messages.MESSAGE_NOT_OURS)
            await hook.edit_message(
                message_id, content=content, embeds=embeds, thread=thread or discord.utils.MISSING
            )
        elif target.author.id == self.bot.user.id:  # type: ignore[union-attr]
            await target.edit(content=content, embeds=embeds)
        else:
            raise Conflict(messages.MESSAGE_NOT_OURS)
        return Sent(message_id, channel.id, True)


def _colour(text: str) -> int:
    try:
        return int(text.strip().lstrip("#"), 16)
    except ValueError:
        raise InvalidInput("The colour must be hex, like #5865f2.") from None

"""Saved messages: content and embeds with ``{variables}``, sent to channels (as a webhook when asked),
used as a group's opening message and as a panel's message."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

import discord

from bot import messages
from bot.clock import Clock
from bot.domain.message_limits import MessageDraft
from bot.domain.models import Ticket
from bot.domain.templates import fill_message, ticket_variables, validated_draft
from bot.domain.text import as_id, one_line, strip_invisible
from bot.errors import Conflict, InvalidInput, NotAllowed, NotFound
from storage import Connection, Database
from storage import guilds as guild_repo
from storage import templates as template_repo
from storage import tickets as ticket_repo
from storage.events import record
from storage.templates import CustomMessage

from .access import Access
from .audit import Audit
from .cache import ConfigCache

NAME_MAX = 50
WEBHOOK_NAME = "TicketDesk"


@dataclass(slots=True)
class Sent:
    message_id: int
    channel_id: int
    edited: bool


def to_embeds(embeds: list[dict[str, Any]]) -> list[discord.Embed]:
    return [discord.Embed.from_dict(e) for e in embeds]


@dataclass(eq=False)
class CustomMessageService:
    client: discord.Client
    db: Database
    clock: Clock
    cache: ConfigCache
    access: Access
    audit: Audit

    def list(self, guild_id: int) -> list[CustomMessage]:
        return self.cache.messages(guild_id)

    async def list_for(self, actor: discord.Member) -> list[CustomMessage]:
        """Every saved message of the actor's server (admins only)."""
        self.access.require_admin(actor)
        return self.list(actor.guild.id)

    def get(self, message_id: int) -> CustomMessage | None:
        return self.cache.message(message_id)

    def find(self, guild_id: int, text: str) -> CustomMessage:
        text = text.strip()
        found = None
        ident = as_id(text)
        if ident is not None:
            found = self.cache.message(ident)
            if found is not None and found.guild_id != guild_id:
                found = None
        if found is None:
            found = self.cache.message_named(guild_id, text)
        if found is None:
            raise NotFound(messages.MESSAGE_NOT_FOUND.format(name=text))
        return found

    def check_may_edit(self, actor: discord.Member) -> None:
        """Saved messages are the admins' (checked before a form is shown, and again on submit)."""
        self.access.require_admin(actor)

    def find_for(self, actor: discord.Member, text: str) -> CustomMessage:
        """A saved message of the actor's server, to edit, delete or send (admins only)."""
        self.check_may_edit(actor)
        return self.find(actor.guild.id, text)

    async def create(self, actor: discord.Member, name: str, draft: MessageDraft) -> CustomMessage:
        guild = actor.guild
        self.access.require_admin(actor)
        name = one_line(strip_invisible(name))
        if not 1 <= len(name) <= NAME_MAX:
            raise InvalidInput(messages.MESSAGE_NAME_BAD.format(max=NAME_MAX))
        content, embeds = validated_draft(draft)
        now = self.clock.now()

        def create(tx: Connection) -> CustomMessage:
            guild_repo.ensure(tx, guild.id, now)
            created = template_repo.create(tx, guild.id, name, content, embeds, actor.id, now)
            record(
                tx,
                guild_id=guild.id,
                action="message.create",
                now=now,
                actor_id=actor.id,
                detail={"message_id": created.id},
            )
            return created

        if self.cache.message_named(guild.id, name) is not None:
            raise Conflict(messages.MESSAGE_EXISTS.format(name=name))
        try:
            return await self.db.write(create)
        except sqlite3.IntegrityError:  # another admin took the name meanwhile
            raise Conflict(messages.MESSAGE_EXISTS.format(name=name)) from None

    async def edit(self, actor: discord.Member, saved: CustomMessage, draft: MessageDraft) -> CustomMessage:
        guild = actor.guild
        self.access.require_admin(actor)
        content, embeds = validated_draft(draft)
        now = self.clock.now()

        def edit(tx: Connection) -> None:
            template_repo.update(tx, saved.id, content, embeds, now)
            record(
                tx,
                guild_id=guild.id,
                action="message.edit",
                now=now,
                actor_id=actor.id,
                detail={"message_id": saved.id},
            )

        await self.db.write(edit)
        updated = self.get(saved.id)
        if updated is None:  # another admin deleted it meanwhile
            raise NotFound(messages.MESSAGE_NOT_FOUND.format(name=saved.name))
        return updated

    async def delete(self, actor: discord.Member, saved: CustomMessage) -> None:
        guild = actor.guild
        self.access.require_admin(actor)
        now = self.clock.now()

        def delete(tx: Connection) -> None:
            template_repo.delete(tx, saved.id)
            record(
                tx,
                guild_id=guild.id,
                action="message.delete",
                now=now,
                actor_id=actor.id,
                detail={"message_id": saved.id, "name": saved.name},
            )

        await self.db.write(delete)

    async def values_for(
        self,
        actor: discord.Member,
        target: discord.abc.GuildChannel | discord.Thread,
        here_channel_id: int | None,
    ) -> dict[str, str]:
        """The variables of a message sent by ``actor`` to ``target``; used in a ticket, the ticket's too."""
        here = await self.db.read(ticket_repo.get_by_channel, here_channel_id or 0)
        return self.values(actor, target, here)

    def values(
        self,
        actor: discord.Member,
        target: discord.abc.GuildChannel | discord.Thread,
        ticket: Ticket | None,
        *,
        staff: str | None = None,
    ) -> dict[str, str]:
        """The variables of a message (a saved message or a tag) that ``actor`` sends to ``target``, with
        ``ticket``'s when it is about one (from memory); ``staff`` replaces the ticket's support roles."""
        values = {
            "user": actor.mention,
            "user_name": actor.display_name,
            "server": actor.guild.name,
            "channel": target.mention,
            "staff": "",
            "ticket": "",
            "number": "",
            "group": "",
        }
        if ticket is not None and ticket.guild_id == actor.guild.id:
            group = self.cache.group_of(ticket)
            owner = actor.guild.get_member(ticket.owner_id)
            if group is not None and owner is not None:
                values.update(
                    ticket_variables(ticket, group, owner_name=owner.display_name, server=actor.guild.name)
                )
        if staff is not None:
            values["staff"] = staff
        return values

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
        self.access.require_admin(actor)
        as_webhook = bool(username or avatar_url)
        self._require_can_post(actor, channel, webhook=as_webhook)
        content, embeds = fill_message(saved.content, saved.embeds, values)
        rich = to_embeds(embeds)
        quiet = discord.AllowedMentions.none()
        if isinstance(channel, discord.ForumChannel) and not thread_name and message_id is None:
            raise InvalidInput(messages.MESSAGE_FORUM_NEEDS_NAME)
        if message_id is not None:
            ours = await self.db.read(template_repo.was_sent, guild.id, channel.id, message_id)
            if not ours:
                raise Conflict(messages.MESSAGE_NOT_SENT_BY_US)
            return await self._edit_sent(channel, message_id, content, rich)
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
            message = await channel.send(content, embeds=rich, allowed_mentions=quiet)
            result = Sent(message.id, message.channel.id, False)
        else:
            raise InvalidInput(messages.NOT_A_TEXT_CHANNEL.format(name=channel.name))
        now = self.clock.now()

        def remember(tx: Connection) -> None:
            template_repo.record_sent(
                tx,
                guild_id=guild.id,
                channel_id=result.channel_id,
                message_id=result.message_id,
                custom_message_id=saved.id,
                sent_by=actor.id,
                now=now,
            )
            record(
                tx,
                guild_id=guild.id,
                action="message.send",
                now=now,
                actor_id=actor.id,
                detail={"message_id": saved.id, "channel_id": result.channel_id, "webhook": as_webhook},
            )

        await self.db.write(remember)
        return result

    def _require_can_post(
        self, actor: discord.Member, channel: discord.abc.GuildChannel | discord.Thread, *, webhook: bool
    ) -> None:
        """The bot posts a saved message only where its sender could post it themselves."""
        have = channel.permissions_for(actor)
        writes = "send_messages_in_threads" if isinstance(channel, discord.Thread) else "send_messages"
        needed = ["view_channel", writes, *(["manage_webhooks"] if webhook else [])]
        missing = [name for name in needed if not getattr(have, name)]
        if missing:
            raise NotAllowed(
                messages.ACTOR_LACKS.format(
                    permissions=", ".join(messages.permission_name(name) for name in missing),
                    channel=channel.mention,
                )
            )

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
            hook = await parent.create_webhook(name=WEBHOOK_NAME, reason=messages.AUDIT_WEBHOOK)
        return hook, thread

    async def _edit_sent(
        self,
        channel: discord.abc.GuildChannel | discord.Thread,
        message_id: int,
        content: str | None,
        embeds: list[discord.Embed],
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
        elif self.client.user is not None and target.author.id == self.client.user.id:
            await target.edit(content=content, embeds=embeds)
        else:
            raise Conflict(messages.MESSAGE_NOT_OURS)
        return Sent(message_id, channel.id, True)

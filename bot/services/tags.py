"""Tags (canned replies staff post in tickets) and keyword auto-replies (a group's rules that answer a
member's message with a tag).

Tags are configuration: read from memory (``ConfigCache``), written through the database. Their drafts
are checked and their variables filled by the same engine as saved messages
(``bot.domain.templates.validated_draft``, ``CustomMessageService.values``, ``fill_message``).
Admins manage tags and rules; staff (of the ticket's group, or of the server) send tags; members do
neither. A tag goes to a ticket's own channel or thread, never its staff notes.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from dataclasses import dataclass, field
from typing import Any

import discord

from bot import messages
from bot.clock import Clock
from bot.domain import autoreply
from bot.domain.autoreply import Rule, RuleError, Scope
from bot.domain.message_limits import CONTENT, MessageDraft
from bot.domain.models import Ticket, TicketGroup, TicketStatus
from bot.domain.templates import fill_message, validated_draft
from bot.domain.text import clip, one_line, strip_invisible
from bot.errors import Conflict, InvalidInput, LimitReached, NotFound
from storage import Connection, Database
from storage import autoreplies as autoreply_repo
from storage import groups as group_repo
from storage import guilds as guild_repo
from storage import members as member_repo
from storage import tags as tag_repo
from storage import tickets as ticket_repo
from storage.events import record
from storage.tags import Tag

from .access import Access
from .cache import ConfigCache
from .custom_messages import CustomMessageService

log = logging.getLogger(__name__)

NAME_MAX = 50


def _to_embeds(embeds: list[dict[str, Any]]) -> list[discord.Embed]:
    return [discord.Embed.from_dict(e) for e in embeds]


@dataclass(slots=True)
class RuleChange:
    """A rule added to or removed from a group: its number (1-based) and the rule."""

    group: TicketGroup
    number: int
    rule: Rule | None


@dataclass(eq=False)
class TagService:
    db: Database
    clock: Clock
    cache: ConfigCache
    access: Access
    custom_messages: CustomMessageService
    # (group id, pattern) of patterns that ran out of time on a message, so each is logged once
    _slow: set[tuple[int, str]] = field(default_factory=set, init=False, repr=False)

    # -- reading (memory only) ----------------------------------------------------------------------

    def list(self, guild_id: int) -> list[Tag]:
        return self.cache.tags(guild_id)

    def list_for(self, actor: discord.Member) -> list[Tag]:
        """The server's tags, by name (staff)."""
        self.access.require_staff_anywhere(actor)
        return self.list(actor.guild.id)

    def find(self, guild_id: int, name: str) -> Tag:
        """A tag of this server by name (any case; autocomplete sends names)."""
        wanted = one_line(strip_invisible(name))
        found = self.cache.tag_named(guild_id, wanted)
        if found is None:
            raise NotFound(messages.TAG_NOT_FOUND.format(name=clip(wanted, 60)))
        return found

    def find_for_staff(self, actor: discord.Member, name: str) -> Tag:
        """A tag to show or send: staff only."""
        self.access.require_staff_anywhere(actor)
        return self.find(actor.guild.id, name)

    def get_for_staff(self, actor: discord.Member, tag_id: int) -> Tag:
        """A tag picked by id (a select's value, so never trusted): staff only, of this server only."""
        self.access.require_staff_anywhere(actor)
        found = self.cache.tag(tag_id)
        if found is None or found.guild_id != actor.guild.id:
            raise NotFound(messages.TAG_NOT_FOUND.format(name=tag_id))
        return found

    def check_may_edit(self, actor: discord.Member) -> None:
        """Tags are the admins' to make, change and delete (checked before a form, and again on submit)."""
        self.access.require_admin(actor)

    def find_for_admin(self, actor: discord.Member, name: str) -> Tag:
        self.check_may_edit(actor)
        return self.find(actor.guild.id, name)

    def is_staff(self, actor: discord.Member) -> bool:
        return self.access.is_staff_anywhere(actor)

    def rules_using(self, tag: Tag) -> int:
        """How many auto-reply rules of the tag's server answer with it."""
        return sum(
            1
            for group in self.cache.groups(tag.guild_id)
            for rule in autoreply.load_rules(group.auto_replies)
            if rule is not None and rule.tag_id == tag.id
        )

    # -- managing tags (admins) ---------------------------------------------------------------------

    async def create(self, actor: discord.Member, name: str, draft: MessageDraft) -> Tag:
        guild = actor.guild
        self.check_may_edit(actor)
        name = one_line(strip_invisible(name))
        if not 1 <= len(name) <= NAME_MAX:
            raise InvalidInput(messages.TAG_NAME_BAD.format(max=NAME_MAX))
        content, embeds = validated_draft(draft)
        if self.cache.tag_named(guild.id, name) is not None:
            raise Conflict(messages.TAG_EXISTS.format(name=name))
        now = self.clock.now()

        def create(tx: Connection) -> Tag:
            guild_repo.ensure(tx, guild.id, now)
            created = tag_repo.create(tx, guild.id, name, content, embeds, actor.id, now)
            record(
                tx,
                guild_id=guild.id,
                action="tag.create",
                now=now,
                actor_id=actor.id,
                detail={"tag_id": created.id, "name": created.name},
            )
            return created

        try:
            return await self.db.write(create)
        except sqlite3.IntegrityError:  # another admin took the name meanwhile
            raise Conflict(messages.TAG_EXISTS.format(name=name)) from None

    async def edit(self, actor: discord.Member, tag: Tag, draft: MessageDraft) -> Tag:
        self.check_may_edit(actor)
        content, embeds = validated_draft(draft)
        now = self.clock.now()

        def edit(tx: Connection) -> Tag | None:
            updated = tag_repo.update(tx, tag.id, content, embeds, now)
            if updated is not None:
                record(
                    tx,
                    guild_id=tag.guild_id,
                    action="tag.edit",
                    now=now,
                    actor_id=actor.id,
                    detail={"tag_id": tag.id, "name": tag.name},
                )
            return updated

        updated = await self.db.write(edit)
        if updated is None:  # another admin deleted it meanwhile
            raise NotFound(messages.TAG_NOT_FOUND.format(name=tag.name))
        return updated

    def draft_with_content(self, tag: Tag, content: str) -> MessageDraft:
        """A draft that replaces a tag's content and keeps its embeds (``/tag edit name content``)."""
        return MessageDraft(content=content, embeds_json=_json(tag.embeds) if tag.embeds else None)

    async def delete(self, actor: discord.Member, tag: Tag) -> int:
        """Delete the tag; the number of auto-reply rules that answered with it (now skipped)."""
        self.check_may_edit(actor)
        now = self.clock.now()

        def delete(tx: Connection) -> bool:
            gone = tag_repo.delete(tx, tag.id)
            if gone:
                record(
                    tx,
                    guild_id=tag.guild_id,
                    action="tag.delete",
                    now=now,
                    actor_id=actor.id,
                    detail={"tag_id": tag.id, "name": tag.name},
                )
            return gone

        if not await self.db.write(delete):
            raise NotFound(messages.TAG_NOT_FOUND.format(name=tag.name))
        return self.rules_using(tag)

    # -- sending (staff) ----------------------------------------------------------------------------

    async def ticket_here(self, actor: discord.Member, channel_id: int | None) -> Ticket:
        """The open ticket whose channel or thread ``channel_id`` is, if ``actor`` is its staff."""
        self.access.require_staff_anywhere(actor)
        found = await self.db.read(ticket_repo.get_by_any_channel, channel_id or 0)
        if found is None or found[0].guild_id != actor.guild.id:
            raise NotFound(messages.TAG_NOT_IN_TICKET)
        ticket, source = found
        await self.access.require_ticket_staff(actor, ticket, "tag.send")
        if source != "ticket":
            raise InvalidInput(messages.TAG_NOT_IN_NOTES)
        if ticket.status is not TicketStatus.OPEN:
            raise Conflict(messages.TAG_TICKET_NOT_OPEN.format(number=ticket.number))
        return ticket

    async def _channel(self, guild: discord.Guild, ticket: Ticket) -> discord.TextChannel | discord.Thread:
        channel_id = ticket.channel_id or 0
        found = guild.get_channel_or_thread(channel_id)
        if found is None:
            try:
                fetched = await guild.fetch_channel(channel_id)
            except discord.NotFound:
                raise NotFound(messages.TAG_NOT_IN_TICKET) from None
            found = fetched if isinstance(fetched, discord.TextChannel | discord.Thread) else None
        if not isinstance(found, discord.TextChannel | discord.Thread):
            raise NotFound(messages.TAG_NOT_IN_TICKET)
        return found

    async def send(
        self,
        actor: discord.Member,
        tag: Tag,
        channel_id: int | None,
        *,
        member: discord.Member | None = None,
        reply_to: int | None = None,
    ) -> discord.Message:
        """Post ``tag`` in the ticket of ``channel_id`` with its variables filled (``{staff}`` is the
        sender). With ``member``, ``{user}`` is that member and the message pings them, and only them;
        otherwise it pings nobody. With ``reply_to``, it answers that message of the ticket."""
        ticket = await self.ticket_here(actor, channel_id)
        current = self.cache.tag(tag.id)  # as it is now (edited or deleted since it was picked)
        if current is None or current.guild_id != actor.guild.id:
            raise NotFound(messages.TAG_NOT_FOUND.format(name=tag.name))
        if (
            member is not None
            and member.id != ticket.owner_id
            and not self.access.is_ticket_staff(member, ticket)
        ):
            added = await self.db.read(member_repo.ids, ticket.id)
            if member.bot or member.id not in added:
                raise InvalidInput(
                    messages.TAG_MEMBER_NOT_IN_TICKET.format(member=member.mention, number=ticket.number)
                )
        channel = await self._channel(actor.guild, ticket)
        values = self.custom_messages.values(actor, channel, ticket, staff=actor.mention)
        if member is not None:
            values.update(user=member.mention, user_name=one_line(strip_invisible(member.display_name)))
        content, embeds = fill_message(current.content, current.embeds, values)
        pinged = discord.AllowedMentions.none()
        if member is not None:
            pinged = discord.AllowedMentions(everyone=False, roles=False, users=[member], replied_user=False)
            if member.mention not in (content or ""):
                content = clip(f"{member.mention} {content or ''}".rstrip(), CONTENT)
        reference = (
            channel.get_partial_message(reply_to).to_reference(fail_if_not_exists=False)
            if reply_to is not None
            else None
        )
        sent = await channel.send(
            content,
            embeds=_to_embeds(embeds),
            allowed_mentions=pinged,
            reference=reference,
        )
        now = self.clock.now()
        await self.db.write(
            record,
            guild_id=ticket.guild_id,
            ticket_id=ticket.id,
            action="tag.send",
            now=now,
            actor_id=actor.id,
            target_id=member.id if member is not None else None,
            detail={
                "number": ticket.number,
                "tag_id": current.id,
                "name": current.name,
                "message_id": sent.id,
            },
        )
        return sent

    # -- auto-reply rules (admins) ------------------------------------------------------------------

    def rules_for(self, actor: discord.Member, group: TicketGroup) -> list[tuple[Rule | None, Tag | None]]:
        """A group's rules in order, each with its tag (None: deleted, so the rule is skipped)."""
        self.access.require_admin(actor)
        return [
            (rule, self.tag_of(rule, group.guild_id)) for rule in autoreply.load_rules(group.auto_replies)
        ]

    def tag_of(self, rule: Rule | None, guild_id: int) -> Tag | None:
        """The tag a rule answers with, if it still exists (in the rule's server)."""
        if rule is None:
            return None
        found = self.cache.tag(rule.tag_id)
        return found if found is not None and found.guild_id == guild_id else None

    async def add_rule(
        self,
        actor: discord.Member,
        group: TicketGroup,
        tag: Tag,
        *,
        words: str | None,
        pattern: str | None,
        every_message: bool,
    ) -> RuleChange:
        self.access.require_admin(actor)
        if tag.guild_id != actor.guild.id or group.guild_id != actor.guild.id:
            raise NotFound(messages.TAG_NOT_FOUND.format(name=tag.name))
        try:  # a pattern is tried on hostile text (a fraction of a second): off the event loop
            rule = await asyncio.to_thread(
                autoreply.make_rule, tag.id, words=words, pattern=pattern, every_message=every_message
            )
        except RuleError as exc:
            raise InvalidInput(str(exc)) from None
        now = self.clock.now()

        def add(tx: Connection) -> RuleChange:
            current = group_repo.get(tx, group.id)
            if current is None:
                raise NotFound(messages.GROUP_NOT_FOUND.format(name=group.name))
            rules = list(current.auto_replies)
            if len(rules) >= autoreply.RULES_MAX:
                raise LimitReached(
                    messages.AUTO_TOO_MANY_RULES.format(group=current.name, max=autoreply.RULES_MAX)
                )
            rules.append(rule.to_json())
            updated = group_repo.update(tx, group.id, {"auto_replies": rules}, now)
            record(
                tx,
                guild_id=group.guild_id,
                action="autoreply.add",
                now=now,
                actor_id=actor.id,
                detail={"group_id": group.id, "number": len(rules), "rule": rule.to_json()},
            )
            return RuleChange(updated, len(rules), rule)

        return await self.db.write(add)

    async def remove_rule(self, actor: discord.Member, group: TicketGroup, number: int) -> RuleChange:
        self.access.require_admin(actor)
        if group.guild_id != actor.guild.id:
            raise NotFound(messages.GROUP_NOT_FOUND.format(name=group.name))
        now = self.clock.now()

        def remove(tx: Connection) -> RuleChange:
            current = group_repo.get(tx, group.id)
            if current is None:
                raise NotFound(messages.GROUP_NOT_FOUND.format(name=group.name))
            rules = list(current.auto_replies)
            if not 1 <= number <= len(rules):
                raise NotFound(messages.AUTO_NO_RULE.format(group=current.name, number=number))
            removed = rules.pop(number - 1)
            updated = group_repo.update(tx, group.id, {"auto_replies": rules}, now)
            record(
                tx,
                guild_id=group.guild_id,
                action="autoreply.remove",
                now=now,
                actor_id=actor.id,
                detail={"group_id": group.id, "number": number, "rule": removed},
            )
            return RuleChange(updated, number, autoreply.rule_from_json(removed))

        return await self.db.write(remove)

    # -- answering a member's message (the archive's hook) -------------------------------------------

    async def on_ticket_message(self, ticket: Ticket, source: str, message: discord.Message) -> None:
        """A message was posted in a ticket (``ticket`` as the archive found it, just now): answer it
        with the first matching rule's tag, unless it comes from a bot (this one included), a webhook
        or staff, the ticket answered automatically within the cooldown, or no rule applies."""
        author = message.author
        if (
            source != "ticket"
            or ticket.status is not TicketStatus.OPEN
            or author.bot
            or message.webhook_id is not None
            or message.type not in (discord.MessageType.default, discord.MessageType.reply)
            or not message.content
            or not isinstance(author, discord.Member)
        ):
            return
        group = self.cache.group_of(ticket)
        if group is None or not group.auto_replies:
            return
        if autoreply.cooling_down(ticket.auto_replied_at, self.clock.now()):
            return
        if self.access.is_ticket_staff(author, ticket):
            return
        rules = autoreply.load_rules(group.auto_replies)
        is_owner = author.id == ticket.owner_id
        among = [
            i
            for i, rule in enumerate(rules)
            if rule is not None
            and self.tag_of(rule, ticket.guild_id) is not None
            and (rule.scope is Scope.EVERY or is_owner)
        ]
        if not among:
            return
        if any(rules[i].pattern is not None for i in among):  # type: ignore[union-attr]
            found = await asyncio.to_thread(autoreply.find_matches, rules, message.content, among)
        else:
            found = autoreply.find_matches(rules, message.content, among)
        for index in found.timed_out:
            self._note_slow(group, index, rules[index])
        first: bool | None = None
        for index in found.matched:
            rule = rules[index]
            assert rule is not None
            if rule.scope is Scope.FIRST:
                if first is None:
                    first = not await self.db.read(
                        autoreply_repo.owner_wrote_before, ticket.id, ticket.owner_id, message.id
                    )
                if not first:
                    continue
            tag = self.tag_of(rule, ticket.guild_id)
            if tag is not None:
                await self._auto_reply(ticket, group, index, tag, message)
            return

    def _note_slow(self, group: TicketGroup, index: int, rule: Rule | None) -> None:
        pattern = rule.pattern if rule is not None else None
        if pattern is None or (group.id, pattern) in self._slow:
            return
        self._slow.add((group.id, pattern))
        log.warning(
            "auto-reply rule %s of group %s (guild %s): its pattern ran out of time on a message and is "
            "treated as not matching; simplify it",
            index + 1,
            group.id,
            group.guild_id,
        )

    async def _auto_reply(
        self, ticket: Ticket, group: TicketGroup, index: int, tag: Tag, message: discord.Message
    ) -> None:
        now = self.clock.now()

        def claim(tx: Connection) -> bool:
            if not autoreply_repo.claim_reply(tx, ticket.id, now, now - autoreply.COOLDOWN):
                return False
            record(
                tx,
                guild_id=ticket.guild_id,
                ticket_id=ticket.id,
                action="tag.auto_reply",
                now=now,
                target_id=message.author.id,
                detail={
                    "number": ticket.number,
                    "group_id": group.id,
                    "rule": index + 1,
                    "tag_id": tag.id,
                    "name": tag.name,
                    "message_id": message.id,
                },
            )
            return True

        if not await self.db.write(claim):
            return  # another message of the ticket got the turn
        guild = message.guild
        channel = message.channel
        if guild is None or not isinstance(channel, discord.TextChannel | discord.Thread):
            return
        values = self.custom_messages.values(guild.me, channel, ticket)
        content, embeds = fill_message(tag.content, tag.embeds, values)
        try:
            await channel.send(
                content,
                embeds=_to_embeds(embeds),
                allowed_mentions=discord.AllowedMentions.none(),
                reference=message.to_reference(fail_if_not_exists=False),
            )
        except discord.HTTPException as exc:
            log.warning("ticket %s: the auto-reply could not be sent: %s", ticket.id, exc)


def _json(embeds: list[dict[str, Any]]) -> str:
    return json.dumps(embeds, ensure_ascii=False)

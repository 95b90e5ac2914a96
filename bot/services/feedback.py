"""Feedback after close: the owner rates the ticket (the group's rating levels) and may add a comment."""

from __future__ import annotations

import logging
from dataclasses import KW_ONLY, dataclass
from datetime import timedelta

import discord

from bot import i18n, messages
from bot.clock import Clock
from bot.domain.models import GroupMode, Ticket, TicketGroup, TicketStatus
from bot.domain.text import clip
from bot.errors import Conflict, NotAllowed, TicketDeskError
from bot.render.feedback import feedback_embed, rating_view
from storage import Connection, Database
from storage import feedback as feedback_repo
from storage.events import record
from storage.feedback import Feedback

from .audit import Audit
from .cache import ConfigCache
from .tickets import TicketService

log = logging.getLogger(__name__)


@dataclass(eq=False)
class FeedbackService:
    client: discord.Client
    db: Database
    clock: Clock
    cache: ConfigCache
    audit: Audit
    tickets: TicketService
    _: KW_ONLY
    window: timedelta

    async def request(self, ticket: Ticket, nonce: str | None = None) -> None:
        """Ask the owner for a rating, by DM (or, if DMs are closed, in the ticket channel). With ``nonce``
        (a step of the close's follow-up), Discord makes the message once however often it is retried."""
        group = self.cache.group_of(ticket)
        guild = self.client.get_guild(ticket.guild_id)
        if group is None or guild is None or not group.rating_levels:
            return
        if await self.db.read(feedback_repo.get, ticket.id) is not None:
            return
        owner = guild.get_member(ticket.owner_id)
        if owner is None:
            return
        text = messages.FEEDBACK_ASK.format(number=ticket.number, server=guild.name)
        view = rating_view(ticket, group)
        try:
            await owner.send(text, view=view, allowed_mentions=discord.AllowedMentions.none(), nonce=nonce)
            return
        except discord.HTTPException as exc:
            log.info("ticket %s: feedback could not be asked by DM: %s", ticket.id, exc)
        if group.mode is GroupMode.CHANNEL:
            channel = guild.get_channel(ticket.channel_id or 0)
            if isinstance(channel, discord.TextChannel):
                await channel.send(
                    f"{owner.mention} {text}",
                    view=view,
                    allowed_mentions=discord.AllowedMentions.none(),
                    nonce=nonce,
                )

    async def _refuse(self, ticket: Ticket, user_id: int, why: TicketDeskError) -> None:
        await self.audit.refused(ticket, "feedback.rate", user_id, why)
        raise why

    async def rate(self, user_id: int, ticket_id: int, level: int) -> tuple[Ticket, TicketGroup, str]:
        """Store the owner's rating once; returns the ticket, its group and the level's label."""
        ticket = await self.tickets.get(ticket_id)
        group = self.cache.group_of(ticket)
        if user_id != ticket.owner_id:
            await self._refuse(ticket, user_id, NotAllowed(messages.FEEDBACK_ONLY_OWNER))
        if group is None or not 0 <= level < len(group.rating_levels):
            await self._refuse(ticket, user_id, Conflict(messages.FEEDBACK_NO_LEVELS))
        assert group is not None
        if ticket.status is TicketStatus.OPEN:
            await self._refuse(
                ticket, user_id, Conflict(messages.FEEDBACK_NOT_CLOSED.format(number=ticket.number))
            )
        now = self.clock.now()
        if ticket.closed_at is not None and now - ticket.closed_at > self.window:
            await self._refuse(ticket, user_id, Conflict(messages.FEEDBACK_LATE.format(number=ticket.number)))
        label = group.rating_levels[level].label

        def rate(tx: Connection) -> Feedback | None:
            """None when stored; the rating given earlier otherwise."""
            if not feedback_repo.add(tx, ticket.id, ticket.guild_id, user_id, level, now):
                return feedback_repo.get(tx, ticket.id)
            record(
                tx,
                guild_id=ticket.guild_id,
                ticket_id=ticket.id,
                action="feedback.rate",
                now=now,
                actor_id=user_id,
                detail={"rating": level},
            )
            return None

        existing = await self.db.write(rate)
        if existing is not None:
            previous = (
                group.rating_levels[existing.rating].label
                if existing.rating < len(group.rating_levels)
                else "?"
            )
            await self._refuse(
                ticket,
                user_id,
                Conflict(messages.FEEDBACK_ALREADY.format(number=ticket.number, label=previous)),
            )
        await self._post(ticket, group, label, None)
        return ticket, group, label

    async def comment(self, user_id: int, ticket_id: int, text: str) -> None:
        ticket = await self.tickets.get(ticket_id)
        if user_id != ticket.owner_id:
            raise NotAllowed(messages.FEEDBACK_ONLY_OWNER)
        comment = clip(text.strip(), 1000)
        if not comment:
            return
        now = self.clock.now()

        def remark(tx: Connection) -> tuple[bool, Feedback | None]:
            changed = feedback_repo.set_comment(tx, ticket.id, comment)
            if changed:
                record(
                    tx,
                    guild_id=ticket.guild_id,
                    ticket_id=ticket.id,
                    action="feedback.comment",
                    now=now,
                    actor_id=user_id,
                )
            return changed, feedback_repo.get(tx, ticket.id)

        changed, found = await self.db.write(remark)
        group = self.cache.group_of(ticket)
        if changed and found is not None and group is not None:
            label = (
                group.rating_levels[found.rating].label if found.rating < len(group.rating_levels) else "?"
            )
            await self._post(ticket, group, label, comment, edit=(found.channel_id, found.message_id))

    async def _post(
        self,
        ticket: Ticket,
        group: TicketGroup,
        label: str,
        comment: str | None,
        edit: tuple[int | None, int | None] | None = None,
    ) -> None:
        guild = self.client.get_guild(ticket.guild_id)
        channel = guild.get_channel(group.feedback_channel_id or 0) if guild else None
        if not isinstance(channel, discord.TextChannel):
            return
        with i18n.speaking(self.cache.language(channel.guild)):
            embed = feedback_embed(ticket, group, label, comment)
        try:
            if edit is not None and edit[1] is not None:
                message = channel.get_partial_message(edit[1])
                await message.edit(embed=embed)
                return
            sent = await channel.send(embed=embed, allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as exc:
            log.warning("could not post feedback of ticket %s: %s", ticket.id, exc)
            return
        await self.db.write(feedback_repo.set_post, ticket.id, channel.id, sent.id)

"""Lines the bot posts about what happened: the log channel, and a group's form-results channel.

Every method here follows an event (see the events module); none of them ever pings anyone
or fails the operation that was followed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import discord

from bot import messages
from bot.domain.models import TicketGroup
from bot.domain.text import clip
from bot.render.tickets import form_results

from .cache import ConfigCache
from .events import CategoryOverflow, TicketActed, TicketOpened

log = logging.getLogger(__name__)


@dataclass(eq=False)
class Notices:
    cache: ConfigCache

    async def log_line(self, guild: discord.Guild, group: TicketGroup | None, text: str) -> None:
        """Post ``text`` to the group's log channel, else the guild's; never pings, never raises."""
        channel_id = group.log_channel_id if group is not None and group.log_channel_id else None
        if channel_id is None:
            channel_id = (self.cache.guild(guild.id)).log_channel_id
        if channel_id is None:
            return
        channel = guild.get_channel(channel_id)
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            return
        try:
            await channel.send(clip(text, 2000), allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as exc:
            log.warning("could not write to log channel %s in guild %s: %s", channel_id, guild.id, exc)

    async def on_opened(self, event: TicketOpened) -> None:
        """A line with a link in the group's staff channel, the answers in its form channel, and a line in
        the log channel."""
        group, ticket = event.group, event.ticket
        if group.staff_notify_channel_id:
            notify = event.guild.get_channel(group.staff_notify_channel_id)
            if isinstance(notify, discord.TextChannel):
                try:
                    await notify.send(
                        messages.STAFF_NOTIFY_LINE.format(
                            number=ticket.number,
                            group=group.name,
                            owner=event.owner.mention,
                            link=event.channel.jump_url,
                        ),
                        allowed_mentions=discord.AllowedMentions.none(),
                    )
                except discord.HTTPException as exc:
                    log.warning("could not post to the staff channel %s: %s", notify.id, exc)
        if group.form_channel_id and event.answers:
            channel = event.guild.get_channel(group.form_channel_id)
            if isinstance(channel, discord.TextChannel):
                embeds, files = form_results(ticket, group, event.owner, event.answers)
                try:
                    await channel.send(
                        embeds=embeds, files=files, allowed_mentions=discord.AllowedMentions.none()
                    )
                except discord.HTTPException as exc:
                    log.warning("could not post form results to %s: %s", channel.id, exc)
        await self.log_line(
            event.guild,
            group,
            messages.LOG_OPENED.format(
                number=ticket.number,
                group=group.name,
                owner=event.owner.mention,
                channel=event.channel.mention,
            ),
        )

    async def on_acted(self, event: TicketActed) -> None:
        await self.log_line(
            event.guild,
            event.group,
            messages.LOG_LINE.format(
                number=event.ticket.number,
                group=event.group.name,
                action=messages.ACTION_PAST.get(event.action, event.action),
                actor=event.actor,
                reason=f": {event.reason}" if event.reason else "",
            ),
        )

    async def on_overflow(self, event: CategoryOverflow) -> None:
        log.warning("group %s in guild %s overflowed its first category", event.group.id, event.guild.id)
        await self.log_line(
            event.guild,
            event.group,
            messages.CATEGORY_OVERFLOW.format(group=event.group.name, number=event.number),
        )

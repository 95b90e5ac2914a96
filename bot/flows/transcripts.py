"""Handing a transcript to the person who asked, ephemerally, in one file, a zip, or parts."""

from __future__ import annotations

from dataclasses import dataclass

import discord

from bot import messages
from bot.domain.models import Ticket
from bot.render.replies import acknowledge
from bot.services.transcripts import Delivery, TranscriptService


async def deliver(interaction: discord.Interaction, delivery: Delivery) -> None:
    """Send the files as ephemeral follow-ups (the interaction must be deferred)."""
    try:
        files = delivery.files()
        if len(files) == 1:
            await interaction.followup.send(
                messages.TRANSCRIPT_READY.format(
                    number=delivery.ticket.number, fmt=delivery.fmt, copy=delivery.copy
                )
                + "".join(f"\n{note}" for note in delivery.notes),
                file=files[0],
                ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )
            return
        for index, file in enumerate(files, start=1):
            await interaction.followup.send(
                messages.TRANSCRIPT_PARTS.format(
                    number=delivery.ticket.number,
                    fmt=delivery.fmt,
                    copy=delivery.copy,
                    part=index,
                    parts=len(files),
                ),
                file=file,
                ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )
    finally:
        delivery.cleanup()


@dataclass(eq=False)
class TranscriptFlow:
    transcripts: TranscriptService

    async def acknowledge(self, interaction: discord.Interaction, member: discord.Member) -> None:
        """Answer "thinking" at once, before anything is read (a transcript takes a while), then count the
        request against the member's limit (past it, they are told when they can ask again)."""
        await acknowledge(interaction)
        self.transcripts.admit(member.id)

    async def send_copy(
        self, interaction: discord.Interaction, member: discord.Member, ticket: Ticket, fmt: str
    ) -> None:
        """The right copy of ``ticket`` for ``member`` (staff: with notes), as files only they see."""
        await acknowledge(interaction)
        delivery = await self.transcripts.get_copy(member, ticket, fmt, interaction.filesize_limit)
        await deliver(interaction, delivery)

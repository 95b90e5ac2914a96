"""``/privacy``: a member's own view of what the bot keeps about them, with export and deletion."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import discord

from bot import messages
from bot.flows.context import member_of
from bot.render.base import Confirm
from bot.render.privacy import PrivacyView, embed_for, summary
from bot.render.replies import acknowledge, reply
from bot.services.privacy import PrivacyService


@dataclass(eq=False)
class PrivacyFlow:
    privacy: PrivacyService

    async def show(self, interaction: discord.Interaction) -> None:
        _, member = member_of(interaction)
        counts = await self.privacy.references(member)

        async def export(clicked: discord.Interaction) -> None:
            await acknowledge(clicked)
            data = await self.privacy.export(member)
            payload = json.dumps(data, ensure_ascii=False, indent=2).encode()
            await reply(
                clicked,
                messages.PRIVACY_EXPORT,
                file=discord.File(io.BytesIO(payload), "my-ticketdesk-data.json"),
            )

        async def delete(clicked: discord.Interaction) -> None:
            async def erase(confirmed: discord.Interaction) -> str:
                removed = await self.privacy.erase(member)
                return messages.PRIVACY_DELETED.format(summary=summary(removed))

            await reply(
                clicked,
                messages.PRIVACY_DELETE_CONFIRM,
                view=Confirm(member.id, messages.YES_DELETE_MY_DATA, erase, working=messages.DELETING),
            )

        view = PrivacyView(member.id, counts, export=export, delete=delete)
        await reply(interaction, embed=embed_for(counts), view=view)

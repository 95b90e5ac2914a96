"""``/privacy``: what the bot keeps about you, with Export and Delete (confirmed) buttons, for you only."""

from __future__ import annotations

import io
import json
from dataclasses import fields

import discord

from bot import messages
from bot.ui.base import Confirm, OwnedView, bot_of
from bot.ui.replies import reply
from storage.privacy import References

LABELS = {
    "tickets_owned": "tickets you opened",
    "tickets_assigned": "tickets assigned to you",
    "messages": "archived messages",
    "attachments": "attachments",
    "form_answers": "tickets with form answers",
    "feedback": "ratings",
    "events": "log entries naming you",
    "memberships": "tickets you were added to",
    "mentions": "messages mentioning you",
}


def summary(references: References) -> str:
    parts = [
        f"{getattr(references, f.name)} {LABELS[f.name]}"
        for f in fields(references)
        if getattr(references, f.name)
    ]
    return ", ".join(parts) or "nothing"


def embed_for(references: References) -> discord.Embed:
    embed = discord.Embed(title=messages.PRIVACY_TITLE, colour=discord.Colour.blurple())
    if not references.total():
        embed.description = messages.PRIVACY_NOTHING
        return embed
    for item in fields(references):
        embed.add_field(name=LABELS[item.name].capitalize(), value=str(getattr(references, item.name)))
    return embed


class PrivacyView(OwnedView):
    """Only the member who ran /privacy can use these (and only they see them)."""

    def __init__(self, member: discord.Member, references: References) -> None:
        super().__init__(member.id, timeout=600)
        self.member = member
        export: discord.ui.Button[PrivacyView] = discord.ui.Button(
            label="Export", emoji="📦", disabled=not references.total()
        )
        delete: discord.ui.Button[PrivacyView] = discord.ui.Button(
            label="Delete my data",
            emoji="🗑️",
            style=discord.ButtonStyle.danger,
            disabled=not references.total(),
        )
        export.callback = self._export  # type: ignore[method-assign]
        delete.callback = self._delete  # type: ignore[method-assign]
        self.add_item(export)
        self.add_item(delete)

    async def _export(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await bot_of(interaction).services.privacy.export(self.member)
        payload = json.dumps(data, ensure_ascii=False, indent=2).encode()
        await reply(
            interaction,
            messages.PRIVACY_EXPORT,
            file=discord.File(io.BytesIO(payload), "my-ticketdesk-data.json"),
        )

    async def _delete(self, interaction: discord.Interaction) -> None:
        member = self.member

        async def erase(confirmed: discord.Interaction) -> str:
            removed = await bot_of(confirmed).services.privacy.erase(member)
            return messages.PRIVACY_DELETED.format(summary=summary(removed))

        await reply(
            interaction,
            messages.PRIVACY_DELETE_CONFIRM,
            view=Confirm(member.id, "Yes, delete my data", erase, working="Deleting…"),
        )

"""``/privacy``: a member's own view of what the bot keeps about them, with export and deletion."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import TicketDeskBot
from bot.ui.opening import member_of
from bot.ui.privacy import PrivacyView, embed_for
from bot.ui.replies import reply


class Privacy(commands.Cog):
    def __init__(self, bot: TicketDeskBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="privacy", description="What TicketDesk keeps about you here; export or delete it"
    )
    @app_commands.guild_only()
    async def privacy(self, interaction: discord.Interaction) -> None:
        _, member = member_of(interaction)
        references = await self.bot.services.privacy.references(member)
        await reply(interaction, embed=embed_for(references), view=PrivacyView(member, references))


async def setup(bot: TicketDeskBot) -> None:
    await bot.add_cog(Privacy(bot))

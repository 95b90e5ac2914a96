"""``/privacy``: a member's own view of what the bot keeps about them, with export and deletion."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.app import TicketDeskBot
from cogs.base import DeskCog


class Privacy(DeskCog):
    @app_commands.command(
        name="privacy", description="What TicketDesk keeps about you here; export or delete it"
    )
    @app_commands.guild_only()
    async def privacy(self, interaction: discord.Interaction) -> None:
        await self.flows.privacy.show(interaction)


async def setup(bot: TicketDeskBot) -> None:
    await bot.add_cog(Privacy(bot))

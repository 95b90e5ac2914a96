"""Who is acting, and where: the one place an interaction is turned into a guild and a member."""

from __future__ import annotations

import discord

from bot import messages
from bot.errors import TicketDeskError


def member_of(interaction: discord.Interaction) -> tuple[discord.Guild, discord.Member]:
    """The interaction's guild and member; refuses interactions outside a server."""
    if interaction.guild is None or not isinstance(interaction.user, discord.Member):
        raise TicketDeskError(messages.NOT_IN_GUILD)
    return interaction.guild, interaction.user

"""Every persistent component the bot registers at start-up."""

from __future__ import annotations

from typing import Any

import discord

from bot.ui.feedback import RatingSelect
from bot.ui.panels import PanelButton, PanelSelect
from bot.ui.ticket_buttons import TicketButton

DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    PanelButton,
    PanelSelect,
    TicketButton,
    RatingSelect,
)

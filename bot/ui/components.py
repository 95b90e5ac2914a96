"""Every persistent component the bot registers at start-up."""

from __future__ import annotations

from typing import Any

import discord

DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = ()

"""TicketDesk: a self-hosted Discord ticket bot."""

from bot.app import TicketDeskBot, create_bot
from bot.settings import Settings

__all__ = ["Settings", "TicketDeskBot", "create_bot"]

"""The operations of SPEC.md, each exactly once. Cogs, the scheduler and start-up call these."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import TicketDeskBot


class Services:
    """Every service of one running bot, built in ``setup_hook``."""

    def __init__(self, bot: TicketDeskBot) -> None:
        from bot.services.access import AccessService
        from bot.services.guilds import GuildService

        self.access = AccessService(bot)
        self.guilds = GuildService(bot)

"""The operations of SPEC.md, each exactly once. Cogs, the scheduler and start-up call these."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import TicketDeskBot


class Services:
    """Every service of one running bot, built in ``setup_hook``."""

    def __init__(self, bot: TicketDeskBot) -> None:
        from bot.services.access import AccessService
        from bot.services.audit import AuditService
        from bot.services.cache import ConfigCache
        from bot.services.groups import GroupService
        from bot.services.guilds import GuildService
        from bot.services.opening import TicketOpener
        from bot.services.panels import PanelService
        from bot.services.placement import Placer
        from bot.services.setup import SetupService
        from bot.services.tickets import TicketService

        self.cache = ConfigCache(bot)
        self.access = AccessService(bot)
        self.audit = AuditService(bot)
        self.guilds = GuildService(bot)
        self.groups = GroupService(bot)
        self.panels = PanelService(bot)
        self.placer = Placer()
        self.opener = TicketOpener(bot)
        self.tickets = TicketService(bot)
        self.setup = SetupService(bot)

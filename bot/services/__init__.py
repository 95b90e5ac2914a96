"""The operations of SPEC.md, each exactly once. Cogs, the scheduler and start-up call these."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import TicketDeskBot
    from bot.domain.models import Ticket


class Services:
    """Every service of one running bot, built in ``setup_hook``."""

    def __init__(self, bot: TicketDeskBot) -> None:
        from bot.services.access import AccessService
        from bot.services.archive import ArchiveService
        from bot.services.audit import AuditService
        from bot.services.cache import ConfigCache
        from bot.services.channels import ChannelKeeper
        from bot.services.custom_messages import CustomMessageService
        from bot.services.feedback import FeedbackService
        from bot.services.groups import GroupService
        from bot.services.guilds import GuildService
        from bot.services.notes import NotesService
        from bot.services.opening import TicketOpener
        from bot.services.panels import PanelService
        from bot.services.placement import Placer
        from bot.services.privacy import PrivacyService
        from bot.services.renamer import Renamer
        from bot.services.scheduler import Scheduler
        from bot.services.setup import SetupService
        from bot.services.stats import StatsService
        from bot.services.sync import SyncService
        from bot.services.tickets import TicketService
        from bot.services.transcripts import TranscriptService

        self.cache = ConfigCache(bot)
        self.access = AccessService(bot)
        self.audit = AuditService(bot)
        self.guilds = GuildService(bot)
        self.groups = GroupService(bot)
        self.panels = PanelService(bot)
        self.placer = Placer()
        self.opener = TicketOpener(bot)
        self.tickets = TicketService(bot)
        self.channels = ChannelKeeper(bot)
        self.renamer = Renamer(bot)
        self.scheduler = Scheduler(bot)
        self.sync = SyncService(bot)
        self.setup = SetupService(bot)
        self.archive = ArchiveService(bot)
        self.notes = NotesService(bot)
        self.transcripts = TranscriptService(bot)
        self.feedback = FeedbackService(bot)
        self.privacy = PrivacyService(bot)
        self.stats = StatsService(bot)
        self.custom_messages = CustomMessageService(bot)

    async def after_close(self, ticket: Ticket) -> None:
        """What follows every close, whoever or whatever closed the ticket: transcripts, then feedback."""
        await self.transcripts.on_close(ticket)
        await self.feedback.request(ticket)

    async def before_delete(self, ticket: Ticket) -> None:
        """What must happen while a ticket's channel still exists, before it is deleted."""
        await self.transcripts.before_delete(ticket)

"""The operations of SPEC.md, each exactly once, wired together here and nowhere else.

Every service receives the collaborators it uses in its constructor; what follows an operation
(transcripts and feedback after a close, log lines, panel refreshes) subscribes to its event.
"""

from __future__ import annotations

from datetime import timedelta

import discord

from bot.clock import Clock
from bot.settings import Settings
from storage import Database

from .access import Access
from .archive import ArchiveService
from .audit import Audit
from .blacklist import BlacklistService
from .blobs import BlobStore
from .cache import ConfigCache
from .channels import ChannelKeeper
from .custom_messages import CustomMessageService
from .destinations import Destinations
from .events import (
    CategoryOverflow,
    EventBus,
    GroupDeleted,
    TicketActed,
    TicketClosed,
    TicketDeleting,
    TicketOpened,
)
from .feedback import FeedbackService
from .followups import FollowUps
from .groups import GroupService
from .guilds import GuildService
from .notes import NotesService
from .notices import Notices
from .opening import TicketOpener
from .panels import PanelService
from .placement import Placer
from .privacy import PrivacyService
from .renamer import Renamer
from .repair import Repair
from .scheduler import Scheduler
from .settings_io import SettingsIOService
from .setup import SetupService
from .stats import StatsService
from .sync import SyncService
from .tags import TagService
from .tickets import TicketService
from .transcripts import TranscriptService


class Services:
    """Every service of one running bot."""

    def __init__(self, client: discord.Client, db: Database, clock: Clock, settings: Settings) -> None:
        data = settings.data_dir
        self.cache = cache = ConfigCache(db, client)
        self.bus = bus = EventBus(cache.language)
        self.audit = audit = Audit(db, clock)
        self.access = access = Access(cache, audit)
        self.notices = notices = Notices(cache)
        self.blacklist = blacklist = BlacklistService(db, clock, cache, access)
        self.placer = placer = Placer()
        self.blobs = blobs = BlobStore(data / "attachments", settings.load_secret())
        self.custom_messages = custom_messages = CustomMessageService(client, db, clock, cache, access, audit)
        self.panels = panels = PanelService(db, clock, cache, access, custom_messages)
        self.tags = TagService(db, clock, cache, access, custom_messages)
        self.groups = groups = GroupService(db, clock, cache, access, custom_messages, bus)
        self.guilds = guilds = GuildService(
            client,
            db,
            clock,
            cache,
            access,
            panels,
            file_roots=[data / "attachments", data / "transcripts"],
            purge_grace_days=settings.purge_grace_days,
        )
        self.renamer = renamer = Renamer(client, clock, cache)
        self.keeper = keeper = ChannelKeeper(client, db, cache, access, placer)
        self.destinations = destinations = Destinations(client, db, clock, placer, bus, cache)
        self.tickets = tickets = TicketService(
            client, db, clock, cache, access, audit, keeper, renamer, bus, placer
        )
        self.opener = opener = TicketOpener(
            db, clock, cache, access, destinations, custom_messages, bus, tickets.make_room
        )
        self.repair = repair = Repair(db, clock, cache, destinations, opener)
        self.archive = archive = ArchiveService(
            client,
            db,
            clock,
            blobs,
            attachment_max_bytes=settings.attachment_max_bytes,
            ticket_attachments_max_bytes=settings.ticket_attachments_max_bytes,
        )
        self.transcripts = transcripts = TranscriptService(
            client,
            db,
            clock,
            cache,
            access,
            audit,
            archive,
            blobs,
            tickets,
            root=data / "transcripts",
            scratch=data / "tmp",
            database_path=settings.database_path,
            inline_max_bytes=settings.transcript_inline_max_bytes,
        )
        self.feedback = feedback = FeedbackService(
            client, db, clock, cache, audit, tickets, window=timedelta(days=settings.feedback_window_days)
        )
        self.followups = followups = FollowUps(db, clock, cache, transcripts, feedback)
        self.notes = NotesService(db, clock, cache, access, audit)
        self.privacy = PrivacyService(db, clock, tickets, transcripts, blobs)
        self.stats = StatsService(db, clock, cache, access)
        self.sync = SyncService(db, clock, cache, access, audit, keeper, tickets, archive, renamer, repair)
        self.setup = SetupService(clock, cache, access, audit, groups, panels)
        self.settings_io = SettingsIOService(db, clock, cache, access, audit, panels)
        self.scheduler = Scheduler(
            clock,
            timedelta(seconds=settings.scheduler_interval_seconds),
            close_due=tickets.close_due,
            next_due=tickets.next_due,
            housekeeping=[
                followups.resume,
                tickets.remove_past_retention,
                guilds.purge_departed,
                repair.forget_given_up,
                blacklist.lift_expired,
            ],
        )

        # what follows what: in this order
        bus.subscribe(TicketOpened, notices.on_opened)
        bus.subscribe(TicketActed, notices.on_acted)
        bus.subscribe(CategoryOverflow, notices.on_overflow)
        bus.subscribe(TicketDeleting, transcripts.before_delete)
        bus.subscribe(TicketClosed, followups.on_closed)
        bus.subscribe(GroupDeleted, panels.on_group_deleted)

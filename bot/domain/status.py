"""What ``/tickets status`` found: settings, ticket counts, what the bot lacks, and every problem."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.models import GuildConfig, TicketStatus


@dataclass(slots=True)
class StatusReport:
    config: GuildConfig
    ticket_counts: dict[TicketStatus, int]
    missing_permissions: list[str]
    groups: list[str] = field(default_factory=list)
    panels: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    channels: int = 0

"""The records the bot works with. Storage maps rows to these; services and rules read them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class TicketStatus(StrEnum):
    CREATING = "creating"  # intent written, channel or thread not confirmed yet
    OPEN = "open"
    CLOSED = "closed"
    DELETED = "deleted"  # closed and its channel or thread removed; the record stays


class GroupMode(StrEnum):
    CHANNEL = "channel"
    THREAD = "thread"


class OutOfHours(StrEnum):
    ALLOW = "allow"
    WARN = "warn"
    BLOCK = "block"


class PanelKind(StrEnum):
    BUTTON = "button"
    TYPE_BUTTONS = "type_buttons"
    DROPDOWN = "dropdown"


@dataclass(slots=True)
class GuildConfig:
    guild_id: int
    enabled: bool = True
    admin_role_ids: list[int] = field(default_factory=list)
    staff_role_ids: list[int] = field(default_factory=list)
    log_channel_id: int | None = None
    default_group_id: int | None = None
    locale: str = "en-US"
    last_ticket_number: int = 0
    joined_at: datetime | None = None
    left_at: datetime | None = None


@dataclass(slots=True)
class Ticket:
    id: int
    uuid: str
    guild_id: int
    group_id: int | None
    number: int
    status: TicketStatus
    owner_id: int
    created_at: datetime
    opened_by_id: int | None = None
    assigned_id: int | None = None
    channel_id: int | None = None
    channel_parent_id: int | None = None
    name: str | None = None
    custom_name: bool = False
    open_slot: int | None = None
    form: list[dict[str, Any]] = field(default_factory=list)
    priority: int | None = None
    rating: int | None = None
    closed_reason: str | None = None
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    deleted_at: datetime | None = None
    last_activity: datetime | None = None
    locked_at: datetime | None = None
    expire_at: datetime | None = None
    expire_clearable: bool = False
    eternal: bool = False
    notes_thread_id: int | None = None
    transcript_saved_at: datetime | None = None
    opening_message_id: int | None = None
    source_channel_id: int | None = None
    source_message_id: int | None = None
    owner_left_at: datetime | None = None
    request_key: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status is TicketStatus.OPEN

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


@dataclass(slots=True)
class Event:
    id: int
    guild_id: int
    action: str
    created_at: datetime
    ticket_id: int | None = None
    actor_id: int | None = None
    target_id: int | None = None
    reason: str | None = None
    anonymous: bool = False
    allowed: bool = True
    detail: dict[str, Any] | None = None

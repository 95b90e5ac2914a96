"""The records the bot works with. Storage maps rows to these; services and rules read them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.domain.forms import FormField
from bot.domain.levels import Level
from bot.domain.schedule import Schedule


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


class PingOn(StrEnum):
    OPEN = "open"
    FIRST_MESSAGE = "first_message"
    NEVER = "never"


class ClaimMode(StrEnum):
    LABEL = "label"
    EXCLUSIVE = "exclusive"
    HIDDEN = "hidden"


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
    language: str | None = None  # None: the server's Discord language when shipped, else English
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
    last_owner_activity: datetime | None = None
    source_author_id: int | None = None
    staff_pinged_at: datetime | None = None
    warned_for: datetime | None = None
    warned_at: datetime | None = None
    close_request_at: datetime | None = None
    close_request_by: int | None = None
    close_request_reason: str | None = None
    close_request_message_id: int | None = None
    auto_replied_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status is TicketStatus.OPEN


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


@dataclass(slots=True)
class TicketGroup:
    """A kind of ticket and all its configuration."""

    id: int
    guild_id: int
    name: str
    mode: GroupMode = GroupMode.CHANNEL
    category_ids: list[int] = field(default_factory=list)
    parent_channel_id: int | None = None
    closed_category_id: int | None = None
    locked_category_id: int | None = None
    assigned_category_id: int | None = None
    transcript_channel_id: int | None = None
    form_channel_id: int | None = None
    feedback_channel_id: int | None = None
    log_channel_id: int | None = None
    support_role_ids: list[int] = field(default_factory=list)
    name_template: str = "ticket-{number}"
    opening_message: str | None = None
    opening_message_id: int | None = None
    form_title: str | None = None
    form_fields: list[FormField] = field(default_factory=list)
    user_limit: int = 1
    cooldown_seconds: int = 0
    priority_levels: list[Level] = field(default_factory=list)
    rating_levels: list[Level] = field(default_factory=list)
    schedule: Schedule | None = None
    timezone: str = "UTC"
    out_of_hours: OutOfHours = OutOfHours.ALLOW
    inactivity_close_seconds: int | None = None
    inactivity_owner_only: bool = False
    owner_can_close: bool = True
    close_on_owner_leave: bool = False
    daily_limit: int = 10
    closed_retention_seconds: int | None = 7 * 86400
    ping_role_ids: list[int] | None = None  # None: the support roles
    ping_on: PingOn = PingOn.OPEN
    staff_notify_channel_id: int | None = None
    inactivity_warn_seconds: int | None = None
    claim_mode: ClaimMode = ClaimMode.LABEL
    auto_replies: list[dict[str, Any]] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None


@dataclass(slots=True)
class PanelEntry:
    id: int
    panel_id: int
    group_id: int
    label: str
    emoji: str | None = None
    description: str | None = None
    position: int = 0


@dataclass(slots=True)
class Panel:
    id: int
    guild_id: int
    name: str
    kind: PanelKind = PanelKind.BUTTON
    title: str | None = None
    description: str | None = None
    custom_message_id: int | None = None
    channel_id: int | None = None
    message_id: int | None = None
    entries: list[PanelEntry] = field(default_factory=list)

    def entry_id(self, text: str) -> int:
        """An entry named by its id (what autocomplete sends) or its label; 0 when there is none."""
        if text.isdigit():
            return int(text)
        found = next((e for e in self.entries if e.label.lower() == text.lower()), None)
        return found.id if found else 0


# The channels a group points at, named by their field; the admin's option is the field without "_id".
GROUP_STATUS_CATEGORIES = ("closed_category_id", "locked_category_id", "assigned_category_id")
GROUP_TEXT_CHANNELS = (
    "transcript_channel_id",
    "form_channel_id",
    "feedback_channel_id",
    "log_channel_id",
    "staff_notify_channel_id",
)
GROUP_CHANNELS = ("parent_channel_id", *GROUP_STATUS_CATEGORIES, *GROUP_TEXT_CHANNELS)


def option_of(field_name: str) -> str:
    """``closed_category_id`` -> ``closed_category``: the option an admin sets a group field with."""
    return field_name.removesuffix("_id")

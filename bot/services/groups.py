"""Ticket groups: create, edit, show, list, delete, and their forms."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields
from typing import Any

import discord

from bot import messages
from bot.clock import Clock
from bot.domain import naming
from bot.domain.durations import DurationError, parse_duration
from bot.domain.forms import FieldKind, FormError, FormField, next_key, validate_form
from bot.domain.levels import LevelError, parse_levels
from bot.domain.models import (
    GROUP_CHANNELS,
    GROUP_STATUS_CATEGORIES,
    GROUP_TEXT_CHANNELS,
    ClaimMode,
    GroupMode,
    GuildConfig,
    OutOfHours,
    PanelEntry,
    PingOn,
    TicketGroup,
    option_of,
)
from bot.domain.schedule import ScheduleError, parse_schedule
from bot.domain.templates import unknown_variables
from bot.domain.text import strip_invisible
from bot.errors import Conflict, InvalidInput, NotFound
from storage import Connection, Database
from storage import groups as group_repo
from storage import guilds as guild_repo
from storage import panels as panel_repo
from storage.events import record

from . import resolve
from .access import Access
from .cache import ConfigCache
from .custom_messages import CustomMessageService
from .events import EventBus, GroupDeleted

NAME_MAX = 50
OPENING_MESSAGE_MAX = 2000
USER_LIMIT_MAX = 25
DAILY_LIMIT_MAX = 1000
CLEARABLE = {
    "categories": "category_ids",
    **{option_of(name): name for name in GROUP_CHANNELS},
    "support_roles": "support_role_ids",
    "opening_message": "opening_message",
    "cooldown": "cooldown_seconds",
    "priority_levels": "priority_levels",
    "rating_levels": "rating_levels",
    "schedule": "schedule",
    "inactivity_close": "inactivity_close_seconds",
    "closed_retention": "closed_retention_seconds",
    "ping_roles": "ping_role_ids",
    "inactivity_warn": "inactivity_warn_seconds",
}
_CLEARED = {
    "category_ids": [],
    "support_role_ids": [],
    "cooldown_seconds": 0,
    "priority_levels": [],
    "rating_levels": [],
}


@dataclass(slots=True)
class GroupEdit:
    """What ``/group edit`` was given; None means "leave as it is"."""

    name: str | None = None
    categories: str | None = None
    parent_channel: discord.abc.GuildChannel | None = None
    closed_category: discord.abc.GuildChannel | None = None
    locked_category: discord.abc.GuildChannel | None = None
    assigned_category: discord.abc.GuildChannel | None = None
    transcript_channel: discord.abc.GuildChannel | None = None
    form_channel: discord.abc.GuildChannel | None = None
    feedback_channel: discord.abc.GuildChannel | None = None
    log_channel: discord.abc.GuildChannel | None = None
    support_roles: str | None = None
    name_template: str | None = None
    opening_message: str | None = None
    user_limit: int | None = None
    cooldown: str | None = None
    priority_levels: str | None = None
    rating_levels: str | None = None
    schedule: str | None = None
    out_of_hours: str | None = None
    inactivity_close: str | None = None
    owner_can_close: bool | None = None
    close_on_owner_leave: bool | None = None
    default: bool | None = None
    clear: str | None = None
    daily_limit: int | None = None
    closed_retention: str | None = None
    staff_notify_channel: discord.abc.GuildChannel | None = None
    ping_roles: str | None = None
    ping_on: str | None = None
    claim_mode: str | None = None
    inactivity_warn: str | None = None


def clean_name(name: str) -> str:
    cleaned = " ".join(strip_invisible(name).split())
    if not 1 <= len(cleaned) <= NAME_MAX:
        raise InvalidInput(messages.GROUP_NAME_BAD)
    return cleaned


def _template(template: str, mode: GroupMode) -> str:
    try:
        naming.validate_template(template, thread=mode is GroupMode.THREAD)
    except naming.TemplateError as exc:
        raise InvalidInput(
            messages.WHAT_INVALID.format(what=messages.LABEL_NAME_TEMPLATE, detail=exc)
        ) from None
    return template


def _text_channel(channel: discord.abc.GuildChannel | None) -> int | None:
    return resolve.text_channel(channel)


@dataclass(eq=False)
class GroupService:
    db: Database
    clock: Clock
    cache: ConfigCache
    access: Access
    custom_messages: CustomMessageService
    bus: EventBus

    # -- reading ------------------------------------------------------------------------------------

    async def get(self, group_id: int) -> TicketGroup | None:
        """A group that has not been deleted."""
        return self.cache.live_group(group_id)

    async def list(self, guild_id: int) -> list[TicketGroup]:
        return self.cache.groups(guild_id)

    async def list_for(self, actor: discord.Member) -> tuple[list[TicketGroup], GuildConfig]:
        """Every group of the actor's server and its settings (admins only)."""
        config = self.access.require_admin(actor)
        return await self.list(actor.guild.id), config

    async def show_for(self, actor: discord.Member, text: str) -> tuple[TicketGroup, bool]:
        """A group of the actor's server and whether it is the default (admins only)."""
        config = self.access.require_admin(actor)
        group = await self.find(actor.guild.id, text)
        return group, config.default_group_id == group.id

    async def find(self, guild_id: int, text: str) -> TicketGroup:
        """A group of this guild by id (what autocomplete sends) or by name."""
        text = text.strip()
        groups = await self.list(guild_id)
        group = next((g for g in groups if text.isdigit() and g.id == int(text)), None) or next(
            (g for g in groups if g.name.lower() == text.lower()), None
        )
        if group is None:
            raise NotFound(messages.GROUP_NOT_FOUND.format(name=text))
        return group

    async def find_optional(self, guild_id: int, text: str) -> TicketGroup | None:
        try:
            return await self.find(guild_id, text)
        except NotFound:
            return None

    async def default_group(self, guild_id: int) -> TicketGroup | None:
        """The guild's default group, else its only group, else None (the caller asks which)."""
        config = self.cache.guild(guild_id)
        groups = await self.list(guild_id)
        for group in groups:
            if group.id == config.default_group_id:
                return group
        return groups[0] if len(groups) == 1 else None

    # -- writing ------------------------------------------------------------------------------------

    async def default_unless_set(self, guild: discord.Guild, group: TicketGroup) -> None:
        """Make ``group`` the server's default group, unless it already has one."""
        await self.db.write(guild_repo.default_group_unless_set, guild.id, group.id, self.clock.now())

    async def create_group(
        self,
        actor: discord.Member,
        guild: discord.Guild,
        name: str,
        *,
        mode: GroupMode = GroupMode.CHANNEL,
        category: discord.abc.GuildChannel | None = None,
        parent_channel: discord.abc.GuildChannel | None = None,
        support_role: discord.Role | None = None,
        name_template: str | None = None,
    ) -> TicketGroup:
        self.access.require_admin(actor)
        name = clean_name(name)
        values: dict[str, Any] = {"mode": mode}
        category_id = resolve.category(category)
        if category_id:
            values["category_ids"] = [category_id]
        parent_id = _text_channel(parent_channel)
        if mode is GroupMode.THREAD and parent_id is None:
            raise InvalidInput(messages.THREAD_MODE_NEEDS_PARENT)
        values["parent_channel_id"] = parent_id
        if support_role is not None:
            values["support_role_ids"] = [support_role.id]
        default_template = "{user}-{number}" if mode is GroupMode.THREAD else "ticket-{number}"
        values["name_template"] = _template(name_template or default_template, mode)
        now = self.clock.now()

        def create(tx: Connection) -> TicketGroup:
            guild_repo.ensure(tx, guild.id, now)
            group = group_repo.create(tx, guild.id, name, now, **values)
            record(
                tx,
                guild_id=guild.id,
                action="group.create",
                now=now,
                actor_id=actor.id,
                detail={"group_id": group.id, "name": name},
            )
            return group

        if self.cache.group_named(guild.id, name) is not None:
            raise Conflict(messages.GROUP_EXISTS.format(name=name))
        try:
            return await self.db.write(create)
        except sqlite3.IntegrityError:  # another admin took the name meanwhile
            raise Conflict(messages.GROUP_EXISTS.format(name=name)) from None

    async def edit_group(
        self, actor: discord.Member, guild: discord.Guild, group: TicketGroup, edit: GroupEdit
    ) -> TicketGroup:
        """Apply every given field after validating all of them; nothing changes if one is wrong."""
        self.access.require_admin(actor)
        saved_prefix = "saved:"
        opening = (edit.opening_message or "").strip()
        saved = None
        if opening.lower().startswith(saved_prefix):
            saved = self.custom_messages.find(guild.id, opening[len(saved_prefix) :])
            edit.opening_message = None
        changes = self._parse_edit(guild, group, edit)
        if saved is not None:
            changes.update({"opening_message_id": saved.id, "opening_message": None})
        elif "opening_message" in changes:
            changes["opening_message_id"] = None
        merged_mode = group.mode
        parent = changes.get("parent_channel_id", group.parent_channel_id)
        if merged_mode is GroupMode.THREAD and parent is None:
            raise InvalidInput(messages.THREAD_MODE_NEEDS_PARENT)
        if "name" in changes:
            twin = self.cache.group_named(guild.id, changes["name"])
            if twin is not None and twin.id != group.id:
                raise Conflict(messages.GROUP_EXISTS.format(name=changes["name"]))
        now = self.clock.now()

        def edit_group(tx: Connection) -> TicketGroup:
            updated = group_repo.update(tx, group.id, changes, now) if changes else group
            if edit.default is not None:
                guild_repo.ensure(tx, guild.id, now)
                guild_repo.set_default_group(
                    tx,
                    guild.id,
                    group.id if edit.default else None,
                    now,
                    only_if=None if edit.default else group.id,
                )
            record(
                tx,
                guild_id=guild.id,
                action="group.edit",
                now=now,
                actor_id=actor.id,
                detail={
                    "group_id": group.id,
                    "fields": sorted(changes) + (["default"] if edit.default is not None else []),
                },
            )
            return updated

        try:
            return await self.db.write(edit_group)
        except sqlite3.IntegrityError:
            raise Conflict(messages.GROUP_EXISTS.format(name=changes.get("name", group.name))) from None

    def _parse_edit(self, guild: discord.Guild, group: TicketGroup, edit: GroupEdit) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        if edit.name is not None:
            changes["name"] = clean_name(edit.name)
        if edit.categories is not None:
            changes["category_ids"] = resolve.categories(guild, edit.categories)
        if edit.parent_channel is not None:
            changes["parent_channel_id"] = _text_channel(edit.parent_channel)
        for name in GROUP_STATUS_CATEGORIES:
            value = getattr(edit, option_of(name))
            if value is not None:
                changes[name] = resolve.category(value)
        for name in GROUP_TEXT_CHANNELS:
            value = getattr(edit, option_of(name))
            if value is not None:
                changes[name] = _text_channel(value)
        if edit.support_roles is not None:
            changes["support_role_ids"] = resolve.roles(guild, edit.support_roles)
        if edit.name_template is not None:
            changes["name_template"] = _template(edit.name_template, group.mode)
        if edit.opening_message is not None:
            text = edit.opening_message.strip()
            if len(text) > OPENING_MESSAGE_MAX:
                raise InvalidInput(messages.OPENING_MESSAGE_TOO_LONG.format(max=OPENING_MESSAGE_MAX))
            unknown = unknown_variables(text)
            if unknown:
                raise InvalidInput(messages.OPENING_UNKNOWN_VARIABLE.format(name=unknown[0]))
            changes["opening_message"] = text or None
        if edit.user_limit is not None:
            if not 0 <= edit.user_limit <= USER_LIMIT_MAX:
                raise InvalidInput(messages.USER_LIMIT_RANGE.format(max=USER_LIMIT_MAX))
            changes["user_limit"] = edit.user_limit
        if edit.cooldown is not None:
            changes["cooldown_seconds"] = self._seconds(edit.cooldown, messages.LABEL_COOLDOWN)
        if edit.daily_limit is not None:
            if not 0 <= edit.daily_limit <= DAILY_LIMIT_MAX:
                raise InvalidInput(messages.DAILY_LIMIT_RANGE.format(max=DAILY_LIMIT_MAX))
            changes["daily_limit"] = edit.daily_limit
        if edit.closed_retention is not None:
            changes["closed_retention_seconds"] = (
                self._seconds(edit.closed_retention, messages.LABEL_RETENTION) or None
            )
        for option, label in (
            ("priority_levels", messages.LABEL_PRIORITY_LEVELS),
            ("rating_levels", messages.LABEL_RATING_LEVELS),
        ):
            text = getattr(edit, option)
            if text is not None:
                try:
                    changes[option] = (
                        parse_levels(text) if text.strip().lower() not in resolve.NONE_WORDS else []
                    )
                except LevelError as exc:
                    raise InvalidInput(messages.WHAT_INVALID.format(what=label, detail=exc)) from None
        if edit.schedule is not None:
            if edit.schedule.strip().lower() in resolve.NONE_WORDS:
                changes["schedule"] = None
            else:
                try:
                    schedule = parse_schedule(edit.schedule, group.timezone)
                except ScheduleError as exc:
                    raise InvalidInput(
                        messages.WHAT_INVALID.format(what=messages.LABEL_SCHEDULE, detail=exc)
                    ) from None
                changes["schedule"] = schedule
                changes["timezone"] = schedule.timezone
        if edit.out_of_hours is not None:
            try:
                changes["out_of_hours"] = OutOfHours(edit.out_of_hours)
            except ValueError:
                raise InvalidInput(messages.OUT_OF_HOURS_INVALID) from None
        if edit.inactivity_close is not None:
            words = edit.inactivity_close.split()
            owner_only = bool(words) and words[-1].lower() in ("owner", "owner-only")
            text = " ".join(words[:-1] if owner_only else words)
            seconds = self._seconds(text, messages.LABEL_INACTIVITY)
            changes["inactivity_close_seconds"] = seconds or None
            changes["inactivity_owner_only"] = owner_only and bool(seconds)
        if edit.ping_roles is not None:
            changes["ping_role_ids"] = resolve.roles(guild, edit.ping_roles)
        if edit.ping_on is not None:
            try:
                changes["ping_on"] = PingOn(edit.ping_on)
            except ValueError:
                raise InvalidInput(messages.PING_ON_INVALID) from None
        if edit.claim_mode is not None:
            try:
                changes["claim_mode"] = ClaimMode(edit.claim_mode)
            except ValueError:
                raise InvalidInput(messages.CLAIM_MODE_INVALID) from None
        if edit.inactivity_warn is not None:
            changes["inactivity_warn_seconds"] = (
                self._seconds(edit.inactivity_warn, messages.LABEL_WARN) or None
            )
        if edit.owner_can_close is not None:
            changes["owner_can_close"] = edit.owner_can_close
        if edit.close_on_owner_leave is not None:
            changes["close_on_owner_leave"] = edit.close_on_owner_leave
        if edit.clear:
            for word in (w.strip().lower() for w in edit.clear.replace(" ", ",").split(",")):
                if not word:
                    continue
                column = CLEARABLE.get(word)
                if column is None:
                    raise InvalidInput(
                        messages.CANNOT_CLEAR.format(name=word, fields=", ".join(sorted(CLEARABLE)))
                    )
                changes[column] = _CLEARED.get(column)
                if column == "inactivity_close_seconds":
                    changes["inactivity_owner_only"] = False
        return changes

    def _seconds(self, text: str, what: str) -> int:
        if text.strip().lower() in resolve.NONE_WORDS | {"0"}:
            return 0
        try:
            return int(parse_duration(text).total_seconds())
        except DurationError as exc:
            raise InvalidInput(messages.WHAT_INVALID.format(what=what, detail=exc)) from None

    async def delete_group(
        self, actor: discord.Member, guild: discord.Guild, group: TicketGroup
    ) -> list[int]:
        """Delete the group (refused while it has open tickets); returns the panels that lost entries."""
        self.access.require_admin(actor)
        now = self.clock.now()

        def delete(tx: Connection) -> list[PanelEntry]:
            open_count = group_repo.count_tickets(tx, group.id, open_only=True)
            if open_count:
                raise Conflict(messages.GROUP_HAS_OPEN_TICKETS.format(name=group.name, count=open_count))
            entries = panel_repo.entries_for_group(tx, group.id)
            for entry in entries:
                panel_repo.remove_entry(tx, entry.id)
            group_repo.soft_delete(tx, group.id, now)
            guild_repo.set_default_group(tx, guild.id, None, now, only_if=group.id)
            record(
                tx,
                guild_id=guild.id,
                action="group.delete",
                now=now,
                actor_id=actor.id,
                detail={"group_id": group.id, "name": group.name},
            )
            return entries

        entries = await self.db.write(delete)
        panels = sorted({e.panel_id for e in entries})
        await self.bus.emit(GroupDeleted(guild, group, panels))
        return panels

    # -- forms ----------------------------------------------------------------------------------------

    async def edit_form(
        self,
        actor: discord.Member,
        guild: discord.Guild,
        group: TicketGroup,
        action: str,
        *,
        field_key: str | None = None,
        label: str | None = None,
        kind: str | None = None,
        required: bool | None = None,
        placeholder: str | None = None,
        description: str | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
        options: str | None = None,
        position: int | None = None,
        title: str | None = None,
    ) -> TicketGroup:
        """add, edit, remove, move a field, or set the form's title; the whole form is re-validated."""
        self.access.require_admin(actor)
        form = [FormField.from_json(f.to_json()) for f in group.form_fields]
        form_title = group.form_title
        option_list = [o.strip() for o in options.split(",")] if options is not None else None
        try:
            if action == "add":
                if not label:
                    raise InvalidInput(messages.FORM_NEEDS_LABEL)
                spec = FormField(
                    key=next_key(form),
                    label=label,
                    kind=FieldKind(kind or "short"),
                    required=True if required is None else required,
                    placeholder=placeholder,
                    description=description,
                    min_length=min_length,
                    max_length=max_length,
                    options=option_list or [],
                )
                form.insert(len(form) if position is None else max(0, position - 1), spec)
            elif action in ("edit", "remove", "move"):
                index = next((i for i, f in enumerate(form) if field_key in (f.key, f.label)), None)
                if index is None:
                    raise NotFound(messages.FORM_FIELD_NOT_FOUND)
                if action == "remove":
                    form.pop(index)
                elif action == "move":
                    if position is None:
                        raise InvalidInput(messages.FORM_NEEDS_POSITION)
                    spec = form.pop(index)
                    form.insert(max(0, min(len(form), position - 1)), spec)
                else:
                    spec = form[index]
                    if label is not None:
                        spec.label = label
                    if kind is not None:
                        spec.kind = FieldKind(kind)
                    if required is not None:
                        spec.required = required
                    if placeholder is not None:
                        spec.placeholder = placeholder or None
                    if description is not None:
                        spec.description = description or None
                    if min_length is not None:
                        spec.min_length = min_length
                    if max_length is not None:
                        spec.max_length = max_length
                    if option_list is not None:
                        spec.options = option_list
            elif action == "title":
                form_title = (title or "").strip() or None
            else:
                raise InvalidInput(messages.FORM_ACTION_INVALID)
            validate_form(form, form_title)
        except FormError as exc:
            raise InvalidInput(messages.WHAT_INVALID.format(what=messages.LABEL_FORM, detail=exc)) from None
        except ValueError:
            raise InvalidInput(messages.FIELD_KIND_INVALID) from None
        now = self.clock.now()

        def save(tx: Connection) -> TicketGroup:
            updated = group_repo.update(tx, group.id, {"form_fields": form, "form_title": form_title}, now)
            record(
                tx,
                guild_id=guild.id,
                action="group.form",
                now=now,
                actor_id=actor.id,
                detail={"group_id": group.id, "action": action},
            )
            return updated

        return await self.db.write(save)


GROUP_EDIT_OPTIONS = [f.name for f in fields(GroupEdit)]

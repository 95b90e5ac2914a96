"""Every operation on an existing ticket, each once, through one executor.

An operation is checked (who may do it, in which state) and applied in one write transaction that also
writes its event row; a refusal is recorded too. Discord is then brought in line with the new record
(the channel keeper, :class:`ChannelKeeper`), the ticket gets a line saying who did what and why
("the bot" when anonymous), and the log channel gets one as well.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import discord

from bot import i18n, messages
from bot.clock import Clock
from bot.domain import lifecycle, naming
from bot.domain.durations import DurationError, describe, parse_duration, parse_moment
from bot.domain.levels import default_index
from bot.domain.lifecycle import Action
from bot.domain.models import (
    ClaimMode,
    Event,
    GroupMode,
    GuildConfig,
    PingOn,
    Ticket,
    TicketGroup,
    TicketStatus,
)
from bot.domain.placement import CATEGORY_FULL_AT
from bot.domain.text import clip, discord_time, one_line, strip_invisible
from bot.errors import Conflict, InvalidInput, LimitReached, NotAllowed, NotFound, TicketDeskError
from bot.render.tickets import close_request_view, closed_ticket_view
from storage import Connection, Database
from storage import events as event_repo
from storage import follow_ups as follow_repo
from storage import members as member_repo
from storage import tickets as ticket_repo
from storage.events import record

from .access import Access
from .audit import Audit
from .cache import ConfigCache
from .channels import ChannelKeeper
from .events import CLOSED, EventBus, TicketActed, TicketClosed, TicketDeleting
from .permissions import ping_targets, staff_roles
from .placement import Placer
from .renamer import Renamer

log = logging.getLogger(__name__)

PAGE_SIZE = 10
HISTORY_SHOWN = 10
CLOSE_REQUEST_AFTER = timedelta(hours=24)
CLOSE_REQUEST_MIN, CLOSE_REQUEST_MAX = timedelta(minutes=10), timedelta(days=30)
NO_CLOSE_REQUEST: dict[str, Any] = {
    "close_request_at": None,
    "close_request_by": None,
    "close_request_reason": None,
    "close_request_message_id": None,
}

# how an operation changes the record: runs inside the write transaction, with the ticket as it is there
Changes = Callable[[Connection, Ticket], dict[str, Any]]
Why = Callable[[], str]  # the reason of an automatic close, said in the language speaking when it closes


@dataclass(slots=True)
class Op:
    """One operation: what, by whom, on which ticket, and how the record changes."""

    action: Action
    actor: discord.Member | None  # None: the bot itself (scheduler, sync)
    ticket: Ticket
    changes: Changes
    reason: str | None = None
    anonymous: bool = False
    target: discord.abc.User | None = None
    detail: str | None = None
    add: list[int] = field(default_factory=list)
    remove: list[int] = field(default_factory=list)
    view: Callable[[], discord.ui.View] | None = None  # built in the server's language, when posted
    ping: list[int] = field(default_factory=list)  # members the announcement pings
    posted: discord.Message | None = None  # the announcement, once posted


def _clean_reason(reason: str | None) -> str | None:
    if reason is None:
        return None
    cleaned = one_line(strip_invisible(reason))
    return clip(cleaned, 500) or None


@dataclass(slots=True)
class TicketPage:
    """One page of ``/ticket list``."""

    tickets: list[Ticket]
    total: int
    page: int
    pages: int
    group_names: dict[int, str]


@dataclass(slots=True)
class TicketInfo:
    """What ``/ticket info`` shows."""

    ticket: Ticket
    group: TicketGroup | None
    members: list[int]
    history: list[Event]


@dataclass(eq=False)
class TicketService:
    client: discord.Client
    db: Database
    clock: Clock
    cache: ConfigCache
    access: Access
    audit: Audit
    keeper: ChannelKeeper
    renamer: Renamer
    bus: EventBus
    placer: Placer

    # -- lookups ----------------------------------------------------------------------------------

    async def get(self, ticket_id: int) -> Ticket:
        ticket = await self.db.read(ticket_repo.get, ticket_id)
        if ticket is None:
            raise NotFound(messages.TICKET_NOT_FOUND.format(number="?"))
        return ticket

    async def by_channel(self, channel_id: int) -> Ticket | None:
        return await self.db.read(ticket_repo.get_by_channel, channel_id)

    async def resolve(self, guild_id: int, channel_id: int | None, number: int | None) -> Ticket:
        """The ticket named by ``number``, else the one whose channel, thread or notes thread this is."""
        if number is not None:
            ticket = await self.db.read(ticket_repo.get_by_number, guild_id, number)
            if ticket is None:
                raise NotFound(messages.TICKET_NOT_FOUND.format(number=number))
            return ticket
        found = await self.db.read(ticket_repo.get_by_any_channel, channel_id or 0)
        ticket = found[0] if found else None
        if ticket is None or ticket.guild_id != guild_id:
            raise NotFound(messages.NOT_A_TICKET)
        return ticket

    async def history(self, ticket_id: int, limit: int = 10) -> list[Event]:
        return await self.db.read(event_repo.for_ticket, ticket_id, limit=limit)

    async def members(self, ticket_id: int) -> list[int]:
        return await self.db.read(member_repo.ids, ticket_id)

    async def list_tickets(
        self,
        viewer: discord.Member,
        *,
        status: str | None,
        user: discord.abc.User | None,
        group: TicketGroup | None,
        page: int,
    ) -> TicketPage:
        """A page of tickets, newest first: server staff see every ticket, a group's support staff that group's
        tickets and their own, members only their own."""
        config = self.cache.guild(viewer.guild.id)
        groups = self.cache.groups(viewer.guild.id)
        visible: list[int] | None = None
        if not self.access.is_staff(viewer, config):
            visible = [g.id for g in groups if self.access.is_staff(viewer, config, g.support_role_ids)]
        owner_id = user.id if user is not None else None
        if visible == []:
            if owner_id not in (None, viewer.id):
                raise NotAllowed(messages.NOT_STAFF)
            owner_id, visible = viewer.id, None
        statuses = (
            [TicketStatus(status)]
            if status
            else [TicketStatus.OPEN, TicketStatus.CLOSED, TicketStatus.DELETED]
        )
        found, total = await self.db.read(
            ticket_repo.search,
            viewer.guild.id,
            statuses=statuses,
            owner_id=owner_id,
            group_id=group.id if group else None,
            visible_groups=visible,
            visible_owner=viewer.id,
            limit=PAGE_SIZE,
            offset=(max(page, 1) - 1) * PAGE_SIZE,
        )
        names = {g.id: g.name for g in groups}
        return TicketPage(found, total, max(page, 1), max(1, -(-total // PAGE_SIZE)), names)

    async def info(self, viewer: discord.Member, ticket: Ticket) -> TicketInfo:
        """Everything about a ticket, for staff, its owner and the members added to it."""
        members = await self.members(ticket.id)
        staff = self.access.is_ticket_staff(viewer, ticket)
        if not staff and viewer.id != ticket.owner_id and viewer.id not in members:
            raise NotAllowed(messages.OWNER_OR_STAFF)
        history = await self.history(ticket.id, limit=HISTORY_SHOWN if staff else 5 * HISTORY_SHOWN)
        if (
            not staff
        ):  # the owner sees what the ticket itself announced, not staff-only work (notes, refusals)
            history = [e for e in history if lifecycle.announced(e)][-HISTORY_SHOWN:]
        return TicketInfo(ticket, self.cache.group_of(ticket), members, history)

    async def check_allowed(self, actor: discord.Member, ticket: Ticket, action: Action) -> None:
        """Refuse (and record the refusal) before showing a form or a confirmation for ``action``."""
        config = self.cache.guild(ticket.guild_id)
        group = self.cache.group_of(ticket)
        try:
            self._authorise(Op(action, actor, ticket, _set({})), ticket, group, config)
            state = lifecycle.state_refusal(action, ticket)
            if state is not None:
                raise Conflict(state)
        except TicketDeskError as exc:
            await self.audit.refused(ticket, str(action), actor.id, exc)
            raise

    def check_may_close_some(self, actor: discord.Member) -> None:
        """From memory, before a close form is shown: refuse someone who could close no ticket of their
        server (not staff of it or of any group, and no group lets owners close). The ticket itself is
        checked when the form comes back."""
        if self.access.is_staff_anywhere(actor):
            return
        if any(lifecycle.owner_may(Action.CLOSE, g) for g in self.cache.groups(actor.guild.id)):
            return
        raise NotAllowed(messages.NOT_STAFF)

    # -- the executor ---------------------------------------------------------------------------------

    def _authorise(self, op: Op, ticket: Ticket, group: TicketGroup | None, config: GuildConfig) -> None:
        if op.actor is None:
            return
        support = group.support_role_ids if group else []
        if self.access.is_staff(op.actor, config, support):
            return
        if op.actor.id == ticket.owner_id and lifecycle.owner_may(op.action, group):
            return
        raise NotAllowed(messages.NOT_STAFF)

    async def _run(self, op: Op, *, effects: bool = True) -> Ticket:
        """Check, change the record with its event, then bring Discord in line and say so in the ticket."""
        guild_id = op.ticket.guild_id
        config = self.cache.guild(guild_id)
        group = self.cache.group_of(op.ticket)
        reason = _clean_reason(op.reason)
        now = self.clock.now()

        def apply(tx: Connection) -> tuple[Ticket | None, TicketDeskError | None]:
            current = ticket_repo.get(tx, op.ticket.id)
            if current is None:  # erased or purged while the operation waited
                raise NotFound(messages.TICKET_NOT_FOUND.format(number=op.ticket.number))
            refusal: TicketDeskError | None = None
            updated: Ticket | None = None
            try:
                self._authorise(op, current, group, config)
                state = lifecycle.state_refusal(op.action, current)
                if state is not None:
                    raise Conflict(state)
                changes = op.changes(tx, current)
                updated = ticket_repo.update(tx, current.id, changes) if changes else current
            except TicketDeskError as exc:
                refusal = exc
            record(
                tx,
                guild_id=guild_id,
                ticket_id=current.id,
                action=str(op.action),
                now=now,
                actor_id=op.actor.id if op.actor else None,
                target_id=op.target.id if op.target else None,
                reason=reason if refusal is None else clip(f"refused: {refusal.message}", 1000),
                anonymous=op.anonymous,
                allowed=refusal is None,
                detail={"number": current.number, **({"detail": op.detail} if op.detail else {})},
            )
            return updated, refusal

        updated, refusal = await self.db.write(apply)
        if refusal is not None:
            raise refusal
        assert updated is not None
        if effects:
            await self._effects(op, updated, group, reason)
        return updated

    async def _effects(self, op: Op, ticket: Ticket, group: TicketGroup | None, reason: str | None) -> None:
        """What everyone sees of an operation, in the server's language."""
        guild = self.client.get_guild(ticket.guild_id)
        if guild is None:
            return
        with i18n.speaking(self.cache.language(guild)):
            await self._show(op, guild, ticket, group, reason)

    async def _show(
        self, op: Op, guild: discord.Guild, ticket: Ticket, group: TicketGroup | None, reason: str | None
    ) -> None:
        actor = messages.THE_BOT if op.anonymous or op.actor is None else op.actor.mention
        line = messages.ANNOUNCE[str(op.action)].format(
            actor=actor,
            target=op.target.mention if op.target else "",
            detail=op.detail or "",
            reason=f": {reason}" if reason else "",
        )
        if group is not None and op.action is Action.CLOSE and group.closed_category_id:
            await self.make_room(guild, [group.closed_category_id], ticket.id)
        view = op.view() if op.view is not None else None
        archives = lifecycle.thread_state(ticket)[0] and group is not None and group.mode is GroupMode.THREAD
        if archives:
            op.posted = await self.keeper.announce(guild, ticket, line, view, op.ping)
            await self.keeper.apply(ticket, add=op.add, remove=op.remove)
        else:
            await self.keeper.apply(ticket, add=op.add, remove=op.remove)
            op.posted = await self.keeper.announce(guild, ticket, line, view, op.ping)
        if group is not None:
            await self.bus.emit(TicketActed(guild, group, ticket, str(op.action), actor, reason))

    # -- operations ------------------------------------------------------------------------------------

    async def close_ticket(
        self, actor: discord.Member | None, ticket: Ticket, reason: str | None = None, anonymous: bool = False
    ) -> Ticket:
        now = self.clock.now()

        def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
            follow_repo.enqueue(tx, current.id, CLOSED, now)  # the transcript and rating follow, durably
            return {
                "status": TicketStatus.CLOSED,
                "closed_at": now,
                "closed_reason": _clean_reason(reason),
                "open_slot": None,
                **NO_CLOSE_REQUEST,
            }

        closed = await self._run(
            Op(
                Action.CLOSE,
                actor,
                ticket,
                changes,
                reason,
                anonymous,
                view=lambda: closed_ticket_view(ticket),
            )
        )
        await self.bus.emit(TicketClosed(closed))
        return closed

    async def reopen_ticket(
        self, actor: discord.Member | None, ticket: Ticket, reason: str | None = None, anonymous: bool = False
    ) -> Ticket:
        group = self.cache.group_of(ticket)
        now = self.clock.now()

        def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
            slot = ticket_repo.free_slot(
                tx, current.group_id or 0, current.owner_id, group.user_limit if group else 0, current.id
            )
            if slot == 0 and group is not None:
                held = len(ticket_repo.open_for_owner(tx, group.id, current.owner_id))
                raise LimitReached(
                    messages.REOPEN_LIMIT.format(
                        owner=f"<@{current.owner_id}>", count=held, group=group.name, limit=group.user_limit
                    )
                )
            return {
                "status": TicketStatus.OPEN,
                "opened_at": now,
                "closed_at": None,
                "closed_reason": None,
                "open_slot": slot,
                "last_activity": now,
                "last_owner_activity": now,
            }

        return await self._run(Op(Action.REOPEN, actor, ticket, changes, reason, anonymous))

    async def delete_ticket(
        self, actor: discord.Member | None, ticket: Ticket, reason: str | None = None, anonymous: bool = False
    ) -> Ticket:
        """Close (if open), keep the record and transcript, then remove the channel or thread."""
        now = self.clock.now()
        before: dict[str, Any] = {}

        def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
            values: dict[str, Any] = {"status": TicketStatus.DELETED, "deleted_at": now, "open_slot": None}
            if current.status is TicketStatus.OPEN:
                values.update({"closed_at": now, "closed_reason": _clean_reason(reason)})
                follow_repo.enqueue(tx, current.id, CLOSED, now)
            before.update({name: getattr(current, name) for name in values})
            return values

        if actor is not None:
            await self.check_allowed(actor, ticket, Action.DELETE)
        guild = self.client.get_guild(ticket.guild_id)
        channel = await self.keeper.channel_of(guild, ticket) if guild else None
        await self.bus.emit(TicketDeleting(ticket))
        # the record first: the channel's deletion event then finds the ticket already deleted
        deleted = await self._run(Op(Action.DELETE, actor, ticket, changes, reason, anonymous), effects=False)
        was_open = before.get("status") is TicketStatus.OPEN
        if channel is not None:
            with i18n.speaking(self.cache.language(ticket.guild_id)):
                why = messages.AUDIT_TICKET_DELETED.format(number=ticket.number)
            try:
                await channel.delete(reason=why)
            except discord.NotFound:
                pass
            except discord.HTTPException:
                await self.db.write(_undo_delete, ticket.id, before)
                raise
        group = self.cache.group_of(ticket)
        if guild is not None and group is not None:
            who = messages.THE_BOT if anonymous or actor is None else actor.mention
            await self.bus.emit(TicketActed(guild, group, deleted, "delete", who, _clean_reason(reason)))
        if was_open:
            await self.bus.emit(TicketClosed(deleted))
        return deleted

    async def lock_ticket(
        self, actor: discord.Member | None, ticket: Ticket, reason: str | None = None, anonymous: bool = False
    ) -> Ticket:
        now = self.clock.now()
        return await self._run(Op(Action.LOCK, actor, ticket, _set({"locked_at": now}), reason, anonymous))

    async def unlock_ticket(
        self, actor: discord.Member | None, ticket: Ticket, reason: str | None = None, anonymous: bool = False
    ) -> Ticket:
        return await self._run(Op(Action.UNLOCK, actor, ticket, _set({"locked_at": None}), reason, anonymous))

    async def claim_ticket(
        self, actor: discord.Member, ticket: Ticket, reason: str | None = None, anonymous: bool = False
    ) -> Ticket:
        def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
            if current.assigned_id == actor.id:
                raise Conflict(messages.ALREADY_YOURS.format(number=current.number, member=actor.mention))
            if current.assigned_id is not None:
                raise Conflict(
                    messages.ALREADY_CLAIMED.format(number=current.number, member=f"<@{current.assigned_id}>")
                )
            return {"assigned_id": actor.id}

        add, remove = self._hidden_thread_access(ticket, actor.id)
        return await self._run(
            Op(Action.CLAIM, actor, ticket, changes, reason, anonymous, add=add, remove=remove)
        )

    def _hidden_thread_access(self, ticket: Ticket, claimer: int | None) -> tuple[list[int], list[int]]:
        """Thread members to add and remove when a hidden-mode thread ticket is claimed by ``claimer`` (or
        unclaimed: None). A private thread has no role overwrites, so hiding it means taking the other
        support staff out of it; the admins' roles, the owner and added members stay."""
        group = self.cache.group_of(ticket)
        guild = self.client.get_guild(ticket.guild_id)
        if group is None or guild is None or group.mode is not GroupMode.THREAD:
            return [], []
        if group.claim_mode is not ClaimMode.HIDDEN:
            return ([claimer], []) if claimer else ([], [])
        config = self.cache.guild(guild.id)
        admins = set(config.admin_role_ids)
        staff = {
            m.id
            for role in staff_roles(guild, group, config)
            for m in role.members
            if not m.bot and not admins & {r.id for r in m.roles}
        }
        staff.discard(ticket.owner_id)
        if claimer is None:
            return sorted(staff), []
        return [claimer], sorted(staff - {claimer})

    def _require_staff_member(self, ticket: Ticket, member: discord.Member) -> None:
        group = self.cache.group_of(ticket)
        if member.bot or not self.access.is_ticket_staff(member, ticket):
            raise InvalidInput(
                messages.NOT_STAFF_MEMBER.format(
                    member=member.mention, group=group.name if group else messages.THESE
                )
            )

    async def assign_ticket(
        self,
        actor: discord.Member,
        ticket: Ticket,
        member: discord.Member,
        reason: str | None = None,
        anonymous: bool = False,
        *,
        transfer: bool = False,
    ) -> Ticket:
        def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
            self._require_staff_member(current, member)
            if current.assigned_id == member.id:
                raise Conflict(messages.ALREADY_YOURS.format(number=current.number, member=member.mention))
            return {"assigned_id": member.id}

        action = Action.TRANSFER if transfer else Action.ASSIGN
        add, remove = self._hidden_thread_access(ticket, member.id)
        return await self._run(
            Op(
                action,
                actor,
                ticket,
                changes,
                reason,
                anonymous,
                target=member,
                add=add or [member.id],
                remove=remove,
            )
        )

    async def unassign_ticket(
        self, actor: discord.Member, ticket: Ticket, reason: str | None = None, anonymous: bool = False
    ) -> Ticket:
        add, _ = self._hidden_thread_access(ticket, None)
        return await self._run(
            Op(Action.UNASSIGN, actor, ticket, _set({"assigned_id": None}), reason, anonymous, add=add)
        )

    async def change_owner(
        self,
        actor: discord.Member,
        ticket: Ticket,
        member: discord.Member,
        reason: str | None = None,
        anonymous: bool = False,
    ) -> Ticket:
        group = self.cache.group_of(ticket)
        old_owner = ticket.owner_id

        def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
            if member.bot:
                raise InvalidInput(messages.NO_BOTS)
            if member.id == current.owner_id:
                raise Conflict(messages.ALREADY_OWNER.format(member=member.mention, number=current.number))
            member_repo.remove(tx, current.id, member.id)
            values: dict[str, Any] = {"owner_id": member.id}
            if current.status is TicketStatus.OPEN and group is not None:
                slot = ticket_repo.free_slot(tx, group.id, member.id, group.user_limit, current.id)
                values["open_slot"] = slot or None
            return values

        return await self._run(
            Op(
                Action.OWNER,
                actor,
                ticket,
                changes,
                reason,
                anonymous,
                target=member,
                add=[member.id],
                remove=[old_owner],
            )
        )

    async def add_member(
        self,
        actor: discord.Member,
        ticket: Ticket,
        member: discord.Member,
        reason: str | None = None,
        anonymous: bool = False,
    ) -> Ticket:
        now = self.clock.now()

        def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
            if member.bot:
                raise InvalidInput(messages.NO_BOTS)
            if member.id == current.owner_id or not member_repo.add(tx, current.id, member.id, actor.id, now):
                raise Conflict(messages.ALREADY_MEMBER.format(member=member.mention, number=current.number))
            return {}

        return await self._run(
            Op(Action.ADD, actor, ticket, changes, reason, anonymous, target=member, add=[member.id])
        )

    async def remove_member(
        self,
        actor: discord.Member,
        ticket: Ticket,
        member: discord.abc.User,
        reason: str | None = None,
        anonymous: bool = False,
    ) -> Ticket:
        def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
            if member.id == current.owner_id:
                raise Conflict(messages.CANNOT_REMOVE_OWNER)
            if not member_repo.remove(tx, current.id, member.id):
                raise Conflict(messages.NOT_A_MEMBER.format(member=member.mention, number=current.number))
            return {}

        return await self._run(
            Op(Action.REMOVE, actor, ticket, changes, reason, anonymous, target=member, remove=[member.id])
        )

    async def rename_ticket(
        self,
        actor: discord.Member,
        ticket: Ticket,
        name: str | None,
        reason: str | None = None,
        anonymous: bool = False,
    ) -> Ticket:
        """A new name (or the template's, when empty); applied as Discord's rename limit allows."""
        group = self.cache.group_of(ticket)
        thread = group is not None and group.mode is GroupMode.THREAD
        guild = self.client.get_guild(ticket.guild_id)

        def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
            if name and name.strip():
                wanted = naming.thread_name(name)[:100] if thread else naming.channel_slug(name)[:100]
                if not wanted:
                    raise InvalidInput(messages.NAME_INVALID)
                custom = True
            else:
                owner = guild.get_member(current.owner_id) if guild else None
                wanted = naming.ticket_name(
                    group.name_template if group else "ticket-{number}",
                    number=current.number,
                    owner_name=owner.name if owner else str(current.owner_id),
                    owner_id=current.owner_id,
                    group=group.name if group else "",
                    created=current.created_at,
                    thread=thread,
                )
                custom = False
            if wanted == current.name and custom == current.custom_name:
                raise Conflict(messages.NAME_SAME.format(number=current.number, name=wanted))
            op.detail = wanted
            return {"name": wanted, "custom_name": custom}

        op = Op(Action.RENAME, actor, ticket, changes, reason, anonymous)
        renamed = await self._run(op)
        if renamed.channel_id and renamed.name:
            self.renamer.request(renamed.guild_id, renamed.channel_id, renamed.name)
        return renamed

    async def set_priority(
        self,
        actor: discord.Member,
        ticket: Ticket,
        level: str,
        reason: str | None = None,
        anonymous: bool = False,
    ) -> Ticket:
        group = self.cache.group_of(ticket)

        def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
            if group is None or not group.priority_levels:
                raise Conflict(
                    messages.NO_LEVELS.format(group=group.name if group else messages.DELETED_GROUP)
                )
            index = _level_index(group, level)
            op.detail = group.priority_levels[index].label
            return {"priority": index}

        op = Op(Action.PRIORITY, actor, ticket, changes, reason, anonymous)
        return await self._run(op)

    async def move_ticket(
        self,
        actor: discord.Member,
        ticket: Ticket,
        target: TicketGroup,
        reason: str | None = None,
        anonymous: bool = False,
    ) -> Ticket:
        """To another group of the same mode: permissions, category and (template) name follow it."""
        source = self.cache.group_of(ticket)
        guild = self.client.get_guild(ticket.guild_id)

        def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
            if target.guild_id != current.guild_id:
                raise NotFound(messages.GROUP_NOT_FOUND.format(name=target.name))
            if source is not None and target.id == source.id:
                raise Conflict(messages.SAME_GROUP.format(number=current.number, group=target.name))
            if source is not None and source.mode is not target.mode:
                raise Conflict(messages.MOVE_MODE.format(mode=messages.GROUP_MODE_WORDS[source.mode]))
            if (
                target.mode is GroupMode.THREAD
                and source is not None
                and target.parent_channel_id != source.parent_channel_id
            ):
                raise Conflict(messages.MOVE_PARENT)
            values: dict[str, Any] = {"group_id": target.id}
            slot = ticket_repo.free_slot(tx, target.id, current.owner_id, target.user_limit, current.id)
            values["open_slot"] = slot or None
            if current.priority is not None and current.priority >= len(target.priority_levels):
                values["priority"] = default_index(target.priority_levels)
            if not current.custom_name:
                owner = guild.get_member(current.owner_id) if guild else None
                values["name"] = naming.ticket_name(
                    target.name_template,
                    number=current.number,
                    owner_name=owner.name if owner else str(current.owner_id),
                    owner_id=current.owner_id,
                    group=target.name,
                    created=current.created_at,
                    thread=target.mode is GroupMode.THREAD,
                )
            return values

        moved = await self._run(
            Op(Action.MOVE, actor, ticket, changes, reason, anonymous, detail=target.name)
        )
        if moved.channel_id and moved.name and moved.name != ticket.name:
            self.renamer.request(moved.guild_id, moved.channel_id, moved.name)
        return moved

    async def set_expiry(
        self,
        actor: discord.Member,
        ticket: Ticket,
        when: str,
        clearable: bool = False,
        reason: str | None = None,
        anonymous: bool = False,
    ) -> Ticket:
        now = self.clock.now()
        text = when.strip().lower()
        if text in ("never", "none", "off"):
            moment: datetime | None = None
        else:
            try:
                moment = parse_moment(when, now)
            except DurationError as exc:
                raise InvalidInput(messages.AS_SENTENCE.format(detail=exc)) from None

        def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
            if current.eternal and moment is not None:
                raise Conflict(messages.ETERNAL_NO_EXPIRY.format(number=current.number))
            return {"expire_at": moment, "expire_clearable": bool(clearable and moment)}

        detail = (
            messages.EXPIRY_REMOVED
            if moment is None
            else (messages.EXPIRES_AT_CLEARABLE if clearable else messages.EXPIRES_AT).format(
                when=discord_time(moment, "R")
            )
        )
        return await self._run(Op(Action.EXPIRE, actor, ticket, changes, reason, anonymous, detail=detail))

    async def set_eternal(
        self,
        actor: discord.Member,
        ticket: Ticket,
        enabled: bool,
        reason: str | None = None,
        anonymous: bool = False,
    ) -> Ticket:
        def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
            if current.eternal == enabled:
                raise Conflict(
                    (messages.ETERNAL_ALREADY_ON if enabled else messages.ETERNAL_ALREADY_OFF).format(
                        number=current.number
                    )
                )
            return {"eternal": enabled}

        detail = messages.ETERNAL_ON if enabled else messages.ETERNAL_OFF
        return await self._run(Op(Action.ETERNAL, actor, ticket, changes, reason, anonymous, detail=detail))

    async def request_close(
        self, actor: discord.Member, ticket: Ticket, reason: str | None = None, after: str | None = None
    ) -> Ticket:
        """Ask the owner whether the ticket can be closed: it closes ``after`` (24 h) unless answered."""
        now = self.clock.now()
        wait = CLOSE_REQUEST_AFTER
        if after:
            try:
                wait = parse_duration(after)
            except DurationError as exc:
                raise InvalidInput(messages.AS_SENTENCE.format(detail=exc)) from None
        if not CLOSE_REQUEST_MIN <= wait <= CLOSE_REQUEST_MAX:
            raise InvalidInput(messages.CLOSE_REQUEST_AFTER_RANGE)
        closes = now + wait

        def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
            if current.close_request_at is not None:
                raise Conflict(
                    messages.CLOSE_REQUEST_PENDING.format(
                        number=current.number, when=discord_time(current.close_request_at, "R")
                    )
                )
            return {
                "close_request_at": closes,
                "close_request_by": actor.id,
                "close_request_reason": _clean_reason(reason),
                "close_request_message_id": None,
            }

        op = Op(
            Action.CLOSE_REQUEST,
            actor,
            ticket,
            changes,
            reason,
            target=actor.guild.get_member(ticket.owner_id) or _Someone(ticket.owner_id),  # type: ignore[arg-type]
            detail=discord_time(closes, "R"),
            view=lambda: close_request_view(ticket),
            ping=[ticket.owner_id],
        )
        asked = await self._run(op)
        if op.posted is not None:
            asked = (
                await self.db.write(ticket_repo.update, ticket.id, {"close_request_message_id": op.posted.id})
                or asked
            )
        return asked

    async def answer_close_request(self, member: discord.Member, ticket: Ticket, accept: bool) -> Ticket:
        """The owner (or staff) answers: close now, or keep it open. Anyone else is refused."""
        if ticket.close_request_at is None:
            raise Conflict(messages.CLOSE_REQUEST_NONE.format(number=ticket.number))
        if member.id != ticket.owner_id and not self.access.is_ticket_staff(member, ticket):
            error = NotAllowed(messages.OWNER_OR_STAFF)
            await self.audit.refused(
                ticket, str(Action.KEEP_OPEN if not accept else Action.CLOSE), member.id, error
            )
            raise error
        if accept:
            return await self.close_ticket(
                None, ticket, messages.REASON_REQUEST_ACCEPTED.format(member=member.mention)
            )

        def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
            if current.close_request_at is None:
                raise Conflict(messages.CLOSE_REQUEST_NONE.format(number=current.number))
            return dict(NO_CLOSE_REQUEST)

        return await self._run(Op(Action.KEEP_OPEN, member, ticket, changes))

    # -- keeping in step with Discord and time -------------------------------------------------------------

    async def channel_gone(self, channel_id: int) -> Ticket | None:
        """The ticket's channel or thread was deleted outside the bot: the ticket ends, its record stays."""
        ticket = await self.by_channel(channel_id)
        if ticket is None or ticket.status not in (TicketStatus.OPEN, TicketStatus.CLOSED):
            return None
        now = self.clock.now()
        with i18n.speaking(self.cache.language(ticket.guild_id)):  # kept as the close's reason
            why = messages.REASON_CHANNEL_DELETED
        changes: dict[str, Any] = {"status": TicketStatus.DELETED, "deleted_at": now, "open_slot": None}
        if ticket.status is TicketStatus.OPEN:
            changes.update({"closed_at": now, "closed_reason": why})

        def end(tx: Connection) -> Ticket | None:
            updated = ticket_repo.update(tx, ticket.id, changes, expect_status=[ticket.status])
            if updated is not None and ticket.status is TicketStatus.OPEN:
                follow_repo.enqueue(tx, ticket.id, CLOSED, now)
            if updated is not None:
                record(
                    tx,
                    guild_id=ticket.guild_id,
                    ticket_id=ticket.id,
                    action="delete",
                    now=now,
                    reason=why,
                    detail={"channel_id": channel_id, "by": "discord"},
                )
            return updated

        updated = await self.db.write(end)
        if updated is not None:
            log.info(
                "ticket %s in guild %s ended: its channel %s was deleted",
                ticket.id,
                ticket.guild_id,
                channel_id,
            )
            if ticket.status is TicketStatus.OPEN:
                await self.bus.emit(TicketClosed(updated))
        return updated

    async def note_activity(self, ticket: Ticket, message: discord.Message) -> None:
        """A message in a ticket: activity for auto-close, and the owner's clears a clearable expiry."""
        if message.author.bot or ticket.status is not TicketStatus.OPEN:
            return
        now = self.clock.now()
        values: dict[str, Any] = {"last_activity": now}
        is_owner = message.author.id == ticket.owner_id
        if is_owner:
            values["last_owner_activity"] = now
        clears = is_owner and ticket.expire_clearable and ticket.expire_at is not None
        if clears:
            values.update({"expire_at": None, "expire_clearable": False})
        group = self.cache.group_of(ticket)
        first_words = (
            is_owner
            and group is not None
            and group.ping_on is PingOn.FIRST_MESSAGE
            and ticket.staff_pinged_at is None
        )

        def note(tx: Connection) -> bool:
            """Whether staff are to be pinged now (the owner's first message, once)."""
            if ticket_repo.update(tx, ticket.id, values, expect_status=[TicketStatus.OPEN]) is None:
                return False
            if clears:
                record(
                    tx,
                    guild_id=ticket.guild_id,
                    ticket_id=ticket.id,
                    action="expire.cleared",
                    now=now,
                    actor_id=message.author.id,
                    detail={"number": ticket.number},
                )
            return first_words and ticket_repo.mark_staff_pinged(tx, ticket.id, now)

        if await self.db.write(note) and group is not None:
            await self._ping_staff(ticket, group, message)

    async def _ping_staff(self, ticket: Ticket, group: TicketGroup, message: discord.Message) -> None:
        """The group's ping roles, told in the ticket that its owner wrote for the first time."""
        guild = message.guild
        roles = ping_targets(guild, group) if guild is not None else []
        if not roles:
            return
        with i18n.speaking(self.cache.language(ticket.guild_id)):
            text = messages.STAFF_PING_FIRST_MESSAGE.format(
                roles=" ".join(r.mention for r in roles), number=ticket.number
            )
        try:
            await message.channel.send(
                text,
                allowed_mentions=discord.AllowedMentions(users=False, roles=roles, everyone=False),
            )
        except discord.HTTPException as exc:
            log.warning("could not ping staff in ticket %s: %s", ticket.id, exc)

    async def _auto_closes(self, now: datetime) -> list[tuple[Ticket, datetime, Why, timedelta | None]]:
        """Open tickets that close by themselves: (ticket, when, why, the warning length before it), the
        earliest of its expiry, its inactivity limit and an unanswered close request (which needs no
        warning: it is one)."""
        ahead = timedelta(seconds=self.cache.longest_warning())
        found: dict[int, tuple[Ticket, datetime, Why, timedelta | None]] = {}

        def consider(ticket: Ticket, due: datetime, why: Why, warned: bool) -> None:
            if ticket.id in found and found[ticket.id][1] <= due:
                return
            group = self.cache.group_of(ticket)
            seconds = group.inactivity_warn_seconds if group is not None and warned else None
            found[ticket.id] = (ticket, due, why, timedelta(seconds=seconds) if seconds else None)

        for ticket in await self.db.read(ticket_repo.due_to_expire, now + ahead):
            if ticket.expire_at is not None:
                consider(ticket, ticket.expire_at, lambda: messages.REASON_EXPIRED, True)
        for ticket, seconds, owner_only in await self.db.read(ticket_repo.open_in_inactive_groups):
            due = lifecycle.inactivity_due(ticket, seconds, owner_only=owner_only)
            if due is not None:
                length = timedelta(seconds=seconds)
                consider(
                    ticket,
                    due,
                    lambda length=length: messages.REASON_INACTIVE.format(duration=describe(length)),
                    True,
                )
        for ticket in await self.db.read(ticket_repo.close_requests_due, now):
            if ticket.close_request_at is not None:
                consider(ticket, ticket.close_request_at, lambda: messages.REASON_REQUEST_UNANSWERED, False)
        return list(found.values())

    async def close_due(self) -> int:
        """Warn about tickets that close by themselves soon, and close those due (expiry, inactivity); each
        period is warned once and each ticket closes once (both updates are conditional)."""
        now = self.clock.now()
        closed = 0
        for ticket, due, why, warn in await self._auto_closes(now):
            step, when = lifecycle.auto_close_step(due, warn, ticket.warned_for, ticket.warned_at, now)
            with i18n.speaking(self.cache.language(ticket.guild_id)):  # the reason and the warning
                if step == "close":
                    closed += await self._close_by_bot(ticket, why())
                elif step == "warn" and when is not None:
                    await self._warn(ticket, due, when, now)
        return closed

    async def next_due(self) -> datetime | None:
        """When the scheduler should look again: the next warning or automatic close (None: nothing)."""
        now = self.clock.now()
        wakes = []
        for ticket, due, _, warn in await self._auto_closes(now):
            step, when = lifecycle.auto_close_step(due, warn, ticket.warned_for, ticket.warned_at, now)
            wakes.append(now if step != "wait" else when)
        expiry = await self.db.read(ticket_repo.next_expiry)
        if expiry is not None:  # expiries beyond the horizon read above, looked at a warning early
            wakes.append(expiry - timedelta(seconds=self.cache.longest_warning()))
        wakes.append(await self.db.read(ticket_repo.next_close_request))
        found = [w for w in wakes if w is not None]
        return min(found) if found else None

    async def _warn(self, ticket: Ticket, due: datetime, closes: datetime, now: datetime) -> None:
        """Tell the owner (one ping) that the ticket closes at ``closes`` unless something happens; the
        message carries a nonce made from the period, so a retry after a crash does not post it twice."""
        guild = self.client.get_guild(ticket.guild_id)
        channel = await self.keeper.channel_of(guild, ticket) if guild else None
        if channel is not None:
            expiring = ticket.expire_at is not None and ticket.expire_at == due
            text = (messages.EXPIRY_WARNING if expiring else messages.INACTIVITY_WARNING).format(
                owner=f"<@{ticket.owner_id}>", when=discord_time(closes, "R")
            )
            if expiring and ticket.expire_clearable:
                text += " " + messages.EXPIRY_WARNING_CLEARABLE
            try:
                await channel.send(
                    text,
                    allowed_mentions=discord.AllowedMentions(
                        users=[discord.Object(ticket.owner_id)], roles=False, everyone=False
                    ),
                    nonce=f"w{ticket.id}.{int(due.timestamp())}"[:25],
                )
            except discord.HTTPException as exc:
                log.warning("could not warn ticket %s before its close: %s", ticket.id, exc)
        await self.db.write(ticket_repo.mark_warned, ticket.id, due, now)

    async def _close_by_bot(self, ticket: Ticket, reason: str) -> int:
        try:
            await self.close_ticket(None, ticket, reason)
        except Conflict:
            return 0  # someone closed it first
        except discord.HTTPException as exc:
            log.warning("could not finish closing ticket %s: %s", ticket.id, exc)
            return 1
        return 1

    # -- room for tickets that are open ----------------------------------------------------------------

    async def make_room(self, guild: discord.Guild, category_ids: list[int], keep: int | None) -> bool:
        """When a category is full, delete the ticket channel there that closed first (its transcript kept).

        Closed tickets never hold a place an open one needs. Returns whether a place was freed.
        """
        for category_id in category_ids:
            category = guild.get_channel(category_id)
            if not isinstance(category, discord.CategoryChannel):
                continue
            [(_, count)], _ = self.placer.counts(guild, [category_id])
            if count < CATEGORY_FULL_AT:
                continue
            oldest = await self.db.read(
                ticket_repo.oldest_closed_among, [c.id for c in category.channels], keep
            )
            if oldest is None:
                continue
            with i18n.speaking(self.cache.language(guild)):
                why = messages.REASON_MAKE_ROOM
            try:
                await self.delete_ticket(None, oldest, why)
            except (TicketDeskError, discord.HTTPException) as exc:
                log.warning("could not make room in category %s: %s", category_id, exc)
                continue
            log.info(
                "guild %s: ticket %s removed to make room in category %s", guild.id, oldest.id, category_id
            )
            return True
        return False

    async def remove_past_retention(self) -> int:
        """Delete the channels of tickets closed longer than their group keeps them (transcripts kept)."""
        due = await self.db.read(ticket_repo.closed_past_retention, self.clock.now())
        removed = 0
        for ticket in due:
            with i18n.speaking(self.cache.language(ticket.guild_id)):
                why = messages.REASON_RETENTION
            try:
                await self.delete_ticket(None, ticket, why)
            except Conflict:
                continue  # someone reopened or deleted it first
            except discord.HTTPException as exc:
                log.warning("could not remove the closed channel of ticket %s: %s", ticket.id, exc)
                continue
            removed += 1
        return removed

    async def owner_gone(self, guild: discord.Guild, user_id: int) -> int:
        """Record that an owner left the server; close their tickets where the group says so."""
        now = self.clock.now()
        owned = await self.db.read(ticket_repo.open_owned_by, guild.id, user_id)

        def left(tx: Connection, ticket: Ticket) -> None:
            ticket_repo.update(tx, ticket.id, {"owner_left_at": now})
            record(
                tx,
                guild_id=ticket.guild_id,
                ticket_id=ticket.id,
                action="owner.left",
                now=now,
                target_id=user_id,
                detail={"number": ticket.number},
            )

        closed = 0
        for ticket in owned:
            await self.db.write(left, ticket)
            group = self.cache.group_of(ticket)
            if ticket.status is TicketStatus.OPEN and group is not None and group.close_on_owner_leave:
                with i18n.speaking(self.cache.language(guild)):
                    closed += await self._close_by_bot(ticket, messages.REASON_OWNER_LEFT)
        return closed


@dataclass(frozen=True, slots=True)
class _Someone:
    """A member who left, named by id (for a line that mentions them)."""

    id: int

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


def _undo_delete(tx: Connection, ticket_id: int, before: dict[str, Any]) -> None:
    """Discord would not delete the channel: the ticket is as it was, and nothing follows a close."""
    ticket_repo.update(tx, ticket_id, before)
    if before.get("status") is TicketStatus.OPEN:
        follow_repo.cancel(tx, ticket_id, CLOSED)


def _set(values: dict[str, Any]) -> Changes:
    def changes(tx: Connection, current: Ticket) -> dict[str, Any]:
        return dict(values)

    return changes


def _level_index(group: TicketGroup, level: str) -> int:
    levels = group.priority_levels
    text = level.strip()
    if text.isdigit() and int(text) < len(levels) and not any(lv.label == text for lv in levels):
        return int(text)
    for index, candidate in enumerate(levels):
        if candidate.label.lower() == text.lower():
            return index
    raise InvalidInput(
        messages.UNKNOWN_LEVEL.format(
            level=clip(text, 80),
            group=group.name,
            levels=", ".join(lv.label for lv in levels),
        )
    )

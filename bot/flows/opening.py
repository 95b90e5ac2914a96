"""The interaction side of opening a ticket, shared by panels, ``/ticket open`` and the context menus.

Every path acknowledges first: a form is shown as a modal (the acknowledgement), otherwise the bot
defers ephemerally and the member gets an ephemeral link once the ticket exists.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field

import discord

from bot import messages
from bot.domain.forms import FormError, check_answers
from bot.domain.models import TicketGroup
from bot.domain.text import clip
from bot.errors import InvalidInput, NotFound, OwnerBlacklisted
from bot.flows.context import member_of
from bot.render.base import Confirm, OwnedView
from bot.render.forms import FORM_TIMEOUT, RawAnswers, TicketFormModal
from bot.render.replies import acknowledge, reply
from bot.services.groups import GroupService
from bot.services.opening import OpenRequest, TicketOpener
from bot.services.panels import PanelService

PICKER_TIMEOUT = 5 * 60.0


class PendingForms:
    """Form modals shown recently; a submit for any other form id is a stale one (e.g. after a restart)."""

    def __init__(self, ttl: float = FORM_TIMEOUT + 60) -> None:
        self.ttl = ttl
        self._expiry: dict[str, float] = {}

    def add(self, custom_id: str) -> None:
        now = time.monotonic()
        self._expiry = {k: v for k, v in self._expiry.items() if v > now}
        self._expiry[custom_id] = now + self.ttl

    def __contains__(self, custom_id: object) -> bool:
        expiry = self._expiry.get(custom_id) if isinstance(custom_id, str) else None
        return expiry is not None and expiry > time.monotonic()


class GroupPicker(OwnedView):
    """Which group? Shown ephemerally when a server has several and no default."""

    def __init__(
        self,
        flow: OpeningFlow,
        groups: list[TicketGroup],
        *,
        owner: discord.Member,
        actor: discord.Member,
        message: str | None = None,
        source: discord.Message | None = None,
    ) -> None:
        super().__init__(actor.id, timeout=PICKER_TIMEOUT)
        self.flow = flow
        self.groups = {g.id: g for g in groups}
        self.owner, self.actor, self.message, self.source = owner, actor, message, source
        select: discord.ui.Select[GroupPicker] = discord.ui.Select(
            placeholder=clip(messages.PICK_GROUP, 150),
            options=[discord.SelectOption(label=clip(g.name, 100), value=str(g.id)) for g in groups[:25]],
        )
        select.callback = self._picked  # type: ignore[method-assign]
        self.select = select
        self.add_item(select)

    async def _picked(self, interaction: discord.Interaction) -> None:
        group = self.groups[int(self.select.values[0])]
        self.stop()
        await self.flow.start_for(
            interaction, group, owner=self.owner, actor=self.actor, message=self.message, source=self.source
        )


@dataclass(eq=False)
class OpeningFlow:
    opener: TicketOpener
    groups: GroupService
    panels: PanelService
    pending: PendingForms = field(default_factory=PendingForms, init=False, repr=False)

    async def from_panel(self, interaction: discord.Interaction, panel_id: int, entry_id: int) -> None:
        guild, member = member_of(interaction)
        group = self.panels.entry_group(guild.id, panel_id, entry_id)
        await self.start_for(interaction, group, owner=member, actor=member)

    async def start_for(
        self,
        interaction: discord.Interaction,
        group: TicketGroup,
        *,
        owner: discord.Member,
        actor: discord.Member,
        message: str | None = None,
        source: discord.Message | None = None,
    ) -> None:
        """Show the group's form if the owner opens for themselves, else open straight away."""
        if group.form_fields and owner.id == actor.id:
            self.opener.precheck(owner.guild, group, owner, actor)

            async def submitted(submit: discord.Interaction, raw: RawAnswers) -> None:
                await self._form_submitted(submit, group, raw, message, source)

            modal = TicketFormModal(group, submitted)
            self.pending.add(modal.custom_id)
            await interaction.response.send_modal(modal)
            return
        await acknowledge(interaction)
        await self.finish_open(
            interaction,
            OpenRequest(
                owner.guild,
                group,
                owner,
                actor,
                request_key=str(interaction.id),
                message=message,
                source=source,
            ),
        )

    async def _form_submitted(
        self,
        interaction: discord.Interaction,
        shown: TicketGroup,
        raw: RawAnswers,
        message: str | None,
        source: discord.Message | None,
    ) -> None:
        guild, member = member_of(interaction)
        try:
            answers = check_answers(shown.form_fields, raw)
        except FormError as exc:
            raise InvalidInput(messages.FORM_INVALID.format(detail=str(exc))) from None
        await acknowledge(interaction)
        group = await self.groups.get(shown.id)
        if group is None:
            raise NotFound(messages.GROUP_NOT_FOUND.format(name=shown.name))
        request = OpenRequest(
            guild,
            group,
            member,
            member,
            answers=answers,
            request_key=str(interaction.id),
            message=message,
            source=source,
        )
        await self.finish_open(interaction, request)

    async def finish_open(self, interaction: discord.Interaction, request: OpenRequest) -> None:
        try:
            opened = await self.opener.open_ticket(request)
        except OwnerBlacklisted as warning:
            await reply(interaction, warning.message, view=self._open_anyway(request))
            return
        if request.owner.id == request.actor.id:
            text = messages.TICKET_READY.format(channel=opened.channel.mention)
        else:
            text = messages.TICKET_READY_FOR.format(
                channel=opened.channel.mention, user=request.owner.mention
            )
        if opened.notice:
            text += "\n" + opened.notice
        await reply(interaction, text, ephemeral=True)

    def _open_anyway(self, request: OpenRequest) -> Confirm:
        """ "Yes, open it" for staff told the owner is blacklisted; authorised again as the presser is now."""

        async def work(pressed: discord.Interaction) -> str:
            _, actor = member_of(pressed)
            again = dataclasses.replace(request, actor=actor, blacklist_ok=True, request_key=str(pressed.id))
            opened = await self.opener.open_ticket(again)
            return messages.TICKET_READY_FOR.format(
                channel=opened.channel.mention, user=request.owner.mention
            )

        return Confirm(request.actor.id, messages.YES_OPEN_ANYWAY, work, timeout=PICKER_TIMEOUT)

    async def with_group_choice(
        self,
        interaction: discord.Interaction,
        group: TicketGroup | None,
        *,
        owner: discord.Member,
        actor: discord.Member,
        message: str | None = None,
        source: discord.Message | None = None,
    ) -> None:
        """Open in ``group``, or the default group, or ask which when there are several."""
        if group is None:
            group = await self.groups.default_group(owner.guild.id)
        if group is not None:
            await self.start_for(interaction, group, owner=owner, actor=actor, message=message, source=source)
            return
        groups = await self.groups.list(owner.guild.id)
        if not groups:
            raise NotFound(messages.NO_GROUPS)
        picker = GroupPicker(self, groups, owner=owner, actor=actor, message=message, source=source)
        await reply(interaction, messages.PICK_GROUP, view=picker)

    async def for_user(self, interaction: discord.Interaction, user: discord.Member) -> None:
        """ "Open ticket for user": staff open one for a member."""
        _, member = member_of(interaction)
        await self.opener.require_may_open_for_others(member)
        await self.with_group_choice(interaction, None, owner=user, actor=member)

    async def from_message(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """ "Open ticket from message": staff open it for the author, anyone else their own, quoting it."""
        guild, member = member_of(interaction)
        owner = await self.opener.owner_for_message(member, guild.get_member(message.author.id))
        await self.with_group_choice(interaction, None, owner=owner, actor=member, source=message)

    def is_stale_form(self, custom_id: str) -> bool:
        """A ticket form this process never showed (or long ago)."""
        return custom_id not in self.pending

    async def answer_stale_form(self, interaction: discord.Interaction) -> None:
        """Say so instead of failing silently."""
        await reply(interaction, messages.FORM_EXPIRED)

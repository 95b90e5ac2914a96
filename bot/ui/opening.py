"""The interaction side of opening a ticket, shared by panels, ``/ticket open`` and the context menus.

Every path acknowledges first: a form is shown as a modal (the acknowledgement), otherwise the bot
defers ephemerally and the member gets an ephemeral link once the ticket exists.
"""

from __future__ import annotations

import secrets
import time
from typing import TYPE_CHECKING, Any

import discord

from bot import messages
from bot.domain.forms import Answer, FieldKind, FormError, FormField, check_answers
from bot.domain.models import TicketGroup
from bot.domain.text import clip
from bot.errors import InvalidInput, NotFound, TicketDeskError
from bot.services.opening import OpenRequest
from bot.ui import custom_ids
from bot.ui.base import OwnedView, SafeModal, bot_of
from bot.ui.replies import reply

if TYPE_CHECKING:
    from bot.app import TicketDeskBot

FORM_TIMEOUT = 15 * 60.0
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


def member_of(interaction: discord.Interaction) -> tuple[discord.Guild, discord.Member]:
    if interaction.guild is None or not isinstance(interaction.user, discord.Member):
        raise TicketDeskError(messages.NOT_IN_GUILD)
    return interaction.guild, interaction.user


async def start_from_panel(interaction: discord.Interaction, panel_id: int, entry_id: int) -> None:
    bot = bot_of(interaction)
    guild, member = member_of(interaction)
    group = await bot.services.panels.entry_group(guild.id, panel_id, entry_id)
    await start_for(interaction, group, owner=member, actor=member)


async def start_for(
    interaction: discord.Interaction,
    group: TicketGroup,
    *,
    owner: discord.Member,
    actor: discord.Member,
    message: str | None = None,
    source: discord.Message | None = None,
) -> None:
    """Show the group's form if the owner opens for themselves, else open straight away."""
    bot = bot_of(interaction)
    if group.form_fields and owner.id == actor.id:
        await bot.services.opener.precheck(owner.guild, group, owner, actor)
        await interaction.response.send_modal(TicketFormModal(bot, group, message=message, source=source))
        return
    await interaction.response.defer(ephemeral=True, thinking=True)
    await finish_open(
        interaction,
        OpenRequest(
            owner.guild, group, owner, actor, request_key=str(interaction.id), message=message, source=source
        ),
    )


async def finish_open(interaction: discord.Interaction, request: OpenRequest) -> None:
    bot = bot_of(interaction)
    opened = await bot.services.opener.open_ticket(request)
    if request.owner.id == request.actor.id:
        text = messages.TICKET_READY.format(channel=opened.channel.mention)
    else:
        text = messages.TICKET_READY_FOR.format(channel=opened.channel.mention, user=request.owner.mention)
    if opened.notice:
        text += "\n" + opened.notice
    await reply(interaction, text, ephemeral=True)


def _form_component(spec: FormField) -> discord.ui.Item[Any]:
    custom_id = f"field:{spec.key}"
    if spec.is_text:
        return discord.ui.TextInput(
            style=discord.TextStyle.paragraph
            if spec.kind is FieldKind.PARAGRAPH
            else discord.TextStyle.short,
            custom_id=custom_id,
            required=spec.required,
            placeholder=spec.placeholder,
            min_length=spec.min_length,
            max_length=spec.max_length,
        )
    if spec.kind is FieldKind.SELECT:
        return discord.ui.Select(
            custom_id=custom_id,
            required=spec.required,
            placeholder=spec.placeholder,
            options=[discord.SelectOption(label=clip(o, 100), value=clip(o, 100)) for o in spec.options],
            min_values=1 if spec.required else 0,
            max_values=1,
        )
    cls = discord.ui.UserSelect if spec.kind is FieldKind.USER else discord.ui.RoleSelect
    return cls(
        custom_id=custom_id,
        required=spec.required,
        placeholder=spec.placeholder,
        min_values=1 if spec.required else 0,
        max_values=1,
    )


class TicketFormModal(SafeModal):
    """The group's form; its answers are checked again on submit (clients can be modified)."""

    def __init__(
        self,
        bot: TicketDeskBot,
        group: TicketGroup,
        *,
        message: str | None = None,
        source: discord.Message | None = None,
    ) -> None:
        custom_id = custom_ids.build("form", "open", group.id, secrets.token_hex(6))
        super().__init__(
            title=clip(group.form_title or group.name, 45), timeout=FORM_TIMEOUT, custom_id=custom_id
        )
        self.group = group
        self.message = message
        self.source = source
        self.fields: list[tuple[FormField, discord.ui.Item[Any]]] = []
        for spec in group.form_fields:
            component = _form_component(spec)
            self.fields.append((spec, component))
            self.add_item(
                discord.ui.Label(text=clip(spec.label, 45), description=spec.description, component=component)
            )
        bot.pending_forms.add(custom_id)

    def raw_answers(self) -> dict[str, list[str] | str]:
        raw: dict[str, list[str] | str] = {}
        for spec, component in self.fields:
            if isinstance(component, discord.ui.TextInput):
                raw[spec.key] = component.value or ""
            elif isinstance(component, discord.ui.Select):
                raw[spec.key] = list(component.values)
            elif isinstance(component, discord.ui.UserSelect | discord.ui.RoleSelect):
                raw[spec.key] = [str(v.id) for v in component.values]
        return raw

    async def on_submit(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        guild, member = member_of(interaction)
        try:
            answers: list[Answer] = check_answers(self.group.form_fields, self.raw_answers())
        except FormError as exc:
            raise InvalidInput(messages.FORM_INVALID.format(detail=str(exc))) from None
        await interaction.response.defer(ephemeral=True, thinking=True)
        bot = bot_of(interaction)
        group = await bot.services.groups.get(self.group.id)
        if group is None:
            raise NotFound(messages.GROUP_NOT_FOUND.format(name=self.group.name))
        await finish_open(
            interaction,
            OpenRequest(
                guild,
                group,
                member,
                member,
                answers=answers,
                request_key=str(interaction.id),
                message=self.message,
                source=self.source,
            ),
        )


class GroupPicker(OwnedView):
    """Which group? Shown ephemerally when a server has several and no default."""

    def __init__(
        self,
        groups: list[TicketGroup],
        *,
        owner: discord.Member,
        actor: discord.Member,
        message: str | None = None,
        source: discord.Message | None = None,
    ) -> None:
        super().__init__(actor.id, timeout=PICKER_TIMEOUT)
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
        await start_for(
            interaction, group, owner=self.owner, actor=self.actor, message=self.message, source=self.source
        )


async def open_with_group_choice(
    interaction: discord.Interaction,
    group: TicketGroup | None,
    *,
    owner: discord.Member,
    actor: discord.Member,
    message: str | None = None,
    source: discord.Message | None = None,
) -> None:
    """Open in ``group``, or the default group, or ask which when there are several."""
    bot = bot_of(interaction)
    if group is None:
        group = await bot.services.groups.default_group(owner.guild.id)
    if group is not None:
        await start_for(interaction, group, owner=owner, actor=actor, message=message, source=source)
        return
    groups = await bot.services.groups.list(owner.guild.id)
    if not groups:
        raise NotFound(messages.NO_GROUPS)
    picker = GroupPicker(groups, owner=owner, actor=actor, message=message, source=source)
    await reply(interaction, messages.PICK_GROUP, view=picker)


async def answer_stale_form(interaction: discord.Interaction) -> None:
    """A form submitted that this process never showed (or long ago): say so instead of failing silently."""
    await reply(interaction, messages.FORM_EXPIRED)

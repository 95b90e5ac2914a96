"""A group's form as a Discord modal; the answers are handed to ``submit`` as raw values by field key."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.domain.forms import FieldKind, FormField
from bot.domain.models import TicketGroup
from bot.domain.text import clip
from bot.render import custom_ids
from bot.render.base import SafeModal

FORM_TIMEOUT = 15 * 60.0
RawAnswers = dict[str, list[str] | str]


def form_component(spec: FormField) -> discord.ui.Item[Any]:
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
    """The group's form; each showing has its own custom_id, so a submit can be matched to its showing."""

    def __init__(
        self, group: TicketGroup, submit: Callable[[discord.Interaction, RawAnswers], Awaitable[None]]
    ) -> None:
        custom_id = custom_ids.build("form", "open", group.id, secrets.token_hex(6))
        super().__init__(
            title=clip(group.form_title or group.name, 45), timeout=FORM_TIMEOUT, custom_id=custom_id
        )
        self.submit = submit
        self.fields: list[tuple[FormField, discord.ui.Item[Any]]] = []
        for spec in group.form_fields:
            component = form_component(spec)
            self.fields.append((spec, component))
            self.add_item(
                discord.ui.Label(text=clip(spec.label, 45), description=spec.description, component=component)
            )

    def raw_answers(self) -> RawAnswers:
        raw: RawAnswers = {}
        for spec, component in self.fields:
            if isinstance(component, discord.ui.TextInput):
                raw[spec.key] = component.value or ""
            elif isinstance(component, discord.ui.Select):
                raw[spec.key] = list(component.values)
            elif isinstance(component, discord.ui.UserSelect | discord.ui.RoleSelect):
                raw[spec.key] = [str(v.id) for v in component.values]
        return raw

    async def on_submit(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        await self.submit(interaction, self.raw_answers())

"""The persistent components (panel entries, ticket buttons, the rating select) and how a click reaches a flow.

A component's ``custom_id`` carries everything it needs (``td:v1:<kind>:<action>:<ids>``), so it keeps
working after a restart. Parsing happens here; what a click *does* is an interaction flow, which sits
above the services. The flows register themselves on the client as ``component_handlers`` (see
``bot.app``), so this floor never imports the floors above it.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

import discord

from bot import messages
from bot.errors import NotFound
from bot.render import custom_ids
from bot.render.replies import report_error


class ComponentHandlers(Protocol):
    """What the application does when a persistent component is used."""

    async def panel_entry(self, interaction: discord.Interaction, panel_id: int, entry_id: int) -> None: ...

    async def ticket_button(self, interaction: discord.Interaction, action: str, ticket_id: int) -> None: ...

    async def rating(self, interaction: discord.Interaction, ticket_id: int, level: int) -> None: ...

    async def comment(self, interaction: discord.Interaction, ticket_id: int) -> None: ...


def handlers_of(interaction: discord.Interaction) -> ComponentHandlers:
    """The flows registered on the client for persistent components."""
    return interaction.client.component_handlers  # type: ignore[attr-defined,no-any-return]


class PersistentItem:
    """Mix into a ``DynamicItem``: ``from_custom_id`` only parses, the work happens in :meth:`run`."""

    async def callback(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        try:
            if not custom_ids.in_range(*self.ids()):
                raise NotFound(messages.ENTRY_GONE)
            await self.run(interaction, handlers_of(interaction))
        except Exception as error:  # every failure is answered; report_error logs the unexpected
            await report_error(interaction, error)

    def ids(self) -> tuple[int, ...]:
        """The ids the custom_id carries (checked before anything is looked up)."""
        raise NotImplementedError

    async def run(self, interaction: discord.Interaction, handlers: ComponentHandlers) -> None:
        raise NotImplementedError


def emoji(text: str | None) -> discord.PartialEmoji | None:
    return discord.PartialEmoji.from_str(text) if text else None


class PanelButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=custom_ids.template("panel", "open", "panel", "entry"),
):
    """One entry of a panel as a button; the custom_id carries the panel and entry ids."""

    def __init__(self, panel_id: int, entry_id: int, *, label: str | None = None, emoji: Any = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                emoji=emoji,
                style=discord.ButtonStyle.primary,
                custom_id=custom_ids.build("panel", "open", panel_id, entry_id),
            )
        )
        self.panel_id = panel_id
        self.entry_id = entry_id

    def ids(self) -> tuple[int, ...]:
        return self.panel_id, self.entry_id

    @classmethod
    async def from_custom_id(  # type: ignore[override]
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str]
    ) -> PanelButton:
        return cls(int(match["panel"]), int(match["entry"]), label=item.label, emoji=item.emoji)

    async def run(self, interaction: discord.Interaction, handlers: ComponentHandlers) -> None:
        await handlers.panel_entry(interaction, self.panel_id, self.entry_id)


class PanelSelect(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=custom_ids.template("panel", "pick", "panel"),
):
    """A dropdown panel; each option's value is an entry id."""

    def __init__(
        self, panel_id: int, options: list[discord.SelectOption] | None = None, placeholder: str | None = None
    ) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=custom_ids.build("panel", "pick", panel_id),
                placeholder=placeholder,
                options=options or [discord.SelectOption(label="-", value="0")],
                min_values=1,
                max_values=1,
            )
        )
        self.panel_id = panel_id

    def ids(self) -> tuple[int, ...]:
        return (self.panel_id,)

    @classmethod
    async def from_custom_id(  # type: ignore[override]
        cls, interaction: discord.Interaction, item: discord.ui.Select[Any], match: re.Match[str]
    ) -> PanelSelect:
        return cls(int(match["panel"]), list(item.options), item.placeholder)

    async def run(self, interaction: discord.Interaction, handlers: ComponentHandlers) -> None:
        values = self.item.values
        entry_id = int(values[0]) if values and values[0].isdigit() else 0
        await handlers.panel_entry(interaction, self.panel_id, entry_id)


TICKET_ACTIONS = ("close", "claim", "transcript", "reopen", "delete")
OPEN_ACTIONS = ("close", "claim", "transcript")
CLOSED_ACTIONS = ("reopen", "transcript", "delete")
_TICKET_STYLE = {
    "close": ("🔒", discord.ButtonStyle.danger),
    "claim": ("🙋", discord.ButtonStyle.success),
    "transcript": ("📜", discord.ButtonStyle.secondary),
    "reopen": ("🔓", discord.ButtonStyle.success),
    "delete": ("🗑️", discord.ButtonStyle.danger),
}


class TicketButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=custom_ids.choice_template("ticket", TICKET_ACTIONS, "ticket"),
):
    """Close, Claim, Transcript (open tickets) and Reopen, Transcript, Delete (closed ones)."""

    def __init__(self, action: str, ticket_id: int) -> None:
        icon, style = _TICKET_STYLE[action]
        super().__init__(
            discord.ui.Button(
                label=messages.TICKET_BUTTONS[action],
                emoji=icon,
                style=style,
                custom_id=custom_ids.build("ticket", action, ticket_id),
            )
        )
        self.action = action
        self.ticket_id = ticket_id

    def ids(self) -> tuple[int, ...]:
        return (self.ticket_id,)

    @classmethod
    async def from_custom_id(  # type: ignore[override]
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str]
    ) -> TicketButton:
        return cls(match["action"], int(match["ticket"]))

    async def run(self, interaction: discord.Interaction, handlers: ComponentHandlers) -> None:
        await handlers.ticket_button(interaction, self.action, self.ticket_id)


class RatingSelect(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=custom_ids.template("rate", "pick", "ticket"),
):
    """The owner's rating after close; each option's value is the level's index."""

    def __init__(self, ticket_id: int, options: list[discord.SelectOption] | None = None) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=custom_ids.build("rate", "pick", ticket_id),
                placeholder=messages.FEEDBACK_PLACEHOLDER,
                options=options or [discord.SelectOption(label="-", value="0")],
                min_values=1,
                max_values=1,
            )
        )
        self.ticket_id = ticket_id

    def ids(self) -> tuple[int, ...]:
        return (self.ticket_id,)

    @classmethod
    async def from_custom_id(  # type: ignore[override]
        cls, interaction: discord.Interaction, item: discord.ui.Select[Any], match: re.Match[str]
    ) -> RatingSelect:
        return cls(int(match["ticket"]), list(item.options))

    async def run(self, interaction: discord.Interaction, handlers: ComponentHandlers) -> None:
        value = self.item.values[0] if self.item.values else ""
        await handlers.rating(interaction, self.ticket_id, int(value) if value.isdigit() else -1)


class CommentButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=custom_ids.template("rate", "comment", "ticket"),
):
    """ "Add a comment" under the thanks for a rating."""

    def __init__(self, ticket_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label=messages.FEEDBACK_COMMENT_BUTTON,
                emoji="💬",
                style=discord.ButtonStyle.secondary,
                custom_id=custom_ids.build("rate", "comment", ticket_id),
            )
        )
        self.ticket_id = ticket_id

    def ids(self) -> tuple[int, ...]:
        return (self.ticket_id,)

    @classmethod
    async def from_custom_id(  # type: ignore[override]
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str]
    ) -> CommentButton:
        return cls(int(match["ticket"]))

    async def run(self, interaction: discord.Interaction, handlers: ComponentHandlers) -> None:
        await handlers.comment(interaction, self.ticket_id)


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    PanelButton,
    PanelSelect,
    TicketButton,
    RatingSelect,
    CommentButton,
)

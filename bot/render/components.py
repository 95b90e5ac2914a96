"""The persistent components (panel entries, ticket buttons, the rating select, the comment button) and
how a click reaches a flow.

A component's ``custom_id`` carries everything it needs (``td:v1:<kind>:<action>:<ids>``), so it keeps
working after a restart. :func:`dispatch` routes a click by its custom_id alone: no view is kept in
memory for the messages that carry these components (a view is stopped before it is sent, see
:func:`persistent_view`), and no view is rebuilt from the clicked message, which discord.py's dynamic
items do on every click (half the CPU an acknowledgement costs). What a click *does* is an interaction
flow, which sits above the services; the flows register themselves on the client as
``component_handlers`` (see ``bot.app``), so this floor never imports the floors above it.
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

    async def close_request(self, interaction: discord.Interaction, accept: bool, ticket_id: int) -> None: ...


def handlers_of(interaction: discord.Interaction) -> ComponentHandlers:
    """The flows registered on the client for persistent components."""
    return interaction.client.component_handlers  # type: ignore[attr-defined,no-any-return]


class PersistentItem:
    """A component whose ``custom_id`` is all a click needs: :attr:`PATTERN` parses it,
    :meth:`from_match` rebuilds the item from it (and the values chosen), :meth:`run` does the work."""

    PATTERN: re.Pattern[str]

    @classmethod
    def from_match(cls, match: re.Match[str], values: list[str]) -> PersistentItem:
        raise NotImplementedError

    def ids(self) -> tuple[int, ...]:
        """The ids the custom_id carries (checked before anything is looked up)."""
        raise NotImplementedError

    async def run(self, interaction: discord.Interaction, handlers: ComponentHandlers) -> None:
        raise NotImplementedError


def persistent_view(*items: discord.ui.Item[Any]) -> discord.ui.View:
    """A view to send with persistent components. It is stopped at once: a stopped view is not kept by
    discord.py for the message (clicks are routed by :func:`dispatch`), so memory does not grow with
    every ticket ever opened."""
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    view.stop()
    return view


def emoji(text: str | None) -> discord.PartialEmoji | None:
    return discord.PartialEmoji.from_str(text) if text else None


class PanelButton(PersistentItem, discord.ui.Button[Any]):
    """One entry of a panel as a button; the custom_id carries the panel and entry ids."""

    PATTERN = re.compile(custom_ids.template("panel", "open", "panel", "entry"))

    def __init__(self, panel_id: int, entry_id: int, *, label: str | None = None, emoji: Any = None) -> None:
        super().__init__(
            label=label,
            emoji=emoji,
            style=discord.ButtonStyle.primary,
            custom_id=custom_ids.build("panel", "open", panel_id, entry_id),
        )
        self.panel_id = panel_id
        self.entry_id = entry_id

    @classmethod
    def from_match(cls, match: re.Match[str], values: list[str]) -> PanelButton:
        return cls(int(match["panel"]), int(match["entry"]))

    def ids(self) -> tuple[int, ...]:
        return self.panel_id, self.entry_id

    async def run(self, interaction: discord.Interaction, handlers: ComponentHandlers) -> None:
        await handlers.panel_entry(interaction, self.panel_id, self.entry_id)


class PanelSelect(PersistentItem, discord.ui.Select[Any]):
    """A dropdown panel; each option's value is an entry id."""

    PATTERN = re.compile(custom_ids.template("panel", "pick", "panel"))

    def __init__(
        self,
        panel_id: int,
        options: list[discord.SelectOption] | None = None,
        placeholder: str | None = None,
        chosen: list[str] | None = None,
    ) -> None:
        super().__init__(
            custom_id=custom_ids.build("panel", "pick", panel_id),
            placeholder=placeholder,
            options=options or [discord.SelectOption(label="-", value="0")],
            min_values=1,
            max_values=1,
        )
        self.panel_id = panel_id
        self.chosen = chosen or []

    @classmethod
    def from_match(cls, match: re.Match[str], values: list[str]) -> PanelSelect:
        return cls(int(match["panel"]), chosen=values)

    def ids(self) -> tuple[int, ...]:
        return (self.panel_id,)

    async def run(self, interaction: discord.Interaction, handlers: ComponentHandlers) -> None:
        entry_id = int(self.chosen[0]) if self.chosen and self.chosen[0].isdigit() else 0
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


class TicketButton(PersistentItem, discord.ui.Button[Any]):
    """Close, Claim, Transcript (open tickets) and Reopen, Transcript, Delete (closed ones)."""

    PATTERN = re.compile(custom_ids.choice_template("ticket", TICKET_ACTIONS, "ticket"))

    def __init__(self, action: str, ticket_id: int) -> None:
        icon, style = _TICKET_STYLE[action]
        super().__init__(
            label=messages.TICKET_BUTTONS[action],
            emoji=icon,
            style=style,
            custom_id=custom_ids.build("ticket", action, ticket_id),
        )
        self.action = action
        self.ticket_id = ticket_id

    @classmethod
    def from_match(cls, match: re.Match[str], values: list[str]) -> TicketButton:
        return cls(match["action"], int(match["ticket"]))

    def ids(self) -> tuple[int, ...]:
        return (self.ticket_id,)

    async def run(self, interaction: discord.Interaction, handlers: ComponentHandlers) -> None:
        await handlers.ticket_button(interaction, self.action, self.ticket_id)


class RatingSelect(PersistentItem, discord.ui.Select[Any]):
    """The owner's rating after close; each option's value is the level's index."""

    PATTERN = re.compile(custom_ids.template("rate", "pick", "ticket"))

    def __init__(
        self,
        ticket_id: int,
        options: list[discord.SelectOption] | None = None,
        chosen: list[str] | None = None,
    ) -> None:
        super().__init__(
            custom_id=custom_ids.build("rate", "pick", ticket_id),
            placeholder=messages.FEEDBACK_PLACEHOLDER,
            options=options or [discord.SelectOption(label="-", value="0")],
            min_values=1,
            max_values=1,
        )
        self.ticket_id = ticket_id
        self.chosen = chosen or []

    @classmethod
    def from_match(cls, match: re.Match[str], values: list[str]) -> RatingSelect:
        return cls(int(match["ticket"]), chosen=values)

    def ids(self) -> tuple[int, ...]:
        return (self.ticket_id,)

    async def run(self, interaction: discord.Interaction, handlers: ComponentHandlers) -> None:
        value = self.chosen[0] if self.chosen else ""
        await handlers.rating(interaction, self.ticket_id, int(value) if value.isdigit() else -1)


class CommentButton(PersistentItem, discord.ui.Button[Any]):
    """ "Add a comment" under the thanks for a rating."""

    PATTERN = re.compile(custom_ids.template("rate", "comment", "ticket"))

    def __init__(self, ticket_id: int) -> None:
        super().__init__(
            label=messages.FEEDBACK_COMMENT_BUTTON,
            emoji="💬",
            style=discord.ButtonStyle.secondary,
            custom_id=custom_ids.build("rate", "comment", ticket_id),
        )
        self.ticket_id = ticket_id

    @classmethod
    def from_match(cls, match: re.Match[str], values: list[str]) -> CommentButton:
        return cls(int(match["ticket"]))

    def ids(self) -> tuple[int, ...]:
        return (self.ticket_id,)

    async def run(self, interaction: discord.Interaction, handlers: ComponentHandlers) -> None:
        await handlers.comment(interaction, self.ticket_id)


class CloseRequestButton(PersistentItem, discord.ui.Button[Any]):
    """The owner's answer to a close request: close it now, or keep it open."""

    PATTERN = re.compile(custom_ids.choice_template("closereq", ("accept", "keep"), "ticket"))

    def __init__(self, action: str, ticket_id: int) -> None:
        accept = action == "accept"
        super().__init__(
            label=messages.CLOSE_REQUEST_ACCEPT if accept else messages.CLOSE_REQUEST_KEEP,
            emoji="✅" if accept else "✋",
            style=discord.ButtonStyle.success if accept else discord.ButtonStyle.secondary,
            custom_id=custom_ids.build("closereq", action, ticket_id),
        )
        self.action = action
        self.ticket_id = ticket_id

    @classmethod
    def from_match(cls, match: re.Match[str], values: list[str]) -> CloseRequestButton:
        return cls(match["action"], int(match["ticket"]))

    def ids(self) -> tuple[int, ...]:
        return (self.ticket_id,)

    async def run(self, interaction: discord.Interaction, handlers: ComponentHandlers) -> None:
        await handlers.close_request(interaction, self.action == "accept", self.ticket_id)


PERSISTENT: tuple[type[PersistentItem], ...] = (
    PanelButton,
    PanelSelect,
    TicketButton,
    RatingSelect,
    CommentButton,
    CloseRequestButton,
)


def parse(custom_id: str, values: list[str]) -> PersistentItem | None:
    """The persistent item a custom_id names (None: not one of ours)."""
    if not custom_id.startswith(custom_ids.PREFIX):
        return None
    for kind in PERSISTENT:
        match = kind.PATTERN.fullmatch(custom_id)
        if match is not None:
            return kind.from_match(match, values)
    return None


async def dispatch(interaction: discord.Interaction) -> bool:
    """Run the click of a persistent component; False when the interaction is not one (someone else's)."""
    data = interaction.data or {}
    custom_id = data.get("custom_id") if isinstance(data, dict) else None
    if interaction.type is not discord.InteractionType.component or not isinstance(custom_id, str):
        return False
    values = [str(v) for v in data.get("values", [])] if isinstance(data, dict) else []
    item = parse(custom_id, values)
    if item is None:
        return False
    try:
        if not custom_ids.in_range(*item.ids()):
            raise NotFound(messages.ENTRY_GONE)
        await item.run(interaction, handlers_of(interaction))
    except Exception as error:  # every failure is answered; report_error logs the unexpected
        await report_error(interaction, error)
    return True

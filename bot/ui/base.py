"""Base classes for our persistent components and modals: every failure becomes an ephemeral reply."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import discord

from bot.ui.replies import report_error

if TYPE_CHECKING:
    from bot.app import TicketDeskBot

ItemT = TypeVar("ItemT", bound=discord.ui.Item[Any])


def bot_of(interaction: discord.Interaction) -> TicketDeskBot:
    return interaction.client  # type: ignore[return-value]


class PersistentItem(discord.ui.DynamicItem[ItemT]):
    """A DynamicItem whose ``from_custom_id`` only parses and whose work happens in :meth:`run`.

    Subclasses pass ``template=`` built by :func:`bot.ui.custom_ids.template`.
    """

    async def callback(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        try:
            await self.run(interaction)
        except Exception as error:  # every failure is answered; report_error logs the unexpected
            await report_error(interaction, error)

    async def run(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError


class SafeModal(discord.ui.Modal):
    """A modal whose errors are answered like every other interaction's."""

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await report_error(interaction, error)


class SafeView(discord.ui.View):
    """A view whose errors are answered like every other interaction's."""

    async def on_error(  # type: ignore[override]
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        await report_error(interaction, error)

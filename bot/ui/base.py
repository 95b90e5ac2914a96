"""Base classes for our persistent components and modals: every failure becomes an ephemeral reply."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.ui.replies import report_error

if TYPE_CHECKING:
    from bot.app import TicketDeskBot


def bot_of(interaction: discord.Interaction) -> TicketDeskBot:
    return interaction.client  # type: ignore[return-value]


class PersistentItem:
    """Mix into a ``DynamicItem``: ``from_custom_id`` only parses, the work happens in :meth:`run`.

    ``class X(PersistentItem, discord.ui.DynamicItem[Button], template=custom_ids.template(...))``
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

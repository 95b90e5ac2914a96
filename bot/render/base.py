"""Base views and modals: every failure becomes an ephemeral reply, and only their owner may use them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any

import discord

from bot import messages
from bot.errors import TicketDeskError
from bot.render.replies import report_error, speak_to


class SafeModal(discord.ui.Modal):
    """A modal that answers in the member's language, and whose errors are answered like every other
    interaction's."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        speak_to(interaction)
        return True

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await report_error(interaction, error)


class SafeView(discord.ui.View):
    """A view that answers in the member's language, and whose errors are answered like every other
    interaction's."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        speak_to(interaction)
        return True

    async def on_error(  # type: ignore[override]
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        await report_error(interaction, error)


class OwnedView(SafeView):
    """A view only one person may use; anyone else is told so (nothing fails silently)."""

    def __init__(self, owner_id: int, *, timeout: float | None) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        speak_to(interaction)
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            messages.NOT_YOUR_BUTTONS, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )
        return False


Work = Callable[[discord.Interaction], Awaitable[str]]


class Confirm(OwnedView):
    """An ephemeral yes/no for one person; ``work`` runs on yes and returns the sentence shown after.

    ``work`` gets the pressing interaction: authorise with its member (their roles now), never with the
    member captured when the question was asked.
    """

    def __init__(
        self,
        actor_id: int,
        yes_label: str,
        work: Work,
        *,
        working: str | None = None,
        timeout: float = 300,
    ) -> None:
        super().__init__(actor_id, timeout=timeout)
        self.work, self.working = work, working or messages.WORKING
        yes: discord.ui.Button[Confirm] = discord.ui.Button(label=yes_label, style=discord.ButtonStyle.danger)
        no: discord.ui.Button[Confirm] = discord.ui.Button(
            label=messages.CANCEL, style=discord.ButtonStyle.secondary
        )
        yes.callback = self._yes  # type: ignore[method-assign]
        no.callback = self._no  # type: ignore[method-assign]
        self.add_item(yes)
        self.add_item(no)

    async def _yes(self, interaction: discord.Interaction) -> None:
        self.stop()
        await interaction.response.edit_message(content=self.working, view=None)
        try:
            text = await self.work(interaction)
        except TicketDeskError as refused:  # e.g. the actor lost the role the operation needs
            text = refused.message
        with suppress(discord.HTTPException):  # after a delete the message's channel may be gone
            await interaction.edit_original_response(content=text)

    async def _no(self, interaction: discord.Interaction) -> None:
        self.stop()
        await interaction.response.edit_message(content=messages.CANCELLED, view=None)

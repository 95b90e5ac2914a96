"""What clicking a ticket's button does: Close asks a reason then confirms; Delete confirms."""

from __future__ import annotations

from contextlib import suppress

import discord

from bot import messages
from bot.domain.lifecycle import Action
from bot.domain.models import Ticket
from bot.domain.text import clip
from bot.errors import NotFound
from bot.ui.base import SafeModal, SafeView, bot_of
from bot.ui.opening import member_of
from bot.ui.replies import reply

CONFIRM_TIMEOUT = 300.0


async def on_ticket_button(interaction: discord.Interaction, action: str, ticket_id: int) -> None:
    bot = bot_of(interaction)
    guild, member = member_of(interaction)
    ticket = await bot.services.tickets.get(ticket_id)
    if ticket.guild_id != guild.id:
        raise NotFound(messages.NOT_A_TICKET)
    if action == "close":
        await bot.services.tickets.check_allowed(member, ticket, Action.CLOSE)
        await interaction.response.send_modal(CloseReasonModal(ticket))
    elif action == "delete":
        await bot.services.tickets.check_allowed(member, ticket, Action.DELETE)
        await reply(
            interaction,
            messages.CONFIRM_DELETE.format(number=ticket.number),
            view=Confirm(member, ticket, "delete", None),
        )
    elif action == "claim":
        await interaction.response.defer(ephemeral=True, thinking=True)
        done = await bot.services.tickets.claim_ticket(member, ticket)
        await reply(interaction, messages.DONE.format(what=f"ticket #{done.number} is yours"))
    elif action == "reopen":
        await interaction.response.defer(ephemeral=True, thinking=True)
        done = await bot.services.tickets.reopen_ticket(member, ticket)
        await reply(interaction, messages.DONE.format(what=f"ticket #{done.number} reopened"))
    else:
        from bot.ui.transcripts import transcript_button

        await transcript_button(interaction, member, ticket)


class CloseReasonModal(SafeModal):
    """Close: ask for a reason, then confirm."""

    def __init__(self, ticket: Ticket) -> None:
        super().__init__(
            title=clip(messages.CLOSE_MODAL_TITLE.format(number=ticket.number), 45), timeout=CONFIRM_TIMEOUT
        )
        self.ticket = ticket
        self.reason: discord.ui.TextInput[CloseReasonModal] = discord.ui.TextInput(
            style=discord.TextStyle.paragraph, required=False, max_length=500
        )
        self.add_item(discord.ui.Label(text=messages.CLOSE_REASON_LABEL, component=self.reason))

    async def on_submit(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        _, member = member_of(interaction)
        reason = (self.reason.value or "").strip() or None
        shown = f"\nReason: {clip(reason, 500)}" if reason else ""
        await reply(
            interaction,
            messages.CONFIRM_CLOSE.format(number=self.ticket.number, reason=shown),
            view=Confirm(member, self.ticket, "close", reason),
        )


class Confirm(SafeView):
    """An ephemeral yes/no before a close or a delete."""

    def __init__(self, actor: discord.Member, ticket: Ticket, action: str, reason: str | None) -> None:
        super().__init__(timeout=CONFIRM_TIMEOUT)
        self.actor, self.ticket, self.action, self.reason = actor, ticket, action, reason
        yes: discord.ui.Button[Confirm] = discord.ui.Button(
            label=f"Yes, {action}", style=discord.ButtonStyle.danger
        )
        no: discord.ui.Button[Confirm] = discord.ui.Button(
            label="Cancel", style=discord.ButtonStyle.secondary
        )
        yes.callback = self._yes  # type: ignore[method-assign]
        no.callback = self._no  # type: ignore[method-assign]
        self.add_item(yes)
        self.add_item(no)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        return interaction.user.id == self.actor.id

    async def _yes(self, interaction: discord.Interaction) -> None:
        self.stop()
        await interaction.response.edit_message(
            content=f"Working on ticket #{self.ticket.number}…", view=None
        )
        tickets = bot_of(interaction).services.tickets
        if self.action == "close":
            done = await tickets.close_ticket(self.actor, self.ticket, self.reason)
            what = f"ticket #{done.number} closed"
        else:
            done = await tickets.delete_ticket(self.actor, self.ticket, self.reason)
            what = f"ticket #{done.number} deleted"
        with suppress(discord.HTTPException):  # after a delete the message's channel may be gone
            await interaction.edit_original_response(content=messages.DONE.format(what=what))

    async def _no(self, interaction: discord.Interaction) -> None:
        self.stop()
        await interaction.response.edit_message(content=messages.CANCELLED, view=None)

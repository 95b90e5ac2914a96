"""What clicking a ticket's button does: Close asks a reason then confirms; Delete confirms."""

from __future__ import annotations

import discord

from bot import messages
from bot.domain.lifecycle import Action
from bot.domain.models import Ticket
from bot.domain.text import clip
from bot.errors import NotFound
from bot.ui.base import Confirm, SafeModal, bot_of
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
            view=confirm_operation(member, ticket, "delete", None),
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
            view=confirm_operation(member, self.ticket, "close", reason),
        )


def confirm_operation(actor: discord.Member, ticket: Ticket, action: str, reason: str | None) -> Confirm:
    """ "Yes, close" / "Yes, delete" for a ticket, then the operation itself."""

    async def work(interaction: discord.Interaction) -> str:
        tickets = bot_of(interaction).services.tickets
        if action == "close":
            done = await tickets.close_ticket(actor, ticket, reason)
        else:
            done = await tickets.delete_ticket(actor, ticket, reason)
        return messages.DONE.format(what=f"ticket #{done.number} {action}d")

    return Confirm(
        actor.id,
        f"Yes, {action}",
        work,
        working=f"Working on ticket #{ticket.number}…",
        timeout=CONFIRM_TIMEOUT,
    )

"""What clicking a ticket's button does: Close asks a reason then confirms; Delete confirms."""

from __future__ import annotations

from dataclasses import dataclass

import discord

from bot import i18n, messages
from bot.domain.lifecycle import Action
from bot.domain.models import Ticket
from bot.domain.text import clip
from bot.errors import NotFound
from bot.flows.context import member_of
from bot.flows.transcripts import TranscriptFlow
from bot.render.base import Confirm
from bot.render.replies import acknowledge, reply
from bot.render.tickets import CloseReasonModal
from bot.services.tickets import TicketService

CONFIRM_TIMEOUT = 300.0


@dataclass(eq=False)
class TicketButtonsFlow:
    tickets: TicketService
    transcripts: TranscriptFlow

    async def clicked(self, interaction: discord.Interaction, action: str, ticket_id: int) -> None:
        guild, member = member_of(interaction)
        if action == "close":
            await self._ask_reason(interaction, member, ticket_id)
            return
        if action == "transcript":
            await self.transcripts.acknowledge(interaction, member)
        else:
            await acknowledge(interaction)
        ticket = await self._ticket(guild, ticket_id)
        if action == "delete":
            await self.tickets.check_allowed(member, ticket, Action.DELETE)
            await reply(
                interaction,
                messages.CONFIRM_DELETE.format(number=ticket.number),
                view=self.confirm(member, ticket, Action.DELETE, None),
            )
        elif action in ("claim", "reopen"):
            operation = self.tickets.claim_ticket if action == "claim" else self.tickets.reopen_ticket
            done = await operation(member, ticket)
            what = messages.DONE_TICKET[action].format(number=done.number)
            await reply(interaction, messages.DONE.format(what=what))
        else:
            await self.transcripts.send_copy(interaction, member, ticket, "html")

    async def answer_close_request(
        self, interaction: discord.Interaction, accept: bool, ticket_id: int
    ) -> None:
        """Accept or Keep open under a close request; the buttons go once it is answered."""
        await acknowledge(interaction)
        guild, member = member_of(interaction)
        ticket = await self._ticket(guild, ticket_id)
        done = await self.tickets.answer_close_request(member, ticket, accept)
        if interaction.message is not None:
            with i18n.speaking(self.tickets.cache.language(guild)):  # the ticket's message, for everyone
                answer = messages.CLOSE_REQUEST_ACCEPT if accept else messages.CLOSE_REQUEST_KEEP
                answered = messages.CLOSE_REQUEST_ANSWERED.format(member=member.mention, answer=answer)
            try:
                await interaction.message.edit(
                    content=f"{interaction.message.content}\n{answered}",
                    view=None,
                    allowed_mentions=discord.AllowedMentions.none(),
                )
            except discord.HTTPException:
                pass  # the answer stands; the buttons just stay
        action = "close" if accept else "keep_open"
        await reply(
            interaction, messages.DONE.format(what=messages.DONE_TICKET[action].format(number=done.number))
        )

    async def _ticket(self, guild: discord.Guild, ticket_id: int) -> Ticket:
        ticket = await self.tickets.get(ticket_id)
        if ticket.guild_id != guild.id:
            raise NotFound(messages.NOT_A_TICKET)
        return ticket

    async def _ask_reason(
        self, interaction: discord.Interaction, member: discord.Member, ticket_id: int
    ) -> None:
        """The reason form must be the first answer, so it is shown from what memory knows (someone who could
        close no ticket here is refused at once); the ticket is read and the closer checked when it comes back."""
        self.tickets.check_may_close_some(member)

        async def submitted(submit: discord.Interaction, reason: str | None) -> None:
            await acknowledge(submit)
            guild, actor = member_of(submit)
            ticket = await self._ticket(guild, ticket_id)
            await self.tickets.check_allowed(actor, ticket, Action.CLOSE)
            shown = messages.REASON_SHOWN.format(reason=clip(reason, 500)) if reason else ""
            await reply(
                submit,
                messages.CONFIRM_CLOSE.format(number=ticket.number, reason=shown),
                view=self.confirm(actor, ticket, Action.CLOSE, reason),
            )

        await interaction.response.send_modal(CloseReasonModal(submitted, timeout=CONFIRM_TIMEOUT))

    def confirm(self, actor: discord.Member, ticket: Ticket, action: Action, reason: str | None) -> Confirm:
        """ "Yes, close" / "Yes, delete" for a ticket, then the operation itself."""

        async def work(interaction: discord.Interaction) -> str:
            _, pressed_by = member_of(interaction)  # authorised as they are now, not when asked
            if action is Action.CLOSE:
                done = await self.tickets.close_ticket(pressed_by, ticket, reason)
                return messages.DONE.format(what=messages.DONE_TICKET["close"].format(number=done.number))
            done = await self.tickets.delete_ticket(pressed_by, ticket, reason)
            return messages.DONE.format(what=messages.DONE_TICKET["delete"].format(number=done.number))

        yes = messages.YES_CLOSE if action is Action.CLOSE else messages.YES_DELETE
        return Confirm(
            actor.id,
            yes,
            work,
            working=messages.WORKING_ON.format(number=ticket.number),
            timeout=CONFIRM_TIMEOUT,
        )

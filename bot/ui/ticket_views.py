"""How a ticket and a list of tickets read in Discord."""

from __future__ import annotations

import discord

from bot.domain.lifecycle import STATUS_WORDS
from bot.domain.models import Event, Ticket, TicketGroup
from bot.domain.text import clip


def _when(moment: object) -> str:
    return f"<t:{int(moment.timestamp())}:f>" if moment is not None else "—"  # type: ignore[attr-defined]


def _event_line(event: Event) -> str:
    who = "the bot" if event.anonymous or event.actor_id is None else f"<@{event.actor_id}>"
    refused = " (refused)" if not event.allowed else ""
    return f"<t:{int(event.created_at.timestamp())}:R> {event.action}{refused} by {who}"


def ticket_embed(
    ticket: Ticket,
    group: TicketGroup | None,
    members: list[int],
    history: list[Event] = (),  # type: ignore[assignment]
) -> discord.Embed:
    embed = discord.Embed(title=f"Ticket #{ticket.number}", colour=discord.Colour.blurple())
    status = STATUS_WORDS[ticket.status] + (" · locked" if ticket.locked_at else "")
    embed.add_field(name="Status", value=status)
    embed.add_field(name="Group", value=clip(group.name, 100) if group else "—")
    embed.add_field(name="Channel", value=f"<#{ticket.channel_id}>" if ticket.channel_id else "—")
    embed.add_field(name="Owner", value=f"<@{ticket.owner_id}>" + (" (left)" if ticket.owner_left_at else ""))
    embed.add_field(name="Assigned", value=f"<@{ticket.assigned_id}>" if ticket.assigned_id else "nobody")
    level = None
    if group is not None and ticket.priority is not None and ticket.priority < len(group.priority_levels):
        level = group.priority_levels[ticket.priority]
    embed.add_field(
        name="Priority", value=" ".join(x for x in (level.emoji, level.label) if x) if level else "—"
    )
    embed.add_field(name="Members", value=clip(", ".join(f"<@{m}>" for m in members) or "—", 1024))
    embed.add_field(name="Opened", value=_when(ticket.opened_at or ticket.created_at))
    embed.add_field(name="Closed", value=_when(ticket.closed_at))
    expiry = "never (eternal)" if ticket.eternal else _when(ticket.expire_at)
    if ticket.expire_at and ticket.expire_clearable and not ticket.eternal:
        expiry += " (cleared by the owner's next message)"
    embed.add_field(name="Expires", value=expiry)
    embed.add_field(name="Last activity", value=_when(ticket.last_activity))
    if ticket.closed_reason:
        embed.add_field(name="Close reason", value=clip(ticket.closed_reason, 1024), inline=False)
    if ticket.form:
        embed.add_field(
            name="Form",
            value=clip("\n".join(f"**{a['title']}**: {a['value']}" for a in ticket.form), 1024),
            inline=False,
        )
    if history:
        embed.add_field(
            name="History", value=clip("\n".join(_event_line(e) for e in history), 1024), inline=False
        )
    embed.set_footer(text=f"id {ticket.id} · uuid {ticket.uuid}")
    return embed


def tickets_embed(
    tickets: list[Ticket], groups: dict[int, str], total: int, page: int, pages: int
) -> discord.Embed:
    embed = discord.Embed(title=f"Tickets ({total})", colour=discord.Colour.blurple())
    lines = [
        f"**#{t.number}** {STATUS_WORDS[t.status]}{' 🔐' if t.locked_at else ''} · {clip(groups.get(t.group_id or 0, '—'), 40)}"
        f" · <@{t.owner_id}>"
        + (f" · ➜ <@{t.assigned_id}>" if t.assigned_id else "")
        + (f" · <#{t.channel_id}>" if t.channel_id and t.status.value != "deleted" else "")
        for t in tickets
    ]
    embed.description = clip("\n".join(lines) or "No tickets match.", 4096)
    embed.set_footer(text=f"Page {min(page, pages)} of {pages}")
    return embed

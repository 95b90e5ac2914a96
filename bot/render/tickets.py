"""How a ticket reads in Discord: its opening message with answers, its buttons, its info and lists."""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import discord

from bot import messages
from bot.domain.forms import Answer, display_value
from bot.domain.lifecycle import status_word
from bot.domain.models import Event, Ticket, TicketGroup
from bot.domain.templates import render, ticket_variables
from bot.domain.text import clip, one_line, strip_invisible
from bot.render.base import SafeModal
from bot.render.components import (
    CLOSED_ACTIONS,
    OPEN_ACTIONS,
    CloseRequestButton,
    TicketButton,
    persistent_view,
)

EMBED_TOTAL = 6000
FIELD_VALUE = 1024
FIELD_NAME = 256
DESCRIPTION = 4096
TITLE = 256


def embed_size(embed: discord.Embed) -> int:
    total = len(embed.title or "") + len(embed.description or "")
    total += sum(len(f.name or "") + len(f.value or "") for f in embed.fields)
    total += len(embed.footer.text or "") + len(embed.author.name or "")
    return total


def fit(embeds: list[discord.Embed], budget: int = EMBED_TOTAL) -> bool:
    """Shorten the longest texts until all embeds fit Discord's 6,000 characters; True if any was cut."""
    cut = False
    while sum(embed_size(e) for e in embeds) > budget:
        excess = sum(embed_size(e) for e in embeds) - budget
        longest: tuple[int, discord.Embed, int | None] | None = None
        for embed in embeds:
            if embed.description and (longest is None or len(embed.description) > longest[0]):
                longest = (len(embed.description), embed, None)
            for index, fld in enumerate(embed.fields):
                if longest is None or len(fld.value or "") > longest[0]:
                    longest = (len(fld.value or ""), embed, index)
        if longest is None or longest[0] <= 20:
            break
        size, embed, index = longest
        target = max(20, min(size - excess, size // 2 if excess > size // 2 else size - excess))
        if index is None:
            embed.description = clip(embed.description or "", target)
        else:
            fld = embed.fields[index]
            embed.set_field_at(
                index, name=fld.name or "", value=clip(fld.value or "", target), inline=fld.inline
            )
        cut = True
    return cut


def answer_embeds(
    title: str, owner: discord.abc.User, answers: list[Answer]
) -> tuple[list[discord.Embed], bool]:
    """Answers as embed fields, within Discord's limits; True when some answer had to be cut."""
    embed = discord.Embed(title=clip(title, TITLE), colour=discord.Colour.dark_teal())
    embed.set_author(name=clip(one_line(strip_invisible(owner.display_name)) or str(owner.id), 256))
    cut = False
    for answer in answers:
        value = display_value(answer)
        if len(value) > FIELD_VALUE:
            cut = True
        embed.add_field(name=clip(answer.title, FIELD_NAME), value=clip(value, FIELD_VALUE), inline=False)
    cut = fit([embed]) or cut
    return [embed], cut


def answers_text(answers: list[Answer]) -> str:
    return "\n\n".join(f"{a.title}\n{'-' * len(a.title)}\n{display_value(a)}" for a in answers) + "\n"


def answers_file(answers: list[Answer]) -> discord.File:
    """Every answer in full, for when the embeds had to cut some."""
    return discord.File(io.BytesIO(answers_text(answers).encode()), "answers.txt")


def opening_message(
    ticket: Ticket,
    group: TicketGroup,
    owner: discord.Member,
    actor: discord.Member,
    answers: list[Answer],
    message: str | None,
    source: discord.Message | None,
    notice: str | None,
    saved: tuple[str | None, list[dict[str, Any]]] | None = None,
    pinged: list[discord.Role] | None = None,
) -> tuple[str, list[discord.Embed], list[discord.File]]:
    """Content (the owner's mention, and the roles ``pinged``), embeds and any attached full answers for a
    new ticket.

    ``saved`` is the group's saved opening message, already filled in; it replaces the default text.
    """
    variables = ticket_variables(ticket, group, owner_name=owner.display_name, server=owner.guild.name)
    intro = render(group.opening_message or messages.OPENING_DEFAULT, variables)
    main = discord.Embed(
        title=clip(messages.OPENING_TITLE.format(number=ticket.number, group=group.name), TITLE),
        description=clip(intro, DESCRIPTION),
        colour=discord.Colour.blurple(),
    )
    if actor.id != owner.id:
        main.add_field(
            name=messages.FIELD_OPENED_BY,
            value=messages.OPENED_BY.format(actor=actor.mention, owner=owner.mention),
            inline=False,
        )
    if message:
        main.add_field(name=messages.FIELD_MESSAGE, value=clip(message, FIELD_VALUE), inline=False)
    if notice:
        main.add_field(name=messages.FIELD_SUPPORT_HOURS, value=clip(notice, FIELD_VALUE), inline=False)
    main.set_footer(text=messages.TICKET_FOOTER.format(number=ticket.number))
    embeds = [main]
    content = " ".join([owner.mention, *(role.mention for role in pinged or [])])
    if saved is not None:
        saved_content, saved_embeds = saved
        if saved_content:
            content = clip(f"{content} {saved_content}", 2000)
        if saved_embeds:
            main.description = None
            embeds = [discord.Embed.from_dict(e) for e in saved_embeds[:8]] + ([main] if main.fields else [])
        elif saved_content:
            main.description = None
    cut = False
    if answers:
        answer_list, cut = answer_embeds(group.form_title or messages.FORM_DEFAULT_TITLE, owner, answers)
        embeds += answer_list
    if source is not None:
        quote = discord.Embed(
            description=clip(source.content or messages.NO_TEXT, DESCRIPTION),
            colour=discord.Colour.light_grey(),
        )
        quote.set_author(
            name=clip(
                messages.QUOTED_MESSAGE.format(author=one_line(strip_invisible(source.author.display_name))),
                256,
            )
        )
        quote.add_field(name=messages.FIELD_LINK, value=source.jump_url, inline=False)
        embeds.append(quote)
    cut = fit(embeds) or cut
    files = []
    if cut and answers:
        main.add_field(name=messages.FIELD_NOTE, value=messages.FORM_TRUNCATED, inline=False)
        fit(embeds)
        files.append(answers_file(answers))
    return content, embeds[:10], files


def form_results(
    ticket: Ticket, group: TicketGroup, owner: discord.abc.User, answers: list[Answer]
) -> tuple[list[discord.Embed], list[discord.File]]:
    """The post in a group's form channel: the answers, and the full text when embeds had to cut them."""
    embeds, truncated = answer_embeds(
        messages.FORM_RESULTS_TITLE.format(number=ticket.number, group=clip(group.name, 100)), owner, answers
    )
    return embeds, [answers_file(answers)] if truncated else []


def buttons(ticket: Ticket, actions: tuple[str, ...]) -> discord.ui.View:
    return persistent_view(*(TicketButton(action, ticket.id) for action in actions))


def open_ticket_view(ticket: Ticket) -> discord.ui.View:
    """Close, Claim and Transcript: the buttons of an open ticket."""
    return buttons(ticket, OPEN_ACTIONS)


def closed_ticket_view(ticket: Ticket) -> discord.ui.View:
    """Reopen, Transcript and Delete: the buttons of a closed ticket."""
    return buttons(ticket, CLOSED_ACTIONS)


def close_request_view(ticket: Ticket) -> discord.ui.View:
    """Close now, or keep it open: the answers to a close request."""
    return persistent_view(CloseRequestButton("accept", ticket.id), CloseRequestButton("keep", ticket.id))


class CloseReasonModal(SafeModal):
    """Close: ask for a reason; ``submit`` gets it (None when left empty)."""

    def __init__(
        self, submit: Callable[[discord.Interaction, str | None], Awaitable[None]], *, timeout: float
    ) -> None:
        super().__init__(title=clip(messages.CLOSE_MODAL_TITLE, 45), timeout=timeout)
        self.submit = submit
        self.reason: discord.ui.TextInput[CloseReasonModal] = discord.ui.TextInput(
            style=discord.TextStyle.paragraph, required=False, max_length=500
        )
        self.add_item(discord.ui.Label(text=messages.CLOSE_REASON_LABEL, component=self.reason))

    async def on_submit(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        await self.submit(interaction, (self.reason.value or "").strip() or None)


# -- /ticket info and /ticket list --------------------------------------------------------------------


def _when(moment: datetime | None) -> str:
    return f"<t:{int(moment.timestamp())}:f>" if moment is not None else "—"


def _event_line(event: Event) -> str:
    who = messages.THE_BOT if event.anonymous or event.actor_id is None else f"<@{event.actor_id}>"
    line = messages.HISTORY_REFUSED if not event.allowed else messages.HISTORY_LINE
    action = messages.ACTION_PAST.get(event.action, event.action)
    return line.format(when=f"<t:{int(event.created_at.timestamp())}:R>", action=action, actor=who)


def ticket_embed(
    ticket: Ticket, group: TicketGroup | None, members: list[int], history: list[Event] | None = None
) -> discord.Embed:
    embed = discord.Embed(
        title=messages.TICKET_TITLE.format(number=ticket.number), colour=discord.Colour.blurple()
    )
    status = status_word(ticket.status) + (messages.STATUS_LOCKED_SUFFIX if ticket.locked_at else "")
    embed.add_field(name=messages.FIELD_STATUS, value=status)
    embed.add_field(name=messages.FIELD_GROUP, value=clip(group.name, 100) if group else "—")
    embed.add_field(
        name=messages.FIELD_CHANNEL, value=f"<#{ticket.channel_id}>" if ticket.channel_id else "—"
    )
    owner = f"<@{ticket.owner_id}>" + (messages.OWNER_LEFT_SUFFIX if ticket.owner_left_at else "")
    embed.add_field(name=messages.FIELD_OWNER, value=owner)
    embed.add_field(
        name=messages.FIELD_ASSIGNED,
        value=f"<@{ticket.assigned_id}>" if ticket.assigned_id else messages.NOBODY,
    )
    level = None
    if group is not None and ticket.priority is not None and ticket.priority < len(group.priority_levels):
        level = group.priority_levels[ticket.priority]
    embed.add_field(
        name=messages.FIELD_PRIORITY,
        value=" ".join(x for x in (level.emoji, level.label) if x) if level else "—",
    )
    embed.add_field(
        name=messages.FIELD_MEMBERS, value=clip(", ".join(f"<@{m}>" for m in members) or "—", FIELD_VALUE)
    )
    embed.add_field(name=messages.FIELD_OPENED, value=_when(ticket.opened_at or ticket.created_at))
    embed.add_field(name=messages.FIELD_CLOSED, value=_when(ticket.closed_at))
    expiry = messages.EXPIRY_ETERNAL if ticket.eternal else _when(ticket.expire_at)
    if ticket.expire_at and ticket.expire_clearable and not ticket.eternal:
        expiry += messages.EXPIRY_CLEARABLE_SUFFIX
    embed.add_field(name=messages.FIELD_EXPIRES, value=expiry)
    embed.add_field(name=messages.FIELD_LAST_ACTIVITY, value=_when(ticket.last_activity))
    if ticket.closed_reason:
        embed.add_field(
            name=messages.FIELD_CLOSE_REASON, value=clip(ticket.closed_reason, FIELD_VALUE), inline=False
        )
    if ticket.form:
        embed.add_field(
            name=messages.FIELD_FORM,
            value=clip("\n".join(f"**{a['title']}**: {a['value']}" for a in ticket.form), FIELD_VALUE),
            inline=False,
        )
    if history:
        embed.add_field(
            name=messages.FIELD_HISTORY,
            value=clip("\n".join(_event_line(e) for e in history), FIELD_VALUE),
            inline=False,
        )
    embed.set_footer(text=messages.TICKET_IDS.format(id=ticket.id, uuid=ticket.uuid))
    return embed


def tickets_embed(
    tickets: list[Ticket], groups: dict[int, str], total: int, page: int, pages: int
) -> discord.Embed:
    embed = discord.Embed(title=messages.TICKETS_TITLE.format(total=total), colour=discord.Colour.blurple())
    lines = [
        f"**#{t.number}** {status_word(t.status)}{' 🔐' if t.locked_at else ''} · "
        f"{clip(groups.get(t.group_id or 0, '—'), 40)} · <@{t.owner_id}>"
        + (f" · ➜ <@{t.assigned_id}>" if t.assigned_id else "")
        + (f" · <#{t.channel_id}>" if t.channel_id and t.status.value != "deleted" else "")
        for t in tickets
    ]
    embed.description = clip("\n".join(lines) or messages.NO_TICKETS_MATCH, DESCRIPTION)
    embed.set_footer(text=messages.PAGE_OF.format(page=min(page, pages), pages=pages))
    return embed

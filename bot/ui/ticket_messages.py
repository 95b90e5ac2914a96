"""The messages a ticket shows: its opening message with answers, and its buttons."""

from __future__ import annotations

import io
from typing import Any

import discord

from bot import messages
from bot.domain.forms import Answer, display_value
from bot.domain.models import Ticket, TicketGroup
from bot.domain.templates import render
from bot.domain.text import clip, one_line, strip_invisible
from bot.ui.ticket_buttons import CLOSED_ACTIONS, OPEN_ACTIONS, view_for

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


def ticket_variables(
    ticket: Ticket, group: TicketGroup, owner: discord.abc.User, guild: discord.Guild
) -> dict[str, str]:
    return {
        "user": owner.mention,
        "user_name": one_line(strip_invisible(owner.display_name)),
        "ticket": f"#{ticket.number}",
        "number": str(ticket.number),
        "group": group.name,
        "server": guild.name,
        "channel": f"<#{ticket.channel_id}>" if ticket.channel_id else "",
        "staff": " ".join(f"<@&{r}>" for r in group.support_role_ids),
    }


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
) -> tuple[str, list[discord.Embed], list[discord.File]]:
    """Content (the owner's mention), embeds and any attached full answers for a new ticket.

    ``saved`` is the group's saved opening message, already filled in; it replaces the default text.
    """
    variables = ticket_variables(ticket, group, owner, owner.guild)
    intro = render(group.opening_message or messages.OPENING_DEFAULT, variables)
    main = discord.Embed(
        title=clip(messages.OPENING_TITLE.format(number=ticket.number, group=group.name), TITLE),
        description=clip(intro, DESCRIPTION),
        colour=discord.Colour.blurple(),
    )
    if actor.id != owner.id:
        main.add_field(
            name="Opened by",
            value=messages.OPENED_BY.format(actor=actor.mention, owner=owner.mention),
            inline=False,
        )
    if message:
        main.add_field(name="Message", value=clip(message, FIELD_VALUE), inline=False)
    if notice:
        main.add_field(name="Support hours", value=clip(notice, FIELD_VALUE), inline=False)
    main.set_footer(text=f"Ticket #{ticket.number}")
    embeds = [main]
    content = owner.mention
    if saved is not None:
        saved_content, saved_embeds = saved
        if saved_content:
            content = clip(f"{owner.mention} {saved_content}", 2000)
        if saved_embeds:
            main.description = None
            embeds = [discord.Embed.from_dict(e) for e in saved_embeds[:8]] + ([main] if main.fields else [])
        elif saved_content:
            main.description = None
    cut = False
    if answers:
        answer_list, cut = answer_embeds(group.form_title or "Form", owner, answers)
        embeds += answer_list
    if source is not None:
        quote = discord.Embed(
            description=clip(source.content or "(no text)", DESCRIPTION), colour=discord.Colour.light_grey()
        )
        quote.set_author(
            name=clip(
                messages.QUOTED_MESSAGE.format(author=one_line(strip_invisible(source.author.display_name))),
                256,
            )
        )
        quote.add_field(name="Link", value=source.jump_url, inline=False)
        embeds.append(quote)
    cut = fit(embeds) or cut
    files = []
    if cut and answers:
        main.add_field(name="Note", value=messages.FORM_TRUNCATED, inline=False)
        fit(embeds)
        files.append(discord.File(io.BytesIO(answers_text(answers).encode()), "answers.txt"))
    return content, embeds[:10], files


def open_ticket_view(ticket: Ticket) -> discord.ui.View:
    """Close, Claim and Transcript: the buttons of an open ticket."""
    return view_for(ticket, OPEN_ACTIONS)


def closed_ticket_view(ticket: Ticket) -> discord.ui.View:
    """Reopen, Transcript and Delete: the buttons of a closed ticket."""
    return view_for(ticket, CLOSED_ACTIONS)

"""How groups and panels read in Discord."""

from __future__ import annotations

from datetime import timedelta

import discord

from bot.domain.durations import describe
from bot.domain.levels import describe_levels
from bot.domain.models import Panel, TicketGroup
from bot.domain.text import clip


def _channel(channel_id: int | None) -> str:
    return f"<#{channel_id}>" if channel_id else "—"


def group_embed(group: TicketGroup, *, is_default: bool = False) -> discord.Embed:
    embed = discord.Embed(
        title=clip(f"Group: {group.name}" + (" (default)" if is_default else ""), 256),
        colour=discord.Colour.blurple(),
    )
    where = (
        f"private threads in {_channel(group.parent_channel_id)}"
        if group.mode == "thread"
        else ", ".join(_channel(c) for c in group.category_ids) or "no category"
    )
    embed.add_field(name="Mode", value=f"{group.mode}: {where}", inline=False)
    embed.add_field(
        name="Status categories",
        value=(
            f"closed {_channel(group.closed_category_id)} · locked {_channel(group.locked_category_id)} · "
            f"assigned {_channel(group.assigned_category_id)}"
        ),
        inline=False,
    )
    embed.add_field(
        name="Channels",
        value=(
            f"transcripts {_channel(group.transcript_channel_id)} · forms {_channel(group.form_channel_id)} · "
            f"feedback {_channel(group.feedback_channel_id)} · log {_channel(group.log_channel_id)}"
        ),
        inline=False,
    )
    embed.add_field(name="Support roles", value=", ".join(f"<@&{r}>" for r in group.support_role_ids) or "—")
    embed.add_field(name="Name template", value=clip(f"`{group.name_template}`", 1024))
    embed.add_field(name="Per-user limit", value=str(group.user_limit or "none"))
    embed.add_field(name="Cooldown", value=describe_seconds(group.cooldown_seconds))
    embed.add_field(name="Owner may close", value="yes" if group.owner_can_close else "no")
    embed.add_field(name="Close when owner leaves", value="yes" if group.close_on_owner_leave else "no")
    inactivity = describe_seconds(group.inactivity_close_seconds or 0)
    if group.inactivity_close_seconds and group.inactivity_owner_only:
        inactivity += " (owner's messages only)"
    embed.add_field(name="Inactivity close", value=inactivity)
    embed.add_field(
        name="Schedule",
        value=clip(
            (group.schedule.describe() if group.schedule else "always open")
            + f" · out of hours: {group.out_of_hours}",
            1024,
        ),
        inline=False,
    )
    embed.add_field(
        name="Priority levels", value=clip(describe_levels(group.priority_levels), 1024), inline=False
    )
    embed.add_field(
        name="Rating levels", value=clip(describe_levels(group.rating_levels), 1024), inline=False
    )
    form = "\n".join(
        f"{i + 1}. {f.label} ({f.kind}{', optional' if not f.required else ''})"
        for i, f in enumerate(group.form_fields)
    )
    embed.add_field(
        name=clip(f"Form: {group.form_title or group.name}", 256),
        value=clip(form or "no form", 1024),
        inline=False,
    )
    embed.add_field(
        name="Opening message", value=clip(group.opening_message or "the default", 1024), inline=False
    )
    embed.set_footer(text=f"Group id {group.id}")
    return embed


def describe_seconds(seconds: int) -> str:
    return describe(timedelta(seconds=seconds)) if seconds else "none"


def groups_embed(groups: list[TicketGroup], default_id: int | None) -> discord.Embed:
    embed = discord.Embed(title="Ticket groups", colour=discord.Colour.blurple())
    lines = [
        f"**{clip(g.name, 60)}**{' (default)' if g.id == default_id else ''} · {g.mode} · "
        f"limit {g.user_limit or 'none'} · {len(g.form_fields)} form field(s)"
        for g in groups
    ]
    embed.description = clip("\n".join(lines) or "No groups yet.", 4096)
    return embed


def panels_embed(panels: list[Panel]) -> discord.Embed:
    embed = discord.Embed(title="Panels", colour=discord.Colour.blurple())
    lines = [
        f"**{clip(p.name, 60)}** · {p.kind} · {len(p.entries)} entr{'y' if len(p.entries) == 1 else 'ies'} · "
        + (f"posted in <#{p.channel_id}>" if p.message_id else "not posted")
        for p in panels
    ]
    embed.description = clip("\n".join(lines) or "No panels yet.", 4096)
    return embed

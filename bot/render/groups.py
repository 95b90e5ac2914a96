"""How groups and panels read in Discord."""

from __future__ import annotations

from datetime import timedelta

import discord

from bot import messages
from bot.domain.durations import describe
from bot.domain.levels import describe_levels
from bot.domain.models import GroupMode, Panel, TicketGroup
from bot.domain.text import clip


def _channel(channel_id: int | None) -> str:
    return f"<#{channel_id}>" if channel_id else "—"


def describe_seconds(seconds: int) -> str:
    return describe(timedelta(seconds=seconds)) if seconds else messages.NONE


def _yes(value: bool) -> str:
    return messages.YES if value else messages.NO


def group_embed(group: TicketGroup, *, is_default: bool = False) -> discord.Embed:
    title = messages.GROUP_TITLE_DEFAULT if is_default else messages.GROUP_TITLE
    embed = discord.Embed(title=clip(title.format(name=group.name), 256), colour=discord.Colour.blurple())
    where = (
        messages.GROUP_WHERE_THREADS.format(channel=_channel(group.parent_channel_id))
        if group.mode is GroupMode.THREAD
        else ", ".join(_channel(c) for c in group.category_ids) or messages.GROUP_NO_CATEGORY
    )
    embed.add_field(
        name=messages.FIELD_MODE, value=f"{messages.GROUP_MODE_WORDS[group.mode]}: {where}", inline=False
    )
    embed.add_field(
        name=messages.FIELD_STATUS_CATEGORIES,
        value=messages.GROUP_STATUS_CATEGORIES.format(
            closed=_channel(group.closed_category_id),
            locked=_channel(group.locked_category_id),
            assigned=_channel(group.assigned_category_id),
        ),
        inline=False,
    )
    embed.add_field(
        name=messages.FIELD_CHANNELS,
        value=messages.GROUP_CHANNELS.format(
            transcripts=_channel(group.transcript_channel_id),
            forms=_channel(group.form_channel_id),
            feedback=_channel(group.feedback_channel_id),
            log=_channel(group.log_channel_id),
        ),
        inline=False,
    )
    embed.add_field(
        name=messages.FIELD_SUPPORT_ROLES, value=", ".join(f"<@&{r}>" for r in group.support_role_ids) or "—"
    )
    pinged = group.ping_role_ids if group.ping_role_ids is not None else group.support_role_ids
    embed.add_field(
        name=messages.FIELD_STAFF_WORKFLOW,
        value=clip(
            messages.GROUP_STAFF_WORKFLOW.format(
                roles=", ".join(f"<@&{r}>" for r in pinged) or "—",
                when=messages.PING_ON_WORDS[str(group.ping_on)],
                channel=_channel(group.staff_notify_channel_id),
                claim=messages.CLAIM_MODE_WORDS[str(group.claim_mode)],
                warn=describe_seconds(group.inactivity_warn_seconds)
                if group.inactivity_warn_seconds
                else messages.NONE,
            ),
            1024,
        ),
        inline=False,
    )
    embed.add_field(name=messages.FIELD_NAME_TEMPLATE, value=clip(f"`{group.name_template}`", 1024))
    embed.add_field(name=messages.FIELD_USER_LIMIT, value=str(group.user_limit or messages.NONE))
    embed.add_field(name=messages.FIELD_COOLDOWN, value=describe_seconds(group.cooldown_seconds))
    embed.add_field(name=messages.FIELD_DAILY_LIMIT, value=str(group.daily_limit or messages.NONE))
    embed.add_field(
        name=messages.FIELD_RETENTION,
        value=describe_seconds(group.closed_retention_seconds)
        if group.closed_retention_seconds
        else messages.KEPT,
    )
    embed.add_field(name=messages.FIELD_OWNER_MAY_CLOSE, value=_yes(group.owner_can_close))
    embed.add_field(name=messages.FIELD_CLOSE_ON_LEAVE, value=_yes(group.close_on_owner_leave))
    inactivity = describe_seconds(group.inactivity_close_seconds or 0)
    if group.inactivity_close_seconds and group.inactivity_owner_only:
        inactivity += messages.OWNER_MESSAGES_ONLY
    embed.add_field(name=messages.FIELD_INACTIVITY, value=inactivity)
    embed.add_field(
        name=messages.FIELD_SCHEDULE,
        value=clip(
            messages.GROUP_SCHEDULE.format(
                schedule=group.schedule.describe() if group.schedule else messages.ALWAYS_OPEN,
                out_of_hours=group.out_of_hours,
            ),
            1024,
        ),
        inline=False,
    )
    embed.add_field(
        name=messages.FIELD_PRIORITY_LEVELS,
        value=clip(describe_levels(group.priority_levels), 1024),
        inline=False,
    )
    embed.add_field(
        name=messages.FIELD_RATING_LEVELS,
        value=clip(describe_levels(group.rating_levels), 1024),
        inline=False,
    )
    form = "\n".join(
        f"{i + 1}. {f.label} ({messages.FIELD_KIND_WORDS[f.kind]}{messages.OPTIONAL_SUFFIX if not f.required else ''})"
        for i, f in enumerate(group.form_fields)
    )
    embed.add_field(
        name=clip(messages.FIELD_FORM_TITLED.format(title=group.form_title or group.name), 256),
        value=clip(form or messages.NO_FORM, 1024),
        inline=False,
    )
    embed.add_field(
        name=messages.FIELD_OPENING_MESSAGE,
        value=clip(group.opening_message or messages.THE_DEFAULT, 1024),
        inline=False,
    )
    embed.set_footer(text=messages.GROUP_ID.format(id=group.id))
    return embed


def groups_embed(groups: list[TicketGroup], default_id: int | None) -> discord.Embed:
    embed = discord.Embed(title=messages.GROUPS_TITLE, colour=discord.Colour.blurple())
    lines = [
        f"**{clip(g.name, 60)}**{messages.DEFAULT_MARK if g.id == default_id else ''} · {g.mode} · "
        + messages.GROUP_LINE.format(limit=g.user_limit or messages.NONE, fields=len(g.form_fields))
        for g in groups
    ]
    embed.description = clip("\n".join(lines) or messages.NO_GROUPS_YET, 4096)
    return embed


def panels_embed(panels: list[Panel]) -> discord.Embed:
    embed = discord.Embed(title=messages.PANELS_TITLE, colour=discord.Colour.blurple())
    lines = [
        f"**{clip(p.name, 60)}** · {messages.PANEL_KIND_WORDS[p.kind]} · "
        + messages.ENTRIES.format(count=len(p.entries))
        + " · "
        + (messages.POSTED_IN.format(channel=f"<#{p.channel_id}>") if p.message_id else messages.NOT_POSTED)
        for p in panels
    ]
    embed.description = clip("\n".join(lines) or messages.NO_PANELS_YET, 4096)
    return embed

"""How ``/tickets status``, ``/tickets stats`` and ``/tickets settings`` read in Discord."""

from __future__ import annotations

import discord
from babel.numbers import format_decimal

from bot import i18n, messages
from bot.domain.models import GuildConfig, TicketStatus
from bot.domain.stats import Stats, median_duration
from bot.domain.status import StatusReport
from bot.domain.text import clip, discord_time
from bot.i18n import babel_locale
from storage.blacklist import Entry

CHART_NAME = "tickets-per-day.png"


def roles_text(config: GuildConfig) -> tuple[str, str]:
    """(ticket admins, staff) as they read in a reply."""
    admins = ", ".join(f"<@&{r}>" for r in config.admin_role_ids) or messages.MANAGE_SERVER_ONLY
    staff = ", ".join(f"<@&{r}>" for r in config.staff_role_ids) or messages.GROUP_SUPPORT_ROLES
    return admins, staff


def settings_saved(config: GuildConfig, language: str) -> str:
    """What was saved; ``language`` is the one the server's public messages are in now."""
    admins, staff = roles_text(config)
    log = f"<#{config.log_channel_id}>" if config.log_channel_id else messages.NONE
    named = i18n.native_name(language)
    if config.language is None:
        named = messages.LANGUAGE_FOLLOWS_SERVER.format(language=named)
    return messages.SETTINGS_SAVED.format(admins=admins, staff=staff, log=log, language=named)


def status_embed(report: StatusReport) -> discord.Embed:
    embed = discord.Embed(title=messages.STATUS_TITLE, colour=discord.Colour.blurple())
    config = report.config
    embed.add_field(
        name=messages.FIELD_MODULE,
        value=messages.STATUS_ENABLED if config.enabled else messages.STATUS_DISABLED,
    )
    counts = report.ticket_counts
    embed.add_field(
        name=messages.FIELD_TICKETS,
        value=messages.STATUS_TICKETS.format(
            open=counts[TicketStatus.OPEN],
            closed=counts[TicketStatus.CLOSED],
            deleted=counts[TicketStatus.DELETED],
        ),
    )
    embed.add_field(
        name=messages.FIELD_CHANNELS, value=messages.STATUS_CHANNELS.format(count=report.channels)
    )
    admins, staff = roles_text(config)
    embed.add_field(name=messages.FIELD_ADMINS_STAFF, value=clip(f"{admins} · {staff}", 1024), inline=False)
    embed.add_field(
        name=messages.FIELD_MISSING_PERMISSIONS,
        value=", ".join(report.missing_permissions)
        if report.missing_permissions
        else messages.STATUS_ALL_PERMISSIONS,
        inline=False,
    )
    embed.add_field(
        name=messages.FIELD_GROUPS, value=clip("\n".join(report.groups) or messages.NONE, 1024), inline=False
    )
    embed.add_field(
        name=messages.FIELD_PANELS, value=clip("\n".join(report.panels) or messages.NONE, 1024), inline=False
    )
    embed.add_field(
        name=messages.FIELD_PROBLEMS,
        value=clip("\n".join(f"• {n}" for n in report.notes) or messages.NONE_FOUND, 1024),
        inline=False,
    )
    return embed


def stats_embed(stats: Stats) -> discord.Embed:
    rows = stats.rows
    embed = discord.Embed(
        title=messages.STATS_TITLE.format(period=stats.period), colour=discord.Colour.blurple()
    )
    embed.add_field(name=messages.FIELD_OPEN_NOW, value=str(rows.open_now))
    embed.add_field(name=messages.FIELD_OPENED_COUNT, value=str(rows.created))
    embed.add_field(name=messages.FIELD_CLOSED_COUNT, value=str(rows.closed))
    embed.add_field(name=messages.FIELD_FIRST_RESPONSE, value=median_duration(rows.first_response_seconds))
    embed.add_field(name=messages.FIELD_TIME_TO_CLOSE, value=median_duration(rows.resolution_seconds))
    summary = stats.ratings
    if summary.count:
        spread = " · ".join(f"{level + 1}: {count}" for level, count in summary.distribution.items())
        embed.add_field(
            name=messages.FIELD_RATINGS,
            value=messages.RATINGS_SUMMARY.format(
                count=summary.count,
                average=format_decimal(summary.average, format="0.00", locale=babel_locale()),
                spread=spread,
            ),
        )
    else:
        embed.add_field(name=messages.FIELD_RATINGS, value=messages.NONE)
    groups = [
        messages.STATS_GROUP_LINE.format(
            group=clip(stats.group_names.get(g, messages.DELETED_GROUP), 40), created=c, closed=x, open=o
        )
        for g, c, x, o in rows.per_group
    ]
    embed.add_field(name=messages.FIELD_PER_GROUP, value=clip("\n".join(groups) or "—", 1024), inline=False)
    staff = [
        messages.STATS_STAFF_LINE.format(user=f"<@{uid}>", closed=closes, claimed=claims, first=first)
        for uid, closes, claims, first in rows.per_staff[:15]
    ]
    embed.add_field(name=messages.FIELD_PER_STAFF, value=clip("\n".join(staff) or "—", 1024), inline=False)
    if stats.chart:
        embed.set_image(url=f"attachment://{CHART_NAME}")
    return embed


def blacklist_embed(entries: list[Entry]) -> discord.Embed:
    lines = [
        messages.BLACKLIST_LINE.format(
            target=f"<@&{e.target_id}>" if e.kind == "role" else f"<@{e.target_id}>",
            reason=clip(e.reason or messages.NO_REASON, 200),
            shown=messages.BLACKLIST_REASON_SHOWN if e.reason_shown and e.reason else "",
            until=discord_time(e.expires_at, "f") if e.expires_at else messages.UNTIL_REMOVED,
        )
        for e in entries
    ]
    return discord.Embed(
        title=messages.BLACKLIST_TITLE,
        description=clip("\n".join(lines) or messages.BLACKLIST_EMPTY, 4096),
        colour=discord.Colour.dark_red(),
    )

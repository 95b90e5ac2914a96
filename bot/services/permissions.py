"""Every permission fact in one place: what a ticket's people may do, and what the bot itself needs.

Opening (a new channel), channel upkeep (an existing one) and ``/tickets setup`` (its categories) all
build their overwrites here. The allow-sets are fixed and minimal: members never get a Manage
permission or Mention Everyone.
"""

from __future__ import annotations

from collections.abc import Iterable

import discord

from bot import messages
from bot.domain.models import ClaimMode, GuildConfig, TicketGroup
from bot.errors import MissingDiscordPermission

MEMBER_ALLOW = dict(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    read_message_history=True,
    attach_files=True,
    embed_links=True,
    add_reactions=True,
)
STAFF_ALLOW = MEMBER_ALLOW
BOT_ALLOW = dict(MEMBER_ALLOW, manage_channels=True, manage_messages=True)
READ_ONLY = dict(
    view_channel=True,
    read_message_history=True,
    send_messages=False,
    send_messages_in_threads=False,
    add_reactions=False,
)

# What the bot needs guild-wide to run tickets in both modes, and where tickets live.
REQUIRED_PERMISSIONS = discord.Permissions(
    view_channel=True,
    manage_channels=True,
    manage_roles=True,
    manage_threads=True,
    create_private_threads=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    attach_files=True,
    read_message_history=True,
    manage_webhooks=True,
)
CATEGORY_NEEDS = discord.Permissions(view_channel=True, manage_channels=True, manage_roles=True)
PARENT_NEEDS = discord.Permissions(
    view_channel=True, create_private_threads=True, send_messages_in_threads=True, manage_threads=True
)

# Creating a ticket channel grants these in its overwrites, and Discord only lets the bot grant what it has.
TICKET_CHANNEL_NEEDS = discord.Permissions(CATEGORY_NEEDS.value | discord.Permissions(**BOT_ALLOW).value)

Overwrites = dict[discord.abc.Snowflake, discord.PermissionOverwrite]
Place = discord.abc.GuildChannel | discord.Guild


def explain_forbidden(
    refused: discord.Forbidden, place: Place, need: discord.Permissions
) -> MissingDiscordPermission:
    """Discord said no in ``place``: name the permissions the bot lacks there (and where), if it can tell."""
    guild = place if isinstance(place, discord.Guild) else place.guild
    me = guild.me
    have = (
        (place.me.guild_permissions if isinstance(place, discord.Guild) else place.permissions_for(me))
        if me
        else None
    )
    where = messages.THE_SERVER if isinstance(place, discord.Guild) else place.mention
    lacking = missing_permissions(have, need) if have is not None else []
    if lacking:
        names = ", ".join(messages.permission_name(name) for name in lacking)
        return MissingDiscordPermission(messages.BOT_LACKS.format(permissions=names, place=where))
    return MissingDiscordPermission(
        messages.DISCORD_FORBIDDEN_IN.format(place=where, detail=refused.text or "403")
    )


def missing_permissions(
    have: discord.Permissions, need: discord.Permissions = REQUIRED_PERMISSIONS
) -> list[str]:
    """Names of the permissions in ``need`` that ``have`` lacks (none when Administrator)."""
    if have.administrator:
        return []
    return [name for name, wanted in need if wanted and not getattr(have, name)]


def ping_targets(guild: discord.Guild, group: TicketGroup) -> list[discord.Role]:
    """The roles pinged about the group's new tickets: its ping roles, else its support roles (those that
    still exist)."""
    ids = group.ping_role_ids if group.ping_role_ids is not None else group.support_role_ids
    return [role for rid in ids if (role := guild.get_role(rid)) is not None]


def unpingable(guild: discord.Guild, roles: list[discord.Role]) -> list[discord.Role]:
    """Roles a ping would not reach: Discord notifies a role only when it is mentionable or the bot may
    mention every role."""
    me = guild.me
    if me is not None and (me.guild_permissions.mention_everyone or me.guild_permissions.administrator):
        return []
    return [role for role in roles if not role.mentionable]


def staff_roles(guild: discord.Guild, group: TicketGroup, config: GuildConfig) -> list[discord.Role]:
    """The roles that work the group's tickets: its support roles and the server's staff roles."""
    ids = list(dict.fromkeys([*group.support_role_ids, *config.staff_role_ids]))
    return [role for role in (guild.get_role(i) for i in ids) if role is not None]


def _base(guild: discord.Guild, roles: Iterable[discord.Role]) -> Overwrites:
    """Hidden from everyone; the bot and the given staff roles allowed."""
    overwrites: Overwrites = {
        guild.default_role: discord.PermissionOverwrite(view_channel=False),
        guild.me: discord.PermissionOverwrite(**BOT_ALLOW),
    }
    for role in roles:
        overwrites[role] = discord.PermissionOverwrite(**STAFF_ALLOW)
    return overwrites


def ticket_overwrites(
    guild: discord.Guild,
    group: TicketGroup,
    config: GuildConfig,
    people: Iterable[int],
    *,
    writable: bool = True,
    claimed_by: int | None = None,
) -> Overwrites:
    """A ticket channel's overwrites: staff and the bot allowed; the owner and added ``people`` may write
    only while ``writable`` (an open, unlocked ticket).

    Claimed by ``claimed_by`` in a group whose claim mode is exclusive, the other staff roles may only
    read (hidden: not see it); the claimer and the ticket admins' roles keep full access.
    """
    overwrites = _base(guild, staff_roles(guild, group, config))
    if claimed_by is not None and group.claim_mode is not ClaimMode.LABEL:
        others = (
            discord.PermissionOverwrite(**READ_ONLY)
            if group.claim_mode is ClaimMode.EXCLUSIVE
            else discord.PermissionOverwrite(view_channel=False)
        )
        for role in staff_roles(guild, group, config):
            overwrites[role] = others
        for role in (guild.get_role(r) for r in config.admin_role_ids):
            if role is not None:
                overwrites[role] = discord.PermissionOverwrite(**STAFF_ALLOW)
        overwrites[discord.Object(claimed_by, type=discord.Member)] = discord.PermissionOverwrite(
            **STAFF_ALLOW
        )
    allow = MEMBER_ALLOW if writable else READ_ONLY
    for user_id in people:
        overwrites[discord.Object(user_id, type=discord.Member)] = discord.PermissionOverwrite(**allow)
    return overwrites


def category_overwrites(guild: discord.Guild, support_role: discord.Role) -> Overwrites:
    """A ticket category made by ``/tickets setup``: hidden, the bot and the support role allowed."""
    return _base(guild, [support_role])

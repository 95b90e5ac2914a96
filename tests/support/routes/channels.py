"""Guild channels: list, create, fetch, edit, delete, and permission overwrites."""

from __future__ import annotations

from typing import Any

from tests.support import limits
from tests.support.fake_discord import (
    CATEGORY,
    CATEGORY_LIMIT,
    GUILD_CHANNEL_LIMIT,
    MANAGE_CHANNELS,
    MANAGE_ROLES,
    MANAGE_THREADS,
    TEXT,
    THREAD_TYPES,
    VIEW,
    DiscordError,
    FakeDiscord,
    Handler,
    invalid,
)
from tests.support.routes.common import Body, bot_id, rename_allowed
from tests.support.routes.threads import edit_thread


def list_channels(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return list(fake.guild(int(v["guild_id"])).channels.values())


def create_channel(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(int(v["guild_id"]))
    fake._require(guild, None, MANAGE_CHANNELS, "manage_channels")
    try:
        limits.check_channel_name(body.get("name"))
    except limits.PayloadError as exc:
        raise invalid(str(exc)) from None
    ctype = int(body.get("type", TEXT))
    parent_id = body.get("parent_id")
    if len(guild.channels) >= GUILD_CHANNEL_LIMIT:
        raise DiscordError(400, 30013, "Maximum number of guild channels reached (500)")
    if parent_id is not None:
        parent = guild.channels.get(int(parent_id))
        if parent is None or parent["type"] != CATEGORY:
            raise invalid("parent_id: not a category")
        children = [c for c in guild.channels.values() if c.get("parent_id") == str(parent_id)]
        if len(children) >= CATEGORY_LIMIT:
            raise invalid("parent_id: Maximum number of channels in category reached (50)")
    overwrites = body.get("permission_overwrites") or []
    fake._check_overwrites(guild, None if parent_id is None else int(parent_id), overwrites)
    if body.get("topic") is not None and len(body["topic"]) > limits.CHANNEL_TOPIC:
        raise invalid("topic: too long")
    return fake.add_channel(
        guild.id,
        body["name"],
        type=ctype,
        parent_id=None if parent_id is None else int(parent_id),
        overwrites=[
            {
                "id": str(o["id"]),
                "type": int(o.get("type", 0)),
                "allow": str(o.get("allow", 0)),
                "deny": str(o.get("deny", 0)),
            }
            for o in overwrites
        ],
        topic=body.get("topic"),
    )


def get_channel(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.channel_or_dm(int(v["channel_id"]))
    if guild is not None:
        if not fake.permissions(guild, bot_id(fake), int(channel["id"])) & VIEW:
            raise DiscordError(403, 50001, "Missing Access")
        if channel["type"] in THREAD_TYPES:
            return fake._thread_for(channel, bot_id(fake))
    return channel


def edit_channel(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    channel_id = int(v["channel_id"])
    guild, channel = fake.find_channel(channel_id)
    if channel["type"] in THREAD_TYPES:
        return edit_thread(fake, guild, channel, body)
    fake._require(guild, channel_id, MANAGE_CHANNELS, "manage_channels")
    if (
        "name" in body
        and body["name"] != channel["name"]
        or "topic" in body
        and body["topic"] != channel.get("topic")
    ):
        rename_allowed(fake, channel_id)
    if "name" in body:
        try:
            limits.check_channel_name(body["name"])
        except limits.PayloadError as exc:
            raise invalid(str(exc)) from None
        channel["name"] = (
            limits.normalise_text_channel_name(body["name"]) if channel["type"] == TEXT else body["name"]
        )
    if "topic" in body:
        channel["topic"] = body["topic"]
    if "parent_id" in body:
        parent_id = body["parent_id"]
        if parent_id is not None:
            parent = guild.channels.get(int(parent_id))
            if parent is None or parent["type"] != CATEGORY:
                raise invalid("parent_id: not a category")
            children = [
                c
                for c in guild.channels.values()
                if c.get("parent_id") == str(parent_id) and c["id"] != channel["id"]
            ]
            if len(children) >= CATEGORY_LIMIT:
                raise invalid("parent_id: Maximum number of channels in category reached (50)")
        channel["parent_id"] = None if parent_id is None else str(parent_id)
        if body.get("lock_permissions") and parent_id is not None:
            channel["permission_overwrites"] = [
                dict(o) for o in guild.channels[int(parent_id)]["permission_overwrites"]
            ]
    if "permission_overwrites" in body:
        fake._require(guild, channel_id, MANAGE_ROLES, "manage_roles")
        overwrites = body["permission_overwrites"] or []
        fake._check_overwrites(guild, channel_id, overwrites)
        channel["permission_overwrites"] = [
            {
                "id": str(o["id"]),
                "type": int(o.get("type", 0)),
                "allow": str(o.get("allow", 0)),
                "deny": str(o.get("deny", 0)),
            }
            for o in overwrites
        ]
    for key in ("position", "nsfw", "rate_limit_per_user"):
        if key in body:
            channel[key] = body[key]
    fake.emit("CHANNEL_UPDATE", channel)
    return channel


def delete_channel(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    channel_id = int(v["channel_id"])
    guild, channel = fake.find_channel(channel_id)
    need = MANAGE_THREADS if channel["type"] in THREAD_TYPES else MANAGE_CHANNELS
    fake._require(guild, channel_id, need, "manage_threads" if need == MANAGE_THREADS else "manage_channels")
    fake.delete_channel(channel_id)
    return channel


def put_overwrite(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    channel_id = int(v["channel_id"])
    guild, channel = fake.find_channel(channel_id)
    fake._require(guild, channel_id, MANAGE_ROLES, "manage_roles")
    overwrite = {
        "id": v["target"],
        "type": int(body.get("type", 0)),
        "allow": str(body.get("allow", 0)),
        "deny": str(body.get("deny", 0)),
    }
    fake._check_overwrites(guild, channel_id, [overwrite])
    channel["permission_overwrites"] = [o for o in channel["permission_overwrites"] if o["id"] != v["target"]]
    channel["permission_overwrites"].append(overwrite)
    fake.emit("CHANNEL_UPDATE", channel)


def delete_overwrite(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    channel_id = int(v["channel_id"])
    guild, channel = fake.find_channel(channel_id)
    fake._require(guild, channel_id, MANAGE_ROLES, "manage_roles")
    channel["permission_overwrites"] = [o for o in channel["permission_overwrites"] if o["id"] != v["target"]]
    fake.emit("CHANNEL_UPDATE", channel)


ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", "/guilds/{guild_id}/channels", list_channels),
    ("POST", "/guilds/{guild_id}/channels", create_channel),
    ("GET", "/channels/{channel_id}", get_channel),
    ("PATCH", "/channels/{channel_id}", edit_channel),
    ("DELETE", "/channels/{channel_id}", delete_channel),
    ("PUT", "/channels/{channel_id}/permissions/{target}", put_overwrite),
    ("DELETE", "/channels/{channel_id}/permissions/{target}", delete_overwrite),
]

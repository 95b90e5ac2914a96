"""The simulated Discord's REST routes. Each handler: (fake, path values, JSON body, uploads, query)."""

from __future__ import annotations

import secrets
import time
from typing import TYPE_CHECKING, Any

from tests.support import limits
from tests.support.fake_discord import (
    ATTACH,
    CATEGORY,
    CATEGORY_LIMIT,
    CREATE_PRIVATE_THREADS,
    CREATE_PUBLIC_THREADS,
    EPHEMERAL,
    FORUM,
    GUILD_CHANNEL_LIMIT,
    LOADING,
    MANAGE_CHANNELS,
    MANAGE_MESSAGES,
    MANAGE_ROLES,
    MANAGE_THREADS,
    MANAGE_WEBHOOKS,
    NEWS,
    PRIVATE_THREAD,
    PUBLIC_THREAD,
    READ_HISTORY,
    RENAME_WINDOW,
    RENAMES_PER_WINDOW,
    SEND,
    SEND_THREADS,
    TEXT,
    THREAD_TYPES,
    VIEW,
    DiscordError,
    FakeDiscord,
    GuildWorld,
    InteractionRecord,
    Upload,
    forbidden,
    invalid,
    not_found,
    route,
)

if TYPE_CHECKING:
    Body = dict[str, Any]


def _int(value: Any) -> int:
    return int(value)


def _validate_message(body: dict[str, Any], uploads: list[Upload]) -> None:
    try:
        limits.check_message(body, files=len(uploads))
    except limits.PayloadError as exc:
        raise invalid(str(exc)) from None
    if (
        not body.get("content")
        and not body.get("embeds")
        and not uploads
        and not body.get("components")
        and not body.get("poll")
        and not body.get("sticker_ids")
    ):
        raise DiscordError(400, 50006, "Cannot send an empty message")


def _bot_id(fake: FakeDiscord) -> int:
    return int(fake.bot_user["id"])


# -- users, application, commands ----------------------------------------------------------------


@route("GET", "/users/@me")
def get_me(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return fake.bot_user


@route("GET", "/oauth2/applications/@me")
def get_application(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    owner = next(iter(fake.users.values()))
    return {
        "id": str(fake.application_id),
        "name": "TicketDesk",
        "description": "",
        "icon": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": owner,
        "verify_key": "0" * 64,
        "flags": 0,
        "team": None,
        "rpc_origins": [],
        "interactions_endpoint_url": None,
        "bot": fake.bot_user,
    }


def _store_commands(fake: FakeDiscord, scope: str, commands: list[dict[str, Any]]) -> list[dict[str, Any]]:
    previous = {(c["type"], c["name"]): c["id"] for c in fake.commands.get(scope, [])}
    stored = []
    for command in commands:
        command = dict(command)
        command.setdefault("type", 1)
        command.setdefault("description", "")
        command["id"] = previous.get((command["type"], command["name"])) or str(fake.snowflake())
        command["application_id"] = str(fake.application_id)
        command["version"] = str(fake.snowflake())
        if scope != "global":
            command["guild_id"] = scope
        stored.append(command)
    fake.commands[scope] = stored
    fake.sync_calls.append(scope)
    return stored


@route("PUT", "/applications/{application_id}/commands")
def put_global_commands(fake: FakeDiscord, v: dict, body: Any, up: list, q: dict) -> Any:
    return _store_commands(fake, "global", list(body))


@route("PUT", "/applications/{application_id}/guilds/{guild_id}/commands")
def put_guild_commands(fake: FakeDiscord, v: dict, body: Any, up: list, q: dict) -> Any:
    return _store_commands(fake, v["guild_id"], list(body))


@route("GET", "/applications/{application_id}/commands")
def get_global_commands(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return fake.commands.get("global", [])


@route("GET", "/applications/{application_id}/guilds/{guild_id}/commands")
def get_guild_commands(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return fake.commands.get(v["guild_id"], [])


# -- guilds, members, roles -------------------------------------------------------------------------


@route("GET", "/guilds/{guild_id}")
def get_guild(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(_int(v["guild_id"]))
    payload = fake.guild_payload(guild)
    for key in ("members", "channels", "threads", "presences", "voice_states"):
        payload.pop(key, None)
    return payload


@route("GET", "/users/{user_id}")
def get_user(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    user = fake.users.get(_int(v["user_id"]))
    if user is None:
        raise not_found("User", 10013)
    return user


@route("DELETE", "/users/@me/guilds/{guild_id}")
def leave_guild(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    fake.guild(_int(v["guild_id"]))
    fake.remove_guild(_int(v["guild_id"]))
    return None


@route("GET", "/guilds/{guild_id}/members/{member_id}")
def get_member(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(_int(v["guild_id"]))
    return fake.member(guild, _int(v["member_id"]))


@route("GET", "/guilds/{guild_id}/members")
def list_members(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(_int(v["guild_id"]))
    after = int(q.get("after", 0))
    limit = int(q.get("limit", 1))
    members = sorted(
        (m for uid, m in guild.members.items() if uid > after), key=lambda m: int(m["user"]["id"])
    )
    return members[:limit]


@route("PATCH", "/guilds/{guild_id}/members/{user_id}")
def edit_member(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(_int(v["guild_id"]))
    member = fake.member(guild, _int(v["user_id"]))
    if "roles" in body:
        fake._require(guild, None, MANAGE_ROLES, "manage_roles")
        member["roles"] = [str(r) for r in body["roles"]]
    if "nick" in body:
        member["nick"] = body["nick"]
    fake.emit("GUILD_MEMBER_UPDATE", {"guild_id": str(guild.id), **member})
    return member


def _member_role(fake: FakeDiscord, v: dict, add: bool) -> None:
    guild = fake.guild(_int(v["guild_id"]))
    fake._require(guild, None, MANAGE_ROLES, "manage_roles")
    member = fake.member(guild, _int(v["user_id"]))
    if _int(v["role_id"]) not in guild.roles:
        raise not_found("Role", 10011)
    roles = [r for r in member["roles"] if r != v["role_id"]]
    if add:
        roles.append(v["role_id"])
    member["roles"] = roles
    fake.emit("GUILD_MEMBER_UPDATE", {"guild_id": str(guild.id), **member})


@route("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}")
def add_member_role(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    _member_role(fake, v, True)


@route("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}")
def remove_member_role(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    _member_role(fake, v, False)


@route("GET", "/guilds/{guild_id}/roles")
def list_roles(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return list(fake.guild(_int(v["guild_id"])).roles.values())


@route("POST", "/guilds/{guild_id}/roles")
def create_role(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(_int(v["guild_id"]))
    fake._require(guild, None, MANAGE_ROLES, "manage_roles")
    perms = int(body.get("permissions", 0))
    bot_perms = fake.base_permissions(guild, _bot_id(fake))
    if perms & ~bot_perms:
        raise forbidden("role permissions the bot lacks")
    role = fake.add_role(guild.id, body.get("name") or "new role", perms)
    for key in ("color", "hoist", "mentionable"):
        if key in body:
            role[key] = body[key]
    return role


@route("PATCH", "/guilds/{guild_id}/roles/{role_id}")
def edit_role(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(_int(v["guild_id"]))
    fake._require(guild, None, MANAGE_ROLES, "manage_roles")
    role = guild.roles.get(_int(v["role_id"]))
    if role is None:
        raise not_found("Role", 10011)
    for key in ("name", "color", "hoist", "mentionable"):
        if key in body:
            role[key] = body[key]
    if "permissions" in body:
        role["permissions"] = str(body["permissions"])
    fake.emit("GUILD_ROLE_UPDATE", {"guild_id": str(guild.id), "role": role})
    return role


@route("DELETE", "/guilds/{guild_id}/roles/{role_id}")
def delete_role(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(_int(v["guild_id"]))
    fake._require(guild, None, MANAGE_ROLES, "manage_roles")
    if guild.roles.pop(_int(v["role_id"]), None) is None:
        raise not_found("Role", 10011)
    for member in guild.members.values():
        member["roles"] = [r for r in member["roles"] if r != v["role_id"]]
    fake.emit("GUILD_ROLE_DELETE", {"guild_id": str(guild.id), "role_id": v["role_id"]})


# -- channels ---------------------------------------------------------------------------------------


@route("GET", "/guilds/{guild_id}/channels")
def list_channels(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return list(fake.guild(_int(v["guild_id"])).channels.values())


@route("GET", "/guilds/{guild_id}/threads/active")
def active_threads(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(_int(v["guild_id"]))
    threads = [
        fake._thread_for(t, _bot_id(fake))
        for t in guild.threads.values()
        if not t["thread_metadata"]["archived"]
    ]
    members = [
        {
            "id": t["id"],
            "user_id": str(_bot_id(fake)),
            "join_timestamp": guild.thread_members[int(t["id"])][_bot_id(fake)],
            "flags": 0,
        }
        for t in threads
        if _bot_id(fake) in guild.thread_members.get(int(t["id"]), {})
    ]
    return {"threads": threads, "members": members}


def _archived_threads(fake: FakeDiscord, v: dict, q: dict, kind: int) -> Any:
    guild, parent = fake.find_channel(_int(v["channel_id"]))
    fake._require(
        guild,
        int(parent["id"]),
        READ_HISTORY | (MANAGE_THREADS if kind == PRIVATE_THREAD else 0),
        "read archived threads",
    )
    threads = [
        fake._thread_for(t, _bot_id(fake))
        for t in guild.threads.values()
        if t["parent_id"] == parent["id"] and t["type"] == kind and t["thread_metadata"]["archived"]
    ]
    threads.sort(key=lambda t: t["thread_metadata"]["archive_timestamp"], reverse=True)
    limit = int(q.get("limit", 50))
    return {"threads": threads[:limit], "members": [], "has_more": len(threads) > limit}


@route("GET", "/channels/{channel_id}/threads/archived/private")
def archived_private(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return _archived_threads(fake, v, q, PRIVATE_THREAD)


@route("GET", "/channels/{channel_id}/threads/archived/public")
def archived_public(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return _archived_threads(fake, v, q, PUBLIC_THREAD)


@route("POST", "/guilds/{guild_id}/channels")
def create_channel(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(_int(v["guild_id"]))
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
        parent = guild.channels.get(_int(parent_id))
        if parent is None or parent["type"] != CATEGORY:
            raise invalid("parent_id: not a category")
        children = [c for c in guild.channels.values() if c.get("parent_id") == str(parent_id)]
        if len(children) >= CATEGORY_LIMIT:
            raise invalid("parent_id: Maximum number of channels in category reached (50)")
    overwrites = body.get("permission_overwrites") or []
    fake._check_overwrites(guild, None if parent_id is None else _int(parent_id), overwrites)
    if body.get("topic") is not None and len(body["topic"]) > limits.CHANNEL_TOPIC:
        raise invalid("topic: too long")
    return fake.add_channel(
        guild.id,
        body["name"],
        type=ctype,
        parent_id=None if parent_id is None else _int(parent_id),
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


@route("GET", "/channels/{channel_id}")
def get_channel(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.channel_or_dm(_int(v["channel_id"]))
    if guild is not None:
        if not fake.permissions(guild, _bot_id(fake), int(channel["id"])) & VIEW:
            raise DiscordError(403, 50001, "Missing Access")
        if channel["type"] in THREAD_TYPES:
            return fake._thread_for(channel, _bot_id(fake))
    return channel


def _rename_allowed(fake: FakeDiscord, channel_id: int) -> None:
    """Discord's unpublished limit: about two name or topic edits per channel per ten minutes."""
    now = fake.rename_clock()
    recent = [t for t in fake.renames.get(channel_id, []) if now - t < RENAME_WINDOW]
    if len(recent) >= RENAMES_PER_WINDOW:
        retry = RENAME_WINDOW - (now - recent[0])
        fake.violations.append(f"rate limited: channel {channel_id} edited more than twice in ten minutes")
        raise DiscordError(429, 0, "You are being rate limited.", retry_after=round(retry, 3))
    recent.append(now)
    fake.renames[channel_id] = recent


@route("PATCH", "/channels/{channel_id}")
def edit_channel(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    channel_id = _int(v["channel_id"])
    guild, channel = fake.find_channel(channel_id)
    if channel["type"] in THREAD_TYPES:
        return _edit_thread(fake, guild, channel, body)
    fake._require(guild, channel_id, MANAGE_CHANNELS, "manage_channels")
    if (
        "name" in body
        and body["name"] != channel["name"]
        or "topic" in body
        and body["topic"] != channel.get("topic")
    ):
        _rename_allowed(fake, channel_id)
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
            parent = guild.channels.get(_int(parent_id))
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
                dict(o) for o in guild.channels[_int(parent_id)]["permission_overwrites"]
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


def _edit_thread(fake: FakeDiscord, guild: GuildWorld, thread: dict[str, Any], body: Body) -> Any:
    tid = int(thread["id"])
    perms = fake.permissions(guild, _bot_id(fake), tid)
    owner = thread["owner_id"] == str(_bot_id(fake))
    meta = thread["thread_metadata"]
    if ("locked" in body or "invitable" in body) and not perms & MANAGE_THREADS:
        raise forbidden("manage_threads")
    if not (perms & MANAGE_THREADS or owner):
        raise forbidden("manage_threads")
    if meta.get("locked") and meta.get("archived") and not perms & MANAGE_THREADS:
        raise forbidden("thread is locked")
    if "name" in body and body["name"] != thread["name"]:
        _rename_allowed(fake, tid)
        try:
            limits.check_channel_name(body["name"])
        except limits.PayloadError as exc:
            raise invalid(str(exc)) from None
        thread["name"] = body["name"]
    for key in ("archived", "locked", "invitable", "auto_archive_duration"):
        if key in body:
            meta[key] = body[key]
    if "archived" in body:
        meta["archive_timestamp"] = fake.iso_now()
    if "rate_limit_per_user" in body:
        thread["rate_limit_per_user"] = body["rate_limit_per_user"]
    fake.emit("THREAD_UPDATE", fake._thread_for(thread, _bot_id(fake)))
    return fake._thread_for(thread, _bot_id(fake))


@route("DELETE", "/channels/{channel_id}")
def delete_channel(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    channel_id = _int(v["channel_id"])
    guild, channel = fake.find_channel(channel_id)
    need = MANAGE_THREADS if channel["type"] in THREAD_TYPES else MANAGE_CHANNELS
    fake._require(guild, channel_id, need, "manage_threads" if need == MANAGE_THREADS else "manage_channels")
    fake.delete_channel(channel_id)
    return channel


@route("PUT", "/channels/{channel_id}/permissions/{target}")
def put_overwrite(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    channel_id = _int(v["channel_id"])
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


@route("DELETE", "/channels/{channel_id}/permissions/{target}")
def delete_overwrite(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    channel_id = _int(v["channel_id"])
    guild, channel = fake.find_channel(channel_id)
    fake._require(guild, channel_id, MANAGE_ROLES, "manage_roles")
    channel["permission_overwrites"] = [o for o in channel["permission_overwrites"] if o["id"] != v["target"]]
    fake.emit("CHANNEL_UPDATE", channel)


# -- threads ------------------------------------------------------------------------------------------


def new_thread(
    fake: FakeDiscord,
    guild: GuildWorld,
    parent: dict[str, Any],
    name: str,
    ttype: int,
    *,
    owner_id: int,
    invitable: bool = True,
    auto_archive: int = 10080,
    thread_id: int | None = None,
) -> dict[str, Any]:
    tid = thread_id or fake.snowflake()
    thread = {
        "id": str(tid),
        "guild_id": str(guild.id),
        "parent_id": parent["id"],
        "owner_id": str(owner_id),
        "name": name,
        "type": ttype,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "message_count": 0,
        "member_count": 0,
        "total_message_sent": 0,
        "flags": 0,
        "applied_tags": [],
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": auto_archive,
            "archive_timestamp": fake.iso_now(),
            "locked": False,
            "invitable": invitable if ttype == PRIVATE_THREAD else True,
            "create_timestamp": fake.iso_now(),
        },
    }
    guild.threads[tid] = thread
    guild.thread_members[tid] = {owner_id: fake.iso_now()}
    fake.messages.setdefault(tid, [])
    fake.emit("THREAD_CREATE", {**fake._thread_for(thread, _bot_id(fake)), "newly_created": True})
    return thread


@route("POST", "/channels/{channel_id}/threads")
def create_thread(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, parent = fake.find_channel(_int(v["channel_id"]))
    name = body.get("name")
    try:
        limits.check_channel_name(name)
    except limits.PayloadError as exc:
        raise invalid(str(exc)) from None
    if parent["type"] == FORUM:
        fake._require(guild, int(parent["id"]), VIEW | SEND, "send_messages (forum post)")
        message_body = body.get("message") or {}
        _validate_message(message_body, up)
        thread = new_thread(
            fake,
            guild,
            parent,
            name,
            PUBLIC_THREAD,
            owner_id=_bot_id(fake),
            auto_archive=int(body.get("auto_archive_duration", 10080)),
        )
        thread["applied_tags"] = body.get("applied_tags") or []
        first = fake.build_message(int(thread["id"]), fake.bot_user, message_body, guild=guild, uploads=up)
        first["id"] = thread["id"]  # a forum post's starter message shares the thread's id
        fake.store_message(first)
        return {**fake._thread_for(thread, _bot_id(fake)), "message": first}
    if parent["type"] not in (TEXT, NEWS):
        raise invalid("threads need a text, news or forum channel")
    ttype = int(body.get("type", PRIVATE_THREAD))
    need = VIEW | (CREATE_PRIVATE_THREADS if ttype == PRIVATE_THREAD else CREATE_PUBLIC_THREADS)
    fake._require(guild, int(parent["id"]), need, "create threads")
    return fake._thread_for(
        new_thread(
            fake,
            guild,
            parent,
            name,
            ttype,
            owner_id=_bot_id(fake),
            invitable=bool(body.get("invitable", True)),
            auto_archive=int(body.get("auto_archive_duration", 10080)),
        ),
        _bot_id(fake),
    )


@route("POST", "/channels/{channel_id}/messages/{message_id}/threads")
def create_thread_from_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, parent = fake.find_channel(_int(v["channel_id"]))
    fake._require(guild, int(parent["id"]), VIEW | CREATE_PUBLIC_THREADS, "create_public_threads")
    message = fake.message_index.get(_int(v["message_id"]))
    if message is None or message["channel_id"] != parent["id"]:
        raise not_found("Message", 10008)
    thread = new_thread(
        fake,
        guild,
        parent,
        body.get("name", "thread"),
        PUBLIC_THREAD,
        owner_id=_bot_id(fake),
        thread_id=int(message["id"]),
    )
    return fake._thread_for(thread, _bot_id(fake))


def _thread_and_guild(fake: FakeDiscord, channel_id: int) -> tuple[GuildWorld, dict[str, Any]]:
    guild, thread = fake.find_channel(channel_id)
    if thread["type"] not in THREAD_TYPES:
        raise DiscordError(400, 50024, "Cannot execute action on this channel type")
    return guild, thread


@route("PUT", "/channels/{channel_id}/thread-members/{user_id}")
def add_thread_member(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, thread = _thread_and_guild(fake, _int(v["channel_id"]))
    tid, uid = int(thread["id"]), _int(v["user_id"])
    fake.member(guild, uid)
    perms = fake.permissions(guild, _bot_id(fake), tid)
    if not perms & VIEW:
        raise DiscordError(403, 50001, "Missing Access")
    if thread["thread_metadata"]["archived"]:
        raise DiscordError(400, 50083, "Thread is archived")
    if (
        thread["type"] == PRIVATE_THREAD
        and _bot_id(fake) not in guild.thread_members[tid]
        and not perms & MANAGE_THREADS
    ):
        raise forbidden("add to a private thread the bot is not in")
    if uid not in guild.thread_members[tid]:
        guild.thread_members[tid][uid] = fake.iso_now()
        fake.emit(
            "THREAD_MEMBERS_UPDATE",
            {
                "id": thread["id"],
                "guild_id": str(guild.id),
                "member_count": len(guild.thread_members[tid]),
                "added_members": [
                    {
                        "id": thread["id"],
                        "user_id": str(uid),
                        "join_timestamp": fake.iso_now(),
                        "flags": 0,
                        "member": fake.member(guild, uid),
                    }
                ],
            },
        )


@route("PUT", "/channels/{channel_id}/thread-members/@me")
def join_thread(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return add_thread_member(
        fake, {"channel_id": v["channel_id"], "user_id": str(_bot_id(fake))}, body, up, q
    )


@route("DELETE", "/channels/{channel_id}/thread-members/{user_id}")
def remove_thread_member(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, thread = _thread_and_guild(fake, _int(v["channel_id"]))
    tid, uid = int(thread["id"]), _int(v["user_id"])
    perms = fake.permissions(guild, _bot_id(fake), tid)
    if uid != _bot_id(fake) and not perms & MANAGE_THREADS and thread["owner_id"] != str(_bot_id(fake)):
        raise forbidden("manage_threads")
    if thread["thread_metadata"]["archived"]:
        raise DiscordError(400, 50083, "Thread is archived")
    if guild.thread_members[tid].pop(uid, None) is not None:
        fake.emit(
            "THREAD_MEMBERS_UPDATE",
            {
                "id": thread["id"],
                "guild_id": str(guild.id),
                "member_count": len(guild.thread_members[tid]),
                "removed_member_ids": [str(uid)],
            },
        )


@route("DELETE", "/channels/{channel_id}/thread-members/@me")
def leave_thread(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return remove_thread_member(
        fake, {"channel_id": v["channel_id"], "user_id": str(_bot_id(fake))}, body, up, q
    )


@route("GET", "/channels/{channel_id}/thread-members")
def list_thread_members(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, thread = _thread_and_guild(fake, _int(v["channel_id"]))
    return [
        {"id": thread["id"], "user_id": str(uid), "join_timestamp": joined, "flags": 0}
        for uid, joined in guild.thread_members[int(thread["id"])].items()
    ]


@route("GET", "/channels/{channel_id}/thread-members/{user_id}")
def get_thread_member(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, thread = _thread_and_guild(fake, _int(v["channel_id"]))
    joined = guild.thread_members[int(thread["id"])].get(_int(v["user_id"]))
    if joined is None:
        raise not_found("Member", 10007)
    return {"id": thread["id"], "user_id": v["user_id"], "join_timestamp": joined, "flags": 0}


# -- messages -----------------------------------------------------------------------------------------


def _check_can_post(
    fake: FakeDiscord,
    guild: GuildWorld,
    channel: dict[str, Any],
    uploads: list[Upload],
    user_id: int | None = None,
) -> None:
    uid = _bot_id(fake) if user_id is None else user_id
    perms = fake.permissions(guild, uid, int(channel["id"]))
    is_thread = channel["type"] in THREAD_TYPES
    need = VIEW | (SEND_THREADS if is_thread else SEND) | (ATTACH if uploads else 0)
    if perms & need != need:
        raise forbidden("send_messages" if not uploads else "send_messages/attach_files")
    if is_thread:
        meta = channel["thread_metadata"]
        if meta["locked"] and not perms & MANAGE_THREADS:
            raise DiscordError(403, 50083, "Thread is locked")
        if meta["archived"]:
            meta["archived"] = False
            meta["archive_timestamp"] = fake.iso_now()
            fake.emit("THREAD_UPDATE", fake._thread_for(channel, _bot_id(fake)))
    total = sum(len(u.data) for u in uploads)
    if total > guild.filesize_limit:
        raise DiscordError(413, 40005, "Request entity too large")


@route("POST", "/channels/{channel_id}/messages")
def send_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.channel_or_dm(_int(v["channel_id"]))
    _validate_message(body, up)
    if guild is None:
        recipient = int(channel["recipients"][0]["id"])
        if recipient in fake.dm_closed:
            raise DiscordError(403, 50007, "Cannot send messages to this user")
        if sum(len(u.data) for u in up) > 10 * 1024 * 1024:
            raise DiscordError(413, 40005, "Request entity too large")
    else:
        _check_can_post(fake, guild, channel, up)
    message = fake.build_message(int(channel["id"]), fake.bot_user, body, guild=guild, uploads=up)
    return fake.store_message(message)


@route("GET", "/channels/{channel_id}/messages")
def history(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    """Newest first, as Discord answers; ``before``/``after``/``around`` by id; at most 100."""
    guild, channel = fake.channel_or_dm(_int(v["channel_id"]))
    if guild is not None:
        fake._require(guild, int(channel["id"]), VIEW | READ_HISTORY, "read_message_history")
    limit = min(max(int(q.get("limit", 50)), 1), 100)
    messages = fake.messages.get(int(channel["id"]), [])
    if "after" in q:
        after = int(q["after"])
        newer = [m for m in messages if int(m["id"]) > after][:limit]
        return list(reversed(newer))
    if "around" in q:
        around = int(q["around"])
        older = [m for m in messages if int(m["id"]) <= around][-(limit // 2 + 1) :]
        newer = [m for m in messages if int(m["id"]) > around][: limit - len(older)]
        return list(reversed(older + newer))
    before = int(q["before"]) if "before" in q else None
    older = [m for m in messages if before is None or int(m["id"]) < before]
    return list(reversed(older[-limit:]))


@route("GET", "/channels/{channel_id}/messages/{message_id}")
def get_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.channel_or_dm(_int(v["channel_id"]))
    if guild is not None:
        fake._require(guild, int(channel["id"]), VIEW | READ_HISTORY, "read_message_history")
    message = fake.message_index.get(_int(v["message_id"]))
    if message is None or message["channel_id"] != channel["id"]:
        raise not_found("Message", 10008)
    return message


@route("PATCH", "/channels/{channel_id}/messages/{message_id}")
def edit_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.channel_or_dm(_int(v["channel_id"]))
    message = fake.message_index.get(_int(v["message_id"]))
    if message is None or message["channel_id"] != channel["id"]:
        raise not_found("Message", 10008)
    if message["author"]["id"] != fake.bot_user["id"] or message.get("webhook_id"):
        raise DiscordError(403, 50005, "Cannot edit a message authored by another user")
    merged = {**message, **{k: val for k, val in body.items() if k in ("content", "embeds", "components")}}
    _validate_message(merged, up)
    fake.edit_message_payload(message, body, up)
    fake.emit("MESSAGE_UPDATE", message)
    return message


@route("DELETE", "/channels/{channel_id}/messages/{message_id}")
def delete_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.channel_or_dm(_int(v["channel_id"]))
    message = fake.message_index.get(_int(v["message_id"]))
    if message is None or message["channel_id"] != channel["id"]:
        raise not_found("Message", 10008)
    if guild is not None and message["author"]["id"] != fake.bot_user["id"]:
        fake._require(guild, int(channel["id"]), MANAGE_MESSAGES, "manage_messages")
    remove_message(fake, message)


def remove_message(fake: FakeDiscord, message: dict[str, Any]) -> None:
    channel_id = int(message["channel_id"])
    fake.messages[channel_id] = [m for m in fake.messages.get(channel_id, []) if m["id"] != message["id"]]
    fake.message_index.pop(int(message["id"]), None)
    fake.deleted_messages[int(message["id"])] = message
    event = {"id": message["id"], "channel_id": message["channel_id"]}
    if "guild_id" in message:
        event["guild_id"] = message["guild_id"]
    fake.emit("MESSAGE_DELETE", event)


@route("POST", "/channels/{channel_id}/messages/bulk-delete")
def bulk_delete(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.find_channel(_int(v["channel_id"]))
    fake._require(guild, int(channel["id"]), MANAGE_MESSAGES, "manage_messages")
    for mid in body.get("messages", []):
        message = fake.message_index.get(int(mid))
        if message is not None:
            remove_message(fake, message)


@route("POST", "/channels/{channel_id}/typing")
def typing(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return None


@route("POST", "/users/@me/channels")
def open_dm(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    uid = int(body["recipient_id"])
    if uid not in fake.users:
        raise not_found("User", 10013)
    if uid not in fake.dm_channels:
        cid = fake.snowflake()
        fake.dm_channels[uid] = {
            "id": str(cid),
            "type": 1,
            "recipients": [fake.users[uid]],
            "last_message_id": None,
        }
        fake.messages.setdefault(cid, [])
    return fake.dm_channels[uid]


# -- webhooks -----------------------------------------------------------------------------------------


@route("POST", "/channels/{channel_id}/webhooks")
def create_webhook(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.find_channel(_int(v["channel_id"]))
    fake._require(guild, int(channel["id"]), MANAGE_WEBHOOKS, "manage_webhooks")
    wid = fake.snowflake()
    hook = {
        "id": str(wid),
        "type": 1,
        "guild_id": str(guild.id),
        "channel_id": channel["id"],
        "name": body.get("name") or "webhook",
        "avatar": None,
        "token": secrets.token_urlsafe(24),
        "application_id": str(fake.application_id),
        "user": fake.bot_user,
    }
    fake.webhooks[wid] = hook
    return hook


@route("GET", "/channels/{channel_id}/webhooks")
def channel_webhooks(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.find_channel(_int(v["channel_id"]))
    fake._require(guild, int(channel["id"]), MANAGE_WEBHOOKS, "manage_webhooks")
    return [h for h in fake.webhooks.values() if h["channel_id"] == channel["id"]]


@route("GET", "/guilds/{guild_id}/webhooks")
def guild_webhooks(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(_int(v["guild_id"]))
    fake._require(guild, None, MANAGE_WEBHOOKS, "manage_webhooks")
    return [h for h in fake.webhooks.values() if h["guild_id"] == str(guild.id)]


@route("DELETE", "/webhooks/{webhook_id}")
def delete_webhook(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    if fake.webhooks.pop(_int(v["webhook_id"]), None) is None:
        raise not_found("Webhook", 10015)


def _interaction(fake: FakeDiscord, token: str) -> InteractionRecord:
    record = fake.interactions.get(token)
    if record is None:
        raise not_found("Webhook", 10015)
    return record


@route("POST", "/webhooks/{webhook_id}/{webhook_token}")
def execute_webhook(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    if _int(v["webhook_id"]) == fake.application_id:
        return _followup(fake, _interaction(fake, v["webhook_token"]), body, up)
    hook = fake.webhooks.get(_int(v["webhook_id"]))
    if hook is None or hook["token"] != v["webhook_token"]:
        raise not_found("Webhook", 10015)
    guild, channel = fake.find_channel(int(hook["channel_id"]))
    _validate_message(body, up)
    target = channel
    if "thread_id" in q:
        guild, target = fake.find_channel(int(q["thread_id"]))
        if target["parent_id"] != channel["id"]:
            raise invalid("thread_id: not a thread of the webhook's channel")
    author = {
        "id": hook["id"],
        "username": body.get("username") or hook["name"],
        "avatar": None,
        "discriminator": "0000",
        "bot": True,
        "global_name": None,
        "avatar_url_override": body.get("avatar_url"),
    }
    if channel["type"] == FORUM and "thread_id" not in q:
        name = body.get("thread_name")
        if not name:
            raise invalid("thread_name: required for forum channels")
        thread = new_thread(fake, guild, channel, name, PUBLIC_THREAD, owner_id=int(hook["id"]))
        message = fake.build_message(
            int(thread["id"]), author, body, guild=guild, uploads=up, webhook_id=int(hook["id"])
        )
        message["id"] = thread["id"]
        fake.store_message(message)
        return message if str(q.get("wait", "0")) in ("1", "true", "True") else None
    message = fake.build_message(
        int(target["id"]), author, body, guild=guild, uploads=up, webhook_id=int(hook["id"])
    )
    fake.store_message(message)
    return message if str(q.get("wait", "0")) in ("1", "true", "True") else None


@route("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
def edit_webhook_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    if _int(v["webhook_id"]) == fake.application_id:
        record = _interaction(fake, v["webhook_token"])
        return _edit_interaction_message(fake, record, _int(v["message_id"]), body, up)
    hook = fake.webhooks.get(_int(v["webhook_id"]))
    message = fake.message_index.get(_int(v["message_id"]))
    if hook is None or message is None or message.get("webhook_id") != hook["id"]:
        raise not_found("Message", 10008)
    _validate_message({**message, **body}, up)
    fake.edit_message_payload(message, body, up)
    fake.emit("MESSAGE_UPDATE", message)
    return message


@route("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
def get_webhook_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    if _int(v["webhook_id"]) == fake.application_id:
        record = _interaction(fake, v["webhook_token"])
        return _interaction_message(fake, record, _int(v["message_id"]))
    message = fake.message_index.get(_int(v["message_id"]))
    if message is None:
        raise not_found("Message", 10008)
    return message


@route("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}")
def delete_webhook_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    if _int(v["webhook_id"]) == fake.application_id:
        record = _interaction(fake, v["webhook_token"])
        mid = _int(v["message_id"])
        if record.ephemeral_messages.pop(mid, None) is not None:
            return None
    message = fake.message_index.get(_int(v["message_id"]))
    if message is None:
        raise not_found("Message", 10008)
    remove_message(fake, message)


# -- interactions -----------------------------------------------------------------------------------


def _interaction_message(fake: FakeDiscord, record: InteractionRecord, message_id: int) -> dict[str, Any]:
    if message_id in record.ephemeral_messages:
        return record.ephemeral_messages[message_id]
    message = fake.message_index.get(message_id)
    if message is None:
        raise not_found("Message", 10008)
    return message


def _new_interaction_message(
    fake: FakeDiscord, record: InteractionRecord, body: Body, up: list[Upload], *, loading: bool = False
) -> dict[str, Any]:
    guild = fake.guilds.get(record.guild_id) if record.guild_id else None
    flags = int(body.get("flags") or 0) | (LOADING if loading else 0)
    ephemeral = bool(flags & EPHEMERAL)
    if guild is not None and not ephemeral and record.channel_id is not None:
        channel = guild.channels.get(record.channel_id) or guild.threads.get(record.channel_id)
        if channel is not None and channel["type"] in THREAD_TYPES and channel["thread_metadata"]["archived"]:
            channel["thread_metadata"]["archived"] = False
            fake.emit("THREAD_UPDATE", fake._thread_for(channel, _bot_id(fake)))
    message = fake.build_message(
        record.channel_id or 0,
        fake.bot_user,
        {**body, "flags": flags},
        guild=guild,
        uploads=up,
        webhook_id=fake.application_id,
        interaction=record,
    )
    message["webhook_id"] = str(fake.application_id)
    message["application_id"] = str(fake.application_id)
    if ephemeral:
        record.ephemeral_messages[int(message["id"])] = message
    else:
        fake.store_message(message)
    return message


@route("POST", "/interactions/{webhook_id}/{webhook_token}/callback")
def interaction_callback(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    record = _interaction(fake, v["webhook_token"])
    if str(record.id) != v["webhook_id"]:
        raise not_found("Interaction", 10062)
    rtype = int(body["type"])
    data = body.get("data") or {}
    if record.acked_type is not None:
        error = DiscordError(400, 40060, "Interaction has already been acknowledged.")
        record.rejected.append(error)
        raise error
    elapsed = time.monotonic() - record.created
    if elapsed > fake.ack_deadline:
        error = DiscordError(404, 10062, "Unknown interaction")
        record.rejected.append(error)
        fake.violations.append(
            f"interaction {record.id} answered after {elapsed:.2f}s (limit {fake.ack_deadline}s)"
        )
        raise error
    allowed = {2: {4, 5, 9}, 3: {4, 5, 6, 7, 9}, 4: {8}, 5: {4, 5, 6, 7}}[record.type]
    if rtype not in allowed:
        raise DiscordError(
            400, 40004, f"response type {rtype} is not valid for interaction type {record.type}"
        )
    if rtype in (4, 7):
        if rtype == 4:
            _validate_message(data, up)
        else:
            source = fake.message_index.get(record.source_message_id or 0)
            _validate_message({**(source or {}), **data}, up)
    if rtype == 9:
        try:
            limits.check_modal(data)
        except limits.PayloadError as exc:
            raise invalid(str(exc)) from None
    if rtype == 8:
        choices = data.get("choices") or []
        if len(choices) > 25:
            raise invalid("choices: must be 25 or fewer")
    record.acked_type = rtype
    record.ack_latency = elapsed
    record.responses.append({"type": rtype, "data": data})
    resource: dict[str, Any] = {"type": rtype}
    meta: dict[str, Any] = {"id": str(record.id), "type": record.type}
    if rtype == 4:
        message = _new_interaction_message(fake, record, data, up)
        record.original_message_id = int(message["id"])
        record.original_ephemeral = bool(message["flags"] & EPHEMERAL)
        resource["message"] = message
        meta.update(
            {
                "response_message_id": message["id"],
                "response_message_loading": False,
                "response_message_ephemeral": record.original_ephemeral,
            }
        )
    elif rtype == 5:
        message = _new_interaction_message(
            fake, record, {"content": "", "flags": data.get("flags", 0)}, [], loading=True
        )
        record.original_message_id = int(message["id"])
        record.original_ephemeral = bool(message["flags"] & EPHEMERAL)
        meta.update(
            {
                "response_message_id": message["id"],
                "response_message_loading": True,
                "response_message_ephemeral": record.original_ephemeral,
            }
        )
    elif rtype in (6, 7):
        record.original_message_id = record.source_message_id
        source = fake.message_index.get(record.source_message_id or 0)
        source_ephemeral = source is None
        if source_ephemeral:
            # a component on an ephemeral message: it lives in another interaction's record
            for other in fake.interactions.values():
                if record.source_message_id in other.ephemeral_messages:
                    source = other.ephemeral_messages[record.source_message_id]
                    record.ephemeral_messages[record.source_message_id] = source
                    break
        record.original_ephemeral = source_ephemeral
        if rtype == 7 and source is not None:
            fake.edit_message_payload(source, data, up)
            if not source_ephemeral:
                fake.emit("MESSAGE_UPDATE", source)
            resource["message"] = source
    elif rtype == 8:
        record.choices = data.get("choices") or []
    elif rtype == 9:
        record.modal = data
    return {"interaction": meta, "resource": resource}


def _followup(fake: FakeDiscord, record: InteractionRecord, body: Body, up: list[Upload]) -> Any:
    if record.acked_type is None:
        raise DiscordError(400, 40060, "Interaction has not been acknowledged")
    _validate_message(body, up)
    if record.acked_type == 5 and record.original_message_id is not None:
        original = _interaction_message(fake, record, record.original_message_id)
        if original.get("flags", 0) & LOADING:
            # Discord turns the first follow-up after a thinking defer into the original response
            fake.edit_message_payload(original, body, up)
            if not record.original_ephemeral:
                fake.emit("MESSAGE_UPDATE", original)
            record.followup_ids.append(int(original["id"]))
            return original
    message = _new_interaction_message(fake, record, body, up)
    record.followup_ids.append(int(message["id"]))
    return message


def _edit_interaction_message(
    fake: FakeDiscord, record: InteractionRecord, message_id: int, body: Body, up: list[Upload]
) -> Any:
    if record.acked_type is None:
        raise not_found("Message", 10008)
    message = _interaction_message(fake, record, message_id)
    _validate_message(
        {**message, **{k: val for k, val in body.items() if k in ("content", "embeds", "components")}}, up
    )
    fake.edit_message_payload(message, body, up)
    if int(message["id"]) not in record.ephemeral_messages:
        fake.emit("MESSAGE_UPDATE", message)
    return message


@route("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")
def get_original(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    record = _interaction(fake, v["webhook_token"])
    if record.original_message_id is None:
        raise not_found("Message", 10008)
    return _interaction_message(fake, record, record.original_message_id)


@route("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")
def edit_original(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    record = _interaction(fake, v["webhook_token"])
    if record.original_message_id is None:
        raise not_found("Message", 10008)
    return _edit_interaction_message(fake, record, record.original_message_id, body, up)


@route("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/@original")
def delete_original(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    record = _interaction(fake, v["webhook_token"])
    if record.original_message_id is None:
        raise not_found("Message", 10008)
    if record.ephemeral_messages.pop(record.original_message_id, None) is None:
        message = fake.message_index.get(record.original_message_id)
        if message is not None:
            remove_message(fake, message)

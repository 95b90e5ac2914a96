"""Threads: create (forum posts too), edit, list active and archived ones, and their members."""

from __future__ import annotations

from typing import Any

from tests.support import limits
from tests.support.fake_discord import (
    CREATE_PRIVATE_THREADS,
    CREATE_PUBLIC_THREADS,
    FORUM,
    MANAGE_THREADS,
    NEWS,
    PRIVATE_THREAD,
    PUBLIC_THREAD,
    READ_HISTORY,
    SEND,
    TEXT,
    THREAD_TYPES,
    VIEW,
    DiscordError,
    FakeDiscord,
    GuildWorld,
    Handler,
    forbidden,
    invalid,
    not_found,
)
from tests.support.routes.common import Body, bot_id, rename_allowed, validate_message


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
    fake.emit("THREAD_CREATE", {**fake._thread_for(thread, bot_id(fake)), "newly_created": True})
    return thread


def edit_thread(fake: FakeDiscord, guild: GuildWorld, thread: dict[str, Any], body: Body) -> Any:
    tid = int(thread["id"])
    perms = fake.permissions(guild, bot_id(fake), tid)
    owner = thread["owner_id"] == str(bot_id(fake))
    meta = thread["thread_metadata"]
    if ("locked" in body or "invitable" in body) and not perms & MANAGE_THREADS:
        raise forbidden("manage_threads")
    if not (perms & MANAGE_THREADS or owner):
        raise forbidden("manage_threads")
    if meta.get("locked") and meta.get("archived") and not perms & MANAGE_THREADS:
        raise forbidden("thread is locked")
    if "name" in body and body["name"] != thread["name"]:
        rename_allowed(fake, tid)
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
    fake.emit("THREAD_UPDATE", fake._thread_for(thread, bot_id(fake)))
    return fake._thread_for(thread, bot_id(fake))


def active_threads(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(int(v["guild_id"]))
    threads = [
        fake._thread_for(t, bot_id(fake))
        for t in guild.threads.values()
        if not t["thread_metadata"]["archived"]
    ]
    members = [
        {
            "id": t["id"],
            "user_id": str(bot_id(fake)),
            "join_timestamp": guild.thread_members[int(t["id"])][bot_id(fake)],
            "flags": 0,
        }
        for t in threads
        if bot_id(fake) in guild.thread_members.get(int(t["id"]), {})
    ]
    return {"threads": threads, "members": members}


def _archived_threads(fake: FakeDiscord, v: dict, q: dict, kind: int) -> Any:
    guild, parent = fake.find_channel(int(v["channel_id"]))
    fake._require(
        guild,
        int(parent["id"]),
        READ_HISTORY | (MANAGE_THREADS if kind == PRIVATE_THREAD else 0),
        "read archived threads",
    )
    threads = [
        fake._thread_for(t, bot_id(fake))
        for t in guild.threads.values()
        if t["parent_id"] == parent["id"] and t["type"] == kind and t["thread_metadata"]["archived"]
    ]
    threads.sort(key=lambda t: t["thread_metadata"]["archive_timestamp"], reverse=True)
    limit = int(q.get("limit", 50))
    return {"threads": threads[:limit], "members": [], "has_more": len(threads) > limit}


def archived_private(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return _archived_threads(fake, v, q, PRIVATE_THREAD)


def archived_public(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return _archived_threads(fake, v, q, PUBLIC_THREAD)


def create_thread(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, parent = fake.find_channel(int(v["channel_id"]))
    name = body.get("name")
    try:
        limits.check_channel_name(name)
    except limits.PayloadError as exc:
        raise invalid(str(exc)) from None
    if parent["type"] == FORUM:
        fake._require(guild, int(parent["id"]), VIEW | SEND, "send_messages (forum post)")
        message_body = body.get("message") or {}
        validate_message(message_body, up)
        thread = new_thread(
            fake,
            guild,
            parent,
            name,
            PUBLIC_THREAD,
            owner_id=bot_id(fake),
            auto_archive=int(body.get("auto_archive_duration", 10080)),
        )
        thread["applied_tags"] = body.get("applied_tags") or []
        first = fake.build_message(int(thread["id"]), fake.bot_user, message_body, guild=guild, uploads=up)
        first["id"] = thread["id"]  # a forum post's starter message shares the thread's id
        fake.store_message(first)
        return {**fake._thread_for(thread, bot_id(fake)), "message": first}
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
            owner_id=bot_id(fake),
            invitable=bool(body.get("invitable", True)),
            auto_archive=int(body.get("auto_archive_duration", 10080)),
        ),
        bot_id(fake),
    )


def create_thread_from_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, parent = fake.find_channel(int(v["channel_id"]))
    fake._require(guild, int(parent["id"]), VIEW | CREATE_PUBLIC_THREADS, "create_public_threads")
    message = fake.message_index.get(int(v["message_id"]))
    if message is None or message["channel_id"] != parent["id"]:
        raise not_found("Message", 10008)
    thread = new_thread(
        fake,
        guild,
        parent,
        body.get("name", "thread"),
        PUBLIC_THREAD,
        owner_id=bot_id(fake),
        thread_id=int(message["id"]),
    )
    return fake._thread_for(thread, bot_id(fake))


def _thread_and_guild(fake: FakeDiscord, channel_id: int) -> tuple[GuildWorld, dict[str, Any]]:
    guild, thread = fake.find_channel(channel_id)
    if thread["type"] not in THREAD_TYPES:
        raise DiscordError(400, 50024, "Cannot execute action on this channel type")
    return guild, thread


def add_thread_member(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, thread = _thread_and_guild(fake, int(v["channel_id"]))
    tid, uid = int(thread["id"]), int(v["user_id"])
    fake.member(guild, uid)
    perms = fake.permissions(guild, bot_id(fake), tid)
    if not perms & VIEW:
        raise DiscordError(403, 50001, "Missing Access")
    if thread["thread_metadata"]["archived"]:
        raise DiscordError(400, 50083, "Thread is archived")
    if (
        thread["type"] == PRIVATE_THREAD
        and bot_id(fake) not in guild.thread_members[tid]
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


def join_thread(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return add_thread_member(fake, {"channel_id": v["channel_id"], "user_id": str(bot_id(fake))}, body, up, q)


def remove_thread_member(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, thread = _thread_and_guild(fake, int(v["channel_id"]))
    tid, uid = int(thread["id"]), int(v["user_id"])
    perms = fake.permissions(guild, bot_id(fake), tid)
    if uid != bot_id(fake) and not perms & MANAGE_THREADS and thread["owner_id"] != str(bot_id(fake)):
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


def leave_thread(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return remove_thread_member(
        fake, {"channel_id": v["channel_id"], "user_id": str(bot_id(fake))}, body, up, q
    )


def list_thread_members(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, thread = _thread_and_guild(fake, int(v["channel_id"]))
    return [
        {"id": thread["id"], "user_id": str(uid), "join_timestamp": joined, "flags": 0}
        for uid, joined in guild.thread_members[int(thread["id"])].items()
    ]


def get_thread_member(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, thread = _thread_and_guild(fake, int(v["channel_id"]))
    joined = guild.thread_members[int(thread["id"])].get(int(v["user_id"]))
    if joined is None:
        raise not_found("Member", 10007)
    return {"id": thread["id"], "user_id": v["user_id"], "join_timestamp": joined, "flags": 0}


ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", "/guilds/{guild_id}/threads/active", active_threads),
    ("GET", "/channels/{channel_id}/threads/archived/private", archived_private),
    ("GET", "/channels/{channel_id}/threads/archived/public", archived_public),
    ("POST", "/channels/{channel_id}/threads", create_thread),
    ("POST", "/channels/{channel_id}/messages/{message_id}/threads", create_thread_from_message),
    ("PUT", "/channels/{channel_id}/thread-members/{user_id}", add_thread_member),
    ("PUT", "/channels/{channel_id}/thread-members/@me", join_thread),
    ("DELETE", "/channels/{channel_id}/thread-members/{user_id}", remove_thread_member),
    ("DELETE", "/channels/{channel_id}/thread-members/@me", leave_thread),
    ("GET", "/channels/{channel_id}/thread-members", list_thread_members),
    ("GET", "/channels/{channel_id}/thread-members/{user_id}", get_thread_member),
]

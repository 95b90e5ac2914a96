"""Channel messages: send, history, fetch, edit, delete, bulk delete; the typing indicator."""

from __future__ import annotations

from typing import Any

from tests.support.fake_discord import (
    ATTACH,
    MANAGE_MESSAGES,
    MANAGE_THREADS,
    READ_HISTORY,
    SEND,
    SEND_THREADS,
    THREAD_TYPES,
    VIEW,
    DiscordError,
    FakeDiscord,
    GuildWorld,
    Handler,
    Upload,
    forbidden,
    not_found,
)
from tests.support.routes.common import Body, bot_id, validate_message


def check_can_post(
    fake: FakeDiscord,
    guild: GuildWorld,
    channel: dict[str, Any],
    uploads: list[Upload],
    user_id: int | None = None,
) -> None:
    uid = bot_id(fake) if user_id is None else user_id
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
            fake.emit("THREAD_UPDATE", fake._thread_for(channel, bot_id(fake)))
    total = sum(len(u.data) for u in uploads)
    if total > guild.filesize_limit:
        raise DiscordError(413, 40005, "Request entity too large")


def send_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.channel_or_dm(int(v["channel_id"]))
    validate_message(body, up)
    if guild is None:
        recipient = int(channel["recipients"][0]["id"])
        if recipient in fake.dm_closed:
            raise DiscordError(403, 50007, "Cannot send messages to this user")
        if sum(len(u.data) for u in up) > 10 * 1024 * 1024:
            raise DiscordError(413, 40005, "Request entity too large")
    else:
        check_can_post(fake, guild, channel, up)
    # enforce_nonce: the same author and nonce again returns the message already made, as Discord does
    # (Discord remembers a nonce for a few minutes; the simulation for its whole run)
    key = (
        (int(channel["id"]), str(body.get("nonce")))
        if body.get("enforce_nonce") and body.get("nonce")
        else None
    )
    if key is not None and key in fake.nonces:
        return fake.nonces[key]
    message = fake.build_message(int(channel["id"]), fake.bot_user, body, guild=guild, uploads=up)
    stored = fake.store_message(message)
    if key is not None:
        fake.nonces[key] = stored
    return stored


def history(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    """Newest first, as Discord answers; ``before``/``after``/``around`` by id; at most 100."""
    guild, channel = fake.channel_or_dm(int(v["channel_id"]))
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


def get_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.channel_or_dm(int(v["channel_id"]))
    if guild is not None:
        fake._require(guild, int(channel["id"]), VIEW | READ_HISTORY, "read_message_history")
    message = fake.message_index.get(int(v["message_id"]))
    if message is None or message["channel_id"] != channel["id"]:
        raise not_found("Message", 10008)
    return message


def edit_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.channel_or_dm(int(v["channel_id"]))
    message = fake.message_index.get(int(v["message_id"]))
    if message is None or message["channel_id"] != channel["id"]:
        raise not_found("Message", 10008)
    if message["author"]["id"] != fake.bot_user["id"] or message.get("webhook_id"):
        raise DiscordError(403, 50005, "Cannot edit a message authored by another user")
    merged = {**message, **{k: val for k, val in body.items() if k in ("content", "embeds", "components")}}
    validate_message(merged, up)
    fake.edit_message_payload(message, body, up)
    fake.emit("MESSAGE_UPDATE", message)
    return message


def delete_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.channel_or_dm(int(v["channel_id"]))
    message = fake.message_index.get(int(v["message_id"]))
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


def bulk_delete(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.find_channel(int(v["channel_id"]))
    fake._require(guild, int(channel["id"]), MANAGE_MESSAGES, "manage_messages")
    for mid in body.get("messages", []):
        message = fake.message_index.get(int(mid))
        if message is not None:
            remove_message(fake, message)


def typing(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return None


ROUTES: list[tuple[str, str, Handler]] = [
    ("POST", "/channels/{channel_id}/messages", send_message),
    ("GET", "/channels/{channel_id}/messages", history),
    ("GET", "/channels/{channel_id}/messages/{message_id}", get_message),
    ("PATCH", "/channels/{channel_id}/messages/{message_id}", edit_message),
    ("DELETE", "/channels/{channel_id}/messages/{message_id}", delete_message),
    ("POST", "/channels/{channel_id}/messages/bulk-delete", bulk_delete),
    ("POST", "/channels/{channel_id}/typing", typing),
]

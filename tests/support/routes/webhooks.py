"""Webhooks: create, list, delete, execute, and their messages.

Calls with the application's id are interaction follow-ups, answered by :mod:`.interactions`.
"""

from __future__ import annotations

import secrets
from typing import Any

from tests.support.fake_discord import (
    FORUM,
    MANAGE_WEBHOOKS,
    PUBLIC_THREAD,
    FakeDiscord,
    Handler,
    invalid,
    not_found,
)
from tests.support.routes.common import Body, validate_message
from tests.support.routes.interactions import (
    edit_interaction_message,
    followup,
    interaction_message,
    interaction_record,
)
from tests.support.routes.messages import remove_message
from tests.support.routes.threads import new_thread


def create_webhook(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.find_channel(int(v["channel_id"]))
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


def channel_webhooks(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild, channel = fake.find_channel(int(v["channel_id"]))
    fake._require(guild, int(channel["id"]), MANAGE_WEBHOOKS, "manage_webhooks")
    return [h for h in fake.webhooks.values() if h["channel_id"] == channel["id"]]


def guild_webhooks(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(int(v["guild_id"]))
    fake._require(guild, None, MANAGE_WEBHOOKS, "manage_webhooks")
    return [h for h in fake.webhooks.values() if h["guild_id"] == str(guild.id)]


def delete_webhook(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    if fake.webhooks.pop(int(v["webhook_id"]), None) is None:
        raise not_found("Webhook", 10015)


def execute_webhook(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    if int(v["webhook_id"]) == fake.application_id:
        return followup(fake, interaction_record(fake, v["webhook_token"]), body, up)
    hook = fake.webhooks.get(int(v["webhook_id"]))
    if hook is None or hook["token"] != v["webhook_token"]:
        raise not_found("Webhook", 10015)
    guild, channel = fake.find_channel(int(hook["channel_id"]))
    validate_message(body, up)
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


def edit_webhook_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    if int(v["webhook_id"]) == fake.application_id:
        record = interaction_record(fake, v["webhook_token"])
        return edit_interaction_message(fake, record, int(v["message_id"]), body, up)
    hook = fake.webhooks.get(int(v["webhook_id"]))
    message = fake.message_index.get(int(v["message_id"]))
    if hook is None or message is None or message.get("webhook_id") != hook["id"]:
        raise not_found("Message", 10008)
    validate_message({**message, **body}, up)
    fake.edit_message_payload(message, body, up)
    fake.emit("MESSAGE_UPDATE", message)
    return message


def get_webhook_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    if int(v["webhook_id"]) == fake.application_id:
        record = interaction_record(fake, v["webhook_token"])
        return interaction_message(fake, record, int(v["message_id"]))
    message = fake.message_index.get(int(v["message_id"]))
    if message is None:
        raise not_found("Message", 10008)
    return message


def delete_webhook_message(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    if int(v["webhook_id"]) == fake.application_id:
        record = interaction_record(fake, v["webhook_token"])
        mid = int(v["message_id"])
        if record.ephemeral_messages.pop(mid, None) is not None:
            return None
    message = fake.message_index.get(int(v["message_id"]))
    if message is None:
        raise not_found("Message", 10008)
    remove_message(fake, message)


ROUTES: list[tuple[str, str, Handler]] = [
    ("POST", "/channels/{channel_id}/webhooks", create_webhook),
    ("GET", "/channels/{channel_id}/webhooks", channel_webhooks),
    ("GET", "/guilds/{guild_id}/webhooks", guild_webhooks),
    ("DELETE", "/webhooks/{webhook_id}", delete_webhook),
    ("POST", "/webhooks/{webhook_id}/{webhook_token}", execute_webhook),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", edit_webhook_message),
    ("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", get_webhook_message),
    ("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", delete_webhook_message),
]

"""Users, and the bot's direct-message channels with them."""

from __future__ import annotations

from typing import Any

from tests.support.fake_discord import (
    FakeDiscord,
    Handler,
    not_found,
)
from tests.support.routes.common import Body


def get_user(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    user = fake.users.get(int(v["user_id"]))
    if user is None:
        raise not_found("User", 10013)
    return user


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


ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", "/users/{user_id}", get_user),
    ("POST", "/users/@me/channels", open_dm),
]

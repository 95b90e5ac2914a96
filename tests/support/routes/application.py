"""The application's routes: the bot user, the application, and its slash commands."""

from __future__ import annotations

from typing import Any

from tests.support.fake_discord import (
    FakeDiscord,
    Handler,
    invalid,
)
from tests.support.limits import PayloadError, check_commands
from tests.support.routes.common import Body


def get_me(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return fake.bot_user


def get_application(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    owner = next(iter(fake.users.values()))
    return {
        "id": str(fake.application_id),
        "name": fake.bot_name,
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
    try:
        check_commands(commands)
    except PayloadError as exc:
        raise invalid(str(exc)) from None
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


def put_global_commands(fake: FakeDiscord, v: dict, body: Any, up: list, q: dict) -> Any:
    return _store_commands(fake, "global", list(body))


def put_guild_commands(fake: FakeDiscord, v: dict, body: Any, up: list, q: dict) -> Any:
    return _store_commands(fake, v["guild_id"], list(body))


def get_global_commands(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return fake.commands.get("global", [])


def get_guild_commands(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return fake.commands.get(v["guild_id"], [])


ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", "/users/@me", get_me),
    ("GET", "/oauth2/applications/@me", get_application),
    ("PUT", "/applications/{application_id}/commands", put_global_commands),
    ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", put_guild_commands),
    ("GET", "/applications/{application_id}/commands", get_global_commands),
    ("GET", "/applications/{application_id}/guilds/{guild_id}/commands", get_guild_commands),
]

"""Guilds, members and roles (and the bot leaving a guild)."""

from __future__ import annotations

from typing import Any

from tests.support.fake_discord import (
    MANAGE_ROLES,
    FakeDiscord,
    Handler,
    forbidden,
    not_found,
)
from tests.support.routes.common import Body, bot_id


def get_guild(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(int(v["guild_id"]))
    payload = fake.guild_payload(guild)
    for key in ("members", "channels", "threads", "presences", "voice_states"):
        payload.pop(key, None)
    return payload


def leave_guild(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    fake.guild(int(v["guild_id"]))
    fake.remove_guild(int(v["guild_id"]))
    return None


def get_member(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(int(v["guild_id"]))
    return fake.member(guild, int(v["member_id"]))


def list_members(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(int(v["guild_id"]))
    after = int(q.get("after", 0))
    limit = int(q.get("limit", 1))
    members = sorted(
        (m for uid, m in guild.members.items() if uid > after), key=lambda m: int(m["user"]["id"])
    )
    return members[:limit]


def edit_member(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(int(v["guild_id"]))
    member = fake.member(guild, int(v["user_id"]))
    if "roles" in body:
        fake._require(guild, None, MANAGE_ROLES, "manage_roles")
        member["roles"] = [str(r) for r in body["roles"]]
    if "nick" in body:
        member["nick"] = body["nick"]
    fake.emit("GUILD_MEMBER_UPDATE", {"guild_id": str(guild.id), **member})
    return member


def _member_role(fake: FakeDiscord, v: dict, add: bool) -> None:
    guild = fake.guild(int(v["guild_id"]))
    fake._require(guild, None, MANAGE_ROLES, "manage_roles")
    member = fake.member(guild, int(v["user_id"]))
    if int(v["role_id"]) not in guild.roles:
        raise not_found("Role", 10011)
    roles = [r for r in member["roles"] if r != v["role_id"]]
    if add:
        roles.append(v["role_id"])
    member["roles"] = roles
    fake.emit("GUILD_MEMBER_UPDATE", {"guild_id": str(guild.id), **member})


def add_member_role(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    _member_role(fake, v, True)


def remove_member_role(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    _member_role(fake, v, False)


def list_roles(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    return list(fake.guild(int(v["guild_id"])).roles.values())


def create_role(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(int(v["guild_id"]))
    fake._require(guild, None, MANAGE_ROLES, "manage_roles")
    perms = int(body.get("permissions", 0))
    bot_perms = fake.base_permissions(guild, bot_id(fake))
    if perms & ~bot_perms:
        raise forbidden("role permissions the bot lacks")
    role = fake.add_role(guild.id, body.get("name") or "new role", perms)
    for key in ("color", "hoist", "mentionable"):
        if key in body:
            role[key] = body[key]
    return role


def edit_role(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(int(v["guild_id"]))
    fake._require(guild, None, MANAGE_ROLES, "manage_roles")
    role = guild.roles.get(int(v["role_id"]))
    if role is None:
        raise not_found("Role", 10011)
    for key in ("name", "color", "hoist", "mentionable"):
        if key in body:
            role[key] = body[key]
    if "permissions" in body:
        role["permissions"] = str(body["permissions"])
    fake.emit("GUILD_ROLE_UPDATE", {"guild_id": str(guild.id), "role": role})
    return role


def delete_role(fake: FakeDiscord, v: dict, body: Body, up: list, q: dict) -> Any:
    guild = fake.guild(int(v["guild_id"]))
    fake._require(guild, None, MANAGE_ROLES, "manage_roles")
    if guild.roles.pop(int(v["role_id"]), None) is None:
        raise not_found("Role", 10011)
    for member in guild.members.values():
        member["roles"] = [r for r in member["roles"] if r != v["role_id"]]
    fake.emit("GUILD_ROLE_DELETE", {"guild_id": str(guild.id), "role_id": v["role_id"]})


ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", "/guilds/{guild_id}", get_guild),
    ("DELETE", "/users/@me/guilds/{guild_id}", leave_guild),
    ("GET", "/guilds/{guild_id}/members/{member_id}", get_member),
    ("GET", "/guilds/{guild_id}/members", list_members),
    ("PATCH", "/guilds/{guild_id}/members/{user_id}", edit_member),
    ("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", add_member_role),
    ("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", remove_member_role),
    ("GET", "/guilds/{guild_id}/roles", list_roles),
    ("POST", "/guilds/{guild_id}/roles", create_role),
    ("PATCH", "/guilds/{guild_id}/roles/{role_id}", edit_role),
    ("DELETE", "/guilds/{guild_id}/roles/{role_id}", delete_role),
]

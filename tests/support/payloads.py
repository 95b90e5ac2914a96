"""What a Discord client sends when a person acts: interaction payloads, command options, component data.

Each builder refuses, with :class:`~tests.support.results.SimRefused`, what the client would not let a
person send (an unknown option, a value out of range, a disabled button, a missing modal field).
"""

from __future__ import annotations

import mimetypes
import secrets
import time
from typing import Any

from tests.support import limits
from tests.support.fake_discord import FakeDiscord, GuildWorld, InteractionRecord
from tests.support.results import Msg, Person, SimRefused

# The option type a user, role, mentionable or channel select resolves its values as.
SELECT_VALUE_TYPES = {5: 6, 6: 8, 7: 9, 8: 7}


# -- interactions ---------------------------------------------------------------------------------------


def _member_payload(
    fake: FakeDiscord, guild: GuildWorld, person: Person, channel_id: int | None
) -> dict[str, Any]:
    member = dict(guild.members[person.id])
    member["permissions"] = str(fake.permissions(guild, person.id, channel_id))
    return member


def _channel_payload(guild: GuildWorld, channel_id: int) -> dict[str, Any]:
    channel = guild.channels.get(channel_id) or guild.threads.get(channel_id)
    if channel is None:
        raise SimRefused(f"channel {channel_id} does not exist")
    return dict(channel)


def guild_interaction(
    fake: FakeDiscord,
    person: Person,
    itype: int,
    data: dict[str, Any],
    *,
    channel_id: int,
    message: dict[str, Any] | None,
) -> InteractionRecord:
    """An interaction of ``person`` in a guild channel, as Discord would deliver it to the bot."""
    guild = fake.guilds[person.guild_id]
    token = secrets.token_urlsafe(32)
    iid = fake.snowflake()
    payload: dict[str, Any] = {
        "id": str(iid),
        "application_id": str(fake.application_id),
        "type": itype,
        "token": token,
        "version": 1,
        "guild_id": str(guild.id),
        "channel_id": str(channel_id),
        "channel": _channel_payload(guild, channel_id),
        "member": _member_payload(fake, guild, person, channel_id),
        "data": data,
        "app_permissions": str(fake.permissions(guild, int(fake.bot_user["id"]), channel_id)),
        "locale": fake.user_locales.get(person.id, "en-US"),
        "guild_locale": guild.preferred_locale,
        "entitlements": [],
        "authorizing_integration_owners": {"0": str(guild.id)},
        "context": 0,
        "attachment_size_limit": guild.filesize_limit,
    }
    if message is not None:
        payload["message"] = message
    return InteractionRecord(
        id=iid,
        token=token,
        type=itype,
        guild_id=guild.id,
        channel_id=channel_id,
        user_id=person.id,
        data=data,
        payload=payload,
        created=time.monotonic(),
        created_cpu=time.thread_time(),
        source_message_id=None if message is None else int(message["id"]),
    )


def dm_interaction(
    fake: FakeDiscord,
    person: Person,
    itype: int,
    data: dict[str, Any],
    dm: dict[str, Any],
    *,
    message: dict[str, Any] | None,
) -> InteractionRecord:
    """An interaction in the person's direct messages with the bot (no guild, no member)."""
    token = secrets.token_urlsafe(32)
    iid = fake.snowflake()
    payload: dict[str, Any] = {
        "id": str(iid),
        "application_id": str(fake.application_id),
        "type": itype,
        "token": token,
        "version": 1,
        "channel_id": dm["id"],
        "channel": dict(dm),
        "user": fake.users[person.id],
        "data": data,
        "app_permissions": "0",
        "locale": fake.user_locales.get(person.id, "en-US"),
        "entitlements": [],
        "authorizing_integration_owners": {"0": str(person.id)},
        "context": 1,
        "attachment_size_limit": 10 * 1024 * 1024,
    }
    if message is not None:
        payload["message"] = message
    return InteractionRecord(
        id=iid,
        token=token,
        type=itype,
        guild_id=None,
        channel_id=int(dm["id"]),
        user_id=person.id,
        data=data,
        payload=payload,
        created=time.monotonic(),
        created_cpu=time.thread_time(),
        source_message_id=None if message is None else int(message["id"]),
    )


# -- application commands ---------------------------------------------------------------------------


def find_command(fake: FakeDiscord, name: str, ctype: int, guild_id: int) -> dict[str, Any]:
    """The synced command ``name`` of type ``ctype`` (guild commands first, then global ones)."""
    for scope in (str(guild_id), "global"):
        for command in fake.commands.get(scope, []):
            if command["name"] == name and command.get("type", 1) == ctype:
                return command
    known = sorted(c["name"] for cmds in fake.commands.values() for c in cmds)
    raise SimRefused(f"no synced command {name!r} (type {ctype}); Discord knows {known}")


def option_value(
    fake: FakeDiscord, guild: GuildWorld, spec: dict[str, Any], value: Any, resolved: dict[str, Any]
) -> Any:
    """An option's value as sent, checked against its spec; users, channels and roles go in ``resolved``."""
    otype = spec["type"]
    name = spec["name"]
    if isinstance(value, Person):
        value = value.id
    if otype in (6, 7, 8, 9):
        key = str(value["id"] if isinstance(value, dict) else value)
        if otype == 6 or (otype == 9 and int(key) in fake.users):
            user = fake.users[int(key)]
            resolved.setdefault("users", {})[key] = user
            if int(key) in guild.members:
                member = dict(guild.members[int(key)])
                member.pop("user", None)
                member["permissions"] = str(fake.base_permissions(guild, int(key)))
                resolved.setdefault("members", {})[key] = member
        elif otype == 7:
            channel = dict(fake.find_channel(int(key))[1])
            channel["permissions"] = str(fake.permissions(guild, int(fake.bot_user["id"]), int(key)))
            types = spec.get("channel_types")
            if types and channel["type"] not in types:
                raise SimRefused(f"option {name}: channel type {channel['type']} not allowed ({types})")
            resolved.setdefault("channels", {})[key] = channel
        else:
            role = guild.roles[int(key)]
            resolved.setdefault("roles", {})[key] = role
        return key
    if otype == 11:
        return _attachment(fake, guild, name, value, resolved)
    if otype == 3:
        value = str(value)
        low, high = spec.get("min_length"), spec.get("max_length", 6000)
        if low is not None and len(value) < low or len(value) > high:
            raise SimRefused(f"option {name}: length {len(value)} outside {low}..{high}")
    if otype == 4:
        value = int(value)
    if otype == 5:
        value = bool(value)
    if otype in (4, 10):
        low, high = spec.get("min_value"), spec.get("max_value")
        if low is not None and value < low or high is not None and value > high:
            raise SimRefused(f"option {name}: {value} outside {low}..{high}")
    choices = spec.get("choices")
    if choices and value not in [c["value"] for c in choices]:
        raise SimRefused(f"option {name}: {value!r} is not one of the choices")
    return value


def _attachment(fake: FakeDiscord, guild: GuildWorld, name: str, value: Any, resolved: dict[str, Any]) -> str:
    """A file the person picked for an attachment option, given as ``(filename, bytes)``: the client uploads
    it first (refusing one over the server's upload limit), and Discord sends its id as the option's value
    and the attachment in ``resolved.attachments``, served from the CDN like any attachment."""
    if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], bytes)):
        raise SimRefused(f"option {name}: give an attachment as (filename, bytes)")
    filename, data = value
    if len(data) > guild.filesize_limit:
        raise SimRefused(f"option {name}: {len(data)} bytes is over the upload limit {guild.filesize_limit}")
    aid = fake.snowflake()
    url = f"https://cdn.discordapp.com/ephemeral-attachments/{fake.application_id}/{aid}/{filename}"
    fake.cdn[url] = (data, fake.now())
    content_type = mimetypes.guess_type(filename)[0]
    attachment: dict[str, Any] = {
        "id": str(aid),
        "filename": filename,
        "size": len(data),
        "url": url,
        "proxy_url": url,
        "ephemeral": True,
    }
    if content_type is not None:
        attachment["content_type"] = content_type + (
            "; charset=utf-8" if content_type.startswith(("text/", "application/json")) else ""
        )
    resolved.setdefault("attachments", {})[str(aid)] = attachment
    return str(aid)


def build_options(
    fake: FakeDiscord,
    guild: GuildWorld,
    specs: list[dict[str, Any]],
    given: dict[str, Any],
    resolved: dict[str, Any],
    focused: str | None = None,
) -> list[dict[str, Any]]:
    options = []
    names = {s["name"] for s in specs}
    unknown = set(given) - names
    if unknown:
        raise SimRefused(f"unknown options {sorted(unknown)}; the command has {sorted(names)}")
    for spec in specs:
        if spec["name"] not in given:
            if spec.get("required") and focused is None:
                raise SimRefused(f"option {spec['name']} is required")
            continue
        value = given[spec["name"]]
        if spec["name"] == focused:
            options.append({"name": spec["name"], "type": spec["type"], "value": str(value), "focused": True})
            continue
        options.append(
            {
                "name": spec["name"],
                "type": spec["type"],
                "value": option_value(fake, guild, spec, value, resolved),
            }
        )
    return options


def command_data(
    fake: FakeDiscord, person: Person, path: str, given: dict[str, Any], focused: str | None = None
) -> dict[str, Any]:
    """The data of ``/path`` (subcommands separated by spaces) with the ``given`` options."""
    guild = fake.guilds[person.guild_id]
    parts = path.split()
    command = find_command(fake, parts[0], 1, guild.id)
    data: dict[str, Any] = {"id": command["id"], "name": command["name"], "type": 1}
    if command.get("guild_id"):
        data["guild_id"] = command["guild_id"]
    resolved: dict[str, Any] = {}
    specs = command.get("options") or []
    holder = data
    for sub in parts[1:]:
        spec = next((s for s in specs if s["name"] == sub and s["type"] in (1, 2)), None)
        if spec is None:
            raise SimRefused(f"/{path}: no subcommand {sub!r}")
        node: dict[str, Any] = {"name": sub, "type": spec["type"], "options": []}
        holder.setdefault("options", []).append(node)
        holder, specs = node, spec.get("options") or []
    if any(s["type"] in (1, 2) for s in specs):
        raise SimRefused(f"/{path} needs a subcommand")
    holder["options"] = build_options(fake, guild, specs, given, resolved, focused)
    if resolved:
        data["resolved"] = resolved
    return data


def user_command_data(fake: FakeDiscord, person: Person, name: str, target: Person) -> dict[str, Any]:
    guild = fake.guilds[person.guild_id]
    command = find_command(fake, name, 2, guild.id)
    resolved: dict[str, Any] = {}
    option_value(fake, guild, {"type": 6, "name": "target"}, target.id, resolved)
    return {
        "id": command["id"],
        "name": name,
        "type": 2,
        "target_id": str(target.id),
        "resolved": resolved,
    }


def message_command_data(fake: FakeDiscord, person: Person, name: str, message: Msg) -> dict[str, Any]:
    guild = fake.guilds[person.guild_id]
    command = find_command(fake, name, 3, guild.id)
    return {
        "id": command["id"],
        "name": name,
        "type": 3,
        "target_id": str(message.id),
        "resolved": {"messages": {str(message.id): message.data}},
    }


# -- components and modals --------------------------------------------------------------------------


def find_component(message: Msg, wanted: str, types: tuple[int, ...]) -> dict[str, Any]:
    """The component of one of ``types`` whose label, custom_id or placeholder is ``wanted``."""
    for component in message.components():
        if component.get("type") not in types:
            continue
        if wanted in (component.get("label"), component.get("custom_id"), component.get("placeholder")):
            return component
    raise SimRefused(f"no component {wanted!r} on message {message.id}: {list(message.components())}")


def button_data(button: dict[str, Any], label: str) -> dict[str, Any]:
    if button.get("disabled"):
        raise SimRefused(f"button {label!r} is disabled")
    if button.get("style") == 5:
        raise SimRefused("link buttons open a URL, they do not reach the bot")
    return {"custom_id": button["custom_id"], "component_type": 2}


def select_data(
    fake: FakeDiscord, person: Person, component: dict[str, Any], values: list[str]
) -> dict[str, Any]:
    if component.get("disabled"):
        raise SimRefused("the select is disabled")
    low, high = component.get("min_values", 1), component.get("max_values", 1)
    if not low <= len(values) <= high:
        raise SimRefused(f"{len(values)} values outside {low}..{high}")
    if component["type"] == 3:
        allowed = {o["value"] for o in component.get("options") or []}
        if set(values) - allowed:
            raise SimRefused(f"values {set(values) - allowed} are not options")
    data: dict[str, Any] = {
        "custom_id": component["custom_id"],
        "component_type": component["type"],
        "values": values,
    }
    if component["type"] in (5, 6, 7, 8):
        guild = fake.guilds[person.guild_id]
        resolved: dict[str, Any] = {}
        kind = SELECT_VALUE_TYPES[component["type"]]
        for value in values:
            option_value(fake, guild, {"type": kind, "name": "values"}, value, resolved)
        data["resolved"] = resolved
    return data


def modal_submit_data(
    fake: FakeDiscord, person: Person, modal: dict[str, Any], values: dict[str, Any]
) -> dict[str, Any]:
    """The modal filled with ``values`` (keys: label or custom_id), as its submission sends it."""
    guild = fake.guilds[person.guild_id]
    remaining = dict(values)
    components: list[dict[str, Any]] = []
    resolved: dict[str, Any] = {}

    def fill(inner: dict[str, Any], label: str | None) -> dict[str, Any]:
        key = next((k for k in (label, inner.get("custom_id")) if k is not None and k in remaining), None)
        value = remaining.pop(key) if key is not None else None
        if inner["type"] == 4:
            text = "" if value is None else str(value)
            if inner.get("required", True) and not text:
                raise SimRefused(f"modal field {label or inner['custom_id']!r} is required")
            low, high = inner.get("min_length"), inner.get("max_length", limits.TEXT_INPUT_VALUE)
            if text and (low is not None and len(text) < low or len(text) > high):
                raise SimRefused(f"modal field {label!r}: length {len(text)} outside {low}..{high}")
            return {"type": 4, "custom_id": inner["custom_id"], "value": text}
        chosen = [] if value is None else ([value] if isinstance(value, str | int | Person) else list(value))
        chosen = [str(v.id) if isinstance(v, Person) else str(v) for v in chosen]
        if inner.get("required", True) and not chosen:
            raise SimRefused(f"modal select {label!r} is required")
        if inner["type"] in (5, 6, 7, 8):
            kind = SELECT_VALUE_TYPES[inner["type"]]
            for v in chosen:
                option_value(fake, guild, {"type": kind, "name": "values"}, v, resolved)
        return {"type": inner["type"], "custom_id": inner["custom_id"], "values": chosen}

    for top in modal.get("components") or []:
        if top["type"] == 18:
            components.append(
                {"type": 18, "id": top.get("id"), "component": fill(top["component"], top.get("label"))}
            )
        elif top["type"] == 1:
            inner = top["components"][0]
            components.append({"type": 1, "components": [fill(inner, inner.get("label"))]})
        else:
            components.append({"type": top["type"], "id": top.get("id")})
    if remaining:
        raise SimRefused(f"the modal has no fields {sorted(remaining)}")
    data: dict[str, Any] = {"custom_id": modal["custom_id"], "components": components}
    if resolved:
        data["resolved"] = resolved
    return data

"""The simulated Discord as a test uses it: people, channels, and what they do to the real bot.

    alice = sim.member("alice")
    result = await sim.slash(alice, "tickets status", channel=sim.general)
    assert result.ephemeral and "TicketDesk status" in result.text

Every action goes through the bot's real ``ConnectionState`` and ``CommandTree``; afterwards the sim
waits until the bot has finished everything the action started (:meth:`Sim.settle`).
"""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import secrets
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import discord

from bot import Settings, create_bot
from bot.app import TicketDeskBot
from tests.support import limits
from tests.support.fake_discord import (
    EPHEMERAL,
    THREAD_TYPES,
    FakeDiscord,
    Fault,
    GuildWorld,
    InteractionRecord,
    Upload,
)
from tests.support.routes import ROUTE_TABLE
from tests.support.routes.messages import check_can_post, remove_message
from tests.support.sim_http import SimHTTP, patch_webhook_adapter

BACKGROUND_PREFIX = "td-bg:"


class SimRefused(AssertionError):
    """The Discord client itself would not let the person do this (a disabled button, a missing option)."""


class FakeClock:
    """The world's and the bot's clock; tests move it with :meth:`advance`, which wakes sleepers."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = (start or datetime.now(UTC)).replace(microsecond=0)
        self._moved: asyncio.Event | None = None
        self.sleepers: set[asyncio.Task[Any]] = set()

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = moment
        self._wake()

    def advance(self, delta: timedelta) -> None:
        self._now += delta
        self._wake()

    def _wake(self) -> None:
        if self._moved is not None:
            self._moved.set()
            self._moved = None

    async def sleep_until(self, moment: datetime) -> None:
        task = asyncio.current_task()
        assert task is not None
        self.sleepers.add(task)
        try:
            while self._now < moment:
                if self._moved is None:
                    self._moved = asyncio.Event()
                await self._moved.wait()
        finally:
            self.sleepers.discard(task)


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    guild_id: int

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass
class Msg:
    """A message as Discord holds it (JSON), with helpers to read it like a user would."""

    data: dict[str, Any]

    @property
    def id(self) -> int:
        return int(self.data["id"])

    @property
    def channel_id(self) -> int:
        return int(self.data["channel_id"])

    @property
    def content(self) -> str:
        return self.data.get("content") or ""

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return self.data.get("embeds") or []

    @property
    def author_id(self) -> int:
        return int(self.data["author"]["id"])

    @property
    def ephemeral(self) -> bool:
        return bool(int(self.data.get("flags") or 0) & EPHEMERAL)

    @property
    def text(self) -> str:
        """Content and every embed's visible text, joined."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [embed.get("title") or "", embed.get("description") or ""]
            for fld in embed.get("fields") or []:
                parts += [fld.get("name", ""), fld.get("value", "")]
            parts.append((embed.get("footer") or {}).get("text") or "")
            parts.append((embed.get("author") or {}).get("name") or "")
        return "\n".join(p for p in parts if p)

    def components(self) -> Iterator[dict[str, Any]]:
        def walk(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
            for item in items:
                yield item
                yield from walk(item.get("components") or [])
                if item.get("component"):
                    yield from walk([item["component"]])
                if item.get("accessory"):
                    yield from walk([item["accessory"]])

        return walk(self.data.get("components") or [])

    def buttons(self) -> list[dict[str, Any]]:
        return [c for c in self.components() if c.get("type") == 2]

    def button_labels(self) -> list[str]:
        return [b.get("label") or "" for b in self.buttons()]

    def selects(self) -> list[dict[str, Any]]:
        return [c for c in self.components() if c.get("type") in (3, 5, 6, 7, 8)]

    @property
    def pinged_users(self) -> set[int]:
        return {int(u["id"]) for u in self.data.get("mentions") or []}

    @property
    def pinged_roles(self) -> set[int]:
        return {int(r) for r in self.data.get("mention_roles") or []}

    @property
    def pinged_everyone(self) -> bool:
        return bool(self.data.get("mention_everyone"))

    @property
    def pings_anyone(self) -> bool:
        return bool(self.pinged_users or self.pinged_roles or self.pinged_everyone)


@dataclass
class InteractionResult:
    """What the person saw after acting: the bot's responses, modal, choices, follow-ups."""

    sim: Sim
    record: InteractionRecord
    person: Person

    @property
    def acknowledged(self) -> bool:
        return self.record.acked_type is not None

    @property
    def ack_type(self) -> int | None:
        return self.record.acked_type

    @property
    def ack_latency(self) -> float | None:
        return self.record.ack_latency

    @property
    def modal(self) -> dict[str, Any] | None:
        return self.record.modal

    @property
    def choices(self) -> list[dict[str, Any]]:
        return self.record.choices or []

    def _message(self, message_id: int) -> dict[str, Any] | None:
        return (
            self.record.ephemeral_messages.get(message_id)
            or self.sim.fake.message_index.get(message_id)
            or self.sim.fake.deleted_messages.get(message_id)
        )

    @property
    def messages(self) -> list[Msg]:
        """The original response (unless it only updated another message) and the follow-ups, in order."""
        ids: list[int] = []
        if self.record.original_message_id is not None and self.record.acked_type in (4, 5):
            ids.append(self.record.original_message_id)
        ids += [i for i in self.record.followup_ids if i not in ids]
        found = [self._message(i) for i in ids]
        return [Msg(m) for m in found if m is not None]

    @property
    def text(self) -> str:
        return "\n".join(m.text for m in self.messages)

    @property
    def ephemeral(self) -> bool:
        """True when everything the bot answered was visible to this person only."""
        msgs = self.messages
        return bool(msgs) and all(m.ephemeral for m in msgs)

    @property
    def last(self) -> Msg:
        msgs = self.messages
        if not msgs:
            raise AssertionError(f"the interaction got no message; responses: {self.record.responses}")
        return msgs[-1]

    @property
    def updated_message(self) -> Msg | None:
        """The component's message after an UPDATE_MESSAGE (type 7) answer."""
        if self.record.source_message_id is None:
            return None
        found = self._message(self.record.source_message_id)
        return None if found is None else Msg(found)


class _ErrorCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class Sim:
    """One simulated Discord world, one guild to start with, and the real bot connected to it."""

    def __init__(self, tmp_path: Path, **settings: Any) -> None:
        self.tmp_path = tmp_path
        self.clock = FakeClock()
        self.fake = FakeDiscord(ROUTE_TABLE, now=self.clock.now)
        settings.setdefault("data_dir", tmp_path / "data")
        settings.setdefault("token", "sim-token-not-real")
        self.settings = Settings(**settings)
        self.bot: TicketDeskBot | None = None
        self._undo_adapter = patch_webhook_adapter(self.fake)
        self._collector = _ErrorCollector()
        logging.getLogger().addHandler(self._collector)
        self._expected_errors = 0
        self._baseline: set[asyncio.Task[Any]] = set()
        # the default world: an owner, a guild, a general channel
        self.owner_user = self.fake.add_user("owner")
        self.guild_world: GuildWorld = self.fake.add_guild("Test Server", self.owner_user)
        self.owner = Person(int(self.owner_user["id"]), "owner", self.guild_world.id)
        self.general = self.add_channel("general")

    # -- the world ----------------------------------------------------------------------------------

    @property
    def guild_id(self) -> int:
        return self.guild_world.id

    @property
    def guild(self) -> discord.Guild:
        """The bot's view of the guild (its cache)."""
        assert self.bot is not None
        found = self.bot.get_guild(self.guild_id)
        assert found is not None
        return found

    def member(
        self, name: str, *, roles: Iterable[dict[str, Any]] = (), guild_id: int | None = None
    ) -> Person:
        user = self.fake.add_user(name)
        gid = guild_id or self.guild_id
        self.fake.add_member(gid, user, roles)
        return Person(int(user["id"]), name, gid)

    def role(
        self, name: str, permissions: discord.Permissions | int = 0, *, guild_id: int | None = None
    ) -> dict[str, Any]:
        value = permissions.value if isinstance(permissions, discord.Permissions) else permissions
        return self.fake.add_role(guild_id or self.guild_id, name, value)

    async def delete_role(self, role: dict[str, Any], *, guild_id: int | None = None) -> None:
        """An admin deletes a role."""
        gid = guild_id or self.guild_id
        self.fake.guilds[gid].roles.pop(int(role["id"]))
        for member in self.fake.guilds[gid].members.values():
            member["roles"] = [r for r in member["roles"] if r != role["id"]]
        self.fake.emit("GUILD_ROLE_DELETE", {"guild_id": str(gid), "role_id": role["id"]})
        await self.settle()

    def give_role(self, person: Person, role: dict[str, Any]) -> None:
        member = self.fake.guilds[person.guild_id].members[person.id]
        self.fake.set_member_roles(person.guild_id, person.id, [*map(int, member["roles"]), int(role["id"])])

    def add_channel(
        self,
        name: str,
        *,
        type: int = 0,
        category: int | None = None,
        overwrites: list[dict[str, Any]] | None = None,
        guild_id: int | None = None,
    ) -> int:
        channel = self.fake.add_channel(
            guild_id or self.guild_id, name, type=type, parent_id=category, overwrites=overwrites
        )
        return int(channel["id"])

    def add_category(self, name: str, *, guild_id: int | None = None) -> int:
        return self.add_channel(name, type=4, guild_id=guild_id)

    def channel(self, channel_id: int) -> dict[str, Any]:
        """The channel or thread as Discord holds it."""
        return self.fake.find_channel(channel_id)[1]

    def channels_named(self, name: str) -> list[dict[str, Any]]:
        guild = self.fake.guilds[self.guild_id]
        return [c for c in [*guild.channels.values(), *guild.threads.values()] if c["name"] == name]

    def can_see(self, person: Person, channel_id: int) -> bool:
        return self.fake.can_see(person.guild_id, person.id, channel_id)

    def can_send(self, person: Person, channel_id: int) -> bool:
        guild = self.fake.guilds[person.guild_id]
        perms = discord.Permissions(self.fake.permissions(guild, person.id, channel_id))
        channel = self.channel(channel_id)
        if channel["type"] in THREAD_TYPES:
            meta = channel["thread_metadata"]
            if meta["locked"] and not perms.manage_threads:
                return False
            return perms.send_messages_in_threads and perms.view_channel
        return perms.send_messages and perms.view_channel

    def messages(self, channel_id: int) -> list[Msg]:
        """Every message of a channel, oldest first."""
        return [Msg(m) for m in self.fake.channel_messages(channel_id)]

    def dms(self, person: Person) -> list[Msg]:
        dm = self.fake.dm_channels.get(person.id)
        return [] if dm is None else self.messages(int(dm["id"]))

    # -- the bot ----------------------------------------------------------------------------------------

    async def start(self) -> TicketDeskBot:
        """Log a fresh bot in (its real setup_hook runs), then connect it to the world."""
        assert self.bot is None, "the bot is already running"
        if not self._baseline:
            self._baseline = set(asyncio.all_tasks())
        bot = create_bot(self.settings, clock=self.clock)
        http = SimHTTP(self.fake)
        bot.http = http
        bot._connection.http = http
        bot.tree._http = http
        await bot.login(self.settings.token_value() or "")
        self.fake.connect(bot._connection)
        self.bot = bot
        await self.settle()
        return bot

    async def stop(self) -> None:
        """Disconnect and close the bot (the world stays)."""
        if self.bot is None:
            return
        await self.settle()
        self.fake.disconnect(self.bot._connection)
        await self.bot.close()
        self.bot = None

    async def crash(self) -> None:
        """The bot process dies: its tasks stop where they are, nothing is flushed or finished."""
        assert self.bot is not None
        me = asyncio.current_task()
        self.fake.disconnect(self.bot._connection)
        doomed = [t for t in asyncio.all_tasks() if t is not me and t not in self._baseline and not t.done()]
        for task in doomed:
            task.cancel()
        await asyncio.gather(*doomed, return_exceptions=True)
        await self.bot.db.close()
        await self.bot.close()
        self.bot = None

    async def restart(self) -> TicketDeskBot:
        await self.stop()
        return await self.start()

    async def close(self) -> None:
        try:
            await self.stop()
        finally:
            self._undo_adapter()
            logging.getLogger().removeHandler(self._collector)

    def _counts(self, task: asyncio.Task[Any]) -> bool:
        if task in self._baseline or task.done():
            return False
        if task.get_name().startswith(BACKGROUND_PREFIX) and task in self.clock.sleepers:
            return False
        coro = task.get_coro()
        qualname = getattr(coro, "__qualname__", "")
        return "__timeout_task_impl" not in qualname

    async def settle(self, limit: float = 30.0) -> None:
        """Wait until every event has been delivered and every task the bot started has finished."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        me = asyncio.current_task()
        quiet_rounds = 0
        while quiet_rounds < 3:
            await asyncio.sleep(0)
            busy = [t for t in asyncio.all_tasks() if t is not me and self._counts(t)]
            if busy:
                quiet_rounds = 0
                remaining = deadline - loop.time()
                if remaining <= 0:
                    names = ", ".join(sorted(t.get_name() for t in busy))
                    raise AssertionError(f"the bot did not settle within {limit}s: {names}")
                background = any(t.get_name().startswith(BACKGROUND_PREFIX) for t in busy)
                await asyncio.wait(
                    busy,
                    timeout=min(remaining, 0.01 if background else 1.0),
                    return_when=asyncio.FIRST_COMPLETED,
                )
            elif self.fake.pending_events:
                quiet_rounds = 0
            else:
                quiet_rounds += 1

    async def until(self, fault: Fault, limit: float = 10.0) -> None:
        """Wait until the bot's requests reach ``fault`` (for tests that stop the bot half-way)."""
        await asyncio.wait_for(fault.reached.wait(), limit)
        await asyncio.sleep(0)

    # -- errors ---------------------------------------------------------------------------------------

    @contextmanager
    def expect_errors(self, count: int = 1) -> Iterator[None]:
        """Allow exactly ``count`` error log records inside the block."""
        before = len(self._collector.records)
        yield
        got = len(self._collector.records) - before
        if got != count:
            raise AssertionError(
                f"expected {count} logged error(s), got {got}: {self._collector.records[before:]}"
            )
        self._expected_errors += got

    def unexpected_errors(self) -> list[logging.LogRecord]:
        return self._collector.records[self._expected_errors :]

    @property
    def violations(self) -> list[str]:
        return self.fake.violations

    # -- people acting --------------------------------------------------------------------------------

    def _member_payload(self, guild: GuildWorld, person: Person, channel_id: int | None) -> dict[str, Any]:
        member = dict(guild.members[person.id])
        member["permissions"] = str(self.fake.permissions(guild, person.id, channel_id))
        return member

    def _channel_payload(self, guild: GuildWorld, channel_id: int) -> dict[str, Any]:
        channel = guild.channels.get(channel_id) or guild.threads.get(channel_id)
        if channel is None:
            raise SimRefused(f"channel {channel_id} does not exist")
        return dict(channel)

    async def _dispatch(
        self,
        person: Person,
        itype: int,
        data: dict[str, Any],
        *,
        channel_id: int,
        message: dict[str, Any] | None = None,
        settle: bool = True,
    ) -> InteractionResult:
        assert self.bot is not None, "start the bot first"
        dm = next((d for d in self.fake.dm_channels.values() if int(d["id"]) == channel_id), None)
        if dm is not None:
            return await self._dispatch_dm(person, itype, data, dm, message=message, settle=settle)
        guild = self.fake.guilds[person.guild_id]
        if person.id not in guild.members:
            raise SimRefused(f"{person.name} is not in the guild")
        if not self.fake.can_see(person.guild_id, person.id, channel_id):
            raise SimRefused(f"{person.name} cannot see channel {channel_id}")
        token = secrets.token_urlsafe(32)
        iid = self.fake.snowflake()
        payload: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(self.fake.application_id),
            "type": itype,
            "token": token,
            "version": 1,
            "guild_id": str(guild.id),
            "channel_id": str(channel_id),
            "channel": self._channel_payload(guild, channel_id),
            "member": self._member_payload(guild, person, channel_id),
            "data": data,
            "app_permissions": str(self.fake.permissions(guild, int(self.fake.bot_user["id"]), channel_id)),
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild.id)},
            "context": 0,
            "attachment_size_limit": guild.filesize_limit,
        }
        if message is not None:
            payload["message"] = message
        record = InteractionRecord(
            id=iid,
            token=token,
            type=itype,
            guild_id=guild.id,
            channel_id=channel_id,
            user_id=person.id,
            data=data,
            payload=payload,
            created=time.monotonic(),
            source_message_id=None if message is None else int(message["id"]),
        )
        self.fake.interactions[token] = record
        self.fake.emit("INTERACTION_CREATE", payload)
        if settle:
            await self.settle()
        return InteractionResult(self, record, person)

    async def _dispatch_dm(
        self,
        person: Person,
        itype: int,
        data: dict[str, Any],
        dm: dict[str, Any],
        *,
        message: dict[str, Any] | None,
        settle: bool,
    ) -> InteractionResult:
        """An interaction in the person's direct messages with the bot (no guild, no member)."""
        if int(dm["recipients"][0]["id"]) != person.id:
            raise SimRefused(f"{person.name} cannot see someone else's DMs")
        token = secrets.token_urlsafe(32)
        iid = self.fake.snowflake()
        payload: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(self.fake.application_id),
            "type": itype,
            "token": token,
            "version": 1,
            "channel_id": dm["id"],
            "channel": dict(dm),
            "user": self.fake.users[person.id],
            "data": data,
            "app_permissions": "0",
            "locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(person.id)},
            "context": 1,
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if message is not None:
            payload["message"] = message
        record = InteractionRecord(
            id=iid,
            token=token,
            type=itype,
            guild_id=None,
            channel_id=int(dm["id"]),
            user_id=person.id,
            data=data,
            payload=payload,
            created=time.monotonic(),
            source_message_id=None if message is None else int(message["id"]),
        )
        self.fake.interactions[token] = record
        self.fake.emit("INTERACTION_CREATE", payload)
        if settle:
            await self.settle()
        return InteractionResult(self, record, person)

    def _command(self, name: str, ctype: int, guild_id: int) -> dict[str, Any]:
        for scope in (str(guild_id), "global"):
            for command in self.fake.commands.get(scope, []):
                if command["name"] == name and command.get("type", 1) == ctype:
                    return command
        known = sorted(c["name"] for cmds in self.fake.commands.values() for c in cmds)
        raise SimRefused(f"no synced command {name!r} (type {ctype}); Discord knows {known}")

    def _option_value(
        self, guild: GuildWorld, spec: dict[str, Any], value: Any, resolved: dict[str, Any]
    ) -> Any:
        otype = spec["type"]
        name = spec["name"]
        if isinstance(value, Person):
            value = value.id
        if otype in (6, 7, 8, 9):
            key = str(value["id"] if isinstance(value, dict) else value)
            if otype == 6 or (otype == 9 and int(key) in self.fake.users):
                user = self.fake.users[int(key)]
                resolved.setdefault("users", {})[key] = user
                if int(key) in guild.members:
                    member = dict(guild.members[int(key)])
                    member.pop("user", None)
                    member["permissions"] = str(self.fake.base_permissions(guild, int(key)))
                    resolved.setdefault("members", {})[key] = member
            elif otype == 7:
                channel = dict(self.channel(int(key)))
                channel["permissions"] = str(
                    self.fake.permissions(guild, int(self.fake.bot_user["id"]), int(key))
                )
                types = spec.get("channel_types")
                if types and channel["type"] not in types:
                    raise SimRefused(f"option {name}: channel type {channel['type']} not allowed ({types})")
                resolved.setdefault("channels", {})[key] = channel
            else:
                role = guild.roles[int(key)]
                resolved.setdefault("roles", {})[key] = role
            return key
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

    def _build_options(
        self,
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
                options.append(
                    {"name": spec["name"], "type": spec["type"], "value": str(value), "focused": True}
                )
                continue
            options.append(
                {
                    "name": spec["name"],
                    "type": spec["type"],
                    "value": self._option_value(guild, spec, value, resolved),
                }
            )
        return options

    def _command_data(
        self, person: Person, path: str, given: dict[str, Any], focused: str | None = None
    ) -> dict[str, Any]:
        guild = self.fake.guilds[person.guild_id]
        parts = path.split()
        command = self._command(parts[0], 1, guild.id)
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
        holder["options"] = self._build_options(guild, specs, given, resolved, focused)
        if resolved:
            data["resolved"] = resolved
        return data

    async def slash(
        self,
        person: Person,
        path: str,
        *,
        channel: int,
        settle: bool = True,
        opts: dict[str, Any] | None = None,
        **named: Any,
    ) -> InteractionResult:
        """``/path`` used by ``person`` in ``channel`` with options (names as in the command).

        An option called ``channel`` (the keyword names the interaction's channel) goes in ``opts``.
        """
        data = self._command_data(person, path, {**(opts or {}), **named})
        return await self._dispatch(person, 2, data, channel_id=channel, settle=settle)

    async def autocomplete(
        self, person: Person, path: str, *, channel: int, focused: str, **options: Any
    ) -> list[dict[str, Any]]:
        data = self._command_data(person, path, options, focused=focused)
        result = await self._dispatch(person, 4, data, channel_id=channel)
        return result.choices

    async def user_command(
        self, person: Person, name: str, target: Person, *, channel: int
    ) -> InteractionResult:
        guild = self.fake.guilds[person.guild_id]
        command = self._command(name, 2, guild.id)
        resolved: dict[str, Any] = {}
        self._option_value(guild, {"type": 6, "name": "target"}, target.id, resolved)
        data = {
            "id": command["id"],
            "name": name,
            "type": 2,
            "target_id": str(target.id),
            "resolved": resolved,
        }
        return await self._dispatch(person, 2, data, channel_id=channel)

    async def message_command(self, person: Person, name: str, message: Msg) -> InteractionResult:
        guild = self.fake.guilds[person.guild_id]
        command = self._command(name, 3, guild.id)
        data = {
            "id": command["id"],
            "name": name,
            "type": 3,
            "target_id": str(message.id),
            "resolved": {"messages": {str(message.id): message.data}},
        }
        return await self._dispatch(person, 2, data, channel_id=message.channel_id)

    def _find_component(self, message: Msg, wanted: str, types: tuple[int, ...]) -> dict[str, Any]:
        for component in message.components():
            if component.get("type") not in types:
                continue
            if wanted in (component.get("label"), component.get("custom_id"), component.get("placeholder")):
                return component
        raise SimRefused(f"no component {wanted!r} on message {message.id}: {list(message.components())}")

    async def click(
        self, person: Person, message: Msg, label: str, *, settle: bool = True
    ) -> InteractionResult:
        """``person`` clicks the button labelled (or with custom_id) ``label`` on ``message``."""
        message = self.refresh(message)
        button = self._find_component(message, label, (2,))
        if button.get("disabled"):
            raise SimRefused(f"button {label!r} is disabled")
        if button.get("style") == 5:
            raise SimRefused("link buttons open a URL, they do not reach the bot")
        data = {"custom_id": button["custom_id"], "component_type": 2}
        return await self._dispatch(
            person, 3, data, channel_id=message.channel_id, message=message.data, settle=settle
        )

    async def choose(
        self,
        person: Person,
        message: Msg,
        values: list[str],
        *,
        select: str | None = None,
        settle: bool = True,
    ) -> InteractionResult:
        """``person`` picks ``values`` in a select (by placeholder or custom_id; the only one if omitted)."""
        message = self.refresh(message)
        if select is None:
            selects = message.selects()
            if len(selects) != 1:
                raise SimRefused(f"message {message.id} has {len(selects)} selects; name one")
            component = selects[0]
        else:
            component = self._find_component(message, select, (3, 5, 6, 7, 8))
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
            guild = self.fake.guilds[person.guild_id]
            resolved: dict[str, Any] = {}
            kind = {5: 6, 6: 8, 7: 9, 8: 7}[component["type"]]
            for value in values:
                self._option_value(guild, {"type": kind, "name": "values"}, value, resolved)
            data["resolved"] = resolved
        return await self._dispatch(
            person, 3, data, channel_id=message.channel_id, message=message.data, settle=settle
        )

    async def submit(
        self, person: Person, opened: InteractionResult, values: dict[str, Any], *, settle: bool = True
    ) -> InteractionResult:
        """``person`` fills the modal ``opened`` showed (keys: label or custom_id) and submits it."""
        modal = opened.modal
        if modal is None:
            raise SimRefused(f"no modal was shown; responses: {opened.record.responses}")
        guild = self.fake.guilds[person.guild_id]
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
            chosen = (
                [] if value is None else ([value] if isinstance(value, str | int | Person) else list(value))
            )
            chosen = [str(v.id) if isinstance(v, Person) else str(v) for v in chosen]
            if inner.get("required", True) and not chosen:
                raise SimRefused(f"modal select {label!r} is required")
            if inner["type"] in (5, 6, 7, 8):
                kind = {5: 6, 6: 8, 7: 9, 8: 7}[inner["type"]]
                for v in chosen:
                    self._option_value(guild, {"type": kind, "name": "values"}, v, resolved)
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
        source = None
        if opened.record.source_message_id is not None:
            source = self.fake.message_index.get(
                opened.record.source_message_id
            ) or opened.record.ephemeral_messages.get(opened.record.source_message_id)
        return await self._dispatch(
            person,
            5,
            data,
            channel_id=opened.record.channel_id or self.general,
            message=source,
            settle=settle,
        )

    def refresh(self, message: Msg) -> Msg:
        """The message as it is now (after edits)."""
        current = self.fake.message_index.get(message.id)
        if current is None:
            for record in self.fake.interactions.values():
                if message.id in record.ephemeral_messages:
                    return Msg(record.ephemeral_messages[message.id])
            raise SimRefused(f"message {message.id} no longer exists")
        return Msg(current)

    # -- people talking --------------------------------------------------------------------------------

    async def say(
        self,
        person: Person,
        channel_id: int,
        content: str = "",
        *,
        files: Iterable[tuple[str, bytes]] = (),
        embeds: list[dict[str, Any]] | None = None,
        settle: bool = True,
    ) -> Msg:
        """``person`` posts a message (with attachments) as a Discord client would."""
        guild = self.fake.guilds[person.guild_id]
        _, channel = self.fake.find_channel(channel_id)
        uploads = [Upload(name, data, mimetypes.guess_type(name)[0]) for name, data in files]
        check_can_post(self.fake, guild, channel, uploads, user_id=person.id)
        body = {"content": content, "embeds": embeds or []}
        limits.check_message(body, files=len(uploads))
        message = self.fake.build_message(
            channel_id, self.fake.users[person.id], body, guild=guild, uploads=uploads
        )
        self.fake.store_message(message)
        if settle:
            await self.settle()
        return Msg(message)

    async def edit(self, person: Person, message: Msg, content: str, *, settle: bool = True) -> Msg:
        current = self.fake.message_index[message.id]
        if int(current["author"]["id"]) != person.id:
            raise SimRefused("people can only edit their own messages")
        current["content"] = content
        current["edited_timestamp"] = self.fake.iso_now()
        self.fake.emit("MESSAGE_UPDATE", current)
        if settle:
            await self.settle()
        return Msg(current)

    async def delete(self, message: Msg, *, settle: bool = True) -> None:
        remove_message(self.fake, self.fake.message_index[message.id])
        if settle:
            await self.settle()

    async def delete_channel(self, channel_id: int, *, settle: bool = True) -> None:
        """An admin deletes a channel or thread by hand."""
        self.fake.delete_channel(channel_id)
        if settle:
            await self.settle()

    async def leave(self, person: Person, *, settle: bool = True) -> None:
        self.fake.remove_member(person.guild_id, person.id)
        if settle:
            await self.settle()

    async def advance(self, delta: timedelta) -> None:
        """Move the world's and the bot's clock forward."""
        self.clock.advance(delta)
        await self.settle()


async def finish(sim: Sim) -> None:
    """Close the sim, then fail on anything the bot logged as an error or any Discord rule it broke."""
    await sim.close()
    errors = sim.unexpected_errors()
    assert not errors, "the bot logged errors:\n" + "\n".join(
        f"{r.name}: {r.getMessage()}" + (f"\n{r.exc_text or ''}" if r.exc_info else "") for r in errors
    )
    assert not sim.violations, f"the bot broke Discord's rules: {sim.violations}"

"""The simulated Discord as a test uses it: people, channels, and what they do to a real bot.

    alice = sim.member("alice")
    result = await sim.slash(alice, "ping", channel=sim.general)
    assert result.ephemeral and "pong" in result.text

Every action goes through the bot's real ``ConnectionState`` and ``CommandTree``; afterwards the sim
waits until the bot has finished everything the action started (:meth:`Sim.settle`). The bot comes
from a factory, so any discord.py client can be tested; TicketDesk's wiring is in ``desk``.
"""

from __future__ import annotations

import asyncio
import logging
import mimetypes
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any, Generic, TypeVar

import discord

from tests.support import limits, payloads
from tests.support.clock import FakeClock
from tests.support.fake_discord import (
    THREAD_TYPES,
    FakeDiscord,
    Fault,
    GuildWorld,
    Hold,
    InteractionRecord,
    Upload,
)
from tests.support.results import InteractionResult, Msg, Person, SimRefused
from tests.support.routes import ROUTE_TABLE
from tests.support.routes.messages import check_can_post, remove_message
from tests.support.sim_http import SimHTTP, patch_webhook_adapter

BotT = TypeVar("BotT", bound=discord.Client)


class _ErrorCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class Sim(Generic[BotT]):
    """One simulated Discord world, one guild to start with, and a real bot connected to it.

    ``make_bot`` builds a fresh client on the sim's clock at every (re)start. ``bot_permissions`` and
    ``bot_name`` describe the bot in Discord (see :class:`FakeDiscord`); ``token`` is what it logs in
    with. Tasks named with ``background_prefix`` that wait on the clock do not keep :meth:`settle` waiting.
    """

    def __init__(
        self,
        make_bot: Callable[[FakeClock], BotT],
        *,
        bot_permissions: int,
        bot_name: str = "Bot",
        token: str = "sim-token-not-real",
        background_prefix: str | None = None,
    ) -> None:
        self.make_bot = make_bot
        self.token = token
        self.background_prefix = background_prefix
        self.clock = FakeClock()
        self.last_interaction: InteractionRecord | None = None
        self.fake = FakeDiscord(
            ROUTE_TABLE, now=self.clock.now, bot_permissions=bot_permissions, bot_name=bot_name
        )
        self.bot: BotT | None = None
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

    def take_role(self, person: Person, role: dict[str, Any]) -> None:
        """An admin takes ``role`` away from ``person``."""
        member = self.fake.guilds[person.guild_id].members[person.id]
        kept = [int(r) for r in member["roles"] if int(r) != int(role["id"])]
        self.fake.set_member_roles(person.guild_id, person.id, kept)

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

    async def start(self) -> BotT:
        """Log a fresh bot in (its real setup_hook runs), then connect it to the world."""
        assert self.bot is None, "the bot is already running"
        if not self._baseline:
            self._baseline = set(asyncio.all_tasks())
        bot = self.make_bot(self.clock)
        http = SimHTTP(self.fake)
        bot.http = http
        bot._connection.http = http
        tree = getattr(bot, "tree", None)  # a commands.Bot's CommandTree
        if tree is not None:
            tree._http = http
        await bot.login(self.token)
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
        await self.on_crash(self.bot)
        await self.bot.close()
        self.bot = None

    async def on_crash(self, bot: BotT) -> None:
        """After a crash, let go of what a dead process leaves behind (open files); nothing by default."""

    async def restart(self) -> BotT:
        await self.stop()
        return await self.start()

    async def close(self) -> None:
        try:
            await self.stop()
        finally:
            self._undo_adapter()
            logging.getLogger().removeHandler(self._collector)

    def _background(self, task: asyncio.Task[Any]) -> bool:
        return self.background_prefix is not None and task.get_name().startswith(self.background_prefix)

    def _counts(self, task: asyncio.Task[Any]) -> bool:
        if task in self._baseline or task.done():
            return False
        if self._background(task) and task in self.clock.sleepers:
            return False
        if task in self.fake.held_tasks:
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
                background = any(self._background(t) for t in busy)
                await asyncio.wait(
                    busy,
                    timeout=min(remaining, 0.01 if background else 1.0),
                    return_when=asyncio.FIRST_COMPLETED,
                )
            elif self.fake.pending_events:
                quiet_rounds = 0
            else:
                quiet_rounds += 1

    async def until(self, fault: Fault | Hold, limit: float = 10.0) -> None:
        """Wait until the bot's requests reach ``fault`` or a hold (for tests that stop the bot half-way)."""
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
            if int(dm["recipients"][0]["id"]) != person.id:
                raise SimRefused(f"{person.name} cannot see someone else's DMs")
            record = payloads.dm_interaction(self.fake, person, itype, data, dm, message=message)
        else:
            guild = self.fake.guilds[person.guild_id]
            if person.id not in guild.members:
                raise SimRefused(f"{person.name} is not in the guild")
            if not self.fake.can_see(person.guild_id, person.id, channel_id):
                raise SimRefused(f"{person.name} cannot see channel {channel_id}")
            record = payloads.guild_interaction(
                self.fake, person, itype, data, channel_id=channel_id, message=message
            )
        self.fake.interactions[record.token] = record
        self.last_interaction = record
        self.fake.emit("INTERACTION_CREATE", record.payload)
        if settle:
            await self.settle()
        return InteractionResult(self, record, person)

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
        data = payloads.command_data(self.fake, person, path, {**(opts or {}), **named})
        return await self._dispatch(person, 2, data, channel_id=channel, settle=settle)

    async def autocomplete(
        self, person: Person, path: str, *, channel: int, focused: str, **options: Any
    ) -> list[dict[str, Any]]:
        data = payloads.command_data(self.fake, person, path, options, focused=focused)
        result = await self._dispatch(person, 4, data, channel_id=channel)
        return result.choices

    async def user_command(
        self, person: Person, name: str, target: Person, *, channel: int
    ) -> InteractionResult:
        data = payloads.user_command_data(self.fake, person, name, target)
        return await self._dispatch(person, 2, data, channel_id=channel)

    async def message_command(self, person: Person, name: str, message: Msg) -> InteractionResult:
        data = payloads.message_command_data(self.fake, person, name, message)
        return await self._dispatch(person, 2, data, channel_id=message.channel_id)

    async def click(
        self, person: Person, message: Msg, label: str, *, settle: bool = True
    ) -> InteractionResult:
        """``person`` clicks the button labelled (or with custom_id) ``label`` on ``message``."""
        message = self.refresh(message)
        button = payloads.find_component(message, label, (2,))
        data = payloads.button_data(button, label)
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
            component = payloads.find_component(message, select, (3, 5, 6, 7, 8))
        data = payloads.select_data(self.fake, person, component, values)
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
        data = payloads.modal_submit_data(self.fake, person, modal, values)
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

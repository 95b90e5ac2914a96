"""A simulated Discord: the world as Discord keeps it (JSON), its REST entry point, its gateway events.

The world lives here, outside any client, so a bot can be stopped and a new one connected to the same
world (a restart). Every REST call the bot makes arrives as a discord.py ``Route`` (see ``sim_http``);
the matching handler in the route table (see ``routes``) checks what Discord checks (permissions, limits, acknowledgement rules), changes
the world and queues the gateway event, which is delivered through the real ``ConnectionState``
parsers on the next loop iteration, as a real gateway event would arrive after the REST answer.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import discord

from tests.support import limits

DISCORD_EPOCH_MS = 1420070400000
ALL_PERMISSIONS = discord.Permissions.all().value
P = discord.Permissions
ADMIN = P(administrator=True).value
VIEW = P(view_channel=True).value
SEND = P(send_messages=True).value
SEND_THREADS = P(send_messages_in_threads=True).value
MANAGE_CHANNELS = P(manage_channels=True).value
MANAGE_ROLES = P(manage_roles=True).value
MANAGE_THREADS = P(manage_threads=True).value
MANAGE_MESSAGES = P(manage_messages=True).value
MANAGE_WEBHOOKS = P(manage_webhooks=True).value
READ_HISTORY = P(read_message_history=True).value
ATTACH = P(attach_files=True).value
EMBED = P(embed_links=True).value
CREATE_PRIVATE_THREADS = P(create_private_threads=True).value
CREATE_PUBLIC_THREADS = P(create_public_threads=True).value
MENTION_EVERYONE = P(mention_everyone=True).value
EPHEMERAL = 64
LOADING = 128

TEXT, DM, VOICE, CATEGORY, NEWS, PUBLIC_THREAD, PRIVATE_THREAD, FORUM = 0, 1, 2, 4, 5, 11, 12, 15
THREAD_TYPES = (PUBLIC_THREAD, PRIVATE_THREAD)
CATEGORY_LIMIT = 50
GUILD_CHANNEL_LIMIT = 500
RENAMES_PER_WINDOW = 2
RENAME_WINDOW = 600.0

USER_MENTION = re.compile(r"<@!?(\d{15,21})>")
ROLE_MENTION = re.compile(r"<@&(\d{15,21})>")


class DiscordError(Exception):
    """An error answer from the simulated Discord, as status, JSON error code and message."""

    def __init__(self, status: int, code: int, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message
        self.retry_after = retry_after

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.retry_after is not None:
            body["retry_after"] = self.retry_after
            body["global"] = False
        return body


def forbidden(what: str) -> DiscordError:
    return DiscordError(403, 50013, f"Missing Permissions ({what})")


def not_found(kind: str, code: int) -> DiscordError:
    return DiscordError(404, code, f"Unknown {kind}")


def invalid(message: str) -> DiscordError:
    return DiscordError(400, 50035, f"Invalid Form Body: {message}")


@dataclass
class Fault:
    """Make the next matching request fail; ``after_apply`` fails it after the change happened."""

    method: str
    path: str
    status: int
    code: int = 0
    message: str = "injected failure"
    after_apply: bool = False
    times: int = 1
    hang: bool = False  # never answer (the process dies waiting): see Sim.crash
    reached: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class Hold:
    """Hold the next matching request until :meth:`release` (a slow Discord, while something else happens).

    ``after_apply`` holds the answer after the change happened. The CDN is held with method ``"CDN"``.
    """

    method: str
    path: str
    after_apply: bool = False
    where: dict[str, str] = field(default_factory=dict)  # path values that must match, e.g. channel_id
    reached: asyncio.Event = field(default_factory=asyncio.Event)
    released: asyncio.Event = field(default_factory=asyncio.Event)

    def release(self) -> None:
        self.released.set()


@dataclass
class Upload:
    filename: str
    data: bytes
    content_type: str | None = None
    description: str | None = None


@dataclass
class InteractionRecord:
    """Everything Discord knows about one interaction and the bot's answers to it."""

    id: int
    token: str
    type: int
    guild_id: int | None
    channel_id: int | None
    user_id: int
    data: dict[str, Any]
    payload: dict[str, Any]
    created: float
    created_cpu: float = 0.0  # the event loop thread's CPU time when the interaction arrived
    source_message_id: int | None = None
    acked_type: int | None = None
    ack_latency: float | None = None
    ack_cpu: float | None = None  # CPU the event loop's thread spent until the acknowledgement
    responses: list[dict[str, Any]] = field(default_factory=list)
    original_message_id: int | None = None
    original_ephemeral: bool = False
    followup_ids: list[int] = field(default_factory=list)
    ephemeral_messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    modal: dict[str, Any] | None = None
    choices: list[dict[str, Any]] | None = None
    rejected: list[DiscordError] = field(default_factory=list)


@dataclass
class GuildWorld:
    id: int
    name: str
    owner_id: int
    roles: dict[int, dict[str, Any]] = field(default_factory=dict)
    members: dict[int, dict[str, Any]] = field(default_factory=dict)
    channels: dict[int, dict[str, Any]] = field(default_factory=dict)
    threads: dict[int, dict[str, Any]] = field(default_factory=dict)
    thread_members: dict[int, dict[int, str]] = field(default_factory=dict)
    filesize_limit: int = 10 * 1024 * 1024
    preferred_locale: str = "en-US"  # the server's language in its Discord settings


Handler = Callable[..., Any]
RouteTable = dict[tuple[str, str], Handler]  # (method, discord.py's Route.path) -> handler


class FakeDiscord:
    """The simulated Discord server, answering REST calls from ``routes``.

    ``now`` gives the world's time (a test can move it). The bot's user, application and managed role
    are called ``bot_name``; in every guild added, that role grants ``bot_permissions`` (what the bot's
    invite asks for).
    """

    def __init__(
        self,
        routes: RouteTable,
        now: Callable[[], datetime] | None = None,
        *,
        bot_permissions: int,
        bot_name: str = "Bot",
        ack_deadline: float = 3.0,
    ) -> None:
        self.routes = routes
        self.bot_permissions = bot_permissions
        self.bot_name = bot_name
        self._now = now or (lambda: datetime.now(UTC))
        self.ack_deadline = ack_deadline
        self._last_id = 0
        self.users: dict[int, dict[str, Any]] = {}
        self.guilds: dict[int, GuildWorld] = {}
        self.messages: dict[int, list[dict[str, Any]]] = {}
        self.message_index: dict[int, dict[str, Any]] = {}
        self.deleted_messages: dict[int, dict[str, Any]] = {}
        self.dm_channels: dict[int, dict[str, Any]] = {}
        self.dm_closed: set[int] = set()
        self.webhooks: dict[int, dict[str, Any]] = {}
        self.interactions: dict[str, InteractionRecord] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.sync_calls: list[str] = []
        self.user_locales: dict[int, str] = {}  # a user's Discord client language (default en-US)
        self.cdn: dict[str, tuple[bytes, datetime]] = {}
        self.cdn_ttl = timedelta(hours=24)
        self.cdn_downloads: list[str] = []  # every file the bot downloaded, by URL
        self.requests: list[tuple[str, str]] = []
        self.nonces: dict[tuple[int, str], dict[str, Any]] = {}  # (channel, nonce) -> the message made
        self.faults: list[Fault] = []
        self.holds: list[Hold] = []
        self.held_tasks: set[asyncio.Task[Any]] = set()  # waiting on a Hold: not busy, just held
        self.violations: list[str] = []
        self.renames: dict[int, list[float]] = {}
        self.rename_clock: Callable[[], float] = lambda: self._now().timestamp()
        self._states: list[Any] = []
        self._pending_events = 0
        self.bot_user = self.add_user(bot_name, bot=True)
        self.application_id = int(self.bot_user["id"])

    # -- ids and time ---------------------------------------------------------------------------

    def now(self) -> datetime:
        return self._now()

    def snowflake(self) -> int:
        ms = int(self.now().timestamp() * 1000) - DISCORD_EPOCH_MS
        candidate = (ms << 22) | (1 << 17)
        if candidate <= self._last_id:
            candidate = self._last_id + 1
        self._last_id = candidate
        return candidate

    def iso_now(self) -> str:
        return self.now().isoformat()

    # -- building the world (what an admin or member does, and test set-up) ---------------------

    def add_user(self, name: str, *, bot: bool = False, avatar: str | None = None) -> dict[str, Any]:
        uid = self.snowflake()
        user = {
            "id": str(uid),
            "username": name,
            "global_name": name,
            "discriminator": "0",
            "avatar": avatar,
            "bot": bot,
            "public_flags": 0,
        }
        self.users[uid] = user
        return user

    def add_guild(
        self, name: str, owner: dict[str, Any], *, bot_permissions: int | None = None
    ) -> GuildWorld:
        gid = self.snowflake()
        guild = GuildWorld(id=gid, name=name, owner_id=int(owner["id"]))
        self.guilds[gid] = guild
        everyone_perms = P.general().value | P.text().value
        everyone_perms &= ~(
            MANAGE_CHANNELS | MANAGE_ROLES | MANAGE_MESSAGES | MANAGE_THREADS | MANAGE_WEBHOOKS
        )
        everyone_perms &= ~(
            P(manage_guild=True).value | MENTION_EVERYONE | ADMIN | P(kick_members=True).value
        )
        everyone_perms &= ~(P(ban_members=True).value | P(manage_nicknames=True).value)
        guild.roles[gid] = self._role_payload(gid, "@everyone", everyone_perms, 0)
        self._add_member_raw(guild, int(owner["id"]), [])
        bot_role = self.add_role(
            gid,
            self.bot_name,
            bot_permissions if bot_permissions is not None else self.bot_permissions,
            managed=True,
        )
        self._add_member_raw(guild, int(self.bot_user["id"]), [int(bot_role["id"])])
        self._emit_guild_create(guild)
        return guild

    def _role_payload(
        self, rid: int, name: str, permissions: int, position: int, **extra: Any
    ) -> dict[str, Any]:
        role = {
            "id": str(rid),
            "name": name,
            "permissions": str(permissions),
            "position": position,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        role.update(extra)
        return role

    def add_role(
        self, guild_id: int, name: str, permissions: int = 0, *, managed: bool = False
    ) -> dict[str, Any]:
        guild = self.guilds[guild_id]
        rid = self.snowflake()
        role = self._role_payload(rid, name, permissions, len(guild.roles), managed=managed)
        guild.roles[rid] = role
        self.emit("GUILD_ROLE_CREATE", {"guild_id": str(guild_id), "role": role})
        return role

    def _add_member_raw(self, guild: GuildWorld, user_id: int, role_ids: Iterable[int]) -> dict[str, Any]:
        member = {
            "user": self.users[user_id],
            "roles": [str(r) for r in role_ids],
            "joined_at": self.iso_now(),
            "deaf": False,
            "mute": False,
            "nick": None,
            "flags": 0,
            "pending": False,
        }
        guild.members[user_id] = member
        return member

    def add_member(
        self, guild_id: int, user: dict[str, Any], roles: Iterable[dict[str, Any]] = ()
    ) -> dict[str, Any]:
        guild = self.guilds[guild_id]
        member = self._add_member_raw(guild, int(user["id"]), [int(r["id"]) for r in roles])
        self.emit("GUILD_MEMBER_ADD", {"guild_id": str(guild_id), **member})
        return member

    def remove_member(self, guild_id: int, user_id: int) -> None:
        guild = self.guilds[guild_id]
        member = guild.members.pop(user_id)
        self.emit("GUILD_MEMBER_REMOVE", {"guild_id": str(guild_id), "user": member["user"]})

    def set_preferred_locale(self, guild_id: int, locale: str) -> None:
        """An admin changes the server's language in its Discord settings."""
        guild = self.guilds[guild_id]
        guild.preferred_locale = locale
        payload = {
            k: v for k, v in self.guild_payload(guild).items() if k not in ("members", "channels", "threads")
        }
        self.emit("GUILD_UPDATE", payload)

    def set_member_roles(self, guild_id: int, user_id: int, role_ids: Iterable[int]) -> None:
        guild = self.guilds[guild_id]
        member = guild.members[user_id]
        member["roles"] = [str(r) for r in role_ids]
        self.emit("GUILD_MEMBER_UPDATE", {"guild_id": str(guild_id), **member})

    def add_channel(
        self,
        guild_id: int,
        name: str,
        *,
        type: int = TEXT,
        parent_id: int | None = None,
        overwrites: list[dict[str, Any]] | None = None,
        topic: str | None = None,
    ) -> dict[str, Any]:
        guild = self.guilds[guild_id]
        cid = self.snowflake()
        channel = {
            "id": str(cid),
            "type": type,
            "guild_id": str(guild_id),
            "name": limits.normalise_text_channel_name(name) if type == TEXT else name,
            "position": len(guild.channels),
            "permission_overwrites": [dict(o) for o in overwrites or []],
            "parent_id": None if parent_id is None else str(parent_id),
            "nsfw": False,
            "flags": 0,
        }
        if type in (TEXT, NEWS, FORUM):
            channel.update(
                {
                    "topic": topic,
                    "last_message_id": None,
                    "rate_limit_per_user": 0,
                    "default_auto_archive_duration": 4320,
                }
            )
        if type == FORUM:
            channel.update(
                {
                    "available_tags": [],
                    "default_reaction_emoji": None,
                    "default_sort_order": None,
                    "default_forum_layout": 0,
                    "default_thread_rate_limit_per_user": 0,
                }
            )
        if type == VOICE:
            channel.update({"bitrate": 64000, "user_limit": 0, "rtc_region": None})
        guild.channels[cid] = channel
        self.messages.setdefault(cid, [])
        self.emit("CHANNEL_CREATE", channel)
        return channel

    def delete_channel(self, channel_id: int) -> None:
        """A channel or thread removed (by an admin, or by the DELETE route)."""
        guild, channel = self.find_channel(channel_id)
        if channel["type"] in THREAD_TYPES:
            guild.threads.pop(channel_id, None)
            guild.thread_members.pop(channel_id, None)
            self.emit(
                "THREAD_DELETE",
                {
                    "id": str(channel_id),
                    "guild_id": str(guild.id),
                    "parent_id": channel["parent_id"],
                    "type": channel["type"],
                },
            )
        else:
            guild.channels.pop(channel_id)
            for tid, thread in list(guild.threads.items()):
                if thread["parent_id"] == str(channel_id):
                    guild.threads.pop(tid)
            if channel["type"] == CATEGORY:
                for child in guild.channels.values():
                    if child.get("parent_id") == str(channel_id):
                        child["parent_id"] = None
                        self.emit("CHANNEL_UPDATE", child)
            self.emit("CHANNEL_DELETE", channel)
        for message in self.messages.pop(channel_id, []):
            self.message_index.pop(int(message["id"]), None)

    def remove_guild(self, guild_id: int) -> None:
        """The bot was removed from the guild."""
        self.guilds.pop(guild_id)
        self.emit("GUILD_DELETE", {"id": str(guild_id), "unavailable": False})

    # -- connecting clients -----------------------------------------------------------------------

    def connect(self, state: Any) -> None:
        """Deliver the world to a logged-in client and mark it ready (READY + GUILD_CREATE)."""
        self._states.append(state)
        for guild in self.guilds.values():
            state._add_guild_from_data(self.guild_payload(guild))
        state.call_handlers("ready")
        state.dispatch("ready")

    def disconnect(self, state: Any) -> None:
        if state in self._states:
            self._states.remove(state)

    @property
    def pending_events(self) -> int:
        return self._pending_events

    def emit(self, event: str, data: dict[str, Any]) -> None:
        """Queue a gateway event for every connected client, delivered after the current step."""
        if not self._states:
            return
        payload = json.loads(json.dumps(data))
        loop = asyncio.get_running_loop()
        for state in list(self._states):
            self._pending_events += 1
            loop.call_soon(self._deliver, state, event, payload)

    def _deliver(self, state: Any, event: str, payload: dict[str, Any]) -> None:
        self._pending_events -= 1
        if state in self._states:
            state.parsers[event](payload)

    def _emit_guild_create(self, guild: GuildWorld) -> None:
        if self._states:
            self.emit("GUILD_CREATE", self.guild_payload(guild))

    def guild_payload(self, guild: GuildWorld) -> dict[str, Any]:
        members = list(guild.members.values())
        return {
            "id": str(guild.id),
            "name": guild.name,
            "owner_id": str(guild.owner_id),
            "icon": None,
            "roles": list(guild.roles.values()),
            "emojis": [],
            "stickers": [],
            "features": [],
            "member_count": len(members),
            "members": members,
            "channels": list(guild.channels.values()),
            "threads": [
                self._thread_for(t, int(self.bot_user["id"]))
                for t in guild.threads.values()
                if not t["thread_metadata"]["archived"]
            ],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "premium_tier": 0,
            "preferred_locale": guild.preferred_locale,
            "large": False,
            "unavailable": False,
        }

    # -- lookups ------------------------------------------------------------------------------------

    def find_channel(self, channel_id: int) -> tuple[GuildWorld, dict[str, Any]]:
        for guild in self.guilds.values():
            if channel_id in guild.channels:
                return guild, guild.channels[channel_id]
            if channel_id in guild.threads:
                return guild, guild.threads[channel_id]
        raise not_found("Channel", 10003)

    def channel_or_dm(self, channel_id: int) -> tuple[GuildWorld | None, dict[str, Any]]:
        for dm in self.dm_channels.values():
            if int(dm["id"]) == channel_id:
                return None, dm
        return self.find_channel(channel_id)

    def guild(self, guild_id: int) -> GuildWorld:
        try:
            return self.guilds[guild_id]
        except KeyError:
            raise not_found("Guild", 10004) from None

    def member(self, guild: GuildWorld, user_id: int) -> dict[str, Any]:
        try:
            return guild.members[user_id]
        except KeyError:
            raise not_found("Member", 10007) from None

    def channel_messages(self, channel_id: int) -> list[dict[str, Any]]:
        """Messages of a channel, oldest first (the sim's view, not an API answer)."""
        return list(self.messages.get(channel_id, []))

    # -- permissions ----------------------------------------------------------------------------

    def base_permissions(self, guild: GuildWorld, user_id: int) -> int:
        if user_id == guild.owner_id:
            return ALL_PERMISSIONS
        member = self.member(guild, user_id)
        perms = int(guild.roles[guild.id]["permissions"])
        for rid in member["roles"]:
            role = guild.roles.get(int(rid))
            if role:
                perms |= int(role["permissions"])
        if perms & ADMIN:
            return ALL_PERMISSIONS
        return perms

    def permissions(self, guild: GuildWorld, user_id: int, channel_id: int | None) -> int:
        """Discord's permission computation for a member in a channel or thread."""
        perms = self.base_permissions(guild, user_id)
        if perms == ALL_PERMISSIONS or channel_id is None:
            return perms
        channel = guild.channels.get(channel_id) or guild.threads.get(channel_id)
        if channel is None:
            return perms
        thread = channel if channel["type"] in THREAD_TYPES else None
        if thread is not None:
            channel = guild.channels[int(thread["parent_id"])]
        overwrites = {int(o["id"]): o for o in channel.get("permission_overwrites", [])}
        everyone = overwrites.get(guild.id)
        if everyone:
            perms = (perms & ~int(everyone["deny"])) | int(everyone["allow"])
        member = guild.members[user_id]
        allow = deny = 0
        for rid in member["roles"]:
            ow = overwrites.get(int(rid))
            if ow and ow.get("type", 0) == 0:
                allow |= int(ow["allow"])
                deny |= int(ow["deny"])
        perms = (perms & ~deny) | allow
        mine = overwrites.get(user_id)
        if mine and mine.get("type", 1) == 1:
            perms = (perms & ~int(mine["deny"])) | int(mine["allow"])
        if not perms & VIEW:
            return 0
        if thread is not None and thread["type"] == PRIVATE_THREAD:
            in_thread = user_id in guild.thread_members.get(int(thread["id"]), {})
            if not in_thread and not perms & MANAGE_THREADS:
                return 0
        return perms

    def can_see(self, guild_id: int, user_id: int, channel_id: int) -> bool:
        guild = self.guilds[guild_id]
        return bool(self.permissions(guild, user_id, channel_id) & VIEW)

    def _require(self, guild: GuildWorld, channel_id: int | None, bits: int, what: str) -> int:
        perms = self.permissions(guild, int(self.bot_user["id"]), channel_id)
        if perms & bits != bits:
            raise forbidden(what)
        return perms

    def _check_overwrites(
        self, guild: GuildWorld, context_channel: int | None, overwrites: list[dict[str, Any]]
    ) -> None:
        """The bot may only allow or deny permissions it has itself (unless it is an administrator)."""
        perms = self.permissions(guild, int(self.bot_user["id"]), context_channel)
        if self.base_permissions(guild, int(self.bot_user["id"])) == ALL_PERMISSIONS:
            return
        for ow in overwrites:
            bits = int(ow.get("allow", 0)) | int(ow.get("deny", 0))
            extra = bits & ~perms
            if extra:
                names = [name for name, value in P(extra) if value]
                raise forbidden("overwrite grants permissions the bot lacks: " + ", ".join(names))

    # -- messages ---------------------------------------------------------------------------------

    def _pings(
        self, guild: GuildWorld | None, content: str, allowed: dict[str, Any] | None, author_perms: int
    ) -> tuple[list[dict[str, Any]], list[str], bool]:
        """Who a message really pings, given its allowed_mentions (Discord's default: everything)."""
        parse = {"users", "roles", "everyone"} if allowed is None else set(allowed.get("parse", []))
        users_allowed = None if allowed is None else {int(u) for u in allowed.get("users", [])}
        roles_allowed = None if allowed is None else {int(r) for r in allowed.get("roles", [])}
        users: list[dict[str, Any]] = []
        for uid in {int(m) for m in USER_MENTION.findall(content)}:
            if "users" in parse or (users_allowed is not None and uid in users_allowed):
                if uid in self.users:
                    users.append(self.users[uid])
        roles: list[str] = []
        if guild is not None:
            may_mention_any = bool(author_perms & (MENTION_EVERYONE | ADMIN))
            for rid in {int(m) for m in ROLE_MENTION.findall(content)}:
                if "roles" in parse or (roles_allowed is not None and rid in roles_allowed):
                    role = guild.roles.get(rid)
                    # Discord notifies a role only if it is mentionable or the author may mention any role
                    if role is not None and (role.get("mentionable") or may_mention_any):
                        roles.append(str(rid))
        everyone = ("@everyone" in content or "@here" in content) and "everyone" in parse
        everyone = everyone and bool(author_perms & MENTION_EVERYONE)
        return users, roles, everyone

    def build_message(
        self,
        channel_id: int,
        author: dict[str, Any],
        payload: dict[str, Any],
        *,
        guild: GuildWorld | None,
        uploads: list[Upload] = (),  # type: ignore[assignment]
        webhook_id: int | None = None,
        interaction: InteractionRecord | None = None,
        flags: int = 0,
    ) -> dict[str, Any]:
        mid = self.snowflake()
        content = payload.get("content") or ""
        author_id = int(author["id"])
        author_perms = (
            ALL_PERMISSIONS
            if webhook_id
            else (
                self.permissions(guild, author_id, channel_id) if guild and author_id in guild.members else 0
            )
        )
        users, roles, everyone = self._pings(guild, content, payload.get("allowed_mentions"), author_perms)
        attachments = []
        for upload in uploads:
            aid = self.snowflake()
            url = f"https://cdn.discordapp.com/attachments/{channel_id}/{aid}/{upload.filename}"
            self.cdn[url] = (upload.data, self.now())
            attachments.append(
                {
                    "id": str(aid),
                    "filename": upload.filename,
                    "size": len(upload.data),
                    "url": url,
                    "proxy_url": url,
                    "content_type": upload.content_type,
                    "description": upload.description,
                }
            )
        message: dict[str, Any] = {
            "id": str(mid),
            "channel_id": str(channel_id),
            "author": author,
            "content": content,
            "timestamp": self.iso_now(),
            "edited_timestamp": None,
            "tts": bool(payload.get("tts")),
            "mention_everyone": everyone,
            "mentions": users,
            "mention_roles": roles,
            "attachments": attachments,
            "embeds": payload.get("embeds") or [],
            "components": payload.get("components") or [],
            "pinned": False,
            "type": 0 if interaction is None or interaction.type != 2 else 20,
            "flags": int(payload.get("flags") or 0) | flags,
        }
        if guild is not None:
            message["guild_id"] = str(guild.id)
            if author_id in guild.members and webhook_id is None:
                member = dict(guild.members[author_id])
                member.pop("user", None)
                message["member"] = member
        if webhook_id is not None:
            message["webhook_id"] = str(webhook_id)
        if payload.get("message_reference"):
            message["message_reference"] = payload["message_reference"]
        if interaction is not None:
            message["interaction_metadata"] = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": self.users[interaction.user_id],
                "authorizing_integration_owners": {},
            }
        return message

    def store_message(self, message: dict[str, Any]) -> dict[str, Any]:
        channel_id = int(message["channel_id"])
        self.messages.setdefault(channel_id, []).append(message)
        self.message_index[int(message["id"])] = message
        try:
            channel: dict[str, Any] | None = self.find_channel(channel_id)[1]
        except DiscordError:
            channel = None
        if channel is not None:
            channel["last_message_id"] = message["id"]
            if channel["type"] in THREAD_TYPES:
                channel["message_count"] = channel.get("message_count", 0) + 1
                channel["total_message_sent"] = channel.get("total_message_sent", 0) + 1
        self.emit("MESSAGE_CREATE", message)
        return message

    def edit_message_payload(
        self, message: dict[str, Any], changes: dict[str, Any], uploads: list[Upload]
    ) -> None:
        for key in ("content", "embeds", "components", "flags"):
            if key in changes:
                value = changes[key]
                message[key] = value if value is not None else ([] if key in ("embeds", "components") else "")
        if "attachments" in changes and changes["attachments"] is not None:
            keep = {str(a.get("id")) for a in changes["attachments"]}
            message["attachments"] = [a for a in message["attachments"] if a["id"] in keep]
        for upload in uploads:
            aid = self.snowflake()
            url = f"https://cdn.discordapp.com/attachments/{message['channel_id']}/{aid}/{upload.filename}"
            self.cdn[url] = (upload.data, self.now())
            message["attachments"].append(
                {
                    "id": str(aid),
                    "filename": upload.filename,
                    "size": len(upload.data),
                    "url": url,
                    "proxy_url": url,
                    "content_type": upload.content_type,
                }
            )
        message["edited_timestamp"] = self.iso_now()
        if message.get("flags", 0) & LOADING:
            message["flags"] &= ~LOADING

    def _thread_for(self, thread: dict[str, Any], user_id: int) -> dict[str, Any]:
        data = dict(thread)
        guild = self.guilds[int(thread["guild_id"])]
        joined = guild.thread_members.get(int(thread["id"]), {}).get(user_id)
        if joined:
            data["member"] = {
                "id": thread["id"],
                "user_id": str(user_id),
                "join_timestamp": joined,
                "flags": 0,
            }
        data["member_count"] = len(guild.thread_members.get(int(thread["id"]), {}))
        return data

    # -- fault injection ------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        path: str,
        status: int = 500,
        *,
        code: int = 0,
        after_apply: bool = False,
        times: int = 1,
        message: str = "injected failure",
        hang: bool = False,
    ) -> Fault:
        fault = Fault(method, path, status, code, message, after_apply, times, hang)
        self.faults.append(fault)
        return fault

    def hold_next(self, method: str, path: str = "", *, after_apply: bool = False, **where: int) -> Hold:
        """Hold the next ``method path`` request (``"CDN"`` for a file download) until it is released;
        ``where`` narrows it by path values (``channel_id=...``)."""
        hold = Hold(method, path, after_apply, {k: str(v) for k, v in where.items()})
        self.holds.append(hold)
        return hold

    async def _held(
        self, method: str, path: str, *, after_apply: bool, values: dict[str, str] | None = None
    ) -> None:
        for hold in list(self.holds):
            if (
                hold.method == method
                and hold.path == path
                and hold.after_apply == after_apply
                and all((values or {}).get(k) == v for k, v in hold.where.items())
            ):
                self.holds.remove(hold)
                hold.reached.set()
                task = asyncio.current_task()
                if task is not None:
                    self.held_tasks.add(task)
                try:
                    await hold.released.wait()
                finally:
                    self.held_tasks.discard(task)  # type: ignore[arg-type]
                return

    def _take_fault(self, method: str, path: str) -> Fault | None:
        for fault in self.faults:
            if fault.method == method and fault.path == path and fault.times > 0:
                fault.times -= 1
                if fault.times == 0:
                    self.faults.remove(fault)
                return fault
        return None

    # -- REST entry point ---------------------------------------------------------------------------

    async def handle(
        self,
        method: str,
        path: str,
        url: str,
        *,
        json_body: Any = None,
        uploads: list[Upload] | None = None,
        params: dict[str, Any] | None = None,
        reason: str | None = None,
    ) -> Any:
        """Answer one REST call; raises :class:`DiscordError` for an error answer."""
        self.requests.append((method, path))
        handler = self.routes.get((method, path))
        if handler is None:
            raise NotImplementedError(f"the simulated Discord has no route {method} {path}")
        values = _path_values(path, url)
        await self._held(method, path, after_apply=False, values=values)
        fault = self._take_fault(method, path)
        if fault is not None:
            fault.reached.set()
        if fault is not None and not fault.after_apply:
            if fault.hang:
                await asyncio.Event().wait()
            raise DiscordError(fault.status, fault.code, fault.message)
        result = handler(
            self, values, json_body if json_body is not None else {}, uploads or [], params or {}
        )
        if asyncio.iscoroutine(result):
            result = await result
        await self._held(method, path, after_apply=True, values=values)
        if fault is not None:
            if fault.hang:
                await asyncio.Event().wait()
            raise DiscordError(fault.status, fault.code, fault.message)
        return result

    async def cdn_download(self, url: str) -> bytes:
        """A file download by the bot (held by ``hold_next("CDN")``)."""
        await self._held("CDN", "", after_apply=False)
        self.cdn_downloads.append(url)
        return self.cdn_get(url)

    def cdn_get(self, url: str) -> bytes:
        found = self.cdn.get(url.split("?", 1)[0])
        if found is None:
            raise not_found("Attachment", 0)
        data, stored = found
        if self.now() - stored > self.cdn_ttl:
            raise DiscordError(404, 0, "This content is no longer available.")
        return data


_PATH_PATTERNS: dict[str, re.Pattern[str]] = {}


def _path_values(path: str, url: str) -> dict[str, str]:
    pattern = _PATH_PATTERNS.get(path)
    if pattern is None:
        regex = re.escape(path)
        regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", regex)
        pattern = _PATH_PATTERNS[path] = re.compile(regex + "$")
    tail = url.split("/api/v10", 1)[-1].split("?", 1)[0]
    match = pattern.match(tail)
    if match is None:
        raise AssertionError(f"url {url} does not match {path}")
    return match.groupdict()

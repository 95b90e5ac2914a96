"""Start-up at scale: how long until the first interaction is answered and every guild is reconciled.

    python benchmarks/startup.py [--guilds 2500] [--tickets 100000] [--messages 1000000] [--changed 100]

The world is generated: ``--guilds`` guilds, each with a ticket group, its two categories and its share of
``--tickets`` tickets (a tenth open, a tenth closed with their channels, the rest deleted long ago), and
``--messages`` archived messages spread over them. Every open ticket's channel is as the bot would leave it
(its overwrites are computed by the bot's own rule), and ``--changed`` of them received a message while the
bot was away. Then the bot starts against a zero-latency simulated Discord, and this prints:

* setup: opening the database, migrations, loading the configuration;
* connect: discord.py reading every guild the gateway delivers;
* first interaction: from READY until a ``/ticket info`` sent at that moment is acknowledged and answered;
* reconciled: from READY until every guild is reconciled (``on_ready`` done);
* the requests made to Discord while reconciling, history reads among them (one per changed channel);
* the resident memory before the bot starts and after (the simulated world lives in this process too).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import tempfile
import time
import uuid as uuidlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import discord
from _sim import TicketDeskSim

from bot.services.permissions import Overwrites
from bot.services.sync import SyncService
from storage import Database
from storage import tickets as ticket_repo
from tests.support.fake_discord import CATEGORY, DiscordError
from tests.support.results import Person
from tests.support.sim_http import SimHTTP

HISTORY = ("GET", "/channels/{channel_id}/messages")


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class GuildPlan:
    guild_id: int
    support_role: int
    tickets_category: int
    closed_category: int
    owners: list[int] = field(default_factory=list)
    open_channels: list[int] = field(default_factory=list)


def build_world(
    sim: TicketDeskSim, guilds: int, open_per_guild: int, closed_per_guild: int
) -> list[GuildPlan]:
    """Guilds, roles, members and the ticket channels (still without their overwrites)."""
    fake = sim.fake
    plans = []
    for index in range(guilds):
        guild = sim.guild_world if index == 0 else fake.add_guild(f"Server {index}", sim.owner_user)
        support = fake.add_role(guild.id, "Support")
        tickets = int(fake.add_channel(guild.id, "Tickets", type=CATEGORY)["id"])
        closed = int(fake.add_channel(guild.id, "Closed Tickets", type=CATEGORY)["id"])
        plan = GuildPlan(guild.id, int(support["id"]), tickets, closed)
        for n in range(open_per_guild + closed_per_guild):
            user = fake.add_user(f"member{index}-{n}")
            fake._add_member_raw(guild, int(user["id"]), [])
            plan.owners.append(int(user["id"]))
        plans.append(plan)
    return plans


def fill_database(
    path: Path,
    sim: TicketDeskSim,
    plans: list[GuildPlan],
    tickets: int,
    messages: int,
    open_n: int,
    closed_n: int,
) -> list[tuple[int, int, int]]:
    """Configuration, tickets and the archive, straight into SQLite; returns the open tickets' (channel, guild,
    owner)."""
    now = sim.clock.now()  # the bot's clock in the simulation
    old = (now - timedelta(days=90)).isoformat()
    recent = (now - timedelta(minutes=30)).isoformat()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    per_guild = tickets // len(plans)
    rows_guilds, rows_groups, rows_tickets = [], [], []
    ticket_id = 0
    channels: list[
        tuple[int, int, int, int, str, str, int]
    ] = []  # id, guild, channel, category, name, uuid, owner
    for plan in plans:
        group_id = len(rows_groups) + 1
        rows_guilds.append((plan.guild_id, group_id, per_guild, old, old, old))
        rows_groups.append(
            (
                group_id,
                plan.guild_id,
                "Support",
                f"[{plan.tickets_category}]",
                plan.closed_category,
                f"[{plan.support_role}]",
                old,
                old,
            )
        )
        for number in range(1, per_guild + 1):
            ticket_id += 1
            kind = "open" if number <= open_n else "closed" if number <= open_n + closed_n else "deleted"
            owner = plan.owners[(number - 1) % len(plan.owners)]
            channel = sim.fake.snowflake() if kind != "deleted" else 10**15 + ticket_id
            category = plan.tickets_category if kind == "open" else plan.closed_category
            name = f"ticket-{number}"
            uuid = str(uuidlib.uuid4())
            rows_tickets.append(
                (
                    ticket_id,
                    uuid,
                    plan.guild_id,
                    group_id,
                    number,
                    kind,
                    owner,
                    channel,
                    category,
                    name,
                    1 if kind == "open" else None,
                    old,
                    old,
                    {"open": None, "closed": recent}.get(kind, old),
                    old if kind == "deleted" else None,
                    recent if kind == "open" else old,
                    recent,
                )
            )
            if kind != "deleted":
                channels.append((ticket_id, plan.guild_id, channel, category, name, uuid, owner))
    conn.executemany(
        "INSERT INTO guilds (guild_id, default_group_id, last_ticket_number, joined_at, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows_guilds,
    )
    conn.executemany(
        "INSERT INTO ticket_groups (id, guild_id, name, category_ids, closed_category_id, support_role_ids, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows_groups,
    )
    conn.executemany(
        "INSERT INTO tickets (id, uuid, guild_id, group_id, number, status, owner_id, channel_id, channel_parent_id, "
        "name, open_slot, created_at, opened_at, closed_at, deleted_at, last_activity, last_owner_activity) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows_tickets,
    )
    # the archive: every ticket's share of the messages, ids in time order
    by_ticket = {row[0]: row for row in rows_tickets}
    first_id = sim.fake.snowflake()
    per_ticket = messages // len(rows_tickets)
    heads: dict[int, int] = {}
    batch: list[tuple[Any, ...]] = []
    message_id = first_id
    for tid, row in by_ticket.items():
        for i in range(per_ticket):
            message_id += 1
            batch.append(
                (
                    message_id,
                    tid,
                    row[7],
                    "ticket",
                    row[6],
                    "member",
                    None,
                    0,
                    f"message {i} of ticket {tid}",
                    "[]",
                    "[]",
                    None,
                    old,
                    None,
                )
            )
        heads[row[7]] = message_id
        if len(batch) >= 50_000:
            _insert_messages(conn, batch)
            batch.clear()
    _insert_messages(conn, batch)
    sim.fake._last_id = message_id  # the simulated Discord's ids continue after the archive's
    conn.commit()
    conn.close()
    for _, guild_id, channel, category, name, uuid, _ in channels:
        world = sim.fake.guilds[guild_id]
        made = sim.fake.add_channel(guild_id, name, parent_id=category, topic=f"Ticket td:{uuid}")
        world.channels.pop(int(made["id"]))  # keep the id the database knows
        made["id"] = str(channel)
        made["last_message_id"] = str(heads[channel])
        world.channels[channel] = made
    opened = {p.tickets_category for p in plans}
    return [(c[2], c[1], c[6]) for c in channels if c[3] in opened]


def _insert_messages(conn: sqlite3.Connection, batch: list[tuple[Any, ...]]) -> None:
    conn.executemany(
        "INSERT INTO archived_messages (message_id, ticket_id, channel_id, source, author_id, author_name, "
        "author_avatar, author_bot, content, embeds, components, reference_id, created_at, edited_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        batch,
    )


def overwrite_payload(overwrites: Overwrites) -> list[dict[str, Any]]:
    out = []
    for target, overwrite in overwrites.items():
        allow, deny = overwrite.pair()
        is_role = isinstance(target, discord.Role) or getattr(target, "type", None) is discord.Role
        out.append(
            {
                "id": str(target.id),
                "type": 0 if is_role else 1,
                "allow": str(allow.value),
                "deny": str(deny.value),
            }
        )
    return out


async def settle_channels(sim: TicketDeskSim) -> None:
    """Give every ticket channel the overwrites the bot's own rule wants (no request is made)."""
    original = SyncService.reconcile_all

    async def nothing(self: SyncService, guilds: list[Any], **_: Any) -> int:
        return 0

    SyncService.reconcile_all = nothing  # type: ignore[method-assign]
    try:
        bot = await sim.start()
        keeper = bot.services.keeper
        for guild in bot.guilds:
            state = await bot.db.read(ticket_repo.guild_state, guild.id, sim.clock.now())
            for ticket in state.live:
                channel = guild.get_channel(ticket.channel_id or 0)
                group = bot.services.cache.group_of(ticket)
                if channel is None or group is None:
                    continue
                config = bot.services.cache.guild(guild.id)
                desired = keeper._desired(guild, group, config, ticket, channel, [])  # type: ignore[arg-type]
                world = sim.fake.guilds[guild.id].channels[channel.id]
                world["permission_overwrites"] = overwrite_payload(desired)
        await sim.stop()
    finally:
        SyncService.reconcile_all = original  # type: ignore[method-assign]


def say_while_away(sim: TicketDeskSim, channels: list[tuple[int, int, int]], count: int) -> None:
    """``count`` open tickets get a message from their owner while the bot is offline."""
    for channel_id, guild_id, owner in random.Random(7).sample(channels, min(count, len(channels))):
        guild = sim.fake.guilds[guild_id]
        author = sim.fake.users[owner]
        message = sim.fake.build_message(
            channel_id, author, {"content": "said while the bot was away"}, guild=guild
        )
        sim.fake.store_message(message)


async def measured_start(sim: TicketDeskSim, probe_channel: int, probe_user: Any) -> dict[str, float]:
    """Start the bot as the sim does, timing each part, and send one interaction at READY."""
    bot = sim.make_bot(sim.clock)
    http = SimHTTP(sim.fake)
    bot.http = http
    bot._connection.http = http
    bot.tree._http = http
    t0 = time.perf_counter()
    await bot.login(sim.token)  # setup_hook: database, migrations, the configuration in memory
    t_setup = time.perf_counter()
    before_requests = len(sim.fake.requests)
    sim.fake.connect(bot._connection)
    sim.bot = bot
    t_ready = time.perf_counter()
    probe = await sim.slash(probe_user, "ticket info", channel=probe_channel, settle=False)
    acked = answered = None
    while bot._reconciling or bot.services.scheduler._task is None or acked is None or answered is None:
        await asyncio.sleep(0.001)
        now = time.perf_counter()
        if acked is None and probe.record.acked_type is not None:
            acked = now
        if answered is None and "Ticket #" in probe.text:
            answered = now
    t_done = time.perf_counter()
    requests = sim.fake.requests[before_requests:]
    return {
        "setup": t_setup - t0,
        "connect": t_ready - t_setup,
        "ack": (acked or t_done) - t_ready,
        "answer": (answered or t_done) - t_ready,
        "reconciled": t_done - t_ready,
        "requests": len(requests),
        "history": sum(1 for r in requests if r == HISTORY),
        "kinds": Counter(f"{m} {p}" for m, p in requests).most_common(),  # type: ignore[dict-item]
    }


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        start_rss = rss_mib()
        sim = TicketDeskSim(Path(tmp))
        per_guild = args.tickets // args.guilds
        open_n, closed_n = max(1, per_guild // 10), max(1, per_guild // 10)
        t = time.perf_counter()
        plans = build_world(sim, args.guilds, open_n, closed_n)
        db = Database(sim.settings.database_path)
        await db.open()
        await db.migrate()
        await db.close()
        open_channels = fill_database(
            sim.settings.database_path, sim, plans, args.tickets, args.messages, open_n, closed_n
        )
        await settle_channels(sim)
        say_while_away(sim, open_channels, args.changed)
        size = sim.settings.database_path.stat().st_size / 2**20
        print(
            f"generated in {time.perf_counter() - t:.0f} s: {args.guilds} guilds, {args.tickets} tickets "
            f"({open_n} open and {closed_n} closed per guild), {args.messages} archived messages, "
            f"database {size:.0f} MiB; {args.changed} open tickets got a message while the bot was away"
        )
        probe_channel, probe_guild, probe_owner = open_channels[-1]  # the quietest guild: reconciled last
        probe_user = Person(probe_owner, "probe", probe_guild)
        before = rss_mib()
        try:
            timing = await measured_start(sim, probe_channel, probe_user)
        except DiscordError as exc:
            raise SystemExit(f"the simulated Discord refused: {exc}") from exc
        after = rss_mib()
        print(f"setup (database, migrations, configuration): {timing['setup'] * 1000:.0f} ms")
        print(f"connect (discord.py reads {args.guilds} guilds): {timing['connect'] * 1000:.0f} ms")
        print(
            f"first interaction after READY: acknowledged in {timing['ack'] * 1000:.0f} ms, "
            f"answered in {timing['answer'] * 1000:.0f} ms"
        )
        print(
            f"fully reconciled {timing['reconciled']:.2f} s after READY; {timing['requests']:.0f} requests to "
            f"Discord, {timing['history']:.0f} history reads ({args.changed} channels had moved on)"
        )
        print("  requests: " + ", ".join(f"{n} {kind}" for kind, n in timing["kinds"]))  # type: ignore[union-attr]
        print(
            f"resident memory: {start_rss:.0f} MiB at start, {before:.0f} MiB with the simulated world built, "
            f"{after:.0f} MiB with the bot running"
        )
        await sim.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--guilds", type=int, default=2500)
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--changed", type=int, default=100)
    asyncio.run(main(parser.parse_args()))

"""Render a long ticket to HTML: TicketDesk's streaming renderer next to chat-exporter, on the same messages.

    pip install chat-exporter   # only for the comparison; not a TicketDesk dependency
    python benchmarks/transcript_render.py [--messages 10000]

For each renderer: messages per second, peak Python memory (tracemalloc, measured in a separate run
so tracing does not slow the timing run) and the longest event-loop stall while it renders (a probe
task that asks to be woken every millisecond). TicketDesk's memory is also measured at a tenth of the
messages, to show it does not grow with the ticket.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import discord
from _sim import TicketDeskSim

from bot.transcripts import render as renderer
from bot.transcripts.render import STAFF
from storage import messages as message_repo

WORDS = (
    "ticket order refund widget shipping invoice account login error timeout please thanks update "
    "status **bold** _italic_ `code` ~~old~~ https://example.com/help"
).split()


class StallProbe:
    """Measures the longest gap between event-loop wake-ups while something runs."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._stop = False

    async def run(self) -> None:
        while not self._stop:
            start = time.perf_counter()
            await asyncio.sleep(0.001)
            self.longest = max(self.longest, time.perf_counter() - start - 0.001)

    def stop(self) -> None:
        self._stop = True


async def measure(work: Callable[[], Awaitable[Any]]) -> tuple[float, float]:
    """(seconds, longest loop stall in ms) for one run of ``work``."""
    probe = StallProbe()
    task = asyncio.create_task(probe.run())
    await asyncio.sleep(0.01)
    start = time.perf_counter()
    await work()
    elapsed = time.perf_counter() - start
    probe.stop()
    await task
    return elapsed, probe.longest * 1000


async def peak_memory(work: Callable[[], Awaitable[Any]]) -> float:
    tracemalloc.start()
    tracemalloc.reset_peak()
    await work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024 / 1024


def synthetic(count: int, authors: list[Any], channel_id: int, seed: int = 1) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    specs = []
    for i in range(count):
        author = authors[i % len(authors)]
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 40)))
        content = f"{words} <@{authors[(i + 1) % len(authors)].id}>" if i % 7 == 0 else words
        embeds = (
            [
                {
                    "title": f"Update {i}",
                    "description": words,
                    "color": 0x5865F2,
                    "fields": [{"name": "Status", "value": "open", "inline": True}],
                }
            ]
            if i % 10 == 0
            else []
        )
        specs.append(
            {
                "i": i,
                "author": author,
                "content": content,
                "embeds": embeds,
                "created": start + timedelta(seconds=30 * i),
                "channel_id": channel_id,
            }
        )
    return specs


async def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sim = TicketDeskSim(Path(tmp))
        try:
            await compare(sim, count, Path(tmp))
        finally:
            await sim.close()


async def compare(sim: TicketDeskSim, count: int, tmp: Path) -> None:
    bot = await sim.start()
    people = [sim.member(f"user{i}") for i in range(20)]
    await sim.settle()
    guild = sim.guild
    channel = guild.get_channel(sim.general)
    assert isinstance(channel, discord.TextChannel)
    members = [guild.get_member(p.id) for p in people]
    specs = synthetic(count, members, channel.id)

    # the same messages in TicketDesk's archive ...
    async with bot.db.transaction() as tx:
        await tx.execute(
            "INSERT OR IGNORE INTO guilds (guild_id, created_at, updated_at) VALUES (?, '', '')", (guild.id,)
        )
        await tx.execute(
            "INSERT INTO tickets (id, uuid, guild_id, number, status, owner_id, created_at) "
            "VALUES (1, '00000000-0000-0000-0000-000000000001', ?, 1, 'open', ?, '')",
            (guild.id, people[0].id),
        )
        for spec in specs:
            await message_repo.store(
                tx,
                message_id=10**15 + spec["i"],
                ticket_id=1,
                channel_id=channel.id,
                source="ticket",
                author_id=spec["author"].id,
                author_name=spec["author"].display_name,
                author_avatar=spec["author"].display_avatar.url,
                author_bot=False,
                content=spec["content"],
                embeds=spec["embeds"],
                components=[],
                reference_id=None,
                created_at=spec["created"],
            )
    # ... and as discord.py messages for chat-exporter
    dpy_messages = []
    for spec in specs:
        data = sim.fake.build_message(
            channel.id,
            sim.fake.users[spec["author"].id],
            {"content": spec["content"], "embeds": spec["embeds"]},
            guild=sim.fake.guilds[sim.guild_id],
        )
        data["timestamp"] = spec["created"].isoformat()
        dpy_messages.append(discord.Message(state=bot._connection, channel=channel, data=data))

    ctx = renderer.Context(
        guild={"id": str(guild.id), "name": guild.name},
        group={"name": "Support"},
        ticket={
            "number": 1,
            "owner_id": str(people[0].id),
            "status": "open",
            "opened_at": specs[0]["created"].isoformat(),
        },
        channel_members=[],
        thread_members=[],
        audience=STAFF,
        names={("user", m.id): m.display_name for m in members},
        generated_at=datetime.now(UTC).isoformat(),
    )
    db_path = bot.settings.database_path
    out = tmp / "out"
    out.mkdir()

    def ours(limit: int | None = None) -> Callable[[], Awaitable[Any]]:
        def stream(source: str) -> Any:
            produced = message_repo.iter_messages(db_path, 1, [source])
            if limit is None:
                return produced
            return (m for i, m in enumerate(produced) if i < limit)

        return lambda: asyncio.to_thread(
            renderer.render_html, ctx, stream, out, f"ours-{limit}", lambda a: None
        )

    async def theirs() -> None:
        import chat_exporter

        html = await chat_exporter.raw_export(channel, dpy_messages, guild=guild, bot=bot, support_dev=False)
        (out / "theirs.html").write_text(html or "", encoding="utf-8")

    results = {}
    seconds, stall = await measure(ours())
    memory = await peak_memory(ours())
    memory_small = await peak_memory(ours(count // 10))
    results["TicketDesk"] = (seconds, stall, memory, (out / "ours-None.html").stat().st_size)
    try:
        import chat_exporter  # noqa: F401
    except ImportError:
        print("chat-exporter is not installed: pip install chat-exporter to compare")
    else:
        seconds, stall = await measure(theirs)
        memory = await peak_memory(theirs)
        results["chat-exporter 3.1"] = (seconds, stall, memory, (out / "theirs.html").stat().st_size)
    print(f"{count} messages rendered to HTML (2-core machine):")
    print(f"{'renderer':<20}{'msg/s':>10}{'peak MiB':>10}{'max stall ms':>14}{'output MiB':>12}")
    for name, (seconds, stall, memory, size) in results.items():
        print(f"{name:<20}{count / seconds:>10.0f}{memory:>10.1f}{stall:>14.1f}{size / 1024 / 1024:>12.1f}")
    print(
        f"TicketDesk peak memory at {count // 10} messages: {memory_small:.1f} MiB "
        f"(at {count}: {results['TicketDesk'][2]:.1f} MiB)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=10_000)
    asyncio.run(main(parser.parse_args().messages))

"""Render a long ticket to HTML: TicketDesk's streaming renderer next to chat-exporter, on the same messages;
then a ticket of hostile markdown.

    pip install chat-exporter==3.1.0   # only for the comparison; not a TicketDesk dependency
    python benchmarks/transcript_render.py [--messages 10000]

For each renderer: messages per second, peak Python memory (tracemalloc, measured in a separate run
so tracing does not slow the timing run) and the longest event-loop stall while it renders (a probe
task that asks to be woken every millisecond). TicketDesk's memory is also measured at a tenth of the
messages, to show it does not grow with the ticket.

The hostile ticket holds as many messages built to be slow or to break the page (the attacks of the
transcript hardening issue, each message different so nothing is rendered once for many), and then as
many messages that each stay just under the markdown's markup budget with its costliest pattern (the
worst an attacker gets, since a message over the budget is shown as typed).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import discord
from _sim import TicketDeskSim

from bot.transcripts import render as renderer
from bot.transcripts.markdown import MARKUP_BUDGET
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


HOSTILE_GOAL_SECONDS = 2.0
_ID = "123456789012345678"
HOSTILE = [  # (name, one message of about 1,000 characters)
    ("italic", " *a" * 333),  # quadratic for the old hand-written italic rule
    ("nested brackets", "[" * 500 + "a" + "]" * 499),
    ("unclosed links", "[a](" * 250),
    ("emphasis mix", "*_" * 500),
    ("strikethrough", "~~a" * 333),
    ("spoilers", "||a" * 333),
    ("underscores", " _a" * 333),
    ("placeholders", "\x0099\x00 " * 200),  # broke every HTML transcript of the old renderer
    ("html", "<script>alert(1)</script><img src=x onerror=alert(1)>" * 18),
    ("javascript links", "[x](javascript:alert(1)) " * 40),
    ("quotes", "> > a\n" * 166),
    ("code spans", "`a``" * 250),
    ("mentions", f"<@{_ID}><@&{_ID}><#{_ID}><t:99999999999:R>" * 12),
    ("lines", "a\n" * 500),
]
WORST = "[a](" * (MARKUP_BUDGET // 2)  # the costliest pattern per markup character, just under the budget


def hostile(count: int, authors: list[Any], channel_id: int, worst: bool = False) -> list[dict[str, Any]]:
    start = datetime(2026, 2, 1, tzinfo=UTC)
    return [
        {
            "i": i,
            "author": authors[i % len(authors)],
            "content": f"{i} " + (WORST if worst else HOSTILE[i % len(HOSTILE)][1]),  # every one different
            "embeds": [],
            "created": start + timedelta(seconds=i),
            "channel_id": channel_id,
        }
        for i in range(count)
    ]


async def archive(
    bot: Any, guild_id: int, ticket_id: int, owner_id: int, specs: list[dict[str, Any]]
) -> float:
    """Store ``specs`` as ticket ``ticket_id``'s archived messages, each rendered as the archive renders
    a message when it arrives (in a worker thread); returns the seconds that rendering took in all."""
    rendered = []
    start = time.perf_counter()
    for spec in specs:
        rendered.append(renderer.render_ahead(spec["content"], spec["embeds"]))
    ahead = time.perf_counter() - start

    def store(tx: Any) -> None:
        tx.execute(
            "INSERT OR IGNORE INTO guilds (guild_id, created_at, updated_at) VALUES (?, '', '')", (guild_id,)
        )
        tx.execute(
            "INSERT INTO tickets (id, uuid, guild_id, number, status, owner_id, created_at) "
            "VALUES (?, ?, ?, ?, 'open', ?, '')",
            (ticket_id, f"00000000-0000-0000-0000-{ticket_id:012d}", guild_id, ticket_id, owner_id),
        )
        for spec, (content_html, embeds_html) in zip(specs, rendered, strict=True):
            message_repo.store(
                tx,
                message_id=10**15 + ticket_id * 10**8 + spec["i"],
                ticket_id=ticket_id,
                channel_id=spec["channel_id"],
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
                content_html=content_html,
                embeds_html=embeds_html,
            )

    await bot.db.write(store)
    return ahead


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
    ahead = await archive(bot, guild.id, 1, people[0].id, specs)
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

    def ours(limit: int | None = None, ticket_id: int = 1) -> Callable[[], Awaitable[Any]]:
        def stream(source: str) -> Any:
            produced = message_repo.iter_messages(db_path, ticket_id, [source])
            if limit is None:
                return produced
            return (m for i, m in enumerate(produced) if i < limit)

        def render() -> Any:
            fresh = replace(ctx, _markdown=None)  # each run renders from scratch
            return renderer.render_html(fresh, stream, out, f"ours-{ticket_id}-{limit}", lambda a: None)

        return lambda: asyncio.to_thread(render)

    async def theirs() -> None:
        import chat_exporter

        html = await chat_exporter.raw_export(channel, dpy_messages, guild=guild, bot=bot, support_dev=False)
        (out / "theirs.html").write_text(html or "", encoding="utf-8")

    async def fallback_seconds() -> float:
        """The same transcript with nothing rendered ahead (messages archived by an older version)."""
        await bot.db.fetchone("SELECT 1")
        await bot.db.write(
            lambda tx: tx.execute(
                "UPDATE archived_messages SET content_html = NULL, embeds_html = NULL WHERE ticket_id = 1"
            )
        )
        seconds, _ = await measure(ours())
        return seconds

    results = {}
    gc.collect()
    gc.freeze()  # the setup's objects (10,000 discord.py messages) are not what either renderer costs
    seconds, stall = await measure(ours())
    memory = await peak_memory(ours())
    memory_small = await peak_memory(ours(count // 10))
    results["TicketDesk"] = (seconds, stall, memory, (out / "ours-1-None.html").stat().st_size)
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
    if "chat-exporter 3.1" in results:
        ratio = results["chat-exporter 3.1"][0] / results["TicketDesk"][0]
        print(f"TicketDesk renders {ratio:.1f}x chat-exporter's messages per second")
    print(
        f"(the markdown of each message is rendered once, when it is archived, in a worker thread: "
        f"{ahead / count * 1e6:.0f} us per message here; a transcript made from messages archived before "
        f"that renders them itself: {count / await fallback_seconds():.0f} msg/s)"
    )

    hostile_ahead = await archive(bot, guild.id, 2, people[0].id, hostile(count, members, channel.id))
    worst_ahead = await archive(
        bot, guild.id, 3, people[0].id, hostile(count, members, channel.id, worst=True)
    )
    kinds = ", ".join(name for name, _ in HOSTILE)
    print(f"\nHostile markdown, {count} messages, each different ({kinds}):")
    for ticket_id, label in ((2, "the attacks"), (3, f"worst case: {MARKUP_BUDGET // 2} x '[a](' each")):
        seconds, stall = await measure(ours(ticket_id=ticket_id))
        size = (out / f"ours-{ticket_id}-None.html").stat().st_size
        verdict = "within" if seconds < HOSTILE_GOAL_SECONDS else "over"
        spent = hostile_ahead if ticket_id == 2 else worst_ahead
        print(
            f"  {label:<32}{seconds:>7.2f} s{count / seconds:>9.0f} msg/s  max stall {stall:.1f} ms  "
            f"{size / 1024 / 1024:.1f} MiB  ({verdict} the {HOSTILE_GOAL_SECONDS:.0f} s goal; rendered as "
            f"archived: {spent / count * 1e6:.0f} us per message)"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=10_000)
    asyncio.run(main(parser.parse_args().messages))

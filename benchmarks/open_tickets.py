"""Bot-side cost of opening tickets, against a zero-latency simulated Discord.

    python benchmarks/open_tickets.py [--burst 500] [--members 250] [--sequential 100]

* sequential: ``--sequential`` tickets opened one after another: milliseconds per ticket, the time to the
  acknowledgement of a click that has the bot to itself (what one click costs before it is answered), and
  the database's work per ticket (hand-offs to its threads, write transactions);
* burst, cold: ``--burst`` clicks on a panel from ``--members`` members at once (per-user limit 1), the
  first clicks after start-up: tickets per second until every interaction is answered, and the
  acknowledgement latency distribution (from the interaction's arrival to the bot's first response, as
  Discord measures the 3-second rule) beside the queueing limit: ``--burst`` times what one click costs
  before its acknowledgement, the latency of the last click if the bot did nothing else;
* burst, warm: the same after a first burst of other members.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from _sim import TicketDeskSim, summary


async def prepare(tmp: Path, categories: int) -> tuple[TicketDeskSim, object]:
    sim = TicketDeskSim(tmp)
    await sim.start()
    names = [f"Tickets {i}" for i in range(categories)]
    for name in names:
        sim.add_category(name)
    await sim.settle()
    await sim.slash(sim.owner, "group create", channel=sim.general, name="Support")
    await sim.slash(
        sim.owner, "group edit", channel=sim.general, group="Support", categories=", ".join(names)
    )
    await sim.slash(sim.owner, "panel create", channel=sim.general, name="P")
    await sim.slash(sim.owner, "panel add-entry", channel=sim.general, panel="P", group="Support")
    await sim.slash(sim.owner, "panel post", channel=sim.general, panel="P")
    [panel] = [m for m in sim.messages(sim.general) if m.buttons()]
    return sim, panel


async def burst(clicks: int, members: int, per_click_ms: float, *, warm: int = 0) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sim, panel = await prepare(Path(tmp), categories=(members + warm) // 49 + 1)
        if warm:
            others = [sim.member(f"w{i}") for i in range(warm)]
            await sim.settle()
            for person in others:
                await sim.click(person, panel, "Open a ticket", settle=False)  # type: ignore[arg-type]
            await sim.settle(limit=600)
        people = [sim.member(f"m{i}") for i in range(members)]
        await sim.settle()
        start = time.perf_counter()
        results = [
            await sim.click(people[i % members], panel, "Open a ticket", settle=False)  # type: ignore[arg-type]
            for i in range(clicks)
        ]
        await sim.settle(limit=600)
        elapsed = time.perf_counter() - start
        opened = sum("Your ticket is ready" in r.text for r in results)
        answered = sum(bool(r.text) for r in results)
        acks = [r.ack_latency * 1000 for r in results if r.ack_latency is not None]
        kind = f"warm (after {warm} other clicks)" if warm else "cold (the first clicks after start-up)"
        print(
            f"burst, {kind}: {clicks} clicks from {members} members -> {opened} tickets, "
            f"{answered}/{clicks} answered, {len(sim.violations)} Discord rule violations"
        )
        print(
            f"  {elapsed:.2f} s until every interaction was answered: {opened / elapsed:.1f} tickets/s, "
            f"{clicks / elapsed:.1f} clicks/s"
        )
        print(f"  acknowledgement latency: {summary(acks)}")
        print(
            f"  queueing limit: {clicks} clicks x {per_click_ms:.3f} ms before each acknowledgement = "
            f"{clicks * per_click_ms:.0f} ms"
        )
        await sim.close()


async def sequential(count: int) -> float:
    """Open ``count`` tickets one at a time; returns the median CPU a lone click takes until it is
    acknowledged (ms), measured on the event loop's thread."""
    with tempfile.TemporaryDirectory() as tmp:
        sim, panel = await prepare(Path(tmp), categories=count // 49 + 1)
        people = [sim.member(f"s{i}") for i in range(count)]
        await sim.settle()
        assert sim.bot is not None
        db = sim.bot.db
        hops, writes = db.hand_offs, db.writes
        per_ticket, acks = [], []
        for person in people:
            t0 = time.perf_counter()
            result = await sim.click(person, panel, "Open a ticket")  # type: ignore[arg-type]
            per_ticket.append((time.perf_counter() - t0) * 1000)
            assert "Your ticket is ready" in result.text, result.text
            assert result.record.ack_cpu is not None
            acks.append(result.record.ack_cpu * 1000)
        hops, writes = (db.hand_offs - hops) / count, (db.writes - writes) / count
        print(f"sequential: {count} tickets, one at a time: {summary(per_ticket)} per ticket")
        print(
            f"  CPU before a lone click's acknowledgement (discord.py, the bot, the simulation): {summary(acks)}"
        )
        print(
            f"  per ticket: {hops:.1f} hand-offs to the database's threads, {writes:.1f} write transactions, "
            f"{hops - writes:.1f} reads (the archive of the ticket's first message included)"
        )
        await sim.close()
        return statistics.median(acks)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--burst", type=int, default=500)
    parser.add_argument("--members", type=int, default=250)
    parser.add_argument("--sequential", type=int, default=100)
    args = parser.parse_args()
    per_click = asyncio.run(sequential(args.sequential))
    asyncio.run(burst(args.burst, args.members, per_click))
    asyncio.run(burst(args.burst, args.members, per_click, warm=100))


if __name__ == "__main__":
    main()

"""Bot-side cost of opening tickets, against a zero-latency simulated Discord.

    python benchmarks/open_tickets.py [--burst 500] [--members 250] [--sequential 100]

* burst: ``--burst`` clicks on a panel from ``--members`` members at once (per-user limit 1): tickets per
  second until every interaction is answered, and the acknowledgement latency distribution (time from
  the interaction's arrival to the bot's first response, as Discord measures the 3-second rule);
* sequential: ``--sequential`` tickets opened one after another: milliseconds per ticket.
"""

from __future__ import annotations

import argparse
import asyncio
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


async def burst(clicks: int, members: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sim, panel = await prepare(Path(tmp), categories=members // 49 + 1)
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
        print(
            f"burst: {clicks} clicks from {members} members -> {opened} tickets, {answered}/{clicks} answered, "
            f"{len(sim.violations)} Discord rule violations"
        )
        print(
            f"  {elapsed:.2f} s until every interaction was answered: {opened / elapsed:.1f} tickets/s, "
            f"{clicks / elapsed:.1f} clicks/s"
        )
        print(f"  acknowledgement latency: {summary(acks)}")
        await sim.close()


async def sequential(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sim, panel = await prepare(Path(tmp), categories=count // 49 + 1)
        people = [sim.member(f"s{i}") for i in range(count)]
        await sim.settle()
        per_ticket = []
        for person in people:
            t0 = time.perf_counter()
            result = await sim.click(person, panel, "Open a ticket")  # type: ignore[arg-type]
            per_ticket.append((time.perf_counter() - t0) * 1000)
            assert "Your ticket is ready" in result.text, result.text
        print(f"sequential: {count} tickets, one at a time: {summary(per_ticket)} per ticket")
        await sim.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--burst", type=int, default=500)
    parser.add_argument("--members", type=int, default=250)
    parser.add_argument("--sequential", type=int, default=100)
    args = parser.parse_args()
    asyncio.run(sequential(args.sequential))
    asyncio.run(burst(args.burst, args.members))


if __name__ == "__main__":
    main()

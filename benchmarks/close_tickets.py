"""How fast ``/ticket close`` answers when the archive is large.

    python benchmarks/close_tickets.py [--tickets 200] [--archived 1000000] [--per-ticket 50]

``--tickets`` tickets are opened through a panel in a zero-latency simulated Discord, each gets
``--per-ticket`` archived messages, and ``--archived`` more belong to ten thousand older tickets. Then
staff close them one by one with ``/ticket close``, each in its channel. Printed: the time from the
command's arrival until the staff member reads "closed" (the reply), and until the transcript is posted
in the transcript channel (what follows the close, in the background).
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import tempfile
import time
import uuid as uuidlib
from pathlib import Path

from _sim import TicketDeskSim, summary

from tests.support.desk import setup_desk, ticket_channel_id


def fill_archive(
    path: Path, live: list[tuple[int, int]], archived: int, per_ticket: int, guild_id: int
) -> None:
    """``per_ticket`` messages in each live (ticket id, channel), and ``archived`` in old deleted tickets."""
    conn = sqlite3.connect(path)
    old = "2026-01-01T00:00:00.000000+00:00"
    base_number = 100_000
    olds = 10_000
    conn.executemany(
        "INSERT INTO tickets (uuid, guild_id, number, status, owner_id, channel_id, created_at, deleted_at) "
        "VALUES (?, ?, ?, 'deleted', 1, ?, ?, ?)",
        [(str(uuidlib.uuid4()), guild_id, base_number + i, 10**15 + i, old, old) for i in range(olds)],
    )
    first_old = conn.execute("SELECT MIN(id) FROM tickets WHERE number >= ?", (base_number,)).fetchone()[0]
    message_id = 10**17
    rows = []

    def flush() -> None:
        conn.executemany(
            "INSERT INTO archived_messages (message_id, ticket_id, channel_id, source, author_id, author_name, "
            "author_bot, content, embeds, components, created_at) VALUES (?, ?, ?, 'ticket', 1, 'm', 0, ?, '[]', "
            "'[]', ?)",
            rows,
        )
        rows.clear()

    for ticket_id, channel_id in live:
        for i in range(per_ticket):
            message_id += 1
            rows.append((message_id, ticket_id, channel_id, f"live message {i}", old))
    flush()
    for i in range(archived):
        message_id += 1
        ticket = first_old + i % olds
        rows.append((message_id, ticket, 10**15 + (ticket - first_old), f"old message {i}", old))
        if len(rows) >= 50_000:
            flush()
    flush()
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # as after any import: the log is in the database
    conn.close()


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sim = TicketDeskSim(Path(tmp))
        await sim.start()
        categories = [f"Tickets {i}" for i in range(args.tickets // 45 + 1)]
        for name in categories:
            sim.add_category(name)
        transcripts = sim.add_channel("transcripts")
        desk = await setup_desk(sim)
        await sim.slash(
            sim.owner,
            "group edit",
            channel=sim.general,
            group="Support",
            categories=", ".join(categories),
            transcript_channel=transcripts,
        )
        channels = []
        for i in range(args.tickets):
            opened = await sim.click(sim.member(f"m{i}"), desk.panel, "Open a ticket")
            channels.append(ticket_channel_id(opened))
        assert sim.bot is not None
        live = [
            (r[0], r[1]) for r in await sim.bot.db.fetchall("SELECT id, channel_id FROM tickets ORDER BY id")
        ]
        await sim.stop()
        t = time.perf_counter()
        fill_archive(sim.settings.database_path, live, args.archived, args.per_ticket, sim.guild_id)
        print(
            f"{args.tickets} open tickets with {args.per_ticket} archived messages each, and {args.archived} more "
            f"archived messages in 10,000 old tickets (written in {time.perf_counter() - t:.0f} s)"
        )
        await sim.start()
        replies, posted = [], []
        posts = sim.fake.messages.setdefault(transcripts, [])
        for channel in channels:
            before = len(posts)
            start = time.perf_counter()
            result = await sim.slash(desk.staff, "ticket close", channel=channel, settle=False)
            while "closed" not in result.text:  # noqa: ASYNC110 (polling the simulated Discord)
                await asyncio.sleep(0)
            replies.append((time.perf_counter() - start) * 1000)
            while len(posts) == before:  # noqa: ASYNC110
                await asyncio.sleep(0)
            posted.append((time.perf_counter() - start) * 1000)
            await sim.settle()
        print(f"/ticket close, until the staff member reads the answer: {summary(replies)}")
        print(f"  until the transcript is posted (in the background): {summary(posted)}")
        await sim.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=200)
    parser.add_argument("--archived", type=int, default=1_000_000)
    parser.add_argument("--per-ticket", type=int, default=50)
    asyncio.run(main(parser.parse_args()))

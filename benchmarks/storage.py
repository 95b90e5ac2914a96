"""Storage: raw single-insert transactions per second beside ticket-opening transactions per second.

    python benchmarks/storage.py [--count 5000]

Both run in one process against one SQLite file in WAL mode, through :class:`storage.Database` (a
transaction is one function on the writer's thread: one hand-off there and back):

* raw: ``INSERT`` one row, commit;
* ticket open: the opener's real transaction (the replay check, the owner's limits, the number, the
  intent row with its name, the event), each for a different member;
* the same raw insert through aiosqlite (``pip install -e .[bench]``), a hand-off per statement: how
  TicketDesk wrote before, and the "raw" of the performance issue's measurements.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import _sim  # noqa: F401  (puts the project on the path)

from bot.clock import SystemClock
from bot.services.opening import OpenRequest, TicketOpener
from storage import Connection, Database
from storage import groups as group_repo
from storage import guilds as guild_repo

GUILD = 1


def insert_raw(conn: Connection, value: int) -> None:
    conn.execute("INSERT INTO bench_raw (v) VALUES (?)", (value,))


def setup(conn: Connection) -> Any:
    conn.execute("CREATE TABLE bench_raw (id INTEGER PRIMARY KEY, v INTEGER)")
    now = SystemClock().now()
    guild_repo.ensure(conn, GUILD, now)
    return group_repo.create(conn, GUILD, "Support", now)


async def per_second(count: int, one: Any) -> float:
    start = time.perf_counter()
    for i in range(count):
        await one(i)
    return count / (time.perf_counter() - start)


async def aiosqlite_raw(path: Path, count: int) -> float | None:
    try:
        import aiosqlite
    except ImportError:
        return None
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        await conn.execute("PRAGMA synchronous = NORMAL")

        async def one(i: int) -> None:
            await conn.execute("BEGIN IMMEDIATE")
            await conn.execute("INSERT INTO bench_raw (v) VALUES (?)", (i,))
            await conn.execute("COMMIT")

        return await per_second(count, one)


async def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        db = Database(path)
        await db.open()
        await db.migrate()
        group = await db.write(setup)
        clock = SystemClock()
        opener = TicketOpener(db, clock, *([None] * 6))  # type: ignore[arg-type]
        guild = SimpleNamespace(id=GUILD)

        async def open_one(i: int) -> None:
            member = SimpleNamespace(id=10**6 + i, name=f"member{i}", bot=False)
            request = OpenRequest(guild, group, member, member, request_key=f"bench-{i}")  # type: ignore[arg-type]
            ticket, _, refusal = await db.write(opener.write_intent, request, clock.now())
            assert ticket is not None and refusal is None

        await per_second(200, lambda i: db.write(insert_raw, i))  # warm up
        raw = await per_second(count, lambda i: db.write(insert_raw, i))
        opened = await per_second(count, open_one)
        await db.close()
        old = await aiosqlite_raw(path, count)
        print(f"raw single-insert transactions, one hand-off each: {raw:,.0f}/s")
        if old is not None:
            print(
                f"raw single-insert transactions through aiosqlite (a hand-off per statement): {old:,.0f}/s"
            )
        print(f"ticket-opening transactions: {opened:,.0f}/s", end="")
        print(f" = {opened / raw:.0%} of the first" + (f", {opened / old:.0%} of the second" if old else ""))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=5000)
    asyncio.run(main(parser.parse_args().count))

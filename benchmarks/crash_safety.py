"""Kill the process in the middle of writes, again and again, and count committed rows lost.

A child process writes tickets in a loop and prints each ticket number once its transaction has
committed. The parent kills it with SIGKILL at a random moment, reopens the database, and checks that
every printed number is there and the database passes an integrity check.

    python benchmarks/crash_safety.py --rounds 30
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storage import Database, guilds, tickets  # noqa: E402

GUILD = 1


async def write_forever(path: Path) -> None:
    db = Database(path)
    await db.open()
    await db.migrate()
    await db.write(guilds.ensure, GUILD, datetime.now(UTC))
    while True:
        ticket = await db.write(
            tickets.create_intent,
            guild_id=GUILD,
            group_id=None,
            owner_id=random.randint(1, 10**6),
            now=datetime.now(UTC),
        )
        sys.stdout.write(f"{ticket.number}\n")
        sys.stdout.flush()


async def verify(path: Path, acknowledged: set[int]) -> tuple[int, bool]:
    db = Database(path)
    await db.open()
    try:
        rows = await db.fetchall("SELECT number FROM tickets WHERE guild_id = ?", (GUILD,))
        present = {int(r[0]) for r in rows}
        return len(acknowledged - present), await db.integrity_ok()
    finally:
        await db.close()


def run(rounds: int, path: Path, seed: int = 0) -> dict[str, int]:
    rng = random.Random(seed)
    acknowledged: set[int] = set()
    lost_total = 0
    bad_integrity = 0
    for _ in range(rounds):
        child = subprocess.Popen(
            [sys.executable, __file__, "--writer", str(path)], stdout=subprocess.PIPE, text=True, cwd=ROOT
        )
        assert child.stdout is not None
        target = rng.randint(5, 200)
        seen = 0
        deadline = time.monotonic() + 30
        while seen < target and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            acknowledged.add(int(line))
            seen += 1
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        # anything already printed before the kill was acknowledged too
        for line in child.stdout.read().split():
            acknowledged.add(int(line))
        lost, ok = asyncio.run(verify(path, acknowledged))
        lost_total += lost
        bad_integrity += 0 if ok else 1
    return {
        "kills": rounds,
        "acknowledged": len(acknowledged),
        "lost": lost_total,
        "integrity_failures": bad_integrity,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--writer", type=Path)
    args = parser.parse_args()
    if args.writer:
        asyncio.run(write_forever(args.writer))
        return
    with tempfile.TemporaryDirectory() as tmp:
        result = run(args.rounds, Path(tmp) / "crash.sqlite3")
    print(
        f"kills: {result['kills']}  committed rows acknowledged: {result['acknowledged']}  "
        f"lost: {result['lost']}  integrity failures: {result['integrity_failures']}"
    )


if __name__ == "__main__":
    main()

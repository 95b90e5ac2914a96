"""Settings export/import: how long each step takes for a typical server and for the largest import.

    python benchmarks/settings_io.py

Two configurations: a typical one (12 groups with forms, levels and schedules, 4 panels, 10 saved
messages, 20 tags, 50 blacklist entries) and the largest an import takes (500 groups with 5-field
forms, 200 panels of up to 25 entries, 500 saved messages, 1,000 tags, 5,000 blacklist entries, as far
as 1 MiB holds them). For each: the file's size; writing it (export); reading and checking it (the
position-tracking parse and the commands' rules, in a worker thread in the bot); the plan (diff against
the server); and the import's one transaction on a SQLite file in WAL mode, through
:class:`storage.Database`, into an empty server and again over itself (nothing to change).
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import _sim  # noqa: F401  (puts the project on the path)

from bot.domain import settings_io as io
from storage import Database
from storage import settings_io as repo

NOW = datetime(2026, 3, 2, tzinfo=UTC)
ROLE, CHANNEL, CATEGORY = 111111111111111111, 222222222222222222, 333333333333333333


def configuration(
    groups: int, panels: int, saved: int, tags: int, blocked: int, entries: int
) -> dict[str, Any]:
    form = [
        {
            "key": f"f{i}",
            "label": f"Question {i}",
            "kind": "paragraph" if i % 2 else "short",
            "max_length": 500,
        }
        for i in range(5)
    ]
    levels = [{"label": name, "emoji": "🟢", "color": "#00ff00"} for name in ("Low", "Normal", "High")]
    return {
        "ticketdesk": 1,
        "settings": {
            "admin_role_ids": [str(ROLE)],
            "log_channel_id": str(CHANNEL),
            "default_group": "Group 0",
        },
        "groups": [
            {
                "name": f"Group {g}",
                "category_ids": [str(CATEGORY)],
                "support_role_ids": [str(ROLE)],
                "transcript_channel_id": str(CHANNEL),
                "opening_message": "Hello {user}, this is {ticket}.",
                "form_title": "Tell us more",
                "form_fields": form,
                "priority_levels": levels,
                "schedule": "mo-fr 09:00-17:00; sa 10:00-14:00",
                "timezone": "Europe/Berlin",
                "cooldown_seconds": 300,
            }
            for g in range(groups)
        ],
        "saved_messages": [
            {
                "name": f"Message {m}",
                "content": "Welcome to {server}",
                "embeds": [{"title": "Rules", "description": "Be kind. " * 20}],
            }
            for m in range(saved)
        ],
        "panels": [
            {
                "name": f"Panel {p}",
                "kind": "dropdown",
                "channel_id": str(CHANNEL),
                "entries": [
                    {
                        "group": f"Group {(p + e) % groups}",
                        "label": f"Entry {e}",
                        "emoji": "🎫",
                        "description": "Help with this",
                    }
                    for e in range(entries)
                ],
            }
            for p in range(panels)
        ],
        "tags": [{"name": f"tag {t}", "content": "Refunds take {number} days. " * 3} for t in range(tags)],
        "blacklist": [{"kind": "member", "id": str(10**17 + b), "reason": "spam"} for b in range(blocked)],
    }


def largest() -> dict[str, Any]:
    """The largest configuration the import limits allow that still fits in MAX_BYTES."""
    low, high = 1, 100
    while low < high:  # the share of every limit that fits
        mid = (low + high + 1) // 2
        data = scaled(mid)
        if len(json.dumps(data, indent=2).encode()) <= io.MAX_BYTES:
            low = mid
        else:
            high = mid - 1
    return scaled(low)


def scaled(percent: int) -> dict[str, Any]:
    def part(limit: int) -> int:
        return max(1, limit * percent // 100)

    return configuration(
        part(io.MAX_GROUPS),
        part(io.MAX_PANELS),
        part(io.MAX_SAVED_MESSAGES),
        part(io.MAX_TAGS),
        part(io.MAX_BLACKLIST),
        25,
    )


def timed(fn: Any, *args: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn(*args)
    return result, (time.perf_counter() - start) * 1000


async def measure(name: str, data: dict[str, Any], db: Database, guild: int) -> None:
    text = json.dumps(data, indent=2)
    document, read_ms = timed(io.read_document, text.encode())
    target = io.Target(frozenset({ROLE}), frozenset({CATEGORY}), frozenset({CHANNEL}))
    current = io.document_of(await db.read(repo.snapshot, guild))
    plan, plan_ms = timed(
        lambda: io.plan_import(document, current, target, open_tickets={}, posted=set(), now=NOW)
    )

    async def apply() -> float:
        expected = io.fingerprint(io.document_of(await db.read(repo.snapshot, guild)))
        start = time.perf_counter()
        await db.write(repo.apply_import, guild, plan.desired, expected, actor_id=1, now=NOW, summary={})
        return (time.perf_counter() - start) * 1000

    first = await apply()
    again = await apply()
    snapshot = await db.read(repo.snapshot, guild)
    exported, export_ms = timed(lambda: io.dumps(io.document_of(snapshot, now=NOW), NOW))
    counts = ", ".join(
        f"{len(data[k]):,} {k}" for k in ("groups", "panels", "saved_messages", "tags", "blacklist")
    )
    print(f"{name}: {counts}; {sum(len(p['entries']) for p in data['panels']):,} panel entries")
    print(f"  file {len(text.encode()) / 1024:,.0f} KiB (export {len(exported.encode()) / 1024:,.0f} KiB)")
    print(f"  export (document + JSON)   {export_ms:8.1f} ms")
    print(f"  read and check the file    {read_ms:8.1f} ms")
    print(f"  plan (diff with the server) {plan_ms:7.1f} ms")
    print(f"  import transaction         {first:8.1f} ms (into an empty server)")
    print(f"  import transaction         {again:8.1f} ms (the same file again: nothing to change)")


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "bench.sqlite3")
        await db.open()
        await db.migrate()
        try:
            await measure("typical", configuration(12, 4, 10, 20, 50, 6), db, 1)
            await measure("largest", largest(), db, 2)
        finally:
            await db.close()


if __name__ == "__main__":
    asyncio.run(main())

"""Storage: migrations, transactions, gap-free numbers and the constraints the database enforces."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain.models import Ticket, TicketStatus
from storage import Connection, Database, DatabaseError, guilds, load_migrations, tickets
from storage.database import Migration

NOW = datetime(2026, 1, 1, tzinfo=UTC)


async def open_db(path: Path) -> Database:
    db = Database(path)
    await db.open()
    return db


async def schema(db: Database) -> list[tuple[str, str]]:
    rows = await db.fetchall(
        "SELECT type, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [(r[0], r[1]) for r in rows]


async def test_a_fresh_database_migrates_to_the_newest_version(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "db.sqlite3")
    try:
        applied = await db.migrate()
        newest = load_migrations()[-1].version
        assert applied == list(range(1, newest + 1))
        assert await db.schema_version() == newest
        assert await db.migrate() == []
        mode = await db.fetchone("PRAGMA journal_mode")
        assert mode is not None and mode[0] == "wal"
        fk = await db.fetchone("PRAGMA foreign_keys")
        assert fk is not None and fk[0] == 1
    finally:
        await db.close()


async def test_every_older_version_upgrades_to_the_same_schema(tmp_path: Path) -> None:
    migrations = load_migrations()
    fresh = await open_db(tmp_path / "fresh.sqlite3")
    await fresh.migrate()
    expected = await schema(fresh)
    await fresh.close()
    for version in range(len(migrations)):
        db = await open_db(tmp_path / f"v{version}.sqlite3")
        try:
            await db.migrate(migrations[:version])
            assert await db.schema_version() == version
            if version:
                await db.write(guilds.ensure, 42, NOW)
            await db.migrate()
            assert await db.schema_version() == migrations[-1].version
            assert await schema(db) == expected
            if version:
                row = await db.fetchone("SELECT guild_id FROM guilds")
                assert row is not None and row[0] == 42
        finally:
            await db.close()


async def test_a_database_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "db.sqlite3")
    try:
        await db.migrate()
        await db.write(lambda tx: tx.execute("PRAGMA user_version = 999"))
        with pytest.raises(DatabaseError, match="newer than this TicketDesk"):
            await db.migrate()
    finally:
        await db.close()


async def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "db.sqlite3")
    broken = [
        Migration(1, "good", "CREATE TABLE a (x INTEGER);"),
        Migration(2, "bad", "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);"),
    ]
    try:
        with pytest.raises(DatabaseError, match="migration 0002_bad failed"):
            await db.migrate(broken)
        assert await db.schema_version() == 1
        names = {r[0] for r in await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "a" in names and "b" not in names
    finally:
        await db.close()


async def test_a_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "db.sqlite3")
    await db.migrate()

    def fails(tx: Connection) -> None:
        guilds.ensure(tx, 1, NOW)
        raise RuntimeError("boom")

    try:
        with pytest.raises(RuntimeError):
            await db.write(fails)
        assert await db.fetchone("SELECT 1 FROM guilds") is None
    finally:
        await db.close()


async def test_a_transaction_is_one_hand_off_however_much_it_does(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "db.sqlite3")
    await db.migrate()

    def open_many(tx: Connection) -> int:
        for owner in range(50):
            tickets.create_intent(tx, guild_id=1, group_id=None, owner_id=owner, now=NOW)
        return tickets.count_by_status(tx, 1)[TicketStatus.CREATING]

    try:
        before = db.hand_offs
        assert await db.write(open_many) == 50
        assert db.hand_offs == before + 1
    finally:
        await db.close()


async def test_a_cancelled_caller_does_not_cut_its_transaction_in_half(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "db.sqlite3")
    await db.migrate()
    started = threading.Event()
    release = threading.Event()

    def slow(tx: Connection) -> None:
        guilds.ensure(tx, 1, NOW)
        started.set()
        release.wait(5)
        guilds.ensure(tx, 2, NOW)

    try:
        task = asyncio.create_task(db.write(slow))
        await asyncio.to_thread(started.wait, 5)
        task.cancel()
        release.set()
        with pytest.raises(asyncio.CancelledError):
            await task
        await db.write(lambda tx: None)  # queued behind it: runs once it committed
        rows = await db.fetchall("SELECT guild_id FROM guilds ORDER BY guild_id")
        assert [r[0] for r in rows] == [1, 2]
    finally:
        await db.close()


async def test_what_a_write_changed_is_applied_before_its_caller_resumes(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "db.sqlite3")
    await db.migrate()
    seen: list[list[int]] = []

    def install(conn: Connection) -> None:
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched (id INTEGER)")
        conn.execute(
            "CREATE TEMP TRIGGER IF NOT EXISTS touched_guild AFTER INSERT ON main.guilds "
            "BEGIN INSERT INTO touched VALUES (NEW.guild_id); END"
        )

    def collect(conn: Connection) -> list[int] | None:
        found = [r[0] for r in conn.execute("SELECT id FROM temp.touched")]
        conn.execute("DELETE FROM temp.touched")
        return found or None

    def fails(tx: Connection) -> None:
        guilds.ensure(tx, 3, NOW)
        raise RuntimeError("boom")

    try:
        await db.watch(install, collect, seen.append)
        await db.write(guilds.ensure, 1, NOW)
        assert seen == [[1]]
        await db.write(lambda tx: None)
        with pytest.raises(RuntimeError):
            await db.write(fails)
        assert seen == [[1]]  # nothing for a write that did nothing or rolled back
    finally:
        await db.close()


async def test_concurrent_ticket_numbers_are_gap_free_and_unique(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "db.sqlite3")
    await db.migrate()
    await db.write(guilds.ensure, 1, NOW)

    async def create(owner: int) -> int:
        ticket = await db.write(tickets.create_intent, guild_id=1, group_id=None, owner_id=owner, now=NOW)
        return ticket.number

    try:
        numbers = await asyncio.gather(*(create(i) for i in range(200)))
        assert sorted(numbers) == list(range(1, 201))
    finally:
        await db.close()


async def test_a_number_given_back_is_reused_first(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "db.sqlite3")
    await db.migrate()

    def scenario(tx: Connection) -> list[int]:
        guilds.ensure(tx, 1, NOW)
        first = tickets.create_intent(tx, guild_id=1, group_id=None, owner_id=10, now=NOW)
        second = tickets.create_intent(tx, guild_id=1, group_id=None, owner_id=11, now=NOW)
        assert tickets.discard_intent(tx, first, NOW)
        third = tickets.create_intent(tx, guild_id=1, group_id=None, owner_id=12, now=NOW)
        assert tickets.discard_intent(tx, third, NOW)
        assert tickets.discard_intent(tx, second, NOW)
        fourth = tickets.create_intent(tx, guild_id=1, group_id=None, owner_id=13, now=NOW)
        return [first.number, second.number, third.number, fourth.number]

    try:
        assert await db.write(scenario) == [1, 2, 1, 1]
        row = await db.fetchone("SELECT last_ticket_number FROM guilds WHERE guild_id = 1")
        assert row is not None and row[0] == 1
    finally:
        await db.close()


async def test_the_database_refuses_a_repeated_number_or_slot(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "db.sqlite3")
    await db.migrate()
    try:

        def setup(tx: Connection) -> None:
            guilds.ensure(tx, 1, NOW)
            tx.execute(
                "INSERT INTO ticket_groups (id, guild_id, name, created_at, updated_at) VALUES (5, 1, 'g', ?, ?)",
                (NOW.isoformat(), NOW.isoformat()),
            )
            tickets.create_intent(tx, guild_id=1, group_id=5, owner_id=10, now=NOW, open_slot=1)

        await db.write(setup)
        with pytest.raises(sqlite3.IntegrityError):
            await db.write(
                lambda tx: tx.execute(
                    "INSERT INTO tickets (uuid, guild_id, number, status, owner_id, created_at) "
                    "VALUES ('u2', 1, 1, 'open', 11, ?)",
                    (NOW.isoformat(),),
                )
            )
        with pytest.raises(sqlite3.IntegrityError):
            await db.write(tickets.create_intent, guild_id=1, group_id=5, owner_id=10, now=NOW, open_slot=1)
        row = await db.fetchone("SELECT COUNT(*) FROM tickets")
        assert row is not None and row[0] == 1
    finally:
        await db.close()


async def test_conditional_updates_let_only_one_racer_win(tmp_path: Path) -> None:
    db = await open_db(tmp_path / "db.sqlite3")
    await db.migrate()
    try:

        def setup(tx: Connection) -> Ticket:
            ticket = tickets.create_intent(tx, guild_id=1, group_id=None, owner_id=10, now=NOW)
            opened = tickets.update(tx, ticket.id, {"status": TicketStatus.OPEN})
            assert opened is not None
            return opened

        ticket = await db.write(setup)

        async def close() -> bool:
            changed = await db.write(
                tickets.update,
                ticket.id,
                {"status": TicketStatus.CLOSED, "closed_at": NOW},
                expect_status=[TicketStatus.OPEN],
            )
            return changed is not None

        results = await asyncio.gather(*(close() for _ in range(10)))
        assert results.count(True) == 1
    finally:
        await db.close()

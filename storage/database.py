"""SQLite through aiosqlite: one writer at a time, a few readers, WAL, versioned migrations."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

from bot import messages

log = logging.getLogger(__name__)

Row = sqlite3.Row
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


class DatabaseError(RuntimeError):
    """The database cannot be used as it is (for example, it is newer than this code)."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """Read storage/migrations/NNNN_name.sql in version order; versions must be 1..N without gaps."""
    found: list[Migration] = []
    for entry in resources.files("storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise DatabaseError(
                f"migration numbering has a gap before {migration.version:04d}_{migration.name}"
            )
    return found


async def _configure(conn: aiosqlite.Connection, busy_timeout_ms: int) -> None:
    conn.row_factory = sqlite3.Row
    await conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    await conn.execute("PRAGMA foreign_keys = ON")
    await conn.execute("PRAGMA synchronous = NORMAL")
    # deleted and overwritten content is zeroed on disk, so an erased member leaves no bytes behind
    await conn.execute("PRAGMA secure_delete = ON")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _probe(path: Path, busy_timeout_ms: int) -> None:
    """Open the file and read its header with the standard library first: when aiosqlite cannot open a
    file it does not wait for its worker thread, which then fails loudly once the event loop is gone."""
    conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def unusable(path: Path, exc: BaseException) -> str:
    """One line for a database file SQLite cannot use."""
    if isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
        return messages.DATABASE_NOT_SQLITE.format(path=path)
    reason = _reason(exc) if isinstance(exc, OSError) else str(exc)
    return messages.DATABASE_CANNOT_OPEN.format(path=path, reason=reason)


class Database:
    """The application's database.

    Writes go through :meth:`transaction`, which serialises writers in this process with a lock and
    across processes with ``BEGIN IMMEDIATE``; a transaction never spans a Discord call. Reads use a
    small pool of connections that see every committed write (WAL).
    """

    def __init__(self, path: Path, *, busy_timeout_ms: int = 5000, readers: int = 2) -> None:
        self.path = Path(path)
        self._busy_timeout_ms = busy_timeout_ms
        self._reader_count = readers
        self._writer: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()
        self._readers: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()
        self._all_readers: list[aiosqlite.Connection] = []

    async def _connect(self) -> aiosqlite.Connection:
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        try:
            await _configure(conn, self._busy_timeout_ms)
        except BaseException:
            with suppress(Exception):
                await conn.close()
            raise
        return conn

    async def open(self) -> None:
        """Create the file if needed, switch to WAL and open the connections.

        Raises :class:`DatabaseError` with one clear line when the file cannot be used; whatever was
        opened by then is closed (an open aiosqlite connection is a thread that keeps the process alive).
        """
        where = self.path.absolute()
        if self.path.is_dir():
            raise DatabaseError(messages.DATABASE_IS_A_DIRECTORY.format(path=where))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                messages.DATABASE_FOLDER_UNUSABLE.format(path=where.parent, reason=_reason(exc))
            ) from exc
        try:
            await asyncio.to_thread(_probe, self.path, self._busy_timeout_ms)
            self._writer = await self._connect()
            async with self._writer.execute("PRAGMA journal_mode = WAL") as cur:
                row = await cur.fetchone()
            if row is None or str(row[0]).lower() != "wal":
                raise DatabaseError(f"could not switch {self.path} to WAL mode")
            for _ in range(self._reader_count):
                conn = await self._connect()
                self._all_readers.append(conn)
                self._readers.put_nowait(conn)
        except BaseException as exc:
            await self.close()
            if isinstance(exc, sqlite3.Error | OSError):
                raise DatabaseError(unusable(where, exc)) from exc
            raise

    async def close(self) -> None:
        """Close every connection; safe to call twice."""
        for conn in self._all_readers:
            with suppress(Exception):
                await conn.close()
        self._all_readers.clear()
        self._readers = asyncio.Queue()
        if self._writer is not None:
            with suppress(Exception):
                await self._writer.close()
            self._writer = None

    @property
    def is_open(self) -> bool:
        return self._writer is not None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; rolls back on any exception."""
        if self._writer is None:
            raise DatabaseError("the database is not open")
        async with self._write_lock:
            conn = self._writer
            await conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                with suppress(Exception):
                    await conn.execute("ROLLBACK")
                raise
            else:
                await conn.execute("COMMIT")

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[aiosqlite.Connection]:
        """A read connection for the duration of the block."""
        if not self._all_readers:
            raise DatabaseError("the database is not open")
        conn = await self._readers.get()
        try:
            yield conn
        finally:
            self._readers.put_nowait(conn)

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        async with self.reader() as conn, conn.execute(sql, params) as cur:
            return await cur.fetchone()

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        async with self.reader() as conn, conn.execute(sql, params) as cur:
            return list(await cur.fetchall())

    # -- migrations -----------------------------------------------------------------------------

    async def schema_version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def migrate(self, migrations: Iterable[Migration] | None = None) -> list[int]:
        """Apply every pending migration, each in its own transaction; return the versions applied.

        Refuses a database whose version is newer than the newest migration this code knows.
        """
        if self._writer is None:
            raise DatabaseError("the database is not open")
        todo = list(migrations) if migrations is not None else load_migrations()
        newest = todo[-1].version if todo else 0
        applied: list[int] = []
        async with self._write_lock:
            conn = self._writer
            async with conn.execute("PRAGMA user_version") as cur:
                row = await cur.fetchone()
            current = int(row[0]) if row else 0
            if current > newest:
                raise DatabaseError(
                    f"{self.path} is at schema version {current}, newer than this TicketDesk ({newest}); "
                    "upgrade TicketDesk or restore a backup"
                )
            for migration in todo:
                if migration.version <= current:
                    continue
                script = (
                    "BEGIN IMMEDIATE;\n"
                    f"{migration.sql}\n;\n"
                    f"PRAGMA user_version = {migration.version};\n"
                    "COMMIT;"
                )
                try:
                    await conn.executescript(script)
                except Exception as exc:
                    with suppress(Exception):
                        await conn.execute("ROLLBACK")
                    if isinstance(exc, sqlite3.Error):
                        raise DatabaseError(
                            messages.DATABASE_MIGRATION_FAILED.format(
                                migration=f"{migration.version:04d}_{migration.name}",
                                path=self.path.absolute(),
                                reason=exc,
                            )
                        ) from exc
                    raise
                log.info("applied migration %04d_%s", migration.version, migration.name)
                applied.append(migration.version)
        return applied

    async def checkpoint(self) -> None:
        """Copy the write-ahead log into the main file and empty it (after erasing personal data)."""
        if self._writer is None:
            raise DatabaseError("the database is not open")
        async with self._write_lock:
            await self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def integrity_ok(self) -> bool:
        row = await self.fetchone("PRAGMA quick_check")
        return row is not None and row[0] == "ok"

"""SQLite on its own threads: one writer, a few readers, WAL, versioned migrations.

A transaction is one plain function ``fn(conn, ...)`` that runs start to finish on the writer's thread
(``await db.write(fn, ...)``): one hand-off from the event loop and one back, whatever the function does
inside. Reads run the same way on a reader thread (``await db.read(fn, ...)``), each in its own snapshot.
The functions are the synchronous repository functions of this package; nothing inside a transaction
can wait for Discord, because nothing inside it can ``await``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import logging
import queue
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from bot import messages

log = logging.getLogger(__name__)

Row = sqlite3.Row
Connection = sqlite3.Connection
P = ParamSpec("P")
T = TypeVar("T")
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
CHECKPOINT_EVERY = 200  # writes between two checkpoints (SQLite's own default is about every 1,000 pages)


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


def _connect(path: Path, busy_timeout_ms: int, trace: Callable[[str], None] | None) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        if trace is not None:
            conn.set_trace_callback(trace)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        # deleted and overwritten content is zeroed on disk, so an erased member leaves no bytes behind
        conn.execute("PRAGMA secure_delete = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def unusable(path: Path, exc: BaseException) -> str:
    """One line for a database file SQLite cannot use."""
    if isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
        return messages.DATABASE_NOT_SQLITE.format(path=path)
    reason = _reason(exc) if isinstance(exc, OSError) else str(exc)
    return messages.DATABASE_CANNOT_OPEN.format(path=path, reason=reason)


def _settle(
    future: asyncio.Future[Any],
    result: Any,
    error: BaseException | None,
    then: Callable[[Any], Any] | None,
) -> None:
    """Deliver a job's outcome on the event loop (``then`` first turns what the thread returned into it)."""
    if error is None and then is not None:
        try:
            result = then(result)
        except Exception as exc:
            error = exc
    if future.done():  # the caller was cancelled; the work itself still finished
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


_STOP = object()


class _Lane:
    """Threads that each own one connection and take jobs from one queue, first come first served."""

    def __init__(self, name: str, size: int, connect: Callable[[], sqlite3.Connection]) -> None:
        self._name = name
        self._size = size
        self._connect = connect
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self.jobs_run = 0

    async def start(self) -> None:
        readies: list[concurrent.futures.Future[None]] = []
        for number in range(self._size):
            ready: concurrent.futures.Future[None] = concurrent.futures.Future()
            thread = threading.Thread(
                target=self._serve, args=(ready,), name=f"{self._name}-{number}", daemon=True
            )
            thread.start()
            self._threads.append(thread)
            readies.append(ready)
        outcomes = await asyncio.gather(*(asyncio.wrap_future(r) for r in readies), return_exceptions=True)
        failed = [o for o in outcomes if isinstance(o, BaseException)]
        if failed:
            await self.stop()
            raise failed[0]

    def _serve(self, ready: concurrent.futures.Future[None]) -> None:
        try:
            conn = self._connect()
        except BaseException as exc:
            ready.set_exception(exc)
            return
        ready.set_result(None)
        try:
            while True:
                job = self._jobs.get()
                if job is _STOP:
                    return
                job(conn)
        finally:
            conn.close()

    async def run(
        self, call: Callable[[sqlite3.Connection], Any], then: Callable[[Any], T] | None = None
    ) -> T:
        """``call(conn)`` on one of the lane's threads; its result (through ``then``, run on the event loop
        as the result arrives) or its exception comes back here."""
        if not self._threads:
            raise DatabaseError("the database is not open")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        context = contextvars.copy_context()  # the caller's (its language, for a sentence made inside)

        def job(conn: sqlite3.Connection) -> None:
            try:
                result, error = context.run(call, conn), None
            except BaseException as exc:  # handed to the caller, who decides
                result, error = None, exc
            try:
                loop.call_soon_threadsafe(_settle, future, result, error, then, context=context)
            except RuntimeError:  # the event loop is gone: nobody is waiting any more
                pass

        self.jobs_run += 1
        self._jobs.put(job)
        return await future

    def submit(self, call: Callable[[sqlite3.Connection], object]) -> None:
        """Queue ``call(conn)`` without waiting for it (errors are logged)."""
        if not self._threads:
            return

        def job(conn: sqlite3.Connection) -> None:
            try:
                call(conn)
            except Exception:
                log.exception("background database work failed")

        self._jobs.put(job)

    async def stop(self) -> None:
        """Let the queued jobs finish, then close every connection."""
        threads, self._threads = self._threads, []
        for _ in threads:
            self._jobs.put(_STOP)

        def join() -> None:
            for thread in threads:
                thread.join(timeout=30)

        await asyncio.to_thread(join)


@dataclass(frozen=True, slots=True)
class _Watcher:
    collect: Callable[[sqlite3.Connection], Any]
    apply: Callable[[Any], None]


def _write_tx(
    call: Callable[[sqlite3.Connection], T], watchers: Sequence[_Watcher], conn: sqlite3.Connection
) -> tuple[T, list[Any]]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = call(conn)
        seen = [w.collect(conn) for w in watchers]
    except BaseException:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            log.exception("rollback failed")
        raise
    conn.execute("COMMIT")
    return result, seen


def _read_tx(call: Callable[[sqlite3.Connection], T], conn: sqlite3.Connection) -> T:
    conn.execute("BEGIN")  # one snapshot for every statement of the read
    try:
        return call(conn)
    finally:
        conn.execute("COMMIT")


class Database:
    """The application's database.

    :meth:`write` runs a function as one transaction (``BEGIN IMMEDIATE`` serialises writers across
    processes too; this process has a single writer thread). :meth:`read` runs a function on one of a
    few reader connections that see every committed write (WAL). A caller that is cancelled does not
    cancel its transaction: it runs to the end, and commits or rolls back as a whole.
    """

    def __init__(self, path: Path, *, busy_timeout_ms: int = 5000, readers: int = 2) -> None:
        self.path = Path(path)
        self._busy_timeout_ms = busy_timeout_ms
        self._writer = _Lane("db-writer", 1, self._connect_writer)
        self._readers = _Lane(
            "db-reader", readers, lambda: _connect(self.path, self._busy_timeout_ms, self.trace)
        )
        # set before open() to see every statement the connections run (query-plan checks, debugging)
        self.trace: Callable[[str], None] | None = None
        self._checkpointer = _Lane(
            "db-checkpoint", 1, lambda: _connect(self.path, self._busy_timeout_ms, None)
        )
        self._open = False
        self._watchers: list[_Watcher] = []
        self._since_checkpoint = 0
        self._checkpoint_queued = False

    def _connect_writer(self) -> sqlite3.Connection:
        conn = _connect(self.path, self._busy_timeout_ms, self.trace)
        row = conn.execute("PRAGMA journal_mode = WAL").fetchone()
        if row is None or str(row[0]).lower() != "wal":
            conn.close()
            raise DatabaseError(f"could not switch {self.path} to WAL mode")
        # the write-ahead log is copied into the database by the checkpointer's thread, not after a commit
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        return conn

    async def open(self) -> None:
        """Create the file if needed, switch to WAL and open the connections.

        Raises :class:`DatabaseError` with one clear line when the file cannot be used; whatever was
        opened by then is closed again.
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
            await self._writer.start()  # first: it creates the file and turns WAL on
            await self._readers.start()
            await self._checkpointer.start()
        except BaseException as exc:
            await self.close()
            if isinstance(exc, sqlite3.Error | OSError):
                raise DatabaseError(unusable(where, exc)) from exc
            raise
        self._open = True

    async def close(self) -> None:
        """Finish what is queued and close every connection; safe to call twice."""
        self._open = False
        await self._readers.stop()
        await self._writer.stop()
        await self._checkpointer.stop()

    @property
    def is_open(self) -> bool:
        return self._open

    @property
    def hand_offs(self) -> int:
        """How many jobs went to the database threads so far (each is one hop there and one back)."""
        return self._writer.jobs_run + self._readers.jobs_run

    @property
    def writes(self) -> int:
        """How many write transactions (and migrations, checkpoints) ran so far."""
        return self._writer.jobs_run

    async def watch(
        self,
        install: Callable[[sqlite3.Connection], None],
        collect: Callable[[sqlite3.Connection], T | None],
        apply: Callable[[T], None],
    ) -> None:
        """Follow what every later write changes: ``install(conn)`` runs once on the writer's connection;
        ``collect(conn)`` ends each write transaction (inside it); a result other than None is handed to
        ``apply`` on the event loop as the write's caller gets its answer, so nobody sees the old state
        after the commit."""
        await self._writer.run(install)
        self._watchers.append(_Watcher(collect, apply))

    @staticmethod
    def _delivered(watchers: Sequence[_Watcher], outcome: tuple[T, list[Any]]) -> T:
        result, seen = outcome
        for watcher, found in zip(watchers, seen, strict=True):
            if found is not None:
                watcher.apply(found)
        return result

    async def write(
        self, fn: Callable[Concatenate[sqlite3.Connection, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``fn(conn, *args, **kwargs)`` as one write transaction; rolled back if it raises."""
        watchers = tuple(self._watchers)
        try:
            return await self._writer.run(
                lambda conn: _write_tx(lambda c: fn(c, *args, **kwargs), watchers, conn),
                lambda outcome: self._delivered(watchers, outcome),
            )
        finally:
            self._after_write()

    def _after_write(self) -> None:
        """Every ``CHECKPOINT_EVERY`` writes, copy the log into the database on the checkpointer's own thread
        (passive: it never waits for, or holds up, the writer or a reader), so no commit pays for it."""
        self._since_checkpoint += 1
        if self._since_checkpoint < CHECKPOINT_EVERY or self._checkpoint_queued:
            return
        self._since_checkpoint = 0
        self._checkpoint_queued = True

        def checkpoint(conn: sqlite3.Connection) -> None:
            self._checkpoint_queued = False
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

        self._checkpointer.submit(checkpoint)

    async def read(
        self, fn: Callable[Concatenate[sqlite3.Connection, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``fn(conn, *args, **kwargs)`` on a reader, in one snapshot."""
        return await self._readers.run(lambda conn: _read_tx(lambda c: fn(c, *args, **kwargs), conn))

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        return await self.read(lambda conn: conn.execute(sql, params).fetchone())

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return await self.read(lambda conn: conn.execute(sql, params).fetchall())

    # -- migrations -----------------------------------------------------------------------------

    async def schema_version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def migrate(self, migrations: Iterable[Migration] | None = None) -> list[int]:
        """Apply every pending migration, each in its own transaction; return the versions applied.

        Refuses a database whose version is newer than the newest migration this code knows.
        """
        todo = list(migrations) if migrations is not None else load_migrations()
        return await self._writer.run(lambda conn: self._migrate(conn, todo))

    def _migrate(self, conn: sqlite3.Connection, todo: list[Migration]) -> list[int]:
        newest = todo[-1].version if todo else 0
        current = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if current > newest:
            raise DatabaseError(
                f"{self.path} is at schema version {current}, newer than this TicketDesk ({newest}); "
                "upgrade TicketDesk or restore a backup"
            )
        applied: list[int] = []
        for migration in todo:
            if migration.version <= current:
                continue
            script = (
                f"BEGIN IMMEDIATE;\n{migration.sql}\n;\nPRAGMA user_version = {migration.version};\nCOMMIT;"
            )
            try:
                conn.executescript(script)
            except Exception as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
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
        await self._writer.run(lambda conn: conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall())

    async def integrity_ok(self) -> bool:
        row = await self.fetchone("PRAGMA quick_check")
        return row is not None and row[0] == "ok"

"""Copies of the live database (SQLite's online backup API) and a read-only look at it, for operators.

Both are synchronous (the command line calls them) and work while the bot runs: the backup reads one
consistent snapshot, committed rows still in the write-ahead log included, without blocking writers.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bot import messages
from storage.database import DatabaseError, unusable


class BackupError(DatabaseError):
    """The backup failed; nothing was written to the target."""


class BackupRefused(BackupError):
    """The backup was not attempted (nothing to copy, or it would overwrite something); nothing was written."""


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    size: int
    schema_version: int


def _read_only(path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
    """A connection that can neither create the file nor write to it."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    return conn


def read_schema_version(path: Path, *, busy_timeout_ms: int = 5000) -> int:
    """The schema version of the database at ``path``, read-only: it never creates or writes the database."""
    try:
        conn = _read_only(path, busy_timeout_ms)
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # reads the header
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except (sqlite3.Error, OSError) as exc:
        raise DatabaseError(unusable(path.absolute(), exc)) from exc


def _same_file(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        return a.samefile(b)
    return a.resolve() == b.resolve()


def backup_database(
    source: Path, target: Path, *, force: bool = False, busy_timeout_ms: int = 5000
) -> BackupResult:
    """Copy ``source`` to ``target`` with SQLite's online backup, check the copy, then move it in place.

    The copy is written to a temporary name next to ``target`` and renamed only when
    ``PRAGMA integrity_check`` passes; an existing ``target`` is kept unless ``force``.
    """
    source, target = source.absolute(), target.absolute()
    if not source.is_file():
        raise BackupRefused(messages.BACKUP_NO_DATABASE.format(path=source))
    if not target.parent.is_dir():
        raise BackupRefused(messages.BACKUP_NO_FOLDER.format(path=target, folder=target.parent))
    live = [source, *(source.with_name(source.name + suffix) for suffix in ("-wal", "-shm", "-journal"))]
    if any(_same_file(target, path) for path in live):
        raise BackupRefused(messages.BACKUP_IS_LIVE.format(path=target))
    if target.exists() and not force:
        raise BackupRefused(messages.BACKUP_EXISTS.format(path=target))

    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    os.close(fd)
    partial = Path(name)
    try:
        version = _copy(source, partial, busy_timeout_ms, target)
        _place(partial, target, force=force)
    except BaseException as exc:
        partial.unlink(missing_ok=True)
        if isinstance(exc, sqlite3.Error | OSError):
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise BackupError(messages.BACKUP_FAILED.format(path=target, reason=reason)) from exc
        raise
    return BackupResult(target, target.stat().st_size, version)


def _copy(source: Path, partial: Path, busy_timeout_ms: int, target: Path) -> int:
    """The online backup into ``partial``, made a self-contained file and checked; its schema version."""
    src = _read_only(source, busy_timeout_ms)
    try:
        dst = sqlite3.connect(partial, isolation_level=None)
        try:
            src.backup(dst)  # one step: a single consistent snapshot, writers carry on (WAL)
            dst.execute("PRAGMA journal_mode = DELETE")  # the copy needs no -wal file beside it
            found = [row[0] for row in dst.execute("PRAGMA integrity_check")]
            if found != ["ok"]:
                raise BackupError(messages.BACKUP_BAD_COPY.format(detail="; ".join(found[:3]), path=target))
            version = int(dst.execute("PRAGMA user_version").fetchone()[0])
        finally:
            dst.close()
    finally:
        src.close()
    with partial.open("rb+") as handle:
        os.fsync(handle.fileno())
    return version


def _place(partial: Path, target: Path, *, force: bool) -> None:
    """Rename the checked copy to ``target``; without ``force``, never over an existing file."""
    if force:
        os.replace(partial, target)
    else:
        try:
            os.link(partial, target)  # fails if target appeared meanwhile: no overwrite, even in a race
        except FileExistsError:
            raise BackupRefused(messages.BACKUP_EXISTS.format(path=target)) from None
        except OSError:  # a file system without hard links
            if target.exists():
                raise BackupRefused(messages.BACKUP_EXISTS.format(path=target)) from None
            os.replace(partial, target)
        else:
            partial.unlink()
    with contextlib.suppress(OSError):  # make the rename durable where the platform allows
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)

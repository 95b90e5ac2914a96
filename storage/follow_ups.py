"""Work that follows an operation, kept until it is done (see migration 0006 and bot.services.followups)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from storage._rows import ts


@dataclass(frozen=True, slots=True)
class FollowUp:
    ticket_id: int
    kind: str
    step: int
    generation: int
    attempts: int


_COLUMNS = "ticket_id, kind, step, generation, attempts"


def _from_row(row: sqlite3.Row) -> FollowUp:
    return FollowUp(row[0], row[1], row[2], row[3], row[4])


def enqueue(conn: sqlite3.Connection, ticket_id: int, kind: str, now: datetime) -> None:
    """Ask for the work (inside the transaction of the operation it follows); if a round is already
    queued or running, ask for one more after it."""
    # a round's generation starts anywhere, so a later round never repeats an earlier one's nonces
    conn.execute(
        "INSERT INTO follow_ups (ticket_id, kind, generation, queued_at) VALUES (?, ?, abs(random() % 1000000000000), ?) "
        "ON CONFLICT (ticket_id, kind) DO UPDATE SET again = 1",
        (ticket_id, kind, ts(now)),
    )


def cancel(conn: sqlite3.Connection, ticket_id: int, kind: str) -> None:
    """The operation was undone before anything followed it."""
    conn.execute("DELETE FROM follow_ups WHERE ticket_id = ? AND kind = ? AND step = 0", (ticket_id, kind))


def get(conn: sqlite3.Connection, ticket_id: int, kind: str) -> FollowUp | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM follow_ups WHERE ticket_id = ? AND kind = ?", (ticket_id, kind)
    ).fetchone()
    return None if row is None else _from_row(row)


def pending(conn: sqlite3.Connection) -> list[FollowUp]:
    return [_from_row(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM follow_ups ORDER BY queued_at")]


def advance(conn: sqlite3.Connection, job: FollowUp, step: int) -> None:
    """Steps before ``step`` are done (of this round)."""
    conn.execute(
        "UPDATE follow_ups SET step = ?, attempts = 0 WHERE ticket_id = ? AND kind = ? AND generation = ?",
        (step, job.ticket_id, job.kind, job.generation),
    )


def failed(conn: sqlite3.Connection, job: FollowUp) -> int:
    """Count a failed attempt at the current step; returns how many there were."""
    row = conn.execute(
        "UPDATE follow_ups SET attempts = attempts + 1 WHERE ticket_id = ? AND kind = ? RETURNING attempts",
        (job.ticket_id, job.kind),
    ).fetchone()
    return int(row[0]) if row else 0


def finish(conn: sqlite3.Connection, job: FollowUp, now: datetime) -> bool:
    """The round is done: forget it, or start the next one if one was asked for meanwhile (True)."""
    row = conn.execute(
        "UPDATE follow_ups SET step = 0, generation = generation + 1, again = 0, attempts = 0, queued_at = ? "
        "WHERE ticket_id = ? AND kind = ? AND generation = ? AND again = 1 RETURNING ticket_id",
        (ts(now), job.ticket_id, job.kind, job.generation),
    ).fetchone()
    if row is not None:
        return True
    conn.execute(
        "DELETE FROM follow_ups WHERE ticket_id = ? AND kind = ? AND generation = ?",
        (job.ticket_id, job.kind, job.generation),
    )
    return False

"""Tickets: the intent row, lookups and conditional state changes."""

from __future__ import annotations

import dataclasses
import sqlite3
import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.domain import admission
from bot.domain.models import Ticket, TicketStatus
from storage import guilds
from storage._rows import (
    TOMBSTONE,
    dt,
    dumps,
    loads,
    many,
    member_params,
    mentions,
    one,
    rows,
    scalar,
    ts,
    unmention,
)

_FIELDS = [f.name for f in dataclasses.fields(Ticket)]
_COLUMNS = ", ".join(_FIELDS)
_TIMES = {
    "created_at",
    "opened_at",
    "closed_at",
    "deleted_at",
    "last_activity",
    "locked_at",
    "expire_at",
    "transcript_saved_at",
    "owner_left_at",
    "last_owner_activity",
    "staff_pinged_at",
    "warned_for",
    "warned_at",
    "close_request_at",
    "auto_replied_at",
}
_FLAGS = {"custom_name", "expire_clearable", "eternal"}


def _from_row(row: sqlite3.Row) -> Ticket:
    values: dict[str, Any] = {}
    for name in _FIELDS:
        value = row[name]
        if name in _TIMES:
            value = dt(value)
        elif name in _FLAGS:
            value = bool(value)
        elif name == "status":
            value = TicketStatus(value)
        elif name == "form":
            value = loads(value, [])
        values[name] = value
    return Ticket(**values)


def _to_db(name: str, value: Any) -> Any:
    if name in _TIMES:
        return ts(value)
    if name in _FLAGS:
        return int(bool(value))
    if name == "status":
        return str(value)
    if name == "form":
        return dumps(value)
    return value


def create_intent(
    conn: sqlite3.Connection,
    *,
    guild_id: int,
    group_id: int | None,
    owner_id: int,
    now: datetime,
    open_slot: int | None = None,
    opened_by_id: int | None = None,
    form: Sequence[dict[str, Any]] = (),
    name: str | Callable[[int], str] | None = None,
    priority: int | None = None,
    request_key: str | None = None,
    source_channel_id: int | None = None,
    source_message_id: int | None = None,
    source_author_id: int | None = None,
) -> Ticket:
    """Write a ticket in state ``creating`` with the next gap-free number of its guild (and its settings
    row, the first time); ``name`` may be a function of that number.

    Runs inside the caller's write transaction, before any channel exists.
    """
    number = guilds.allocate_ticket_number(conn, guild_id, now)
    if callable(name):
        name = name(number)
    uuid = str(uuidlib.uuid4())
    answers = list(form)
    when = ts(now)
    cur = conn.execute(
        "INSERT INTO tickets (uuid, guild_id, group_id, number, status, owner_id, opened_by_id, open_slot, form, "
        "name, priority, created_at, last_activity, last_owner_activity, request_key, source_channel_id, "
        "source_message_id, source_author_id) VALUES (?, ?, ?, ?, 'creating', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        (
            uuid,
            guild_id,
            group_id,
            number,
            owner_id,
            opened_by_id,
            open_slot,
            dumps(answers),
            name,
            priority,
            when,
            when,
            when,
            request_key,
            source_channel_id,
            source_message_id,
            source_author_id,
        ),
    )
    # the row is what was just written: build it here rather than parse it back
    return Ticket(
        id=int(cur.fetchone()[0]),
        uuid=uuid,
        guild_id=guild_id,
        group_id=group_id,
        number=number,
        status=TicketStatus.CREATING,
        owner_id=owner_id,
        created_at=now,
        opened_by_id=opened_by_id,
        name=name,
        open_slot=open_slot,
        form=answers,
        priority=priority,
        last_activity=now,
        last_owner_activity=now,
        request_key=request_key,
        source_channel_id=source_channel_id,
        source_message_id=source_message_id,
        source_author_id=source_author_id,
    )


def discard_intent(conn: sqlite3.Connection, ticket: Ticket, now: datetime) -> bool:
    """Remove a ticket that never got its channel and give its number back; its uuid is remembered, so a
    channel Discord makes for it after all can be recognised as the bot's own leftover."""
    cur = conn.execute("DELETE FROM tickets WHERE id = ? AND status = 'creating'", (ticket.id,))
    if cur.rowcount == 0:
        return False
    guilds.release_ticket_number(conn, ticket.guild_id, ticket.number)
    conn.execute(
        "INSERT OR IGNORE INTO discarded_intents (uuid, guild_id, discarded_at) VALUES (?, ?, ?)",
        (ticket.uuid, ticket.guild_id, ts(now)),
    )
    return True


def creating_for(conn: sqlite3.Connection, guild_id: int, owner_id: int) -> list[Ticket]:
    """The member's tickets still being opened (their channel not confirmed yet)."""
    return many(
        conn,
        f"SELECT {_COLUMNS} FROM tickets WHERE guild_id = ? AND owner_id = ? AND status = 'creating'",
        (guild_id, owner_id),
        _from_row,
    )


def was_discarded(conn: sqlite3.Connection, uuid: str) -> bool:
    """Whether ``uuid`` belonged to an opening the bot gave up (so a channel marked with it is a leftover)."""
    cur = conn.execute("SELECT 1 FROM discarded_intents WHERE uuid = ?", (uuid,))
    return cur.fetchone() is not None


def forget_discarded(conn: sqlite3.Connection, before: datetime) -> None:
    """Stop remembering openings given up before ``before`` (Discord's retries are long over)."""
    conn.execute("DELETE FROM discarded_intents WHERE discarded_at < ?", (ts(before),))


def get(conn: sqlite3.Connection, ticket_id: int) -> Ticket | None:
    return one(conn, f"SELECT {_COLUMNS} FROM tickets WHERE id = ?", (ticket_id,), _from_row)


def get_by_number(conn: sqlite3.Connection, guild_id: int, number: int) -> Ticket | None:
    return one(
        conn,
        f"SELECT {_COLUMNS} FROM tickets WHERE guild_id = ? AND number = ?",
        (guild_id, number),
        _from_row,
    )


def get_by_channel(conn: sqlite3.Connection, channel_id: int) -> Ticket | None:
    return one(conn, f"SELECT {_COLUMNS} FROM tickets WHERE channel_id = ?", (channel_id,), _from_row)


def get_by_request_key(conn: sqlite3.Connection, request_key: str) -> Ticket | None:
    return one(conn, f"SELECT {_COLUMNS} FROM tickets WHERE request_key = ?", (request_key,), _from_row)


def count_by_status(conn: sqlite3.Connection, guild_id: int) -> dict[TicketStatus, int]:
    cur = conn.execute("SELECT status, COUNT(*) FROM tickets WHERE guild_id = ? GROUP BY status", (guild_id,))
    rows = cur.fetchall()
    counts = {status: 0 for status in TicketStatus}
    for row in rows:
        counts[TicketStatus(row[0])] = int(row[1])
    return counts


def update(
    conn: sqlite3.Connection,
    ticket_id: int,
    changes: dict[str, Any],
    *,
    expect_status: Sequence[TicketStatus] | None = None,
) -> Ticket | None:
    """Apply ``changes`` if the ticket is in one of ``expect_status``; None when it was not.

    The condition is part of the UPDATE, so two racing callers cannot both succeed.
    """
    unknown = set(changes) - set(_FIELDS) - {"id"}
    if unknown or "id" in changes:
        raise ValueError(f"cannot update ticket fields {sorted(unknown | ({'id'} & set(changes)))}")
    sets = ", ".join(f"{name} = ?" for name in changes)
    params: list[Any] = [_to_db(name, value) for name, value in changes.items()]
    sql = f"UPDATE tickets SET {sets} WHERE id = ?"
    params.append(ticket_id)
    if expect_status is not None:
        sql += f" AND status IN ({', '.join('?' for _ in expect_status)})"
        params.extend(str(s) for s in expect_status)
    row = conn.execute(sql + f" RETURNING {_COLUMNS}", params).fetchone()
    return None if row is None else _from_row(row)


def mark_warned(conn: sqlite3.Connection, ticket_id: int, due: datetime, now: datetime) -> bool:
    """Note the warning for the period due at ``due`` (False: that period was warned already)."""
    cur = conn.execute(
        "UPDATE tickets SET warned_for = ?, warned_at = ? WHERE id = ? AND status = 'open' "
        "AND (warned_for IS NULL OR warned_for != ?)",
        (ts(due), ts(now), ticket_id, ts(due)),
    )
    return cur.rowcount == 1


def mark_staff_pinged(conn: sqlite3.Connection, ticket_id: int, now: datetime) -> bool:
    """Note that staff were pinged about the ticket; False when they had been already."""
    cur = conn.execute(
        "UPDATE tickets SET staff_pinged_at = ? WHERE id = ? AND staff_pinged_at IS NULL",
        (ts(now), ticket_id),
    )
    return cur.rowcount == 1


def open_for_owner(conn: sqlite3.Connection, group_id: int, owner_id: int) -> list[Ticket]:
    """The owner's tickets in the group that hold a place against the per-user limit."""
    return many(
        conn,
        f"SELECT {_COLUMNS} FROM tickets WHERE group_id = ? AND owner_id = ? AND status IN ('creating', 'open') "
        "ORDER BY number",
        (group_id, owner_id),
        _from_row,
    )


def created_lately(
    conn: sqlite3.Connection, group_id: int, owner_id: int, since: datetime
) -> tuple[datetime | None, int]:
    """When the owner last opened a ticket in the group, and how many they opened since ``since``."""
    row = conn.execute(
        "SELECT MAX(created_at), COUNT(*) FILTER (WHERE created_at >= ?) FROM tickets "
        "WHERE group_id = ? AND owner_id = ?",
        (ts(since), group_id, owner_id),
    ).fetchone()
    return dt(row[0]), int(row[1])


def oldest_closed_among(
    conn: sqlite3.Connection, channel_ids: Sequence[int], keep: int | None
) -> Ticket | None:
    """The closed ticket, among those living in ``channel_ids``, that closed first (never ``keep``)."""
    if not channel_ids:
        return None
    marks = ", ".join("?" for _ in channel_ids)
    return one(
        conn,
        f"SELECT {_COLUMNS} FROM tickets WHERE channel_id IN ({marks}) AND status = 'closed' AND id != ? "
        "ORDER BY closed_at, id LIMIT 1",
        (*channel_ids, keep or 0),
        _from_row,
    )


def closed_past_retention(conn: sqlite3.Connection, now: datetime) -> list[Ticket]:
    """Closed tickets of channel-mode groups kept longer than their group's retention."""
    columns = ", ".join(f"t.{name}" for name in _FIELDS)
    return many(
        conn,
        f"SELECT {columns} FROM tickets t JOIN ticket_groups g ON g.id = t.group_id WHERE t.status = 'closed' "
        "AND g.mode = 'channel' AND g.closed_retention_seconds IS NOT NULL "
        "AND julianday(t.closed_at) + g.closed_retention_seconds / 86400.0 <= julianday(?) ORDER BY t.closed_at",
        (ts(now),),
        _from_row,
    )


def get_by_uuid(conn: sqlite3.Connection, uuid: str) -> Ticket | None:
    return one(conn, f"SELECT {_COLUMNS} FROM tickets WHERE uuid = ?", (uuid,), _from_row)


def in_status(
    conn: sqlite3.Connection, statuses: Sequence[TicketStatus], guild_id: int | None = None
) -> list[Ticket]:
    marks = ", ".join("?" for _ in statuses)
    sql = f"SELECT {_COLUMNS} FROM tickets WHERE status IN ({marks})"
    params: list[Any] = [str(s) for s in statuses]
    if guild_id is not None:
        sql += " AND guild_id = ?"
        params.append(guild_id)
    return many(conn, sql + " ORDER BY id", params, _from_row)


def channels_in_use(conn: sqlite3.Connection, channel_ids: Sequence[int]) -> set[int]:
    """Which of ``channel_ids`` are some ticket's channel."""
    if not channel_ids:
        return set()
    marks = ", ".join("?" for _ in channel_ids)
    cur = conn.execute(f"SELECT channel_id FROM tickets WHERE channel_id IN ({marks})", list(channel_ids))
    return {int(r[0]) for r in cur.fetchall()}


def owner_of_marker(conn: sqlite3.Connection, uuid: str) -> tuple[Ticket | None, bool]:
    """The ticket a channel marker names, and (when there is none) whether it was a given-up opening."""
    ticket = get_by_uuid(conn, uuid)
    return ticket, ticket is None and was_discarded(conn, uuid)


@dataclass(slots=True)
class GuildState:
    """What reconciling a guild with Discord needs from the database, read at once.

    ``live``: tickets that have a channel or thread to check (open ones, and closed ones of channel-mode
    groups: a closed thread is archived and may be one of thousands); ``recently_deleted``: deleted since
    the window, whose channel may be a crash's leftover; ``members``: added members of the live tickets;
    ``heads``: the newest archived message id of each live ticket's channel and notes thread.
    """

    live: list[Ticket]
    recently_deleted: list[Ticket]
    members: dict[int, list[int]]
    heads: dict[int, int]


def guild_state(conn: sqlite3.Connection, guild_id: int, deleted_since: datetime) -> GuildState:
    columns = ", ".join(f"t.{name}" for name in _FIELDS)
    live = many(
        conn,
        f"SELECT {columns} FROM tickets t LEFT JOIN ticket_groups g ON g.id = t.group_id "
        "WHERE t.guild_id = ? AND (t.status = 'open' OR (t.status = 'closed' AND g.mode = 'channel')) "
        "ORDER BY t.id",
        (guild_id,),
        _from_row,
    )
    deleted = many(
        conn,
        f"SELECT {_COLUMNS} FROM tickets WHERE guild_id = ? AND status = 'deleted' AND deleted_at >= ? "
        "AND channel_id IS NOT NULL ORDER BY id",
        (guild_id, ts(deleted_since)),
        _from_row,
    )
    members: dict[int, list[int]] = {}
    heads: dict[int, int] = {}
    for chunk in _chunks([t.id for t in live]):
        marks = ", ".join("?" for _ in chunk)
        for ticket_id, user_id in conn.execute(
            f"SELECT ticket_id, user_id FROM ticket_members WHERE ticket_id IN ({marks}) ORDER BY added_at, user_id",
            chunk,
        ):
            members.setdefault(ticket_id, []).append(user_id)
    channels = [c for t in live for c in (t.channel_id, t.notes_thread_id) if c is not None]
    for chunk in _chunks(channels):
        marks = ", ".join("?" for _ in chunk)
        for channel_id, head in conn.execute(
            f"SELECT channel_id, MAX(message_id) FROM archived_messages WHERE channel_id IN ({marks}) "
            "GROUP BY channel_id",
            chunk,
        ):
            heads[channel_id] = head
    return GuildState(live, deleted, members, heads)


def recent_activity(conn: sqlite3.Connection) -> dict[int, datetime]:
    """The latest activity in each guild's open tickets (to reconcile the busiest guilds first)."""
    found: dict[int, datetime] = {}
    for guild_id, latest in conn.execute(
        "SELECT guild_id, MAX(last_activity) FROM tickets WHERE status = 'open' GROUP BY guild_id"
    ):
        when = dt(latest)
        if when is not None:
            found[guild_id] = when
    return found


def _chunks(values: list[int], size: int = 500) -> list[list[int]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def open_elsewhere_named(
    conn: sqlite3.Connection, parent_id: int | None, name: str, channel_id: int
) -> Ticket | None:
    """An open ticket with this name under ``parent_id`` whose channel is not ``channel_id``."""
    return one(
        conn,
        f"SELECT {_COLUMNS} FROM tickets WHERE channel_parent_id = ? AND name = ? AND channel_id IS NOT NULL "
        "AND channel_id != ? AND status = 'open' LIMIT 1",
        (parent_id, name, channel_id),
        _from_row,
    )


def search(
    conn: sqlite3.Connection,
    guild_id: int,
    *,
    statuses: Sequence[TicketStatus],
    owner_id: int | None = None,
    group_id: int | None = None,
    assigned_id: int | None = None,
    visible_groups: Sequence[int] | None = None,
    visible_owner: int | None = None,
    limit: int = 10,
    offset: int = 0,
) -> tuple[list[Ticket], int]:
    """A page of the guild's tickets, newest first, and how many match in all.

    ``visible_groups`` (with ``visible_owner``) keeps to the tickets of those groups (or that owner's).
    """
    where = [f"guild_id = ? AND status IN ({', '.join('?' for _ in statuses)})"]
    params: list[Any] = [guild_id, *[str(s) for s in statuses]]
    for column, value in (("owner_id", owner_id), ("group_id", group_id), ("assigned_id", assigned_id)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if visible_groups is not None:
        where.append(f"(group_id IN ({', '.join('?' for _ in visible_groups) or 'NULL'}) OR owner_id = ?)")
        params.extend([*visible_groups, visible_owner])
    clause = " AND ".join(where)
    cur = conn.execute(f"SELECT COUNT(*) FROM tickets WHERE {clause}", params)
    row = cur.fetchone()
    total = int(row[0]) if row else 0
    cur = conn.execute(
        f"SELECT {_COLUMNS} FROM tickets WHERE {clause} ORDER BY number DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [_from_row(r) for r in cur.fetchall()], total


def due_to_expire(conn: sqlite3.Connection, now: datetime) -> list[Ticket]:
    return many(
        conn,
        f"SELECT {_COLUMNS} FROM tickets WHERE status = 'open' AND eternal = 0 AND expire_at IS NOT NULL "
        "AND expire_at <= ? ORDER BY expire_at",
        (ts(now),),
        _from_row,
    )


def close_requests_due(conn: sqlite3.Connection, now: datetime) -> list[Ticket]:
    """Open tickets whose close request ran out unanswered."""
    return many(
        conn,
        f"SELECT {_COLUMNS} FROM tickets WHERE close_request_at IS NOT NULL AND status = 'open' "
        "AND close_request_at <= ? ORDER BY close_request_at",
        (ts(now),),
        _from_row,
    )


def next_close_request(conn: sqlite3.Connection) -> datetime | None:
    row = conn.execute(
        "SELECT MIN(close_request_at) FROM tickets WHERE close_request_at IS NOT NULL AND status = 'open'"
    ).fetchone()
    return dt(row[0]) if row and row[0] else None


def next_expiry(conn: sqlite3.Connection) -> datetime | None:
    cur = conn.execute(
        "SELECT MIN(expire_at) FROM tickets WHERE status = 'open' AND eternal = 0 AND expire_at IS NOT NULL"
    )
    row = cur.fetchone()
    return dt(row[0]) if row and row[0] else None


def open_in_inactive_groups(conn: sqlite3.Connection) -> list[tuple[Ticket, int, bool]]:
    """Open, non-eternal tickets of groups with inactivity auto-close: (ticket, seconds, owner-only)."""
    columns = ", ".join(f"t.{name}" for name in _FIELDS)
    cur = conn.execute(
        f"SELECT {columns}, g.inactivity_close_seconds AS limit_s, g.inactivity_owner_only AS owner_only "
        "FROM tickets t JOIN ticket_groups g ON g.id = t.group_id "
        "WHERE t.status = 'open' AND t.eternal = 0 AND g.inactivity_close_seconds IS NOT NULL",
    )
    rows = cur.fetchall()
    return [(_from_row(r), int(r["limit_s"]), bool(r["owner_only"])) for r in rows]


def open_owned_by(conn: sqlite3.Connection, guild_id: int, owner_id: int) -> list[Ticket]:
    return many(
        conn,
        f"SELECT {_COLUMNS} FROM tickets WHERE guild_id = ? AND owner_id = ? AND status IN ('open', 'closed') "
        "ORDER BY number",
        (guild_id, owner_id),
        _from_row,
    )


def free_slot(conn: sqlite3.Connection, group_id: int, owner_id: int, limit: int, ignore: int) -> int | None:
    """The owner's lowest free slot in the group (ignoring ticket ``ignore``); 0 when none is free."""
    if not limit:
        return None
    cur = conn.execute(
        "SELECT open_slot FROM tickets WHERE group_id = ? AND owner_id = ? AND open_slot IS NOT NULL AND id != ?",
        (group_id, owner_id, ignore),
    )
    used = {int(r[0]) for r in cur.fetchall()}
    return admission.free_slot(used, limit)


def get_by_any_channel(conn: sqlite3.Connection, channel_id: int) -> tuple[Ticket, str] | None:
    """The ticket whose channel (``"ticket"``) or notes thread (``"notes"``) this is, in one lookup."""
    cur = conn.execute(
        f"SELECT {_COLUMNS} FROM tickets WHERE channel_id = ? OR notes_thread_id = ? LIMIT 1",
        (channel_id, channel_id),
    )
    row = cur.fetchone()
    if row is None:
        return None
    ticket = _from_row(row)
    return ticket, "ticket" if ticket.channel_id == channel_id else "notes"


# -- a member's data (see storage/privacy.py) ----------------------------------------------------------

MEMBER_COLUMNS = {
    "tickets": ("owner_id", "assigned_id", "opened_by_id", "source_author_id", "close_request_by")
}
MEMBER_TEXT = {"tickets": ("form", "closed_reason", "name", "close_request_reason")}
# Other members' tickets whose form answers picked the member (a user select): their ids sit in the JSON.
_PICKED = (
    "owner_id != :user AND EXISTS (SELECT 1 FROM json_each(form) AS a WHERE json_extract(a.value, '$.type') = 'user' "
    "AND (', ' || json_extract(a.value, '$.value') || ',') LIKE '%, ' || :plain || ',%')"
)


def member_count(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, int]:
    p = member_params(guild_id, user_id)

    def tickets_where(condition: str) -> int:
        return scalar(conn, f"SELECT COUNT(*) FROM tickets WHERE guild_id = :guild AND {condition}", p)

    return {
        "tickets_owned": tickets_where("owner_id = :user"),
        "tickets_assigned": tickets_where("assigned_id = :user"),
        "form_answers": tickets_where("owner_id = :user AND form != '[]'"),
        "tickets_opened_for_others": tickets_where("opened_by_id = :user"),
        "form_picks": tickets_where(_PICKED),
        "quoted": tickets_where("source_author_id = :user AND owner_id != :user"),
        "close_reasons": tickets_where(mentions("closed_reason")),
        "close_requests": tickets_where("close_request_by = :user"),
    }


def member_export(conn: sqlite3.Connection, guild_id: int, user_id: int) -> dict[str, Any]:
    p = member_params(guild_id, user_id)
    owned = rows(
        conn,
        "SELECT number, status, created_at, closed_at, closed_reason, form, rating FROM tickets "
        "WHERE guild_id = :guild AND owner_id = :user ORDER BY number",
        p,
    )
    for ticket in owned:
        ticket["form"] = loads(ticket["form"], [])
    picked = rows(
        conn, f"SELECT number, form FROM tickets WHERE guild_id = :guild AND {_PICKED} ORDER BY number", p
    )
    return {
        "tickets_owned": owned,
        "tickets_assigned": rows(
            conn,
            "SELECT number, status FROM tickets WHERE guild_id = :guild AND assigned_id = :user ORDER BY number",
            p,
        ),
        "tickets_opened_for_others": rows(
            conn,
            "SELECT number FROM tickets WHERE guild_id = :guild AND opened_by_id = :user ORDER BY number",
            p,
        ),
        "picked_in_forms": [
            {"ticket": row["number"], "question": answer["title"]}
            for row in picked
            for answer in loads(row["form"], [])
            if _picks(answer, user_id)
        ],
        "quoted_in_tickets": rows(
            conn,
            "SELECT number FROM tickets WHERE guild_id = :guild AND source_author_id = :user AND owner_id != :user "
            "ORDER BY number",
            p,
        ),
        "close_requests": rows(
            conn,
            "SELECT number, close_request_reason AS reason, close_request_at AS closes_at FROM tickets "
            "WHERE guild_id = :guild AND close_request_by = :user ORDER BY number",
            p,
        ),
    }


def _picks(answer: dict[str, Any], user_id: int) -> bool:
    return answer.get("type") == "user" and str(user_id) in [
        v.strip() for v in str(answer.get("value", "")).split(",")
    ]


def _without(answer: dict[str, Any], user_id: int) -> dict[str, Any]:
    """A user-select answer with the member's id replaced by the tombstone."""
    if not _picks(answer, user_id):
        return answer
    values = [
        str(TOMBSTONE) if v.strip() == str(user_id) else v.strip() for v in str(answer["value"]).split(",")
    ]
    return {**answer, "value": ", ".join(values)}


def member_erase(conn: sqlite3.Connection, guild_id: int, user_id: int) -> None:
    """Their form answers and custom ticket names go; their id becomes the tombstone everywhere here,
    in other members' form answers too."""
    p = member_params(guild_id, user_id)
    for row in rows(conn, f"SELECT id, form FROM tickets WHERE guild_id = :guild AND {_PICKED}", p):
        form = [_without(answer, user_id) for answer in loads(row["form"], [])]
        conn.execute("UPDATE tickets SET form = ? WHERE id = ?", (dumps(form), row["id"]))
    # the reasons they gave when they closed or deleted a ticket are their words (read before events forget them)
    conn.execute(
        "UPDATE tickets SET closed_reason = :text WHERE guild_id = :guild AND closed_reason IS NOT NULL AND id IN "
        "(SELECT ticket_id FROM events WHERE actor_id = :user AND action IN ('close', 'delete') AND reason IS NOT NULL)",
        p,
    )
    conn.execute(
        "UPDATE tickets SET form = '[]', name = 'ticket-' || number, custom_name = 0, owner_id = :tomb "
        "WHERE guild_id = :guild AND owner_id = :user",
        p,
    )
    conn.execute(
        "UPDATE tickets SET close_request_reason = :text WHERE guild_id = :guild AND close_request_by = :user "
        "AND close_request_reason IS NOT NULL",
        p,
    )
    conn.execute(
        f"UPDATE tickets SET {unmention('close_request_reason')} WHERE guild_id = :guild AND "
        f"{mentions('close_request_reason')}",
        p,
    )
    for column in ("assigned_id", "opened_by_id", "source_author_id", "close_request_by"):
        conn.execute(f"UPDATE tickets SET {column} = :tomb WHERE guild_id = :guild AND {column} = :user", p)
    conn.execute(
        f"UPDATE tickets SET {unmention('closed_reason')} WHERE guild_id = :guild AND {mentions('closed_reason')}",
        p,
    )
